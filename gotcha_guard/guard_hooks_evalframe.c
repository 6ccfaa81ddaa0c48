/* 3.8-3.11: no function watcher and no sys.monitoring. A PEP 523 frame evaluation function,
 * set once per interpreter (so every thread, old or new, without a per-thread install), calls
 * the evaluator it replaced for every frame and does the guard's work around it for the code
 * objects of watched functions only: one or two address lookups for any other code. Young GC
 * generations are scanned to find functions created since.
 *
 * A call's parameters are read when its evaluation starts (3.11 pops the frame, locals and
 * all, inside the evaluation). 3.11 inlines Python-to-Python calls in its evaluation loop only
 * while no frame evaluation function is set: with ours, every call comes through it, and takes
 * C stack. So a call past half of its thread's C stack is not watched, and on 3.11 ours is set
 * aside while it runs (its calls are inlined again): a deep recursion that runs without the
 * guard runs with it. The test costs one compare per call (a thread-local bound).
 *
 * 3.8 (PyInterpreterState's fields) and 3.11 (_PyInterpreterFrame) need internal headers, so
 * this file, and only this file, is compiled with Py_BUILD_CORE on those versions. */
#include <patchlevel.h>
#if PY_VERSION_HEX < 0x03090000 || (PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000)
#define Py_BUILD_CORE 1
#endif
#include "guard.h"

#if !GUARD_USE_MONITORING
#include <frameobject.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#if PY_VERSION_HEX >= 0x030B0000
#include <internal/pycore_code.h>
#include <internal/pycore_frame.h>
typedef struct _PyInterpreterFrame GuardFrame;
#else
#if PY_VERSION_HEX < 0x03090000
#include <internal/pycore_pystate.h>
#endif
typedef PyFrameObject GuardFrame;
#endif

#if PY_VERSION_HEX >= 0x03090000
#define EVAL_PARAMETERS PyThreadState *tstate, GuardFrame *frame, int throwflag
#define EVAL_ARGUMENTS tstate, frame, throwflag
#else
#define EVAL_PARAMETERS GuardFrame *frame, int throwflag
#define EVAL_ARGUMENTS frame, throwflag
#endif

#define SUSPENDABLE (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)
/* Frames of suspended generators and coroutines kept beyond this many are forgotten at once
 * (one never resumed again stays in the map; a forgotten one reports the count of calls). */
#define SUSPENDED_CALLS_LIMIT 100000

/* The initial-exec model reads the thread-local bound with one load (8 bytes of the static TLS
 * space that the C library keeps for modules loaded later); the default model calls a function. */
#if defined(__GNUC__)
#define GUARD_NOINLINE __attribute__((noinline))
#define GUARD_TLS_FAST __attribute__((tls_model("initial-exec")))
#else
#define GUARD_NOINLINE
#define GUARD_TLS_FAST
#endif

/* This thread's deep-stack bound: half-way down its C stack (it grows down). UINTPTR_MAX until
 * measured (the first call of each thread measures it), 0 when it cannot be known. */
static _Thread_local uintptr_t stack_floor GUARD_TLS_FAST = UINTPTR_MAX;

/* Where the C stack is now: the address of a local of the calling function. */
#define STACK_ADDRESS(local) ((uintptr_t)&(local))

extern struct PyModuleDef guard_module_def;

static GuardState *current_state(void)
{
    PyObject *module = PyState_FindModule(&guard_module_def);
    return module != NULL ? guard_state_of(module) : NULL;
}

/* ---------------------------------------------------------------- the interpreter's function */

static _PyFrameEvalFunction get_eval_frame(void)
{
    PyInterpreterState *interp = PyThreadState_Get()->interp;
#if PY_VERSION_HEX >= 0x03090000
    return _PyInterpreterState_GetEvalFrameFunc(interp);
#else
    return interp->eval_frame;
#endif
}

static void set_eval_frame(_PyFrameEvalFunction function)
{
    PyInterpreterState *interp = PyThreadState_Get()->interp;
#if PY_VERSION_HEX >= 0x03090000
    _PyInterpreterState_SetEvalFrameFunc(interp, function);
#else
    interp->eval_frame = function;
#endif
}

