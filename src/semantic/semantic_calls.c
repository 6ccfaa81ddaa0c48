/* What a call gives back, as far as one file shows: a new mutable object, a value that depends on
   when the call runs, an immutable value, or nothing known. For the rules about calls evaluated
   once (defaults of defs, dataclass field defaults).

   Known callees come from lists (qualified names). A callee defined in the same file is read:
   a def's `return` values, a class's decorators, bases and methods (does any method store an
   attribute on its instance?). Everything else is SEM_CALL_UNKNOWN: an imported class may be a
   frozen value, a singleton or a factory of field specifiers, so nothing is claimed about it.
   Reading a callee follows callees in turn, at most MAX_DEPTH deep. */
#include "semantic_internal.h"
#include "../ast/ast_walk.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 4

/* Calls whose result depends on when, or in which process, directory or environment, they run.
   Sorted (bsearch). */
static const char *const varying_calls[] = {
    "datetime.date.today", "datetime.datetime.now", "datetime.datetime.today",
    "datetime.datetime.utcnow", "os.environ.get", "os.getcwd", "os.getcwdb", "os.getenv",
    "os.getpid", "os.urandom", "random.choice", "random.choices", "random.gauss",
    "random.getrandbits", "random.randbytes", "random.randint", "random.random",
    "random.randrange", "random.sample", "random.uniform", "secrets.choice", "secrets.randbelow",
    "secrets.token_bytes", "secrets.token_hex", "secrets.token_urlsafe", "time.monotonic",
    "time.monotonic_ns", "time.perf_counter", "time.perf_counter_ns", "time.process_time",
    "time.time", "time.time_ns", "uuid.uuid1", "uuid.uuid4",
};

/* Calls that build a new object with state (besides the containers of sem_is_mutable_call):
   buffers, files, sockets, connections, queues, namespaces. Sorted (bsearch). */
static const char *const stateful_calls[] = {
    "aiohttp.ClientSession", "asyncio.Queue", "httpx.AsyncClient", "httpx.Client", "io.BytesIO",
    "io.StringIO", "io.open", "open", "queue.LifoQueue", "queue.PriorityQueue", "queue.Queue",
    "queue.SimpleQueue", "requests.Session", "requests.session", "socket.create_connection",
    "socket.socket", "sqlite3.connect", "tempfile.NamedTemporaryFile",
    "tempfile.SpooledTemporaryFile", "tempfile.TemporaryFile", "types.SimpleNamespace",
    "weakref.WeakKeyDictionary", "weakref.WeakSet", "weakref.WeakValueDictionary",
};

/* Class decorators that turn annotated class attributes into per-instance fields. */
static const char *const dataclass_decorators[] = {
    "attr.attrs", "attr.define", "attr.frozen", "attr.mutable", "attr.s", "attrs.define",
    "attrs.frozen", "attrs.mutable", "dataclasses.dataclass", "pydantic.dataclasses.dataclass",
};

/* Bases whose instances are values: calling such a class never builds shared state. */
static const char *const value_bases[] = {
    "enum.Enum", "enum.Flag", "enum.IntEnum", "enum.IntFlag", "enum.StrEnum", "typing.NamedTuple",
    "typing_extensions.NamedTuple",
};

/* Bases that add nothing to an instance. */
static const char *const neutral_bases[] = {
    "abc.ABC", "object", "typing.Generic", "typing.Protocol", "typing_extensions.Protocol",
};

