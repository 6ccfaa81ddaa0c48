/* GT110 fromkeys-shared-value: `dict.fromkeys(keys, [])` gives every key the same list. */
#include "../engine/rule.h"
#include "../engine/rule_util.h"

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

/* ---- can a value of the dict be reached and changed? ---- */

/* Calls that read only the keys (or the values read-only) of a dict passed to them. */
static const char *const KEY_READERS[] = {
    "len", "sorted", "list", "set", "tuple", "frozenset", "bool", "iter", "any", "all", "print",
    "repr", "str", NULL,
};

/* Dict methods that neither return a value object nor keep the dict. */
static const char *const KEY_METHODS[] = { "keys", "update", "clear", "__contains__", NULL };

/* 1 if the dict read by the Load `use` (the name, or the fromkeys call itself) is only compared,
   iterated for its keys, given to a key reader, asked for its keys, or has items replaced. */
static int use_is_harmless(RuleCtx *ctx, const Scope *scope, const Node *use)
{
    Semantic *sem = rule_semantic(ctx);
    const Node *p = sem_parent_in(sem, scope, use);
    if (!p)
        return 0;
    switch (p->kind) {
    case NK_Compare:
        return 1;
    case NK_For:
        return p->v.For.iter == use;
    case NK_comprehension:
        return p->v.comprehension.iter == use;
    case NK_Expr:   /* the value is dropped */
        return 1;
    case NK_Subscript:
        if (p->v.Subscript.value != use)
            return 0;   /* `x[d]`: a key, kept by x */
        if (p->v.Subscript.ctx != EXPR_CONTEXT_Load) {
            /* `d[k] = v` replaces the shared value, `del d[k]` drops it; `d[k] += [x]` extends it */
            const Node *stmt = sem_parent_in(sem, scope, p);
            return !(stmt && stmt->kind == NK_AugAssign);
        }
        p = sem_parent_in(sem, scope, p);   /* `d[k]` read: only compared? */
        return p && p->kind == NK_Compare;
    case NK_Attribute: {
        const Node *call = sem_parent_in(sem, scope, p);
        return rule_str_in(p->v.Attribute.attr, KEY_METHODS) && call && call->kind == NK_Call &&
               call->v.Call.func == p;
    }
    case NK_Call:
        return p->v.Call.func != use && sem_call_matches(sem, scope, p, KEY_READERS);
    default:
        return 0;
    }
}

static int same_text(RuleCtx *ctx, const Node *a, const Node *b)
{
    uint32_t a0 = rule_offset(ctx, a->lineno, a->col_offset);
    uint32_t a1 = rule_offset(ctx, a->end_lineno, a->end_col_offset);
    uint32_t b0 = rule_offset(ctx, b->lineno, b->col_offset);
    uint32_t b1 = rule_offset(ctx, b->end_lineno, b->end_col_offset);
    const char *text = rule_source(ctx)->text;
    return a1 - a0 == b1 - b0 && memcmp(text + a0, text + b0, a1 - a0) == 0;
}

/* The statement after `st` in the block (statement list) that holds it, or NULL. */
static const Node *next_in_block(const Node *parent, const Node *st)
{
    const KindInfo *info = &ast_kinds[parent->kind];
    for (int f = 0; f < info->nfields; f++) {
        if (info->fields[f].type != F_LIST)
            continue;
        NodeList list = *(const NodeList *)((const char *)parent + info->fields[f].offset);
        for (int32_t i = 0; i + 1 < list.n; i++)
            if (list.items[i] == st)
                return list.items[i + 1];
    }
    return NULL;
}

/* `d = dict.fromkeys(keys, v)` directly followed by `for k in keys: ... d[k] = ...`: every key
   gets its own value before the dict is used. */
static int overwritten_next(RuleCtx *ctx, const Node *assign, const Node *call, Str name)
{
    const Node *parent = sem_parent_in(rule_semantic(ctx), rule_scope(ctx), assign);
    const Node *loop = parent ? next_in_block(parent, assign) : NULL;
    if (!loop || loop->kind != NK_For || loop->v.For.target->kind != NK_Name ||
        !same_text(ctx, loop->v.For.iter, call->v.Call.args.items[0]))
        return 0;
    Str key = loop->v.For.target->v.Name.id;
    NodeList body = loop->v.For.body;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *st = body.items[i];
        if (st->kind != NK_Assign || st->v.Assign.targets.n != 1)
            continue;
        const Node *t = st->v.Assign.targets.items[0];
        if (t->kind == NK_Subscript && t->v.Subscript.value->kind == NK_Name &&
            rule_str_same(t->v.Subscript.value->v.Name.id, name) &&
            t->v.Subscript.slice->kind == NK_Name && rule_str_same(t->v.Subscript.slice->v.Name.id, key))
            return 1;
    }
    return 0;
}

