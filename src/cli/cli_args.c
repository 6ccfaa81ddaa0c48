/* `gotcha check` flags, named as ruff names them where ruff has the option. Both `--flag VALUE` and
   `--flag=VALUE` are accepted; the boolean settings have a `--no-` form that wins over the configuration. */
#include "cli_args.h"
#include "../config/config.h"
#include "../util/spell.h"
#include "../util/xalloc.h"
#include "cli.h"

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
          "build folders and what .gitignore ignores are skipped); files named explicitly are always checked\n"
          "(unless --force-exclude). '-' reads the code from stdin.\n"
          "\n"
          "Rule selection (codes or prefixes: GT, GT1, GT10, GT101, ALL; comma-separated, repeatable):\n"
          "  --select CODES          run only these rules (replaces the configured/default set)\n"
          "  --extend-select CODES   add these rules\n"
          "  --ignore CODES          drop these rules (the more specific selector wins)\n"
          "  --preview               enable preview rules (and preview behaviour); --no-preview\n"
          "\n"
          "Output:\n"
          "  --output-format FORMAT  full (default), concise, json, sarif, github, html (one\n"
          "                          self-contained page: summary, excerpts, fixes as diffs)\n"
          "  -o, --output-file FILE  write the report to FILE instead of stdout\n"
          "  --color WHEN            auto (default: colour on a terminal, unless NO_COLOR is set;\n"
          "                          FORCE_COLOR forces it), always, never\n"
          "  --statistics            counts per rule instead of the findings (full, concise or json)\n"
          "  -q, --quiet             findings only, no summary\n"
          "  -e, --exit-zero         exit 0 even when there are findings\n"
          "  -v, --verbose           say on stderr which settings apply and why, and how long it took\n"
          "\n"
          "Fixes:\n"
          "  --fix                   apply the safe fixes (files are replaced atomically); --no-fix\n"
          "  --unsafe-fixes          also apply the fixes marked unsafe; --no-unsafe-fixes\n"
          "  --fix-only              apply the fixes and report only what was fixed (exit 0 unless an error)\n"
          "  --show-fixes            list every fix applied; --no-show-fixes\n"
          "  --diff                  print the fixes as a unified diff, write nothing (exit 1 if any)\n"
          "  --add-noqa              add `# noqa: CODE` comments for the current findings\n"
          "\n"
          "Files and settings:\n"
          "  --config FILE           use this pyproject.toml / gotcha.toml\n"
          "  --config 'KEY = VALUE'  override one setting (TOML, gotcha.toml's keys: --config \"select = ['GT1']\");\n"
          "                          repeatable; an existing file is a FILE, anything else a setting\n"
          "  --isolated              ignore every configuration file\n"
          "  --exclude PATTERNS      skip these files and folders (replaces the configured/default excludes)\n"
          "  --extend-exclude PATTERNS  skip these too\n"
          "  --force-exclude         apply the excludes to files named on the command line and to\n"
          "                          --stdin-filename too; --no-force-exclude\n"
          "  --respect-gitignore     skip what .gitignore ignores (the default); --no-respect-gitignore\n"
          "  --stdin-filename NAME   read the code from stdin, report it as NAME\n"
          "  --show-settings         print the resolved settings and exit\n"
          "  --show-files            print the files that would be checked and exit\n"
          "  --target-version VER    Python version of the checked code, " CONFIG_TARGET_RANGE "; default: the\n"
          "                          configuration's, else the oldest that [project] requires-python allows, else py313\n"
          "  --threads N             worker threads (default: number of cores)\n"
          "  --max-file-size BYTES   skip larger files (default 10 MB; suffixes K, M)\n"
          "  -V, --version           print the version\n"
          "  --no-cache              neither read nor write the cache\n"
          "  --cache-dir DIR         cache folder (default: .gotcha_cache beside the configuration,\n"
          "                          or in the current folder; also GOTCHA_CACHE_DIR)\n"
          "\n"
          "Exit status: 0 no findings, 1 findings, 2 error (bad usage, missing path, unreadable file).\n",
          stdout);
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

