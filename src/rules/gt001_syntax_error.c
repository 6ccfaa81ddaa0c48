/* GT001 syntax-error: the file does not parse. The engine reports it itself (check.c) at CPython's
   error position with CPython's message; this entry gives it a code, a doc and a place in the table.
   It cannot be turned off. */
#include "../engine/rule.h"

const Rule rule_gt001 = {
    .code = "GT001",
    .name = "syntax-error",
    .summary = "the file does not parse",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A file that CPython 3.13 rejects with SyntaxError (or that is not valid UTF-8 / "
                 "its declared encoding). The message and the position are CPython's.",
        .mechanism = "Python compiles a whole module before running any of it: one syntax error "
                     "and nothing of the module runs, and every import of it raises SyntaxError.",
        .symptom = "The module fails at import time, often far from where it was edited: a "
                   "worker that imports it lazily dies on the first request that reaches it.",
        .fix = "Correct the code at the reported position. No other rule can check the file "
               "until it parses.",
        .wrong = "def handler(request)\n    return request.body",
        .right = "def handler(request):\n    return request.body",
        .peer = "ruff E999 (syntax error), pylint E0001",
        .notes = "Always reported; --ignore and # noqa do not apply to it.",
    },
};
