/* Rules GT104-GT801 beyond their concise fixtures: the fixes of GT201 and GT401 applied to the text
   (result, idempotence), GT601 (a preview rule, which the fixture suite cannot select without
   --preview) and GT701 on the fixture folder (run from the repository root).
   Prints one `ok - NAME` / `not ok - NAME` per check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "rules/registry.h"

static int failures;

static void check(int cond, const char *name)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", name);
    if (!cond)
        failures++;
}

static void check_source_with(const char *path, const char *text, const char *code, FileResult *res)
{
    CheckOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.target_minor = 13;
    opt.rules.enabled[registry_index(code)] = 1;
    Arena a;
    arena_init(&a);
    check_source(path, text, strlen(text), &opt, &a, res);
    arena_free(&a);
}

/* Number of findings of `code` in `text`. */
static int count(const char *text, const char *code)
{
    FileResult res;
    check_source_with("t.py", text, code, &res);
    int n = 0;
    for (int32_t i = 0; i < res.ndiags; i++)
        n += strcmp(res.diags[i].code, code) == 0;
    diag_result_free(&res);
    return n;
}

/* Apply every fix of `code` to `text`, merging identical edits; returns a malloc'ed string,
   or NULL when a finding has no fix. */
static char *apply_fixes(const char *text, const char *code)
{
    FileResult res;
    check_source_with("t.py", text, code, &res);
    Edit edits[64];
    int n = 0, missing = 0;
    for (int32_t i = 0; i < res.ndiags; i++) {
        if (strcmp(res.diags[i].code, code) != 0)
            continue;
        if (!res.diags[i].fix) {
            missing = 1;
            continue;
        }
        for (int32_t e = 0; e < res.diags[i].fix->nedits && n < 64; e++) {
            Edit ed = res.diags[i].fix->edits[e];
            int dup = 0;
            for (int k = 0; k < n; k++)
                dup |= edits[k].start == ed.start && edits[k].end == ed.end &&
                       strcmp(edits[k].text, ed.text) == 0;
            if (!dup)
                edits[n++] = ed;
        }
    }
    char *out = NULL;
    if (!missing) {
        /* Apply from the end so earlier offsets stay valid (edits never overlap). */
        out = strdup(text);
        for (int pass = 0; pass < n; pass++) {
            int last = -1;
            for (int k = 0; k < n; k++)
                if (edits[k].text && (last < 0 || edits[k].start > edits[last].start))
                    last = k;
            size_t len = strlen(out), add = strlen(edits[last].text);
            char *next = malloc(len - (edits[last].end - edits[last].start) + add + 1);
            memcpy(next, out, edits[last].start);
            memcpy(next + edits[last].start, edits[last].text, add);
            strcpy(next + edits[last].start + add, out + edits[last].end);
            free(out);
            out = next;
            edits[last].text = NULL;
        }
    }
    diag_result_free(&res);
    return out;
}

static void expect_fix(const char *name, const char *code, const char *before, const char *after)
{
    char *fixed = apply_fixes(before, code);
    int ok = fixed && strcmp(fixed, after) == 0;
    check(ok, name);
    if (!ok)
        printf("# want:\n%s# got:\n%s", after, fixed ? fixed : "(no fix)\n");
    if (fixed) {
        char idem[160];
        snprintf(idem, sizeof idem, "%s: fixed code has no %s left", name, code);
        check(count(fixed, code) == 0, idem);
    }
    free(fixed);
}

static void test_gt201_fixes(void)
{
    expect_fix("GT201 is -> ==", "GT201", "if x is 'a':\n    pass\n", "if x == 'a':\n    pass\n");
    expect_fix("GT201 is not -> !=", "GT201", "ok = x is not 1000\n", "ok = x != 1000\n");
    expect_fix("GT201 parenthesized operands", "GT201", "ok = (x) is not (\n    ())\n",
               "ok = (x) != (\n    ())\n");
    expect_fix("GT201 chained comparison", "GT201", "ok = 0 < x is 3 is not y\n",
               "ok = 0 < x == 3 != y\n");
    expect_fix("GT201 two findings on one line", "GT201", "ok = x is 'a' or y is not b''\n",
               "ok = x == 'a' or y != b''\n");
    check(apply_fixes("ok = (x  # why\n      is 'a')\n", "GT201") == NULL,
          "GT201 no fix across a comment");
    check(count("ok = x is None or x is not True or x is ...\n", "GT201") == 0,
          "GT201 singletons are not flagged");
}

