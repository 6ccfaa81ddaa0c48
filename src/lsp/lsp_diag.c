/* Findings as LSP diagnostics, and textDocument/publishDiagnostics.

   A diagnostic carries: its range (from the finding's line and character columns, converted to
   the client's encoding), severity (Error for GT001, a file that does not parse; Warning for the
   rest), code, codeDescription.href (the rule URL template with {code} replaced), source
   "gotcha", the message, and as relatedInformation the evidence lines the message names: "line
   N" in the same file (diag_message_lines), "(PATH:N)" in another (a finding decided by the
   project phase names the function of the other module that way). */
#include <stdlib.h>
#include <string.h>

#include "../unicode/utf8.h"
#include "../util/xalloc.h"
#include "lsp_internal.h"

#define MAX_RELATED 4
#define EVIDENCE_BYTES 100   /* of the evidence line shown in the related message */

void lsp_put_range(Buf *out, LspDoc *d, size_t start, size_t end, int utf8)
{
    int64_t l0, c0, l1, c1;
    lsp_doc_position(d, start, &l0, &c0, utf8);
    lsp_doc_position(d, end, &l1, &c1, utf8);
    buf_printf(out, "{\"start\":{\"line\":%lld,\"character\":%lld},\"end\":{\"line\":%lld,\"character\":%lld}}",
               (long long)l0, (long long)c0, (long long)l1, (long long)c1);
}

void lsp_diag_span(LspDoc *d, const Diag *g, size_t *start, size_t *end)
{
    *start = lsp_doc_offset_of_col(d, g->line, g->col);
    *end = lsp_doc_offset_of_col(d, g->end_line, g->end_col);
    if (*end < *start)
        *end = *start;
}

static void put_href(LspServer *s, Buf *out, const char *code)
{
    const char *mark = strstr(s->rule_url, "{code}");
    Buf url;
    buf_init(&url);
    buf_add(&url, s->rule_url, (size_t)(mark - s->rule_url));
    buf_puts(&url, code);
    buf_puts(&url, mark + 6);
    json_put_str(out, buf_cstr(&url));
    buf_free(&url);
}

/* The number after msg[i..] when it is digits ending at a non-digit: else 0. */
static long number_at(const char *p, const char **after)
{
    long v = 0;
    const char *q = p;
    while (*q >= '0' && *q <= '9' && v < 100000000)
        v = v * 10 + (*q++ - '0');
    *after = q;
    return q > p ? v : 0;
}

/* Line `line` (1-based) of the document, without its indentation: its byte range. */
static void line_span(LspDoc *d, long line, size_t *start, size_t *end)
{
    lsp_doc_lines(d);
    *start = d->lines[line - 1];
    *end = lsp_doc_offset(d, line - 1, INT64_MAX, 1);
    const char *t = d->text.data;
    while (*start < *end && (t[*start] == ' ' || t[*start] == '\t'))
        (*start)++;
}

/* One related location in the document itself: line `line`, its text as the message. */
static void put_local_evidence(LspServer *s, Buf *out, LspDoc *d, long line)
{
    size_t start, end;
    line_span(d, line, &start, &end);
    size_t shown = end - start;
    if (shown > EVIDENCE_BYTES) {   /* cut on a character boundary */
        shown = EVIDENCE_BYTES;
        while (shown > 0 && utf8_is_continuation((unsigned char)d->text.data[start + shown]))
            shown--;
    }
    buf_puts(out, "{\"location\":{\"uri\":");
    json_put_str(out, d->uri);
    buf_puts(out, ",\"range\":");
    lsp_put_range(out, d, start, end, s->utf8);
    buf_puts(out, "},\"message\":");
    Buf m;
    buf_init(&m);
    buf_printf(&m, "line %ld: %.*s%s", line, (int)shown, d->text.data + start, shown < end - start ? "..." : "");
    json_put_str(out, buf_cstr(&m));
    buf_free(&m);
    buf_putc(out, '}');
}

