/* GT102 escaping-default-argument: a mutable default that leaves the function while it is still
   the shared default object, and that visible code then mutates where it went. Analysis shared
   with GT101/GT103: default_analysis.c. */
#include "default_analysis.h"

static void visit(RuleCtx *ctx, const Node *def)
{
    default_check(ctx, def, DEFAULT_ESCAPES);
}

const Rule rule_gt102 = {
    .code = "GT102",
    .name = "escaping-default-argument",
    .summary = "mutable default argument that is returned or stored, then mutated there",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_SOMETIMES,
    .doc = {
        .finds = "A mutable default that the function does not mutate itself but hands out while "
                 "it is still the shared default, where visible code then mutates it: stored "
                 "with `self.attr = x` and mutated by another method of the class through "
                 "`self.attr`, or (stored by `__init__`) by module code through an instance built "
                 "without the argument (`c = Cls(); c.attr.append(v)`); stored in a global (`global G; G = x`) and mutated by a function "
                 "of the module through `G`; or returned and mutated by module code through the "
                 "result of a call that omits the argument (`get()[k] = v`, `r = get(); "
                 "r.append(v)`). The message names both lines: where it escapes and where it is "
                 "mutated (and in which function).",
        .mechanism = "The default is one object created when `def` runs. Once it is returned or "
                     "stored, code outside the function holds a reference to it and may mutate "
                     "it; the next call that omits the argument starts from the mutated object.",
        .symptom = "Two instances share one list (`self.items = items` with `items=[]`), a "
                   "caller that appends to the returned value changes the default of every "
                   "later call, configuration dicts change under other requests.",
        .fix = "Use `None` as the default and create the object in the body, or store/return a "
               "copy (`self.items = list(items)`).",
        .wrong = "class Basket:\n    def __init__(self, items=[]):\n        self.items = items\n\n"
                 "    def add(self, item):\n        self.items.append(item)",
        .right = "class Basket:\n    def __init__(self, items=None):\n"
                 "        self.items = [] if items is None else list(items)\n\n"
                 "    def add(self, item):\n        self.items.append(item)",
        .peer = "none (ruff B006 and pylint W0102 flag the default without the escape or the mutation)",
        .notes = "When the function itself mutates the default (also through the place it just "
                 "stored it in: `self.x = x; self.x.append(v)`), GT101 reports it instead. An "
                 "escape that nothing visible mutates (a yield, a store into a container, a "
                 "store by a helper, a return whose callers only read) is not a confirmed leak: "
                 "GT103 reports the shared default and names the escape. When the mutation is in another "
                 "module (project phase: a subclass's method, an instance, the module's global or a "
                 "call's result mutated there), GT101 reports it as a confirmed leak with that "
                 "module's file:line. Intentional caches (cache-names pattern) are not reported.",
        .precision = "No findings on the 3.11 site-packages and Django 3.2 (an escape that nothing visibly "
                     "mutates is GT103); on the 3.13 standard library its one finding is real.",
    },
    .peers = { "B006", "W0102", "PLW0102", "dangerous-default-value" },
    .kinds = { NK_FunctionDef, NK_AsyncFunctionDef, NK_Lambda },
    .visit = visit,
    .finish = default_finish,
    .state_size = sizeof(DefaultState),
};
