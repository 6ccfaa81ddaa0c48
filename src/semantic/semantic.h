/* Semantic model of one file: scopes, bindings, references, imports, per-function facts.
   Built once per file (one walk) before the rules run; everything lives in the file's arena.
   Rules only read it. */
#ifndef GOTCHA_SEMANTIC_H
#define GOTCHA_SEMANTIC_H

#include <stdint.h>
#include <string.h>

#include "../ast/ast_nodes.h"
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

/* The user's settings the model reads (from `[tool.gotcha]`); copied by sem_build, the lists are
   borrowed and must outlive the model. */
typedef struct SemOptions {
    const char *const *immutable_calls;  /* NULL-terminated extra qualified names, or NULL */
    const char *const *mutable_calls;
    const char *const *resource_calls;   /* extra calls that open a resource (`resource-calls`) */
} SemOptions;

/* Build the model of `module`. Never fails (allocation aborts). `opt` may be NULL. */
Semantic *sem_build(const Node *module, const Source *src, const SemOptions *opt, Arena *a);

const Scope *sem_module_scope(const Semantic *sem);
/* 1 if the module has a `from m import *`: a name bound nowhere may come from it. */
int sem_has_star_import(const Semantic *sem);
/* The scope a def/lambda/class/comprehension node opens, or NULL for other nodes. */
const Scope *sem_scope_of_def(const Semantic *sem, const Node *def);
/* Parent of any node of the tree (NULL for the module): Node.parent, which the parser sets. O(1). */
const Node *sem_parent(Semantic *sem, const Node *node);
/* The same answer for a node of `scope` (one of its loads or their ancestors). */
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
   array.array and SemOptions.mutable_calls; a Name bound exactly once in the module (or in the
   class body where it is read) to such a value counts too. Calls in SemOptions.immutable_calls
   or the built-in immutable list never do. */
int sem_is_mutable_expr(Semantic *sem, const Scope *scope, const Node *expr);
/* 1 if `qualname` is a call known to build an immutable value (tuple, frozenset, int, str, float,
   bytes, decimal.Decimal, fractions.Fraction, pathlib.Path, re.compile... and the configured ones). */
int sem_is_immutable_call(const Semantic *sem, const char *qualname);
/* 1 if `qualname` is a call known to build a mutable value (see above). */
int sem_is_mutable_call(const Semantic *sem, const char *qualname);
/* The class or function a Call calls: its `func`, without the type arguments of a subscripted
   generic (`list[int]()`, `OrderedDict[str, int]()`, `Box[T]()` call list, OrderedDict, Box). */
const Node *sem_call_callee(const Node *call);
/* 1 if the callee or type `expr` (Name, Attribute chain, subscripted generic) is a known immutable
   call or is named in SemOptions.immutable_calls: through any import, a relative import made
   absolute from the file's path (`from .models import Money` in app/views.py is app.models.Money),
   or a module-level class or def of this very file (`Money` in app/models.py). A name derived from
   the path matches an entry when the shorter of the two is a dotted suffix of the longer and has
   at least a module and a name (the path tells the package only from where it starts). */
int sem_is_immutable_callee(Semantic *sem, const Scope *scope, const Node *expr);
/* 1 if the annotation is such an immutable type: `Money`, `Money | None`, `Optional[Money]`,
   `Final[Money]`, `Money[int]`. Values of such a type are not shared state. NULL -> 0. */
int sem_annotation_is_immutable(Semantic *sem, const Scope *scope, const Node *ann);

/* Python facts shared by rules (each list is kept once, in semantic_query.c). */
/* 1 if `name` is a method that changes the container it is called on (`append`, `update`,
   `move_to_end`, `subtract`, `__setitem__`...). */
int sem_is_mutating_method(Str name);
/* 1 if `name` is a mutating method that stores its argument itself (`append`, `add`, `setdefault`...). */
int sem_is_storing_method(Str name);
/* 1 if `name` is a mutating method that only removes or reorders items (`pop`, `sort`, `clear`...):
   on an empty container it changes nothing. */
