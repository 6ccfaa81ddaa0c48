/* Statements: simple statements, compound statements, blocks, definitions and parameters. */
#include "parser_internal.h"

static NodeList empty_list(void)
{
    NodeList l = {NULL, 0};
    return l;
}

/* ---- parameters ---- */

/* NAME [':' annotation]; `star_annotation` allows `*args: *Ts`. */
static Node *parse_param(Parser *p, int is_lambda, int star_annotation)
{
    const Token *name = cur(p);
    if (!parse_expect(p, T_NAME))
        return NULL;
    Node *a = node_new(p, NK_arg, name);
    a->v.arg.arg = parse_tok_name(p, name);
    if (!is_lambda && accept(p, T_COLON)) {
        Node *ann = star_annotation && peek(p) == T_STAR ? parse_star_expression(p) : parse_expression(p);
        if (!ann)
            return NULL;
        a->v.arg.annotation = ann;
    }
    end_last(p, a);
    return a;
}

/* Split the (param, default) pairs pushed from `mark` into the lists of `arguments`. */
static void fill_arguments(Parser *p, Node *args, int32_t mark, int32_t n_slash, int32_t n_positional)
{
    int32_t npairs = (p->nodes_n - mark) / 2;
    if (n_positional < 0)
        n_positional = npairs;
    if (n_slash < 0)
        n_slash = 0;
    Node **pairs = p->nodes ? p->nodes + mark : NULL;   /* no node pushed yet: no pairs either */
    int32_t ndefaults = 0;
    for (int32_t i = 0; i < n_positional; i++)
        ndefaults += pairs[2 * i + 1] != NULL;
    NodeList posonly = {NULL, n_slash}, regular = {NULL, n_positional - n_slash};
    NodeList kwonly = {NULL, npairs - n_positional}, kw_defaults = {NULL, npairs - n_positional};
    NodeList defaults = {NULL, ndefaults};
    if (posonly.n)
        posonly.items = arena_alloc(p->arena, (size_t)posonly.n * sizeof(Node *));
    if (regular.n)
        regular.items = arena_alloc(p->arena, (size_t)regular.n * sizeof(Node *));
    if (kwonly.n) {
        kwonly.items = arena_alloc(p->arena, (size_t)kwonly.n * sizeof(Node *));
        kw_defaults.items = arena_alloc(p->arena, (size_t)kwonly.n * sizeof(Node *));
    }
    if (defaults.n)
        defaults.items = arena_alloc(p->arena, (size_t)defaults.n * sizeof(Node *));
    int32_t d = 0;
    for (int32_t i = 0; i < npairs; i++) {
        Node *param = pairs[2 * i], *dflt = pairs[2 * i + 1];
        if (i < n_slash)
            posonly.items[i] = param;
        else if (i < n_positional)
            regular.items[i - n_slash] = param;
        else {
            kwonly.items[i - n_positional] = param;
            kw_defaults.items[i - n_positional] = dflt;
        }
        if (i < n_positional && dflt)
            defaults.items[d++] = dflt;
    }
    args->v.arguments.posonlyargs = posonly;
    args->v.arguments.args = regular;
    args->v.arguments.kwonlyargs = kwonly;
    args->v.arguments.kw_defaults = kw_defaults;
    args->v.arguments.defaults = defaults;
    p->nodes_n = mark;
}

/* Parameters of a def (up to ')') or a lambda (up to ':'), with CPython's ordering rules. */
Node *parse_arguments_def(Parser *p, int is_lambda)
{
    int end = is_lambda ? T_COLON : T_RPAR;
    Node *args = node_new(p, NK_arguments, cur(p));
    int32_t mark = p->nodes_n;
    int32_t nparams = 0, n_slash = -1, n_positional = -1, n_kwonly = 0;
    int seen_default = 0;
    const Token *star = NULL;
    while (peek(p) != end) {
        const Token *t = cur(p);
        if (t->type == T_SLASH) {
            if (n_slash >= 0)
                return parse_fail_tok(p, t, "/ may appear only once");
            if (star)
                return parse_fail_tok(p, t, "/ must be ahead of *");
            if (nparams == 0)
                return parse_fail_tok(p, t, "at least one argument must precede /");
            advance(p);
            n_slash = nparams;
        } else if (t->type == T_STAR) {
            if (star)
                return parse_fail_tok(p, t, "* argument may appear only once");
            star = advance(p);
            n_positional = nparams;
            if (peek(p) != T_COMMA && peek(p) != end) {
                args->v.arguments.vararg = parse_param(p, is_lambda, 1);
                if (!args->v.arguments.vararg)
                    return NULL;
                if (peek(p) == T_EQUAL)
                    return parse_fail_tok(p, cur(p), "var-positional argument cannot have default value");
            }
        } else if (t->type == T_DOUBLESTAR) {
            advance(p);
            args->v.arguments.kwarg = parse_param(p, is_lambda, 0);
            if (!args->v.arguments.kwarg)
                return NULL;
            if (peek(p) == T_EQUAL)
                return parse_fail_tok(p, cur(p), "var-keyword argument cannot have default value");
            accept(p, T_COMMA);
            if (peek(p) != end)
                return parse_fail_tok(p, cur(p), "arguments cannot follow var-keyword argument");
            break;
        } else if (t->type == T_NAME) {
            Node *param = parse_param(p, is_lambda, 0);
            if (!param)
                return NULL;
            Node *dflt = NULL;
            if (accept(p, T_EQUAL)) {
                dflt = parse_expression(p);
                if (!dflt)
                    return NULL;
                if (!star)
                    seen_default = 1;
            } else if (!star && seen_default) {
                return parse_fail_node(p, param, "parameter without a default follows parameter with a default");
            }
            push_node(p, param);
            push_node(p, dflt);
            nparams++;
            if (star)
                n_kwonly++;
        } else {
            return parse_fail_syntax(p);
        }
        if (peek(p) == end)
            break;
        if (!parse_expect(p, T_COMMA))
            return NULL;
    }
    if (star && !args->v.arguments.vararg && n_kwonly == 0)
        return parse_fail_tok(p, star, "named arguments must follow bare *");
    fill_arguments(p, args, mark, n_slash, n_positional);
    return args;
}

