/* Expressions: precedence climbing for binary operators, recursive descent for the rest.
   Composite nodes span from their first token to the last token consumed (so `(a) + b` starts at
   the parenthesis), like CPython's EXTRA positions. */
#include <stdlib.h>

#include "parser_internal.h"

static Node *parse_factor(Parser *p);
static Node *parse_comparison(Parser *p);

int parse_can_start_expression(int type)
{
    switch (type) {
    case T_NAME: case T_NUMBER: case T_STRING: case T_FSTRING_START: case T_LPAR: case T_LSQB:
    case T_LBRACE: case T_MINUS: case T_PLUS: case T_TILDE: case T_KW_not: case T_KW_lambda:
    case T_KW_await: case T_KW_None: case T_KW_True: case T_KW_False: case T_ELLIPSIS:
        return 1;
    default:
        return 0;
    }
}

static int starts_comprehension(const Parser *p)
{
    return peek(p) == T_KW_for || (peek(p) == T_KW_async && peek_at(p, 1) == T_KW_for);
}

static inline Node *make_name(Parser *p, const Token *t, int ctx)
{
    Node *n = node_new(p, NK_Name, t);
    end_tok(n, t);
    n->v.Name.id = parse_tok_name(p, t);
    n->v.Name.ctx = (uint8_t)ctx;
    return n;
}

Node *parse_make_name(Parser *p, const Token *t, int ctx)
{
    return make_name(p, t, ctx);
}

static Node *make_constant(Parser *p, const Token *t, int kind)
{
    Node *n = node_new(p, NK_Constant, t);
    end_tok(n, t);
    n->v.Constant.value.kind = (uint8_t)kind;
    return n;
}

/* ---- numbers ---- */

/* The literal without underscores: the source text itself when it has none. */
static Str number_text(Parser *p, const Token *t)
{
    Str s = parse_tok_str(p, t);
    if (!memchr(s.s, '_', s.len))
        return s;
    char *buf = arena_alloc(p->arena, s.len + 1);
    uint32_t n = 0;
    for (uint32_t i = 0; i < s.len; i++)
        if (s.s[i] != '_')
            buf[n++] = s.s[i];
    buf[n] = '\0';
    Str out = {buf, n};
    return out;
}

static double text_to_double(Parser *p, Str s)
{
    char small[128];
    char *buf = s.len < sizeof small ? small : arena_alloc(p->arena, s.len + 1);
    memcpy(buf, s.s, s.len);
    buf[s.len] = '\0';
    return strtod(buf, NULL);
}

/* A '.', 'e' or 'E' in the literal (a float, unless it has a radix prefix). Literals are short:
   one loop costs less than three calls of memchr. */
static int has_float_char(Str s)
{
    for (uint32_t i = 0; i < s.len; i++)
        if (s.s[i] == '.' || (s.s[i] | 0x20) == 'e')
            return 1;
    return 0;
}

Node *parse_number(Parser *p, const Token *t)
{
    Node *n = make_constant(p, t, CONST_INT);
    ConstValue *v = &n->v.Constant.value;
    Str s = number_text(p, t);
    char last = s.s[s.len - 1];
    int is_radix = s.len > 1 && s.s[0] == '0' && strchr("xXoObB", s.s[1]) != NULL;
    if (last == 'j' || last == 'J') {
        v->kind = CONST_COMPLEX;
        Str body = {s.s, s.len - 1};
        v->num = text_to_double(p, body);
    } else if (!is_radix && has_float_char(s)) {
        v->kind = CONST_FLOAT;
        v->num = text_to_double(p, s);
    } else {
        v->text = s;
    }
    return n;
}

/* ---- atoms ---- */

/* for_if_clauses: ('async'? 'for' star_targets 'in' disjunction ('if' disjunction)*)+ */
static int parse_comp_clauses(Parser *p, NodeList *out)
{
    int32_t mark = p->nodes_n;
    while (starts_comprehension(p)) {
        const Token *first = cur(p);
        int is_async = accept(p, T_KW_async);
        advance(p); /* for */
        Node *target = parse_star_targets(p);
        if (!target)
            return 0;
        if (!accept(p, T_KW_in)) {
            parse_fail_tok(p, cur(p), "'in' expected after for-loop variables");
            return 0;
        }
        Node *iter = parse_disjunction(p);
        if (!iter)
            return 0;
        int32_t if_mark = p->nodes_n;
        while (accept(p, T_KW_if)) {
            Node *cond = parse_disjunction(p);
            if (!cond)
                return 0;
            push_node(p, cond);
        }
        Node *c = node_new(p, NK_comprehension, first);
        c->v.comprehension.target = target;
        c->v.comprehension.iter = iter;
        c->v.comprehension.ifs = parse_pop_nodes(p, if_mark);
        c->v.comprehension.is_async = is_async;
        push_node(p, c);
    }
    *out = parse_pop_nodes(p, mark);
    return 1;
}

