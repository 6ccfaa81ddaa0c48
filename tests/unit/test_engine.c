/* The check engine and the semantic model on small sources: GT001, ordering, scopes, bindings,
   qualified names through aliases, parameter references, mutability, function facts, and the
   GT101/GT102/GT103 split. Prints one `ok - NAME` / `not ok - NAME` per check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "engine/engine.h"
#include "parser/parser.h"
#include "rules/registry.h"
#include "semantic/semantic.h"

static int failures;

static void check(int cond, const char *name)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", name);
    if (!cond)
        failures++;
}

/* Run check_source with the given rules ("ALL" = defaults) and options (NULL = none);
   returns "LINE:COL:CODE ..." (static). */
static const char *run_with(const char *text, const char *codes, const CheckOptions *base, FileResult *keep)
{
    static char out[4096];
    CheckOptions opt;
    memset(&opt, 0, sizeof opt);
    if (base)
        opt = *base;
    opt.target_minor = 13;
    if (strcmp(codes, "ALL") == 0) {
        registry_default_set(&opt.rules, 0);
    } else {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", codes);
        for (char *c = strtok(buf, " "); c; c = strtok(NULL, " "))
            opt.rules.enabled[registry_index(c)] = 1;
    }
    Arena a;
    arena_init(&a);
    FileResult res;
    check_source("t.py", text, strlen(text), &opt, &a, &res);
    out[0] = 0;
    for (int32_t i = 0; i < res.ndiags; i++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%d:%d:%s", i ? " " : "", res.diags[i].line,
                 res.diags[i].col, res.diags[i].code);
    }
    if (keep)
        *keep = res;
    else
        diag_result_free(&res);
    arena_free(&a);
    return out;
}

static const char *run(const char *text, const char *codes, FileResult *keep)
{
    return run_with(text, codes, NULL, keep);
}

static void expect_diags(const char *name, const char *text, const char *codes, const char *want)
{
    const char *got = run(text, codes, NULL);
    check(strcmp(got, want) == 0, name);
    if (strcmp(got, want) != 0)
        printf("# want: %s\n# got:  %s\n", want, got);
}

/* ---- semantic model on a parsed module ---- */

typedef struct Parsed {
    Arena a;
    ParsedFile pf;
    Semantic *sem;
} Parsed;

static int parse(Parsed *p, const char *text)
{
    arena_init(&p->a);
    SyntaxErr err;
    if (parse_file("t.py", text, strlen(text), &p->a, &p->pf, &err) != 0)
        return 0;
    p->sem = sem_build(p->pf.module, &p->pf.src, NULL, &p->a);
    return 1;
}

/* The expression of the n-th module-level statement `expr` (an Expr statement). */
static const Node *stmt_expr(const Parsed *p, int n)
{
    const Node *s = p->pf.module->v.Module.body.items[n];
    return s->kind == NK_Expr ? s->v.Expr.value : NULL;
}

static int qualname_is(Parsed *p, int stmt, const char *want)
{
    const char *q = sem_qualname(p->sem, sem_module_scope(p->sem), stmt_expr(p, stmt));
    if (!want)
        return q == NULL;
    return q && strcmp(q, want) == 0;
}

static void test_qualnames(void)
{
    Parsed p;
    const char *src =
        "import functools as ft\n"                      /* 0 */
        "from contextlib import contextmanager as cm\n" /* 1 */
        "import os.path\n"                              /* 2 */
        "from . import sibling\n"                       /* 3 */
        "from collections import deque as dq\n"         /* 4 */
        "def local(): pass\n"                           /* 5 */
        "ft.wraps\n"                                    /* 6 */
        "cm\n"                                          /* 7 */
        "os.path.join\n"                                /* 8 */
        "sibling.f\n"                                   /* 9 */
        "open\n"                                        /* 10 */
        "local\n"                                       /* 11 */
        "undefined_name\n"                              /* 12 */
        "dq\n";                                         /* 13 */
    if (!parse(&p, src)) {
        check(0, "qualnames: parse");
        return;
    }
    check(qualname_is(&p, 6, "functools.wraps"), "qualname through `import functools as ft`");
    check(qualname_is(&p, 7, "contextlib.contextmanager"), "qualname through `from ... import ... as cm`");
    check(qualname_is(&p, 8, "os.path.join"), "qualname through `import os.path`");
    check(qualname_is(&p, 9, ".sibling.f"), "qualname of a relative import keeps its dot");
    check(qualname_is(&p, 10, "open"), "builtin resolves to its bare name");
    check(qualname_is(&p, 11, NULL), "module function has no qualified name");
    check(qualname_is(&p, 12, NULL), "undefined name has no qualified name");
    check(qualname_is(&p, 13, "collections.deque"), "qualname of an aliased class");
    arena_free(&p.a);
}

