/* Output formats. Everything printed here is deterministic: files come in path order and each
   file's diagnostics are sorted by the engine. */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../rules/registry.h"
#include "../util/buf.h"
#include "cli.h"
#include "../unicode/utf8.h"

/* ---- JSON strings ---- */

static void json_str_as(Buf *out, const char *s, int in_script);

static void json_str(Buf *out, const char *s)
{
    json_str_as(out, s, 0);
}

void report_json_str(Buf *out, const char *s)
{
    json_str_as(out, s, 0);
}

void report_json_script_str(Buf *out, const char *s)
{
    json_str_as(out, s, 1);
}

/* U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR: line breaks to older JavaScript. */
static int is_js_line_break(const unsigned char *p, size_t n)
{
    return n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9);
}

/* A JSON string; bytes that are not UTF-8 (file names can hold any) become U+FFFD. `in_script`:
   also escape what could end or confuse an HTML <script> element holding it. */
static void json_str_as(Buf *out, const char *s, int in_script)
{
    buf_putc(out, '"');
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            buf_putc(out, '\\');
            buf_putc(out, (char)c);
        } else if (c == '\n') {
            buf_puts(out, "\\n");
        } else if (c == '\t') {
            buf_puts(out, "\\t");
        } else if (c == '\r') {
            buf_puts(out, "\\r");
        } else if (c < 0x20 || c == 0x7F || (in_script && (c == '<' || c == '>' || c == '&'))) {
            buf_printf(out, "\\u%04x", c);
        } else if (c >= 0x80) {
            size_t n = utf8_valid_len(p, (size_t)(end - p), NULL);
            if (n == 0) {
                buf_puts(out, "\\ufffd");
                n = 1;
            } else if (in_script && is_js_line_break(p, n)) {
                buf_printf(out, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
            } else {
                buf_add(out, (const char *)p, n);
            }
            p += n;
            continue;
        } else {
            buf_putc(out, (char)c);
        }
        p++;
    }
    buf_putc(out, '"');
}

int report_needs_text(OutputFormat fmt)
{
    return fmt == FMT_FULL || fmt == FMT_JSON || fmt == FMT_SARIF || fmt == FMT_HTML;
}

/* ---- colours ---- */

const char *report_style(int color, ReportStyle style)
{
    static const char *const ansi[] = {
        [STYLE_RESET] = "\033[0m",     [STYLE_PATH] = "\033[1m",      [STYLE_PUNCT] = "\033[36m",
        [STYLE_CODE] = "\033[1;31m",   [STYLE_GUTTER] = "\033[1;34m", [STYLE_HELP] = "\033[1;36m",
    };
    return color ? ansi[style] : "";
}

void report_location(Buf *out, int color, const char *path, int32_t line, int32_t col, const char *code)
{
    const char *reset = report_style(color, STYLE_RESET), *punct = report_style(color, STYLE_PUNCT);
    buf_printf(out, "%s%s%s%s:%s%d%s:%s%d%s:%s %s%s%s", report_style(color, STYLE_PATH), path, reset, punct, reset,
               (int)line, punct, reset, (int)col, punct, reset, report_style(color, STYLE_CODE), code, reset);
}

/* ---- formats ---- */

static void print_concise_line(Buf *out, int color, const char *path, const Diag *d)
{
    report_location(out, color, path, d->line, d->col, d->code);
    buf_printf(out, " %s\n", d->message);
}

static void print_text(Buf *out, const ReportOptions *opt, const FileReport *files, size_t n)
{
    for (size_t f = 0; f < n; f++) {
        const FileResult *r = &files[f].res;
        for (int32_t i = 0; i < r->ndiags; i++) {
            print_concise_line(out, opt->color, r->path, &r->diags[i]);
            if (opt->format == FMT_FULL && files[f].snippets) {
                buf_puts(out, files[f].snippets[i]);
                buf_putc(out, '\n');
            }
        }
    }
}

static void json_pos(Buf *out, const char *key, int32_t row, int32_t col)
{
    buf_printf(out, "\"%s\": {\"column\": %d, \"row\": %d}", key, (int)col, (int)row);
}

static void json_fix(Buf *out, const Fix *fix, const EditPos *pos)
{
    if (!fix || (fix->nedits > 0 && !pos)) {
        buf_puts(out, "null");
        return;
    }
    buf_printf(out, "{\n      \"applicability\": \"%s\",\n      \"edits\": [", fix->safe ? "safe" : "unsafe");
    for (int32_t e = 0; e < fix->nedits; e++) {
        buf_puts(out, e ? ",\n        {" : "\n        {");
        buf_puts(out, "\"content\": ");
        json_str(out, fix->edits[e].text ? fix->edits[e].text : "");
        buf_puts(out, ", ");
        json_pos(out, "end_location", pos[e].end_row, pos[e].end_col);
        buf_puts(out, ", ");
        json_pos(out, "location", pos[e].row, pos[e].col);
        buf_putc(out, '}');
    }
    buf_puts(out, fix->nedits ? "\n      ],\n      \"message\": " : "],\n      \"message\": ");
    json_str(out, fix->title ? fix->title : "");
    buf_puts(out, "\n    }");
}

