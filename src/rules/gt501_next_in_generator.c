/* GT501 next-in-generator: `next(it)` without a default inside a generator. When `it` is exhausted
   the StopIteration cannot end the generator quietly any more (PEP 479): it becomes RuntimeError.

   Reported for an iterator the generator steps through (a name, attribute or subscript: its end
   is a normal event, the loop over the same iterator or an empty input). Not reported:
   - a fresh iterator used once, `next(iter(xs))`, `next(reversed(xs))`, `next(x for x in xs if
     ...)`, `next(make())`: the "first element" idiom, whose emptiness is a precondition like
     `xs[0]`'s;
   - an iterator that never ends: itertools.count/cycle/repeat(x), a chain holding one, iter/zip/
     enumerate/map/filter/starmap over such iterators only, a name bound only to one, `self.x` or
     `Cls.x` assigned only one in the class body and the class's methods, a call of a module
     function that returns only one;
   - the first next() of `it = iter(xs)` when `xs` is tested non-empty around it (`if xs:`,
     `if len(xs) == 1 and ...`) or by an early exit before (`if not xs: return`);
   - inside a `try` that handles StopIteration (or a base of it) in the same frame. */
#include "../engine/rule.h"
#include "../engine/rule_util.h"

#include <string.h>

#define MAX_DEPTH 4   /* names and functions followed to an infinite iterator */

static const char *const NEXT_NAMES[] = { "next", "builtins.next", NULL };

/* The frame the call runs in is a generator: a generator function's own body (list/set/dict
   comprehensions run inline there) or a generator expression. */
static int runs_in_generator(const Scope *scope)
{
    for (; scope; scope = scope->parent) {
        switch (scope->kind) {
        case SCOPE_COMPREHENSION:
            if (scope->node->kind == NK_GeneratorExp)
                return 1;
            break;   /* inlined comprehension: look at the function around it */
        case SCOPE_FUNCTION:
        case SCOPE_LAMBDA:
            return scope->func && scope->func->is_generator;
        default:
            return 0;
        }
    }
    return 0;
}

/* Handlers that stop a StopIteration raised in their try body. */
static const char *const STOP_CATCHERS[] = { "StopIteration", "Exception", "BaseException", NULL };

/* ---- iterators that never end ---- */

static int is_infinite(RuleCtx *ctx, const Scope *scope, const Node *e, int depth);

/* iter(x), zip(...), enumerate(x[, start]), map(f, ...), filter(f, x), itertools.starmap(f, x) over
   infinite iterators only: each ends when its shortest input does. Not iter(f, sentinel). */
static int is_infinite_wrapper(RuleCtx *ctx, const Scope *scope, const Node *call, const char *q, int depth)
{
    static const char *const ALL_ARGS[] = { "zip", NULL };
    static const char *const FIRST_ARG[] = { "iter", "enumerate", NULL };
    static const char *const AFTER_FUNCTION[] = { "map", "filter", "itertools.starmap", NULL };
    NodeList args = call->v.Call.args;
    int32_t from = 0, to = args.n;
    if (rule_cstr_in(q, FIRST_ARG))
        to = strcmp(q, "iter") == 0 && args.n != 1 ? 0 : 1;
    else if (rule_cstr_in(q, AFTER_FUNCTION))
        from = 1;
    else if (!rule_cstr_in(q, ALL_ARGS))
        return 0;
    if (call->v.Call.keywords.n || from >= to || to > args.n)
        return 0;
    for (int32_t i = from; i < to; i++)
        if (args.items[i]->kind == NK_Starred || !is_infinite(ctx, scope, args.items[i], depth + 1))
            return 0;
    return 1;
}

/* A call of itertools.count/cycle/repeat(x), itertools.chain(...) of one, or of a module function
   whose every return value is one. */
