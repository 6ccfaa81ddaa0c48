/* Reporters: full, concise, json, sarif, github, html; the summary line and --statistics.
   Work that needs the file's text (source excerpts, edit positions) is done by the worker that
   checked the file (report_prepare), so the printing step only formats what is stored. */
#ifndef GOTCHA_REPORT_H
#define GOTCHA_REPORT_H

#include <stdio.h>

#include "../check/check.h"
#include "../util/buf.h"
#include "cli_args.h"

typedef struct EditPos {
    int32_t row, col, end_row, end_col;   /* 1-based, character columns */
} EditPos;

/* html: one line of a file's text, without its line break (malloc'ed). */
typedef struct ReportLine {
    int32_t line;            /* 1-based */
    char *text;
} ReportLine;

typedef struct FileReport {
    FileResult res;          /* res.error: why the file was not checked */
    int failed;              /* res.error makes the run fail (exit 2); otherwise it was a warning */
    char **snippets;         /* full format: one excerpt per diagnostic */
    EditPos *edit_pos;       /* json/sarif: every edit of every fix, in diagnostic order */
    ReportLine *lines;       /* html: the lines the excerpts show (report_html_excerpt), ascending */
    int32_t nlines;
    int32_t source_lines;    /* html: lines of the file */
    char **diffs;            /* html: per diagnostic, the hunks of a unified diff of its fix applied
                                alone to the file (no ---/+++ header), or NULL */
    CheckProject proj;       /* for the project phase (RunSpec.project): its summary and pending
                                findings; report_prepare waits for it when there are some */
    int prepare_later;       /* report_prepare not run yet: the project phase adds findings */
} FileReport;

/* Does `fmt` print something report_prepare derives from the file's text? */
int report_needs_text(OutputFormat fmt);

/* Worker side: derive from the file's bytes what `fmt` will print (`color`: excerpts with ANSI colours). */
void report_prepare(OutputFormat fmt, int color, const char *bytes, size_t len, FileReport *fr);
void report_file_free(FileReport *fr);

typedef struct ReportOptions {
    OutputFormat format;
    int statistics;
    int quiet;
    int run_failed;          /* some path or file could not be checked: never say "All checks passed!" */
    int color;               /* ANSI colours (text formats) */
} ReportOptions;

/* ANSI styles of the text formats (report_style: "" when colour is off). */
typedef enum ReportStyle { STYLE_RESET, STYLE_PATH, STYLE_PUNCT, STYLE_CODE, STYLE_GUTTER, STYLE_HELP } ReportStyle;
const char *report_style(int color, ReportStyle style);

/* `path:line:col: CODE` of a finding or a fix, coloured when `color`. */
void report_location(Buf *out, int color, const char *path, int32_t line, int32_t col, const char *code);

/* Append `s` to `out` as a JSON string (quoted; bytes that are not UTF-8 become U+FFFD). */
void report_json_str(Buf *out, const char *s);

/* Append `s` as a JSON string that is also safe inside an HTML <script> element: `<`, `>`, `&`,
   U+2028 and U+2029 are written as \u escapes, so no `</script>` or `<!--` can appear. */
void report_json_script_str(Buf *out, const char *s);

/* ---- html (report_html.c) ---- */

/* Append `s` as HTML text, also safe inside a quoted attribute value: & < > " ' become character
   references; bytes that are not UTF-8 and control characters other than tab and line feed become
   U+FFFD. */
void report_html_text(Buf *out, const char *s);

/* Lines a message names ("mutated at line 8", "on line 22"): up to `max` distinct line numbers,
   in the order they appear. Returns how many. */
#define REPORT_MAX_EVIDENCE 4
int report_message_lines(const char *message, int32_t *lines, int max);

/* The excerpt of a finding in a file of `nlines` lines: a few lines around the finding, and one
   line either side of each line its message names. Sorted, merged ranges; returns how many. */
typedef struct ReportRange {
    int32_t first, last;     /* 1-based, inclusive */
} ReportRange;
#define REPORT_MAX_RANGES (1 + REPORT_MAX_EVIDENCE)
int report_html_excerpt(const Diag *d, int32_t nlines, ReportRange *out);

/* The whole HTML report (one self-contained page) of files[0..n). */
void report_print_html(Buf *out, const FileReport *files, size_t n);

/* Print the findings of every file (already in path order) to `out`. */
void report_print(FILE *out, const ReportOptions *opt, const FileReport *files, size_t n);

#endif
