/* The summary of one module: what another module may ask about it, without its tree.

   Built once per file from the semantic model (summary_build), in the per-file phase, on any
   thread; read by the project phase (project.h), which resolves imports across modules and
   propagates what functions do with their parameters along call edges. Everything lives in
   malloc'ed blocks (it outlives the file's arena; ModSummary.pool or .blocks), holds no absolute
   path, and is plain data (strings and integers) so that it can be written to and read from the
   cache.

   References to names (`DiagRef.target`, `SumName.target`, `SumFunc.ret_ref`, class bases) are
   qualified names as the module imports them: absolute (`pkg.helpers.remember`), relative with
   leading dots (`.helpers.remember`, against the module's package), or `@name` for a name bound
   at the top level of the module itself (`@Cls` or `@helper`) or bound nowhere in a module with a
   `from m import *` (the project phase looks it up in the star-imported modules). */
#ifndef GOTCHA_SUMMARY_H
#define GOTCHA_SUMMARY_H

#include <stdint.h>

#include "../engine/diag.h"
#include "../semantic/semantic.h"

/* What a module-level name holds. */
typedef enum SumValue {
    SUM_VALUE_OTHER,         /* anything else, or bound more than once */
    SUM_VALUE_MUTABLE,       /* a mutable container (sem_is_mutable_expr), bound once */
    SUM_VALUE_IMMUTABLE,     /* a constant, a tuple, an immutable call */
    SUM_VALUE_FUNCTION,      /* a def (its SumFunc has the same name) */
    SUM_VALUE_CLASS,         /* a class (its SumClass has the same name) */
    SUM_VALUE_IMPORT         /* an import: `target` is what it names */
} SumValue;

typedef struct SumName {
    char *name;
    uint8_t value;           /* SumValue */
    int32_t line;
    char *target;            /* SUM_VALUE_IMPORT: qualified name; else NULL */
} SumName;

/* A module-level name bound once to a call of a def or class of the module or of an import
   (`REGISTRY = get_registry()`, `BOX = Box(label)`; not calls with `*args` / `**kwargs`). Kept
   apart from SumName: few names have one. */
typedef struct SumNameCall {
    char *name;
    char *ref;               /* the callee's reference */
    int32_t npos;            /* positional arguments given */
    char *keywords;          /* keyword arguments given, each followed by ',' */
} SumNameCall;

/* What a function does with one parameter (bits). */
enum {
    SUM_PARAM_MUTATES = 1,   /* `p.append(..)`, `p[k] = v`, `del p[k]`, `p += ..`, `p.a = v`,
                                `heapq.heappush(p, ..)` */
    SUM_PARAM_STORES = 2,    /* `x.a = p`, `x[k] = p`, `out.append(p)`, `yield p` */
    SUM_PARAM_RETURNS = 4,   /* `return p` */
    SUM_PARAM_CALLS = 8,     /* `p(...)` in the function's own body: called before it returns */
    SUM_PARAM_READS = 16,    /* any other use */
    SUM_PARAM_CAPTURED = 32, /* read by a nested def, lambda or comprehension */
    SUM_PARAM_ALIASED = 64,  /* bound to another name or put in a display: followed no further */
    SUM_PARAM_REBOUND = 128, /* rebound other than by `if p is None: p = ...` / `p = p or ...`:
                                the effects above may concern another object */
    SUM_PARAM_UNKNOWN = 256  /* given to a callee nobody can resolve (a method, a starred call) */
};

/* Where a function keeps the object given as a parameter (with SUM_PARAM_STORES). */
typedef enum SumStore {
    SUM_STORE_NONE,          /* nowhere the project phase follows */
    SUM_STORE_ATTR,          /* `self.<store_name> = p` in an instance method of a top-level class */
    SUM_STORE_GLOBAL,        /* `global <store_name>` then `<store_name> = p` */
    SUM_STORE_ITEM           /* `<store_name>[k] = p`, `<store_name>.append(p)`: an item of a
                                module-level container */
} SumStore;

typedef struct SumParam {   /* fields ordered to pack: one per parameter of the project */
    char *name;
    DiagRef *passes;         /* calls that receive it: callee, position or keyword, line */
    char *store_name;        /* where it is kept (SumStore): its attribute or global name, or NULL */
    uint16_t effects;        /* SUM_PARAM_* bits of the function's own body */
    uint8_t store;           /* SumStore: the first such store */
    int32_t line;            /* first mutation (SUM_PARAM_MUTATES), else 0 */
    int32_t npasses;
    int32_t store_line;
} SumParam;

/* What a function returns. */
typedef enum SumReturn {
    SUM_RETURN_NONE,         /* nothing (or only `return` / `return None`) */
    SUM_RETURN_IMMUTABLE,    /* constants, tuples, f-strings, immutable calls */
    SUM_RETURN_MUTABLE,      /* a new container */
    SUM_RETURN_PARAM,        /* its parameter number ret_param */
    SUM_RETURN_FIELD,        /* `dataclasses.field(...)` and its attrs/pydantic spellings */
    SUM_RETURN_CALL,         /* what calling ret_ref gives (a class: an instance of it) */
    SUM_RETURN_MEMBER,       /* an attribute of ret_ref (`Color.RED`: a member if it is an Enum) */
    SUM_RETURN_UNKNOWN       /* mixed, a generator, or anything else */
} SumReturn;

typedef struct SumFunc {
    char *name;              /* `f`, or `Cls.m` for a method */
    int32_t line;
    uint8_t is_method;
    uint8_t returns;         /* SumReturn */
    int32_t ret_param;       /* SUM_RETURN_PARAM */
    char *ret_ref;           /* SUM_RETURN_CALL / SUM_RETURN_MEMBER */
    SumParam *params;        /* positional-only, positional, *args, keyword-only, **kwargs order */
    int32_t nparams;
    int32_t npositional;     /* params[0..npositional) take positional arguments */
} SumFunc;

