/* GT105 mutated-class-attribute: `items = []` in the class body and `self.items.append(x)` in a
   method, while no method ever gives the instance its own `self.items`: all instances share it.

   Every `self.X` of a method is seen by the traversal (NK_Attribute); the uses are collected per file
   and judged in `finish`, once all methods of each class are known.

   Sharing that is meant or harmless is left alone: caches (the cache-names pattern, matched
   without case on the name in snake_case, so `ruleIndexMapCache` is a cache) and memos (`self.X[k]
   = v` or `self.X.add(k)` after a lookup of the same `k` in `self.X` in that function: a value
   keyed by its input is the same for every instance, a key seen once is seen for all); an attribute a same-module base class gives each instance
   (`self.X = ...` in the base); classes defined in a function (a new class per call); private
   classes instantiated once at module level (singletons); registries of instances (every mutation
   that adds stores under the instance's own key: `self`, `id(self)`, a per-instance `self.Y`);
   tables (what is added is the same for every instance: stored under a key by a method taking only
   `self` and reading no per-instance state, or added in an `if not self.X:` that reads neither
   per-instance state nor a local bound before it), or, with no additions, only pruned by name
   (`del self.X[k]`, `.pop(k)`, `.clear()`...) from such data. `cls` in `__new__`, `__init_subclass__`,
   `__class_getitem__` and in metaclass methods is a class, not an instance. */
#include "../engine/rule.h"
#include "../engine/rule_util.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

typedef enum UseKind {
    USE_MUTATES,             /* self.X.append(...), self.X[k] = v... */
    USE_ASSIGNS,             /* self.X = ...: the instance has its own */
    USE_THROUGH_CLASS,       /* Cls.X / type(self).X / cls.X: the author knows X is shared */
    USE_LOOKUP               /* `k in self.X`, `self.X.get(k)`, `self.X[k]` read: key = k */
} UseKind;

typedef struct SelfUse {
    const Node *cls;         /* the class whose method holds the use */
    Str attr;
    const Node *node;        /* where to report: the mutating expression */
    const Node *key;         /* USE_LOOKUP: the key looked up; USE_MUTATES: the key stored by
                                `self.X[k] = v` (NULL for other mutations) */
    const Scope *scope;      /* the function the use is in */
    const Node *self_name;   /* USE_MUTATES: the `self` Name of `self.X` */
    uint8_t kind;            /* UseKind */
} SelfUse;

typedef struct State {
    SelfUse *uses;
    int32_t n, cap;
    regex_t cache_re;
    int cache_re_state;      /* 0 not compiled yet, 1 compiled, -1 invalid pattern */
} State;

static void add_use_key(RuleCtx *ctx, const Node *cls, Str attr, const Node *node, UseKind kind,
                        const Node *key)
{
    State *st = rule_state(ctx);
    st->uses = arena_grow(rule_arena(ctx), st->uses, &st->cap, st->n + 1, sizeof *st->uses, 32);
    st->uses[st->n++] = (SelfUse){ cls, attr, node, key, rule_scope(ctx), NULL, (uint8_t)kind };
}

static void add_use(RuleCtx *ctx, const Node *cls, Str attr, const Node *node, UseKind kind)
{
    add_use_key(ctx, cls, attr, node, kind, NULL);
}

/* 1 if the class is a metaclass: a base is `type` / `abc.ABCMeta`, or a metaclass of the same
   module (followed `depth` levels). */
static int is_metaclass(Semantic *sem, const Scope *scope, const Node *cls, int depth)
{
    static const char *const METAS[] = { "type", "abc.ABCMeta", NULL };
    NodeList bases = cls->v.ClassDef.bases;
    for (int32_t i = 0; i < bases.n; i++) {
        const Node *base = bases.items[i];
        if (rule_cstr_in(sem_qualname(sem, scope, base), METAS))
            return 1;
        if (depth <= 0 || base->kind != NK_Name)
            continue;
        const Binding *b = sem_resolve_name(sem, scope, base);
        if (b && b->kind == BIND_CLASS && b->node != cls && is_metaclass(sem, b->scope, b->node, depth - 1))
            return 1;
    }
    return 0;
}

/* Methods whose first parameter is a class even without @classmethod. */
static int is_implicit_classmethod(const Node *def)
{
    static const char *const NAMES[] = { "__new__", "__init_subclass__", "__class_getitem__", NULL };
    return rule_str_in(sem_func_name(def), NAMES);
}

