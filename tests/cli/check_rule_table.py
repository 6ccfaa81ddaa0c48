"""Checks `gotcha rules --output-format json` (stdin) against `gotcha rules` (argv[1], a file) and
README.md (argv[2]): the same rules in the same order with the same name/default/fix, peer codes
that are other tools' codes, and README's noqa paragraph (`B008→GT104`, `RUF012→GT105/GT106`,
"`# noqa: B006` suppresses GT101-GT103") saying what the rules declare. Prints one line per problem
and exits 1 if there is any."""
import json
import re
import sys

FIX_COLUMN = {"none": "-", "sometimes": "some", "always": "always"}


def table_problems(rules, text_lines):
    problems = []
    rows = [line.split(None, 4) for line in text_lines if re.match(r"GT\d{3} ", line)]
    if [r[0] for r in rows] != [r["code"] for r in rules]:
        problems.append("json and text list different codes")
    for row, rule in zip(rows, rules):
        want = [rule["code"], rule["name"], rule["default"], FIX_COLUMN.get(rule["fix"], "?")]
        if row[:4] != want:
            problems.append(f"{rule['code']}: text {row[:4]}, json {want}")
    return problems


def peer_problems(rules):
    problems = []
    for rule in rules:
        peers = rule["peers"]
        if len(set(p.lower() for p in peers)) != len(peers):
            problems.append(f"{rule['code']}: a peer code twice in {peers}")
        for peer in peers:
            if not re.fullmatch(r"[A-Z]+[0-9]+|[a-z]+(-[a-z]+)+", peer) or peer.upper().startswith("GT"):
                problems.append(f"{rule['code']}: '{peer}' is not another tool's code or name")
    return problems


def readme_problems(rules, readme):
    owners = {}
    for rule in rules:
        for peer in rule["peers"]:
            owners.setdefault(peer, set()).add(rule["code"])
    codes = [r["code"] for r in rules]
    said = {}
    for peer, targets in re.findall(r"([A-Za-z0-9-]+)→(GT\d{3}(?:/GT\d{3})*)", readme):
        said[peer] = set(targets.split("/"))
    for peer, first, last in re.findall(r"`# noqa: (\w+)` suppresses (GT\d{3})-(GT\d{3})", readme):
        said[peer] = set(codes[codes.index(first):codes.index(last) + 1])
    problems = [f"README: {peer}→{sorted(t)}, the rules say {sorted(owners.get(peer, []))}"
                for peer, t in said.items() if owners.get(peer) != t]
    named = set().union(*said.values()) if said else set()
    problems += [f"README's noqa paragraph names no peer code of {r['code']} ({r['peers']})"
                 for r in rules if r["peers"] and r["code"] not in named]
    return problems


def main():
    rules = json.load(sys.stdin)
    text_lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    readme = open(sys.argv[2], encoding="utf-8").read()
    problems = table_problems(rules, text_lines) + peer_problems(rules) + readme_problems(rules, readme)
    for p in problems:
        print(p)
    return 1 if problems or not rules else 0


if __name__ == "__main__":
    sys.exit(main())