/* A comprehension whose element (or key/value) is parsed; `open` is its opening bracket and the
   closing one is expected next. */
static Node *finish_comprehension(Parser *p, int kind, const Token *open, Node *elt, Node *value, int close)
{
    NodeList gens;
    if (!parse_comp_clauses(p, &gens))
        return NULL;
    if (!parse_expect(p, close))
        return NULL;
    Node *n = node_new(p, kind, open);
    end_last(p, n);
    switch (kind) {
    case NK_ListComp: n->v.ListComp.elt = elt; n->v.ListComp.generators = gens; break;
    case NK_SetComp: n->v.SetComp.elt = elt; n->v.SetComp.generators = gens; break;
    case NK_GeneratorExp: n->v.GeneratorExp.elt = elt; n->v.GeneratorExp.generators = gens; break;
    default: n->v.DictComp.key = elt; n->v.DictComp.value = value; n->v.DictComp.generators = gens; break;
    }
    return n;
}

static Node *check_comprehension_elt(Parser *p, Node *elt)
{
    if (elt->kind == NK_Starred)
        return parse_fail_node(p, elt, "iterable unpacking cannot be used in comprehension");
    return elt;
}

/* Elements after the first of a list/tuple/set display, up to (and consuming) `close`. */
static NodeList finish_elements(Parser *p, int32_t mark, int close, int *ok)
{
    NodeList none = {NULL, 0};
    while (accept(p, T_COMMA)) {
        if (peek(p) == close)
            break;
        Node *e = parse_star_named_expression(p);
        if (!e) {
            *ok = 0;
            return none;
        }
        push_node(p, e);
    }
    if (!parse_expect(p, close)) {
        *ok = 0;
        return none;
    }
    *ok = 1;
    return parse_pop_nodes(p, mark);
}

static Node *parse_paren(Parser *p)
{
    const Token *open = advance(p);
    if (peek(p) == T_RPAR) {
        advance(p);
        Node *t = node_new(p, NK_Tuple, open);
        end_last(p, t);
        t->v.Tuple.ctx = EXPR_CONTEXT_Load;
        return t;
    }
    if (peek(p) == T_KW_yield) {
        Node *y = parse_yield_expr(p);
        if (!y || !parse_expect(p, T_RPAR))
            return NULL;
        return y;
    }
    Node *first = parse_star_named_expression(p);
    if (!first)
        return NULL;
    if (starts_comprehension(p)) {
        if (!check_comprehension_elt(p, first))
            return NULL;
        return finish_comprehension(p, NK_GeneratorExp, open, first, NULL, T_RPAR);
    }
    if (peek(p) == T_COMMA) {
        int32_t mark = p->nodes_n;
        push_node(p, first);
        int ok;
        NodeList elts = finish_elements(p, mark, T_RPAR, &ok);
        if (!ok)
            return NULL;
        Node *t = node_new(p, NK_Tuple, open);
        end_last(p, t);
        t->v.Tuple.elts = elts;
        t->v.Tuple.ctx = EXPR_CONTEXT_Load;
        return t;
    }
    if (!parse_expect(p, T_RPAR))
        return NULL;
    if (first->kind == NK_Starred)
        return parse_fail_node(p, first, "cannot use starred expression here");
    return first;
}

/* The rest of a list or set display after its first element (NULL for `[]`): a comprehension
   (ListComp/SetComp), or the remaining elements up to `closer` (List/Set). */
static Node *finish_display(Parser *p, const Token *open, int32_t mark, Node *first, NodeKind display,
                            NodeKind comprehension, TokenType closer)
{
    if (first) {
        if (starts_comprehension(p)) {
            if (!check_comprehension_elt(p, first))
                return NULL;
            return finish_comprehension(p, comprehension, open, first, NULL, closer);
        }
        push_node(p, first);
    }
    int ok;
    NodeList elts = finish_elements(p, mark, closer, &ok);
    if (!ok)
        return NULL;
    Node *n = node_new(p, display, open);
    end_last(p, n);
    if (display == NK_List) {
        n->v.List.elts = elts;
        n->v.List.ctx = EXPR_CONTEXT_Load;
    } else {
        n->v.Set.elts = elts;
    }
    return n;
}

static Node *parse_list(Parser *p)
{
    const Token *open = advance(p);
    int32_t mark = p->nodes_n;
    Node *first = NULL;
    if (peek(p) != T_RSQB && !(first = parse_star_named_expression(p)))
        return NULL;
    return finish_display(p, open, mark, first, NK_List, NK_ListComp, T_RSQB);
}

