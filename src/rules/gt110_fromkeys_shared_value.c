/* GT110 fromkeys-shared-value: `dict.fromkeys(keys, [])` gives every key the same list. */
#include "../engine/rule.h"
#include "rule_util.h"

#include <string.h>

/* The dict classes whose `fromkeys` stores one value object under every key. */
static const char *const FROMKEYS_OWNERS[] = {
    "dict", "collections.OrderedDict", "collections.defaultdict", "collections.UserDict", NULL,
};

static int is_dict_fromkeys(RuleCtx *ctx, const Node *func)
{
    if (func->kind != NK_Attribute || !sem_str_eq(func->v.Attribute.attr, "fromkeys"))
        return 0;
    if (func->v.Attribute.value->kind == NK_Dict)
        return 1;   /* {}.fromkeys(...) */
    const char *owner = sem_qualname(rule_semantic(ctx), rule_scope(ctx), func->v.Attribute.value);
    return rule_cstr_in(owner, FROMKEYS_OWNERS);
}

static void visit_call(RuleCtx *ctx, const Node *call)
{
    /* dict.fromkeys(iterable, value=None, /): the value is the second positional argument. */
    if (call->v.Call.args.n != 2 || !is_dict_fromkeys(ctx, call->v.Call.func))
        return;
    const Node *value = call->v.Call.args.items[1];
    if (value->kind == NK_Starred || !sem_is_mutable_expr(rule_semantic(ctx), rule_scope(ctx), value))
        return;
    rule_report(ctx, call, NULL,
                "`fromkeys` stores this one mutable value under every key: a change through one key "
                "shows under all of them");
}

const Rule rule_gt110 = {
    .code = "GT110",
    .name = "fromkeys-shared-value",
    .summary = "`dict.fromkeys(keys, <mutable>)`: every key shares one value",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "`dict.fromkeys(keys, value)` (also `OrderedDict`, `defaultdict`, `UserDict`) whose "
                 "value is mutable: a list/dict/set display or comprehension, a call to a mutable "
                 "class, or a module name bound once to one.",
        .mechanism = "`fromkeys` evaluates `value` once and stores that same object under each key; "
                     "it does not copy it.",
        .symptom = "Appending to one key's list appends to all of them: `groups['a'].append(x)` "
                   "shows `x` under every group, so per-key buckets, counters or caches merge.",
        .fix = "Build one value per key: `{k: [] for k in keys}`, or `collections.defaultdict(list)`.",
        .wrong = "groups = dict.fromkeys(names, [])\ngroups['a'].append(1)   # every group has 1",
        .right = "groups = {name: [] for name in names}",
        .peer = "ruff RUF024 (mutable-fromkeys-value)",
        .notes = NULL,
    },
    .peers = { "RUF024" },
    .kinds = { NK_Call },
    .visit = visit_call,
};
