/* GT109 call-in-dataclass-default: `config: Config = Config()` in a dataclass builds one Config,
   at class creation, and every instance gets that same object. */
#include "../engine/rule.h"
#include "../engine/rule_util.h"
#include "default_analysis.h"

#include <string.h>

/* Calls that declare a field (and its factory) rather than build the default itself. */
static const char *const FIELD_SPECIFIERS[] = {
    "dataclasses.field", "attr.ib", "attr.attrib", "attr.field", "attrs.field", "attr.Factory",
    "attrs.Factory", "pydantic.Field", "pydantic.fields.Field", NULL,
};

/* `field(default=<value>)` and its attrs/pydantic spellings: the value given as the default, or NULL. */
static const Node *specifier_default(const Node *call)
{
    for (int32_t k = 0; k < call->v.Call.keywords.n; k++) {
        const Node *kw = call->v.Call.keywords.items[k];
        if (sem_str_eq(kw->v.keyword.arg, "default"))
            return kw->v.keyword.value;
    }
    return NULL;
}

/* `opts: Options = Options()` with `Options` imported (or a helper that returns one): when a method
   of the dataclass mutates the shared object (instances built elsewhere are not followed: that
   reads the whole module again for every such field), the project phase reports it if `Options` is a class of another
   module whose instances hold state (not an Enum, NamedTuple, frozen class, immutable-builtin
   subclass, descriptor...). A helper that returns a container does not count: the dataclass
   rejects a list, dict or set default when the class is made. */
static void imported_builder(RuleCtx *ctx, const Scope *scope, const Node *cls, const Node *target,
                             const Node *ann, const Node *value, const char *fix)
{
    Semantic *sem = rule_semantic(ctx);
    const char *q = default_imported_callee(ctx, value);
    char evidence[200] = "", callee[48];
    if (!q || sem_annotation_is_immutable(sem, scope, ann) || !default_attribute_in_text(ctx, target->v.Name.id)
        || !default_field_mutation(ctx, cls, target, value, 0, evidence, sizeof evidence))
        return;
    Str field = target->v.Name.id;
    rule_callee_text(ctx, value, callee, sizeof callee);
    DiagRef ref = { .target = (char *)q, .index = -1, .line = value->lineno };
    DiagCond c = { .kind = DIAG_COND_RETURNS_INSTANCE, .refs = &ref, .nrefs = 1 };
    rule_condition_begin(ctx, &c, 1);
    rule_report(ctx, value, NULL,
                "field `%.*s` defaults to one object, built by `%s()` when the class is created ("
                DIAG_CALLEE_MARK "): every instance shares it, and %s; use `%s`",
                (int)field.len, field.s, callee, evidence, fix);
    rule_condition_end(ctx);
}

/* One field default: a call that builds a new stateful object, or a call anywhere in it whose value
   depends on when it runs (`uuid4().hex`, `str(uuid4())`). An object of this file's own code (an
   instance of a class of this file...) is reported only when visible code mutates it. */
static void check_default(RuleCtx *ctx, const Scope *scope, const Node *cls, const Node *target,
                          const Node *ann, const Node *value)
{
    Str field = target->v.Name.id;
    Semantic *sem = rule_semantic(ctx);
    if (value->kind == NK_Call &&
        rule_cstr_in(sem_qualname(sem, scope, value->v.Call.func), FIELD_SPECIFIERS)) {
        value = specifier_default(value);
        if (!value)
            return;
    }
    char callee[48], evidence[200] = "";
    SemRecordKind kind = sem_record_kind(sem, rule_scope(ctx), cls);
    int attrs = kind == SEM_RECORD_ATTRS || kind == SEM_RECORD_ATTRS_AUTO;
    if (attrs && sem_is_mutable_expr(sem, scope, value))
        return;   /* a container in an attrs field: GT112 */
    const char *fix = attrs ? "field(factory=...)" : "field(default_factory=...)";
    if (value->kind == NK_Call && sem_call_kind(sem, scope, value) == SEM_CALL_MUTABLE) {
        if (sem_annotation_is_immutable(sem, scope, ann))
            return;   /* `price: Money = make_money()`: the annotation says it is a value */
        if (sem_call_builds_file_object(sem, scope, value)
            && !default_field_mutation(ctx, cls, target, value, 1, evidence, sizeof evidence))
            return;   /* plain Python state nothing visible changes */
        rule_callee_text(ctx, value, callee, sizeof callee);
        rule_report(ctx, value, NULL,
                    "field `%.*s` defaults to one object, built by `%s()` when the class is "
                    "created: every instance shares it%s%s; use `%s`",
                    (int)field.len, field.s, callee, evidence[0] ? ", and " : "", evidence, fix);
        return;
    }
    const Node *call = sem_find_varying_call(sem, scope, value);
    if (!call && value->kind == NK_Call)
        imported_builder(ctx, scope, cls, target, ann, value, fix);
    if (!call)
        return;
    rule_callee_text(ctx, call, callee, sizeof callee);
    rule_report(ctx, call, NULL,
                "field `%.*s` defaults to a value computed by `%s()` once, when the class is "
                "created: every instance gets that same value; use `%s`",
                (int)field.len, field.s, callee, fix);
}

