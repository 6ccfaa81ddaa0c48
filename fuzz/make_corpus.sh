#!/usr/bin/env bash
# Builds the fuzzing seed corpus in folder $1 from the test fixtures (rule examples, parser and
# lexer cases) and a few standard library modules of CPython 3.13 (small ones, so mutations stay fast).
# Files above 64 KiB are skipped: libFuzzer runs with -max_len=65536.
set -eu
out=${1:?usage: make_corpus.sh OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
max_bytes=65536

add() {  # add FILE under a name that keeps its origin readable
    local file=$1 name=$2
    [ -f "$file" ] && [ "$(stat -c %s "$file")" -le "$max_bytes" ] && cp "$file" "$out/$name"
    return 0
}

for f in "$root"/tests/rules/*.py; do add "$f" "rules-$(basename "$f")"; done
for dir in parser lexer; do
    [ -d "$root/tests/$dir/cases" ] || continue
    find "$root/tests/$dir/cases" -type f | sort | while read -r f; do
        add "$f" "$dir-$(basename "$f")"
    done
done
for f in "$root"/tests/parser/err_*.py; do add "$f" "parser-$(basename "$f")"; done

# CPython 3.13's standard library (tests/lib/python.sh finds the interpreter); none: fixtures only.
stdlib=/nonexistent
if py=$("$root/tests/lib/python.sh" 3.13 2>/dev/null); then
    stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
fi
for mod in keyword.py this.py bisect.py colorsys.py contextlib.py dataclasses.py enum.py \
           functools.py string.py textwrap.py typing.py abc.py copy.py heapq.py \
           json/decoder.py asyncio/tasks.py test/test_grammar.py test/test_patma.py \
           test/test_fstring.py test/test_unicode_identifiers.py test/badsyntax_pep3120.py; do
    add "$stdlib/$mod" "stdlib-${mod//\//-}"
done
echo "seed corpus: $(find "$out" -type f | wc -l) files in $out"
