/* `gotcha check --fix`, `--diff`, `--unsafe-fixes`, `--add-noqa`: each file is fixed by the fix
   engine (src/fix) on the worker threads, written atomically (or shown as a diff), then checked
   again for what remains. Printing happens afterwards, in path order. */
#include "cmd_fix.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fix/fix.h"
#include "../engine/diag.h"
#include "../util/buf.h"
#include "../util/fileio.h"
#include "../util/xalloc.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

typedef enum FixMode { MODE_FIX, MODE_DIFF, MODE_ADD_NOQA } FixMode;

typedef struct FixJob {
    const RunSpec *spec;
    FixMode mode;
    int unsafe;
    int write_files;         /* 0 for stdin: the result is printed instead */
} FixJob;

/* Everything one file's work leaves for the printing step. */
typedef struct FixedFile {
    FileReport report;       /* what remains, found in the final text */
    FixOutcome outcome;
    char *diff;              /* --diff: NUL-terminated, may be NULL */
    char *final_text;        /* stdin: the text to print */
    size_t final_len;
    char *problem;           /* message for stderr */
    int failed;              /* the problem fails the run (exit 2); else a warning */
    char *notes;             /* --add-noqa: lines skipped */
    int32_t noqa_added;
    int32_t nfixed;          /* fixes in the written (or diffed) result */
} FixedFile;

int cmd_fix_requested(const CheckArgs *args)
{
    return args->fix > 0 || args->fix_only || args->diff || args->add_noqa;
}

static char *dup_or_null(const char *s)
{
    return s && *s ? xstrdup(s) : NULL;
}

static void set_problem(FixedFile *ff, int failed, const char *message)
{
    if (ff->problem && !failed)
        return;   /* keep the first error */
    free(ff->problem);
    ff->problem = dup_or_null(message);
    ff->failed |= failed;
}

/* ---- checking (the fix engine's callback) ---- */

typedef struct CheckCall {
    const RunSpec *spec;
    const char *path;
    Arena *arena;
} CheckCall;

/* Check text as `path` with the run's settings (noqa, per-file-ignores) without the report extras. */
static int check_text(void *arg, const char *text, size_t len, FileResult *out)
{
    const CheckCall *call = arg;
    RunSpec plain = *call->spec;
    plain.format = FMT_CONCISE;   /* nothing to prepare */
    FileReport report;
    memset(&report, 0, sizeof report);
    pool_check_buffer(&plain, call->path, text, len, call->arena, &report);
    *out = report.res;
    return report.failed ? -1 : 0;
}

/* The findings left in the final text, prepared for the run's output format. `known` is the
   check of that text when the fix loop already made it (taken over), or NULL. */
static void report_remaining(const FixJob *job, const char *path, const char *text, size_t len,
                             FileResult *known, Arena *a, FixedFile *ff)
{
    FileResult res;
    if (known) {
        res = *known;
        memset(known, 0, sizeof *known);
    } else {
        CheckCall call = {job->spec, path, a};
        if (check_text(&call, text, len, &res) != 0)
            ff->report.failed = 1;
    }
    ff->report.res = res;
    report_prepare(job->spec->format, job->spec->color, text, len, &ff->report);
}

/* ---- one file ---- */

static void write_result(const char *path, const FileStamp *stamp, const char *text, size_t len,
                         FixedFile *ff)
{
    char err[1024];
    if (fix_write_file(path, stamp, text, len, err, sizeof err) != 0)
        set_problem(ff, 1, err);
}

