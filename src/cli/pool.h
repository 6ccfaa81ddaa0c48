/* Checking many files on a pthread pool. Files are taken largest first (so one big file does not
   finish last on a single thread), one at a time through an atomic counter; each thread has its
   own Arena, reset between files. Results land in reports[i] for files[i], so printing them in
   order gives the same output for any thread count. */
#ifndef GOTCHA_POOL_H
#define GOTCHA_POOL_H

#include <stddef.h>

#include "../cache/cache.h"
#include "../check/check.h"
#include "../project/project.h"
#include "../config/config.h"
#include "discover.h"
#include "report.h"

typedef struct RunSpec {
    const CheckOptions *opt;
    const Config *cfg;          /* per-file-ignores */
    OutputFormat format;        /* what report_prepare derives */
    int color;                  /* source excerpts with ANSI colours (full format) */
    size_t max_file_size;
    int threads;
    int project;                /* keep each file's summary and conditional findings for
                                   pool_run_project */
    Cache *cache;               /* with `project`: per-file results read from / written to it;
                                   NULL = no cache */
    const ProjectModule *modules;   /* pool_run: the modules of its files (same order), or NULL */
    SummaryStore *summaries;    /* with `project` and no cache: where the summaries are kept
                                   (cache_summaries_keep), or NULL */
} RunSpec;

/* Run work(ctx, item, arena) for every item in [0, n) on up to `threads` threads, the calling
   one included; items are taken in order through an atomic counter, each thread has its own
   Arena. Returns when all are done. */
typedef void (*PoolWork)(void *ctx, size_t item, Arena *arena);
void pool_for_each(size_t n, int threads, PoolWork work, void *ctx);

/* Check files[0..n) into reports[0..n) (zeroed by the caller). */
void pool_run(const RunSpec *spec, const FoundFile *files, size_t n, FileReport *reports);

/* Check bytes already in memory (stdin) as `path`. */
void pool_check_buffer(const RunSpec *spec, const char *path, const char *bytes, size_t len, Arena *a,
                  FileReport *report);

/* The project phase over the reports of pool_run / pool_check_buffer (spec->project set): decide
   the conditional findings with what every file's summary says (src/project/project.h), add those
   that hold, and prepare the reports that waited for them. Summaries are freed. */
void pool_run_project(const RunSpec *spec, FileReport *reports, size_t n, const ProjectModule *modules);

/* Number of online cores (at least 1). */
int pool_default_thread_count(void);

#endif
