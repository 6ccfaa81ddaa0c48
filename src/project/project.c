/* The project phase (project.h): module names, resolution of references across modules, the
   propagation of parameter effects along call edges, and the decision of conditional findings. */
#include "project.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/xalloc.h"

/* ---- module names ---- */

/* Folders already asked about: neighbouring paths (discovery sorts them) share most of them,
   and consecutive files of one folder share its package (`last_*`). */
#define MEMO_DIRS 64
typedef struct DirMemo {
    char *dir[MEMO_DIRS];
    size_t len[MEMO_DIRS];
    uint8_t has[MEMO_DIRS];
    int n, next;
    char *last_dir, *last_pkg, *last_root;
    const struct InitSeen *inits;   /* folders whose `__init__.py` is among the paths, sorted */
    size_t ninits;
} DirMemo;

/* A folder known to hold `__init__.py` without asking: discovery listed it among the paths. */
typedef struct InitSeen {
    const char *dir;
    size_t len;
} InitSeen;

static int cmp_init_seen(const void *a, const void *b)
{
    const InitSeen *x = a, *y = b;
    int c = memcmp(x->dir, y->dir, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int init_seen(const DirMemo *memo, const char *dir, size_t len)
{
    InitSeen key = {dir, len};
    return memo->ninits && bsearch(&key, memo->inits, memo->ninits, sizeof key, cmp_init_seen) != NULL;
}

/* Neighbouring folders share long prefixes: compare lengths, then from the end. */
static int same_dir(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return 0;
    while (alen > 0 && a[alen - 1] == b[alen - 1])
        alen--;
    return alen == 0;
}

static int has_init(DirMemo *memo, const char *dir)
{
    size_t dlen = strlen(dir);
    for (int i = 0; memo && i < memo->n; i++)
        if (same_dir(memo->dir[i], memo->len[i], dir, dlen))
            return memo->has[i];
    int ok = memo && init_seen(memo, dir, dlen);
    if (!ok) {
        char *p = xasprintf("%s/__init__.py", *dir ? dir : ".");
        ok = access(p, F_OK) == 0;
        free(p);
    }
    if (memo) {   /* a ring: the oldest entry makes room */
        int at;
        if (memo->n < MEMO_DIRS) {
            at = memo->n++;
        } else {
            at = memo->next;
            free(memo->dir[at]);
            memo->next = (at + 1) % MEMO_DIRS;
        }
        memo->dir[at] = xstrdup(dir);
        memo->len[at] = dlen;
        memo->has[at] = (uint8_t)ok;
    }
    return ok;
}

static void memo_free(DirMemo *memo)
{
    for (int i = 0; i < memo->n; i++)
        free(memo->dir[i]);
    free(memo->last_dir);
    free(memo->last_pkg);
    free(memo->last_root);
}

/* "a.b" from "a" and "b" ("b" when a is empty). malloc'ed. */
static char *join_dot(const char *a, const char *b, size_t blen)
{
    size_t alen = strlen(a);
    char *out = xmalloc(alen + blen + 2);
    memcpy(out, a, alen);
    size_t at = alen;
    if (alen && blen)
        out[at++] = '.';
    memcpy(out + at, b, blen);
    out[at + blen] = 0;
    return out;
}

/* The package folder `dir` stands for ("a.b"; "" when it has no `__init__.py`) and the root folder
   above its top package. malloc'ed. */
static void folder_package(DirMemo *memo, const char *dir, char **pkg, char **root)
{
    char *d = xstrdup(dir);
    char *name = xstrdup("");
    while (*d && has_init(memo, d)) {
        char *cut = strrchr(d, '/');
        const char *comp = cut ? cut + 1 : d;
        if (strcmp(comp, ".") == 0 || strcmp(comp, "..") == 0 || !*comp)
            break;
        char *longer = join_dot(comp, name, strlen(name));
        free(name);
        name = longer;
        if (cut)
            *cut = 0;
        else
            d[0] = 0;
    }
    *pkg = name;
    *root = d;
}

/* Name, root folder (what is left of the path above the top package) and package-ness. */
static char *module_of_memo(const char *path, char **root, int *is_pkg, DirMemo *memo)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) : 0;
    const char *base = slash ? slash + 1 : path;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".pyi") == 0)
        len -= 4;
    else if (len > 3 && strcmp(base + len - 3, ".py") == 0)
        len -= 3;
    *is_pkg = len == 8 && strncmp(base, "__init__", 8) == 0;
    char *pkg, *top;
    if (memo && memo->last_dir && strlen(memo->last_dir) == dlen && strncmp(memo->last_dir, path, dlen) == 0) {
        pkg = xstrdup(memo->last_pkg);
        top = xstrdup(memo->last_root);
    } else {
        char *dir = xstrndup(path, dlen);
        folder_package(memo, dir, &pkg, &top);
        if (memo) {
            free(memo->last_dir);
            free(memo->last_pkg);
            free(memo->last_root);
            memo->last_dir = dir;
            memo->last_pkg = xstrdup(pkg);
            memo->last_root = xstrdup(top);
        } else {
            free(dir);
        }
    }
    char *name = *is_pkg ? (*pkg ? xstrdup(pkg) : xstrdup("__init__")) : join_dot(pkg, base, len);
    free(pkg);
    if (root)
        *root = top;
    else
        free(top);
    return name;
}

static char *module_of(const char *path, char **root, int *is_pkg)
{
    return module_of_memo(path, root, is_pkg, NULL);
}

void project_modules(const char *const *paths, size_t n, ProjectModule *out)
{
    DirMemo memo = {0};
    InitSeen *inits = xcalloc(n + 1, sizeof *inits);
    for (size_t i = 0; i < n; i++) {
        const char *slash = strrchr(paths[i], '/');
        if (strcmp(slash ? slash + 1 : paths[i], "__init__.py") == 0)
            inits[memo.ninits++] = (InitSeen){paths[i], slash ? (size_t)(slash - paths[i]) : 0};
    }
    qsort(inits, memo.ninits, sizeof *inits, cmp_init_seen);
    memo.inits = inits;
    for (size_t i = 0; i < n; i++) {
        int pkg;
        out[i].name = module_of_memo(paths[i], &out[i].root, &pkg, &memo);
        out[i].is_pkg = (uint8_t)pkg;
    }
    memo_free(&memo);
    free(inits);
}

void project_modules_free(ProjectModule *mods, size_t n)
{
    for (size_t i = 0; mods && i < n; i++) {
        free(mods[i].name);
        free(mods[i].root);
    }
}

char *project_module_name(const char *path)
{
    int is_pkg;
    return module_of(path, NULL, &is_pkg);
}

char *project_module_package_dir(const ProjectModule *m)
{
    const char *dot = strchr(m->name, '.');
    if (!dot && !m->is_pkg)
        return NULL;
    size_t top = dot ? (size_t)(dot - m->name) : strlen(m->name);
    return *m->root ? xasprintf("%s/%.*s", m->root, (int)top, m->name) : xstrndup(m->name, top);
}

