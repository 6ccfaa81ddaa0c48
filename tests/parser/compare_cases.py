"""Parser cases against CPython 3.13: `gotcha dump-ast --batch` versus ast.parse in-process.

usage: compare_cases.py --gotcha BIN [--check-lines] [--name NAME] FILE...

For every file: accepted by both with byte-identical dumps, or rejected by both (with the same
error line when --check-lines). Files named err_*.py must be rejected by CPython and ok_*.py
accepted, so the case set itself stays meaningful. Prints one test-protocol line; exits 1 on
any difference."""
import argparse
import ast
import os
import subprocess
import sys
import warnings

warnings.simplefilter("ignore")
sys.setrecursionlimit(100000)  # ast.dump recurses once per tree level; CPython's trees go ~10,000 deep
REJECT = (SyntaxError, ValueError, RecursionError, MemoryError)
ACCEPTED_NO_DUMP = "<accepted; too deep for ast.dump>"


def cpython_verdict(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        tree = ast.parse(data)
    except REJECT as e:
        return None, getattr(e, "lineno", None)
    try:
        return ast.dump(tree, include_attributes=True), None
    except RecursionError:
        return ACCEPTED_NO_DUMP, None


def gotcha_outputs(gotcha, paths):
    proc = subprocess.run([gotcha, "dump-ast", "--batch"], input=b"\0".join(p.encode() for p in paths),
                          stdout=subprocess.PIPE, check=False)
    if proc.returncode < 0:
        sys.exit("gotcha died with signal %d" % -proc.returncode)
    outs = proc.stdout.split(b"\0")
    return [o.decode("utf-8", "surrogateescape").rstrip("\n") for o in outs[:len(paths)]]


def error_line(text):
    # "SyntaxError: MSG (line L, column C)"
    tail = text.rsplit("(line ", 1)
    return int(tail[1].split(",")[0]) if len(tail) == 2 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gotcha", required=True)
    ap.add_argument("--check-lines", action="store_true")
    ap.add_argument("--name", default="parser cases")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    ours = gotcha_outputs(args.gotcha, args.files)
    problems = []
    for path, got in zip(args.files, ours):
        want, want_line = cpython_verdict(path)
        base = os.path.basename(path)
        if base.startswith("err_") and want is not None:
            problems.append("%s: named err_ but CPython accepts it" % path)
        if base.startswith("ok_") and want is None:
            problems.append("%s: named ok_ but CPython rejects it" % path)
        got_rejects = got.startswith("SyntaxError") or got.startswith("Error")
        if want is None and not got_rejects:
            problems.append("%s: CPython rejects (line %s), gotcha accepts" % (path, want_line))
        elif want is not None and got_rejects:
            problems.append("%s: CPython accepts, gotcha says %s" % (path, got))
        elif want is not None and want != got and want != ACCEPTED_NO_DUMP:
            at = next((i for i, (x, y) in enumerate(zip(want, got)) if x != y), min(len(want), len(got)))
            problems.append("%s: dump differs at %d: ...%s... vs ...%s..."
                            % (path, at, got[max(0, at - 60):at + 40], want[max(0, at - 60):at + 40]))
        elif want is None and args.check_lines and want_line is not None and error_line(got) != want_line:
            problems.append("%s: error line %s, CPython's %s (%s)" % (path, error_line(got), want_line, got))
    if problems:
        print("not ok - %s: %d of %d files differ" % (args.name, len(problems), len(args.files)))
        for p in problems[:30]:
            print("# " + p)
        return 1
    print("ok - %s: %d files" % (args.name, len(args.files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
