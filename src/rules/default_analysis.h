/* Shared analysis of mutable default arguments for GT101 (mutated), GT102 (escaping) and GT103
   (merely shared). Every mutable default gets exactly one class, so the three rules together flag
   exactly the defaults ruff's B006 flags (plus module-level mutable names), each once. */
#ifndef GOTCHA_DEFAULT_ANALYSIS_H
#define GOTCHA_DEFAULT_ANALYSIS_H

#include <regex.h>

#include "../engine/rule.h"

typedef enum DefaultClass {
    DEFAULT_MUTATED,      /* GT101 */
    DEFAULT_ESCAPES,      /* GT102: escapes, and visible code mutates it where it went */
    DEFAULT_SHARED,       /* GT103 (also: unconfirmed escapes, cells and memo tables) */
    DEFAULT_SILENT        /* intentional cache, read-only annotation with no mutation, or a
                             module-level name that is not a mutated constant */
} DefaultClass;

/* Memo of "what does same-module function F do to its parameter P" (interprocedural). */
typedef struct MutatesMemo {
    const Node *def;
    const Node *param;    /* the `arg` node */
    int8_t result;        /* -1 being computed (recursion guard), else CALLEE_* bits */
} MutatesMemo;

/* Per-file state of each of the three rules (Rule.state_size = sizeof(DefaultState)). */
typedef struct DefaultState {
    regex_t cache_re;
    int cache_re_state;   /* 0 not compiled yet, 1 compiled, -1 invalid pattern (no cache names) */
    MutatesMemo *memo;
    int32_t nmemo, cap_memo;
    int64_t confirm_steps;   /* statements interpreted so far to confirm escapes (CONFIRM_BUDGET) */
    Str *dotted;             /* default_attribute_in_text: the names after a `.` in the file, sorted */
    int32_t ndotted;
    int dotted_ready;        /* 1 once collected */
} DefaultState;

/* Analyse the defaults of a def / async def / lambda and report those of class `wanted` with the
   running rule. */
void default_check(RuleCtx *ctx, const Node *def, DefaultClass wanted);

/* The `None` sentinel fix for one default (default_fix.c), or NULL when it cannot be made safely
   enough: `x=[]` becomes `x=None` and `if x is None: x = []` opens the body (after the docstring).
   Unsafe (needs --unsafe-fixes) for public functions and when the body already tests `x is None`. */
Fix *default_fix(RuleCtx *ctx, const Node *def, const Node *param, const Node *value);

/* GT104: `value`, the call default of `param` of `def`, builds one object shared by every call
   that omits the argument. Returns the line where visible code mutates that object (0 if none),
   and writes the evidence to `how` ("it is mutated at line N", "it is stored in `self.x` at line N
   and mutated through it at line M (in `f`)"). Follows the function as GT101 does, confirms escapes
   as GT102 does (plus instances built without the argument); a method of the object's class (of this
   file) that changes `self` counts as a mutation. Needs the DefaultState as rule state. */
int32_t default_object_mutation(RuleCtx *ctx, const Node *def, const Node *param, const Node *value,
                                char *how, size_t size);

/* GT109: the same for the call default `value` of the dataclass field `field` (a Name target) of
   class `cls`: mutated through `self.<field>` in a method of the class, or (with `instances`)
   through `.field` of an instance built without that field, which reads the whole module again. */
int32_t default_field_mutation(RuleCtx *ctx, const Node *cls, const Node *field, const Node *value,
                               int instances, char *how, size_t size);

/* The qualified name of the callee of `call` when the file imports it (`Options()`,
   `kinds.Options()`), else NULL: what calling it gives is for the project phase to say
   (DIAG_COND_RETURNS_MUTABLE / _INSTANCE). */
const char *default_imported_callee(RuleCtx *ctx, const Node *call);

/* Does the file's text hold `.name` (an attribute of that name, as `x.name` or `x . name`)? A cheap
   test before default_field_mutation, which only finds mutations through such attributes: the
   names are collected once per file (O(size of the file)), then O(log names). Non-ASCII names
   count as present. Needs the DefaultState as rule state. */
int default_attribute_in_text(RuleCtx *ctx, Str name);

/* Release what the state holds (the compiled regex); the rules' `finish`. */
void default_finish(RuleCtx *ctx);

#endif
