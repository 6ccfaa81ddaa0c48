#!/bin/sh
# Compare gotcha's parser with CPython 3.13 on the given files.
# usage: compare.sh DRIVER PY313 FILE...   (DRIVER: tests/parser/driver binary)
# Prints one line per differing file ("DIFF path" / "ACCEPT-REJECT path ..."), then a summary;
# exits 1 when any file differs. Messages of syntax errors are not compared, only rejection.
driver=$1; py=$2; shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$driver" "$@" > "$tmp/ours" 2>&1
"$py" "$(dirname "$0")/oracle_dump.py" "$@" > "$tmp/theirs" 2>&1
"$py" - "$tmp/ours" "$tmp/theirs" <<'PY'
import sys
def split(path):
    files, cur = {}, None
    for line in open(path, encoding="utf-8", errors="surrogateescape"):
        if line.startswith("=== "):
            cur = line[4:].rstrip("\n"); files[cur] = []
        elif cur is not None:
            files[cur].append(line)
    return files
ours, theirs = split(sys.argv[1]), split(sys.argv[2])
bad = 0
for path, want in theirs.items():
    got = ours.get(path, ["<missing>\n"])
    w, g = "".join(want), "".join(got)
    if w.startswith("SyntaxError") and g.startswith("SyntaxError"):
        continue
    if w.startswith("RecursionError"):
        continue
    if w != g:
        bad += 1
        kind = "ACCEPT-REJECT" if w.startswith("SyntaxError") != g.startswith("SyntaxError") else "DIFF"
        print("%s %s" % (kind, path))
        if kind == "ACCEPT-REJECT":
            print("#   cpython: %s#   gotcha:  %s" % (w[:200], g[:200]))
print("%d files, %d differ" % (len(theirs), bad))
sys.exit(1 if bad else 0)
PY
