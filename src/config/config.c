/* gotcha's settings: finding the config file, reading and validating it, and answering path questions. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../rules/registry.h"
#include "../util/fileio.h"
#include "../util/spell.h"
#include "../util/xalloc.h"
#include "glob.h"
#include "toml.h"

static const char *const default_excludes[] = {
    ".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    "__pycache__", "__pypackages__", "node_modules", "build", "dist", "site-packages", ".eggs", "*.egg-info",
};
#define DEFAULT_EXCLUDE_COUNT ((int32_t)(sizeof default_excludes / sizeof *default_excludes))

/* ---- memory ---- */

static void list_push(char ***items, int32_t *count, const char *s)
{
    *items = xrealloc(*items, (size_t)(*count + 1) * sizeof **items);
    (*items)[(*count)++] = xstrdup(s);
}

static void list_free(char ***items, int32_t *count)
{
    for (int32_t i = 0; i < *count; i++)
        free((*items)[i]);
    free(*items);
    *items = NULL;
    *count = 0;
}

static void free_per_file_ignores(Config *c)
{
    for (int32_t i = 0; i < c->nper_file_ignores; i++) {
        free(c->per_file_ignores[i].glob);
        list_free(&c->per_file_ignores[i].codes, &c->per_file_ignores[i].ncodes);
    }
    free(c->per_file_ignores);
    c->per_file_ignores = NULL;
    c->nper_file_ignores = 0;
}

void config_list_merge(char ***items, int32_t *count, char *const *add, int n, int replace)
{
    if (replace)
        list_free(items, count);
    for (int i = 0; i < n; i++)
        list_push(items, count, add[i]);
}

void config_init_defaults(Config *c)
{
    memset(c, 0, sizeof *c);
    if (!getcwd(c->cwd, sizeof c->cwd))
        c->cwd[0] = '\0';
    c->preview = -1;
    c->fix = c->unsafe_fixes = c->show_fixes = -1;
    c->respect_gitignore = c->force_exclude = -1;
}

void config_free(Config *c)
{
    free(c->path);
    free(c->root);
    list_free(&c->select, &c->nselect);
    list_free(&c->ignore, &c->nignore);
    list_free(&c->extend_select, &c->nextend_select);
    free_per_file_ignores(c);
    list_free(&c->exclude, &c->nexclude);
    list_free(&c->extend_exclude, &c->nextend_exclude);
    list_free(&c->immutable_calls, &c->nimmutable_calls);
    list_free(&c->resource_calls, &c->nresource_calls);
    list_free(&c->mutable_calls, &c->nmutable_calls);
    free(c->cache_names);
    list_free(&c->extend_safe_fixes, &c->nextend_safe_fixes);
    list_free(&c->extend_unsafe_fixes, &c->nextend_unsafe_fixes);
    free(c->target_origin);
    free(c->requires_python);
    free(c->requires_python_path);
    config_init_defaults(c);
}

/* ---- paths ---- */

/* `path` made absolute (from the working folder `known_cwd`, or the process's when that is NULL or
   empty) with ".", ".." and repeated '/' removed. Caller frees. */
/* An absolute path that normalizing leaves as it is: no empty, "." or ".." component, no '/' at the end. */
static int is_normal_absolute(const char *path)
{
    if (path[0] != '/')
        return 0;
    if (!path[1])
        return 1;
    for (const char *seg = path + 1;;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 0 || (seg[0] == '.' && (len == 1 || (len == 2 && seg[1] == '.'))))
            return 0;
        if (!end)
            return 1;
        seg = end + 1;
    }
}

static char *absolute_path_from(const char *known_cwd, const char *path)
{
    if (is_normal_absolute(path))
        return xstrdup(path);
    char own[4096] = "";
    const char *cwd = own;
    if (path[0] != '/' && known_cwd && known_cwd[0])
        cwd = known_cwd;
    else if (path[0] != '/' && !getcwd(own, sizeof own))
        strcpy(own, "/");
    size_t cwd_len = strlen(cwd), path_len = strlen(path), cap = cwd_len + path_len + 3;
    char *joined = xrealloc(NULL, cap);   /* cwd "/" path (no printf: this runs for every file found) */
    memcpy(joined, cwd, cwd_len);
    joined[cwd_len] = '/';
    memcpy(joined + cwd_len + 1, path, path_len + 1);
    char *out = xrealloc(NULL, cap);
    size_t n = 0;
    for (const char *seg = joined; *seg;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--; /* the '/' before the dropped component */
        } else if (len > 0 && !(len == 1 && seg[0] == '.')) {
            out[n++] = '/';
            memcpy(out + n, seg, len);
            n += len;
        }
        seg += len + (end != NULL);
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = '\0';
    free(joined);
    return out;
}

