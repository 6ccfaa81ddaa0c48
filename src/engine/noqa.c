/* Suppression comments: see noqa.h for the accepted forms. */
#include "noqa.h"
#include "rule.h"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

static int equals_nocase(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen != blen)
        return 0;
    for (size_t i = 0; i < alen; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* Peer codes come from the rule's own `peers` (rule.h), so a team migrating from ruff,
   flake8-bugbear or pylint keeps its existing suppressions. */
int noqa_code_covers(const char *written, size_t len, const Rule *rule)
{
    if (equals_nocase(written, len, rule->code))
        return 1;
    const char *const *peers = rule->peers;
    for (int k = 0; k < RULE_MAX_PEERS && peers[k]; k++)
        if (equals_nocase(written, len, peers[k]))
            return 1;
    return 0;
}

/* ---- parsing the comments ---- */

typedef struct NoqaCode {
    const char *text;
    uint32_t len;
    int used;
} NoqaCode;

typedef struct Directive {
    int32_t line;
    int bare;              /* a plain `# noqa`: everything on the line */
    int used;              /* a bare directive that suppressed something */
    int32_t first_code, ncodes;
} Directive;

typedef struct CodeList {
    NoqaCode *items;
    int32_t n, cap;
} CodeList;

typedef struct Directives {
    Directive *items;      /* line directives, in line order */
    int32_t n;
    CodeList codes;        /* codes of all line directives; each directive owns a slice */
    int has_file_bare;     /* `# gotcha: noqa`, `# ruff: noqa`, `# pylint: skip-file`... */
    CodeList file_codes;   /* `# gotcha: noqa: GT101`, `# ruff: noqa: B006` */
} Directives;

static void add_code(CodeList *list, const char *text, size_t len)
{
    XGROW(list->items, list->n + 1, list->cap, 16);
    list->items[list->n++] = (NoqaCode){text, (uint32_t)len, 0};
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* If [p, end) starts with `word` (case-insensitive, not followed by a name character), return the
   position after it, else NULL. */
/* Past `c` and the blanks around it, or NULL when the next non-blank is not `c`. */
static const char *past_char(const char *p, const char *end, char c)
{
    p = skip_blanks(p, end);
    return p < end && *p == c ? skip_blanks(p + 1, end) : NULL;
}

static const char *match_word(const char *p, const char *end, const char *word)
{
    /* Most comments are not directives: reject on the first letter before measuring the word.
       `word` starts with a lower-case ASCII letter, which only itself and its upper case match
       with bit 0x20 set (tolower in the C locale, without its call). */
    if (p >= end || ((unsigned char)*p | 0x20) != (unsigned char)word[0])
        return NULL;
    size_t n = strlen(word);
    if ((size_t)(end - p) < n || !equals_nocase(p, n, word))
        return NULL;
    if (p + n < end && (isalnum((unsigned char)p[n]) || p[n] == '_'))
        return NULL;
    return p + n;
}

/* A noqa code: letters then digits (`GT101`, `B006`, `RUF012`). Returns its length, 0 if none. */
static size_t noqa_code_len(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && isalpha((unsigned char)*q))
        q++;
    if (q == p)
        return 0;
    const char *digits = q;
    while (q < end && isdigit((unsigned char)*q))
        q++;
    return q == digits ? 0 : (size_t)(q - p);
}

/* Codes after `noqa:`: separated by commas and/or blanks. Returns how many were added. */
static int32_t parse_noqa_codes(CodeList *list, const char *p, const char *end)
{
    int32_t added = 0;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
            p++;
        size_t len = noqa_code_len(p, end);
        if (len == 0)
            return added;
        add_code(list, p, len);
        added++;
        p += len;
    }
}

/* Names or ids after `pylint: disable=`: `dangerous-default-value, W0102`. */
static int32_t parse_pylint_names(CodeList *list, const char *p, const char *end)
{
    int32_t added = 0;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
            p++;
        const char *name = p;
        while (p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
            p++;
        if (p == name)
            return added;
        add_code(list, name, (size_t)(p - name));
        added++;
    }
}

/* One `#`-introduced directive at p (just after the '#'): `noqa[: codes]` or `pylint: disable=...`.
   Updates the directive; returns 1 if it was one. */