/* One `key: value` or `**mapping` of a dict display; pushes key (NULL for **) and value. */
static int parse_dict_item(Parser *p)
{
    Node *key = NULL, *value;
    if (accept(p, T_DOUBLESTAR)) {
        value = parse_bitwise_or(p);
    } else {
        key = parse_expression(p);
        if (!key || !parse_expect(p, T_COLON))
            return 0;
        if (peek(p) == T_RBRACE || peek(p) == T_COMMA) {
            parse_fail_tok(p, last_tok(p), "expression expected after dictionary key and ':'");
            return 0;
        }
        value = parse_expression(p);
    }
    if (!value)
        return 0;
    push_node(p, key);
    push_node(p, value);
    return 1;
}

static Node *finish_dict(Parser *p, const Token *open, int32_t mark)
{
    while (accept(p, T_COMMA)) {
        if (peek(p) == T_RBRACE)
            break;
        if (!parse_dict_item(p))
            return NULL;
    }
    if (!parse_expect(p, T_RBRACE))
        return NULL;
    int32_t npairs = (p->nodes_n - mark) / 2;
    Node *d = node_new(p, NK_Dict, open);
    end_last(p, d);
    if (npairs > 0) {
        Node **keys = arena_alloc(p->arena, (size_t)npairs * sizeof *keys);
        Node **values = arena_alloc(p->arena, (size_t)npairs * sizeof *values);
        for (int32_t i = 0; i < npairs; i++) {
            keys[i] = p->nodes[mark + 2 * i];
            values[i] = p->nodes[mark + 2 * i + 1];
        }
        d->v.Dict.keys = (NodeList){keys, npairs};
        d->v.Dict.values = (NodeList){values, npairs};
    }
    p->nodes_n = mark;
    return d;
}

static Node *parse_brace(Parser *p)
{
    const Token *open = advance(p);
    int32_t mark = p->nodes_n;
    if (peek(p) == T_RBRACE)
        return finish_dict(p, open, mark);
    if (peek(p) == T_DOUBLESTAR) {
        if (!parse_dict_item(p))
            return NULL;
        if (starts_comprehension(p))
            return parse_fail_tok(p, open, "dict unpacking cannot be used in dict comprehension");
        return finish_dict(p, open, mark);
    }
    Node *first;
    if (peek(p) == T_STAR || (peek(p) == T_NAME && peek_at(p, 1) == T_COLONEQUAL)) {
        first = parse_star_named_expression(p);
    } else {
        first = parse_expression(p);
        if (first && accept(p, T_COLON)) {
            if (peek(p) == T_RBRACE || peek(p) == T_COMMA)
                return parse_fail_tok(p, last_tok(p), "expression expected after dictionary key and ':'");
            Node *value = parse_expression(p);
            if (!value)
                return NULL;
            if (starts_comprehension(p))
                return finish_comprehension(p, NK_DictComp, open, first, value, T_RBRACE);
            push_node(p, first);
            push_node(p, value);
            return finish_dict(p, open, mark);
        }
        if (first && peek(p) == T_COLONEQUAL)
            return parse_fail_syntax(p);
    }
    if (!first)
        return NULL;
    return finish_display(p, open, mark, first, NK_Set, NK_SetComp, T_RBRACE);
}

Node *parse_atom(Parser *p)
{
    const Token *t = cur(p);
    Node *n;
    switch (t->type) {
    case T_NAME:
        advance(p);
        return parse_make_name(p, t, EXPR_CONTEXT_Load);
    case T_NUMBER:
        advance(p);
        return parse_number(p, t);
    case T_STRING:
    case T_FSTRING_START:
        return parse_strings(p);
    case T_KW_None:
        advance(p);
        return make_constant(p, t, CONST_NONE);
    case T_KW_True:
        advance(p);
        return make_constant(p, t, CONST_TRUE);
    case T_KW_False:
        advance(p);
        return make_constant(p, t, CONST_FALSE);
    case T_ELLIPSIS:
        advance(p);
        return make_constant(p, t, CONST_ELLIPSIS);
    case T_LPAR:
    case T_LSQB:
    case T_LBRACE:
        if (!parse_enter_nest(p))
            return NULL;
        n = t->type == T_LPAR ? parse_paren(p) : t->type == T_LSQB ? parse_list(p) : parse_brace(p);
        parse_leave_nest(p);
        return n;
    default:
        return parse_fail_syntax(p);
    }
}

/* ---- calls and subscripts ---- */

static Node *make_starred(Parser *p, const Token *star, Node *value)
{
    Node *s = node_new(p, NK_Starred, star);
    end_last(p, s);
    s->v.Starred.value = value;
    s->v.Starred.ctx = EXPR_CONTEXT_Load;
    return s;
}

