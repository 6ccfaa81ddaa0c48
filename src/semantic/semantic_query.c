/* Questions rules ask the semantic model: name resolution, qualified names, mutability. */
#include "semantic_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Python 3.13's builtins (dir(builtins)), sorted for bsearch. */
static const char *const builtin_names[] = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
    "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError",
    "Exception", "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError",
    "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError",
    "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError",
    "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError",
    "NameError", "None", "NotADirectoryError", "NotImplemented", "NotImplementedError", "OSError",
    "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
    "PythonFinalizationError", "RecursionError", "ReferenceError", "ResourceWarning",
    "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError",
    "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError", "True", "TypeError",
    "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
    "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning",
    "ZeroDivisionError", "__build_class__", "__debug__", "__doc__", "__import__", "__name__", "abs",
    "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes",
    "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits", "delattr",
    "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format",
    "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
    "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max",
    "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit",
    "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod",
    "str", "sum", "super", "tuple", "type", "vars", "zip"
};

/* Calls that build a fresh mutable object (RULES.md). Sorted (bsearch). */
static const char *const mutable_calls[] = {
    "array.array", "bytearray", "collections.ChainMap", "collections.Counter",
    "collections.OrderedDict", "collections.UserDict", "collections.UserList",
    "collections.defaultdict", "collections.deque", "dict", "list", "set",
};

/* Calls known to build immutable values: never mutable defaults, never suspicious calls.
   Sorted (bsearch). */
static const char *const immutable_calls[] = {
    "bool", "bytes", "collections.namedtuple", "complex", "datetime.date", "datetime.datetime",
    "datetime.time", "datetime.timedelta", "datetime.timezone", "decimal.Decimal", "enum.auto",
    "float", "fractions.Fraction", "frozenset", "int", "ipaddress.IPv4Address",
    "ipaddress.IPv4Network", "ipaddress.IPv6Address", "ipaddress.IPv6Network",
    "ipaddress.ip_address", "ipaddress.ip_network", "object", "operator.attrgetter",
    "operator.itemgetter", "operator.methodcaller", "pathlib.Path", "pathlib.PosixPath",
    "pathlib.PurePath", "pathlib.PurePosixPath", "pathlib.PureWindowsPath", "pathlib.WindowsPath",
    "range", "re.compile", "str", "tuple", "types.MappingProxyType", "typing.NewType",
    "typing.TypeVar", "uuid.UUID",
};

/* Methods of the built-in and collections containers that change the object they are called on
   (list, dict, set, deque, OrderedDict, Counter, and the dunders a subscript or `+=` calls). */
#define MUTATING_METHODS(X) \
    X("append") X("extend") X("insert") X("pop") X("remove") X("clear") X("sort") X("reverse") X("update") \
    X("setdefault") X("add") X("discard") X("popitem") X("appendleft") X("extendleft") X("popleft") \
    X("rotate") X("difference_update") X("intersection_update") X("symmetric_difference_update") \
    X("move_to_end") X("subtract") X("__setitem__") X("__delitem__") X("__iadd__") X("__ior__")

/* A word and its length. */
typedef struct Word { const char *s; uint8_t len; } Word;
#define WORD(w) { w, sizeof w - 1 },
static const Word mutating_methods[] = { MUTATING_METHODS(WORD) { NULL, 0 } };
#undef WORD
/* Every attribute call asks (the summary of each parameter too): a filter turns most other names
   away before the table. */
#define B0(w) SEM_WORD_BIT(w, 0)
#define B1(w) SEM_WORD_BIT(w, 1)
#define B2(w) SEM_WORD_BIT(w, 2)
#define B3(w) SEM_WORD_BIT(w, 3)
static const uint64_t mutating_method_filter[4] = {
    0 MUTATING_METHODS(B0), 0 MUTATING_METHODS(B1), 0 MUTATING_METHODS(B2), 0 MUTATING_METHODS(B3)
};
#undef B0
#undef B1
#undef B2
#undef B3

/* Mutating methods that store their argument itself (not a copy of its items). */
static const char *const storing_methods[] = {
    "append", "add", "insert", "appendleft", "setdefault", "__setitem__", NULL
};