static int parse_line_directive(Directives *d, Directive *dir, const char *p, const char *end)
{
    p = skip_blanks(p, end);
    /* `x = 1  # gotcha: noqa` after code: a line directive, not a file one */
    const char *tool = match_word(p, end, "gotcha");
    if (tool && (tool = skip_blanks(tool, end)) < end && *tool == ':')
        p = skip_blanks(tool + 1, end);
    const char *after = match_word(p, end, "noqa");
    if (after) {
        after = skip_blanks(after, end);
        if (after < end && *after == ':') {
            int32_t n = parse_noqa_codes(&d->codes, after + 1, end);
            dir->ncodes += n;
            return n > 0;          /* `# noqa:` with no code is malformed: it suppresses nothing */
        }
        dir->bare = 1;
        return 1;
    }
    after = match_word(p, end, "pylint");
    after = after ? past_char(after, end, ':') : NULL;
    after = after ? match_word(after, end, "disable") : NULL;
    after = after ? past_char(after, end, '=') : NULL;
    if (!after)
        return 0;
    int32_t n = parse_pylint_names(&d->codes, after, end);
    dir->ncodes += n;
    return n > 0;
}

/* The file-level opt-outs a team may already have, on a line of their own: `# gotcha: noqa`,
   `# ruff: noqa`, `# flake8: noqa` (the whole file, or `...: noqa: GT101, B006` for those codes)
   and `# pylint: skip-file` (the whole file). */
static int parse_file_directive(Directives *d, const char *p, const char *end)
{
    p = skip_blanks(p + 1, end);
    const char *after = match_word(p, end, "pylint");
    if (after) {
        after = past_char(after, end, ':');
        if (!after || !match_word(after, end, "skip-file"))
            return 0;
        d->has_file_bare = 1;
        return 1;
    }
    if (!(after = match_word(p, end, "gotcha")) && !(after = match_word(p, end, "ruff")) &&
        !(after = match_word(p, end, "flake8")))
        return 0;
    p = past_char(after, end, ':');
    p = p ? match_word(p, end, "noqa") : NULL;
    if (!p)
        return 0;
    p = skip_blanks(p, end);
    if (p < end && *p == ':') {
        parse_noqa_codes(&d->file_codes, p + 1, end);
        return 1;
    }
    d->has_file_bare = 1;
    return 1;
}

static int comment_is_alone_on_line(const Source *src, const Comment *c)
{
    if (c->lineno < 1 || c->lineno > src->nlines)
        return 0;
    for (uint32_t i = src->line_starts[c->lineno - 1]; i < c->start; i++)
        if (src->text[i] != ' ' && src->text[i] != '\t' && src->text[i] != '\f')
            return 0;
    return 1;
}

static void collect_directives(const Source *src, const Tokens *toks, Directives *d)
{
    d->items = xrealloc(NULL, ((size_t)toks->ncomments + 1) * sizeof *d->items);
    for (int32_t i = 0; i < toks->ncomments; i++) {
        const Comment *c = &toks->comments[i];
        const char *text = src->text + c->start;
        const char *end = src->text + c->end;
        if (comment_is_alone_on_line(src, c) && parse_file_directive(d, text, end))
            continue;
        Directive dir = {.line = c->lineno, .first_code = d->codes.n};
        int found = 0;
        /* every '#' may start a directive: `# type: ignore  # noqa: GT101` */
        for (const char *p = text; (p = memchr(p, '#', (size_t)(end - p))) != NULL; p++)
            if (parse_line_directive(d, &dir, p + 1, end))
                found = 1;
        if (found)
            d->items[d->n++] = dir;
    }
}

/* ---- applying them ---- */

static int codes_cover(NoqaCode *codes, int32_t n, const Rule *rule)
{
    int covered = 0;
    for (int32_t i = 0; i < n; i++)
        if (noqa_code_covers(codes[i].text, codes[i].len, rule)) {
            codes[i].used = 1;
            covered = 1;   /* keep going: every code that covers it counts as used */
        }
    return covered;
}

