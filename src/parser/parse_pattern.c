/* The match statement (soft keywords `match`, `case`, `_`) and its patterns. */
#include "parser_internal.h"

static Node *parse_pattern(Parser *p);

static int is_wildcard(const Parser *p, const Token *t) { return tok_is_word(p, t, "_"); }

/* A NAME that captures: not `_`, and not followed by '.', '(' or '='. */
static Str capture_name(Parser *p)
{
    const Token *t = cur(p);
    Str none = {NULL, 0};
    if (t->type != T_NAME) {
        parse_fail_syntax(p);
        return none;
    }
    if (is_wildcard(p, t)) {
        parse_fail_tok(p, t, "cannot use '_' as a target");
        return none;
    }
    int next = peek_at(p, 1);
    if (next == T_DOT || next == T_LPAR || next == T_EQUAL) {
        advance(p);
        parse_fail_syntax(p);
        return none;
    }
    advance(p);
    return parse_tok_name(p, t);
}

/* signed_number ['+'|'-' imaginary NUMBER]: the value expression of a numeric literal pattern. */
static Node *parse_number_expr(Parser *p)
{
    const Token *first = cur(p);
    int negative = accept(p, T_MINUS);
    const Token *num = cur(p);
    if (!parse_expect(p, T_NUMBER))
        return NULL;
    Node *value = parse_number(p, num);
    if (negative) {
        Node *u = node_new(p, NK_UnaryOp, first);
        end_last(p, u);
        u->v.UnaryOp.op = UNARYOP_USub;
        u->v.UnaryOp.operand = value;
        value = u;
    }
    if (peek(p) != T_PLUS && peek(p) != T_MINUS)
        return value;
    if (value->kind == NK_Constant ? value->v.Constant.value.kind == CONST_COMPLEX
                                   : value->v.UnaryOp.operand->v.Constant.value.kind == CONST_COMPLEX)
        return parse_fail_node(p, value, "real number required in complex literal");
    int op = advance(p)->type == T_PLUS ? OPERATOR_Add : OPERATOR_Sub;
    const Token *imag = cur(p);
    if (!parse_expect(p, T_NUMBER))
        return NULL;
    Node *right = parse_number(p, imag);
    if (right->v.Constant.value.kind != CONST_COMPLEX)
        return parse_fail_node(p, right, "imaginary number required in complex literal");
    Node *b = node_new(p, NK_BinOp, first);
    end_last(p, b);
    b->v.BinOp.left = value;
    b->v.BinOp.op = (uint8_t)op;
    b->v.BinOp.right = right;
    return b;
}

/* NAME ('.' NAME)*: a Name or an Attribute chain in Load context. */
static Node *parse_name_or_attr(Parser *p)
{
    const Token *first = advance(p);
    Node *e = parse_make_name(p, first, EXPR_CONTEXT_Load);
    while (accept(p, T_DOT)) {
        const Token *attr = cur(p);
        if (!parse_expect(p, T_NAME))
            return NULL;
        Node *a = node_new(p, NK_Attribute, first);
        end_tok(a, attr);
        a->v.Attribute.value = e;
        a->v.Attribute.attr = parse_tok_name(p, attr);
        a->v.Attribute.ctx = EXPR_CONTEXT_Load;
        e = a;
    }
    return e;
}

