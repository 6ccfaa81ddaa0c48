#!/usr/bin/env bash
# 70 hardening: bad inputs, hostile file trees, resource bounds and the fuzzers' crash files, run
# against the normal build ($GOTCHA) and the ASan+UBSan build ($GOTCHA_ASAN).
# Every command runs under `timeout`, so a hang fails its check instead of blocking the suite.
# A run is "healthy" when it ends by itself (no timeout, no signal) with status 0, 1 or 2 and no
# sanitizer report. The inputs are generated here (tests/hardening/make_inputs.py), not committed.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$root/tests/lib/python.sh"
py=$(cpython_path 3.13)                      # CPython's verdicts on the bad inputs: the oracle
pyany=${py:-$(cpython_min 3.8)}              # JSON checks, RSS measures, real code to fill big files
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gotcha-hardening.XXXXXX")
chmod 755 "$tmp"   # the unreadable-file checks run as an unprivileged user, who must see the rest
cleanup() {
    [ -n "${churn_pid:-}" ] && kill "$churn_pid" 2>/dev/null
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

ok() { echo "ok - $1"; }
not_ok() {
    echo "not ok - $1"
    shift
    local line
    for line in "$@"; do printf '%s\n' "$line" | head -c 2000 | sed 's/^/# /'; done
}

CODE_WITH_FINDING='def f(x=[]):\n    x.append(1)\n'   # GT101, on by default

# run SECONDS ARGS...: runs them with stdout in $tmp/out, stderr in $tmp/err, status in $status.
run() {
    local seconds=$1
    shift
    timeout -k 5 "$seconds" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

# healthy: why the last run was not healthy, or nothing (and status 0) when it was.
unhealthy_reason() {
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        echo "timed out"
    elif [ "$status" -gt 2 ]; then
        echo "exit status $status"
    elif grep -qE 'Sanitizer|runtime error:|stack-overflow|Segmentation' "$tmp/err"; then
        echo "sanitizer report: $(grep -m3 -E 'ERROR|runtime error:|SUMMARY' "$tmp/err")"
    fi
}

# expect NAME CONDITION-DESCRIPTION TEST...: ok when the run was healthy and TEST succeeds.
expect() {
    local name=$1 what=$2
    shift 2
    local reason
    reason=$(unhealthy_reason)
    if [ -n "$reason" ]; then
        not_ok "$name" "$reason" "stderr: $(head -c 600 "$tmp/err")"
    elif "$@"; then
        ok "$name"
    else
        not_ok "$name" "expected: $what (status $status)" "stdout: $(head -c 600 "$tmp/out")" \
            "stderr: $(head -c 600 "$tmp/err")"
    fi
}

out_has() { grep -qF -- "$1" "$tmp/out"; }
err_has() { grep -qF -- "$1" "$tmp/err"; }
status_is() { [ "$status" -eq "$1" ]; }

# ---------------------------------------------------------------- inputs
inputs=$tmp/inputs
printf "$CODE_WITH_FINDING" >"$tmp/good.py"
if [ -n "$py" ]; then
    "$py" "$root/tests/hardening/make_inputs.py" "$inputs" || { not_ok "generate inputs"; exit 0; }
fi

# CPython's verdict on each input: "accept" or "reject" (ast.parse raised), one line per file.
cat >"$tmp/verdict.py" <<'EOF'
import ast, os, sys, warnings
warnings.simplefilter("ignore")   # SyntaxWarnings of the odd inputs are not verdicts
for name in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], name), "rb") as f:
        data = f.read()
    try:
        ast.parse(data)
        verdict = "accept"
    except BaseException:   # SyntaxError, ValueError, RecursionError, MemoryError: all rejections
        verdict = "reject"
    print(name, verdict)
EOF
[ -n "$py" ] && "$py" - "$inputs" >"$tmp/verdicts" <"$tmp/verdict.py"

