/* The worker pool and the per-file work: read, check, filter, prepare the report. */
#include "pool.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../config/config_options.h"
#include "../engine/diag.h"
#include "../project/project.h"
#include "../rules/registry.h"
#include "../util/fileio.h"
#include "../util/xalloc.h"

int pool_default_thread_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

static void set_problem(FileReport *report, const char *path, int failed, char *message)
{
    report->res.path = xstrdup(path);
    report->res.error = message;
    report->failed = failed;
}

static void size_text(char *out, size_t outlen, uint64_t bytes)
{
    if (bytes >= 1024 * 1024)
        snprintf(out, outlen, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
    else
        snprintf(out, outlen, "%llu bytes", (unsigned long long)bytes);
}

/* Read a whole regular file. O_NONBLOCK keeps a FIFO swapped in after discovery from blocking
   the open; fstat then rejects anything that is not a regular file. Returns NULL with the
   report's problem set. */
static char *read_regular_file(const char *path, size_t max_size, size_t *len, FileReport *report)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)   /* deleted while we were working: nothing to check, not a failure */
            set_problem(report, path, 0, xasprintf("%s: vanished before it could be read", path));
        else
            set_problem(report, path, 1, xasprintf("cannot read %s: %s", path, strerror(errno)));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        set_problem(report, path, 0, xasprintf("skipping %s: not a regular file", path));
        close(fd);
        return NULL;
    }
    if ((uint64_t)st.st_size > max_size) {
        char size[32], limit[32];
        size_text(size, sizeof size, (uint64_t)st.st_size);
        size_text(limit, sizeof limit, max_size);
        set_problem(report, path, 0,
                    xasprintf("skipping %s: %s is over --max-file-size (%s)", path, size, limit));
        close(fd);
        return NULL;
    }
    char *data;
    /* A file that grew past the limit since fstat is checked as far as it was read. */
    if (fileio_read_fd(fd, (size_t)st.st_size, max_size, &data, len) < 0) {
        set_problem(report, path, 1, xasprintf("cannot read %s: %s", path, strerror(errno)));
        close(fd);
        return NULL;
    }
    close(fd);
    return data;
}

/* per-file-ignores from the config; GT001 always stays. */
static void apply_per_file_ignores(const Config *cfg, FileResult *r)
{
    config_drop_ignored(cfg, r);
}

/* extend-safe-fixes / extend-unsafe-fixes from the config decide how each fix counts. */
static void apply_fix_safety(const Config *cfg, FileResult *r)
{
    config_apply_fix_safety(cfg, r);
}

/* The file's result from the cache (when `cached`), or checked (and then stored in the cache). */
static int check_or_load(const RunSpec *spec, int cached, const char *path, const char *module, const CacheKey *alias,
                         const char *bytes, size_t len, Arena *a, FileReport *report)
{
    if (!cached) {
        int rc = check_source_project(path, bytes, len, spec->opt, a, &report->res,
                                      spec->project ? &report->proj : NULL);
        if (rc == 0 && spec->project && spec->summaries)
            cache_summaries_keep(spec->summaries, &report->proj);
        return rc;
    }
    CacheKey key = cache_key(spec->cache, path, module, bytes, len);
    if (alias)
        cache_store_alias(spec->cache, alias, &key);
    if (cache_load(spec->cache, &key, &report->res, &report->proj) == 0) {
        report->res.path = xstrdup(path);
        return 0;
    }
    int rc = check_source_project(path, bytes, len, spec->opt, a, &report->res, &report->proj);
    if (rc == 0)
        cache_store(spec->cache, &key, &report->res, &report->proj);
    return rc;
}

/* pool_check_buffer with the file's module name (NULL: found when needed). */
static void check_buffer(const RunSpec *spec, int cached, const char *path, const char *module,
                         const CacheKey *alias, const char *bytes, size_t len, Arena *a, FileReport *report)
{
    if (check_or_load(spec, cached, path, module, alias, bytes, len, a, report) != 0) {
        report->failed = 1;
        if (!report->res.error)
            report->res.error = xasprintf("cannot check %s", path);
    }
    apply_per_file_ignores(spec->cfg, &report->res);
    apply_fix_safety(spec->cfg, &report->res);
    if (report->proj.pending.n > 0)
        report->prepare_later = 1;
    else
        report_prepare(spec->format, spec->color, bytes, len, report);
    arena_reset(a);
}

void pool_check_buffer(const RunSpec *spec, const char *path, const char *bytes, size_t len, Arena *a,
                  FileReport *report)
{
    check_buffer(spec, spec->project && spec->cache, path, NULL, NULL, bytes, len, a, report);
}

/* What stat() says of the file: discovery asked already (a stat per file less on a warm run). */
static int file_stat(const FoundFile *file, struct stat *st)
{
    if (file->st.st_mode) {
        *st = file->st;
        return 0;
    }
    return stat(file->path, st);
}

/* Does the folder above folder `dir` (`len` bytes of it; 0: the current folder) hold `__init__.py`
   or `__init__.pyi`? */