/* The class of the method whose first parameter `name` is, or NULL when `name` is not the instance
   parameter of a method (static/class methods have none). */
static const Node *instance_class(RuleCtx *ctx, const Node *name)
{
    Semantic *sem = rule_semantic(ctx);
    const Binding *b = sem_resolve_name(sem, rule_scope(ctx), name);
    if (!b || b->kind != BIND_PARAM || !b->scope || b->scope->kind != SCOPE_FUNCTION)
        return NULL;
    const Node *def = b->scope->node;
    const FuncInfo *info = b->scope->func;
    if (!info || !info->is_method || !b->scope->parent || b->scope->parent->kind != SCOPE_CLASS)
        return NULL;
    if (rule_decorated_with(info, (const char *const[]){ "staticmethod", "classmethod", NULL }) ||
        is_implicit_classmethod(def) ||
        is_metaclass(sem, b->scope->parent->parent, b->scope->parent->node, 8))
        return NULL;   /* the first parameter is a class (or nothing), not an instance */
    const Node *args = sem_func_args(def);
    const Node *first = args->v.arguments.posonlyargs.n ? args->v.arguments.posonlyargs.items[0]
                        : args->v.arguments.args.n  ? args->v.arguments.args.items[0]
                                                     : NULL;
    return first == b->node ? b->scope->parent->node : NULL;
}

/* The class a `Cls.X`, `type(self).X`, `self.__class__.X` or `cls.X` (classmethod) refers to. */
static const Node *class_of_base(RuleCtx *ctx, const Node *base)
{
    Semantic *sem = rule_semantic(ctx);
    if (base->kind == NK_Name) {
        const Binding *b = sem_resolve_name(sem, rule_scope(ctx), base);
        if (b && b->kind == BIND_CLASS)
            return b->node;
        if (b && b->kind == BIND_PARAM && b->scope && b->scope->func && b->scope->func->is_method &&
            b->scope->parent && b->scope->parent->kind == SCOPE_CLASS &&
            rule_decorated_with(b->scope->func, (const char *const[]){ "classmethod", NULL }))
            return b->scope->parent->node;
        return NULL;
    }
    if (base->kind == NK_Attribute && sem_str_eq(base->v.Attribute.attr, "__class__") &&
        base->v.Attribute.value->kind == NK_Name)
        return instance_class(ctx, base->v.Attribute.value);
    if (base->kind == NK_Call && base->v.Call.args.n == 1 && base->v.Call.args.items[0]->kind == NK_Name &&
        sem_qualname_is(sem, rule_scope(ctx), base->v.Call.func, "type"))
        return instance_class(ctx, base->v.Call.args.items[0]);
    return NULL;
}

/* `k in self.X` / `k not in self.X`, `self.X.get(k, ...)`, `self.X[k]` read: the key, or NULL. */
static const Node *looked_up_key(RuleCtx *ctx, const Node *attr)
{
    const Node *parent = rule_ancestor(ctx, 1);
    if (!parent)
        return NULL;
    if (parent->kind == NK_Compare && parent->v.Compare.ops.n == 1 &&
        parent->v.Compare.comparators.items[0] == attr &&
        (parent->v.Compare.ops.items[0] == CMPOP_In || parent->v.Compare.ops.items[0] == CMPOP_NotIn))
        return parent->v.Compare.left;
    if (parent->kind == NK_Subscript && parent->v.Subscript.value == attr &&
        parent->v.Subscript.ctx == EXPR_CONTEXT_Load)
        return parent->v.Subscript.slice;
    const Node *grand = rule_ancestor(ctx, 2);
    if (parent->kind == NK_Attribute && sem_str_eq(parent->v.Attribute.attr, "get") && grand &&
        grand->kind == NK_Call && grand->v.Call.func == parent && grand->v.Call.args.n >= 1)
        return grand->v.Call.args.items[0];
    return NULL;
}

