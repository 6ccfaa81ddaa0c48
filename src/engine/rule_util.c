/* Helpers shared by several rule files: see rule_util.h. */
#include "rule_util.h"

#include <string.h>

int rule_cstr_in(const char *s, const char *const *names)
{
    for (int i = 0; s && names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return 1;
    return 0;
}

int rule_str_in(Str s, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (sem_str_eq(s, names[i]))
            return 1;
    return 0;
}

int rule_str_same(Str a, Str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

int rule_decorated_with(const FuncInfo *info, const char *const *qualnames)
{
    for (int32_t i = 0; i < info->ndecorators; i++)
        if (rule_cstr_in(info->decorators[i], qualnames))
            return 1;
    return 0;
}

int rule_str_to_cstr(Str s, char *buf, size_t cap)
{
    if (s.len >= cap)
        return 0;
    memcpy(buf, s.s, s.len);
    buf[s.len] = '\0';
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

void rule_def_name_columns(RuleCtx *ctx, const Node *def, int32_t *start, int32_t *end)
{
    Str name = def->kind == NK_ClassDef ? def->v.ClassDef.name : sem_func_name(def);
    const char *text = rule_source(ctx)->text;
    size_t len = rule_source(ctx)->len;
    size_t pos = rule_offset(ctx, def->lineno, def->col_offset);
    size_t line_start = pos - (size_t)def->col_offset;
    *start = *end = def->col_offset;
    /* The node starts at its first keyword; skip every header keyword (each followed by a blank)
       to land on the name. A header broken across lines (`def \` + newline) stops early and the
       name does not match below. */
    static const char *const KEYWORDS[] = { "async", "def", "class", NULL };
    for (int moved = 1; moved;) {
        moved = 0;
        while (pos < len && is_blank(text[pos]))
            pos++;
        for (int i = 0; KEYWORDS[i]; i++) {
            size_t n = strlen(KEYWORDS[i]);
            if (pos + n < len && memcmp(text + pos, KEYWORDS[i], n) == 0 && is_blank(text[pos + n])) {
                pos += n;
                moved = 1;
            }
        }
    }
    if (pos + name.len <= len && memcmp(text + pos, name.s, name.len) == 0) {
        *start = (int32_t)(pos - line_start);
        *end = *start + (int32_t)name.len;
    }
}

/* Source text of [start, end) on one line (line breaks and indentation dropped), cut to `cap - 1`
   bytes with "..." when longer. */
static void range_text(const char *text, uint32_t start, uint32_t end, char *out, size_t cap)
{
    size_t len = 0;
    int in_break = 0;   /* inside a line break and the next line's indentation */
    uint32_t i = start;
    for (; i < end && len + 4 < cap; i++) {
        char c = text[i];
        int continuation = c == '\\' && i + 1 < end && (text[i + 1] == '\n' || text[i + 1] == '\r');
        if (c == '\n' || c == '\r' || continuation)
            in_break = 1;
        else if (!(in_break && (c == ' ' || c == '\t'))) {
            in_break = 0;
            out[len++] = c;
        }
    }
    strcpy(out + len, i < end ? "..." : "");
}

void rule_node_text(RuleCtx *ctx, const Node *n, char *out, size_t cap)
{
    range_text(rule_source(ctx)->text, rule_offset(ctx, n->lineno, n->col_offset),
               rule_offset(ctx, n->end_lineno, n->end_col_offset), out, cap);
}

void rule_callee_text(RuleCtx *ctx, const Node *call, char *out, size_t cap)
{
    const Source *src = rule_source(ctx);
    const Node *func = call->v.Call.func;
    uint32_t start = rule_offset(ctx, call->lineno, call->col_offset);
    uint32_t end = rule_offset(ctx, func->end_lineno, func->end_col_offset);
    /* `(lambda x: x)()`: the call starts at the callee's opening parenthesis; take the closing
       ones (and the blanks between) up to the argument list's. */
    for (uint32_t i = end; i < src->len && strchr(") \t\r\n\\", src->text[i]); i++)
        if (src->text[i] == ')')
            end = i + 1;
    range_text(src->text, start, end, out, cap);
}

int rule_same_text(RuleCtx *ctx, const Node *a, const Node *b)
{
    const Source *src = rule_source(ctx);
    uint32_t a0 = rule_offset(ctx, a->lineno, a->col_offset), a1 = rule_offset(ctx, a->end_lineno, a->end_col_offset);
    uint32_t b0 = rule_offset(ctx, b->lineno, b->col_offset), b1 = rule_offset(ctx, b->end_lineno, b->end_col_offset);
    return a1 > a0 && a1 - a0 == b1 - b0 && a1 <= src->len && b1 <= src->len &&
           memcmp(src->text + a0, src->text + b0, a1 - a0) == 0;
}

int rule_handler_swallows(Semantic *sem, const Scope *scope, const Node *handler)
{
    static const char *const broad[] = { "BaseException", "Exception", NULL };
    const Node *type = handler->v.ExceptHandler.type;
    if (type && !rule_cstr_in(sem_qualname(sem, scope, type), broad))
        return 0;
    NodeList body = handler->v.ExceptHandler.body;
    for (int32_t i = 0; i < body.n; i++)
        if (body.items[i]->kind == NK_Return || body.items[i]->kind == NK_Raise)
            return 0;
    return 1;
}

int rule_handler_catches(Semantic *sem, const Scope *scope, const Node *handler,
                         const char *const *names)
{
    const Node *type = handler->v.ExceptHandler.type;
    if (!type)
        return 1;
    if (type->kind != NK_Tuple)
        return rule_cstr_in(sem_qualname(sem, scope, type), names);
    for (int32_t i = 0; i < type->v.Tuple.elts.n; i++)
        if (rule_cstr_in(sem_qualname(sem, scope, type->v.Tuple.elts.items[i]), names))
            return 1;
    return 0;
}

/* Is `n` one of the nodes of `list` (by identity)? */
int rule_node_in_list(NodeList list, const Node *n)
{
    for (int32_t i = 0; i < list.n; i++)
        if (list.items[i] == n)
            return 1;
    return 0;
}

int rule_in_try_catching(RuleCtx *ctx, const char *const *names)
{
    Semantic *sem = rule_semantic(ctx);
    const Node *child = rule_ancestor(ctx, 0);
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a)
            return 0;
        switch (a->kind) {
        case NK_FunctionDef: case NK_AsyncFunctionDef: case NK_Lambda: case NK_ClassDef:
        case NK_GeneratorExp:
            return 0;
        case NK_Try:
        case NK_TryStar:
            if (rule_node_in_list(a->v.Try.body, child))
                for (int32_t i = 0; i < a->v.Try.handlers.n; i++)
                    if (rule_handler_catches(sem, rule_scope(ctx), a->v.Try.handlers.items[i], names))
                        return 1;
            break;
        default:
            break;
        }
        child = a;
    }
}
