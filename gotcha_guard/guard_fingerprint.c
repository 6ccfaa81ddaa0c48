/* Fingerprints of mutable default objects.
 *
 * A fingerprint is the length plus a hash of the identities of the items (keys apart for
 * mappings). It reads the containers' own storage or calls the base type's C slots directly,
 * so an overridden __iter__/__len__/__eq__/__hash__ in a subclass or in an item never runs.
 * Large containers are sampled (see the limits below): a replacement deep inside a huge
 * container can go unseen, a change of length never does.
 */
#include "guard.h"

/* Sequences longer than this hash only their first and last SEQUENCE_SAMPLE items. */
#define SEQUENCE_FULL_LIMIT 512
#define SEQUENCE_SAMPLE 256
/* Sets, dicts and deques beyond this many items are fingerprinted by length only
 * (their iteration cannot jump to the end, and a partial walk of a set is order-dependent). */
#define WALK_LIMIT 4096
#define BYTES_SAMPLE 4096

/* splitmix64 finaliser: spreads an address over all 64 bits. */
static uint64_t mix64(uint64_t value)
{
    value += 0x9E3779B97F4A7C15ULL;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
}

/* Order-sensitive accumulation. */
static uint64_t chain_hash(uint64_t hash, const void *address)
{
    return mix64(hash ^ (uint64_t)(uintptr_t)address);
}

int guard_is_tracked_mutable(GuardState *state, PyObject *obj)
{
    /* Exact types first: the common defaults cost a few compares, no subtype walk. */
    PyTypeObject *type = Py_TYPE(obj);
    if (type == &PyList_Type || type == &PyDict_Type || type == &PySet_Type || type == &PyByteArray_Type
        || (PyObject *)type == state->deque_type || (PyObject *)type == state->array_type)
        return 1;
    if (obj == Py_None || type == &PyLong_Type || type == &PyUnicode_Type || type == &PyBool_Type
        || type == &PyFloat_Type || type == &PyTuple_Type || type == &PyBytes_Type || type == &PyFrozenSet_Type)
        return 0;
    if (PyList_Check(obj) || PyDict_Check(obj) || PyByteArray_Check(obj))
        return 1;
    if (PyAnySet_Check(obj) && !PyFrozenSet_Check(obj))
        return 1;
    return (state->deque_type != NULL && PyObject_TypeCheck(obj, (PyTypeObject *)state->deque_type))
           || (state->array_type != NULL && PyObject_TypeCheck(obj, (PyTypeObject *)state->array_type));
}

/* Containers held by a list or dict default (`x=[[]]`, then `x[0].append(...)`; `x=[[[]]]`,
 * then `x[0][0].append(...)`; a dict of lists of dicts) add their own fingerprints to their
 * holder's, down to NESTED_DEPTH levels below the default: exact lists, dicts, sets and
 * bytearrays only (no subclass, whose storage we would still read but whose meaning we do not
 * know), at most NESTED_LIMIT of them per default over all levels, so a fingerprint costs at
 * most NESTED_LIMIT + 1 container walks (a container that holds itself is cut by the depth). */
#define NESTED_DEPTH 4
#define NESTED_LIMIT 64

static Fingerprint any_fingerprint(GuardState *state, PyObject *obj, int depth, int *budget);

static void add_nested(GuardState *state, Fingerprint *print, PyObject *item, int depth, int *budget)
{
    PyTypeObject *type = Py_TYPE(item);
    if (*budget <= 0 || depth >= NESTED_DEPTH
        || (type != &PyList_Type && type != &PyDict_Type && type != &PySet_Type && type != &PyByteArray_Type))
        return;
    (*budget)--;
    Fingerprint inner = any_fingerprint(state, item, depth + 1, budget);
    print->nested = chain_hash(print->nested, (const void *)(uintptr_t)mix64(
        (uint64_t)inner.length ^ inner.items ^ (inner.keys * 3) ^ (inner.order * 5) ^ (inner.nested * 7)));
}

/* `depth`: levels below the default (0: the default itself). */
static Fingerprint list_fingerprint(GuardState *state, PyObject *list, int depth, int *budget)
{
    Fingerprint print = {PyList_GET_SIZE(list), 0, 0, 0, 0};
    Py_ssize_t length = print.length;
    for (Py_ssize_t i = 0; i < length; i++) {
        if (length > SEQUENCE_FULL_LIMIT && i == SEQUENCE_SAMPLE)
            i = length - SEQUENCE_SAMPLE;
        print.items = chain_hash(print.items, PyList_GET_ITEM(list, i));
        add_nested(state, &print, PyList_GET_ITEM(list, i), depth, budget);
    }
    return print;
}

static uint64_t bytes_hash(uint64_t hash, const unsigned char *bytes, Py_ssize_t count)
{
    for (Py_ssize_t i = 0; i < count; i++)
        hash = (hash ^ bytes[i]) * 0x100000001B3ULL; /* FNV-1a step */
    return hash;
}

/* Length `length` (items) and a hash of `size` bytes, sampled at both ends when long. */
static Fingerprint bytes_fingerprint(Py_ssize_t length, const unsigned char *bytes, Py_ssize_t size)
{
    Fingerprint print = {length, 0xCBF29CE484222325ULL, 0, 0, 0};
    if (size <= 2 * BYTES_SAMPLE) {
        print.items = bytes_hash(print.items, bytes, size);
    } else {
        print.items = bytes_hash(print.items, bytes, BYTES_SAMPLE);
        print.items = bytes_hash(print.items, bytes + size - BYTES_SAMPLE, BYTES_SAMPLE);
    }
    return print;
}

