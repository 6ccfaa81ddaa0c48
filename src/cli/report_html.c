/* `--output-format html`: one self-contained page (inline CSS and JavaScript, no network) for a CI
   artifact. The summary (counts, findings per rule as CSS bars, fixable or not) is HTML written
   here; the findings travel as one JSON blob in a <script type="application/json"> element that
   the page's script (report_html.js) renders a page at a time, filtered by rule, file and text.
   Each rule's documentation is in the blob once, not once per finding.

   Escaping: every text written into HTML goes through report_html_text, every string in the blob
   through report_json_script_str (no `<`, `>`, `&` in it, so nothing inside can close the script
   element), and the script only ever sets textContent. A Content-Security-Policy meta element
   also forbids every network load. The page holds no time and no absolute path beyond those the
   run was given, so the same run writes the same bytes. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../rules/registry.h"
#include "../unicode/utf8.h"
#include "../util/xalloc.h"
#include "cli.h"
#include "report.h"
#include "report_html_assets.h"

/* ---- escaping ---- */

void report_html_text(Buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end) {
        unsigned char c = *p;
        switch (c) {
        case '&': buf_puts(out, "&amp;"); break;
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        case '\'': buf_puts(out, "&#39;"); break;
        default: {
            size_t n = c >= 0x80 ? utf8_valid_len(p, (size_t)(end - p), NULL) : 1;
            if (n == 0 || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
                buf_puts(out, "\xEF\xBF\xBD");
                n = 1;
            } else {
                buf_add(out, (const char *)p, n);
            }
            p += n;
            continue;
        }
        }
        p++;
    }
}

/* ---- excerpts ---- */

/* Lines shown before and after a finding's first line, and of the finding itself at most. */
#define EXCERPT_CONTEXT 2
#define EXCERPT_SPAN_MAX 6

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

int report_message_lines(const char *message, int32_t *lines, int max)
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

static int cmp_ranges(const void *a, const void *b)
{
    const ReportRange *x = a, *y = b;
    return x->first != y->first ? (x->first < y->first ? -1 : 1) : (x->last > y->last) - (x->last < y->last);
}

static int32_t clamp_line(int32_t v, int32_t nlines) { return v < 1 ? 1 : v > nlines ? nlines : v; }

int report_html_excerpt(const Diag *d, int32_t nlines, ReportRange *out)
{
    if (nlines < 1)
        return 0;
    int32_t line = clamp_line(d->line, nlines);
    int32_t span_end = d->end_line > line ? d->end_line : line;
    if (span_end > line + EXCERPT_SPAN_MAX - 1)
        span_end = line + EXCERPT_SPAN_MAX - 1;
    int n = 0;
    out[n++] = (ReportRange){clamp_line(line - EXCERPT_CONTEXT, nlines), clamp_line(span_end + EXCERPT_CONTEXT, nlines)};
    int32_t evidence[REPORT_MAX_EVIDENCE];
    int nev = report_message_lines(d->message, evidence, REPORT_MAX_EVIDENCE);
    for (int k = 0; k < nev; k++)
        if (evidence[k] <= nlines)
            out[n++] = (ReportRange){clamp_line(evidence[k] - 1, nlines), clamp_line(evidence[k] + 1, nlines)};
    qsort(out, (size_t)n, sizeof *out, cmp_ranges);
    int merged = 0;
    for (int k = 0; k < n; k++) {
        if (merged > 0 && out[k].first <= out[merged - 1].last + 1) {
            if (out[k].last > out[merged - 1].last)
                out[merged - 1].last = out[k].last;
        } else {
            out[merged++] = out[k];
        }
    }
    for (int k = 1; k < merged; k++)
        assert(out[k].first > out[k - 1].last + 1);   /* sorted, disjoint, not touching */
    return merged;
}

/* ---- totals ---- */

#define RULE_SLOTS (sizeof(((RuleSet *)0)->enabled))

typedef struct Totals {
    size_t files_checked;          /* files read and checked (no error) */
    size_t files_with_findings;
    size_t findings;
    size_t fix_safe, fix_unsafe;   /* findings with a fix, by applicability */
    size_t not_checked;            /* files with an error or a warning */
    size_t per_rule[RULE_SLOTS];   /* by registry index */
} Totals;