/* 1 if every read of the binding `target` in `scope` and its comprehensions is harmless; 0 when a
   nested def, lambda or class reads the name (a closure may do anything with the dict). */
static int reads_harmless(RuleCtx *ctx, const Scope *scope, const Node *target)
{
    Semantic *sem = rule_semantic(ctx);
    Str name = target->v.Name.id;
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (!rule_str_same(load->v.Name.id, name))
            continue;
        const Binding *bd = sem_resolve_name(sem, scope, load);
        if (bd && bd->node == target && !use_is_harmless(ctx, scope, load))
            return 0;
    }
    for (int32_t i = 0; i < scope->nchildren; i++) {
        const Scope *child = scope->children[i];
        if (child->kind == SCOPE_COMPREHENSION) {
            if (!reads_harmless(ctx, child, target))
                return 0;
            continue;
        }
        for (int32_t k = 0; k < child->nloads; k++)
            if (rule_str_same(child->loads[k]->v.Name.id, name))
                return 0;
    }
    return 1;
}

/* `d = dict.fromkeys(...)` in a function: 1 if every later read of that binding of `d` is harmless
   (use_is_harmless), or the next statement gives every key its own value. */
static int local_uses_harmless(RuleCtx *ctx, const Node *assign, const Node *target, const Node *call)
{
    return overwritten_next(ctx, assign, call, target->v.Name.id) ||
           reads_harmless(ctx, rule_scope(ctx), target);
}

/* 1 if the dict the call builds can give its shared value to code that may change it: it is kept
   (returned, passed on, stored in an attribute, a global or a container) or a value is read out of
   it for something other than a comparison. */
static int value_reachable(RuleCtx *ctx, const Node *call)
{
    const Scope *scope = rule_scope(ctx);
    const Node *p = rule_ancestor(ctx, 1);
    if (!p)
        return 1;
    const Node *target = p->kind == NK_Assign && p->v.Assign.targets.n == 1 ? p->v.Assign.targets.items[0]
                       : p->kind == NK_AnnAssign ? p->v.AnnAssign.target : NULL;
    if (target && target->kind == NK_Name)
        return (scope->kind != SCOPE_FUNCTION && scope->kind != SCOPE_LAMBDA) ||
               !local_uses_harmless(ctx, p, target, call);
    return !use_is_harmless(ctx, scope, call);
}

static void visit_call(RuleCtx *ctx, const Node *call)
{
    /* dict.fromkeys(iterable, value=None, /): the value is the second positional argument. */
    if (call->v.Call.args.n != 2 || !is_dict_fromkeys(ctx, call->v.Call.func))
        return;
    const Node *value = call->v.Call.args.items[1];
    if (value->kind == NK_Starred || !sem_is_mutable_expr(rule_semantic(ctx), rule_scope(ctx), value) ||
        !value_reachable(ctx, call))
        return;
    rule_report(ctx, call, NULL,
                "`fromkeys` stores this one mutable value under every key of a dict that is kept or "
                "read by key: a change through one key shows under all of them");
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
                 "value is mutable (a list/dict/set display or comprehension, a call to a mutable "
                 "class, or a module name bound once to one), when the shared value can be reached: "
                 "the dict is kept at module or class level, returned, passed to a call, stored in "
                 "an attribute or read by a closure, or a value is read out of it by key for "
                 "something else than a comparison (`d[k].append(x)`, `d.get(k)`, `d.items()`).",
        .mechanism = "`fromkeys` evaluates `value` once and stores that same object under each key; "
                     "it does not copy it.",
        .symptom = "Appending to one key's list appends to all of them: `groups['a'].append(x)` "
                   "shows `x` under every group, so per-key buckets, counters or caches merge.",
        .fix = "Build one value per key: `{k: [] for k in keys}`, or `collections.defaultdict(list)`.",
        .wrong = "groups = dict.fromkeys(names, [])\ngroups['a'].append(1)   # every group has 1",
        .right = "groups = {name: [] for name in names}",
        .peer = "ruff RUF024 (mutable-fromkeys-value)",
        .notes = "Not flagged when the dict, in a function, is only compared (`assert got == "
                 "dict.fromkeys(keys, [])`), iterated or counted for its keys, given to `len sorted "
                 "list set tuple`..., has items replaced or deleted, or when the statement right "
                 "after `d = dict.fromkeys(keys, v)` is `for k in keys:` (the same expression) whose "
                 "body assigns `d[k] = ...`: every key then gets its own value.",
        .precision = "No findings on the 3.11 site-packages and Django 3.2.",
    },
    .peers = { "RUF024" },
    .kinds = { NK_Call },
    .visit = visit_call,
};
