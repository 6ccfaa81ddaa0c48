/* GT107 loop-variable-closure: `for i in ...: fs.append(lambda: i)` -- the lambda reads `i` when it
   is called, after the loop moved on, so every function sees the last value.

   Quiet when the value cannot change before the function runs: bound as a default (`lambda i=i:`),
   called right away (`(lambda: i)()`, a local def only ever called in the loop), handed to a call
   that runs it before returning (`sorted(key=...)`, `max`, `filter`, `re.sub`...), or returned from
   inside the loop (the loop ends there). */
#include "../engine/rule.h"
#include "rule_util.h"

#include <stdio.h>
#include <string.h>

#define MAX_LOOPS 16
#define MAX_REPORTED 16

/* A loop around the function, and the scope whose variables it rebinds. */
typedef struct Loop {
    const Node *node;        /* For/AsyncFor/While, or a comprehension node */
    const Scope *owner;      /* scope of the loop's variables */
    int is_comprehension;
} Loop;

typedef struct Search {
    RuleCtx *ctx;
    const Node *func;
    Loop loops[MAX_LOOPS];
    int nloops;
    Str reported[MAX_REPORTED];
    int nreported;
} Search;

/* Callees that call their function argument before they return. */
static const char *const IMMEDIATE_CONSUMERS[] = {
    "sorted", "min", "max", "filter", "map", "functools.reduce", "heapq.nlargest",
    "heapq.nsmallest", "re.sub", "re.subn", NULL,
};
/* Methods that do the same whatever their object: `list.sort(key=...)`, `pattern.sub(fn, s)`,
   unittest's `self.assertRaises(E, fn)`, `pytest.raises(E, fn)`. */
static const char *const IMMEDIATE_METHODS[] = {
    "sort", "sub", "subn", "assertRaises", "assertRaisesRegex", "assertWarns", "assertWarnsRegex",
    "raises", NULL,
};

static int contains_pos(const Node *n, int32_t line, int32_t col)
{
    if (line < n->lineno || line > n->end_lineno)
        return 0;
    if (line == n->lineno && col < n->col_offset)
        return 0;
    if (line == n->end_lineno && col >= n->end_col_offset)
        return 0;
    return 1;
}

static int node_in_list(NodeList list, const Node *n)
{
    for (int32_t i = 0; i < list.n; i++)
        if (list.items[i] == n)
            return 1;
    return 0;
}

static int is_comprehension(const Node *n)
{
    return n->kind == NK_ListComp || n->kind == NK_SetComp || n->kind == NK_DictComp ||
           n->kind == NK_GeneratorExp;
}

/* The parameter of `def` that receives `arg` of `call` (positional or keyword), or NULL. */
static const Node *receiving_param(const Node *def, const Node *call, const Node *arg)
{
    const Node *args = sem_func_args(def);
    NodeList posonly = args->v.arguments.posonlyargs, plain = args->v.arguments.args;
    for (int32_t i = 0; i < call->v.Call.args.n; i++) {
        if (call->v.Call.args.items[i] != arg)
            continue;
        if (i < posonly.n)
            return posonly.items[i];
        return i - posonly.n < plain.n ? plain.items[i - posonly.n] : NULL;
    }
    for (int32_t i = 0; i < call->v.Call.keywords.n; i++) {
        const Node *kw = call->v.Call.keywords.items[i];
        if (kw->v.keyword.value != arg || !kw->v.keyword.arg.s)
            continue;
        for (int32_t k = 0; k < plain.n + args->v.arguments.kwonlyargs.n; k++) {
            const Node *p = k < plain.n ? plain.items[k] : args->v.arguments.kwonlyargs.items[k - plain.n];
            if (rule_str_same(p->v.arg.arg, kw->v.keyword.arg))
                return p;
        }
    }
    return NULL;
}

/* 1 if `call` is to a plain function of this module that only ever calls the parameter receiving
   `arg` (never stores, returns, passes it on or closes over it): `_split_list(xs, lambda x: ...)`. */
static int is_local_consumer(RuleCtx *ctx, const Node *call, const Node *arg)
{
    const Node *callee = call->v.Call.func;
    char name[128];
    if (callee->kind != NK_Name || !rule_str_to_cstr(callee->v.Name.id, name, sizeof name))
        return 0;
    Semantic *sem = rule_semantic(ctx);
    const Node *def = sem_find_function(sem, rule_scope(ctx), name);
    const Scope *body = def ? sem_scope_of_def(sem, def) : NULL;
    const Node *param = def ? receiving_param(def, call, arg) : NULL;
    char pname[128];
    if (!body || !param || (body->func && body->func->is_generator) ||
        !rule_str_to_cstr(param->v.arg.arg, pname, sizeof pname))
        return 0;
    for (int32_t c = 0; c < body->nchildren; c++)
        for (int32_t i = 0; i < body->children[c]->nloads; i++)
            if (sem_str_eq(body->children[c]->loads[i]->v.Name.id, pname))
                return 0;   /* a nested scope may keep it */
    int uses = 0;
    for (int32_t i = 0; i < body->nloads; i++) {
        const Node *load = body->loads[i];
        if (!sem_str_eq(load->v.Name.id, pname) || !sem_refers_to_param(sem, body, load, body, pname))
            continue;
        const Node *parent = sem_parent_in(sem, body, load);
        if (!parent || parent->kind != NK_Call || parent->v.Call.func != load)
            return 0;
        uses++;
    }
    return uses > 0;
}

