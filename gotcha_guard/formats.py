"""The guard's findings as files: JSON (ours), SARIF 2.1.0, and GitHub workflow annotations.

Each finding is a dict as gotcha_guard.report() returns it, plus, from the pytest plugin,
"test" (node id of the first test whose run changed the default, None during collection).
"""
import json
import os

FORMATS = ("json", "sarif", "github")
RULE_LEAK = "GG101"      # a default changed inside a call that used it
RULE_CACHE = "GG102"     # an intentional cache (cache-names) filled
RULE_OUTSIDE = "GG103"   # a default changed from outside its calls


def format_for(path, requested=None):
    """The format asked for, else the one the file name says (.sarif -> SARIF), else JSON."""
    if requested:
        return requested
    name = path.lower()
    return "sarif" if name.endswith(".sarif") or name.endswith(".sarif.json") else "json"


def rule_of(finding):
    if finding.get("outside"):
        return RULE_OUTSIDE
    return RULE_CACHE if finding.get("intentional") else RULE_LEAK


def message_of(finding):
    where = "default of %s%r of %s()" % ("keyword-only " if finding.get("keyword_only") else "",
                                         finding["parameter"], finding["function"])
    if finding.get("outside"):
        text = "%s changed outside its calls (%s): %s" % (where, finding["kind"], finding["excerpt"])
    else:
        text = "%s changed at call %d (%s): %s" % (where, finding["call"], finding["kind"], finding["excerpt"])
    if finding.get("call_site"):
        text += "; called from %s" % finding["call_site"]
    if finding.get("test"):
        text += "; first changed by test %s" % finding["test"]
    return text


def relative(path, root):
    if root and os.path.isabs(path):
        try:
            candidate = os.path.relpath(path, root)
        except ValueError:
            return path
        if not candidate.startswith(".."):
            return candidate.replace(os.sep, "/")
    return path.replace(os.sep, "/")


def as_json(findings, root=None):
    return json.dumps({"version": 1, "findings": findings}, indent=2) + "\n"


def as_sarif(findings, root=None):
    rules = [
        {"id": RULE_LEAK, "name": "mutated-default",
         "shortDescription": {"text": "A default argument changed during a call that used it"},
         "defaultConfiguration": {"level": "error"}},
        {"id": RULE_CACHE, "name": "intentional-cache",
         "shortDescription": {"text": "A default named as a cache (cache-names) was filled"},
         "defaultConfiguration": {"level": "note"}},
        {"id": RULE_OUTSIDE, "name": "default-changed-from-outside",
         "shortDescription": {"text": "A default argument was changed by code outside its calls"},
         "defaultConfiguration": {"level": "note"}},
    ]
    results = []
    for finding in findings:
        rule = rule_of(finding)
        results.append({
            "ruleId": rule,
            "ruleIndex": [r["id"] for r in rules].index(rule),
            "level": "error" if rule == RULE_LEAK and not finding.get("allowed") else "note",
            "message": {"text": message_of(finding)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": relative(finding["file"], root)},
                "region": {"startLine": max(1, int(finding["line"]))}}}],
            "properties": {key: finding.get(key) for key in ("function", "parameter", "call", "kind", "test",
                                                               "call_site")},
        })
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "gotcha_guard",
                                      "rules": rules}},
                  "results": results}],
    }
    return json.dumps(document, indent=2) + "\n"


def _escape_data(text):
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text):
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings, root=None):
    """One workflow command per finding: ::error for leaks, ::notice for the others."""
    lines = []
    for finding in findings:
        level = "error" if rule_of(finding) == RULE_LEAK and not finding.get("allowed") else "notice"
        lines.append("::%s file=%s,line=%d,title=%s::%s" % (
            level, _escape_property(relative(finding["file"], root)), int(finding["line"]),
            _escape_property("gotcha_guard " + rule_of(finding)), _escape_data(message_of(finding))))
    return "".join(line + "\n" for line in lines)


def report_path_problem(path):
    """Why `path` cannot be written, or None."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        return "is a folder"
    if not os.path.isdir(folder):
        return "folder %s does not exist" % folder
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return "is not writable"
    if not os.path.exists(path) and not os.access(folder, os.W_OK):
        return "folder %s is not writable" % folder
    return None


def render(findings, kind, root=None):
    return {"json": as_json, "sarif": as_sarif, "github": as_github}[kind](findings, root)


def write_report(path, findings, kind=None, root=None):
    """Writes the findings to `path` ("-": standard output) in `kind` (default: from the name)."""
    text = render(findings, format_for(path, kind), root)
    if path == "-":
        import sys
        sys.stdout.write(text)
        return
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