/* An array of objects shaped like ruff's JSON output (keys in the same order). */
static void print_json(Buf *out, const FileReport *files, size_t n)
{
    int first = 1;
    buf_putc(out, '[');
    for (size_t f = 0; f < n; f++) {
        const FileResult *r = &files[f].res;
        size_t edit = 0;
        for (int32_t i = 0; i < r->ndiags; i++) {
            const Diag *d = &r->diags[i];
            buf_puts(out, first ? "\n  {\n" : ",\n  {\n");
            first = 0;
            buf_puts(out, "    \"code\": ");
            json_str(out, d->code);
            buf_puts(out, ",\n    ");
            json_pos(out, "end_location", d->end_line, d->end_col);
            buf_puts(out, ",\n    \"filename\": ");
            json_str(out, r->path);
            buf_puts(out, ",\n    \"fix\": ");
            json_fix(out, d->fix, files[f].edit_pos ? files[f].edit_pos + edit : NULL);
            edit += d->fix ? (size_t)d->fix->nedits : 0;
            buf_puts(out, ",\n    ");
            json_pos(out, "location", d->line, d->col);
            buf_puts(out, ",\n    \"message\": ");
            json_str(out, d->message);
            buf_printf(out, ",\n    \"noqa_row\": %d\n  }", (int)d->line);
        }
    }
    buf_puts(out, first ? "]\n" : "\n]\n");
}

/* A relative URI reference: unreserved characters and '/' kept, the rest percent-encoded. */
static void uri_path(Buf *out, const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (keep)
            buf_putc(out, (char)c);
        else
            buf_printf(out, "%%%02X", c);
    }
}

static void sarif_rules(Buf *out)
{
    for (int i = 0; i < registry_count; i++) {
        const Rule *r = registry_table[i];
        buf_puts(out, i ? ",\n            {" : "\n            {");
        buf_puts(out, "\"id\": ");
        json_str(out, r->code);
        buf_puts(out, ", \"name\": ");
        json_str(out, r->name);
        buf_puts(out, ",\n             \"shortDescription\": {\"text\": ");
        json_str(out, r->summary);
        buf_puts(out, "},\n             \"fullDescription\": {\"text\": ");
        json_str(out, r->doc.finds ? r->doc.finds : r->summary);
        buf_puts(out, "},\n             \"help\": {\"text\": ");
        json_str(out, r->doc.fix ? r->doc.fix : r->summary);
        buf_printf(out, "},\n             \"defaultConfiguration\": {\"enabled\": %s, \"level\": \"error\"}",
                   r->default_on && !r->preview ? "true" : "false");
        buf_puts(out, ",\n             \"properties\": {\"peer\": ");
        json_str(out, r->doc.peer ? r->doc.peer : "none");
        buf_puts(out, "}}");
    }
}

