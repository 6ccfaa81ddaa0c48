/* Parser unit tests: tree shapes, positions, contexts, soft keywords, error messages/positions
   (CPython 3.13's, checked with ast.parse on the same text) and the nesting limits. The
   whole-tree comparison with CPython is done by tests/suites/20-parser.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast/ast_dump.h"
#include "parser/parser.h"

static int failures;

static void report(int ok, const char *name, const char *detail)
{
    printf("%s - %s\n", ok ? "ok" : "not ok", name);
    if (!ok) {
        failures++;
        if (detail)
            printf("# %s\n", detail);
    }
}

typedef struct Parsed {
    Arena arena;
    ParsedFile file;
    SyntaxErr err;
    int rc;
} Parsed;

static void parse_text(Parsed *p, const char *text)
{
    memset(p, 0, sizeof *p);
    arena_init(&p->arena);
    p->rc = parse_file("<test>", text, strlen(text), &p->arena, &p->file, &p->err);
}

static Node *first_stmt(Parsed *p)
{
    return p->rc == 0 && p->file.module->v.Module.body.n > 0 ? p->file.module->v.Module.body.items[0] : NULL;
}

static int has_pos(const Node *n, int line, int col, int end_line, int end_col)
{
    return n && n->lineno == line && n->col_offset == col && n->end_lineno == end_line && n->end_col_offset == end_col;
}

static int str_is(Str s, const char *want)
{
    return s.s && s.len == strlen(want) && memcmp(s.s, want, s.len) == 0;
}

/* Positions: composite nodes start at their first token (parentheses included), a parenthesized
   operand does not include the parentheses. */
static void test_positions(void)
{
    Parsed p;
    parse_text(&p, "x = (a) + b\n");
    Node *s = first_stmt(&p);
    Node *binop = s ? s->v.Assign.value : NULL;
    report(binop && binop->kind == NK_BinOp && has_pos(binop, 1, 4, 1, 11) &&
               has_pos(binop->v.BinOp.left, 1, 5, 1, 6),
           "BinOp starts at '(' while its left operand excludes it", NULL);
    arena_free(&p.arena);

    parse_text(&p, "@dec\ndef f(a, *, b=1):\n    pass;\n");
    s = first_stmt(&p);
    report(s && s->kind == NK_FunctionDef && has_pos(s, 2, 0, 3, 9), "decorated def starts at 'def', ends after ';'",
           NULL);
    report(s && s->v.FunctionDef.args->v.arguments.kwonlyargs.n == 1 &&
               s->v.FunctionDef.args->v.arguments.kw_defaults.n == 1 &&
               s->v.FunctionDef.args->v.arguments.kw_defaults.items[0] != NULL,
           "keyword-only parameter with its default", NULL);
    arena_free(&p.arena);

    parse_text(&p, "if a:\n    x\nelif b:\n    y\nelse:\n    z\n");
    s = first_stmt(&p);
    Node *elif = s && s->v.If.orelse.n == 1 ? s->v.If.orelse.items[0] : NULL;
    report(s && elif && elif->kind == NK_If && has_pos(s, 1, 0, 6, 5) && has_pos(elif, 3, 0, 6, 5),
           "elif is a nested If ending with the chain", NULL);
    arena_free(&p.arena);

    parse_text(&p, "f(x for x in y)\n");
    s = first_stmt(&p);
    Node *call = s ? s->v.Expr.value : NULL;
    report(call && call->kind == NK_Call && call->v.Call.args.n == 1 &&
               call->v.Call.args.items[0]->kind == NK_GeneratorExp && has_pos(call->v.Call.args.items[0], 1, 1, 1, 15),
           "lone generator argument spans the call's parentheses", NULL);
    arena_free(&p.arena);
}

