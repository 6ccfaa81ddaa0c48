/* GT112 mutable-field-default: a mutable default of a record field that the record's machinery
   hands, as it is, to every instance built without it: `items: list = []` in a typing.NamedTuple
   (the default of `__new__`, kept in `_field_defaults`), `collections.namedtuple(..., defaults=[[]])`,
   attrs fields (`attr.ib(default=[])`, `attrs.field(default={})`, `items: list = []` in an
   `@attrs.define` class). The GT103 of records: the value is shared whether or not visible code
   mutates it. Dataclasses are not checked here (they reject list/dict/set defaults when the class
   is created; GT109 covers the calls they let through), nor pydantic models (they copy defaults).
   Which classes are records is a semantic fact (sem_record_kind). */
#include "../engine/rule.h"
#include "../engine/rule_util.h"

#include <stdio.h>
#include <string.h>

/* A default worth reporting: a mutable display, comprehension or container call. A module name
   bound to one is not (the module names and shares that object anyway, as GT103 holds). */
static int is_shared_mutable(RuleCtx *ctx, const Scope *scope, const Node *value)
{
    return value && value->kind != NK_Name && sem_is_mutable_expr(rule_semantic(ctx), scope, value);
}

/* What attrs' `factory=` should be given for this default: the type of an empty display, the
   callee of a call without arguments, else a lambda that rebuilds the value. */
static void factory_hint(RuleCtx *ctx, const Node *value, char *out, size_t cap)
{
    char text[64];
    if ((value->kind == NK_List && value->v.List.elts.n == 0) ||
        (value->kind == NK_Dict && value->v.Dict.keys.n == 0)) {
        snprintf(out, cap, "%s", value->kind == NK_List ? "list" : "dict");
    } else if (value->kind == NK_Call && value->v.Call.args.n == 0 && value->v.Call.keywords.n == 0) {
        rule_callee_text(ctx, value, text, sizeof text);
        snprintf(out, cap, "%s", text);
    } else {
        rule_node_text(ctx, value, text, sizeof text);
        snprintf(out, cap, "lambda: %s", text);
    }
}

/* `in_specifier`: the default was given to `attr.ib(...)`/`field(...)`, which takes `factory=`;
   else it is the attribute's value, to be replaced by a `field(factory=...)`. */
static void report_attrs(RuleCtx *ctx, Str field, const Node *value, int in_specifier)
{
    char shown[48], factory[80];
    rule_node_text(ctx, value, shown, sizeof shown);
    factory_hint(ctx, value, factory, sizeof factory);
    rule_report(ctx, value, NULL,
                "attrs field `%.*s` defaults to `%s`, one object made when the class is created: "
                "every instance built without it shares it; use `%sfactory=%s%s`",
                (int)field.len, field.s, shown, in_specifier ? "" : "field(", factory,
                in_specifier ? "" : ")");
}

static void report_namedtuple(RuleCtx *ctx, Str cls, Str field, const Node *value)
{
    char shown[48];
    rule_node_text(ctx, value, shown, sizeof shown);
    rule_report(ctx, value, NULL,
                "NamedTuple field `%.*s` of `%.*s` defaults to `%s`, one object made when the class "
                "is created: every instance built without it shares it (`_field_defaults`); default "
                "to an immutable value (a tuple, a frozenset, None)",
                (int)field.len, field.s, (int)cls.len, cls.s, shown);
}

/* One `name = value` or `name: T = value` of the class body. */
static void check_attribute(RuleCtx *ctx, const Scope *body, SemRecordKind kind, const Node *cls,
                            const Node *target, const Node *ann, const Node *value)
{
    Semantic *sem = rule_semantic(ctx);
    Str field = target->v.Name.id;
    const Node *dflt = sem_attrs_field_default(sem, body, value);
    if (dflt) {   /* an attrs field wherever the class comes from (a project's own attrs wrapper) */
        if (is_shared_mutable(ctx, body, dflt))
            report_attrs(ctx, field, dflt, 1);
        return;
    }
    if (!ann || sem_annotation_is(sem, body, ann, "ClassVar") || !is_shared_mutable(ctx, body, value))
        return;
    if (kind == SEM_RECORD_NAMEDTUPLE)
        report_namedtuple(ctx, cls->v.ClassDef.name, field, value);
    else if (kind == SEM_RECORD_ATTRS_AUTO)
        report_attrs(ctx, field, value, 0);
}

/* `@attrs.define` treats annotated attributes as fields unless the body declares its fields with
   unannotated `x = attr.ib()`: then the annotated ones are plain class attributes (GT106's). */
static int has_unannotated_specifier(Semantic *sem, const Scope *body, const Node *cls)
{
    NodeList stmts = cls->v.ClassDef.body;
    for (int32_t i = 0; i < stmts.n; i++) {
        const Node *st = stmts.items[i];
        if (st->kind == NK_Assign && st->v.Assign.value->kind == NK_Call &&
            rule_cstr_in(sem_qualname(sem, body, st->v.Assign.value->v.Call.func),
                         (const char *const[]){ "attr.ib", "attr.attrib", "attr.field", "attrs.field",
                                                NULL }))
            return 1;
    }
    return 0;
}

