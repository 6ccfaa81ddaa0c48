#!/usr/bin/env bash
# Generated sources are exactly what `make regen` writes (mk/regen.mk). A generated file is a file
# under src/ whose first line says "Do not edit". The suite copies the build files, the generators
# and src/ to a temporary folder, spoils every generated file there (so a file no generator writes
# shows up), runs `make regen` on the copy with CPython 3.13 and compares with the committed files.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$root/tests/lib/python.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

generated=()
while IFS= read -r f; do
    head -n 1 "$root/$f" | grep -qi 'do not edit' && generated+=("$f")
done < <(cd "$root" && find src -name '*.[ch]' | sort)
if [ ${#generated[@]} -ge 3 ]; then
    echo "ok - generated files found: ${#generated[@]}"
else
    echo "not ok - generated files found: ${#generated[@]} (expected the AST and Unicode tables)"
fi

if ! py=$(cpython_path 3.13); then
    skip "generated files are what make regen writes (its generators read CPython 3.13)" "$(cpython_missing 3.13)"
    exit 0
fi
cp -r "$root/Makefile" "$root/mk" "$root/tools" "$root/src" "$tmp/"
for f in "${generated[@]}"; do
    echo '/* stale */' >> "$tmp/$f"
done
# A clean make: not the jobserver of a `make test` that may be running this suite.
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$tmp" --no-print-directory regen PY313="$py" \
        > "$tmp/regen.log" 2>&1; then
    echo "ok - make regen runs"
else
    echo "not ok - make regen runs"
    tail -n 10 "$tmp/regen.log" | sed 's/^/# /'
fi

for f in "${generated[@]}"; do
    if cmp -s "$root/$f" "$tmp/$f"; then
        echo "ok - $f is what make regen writes"
    else
        echo "not ok - $f is what make regen writes (run make regen and commit)"
        diff "$root/$f" "$tmp/$f" | head -n 10 | sed 's/^/# /'
    fi
done

for f in "${generated[@]}"; do   # checked above: now only the other files may differ
    cp "$root/$f" "$tmp/$f"
done
if diff -rq "$root/src" "$tmp/src" > "$tmp/tree.diff" 2>&1; then
    echo "ok - make regen changes no other file under src/"
else
    echo "not ok - make regen changes no other file under src/"
    head -n 10 "$tmp/tree.diff" | sed 's/^/# /'
fi