static Node *parse_class_pattern(Parser *p, const Token *first, Node *cls)
{
    advance(p); /* ( */
    if (!parse_enter_nest(p))
        return NULL;
    int32_t mark = p->nodes_n, kw_mark = -1, names_mark = p->strs_n;
    while (peek(p) != T_RPAR) {
        const Token *t = cur(p);
        if (t->type == T_NAME && peek_at(p, 1) == T_EQUAL) {
            advance(p);
            advance(p);
            if (kw_mark < 0)
                kw_mark = p->nodes_n;
            parse_push_str(p, parse_tok_name(p, t));
        } else if (kw_mark >= 0) {
            Node *bad = parse_pattern(p);
            return bad ? parse_fail_node(p, bad, "positional patterns follow keyword patterns") : NULL;
        }
        Node *pat = parse_pattern(p);
        if (!pat)
            return NULL;
        push_node(p, pat);
        if (!accept(p, T_COMMA))
            break;
    }
    if (!parse_expect(p, T_RPAR))
        return NULL;
    parse_leave_nest(p);
    Node *n = node_new(p, NK_MatchClass, first);
    end_last(p, n);
    n->v.MatchClass.cls = cls;
    if (kw_mark >= 0)
        n->v.MatchClass.kwd_patterns = parse_pop_nodes(p, kw_mark);
    n->v.MatchClass.patterns = parse_pop_nodes(p, mark);
    n->v.MatchClass.kwd_attrs = parse_pop_strs(p, names_mark);
    return n;
}

/* maybe_star_pattern: '*' NAME | pattern */
static Node *parse_maybe_star_pattern(Parser *p)
{
    const Token *t = cur(p);
    if (t->type != T_STAR)
        return parse_pattern(p);
    advance(p);
    Node *n = node_new(p, NK_MatchStar, t);
    const Token *name = cur(p);
    if (name->type == T_NAME && is_wildcard(p, name)) {
        advance(p);
    } else {
        n->v.MatchStar.name = capture_name(p);
        if (p->failed)
            return NULL;
    }
    end_last(p, n);
    return n;
}

/* Patterns of a sequence up to `close` (consumed); the first may be given. */
static int parse_sequence_items(Parser *p, int close)
{
    while (peek(p) != close) {
        Node *pat = parse_maybe_star_pattern(p);
        if (!pat)
            return 0;
        push_node(p, pat);
        if (!accept(p, T_COMMA))
            break;
    }
    return parse_expect(p, close);
}

static Node *parse_paren_pattern(Parser *p)
{
    const Token *open = advance(p);
    int32_t mark = p->nodes_n;
    if (peek(p) != T_RPAR) {
        Node *first = parse_maybe_star_pattern(p);
        if (!first)
            return NULL;
        if (peek(p) == T_RPAR && first->kind != NK_MatchStar) {
            advance(p);
            return first;  /* group: the parentheses are not part of the pattern */
        }
        push_node(p, first);
        if (!parse_expect(p, T_COMMA))
            return NULL;
    }
    if (!parse_sequence_items(p, T_RPAR))
        return NULL;
    Node *n = node_new(p, NK_MatchSequence, open);
    end_last(p, n);
    n->v.MatchSequence.patterns = parse_pop_nodes(p, mark);
    return n;
}

/* A mapping key: a literal or a dotted name. */
static Node *parse_mapping_key(Parser *p)
{
    const Token *t = cur(p);
    switch (t->type) {
    case T_NUMBER:
    case T_MINUS:
        return parse_number_expr(p);
    case T_STRING:
    case T_FSTRING_START:
    case T_KW_None:
    case T_KW_True:
    case T_KW_False:
        return parse_atom(p);
    case T_NAME:
        if (peek_at(p, 1) == T_DOT)
            return parse_name_or_attr(p);
        /* fall through */
    default:
        return parse_fail_syntax(p);
    }
}