/* The function ours replaced (kept in the state as a generic function pointer: 3.8 declares
 * its type in an internal header). */
static _PyFrameEvalFunction previous_eval_frame(const GuardState *state)
{
    return (_PyFrameEvalFunction)state->previous_eval_frame;
}

/* ---------------------------------------------------------------- frames, version by version */

/* The start of a call, not a generator or coroutine resumed. */
static int frame_is_fresh(GuardFrame *frame)
{
#if PY_VERSION_HEX >= 0x030B0000
    /* A generator's first run starts after RETURN_GENERATOR, before the first traceable RESUME. */
    return _PyInterpreterFrame_LASTI(frame) < frame->f_code->_co_firsttraceable;
#else
    return frame->f_lasti < 0;
#endif
}

/* 3.11 evaluates a generator function's call to run RETURN_GENERATOR, which copies the frame
 * into the new generator and returns it: not a call of the body (that is the first resume). */
static int frame_makes_generator(GuardFrame *frame)
{
#if PY_VERSION_HEX >= 0x030B0000
    return (frame->f_code->co_flags & SUSPENDABLE) && frame->owner != FRAME_OWNED_BY_GENERATOR;
#else
    return 0; /* before 3.11 the generator is made without evaluating its frame */
#endif
}

/* After its evaluation returned: 1 if a generator/coroutine frame is done, 0 if suspended. */
static int frame_finished(GuardFrame *frame)
{
#if PY_VERSION_HEX >= 0x030B0000
    PyGenObject *owner = (PyGenObject *)((char *)frame - offsetof(PyGenObject, gi_iframe));
    return owner->gi_frame_state != FRAME_SUSPENDED; /* coroutines share the generator's head */
#elif PY_VERSION_HEX >= 0x030A0000
    return frame->f_state != FRAME_SUSPENDED;
#else
    return frame->f_stacktop == NULL; /* set only by a yield that suspends the frame */
#endif
}

/* The value of local `var` (a parameter) at the start of an evaluation, or NULL if unknown. */
static const void *frame_argument(GuardFrame *frame, Py_ssize_t var)
{
    PyCodeObject *code = frame->f_code;
#if PY_VERSION_HEX >= 0x030B0000
    if (var < 0 || var >= code->co_nlocalsplus)
        return NULL;
    PyObject *value = frame->localsplus[var];
    /* A generator's first run: MAKE_CELL ran before RETURN_GENERATOR. */
    if (value != NULL && PyCell_Check(value) && (_PyLocals_GetKind(code->co_localspluskinds, (int)var) & CO_FAST_CELL))
        value = PyCell_GET(value);
    return value;
#else
    if (var < 0 || var >= code->co_nlocals)
        return NULL;
    PyObject *value = frame->f_localsplus[var];
    if (value == NULL && code->co_cell2arg != NULL) { /* a parameter held in a cell moved there */
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(code->co_cellvars); i++) {
            PyObject *cell = frame->f_localsplus[code->co_nlocals + i];
            if (code->co_cell2arg[i] == var && cell != NULL && PyCell_Check(cell))
                value = PyCell_GET(cell);
        }
    }
    return value;
#endif
}

/* ---------------------------------------------------------------- what a call holds */

static int call_has_var(const GuardCall *call, Py_ssize_t var)
{
    for (int i = 0; i < call->n_args; i++) {
        if (call->var[i] == var)
            return 1;
    }
    return 0;
}

/* Reads, at a call's start, the parameters that any watched function of `code` watches. */
static void read_arguments(GuardState *state, PyObject *code, GuardFrame *frame, GuardCall *call)
{
    call->n_args = 0;
    for (FuncWatch *watch = ptrmap_get(&state->codes, code); watch != NULL; watch = watch->next) {
        for (size_t i = 0; i < watch->n_params; i++) {
            Py_ssize_t var = watch->params[i].var_index;
            if (call_has_var(call, var))
                continue;
            if (call->n_args == GUARD_CALL_ARGS)
                return; /* more watched parameters than kept: the others count as used */
            call->var[call->n_args] = var;
            call->arg[call->n_args++] = frame_argument(frame, var);
        }
    }
}