static int cmp_name(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

#define IN_SORTED(list, name) \
    (bsearch((name), (list), sizeof(list) / sizeof(list)[0], sizeof(list)[0], cmp_name) != NULL)

static int in_unsorted(const char *const *list, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

#define IN_LIST(list, name) in_unsorted((list), sizeof(list) / sizeof(list)[0], (name))

/* Time formatting and conversion that read the clock when not given a time. */
static const char *const clock_defaulted[] = {
    "time.asctime", "time.ctime", "time.gmtime", "time.localtime", "time.strftime",
};

/* 1 if the call with callee `qualname` gives a value that depends on when it runs. */
static int is_varying(const char *qualname, const Node *call)
{
    if (IN_SORTED(varying_calls, qualname))
        return 1;
    int32_t time_arg = strcmp(qualname, "time.strftime") == 0 ? 1 : 0;   /* strftime(format, t) */
    return IN_LIST(clock_defaulted, qualname) && call->v.Call.args.n == time_arg &&
           call->v.Call.keywords.n == 0;
}

static SemCallKind call_kind(Semantic *sem, const Scope *scope, const Node *call, int depth);
static const Node *find_varying(Semantic *sem, const Scope *scope, const Node *expr, int depth);

/* ---- functions of this file: what their `return`s give ---- */

/* Both results of one expression: MUTABLE wins, then VARYING, then UNKNOWN. */
static SemCallKind join(SemCallKind a, SemCallKind b)
{
    if (a == SEM_CALL_MUTABLE || b == SEM_CALL_MUTABLE)
        return SEM_CALL_MUTABLE;
    if (a == SEM_CALL_VARYING || b == SEM_CALL_VARYING)
        return SEM_CALL_VARYING;
    return a == SEM_CALL_IMMUTABLE && b == SEM_CALL_IMMUTABLE ? SEM_CALL_IMMUTABLE : SEM_CALL_UNKNOWN;
}

/* What a returned expression is, read in the function's own scope. */
static SemCallKind value_kind(Semantic *sem, const Scope *scope, const Node *e, int depth)
{
    if (depth > MAX_DEPTH)
        return SEM_CALL_UNKNOWN;
    switch (e->kind) {
    case NK_List: case NK_Dict: case NK_Set:
    case NK_ListComp: case NK_DictComp: case NK_SetComp:
        return SEM_CALL_MUTABLE;
    case NK_Constant:
        return SEM_CALL_IMMUTABLE;
    case NK_IfExp:
        return join(value_kind(sem, scope, e->v.IfExp.body, depth),
                    value_kind(sem, scope, e->v.IfExp.orelse, depth));
    case NK_Call:
        if (call_kind(sem, scope, e, depth) == SEM_CALL_MUTABLE)
            return SEM_CALL_MUTABLE;
        break;
    case NK_Name: {
        /* A local bound once: `d = {}; ...; return d`. */
        const Binding *bd = sem_resolve_name(sem, scope, e);
        const NameEntry *all = sem_lookup(scope, e->v.Name.id.s, e->v.Name.id.len);
        if (bd && bd->scope == scope && bd->kind == BIND_ASSIGN && bd->value && all && all->n == 1)
            return value_kind(sem, scope, bd->value, depth + 1);
        break;
    }
    default:
        break;
    }
    return find_varying(sem, scope, e, depth) ? SEM_CALL_VARYING : SEM_CALL_UNKNOWN;
}

/* A plain def (not decorated, not a generator or coroutine): the join of its return values. */
static SemCallKind function_kind(Semantic *sem, const Node *def, int depth)
{
    const FuncInfo *info = sem_func_info(sem, def);
    const Scope *fscope = sem_scope_of_def(sem, def);
    if (!info || !fscope || info->ndecorators || info->is_generator || info->is_async)
        return SEM_CALL_UNKNOWN;
    SemCallKind kind = SEM_CALL_IMMUTABLE;   /* no `return <expr>`: None */
    for (int32_t i = 0; i < info->nreturns; i++) {
        const Node *v = info->returns[i]->v.Return.value;
        if (v)
            kind = join(kind, value_kind(sem, fscope, v, depth));
    }
    return kind;
}

/* ---- classes of this file: do instances carry state? ---- */

typedef struct SelfStore {
    Semantic *sem;
    Str self;     /* the method's first parameter */
    int found;    /* an attribute of it is assigned, augmented or deleted */
} SelfStore;

static int is_self_attr(const Node *t, Str self)
{
    while (t->kind == NK_Subscript)   /* `self.items[k] = v` changes what self.items holds */
        t = t->v.Subscript.value;
    return t->kind == NK_Attribute && t->v.Attribute.value->kind == NK_Name &&
           t->v.Attribute.value->v.Name.id.len == self.len &&
           memcmp(t->v.Attribute.value->v.Name.id.s, self.s, self.len) == 0;
}

/* ast_children_each visitor: sets st->found at a store on `self` (nested classes have their own). */
static void find_self_store(const Node *n, void *arg)
{
    SelfStore *st = arg;
    if (st->found || n->kind == NK_ClassDef)
        return;
    if ((n->kind == NK_Attribute && n->v.Attribute.ctx != EXPR_CONTEXT_Load &&
         is_self_attr(n, st->self)) ||
        (n->kind == NK_Subscript && n->v.Subscript.ctx != EXPR_CONTEXT_Load &&
         is_self_attr(n, st->self)) ||
        (n->kind == NK_AugAssign && is_self_attr(n->v.AugAssign.target, st->self))) {
        st->found = 1;
        return;
    }
    ast_children_each(n, find_self_store, st);
}

/* The first parameter of a def that is an instance method (`self`), or a NULL Str for static and
   class methods and defs without parameters. */
static Str self_param(Semantic *sem, const Node *def)
{
    Str none = { NULL, 0 };
    const FuncInfo *info = sem_func_info(sem, def);
    for (int32_t d = 0; info && d < info->ndecorators; d++)
        if (info->decorators[d] && (strcmp(info->decorators[d], "staticmethod") == 0 ||
                                    strcmp(info->decorators[d], "classmethod") == 0))
            return none;
    const Node *args = sem_func_args(def);
    NodeList pos = args->v.arguments.posonlyargs.n ? args->v.arguments.posonlyargs
                                                     : args->v.arguments.args;
    return pos.n ? pos.items[0]->v.arg.arg : none;
}

/* 1 if an instance method of the class body stores an attribute on its instance. */
static int stores_on_self(Semantic *sem, const Node *cls)
{
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *def = body.items[i];
        if (def->kind != NK_FunctionDef && def->kind != NK_AsyncFunctionDef)
            continue;
        SelfStore st = { sem, self_param(sem, def), 0 };
        NodeList stmts = sem_func_body(def);
        for (int32_t k = 0; st.self.s && k < stmts.n && !st.found; k++)
            find_self_store(stmts.items[k], &st);
        if (st.found)
            return 1;
    }
    return 0;
}

/* Body facts: 1 if it defines a method or sets `__slots__`; *special = 1 for `__new__` or
   `__setattr__` (instances may be shared or frozen by hand); *fields = 1 for annotated
   attributes (dataclass fields). */
static int body_has_methods(const Node *cls, int *special, int *fields)
{
    int methods = 0;
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *st = body.items[i];
        if (st->kind == NK_FunctionDef || st->kind == NK_AsyncFunctionDef) {
            methods = 1;
            Str name = sem_func_name(st);
            *special |= sem_str_eq(name, "__new__") || sem_str_eq(name, "__setattr__");
        } else if (st->kind == NK_AnnAssign) {
            *fields = 1;
        } else if (st->kind == NK_Assign) {
            for (int32_t t = 0; t < st->v.Assign.targets.n; t++) {
                const Node *target = st->v.Assign.targets.items[t];
                if (target->kind == NK_Name && sem_str_eq(target->v.Name.id, "__slots__"))
                    methods = 1;
            }
        }
    }
    return methods;
}