static void test_scopes_and_params(void)
{
    Parsed p;
    const char *src =
        "X = []\n"
        "Y = []\n"
        "Y = [1]\n"
        "def f(a, b=X, *, c=Y):\n"
        "    print(a)\n"
        "    a = 1\n"
        "    g = lambda: a\n"
        "    [(w := i) for i in b]\n"
        "    return a\n"
        "async def gen():\n"
        "    yield 1\n"
        "class C:\n"
        "    @staticmethod\n"
        "    def m(self): pass\n";
    if (!parse(&p, src)) {
        check(0, "scopes: parse");
        return;
    }
    const Scope *mod = sem_module_scope(p.sem);
    const Node *f = p.pf.module->v.Module.body.items[3];
    const Scope *fs = sem_scope_of_def(p.sem, f);
    check(fs && fs->kind == SCOPE_FUNCTION && fs->parent == mod, "def opens a function scope");
    check(fs && fs->nchildren == 2 && fs->children[0]->kind == SCOPE_LAMBDA
              && fs->children[1]->kind == SCOPE_COMPREHENSION,
          "lambda and comprehension scopes nest in order");
    check(fs && sem_is_local(fs, "w"), "walrus in a comprehension binds in the function");
    check(fs && !sem_is_local(fs->children[1], "w") && sem_is_local(fs->children[1], "i"),
          "comprehension target is local to the comprehension");
    const Binding *bs[4];
    check(fs && sem_bindings_of(fs, "a", bs, 4) == 2 && bs[0]->kind == BIND_PARAM
              && bs[1]->kind == BIND_ASSIGN,
          "parameter and assignment bindings in order");
    /* print(a) on line 5 still refers to the parameter; `return a` on line 9 does not. */
    const Node *print_arg = f->v.FunctionDef.body.items[0]->v.Expr.value->v.Call.args.items[0];
    const Node *ret = f->v.FunctionDef.body.items[4]->v.Return.value;
    check(fs && sem_refers_to_param(p.sem, fs, print_arg, fs, "a"), "read before rebinding refers to the parameter");
    check(fs && !sem_refers_to_param(p.sem, fs, ret, fs, "a"), "read after rebinding does not");
    const Binding *b = sem_resolve(p.sem, fs, "print", 5, 4);
    check(b == NULL, "builtin resolves to no binding");
    const Node *args = f->v.FunctionDef.args;
    check(sem_is_mutable_expr(p.sem, mod, args->v.arguments.defaults.items[0]),
          "module name bound once to [] is mutable");
    check(!sem_is_mutable_expr(p.sem, mod, args->v.arguments.kw_defaults.items[0]),
          "module name bound twice is not treated as one object");
    const FuncInfo *gi = sem_func_info(p.sem, p.pf.module->v.Module.body.items[4]);
    check(gi && gi->is_async && gi->is_generator && gi->nyields == 1, "async generator facts");
    const FuncInfo *fi = sem_func_info(p.sem, f);
    check(fi && fi->returns_value && fi->nreturns == 1 && !fi->is_generator, "function return facts");
    const Node *cls = p.pf.module->v.Module.body.items[5];
    const FuncInfo *mi = sem_func_info(p.sem, cls->v.ClassDef.body.items[0]);
    check(mi && mi->is_method && mi->ndecorators == 1 && mi->decorators[0]
              && strcmp(mi->decorators[0], "staticmethod") == 0,
          "method facts and decorator qualified names");
    check(sem_find_function(p.sem, mod, "f") == f, "same-module function lookup");
    check(sem_find_function(p.sem, mod, "X") == NULL, "lookup of a non-function gives NULL");
    check(sem_parent(p.sem, print_arg)->kind == NK_Call, "parent of a node");
    arena_free(&p.a);
}

