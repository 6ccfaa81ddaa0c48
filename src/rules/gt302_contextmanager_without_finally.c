/* GT302 contextmanager-without-finally: in a `@contextmanager` generator, code after `yield` runs
   only when the with-body succeeds; an exception is thrown in at the `yield` and skips it. */
#include "../engine/rule.h"
#include "rule_util.h"

#include <string.h>

static int is_contextmanager(const FuncInfo *info)
{
    static const char *const DECORATORS[] = { "contextlib.contextmanager",
                                              "contextlib.asynccontextmanager", NULL };
    return rule_decorated_with(info, DECORATORS);
}

static int index_in(NodeList list, const Node *n)
{
    for (int32_t i = 0; i < list.n; i++)
        if (list.items[i] == n)
            return i;
    return -1;
}

/* A statement that does no cleanup: `pass`, a lone constant (docstring-like). */
static int is_trivial(const Node *st)
{
    return st->kind == NK_Pass || (st->kind == NK_Expr && st->v.Expr.value->kind == NK_Constant);
}

static int ends_flow(const Node *st)
{
    return st->kind == NK_Return || st->kind == NK_Raise || st->kind == NK_Break ||
           st->kind == NK_Continue;
}

/* Sentinel of first_action_after: the block leaves the function (or loop) before any action. */
static const Node FLOW_ENDS;

/* The first statement of `list` after index `i` that does something; &FLOW_ENDS when a
   return/raise/break/continue comes first; NULL when the block just ends. */
static const Node *first_action_after(NodeList list, int32_t i)
{
    for (int32_t k = i + 1; k < list.n; k++) {
        const Node *st = list.items[k];
        if (st->kind == NK_Return && st->v.Return.value && st->v.Return.value->kind != NK_Constant)
            return st;   /* `return compute()` does work on the success path only */
        if (ends_flow(st))
            return &FLOW_ENDS;
        if (!is_trivial(st))
            return st;
    }
    return NULL;
}

static int is_broad_handler(Semantic *sem, const Scope *scope, const Node *handler)
{
    const Node *type = handler->v.ExceptHandler.type;
    if (!type)
        return 1;
    static const char *const BROAD[] = { "BaseException", "Exception", NULL };
    return rule_cstr_in(sem_qualname(sem, scope, type), BROAD);
}

/* A broad handler that does some work and re-raises: cleanup on the error path. */
static int cleans_up_and_reraises(Semantic *sem, const Scope *scope, const Node *handler)
{
    NodeList body = handler->v.ExceptHandler.body;
    if (!is_broad_handler(sem, scope, handler) || body.n < 2)
        return 0;
    for (int32_t i = 0; i < body.n; i++)
        if (body.items[i]->kind == NK_Raise)
            return 1;
    return 0;
}

/* A `with` whose manager swallows the exception, so code after it runs anyway:
   `self.assertRaises(E)`, `pytest.raises(E)`, `contextlib.suppress(E)`. */
static int with_suppresses(const Node *with)
{
    static const char *const SUPPRESSORS[] = { "assertRaises", "assertRaisesRegex", "raises",
                                               "suppress", NULL };
    NodeList items = with->v.With.items;
    for (int32_t i = 0; i < items.n; i++) {
        const Node *e = items.items[i]->v.withitem.context_expr;
        if (e->kind != NK_Call)
            continue;
        const Node *f = e->v.Call.func;
        Str name = f->kind == NK_Attribute ? f->v.Attribute.attr
                   : f->kind == NK_Name    ? f->v.Name.id
                                           : (Str){ 0 };
        if (name.s && rule_str_in(name, SUPPRESSORS))
            return 1;
    }
    return 0;
}

/* From the statement holding a yield, climb to the def. Returns the first statement that runs after
   the yield on the success path only, or NULL when the yield is protected (try/finally, or a broad
   except that cleans up and re-raises) or nothing follows it. */