static void visit_attribute(RuleCtx *ctx, const Node *attr)
{
    const Node *base = attr->v.Attribute.value;
    const Node *shared_class = class_of_base(ctx, base);
    if (shared_class) {
        add_use(ctx, shared_class, attr->v.Attribute.attr, attr, USE_THROUGH_CLASS);
        return;
    }
    if (base->kind != NK_Name)
        return;
    const Node *parent = rule_ancestor(ctx, 1);
    if (!parent)
        return;
    const Node *mutation = NULL;   /* the expression or statement that mutates self.X in place */
    if (attr->v.Attribute.ctx == EXPR_CONTEXT_Store) {
        if (parent->kind == NK_AugAssign && parent->v.AugAssign.target == attr)
            mutation = parent;     /* `self.x += y` extends the shared list, then rebinds */
        else {
            const Node *cls = instance_class(ctx, base);
            if (cls)
                add_use(ctx, cls, attr->v.Attribute.attr, attr, USE_ASSIGNS);
            return;
        }
    } else if (attr->v.Attribute.ctx == EXPR_CONTEXT_Load) {
        const Node *key = looked_up_key(ctx, attr);
        if (key) {
            const Node *cls = instance_class(ctx, base);
            if (cls)
                add_use_key(ctx, cls, attr->v.Attribute.attr, attr, USE_LOOKUP, key);
            return;
        }
        const Node *grand = rule_ancestor(ctx, 2);
        if (parent->kind == NK_Attribute && grand && grand->kind == NK_Call &&
            grand->v.Call.func == parent && sem_is_mutating_method(parent->v.Attribute.attr))
            mutation = grand;
        else if (parent->kind == NK_Subscript && parent->v.Subscript.value == attr &&
                 parent->v.Subscript.ctx != EXPR_CONTEXT_Load)
            mutation = parent;     /* `self.x[k] = v`, `del self.x[k]`, `self.x[k] += 1` */
    }
    if (!mutation)
        return;
    const Node *cls = instance_class(ctx, base);
    const Node *key = NULL;   /* what `self.X[k] = v` / `self.X.add(k)` stores under */
    if (mutation == parent && parent->kind == NK_Subscript && parent->v.Subscript.ctx == EXPR_CONTEXT_Store)
        key = parent->v.Subscript.slice;
    else if (mutation->kind == NK_Call && sem_str_eq(parent->v.Attribute.attr, "add") &&
             mutation->v.Call.args.n == 1)
        key = mutation->v.Call.args.items[0];
    if (cls) {
        add_use_key(ctx, cls, attr->v.Attribute.attr, mutation, USE_MUTATES, key);
        State *st = rule_state(ctx);
        st->uses[st->n - 1].self_name = base;
    }
}

/* The class-body statement that binds `attr` to a mutable value without ClassVar, or NULL. */
static const Node *shared_mutable_attribute(Semantic *sem, const Node *cls, Str attr)
{
    const Scope *body_scope = sem_scope_of_def(sem, cls);
    /* A NamedTuple's annotated names are fields (the class attribute is a getter): GT112's. */
    int namedtuple = body_scope && sem_record_kind(sem, body_scope->parent, cls) == SEM_RECORD_NAMEDTUPLE;
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; body_scope && i < body.n; i++) {
        const Node *st = body.items[i];
        const Node *value = NULL;
        if (st->kind == NK_Assign) {
            for (int32_t t = 0; t < st->v.Assign.targets.n; t++) {
                const Node *target = st->v.Assign.targets.items[t];
                if (target->kind == NK_Name && rule_str_same(target->v.Name.id, attr))
                    value = st->v.Assign.value;
            }
        } else if (st->kind == NK_AnnAssign && st->v.AnnAssign.value && !namedtuple &&
                   st->v.AnnAssign.target->kind == NK_Name) {
            Str id = st->v.AnnAssign.target->v.Name.id;
            int classvar = sem_annotation_is(sem, body_scope, st->v.AnnAssign.annotation, "ClassVar");
            if (rule_str_same(id, attr) && !classvar)
                value = st->v.AnnAssign.value;
        }
        if (value && sem_is_mutable_expr(sem, body_scope, value))
            return st;
    }
    return NULL;
}

static int same_attribute(const SelfUse *a, const SelfUse *b)
{
    return a->cls == b->cls && rule_str_same(a->attr, b->attr);
}

/* The class, or a base class of the same module (followed `depth` levels), has a use of X of one of
   the kinds of `mask` (bits 1 << UseKind). */
static int class_has_use(Semantic *sem, const State *st, const Node *cls, Str attr, int depth, unsigned mask)
{
    for (int32_t i = 0; i < st->n; i++) {
        const SelfUse *u = &st->uses[i];
        if ((mask & (1u << u->kind)) && u->cls == cls && rule_str_same(u->attr, attr))
            return 1;
    }
    const Scope *body = sem_scope_of_def(sem, cls);
    NodeList bases = cls->v.ClassDef.bases;
    for (int32_t i = 0; body && depth > 0 && i < bases.n; i++) {
        const Node *base = bases.items[i];
        const Binding *b = base->kind == NK_Name ? sem_resolve_name(sem, body->parent, base) : NULL;
        if (b && b->kind == BIND_CLASS && b->node != cls &&
            class_has_use(sem, st, b->node, attr, depth - 1, mask))
            return 1;
    }
    return 0;
}