/* `text` among names[0..n) -> its index; -1 when it is none of them. */
static int find_name(const char *text, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(text, names[i]) == 0)
            return i;
    return -1;
}

/* Options that take a value. */
typedef enum ValueOpt {
    OPT_SELECT, OPT_IGNORE, OPT_EXTEND_SELECT, OPT_FORMAT, OPT_THREADS, OPT_STDIN_FILENAME,
    OPT_CONFIG, OPT_TARGET, OPT_MAX_SIZE, OPT_OUTPUT_FILE, OPT_EXCLUDE, OPT_EXTEND_EXCLUDE, OPT_COLOR,
    OPT_CACHE_DIR,
    OPT__NONE
} ValueOpt;

static const char *const value_opt_names[] = {
    "--select", "--ignore", "--extend-select", "--output-format", "--threads", "--stdin-filename",
    "--config", "--target-version", "--max-file-size", "--output-file", "--exclude", "--extend-exclude",
    "--color", "--cache-dir",
};
_Static_assert(sizeof value_opt_names / sizeof value_opt_names[0] == OPT__NONE, "one name per ValueOpt");

/* Flags without a value: each sets an int field of CheckArgs to `value`. */
typedef struct FlagOpt {
    const char *name;
    size_t offset;
    int value;
} FlagOpt;

#define FLAG(name, field, value) {name, offsetof(CheckArgs, field), value}
static const FlagOpt flag_opts[] = {
    FLAG("--statistics", statistics, 1),       FLAG("--exit-zero", exit_zero, 1),
    FLAG("-e", exit_zero, 1),                  FLAG("--quiet", quiet, 1),
    FLAG("-q", quiet, 1),                      FLAG("--isolated", isolated, 1),
    FLAG("--show-settings", show_settings, 1), FLAG("--show-files", show_files, 1),
    FLAG("--verbose", verbose, 1),             FLAG("-v", verbose, 1),
    FLAG("--version", version, 1),             FLAG("-V", version, 1),
    FLAG("--preview", preview, 1),             FLAG("--no-preview", preview, 0),
    FLAG("--respect-gitignore", respect_gitignore, 1), FLAG("--no-respect-gitignore", respect_gitignore, 0),
    FLAG("--force-exclude", force_exclude, 1), FLAG("--no-force-exclude", force_exclude, 0),
    FLAG("--fix", fix, 1),                     FLAG("--no-fix", fix, 0),
    FLAG("--unsafe-fixes", unsafe_fixes, 1),   FLAG("--no-unsafe-fixes", unsafe_fixes, 0),
    FLAG("--show-fixes", show_fixes, 1),       FLAG("--no-show-fixes", show_fixes, 0),
    FLAG("--fix-only", fix_only, 1),           FLAG("--no-fix-only", fix_only, 0),
    FLAG("--diff", diff, 1),                   FLAG("--add-noqa", add_noqa, 1),
    FLAG("--no-cache", no_cache, 1),
};
#define FLAG_COUNT (sizeof flag_opts / sizeof flag_opts[0])

static int usage_error(const char *fmt, const char *what)
{
    fputs("gotcha check: ", stderr);
    fprintf(stderr, fmt, what);
    fputs("\nRun 'gotcha check --help' for the options.\n", stderr);
    return -1;
}

/* "unknown option", with the closest known option when one is close (the part before '=' is compared). */
static int unknown_option(const char *arg)
{
    const char *known[FLAG_COUNT + OPT__NONE + 3];
    size_t n = 0;
    for (size_t i = 0; i < FLAG_COUNT; i++)
        if (flag_opts[i].name[1] == '-')
            known[n++] = flag_opts[i].name;
    for (int i = 0; i < OPT__NONE; i++)
        known[n++] = value_opt_names[i];
    known[n++] = "--help";
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(arg, "="), arg);
    const char *closest = word[1] == '-' ? spell_closest(word, known, n) : NULL;
    fprintf(stderr, "gotcha check: unknown option '%s'", arg);
    if (closest)
        fprintf(stderr, "; did you mean '%s'?", closest);
    fputs("\nRun 'gotcha check --help' for the options.\n", stderr);
    return -1;
}

