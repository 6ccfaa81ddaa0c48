/* GT201 is-literal: `x is "admin"`, `x is 1000`, `x is []`: identity against a value that is a new
   object (or an interned one by accident). The fix turns `is` into `==` and `is not` into `!=`. */
#include "identity_compare.h"

static void visit_compare(RuleCtx *ctx, const Node *cmp)
{
    const Node *left = cmp->v.Compare.left;
    for (int32_t i = 0; i < cmp->v.Compare.ops.n; i++) {
        uint8_t op = cmp->v.Compare.ops.items[i];
        const Node *right = cmp->v.Compare.comparators.items[i];
        if ((op == CMPOP_Is || op == CMPOP_IsNot) &&
            (identity_is_literal(left) || identity_is_literal(right))) {
            int negated = op == CMPOP_IsNot;
            Fix *fix = identity_eq_fix(ctx, left, right, negated, 1);
            rule_report_at(ctx, left->lineno, left->col_offset, right->end_lineno, right->end_col_offset,
                           fix, "`%s` compares identity with a literal: use `%s` to compare values",
                           negated ? "is not" : "is", negated ? "!=" : "==");
        }
        left = right;
    }
}

const Rule rule_gt201 = {
    .code = "GT201",
    .name = "is-literal",
    .summary = "`is` / `is not` against a literal or a fresh display",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_SOMETIMES,
    .doc = {
        .finds = "`x is <literal>` and `x is not <literal>` where the literal is a str, bytes, number "
                 "or tuple constant, an f-string, or a list/dict/set display or comprehension (either "
                 "side). `None`, `True`, `False`, `...` are singletons and are not flagged.",
        .mechanism = "`is` compares object identity. A display builds a new object every time, so "
                     "`x is []` is always False. For str/int/tuple constants the answer depends on "
                     "CPython's interning and constant caching (small ints, identifier-like strings, "
                     "constants of the same code object): an implementation detail, not a value test. "
                     "CPython itself warns: `SyntaxWarning: \"is\" with 'str' literal`.",
        .symptom = "A check that passes in tests and fails in production: `status is \"ok\"` is True "
                   "for a literal in the same module and False for the same text read from JSON, a "
                   "socket or a database; `n is 1000` flips with the value's origin.",
        .fix = "Compare values: `==` / `!=` (the autofix). Keep `is` only for singletons and sentinels.",
        .wrong = "if response.status is \"ok\":\n    ...",
        .right = "if response.status == \"ok\":\n    ...",
        .peer = "ruff/pyflakes F632, pylint R0123 (literal-comparison)",
        .notes = "The fix is not offered when a comment sits between the operands and the operator.",
        .precision = "No findings on the 3.11 site-packages and Django 3.2.",
    },
    .peers = { "F632", "R0123", "PLR0123", "literal-comparison" },
    .kinds = { NK_Compare },
    .visit = visit_compare,
};