/* The class, or a base class of the same module, gives instances their own X, or X is reached
   through the class (sharing is known). */
static int class_owns_or_shares(Semantic *sem, const State *st, const Node *cls, Str attr, int depth)
{
    return class_has_use(sem, st, cls, attr, depth, (1u << USE_ASSIGNS) | (1u << USE_THROUGH_CLASS));
}

/* A memo: some `self.X[k] = v` (or `self.X.add(k)`) of the attribute follows a lookup of the
   same `k` in `self.X` in the same function. The stored value is keyed by its input, the same for
   every instance; a set filled after `k not in self.X` does a thing once per key (warn once,
   register once) for all instances. */
static int is_memo(RuleCtx *ctx, const State *st, const SelfUse *u)
{
    for (int32_t i = 0; i < st->n; i++) {
        const SelfUse *m = &st->uses[i];
        if (m->kind != USE_MUTATES || !m->key || !same_attribute(m, u))
            continue;
        for (int32_t k = 0; k < st->n; k++) {
            const SelfUse *l = &st->uses[k];
            if (l->kind == USE_LOOKUP && l->scope == m->scope && same_attribute(l, u) &&
                l->node->lineno <= m->node->lineno && rule_same_text(ctx, l->key, m->key))
                return 1;
        }
    }
    return 0;
}

/* The cache-names pattern, matched without case on the name in snake_case
   (`ruleIndexMapCache` -> `rule_index_map_cache`). */
static int is_cache_name(RuleCtx *ctx, State *st, Str name)
{
    if (st->cache_re_state == 0) {
        const RuleOptions *opt = rule_options(ctx);
        const char *pattern = opt && opt->cache_names_regex ? opt->cache_names_regex : RULE_DEFAULT_CACHE_NAMES;
        st->cache_re_state = regcomp(&st->cache_re, pattern, REG_EXTENDED | REG_NOSUB | REG_ICASE) == 0 ? 1 : -1;
    }
    char snake[256];
    size_t n = 0;
    for (uint32_t i = 0; i < name.len && n + 2 < sizeof snake; i++) {
        unsigned char c = (unsigned char)name.s[i];
        if (isupper(c) && i > 0 && (islower((unsigned char)name.s[i - 1]) || isdigit((unsigned char)name.s[i - 1])))
            snake[n++] = '_';
        snake[n++] = (char)tolower(c);
    }
    snake[n] = 0;
    return st->cache_re_state == 1 && regexec(&st->cache_re, snake, 0, NULL, 0) == 0;
}

/* A class defined in a function: a new class (and a new attribute object) per call. */
static int defined_in_function(Semantic *sem, const Node *cls)
{
    const Scope *body = sem_scope_of_def(sem, cls);
    for (const Scope *s = body ? body->parent : NULL; s; s = s->parent)
        if (s->kind == SCOPE_FUNCTION || s->kind == SCOPE_LAMBDA)
            return 1;
    return 0;
}

/* Reads of `name` in `scope` and the scopes nested in it that can make an instance: a call of
   it, or any other read but an attribute access (`Name.helper(...)` makes none). */
static int32_t count_instantiations(Semantic *sem, const Scope *scope, Str name, const Node **last)
{
    int32_t n = 0;
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (!rule_str_same(load->v.Name.id, name))
            continue;
        const Node *parent = sem_parent(sem, load);
        if (parent && parent->kind == NK_Attribute && parent->v.Attribute.value == load)
            continue;
        *last = load;
        n++;
    }
    for (int32_t c = 0; c < scope->nchildren; c++)
        n += count_instantiations(sem, scope->children[c], name, last);
    return n;
}

/* A private class (`_Name`) of the module made once, by a call at module level
   (`_registry = _Registry()`), and otherwise only used for its attributes: a singleton, no second
   instance to share with. */