char *project_package_dir(const char *path)
{
    ProjectModule m;
    int is_pkg;
    m.name = module_of(path, &m.root, &is_pkg);
    m.is_pkg = (uint8_t)is_pkg;
    char *dir = project_module_package_dir(&m);
    project_modules_free(&m, 1);
    return dir;
}

/* ---- the project ---- */

typedef struct Project {
    ProjectFile *files;
    int32_t n;
    char **names, **roots;   /* per file: its ProjectModule's (borrowed), else found here (owned) */
    uint8_t *is_pkg;
    int32_t *by_name;        /* hash table of module names: the first file so named, or -1 */
    uint32_t name_mask;      /* slots - 1 (a power of two, at least twice the files) */
    int32_t *same_name;      /* per file: the next file of the same name (ascending), or -1 */
    int32_t *func_base;      /* per file: index of its first function in param_base */
    int32_t *param_base;     /* per function (all files): its first parameter node */
    int32_t nnodes;
    uint16_t *eff;           /* per parameter node: SUM_PARAM_* of its own body */
    int32_t *node_file;      /* per node: its file */
    const SumParam **node_param;    /* per node: its summary */
    const SumFunc **node_func;      /* per node: its function */
    uint8_t *facts;          /* per node: FACT_* bits, once FACT_DONE */
    uint8_t *kept_mutated;   /* per node: 0 not known yet, 1 no, 2 yes (kept_and_mutated) */
    int32_t *edge_first, *edge_count;   /* per node: its call edges (edge_first -1: not resolved yet) */
    int32_t *edge_to;        /* -1: a callee nobody resolves */
    int32_t nedges, cap_edges;
    int32_t *mark, stamp, *stack;   /* the search of node_facts */
    struct Uses *uses;       /* SumUse of every file, resolved when a condition first asks */
    struct Mutations *mutations;    /* every class's attribute mutations by attribute, when first asked */
} Project;

static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h;
}

#define FNV_START 0xcbf29ce484222325ull

/* The hash of a module name, 8 bytes at a time. */
static uint64_t name_hash(const char *s, size_t len)
{
    uint64_t h = FNV_START ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
    }
    h = fnv(h, s + i, len - i);
    return h ^ h >> 32;
}

/* The slot of module name `name` (`len` bytes) in p->by_name: where its files start, or the empty
   slot where they would. */
static uint32_t name_slot(const Project *p, const char *name, size_t len)
{
    uint32_t at = (uint32_t)name_hash(name, len) & p->name_mask;
    for (;;) {
        int32_t f = p->by_name[at];
        if (f < 0 || (strncmp(p->names[f], name, len) == 0 && p->names[f][len] == 0))
            return at;
        at = (at + 1) & p->name_mask;
    }
}

/* The module names in a table (no sort, no string compared but the one looked for): files of one
   name chained in file order. */
static void index_names(Project *p)
{
    uint32_t slots = 16;
    while (slots < 2 * (uint32_t)p->n)
        slots *= 2;
    p->name_mask = slots - 1;
    p->by_name = xmalloc(slots * sizeof *p->by_name);
    memset(p->by_name, 0xff, slots * sizeof *p->by_name);
    p->same_name = xmalloc(((size_t)p->n + 1) * sizeof *p->same_name);
    int32_t *last = xmalloc(slots * sizeof *last);
    for (int32_t f = 0; f < p->n; f++) {
        uint32_t at = name_slot(p, p->names[f], strlen(p->names[f]));
        p->same_name[f] = -1;
        if (p->by_name[at] < 0)
            p->by_name[at] = f;
        else
            p->same_name[last[at]] = f;
        last[at] = f;
    }
    free(last);
}

/* The first file (in file order) of module `name` (`len` bytes), or -1. */
static int32_t first_named(const Project *p, const char *name, size_t len)
{
    return p->by_name[name_slot(p, name, len)];
}

/* ---- PEP 420 namespace packages ----
   A folder without `__init__.py` is a namespace package when the folder above it is on
   `sys.path`: `ns/sub/mod.py` is `ns.sub.mod` there (and `sub.mod` when `ns/` is the path entry,
   the name the file gets from its `__init__.py` files). Each file also has the names it gets from
   the MAX_NS_LEVELS folders above its root (whose names are identifiers): level L prefixes the
   last L folders of its root. A reference that names no module is looked up among them: as Python
   finds a namespace package's portions in the path entries, a name counts from the importer when
   what is left of the root (the path entry) holds the importer (the closest one wins), or when the
   importer is itself a portion of the same namespace (a namespace split across roots: `a/ns/x.py`
   and `b/ns/y.py`). Nothing is built for every file: a reference that names no module is split
   into folders and a module name, and the files of that module name (the name table) are asked
   whether their root ends with those folders. */
#define MAX_NS_LEVELS 3

static int is_identifier(const char *s, size_t len)
{
    if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')
              || s[i] == '_' || (unsigned char)s[i] >= 0x80))
            return 0;
    return 1;
}

/* Where the last `level` folders of `root` start (the path entry is root[0..at), less the slash),
   or -1 when the root has fewer folders or one of them is no identifier. */
static long ns_prefix(const char *root, int level)
{
    long at = (long)strlen(root);
    for (int l = 0; l < level; l++) {
        if (at <= 0)
            return -1;
        long start = at;
        while (start > 0 && root[start - 1] != '/')
            start--;
        if (!is_identifier(root + start, (size_t)(at - start)) || (start == 1 && root[0] == '/'))
            return -1;
        at = start > 0 ? start - 1 : 0;
        if (l + 1 < level && start == 0)
            return -1;
    }
    return at;
}

/* `root` is a folder above `path` ("" : the current folder, above every relative path). */
static int holds_path(const char *root, size_t len, const char *path)
{
    if (len == 0)
        return path[0] != '/';
    return strncmp(path, root, len) == 0 && path[len] == '/';
}

/* Is file `f` a portion of the namespace whose top-level name starts `name` (up to its dot)? */
static int in_namespace(const Project *p, int32_t f, const char *name)
{
    size_t top = strcspn(name, ".");
    for (int level = 1; level <= MAX_NS_LEVELS; level++) {
        long at = ns_prefix(p->roots[f], level);
        if (at < 0)
            return 0;
        const char *dir = p->roots[f] + at + (p->roots[f][at] == '/' ? 1 : 0);
        if (strncmp(dir, name, top) == 0 && (dir[top] == '/' || dir[top] == 0))
            return 1;
    }
    return 0;
}

/* Do the last `level` folders of file f's root, from root[at], spell `dirs` (`level` names
   joined by dots)? */