static void test_options(void)
{
    static const char *const extra_mutable[] = { "mylib.Registry", NULL };
    static const char *const extra_immutable[] = { "collections.deque", NULL };
    CheckOptions opt;
    memset(&opt, 0, sizeof opt);
    const char *src = "import mylib, collections\n"
                      "def f(r=mylib.Registry(), d=collections.deque(), memo_table={}, lookup={}):\n"
                      "    return 0\n";
    check(strcmp(run_with(src, "GT103", &opt, NULL), "2:29:GT103 2:72:GT103") == 0,
          "defaults: deque is mutable, unknown calls are not, `memo...` is a cache");
    opt.mutable_calls = extra_mutable;
    opt.immutable_calls = extra_immutable;
    check(strcmp(run_with(src, "GT103", &opt, NULL), "2:9:GT103 2:72:GT103") == 0,
          "configured mutable and immutable calls");
    opt.cache_names_regex = "^look";
    check(strcmp(run_with(src, "GT103", &opt, NULL), "2:9:GT103 2:61:GT103") == 0,
          "configured cache-names pattern replaces the default");
}

static void test_engine(void)
{
    expect_diags("empty file has no findings", "", "ALL", "");
    expect_diags("syntax error gives exactly one GT001 at CPython's position",
                 "import os\n\ndef f(x=[])\n    x.append(1)\n", "GT101", "3:12:GT001");
    expect_diags("unterminated string is GT001",
                 "x = 'abc\n", "GT103", "1:5:GT001");
    expect_diags("GT101 / GT102 / GT103 split, sorted by line",
                 "def a(x=[]):\n    x.append(1)\n"
                 "def b(x=[]):\n    return x\n"
                 "def c(x=[]):\n    return len(x)\n"
                 "b().append(1)\n",
                 "GT101 GT102 GT103", "1:9:GT101 3:9:GT102 5:9:GT103");
    expect_diags("an escape that nothing visible mutates is GT103",
                 "def b(x=[]):\n    return x\nclass C:\n    def __init__(self, y={}):\n        self.y = y\n",
                 "GT101 GT102 GT103", "1:9:GT103 4:26:GT103");
    expect_diags("findings of one line are sorted by column",
                 "def f(a=[], b={}): pass\n", "GT103", "1:9:GT103 1:15:GT103");
    expect_diags("disabled rules do not run", "def f(a=[]): a.append(1)\n", "GT103", "");
    expect_diags("flow: rebinding in every branch ends the sharing",
                 "def f(c, x=[]):\n    if c:\n        x = list(x)\n    else:\n        x = []\n    x.append(1)\n",
                 "GT101 GT102 GT103", "1:12:GT103");
    expect_diags("flow: rebinding in one branch does not",
                 "def f(c, x=[]):\n    if c:\n        x = list(x)\n    x.append(1)\n",
                 "GT101", "1:12:GT101");
    expect_diags("flow: `x = x or []` keeps a non-empty default", "def f(x=[0]):\n    x = x or []\n    x.append(1)\n",
                 "GT101", "1:9:GT101");
    expect_diags("flow: an empty default is always replaced by `x or []`",
                 "def f(x=[]):\n    x = x or []\n    x.append(1)\n", "GT101 GT102 GT103", "1:9:GT103");
    expect_diags("flow: `if not x: x = ...` replaces an empty default",
                 "def f(x=[]):\n    if not x:\n        x = [0]\n    x.append(1)\n", "GT101", "");
    expect_diags("flow: the default is never None",
                 "def f(x=[]):\n    if x is None:\n        x.append(1)\n    elif x is not None:\n        return x\n"
                 "f().append(2)\n",
                 "GT101 GT102", "1:9:GT102");
    expect_diags("flow: truthiness says nothing about a non-empty default",
                 "def f(x=[1]):\n    if x:\n        x.append(1)\n", "GT101", "1:9:GT101");
    expect_diags("interprocedural mutation through a helper",
                 "def h(b):\n    b.add(1)\ndef f(s=set()):\n    h(s)\n", "GT101", "3:9:GT101");
    expect_diags("mutually recursive helpers terminate",
                 "def h(b):\n    g(b)\ndef g(b):\n    h(b)\ndef f(s=set()):\n    h(s)\n",
                 "GT101 GT103", "5:9:GT103");
    expect_diags("a sentinel compared by identity is not reported",
                 "_MISSING = ['m']\ndef f(flag=_MISSING):\n    return flag is _MISSING\n"
                 "class W:\n    _no_ = ['x']\n    def p(self, flag=_no_):\n        return flag is W._no_\n",
                 "GT101 GT102 GT103", "");
    expect_diags("intentional cache name is not reported",
                 "def f(k, _cache={}):\n    _cache[k] = 1\n", "GT101 GT102 GT103", "");

    FileResult res;
    run("def handle(req, seen=[]):\n    seen.append(req)\n", "GT101", &res);
    check(res.ndiags == 1 && strcmp(res.diags[0].message,
              "mutable default `seen=[]` of `handle` is mutated at line 2 and shared by every call that omits it") == 0,
          "GT101 message names the parameter, the function and the mutation line");
    check(res.ndiags == 1 && res.diags[0].end_line == 1 && res.diags[0].end_col == 24
              && res.diags[0].start == 21 && res.diags[0].end == 23,
          "diagnostic range covers the default");
    diag_result_free(&res);
}