static int is_private_singleton(RuleCtx *ctx, const Node *cls)
{
    Str name = cls->v.ClassDef.name;
    Semantic *sem = rule_semantic(ctx);
    const Scope *module = sem_module_scope(sem);
    const Scope *body = sem_scope_of_def(sem, cls);
    if (name.len < 2 || name.s[0] != '_' || !body || body->parent != module)
        return 0;
    const Node *only = NULL;
    if (count_instantiations(sem, module, name, &only) != 1)
        return 0;
    for (int32_t i = 0; i < module->nloads; i++)
        if (module->loads[i] == only) {
            const Node *call = sem_parent(sem, only);
            const Node *stmt = call ? sem_parent(sem, call) : NULL;
            return call && call->kind == NK_Call && call->v.Call.func == only && stmt &&
                   stmt->kind == NK_Assign && stmt->v.Assign.value == call;
        }
    return 0;
}

/* ---- Sharing by design: a registry of instances, a table the same for every instance ---- */

/* The class body, or that of a base class of the same module (followed `depth` levels), binds
   `attr` by an assignment (data, not a def). */
static int class_binds_data(Semantic *sem, const Node *cls, Str attr, int depth)
{
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *st = body.items[i];
        if (st->kind == NK_AnnAssign && st->v.AnnAssign.value && st->v.AnnAssign.target->kind == NK_Name &&
            rule_str_same(st->v.AnnAssign.target->v.Name.id, attr))
            return 1;
        for (int32_t t = 0; st->kind == NK_Assign && t < st->v.Assign.targets.n; t++) {
            const Node *target = st->v.Assign.targets.items[t];
            if (target->kind == NK_Name && rule_str_same(target->v.Name.id, attr))
                return 1;
        }
    }
    const Scope *scope = sem_scope_of_def(sem, cls);
    NodeList bases = cls->v.ClassDef.bases;
    for (int32_t i = 0; scope && depth > 0 && i < bases.n; i++) {
        const Node *base = bases.items[i];
        const Binding *b = base->kind == NK_Name ? sem_resolve_name(sem, scope->parent, base) : NULL;
        if (b && b->kind == BIND_CLASS && b->node != cls && class_binds_data(sem, b->node, attr, depth - 1))
            return 1;
    }
    return 0;
}

/* `self.Y` is the same for every instance: class data no method assigns through `self`. */
static int is_class_constant(Semantic *sem, const State *st, const Node *cls, Str attr)
{
    return class_binds_data(sem, cls, attr, 8) && !class_has_use(sem, st, cls, attr, 8, 1u << USE_ASSIGNS);
}

/* `name` is a read of the instance parameter `self`. */
static int is_self(Semantic *sem, const Scope *scope, const Node *name, const Binding *self)
{
    return name->kind == NK_Name && sem_resolve_name(sem, scope, name) == self;
}

/* The instance's own key: `self`, `id(self)`, or `self.Y` where Y is per-instance (not a class
   constant, not X itself). */
static int is_identity_key(Semantic *sem, const State *st, const SelfUse *u, const Binding *self,
                           const Node *key)
{
    if (key->kind == NK_Call && key->v.Call.args.n == 1 && !key->v.Call.keywords.n &&
        sem_qualname_is(sem, u->scope, key->v.Call.func, "id"))
        key = key->v.Call.args.items[0];
    if (key->kind == NK_Attribute && is_self(sem, u->scope, key->v.Attribute.value, self))
        return !rule_str_same(key->v.Attribute.attr, u->attr) &&
               !is_class_constant(sem, st, u->cls, key->v.Attribute.attr);
    return is_self(sem, u->scope, key, self);
}

typedef enum Growth {
    PRUNES_KEYED,    /* removes what it names, or all: `del self.X[k]`, pop(k), remove, discard, clear */
    GROWS_NOT,       /* other removals and reorderings: pop(), popitem, sort, move_to_end... */
    GROWS_KEYED,     /* stores under a key: `self.X[k] = v`, setdefault, add, update: again, no change */
    GROWS_PER_CALL   /* append, extend, `+=`, `self.X[k] += 1`: grows on every call */
} Growth;

