/* gotcha_guard: runtime detection of mutated default arguments.
 *
 * Shared declarations of the extension's C files. Everything the guard knows lives in the
 * module state (GuardState); nothing is global, so a sub-interpreter gets its own guard.
 *
 * Discovery (which functions have mutable defaults):
 *   3.12+  a function watcher sees every function created and every __defaults__ change;
 *   3.8-11 young GC generations are scanned when a not-yet-seen code object is first called
 *          and before each collection that would promote young objects out of sight.
 * Checking (did a default change during a call):
 *   3.12+  sys.monitoring local PY_START / PY_RETURN / PY_YIELD events on the watched code only;
 *   3.8-11 a PEP 523 frame evaluation function (one per interpreter) that calls the default
 *          evaluator, and does the same around it for watched code only.
 */
#ifndef GOTCHA_GUARD_H
#define GOTCHA_GUARD_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *guard_new_ref(PyObject *obj)
{
    Py_INCREF(obj);
    return obj;
}
#define Py_NewRef(obj) guard_new_ref((PyObject *)(obj))
#endif

#if PY_VERSION_HEX >= 0x030C0000
#define GUARD_USE_MONITORING 1
#else
#define GUARD_USE_MONITORING 0
#endif

/* ---- fingerprints (guard_fingerprint.c) ---- */

/* What a default object looked like at the end of a call: cheap to compute, and computed
 * without running any Python code of the user's objects (identities only, no __eq__/__hash__). */
typedef struct Fingerprint {
    Py_ssize_t length;
    uint64_t items;  /* identities of items (sequences, sets) or of values (mappings) */
    uint64_t keys;   /* identities of keys (mappings only) */
    uint64_t order;  /* OrderedDict only: its keys in their linked order (move_to_end) */
    uint64_t nested; /* lists and dicts: fingerprints of the containers they hold (NESTED_DEPTH levels) */
} Fingerprint;

/* Bits of a change, combined into the report's "kind". */
enum {
    CHANGE_ADDED = 1,
    CHANGE_REMOVED = 2,
    CHANGE_REPLACED = 4,
    CHANGE_KEYS = 8,
    CHANGE_VALUES = 16,
    CHANGE_ORDER = 32,
    CHANGE_NESTED = 64,
};

typedef struct GuardState GuardState;

/* A running call of watched code, as the hooks see it: on 3.12+ by its frame object (its
 * parameters are read at its end), on 3.8-3.11 by what was read at its start (the frame
 * evaluation function sees a frame whose locals are gone once the evaluation returns). */
#define GUARD_CALL_ARGS 8
typedef struct GuardCall {
    PyObject *frame;                  /* 3.12+: the call's frame object, or NULL; unused on 3.8-3.11 */
    unsigned long long number;        /* the call's number, taken at its start; 0 when unknown */
    int n_args;                       /* 3.8-3.11: watched parameters read at the call's start */
    Py_ssize_t var[GUARD_CALL_ARGS];  /* their indexes in co_varnames */
    const void *arg[GUARD_CALL_ARGS]; /* what they held (identity only), NULL when it could not be read */
} GuardCall;

/* Nonzero if `obj` is a container whose mutation we track (list, dict and its subclasses such
 * as defaultdict/OrderedDict/Counter, set, bytearray, deque, array.array, and subclasses). */
int guard_is_tracked_mutable(GuardState *state, PyObject *obj);
Fingerprint guard_fingerprint(GuardState *state, PyObject *obj);
/* CHANGE_* bits telling how `after` differs from `before`; 0 when equal. */
int guard_compare_fingerprints(const Fingerprint *before, const Fingerprint *after, int is_mapping);

/* ---- pointer map (guard_ptrmap.c) ---- */

/* Open-addressing map from an object's address to a pointer; keys are identities, so
 * looking up never runs __hash__/__eq__ (code objects hash their whole contents). */
typedef struct PtrMap {
    const void **keys;
    void **values;
    size_t capacity;  /* power of two, 0 when empty */
    size_t count;
    size_t tombstones;
} PtrMap;

/* The slot where `key`'s probe starts. */
static inline size_t ptrmap_slot(const void *key, size_t capacity)
{
    uint64_t hash = (uint64_t)(uintptr_t)key;
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCDULL;
    hash ^= hash >> 33;
    return (size_t)hash & (capacity - 1);
}