static int is_infinite_call(RuleCtx *ctx, const Scope *scope, const Node *call, int depth)
{
    Semantic *sem = rule_semantic(ctx);
    const Node *func = call->v.Call.func;
    const char *q = sem_qualname(sem, scope, func);
    NodeList args = call->v.Call.args;
    if (q && (strcmp(q, "itertools.count") == 0 || strcmp(q, "itertools.cycle") == 0))
        return 1;
    if (q && strcmp(q, "itertools.repeat") == 0)
        return args.n == 1 && call->v.Call.keywords.n == 0;   /* repeat(x, n) ends */
    if (is_infinite_wrapper(ctx, scope, call, q, depth))
        return 1;
    if (q && strcmp(q, "itertools.chain") == 0) {
        for (int32_t i = 0; i < args.n; i++)
            if (args.items[i]->kind != NK_Starred && is_infinite(ctx, scope, args.items[i], depth + 1))
                return 1;
        return 0;
    }
    char name[128];
    if (func->kind != NK_Name || !rule_str_to_cstr(func->v.Name.id, name, sizeof name))
        return 0;
    const Node *def = sem_find_function(sem, scope, name);
    const FuncInfo *info = def ? sem_func_info(sem, def) : NULL;
    const Scope *body = def ? sem_scope_of_def(sem, def) : NULL;
    if (!info || !body || info->is_generator || info->nreturns == 0)
        return 0;
    for (int32_t i = 0; i < info->nreturns; i++) {
        const Node *value = info->returns[i]->v.Return.value;
        if (!value || !is_infinite(ctx, body, value, depth + 1))
            return 0;
    }
    return 1;
}

/* A name whose every binding in its scope assigns an infinite iterator. */
static int is_infinite_name(RuleCtx *ctx, const Scope *scope, const Node *name, int depth)
{
    const Binding *b = sem_resolve_name(rule_semantic(ctx), scope, name);
    char id[128];
    if (!b || !rule_str_to_cstr(name->v.Name.id, id, sizeof id))
        return 0;
    const Binding *all[16];
    int32_t n = sem_bindings_of(b->scope, id, all, RULE_COUNT_OF(all));
    if (n < 1 || n > RULE_COUNT_OF(all))
        return 0;
    for (int32_t i = 0; i < n; i++)
        if (all[i]->kind != BIND_ASSIGN || !all[i]->value ||
            !is_infinite(ctx, b->scope, all[i]->value, depth + 1))
            return 0;
    return 1;
}

/* The assignments `recv.attr = value` in one method, judged one by one. */
typedef struct AttrSearch {
    RuleCtx *ctx;
    const Scope *method;
    Str recv, attr;
    int depth;
    int assigned, all_infinite;
} AttrSearch;

static int visit_attr_assign(const Node *n, void *arg)
{
    AttrSearch *as = arg;
    if (n->kind != NK_Assign)
        return 1;
    for (int32_t i = 0; i < n->v.Assign.targets.n; i++) {
        const Node *t = n->v.Assign.targets.items[i];
        if (t->kind != NK_Attribute || t->v.Attribute.value->kind != NK_Name ||
            !rule_str_same(t->v.Attribute.attr, as->attr) ||
            !rule_str_same(t->v.Attribute.value->v.Name.id, as->recv))
            continue;
        as->assigned++;
        if (!is_infinite(as->ctx, as->method, n->v.Assign.value, as->depth + 1))
            as->all_infinite = 0;
    }
    return 1;
}

/* The class `recv.attr` reads from: the class `recv` names (`Tagger.ids`), else the class around
   the call (`self.ids`); NULL outside a class. */
static const Node *class_of_receiver(RuleCtx *ctx, const Node *recv)
{
    const Binding *b = sem_resolve_name(rule_semantic(ctx), rule_scope(ctx), recv);
    if (b && b->kind == BIND_CLASS)
        return b->node;
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a || a->kind == NK_ClassDef)
            return a;
    }
}

/* A class-body statement `attr = value` / `attr: T = value`, judged like a method's assignment. */
static void class_body_assign(AttrSearch *as, const Scope *cls_scope, const Node *st)
{
    const Node *target = NULL, *value = NULL;
    if (st->kind == NK_Assign && st->v.Assign.targets.n == 1) {
        target = st->v.Assign.targets.items[0];
        value = st->v.Assign.value;
    } else if (st->kind == NK_AnnAssign) {
        target = st->v.AnnAssign.target;
        value = st->v.AnnAssign.value;
    }
    if (!target || !value || target->kind != NK_Name || !rule_str_same(target->v.Name.id, as->attr))
        return;
    as->assigned++;
    if (!is_infinite(as->ctx, cls_scope, value, as->depth + 1))
        as->all_infinite = 0;
}

/* `self.x` / `Cls.x` (any `name.x`) assigned in the class body or in the methods of the class,
   only ever to an infinite iterator. */
