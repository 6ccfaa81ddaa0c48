/* The playground's entry points (src/cli/playground.h), natively: what the WebAssembly build
   exports to the page. Findings and fix previews of a snippet, settings text (select, ignore,
   per-file-ignores, extend-safe-fixes, TOML and selector errors), one fix, every safe fix, rule
   documentation. The answers are JSON; the checks look for exact fragments of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/playground.h"

typedef struct Tally { int failed; } Tally;

static void check(Tally *t, int cond, const char *name, const char *detail)
{
    printf("%s - playground: %s\n", cond ? "ok" : "not ok", name);
    if (!cond) {
        printf("# %s\n", detail ? detail : "");
        t->failed++;
    }
}

/* `json` holds `fragment` (present = 1) or does not (present = 0). */
static void has(Tally *t, const char *json, const char *fragment, int present, const char *name)
{
    check(t, (strstr(json, fragment) != NULL) == present, name, json);
}

static const char leaking[] = "def f(x, seen=[]):\n    seen.append(x)\n    return seen\n";
static const char identity[] = "def g(x):\n    return x is 1\n";

static void check_findings(Tally *t)
{
    char *out = playground_check(leaking, NULL);
    has(t, out, "\"settings_error\": null", 1, "no settings: no settings error");
    has(t, out, "\"code\": \"GT101\"", 1, "the leaking function has GT101");
    has(t, out, "\"filename\": \"snippet.py\"", 1, "the snippet is snippet.py");
    has(t, out, "\"location\": {\"column\": 15, \"row\": 1}", 1, "findings carry the JSON reporter's positions");
    has(t, out, "\"safe\": false", 1, "GT101's fix preview is marked unsafe");
    has(t, out, "-def f(x, seen=[]):\\n+def f(x, seen=None):\\n", 1, "the preview is a unified diff of that fix");
    has(t, out, "+    if seen is None:\\n+        seen = []\\n", 1, "the preview shows the inserted sentinel test");
    free(out);

    out = playground_check("x = 1\n", "");
    has(t, out, "\"findings\": [],\n\"fixes\": []}", 1, "clean code: no findings, no fixes");
    free(out);

    out = playground_check("def f(:\n", "");
    has(t, out, "\"code\": \"GT001\"", 1, "a syntax error is GT001, not a failure");
    has(t, out, "\"fixes\": [\n  null\n]", 1, "GT001 has no fix");
    free(out);
}

static void check_settings(Tally *t)
{
    char *out = playground_check(leaking, "[tool.gotcha]\nignore = [\"GT101\"]\n");
    has(t, out, "GT101", 0, "ignore = [GT101] hides it");
    has(t, out, "\"settings_error\": null", 1, "valid settings: no error");
    free(out);

    out = playground_check(leaking, "[tool.gotcha]\nselect = [\"GT2\"]\n");
    has(t, out, "GT101", 0, "select = [GT2] leaves GT101 out");
    free(out);

    out = playground_check(identity, "[tool.gotcha]\nselect = [\"GT2\"]\n");
    has(t, out, "\"code\": \"GT201\"", 1, "select = [GT2] keeps GT201");
    has(t, out, "\"safe\": true", 1, "GT201's fix is safe");
    free(out);

    out = playground_check(identity, "[tool.gotcha]\nextend-unsafe-fixes = [\"GT201\"]\n");
    has(t, out, "\"safe\": false", 1, "extend-unsafe-fixes marks GT201's preview unsafe");
    has(t, out, "\"applicability\": \"unsafe\"", 1, "and the finding's fix too");
    free(out);

    out = playground_check(leaking, "[tool.gotcha.per-file-ignores]\n\"snippet.py\" = [\"GT1\"]\n");
    has(t, out, "GT101", 0, "per-file-ignores apply to snippet.py");
    free(out);

    out = playground_check(leaking, "[tool.gotcha]\nselect = [\"GT1\"\n");
    has(t, out, "\"settings_error\": \"pyproject.toml:2:", 1, "a TOML error names pyproject.toml and the line");
    has(t, out, "\"code\": \"GT101\"", 1, "with a settings error the defaults still check the code");
    free(out);

    out = playground_check(leaking, "[tool.gotcha]\nselect = [\"GT999\"]\n");
    has(t, out, "GT999", 1, "an unknown selector is a settings error naming it");
    has(t, out, "\"code\": \"GT101\"", 1, "and the defaults apply");
    free(out);

    out = playground_check(leaking, "[tool.gotcha]\nselct = [\"GT1\"]\n");
    has(t, out, "\"settings_error\": \"pyproject.toml:2", 1, "an unknown key is a settings error");
    free(out);

    out = playground_check(leaking, "[project]\nname = \"x\"\n");
    has(t, out, "\"settings_error\": null", 1, "a pyproject.toml without [tool.gotcha] means the defaults");
    free(out);
}