static int apply_choice(const char *value, const char *const *names, int n, int *out, const char *error)
{
    int i = find_name(value, names, n);
    if (i < 0)
        return usage_error(error, value);
    *out = i;
    return 0;
}

static int apply_value(CheckArgs *a, ValueOpt opt, const char *value)
{
    static const char *const formats[] = {"full", "concise", "json", "sarif", "github", "html"};
    static const char *const colors[] = {"auto", "always", "never"};
    int choice;
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
        if (apply_choice(value, formats, 6, &choice,
                         "unknown output format '%s' (full, concise, json, sarif, github, html)") < 0)
            return -1;
        a->format = (OutputFormat)choice;
        return 0;
    case OPT_COLOR:
        if (apply_choice(value, colors, 3, &choice, "--color takes auto, always or never, not '%s'") < 0)
            return -1;
        a->color = (ColorMode)choice;
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
        arglist_add(&a->configs, value, strlen(value));
        return 0;
    case OPT_TARGET:
        a->target_minor = config_parse_target_version(value);
        if (a->target_minor < 0)
            return usage_error("unknown target version '%s' (" CONFIG_TARGET_RANGE ")", value);
        return 0;
    case OPT_MAX_SIZE:
        a->max_file_size = parse_size(value);
        if (a->max_file_size == 0)
            return usage_error("--max-file-size needs a size like 10M, 512K or 100000, not '%s'", value);
        return 0;
    case OPT_OUTPUT_FILE:
        if (!*value)
            return usage_error("%s needs a file name", "--output-file");
        a->output_file = value;
        return 0;
    case OPT_EXCLUDE:
        a->has_exclude = 1;
        arglist_add_csv(&a->exclude, value);
        return 0;
    case OPT_EXTEND_EXCLUDE:
        arglist_add_csv(&a->extend_exclude, value);
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
    for (size_t i = 0; i < FLAG_COUNT; i++)
        if (strcmp(arg, flag_opts[i].name) == 0) {
            *(int *)((char *)a + flag_opts[i].offset) = flag_opts[i].value;
            return 0;
        }
    return -1;
}

/* Which value option `arg` names; *inline_value is set for the `--flag=value` and `-oFILE` forms. */
static ValueOpt find_value_opt(const char *arg, const char **inline_value)
{
    *inline_value = NULL;
    if (strncmp(arg, "-o", 2) == 0) {
        if (arg[2])
            *inline_value = arg + 2;
        return OPT_OUTPUT_FILE;
    }
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

/* Combinations that make no sense, found once every option is read. */
static int check_combinations(const CheckArgs *a)
{
    if (a->add_noqa && (a->fix > 0 || a->fix_only || a->diff))
        return usage_error("%s cannot be combined with --fix, --fix-only or --diff", "--add-noqa");
    if (a->statistics && (a->format == FMT_SARIF || a->format == FMT_GITHUB))
        return usage_error("--statistics prints counts per rule, in the full, concise or json format; "
                           "--output-format %s needs a file and a line for every finding",
                           a->format == FMT_SARIF ? "sarif" : "github");
    if (a->statistics && a->format == FMT_HTML)
        return usage_error("--statistics prints counts per rule, in the full, concise or json format; "
                           "--output-format %s shows them in its summary", "html");
    return 0;
}

static void init_args(CheckArgs *out)
{
    memset(out, 0, sizeof *out);
    out->preview = out->fix = out->unsafe_fixes = out->show_fixes = -1;
    out->respect_gitignore = out->force_exclude = -1;
    out->max_file_size = DEFAULT_MAX_FILE_SIZE;
}

int cli_args_parse(int argc, char **argv, int first, CheckArgs *out)
{
    init_args(out);
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
            return unknown_option(arg);
        if (!value) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", arg);
            value = argv[++i];
        }
        if (apply_value(out, opt, value) < 0)
            return -1;
    }
    if (out->version) {
        printf("gotcha %s\n", GOTCHA_VERSION);
        return 1;
    }
    if (check_combinations(out) < 0)
        return -1;
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
    arglist_free(&a->exclude);
    arglist_free(&a->extend_exclude);
    arglist_free(&a->configs);
}
