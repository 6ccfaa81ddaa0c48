/* Shared state and helpers of the parser's files (not part of the public API). */
#ifndef GOTCHA_PARSER_INTERNAL_H
#define GOTCHA_PARSER_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "parser.h"

/* The state of one parse. Lists under construction are pushed on the scratch stacks (grown in
   the arena) and copied out when complete, so nested lists share one buffer and nothing is
   malloc'ed. */
typedef struct Parser {
    const Source *src;
    const Token *toks;
    int32_t ntoks;
    const Comment *comments;  /* sorted by position; stripped from f-string debug text */
    int32_t ncomments;
    int32_t pos;             /* next token to consume */
    Arena *arena;
    SyntaxErr *err;
    int failed;              /* err is set; every caller unwinds with NULL */
    int32_t nest;            /* bracket nesting, bounded by PARSER_MAX_DEPTH */
    int32_t complexity;      /* CPython's parser-stack budget spent (see parser.c) */
    Node **nodes;            /* scratch stack of nodes */
    int32_t nodes_n, nodes_cap;
    Str *strs;               /* scratch stack of identifiers */
    int32_t strs_n, strs_cap;
    uint8_t *ops;            /* scratch stack of comparison operators */
    int32_t ops_n, ops_cap;
    /* The primary that parse_expression's fast path parsed before finding an operator after
       it: the full descent that follows takes it from here instead of parsing it again. */
    Node *memo_primary;
    int32_t memo_start, memo_end;
    /* Token range of the last expression parse_expression completed, for CPython's "Perhaps
       you forgot a comma?" when another expression follows it inside brackets. */
    int32_t last_expr_start, last_expr_end;
    /* The file's last line break, where CPython reports errors found at the end of the file
       (its tokenizer's last NL token); type ENDMARKER when the file does not end with one. */
    Token final_break;
} Parser;

/* ---- tokens ---- */
static inline const Token *cur(const Parser *p) { return &p->toks[p->pos]; }
static inline int peek(const Parser *p) { return p->toks[p->pos].type; }
static inline int peek_at(const Parser *p, int ahead)
{
    int32_t i = p->pos + ahead;
    return i < p->ntoks ? p->toks[i].type : T_ENDMARKER;
}
static inline const Token *last_tok(const Parser *p) { return &p->toks[p->pos - 1]; }
static inline const Token *advance(Parser *p)
{
    const Token *t = &p->toks[p->pos];
    if (t->type != T_ENDMARKER)
        p->pos++;
    return t;
}
static inline int accept(Parser *p, int type)
{
    if (peek(p) != type)
        return 0;
    advance(p);
    return 1;
}
/* Is token `t` the NAME `word` (soft keywords match, case, type, _)? */
static inline int tok_is_word(const Parser *p, const Token *t, const char *word)
{
    size_t n = strlen(word);
    return t->type == T_NAME && t->end - t->start == n && memcmp(p->src->text + t->start, word, n) == 0;
}
/* The token's text. */
static inline Str parse_tok_str(const Parser *p, const Token *t)
{
    return (Str){ p->src->text + t->start, t->end - t->start };
}
Str parse_nfkc_name(Parser *p, Str s);   /* NFKC form of a name, in the arena (out of line: rare) */
/* A NAME as identifier: NFKC-normalized like CPython when the lexer saw non-ASCII bytes in it. */
static inline Str parse_tok_name(Parser *p, const Token *t)
{
    Str s = parse_tok_str(p, t);
    return t->flags & TOKEN_NONASCII ? parse_nfkc_name(p, s) : s;
}