int guard_call_holds_default(const GuardCall *call, const ParamWatch *param)
{
    for (int i = 0; i < call->n_args; i++) {
        if (call->var[i] == param->var_index)
            return call->arg[i] == NULL ? -1 : call->arg[i] == (const void *)param->object;
    }
    return -1;
}

/* After the evaluation returned, the current frame is the caller's. */
PyObject *guard_call_site(const GuardCall *call, int *line)
{
    PyFrameObject *caller = PyEval_GetFrame(); /* borrowed */
    if (caller == NULL)
        return NULL;
#if PY_VERSION_HEX >= 0x03090000
    PyCodeObject *code = PyFrame_GetCode(caller);
#else
    PyCodeObject *code = caller->f_code;
    Py_INCREF(code);
#endif
    *line = PyFrame_GetLineNumber(caller);
    PyObject *file = Py_NewRef(code->co_filename);
    Py_DECREF(code);
    return file;
}

/* ---------------------------------------------------------------- suspended calls */

static void free_suspended_call(const void *frame, void *call, void *arg)
{
    free(call);
}

static void clear_suspended_calls(GuardState *state)
{
    ptrmap_each(&state->suspended_calls, free_suspended_call, NULL);
    ptrmap_free(&state->suspended_calls);
}

/* Keeps a copy of a generator/coroutine frame's call record from its start to its end (a
 * frame reused by a new generator gets the new record). Only copies are read and written
 * around the evaluation: Python code run meanwhile (on another thread too) may empty the map. */
static void keep_suspended_call(GuardState *state, GuardFrame *frame, const GuardCall *call)
{
    GuardCall *kept = ptrmap_get(&state->suspended_calls, frame);
    if (kept == NULL) {
        if (state->suspended_calls.count >= SUSPENDED_CALLS_LIMIT)
            clear_suspended_calls(state);
        kept = malloc(sizeof *kept);
        if (kept == NULL || ptrmap_put(&state->suspended_calls, frame, kept) < 0) {
            free(kept); /* not kept: its later runs count as calls that used the default */
            return;
        }
    }
    *kept = *call;
}

static void forget_suspended_call(GuardState *state, GuardFrame *frame)
{
    free(ptrmap_remove(&state->suspended_calls, frame));
}

/* ---------------------------------------------------------------- the evaluation function */

/* Functions are created in generation 0. Scanning it when an unknown code is first called,
 * and before every collection (which moves survivors out of it), sees each new function
 * before it can be called unwatched or be promoted out of sight. */
static void scan_young_functions(GuardState *state)
{
    if (guard_consider_gc_objects(state, state->gc_get_objects, 0) < 0)
        PyErr_Clear();
}

/* 1 if calls of `code` are watched. A code object with parameters evaluated for the first
 * time first makes the guard look for functions created since the last look. */
static int code_is_watched(GuardState *state, PyObject *code)
{
    if (!guard_code_has_parameters(code))
        return 0; /* no parameter, no default (module code, most lambdas of callbacks) */
    if (ptrmap_get(&state->codes, code) != NULL)
        return 1;
    if (ptrmap_get(&state->seen_codes, code) != NULL || ptrmap_put(&state->seen_codes, code, code) < 0)
        return 0;
    Py_INCREF(code); /* keeps the address from being reused by another code */
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback); /* a generator resumed by throw() has one set */
    scan_young_functions(state);
    PyErr_Restore(type, value, traceback);
    return ptrmap_get(&state->codes, code) != NULL;
}

#define SPARE_CALLS ((int)(sizeof ((GuardState *)0)->spare_calls / sizeof(GuardCall *)))

