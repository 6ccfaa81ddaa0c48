/* Diagnostics and fixes: what the rules report and everything above the engine consumes
   (src/check/ builds a FileResult of them, src/fix/ applies their fixes, src/cli/ prints them).
   Everything here is malloc'ed so it outlives the file's arena.

   Operations: a fix is built with diag_fix_new + diag_fix_add_edit (O(1) amortized per edit) and
   freed with diag_fix_free; a DiagList grows by diag_list_add (O(1) amortized); a FileResult is
   freed with diag_result_free. */
#ifndef GOTCHA_DIAG_H
#define GOTCHA_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "../source/source.h"

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
    int32_t nnoqa_unused;    /* gotcha codes in noqa comments that suppressed nothing */
} FileResult;

/* Findings in the order reported. */
typedef struct DiagList {
    Diag *items;             /* malloc'ed; the owner frees it (or hands it to a FileResult) */
    int32_t n, cap;
} DiagList;

/* ---- fixes (hand them to rule_report, which takes ownership) ---- */
Fix *diag_fix_new(const char *title, int safe);
/* Add an edit replacing text[start, end) by `text`; edits are sorted when the fix is reported. */
void diag_fix_add_edit(Fix *fix, uint32_t start, uint32_t end, const char *text);
void diag_fix_free(Fix *fix);   /* NULL is fine */

/* ---- positions ---- */
/* Byte offset in s->text of a CPython position (1-based line, 0-based byte column), clamped to
   the text. */
uint32_t diag_offset(const Source *s, int32_t lineno, int32_t col_offset);

/* Append a finding over a CPython range; takes ownership of message and fix. */
void diag_list_add(DiagList *list, const Source *s, const char *code, int32_t lineno,
                   int32_t col_offset, int32_t end_lineno, int32_t end_col_offset, char *message,
                   Fix *fix);

/* The evidence lines a message names ("mutated at line 8", "on line 22"; not "inline 3"): up to
   `max` distinct line numbers in the order they appear. Returns how many. Shared by the reports
   and the language server, so every front end shows the same evidence. */
#define DIAG_MAX_EVIDENCE 4
int diag_message_lines(const char *message, int32_t *lines, int max);

/* qsort comparator over Diag: by line, then column, then code (the report order). */
int diag_compare(const void *a, const void *b);
void diag_result_free(FileResult *r);   /* frees what it holds and zeroes it */
/* Move the findings of `more` (decided later, e.g. by the project phase) into `res`, keeping the
   report order; `more` is left empty. */
void diag_result_merge(FileResult *res, DiagList *more);

/* ---- conditional findings ----
   A finding that only the whole project can decide: reported when a fact about another module
   holds (`when` 1), or dropped when it holds (`when` 0). The per-file pipeline hands them to the
   project phase (src/project/), which knows what the functions of every checked module do with
   their parameters. Without a project phase the facts count as unknown (false). */

/* A name of another module as the file uses it, and what the file gives it. */
typedef struct DiagRef {
    char *target;            /* qualified name as the file imports it: "pkg.helpers.remember",
                                ".helpers.remember" (relative to the file's package); malloc'ed */
    int32_t index;           /* positional argument it is given (0-based), -1 = keyword or none */
    char *keyword;           /* keyword argument it is given, or NULL; malloc'ed */
    int32_t line;            /* where the file calls or reads it */
} DiagRef;

typedef enum DiagCondKind {
    DIAG_COND_MUTATES,       /* `name` (when set) is a module-level mutable container, and (when
                                nrefs > 0) one of `refs` mutates the argument it is given */
    DIAG_COND_CALLS_NOW,     /* each of `refs` calls the argument it is given before returning and
                                keeps it nowhere (nrefs > 0) */
    DIAG_COND_RETURNS_VALUE, /* refs[0], called, returns an immutable value or a
                                `dataclasses.field(...)` (nrefs == 1) */
    DIAG_COND_ATTR_MUTATED,  /* a method of a subclass (in any module) of the class refs[0]
                                mutates `self.<refs[0].keyword>`; or (nrefs == 2) code of another
                                module mutates that attribute of an instance built without the
                                `__init__` argument refs[1] (positional index, keyword name) */
    DIAG_COND_RESULT_MUTATED,/* code of another module mutates the result of a call of the function
                                refs[0] that omits its argument refs[0] (index, keyword) (nrefs == 1) */
    DIAG_COND_GLOBAL_MUTATED,/* code of another module mutates the module-level name refs[0].keyword
                                of this module through the module (`mod.G.append(x)`) (nrefs == 1) */
    DIAG_COND_RETURNS_MUTABLE,/* refs[0], called, returns a new mutable container or a new instance
                                of a class of the project that holds state (nrefs == 1) */
    DIAG_COND_RETURNS_INSTANCE/* refs[0], called, returns a new instance of a class of the project
                                that holds state, not a container (nrefs == 1) */
} DiagCondKind;

typedef struct DiagCond {
    uint8_t kind;            /* DiagCondKind */
    char *name;              /* DIAG_COND_MUTATES: an imported name, or NULL; malloc'ed */
    DiagRef *refs;           /* malloc'ed */
    int32_t nrefs;
} DiagCond;

/* In a conditional finding's message, DIAG_CALLEE_MARK stands for the function that made the
   condition hold: the project phase writes "`name` (path:line)" in its place. */
#define DIAG_CALLEE_MARK "{callee}"

typedef struct DiagPending {
    Diag diag;
    uint8_t when;            /* 1: reported only if cond holds; 0: reported unless it holds */
    DiagCond cond;
} DiagPending;

typedef struct DiagPendingList {
    DiagPending *items;      /* malloc'ed */
    int32_t n, cap;
} DiagPendingList;

/* Deep copy of a condition (malloc'ed strings and refs). */
DiagCond diag_cond_copy(const DiagCond *c);
void diag_cond_free(DiagCond *c);
/* Append a conditional finding; takes ownership of d's message and fix, copies cond. */
void diag_pending_add(DiagPendingList *list, const Diag *d, int when, const DiagCond *cond);
void diag_pending_free(DiagPendingList *list);   /* frees every item and zeroes the list */

#endif