static int root_ends_with(const Project *p, int32_t f, long at, const char *dirs, size_t len)
{
    const char *d = p->roots[f] + at + (p->roots[f][at] == '/' ? 1 : 0);
    for (size_t i = 0; i < len; i++)
        if (d[i] != (dirs[i] == '.' ? '/' : dirs[i]))
            return 0;
    return d[len] == 0;
}

/* A file named `name` through a namespace package at `level`, in (file, level) order. */
typedef struct NsMatch {
    int32_t file, level;
    long at;
} NsMatch;

static int cmp_ns_match(const void *a, const void *b)
{
    const NsMatch *x = a, *y = b;
    return x->file != y->file ? (x->file > y->file) - (x->file < y->file) : (x->level > y->level) - (x->level < y->level);
}

/* The files that `name` names at some level: its first `level` parts are the last folders of the
   file's root, the rest is the file's module name. Malloc'ed, in (file, level) order. */
static NsMatch *namespace_matches(const Project *p, const char *name, int32_t *n)
{
    NsMatch *out = NULL;
    int32_t cap = 0;
    *n = 0;
    const char *rest = name;
    for (int level = 1; level <= MAX_NS_LEVELS; level++) {
        rest = strchr(rest, '.');
        if (!rest || !rest[1])
            break;
        rest++;
        size_t dirs_len = (size_t)(rest - 1 - name);
        for (int32_t f = first_named(p, rest, strlen(rest)); f >= 0; f = p->same_name[f]) {
            long at = ns_prefix(p->roots[f], level);
            if (at < 0 || !root_ends_with(p, f, at, name, dirs_len))
                continue;
            XGROW(out, *n + 1, cap, 8);
            out[(*n)++] = (NsMatch){ f, level, at };
        }
    }
    if (*n > 1)
        qsort(out, (size_t)*n, sizeof *out, cmp_ns_match);
    return out;
}

/* The file of `name` through namespace packages, for a reference made by file `importer`. */
static int32_t find_namespace(const Project *p, const char *name, int32_t importer)
{
    int32_t n, best = -1, portion = -1;
    long best_len = -1;
    NsMatch *m = namespace_matches(p, name, &n);
    for (int32_t i = 0; i < n; i++) {
        if (holds_path(p->roots[m[i].file], (size_t)m[i].at, p->files[importer].path)) {
            if (m[i].at > best_len) {
                best = m[i].file;
                best_len = m[i].at;
            }
        } else if (portion < 0 && in_namespace(p, importer, name)) {
            portion = m[i].file;
        }
    }
    free(m);
    return best >= 0 ? best : portion;
}

/* The file of module `name`: the only one so named, or the first under the importer's root; else
   through namespace packages. */
static int32_t find_module(const Project *p, const char *name, int32_t importer)
{
    int32_t first = first_named(p, name, strlen(name));
    if (first < 0)
        return find_namespace(p, name, importer);
    if (p->same_name[first] < 0)
        return first;
    for (int32_t f = first; f >= 0; f = p->same_name[f])
        if (strcmp(p->roots[f], p->roots[importer]) == 0)
            return f;
    return -1;
}

/* `.helpers.x` in module `file` -> `pkg.helpers.x`; absolute names are copied. NULL when the
   dots climb above the top package. */
static char *absolute(const Project *p, int32_t file, const char *ref)
{
    size_t level = strspn(ref, ".");
    if (level == 0)
        return xstrdup(ref);
    char *base = xstrdup(p->names[file]);
    for (size_t up = p->is_pkg[file] ? 1 : 0; up < level; up++) {
        char *dot = strrchr(base, '.');
        if (!dot && up + 1 < level) {
            free(base);
            return NULL;
        }
        if (dot)
            *dot = 0;
        else
            base[0] = 0;
    }
    const char *rest = ref + level;
    char *out = !*base ? xstrdup(rest) : !*rest ? xstrdup(base) : xasprintf("%s.%s", base, rest);
    free(base);
    return out;
}

/* What a reference names. */
typedef struct Target {
    int32_t file;
    const SumFunc *func;
    const SumClass *cls;
    const SumName *name;     /* a module-level value (neither def nor class) */
} Target;

static int resolve(const Project *p, int32_t file, const char *ref, int depth, Target *t);

static int in_all(const ModSummary *s, const char *attr)
{
    if (!s->has_all)
        return attr[0] != '_';
    for (int32_t i = 0; i < s->nall; i++)
        if (strcmp(s->all[i], attr) == 0)
            return 1;
    return 0;
}

/* `attr` reached through `from X import *` of module `file`. */
static int lookup_star(const Project *p, int32_t file, const char *attr, int depth, Target *t)
{
    const ModSummary *s = p->files[file].summary;
    for (int32_t i = 0; i < s->nstars; i++) {
        char *mod = absolute(p, file, s->stars[i]);
        int32_t m = mod ? find_module(p, mod, file) : -1;
        free(mod);
        if (m < 0 || m == file || !p->files[m].summary || !in_all(p->files[m].summary, attr))
            continue;
        char *ref = xasprintf("%s.%s", p->names[m], attr);
        int ok = resolve(p, m, ref, depth + 1, t);
        free(ref);
        if (ok)
            return 1;
    }
    return 0;
}

/* `attr` (`name` or `Cls.method`) among the top-level names of module `file`. */
static int lookup(const Project *p, int32_t file, const char *attr, int depth, Target *t)
{
    const ModSummary *s = p->files[file].summary;
    if (!s || depth > PROJECT_MAX_HOPS)
        return 0;
    const char *dot = strchr(attr, '.');
    char *head = dot ? xstrndup(attr, (size_t)(dot - attr)) : xstrdup(attr);
    const SumName *n = summary_name(s, head);
    int ok = 0;
    memset(t, 0, sizeof *t);
    t->file = file;
    if (n && n->value == SUM_VALUE_IMPORT) {
        char *ref = dot ? xasprintf("%s%s", n->target, dot) : xstrdup(n->target);
        ok = resolve(p, file, ref, depth + 1, t);
        free(ref);
    } else if (n && n->value == SUM_VALUE_CLASS) {
        t->func = dot ? summary_func(s, attr) : NULL;
        t->cls = dot ? NULL : summary_class(s, attr);
        ok = t->func || t->cls;
    } else if (n && !dot) {
        t->func = n->value == SUM_VALUE_FUNCTION ? summary_func(s, attr) : NULL;
        t->name = t->func ? NULL : n;
        ok = 1;
    } else if (!n) {
        ok = lookup_star(p, file, head, depth, t) && !dot;
    }
    free(head);
    return ok;
}