/* ---- errors ---- */
void *parse_fail_at(Parser *p, int32_t lineno, int32_t col, int32_t end_lineno, int32_t end_col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void *parse_fail_tok(Parser *p, const Token *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *parse_fail_node(Parser *p, const Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *parse_fail_syntax(Parser *p);  /* "invalid syntax" at the current token */
/* Where CPython reports an error found at the current token: at the ENDMARKER, the file's last
   line break (or the NEWLINE before the ENDMARKER and its DEDENTs). */
const Token *parse_error_token(const Parser *p);
int parse_expect_failed(Parser *p, int type);   /* the error of parse_expect; returns 0 */
/* Consume a token of `type`: 1, or 0 with "invalid syntax" / "expected ':'"... */
static inline int parse_expect(Parser *p, int type)
{
    return accept(p, type) ? 1 : parse_expect_failed(p, type);
}

/* CPython's parser gives up ("too complex") when its own stack runs out. We count the same kind
   of budget: costs per nesting level measured on CPython 3.13 (ast.parse) -- a unary operator,
   `not`, an if-else or an elif 1, a lambda or `**` 2, a block 8, a bracket about 27 -- against
   its limit (5969 unary minus at top level). */
#define PARSER_MAX_COMPLEXITY 5969
#define BRACKET_COMPLEXITY 27
int parse_enter_complex(Parser *p, int cost);
int parse_enter_nest_slow(Parser *p);     /* parse_enter_nest's general case */
/* Brackets: 1, or 0 when too deeply nested or too complex (error set). */
static inline int parse_enter_nest(Parser *p)
{
    if (p->nest < PARSER_MAX_DEPTH && p->complexity + BRACKET_COMPLEXITY <= PARSER_MAX_COMPLEXITY) {
        p->nest++;
        p->complexity += BRACKET_COMPLEXITY;
        return 1;
    }
    return parse_enter_nest_slow(p);
}
static inline void parse_leave_nest(Parser *p)
{
    p->nest--;
    p->complexity -= BRACKET_COMPLEXITY;
}
static inline void leave_complex(Parser *p, int cost) { p->complexity -= cost; }

/* ---- nodes ---- */
extern const uint16_t parse_node_sizes[NK__COUNT];  /* header + the kind's own fields */
static inline Node *node_new(Parser *p, int kind, const Token *first)
{
    Node *n = arena_alloc(p->arena, parse_node_sizes[kind]);
    n->kind = (uint8_t)kind;
    n->lineno = first->lineno;
    n->col_offset = first->col_offset;
    return n;
}
static inline Node *node_new_at(Parser *p, int kind, const Node *first)
{
    Node *n = arena_alloc(p->arena, parse_node_sizes[kind]);
    n->kind = (uint8_t)kind;
    n->lineno = first->lineno;
    n->col_offset = first->col_offset;
    return n;
}
static inline void end_tok(Node *n, const Token *t)
{
    n->end_lineno = t->end_lineno;
    n->end_col_offset = t->end_col_offset;
}
static inline void end_node(Node *n, const Node *last)
{
    n->end_lineno = last->end_lineno;
    n->end_col_offset = last->end_col_offset;
}
/* Compound statements end at the last consumed token that is not NEWLINE/INDENT/DEDENT (so a
   trailing ';' of the last body line counts), like CPython. */
static inline void end_at_last_significant(const Parser *p, Node *n)
{
    int32_t i = p->pos - 1;
    while (i > 0 && (p->toks[i].type == T_NEWLINE || p->toks[i].type == T_INDENT || p->toks[i].type == T_DEDENT))
        i--;
    end_tok(n, &p->toks[i]);
}
/* End at the last consumed token. */
static inline void end_last(Parser *p, Node *n) { end_tok(n, last_tok(p)); }

void parse_grow_node_stack(Parser *p);
/* Push on the node stack (inline: called for nearly every node). */
static inline void push_node(Parser *p, Node *n)
{
    if (p->nodes_n == p->nodes_cap)
        parse_grow_node_stack(p);
    p->nodes[p->nodes_n++] = n;
}
NodeList parse_pop_nodes(Parser *p, int32_t mark);
void parse_push_str(Parser *p, Str s);
StrList parse_pop_strs(Parser *p, int32_t mark);

/* ---- speculation (soft keywords, parenthesized with-items) ---- */
typedef struct ParseMark {
    int32_t pos, nodes_n, strs_n, ops_n, nest, complexity;
} ParseMark;
static inline ParseMark mark_take(const Parser *p)
{
    ParseMark m = {p->pos, p->nodes_n, p->strs_n, p->ops_n, p->nest, p->complexity};
    return m;
}
static inline void mark_restore(Parser *p, ParseMark m)
{
    p->pos = m.pos;
    p->nodes_n = m.nodes_n;
    p->strs_n = m.strs_n;
    p->ops_n = m.ops_n;
    p->nest = m.nest;
    p->complexity = m.complexity;
    p->failed = 0;
    p->memo_primary = NULL;
}

/* ---- expressions (parse_expr.c) ---- */
int parse_can_start_expression(int type);
Node *parse_expression(Parser *p);          /* expression: ifexp | lambda | disjunction */
Node *parse_named_expression(Parser *p);    /* NAME ':=' expression | expression */
Node *parse_disjunction(Parser *p);
Node *parse_bitwise_or(Parser *p);
Node *parse_star_expression(Parser *p);     /* '*' bitwise_or | expression */
Node *parse_star_expressions(Parser *p);    /* comma list -> Tuple */
Node *parse_star_named_expression(Parser *p);
Node *parse_yield_expr(Parser *p);
Node *parse_primary(Parser *p);
Node *parse_atom(Parser *p);
Node *parse_star_targets(Parser *p);        /* for-loop / comprehension targets, Store context */
Node *parse_arguments_def(Parser *p, int is_lambda);  /* parameter list up to ')' or ':' */
int parse_call_args(Parser *p, const Token *open, int allow_genexp, NodeList *args, NodeList *keywords);
Node *parse_make_name(Parser *p, const Token *t, int ctx);
Node *parse_strings(Parser *p);             /* implicit concatenation of STRING/f-string tokens */
Node *parse_number(Parser *p, const Token *t);

/* ---- targets (parse_target.c) ---- */
int parse_set_context(Parser *p, Node *e, int ctx); /* 0, or -1 with "cannot assign to ..." */
const Node *parse_invalid_target(const Node *e, int ctx); /* the part that cannot be a target, or NULL */
const char *parse_expr_description(const Node *e);

/* ---- tree depth (parse_depth.c) ---- */
/* Deepest tree (in nodes, Module = 1) that CPython 3.13's ast.parse can hand back. */
#define PARSER_MAX_TREE_DEPTH 9997
/* A node deeper than `limit`, or NULL. */
const Node *parse_tree_deeper_than(const Node *root, int32_t limit, const Source *src, Arena *a);

/* ---- statements and patterns ---- */
NodeList parse_statements_until(Parser *p, int end_type);  /* statements up to `end_type` (not consumed) */
NodeList parse_block(Parser *p, const Token *owner);
Node *parse_match_stmt(Parser *p);          /* NULL without error when it is not a match statement */

#endif