static int is_consumer_call(RuleCtx *ctx, const Node *call)
{
    const Node *func = call->v.Call.func;
    if (func->kind == NK_Attribute && rule_str_in(func->v.Attribute.attr, IMMEDIATE_METHODS))
        return 1;
    return sem_call_matches(rule_semantic(ctx), rule_scope(ctx), call, IMMEDIATE_CONSUMERS);
}

/* Walk up from the visited function to the enclosing def/class/module, collecting the loops whose
   body holds it. Returns 0 when the function is used up before the loop can move on: called
   directly, passed to an immediate consumer, or returned. */
static int collect_loops(Search *s)
{
    RuleCtx *ctx = s->ctx;
    Semantic *sem = rule_semantic(ctx);
    const Scope *current = rule_scope(ctx);
    const Node *child = s->func;
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a)
            return 1;
        switch (a->kind) {
        case NK_Call: {
            /* The function itself is the callee, a positional argument, or a keyword's value. */
            int direct = up == 1 || (up == 2 && child->kind == NK_keyword);
            if (direct && child == a->v.Call.func)
                return 0;                         /* (lambda: i)() */
            if (direct && child != a->v.Call.func &&
                (is_consumer_call(ctx, a) || is_local_consumer(ctx, a, s->func)))
                return 0;                         /* sorted(xs, key=lambda x: ...) */
            break;
        }
        case NK_Return:
            if (s->nloops == 0)
                return 0;                         /* for x in xs: return lambda: x */
            break;
        case NK_For:
        case NK_AsyncFor: {
            NodeList body = a->kind == NK_For ? a->v.For.body : a->v.AsyncFor.body;
            if (s->nloops < MAX_LOOPS && node_in_list(body, child))
                s->loops[s->nloops++] = (Loop){ a, current, 0 };
            break;
        }
        case NK_While:
            if (s->nloops < MAX_LOOPS && node_in_list(a->v.While.body, child))
                s->loops[s->nloops++] = (Loop){ a, current, 0 };
            break;
        case NK_FunctionDef: case NK_AsyncFunctionDef: case NK_Lambda: case NK_ClassDef:
        case NK_Module:
            return 1;
        default:
            if (is_comprehension(a) && current && sem_scope_of_def(sem, a) == current) {
                if (s->nloops < MAX_LOOPS)
                    s->loops[s->nloops++] = (Loop){ a, current, 1 };
                current = current->parent;
            }
            break;
        }
        child = a;
    }
}

/* 1 if `name` is rebound by the loop: a comprehension's target, or in a statement loop any
   assignment-like binding of the owner scope inside the loop's range. */
static int is_loop_variable(const Loop *loop, Str name)
{
    char buf[256];
    if (!loop->owner || !rule_str_to_cstr(name, buf, sizeof buf))
        return 0;
    const Binding *found[32];
    int32_t n = sem_bindings_of(loop->owner, buf, found, RULE_COUNT_OF(found));
    for (int32_t i = 0; i < n && i < RULE_COUNT_OF(found); i++) {
        const Binding *b = found[i];
        switch (b->kind) {
        case BIND_FOR:
            if (loop->is_comprehension || contains_pos(loop->node, b->lineno, b->col_offset))
                return 1;
            break;
        case BIND_ASSIGN: case BIND_AUGASSIGN: case BIND_WALRUS: case BIND_WITH:
            if (!loop->is_comprehension && contains_pos(loop->node, b->lineno, b->col_offset))
                return 1;
            break;
        default:
            break;
        }
    }
    return 0;
}

static int already_reported(Search *s, Str name)
{
    for (int i = 0; i < s->nreported; i++)
        if (rule_str_same(s->reported[i], name))
            return 1;
    if (s->nreported < MAX_REPORTED)
        s->reported[s->nreported++] = name;
    return 0;
}

static void check_read(Search *s, const Scope *scope, const Node *load)
{
    const Binding *b = sem_resolve_name(rule_semantic(s->ctx), scope, load);
    if (!b)
        return;
    for (int i = 0; i < s->nloops; i++) {
        const Loop *loop = &s->loops[i];
        if (b->scope != loop->owner || !is_loop_variable(loop, load->v.Name.id))
            continue;
        if (already_reported(s, load->v.Name.id))
            return;
        Str var = load->v.Name.id;
        char what[160];
        Str fname = sem_func_name(s->func);
        if (s->func->kind == NK_Lambda)
            snprintf(what, sizeof what, "this lambda");
        else
            snprintf(what, sizeof what, "`%.*s`", (int)(fname.len < 100 ? fname.len : 100), fname.s);
        rule_report(s->ctx, load, NULL,
                    "%s reads the loop variable `%.*s` when it runs, not when it is made: every "
                    "function made in this loop sees its last value",
                    what, (int)var.len, var.s);
        return;
    }
}

