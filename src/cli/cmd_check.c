/* `gotcha check`: settings (configuration file, --config overrides, flags) -> rule set -> discovery
   -> pool -> report -> exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../config/config.h"
#include "../config/config_options.h"
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

/* ---- settings ---- */

static int is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A --config value names a file when one exists there, or when it holds no '=' (then a missing file
   is the error); anything else is a TOML `key = value` override. */
static int names_file(const char *value)
{
    return is_regular_file(value) || !strchr(value, '=');
}

/* The one --config FILE, or NULL; -1 (message printed) when there are several. */
static int config_file_arg(const CheckArgs *args, const char **file)
{
    *file = NULL;
    for (int i = 0; i < args->configs.n; i++) {
        if (!names_file(args->configs.items[i]))
            continue;
        if (*file) {
            fprintf(stderr, "gotcha: error: --config names two configuration files ('%s', '%s'); give one, and "
                            "the other settings as --config 'KEY = VALUE'\n", *file, args->configs.items[i]);
            return -1;
        }
        *file = args->configs.items[i];
    }
    return 0;
}

/* The file's settings: --isolated, --config FILE, or the one found from the first path. */
static int load_file_settings(const CheckArgs *args, const char *file, Config *cfg, char *err, size_t errlen)
{
    if (args->isolated) {
        config_init_defaults(cfg);
        return 0;
    }
    if (file)
        return config_load_file(file, cfg, err, errlen);
    /* the settings of the first path (or of the stdin file's folder) apply to the run */
    const char *start = args->stdin_filename ? args->stdin_filename : ".";
    for (int i = 0; i < args->paths.n; i++)
        if (strcmp(args->paths.items[i], "-") != 0) {
            start = args->paths.items[i];
            break;
        }
    return config_discover(start, cfg, err, errlen) < 0 ? -1 : 0;
}

static int load_config(const CheckArgs *args, Config *cfg)
{
    const char *file;
    if (config_file_arg(args, &file) < 0)
        return -1;
    if (file && args->isolated) {
        fprintf(stderr, "gotcha: error: --isolated ignores every configuration file: it cannot be combined "
                        "with --config %s\n", file);
        return -1;
    }
    char err[512] = "";
    int rc = load_file_settings(args, file, cfg, err, sizeof err);
    for (int i = 0; rc == 0 && i < args->configs.n; i++)
        if (!names_file(args->configs.items[i]))
            rc = config_apply_override(cfg, args->configs.items[i], err, sizeof err);
    if (rc == 0)
        return 0;
    fprintf(stderr, "gotcha: error: %s\n", err[0] ? err : "cannot load the configuration");
    config_free(cfg);
    return -1;
}

/* A flag over the configuration's value (default `fallback`); both end up resolved. */
static void resolve_flag(int *flag, int *setting, int fallback)
{
    if (*flag < 0)
        *flag = *setting >= 0 ? *setting : fallback;
    *setting = *flag;
}

/* Command-line flags over the configuration. The resolved values go into both, so the run and
   --show-settings see the same thing. */
static int merge_flags(CheckArgs *args, Config *cfg)
{
    resolve_flag(&args->fix, &cfg->fix, 0);
    resolve_flag(&args->unsafe_fixes, &cfg->unsafe_fixes, 0);
    resolve_flag(&args->show_fixes, &cfg->show_fixes, 0);
    resolve_flag(&args->preview, &cfg->preview, 0);
    resolve_flag(&args->respect_gitignore, &cfg->respect_gitignore, 1);
    resolve_flag(&args->force_exclude, &cfg->force_exclude, 0);
    char err[512];
    if ((args->has_exclude &&
         config_add_cli_excludes(cfg, args->exclude.items, args->exclude.n, 1, err, sizeof err) < 0) ||
        config_add_cli_excludes(cfg, args->extend_exclude.items, args->extend_exclude.n, 0, err, sizeof err) < 0) {
        fprintf(stderr, "gotcha: error: %s\n", err);
        return -1;
    }
    return 0;
}