/* A zeroed call record: a spare one, or a new one (NULL when out of memory). */
static GuardCall *take_call(GuardState *state)
{
    GuardCall *call = state->n_spare_calls > 0 ? state->spare_calls[--state->n_spare_calls] : malloc(sizeof *call);
    if (call != NULL)
        *call = (GuardCall){0};
    return call;
}

/* Keeps `call` for reuse, or frees it when enough are kept. */
static void give_back_call(GuardState *state, GuardCall *call)
{
    if (state->n_spare_calls < SPARE_CALLS)
        state->spare_calls[state->n_spare_calls++] = call;
    else
        free(call);
}

static void free_spare_calls(GuardState *state)
{
    while (state->n_spare_calls > 0)
        free(state->spare_calls[--state->n_spare_calls]);
}

/* Before a call (or a run of a generator/coroutine up to a yield) of watched code: compares at
 * its start and returns its record, malloc'd so that the frame which stays on the C stack while
 * the call runs holds pointers only; NULL when out of memory (the call is then not watched). */
static GUARD_NOINLINE GuardCall *begin_watched(GuardState *state, PyObject *code, GuardFrame *frame)
{
    GuardCall *call = take_call(state);
    if (call == NULL)
        return NULL;
    int suspendable = (((PyCodeObject *)code)->co_flags & SUSPENDABLE) != 0;
    int fresh = frame_is_fresh(frame);
    if (suspendable && !fresh) { /* resumed: the number and arguments of its start */
        const GuardCall *kept = ptrmap_get(&state->suspended_calls, frame);
        if (kept != NULL)
            *call = *kept;
    }
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback); /* a generator resumed by throw() has one set */
    if (guard_enter_call(state, code, call, fresh) < 0)
        PyErr_Clear();
    if (fresh)
        read_arguments(state, code, frame, call);
    if (fresh && suspendable && state->installed)
        keep_suspended_call(state, frame, call);
    PyErr_Restore(type, value, traceback);
    return call;
}

/* After it: compares at its end, frees `call` and returns `result`, or NULL with --raise's error. */
static GUARD_NOINLINE PyObject *end_watched(GuardState *state, PyObject *code, GuardFrame *frame, GuardCall *call,
                                            unsigned long installs, PyObject *result)
{
    if (current_state() != state) {
        free(call);
        return result; /* the module is gone */
    }
    if (!state->installed || state->installs != installs) {
        if (state->installed)
            give_back_call(state, call); /* freed at the next uninstall */
        else
            free(call);
        return result; /* uninstalled meanwhile */
    }
    int suspendable = (((PyCodeObject *)code)->co_flags & SUSPENDABLE) != 0;
    int finished = !suspendable || frame_finished(frame);
    if (result == NULL) { /* ended by an exception: compared, never raised (it would replace it) */
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        if (guard_leave_call(state, code, call, 0) < 0)
            PyErr_Clear();
        PyErr_Restore(type, value, traceback);
    } else if (guard_leave_call(state, code, call, finished) < 0 && PyErr_Occurred()) {
        Py_DECREF(result); /* --raise: the leak surfaces at the return of the call */
        result = NULL;
    }
    if (suspendable && finished && state->installed)
        forget_suspended_call(state, frame);
    give_back_call(state, call);
    return result;
}

/* A watched call: compared at its start and at its end, around the evaluator the guard replaced. */
static PyObject *evaluate_watched(GuardState *state, PyObject *code, EVAL_PARAMETERS)
{
    _PyFrameEvalFunction evaluate = previous_eval_frame(state);
    unsigned long installs = state->installs;
    GuardCall *call = begin_watched(state, code, frame);
    if (call == NULL)
        return evaluate(EVAL_ARGUMENTS);
    return end_watched(state, code, frame, call, installs, evaluate(EVAL_ARGUMENTS));
}

static PyObject *evaluate_frame(EVAL_PARAMETERS)
{
    GuardState *state = current_state();
    if (state == NULL || state->previous_eval_frame == NULL)
        return _PyEval_EvalFrameDefault(EVAL_ARGUMENTS);
    PyObject *code = (PyObject *)frame->f_code;
    if (!state->installed || !code_is_watched(state, code) || frame_makes_generator(frame))
        return previous_eval_frame(state)(EVAL_ARGUMENTS);
    return evaluate_watched(state, code, EVAL_ARGUMENTS);
}

