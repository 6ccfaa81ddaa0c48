/* GT104 call-in-default-argument: `def f(ts=time.time())` calls time.time() once, at def time. */
#include "../engine/rule.h"
#include "../engine/rule_util.h"
#include "default_analysis.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static int is_overload(const FuncInfo *info)
{
    return rule_decorated_with(info, (const char *const[]){ "typing.overload",
                                                           "typing_extensions.overload", NULL });
}

static void owner_text(RuleCtx *ctx, const Node *def, char *out, size_t size)
{
    Str name = sem_func_name(def);
    if (def->kind == NK_Lambda)
        snprintf(out, size, "this lambda");
    else
        snprintf(out, size, "`%.*s`", (int)(name.len < 128 ? name.len : 128), name.s);
}

/* `tags=make_tags()` with `make_tags` imported: when visible code mutates the shared object, the
   project phase reports it if `make_tags` (another module) returns a new container, or is a class
   of the project whose instances hold state (not an Enum, NamedTuple, frozen class, descriptor). */
static void imported_builder(RuleCtx *ctx, const Node *def, const Node *param, const Node *value)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    const char *q = default_imported_callee(ctx, value);
    char evidence[200] = "";
    if (!q || sem_annotation_is_immutable(sem, scope, param->v.arg.annotation)
        || !default_object_mutation(ctx, def, param, value, evidence, sizeof evidence))
        return;
    char callee[48], owner[140];
    rule_callee_text(ctx, value, callee, sizeof callee);
    owner_text(ctx, def, owner, sizeof owner);
    DiagRef ref = { .target = (char *)q, .index = -1, .line = value->lineno };
    DiagCond c = { .kind = DIAG_COND_RETURNS_MUTABLE, .refs = &ref, .nrefs = 1 };
    rule_condition_begin(ctx, &c, 1);
    rule_report(ctx, value, NULL,
                "`%s()` builds one object, when %s is defined (" DIAG_CALLEE_MARK
                "): every call without this argument shares it, and %s", callee, owner, evidence);
    rule_condition_end(ctx);
}

/* One default: a call that builds a new stateful object (containers excepted: GT101-GT103), or a
   call anywhere in it whose value depends on when it runs. An object of this file's own code (an
   instance of a class of this file...) is reported only when visible code mutates it. */
static void check_default(RuleCtx *ctx, const Node *def, const Node *param, const Node *value)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    const Node *call = NULL;
    int stateful = 0;
    char evidence[200] = "";
    if (value->kind == NK_Call && sem_call_kind(sem, scope, value) == SEM_CALL_MUTABLE) {
        const char *q = sem_qualname(sem, scope, sem_call_callee(value));
        if (q && sem_is_mutable_call(sem, q))
            return;   /* a container: GT101-GT103 */
        if (sem_annotation_is_immutable(sem, scope, param->v.arg.annotation))
            return;   /* `money: Money = make_money()`: the annotation says it is a value */
        if (sem_call_builds_file_object(sem, scope, value)
            && !default_object_mutation(ctx, def, param, value, evidence, sizeof evidence))
            return;   /* plain Python state nothing visible changes */
        call = value;
        stateful = 1;
    } else {
        call = sem_find_varying_call(sem, scope, value);
    }
    if (!call && value->kind == NK_Call)
        imported_builder(ctx, def, param, value);
    if (!call)
        return;
    char callee[48], owner[140];
    rule_callee_text(ctx, call, callee, sizeof callee);
    owner_text(ctx, def, owner, sizeof owner);
    if (stateful)
        rule_report(ctx, call, NULL,
                    "`%s()` builds one object, when %s is defined: every call without this "
                    "argument shares it%s%s", callee, owner, evidence[0] ? ", and " : "", evidence);
    else
        rule_report(ctx, call, NULL,
                    "`%s()` runs once, when %s is defined: every call without this argument gets "
                    "the value of that moment", callee, owner);
}

/* A parameter named `_x` is private by convention: binding a value once at def time is what it is
   there for (`_cache=Cache()`, `_now=time.time` style memo and capture idioms). */
static void check_param(RuleCtx *ctx, const Node *def, const Node *param, const Node *value)
{
    if (value && !(param->v.arg.arg.len > 0 && param->v.arg.arg.s[0] == '_'))
        check_default(ctx, def, param, value);
}

