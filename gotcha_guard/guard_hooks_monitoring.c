/* 3.12+: a function watcher sees functions created, changed and destroyed; sys.monitoring
 * local events on the watched code objects only count calls and compare at returns/yields. */
#include "guard.h"

#if GUARD_USE_MONITORING
#include <opcode.h>
#include <stdlib.h>
#include <string.h>

extern struct PyModuleDef guard_module_def;

/* MAKE_FUNCTION (3.12) / SET_FUNCTION_ATTRIBUTE (3.13) argument bits that set defaults. */
#define FUNCTION_ATTRIBUTE_DEFAULTS 0x01
#define FUNCTION_ATTRIBUTE_KWDEFAULTS 0x02

/* Function watcher callbacks get no context pointer: the state is found through the module
 * registered for this interpreter (single-phase init keeps it findable). */
static GuardState *current_state(PyObject **module_out)
{
    PyObject *module = PyState_FindModule(&guard_module_def);
    if (module == NULL)
        return NULL;
    GuardState *state = guard_state_of(module);
    if (state == NULL || !state->installed)
        return NULL;
    if (module_out != NULL)
        *module_out = module;
    return state;
}

static void remove_pending(GuardState *state, PyObject *func)
{
    for (size_t i = 0; i < state->n_pending; i++) {
        if (state->pending[i] == func) {
            state->pending[i] = state->pending[--state->n_pending];
            return;
        }
    }
}

static int set_code_events(GuardState *state, PyObject *code, unsigned long mask)
{
    PyObject *result = PyObject_CallFunction(state->set_local_events, "iOk", state->tool_id, code, mask);
    Py_XDECREF(result);
    return result == NULL ? -1 : 0;
}

static void release_probe(const void *code, void *value, void *arg)
{
    GuardState *state = arg;
    if (ptrmap_get(&state->codes, code) == NULL && set_code_events(state, (PyObject *)code, 0) < 0)
        PyErr_Clear();
    Py_DECREF((PyObject *)value);
}

/* Disarms every probe whose code did not turn out to need watching. The map is detached
 * first: set_local_events() may run the GC, whose events may come back here. */
static void release_probes(GuardState *state)
{
    if (state->probes.count == 0)
        return;
    PtrMap probes = state->probes;
    memset(&state->probes, 0, sizeof state->probes);
    ptrmap_each(&probes, release_probe, state);
    ptrmap_free(&probes);
}

/* 1 if `frame`, running `code`, stands at its start (the RESUME that checks the eval breaker,
 * where a pending call runs): its PY_START fired before the function was watched. */
static int frame_starts_code(PyFrameObject *frame, PyObject *code)
{
    PyObject *bytecode = PyCode_GetCode((PyCodeObject *)code);
    if (bytecode == NULL) {
        PyErr_Clear();
        return 0;
    }
    const unsigned char *units = (const unsigned char *)PyBytes_AS_STRING(bytecode);
    int offset = PyFrame_GetLasti(frame);
    int at_start = offset >= 0 && offset + 1 < PyBytes_GET_SIZE(bytecode) && units[offset] == RESUME
                   && units[offset + 1] == 0;
    Py_DECREF(bytecode);
    return at_start;
}

/* Examines the functions whose defaults were not yet set when we heard of them.
 * Borrowed pointers: a function's destruction removes it from the list first. A function
 * whose first call is starting right now (the pending call runs at its RESUME) gets that
 * call counted, as on every other path: call numbers do not depend on when it was examined. */
static int process_pending(GuardState *state, int adopt)
{
    int status = 0;
    while (state->n_pending > 0) {
        PyObject *func = state->pending[--state->n_pending];
        Py_INCREF(func);
        if (guard_consider_function(state, func) < 0)
            status = -1;
        Py_DECREF(func);
    }
    PyFrameObject *frame = adopt ? PyEval_GetFrame() : NULL;
    PyObject *code = frame != NULL ? (PyObject *)PyFrame_GetCode(frame) : NULL;
    Py_XDECREF(code); /* the frame keeps it */
    if (code != NULL && ptrmap_get(&state->codes, code) != NULL && ptrmap_get(&state->frame_calls, frame) == NULL
        && frame_starts_code(frame, code)) {
        state->adopted_frame = frame; /* 3.13 re-runs the RESUME, now instrumented: PY_START fires again */
        if (guard_enter_code(state, code, (PyObject *)frame, 1) < 0)
            status = -1;
    }
    release_probes(state);
    return status;
}

