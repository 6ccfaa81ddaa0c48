#!/usr/bin/env python3.13
"""Character-level differential test of the lexer: CPython 3.13's ast.parse against gotcha.

    python3.13 char_mutants.py --gotcha build/gotcha [--count N] [--seed S] [--out DIR]

Takes windows of 5-40 lines from string- and f-string-heavy standard-library files and inserts,
deletes or replaces one to three bytes with quotes, braces, brackets, backslashes, newlines, CR, tabs,
form feeds, '#', string prefix letters, number chars, invalid UTF-8... (the token-level mutants of
tests/oracle/mutants.py seldom cut a string in the middle). Accept/reject must agree with
ast.parse. Disagreeing mutants are saved to DIR. Prints one test-protocol line; exit status 1 on
any disagreement. The same seed gives the same mutants.
"""
import argparse
import ast
import os
import random
import sys
import sysconfig
import textwrap
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oracle"))
from mutants import gotcha_verdicts  # noqa: E402  (runs `gotcha dump-ast --batch-sources`)

SOURCES = ["test/test_fstring.py", "test/test_grammar.py", "test/test_string_literals.py",
           "test/test_tokenize.py", "tokenize.py", "textwrap.py"]
INTERESTING = list(b"'\"{}()[]\\\n\r\t#fFrRbBuU0_.ej:!= ") + [0xFF, 0xC3, 0x0C]


def make_mutants(count, seed):
    stdlib = sysconfig.get_paths()["stdlib"]
    texts = []
    for name in SOURCES:
        with open(os.path.join(stdlib, name), "rb") as f:
            texts.append(f.read().split(b"\n"))
    rng = random.Random(seed)
    for _ in range(count):
        lines = rng.choice(texts)
        first = rng.randrange(len(lines))
        window = b"\n".join(lines[first:first + rng.randint(5, 40)]) + b"\n"
        # Dedented, so that most windows parse before being mutated (latin-1 keeps the bytes as they are).
        data = bytearray(textwrap.dedent(window.decode("latin-1")).encode("latin-1"))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(data) + 1)
            op = rng.randrange(3) if at < len(data) else 2
            if op == 0:
                data[at] = rng.choice(INTERESTING)
            elif op == 1:
                del data[at]
            else:
                data.insert(at, rng.choice(INTERESTING))
        yield bytes(data)


def cpython_accepts(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, "<mutant>", "exec", ast.PyCF_ONLY_AST)
            return True, ""
        except (SyntaxError, ValueError, RecursionError, MemoryError, UnicodeDecodeError) as e:
            return False, f"{type(e).__name__}: {getattr(e, 'msg', e)} (line {getattr(e, 'lineno', None)})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gotcha", required=True)
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    mutants = list(make_mutants(args.count, args.seed))
    ours, status, stderr = gotcha_verdicts(args.gotcha, mutants)
    bad = accepted_count = 0
    for i, (data, our) in enumerate(zip(mutants, ours)):
        accepted, why = cpython_accepts(data)
        accepted_count += accepted
        if our is not None and our[0] == accepted:
            continue
        bad += 1
        if bad <= 10:
            print(f"# mutant {i}: CPython {'accepts' if accepted else 'rejects: ' + why}; "
                  f"gotcha {'crashed' if our is None else our[1][:120]!r}")
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            with open(os.path.join(args.out, f"char-mutant-{i:06d}.py"), "wb") as f:
                f.write(data)
    if status != 0:
        print(f"# gotcha exited with status {status}: {stderr[-300:]!r}")
    ok = bad == 0 and status == 0
    print(f"{'ok' if ok else 'not ok'} - char mutants accept/reject == CPython 3.13: "
          f"{len(mutants)} mutants (seed {args.seed}), CPython accepts {accepted_count}, {bad} disagreements")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
