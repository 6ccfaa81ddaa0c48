/* GT202 is-computed-value: `n is m` where both sides surely hold int, float, str, bytes or tuple
   values (`len(a) is len(b)`, `key is prefix + "_id"`, two names bound to such values). Whether two
   equal values are one object is an interpreter detail (the small-int cache, string interning,
   constant folding), so the result changes with the size or origin of the values.
   What each side holds comes from the semantic model's value-kind inference (sem_value_kinds):
   only what the file itself proves; a parameter, a sentinel, None, an enum member, a class, or a
   name that may be rebound unseen is not known, and then nothing is reported. Literal operands
   are GT201's. Not reported: two sides that may hold one object handed along by assignments (a
   str or tuple constant used as a marker: `mode = DEFAULT` ... `mode is DEFAULT`), `a is b or
   a == b` (an identity fast path before the value test), and an identity that is asserted (a
   test of identity itself). */
#include "../engine/rule_util.h"
#include "identity_compare.h"

#include <stdio.h>
#include <string.h>

/* The operands' kinds that make `is` meaningless: every kind sem_value_kinds knows today. */
#define VALUE_KINDS (SEM_VALUE_INT | SEM_VALUE_FLOAT | SEM_VALUE_STR | SEM_VALUE_BYTES | SEM_VALUE_TUPLE)

/* 1 if the two nodes are written with the same source text. */
static int same_text(RuleCtx *ctx, const Node *a, const Node *b)
{
    const char *text = rule_source(ctx)->text;
    uint32_t a0 = rule_offset(ctx, a->lineno, a->col_offset);
    uint32_t a1 = rule_offset(ctx, a->end_lineno, a->end_col_offset);
    uint32_t b0 = rule_offset(ctx, b->lineno, b->col_offset);
    uint32_t b1 = rule_offset(ctx, b->end_lineno, b->end_col_offset);
    return a1 - a0 == b1 - b0 && memcmp(text + a0, text + b0, a1 - a0) == 0;
}

/* 1 if `cmp` is the single comparison `left <op> right` or `right <op> left`. */
static int compares_pair(RuleCtx *ctx, const Node *cmp, uint8_t op, const Node *left, const Node *right)
{
    if (cmp->kind != NK_Compare || cmp->v.Compare.ops.n != 1 || cmp->v.Compare.ops.items[0] != op)
        return 0;
    const Node *l = cmp->v.Compare.left, *r = cmp->v.Compare.comparators.items[0];
    return (same_text(ctx, l, left) && same_text(ctx, r, right)) ||
           (same_text(ctx, l, right) && same_text(ctx, r, left));
}

/* 1 for an identity fast path next to the value test of the same operands:
   `a is b or a == b`, `a is not b and a != b`. */
static int is_fast_path(RuleCtx *ctx, const Node *left, const Node *right, int negated)
{
    const Node *parent = rule_ancestor(ctx, 1);
    if (!parent || parent->kind != NK_BoolOp ||
        parent->v.BoolOp.op != (negated ? BOOLOP_And : BOOLOP_Or))
        return 0;
    NodeList values = parent->v.BoolOp.values;
    for (int32_t i = 0; i < values.n; i++)
        if (compares_pair(ctx, values.items[i], negated ? CMPOP_NotEq : CMPOP_Eq, left, right))
            return 1;
    return 0;
}

/* The name a call's callee ends with (`fail` for `self.fail`), or an empty Str. */
static Str callee_name(const Node *call)
{
    const Node *f = call->v.Call.func;
    if (f->kind == NK_Name)
        return f->v.Name.id;
    if (f->kind == NK_Attribute)
        return f->v.Attribute.attr;
    return (Str){ NULL, 0 };
}

