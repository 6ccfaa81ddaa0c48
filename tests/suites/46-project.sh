#!/usr/bin/env bash
# The project phase (src/project/): multi-module packages under tests/project/CASE/, checked as a
# whole, must give tests/project/CASE.expected exactly (regenerate with tests/project/update.sh),
# with both builds, on 1 and 4 threads; the packages hold positives and negatives of findings that
# only another module decides (a callee that mutates, an imported constant). Run from the root.
set -u
cd "${GOTCHA_ROOT:-$(dirname "$0")/../..}"
GOTCHA=${GOTCHA:-build/gotcha}
GOTCHA_ASAN=${GOTCHA_ASAN:-build-asan/gotcha}

check_case() {    # name binary case threads
    local name=$1 bin=$2 c=$3 threads=$4 select=GT1 out
    [ -f "tests/project/$c.select" ] && read -r select <"tests/project/$c.select"
    out=$("$bin" check --isolated --no-cache --threads "$threads" --select "$select" --output-format concise \
          "tests/project/$c" 2>&1)
    if [ $? -gt 1 ]; then
        echo "not ok - $name"
        sed 's/^/# /' <<<"$out" | head -20
    elif diff -u "tests/project/$c.expected" <(printf '%s\n' "$out") >/tmp/gotcha-45.$$ 2>&1; then
        echo "ok - $name"
    else
        echo "not ok - $name"
        sed 's/^/# /' /tmp/gotcha-45.$$ | head -40
    fi
    rm -f /tmp/gotcha-45.$$
}

