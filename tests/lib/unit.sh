# Sourced by suites: unit_both NAME [PREFIX] runs the unit test binary tests/unit/NAME.c of the
# normal and the sanitizer builds, forwarding its `ok - ` / `not ok - ` lines labelled with the
# build (and PREFIX), and reports a missing binary or a crash (exit status above 1) as a failure.
unit_both() {
    local name=$1 prefix=${2:-} build bin
    for build in "${GOTCHA_BUILD:-build}" "${GOTCHA_ASAN_BUILD:-build-asan}"; do
        bin=$build/tests/$name
        if [ ! -x "$bin" ]; then
            echo "not ok - $prefix$name missing in $build"
            continue
        fi
        "$bin" | sed "s/^\(not ok\|ok\) - /&$prefix$(basename "$build"): /"
        [ "${PIPESTATUS[0]}" -le 1 ] || echo "not ok - $prefix$(basename "$build"): $name crashed"
    done
}