/* The longest prefix of the absolute name that is a module, then the rest inside it. */
static int resolve(const Project *p, int32_t file, const char *ref, int depth, Target *t)
{
    if (depth > PROJECT_MAX_HOPS)
        return 0;
    if (ref[0] == '@')
        return lookup(p, file, ref + 1, depth, t);
    char *abs = absolute(p, file, ref);
    if (!abs)
        return 0;
    int ok = 0;
    for (char *cut = strrchr(abs, '.'); cut; ) {
        *cut = 0;
        int32_t m = find_module(p, abs, file);
        if (m >= 0) {
            ok = lookup(p, m, cut + 1, depth + 1, t);
            break;
        }
        char *prev = strrchr(abs, '.');
        *cut = '.';
        cut = prev;
    }
    free(abs);
    return ok;
}

/* ---- parameter nodes and call edges ---- */

static int32_t func_index(const ModSummary *s, const SumFunc *f)
{
    return (int32_t)(f - s->funcs);
}

/* Node of the parameter of `t` (a def, or a class: its __init__ after `self`) that receives
   positional argument `index` or keyword `kw`; -1 when none does or it is *args / **kwargs. */
static int32_t param_node(const Project *p, const Target *t, int32_t index, const char *kw)
{
    const ModSummary *s = p->files[t->file].summary;
    const SumFunc *f = t->func;
    int32_t shift = 0;
    if (t->cls) {
        char *init = xasprintf("%s.__init__", t->cls->name);
        f = summary_func(s, init);
        free(init);
        shift = 1;
    }
    if (!f)
        return -1;
    int32_t k = -1;
    if (kw) {
        for (int32_t i = shift; i < f->nparams && k < 0; i++)
            if (strcmp(f->params[i].name, kw) == 0)
                k = i;
    } else if (index >= 0 && index + shift < f->npositional) {
        k = index + shift;
    }
    return k < 0 ? -1 : p->param_base[p->func_base[t->file] + func_index(s, f)] + k;
}

static int32_t ref_node(const Project *p, int32_t file, const DiagRef *r, Target *t)
{
    if (!resolve(p, file, r->target, 0, t) || (!t->func && !t->cls))
        return -1;
    return param_node(p, t, r->index, r->keyword);
}

static void add_edge(Project *p, int32_t to)
{
    if (p->nedges == p->cap_edges) {
        p->cap_edges = p->cap_edges ? p->cap_edges * 2 : 64;
        p->edge_to = xrealloc(p->edge_to, (size_t)p->cap_edges * sizeof *p->edge_to);
    }
    p->edge_to[p->nedges++] = to;
}

enum { KEEPING = SUM_PARAM_STORES | SUM_PARAM_RETURNS | SUM_PARAM_CAPTURED | SUM_PARAM_ALIASED
                 | SUM_PARAM_REBOUND | SUM_PARAM_UNKNOWN };

enum { FACT_MUTATES = 1, FACT_CALLED = 2, FACT_KEEPS = 4, FACT_DONE = 8 };

/* Number the parameters and record their own effects; call edges are resolved when a condition
   first reaches them (node_facts). */
static void build_nodes(Project *p)
{
    int32_t nfuncs = 0;
    p->func_base = xcalloc((size_t)p->n + 1, sizeof *p->func_base);
    for (int32_t i = 0; i < p->n; i++) {
        p->func_base[i] = nfuncs;
        nfuncs += p->files[i].summary ? p->files[i].summary->nfuncs : 0;
    }
    p->param_base = xcalloc((size_t)nfuncs + 1, sizeof *p->param_base);
    for (int32_t i = 0, k = 0; i < p->n; i++)
        for (int32_t f = 0; p->files[i].summary && f < p->files[i].summary->nfuncs; f++, k++) {
            p->param_base[k] = p->nnodes;
            p->nnodes += p->files[i].summary->funcs[f].nparams;
        }
    size_t n = (size_t)p->nnodes + 1;   /* the arrays the loop below fills are not zeroed first */
    p->eff = xmalloc(n * sizeof *p->eff);
    p->node_file = xmalloc(n * sizeof *p->node_file);
    p->node_param = xmalloc(n * sizeof *p->node_param);
    p->node_func = xmalloc(n * sizeof *p->node_func);
    p->facts = xcalloc(n, 1);
    p->kept_mutated = xcalloc(n, 1);
    p->edge_first = xmalloc(n * sizeof *p->edge_first);
    p->edge_count = xcalloc(n, sizeof *p->edge_count);
    p->mark = xcalloc(n, sizeof *p->mark);
    p->stack = xmalloc(n * sizeof *p->stack);   /* scratch of the searches */
    for (int32_t i = 0, node = 0; i < p->n; i++)
        for (int32_t f = 0; p->files[i].summary && f < p->files[i].summary->nfuncs; f++) {
            const SumFunc *fn = &p->files[i].summary->funcs[f];
            for (int32_t k = 0; k < fn->nparams; k++, node++) {
                p->eff[node] = fn->params[k].effects;
                p->node_file[node] = i;
                p->node_param[node] = &fn->params[k];
                p->node_func[node] = fn;
                p->edge_first[node] = -1;
            }
        }
}

static void node_edges(Project *p, int32_t node)
{
    if (p->edge_first[node] >= 0)
        return;
    const SumParam *sp = p->node_param[node];
    p->edge_first[node] = p->nedges;
    for (int32_t j = 0; j < sp->npasses; j++) {
        Target t;
        add_edge(p, ref_node(p, p->node_file[node], &sp->passes[j], &t));
    }
    p->edge_count[node] = p->nedges - p->edge_first[node];
}

static int kept_and_mutated(const Project *p, int32_t node, char **how);

/* A parameter that `start` hands its argument to (itself included, along call edges) that has an
   effect in `want` (with `kept`, or keeps it where code of the project mutates it; with
   `unresolved`, or gives it to a callee nobody resolves): its node, else -1. With `plain`, the
   search only goes through parameters that are not rebound (a rebound one passes on another
   object). */
static int32_t reaches(Project *p, int32_t start, uint16_t want, int unresolved, int plain, int kept)
{
    int32_t top = 0;
    p->stamp++;
    p->mark[start] = p->stamp;
    p->stack[top++] = start;
    while (top > 0) {
        int32_t n = p->stack[--top];
        if ((p->eff[n] & want) || (kept && kept_and_mutated(p, n, NULL)))
            return n;
        node_edges(p, n);
        for (int32_t e = p->edge_first[n]; e < p->edge_first[n] + p->edge_count[n]; e++) {
            int32_t b = p->edge_to[e];
            if (b < 0) {
                if (unresolved)
                    return n;
                continue;
            }
            if (p->mark[b] == p->stamp || (plain && (p->eff[b] & SUM_PARAM_REBOUND)))
                continue;
            p->mark[b] = p->stamp;
            p->stack[top++] = b;
        }
    }
    return -1;
}

/* What a parameter does to its argument, with what its callees do (the least fixed point of the
   facts flowing back along call edges, computed only for the parameters asked about). A memo:
   the facts do not change during the run. */
