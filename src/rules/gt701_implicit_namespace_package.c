/* GT701 implicit-namespace-package: `pkg/sub/mod.py` where `pkg/` is a regular package (has
   `__init__.py`) and `pkg/sub/` has none. Python still imports `pkg.sub.mod` (a PEP 420 namespace
   portion), but packaging tools that look for `__init__.py` leave `sub/` out.

   Deliberately narrower than ruff's INP001 (every file outside a package): a folder whose parent is
   not a package (scripts/, tools/, docs/, a project root) is not flagged, nor are files that start
   with a shebang (scripts), `conftest.py`, folders whose name is not an identifier (they cannot
   be imported as packages anyway), data folders (`data`, `testdata`, `fixtures`, `scripts`,
   `examples`, `templates`, also as a suffix) and everything below one inside the package
   (`pkg/data/schemas/x.py`), folders of a test tree that hold no test module (fixtures loaded by
   path: `pkg/tests/plugin_dir/plugin.py`), folders whose only module is `__main__.py` (run
   by path), and project templates that a scaffolding tool copies and renames: a folder below an
   enclosing package whose name is not an identifier (`scaffolds/+package+/tests/x.py`), or a
   folder that holds its `__init__.py` as a template (`__init__.py_tmpl`, `__init__.py-tpl`), and a
   folder whose first module imports its own package through the folder above the top-level
   package: that folder has no `__init__.py`, so the tree is imported through namespace packages by
   design (an Ansible collection below `ansible_collections/`), and what ships it keeps plain
   folders; nor a folder that an enclosing package's `__init__.py` puts on the import path
   (`sys.path.insert(0, os.path.join(here, "_vendor"))`): a site folder of vendored modules
   imported by their own top-level names.

   One missing `__init__.py` is one finding: it goes on the folder's first module by name (the
   first one not exempt by itself), whichever file of the folder is being checked. */
#include "../engine/rule.h"
#include "../util/fileio.h"
#include "registry.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int has_init(const char *dir, size_t len)
{
    char path[PATH_MAX];
    static const char *const INITS[] = { "__init__.py", "__init__.pyi", NULL };
    for (int i = 0; INITS[i]; i++) {
        size_t need = len + 1 + strlen(INITS[i]) + 1;
        if (need > sizeof path)
            return 1;   /* too long to check: assume a package rather than guess */
        if (len)
            memcpy(path, dir, len);
        path[len] = '/';
        strcpy(path + len + 1, INITS[i]);
        struct stat st;
        if (stat(len ? path : path + 1, &st) == 0 && S_ISREG(st.st_mode))
            return 1;
    }
    return 0;
}

static int is_identifier(const char *s, size_t len)
{
    if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              (unsigned char)c >= 0x80))
            return 0;
    }
    return 1;
}

/* Folders that hold files used by path, not imported: `data`, `testdata`, `fixtures`,
   `scripts`, `examples`, `templates` (also as a suffix: `certdata`, `test_fixtures`). */
static int is_data_folder(const char *s, size_t len)
{
    static const char *const SUFFIXES[] = { "data", "fixtures", "scripts", "examples", "templates",
                                            NULL };
    for (int i = 0; SUFFIXES[i]; i++) {
        size_t n = strlen(SUFFIXES[i]);
        if (len >= n && memcmp(s + len - n, SUFFIXES[i], n) == 0)
            return 1;
    }
    return 0;
}

/* Length of the directory part of `path` ("a/b/c.py" -> 3), or -1 when there is none. */
static long dir_len(const char *path, size_t len)
{
    while (len > 0 && path[len - 1] != '/')
        len--;
    if (len == 0)
        return -1;
    while (len > 1 && path[len - 1] == '/')
        len--;
    return (long)len;
}

/* The last component of path[0, len) (the whole string when it has no '/'). */
static const char *last_component(const char *path, size_t len, size_t *out_len)
{
    long parent = dir_len(path, len);
    const char *name = path + (parent < 0 ? 0 : parent + 1);
    *out_len = len - (size_t)(name - path);
    return name;
}

