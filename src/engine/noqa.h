/* noqa: suppression comments.
     `# noqa`                       every diagnostic starting on that line
     `# noqa: GT101, GT102`         only those codes (commas and/or spaces)
     `# noqa: B006`                 peer codes of other tools map to the gotcha rules they match
     `# pylint: disable=dangerous-default-value`   pylint names and ids, same mapping
     `# gotcha: noqa`               on its own line: the whole file
     `# gotcha: noqa: GT101`        on its own line: those codes in the whole file
   GT001 (syntax error) is never suppressed. A diagnostic spanning several lines is matched against
   the comment on its first line. */
#ifndef GOTCHA_NOQA_H
#define GOTCHA_NOQA_H

#include <stddef.h>

#include "../lexer/lexer.h"
#include "../source/source.h"
#include "check.h"

/* Remove suppressed diagnostics from out->diags (freeing them, order kept) and count in
   out->nnoqa_unused the gotcha codes named in noqa comments that suppressed nothing. */
void noqa_apply(const Source *src, const Tokens *toks, FileResult *out);

/* GT901: call `unused` for every gotcha code written in a noqa directive (line or file) that
   covers none of diags[0..n) (the findings before suppression); start/end is the code's byte
   range in src->text, line its 1-based line. */
void noqa_find_unused(const Source *src, const Tokens *toks, const Diag *diags, int32_t n,
                      void (*unused)(void *arg, int32_t line, uint32_t start, uint32_t end), void *arg);

/* Does the code written in a suppression comment (`GT101`, `B006`, `W0102`,
   `dangerous-default-value`; case-insensitive) cover the gotcha rule `gt_code`? */
int noqa_code_covers(const char *written, size_t len, const char *gt_code);

#endif
