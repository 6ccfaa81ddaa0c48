/* GT104 call-in-default-argument: `def f(ts=time.time())` calls time.time() once, at def time. */
#include "../engine/rule.h"
#include "rule_util.h"

#include <stdio.h>
#include <string.h>

/* Dependency-injection markers: frameworks read them at def time on purpose. */
static const char *const DI_MARKERS[] = {
    "fastapi.Depends", "fastapi.Query", "fastapi.Body", "fastapi.Header", "fastapi.Cookie",
    "fastapi.Path", "fastapi.File", "fastapi.Form", "fastapi.Security",
    "fastapi.params.Depends", "fastapi.params.Query", "fastapi.params.Body",
    "fastapi.params.Header", "fastapi.params.Cookie", "fastapi.params.Path",
    "fastapi.params.File", "fastapi.params.Form", "fastapi.params.Security",
    "typer.Option", "typer.Argument", NULL,
};

/* 1 if a call in a default is worth a finding: not a mutable call (GT101-GT103 cover those), not a
   known immutable value, not a DI marker. Unresolved callees (local functions, methods) count. */
static int is_suspicious_call(Semantic *sem, const Scope *scope, const Node *call)
{
    const char *q = sem_qualname(sem, scope, call->v.Call.func);
    if (!q)
        return 1;
    return !sem_is_mutable_call(sem, q) && !sem_is_immutable_call(sem, q) &&
           !rule_cstr_in(q, DI_MARKERS);
}

/* How far up the `arguments` node of the def/lambda whose default holds the visited call is, or 0
   when the call is not evaluated as part of a default (body, annotation, lambda body, decorator). */
static int default_depth(RuleCtx *ctx)
{
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a)
            return 0;
        switch (a->kind) {
        case NK_arguments:
            return up;
        case NK_arg:      /* an annotation */
        case NK_Lambda:   /* a lambda body runs later */
            return 0;
        default:   /* a statement (or handler/case): the call is not in a default */
            if (a->kind < NK_BoolOp || a->kind == NK_ExceptHandler || a->kind == NK_match_case)
                return 0;
            break;
        }
    }
}

/* One finding per default, on the outermost suspicious call: 1 if a call between the visited one
   and the `arguments` node is reported itself. */
static int inside_reported_call(RuleCtx *ctx, int depth)
{
    for (int up = 1; up < depth; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (a->kind == NK_Call && is_suspicious_call(rule_semantic(ctx), rule_scope(ctx), a))
            return 1;
    }
    return 0;
}

/* Source text of a node on one line (line breaks and indentation dropped), cut to `cap - 1`
   bytes with "..." when longer. */
static void node_text(RuleCtx *ctx, const Node *n, char *out, size_t cap)
{
    const char *text = rule_source(ctx)->text;
    uint32_t start = rule_offset(ctx, n->lineno, n->col_offset);
    uint32_t end = rule_offset(ctx, n->end_lineno, n->end_col_offset);
    size_t len = 0;
    int in_break = 0;   /* inside a line break and the next line's indentation */
    uint32_t i = start;
    for (; i < end && len + 4 < cap; i++) {
        char c = text[i];
        int continuation = c == '\\' && i + 1 < end && (text[i + 1] == '\n' || text[i + 1] == '\r');
        if (c == '\n' || c == '\r' || continuation)
            in_break = 1;
        else if (!(in_break && (c == ' ' || c == '\t'))) {
            in_break = 0;
            out[len++] = c;
        }
    }
    strcpy(out + len, i < end ? "..." : "");
}

static void visit_call(RuleCtx *ctx, const Node *call)
{
    /* Cheap structural test first: most calls are nowhere near a default. */
    int depth = default_depth(ctx);
    if (!depth || !is_suspicious_call(rule_semantic(ctx), rule_scope(ctx), call) ||
        inside_reported_call(ctx, depth))
        return;
    const Node *def = rule_ancestor(ctx, depth + 1);
    char callee[48], owner[140];
    node_text(ctx, call->v.Call.func, callee, sizeof callee);
    Str name = sem_func_name(def);
    if (def->kind == NK_Lambda)
        snprintf(owner, sizeof owner, "this lambda");
    else
        snprintf(owner, sizeof owner, "`%.*s`", (int)(name.len < 128 ? name.len : 128), name.s);
    rule_report(ctx, call, NULL,
                "`%s()` runs once, when %s is defined: every call without this argument gets "
                "that same result",
                callee, owner);
}

const Rule rule_gt104 = {
    .code = "GT104",
    .name = "call-in-default-argument",
    .summary = "a call in a default argument, evaluated once at `def` time",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A call in the default value of a parameter of a def, async def or lambda "
                 "(`ts=time.time()`, `id=uuid4()`, `conn=connect()`), the outermost one when calls "
                 "nest. Not flagged: calls that build immutable values (`tuple frozenset int str "
                 "float bytes complex bool range object Decimal Fraction Path re.compile "
                 "datetime.timedelta`...), names configured as immutable calls, calls that build "
                 "mutable containers (GT101-GT103 cover them), and DI markers (`fastapi.Depends Query "
                 "Body Header Cookie Path File Form Security`, `typer.Option Argument`).",
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
        .notes = "Extra immutable callees: `immutable-calls` in `[tool.gotcha]`.",
    },
    .peers = { "B008" },
    .kinds = { NK_Call },
    .visit = visit_call,
};
