/* GT801 slots-conflict: `__slots__ = ("x",)` with a class variable `x`: type() raises ValueError.

   `type.__new__` checks each slot name (mangled) against the namespace it receives, except
   `__dict__` and `__weakref__` (they become the instance dict / weakref support) and `__qualname__` /
   `__classcell__` (removed from the namespace first). So the error needs a namespace that still
   holds the class variable when it reaches `type.__new__`: not a binding that never runs (under
   `if TYPE_CHECKING:`), not a class created by a custom metaclass (which may drop or rename names
   before calling `type.__new__`, as pydantic's does). */
#include "../engine/rule.h"
#include "../engine/rule_util.h"

#include <string.h>

/* The value assigned to `__slots__` directly in the class body, or NULL. */
static const Node *slots_value(const Node *cls)
{
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *st = body.items[i];
        if (st->kind == NK_Assign && st->v.Assign.targets.n == 1) {
            const Node *t = st->v.Assign.targets.items[0];
            if (t->kind == NK_Name && sem_str_eq(t->v.Name.id, "__slots__"))
                return st->v.Assign.value;
        } else if (st->kind == NK_AnnAssign && st->v.AnnAssign.value) {
            const Node *t = st->v.AnnAssign.target;
            if (t->kind == NK_Name && sem_str_eq(t->v.Name.id, "__slots__"))
                return st->v.AnnAssign.value;
        }
    }
    return NULL;
}

/* A module-level name bound exactly once: follow it to its value (`__slots__ = FIELDS`). */
static const Node *follow_module_constant(Semantic *sem, const Node *value)
{
    if (value->kind != NK_Name)
        return value;
    char name[128];
    if (!rule_str_to_cstr(value->v.Name.id, name, sizeof name))
        return NULL;
    const Binding *only = NULL;
    if (sem_bindings_of(sem_module_scope(sem), name, &only, 1) != 1 || only->kind != BIND_ASSIGN)
        return NULL;
    return only->value;
}

/* The string constants that name slots, in source order (displays of str constants, a single str,
   or dict keys). Returns the count stored in `out`. */
static int32_t slot_name_nodes(const Node *value, const Node **out, int32_t max)
{
    if (!value)
        return 0;
    if (value->kind == NK_Constant)
        return value->v.Constant.value.kind == CONST_STR && max > 0 ? (out[0] = value, 1) : 0;
    NodeList items = value->kind == NK_Tuple ? value->v.Tuple.elts
                     : value->kind == NK_List ? value->v.List.elts
                     : value->kind == NK_Set  ? value->v.Set.elts
                     : value->kind == NK_Dict ? value->v.Dict.keys
                                              : (NodeList){ 0 };
    int32_t n = 0;
    for (int32_t i = 0; i < items.n && n < max; i++) {
        const Node *e = items.items[i];
        if (e && e->kind == NK_Constant && e->v.Constant.value.kind == CONST_STR)
            out[n++] = e;
    }
    return n;
}

/* Bindings that create a class attribute: not `x: int` alone, not global/nonlocal/del. */
static int makes_class_variable(const Binding *b)
{
    switch (b->kind) {
    case BIND_GLOBAL: case BIND_NONLOCAL: case BIND_DELETE:
        return 0;
    case BIND_ASSIGN:
        return !(b->stmt && b->stmt->kind == NK_AnnAssign && !b->stmt->v.AnnAssign.value);
    default:
        return 1;
    }
}

/* Slot names that type.__new__ never checks against the namespace. */
static int is_unchecked_slot(const char *slot)
{
    static const char *const UNCHECKED[] = { "__dict__", "__weakref__", "__qualname__",
                                             "__classcell__", NULL };
    return rule_cstr_in(slot, UNCHECKED);
}

/* `TYPE_CHECKING`, `typing.TYPE_CHECKING`, `t.TYPE_CHECKING`: false when the code runs. */
static int is_type_checking(const Node *test)
{
    Str name = test->kind == NK_Name        ? test->v.Name.id
               : test->kind == NK_Attribute ? test->v.Attribute.attr
                                            : (Str){ 0 };
    return name.s && sem_str_eq(name, "TYPE_CHECKING");
}

