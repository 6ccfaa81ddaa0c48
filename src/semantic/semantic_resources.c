/* Which calls open a resource (an object holding an OS resource until it is closed): the one
   table of constructors, the configured extra ones (`resource-calls`), and the methods that open
   one on a receiver known to be a `pathlib.Path` or a `zipfile.ZipFile`. */
#include "semantic_internal.h"

#include <string.h>

/* Calls that return an object holding an OS resource until it is closed: qualified names, split
   before their last part (every call of a function is matched against the last parts). */
#define RESOURCE_CALLS(X) \
    X("", "open") X("io.", "open") X("io.", "FileIO") X("codecs.", "open") X("os.", "fdopen") X("os.", "popen") \
    X("gzip.", "open") X("gzip.", "GzipFile") X("bz2.", "open") X("bz2.", "BZ2File") X("lzma.", "open") \
    X("lzma.", "LZMAFile") X("tarfile.", "open") X("tarfile.", "TarFile") X("zipfile.", "ZipFile") \
    X("zipfile.", "PyZipFile") X("socket.", "socket") X("socket.", "create_connection") \
    X("socket.", "create_server") X("subprocess.", "Popen") X("tempfile.", "TemporaryFile") \
    X("tempfile.", "NamedTemporaryFile") X("tempfile.", "SpooledTemporaryFile") \
    X("tempfile.", "TemporaryDirectory") X("tempfile.", "mkdtemp") X("urllib.request.", "urlopen") \
    X("http.client.", "HTTPConnection") X("http.client.", "HTTPSConnection") X("sqlite3.", "connect") \
    X("multiprocessing.", "Pool") X("multiprocessing.pool.", "Pool") \
    X("multiprocessing.pool.", "ThreadPool") X("concurrent.futures.", "ThreadPoolExecutor") \
    X("concurrent.futures.", "ProcessPoolExecutor") X("concurrent.futures.thread.", "ThreadPoolExecutor") \
    X("concurrent.futures.process.", "ProcessPoolExecutor") X("shelve.", "open") X("dbm.", "open") \
    X("wave.", "open")

typedef struct QualName {
    const char *s;           /* the whole name */
    uint8_t len, last_len;   /* its length, the length of its last part */
} QualName;
#define QN(prefix, last) { prefix last, sizeof prefix last - 1, sizeof last - 1 },
static const QualName resource_calls[] = { RESOURCE_CALLS(QN) { NULL, 0, 0 } };
#undef QN
/* A filter over the last parts (semantic_internal.h): most calls are told apart by it alone. */
#define B0(prefix, last) SEM_WORD_BIT(last, 0)
#define B1(prefix, last) SEM_WORD_BIT(last, 1)
#define B2(prefix, last) SEM_WORD_BIT(last, 2)
#define B3(prefix, last) SEM_WORD_BIT(last, 3)
static const uint64_t resource_last_filter[4] = {
    0 RESOURCE_CALLS(B0), 0 RESOURCE_CALLS(B1), 0 RESOURCE_CALLS(B2), 0 RESOURCE_CALLS(B3)
};
#undef B0
#undef B1
#undef B2
#undef B3

/* Classes whose instances are paths with an `open()` method that opens the file. */
static const char *const path_classes[] = {
    "pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath", NULL,
};
/* Path methods (and class methods) that return another path. */
static const char *const path_methods[] = {
    "absolute", "cwd", "expanduser", "home", "joinpath", "relative_to", "resolve", "with_name",
    "with_segments", "with_stem", "with_suffix", NULL,
};
/* Classes whose `open(member)` method opens a member that must be closed. */
static const char *const archive_classes[] = { "zipfile.ZipFile", "zipfile.PyZipFile", NULL };
/* In-memory files: an archive over one holds no OS resource. */
static const char *const in_memory_files[] = { "io.BytesIO", "io.StringIO", NULL };