/* A related location in another file (path:line): the start of that line. */
static void put_file_evidence(Buf *out, const char *path, size_t path_len, long line)
{
    char *p = xstrndup(path, path_len);
    char *uri = lsp_path_to_uri(p);
    buf_puts(out, "{\"location\":{\"uri\":");
    json_put_str(out, uri);
    buf_printf(out, ",\"range\":{\"start\":{\"line\":%ld,\"character\":0},\"end\":{\"line\":%ld,\"character\":0}}},"
                    "\"message\":", line - 1, line - 1);
    Buf m;
    buf_init(&m);
    buf_printf(&m, "%s:%ld", p, line);
    json_put_str(out, buf_cstr(&m));
    buf_free(&m);
    buf_putc(out, '}');
    free(uri);
    free(p);
}

/* "(PATH:N)" starting at p (p at '('), PATH absolute: 1 with its parts. */
static int file_ref_at(const char *p, const char **path, size_t *path_len, long *line)
{
    if (p[0] != '(' || p[1] != '/')
        return 0;
    const char *close = strchr(p, ')');
    if (!close)
        return 0;
    const char *colon = close;
    while (colon > p && *colon != ':')
        colon--;
    const char *after;
    *line = colon > p ? number_at(colon + 1, &after) : 0;
    if (*line <= 0 || after != close)
        return 0;
    *path = p + 1;
    *path_len = (size_t)(colon - p - 1);
    return 1;
}

/* The evidence the message names, as relatedInformation entries (none: nothing written): the
   lines of this document (diag_message_lines), then the places in other files. */
static void put_related(LspServer *s, Buf *out, LspDoc *d, const Diag *g)
{
    int n = 0;
    int32_t lines[DIAG_MAX_EVIDENCE];
    int nlines = diag_message_lines(g->message, lines, DIAG_MAX_EVIDENCE);
    lsp_doc_lines(d);
    for (int i = 0; i < nlines && n < MAX_RELATED; i++) {
        if (lines[i] == g->line || lines[i] > d->nlines)
            continue;
        buf_puts(out, n++ ? "," : ",\"relatedInformation\":[");
        put_local_evidence(s, out, d, lines[i]);
    }
    for (const char *p = strchr(g->message, '('); p && n < MAX_RELATED; p = strchr(p + 1, '(')) {
        const char *path;
        size_t path_len;
        long line;
        if (!file_ref_at(p, &path, &path_len, &line))
            continue;
        buf_puts(out, n++ ? "," : ",\"relatedInformation\":[");
        put_file_evidence(out, path, path_len, line);
    }
    if (n)
        buf_putc(out, ']');
}

void lsp_put_diagnostic(LspServer *s, Buf *out, LspDoc *d, const Diag *g)
{
    size_t start, end;
    lsp_diag_span(d, g, &start, &end);
    buf_puts(out, "{\"range\":");
    lsp_put_range(out, d, start, end, s->utf8);
    buf_printf(out, ",\"severity\":%d,\"code\":", strcmp(g->code, "GT001") == 0 ? 1 : 2);
    json_put_str(out, g->code);
    buf_puts(out, ",\"codeDescription\":{\"href\":");
    put_href(s, out, g->code);
    buf_puts(out, "},\"source\":\"gotcha\",\"message\":");
    json_put_str(out, g->message);
    put_related(s, out, d, g);
    buf_putc(out, '}');
}

void lsp_publish(LspServer *s, LspDoc *d)
{
    Buf *p = &s->publish;   /* not scratch: a request may publish while building its result */
    p->len = 0;
    buf_puts(p, "{\"uri\":");
    json_put_str(p, d->uri);
    buf_printf(p, ",\"version\":%lld,\"diagnostics\":[", (long long)d->version);
    for (int32_t i = 0; i < d->result.ndiags; i++) {
        if (i)
            buf_putc(p, ',');
        lsp_put_diagnostic(s, p, d, &d->result.diags[i]);
    }
    buf_puts(p, "]}");
    lsp_send_notification(s, "textDocument/publishDiagnostics", p->data, p->len);
}