static void visit_class(RuleCtx *ctx, const Node *cls)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *body = sem_scope_of_def(sem, cls);
    if (!body)
        return;
    SemRecordKind kind = sem_record_kind(sem, rule_scope(ctx), cls);
    if (kind == SEM_RECORD_ATTRS_AUTO && has_unannotated_specifier(sem, body, cls))
        kind = SEM_RECORD_ATTRS;
    NodeList stmts = cls->v.ClassDef.body;
    for (int32_t i = 0; i < stmts.n; i++) {
        const Node *st = stmts.items[i];
        if (st->kind == NK_AnnAssign && st->v.AnnAssign.value && st->v.AnnAssign.target->kind == NK_Name)
            check_attribute(ctx, body, kind, cls, st->v.AnnAssign.target, st->v.AnnAssign.annotation,
                            st->v.AnnAssign.value);
        else if (st->kind == NK_Assign && st->v.Assign.targets.n == 1 &&
                 st->v.Assign.targets.items[0]->kind == NK_Name)
            check_attribute(ctx, body, kind, cls, st->v.Assign.targets.items[0], NULL, st->v.Assign.value);
    }
}

/* `collections.namedtuple(name, fields, defaults=[...])`: each mutable item of a displayed
   `defaults` is one object for every instance. */
static void visit_call(RuleCtx *ctx, const Node *call)
{
    const Node *func = call->v.Call.func;
    if (!(func->kind == NK_Name || (func->kind == NK_Attribute &&
                                    sem_str_eq(func->v.Attribute.attr, "namedtuple"))))
        return;
    const Node *defaults = NULL;
    for (int32_t k = 0; k < call->v.Call.keywords.n; k++)
        if (sem_str_eq(call->v.Call.keywords.items[k]->v.keyword.arg, "defaults"))
            defaults = call->v.Call.keywords.items[k]->v.keyword.value;
    if (!defaults || (defaults->kind != NK_List && defaults->kind != NK_Tuple) ||
        !sem_qualname_is(rule_semantic(ctx), rule_scope(ctx), func, "collections.namedtuple"))
        return;
    NodeList items = defaults->kind == NK_List ? defaults->v.List.elts : defaults->v.Tuple.elts;
    for (int32_t i = 0; i < items.n; i++) {
        const Node *value = items.items[i];
        char shown[48];
        if (!is_shared_mutable(ctx, rule_scope(ctx), value))
            continue;
        rule_node_text(ctx, value, shown, sizeof shown);
        rule_report(ctx, value, NULL,
                    "namedtuple default `%s` is one object, made when the class is created: every "
                    "instance built without that field shares it; default to an immutable value "
                    "(a tuple, a frozenset, None)", shown);
    }
}

static void visit(RuleCtx *ctx, const Node *node)
{
    if (node->kind == NK_ClassDef)
        visit_class(ctx, node);
    else
        visit_call(ctx, node);
}

const Rule rule_gt112 = {
    .code = "GT112",
    .name = "mutable-field-default",
    .summary = "a NamedTuple or attrs field defaults to one mutable object shared by every instance",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A field default that is a list/dict/set display or comprehension or a call to a "
                 "mutable container class (`list()`, `collections.deque()`, `dict[str, int]()`...) "
                 "in a record that does not copy it: an annotated attribute of a `typing.NamedTuple` "
                 "class (`items: list = []`), an item of `collections.namedtuple(..., defaults=[[]])`, "
                 "an attrs field default (`attr.ib(default=[])`, `attr.ib([])`, `attr.attrib`, "
                 "`attr.field`, `attrs.field(default={})`, in any class), and an annotated attribute "
                 "of an attrs class whose annotated attributes are fields (`@attrs.define`, "
                 "`@attrs.frozen`, `@attr.s(auto_attribs=True)`...).",
        .mechanism = "The class body (or the `namedtuple` call) runs once. A NamedTuple keeps the "
                     "object as a default of its `__new__` (`_field_defaults`); attrs stores it as "
                     "the field's default and its generated `__init__` assigns that same object "
                     "to every instance built without the argument. Neither copies it, and unlike "
                     "`dataclasses` neither rejects a mutable default. A frozen class freezes its "
                     "attributes, not the list they hold.",
        .symptom = "Appending to one record's list appends to all of them: tags, children or "
                   "errors collected for one object show up in every other one built with the "
                   "default, across requests.",
        .fix = "attrs: `factory=list` (or `default=attr.Factory(list)`). NamedTuple: default to "
               "an immutable value (a tuple, a frozenset, None and build the list where the "
               "record is made), or make it a dataclass with `field(default_factory=list)`.",
        .wrong = "class Job(NamedTuple):\n    tags: list = []\n\n@attrs.define\nclass Task:\n"
                 "    deps: list = attrs.field(default=[])",
        .right = "class Job(NamedTuple):\n    tags: tuple = ()\n\n@attrs.define\nclass Task:\n"
                 "    deps: list = attrs.field(factory=list)",
        .peer = "ruff RUF008 (mutable-dataclass-default) for annotated attrs fields",
        .notes = "Not flagged: dataclass fields (dataclasses raise `ValueError` for list, dict and "
                 "set defaults; calls are GT109's), pydantic models and other classes that copy "
                 "defaults per instance, `ClassVar` attributes, `factory=`/`attr.Factory(...)`, "
                 "immutable defaults (tuple, frozenset), a module-level name as the default (one "
                 "object the module shares anyway, as for GT103), and unannotated attributes of "
                 "a NamedTuple or of an attrs class (class attributes: GT106).",
        .precision = "No findings on the 3.11 site-packages, Django 3.2 or the 3.13 stdlib (records "
                     "there default to tuples, None or a factory); 2 of 2 right on 16 Debian "
                     "packages nobody had tuned on (shared `{}` and `bytearray()` attrs defaults).",
    },
    .peers = { "RUF008" },
    .kinds = { NK_ClassDef, NK_Call },
    .visit = visit,
};
