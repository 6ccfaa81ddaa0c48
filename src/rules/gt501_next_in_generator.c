/* GT501 next-in-generator: `next(it)` without a default inside a generator. When `it` is exhausted
   the StopIteration cannot end the generator quietly any more (PEP 479): it becomes RuntimeError. */
#include "../engine/rule.h"
#include "rule_util.h"

static const char *const NEXT_NAMES[] = { "next", "builtins.next", NULL };

/* The frame the call runs in is a generator: a generator function's own body (list/set/dict
   comprehensions run inline there) or a generator expression. */
static int runs_in_generator(const Scope *scope)
{
    for (; scope; scope = scope->parent) {
        switch (scope->kind) {
        case SCOPE_COMPREHENSION:
            if (scope->node->kind == NK_GeneratorExp)
                return 1;
            break;   /* inlined comprehension: look at the function around it */
        case SCOPE_FUNCTION:
        case SCOPE_LAMBDA:
            return scope->func && scope->func->is_generator;
        default:
            return 0;
        }
    }
    return 0;
}

/* 1 if the handler catches StopIteration: bare, StopIteration, Exception, BaseException, or a
   tuple holding one of them. */
static int is_catcher(Semantic *sem, const Scope *scope, const Node *type)
{
    static const char *const CATCHERS[] = { "StopIteration", "Exception", "BaseException", NULL };
    return rule_cstr_in(sem_qualname(sem, scope, type), CATCHERS);
}

static int catches_stop_iteration(Semantic *sem, const Scope *scope, const Node *handler)
{
    const Node *type = handler->v.ExceptHandler.type;
    if (!type)
        return 1;
    if (type->kind != NK_Tuple)
        return is_catcher(sem, scope, type);
    for (int32_t i = 0; i < type->v.Tuple.elts.n; i++)
        if (is_catcher(sem, scope, type->v.Tuple.elts.items[i]))
            return 1;
    return 0;
}

static int node_in_list(NodeList list, const Node *n)
{
    for (int32_t i = 0; i < list.n; i++)
        if (list.items[i] == n)
            return 1;
    return 0;
}

/* 1 if, between the call and its frame, a `try` body around it handles StopIteration. */
static int guarded(RuleCtx *ctx, const Node *call)
{
    Semantic *sem = rule_semantic(ctx);
    const Node *child = call;
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a)
            return 0;
        switch (a->kind) {
        case NK_FunctionDef: case NK_AsyncFunctionDef: case NK_Lambda: case NK_ClassDef:
        case NK_GeneratorExp:
            return 0;
        case NK_Try:
        case NK_TryStar:
            if (node_in_list(a->v.Try.body, child))
                for (int32_t i = 0; i < a->v.Try.handlers.n; i++)
                    if (catches_stop_iteration(sem, rule_scope(ctx), a->v.Try.handlers.items[i]))
                        return 1;
            break;
        default:
            break;
        }
        child = a;
    }
}

static void visit_call(RuleCtx *ctx, const Node *call)
{
    Semantic *sem = rule_semantic(ctx);
    const Node *func = call->v.Call.func;
    int maybe_next = func->kind == NK_Name ||
                     (func->kind == NK_Attribute && sem_str_eq(func->v.Attribute.attr, "next"));
    if (!maybe_next || call->v.Call.args.n != 1 || call->v.Call.keywords.n != 0 ||
        call->v.Call.args.items[0]->kind == NK_Starred)
        return;
    if (!runs_in_generator(rule_scope(ctx)) || !sem_call_matches(sem, rule_scope(ctx), call, NEXT_NAMES))
        return;
    if (guarded(ctx, call))
        return;
    rule_report(ctx, call, NULL,
                "`next()` without a default in a generator: when the iterator is exhausted, "
                "`StopIteration` turns into `RuntimeError` (PEP 479)");
}

const Rule rule_gt501 = {
    .code = "GT501",
    .name = "next-in-generator",
    .summary = "`next(it)` without default inside a generator",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A call `next(it)` with no default whose frame is a generator: the body of a "
                 "generator function (also inside list/set/dict comprehensions, which run inline) or "
                 "a generator expression, unless a `try` around it (in the same frame) handles "
                 "`StopIteration`, `Exception`, `BaseException` or everything.",
        .mechanism = "Since Python 3.7 (PEP 479), a StopIteration that escapes a generator's frame "
                     "is replaced by `RuntimeError: generator raised StopIteration`. Before, it "
                     "silently ended the generator; code written in that style now crashes.",
        .symptom = "A parser or batching generator works on normal input and raises RuntimeError "
                   "on an empty file, an odd number of items, or a truncated stream; the traceback "
                   "points at the consumer's `for` loop.",
        .fix = "Give a default and test it (`x = next(it, None)`), or catch StopIteration and "
               "`return` from the generator.",
        .wrong = "def pairs(it):\n    it = iter(it)\n    for a in it:\n        yield a, next(it)",
        .right = "def pairs(it):\n    it = iter(it)\n    for a in it:\n        try:\n"
                 "            b = next(it)\n        except StopIteration:\n            return\n"
                 "        yield a, b",
        .peer = "pylint R1708 (stop-iteration-return)",
        .notes = NULL,
    },
    .peers = { "R1708", "PLR1708", "stop-iteration-return" },
    .kinds = { NK_Call },
    .visit = visit_call,
};