static int in_list(const char *const *list, const char *name)
{
    for (; list && name && *list; list++)
        if (strcmp(*list, name) == 0)
            return 1;
    return 0;
}

static int in_table(const QualName *table, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    for (; name && table->s; table++)
        if (table->len == n && table->s[0] == name[0] && memcmp(table->s, name, n) == 0)
            return 1;
    return 0;
}

/* Str `last` is the whole of the qualified name `q` (n bytes) or its part after the last dot. The
   first and last bytes are compared first: most calls differ there. */
static int ends_qualname(Str last, const char *q, size_t n)
{
    if (last.len == 0 || last.len > n)
        return 0;
    const char *tail = q + n - last.len;
    if (tail[0] != last.s[0] || q[n - 1] != last.s[last.len - 1] || memcmp(tail, last.s, last.len) != 0)
        return 0;
    return last.len == n || tail[-1] == '.';
}

static int ends_any(Str last, const char *const *list)
{
    for (; list && *list; list++)
        if (ends_qualname(last, *list, strlen(*list)))
            return 1;
    return 0;
}

/* `last` is the last part of a name of the table (or the whole of a name without a dot). */
static int ends_any_in_table(Str last, const QualName *table)
{
    if (!sem_word_filter_may_hold(resource_last_filter, last))
        return 0;
    for (; table->s; table++) {
        const char *tail = table->s + table->len - table->last_len;
        if (table->last_len == last.len && tail[0] == last.s[0] && memcmp(tail, last.s, last.len) == 0)
            return 1;
    }
    return 0;
}

int sem_may_be_resource_call(const Semantic *sem, const Node *func)
{
    Str last = func->kind == NK_Attribute ? func->v.Attribute.attr : func->kind == NK_Name ? func->v.Name.id
                                                                                         : (Str){ 0 };
    if (!last.s)
        return 0;
    if (ends_any_in_table(last, resource_calls) || ends_any(last, sem->opt.resource_calls))
        return 1;
    if (func->kind != NK_Name)
        return 0;
    /* Another name may be an alias made by `from m import y as name` at module level. */
    const NameEntry *e = sem_lookup(sem->module, last.s, last.len);
    return e && (e->kinds & (1u << BIND_IMPORT_FROM));
}

/* The expression bound by `with <expr> as name` for the binding `b`, or NULL. */
static const Node *with_value(const Binding *b)
{
    const Node *st = b->stmt;
    if (!st || (st->kind != NK_With && st->kind != NK_AsyncWith))
        return NULL;
    NodeList items = st->kind == NK_With ? st->v.With.items : st->v.AsyncWith.items;
    for (int32_t i = 0; i < items.n; i++)
        if (items.items[i]->v.withitem.optional_vars == b->node)
            return items.items[i]->v.withitem.context_expr;
    return NULL;
}

typedef int (*ValueTest)(Semantic *sem, const Scope *scope, const Node *e, int depth);

/* 1 if every binding of the name `e` (in the scope that owns it) gives a value passing `test`:
   an assignment or `with ... as` of such a value, or a parameter whose annotation's qualified
   name is in `annotations`. */
static int name_holds(Semantic *sem, const Scope *scope, const Node *e, int depth, ValueTest test,
                      const char *const *annotations)
{
    char name[128];
    const Binding *first = sem_resolve_name(sem, scope, e);
    if (!first || depth <= 0 || e->v.Name.id.len >= sizeof name)
        return 0;
    memcpy(name, e->v.Name.id.s, e->v.Name.id.len);
    name[e->v.Name.id.len] = '\0';
    const Binding *found[16];
    int32_t n = sem_bindings_of(first->scope, name, found, 16);
    if (n == 0 || n > 16)
        return 0;
    for (int32_t i = 0; i < n; i++) {
        const Binding *b = found[i];
        const Node *value = b->kind == BIND_ASSIGN ? b->value : b->kind == BIND_WITH ? with_value(b) : NULL;
        const Node *ann = b->kind == BIND_PARAM ? b->node->v.arg.annotation : NULL;
        if (value ? !test(sem, b->scope, value, depth - 1)
                  : !(ann && in_list(annotations, sem_qualname(sem, b->scope, ann))))
            return 0;
    }
    return 1;
}