static char *absolute_path(const char *path)
{
    return absolute_path_from(NULL, path);
}

/* Folder part of an absolute path ("/" stays "/"). Caller frees. */
static char *parent_folder(const char *abs)
{
    const char *slash = strrchr(abs, '/');
    size_t len = slash && slash != abs ? (size_t)(slash - abs) : 1;
    char *out = xrealloc(NULL, len + 1);
    memcpy(out, abs, len);
    out[len] = '\0';
    return out;
}

static char *join_path(const char *folder, const char *name)
{
    size_t cap = strlen(folder) + strlen(name) + 2;
    char *out = xrealloc(NULL, cap);
    snprintf(out, cap, "%s%s%s", folder, strcmp(folder, "/") == 0 ? "" : "/", name);
    return out;
}

static int is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- validation helpers ---- */

typedef struct Loader {
    const char *file;     /* as named in messages */
    const char *prefix;   /* "tool.gotcha." in pyproject.toml, "" in gotcha.toml */
    char *err;
    size_t errlen;
    int no_line;          /* a --config KEY=VALUE snippet: messages name no line */
} Loader;

__attribute__((format(printf, 5, 6)))
static int key_error(const Loader *ld, int32_t line, const char *key, const char *extra_key, const char *fmt, ...)
{
    char message[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    char where[32] = "";
    if (!ld->no_line)
        snprintf(where, sizeof where, ":%d", line);
    snprintf(ld->err, ld->errlen, "%s%s: %s%s%s: %s", ld->file, where, ld->prefix, key, extra_key ? extra_key : "",
             message);
    return -1;
}

int config_selector_is_known(const char *s)
{
    if (strcmp(s, "ALL") == 0)
        return 1;
    size_t n = strlen(s);
    for (int i = 0; n > 0 && i < registry_count; i++)
        if (strncmp(s, registry_table[i]->code, n) == 0)
            return 1;
    return 0;
}

int config_code_matches(const char *selector, const char *code)
{
    return strcmp(selector, "ALL") == 0 || strncmp(selector, code, strlen(selector)) == 0;
}

/* A dotted Python name: "Depends", "fastapi.Depends". Non-ASCII bytes are allowed (identifiers may be). */
static int is_qualified_name(const char *s)
{
    int at_start = 1;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '.') {
            if (at_start)
                return 0;
            at_start = 1;
        } else if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
                   (!at_start && c >= '0' && c <= '9')) {
            at_start = 0;
        } else {
            return 0;
        }
    }
    return !at_start;
}

/* Checks one item of a list; NULL if fine, else the problem, written to `why`. */
typedef const char *(*ItemCheck)(const char *item, char *why, size_t whylen);

static const char *check_code(const char *item, char *why, size_t whylen)
{
    if (config_selector_is_known(item))
        return NULL;
    char upper[16];
    size_t n = strlen(item);
    if (n < sizeof upper) {
        for (size_t i = 0; i <= n; i++)
            upper[i] = (char)(item[i] >= 'a' && item[i] <= 'z' ? item[i] - 0x20 : item[i]);
        if (config_selector_is_known(upper)) {
            snprintf(why, whylen, "'%s' is not a rule code; did you mean '%s'?", item, upper);
            return why;
        }
    }
    snprintf(why, whylen,
             "'%s' is not a rule code or the prefix of one (such as GT101, GT1 or GT), nor ALL", item);
    return why;
}

static const char *check_glob(const char *item, char *why, size_t whylen)
{
    const char *problem = glob_problem(item);
    if (!problem)
        return NULL;
    snprintf(why, whylen, "'%s': %s", item, problem);
    return why;
}

static const char *check_qualified_name(const char *item, char *why, size_t whylen)
{
    if (is_qualified_name(item))
        return NULL;
    snprintf(why, whylen, "'%s' is not a dotted Python name (such as fastapi.Depends)", item);
    return why;
}

/* A TOML string usable as a C string: no NUL inside. */
static int plain_string(const TomlValue *v)
{
    return v->type == TOML_STRING && strlen(v->as.string.bytes) == v->as.string.len;
}

static int read_string_list(const Loader *ld, const char *key, const char *extra_key, const TomlEntry *e,
                            ItemCheck check, char ***items, int32_t *count)
{
    const TomlValue *v = e->value;
    if (v->type != TOML_ARRAY)
        return key_error(ld, e->line, key, extra_key, "expected an array of strings, found %s",
                         toml_type_phrase(v->type));
    list_free(items, count);
    for (int32_t i = 0; i < v->as.array.count; i++) {
        const TomlValue *item = v->as.array.items[i];
        if (!plain_string(item)) {
            const char *found =
                item->type == TOML_STRING ? "a string with a NUL character" : toml_type_phrase(item->type);
            return key_error(ld, item->line, key, extra_key, "item %d: expected a string, found %s", i + 1, found);
        }
        char why[300];
        if (check && check(item->as.string.bytes, why, sizeof why))
            return key_error(ld, item->line, key, extra_key, "%s", why);
        list_push(items, count, item->as.string.bytes);
    }
    return 0;
}

