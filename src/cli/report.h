/* Reporters: full, concise, json, sarif, github; the summary line and --statistics.
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

typedef struct FileReport {
    FileResult res;          /* res.error: why the file was not checked */
    int failed;              /* res.error makes the run fail (exit 2); otherwise it was a warning */
    char **snippets;         /* full format: one excerpt per diagnostic */
    EditPos *edit_pos;       /* json/sarif: every edit of every fix, in diagnostic order */
    CheckProject proj;       /* for the project phase (RunSpec.project): its summary and pending
                                findings; report_prepare waits for it when there are some */
    int prepare_later;       /* report_prepare not run yet: the project phase adds findings */
} FileReport;

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

/* Print the findings of every file (already in path order) to `out`. */
void report_print(FILE *out, const ReportOptions *opt, const FileReport *files, size_t n);

#endif