/* 1 if `e` evaluates to a `pathlib.Path`: `Path(p)`, `Path.home()`, `p / "x"`, `p.parent`,
   `p.with_suffix(".txt")`, or a name every binding of which is one (or a parameter annotated
   `Path`). `depth` bounds the names followed. */
static int is_path_value(Semantic *sem, const Scope *scope, const Node *e, int depth)
{
    switch (e->kind) {
    case NK_Call: {
        const Node *func = e->v.Call.func;
        if (in_list(path_classes, sem_qualname(sem, scope, func)))
            return 1;
        return func->kind == NK_Attribute && ends_any(func->v.Attribute.attr, path_methods) &&
               (is_path_value(sem, scope, func->v.Attribute.value, depth) ||
                in_list(path_classes, sem_qualname(sem, scope, func->v.Attribute.value)));
    }
    case NK_Attribute:
        return sem_str_eq(e->v.Attribute.attr, "parent") && is_path_value(sem, scope, e->v.Attribute.value, depth);
    case NK_BinOp:
        return e->v.BinOp.op == OPERATOR_Div && is_path_value(sem, scope, e->v.BinOp.left, depth);
    case NK_Name:
        return name_holds(sem, scope, e, depth, is_path_value, path_classes);
    default:
        return 0;
    }
}

/* 1 if `e` is a `zipfile.ZipFile(...)` call over a file it opens (not over an in-memory
   `io.BytesIO(...)`: its members then hold no OS resource), or a name every binding of which is
   one. */
static int is_archive_value(Semantic *sem, const Scope *scope, const Node *e, int depth)
{
    if (e->kind == NK_Call) {
        const Node *file = e->v.Call.args.n ? e->v.Call.args.items[0] : NULL;
        if (file && file->kind == NK_Call && in_list(in_memory_files, sem_qualname(sem, scope, file->v.Call.func)))
            return 0;
        return in_list(archive_classes, sem_qualname(sem, scope, e->v.Call.func));
    }
    return e->kind == NK_Name && name_holds(sem, scope, e, depth, is_archive_value, archive_classes);
}

/* `sqlite3.connect(":memory:")`: a database in memory, no file behind it. */
static int in_memory_database(const char *q, const Node *call)
{
    const Node *first = call->v.Call.args.n ? call->v.Call.args.items[0] : NULL;
    return strcmp(q, "sqlite3.connect") == 0 && first && first->kind == NK_Constant &&
           first->v.Constant.value.kind == CONST_STR && sem_str_eq(first->v.Constant.value.text, ":memory:");
}

const char *sem_resource_call(Semantic *sem, const Scope *scope, const Node *call)
{
    if (call->kind != NK_Call)
        return NULL;
    const Node *func = call->v.Call.func;
    const char *q = sem_qualname(sem, scope, func);
    if (q && (in_table(resource_calls, q) || in_list(sem->opt.resource_calls, q)))
        return in_memory_database(q, call) ? NULL : q;
    if (func->kind != NK_Attribute || !sem_str_eq(func->v.Attribute.attr, "open"))
        return NULL;
    const Node *receiver = func->v.Attribute.value;
    if (is_path_value(sem, scope, receiver, 4))
        return "pathlib.Path.open";
    if (receiver->kind == NK_Name && is_archive_value(sem, scope, receiver, 4))
        return "zipfile.ZipFile.open";
    return NULL;
}

int sem_is_resource_call(Semantic *sem, const Scope *scope, const Node *call)
{
    return sem_resource_call(sem, scope, call) != NULL;
}