/* 1 if `child` (a statement directly in `parent`) never runs because `parent` is
   `if TYPE_CHECKING:` (its body) or `if not TYPE_CHECKING:` (its else branch). */
static int skipped_at_runtime(const Node *parent, const Node *child)
{
    if (parent->kind != NK_If)
        return 0;
    const Node *test = parent->v.If.test;
    int negated = test->kind == NK_UnaryOp && test->v.UnaryOp.op == UNARYOP_Not;
    if (negated)
        test = test->v.UnaryOp.operand;
    if (!is_type_checking(test))
        return 0;
    NodeList branch = negated ? parent->v.If.orelse : parent->v.If.body;
    for (int32_t i = 0; i < branch.n; i++)
        if (branch.items[i] == child)
            return 1;
    return 0;
}

/* 1 if the binding's statement sits, inside the class body, in a branch that never runs. */
static int binding_never_runs(Semantic *sem, const Scope *body, const Node *cls, const Binding *b)
{
    const Node *child = b->stmt;
    for (const Node *a = child ? sem_parent_in(sem, body, child) : NULL; a && a != cls;
         child = a, a = sem_parent_in(sem, body, a))
        if (skipped_at_runtime(a, child))
            return 1;
    return 0;
}

/* 1 while the visited class itself is defined in a branch that never runs. */
static int class_never_runs(RuleCtx *ctx, const Node *cls)
{
    const Node *child = cls;
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a)
            return 0;
        if (skipped_at_runtime(a, child))
            return 1;
        child = a;
    }
}

/* 1 while the visited class is created inside `with self.assertRaises(...)` /
   `pytest.raises(...)`: the ValueError is what the code tests for. */
static int error_expected(RuleCtx *ctx)
{
    static const char *const EXPECTERS[] = { "assertRaises", "assertRaisesRegex", "raises", NULL };
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a)
            return 0;
        if (a->kind != NK_With)
            continue;
        NodeList items = a->v.With.items;
        for (int32_t i = 0; i < items.n; i++) {
            const Node *e = items.items[i]->v.withitem.context_expr;
            const Node *f = e->kind == NK_Call ? e->v.Call.func : NULL;
            Str name = !f ? (Str){ 0 }
                       : f->kind == NK_Attribute ? f->v.Attribute.attr
                       : f->kind == NK_Name      ? f->v.Name.id
                                                 : (Str){ 0 };
            if (name.s && rule_str_in(name, EXPECTERS))
                return 1;
        }
    }
}

/* 1 if the class gets a metaclass other than `type` / `abc.ABCMeta`: from its `metaclass=`
   keyword, or inherited from a base class of the same module (followed `depth` levels). Such a
   metaclass builds the namespace that reaches type.__new__ and may drop names from it. */
static int has_custom_metaclass(Semantic *sem, const Scope *scope, const Node *cls, int depth)
{
    static const char *const PLAIN[] = { "type", "abc.ABCMeta", NULL };
    NodeList kw = cls->v.ClassDef.keywords;
    for (int32_t i = 0; i < kw.n; i++) {
        const Node *k = kw.items[i];
        if (k->v.keyword.arg.s && sem_str_eq(k->v.keyword.arg, "metaclass") &&
            !rule_cstr_in(sem_qualname(sem, scope, k->v.keyword.value), PLAIN))
            return 1;
    }
    NodeList bases = cls->v.ClassDef.bases;
    for (int32_t i = 0; depth > 0 && i < bases.n; i++) {
        const Node *base = bases.items[i];
        if (base->kind != NK_Name)
            continue;
        const Binding *b = sem_resolve_name(sem, scope, base);
        if (b && b->kind == BIND_CLASS && b->node != cls &&
            has_custom_metaclass(sem, b->scope, b->node, depth - 1))
            return 1;
    }
    return 0;
}