/* ---- the keys ---- */

typedef int (*Setter)(const Loader *ld, const TomlEntry *e, Config *c);

static int set_select(const Loader *ld, const TomlEntry *e, Config *c)
{
    c->has_select = 1;
    return read_string_list(ld, e->key, NULL, e, check_code, &c->select, &c->nselect);
}

static int set_ignore(const Loader *ld, const TomlEntry *e, Config *c)
{
    return read_string_list(ld, e->key, NULL, e, check_code, &c->ignore, &c->nignore);
}

static int set_extend_select(const Loader *ld, const TomlEntry *e, Config *c)
{
    return read_string_list(ld, e->key, NULL, e, check_code, &c->extend_select, &c->nextend_select);
}

static int set_exclude(const Loader *ld, const TomlEntry *e, Config *c)
{
    c->has_exclude = 1;
    return read_string_list(ld, e->key, NULL, e, check_glob, &c->exclude, &c->nexclude);
}

static int set_extend_exclude(const Loader *ld, const TomlEntry *e, Config *c)
{
    return read_string_list(ld, e->key, NULL, e, check_glob, &c->extend_exclude, &c->nextend_exclude);
}

static int set_immutable_calls(const Loader *ld, const TomlEntry *e, Config *c)
{
    return read_string_list(ld, e->key, NULL, e, check_qualified_name, &c->immutable_calls, &c->nimmutable_calls);
}

static int set_mutable_calls(const Loader *ld, const TomlEntry *e, Config *c)
{
    return read_string_list(ld, e->key, NULL, e, check_qualified_name, &c->mutable_calls, &c->nmutable_calls);
}

/* [tool.gotcha.guard] holds the runtime guard's settings (gotcha_guard reads them): the checker
   only checks that it is a table. */
static int set_guard(const Loader *ld, const TomlEntry *e, Config *c)
{
    (void)c;
    if (e->value->type != TOML_TABLE)
        return key_error(ld, e->line, e->key, NULL, "expected a table of the runtime guard's settings, found %s",
                         toml_type_phrase(e->value->type));
    return 0;
}

static int set_resource_calls(const Loader *ld, const TomlEntry *e, Config *c)
{
    return read_string_list(ld, e->key, NULL, e, check_qualified_name, &c->resource_calls, &c->nresource_calls);
}

static int set_per_file_ignores(const Loader *ld, const TomlEntry *e, Config *c)
{
    const TomlValue *v = e->value;
    if (v->type != TOML_TABLE)
        return key_error(ld, e->line, e->key, NULL,
                         "expected a table of glob = [codes] (e.g. \"tests/**\" = [\"GT101\"]), found %s",
                         toml_type_phrase(v->type));
    free_per_file_ignores(c);   /* a --config override replaces the configured table */
    for (int32_t i = 0; i < v->as.table.count; i++) {
        const TomlEntry *pattern = &v->as.table.entries[i];
        char shown[300];
        snprintf(shown, sizeof shown, ".\"%s\"", pattern->key);
        char why[300];
        int holds_nul = strlen(pattern->key) != pattern->key_len;   /* key_len counts past a "\u0000" */
        if (holds_nul || check_glob(pattern->key, why, sizeof why))
            return key_error(ld, pattern->line, e->key, shown, "%s",
                             holds_nul ? "a glob cannot hold a NUL character" : why);
        c->per_file_ignores = xrealloc(c->per_file_ignores,
                                       (size_t)(c->nper_file_ignores + 1) * sizeof *c->per_file_ignores);
        PerFileIgnore *pfi = &c->per_file_ignores[c->nper_file_ignores++];
        pfi->glob = xstrdup(pattern->key);
        pfi->codes = NULL;
        pfi->ncodes = 0;
        if (read_string_list(ld, e->key, shown, pattern, check_code, &pfi->codes, &pfi->ncodes) < 0)
            return -1;
    }
    return 0;
}

int config_parse_target_version(const char *text)
{
    if (strncmp(text, "py3", 3) != 0)
        return -1;
    const char *digits = text + 3;
    size_t n = strlen(digits);
    if (n < 1 || n > 2 || strspn(digits, "0123456789") != n || digits[0] == '0')
        return -1;
    int minor = atoi(digits);
    return minor >= CONFIG_TARGET_MIN && minor <= CONFIG_TARGET_MAX ? minor : -1;
}

