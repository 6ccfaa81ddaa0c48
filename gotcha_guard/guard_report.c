/* The findings as Python data, and the short excerpt of a leaked container.
 * This is the only place where the user's objects' __repr__ may run, and only at report time. */
#include "guard.h"

#include <string.h>

/* Items shown in an excerpt before "...". */
#define EXCERPT_ITEMS 12

PyObject *guard_change_kind_text(int kind)
{
    static const struct {
        int bit;
        const char *text;
    } kinds[] = {
        {CHANGE_ADDED, "items added"},     {CHANGE_REMOVED, "items removed"},
        {CHANGE_REPLACED, "items replaced"}, {CHANGE_KEYS, "keys changed"},
        {CHANGE_VALUES, "values replaced"}, {CHANGE_ORDER, "items reordered"},
        {CHANGE_NESTED, "nested container changed"},
    };
    PyObject *parts = PyList_New(0);
    if (parts == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!(kind & kinds[i].bit))
            continue;
        PyObject *text = PyUnicode_FromString(kinds[i].text);
        if (text == NULL || PyList_Append(parts, text) < 0) {
            Py_XDECREF(text);
            Py_DECREF(parts);
            return NULL;
        }
        Py_DECREF(text);
    }
    PyObject *separator = PyUnicode_FromString(", ");
    PyObject *joined = separator ? PyUnicode_Join(separator, parts) : NULL;
    Py_XDECREF(separator);
    Py_DECREF(parts);
    return joined;
}

/* repr(obj), or a placeholder when the user's __repr__ fails. */
static PyObject *guarded_repr(PyObject *obj)
{
    PyObject *text = PyObject_Repr(obj);
    if (text != NULL)
        return text;
    PyErr_Clear();
    return PyUnicode_FromFormat("<%s object, repr failed>", Py_TYPE(obj)->tp_name);
}

static int append_repr(PyObject *parts, PyObject *obj)
{
    PyObject *text = guarded_repr(obj);
    if (text == NULL)
        return -1;
    int status = PyList_Append(parts, text);
    Py_DECREF(text);
    return status;
}

static int append_pair(PyObject *parts, PyObject *key, PyObject *value)
{
    PyObject *key_text = guarded_repr(key);
    PyObject *value_text = key_text ? guarded_repr(value) : NULL;
    PyObject *text = value_text ? PyUnicode_FromFormat("%U: %U", key_text, value_text) : NULL;
    Py_XDECREF(key_text);
    Py_XDECREF(value_text);
    if (text == NULL)
        return -1;
    int status = PyList_Append(parts, text);
    Py_DECREF(text);
    return status;
}

/* Reprs of the first EXCERPT_ITEMS items of `obj`, walked with its base type's C iterator. */
static int sample_items(PyObject *obj, PyTypeObject *base, PyObject *parts, Py_ssize_t *total)
{
    if (PyList_Check(obj)) {
        *total = PyList_GET_SIZE(obj);
        for (Py_ssize_t i = 0; i < *total && i < EXCERPT_ITEMS; i++) {
            if (append_repr(parts, PyList_GET_ITEM(obj, i)) < 0)
                return -1;
        }
        return 0;
    }
    if (PyDict_Check(obj)) {
        *total = PyDict_GET_SIZE(obj);
        Py_ssize_t position = 0;
        PyObject *key, *value;
        for (int taken = 0; taken < EXCERPT_ITEMS && PyDict_Next(obj, &position, &key, &value); taken++) {
            Py_INCREF(key);
            Py_INCREF(value); /* a __repr__ may mutate the dict */
            int status = append_pair(parts, key, value);
            Py_DECREF(key);
            Py_DECREF(value);
            if (status < 0)
                return -1;
            if (PyDict_GET_SIZE(obj) != *total)
                break;
        }
        return 0;
    }
    *total = base->tp_as_sequence->sq_length(obj);
    PyObject *iterator = *total >= 0 ? base->tp_iter(obj) : NULL;
    if (iterator == NULL)
        return -1;
    PyObject *item;
    for (int taken = 0; taken < EXCERPT_ITEMS && (item = Py_TYPE(iterator)->tp_iternext(iterator)) != NULL; taken++) {
        int status = append_repr(parts, item);
        Py_DECREF(item);
        if (status < 0) {
            Py_DECREF(iterator);
            return -1;
        }
    }
    Py_DECREF(iterator);
    if (PyErr_Occurred())
        PyErr_Clear(); /* the container changed size under a __repr__: show what we have */
    return 0;
}

/* "collections.deque" -> "deque", as repr() shows it. */
static const char *short_type_name(PyTypeObject *type)
{
    const char *dot = strrchr(type->tp_name, '.');
    return dot ? dot + 1 : type->tp_name;
}

