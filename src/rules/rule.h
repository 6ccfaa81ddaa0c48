/* The rule API: what a rule file defines and what it may call while the engine runs it.

   A rule is one `const Rule rule_gtNNN` in `src/rules/gtNNN_name.c`, listed in registry.c. The
   engine walks each file's tree ONCE and calls `visit` for every node whose kind is in `kinds`
   (pre-order; a def's decorators, defaults and annotations before its body; helper nodes are
   dispatched too: arguments, arg, keyword, alias, withitem, comprehension...). A rule never
   walks the whole tree itself; a rule that needs a whole function registers for NK_FunctionDef /
   NK_AsyncFunctionDef and uses the semantic model's summaries (scopes, bindings, FuncInfo).
   Rules that need to see several nodes before deciding keep per-file state (`state_size` zeroed
   bytes, see rule_state) and decide in `finish`.

   No global mutable state: the same rule runs on many threads at once. */
#ifndef GOTCHA_RULE_H
#define GOTCHA_RULE_H

#include <stdint.h>

#include "../ast/ast_nodes.h"
#include "../check/check.h"
#include "../semantic/semantic.h"
#include "../source/source.h"

/* Shown by `gotcha rule CODE`; every field is required except `notes`. */
typedef struct RuleDoc {
    const char *finds;       /* what it finds */
    const char *mechanism;   /* why Python behaves so */
    const char *symptom;     /* what goes wrong in production */
    const char *fix;         /* how to fix it */
    const char *wrong;       /* code example that is flagged */
    const char *right;       /* the same code, fixed */
    const char *peer;        /* nearest rule of other tools ("ruff B006, pylint W0102"), or "none" */
    const char *notes;       /* limits, options, exceptions (may be NULL) */
} RuleDoc;

typedef enum FixAvailability {
    FIX_NONE,                /* no fix */
    FIX_SOMETIMES,           /* offered for some findings */
    FIX_ALWAYS               /* offered for every finding */
} FixAvailability;

#define RULE_MAX_KINDS 8

typedef struct RuleCtx RuleCtx;   /* engine-owned, opaque */

typedef struct Rule {
    const char *code;        /* "GT101" */
    const char *name;        /* "mutated-default-argument" */
    const char *summary;     /* one line for `gotcha rules` */
    uint8_t default_on;      /* enabled without --select */
    uint8_t preview;         /* only with preview on */
    uint8_t fix;             /* FixAvailability */
    RuleDoc doc;
    /* NodeKinds to visit, 0-terminated (NK_NONE); e.g. {NK_Call}. Empty = no per-node visits. */
    uint8_t kinds[RULE_MAX_KINDS];
    void (*visit)(RuleCtx *ctx, const Node *node);
    /* Optional: called once after the traversal (per-file state is still there). */
    void (*finish)(RuleCtx *ctx);
    /* Optional: bytes of zeroed per-file state, from the file's arena. */
    uint32_t state_size;
} Rule;

/* ---- What a rule may ask while it runs ---- */
const Source *rule_source(const RuleCtx *ctx);
const char *rule_path(const RuleCtx *ctx);          /* the file's path as given */
const CheckOptions *rule_options(const RuleCtx *ctx);
Semantic *rule_semantic(RuleCtx *ctx);
Arena *rule_arena(RuleCtx *ctx);
void *rule_state(RuleCtx *ctx);                     /* the rule's per-file state, or NULL */
const Node *rule_module(const RuleCtx *ctx);        /* the Module node */

/* During `visit`: the scope that contains the visited node (for a def/class/lambda/comprehension
   node, the scope it is *in*, not the one it opens), and its ancestors (1 = parent, 2 = grandparent...;
   NULL past the module). */
const Scope *rule_scope(const RuleCtx *ctx);
const Node *rule_ancestor(const RuleCtx *ctx, int up);

/* Pre-order walk of one subtree (for a rule that looks into the body of a def it was given):
   `fn` returns 0 to skip the node's children, -1 (AST_WALK_STOP, ast/ast_walk.h) to end the
   walk, anything else to go into them. Never use it on the whole module. */
void rule_walk(const Node *root, int (*fn)(const Node *n, void *arg), void *arg);

/* ---- Reporting ---- */
/* Report a finding of the running rule over the node's range; `fix` may be NULL (it is owned by the
   engine afterwards, see fix_new). Messages are printf-style; use backticks around code. */
void rule_report(RuleCtx *ctx, const Node *node, Fix *fix, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Same over an explicit CPython range (1-based lines, 0-based byte columns). */
void rule_report_at(RuleCtx *ctx, int32_t lineno, int32_t col_offset, int32_t end_lineno,
                    int32_t end_col_offset, Fix *fix, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* ---- Fixes (malloc'ed; hand them to rule_report) ---- */
Fix *fix_new(const char *title, int safe);
/* Add an edit replacing text[start, end) by `text`; edits are sorted when the fix is reported. */
void fix_add_edit(Fix *fix, uint32_t start, uint32_t end, const char *text);
void fix_free(Fix *fix);
/* Byte offset in Source.text of a CPython position. */
uint32_t rule_offset(const RuleCtx *ctx, int32_t lineno, int32_t col_offset);

/* Example: a complete rule file (src/rules/gt999_example.c), listed in registry.c as
   `extern const Rule rule_gt999;` + `&rule_gt999` in rule_table.

       #include "rule.h"

       static void visit_call(RuleCtx *ctx, const Node *call)
       {
           Semantic *sem = rule_semantic(ctx);
           if (sem_qualname_is(sem, rule_scope(ctx), call->v.Call.func, "os.system"))
               rule_report(ctx, call, NULL, "`os.system()` runs a shell");
       }

       const Rule rule_gt999 = {
           .code = "GT999", .name = "os-system", .summary = "`os.system()` call",
           .default_on = 0, .preview = 1, .fix = FIX_NONE,
           .doc = { .finds = "...", .mechanism = "...", .symptom = "...", .fix = "...",
                    .wrong = "os.system(cmd)", .right = "subprocess.run(args)", .peer = "ruff S605" },
           .kinds = { NK_Call },
           .visit = visit_call,
       };
*/

#endif
