/* GT503 stopiteration-in-generator: `raise StopIteration` in a generator, an async generator or an
   `async def __anext__`. Since Python 3.7 (PEP 479) a StopIteration that leaves such a frame is replaced by
   `RuntimeError: generator raised StopIteration`; in an async generator StopAsyncIteration is
   replaced too. The old idiom for ending a generator now crashes its consumer.

   Reported on a `raise` statement in the function's own body (not in a nested def, lambda or class)
   that raises
   - StopIteration, `StopIteration(...)`, or a class of this module derived from it (in a generator,
     an async generator, or the coroutine `async def __anext__`, where the iterator protocol wants
     StopAsyncIteration), StopAsyncIteration in an async generator;
   - the exception caught by `except StopIteration [as e]:` again (`raise`, `raise e`), unless the
     try body holds a `yield`: there the exception may have been thrown in by the caller (contextlib
     hands a StopIteration from the `with` body back that way and expects it back).
   Other coroutines are not reported: the same replacement happens there, but the StopIteration
   raised in one is mostly a framework's test of how an `async with` around it transforms it.
   Not reported: inside a `try` body of the same frame whose handler catches it (StopIteration,
   Exception, BaseException, bare); a synchronous `__next__` (the iterator protocol, even if it
   happens to contain a yield).

   Fix (safe): the statement becomes `return`, keeping the value (`raise StopIteration(v)` ->
   `return v`, legal in a generator since 3.3). It changes the RuntimeError into the generator's
   normal end, which is what the code asks for. No fix in `__anext__` (it wants
   StopAsyncIteration), for a value in an async generator (`return v` is a SyntaxError there), for
   a subclass, a tuple handler, several or starred arguments, a `from` clause that computes
   something, or inside a `finally` (a `return` there would swallow the exception in flight). */
#include "../engine/rule.h"
#include "../engine/rule_util.h"
#include "../util/buf.h"

#include <stdio.h>
#include <string.h>

#define MAX_BASES_DEPTH 4   /* class bases followed to StopIteration */

typedef enum StopKind { STOP_NONE, STOP_ITERATION, STOP_ASYNC_ITERATION } StopKind;

typedef enum FrameKind { FRAME_OTHER, FRAME_GENERATOR, FRAME_ASYNC_GENERATOR, FRAME_COROUTINE } FrameKind;

/* What one finding says and how it can be fixed. */
typedef struct Raised {
    StopKind kind;
    int exact;               /* the builtin itself, not a subclass */
    const Node *cls;         /* the class expression as written (NULL for a re-raise) */
    const Node *value;       /* the value to keep (`StopIteration(v)`), or NULL */
    int fixable;
} Raised;

static StopKind stop_kind(Semantic *sem, const Scope *scope, const Node *e, int depth, int *exact);

/* A class of this module whose bases lead to StopIteration / StopAsyncIteration. */
static StopKind local_class_kind(Semantic *sem, const Scope *scope, const Node *name, int depth)
{
    const Binding *b = sem_resolve_name(sem, scope, name);
    if (!b || b->kind != BIND_CLASS || depth >= MAX_BASES_DEPTH)
        return STOP_NONE;
    NodeList bases = b->node->v.ClassDef.bases;
    for (int32_t i = 0; i < bases.n; i++) {
        int exact = 0;
        StopKind k = stop_kind(sem, b->scope, bases.items[i], depth + 1, &exact);
        if (k != STOP_NONE)
            return k;
    }
    return STOP_NONE;
}

/* The kind of exception class `e` names; *exact = 1 for the builtin itself. */
static StopKind stop_kind(Semantic *sem, const Scope *scope, const Node *e, int depth, int *exact)
{
    static const char *const ITERATION[] = { "StopIteration", "builtins.StopIteration", NULL };
    static const char *const ASYNC_ITERATION[] = { "StopAsyncIteration", "builtins.StopAsyncIteration",
                                                   NULL };
    const char *q = sem_qualname(sem, scope, e);
    *exact = 1;
    if (rule_cstr_in(q, ITERATION))
        return STOP_ITERATION;
    if (rule_cstr_in(q, ASYNC_ITERATION))
        return STOP_ASYNC_ITERATION;
    *exact = 0;
    return e->kind == NK_Name ? local_class_kind(sem, scope, e, depth) : STOP_NONE;
}