/* ---- type parameters (PEP 695/696) ---- */

static Node *parse_type_param(Parser *p)
{
    const Token *first = cur(p);
    int kind = NK_TypeVar;
    if (accept(p, T_STAR))
        kind = NK_TypeVarTuple;
    else if (accept(p, T_DOUBLESTAR))
        kind = NK_ParamSpec;
    const Token *name = cur(p);
    if (!parse_expect(p, T_NAME))
        return NULL;
    Node *n = node_new(p, kind, first);
    Node *bound = NULL, *dflt = NULL;
    if (peek(p) == T_COLON) {
        if (kind != NK_TypeVar)
            return parse_fail_tok(p, cur(p), kind == NK_ParamSpec ? "cannot use bound with ParamSpec"
                                                            : "cannot use bound with TypeVarTuple");
        advance(p);
        bound = parse_expression(p);
        if (!bound)
            return NULL;
    }
    if (accept(p, T_EQUAL)) {
        dflt = kind == NK_TypeVarTuple ? parse_star_expression(p) : parse_expression(p);
        if (!dflt)
            return NULL;
    }
    end_last(p, n);
    if (kind == NK_TypeVar) {
        n->v.TypeVar.name = parse_tok_name(p, name);
        n->v.TypeVar.bound = bound;
        n->v.TypeVar.default_value = dflt;
    } else if (kind == NK_ParamSpec) {
        n->v.ParamSpec.name = parse_tok_name(p, name);
        n->v.ParamSpec.default_value = dflt;
    } else {
        n->v.TypeVarTuple.name = parse_tok_name(p, name);
        n->v.TypeVarTuple.default_value = dflt;
    }
    return n;
}

static int parse_type_params(Parser *p, NodeList *out)
{
    const Token *open = advance(p);
    if (peek(p) == T_RSQB) {
        parse_fail_at(p, open->lineno, open->end_col_offset, open->lineno, open->end_col_offset,
                "Type parameter list cannot be empty");
        return 0;
    }
    int32_t mark = p->nodes_n;
    for (;;) {
        Node *tp = parse_type_param(p);
        if (!tp)
            return 0;
        push_node(p, tp);
        if (!accept(p, T_COMMA) || peek(p) == T_RSQB)
            break;
    }
    if (!parse_expect(p, T_RSQB))
        return 0;
    *out = parse_pop_nodes(p, mark);
    return 1;
}

/* ---- definitions ---- */

static Node *parse_funcdef(Parser *p, const Token *first, NodeList decorators)
{
    int is_async = accept(p, T_KW_async);
    advance(p); /* def */
    const Token *name = cur(p);
    if (!parse_expect(p, T_NAME))
        return NULL;
    Node *n = node_new(p, is_async ? NK_AsyncFunctionDef : NK_FunctionDef, first);
    NodeList type_params = empty_list();
    if (peek(p) == T_LSQB && !parse_type_params(p, &type_params))
        return NULL;
    const Token *open = cur(p);
    if (!parse_expect(p, T_LPAR))
        return NULL;
    Node *args = peek(p) == T_RPAR ? node_new(p, NK_arguments, open) : parse_arguments_def(p, 0);
    if (!args || !parse_expect(p, T_RPAR))
        return NULL;
    Node *returns = NULL;
    if (accept(p, T_RARROW) && !(returns = parse_expression(p)))
        return NULL;
    if (!parse_expect(p, T_COLON))
        return NULL;
    NodeList body = parse_block(p, first);
    if (p->failed)
        return NULL;
    /* FunctionDef and AsyncFunctionDef share their layout. */
    n->v.FunctionDef.name = parse_tok_name(p, name);
    n->v.FunctionDef.args = args;
    n->v.FunctionDef.body = body;
    n->v.FunctionDef.decorator_list = decorators;
    n->v.FunctionDef.returns = returns;
    n->v.FunctionDef.type_params = type_params;
    end_at_last_significant(p, n);
    return n;
}

