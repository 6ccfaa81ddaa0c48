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

typedef enum OutputFormat { FMT_FULL, FMT_CONCISE, FMT_JSON, FMT_SARIF, FMT_GITHUB } OutputFormat;

#define DEFAULT_MAX_FILE_SIZE ((size_t)10 * 1024 * 1024)

typedef struct CheckArgs {
    ArgList paths;
    ArgList select, ignore, extend_select;
    int has_select;              /* --select given (replaces config/default selection) */
    OutputFormat format;
    int statistics, exit_zero, quiet, isolated, show_settings, show_files, no_gitignore;
    int fix, unsafe_fixes, diff, add_noqa;   /* fix modes (src/cli/cmd_fix.c) */
    int preview;                 /* -1 unset, 0/1 */
    int threads;                 /* 0 = number of cores */
    int target_minor;            /* 0 = unset */
    const char *stdin_filename;  /* NULL unless --stdin-filename */
    const char *config_path;     /* --config FILE */
    size_t max_file_size;
    int no_cache;                /* --no-cache */
    const char *cache_dir;       /* --cache-dir DIR, or NULL */
} CheckArgs;

/* Parse argv[first..argc). Returns 0, 1 when --help was printed, or -1 after printing the
   usage error to stderr. */
int cli_args_parse(int argc, char **argv, int first, CheckArgs *out);
void cli_args_free(CheckArgs *a);

void cli_print_check_help(void);

/* "py313" -> 13; -1 if malformed or outside py37..py314. */
int cli_parse_target_version(const char *text);

#endif
