#!/usr/bin/env python3
"""Scaffold a new gotcha rule: `tools/new_rule.py GT123 some-name` (run from the repository root).

Writes src/rules/gt123_some_name.c (a rule skeleton with every RuleDoc field to fill, starting as a
preview rule), tests/rules/GT123.py (fixture skeleton), adds `RULE(gt123)` to src/rules/rule_list.h
in code order, and prints the remaining steps. Refuses a code or name already taken."""
import glob
import os
import re
import sys

RULE_LIST = "src/rules/rule_list.h"


def fail(message):
    print(f"new_rule.py: {message}", file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    if len(argv) != 3:
        fail("usage: tools/new_rule.py GTnnn some-name")
    code, name = argv[1].upper(), argv[2]
    if not re.fullmatch(r"GT\d{3}", code):
        fail(f"'{argv[1]}' is not a rule code like GT123")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        fail(f"'{name}' is not a kebab-case rule name like mutated-default-argument")
    return code, name


def rule_header():
    """Where rule.h lives (src/rules/ or src/engine/) and the enum constant meaning "no fix"."""
    found = sorted(glob.glob("src/*/rule.h"))
    if len(found) != 1:
        fail(f"expected one src/*/rule.h, found {found}")
    text = open(found[0], encoding="utf-8").read()
    first = re.search(r"typedef enum FixAvailability\s*\{\s*(\w+)", text)
    if not first:
        fail(f"no FixAvailability enum in {found[0]}")
    return os.path.relpath(found[0], "src/rules"), first.group(1)


def add_registration(code):
    """Insert RULE(gtnnn) in code order; GT901 must stay last (it reads every other finding)."""
    lines = open(RULE_LIST, encoding="utf-8").read().splitlines(keepends=True)
    entry = f"RULE({code.lower()})\n"
    rules = [i for i, line in enumerate(lines) if line.startswith("RULE(")]
    if entry in lines:
        fail(f"{code} is already registered in {RULE_LIST}")
    if code > "GT901":
        fail("codes after GT901 are not allowed: unused-noqa must stay the last rule")
    at = next((i for i in rules if lines[i] > entry), rules[-1] + 1)
    lines.insert(at, entry)
    open(RULE_LIST, "w", encoding="utf-8").writelines(lines)


def rule_source(code, name, include, no_fix):
    ident = code.lower()
    return f'''/* {code} {name}: TODO one line on what it finds.
   TODO: how it decides (the idea, its limits) for the next reader; put shared Python facts in
   src/semantic/ and ask for them. */
#include "{include}"

static void visit(RuleCtx *ctx, const Node *node)
{{
    /* TODO: decide; report with rule_report(ctx, node, NULL, "`code` message..."). */
}}

const Rule rule_{ident} = {{
    .code = "{code}",
    .name = "{name}",
    .summary = "TODO one line for `gotcha rules`",
    .default_on = 0,
    .preview = 1,
    .fix = {no_fix},
    .doc = {{
        .finds = "TODO what it finds.",
        .mechanism = "TODO why Python behaves so.",
        .symptom = "TODO what goes wrong in production.",
        .fix = "TODO how to fix it.",
        .wrong = "TODO code that is flagged",
        .right = "TODO the same code, fixed",
        .peer = "TODO nearest rule of other tools (\\"ruff B006, pylint W0102\\"), or \\"none\\"",
        .notes = NULL,
    }},
    /* Other tools' codes and names for the same problem: a noqa naming one suppresses {code}. */
    .peers = {{ NULL }},
    .kinds = {{ NK_Call }},
    .visit = visit,
}};
'''


def fixture_source(code, name):
    return f'''# {code} {name}: TODO what the rule finds.
# Each finding's line ends with `# {code}`; the near misses below say why they are not findings.

# TODO: positives


# TODO: negatives
'''


def write_new(path, text):
    if os.path.exists(path):
        fail(f"{path} already exists")
    with open(path, "x", encoding="utf-8") as f:
        f.write(text)


def main(argv):
    if not os.path.exists(RULE_LIST):
        fail(f"run from the repository root ({RULE_LIST} not found)")
    code, name = parse_args(argv)
    if glob.glob(f"src/rules/{code.lower()}_*.c"):
        fail(f"a src/rules/{code.lower()}_*.c already exists")
    for path in glob.glob("src/rules/*.c"):
        if f'.name = "{name}"' in open(path, encoding="utf-8").read():
            fail(f"the name {name} is taken by {path}")
    include, no_fix = rule_header()
    source = f"src/rules/{code.lower()}_{name.replace('-', '_')}.c"
    fixture = f"tests/rules/{code}.py"
    for path in (source, fixture):
        if os.path.exists(path):
            fail(f"{path} already exists")
    add_registration(code)
    write_new(source, rule_source(code, name, include, no_fix))
    write_new(fixture, fixture_source(code, name))
    print(f"""wrote {source}, {fixture}; registered RULE({code.lower()}) in {RULE_LIST}
next:
  1. {source}: fill every TODO (kinds, visit, summary, each RuleDoc field, peers).
  2. {fixture}: positives and negatives; then `make -j2 && tests/rules/update.sh {code}` and read
     tests/rules/{code}.expected.
  3. README.md: its row in the rule table, in code order: | {code} | {name} | preview | - | ... |
  4. If it offers fixes: set .fix, then `tests/fix/update.sh {code}` and read tests/fix/expected/{code}*.py.
  5. `tests/run_all.sh rule-table` lists whatever is still missing.""")


if __name__ == "__main__":
    main(sys.argv)
