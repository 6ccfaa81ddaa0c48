#!/usr/bin/env bash
# `gotcha check` obeying its configuration, end to end: discovery, --config, --show-settings, errors naming
# file/line/key, per-file-ignores and excludes. Usage: cli_checks.sh GOTCHA_BINARY. Prints ok / not ok lines.
set -u
gotcha=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/gotcha-cli-config-XXXXXX")
work=$(cd "$work" && pwd -P)
trap 'rm -rf "$work"' EXIT

# expect NAME CONDITION-STATUS DETAIL
expect() {
    if [ "$2" -eq 0 ]; then echo "ok - config cli: $1"; else echo "not ok - config cli: $1"; sed 's/^/# /' <<<"$3"; fi
}

mutated='def f(x=[]):
    x.append(1)
    return x
'
proj=$work/proj
mkdir -p "$proj/src/pkg" "$proj/tests/unit" "$proj/build" "$proj/gen" "$proj/other"
printf '%s' "$mutated" >"$proj/src/pkg/a.py"
printf '%s' "$mutated" >"$proj/tests/unit/test_a.py"
printf '%s' "$mutated" >"$proj/build/b.py"
printf '%s' "$mutated" >"$proj/gen/g.py"
cat >"$proj/pyproject.toml" <<'TOML'
[project]
name = "demo"

[tool.gotcha]
select = ["GT1"]
extend-exclude = ["gen"]
target-version = "py39"

[tool.gotcha.per-file-ignores]
"tests/**" = ["GT101"]
TOML

out=$(cd "$proj/src" && "$gotcha" check --show-settings . 2>&1)
grep -qF "config-file = \"$proj/pyproject.toml\"" <<<"$out"
expect "discovery walks up to the pyproject.toml with [tool.gotcha]" $? "$out"
grep -q '^target-version = "py39"' <<<"$out" && grep -qF 'per-file-ignores = { "tests/**" = ["GT101"] }' <<<"$out"
expect "show-settings shows the loaded values" $? "$out"

out=$(cd "$proj" && "$gotcha" check --output-format concise . 2>&1)
status=$?
grep -q '^src/pkg/a.py:1:9: GT101' <<<"$out"
expect "a finding outside the ignored folders is reported" $? "$out"
! grep -q 'tests/unit/test_a.py' <<<"$out"
expect "per-file-ignores silences tests/**" $? "$out"
! grep -q 'build/b.py' <<<"$out"
expect "default excludes skip build/" $? "$out"
! grep -q 'gen/g.py' <<<"$out"
expect "extend-exclude skips gen/" $? "$out"
[ "$status" -eq 1 ]
expect "exit status 1 with findings" $? "status $status"

cat >"$proj/other/strict.toml" <<'TOML'
select = ["GT2"]
TOML
out=$(cd "$proj" && "$gotcha" check --config other/strict.toml --output-format concise src 2>&1)
status=$?
! grep -q 'GT101' <<<"$out" && [ "$status" -eq 0 ]
expect "--config replaces the discovered file" $? "status $status: $out"

cat >"$proj/other/gotcha.toml" <<'TOML'
select = ["GT1"]

selct = ["GT2"]
TOML
out=$(cd "$proj/other" && "$gotcha" check . 2>&1)
status=$?
[ "$status" -eq 2 ] && grep -qF "gotcha.toml:3: selct: unknown key; did you mean 'select'?" <<<"$out"
expect "a typo stops the run naming file, line and key" $? "status $status: $out"

printf '[tool.gotcha]\npreview = "yes"\n' >"$proj/other/pyproject.toml"
rm "$proj/other/gotcha.toml"
out=$(cd "$proj/other" && "$gotcha" check . 2>&1)
status=$?
[ "$status" -eq 2 ] && grep -qF "pyproject.toml:2: tool.gotcha.preview: expected true or false, found a string" <<<"$out"
expect "a wrong type stops the run naming file, line and key" $? "status $status: $out"

# immutable-calls / mutable-calls reach the rules (qualified through the import).
calls=$work/calls
mkdir -p "$calls"
printf 'import mylib\n\ndef f(conn=mylib.Settings()):\n    return conn\n\ndef g(x=mylib.Registry()):\n    x.add(1)\n' \
    >"$calls/c.py"
out=$(cd "$calls" && "$gotcha" check --isolated --output-format concise c.py 2>&1)
! grep -q 'GT10[134]' <<<"$out"
expect "without settings: an unknown call is neither stale (GT104) nor mutable (GT101, GT103)" $? "$out"
printf '[tool.gotcha]\nimmutable-calls = ["mylib.Settings"]\nmutable-calls = ["mylib.Registry", "mylib.Settings"]\n' >"$calls/pyproject.toml"
out=$(cd "$calls" && "$gotcha" check --output-format concise c.py 2>&1)
! grep -q '^c.py:3:' <<<"$out" && grep -q '^c.py:6:9: GT101' <<<"$out"
expect "immutable-calls wins over mutable-calls, mutable-calls makes GT101 see the mutation" $? "$out"

