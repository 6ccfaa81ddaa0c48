/* Operands and fixes of identity comparisons, shared by GT201 and GT202: see identity_compare.h. */
#include "identity_compare.h"

#include <string.h>

int identity_is_literal(const Node *e)
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
               e->v.UnaryOp.operand->kind == NK_Constant && identity_is_literal(e->v.UnaryOp.operand);
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

Fix *identity_eq_fix(RuleCtx *ctx, const Node *left, const Node *right, int negated, int safe)
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
    Fix *fix = diag_fix_new(negated ? "Replace `is not` with `!=`" : "Replace `is` with `==`", safe);
    diag_fix_add_edit(fix, (uint32_t)is_pos, (uint32_t)op_end, negated ? "!=" : "==");
    return fix;
}

