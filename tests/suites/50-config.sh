#!/usr/bin/env bash
# Configuration: the TOML reader against Python's tomllib (tests/config/toml/{valid,invalid}), then the unit
# checks of the reader and of the [tool.gotcha] settings (discovery, errors, globs, per-file-ignores, show),
# then `gotcha check` end to end with a configured project (tests/config/cli_checks.sh).
# The sanitizer build, when there is one, runs the same checks (summarised in one line per binary).
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
gotcha=${GOTCHA:-$build/gotcha}
asan_build=${GOTCHA_ASAN_BUILD:-$root/build-asan}
. "$root/tests/lib/python.sh"
py=$(cpython_path 3.13)

# report_output NAME STATUS OUTPUT: passes the lines through; a crash after the last line is a failure too.
report_output() {
    echo "$3"
    if [ "$2" -ne 0 ] && ! grep -q '^not ok ' <<<"$3"; then
        echo "not ok - $1 exited with status $2"
    fi
}

# summarise NAME STATUS OUTPUT: one line for a whole run, with the failures as details.
summarise() {
    local failures
    failures=$(grep -A3 '^not ok ' <<<"$3")
    if [ "$2" -eq 0 ] && [ -z "$failures" ]; then
        echo "ok - $1 ($(grep -c '^ok ' <<<"$3") checks)"
    else
        echo "not ok - $1 (status $2)"
        sed 's/^/# /' <<<"${failures:-$(tail -5 <<<"$3")}"
    fi
}

oracle() {   # oracle BINARY
    "$py" "$root/tests/config/toml_oracle.py" "$1" "$root/tests/config/toml" 2>&1
}

if [ -z "$py" ]; then
    skip "toml oracle: the TOML reader == tomllib of CPython 3.13" "$(cpython_missing 3.13)"
elif [ ! -x "$build/tests/test_toml" ]; then
    echo "not ok - test_toml is built"
    echo "# missing $build/tests/test_toml (make unit)"
else
    out=$(oracle "$build/tests/test_toml"); report_output "toml oracle" $? "$out"
fi

for unit in test_toml test_config; do
    if [ -x "$build/tests/$unit" ]; then
        out=$("$build/tests/$unit" 2>&1); report_output "$unit" $? "$out"
    else
        echo "not ok - $unit is built"
        echo "# missing $build/tests/$unit (make unit)"
    fi
done

if [ -x "$gotcha" ]; then
    out=$(bash "$root/tests/config/cli_checks.sh" "$gotcha" 2>&1); report_output "config cli checks" $? "$out"
else
    echo "not ok - gotcha is built for the config cli checks"
    echo "# missing $gotcha"
fi

if [ -x "$asan_build/tests/test_toml" ] && [ -x "$asan_build/tests/test_config" ]; then
    if [ -n "$py" ]; then
        out=$(oracle "$asan_build/tests/test_toml"); summarise "toml oracle corpus under ASan+UBSan" $? "$out"
    fi
    out=$("$asan_build/tests/test_toml" 2>&1); summarise "test_toml under ASan+UBSan" $? "$out"
    out=$("$asan_build/tests/test_config" 2>&1); summarise "test_config under ASan+UBSan" $? "$out"
else
    echo "# no sanitizer build of the config tests in $asan_build: skipped"
fi