/* The decorators' verdict: IMMUTABLE for a frozen (data)class, UNKNOWN for a decorator that is not
   a dataclass one (it may replace the class), MUTABLE for none or a plain dataclass one. */
static SemCallKind decorators_kind(Semantic *sem, const Scope *scope, const Node *cls)
{
    NodeList decorators = cls->v.ClassDef.decorator_list;
    for (int32_t i = 0; i < decorators.n; i++) {
        const Node *d = decorators.items[i];
        const Node *func = d->kind == NK_Call ? d->v.Call.func : d;
        const char *q = sem_qualname(sem, scope, func);
        if (!IN_LIST(dataclass_decorators, q))
            return SEM_CALL_UNKNOWN;
        if (strcmp(q, "attr.frozen") == 0 || strcmp(q, "attrs.frozen") == 0)
            return SEM_CALL_IMMUTABLE;
        for (int32_t k = 0; d->kind == NK_Call && k < d->v.Call.keywords.n; k++) {
            const Node *kw = d->v.Call.keywords.items[k];
            if (sem_str_eq(kw->v.keyword.arg, "frozen") && kw->v.keyword.value->kind == NK_Constant &&
                kw->v.keyword.value->v.Constant.value.kind == CONST_TRUE)
                return SEM_CALL_IMMUTABLE;
        }
    }
    return SEM_CALL_MUTABLE;
}

static SemCallKind class_kind(Semantic *sem, const Scope *scope, const Node *cls, int depth);

#define BASES_PLAIN (-1)   /* no base, or only neutral ones and stateless classes of this file */

