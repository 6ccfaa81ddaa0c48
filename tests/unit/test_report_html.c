/* The HTML report (src/cli/report_html.c) at C level: HTML text escaping, JSON strings safe inside a
   <script> element, the lines a message names, excerpt ranges, the per-finding fix diff of
   report_prepare, and whole pages built from hostile file names, messages and code: no markup of
   theirs gets through, and the same input gives the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/report.h"
#include "fix/fix.h"
#include "util/xalloc.h"

static int failures;

static void check(int ok, const char *name, const char *detail)
{
    printf("%s - report-html: %s\n", ok ? "ok" : "not ok", name);
    if (!ok) {
        failures++;
        printf("# %s\n", detail ? detail : "");
    }
}

static void check_str(const char *name, const char *got, const char *want)
{
    char detail[1024];
    snprintf(detail, sizeof detail, "got  [%s]\n# want [%s]", got, want);
    check(strcmp(got, want) == 0, name, detail);
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- escaping ---- */

static void test_html_text(void)
{
    static const struct { const char *in, *want; } cases[] = {
        {"plain", "plain"},
        {"<script>alert(1)</script>.py", "&lt;script&gt;alert(1)&lt;/script&gt;.py"},
        {"\"><img src=x onerror=alert(1)>.py", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.py"},
        {"a & b 'c'", "a &amp; b &#39;c&#39;"},
        {"&amp;", "&amp;amp;"},
        {"caf\xC3\xA9 \xE2\x80\xA8", "caf\xC3\xA9 \xE2\x80\xA8"},           /* valid UTF-8 kept */
        {"bad \xFF byte", "bad \xEF\xBF\xBD byte"},                          /* not UTF-8 */
        {"cut \xE2\x80", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},                    /* truncated sequence */
        {"bell\x07 del\x7F tab\t", "bell\xEF\xBF\xBD del\xEF\xBF\xBD tab\t"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Buf b;
        buf_init(&b);
        report_html_text(&b, cases[i].in);
        char name[96];
        snprintf(name, sizeof name, "html text case %zu", i + 1);
        check_str(name, buf_cstr(&b), cases[i].want);
        buf_free(&b);
    }
}

static void test_json_script_str(void)
{
    static const struct { const char *in, *want; } cases[] = {
        {"</script><!--", "\"\\u003c/script\\u003e\\u003c!--\""},
        {"a & b", "\"a \\u0026 b\""},
        {"q\"\\", "\"q\\\"\\\\\""},
        {"ls\xE2\x80\xA8ps\xE2\x80\xA9", "\"ls\\u2028ps\\u2029\""},
        {"nl\n\x01", "\"nl\\n\\u0001\""},
        {"bad \xC3", "\"bad \\ufffd\""},
        {"\xC3\xA9", "\"\xC3\xA9\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Buf b;
        buf_init(&b);
        report_json_script_str(&b, cases[i].in);
        char name[96];
        snprintf(name, sizeof name, "json in script case %zu", i + 1);
        check_str(name, buf_cstr(&b), cases[i].want);
        buf_free(&b);
    }
    Buf plain;   /* the plain JSON string is unchanged: `<` stays */
    buf_init(&plain);
    report_json_str(&plain, "<a>");
    check_str("plain json keeps <", buf_cstr(&plain), "\"<a>\"");
    buf_free(&plain);
}

/* ---- lines named by messages, excerpts ---- */

static void test_message_lines(void)
{
    int32_t lines[REPORT_MAX_EVIDENCE];
    int n = report_message_lines("escapes at line 12 (x) and is mutated through it at line 30", lines, 4);
    check(n == 2 && lines[0] == 12 && lines[1] == 30, "two lines named", NULL);
    n = report_message_lines("stored in `h` on line 22; line 22 again", lines, 4);
    check(n == 1 && lines[0] == 22, "a line named twice counts once", NULL);
    n = report_message_lines("inline 3, newline 4, line 0, line x, line 5a, lines 6", lines, 4);
    check(n == 0, "not line numbers: inline 3, newline 4, line 0, line x, line 5a, lines 6", NULL);
    n = report_message_lines("line 1 line 2 line 3 line 4 line 5", lines, 4);
    check(n == 4 && lines[3] == 4, "at most max lines", NULL);
    n = report_message_lines("line 99999999999999", lines, 4);
    check(n == 0, "a huge number is no line (and does not overflow)", NULL);
}

static Diag diag_at(int32_t line, int32_t end_line, char *message)
{
    Diag d;
    memset(&d, 0, sizeof d);
    d.code = "GT101";
    d.line = line;
    d.col = 1;
    d.end_line = end_line;
    d.end_col = 2;
    d.message = message;
    return d;
}

static void test_excerpt(void)
{
    ReportRange r[REPORT_MAX_RANGES];
    char plain[] = "nothing named";
    Diag d = diag_at(10, 10, plain);
    int n = report_html_excerpt(&d, 100, r);
    check(n == 1 && r[0].first == 8 && r[0].last == 12, "two lines either side", NULL);
    d = diag_at(1, 1, plain);
    n = report_html_excerpt(&d, 2, r);
    check(n == 1 && r[0].first == 1 && r[0].last == 2, "clamped to the file", NULL);
    d = diag_at(10, 40, plain);
    n = report_html_excerpt(&d, 100, r);
    check(n == 1 && r[0].last == 10 + 5 + 2, "a long finding shows its first lines", NULL);
    char named[] = "mutated at line 11 and at line 40, escapes at line 500";
    d = diag_at(10, 10, named);
    n = report_html_excerpt(&d, 100, r);
    check(n == 2 && r[0].first == 8 && r[0].last == 12 && r[1].first == 39 && r[1].last == 41,
          "evidence lines: merged when near, apart when far, dropped past the end", NULL);
    char before[] = "defined on line 3";
    d = diag_at(7, 7, before);
    n = report_html_excerpt(&d, 100, r);
    check(n == 1 && r[0].first == 2 && r[0].last == 9, "an evidence range touching the finding's merges", NULL);
    d = diag_at(3, 3, plain);
    check(report_html_excerpt(&d, 0, r) == 0, "no lines, no excerpt", NULL);
}

/* ---- report_prepare and whole pages ---- */

static const char hostile_code[] =
    "def handle(x, seen=[]):  # </script><script>alert(1)</script>\n"
    "    seen.append(\"<img src=x onerror=alert(2)>\")\n"
    "    return seen\n";

/* A report of one file named `path` with a finding whose fix replaces `[]` by `None`. */
static void hostile_report(FileReport *fr, const char *path)
{
    memset(fr, 0, sizeof *fr);
    fr->res.path = xstrdup(path);
    fr->res.ndiags = 1;
    fr->res.diags = xcalloc(1, sizeof *fr->res.diags);
    Diag *d = &fr->res.diags[0];
    *d = diag_at(1, 1, xstrdup("mutable default `seen=[]` </script><b>bold</b> is mutated at line 2"));
    d->col = 15;
    d->end_col = 22;
    const char *at = strstr(hostile_code, "[]");
    d->start = (uint32_t)(at - hostile_code);
    d->end = d->start + 2;
    d->fix = diag_fix_new("Use `None` </script>", 0);
    diag_fix_add_edit(d->fix, d->start, d->end, "None");
    report_prepare(FMT_HTML, 0, hostile_code, sizeof hostile_code - 1, fr);
}

static char *page_of(const FileReport *files, size_t n)
{
    Buf b;
    buf_init(&b);
    report_print_html(&b, files, n);
    buf_cstr(&b);
    return b.data;
}

static void test_prepare(void)
{
    FileReport fr;
    hostile_report(&fr, "pkg/mod.py");
    check(fr.source_lines == 3 && fr.nlines == 3 && fr.lines[1].line == 2 &&
              strcmp(fr.lines[1].text, "    seen.append(\"<img src=x onerror=alert(2)>\")") == 0,
          "prepare keeps the excerpt lines", NULL);
    const char *diff = fr.diffs ? fr.diffs[0] : NULL;
    check(diff && strncmp(diff, "@@ -1,3 +1,3 @@\n", 16) == 0 && strstr(diff, "\n-def handle(x, seen=[]):") &&
              strstr(diff, "\n+def handle(x, seen=None):") && !strstr(diff, "+++"),
          "prepare: the fix alone as diff hunks, without the header", diff ? diff : "(null)");
    report_file_free(&fr);
}

/* The whole-file diff of `fix` applied alone, without its header, as fix_apply_round and
   fix_unified_diff give it: what report_prepare's windowed diff must equal. */
static char *whole_file_diff(const char *text, size_t len, Diag *d)
{
    Buf fixed, diff;
    buf_init(&fixed);
    buf_init(&diff);
    uint8_t chosen;
    fix_apply_round(text, len, d, 1, 1, "\n", &fixed, &chosen);
    fix_unified_diff("-", text, len, buf_cstr(&fixed), fixed.len, &diff);
    const char *at = diff.len ? strstr(buf_cstr(&diff), "\n@@") : NULL;
    char *hunks = xstrdup(at ? at + 1 : "");
    buf_free(&fixed);
    buf_free(&diff);
    return hunks;
}

/* A fix at `line` of a 100-line file whose edits are (start offset in the line, end, text)...:
   report_prepare's diff (on a window of the file, hunk headers moved) equals the whole file's. */
static void windowed_case(const char *name, int with_final_newline, int line, int nedits, const int *starts,
                          const int *ends, const char *const *texts)
{
    Buf code;
    buf_init(&code);
    size_t line_start = 0;
    for (int l = 1; l <= 100; l++) {
        if (l == line)
            line_start = code.len;
        buf_printf(&code, "value_%03d = compute(%d, items=[])%s", l, l, l < 100 || with_final_newline ? "\n" : "");
    }
    FileReport fr;
    memset(&fr, 0, sizeof fr);
    fr.res.path = xstrdup("w.py");
    fr.res.ndiags = 1;
    fr.res.diags = xcalloc(1, sizeof *fr.res.diags);
    fr.res.diags[0] = diag_at(line, line, xstrdup("found"));
    fr.res.diags[0].fix = diag_fix_new("fix", 1);
    for (int e = 0; e < nedits; e++)
        diag_fix_add_edit(fr.res.diags[0].fix, (uint32_t)(line_start + (size_t)starts[e]),
                          (uint32_t)(line_start + (size_t)ends[e]), texts[e]);
    report_prepare(FMT_HTML, 0, code.data, code.len, &fr);
    char *want = whole_file_diff(code.data, code.len, &fr.res.diags[0]);
    const char *got = fr.diffs && fr.diffs[0] ? fr.diffs[0] : "(null)";
    char detail[2048];
    snprintf(detail, sizeof detail, "got:\n%s\n# want:\n%s", got, want);
    check(strcmp(got, want) == 0 && want[0] == '@', name, detail);
    free(want);
    report_file_free(&fr);
    buf_free(&code);
}

static void test_windowed_diffs(void)
{
    static const int s1[] = {31}, e1[] = {33};
    static const char *const t1[] = {"None"};
    windowed_case("diff in the middle of a file: the hunk header moved to its lines", 1, 50, 1, s1, e1, t1);
    windowed_case("diff at the first line", 1, 1, 1, s1, e1, t1);
    windowed_case("diff at the last line, no final line break", 0, 100, 1, s1, e1, t1);
    static const int s2[] = {31, 34}, e2[] = {33, 34};
    static const char *const t2[] = {"None", "\nif items is None:\n    items = []"};
    windowed_case("a fix of two edits, one adding lines", 1, 60, 2, s2, e2, t2);
    static const int s3[] = {0}, e3[] = {34};
    static const char *const t3[] = {""};
    windowed_case("a fix that empties a line near the end", 1, 97, 1, s3, e3, t3);
}

/* A line a finding is on is kept whole (its columns are in it); other long lines are cut. */
static void test_long_lines(void)
{
    Buf code;
    buf_init(&code);
    for (int i = 0; i < 600; i++)
        buf_puts(&code, "aaaaaaaaaa");   /* line 1: 6,000 bytes of context */
    buf_puts(&code, "\n");
    size_t hit_start = code.len;
    for (int i = 0; i < 600; i++)
        buf_puts(&code, "bbbbbbbbbb");   /* line 2: 6,000 bytes, the finding at its end */
    buf_puts(&code, "x\n");
    FileReport fr;
    memset(&fr, 0, sizeof fr);
    fr.res.path = xstrdup("long.py");
    fr.res.ndiags = 1;
    fr.res.diags = xcalloc(1, sizeof *fr.res.diags);
    fr.res.diags[0] = diag_at(2, 2, xstrdup("found"));
    fr.res.diags[0].col = 6001;
    fr.res.diags[0].start = (uint32_t)(hit_start + 6000);
    report_prepare(FMT_HTML, 0, code.data, code.len, &fr);
    check(fr.nlines == 2 && strlen(fr.lines[0].text) == 2000 + 3 &&
              strcmp(fr.lines[0].text + 2000, "\xE2\x80\xA6") == 0 && strlen(fr.lines[1].text) == 6001,
          "a context line is cut at 2,000 bytes with an ellipsis, the finding's line is whole", NULL);
    report_file_free(&fr);
    buf_free(&code);
}

/* Outside the two script elements, nothing of the hostile text appears unescaped; inside the data
   element no `<` at all. */
static void test_hostile_page(void)
{
    FileReport files[2];
    hostile_report(&files[0], "<script>alert(1)</script>.py");
    hostile_report(&files[1], "\"><img src=x onerror=alert(3)>.py");
    char *page = page_of(files, 2);
    check(count_of(page, "<script") == 2 && count_of(page, "</script") == 2,
          "exactly the report's two script elements", NULL);
    check(!strstr(page, "<img") && !strstr(page, "<b>bold"), "no injected element", NULL);
    const char *data = strstr(page, "id=\"gotcha-data\">");
    const char *data_end = data ? strstr(data, "</script>") : NULL;
    int clean = data && data_end;
    for (const char *p = data ? strchr(data, '>') + 1 : NULL; clean && p < data_end; p++)
        clean = *p != '<' && *p != '>' && *p != '&';
    check(clean, "the data element holds no < > &", NULL);
    check(strstr(page, "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e.py") != NULL,
          "the hostile name is in the data, escaped", NULL);
    check(strstr(page, "http://") == NULL && strstr(page, "https://") == NULL, "no URL in the page", NULL);
    check(strstr(page, "Content-Security-Policy") && strstr(page, "default-src 'none'"),
          "a policy forbids every load", NULL);
    char *again = page_of(files, 2);
    check(strcmp(page, again) == 0, "the same input gives the same bytes", NULL);
    free(again);
    free(page);
    report_file_free(&files[0]);
    report_file_free(&files[1]);
}

static void test_summary_counts(void)
{
    FileReport files[3];
    hostile_report(&files[0], "a.py");
    hostile_report(&files[1], "b.py");
    files[1].res.diags[0].fix->safe = 1;
    memset(&files[2], 0, sizeof files[2]);
    files[2].res.path = xstrdup("c.py");
    files[2].res.error = xstrdup("c.py: <unreadable>");
    char *page = page_of(files, 3);
    check(strstr(page, "id=\"n-files\">2<") && strstr(page, "id=\"n-findings\">2<") &&
              strstr(page, "id=\"n-fixable\">2<") && strstr(page, "id=\"n-unfixable\">0<") &&
              strstr(page, "id=\"n-safe\">1<") && strstr(page, "id=\"n-unsafe\">1<"),
          "summary numbers", NULL);
    check(strstr(page, "c.py: &lt;unreadable&gt;") != NULL, "a file not checked is listed, escaped", NULL);
    check(strstr(page, "data-rule=\"GT101\"") && strstr(page, "<span class=\"bar-count\">2</span>"),
          "one bar per rule with its count", NULL);
    free(page);
    for (int i = 0; i < 3; i++)
        report_file_free(&files[i]);
    char *empty = page_of(NULL, 0);
    check(strstr(empty, "All checks passed!") && !strstr(empty, "id=\"findings\""), "an empty run says so", NULL);
    free(empty);
}

int main(void)
{
    test_html_text();
    test_json_script_str();
    test_message_lines();
    test_excerpt();
    test_prepare();
    test_long_lines();
    test_windowed_diffs();
    test_hostile_page();
    test_summary_counts();
    return failures ? 1 : 0;
}
