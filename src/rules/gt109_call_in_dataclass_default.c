/* GT109 call-in-dataclass-default: `config: Config = Config()` in a dataclass builds one Config,
   at class creation, and every instance gets that same object. */
#include "../engine/rule.h"
#include "rule_util.h"

#include <string.h>

/* Class decorators whose annotated class attributes become per-instance fields with defaults. */
static const char *const DATACLASS_DECORATORS[] = {
    "dataclasses.dataclass", "pydantic.dataclasses.dataclass",
    "attr.s", "attr.attrs", "attr.define", "attr.frozen", "attr.mutable",
    "attrs.define", "attrs.frozen", "attrs.mutable", NULL,
};

/* Calls that declare a field (and its factory) rather than build the default itself. */
static const char *const FIELD_SPECIFIERS[] = {
    "dataclasses.field", "attr.ib", "attr.attrib", "attr.field", "attrs.field", "attr.Factory",
    "attrs.Factory", "pydantic.Field", "pydantic.fields.Field", NULL,
};

static int is_dataclass(Semantic *sem, const Scope *scope, const Node *cls)
{
    NodeList decorators = cls->v.ClassDef.decorator_list;
    for (int32_t i = 0; i < decorators.n; i++) {
        const Node *d = decorators.items[i];
        if (d->kind == NK_Call)
            d = d->v.Call.func;
        if (rule_cstr_in(sem_qualname(sem, scope, d), DATACLASS_DECORATORS))
            return 1;
    }
    return 0;
}

/* A class of this module whose instances cannot change: `@dataclass(frozen=True)` or a NamedTuple. */
static int is_local_immutable_class(Semantic *sem, const Scope *scope, const Node *func)
{
    if (func->kind != NK_Name)
        return 0;
    const Binding *b = sem_resolve_name(sem, scope, func);
    if (!b || b->kind != BIND_CLASS)
        return 0;
    const Node *cls = b->node;
    for (int32_t i = 0; i < cls->v.ClassDef.bases.n; i++) {
        const Node *base = cls->v.ClassDef.bases.items[i];
        Str last = base->kind == NK_Name ? base->v.Name.id
                   : base->kind == NK_Attribute ? base->v.Attribute.attr : (Str){ 0 };
        if (last.s && sem_str_eq(last, "NamedTuple"))
            return 1;
    }
    NodeList decorators = cls->v.ClassDef.decorator_list;
    for (int32_t i = 0; i < decorators.n; i++) {
        const Node *d = decorators.items[i];
        if (d->kind != NK_Call)
            continue;
        for (int32_t k = 0; k < d->v.Call.keywords.n; k++) {
            const Node *kw = d->v.Call.keywords.items[k];
            if (sem_str_eq(kw->v.keyword.arg, "frozen") && kw->v.keyword.value->kind == NK_Constant &&
                kw->v.keyword.value->v.Constant.value.kind == CONST_TRUE)
                return 1;
        }
    }
    return 0;
}

static void visit_class(RuleCtx *ctx, const Node *cls)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *outer = rule_scope(ctx);
    if (!is_dataclass(sem, outer, cls))
        return;
    /* Field annotations and defaults are evaluated in the class body's scope. */
    const Scope *body_scope = sem_scope_of_def(sem, cls);
    if (!body_scope)
        body_scope = outer;
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *st = body.items[i];
        if (st->kind != NK_AnnAssign || st->v.AnnAssign.target->kind != NK_Name)
            continue;
        const Node *value = st->v.AnnAssign.value;
        if (!value || value->kind != NK_Call ||
            sem_annotation_is(sem, body_scope, st->v.AnnAssign.annotation, "ClassVar"))
            continue;
        const char *q = sem_qualname(sem, body_scope, value->v.Call.func);
        if (rule_cstr_in(q, FIELD_SPECIFIERS) || (q && sem_is_immutable_call(sem, q)) ||
            is_local_immutable_class(sem, body_scope, value->v.Call.func))
            continue;
        Str field = st->v.AnnAssign.target->v.Name.id;
        rule_report(ctx, value, NULL,
                    "field `%.*s` defaults to the result of one call, made when the class is created: "
                    "every instance gets that same object; use `field(default_factory=...)`",
                    (int)field.len, field.s);
    }
}

const Rule rule_gt109 = {
    .code = "GT109",
    .name = "call-in-dataclass-default",
    .summary = "a dataclass field default built by a call, shared by all instances",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "In a class decorated with `dataclasses.dataclass` (any form, with or without "
                 "arguments; also attrs `define`/`frozen`/`s` and pydantic dataclasses), an annotated "
                 "field whose default is a call: `config: Config = Config()`, `at: datetime = "
                 "datetime.now()`. Not flagged: `field(...)`/`attr.ib(...)`/`Factory(...)`, calls that "
                 "build immutable values (`tuple`, `Decimal`, `Path`, `timedelta`..., and classes of "
                 "the same module that are frozen dataclasses or NamedTuples), `ClassVar` "
                 "attributes, attributes without an annotation (they are not fields).",
        .mechanism = "The class body runs once. The call's result is stored as the field's default, "
                     "and the generated `__init__` assigns that same object to every instance that "
                     "does not pass the argument. The dataclass check for mutable defaults only "
                     "rejects values whose class is unhashable (list, dict, set, a non-frozen "
                     "dataclass); an ordinary object passes.",
        .symptom = "State leaks across instances: two jobs share one `Config` (changing one "
                   "reconfigures all), every record carries the import time as its timestamp, every "
                   "instance holds the same client or lock.",
        .fix = "`config: Config = field(default_factory=Config)`, or a lambda factory for calls "
               "with arguments.",
        .wrong = "@dataclass\nclass Job:\n    config: Config = Config()",
        .right = "@dataclass\nclass Job:\n    config: Config = field(default_factory=Config)",
        .peer = "ruff RUF009 (function-call-in-dataclass-default-argument)",
        .notes = "Extra immutable callees: `immutable-calls` in `[tool.gotcha]`.",
    },
    .peers = { "RUF009" },
    .kinds = { NK_ClassDef },
    .visit = visit_class,
};
