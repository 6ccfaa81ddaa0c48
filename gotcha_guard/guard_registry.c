/* The registry of watched functions, and the check made when one of their calls ends. */
#include "guard.h"

#include <stdlib.h>
#include <string.h>

/* The function a watch refers to, borrowed, or NULL once it is gone. */
static PyObject *watched_function(const FuncWatch *watch)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *func = NULL;
    if (PyWeakref_GetRef(watch->func_ref, &func) <= 0) {
        PyErr_Clear();
        return NULL;
    }
    Py_DECREF(func); /* still referenced by whoever holds the weak target alive: our caller's frame or module */
    return func;
#else
    PyObject *func = PyWeakref_GET_OBJECT(watch->func_ref);
    return func == Py_None ? NULL : func;
#endif
}

static void free_watch(FuncWatch *watch)
{
    for (size_t i = 0; i < watch->n_params; i++) {
        Py_XDECREF(watch->params[i].name);
        Py_XDECREF(watch->params[i].object);
    }
    free(watch->params);
    Py_XDECREF(watch->func_ref);
    Py_XDECREF(watch->code);
    free(watch);
}

static int is_intentional_cache(GuardState *state, PyObject *name)
{
    if (state->cache_pattern == NULL)
        return 0;
    PyObject *match = PyObject_CallMethod(state->cache_pattern, "search", "O", name);
    if (match == NULL) {
        PyErr_Clear();
        return 0;
    }
    int matched = match != Py_None;
    Py_DECREF(match);
    return matched;
}

/* What the watch filter says about the functions of `code` (borrowed): Py_True (watch),
 * Py_False (do not) or a container of parameter names not to watch. Asked once per code;
 * a filter that fails leaves the code watched (the error is printed as unraisable). */
static PyObject *filter_answer(GuardState *state, PyObject *func)
{
    PyObject *code = PyFunction_GET_CODE(func);
    if (state->watch_filter == NULL)
        return Py_True;
    PyObject *known = ptrmap_get(&state->filtered_codes, code);
    if (known != NULL)
        return known;
    PyObject *qualname = ((PyFunctionObject *)func)->func_qualname;
    PyObject *answer = PyObject_CallFunctionObjArgs(state->watch_filter, code, qualname ? qualname : Py_None, NULL);
    if (answer == NULL) {
        PyErr_WriteUnraisable(state->watch_filter);
        answer = Py_NewRef(Py_True);
    }
    if (ptrmap_put(&state->filtered_codes, code, answer) < 0) {
        Py_DECREF(answer);
        return Py_True; /* not remembered: asked again next time */
    }
    Py_INCREF(code); /* keeps the address from being reused by another code */
    return answer;
}

static void release_filtered_code(const void *code, void *answer, void *arg)
{
    Py_DECREF((PyObject *)code);
    Py_DECREF((PyObject *)answer);
}

void guard_clear_filtered_codes(GuardState *state)
{
    PtrMap codes = state->filtered_codes; /* detached: releasing may run code */
    memset(&state->filtered_codes, 0, sizeof state->filtered_codes);
    ptrmap_each(&codes, release_filtered_code, NULL);
    ptrmap_free(&codes);
}

/* 1 if the filter's answer names `name` among the parameters not to watch. */
static int parameter_skipped(PyObject *answer, PyObject *name)
{
    if (answer == Py_True || answer == Py_False)
        return answer == Py_False;
    int contained = PySequence_Contains(answer, name);
    if (contained < 0)
        PyErr_Clear();
    return contained > 0;
}

/* Appends a ParamWatch for `name` if `value` is a tracked mutable container the filter keeps. */
static int add_param(GuardState *state, FuncWatch *watch, PyObject *name, Py_ssize_t default_index,
                     Py_ssize_t var_index, PyObject *value)
{
    if (value == NULL || !guard_is_tracked_mutable(state, value) || parameter_skipped(watch->filter_answer, name))
        return 0;
    ParamWatch *grown = realloc(watch->params, (watch->n_params + 1) * sizeof *grown);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    watch->params = grown;
    ParamWatch *param = &watch->params[watch->n_params++];
    memset(param, 0, sizeof *param);
    param->name = Py_NewRef(name);
    param->default_index = default_index;
    param->var_index = var_index;
    param->object = Py_NewRef(value);
    param->print = guard_fingerprint(state, value);
    param->is_mapping = PyDict_Check(value);
    param->intentional = is_intentional_cache(state, name);
    return 0;
}

