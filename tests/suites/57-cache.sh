#!/usr/bin/env bash
# The cache (src/cache/): warm runs print what cold runs print; corrupt entries, a corrupt index
# and truncated or foreign packs are ignored and rewritten; a folder that cannot be written gives one warning and the same output;
# two runs at once leave whole entries; a changed file is checked again; no absolute path is
# stored; GOTCHA_CACHE_DIR and --cache-dir choose the folder; `gotcha clean` removes it (and only
# a folder gotcha made). Works on a copy of tests/project/ in a temporary folder.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
GOTCHA=${GOTCHA:-$root/build/gotcha}
case $GOTCHA in /*) ;; *) GOTCHA=$root/$GOTCHA ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/tests/project/app" "$root/tests/project/srclay" "$root/tests/project/escapes" "$tmp/"
cd "$tmp"

ok() { echo "ok - cache: $1"; }
not_ok() { echo "not ok - cache: $1"; [ -n "${2:-}" ] && sed 's/^/# /' <<<"$2" | head -20; }
run() { "$GOTCHA" check --isolated --select GT1 "$@" app srclay escapes 2>&1; }
same() {  # name expected actual
    if [ "$2" == "$3" ]; then ok "$1"; else not_ok "$1" "$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$3"))"; fi
}

base=$(run --no-cache --output-format full)
[ ! -e .gotcha_cache ] && ok "--no-cache writes nothing" || not_ok "--no-cache writes nothing"
cold=$(run --output-format full)
same "a cold run prints what a run without cache prints" "$base" "$cold"
[ -f .gotcha_cache/CACHEDIR.TAG ] && [ "$(cat .gotcha_cache/.gitignore)" = "*" ] \
    && ok "the folder has its CACHEDIR.TAG and a .gitignore of '*'" \
    || not_ok "the folder has its CACHEDIR.TAG and a .gitignore of '*'"
pack=$(find .gotcha_cache -type f -name 'pack-*')
[ "$(wc -l <<<"$pack")" = 1 ] && ok "one pack for the run" || not_ok "one pack for the run" "$pack"
same "a warm run prints the same (full)" "$cold" "$(run --output-format full)"
same "a warm run prints the same (json)" "$(run --no-cache --output-format json)" "$(run --output-format json)"
same "a warm run on 1 thread prints what 4 threads print" "$(run --threads 4 --output-format concise)" \
     "$(run --threads 1 --output-format concise)"

if grep -rqa "$tmp" .gotcha_cache; then not_ok "no absolute path in the cache"; else ok "no absolute path in the cache"; fi

# A corrupt entry (one byte changed near the end of the pack), a corrupt index, a truncated pack,
# an empty one and random bytes: the same output each time, and the pack is written again whole.
good=$(md5sum <"$pack")
size=$(stat -c %s "$pack")
printf '\x5a' | dd of="$pack" bs=1 seek=$((size - 100)) conv=notrunc status=none
same "a corrupt entry: the same output" "$cold" "$(run --output-format full)"
[ "$(md5sum <"$pack")" = "$good" ] && ok "a corrupt entry is rewritten" || not_ok "a corrupt entry is rewritten"
printf '\x5a' | dd of="$pack" bs=1 seek=12 conv=notrunc status=none
same "a corrupt index: the same output" "$cold" "$(run --output-format full)"
[ "$(md5sum <"$pack")" = "$good" ] && ok "a corrupt index: the pack is rewritten" || not_ok "a corrupt index: the pack is rewritten"
truncate -s $((size / 2)) "$pack"
same "a truncated pack: the same output" "$cold" "$(run --output-format full)"
[ "$(md5sum <"$pack")" = "$good" ] && ok "a truncated pack is rewritten" || not_ok "a truncated pack is rewritten"
: >"$pack"
same "an empty pack: the same output" "$cold" "$(run --output-format full)"
head -c 5000 /dev/urandom >"$pack"
same "a pack of random bytes: the same output" "$cold" "$(run --output-format full)"
[ "$(md5sum <"$pack")" = "$good" ] && ok "random bytes: the pack is rewritten" || not_ok "random bytes: the pack is rewritten"
before=$(stat -c %Y.%s "$pack")
sleep 1
run --output-format full >/dev/null
[ "$(stat -c %Y.%s "$pack")" = "$before" ] && ok "a warm run with nothing changed writes nothing" \
    || not_ok "a warm run with nothing changed writes nothing"

# A folder that cannot be made (a file is in the way; root ignores permission bits): one warning.
touch blocker
out=$("$GOTCHA" check --isolated --select GT1 --output-format concise --cache-dir blocker/cache app srclay escapes 2>&1)
warnings=$(grep -c 'warning: cannot write the cache' <<<"$out")
same "an unwritable folder: the same findings" "$(run --no-cache --output-format concise)" \
     "$(grep -v 'warning: cannot write the cache' <<<"$out")"
[ "$warnings" = 1 ] && ok "an unwritable folder: exactly one warning" || not_ok "an unwritable folder: exactly one warning" "$out"

# Two runs at once on an empty cache: both right, whole entries after, no temporary files left.
rm -rf two
run --cache-dir two --output-format concise >a.out &
run --cache-dir two --output-format concise >b.out &
wait
want=$(run --no-cache --output-format concise)
same "two concurrent runs: the first prints the right findings" "$want" "$(cat a.out)"
same "two concurrent runs: the second too" "$want" "$(cat b.out)"
same "after two concurrent runs the pack reads back" "$want" "$(run --cache-dir two --output-format concise)"
[ -z "$(find two -name '*.tmp-*')" ] && ok "no temporary file left" || not_ok "no temporary file left"

# A file that changes between runs is checked again.
run --output-format concise >/dev/null
printf '\n\ndef late(x, acc=[]):\n    acc.append(x)\n' >>app/helpers.py
same "a file changed between runs is checked again" "$(run --no-cache --output-format concise)" \
     "$(run --output-format concise)"
grep -q '`late`' <<<"$(run --output-format concise)" && ok "the change shows" || not_ok "the change shows"
# The mutation that confirms another file's escape goes away: that file, unchanged and found in the
# cache, gets its verdict again (GT101 -> GT103), as a run without cache gives it.
grep -q 'store.py:2:30: GT101.*`fill`' <<<"$(run --output-format concise)" && ok "escape confirmed by another file" \
    || not_ok "escape confirmed by another file"
sed -i 's/Basket().items.append(1)/return len(Basket().items)/' escapes/use.py
same "a change in the mutating file decides the unchanged one again" "$(run --no-cache --output-format concise)" \
     "$(run --output-format concise)"
grep -q 'store.py:2:30: GT103' <<<"$(run --output-format concise)" && ok "the unconfirmed escape is GT103 again" \
    || not_ok "the unconfirmed escape is GT103 again"

# GOTCHA_CACHE_DIR, then gotcha clean.
GOTCHA_CACHE_DIR=envcache run --output-format concise >/dev/null
[ -f envcache/CACHEDIR.TAG ] && ok "GOTCHA_CACHE_DIR chooses the folder" || not_ok "GOTCHA_CACHE_DIR chooses the folder"
"$GOTCHA" clean >/dev/null && [ ! -e .gotcha_cache ] && ok "gotcha clean removes .gotcha_cache" \
    || not_ok "gotcha clean removes .gotcha_cache"
GOTCHA_CACHE_DIR=envcache "$GOTCHA" clean >/dev/null && [ ! -e envcache ] && ok "gotcha clean follows GOTCHA_CACHE_DIR" \
    || not_ok "gotcha clean follows GOTCHA_CACHE_DIR"
mkdir mine && touch mine/keep
if "$GOTCHA" clean --cache-dir mine 2>/dev/null; then not_ok "gotcha clean leaves a folder it did not make"
elif [ -f mine/keep ]; then ok "gotcha clean leaves a folder it did not make"
else not_ok "gotcha clean leaves a folder it did not make"; fi

# The build id keys the cache: a binary built from other sources (here cmd_check.c compiled with
# another id, linked with this build's other objects) writes a pack of its own and reads none of
# this build's entries.
GOTCHA_BUILD=${GOTCHA_BUILD:-$(dirname "$GOTCHA")}
objs=$(cd "$root/src" && find . -name '*.c' ! -path './cli/cmd_check.c' | sort | sed "s|^\./\(.*\)\.c$|$GOTCHA_BUILD/obj/\1.o|")
for o in $objs; do [ -f "$o" ] || objs=; done
if command -v cc >/dev/null && [ -n "$objs" ] \
   && cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DGOTCHA_BUILD_ID='"another"' \
         -c -o other.o "$root/src/cli/cmd_check.c" 2>/dev/null \
   && cc -o gotcha-other other.o $objs -lpthread -lm 2>/dev/null; then
    run --cache-dir idcache --output-format concise >/dev/null
    before=$(find idcache -type f -name 'pack-*' | wc -l)
    other=$(./gotcha-other check --isolated --select GT1 --cache-dir idcache --output-format concise app srclay escapes 2>&1)
    after=$(find idcache -type f -name 'pack-*' | wc -l)
    [ "$before" = 1 ] && [ "$after" = 2 ] && ok "another build id writes its own pack" \
        || not_ok "another build id writes its own pack" "packs before $before, after $after"
    same "another build id prints the same" "$(run --no-cache --output-format concise)" "$other"
else
    echo "ok - cache: another build id writes its own pack # SKIP needs cc and the objects of $GOTCHA_BUILD"
fi

# GT701 decides a file in a folder without __init__.py from the folders around it, which no cache
# key holds: a warm run after a change there says what a cold run says.
mkdir -p ns/pkg/sub ns/pkg/_vendor
printf 'X = 1\n' >ns/pkg/sub/mod.py
printf 'Y = 2\n' >ns/pkg/_vendor/lib.py
nrun() { "$GOTCHA" check --isolated --select GT701 --cache-dir ns-cache --output-format concise ns 2>&1; }
nrun >/dev/null                                  # cold: pkg is no package, nothing to say
printf 'import os, sys\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), "_vendor"))\n' >ns/pkg/__init__.py
warm=$(nrun)
fresh=$("$GOTCHA" check --isolated --select GT701 --no-cache --output-format concise ns 2>&1)
same "GT701: a package made above a cached file's folder is seen warm" "$fresh" "$warm"
grep -q 'ns/pkg/sub/mod.py:1:1: GT701' <<<"$warm" && ! grep -q '_vendor' <<<"$warm" \
    && ok "GT701: warm run reports sub/, not the folder __init__.py puts on sys.path" \
    || not_ok "GT701: warm run reports sub/, not the folder __init__.py puts on sys.path" "$warm"
printf '"""No path games any more."""\n' >ns/pkg/__init__.py
same "GT701: an edited enclosing __init__.py is seen warm" \
     "$("$GOTCHA" check --isolated --select GT701 --no-cache --output-format concise ns 2>&1)" "$(nrun)"
grep -q '_vendor/lib.py:1:1: GT701' <<<"$(nrun)" && ok "GT701: the vendored folder is reported once no longer on sys.path" \
    || not_ok "GT701: the vendored folder is reported once no longer on sys.path" "$(nrun)"

# GT701 reports a folder on its first module: when another module comes first (a new one, or the
# first turns into a script), a warm run moves the finding as a cold run does.
mkdir -p mv/pkg/sub
touch mv/pkg/__init__.py
printf 'B = 1\n' >mv/pkg/sub/b.py
printf 'C = 1\n' >mv/pkg/sub/c.py
mrun() { "$GOTCHA" check --isolated --select GT701 --cache-dir mv-cache --output-format concise mv 2>&1; }
mfresh() { "$GOTCHA" check --isolated --select GT701 --no-cache --output-format concise mv 2>&1; }
mrun >/dev/null
printf 'A = 1\n' >mv/pkg/sub/a.py
same "GT701: a new first module takes the finding, warm as cold" "$(mfresh)" "$(mrun)"
grep -q 'sub/a.py:1:1: GT701' <<<"$(mrun)" && ! grep -q 'sub/b.py' <<<"$(mrun)" \
    && ok "GT701: the finding moved from b.py to a.py" || not_ok "GT701: the finding moved from b.py to a.py" "$(mrun)"
printf '#!/usr/bin/env python3\nA = 1\n' >mv/pkg/sub/a.py
same "GT701: a first module turned script passes the finding on, warm as cold" "$(mfresh)" "$(mrun)"
grep -q 'sub/b.py:1:1: GT701' <<<"$(mrun)" && ok "GT701: the finding went back to b.py" \
    || not_ok "GT701: the finding went back to b.py" "$(mrun)"

# The sanitizer build: a cold run, a warm one and one over a corrupt pack print the same.
GOTCHA_ASAN=${GOTCHA_ASAN:-$root/build-asan/gotcha}
case $GOTCHA_ASAN in /*) ;; *) GOTCHA_ASAN=$root/$GOTCHA_ASAN ;; esac
if [ -x "$GOTCHA_ASAN" ]; then
    arun() { "$GOTCHA_ASAN" check --isolated --select GT1 --cache-dir asan-cache --output-format full app srclay escapes 2>&1; }
    want=$(run --no-cache --output-format full)
    same "sanitizer build: cold" "$want" "$(arun)"
    same "sanitizer build: warm" "$want" "$(arun)"
    apack=$(find asan-cache -type f -name 'pack-*')
    printf '\x5a' | dd of="$apack" bs=1 seek=$(( $(stat -c %s "$apack") - 60 )) conv=notrunc status=none
    same "sanitizer build: a corrupt entry" "$want" "$(arun)"
fi
