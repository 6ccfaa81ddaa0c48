#!/usr/bin/env bash
# `gotcha server` driven by real LSP clients (issue 15, deliver 3):
#   - Neovim's built-in client, headless, configured by tests/lsp/nvim/init.lua (the setup
#     docs/editors.md shows; this suite checks the two are the same text), driven by
#     tests/lsp/nvim/test.lua;
#   - a Node script on vscode-jsonrpc / vscode-languageserver-protocol (tests/lsp/node/client.test.mjs,
#     packages from tests/node: `(cd tests/node && npm ci)`).
# Both run against $GOTCHA and, when it is built, $GOTCHA_ASAN. A missing nvim, node or
# tests/node/node_modules is a skip with its reason, never a failure.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
GOTCHA=${GOTCHA:-$root/build/gotcha}
GOTCHA_ASAN=${GOTCHA_ASAN:-$root/build-asan/gotcha}
case $GOTCHA in /*) ;; *) GOTCHA=$root/$GOTCHA ;; esac
case $GOTCHA_ASAN in /*) ;; *) GOTCHA_ASAN=$root/$GOTCHA_ASAN ;; esac
cd "$root" || exit 1
. tests/lib/python.sh   # skip
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# The Neovim snippet of docs/editors.md (between its "lua" fence after the marker line) is init.lua.
snippet=$(awk '/<!-- tests\/lsp\/nvim\/init.lua -->/ { found = 1; next }
               found && /^```lua$/ { inside = 1; next }
               inside && /^```$/ { exit }
               inside { print }' docs/editors.md 2>/dev/null)
if [ -n "$snippet" ] && [ "$snippet" == "$(cat tests/lsp/nvim/init.lua)" ]; then
    echo "ok - lsp clients: docs/editors.md shows tests/lsp/nvim/init.lua as it is"
else
    echo "not ok - lsp clients: docs/editors.md shows tests/lsp/nvim/init.lua as it is"
    diff <(printf '%s\n' "$snippet") tests/lsp/nvim/init.lua | head -20 | sed 's/^/# /'
fi

binaries=("$GOTCHA")
[ -x "$GOTCHA_ASAN" ] && binaries+=("$GOTCHA_ASAN")

# nvim_run LABEL BINARY: the Neovim test with `gotcha` = BINARY first on PATH.
nvim_run() {
    local label=$1 binary=$2 work=$tmp/nvim-$1 bin=$tmp/bin-$1 results=$tmp/nvim-$1.results status
    mkdir -p "$work" "$bin"
    ln -sf "$binary" "$bin/gotcha"
    printf '[tool.gotcha]\n' >"$work/pyproject.toml"
    printf '%s\n' 'def handle(req, seen=[]):' '    seen.append(req.user)' '    return seen' '' '' \
        'def _tag(label="é😀", acc={}):' '    acc[label] = 1' '    return acc' >"$work/app.py"
    : >"$results"
    PATH="$bin:$PATH" GOTCHA="$binary" GOTCHA_NVIM_WORK="$work" GOTCHA_NVIM_RESULTS="$results" HOME="$tmp" \
        XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
        timeout 120 nvim --headless --clean -u tests/lsp/nvim/init.lua -c 'luafile tests/lsp/nvim/test.lua' \
        >"$tmp/nvim-$label.log" 2>&1 </dev/null
    status=$?
    sed "s/^\(\(not \)\?ok - \)nvim: /\1nvim ($label): /" "$results"
    grep -q 'the test script ran to its end' "$results" ||
        { echo "not ok - nvim ($label): the test script ran to its end (status $status)"; sed 's/^/# /' "$tmp/nvim-$label.log" | head -20; }
}

# node_run LABEL BINARY
node_run() {
    local label=$1 binary=$2 out status
    out=$(GOTCHA="$binary" timeout 300 node tests/lsp/node/client.test.mjs 2>&1)
    status=$?
    sed "s/^\(\(not \)\?ok - \)node: /\1node ($label): /" <<<"$out"
    [ $status -eq 0 ] || grep -q '^not ok' <<<"$out" || echo "not ok - node ($label): the script ends with status 0 (status $status)"
}

label_of() { [ "$1" == "$GOTCHA_ASAN" ] && echo asan || echo build; }

if ! command -v nvim >/dev/null; then
    skip "nvim: Neovim's LSP client drives gotcha server" "nvim is not installed (Debian: apt-get install neovim)"
elif ! nvim --headless --clean -c 'lua io.stdout:write(vim.lsp and vim.diagnostic and "yes" or "no")' -c 'qall!' 2>/dev/null </dev/null | grep -q yes; then
    skip "nvim: Neovim's LSP client drives gotcha server" "this nvim has no vim.lsp/vim.diagnostic (0.6 or later needed)"
else
    for binary in "${binaries[@]}"; do nvim_run "$(label_of "$binary")" "$binary"; done
fi

if ! command -v node >/dev/null; then
    skip "node: vscode-languageserver-protocol drives gotcha server" "node is not installed"
elif [ ! -d tests/node/node_modules/vscode-languageserver-protocol ]; then
    skip "node: vscode-languageserver-protocol drives gotcha server" "tests/node/node_modules is missing: (cd tests/node && npm ci)"
else
    for binary in "${binaries[@]}"; do node_run "$(label_of "$binary")" "$binary"; done
fi
exit 0