static void add_noqa_to(const FixJob *job, const char *path, const char *bytes, size_t len,
                        const FileStamp *stamp, Arena *a, FixedFile *ff)
{
    CheckCall call = {job->spec, path, a};
    FileResult found;
    if (check_text(&call, bytes, len, &found) != 0) {
        set_problem(ff, 1, found.error ? found.error : "cannot be checked");
        diag_result_free(&found);
        return;
    }
    if (found.ndiags > 0 && !fix_bytes_are_text(bytes, len)) {
        Buf msg;
        buf_init(&msg);
        buf_printf(&msg, "%s: no noqa comments added: not UTF-8 and not ASCII", path);
        set_problem(ff, 0, msg.data);
        buf_free(&msg);
        diag_result_free(&found);
        return;
    }
    Buf updated, skipped;
    buf_init(&updated);
    buf_init(&skipped);
    int32_t added = fix_add_noqa(path, bytes, len, found.diags, found.ndiags, &updated, &skipped);
    diag_result_free(&found);
    if (added < 0) {   /* does not parse: GT001 stays, nothing to suppress */
        buf_free(&updated);
        buf_free(&skipped);
        return;
    }
    ff->notes = dup_or_null(buf_cstr(&skipped));
    buf_free(&skipped);
    if (added > 0 && job->write_files)
        write_result(path, stamp, updated.data, updated.len, ff);
    if (ff->failed) {
        buf_free(&updated);
        return;
    }
    ff->noqa_added = added;
    ff->final_text = updated.data;
    ff->final_len = updated.len;
}

/* Keep a copy of the resulting text when it is printed (stdin) rather than written. */
static void keep_final_text(const FixJob *job, const char *text, size_t len, FixedFile *ff)
{
    if (job->write_files)
        return;
    ff->final_text = xstrndup(text, len);
    ff->final_len = len;
}

static void fix_one(const FixJob *job, const char *path, const char *bytes, size_t len,
                    const FileStamp *stamp, Arena *a, FixedFile *ff)
{
    if (job->mode == MODE_ADD_NOQA) {
        add_noqa_to(job, path, bytes, len, stamp, a, ff);
        if (!ff->final_text)
            keep_final_text(job, bytes, len, ff);
        report_remaining(job, path, ff->final_text ? ff->final_text : bytes,
                         ff->final_text ? ff->final_len : len, NULL, a, ff);
        return;
    }
    CheckCall call = {job->spec, path, a};
    fix_bytes(path, bytes, len, job->unsafe, check_text, &call, &ff->outcome);
    FixOutcome *o = &ff->outcome;
    if (o->status == FIX_FAILED || o->status == FIX_SKIPPED)
        set_problem(ff, o->status == FIX_FAILED, o->message);
    if (o->status == FIX_CHANGED && !o->converged) {
        Buf msg;
        buf_init(&msg);
        buf_printf(&msg, "%s: fixes were still being offered after %d rounds; the result so far is kept",
                   path, FIX_MAX_ROUNDS);
        set_problem(ff, 0, msg.data);
        buf_free(&msg);
    }
    const char *final = bytes;
    size_t final_len = len;
    if (o->status == FIX_CHANGED) {
        if (job->mode == MODE_DIFF) {
            Buf diff;
            buf_init(&diff);
            fix_unified_diff(path, bytes, len, o->text, o->len, &diff);
            ff->diff = diff.data;
        } else if (job->write_files) {
            write_result(path, stamp, o->text, o->len, ff);
        }
        if (!ff->failed) {
            final = o->text;
            final_len = o->len;
        }
    }
    if (o->status == FIX_CHANGED && !ff->failed)
        ff->nfixed = o->napplied;   /* a failed write fixed nothing */
    keep_final_text(job, final, final_len, ff);
    /* the loop's last check is of o->text (changed) or of bytes (unchanged, skipped) */
    int known = o->has_final_result && (o->status == FIX_CHANGED ? final == o->text : final == bytes);
    report_remaining(job, path, final, final_len, known ? &o->final_result : NULL, a, ff);
    if (known)
        o->has_final_result = 0;
}

static void fix_path(const FixJob *job, const char *path, Arena *a, FixedFile *ff)
{
    char *bytes = NULL, err[1024];
    size_t len = 0;
    FileStamp stamp;
    int status = fix_read_file(path, job->spec->max_file_size, &bytes, &len, &stamp, err, sizeof err);
    if (status != 0) {
        ff->report.res.path = xstrdup(path);
        set_problem(ff, status < 0, err);
        return;
    }
    fix_one(job, path, bytes, len, &stamp, a, ff);
    free(ff->final_text);   /* add-noqa's result: already written */
    ff->final_text = NULL;
    free(bytes);
    arena_reset(a);
}

/* ---- the worker threads ---- */

