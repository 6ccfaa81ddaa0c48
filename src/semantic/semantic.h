/* Semantic model of one file: scopes, bindings, references, imports, per-function facts.
   Built once per file (one walk) before the rules run; everything lives in the file's arena.
   Rules only read it. */
#ifndef GOTCHA_SEMANTIC_H
#define GOTCHA_SEMANTIC_H

#include <stdint.h>
#include <string.h>

#include "../ast/ast_nodes.h"
#include "../check/check.h"
#include "../source/source.h"
#include "../util/arena.h"

typedef enum ScopeKind {
    SCOPE_MODULE,
    SCOPE_CLASS,
    SCOPE_FUNCTION,        /* def and async def */
    SCOPE_LAMBDA,
    SCOPE_COMPREHENSION,   /* list/set/dict comprehension, generator expression */
    SCOPE_TYPE_PARAMS      /* PEP 695 `def f[T]()` / `class C[T]` annotation scope */
} ScopeKind;

typedef enum BindingKind {
    BIND_PARAM,            /* def/lambda parameter (node = the `arg`) */
    BIND_ASSIGN,           /* `x = v`, `x: T = v`, `x: T`, tuple/star targets (node = the Name) */
    BIND_AUGASSIGN,        /* `x += v` */
    BIND_IMPORT,           /* `import a.b` (binds a), `import a.b as c` (node = the alias) */
    BIND_IMPORT_FROM,      /* `from m import x [as y]` (node = the alias) */
    BIND_FUNCTION,         /* def / async def (node = the FunctionDef) */
    BIND_CLASS,            /* class (node = the ClassDef) */
    BIND_GLOBAL,           /* `global x` declared in this scope (node = the Global stmt) */
    BIND_NONLOCAL,         /* `nonlocal x` (node = the Nonlocal stmt) */
    BIND_WALRUS,           /* `(x := v)` (node = the Name) */
    BIND_FOR,              /* for-loop / comprehension target (node = the Name) */
    BIND_WITH,             /* `with ... as x` (node = the Name) */
    BIND_EXCEPT,           /* `except E as x` (node = the ExceptHandler) */
    BIND_MATCH,            /* match capture / star / mapping rest (node = the pattern) */
    BIND_DELETE,           /* `del x` (node = the Name) */
    BIND_TYPE_PARAM        /* PEP 695 type parameter (node = TypeVar/ParamSpec/TypeVarTuple) */
} BindingKind;

typedef struct Scope Scope;

typedef struct Binding {
    Str name;
    uint8_t kind;            /* BindingKind */
    const Node *node;        /* see BindingKind */
    const Node *stmt;        /* the statement that contains the binding (NULL for parameters) */
    const Node *value;       /* the value bound when known: `x = v` with a single Name target,
                                `x: T = v`, `(x := v)`, a parameter's default; else NULL */
    const char *qualname;    /* imports: what the name stands for ("functools.wraps", "os.path",
                                ".sibling.name" for relative imports); NULL otherwise */
    Scope *scope;
    int32_t lineno, col_offset; /* where the binding happens (order inside the scope) */
} Binding;

/* Facts about a def / async def / lambda, computed once while the model is built. */
typedef struct FuncInfo {
    uint8_t is_async;
    uint8_t is_generator;    /* has yield / yield from in its own body (not nested functions) */
    uint8_t is_method;       /* defined directly in a class body */
    uint8_t returns_value;   /* some `return <expr>` (not `return None`) in its own body */
    const char **decorators; /* qualified names of the decorators (call decorators: of the callee);
                                NULL entry for one that does not resolve to a name */
    int32_t ndecorators;
    const Node **returns;    /* the Return nodes of its own body, in source order */
    int32_t nreturns;
    const Node **yields;     /* the Yield / YieldFrom nodes of its own body */
    int32_t nyields;
} FuncInfo;

struct Scope {
    uint8_t kind;            /* ScopeKind */
    const Node *node;        /* Module, FunctionDef, AsyncFunctionDef, ClassDef, Lambda, ListComp,
                                SetComp, DictComp, GeneratorExp */
    Scope *parent;
    Binding **bindings;      /* in source order */
    int32_t nbindings;
    const Node **loads;      /* Name nodes read (Load context) directly in this scope, in source order */
    int32_t nloads;
    Scope **children;        /* nested scopes, in source order */
    int32_t nchildren;
    FuncInfo *func;          /* SCOPE_FUNCTION and SCOPE_LAMBDA only */
    struct NameTable *names; /* internal: bindings grouped by name */
};

typedef struct Semantic Semantic;

/* Build the model of `module`. Never fails (allocation aborts). `opt` may be NULL. */
Semantic *sem_build(const Node *module, const Source *src, const CheckOptions *opt, Arena *a);

const Scope *sem_module_scope(const Semantic *sem);
/* Where each node kind keeps its children (ast_children.h), filled once per file by sem_build. */
const struct AstChildren *sem_ast_children(const Semantic *sem);
/* The scope a def/lambda/class/comprehension node opens, or NULL for other nodes. */
const Scope *sem_scope_of_def(const Semantic *sem, const Node *def);
/* Parent of any node of the tree (NULL for the module). The first call builds the map. */
const Node *sem_parent(Semantic *sem, const Node *node);
/* The same answer for a node of `scope` (one of its loads or their ancestors), cheaper: only the
   subtree of the scope's def/lambda/class/comprehension is mapped (once), not the whole file. */
