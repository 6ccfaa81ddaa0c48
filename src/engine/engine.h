/* Running the rules over one parsed file: the single traversal, dispatch to the rules, the rule
   API's implementation (rule.h). Used by the per-file pipeline (src/check/), which hands in the
   rule table; the layout of RuleCtx is private to engine.c. */
#ifndef GOTCHA_ENGINE_H
#define GOTCHA_ENGINE_H

#include "../util/arena.h"
#include "diag.h"
#include "noqa.h"
#include "rule.h"

/* One parsed file. Everything is borrowed for the duration of engine_run. */
typedef struct EngineFile {
    const char *path;        /* as given by the caller */
    const Source *src;
    const Node *module;      /* the Module node */
    Semantic *sem;           /* built from module */
    Noqa *noqa;              /* its suppression comments; marked during the audit phase */
    DiagPendingList *pending;   /* receives the conditional findings (rule_condition_begin), or
                                   NULL: they are decided here, as if their condition were false */
} EngineFile;

/* The rules to run. */
typedef struct EngineRules {
    const Rule *const *table;    /* every rule; RuleSet indexes refer to it */
    int count;                   /* at most sizeof RuleSet.enabled */
    const RuleSet *enabled;
    const RuleOptions *options;  /* NULL = all zero */
} EngineRules;

/* Run the enabled rules over the file in the phases described in rule.h (visit during one
   pre-order walk, finish, audit), appending their findings to `out` in the order reported
   (unsorted, nothing suppressed), and the conditional ones to file->pending (noqa comments
   covering them count as used, for GT901). Rule state and the walk's memory come from `a`. */
void engine_run(const EngineFile *file, const EngineRules *rules, Arena *a, DiagList *out);

#endif
