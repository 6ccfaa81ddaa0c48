/* Parser entry points and the helpers shared by its files: errors, scratch stacks, nesting. */
#include <stdarg.h>
#include <stdio.h>

#include "nfkc.h"
#include "parser_internal.h"

/* Recursion through unary operators, `not`, lambdas and if-else chains; CPython gives up at about
   the same depth ("too complex"). */
#define PARSER_MAX_COMPLEXITY 5900

Str tok_str(Parser *p, const Token *t)
{
    Str s = {p->src->text + t->start, t->end - t->start};
    return s;
}

Str tok_name(Parser *p, const Token *t)
{
    Str s = tok_str(p, t);
    for (uint32_t i = 0; i < s.len; i++)
        if ((unsigned char)s.s[i] >= 0x80)
            return nfkc_identifier(s, p->arena);
    return s;
}

static void set_err(Parser *p, int32_t lineno, int32_t col, int32_t end_lineno, int32_t end_col, const char *fmt,
                    va_list ap)
{
    if (p->failed)
        return;
    p->failed = 1;
    p->err->lineno = lineno;
    p->err->col_offset = col;
    p->err->end_lineno = end_lineno;
    p->err->end_col_offset = end_col;
    vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
}

void *fail_at(Parser *p, int32_t lineno, int32_t col, int32_t end_lineno, int32_t end_col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_err(p, lineno, col, end_lineno, end_col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *fail_tok(Parser *p, const Token *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_err(p, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

void *fail_node(Parser *p, const Node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_err(p, n->lineno, n->col_offset, n->end_lineno, n->end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

void *fail_syntax(Parser *p)
{
    const Token *t = cur(p);
    if (t->type == T_ENDMARKER)
        return fail_tok(p, t, "unexpected EOF while parsing");
    if (t->type == T_INDENT)
        return fail_tok(p, t, "unexpected indent");
    return fail_tok(p, t, "invalid syntax");
}

int expect(Parser *p, int type)
{
    if (accept(p, type))
        return 1;
    if (type == T_COLON && peek(p) != T_ENDMARKER)
        fail_tok(p, cur(p), "expected ':'");
    else
        fail_syntax(p);
    return 0;
}

int enter_nest(Parser *p)
{
    if (++p->nest > PARSER_MAX_DEPTH) {
        fail_tok(p, cur(p), "too many nested parentheses");
        return 0;
    }
    return 1;
}

int enter_complex(Parser *p, int cost)
{
    p->complexity += cost;
    if (p->complexity > PARSER_MAX_COMPLEXITY) {
        fail_tok(p, cur(p), "too complex: nesting exceeds the parser's limit");
        return 0;
    }
    return 1;
}

/* ---- scratch stacks ---- */

static void *grow(Parser *p, void *old, int32_t *cap, size_t elem)
{
    int32_t new_cap = *cap ? *cap * 2 : 64;
    void *fresh = arena_alloc(p->arena, (size_t)new_cap * elem);
    if (old)
        memcpy(fresh, old, (size_t)*cap * elem);
    *cap = new_cap;
    return fresh;
}

void push_node(Parser *p, Node *n)
{
    if (p->nodes_n == p->nodes_cap)
        p->nodes = grow(p, p->nodes, &p->nodes_cap, sizeof *p->nodes);
    p->nodes[p->nodes_n++] = n;
}

NodeList pop_nodes(Parser *p, int32_t mark)
{
    NodeList l = {NULL, p->nodes_n - mark};
    if (l.n > 0) {
        l.items = arena_alloc(p->arena, (size_t)l.n * sizeof *l.items);
        memcpy(l.items, p->nodes + mark, (size_t)l.n * sizeof *l.items);
    }
    p->nodes_n = mark;
    return l;
}

void push_str(Parser *p, Str s)
{
    if (p->strs_n == p->strs_cap)
        p->strs = grow(p, p->strs, &p->strs_cap, sizeof *p->strs);
    p->strs[p->strs_n++] = s;
}

StrList pop_strs(Parser *p, int32_t mark)
{
    StrList l = {NULL, p->strs_n - mark};
    if (l.n > 0) {
        l.items = arena_alloc(p->arena, (size_t)l.n * sizeof *l.items);
        memcpy(l.items, p->strs + mark, (size_t)l.n * sizeof *l.items);
    }
    p->strs_n = mark;
    return l;
}

/* ---- entry points ---- */

NodeList parse_statements_until(Parser *p, int end_type);

Node *parse_module(const Source *s, const Tokens *t, Arena *a, SyntaxErr *err)
{
    Parser p;
    memset(&p, 0, sizeof p);
    p.src = s;
    p.toks = t->items;
    p.ntoks = t->n;
    p.comments = t->comments;
    p.ncomments = t->ncomments;
    p.arena = a;
    p.err = err;
    NodeList body = parse_statements_until(&p, T_ENDMARKER);
    if (p.failed)
        return NULL;
    Node *m = arena_alloc(a, sizeof *m);
    m->kind = NK_Module;
    m->v.Module.body = body;
    /* Every level of a tree costs a token, except a few wrappers (Expr, MatchValue...). */
    if (t->n * 2 >= PARSER_MAX_TREE_DEPTH) {
        const Node *deep = tree_deeper_than(m, PARSER_MAX_TREE_DEPTH, a);
        if (deep) {
            fail_node(&p, deep, "too complex: maximum recursion depth exceeded during ast construction");
            return NULL;
        }
    }
    return m;
}

int parse_file(const char *path, const char *bytes, size_t len, Arena *a, ParsedFile *out, SyntaxErr *err)
{
    memset(out, 0, sizeof *out);
    if (source_init(&out->src, path, bytes, len, a, err) != 0)
        return -1;
    if (lex_tokens(&out->src, a, &out->toks, err) != 0)
        return -1;
    out->module = parse_module(&out->src, &out->toks, a, err);
    return out->module ? 0 : -1;
}