static void test_contexts(void)
{
    Parsed p;
    parse_text(&p, "a, [b.c, *d[0]] = e\ndel f, (g)\n");
    Node *s = first_stmt(&p);
    Node *target = s ? s->v.Assign.targets.items[0] : NULL;
    int ok = target && target->kind == NK_Tuple && target->v.Tuple.ctx == EXPR_CONTEXT_Store;
    if (ok) {
        Node *list = target->v.Tuple.elts.items[1];
        Node *starred = list->v.List.elts.items[1];
        ok = list->v.List.ctx == EXPR_CONTEXT_Store && list->v.List.elts.items[0]->v.Attribute.ctx == EXPR_CONTEXT_Store &&
             starred->kind == NK_Starred && starred->v.Starred.ctx == EXPR_CONTEXT_Store &&
             starred->v.Starred.value->v.Subscript.ctx == EXPR_CONTEXT_Store &&
             starred->v.Starred.value->v.Subscript.value->v.Name.ctx == EXPR_CONTEXT_Load;
    }
    report(ok, "nested assignment targets get Store, their inner values Load", NULL);
    Node *del = p.rc == 0 ? p.file.module->v.Module.body.items[1] : NULL;
    report(del && del->kind == NK_Delete && del->v.Delete.targets.n == 2 &&
               del->v.Delete.targets.items[1]->v.Name.ctx == EXPR_CONTEXT_Del,
           "del targets get Del", NULL);
    arena_free(&p.arena);
}

/* match, case, type and _ are names unless the statement shape makes them keywords. */
static void test_soft_keywords(void)
{
    Parsed p;
    parse_text(&p, "match(x)\nmatch = 1\ntype(x)\ntype X = int\nmatch x:\n    case _:\n        pass\n");
    int ok = p.rc == 0 && p.file.module->v.Module.body.n == 5;
    if (ok) {
        NodeList b = p.file.module->v.Module.body;
        ok = b.items[0]->kind == NK_Expr && b.items[1]->kind == NK_Assign && b.items[2]->kind == NK_Expr &&
             b.items[3]->kind == NK_TypeAlias && b.items[4]->kind == NK_Match;
        Node *wild = ok ? b.items[4]->v.Match.cases.items[0]->v.match_case.pattern : NULL;
        ok = ok && wild->kind == NK_MatchAs && wild->v.MatchAs.name.s == NULL && wild->v.MatchAs.pattern == NULL;
    }
    report(ok, "soft keywords as names and as keywords", p.rc ? p.err.msg : NULL);
    arena_free(&p.arena);
}

static void test_constants(void)
{
    Parsed p;
    parse_text(&p, "x = u'a' 'b' \\\n  'c'\n");
    Node *s = first_stmt(&p);
    Node *c = s ? s->v.Assign.value : NULL;
    report(c && c->kind == NK_Constant && str_is(c->v.Constant.value.text, "abc") && str_is(c->v.Constant.kind, "u") &&
               has_pos(c, 1, 4, 2, 5),
           "implicit concatenation: one constant, kind of the first part", NULL);
    arena_free(&p.arena);

    parse_text(&p, "0x_1F + 1_000 + 123456789012345678901234567890 + 1.5e3 + 2j\n");
    s = first_stmt(&p);
    int ok = s != NULL;
    const char *want[] = {"0x1F", "1000", "123456789012345678901234567890"};
    Node *e = ok ? s->v.Expr.value : NULL;
    /* ((((a + b) + c) + d) + e): walk down the left spine */
    Node *leaves[5];
    for (int i = 4; ok && i >= 0; i--) {
        if (i > 0) {
            ok = e->kind == NK_BinOp;
            leaves[i] = e->v.BinOp.right;
            e = e->v.BinOp.left;
        } else {
            leaves[0] = e;
        }
    }
    for (int i = 0; ok && i < 3; i++)
        ok = leaves[i]->v.Constant.value.kind == CONST_INT && str_is(leaves[i]->v.Constant.value.text, want[i]);
    ok = ok && leaves[3]->v.Constant.value.kind == CONST_FLOAT && leaves[3]->v.Constant.value.num == 1500.0 &&
         leaves[4]->v.Constant.value.kind == CONST_COMPLEX && leaves[4]->v.Constant.value.num == 2.0;
    report(ok, "number literals: int text without underscores, float and imaginary values", NULL);
    arena_free(&p.arena);

    parse_text(&p, "f'{x=!s:>{w}}'\n");
    s = first_stmt(&p);
    Node *j = s ? s->v.Expr.value : NULL;
    ok = j && j->kind == NK_JoinedStr && j->v.JoinedStr.values.n == 2;
    if (ok) {
        Node *text = j->v.JoinedStr.values.items[0], *fv = j->v.JoinedStr.values.items[1];
        ok = str_is(text->v.Constant.value.text, "x=") && fv->kind == NK_FormattedValue &&
             fv->v.FormattedValue.conversion == 's' && fv->v.FormattedValue.format_spec &&
             fv->v.FormattedValue.format_spec->v.JoinedStr.values.n == 2;
    }
    report(ok, "f-string debug text, conversion and nested format spec", NULL);
    arena_free(&p.arena);
}

