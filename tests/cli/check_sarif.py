"""Structural check of gotcha's SARIF 2.1.0 output (stdin): the parts code-scanning tools read.
Usage: check_sarif.py EXPECTED_RESULTS < out.sarif   -- prints nothing and exits 0 when valid."""
import json
import sys


def fail(msg):
    print(f"# sarif: {msg}")
    sys.exit(1)


def main():
    expected_results = int(sys.argv[1])
    doc = json.load(sys.stdin)
    if doc.get("version") != "2.1.0":
        fail("version is not 2.1.0")
    if "sarif" not in doc.get("$schema", ""):
        fail("$schema missing")
    runs = doc.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        fail("expected exactly one run")
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    if driver.get("name") != "gotcha" or not driver.get("version"):
        fail("tool.driver needs name and version")
    rules = driver.get("rules")
    if not isinstance(rules, list) or not rules:
        fail("tool.driver.rules is empty")
    ids = [r.get("id") for r in rules]
    if len(set(ids)) != len(ids):
        fail("duplicate rule ids")
    for r in rules:
        if not r.get("id", "").startswith("GT") or not r.get("shortDescription", {}).get("text"):
            fail(f"rule without id/shortDescription: {r}")
        if not r.get("fullDescription", {}).get("text") or not r.get("help", {}).get("text"):
            fail(f"rule {r['id']} without fullDescription/help")
    results = run.get("results")
    if not isinstance(results, list):
        fail("results is not a list")
    if len(results) != expected_results:
        fail(f"{len(results)} results, expected {expected_results}")
    for res in results:
        rid = res.get("ruleId")
        if rid not in ids:
            fail(f"result for unknown rule {rid}")
        if ids[res.get("ruleIndex", -1)] != rid:
            fail(f"ruleIndex does not point at {rid}")
        if res.get("level") not in ("error", "warning", "note", "none"):
            fail("bad level")
        if not res.get("message", {}).get("text"):
            fail("result without message.text")
        locs = res.get("locations")
        if not isinstance(locs, list) or len(locs) != 1:
            fail("result needs one location")
        phys = locs[0].get("physicalLocation", {})
        uri = phys.get("artifactLocation", {}).get("uri")
        if not isinstance(uri, str) or not uri or " " in uri:
            fail(f"bad artifact uri {uri!r}")
        region = phys.get("region", {})
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            if not isinstance(region.get(key), int) or region[key] < 1:
                fail(f"region.{key} missing or < 1: {region}")
        if (region["endLine"], region["endColumn"]) < (region["startLine"], region["startColumn"]):
            fail(f"region ends before it starts: {region}")


main()