static int is_test_folder_name(const char *s, size_t len)
{
    return (len == 4 && memcmp(s, "test", 4) == 0) || (len == 5 && memcmp(s, "tests", 5) == 0) ||
           (len == 7 && memcmp(s, "testing", 7) == 0);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Walk from the folder path[0, dlen) up through the enclosing packages (folders with an
   `__init__.py`), the folder itself included: is one of them a data folder, or named so that it
   cannot be imported (`+package+`, `{{cookiecutter.name}}`: a project template copied and
   renamed by a scaffolding tool, so nothing below it is imported from here), and is one of them
   a test folder (`tests`, `test`, `testing`)? `*top` gets the length of the outermost enclosing
   package (the top-level package of the file). */
static void classify_ancestors(const char *path, long dlen, int *data, int *test_tree, long *top)
{
    *data = *test_tree = 0;
    *top = dlen;
    for (long len = dlen, first = 1; len > 0; len = dir_len(path, (size_t)len), first = 0) {
        if (!first && !has_init(path, (size_t)len))
            break;
        *top = len;
        size_t nlen;
        const char *name = last_component(path, (size_t)len, &nlen);
        *data |= is_data_folder(name, nlen) || !is_identifier(name, nlen);
        *test_tree |= is_test_folder_name(name, nlen);
    }
}

/* A walk of the top-level package, looking for the package's own habit: a test folder that is a
   package. Bounded (entries and depth); symbolic links are not followed. */
typedef struct TestHabit {
    const char *folder;        /* the folder being judged: it and its ancestors do not count */
    size_t folder_len;
    int budget;                /* directory entries left to read */
} TestHabit;

static int is_ancestor_or_self(const TestHabit *h, const char *dir, size_t len)
{
    return len <= h->folder_len && memcmp(h->folder, dir, len) == 0 &&
           (len == h->folder_len || h->folder[len] == '/');
}

static int is_test_module_name(const char *name)
{
    return ends_with(name, ".py") && (strncmp(name, "test_", 5) == 0 || ends_with(name, "_test.py"));
}

static int is_subfolder(const char *dir, const struct dirent *e)
{
    if (e->d_type == DT_DIR)
        return 1;
    if (e->d_type != DT_UNKNOWN)
        return 0;
    char full[PATH_MAX];
    struct stat st;
    return snprintf(full, sizeof full, "%s/%s", dir, e->d_name) < (int)sizeof full &&
           lstat(full, &st) == 0 && S_ISDIR(st.st_mode);
}

/* 1 if `dir` (a buffer of PATH_MAX bytes holding len bytes, restored on return) or a folder
   below it is a package in a test tree that holds test modules, other than the judged folder's
   own line of ancestors. `in_test`: dir is a test folder or below one. */
static int find_test_package(TestHabit *h, char *dir, size_t len, int in_test, int depth)
{
    size_t nlen;
    const char *name = last_component(dir, len, &nlen);
    in_test |= is_test_folder_name(name, nlen);
    dir[len] = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int has_initpy = 0, has_tests = 0, found = 0;
    for (struct dirent *e; !found && h->budget > 0 && (e = readdir(d)) != NULL; h->budget--) {
        const char *entry = e->d_name;
        has_initpy |= strcmp(entry, "__init__.py") == 0;
        has_tests |= is_test_module_name(entry);
        size_t elen = strlen(entry);
        if (depth >= 12 || entry[0] == '.' || !is_identifier(entry, elen) || len + 1 + elen >= PATH_MAX ||
            !is_subfolder(dir, e))
            continue;
        dir[len] = '/';
        memcpy(dir + len + 1, entry, elen + 1);
        found = find_test_package(h, dir, len + 1 + elen, in_test, depth + 1);
        dir[len] = 0;
    }
    closedir(d);
    return found || (in_test && has_initpy && has_tests && !is_ancestor_or_self(h, dir, len));
}

/* A folder of a test tree is a missing `__init__.py` only where the package keeps its other
   tests in packages: pytest then imports this folder's test modules by their bare names, next
   to packaged ones, and two files with one name clash. A package whose tests are all plain
   folders collected by path (or a test sub-folder inside a packaged test tree, such as
   `tests/hypothesis/`) follows a layout pytest supports. */
static int tests_kept_in_packages(const char *path, long dlen, long top)
{
    char dir[PATH_MAX];
    if ((size_t)top >= sizeof dir)
        return 1;
    memcpy(dir, path, (size_t)top);
    TestHabit h = { path, (size_t)dlen, 20000 };
    return find_test_package(&h, dir, (size_t)top, 0, 0);
}

/* A file that is not reported whatever its folder: not a module, `__init__.py`, `conftest.py`,
   `__main__.py`, or a script (starts with a shebang). `dir` is the folder, `name` the file. */
static int exempt_file(const char *dir, const char *name)
{
    if (!ends_with(name, ".py") || strlen(name) < 4 || strcmp(name, "__init__.py") == 0 ||
        strcmp(name, "conftest.py") == 0 || strcmp(name, "__main__.py") == 0)
        return 1;
    char full[PATH_MAX];
    if (snprintf(full, sizeof full, "%s/%s", dir, name) >= (int)sizeof full)
        return 1;
    FILE *f = fopen(full, "rb");
    if (!f)
        return 1;
    char head[2] = { 0, 0 };
    size_t got = fread(head, 1, 2, f);
    fclose(f);
    return got == 2 && head[0] == '#' && head[1] == '!';
}

/* What the folder holds, from one listing. */
typedef struct FolderFacts {
    char first[NAME_MAX + 1];   /* the first reportable module by name ("" when none) */
    int has_test_module;        /* a `test_*.py` or `*_test.py` */
    int has_main;               /* a `__main__.py` */
    int has_init_template;      /* `__init__.py_tmpl`, `__init__.py-tpl`, `__init__.py.jinja`...: a
                                   template folder whose `__init__.py` is written when it is rendered
                                   (a sourceless `__init__.pyc` makes it a package as well) */
} FolderFacts;

static int list_folder(const char *dir, FolderFacts *facts)
{
    memset(facts, 0, sizeof *facts);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        const char *name = e->d_name;
        facts->has_init_template |= strncmp(name, "__init__.py", 11) == 0 && name[11] != '\0';
        if (!ends_with(name, ".py"))
            continue;
        facts->has_main |= strcmp(name, "__main__.py") == 0;
        facts->has_test_module |= strncmp(name, "test_", 5) == 0 || ends_with(name, "_test.py");
        if (strlen(name) < sizeof facts->first && (!facts->first[0] || strcmp(name, facts->first) < 0) &&
            !exempt_file(dir, name))
            strcpy(facts->first, name);
    }
    closedir(d);
    return 1;
}

