/* The rule API: what a rule file defines and what it may call while the engine runs it.

   A rule is one `const Rule rule_gtNNN` in `src/rules/gtNNN_name.c`, listed by one `RULE(gtNNN)`
   line in rule_list.h (`tools/new_rule.py` writes both). The
   engine walks each file's tree ONCE and calls `visit` for every node whose kind is in `kinds`
   (pre-order; a def's decorators, defaults and annotations before its body; helper nodes are
   dispatched too: arguments, arg, keyword, alias, withitem, comprehension...). A rule never
   walks the whole tree itself; a rule that needs a whole function registers for NK_FunctionDef /
   NK_AsyncFunctionDef and uses the semantic model's summaries (scopes, bindings, FuncInfo).
   Rules that need to see several nodes before deciding keep per-file state (`state_size` zeroed
   bytes, see rule_state) and decide in `finish`.

   Phases of one file, each over the enabled rules in table order: (1) `visit` during the walk;
   (2) `finish`; (3) `audit`, after the noqa comments were matched against every finding so far
   (GT901 reports the codes that matched none). No rule depends on its position in the table.
   The rule table itself is not known here: the pipeline (src/check/) hands it to the engine.

   No global mutable state: the same rule runs on many threads at once. */
#ifndef GOTCHA_RULE_H
#define GOTCHA_RULE_H

#include <stdint.h>

#include "../ast/ast_nodes.h"
#include "../semantic/semantic.h"
#include "../source/source.h"
#include "diag.h"
#include "noqa.h"

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
    const char *precision;   /* share of real problems among its findings on real code, as measured
                                by `make precision` (tools/precision.py); NULL = not measured */
} RuleDoc;

typedef enum FixAvailability {
    FIXABLE_NEVER,           /* no fix */
    FIXABLE_SOMETIMES,       /* offered for some findings */
    FIXABLE_ALWAYS           /* offered for every finding */
} FixAvailability;

#define RULE_MAX_KINDS 8
#define RULE_MAX_PEERS 6

typedef struct RuleCtx RuleCtx;   /* engine-owned, opaque */

typedef struct Rule {
    const char *code;        /* "GT101" */
    const char *name;        /* "mutated-default-argument" */
    const char *summary;     /* one line for `gotcha rules` */
    uint8_t default_on;      /* enabled without --select */
    uint8_t preview;         /* only with preview on */
    uint8_t fix;             /* FixAvailability */
    RuleDoc doc;
    /* Codes and names of other tools' rules that find the same problem (`B006`, `W0102`,
       `dangerous-default-value`), NULL-terminated: a `# noqa:` or `# pylint: disable=` naming one
       suppresses this rule too (noqa.c), so a team migrating keeps its suppressions. */
    const char *peers[RULE_MAX_PEERS];
    /* NodeKinds to visit, 0-terminated (NK_NONE); e.g. {NK_Call}. Empty = no per-node visits. */
    uint8_t kinds[RULE_MAX_KINDS];
    void (*visit)(RuleCtx *ctx, const Node *node);
    /* Optional: called once after the traversal (per-file state is still there). */
    void (*finish)(RuleCtx *ctx);
    /* Optional: called once after every rule's `finish`, when the noqa comments have been matched
       against every finding reported so far (see rule_noqa_code): for findings about findings. */
    void (*audit)(RuleCtx *ctx);
    /* Optional: bytes of zeroed per-file state, from the file's arena. */
    uint32_t state_size;
} Rule;

/* Which rules of a rule table run: enabled[i] refers to table[i]. */
typedef struct RuleSet {
    uint8_t enabled[128];
} RuleSet;

/* The names of intentional caches when the configuration names none (GT101-GT103, GT105). */
#define RULE_DEFAULT_CACHE_NAMES "^_?cache|_cache$|^_?memo"

/* Settings rules read, filled by the pipeline from the command line and the configuration. */
typedef struct RuleOptions {
    int target_minor;                /* 3.x target version, e.g. 13; 0 = unknown */
    const char *cache_names_regex;   /* intentional caches; NULL = RULE_DEFAULT_CACHE_NAMES */
} RuleOptions;

/* A rule table handed to the engine and to noqa (src/rules/registry.h has the program's). */
typedef struct RuleList {
    const Rule *const *items;
    int32_t n;
} RuleList;

/* ---- What a rule may ask while it runs ---- */
const Source *rule_source(const RuleCtx *ctx);
const char *rule_path(const RuleCtx *ctx);          /* the file's path as given */
const RuleOptions *rule_options(const RuleCtx *ctx);
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

/* Whether the rule with this exact code ("GT101") runs on this file. O(rules). */
int rule_enabled(const RuleCtx *ctx, const char *code);

/* ---- Reporting ---- */
/* Report a finding of the running rule over the node's range; `fix` may be NULL (it is owned by the
   engine afterwards, see diag_fix_new in diag.h). Messages are printf-style; use backticks around code. */
void rule_report(RuleCtx *ctx, const Node *node, Fix *fix, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Same over an explicit CPython range (1-based lines, 0-based byte columns). */
void rule_report_at(RuleCtx *ctx, int32_t lineno, int32_t col_offset, int32_t end_lineno,
                    int32_t end_col_offset, Fix *fix, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Conditional findings (diag.h, DiagCond): between rule_condition_begin and rule_condition_end,
   what the rule reports is decided by the project phase: reported only if `cond` holds (`when`
   1) or unless it holds (`when` 0). When the file is checked without a project phase, the
   condition counts as false: `when` 1 findings are dropped, `when` 0 ones reported at once. The
   condition is copied; calls do not nest. */
void rule_condition_begin(RuleCtx *ctx, const DiagCond *cond, int when);
void rule_condition_end(RuleCtx *ctx);

/* Fixes are built with diag_fix_new / diag_fix_add_edit (diag.h). Byte offset in Source.text of a
   CPython position: */
uint32_t rule_offset(const RuleCtx *ctx, int32_t lineno, int32_t col_offset);

/* ---- During `audit` only: the file's noqa comments ---- */
/* Number of codes written in the file's suppression comments (line directives in line order, then
   file-level ones), and the i-th of them (0 <= i < count); `used` says whether it covers a finding
   reported before the audit phase. */
int32_t rule_noqa_count(const RuleCtx *ctx);
NoqaCodeRef rule_noqa_code(const RuleCtx *ctx, int32_t i);

/* Example: a complete rule file (src/rules/gt999_example.c), listed in src/rules/rule_list.h as
   `RULE(gt999)` (tools/new_rule.py writes both).

       #include "rule.h"

       static void visit_call(RuleCtx *ctx, const Node *call)
       {
           Semantic *sem = rule_semantic(ctx);
           if (sem_qualname_is(sem, rule_scope(ctx), call->v.Call.func, "os.system"))
               rule_report(ctx, call, NULL, "`os.system()` runs a shell");
       }

       const Rule rule_gt999 = {
           .code = "GT999", .name = "os-system", .summary = "`os.system()` call",
           .default_on = 0, .preview = 1, .fix = FIXABLE_NEVER,
           .doc = { .finds = "...", .mechanism = "...", .symptom = "...", .fix = "...",
                    .wrong = "os.system(cmd)", .right = "subprocess.run(args)", .peer = "ruff S605" },
           .peers = { "S605" },
           .kinds = { NK_Call },
           .visit = visit_call,
       };
*/

#endif
