/* `--add-noqa`: suppression comments for the current findings, as edits applied like fixes. */
#include "fix.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../parser/parser.h"
#include "../util/arena.h"
#include "../util/xalloc.h"

typedef struct Span {
    uint32_t start, end;
} Span;

/* Ranges of the text inside string literals (f-strings from their start to their end token). */
static Span *string_spans(const Tokens *toks, int32_t *nspans)
{
    Span *spans = xmalloc(((size_t)toks->n + 1) * sizeof *spans);
    int32_t n = 0, depth = 0;
    uint32_t fstring_start = 0;
    for (int32_t i = 0; i < toks->n; i++) {
        const Token *t = &toks->items[i];
        if (t->type == T_FSTRING_START) {
            if (depth++ == 0)
                fstring_start = t->start;
        } else if (t->type == T_FSTRING_END && depth > 0) {
            if (--depth == 0)
                spans[n++] = (Span){fstring_start, t->end};
        } else if (t->type == T_STRING && depth == 0) {
            spans[n++] = (Span){t->start, t->end};
        }
    }
    *nspans = n;
    return spans;
}

static int inside_string(const Span *spans, int32_t n, uint32_t offset)
{
    int32_t lo = 0, hi = n;   /* spans are in text order */
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (spans[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && spans[lo].start < offset && offset < spans[lo].end;
}

/* End of line `line`'s content (before its line break). */
static uint32_t line_content_end(const Source *src, int32_t line)
{
    uint32_t end = line < src->nlines ? src->line_starts[line] : (uint32_t)src->len;
    uint32_t start = src->line_starts[line - 1];
    while (end > start && (src->text[end - 1] == '\n' || src->text[end - 1] == '\r'))
        end--;
    return end;
}

static const Comment *comment_on_line(const Tokens *toks, int32_t line)
{
    for (int32_t i = 0; i < toks->ncomments; i++)
        if (toks->comments[i].lineno == line)
            return &toks->comments[i];
    return NULL;
}

/* In a comment, the end of the code list of a `noqa: CODES` directive, or 0 if there is none. */
static uint32_t noqa_codes_end(const char *text, const Comment *c)
{
    for (uint32_t p = c->start; p + 4 <= c->end; p++) {
        if (strncasecmp(text + p, "noqa", 4) != 0)
            continue;
        uint32_t q = p + 4;
        while (q < c->end && (text[q] == ' ' || text[q] == '\t'))
            q++;
        if (q >= c->end || text[q] != ':')
            continue;
        q++;
        uint32_t last_end = 0;
        for (;;) {
            while (q < c->end && (text[q] == ' ' || text[q] == '\t' || text[q] == ','))
                q++;
            uint32_t code = q;
            while (q < c->end && isalpha((unsigned char)text[q]))
                q++;
            uint32_t digits = q;
            while (q < c->end && isdigit((unsigned char)text[q]))
                q++;
            if (q == code || q == digits)
                break;
            last_end = q;
        }
        if (last_end)
            return last_end;
    }
    return 0;
}

/* Codes of the diagnostics starting on `line` (from diags[first..]), ", "-separated, no repeats. */
static int32_t codes_of_line(const Diag *diags, int32_t n, int32_t first, int32_t line, Buf *codes)
{
    int32_t added = 0;
    for (int32_t i = first; i < n && diags[i].line == line; i++) {
        if (strcmp(diags[i].code, "GT001") == 0 || strcmp(diags[i].code, "GT901") == 0)
            continue;   /* a syntax error cannot be suppressed; an unused noqa is removed, not noqa'd */
        int repeat = 0;
        for (int32_t j = first; j < i; j++)
            repeat |= strcmp(diags[j].code, diags[i].code) == 0;
        if (repeat)
            continue;
        if (added++)
            buf_puts(codes, ", ");
        buf_puts(codes, diags[i].code);
    }
    buf_cstr(codes);
    return added;
}

static void note_skip(Buf *skipped, const char *path, int32_t line, const char *why)
{
    buf_printf(skipped, "%s:%d: %s: no noqa comment added\n", path, (int)line, why);
}

int32_t fix_add_noqa(const char *path, const char *bytes, size_t len, const Diag *diags, int32_t n,
                     Buf *out, Buf *skipped)
{
    Arena arena;
    arena_init(&arena);
    ParsedFile parsed;
    SyntaxErr err;
    memset(&err, 0, sizeof err);
    if (parse_file(path, bytes, len, &arena, &parsed, &err) != 0 || !parsed.module) {
        arena_free(&arena);
        return -1;
    }
    const Source *src = &parsed.src;
    int32_t nspans;
    Span *spans = string_spans(&parsed.toks, &nspans);
    Diag *line_fixes = xcalloc((size_t)n + 1, sizeof *line_fixes);
    Fix *fixes = xcalloc((size_t)n + 1, sizeof *fixes);
    Edit *edits = xcalloc((size_t)n + 1, sizeof *edits);
    int32_t nfixes = 0, added = 0;
    for (int32_t i = 0; i < n;) {
        int32_t line = diags[i].line, first = i;
        while (i < n && diags[i].line == line)
            i++;
        Buf codes;
        buf_init(&codes);
        int32_t ncodes = codes_of_line(diags, n, first, line, &codes);
        if (ncodes == 0 || line < 1 || line > src->nlines) {
            buf_free(&codes);
            continue;
        }
        uint32_t eol = line_content_end(src, line);
        const Comment *comment = comment_on_line(&parsed.toks, line);
        uint32_t merge_at = comment ? noqa_codes_end(src->text, comment) : 0;
        Buf text;
        buf_init(&text);
        if (merge_at) {
            buf_printf(&text, ", %s", codes.data);
        } else if (inside_string(spans, nspans, eol)) {
            note_skip(skipped, path, line, "the line ends inside a string");
        } else if (!comment && eol > src->line_starts[line - 1] && src->text[eol - 1] == '\\') {
            note_skip(skipped, path, line, "the line ends with a backslash continuation");
        } else {
            merge_at = eol;
            buf_printf(&text, "  # noqa: %s", codes.data);
        }
        if (merge_at) {
            edits[nfixes] = (Edit){merge_at, merge_at, xstrdup(buf_cstr(&text))};
            fixes[nfixes] = (Fix){.edits = &edits[nfixes], .nedits = 1, .safe = 1};
            line_fixes[nfixes] = (Diag){.code = "GT000", .line = line, .fix = &fixes[nfixes]};
            nfixes++;
            added += ncodes;
        }
        buf_free(&text);
        buf_free(&codes);
    }
    size_t bom = (size_t)(len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) * 3;
    uint8_t *chosen = xcalloc((size_t)nfixes + 1, 1);
    buf_add(out, bytes, bom);
    fix_apply_round(bytes + bom, len - bom, line_fixes, nfixes, 1, fix_newline_style(bytes, len), out,
                    chosen);
    for (int32_t k = 0; k < nfixes; k++)
        free(edits[k].text);
    free(chosen);
    free(edits);
    free(fixes);
    free(line_fixes);
    free(spans);
    arena_free(&arena);
    return added;
}
