/* `gotcha check` command line: flags -> CheckArgs. */
#ifndef GOTCHA_CLI_ARGS_H
#define GOTCHA_CLI_ARGS_H

#include <stddef.h>

typedef struct ArgList {
    char **items;   /* malloc'ed copies */
    int n, cap;
} ArgList;

void arglist_add(ArgList *l, const char *s, size_t len);
/* Add every non-empty item of a comma-separated list ("GT1,GT201"). */
void arglist_add_csv(ArgList *l, const char *csv);
void arglist_free(ArgList *l);

typedef enum OutputFormat { FMT_FULL, FMT_CONCISE, FMT_JSON, FMT_SARIF, FMT_GITHUB, FMT_HTML } OutputFormat;
typedef enum ColorMode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } ColorMode;

#define DEFAULT_MAX_FILE_SIZE ((size_t)10 * 1024 * 1024)

typedef struct CheckArgs {
    ArgList paths;
    ArgList select, ignore, extend_select;
    int has_select;              /* --select given (replaces config/default selection) */
    ArgList exclude, extend_exclude;
    int has_exclude;             /* --exclude given (replaces the configured/default excludes) */
    OutputFormat format;
    const char *output_file;     /* -o/--output-file: the report goes there; NULL = stdout */
    ColorMode color;
    int statistics, exit_zero, quiet, isolated, show_settings, show_files, verbose, version;
    int diff, add_noqa, fix_only;
    /* -1 unset (the configuration decides), 0 (--no-X), 1 (--X) */
    int fix, unsafe_fixes, show_fixes, preview, respect_gitignore, force_exclude;
    int threads;                 /* 0 = number of cores */
    int target_minor;            /* 0 = unset */
    const char *stdin_filename;  /* NULL unless --stdin-filename */
    ArgList configs;             /* every --config: a file, or a TOML `key = value` override */
    size_t max_file_size;
    int no_cache;                /* --no-cache */
    const char *cache_dir;       /* --cache-dir DIR, or NULL */
} CheckArgs;

/* Parse argv[first..argc). Returns 0, 1 when --help or --version was printed, or -1 after printing
   the usage error to stderr (an unknown option names the closest known one). */
int cli_args_parse(int argc, char **argv, int first, CheckArgs *out);
void cli_args_free(CheckArgs *a);

void cli_print_check_help(void);

#endif