/* 1 if the folder path[0, dlen) is reported on this file (`base`): it is the folder's first
   reportable module, the folder is not only a `__main__.py` runner nor a template whose
   `__init__.py` is still to be rendered (`__init__.py_tmpl`), and, in a test tree, the
   folder holds tests (other folders there are fixtures loaded by path). */
static int folder_reported_here(const char *path, long dlen, const char *base, int test_tree)
{
    char dir[PATH_MAX];
    if ((size_t)dlen >= sizeof dir)
        return 0;
    memcpy(dir, path, (size_t)dlen);
    dir[dlen] = 0;
    FolderFacts facts;
    if (!list_folder(dir, &facts))
        return 1;   /* cannot list it: report on every file rather than on none */
    if (test_tree && !facts.has_test_module)
        return 0;
    if ((facts.has_main && !facts.first[0]) || facts.has_init_template)
        return 0;
    return strcmp(facts.first, base) == 0;
}

/* Looks for an absolute import whose dotted name holds `outer.top` (two folder names). */
typedef struct ChainImport {
    const char *outer, *top;
    size_t outer_len, top_len;
    int found;
} ChainImport;

static int dotted_holds_chain(Str dotted, const ChainImport *c)
{
    /* components of `dotted`, compared pairwise */
    const char *prev = NULL;
    size_t prev_len = 0;
    for (uint32_t i = 0, start = 0; i <= dotted.len; i++) {
        if (i < dotted.len && dotted.s[i] != '.')
            continue;
        const char *comp = dotted.s + start;
        size_t len = i - start;
        if (prev && prev_len == c->outer_len && len == c->top_len &&
            memcmp(prev, c->outer, prev_len) == 0 && memcmp(comp, c->top, len) == 0)
            return 1;
        prev = comp;
        prev_len = len;
        start = i + 1;
    }
    return 0;
}

