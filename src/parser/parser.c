/* Parser entry points and the helpers shared by its files: errors, scratch stacks, nesting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "../ast/ast_walk.h"
#include "../unicode/unicode.h"
#include "parser_internal.h"

/* Bytes a node of each kind needs: the common header and its own variant of the union. Nodes
   are allocated at that size (a Name takes 48 bytes instead of sizeof(Node) = 120), so a Node must
   never be copied by value. */
#define NODE_SIZE(kind) [NK_##kind] = offsetof(Node, v) + sizeof(((Node *)0)->v.kind)
const uint16_t parse_node_sizes[NK__COUNT] = {
    NODE_SIZE(Module), NODE_SIZE(Interactive), NODE_SIZE(Expression), NODE_SIZE(FunctionType),
    NODE_SIZE(FunctionDef), NODE_SIZE(AsyncFunctionDef), NODE_SIZE(ClassDef), NODE_SIZE(Return),
    NODE_SIZE(Delete), NODE_SIZE(Assign), NODE_SIZE(TypeAlias), NODE_SIZE(AugAssign), NODE_SIZE(AnnAssign),
    NODE_SIZE(For), NODE_SIZE(AsyncFor), NODE_SIZE(While), NODE_SIZE(If), NODE_SIZE(With),
    NODE_SIZE(AsyncWith), NODE_SIZE(Match), NODE_SIZE(Raise), NODE_SIZE(Try), NODE_SIZE(TryStar),
    NODE_SIZE(Assert), NODE_SIZE(Import), NODE_SIZE(ImportFrom), NODE_SIZE(Global), NODE_SIZE(Nonlocal),
    NODE_SIZE(Expr), NODE_SIZE(Pass), NODE_SIZE(Break), NODE_SIZE(Continue), NODE_SIZE(BoolOp),
    NODE_SIZE(NamedExpr), NODE_SIZE(BinOp), NODE_SIZE(UnaryOp), NODE_SIZE(Lambda), NODE_SIZE(IfExp),
    NODE_SIZE(Dict), NODE_SIZE(Set), NODE_SIZE(ListComp), NODE_SIZE(SetComp), NODE_SIZE(DictComp),
    NODE_SIZE(GeneratorExp), NODE_SIZE(Await), NODE_SIZE(Yield), NODE_SIZE(YieldFrom), NODE_SIZE(Compare),
    NODE_SIZE(Call), NODE_SIZE(FormattedValue), NODE_SIZE(JoinedStr), NODE_SIZE(Constant),
    NODE_SIZE(Attribute), NODE_SIZE(Subscript), NODE_SIZE(Starred), NODE_SIZE(Name), NODE_SIZE(List),
    NODE_SIZE(Tuple), NODE_SIZE(Slice), NODE_SIZE(ExceptHandler), NODE_SIZE(MatchValue),
    NODE_SIZE(MatchSingleton), NODE_SIZE(MatchSequence), NODE_SIZE(MatchMapping), NODE_SIZE(MatchClass),
    NODE_SIZE(MatchStar), NODE_SIZE(MatchAs), NODE_SIZE(MatchOr), NODE_SIZE(TypeIgnore), NODE_SIZE(TypeVar),
    NODE_SIZE(ParamSpec), NODE_SIZE(TypeVarTuple), NODE_SIZE(comprehension), NODE_SIZE(arguments),
    NODE_SIZE(arg), NODE_SIZE(keyword), NODE_SIZE(alias), NODE_SIZE(withitem), NODE_SIZE(match_case),
};
#undef NODE_SIZE

