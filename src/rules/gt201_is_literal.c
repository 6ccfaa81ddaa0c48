/* GT201 is-literal: `x is "admin"`, `x is 1000`, `x is []`: identity against a value that is a new
   object (or an interned one by accident). The fix turns `is` into `==` and `is not` into `!=`. */
#include "../engine/rule.h"

#include <string.h>

/* 1 if the operand is a literal or a display that builds a fresh object: str/bytes/number
   constants (with a sign), f-strings, tuple/list/dict/set displays and comprehensions.
   None, True, False and Ellipsis are singletons: comparing them by identity is right. */
static int is_fresh_or_literal(const Node *e)
{
    switch (e->kind) {
    case NK_Constant:
        switch (e->v.Constant.value.kind) {
        case CONST_NONE: case CONST_TRUE: case CONST_FALSE: case CONST_ELLIPSIS:
            return 0;
        default:
            return 1;
        }
    case NK_UnaryOp:
        return (e->v.UnaryOp.op == UNARYOP_USub || e->v.UnaryOp.op == UNARYOP_UAdd ||
                e->v.UnaryOp.op == UNARYOP_Invert) &&
               e->v.UnaryOp.operand->kind == NK_Constant && is_fresh_or_literal(e->v.UnaryOp.operand);
    case NK_JoinedStr:
    case NK_Tuple: case NK_List: case NK_Dict: case NK_Set:
    case NK_ListComp: case NK_SetComp: case NK_DictComp:
        return 1;
    default:
        return 0;
    }
}

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}

/* Skip what may stand between two operands and the operator: blanks, closing/opening parentheses,
   backslash continuations. Comments stop the scan (returns -1): a fix must not eat them. */
static long skip_between(const char *text, long pos, long end)
{
    while (pos < end) {
        char c = text[pos];
        if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r' || c == ')' || c == '(')
            pos++;
        else if (c == '\\' && pos + 1 < end && (text[pos + 1] == '\n' || text[pos + 1] == '\r'))
            pos += 2;
        else if (c == '#')
            return -1;
        else
            return pos;
    }
    return -1;
}

/* 1 if text[pos..] is the keyword `kw` (not a prefix of a longer name). */
static int keyword_at(const char *text, long pos, long end, const char *kw)
{
    long n = (long)strlen(kw);
    return pos + n <= end && memcmp(text + pos, kw, (size_t)n) == 0 &&
           (pos + n == end || !is_word_char(text[pos + n]));
}

/* The fix for the operator between `left` and `right`: replace `is` by `==` or `is not` by `!=`.
   Returns NULL when the operator cannot be located safely (e.g. a comment in between). */
static Fix *make_fix(RuleCtx *ctx, const Node *left, const Node *right, int negated)
{
    const Source *src = rule_source(ctx);
    long from = (long)rule_offset(ctx, left->end_lineno, left->end_col_offset);
    long to = (long)rule_offset(ctx, right->lineno, right->col_offset);
    long is_pos = skip_between(src->text, from, to);
    if (is_pos < 0 || !keyword_at(src->text, is_pos, to, "is"))
        return NULL;
    long op_end = is_pos + 2;
    if (negated) {
        long not_pos = skip_between(src->text, op_end, to);
        if (not_pos < 0 || !keyword_at(src->text, not_pos, to, "not"))
            return NULL;
        op_end = not_pos + 3;
    }
    Fix *fix = diag_fix_new(negated ? "Replace `is not` with `!=`" : "Replace `is` with `==`", 1);
    diag_fix_add_edit(fix, (uint32_t)is_pos, (uint32_t)op_end, negated ? "!=" : "==");
    return fix;
}

static void visit_compare(RuleCtx *ctx, const Node *cmp)
{
    const Node *left = cmp->v.Compare.left;
    for (int32_t i = 0; i < cmp->v.Compare.ops.n; i++) {
        uint8_t op = cmp->v.Compare.ops.items[i];
        const Node *right = cmp->v.Compare.comparators.items[i];
        if ((op == CMPOP_Is || op == CMPOP_IsNot) &&
            (is_fresh_or_literal(left) || is_fresh_or_literal(right))) {
            int negated = op == CMPOP_IsNot;
            Fix *fix = make_fix(ctx, left, right, negated);
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