static int is_infinite_attribute(RuleCtx *ctx, const Node *attr, int depth)
{
    if (attr->v.Attribute.value->kind != NK_Name)
        return 0;
    const Node *cls = class_of_receiver(ctx, attr->v.Attribute.value);
    const Scope *cls_scope = cls ? sem_scope_of_def(rule_semantic(ctx), cls) : NULL;
    if (!cls_scope)
        return 0;
    AttrSearch as = { ctx, NULL, attr->v.Attribute.value->v.Name.id, attr->v.Attribute.attr, depth, 0, 1 };
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *st = body.items[i];
        if (st->kind != NK_FunctionDef && st->kind != NK_AsyncFunctionDef) {
            class_body_assign(&as, cls_scope, st);
            continue;
        }
        as.method = sem_scope_of_def(rule_semantic(ctx), st);
        NodeList stmts = sem_func_body(st);
        for (int32_t k = 0; as.method && k < stmts.n; k++)
            rule_walk(stmts.items[k], visit_attr_assign, &as);
    }
    return as.assigned > 0 && as.all_infinite;
}

static int is_infinite(RuleCtx *ctx, const Scope *scope, const Node *e, int depth)
{
    if (depth > MAX_DEPTH)
        return 0;
    switch (e->kind) {
    case NK_Call:      return is_infinite_call(ctx, scope, e, depth);
    case NK_Name:      return is_infinite_name(ctx, scope, e, depth);
    case NK_Attribute: return depth == 0 && is_infinite_attribute(ctx, e, depth);
    default:           return 0;
    }
}

/* ---- emptiness checks ---- */

/* Two Name / Attribute chains that spell the same reference. */
static int same_ref(const Node *a, const Node *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind == NK_Name)
        return rule_str_same(a->v.Name.id, b->v.Name.id);
    if (a->kind == NK_Attribute)
        return rule_str_same(a->v.Attribute.attr, b->v.Attribute.attr) &&
               same_ref(a->v.Attribute.value, b->v.Attribute.value);
    return 0;
}

/* `src` or `len(src)`. */
static int measures(RuleCtx *ctx, const Node *e, const Node *src)
{
    if (same_ref(e, src))
        return 1;
    return e->kind == NK_Call && e->v.Call.args.n == 1 &&
           sem_qualname_is(rule_semantic(ctx), rule_scope(ctx), e->v.Call.func, "len") &&
           same_ref(e->v.Call.args.items[0], src);
}

/* A test that holds only when `src` is not empty: `src`, `len(src) ...`, `src > 0`, and `and`
   chains holding one. `negated`: the test holds only when it IS empty (`not src`, `len(src) == 0`,
   `or` chains). */
static int tests_size(RuleCtx *ctx, const Node *test, const Node *src, int negated)
{
    switch (test->kind) {
    case NK_BoolOp:
        if (test->v.BoolOp.op != (negated ? BOOLOP_Or : BOOLOP_And))
            return 0;
        for (int32_t i = 0; i < test->v.BoolOp.values.n; i++)
            if (tests_size(ctx, test->v.BoolOp.values.items[i], src, negated))
                return 1;
        return 0;
    case NK_UnaryOp:
        return negated && test->v.UnaryOp.op == UNARYOP_Not && measures(ctx, test->v.UnaryOp.operand, src);
    case NK_Compare: {
        if (!measures(ctx, test->v.Compare.left, src) || test->v.Compare.ops.n != 1)
            return 0;
        uint8_t op = test->v.Compare.ops.items[0];
        if (negated)
            return op == CMPOP_Eq || op == CMPOP_Lt || op == CMPOP_LtE;
        return op != CMPOP_Is && op != CMPOP_IsNot && op != CMPOP_In && op != CMPOP_NotIn;
    }
    default:
        return !negated && measures(ctx, test, src);
    }
}

/* A statement that leaves the block: return, raise, continue, break. */
static int leaves(const Node *st)
{
    return st->kind == NK_Return || st->kind == NK_Raise || st->kind == NK_Continue ||
           st->kind == NK_Break;
}

