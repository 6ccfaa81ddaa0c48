/* Choosing and applying fixes, round after round, until the file is stable. */
#include "fix.h"
#include "../source/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../parser/parser.h"
#include "../unicode/utf8.h"
#include "../util/arena.h"
#include "../util/xalloc.h"

static const char UTF8_BOM[] = "\xEF\xBB\xBF";

const char *fix_newline_style(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            return "\n";
        if (text[i] == '\r')
            return i + 1 < len && text[i + 1] == '\n' ? "\r\n" : "\r";
    }
    return "\n";
}

/* ---- one round ---- */

typedef struct Candidate {
    int32_t diag;            /* index in diags */
    uint32_t first;          /* start of its first edit */
    const char *code;
} Candidate;

static int cmp_candidates(const void *a, const void *b)
{
    const Candidate *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    int by_code = strcmp(x->code, y->code);
    if (by_code)
        return by_code;
    return (x->diag > y->diag) - (x->diag < y->diag);
}

static int same_edit(const Edit *a, const Edit *b)
{
    return a->start == b->start && a->end == b->end
           && strcmp(a->text ? a->text : "", b->text ? b->text : "") == 0;
}

/* Two edits of different fixes conflict when their ranges intersect or one replaces text where
   the other starts. Two insertions at one place do not: they go in the order their fixes were
   chosen (two guards before a body's first statement). The same edit twice (two fixes adding
   one import) is applied once. */
static int edits_conflict(const Edit *a, const Edit *b)
{
    if (same_edit(a, b))
        return 0;
    if (a->start == b->start)
        return a->start != a->end || b->start != b->end;
    return a->start < b->end && b->start < a->end;
}

static int fix_is_valid(const Fix *fix, size_t len)
{
    if (!fix || fix->nedits <= 0)
        return 0;
    for (int32_t e = 0; e < fix->nedits; e++) {
        const Edit *ed = &fix->edits[e];
        if (ed->start > ed->end || ed->end > len)
            return 0;
        if (e > 0 && ed->start < fix->edits[e - 1].end)
            return 0;   /* a fix's own edits must be sorted and apart */
    }
    return 1;
}

typedef struct EditRef {
    const Edit *edit;
    size_t seq;              /* order chosen: keeps insertions at one place in that order */
} EditRef;