static void count_totals(const FileReport *files, size_t n, Totals *t)
{
    memset(t, 0, sizeof *t);
    for (size_t f = 0; f < n; f++) {
        const FileResult *r = &files[f].res;
        *(r->error ? &t->not_checked : &t->files_checked) += 1;
        t->files_with_findings += r->ndiags > 0;
        for (int32_t i = 0; i < r->ndiags; i++) {
            const Diag *d = &r->diags[i];
            int idx = registry_index(d->code);
            t->findings++;
            if (idx >= 0)
                t->per_rule[idx]++;
            if (d->fix)
                *(d->fix->safe ? &t->fix_safe : &t->fix_unsafe) += 1;
        }
    }
}

/* Share of `part` in `whole` as a CSS percentage, one decimal (the same text on every machine). */
static void put_percent(Buf *out, size_t part, size_t whole)
{
    unsigned long tenths = whole ? (unsigned long)((part * 1000 + whole / 2) / whole) : 0;
    buf_printf(out, "%lu.%lu%%", tenths / 10, tenths % 10);
}

/* ---- the page: head and summary ---- */

static void page_head(Buf *out, const Totals *t)
{
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                  "form-action 'none'\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"gotcha " GOTCHA_VERSION "\">\n");
    buf_printf(out, "<title>gotcha report: %zu finding%s in %zu file%s</title>\n<style>\n", t->findings,
               t->findings == 1 ? "" : "s", t->files_with_findings, t->files_with_findings == 1 ? "" : "s");
    buf_puts(out, report_html_css);
    buf_puts(out, "</style>\n</head>\n<body>\n");
}

static void summary_card(Buf *out, const char *id, size_t value, const char *label, const char *detail)
{
    buf_printf(out, "<div class=\"card\"><div class=\"num\" id=\"%s\">%zu</div><div class=\"lbl\">%s</div>", id,
               value, label);
    if (detail)
        buf_printf(out, "<div class=\"detail\">%s</div>", detail);
    buf_puts(out, "</div>\n");
}

static void summary_cards(Buf *out, const Totals *t)
{
    char detail[96];
    snprintf(detail, sizeof detail, "%zu safe, %zu unsafe", t->fix_safe, t->fix_unsafe);
    buf_puts(out, "<section class=\"cards\" aria-label=\"Summary\">\n");
    summary_card(out, "n-files", t->files_checked, "files checked", NULL);
    summary_card(out, "n-findings", t->findings, "findings", NULL);
    summary_card(out, "n-fixable", t->fix_safe + t->fix_unsafe, "fixable", detail);
    summary_card(out, "n-unfixable", t->findings - t->fix_safe - t->fix_unsafe, "not fixable", NULL);
    buf_puts(out, "</section>\n");
}

typedef struct RuleCount {
    int index;
    size_t count;
} RuleCount;

static int cmp_rule_counts(const void *a, const void *b)
{
    const RuleCount *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->index - y->index;   /* registry order is code order */
}

/* One button per rule with findings, most findings first: code, name, bar, count. */
static void rule_chart(Buf *out, const Totals *t)
{
    RuleCount rows[RULE_SLOTS];
    int nrows = 0;
    for (int i = 0; i < registry_count; i++)
        if (t->per_rule[i] > 0)
            rows[nrows++] = (RuleCount){i, t->per_rule[i]};
    qsort(rows, (size_t)nrows, sizeof *rows, cmp_rule_counts);
    buf_puts(out, "<h2>Findings per rule</h2>\n<div class=\"chart\" id=\"chart\">\n");
    for (int k = 0; k < nrows; k++) {
        const Rule *r = registry_table[rows[k].index];
        buf_puts(out, "<button type=\"button\" class=\"bar-row\" data-rule=\"");
        report_html_text(out, r->code);
        buf_puts(out, "\" title=\"");
        report_html_text(out, r->summary);
        buf_puts(out, "\"><span class=\"bar-code\">");
        report_html_text(out, r->code);
        buf_puts(out, "</span><span class=\"bar-name\">");
        report_html_text(out, r->name);
        buf_puts(out, "</span><span class=\"bar-track\"><span class=\"bar\" style=\"width:");
        put_percent(out, rows[k].count, rows[0].count);
        buf_printf(out, "\"></span></span><span class=\"bar-count\">%zu</span></button>\n", rows[k].count);
    }
    buf_puts(out, "</div>\n");
}