static Node *parse_classdef(Parser *p, const Token *first, NodeList decorators)
{
    advance(p); /* class */
    const Token *name = cur(p);
    if (!parse_expect(p, T_NAME))
        return NULL;
    Node *n = node_new(p, NK_ClassDef, first);
    NodeList type_params = empty_list(), bases = empty_list(), keywords = empty_list();
    if (peek(p) == T_LSQB && !parse_type_params(p, &type_params))
        return NULL;
    if (peek(p) == T_LPAR) {
        const Token *open = advance(p);
        if (!parse_enter_nest(p) || !parse_call_args(p, open, 0, &bases, &keywords))
            return NULL;
        parse_leave_nest(p);
    }
    if (!parse_expect(p, T_COLON))
        return NULL;
    NodeList body = parse_block(p, first);
    if (p->failed)
        return NULL;
    n->v.ClassDef.name = parse_tok_name(p, name);
    n->v.ClassDef.bases = bases;
    n->v.ClassDef.keywords = keywords;
    n->v.ClassDef.body = body;
    n->v.ClassDef.decorator_list = decorators;
    n->v.ClassDef.type_params = type_params;
    end_at_last_significant(p, n);
    return n;
}

static Node *parse_decorated(Parser *p)
{
    int32_t mark = p->nodes_n;
    while (accept(p, T_AT)) {
        Node *d = parse_named_expression(p);
        if (!d || !parse_expect(p, T_NEWLINE))
            return NULL;
        push_node(p, d);
    }
    NodeList decorators = parse_pop_nodes(p, mark);
    const Token *first = cur(p);
    if (first->type == T_KW_def || (first->type == T_KW_async && peek_at(p, 1) == T_KW_def))
        return parse_funcdef(p, first, decorators);
    if (first->type == T_KW_class)
        return parse_classdef(p, first, decorators);
    return parse_fail_syntax(p);
}

/* ---- compound statements ---- */

static int parse_else_block(Parser *p, NodeList *orelse)
{
    *orelse = empty_list();
    if (peek(p) != T_KW_else)
        return 1;
    const Token *kw = advance(p);
    if (!parse_expect(p, T_COLON))
        return 0;
    *orelse = parse_block(p, kw);
    return !p->failed;
}

/* if/elif chains are built iteratively: each elif is an If in the previous one's orelse. */
static Node *parse_if(Parser *p)
{
    int32_t mark = p->nodes_n;
    int32_t saved_complexity = p->complexity;
    Node *top = NULL, *tail = NULL;
    do {
        /* CPython recurses once per elif. */
        if (tail && !parse_enter_complex(p, 1))
            return NULL;
        const Token *kw = advance(p); /* if / elif */
        Node *test = parse_named_expression(p);
        if (!test || !parse_expect(p, T_COLON))
            return NULL;
        NodeList body = parse_block(p, kw);
        if (p->failed)
            return NULL;
        Node *n = node_new(p, NK_If, kw);
        n->v.If.test = test;
        n->v.If.body = body;
        if (tail) {
            Node **one = arena_alloc(p->arena, sizeof *one);
            one[0] = n;
            tail->v.If.orelse = (NodeList){one, 1};
        } else {
            top = n;
        }
        push_node(p, n);
        tail = n;
    } while (peek(p) == T_KW_elif);
    if (!parse_else_block(p, &tail->v.If.orelse))
        return NULL;
    p->complexity = saved_complexity;
    /* Every If of the chain contains the rest of it, so all end where the chain ends. */
    for (int32_t i = p->nodes_n - 1; i >= mark; i--)
        end_at_last_significant(p, p->nodes[i]);
    p->nodes_n = mark;
    return top;
}

static Node *parse_while(Parser *p)
{
    const Token *kw = advance(p);
    Node *test = parse_named_expression(p);
    if (!test || !parse_expect(p, T_COLON))
        return NULL;
    Node *n = node_new(p, NK_While, kw);
    n->v.While.test = test;
    n->v.While.body = parse_block(p, kw);
    if (p->failed || !parse_else_block(p, &n->v.While.orelse))
        return NULL;
    end_at_last_significant(p, n);
    return n;
}