static uint8_t node_facts(const Project *cp, int32_t node)
{
    Project *p = (Project *)cp;
    if (!(p->facts[node] & FACT_DONE)) {
        uint8_t f = FACT_DONE;
        if (!(p->eff[node] & SUM_PARAM_REBOUND) && reaches(p, node, SUM_PARAM_MUTATES, 0, 1, 1) >= 0)
            f |= FACT_MUTATES;
        if (reaches(p, node, SUM_PARAM_CALLS, 0, 0, 0) >= 0)
            f |= FACT_CALLED;
        if (reaches(p, node, KEEPING, 1, 0, 0) >= 0)
            f |= FACT_KEEPS;
        p->facts[node] = f;
    }
    return p->facts[node];
}

/* ---- deciding the conditional findings ---- */

static int class_is_enum(const Project *p, int32_t file, const SumClass *c, int depth)
{
    if (c->facts & SUM_CLASS_ENUM)
        return 1;
    for (int32_t i = 0; i < c->nbases && depth < PROJECT_MAX_HOPS; i++) {
        Target t;
        if (resolve(p, file, c->bases[i], depth + 1, &t) && t.cls && class_is_enum(p, t.file, t.cls, depth + 1))
            return 1;
    }
    return 0;
}

/* Instances of the class are values: an Enum (also through bases of the project), a NamedTuple,
   a frozen dataclass or attrs class. */
static int class_is_value(const Project *p, int32_t file, const SumClass *c, int depth)
{
    return (c->facts & (SUM_CLASS_NAMEDTUPLE | SUM_CLASS_FROZEN)) || class_is_enum(p, file, c, depth);
}

/* Calling what `ref` names gives an immutable value or a dataclass field. */
static int returns_value(const Project *p, int32_t file, const char *ref, int depth)
{
    Target t;
    if (depth > PROJECT_MAX_HOPS || !resolve(p, file, ref, depth, &t))
        return 0;
    if (t.cls)
        return class_is_value(p, t.file, t.cls, depth);
    if (!t.func)
        return 0;
    switch (t.func->returns) {
    case SUM_RETURN_NONE:
    case SUM_RETURN_IMMUTABLE:
    case SUM_RETURN_FIELD:
        return 1;
    case SUM_RETURN_CALL:
        return returns_value(p, t.file, t.func->ret_ref, depth + 1);
    case SUM_RETURN_MEMBER: {
        Target owner;
        return resolve(p, t.file, t.func->ret_ref, depth + 1, &owner) && owner.cls
               && class_is_enum(p, owner.file, owner.cls, depth + 1);
    }
    default:
        return 0;
    }
}

/* Does calling class `c` give a new object with state of its own? Not for values (an Enum, a
   NamedTuple, a frozen dataclass or attrs class), descriptors, or classes that may hand out an
   existing instance (a metaclass, a `__new__`). */
static int class_makes_state(const Project *p, int32_t file, const SumClass *c, int depth)
{
    if ((c->facts & (SUM_CLASS_DESCRIPTOR | SUM_CLASS_METACLASS | SUM_CLASS_IMMUTABLE_BASE))
        || class_is_value(p, file, c, depth) || depth > PROJECT_MAX_HOPS)
        return 0;
    char *new_name = xasprintf("%s.__new__", c->name);
    int has_new = summary_func(p->files[file].summary, new_name) != NULL;
    free(new_name);
    for (int32_t i = 0; i < c->nbases && !has_new; i++) {   /* what the project's bases make */
        Target t;
        if (resolve(p, file, c->bases[i], depth + 1, &t) && t.cls && !class_makes_state(p, t.file, t.cls, depth + 1))
            return 0;
    }
    return !has_new;
}

/* Calling what `ref` names gives a new mutable container or a new instance of a class of the
   project that holds state (also through a function that returns the call of another): the
   function or class that builds it in *t. */
static int returns_mutable(const Project *p, int32_t file, const char *ref, int depth, Target *t)
{
    if (depth > PROJECT_MAX_HOPS || !resolve(p, file, ref, depth, t))
        return 0;
    if (t->cls)
        return class_makes_state(p, t->file, t->cls, depth);
    if (!t->func)
        return 0;
    if (t->func->returns == SUM_RETURN_MUTABLE)
        return 1;
    return t->func->returns == SUM_RETURN_CALL && returns_mutable(p, t->file, t->func->ret_ref, depth + 1, t);
}

/* Does class `c` of `file` derive (through the project's classes) from class `want`? */
static int derives_from(const Project *p, int32_t file, const SumClass *c, const Target *want, int depth)
{
    if (file == want->file && c == want->cls)
        return 1;
    for (int32_t i = 0; i < c->nbases && depth < PROJECT_MAX_HOPS; i++) {
        Target t;
        if (resolve(p, file, c->bases[i], depth + 1, &t) && t.cls && derives_from(p, t.file, t.cls, want, depth + 1))
            return 1;
    }
    return 0;
}

/* The SumUse records of every file, with what their reference names (resolved once). */
typedef struct UseAt {
    int32_t file;            /* whose code mutates */
    const SumUse *use;
    int ok;                  /* `t` is the def or class whose call gives the mutated object */
    Target t;
    /* The call: use->npos/keywords/attr, or for a module-level name bound to a call
       (`REGISTRY = get_registry()` mutated as `REGISTRY[k] = v` or `mod.BOX.items.append(x)`),
       the name's call (SumName) and the attribute after the name. */
    int32_t npos;
    const char *keywords;
    const char *attr;
} UseAt;

typedef struct Uses {
    UseAt *items;
    int32_t n;
    int32_t *by_file;        /* indexes of the resolved items, by their target's file, then in
                                items order: a condition looks only at uses of its own module */
    int32_t nby_file;
} Uses;

/* `ref` (in module `file`) names a module-level name bound to a call of a def or class: that
   def or class in *t and the call in *call. */
static int named_call(const Project *p, int32_t file, const char *ref, Target *t, const SumNameCall **call)
{
    Target n;
    if (!resolve(p, file, ref, 0, &n) || !n.name || !(*call = summary_name_call(p->files[n.file].summary, n.name->name)))
        return 0;
    return resolve(p, n.file, (*call)->ref, 1, t) && (t->func || t->cls);
}

/* A use of an object named without a call (npos -1): the object a module-level name got from a
   call, or an attribute of it (the last part of the reference). */
static int use_of_named_call(const Project *p, int32_t file, UseAt *a)
{
    const SumNameCall *name;
    const char *ref = a->use->ref;
    const char *dot = strrchr(ref, '.');
    if (!a->use->attr && named_call(p, file, ref, &a->t, &name)) {
        a->attr = NULL;
    } else if (!a->use->attr && dot && dot > ref && dot[-1] != '.') {
        char *owner = xstrndup(ref, (size_t)(dot - ref));
        int ok = named_call(p, file, owner, &a->t, &name);
        free(owner);
        if (!ok)
            return 0;
        a->attr = dot + 1;
    } else {
        return 0;
    }
    a->npos = name->npos;
    a->keywords = name->keywords;
    return 1;
}