static PyObject *truncate_text(PyObject *text, Py_ssize_t max_chars)
{
    if (PyUnicode_GET_LENGTH(text) <= max_chars)
        return text;
    PyObject *head = PyUnicode_Substring(text, 0, max_chars - 3);
    Py_DECREF(text);
    if (head == NULL)
        return NULL;
    PyObject *shortened = PyUnicode_FromFormat("%U...", head);
    Py_DECREF(head);
    return shortened;
}

PyObject *guard_excerpt(PyObject *obj, Py_ssize_t max_chars)
{
    if (PyByteArray_Check(obj)) {
        Py_ssize_t shown = PyByteArray_GET_SIZE(obj) < max_chars ? PyByteArray_GET_SIZE(obj) : max_chars;
        PyObject *sample = PyByteArray_FromStringAndSize(PyByteArray_AS_STRING(obj), shown);
        PyObject *text = sample ? PyObject_Repr(sample) : NULL;
        Py_XDECREF(sample);
        return text ? truncate_text(text, max_chars) : NULL;
    }
    PyTypeObject *base = PyAnySet_Check(obj) ? &PySet_Type : Py_TYPE(obj);
    if (!PyList_Check(obj) && !PyDict_Check(obj) && !PyAnySet_Check(obj)) {
        while (base->tp_base != NULL && base->tp_base != &PyBaseObject_Type)
            base = base->tp_base; /* deque subclass -> collections.deque */
    }
    PyObject *parts = PyList_New(0);
    Py_ssize_t total = 0;
    if (parts == NULL || sample_items(obj, base, parts, &total) < 0) {
        Py_XDECREF(parts);
        PyErr_Clear();
        return PyUnicode_FromFormat("<%s of unknown content>", Py_TYPE(obj)->tp_name);
    }
    if (total > PyList_GET_SIZE(parts)) {
        PyObject *more = PyUnicode_FromFormat("... (%zd items)", total);
        if (more == NULL || PyList_Append(parts, more) < 0)
            PyErr_Clear();
        Py_XDECREF(more);
    }
    PyObject *separator = PyUnicode_FromString(", ");
    PyObject *inside = separator ? PyUnicode_Join(separator, parts) : NULL;
    Py_XDECREF(separator);
    Py_DECREF(parts);
    if (inside == NULL)
        return NULL;
    PyObject *text;
    if (PyList_Check(obj))
        text = PyUnicode_FromFormat("[%U]", inside);
    else if (PyDict_Check(obj) || PyAnySet_Check(obj))
        text = total == 0 && !PyDict_Check(obj) ? PyUnicode_FromString("set()") : PyUnicode_FromFormat("{%U}", inside);
    else
        text = PyUnicode_FromFormat("%s([%U])", short_type_name(base), inside);
    Py_DECREF(inside);
    return text ? truncate_text(text, max_chars) : NULL;
}

static PyObject *finding_as_dict(const Finding *finding)
{
    PyCodeObject *code = (PyCodeObject *)finding->code;
    PyObject *kind = guard_change_kind_text(finding->kind);
    PyObject *excerpt = kind ? guard_excerpt(finding->object, 120) : NULL;
    PyObject *entry = NULL;
    if (excerpt != NULL) {
        PyObject *site = finding->site_file != NULL
                             ? PyUnicode_FromFormat("%U:%d", finding->site_file, finding->site_line)
                             : Py_NewRef(Py_None);
        if (site != NULL)
            entry = Py_BuildValue("{s:O,s:O,s:i,s:O,s:O,s:O,s:K,s:O,s:O,s:s,s:O,s:O,s:O}",
                              "function", finding->qualname, "file", code->co_filename,
                              "line", code->co_firstlineno, "parameter", finding->param,
                              "keyword_only", finding->kwonly ? Py_True : Py_False, "kind", kind,
                              "call", finding->call, "excerpt", excerpt,
                              "intentional", finding->intentional ? Py_True : Py_False,
                              "type", short_type_name(Py_TYPE(finding->object)),
                              "outside", finding->outside ? Py_True : Py_False,
                              "at_exit", finding->at_exit ? Py_True : Py_False, "call_site", site);
        Py_XDECREF(site);
    }
    Py_XDECREF(kind);
    Py_XDECREF(excerpt);
    return entry;
}

PyObject *guard_build_report(GuardState *state)
{
    PyObject *report = PyList_New(0);
    for (size_t i = 0; report != NULL && i < state->n_findings; i++) {
        PyObject *entry = finding_as_dict(&state->findings[i]);
        if (entry == NULL || PyList_Append(report, entry) < 0)
            Py_CLEAR(report);
        Py_XDECREF(entry);
    }
    return report;
}
