/* GT101 mutated-default-argument: a mutable default that the function mutates while it is still
   the shared default object. Analysis shared with GT102/GT103: default_analysis.c. */
#include "default_analysis.h"

static void visit(RuleCtx *ctx, const Node *def)
{
    default_check(ctx, def, DEFAULT_MUTATED);
}

const Rule rule_gt101 = {
    .code = "GT101",
    .name = "mutated-default-argument",
    .summary = "mutable default argument that the function mutates: state leaks across calls",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_SOMETIMES,
    .doc = {
        .finds = "A mutable default (`[]`, `{}`, `set()`, `list()`, `collections.deque()`..., or a "
                 "module-level name bound once to one) that the function mutates while the "
                 "parameter still holds the default: `x.append/extend/insert/pop/remove/clear/"
                 "sort/update/setdefault/add/discard...`, `x[k] = v`, `del x[k]`, `x += ...`, "
                 "`x.attr = v`, `heapq.heappush(x, ...)`, a nested function or lambda that does "
                 "so, a call to a function of the same module (or `self.method`) that mutates "
                 "the parameter it receives, or a mutation through the attribute it was just "
                 "stored in (`self.x = x; self.x.append(v)`). The message names the line of the "
                 "first mutation.",
        .mechanism = "A default value is evaluated once, when `def` runs, and stored on the "
                     "function (`f.__defaults__`). Every call that omits the argument gets that "
                     "same object, so a mutation made by one call is seen by all later calls.",
        .symptom = "Data accumulates across calls and requests: a handler returns items of "
                   "earlier requests, a set of `seen` ids grows forever (memory leak), tests pass "
                   "alone and fail together.",
        .fix = "Use `None` as the default and create the object in the body: "
               "`def f(x=None):` then `if x is None: x = []`. A copy also ends the sharing "
               "(`x = list(x)`). Rebinding on every path before the mutation is recognised, and "
               "so is replacing an empty default while it is falsy (`if not x: x = ...`, "
               "`x = x or []`); with a non-empty default `x = x or []` keeps the shared object.",
        .wrong = "def handle(request, seen=[]):\n    seen.append(request.id)\n    return len(seen)",
        .right = "def handle(request, seen=None):\n    if seen is None:\n        seen = []\n"
                 "    seen.append(request.id)\n    return len(seen)",
        .peer = "CodeQL py/modification-of-default-value; ruff B006 and pylint W0102 flag every "
                "mutable default without telling this case apart",
        .notes = "Parameters whose name matches the cache-names pattern (default "
                 "`^_?cache|_cache$|^_?memo`, setting `cache-names`) are intentional caches and "
                 "are not reported by GT101, GT102 or GT103. A read-only annotation (`Sequence`, "
                 "`Mapping`...) does not silence GT101: the code breaks the promise. State kept "
                 "across calls on purpose is left to GT103, which says so: a non-empty list used "
                 "only item by item (`calls=[0]` with `calls[0] += 1`: a cell), an empty dict "
                 "used only by key and looked up (`if k in seen: ...; seen[k] = v`: a memo "
                 "table), a list only tested for its truth and changed with constants "
                 "(`if not done: ...; done.append(True)`: a flag), a default changed only under a test "
                 "that it is empty (`if not table: table.update(SOURCE)`, `if len(table) == 0:`: a "
                 "table built once, then read), a guard whose every entry a call adds is removed again "
                 "in a `finally` of that call (`_repr_running[key] = 1; try: ... finally: del "
                 "_repr_running[key]`: shared by nested calls on purpose). An empty default that is only emptied or reordered (`pop`, `remove`, "
                 "`clear`, `sort`, `del x[k]`...) stays empty, so no call sees another's work: "
                 "GT103. A module-level name as the default is reported when it is written as a "
                 "constant (`OPTIONS`); a lowercase module variable (`registry`) changed through "
                 "the default is module state by design. Across modules (project phase, `gotcha check` "
                 "of a package): a default that is an imported constant the function mutates, or that "
                 "the function hands to a function of another module that mutates it (the message "
                 "names that function and its file:line), and a default that escapes and that code of "
                 "another module mutates where it went: stored in `self.<attr>` and mutated by a method "
                 "of a subclass or through an instance built without the argument (`Basket().items.append(x)`, "
                 "`b = Basket(); b.items.append(x)`, a module-level `BOX = Basket()` mutated as "
                 "`BOX.items.append(x)` from another module), stored in a global and mutated through the "
                 "module (`store.HANDLERS.append(h)`, or a `from store import HANDLERS` that runs after "
                 "the store, inside a function; one at module level holds the old object), or returned "
                 "and mutated through the result of a call that omits the argument (`get_registry()[k] = v`, "
                 "`return get_registry().setdefault(k, [])`, a module-level `REG = get_registry()` "
                 "mutated elsewhere); the message names the escape and the mutating function with its "
                 "file:line. Also a default handed to a function or class (of another module or of "
                 "this file) that keeps it where code of the project mutates it: `Basket(items)` whose "
                 "`__init__` stores `self.items = items` while a method of `Basket` (or of a base) "
                 "mutates `self.items`, `install(h)` that stores `h` in a global another function "
                 "mutates, `route(p, h)` that stores `h` as an item of a module-level container "
                 "(`ROUTES[p] = h`) whose items another function mutates; not a copy (`list(items)`), an empty argument replaced (`items or []`, a "
                 "store only under `if items:`), a mutation that follows `self.items = ...` in its "
                 "method. Code read from stdin gets the local verdict.",
        .precision = "100%: all 7 findings on the 3.11 site-packages and Django 3.2 are real.",
    },
    .peers = { "B006", "W0102", "PLW0102", "dangerous-default-value" },
    .kinds = { NK_FunctionDef, NK_AsyncFunctionDef, NK_Lambda },
    .visit = visit,
    .finish = default_finish,
    .state_size = sizeof(DefaultState),
};