for dir in tests/project/*/; do
    c=$(basename "$dir")
    for threads in 1 4; do
        check_case "project $c ($threads threads)" "$GOTCHA" "$c" "$threads"
    done
    if [ -x "$GOTCHA_ASAN" ]; then
        check_case "project $c (sanitizer build)" "$GOTCHA_ASAN" "$c" 2
    fi
done

# The fixtures must show the phase at work: GT101 findings that name a callee in another file.
if grep -q 'is mutated by `remember` (tests/project/app/helpers.py:' tests/project/app.expected; then
    echo "ok - project: a callee of another module is named with its file and line"
else
    echo "not ok - project: a callee of another module is named with its file and line"
fi

# Without the project phase (a file read from stdin) the same function keeps its local verdict.
out=$("$GOTCHA" check --isolated --select GT101,GT103 --output-format concise \
      --stdin-filename tests/project/app/views.py - <tests/project/app/views.py 2>&1)
if grep -q 'GT103 mutable default `seen=\[\]` of `track`' <<<"$out" && ! grep -q 'GT101.*`track`' <<<"$out"; then
    echo "ok - project: stdin alone keeps the local verdict (GT103)"
else
    echo "not ok - project: stdin alone keeps the local verdict (GT103)"
    sed 's/^/# /' <<<"$out" | head -10
fi

# A file checked alone gets the findings it gets when its whole package is checked: the project
# phase reads the rest of its package (without reporting it). Also with a warm cache.
for f in tests/project/app/views.py tests/project/app/basket.py tests/project/escapes/store.py tests/project/bare/store.py tests/project/instances/use.py tests/project/stars/use.py tests/project/factories/models.py tests/project/srclay/src/lib/use.py \
         tests/project/hooks/use.py tests/project/keepers/use.py tests/project/kept/use.py tests/project/kept/local.py \
         tests/project/fields/models.py; do
    case $f in *hooks*|*keepers*) sel=GT107 ;; *) sel=GT1 ;; esac
    pkg=$(dirname "$f")
    while [ -f "$pkg/../__init__.py" ]; do pkg=$(dirname "$pkg"); done
    whole=$("$GOTCHA" check --isolated --no-cache --select "$sel" --output-format concise "$pkg" | grep "^$f:")
    alone=$("$GOTCHA" check --isolated --no-cache --select "$sel" --output-format concise "$f" | grep "^$f:")
    [ -n "$whole" ] && [ "$whole" == "$alone" ] && echo "ok - project: $f alone = inside its package" \
        || { echo "not ok - project: $f alone = inside its package"; diff <(echo "$whole") <(echo "$alone") | sed 's/^/# /'; }
done

# A file named alone is decided as it is when its whole project is checked: the project is the
# nearest folder above it holding pyproject.toml, setup.py or setup.cfg (up to the current
# folder for a relative path). Here the evidence lives in other top-level packages, in namespace
# portions and in a sibling module of a script that belongs to no package.
proj=$(mktemp -d)
cp -r tests/project/nspkg "$proj/p"
touch "$proj/p/setup.cfg"
printf 'from helpers import remember\n\ndef run(seen=[]):\n    remember(seen)\n' >"$proj/p/script.py"
printf 'def remember(bag):\n    bag.append(1)\n' >"$proj/p/helpers.py"
n_same=0; n_files=0
for f in $(cd "$proj" && find p -name '*.py' | sort); do
    n_files=$((n_files + 1))
    whole=$(cd "$proj" && "$GOTCHA" check --isolated --no-cache --select GT1,GT701 --output-format concise p | grep "^$f:")
    alone=$(cd "$proj" && "$GOTCHA" check --isolated --no-cache --select GT1,GT701 --output-format concise "$f" | grep "^$f:")
    [ "$whole" == "$alone" ] && n_same=$((n_same + 1)) || diff <(echo "$whole") <(echo "$alone") | sed "s|^|# $f: |"
done
[ "$n_files" -ge 10 ] && [ "$n_same" -eq "$n_files" ] && echo "ok - project: each of $n_files files alone = inside its project (marker above it)" \
    || echo "not ok - project: each file alone = inside its project ($n_same of $n_files the same)"
out=$(cd "$proj/p" && "$GOTCHA" check --isolated --no-cache --select GT1 --output-format concise script.py app/views.py)
grep -q '^script.py:3:14: GT101 .*mutated by `remember` (helpers.py:1)' <<<"$out" &&
    grep -q '^app/views.py:11:21: GT101 .*(ns/helpers.py:4)' <<<"$out" &&
    echo "ok - project: from inside the project, a script's sibling module and another package are read" ||
    { echo "not ok - project: from inside the project, a script's sibling module and another package are read"; sed 's/^/# /' <<<"$out" | head -5; }
out=$("$GOTCHA" check --isolated --no-cache --select GT1 --output-format concise "$proj/p/script.py")
grep -q "^$proj/p/script.py:3:14: GT101 .*($proj/p/helpers.py:1)" <<<"$out" &&
    echo "ok - project: an absolute path finds its project too" ||
    { echo "not ok - project: an absolute path finds its project too"; sed 's/^/# /' <<<"$out" | head -5; }
rm "$proj/p/setup.cfg"   # no marker anywhere up to / (mktemp's folder): the top package only
out=$(cd "$proj/p" && "$GOTCHA" check --isolated --no-cache --select GT1 --output-format concise script.py app/views.py)
grep -q '^script.py:3:14: GT103' <<<"$out" && grep -q '^app/views.py:11:21: GT103' <<<"$out" &&
    echo "ok - project: without a project marker, a file alone reads its top package only" ||
    { echo "not ok - project: without a project marker, a file alone reads its top package only"; sed 's/^/# /' <<<"$out" | head -5; }
rm -rf "$proj"

# Cold and warm cache runs give the output of a run without cache (the summaries written to and
# read back from the cache carry every fact the project phase uses).
cache=$(mktemp -d)
for dir in tests/project/*/; do
    c=$(basename "$dir")
    select=GT1
    [ -f "tests/project/$c.select" ] && read -r select <"tests/project/$c.select"
    nocache=$("$GOTCHA" check --isolated --no-cache --select "$select" --output-format concise "$dir" 2>&1)
    cold=$("$GOTCHA" check --isolated --cache-dir "$cache/$c" --select "$select" --output-format concise "$dir" 2>&1)
    warm=$("$GOTCHA" check --isolated --cache-dir "$cache/$c" --threads 3 --select "$select" --output-format concise "$dir" 2>&1)
    if [ "$nocache" == "$cold" ] && [ "$cold" == "$warm" ] && [ -n "$(ls -A "$cache/$c" 2>/dev/null)" ]; then
        echo "ok - project $c: cold cache = warm cache = no cache"
    else
        echo "not ok - project $c: cold cache = warm cache = no cache"
        diff <(echo "$nocache") <(echo "$warm") | sed 's/^/# /' | head -10
    fi
done
rm -rf "$cache"