/* Report over the name of a def / class rather than its whole body. */
static void report_binding(RuleCtx *ctx, const Binding *b, const char *slot)
{
    const char *fmt = "class variable `%s` is also in `__slots__`: creating the class raises "
                      "`ValueError`";
    const Node *n = b->node;
    if (n->kind != NK_FunctionDef && n->kind != NK_AsyncFunctionDef && n->kind != NK_ClassDef) {
        rule_report(ctx, n, NULL, fmt, slot);
        return;
    }
    int32_t start, end;
    rule_def_name_columns(ctx, n, &start, &end);
    rule_report_at(ctx, n->lineno, start, n->lineno, end, NULL, fmt, slot);
}

static void visit_class(RuleCtx *ctx, const Node *cls)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *body = sem_scope_of_def(sem, cls);
    const Node *value = slots_value(cls);
    if (!body || !value || class_never_runs(ctx, cls) || error_expected(ctx) ||
        has_custom_metaclass(sem, rule_scope(ctx), cls, 8))
        return;
    const Node *names[64];
    int32_t n = slot_name_nodes(follow_module_constant(sem, value), names, RULE_COUNT_OF(names));
    for (int32_t i = 0; i < n; i++) {
        Str s = names[i]->v.Constant.value.text;
        char slot[128];
        /* A slot name holding a NUL cannot match any Python identifier. */
        if (memchr(s.s, '\0', s.len) || !rule_str_to_cstr(s, slot, sizeof slot) ||
            is_unchecked_slot(slot))
            continue;
        const Binding *found[16];
        int32_t nb = sem_bindings_of(body, slot, found, RULE_COUNT_OF(found));
        for (int32_t k = 0; k < nb && k < RULE_COUNT_OF(found); k++) {
            if (makes_class_variable(found[k]) && !binding_never_runs(sem, body, cls, found[k])) {
                report_binding(ctx, found[k], slot);
                break;
            }
        }
    }
}

const Rule rule_gt801 = {
    .code = "GT801",
    .name = "slots-conflict",
    .summary = "a `__slots__` name that is also a class variable",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A name listed in the class's `__slots__` (a str, a tuple/list/set of str, dict keys, "
                 "or a module constant bound once to one of those) that the class body also binds: "
                 "an assignment with a value, a def, a nested class, an import. The finding is on the "
                 "class variable's first binding.",
        .mechanism = "Each slot becomes a descriptor stored in the class namespace under the slot's "
                     "name. A class variable of the same name would be overwritten, so `type.__new__` "
                     "refuses: `ValueError: 'x' in __slots__ conflicts with class variable`. A default "
                     "value cannot live on the class when the name is a slot.",
        .symptom = "The module fails at import time; everything that imports it fails too. It "
                   "typically appears when `__slots__` is added to an existing class for memory, or "
                   "a default is added to a slotted class.",
        .fix = "Drop the class-level value and set the default in `__init__`; or rename one of them; "
               "or use `@dataclass(slots=True)`, which handles defaults.",
        .wrong = "class Point:\n    __slots__ = (\"x\", \"y\")\n    x = 0",
        .right = "class Point:\n    __slots__ = (\"x\", \"y\")\n\n    def __init__(self, x=0, y=0):\n"
                 "        self.x = x\n        self.y = y",
        .peer = "pylint E0242 (class-variable-slots-conflict)",
        .notes = "An annotation without a value (`x: int`) creates no class variable and is fine. "
                 "Not flagged either: `__dict__` / `__weakref__` slots (never checked), bindings "
                 "under `if TYPE_CHECKING:` (or the class itself there), classes made inside "
                 "`with assertRaises(...)` / `pytest.raises(...)` (the error is expected), and "
                 "classes with a "
                 "metaclass other than `type` / `ABCMeta` (own `metaclass=`, or inherited from a "
                 "base class of the same module): the metaclass builds the namespace and may drop "
                 "the names before `type.__new__` sees them.",
        .precision = "No findings on the 3.11 site-packages and Django 3.2 (its findings there were all in "
                     "`.pyi` stubs, which it no longer checks).",
    },
    .peers = { "E0242", "PLE0242", "class-variable-slots-conflict" },
    .kinds = { NK_ClassDef },
    .visit = visit_class,
};