static Node *parse_mapping_pattern(Parser *p)
{
    const Token *open = advance(p);
    int32_t mark = p->nodes_n;
    Str rest = {NULL, 0};
    while (peek(p) != T_RBRACE) {
        if (accept(p, T_DOUBLESTAR)) {
            rest = capture_name(p);
            if (p->failed)
                return NULL;
            accept(p, T_COMMA);
            break;
        }
        Node *key = parse_mapping_key(p);
        if (!key || !parse_expect(p, T_COLON))
            return NULL;
        Node *pat = parse_pattern(p);
        if (!pat)
            return NULL;
        push_node(p, key);
        push_node(p, pat);
        if (!accept(p, T_COMMA))
            break;
    }
    if (!parse_expect(p, T_RBRACE))
        return NULL;
    Node *n = node_new(p, NK_MatchMapping, open);
    end_last(p, n);
    int32_t npairs = (p->nodes_n - mark) / 2;
    if (npairs > 0) {
        Node **keys = arena_alloc(p->arena, (size_t)npairs * sizeof *keys);
        Node **pats = arena_alloc(p->arena, (size_t)npairs * sizeof *pats);
        for (int32_t i = 0; i < npairs; i++) {
            keys[i] = p->nodes[mark + 2 * i];
            pats[i] = p->nodes[mark + 2 * i + 1];
        }
        n->v.MatchMapping.keys = (NodeList){keys, npairs};
        n->v.MatchMapping.patterns = (NodeList){pats, npairs};
    }
    p->nodes_n = mark;
    n->v.MatchMapping.rest = rest;
    return n;
}

static Node *value_pattern(Parser *p, const Token *first, Node *value)
{
    Node *n = node_new(p, NK_MatchValue, first);
    end_last(p, n);
    n->v.MatchValue.value = value;
    return n;
}

static Node *parse_closed_pattern(Parser *p)
{
    const Token *t = cur(p);
    Node *n, *value;
    switch (t->type) {
    case T_NUMBER:
    case T_MINUS:
        value = parse_number_expr(p);
        return value ? value_pattern(p, t, value) : NULL;
    case T_STRING:
    case T_FSTRING_START:
        value = parse_strings(p);
        return value ? value_pattern(p, t, value) : NULL;
    case T_KW_None:
    case T_KW_True:
    case T_KW_False:
        advance(p);
        n = node_new(p, NK_MatchSingleton, t);
        end_tok(n, t);
        n->v.MatchSingleton.value.kind = t->type == T_KW_None ? CONST_NONE
                                         : t->type == T_KW_True ? CONST_TRUE : CONST_FALSE;
        return n;
    case T_LPAR:
    case T_LSQB:
    case T_LBRACE:
        if (!parse_enter_nest(p))
            return NULL;
        if (t->type == T_LPAR) {
            n = parse_paren_pattern(p);
        } else if (t->type == T_LBRACE) {
            n = parse_mapping_pattern(p);
        } else {
            advance(p);
            int32_t mark = p->nodes_n;
            if (!parse_sequence_items(p, T_RSQB))
                return NULL;
            n = node_new(p, NK_MatchSequence, t);
            end_last(p, n);
            n->v.MatchSequence.patterns = parse_pop_nodes(p, mark);
        }
        parse_leave_nest(p);
        return n;
    case T_NAME: {
        int next = peek_at(p, 1);
        if (next == T_DOT || next == T_LPAR) {
            Node *cls = parse_name_or_attr(p);
            if (!cls)
                return NULL;
            if (peek(p) == T_LPAR)
                return parse_class_pattern(p, t, cls);
            return value_pattern(p, t, cls);
        }
        n = node_new(p, NK_MatchAs, t);
        if (is_wildcard(p, t))
            advance(p);
        else if (!(n->v.MatchAs.name = capture_name(p)).s)
            return NULL;
        end_tok(n, t);
        return n;
    }
    default:
        return parse_fail_syntax(p);
    }
}

/* pattern: or_pattern ['as' NAME] */
static Node *parse_pattern(Parser *p)
{
    const Token *first = cur(p);
    Node *pat = parse_closed_pattern(p);
    if (!pat)
        return NULL;
    if (peek(p) == T_VBAR) {
        int32_t mark = p->nodes_n;
        push_node(p, pat);
        while (accept(p, T_VBAR)) {
            Node *alt = parse_closed_pattern(p);
            if (!alt)
                return NULL;
            push_node(p, alt);
        }
        Node *or = node_new(p, NK_MatchOr, first);
        end_last(p, or);
        or->v.MatchOr.patterns = parse_pop_nodes(p, mark);
        pat = or;
    }
    if (accept(p, T_KW_as)) {
        Node *as = node_new(p, NK_MatchAs, first);
        as->v.MatchAs.pattern = pat;
        as->v.MatchAs.name = capture_name(p);
        if (p->failed)
            return NULL;
        end_last(p, as);
        pat = as;
    }
    return pat;
}