/* --show-settings: one list, `key = value`, of what the run would use. */
static void show_settings(const CheckArgs *args, Config *cfg, const CheckOptions *opt, int threads)
{
    static const char *const format_names[] = {"full", "concise", "json", "sarif", "github", "html"};
    /* the command line's rule selectors join the configuration's, as selection_resolve combines them */
    config_list_merge(&cfg->select, &cfg->nselect, args->select.items, args->select.n, args->has_select);
    cfg->has_select |= args->has_select;
    config_list_merge(&cfg->extend_select, &cfg->nextend_select, args->extend_select.items, args->extend_select.n, 0);
    config_list_merge(&cfg->ignore, &cfg->nignore, args->ignore.items, args->ignore.n, 0);
    Buf shown;
    buf_init(&shown);
    config_show(cfg, &shown);
    buf_printf(&shown, "output-format = \"%s\"\n", format_names[args->format]);
    buf_printf(&shown, "threads = %d\nmax-file-size = %zu\nenabled-rules = [\n", threads, args->max_file_size);
    for (int i = 0; i < registry_count; i++)
        if (opt->rules.enabled[i])
            buf_printf(&shown, "    \"%s\",   # %s\n", registry_table[i]->code, registry_table[i]->name);
    buf_puts(&shown, "]\n");
    fwrite(shown.data, 1, shown.len, stdout);
    buf_free(&shown);
}

/* ---- checking ---- */

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

/* --force-exclude with an excluded --stdin-filename: nothing is checked; a fix run hands the code
   back unchanged, as an editor expects. Returns 1 when stdin was excluded. */
static int skip_excluded_stdin(const CheckArgs *args, const Config *cfg)
{
    if (!args->force_exclude || !args->stdin_filename || !config_path_excluded(cfg, args->stdin_filename))
        return 0;
    if (args->verbose)
        fprintf(stderr, "gotcha: %s is excluded (--force-exclude): not checked\n", args->stdin_filename);
    if (args->add_noqa || (cmd_fix_requested(args) && !args->diff)) {
        Buf code;
        buf_init(&code);
        if (fileio_read_stream(stdin, &code, SIZE_MAX) == 0 && code.len)
            fwrite(code.data, 1, code.len, stdout);
        buf_free(&code);
    }
    return 1;
}

static int cmp_reports(const void *a, const void *b)
{
    return strcmp(((const FileReport *)a)->res.path, ((const FileReport *)b)->res.path);
}

/* Sort the reports by path. They come in discovery's order, sorted already (but for stdin's):
   a look at each neighbour costs less than sorting them again (2 ms on 15,000 files). */
