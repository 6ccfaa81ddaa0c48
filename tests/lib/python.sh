#!/usr/bin/env bash
# Finding CPython interpreters: the one place the suites, the make files, the benches and the tools
# look for them, so that no script names a pyenv version or path of its own.
#
# Sourced by a suite (bash):
#   . tests/lib/python.sh
#   py=$(cpython_path 3.13) || { skip "NAME" "$(cpython_missing 3.13)"; ... }
# Run as a command (make files, Python tools):
#   tests/lib/python.sh 3.13          the path of a CPython 3.13, status 1 (and a reason on stderr) if none
#   tests/lib/python.sh --min 3.8     the path of a CPython 3.8 or later (python3 on PATH first)
#   tests/lib/python.sh --all 3.8     one "X.Y.Z PATH" line per distinct CPython >= 3.8, oldest first
#
# Where CPython X.Y is looked for, in order (the first that runs and is CPython X.Y wins):
#   1. $PYXY (PY313 for 3.13) when set and not empty: then there only, an explicit choice is kept;
#   2. pythonX.Y on PATH (a pyenv shim counts when it resolves);
#   3. pyenv's versions folder ($PYENV_ROOT, else `pyenv root`, else ~/.pyenv): every X.Y.*, newest first.
# The path printed is the interpreter's own sys.executable (never a shim), so later runs skip pyenv.
# `--all` looks at every pyenv version and every python3.N and python3 in every PATH folder; two interpreters of the
# same X.Y.Z count once (the first seen, pyenv's first: the guard builds go to build/guard/X.Y.Z).

# cpython_probe CMD: prints "IMPL X.Y.Z EXECUTABLE" for the interpreter CMD, status 1 when it does not run.
cpython_probe() {
    local out
    out=$(timeout 20 "$1" -I -c 'import sys; print("%s %d.%d.%d %s" % ((sys.implementation.name,) + tuple(sys.version_info[:3]) + (sys.executable,)))' 2>/dev/null) || return 1
    [ -n "$out" ] && printf '%s\n' "$out"
}

# cpython_pyenv_root: the pyenv root folder (may not exist).
cpython_pyenv_root() {
    if [ -n "${PYENV_ROOT:-}" ]; then
        printf '%s\n' "$PYENV_ROOT"
    elif command -v pyenv >/dev/null 2>&1 && pyenv root 2>/dev/null; then
        :
    else
        printf '%s\n' "${HOME:-/nonexistent}/.pyenv"
    fi
}

# cpython_pyenv_versions [X.Y]: the X.Y.Z folder names under pyenv's versions/ (all 3.N.M without
# X.Y), newest first.
cpython_pyenv_versions() {
    local dir pattern='^3\.[0-9]+\.[0-9]+$'
    dir=$(cpython_pyenv_root)/versions
    [ -n "${1:-}" ] && pattern="^${1//./\\.}\\.[0-9]+\$"
    [ -d "$dir" ] || return 0
    ls -1 "$dir" 2>/dev/null | grep -E "$pattern" | sort -t. -k1,1nr -k2,2nr -k3,3nr
}

# cpython_var X.Y: the name of the variable that names CPython X.Y explicitly (PY313 for 3.13).
cpython_var() { printf 'PY%s\n' "${1//./}"; }

# cpython_is CMD X.Y: prints CMD's sys.executable when CMD runs and is CPython X.Y.
cpython_is() {
    local impl version exe
    read -r impl version exe < <(cpython_probe "$1") || return 1
    [ "$impl" = cpython ] && [[ "$version" == "$2".* ]] && [ -n "$exe" ] || return 1
    printf '%s\n' "$exe"
}

# cpython_path X.Y: prints the path of a CPython X.Y (see the order above); status 1 when none.
cpython_path() {
    local want=$1 var explicit version root
    var=$(cpython_var "$want")
    explicit=${!var:-}
    if [ -n "$explicit" ]; then
        cpython_is "$explicit" "$want"
        return
    fi
    if command -v "python$want" >/dev/null 2>&1 && cpython_is "python$want" "$want"; then
        return 0
    fi
    root=$(cpython_pyenv_root)
    for version in $(cpython_pyenv_versions "$want"); do
        cpython_is "$root/versions/$version/bin/python$want" "$want" && return 0
    done
    return 1
}