/* An earlier sibling `if <src is empty>: ... return` in a statement list. */
static int exits_when_empty(RuleCtx *ctx, NodeList stmts, const Node *child, const Node *src)
{
    for (int32_t i = 0; i < stmts.n && stmts.items[i] != child; i++) {
        const Node *st = stmts.items[i];
        NodeList body = st->kind == NK_If ? st->v.If.body : (NodeList){ 0 };
        if (body.n && leaves(body.items[body.n - 1]) && tests_size(ctx, st->v.If.test, src, 1))
            return 1;
    }
    return 0;
}

static NodeList block_of(const Node *a, const Node *child)
{
    switch (a->kind) {
    case NK_FunctionDef: case NK_AsyncFunctionDef: return sem_func_body(a);
    case NK_If:    return rule_node_in_list(a->v.If.body, child) ? a->v.If.body : a->v.If.orelse;
    case NK_For:   return a->v.For.body;
    case NK_While: return a->v.While.body;
    case NK_With:  return a->v.With.body;
    case NK_Try:   return rule_node_in_list(a->v.Try.body, child) ? a->v.Try.body : (NodeList){ 0 };
    default:       return (NodeList){ 0 };
    }
}

/* 1 if, from the call up to its function, an `if`/`while` test around it says `src` is not empty
   (also an `x and next(...)` before it), or an earlier `if not src: return` leaves first. */
static int checked_not_empty(RuleCtx *ctx, const Node *call, const Node *src)
{
    const Node *child = call;
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a || a->kind == NK_Lambda || a->kind == NK_ClassDef)
            return 0;
        if ((a->kind == NK_If && rule_node_in_list(a->v.If.body, child)) ||
            (a->kind == NK_While && rule_node_in_list(a->v.While.body, child)) ||
            (a->kind == NK_IfExp && a->v.IfExp.body == child)) {
            const Node *test = a->kind == NK_If ? a->v.If.test : a->kind == NK_While ? a->v.While.test
                                                                                   : a->v.IfExp.test;
            if (tests_size(ctx, test, src, 0))
                return 1;
        }
        if (a->kind == NK_BoolOp && a->v.BoolOp.op == BOOLOP_And)
            for (int32_t i = 0; i < a->v.BoolOp.values.n && a->v.BoolOp.values.items[i] != child; i++)
                if (tests_size(ctx, a->v.BoolOp.values.items[i], src, 0))
                    return 1;
        if (exits_when_empty(ctx, block_of(a, child), child, src))
            return 1;
        if (a->kind == NK_FunctionDef || a->kind == NK_AsyncFunctionDef)
            return 0;
        child = a;
    }
}

/* The collection `it = iter(xs)` / `reversed(xs)` iterates, seen through `.keys()`/`.values()`/
   `.items()` and `range(n)`; NULL when `it` is bound otherwise. */
static const Node *iterated_collection(RuleCtx *ctx, const Node *name)
{
    Semantic *sem = rule_semantic(ctx);
    const Binding *b = sem_resolve_name(sem, rule_scope(ctx), name);
    const Node *v = b && b->kind == BIND_ASSIGN ? b->value : NULL;
    static const char *const ITERS[] = { "iter", "reversed", NULL };
    if (!v || v->kind != NK_Call || v->v.Call.args.n != 1 ||
        !sem_call_matches(sem, rule_scope(ctx), v, ITERS))
        return NULL;
    const Node *src = v->v.Call.args.items[0];
    if (src->kind == NK_Call && src->v.Call.args.n == 1 &&
        sem_qualname_is(sem, rule_scope(ctx), src->v.Call.func, "range"))
        return src->v.Call.args.items[0];
    if (src->kind == NK_Call && src->v.Call.args.n == 0 && src->v.Call.func->kind == NK_Attribute) {
        static const char *const VIEWS[] = { "keys", "values", "items", NULL };
        if (rule_str_in(src->v.Call.func->v.Attribute.attr, VIEWS))
            return src->v.Call.func->v.Attribute.value;
    }
    return src;
}

/* 1 if `name` is the first read of the iterator after the statement that binds it. */
static int first_step(RuleCtx *ctx, const Node *name)
{
    const Scope *scope = rule_scope(ctx);
    const Binding *b = sem_resolve_name(rule_semantic(ctx), scope, name);
    if (!b || !b->stmt)
        return 0;
    int32_t line = b->stmt->end_lineno, col = b->stmt->end_col_offset;
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (load == name)
            return 1;
        if (rule_str_same(load->v.Name.id, name->v.Name.id) &&
            (load->lineno > line || (load->lineno == line && load->col_offset >= col)))
            return 0;
    }
    return 0;
}

