/* Worker side of the reporters: what needs the file's text (source excerpts with carets for the
   full format, row/column of fix edits for json/sarif, the excerpt lines and per-finding fix diffs
   of html) is derived while the bytes are in memory. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../fix/fix.h"
#include "../source/source.h"
#include "../unicode/utf8.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include "report.h"

/* ---- the file's lines, from its raw bytes (worker side) ---- */

/* The file's bytes with source/'s line table. Lines are those that hold text: a final line break
   starts no line here, so a position at the very end stays on the last line. */
typedef struct LineIndex {
    Source src;
    int32_t n;          /* lines shown: src.nlines less the empty line after a final line break */
} LineIndex;

static void line_index_init(LineIndex *li, const char *bytes, size_t len, Arena *a)
{
    /* Source.text drops a UTF-8 BOM: offsets and columns are counted without it */
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        bytes += 3, len -= 3;
    source_init_text(&li->src, NULL, bytes, len, a);
    li->n = li->src.nlines;
    if (li->n > 1 && li->src.line_starts[li->n - 1] == len)
        li->n--;
}

/* Byte range of line `lineno` (1-based) without its line break. */
static void line_span(const LineIndex *li, int32_t lineno, size_t *start, size_t *end)
{
    const Source *s = &li->src;
    *start = s->line_starts[lineno - 1];
    size_t e = lineno < s->nlines ? s->line_starts[lineno] : s->len;
    while (e > *start && (s->text[e - 1] == '\n' || s->text[e - 1] == '\r'))
        e--;
    *end = e;
}

/* 1-based line and character column of a byte offset. */
static void offset_to_pos(const LineIndex *li, size_t offset, int32_t *row, int32_t *col)
{
    const Source *s = &li->src;
    if (offset > s->len)
        offset = s->len;
    int32_t line = source_line_of(s, offset);
    if (line > li->n)
        line = li->n;
    *row = line;
    *col = source_char_col(s, line, (int32_t)(offset - s->line_starts[line - 1]));
}

/* ---- full format: source excerpt with carets ---- */

#define TAB_WIDTH 4

/* Display width of the first `nchars` characters of [p, end), tabs expanded. */
static int display_width(const char *p, const char *end, int32_t nchars)
{
    int width = 0;
    for (int32_t c = 0; p < end && c < nchars; c++) {
        width = *p == '\t' ? (width / TAB_WIDTH + 1) * TAB_WIDTH : width + 1;
        p++;
        while (p < end && utf8_is_continuation((unsigned char)*p))
            p++;
    }
    return width;
}

static int32_t count_chars(const char *p, const char *end) { return (int32_t)utf8_count_chars(p, (size_t)(end - p)); }

/* A source line for the terminal: tabs expanded, control characters and bytes that are not
   UTF-8 shown as one replacement character each (so the carets stay aligned). */
static void put_expanded(Buf *out, const char *p, const char *end)
{
    int width = 0;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == '\t') {
            int next = (width / TAB_WIDTH + 1) * TAB_WIDTH;
            for (; width < next; width++)
                buf_putc(out, ' ');
            p++;
            continue;
        }
        size_t n = utf8_valid_len((const unsigned char *)p, (size_t)(end - p), NULL);
        if (n == 0 || c < 0x20 || c == 0x7F) {
            buf_puts(out, "\xEF\xBF\xBD");
            p++;
        } else {
            buf_add(out, p, n);
            p += n;
        }
        width++;
    }
}

static int digits(int32_t n)
{
    int d = 1;
    while (n >= 10)
        n /= 10, d++;
    return d;
}

static void put_gutter(Buf *out, int width, int color)
{
    buf_printf(out, "%s%*s |%s", report_style(color, STYLE_GUTTER), width, "", report_style(color, STYLE_RESET));
}

/* Long lines are shown as a window of at most EXCERPT_MAX_CHARS characters around the finding,
   "…" marking what was cut: an excerpt of a minified line stays readable, and 3,000 findings on
   one 30 KB line do not each hold a copy of it. The window starts EXCERPT_LEAD_CHARS before the
   finding and is the same for every line of the excerpt, so columns stay aligned. */
#define EXCERPT_MAX_CHARS 120
#define EXCERPT_LEAD_CHARS 40
#define ELLIPSIS "\xE2\x80\xA6"   /* U+2026, one column wide */

typedef struct Window {
    int32_t start, end;   /* 0-based character range shown of every excerpt line */
} Window;

/* Past the first `nchars` characters of [p, end): never inside a UTF-8 sequence. */
static const char *skip_chars(const char *p, const char *end, int32_t nchars)
{
    return utf8_skip_chars(p, end, nchars > 0 ? (size_t)nchars : 0);
}