static int run_pending_call(void *module_arg)
{
    PyObject *module = module_arg;
    GuardState *state = guard_state_of(module);
    if (state != NULL) {
        state->pending_call_scheduled = 0;
        if (state->installed && process_pending(state, 1) < 0)
            PyErr_WriteUnraisable(module);
    }
    Py_DECREF(module);
    return 0;
}

/* A thread other than the main one runs no pending call: arm PY_START on the new function's
 * code, so its first call (in any thread) examines it; the probe is removed right after. */
static int arm_probe(GuardState *state, PyObject *code)
{
    if (ptrmap_get(&state->codes, code) != NULL || ptrmap_get(&state->probes, code) != NULL)
        return 0; /* already sends PY_START */
    if (ptrmap_put(&state->probes, code, code) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    Py_INCREF(code);
    return set_code_events(state, code, state->events_mask);
}

/* A function object is created before MAKE_FUNCTION / SET_FUNCTION_ATTRIBUTE store its
 * defaults: look at it a moment later — at the next function or monitoring event, at the main
 * thread's next eval-breaker check (pending call), or at its own first call (probe). */
static int add_pending(GuardState *state, PyObject *module, PyObject *func)
{
    if (state->n_pending == state->cap_pending) {
        size_t capacity = state->cap_pending ? state->cap_pending * 2 : 16;
        PyObject **grown = realloc(state->pending, capacity * sizeof *grown);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        state->pending = grown;
        state->cap_pending = capacity;
    }
    state->pending[state->n_pending++] = func;
    if (PyThread_get_thread_ident() != state->main_thread)
        return arm_probe(state, PyFunction_GET_CODE(func));
    if (!state->pending_call_scheduled) {
        Py_INCREF(module);
        if (Py_AddPendingCall(run_pending_call, module) == 0)
            state->pending_call_scheduled = 1;
        else
            Py_DECREF(module); /* queue full: the next event will do */
    }
    return 0;
}

/* 0 when the instruction creating the function says it gets no defaults, 1 otherwise.
 * Most functions have none, or constant ones; knowing it here spares them the pending call.
 * Reads the creating frame's bytecode (PyCode_GetCode: the uninstrumented copy, cached by the
 * code object); anything unexpected (types.FunctionType(), an unknown layout) answers 1. */
static int creation_may_set_defaults(void)
{
    PyFrameObject *frame = PyEval_GetFrame();
    if (frame == NULL)
        return 1;
    PyCodeObject *code = PyFrame_GetCode(frame);
    PyObject *bytecode = PyCode_GetCode(code);
    Py_DECREF(code);
    if (bytecode == NULL) {
        PyErr_Clear();
        return 1;
    }
    const unsigned char *units = (const unsigned char *)PyBytes_AS_STRING(bytecode);
    Py_ssize_t size = PyBytes_GET_SIZE(bytecode);
    int offset = PyFrame_GetLasti(frame);
    int attributes = -1;
    if (offset >= 0 && offset + 1 < size && units[offset] == MAKE_FUNCTION) {
#ifdef SET_FUNCTION_ATTRIBUTE
        attributes = 0;
        for (Py_ssize_t at = offset + 2; at + 1 < size && units[at] == SET_FUNCTION_ATTRIBUTE; at += 2)
            attributes |= units[at + 1];
#else
        attributes = units[offset + 1];
#endif
    }
    /* "def f(x, y=1, z=None)": LOAD_CONST <defaults tuple>; LOAD_CONST <code>; MAKE_FUNCTION.
     * A constant tuple holds only immutable objects: nothing to wait for. */
    int constant_defaults = attributes == FUNCTION_ATTRIBUTE_DEFAULTS && offset >= 4
                            && units[offset - 2] == LOAD_CONST && units[offset - 4] == LOAD_CONST;
    Py_DECREF(bytecode);
    if (constant_defaults)
        return 0;
    return attributes < 0 || (attributes & (FUNCTION_ATTRIBUTE_DEFAULTS | FUNCTION_ATTRIBUTE_KWDEFAULTS)) != 0;
}

static int on_function_event(PyFunction_WatchEvent event, PyFunctionObject *function, PyObject *new_value)
{
    PyObject *module = NULL;
    GuardState *state = current_state(&module);
    PyObject *func = (PyObject *)function;
    if (state == NULL)
        return 0;
    /* The common cases, kept cheap: nothing waits, nothing to wait for or to forget. */
    if (event == PyFunction_EVENT_DESTROY && state->n_pending == 0 && ptrmap_get(&state->funcs, func) == NULL)
        return 0;
    int awaited = event == PyFunction_EVENT_CREATE && guard_code_has_parameters(PyFunction_GET_CODE(func))
                  && creation_may_set_defaults();
    if (event == PyFunction_EVENT_CREATE && !awaited && state->n_pending == 0)
        return 0;
    PyObject *saved = PyErr_GetRaisedException(); /* events can fire while an exception is pending */
    int status = 0;
    switch (event) {
    case PyFunction_EVENT_CREATE:
        status = process_pending(state, 1);
        if (awaited) {
            state->creations_pending++;
            if (add_pending(state, module, func) < 0)
                status = -1;
        }
        break;
    case PyFunction_EVENT_MODIFY_DEFAULTS:
        status = process_pending(state, 1);
        if (guard_watch_with_defaults(state, func, new_value, PyFunction_GET_KW_DEFAULTS(func)) < 0)
            status = -1;
        break;
    case PyFunction_EVENT_MODIFY_KWDEFAULTS:
        status = process_pending(state, 1);
        if (guard_watch_with_defaults(state, func, PyFunction_GET_DEFAULTS(func), new_value) < 0)
            status = -1;
        break;
    case PyFunction_EVENT_MODIFY_CODE:
        status = process_pending(state, 1);
        guard_forget_function(state, func);
        if (add_pending(state, module, func) < 0)
            status = -1;
        break;
    case PyFunction_EVENT_DESTROY:
        remove_pending(state, func);
        guard_forget_function(state, func);
        break;
    default:
        break;
    }
    if (status < 0)
        PyErr_WriteUnraisable(func);
    PyErr_SetRaisedException(saved);
    return 0;
}

/* sys.monitoring callbacks: (code, instruction_offset[, retval]). */
static PyObject *on_py_start(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    GuardState *state = guard_state_of(module);
    if (state->installed && nargs >= 1) {
        if ((state->n_pending > 0 || state->probes.count > 0) && process_pending(state, 0) < 0)
            PyErr_WriteUnraisable(module);
        PyFrameObject *frame = PyEval_GetFrame();
        int adopted = frame != NULL && frame == state->adopted_frame;
        state->adopted_frame = NULL;
        if (!adopted && ptrmap_get(&state->codes, args[0]) != NULL
            && guard_enter_code(state, args[0], (PyObject *)frame, 1) < 0)
            PyErr_WriteUnraisable(module);
    }
    Py_RETURN_NONE;
}

/* PY_RESUME (local) and PY_THROW (global): a suspended generator or coroutine runs again. */
static PyObject *on_py_resume(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    GuardState *state = guard_state_of(module);
    if (state->installed && nargs >= 1 && ptrmap_get(&state->codes, args[0]) != NULL
        && guard_enter_code(state, args[0], NULL, 0) < 0)
        PyErr_WriteUnraisable(module);
    Py_RETURN_NONE;
}

/* PY_UNWIND (global: there is no local exception event): a call ends by an exception. The
 * change it made is recorded, never raised (that would replace the exception in flight). */
static PyObject *on_py_unwind(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    GuardState *state = guard_state_of(module);
    if (state->installed && nargs >= 1 && ptrmap_get(&state->codes, args[0]) != NULL) {
        PyObject *saved = PyErr_GetRaisedException();
        if (guard_leave_code(state, args[0], (PyObject *)PyEval_GetFrame(), 0) < 0)
            PyErr_WriteUnraisable(module);
        PyErr_SetRaisedException(saved);
    }
    Py_RETURN_NONE;
}

static PyObject *on_py_return(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    GuardState *state = guard_state_of(module);
    if (state->installed && nargs >= 1) {
        state->adopted_frame = NULL;
        if (state->n_pending > 0 && process_pending(state, 1) < 0)
            PyErr_WriteUnraisable(module);
        if (guard_leave_code(state, args[0], (PyObject *)PyEval_GetFrame(), 1) < 0)
            return NULL; /* --raise: the exception surfaces at the return of the call */
    }
    Py_RETURN_NONE;
}

int guard_call_holds_default(const GuardCall *call, const ParamWatch *param)
{
    if (call->frame == NULL)
        return -1;
    PyObject *value = PyFrame_GetVar((PyFrameObject *)call->frame, param->name);
    if (value == NULL) {
        PyErr_Clear();
        return -1;
    }
    Py_DECREF(value); /* identity only */
    return value == param->object;
}

PyObject *guard_call_site(const GuardCall *call, int *line)
{
    PyFrameObject *back = call->frame != NULL ? PyFrame_GetBack((PyFrameObject *)call->frame) : NULL;
    if (back == NULL)
        return NULL;
    PyCodeObject *code = PyFrame_GetCode(back);
    *line = PyFrame_GetLineNumber(back);
    PyObject *file = Py_NewRef(code->co_filename);
    Py_DECREF(code);
    Py_DECREF(back);
    return file;
}

/* The first HOOK_LOCAL_EVENTS are set on watched code objects only; the others globally. */
#define HOOK_COUNT 6
#define HOOK_LOCAL_EVENTS 4
static PyMethodDef hook_defs[HOOK_COUNT] = {
    {"_on_py_start", (PyCFunction)(void (*)(void))on_py_start, METH_FASTCALL, NULL},
    {"_on_py_return", (PyCFunction)(void (*)(void))on_py_return, METH_FASTCALL, NULL},
    {"_on_py_yield", (PyCFunction)(void (*)(void))on_py_return, METH_FASTCALL, NULL},
    {"_on_py_resume", (PyCFunction)(void (*)(void))on_py_resume, METH_FASTCALL, NULL},
    {"_on_py_unwind", (PyCFunction)(void (*)(void))on_py_unwind, METH_FASTCALL, NULL},
    {"_on_py_throw", (PyCFunction)(void (*)(void))on_py_resume, METH_FASTCALL, NULL},
};
static const char *const hook_event_names[HOOK_COUNT] = {"PY_START", "PY_RETURN", "PY_YIELD",
                                                         "PY_RESUME", "PY_UNWIND", "PY_THROW"};

int guard_hooks_monitor_code(GuardState *state, PyObject *code)
{
    return set_code_events(state, code, state->events_mask);
}

void guard_hooks_unmonitor_code(GuardState *state, PyObject *code)
{
    if (state->tool_id < 0)
        return;
    PyObject *saved = PyErr_GetRaisedException();
    if (set_code_events(state, code, 0) < 0)
        PyErr_Clear();
    PyErr_SetRaisedException(saved);
}

/* Takes a free sys.monitoring tool id, preferring ids no well-known tool claims. */
static int claim_tool_id(GuardState *state)
{
    static const int preference[] = {4, 3, 5, 1, 2, 0};
    for (size_t i = 0; i < sizeof preference / sizeof preference[0]; i++) {
        PyObject *owner = PyObject_CallMethod(state->monitoring, "get_tool", "i", preference[i]);
        if (owner == NULL)
            return -1;
        int is_free = owner == Py_None;
        Py_DECREF(owner);
        if (!is_free)
            continue;
        PyObject *result = PyObject_CallMethod(state->monitoring, "use_tool_id", "is", preference[i], "gotcha_guard");
        if (result == NULL)
            return -1;
        Py_DECREF(result);
        state->tool_id = preference[i];
        return 0;
    }
    PyErr_SetString(PyExc_RuntimeError, "gotcha_guard: every sys.monitoring tool id is in use");
    return -1;
}

static int register_hooks(PyObject *module, GuardState *state)
{
    PyObject *events = PyObject_GetAttrString(state->monitoring, "events");
    if (events == NULL)
        return -1;
    state->events_mask = 0;
    unsigned long global_events = 0;
    int status = 0;
    for (int i = 0; i < HOOK_COUNT && status == 0; i++) {
        PyObject *event = PyObject_GetAttrString(events, hook_event_names[i]);
        state->hook_functions[i] = PyCFunction_NewEx(&hook_defs[i], module, NULL);
        if (event == NULL || state->hook_functions[i] == NULL) {
            status = -1;
        } else {
            if (i < HOOK_LOCAL_EVENTS)
                state->events_mask |= PyLong_AsUnsignedLong(event);
            else
                global_events |= PyLong_AsUnsignedLong(event);
            PyObject *previous = PyObject_CallMethod(state->monitoring, "register_callback", "iOO",
                                                     state->tool_id, event, state->hook_functions[i]);
            if (previous == NULL)
                status = -1;
            Py_XDECREF(previous);
        }
        Py_XDECREF(event);
    }
    Py_DECREF(events);
    if (status == 0) {
        PyObject *result = PyObject_CallMethod(state->monitoring, "set_events", "ik", state->tool_id, global_events);
        status = result == NULL ? -1 : 0;
        Py_XDECREF(result);
    }
    return status;
}

static int find_main_thread(GuardState *state)
{
    PyObject *threading = PyImport_ImportModule("threading");
    PyObject *main_thread = threading ? PyObject_CallMethod(threading, "main_thread", NULL) : NULL;
    PyObject *ident = main_thread ? PyObject_GetAttrString(main_thread, "ident") : NULL;
    Py_XDECREF(threading);
    Py_XDECREF(main_thread);
    if (ident == NULL)
        return -1;
    state->main_thread = PyLong_AsUnsignedLong(ident);
    Py_DECREF(ident);
    return PyErr_Occurred() ? -1 : 0;
}

int guard_hooks_install(PyObject *module, GuardState *state)
{
    state->watcher_id = -1;
    state->tool_id = -1;
    PyObject *sys = PyImport_ImportModule("sys");
    if (sys == NULL)
        return -1;
    state->monitoring = PyObject_GetAttrString(sys, "monitoring");
    Py_DECREF(sys);
    if (state->monitoring == NULL)
        return -1;
    state->set_local_events = PyObject_GetAttrString(state->monitoring, "set_local_events");
    if (state->set_local_events == NULL || claim_tool_id(state) < 0 || register_hooks(module, state) < 0)
        return -1;
    if (find_main_thread(state) < 0)
        return -1;
    state->watcher_id = PyFunction_AddWatcher(on_function_event);
    return state->watcher_id < 0 ? -1 : 0;
}

void guard_hooks_uninstall(PyObject *module, GuardState *state)
{
    PyObject *saved = PyErr_GetRaisedException();
    if (state->watcher_id >= 0 && PyFunction_ClearWatcher(state->watcher_id) < 0)
        PyErr_Clear();
    state->watcher_id = -1;
    state->n_pending = 0;
    release_probes(state);
    guard_clear_watches(state); /* removes the local events of every watched code */
    if (state->tool_id >= 0) {
        PyObject *cleared = PyObject_CallMethod(state->monitoring, "set_events", "ik", state->tool_id, 0UL);
        Py_XDECREF(cleared);
        for (int i = 0; i < HOOK_COUNT; i++) {
            PyObject *events = PyObject_GetAttrString(state->monitoring, "events");
            PyObject *event = events ? PyObject_GetAttrString(events, hook_event_names[i]) : NULL;
            PyObject *previous = event ? PyObject_CallMethod(state->monitoring, "register_callback", "iOO",
                                                             state->tool_id, event, Py_None)
                                       : NULL;
            Py_XDECREF(previous);
            Py_XDECREF(event);
            Py_XDECREF(events);
        }
        PyObject *freed = PyObject_CallMethod(state->monitoring, "free_tool_id", "i", state->tool_id);
        Py_XDECREF(freed);
        state->tool_id = -1;
    }
    PyErr_Clear();
    for (int i = 0; i < HOOK_COUNT; i++)
        Py_CLEAR(state->hook_functions[i]);
    Py_CLEAR(state->set_local_events);
    Py_CLEAR(state->monitoring);
    free(state->pending);
    state->pending = NULL;
    state->cap_pending = 0;
    PyErr_SetRaisedException(saved);
}

PyObject *guard_hooks_status(GuardState *state)
{
    return Py_BuildValue("{s:s,s:i,s:i,s:n,s:n,s:n,s:K,s:K}", "mechanism", "sys.monitoring",
                         "watcher_id", state->watcher_id, "tool_id", state->tool_id,
                         "watched_functions", (Py_ssize_t)state->funcs.count,
                         "watched_codes", (Py_ssize_t)state->codes.count,
                         "pending", (Py_ssize_t)state->n_pending,
                         "functions_examined", state->functions_examined,
                         "creations_pending", state->creations_pending);
}
#endif