static Node *parse_for(Parser *p, const Token *first, int is_async)
{
    advance(p); /* for */
    Node *target = parse_star_targets(p);
    if (!target)
        return NULL;
    if (!accept(p, T_KW_in))
        return parse_fail_syntax(p);
    Node *iter = parse_star_expressions(p);
    if (!iter || !parse_expect(p, T_COLON))
        return NULL;
    Node *n = node_new(p, is_async ? NK_AsyncFor : NK_For, first);
    n->v.For.target = target;
    n->v.For.iter = iter;
    n->v.For.body = parse_block(p, first);
    if (p->failed || !parse_else_block(p, &n->v.For.orelse))
        return NULL;
    end_at_last_significant(p, n);
    return n;
}

/* with_item: expression ['as' star_target], the target followed by ',' ')' or ':'. */
static Node *parse_with_item(Parser *p)
{
    Node *item = node_new(p, NK_withitem, cur(p));
    Node *ctx = parse_expression(p);
    if (!ctx)
        return NULL;
    item->v.withitem.context_expr = ctx;
    if (accept(p, T_KW_as)) {
        Node *target = peek(p) == T_STAR ? parse_star_expression(p) : parse_bitwise_or(p);
        if (!target)
            return NULL;
        if (peek(p) != T_COMMA && peek(p) != T_RPAR && peek(p) != T_COLON)
            return parse_fail_syntax(p);
        if (parse_set_context(p, target, EXPR_CONTEXT_Store) != 0)
            return NULL;
        item->v.withitem.optional_vars = target;
    }
    return item;
}

static int parse_with_items(Parser *p, int parenthesized, NodeList *out)
{
    int32_t mark = p->nodes_n;
    for (;;) {
        Node *item = parse_with_item(p);
        if (!item)
            return 0;
        push_node(p, item);
        if (!accept(p, T_COMMA))
            break;
        if (parenthesized && peek(p) == T_RPAR)
            break;
    }
    *out = parse_pop_nodes(p, mark);
    return 1;
}

static Node *parse_with(Parser *p, const Token *first, int is_async)
{
    advance(p); /* with */
    NodeList items;
    int done = 0;
    if (peek(p) == T_LPAR) {
        /* '(' with_items ')' ':' -- otherwise the parenthesis belongs to the first expression. */
        ParseMark m = mark_take(p);
        advance(p);
        if (parse_with_items(p, 1, &items) && accept(p, T_RPAR) && peek(p) == T_COLON)
            done = 1;
        else
            mark_restore(p, m);
    }
    if (!done && !parse_with_items(p, 0, &items))
        return NULL;
    if (!parse_expect(p, T_COLON))
        return NULL;
    Node *n = node_new(p, is_async ? NK_AsyncWith : NK_With, first);
    n->v.With.items = items;
    n->v.With.body = parse_block(p, first);
    if (p->failed)
        return NULL;
    end_at_last_significant(p, n);
    return n;
}

static Node *parse_except(Parser *p, int *star)
{
    const Token *kw = advance(p);
    *star = accept(p, T_STAR);
    Node *h = node_new(p, NK_ExceptHandler, kw);
    if (peek(p) != T_COLON) {
        Node *type = parse_expression(p);
        if (!type)
            return NULL;
        if (peek(p) == T_COMMA)
            return parse_fail_node(p, type, "multiple exception types must be parenthesized");
        h->v.ExceptHandler.type = type;
        if (accept(p, T_KW_as)) {
            const Token *name = cur(p);
            if (!parse_expect(p, T_NAME))
                return NULL;
            h->v.ExceptHandler.name = parse_tok_name(p, name);
        }
    } else if (*star) {
        return parse_fail_tok(p, cur(p), "expected one or more exception types");
    }
    if (!parse_expect(p, T_COLON))
        return NULL;
    h->v.ExceptHandler.body = parse_block(p, kw);
    if (p->failed)
        return NULL;
    end_at_last_significant(p, h);
    return h;
}

static Node *parse_try(Parser *p)
{
    const Token *kw = advance(p);
    if (!parse_expect(p, T_COLON))
        return NULL;
    NodeList body = parse_block(p, kw);
    if (p->failed)
        return NULL;
    int32_t mark = p->nodes_n;
    int any_star = 0, any_plain = 0;
    while (peek(p) == T_KW_except) {
        const Token *ex = cur(p);
        int star;
        Node *h = parse_except(p, &star);
        if (!h)
            return NULL;
        if ((star && any_plain) || (!star && any_star))
            return parse_fail_tok(p, ex, "cannot have both 'except' and 'except*' on the same 'try'");
        any_star |= star;
        any_plain |= !star;
        push_node(p, h);
    }
    NodeList handlers = parse_pop_nodes(p, mark);
    NodeList orelse = empty_list(), finalbody = empty_list();
    if (handlers.n > 0 && !parse_else_block(p, &orelse))
        return NULL;
    if (peek(p) == T_KW_finally) {
        const Token *fk = advance(p);
        if (!parse_expect(p, T_COLON))
            return NULL;
        finalbody = parse_block(p, fk);
        if (p->failed)
            return NULL;
    }
    if (handlers.n == 0 && finalbody.n == 0)
        return parse_fail_tok(p, parse_error_token(p), "expected 'except' or 'finally' block");
    Node *n = node_new(p, any_star ? NK_TryStar : NK_Try, kw);
    n->v.Try.body = body;
    n->v.Try.handlers = handlers;
    n->v.Try.orelse = orelse;
    n->v.Try.finalbody = finalbody;
    end_at_last_significant(p, n);
    return n;
}

