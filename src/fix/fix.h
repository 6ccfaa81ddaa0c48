/* The fix engine: apply the fixes attached to a file's diagnostics, re-check, repeat until stable;
   write the result atomically; show it as a unified diff.

   Rounds: the fixes of one round are chosen in order of their first edit (then rule code); a fix
   whose edits overlap or touch the start of an edit already chosen waits for the next round,
   where the re-check produces it again against the new text. Every round's result must parse,
   or nothing is written. Positions of applied fixes refer to the text of the round that applied
   them (the original file for round 1). */
#ifndef GOTCHA_FIX_H
#define GOTCHA_FIX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../engine/diag.h"
#include "../util/buf.h"

#define FIX_MAX_ROUNDS 10

/* Checks `text` as the file (diagnostics after noqa and per-file-ignores). Returns 0, or -1 with
   out->error set. The callee owns nothing of `out` afterwards: the caller frees it. */
typedef int (*FixCheckFn)(void *arg, const char *text, size_t len, FileResult *out);

typedef struct AppliedFix {
    const char *code;        /* static rule code */
    int32_t line, col;       /* of the diagnostic, in the text of its round */
    int32_t round;           /* 1-based */
    uint8_t safe;
    char *title;             /* malloc'ed */
} AppliedFix;

typedef enum FixStatus {
    FIX_UNCHANGED,           /* no fix applied */
    FIX_CHANGED,             /* text/len hold the fixed file */
    FIX_SKIPPED,             /* not fixable as a whole (encoding); message says why: a warning */
    FIX_FAILED               /* a fix produced code that does not parse, or the check failed */
} FixStatus;

typedef struct FixOutcome {
    FixStatus status;
    char *text;              /* FIX_CHANGED: the new bytes (malloc'ed, NUL-terminated) */
    size_t len;
    AppliedFix *applied;     /* in the order applied */
    int32_t napplied;
    int32_t rounds;          /* rounds that applied something */
    int converged;           /* 0 when FIX_MAX_ROUNDS still left fixes to apply */
    char *message;           /* FIX_SKIPPED / FIX_FAILED: why (malloc'ed) */
    /* The check of the final text (the fixed text, or the input when nothing changed), so the
       caller need not check it again; not set after FIX_FAILED. */
    FileResult final_result;
    int has_final_result;
} FixOutcome;

/* Fix one file's bytes. `unsafe` also applies fixes marked unsafe. */
void fix_bytes(const char *path, const char *bytes, size_t len, int unsafe, FixCheckFn check,
               void *check_arg, FixOutcome *out);
void fix_outcome_free(FixOutcome *o);

/* One round on `text` (Source.text offsets): choose the applicable, non-conflicting fixes of
   diags[0..n), write the patched text to `out` and set chosen[i] for each applied diagnostic.
   Inserted line breaks follow `newline` ("\n", "\r\n" or "\r"). Returns how many were applied. */
int32_t fix_apply_round(const char *text, size_t len, const Diag *diags, int32_t n, int unsafe,
                        const char *newline, Buf *out, uint8_t *chosen);

/* The first line break of the text ("\n" when there is none). */
const char *fix_newline_style(const char *text, size_t len);

/* Fix offsets are in the decoded text: false when a coding cookie names another encoding than
   UTF-8 and the file has non-ASCII bytes (the bytes are not that text). */
int fix_bytes_are_text(const char *bytes, size_t len);

/* ---- noqa adoption ---- */

/* `--add-noqa`: add `# noqa: CODE` for diags[0..n) of `bytes` to the lines where they start,
   merging with a `# noqa: ...` comment already there. A line that ends inside a string or with a
   backslash continuation is skipped: one message per skipped line goes to `skipped` (lines
   "PATH:LINE: ..."). GT001 and GT901 are never given a noqa. Writes the new bytes to `out` and returns the
   number of codes added (0: `out` is a copy), or -1 when the file does not parse. */
int32_t fix_add_noqa(const char *path, const char *bytes, size_t len, const Diag *diags, int32_t n,
                     Buf *out, Buf *skipped);

/* ---- files ---- */

/* What a file looked like when it was read, to detect a change before replacing it. */
typedef struct FileStamp {
    uint64_t size, hash;
    int64_t mtime_sec, mtime_nsec;
    uint64_t dev, ino;
    mode_t mode;
    uid_t uid;
    gid_t gid;
} FileStamp;

uint64_t fix_hash(const char *data, size_t len);

/* Read a regular file (symlinks followed) no larger than max_size. Returns 0, or -1 with `err`
   set (cannot read), or 1 with `err` set (skipped: not a regular file, too large). */
int fix_read_file(const char *path, size_t max_size, char **bytes, size_t *len, FileStamp *stamp,
                  char *err, size_t errlen);

/* Replace the file with text[0..len): temp file in the same folder, mode (and owner when
   allowed) kept, fsync, then rename, unless the file changed since `read_stamp` (size, mtime or
   content): then it is left untouched. Returns 0, or -1 with `err` set; the original is intact
   on every failure.
   Test-only hook: GOTCHA_TEST_BEFORE_RENAME=append|same-size changes the original just before the
   final comparison (append a line / rewrite one byte keeping size and mtime), to test detection. */
int fix_write_file(const char *path, const FileStamp *read_stamp, const char *text, size_t len,
                   char *err, size_t errlen);

/* ---- diff ---- */

/* Unified diff (3 lines of context) of old -> new, headers `--- a/PATH` / `+++ b/PATH`.
   Appends nothing when they are equal. */
void fix_unified_diff(const char *path, const char *old_text, size_t old_len, const char *new_text,
                      size_t new_len, Buf *out);

#endif