static void fix_segment(Buf *out, const char *cls, size_t count, size_t total)
{
    if (count == 0)
        return;
    buf_printf(out, "<span class=\"seg %s\" style=\"width:", cls);
    put_percent(out, count, total);
    buf_puts(out, "\"></span>");
}

/* Fixable or not, as one stacked bar and its legend. */
static void fix_chart(Buf *out, const Totals *t)
{
    size_t none = t->findings - t->fix_safe - t->fix_unsafe;
    buf_printf(out, "<h2>Fixable</h2>\n<div class=\"stack\" role=\"img\" aria-label=\"%zu with a safe fix, %zu with "
                    "an unsafe fix, %zu without a fix\">", t->fix_safe, t->fix_unsafe, none);
    fix_segment(out, "safe", t->fix_safe, t->findings);
    fix_segment(out, "unsafe", t->fix_unsafe, t->findings);
    fix_segment(out, "none", none, t->findings);
    buf_printf(out, "</div>\n<ul class=\"legend\"><li><span class=\"key safe\"></span>safe fix "
                    "(<code>--fix</code>): <b id=\"n-safe\">%zu</b></li><li><span class=\"key unsafe\"></span>unsafe "
                    "fix (<code>--unsafe-fixes</code>): <b id=\"n-unsafe\">%zu</b></li><li><span class=\"key none\">"
                    "</span>no fix: <b id=\"n-none\">%zu</b></li></ul>\n", t->fix_safe, t->fix_unsafe, none);
}

typedef struct FileCount {
    size_t index;
    int32_t count;
} FileCount;

static int cmp_file_counts(const void *a, const void *b)
{
    const FileCount *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;   /* path order */
}

/* The files with the most findings, as buttons that filter by file. */
#define TOP_FILES 5

static void top_files(Buf *out, const FileReport *files, size_t n)
{
    FileCount *rows = xcalloc(n + 1, sizeof *rows);
    size_t nrows = 0;
    for (size_t f = 0; f < n; f++)
        if (files[f].res.ndiags > 0)
            rows[nrows++] = (FileCount){f, files[f].res.ndiags};
    qsort(rows, nrows, sizeof *rows, cmp_file_counts);
    buf_puts(out, "<h2>Files with the most findings</h2>\n<div class=\"top-files\">\n");
    for (size_t k = 0; k < nrows && k < TOP_FILES; k++) {
        const char *path = files[rows[k].index].res.path;
        buf_puts(out, "<button type=\"button\" class=\"file-row\" data-file=\"");
        report_html_text(out, path);
        buf_puts(out, "\"><span class=\"file-path\">");
        report_html_text(out, path);
        buf_printf(out, "</span><span class=\"bar-count\">%d</span></button>\n", (int)rows[k].count);
    }
    buf_puts(out, "</div>\n");
    free(rows);
}

/* Files that could not be checked (or were skipped), with why. */
static void problems(Buf *out, const FileReport *files, size_t n, const Totals *t)
{
    if (t->not_checked == 0)
        return;
    buf_printf(out, "<section class=\"panel problems\" id=\"problems\"><h2>Not checked: %zu file%s</h2>\n<ul>\n",
               t->not_checked, t->not_checked == 1 ? "" : "s");
    for (size_t f = 0; f < n; f++) {
        if (!files[f].res.error)
            continue;
        buf_printf(out, "<li class=\"%s\">", files[f].failed ? "error" : "warning");
        report_html_text(out, files[f].res.error);
        buf_puts(out, "</li>\n");
    }
    buf_puts(out, "</ul></section>\n");
}

static void page_summary(Buf *out, const FileReport *files, size_t n, const Totals *t)
{
    buf_printf(out, "<header class=\"top\"><div class=\"wrap\"><h1><span class=\"brand\">gotcha</span> report</h1>"
                    "<p class=\"sub\">gotcha " GOTCHA_VERSION " &middot; %zu file%s checked &middot; %zu finding%s in "
                    "%zu file%s</p></div></header>\n<main class=\"wrap\">\n",
               t->files_checked, t->files_checked == 1 ? "" : "s", t->findings, t->findings == 1 ? "" : "s",
               t->files_with_findings, t->files_with_findings == 1 ? "" : "s");
    summary_cards(out, t);
    problems(out, files, n, t);
    if (t->findings == 0) {
        buf_puts(out, "<section class=\"panel clean\" id=\"clean\"><h2>All checks passed!</h2>"
                      "<p>No finding in the files checked.</p></section>\n");
        return;
    }
    buf_puts(out, "<section class=\"panel summary\">\n<div class=\"by-rule\">\n");
    rule_chart(out, t);
    buf_puts(out, "</div>\n<div class=\"by-fix\">\n");
    fix_chart(out, t);
    top_files(out, files, n);
    buf_puts(out, "</div>\n</section>\n");
}