/* ---- simple statements ---- */

static int augassign_of(int type, uint8_t *op)
{
    switch (type) {
    case T_PLUSEQUAL: *op = OPERATOR_Add; return 1;
    case T_MINEQUAL: *op = OPERATOR_Sub; return 1;
    case T_STAREQUAL: *op = OPERATOR_Mult; return 1;
    case T_ATEQUAL: *op = OPERATOR_MatMult; return 1;
    case T_SLASHEQUAL: *op = OPERATOR_Div; return 1;
    case T_PERCENTEQUAL: *op = OPERATOR_Mod; return 1;
    case T_AMPEREQUAL: *op = OPERATOR_BitAnd; return 1;
    case T_VBAREQUAL: *op = OPERATOR_BitOr; return 1;
    case T_CIRCUMFLEXEQUAL: *op = OPERATOR_BitXor; return 1;
    case T_LEFTSHIFTEQUAL: *op = OPERATOR_LShift; return 1;
    case T_RIGHTSHIFTEQUAL: *op = OPERATOR_RShift; return 1;
    case T_DOUBLESTAREQUAL: *op = OPERATOR_Pow; return 1;
    case T_DOUBLESLASHEQUAL: *op = OPERATOR_FloorDiv; return 1;
    default: return 0;
    }
}

/* yield_expr | star_expressions: the right-hand side of assignments. */
static Node *parse_rhs(Parser *p)
{
    return peek(p) == T_KW_yield ? parse_yield_expr(p) : parse_star_expressions(p);
}

static Node *finish_annassign(Parser *p, const Token *first, Node *target)
{
    int simple = 0;
    switch (target->kind) {
    case NK_Name:
        simple = target->lineno == first->lineno && target->col_offset == first->col_offset;
        break;
    case NK_Attribute:
    case NK_Subscript:
        break;
    case NK_Tuple:
        return parse_fail_node(p, target, "only single target (not tuple) can be annotated");
    case NK_List:
        return parse_fail_node(p, target, "only single target (not list) can be annotated");
    default:
        return parse_fail_node(p, target, "illegal target for annotation");
    }
    parse_set_context(p, target, EXPR_CONTEXT_Store);
    advance(p); /* : */
    Node *annotation = parse_expression(p);
    if (!annotation)
        return NULL;
    Node *value = NULL;
    if (accept(p, T_EQUAL) && !(value = parse_rhs(p)))
        return NULL;
    Node *n = node_new(p, NK_AnnAssign, first);
    end_last(p, n);
    n->v.AnnAssign.target = target;
    n->v.AnnAssign.annotation = annotation;
    n->v.AnnAssign.value = value;
    n->v.AnnAssign.simple = simple;
    return n;
}

/* Could CPython's invalid_named_expression rule see `target` (a bitwise_or, or anything in
   parentheses) as the left side of a mistyped comparison? */
static int looks_like_comparison_operand(const Node *target, const Token *first)
{
    int parenthesized = target->lineno != first->lineno || target->col_offset != first->col_offset;
    switch (target->kind) {
    case NK_List: case NK_Tuple: case NK_GeneratorExp:
        return 0;
    case NK_Constant:
        return target->v.Constant.value.kind != CONST_NONE && target->v.Constant.value.kind != CONST_TRUE &&
               target->v.Constant.value.kind != CONST_FALSE;
    case NK_Compare: case NK_BoolOp: case NK_IfExp: case NK_Lambda: case NK_Starred: case NK_Yield:
    case NK_YieldFrom: case NK_NamedExpr:
        return parenthesized;
    case NK_UnaryOp:
        return parenthesized || target->v.UnaryOp.op != UNARYOP_Not;
    default:
        return 1;
    }
}

/* An assignment target that is not one: CPython's message depends on what follows. */
static Node *bad_assign_target(Parser *p, Node *target, const Token *first)
{
    const Node *bad = parse_invalid_target(target, EXPR_CONTEXT_Store);
    int parenthesized = target->lineno != first->lineno || target->col_offset != first->col_offset;
    if ((target->kind == NK_Yield || target->kind == NK_YieldFrom) && !parenthesized)
        return parse_fail_node(p, target, "assignment to yield expression not possible");
    if (bad == target && looks_like_comparison_operand(target, first)) {
        advance(p); /* = */
        Node *value = parse_rhs(p);
        if (value && peek(p) != T_EQUAL && peek(p) != T_COLONEQUAL)
            return parse_fail_node(p, target, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                             parse_expr_description(target));
        p->failed = 0;
    }
    return parse_fail_node(p, bad, "cannot assign to %s", parse_expr_description(bad));
}

