/* gotcha_guard._guard: the module object, its state and its Python-facing functions. */
#include "guard.h"

#include <string.h>

#define DEFAULT_CACHE_PATTERN "^_?cache|_cache$|^_?memo"

PyModuleDef guard_module_def;

GuardState *guard_state_of(PyObject *module)
{
    return (GuardState *)PyModule_GetState(module);
}

static PyObject *compile_pattern(const char *pattern)
{
    PyObject *re = PyImport_ImportModule("re");
    if (re == NULL)
        return NULL;
    PyObject *compiled = PyObject_CallMethod(re, "compile", "s", pattern);
    Py_DECREF(re);
    return compiled;
}

static PyObject *load_type(const char *module_name, const char *name)
{
    PyObject *module = PyImport_ImportModule(module_name);
    if (module == NULL)
        return NULL;
    PyObject *type = PyObject_GetAttrString(module, name);
    Py_DECREF(module);
    if (type != NULL && !PyType_Check(type)) {
        Py_DECREF(type);
        PyErr_Format(PyExc_TypeError, "%s.%s is not a type", module_name, name);
        return NULL;
    }
    return type;
}

/* collections.deque and array.array, looked up once. */
static int load_container_types(GuardState *state)
{
    if (state->deque_type == NULL && (state->deque_type = load_type("collections", "deque")) == NULL)
        return -1;
    if (state->array_type == NULL && (state->array_type = load_type("array", "array")) == NULL)
        return -1;
    return 0;
}

static void stop_guard(PyObject *module, GuardState *state)
{
    if (state->installed)
        guard_check_all(state); /* changes since the last call: from outside (README) */
    state->installed = 0; /* first: callbacks that still come while unhooking do nothing */
    guard_hooks_uninstall(module, state);
    guard_clear_frame_calls(state);
    guard_clear_filtered_codes(state);
    Py_CLEAR(state->cache_pattern);
    Py_CLEAR(state->watch_filter);
}

PyDoc_STRVAR(install_doc,
"install(raise_on_leak=False, cache_pattern=DEFAULT_CACHE_PATTERN, scan_existing=True, watch_filter=None)\n--\n\n"
"Start watching functions whose default values are mutable containers. A default that\n"
"changes during a call is recorded (see report()); with raise_on_leak the first change of\n"
"each default raises MutableDefaultError at the return of the offending call. Parameters\n"
"whose name matches cache_pattern (a regular expression) are reported as intentional\n"
"caches and never raise. watch_filter(code, qualname), asked once per code object with\n"
"mutable defaults, answers True (watch), False (do not) or the parameter names not to\n"
"watch. Findings of a previous session are cleared.");

static PyObject *guard_install(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"raise_on_leak", "cache_pattern", "scan_existing", "watch_filter", NULL};
    int raise_on_leak = 0, scan_existing = 1;
    const char *pattern = DEFAULT_CACHE_PATTERN;
    PyObject *watch_filter = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|pspO:install", keywords, &raise_on_leak, &pattern,
                                     &scan_existing, &watch_filter))
        return NULL;
    if (watch_filter != Py_None && !PyCallable_Check(watch_filter)) {
        PyErr_SetString(PyExc_TypeError, "install: watch_filter must be callable or None");
        return NULL;
    }
    GuardState *state = guard_state_of(module);
    if (state->installed) {
        PyErr_SetString(PyExc_RuntimeError, "gotcha_guard is already installed");
        return NULL;
    }
    guard_clear_findings(state);
    state->functions_examined = 0;
#if GUARD_USE_MONITORING
    state->creations_pending = 0;