static PyObject *guard_eval_frame(EVAL_PARAMETERS);

/* The calling thread's deep-stack bound: the middle of its C stack, 0 when unknown. */
static uintptr_t measure_stack_floor(void)
{
#if defined(__linux__)
    pthread_attr_t attr;
    void *low;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return 0;
    int known = pthread_attr_getstack(&attr, &low, &size) == 0;
    pthread_attr_destroy(&attr);
    return known ? (uintptr_t)low + size / 2 : 0;
#else
    return 0; /* unknown: never deep (elsewhere than Linux, as before) */
#endif
}

#if PY_VERSION_HEX >= 0x030B0000
/* 3.11: runs the evaluation with the evaluator the guard replaced set in its place, so that
 * the calls it makes are inlined (no C stack); the guard's comes back when it returns, unless
 * the guard was uninstalled or reinstalled, or another tool set its own, meanwhile. */
static PyObject *evaluate_set_aside(GuardState *state, EVAL_PARAMETERS)
{
    _PyFrameEvalFunction evaluate = previous_eval_frame(state);
    unsigned long installs = state->installs;
    set_eval_frame(evaluate);
    state->stack_suspended = 1;
    PyObject *result = evaluate(EVAL_ARGUMENTS);
    if (current_state() != state || state->installs != installs)
        return result;
    state->stack_suspended = 0;
    if (state->installed && get_eval_frame() == evaluate)
        set_eval_frame(guard_eval_frame);
    return result;
}
#endif

/* An evaluation past half of its thread's C stack (or the thread's first: then measured). It
 * is not watched, nor on 3.11 are the calls it makes (the whole interpreter's, until it returns). */
static GUARD_NOINLINE PyObject *evaluate_deep(EVAL_PARAMETERS)
{
    char here;
    if (stack_floor == UINTPTR_MAX) {
        stack_floor = measure_stack_floor();
        if (STACK_ADDRESS(here) >= stack_floor)
            return evaluate_frame(EVAL_ARGUMENTS);
    }
    GuardState *state = current_state();
    if (state == NULL || state->previous_eval_frame == NULL)
        return _PyEval_EvalFrameDefault(EVAL_ARGUMENTS);
    if (state->installed)
        state->stack_suspensions++;
#if PY_VERSION_HEX >= 0x030B0000
    if (state->installed && get_eval_frame() == guard_eval_frame)
        return evaluate_set_aside(state, EVAL_ARGUMENTS);
#endif
    return previous_eval_frame(state)(EVAL_ARGUMENTS);
}

/* The interpreter's frame evaluation function while the guard is installed. */
static PyObject *guard_eval_frame(EVAL_PARAMETERS)
{
    char here;
    if (STACK_ADDRESS(here) < stack_floor)
        return evaluate_deep(EVAL_ARGUMENTS);
    return evaluate_frame(EVAL_ARGUMENTS);
}

/* ---------------------------------------------------------------- install, GC callback */

/* Another tool (a debugger, a JIT) replaced the guard's frame evaluation function: calls are
 * no longer watched. Said once, as a RuntimeWarning (seen at collections). */
static void warn_if_replaced(GuardState *state)
{
    if (get_eval_frame() == guard_eval_frame || state->stack_suspended || state->takeover_warned)
        return;
    state->takeover_warned = 1;
    if (PyErr_WarnEx(PyExc_RuntimeWarning,
                     "gotcha_guard: another tool replaced the guard's frame evaluation function (PEP 523): "
                     "calls are no longer watched", 1) < 0)
        PyErr_Clear();
}

