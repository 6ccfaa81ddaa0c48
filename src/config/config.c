/* gotcha's settings: finding the config file, reading and validating it, and answering path questions. */
#include "config.h"

#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/fileio.h"
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

void config_init_defaults(Config *c)
{
    memset(c, 0, sizeof *c);
    c->preview = -1;
}

void config_free(Config *c)
{
    free(c->path);
    free(c->root);
    list_free(&c->select, &c->nselect);
    list_free(&c->ignore, &c->nignore);
    list_free(&c->extend_select, &c->nextend_select);
    for (int32_t i = 0; i < c->nper_file_ignores; i++) {
        free(c->per_file_ignores[i].glob);
        list_free(&c->per_file_ignores[i].codes, &c->per_file_ignores[i].ncodes);
    }
    free(c->per_file_ignores);
    list_free(&c->exclude, &c->nexclude);
    list_free(&c->extend_exclude, &c->nextend_exclude);
    list_free(&c->immutable_calls, &c->nimmutable_calls);
    list_free(&c->resource_calls, &c->nresource_calls);
    list_free(&c->mutable_calls, &c->nmutable_calls);
    free(c->cache_names);
    config_init_defaults(c);
}

/* ---- paths ---- */

/* `path` made absolute (from the working folder) with ".", ".." and repeated '/' removed. Caller frees. */
static char *absolute_path(const char *path)
{
    char cwd[4096] = "";
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        strcpy(cwd, "/");
    size_t cap = strlen(cwd) + strlen(path) + 3;
    char *joined = xrealloc(NULL, cap);
    snprintf(joined, cap, "%s/%s", cwd, path);
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
} Loader;

__attribute__((format(printf, 5, 6)))
static int key_error(const Loader *ld, int32_t line, const char *key, const char *extra_key, const char *fmt, ...)
{
    char message[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    snprintf(ld->err, ld->errlen, "%s:%d: %s%s%s: %s", ld->file, line, ld->prefix, key, extra_key ? extra_key : "",
             message);
    return -1;
}

static size_t min3(size_t a, size_t b, size_t c) { return a < b ? (a < c ? a : c) : (b < c ? b : c); }

/* Spellings that mean the same key for the hint: case, and '_' for '-'. */
static char fold_key_char(char c)
{
    if (c == '_')
        return '-';
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Levenshtein distance over folded characters; for "did you mean" hints on short keys. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 64;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            row[j] = min3(row[j] + 1, row[j - 1] + 1, diagonal + (fold_key_char(a[i - 1]) != fold_key_char(b[j - 1])));
            diagonal = above;
        }
    }
    return row[lb];
}

