/* Unit tests of ast_dump: constants (the repr of str, bytes, int, float, complex) and the field
   omission rules, on trees built by hand. Every expected text was printed by CPython 3.13
   (repr(value) / ast.dump(ast.parse(src), include_attributes=True)). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ast/ast_dump.h"
#include "util/arena.h"

static int failures;

static void expect_dump(const char *name, const Node *node, const char *expected)
{
    Buf out;
    buf_init(&out);
    ast_dump(node, &out);
    const char *got = buf_cstr(&out);
    if (strcmp(got, expected) == 0) {
        printf("ok - %s\n", name);
    } else {
        printf("not ok - %s\n#   expected: %s\n#   got:      %s\n", name, expected, got);
        failures++;
    }
    buf_free(&out);
}

/* A Constant at 1:0-1:5 holding `value`; checks that it dumps as Constant(value=<repr>, ...). */
static void expect_const(const char *name, ConstValue value, const char *repr)
{
    Node n = {0};
    n.kind = NK_Constant;
    n.lineno = n.end_lineno = 1;
    n.end_col_offset = 5;
    n.v.Constant.value = value;
    char expected[512];
    snprintf(expected, sizeof expected,
             "Constant(value=%s, lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)", repr);
    expect_dump(name, &n, expected);
}

static ConstValue text_const(ConstKind kind, const char *text, size_t len)
{
    ConstValue v = {0};
    v.kind = (uint8_t)kind;
    v.text.s = text;
    v.text.len = (uint32_t)len;
    return v;
}

