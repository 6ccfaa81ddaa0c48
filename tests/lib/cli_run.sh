#!/usr/bin/env bash
# Running the binary under test from a CLI suite (50-cli, 51-cli-options, 55-fix), sourced after the
# suite has set:
#   tmp          its temporary folder (run's output lands in $tmp/out and $tmp/err)
#   check_area   the word after "ok - " in its lines ("cli", "fix"...)
#   run_timeout  seconds before a run is killed (default 60): no run ever blocks the suite
# and, while it runs, G (the binary) and label ("" or " (asan)").
# After `run`/`run_stdin`: $out, $err, $rc. `check NAME COMMAND...` prints ok/not ok with what the
# last run printed when COMMAND fails.
G="" label="" out="" err="" rc=0

run() {   # run ARGS...: $G in the current folder, stdin closed
    timeout "${run_timeout:-60}" "$G" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}
run_stdin() {   # run_stdin TEXT ARGS...: $G with TEXT on its stdin
    local text=$1
    shift
    printf '%s' "$text" | timeout "${run_timeout:-60}" "$G" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}
check() {  # check NAME COMMAND...
    local name=$1
    shift
    if "$@"; then
        echo "ok - $check_area: $name$label"
    else
        echo "not ok - $check_area: $name$label"
        echo "# rc=$rc"
        sed 's/^/# out: /' <<<"${out:0:3000}"
        sed 's/^/# err: /' <<<"${err:0:2000}"
    fi
}
