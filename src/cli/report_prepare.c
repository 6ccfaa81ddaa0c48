/* Worker side of the reporters: what needs the file's text (source excerpts with carets for the
   full format, row/column of fix edits for json/sarif) is derived while the bytes are in memory. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "report.h"
#include "utf8.h"

/* ---- the file's lines, from its raw bytes (worker side) ---- */

typedef struct LineIndex {
    const char *text;
    size_t len;
    uint32_t *starts;   /* byte offset of line i+1 */
    int32_t n;
} LineIndex;

static void line_index_init(LineIndex *li, const char *bytes, size_t len)
{
    /* Source.text drops a UTF-8 BOM: offsets and columns are counted without it */
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        bytes += 3, len -= 3;
    li->text = bytes;
    li->len = len;
    int32_t cap = 64;
    li->starts = malloc((size_t)cap * sizeof *li->starts);
    if (!li->starts)
        abort();
    li->n = 0;
    li->starts[li->n++] = 0;
    for (size_t i = 0; i < len; i++) {
        int is_break = bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= len || bytes[i + 1] != '\n'));
        if (!is_break || i + 1 >= len)
            continue;
        if (li->n == cap) {
            cap *= 2;
            uint32_t *grown = realloc(li->starts, (size_t)cap * sizeof *grown);
            if (!grown)
                abort();
            li->starts = grown;
        }
        li->starts[li->n++] = (uint32_t)(i + 1);
    }
}

/* Byte range of line `lineno` (1-based) without its line break. */
static void line_span(const LineIndex *li, int32_t lineno, size_t *start, size_t *end)
{
    *start = li->starts[lineno - 1];
    size_t e = lineno < li->n ? li->starts[lineno] : li->len;
    while (e > *start && (li->text[e - 1] == '\n' || li->text[e - 1] == '\r'))
        e--;
    *end = e;
}


/* 1-based line and character column of a byte offset. */
static void offset_to_pos(const LineIndex *li, size_t offset, int32_t *row, int32_t *col)
{
    if (offset > li->len)
        offset = li->len;
    int32_t lo = 0, hi = li->n - 1;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo + 1) / 2;
        if (li->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    int32_t chars = 0;
    for (size_t i = li->starts[lo]; i < offset; i++)
        chars += !is_continuation((unsigned char)li->text[i]);
    *row = lo + 1;
    *col = chars + 1;
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
        while (p < end && is_continuation((unsigned char)*p))
            p++;
    }
    return width;
}

static int32_t count_chars(const char *p, const char *end)
{
    int32_t n = 0;
    for (; p < end; p++)
        n += !is_continuation((unsigned char)*p);
    return n;
}

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
        int n = utf8_seq_len((const unsigned char *)p, (const unsigned char *)end);
        if (n == 0 || c < 0x20 || c == 0x7F) {
            buf_puts(out, "\xEF\xBF\xBD");
            p++;
        } else {
            buf_add(out, p, (size_t)n);
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

static void put_gutter(Buf *out, int width) { buf_printf(out, "%*s |", width, ""); }

static void put_carets(Buf *out, const Diag *d, const char *line, const char *line_end, int width)
{
    int32_t line_chars = count_chars(line, line_end);
    int32_t first = d->col - 1 < line_chars ? d->col - 1 : line_chars;
    int32_t last = d->end_line == d->line ? d->end_col - 1 : line_chars;
    if (last > line_chars)
        last = line_chars;
    int lead = display_width(line, line_end, first);
    int span = display_width(line, line_end, last) - lead;
    if (span < 1)
        span = 1;
    put_gutter(out, width);
    buf_printf(out, " %*s", lead, "");
    for (int i = 0; i < span; i++)
        buf_putc(out, '^');
    buf_printf(out, " %s\n", d->code);
}

/* One line before and after the diagnostic's first line, like a compiler. */
static char *render_snippet(const LineIndex *li, const Diag *d)
{
    Buf out;
    buf_init(&out);
    int32_t line = d->line < 1 ? 1 : d->line > li->n ? li->n : d->line;
    int32_t first = line > 1 ? line - 1 : 1;
    int32_t last = line < li->n ? line + 1 : li->n;
    int width = digits(last);
    put_gutter(&out, width);
    buf_putc(&out, '\n');
    for (int32_t l = first; l <= last; l++) {
        size_t start, end;
        line_span(li, l, &start, &end);
        buf_printf(&out, "%*d |", width, (int)l);
        if (end > start) {
            buf_putc(&out, ' ');
            put_expanded(&out, li->text + start, li->text + end);
        }
        buf_putc(&out, '\n');
        if (l == line && line == d->line)
            put_carets(&out, d, li->text + start, li->text + end, width);
    }
    put_gutter(&out, width);
    buf_putc(&out, '\n');
    if (d->fix && d->fix->title)
        buf_printf(&out, "%*s = help: %s\n", width, "", d->fix->title);
    buf_cstr(&out);
    return out.data;
}

void report_prepare(OutputFormat fmt, const char *bytes, size_t len, FileReport *fr)
{
    const FileResult *r = &fr->res;
    if (r->ndiags == 0 || (fmt != FMT_FULL && fmt != FMT_JSON && fmt != FMT_SARIF))
        return;
    LineIndex li;
    line_index_init(&li, bytes, len);
    if (fmt == FMT_FULL) {
        fr->snippets = calloc((size_t)r->ndiags, sizeof *fr->snippets);
        if (!fr->snippets)
            abort();
        for (int32_t i = 0; i < r->ndiags; i++)
            fr->snippets[i] = render_snippet(&li, &r->diags[i]);
    } else {
        size_t nedits = 0;
        for (int32_t i = 0; i < r->ndiags; i++)
            nedits += r->diags[i].fix ? (size_t)r->diags[i].fix->nedits : 0;
        fr->edit_pos = calloc(nedits + 1, sizeof *fr->edit_pos);
        if (!fr->edit_pos)
            abort();
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
    free(li.starts);
}

void file_report_free(FileReport *fr)
{
    if (fr->snippets)
        for (int32_t i = 0; i < fr->res.ndiags; i++)
            free(fr->snippets[i]);
    free(fr->snippets);
    free(fr->edit_pos);
    file_result_free(&fr->res);
    memset(fr, 0, sizeof *fr);
}