Str parse_nfkc_name(Parser *p, Str s)
{
    uint32_t len;
    const char *text = unicode_nfkc(s.s, s.len, p->arena, &len);
    return (Str){text, len};
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

void *parse_fail_at(Parser *p, int32_t lineno, int32_t col, int32_t end_lineno, int32_t end_col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_err(p, lineno, col, end_lineno, end_col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *parse_fail_tok(Parser *p, const Token *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_err(p, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

void *parse_fail_node(Parser *p, const Node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_err(p, n->lineno, n->col_offset, n->end_lineno, n->end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

const Token *parse_error_token(const Parser *p)
{
    if (peek(p) != T_ENDMARKER)
        return cur(p);
    if (p->final_break.type == T_NEWLINE)
        return &p->final_break;
    int32_t i = p->pos;
    while (i > 0 && (p->toks[i].type == T_DEDENT || p->toks[i].type == T_ENDMARKER))
        i--;
    return p->toks[i].type == T_NEWLINE ? &p->toks[i] : cur(p);
}

/* CPython's invalid_expression rule: inside brackets, an expression directly followed by
   another one (not `name "string"`, not starting with a soft keyword or print/exec). */
static int looks_like_missing_comma(const Parser *p)
{
    if (p->nest == 0 || p->last_expr_end != p->pos || p->last_expr_end <= p->last_expr_start ||
        !parse_can_start_expression(peek(p)))
        return 0;
    const Token *a = &p->toks[p->last_expr_start];
    if (a->type != T_NAME)
        return 1;
    int next = p->toks[p->last_expr_start + 1].type;
    if (next == T_STRING || next == T_FSTRING_START)
        return 0;
    static const char *const excluded[] = {"match", "case", "type", "_", "print", "exec"};
    for (size_t i = 0; i < sizeof excluded / sizeof *excluded; i++)
        if (tok_is_word(p, a, excluded[i]))
            return 0;
    return 1;
}

void *parse_fail_syntax(Parser *p)
{
    const Token *t = cur(p);
    if (looks_like_missing_comma(p)) {
        const Token *a = &p->toks[p->last_expr_start];
        return parse_fail_at(p, a->lineno, a->col_offset, t->end_lineno, t->end_col_offset,
                       "invalid syntax. Perhaps you forgot a comma?");
    }
    if (t->type == T_ENDMARKER)
        return parse_fail_tok(p, parse_error_token(p), "invalid syntax");
    if (t->type == T_INDENT)
        return parse_fail_tok(p, t, "unexpected indent");
    return parse_fail_tok(p, t, "invalid syntax");
}

int parse_expect_failed(Parser *p, int type)
{
    if (type == T_COLON && peek(p) != T_ENDMARKER)
        parse_fail_tok(p, cur(p), "expected ':'");
    else
        parse_fail_syntax(p);
    return 0;
}

int parse_enter_nest_slow(Parser *p)
{
    if (++p->nest > PARSER_MAX_DEPTH) {
        parse_fail_tok(p, cur(p), "too many nested parentheses");
        return 0;
    }
    return parse_enter_complex(p, BRACKET_COMPLEXITY);
}

int parse_enter_complex(Parser *p, int cost)
{
    p->complexity += cost;
    if (p->complexity > PARSER_MAX_COMPLEXITY) {
        parse_fail_tok(p, cur(p), "too complex: nesting exceeds the parser's limit");
        return 0;
    }
    return 1;
}

/* ---- scratch stacks ---- */

void parse_grow_node_stack(Parser *p)
{
    p->nodes = arena_grow(p->arena, p->nodes, &p->nodes_cap, p->nodes_n + 1, sizeof *p->nodes, 64);
}

NodeList parse_pop_nodes(Parser *p, int32_t mark)
{
    NodeList l = {NULL, p->nodes_n - mark};
    if (l.n > 0) {
        l.items = arena_alloc_raw(p->arena, (size_t)l.n * sizeof *l.items);   /* filled right away */
        memcpy(l.items, p->nodes + mark, (size_t)l.n * sizeof *l.items);
    }
    p->nodes_n = mark;
    return l;
}

void parse_push_str(Parser *p, Str s)
{
    if (p->strs_n == p->strs_cap)
        p->strs = arena_grow(p->arena, p->strs, &p->strs_cap, p->strs_n + 1, sizeof *p->strs, 64);
    p->strs[p->strs_n++] = s;
}

StrList parse_pop_strs(Parser *p, int32_t mark)
{
    StrList l = {NULL, p->strs_n - mark};
    if (l.n > 0) {
        l.items = arena_alloc_raw(p->arena, (size_t)l.n * sizeof *l.items);   /* filled right away */
        memcpy(l.items, p->strs + mark, (size_t)l.n * sizeof *l.items);
    }
    p->strs_n = mark;
    return l;
}

/* ---- entry points ---- */

static void set_final_break(Parser *p)
{
    const Source *s = p->src;
    p->final_break.type = T_ENDMARKER;
    if (s->len == 0 || (s->text[s->len - 1] != '\n' && s->text[s->len - 1] != '\r'))
        return;
    size_t at = s->len - 1;
    if (at > 0 && s->text[at] == '\n' && s->text[at - 1] == '\r')
        at--;
    int32_t line = source_line_of(s, at);
    p->final_break.type = T_NEWLINE;
    p->final_break.start = p->final_break.end = (uint32_t)at;
    p->final_break.lineno = p->final_break.end_lineno = line;
    p->final_break.col_offset = p->final_break.end_col_offset = (int32_t)(at - s->line_starts[line - 1]);
}

/* Parse `t`; on failure *fail_pos is the index of the token the parser stopped at. */
static Node *parse_tokens(const Source *s, const Tokens *t, Arena *a, SyntaxErr *err, int32_t *fail_pos)
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
    set_final_break(&p);
    NodeList body = parse_statements_until(&p, T_ENDMARKER);
    *fail_pos = p.pos;
    if (p.failed)
        return NULL;
    Node *m = arena_alloc(a, sizeof *m);
    m->kind = NK_Module;
    m->v.Module.body = body;
    /* Every level of a tree costs a token, except a few wrappers (Expr, MatchValue...). */
    if (t->n * 2 >= PARSER_MAX_TREE_DEPTH) {
        const Node *deep = parse_tree_deeper_than(m, PARSER_MAX_TREE_DEPTH, s, a);
        if (deep) {
            parse_fail_node(&p, deep, "too complex: maximum recursion depth exceeded during ast construction");
            return NULL;
        }
    }
    return m;
}

Node *parse_module(const Source *s, const Tokens *t, Arena *a, SyntaxErr *err)
{
    int32_t fail_pos;
    Node *m = parse_tokens(s, t, a, err, &fail_pos);
    if (m)
        ast_link_parents(m);
    return m;
}

/* CPython tokenizes lazily: a syntax error in the tokens before a tokenizer error is found
   first. It then tokenizes the rest of the file, and a tokenizer error that raises (bad
   character, bad number, unterminated string...) replaces it -- but not one that only sets the
   tokenizer's status (indentation, line continuation, EOF), not one met inside an f-string, not
   after an "unexpected indent", and an unclosed bracket only when it was opened on an earlier line. */
static int lexer_error_wins(const Tokens *partial, const SyntaxErr *lex_err, const SyntaxErr *parse_err)
{
    static const char *const status_errors[] = {
        "unindent does not match any outer indentation level", "inconsistent use of tabs and spaces in indentation",
        "too many levels of indentation", "unexpected character after line continuation character",
        "unexpected EOF while parsing",
    };
    for (size_t i = 0; i < sizeof status_errors / sizeof *status_errors; i++)
        if (strcmp(lex_err->msg, status_errors[i]) == 0)
            return 0;
    if (strcmp(parse_err->msg, "unexpected indent") == 0)  /* raised without looking further */
        return 0;
    if (strstr(lex_err->msg, "was never closed"))
        return lex_err->lineno < parse_err->lineno;
    int fstring_depth = 0;
    for (int32_t i = 0; i < partial->n; i++) {
        if (partial->items[i].type == T_FSTRING_START)
            fstring_depth++;
        else if (partial->items[i].type == T_FSTRING_END)
            fstring_depth--;
    }
    return fstring_depth <= 0;
}

/* After a tokenizer error: parse the tokens before it, and report whichever error CPython would. */
static void choose_error(const Source *s, const Tokens *partial, Arena *a, SyntaxErr *err)
{
    Tokens with_end = *partial;
    with_end.items = arena_alloc(a, ((size_t)partial->n + 1) * sizeof(Token));
    if (partial->n > 0)
        memcpy(with_end.items, partial->items, (size_t)partial->n * sizeof(Token));
    Token *end = &with_end.items[partial->n];
    end->type = T_ENDMARKER;
    end->start = end->end = (uint32_t)s->len;
    end->lineno = end->end_lineno = err->lineno;
    end->col_offset = end->end_col_offset = err->col_offset;
    with_end.n = partial->n + 1;
    SyntaxErr parse_err;
    memset(&parse_err, 0, sizeof parse_err);
    int32_t fail_pos;
    if (parse_tokens(s, &with_end, a, &parse_err, &fail_pos) == NULL && fail_pos < partial->n &&
        !lexer_error_wins(partial, err, &parse_err))
        *err = parse_err;
}

int parse_file(const char *path, const char *bytes, size_t len, Arena *a, ParsedFile *out, SyntaxErr *err)
{
    memset(out, 0, sizeof *out);
    if (source_init(&out->src, path, bytes, len, a, err) != 0)
        return -1;
    if (lex_tokens(&out->src, a, &out->toks, err) != 0) {
        choose_error(&out->src, &out->toks, a, err);
        return -1;
    }
    out->module = parse_module(&out->src, &out->toks, a, err);
    return out->module ? 0 : -1;
}
