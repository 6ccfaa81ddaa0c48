/* 3.8-3.11: no function watcher and no sys.monitoring. A C profile function counts calls and
 * compares at returns; young GC generations are scanned to find functions created since. */
#include "guard.h"

#if !GUARD_USE_MONITORING
#include <frameobject.h>
#include <string.h>

static PyObject *frame_code(PyFrameObject *frame)
{
#if PY_VERSION_HEX >= 0x03090000
    PyObject *code = (PyObject *)PyFrame_GetCode(frame);
    Py_DECREF(code); /* the frame keeps it */
    return code;
#else
    return (PyObject *)frame->f_code;
#endif
}

/* A generator being resumed fires "call" again; only a fresh frame is a new call. */
static int frame_is_fresh(PyFrameObject *frame, PyObject *code)
{
#if PY_VERSION_HEX >= 0x030B0000
    /* 3.11 fires "call" at a RESUME instruction whose argument is 0 only at the start. */
    int lasti = PyFrame_GetLasti(frame);
    if (lasti < 0)
        return 1;
    const _Py_CODEUNIT *units = (const _Py_CODEUNIT *)((PyCodeObject *)code)->co_code_adaptive;
    return _Py_OPARG(units[lasti / (int)sizeof(_Py_CODEUNIT)]) == 0;
#else
    return frame->f_lasti < 0;
#endif
}

int guard_frame_holds_default(PyObject *frame_object, const ParamWatch *param)
{
    if (frame_object == NULL)
        return -1;
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *locals = PyFrame_GetLocals((PyFrameObject *)frame_object); /* no fast-locals API in 3.11 */
    PyObject *value = locals != NULL && PyDict_Check(locals) ? PyDict_GetItemWithError(locals, param->name) : NULL;
    Py_XDECREF(locals); /* the frame keeps its f_locals dict, and so `value` */
    if (PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    return value == param->object;
#else
    PyFrameObject *frame = (PyFrameObject *)frame_object;
    PyCodeObject *code = frame->f_code;
    if (param->var_index < 0 || param->var_index >= code->co_nlocals)
        return -1;
    PyObject *value = frame->f_localsplus[param->var_index];
    if (value == NULL && code->co_cell2arg != NULL) { /* a parameter held in a cell moved there */
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(code->co_cellvars); i++) {
            PyObject *cell = frame->f_localsplus[code->co_nlocals + i];
            if (code->co_cell2arg[i] == param->var_index && cell != NULL && PyCell_Check(cell))
                value = PyCell_GET(cell);
        }
    }
    return value == NULL ? -1 : value == param->object;
#endif
}

/* Functions are created in generation 0. Scanning it when an unknown code is first called,
 * and before every collection (which moves survivors out of it), sees each new function
 * before it can be called unwatched or be promoted out of sight. */
static void scan_young_functions(GuardState *state)
{
    if (guard_consider_gc_objects(state, state->gc_get_objects, 0) < 0)
        PyErr_Clear();
}

static int profile_hook(PyObject *module, PyFrameObject *frame, int what, PyObject *arg)
{
    GuardState *state = guard_state_of(module);
    if (!state->installed) {
        PyEval_SetProfile(NULL, NULL); /* uninstalled from another thread: leave this one too */
        return 0;
    }
    if (what != PyTrace_CALL && what != PyTrace_RETURN)
        return 0;
    PyObject *code = frame_code(frame);
    if (what == PyTrace_RETURN) /* arg is NULL when the call ends by an exception: never raise then */
        return ptrmap_get(&state->codes, code) != NULL ? guard_leave_code(state, code, (PyObject *)frame, arg != NULL)
                                                       : 0;
    if (ptrmap_get(&state->codes, code) == NULL) {
        if (ptrmap_get(&state->seen_codes, code) != NULL)
            return 0;
        if (ptrmap_put(&state->seen_codes, code, code) < 0)
            return 0;
        Py_INCREF(code); /* keeps the address from being reused by another code */
        if (!guard_code_has_parameters(code))
            return 0;
        scan_young_functions(state);
    }
    /* No event tells us about "f.__defaults__ = ..." here: entering looks before the body runs. */
    if (guard_enter_code(state, code, (PyObject *)frame, frame_is_fresh(frame, code)) < 0)
        PyErr_Clear();
    return 0;
}

/* Another profiler (cProfile, profile, sys.setprofile) took this thread's profile function:
 * calls there are no longer watched. Said once, as a RuntimeWarning (seen at collections). */
