/* What both hook implementations share: finding functions through the GC.
 * guard_hooks_monitoring.c (3.12+) and guard_hooks_evalframe.c (3.8-3.11) do the rest. */
#include "guard.h"

/* Functions found through gc.get_objects([generation]); used at install on every version. */
int guard_consider_gc_objects(GuardState *state, PyObject *get_objects, int generation)
{
    PyObject *objects = generation < 0 ? PyObject_CallObject(get_objects, NULL)
                                       : PyObject_CallFunction(get_objects, "i", generation);
    if (objects == NULL)
        return -1;
    int status = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(objects) && status >= 0; i++) {
        PyObject *obj = PyList_GET_ITEM(objects, i);
        if (PyFunction_Check(obj))
            status = guard_consider_function(state, obj);
    }
    Py_DECREF(objects);
    return status < 0 ? -1 : 0;
}

int guard_scan_existing_functions(GuardState *state)
{
    PyObject *gc = PyImport_ImportModule("gc");
    if (gc == NULL)
        return -1;
    PyObject *get_objects = PyObject_GetAttrString(gc, "get_objects");
    Py_DECREF(gc);
    if (get_objects == NULL)
        return -1;
    int status = guard_consider_gc_objects(state, get_objects, -1);
    Py_DECREF(get_objects);
    return status;
}