/* The filters and the empty list the script fills. */
static void page_findings(Buf *out, const Totals *t)
{
    if (t->findings == 0)
        return;
    buf_puts(out, "<section class=\"panel\" id=\"findings-panel\">\n<h2>Findings</h2>\n"
                  "<form class=\"filters\" id=\"filters\" autocomplete=\"off\">\n"
                  "<label>Rule <select id=\"f-rule\"><option value=\"\">All rules</option></select></label>\n"
                  "<label>File <select id=\"f-file\"><option value=\"\">All files</option></select></label>\n"
                  "<label class=\"grow\">Search <input id=\"f-text\" type=\"search\" "
                  "placeholder=\"message, path or code\"></label>\n"
                  "<label class=\"check\"><input id=\"f-fixable\" type=\"checkbox\"> fixable only</label>\n"
                  "<button type=\"reset\" id=\"f-clear\">Clear</button>\n</form>\n"
                  "<p class=\"status\" id=\"status\" aria-live=\"polite\"></p>\n"
                  "<div id=\"findings\"></div>\n"
                  "<p class=\"more\"><button type=\"button\" id=\"more\" hidden>Show more</button></p>\n"
                  "<noscript><p class=\"status\">The findings are listed by the page's script: allow "
                  "JavaScript, or run <code>gotcha check --output-format full</code>.</p></noscript>\n"
                  "</section>\n");
}

/* ---- the data blob ---- */

typedef struct DocSection {
    const char *title;
    size_t offset;           /* of the text in RuleDoc */
    int code;                /* a code example, shown as written */
} DocSection;

/* The sections of `gotcha rule CODE`, in its order. */
static const DocSection doc_sections[] = {
    {"What it finds", offsetof(RuleDoc, finds), 0},        {"Why it happens", offsetof(RuleDoc, mechanism), 0},
    {"Symptom in production", offsetof(RuleDoc, symptom), 0}, {"How to fix it", offsetof(RuleDoc, fix), 0},
    {"Wrong", offsetof(RuleDoc, wrong), 1},                 {"Right", offsetof(RuleDoc, right), 1},
    {"Nearest rule of other tools", offsetof(RuleDoc, peer), 0}, {"Notes", offsetof(RuleDoc, notes), 0},
    {"Measured precision", offsetof(RuleDoc, precision), 0},
};

static const char *fix_word(uint8_t fix)
{
    return fix == FIXABLE_ALWAYS ? "always" : fix == FIXABLE_SOMETIMES ? "sometimes" : "none";
}

/* "GT101": {"name", "summary", "fix", "doc": [[title, text, is_code]...]}, once per rule found. */
static void data_rule(Buf *out, const Rule *r)
{
    report_json_script_str(out, r->code);
    buf_puts(out, ":{\"name\":");
    report_json_script_str(out, r->name);
    buf_puts(out, ",\"summary\":");
    report_json_script_str(out, r->summary);
    buf_printf(out, ",\"fix\":\"%s\",\"doc\":[", fix_word(r->fix));
    int first = 1;
    for (size_t k = 0; k < sizeof doc_sections / sizeof *doc_sections; k++) {
        const char *text = *(const char *const *)((const char *)&r->doc + doc_sections[k].offset);
        if (!text || !*text)
            continue;
        buf_puts(out, first ? "[" : ",[");
        first = 0;
        report_json_script_str(out, doc_sections[k].title);
        buf_putc(out, ',');
        report_json_script_str(out, text);
        buf_printf(out, ",%d]", doc_sections[k].code);
    }
    buf_puts(out, "]}");
}