static int32_t clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* 0-based character column of the finding's start on its line of line_chars characters. */
static int32_t first_char(const Diag *d, int32_t line_chars) { return clamp(d->col - 1, 0, line_chars); }

static Window excerpt_window(const Diag *d, const char *line, const char *line_end)
{
    int32_t line_chars = count_chars(line, line_end);
    Window w = {0, EXCERPT_MAX_CHARS};
    int32_t first = first_char(d, line_chars);
    if (line_chars > EXCERPT_MAX_CHARS && first > EXCERPT_LEAD_CHARS) {
        w.start = first - EXCERPT_LEAD_CHARS;
        if (w.start > line_chars - EXCERPT_MAX_CHARS)   /* the end of the line fills the window */
            w.start = line_chars - EXCERPT_MAX_CHARS;
        w.end = w.start + EXCERPT_MAX_CHARS;
    }
    return w;
}

/* The part of a line inside the window, with "…" on each side that was cut. */
static void put_windowed(Buf *out, const char *line, const char *line_end, Window w)
{
    const char *shown = skip_chars(line, line_end, w.start);
    const char *shown_end = skip_chars(shown, line_end, w.end - w.start);
    if (shown > line)
        buf_puts(out, ELLIPSIS);
    put_expanded(out, shown, shown_end);
    if (shown_end < line_end)
        buf_puts(out, ELLIPSIS);
}

static void put_carets(Buf *out, const Diag *d, const char *line, const char *line_end, Window w,
                       int width, int color)
{
    int32_t line_chars = count_chars(line, line_end);
    int32_t first = clamp(first_char(d, line_chars), w.start, w.end);
    int32_t last = d->end_line == d->line ? d->end_col - 1 : line_chars;
    last = clamp(last, first, line_chars < w.end ? line_chars : w.end);
    /* widths are measured from the window's start, as put_windowed prints it */
    const char *shown = skip_chars(line, line_end, w.start);
    int ellipsis = shown > line;
    int before = display_width(shown, line_end, first - w.start);
    int span = display_width(shown, line_end, last - w.start) - before;
    if (span < 1)
        span = 1;
    put_gutter(out, width, color);
    buf_printf(out, " %*s%s", ellipsis + before, "", report_style(color, STYLE_CODE));
    for (int i = 0; i < span; i++)
        buf_putc(out, '^');
    buf_printf(out, " %s%s\n", d->code, report_style(color, STYLE_RESET));
}

/* One line before and after the diagnostic's first line, like a compiler. */
static char *render_snippet(const LineIndex *li, const Diag *d, int color)
{
    Buf out;
    buf_init(&out);
    int32_t line = d->line < 1 ? 1 : d->line > li->n ? li->n : d->line;
    int32_t first = line > 1 ? line - 1 : 1;
    int32_t last = line < li->n ? line + 1 : li->n;
    int width = digits(last);
    size_t start, end;
    line_span(li, line, &start, &end);
    Window window = excerpt_window(d, li->src.text + start, li->src.text + end);
    put_gutter(&out, width, color);
    buf_putc(&out, '\n');
    for (int32_t l = first; l <= last; l++) {
        line_span(li, l, &start, &end);
        buf_printf(&out, "%s%*d |%s", report_style(color, STYLE_GUTTER), width, (int)l,
                   report_style(color, STYLE_RESET));
        if (end > start) {
            buf_putc(&out, ' ');
            put_windowed(&out, li->src.text + start, li->src.text + end, window);
        }
        buf_putc(&out, '\n');
        if (l == line && line == d->line)
            put_carets(&out, d, li->src.text + start, li->src.text + end, window, width, color);
    }
    put_gutter(&out, width, color);
    buf_putc(&out, '\n');
    if (d->fix && d->fix->title)   /* json and sarif carry the applicability as a field */
        buf_printf(&out, "%*s %s= help:%s %s%s\n", width, "", report_style(color, STYLE_HELP),
                   report_style(color, STYLE_RESET), d->fix->title,
                   d->fix->safe ? "" : " (unsafe fix: enable with --unsafe-fixes)");
    buf_cstr(&out);
    return out.data;
}

/* ---- html: the lines excerpts show, and each fix as a diff ---- */

/* Longest line kept for an excerpt: a minified line around a finding stays a few KB, not
   megabytes. A line a finding is on keeps more, so that the finding's columns are in it (the page
   shows a window of it around them). */
#define HTML_LINE_MAX_BYTES 2000
#define HTML_HIT_LINE_MAX_BYTES (256 * 1024)