/* gc.callbacks entry: (phase, info). */
static PyObject *on_gc_phase(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    GuardState *state = guard_state_of(module);
    if (state->installed && nargs >= 1 && PyUnicode_Check(args[0])
        && PyUnicode_CompareWithASCIIString(args[0], "start") == 0) {
        scan_young_functions(state);
        guard_prune_dead_watches(state); /* releases the defaults of functions gone since */
        warn_if_replaced(state);
    }
    Py_RETURN_NONE;
}

static PyMethodDef gc_hook_def = {"_on_gc_phase", (PyCFunction)(void (*)(void))on_gc_phase, METH_FASTCALL, NULL};

int guard_hooks_monitor_code(GuardState *state, PyObject *code)
{
    return 0; /* the evaluation function sees every call; the code map is the filter */
}

void guard_hooks_unmonitor_code(GuardState *state, PyObject *code)
{
}

static PyObject *gc_callbacks_list(void)
{
    PyObject *gc = PyImport_ImportModule("gc");
    if (gc == NULL)
        return NULL;
    PyObject *callbacks = PyObject_GetAttrString(gc, "callbacks");
    Py_DECREF(gc);
    return callbacks;
}

int guard_hooks_install(PyObject *module, GuardState *state)
{
    PyObject *gc = PyImport_ImportModule("gc");
    if (gc == NULL)
        return -1;
    state->gc_get_objects = PyObject_GetAttrString(gc, "get_objects");
    Py_DECREF(gc);
    state->takeover_warned = 0;
    state->stack_suspended = 0;
    PyObject *callbacks = gc_callbacks_list();
    state->gc_callback = PyCFunction_NewEx(&gc_hook_def, module, NULL);
    int status = -1;
    if (state->gc_get_objects && callbacks && state->gc_callback && PyList_Append(callbacks, state->gc_callback) == 0) {
        status = 0;
        state->installs++;
        /* the default one, or another tool's: ours calls it */
        state->previous_eval_frame = (void (*)(void))get_eval_frame();
        set_eval_frame(guard_eval_frame);
    }
    Py_XDECREF(callbacks);
    return status;
}

static void release_seen_code(const void *key, void *value, void *arg)
{
    Py_DECREF((PyObject *)value);
}

void guard_hooks_uninstall(PyObject *module, GuardState *state)
{
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    if (state->previous_eval_frame != NULL && get_eval_frame() == guard_eval_frame)
        set_eval_frame(previous_eval_frame(state)); /* another tool's that replaced ours stays */
    PyObject *callbacks = gc_callbacks_list();
    if (callbacks != NULL && state->gc_callback != NULL) {
        PyObject *result = PyObject_CallMethod(callbacks, "remove", "O", state->gc_callback);
        Py_XDECREF(result);
    }
    Py_XDECREF(callbacks);
    PyErr_Clear();
    clear_suspended_calls(state);
    free_spare_calls(state);
    guard_clear_watches(state);
    PtrMap seen_codes = state->seen_codes; /* detached: a code's weakref callback may run code */
    memset(&state->seen_codes, 0, sizeof state->seen_codes);
    ptrmap_each(&seen_codes, release_seen_code, NULL);
    ptrmap_free(&seen_codes);
    Py_CLEAR(state->gc_get_objects);
    Py_CLEAR(state->gc_callback);
    PyErr_Restore(type, value, traceback);
}

PyObject *guard_hooks_status(GuardState *state)
{
    int ours = get_eval_frame() == guard_eval_frame || (state->installed && state->stack_suspended);
    return Py_BuildValue("{s:s,s:O,s:O,s:n,s:n,s:n,s:n,s:K,s:K}", "mechanism", "eval_frame",
                         "eval_frame_replaced", state->installed && !ours ? Py_True : Py_False,
                         "eval_frame_installed", ours ? Py_True : Py_False,
                         "watched_functions", (Py_ssize_t)state->funcs.count,
                         "watched_codes", (Py_ssize_t)state->codes.count,
                         "seen_codes", (Py_ssize_t)state->seen_codes.count,
                         "suspended_calls", (Py_ssize_t)state->suspended_calls.count,
                         "functions_examined", state->functions_examined,
                         "stack_suspensions", state->stack_suspensions);
}
#endif
