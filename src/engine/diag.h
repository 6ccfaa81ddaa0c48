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

void diag_result_free(FileResult *r);   /* frees what it holds and zeroes it */

#endif
