/* The check engine's public face: one file in, sorted diagnostics out.
   Contract between the engine (src/check, src/semantic, src/rules) and the driver (src/cli). */
#ifndef GOTCHA_CHECK_H
#define GOTCHA_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

/* One byte-range replacement in the file's text (Source.text offsets). */
typedef struct Edit {
    uint32_t start, end;
    char *text;              /* malloc'ed replacement */
} Edit;

typedef struct Fix {
    Edit *edits;             /* malloc'ed, sorted by start, non-overlapping */
    int32_t nedits;
    uint8_t safe;            /* 1 = applied by --fix; 0 = needs --unsafe-fixes */
    char *title;             /* "Replace with `None` sentinel" */
} Fix;

typedef struct Diag {
    const char *code;        /* "GT101": static string from the rule table */
    int32_t line, col;       /* 1-based line, 1-based character column (like ruff) */
    int32_t end_line, end_col;
    uint32_t start, end;     /* byte range in the source text */
    char *message;           /* malloc'ed */
    Fix *fix;                /* malloc'ed or NULL */
} Diag;

/* Results of one file; everything in it is malloc'ed so it outlives the file's arena. */
typedef struct FileResult {
    char *path;
    Diag *diags;             /* sorted by line, col, code; noqa already applied */
    int32_t ndiags;
    char *error;             /* set when the file could not be checked at all (I/O); NULL otherwise */
    int32_t nnoqa_unused;    /* for GT901 */
} FileResult;

/* Which rules run, indexed like rule_table (see src/rules/registry.h). */
typedef struct RuleSet {
    uint8_t enabled[128];
} RuleSet;

/* Settings the engine needs, filled by the driver from CLI flags and config. */
typedef struct CheckOptions {
    RuleSet rules;
    int target_minor;                /* 3.x target version, e.g. 13 */
    const char *const *immutable_calls;  /* NULL-terminated extra qualified names, or NULL */
    const char *const *mutable_calls;
    const char *cache_names_regex;   /* intentional caches; NULL = default "^_?cache|_cache$|^_?memo" */
} CheckOptions;

/* Parse and check one file's bytes (`opt` NULL = the default rules, no extra settings). Never
   aborts on bad input: a file that does not parse gets a GT001 diagnostic. The arena is used for
   the AST and reset by the caller. Returns 0, or -1 with out->error set for failures that are not
   about the file's content. */
int check_source(const char *path, const char *bytes, size_t len, const CheckOptions *opt,
                 Arena *a, FileResult *out);

void file_result_free(FileResult *r);

#endif