static int parent_is_package(const char *dir, size_t len)
{
    static const char *const inits[] = {"__init__.py", "__init__.pyi"};
    for (size_t i = 0; i < sizeof inits / sizeof *inits; i++) {
        char *path = len ? xasprintf("%.*s/../%s", (int)len, dir, inits[i]) : xasprintf("../%s", inits[i]);
        int found = access(path, F_OK) == 0;
        free(path);
        if (found)
            return 1;
    }
    return 0;
}

/* GT701 decides a file in a folder without `__init__.py` from the folders around it (the parent
   package, the folder's modules, the test packages of the tree, an enclosing `__init__.py`): for
   such a file its cache key also holds what GT701 found there (rule_gt701_context), so that a
   change around it is a miss and a warm run says what a cold one does. Which of files[0..n) (in
   path order) need that: a module without a dot (`modules`, NULL: not known) is one whose folder is
   not a package (for the project's module names; a stub package's `__init__.pyi` GT701 counts);
   stubs and `__init__.py` are not GT701's; among them, those whose folder's parent is a package,
   asked once per folder. */
static uint8_t *around_files(const FoundFile *files, size_t n, const ProjectModule *modules)
{
    uint8_t *around = xcalloc(n + 1, 1);
    const char *last = NULL;   /* the folder asked last (a prefix of a path), and its answer */
    size_t last_len = 0;
    int last_around = 0;
    for (size_t i = 0; i < n; i++) {
        const char *path = files[i].path, *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        size_t dlen = slash ? (size_t)(slash - path) : 0, blen = strlen(base);
        if ((modules && strchr(modules[i].name, '.')) || (blen > 4 && strcmp(base + blen - 4, ".pyi") == 0)
            || strcmp(base, "__init__.py") == 0)
            continue;
        if (!last || dlen != last_len || strncmp(path, last, dlen) != 0) {
            last = path;
            last_len = dlen;
            last_around = parent_is_package(path, slash ? (slash == path ? 1 : dlen) : 0);
        }
        around[i] = (uint8_t)last_around;
    }
    return around;
}

static void check_one_file(const RunSpec *spec, int around, const FoundFile *file, const char *module, Arena *a,
                           FileReport *report)
{
    const char *path = file->path;
    struct stat st;
    CacheKey alias;
    int has_alias = 0;
    int cached = spec->project && spec->cache;
    Buf key_module;   /* the module name, and what GT701 found around the file (around_files) */
    buf_init(&key_module);
    if (cached && around) {
        buf_printf(&key_module, "%s\n", module ? module : "");
        rule_gt701_context(path, &key_module);
        module = key_module.data;
    }
    if (cached && file_stat(file, &st) == 0 && S_ISREG(st.st_mode)
        && (uint64_t)st.st_size <= spec->max_file_size) {
        alias = cache_stat_key(spec->cache, path, module, &st);
        CacheKey content;
        if (cache_load_alias(spec->cache, &alias, &content) == 0
            && cache_load(spec->cache, &content, &report->res, &report->proj) == 0) {
            report->res.path = xstrdup(path);
            apply_per_file_ignores(spec->cfg, &report->res);
            apply_fix_safety(spec->cfg, &report->res);
            report->prepare_later = 1;
            buf_free(&key_module);
            return;
        }
        has_alias = 1;
    }
    size_t len = 0;
    char *bytes = read_regular_file(path, spec->max_file_size, &len, report);
    if (bytes)
        check_buffer(spec, cached, path, module, has_alias ? &alias : NULL, bytes, len, a, report);
    free(bytes);
    buf_free(&key_module);
}

/* The shared state of one pool_for_each run. */
typedef struct Pool {
    PoolWork work;
    void *ctx;
    size_t n;
    atomic_size_t next;    /* next item to take */
} Pool;

static void *worker(void *arg)
{
    Pool *pool = arg;
    Arena arena;
    arena_init(&arena);
    for (;;) {
        size_t item = atomic_fetch_add_explicit(&pool->next, 1, memory_order_relaxed);
        if (item >= pool->n)
            break;
        pool->work(pool->ctx, item, &arena);
    }
    arena_free(&arena);
    return NULL;
}

void pool_for_each(size_t n, int threads, PoolWork work, void *ctx)
{
    if (n == 0)
        return;
    Pool pool = {.work = work, .ctx = ctx, .n = n};
    atomic_init(&pool.next, 0);
    size_t nthreads = threads < 1 ? 1 : (size_t)threads;
    if (nthreads > n)
        nthreads = n;
    /* the calling thread is one of the workers */
    pthread_t *started_threads = xcalloc(nthreads, sizeof *started_threads);
    size_t started = 0;
    for (size_t t = 1; t < nthreads; t++) {
        if (pthread_create(&started_threads[t], NULL, worker, &pool) != 0)
            break;   /* fewer threads is still correct */
        started = t;
    }
    worker(&pool);
    for (size_t t = 1; t <= started; t++)
        pthread_join(started_threads[t], NULL);
    free(started_threads);
}