static Node *finish_assign(Parser *p, const Token *first, Node *value)
{
    int32_t mark = p->nodes_n;
    const Token *value_first = first;
    while (peek(p) == T_EQUAL) {
        if (parse_invalid_target(value, EXPR_CONTEXT_Store) || value->kind == NK_Yield || value->kind == NK_YieldFrom)
            return bad_assign_target(p, value, value_first);
        parse_set_context(p, value, EXPR_CONTEXT_Store);
        advance(p);
        push_node(p, value);
        value_first = cur(p);
        value = parse_rhs(p);
        if (!value)
            return NULL;
    }
    Node *n = node_new(p, NK_Assign, first);
    end_last(p, n);
    n->v.Assign.targets = parse_pop_nodes(p, mark);
    n->v.Assign.value = value;
    return n;
}

static Node *parse_expr_stmt(Parser *p)
{
    const Token *first = cur(p);
    Node *e = parse_rhs(p);
    if (!e)
        return NULL;
    uint8_t op;
    if (peek(p) == T_COLON)
        return finish_annassign(p, first, e);
    if (peek(p) == T_EQUAL)
        return finish_assign(p, first, e);
    if (augassign_of(peek(p), &op)) {
        if (e->kind != NK_Name && e->kind != NK_Attribute && e->kind != NK_Subscript)
            return parse_fail_node(p, e, "'%s' is an illegal expression for augmented assignment", parse_expr_description(e));
        parse_set_context(p, e, EXPR_CONTEXT_Store);
        advance(p);
        Node *value = parse_rhs(p);
        if (!value)
            return NULL;
        Node *n = node_new(p, NK_AugAssign, first);
        end_last(p, n);
        n->v.AugAssign.target = e;
        n->v.AugAssign.op = op;
        n->v.AugAssign.value = value;
        return n;
    }
    if (e->kind == NK_Name && parse_can_start_expression(peek(p)) && peek(p) != T_LPAR &&
        ((e->v.Name.id.len == 5 && memcmp(e->v.Name.id.s, "print", 5) == 0) ||
         (e->v.Name.id.len == 4 && memcmp(e->v.Name.id.s, "exec", 4) == 0)))
        return parse_fail_node(p, e, "Missing parentheses in call to '%.*s'. Did you mean %.*s(...)?",
                         (int)e->v.Name.id.len, e->v.Name.id.s, (int)e->v.Name.id.len, e->v.Name.id.s);
    Node *n = node_new(p, NK_Expr, first);
    end_last(p, n);
    n->v.Expr.value = e;
    return n;
}

/* NAME ('.' NAME)* as one identifier "a.b.c". */
static int parse_dotted_name(Parser *p, Str *out)
{
    const Token *first = cur(p);
    if (!parse_expect(p, T_NAME))
        return 0;
    *out = parse_tok_name(p, first);
    if (peek(p) != T_DOT)
        return 1;
    int32_t mark = p->strs_n;
    parse_push_str(p, *out);
    size_t total = out->len;
    while (accept(p, T_DOT)) {
        const Token *part = cur(p);
        if (!parse_expect(p, T_NAME))
            return 0;
        Str s = parse_tok_name(p, part);
        parse_push_str(p, s);
        total += 1 + s.len;
    }
    StrList parts = parse_pop_strs(p, mark);
    char *buf = arena_alloc(p->arena, total + 1);
    size_t at = 0;
    for (int32_t i = 0; i < parts.n; i++) {
        if (i)
            buf[at++] = '.';
        memcpy(buf + at, parts.items[i].s, parts.items[i].len);
        at += parts.items[i].len;
    }
    *out = (Str){buf, (uint32_t)total};
    return 1;
}

static Node *parse_alias(Parser *p, int dotted)
{
    const Token *first = cur(p);
    Node *a = node_new(p, NK_alias, first);
    if (dotted) {
        if (!parse_dotted_name(p, &a->v.alias.name))
            return NULL;
    } else {
        if (!parse_expect(p, T_NAME))
            return NULL;
        a->v.alias.name = parse_tok_name(p, first);
    }
    if (accept(p, T_KW_as)) {
        const Token *as = cur(p);
        if (!parse_expect(p, T_NAME))
            return NULL;
        a->v.alias.asname = parse_tok_name(p, as);
    }
    end_last(p, a);
    return a;
}

static Node *parse_import(Parser *p)
{
    const Token *kw = advance(p);
    int32_t mark = p->nodes_n;
    do {
        Node *a = parse_alias(p, 1);
        if (!a)
            return NULL;
        push_node(p, a);
    } while (accept(p, T_COMMA));
    Node *n = node_new(p, NK_Import, kw);
    end_last(p, n);
    n->v.Import.names = parse_pop_nodes(p, mark);
    return n;
}

