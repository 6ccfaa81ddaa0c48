/* GT601 thread-for-cpu-work (preview): `Thread(target=f)` / `ThreadPoolExecutor.submit(f)` /
   `.map(f, ...)` where `f` is a function of this module that only computes. Under the GIL such
   threads take turns; they add overhead and no parallelism. */
#include "../engine/rule.h"
#include "../engine/rule_util.h"

#include <assert.h>
#include <string.h>

#include "../ast/ast_walk.h"

/* Builtins and modules that compute without blocking or doing I/O. */
static const char *const PURE_BUILTINS[] = {
    "abs", "all", "any", "bin", "bool", "chr", "complex", "dict", "divmod", "enumerate", "filter",
    "float", "frozenset", "hash", "hex", "int", "isinstance", "len", "list", "map", "max", "min",
    "oct", "ord", "pow", "range", "reversed", "round", "set", "sorted", "str", "sum", "tuple",
    "zip", NULL,
};
static const char *const PURE_MODULES[] = { "math.", "cmath.", "operator.", "itertools.", "bisect.",
                                            "heapq.", "statistics.", NULL };
/* Methods of the builtin containers and str that compute in memory. Not `update`: hashlib's
   releases the GIL. */
static const char *const PURE_METHODS[] = {
    "append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "copy",
    "add", "discard", "get", "items", "keys", "values", "setdefault", "join", "split",
    "strip", "lower", "upper", "replace", "startswith", "endswith", "format", "encode", "decode",
    "bit_length", "is_integer", NULL,
};

typedef struct Purity {
    RuleCtx *ctx;
    const Scope *scope;      /* the target function's scope, for name resolution */
    int impure;              /* saw I/O, blocking, awaiting or an unknown call */
    int loops;               /* saw a loop or a comprehension: there is work to speak of */
} Purity;

static int is_pure_call(Purity *p, const Node *call)
{
    const Node *func = call->v.Call.func;
    const char *q = sem_qualname(rule_semantic(p->ctx), p->scope, func);
    if (q) {
        if (rule_cstr_in(q, PURE_BUILTINS))
            return 1;
        for (int i = 0; PURE_MODULES[i]; i++)
            if (strncmp(q, PURE_MODULES[i], strlen(PURE_MODULES[i])) == 0)
                return 1;
        return 0;
    }
    return func->kind == NK_Attribute && rule_str_in(func->v.Attribute.attr, PURE_METHODS);
}

/* One node of the pre-order walk of the target function's body (only that function: it is the
   thread's work); the walk ends at the first impure node. */
static int check_node(const Node *n, void *purity)
{
    Purity *p = purity;
    switch (n->kind) {
    case NK_Await: case NK_Yield: case NK_YieldFrom: case NK_Import: case NK_ImportFrom:
    case NK_With: case NK_AsyncWith: case NK_AsyncFor: case NK_Global: case NK_Nonlocal:
    case NK_FunctionDef: case NK_AsyncFunctionDef: case NK_ClassDef: case NK_Lambda:
        p->impure = 1;
        return AST_WALK_STOP;
    case NK_For: case NK_While: case NK_ListComp: case NK_SetComp: case NK_DictComp:
    case NK_GeneratorExp:
        p->loops = 1;
        break;
    case NK_Call:
        if (!is_pure_call(p, n)) {
            p->impure = 1;
            return AST_WALK_STOP;
        }
        break;
    default:
        break;
    }
    return AST_WALK_INTO;
}

static void check_list(Purity *p, NodeList list)
{
    for (int32_t i = 0; i < list.n && !p->impure; i++)
        ast_walk(list.items[i], check_node, p);
}

/* The same-module def a thread would run, when it only computes and loops. */
static const Node *cpu_only_function(RuleCtx *ctx, const Node *target)
{
    if (target->kind != NK_Name)
        return NULL;
    char name[128];
    if (!rule_str_to_cstr(target->v.Name.id, name, sizeof name))
        return NULL;
    Semantic *sem = rule_semantic(ctx);
    const Node *def = sem_find_function(sem, rule_scope(ctx), name);
    if (!def || def->kind != NK_FunctionDef)
        return NULL;
    Purity p = { .ctx = ctx, .scope = sem_scope_of_def(sem, def) };
    assert(p.scope != NULL);   /* sem_build opens a scope for every def it binds as a function */
    check_list(&p, def->v.FunctionDef.body);
    return !p.impure && p.loops ? def : NULL;
}

/* 1 if `name` (the object of `.submit`/`.map`) is a ThreadPoolExecutor: bound by
   `with ThreadPoolExecutor(...) as name` or `name = ThreadPoolExecutor(...)`. */