/* How a mutation changes X; `*key` gets the key or the item it stores, when there is one. */
static Growth growth(Semantic *sem, const SelfUse *u, const Node **key)
{
    static const char *const KEYED[] = { "setdefault", "add", "update", "__setitem__", NULL };
    static const char *const ITEM_FIRST[] = { "append", "appendleft", "add", "setdefault", "__setitem__",
                                              NULL };
    static const char *const PRUNE_NAMED[] = { "pop", "remove", "discard", "__delitem__", NULL };
    const Node *m = u->node;
    *key = NULL;
    if (m->kind == NK_Subscript) {
        if (m->v.Subscript.ctx == EXPR_CONTEXT_Del)
            return PRUNES_KEYED;
        *key = m->v.Subscript.slice;
        const Node *p = sem_parent(sem, m);
        return p && p->kind == NK_AugAssign && p->v.AugAssign.target == m ? GROWS_PER_CALL : GROWS_KEYED;
    }
    if (m->kind != NK_Call || m->v.Call.func->kind != NK_Attribute)
        return GROWS_PER_CALL;   /* self.X += ... */
    Str op = m->v.Call.func->v.Attribute.attr;
    if ((m->v.Call.args.n >= 1 && rule_str_in(op, PRUNE_NAMED)) ||
        (m->v.Call.args.n == 0 && sem_str_eq(op, "clear")))
        return PRUNES_KEYED;
    if (sem_is_shrinking_method(op))
        return GROWS_NOT;
    if (m->v.Call.args.n >= 1 && rule_str_in(op, ITEM_FIRST))
        *key = m->v.Call.args.items[0];
    return rule_str_in(op, KEYED) ? GROWS_KEYED : GROWS_PER_CALL;
}

/* The `if not self.X:` of its function whose body holds the mutation (it fills X only while
   empty), or NULL. */
static const Node *filled_while_empty(Semantic *sem, const SelfUse *u, const Binding *self)
{
    const Node *child = u->node;
    for (const Node *p = sem_parent(sem, child); p && p != u->scope->node;
         child = p, p = sem_parent(sem, p)) {
        if (p->kind != NK_If || child == p->v.If.test)
            continue;
        const Node *test = p->v.If.test;
        const Node *attr = test->kind == NK_UnaryOp && test->v.UnaryOp.op == UNARYOP_Not
                               ? test->v.UnaryOp.operand : NULL;
        int in_body = 0;
        for (int32_t i = 0; i < p->v.If.body.n; i++)
            in_body |= p->v.If.body.items[i] == child;
        if (in_body && attr && attr->kind == NK_Attribute && rule_str_same(attr->v.Attribute.attr, u->attr) &&
            is_self(sem, u->scope, attr->v.Attribute.value, self))
            return p;
    }
    return NULL;
}

/* `node` is `region` or inside it; any node when `region` is NULL. */
static int within(Semantic *sem, const Node *node, const Node *region)
{
    for (const Node *p = node; region && p != region; p = sem_parent(sem, p))
        if (!p)
            return 0;
    return 1;
}

/* A local of `scope` read in `region`, but `self`, is bound only in `region` (a loop variable of the
   fill), not earlier from what the method computed. */
static int locals_bound_within(Semantic *sem, const Scope *scope, const Node *region, const Binding *self)
{
    for (int32_t i = 0; region && i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        char name[128];
        const Binding *b[16];
        if (!within(sem, load, region) || rule_str_same(load->v.Name.id, self->name) ||
            !rule_str_to_cstr(load->v.Name.id, name, sizeof name))
            continue;
        int32_t n = sem_bindings_of(scope, name, b, RULE_COUNT_OF(b));
        if (n > RULE_COUNT_OF(b))
            return 0;
        for (int32_t k = 0; k < n; k++)
            if (!b[k]->stmt || !within(sem, b[k]->stmt, region))
                return 0;
    }
    return 1;
}

/* Every read of `name` in `scope` and its nested scopes calls it. */
static int only_called(Semantic *sem, const Scope *scope, Str name)
{
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        const Node *parent = rule_str_same(load->v.Name.id, name) ? sem_parent(sem, load) : NULL;
        if (rule_str_same(load->v.Name.id, name) &&
            !(parent && parent->kind == NK_Call && parent->v.Call.func == load))
            return 0;
    }
    for (int32_t c = 0; c < scope->nchildren; c++)
        if (!only_called(sem, scope->children[c], name))
            return 0;
    return 1;
}

/* Reads of `self` in `region` (NULL: all) of `scope` and its nested scopes are only of X, of class
   constants, or stores (`self.Y = ...`). */