static void sort_reports(FileReport *reports, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (cmp_reports(&reports[i - 1], &reports[i]) > 0) {
            qsort(reports, n, sizeof *reports, cmp_reports);
            return;
        }
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

#ifndef GOTCHA_BUILD_ID
#define GOTCHA_BUILD_ID ""   /* a build outside the Makefile: the version alone keys the cache */
#endif

/* Everything that changes what a file's check gives, as text (part of every cache key): the build
   id (the Makefile's checksum of the sources, so a rebuilt binary never reuses another build's
   results) and every setting that changes findings. */
static char *settings_text(const CheckOptions *opt)
{
    Buf b;
    buf_init(&b);
    buf_printf(&b, "build %s|", GOTCHA_BUILD_ID);
    for (int i = 0; i < registry_count; i++)
        buf_putc(&b, opt->rules.enabled[i] ? '1' : '0');
    buf_printf(&b, "|py3%d|%s|", opt->target_minor, opt->cache_names_regex ? opt->cache_names_regex : "");
    for (int i = 0; opt->immutable_calls && opt->immutable_calls[i]; i++)
        buf_printf(&b, "i:%s,", opt->immutable_calls[i]);
    for (int i = 0; opt->mutable_calls && opt->mutable_calls[i]; i++)
        buf_printf(&b, "m:%s,", opt->mutable_calls[i]);
    for (int i = 0; opt->resource_calls && opt->resource_calls[i]; i++)
        buf_printf(&b, "r:%s,", opt->resource_calls[i]);
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

/* ---- the context of the checked files ----
   The other files the project phase reads but does not report: the files of the projects of the
   files named on the command line (a file named alone is decided as it is when its project is
   checked), and of the top packages of every checked file (a folder checked alone, a shard of a
   monorepo, reads its own packages and no more). */

/* The paths given on the command line that are folders, without trailing slashes (asked once, not
   once per package folder). */
static void given_folders(const ArgList *given, ArgList *folders)
{
    for (int i = 0; i < given->n; i++) {
        const char *p = given->items[i];
        size_t len = strlen(p);
        while (len > 1 && p[len - 1] == '/')
            len--;
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
            arglist_add(folders, p, len);
    }
}

/* Is folder `dir` inside one of `folders` (given_folders: discovery walked them already)? */
static int inside_given(const char *dir, const ArgList *folders)
{
    for (int i = 0; i < folders->n; i++) {
        const char *p = folders->items[i];
        size_t len = strlen(p);
        if (len == 1 && p[0] == '.' && dir[0] != '/' && strncmp(dir, "..", 2) != 0)
            return 1;
        if (strncmp(dir, p, len) == 0 && (dir[len] == 0 || dir[len] == '/'))
            return 1;
    }
    return 0;
}

/* What marks a Python project's folder (the folder `gotcha check` would be given to check all of it).
   Not `.git`: a home folder kept in git would make every file named alone read the whole home. */
static const char *const project_markers[] = {"pyproject.toml", "setup.py", "setup.cfg"};

static int holds_project_marker(const char *dir)
{
    for (size_t i = 0; i < sizeof project_markers / sizeof *project_markers; i++) {
        char *path = xasprintf("%s/%s", dir, project_markers[i]);
        int found = access(path, F_OK) == 0;
        free(path);
        if (found)
            return 1;
    }
    return 0;
}

/* The folder holding `path`, spelled like it: "a/b" -> "a", "a" -> ".", "." -> "..", "../.." ->
   "../../..", "/a" -> "/"; NULL for "/". Malloc'ed. */
static char *folder_above(const char *path)
{
    size_t len = strlen(path);
    if (strcmp(path, "/") == 0)
        return NULL;
    if (strcmp(path, ".") == 0)
        return xstrdup("..");
    if (strcmp(path, "..") == 0 || (len >= 3 && strcmp(path + len - 3, "/..") == 0))
        return xasprintf("%s/..", path);
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* Does a folder above `dir` (up to the file system's root) hold a project marker? */
static int marked_above(const char *dir)
{
    char *real = realpath(dir, NULL);
    char *up = real ? folder_above(real) : NULL;
    int found = 0;
    while (up && !found) {
        found = holds_project_marker(up);
        char *next = found ? NULL : folder_above(up);
        free(up);
        up = next;
    }
    free(real);
    return found;
}

/* The project folder of file `path`: the nearest folder above it that holds a project marker,
   spelled like `path`. A relative path looks up to the current folder, no further (its files'
   paths would change spelling): the current folder counts when a folder above it holds the
   marker. NULL when no folder holds one. Malloc'ed. */
static char *project_folder(const char *path)
{
    char *dir = folder_above(path);
    while (dir && !holds_project_marker(dir)) {
        if (strcmp(dir, ".") == 0) {
            int found = marked_above(".");
            free(dir);
            return found ? xstrdup(".") : NULL;
        }
        char *real = realpath(dir, NULL);
        char *next = real && strcmp(real, "/") != 0 ? folder_above(dir) : NULL;
        free(real);
        free(dir);
        dir = next;
    }
    return dir;
}

/* The project folders of the files named on the command line that are not inside a given
   folder, each once, into `dirs` and `folders` (what the context walk covers). */
static void named_files_projects(const ArgList *given, ArgList *dirs, ArgList *folders)
{
    for (int i = 0; i < given->n; i++) {
        struct stat st;
        if (strcmp(given->items[i], "-") == 0 || stat(given->items[i], &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        char *dir = project_folder(given->items[i]);
        if (dir && !inside_given(dir, folders)) {
            arglist_add(dirs, dir, strlen(dir));
            arglist_add(folders, dir, strlen(dir));
        }
        free(dir);
    }
}

static void discover_context(const Discovery *found, const ProjectModule *modules, const DiscoverOptions *dopt,
                             const ArgList *given, Discovery *context)
{
    ArgList dirs = {0}, folders = {0};
    given_folders(given, &folders);
    named_files_projects(given, &dirs, &folders);
    for (size_t i = 0; i < found->n; i++) {
        /* a package folder is below its root: a root inside a given folder settles it unbuilt */
        if (inside_given(modules[i].root, &folders))
            continue;
        char *dir = project_module_package_dir(&modules[i]);
        int seen = !dir || inside_given(dir, &folders);
        for (int k = dirs.n - 1; dir && k >= 0 && !seen; k--)   /* neighbours share it: newest first */
            seen = strcmp(dirs.items[k], dir) == 0;
        if (!seen)
            arglist_add(&dirs, dir, strlen(dir));
        free(dir);
    }
    arglist_free(&folders);
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

/* project_modules on the pool, in runs of neighbouring paths (each run keeps its own memo of the
   folders it asked about): the same modules as one call over all the paths. */
typedef struct ModuleRuns {
    const char *const *paths;
    ProjectModule *modules;
    size_t n;
} ModuleRuns;

enum { MODULE_RUN = 512 };   /* paths per run: neighbours share folders, so the memo still serves */

static void module_run(void *ctx, size_t run, Arena *arena)
{
    (void)arena;
    const ModuleRuns *m = ctx;
    size_t lo = run * MODULE_RUN, count = m->n - lo < MODULE_RUN ? m->n - lo : MODULE_RUN;
    project_modules(m->paths + lo, count, m->modules + lo);
}

static void modules_of(const char *const *paths, size_t n, ProjectModule *modules, int threads)
{
    ModuleRuns m = {paths, modules, n};
    pool_for_each((n + MODULE_RUN - 1) / MODULE_RUN, threads, module_run, &m);
}

/* Check the files, then the project phase over them and their context (whose own findings are
   dropped). */
static void check_with_project(const RunSpec *spec, const Discovery *found, const DiscoverOptions *dopt,
                               const ArgList *given, FileReport *reports)
{
    /* the modules of the files found, then of their context (the folders are asked once each) */
    const char **paths = xcalloc(found->n + 1, sizeof *paths);
    for (size_t i = 0; i < found->n; i++)
        paths[i] = found->files[i].path;
    ProjectModule *modules = xcalloc(found->n + 1, sizeof *modules);
    modules_of(paths, found->n, modules, spec->threads);
    Discovery context;
    discover_context(found, modules, dopt, given, &context);
    size_t n = found->n + context.n;
    FileReport *all = xcalloc(n + 1, sizeof *all);
    paths = xrealloc(paths, (n + 1) * sizeof *paths);
    modules = xrealloc(modules, (n + 1) * sizeof *modules);
    for (size_t i = found->n; i < n; i++)
        paths[i] = context.files[i - found->n].path;
    modules_of(paths + found->n, context.n, modules + found->n, spec->threads);
    RunSpec part = *spec;
    part.modules = modules;
    pool_run(&part, found->files, found->n, all);
    part.modules = modules + found->n;
    pool_run(&part, context.files, context.n, all + found->n);
    cache_write_begin(spec->cache);   /* every entry is in: the pack is written during the project phase */
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

/* The plain check (no fix mode) of the discovered files and stdin; the report goes to `out`. */
static int check_and_report(const CheckArgs *args, const Config *cfg, const RunSpec *spec, const Discovery *found,
                            const DiscoverOptions *dopt, int use_stdin, int stdin_excluded, FILE *out)
{
    size_t nreports = found->n + (size_t)use_stdin;
    FileReport *reports = xcalloc(nreports + 1, sizeof *reports);
    RunSpec with_project = *spec;
    with_project.project = 1;
    with_project.cache = open_cache(args, cfg, spec->opt);
    with_project.summaries = with_project.cache ? NULL : cache_summaries_new();
    check_with_project(&with_project, found, dopt, &args->paths, reports);
    cache_close(with_project.cache);
    cache_summaries_free(with_project.summaries);
    int failed = found->failed;
    if (use_stdin)
        check_stdin(spec, args->stdin_filename ? args->stdin_filename : "-", &reports[found->n]);
    sort_reports(reports, nreports);
    failed |= print_problems(reports, nreports);
    if (nreports == 0 && !found->failed && !stdin_excluded)
        fprintf(stderr, "gotcha: warning: no Python files found under the given paths\n");
    ReportOptions ropt = {.format = args->format, .statistics = args->statistics, .quiet = args->quiet,
                          .run_failed = failed, .color = spec->color};
    report_print(out, &ropt, reports, nreports);
    fflush(out);
    size_t findings = 0;
    for (size_t i = 0; i < nreports; i++) {
        findings += (size_t)reports[i].res.ndiags;
        report_file_free(&reports[i]);
    }
    free(reports);
    if (failed)
        return EXIT_ERROR;
    return findings > 0 && !args->exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Everything after the settings: discovery, checking (or fixing), printing to `out`. */
static int run_check(const CheckArgs *args, const Config *cfg, const RunSpec *spec, FILE *out)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    DiscoverOptions dopt = {.cfg = cfg, .use_gitignore = args->respect_gitignore,
                            .force_exclude = args->force_exclude, .verbose = args->verbose,
                            .threads = spec->threads};
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
    int stdin_excluded = use_stdin && skip_excluded_stdin(args, cfg);
    use_stdin &= !stdin_excluded;
    if (stdin_excluded && found.n == 0 && !found.failed) {
        discovery_free(&found);   /* nothing else to do: no report (stdout may hold the code) */
        return EXIT_CLEAN;
    }
    if (args->verbose)
        fprintf(stderr, "gotcha: %zu file%s to check%s, %d thread%s\n", found.n, found.n == 1 ? "" : "s",
                use_stdin ? " and stdin" : "", spec->threads, spec->threads == 1 ? "" : "s");
    int status;
    if (cmd_fix_requested(args))
        status = cmd_fix_run(args, spec, found.files, found.n, use_stdin, found.failed, out);
    else
        status = check_and_report(args, cfg, spec, &found, &dopt, use_stdin, stdin_excluded, out);
    if (args->verbose)
        fprintf(stderr, "gotcha: done in %.3f s\n", seconds_since(&start));
    discovery_free(&found);
    return status;
}

/* CLI flags + config -> the engine's options. Returns 0, or -1 after printing the error. */
static int build_options(const CheckArgs *args, const Config *cfg, CheckOptions *opt)
{
    memset(opt, 0, sizeof *opt);
    char err[512];
    RuleSet rules;
    if (selection_resolve(cfg, args, args->preview, &rules, err, sizeof err) < 0) {
        fprintf(stderr, "gotcha: error: %s\n", err);
        return -1;
    }
    selection_warn_preview_only(cfg, args, args->preview, stderr);
    config_check_options(cfg, &rules, opt);
    return 0;
}

/* --color: always / never; auto = on a terminal, unless NO_COLOR is set (FORCE_COLOR or CLICOLOR_FORCE
   force it; FORCE_COLOR=0 turns it off; TERM=dumb too). */
static int use_color(ColorMode mode, FILE *out)
{
    if (mode != COLOR_AUTO)
        return mode == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR"), *force = getenv("FORCE_COLOR");
    const char *clicolor_force = getenv("CLICOLOR_FORCE"), *term = getenv("TERM");
    if (no_color && *no_color)
        return 0;
    if (force && *force)
        return strcmp(force, "0") != 0 && strcmp(force, "false") != 0;
    if (clicolor_force && *clicolor_force && strcmp(clicolor_force, "0") != 0)
        return 1;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fileno(out));
}

static void say_settings(const Config *cfg)
{
    if (cfg->path)
        fprintf(stderr, "gotcha: settings from %s\n", cfg->path);
    else
        fprintf(stderr, "gotcha: no configuration file: built-in settings\n");
    fprintf(stderr, "gotcha: target-version py3%d: %s\n", cfg->target_minor,
            cfg->target_origin ? cfg->target_origin : "target-version of the configuration");
}

/* The settings are resolved: show them, or run with the report going to `out`. */
static int run_with_settings(CheckArgs *args, Config *cfg)
{
    int threads = args->threads ? args->threads : pool_default_thread_count();
    CheckOptions opt;
    if (build_options(args, cfg, &opt) < 0)
        return EXIT_ERROR;
    int status = EXIT_CLEAN;
    if (args->show_settings) {
        show_settings(args, cfg, &opt, threads);
    } else {
        FILE *out = args->output_file ? fopen(args->output_file, "w") : stdout;
        if (!out) {
            perror(args->output_file);
            status = EXIT_ERROR;
        } else {
            RunSpec spec = {.opt = &opt, .cfg = cfg, .format = args->format, .color = use_color(args->color, out),
                            .max_file_size = args->max_file_size, .threads = threads};
            status = run_check(args, cfg, &spec, out);
            if (out != stdout && fclose(out) != 0) {
                perror(args->output_file);
                status = EXIT_ERROR;
            }
        }
    }
    config_check_options_free(&opt);
    return status;
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
    int status = EXIT_ERROR;
    if (load_config(&args, &cfg) == 0) {
        if (merge_flags(&args, &cfg) == 0) {
            config_resolve_target(&cfg, args.target_minor);
            if (args.verbose)
                say_settings(&cfg);
            status = run_with_settings(&args, &cfg);
        }
        config_free(&cfg);
    }
    cli_args_free(&args);
    return status;
}