/* u->by_file by a counting sort over the target's file (stable: items order within a file). */
static void index_by_target_file(Uses *u, int32_t nfiles)
{
    int32_t *start = xcalloc((size_t)nfiles + 1, sizeof *start);
    for (int32_t i = 0; i < u->n; i++)
        if (u->items[i].ok)
            start[u->items[i].t.file + 1]++;
    for (int32_t f = 0; f < nfiles; f++)
        start[f + 1] += start[f];
    u->nby_file = start[nfiles];
    u->by_file = xcalloc((size_t)u->nby_file + 1, sizeof *u->by_file);
    for (int32_t i = 0; i < u->n; i++)
        if (u->items[i].ok)
            u->by_file[start[u->items[i].t.file]++] = i;
    free(start);
}

static const Uses *project_uses(const Project *p)
{
    if (p->uses)
        return p->uses;
    Uses *u = xcalloc(1, sizeof *u);
    int32_t n = 0;
    for (int32_t f = 0; f < p->n; f++)
        n += p->files[f].summary ? p->files[f].summary->nuses : 0;
    u->items = xcalloc((size_t)n + 1, sizeof *u->items);
    for (int32_t f = 0; f < p->n; f++)
        for (int32_t k = 0; p->files[f].summary && k < p->files[f].summary->nuses; k++) {
            UseAt *a = &u->items[u->n++];
            a->file = f;
            a->use = &p->files[f].summary->uses[k];
            a->npos = a->use->npos;
            a->keywords = a->use->keywords;
            a->attr = a->use->attr;
            a->ok = (a->use->flags & (SUM_USE_OWN_GLOBAL | SUM_USE_OWN_ITEM)) ? 0
                  : a->use->npos >= 0 ? resolve(p, f, a->use->ref, 0, &a->t) : use_of_named_call(p, f, a);
        }
    index_by_target_file(u, p->n);
    ((Project *)p)->uses = u;   /* a memo: the project's facts do not change */
    return u;
}