static Node *parse_from_import(Parser *p)
{
    const Token *kw = advance(p);
    int level = 0;
    for (;;) {
        if (accept(p, T_DOT))
            level += 1;
        else if (accept(p, T_ELLIPSIS))
            level += 3;
        else
            break;
    }
    Str module = {NULL, 0};
    if ((level == 0 || peek(p) != T_KW_import) && !parse_dotted_name(p, &module))
        return NULL;
    if (!parse_expect(p, T_KW_import))
        return NULL;
    int32_t mark = p->nodes_n;
    if (peek(p) == T_STAR) {
        const Token *star = advance(p);
        Node *a = node_new(p, NK_alias, star);
        end_tok(a, star);
        a->v.alias.name = (Str){"*", 1};
        push_node(p, a);
    } else {
        int parens = accept(p, T_LPAR);
        for (;;) {
            Node *a = parse_alias(p, 0);
            if (!a)
                return NULL;
            push_node(p, a);
            if (!accept(p, T_COMMA))
                break;
            if (parens && peek(p) == T_RPAR)
                break;
            if (!parens && peek(p) != T_NAME)
                return parse_fail_tok(p, last_tok(p), "trailing comma not allowed without surrounding parentheses");
        }
        if (parens && !parse_expect(p, T_RPAR))
            return NULL;
    }
    Node *n = node_new(p, NK_ImportFrom, kw);
    end_last(p, n);
    n->v.ImportFrom.module = module;
    n->v.ImportFrom.names = parse_pop_nodes(p, mark);
    n->v.ImportFrom.level = level;
    return n;
}

static Node *parse_names_stmt(Parser *p, int kind)
{
    const Token *kw = advance(p);
    int32_t mark = p->strs_n;
    do {
        const Token *name = cur(p);
        if (!parse_expect(p, T_NAME))
            return NULL;
        parse_push_str(p, parse_tok_name(p, name));
    } while (accept(p, T_COMMA));
    Node *n = node_new(p, kind, kw);
    end_last(p, n);
    if (kind == NK_Global)
        n->v.Global.names = parse_pop_strs(p, mark);
    else
        n->v.Nonlocal.names = parse_pop_strs(p, mark);
    return n;
}

static Node *parse_del(Parser *p)
{
    const Token *kw = advance(p);
    int32_t mark = p->nodes_n;
    do {
        if (!parse_can_start_expression(peek(p)) && peek(p) != T_STAR)
            break;
        Node *t = parse_star_expression(p);
        if (!t || parse_set_context(p, t, EXPR_CONTEXT_Del) != 0)
            return NULL;
        push_node(p, t);
    } while (accept(p, T_COMMA));
    if (p->nodes_n == mark)
        return parse_fail_syntax(p);
    Node *n = node_new(p, NK_Delete, kw);
    end_last(p, n);
    n->v.Delete.targets = parse_pop_nodes(p, mark);
    return n;
}

static Node *parse_type_alias(Parser *p)
{
    const Token *kw = advance(p);
    const Token *name = advance(p);
    Node *n = node_new(p, NK_TypeAlias, kw);
    n->v.TypeAlias.name = parse_make_name(p, name, EXPR_CONTEXT_Store);
    if (peek(p) == T_LSQB && !parse_type_params(p, &n->v.TypeAlias.type_params))
        return NULL;
    if (!parse_expect(p, T_EQUAL))
        return NULL;
    n->v.TypeAlias.value = parse_expression(p);
    if (!n->v.TypeAlias.value)
        return NULL;
    end_last(p, n);
    return n;
}

/* A statement keyword followed by an optional expression: return, raise, assert... */
static Node *parse_simple_stmt(Parser *p)
{
    const Token *t = cur(p);
    Node *n;
    switch (t->type) {
    case T_KW_pass:
    case T_KW_break:
    case T_KW_continue:
        advance(p);
        n = node_new(p, t->type == T_KW_pass ? NK_Pass : t->type == T_KW_break ? NK_Break : NK_Continue, t);
        end_tok(n, t);
        return n;
    case T_KW_return:
        advance(p);
        n = node_new(p, NK_Return, t);
        if ((parse_can_start_expression(peek(p)) || peek(p) == T_STAR) && !(n->v.Return.value = parse_star_expressions(p)))
            return NULL;
        end_last(p, n);
        return n;
    case T_KW_raise:
        advance(p);
        n = node_new(p, NK_Raise, t);
        if (parse_can_start_expression(peek(p))) {
            if (!(n->v.Raise.exc = parse_expression(p)))
                return NULL;
            if (accept(p, T_KW_from) && !(n->v.Raise.cause = parse_expression(p)))
                return NULL;
        }
        end_last(p, n);
        return n;
    case T_KW_assert:
        advance(p);
        n = node_new(p, NK_Assert, t);
        if (!(n->v.Assert.test = parse_expression(p)))
            return NULL;
        if (accept(p, T_COMMA) && !(n->v.Assert.msg = parse_expression(p)))
            return NULL;
        end_last(p, n);
        return n;
    case T_KW_global:
        return parse_names_stmt(p, NK_Global);
    case T_KW_nonlocal:
        return parse_names_stmt(p, NK_Nonlocal);
    case T_KW_del:
        return parse_del(p);
    case T_KW_import:
        return parse_import(p);
    case T_KW_from:
        return parse_from_import(p);
    case T_NAME:
        if (peek_at(p, 1) == T_NAME && tok_is_word(p, t, "type"))
            return parse_type_alias(p);
        return parse_expr_stmt(p);
    default:
        return parse_expr_stmt(p);
    }
}

