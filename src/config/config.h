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
} Config;

/* Find the nearest pyproject.toml that has [tool.gotcha] (or a gotcha.toml / .gotcha.toml, which take precedence in the
   same folder) walking up from `start` (a file or folder). Returns 1 found+loaded, 0 none (out = defaults), -1 error with
   a message naming file, line and key in err. */
int config_discover(const char *start, Config *out, char *err, size_t errlen);
/* --config FILE: a pyproject.toml (its [tool.gotcha] table) or a gotcha.toml (its top level). 0 ok, -1 error. */
int config_load_file(const char *path, Config *out, char *err, size_t errlen);
void config_init_defaults(Config *c);
void config_free(Config *c);
void config_show(const Config *c, Buf *out);   /* for `gotcha check --show-settings` */

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