/* Apply the fix of the only finding of `text`, compare with `want`; the result must parse and
   have no GT101-GT103 finding left (idempotent). want == NULL: no fix is offered. */
static void expect_fix(const char *name, const char *text, const char *want, int want_safe)
{
    FileResult res;
    run(text, "GT101 GT102 GT103", &res);
    const Fix *fix = res.ndiags == 1 ? res.diags[0].fix : NULL;
    if (!want) {
        check(res.ndiags == 1 && fix == NULL, name);
        diag_result_free(&res);
        return;
    }
    char out[2048];
    size_t at = 0;
    uint32_t from = 0;
    for (int32_t i = 0; fix && i < fix->nedits; i++) {
        const Edit *e = &fix->edits[i];
        at += (size_t)snprintf(out + at, sizeof out - at, "%.*s%s", (int)(e->start - from), text + from, e->text);
        from = e->end;
    }
    snprintf(out + at, sizeof out - at, "%s", text + from);
    int same = fix && strcmp(out, want) == 0 && fix->safe == want_safe;
    check(same, name);
    if (!same)
        printf("# got:\n%s", out);
    diag_result_free(&res);
    char label[200];
    snprintf(label, sizeof label, "%s: fixed code parses and is clean", name);
    expect_diags(label, out, "GT101 GT102 GT103", "");
}