/* Call arguments come in three zones: positional (and `*x`), then keywords (and `*x`), then
   keywords and `**x`. */
typedef enum ArgZone { ARGS_POSITIONAL, ARGS_KEYWORDS, ARGS_DOUBLE_STARRED } ArgZone;

/* A keyword argument `name=value` or `**value` (arg None). */
static Node *parse_keyword_arg(Parser *p, ArgZone *zone)
{
    const Token *first = advance(p);
    Str name = {NULL, 0};
    if (first->type == T_NAME) {
        name = parse_tok_name(p, first);
        advance(p); /* = */
        if (*zone == ARGS_POSITIONAL)
            *zone = ARGS_KEYWORDS;
    } else {
        *zone = ARGS_DOUBLE_STARRED;
    }
    Node *value = parse_expression(p);
    if (!value)
        return NULL;
    Node *kw = node_new(p, NK_keyword, first);
    end_last(p, kw);
    kw->v.keyword.arg = name;
    kw->v.keyword.value = value;
    return kw;
}

/* `*value` among the arguments. */
static Node *parse_starred_arg(Parser *p, ArgZone zone)
{
    const Token *star = advance(p);
    Node *value = parse_expression(p);
    if (!value)
        return NULL;
    Node *item = make_starred(p, star, value);
    if (peek(p) == T_EQUAL)
        return parse_fail_node(p, item, "cannot assign to iterable argument unpacking");
    if (zone == ARGS_DOUBLE_STARRED)
        return parse_fail_node(p, item, "iterable argument unpacking follows keyword argument unpacking");
    return item;
}

/* A positional argument; `elt for ...` as the only argument becomes a generator expression
   spanning the call's parentheses (`open` and the coming ')'). */
static Node *parse_positional_arg(Parser *p, ArgZone zone, int first_arg, int allow_genexp, const Token *open)
{
    Node *item = parse_named_expression(p);
    if (!item)
        return NULL;
    if (peek(p) == T_EQUAL) {
        if (item->kind == NK_Constant && item->v.Constant.value.kind <= CONST_FALSE)
            return parse_fail_node(p, item, "cannot assign to %s", parse_expr_description(item));
        return parse_fail_node(p, item, "expression cannot contain assignment, perhaps you meant \"==\"?");
    }
    if (starts_comprehension(p)) {
        if (!allow_genexp)
            return parse_fail_syntax(p);
        if (!first_arg)
            return parse_fail_node(p, item, "Generator expression must be parenthesized");
        NodeList gens;
        if (!parse_comp_clauses(p, &gens))
            return NULL;
        if (peek(p) != T_RPAR)
            return parse_fail_node(p, item, "Generator expression must be parenthesized");
        Node *g = node_new(p, NK_GeneratorExp, open);
        end_tok(g, cur(p));
        g->v.GeneratorExp.elt = item;
        g->v.GeneratorExp.generators = gens;
        return g;
    }
    if (zone == ARGS_KEYWORDS)
        return parse_fail_node(p, item, "positional argument follows keyword argument");
    if (zone == ARGS_DOUBLE_STARRED)
        return parse_fail_node(p, item, "positional argument follows keyword argument unpacking");
    return item;
}

/* Arguments of a call or class bases, after '(' up to and including ')'. Positional ones go on
   the node stack; keywords into their own arena array. Returns 0 on error. */
int parse_call_args(Parser *p, const Token *open, int allow_genexp, NodeList *args, NodeList *keywords)
{
    int32_t args_mark = p->nodes_n;
    Node **kws = NULL;
    int32_t nkws = 0, kws_cap = 0;
    ArgZone zone = ARGS_POSITIONAL;
    while (peek(p) != T_RPAR) {
        int type = peek(p);
        int is_keyword = type == T_DOUBLESTAR || (type == T_NAME && peek_at(p, 1) == T_EQUAL);
        Node *item;
        if (is_keyword)
            item = parse_keyword_arg(p, &zone);
        else if (type == T_STAR)
            item = parse_starred_arg(p, zone);
        else
            item = parse_positional_arg(p, zone, p->nodes_n == args_mark && nkws == 0, allow_genexp, open);
        if (!item) {
            p->nodes_n = args_mark;
            return 0;
        }
        if (!is_keyword) {
            push_node(p, item);
        } else {
            kws = arena_grow(p->arena, kws, &kws_cap, nkws + 1, sizeof *kws, 8);
            kws[nkws++] = item;
        }
        if (peek(p) != T_RPAR && !parse_expect(p, T_COMMA)) {
            p->nodes_n = args_mark;
            return 0;
        }
    }
    advance(p); /* ) */
    keywords->items = kws;
    keywords->n = nkws;
    *args = parse_pop_nodes(p, args_mark);
    return 1;
}

