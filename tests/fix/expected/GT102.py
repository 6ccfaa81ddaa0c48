# GT102 escaping-default-argument: the shared default leaves the function.
from typing import Iterable

REGISTRY = {}
HANDLERS = []


# ---- positives ----
def get_headers(headers=None):
    if headers is None:
        headers = {}
    return headers


def with_fallback(items=None):
    if items is None:
        items = [0]
    items = items or []      # a non-empty default is kept by `or`
    return items


def conditional(flag, items=None):
    if items is None:
        items = []
    return items if flag else []


def generator(items=None):
    if items is None:
        items = []
    yield items


class Basket:
    def __init__(self, items=None):
        if items is None:
            items = []
        self.items = items

    def replace(self, items=None):
        if items is None:
            items = []
        self.items = list(self.items)
        self.saved = (items, 1)


def to_global(config=None):
    if config is None:
        config = {}
    global CURRENT
    CURRENT = config


def into_module_container(name, options=None):
    if options is None:
        options = {}
    REGISTRY[name] = options


def appended_to_module_list(handler, extra=None):
    if extra is None:
        extra = []
    HANDLERS.append((handler, extra))


def in_returned_container(rows=None):
    if rows is None:
        rows = []
    result = {"rows": rows}
    return result


def appended_then_returned(rows=None):
    if rows is None:
        rows = []
    out = []
    out.append(rows)
    return out


def returned_in_tuple(rows=None):
    if rows is None:
        rows = []
    return rows, len(rows)


def via_closure(items=None):
    if items is None:
        items = []
    def getter():
        return items
    return getter()


returns_default = lambda acc=[]: acc


async def async_escape(state=None):
    if state is None:
        state = {}
    return state


def read_only_annotation_escapes(items: Iterable[int] | None = None):
    if items is None:
        items = []
    return items


# ---- negatives ----
def returns_copy(items=[]):
    return list(items)


def returns_length(items=[]):
    return len(items)


def stores_copy(self_like, items=[]):
    self_like.items = items[:]


def mutated_wins(items=[]):
    items.append(1)
    return items


def cache_escapes(key, _cache={}):
    return _cache


def rebound_before_return(items=[]):
    items = sorted(items)
    return items


def local_container_not_returned(rows=[]):
    out = [rows]
    return len(out)


def none_default(items=None):
    return items


def empty_default_with_fallback(items=[]):
    items = items or []      # the empty default is always replaced
    return items


def conditional_on_truth(items=[]):
    return items if items else None


# ---- edge cases ----
def long_target(x=None):
    if x is None:
        x = []
    some_really_long_object_name.with_a_long_attribute_chain.items = x


def stored_in_local_dict_that_is_stored(self, rows=None):
    if rows is None:
        rows = []
    state = {}
    state["rows"] = rows
    self.state = state


def walrus_alias(rows=None):
    if rows is None:
        rows = []
    if (alias := rows) is not None:
        return alias
    return None


def walrus_truthy_is_never_the_empty_default(rows=[]):
    if (alias := rows):
        return alias
    return None


class Node:
    def __init__(self, children=None, *, parent=None):
        if children is None:
            children = []
        self.parent = parent
        self.children = children


class Store:
    def __init__(self, items=None):
        if items is None:
            items = []
        self._set(items)              # the helper stores it on the instance

    def _set(self, items):
        self.items = items


def _register(name, value):
    REGISTRY[name] = value


def through_helper(name, value=None):
    if value is None:
        value = {}
    _register(name, value)


def helper_only_reads(name, value={}):
    _describe(value)


def _describe(value):
    return len(value)
