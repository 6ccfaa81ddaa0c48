#!/usr/bin/env python3.13
"""Compare gotcha's decoding of every STRING token with CPython 3.13's.

    python3.13 compare_strings.py --cmd "build/tests/test_lexer --dump-strings" PATH...

For each file, tokenize finds the STRING tokens and ast.literal_eval decodes each one alone (escapes,
\\N{...}, raw, bytes, newline translation); gotcha's test_lexer prints the same tokens decoded with
str_decode_literal. Values are compared as UTF-8 bytes (lone surrogates as 3-byte sequences).
Exit status 1 when any token differs.
"""
import argparse
import io
import os
import shlex
import subprocess
import sys
import tokenize
import warnings
from concurrent.futures import ThreadPoolExecutor
import ast

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_tokens import byte_col, python_files, source_lines  # noqa: E402


def expected(data):
    lines = source_lines(data)
    out = []
    for tok in tokenize.tokenize(io.BytesIO(data).readline):
        if tok.type != tokenize.STRING:
            continue
        line, col = tok.start[0], byte_col(lines, *tok.start)
        prefix = tok.string[: min(i for i in (tok.string.find("'"), tok.string.find('"')) if i >= 0)]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = ast.literal_eval(tok.string)
        except SyntaxError as e:
            out.append(f"{line},{col} error {e.msg}")
            continue
        kind = "bytes" if isinstance(value, bytes) else "str"
        if "u" in prefix.lower():
            kind += "-u"
        raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
        out.append(f"{line},{col} {kind} {raw.hex()}")
    return out


def check(cmd, path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        want = expected(data)
    except (SyntaxError, tokenize.TokenError, UnicodeDecodeError):
        return None   # not tokenizable: compare_tokens.py covers these files
    run = subprocess.run(cmd + [path], capture_output=True)
    got = run.stdout.decode("utf-8", "replace").rstrip("\n").split("\n") if run.stdout else []
    if got and got[0].startswith("error "):
        return None   # the lexer rejects the file; compare_tokens.py checks that against CPython
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            return f"{path}: string {i}: want {w[:200]!r} got {g[:200]!r}"
    if len(want) != len(got):
        return f"{path}: {len(want)} strings wanted, {len(got)} got"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmd", default="build/tests/test_lexer --dump-strings")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 4)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    cmd = shlex.split(args.cmd)
    files = list(python_files(args.paths))
    with ThreadPoolExecutor(args.j) as pool:
        bad = [r for r in pool.map(lambda p: check(cmd, p), files) if r]
    for r in bad:
        print(r)
    print(f"{len(files)} files, {len(bad)} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