/* Every read of the function's body and of the scopes nested in it. */
static void check_scope_reads(Search *s, const Scope *scope)
{
    for (int32_t i = 0; i < scope->nloads; i++)
        check_read(s, scope, scope->loads[i]);
    for (int32_t i = 0; i < scope->nchildren; i++)
        check_scope_reads(s, scope->children[i]);
}

/* The name a function is known by in the loop: a def's name, or `f = lambda: ...`. */
static int local_name(RuleCtx *ctx, const Node *func, Str *out)
{
    if (func->kind == NK_FunctionDef || func->kind == NK_AsyncFunctionDef) {
        if ((func->kind == NK_FunctionDef ? func->v.FunctionDef.decorator_list
                                          : func->v.AsyncFunctionDef.decorator_list).n)
            return 0;                             /* a decorator may register it anywhere */
        *out = sem_func_name(func);
        return 1;
    }
    const Node *parent = rule_ancestor(ctx, 1);
    if (parent && parent->kind == NK_Assign && parent->v.Assign.targets.n == 1 &&
        parent->v.Assign.targets.items[0]->kind == NK_Name) {
        *out = parent->v.Assign.targets.items[0]->v.Name.id;
        return 1;
    }
    return 0;
}

/* 1 if every read of the function's name in its scope is, inside the innermost loop, a direct call
   or a `return name`: the function never outlives the iteration that made it. */
static int only_called_in_loop(Search *s, Str name)
{
    Semantic *sem = rule_semantic(s->ctx);
    const Scope *scope = rule_scope(s->ctx);
    const Node *loop = s->loops[0].node;
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        Str id = load->v.Name.id;
        if (id.len != name.len || memcmp(id.s, name.s, name.len) != 0)
            continue;
        if (!contains_pos(loop, load->lineno, load->col_offset))
            return 0;
        const Node *parent = sem_parent_in(sem, scope, load);
        int called = parent && parent->kind == NK_Call && parent->v.Call.func == load;
        int returned = parent && parent->kind == NK_Return;
        const Node *call = parent && parent->kind == NK_keyword ? sem_parent_in(sem, scope, parent) : parent;
        const Node *arg = parent && parent->kind == NK_keyword ? parent->v.keyword.value : load;
        int consumed = call && call->kind == NK_Call && call->v.Call.func != load &&
                       is_local_consumer(s->ctx, call, arg);
        if (!called && !returned && !consumed)
            return 0;
    }
    return 1;
}

static void visit_function(RuleCtx *ctx, const Node *func)
{
    Search s = { .ctx = ctx, .func = func };
    if (!collect_loops(&s) || s.nloops == 0)
        return;
    Str name;
    if (local_name(ctx, func, &name) && only_called_in_loop(&s, name))
        return;
    const Scope *body = sem_scope_of_def(rule_semantic(ctx), func);
    if (body)
        check_scope_reads(&s, body);
}

const Rule rule_gt107 = {
    .code = "GT107",
    .name = "loop-variable-closure",
    .summary = "a function made in a loop reads the loop variable late",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A lambda or def made inside a `for`/`while` loop body or a comprehension that reads "
                 "a variable the loop rebinds (its target, or a name assigned in the loop body), "
                 "from its body or a function nested in it. Not flagged when the value is bound as a "
                 "default, when the function is called right away, passed to a call that runs it "
                 "before returning (`sorted/min/max/filter/map/functools.reduce/heapq.nlargest/"
                 "re.sub`, `.sort(key=...)`, `assertRaises(E, fn)`, `pytest.raises(E, fn)`, or a "
                 "function of the same module that only calls that parameter), returned from the loop, or is a local undecorated def "
                 "(or `f = lambda`) that the loop only calls.",
        .mechanism = "A closure captures the variable, not its value. Python looks the name up when "
                     "the function runs; by then the loop has rebound it, usually to its last value. "
                     "All functions made by the loop share one cell.",
        .symptom = "Callbacks, handlers or tasks registered in a loop all act on the last item: "
                   "every button opens the last file, every thread fetches the last URL, every route "
                   "serves the last view. Worse with threads, where it depends on timing.",
        .fix = "Bind the current value when the function is made: a default (`lambda i=i: ...`), "
               "`functools.partial(func, i)`, or a factory function that takes the value as a "
               "parameter.",
        .wrong = "for url in urls:\n    threading.Thread(target=lambda: fetch(url)).start()",
        .right = "for url in urls:\n    threading.Thread(target=fetch, args=(url,)).start()",
        .peer = "ruff/bugbear B023 (function-uses-loop-variable), pylint W0640 (cell-var-from-loop)",
        .notes = "One finding per function and variable, on its first read.",
    },
    .peers = { "B023", "W0640", "cell-var-from-loop" },
    .kinds = { NK_FunctionDef, NK_AsyncFunctionDef, NK_Lambda },
    .visit = visit_function,
};