/* What every pool item needs: files[i] is fixed into results[i]. */
typedef struct FixRun {
    const FixJob *job;
    const FoundFile *files;
    FixedFile *results;
} FixRun;

static void fix_item(void *ctx, size_t item, Arena *arena)
{
    const FixRun *run = ctx;
    fix_path(run->job, run->files[item].path, arena, &run->results[item]);
}

static void fix_stdin(const FixJob *job, const char *name, FixedFile *ff)
{
    Buf code;
    buf_init(&code);
    int read_failed = fileio_read_stream(stdin, &code, SIZE_MAX) != 0;
    buf_cstr(&code);
    if (read_failed) {
        ff->report.res.path = xstrdup(name);
        set_problem(ff, 1, "cannot read stdin");
        buf_free(&code);
        return;
    }
    Arena arena;
    arena_init(&arena);
    FileStamp unused;
    memset(&unused, 0, sizeof unused);
    FixJob stdin_job = *job;
    stdin_job.write_files = 0;
    fix_one(&stdin_job, name, code.data, code.len, &unused, &arena, ff);
    arena_free(&arena);
    buf_free(&code);
}

/* ---- printing ---- */

typedef struct Totals {
    size_t fixed, remaining, hidden_unsafe, noqa_added, diffs;
    int failed;
} Totals;

static void count(const FixJob *job, const FixedFile *ff, Totals *t)
{
    t->fixed += (size_t)ff->nfixed;
    t->remaining += (size_t)ff->report.res.ndiags;
    t->noqa_added += (size_t)ff->noqa_added;
    t->diffs += ff->diff != NULL;
    t->failed |= ff->failed || ff->report.failed;
    for (int32_t i = 0; i < ff->report.res.ndiags && !job->unsafe; i++) {
        const Fix *fix = ff->report.res.diags[i].fix;
        t->hidden_unsafe += fix && !fix->safe;
    }
}

static void print_problems(const FixedFile *results, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (results[i].problem)
            fprintf(stderr, "gotcha: %s: %s\n", results[i].failed ? "error" : "warning", results[i].problem);
        if (results[i].notes)
            fprintf(stderr, "%s", results[i].notes);
    }
}

/* --show-fixes: `path:line:col: CODE [fixed] title` for every applied fix, at its place before the fix. */
static void print_applied(FILE *out, int color, const FixedFile *results, size_t n)
{
    Buf line;
    buf_init(&line);
    for (size_t i = 0; i < n; i++) {
        const FixOutcome *o = &results[i].outcome;
        for (int32_t k = 0; k < results[i].nfixed; k++) {
            const AppliedFix *a = &o->applied[k];
            line.len = 0;
            report_location(&line, color, results[i].report.res.path, a->line, a->col, a->code);
            buf_printf(&line, " [fixed%s] %s\n", a->safe ? "" : ", unsafe", a->title);
            fputs(line.data, out);
        }
    }
    buf_free(&line);
}

static void print_fix_summary(FILE *out, const CheckArgs *args, const Totals *t)
{
    size_t total = t->fixed + t->remaining;
    if (t->fixed > 0)
        fprintf(out, "Found %zu error%s (%zu fixed, %zu remaining).\n", total, total == 1 ? "" : "s",
                t->fixed, t->remaining);
    else if (t->remaining > 0)
        fprintf(out, "Found %zu error%s.\n", t->remaining, t->remaining == 1 ? "" : "s");
    else if (!t->failed)
        fputs("All checks passed!\n", out);
    if (t->hidden_unsafe > 0)
        fprintf(out, "%zu hidden fix%s can be enabled with the `--unsafe-fixes` option.\n", t->hidden_unsafe,
                t->hidden_unsafe == 1 ? "" : "es");
    if (t->remaining > 0 && args->format == FMT_FULL)
        fputs("Run `gotcha rule CODE` to see why a finding matters and how to fix it.\n", out);
}

/* --fix-only: what was fixed, nothing about what remains. */
static void print_fix_only(FILE *out, const CheckArgs *args, int color, const FixedFile *results, size_t n,
                           const Totals *t)
{
    if (args->quiet)
        return;
    if (args->show_fixes > 0)
        print_applied(out, color, results, n);
    if (t->fixed > 0)
        fprintf(out, "Fixed %zu error%s.\n", t->fixed, t->fixed == 1 ? "" : "s");
}