static int set_target_version(const Loader *ld, const TomlEntry *e, Config *c)
{
    const TomlValue *v = e->value;
    int minor = plain_string(v) ? config_parse_target_version(v->as.string.bytes) : -1;
    if (minor < 0) {
        if (v->type != TOML_STRING)
            return key_error(ld, e->line, e->key, NULL, "expected a string such as \"py312\", found %s",
                             toml_type_phrase(v->type));
        return key_error(ld, e->line, e->key, NULL, "'%s' is not a supported version (" CONFIG_TARGET_RANGE ")",
                         v->as.string.bytes);
    }
    c->target_minor = minor;
    return 0;
}

static int set_cache_names(const Loader *ld, const TomlEntry *e, Config *c)
{
    const TomlValue *v = e->value;
    if (!plain_string(v))
        return key_error(ld, e->line, e->key, NULL, "expected a string (a regular expression), found %s",
                         v->type == TOML_STRING ? "a string with a NUL character" : toml_type_phrase(v->type));
    regex_t re;
    int rc = regcomp(&re, v->as.string.bytes, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char why[200];
        regerror(rc, &re, why, sizeof why);
        regfree(&re);
        return key_error(ld, e->line, e->key, NULL, "'%s' is not a valid extended regular expression: %s",
                         v->as.string.bytes, why);
    }
    regfree(&re);
    free(c->cache_names);
    c->cache_names = xstrdup(v->as.string.bytes);
    return 0;
}

static int set_extend_safe_fixes(const Loader *ld, const TomlEntry *e, Config *c)
{
    return read_string_list(ld, e->key, NULL, e, check_code, &c->extend_safe_fixes, &c->nextend_safe_fixes);
}

static int set_extend_unsafe_fixes(const Loader *ld, const TomlEntry *e, Config *c)
{
    return read_string_list(ld, e->key, NULL, e, check_code, &c->extend_unsafe_fixes, &c->nextend_unsafe_fixes);
}

/* The keys, in the order --show-settings prints them; a boolean key names its field instead of a setter. */
typedef struct KnownKey { const char *name; Setter set; size_t bool_field; } KnownKey;
#define BOOL_KEY(name, field) {name, NULL, offsetof(Config, field)}
static const KnownKey known_keys[] = {
    {"select", set_select, 0},
    {"extend-select", set_extend_select, 0},
    {"ignore", set_ignore, 0},
    {"per-file-ignores", set_per_file_ignores, 0},
    {"exclude", set_exclude, 0},
    {"extend-exclude", set_extend_exclude, 0},
    BOOL_KEY("force-exclude", force_exclude),
    BOOL_KEY("respect-gitignore", respect_gitignore),
    {"target-version", set_target_version, 0},
    {"immutable-calls", set_immutable_calls, 0},
    {"mutable-calls", set_mutable_calls, 0},
    {"resource-calls", set_resource_calls, 0},
    {"cache-names", set_cache_names, 0},
    BOOL_KEY("preview", preview),
    BOOL_KEY("fix", fix),
    BOOL_KEY("unsafe-fixes", unsafe_fixes),
    BOOL_KEY("show-fixes", show_fixes),
    {"extend-safe-fixes", set_extend_safe_fixes, 0},
    {"extend-unsafe-fixes", set_extend_unsafe_fixes, 0},
    {"guard", set_guard, 0},
};
#define KNOWN_KEY_COUNT (sizeof known_keys / sizeof *known_keys)

static int set_bool(const Loader *ld, const TomlEntry *e, const KnownKey *known, Config *c)
{
    if (e->value->type != TOML_BOOL)
        return key_error(ld, e->line, e->key, NULL, "expected true or false, found %s",
                         toml_type_phrase(e->value->type));
    *(int *)((char *)c + known->bool_field) = e->value->as.boolean;
    return 0;
}

static int unknown_key(const Loader *ld, const TomlEntry *e)
{
    const char *names[KNOWN_KEY_COUNT];
    Buf all;
    buf_init(&all);
    for (size_t i = 0; i < KNOWN_KEY_COUNT; i++) {
        names[i] = known_keys[i].name;
        buf_printf(&all, "%s%s", i ? ", " : "", names[i]);
    }
    const char *closest = spell_closest(e->key, names, KNOWN_KEY_COUNT);
    int rc;
    if (closest)
        rc = key_error(ld, e->line, e->key, NULL, "unknown key; did you mean '%s'?", closest);
    else if (ld->prefix[0] == '\0' && strcmp(e->key, "tool") == 0)
        rc = key_error(ld, e->line, e->key, NULL,
                       "unknown key; in a gotcha.toml the settings go at the top level, without [tool.gotcha]");
    else
        rc = key_error(ld, e->line, e->key, NULL, "unknown key (known: %s)", buf_cstr(&all));
    buf_free(&all);
    return rc;
}