/* Identifiers are NFKC-normalized like CPython's: compatibility forms, combining marks put in
   canonical order and composed, Hangul jamo composed. */
static void test_identifiers(void)
{
    Parsed p;
    parse_text(&p, "\xef\xac\x81 = e\xcc\x81 + a\xcc\x87\xcc\xa3 + \xe1\x84\x80\xe1\x85\xa1 + abc\n");
    Node *s = first_stmt(&p);
    int ok = s && s->kind == NK_Assign && str_is(s->v.Assign.targets.items[0]->v.Name.id, "fi");
    if (ok) {
        Node *sum = s->v.Assign.value; /* (((e' + a..) + ga) + abc) */
        ok = str_is(sum->v.BinOp.right->v.Name.id, "abc") &&
             str_is(sum->v.BinOp.left->v.BinOp.right->v.Name.id, "\xea\xb0\x80") &&
             str_is(sum->v.BinOp.left->v.BinOp.left->v.BinOp.right->v.Name.id, "\xe1\xba\xa1\xcc\x87") &&
             str_is(sum->v.BinOp.left->v.BinOp.left->v.BinOp.left->v.Name.id, "\xc3\xa9");
    }
    report(ok, "identifiers in NFKC form", p.rc ? p.err.msg : NULL);
    arena_free(&p.arena);
}

/* Rejected like CPython, with its message and position (0-based column). */
static void expect_error(const char *text, const char *msg, int line, int col)
{
    Parsed p;
    parse_text(&p, text);
    char name[160], detail[400];
    snprintf(name, sizeof name, "error: %.60s", text);
    for (char *c = name; *c; c++)
        if (*c == '\n')
            *c = '|';
    snprintf(detail, sizeof detail, "got rc=%d '%s' at %d:%d", p.rc, p.err.msg, (int)p.err.lineno,
             (int)p.err.col_offset);
    report(p.rc != 0 && strcmp(p.err.msg, msg) == 0 && p.err.lineno == line && p.err.col_offset == col, name, detail);
    arena_free(&p.arena);
}

