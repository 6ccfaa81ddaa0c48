"""Structural check of gotcha's HTML report against its JSON output of the same run.
Usage: check_html.py REPORT.html REPORT.json FILES_CHECKED -- prints nothing and exits 0 when valid.

Checks: one document, every non-void element closed in order, exactly two <script> elements (the
data and the page's script), nothing loaded from anywhere (no src/href, no URL outside the quoted
code), the data blob
parses as JSON and holds no `<`, `>` or `&`, and its findings and the summary's numbers are those
of the JSON output."""
import html.parser
import json
import re
import sys
from collections import Counter

VOID = {"meta", "input", "br", "hr", "img", "link", "source", "wbr", "area", "base", "col", "embed", "track"}


def fail(msg):
    print(f"# html: {msg}")
    sys.exit(1)


class Structure(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.scripts, self.ids, self.errors = [], [], {}, []
        self.text_of, self.current_id = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href", "action", "srcset", "poster", "data"):
            if key in attrs:
                self.errors.append(f"<{tag} {key}=...> loads something")
        if tag == "script":
            self.scripts.append(attrs)
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.errors.append(f"id {attrs['id']} twice")
            self.ids[attrs["id"]] = tag
            self.current_id = attrs["id"]
            self.text_of[self.current_id] = ""
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        self.current_id = None

    def handle_data(self, data):
        if self.current_id is not None:
            self.text_of[self.current_id] += data


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    findings = json.load(open(sys.argv[2], encoding="utf-8"))
    files_checked = int(sys.argv[3])
    if not page.startswith("<!DOCTYPE html>\n") or not page.endswith("</html>\n"):
        fail("not one whole document")
    blob = re.search(r'<script type="application/json" id="gotcha-data">.*?</script>', page, re.S)
    if blob and re.search(r"https?://", page[:blob.start()] + page[blob.end():]):
        fail("a URL in the page's own markup, style or script (the code it quotes may hold some)")
    parser = Structure()
    parser.feed(page)
    parser.close()
    if parser.errors:
        fail("; ".join(parser.errors[:5]))
    if parser.stack:
        fail(f"unclosed: {parser.stack}")
    if [s.get("type") for s in parser.scripts] != ["application/json", None]:
        fail(f"scripts: {parser.scripts}")
    m = re.search(r'<script type="application/json" id="gotcha-data">(.*?)</script>', page, re.S)
    if not m or re.search(r"[<>&]", m.group(1)):
        fail("the data element holds < > or &")
    data = json.loads(m.group(1))
    got = [(data["files"][f[0]]["path"], f[1], f[2], f[5], f[6]) for f in data["findings"]]
    want = [(d["filename"], d["location"]["row"], d["location"]["column"], d["code"], d["message"]) for d in findings]
    if got != want:
        fail(f"findings differ from the JSON output: {len(got)} vs {len(want)}")
    if set(data["rules"]) != {d["code"] for d in findings}:
        fail("the rule table is not the rules found")
    fixable = [d for d in findings if d["fix"]]
    safe = sum(d["fix"]["applicability"] == "safe" for d in fixable)
    numbers = {"n-files": files_checked, "n-findings": len(findings), "n-fixable": len(fixable),
               "n-unfixable": len(findings) - len(fixable)}
    if findings:
        numbers.update({"n-safe": safe, "n-unsafe": len(fixable) - safe})
    for key, value in numbers.items():
        if parser.text_of.get(key, "").strip() != str(value):
            fail(f"#{key} is {parser.text_of.get(key)!r}, the JSON output says {value}")
    bars = dict(re.findall(r'data-rule="([^"]+)".*?<span class="bar-count">(\d+)</span>', page))
    if {k: int(v) for k, v in bars.items()} != dict(Counter(d["code"] for d in findings)):
        fail(f"bars {bars} differ from the JSON output")


if __name__ == "__main__":
    main()