/* 1 if the statement fails a test: `self.fail(...)`, `pytest.fail(...)`, `raise AssertionError`. */
static int fails_test(const Node *st)
{
    if (st->kind == NK_Expr && st->v.Expr.value->kind == NK_Call)
        return sem_str_eq(callee_name(st->v.Expr.value), "fail");
    if (st->kind != NK_Raise || !st->v.Raise.exc)
        return 0;
    const Node *exc = st->v.Raise.exc;
    if (exc->kind == NK_Call)
        exc = exc->v.Call.func;
    return exc->kind == NK_Name && sem_str_eq(exc->v.Name.id, "AssertionError");
}

/* 1 if the comparison's result (through `not`, `and`/`or` and other comparisons) is asserted: the
   test of an `assert`, an argument of an `assert...(...)` call (unittest's assertTrue/assertFalse,
   pytest and nose helpers), or the test of an `if` whose body fails the test. Asserting identity is
   testing identity on purpose: tests of an interpreter or a library check whether an operation
   gives the same object or a new one (`u2 = u; u += (2,); assert u is not u2`). */
static int is_asserted(RuleCtx *ctx)
{
    int up = 1;
    const Node *n = rule_ancestor(ctx, up);
    while (n && (n->kind == NK_Compare || n->kind == NK_BoolOp ||
                 (n->kind == NK_UnaryOp && n->v.UnaryOp.op == UNARYOP_Not)))
        n = rule_ancestor(ctx, ++up);
    if (!n)
        return 0;
    if (n->kind == NK_Assert)
        return 1;
    if (n->kind == NK_Call) {
        Str name = callee_name(n);
        return name.len >= 6 && memcmp(name.s, "assert", 6) == 0;
    }
    return n->kind == NK_If && n->v.If.body.n > 0 && fails_test(n->v.If.body.items[0]);
}

/* "`int`", "`int` or `float`"... */
static void describe(unsigned kinds, char *out, size_t cap)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { SEM_VALUE_INT, "int" }, { SEM_VALUE_FLOAT, "float" }, { SEM_VALUE_STR, "str" },
        { SEM_VALUE_BYTES, "bytes" }, { SEM_VALUE_TUPLE, "tuple" },
    };
    size_t at = 0;
    out[0] = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(kinds & names[i].bit))
            continue;
        int n = snprintf(out + at, cap - at, "%s`%s`", at ? " or " : "", names[i].name);
        if (n < 0 || (size_t)n >= cap - at)
            return;
        at += (size_t)n;
    }
}

/* `==` gives the answer `is` meant for int, str and bytes of one type. With a float (a NaN is
   identical to itself but not equal), a tuple (`==` calls its items' `__eq__`, which may raise) or
   two types, the fixed code may answer differently: the fix is unsafe. */
static int fix_is_safe(unsigned left, unsigned right)
{
    return left == right && (left == SEM_VALUE_INT || left == SEM_VALUE_STR || left == SEM_VALUE_BYTES);
}

static void check_pair(RuleCtx *ctx, const Node *left, const Node *right, int negated)
{
    if (identity_is_literal(left) || identity_is_literal(right))
        return;   /* GT201 */
    Semantic *sem = rule_semantic(ctx);
    unsigned lk = sem_value_kinds(sem, rule_scope(ctx), left);
    if (!lk || (lk & ~(unsigned)VALUE_KINDS))
        return;
    unsigned rk = sem_value_kinds(sem, rule_scope(ctx), right);
    if (!rk || (rk & ~(unsigned)VALUE_KINDS) || is_fast_path(ctx, left, right, negated) ||
        is_asserted(ctx) || sem_may_share_object(sem, rule_scope(ctx), left, right))
        return;
    char ltext[64], rtext[64];
    describe(lk, ltext, sizeof ltext);
    describe(rk, rtext, sizeof rtext);
    Fix *fix = identity_eq_fix(ctx, left, right, negated, fix_is_safe(lk, rk));
    const char *op = negated ? "is not" : "is", *eq = negated ? "!=" : "==";
    if (lk == rk)
        rule_report_at(ctx, left->lineno, left->col_offset, right->end_lineno, right->end_col_offset,
                       fix, "`%s` compares the identity of two %s values: use `%s` to compare values",
                       op, ltext, eq);
    else
        rule_report_at(ctx, left->lineno, left->col_offset, right->end_lineno, right->end_col_offset,
                       fix, "`%s` compares the identity of %s values with %s values: use `%s` to compare values",
                       op, ltext, rtext, eq);
}