/* patterns: open_sequence_pattern (a MatchSequence without brackets) | pattern */
static Node *parse_patterns(Parser *p)
{
    const Token *first = cur(p);
    Node *pat = parse_maybe_star_pattern(p);
    if (!pat)
        return NULL;
    if (peek(p) != T_COMMA) {
        if (pat->kind == NK_MatchStar)
            return parse_fail_node(p, pat, "invalid syntax");
        return pat;
    }
    int32_t mark = p->nodes_n;
    push_node(p, pat);
    while (accept(p, T_COMMA)) {
        if (peek(p) == T_COLON || peek(p) == T_KW_if)
            break;
        Node *next = parse_maybe_star_pattern(p);
        if (!next)
            return NULL;
        push_node(p, next);
    }
    Node *seq = node_new(p, NK_MatchSequence, first);
    end_last(p, seq);
    seq->v.MatchSequence.patterns = parse_pop_nodes(p, mark);
    return seq;
}

static Node *parse_case(Parser *p)
{
    const Token *kw = advance(p);
    Node *c = node_new(p, NK_match_case, kw);
    if (!(c->v.match_case.pattern = parse_patterns(p)))
        return NULL;
    if (accept(p, T_KW_if) && !(c->v.match_case.guard = parse_named_expression(p)))
        return NULL;
    if (!parse_expect(p, T_COLON))
        return NULL;
    c->v.match_case.body = parse_block(p, kw);
    return p->failed ? NULL : c;
}

/* subject_expr: star_named_expression ',' star_named_expressions? | named_expression */
static Node *parse_subject(Parser *p)
{
    const Token *first = cur(p);
    Node *e = parse_star_named_expression(p);
    if (!e || peek(p) != T_COMMA)
        return e && e->kind != NK_Starred ? e : NULL;
    int32_t mark = p->nodes_n;
    push_node(p, e);
    while (accept(p, T_COMMA)) {
        if (!parse_can_start_expression(peek(p)) && peek(p) != T_STAR)
            break;
        Node *next = parse_star_named_expression(p);
        if (!next)
            return NULL;
        push_node(p, next);
    }
    Node *t = node_new(p, NK_Tuple, first);
    end_last(p, t);
    t->v.Tuple.elts = parse_pop_nodes(p, mark);
    t->v.Tuple.ctx = EXPR_CONTEXT_Load;
    return t;
}

Node *parse_match_stmt(Parser *p)
{
    const Token *kw = cur(p);
    int next = peek_at(p, 1);
    if (!parse_can_start_expression(next) && next != T_STAR)
        return NULL;
    /* `match` is a keyword only when `match subject:` NEWLINE follows; otherwise it is a name. */
    ParseMark m = mark_take(p);
    advance(p);
    Node *subject = parse_subject(p);
    if (!subject || peek(p) != T_COLON || peek_at(p, 1) != T_NEWLINE) {
        mark_restore(p, m);
        return NULL;
    }
    advance(p);
    advance(p);
    if (peek(p) != T_INDENT)
        return parse_fail_tok(p, parse_error_token(p), "expected an indented block after 'match' statement on line %d",
                        (int)kw->lineno);
    advance(p);
    int32_t mark = p->nodes_n;
    while (peek(p) != T_DEDENT) {
        if (!tok_is_word(p, cur(p), "case"))
            return parse_fail_syntax(p);
        Node *c = parse_case(p);
        if (!c)
            return NULL;
        push_node(p, c);
    }
    advance(p);
    Node *n = node_new(p, NK_Match, kw);
    n->v.Match.subject = subject;
    n->v.Match.cases = parse_pop_nodes(p, mark);
    end_at_last_significant(p, n);
    return n;
}