/* Mutating methods that only remove or reorder items: an empty container stays empty. */
static const char *const shrinking_methods[] = {
    "pop", "remove", "clear", "sort", "reverse", "discard", "popitem", "popleft", "rotate",
    "difference_update", "intersection_update", "move_to_end", "__delitem__", NULL
};

/* Functions that mutate their first argument: adding to it, or only removing / reordering. */
static const char *const growing_functions[] = {
    "heapq.heappush", "bisect.insort", "bisect.insort_left", "bisect.insort_right", NULL
};
static const char *const shrinking_functions[] = {
    "heapq.heappop", "heapq.heapify", "heapq.heapreplace", "heapq.heappushpop", "random.shuffle", NULL
};

/* Annotations that promise no mutation (last component of the name). */
static const char *const read_only_types[] = {
    "Sequence", "Mapping", "Iterable", "Collection", "Container", "AbstractSet", "Reversible",
    "Sized", "Iterator", "KeysView", "ValuesView", "ItemsView", "tuple", "Tuple", "frozenset",
    "FrozenSet", "MappingProxyType", "Hashable", NULL
};

static int cmp_name(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

#define COUNT(array) (sizeof array / sizeof array[0])

/* The table's own copy of a builtin's name, or NULL. */
static const char *builtin_name(const char *name)
{
    const char *const *found = bsearch(name, builtin_names, COUNT(builtin_names),
                                       sizeof builtin_names[0], cmp_name);
    return found ? *found : NULL;
}

static int in_sorted(const char *const *list, size_t n, const char *name)
{
    return bsearch(name, list, n, sizeof list[0], cmp_name) != NULL;
}

static int in_list(const char *const *list, const char *name)
{
    for (; list && *list; list++)
        if (strcmp(*list, name) == 0)
            return 1;
    return 0;
}

/* ---- bindings ---- */

int32_t sem_bindings_of(const Scope *scope, const char *name, const Binding **out, int32_t max)
{
    const NameEntry *e = sem_lookup(scope, name, (uint32_t)strlen(name));
    if (!e)
        return 0;
    for (int32_t i = 0; out && i < e->n && i < max; i++)
        out[i] = e->items[i];
    return e->n;
}

int sem_is_local(const Scope *scope, const char *name)
{
    return sem_lookup(scope, name, (uint32_t)strlen(name)) != NULL;
}

static int pos_before(const Binding *bd, int32_t lineno, int32_t col_offset)
{
    return bd->lineno < lineno || (bd->lineno == lineno && bd->col_offset < col_offset);
}

/* The binding a read at (lineno, col) sees among one scope's bindings of a name. */
static const Binding *pick_binding(const NameEntry *e, int32_t lineno, int32_t col_offset)
{
    const Binding *seen = NULL;
    for (int32_t i = 0; i < e->n; i++) {
        if (e->items[i]->kind == BIND_GLOBAL || e->items[i]->kind == BIND_NONLOCAL)
            continue;
        if (!seen || pos_before(e->items[i], lineno, col_offset))
            seen = e->items[i];
        if (!pos_before(e->items[i], lineno, col_offset))
            break;
    }
    return seen;
}

static int has_kind(const NameEntry *e, uint8_t kind)
{
    return (e->kinds >> kind) & 1u;
}

static const Binding *resolve_len(const Semantic *sem, const Scope *scope, const char *name,
                                  uint32_t len, int32_t lineno, int32_t col_offset)
{
    uint32_t hash = sem_hash(name, len);
    for (const Scope *s = scope; s; s = s->parent) {
        /* A class body's names are visible only to code directly in that body. */
        if (s->kind == SCOPE_CLASS && s != scope)
            continue;
        const NameEntry *e = sem_lookup_hashed(s, name, len, hash);
        if (!e)
            continue;
        if (has_kind(e, BIND_GLOBAL)) {
            const NameEntry *g = sem_lookup_hashed(sem->module, name, len, hash);
            return g ? pick_binding(g, lineno, col_offset) : NULL;
        }
        if (has_kind(e, BIND_NONLOCAL))
            continue;
        const Binding *bd = pick_binding(e, lineno, col_offset);
        if (bd)
            return bd;
    }
    return NULL;
}

const Binding *sem_resolve(const Semantic *sem, const Scope *scope, const char *name,
                           int32_t lineno, int32_t col_offset)
{
    return resolve_len(sem, scope, name, (uint32_t)strlen(name), lineno, col_offset);
}

const Binding *sem_resolve_name(const Semantic *sem, const Scope *scope, const Node *name)
{
    if (name->kind != NK_Name)
        return NULL;
    return resolve_len(sem, scope, name->v.Name.id.s, name->v.Name.id.len, name->lineno,
                       name->col_offset);
}

int sem_refers_to_param(const Semantic *sem, const Scope *scope, const Node *name,
                        const Scope *fscope, const char *param)
{
    if (name->kind != NK_Name || !sem_str_eq(name->v.Name.id, param))
        return 0;
    uint32_t len = name->v.Name.id.len;
    const Scope *s = scope;
    for (; s && s != fscope; s = s->parent) {
        const NameEntry *e = sem_lookup(s, param, len);
        if (e && !has_kind(e, BIND_NONLOCAL))
            return 0;
    }
    if (!s)
        return 0;
    const NameEntry *e = sem_lookup(fscope, param, len);
    if (!e)
        return 0;
    int is_param = 0;
    for (int32_t i = 0; i < e->n; i++) {
        const Binding *bd = e->items[i];
        if (bd->kind == BIND_PARAM)
            is_param = 1;
        else if (pos_before(bd, name->lineno, name->col_offset) || bd->kind == BIND_GLOBAL
                 || bd->kind == BIND_NONLOCAL)
            return 0;
    }
    return is_param;
}

/* ---- qualified names ---- */

static const char *qualname_of(Semantic *sem, const Scope *scope, const Node *expr, int depth)
{
    if (depth > 32)
        return NULL;
    if (expr->kind == NK_Name) {
        const Binding *bd = sem_resolve_name(sem, scope, expr);
        if (bd) {
            if (bd->kind != BIND_IMPORT && bd->kind != BIND_IMPORT_FROM)
                return NULL;
            if (strncmp(bd->qualname, "builtins.", 9) == 0)
                return bd->qualname + 9;
            return bd->qualname;
        }
        char id[32];   /* longer than any builtin's name */
        Str name = expr->v.Name.id;
        if (name.len >= sizeof id)
            return NULL;
        memcpy(id, name.s, name.len);
        id[name.len] = 0;
        return builtin_name(id);
    }
    if (expr->kind == NK_Attribute) {
        const char *base = qualname_of(sem, scope, expr->v.Attribute.value, depth + 1);
        if (!base)
            return NULL;
        size_t blen = strlen(base);
        Str attr = expr->v.Attribute.attr;
        if (strcmp(base, "builtins") == 0 && attr.len < 32) {   /* builtins.dict is dict */
            char id[32];
            memcpy(id, attr.s, attr.len);
            id[attr.len] = 0;
            const char *builtin = builtin_name(id);
            if (builtin)
                return builtin;
        }
        char *q = arena_alloc(sem->arena, blen + 1 + attr.len + 1);
        memcpy(q, base, blen);
        q[blen] = '.';
        memcpy(q + blen + 1, attr.s, attr.len);
        return q;
    }
    return NULL;
}

const char *sem_qualname(Semantic *sem, const Scope *scope, const Node *expr)
{
    return qualname_of(sem, scope, expr, 0);
}

int sem_qualname_is(Semantic *sem, const Scope *scope, const Node *expr, const char *qualname)
{
    const char *q = sem_qualname(sem, scope, expr);
    return q && strcmp(q, qualname) == 0;
}

int sem_call_matches(Semantic *sem, const Scope *scope, const Node *call, const char *const *names)
{
    if (call->kind != NK_Call)
        return 0;
    const char *q = sem_qualname(sem, scope, call->v.Call.func);
    return q && in_list(names, q);
}

/* ---- mutability ---- */

/* ---- immutable-calls naming the checked project's own code ---- */

/* The folders and module of the checked file's path, as dotted-name components: "src/app/m.py"
   gives src, app, m; a package's "__init__.py" gives only its folders. A ".." drops what came
   before it (the path does not say where it leads). */
typedef struct PathParts {
    const char *s[64];
    size_t len[64];
    int n;
    int package;   /* the file is an __init__ module: its last component is a folder */
} PathParts;

static void split_path(const char *path, PathParts *p)
{
    p->n = 0;
    p->package = 0;
    for (const char *at = path; path && *at;) {
        size_t n = strcspn(at, "/\\");
        if (n == 2 && memcmp(at, "..", 2) == 0)
            p->n = 0;
        else if (n > 0 && !(n == 1 && at[0] == '.') && p->n < 64) {
            p->s[p->n] = at;
            p->len[p->n++] = n;
        }
        at += n + (at[n] != 0);
    }
    if (p->n == 0)
        return;
    size_t last = p->len[p->n - 1];
    const char *name = p->s[p->n - 1];
    if (last > 3 && memcmp(name + last - 3, ".py", 3) == 0)
        p->len[p->n - 1] = last -= 3;
    else if (last > 4 && memcmp(name + last - 4, ".pyi", 4) == 0)
        p->len[p->n - 1] = last -= 4;
    if (last == 8 && memcmp(name, "__init__", 8) == 0) {
        p->n--;
        p->package = 1;
    }
}

/* `nparts` components of the path, then `rest` (dotted), into `out`; 0 when it does not fit. */
static int join_parts(const PathParts *p, int nparts, const char *rest, size_t rest_len, char *out,
                      size_t cap)
{
    size_t at = 0;
    for (int i = 0; i < nparts; i++) {
        if (at + p->len[i] + 1 >= cap)
            return 0;
        memcpy(out + at, p->s[i], p->len[i]);
        at += p->len[i];
        out[at++] = '.';
    }
    if (at + rest_len >= cap)
        return 0;
    memcpy(out + at, rest, rest_len);
    out[at + rest_len] = 0;
    return 1;
}

/* A configured name and one derived from the file's path name the same thing when the shorter is
   a dotted suffix of the longer with at least a module and a name: the path tells the module only
   from where it starts ("src/app/models.py" is app.models; "models.py" may be too). */
static int dotted_suffix_match(const char *entry, const char *derived)
{
    size_t a = strlen(entry), b = strlen(derived);
    const char *longer = a >= b ? entry : derived, *shorter = a >= b ? derived : entry;
    size_t nl = a >= b ? a : b, ns = a >= b ? b : a;
    if (!strchr(shorter, '.') || memcmp(longer + nl - ns, shorter, ns) != 0)
        return 0;
    return nl == ns || longer[nl - ns - 1] == '.';
}

static int configured_derived(const Semantic *sem, const char *derived)
{
    for (const char *const *e = sem->opt.immutable_calls; e && *e; e++)
        if (dotted_suffix_match(*e, derived))
            return 1;
    return 0;
}

/* A relative import's name (".models.Money", "..util.frozen"), made absolute from the file's path
   and matched against immutable-calls. */
static int configured_relative(const Semantic *sem, const char *qualname)
{
    int level = 0;
    while (qualname[level] == '.')
        level++;
    PathParts p;
    split_path(sem->src ? sem->src->path : NULL, &p);
    int folders = p.package ? p.n : p.n - 1;   /* the package of the file */
    char derived[512];
    return folders - (level - 1) >= 0 &&
           join_parts(&p, folders - (level - 1), qualname + level, strlen(qualname + level), derived,
                      sizeof derived) &&
           configured_derived(sem, derived);
}

int sem_is_immutable_call(const Semantic *sem, const char *qualname)
{
    if (qualname[0] == '.' && sem->opt.immutable_calls)
        return configured_relative(sem, qualname);
    return in_sorted(immutable_calls, COUNT(immutable_calls), qualname)
        || in_list(sem->opt.immutable_calls, qualname);
}

/* The dotted text of a Name / Attribute chain into out ("Money.zero"); 0 when it does not fit. */
static int chain_text(const Node *expr, char *out, size_t cap)
{
    if (expr->kind == NK_Name) {
        Str id = expr->v.Name.id;
        if (id.len >= cap)
            return 0;
        memcpy(out, id.s, id.len);
        out[id.len] = 0;
        return 1;
    }
    if (expr->kind != NK_Attribute || !chain_text(expr->v.Attribute.value, out, cap))
        return 0;
    size_t at = strlen(out);
    Str attr = expr->v.Attribute.attr;
    if (at + 1 + attr.len >= cap)
        return 0;
    out[at] = '.';
    memcpy(out + at + 1, attr.s, attr.len);
    out[at + 1 + attr.len] = 0;
    return 1;
}

/* `Name` or `Name.attr...` whose Name a module-level class or def of this file binds: 1 when
   "<the file's module>.Name.attr..." is in immutable-calls. */
static int configured_local(Semantic *sem, const Scope *scope, const Node *expr)
{
    const Node *root = expr;
    while (root->kind == NK_Attribute)
        root = root->v.Attribute.value;
    const Binding *bd = sem_resolve_name(sem, scope, root);
    char chain[256], derived[512];
    if (!bd || bd->scope != sem->module || (bd->kind != BIND_CLASS && bd->kind != BIND_FUNCTION) ||
        !chain_text(expr, chain, sizeof chain))
        return 0;
    PathParts p;
    split_path(sem->src ? sem->src->path : NULL, &p);
    return join_parts(&p, p.n, chain, strlen(chain), derived, sizeof derived) &&
           configured_derived(sem, derived);
}

int sem_is_immutable_callee(Semantic *sem, const Scope *scope, const Node *func)
{
    if (func->kind == NK_Subscript)
        func = func->v.Subscript.value;
    const char *q = sem_qualname(sem, scope, func);
    if (q)
        return sem_is_immutable_call(sem, q);
    return sem->opt.immutable_calls && (func->kind == NK_Name || func->kind == NK_Attribute) &&
           configured_local(sem, scope, func);
}

int sem_annotation_is_immutable(Semantic *sem, const Scope *scope, const Node *ann)
{
    if (!ann)
        return 0;
    if (ann->kind == NK_BinOp && ann->v.BinOp.op == OPERATOR_BitOr) {   /* T | None */
        if (ann->v.BinOp.right->kind == NK_Constant)
            return sem_annotation_is_immutable(sem, scope, ann->v.BinOp.left);
        if (ann->v.BinOp.left->kind == NK_Constant)
            return sem_annotation_is_immutable(sem, scope, ann->v.BinOp.right);
        return 0;
    }
    if (ann->kind == NK_Subscript && (sem_annotation_is(sem, scope, ann, "Optional") ||
                                      sem_annotation_is(sem, scope, ann, "Final")))
        return sem_annotation_is_immutable(sem, scope, ann->v.Subscript.slice);
    return (ann->kind == NK_Name || ann->kind == NK_Attribute || ann->kind == NK_Subscript) &&
           sem_is_immutable_callee(sem, scope, ann);
}

int sem_is_mutable_call(const Semantic *sem, const char *qualname)
{
    if (sem_is_immutable_call(sem, qualname))
        return 0;
    return in_sorted(mutable_calls, COUNT(mutable_calls), qualname) || in_list(sem->opt.mutable_calls, qualname);
}

const Node *sem_call_callee(const Node *call)
{
    const Node *func = call->v.Call.func;
    return func->kind == NK_Subscript ? func->v.Subscript.value : func;
}

static int is_mutable(Semantic *sem, const Scope *scope, const Node *expr, int depth)
{
    switch (expr->kind) {
    case NK_List: case NK_Dict: case NK_Set:
    case NK_ListComp: case NK_DictComp: case NK_SetComp:
        return 1;
    case NK_Call: {
        const char *q = sem_qualname(sem, scope, sem_call_callee(expr));
        return q && sem_is_mutable_call(sem, q);
    }
    case NK_Name: {
        /* A module-level (or class-level) name bound exactly once to a mutable value is one
           shared object. */
        if (depth > 4)
            return 0;
        const Binding *bd = sem_resolve_name(sem, scope, expr);
        if (!bd || bd->kind != BIND_ASSIGN || !bd->value
            || (bd->scope != sem->module && bd->scope->kind != SCOPE_CLASS))
            return 0;
        const NameEntry *e = sem_lookup(bd->scope, expr->v.Name.id.s, expr->v.Name.id.len);
        return e && e->n == 1 && is_mutable(sem, bd->scope, bd->value, depth + 1);
    }
    default:
        return 0;
    }
}

int sem_is_mutable_expr(Semantic *sem, const Scope *scope, const Node *expr)
{
    return is_mutable(sem, scope, expr, 0);
}

const Node *sem_find_function(const Semantic *sem, const Scope *scope, const char *name)
{
    const Binding *bd = resolve_len(sem, scope, name, (uint32_t)strlen(name), INT_MAX, INT_MAX);
    if (!bd || bd->kind != BIND_FUNCTION)
        return NULL;
    return bd->node;
}

/* ---- Python facts shared by several rules ---- */

static int str_in_list(Str s, const char *const *list)
{
    for (; *list; list++)
        if (sem_str_eq(s, *list))
            return 1;
    return 0;
}

int sem_is_mutating_method(Str name)
{
    if (!name.s || !sem_word_filter_may_hold(mutating_method_filter, name))
        return 0;
    for (const Word *w = mutating_methods; w->s; w++)
        if (w->len == name.len && w->s[0] == name.s[0] && memcmp(w->s, name.s, name.len) == 0)
            return 1;
    return 0;
}

int sem_is_storing_method(Str name)
{
    return str_in_list(name, storing_methods);
}

int sem_is_shrinking_method(Str name)
{
    return str_in_list(name, shrinking_methods);
}

int sem_is_mutating_function(const char *qualname)
{
    return qualname && (in_list(growing_functions, qualname) || in_list(shrinking_functions, qualname));
}

int sem_is_shrinking_function(const char *qualname)
{
    return qualname && in_list(shrinking_functions, qualname);
}

/* "Sequence[int]" as a string annotation: a read-only name, alone or subscripted. */
static int is_read_only_string(Str text)
{
    static const char *const abc_set[] = { "collections.abc.Set", "abc.Set", NULL };
    for (const char *const *r = abc_set; *r; r++) {
        size_t len = strlen(*r);
        if (text.len >= len && memcmp(text.s, *r, len) == 0 && (text.len == len || text.s[len] == '['))
            return 1;
    }
    for (const char *const *r = read_only_types; *r; r++) {
        size_t len = strlen(*r);
        if (text.len >= len && memcmp(text.s, *r, len) == 0 && (text.len == len || text.s[len] == '['))
            return 1;
    }
    return 0;
}

/* `Set` promises no mutation only as collections.abc.Set (typing.Set is the mutable set). */
static int is_abc_set(Semantic *sem, const Scope *scope, const Node *ann)
{
    const char *q = sem_qualname(sem, scope, ann);
    return q && (strcmp(q, "collections.abc.Set") == 0 || strcmp(q, "_collections_abc.Set") == 0);
}

int sem_is_read_only_annotation(Semantic *sem, const Scope *scope, const Node *ann)
{
    if (!ann)
        return 0;
    switch (ann->kind) {
    case NK_Name:
        return str_in_list(ann->v.Name.id, read_only_types) ||
               (sem_str_eq(ann->v.Name.id, "Set") && is_abc_set(sem, scope, ann));
    case NK_Attribute:
        return str_in_list(ann->v.Attribute.attr, read_only_types) ||
               (sem_str_eq(ann->v.Attribute.attr, "Set") && is_abc_set(sem, scope, ann));
    case NK_Subscript: {
        const Node *base = ann->v.Subscript.value, *slice = ann->v.Subscript.slice;
        Str last = base->kind == NK_Name ? base->v.Name.id
                 : base->kind == NK_Attribute ? base->v.Attribute.attr : (Str){ NULL, 0 };
        if (last.s && (sem_str_eq(last, "Optional") || sem_str_eq(last, "Final")))
            return sem_is_read_only_annotation(sem, scope, slice);
        if (last.s && sem_str_eq(last, "Annotated"))   /* Annotated[T, metadata...] is T */
            return sem_is_read_only_annotation(
                sem, scope, slice->kind == NK_Tuple && slice->v.Tuple.elts.n ? slice->v.Tuple.elts.items[0]
                                                                              : slice);
        return sem_is_read_only_annotation(sem, scope, base);
    }
    case NK_BinOp:   /* T | None */
        if (ann->v.BinOp.op != OPERATOR_BitOr)
            return 0;
        if (ann->v.BinOp.right->kind == NK_Constant)
            return sem_is_read_only_annotation(sem, scope, ann->v.BinOp.left);
        if (ann->v.BinOp.left->kind == NK_Constant)
            return sem_is_read_only_annotation(sem, scope, ann->v.BinOp.right);
        return sem_is_read_only_annotation(sem, scope, ann->v.BinOp.left) &&
               sem_is_read_only_annotation(sem, scope, ann->v.BinOp.right);
    case NK_Constant:
        return ann->v.Constant.value.kind == CONST_STR && is_read_only_string(ann->v.Constant.value.text);
    default:
        return 0;
    }
}

/* `text` names `name` alone or subscripted, bare or through typing / typing_extensions. */
static int string_names(Str text, const char *name)
{
    static const char *const prefixes[] = { "", "typing.", "typing_extensions.", NULL };
    size_t n = strlen(name);
    for (const char *const *p = prefixes; *p; p++) {
        size_t k = strlen(*p);
        if (text.len >= k + n && memcmp(text.s, *p, k) == 0 && memcmp(text.s + k, name, n) == 0 &&
            (text.len == k + n || text.s[k + n] == '['))
            return 1;
    }
    return 0;
}

int sem_annotation_is(Semantic *sem, const Scope *scope, const Node *ann, const char *name)
{
    if (ann->kind == NK_Subscript)
        ann = ann->v.Subscript.value;
    if (ann->kind == NK_Constant && ann->v.Constant.value.kind == CONST_STR)
        return string_names(ann->v.Constant.value.text, name);
    const char *q = sem_qualname(sem, scope, ann);
    if (!q)
        return 0;
    const char *dot = strrchr(q, '.');
    return strcmp(dot ? dot + 1 : q, name) == 0;
}

/* ---- callbacks kept for later ---- */

/* Functions that keep a function argument to call it after they return: at exit, on a signal, on
   another thread or process, or from an event loop. Sorted (bsearch). */
static const char *const callback_keeping_calls[] = {
    "_thread.start_new_thread", "asyncio.create_task", "asyncio.ensure_future", "atexit.register",
    "multiprocessing.Process", "signal.signal", "threading.Thread", "threading.Timer",
    "weakref.finalize",
};

/* Methods that do the same whatever their object: asyncio's loop (`call_soon`, `call_later`,
   `run_in_executor`, `add_reader`...), `Future.add_done_callback`, `Executor.submit`,
   `Pool.apply_async`, `ExitStack.callback`, unittest's `addCleanup`, Twisted's `addCallback`,
   trio/anyio `start_soon`, tkinter's `after`/`bind`, signal-slot `connect`, `register`.
   Sorted (strcmp order, bsearch). */
static const char *const callback_keeping_methods[] = {
    "addBoth", "addCallback", "addCallbacks", "addCleanup", "addErrback", "add_done_callback",
    "add_reader", "add_signal_handler", "add_writer", "after", "after_idle", "apply_async",
    "bind", "call_at", "call_later", "call_soon", "call_soon_threadsafe", "callback", "connect",
    "create_task", "register", "run_in_executor", "spawn", "start_soon", "submit", "trace_add",
};

int sem_callee_keeps_callback(Semantic *sem, const Scope *scope, const Node *callee)
{
    if (callee->kind == NK_Attribute) {
        char name[64];
        Str attr = callee->v.Attribute.attr;
        if (attr.len < sizeof name) {
            memcpy(name, attr.s, attr.len);
            name[attr.len] = '\0';
            if (in_sorted(callback_keeping_methods, COUNT(callback_keeping_methods), name))
                return 1;
        }
    }
    const char *q = sem_qualname(sem, scope, callee);
    return q && in_sorted(callback_keeping_calls, COUNT(callback_keeping_calls), q);
}