static void visit_compare(RuleCtx *ctx, const Node *cmp)
{
    const Node *left = cmp->v.Compare.left;
    for (int32_t i = 0; i < cmp->v.Compare.ops.n; i++) {
        uint8_t op = cmp->v.Compare.ops.items[i];
        const Node *right = cmp->v.Compare.comparators.items[i];
        if (op == CMPOP_Is || op == CMPOP_IsNot)
            check_pair(ctx, left, right, op == CMPOP_IsNot);
        left = right;
    }
}

const Rule rule_gt202 = {
    .code = "GT202",
    .name = "is-computed-value",
    .summary = "`is` / `is not` between two values known to be int, float, str, bytes or tuple",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_SOMETIMES,
    .doc = {
        .finds = "`a is b` and `a is not b` where neither side is a literal (that is GT201) but the "
                 "file proves that both hold int, float, str, bytes or tuple values: results of "
                 "`len()`, `id()`, `int()`, `str()`, `float()`, `repr()`, arithmetic, f-strings, "
                 "`%` / `.format()` and other str methods, subscripts of strings, the index of "
                 "`range()` / `enumerate()` loops, or names whose every assignment is such a "
                 "value (augmented assignments, walrus and loops included).",
        .mechanism = "`is` compares object identity. CPython keeps one object per small int "
                     "(-5 to 256), interns some strings and shares the constants of one code "
                     "object; any other int, float, str, bytes or tuple computed at run time is a "
                     "new object. So `len(a) is len(b)` is True for 256 items and False for 257, "
                     "and a string built at run time is usually a new object, distinct from the "
                     "equal literal.",
        .symptom = "A check that passes in tests with small numbers or short identifier-like "
                   "strings and fails in production with larger values: a count that stops "
                   "matching at 257, a key that matches when typed in the source but not when "
                   "read from a file.",
        .fix = "Compare values: `==` / `!=` (the autofix: safe for two ints, two strs or two "
               "bytes; unsafe with floats, where NaN differs, with tuples, whose `==` runs their "
               "items' `__eq__`, or with two different types).",
        .wrong = "if len(rows) is len(columns):\n    ...",
        .right = "if len(rows) == len(columns):\n    ...",
        .peer = "none: ruff F632 and pylint R0123 (literal-comparison) flag literal operands only "
                "(GT201)",
        .notes = "Silent when a side may be None, a sentinel (`_MISSING = object()`), an enum "
                 "member, a class or type, a parameter, a name rebound on some path to something "
                 "not known (a call of this file's or another module's function, a `for` target "
                 "other than a `range()` / `enumerate()` index or a character of a str, an "
                 "unpacking), a class attribute, a name declared `global` or `nonlocal` "
                 "anywhere in the file, a module global read in a function unless written as a "
                 "constant (ALL_CAPS or `Final`), or any module name under `from m import *`. "
                 "Not reported either: two sides that may hold one object handed along by "
                 "assignments (a str or tuple constant used as a marker: `mode = DEFAULT` ... "
                 "`mode is DEFAULT`), `a is b or a == b` (an identity fast path), and an identity "
                 "that is asserted (`assert a is not b`, `self.assertTrue(a is b)`, "
                 "`if a is not b: self.fail()`), which tests identity on purpose. Assignments "
                 "through `globals()` or `exec` are not seen.",
        .precision = "No finding on the 3.11 site-packages and Django 3.2; one on all of Debian's "
                     "dist-packages (a round-6 install), right: `index + 1 is len(lookups)` with "
                     "the index of `enumerate`. What it claims about a value is checked against "
                     "CPython 3.13 (tests/semantic/value_kinds.py).",
    },
    /* Peers flag literals only: their codes suppress GT201, not this rule. */
    .peers = { NULL },
    .kinds = { NK_Compare },
    .visit = visit_compare,
};