static int is_thread_pool(RuleCtx *ctx, const Node *name)
{
    static const char *const POOLS[] = { "concurrent.futures.ThreadPoolExecutor",
                                         "concurrent.futures.thread.ThreadPoolExecutor", NULL };
    Semantic *sem = rule_semantic(ctx);
    const Binding *b = sem_resolve_name(sem, rule_scope(ctx), name);
    if (!b)
        return 0;
    const Node *made = NULL;
    if (b->kind == BIND_ASSIGN)
        made = b->value;
    else if (b->kind == BIND_WITH && b->stmt) {
        NodeList items = b->stmt->v.With.items;
        for (int32_t i = 0; i < items.n; i++)
            if (items.items[i]->v.withitem.optional_vars == b->node)
                made = items.items[i]->v.withitem.context_expr;
    }
    return made && made->kind == NK_Call && sem_call_matches(sem, b->scope, made, POOLS);
}

/* The function expression a thread-starting call runs, or NULL. */
static const Node *thread_target(RuleCtx *ctx, const Node *call)
{
    static const char *const THREADS[] = { "threading.Thread", NULL };
    Semantic *sem = rule_semantic(ctx);
    const Node *callee = call->v.Call.func;
    int maybe_thread = callee->kind == NK_Name ||
                       (callee->kind == NK_Attribute && sem_str_eq(callee->v.Attribute.attr, "Thread"));
    if (maybe_thread && sem_call_matches(sem, rule_scope(ctx), call, THREADS)) {
        for (int32_t i = 0; i < call->v.Call.keywords.n; i++) {
            const Node *kw = call->v.Call.keywords.items[i];
            if (sem_str_eq(kw->v.keyword.arg, "target"))
                return kw->v.keyword.value;
        }
        return call->v.Call.args.n >= 2 ? call->v.Call.args.items[1] : NULL;  /* Thread(group, target) */
    }
    const Node *func = call->v.Call.func;
    if (func->kind == NK_Attribute && func->v.Attribute.value->kind == NK_Name &&
        (sem_str_eq(func->v.Attribute.attr, "submit") || sem_str_eq(func->v.Attribute.attr, "map")) &&
        call->v.Call.args.n >= 1 && is_thread_pool(ctx, func->v.Attribute.value))
        return call->v.Call.args.items[0];
    return NULL;
}

static void visit_call(RuleCtx *ctx, const Node *call)
{
    const Node *target = thread_target(ctx, call);
    const Node *def = target ? cpu_only_function(ctx, target) : NULL;
    if (!def)
        return;
    Str name = def->v.FunctionDef.name;
    rule_report(ctx, call, NULL,
                "`%.*s` only computes: threads running it take turns on the GIL and gain nothing; "
                "use a process pool (or a free-threaded build)",
                (int)name.len, name.s);
}

const Rule rule_gt601 = {
    .code = "GT601",
    .name = "thread-for-cpu-work",
    .summary = "threads running a function that only computes (preview)",
    .default_on = 1,
    .preview = 1,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "`threading.Thread(target=f)`, and `.submit(f, ...)` / `.map(f, ...)` on a "
                 "`concurrent.futures.ThreadPoolExecutor` bound by `with ... as pool` or "
                 "`pool = ...`, where `f` is a plain def of the same module whose body has a loop or "
                 "comprehension and otherwise only computes: arithmetic, local names, pure builtins "
                 "(`len sum sorted range`...), `math/cmath/operator/itertools/bisect/heapq/"
                 "statistics`, and in-memory container/str methods. Any other call, `await`, `with`, "
                 "import or nested function makes it not CPU-only.",
        .mechanism = "In CPython (with the GIL, the default build) only one thread runs Python "
                     "bytecode at a time; a thread releases the GIL for I/O and some C code, not "
                     "for pure Python computation.",
        .symptom = "A \"parallel\" computation on 8 threads is as slow as one thread, or slower "
                   "(GIL contention and switching), while the server's other threads (request "
                   "handling, heartbeats) starve and time out.",
        .fix = "Use `concurrent.futures.ProcessPoolExecutor` or `multiprocessing` for computation; "
               "keep threads for I/O. Or vectorise (NumPy releases the GIL).",
        .wrong = "with ThreadPoolExecutor() as pool:\n    sums = list(pool.map(checksum, chunks))",
        .right = "with ProcessPoolExecutor() as pool:\n    sums = list(pool.map(checksum, chunks))",
        .peer = "none",
        .notes = "Preview, and off by default: a free-threaded (3.13t) build does run such threads "
                 "in parallel.",
    },
    .kinds = { NK_Call },
    .visit = visit_call,
};