/* The first entry of u->by_file whose target's file is `file` or after it. O(log n). */
static int32_t first_use_of_file(const Uses *u, int32_t file)
{
    int32_t lo = 0, hi = u->nby_file;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (u->items[u->by_file[mid]].t.file < file)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does the call of `u` leave out the argument at positional `index` (-1: keyword-only) and
   keyword `kw`? */
static int omits(const UseAt *u, int32_t index, const char *kw)
{
    if (u->npos < 0 || (index >= 0 && u->npos > index))
        return 0;
    size_t len = strlen(kw);
    for (const char *k = u->keywords; *k; ) {
        const char *comma = strchr(k, ',');
        if (!comma)
            break;
        if ((size_t)(comma - k) == len && strncmp(k, kw, len) == 0)
            return 0;
        k = comma + 1;
    }
    return 1;
}

static char *describe_use(const Project *p, const UseAt *a)
{
    return xasprintf("`%s` (%s:%d)", a->use->where, p->files[a->file].path, a->use->line);
}

/* Code of another module mutates `.attr` (attr NULL: the object itself) of what calling the
   def or class `want` without its argument `arg` (index, keyword) gives: described in *callee. */
static int result_mutated(const Project *p, int32_t file, const Target *want, const char *attr,
                          const DiagRef *arg, char **callee)
{
    const Uses *u = project_uses(p);
    for (int32_t i = first_use_of_file(u, want->file); i < u->nby_file; i++) {
        const UseAt *a = &u->items[u->by_file[i]];
        if (a->t.file != want->file)
            break;
        if (a->file == file || a->t.func != want->func || a->t.cls != want->cls
            || (attr == NULL) != (a->attr == NULL) || (attr && strcmp(attr, a->attr) != 0)
            || !arg->keyword || !omits(a, arg->index, arg->keyword))
            continue;
        *callee = describe_use(p, a);
        return 1;
    }
    return 0;
}

/* Does `ref` (a reference of module `f`) name the module-level name `name` of `file` itself, as an
   attribute of that module or imported bare from it? (A package that re-exports the name holds a
   copy made when it was imported, not what a later `global` statement puts there.) */
static int names_global(const Project *p, int32_t f, const char *ref, int32_t file, const char *name)
{
    const char *dot = strrchr(ref, '.');
    if (!dot || strcmp(dot + 1, name) != 0)
        return 0;
    char *mod = xstrndup(ref, (size_t)(dot - ref));
    char *abs = *mod ? absolute(p, f, mod) : NULL;
    int32_t m = abs ? find_module(p, abs, f) : -1;
    free(mod);
    free(abs);
    return m == file;
}

/* Code of another module mutates the module-level name `name` of `file` through the module (or
   through a name imported bare when the mutation runs: an import at module level holds the object
   the name had then, not the one `global` put there later). */
static int global_mutated(const Project *p, int32_t file, const char *name, char **callee)
{
    for (int32_t f = 0; f < p->n; f++) {
        const ModSummary *s = f == file ? NULL : p->files[f].summary;
        for (int32_t k = 0; s && k < s->nuses; k++) {
            const SumUse *use = &s->uses[k];
            if (use->npos >= 0 || use->attr || (use->flags & SUM_USE_BOUND_AT_IMPORT))
                continue;
            if (names_global(p, f, use->ref, file, name)) {
                *callee = xasprintf("`%s` (%s:%d)", use->where, p->files[f].path, use->line);
                return 1;
            }
        }
    }
    return 0;
}

/* A method's mutation of `self.<attr>`, with its class and file. */
typedef struct MutationAt {
    const SumAttrMutation *m;
    const SumClass *cls;
    int32_t file;
    int32_t order;           /* its place in the walk of files, classes and mutations */
} MutationAt;

typedef struct Mutations {
    MutationAt *items;       /* sorted by attribute, then order */
    int32_t n;
} Mutations;

static int cmp_mutation(const void *a, const void *b)
{
    const MutationAt *x = a, *y = b;
    int c = strcmp(x->m->attr, y->m->attr);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Every class's attribute mutations, sorted by attribute (built once: a condition asks one
   attribute, and there are many conditions). */
static const Mutations *project_mutations(const Project *p)
{
    if (p->mutations)
        return p->mutations;
    Mutations *mu = xcalloc(1, sizeof *mu);
    int32_t n = 0;
    for (int32_t f = 0; f < p->n; f++)
        for (int32_t c = 0; p->files[f].summary && c < p->files[f].summary->nclasses; c++)
            n += p->files[f].summary->classes[c].nmutations;
    mu->items = xcalloc((size_t)n + 1, sizeof *mu->items);
    for (int32_t f = 0; f < p->n; f++)
        for (int32_t c = 0; p->files[f].summary && c < p->files[f].summary->nclasses; c++) {
            const SumClass *cls = &p->files[f].summary->classes[c];
            for (int32_t k = 0; k < cls->nmutations; k++, mu->n++)
                mu->items[mu->n] = (MutationAt){ &cls->mutations[k], cls, f, mu->n };
        }
    if (mu->n > 1)
        qsort(mu->items, (size_t)mu->n, sizeof *mu->items, cmp_mutation);
    ((Project *)p)->mutations = mu;   /* a memo, like project_uses */
    return mu;
}

/* A method of a subclass of the class `r->target` mutates `self.<r->keyword>`: described in
   *callee. The class's own methods do not count (the rule read them). Mutations are taken in
   file, class and source order, so the first one found is always the same. */
static int subclass_mutates(const Project *p, const Target *want, const DiagRef *r, char **callee)
{
    const Mutations *mu = project_mutations(p);
    int32_t lo = 0, hi = mu->n;
    while (lo < hi) {   /* the first mutation of the attribute */
        int32_t mid = lo + (hi - lo) / 2;
        if (strcmp(mu->items[mid].m->attr, r->keyword) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int32_t i = lo; i < mu->n && strcmp(mu->items[i].m->attr, r->keyword) == 0; i++) {
        const MutationAt *at = &mu->items[i];
        if ((at->file == want->file && at->cls == want->cls) || !derives_from(p, at->file, at->cls, want, 0))
            continue;
        *callee = xasprintf("`%s` (%s:%d)", at->m->method, p->files[at->file].path, at->m->line);
        return 1;
    }
    return 0;
}

/* Method `at` (not `skip` of class `want`) mutates `self.<attr>` of instances of class `want`:
   it is a method of `want` or of one of its bases. */
static int mutates_instances_of(const Project *p, const MutationAt *at, const Target *want, const char *skip)
{
    Target base = { .file = at->file, .cls = at->cls };
    if (at->file == want->file && at->cls == want->cls && strcmp(at->m->method, skip) == 0)
        return 0;
    return derives_from(p, want->file, want->cls, &base, 0);
}

/* `self.<attr>` stored by method `fn` (`Cls.m`) of `file` is mutated by a method of Cls or of a
   base of it (not after rebinding the attribute: the summary leaves those out). */
static int attr_store_mutated(const Project *p, int32_t file, const SumFunc *fn, const char *attr, char **how)
{
    const char *dot = strchr(fn->name, '.');
    char *cls = dot ? xstrndup(fn->name, (size_t)(dot - fn->name)) : NULL;
    Target want = { .file = file, .cls = cls ? summary_class(p->files[file].summary, cls) : NULL };
    free(cls);
    if (!want.cls)
        return 0;
    const Mutations *mu = project_mutations(p);
    int32_t lo = 0, hi = mu->n;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (strcmp(mu->items[mid].m->attr, attr) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int32_t i = lo; i < mu->n && strcmp(mu->items[i].m->attr, attr) == 0; i++) {
        const MutationAt *at = &mu->items[i];
        if (!mutates_instances_of(p, at, &want, fn->name))
            continue;
        if (how)
            *how = xasprintf("`%s` (%s:%d) through `self.%s`", at->m->method, p->files[at->file].path,
                             at->m->line, attr);
        return 1;
    }
    return 0;
}

/* The module-level name `name` of `file`, where function `fn` stores its argument, is mutated by
   another function of that module or by code of another module (global_mutated). */
static int global_store_mutated(const Project *p, int32_t file, const SumFunc *fn, const char *name, char **how)
{
    const ModSummary *s = p->files[file].summary;
    for (int32_t k = 0; k < s->nuses; k++) {
        const SumUse *use = &s->uses[k];
        if ((use->flags & SUM_USE_OWN_GLOBAL) && strcmp(use->ref + 1, name) == 0 && strcmp(use->where, fn->name) != 0) {
            if (how)
                *how = xasprintf("`%s` (%s:%d) through global `%s`", use->where, p->files[file].path, use->line, name);
            return 1;
        }
    }
    char *other = NULL;
    if (!global_mutated(p, file, name, &other))
        return 0;
    if (how)
        *how = xasprintf("%s through global `%s`", other, name);
    free(other);
    return 1;
}

/* An item of the module-level container `name` of `file`, where function `fn` stores its
   argument, is mutated by another function of that module (`G[k].append(x)`). */
static int item_store_mutated(const Project *p, int32_t file, const SumFunc *fn, const char *name, char **how)
{
    const ModSummary *s = p->files[file].summary;
    for (int32_t k = 0; k < s->nuses; k++) {
        const SumUse *use = &s->uses[k];
        if ((use->flags & SUM_USE_OWN_ITEM) && strcmp(use->ref + 1, name) == 0 && strcmp(use->where, fn->name) != 0) {
            if (how)
                *how = xasprintf("`%s` (%s:%d) through an item of `%s`", use->where, p->files[file].path, use->line,
                                 name);
            return 1;
        }
    }
    return 0;
}

/* The function of parameter `node` keeps its argument (SumParam.store) where code of the project
   mutates it; *how (when given) receives "`Cls.add` (path:line) through `self.items`". A memo. */
static int kept_and_mutated(const Project *cp, int32_t node, char **how)
{
    Project *p = (Project *)cp;
    const SumParam *sp = p->node_param[node];
    if (sp->store == SUM_STORE_NONE || !sp->store_name)
        return 0;
    if (p->kept_mutated[node] == 1 || (p->kept_mutated[node] == 2 && !how))
        return p->kept_mutated[node] == 2;
    int32_t file = p->node_file[node];
    const SumFunc *fn = p->node_func[node];
    int ok = sp->store == SUM_STORE_ATTR ? attr_store_mutated(p, file, fn, sp->store_name, how)
           : sp->store == SUM_STORE_ITEM ? item_store_mutated(p, file, fn, sp->store_name, how)
                                         : global_store_mutated(p, file, fn, sp->store_name, how);
    p->kept_mutated[node] = ok ? 2 : 1;
    return ok;
}

/* `self.<refs[0].keyword>` of class refs[0] is mutated by a subclass's method, or (refs[1]) of an
   instance built elsewhere without the argument. */
static int attr_mutated(const Project *p, int32_t file, const DiagCond *c, char **callee)
{
    Target want;
    const DiagRef *r = &c->refs[0];
    if (!r->keyword || !resolve(p, file, r->target, 0, &want) || !want.cls)
        return 0;
    if (subclass_mutates(p, &want, r, callee))
        return 1;
    return c->nrefs == 2 && result_mutated(p, file, &want, r->keyword, &c->refs[1], callee);
}

static char *describe_callee(const Project *p, const Target *t, const DiagRef *r)
{
    const char *name = t->func ? t->func->name : t->cls->name;
    int32_t line = t->func ? t->func->line : t->cls->line;
    return xasprintf("`%s` (%s:%d) at line %d", name, p->files[t->file].path, line, r->line);
}

/* Who mutates what the argument `r` given to `t` (parameter `node`) becomes: `t` itself (or its
   callees), or the code that mutates it where a function keeps it. */
static char *describe_mutation(const Project *cp, const Target *t, const DiagRef *r, int32_t node)
{
    Project *p = (Project *)cp;
    int32_t at = reaches(p, node, SUM_PARAM_MUTATES, 0, 1, 1);
    char *how = NULL;
    if (at < 0 || (p->eff[at] & SUM_PARAM_MUTATES) || !kept_and_mutated(p, at, &how) || !how)
        return describe_callee(p, t, r);
    const SumFunc *keeper = p->node_func[at];
    char *out = xasprintf("%s (kept there by `%s` (%s:%d), given it at line %d)", how, keeper->name,
                          p->files[p->node_file[at]].path, p->node_param[at]->store_line, r->line);
    free(how);
    return out;
}

/* Does the condition hold? *callee receives the text for DIAG_CALLEE_MARK (malloc'ed) or NULL. */
static int holds(const Project *p, int32_t file, const DiagCond *c, char **callee)
{
    *callee = NULL;
    Target t;
    switch (c->kind) {
    case DIAG_COND_MUTATES:
        if (c->name && !(resolve(p, file, c->name, 0, &t) && t.name && t.name->value == SUM_VALUE_MUTABLE))
            return 0;
        if (c->nrefs == 0)
            return 1;
        for (int32_t i = 0; i < c->nrefs; i++) {
            int32_t node = ref_node(p, file, &c->refs[i], &t);
            if (node >= 0 && (node_facts(p, node) & FACT_MUTATES)) {
                *callee = describe_mutation(p, &t, &c->refs[i], node);
                return 1;
            }
        }
        return 0;
    case DIAG_COND_CALLS_NOW:
        for (int32_t i = 0; i < c->nrefs; i++) {
            int32_t node = ref_node(p, file, &c->refs[i], &t);
            if (node < 0 || (node_facts(p, node) & (FACT_CALLED | FACT_KEEPS)) != FACT_CALLED)
                return 0;
        }
        return c->nrefs > 0;
    case DIAG_COND_RETURNS_MUTABLE:
    case DIAG_COND_RETURNS_INSTANCE:
        if (c->nrefs != 1 || !returns_mutable(p, file, c->refs[0].target, 0, &t)
            || (c->kind == DIAG_COND_RETURNS_INSTANCE && !t.cls))
            return 0;
        *callee = t.cls ? xasprintf("a new instance of `%s` (%s:%d)", t.cls->name, p->files[t.file].path, t.cls->line)
                        : xasprintf("a new container, made by `%s` (%s:%d)", t.func->name, p->files[t.file].path,
                                    t.func->line);
        return 1;
    case DIAG_COND_RETURNS_VALUE:
        return c->nrefs == 1 && returns_value(p, file, c->refs[0].target, 0);
    case DIAG_COND_ATTR_MUTATED:
        return (c->nrefs == 1 || c->nrefs == 2) && attr_mutated(p, file, c, callee);
    case DIAG_COND_RESULT_MUTATED:
        return c->nrefs == 1 && resolve(p, file, c->refs[0].target, 0, &t) && t.func
               && result_mutated(p, file, &t, NULL, &c->refs[0], callee);
    case DIAG_COND_GLOBAL_MUTATED:
        return c->nrefs == 1 && c->refs[0].keyword && global_mutated(p, file, c->refs[0].keyword, callee);
    default:
        return 0;
    }
}

/* The message with DIAG_CALLEE_MARK replaced (or the callee name dropped when none is known). */
static char *fill_message(char *msg, const char *callee)
{
    char *mark = strstr(msg, DIAG_CALLEE_MARK);
    if (!mark)
        return msg;
    char *out = xasprintf("%.*s%s%s", (int)(mark - msg), msg, callee ? callee : "a function of another module",
                          mark + strlen(DIAG_CALLEE_MARK));
    free(msg);
    return out;
}

static void decide(const Project *p, int32_t file, DiagPendingList *list, DiagList *out)
{
    for (int32_t i = 0; i < list->n; i++) {
        DiagPending *d = &list->items[i];
        char *callee;
        int ok = holds(p, file, &d->cond, &callee);
        if (ok == d->when) {
            if (out->n == out->cap)
                XGROW(out->items, out->n + 1, out->cap, 4);
            d->diag.message = fill_message(d->diag.message, callee);
            out->items[out->n++] = d->diag;
            d->diag.message = NULL;
            d->diag.fix = NULL;
        }
        free(callee);
    }
    diag_pending_free(list);
}

static void project_free(Project *p)
{
    for (int32_t i = 0; i < p->n; i++) {
        if (!p->files[i].module) {
            free(p->names[i]);
            free(p->roots[i]);
        }
    }
    free(p->names);
    free(p->roots);
    free(p->is_pkg);
    free(p->by_name);
    free(p->same_name);
    free(p->func_base);
    free(p->param_base);
    free(p->eff);
    free(p->node_file);
    free(p->node_param);
    free(p->node_func);
    free(p->facts);
    free(p->kept_mutated);
    free(p->edge_first);
    free(p->edge_count);
    free(p->mark);
    free(p->stack);
    free(p->edge_to);
    if (p->uses)
        free(p->uses->items);
    if (p->uses)
        free(p->uses->by_file);
    free(p->uses);
    if (p->mutations)
        free(p->mutations->items);
    free(p->mutations);
}

static int any_pending(const ProjectFile *files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (files[i].pending && files[i].pending->n > 0)
            return 1;
    return 0;
}

void project_run(ProjectFile *files, size_t n, DiagList *out)
{
    if (!any_pending(files, n))
        return;   /* nothing to decide: the modules need not even be named */
    Project p = { .files = files, .n = (int32_t)n };
    p.names = xcalloc(n + 1, sizeof *p.names);
    p.roots = xcalloc(n + 1, sizeof *p.roots);
    p.is_pkg = xcalloc(n + 1, 1);
    DirMemo memo = {0};
    for (int32_t i = 0; i < p.n; i++) {
        int pkg;
        if (files[i].module) {
            p.names[i] = files[i].module->name;
            p.roots[i] = files[i].module->root;
            pkg = files[i].module->is_pkg;
        } else {
            p.names[i] = module_of_memo(files[i].path, &p.roots[i], &pkg, &memo);
        }
        p.is_pkg[i] = (uint8_t)pkg;
    }
    memo_free(&memo);
    index_names(&p);
    build_nodes(&p);
    for (int32_t i = 0; i < p.n; i++)
        if (files[i].pending)
            decide(&p, i, files[i].pending, &out[i]);
    project_free(&p);
}
