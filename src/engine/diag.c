/* Diagnostics and fixes: constructors, positions, the growable list (see diag.h). */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

/* ---- fixes ---- */

Fix *diag_fix_new(const char *title, int safe)
{
    Fix *fix = xrealloc(NULL, sizeof *fix);
    memset(fix, 0, sizeof *fix);
    fix->safe = (uint8_t)(safe != 0);
    fix->title = xstrdup(title);
    return fix;
}

void diag_fix_add_edit(Fix *fix, uint32_t start, uint32_t end, const char *text)
{
    fix->edits = xrealloc(fix->edits, (size_t)(fix->nedits + 1) * sizeof *fix->edits);
    fix->edits[fix->nedits++] = (Edit){ .start = start, .end = end, .text = xstrdup(text) };
}

void diag_fix_free(Fix *fix)
{
    if (!fix)
        return;
    for (int32_t i = 0; i < fix->nedits; i++)
        free(fix->edits[i].text);
    free(fix->edits);
    free(fix->title);
    free(fix);
}

/* ---- positions ---- */

uint32_t diag_offset(const Source *s, int32_t lineno, int32_t col_offset)
{
    if (lineno < 1)
        return 0;
    if (lineno > s->nlines)
        return (uint32_t)s->len;
    size_t off = s->line_starts[lineno - 1] + (size_t)(col_offset > 0 ? col_offset : 0);
    return (uint32_t)(off > s->len ? s->len : off);
}

/* 1-based character column; positions past the last line (EOF errors) count bytes. */
static int32_t user_col(const Source *s, int32_t lineno, int32_t col_offset)
{
    if (lineno < 1 || lineno > s->nlines)
        return col_offset + 1;
    return source_char_col(s, lineno, col_offset);
}

void diag_list_add(DiagList *list, const Source *s, const char *code, int32_t lineno,
                   int32_t col_offset, int32_t end_lineno, int32_t end_col_offset, char *message,
                   Fix *fix)
{
    if (list->n == list->cap)
        XGROW(list->items, list->n + 1, list->cap, 16);
    Diag *dg = &list->items[list->n++];
    dg->code = code;
    dg->line = lineno;
    dg->col = user_col(s, lineno, col_offset);
    dg->end_line = end_lineno;
    dg->end_col = user_col(s, end_lineno, end_col_offset);
    dg->start = diag_offset(s, lineno, col_offset);
    dg->end = diag_offset(s, end_lineno, end_col_offset);
    dg->message = message;
    dg->fix = fix;
}

void diag_result_free(FileResult *r)
{
    if (!r)
        return;
    for (int32_t i = 0; i < r->ndiags; i++) {
        free(r->diags[i].message);
        diag_fix_free(r->diags[i].fix);
    }
    free(r->diags);
    free(r->path);
    free(r->error);
    memset(r, 0, sizeof *r);
}

/* ---- conditional findings ---- */

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

DiagCond diag_cond_copy(const DiagCond *c)
{
    DiagCond out = { .kind = c->kind, .name = dup_or_null(c->name), .nrefs = c->nrefs };
    if (c->nrefs > 0) {
        out.refs = xcalloc((size_t)c->nrefs, sizeof *out.refs);
        for (int32_t i = 0; i < c->nrefs; i++)
            out.refs[i] = (DiagRef){ .target = xstrdup(c->refs[i].target), .index = c->refs[i].index,
                                     .keyword = dup_or_null(c->refs[i].keyword), .line = c->refs[i].line };
    }
    return out;
}

void diag_cond_free(DiagCond *c)
{
    for (int32_t i = 0; i < c->nrefs; i++) {
        free(c->refs[i].target);
        free(c->refs[i].keyword);
    }
    free(c->refs);
    free(c->name);
    memset(c, 0, sizeof *c);
}

void diag_pending_add(DiagPendingList *list, const Diag *d, int when, const DiagCond *cond)
{
    if (list->n == list->cap)
        XGROW(list->items, list->n + 1, list->cap, 8);
    list->items[list->n++] = (DiagPending){ .diag = *d, .when = (uint8_t)(when != 0),
                                            .cond = diag_cond_copy(cond) };
}

void diag_pending_free(DiagPendingList *list)
{
    for (int32_t i = 0; i < list->n; i++) {
        free(list->items[i].diag.message);
        diag_fix_free(list->items[i].diag.fix);
        diag_cond_free(&list->items[i].cond);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* qsort order of findings: line, column, code. */
int diag_compare(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* ---- evidence ---- */

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

int diag_message_lines(const char *message, int32_t *lines, int max)
{
    int n = 0;
    for (const char *p = strstr(message, "line "); p && n < max; p = strstr(p + 5, "line ")) {
        if (p > message && is_word_char(p[-1]))
            continue;   /* "inline 3", "newline 4" */
        const char *q = p + 5;
        int32_t v = 0;
        for (; *q >= '0' && *q <= '9'; q++)
            if (v >= 0)
                v = v < 100000000 ? v * 10 + (*q - '0') : -1;   /* -1: no line of a real file */
        if (q == p + 5 || is_word_char(*q) || v <= 0)
            continue;
        int seen = 0;
        for (int k = 0; k < n; k++)
            seen |= lines[k] == v;
        if (!seen)
            lines[n++] = v;
    }
    return n;
}

void diag_result_merge(FileResult *res, DiagList *more)
{
    if (more->n == 0)
        return;
    res->diags = xrealloc(res->diags, (size_t)(res->ndiags + more->n) * sizeof *res->diags);
    memcpy(res->diags + res->ndiags, more->items, (size_t)more->n * sizeof *more->items);
    res->ndiags += more->n;
    qsort(res->diags, (size_t)res->ndiags, sizeof *res->diags, diag_compare);
    free(more->items);
    memset(more, 0, sizeof *more);
}