/* The value stored for `key`, or NULL. Inline: 3.8-3.11 look up every call's code object. */
static inline void *ptrmap_get(const PtrMap *map, const void *key)
{
    if (map->capacity == 0)
        return NULL;
    for (size_t slot = ptrmap_slot(key, map->capacity);; slot = (slot + 1) & (map->capacity - 1)) {
        if (map->keys[slot] == NULL)
            return NULL;
        if (map->keys[slot] == key)
            return map->values[slot];
    }
}
int ptrmap_put(PtrMap *map, const void *key, void *value);  /* -1 on memory error */
void *ptrmap_remove(PtrMap *map, const void *key);
void ptrmap_free(PtrMap *map);
/* Calls visit(key, value, arg) for each entry; the map must not change meanwhile. */
void ptrmap_each(const PtrMap *map, void (*visit)(const void *key, void *value, void *arg), void *arg);

/* ---- watched functions (guard_registry.c) ---- */

typedef struct ParamWatch {
    PyObject *name;           /* str */
    Py_ssize_t default_index; /* index in __defaults__, or -1 for a keyword-only parameter */
    Py_ssize_t var_index;     /* index of the parameter in co_varnames (its fast local) */
    PyObject *object;         /* the default object (strong), compared by identity each check */
    Fingerprint print;
    int is_mapping;
    int intentional;          /* name matches the cache-names pattern */
    int reported;             /* a leak of it was recorded */
    int reported_outside;     /* a change from outside its calls was recorded */
} ParamWatch;

typedef struct FuncWatch {
    PyObject *func_ref;            /* weak reference to the function */
    const void *func_address;      /* identity only, never dereferenced */
    PyObject *code;                /* strong */
    unsigned long long calls;      /* calls started of this function's code since watched */
    long active;                   /* calls of its code running now (all threads; suspended generators excluded) */
    int in_check;                  /* check_function is reading it: forgetting must not free it */
    int forgotten;                 /* forgotten during a check: freed when the check ends */
    PyObject *filter_answer;       /* borrowed from filtered_codes, only while collecting params */
    ParamWatch *params;
    size_t n_params;
    struct FuncWatch *next;        /* next function built from the same code object */
} FuncWatch;

/* A default seen changing. Outlives the function: it holds what the report needs. */
typedef struct Finding {
    PyObject *code;         /* strong: name, file, line */
    PyObject *qualname;
    PyObject *param;
    PyObject *object;       /* strong: the leaked container, repr'd only at report time */
    unsigned long long call;  /* number of the call that changed it (counted per code since watched) */
    int kind;
    int kwonly;
    int intentional;
    int outside;            /* changed outside any call that used the default: never an error */
    int at_exit;            /* seen by the final check (uninstall), not at a call */
    PyObject *site_file;    /* strong, or NULL: where the call that changed it was made */
    int site_line;
} Finding;

struct GuardState {
    int installed;
    int raise_on_leak;
    PyObject *cache_pattern;   /* compiled re.Pattern */
    PyObject *watch_filter;    /* callable(code, qualname) -> True / False / parameter names to skip; or NULL */
    PtrMap filtered_codes;     /* code -> the filter's answer for it (both strong) */
    PyObject *deque_type;      /* collections.deque */
    PyObject *array_type;      /* array.array */
    PyObject *error_type;      /* gotcha_guard.MutableDefaultError */
    PtrMap codes;              /* code object -> first FuncWatch of that code */
    PtrMap funcs;              /* function -> its FuncWatch */
    PtrMap frame_calls;        /* frame of a running watched call -> its call number (identity only) */
    Finding *findings;
    size_t n_findings, cap_findings;
    unsigned long long functions_examined;
#if GUARD_USE_MONITORING
    int watcher_id;            /* -1 when none */
    int tool_id;               /* -1 when none */
    PyObject *monitoring;      /* sys.monitoring */
    PyObject *set_local_events;
    unsigned long events_mask; /* local: PY_START | PY_RETURN | PY_YIELD | PY_RESUME */
    PyObject *hook_functions[6];   /* HOOK_COUNT in guard_hooks_monitoring.c */
    PyObject **pending;        /* functions created/changed whose defaults are not set yet */
    size_t n_pending, cap_pending;
    int pending_call_scheduled;
    unsigned long long creations_pending; /* functions created whose defaults had to be awaited */
    unsigned long main_thread;  /* pending calls only run there; other threads use probes */
    PyFrameObject *adopted_frame; /* identity only: its first call, counted when found at its start */
    PtrMap probes;             /* code -> itself (strong): PY_START armed to see a new function's first call */
#else
    PtrMap seen_codes;         /* code objects already classified -> themselves (strong) */
    PtrMap suspended_calls;    /* frame of a generator/coroutine of watched code -> its GuardCall (malloc'd) */
    PyObject *gc_get_objects;
    PyObject *gc_callback;     /* our entry in gc.callbacks */
    void (*previous_eval_frame)(void); /* the interpreter's before install, called by ours (cast back there) */
    unsigned long installs;    /* counts installs: a call that began under an earlier one is left alone */
    int takeover_warned;       /* another frame evaluation function replaced ours: warned once */
    GuardCall *spare_calls[16]; /* records of watched calls that ended, reused (SPARE_CALLS) */
    int n_spare_calls;
    int stack_suspended;       /* 3.11: ours is set aside while a call deep in a thread's C stack runs */
    unsigned long long stack_suspensions; /* how many times (3.8-3.10: deep evaluations left unwatched) */
#endif
};