static int scan_chain_import(const Node *n, void *arg)
{
    ChainImport *c = arg;
    if (c->found)
        return 0;
    if (n->kind == NK_ImportFrom && n->v.ImportFrom.level == 0 && n->v.ImportFrom.module.s)
        c->found = dotted_holds_chain(n->v.ImportFrom.module, c);
    if (n->kind == NK_Import)
        for (int32_t i = 0; i < n->v.Import.names.n && !c->found; i++)
            c->found = dotted_holds_chain(n->v.Import.names.items[i]->v.alias.name, c);
    return !c->found;
}

/* 1 if the file imports its own package through the folder above its top-level package
   (`from ansible_collections.ns.coll.plugins.module_utils.x import y` in
   `.../plugins/module_utils/k8s/client.py`): that folder has no `__init__.py`, so the tree is
   imported through namespace packages by design, and whatever ships it (a namespace-aware
   package finder, a loader that imports plain folders) takes folders without `__init__.py` too. */
static int imports_through_namespace(RuleCtx *ctx, const char *path, long top)
{
    long outer_len = dir_len(path, (size_t)top);
    if (outer_len <= 0)
        return 0;   /* the top-level package's parent is the current folder: no name to match */
    ChainImport c = { 0 };
    c.top = last_component(path, (size_t)top, &c.top_len);
    c.outer = last_component(path, (size_t)outer_len, &c.outer_len);
    rule_walk(rule_module(ctx), scan_chain_import, &c);
    return c.found;
}

static int span_holds(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            return 1;
    return 0;
}

/* 1 if `line` (len bytes, its comment cut off) holds `needle` as a string literal used as a path
   component: `... / "_vendor"`, or on a line that joins paths (`os.path.join(here, "_vendor")`,
   `.joinpath("_vendor")`) or names the import path itself. Not `__all__ = ["helpers"]`. */
static int line_quotes_path_part(const char *line, size_t len, const char *needle, size_t nlen)
{
    int joins = span_holds(line, len, "join") || span_holds(line, len, "sys.path") ||
                span_holds(line, len, "addsitedir");
    for (size_t i = 0; i + nlen + 2 <= len; i++) {
        if ((line[i] != '"' && line[i] != '\'') || line[i + nlen + 1] != line[i] ||
            memcmp(line + i + 1, needle, nlen) != 0)
            continue;
        size_t before = i;
        while (before > 0 && line[before - 1] == ' ')
            before--;
        if (joins || (before > 0 && line[before - 1] == '/'))
            return 1;
    }
    return 0;
}

/* Length of a line's code before its comment: the first `#` outside a quoted string on it. */
static size_t code_len(const char *line, size_t len)
{
    char quote = 0;
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        if (quote) {
            if (c == '\\')
                i++;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#') {
            return i;
        }
    }
    return len;
}

/* 1 if the package folder path[0, pkg_len) has an `__init__.py` whose code puts a folder named
   `folder` on the import path: it names `sys.path` (or `site.addsitedir`) and builds a path from
   the folder's quoted name (`sys.path.insert(0, str(Path(__file__).parent / "_vendor"))`, or the
   path made on a line of its own first), outside comments. Such a
   folder is a site folder whose modules are imported by their own top-level names, not a
   sub-package. */
static int init_puts_on_path(const char *path, long pkg_len, const char *folder, size_t folder_len)
{
    char init[PATH_MAX];
    if (snprintf(init, sizeof init, "%.*s/__init__.py", (int)pkg_len, path) >= (int)sizeof init)
        return 0;
    Buf text;
    buf_init(&text);
    int path_named = 0, folder_quoted = 0;
    if (fileio_read_path(init, &text, (size_t)1 << 20) == 0) {
        for (size_t start = 0; start < text.len && !(path_named && folder_quoted);) {
            const char *line = text.data + start;
            const char *end = memchr(line, '\n', text.len - start);
            size_t len = end ? (size_t)(end - line) : text.len - start;
            size_t code = code_len(line, len);
            path_named |= span_holds(line, code, "sys.path") || span_holds(line, code, "addsitedir");
            folder_quoted |= line_quotes_path_part(line, code, folder, folder_len);
            start += len + 1;
        }
    }
    buf_free(&text);
    return path_named && folder_quoted;
}

/* 1 if one of the packages around the folder path[0, dlen), up to the top-level package (`top`),
   puts the folder on the import path from its `__init__.py`. */
