/* `gotcha check`: settings -> rule set -> discovery -> pool -> report -> exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../config/config.h"
#include "../project/project.h"
#include "../rules/registry.h"
#include "../util/buf.h"
#include "../util/fileio.h"
#include "../util/xalloc.h"
#include "cli.h"
#include "cli_args.h"
#include "cmd_fix.h"
#include "discover.h"
#include "pool.h"
#include "report.h"
#include "selection.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

#define DEFAULT_TARGET_MINOR 13

static int load_config(const CheckArgs *args, Config *cfg)
{
    char err[512] = "";
    if (args->isolated) {
        config_init_defaults(cfg);
        return 0;
    }
    if (args->config_path) {
        if (config_load_file(args->config_path, cfg, err, sizeof err) == 0)
            return 0;
    } else {
        /* the settings of the first path (or of the stdin file's folder) apply to the run */
        const char *start = args->stdin_filename ? args->stdin_filename : ".";
        for (int i = 0; i < args->paths.n; i++)
            if (strcmp(args->paths.items[i], "-") != 0) {
                start = args->paths.items[i];
                break;
            }
        if (config_discover(start, cfg, err, sizeof err) >= 0)
            return 0;
    }
    fprintf(stderr, "gotcha: error: %s\n", err[0] ? err : "cannot load the configuration");
    return -1;
}

/* NULL-terminated copy of a config list (the pointers are borrowed). */
static const char **null_terminated(char **items, int32_t n)
{
    if (n <= 0)
        return NULL;
    const char **list = xcalloc((size_t)n + 1, sizeof *list);
    for (int32_t i = 0; i < n; i++)
        list[i] = items[i];
    return list;
}

static void show_settings(const CheckArgs *args, const Config *cfg, const CheckOptions *opt,
                          int preview, int threads)
{
    static const char *const format_names[] = {"full", "concise", "json", "sarif", "github"};
    printf("config file: %s\n", cfg->path ? cfg->path : "(none: defaults)");
    printf("target-version: py3%d\n", opt->target_minor);
    printf("preview: %s\n", preview ? "on" : "off");
    printf("output-format: %s\n", format_names[args->format]);
    printf("threads: %d\n", threads);
    printf("respect-gitignore: %s\n", args->no_gitignore ? "no" : "yes");
    printf("max-file-size: %zu bytes\n", args->max_file_size);
    printf("enabled rules:\n");
    for (int i = 0; i < registry_count; i++)
        if (opt->rules.enabled[i])
            printf("  %s %s\n", registry_table[i]->code, registry_table[i]->name);
    Buf shown;
    buf_init(&shown);
    config_show(cfg, &shown);
    if (shown.len) {
        printf("configuration:\n");
        fwrite(shown.data, 1, shown.len, stdout);
        if (shown.data[shown.len - 1] != '\n')
            putchar('\n');
    }
    buf_free(&shown);
}

/* Check what stdin holds as `name`. */
static void check_stdin(const RunSpec *spec, const char *name, FileReport *report)
{
    Buf code;
    buf_init(&code);
    if (fileio_read_stream(stdin, &code, SIZE_MAX) != 0) {
        report->res.path = xstrdup(name);
        report->res.error = xstrdup("cannot read stdin");
        report->failed = 1;
        buf_free(&code);
        return;
    }
    buf_cstr(&code);   /* a NUL after the text, and a block even when stdin is empty */
    Arena arena;
    arena_init(&arena);
    pool_check_buffer(spec, name, code.data, code.len, &arena, report);
    arena_free(&arena);
    buf_free(&code);
}

static int has_stdin_path(const CheckArgs *args)
{
    for (int i = 0; i < args->paths.n; i++)
        if (strcmp(args->paths.items[i], "-") == 0)
            return 1;
    return 0;
}

static int cmp_reports(const void *a, const void *b)
{
    return strcmp(((const FileReport *)a)->res.path, ((const FileReport *)b)->res.path);
}

/* Files that were not checked, in path order: errors fail the run, the rest are warnings. */
static int print_problems(const FileReport *reports, size_t n)
{
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (!reports[i].res.error)
            continue;
        fprintf(stderr, "gotcha: %s: %s\n", reports[i].failed ? "error" : "warning", reports[i].res.error);
        failed |= reports[i].failed;
    }
    return failed;
}

/* The cache folder: --cache-dir, GOTCHA_CACHE_DIR, else .gotcha_cache beside the configuration
   file (the project root), else in the current folder. malloc'ed. */
static char *cache_dir_of(const char *given, const Config *cfg)
{
    const char *env = getenv(CACHE_ENV_DIR);
    if (given)
        return xstrdup(given);
    if (env && *env)
        return xstrdup(env);
    const char *slash = cfg && cfg->path ? strrchr(cfg->path, '/') : NULL;
    if (slash)
        return xasprintf("%.*s/%s", (int)(slash - cfg->path), cfg->path, CACHE_DEFAULT_DIR);
    return xstrdup(CACHE_DEFAULT_DIR);
}