static char *line_copy(const LineIndex *li, int32_t lineno, size_t max_bytes)
{
    size_t start, end;
    line_span(li, lineno, &start, &end);
    const char *p = li->src.text + start, *e = li->src.text + end;
    if (end - start > max_bytes) {
        e = p + max_bytes;
        while (e > p && utf8_is_continuation((unsigned char)*e))
            e--;
        return xasprintf("%.*s" ELLIPSIS, (int)(e - p), p);
    }
    return xasprintf("%.*s", (int)(e - p), p);
}

/* What an excerpt needs of a line: nothing, the line as context (cut when long), or the line a
   finding is on (kept whole up to HTML_HIT_LINE_MAX_BYTES). */
typedef enum LineShow { LINE_SHOW_NONE, LINE_SHOW_CONTEXT, LINE_SHOW_HIT } LineShow;

/* Every line some finding's excerpt shows, once. */
static void html_lines(const LineIndex *li, FileReport *fr, Arena *a)
{
    const FileResult *r = &fr->res;
    uint8_t *shown = arena_alloc(a, (size_t)li->n + 1);   /* LineShow, zeroed: LINE_SHOW_NONE */
    int32_t count = 0;
    for (int32_t i = 0; i < r->ndiags; i++) {
        ReportRange ranges[REPORT_MAX_RANGES];
        int n = report_html_excerpt(&r->diags[i], li->n, ranges);
        for (int k = 0; k < n; k++)
            for (int32_t l = ranges[k].first; l <= ranges[k].last; l++) {
                count += shown[l] == LINE_SHOW_NONE;
                if (shown[l] == LINE_SHOW_NONE)
                    shown[l] = LINE_SHOW_CONTEXT;
            }
        int32_t line = r->diags[i].line;
        if (line >= 1 && line <= li->n)
            shown[line] = LINE_SHOW_HIT;   /* inside the first range: counted */
    }
    fr->source_lines = li->n;
    fr->lines = xcalloc((size_t)count + 1, sizeof *fr->lines);
    for (int32_t l = 1; l <= li->n; l++)
        if (shown[l] != LINE_SHOW_NONE)
            fr->lines[fr->nlines++] = (ReportLine){
                l, line_copy(li, l, shown[l] == LINE_SHOW_HIT ? HTML_HIT_LINE_MAX_BYTES : HTML_LINE_MAX_BYTES)};
}

/* A fix's diff is computed on a window of the file: the lines of its edits and DIFF_WINDOW_MARGIN
   lines either side, more than the diff's 3 lines of context, so that a change the diff slides
   over equal neighbouring lines still gets its context. The hunk headers are then moved by the
   window's first line. So 10,000 findings in one file cost 10,000 small diffs, not 10,000 diffs
   of the whole file. */
#define DIFF_WINDOW_MARGIN 12

/* Copy `diff`'s hunks (dropping its ---/+++ header) with every line number moved by `offset`:
   "@@ -A,B +C,D @@" (",B" and ",D" only when present). */
static void shift_hunks(const char *diff, int32_t offset, Buf *out)
{
    const char *p = strstr(diff, "\n@@");
    for (p = p ? p + 1 : diff + strlen(diff); *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) + 1 : strlen(p);
        char *rest;
        if (strncmp(p, "@@ -", 4) == 0) {
            long a = strtol(p + 4, &rest, 10), b = -1, c, dd = -1;
            if (*rest == ',')
                b = strtol(rest + 1, &rest, 10);
            assert(strncmp(rest, " +", 2) == 0);   /* fix_unified_diff's hunk header */
            c = strtol(rest + 2, &rest, 10);
            if (*rest == ',')
                dd = strtol(rest + 1, &rest, 10);
            buf_printf(out, "@@ -%ld", a + offset);
            if (b >= 0)
                buf_printf(out, ",%ld", b);
            buf_printf(out, " +%ld", c + offset);
            if (dd >= 0)
                buf_printf(out, ",%ld", dd);
            buf_puts(out, " @@\n");
        } else {
            buf_add(out, p, len);
        }
        p += len;
    }
}

/* The byte range of lines [first, last] of the text, line breaks included. */
static void lines_span(const Source *s, int32_t first, int32_t last, size_t *start, size_t *end)
{
    *start = s->line_starts[first - 1];
    *end = last < s->nlines ? s->line_starts[last] : s->len;
}

/* The hunks of a unified diff of one fix applied alone to the text (no ---/+++ header: the
   finding names its file); NULL when it changes nothing. */
