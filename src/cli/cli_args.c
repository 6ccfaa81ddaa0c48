/* `gotcha check` flags. Both `--flag VALUE` and `--flag=VALUE` are accepted. */
#include "cli_args.h"
#include "../util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void arglist_add(ArgList *l, const char *s, size_t len)
{
    XGROW(l->items, l->n + 1, l->cap, 8);
    l->items[l->n++] = xstrndup(s, len);
}

void arglist_add_csv(ArgList *l, const char *csv)
{
    const char *p = csv;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        /* trim blanks: "GT1, GT2" */
        const char *start = p;
        while (len > 0 && (*start == ' ' || *start == '\t')) {
            start++;
            len--;
        }
        while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
            len--;
        if (len > 0)
            arglist_add(l, start, len);
        if (!comma)
            break;
        p = comma + 1;
    }
}

void arglist_free(ArgList *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

void cli_print_check_help(void)
{
    fputs("usage: gotcha check [OPTIONS] [PATH...]\n"
          "\n"
          "Check Python files (.py, .pyi) for shared-state, identity and resource bugs.\n"
          "PATH defaults to the current folder; folders are walked recursively (VCS, venv, cache and\n"
          "build folders and what .gitignore ignores are skipped); files named explicitly are always checked.\n"
          "'-' reads the code from stdin.\n"
          "\n"
          "Rule selection (codes or prefixes: GT1, GT10, GT101, ALL; comma-separated, repeatable):\n"
          "  --select CODES          run only these rules (replaces the configured/default set)\n"
          "  --extend-select CODES   add these rules\n"
          "  --ignore CODES          drop these rules (the more specific selector wins)\n"
          "  --preview               enable preview rules (and preview behaviour)\n"
          "\n"
          "Output:\n"
          "  --output-format FORMAT  full (default), concise, json, sarif, github\n"
          "  --statistics            counts per rule instead of the findings\n"
          "  --quiet                 findings only, no summary\n"
          "  --exit-zero             exit 0 even when there are findings\n"
          "\n"
          "Fixes:\n"
          "  --fix                   apply the safe fixes (files are replaced atomically)\n"
          "  --unsafe-fixes          also apply the fixes marked unsafe (with --fix or --diff)\n"
          "  --diff                  print the fixes as a unified diff, write nothing (exit 1 if any)\n"
          "  --add-noqa              add `# noqa: CODE` comments for the current findings\n"
          "\n"
          "Input and settings:\n"
          "  --stdin-filename NAME   read the code from stdin, report it as NAME\n"
          "  --config FILE           use this pyproject.toml / gotcha.toml\n"
          "  --isolated              ignore every configuration file\n"
          "  --show-settings         print the resolved settings and exit\n"
          "  --show-files            print the files that would be checked and exit\n"
          "  --target-version py3X   Python version of the checked code (py37..py314)\n"
          "  --threads N             worker threads (default: number of cores)\n"
          "  --max-file-size BYTES   skip larger files (default 10 MB; suffixes K, M)\n"
          "  --no-respect-gitignore  do not read .gitignore files\n"
          "  --no-cache              neither read nor write the cache\n"
          "  --cache-dir DIR         cache folder (default: .gotcha_cache beside the configuration,\n"
          "                          or in the current folder; also GOTCHA_CACHE_DIR)\n"
          "\n"
          "Exit status: 0 no findings, 1 findings, 2 error (bad usage, missing path, unreadable file).\n",
          stdout);
}

int cli_parse_target_version(const char *text)
{
    if (strncmp(text, "py3", 3) != 0 || text[3] == '\0')
        return -1;
    char *end;
    errno = 0;
    long minor = strtol(text + 3, &end, 10);
    if (errno || *end || minor < 7 || minor > 14)
        return -1;
    return (int)minor;
}

/* "10M", "512K", "1000" -> bytes; 0 when malformed. */
static size_t parse_size(const char *text)
{
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || end == text || text[0] == '-')
        return 0;
    if (*end == 'K' || *end == 'k')
        value *= 1024, end++;
    else if (*end == 'M' || *end == 'm')
        value *= 1024 * 1024, end++;
    else if (*end == 'G' || *end == 'g')
        value *= 1024ull * 1024 * 1024, end++;
    if (*end == 'B' || *end == 'b')
        end++;
    return *end ? 0 : (size_t)value;
}

static int parse_format(const char *text, OutputFormat *out)
{
    static const struct { const char *name; OutputFormat fmt; } formats[] = {
        {"full", FMT_FULL}, {"concise", FMT_CONCISE}, {"json", FMT_JSON},
        {"sarif", FMT_SARIF}, {"github", FMT_GITHUB},
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(text, formats[i].name) == 0) {
            *out = formats[i].fmt;
            return 0;
        }
    return -1;
}

/* Options that take a value. */
typedef enum ValueOpt {
    OPT_SELECT, OPT_IGNORE, OPT_EXTEND_SELECT, OPT_FORMAT, OPT_THREADS, OPT_STDIN_FILENAME,
    OPT_CONFIG, OPT_TARGET, OPT_MAX_SIZE, OPT_CACHE_DIR, OPT__NONE
} ValueOpt;