int sem_is_shrinking_method(Str name);
/* 1 if `qualname` (may be NULL) is a function that mutates its first argument (`heapq.heappush`,
   `random.shuffle`, `bisect.insort`...). */
int sem_is_mutating_function(const char *qualname);
/* 1 if `qualname` (may be NULL) is such a function that only removes or reorders (`heapq.heappop`,
   `random.shuffle`). */
int sem_is_shrinking_function(const char *qualname);
/* Resource calls (semantic_resources.c: one table, plus SemOptions.resource_calls). */
/* Cheap filter before resolving a callee: 0 when `func` cannot be a resource call: a name or an
   attribute whose name ends no resource call, unless it is a name imported at module level with
   `from m import y [as name]` (maybe an alias of one). */
int sem_may_be_resource_call(const Semantic *sem, const Node *func);
/* What the call opens when it returns an object holding an OS resource until closed, else NULL:
   its qualified name (`open`, `socket.socket`, `subprocess.Popen`, `sqlite3.connect`,
   `concurrent.futures.ThreadPoolExecutor`, a configured `resource-calls` entry...), or
   "pathlib.Path.open" for `p.open()` on a value known to be a `pathlib.Path` (`Path(x)`, `p / "x"`,
   a name every binding of which is one, a parameter annotated `Path`), or "zipfile.ZipFile.open"
   for `z.open(member)` on a name every binding of which is a `zipfile.ZipFile(...)` (not one over
   an `io.BytesIO`). `sqlite3.connect(":memory:")` opens no file: NULL. The string
   lives in the arena or in static storage. */
const char *sem_resource_call(Semantic *sem, const Scope *scope, const Node *call);
/* 1 if sem_resource_call(call) is not NULL. */
int sem_is_resource_call(Semantic *sem, const Scope *scope, const Node *call);
/* 1 if the annotation promises no mutation: `Sequence[int]`, `typing.Mapping`, `tuple[str, ...] | None`,
   `Optional[Iterable[T]]`, `Final[Sequence]`, `Annotated[Sequence[int], ...]`, `collections.abc.Set`
   (not typing.Set: the mutable set), or the same as a string. `scope` is where the annotation is
   evaluated. NULL -> 0. */
int sem_is_read_only_annotation(Semantic *sem, const Scope *scope, const Node *ann);
/* 1 if the annotation is the typing special form `name` ("ClassVar", "Final"), bare or subscripted,
   in any import form (`ClassVar[int]`, `typing.ClassVar`, `t.Final`), or the same as a string
   (`"ClassVar[int]"`, `"typing.Final"`). Resolves one qualified name: cheap. */
int sem_annotation_is(Semantic *sem, const Scope *scope, const Node *ann, const char *name);

/* What a call gives back (semantic_calls.c), for calls evaluated once and kept (defaults). */
typedef enum SemCallKind {
    SEM_CALL_UNKNOWN,     /* nothing known: an imported or unresolved callee, a decorated def... */
    SEM_CALL_IMMUTABLE,   /* a value: known immutable calls, frozen/Enum/NamedTuple classes of this
                             file, classes of this file with methods and no instance state */
    SEM_CALL_MUTABLE,     /* a new object with state: containers, buffers, files, connections,
                             queues; classes of this file whose methods store on the instance (or
                             empty namespace classes); defs of this file that return such a value */
    SEM_CALL_VARYING      /* a value that depends on when it is computed: time, date, uuid1/uuid4,
                             random, secrets, process id, working directory, environment */
} SemCallKind;
/* Kind of a Call node. Reads same-file callees (a def's returns, a class's methods), following
   callees at most a few levels deep: cost proportional to those bodies. */
SemCallKind sem_call_kind(Semantic *sem, const Scope *scope, const Node *call);
/* 1 if the call is SEM_CALL_MUTABLE only through this file's own Python code: an instance of a class
   of this file, or what a def of this file returns (containers, such instances), with none of the
   known stateful objects (files, buffers, sockets, connections, queues) among what it gives back.
   Whether such an object is ever changed is for the caller to show. */