static int load_settings(const Loader *ld, const TomlValue *table, Config *c)
{
    for (int32_t i = 0; i < table->as.table.count; i++) {
        const TomlEntry *e = &table->as.table.entries[i];
        const KnownKey *known = NULL;
        for (size_t k = 0; k < KNOWN_KEY_COUNT && !known; k++)
            if (strcmp(e->key, known_keys[k].name) == 0 && strlen(e->key) == e->key_len)
                known = &known_keys[k];
        if (!known)
            return unknown_key(ld, e);
        if ((known->set ? known->set(ld, e, c) : set_bool(ld, e, known, c)) < 0)
            return -1;
    }
    return 0;
}

/* ---- loading ---- */

static int is_pyproject(const char *abs)
{
    const char *base = strrchr(abs, '/');
    return strcmp(base ? base + 1 : abs, "pyproject.toml") == 0;
}

/* The settings of a TOML document `text[0..len)` that is the file `name` (shown as `shown` in
   messages): a pyproject.toml's [tool.gotcha] table, any other file's top level. A pyproject.toml
   without [tool.gotcha] gives 0 when `need_section`, else defaults. Returns 1 loaded, 0 skipped,
   -1 error. `out` is reset either way; path and root are left to the caller. */
static int load_text(const char *name, const char *shown, const char *text, size_t len, int need_section,
                     Config *out, char *err, size_t errlen)
{
    config_init_defaults(out);
    TomlDoc doc;
    TomlError terr;
    int rc = 1;
    if (toml_parse(&doc, text, len, &terr) < 0) {
        snprintf(err, errlen, "%s:%d:%d: invalid TOML: %s", shown, terr.line, terr.column, terr.message);
        rc = -1;
    } else {
        const TomlValue *settings = doc.root;
        Loader ld = {shown, "", err, errlen, 0};
        if (is_pyproject(name)) {
            ld.prefix = "tool.gotcha.";
            const TomlEntry *tool = toml_table_find(doc.root, "tool");
            const TomlEntry *gotcha = tool ? toml_table_find(tool->value, "gotcha") : NULL;
            settings = gotcha ? gotcha->value : NULL;
            if (gotcha && gotcha->value->type != TOML_TABLE) {
                snprintf(err, errlen, "%s:%d: tool.gotcha: expected a table, found %s", shown, gotcha->line,
                         toml_type_phrase(gotcha->value->type));
                rc = -1;
            } else if (!gotcha && need_section) {
                rc = 0;
            }
        }
        if (rc == 1 && settings && load_settings(&ld, settings, out) < 0)
            rc = -1;
    }
    toml_free(&doc);
    if (rc != 1)
        config_free(out);
    return rc;
}

/* Loads `abs` (shown as `shown` in messages). A pyproject.toml without [tool.gotcha] gives 0 when
   `need_section`, else defaults. Returns 1 loaded, 0 skipped, -1 error. `out` is reset either way. */
static int load_path(const char *abs, const char *shown, int need_section, Config *out, char *err, size_t errlen)
{
    Buf text;
    buf_init(&text);
    if (fileio_read_path(abs, &text, SIZE_MAX) < 0) {
        config_init_defaults(out);
        snprintf(err, errlen, "%s: cannot read: %s", shown, strerror(errno));
        buf_free(&text);
        return -1;
    }
    int rc = load_text(abs, shown, text.data ? text.data : "", text.len, need_section, out, err, errlen);
    buf_free(&text);
    if (rc != 1)
        return rc;
    out->path = xstrdup(abs);
    out->root = parent_folder(abs);
    return 1;
}

/* [project] requires-python of a pyproject.toml's text (malloc'ed), or NULL. Text that is not
   valid TOML names nothing here: it is only read for this. */
static char *requires_python_of(const char *text, size_t len)
{
    char *found = NULL;
    TomlDoc doc;
    TomlError terr;
    if (toml_parse(&doc, text, len, &terr) == 0) {
        const TomlEntry *project = toml_table_find(doc.root, "project");
        const TomlEntry *rp = project && project->value->type == TOML_TABLE
                                  ? toml_table_find(project->value, "requires-python") : NULL;
        if (rp && plain_string(rp->value))
            found = xstrdup(rp->value->as.string.bytes);
    }
    toml_free(&doc);
    return found;
}

/* [project] requires-python of the pyproject.toml at `abs` (malloc'ed), or NULL. */
static char *read_requires_python(const char *abs)
{
    Buf text;
    buf_init(&text);
    char *found = NULL;
    if (fileio_read_path(abs, &text, SIZE_MAX) == 0)
        found = requires_python_of(text.data ? text.data : "", text.len);
    buf_free(&text);
    return found;
}