/* Directive on `line`, or NULL. Directives are in line order: binary search. */
static Directive *directive_at(Directives *d, int32_t line)
{
    int32_t lo = 0, hi = d->n;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (d->items[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n && d->items[lo].line == line ? &d->items[lo] : NULL;
}

/* The rule that reported `code`: Diag.code points into the rule table, so pointers compare first. */
static const Rule *rule_of(const RuleList *rules, const char *code)
{
    for (int32_t i = 0; i < rules->n; i++)
        if (rules->items[i]->code == code || strcmp(rules->items[i]->code, code) == 0)
            return rules->items[i];
    return NULL;
}

static int is_suppressed(Directives *d, const RuleList *rules, const Diag *diag)
{
    if (strcmp(diag->code, "GT001") == 0)
        return 0;
    if (d->has_file_bare)
        return 1;
    const Rule *rule = rule_of(rules, diag->code);
    assert(rule != NULL);   /* every diagnostic comes from a rule of the table */
    int by_file = codes_cover(d->file_codes.items, d->file_codes.n, rule);
    Directive *dir = directive_at(d, diag->line);
    int by_line = 0;
    if (dir) {
        /* A bare "# noqa" has no codes, and the list may not exist: no pointer arithmetic on NULL. */
        NoqaCode *codes = dir->ncodes ? d->codes.items + dir->first_code : NULL;
        by_line = codes_cover(codes, dir->ncodes, rule);
        if (dir->bare) {
            dir->used = 1;
            by_line = 1;
        }
    }
    return by_file || by_line;
}

static void diag_release(Diag *diag)
{
    free(diag->message);
    diag_fix_free(diag->fix);
}

/* Unused gotcha codes only: peer codes and bare `# noqa` may be there for another tool. */
static int32_t count_unused(const CodeList *list)
{
    int32_t unused = 0;
    for (int32_t i = 0; i < list->n; i++) {
        const NoqaCode *c = &list->items[i];
        if (!c->used && c->len > 2 && equals_nocase(c->text, 2, "GT"))
            unused++;
    }
    return unused;
}

/* ---- the file's set ---- */

struct Noqa {
    const Source *src;
    RuleList rules;        /* the table whose codes and peers the comments name */
    Directives d;
};

Noqa *noqa_parse(const Source *src, const Tokens *toks, const RuleList *rules)
{
    Noqa *nq = xcalloc(1, sizeof *nq);
    nq->src = src;
    nq->rules = *rules;
    if (toks && toks->ncomments > 0)
        collect_directives(src, toks, &nq->d);
    return nq;
}

void noqa_free(Noqa *nq)
{
    if (!nq)
        return;
    free(nq->d.items);
    free(nq->d.codes.items);
    free(nq->d.file_codes.items);
    free(nq);
}

static int has_directives(const Directives *d)
{
    return d->n > 0 || d->has_file_bare || d->file_codes.n > 0;
}

void noqa_mark(Noqa *nq, const Diag *diags, int32_t n)
{
    if (!has_directives(&nq->d))
        return;
    for (int32_t i = 0; i < n; i++)
        (void)is_suppressed(&nq->d, &nq->rules, &diags[i]);
}

void noqa_apply(Noqa *nq, FileResult *out)
{
    Directives *d = &nq->d;
    if (!has_directives(d))
        return;
    int32_t kept = 0;
    for (int32_t i = 0; i < out->ndiags; i++) {
        if (is_suppressed(d, &nq->rules, &out->diags[i]))
            diag_release(&out->diags[i]);
        else
            out->diags[kept++] = out->diags[i];
    }
    out->ndiags = kept;
    out->nnoqa_unused += count_unused(&d->codes) + count_unused(&d->file_codes);
}

void noqa_apply_pending(Noqa *nq, DiagPendingList *list)
{
    Directives *d = &nq->d;
    if (!has_directives(d))
        return;
    int32_t kept = 0;
    for (int32_t i = 0; i < list->n; i++) {
        if (is_suppressed(d, &nq->rules, &list->items[i].diag)) {
            diag_release(&list->items[i].diag);
            diag_cond_free(&list->items[i].cond);
        } else {
            list->items[kept++] = list->items[i];
        }
    }
    list->n = kept;
}

int32_t noqa_code_count(const Noqa *nq)
{
    return nq->d.codes.n + nq->d.file_codes.n;
}

NoqaCodeRef noqa_code(const Noqa *nq, int32_t i)
{
    assert(i >= 0 && i < noqa_code_count(nq));
    const NoqaCode *c = i < nq->d.codes.n ? &nq->d.codes.items[i]
                                          : &nq->d.file_codes.items[i - nq->d.codes.n];
    uint32_t start = (uint32_t)(c->text - nq->src->text);
    return (NoqaCodeRef){ .line = source_line_of(nq->src, start), .start = start,
                          .end = start + c->len, .used = (uint8_t)(c->used != 0) };
}