static Fingerprint bytearray_fingerprint(PyObject *array)
{
    return bytes_fingerprint(PyByteArray_GET_SIZE(array), (const unsigned char *)PyByteArray_AS_STRING(array),
                             PyByteArray_GET_SIZE(array));
}

/* array.array: its items are machine values, compared by their bytes through array.array's
 * own C buffer slot (a subclass's __buffer__ never runs). */
static Fingerprint array_fingerprint(PyObject *array, PyTypeObject *array_type)
{
    Fingerprint print = {0, 0, 0, 0, 0};
    Py_buffer view;
    if (array_type->tp_as_buffer == NULL || array_type->tp_as_buffer->bf_getbuffer == NULL
        || array_type->tp_as_buffer->bf_getbuffer(array, &view, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        return print;
    }
    Py_ssize_t items = view.itemsize > 0 ? view.len / view.itemsize : view.len;
    print = bytes_fingerprint(items, (const unsigned char *)view.buf, view.len);
    if (array_type->tp_as_buffer->bf_releasebuffer != NULL)
        array_type->tp_as_buffer->bf_releasebuffer(array, &view);
    Py_XDECREF(view.obj);
    return print;
}

/* An OrderedDict's keys in their linked order, through OrderedDict's own C iterator. */
static uint64_t odict_order(PyObject *dict)
{
    uint64_t order = 0;
    PyObject *iterator = PyODict_Type.tp_iter(dict);
    if (iterator == NULL) {
        PyErr_Clear();
        return 0;
    }
    PyObject *key;
    while ((key = Py_TYPE(iterator)->tp_iternext(iterator)) != NULL) {
        order = chain_hash(order, key);
        Py_DECREF(key);
    }
    PyErr_Clear();
    Py_DECREF(iterator);
    return order;
}

static Fingerprint dict_fingerprint(GuardState *state, PyObject *dict, int depth, int *budget)
{
    Fingerprint print = {PyDict_GET_SIZE(dict), 0, 0, 0, 0};
    if (print.length > WALK_LIMIT)
        return print;
    Py_ssize_t position = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &position, &key, &value)) {
        print.keys = chain_hash(print.keys, key);
        print.items = chain_hash(print.items, value);
        add_nested(state, &print, value, depth, budget);
    }
    if (PyODict_Check(dict))
        print.order = odict_order(dict);
    return print;
}

/* Walks `obj` with the iterator of `base` (a C type), so a subclass's __iter__ is bypassed.
 * `ordered` chooses between order-sensitive and order-free accumulation. */
static Fingerprint walk_fingerprint(PyObject *obj, PyTypeObject *base, int ordered)
{
    Fingerprint print = {0, 0, 0, 0, 0};
    lenfunc length_of = base->tp_as_sequence ? base->tp_as_sequence->sq_length : NULL;
    if (length_of == NULL || base->tp_iter == NULL)
        return print;
    print.length = length_of(obj);
    if (print.length < 0) {
        PyErr_Clear();
        print.length = 0;
        return print;
    }
    if (print.length > WALK_LIMIT)
        return print;
    PyObject *iterator = base->tp_iter(obj);
    if (iterator == NULL) {
        PyErr_Clear();
        return print;
    }
    iternextfunc next = Py_TYPE(iterator)->tp_iternext;
    PyObject *item;
    while (next != NULL && (item = next(iterator)) != NULL) {
        if (ordered)
            print.items = chain_hash(print.items, item);
        else
            print.items += mix64((uint64_t)(uintptr_t)item);
        Py_DECREF(item);
    }
    if (PyErr_Occurred())
        PyErr_Clear(); /* "changed size during iteration" cannot happen here; be safe anyway */
    Py_DECREF(iterator);
    return print;
}

static Fingerprint any_fingerprint(GuardState *state, PyObject *obj, int depth, int *budget)
{
    if (PyList_Check(obj))
        return list_fingerprint(state, obj, depth, budget);
    if (PyDict_Check(obj))
        return dict_fingerprint(state, obj, depth, budget);
    if (PyByteArray_Check(obj))
        return bytearray_fingerprint(obj);
    if (PyAnySet_Check(obj))
        return walk_fingerprint(obj, &PySet_Type, 0);
    if (state->array_type != NULL && PyObject_TypeCheck(obj, (PyTypeObject *)state->array_type))
        return array_fingerprint(obj, (PyTypeObject *)state->array_type);
    return walk_fingerprint(obj, (PyTypeObject *)state->deque_type, 1);
}

Fingerprint guard_fingerprint(GuardState *state, PyObject *obj)
{
    int budget = NESTED_LIMIT;
    return any_fingerprint(state, obj, 0, &budget);
}

int guard_compare_fingerprints(const Fingerprint *before, const Fingerprint *after, int is_mapping)
{
    int kind = 0;
    if (after->length > before->length)
        kind |= CHANGE_ADDED;
    else if (after->length < before->length)
        kind |= CHANGE_REMOVED;
    if (is_mapping) {
        if (kind == 0 && after->keys != before->keys)
            kind |= CHANGE_KEYS;
        if (kind == 0 && after->items != before->items)
            kind |= CHANGE_VALUES;
        if (kind == 0 && after->order != before->order)
            kind |= CHANGE_ORDER;
    } else if (kind == 0 && after->items != before->items) {
        kind |= CHANGE_REPLACED;
    }
    if (kind == 0 && after->nested != before->nested)
        kind |= CHANGE_NESTED;
    return kind;
}