/* One element of a subscript: a slice, a named expression, or `*expression`. */
static Node *parse_slice(Parser *p)
{
    const Token *first = cur(p);
    if (first->type == T_STAR) {
        advance(p);
        Node *value = parse_expression(p);
        return value ? make_starred(p, first, value) : NULL;
    }
    Node *lower = NULL;
    if (first->type != T_COLON) {
        if (first->type == T_NAME && peek_at(p, 1) == T_COLONEQUAL)
            return parse_named_expression(p);
        lower = parse_named_expression(p);
        if (!lower)
            return NULL;
        if (peek(p) != T_COLON)
            return lower;
        if (lower->kind == NK_NamedExpr)
            return parse_fail_syntax(p);
    }
    advance(p); /* : */
    Node *upper = NULL, *step = NULL;
    if (peek(p) != T_COLON && peek(p) != T_COMMA && peek(p) != T_RSQB) {
        upper = parse_expression(p);
        if (!upper)
            return NULL;
    }
    if (accept(p, T_COLON) && peek(p) != T_COMMA && peek(p) != T_RSQB) {
        step = parse_expression(p);
        if (!step)
            return NULL;
    }
    Node *s = node_new(p, NK_Slice, first);
    end_last(p, s);
    s->v.Slice.lower = lower;
    s->v.Slice.upper = upper;
    s->v.Slice.step = step;
    return s;
}

static Node *parse_slices(Parser *p)
{
    const Token *first = cur(p);
    Node *one = parse_slice(p);
    if (!one)
        return NULL;
    if (peek(p) != T_COMMA && one->kind != NK_Starred)
        return one;
    int32_t mark = p->nodes_n;
    push_node(p, one);
    while (accept(p, T_COMMA)) {
        if (peek(p) == T_RSQB)
            break;
        Node *e = parse_slice(p);
        if (!e)
            return NULL;
        push_node(p, e);
    }
    Node *t = node_new(p, NK_Tuple, first);
    end_last(p, t);
    t->v.Tuple.elts = parse_pop_nodes(p, mark);
    t->v.Tuple.ctx = EXPR_CONTEXT_Load;
    return t;
}

Node *parse_primary(Parser *p)
{
    if (p->memo_primary && p->memo_start == p->pos) {
        Node *memo = p->memo_primary;
        p->memo_primary = NULL;
        p->pos = p->memo_end;
        return memo;
    }
    const Token *start = cur(p);
    Node *e;
    if (start->type == T_NAME) {   /* most primaries start with a name: no call of parse_atom */
        p->pos++;
        e = make_name(p, start, EXPR_CONTEXT_Load);
    } else {
        e = parse_atom(p);
    }
    while (e) {
        int type = peek(p);
        Node *n;
        if (type == T_DOT) {
            advance(p);
            const Token *name = cur(p);
            if (!parse_expect(p, T_NAME))
                return NULL;
            n = node_new(p, NK_Attribute, start);
            end_last(p, n);
            n->v.Attribute.value = e;
            n->v.Attribute.attr = parse_tok_name(p, name);
            n->v.Attribute.ctx = EXPR_CONTEXT_Load;
        } else if (type == T_LPAR) {
            const Token *open = advance(p);
            if (!parse_enter_nest(p))
                return NULL;
            NodeList args, keywords;
            int ok = parse_call_args(p, open, 1, &args, &keywords);
            parse_leave_nest(p);
            if (!ok)
                return NULL;
            n = node_new(p, NK_Call, start);
            end_last(p, n);
            n->v.Call.func = e;
            n->v.Call.args = args;
            n->v.Call.keywords = keywords;
        } else if (type == T_LSQB) {
            advance(p);
            if (!parse_enter_nest(p))
                return NULL;
            Node *slice = parse_slices(p);
            parse_leave_nest(p);
            if (!slice || !parse_expect(p, T_RSQB))
                return NULL;
            n = node_new(p, NK_Subscript, start);
            end_last(p, n);
            n->v.Subscript.value = e;
            n->v.Subscript.slice = slice;
            n->v.Subscript.ctx = EXPR_CONTEXT_Load;
        } else {
            break;
        }
        e = n;
    }
    return e;
}

/* ---- operators ---- */

static Node *parse_await_primary(Parser *p)
{
    if (peek(p) != T_KW_await)
        return parse_primary(p);
    const Token *kw = advance(p);
    Node *value = parse_primary(p);
    if (!value)
        return NULL;
    Node *n = node_new(p, NK_Await, kw);
    end_last(p, n);
    n->v.Await.value = value;
    return n;
}