static void warn_if_replaced(GuardState *state)
{
    Py_tracefunc current = PyThreadState_Get()->c_profilefunc;
    if (current == NULL || current == profile_hook || state->takeover_warned)
        return;
    state->takeover_warned = 1;
    if (PyErr_WarnEx(PyExc_RuntimeWarning,
                     "gotcha_guard: another profiler replaced the guard's profile function on this thread "
                     "(CPython before 3.12 has one per thread): its calls are no longer watched", 1) < 0)
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

/* A thread started through threading or _thread runs this first: the guard's C profile
 * function is installed there once, by C, before any Python code of the thread runs. No
 * sys.setprofile and no swap from inside a profile callback while the thread starts (3.10 and
 * 3.11 can make a starting thread die: "Cannot install a profile function while another
 * profile function is being installed"). `self` is (module, function). */
static PyObject *thread_entry(PyObject *self, PyObject *args, PyObject *kwargs)
{
    PyObject *module = PyTuple_GET_ITEM(self, 0);
    GuardState *state = guard_state_of(module);
    if (state != NULL && state->installed && PyThreadState_Get()->c_profilefunc == NULL)
        PyEval_SetProfile(profile_hook, module);
    return PyObject_Call(PyTuple_GET_ITEM(self, 1), args, kwargs);
}

static PyMethodDef thread_entry_def = {"_gotcha_guard_thread_entry", (PyCFunction)(void (*)(void))thread_entry,
                                       METH_VARARGS | METH_KEYWORDS, NULL};

/* Stands for _thread.start_new_thread(function, args[, kwargs]) while the guard is installed. */
static PyObject *start_new_thread(PyObject *module, PyObject *args)
{
    GuardState *state = guard_state_of(module);
    PyObject *function, *arguments, *kwargs = NULL;
    if (!PyArg_ParseTuple(args, "OO|O:start_new_thread", &function, &arguments, &kwargs))
        return NULL;
    if (state->original_start_new_thread == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "gotcha_guard: _thread.start_new_thread is gone");
        return NULL;
    }
    PyObject *bound = PyTuple_Pack(2, module, function);
    PyObject *entry = bound ? PyCFunction_NewEx(&thread_entry_def, bound, NULL) : NULL;
    Py_XDECREF(bound);
    if (entry == NULL)
        return NULL;
    PyObject *result = kwargs ? PyObject_CallFunctionObjArgs(state->original_start_new_thread, entry, arguments, kwargs, NULL)
                              : PyObject_CallFunctionObjArgs(state->original_start_new_thread, entry, arguments, NULL);
    Py_DECREF(entry);
    return result;
}

static PyMethodDef gc_hook_def = {"_on_gc_phase", (PyCFunction)(void (*)(void))on_gc_phase, METH_FASTCALL, NULL};
static PyMethodDef start_thread_def = {"start_new_thread", (PyCFunction)(void (*)(void))start_new_thread,
                                       METH_VARARGS, NULL};

int guard_hooks_monitor_code(GuardState *state, PyObject *code)
{
    return 0; /* the profile function sees every call; the code map is the filter */
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

/* Puts `replacement` as start_new_thread of _thread and _start_new_thread of threading, where
 * they hold `expected` (so another tool's wrapper is never undone). */
static int swap_thread_starters(PyObject *expected, PyObject *replacement)
{
    static const char *const places[2][2] = {{"_thread", "start_new_thread"}, {"threading", "_start_new_thread"}};
    int status = 0;
    for (int i = 0; i < 2; i++) {
        PyObject *owner = PyImport_ImportModule(places[i][0]);
        PyObject *current = owner ? PyObject_GetAttrString(owner, places[i][1]) : NULL;
        if (current == NULL)
            status = -1;
        else if (current == expected && PyObject_SetAttrString(owner, places[i][1], replacement) < 0)
            status = -1;
        Py_XDECREF(current);
        Py_XDECREF(owner);
    }
    return status;
}

int guard_hooks_install(PyObject *module, GuardState *state)
{
    PyObject *gc = PyImport_ImportModule("gc");
    if (gc == NULL)
        return -1;
    state->gc_get_objects = PyObject_GetAttrString(gc, "get_objects");
    Py_DECREF(gc);
    state->takeover_warned = 0;
    PyObject *callbacks = gc_callbacks_list();
    state->gc_callback = PyCFunction_NewEx(&gc_hook_def, module, NULL);
    state->thread_starter = PyCFunction_NewEx(&start_thread_def, module, NULL);
    PyObject *thread_module = PyImport_ImportModule("_thread");
    state->original_start_new_thread = thread_module ? PyObject_GetAttrString(thread_module, "start_new_thread") : NULL;
    Py_XDECREF(thread_module);
    int status = -1;
    if (state->gc_get_objects && callbacks && state->gc_callback && state->thread_starter
        && state->original_start_new_thread && PyList_Append(callbacks, state->gc_callback) == 0
        && swap_thread_starters(state->original_start_new_thread, state->thread_starter) == 0) {
        status = 0;
        PyEval_SetProfile(profile_hook, module);
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
    if (PyThreadState_Get()->c_profilefunc == profile_hook)
        PyEval_SetProfile(NULL, NULL);
    if (state->thread_starter != NULL && state->original_start_new_thread != NULL)
        swap_thread_starters(state->thread_starter, state->original_start_new_thread);
    PyObject *callbacks = gc_callbacks_list();
    if (callbacks != NULL && state->gc_callback != NULL) {
        PyObject *result = PyObject_CallMethod(callbacks, "remove", "O", state->gc_callback);
        Py_XDECREF(result);
    }
    Py_XDECREF(callbacks);
    PyErr_Clear();
    guard_clear_watches(state);
    PtrMap seen_codes = state->seen_codes; /* detached: a code's weakref callback may run code */
    memset(&state->seen_codes, 0, sizeof state->seen_codes);
    ptrmap_each(&seen_codes, release_seen_code, NULL);
    ptrmap_free(&seen_codes);
    Py_CLEAR(state->gc_get_objects);
    Py_CLEAR(state->gc_callback);
    Py_CLEAR(state->thread_starter);
    Py_CLEAR(state->original_start_new_thread);
    PyErr_Restore(type, value, traceback);
}

PyObject *guard_hooks_status(GuardState *state)
{
    Py_tracefunc current = PyThreadState_Get()->c_profilefunc;
    return Py_BuildValue("{s:s,s:O,s:O,s:n,s:n,s:n,s:K}", "mechanism", "profile",
                         "profile_replaced", state->installed && current != profile_hook ? Py_True : Py_False,
                         "profile_installed",
                         PyThreadState_Get()->c_profilefunc == profile_hook ? Py_True : Py_False,
                         "watched_functions", (Py_ssize_t)state->funcs.count,
                         "watched_codes", (Py_ssize_t)state->codes.count,
                         "seen_codes", (Py_ssize_t)state->seen_codes.count,
                         "functions_examined", state->functions_examined);
}
#endif