/* The bases' verdict: IMMUTABLE (value base: Enum, NamedTuple), MUTABLE (a container, or a class of
   this file whose instances carry state), UNKNOWN (a base this file does not show), or BASES_PLAIN. */
static int bases_kind(Semantic *sem, const Scope *scope, const Node *cls, int depth)
{
    int verdict = BASES_PLAIN;
    NodeList bases = cls->v.ClassDef.bases;
    for (int32_t i = 0; i < bases.n; i++) {
        const Node *base = bases.items[i];
        if (base->kind == NK_Subscript)   /* Generic[T], Protocol[T] */
            base = base->v.Subscript.value;
        if (base->kind == NK_Call && sem_qualname_is(sem, scope, base->v.Call.func,
                                                     "collections.namedtuple"))
            return SEM_CALL_IMMUTABLE;
        const char *q = sem_qualname(sem, scope, base);
        if (IN_LIST(value_bases, q))
            return SEM_CALL_IMMUTABLE;
        if (IN_LIST(neutral_bases, q))
            continue;
        if (q && sem_is_mutable_call(sem, q)) {
            verdict = SEM_CALL_MUTABLE;
            continue;
        }
        const Binding *bd = sem_resolve_name(sem, scope, base);
        SemCallKind k = bd && bd->kind == BIND_CLASS
                      ? class_kind(sem, bd->scope, bd->node, depth + 1) : SEM_CALL_UNKNOWN;
        if (k == SEM_CALL_MUTABLE)
            verdict = SEM_CALL_MUTABLE;
        else if (k != SEM_CALL_IMMUTABLE && verdict != SEM_CALL_MUTABLE)
            verdict = SEM_CALL_UNKNOWN;
    }
    return verdict;
}

/* Calling a class of this file. MUTABLE: its instances carry state (a method stores attributes on
   the instance, a non-frozen dataclass with fields, a container base) or it is an empty namespace
   class (`class Config: pass`, whose attributes are set from outside). IMMUTABLE: a value (frozen,
   Enum, NamedTuple) or a class with methods and no state. UNKNOWN: a metaclass, another decorator,
   `__new__`/`__setattr__`, or a base this file does not show. */
static SemCallKind class_kind(Semantic *sem, const Scope *scope, const Node *cls, int depth)
{
    if (depth > MAX_DEPTH || cls->v.ClassDef.keywords.n)
        return SEM_CALL_UNKNOWN;
    SemCallKind decorated = decorators_kind(sem, scope, cls);
    int bases = bases_kind(sem, scope, cls, depth);
    if (decorated != SEM_CALL_MUTABLE || bases == SEM_CALL_IMMUTABLE)
        return decorated == SEM_CALL_UNKNOWN ? SEM_CALL_UNKNOWN : SEM_CALL_IMMUTABLE;
    int special = 0, fields = 0;
    int methods = body_has_methods(cls, &special, &fields);
    if (special)
        return SEM_CALL_UNKNOWN;
    int dataclass = cls->v.ClassDef.decorator_list.n > 0;   /* only dataclass ones remain */
    if (bases == SEM_CALL_MUTABLE || (dataclass && fields) || stores_on_self(sem, cls))
        return SEM_CALL_MUTABLE;
    if (bases == SEM_CALL_UNKNOWN)
        return SEM_CALL_UNKNOWN;
    return methods ? SEM_CALL_IMMUTABLE : SEM_CALL_MUTABLE;
}

/* ---- calls ---- */

static SemCallKind call_kind(Semantic *sem, const Scope *scope, const Node *call, int depth)
{
    if (depth > MAX_DEPTH)
        return SEM_CALL_UNKNOWN;
    const Node *func = sem_call_callee(call);
    const char *q = sem_qualname(sem, scope, func);
    if (q) {
        if (sem_is_immutable_call(sem, q))
            return SEM_CALL_IMMUTABLE;
        if (sem_is_mutable_call(sem, q) || IN_SORTED(stateful_calls, q))
            return SEM_CALL_MUTABLE;
        if (is_varying(q, call))
            return SEM_CALL_VARYING;
        if ((strcmp(q, "typing.cast") == 0 || strcmp(q, "typing_extensions.cast") == 0) &&
            call->v.Call.args.n == 2)   /* cast(T, value) is value */
            return value_kind(sem, scope, call->v.Call.args.items[1], depth + 1);
        return SEM_CALL_UNKNOWN;
    }
    if (func->kind == NK_Lambda)   /* (lambda: ...)() evaluates the body now */
        return value_kind(sem, sem_scope_of_def(sem, func), func->v.Lambda.body, depth + 1);
    if (sem_is_immutable_callee(sem, scope, func))
        return SEM_CALL_IMMUTABLE;   /* a class or def of this file named in immutable-calls */
    const Binding *bd = sem_resolve_name(sem, scope, func);
    if (bd && bd->kind == BIND_FUNCTION)
        return function_kind(sem, bd->node, depth + 1);
    if (bd && bd->kind == BIND_CLASS)
        return class_kind(sem, bd->scope, bd->node, depth + 1);
    return SEM_CALL_UNKNOWN;
}