static void test_errors(void)
{
    expect_error("f() = 1\n", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 0);
    expect_error("x = yield = 1\n", "assignment to yield expression not possible", 1, 4);
    expect_error("[a] += 1\n", "'list' is an illegal expression for augmented assignment", 1, 0);
    expect_error("(a, b): int\n", "only single target (not tuple) can be annotated", 1, 0);
    expect_error("del f()\n", "cannot delete function call", 1, 4);
    expect_error("del *a\n", "cannot delete starred", 1, 4);
    expect_error("(*a)\n", "cannot use starred expression here", 1, 1);
    expect_error("f(x for x in y, 1)\n", "Generator expression must be parenthesized", 1, 2);
    expect_error("def f(a=1, b): pass\n", "parameter without a default follows parameter with a default", 1, 11);
    expect_error("def f(*): pass\n", "named arguments must follow bare *", 1, 6);
    expect_error("def f(a, /, b, /): pass\n", "/ may appear only once", 1, 15);
    expect_error("def f(**k, a): pass\n", "arguments cannot follow var-keyword argument", 1, 11);
    expect_error("def f[](): pass\n", "Type parameter list cannot be empty", 1, 6);
    expect_error("try: pass\nexcept* A: pass\nexcept B: pass\n",
                 "cannot have both 'except' and 'except*' on the same 'try'", 3, 0);
    expect_error("try: pass\nexcept* : pass\n", "expected one or more exception types", 2, 8);
    expect_error("match x:\n    case 1+1: pass\n", "imaginary number required in complex literal", 2, 11);
    expect_error("match x:\n    case A(a=1, b): pass\n", "positional patterns follow keyword patterns", 2, 16);
    expect_error("x = 'a' f'{b}' b'c'\n", "cannot mix bytes and nonbytes literals", 1, 19);
    expect_error("print 'x'\n", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 0);
    expect_error("(x.y := 1)\n", "cannot use assignment expressions with attribute", 1, 1);
    expect_error("f'{a!x}'\n", "f-string: invalid conversion character 'x': expected 's', 'r', or 'a'", 1, 5);
    expect_error("try: pass\n", "expected 'except' or 'finally' block", 1, 9);
    expect_error("if x:\npass\n", "expected an indented block after 'if' statement on line 1", 2, 0);
    expect_error("x = (1,\n     2))\n", "unmatched ')'", 2, 7);
}

static char *repeat(const char *head, const char *unit, int n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * (size_t)n + tl + 1);
    memcpy(s, head, hl);
    for (int i = 0; i < n; i++)
        memcpy(s + hl + ul * (size_t)i, unit, ul);
    memcpy(s + hl + ul * (size_t)n, tail, tl + 1);
    return s;
}

/* Deep nesting is a SyntaxError, never a stack overflow; CPython's limits decide acceptance. */
static void expect_depth(const char *name, char *text, int accepted)
{
    Parsed p;
    parse_text(&p, text);
    char detail[300];
    snprintf(detail, sizeof detail, "rc=%d %s", p.rc, p.err.msg);
    report((p.rc == 0) == accepted, name, detail);
    arena_free(&p.arena);
    free(text);
}

static void test_depth(void)
{
    expect_depth("100,000 unary minus rejected", repeat("", "-", 100000, "x\n"), 0);
    expect_depth("5,000 unary minus accepted", repeat("", "-", 5000, "x\n"), 1);
    expect_depth("100,000 'not' rejected", repeat("", "not ", 100000, "x\n"), 0);
    expect_depth("100,000 nested lambdas rejected", repeat("", "lambda: ", 100000, "x\n"), 0);
    expect_depth("100,000 if-else rejected", repeat("", "a if b else ", 100000, "x\n"), 0);
    expect_depth("100,000 '**' rejected", repeat("", "2**", 100000, "x\n"), 0);
    expect_depth("100,000 '[' rejected", repeat("", "[", 100000, "\n"), 0);
    char *close = repeat("x", ")", 200, "\n");
    expect_depth("200 nested parentheses accepted", repeat("", "(", 200, close), 1);
    free(close);
    expect_depth("201 nested parentheses rejected", repeat("", "(", 201, "x\n"), 0);
    expect_depth("9,994 attribute chain accepted", repeat("x", ".a", 9994, "\n"), 1);
    expect_depth("9,995 attribute chain rejected (CPython's AST depth)", repeat("x", ".a", 9995, "\n"), 0);
    expect_depth("100,000 binary operators rejected", repeat("x", "+x", 100000, "\n"), 0);
    expect_depth("5,000 elif accepted", repeat("if a: pass\n", "elif b: pass\n", 5000, ""), 1);
    expect_depth("7,000 elif rejected", repeat("if a: pass\n", "elif b: pass\n", 7000, ""), 0);
}

int main(void)
{
    test_positions();
    test_contexts();
    test_soft_keywords();
    test_constants();
    test_identifiers();
    test_errors();
    test_depth();
    return failures ? 1 : 0;
}