static void visit_arguments(RuleCtx *ctx, const Node *args)
{
    const Node *def = rule_ancestor(ctx, 1);
    const FuncInfo *info = def ? sem_func_info(rule_semantic(ctx), def) : NULL;
    if (!info || is_overload(info))
        return;
    /* `defaults` belong to the last positional parameters, `kw_defaults` (NULL = none) to the
       keyword-only ones, in order. */
    NodeList posonly = args->v.arguments.posonlyargs, plain = args->v.arguments.args;
    NodeList defaults = args->v.arguments.defaults;
    int32_t npos = posonly.n + plain.n;
    for (int32_t i = 0; i < defaults.n; i++) {
        int32_t p = npos - defaults.n + i;
        assert(p >= 0);   /* the parser gives no more defaults than positional parameters */
        check_param(ctx, def, p < posonly.n ? posonly.items[p] : plain.items[p - posonly.n],
                    defaults.items[i]);
    }
    NodeList kwonly = args->v.arguments.kwonlyargs, kw_defaults = args->v.arguments.kw_defaults;
    for (int32_t i = 0; i < kw_defaults.n && i < kwonly.n; i++)
        check_param(ctx, def, kwonly.items[i], kw_defaults.items[i]);
}

const Rule rule_gt104 = {
    .code = "GT104",
    .name = "call-in-default-argument",
    .summary = "a call in a default argument, evaluated once at `def` time",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A default value of a def, async def or lambda parameter that is either a call "
                 "building a new object with state, shared by every call that omits the argument "
                 "(`buf=io.StringIO()`, `conn=sqlite3.connect(...)`; and, when visible code mutates "
                 "the shared object, `span=Span()` for a class of the same file whose methods store "
                 "on `self`, `settings=Settings()` for an empty namespace class, a function of the "
                 "same file that returns a new list/dict/set or such an object), or contains a call whose value depends on when it runs "
                 "(`ts=time.time()`, `day=date.today()`, `time.strftime(fmt)` or `time.localtime()` "
                 "without a time, `ident=uuid4().hex`, `random`/`secrets`, "
                 "`os.getpid()`, `os.getcwd()`, `os.environ.get(...)`/`os.getenv(...)`, or a function "
                 "of the same file that returns one of those). An object of the file's own classes or "
                 "factories is reported with the evidence that it is mutated, as GT101/GT102 see it: "
                 "through the parameter (`span.low = 0`, `span.move(3)` for a method that changes "
                 "`self`, a same-module function that changes its argument), or where it was "
                 "stored or returned (`self.span = span` changed by another method, or by code "
                 "that builds the class without the argument). The message names the line.",
        .mechanism = "Defaults are evaluated once, when the `def` statement runs (usually at import), "
                     "and stored on the function object. The call is not repeated per call.",
        .symptom = "Timestamps frozen at import time (`created=datetime.now()` stamps every record "
                   "with the deploy time), identical \"unique\" ids, one connection or client shared "
                   "by every caller and broken after the first reconnect, config read before the "
                   "environment was set up.",
        .fix = "Default to `None` and call inside the body: `if ts is None: ts = time.time()`. "
               "If the once-only value is intended, bind it to a module constant with a clear name.",
        .wrong = "def log(msg, ts=time.time()):\n    write(ts, msg)",
        .right = "def log(msg, ts=None):\n    if ts is None:\n        ts = time.time()\n    write(ts, msg)",
        .peer = "ruff/bugbear B008 (function-call-in-default-argument)",
        .notes = "Not flagged: an object of this file's own code that nothing visible mutates "
                 "(one shared instance only read is harmless until someone changes it), calls whose result this file cannot show to be shared state or "
                 "a stale value (imported classes and functions: symbols, parser elements, "
                 "expressions, strategies are usually immutable values; but a function of another "
                 "checked module that returns a new list/dict/set, directly or through another call, "
                 "or a class of another checked module whose instances hold state (not an Enum, a "
                 "NamedTuple, a frozen dataclass or attrs class, a subclass of an immutable builtin, a "
                 "descriptor, a class with a metaclass or a `__new__` that may hand out an existing "
                 "instance), is reported when visible code mutates the shared object: project phase, "
                 "the message names it with its file:line), immutable builtins "
                 "(`ord chr str int tuple`...), `typing.cast` of a constant, a call that builds an object for a "
                 "parameter annotated with an immutable type (`label: str = ...`, a type named in "
                 "`immutable-calls`: `price: Money = make_price()`), classes with methods "
                 "and no instance state, frozen dataclasses, NamedTuples and Enums, mutable "
                 "containers (GT101-GT103 cover them), `@overload` signatures (the implementation's "
                 "defaults are the ones used), and parameters named `_x` (private by convention: "
                 "the memo idiom `_cache=Cache()`). `mutable-calls` in `[tool.gotcha]` adds "
                 "callees that build mutable objects; `immutable-calls` removes some.",
        .precision = "100%: all 3 findings on the 3.11 site-packages and Django 3.2 are real (two shared "
                     "objects that are then mutated, one shared StringIO); on 10 Debian packages not "
                     "tuned on, 3 of 3 (frozen timestamps).",
    },
    .peers = { "B008" },
    .kinds = { NK_arguments },
    .visit = visit_arguments,
    .finish = default_finish,
    .state_size = sizeof(DefaultState),
};
