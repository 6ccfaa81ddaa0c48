/* GT701 implicit-namespace-package: `pkg/sub/mod.py` where `pkg/` is a regular package (has
   `__init__.py`) and `pkg/sub/` has none. Python still imports `pkg.sub.mod` (a PEP 420 namespace
   portion), but packaging tools that look for `__init__.py` leave `sub/` out.

   Deliberately narrower than ruff's INP001 (every file outside a package): a folder whose parent is
   not a package (scripts/, tools/, docs/, a project root) is not flagged, nor are files that start
   with a shebang (scripts), `conftest.py`, folders whose name is not an identifier (they cannot
   be imported as packages anyway), and data folders (`data`, `testdata`, `fixtures`, `scripts`,
   `examples`, also as a suffix). */
#include "../engine/rule.h"

#include <limits.h>
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
   `scripts`, `examples` (also as a suffix: `certdata`, `test_fixtures`). */
static int is_data_folder(const char *s, size_t len)
{
    static const char *const SUFFIXES[] = { "data", "fixtures", "scripts", "examples", NULL };
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

static void finish(RuleCtx *ctx)
{
    const char *path = rule_path(ctx);
    const Source *src = rule_source(ctx);
    size_t plen = path ? strlen(path) : 0;
    if (plen < 4 || strcmp(path + plen - 3, ".py") != 0)
        return;   /* stdin, .pyi stubs, odd names */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "__init__.py") == 0 || strcmp(base, "conftest.py") == 0)
        return;
    if (src->len >= 2 && src->text[0] == '#' && src->text[1] == '!')
        return;   /* a script */
    long dlen = dir_len(path, plen);
    if (dlen < 0) {
        /* A file in the current folder: look at "." and its parent. */
        if (has_init(".", 1) || !has_init("..", 2))
            return;
        rule_report_at(ctx, 1, 0, 1, 0, NULL,
                       "the current folder has no `__init__.py` but its parent is a package: "
                       "packaging tools skip it; add an `__init__.py`");
        return;
    }
    if (has_init(path, (size_t)dlen))
        return;
    long parent_len = dir_len(path, (size_t)dlen);
    const char *folder = path + (parent_len < 0 ? 0 : parent_len + 1);
    size_t folder_len = (size_t)dlen - (size_t)(folder - path);
    if (!is_identifier(folder, folder_len) || is_data_folder(folder, folder_len))
        return;
    int parent_is_package = parent_len < 0 ? has_init(".", 1) : has_init(path, (size_t)parent_len);
    if (!parent_is_package)
        return;
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
                 "whose name is not a Python identifier, and folders of files used by path whose "
                 "name is or ends with `data`, `fixtures`, `scripts`, `examples`.",
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
                 "stdin.",
    },
    .peers = { "INP001" },
    .finish = finish,
};