/* "GT" + 1 to 3 digits (a code, or a prefix of codes), or "ALL". */
static int is_code_selector(const char *s)
{
    if (strcmp(s, "ALL") == 0)
        return 1;
    if (strncmp(s, "GT", 2) != 0)
        return 0;
    size_t digits = strspn(s + 2, "0123456789");
    return digits >= 1 && digits <= 3 && s[2 + digits] == '\0';
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
    if (is_code_selector(item))
        return NULL;
    char upper[16];
    size_t n = strlen(item);
    if (n < sizeof upper) {
        for (size_t i = 0; i <= n; i++)
            upper[i] = (char)(item[i] >= 'a' && item[i] <= 'z' ? item[i] - 0x20 : item[i]);
        if (is_code_selector(upper)) {
            snprintf(why, whylen, "'%s' is not a rule code; did you mean '%s'?", item, upper);
            return why;
        }
    }
    snprintf(why, whylen,
             "'%s' is not a rule code (GT followed by 1 to 3 digits, such as GT101 or the prefix GT1, or ALL)", item);
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

static int set_target_version(const Loader *ld, const TomlEntry *e, Config *c)
{
    const TomlValue *v = e->value;
    int minor = 0;
    if (plain_string(v) && strncmp(v->as.string.bytes, "py3", 3) == 0) {
        const char *digits = v->as.string.bytes + 3;
        if (strspn(digits, "0123456789") == strlen(digits) && strlen(digits) >= 1 && strlen(digits) <= 2 &&
            digits[0] != '0')
            minor = atoi(digits);
    }
    if (minor < 8 || minor > 14) {
        if (v->type != TOML_STRING)
            return key_error(ld, e->line, e->key, NULL, "expected a string such as \"py312\", found %s",
                             toml_type_phrase(v->type));
        return key_error(ld, e->line, e->key, NULL, "'%s' is not a supported version (py38 to py314)",
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

static int set_preview(const Loader *ld, const TomlEntry *e, Config *c)
{
    if (e->value->type != TOML_BOOL)
        return key_error(ld, e->line, e->key, NULL, "expected true or false, found %s",
                         toml_type_phrase(e->value->type));
    c->preview = e->value->as.boolean;
    return 0;
}

typedef struct KnownKey { const char *name; Setter set; } KnownKey;
static const KnownKey known_keys[] = {
    {"select", set_select},
    {"ignore", set_ignore},
    {"extend-select", set_extend_select},
    {"per-file-ignores", set_per_file_ignores},
    {"exclude", set_exclude},
    {"extend-exclude", set_extend_exclude},
    {"target-version", set_target_version},
    {"immutable-calls", set_immutable_calls},
    {"mutable-calls", set_mutable_calls},
    {"resource-calls", set_resource_calls},
    {"cache-names", set_cache_names},
    {"preview", set_preview},
};
#define KNOWN_KEY_COUNT (sizeof known_keys / sizeof *known_keys)

static int unknown_key(const Loader *ld, const TomlEntry *e)
{
    const char *closest = NULL;
    size_t best = (size_t)-1;
    for (size_t i = 0; i < KNOWN_KEY_COUNT; i++) {
        size_t d = edit_distance(e->key, known_keys[i].name);
        if (d < best) {
            best = d;
            closest = known_keys[i].name;
        }
    }
    size_t len = strlen(e->key);
    if (closest && (best <= 2 || best * 3 <= len))
        return key_error(ld, e->line, e->key, NULL, "unknown key; did you mean '%s'?", closest);
    if (ld->prefix[0] == '\0' && strcmp(e->key, "tool") == 0)
        return key_error(ld, e->line, e->key, NULL,
                         "unknown key; in a gotcha.toml the settings go at the top level, without [tool.gotcha]");
    return key_error(ld, e->line, e->key, NULL,
                     "unknown key (known: select, ignore, extend-select, per-file-ignores, exclude, extend-exclude, "
                     "target-version, immutable-calls, mutable-calls, resource-calls, cache-names, preview)");
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
        if (known->set(ld, e, c) < 0)
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

/* Loads `abs` (shown as `shown` in messages). A pyproject.toml without [tool.gotcha] gives 0 when
   `need_section`, else defaults. Returns 1 loaded, 0 skipped, -1 error. `out` is reset either way. */
static int load_path(const char *abs, const char *shown, int need_section, Config *out, char *err, size_t errlen)
{
    config_init_defaults(out);
    Buf text;
    buf_init(&text);
    if (fileio_read_path(abs, &text, SIZE_MAX) < 0) {
        snprintf(err, errlen, "%s: cannot read: %s", shown, strerror(errno));
        buf_free(&text);
        return -1;
    }
    TomlDoc doc;
    TomlError terr;
    int rc = 1;
    if (toml_parse(&doc, text.data ? text.data : "", text.len, &terr) < 0) {
        snprintf(err, errlen, "%s:%d:%d: invalid TOML: %s", shown, terr.line, terr.column, terr.message);
        rc = -1;
    } else {
        const TomlValue *settings = doc.root;
        Loader ld = {shown, "", err, errlen};
        if (is_pyproject(abs)) {
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
    buf_free(&text);
    if (rc != 1) {
        config_free(out);
        return rc;
    }
    out->path = xstrdup(abs);
    out->root = parent_folder(abs);
    return 1;
}

int config_load_file(const char *path, Config *out, char *err, size_t errlen)
{
    char *abs = absolute_path(path);
    int rc = load_path(abs, path, 0, out, err, errlen);
    free(abs);
    return rc < 0 ? -1 : 0;
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
    return rc;
}

/* ---- path questions ---- */

/* `path` relative to the config root (or the working folder when there is no config), into `out`.
   Returns 0 when the path lies outside it (out then holds the absolute path). */
static int relative_to_root(const Config *c, const char *path, char *out, size_t outlen)
{
    char *abs = absolute_path(path);
    char *base = c->root ? xstrdup(c->root) : absolute_path(".");
    size_t base_len = strcmp(base, "/") == 0 ? 0 : strlen(base);
    int inside = strncmp(abs, base, base_len) == 0 && (abs[base_len] == '/' || abs[base_len] == '\0');
    snprintf(out, outlen, "%s", inside ? abs + base_len + (abs[base_len] == '/') : abs);
    free(abs);
    free(base);
    return inside;
}

/* Patterns with '/' are anchored at the root; for a path outside the root only base-name patterns can apply. */
static int pattern_applies(const char *pattern, const char *rel, int inside)
{
    return inside ? glob_match_path_or_parent(pattern, rel) : glob_match(pattern, rel);
}

int config_path_excluded(const Config *c, const char *path)
{
    char rel[4096];
    int inside = relative_to_root(c, path, rel, sizeof rel);
    if (inside && rel[0] == '\0')
        return 0; /* the root itself */
    if (c->has_exclude) {
        for (int32_t i = 0; i < c->nexclude; i++)
            if (pattern_applies(c->exclude[i], rel, inside))
                return 1;
    } else {
        for (int32_t i = 0; i < DEFAULT_EXCLUDE_COUNT; i++)
            if (pattern_applies(default_excludes[i], rel, inside))
                return 1;
    }
    for (int32_t i = 0; i < c->nextend_exclude; i++)
        if (pattern_applies(c->extend_exclude[i], rel, inside))
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
        if (code_listed && pattern_applies(pfi->glob, rel, inside))
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
    if (c->target_minor)
        buf_printf(out, "target-version = \"py3%d\"\n", c->target_minor);
    else
        buf_puts(out, "target-version = (default)\n");
    show_list_line(out, "immutable-calls", c->immutable_calls, c->nimmutable_calls);
    show_list_line(out, "mutable-calls", c->mutable_calls, c->nmutable_calls);
    show_list_line(out, "resource-calls", c->resource_calls, c->nresource_calls);
    buf_puts(out, "cache-names = ");
    if (c->cache_names)
        show_string(out, c->cache_names);
    else
        buf_puts(out, "(default)");
    buf_puts(out, "\npreview = ");
    buf_puts(out, c->preview < 0 ? "(default: false)\n" : c->preview ? "true\n" : "false\n");
}