static Node *parse_power(Parser *p)
{
    const Token *start = cur(p);
    Node *base = parse_await_primary(p);
    if (!base || peek(p) != T_DOUBLESTAR)
        return base;
    advance(p);
    if (!parse_enter_complex(p, 2))
        return NULL;
    Node *exponent = parse_factor(p);
    leave_complex(p, 2);
    if (!exponent)
        return NULL;
    Node *n = node_new(p, NK_BinOp, start);
    end_last(p, n);
    n->v.BinOp.left = base;
    n->v.BinOp.op = OPERATOR_Pow;
    n->v.BinOp.right = exponent;
    return n;
}

static Node *parse_factor(Parser *p)
{
    const Token *t = cur(p);
    uint8_t op;
    switch (t->type) {
    case T_PLUS: op = UNARYOP_UAdd; break;
    case T_MINUS: op = UNARYOP_USub; break;
    case T_TILDE: op = UNARYOP_Invert; break;
    default: return parse_power(p);
    }
    advance(p);
    if (!parse_enter_complex(p, 1))
        return NULL;
    Node *operand = parse_factor(p);
    leave_complex(p, 1);
    if (!operand)
        return NULL;
    Node *n = node_new(p, NK_UnaryOp, t);
    end_last(p, n);
    n->v.UnaryOp.op = op;
    n->v.UnaryOp.operand = operand;
    return n;
}

/* Binding power of each binary operator token (0: not one), from `|` (1) to `*` `/` `//` `%` `@`
   (6), and its operator: tables, as every expression asks at least once. */
static const uint8_t binop_power[T__COUNT] = {
    [T_VBAR] = 1, [T_CIRCUMFLEX] = 2, [T_AMPER] = 3, [T_LEFTSHIFT] = 4, [T_RIGHTSHIFT] = 4, [T_PLUS] = 5,
    [T_MINUS] = 5, [T_STAR] = 6, [T_SLASH] = 6, [T_DOUBLESLASH] = 6, [T_PERCENT] = 6, [T_AT] = 6,
};
static const uint8_t binop_operator[T__COUNT] = {
    [T_VBAR] = OPERATOR_BitOr, [T_CIRCUMFLEX] = OPERATOR_BitXor, [T_AMPER] = OPERATOR_BitAnd,
    [T_LEFTSHIFT] = OPERATOR_LShift, [T_RIGHTSHIFT] = OPERATOR_RShift, [T_PLUS] = OPERATOR_Add,
    [T_MINUS] = OPERATOR_Sub, [T_STAR] = OPERATOR_Mult, [T_SLASH] = OPERATOR_Div,
    [T_DOUBLESLASH] = OPERATOR_FloorDiv, [T_PERCENT] = OPERATOR_Mod, [T_AT] = OPERATOR_MatMult,
};

static inline int binop_of(int type, uint8_t *op)
{
    *op = binop_operator[type];
    return binop_power[type];
}

static Node *parse_binop(Parser *p, int min_prec)
{
    const Token *start = cur(p);
    Node *left = parse_factor(p);
    while (left) {
        uint8_t op;
        int prec = binop_of(peek(p), &op);
        if (prec == 0 || prec < min_prec)
            break;
        advance(p);
        Node *right = parse_binop(p, prec + 1);
        if (!right)
            return NULL;
        Node *n = node_new(p, NK_BinOp, start);
        end_last(p, n);
        n->v.BinOp.left = left;
        n->v.BinOp.op = op;
        n->v.BinOp.right = right;
        left = n;
    }
    return left;
}

Node *parse_bitwise_or(Parser *p) { return parse_binop(p, 1); }

/* The comparison operator at the current token (consuming it), or 0. */
static uint8_t take_compare_op(Parser *p)
{
    uint8_t op;
    switch (peek(p)) {
    case T_EQEQUAL: op = CMPOP_Eq; break;
    case T_NOTEQUAL:
        if (p->src->text[cur(p)->start] == '<') {  /* `<>` only with barry_as_FLUFL */
            parse_fail_syntax(p);
            return 0;
        }
        op = CMPOP_NotEq;
        break;
    case T_LESS: op = CMPOP_Lt; break;
    case T_LESSEQUAL: op = CMPOP_LtE; break;
    case T_GREATER: op = CMPOP_Gt; break;
    case T_GREATEREQUAL: op = CMPOP_GtE; break;
    case T_KW_in: op = CMPOP_In; break;
    case T_KW_not:
        if (peek_at(p, 1) != T_KW_in)
            return 0;
        advance(p);
        op = CMPOP_NotIn;
        break;
    case T_KW_is:
        if (peek_at(p, 1) == T_KW_not) {
            advance(p);
            op = CMPOP_IsNot;
        } else {
            op = CMPOP_Is;
        }
        break;
    default: return 0;
    }
    advance(p);
    return op;
}

