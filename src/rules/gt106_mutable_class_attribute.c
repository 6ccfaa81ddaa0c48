/* GT106 mutable-class-attribute: `hosts = []` in a class body is one list for the class and every
   instance. Off by default: most such attributes are read-only tables; GT105 finds the mutated ones. */
#include "../engine/rule.h"

#include <string.h>

/* Bases whose annotated class attributes are per-instance field defaults, copied per instance. */
static const char *const COPYING_BASES[] = { "BaseModel", "BaseSettings", "SQLModel", "Struct", NULL };

/* `__slots__`, `__all__`, and sunder metadata read by frameworks (ctypes `_fields_`, enum
   `_ignore_`): declarations, not state. */
static int is_special_name(Str name)
{
    return name.len > 2 && name.s[0] == '_' && name.s[name.len - 1] == '_';
}

/* Last component of a base expression: `pydantic.BaseModel` -> "BaseModel". */
static Str base_name(const Node *base)
{
    if (base->kind == NK_Subscript)
        base = base->v.Subscript.value;
    if (base->kind == NK_Name)
        return base->v.Name.id;
    if (base->kind == NK_Attribute)
        return base->v.Attribute.attr;
    return (Str){ 0 };
}

static int has_base_named(const Node *cls, const char *const *names, int suffix_ok)
{
    for (int32_t i = 0; i < cls->v.ClassDef.bases.n; i++) {
        Str b = base_name(cls->v.ClassDef.bases.items[i]);
        for (int k = 0; b.s && names[k]; k++) {
            size_t n = strlen(names[k]);
            if (sem_str_eq(b, names[k]) ||
                (suffix_ok && b.len > n && memcmp(b.s + b.len - n, names[k], n) == 0))
                return 1;
        }
    }
    return 0;
}

static int is_dataclass(Semantic *sem, const Scope *scope, const Node *cls)
{
    NodeList decorators = cls->v.ClassDef.decorator_list;
    for (int32_t i = 0; i < decorators.n; i++) {
        const Node *d = decorators.items[i];
        const char *q = sem_qualname(sem, scope, d->kind == NK_Call ? d->v.Call.func : d);
        if (q && (strcmp(q, "dataclasses.dataclass") == 0 || strncmp(q, "attr.", 5) == 0 || strncmp(q, "attrs.", 6) == 0 ||
                  strcmp(q, "pydantic.dataclasses.dataclass") == 0))
            return 1;
    }
    return 0;
}

static void report(RuleCtx *ctx, const Node *target, const Node *value, int namedtuple)
{
    Str name = target->v.Name.id;
    if (namedtuple)   /* a NamedTuple rejects ClassVar annotations and has no __init__ to fill */
        rule_report(ctx, value, NULL,
                    "mutable class attribute `%.*s` is one object shared by the class and every "
                    "instance: use an immutable value (a tuple, a frozenset, MappingProxyType)",
                    (int)name.len, name.s);
    else
        rule_report(ctx, value, NULL,
                    "mutable class attribute `%.*s` is one object shared by the class and every "
                    "instance: mark it `ClassVar` if that is intended, or create it in `__init__`",
                    (int)name.len, name.s);
}

static void visit_class(RuleCtx *ctx, const Node *cls)
{
    /* Enum members are not shared state; their values are the members. */
    if (has_base_named(cls, (const char *const[]){ "Enum", "Flag", NULL }, 1))
        return;
    Semantic *sem = rule_semantic(ctx);
    const Scope *body_scope = sem_scope_of_def(sem, cls);
    if (!body_scope)
        return;
    /* NamedTuple fields are its `__new__` defaults: GT112 reports the mutable ones. */
    int namedtuple = sem_record_kind(sem, rule_scope(ctx), cls) == SEM_RECORD_NAMEDTUPLE;
    int fields_are_copied = is_dataclass(sem, rule_scope(ctx), cls) ||
                            has_base_named(cls, COPYING_BASES, 0) || namedtuple;
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *st = body.items[i];
        if (st->kind == NK_Assign) {
            if (!sem_is_mutable_expr(sem, body_scope, st->v.Assign.value))
                continue;
            for (int32_t t = 0; t < st->v.Assign.targets.n; t++) {
                const Node *target = st->v.Assign.targets.items[t];
                if (target->kind == NK_Name && !is_special_name(target->v.Name.id)) {
                    report(ctx, target, st->v.Assign.value, namedtuple);
                    break;
                }
            }
        } else if (st->kind == NK_AnnAssign && st->v.AnnAssign.value) {
            const Node *target = st->v.AnnAssign.target;
            const Node *ann = st->v.AnnAssign.annotation;   /* ClassVar / Final: sharing is declared */
            int declared = sem_annotation_is(sem, body_scope, ann, "ClassVar") ||
                           sem_annotation_is(sem, body_scope, ann, "Final");
            if (target->kind != NK_Name || is_special_name(target->v.Name.id) || fields_are_copied || declared ||
                !sem_is_mutable_expr(sem, body_scope, st->v.AnnAssign.value))
                continue;
            report(ctx, target, st->v.AnnAssign.value, 0);
        }
    }
}

const Rule rule_gt106 = {
    .code = "GT106",
    .name = "mutable-class-attribute",
    .summary = "a mutable class attribute without `ClassVar` (off by default)",
    .default_on = 0,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A class-body assignment of a mutable value (list/dict/set display or "
                 "comprehension, call to a mutable class, module name bound once to one) that is not "
                 "annotated `ClassVar`/`Final`. Not flagged: dunder and sunder names (`__slots__`, "
                 "`__all__`, ctypes `_fields_`), "
                 "Enum members, annotated fields of dataclasses/attrs classes and NamedTuples (GT112 "
                 "reports their mutable defaults) and of models that copy "
                 "defaults per instance (pydantic `BaseModel`/`BaseSettings`, `SQLModel`, msgspec "
                 "`Struct`).",
        .mechanism = "The class body runs once; its names become attributes of the class object. "
                     "`self.hosts` finds the class attribute when the instance has none, so every "
                     "instance reads and mutates the same object.",
        .symptom = "Only a risk until someone mutates it through an instance (then GT105): data "
                   "written for one object or request appears in all others. Off by default because "
                   "constant lookup tables are common; turn it on to enforce `ClassVar` annotations.",
        .fix = "Annotate intended class-level state `ClassVar[...]`; create per-instance state in "
               "`__init__`; use a tuple/frozenset/MappingProxyType for constants.",
        .wrong = "class Settings:\n    hosts = []",
        .right = "class Settings:\n    hosts: ClassVar[list[str]] = []   # or set self.hosts in __init__",
        .peer = "ruff RUF012 (mutable-class-default)",
        .notes = "Enable with `--select GT106` or `extend-select`.",
    },
    .peers = { "RUF012" },
    .kinds = { NK_ClassDef },
    .visit = visit_class,
};