static int self_reads_constant(Semantic *sem, const State *st, const SelfUse *u, const Scope *scope,
                               const Binding *self, const Node *region)
{
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (!rule_str_same(load->v.Name.id, self->name) || sem_resolve_name(sem, scope, load) != self ||
            !within(sem, load, region))
            continue;
        const Node *parent = sem_parent(sem, load);
        if (!parent || parent->kind != NK_Attribute || parent->v.Attribute.value != load)
            return 0;   /* `self` itself handed on */
        Str y = parent->v.Attribute.attr;
        if (parent->v.Attribute.ctx == EXPR_CONTEXT_Load && !rule_str_same(y, u->attr) &&
            !is_class_constant(sem, st, u->cls, y))
            return 0;
    }
    for (int32_t c = 0; c < scope->nchildren; c++)
        if (!self_reads_constant(sem, st, u, scope->children[c], self, region))
            return 0;
    return 1;
}

/* The number of parameters of a def, `*args` and `**kwargs` included. */
static int32_t param_count(const Node *def)
{
    const Node *args = sem_func_args(def);
    return args->v.arguments.posonlyargs.n + args->v.arguments.args.n + args->v.arguments.kwonlyargs.n +
           (args->v.arguments.vararg != NULL) + (args->v.arguments.kwarg != NULL);
}

/* What the mutation stores is the same for every instance: its method takes nothing but `self`
   and reads no per-instance state (or, given a `region`, the region reads no per-instance state
   and no local bound outside it),
   and a nested function holding the mutation takes parameters only when the method just calls it
   (its arguments come from the method). */
static int instance_independent(Semantic *sem, const State *st, const SelfUse *u, const Binding *self,
                                const Node *region)
{
    const Scope *method = self->scope;
    if (!region && param_count(method->node) != 1)
        return 0;   /* in a region, reading a parameter is reading a local bound outside it */
    for (const Scope *s = u->scope; s != method; s = s->parent) {
        if (!s || s->kind == SCOPE_LAMBDA)
            return 0;
        if (s->kind == SCOPE_FUNCTION && param_count(s->node) > 0 &&
            !only_called(sem, s->parent, sem_func_name(s->node)))
            return 0;
    }
    return self_reads_constant(sem, st, u, method, self, region) &&
           locals_bound_within(sem, method, region, self);
}

/* Every mutation of X that adds to it stores under the instance's own key (a registry of
   instances: `self.X[self.id] = lock`, `self.X.append(self)`), or stores what is the same for every
   instance, under a key or only while X is empty (a table); and at least one adds. Removals are
   the registry's or table's upkeep. With no additions at all, every removal names what it removes
   (or clears) from data that is the same for every instance (a table pruned of what this Python
   lacks): any instance would prune the same. */
static int shared_by_design(Semantic *sem, const State *st, const SelfUse *u)
{
    int adds = 0, pruned_alike = 1;
    for (int32_t i = 0; i < st->n; i++) {
        const SelfUse *m = &st->uses[i];
        const Node *key;
        if (m->kind != USE_MUTATES || !same_attribute(m, u))
            continue;
        Growth g = growth(sem, m, &key);
        const Binding *self = m->self_name ? sem_resolve_name(sem, m->scope, m->self_name) : NULL;
        int method_self = self && self->kind == BIND_PARAM && self->scope &&
                          self->scope->kind == SCOPE_FUNCTION;
        if (g == PRUNES_KEYED || g == GROWS_NOT) {
            pruned_alike &= g == PRUNES_KEYED && method_self && instance_independent(sem, st, m, self, NULL);
            continue;
        }
        adds++;
        if (!method_self)
            return 0;
        if (key && is_identity_key(sem, st, m, self, key))
            continue;
        const Node *guard = filled_while_empty(sem, m, self);
        if ((guard || g == GROWS_KEYED) && instance_independent(sem, st, m, self, guard))
            continue;
        return 0;
    }
    return adds > 0 || pruned_alike;
}

/* Sharing that is meant or harmless (see the file comment). */
static int sharing_is_fine(RuleCtx *ctx, State *st, const SelfUse *u)
{
    Semantic *sem = rule_semantic(ctx);
    return class_owns_or_shares(sem, st, u->cls, u->attr, 8) || is_cache_name(ctx, st, u->attr) ||
           defined_in_function(sem, u->cls) || is_memo(ctx, st, u) || is_private_singleton(ctx, u->cls) ||
           shared_by_design(sem, st, u);
}