/* Fills watch->params from the given defaults (a tuple and a dict, either may be NULL). */
static int collect_params(GuardState *state, FuncWatch *watch, PyObject *func, PyObject *defaults,
                          PyObject *kwdefaults)
{
    PyCodeObject *code = (PyCodeObject *)PyFunction_GET_CODE(func);
    if (defaults == NULL && kwdefaults == NULL)
        return 0;
    PyObject *varnames = PyObject_GetAttrString((PyObject *)code, "co_varnames");
    if (varnames == NULL)
        return -1;
    int status = 0;
    Py_ssize_t positional = code->co_argcount;
    if (defaults != NULL && PyTuple_Check(defaults)) {
        Py_ssize_t n_defaults = PyTuple_GET_SIZE(defaults);
        for (Py_ssize_t i = 0; i < n_defaults && status == 0; i++) {
            Py_ssize_t param_index = positional - n_defaults + i;
            if (param_index < 0 || param_index >= PyTuple_GET_SIZE(varnames))
                continue;
            status = add_param(state, watch, PyTuple_GET_ITEM(varnames, param_index), i, param_index,
                               PyTuple_GET_ITEM(defaults, i));
        }
    }
    if (kwdefaults != NULL && PyDict_Check(kwdefaults)) {
        for (Py_ssize_t i = positional; i < positional + code->co_kwonlyargcount && status == 0; i++) {
            if (i >= PyTuple_GET_SIZE(varnames))
                break;
            PyObject *name = PyTuple_GET_ITEM(varnames, i);
            PyObject *value = PyDict_GetItemWithError(kwdefaults, name);
            if (value == NULL && PyErr_Occurred())
                status = -1;
            else
                status = add_param(state, watch, name, -1, i, value);
        }
    }
    Py_DECREF(varnames);
    return status;
}

int guard_consider_function(GuardState *state, PyObject *func)
{
    if (!PyFunction_Check(func))
        return 0;
    FuncWatch *existing = ptrmap_get(&state->funcs, func);
    if (existing != NULL) {
        if (watched_function(existing) == func)
            return 1;
        guard_forget_function(state, func); /* a dead function's address, now reused */
    }
    return guard_watch_with_defaults(state, func, PyFunction_GET_DEFAULTS(func), PyFunction_GET_KW_DEFAULTS(func));
}

/* Cheap first look, before any allocation: most defaults are None, numbers or strings. */
static int defaults_hold_mutable(GuardState *state, PyObject *defaults, PyObject *kwdefaults)
{
    if (defaults != NULL && PyTuple_Check(defaults)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(defaults); i++) {
            if (guard_is_tracked_mutable(state, PyTuple_GET_ITEM(defaults, i)))
                return 1;
        }
    }
    if (kwdefaults != NULL && PyDict_Check(kwdefaults)) {
        Py_ssize_t position = 0;
        PyObject *key, *value;
        while (PyDict_Next(kwdefaults, &position, &key, &value)) {
            if (guard_is_tracked_mutable(state, value))
                return 1;
        }
    }
    return 0;
}