static FrameKind frame_kind(RuleCtx *ctx)
{
    const Scope *scope = rule_scope(ctx);
    if (scope->kind != SCOPE_FUNCTION || !scope->func)
        return FRAME_OTHER;
    const FuncInfo *info = scope->func;
    if (!info->is_async)
        return info->is_generator && !sem_str_eq(sem_func_name(scope->node), "__next__") ? FRAME_GENERATOR
                                                                                         : FRAME_OTHER;
    if (info->is_generator)
        return FRAME_ASYNC_GENERATOR;
    return sem_str_eq(sem_func_name(scope->node), "__anext__") ? FRAME_COROUTINE : FRAME_OTHER;
}

/* Which exceptions PEP 479 replaces in this frame. */
static int replaced_in(StopKind kind, FrameKind frame)
{
    return kind == STOP_ITERATION || (kind == STOP_ASYNC_ITERATION && frame == FRAME_ASYNC_GENERATOR);
}

static int holds_yield(const Node *n, void *found)
{
    if (n->kind == NK_FunctionDef || n->kind == NK_AsyncFunctionDef || n->kind == NK_Lambda ||
        n->kind == NK_ClassDef || n->kind == NK_GeneratorExp)
        return 0;
    if (n->kind == NK_Yield || n->kind == NK_YieldFrom)
        *(int *)found = 1;
    return 1;
}

/* The Try whose handler `h` is, among the visited node's ancestors (h at `up`). */
static const Node *try_of_handler(RuleCtx *ctx, int up)
{
    const Node *t = rule_ancestor(ctx, up + 1);
    return t && (t->kind == NK_Try || t->kind == NK_TryStar) ? t : NULL;
}

/* `raise` / `raise e` inside `except StopIteration [as e]:` whose try body holds no yield. */
static int reraised_stop(RuleCtx *ctx, const Node *raise, Raised *out)
{
    const Node *exc = raise->v.Raise.exc;
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a || a->kind == NK_FunctionDef || a->kind == NK_AsyncFunctionDef || a->kind == NK_ClassDef)
            return 0;
        if (a->kind != NK_ExceptHandler)
            continue;
        const Node *type = a->v.ExceptHandler.type;
        Str as = a->v.ExceptHandler.name;
        if (!type || (exc && (exc->kind != NK_Name || !as.s || !rule_str_same(exc->v.Name.id, as))))
            return 0;
        const Node *t = try_of_handler(ctx, up);
        int yields = 0;
        for (int32_t i = 0; t && i < t->v.Try.body.n; i++)
            rule_walk(t->v.Try.body.items[i], holds_yield, &yields);
        if (!t || yields)
            return 0;
        const Node *const *types = type->kind == NK_Tuple ? (const Node *const *)type->v.Tuple.elts.items
                                                          : &type;
        int32_t n = type->kind == NK_Tuple ? type->v.Tuple.elts.n : 1;
        for (int32_t i = 0; i < n; i++) {
            int exact = 0;
            StopKind k = stop_kind(rule_semantic(ctx), rule_scope(ctx), types[i], 0, &exact);
            if (k != STOP_NONE) {
                *out = (Raised){ k, exact && n == 1, NULL, NULL, exact && n == 1 };
                return 1;
            }
        }
        return 0;
    }
}

/* `raise StopIteration`, `raise StopIteration(v) [from c]`, a subclass of it. */
static int raised_stop(RuleCtx *ctx, const Node *raise, Raised *out)
{
    const Node *exc = raise->v.Raise.exc;
    const Node *cls = exc->kind == NK_Call ? exc->v.Call.func : exc;
    int exact = 0;
    StopKind k = stop_kind(rule_semantic(ctx), rule_scope(ctx), cls, 0, &exact);
    if (k == STOP_NONE)
        return 0;
    const Node *cause = raise->v.Raise.cause;
    int fixable = exact && (!cause || cause->kind == NK_Name || cause->kind == NK_Constant);
    const Node *value = NULL;
    if (exc->kind == NK_Call) {
        NodeList args = exc->v.Call.args;
        fixable &= args.n <= 1 && exc->v.Call.keywords.n == 0;
        if (args.n == 1) {
            value = args.items[0];
            fixable &= value->kind != NK_Starred;
        }
    }
    *out = (Raised){ k, exact, cls, value, fixable };
    return 1;
}