static Node *parse_comparison(Parser *p)
{
    const Token *start = cur(p);
    Node *left = parse_bitwise_or(p);
    if (!left)
        return NULL;
    uint8_t op = take_compare_op(p);
    if (!op)
        return p->failed ? NULL : left;
    int32_t mark = p->nodes_n;
    int32_t ops_mark = p->ops_n;
    while (op) {
        Node *right = parse_bitwise_or(p);
        if (!right)
            return NULL;
        push_node(p, right);
        p->ops = arena_grow(p->arena, p->ops, &p->ops_cap, p->ops_n + 1, sizeof *p->ops, 64);
        p->ops[p->ops_n++] = op;
        op = take_compare_op(p);
        if (p->failed)
            return NULL;
    }
    Node *n = node_new(p, NK_Compare, start);
    end_last(p, n);
    n->v.Compare.left = left;
    n->v.Compare.comparators = parse_pop_nodes(p, mark);
    int32_t nops = p->ops_n - ops_mark;
    n->v.Compare.ops.items = arena_alloc(p->arena, (size_t)nops);
    memcpy(n->v.Compare.ops.items, p->ops + ops_mark, (size_t)nops);
    n->v.Compare.ops.n = nops;
    p->ops_n = ops_mark;
    return n;
}

static Node *parse_inversion(Parser *p)
{
    if (peek(p) != T_KW_not)
        return parse_comparison(p);
    const Token *kw = advance(p);
    if (!parse_enter_complex(p, 1))
        return NULL;
    Node *operand = parse_inversion(p);
    leave_complex(p, 1);
    if (!operand)
        return NULL;
    Node *n = node_new(p, NK_UnaryOp, kw);
    end_last(p, n);
    n->v.UnaryOp.op = UNARYOP_Not;
    n->v.UnaryOp.operand = operand;
    return n;
}

/* `operand (keyword operand)*` flattened into one BoolOp. */
static Node *parse_boolop(Parser *p, int keyword, uint8_t op, Node *(*operand)(Parser *))
{
    const Token *start = cur(p);
    Node *first = operand(p);
    if (!first || peek(p) != keyword)
        return first;
    int32_t mark = p->nodes_n;
    push_node(p, first);
    while (accept(p, keyword)) {
        Node *next = operand(p);
        if (!next)
            return NULL;
        push_node(p, next);
    }
    Node *n = node_new(p, NK_BoolOp, start);
    end_last(p, n);
    n->v.BoolOp.op = op;
    n->v.BoolOp.values = parse_pop_nodes(p, mark);
    return n;
}

static Node *parse_conjunction(Parser *p) { return parse_boolop(p, T_KW_and, BOOLOP_And, parse_inversion); }

Node *parse_disjunction(Parser *p) { return parse_boolop(p, T_KW_or, BOOLOP_Or, parse_conjunction); }

static Node *parse_lambda(Parser *p)
{
    const Token *kw = advance(p);
    if (!parse_enter_complex(p, 2))
        return NULL;
    Node *args;
    if (peek(p) == T_COLON) {
        args = node_new(p, NK_arguments, kw);
    } else {
        args = parse_arguments_def(p, 1);
        if (!args)
            return NULL;
    }
    if (!parse_expect(p, T_COLON))
        return NULL;
    Node *body = parse_expression(p);
    leave_complex(p, 2);
    if (!body)
        return NULL;
    Node *n = node_new(p, NK_Lambda, kw);
    end_last(p, n);
    n->v.Lambda.args = args;
    n->v.Lambda.body = body;
    return n;
}

/* Tokens that may follow a primary inside a larger expression: binary, comparison and boolean
   operators, '**' and 'if'. */
static int continues_expression(int type)
{
    uint8_t op;
    if (binop_of(type, &op))
        return 1;
    switch (type) {
    case T_DOUBLESTAR: case T_EQEQUAL: case T_NOTEQUAL: case T_LESS: case T_LESSEQUAL: case T_GREATER:
    case T_GREATEREQUAL: case T_KW_in: case T_KW_not: case T_KW_is: case T_KW_and: case T_KW_or:
    case T_KW_if:
        return 1;
    default:
        return 0;
    }
}

static int starts_primary(int type)
{
    switch (type) {
    case T_NAME: case T_NUMBER: case T_STRING: case T_FSTRING_START: case T_LPAR: case T_LSQB:
    case T_LBRACE: case T_KW_None: case T_KW_True: case T_KW_False: case T_ELLIPSIS:
        return 1;
    default:
        return 0;
    }
}

