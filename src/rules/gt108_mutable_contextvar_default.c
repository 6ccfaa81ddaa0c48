/* GT108 mutable-contextvar-default: `ContextVar("x", default=[])` hands one object to every context. */
#include "../engine/rule.h"

static void visit_call(RuleCtx *ctx, const Node *call)
{
    Semantic *sem = rule_semantic(ctx);
    const Node *func = call->v.Call.func;
    if (func->kind == NK_Subscript)
        func = func->v.Subscript.value;   /* ContextVar[list]("x", default=[]) */
    /* Cheap filters first: a `default=` keyword, and `x.ContextVar` or a plain (maybe aliased) name. */
    int has_default = 0;
    for (int32_t i = 0; i < call->v.Call.keywords.n; i++)
        has_default |= sem_str_eq(call->v.Call.keywords.items[i]->v.keyword.arg, "default");
    if (!has_default || (func->kind != NK_Name && !(func->kind == NK_Attribute &&
                                                    sem_str_eq(func->v.Attribute.attr, "ContextVar"))))
        return;
    if (!sem_qualname_is(sem, rule_scope(ctx), func, "contextvars.ContextVar"))
        return;
    for (int32_t i = 0; i < call->v.Call.keywords.n; i++) {
        const Node *kw = call->v.Call.keywords.items[i];
        if (sem_str_eq(kw->v.keyword.arg, "default") &&
            sem_is_mutable_expr(sem, rule_scope(ctx), kw->v.keyword.value))
            rule_report(ctx, kw->v.keyword.value, NULL,
                        "mutable `ContextVar` default: every context that has not set the variable "
                        "gets this same object, so a change in one request shows in all others");
    }
}

const Rule rule_gt108 = {
    .code = "GT108",
    .name = "mutable-contextvar-default",
    .summary = "`ContextVar(..., default=<mutable>)` is shared by every context",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "`contextvars.ContextVar(name, default=...)` (through any import or alias) whose "
                 "default is a list/dict/set display or comprehension, a call to a mutable class, or "
                 "a module name bound once to such a value.",
        .mechanism = "The default is evaluated once, when the ContextVar is created. `var.get()` in a "
                     "context where the variable was never set returns that very object, not a copy; "
                     "mutating it in place (`var.get().append(x)`) changes the default itself.",
        .symptom = "Per-request state that is not per request: tags, user data or a log buffer "
                   "filled by one request (asyncio task, thread) show up in every later request that "
                   "did not call `set()` first; memory grows with traffic.",
        .fix = "Default to `None` (or no default) and `set()` a fresh object at the start of each "
               "context; or store immutable values (tuple, frozenset) and `set()` a new one to change.",
        .wrong = "request_tags = ContextVar(\"request_tags\", default=[])\n"
                 "request_tags.get().append(tag)",
        .right = "request_tags = ContextVar(\"request_tags\", default=())\n"
                 "request_tags.set(request_tags.get() + (tag,))",
        .peer = "ruff B039 (mutable-contextvar-default)",
        .notes = NULL,
        .precision = "No findings on the 3.11 site-packages and Django 3.2.",
    },
    .peers = { "B039" },
    .kinds = { NK_Call },
    .visit = visit_call,
};