static void test_gt401_fixes(void)
{
    expect_fix("GT401 adds the import after docstring and __future__", "GT401",
               "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport os\n\n\n"
               "def deco(func):\n    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n"
               "    return wrapper\n",
               "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport functools\nimport os\n\n\n"
               "def deco(func):\n    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n"
               "        return func(*args, **kwargs)\n    return wrapper\n");
    expect_fix("GT401 uses an aliased functools import", "GT401",
               "import functools as ft\n\n\ndef deco(f):\n    @other\n    async def w(*a):\n"
               "        return await f(*a)\n    return w\n",
               "import functools as ft\n\n\ndef deco(f):\n    @ft.wraps(f)\n    @other\n    async def w(*a):\n"
               "        return await f(*a)\n    return w\n");
    expect_fix("GT401 uses an imported wraps", "GT401",
               "from functools import wraps as keep\n\n\nclass T:\n    def trace(self, m):\n"
               "        def traced(*a):\n            return m(*a)\n        return traced\n",
               "from functools import wraps as keep\n\n\nclass T:\n    def trace(self, m):\n"
               "        @keep(m)\n        def traced(*a):\n            return m(*a)\n        return traced\n");
    expect_fix("GT401 two decorators share one new import", "GT401",
               "def a(f):\n    def w(*x):\n        return f(*x)\n    return w\n\n\n"
               "def b(g):\n    def v(**k):\n        return g(**k)\n    return v\n",
               "import functools\ndef a(f):\n    @functools.wraps(f)\n    def w(*x):\n        return f(*x)\n"
               "    return w\n\n\ndef b(g):\n    @functools.wraps(g)\n    def v(**k):\n        return g(**k)\n"
               "    return v\n");
}

static void test_gt601(void)
{
    const char *head = "import threading\nfrom concurrent.futures import ThreadPoolExecutor\n"
                       "def crunch(n):\n    total = 0\n    for i in range(n):\n        total += i * i\n"
                       "    return total\n"
                       "def fetch(url):\n    import urllib.request\n    return urllib.request.urlopen(url)\n"
                       "def tiny(n):\n    return n + 1\n";
    char text[2048];
    snprintf(text, sizeof text, "%sthreading.Thread(target=crunch, args=(9,)).start()\n", head);
    check(count(text, "GT601") == 1, "GT601 Thread(target=<cpu-only function>)");
    snprintf(text, sizeof text, "%swith ThreadPoolExecutor() as pool:\n    pool.map(crunch, [1, 2])\n"
             "    pool.submit(fetch, 'u')\n    pool.submit(tiny, 1)\n", head);
    check(count(text, "GT601") == 1, "GT601 pool.map flagged, I/O and loop-free functions not");
    snprintf(text, sizeof text, "%spool = ThreadPoolExecutor(4)\npool.submit(crunch, 5)\n", head);
    check(count(text, "GT601") == 1, "GT601 pool bound by assignment");
    snprintf(text, sizeof text, "%sfrom concurrent.futures import ProcessPoolExecutor\n"
             "with ProcessPoolExecutor() as pool:\n    pool.submit(crunch, 5)\n", head);
    check(count(text, "GT601") == 0, "GT601 process pools are the fix");
}

/* GT701 looks at the folders next to the file: run from the repository root. */
static void test_gt701(void)
{
    const char *flagged = "tests/rules/GT701/pkg/sub/handlers.py";
    if (access(flagged, R_OK) != 0) {
        check(0, "GT701 fixture folder tests/rules/GT701 reachable from the current folder");
        return;
    }
    FileResult res;
    check_source_with(flagged, "x = 1\n", "GT701", &res);
    check(res.ndiags == 1 && res.diags[0].line == 1, "GT701 sub-folder of a package without __init__.py");
    diag_result_free(&res);
    check_source_with("tests/rules/GT701/pkg/ok/mod.py", "x = 1\n", "GT701", &res);
    check(res.ndiags == 0, "GT701 regular sub-package");
    diag_result_free(&res);
    check_source_with("tests/rules/GT701/pkg/sub/handlers.py", "#!/usr/bin/env python3\n", "GT701", &res);
    check(res.ndiags == 0, "GT701 a script with a shebang");
    diag_result_free(&res);
    check_source_with("-", "x = 1\n", "GT701", &res);
    check(res.ndiags == 0, "GT701 stdin");
    diag_result_free(&res);
}

int main(void)
{
    test_gt201_fixes();
    test_gt401_fixes();
    test_gt601();
    test_gt701();
    return failures ? 1 : 0;
}