SemCallKind sem_call_kind(Semantic *sem, const Scope *scope, const Node *call)
{
    assert(call->kind == NK_Call);
    return call_kind(sem, scope, call, 0);
}

/* ---- plain objects of this file ---- */

static int returns_known_state(Semantic *sem, const Scope *scope, const Node *e, int depth);

/* 1 if calling `call` may give one of the known stateful objects (stateful_calls: files, buffers,
   sockets, connections, queues), itself or through the returns of defs of this file. */
static int call_known_state(Semantic *sem, const Scope *scope, const Node *call, int depth)
{
    if (depth > MAX_DEPTH)
        return 1;   /* not shown: keep the verdict MUTABLE gave */
    const Node *func = sem_call_callee(call);
    const char *q = sem_qualname(sem, scope, func);
    if (q)
        return IN_SORTED(stateful_calls, q);
    if (func->kind == NK_Lambda)
        return returns_known_state(sem, sem_scope_of_def(sem, func), func->v.Lambda.body, depth + 1);
    const Binding *bd = sem_resolve_name(sem, scope, call->v.Call.func);
    if (!bd || bd->kind != BIND_FUNCTION)
        return 0;   /* a class of this file */
    const FuncInfo *info = sem_func_info(sem, bd->node);
    const Scope *fscope = sem_scope_of_def(sem, bd->node);
    for (int32_t i = 0; info && fscope && i < info->nreturns; i++) {
        const Node *v = info->returns[i]->v.Return.value;
        if (v && returns_known_state(sem, fscope, v, depth + 1))
            return 1;
    }
    return 0;
}

/* A returned expression: a known stateful object, directly, in either branch of `a if c else b`,
   or through a local bound once. */
static int returns_known_state(Semantic *sem, const Scope *scope, const Node *e, int depth)
{
    if (e->kind == NK_Call)
        return call_known_state(sem, scope, e, depth);
    if (e->kind == NK_IfExp)
        return returns_known_state(sem, scope, e->v.IfExp.body, depth)
            || returns_known_state(sem, scope, e->v.IfExp.orelse, depth);
    if (e->kind == NK_Name) {
        const Binding *bd = sem_resolve_name(sem, scope, e);
        const NameEntry *all = sem_lookup(scope, e->v.Name.id.s, e->v.Name.id.len);
        if (bd && bd->scope == scope && bd->kind == BIND_ASSIGN && bd->value && all && all->n == 1)
            return depth <= MAX_DEPTH && returns_known_state(sem, scope, bd->value, depth + 1);
    }
    return 0;
}

int sem_call_builds_file_object(Semantic *sem, const Scope *scope, const Node *call)
{
    assert(call->kind == NK_Call);
    return sem_qualname(sem, scope, sem_call_callee(call)) == NULL
        && call_kind(sem, scope, call, 0) == SEM_CALL_MUTABLE && !call_known_state(sem, scope, call, 0);
}

/* ---- varying calls anywhere in an expression ---- */

typedef struct VaryingWalk {
    Semantic *sem;
    const Scope *scope;
    int depth;
    const Node *found;
} VaryingWalk;

static void varying_child(const Node *n, void *arg)
{
    VaryingWalk *w = arg;
    if (w->found || n->kind == NK_Lambda)   /* a lambda body runs later */
        return;
    if (n->kind == NK_Call) {
        const char *q = sem_qualname(w->sem, w->scope, n->v.Call.func);
        if (q ? is_varying(q, n)
              : call_kind(w->sem, w->scope, n, w->depth) == SEM_CALL_VARYING) {
            w->found = n;
            return;
        }
    }
    ast_children_each(n, varying_child, w);
}

