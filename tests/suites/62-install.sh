#!/usr/bin/env bash
# Installing gotcha: the wheel of the in-tree PEP 517 backend (pyproject.toml, tools/pep517) built
# offline (pip --no-index) with every CPython 3.8-3.13 found (pyenv, or python3.X on PATH) and with
# Debian's /usr/bin/python3, each wheel checked (tests/install/check_wheel.py) and installed from
# another folder into a fresh venv, where `gotcha`, `python -m gotcha`, `import gotcha_guard` and
# `python -m gotcha_guard` must run; `pip install --no-index .` and `pip install -e .` in a venv with
# Debian's own pip; an
# sdist that pip builds offline; `make install` / `make uninstall` with DESTDIR and the man page;
# the pre-commit manifest, and the hook installed and run by `pre-commit try-repo`. A missing interpreter or tool is an explicit skip with its reason.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 1
. "$root/tests/lib/python.sh"
gotcha=${GOTCHA:-$root/build/gotcha}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A clean make and pip: not the jobserver of a `make test` that may be running this suite.
unset MAKEFLAGS MFLAGS MAKELEVEL PYTHONPATH
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

ok() { echo "ok - install: $1"; }
fail() { echo "not ok - install: $1"; [ -n "${2:-}" ] && sed 's/^/# /' "$2" | tail -n 15; return 0; }
skip() { echo "ok - install: $1 # SKIP $2"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
version=$("$gotcha" version | sed 's/^gotcha //')

# ---- interpreters: "label path" lines, the newest pyenv 3.X.Y or python3.X on PATH, and Debian's ----
interpreters=()
for minor in 8 9 10 11 12 13; do
    if found=$(cpython_path "3.$minor"); then
        interpreters+=("$("$found" -c 'import platform; print(platform.python_version())') $found")
    else
        skip "CPython 3.$minor" "$(cpython_missing "3.$minor")"
    fi
done
debian=/usr/bin/python3
if [ ! -x "$debian" ]; then
    skip "Debian python3" "no $debian"
elif ! "$debian" -c 'import ensurepip, venv' 2>/dev/null; then
    skip "Debian python3" "no venv module with pip for $debian (apt-get install python3-venv)"
elif [ ! -f "$("$debian" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ]; then
    skip "Debian python3" "no Python.h for $debian (apt-get install python3-dev)"
else
    interpreters+=("debian-$("$debian" -c 'import platform; print(platform.python_version())') $debian")
fi

# ---- the backend's data-driven pieces, with the oldest interpreter ----
if [ ${#interpreters[@]} -gt 0 ]; then
    "${interpreters[0]#* }" tests/install/check_backend.py "$root" | sed 's/^\(not \)\{0,1\}ok - /&install: backend: /'
fi

# ---- wheels: one build per interpreter, in parallel (the backend locks its build folder) ----
for entry in "${interpreters[@]}"; do
    label=${entry%% *} python=${entry#* }
    mkdir -p "$work/wheels/$label"
    "$python" -m pip wheel --no-index --no-deps --wheel-dir "$work/wheels/$label" "$root" \
        > "$work/wheels/$label.log" 2>&1 &
done

# Meanwhile: an sdist (the backend's hook, called directly) that pip builds into a wheel offline,
# in a folder of its own (results in $work/sdist.out, printed after the wait).
sdist_check() {
    local python=$1 out=$work/sdist
    mkdir -p "$out/dist" "$out/wheel"
    if ! name=$("$python" -c 'import sys; sys.path.insert(0, "tools/pep517"); import gotcha_backend
print(gotcha_backend.build_sdist(sys.argv[1]))' "$out/dist" 2> "$out/sdist.log"); then
        fail "sdist: build_sdist writes an archive" "$out/sdist.log"; return
    fi
    ok "sdist: build_sdist writes $name"
    local listing
    listing=$(tar tzf "$out/dist/$name")
    check "sdist: PKG-INFO, pyproject.toml, sources; no tests" eval \
        'grep -qx "gotcha-$version/PKG-INFO" <<<"$listing" && grep -qx "gotcha-$version/src/cli/main.c" <<<"$listing" &&
         grep -qx "gotcha-$version/pyproject.toml" <<<"$listing" && ! grep -q "^gotcha-$version/tests/" <<<"$listing"'
    if (cd "$out" && "$python" -m pip wheel --no-index --no-deps --wheel-dir "$out/wheel" "dist/$name") \
            > "$out/wheel.log" 2>&1 && ls "$out/wheel"/gotcha-*.whl >/dev/null 2>&1; then
        ok "sdist: pip builds a wheel from it offline"
    else
        fail "sdist: pip builds a wheel from it offline" "$out/wheel.log"
    fi
}
if [ ${#interpreters[@]} -gt 0 ]; then
    sdist_check "${interpreters[${#interpreters[@]}-1]#* }" > "$work/sdist.out" 2>&1 &
fi

# Meanwhile too: pre-commit installs this repository as a hook (pip, in its own virtualenv) and runs
# it on a project with a bug (results in $work/pre-commit.out).
pre_commit_check() {
    local project=$work/pc-project
    mkdir -p "$project" && cp examples/webapp/handlers.py "$project/"
    (cd "$project" && git init -q && git add handlers.py) || return
    if (cd "$project" && PRE_COMMIT_HOME=$work/pc-home GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t \
            GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t pre-commit try-repo "$root" gotcha --all-files) \
            > "$work/try-repo.log" 2>&1; then
        fail "pre-commit try-repo: the gotcha hook fails on a mutated default" "$work/try-repo.log"
    elif grep -q "^handlers.py:7:22: GT101 " "$work/try-repo.log"; then
        ok "pre-commit try-repo: the gotcha hook installs offline and reports the mutated default"
    else
        fail "pre-commit try-repo: the gotcha hook installs offline and reports the mutated default" "$work/try-repo.log"
    fi
}
if ! command -v pre-commit >/dev/null; then
    skip "pre-commit try-repo" "no pre-commit (apt-get install pre-commit)"
elif ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    skip "pre-commit try-repo" "$root is not a git repository"
else
    pre_commit_check > "$work/pre-commit.out" 2>&1 &
fi

# ---- make install / make uninstall, staged with DESTDIR, and the man page ----
stage=$work/stage
build=$(dirname "$gotcha")
if make --no-print-directory -s BUILD="$build" install DESTDIR="$stage" PREFIX=/usr > "$work/install.log" 2>&1; then
    ok "make install DESTDIR PREFIX=/usr runs"
else
    fail "make install DESTDIR PREFIX=/usr runs" "$work/install.log"
fi
tree=$(cd "$stage" && find . -type f -printf '%m %p\n' | sort)
check "make install: exactly bin/gotcha (755) and the man page (644)" \
    test "$tree" = $'644 ./usr/share/man/man1/gotcha.1\n755 ./usr/bin/gotcha'
check "make install: the installed gotcha runs" test "$("$stage/usr/bin/gotcha" version 2>&1)" = "gotcha $version"
page=$stage/usr/share/man/man1/gotcha.1
help_options=$("$gotcha" check --help | grep -E '^  -' | sed -E 's/^  //; s/  .*//')
page_options=$(sed -n '/^\.SH OPTIONS/,/^\.SH [^O]/p' "$page" | grep -A1 '^\.TP' | grep -v -e '^\.TP' -e '^--$' | sed -E 's/\\f[BIR]//g; s/\\-/-/g')
check "man page: one entry per option of gotcha check --help, in order ($(wc -l <<<"$help_options"))" \
    test "$page_options" = "$help_options"
check "man page: the version in its title" grep -q "^\.TH GOTCHA 1 .*gotcha $version" "$page"
if command -v groff >/dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    check "man page: groff renders it without a warning" test -z "$warnings"
    rendered=$(MANWIDTH=80 man -l "$page" 2>/dev/null)
    sections=$(grep -E '^[A-Z][A-Z ]+$' <<<"$rendered" | tr '\n' ',')
    check "man page: man shows its sections ($sections)" \
        test "$sections" = "NAME,SYNOPSIS,DESCRIPTION,OPTIONS,EXIT STATUS,FILES,EXAMPLES,SEE ALSO,"
else
    skip "man page: groff renders it" "no groff (apt-get install groff-base)"
fi
make --no-print-directory -s BUILD="$build" uninstall DESTDIR="$stage" PREFIX=/usr > "$work/uninstall.log" 2>&1
check "make uninstall: removes both files" test -z "$(find "$stage" -type f)"

# ---- pre-commit manifest ----
if command -v pre-commit >/dev/null; then
    if pre-commit validate-manifest .pre-commit-hooks.yaml > "$work/pre-commit.log" 2>&1; then
        ok "pre-commit validate-manifest accepts .pre-commit-hooks.yaml"
    else
        fail "pre-commit validate-manifest accepts .pre-commit-hooks.yaml" "$work/pre-commit.log"
    fi
else
    skip "pre-commit manifest" "no pre-commit (apt-get install pre-commit)"
fi
check "pre-commit: the hooks install with pip and run gotcha check" eval \
    'grep -q "^  language: python$" .pre-commit-hooks.yaml && grep -q "^  entry: gotcha check" .pre-commit-hooks.yaml'

wait
cat "$work/sdist.out" "$work/pre-commit.out" 2>/dev/null

# ---- each wheel: checked, copied to another folder, installed into a fresh venv, run there ----
# The venvs have no pip of their own (seeding one costs seconds): the interpreter's pip installs
# into them with --python. The checks run from an empty folder, away from the source packages.
run=$work/run
mkdir -p "$run" && cp -r examples "$run/"
expected=$(cd "$run" && "$gotcha" check --output-format concise examples/ 2>&1)
wheel_checks() {
    local label=$1 python=$2 wheel venv=$work/venv-$1 out
    wheel=$(ls "$work/wheels/$label"/gotcha-*.whl 2>/dev/null | head -n 1)
    if [ -z "$wheel" ]; then
        fail "$label: pip wheel --no-index builds a wheel" "$work/wheels/$label.log"; return
    fi
    ok "$label: pip wheel --no-index builds $(basename "$wheel")"
    "$python" tests/install/check_wheel.py "$wheel" "$version" "$root/" "$HOME/" "/tmp/" \
        | sed "s/^\(not \)\{0,1\}ok - /&install: $label: /"
    mkdir -p "$work/elsewhere/$label" && cp "$wheel" "$work/elsewhere/$label/"
    wheel=$work/elsewhere/$label/$(basename "$wheel")
    if ! { "$python" -m venv --without-pip "$venv" &&
           "$python" -m pip --python "$venv/bin/python" install --no-index --no-deps "$wheel"; } \
           > "$work/install-$label.log" 2>&1; then
        fail "$label: the wheel installs into a fresh venv" "$work/install-$label.log"; return
    fi
    ok "$label: the wheel installs into a fresh venv"
    cd "$run" || return
    check "$label: gotcha on the venv's PATH prints its version" \
        test "$(env PATH="$venv/bin:/usr/bin:/bin" gotcha --version 2>&1)" = "gotcha $version"
    out=$("$venv/bin/python" -m gotcha check --output-format concise examples/ 2>&1)
    status=$?
    check "$label: python -m gotcha check examples/ reports what build/gotcha reports (status 1)" \
        eval '[ $status -eq 1 ] && [ "$out" = "$expected" ] && [ -n "$out" ]'
    out=$("$venv/bin/python" -c 'import sys, gotcha_guard; print(gotcha_guard.__file__.startswith(sys.prefix))' 2>&1)
    check "$label: import gotcha_guard (from the venv, no PYTHONPATH)" test "$out" = True
    out=$("$venv/bin/python" -m gotcha_guard "$root/gotcha_guard/examples/request_handler.py" alice bob 2>&1)
    check "$label: python -m gotcha_guard reports the example's mutated default" \
        grep -q "handle(): default of 'seen' changed at call 1 (items added): \['alice', 'bob'\]" <<<"$out"
    check "$label: the man page lands in the venv" test -f "$venv/share/man/man1/gotcha.1"
    out=$("$venv/bin/python" -c 'import importlib.metadata as m
print(sorted((e.group, e.name, e.value) for e in m.distribution("gotcha").entry_points))' 2>&1)
    check "$label: pytest finds the guard plugin (entry point pytest11 gotcha_guard)" \
        test "$out" = "[('pytest11', 'gotcha_guard', 'gotcha_guard.pytest_plugin')]"
    out=$("$venv/bin/python" -c 'import os, gotcha_guard
print(os.path.isfile(os.path.join(os.path.dirname(gotcha_guard.__file__), "_bootstrap", "sitecustomize.py")))' 2>&1)
    check "$label: the startup hook for child processes is installed (gotcha_guard/_bootstrap)" test "$out" = True
    cd "$root" || return
}
last_label= last_python= first_label=
for entry in "${interpreters[@]}"; do
    wheel_checks "${entry%% *}" "${entry#* }"
    first_label=${first_label:-${entry%% *}}
    last_label=${entry%% *} last_python=${entry#* }
done

# A wheel is for its interpreter only: pip refuses the oldest one's wheel in the newest's venv.
if [ -n "$first_label" ] && [ "$first_label" != "$last_label" ] && [ -d "$work/venv-$last_label" ]; then
    other=$(ls "$work/elsewhere/$first_label"/gotcha-*.whl 2>/dev/null | head -n 1)
    out=$("$last_python" -m pip --python "$work/venv-$last_label/bin/python" install --no-index \
          --no-deps --force-reinstall "$other" 2>&1)
    check "pip refuses the $first_label wheel for $last_label (ABI tag)" \
        grep -q "is not a supported wheel on this platform" <<<"$out"
fi

# python -m gotcha without the program: a clear error, status 2.
if [ -n "$last_label" ] && [ -x "$work/venv-$last_label/bin/gotcha" ]; then
    rm "$work/venv-$last_label/bin/gotcha"
    out=$(cd "$run" && "$work/venv-$last_label/bin/python" -m gotcha --version 2>&1)
    status=$?
    check "python -m gotcha without the program: status 2 and says it is not installed" \
        eval '[ $status -eq 2 ] && grep -q "the gotcha program is not installed" <<<"$out"'
fi

# `pip install --no-index .` as a user types it, in a venv made with Debian's venv and pip.
for entry in "${interpreters[@]}"; do
    [[ "$entry" == debian-* ]] || continue
    venv=$work/venv-debian-pip
    if "$debian" -m venv "$venv" > "$work/debian-pip.log" 2>&1 &&
       "$venv/bin/pip" install --no-index "$root" >> "$work/debian-pip.log" 2>&1; then
        ok "Debian: pip install --no-index . in a fresh venv"
        check "Debian: gotcha --version from that venv" test "$("$venv/bin/gotcha" --version)" = "gotcha $version"
    else
        fail "Debian: pip install --no-index . in a fresh venv" "$work/debian-pip.log"
        continue
    fi
    # Editable (PEP 660) over it: the tree's make build and source packages.
    if ! "$venv/bin/pip" install --no-index -e "$root" > "$work/editable.log" 2>&1; then
        fail "Debian: pip install -e . (editable)" "$work/editable.log"; continue
    fi
    ok "Debian: pip install -e . (editable)"
    check "editable: gotcha runs the tree's build/gotcha" grep -qF "exec $root/build/gotcha " "$venv/bin/gotcha"
    check "editable: python -m gotcha --version" test "$(cd "$run" && "$venv/bin/python" -m gotcha --version)" = "gotcha $version"
    out=$(cd "$run" && "$venv/bin/python" -c 'import os, gotcha_guard
print(os.path.realpath(gotcha_guard.__file__), gotcha_guard._guard.__file__.startswith(os.path.realpath("'"$root"'/build/")))' 2>&1)
    check "editable: gotcha_guard from the source folder, its extension from the tree's build/" \
        test "$out" = "$(realpath "$root/gotcha_guard/__init__.py") True"
done
if [[ " ${interpreters[*]} " != *" debian-"* ]]; then
    skip "pip install . and -e . with Debian's pip" "Debian's python3 is missing"
fi