static void visit_class(RuleCtx *ctx, const Node *cls)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *outer = rule_scope(ctx);
    if (!sem_is_dataclass(sem, outer, cls))
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
        if (!value || sem_annotation_is(sem, body_scope, st->v.AnnAssign.annotation, "ClassVar"))
            continue;
        check_default(ctx, body_scope, cls, st->v.AnnAssign.target, st->v.AnnAssign.annotation, value);
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
                 "field whose default (or `field(default=...)`) is a call that builds a new object "
                 "with state (`log: StringIO = StringIO()`; and, when visible code mutates the shared "
                 "object through `self.<field>` in a method of the class or through `.<field>` of an "
                 "instance built without that field, a class of the same file whose methods "
                 "store on `self` or an empty namespace class, a function of the same file returning "
                 "a new container: the message names the line), or contains a call whose value depends on when it runs "
                 "(`at: datetime = datetime.now()`, `uid: str = uuid4().hex`, `str(uuid4())`, "
                 "`time.time() + 60`).",
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
        .wrong = "@dataclass\nclass Job:\n    created: datetime = datetime.now()\n"
                 "    log: StringIO = StringIO()",
        .right = "@dataclass\nclass Job:\n    created: datetime = field(default_factory=datetime.now)\n"
                 "    log: StringIO = field(default_factory=StringIO)",
        .peer = "ruff RUF009 (function-call-in-dataclass-default-argument)",
        .notes = "Not flagged: an object of this file's own code that nothing visible mutates, calls this file cannot show to build shared state or a stale "
                 "value (imported classes and functions, unless the project phase shows them "
                 "stateful, `Cls.field(...)` helpers that return field "
                 "specifiers, functions returning Enum members or constants), `field(...)`/"
                 "`attr.ib(...)`/`Factory(...)` without a flagged `default=`, immutable builtins, "
                 "frozen dataclasses, NamedTuples, Enums, classes with methods and no instance "
                 "state, containers in attrs fields (GT112 reports them; the message names attrs' "
                 "`field(factory=...)` in attrs classes), a call that builds an object for a field "
                 "annotated with an immutable type (a type named in `immutable-calls`), `ClassVar` attributes, attributes without an annotation (they are not "
                 "fields). `mutable-calls` in `[tool.gotcha]` adds callees that build mutable "
                 "objects; `immutable-calls` removes some. Project phase (`gotcha check` of a "
                 "package): a class of another checked module whose instances hold state (not an "
                 "Enum, NamedTuple, frozen dataclass or attrs class, immutable-builtin subclass, "
                 "descriptor, class with a metaclass or `__new__`), called directly or by a helper "
                 "that returns its instance, is reported when a method of the dataclass mutates "
                 "the shared object through `self.<field>`; the message names the class with its file:line. A helper that returns an "
                 "Enum member or `field(...)` stays silent.",
        .precision = "100%: all 3 findings on the 3.11 site-packages and Django 3.2 are real.",
    },
    .peers = { "RUF009" },
    .kinds = { NK_ClassDef },
    .visit = visit_class,
    .finish = default_finish,
    .state_size = sizeof(DefaultState),
};