/* The project's Python versions: requires-python of the nearest pyproject.toml at or above `folder`
   (absolute), with or without [tool.gotcha]. */
static void find_requires_python(const char *folder, Config *c)
{
    char *at = xstrdup(folder);
    for (;;) {
        char *candidate = join_path(at, "pyproject.toml");
        if (is_regular_file(candidate)) {
            c->requires_python = read_requires_python(candidate);
            if (c->requires_python)
                c->requires_python_path = candidate;
            else
                free(candidate);
            break;
        }
        free(candidate);
        if (strcmp(at, "/") == 0)
            break;
        char *parent = parent_folder(at);
        free(at);
        at = parent;
    }
    free(at);
}

int config_load_file(const char *path, Config *out, char *err, size_t errlen)
{
    char *abs = absolute_path(path);
    int rc = load_path(abs, path, 0, out, err, errlen);
    free(abs);
    if (rc < 0)
        return -1;
    if (out->root)
        find_requires_python(out->root, out);
    return 0;
}

int config_discover(const char *start, Config *out, char *err, size_t errlen)
{
    static const char *const own_names[] = {".gotcha.toml", "gotcha.toml"};
    char *folder = absolute_path(start);
    struct stat st;
    if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
        char *parent = parent_folder(folder);
        free(folder);
        folder = parent;
    }
    char *start_folder = xstrdup(folder);
    config_init_defaults(out);
    int rc = 0;
    for (;;) {
        for (size_t i = 0; i < 2 && rc == 0; i++) {
            char *candidate = join_path(folder, own_names[i]);
            if (is_regular_file(candidate))
                rc = load_path(candidate, candidate, 0, out, err, errlen);
            free(candidate);
        }
        if (rc == 0) {
            char *candidate = join_path(folder, "pyproject.toml");
            if (is_regular_file(candidate))
                rc = load_path(candidate, candidate, 1, out, err, errlen);
            free(candidate);
        }
        if (rc != 0 || strcmp(folder, "/") == 0)
            break;
        char *parent = parent_folder(folder);
        free(folder);
        folder = parent;
    }
    free(folder);
    if (rc >= 0)
        find_requires_python(rc == 1 ? out->root : start_folder, out);
    free(start_folder);
    return rc;
}

int config_load_text(const char *name, const char *text, size_t len, Config *out, char *err, size_t errlen)
{
    if (load_text(name, name, text, len, 0, out, err, errlen) < 0)
        return -1;
    if (is_pyproject(name)) {
        out->requires_python = requires_python_of(text, len);
        if (out->requires_python)
            out->requires_python_path = xstrdup(name);
    }
    return 0;
}

/* ---- the command line on top of the file ---- */

int config_apply_override(Config *c, const char *text, char *err, size_t errlen)
{
    TomlDoc doc;
    TomlError terr;
    int rc = -1;
    if (toml_parse(&doc, text, strlen(text), &terr) < 0) {
        snprintf(err, errlen, "--config '%s' is neither a file nor a TOML `key = value` setting (column %d: %s)",
                 text, terr.column, terr.message);
    } else if (doc.root->as.table.count == 0) {
        snprintf(err, errlen, "--config '%s' holds no setting", text);
    } else {
        Loader ld = {"--config", "", err, errlen, 1};
        rc = load_settings(&ld, doc.root, c);
    }
    toml_free(&doc);
    return rc;
}

/* One command-line pattern made relative to c->root; `below` is the working folder relative to the
   root when it lies strictly below it, else NULL. Caller frees. */
static char *rebase_cli_pattern(const char *pattern, const char *below)
{
    const char *p = pattern;
    int anchored = 0;
    while ((p[0] == '.' && p[1] == '/') || p[0] == '/') {
        p += p[0] == '/' ? 1 : 2;
        anchored = 1;
    }
    if (!below || (!anchored && !strchr(p, '/')))
        return xstrdup(pattern);   /* a base-name pattern, or the root is the working folder */
    return xasprintf("%s/%s", below, p);
}

int config_add_cli_excludes(Config *c, char *const *patterns, int n, int replace, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++) {
        const char *problem = glob_problem(patterns[i]);
        if (problem) {
            snprintf(err, errlen, "%s '%s': %s", replace ? "--exclude" : "--extend-exclude", patterns[i], problem);
            return -1;
        }
    }
    if (replace) {
        list_free(&c->exclude, &c->nexclude);
        c->has_exclude = 1;
    }
    char *cwd = absolute_path(".");
    const char *root = c->root ? c->root : cwd;
    size_t root_len = strcmp(root, "/") == 0 ? 0 : strlen(root);
    const char *below = strncmp(cwd, root, root_len) == 0 && cwd[root_len] == '/' ? cwd + root_len + 1 : NULL;
    for (int i = 0; i < n; i++) {
        char *rebased = rebase_cli_pattern(patterns[i], below);
        if (replace)
            list_push(&c->exclude, &c->nexclude, rebased);
        else
            list_push(&c->extend_exclude, &c->nextend_exclude, rebased);
        free(rebased);
    }
    free(cwd);
    return 0;
}