static void sarif_result(Buf *out, const char *path, const Diag *d, int first)
{
    buf_puts(out, first ? "\n        {" : ",\n        {");
    buf_puts(out, "\"ruleId\": ");
    json_str(out, d->code);
    buf_printf(out, ", \"ruleIndex\": %d, \"level\": \"error\",\n         \"message\": {\"text\": ",
               registry_index(d->code));
    json_str(out, d->message);
    buf_puts(out, "},\n         \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"");
    uri_path(out, path);
    buf_printf(out, "\"}, \"region\": {\"startLine\": %d, \"startColumn\": %d, \"endLine\": %d, "
                    "\"endColumn\": %d}}}]}",
               (int)d->line, (int)d->col, (int)d->end_line, (int)d->end_col);
}

/* SARIF 2.1.0: one run, the whole rule table as tool.driver.rules. */
static void print_sarif(Buf *out, const FileReport *files, size_t n)
{
    buf_puts(out, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                  "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
                  "      \"tool\": {\"driver\": {\"name\": \"gotcha\", \"version\": \"" GOTCHA_VERSION "\",\n"
                  "          \"rules\": [");
    sarif_rules(out);
    buf_puts(out, "\n          ]}},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
    int first = 1;
    for (size_t f = 0; f < n; f++)
        for (int32_t i = 0; i < files[f].res.ndiags; i++) {
            sarif_result(out, files[f].res.path, &files[f].res.diags[i], first);
            first = 0;
        }
    buf_puts(out, first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n");
}

/* GitHub workflow commands: properties escape % CR LF : and ,; the message escapes % CR LF. */
static void github_escape(Buf *out, const char *s, int is_property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': buf_puts(out, "%25"); break;
        case '\r': buf_puts(out, "%0D"); break;
        case '\n': buf_puts(out, "%0A"); break;
        case ':': buf_puts(out, is_property ? "%3A" : ":"); break;
        case ',': buf_puts(out, is_property ? "%2C" : ","); break;
        default: buf_putc(out, *s);
        }
    }
}

static void print_github(Buf *out, const FileReport *files, size_t n)
{
    for (size_t f = 0; f < n; f++) {
        const FileResult *r = &files[f].res;
        for (int32_t i = 0; i < r->ndiags; i++) {
            const Diag *d = &r->diags[i];
            buf_printf(out, "::error title=gotcha (%s),file=", d->code);
            github_escape(out, r->path, 1);
            buf_printf(out, ",line=%d,col=%d,endLine=%d,endColumn=%d::%s ", (int)d->line, (int)d->col,
                       (int)d->end_line, (int)d->end_col, d->code);
            github_escape(out, d->message, 0);
            buf_putc(out, '\n');
        }
    }
}

/* ---- statistics and summary ---- */

typedef struct CodeCount {
    const char *code;
    int count;
} CodeCount;

static int cmp_counts(const void *a, const void *b)
{
    const CodeCount *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->code, y->code);
}

static void print_statistics(Buf *out, OutputFormat fmt, const FileReport *files, size_t n)
{
    CodeCount counts[sizeof(((RuleSet *)0)->enabled)];
    int ncounts = 0;
    for (int i = 0; i < registry_count; i++)
        counts[ncounts++] = (CodeCount){registry_table[i]->code, 0};
    for (size_t f = 0; f < n; f++)
        for (int32_t i = 0; i < files[f].res.ndiags; i++) {
            int idx = registry_index(files[f].res.diags[i].code);
            if (idx >= 0)
                counts[idx].count++;
        }
    qsort(counts, (size_t)ncounts, sizeof *counts, cmp_counts);
    if (fmt == FMT_JSON)
        buf_putc(out, '[');
    int printed = 0;
    for (int i = 0; i < ncounts && counts[i].count > 0; i++, printed++) {
        const char *name = registry_table[registry_index(counts[i].code)]->name;
        if (fmt == FMT_JSON)
            buf_printf(out, "%s\n  {\"code\": \"%s\", \"name\": \"%s\", \"count\": %d}", printed ? "," : "",
                       counts[i].code, name, counts[i].count);
        else
            buf_printf(out, "%5d  %-6s %s\n", counts[i].count, counts[i].code, name);
    }
    if (fmt == FMT_JSON)
        buf_puts(out, printed ? "\n]\n" : "]\n");
}

static size_t count_diags(const FileReport *files, size_t n)
{
    size_t total = 0;
    for (size_t f = 0; f < n; f++)
        total += (size_t)files[f].res.ndiags;
    return total;
}

static void print_summary(Buf *out, size_t total, int run_failed)
{
    if (total == 0 && !run_failed)
        buf_puts(out, "All checks passed!\n");
    else if (total == 0)
        return;
    else
        buf_printf(out, "Found %zu error%s.\n", total, total == 1 ? "" : "s");
}

void report_print(FILE *stream, const ReportOptions *opt, const FileReport *files, size_t n)
{
    Buf out;
    buf_init(&out);
    int text_format = opt->format == FMT_FULL || opt->format == FMT_CONCISE;
    if (opt->statistics) {
        print_statistics(&out, opt->format, files, n);
    } else {
        switch (opt->format) {
        case FMT_FULL:
        case FMT_CONCISE:
            print_text(&out, opt, files, n);
            break;
        case FMT_JSON:
            print_json(&out, files, n);
            break;
        case FMT_SARIF:
            print_sarif(&out, files, n);
            break;
        case FMT_GITHUB:
            print_github(&out, files, n);
            break;
        case FMT_HTML:
            report_print_html(&out, files, n);
            break;
        }
    }
    if (text_format && !opt->quiet && !(opt->statistics && opt->format == FMT_JSON)) {
        size_t total = count_diags(files, n);
        print_summary(&out, total, opt->run_failed);
        if (total > 0 && opt->format == FMT_FULL && !opt->statistics)
            buf_puts(&out, "Run `gotcha rule CODE` to see why a finding matters and how to fix it.\n");
    }
    if (out.len)
        fwrite(out.data, 1, out.len, stream);
    buf_free(&out);
}