static const char *const value_opt_names[] = {
    "--select", "--ignore", "--extend-select", "--output-format", "--threads", "--stdin-filename",
    "--config", "--target-version", "--max-file-size", "--cache-dir",
};

static int usage_error(const char *fmt, const char *what)
{
    fputs("gotcha check: ", stderr);
    fprintf(stderr, fmt, what);
    fputs("\nRun 'gotcha check --help' for the options.\n", stderr);
    return -1;
}

static int apply_value(CheckArgs *a, ValueOpt opt, const char *value)
{
    switch (opt) {
    case OPT_SELECT:
        a->has_select = 1;
        arglist_add_csv(&a->select, value);
        return 0;
    case OPT_IGNORE:
        arglist_add_csv(&a->ignore, value);
        return 0;
    case OPT_EXTEND_SELECT:
        arglist_add_csv(&a->extend_select, value);
        return 0;
    case OPT_FORMAT:
        if (parse_format(value, &a->format) < 0)
            return usage_error("unknown output format '%s' (full, concise, json, sarif, github)", value);
        return 0;
    case OPT_THREADS: {
        char *end;
        long n = strtol(value, &end, 10);
        if (*value == '\0' || *end || n < 1 || n > 1024)
            return usage_error("--threads needs a number from 1 to 1024, not '%s'", value);
        a->threads = (int)n;
        return 0;
    }
    case OPT_STDIN_FILENAME:
        a->stdin_filename = value;
        return 0;
    case OPT_CONFIG:
        a->config_path = value;
        return 0;
    case OPT_TARGET:
        a->target_minor = cli_parse_target_version(value);
        if (a->target_minor < 0)
            return usage_error("unknown target version '%s' (py37 ... py314)", value);
        return 0;
    case OPT_MAX_SIZE:
        a->max_file_size = parse_size(value);
        if (a->max_file_size == 0)
            return usage_error("--max-file-size needs a size like 10M, 512K or 100000, not '%s'", value);
        return 0;
    case OPT_CACHE_DIR:
        a->cache_dir = value;
        return 0;
    case OPT__NONE:
        break;
    }
    return -1;
}

static int apply_flag(CheckArgs *a, const char *arg)
{
    static const struct { const char *name; size_t offset; } flags[] = {
        {"--statistics", offsetof(CheckArgs, statistics)},
        {"--exit-zero", offsetof(CheckArgs, exit_zero)},
        {"--quiet", offsetof(CheckArgs, quiet)},
        {"-q", offsetof(CheckArgs, quiet)},
        {"--isolated", offsetof(CheckArgs, isolated)},
        {"--show-settings", offsetof(CheckArgs, show_settings)},
        {"--show-files", offsetof(CheckArgs, show_files)},
        {"--preview", offsetof(CheckArgs, preview)},
        {"--no-respect-gitignore", offsetof(CheckArgs, no_gitignore)},
        {"--fix", offsetof(CheckArgs, fix)},
        {"--unsafe-fixes", offsetof(CheckArgs, unsafe_fixes)},
        {"--diff", offsetof(CheckArgs, diff)},
        {"--add-noqa", offsetof(CheckArgs, add_noqa)},
        {"--no-cache", offsetof(CheckArgs, no_cache)},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(arg, flags[i].name) == 0) {
            *(int *)((char *)a + flags[i].offset) = 1;
            return 0;
        }
    if (strcmp(arg, "--no-preview") == 0) {
        a->preview = 0;
        return 0;
    }
    return -1;
}

/* Which value option `arg` names; *inline_value is set for the `--flag=value` form. */
static ValueOpt find_value_opt(const char *arg, const char **inline_value)
{
    *inline_value = NULL;
    for (int i = 0; i < OPT__NONE; i++) {
        size_t n = strlen(value_opt_names[i]);
        if (strncmp(arg, value_opt_names[i], n) != 0)
            continue;
        if (arg[n] == '\0')
            return (ValueOpt)i;
        if (arg[n] == '=') {
            *inline_value = arg + n + 1;
            return (ValueOpt)i;
        }
    }
    return OPT__NONE;
}

int cli_args_parse(int argc, char **argv, int first, CheckArgs *out)
{
    memset(out, 0, sizeof *out);
    out->preview = -1;
    out->max_file_size = DEFAULT_MAX_FILE_SIZE;
    int only_paths = 0;
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (only_paths || arg[0] != '-' || strcmp(arg, "-") == 0) {
            arglist_add(&out->paths, arg, strlen(arg));
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_paths = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cli_print_check_help();
            return 1;
        }
        if (apply_flag(out, arg) == 0)
            continue;
        const char *value;
        ValueOpt opt = find_value_opt(arg, &value);
        if (opt == OPT__NONE)
            return usage_error("unknown option '%s'", arg);
        if (!value) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", arg);
            value = argv[++i];
        }
        if (apply_value(out, opt, value) < 0)
            return -1;
    }
    if (out->add_noqa && (out->fix || out->diff))
        return usage_error("%s cannot be combined with --fix or --diff", "--add-noqa");
    if (out->stdin_filename && out->paths.n == 0)
        arglist_add(&out->paths, "-", 1);
    return 0;
}

void cli_args_free(CheckArgs *a)
{
    arglist_free(&a->paths);
    arglist_free(&a->select);
    arglist_free(&a->ignore);
    arglist_free(&a->extend_select);
}