/* How specific the most specific selector of items[0..n) matching `code` is: -1 none, 0 ALL, else its length. */
static int best_selector(char *const *items, int32_t n, const char *code)
{
    int best = -1;
    for (int32_t i = 0; i < n; i++) {
        int s = strcmp(items[i], "ALL") == 0 ? 0
                : strncmp(items[i], code, strlen(items[i])) == 0 ? (int)strlen(items[i]) : -1;
        if (s > best)
            best = s;
    }
    return best;
}

int config_fix_is_safe(const Config *c, const char *code, int safe)
{
    int to_safe = best_selector(c->extend_safe_fixes, c->nextend_safe_fixes, code);
    int to_unsafe = best_selector(c->extend_unsafe_fixes, c->nextend_unsafe_fixes, code);
    if (to_unsafe >= 0 && to_unsafe >= to_safe)
        return 0;
    return to_safe >= 0 ? 1 : safe;
}

/* ---- path questions ---- */

/* `path` relative to the config root (or the working folder when there is no config), into `out`.
   Returns 0 when the path lies outside it (out then holds the absolute path). */
static int relative_to_root(const Config *c, const char *path, char *out, size_t outlen)
{
    char *abs = absolute_path_from(c->cwd, path);
    char *own = NULL;
    const char *base = c->root ? c->root
                     : is_normal_absolute(c->cwd) ? c->cwd : (own = absolute_path_from(c->cwd, "."));
    size_t base_len = strcmp(base, "/") == 0 ? 0 : strlen(base);
    int inside = strncmp(abs, base, base_len) == 0 && (abs[base_len] == '/' || abs[base_len] == '\0');
    const char *rel = inside ? abs + base_len + (abs[base_len] == '/') : abs;
    size_t rel_len = strlen(rel);
    if (rel_len >= outlen)
        rel_len = outlen - 1;   /* cut as snprintf would */
    memcpy(out, rel, rel_len);
    out[rel_len] = '\0';
    free(abs);
    free(own);
    return inside;
}

/* Patterns with '/' are anchored at the root; for a path outside the root only base-name patterns can apply
   (`base`: rel's base name, what glob_match would look for in it). */