# ---------------------------------------------------------------- per build
check_bad_inputs() {  # BUILD-LABEL BINARY
    local label=$1 bin=$2 name verdict file mismatches=() unhealthy=() dump_bad=()
    while read -r name verdict; do
        file=$inputs/$name
        # the bad file next to a good one: both are checked in the same run
        run 60 "$bin" check --isolated --select ALL --output-format concise "$tmp/good.py" "$file"
        local reason
        reason=$(unhealthy_reason)
        if [ -n "$reason" ]; then
            unhealthy+=("$name: check: $reason")
            continue
        fi
        if ! out_has "good.py:1:9: GT101" || [ "$status" -ne 1 ]; then
            unhealthy+=("$name: status $status, the good file was not reported: $(head -c 300 "$tmp/err")")
            continue
        fi
        local ours=accept
        grep -q "^$file:[0-9]*:[0-9]*: GT001 " "$tmp/out" && ours=reject
        [ "$ours" = "$verdict" ] || mismatches+=("$name: CPython ${verdict}s, gotcha ${ours}s")
        # the front-end commands on the same bytes
        run 60 "$bin" dump-ast "$file"
        reason=$(unhealthy_reason)
        if [ -n "$reason" ] || { [ "$verdict" = accept ] && [ "$status" -ne 0 ]; } ||
           { [ "$verdict" = reject ] && ! out_has "SyntaxError: "; }; then
            dump_bad+=("$name: dump-ast status $status ${reason}")
        fi
        run 60 "$bin" dump-tokens "$file"
        reason=$(unhealthy_reason)
        [ -n "$reason" ] && dump_bad+=("$name: dump-tokens: $reason")
    done <"$tmp/verdicts"
    local count
    count=$(wc -l <"$tmp/verdicts")
    [ ${#unhealthy[@]} -eq 0 ] && ok "$label: $count bad inputs checked next to a good file, no crash or hang" ||
        not_ok "$label: $count bad inputs checked next to a good file, no crash or hang" "${unhealthy[@]}"
    [ ${#mismatches[@]} -eq 0 ] && ok "$label: bad inputs accepted/rejected (GT001) exactly like CPython" ||
        not_ok "$label: bad inputs accepted/rejected (GT001) exactly like CPython" "${mismatches[@]}"
    [ ${#dump_bad[@]} -eq 0 ] && ok "$label: dump-ast/dump-tokens on bad inputs" ||
        not_ok "$label: dump-ast/dump-tokens on bad inputs" "${dump_bad[@]}"

    # all of them in one run, in the formats that quote source lines and paths
    local fmt
    for fmt in full json sarif github html; do
        run 240 "$bin" check --isolated --select ALL --output-format "$fmt" "$inputs"
        expect "$label: every bad input in one run, --output-format $fmt" "status 1" status_is 1
    done
    # --fix over all of them: a file that does not parse is left byte for byte as it was, and a
    # fixed file still parses with CPython
    local fixed=$tmp/fixed-$label changed_bad=()
    cp -r "$inputs" "$fixed"
    run 240 "$bin" check --isolated --select ALL --fix --unsafe-fixes --output-format concise "$fixed"
    expect "$label: --fix --unsafe-fixes over every bad input" "status 1" status_is 1
    "$py" - "$fixed" >"$tmp/fixed-verdicts" <"$tmp/verdict.py"
    while read -r name verdict; do
        if [ "$verdict" = reject ]; then
            cmp -s "$inputs/$name" "$fixed/$name" || changed_bad+=("$name: rejected by CPython, yet changed by --fix")
        elif ! grep -qx "$name accept" "$tmp/fixed-verdicts"; then
            changed_bad+=("$name: CPython no longer parses it after --fix")
        fi
    done <"$tmp/verdicts"
    [ ${#changed_bad[@]} -eq 0 ] && ok "$label: --fix leaves unparsable files alone and keeps the others parsable" ||
        not_ok "$label: --fix leaves unparsable files alone and keeps the others parsable" "${changed_bad[@]}"

    run 240 "$bin" check --isolated --select ALL --output-format json "$inputs"
    "$py" -c 'import json,sys; d=json.load(open(sys.argv[1],"rb")); sys.exit(not d)' "$tmp/out" 2>/dev/null
    local json_ok=$?
    expect "$label: json output over bad inputs is valid JSON" "valid JSON" test "$json_ok" -eq 0

    timeout -k 5 60 "$bin" check --isolated --output-format concise --stdin-filename bin.py - \
        <"$inputs/binary.py" >"$tmp/out" 2>"$tmp/err"
    status=$?
    expect "$label: binary bytes on stdin give GT001" "bin.py: GT001, status 1" out_has "GT001 source code string cannot contain null bytes"
}

check_file_tree() {  # BUILD-LABEL BINARY
    local label=$1 bin=$2 tree=$tmp/tree-$1
    mkdir -p "$tree/empty" "$tree/with space" "$tree/x.py" "$tree/loop"
    printf "$CODE_WITH_FINDING" >"$tree/good.py"
    printf "$CODE_WITH_FINDING" >"$tree/with space/a b.py"
    printf "$CODE_WITH_FINDING" >"$tree/caf"$'\xe9'".py"
    printf "$CODE_WITH_FINDING" >"$tree/x.py/inner.py"
    ln -s .. "$tree/loop/up"
    mkdir -p "$tree/deep/er"
    ln -s ../.. "$tree/deep/er/top"       # back to the root, two folders down
    ln -s ../../loop "$tree/deep/er/back" # no loop itself; its up/ then leads back to the root
    ln -s a.py "$tree/b.py"
    ln -s b.py "$tree/a.py"
    ln -s missing.py "$tree/dangling.py"
    mkfifo "$tree/fifo.py"

    run 60 "$bin" check --isolated --output-format concise "$tree"
    expect "$label: tree walk: status 1, findings of every real file" \
        "good.py, a b.py, caf?.py and x.py/inner.py reported" \
        eval 'status_is 1 && out_has "good.py:1:9" && out_has "with space/a b.py:1:9" &&
              out_has "x.py/inner.py:1:9" && [ "$(grep -c "GT101" "$tmp/out")" -eq 4 ]'
    expect "$label: tree walk: symlink loop and FIFO skipped with a warning" "warnings" \
        eval 'err_has "loop/up: symlink loop" && err_has "fifo.py"'
    expect "$label: tree walk: loops deeper down and through a symlinked folder" "warnings" \
        eval 'err_has "deep/er/top: symlink loop" && err_has "deep/er/back/up: symlink loop"'
    run 60 "$bin" check --isolated --output-format json "$tree"
    if [ -n "$pyany" ]; then
        "$pyany" -c 'import json,sys; d=json.load(open(sys.argv[1],"rb")); sys.exit(len(d) != 4)' "$tmp/out" 2>/dev/null
        local json_ok=$?
        expect "$label: non-UTF-8 path still gives valid JSON" "4 findings in valid JSON" test "$json_ok" -eq 0
    else
        skip "$label: non-UTF-8 path still gives valid JSON" "$(cpython_min_missing 3.8)"
    fi

    run 10 "$bin" check --isolated "$tree/fifo.py"
    expect "$label: FIFO given by name does not block" "status 0, message naming it" \
        eval 'status_is 0 && err_has "fifo.py"'
    run 10 "$bin" check --isolated --output-format concise "$tree/a.py" "$tree/good.py"
    expect "$label: symlink loop given by name: error, other file checked" "status 2" \
        eval 'status_is 2 && err_has "a.py" && out_has "good.py:1:9"'
    run 10 "$bin" check --isolated --output-format concise "$tree/missing-file.py" "$tree/good.py"
    expect "$label: missing path: status 2, other file checked" "status 2 and a message" \
        eval 'status_is 2 && err_has "missing-file.py" && out_has "good.py:1:9"'
    run 10 "$bin" check --isolated "$tree/empty"
    expect "$label: empty directory: status 0 with a warning" "status 0" \
        eval 'status_is 0 && err_has "no Python files"'
    run 10 "$bin" check --isolated --output-format concise "$tree/x.py"
    expect "$label: directory named x.py is walked" "inner.py reported" out_has "x.py/inner.py:1:9"
}

# Unreadable files and folders: needs a user that permissions apply to (root reads anything).
check_parallel_walk() {  # BUILD-LABEL BINARY
    # Folders are jobs the threads take from a shared stack: the files found and the messages
    # (in the order a walk on one thread meets them) must not depend on the thread count, and a
    # deep tree must not hold more descriptors open than a low limit allows.
    local label=$1 bin=$2 tree=$tmp/wide-$1 i j
    for i in 0 1 2 3 4 5 6 7 8 9 a b; do
        for j in 0 1 2 3 4 5; do
            mkdir -p "$tree/p$i/s$j/d1/d2/d3"
            printf "$CODE_WITH_FINDING" >"$tree/p$i/s$j/d1/d2/d3/m.py"
            printf "$CODE_WITH_FINDING" >"$tree/p$i/s$j/m.py"
        done
        mkfifo "$tree/p$i/s3/d1/f.py" "$tree/p$i/f.py"
        ln -s .. "$tree/p$i/s1/d1/up"
    done
    mkdir -p "$tree/p1-x" "$tree/p1.y"   # sort after p1 as a name, between p1's folders as a path
    mkfifo "$tree/p1-x/f.py" "$tree/p1.y/f.py"
    local threads ref=""
    for threads in 1 2 8; do
        ( ulimit -n 48; timeout 60 "$bin" check --isolated --threads "$threads" --output-format concise "$tree" \
            >"$tmp/out" 2>"$tmp/err" )
        status=$?
        expect "$label: parallel walk, $threads threads: every file, no folder unread" "144 findings, status 1" \
            eval 'status_is 1 && [ "$(grep -c GT101 "$tmp/out")" -eq 144 ] && ! err_has "cannot read"'
        sort "$tmp/out" | cat - "$tmp/err" >"$tmp/walk-$threads"
        [ -n "$ref" ] || ref=$tmp/walk-$threads
    done
    expect "$label: parallel walk: messages in walk order whatever the thread count" "same output" \
        eval 'cmp -s "$ref" "$tmp/walk-2" && cmp -s "$ref" "$tmp/walk-8" &&
              [ "$(grep -c "symlink loop" "$tmp/err")" -eq 12 ] &&
              [ "$(grep -n "p1/s3/d1/f.py" "$tmp/err" | cut -d: -f1)" -lt "$(grep -n "p1-x/f.py" "$tmp/err" | cut -d: -f1)" ] &&
              [ "$(grep -n "p1-x/f.py" "$tmp/err" | cut -d: -f1)" -lt "$(grep -n "p1.y/f.py" "$tmp/err" | cut -d: -f1)" ]'
}

check_unreadable() {  # BUILD-LABEL BINARY
    local label=$1 bin=$2 tree=$tmp/locked-$1
    local as_user=()
    if [ "$(id -u)" -eq 0 ]; then
        if ! command -v setpriv >/dev/null; then
            ok "$label: unreadable files # SKIP running as root without setpriv"
            return
        fi
        as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    fi
    mkdir -p "$tree/closed"
    printf "$CODE_WITH_FINDING" >"$tree/good.py"
    printf "$CODE_WITH_FINDING" >"$tree/secret.py"
    printf "$CODE_WITH_FINDING" >"$tree/closed/hidden.py"
    chmod 000 "$tree/secret.py" "$tree/closed"
    run 60 "${as_user[@]}" "$bin" check --isolated --output-format concise "$tree"
    expect "$label: unreadable file and folder: reported, status 2, other files checked" \
        "status 2, 'secret.py: Permission denied', good.py reported" \
        eval 'status_is 2 && grep -q "secret.py.*Permission denied" "$tmp/err" && out_has "good.py:1:9"'
    chmod 755 "$tree/closed"
    chmod 644 "$tree/secret.py"

    # files deleted, recreated and locked while the walk and the checks run: whatever the timing,
    # every run ends by itself, reports problems as "gotcha: warning|error: ..." lines and exits 0..2
    local churn=$tmp/churn-$1 i
    mkdir -p "$churn"
    for i in $(seq 1 300); do printf "$CODE_WITH_FINDING" >"$churn/m$i.py"; done
    (
        while :; do
            for i in $(seq 1 7 300); do
                rm -f "$churn/m$i.py"
                chmod 000 "$churn/m$((i + 1)).py" 2>/dev/null
            done
            for i in $(seq 1 7 300); do
                printf "$CODE_WITH_FINDING" >"$churn/m$i.py"
                chmod 644 "$churn/m$((i + 1)).py" 2>/dev/null
            done
        done
    ) &
    churn_pid=$!
    local bad=()
    for i in 1 2 3 4 5; do
        run 60 "${as_user[@]}" "$bin" check --isolated --output-format concise "$churn"
        local reason
        reason=$(unhealthy_reason)
        [ -n "$reason" ] && bad+=("run $i: $reason")
        grep -vE '^gotcha: (warning|error): ' "$tmp/err" | grep -q . &&
            bad+=("run $i: unexpected stderr: $(grep -vE '^gotcha: (warning|error): ' "$tmp/err" | head -3)")
        [ "$status" -eq 2 ] && ! err_has "error:" && bad+=("run $i: status 2 without an error message")
    done
    kill "$churn_pid" 2>/dev/null
    wait "$churn_pid" 2>/dev/null
    churn_pid=
    [ ${#bad[@]} -eq 0 ] && ok "$label: files vanishing and locked during the walk (5 runs)" ||
        not_ok "$label: files vanishing and locked during the walk (5 runs)" "${bad[@]}"
}

# A 50 MB file: skipped with a clear message under the default --max-file-size; checked when allowed
# (normal build only: under ASan it takes minutes and gigabytes).
check_huge_file() {  # BUILD-LABEL BINARY FULL(0/1)
    local label=$1 bin=$2 full=$3 big=$tmp/big.py
    if [ ! -f "$big" ]; then
        local stdlib
        stdlib=$(dirname "$("$pyany" -c 'import os; print(os.__file__)')")
        while [ "$(stat -c %s "$big" 2>/dev/null || echo 0)" -lt $((50 << 20)) ]; do
            cat "$stdlib/textwrap.py" "$stdlib/functools.py" "$stdlib/dataclasses.py" >>"$big"
        done
    fi
    run 30 "$bin" check --isolated --output-format concise "$big" "$tmp/good.py"
    expect "$label: 50 MB file skipped under the default --max-file-size, other file checked" \
        "a warning naming --max-file-size, status 1" \
        eval 'status_is 1 && err_has "over --max-file-size" && out_has "good.py:1:9"'
    [ "$full" -eq 1 ] || return 0
    run 300 "$bin" check --isolated --max-file-size 64M --output-format concise "$big"
    expect "$label: 50 MB file checked with --max-file-size 64M" "findings, status 1" \
        eval 'status_is 1 && out_has "GT103"'
}

# Peak RSS of one `gotcha check` (children's ru_maxrss, via CPython's resource module) against a
# bound of BASE_MB + FACTOR * file size.
rss_within() {  # BINARY FILE FACTOR BASE_MB ARGS...
    local bin=$1 file=$2 factor=$3 base_mb=$4
    shift 4
    "$pyany" - "$bin" "$file" "$factor" "$base_mb" "$@" >"$tmp/rss" 2>&1 <<'EOF'
import os, resource, subprocess, sys
binary, path, factor, base_mb, extra = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
cmd = [binary, "check", "--isolated", "--max-file-size", "64M", *extra, path]
# an address-space cap keeps a blow-up from taking the machine down: it fails the check instead
cap = lambda: resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, preexec_fn=cap)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
size = os.path.getsize(path)
bound = base_mb * 2**20 + factor * size
print(f"peak RSS {peak / 2**20:.1f} MB for {size / 2**20:.2f} MB ({peak / size:.1f}x), bound {bound / 2**20:.1f} MB, status {done.returncode}")
sys.exit(0 if peak <= bound and done.returncode in (0, 1) else 1)
EOF
}

check_memory_bounds() {  # BINARY (normal build)
    local bin=$1 medium=$tmp/medium.py stdlib
    stdlib=$(dirname "$("$pyany" -c 'import os; print(os.__file__)')")
    while [ "$(stat -c %s "$medium" 2>/dev/null || echo 0)" -lt $((8 << 20)) ]; do
        cat "$stdlib/textwrap.py" "$stdlib/functools.py" "$stdlib/dataclasses.py" "$stdlib/typing.py" >>"$medium"
    done
    if rss_within "$bin" "$medium" 24 16 --output-format concise; then
        ok "memory: 8 MB of real code stays within 16 MB + 24x its size ($(cat "$tmp/rss"))"
    else
        not_ok "memory: 8 MB of real code stays within 16 MB + 24x its size" "$(cat "$tmp/rss")"
    fi
    # many findings on one long line: the full report must not hold a copy of the line per finding
    "$pyany" -c 'import sys; sys.stdout.write("def f(" + "".join("a%d=[], " % i for i in range(3000)) + "):\n    a0.append(1)\n")' \
        >"$tmp/long_line_findings.py"
    if rss_within "$bin" "$tmp/long_line_findings.py" 32 16 --output-format full --select ALL; then
        ok "memory: 3,000 findings on one 30 KB line, full format ($(cat "$tmp/rss"))"
    else
        not_ok "memory: 3,000 findings on one 30 KB line, full format" "$(cat "$tmp/rss")"
    fi
}

# Inputs that made a fuzzer fail once: each must now pass through every build, and through the
# clang fuzz targets themselves when they are built (they carry checks gcc's UBSan lacks).
check_crash_files() {  # BUILD-LABEL BINARY
    local label=$1 bin=$2 crash bad=() reason n=0
    for crash in "$root"/tests/hardening/crashes/*; do
        [ -f "$crash" ] || continue
        n=$((n + 1))
        for cmd in "check --isolated --select ALL" "dump-ast" "dump-tokens"; do
            # shellcheck disable=SC2086
            run 60 "$bin" $cmd "$crash"
            reason=$(unhealthy_reason)
            [ -n "$reason" ] && bad+=("$(basename "$crash"): $cmd: $reason")
        done
        # fixing a copy: the engine must never produce code that does not parse
        cp "$crash" "$tmp/crash-copy.py"
        run 60 "$bin" check --isolated --select ALL --fix --unsafe-fixes "$tmp/crash-copy.py"
        reason=$(unhealthy_reason)
        err_has "does not parse" && reason="${reason:+$reason; }$(grep -m1 "does not parse" "$tmp/err")"
        [ -n "$reason" ] && bad+=("$(basename "$crash"): --fix: $reason")
    done
    [ ${#bad[@]} -eq 0 ] && ok "$label: $n fuzzer crash files" || not_ok "$label: $n fuzzer crash files" "${bad[@]}"
}

check_crash_files_fuzz_targets() {
    local target bad=() crash
    for target in fuzz_parse fuzz_check fuzz_fix; do
        local fuzzer=$root/build-fuzz/$target
        if [ ! -x "$fuzzer" ]; then
            ok "$target on crash files # SKIP not built (make fuzz-build)"
            continue
        fi
        bad=()
        for crash in "$root"/tests/hardening/crashes/*; do
            [ -f "$crash" ] || continue
            run 60 env UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$fuzzer" "$crash"
            [ "$status" -ne 0 ] && bad+=("$(basename "$crash"): status $status: $(grep -m2 -E 'ERROR|runtime error' "$tmp/err")")
        done
        [ ${#bad[@]} -eq 0 ] && ok "$target on crash files" || not_ok "$target on crash files" "${bad[@]}"
    done
}

for build in "plain:${GOTCHA:-}" "asan:${GOTCHA_ASAN:-}"; do
    label=${build%%:*}
    bin=${build#*:}
    if [ -z "$bin" ] || [ ! -x "$bin" ]; then
        not_ok "$label: binary '$bin' missing"
        continue
    fi
    if [ -n "$py" ]; then
        check_bad_inputs "$label" "$bin"
    else
        skip "$label: bad inputs: no crash or hang, accepted/rejected like CPython 3.13, every format, --fix" \
            "$(cpython_missing 3.13)"
    fi
    check_file_tree "$label" "$bin"
    check_parallel_walk "$label" "$bin"
    check_unreadable "$label" "$bin"
    check_crash_files "$label" "$bin"
    if [ -n "$pyany" ]; then
        check_huge_file "$label" "$bin" "$([ "$label" = plain ] && echo 1 || echo 0)"
        [ "$label" = plain ] && check_memory_bounds "$bin"
    else
        skip "$label: 50 MB file and memory bounds (filled with a CPython's standard library)" "$(cpython_min_missing 3.8)"
    fi
done
check_crash_files_fuzz_targets
exit 0