/* 1 if the raise sits in a `finally` block of its frame. */
static int in_finally(RuleCtx *ctx)
{
    const Node *child = rule_ancestor(ctx, 0);
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a || a->kind == NK_FunctionDef || a->kind == NK_AsyncFunctionDef)
            return 0;
        if (a->kind == NK_Try || a->kind == NK_TryStar)
            for (int32_t i = 0; i < a->v.Try.finalbody.n; i++)
                if (a->v.Try.finalbody.items[i] == child)
                    return 1;
        child = a;
    }
}

/* A value that reads the same after `return `: one line, and not a form that needs brackets there
   (yield, walrus, a generator expression). */
static int bare_return_value(const Node *v)
{
    if (v->lineno != v->end_lineno)
        return 0;
    switch (v->kind) {
    case NK_Name: case NK_Constant: case NK_Attribute: case NK_Call: case NK_Subscript:
    case NK_List: case NK_Dict: case NK_Set: case NK_JoinedStr: case NK_BinOp: case NK_UnaryOp:
    case NK_BoolOp: case NK_Compare: case NK_IfExp: case NK_ListComp: case NK_SetComp:
    case NK_DictComp: case NK_Await:
        return 1;
    default:
        return 0;
    }
}

/* The fix: the whole raise statement becomes `return` or `return <value>`. */
static Fix *make_fix(RuleCtx *ctx, const Node *raise, const Raised *r, FrameKind frame)
{
    if (!r->fixable || frame == FRAME_COROUTINE || (frame == FRAME_ASYNC_GENERATOR && r->value) ||
        in_finally(ctx))
        return NULL;
    const char *text = rule_source(ctx)->text;
    Buf out;
    buf_init(&out);
    buf_puts(&out, "return");
    if (r->value) {
        uint32_t from = rule_offset(ctx, r->value->lineno, r->value->col_offset);
        uint32_t to = rule_offset(ctx, r->value->end_lineno, r->value->end_col_offset);
        int bare = bare_return_value(r->value);
        buf_puts(&out, bare ? " " : " (");
        buf_add(&out, text + from, to - from);
        if (!bare)
            buf_puts(&out, ")");
    }
    Fix *fix = diag_fix_new(r->value ? "Replace `raise StopIteration(value)` with `return value`"
                                     : "Replace the `raise` with `return`", 1);
    diag_fix_add_edit(fix, rule_offset(ctx, raise->lineno, raise->col_offset),
                      rule_offset(ctx, raise->end_lineno, raise->end_col_offset), buf_cstr(&out));
    buf_free(&out);
    return fix;
}

static const char *frame_words(FrameKind frame)
{
    return frame == FRAME_GENERATOR         ? "generator"
           : frame == FRAME_ASYNC_GENERATOR ? "async generator"
                                            : "coroutine";
}

static void report(RuleCtx *ctx, const Node *raise, const Raised *r, FrameKind frame)
{
    char cls[64];
    if (r->cls)
        rule_node_text(ctx, r->cls, cls, sizeof cls);
    else
        snprintf(cls, sizeof cls, "%s", r->kind == STOP_ITERATION ? "StopIteration" : "StopAsyncIteration");
    const char *base = r->kind == STOP_ITERATION ? "StopIteration" : "StopAsyncIteration";
    const char *end = frame == FRAME_COROUTINE ? "`__anext__` ends an iteration with `StopAsyncIteration`"
                      : frame == FRAME_ASYNC_GENERATOR && r->value ? "end it with `return`"
                      : r->value                                   ? "end it with `return value`"
                                                                   : "end it with `return`";
    rule_report(ctx, raise, make_fix(ctx, raise, r, frame),
                "%s `%s` in %s %s becomes `RuntimeError: %s raised %s` (PEP 479): %s",
                r->cls ? "raising" : "re-raising", cls, frame == FRAME_ASYNC_GENERATOR ? "an" : "a",
                frame_words(frame), frame_words(frame), base, end);
}