static int put_on_import_path(const char *path, long dlen, long top)
{
    size_t folder_len;
    const char *folder = last_component(path, (size_t)dlen, &folder_len);
    char name[NAME_MAX + 1];
    if (folder_len >= sizeof name)
        return 0;
    memcpy(name, folder, folder_len);
    name[folder_len] = 0;
    for (long len = dir_len(path, (size_t)dlen); len >= top && len > 0; len = dir_len(path, (size_t)len))
        if (init_puts_on_path(path, len, name, folder_len))
            return 1;
    return 0;
}

/* What GT701 knows of the folders around a file, from the file system alone (the file's own text
   adds whether it is a script and what it imports). */
typedef struct Around {
    long dlen;               /* the folder is path[0, dlen); -1: the current folder */
    long top;                /* classify_ancestors */
    int folder_pkg, parent_pkg, ident, data, test_tree, reported_here, on_path, tests_kept;
} Around;

/* The folders around `path`, asked in the order GT701 needs them (it stops where the verdict is
   settled). 0 when GT701 never reports the file whatever they hold: not a `.py`, `__init__.py`,
   `conftest.py`. */
static int around(const char *path, Around *a)
{
    memset(a, 0, sizeof *a);
    size_t plen = path ? strlen(path) : 0;
    if (plen < 4 || strcmp(path + plen - 3, ".py") != 0)
        return 0;   /* stdin, .pyi stubs, odd names */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "__init__.py") == 0 || strcmp(base, "conftest.py") == 0)
        return 0;
    a->dlen = dir_len(path, plen);
    if (a->dlen < 0) {   /* a file in the current folder: "." and its parent */
        a->folder_pkg = has_init(".", 1);
        a->parent_pkg = has_init("..", 2);
        return 1;
    }
    size_t folder_len;
    const char *folder = last_component(path, (size_t)a->dlen, &folder_len);
    a->folder_pkg = has_init(path, (size_t)a->dlen);
    a->ident = is_identifier(folder, folder_len);
    if (a->folder_pkg || !a->ident)
        return 1;
    long parent_len = dir_len(path, (size_t)a->dlen);
    a->parent_pkg = parent_len < 0 ? has_init(".", 1) : has_init(path, (size_t)parent_len);
    if (!a->parent_pkg)
        return 1;
    classify_ancestors(path, a->dlen, &a->data, &a->test_tree, &a->top);
    if (a->data)
        return 1;
    a->reported_here = folder_reported_here(path, a->dlen, base, a->test_tree);
    if (!a->reported_here)
        return 1;
    a->on_path = put_on_import_path(path, a->dlen, a->top);
    if (!a->on_path && a->test_tree)
        a->tests_kept = tests_kept_in_packages(path, a->dlen, a->top);
    return 1;
}

void rule_gt701_context(const char *path, Buf *out)
{
    Around a;
    if (around(path, &a))
        buf_printf(out, "GT701 %ld %ld %d%d%d%d%d%d%d%d", a.dlen, a.top, a.folder_pkg, a.parent_pkg, a.ident, a.data,
                   a.test_tree, a.reported_here, a.on_path, a.tests_kept);
}

static void finish(RuleCtx *ctx)
{
    const char *path = rule_path(ctx);
    const Source *src = rule_source(ctx);
    Around a;
    if (!around(path, &a))
        return;
    if (src->len >= 2 && src->text[0] == '#' && src->text[1] == '!')
        return;   /* a script */
    if (a.dlen < 0) {
        if (a.folder_pkg || !a.parent_pkg)
            return;
        rule_report_at(ctx, 1, 0, 1, 0, NULL,
                       "the current folder has no `__init__.py` but its parent is a package: "
                       "packaging tools skip it; add an `__init__.py`");
        return;
    }
    if (a.folder_pkg || !a.ident || !a.parent_pkg || a.data || !a.reported_here || a.on_path ||
        imports_through_namespace(ctx, path, a.top))
        return;
    size_t folder_len;
    const char *folder = last_component(path, (size_t)a.dlen, &folder_len);
    if (a.test_tree) {
        if (a.tests_kept)
            rule_report_at(ctx, 1, 0, 1, 0, NULL,
                           "test folder `%.*s` has no `__init__.py` while the package keeps its other "
                           "tests in packages: pytest imports these modules by their bare names, and "
                           "two test files with one name clash; add an `__init__.py`",
                           (int)folder_len, folder);
        return;
    }
    rule_report_at(ctx, 1, 0, 1, 0, NULL,
                   "folder `%.*s` has no `__init__.py` but sits in a package: it is an implicit "
                   "namespace package that packaging tools skip; add an `__init__.py`",
                   (int)folder_len, folder);
}

