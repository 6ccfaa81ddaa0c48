/* Documents: their text, edits, the line table, and positions in the client's encoding.

   An LSP position is (line, character): lines end at "\n", "\r\n" or "\r" (as Python's do), and
   the character counts UTF-16 code units (a character above U+FFFF counts 2) or, when the client
   chose utf-8, bytes. Positions from the client are clamped: past the end of a line is the end
   of that line, past the last line the end of the text, the middle of a character its start.
   Cost: the line table is O(text) to build, once per change; a conversion is O(log lines +
   length of the line). */
#include <stdlib.h>
#include <string.h>

#include "../unicode/utf8.h"
#include "../util/xalloc.h"
#include "lsp_internal.h"
#include "../util/ascii.h"

void lsp_doc_free(LspDoc *d)
{
    free(d->uri);
    free(d->path);
    buf_free(&d->text);
    free(d->lines);
    diag_result_free(&d->result);
    summary_free(d->summary);
    memset(d, 0, sizeof *d);
}

void lsp_doc_lines(LspDoc *d)
{
    if (!d->lines_stale && d->lines)
        return;
    const char *t = d->text.data ? d->text.data : "";
    size_t n = d->text.len;
    d->nlines = 0;
    XGROW(d->lines, 1, d->lines_cap, 64);
    d->lines[d->nlines++] = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] != '\n' && t[i] != '\r')
            continue;
        if (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')
            i++;
        XGROW(d->lines, d->nlines + 1, d->lines_cap, 64);
        d->lines[d->nlines++] = (uint32_t)(i + 1);
    }
    d->lines_stale = 0;
}

void lsp_doc_replace(LspDoc *d, size_t start, size_t end, const char *rep, size_t len)
{
    size_t old = d->text.len;
    buf_reserve(&d->text, len + 1);
    memmove(d->text.data + start + len, d->text.data + end, old - end);
    memcpy(d->text.data + start, rep, len);
    d->text.len = old - (end - start) + len;
    d->text.data[d->text.len] = 0;
    d->lines_stale = 1;
}

/* End of line `k` (0-based, valid), before its line break. */
static size_t line_end(const LspDoc *d, int32_t k)
{
    size_t end = k + 1 < d->nlines ? d->lines[k + 1] : d->text.len;
    const char *t = d->text.data;
    if (end > d->lines[k] && t[end - 1] == '\n')
        end--;
    if (end > d->lines[k] && t[end - 1] == '\r')
        end--;
    return end;
}

/* Code units of the character at p in the client's encoding (text is any bytes: a byte that is
   not UTF-8 counts as one character). */
static int units_of(const char *p, const char *end, int utf8, size_t *bytes)
{
    uint32_t cp;
    size_t n = utf8_valid_len((const unsigned char *)p, (size_t)(end - p), NULL);
    if (n == 0) {
        *bytes = 1;
        return 1;
    }
    *bytes = n;
    if (utf8)
        return (int)n;
    utf8_decode((const unsigned char *)p, &cp);
    return cp >= 0x10000 ? 2 : 1;
}

size_t lsp_doc_offset(LspDoc *d, int64_t line, int64_t character, int utf8)
{
    lsp_doc_lines(d);
    if (line < 0)
        return 0;
    if (line >= d->nlines)
        return d->text.len;
    const char *t = d->text.data ? d->text.data : "";
    size_t at = d->lines[line], end = line_end(d, (int32_t)line);
    int64_t left = character < 0 ? 0 : character;
    while (at < end && left > 0) {
        size_t bytes;
        int units = units_of(t + at, t + end, utf8, &bytes);
        if (units > left)
            break;   /* inside this character: its start */
        left -= units;
        at += bytes;
    }
    return at;
}

/* The line (0-based) holding byte offset `offset`. */
static int32_t line_of(const LspDoc *d, size_t offset)
{
    int32_t lo = 0, hi = d->nlines - 1;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo + 1) / 2;
        if (d->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

void lsp_doc_position(LspDoc *d, size_t offset, int64_t *line, int64_t *character, int utf8)
{
    lsp_doc_lines(d);
    if (offset > d->text.len)
        offset = d->text.len;
    int32_t k = line_of(d, offset);
    const char *t = d->text.data ? d->text.data : "";
    size_t at = d->lines[k], end = line_end(d, k);
    if (offset < end)
        end = offset;
    int64_t units = 0;
    while (at < end) {
        size_t bytes;
        units += units_of(t + at, t + end, utf8, &bytes);
        at += bytes;
    }
    *line = k;
    *character = units;
}

size_t lsp_doc_offset_of_col(LspDoc *d, int32_t line, int32_t col)
{
    lsp_doc_lines(d);
    if (line < 1)
        return 0;
    if (line > d->nlines)
        return d->text.len;
    const char *t = d->text.data ? d->text.data : "";
    size_t at = d->lines[line - 1], end = line_end(d, line - 1);
    if (line == 1 && end >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        at = 3;   /* the checker's columns do not count a byte order mark */
    for (int32_t k = 1; k < col && at < end; k++) {
        size_t n = utf8_valid_len((const unsigned char *)t + at, end - at, NULL);
        at += n ? n : 1;
    }
    return at;
}

/* ---- URIs ---- */

char *lsp_uri_to_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (*p != '/') {   /* file://host/path: only the local host */
        if (strncmp(p, "localhost/", 10) != 0)
            return NULL;
        p += 9;
    }
    size_t n = strcspn(p, "?#");
    char *out = xmalloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (p[i] == '%' && i + 2 < n && (hi = ascii_hex_value(p[i + 1])) >= 0 && (lo = ascii_hex_value(p[i + 2])) >= 0) {
            out[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[k++] = p[i];
        }
    }
    out[k] = 0;
    if (memchr(out, 0, k) || k == 0) {   /* "%00" in a path: not a file we can name */
        free(out);
        return NULL;
    }
    return out;
}

char *lsp_path_to_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    Buf b;
    buf_init(&b);
    buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p)) {
            buf_putc(&b, (char)*p);
        } else {
            buf_putc(&b, '%');
            buf_putc(&b, hex[*p >> 4]);
            buf_putc(&b, hex[*p & 15]);
        }
    }
    char *uri = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return uri;
}
