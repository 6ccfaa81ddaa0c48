#!/usr/bin/env python3.13
"""Compare gotcha's token dump with CPython 3.13's tokenize module (the same C tokenizer).

    python3.13 compare_tokens.py [--cmd "build/gotcha dump-tokens"] [-j N] [-v] PATH...

PATHs are .py files or folders (searched recursively). tokenize's extra tokens are mapped to the parser's
view: COMMENT and NL dropped, OP by exact type, keywords as KW_*, character columns turned into UTF-8
byte columns, NEWLINE ending one column after its start. A file that tokenize rejects must be rejected by
gotcha too (unless ast.parse only fails later, decoding a string); a file only gotcha rejects must fail
ast.parse with the same message. Prints one line per differing file and a summary; exit status 1 when any file differs.
"""
import argparse
import ast
import io
import keyword
import os
import re
import shlex
import subprocess
import sys
import tokenize
from concurrent.futures import ThreadPoolExecutor

NEWLINES = re.compile(r"\r\n|\r|\n")


def escape(text):
    out = []
    for ch in text:
        o = ord(ch)
        if ch in "\\'":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def source_lines(data):
    """The file's lines as text (BOM removed), split on the newlines the tokenizer knows."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    text = data.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines, pos = [], 0
    for m in NEWLINES.finditer(text):
        lines.append(text[pos:m.start()])
        pos = m.end()
    lines.append(text[pos:])
    return lines


def byte_col(lines, lineno, col):
    if 1 <= lineno <= len(lines):
        return len(lines[lineno - 1][:col].encode("utf-8"))
    return col


def expected_dump(data):
    lines = source_lines(data)
    out = []
    for tok in tokenize.tokenize(io.BytesIO(data).readline):
        kind = tokenize.tok_name[tok.type]
        if kind in ("ENCODING", "COMMENT", "NL"):
            continue
        if kind == "OP":
            kind = tokenize.tok_name[tok.exact_type]
        elif kind == "NAME" and keyword.iskeyword(tok.string):
            kind = "KW_" + tok.string
        (sl, sc), (el, ec) = tok.start, tok.end
        sc, ec = byte_col(lines, sl, sc), byte_col(lines, el, ec)
        if kind == "NEWLINE":
            el, ec = sl, sc + 1
        out.append(f"{kind} {escape(tok.string)} {sl},{sc}-{el},{ec}")
    return out


def ast_parse_error(data):
    """ast.parse's error message for the file, or None when it parses."""
    try:
        ast.parse(data)
    except SyntaxError as e:
        return e.msg
    except (ValueError, UnicodeDecodeError) as e:
        return str(e)
    return None


def check(cmd, path):
    """Returns None when gotcha agrees, else a one-line description of the first difference."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        want = expected_dump(data)
    except (SyntaxError, tokenize.TokenError, UnicodeDecodeError) as e:
        want = None
        why = f"{type(e).__name__}: {e}"
    run = subprocess.run(cmd + [path], capture_output=True)
    got = run.stdout.decode("utf-8", "surrogateescape").rstrip("\n").split("\n")
    if want is None:
        # tokenize decodes the whole file first; ast.parse only decodes string bodies, later, in the
        # parser (gotcha: str_decode_literal), so those files must lex fine here.
        parse_error = ast_parse_error(data)
        if run.returncode == 0 and not (parse_error is None or parse_error.startswith("(unicode error)")):
            return f"{path}: tokenize rejects ({why}) but gotcha accepts"
        return None
    if run.returncode != 0:
        # tokenize does not check identifiers (PEP 3131) or numbers; ast.parse must then fail the same way.
        parse_error = ast_parse_error(data)
        message = got[0] if got else ""
        if parse_error is None or not message.startswith(f"SyntaxError: {parse_error} ("):
            return f"{path}: gotcha rejects ({message}) but ast.parse says {parse_error!r}"
        return None
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            return f"{path}: token {i}: want {w!r} got {g!r}"
    if len(want) != len(got):
        return f"{path}: {len(want)} tokens wanted, {len(got)} got"
    return None


def python_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(".py"):
                        yield os.path.join(root, name)
        else:
            yield p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmd", default="build/gotcha dump-tokens")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 4)
    ap.add_argument("-v", action="store_true", help="print the files that agree too")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    cmd = shlex.split(args.cmd)
    files = list(python_files(args.paths))
    with ThreadPoolExecutor(args.j) as pool:
        results = list(pool.map(lambda p: check(cmd, p), files))
    bad = [r for r in results if r]
    for r in bad:
        print(r)
    if args.v:
        for f, r in zip(files, results):
            if not r:
                print(f"{f}: ok")
    print(f"{len(files)} files, {len(bad)} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