/* Everything that changes what a file's check gives, as text (part of every cache key). */
static char *settings_text(const CheckOptions *opt)
{
    Buf b;
    buf_init(&b);
    for (int i = 0; i < registry_count; i++)
        buf_putc(&b, opt->rules.enabled[i] ? '1' : '0');
    buf_printf(&b, "|py3%d|%s|", opt->target_minor, opt->cache_names_regex ? opt->cache_names_regex : "");
    for (int i = 0; opt->immutable_calls && opt->immutable_calls[i]; i++)
        buf_printf(&b, "i:%s,", opt->immutable_calls[i]);
    for (int i = 0; opt->mutable_calls && opt->mutable_calls[i]; i++)
        buf_printf(&b, "m:%s,", opt->mutable_calls[i]);
    char *text = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return text;
}

static Cache *open_cache(const CheckArgs *args, const Config *cfg, const CheckOptions *opt)
{
    if (args->no_cache)
        return NULL;
    char *dir = cache_dir_of(args->cache_dir, cfg);
    char *settings = settings_text(opt);
    Buf scope;   /* the paths given: shards checking different parts keep different packs */
    buf_init(&scope);
    for (int i = 0; i < args->paths.n; i++)
        buf_printf(&scope, "%s\n", args->paths.items[i]);
    Cache *c = cache_open(dir, GOTCHA_VERSION, settings, buf_cstr(&scope));
    buf_free(&scope);
    free(settings);
    free(dir);
    return c;
}

/* The other files of the packages the checked files belong to (their top package folders,
   discovered as the checked paths are), which the project phase reads but does not report: a
   file checked alone is decided as it is inside its package. */
/* Is folder `dir` inside a folder given on the command line (so discovery walked it already)? */
static int inside_given(const char *dir, const ArgList *given)
{
    for (int i = 0; i < given->n; i++) {
        const char *p = given->items[i];
        size_t len = strlen(p);
        while (len > 1 && p[len - 1] == '/')
            len--;
        struct stat st;
        if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        if (len == 1 && p[0] == '.' && dir[0] != '/' && strncmp(dir, "..", 2) != 0)
            return 1;
        if (strncmp(dir, p, len) == 0 && (dir[len] == 0 || dir[len] == '/'))
            return 1;
    }
    return 0;
}

static void discover_context(const Discovery *found, const DiscoverOptions *dopt, const ArgList *given,
                             Discovery *context)
{
    ArgList dirs = {0};
    for (size_t i = 0; i < found->n; i++) {
        char *dir = project_package_dir(found->files[i].path);
        int seen = !dir || inside_given(dir, given);
        for (int k = 0; dir && k < dirs.n && !seen; k++)
            seen = strcmp(dirs.items[k], dir) == 0;
        if (!seen)
            arglist_add(&dirs, dir, strlen(dir));
        free(dir);
    }
    Discovery all;
    memset(context, 0, sizeof *context);
    discover_paths(dirs.items, dirs.n, dopt, &all);
    for (size_t i = 0, k = 0; i < all.n; i++) {   /* both sorted by path */
        while (k < found->n && strcmp(found->files[k].path, all.files[i].path) < 0)
            k++;
        if (k < found->n && strcmp(found->files[k].path, all.files[i].path) == 0) {
            free(all.files[i].path);
            continue;
        }
        if (context->n == (size_t)context->cap)
            XGROW(context->files, (int32_t)context->n + 1, context->cap, 16);
        context->files[context->n++] = all.files[i];
    }
    free(all.files);
    arglist_free(&dirs);
}

/* Check the files, then the project phase over them and their context (whose own findings are
   dropped). */
static void check_with_project(const RunSpec *spec, const Discovery *found, const DiscoverOptions *dopt,
                               const ArgList *given, FileReport *reports)
{
    Discovery context;
    discover_context(found, dopt, given, &context);
    size_t n = found->n + context.n;
    FileReport *all = xcalloc(n + 1, sizeof *all);
    const char **paths = xcalloc(n + 1, sizeof *paths);
    for (size_t i = 0; i < n; i++)
        paths[i] = i < found->n ? found->files[i].path : context.files[i - found->n].path;
    ProjectModule *modules = xcalloc(n + 1, sizeof *modules);
    project_modules(paths, n, modules);
    RunSpec part = *spec;
    part.modules = modules;
    pool_run(&part, found->files, found->n, all);
    part.modules = modules + found->n;
    pool_run(&part, context.files, context.n, all + found->n);
    for (size_t i = found->n; i < n; i++)
        diag_pending_free(&all[i].proj.pending);   /* not reported: nothing to decide */
    pool_run_project(spec, all, n, modules);
    project_modules_free(modules, n);
    free(modules);
    free(paths);
    memcpy(reports, all, found->n * sizeof *all);
    for (size_t i = found->n; i < found->n + context.n; i++)
        report_file_free(&all[i]);
    free(all);
    discovery_free(&context);
}