#endif
    state->raise_on_leak = raise_on_leak;
    state->cache_pattern = compile_pattern(pattern);
    if (state->cache_pattern == NULL)
        return NULL;
    state->watch_filter = watch_filter == Py_None ? NULL : Py_NewRef(watch_filter);
    if (load_container_types(state) < 0) {
        Py_CLEAR(state->cache_pattern);
        Py_CLEAR(state->watch_filter);
        return NULL;
    }
    if (guard_hooks_install(module, state) < 0) {
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        stop_guard(module, state);
        PyErr_Restore(type, value, traceback);
        return NULL;
    }
    state->installed = 1;
    if (scan_existing && guard_scan_existing_functions(state) < 0) {
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        stop_guard(module, state);
        PyErr_Restore(type, value, traceback);
        return NULL;
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(uninstall_doc,
"uninstall()\n--\n\n"
"Stop watching: removes the function watcher, the sys.monitoring tool and its events\n"
"(3.12+) or the frame evaluation function and GC callback (3.8-3.11). Findings stay readable.");

static PyObject *guard_uninstall(PyObject *module, PyObject *unused)
{
    GuardState *state = guard_state_of(module);
    if (state->installed)
        stop_guard(module, state);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(report_doc,
"report()\n--\n\n"
"The defaults seen changing, in the order found: a list of dicts with function, file,\n"
"line, parameter, keyword_only, kind, call, excerpt, intentional and type.");

static PyObject *guard_report(PyObject *module, PyObject *unused)
{
    return guard_build_report(guard_state_of(module));
}

PyDoc_STRVAR(clear_doc, "clear()\n--\n\nForget the findings recorded so far.");

static PyObject *guard_clear(PyObject *module, PyObject *unused)
{
    guard_clear_findings(guard_state_of(module));
    Py_RETURN_NONE;
}

PyDoc_STRVAR(status_doc,
"status()\n--\n\n"
"A dict describing the guard: installed, mechanism and what it currently watches.");

static PyObject *guard_status(PyObject *module, PyObject *unused)
{
    GuardState *state = guard_state_of(module);
    PyObject *status = guard_hooks_status(state);
    if (status != NULL && PyDict_SetItemString(status, "installed", state->installed ? Py_True : Py_False) < 0)
        Py_CLEAR(status);
    PyObject *count = status != NULL ? PyLong_FromSize_t(state->n_findings) : NULL;
    if (status != NULL && (count == NULL || PyDict_SetItemString(status, "findings", count) < 0))
        Py_CLEAR(status);
    Py_XDECREF(count);
    return status;
}

PyDoc_STRVAR(excerpt_doc, "_excerpt(obj, max_chars=120)\n--\n\nThe report's short repr of a container.");

static PyObject *guard_excerpt_function(PyObject *module, PyObject *args)
{
    PyObject *obj;
    Py_ssize_t max_chars = 120;
    if (!PyArg_ParseTuple(args, "O|n:_excerpt", &obj, &max_chars))
        return NULL;
    if (max_chars < 8) {
        PyErr_SetString(PyExc_ValueError, "max_chars must be at least 8");
        return NULL;
    }
    GuardState *state = guard_state_of(module);
    if (load_container_types(state) < 0)
        return NULL;
    if (!guard_is_tracked_mutable(state, obj)) {
        PyErr_SetString(PyExc_TypeError, "_excerpt: not a tracked mutable container");
        return NULL;
    }
    return guard_excerpt(obj, max_chars);
}

static PyMethodDef guard_methods[] = {
    {"install", (PyCFunction)(void (*)(void))guard_install, METH_VARARGS | METH_KEYWORDS, install_doc},
    {"uninstall", guard_uninstall, METH_NOARGS, uninstall_doc},
    {"report", guard_report, METH_NOARGS, report_doc},
    {"clear", guard_clear, METH_NOARGS, clear_doc},
    {"status", guard_status, METH_NOARGS, status_doc},
    {"_excerpt", guard_excerpt_function, METH_VARARGS, excerpt_doc},
    {NULL, NULL, 0, NULL},
};

static int guard_traverse(PyObject *module, visitproc visit, void *arg)
{
    GuardState *state = guard_state_of(module);
    if (state == NULL)
        return 0;
    Py_VISIT(state->cache_pattern);
    Py_VISIT(state->watch_filter);
    Py_VISIT(state->deque_type);
    Py_VISIT(state->array_type);
    Py_VISIT(state->error_type);
    return 0;
}

static int guard_clear_state(PyObject *module)
{
    GuardState *state = guard_state_of(module);
    if (state == NULL)
        return 0;
    if (state->installed)
        stop_guard(module, state);
    guard_clear_findings(state);
    Py_CLEAR(state->cache_pattern);
    Py_CLEAR(state->watch_filter);
    Py_CLEAR(state->deque_type);
    Py_CLEAR(state->array_type);
    Py_CLEAR(state->error_type);
    return 0;
}

static void guard_free(void *module)
{
    guard_clear_state((PyObject *)module);
}

PyModuleDef guard_module_def = {
    PyModuleDef_HEAD_INIT,
    "gotcha_guard._guard",
    "Runtime guard against mutated default arguments (C part of gotcha_guard).",
    sizeof(GuardState),
    guard_methods,
    NULL,
    guard_traverse,
    guard_clear_state,
    guard_free,
};

PyMODINIT_FUNC PyInit__guard(void)
{
    /* Single-phase init on purpose: the function watcher callback has no context pointer and
     * finds the state through PyState_FindModule, which needs it. */
    PyObject *module = PyModule_Create(&guard_module_def);
    if (module == NULL)
        return NULL;
    GuardState *state = guard_state_of(module);
    memset(state, 0, sizeof *state);
#if GUARD_USE_MONITORING
    state->watcher_id = -1;
    state->tool_id = -1;
#endif
    state->error_type = PyErr_NewExceptionWithDoc(
        "gotcha_guard.MutableDefaultError",
        "A function's default value changed during a call (raised when installed with raise_on_leak).",
        PyExc_Exception, NULL);
    if (state->error_type == NULL || PyModule_AddObject(module, "MutableDefaultError", Py_NewRef(state->error_type)) < 0
        || PyModule_AddStringConstant(module, "DEFAULT_CACHE_PATTERN", DEFAULT_CACHE_PATTERN) < 0
        || PyModule_AddStringConstant(module, "MECHANISM", GUARD_USE_MONITORING ? "sys.monitoring" : "eval_frame") < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