static void test_float_repr(void)
{
    static const struct { double value; const char *repr; } cases[] = {
        {1e16, "1e+16"}, {1e15, "1000000000000000.0"}, {0.0001, "0.0001"}, {1e-05, "1e-05"},
        {1.5, "1.5"}, {0.1, "0.1"}, {HUGE_VAL, "inf"}, {123456789012345680.0, "1.2345678901234568e+17"},
        {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
        {2.5e-5, "2.5e-05"}, {100.0, "100.0"}, {3.14159, "3.14159"}, {1e22, "1e+22"},
        {0.3, "0.3"}, {0.0, "0.0"}, {1.0 / 3, "0.3333333333333333"},
        {9007199254740993.0, "9007199254740992.0"}, {1.5e-323, "1.5e-323"}, {1e-320, "1e-320"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ConstValue v = {.kind = CONST_FLOAT, .num = cases[i].value};
        char name[80];
        snprintf(name, sizeof name, "float repr %s", cases[i].repr);
        expect_const(name, v, cases[i].repr);
    }
}

static void test_complex_repr(void)
{
    static const struct { double imag; const char *repr; } cases[] = {
        {1, "1j"}, {2.5, "2.5j"}, {1e16, "1e+16j"}, {HUGE_VAL, "infj"}, {0, "0j"},
        {1e-7, "1e-07j"}, {123.0, "123j"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ConstValue v = {.kind = CONST_COMPLEX, .num = cases[i].imag};
        char name[80];
        snprintf(name, sizeof name, "complex repr %s", cases[i].repr);
        expect_const(name, v, cases[i].repr);
    }
}

static void test_int_repr(void)
{
    static char binary_2_pow_100[104] = "0b1";
    memset(binary_2_pow_100 + 3, '0', 100);
    static const struct { const char *literal, *repr; } cases[] = {
        {"0x1F", "31"}, {"0o17", "15"}, {"0b101", "5"}, {"000", "0"}, {"0", "0"}, {"123", "123"},
        {"0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "340282366920938463463374607431768211455"},
        {"1234567890123456789012345678901234567890", "1234567890123456789012345678901234567890"},
        {binary_2_pow_100, "1267650600228229401496703205376"},
        {"0XdeadBEEF", "3735928559"}, {"0O777", "511"},
        {"0x1000000000000000000000000", "79228162514264337593543950336"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[80];
        snprintf(name, sizeof name, "int repr %.40s", cases[i].literal);
        expect_const(name, text_const(CONST_INT, cases[i].literal, strlen(cases[i].literal)),
                     cases[i].repr);
    }
}

static void test_str_repr(void)
{
    static const struct { const char *name, *utf8; size_t len; const char *repr; } cases[] = {
        {"single quote inside", "a'b", 3, "\"a'b\""},
        {"double quote inside", "a\"b", 3, "'a\"b'"},
        {"both quotes", "'\"", 2, "'\\'\"'"},
        {"control chars", "\t\n\r\0\x7f\x1b", 6, "'\\t\\n\\r\\x00\\x7f\\x1b'"},
        {"latin letter", "\xc3\xa9", 2, "'\xc3\xa9'"},
        {"zero width space (Cf)", "\xe2\x80\x8b", 3, "'\\u200b'"},
        {"no-break space (Zs)", "\xc2\xa0", 2, "'\\xa0'"},
        {"emoji", "\xf0\x9f\x98\x80", 4, "'\xf0\x9f\x98\x80'"},
        {"astral format char", "\xf3\xa0\x80\x81", 4, "'\\U000e0001'"},
        {"lone surrogate", "\xed\xa0\x80", 3, "'\\ud800'"},
        {"backslash", "\\", 1, "'\\\\'"},
        {"empty", "", 0, "''"},
        {"C1 controls", "\xc2\x85\xc2\xad", 4, "'\\x85\\xad'"},
        {"line separator", "\xe2\x80\xa8", 3, "'\\u2028'"},
        {"CJK", "\xe6\x97\xa5\xe6\x9c\xac", 6, "'\xe6\x97\xa5\xe6\x9c\xac'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[80];
        snprintf(name, sizeof name, "str repr %s", cases[i].name);
        expect_const(name, text_const(CONST_STR, cases[i].utf8, cases[i].len), cases[i].repr);
    }
}

static void test_bytes_repr(void)
{
    static const struct { const char *name, *bytes; size_t len; const char *repr; } cases[] = {
        {"single quote inside", "a'b", 3, "b\"a'b\""},
        {"high and NUL bytes", "\0\xff\x80", 3, "b'\\x00\\xff\\x80'"},
        {"double quote inside", "\"", 1, "b'\"'"},
        {"both quotes", "'\"", 2, "b'\\'\"'"},
        {"backslash and tab", "\\\t", 2, "b'\\\\\\t'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[80];
        snprintf(name, sizeof name, "bytes repr %s", cases[i].name);
        expect_const(name, text_const(CONST_BYTES, cases[i].bytes, cases[i].len), cases[i].repr);
    }
}

static void test_singletons(void)
{
    expect_const("None constant is shown", (ConstValue){.kind = CONST_NONE}, "None");
    expect_const("True", (ConstValue){.kind = CONST_TRUE}, "True");
    expect_const("False", (ConstValue){.kind = CONST_FALSE}, "False");
    expect_const("Ellipsis", (ConstValue){.kind = CONST_ELLIPSIS}, "Ellipsis");
}

/* ---- a whole tree, built by hand ---- */

static Node *new_node(Arena *a, NodeKind kind, int line, int col, int end_line, int end_col)
{
    Node *n = arena_alloc(a, sizeof *n);
    n->kind = (uint8_t)kind;
    n->lineno = line;
    n->col_offset = col;
    n->end_lineno = end_line;
    n->end_col_offset = end_col;
    return n;
}

static Node *new_name(Arena *a, const char *id, int line, int col)
{
    Node *n = new_node(a, NK_Name, line, col, line, col + (int)strlen(id));
    n->v.Name.id = (Str){id, (uint32_t)strlen(id)};
    n->v.Name.ctx = EXPR_CONTEXT_Load;
    return n;
}

static NodeList list_of(Arena *a, int n, Node **items)
{
    NodeList l = {arena_alloc(a, sizeof(Node *) * (size_t)n), n};
    memcpy(l.items, items, sizeof(Node *) * (size_t)n);
    return l;
}

/* {**x, u'a': 1}: a None key in a list, kind='u', ints. */
static Node *dict_stmt(Arena *a)
{
    Node *key = new_node(a, NK_Constant, 1, 6, 1, 10);
    key->v.Constant.value = text_const(CONST_STR, "a", 1);
    key->v.Constant.kind = (Str){"u", 1};
    Node *one = new_node(a, NK_Constant, 1, 12, 1, 13);
    one->v.Constant.value = text_const(CONST_INT, "1", 1);
    Node *dict = new_node(a, NK_Dict, 1, 0, 1, 14);
    dict->v.Dict.keys = list_of(a, 2, (Node *[]){NULL, key});
    dict->v.Dict.values = list_of(a, 2, (Node *[]){new_name(a, "x", 1, 3), one});
    Node *expr = new_node(a, NK_Expr, 1, 0, 1, 14);
    expr->v.Expr.value = dict;
    return expr;
}

/* from . import y: module None is left out, level=1 shown, alias without asname. */
static Node *import_stmt(Arena *a)
{
    Node *alias = new_node(a, NK_alias, 2, 14, 2, 15);
    alias->v.alias.name = (Str){"y", 1};
    Node *imp = new_node(a, NK_ImportFrom, 2, 0, 2, 15);
    imp->v.ImportFrom.names = list_of(a, 1, &alias);
    imp->v.ImportFrom.level = 1;
    return imp;
}

/* a < b: a list of comparison operators. */
static Node *compare_stmt(Arena *a)
{
    Node *cmp = new_node(a, NK_Compare, 3, 0, 3, 5);
    cmp->v.Compare.left = new_name(a, "a", 3, 0);
    uint8_t *ops = arena_alloc(a, 1);
    ops[0] = CMPOP_Lt;
    cmp->v.Compare.ops = (OpList){ops, 1};
    Node *right = new_name(a, "b", 3, 4);
    cmp->v.Compare.comparators = list_of(a, 1, &right);
    Node *expr = new_node(a, NK_Expr, 3, 0, 3, 5);
    expr->v.Expr.value = cmp;
    return expr;
}

/* match v: case None: pass -- MatchSingleton(value=None) and a node kind without positions. */
static Node *match_stmt(Arena *a)
{
    Node *pattern = new_node(a, NK_MatchSingleton, 5, 9, 5, 13);
    pattern->v.MatchSingleton.value.kind = CONST_NONE;
    Node *pass = new_node(a, NK_Pass, 5, 15, 5, 19);
    Node *mcase = new_node(a, NK_match_case, 0, 0, 0, 0);
    mcase->v.match_case.pattern = pattern;
    mcase->v.match_case.body = list_of(a, 1, &pass);
    Node *match = new_node(a, NK_Match, 4, 0, 5, 19);
    match->v.Match.subject = new_name(a, "v", 4, 6);
    match->v.Match.cases = list_of(a, 1, &mcase);
    return match;
}

static void test_tree(void)
{
    Arena a;
    arena_init(&a);
    Node *module = new_node(&a, NK_Module, 0, 0, 0, 0);
    module->v.Module.body = list_of(&a, 4, (Node *[]){dict_stmt(&a), import_stmt(&a),
                                                      compare_stmt(&a), match_stmt(&a)});
    expect_dump("tree: omitted fields, None list items, ops, MatchSingleton", module,
        "Module(body=[Expr(value=Dict(keys=[None, Constant(value='a', kind='u', lineno=1, col_offset=6, "
        "end_lineno=1, end_col_offset=10)], values=[Name(id='x', ctx=Load(), lineno=1, col_offset=3, "
        "end_lineno=1, end_col_offset=4), Constant(value=1, lineno=1, col_offset=12, end_lineno=1, "
        "end_col_offset=13)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=14), lineno=1, "
        "col_offset=0, end_lineno=1, end_col_offset=14), ImportFrom(names=[alias(name='y', lineno=2, "
        "col_offset=14, end_lineno=2, end_col_offset=15)], level=1, lineno=2, col_offset=0, "
        "end_lineno=2, end_col_offset=15), Expr(value=Compare(left=Name(id='a', ctx=Load(), lineno=3, "
        "col_offset=0, end_lineno=3, end_col_offset=1), ops=[Lt()], comparators=[Name(id='b', "
        "ctx=Load(), lineno=3, col_offset=4, end_lineno=3, end_col_offset=5)], lineno=3, col_offset=0, "
        "end_lineno=3, end_col_offset=5), lineno=3, col_offset=0, end_lineno=3, end_col_offset=5), "
        "Match(subject=Name(id='v', ctx=Load(), lineno=4, col_offset=6, end_lineno=4, end_col_offset=7), "
        "cases=[match_case(pattern=MatchSingleton(value=None, lineno=5, col_offset=9, end_lineno=5, "
        "end_col_offset=13), body=[Pass(lineno=5, col_offset=15, end_lineno=5, end_col_offset=19)])], "
        "lineno=4, col_offset=0, end_lineno=5, end_col_offset=19)])");
    Node *empty = new_node(&a, NK_Module, 0, 0, 0, 0);
    expect_dump("empty module", empty, "Module()");
    arena_free(&a);
}

int main(void)
{
    test_float_repr();
    test_complex_repr();
    test_int_repr();
    test_str_repr();
    test_bytes_repr();
    test_singletons();
    test_tree();
    return failures ? 1 : 0;
}
