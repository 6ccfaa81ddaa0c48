/* GT105 mutated-class-attribute: `items = []` in the class body and `self.items.append(x)` in a
   method, while no method ever gives the instance its own `self.items`: all instances share it.

   Every `self.X` of a method is seen by the traversal (NK_Attribute); the uses are collected per file
   and judged in `finish`, once all methods of each class are known. */
#include "../engine/rule.h"
#include "rule_util.h"

#include <stdio.h>
#include <string.h>

typedef enum UseKind {
    USE_MUTATES,             /* self.X.append(...), self.X[k] = v... */
    USE_ASSIGNS,             /* self.X = ...: the instance has its own */
    USE_THROUGH_CLASS        /* Cls.X / type(self).X / cls.X: the author knows X is shared */
} UseKind;

typedef struct SelfUse {
    const Node *cls;         /* the class whose method holds the use */
    Str attr;
    const Node *node;        /* where to report: the mutating expression */
    uint8_t kind;            /* UseKind */
} SelfUse;

typedef struct State {
    SelfUse *uses;
    int32_t n, cap;
} State;

static void add_use(RuleCtx *ctx, const Node *cls, Str attr, const Node *node, UseKind kind)
{
    State *st = rule_state(ctx);
    if (st->n == st->cap) {
        int32_t cap = st->cap ? st->cap * 2 : 32;
        SelfUse *grown = arena_alloc(rule_arena(ctx), (size_t)cap * sizeof *grown);
        if (st->n)
            memcpy(grown, st->uses, (size_t)st->n * sizeof *grown);
        st->uses = grown;
        st->cap = cap;
    }
    st->uses[st->n++] = (SelfUse){ cls, attr, node, (uint8_t)kind };
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
    if (rule_decorated_with(info, (const char *const[]){ "staticmethod", "classmethod", NULL }))
        return NULL;
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
    if (cls)
        add_use(ctx, cls, attr->v.Attribute.attr, mutation, USE_MUTATES);
}

/* The class-body statement that binds `attr` to a mutable value without ClassVar, or NULL. */
static const Node *shared_mutable_attribute(Semantic *sem, const Node *cls, Str attr)
{
    const Scope *body_scope = sem_scope_of_def(sem, cls);
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
        } else if (st->kind == NK_AnnAssign && st->v.AnnAssign.value &&
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

/* The class gives instances their own X, or reaches X through the class (sharing is known). */
static int class_owns_or_shares(const State *st, const Node *cls, Str attr)
{
    for (int32_t i = 0; i < st->n; i++) {
        const SelfUse *u = &st->uses[i];
        if (u->kind != USE_MUTATES && u->cls == cls && rule_str_same(u->attr, attr))
            return 1;
    }
    return 0;
}

static int same_attribute(const SelfUse *a, const SelfUse *b)
{
    return a->cls == b->cls && rule_str_same(a->attr, b->attr);
}

/* One finding per shared attribute, on its first mutation, with the number of the others. */
static void finish(RuleCtx *ctx)
{
    const State *st = rule_state(ctx);
    Semantic *sem = rule_semantic(ctx);
    for (int32_t i = 0; i < st->n; i++) {
        const SelfUse *u = &st->uses[i];
        if (u->kind != USE_MUTATES || class_owns_or_shares(st, u->cls, u->attr))
            continue;
        int first = 1, others = 0;
        for (int32_t k = 0; k < st->n; k++) {
            if (k == i || st->uses[k].kind != USE_MUTATES || !same_attribute(u, &st->uses[k]))
                continue;
            first &= k > i;
            others++;
        }
        const Node *decl = first ? shared_mutable_attribute(sem, u->cls, u->attr) : NULL;
        if (!decl)
            continue;
        char more[48] = "";
        if (others)
            snprintf(more, sizeof more, " (and %d more place%s)", others, others > 1 ? "s" : "");
        rule_report(ctx, u->node, NULL,
                    "`self.%.*s` mutates the class attribute defined on line %d%s: every instance "
                    "shares that one object",
                    (int)u->attr.len, u->attr.s, (int)decl->lineno, more);
    }
}

const Rule rule_gt105 = {
    .code = "GT105",
    .name = "mutated-class-attribute",
    .summary = "a mutable class attribute mutated through `self`",
    .default_on = 1,
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
                 "Only the class's own body and methods are considered (not base classes).",
    },
    .peers = { "RUF012" },
    .kinds = { NK_Attribute },
    .visit = visit_attribute,
    .finish = finish,
    .state_size = sizeof(State),
};