# immutable-calls names the project's own classes: in the file that defines them (the path gives the
# module), through a relative import, and as the annotation of a default built by a call.
mkdir -p "$calls/src/shop"
printf 'class Money:\n    def __init__(self):\n        self.cents = 0\n\n    def add(self, n):\n        self.cents += n\n\n\ndef charge(total=Money()):\n    total.add(1)\n' \
    >"$calls/src/shop/money.py"
printf 'from .money import Money\n\n\nclass Cart:\n    def __init__(self):\n        self.items = []\n\n\ndef new_cart():\n    return Cart()\n\n\ndef pay(total: Money = new_cart()):\n    total.items.append(1)\n\n\ndef fill(cart: Cart = new_cart()):\n    cart.items.append(1)\n' \
    >"$calls/src/shop/cart.py"
out=$(cd "$calls" && "$gotcha" check --isolated --select GT104 --output-format concise src 2>&1)
grep -q '^src/shop/money.py:9:18: GT104' <<<"$out" && grep -q '^src/shop/cart.py:13:24: GT104' <<<"$out"
expect "without settings: a class of the project that is mutated is a shared default (GT104)" $? "$out"
printf '[tool.gotcha]\nimmutable-calls = ["shop.money.Money"]\n' >"$calls/pyproject.toml"
out=$(cd "$calls" && "$gotcha" check --select GT104 --output-format concise src 2>&1)
! grep -q '^src/shop/money.py:9' <<<"$out" && ! grep -q '^src/shop/cart.py:13' <<<"$out" &&
    grep -q '^src/shop/cart.py:17:23: GT104' <<<"$out"
expect "immutable-calls: a project class by its module path, relative import, annotation type" $? "$out"
out=$(cd "$calls/src/shop" && "$gotcha" check --config ../../pyproject.toml --select GT104 --output-format concise money.py 2>&1)
! grep -q 'GT104' <<<"$out"
expect "immutable-calls: the path may start inside the package (money.py is shop.money)" $? "$out"
printf '[tool.gotcha]\nimmutable-calls = ["other.money.Money"]\n' >"$calls/pyproject.toml"
out=$(cd "$calls" && "$gotcha" check --select GT104 --output-format concise src 2>&1)
grep -q '^src/shop/money.py:9:18: GT104' <<<"$out"
expect "immutable-calls: a class of another module of the same name is not that class" $? "$out"
# resource-calls adds constructors to GT301's table (qualified through the import).
printf 'from mylib import connect\n\ndef f(host):\n    c = connect(host)\n    return c.fetch()\n' >"$calls/r.py"
out=$(cd "$calls" && "$gotcha" check --isolated --select GT301 --output-format concise r.py 2>&1)
! grep -q 'GT301' <<<"$out"
expect "without settings: an unknown call opens nothing (GT301)" $? "$out"
printf '[tool.gotcha]\nresource-calls = ["mylib.connect"]\n' >"$calls/pyproject.toml"
out=$(cd "$calls" && "$gotcha" check --select GT301 --output-format concise r.py 2>&1)
grep -q '^r.py:4:9: GT301 `c = mylib.connect(...)` is never closed' <<<"$out"
expect "resource-calls makes GT301 see the constructor" $? "$out"
out=$(cd "$calls" && "$gotcha" check --show-settings . 2>&1)
grep -q '^resource-calls = \["mylib.connect"\]' <<<"$out"
expect "--show-settings lists resource-calls" $? "$out"

printf '[tool.gotcha]\npreview = true\n' >"$calls/pyproject.toml"
out=$(cd "$calls" && "$gotcha" check --show-settings . 2>&1)
grep -q '^preview = true' <<<"$out" && grep -q 'GT601' <<<"$out"
expect "preview = true turns on preview rules" $? "$out"

# [tool.gotcha.guard] belongs to the runtime guard: the checker accepts the table, and only a table.
mkdir -p "$work/guardcfg"
printf 'def f(x=[]):\n    x.append(1)\n' >"$work/guardcfg/a.py"
printf '[tool.gotcha]\nselect = ["GT101"]\n\n[tool.gotcha.guard]\ninclude = ["src/*"]\nallow = ["f:x"]\n' \
    >"$work/guardcfg/pyproject.toml"
out=$(cd "$work/guardcfg" && "$gotcha" check --no-cache --output-format concise a.py 2>&1)
grep -q '^a.py:1:9: GT101' <<<"$out"
expect "[tool.gotcha.guard] is the guard's table: the checker runs with the rest of the settings" $? "$out"
printf '[tool.gotcha]\nguard = 1\n' >"$work/guardcfg/pyproject.toml"
out=$(cd "$work/guardcfg" && "$gotcha" check --no-cache a.py 2>&1)
[ $? -eq 2 ] && grep -q 'guard: expected a table' <<<"$out"
expect "guard = 1 is an error: the guard's settings are a table" $? "$out"
