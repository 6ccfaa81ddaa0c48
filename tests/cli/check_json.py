"""Checks gotcha's JSON output (stdin) against ruff's shape.
Usage: check_json.py EXPECTED_COUNT [CODE...]  -- exits 0 when valid and the codes match in order."""
import json
import sys


def fail(msg):
    print(f"# json: {msg}")
    sys.exit(1)


def pos(obj, key):
    p = obj.get(key)
    if not isinstance(p, dict) or set(p) != {"row", "column"} or min(p.values()) < 1:
        fail(f"bad {key}: {p}")
    return p["row"], p["column"]


def main():
    expected = int(sys.argv[1])
    codes = sys.argv[2:]
    items = json.load(sys.stdin)
    if not isinstance(items, list) or len(items) != expected:
        fail(f"expected a list of {expected}, got {items if not isinstance(items, list) else len(items)}")
    for it in items:
        for key in ("code", "message", "filename"):
            if not isinstance(it.get(key), str) or not it[key]:
                fail(f"missing {key}: {it}")
        if pos(it, "end_location") < pos(it, "location"):
            fail(f"end before start: {it}")
        fix = it.get("fix", "absent")
        if fix == "absent":
            fail("fix key missing")
        if fix is not None:
            if fix.get("applicability") not in ("safe", "unsafe") or not isinstance(fix.get("edits"), list):
                fail(f"bad fix {fix}")
            for e in fix["edits"]:
                if not isinstance(e.get("content"), str):
                    fail(f"bad edit {e}")
                pos(e, "location"), pos(e, "end_location")
    keys = [(it["filename"], it["location"]["row"], it["location"]["column"], it["code"]) for it in items]
    if keys != sorted(keys):
        fail("not sorted by file, row, column, code")
    if codes and [it["code"] for it in items] != codes:
        fail(f"codes {[it['code'] for it in items]} != {codes}")


main()