/* One finding per shared attribute, on its first mutation, with the number of the others. */
static void finish(RuleCtx *ctx)
{
    State *st = rule_state(ctx);
    Semantic *sem = rule_semantic(ctx);
    for (int32_t i = 0; i < st->n; i++) {
        const SelfUse *u = &st->uses[i];
        if (u->kind != USE_MUTATES)
            continue;
        int first = 1, others = 0;
        for (int32_t k = 0; k < st->n; k++) {
            if (k == i || st->uses[k].kind != USE_MUTATES || !same_attribute(u, &st->uses[k]))
                continue;
            first &= k > i;
            others++;
        }
        const Node *decl = first ? shared_mutable_attribute(sem, u->cls, u->attr) : NULL;
        if (!decl || sharing_is_fine(ctx, st, u))
            continue;
        char more[48] = "";
        if (others)
            snprintf(more, sizeof more, " (and %d more place%s)", others, others > 1 ? "s" : "");
        rule_report(ctx, u->node, NULL,
                    "`self.%.*s` mutates the class attribute defined on line %d%s: every instance "
                    "shares that one object",
                    (int)u->attr.len, u->attr.s, (int)decl->lineno, more);
    }
    if (st->cache_re_state == 1)
        regfree(&st->cache_re);
    st->cache_re_state = 0;
}

const Rule rule_gt105 = {
    .code = "GT105",
    .name = "mutated-class-attribute",
    .summary = "a mutable class attribute mutated through `self`",
    .default_on = 0,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A method that mutates `self.X` in place (`self.X.append(...)`, `.add/.update/"
                 ".pop/...`, `self.X[k] = v`, `del self.X[k]`, `self.X += ...`) where the class body "
                 "binds `X` to a mutable value (not `ClassVar`), no method of the class ever "
                 "assigns `self.X = ...`, and the module never reaches `X` through the class "
                 "(`Cls.X`, `type(self).X`, `self.__class__.X`, `cls.X`), which shows the sharing "
                 "is intended. `self` is the first parameter of a method that is not a "
                 "staticmethod/classmethod, also when read from a nested function.",
        .mechanism = "Attribute lookup on an instance falls back to the class. Without an instance "
                     "attribute of its own, `self.items` is the class's list, and mutating it in place "
                     "changes it for the class and every other instance. (`self.items += x` mutates "
                     "the shared list first, then stores it on the instance.)",
        .symptom = "Data leaks between objects: a request handler or session object created per "
                   "request accumulates the items of all previous requests; memory grows; tests pass "
                   "one at a time and fail together.",
        .fix = "Create the object per instance in `__init__` (`self.items = []`); if sharing is "
               "intended, say so with `ClassVar` and mutate it through the class (`type(self).items`).",
        .wrong = "class Cart:\n    items = []\n\n    def add(self, item):\n        self.items.append(item)",
        .right = "class Cart:\n    def __init__(self):\n        self.items = []\n\n"
                 "    def add(self, item):\n        self.items.append(item)",
        .peer = "ruff RUF012 flags the declaration whether or not it is mutated",
        .notes = "One finding per attribute, on its first mutation; the message counts the others. "
                 "Not flagged: caches (the cache-names pattern, default `^_?cache|_cache$|^_?memo`, "
                 "matched without case on the name in snake_case: `lookupCache` is one), memos "
                 "(`self.X[k] = v` or `self.X.add(k)` after a lookup of the same `k` in `self.X` "
                 "in that function), attributes a base class of the same module assigns through "
                 "`self`, classes defined in a function, private classes made once at module level "
                 "(singletons), registries of instances (every mutation that adds to X stores under "
                 "the instance's own key: `self.X[self.id] = ...`, `self.X[id(self)]`, "
                 "`self.X.append(self)`; removals are upkeep), tables whose content is the same for "
                 "every instance (filled under a key by a method that takes only `self` and reads "
                 "no per-instance state, only X, class constants and module globals; or filled "
                 "inside `if not self.X:` from such data; or, never added to, only pruned by name "
                 "or cleared from such data), and `cls` in `__new__`, "
                 "`__init_subclass__`, `__class_getitem__` or a metaclass method.",
        .precision = "100% (all 6 findings) on the 3.11 site-packages and Django 3.2, but 8 of 15 on "
                     "Debian packages nobody had tuned on: a class-level container is often a registry "
                     "or a cache meant to be shared, which the code does not say. Below the 90% bar of "
                     "the default set: enable it with `--extend-select GT105`.",
    },
    .peers = { "RUF012" },
    .kinds = { NK_Attribute },
    .visit = visit_attribute,
    .finish = finish,
    .state_size = sizeof(State),
};