/* Class facts (bits). */
enum {
    SUM_CLASS_DATACLASS = 1, /* dataclass / attrs / pydantic dataclass */
    SUM_CLASS_FROZEN = 2,    /* `frozen=True`, `attrs.frozen` */
    SUM_CLASS_ENUM = 4,      /* an enum.Enum (or Flag...) subclass */
    SUM_CLASS_NAMEDTUPLE = 8,/* typing.NamedTuple subclass */
    SUM_CLASS_METACLASS = 16,/* `metaclass=` given */
    SUM_CLASS_DESCRIPTOR = 32,/* defines `__get__`, `__set__` or `__delete__` */
    SUM_CLASS_IMMUTABLE_BASE = 64 /* derives from an immutable builtin or call (`tuple`, `str`,
                                     `int`, `frozenset`, `Decimal`...): its instances are values */
};

/* A method that mutates an attribute of its instance: `self.items.append(x)`, `self.d[k] = v`.
   Not a mutation that follows a rebinding of the attribute at the top of the method's body
   (`self.items = []` first: another object); when the rebinding stores a parameter, the
   mutation is that parameter's (SUM_PARAM_MUTATES). */
typedef struct SumAttrMutation {
    char *attr;              /* `items` */
    char *method;            /* `Cls.add` */
    int32_t line;            /* first such mutation in that method */
} SumAttrMutation;

typedef struct SumClass {
    char *name;
    int32_t line;
    uint8_t facts;           /* SUM_CLASS_* */
    char **bases;            /* references to the bases */
    int32_t nbases;
    SumAttrMutation *mutations;   /* by its methods, in source order, one per (attr, method) */
    int32_t nmutations;
} SumClass;

/* A mutation, in this module, of an object another module hands out: the result of a call of
   an imported function or class (`get_registry().append(x)`, `b = Basket(); b.items.append(x)`,
   `Basket().items.clear()`, `(r := get_registry()).update(d)`), a module attribute reached through
   an imported module (`config.REGISTRY.append(x)`), or a name imported bare
   (`from .config import REGISTRY` then `REGISTRY.append(x)`, `REGISTRY[k] = v`, `REGISTRY += [x]`,
   `REGISTRY.items.append(x)`). Found in statements and inside expressions
   (`f(x.append(1))`, `return REGISTRY.setdefault(k, [])`). What the project phase needs to
   confirm that a default which escaped (returned, stored in `self.<attr>`, stored in a global)
   is mutated elsewhere. */
typedef struct SumUse {
    char *ref;               /* the call's callee, or the module attribute (an import reference) */
    char *attr;              /* the attribute of the call's result that is mutated, or NULL */
    char *keywords;          /* a call: the keyword arguments given, each followed by ','; else NULL */
    int32_t npos;            /* a call: the positional arguments given; -1: `ref` names the object */
    char *where;             /* the function whose code mutates it: `f`, `Cls.m`, `<module>` */
    int32_t line;
    uint8_t flags;           /* SUM_USE_* */
} SumUse;

enum {
    /* `ref` is a name imported bare at module (or class) level: it holds the object the name had
       when the module was imported, not one a later `global G; G = x` put there. */
    SUM_USE_BOUND_AT_IMPORT = 1,
    /* `ref` is `@G`, a module-level name of this module (neither import, def nor class) that a
       function of the module mutates (`G.append(x)`, `G[k] = v`): what SUM_STORE_GLOBAL needs. */
    SUM_USE_OWN_GLOBAL = 2,
    /* `ref` is `@G` as above, an item of which a function of the module mutates (`G[k].append(x)`,
       `G[k][j] = v`): what SUM_STORE_ITEM needs. */
    SUM_USE_OWN_ITEM = 4
};

typedef struct ModSummary {
    SumName *names;          /* module-level names, sorted by name */
    int32_t nnames;
    SumFunc *funcs;          /* top-level defs and methods of top-level classes, sorted by name */
    int32_t nfuncs;
    SumClass *classes;       /* top-level classes, sorted by name */
    int32_t nclasses;
    char **stars;            /* `from X import *`: X (relative: leading dots) */
    int32_t nstars;
    char **all;              /* `__all__` when it is a literal list of strings */
    int32_t nall;
    uint8_t has_all;
    SumUse *uses;            /* in source order of the scopes */
    int32_t nuses;
    SumNameCall *calls;      /* sorted by name */
    int32_t ncalls;
    void *blocks;            /* NULL: built by summary_build (see `pool`). Else read from the cache
                                (cache_entry_decode): this summary and its arrays live in these
                                malloc'ed blocks (chained through their first word), its strings
                                in the cache's pack, which outlives it */
    void *pool;              /* built by summary_build: the malloc'ed blocks, chained the same way,
                                that hold this summary, its arrays and its strings; else NULL */
    uint8_t held;            /* read into a CacheRoom (cache.h): the room frees it (no blocks) */
} ModSummary;

/* Summary of a module from its tree and semantic model. O(size of the tree). */
ModSummary *summary_build(const Node *module, Semantic *sem);
void summary_free(ModSummary *m);   /* NULL is fine */

/* Lookups by exact name (binary search); NULL when absent. */
const SumName *summary_name(const ModSummary *m, const char *name);
const SumFunc *summary_func(const ModSummary *m, const char *name);
const SumClass *summary_class(const ModSummary *m, const char *name);
const SumNameCall *summary_name_call(const ModSummary *m, const char *name);

#endif