/* {"path", "nlines", "lines": {"N": text}}: the lines of the file the excerpts show. */
static void data_file(Buf *out, const FileReport *fr)
{
    buf_puts(out, "{\"path\":");
    report_json_script_str(out, fr->res.path);
    buf_printf(out, ",\"nlines\":%d,\"lines\":{", (int)fr->source_lines);
    for (int32_t i = 0; i < fr->nlines; i++) {
        buf_printf(out, "%s\"%d\":", i ? "," : "", (int)fr->lines[i].line);
        report_json_script_str(out, fr->lines[i].text);
    }
    buf_puts(out, "}}");
}

/* [file, line, col, end_line, end_col, code, message, [[first, last]...], [evidence line...], fix]
   with fix null or [title, safe, diff or null]. */
static void data_finding(Buf *out, size_t file, const FileReport *fr, int32_t i)
{
    const Diag *d = &fr->res.diags[i];
    buf_printf(out, "[%zu,%d,%d,%d,%d,", file, (int)d->line, (int)d->col, (int)d->end_line, (int)d->end_col);
    report_json_script_str(out, d->code);
    buf_putc(out, ',');
    report_json_script_str(out, d->message);
    ReportRange ranges[REPORT_MAX_RANGES];
    int nranges = report_html_excerpt(d, fr->nlines > 0 ? fr->source_lines : 0, ranges);
    buf_puts(out, ",[");
    for (int k = 0; k < nranges; k++)
        buf_printf(out, "%s[%d,%d]", k ? "," : "", (int)ranges[k].first, (int)ranges[k].last);
    int32_t evidence[REPORT_MAX_EVIDENCE];
    int nev = report_message_lines(d->message, evidence, REPORT_MAX_EVIDENCE);
    buf_puts(out, "],[");
    for (int k = 0, put = 0; k < nev; k++)
        if (evidence[k] <= fr->source_lines && evidence[k] != d->line)
            buf_printf(out, "%s%d", put++ ? "," : "", (int)evidence[k]);
    buf_puts(out, "],");
    if (!d->fix) {
        buf_puts(out, "null]");
        return;
    }
    buf_putc(out, '[');
    report_json_script_str(out, d->fix->title ? d->fix->title : "");
    buf_printf(out, ",%d,", d->fix->safe ? 1 : 0);
    if (fr->diffs && fr->diffs[i])
        report_json_script_str(out, fr->diffs[i]);
    else
        buf_puts(out, "null");
    buf_puts(out, "]]");
}

static void page_data(Buf *out, const FileReport *files, size_t n, const Totals *t)
{
    buf_puts(out, "<script type=\"application/json\" id=\"gotcha-data\">{\"version\":\"" GOTCHA_VERSION
                  "\",\n\"rules\":{");
    int first = 1;
    for (int i = 0; i < registry_count; i++)
        if (t->per_rule[i] > 0) {
            buf_puts(out, first ? "\n" : ",\n");
            first = 0;
            data_rule(out, registry_table[i]);
        }
    buf_puts(out, "},\n\"files\":[");
    size_t nfile = 0;
    for (size_t f = 0; f < n; f++)
        if (files[f].res.ndiags > 0) {
            buf_puts(out, nfile++ ? ",\n" : "\n");
            data_file(out, &files[f]);
        }
    buf_puts(out, "],\n\"findings\":[");
    nfile = 0;
    first = 1;
    for (size_t f = 0; f < n; f++) {
        if (files[f].res.ndiags == 0)
            continue;
        for (int32_t i = 0; i < files[f].res.ndiags; i++) {
            buf_puts(out, first ? "\n" : ",\n");
            first = 0;
            data_finding(out, nfile, &files[f], i);
        }
        nfile++;
    }
    buf_puts(out, "]}</script>\n");
}

void report_print_html(Buf *out, const FileReport *files, size_t n)
{
    Totals t;
    count_totals(files, n, &t);
    page_head(out, &t);
    page_summary(out, files, n, &t);
    page_findings(out, &t);
    buf_puts(out, "</main>\n<footer class=\"wrap foot\">Made by <code>gotcha check --output-format html</code>. "
                  "<code>gotcha rule CODE</code> explains a rule in the terminal.</footer>\n");
    page_data(out, files, n, &t);
    buf_puts(out, "<script>\n");
    buf_puts(out, report_html_js);
    buf_puts(out, "</script>\n</body>\n</html>\n");
}