static const Node *unprotected_cleanup(Semantic *sem, const Scope *scope, const Node *def,
                                       const Node *yield)
{
    const Node *child = yield;
    for (const Node *a = sem_parent_in(sem, scope, yield); a && a != def;
         child = a, a = sem_parent_in(sem, scope, a)) {
        switch (a->kind) {
        case NK_Try:
        case NK_TryStar: {
            int32_t i = index_in(a->v.Try.body, child);
            if (i < 0)
                return NULL;   /* a yield in a handler or finally: unusual, leave it */
            if (a->v.Try.finalbody.n)
                return NULL;
            for (int32_t h = 0; h < a->v.Try.handlers.n; h++)
                if (cleans_up_and_reraises(sem, scope, a->v.Try.handlers.items[h]))
                    return NULL;
            const Node *next = first_action_after(a->v.Try.body, i);
            if (!next)
                next = first_action_after(a->v.Try.orelse, -1);
            if (next)
                return next == &FLOW_ENDS ? NULL : next;
            break;
        }
        case NK_If: {
            int32_t i = index_in(a->v.If.body, child);
            const Node *next = i >= 0 ? first_action_after(a->v.If.body, i)
                                      : first_action_after(a->v.If.orelse, index_in(a->v.If.orelse, child));
            if (next)
                return next == &FLOW_ENDS ? NULL : next;
            break;
        }
        case NK_With:
        case NK_AsyncWith: {
            if (with_suppresses(a))
                return NULL;
            const Node *next = first_action_after(a->v.With.body, index_in(a->v.With.body, child));
            if (next)
                return next == &FLOW_ENDS ? NULL : next;
            break;
        }
        case NK_For: case NK_AsyncFor: case NK_While: case NK_Match: case NK_match_case:
        case NK_ExceptHandler:
            return NULL;   /* loops and matches: the order of execution is not a simple sequence */
        default:
            break;         /* expressions around the yield (`x = (yield v)`), the statement holding it */
        }
    }
    NodeList body = sem_func_body(def);
    const Node *next = first_action_after(body, index_in(body, child));
    return next == &FLOW_ENDS ? NULL : next;
}

static void visit_def(RuleCtx *ctx, const Node *def)
{
    Semantic *sem = rule_semantic(ctx);
    const FuncInfo *info = sem_func_info(sem, def);
    if (!info || !info->is_generator || !is_contextmanager(info))
        return;
    const Scope *scope = sem_scope_of_def(sem, def);
    const Node *reported[8];
    int nreported = 0;
    for (int32_t i = 0; i < info->nyields; i++) {
        const Node *cleanup = unprotected_cleanup(sem, scope, def, info->yields[i]);
        int seen = 0;
        for (int k = 0; k < nreported; k++)
            seen |= reported[k] == cleanup;
        if (!cleanup || seen)
            continue;
        if (nreported < RULE_COUNT_OF(reported))
            reported[nreported++] = cleanup;
        rule_report(ctx, cleanup, NULL,
                    "code after `yield` runs only when the `with` body succeeds: an exception skips "
                    "it; put the cleanup in `finally`");
    }
}

const Rule rule_gt302 = {
    .code = "GT302",
    .name = "contextmanager-without-finally",
    .summary = "cleanup after `yield` in a `@contextmanager` that an exception skips",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A generator decorated with `contextlib.contextmanager` or `asynccontextmanager` "
                 "(any import form) with statements after a `yield` that are not protected: the "
                 "yield is not inside a `try` with `finally`, nor one whose broad `except` "
                 "(bare, `Exception`, `BaseException`) does some work and re-raises, nor inside a "
                 "`with` that swallows the exception (`assertRaises`, `pytest.raises`, "
                 "`contextlib.suppress`). The finding is "
                 "on the first statement that the error path skips.",
        .mechanism = "When the `with` body raises, the context manager throws the exception into the "
                     "generator at the `yield`. Code after the yield runs only if the generator "
                     "catches it; otherwise the exception propagates from the yield and the rest of "
                     "the function never runs.",
        .symptom = "Cleanup that happens on every test and is skipped in the one failing request: "
                   "locks never released (the next request deadlocks), connections never returned "
                   "to the pool (pool exhaustion), temporary state (cwd, env, settings) never "
                   "restored for the rest of the process.",
        .fix = "Wrap the yield: `try: yield x` / `finally: cleanup()`. For commit-or-rollback, "
               "`except BaseException: rollback(); raise` and commit after the try.",
        .wrong = "@contextmanager\ndef locked(lock):\n    lock.acquire()\n    yield\n    lock.release()",
        .right = "@contextmanager\ndef locked(lock):\n    lock.acquire()\n    try:\n        yield\n"
                 "    finally:\n        lock.release()",
        .peer = "none (ruff and pylint have no equivalent)",
        .notes = "Yields inside loops or match statements are not analysed.",
    },
    .kinds = { NK_FunctionDef, NK_AsyncFunctionDef },
    .visit = visit_def,
};