static Node *parse_expression_inner(Parser *p)
{
    int first = peek(p);
    if (first == T_KW_lambda)
        return parse_lambda(p);
    if (starts_primary(first)) {
        /* Fast path: most expressions are a lone primary (a name, a call, a literal...). */
        int32_t start_pos = p->pos;
        Node *primary = parse_primary(p);
        if (!primary || !continues_expression(peek(p)))
            return primary;
        p->memo_primary = primary;
        p->memo_start = start_pos;
        p->memo_end = p->pos;
        p->pos = start_pos;
    }
    const Token *start = cur(p);
    Node *body = parse_disjunction(p);
    if (!body || peek(p) != T_KW_if)
        return body;
    advance(p);
    Node *test = parse_disjunction(p);
    if (!test)
        return NULL;
    if (!accept(p, T_KW_else))
        return parse_fail_tok(p, cur(p), "expected 'else' after 'if' expression");
    if (!parse_enter_complex(p, 1))
        return NULL;
    Node *orelse = parse_expression(p);
    leave_complex(p, 1);
    if (!orelse)
        return NULL;
    Node *n = node_new(p, NK_IfExp, start);
    end_last(p, n);
    n->v.IfExp.test = test;
    n->v.IfExp.body = body;
    n->v.IfExp.orelse = orelse;
    return n;
}

Node *parse_expression(Parser *p)
{
    int32_t start = p->pos;
    Node *e = parse_expression_inner(p);
    if (e && e->kind != NK_Lambda) {
        p->last_expr_start = start;
        p->last_expr_end = p->pos;
    }
    return e;
}

Node *parse_named_expression(Parser *p)
{
    const Token *t = cur(p);
    if (t->type == T_NAME && peek_at(p, 1) == T_COLONEQUAL) {
        advance(p);
        advance(p);
        Node *value = parse_expression(p);
        if (!value)
            return NULL;
        Node *n = node_new(p, NK_NamedExpr, t);
        end_last(p, n);
        n->v.NamedExpr.target = parse_make_name(p, t, EXPR_CONTEXT_Store);
        n->v.NamedExpr.value = value;
        return n;
    }
    Node *e = parse_expression(p);
    if (e && peek(p) == T_COLONEQUAL)
        return parse_fail_node(p, e, "cannot use assignment expressions with %s", parse_expr_description(e));
    return e;
}

Node *parse_star_expression(Parser *p)
{
    const Token *t = cur(p);
    if (t->type != T_STAR)
        return parse_expression(p);
    advance(p);
    Node *value = parse_bitwise_or(p);
    return value ? make_starred(p, t, value) : NULL;
}

Node *parse_star_named_expression(Parser *p)
{
    const Token *t = cur(p);
    if (t->type != T_STAR)
        return parse_named_expression(p);
    advance(p);
    Node *value = parse_bitwise_or(p);
    return value ? make_starred(p, t, value) : NULL;
}

/* A comma-separated list of `parse_one` items; a Tuple when there is a comma. */
static Node *parse_tuple_of(Parser *p, Node *(*parse_one)(Parser *))
{
    const Token *start = cur(p);
    Node *first = parse_one(p);
    if (!first || peek(p) != T_COMMA)
        return first;
    int32_t mark = p->nodes_n;
    push_node(p, first);
    while (accept(p, T_COMMA)) {
        if (!parse_can_start_expression(peek(p)) && peek(p) != T_STAR)
            break;
        Node *e = parse_one(p);
        if (!e)
            return NULL;
        push_node(p, e);
    }
    Node *t = node_new(p, NK_Tuple, start);
    end_last(p, t);
    t->v.Tuple.elts = parse_pop_nodes(p, mark);
    t->v.Tuple.ctx = EXPR_CONTEXT_Load;
    return t;
}

Node *parse_star_expressions(Parser *p) { return parse_tuple_of(p, parse_star_expression); }

static Node *parse_star_target(Parser *p)
{
    const Token *t = cur(p);
    if (t->type != T_STAR)
        return parse_bitwise_or(p);
    advance(p);
    Node *value = parse_bitwise_or(p);
    return value ? make_starred(p, t, value) : NULL;
}

Node *parse_star_targets(Parser *p)
{
    Node *t = parse_tuple_of(p, parse_star_target);
    if (t && parse_set_context(p, t, EXPR_CONTEXT_Store) != 0)
        return NULL;
    return t;
}

Node *parse_yield_expr(Parser *p)
{
    const Token *kw = advance(p);
    Node *n;
    if (accept(p, T_KW_from)) {
        Node *value = parse_expression(p);
        if (!value)
            return NULL;
        n = node_new(p, NK_YieldFrom, kw);
        n->v.YieldFrom.value = value;
    } else {
        Node *value = NULL;
        if (parse_can_start_expression(peek(p)) || peek(p) == T_STAR) {
            value = parse_star_expressions(p);
            if (!value)
                return NULL;
        }
        n = node_new(p, NK_Yield, kw);
        n->v.Yield.value = value;
    }
    end_last(p, n);
    return n;
}