# cpython_min X.Y: prints the path of a CPython X.Y or later, for scripts that need no particular
# version: python3 on PATH when it is one, else pyenv's newest; status 1 when none.
cpython_min() {
    local exe version root
    exe=$(cpython_newer python3 "$1") && { printf '%s\n' "$exe"; return 0; }
    root=$(cpython_pyenv_root)
    for version in $(cpython_pyenv_versions); do
        exe=$(cpython_newer "$root/versions/$version/bin/python3" "$1") && { printf '%s\n' "$exe"; return 0; }
    done
    return 1
}

# cpython_newer CMD X.Y: prints CMD's sys.executable when CMD runs and is CPython X.Y or later.
cpython_newer() {
    local impl version exe
    command -v "$1" >/dev/null 2>&1 || return 1
    read -r impl version exe < <(cpython_probe "$1") || return 1
    [ "$impl" = cpython ] && cpython_at_least "$version" "$2" && [ -n "$exe" ] || return 1
    printf '%s\n' "$exe"
}

# cpython_missing X.Y: one line saying where CPython X.Y was looked for (the reason of a skip).
cpython_missing() {
    local want=$1 var
    var=$(cpython_var "$want")
    if [ -n "${!var:-}" ]; then
        printf 'no CPython %s: %s=%s is not an interpreter that runs and reports CPython %s\n' \
            "$want" "$var" "${!var}" "$want"
    else
        printf 'no CPython %s: %s not set, no working python%s on PATH, no %s.x in %s/versions\n' \
            "$want" "$var" "$want" "$want" "$(cpython_pyenv_root)"
    fi
}

# cpython_min_missing X.Y: the reason of a skip when cpython_min X.Y found nothing.
cpython_min_missing() {
    printf 'no CPython %s or later: no working python3 on PATH, none in %s/versions\n' "$1" "$(cpython_pyenv_root)"
}

# cpython_all X.Y: one "X.Y.Z PATH" line per distinct CPython at least X.Y, oldest first.
cpython_all() {
    local min=$1 root version cmd n impl exe seen=" " lines=""
    root=$(cpython_pyenv_root)
    local candidates=()
    for version in $(cpython_pyenv_versions); do
        candidates+=("$root/versions/$version/bin/python3")
    done
    for n in $(seq 30 -1 0) ""; do   # every python3.N and python3 of every PATH folder
        while IFS= read -r cmd; do candidates+=("$cmd"); done < <(type -ap "python3${n:+.$n}")
    done
    for cmd in "${candidates[@]}"; do
        read -r impl version exe < <(cpython_probe "$cmd") || continue
        [ "$impl" = cpython ] || continue
        cpython_at_least "$version" "$min" || continue
        [[ "$seen" == *" $version "* ]] && continue
        seen+="$version "
        lines+="$version $exe"$'\n'
    done
    printf '%s' "$lines" | sort -t. -k1,1n -k2,2n -k3,3n
}

# cpython_at_least X.Y.Z X.Y: status 0 when the version X.Y.Z is X.Y or later.
cpython_at_least() {
    local a b
    IFS=. read -r -a a <<<"$1"
    IFS=. read -r -a b <<<"$2"
    [ "${a[0]}" -gt "${b[0]}" ] || { [ "${a[0]}" -eq "${b[0]}" ] && [ "${a[1]}" -ge "${b[1]}" ]; }
}

# skip NAME REASON: the suite line of a check that could not run here (counted apart by run_all.sh).
skip() { printf 'ok - %s # SKIP %s\n' "$1" "$2"; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
        --all) cpython_all "${2:-3.8}" ;;
        --min) cpython_min "${2:-3.8}" || { cpython_min_missing "${2:-3.8}" >&2; exit 1; } ;;
        [0-9]*.[0-9]*)
            cpython_path "$1" || { cpython_missing "$1" >&2; exit 1; } ;;
        *) echo "usage: $0 X.Y | --min X.Y | --all [X.Y]" >&2; exit 2 ;;
    esac
fi