static void check_fixes(Tally *t)
{
    char *out = playground_fix(leaking, "", 0);
    has(t, out, "\"applied\": 1", 1, "fix 0 applies GT101's fix");
    has(t, out, "def f(x, seen=None):\\n    if seen is None:\\n        seen = []\\n    seen.append(x)", 1,
        "the new text has the sentinel");
    has(t, out, "\"error\": null", 1, "no error");
    free(out);

    out = playground_fix(leaking, "", 3);
    has(t, out, "\"applied\": 0", 1, "a finding that does not exist applies nothing");
    has(t, out, "no finding 3", 1, "and says so");
    has(t, out, "\"text\": \"def f(x, seen=[]):", 1, "and gives the code back");
    free(out);

    out = playground_fix(leaking, "", -1);
    has(t, out, "\"applied\": 0", 1, "every safe fix: GT101's unsafe fix is not one");
    free(out);

    char twice[200];
    snprintf(twice, sizeof twice, "%s%s", identity, "def h(y):\n    return y is not 'a'\n");
    out = playground_fix(twice, "", -1);
    has(t, out, "\"applied\": 2", 1, "every safe fix applies both GT201 fixes");
    has(t, out, "return x == 1\\n", 1, "the first");
    has(t, out, "return y != 'a'\\n", 1, "the second");
    has(t, out, "\"diff\": \"--- a/snippet.py\\n+++ b/snippet.py\\n", 1, "with the diff of the whole");
    free(out);

    out = playground_fix("\xEF\xBB\xBF" "def g(x):\n    return x is 1\n", "", 0);
    has(t, out, "\"text\": \"\xEF\xBB\xBF" "def g(x):\\n    return x == 1\\n\"", 1, "a BOM stays and offsets skip it");
    free(out);

    out = playground_fix("x = 1\r\ndef f(a, b=[]):\r\n    b.append(a)\r\n", "", 0);
    has(t, out, "\"text\": \"x = 1\\r\\ndef f(a, b=None):\\r\\n    if b is None:\\r\\n", 1,
        "inserted lines follow the snippet's CRLF line breaks");
    free(out);
}

static void check_rules(Tally *t)
{
    char *out = playground_rule("GT101");
    has(t, out, "\"name\": \"mutated-default-argument\"", 1, "rule GT101 has its name");
    has(t, out, "{\"title\": \"Wrong\", \"text\": \"def ", 1, "and its wrong example");
    has(t, out, "\"code\": true", 1, "examples are marked as code");
    free(out);

    out = playground_rule("gt201");
    has(t, out, "\"code\": \"GT201\"", 1, "codes are case-insensitive");
    free(out);

    out = playground_rule("mutated-default-argument");
    has(t, out, "\"code\": \"GT101\"", 1, "a rule's name finds it too");
    free(out);

    out = playground_rule("<script>");
    has(t, out, "{\"error\": \"unknown rule '<script>'\"}", 1, "an unknown rule is an error");
    free(out);
}

int main(void)
{
    Tally t = {0};
    check_findings(&t);
    check_settings(&t);
    check_fixes(&t);
    check_rules(&t);
    return t.failed ? 1 : 0;
}