int guard_watch_with_defaults(GuardState *state, PyObject *func, PyObject *defaults, PyObject *kwdefaults)
{
    state->functions_examined++;
    if (defaults == Py_None)
        defaults = NULL;
    if (kwdefaults == Py_None)
        kwdefaults = NULL;
    unsigned long long calls = 0;
    long active = 0;
    FuncWatch *existing = ptrmap_get(&state->funcs, func);
    if (existing != NULL) {
        calls = existing->calls; /* new defaults, same function: the count of calls goes on */
        active = existing->active;
        guard_forget_function(state, func);
    }
    if (!defaults_hold_mutable(state, defaults, kwdefaults))
        return 0;
    FuncWatch *watch = calloc(1, sizeof *watch);
    if (watch == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    watch->calls = calls;
    watch->active = active;
    watch->filter_answer = filter_answer(state, func);
    if (watch->filter_answer == Py_False) {
        free_watch(watch);
        return 0;
    }
    if (collect_params(state, watch, func, defaults, kwdefaults) < 0 || watch->n_params == 0) {
        free_watch(watch);
        return PyErr_Occurred() ? -1 : 0;
    }
    watch->func_ref = PyWeakref_NewRef(func, NULL);
    if (watch->func_ref == NULL) {
        free_watch(watch);
        return -1;
    }
    /* Collecting allocated Python objects, so the GC (3.8-3.11: its callback scans for new
     * functions) may have watched `func` meanwhile: that watch stands. */
    if (ptrmap_get(&state->funcs, func) != NULL) {
        free_watch(watch);
        return 1;
    }
    watch->func_address = func;
    watch->code = Py_NewRef(PyFunction_GET_CODE(func));
    FuncWatch *first_of_code = ptrmap_get(&state->codes, watch->code);
    watch->next = first_of_code;
    if (ptrmap_put(&state->funcs, func, watch) < 0 || ptrmap_put(&state->codes, watch->code, watch) < 0) {
        ptrmap_remove(&state->funcs, func);
        if (first_of_code != NULL)
            ptrmap_put(&state->codes, watch->code, first_of_code);
        free_watch(watch);
        PyErr_NoMemory();
        return -1;
    }
    if (first_of_code == NULL && guard_hooks_monitor_code(state, watch->code) < 0) {
        guard_forget_function(state, func);
        return -1;
    }
    return 1;
}

void guard_forget_function(GuardState *state, const void *func_address)
{
    FuncWatch *watch = ptrmap_remove(&state->funcs, func_address);
    if (watch == NULL)
        return;
    FuncWatch *first = ptrmap_get(&state->codes, watch->code);
    if (first == watch) {
        if (watch->next != NULL) {
            ptrmap_put(&state->codes, watch->code, watch->next); /* key present: cannot fail */
        } else {
            ptrmap_remove(&state->codes, watch->code);
            guard_hooks_unmonitor_code(state, watch->code);
        }
    } else {
        for (FuncWatch *previous = first; previous != NULL; previous = previous->next) {
            if (previous->next == watch) {
                previous->next = watch->next;
                break;
            }
        }
    }
    if (watch->in_check)
        watch->forgotten = 1; /* check_function still reads it: it frees it when done */
    else
        free_watch(watch);
}

/* ---------------------------------------------------------------- findings */

static Finding *find_finding(GuardState *state, PyObject *code, PyObject *param, int outside)
{
    for (size_t i = 0; i < state->n_findings; i++) {
        Finding *finding = &state->findings[i];
        if (finding->code == code && finding->outside == outside && PyUnicode_Compare(finding->param, param) == 0)
            return finding;
    }
    return NULL;
}

/* When a change was seen: at a call's end or start, or by the final check. */
enum { AT_LEAVE, AT_ENTER, AT_EXIT };

/* The number of `call`, taken when it started; the count of calls started so far when unknown
 * (a call that began before its function was watched). */
static unsigned long long call_number(const FuncWatch *watch, const GuardCall *call)
{
    return call != NULL && call->number != 0 ? call->number : watch->calls;
}

static int record_finding(GuardState *state, const FuncWatch *watch, PyObject *func, const GuardCall *call,
                          const ParamWatch *param, int kind, int outside, int moment)
{
    if (find_finding(state, watch->code, param->name, outside) != NULL)
        return 0; /* another function object of the same def already reported it */
    /* First, as it may allocate a frame object (and so run the GC, and through it other checks). */
    int site_line = 0;
    PyObject *site_file = outside || call == NULL ? NULL : guard_call_site(call, &site_line);
    if (find_finding(state, watch->code, param->name, outside) != NULL) {
        Py_XDECREF(site_file);
        return 0;
    }
    if (state->n_findings == state->cap_findings) {
        size_t capacity = state->cap_findings ? state->cap_findings * 2 : 8;
        Finding *grown = realloc(state->findings, capacity * sizeof *grown);
        if (grown == NULL) {
            Py_XDECREF(site_file);
            PyErr_NoMemory();
            return -1;
        }
        state->findings = grown;
        state->cap_findings = capacity;
    }
    /* The field, not getattr: nothing here may allocate Python objects (and so run the GC). */
    PyObject *qualname = ((PyFunctionObject *)func)->func_qualname;
    if (qualname == NULL || !PyUnicode_Check(qualname))
        qualname = ((PyCodeObject *)watch->code)->co_name;
    Finding *finding = &state->findings[state->n_findings++];
    finding->code = Py_NewRef(watch->code);
    finding->qualname = Py_NewRef(qualname);
    finding->param = Py_NewRef(param->name);
    finding->object = Py_NewRef(param->object);
    finding->call = moment == AT_LEAVE ? call_number(watch, call) : watch->calls;
    finding->kind = kind;
    finding->kwonly = param->default_index < 0;
    finding->intentional = param->intentional;
    finding->outside = outside;
    finding->at_exit = moment == AT_EXIT;
    finding->site_file = site_file;
    finding->site_line = site_line;
    return 0;
}

static int raise_leak(GuardState *state, const Finding *finding)
{
    PyCodeObject *code = (PyCodeObject *)finding->code;
    PyObject *kind = guard_change_kind_text(finding->kind);
    if (kind == NULL)
        return -1;
    PyErr_Format(state->error_type,
                 "default of parameter '%U' of %U (%U:%d) changed during call %llu: %U",
                 finding->param, finding->qualname, code->co_filename, code->co_firstlineno,
                 finding->call, kind);
    Py_DECREF(kind);
    return -1;
}

/* The current default object for a parameter, borrowed, or NULL. */
static PyObject *current_default(PyObject *func, const ParamWatch *param)
{
    if (param->default_index >= 0) {
        PyObject *defaults = PyFunction_GET_DEFAULTS(func);
        if (defaults == NULL || !PyTuple_Check(defaults) || param->default_index >= PyTuple_GET_SIZE(defaults))
            return NULL;
        return PyTuple_GET_ITEM(defaults, param->default_index);
    }
    PyObject *kwdefaults = PyFunction_GET_KW_DEFAULTS(func);
    if (kwdefaults == NULL || !PyDict_Check(kwdefaults))
        return NULL;
    PyObject *value = PyDict_GetItemWithError(kwdefaults, param->name); /* str key: no user code */
    if (value == NULL)
        PyErr_Clear();
    return value;
}

/* Re-reads the defaults of a function whose __defaults__/__kwdefaults__ were replaced;
 * the replacement is the new baseline, the count of calls goes on. */
static int rewatch_function(GuardState *state, PyObject *func)
{
    Py_INCREF(func);
    int status = guard_watch_with_defaults(state, func, PyFunction_GET_DEFAULTS(func),
                                           PyFunction_GET_KW_DEFAULTS(func));
    Py_DECREF(func);
    return status < 0 ? -1 : 0;
}

/* Who changed a default seen changing: 1 for a change from outside, 0 for a leak of the call
 * ending (`call`), -1 when it is left to another running call of the same code. */
static int blame(const FuncWatch *watch, const ParamWatch *param, const GuardCall *call, int moment)
{
    if (moment == AT_EXIT)
        return 1;
    if (moment == AT_ENTER)
        return watch->active > 1 ? -1 : 1; /* this call is counted in `active` already */
    if (call == NULL || guard_call_holds_default(call, param) != 0)
        return 0;
    return watch->active > 0 ? -1 : 1;
}

/* Returns -1 with an exception set only to raise a new leak in --raise mode. Iterating a set
 * or deque allocates an iterator, so the GC, finalizers, and through them watcher events can
 * run in the middle: `watch` may get forgotten meanwhile, and is then left alone. */
static int compare_defaults(GuardState *state, FuncWatch *watch, PyObject *func, const GuardCall *call,
                            int moment, int may_raise)
{
    if (watch->calls == 0 && moment == AT_LEAVE)
        watch->calls = 1; /* watching began inside this very call (3.12+: first call after def) */
    for (size_t i = 0; i < watch->n_params && !watch->forgotten; i++) {
        ParamWatch *param = &watch->params[i];
        if (current_default(func, param) != param->object)
            return rewatch_function(state, func);
        Fingerprint now = guard_fingerprint(state, param->object);
        if (watch->forgotten)
            return 0;
        int kind = guard_compare_fingerprints(&param->print, &now, param->is_mapping);
        int outside = kind == 0 ? -1 : blame(watch, param, call, moment);
        if (outside < 0)
            continue;
        param->print = now;
        int *reported = outside ? &param->reported_outside : &param->reported;
        if (*reported)
            continue;
        *reported = 1;
        if (record_finding(state, watch, func, call, param, kind, outside, moment) < 0)
            return -1;
        if (may_raise && !outside && state->raise_on_leak && !param->intentional)
            return raise_leak(state, &state->findings[state->n_findings - 1]);
    }
    return 0;
}

static int check_function(GuardState *state, FuncWatch *watch, PyObject *func, const GuardCall *call, int moment,
                          int may_raise)
{
    watch->in_check = 1;
    int status = compare_defaults(state, watch, func, call, moment, may_raise);
    watch->in_check = 0;
    if (watch->forgotten)
        free_watch(watch);
    return status;
}

/* The functions of `code`, as addresses: what is done to one of them may run Python code
 * that changes the chain (a destroyed closure, new defaults), so it is walked from a copy.
 * Returns the count, or -1 on memory error; *addresses is to be freed if not `local`. */
static Py_ssize_t functions_of_code(GuardState *state, PyObject *code, const void **local, size_t local_size,
                                    const void ***addresses)
{
    size_t count = 0, capacity = local_size;
    *addresses = local;
    for (FuncWatch *watch = ptrmap_get(&state->codes, code); watch != NULL; watch = watch->next) {
        if (count == capacity) {
            capacity *= 2;
            const void **grown = malloc(capacity * sizeof *grown);
            if (grown == NULL) {
                if (*addresses != local)
                    free(*addresses);
                *addresses = local;
                PyErr_NoMemory();
                return -1;
            }
            memcpy(grown, *addresses, count * sizeof *grown);
            if (*addresses != local)
                free(*addresses);
            *addresses = grown;
        }
        (*addresses)[count++] = watch->func_address;
    }
    return (Py_ssize_t)count;
}

#define LOCAL_FUNCTIONS 8

/* Runs check_function at `moment` on each live function of `code`; `delta` is added to each
 * one's count of running calls first (and `fresh` counts a call started). */
static int visit_code(GuardState *state, PyObject *code, const GuardCall *call, int moment, int fresh, long delta,
                      int may_raise)
{
    const void *local[LOCAL_FUNCTIONS], **addresses;
    Py_ssize_t count = functions_of_code(state, code, local, LOCAL_FUNCTIONS, &addresses);
    int status = count < 0 ? -1 : 0;
    for (Py_ssize_t i = 0; i < count && status == 0; i++) {
        FuncWatch *watch = ptrmap_get(&state->funcs, addresses[i]);
        if (watch == NULL)
            continue; /* forgotten meanwhile */
        PyObject *func = watched_function(watch);
        if (func == NULL) {
            guard_forget_function(state, addresses[i]);
            continue;
        }
        watch->calls += fresh ? 1 : 0;
        watch->active += delta;
        if (watch->active < 0)
            watch->active = 0; /* a call that began before watching did */
        status = check_function(state, watch, func, call, moment, may_raise);
    }
    if (addresses != local)
        free(addresses);
    return status;
}

/* Frames of running calls beyond this many are forgotten at once (frames of generators
 * never finished stay in the map; a forgotten frame reports the count of calls instead). */
#define FRAME_CALLS_LIMIT 100000

int guard_enter_call(GuardState *state, PyObject *code, GuardCall *call, int fresh)
{
    int status = visit_code(state, code, NULL, AT_ENTER, fresh, 1, 0);
    FuncWatch *first = ptrmap_get(&state->codes, code);
    if (fresh && call != NULL)
        call->number = first != NULL ? first->calls : 0;
    return status;
}

int guard_leave_call(GuardState *state, PyObject *code, const GuardCall *call, int may_raise)
{
    return visit_code(state, code, call, AT_LEAVE, 0, -1, may_raise);
}

#if GUARD_USE_MONITORING
int guard_enter_code(GuardState *state, PyObject *code, PyObject *frame, int fresh)
{
    GuardCall call = {.frame = frame};
    int status = guard_enter_call(state, code, &call, fresh);
    if (fresh && frame != NULL && call.number > 0) {
        if (state->frame_calls.count >= FRAME_CALLS_LIMIT)
            ptrmap_free(&state->frame_calls);
        if (ptrmap_put(&state->frame_calls, frame, (void *)(uintptr_t)call.number) < 0) {
            PyErr_NoMemory();
            status = -1;
        }
    }
    return status;
}

int guard_leave_code(GuardState *state, PyObject *code, PyObject *frame, int may_raise)
{
    GuardCall call = {.frame = frame};
    call.number = frame != NULL ? (uintptr_t)ptrmap_get(&state->frame_calls, frame) : 0;
    int status = guard_leave_call(state, code, &call, may_raise);
    const int suspendable = CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;
    if (frame != NULL && !(((PyCodeObject *)code)->co_flags & suspendable))
        ptrmap_remove(&state->frame_calls, frame); /* a generator's frame is overwritten when reused */
    return status;
}
#endif

void guard_clear_frame_calls(GuardState *state)
{
    ptrmap_free(&state->frame_calls);
}

static void collect_address(const void *key, void *value, void *arg)
{
    const void ***cursor = arg;
    *(*cursor)++ = key;
}

void guard_prune_dead_watches(GuardState *state)
{
    const void **addresses = malloc((state->funcs.count + 1) * sizeof *addresses);
    if (addresses == NULL)
        return; /* pruning is an optimisation: try again at the next collection */
    const void **cursor = addresses;
    ptrmap_each(&state->funcs, collect_address, &cursor);
    for (const void **address = addresses; address < cursor; address++) {
        FuncWatch *watch = ptrmap_get(&state->funcs, *address);
        if (watch != NULL && watched_function(watch) == NULL)
            guard_forget_function(state, *address);
    }
    free(addresses);
}

void guard_check_all(GuardState *state)
{
    const void **addresses = malloc((state->funcs.count + 1) * sizeof *addresses);
    if (addresses == NULL)
        return;
    const void **cursor = addresses;
    ptrmap_each(&state->funcs, collect_address, &cursor);
    for (const void **address = addresses; address < cursor; address++) {
        FuncWatch *watch = ptrmap_get(&state->funcs, *address);
        PyObject *func = watch != NULL ? watched_function(watch) : NULL;
        if (func != NULL && check_function(state, watch, func, NULL, AT_EXIT, 0) < 0)
            PyErr_Clear();
    }
    free(addresses);
}

void guard_clear_watches(GuardState *state)
{
    /* Forgetting changes the map: take the addresses first. */
    const void **addresses = malloc((state->funcs.count + 1) * sizeof *addresses);
    if (addresses != NULL) {
        const void **cursor = addresses;
        ptrmap_each(&state->funcs, collect_address, &cursor);
        for (const void **address = addresses; address < cursor; address++)
            guard_forget_function(state, *address);
        free(addresses);
    }
    ptrmap_free(&state->funcs);
    ptrmap_free(&state->codes);
}

void guard_clear_findings(GuardState *state)
{
    /* Detached first: releasing a leaked container may run finalizers that call watched code. */
    Finding *findings = state->findings;
    size_t count = state->n_findings;
    state->findings = NULL;
    state->n_findings = state->cap_findings = 0;
    for (size_t i = 0; i < count; i++) {
        Py_DECREF(findings[i].code);
        Py_DECREF(findings[i].qualname);
        Py_DECREF(findings[i].param);
        Py_DECREF(findings[i].object);
        Py_XDECREF(findings[i].site_file);
    }
    free(findings);
}
