"""Checks `gotcha check --output-format json examples/` (stdin) against the markers in the example
files: every `# BUG (GTnnn)` comment must be followed, before the next marker or `# Correct`
comment, by a finding of that code, and no finding may fall anywhere else (the correct code).
Usage: check_examples.py EXAMPLES_DIR < findings.json"""
import json
import pathlib
import re
import sys

MARK = re.compile(r"#\s*(BUG \((GT\d{3})\)|Correct\b)")


def regions(path):
    """[(first_line, last_line, code or None)] for the BUG and Correct blocks of a file."""
    marks = []
    lines = path.read_text().splitlines()
    for n, text in enumerate(lines, 1):
        m = MARK.search(text)
        if m:
            marks.append((n, m.group(2)))
    out = []
    for i, (line, code) in enumerate(marks):
        end = marks[i + 1][0] - 1 if i + 1 < len(marks) else len(lines)
        out.append((line, end, code))
    return out


def main():
    root = pathlib.Path(sys.argv[1])
    findings = json.load(sys.stdin)
    problems = []
    seen = set()
    blocks = {}
    for f in sorted(root.rglob("*.py")):
        blocks[f.resolve()] = regions(f)
    for it in findings:
        path = pathlib.Path(it["filename"]).resolve()
        row, code = it["location"]["row"], it["code"]
        block = next((b for b in blocks.get(path, []) if b[0] <= row <= b[1]), None)
        if block is None or block[2] != code:
            problems.append(f"unexpected {code} at {it['filename']}:{row}: {it['message']}")
        else:
            seen.add((path, block[0]))
    for path, bs in blocks.items():
        for first, _, code in bs:
            if code and (path, first) not in seen:
                problems.append(f"missed {code} marked at {path.name}:{first}")
    for p in problems:
        print(f"# {p}")
    sys.exit(1 if problems else 0)


main()