static void print_results(const CheckArgs *args, const FixJob *job, const FixedFile *results, size_t n,
                          int use_stdin, const Totals *t, FILE *out)
{
    int text_format = args->format == FMT_FULL || args->format == FMT_CONCISE;
    /* stdin: the (fixed) code goes to stdout, so the findings go to stderr (or the --output-file) */
    FILE *report_out = use_stdin && job->mode != MODE_DIFF && out == stdout ? stderr : out;
    if (job->mode == MODE_DIFF) {
        for (size_t i = 0; i < n; i++)
            if (results[i].diff)
                fputs(results[i].diff, out);
        if (t->fixed > 0)
            fprintf(stderr, "Would fix %zu error%s.\n", t->fixed, t->fixed == 1 ? "" : "s");
        else
            fputs("No errors would be fixed.\n", stderr);
        if (t->hidden_unsafe > 0)
            fprintf(stderr, "%zu hidden fix%s can be enabled with the `--unsafe-fixes` option.\n",
                    t->hidden_unsafe, t->hidden_unsafe == 1 ? "" : "es");
        return;
    }
    if (use_stdin && results[n - 1].final_text)
        fwrite(results[n - 1].final_text, 1, results[n - 1].final_len, stdout);
    if (job->mode == MODE_ADD_NOQA) {
        fprintf(stderr, "Added %zu noqa directive%s.\n", t->noqa_added, t->noqa_added == 1 ? "" : "s");
        return;
    }
    if (args->fix_only) {
        print_fix_only(report_out, args, job->spec->color, results, n, t);
        fflush(report_out);
        return;
    }
    if (text_format && !args->quiet && !args->statistics && args->show_fixes > 0)
        print_applied(report_out, job->spec->color, results, n);
    FileReport *reports = xcalloc(n + 1, sizeof *reports);
    for (size_t i = 0; i < n; i++)
        reports[i] = results[i].report;   /* borrowed */
    ReportOptions ropt = {.format = args->format, .statistics = args->statistics, .quiet = 1,
                          .run_failed = t->failed, .color = job->spec->color};
    report_print(report_out, &ropt, reports, n);
    free(reports);
    if (text_format && !args->quiet)
        print_fix_summary(report_out, args, t);
    fflush(report_out);
}

static void fixed_file_free(FixedFile *ff)
{
    report_file_free(&ff->report);
    fix_outcome_free(&ff->outcome);
    free(ff->diff);
    free(ff->final_text);
    free(ff->problem);
    free(ff->notes);
}

int cmd_fix_run(const CheckArgs *args, const RunSpec *spec, const FoundFile *files, size_t n, int use_stdin,
                int run_failed, FILE *out)
{
    FixJob job = {.spec = spec, .unsafe = args->unsafe_fixes, .write_files = 1,
                  .mode = args->add_noqa ? MODE_ADD_NOQA : args->diff ? MODE_DIFF : MODE_FIX};
    size_t total = n + (size_t)(use_stdin != 0);
    FixedFile *results = xcalloc(total + 1, sizeof *results);
    FixRun run = {.job = &job, .files = files, .results = results};
    pool_for_each(n, spec->threads, fix_item, &run);
    if (use_stdin)
        fix_stdin(&job, args->stdin_filename ? args->stdin_filename : "-", &results[n]);
    Totals t = {.failed = run_failed};
    for (size_t i = 0; i < total; i++)
        count(&job, &results[i], &t);
    print_problems(results, total);
    print_results(args, &job, results, total, use_stdin, &t, out);
    for (size_t i = 0; i < total; i++)
        fixed_file_free(&results[i]);
    free(results);
    if (t.failed)
        return EXIT_ERROR;
    if (job.mode == MODE_DIFF)
        return t.diffs > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    if (job.mode == MODE_ADD_NOQA || args->fix_only)
        return EXIT_CLEAN;   /* --fix-only reports no finding, so none fails the run */
    return t.remaining > 0 && !args->exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
}