static int cmp_edit_refs(const void *a, const void *b)
{
    const EditRef *x = a, *y = b;
    if (x->edit->start != y->edit->start)
        return x->edit->start < y->edit->start ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Does `fix` conflict with any edit already chosen? (Rounds hold few fixes: a linear scan.) */
static int conflicts_with_chosen(const Fix *fix, const EditRef *chosen, size_t nchosen)
{
    for (int32_t e = 0; e < fix->nedits; e++)
        for (size_t c = 0; c < nchosen; c++)
            if (edits_conflict(&fix->edits[e], chosen[c].edit))
                return 1;
    return 0;
}

/* Inserted text with its line breaks in the file's style. */
static void put_with_newlines(Buf *out, const char *s, const char *newline)
{
    for (; *s; s++) {
        if (*s == '\n' && strcmp(newline, "\n") != 0)
            buf_puts(out, newline);
        else
            buf_putc(out, *s);
    }
}

int32_t fix_apply_round(const char *text, size_t len, const Diag *diags, int32_t n, int unsafe,
                        const char *newline, Buf *out, uint8_t *chosen)
{
    Candidate *cands = xmalloc(((size_t)n + 1) * sizeof *cands);
    size_t total_edits = 0;
    int32_t ncands = 0;
    for (int32_t i = 0; i < n; i++) {
        chosen[i] = 0;
        const Fix *fix = diags[i].fix;
        if (!fix_is_valid(fix, len) || (!fix->safe && !unsafe))
            continue;
        cands[ncands++] = (Candidate){i, fix->edits[0].start, diags[i].code};
        total_edits += (size_t)fix->nedits;
    }
    qsort(cands, (size_t)ncands, sizeof *cands, cmp_candidates);

    EditRef *edits = xmalloc((total_edits + 1) * sizeof *edits);
    size_t nedits = 0;
    int32_t applied = 0;
    for (int32_t c = 0; c < ncands; c++) {
        const Fix *fix = diags[cands[c].diag].fix;
        if (conflicts_with_chosen(fix, edits, nedits))
            continue;   /* the next round's re-check offers it again */
        for (int32_t e = 0; e < fix->nedits; e++, nedits++)
            edits[nedits] = (EditRef){&fix->edits[e], nedits};
        chosen[cands[c].diag] = 1;
        applied++;
    }
    qsort(edits, nedits, sizeof *edits, cmp_edit_refs);

    size_t at = 0;
    for (size_t e = 0; e < nedits; e++) {
        if (e > 0 && same_edit(edits[e - 1].edit, edits[e].edit))
            continue;
        buf_add(out, text + at, edits[e].edit->start - at);
        put_with_newlines(out, edits[e].edit->text ? edits[e].edit->text : "", newline);
        at = edits[e].edit->end;
    }
    buf_add(out, text + at, len - at);
    buf_cstr(out);
    free(edits);
    free(cands);
    return applied;
}

/* ---- encoding ---- */

/* Fix offsets are in the decoded text: only files whose bytes are that text can be patched. */
int fix_bytes_are_text(const char *bytes, size_t len)
{
    char enc[64];
    if (!source_coding_cookie(bytes, len, enc, sizeof enc) || strncasecmp(enc, "utf-8", 5) == 0
        || strncasecmp(enc, "utf8", 4) == 0 || strncasecmp(enc, "utf_8", 5) == 0)
        return 1;
    return utf8_all_ascii(bytes, len);   /* ASCII is the same in every encoding a cookie may name */
}

static int text_parses(const char *path, const char *bytes, size_t len)
{
    Arena arena;
    arena_init(&arena);
    ParsedFile parsed;
    SyntaxErr err;
    memset(&err, 0, sizeof err);
    int ok = parse_file(path, bytes, len, &arena, &parsed, &err) == 0 && parsed.module != NULL;
    arena_free(&arena);
    return ok;
}

/* ---- the loop ---- */

static void record_applied(FixOutcome *o, const Diag *d, int32_t round)
{
    o->applied = xrealloc(o->applied, ((size_t)o->napplied + 1) * sizeof *o->applied);
    o->applied[o->napplied++] = (AppliedFix){
        .code = d->code, .line = d->line, .col = d->col, .round = round, .safe = d->fix->safe,
        .title = xstrdup(d->fix->title ? d->fix->title : ""),
    };
}

static void keep_final_result(FixOutcome *o, FileResult *res)
{
    o->final_result = *res;
    o->has_final_result = 1;
    memset(res, 0, sizeof *res);
}

/* True when a round has a fix it may apply (to tell "stable" from "out of rounds"). */
static int has_applicable_fix(const FileResult *r, size_t text_len, int unsafe)
{
    for (int32_t i = 0; i < r->ndiags; i++)
        if (fix_is_valid(r->diags[i].fix, text_len) && (r->diags[i].fix->safe || unsafe))
            return 1;
    return 0;
}

void fix_bytes(const char *path, const char *bytes, size_t len, int unsafe, FixCheckFn check,
               void *check_arg, FixOutcome *out)
{
    memset(out, 0, sizeof *out);
    out->converged = 1;
    size_t bom = len >= 3 && memcmp(bytes, UTF8_BOM, 3) == 0 ? 3 : 0;
    int patchable = fix_bytes_are_text(bytes, len);
    const char *newline = fix_newline_style(bytes + bom, len - bom);
    Buf current;   /* the file's bytes as of the last round */
    buf_init(&current);
    buf_add(&current, bytes, len);
    buf_cstr(&current);

    for (int32_t round = 1;; round++) {
        FileResult res;
        if (check(check_arg, current.data, current.len, &res) != 0) {
            out->status = FIX_FAILED;
            out->message = xasprintf("%s: %s", path, res.error ? res.error : "cannot be checked");
            diag_result_free(&res);
            break;
        }
        if (!patchable) {   /* only worth a warning when there was something to fix */
            if (has_applicable_fix(&res, current.len - bom, unsafe)) {
                out->status = FIX_SKIPPED;
                out->message = xasprintf("%s: not fixed: its coding cookie names an encoding other "
                                         "than UTF-8 and it has non-ASCII bytes", path);
            }
            keep_final_result(out, &res);   /* of the unchanged bytes */
            break;
        }
        if (round > FIX_MAX_ROUNDS) {
            out->converged = !has_applicable_fix(&res, current.len - bom, unsafe);
            keep_final_result(out, &res);
            break;
        }
        uint8_t *chosen = xcalloc((size_t)res.ndiags + 1, 1);
        Buf next;
        buf_init(&next);
        buf_add(&next, current.data, bom);
        int32_t applied = fix_apply_round(current.data + bom, current.len - bom, res.diags, res.ndiags,
                                          unsafe, newline, &next, chosen);
        if (applied > 0 && !text_parses(path, next.data, next.len)) {
            out->status = FIX_FAILED;
            out->message = xasprintf("%s: applying the fixes produced code that does not parse "
                                     "(a gotcha bug: please report it); the file is left unchanged",
                                     path);
            applied = 0;
        }
        for (int32_t i = 0; applied > 0 && i < res.ndiags; i++)
            if (chosen[i])
                record_applied(out, &res.diags[i], round);
        free(chosen);
        if (applied == 0) {
            if (out->status == FIX_FAILED)
                diag_result_free(&res);
            else
                keep_final_result(out, &res);   /* nothing left to apply: what remains */
            buf_free(&next);
            break;
        }
        diag_result_free(&res);
        buf_free(&current);
        current = next;
        out->rounds = round;
    }
    if (out->status == FIX_FAILED || out->status == FIX_SKIPPED || out->napplied == 0) {
        buf_free(&current);
        if (out->status != FIX_FAILED && out->status != FIX_SKIPPED)
            out->status = FIX_UNCHANGED;
        return;
    }
    out->status = FIX_CHANGED;
    out->text = current.data;
    out->len = current.len;
}

void fix_outcome_free(FixOutcome *o)
{
    for (int32_t i = 0; i < o->napplied; i++)
        free(o->applied[i].title);
    free(o->applied);
    free(o->text);
    free(o->message);
    if (o->has_final_result)
        diag_result_free(&o->final_result);
    memset(o, 0, sizeof *o);
}