GuardState *guard_state_of(PyObject *module);

/* Examines `func`: starts watching it if its defaults hold tracked mutable objects.
 * Returns 1 if watched, 0 if not, -1 on error. */
int guard_consider_function(GuardState *state, PyObject *func);
/* Watches `func` with these defaults (about to replace its own: watcher events fire before the
 * store), or stops watching it when they hold nothing mutable; keeps its count of calls. */
int guard_watch_with_defaults(GuardState *state, PyObject *func, PyObject *defaults, PyObject *kwdefaults);
/* Stops watching `func` (destroyed, or about to get new defaults). */
void guard_forget_function(GuardState *state, const void *func_address);
/* A call of `code` starts (`fresh`) or a suspended generator/coroutine of it resumes (not
 * `fresh`): counts fresh calls (a fresh call's number goes to call->number), re-reads defaults
 * replaced without an event (3.8-3.11), and, when no other call of the code is running,
 * records changes made since the last check as changes from outside. `call` may be NULL.
 * Never raises (returns -1 only on memory error, exception set). */
int guard_enter_call(GuardState *state, PyObject *code, GuardCall *call, int fresh);
/* A call (or a run up to a yield) of `code` ends; `call` is NULL when unknown. A change made
 * meanwhile is a leak when the call's parameter held the default, a change from outside when
 * it did not and no other call of the code runs. Returns -1 with an exception set when
 * `may_raise`, raise_on_leak is on and a new leak was found. */
int guard_leave_call(GuardState *state, PyObject *code, const GuardCall *call, int may_raise);
#if GUARD_USE_MONITORING
/* The same, for a call known by its frame object (NULL: unknown): its number is kept in
 * state->frame_calls from its start to its end. */
int guard_enter_code(GuardState *state, PyObject *code, PyObject *frame, int fresh);
int guard_leave_code(GuardState *state, PyObject *code, PyObject *frame, int may_raise);
#endif
/* Forgets the call numbers of running frames (at uninstall). */
void guard_clear_frame_calls(GuardState *state);
/* The final check (at uninstall): changes since the last call are changes from outside. */
void guard_check_all(GuardState *state);
/* 1 if the call's parameter `param` held the default object, 0 if it held something else,
 * -1 if it cannot be told (treated as used). Version-specific (guard_hooks_*.c). */
int guard_call_holds_default(const GuardCall *call, const ParamWatch *param);
/* The file (new reference) and line of the place the call was made from, or NULL. */
PyObject *guard_call_site(const GuardCall *call, int *line);
void guard_clear_watches(GuardState *state);
/* Forgets the watches whose function is gone (3.8-3.11, which have no destruction event). */
void guard_prune_dead_watches(GuardState *state);
void guard_clear_findings(GuardState *state);
/* Forgets the watch filter's answers (at uninstall). */
void guard_clear_filtered_codes(GuardState *state);

/* ---- hooks (guard_hooks.c, then guard_hooks_monitoring.c or guard_hooks_evalframe.c) ---- */

/* Nonzero if `code` takes parameters (only those can have defaults). */
static inline int guard_code_has_parameters(PyObject *code)
{
    PyCodeObject *co = (PyCodeObject *)code;
    return co->co_argcount + co->co_kwonlyargcount > 0;
}
/* Considers every function in gc.get_objects(generation) (all generations when negative). */
int guard_consider_gc_objects(GuardState *state, PyObject *get_objects, int generation);

/* Called by the registry when a code object gets its first / loses its last watched function. */
int guard_hooks_monitor_code(GuardState *state, PyObject *code);
void guard_hooks_unmonitor_code(GuardState *state, PyObject *code);
int guard_hooks_install(PyObject *module, GuardState *state);
void guard_hooks_uninstall(PyObject *module, GuardState *state);
/* Functions created before install: one pass over gc.get_objects(). */
int guard_scan_existing_functions(GuardState *state);
PyObject *guard_hooks_status(GuardState *state);  /* dict, new reference */

/* ---- report (guard_report.c) ---- */

PyObject *guard_build_report(GuardState *state);            /* list of dicts, new reference */
PyObject *guard_change_kind_text(int kind);                  /* str, new reference */
PyObject *guard_excerpt(PyObject *obj, Py_ssize_t max_chars); /* str, new reference, never NULL w/o error */

#endif