/* The first step of `it = iter(xs)` where `xs` was tested non-empty. */
static int first_of_checked_collection(RuleCtx *ctx, const Node *call, const Node *it)
{
    if (it->kind != NK_Name)
        return 0;
    const Node *src = iterated_collection(ctx, it);
    return src && (src->kind == NK_Name || src->kind == NK_Attribute) && first_step(ctx, it) &&
           checked_not_empty(ctx, call, src);
}

static void visit_call(RuleCtx *ctx, const Node *call)
{
    Semantic *sem = rule_semantic(ctx);
    const Node *func = call->v.Call.func;
    int maybe_next = func->kind == NK_Name ||
                     (func->kind == NK_Attribute && sem_str_eq(func->v.Attribute.attr, "next"));
    if (!maybe_next || call->v.Call.args.n != 1 || call->v.Call.keywords.n != 0 ||
        call->v.Call.args.items[0]->kind == NK_Starred)
        return;
    if (!runs_in_generator(rule_scope(ctx)) || !sem_call_matches(sem, rule_scope(ctx), call, NEXT_NAMES))
        return;
    const Node *it = call->v.Call.args.items[0];
    if (it->kind != NK_Name && it->kind != NK_Attribute && it->kind != NK_Subscript)
        return;                                   /* next(iter(xs)): the first-element idiom */
    if (rule_in_try_catching(ctx, STOP_CATCHERS) || is_infinite(ctx, rule_scope(ctx), it, 0) ||
        first_of_checked_collection(ctx, call, it))
        return;
    rule_report(ctx, call, NULL,
                "`next()` without a default in a generator: when the iterator is exhausted, "
                "`StopIteration` turns into `RuntimeError` (PEP 479)");
}

const Rule rule_gt501 = {
    .code = "GT501",
    .name = "next-in-generator",
    .summary = "`next(it)` without default inside a generator",
    .default_on = 0,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A call `next(it)` with no default, on an iterator the code steps through (a name, "
                 "attribute or subscript), whose frame is a generator: the body of a generator "
                 "function (also inside list/set/dict comprehensions, which run inline) or a "
                 "generator expression, unless a `try` around it (in the same frame) handles "
                 "`StopIteration`, `Exception`, `BaseException` or everything.",
        .mechanism = "Since Python 3.7 (PEP 479), a StopIteration that escapes a generator's frame "
                     "is replaced by `RuntimeError: generator raised StopIteration`. Before, it "
                     "silently ended the generator; code written in that style now crashes.",
        .symptom = "A parser or batching generator works on normal input and raises RuntimeError "
                   "on an empty file, an odd number of items, or a truncated stream; the traceback "
                   "points at the consumer's `for` loop.",
        .fix = "Give a default and test it (`x = next(it, None)`), or catch StopIteration and "
               "`return` from the generator.",
        .wrong = "def pairs(it):\n    it = iter(it)\n    for a in it:\n        yield a, next(it)",
        .right = "def pairs(it):\n    it = iter(it)\n    for a in it:\n        try:\n"
                 "            b = next(it)\n        except StopIteration:\n            return\n"
                 "        yield a, b",
        .peer = "pylint R1708 (stop-iteration-return)",
        .notes = "Not flagged: a fresh iterator used once (`next(iter(xs))`, `next(reversed(xs))`, "
                 "`next(x for x in xs if ...)`: the first-element idiom, like `xs[0]`); an iterator "
                 "that never ends (itertools.count/cycle/repeat(x), also through a name, `self.x` or "
                 "`Cls.x` set in the class body or its methods, a function returning one, an "
                 "itertools.chain holding one, or iter/zip/enumerate/map/filter over such "
                 "iterators only); the first step of "
                 "`it = iter(xs)` when `xs` was tested non-empty (`if xs:`, `if not xs: return`, "
                 "`len(xs) == 1 and ...`).",
        .precision = "75%: 9 of 12 findings on the 3.11 site-packages and Django 3.2 are real; the other 3 are "
                     "preconditions the caller guarantees. Below the 90% bar of the default set: enable it "
                     "with `--extend-select GT501`.",
    },
    .peers = { "R1708", "PLR1708", "stop-iteration-return" },
    .kinds = { NK_Call },
    .visit = visit_call,
};