int sem_call_builds_file_object(Semantic *sem, const Scope *scope, const Node *call);
/* The first call in `expr` (pre-order, not inside lambdas) whose kind is SEM_CALL_VARYING, or NULL:
   `uuid4().hex`, `str(uuid4())`, `time.time() + 60`. */
const Node *sem_find_varying_call(Semantic *sem, const Scope *scope, const Node *expr);
/* 1 if the ClassDef is decorated as a dataclass (dataclasses, attrs, pydantic dataclasses), with
   or without arguments. */
int sem_is_dataclass(Semantic *sem, const Scope *scope, const Node *cls);
/* What kind of record a class is, for the defaults of its fields. */
typedef enum SemRecordKind {
    SEM_RECORD_NONE,
    SEM_RECORD_DATACLASS,   /* @dataclasses.dataclass / pydantic dataclass: defaults checked at
                               class creation (list/dict/set and unhashable values raise) */
    SEM_RECORD_ATTRS,       /* @attr.s without auto_attribs: only `x = attr.ib(...)` are fields */
    SEM_RECORD_ATTRS_AUTO,  /* @attrs.define/frozen/mutable, @attr.s(auto_attribs=True): annotated
                               attributes are fields too; no default is copied or checked */
    SEM_RECORD_NAMEDTUPLE   /* a direct subclass of typing.NamedTuple: annotated attributes are
                               fields, their defaults the `__new__` defaults (`_field_defaults`) */
} SemRecordKind;
/* The record kind of a ClassDef (its bases and decorators, any import form); `scope` is where the
   class statement runs. A class that is several, the first found: NamedTuple base, then decorators
   in order. */
SemRecordKind sem_record_kind(Semantic *sem, const Scope *scope, const Node *cls);
/* The default a call to an attrs field specifier gives (`attr.ib(default=[])`, `attr.ib([])`,
   `attr.attrib(...)`, `attr.field(default=...)`, `attrs.field(default=...)`), or NULL when the call
   is not one or gives no `default` (a `factory=` is no default). */
const Node *sem_attrs_field_default(Semantic *sem, const Scope *scope, const Node *value);
/* 1 if a call to `callee` (the Call's `func`, or a decorator) keeps a function argument to call it
   after returning: a known function (atexit.register, signal.signal, threading.Thread/Timer,
   multiprocessing.Process, asyncio.create_task...) or a method that does so whatever its object
   (call_soon, call_later, add_done_callback, submit, addCleanup, callback, connect, register,
   start_soon...). */
int sem_callee_keeps_callback(Semantic *sem, const Scope *scope, const Node *callee);

/* Value kinds (semantic_values.c): built-in types whose values are plain data. */
typedef enum SemValueKind {
    SEM_VALUE_INT = 1u << 0,     /* int itself, never bool */
    SEM_VALUE_FLOAT = 1u << 1,
    SEM_VALUE_STR = 1u << 2,
    SEM_VALUE_BYTES = 1u << 3,
    SEM_VALUE_TUPLE = 1u << 4
} SemValueKind;
/* The SemValueKind bits of the types of which `expr` (read in `scope`) surely holds one, by local
   inference: literals, f-strings, tuple displays, arithmetic and `%` on known operands, unshadowed
   builtins (`len`, `int`, `str`, `float`, `repr`...), methods of a known receiver (`s.upper()`),
   and names whose every binding is known and cannot be rebound unseen (not parameters, class
   attributes, `global`/`nonlocal` names, other modules' globals). 0 = nothing sure (None, a
   sentinel, an enum member, a class...). At most a few hundred expressions per call. */
unsigned sem_value_kinds(Semantic *sem, const Scope *scope, const Node *expr);
/* 1 if `a` and `b` (read in `scope`) may hold one object handed along by assignments: some name's
   object may reach both (`x = MARKER` ... `x is MARKER`; `m = n` ... `n is m`). Only names,
   `a if c else b`, `a or b` and walrus hand an object along; a call, arithmetic or a literal makes
   its own. 1 as well when the search gives up (a few hundred expressions). */
int sem_may_share_object(Semantic *sem, const Scope *scope, const Node *a, const Node *b);

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