const Rule rule_gt701 = {
    .code = "GT701",
    .name = "implicit-namespace-package",
    .summary = "a `.py` file in a package sub-folder that lacks `__init__.py`",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "A `.py` file whose folder has no `__init__.py` (or `.pyi`) while the folder's "
                 "parent has one: a sub-folder of a regular package that is not a package itself. "
                 "Not flagged: folders whose parent is not a package (project roots, `scripts/`, "
                 "`tools/`, `docs/`), files starting with a shebang, `conftest.py`, folders "
                 "whose name is not a Python identifier, folders of files used by path whose "
                 "name is or ends with `data`, `fixtures`, `scripts`, `examples`, `templates` "
                 "(and every folder below one inside the package), folders of a test tree "
                 "(`tests`, `test`, `testing`) that hold no test module (fixtures loaded by "
                 "path), test folders of a package that keeps none of its other tests in a "
                 "package (a layout pytest collects by path; a sub-folder of the test tree the "
                 "folder sits in does not count), folders whose only module is `__main__.py`, and project templates (a "
                 "folder below an enclosing package whose name is not an identifier, such as "
                 "`+package+/tests/`, or one that holds `__init__.py_tmpl` / `__init__.py-tpl`: "
                 "a scaffolding tool writes its `__init__.py`), nor a folder whose first module "
                 "imports its own package through the folder above the top-level package "
                 "(`from coll.plugins.module_utils.x import y` in `coll/plugins/module_utils/k8s/`, "
                 "`plugins/` without `__init__.py`: a tree imported through namespace packages by "
                 "design, such as an Ansible collection, ships its plain folders), nor a folder "
                 "that an enclosing package's `__init__.py` puts on the import path (it names "
                 "`sys.path` or `addsitedir` and builds a path from the folder's quoted name: "
                 "`sys.path.insert(0, os.path.join(here, \"_vendor\"))`, a site folder of vendored "
                 "modules imported by their top-level names). One finding per folder, "
                 "on its first module by name.",
        .mechanism = "Since Python 3.3 (PEP 420) a folder without `__init__.py` is still importable, "
                     "as a namespace package, so nothing fails in the source tree. But "
                     "`setuptools.find_packages()`, and other tools that discover packages by "
                     "`__init__.py`, skip it; mypy, pytest and coverage also treat it differently.",
        .symptom = "Works in development and in CI from the checkout, then `ModuleNotFoundError: "
                   "No module named 'pkg.sub'` after `pip install`, because the wheel was built "
                   "without `pkg/sub/`; coverage can leave the folder out of its report; pytest "
                   "stops with \"import file mismatch\" when two such folders hold test files "
                   "with the same name.",
        .fix = "Add an empty `__init__.py` to the folder. Keep the folder a namespace package only "
               "when it is meant to be shared by several distributions (and then not inside a "
               "regular package).",
        .wrong = "pkg/__init__.py\npkg/sub/handlers.py      # no pkg/sub/__init__.py",
        .right = "pkg/__init__.py\npkg/sub/__init__.py\npkg/sub/handlers.py",
        .peer = "ruff INP001 (implicit-namespace-package), broader: it flags every file outside a package",
        .notes = "The check looks at the file system next to the checked file: it is skipped for "
                 "stdin. The project phase resolves such folders as Python does (`from pkg.sub.handlers "
                 "import f` reaches the file), so cross-module findings are the same with or without "
                 "the `__init__.py`: this finding is about packaging only.",
        .precision = "100%: all 5 findings on the 3.11 site-packages and Django 3.2 are real; 2 of 4 "
                      "on unseen code (rounds 3, 7, 8, after the template and test-folder fixes: the "
                      "two wrong ones are folders kept without `__init__.py` on purpose); round 10, "
                      "0 of 2 (poetry-core's `_vendor/`, put on `sys.path`: not reported since; "
                      "binwalk's `plugins/`, loaded file by file with `imp.load_source`).",
    },
    .peers = { "INP001" },
    .finish = finish,
};