static void test_fixes(void)
{
    expect_fix("fix after the docstring, public function is unsafe",
               "def handle(request, seen=[]):\n    \"\"\"Doc.\"\"\"\n    seen.append(request)\n",
               "def handle(request, seen=None):\n    \"\"\"Doc.\"\"\"\n    if seen is None:\n        seen = []\n    seen.append(request)\n", 0);
    expect_fix("fix of a private method keeps the annotation valid",
               "class C:\n    def _m(self, x: list[int] = [1, 2]):\n        return x\n",
               "class C:\n    def _m(self, x: list[int] | None = None):\n        if x is None:\n            x = [1, 2]\n        return x\n", 1);
    expect_fix("fix of a body that is only a docstring",
               "def _f(x={}):\n    \"\"\"Doc.\"\"\"\n",
               "def _f(x=None):\n    \"\"\"Doc.\"\"\"\n    if x is None:\n        x = {}\n", 1);
    expect_fix("fix is unsafe when the body already tests `is None`",
               "def _f(x=[]):\n    if x is None:\n        return 0\n    return len(x)\n",
               "def _f(x=None):\n    if x is None:\n        x = []\n    if x is None:\n        return 0\n    return len(x)\n", 0);
    expect_fix("a body on the def line moves to its own lines", "def f(x=[]): return x\n",
               "def f(x=None):\n    if x is None:\n        x = []\n    return x\n", 0);
    expect_fix("tab indentation is kept", "if True:\n\tdef _f(x=[]):\n\t\treturn x\n",
               "if True:\n\tdef _f(x=None):\n\t\tif x is None:\n\t\t\tx = []\n\t\treturn x\n", 1);
    expect_fix("no fix for a string annotation", "def f(x: \"list\" = []):\n    return x\n", NULL, 0);
    expect_fix("no fix for a module-level name default", "D = []\ndef f(x=D):\n    x.append(1)\n", NULL, 0);
    expect_fix("no fix for a lambda", "f = lambda x=[]: x\n", NULL, 0);
}

/* ---- the audit phase: GT901 does not depend on its position in the rule table ---- */

extern const Rule rule_gt101;   /* reports in `finish` */
extern const Rule rule_gt901;

/* engine_run over `text` with table[0..n) (enabled where `on` has a 1); returns "LINE:CODE ..." in
   the order reported (static). */
static const char *run_table(const char *text, const Rule *const *table, int n, const char *on)
{
    static char out[256];
    out[0] = 0;
    Arena a;
    arena_init(&a);
    ParsedFile pf;
    SyntaxErr err;
    if (parse_file("t.py", text, strlen(text), &a, &pf, &err) != 0) {
        arena_free(&a);
        return "(no parse)";
    }
    RuleSet enabled;
    memset(&enabled, 0, sizeof enabled);
    for (int i = 0; i < n; i++)
        enabled.enabled[i] = (uint8_t)(on[i] == '1');
    Noqa *noqa = noqa_parse(&pf.src, &pf.toks, &(RuleList){registry_table, registry_count});
    EngineFile file = { .path = "t.py", .src = &pf.src, .module = pf.module, .noqa = noqa,
                        .sem = sem_build(pf.module, &pf.src, NULL, &a) };
    EngineRules rules = { .table = table, .count = n, .enabled = &enabled };
    DiagList diags = {0};
    engine_run(&file, &rules, &a, &diags);
    for (int32_t i = 0; i < diags.n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%d:%s", i ? " " : "", diags.items[i].line,
                 diags.items[i].code);
        free(diags.items[i].message);
        diag_fix_free(diags.items[i].fix);
    }
    free(diags.items);
    noqa_free(noqa);
    arena_free(&a);
    return out;
}

static void test_audit_phase(void)
{
    const char *text = "def f(x=[]):  # noqa: GT101\n    x.append(1)\ny = 2  # noqa: GT101\n";
    const Rule *last[] = { &rule_gt101, &rule_gt901 };
    const Rule *first[] = { &rule_gt901, &rule_gt101 };
    const char *got = run_table(text, last, 2, "11");
    check(strcmp(got, "1:GT101 3:GT901") == 0, "audit: GT901 last in the table sees the findings before it");
    got = run_table(text, first, 2, "11");
    check(strcmp(got, "1:GT101 3:GT901") == 0, "audit: GT901 first in the table sees the findings after it");
    got = run_table(text, first, 2, "10");
    check(strcmp(got, "") == 0, "audit: codes of rules that are not enabled are not reported");
}

int main(void)
{
    test_options();
    test_fixes();
    test_engine();
    test_qualnames();
    test_scopes_and_params();
    test_audit_phase();
    return failures ? 1 : 0;
}
