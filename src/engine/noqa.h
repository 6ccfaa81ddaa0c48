/* noqa: suppression comments.
     `# noqa`                       every diagnostic starting on that line
     `# noqa: GT101, GT102`         only those codes (commas and/or spaces)
     `# noqa: B006`                 peer codes of other tools map to the gotcha rules they match
     `# pylint: disable=dangerous-default-value`   pylint names and ids, same mapping
     `# gotcha: noqa`               on its own line: the whole file
     `# gotcha: noqa: GT101`        on its own line: those codes in the whole file
     `# ruff: noqa`, `# flake8: noqa` (also with `: CODES`), `# pylint: skip-file`: the same file-level
                                    opt-outs written for other tools, honoured alike
   GT001 (syntax error) is never suppressed. A diagnostic spanning several lines is matched against
   the comment on its first line. */
#ifndef GOTCHA_NOQA_H
#define GOTCHA_NOQA_H

#include <stddef.h>
#include <stdint.h>

#include "../lexer/lexer.h"
#include "../source/source.h"
#include "diag.h"

typedef struct Rule Rule;           /* rule.h */
typedef struct RuleList RuleList;   /* rule.h */

typedef struct Noqa Noqa;   /* one file's suppression comments, and which of them were used */

/* The directives among toks->comments (toks may be NULL); `rules` (copied; its table borrowed) gives the codes and
   peer codes a comment may name. O(comment bytes). malloc'ed: free with
   noqa_free. `src` and `toks` must outlive it. */
Noqa *noqa_parse(const Source *src, const Tokens *toks, const RuleList *rules);
void noqa_free(Noqa *nq);   /* NULL is fine */

/* Mark as used every code (and bare directive) that covers one of diags[0..n); suppresses
   nothing. O(n * (log directives + codes of a line + file-level codes)). */
void noqa_mark(Noqa *nq, const Diag *diags, int32_t n);

/* Remove suppressed diagnostics from out->diags (freeing them, order kept) and count in
   out->nnoqa_unused the gotcha codes named in noqa comments that suppressed nothing (neither
   here nor in an earlier noqa_mark). */
void noqa_apply(Noqa *nq, FileResult *out);

/* Remove (and free) the conditional findings a directive suppresses, whatever the project phase
   will decide about them; order kept. */
void noqa_apply_pending(Noqa *nq, DiagPendingList *list);

/* A code written in a directive: `GT101` in `# noqa: GT101`, `W0102` or `dangerous-default-value`
   in `# pylint: disable=...`. */
typedef struct NoqaCodeRef {
    int32_t line;            /* 1-based line of the comment */
    uint32_t start, end;     /* the code's byte range in src->text */
    uint8_t used;            /* covered a finding passed to noqa_mark / noqa_apply so far */
} NoqaCodeRef;

/* Codes of the line directives in line order, then those of the file-level ones. */
int32_t noqa_code_count(const Noqa *nq);
NoqaCodeRef noqa_code(const Noqa *nq, int32_t i);   /* 0 <= i < noqa_code_count */

/* Does the code written in a suppression comment (`GT101`, `B006`, `W0102`,
   `dangerous-default-value`; case-insensitive) cover `rule` (its code or one of its peers)? */
int noqa_code_covers(const char *written, size_t len, const Rule *rule);

#endif