/* A file's size class: its bit length and the two bits below the top one (classes 4 apart are
   a factor of 2 apart). */
enum { SIZE_CLASSES = 65 * 4 };

static unsigned size_class(uint64_t size)
{
    if (size < 4)
        return (unsigned)size;
    unsigned bits = 3;
    while (bits < 64 && size >> bits)
        bits++;
    return bits * 4 + (unsigned)(size >> (bits - 3) & 3);
}

/* The files' indexes, larger size classes first (a counting sort: stable, so file order within a
   class): the big files start first and the small ones fill the threads' ends. */
static size_t *largest_first(const FoundFile *files, size_t n)
{
    size_t *order = xmalloc((n + 1) * sizeof *order);
    size_t start[SIZE_CLASSES + 1] = {0};
    for (size_t i = 0; i < n; i++)
        start[SIZE_CLASSES - 1 - size_class(files[i].size) + 1]++;
    for (int c = 0; c < SIZE_CLASSES; c++)
        start[c + 1] += start[c];
    for (size_t i = 0; i < n; i++)
        order[start[SIZE_CLASSES - 1 - size_class(files[i].size)]++] = i;
    return order;
}

/* What pool_run's items need: item `pos` checks files[order[pos]]. */
typedef struct CheckRun {
    const RunSpec *spec;
    const uint8_t *around;   /* per file: its cache key holds what GT701 found around it; or NULL */
    const FoundFile *files;
    FileReport *reports;
    const size_t *order;   /* file indexes, largest first */
} CheckRun;

static void check_item(void *ctx, size_t pos, Arena *arena)
{
    const CheckRun *run = ctx;
    size_t idx = run->order[pos];
    check_one_file(run->spec, run->around && run->around[idx], &run->files[idx],
                   run->spec->modules ? run->spec->modules[idx].name : NULL, arena, &run->reports[idx]);
}

void pool_run(const RunSpec *spec, const FoundFile *files, size_t n, FileReport *reports)
{
    if (n == 0)
        return;
    size_t *order = largest_first(files, n);
    int gt701 = registry_index("GT701");
    uint8_t *around = spec->project && spec->cache && gt701 >= 0 && spec->opt->rules.enabled[gt701]
                          ? around_files(files, n, spec->modules) : NULL;
    CheckRun run = {.spec = spec, .around = around, .files = files, .reports = reports, .order = order};
    pool_for_each(n, spec->threads, check_item, &run);
    free(order);
    free(around);
}

/* ---- the project phase ---- */

/* report_prepare for a report that waited for the project phase: the file is read again. */
static void prepare_late(const RunSpec *spec, FileReport *report)
{
    report->prepare_later = 0;
    FileReport scratch;
    memset(&scratch, 0, sizeof scratch);
    size_t len = 0;
    char *bytes = read_regular_file(report->res.path, SIZE_MAX, &len, &scratch);
    free(scratch.res.path);
    free(scratch.res.error);
    report_prepare(spec->format, spec->color, bytes ? bytes : "", bytes ? len : 0, report);
    free(bytes);
}

/* The reports still waiting for report_prepare, prepared on the pool (each reads its own file). */
typedef struct LateRun {
    const RunSpec *spec;
    FileReport *reports;
    const size_t *late;   /* indexes into reports */
} LateRun;

static void prepare_item(void *ctx, size_t item, Arena *arena)
{
    (void)arena;
    const LateRun *run = ctx;
    prepare_late(run->spec, &run->reports[run->late[item]]);
}

static void prepare_all_late(const RunSpec *spec, FileReport *reports, size_t n)
{
    size_t *late = xmalloc((n + 1) * sizeof *late), nlate = 0;
    for (size_t i = 0; i < n; i++) {
        if (!reports[i].prepare_later)
            continue;
        if (reports[i].res.ndiags == 0 || !report_needs_text(spec->format))
            reports[i].prepare_later = 0;   /* report_prepare would not look at the text */
        else
            late[nlate++] = i;
    }
    LateRun run = {spec, reports, late};
    pool_for_each(nlate, spec->threads, prepare_item, &run);
    free(late);
}

void pool_run_project(const RunSpec *spec, FileReport *reports, size_t n, const ProjectModule *modules)
{
    ProjectFile *files = xcalloc(n + 1, sizeof *files);
    DiagList *decided = xcalloc(n + 1, sizeof *decided);
    for (size_t i = 0; i < n; i++)
        files[i] = (ProjectFile){ .path = reports[i].res.path, .summary = reports[i].proj.summary,
                                  .pending = &reports[i].proj.pending, .module = modules ? &modules[i] : NULL };
    project_run(files, n, decided);
    for (size_t i = 0; i < n; i++) {
        diag_result_merge(&reports[i].res, &decided[i]);
        apply_per_file_ignores(spec->cfg, &reports[i].res);
        summary_free(reports[i].proj.summary);
        reports[i].proj.summary = NULL;
    }
    free(decided);
    free(files);
    prepare_all_late(spec, reports, n);
}