static void visit_raise(RuleCtx *ctx, const Node *raise)
{
    FrameKind frame = frame_kind(ctx);
    if (frame == FRAME_OTHER)
        return;
    Raised r;
    const Node *exc = raise->v.Raise.exc;
    int found = exc ? raised_stop(ctx, raise, &r) || (exc->kind == NK_Name && reraised_stop(ctx, raise, &r))
                    : reraised_stop(ctx, raise, &r);
    if (!found || !replaced_in(r.kind, frame))
        return;
    static const char *const ITERATION_CATCHERS[] = { "StopIteration", "builtins.StopIteration",
                                                      "Exception", "BaseException", NULL };
    static const char *const ASYNC_CATCHERS[] = { "StopAsyncIteration", "builtins.StopAsyncIteration",
                                                  "Exception", "BaseException", NULL };
    if (rule_in_try_catching(ctx, r.kind == STOP_ITERATION ? ITERATION_CATCHERS : ASYNC_CATCHERS))
        return;
    report(ctx, raise, &r, frame);
}

const Rule rule_gt503 = {
    .code = "GT503",
    .name = "stopiteration-in-generator",
    .summary = "`raise StopIteration` in a generator (PEP 479: RuntimeError)",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_SOMETIMES,
    .doc = {
        .finds = "A `raise StopIteration`, `raise StopIteration(value)` (with or without `from`), "
                 "or a raise of a class of the module derived from StopIteration, in the own body "
                 "of a generator function (not in a nested def, lambda or class), an async "
                 "generator or an `async def __anext__`; `raise StopAsyncIteration` in an async generator; "
                 "`raise` / `raise e` re-raising what `except StopIteration [as e]:` caught, when "
                 "its try body holds no `yield`.",
        .mechanism = "Since Python 3.7 (PEP 479), a StopIteration that leaves a generator's frame "
                     "is replaced by `RuntimeError: generator raised StopIteration` (\"async "
                     "generator raised ...\", \"coroutine raised ...\"). Before, it ended the "
                     "generator quietly, so `raise StopIteration` was a way to stop early.",
        .symptom = "The generator works until the one path that raises, then the consumer's `for` "
                   "loop, `list()` or `await` fails with RuntimeError instead of ending: typically "
                   "on an empty input, a truncated stream or a sentinel.",
        .fix = "End the generator with `return` (`return value` keeps the value: a generator's "
               "`return value` is the StopIteration value `yield from` receives). The automatic "
               "fix does this; it turns the RuntimeError into the normal end the code asks for.",
        .wrong = "def chunks(stream):\n    while True:\n        block = stream.read(512)\n"
                 "        if not block:\n            raise StopIteration\n        yield block",
        .right = "def chunks(stream):\n    while True:\n        block = stream.read(512)\n"
                 "        if not block:\n            return\n        yield block",
        .peer = "pylint R1708 (stop-iteration-return), ruff PLR1708 (preview)",
        .notes = "Not flagged: a raise inside a `try` of the same function whose handler catches "
                 "it (`StopIteration`, `Exception`, `BaseException`, bare); a synchronous "
                 "`__next__`; a coroutine other than `__anext__`; a re-raise whose try body holds a "
                 "`yield` (a StopIteration thrown in by the caller, as `contextlib.contextmanager` "
                 "does, is expected back). No fix in `__anext__` (it wants StopAsyncIteration), for "
                 "a value in an async generator, for a subclass, in a `finally` block, or when the "
                 "`from` clause computes something. GT501 covers the StopIteration that `next()` "
                 "raises.",
        .precision = "100%: the 2 findings on the 3.11 site-packages and Django 3.2 are real, and "
                     "6 of 6 on Debian packages outside the corpus (celery, nbformat).",
    },
    /* Other tools' codes and names for the same problem: a noqa naming one suppresses GT503. */
    .peers = { "R1708", "PLR1708", "stop-iteration-return" },
    .kinds = { NK_Raise },
    .visit = visit_raise,
};
