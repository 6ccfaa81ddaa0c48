/* GT102 escaping-default-argument: a mutable default that leaves the function while it is still
   the shared default object. Analysis shared with GT101/GT103: default_analysis.c. */
#include "default_analysis.h"

static void visit(RuleCtx *ctx, const Node *def)
{
    default_check(ctx, def, DEFAULT_ESCAPES);
}

const Rule rule_gt102 = {
    .code = "GT102",
    .name = "escaping-default-argument",
    .summary = "mutable default argument that is returned, yielded or stored: callers share it",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_SOMETIMES,
    .doc = {
        .finds = "A mutable default that the function does not mutate itself but hands out while "
                 "it is still the shared default: `return x`, `yield x`, `self.attr = x`, "
                 "assignment to a global, or storing it in a container that is returned or "
                 "stored (`return [x]`, `self.items.append(x)`, `REGISTRY[k] = x`), or passing it "
                 "to a function of the same module (or `self.method`) that stores it. The "
                 "message names the line and the way it escapes.",
        .mechanism = "The default is one object created when `def` runs. Once it is returned or "
                     "stored, code outside the function holds a reference to it and may mutate "
                     "it; the next call that omits the argument starts from the mutated object.",
        .symptom = "Two instances share one list (`self.items = items` with `items=[]`), a "
                   "caller that appends to the returned value changes the default of every "
                   "later call, configuration dicts change under other requests.",
        .fix = "Use `None` as the default and create the object in the body, or store/return a "
               "copy (`self.items = list(items)`).",
        .wrong = "class Basket:\n    def __init__(self, items=[]):\n        self.items = items",
        .right = "class Basket:\n    def __init__(self, items=None):\n"
                 "        self.items = [] if items is None else list(items)",
        .peer = "none (ruff B006 and pylint W0102 flag the default without the escape)",
        .notes = "When the default is also mutated, GT101 reports it instead. Intentional caches "
                 "(cache-names pattern) are not reported.",
    },
    .peers = { "B006", "W0102", "PLW0102", "dangerous-default-value" },
    .kinds = { NK_FunctionDef, NK_AsyncFunctionDef, NK_Lambda },
    .visit = visit,
    .finish = default_finish,
    .state_size = sizeof(DefaultState),
};