/* simple_stmt (';' simple_stmt)* [';'] NEWLINE, each pushed on the node stack. */
static int parse_simple_stmts(Parser *p)
{
    for (;;) {
        Node *s = parse_simple_stmt(p);
        if (!s)
            return 0;
        push_node(p, s);
        if (!accept(p, T_SEMI) || peek(p) == T_NEWLINE)
            break;
    }
    if (peek(p) != T_NEWLINE) {
        parse_fail_syntax(p);
        return 0;
    }
    advance(p);
    return 1;
}

/* One statement line: a compound statement, or simple statements; pushed on the node stack. */
static int parse_statement(Parser *p)
{
    const Token *t = cur(p);
    Node *s = NULL;
    switch (t->type) {
    case T_KW_if: s = parse_if(p); break;
    case T_KW_while: s = parse_while(p); break;
    case T_KW_for: s = parse_for(p, t, 0); break;
    case T_KW_try: s = parse_try(p); break;
    case T_KW_with: s = parse_with(p, t, 0); break;
    case T_KW_def: s = parse_funcdef(p, t, empty_list()); break;
    case T_KW_class: s = parse_classdef(p, t, empty_list()); break;
    case T_AT: s = parse_decorated(p); break;
    case T_KW_async:
        switch (peek_at(p, 1)) {
        case T_KW_def: s = parse_funcdef(p, t, empty_list()); break;
        case T_KW_for: advance(p); s = parse_for(p, t, 1); break;
        case T_KW_with: advance(p); s = parse_with(p, t, 1); break;
        default: advance(p); parse_fail_syntax(p); return 0;
        }
        break;
    case T_NAME:
        if (tok_is_word(p, t, "match")) {
            s = parse_match_stmt(p);
            if (s)
                break;
            if (p->failed)
                return 0;
        }
        return parse_simple_stmts(p);
    default:
        return parse_simple_stmts(p);
    }
    if (!s)
        return 0;
    push_node(p, s);
    return 1;
}

NodeList parse_statements_until(Parser *p, int end_type)
{
    int32_t mark = p->nodes_n;
    while (peek(p) != end_type) {
        if (peek(p) == T_ENDMARKER) {
            parse_fail_syntax(p);
            break;
        }
        if (!parse_statement(p))
            break;
    }
    if (p->failed) {
        p->nodes_n = mark;
        return empty_list();
    }
    return parse_pop_nodes(p, mark);
}

static const char *block_owner_name(Parser *p, const Token *owner)
{
    switch (owner->type) {
    case T_KW_if: return "'if' statement";
    case T_KW_elif: return "'elif' statement";
    case T_KW_else: return "'else' statement";
    case T_KW_while: return "'while' statement";
    case T_KW_for: return "'for' statement";
    case T_KW_with: return "'with' statement";
    case T_KW_try: return "'try' statement";
    case T_KW_except: return "'except' statement";
    case T_KW_finally: return "'finally' statement";
    case T_KW_def: return "function definition";
    case T_KW_class: return "class definition";
    default: return tok_is_word(p, owner, "case") ? "'case' statement" : "block";
    }
}

/* block: NEWLINE INDENT statements DEDENT | simple_stmts */
NodeList parse_block(Parser *p, const Token *owner)
{
    if (!accept(p, T_NEWLINE)) {
        int32_t mark = p->nodes_n;
        if (!parse_simple_stmts(p))
            return empty_list();
        return parse_pop_nodes(p, mark);
    }
    if (peek(p) != T_INDENT) {
        parse_fail_tok(p, parse_error_token(p), "expected an indented block after %s on line %d", block_owner_name(p, owner),
                 (int)owner->lineno);
        return empty_list();
    }
    advance(p);
    if (!parse_enter_complex(p, 8))
        return empty_list();
    NodeList body = parse_statements_until(p, T_DEDENT);
    leave_complex(p, 8);
    if (p->failed)
        return empty_list();
    advance(p); /* DEDENT */
    return body;
}
