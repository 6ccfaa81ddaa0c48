/* The per-file pipeline: one file in, sorted diagnostics out (bytes -> parse -> semantic model
   -> engine with the rule table of src/rules/ -> noqa -> FileResult).
   Contract between the analysis (src/semantic, src/engine, src/rules) and the driver (src/cli);
   the result types (FileResult, Diag, Fix) are src/engine/diag.h's. */
#ifndef GOTCHA_CHECK_H
#define GOTCHA_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "../engine/diag.h"
#include "../engine/rule.h"
#include "../project/summary.h"
#include "../util/arena.h"

/* Settings of a check, filled by the driver from CLI flags and config; the pipeline hands each
   layer its part (SemOptions, RuleOptions). */
typedef struct CheckOptions {
    RuleSet rules;                   /* indexed like registry_table (src/rules/registry.h) */
    int target_minor;                /* 3.x target version, e.g. 13 */
    const char *const *immutable_calls;  /* NULL-terminated extra qualified names, or NULL */
    const char *const *mutable_calls;
    const char *const *resource_calls;   /* extra calls that open a resource (GT301) */
    const char *cache_names_regex;   /* intentional caches; NULL = default "^_?cache|_cache$|^_?memo" */
} CheckOptions;

/* Parse and check one file's bytes (`opt` NULL = the default rules, no extra settings). Never
   aborts on bad input: a file that does not parse gets a GT001 diagnostic. The arena is used for
   the AST and reset by the caller. Returns 0, or -1 with out->error set for failures that are not
   about the file's content. */
int check_source(const char *path, const char *bytes, size_t len, const CheckOptions *opt,
                 Arena *a, FileResult *out);

/* What the project phase (src/project/project.h) needs of a file. */
typedef struct CheckProject {
    DiagPendingList pending; /* conditional findings that no noqa comment suppresses */
    ModSummary *summary;     /* malloc'ed; NULL when the file does not parse or is a stub */
} CheckProject;

/* check_source, also filling `proj` (zeroed by the callee) for the project phase: conditional
   findings go there instead of being decided as if their condition were false. */
int check_source_project(const char *path, const char *bytes, size_t len, const CheckOptions *opt,
                         Arena *a, FileResult *out, CheckProject *proj);

#endif