static char *fix_alone_diff(const LineIndex *li, const Diag *d, const char *newline)
{
    const Source *s = &li->src;
    const Fix *fix = d->fix;
    uint32_t lo = fix->edits[0].start, hi = fix->edits[0].end;
    for (int32_t e = 1; e < fix->nedits; e++) {
        lo = fix->edits[e].start < lo ? fix->edits[e].start : lo;
        hi = fix->edits[e].end > hi ? fix->edits[e].end : hi;
    }
    if (hi > s->len || lo > hi)
        return NULL;   /* not a fix of this text */
    int32_t first = source_line_of(s, lo) - DIFF_WINDOW_MARGIN, last = source_line_of(s, hi) + DIFF_WINDOW_MARGIN;
    first = first < 1 ? 1 : first;
    size_t start, end;
    lines_span(s, first, last > s->nlines ? s->nlines : last, &start, &end);
    Edit *moved = xcalloc((size_t)fix->nedits, sizeof *moved);
    for (int32_t e = 0; e < fix->nedits; e++)
        moved[e] = (Edit){fix->edits[e].start - (uint32_t)start, fix->edits[e].end - (uint32_t)start, fix->edits[e].text};
    Fix in_window = *fix;
    in_window.edits = moved;
    Diag alone = *d;
    alone.fix = &in_window;
    Buf fixed, diff, hunks;
    buf_init(&fixed);
    buf_init(&diff);
    buf_init(&hunks);
    uint8_t chosen = 0;
    if (fix_apply_round(s->text + start, end - start, &alone, 1, 1, newline, &fixed, &chosen) == 1)
        fix_unified_diff("-", s->text + start, end - start, fixed.data ? fixed.data : "", fixed.len, &diff);
    if (diff.len)
        shift_hunks(buf_cstr(&diff), first - 1, &hunks);
    free(moved);
    buf_free(&fixed);
    buf_free(&diff);
    if (hunks.len == 0) {
        buf_free(&hunks);
        return NULL;
    }
    buf_cstr(&hunks);
    return hunks.data;
}

static void html_diffs(const LineIndex *li, const char *bytes, size_t len, FileReport *fr)
{
    const FileResult *r = &fr->res;
    fr->diffs = xcalloc((size_t)r->ndiags, sizeof *fr->diffs);
    if (!fix_bytes_are_text(bytes, len))
        return;   /* fix offsets are in the decoded text, not in these bytes */
    const char *newline = fix_newline_style(li->src.text, li->src.len);
    for (int32_t i = 0; i < r->ndiags; i++)
        if (r->diags[i].fix && r->diags[i].fix->nedits > 0)
            fr->diffs[i] = fix_alone_diff(li, &r->diags[i], newline);
}

void report_prepare(OutputFormat fmt, int color, const char *bytes, size_t len, FileReport *fr)
{
    const FileResult *r = &fr->res;
    if (r->ndiags == 0 || !report_needs_text(fmt))
        return;
    Arena arena;
    arena_init(&arena);
    LineIndex li;
    line_index_init(&li, bytes, len, &arena);
    if (fmt == FMT_HTML) {
        html_lines(&li, fr, &arena);
        html_diffs(&li, bytes, len, fr);
    } else if (fmt == FMT_FULL) {
        fr->snippets = xcalloc((size_t)r->ndiags, sizeof *fr->snippets);
        for (int32_t i = 0; i < r->ndiags; i++)
            fr->snippets[i] = render_snippet(&li, &r->diags[i], color);
    } else {
        size_t nedits = 0;
        for (int32_t i = 0; i < r->ndiags; i++)
            nedits += r->diags[i].fix ? (size_t)r->diags[i].fix->nedits : 0;
        fr->edit_pos = xcalloc(nedits + 1, sizeof *fr->edit_pos);
        size_t k = 0;
        for (int32_t i = 0; i < r->ndiags; i++) {
            const Fix *fix = r->diags[i].fix;
            for (int32_t e = 0; fix && e < fix->nedits; e++, k++) {
                EditPos *p = &fr->edit_pos[k];
                offset_to_pos(&li, fix->edits[e].start, &p->row, &p->col);
                offset_to_pos(&li, fix->edits[e].end, &p->end_row, &p->end_col);
            }
        }
    }
    arena_free(&arena);
}

void report_file_free(FileReport *fr)
{
    if (fr->snippets)
        for (int32_t i = 0; i < fr->res.ndiags; i++)
            free(fr->snippets[i]);
    free(fr->snippets);
    free(fr->edit_pos);
    for (int32_t i = 0; i < fr->nlines; i++)
        free(fr->lines[i].text);
    free(fr->lines);
    if (fr->diffs)
        for (int32_t i = 0; i < fr->res.ndiags; i++)
            free(fr->diffs[i]);
    free(fr->diffs);
    diag_result_free(&fr->res);
    diag_pending_free(&fr->proj.pending);
    summary_free(fr->proj.summary);
    memset(fr, 0, sizeof *fr);
}