/* Everything after the settings: discovery, checking, printing. */
static int run_check(const CheckArgs *args, const Config *cfg, const RunSpec *spec)
{
    DiscoverOptions dopt = {.cfg = cfg, .use_gitignore = !args->no_gitignore};
    Discovery found;
    discover_paths(args->paths.items, args->paths.n, &dopt, &found);
    if (args->show_files) {
        for (size_t i = 0; i < found.n; i++)
            printf("%s\n", found.files[i].path);
        int failed = found.failed;
        discovery_free(&found);
        return failed ? EXIT_ERROR : EXIT_CLEAN;
    }
    int use_stdin = has_stdin_path(args);
    if (cmd_fix_requested(args)) {
        int status = cmd_fix_run(args, spec, found.files, found.n, use_stdin, found.failed);
        discovery_free(&found);
        return status;
    }
    size_t nreports = found.n + (size_t)use_stdin;
    FileReport *reports = xcalloc(nreports + 1, sizeof *reports);
    RunSpec with_project = *spec;
    with_project.project = 1;
    with_project.cache = open_cache(args, cfg, spec->opt);
    check_with_project(&with_project, &found, &dopt, &args->paths, reports);
    cache_close(with_project.cache);
    int failed = found.failed;
    if (use_stdin)
        check_stdin(spec, args->stdin_filename ? args->stdin_filename : "-", &reports[found.n]);
    qsort(reports, nreports, sizeof *reports, cmp_reports);
    failed |= print_problems(reports, nreports);
    if (nreports == 0 && !found.failed)
        fprintf(stderr, "gotcha: warning: no Python files found under the given paths\n");
    ReportOptions ropt = {.format = args->format, .statistics = args->statistics, .quiet = args->quiet,
                          .run_failed = failed};
    report_print(stdout, &ropt, reports, nreports);
    fflush(stdout);
    size_t findings = 0;
    for (size_t i = 0; i < nreports; i++) {
        findings += (size_t)reports[i].res.ndiags;
        report_file_free(&reports[i]);
    }
    free(reports);
    discovery_free(&found);
    if (failed)
        return EXIT_ERROR;
    return findings > 0 && !args->exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* CLI flags + config -> the engine's options. Returns 0, or -1 after printing the error. */
static int build_options(const CheckArgs *args, const Config *cfg, int preview, CheckOptions *opt)
{
    memset(opt, 0, sizeof *opt);
    char err[512];
    if (selection_resolve(cfg, args, preview, &opt->rules, err, sizeof err) < 0) {
        fprintf(stderr, "gotcha: error: %s\n", err);
        return -1;
    }
    opt->target_minor = args->target_minor ? args->target_minor
                        : cfg->target_minor ? cfg->target_minor : DEFAULT_TARGET_MINOR;
    opt->immutable_calls = null_terminated(cfg->immutable_calls, cfg->nimmutable_calls);
    opt->mutable_calls = null_terminated(cfg->mutable_calls, cfg->nmutable_calls);
    opt->cache_names_regex = cfg->cache_names;
    return 0;
}

int cmd_clean(int argc, char **argv, int first)
{
    const char *given = NULL;
    for (int i = first; i < argc; i++) {
        if (strcmp(argv[i], "--cache-dir") == 0 && i + 1 < argc) {
            given = argv[++i];
        } else if (strncmp(argv[i], "--cache-dir=", 12) == 0) {
            given = argv[i] + 12;
        } else {
            fprintf(stderr, "gotcha clean: unknown argument '%s' (usage: gotcha clean [--cache-dir DIR])\n", argv[i]);
            return EXIT_ERROR;
        }
    }
    Config cfg;
    char err[512] = "";
    if (config_discover(".", &cfg, err, sizeof err) < 0)
        config_init_defaults(&cfg);
    char *dir = cache_dir_of(given, &cfg);
    int rc = cache_clean(dir, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "gotcha: error: %s\n", err);
    else
        printf("removed %s\n", dir);
    free(dir);
    config_free(&cfg);
    return rc == 0 ? EXIT_CLEAN : EXIT_ERROR;
}

int cmd_check(int argc, char **argv, int first)
{
    CheckArgs args;
    int parsed = cli_args_parse(argc, argv, first, &args);
    if (parsed != 0) {
        cli_args_free(&args);
        return parsed > 0 ? EXIT_CLEAN : EXIT_ERROR;
    }
    if (args.paths.n == 0)
        arglist_add(&args.paths, ".", 1);

    Config cfg;
    if (load_config(&args, &cfg) < 0) {
        cli_args_free(&args);
        return EXIT_ERROR;
    }
    int preview = args.preview >= 0 ? args.preview : cfg.preview == 1;
    int threads = args.threads ? args.threads : pool_default_thread_count();
    CheckOptions opt;
    int status = EXIT_ERROR;
    if (build_options(&args, &cfg, preview, &opt) == 0) {
        if (args.show_settings) {
            show_settings(&args, &cfg, &opt, preview, threads);
            status = EXIT_CLEAN;
        } else {
            RunSpec spec = {.opt = &opt, .cfg = &cfg, .format = args.format,
                            .max_file_size = args.max_file_size, .threads = threads};
            status = run_check(&args, &cfg, &spec);
        }
        free((void *)opt.immutable_calls);
        free((void *)opt.mutable_calls);
    }
    config_free(&cfg);
    cli_args_free(&args);
    return status;
}