static const Node *find_varying(Semantic *sem, const Scope *scope, const Node *expr, int depth)
{
    VaryingWalk w = { sem, scope, depth + 1, NULL };
    if (depth <= MAX_DEPTH)
        varying_child(expr, &w);
    return w.found;
}

const Node *sem_find_varying_call(Semantic *sem, const Scope *scope, const Node *expr)
{
    return find_varying(sem, scope, expr, 0);
}

int sem_is_dataclass(Semantic *sem, const Scope *scope, const Node *cls)
{
    NodeList decorators = cls->v.ClassDef.decorator_list;
    for (int32_t i = 0; i < decorators.n; i++) {
        const Node *d = decorators.items[i];
        if (d->kind == NK_Call)
            d = d->v.Call.func;
        if (IN_LIST(dataclass_decorators, sem_qualname(sem, scope, d)))
            return 1;
    }
    return 0;
}

/* attrs class decorators under which annotated attributes are fields by default (`auto_attribs`). */
static const char *const attrs_auto_decorators[] = {
    "attr.dataclass", "attr.define", "attr.frozen", "attr.mutable", "attrs.define", "attrs.frozen",
    "attrs.mutable",
};

/* attrs class decorators whose fields are only `attr.ib()`s unless `auto_attribs=True` is given. */
static const char *const attrs_classic_decorators[] = { "attr.attrs", "attr.s", "attrs.attrs", "attrs.s" };

/* attrs `field(...)` specifiers; `attr.ib`/`attr.attrib` also take the default as first argument. */
static const char *const attrs_specifiers[] = { "attr.attrib", "attr.field", "attr.ib", "attrs.field" };

/* A keyword argument `name=True` of a call. */
static int keyword_true(const Node *call, const char *name)
{
    for (int32_t k = 0; k < call->v.Call.keywords.n; k++) {
        const Node *kw = call->v.Call.keywords.items[k];
        if (sem_str_eq(kw->v.keyword.arg, name) && kw->v.keyword.value->kind == NK_Constant &&
            kw->v.keyword.value->v.Constant.value.kind == CONST_TRUE)
            return 1;
    }
    return 0;
}

SemRecordKind sem_record_kind(Semantic *sem, const Scope *scope, const Node *cls)
{
    NodeList bases = cls->v.ClassDef.bases;
    for (int32_t i = 0; i < bases.n; i++) {
        const char *q = sem_qualname(sem, scope, bases.items[i]);
        if (q && (strcmp(q, "typing.NamedTuple") == 0 || strcmp(q, "typing_extensions.NamedTuple") == 0))
            return SEM_RECORD_NAMEDTUPLE;
    }
    NodeList decorators = cls->v.ClassDef.decorator_list;
    for (int32_t i = 0; i < decorators.n; i++) {
        const Node *d = decorators.items[i];
        const char *q = sem_qualname(sem, scope, d->kind == NK_Call ? d->v.Call.func : d);
        if (IN_LIST(attrs_auto_decorators, q))
            return SEM_RECORD_ATTRS_AUTO;
        if (IN_LIST(attrs_classic_decorators, q))
            return d->kind == NK_Call && keyword_true(d, "auto_attribs") ? SEM_RECORD_ATTRS_AUTO
                                                                         : SEM_RECORD_ATTRS;
        if (IN_LIST(dataclass_decorators, q))
            return SEM_RECORD_DATACLASS;
    }
    return SEM_RECORD_NONE;
}

const Node *sem_attrs_field_default(Semantic *sem, const Scope *scope, const Node *value)
{
    const char *q = value->kind == NK_Call ? sem_qualname(sem, scope, value->v.Call.func) : NULL;
    if (!IN_LIST(attrs_specifiers, q))
        return NULL;
    for (int32_t k = 0; k < value->v.Call.keywords.n; k++) {
        const Node *kw = value->v.Call.keywords.items[k];
        if (sem_str_eq(kw->v.keyword.arg, "default"))
            return kw->v.keyword.value;
    }
    int positional = strcmp(q, "attr.ib") == 0 || strcmp(q, "attr.attrib") == 0;   /* field(): keywords */
    if (positional && value->v.Call.args.n > 0 && value->v.Call.args.items[0]->kind != NK_Starred)
        return value->v.Call.args.items[0];
    return NULL;
}