static int pattern_applies(const char *pattern, const char *rel, const char *base, int inside)
{
    if (inside)
        return glob_match_path_or_parent(pattern, rel);
    return glob_match(pattern, strchr(pattern, '/') ? rel : base);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Is the component s[0, len) one of the default excludes? Each is a plain name or `*suffix`
   (`default_excludes` above: no '/', no other wildcard), and either matches a whole component. */
static int is_default_exclude(const char *s, size_t len)
{
    for (int32_t i = 0; i < DEFAULT_EXCLUDE_COUNT; i++) {
        const char *p = default_excludes[i];
        int suffix = p[0] == '*';
        size_t plen = strlen(p + suffix);
        if (suffix ? len >= plen && memcmp(s + len - plen, p + 1, plen) == 0
                   : len == plen && memcmp(s, p, len) == 0)
            return 1;
    }
    return 0;
}

/* The default excludes in one pass over the components of `path` (relative to the root; outside
   it, the base name alone), as glob_match_path_or_parent would find them one pattern at a time:
   discovery asks for every name it lists. */
static int default_excluded(const char *path)
{
    for (const char *c = path;;) {
        const char *slash = strchr(c, '/');
        size_t len = slash ? (size_t)(slash - c) : strlen(c);
        if (is_default_exclude(c, len))
            return 1;
        if (!slash)
            return 0;
        c = slash + 1;
    }
}

int config_path_excluded(const Config *c, const char *path)
{
    char rel[4096];
    int inside = relative_to_root(c, path, rel, sizeof rel);
    if (inside && rel[0] == '\0')
        return 0; /* the root itself */
    const char *base = base_name(rel);
    if (c->has_exclude) {
        for (int32_t i = 0; i < c->nexclude; i++)
            if (pattern_applies(c->exclude[i], rel, base, inside))
                return 1;
    } else if (default_excluded(inside ? rel : base)) {
        return 1;
    }
    for (int32_t i = 0; i < c->nextend_exclude; i++)
        if (pattern_applies(c->extend_exclude[i], rel, base, inside))
            return 1;
    return 0;
}

int config_ignores_code_for_path(const Config *c, const char *path, const char *code)
{
    if (c->nper_file_ignores == 0)
        return 0;
    char rel[4096];
    int inside = relative_to_root(c, path, rel, sizeof rel);
    for (int32_t i = 0; i < c->nper_file_ignores; i++) {
        const PerFileIgnore *pfi = &c->per_file_ignores[i];
        int code_listed = 0;
        for (int32_t k = 0; k < pfi->ncodes && !code_listed; k++)
            code_listed = config_code_matches(pfi->codes[k], code);
        if (code_listed && pattern_applies(pfi->glob, rel, base_name(rel), inside))
            return 1;
    }
    return 0;
}

/* ---- --show-settings ---- */

static void show_string(Buf *out, const char *s)
{
    buf_putc(out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            buf_printf(out, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            buf_printf(out, "\\u%04X", c);
        else
            buf_putc(out, (char)c);
    }
    buf_putc(out, '"');
}

static void show_list(Buf *out, char *const *items, int32_t count)
{
    buf_putc(out, '[');
    for (int32_t i = 0; i < count; i++) {
        if (i)
            buf_puts(out, ", ");
        show_string(out, items[i]);
    }
    buf_putc(out, ']');
}

static void show_list_line(Buf *out, const char *key, char *const *items, int32_t count)
{
    buf_printf(out, "%s = ", key);
    show_list(out, items, count);
    buf_putc(out, '\n');
}

/* `key = true|false`; unset (-1) shows the default, false. */
static void show_bool(Buf *out, const char *key, int value)
{
    buf_printf(out, "%s = %s\n", key, value > 0 ? "true" : "false");
}

void config_show(const Config *c, Buf *out)
{
    buf_puts(out, "config-file = ");
    if (c->path)
        show_string(out, c->path);
    else
        buf_puts(out, "(none: built-in defaults)");
    buf_puts(out, "\nroot = ");
    if (c->root)
        show_string(out, c->root);
    else
        buf_puts(out, "(the working folder)");
    buf_puts(out, "\n");
    if (c->requires_python) {
        buf_puts(out, "requires-python = ");
        show_string(out, c->requires_python);
        buf_puts(out, "   # ");
        buf_puts(out, c->requires_python_path);
        buf_putc(out, '\n');
    }
    if (c->has_select)
        show_list_line(out, "select", c->select, c->nselect);
    else
        buf_puts(out, "select = (default rule set)\n");
    show_list_line(out, "extend-select", c->extend_select, c->nextend_select);
    show_list_line(out, "ignore", c->ignore, c->nignore);
    buf_puts(out, "per-file-ignores = {");
    for (int32_t i = 0; i < c->nper_file_ignores; i++) {
        buf_puts(out, i ? ", " : " ");
        show_string(out, c->per_file_ignores[i].glob);
        buf_puts(out, " = ");
        show_list(out, c->per_file_ignores[i].codes, c->per_file_ignores[i].ncodes);
    }
    buf_puts(out, c->nper_file_ignores ? " }\n" : "}\n");
    if (c->has_exclude)
        show_list_line(out, "exclude", c->exclude, c->nexclude);
    else
        show_list_line(out, "exclude", (char *const *)default_excludes, DEFAULT_EXCLUDE_COUNT);
    show_list_line(out, "extend-exclude", c->extend_exclude, c->nextend_exclude);
    show_bool(out, "force-exclude", c->force_exclude);
    show_bool(out, "respect-gitignore", c->respect_gitignore < 0 ? 1 : c->respect_gitignore);
    if (c->target_minor)
        buf_printf(out, "target-version = \"py3%d\"", c->target_minor);
    else
        buf_puts(out, "target-version = (default)");
    if (c->target_origin)
        buf_printf(out, "   # %s", c->target_origin);
    buf_putc(out, '\n');
    show_list_line(out, "immutable-calls", c->immutable_calls, c->nimmutable_calls);
    show_list_line(out, "mutable-calls", c->mutable_calls, c->nmutable_calls);
    show_list_line(out, "resource-calls", c->resource_calls, c->nresource_calls);
    buf_puts(out, "cache-names = ");
    if (c->cache_names)
        show_string(out, c->cache_names);
    else
        buf_puts(out, "(default)");
    buf_putc(out, '\n');
    show_bool(out, "preview", c->preview);
    show_bool(out, "fix", c->fix);
    show_bool(out, "unsafe-fixes", c->unsafe_fixes);
    show_bool(out, "show-fixes", c->show_fixes);
    show_list_line(out, "extend-safe-fixes", c->extend_safe_fixes, c->nextend_safe_fixes);
    show_list_line(out, "extend-unsafe-fixes", c->extend_unsafe_fixes, c->nextend_unsafe_fixes);
}