const Node *sem_parent_in(Semantic *sem, const Scope *scope, const Node *node);

/* Bindings of `name` in `scope` itself (not enclosing scopes), in source order. Returns the count
   and stores up to `max` of them in `out` (out may be NULL to only count). */
int32_t sem_bindings_of(const Scope *scope, const char *name, const Binding **out, int32_t max);
/* 1 if `name` is bound anywhere in `scope` (so a read in that scope is local), 0 otherwise.
   `global`/`nonlocal` declarations count as bindings of kind BIND_GLOBAL/BIND_NONLOCAL. */
int sem_is_local(const Scope *scope, const char *name);

/* Resolve a name read at (lineno, col_offset) in `scope` by Python's LEGB rule, skipping class scopes
   for nested functions. Returns the binding that textually precedes the read in the scope that owns
   the name (or that scope's first binding when none precedes, e.g. a loop), or NULL for builtins /
   undefined names. */
const Binding *sem_resolve(const Semantic *sem, const Scope *scope, const char *name,
                           int32_t lineno, int32_t col_offset);
/* The same for a Name node. */
const Binding *sem_resolve_name(const Semantic *sem, const Scope *scope, const Node *name);

/* 1 if the Name node `name` (read in `scope`, a function or lambda scope or one nested in it)
   still refers to the parameter `param` of the function `fscope`: the name is not bound in any
   scope between, and in `fscope` no other binding of it textually precedes the read. */
int sem_refers_to_param(const Semantic *sem, const Scope *scope, const Node *name,
                        const Scope *fscope, const char *param);

/* Qualified name of a Name / Attribute chain through imports and aliases: with `import functools
   as ft`, `ft.wraps` -> "functools.wraps"; `from contextlib import contextmanager as cm`, `cm` ->
   "contextlib.contextmanager". An unbound name that is a builtin gives its bare name ("open",
   "list"). Names bound in the module by def/class/assignment give NULL, as does anything else.
   The string lives in the arena. */
const char *sem_qualname(Semantic *sem, const Scope *scope, const Node *expr);
/* 1 if sem_qualname(expr) equals `qualname`. */
int sem_qualname_is(Semantic *sem, const Scope *scope, const Node *expr, const char *qualname);
/* 1 if the qualified name of a call's callee is one of the NULL-terminated `names`. */
int sem_call_matches(Semantic *sem, const Scope *scope, const Node *call, const char *const *names);

/* Mutability (RULES.md): list/dict/set displays and comprehensions, calls to list dict set
   bytearray, collections.{deque defaultdict OrderedDict Counter ChainMap UserDict UserList},
   array.array and CheckOptions.mutable_calls; a Name bound exactly once in the module (or in the
   class body where it is read) to such a value counts too. Calls in CheckOptions.immutable_calls
   or the built-in immutable list never do. */
int sem_is_mutable_expr(Semantic *sem, const Scope *scope, const Node *expr);
/* 1 if `qualname` is a call known to build an immutable value (tuple, frozenset, int, str, float,
   bytes, decimal.Decimal, fractions.Fraction, pathlib.Path, re.compile... and the configured ones). */
int sem_is_immutable_call(const Semantic *sem, const char *qualname);
/* 1 if `qualname` is a call known to build a mutable value (see above). */
int sem_is_mutable_call(const Semantic *sem, const char *qualname);

/* 1 if a call to `callee` (the Call's `func`, or a decorator) keeps a function argument to call it
   after returning: a known function (atexit.register, signal.signal, threading.Thread/Timer,
   multiprocessing.Process, asyncio.create_task...) or a method that does so whatever its object
   (call_soon, call_later, add_done_callback, submit, addCleanup, callback, connect, register,
   start_soon...). */
int sem_callee_keeps_callback(Semantic *sem, const Scope *scope, const Node *callee);

/* The def / async def bound to `name` as seen from `scope` (same module), or NULL when the name
   does not resolve to a function definition. */
const Node *sem_find_function(const Semantic *sem, const Scope *scope, const char *name);
/* Facts of a def / async def / lambda node (NULL for other nodes). */
const FuncInfo *sem_func_info(const Semantic *sem, const Node *def);

/* Small helpers on nodes. */
/* Str equals a C string. Inline: rules call it in loops over name lists. */
static inline int sem_str_eq(Str s, const char *cstr)
{
    if (!s.s || (s.len > 0 && s.s[0] != cstr[0]))
        return 0;   /* most comparisons fail on the first byte: skip the strlen */
    size_t len = strlen(cstr);
    return s.len == len && memcmp(s.s, cstr, len) == 0;
}
const Node *sem_func_args(const Node *def);         /* `arguments` of def/async def/lambda */
NodeList sem_func_body(const Node *def);            /* body of def/async def (empty for lambda) */
Str sem_func_name(const Node *def);                 /* name of def/async def; "<lambda>" for lambda */

#endif
