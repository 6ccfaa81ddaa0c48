"""Write deeply nested inputs into DIR (argument): brackets, unary chains, lambdas, if-else,
elif, attribute and operator chains, just under and over CPython 3.13's limits."""
import os
import sys

out = sys.argv[1]
cases = {
    "parens_200": "(" * 200 + "x" + ")" * 200,
    "parens_201": "(" * 201 + "x" + ")" * 201,
    "lists_100k": "[" * 100000,
    "unary_5900": "-" * 5900 + "x",
    "unary_100k": "-" * 100000 + "x",
    "not_100k": "not " * 100000 + "x",
    "lambda_2900": "lambda: " * 2900 + "x",
    "lambda_100k": "lambda: " * 100000 + "x",
    "ifexp_5900": "a if b else " * 5900 + "x",
    "ifexp_100k": "a if b else " * 100000 + "x",
    "power_2900": "2**" * 2900 + "x",
    "power_100k": "2**" * 100000 + "x",
    "attr_9994": "x" + ".a" * 9994,
    "attr_9995": "x" + ".a" * 9995,
    "call_100k": "x" + "()" * 100000,
    "binop_100k": "x" + "+x" * 100000,
    "unary_then_attr": "-" * 4000 + "x" + ".a" * 5995,
    "elif_5000": "if a: pass\n" + "elif b: pass\n" * 5000,
    "elif_20k": "if a: pass\n" + "elif b: pass\n" * 20000,
    "if_indent_1000": "".join(" " * i + "if x:\n" for i in range(1000)) + " " * 1000 + "pass",
    "fstring_200": 'f"{' * 200 + "x" + '}"' * 200,
    "dicts_300": "{1:" * 300 + "1" + "}" * 300,
    "walrus_100k": "(a:=" * 100000,
    "subscripts_250": "a" + "[1" * 250 + "]" * 250,
    "pattern_300": "match x:\n case " + "[" * 300 + "a" + "]" * 300 + ": pass",
}
for name, text in cases.items():
    with open(os.path.join(out, name + ".py"), "w") as f:
        f.write(text + "\n")
