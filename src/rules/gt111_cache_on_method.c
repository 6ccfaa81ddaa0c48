/* GT111 cache-on-method: `@lru_cache` / `@cache` on a method puts `self` in a process-wide cache. */
#include "../engine/rule.h"
#include "rule_util.h"

#include <string.h>

static int is_cache_decorator(const char *qualname)
{
    static const char *const CACHES[] = { "functools.lru_cache", "functools.cache", NULL };
    return rule_cstr_in(qualname, CACHES);
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
    for (int32_t i = 0; i < info->ndecorators && i < decorators.n; i++)
        if (is_cache_decorator(info->decorators[i]))
            rule_report(ctx, decorators.items[i], NULL,
                        "`%s` on method `%.*s`: the class-wide cache holds a reference to every `self` it "
                        "saw, so instances stay alive as long as they are cached",
                        strcmp(info->decorators[i], "functools.cache") == 0 ? "cache" : "lru_cache",
                        (int)sem_func_name(def).len, sem_func_name(def).s);
}

const Rule rule_gt111 = {
    .code = "GT111",
    .name = "cache-on-method",
    .summary = "`functools.lru_cache`/`cache` on a method keeps every instance alive",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A method (a def directly in a class body, not a staticmethod or classmethod) "
                 "decorated with `functools.lru_cache` or `functools.cache`, in any import form, with "
                 "or without arguments, also under `@property`.",
        .mechanism = "The decorator wraps the function once, at class creation: one cache per "
                     "class, shared by all instances. `self` is part of every key, so the cache holds "
                     "a strong reference to each instance it saw (until evicted; `cache` never evicts).",
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
        .notes = NULL,
    },
    .peers = { "B019", "W1518", "PLW1518", "method-cache-max-size-none" },
    .kinds = { NK_FunctionDef, NK_AsyncFunctionDef },
    .visit = visit_def,
};
