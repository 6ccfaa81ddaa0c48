/* gotcha's settings: `[tool.gotcha]` in pyproject.toml, or the top level of gotcha.toml / .gotcha.toml. */
#ifndef GOTCHA_CONFIG_H
#define GOTCHA_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

typedef struct PerFileIgnore { char *glob; char **codes; int32_t ncodes; } PerFileIgnore;

typedef struct Config {
    char *path;                 /* config file it came from; NULL = defaults only */
    char *root;                 /* folder of that file: globs and excludes are relative to it */
    char **select; int32_t nselect; int has_select;   /* rule codes or prefixes ("GT1", "GT101", "ALL") */
    char **ignore; int32_t nignore;
    char **extend_select; int32_t nextend_select;
    PerFileIgnore *per_file_ignores; int32_t nper_file_ignores;
    char **exclude; int32_t nexclude; int has_exclude;  /* replaces the default excludes when set */
    char **extend_exclude; int32_t nextend_exclude;
    int target_minor;           /* 8..14 for "py38".."py314"; 0 = unset */
    char **immutable_calls; int32_t nimmutable_calls;   /* qualified names, e.g. "fastapi.Depends" */
    char **mutable_calls; int32_t nmutable_calls;
    char **resource_calls; int32_t nresource_calls;     /* calls that open a resource (GT301) */
    char *cache_names;          /* regex for intentional caches; NULL = default */
    int preview;                /* -1 unset, 0, 1 */
    /* codes or prefixes whose fixes count as safe / unsafe (the more specific wins; unsafe on a tie) */
    char **extend_safe_fixes; int32_t nextend_safe_fixes;
    char **extend_unsafe_fixes; int32_t nextend_unsafe_fixes;
    int fix, unsafe_fixes, show_fixes;        /* -1 unset, 0, 1: what --fix, --unsafe-fixes, --show-fixes set */
    int respect_gitignore, force_exclude;     /* -1 unset, 0, 1 */
    char *requires_python;      /* [project] requires-python of the project's pyproject.toml; NULL = none */
    char *requires_python_path; /* that pyproject.toml */
    char *target_origin;        /* for --show-settings: where target_minor came from; NULL = this file */
    char cwd[4096];             /* the working folder when the settings were made ("" = unknown): what relative
                                   paths are relative to, read once instead of for every path matched */
} Config;

/* The target versions gotcha knows, py37 .. py314: one list for --target-version, target-version and
   the version inferred from requires-python. */
#define CONFIG_TARGET_MIN 7
#define CONFIG_TARGET_MAX 14
#define CONFIG_TARGET_RANGE "py37 to py314"
/* "py313" -> 13; -1 when malformed or outside the list. */
int config_parse_target_version(const char *text);

/* The oldest Python 3.Y that the PEP 440 specifier set `spec` (`>=3.8`, `>=3.8,<4`, `~=3.9`, `>3.7`,
   `==3.10.*`) allows with some 3.Y.Z release; -1 when the form is not understood (`why` says what) or
   no 3.Y is allowed. Pre-, post- and dev-releases, epochs and local versions are not understood. */
int config_requires_python_minor(const char *spec, char *why, size_t whylen);

/* Find the nearest pyproject.toml that has [tool.gotcha] (or a gotcha.toml / .gotcha.toml, which take precedence in the
   same folder) walking up from `start` (a file or folder). Returns 1 found+loaded, 0 none (out = defaults), -1 error with
   a message naming file, line and key in err. */
int config_discover(const char *start, Config *out, char *err, size_t errlen);
/* --config FILE: a pyproject.toml (its [tool.gotcha] table) or a gotcha.toml (its top level). 0 ok, -1 error. */
int config_load_file(const char *path, Config *out, char *err, size_t errlen);
/* Settings from TOML text that is the file `name` (not read: no folder, so path and root stay NULL):
   "pyproject.toml" reads its [tool.gotcha] table (none: defaults) and [project] requires-python, any
   other name its top level. Messages name `name`, line and column. 0, or -1 with the message in err. */
int config_load_text(const char *name, const char *text, size_t len, Config *out, char *err, size_t errlen);
void config_init_defaults(Config *c);
/* `--config KEY=VALUE`: apply the settings of a TOML snippet (gotcha.toml's keys) on top of `c`; a list
   replaces the configured one. 0, or -1 with the message in err. */
int config_apply_override(Config *c, const char *toml_text, char *err, size_t errlen);
/* --exclude (replace = 1) / --extend-exclude patterns of the command line, which are relative to the working
   folder: rebased on c->root when the working folder lies below it. 0, or -1 with err set (a bad glob). */
int config_add_cli_excludes(Config *c, char *const *patterns, int n, int replace, char *err, size_t errlen);
/* A list of the Config (select, ignore...) given add[0..n) from the command line: appended, or replacing it. */
void config_list_merge(char ***items, int32_t *count, char *const *add, int n, int replace);
/* Whether a fix of `code` marked `safe` is applied as safe, after extend-safe-fixes / extend-unsafe-fixes. */
int config_fix_is_safe(const Config *c, const char *code, int safe);
void config_free(Config *c);
void config_show(const Config *c, Buf *out);   /* for `gotcha check --show-settings` */

/* A rule selector the configuration accepts: "ALL" or a prefix of at least one rule code ("GT", "GT1",
   "GT101"). */
int config_selector_is_known(const char *selector);

/* gitignore-style glob: `*`, `?`, `[...]`, `**` across folders; a pattern without '/' matches the base name. */
int glob_match(const char *pattern, const char *path);
/* 1 if `path` (absolute, or relative to the working folder) is excluded by the default excludes (unless `exclude`
   replaces them) + exclude + extend-exclude. Patterns match the path relative to c->root, or any component of it. */
int config_path_excluded(const Config *c, const char *path);
/* Codes ignored for this path by per-file-ignores: returns 1 if `code` is ignored for `path`. */
int config_ignores_code_for_path(const Config *c, const char *path, const char *code);
/* 1 if the selector ("ALL", a code, or a code prefix such as "GT1") covers `code` ("GT101"). */
int config_code_matches(const char *selector, const char *code);

#endif
