"""Writes the bad-input files of tests/suites/70-hardening.sh into the folder given as argv[1].

One file per case, named after it; all are generated (deterministic bytes), none committed.
Run by CPython 3.13, which the suite also asks whether it accepts each file (ast.parse).
"""
import os
import sys

DEPTH = 100_000


def deep_indented_ifs(levels):
    """`if x:` nested `levels` deep, one space of indentation more per level."""
    lines = [" " * i + "if x:\n" for i in range(levels)]
    lines.append(" " * levels + "pass\n")
    return "".join(lines).encode()


def many_defaults(count):
    """One def with `count` list defaults on one line: `count` findings quoting that long line."""
    params = "".join("a%d=[], " % i for i in range(count))
    return ("def f(" + params + "):\n    a0.append(1)\n").encode()


CASES = {
    # bytes that are not text at all: every byte value, NULs included, no newline structure
    "binary": bytes(range(256)) * 16,
    "elf_header": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x03\x00>\x00",
    "nul_in_code": b"x = 1\x00\ny = 2\n",
    "nul_in_string": b"x = 'a\x00b'\n",
    "nul_in_comment": b"# comment \x00 here\nx = 1\n",
    "invalid_utf8_code": b"x = 1\ny\xff = 2\n",
    "invalid_utf8_string": b"x = 'caf\xe9'\n",
    "invalid_utf8_bytes_literal": b"x = b'caf\xe9'\n",
    "invalid_utf8_comment": b"x = 1  # caf\xe9\ny = 2\n",
    "truncated_utf8_at_eof": b"x = '\xe2\x82",
    "overlong_utf8": b"x = '\xc0\xaf'\n",
    "encoded_surrogate_utf8": b"x = '\xed\xa0\x80'\n",
    "lone_surrogate_escape": b"x = '\\ud800'\ny = '\\udfff\\ud800'\nz = f'{x}\\udc80'\n",
    "surrogate_escape_bytes": b"x = b'\\ud800'\n",
    "escape_above_unicode": b"x = '\\U00110000'\n",
    "truncated_escape": b"x = '\\x4'\n",
    "cr_only": b"def f(x=[]):\r    x.append(1)\r    return x\r",
    "cr_only_no_final": b"x = 1\ry = 2",
    "mixed_newlines": b"x = 1\r\ny = 2\rz = 3\n",
    "bom_only": b"\xef\xbb\xbf",
    "bom_twice": b"\xef\xbb\xbf\xef\xbb\xbfx = 1\n",
    "empty": b"",
    "only_newlines": b"\n" * 10000,
    "unterminated_triple_double": b'x = """never closed\n' + b"line\n" * 1000,
    "unterminated_triple_single": b"def f():\n    '''doc\n",
    "unterminated_fstring": b"x = f'{y\n",
    "unterminated_bracket": b"x = (1,\n",
    "long_line_1mb": b"x = [" + b"1, " * 349_525 + b"]\n",
    "long_string_1mb": b"x = '" + b"a" * (1 << 20) + b"'\n",
    "long_comment_1mb": b"#" + b"x" * (1 << 20) + b"\n",
    "nested_parens": b"(" * DEPTH + b"1" + b")" * DEPTH + b"\n",
    "nested_brackets_unclosed": b"[" * DEPTH + b"\n",
    "nested_mixed_brackets": b"[{(" * (DEPTH // 3) + b"\n",
    "nested_ifs_indented": deep_indented_ifs(2000),
    "elif_chain": b"if x: pass\n" + b"elif x: pass\n" * DEPTH,
    "conditional_chain": b"y = " + b"1 if x else " * DEPTH + b"1\n",
    "binop_chain": b"y = " + b"1 + " * DEPTH + b"1\n",
    "attribute_chain": b"y = " + b"a." * DEPTH + b"a\n",
    "call_chain": b"y = f" + b"()" * DEPTH + b"\n",
    "unary_chain": b"y = " + b"-" * DEPTH + b"1\n",
    "not_chain": b"y = " + b"not " * DEPTH + b"x\n",
    "lambda_chain": b"y = " + b"lambda: " * DEPTH + b"1\n",
    "nested_fstrings": b"y = " + b"f'{" * 200 + b"1" + b"}'" * 200 + b"\n",
    "many_defaults": many_defaults(2000),
    "tabs_and_spaces": b"if x:\n\tif y:\n        pass\n",
    "form_feed_indent": b"if x:\n\x0c    pass\n",
    "latin1_cookie": b"# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n",
    "unknown_cookie": b"# -*- coding: klingon -*-\nx = 1\n",
    "utf16_cookie": b"# coding: utf-16\nx = 1\n",
    # CR-only lines: line 2 is code, so its comment is no cookie and the latin-1 byte is an error
    "cr_only_cookie_in_code_line": b"# header\rx = 1  # coding: latin-1\ry = 'caf\xe9'\r",
    "cookie_with_bom_mismatch": b"\xef\xbb\xbf# coding: latin-1\nx = 1\n",
    "backslash_at_eof": b"x = 1 \\",
    "invalid_character": b"x = 1 \xe2\x82\xac 2\n",
    "noqa_garbage": b"x = 1  # noqa: \xc3\xa9\xc3\xa9,,, GT, GT99999999999999999999\n",
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, data in CASES.items():
        with open(os.path.join(out, name + ".py"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
