#!/usr/bin/env bash
# The cache (src/cache/): warm runs print what cold runs print; corrupt or truncated entries are
# ignored and rewritten; a folder that cannot be written gives one warning and the same output;
# two runs at once leave whole entries; a changed file is checked again; no absolute path is
# stored; GOTCHA_CACHE_DIR and --cache-dir choose the folder; `gotcha clean` removes it (and only
# a folder gotcha made). Works on a copy of tests/project/ in a temporary folder.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
GOTCHA=${GOTCHA:-$root/build/gotcha}
case $GOTCHA in /*) ;; *) GOTCHA=$root/$GOTCHA ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/tests/project/app" "$root/tests/project/srclay" "$tmp/"
cd "$tmp"

ok() { echo "ok - cache: $1"; }
not_ok() { echo "not ok - cache: $1"; [ -n "${2:-}" ] && sed 's/^/# /' <<<"$2" | head -20; }
run() { "$GOTCHA" check --isolated --select GT1 "$@" app srclay 2>&1; }
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
entries=$(find .gotcha_cache -type f -path '*/0*' -o -type f -name '[0-9a-f]*' | grep -v TAG | sort)
count=$(wc -l <<<"$entries")
[ "$count" -ge 9 ] && ok "one entry per file ($count)" || not_ok "one entry per file ($count)"
same "a warm run prints the same (full)" "$cold" "$(run --output-format full)"
same "a warm run prints the same (json)" "$(run --no-cache --output-format json)" "$(run --output-format json)"
same "a warm run on 1 thread prints what 4 threads print" "$(run --threads 4 --output-format concise)" \
     "$(run --threads 1 --output-format concise)"

if grep -rqa "$tmp" .gotcha_cache; then not_ok "no absolute path in the cache"; else ok "no absolute path in the cache"; fi

# A corrupt entry (one byte changed) and a truncated one are ignored, and rewritten.
first=$(head -1 <<<"$entries")
second=$(sed -n 2p <<<"$entries")
printf '\x5a' | dd of="$first" bs=1 seek=40 conv=notrunc status=none
truncate -s $(( $(stat -c %s "$second") / 2 )) "$second"
before_first=$(md5sum <"$first")
same "corrupt and truncated entries: the same output" "$cold" "$(run --output-format full)"
[ "$(md5sum <"$first")" != "$before_first" ] && [ "$(stat -c %s "$second")" -gt 30 ] \
    && ok "corrupt and truncated entries are rewritten" || not_ok "corrupt and truncated entries are rewritten"
for f in $entries; do : >"$f"; done
same "empty entries: the same output" "$cold" "$(run --output-format full)"
head -c 5000 /dev/urandom >"$first"
same "an entry of random bytes: the same output" "$cold" "$(run --output-format full)"

# A folder that cannot be made (a file is in the way; root ignores permission bits): one warning.
touch blocker
out=$("$GOTCHA" check --isolated --select GT1 --output-format concise --cache-dir blocker/cache app srclay 2>&1)
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
same "after two concurrent runs the entries read back" "$want" "$(run --cache-dir two --output-format concise)"
[ -z "$(find two -name '.tmp-*')" ] && ok "no temporary file left" || not_ok "no temporary file left"

# A file that changes between runs is checked again.
run --output-format concise >/dev/null
printf '\n\ndef late(x, acc=[]):\n    acc.append(x)\n' >>app/helpers.py
same "a file changed between runs is checked again" "$(run --no-cache --output-format concise)" \
     "$(run --output-format concise)"
grep -q '`late`' <<<"$(run --output-format concise)" && ok "the change shows" || not_ok "the change shows"

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
