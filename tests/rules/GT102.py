# GT102 escaping-default-argument: the shared default leaves the function (returned, stored on
# self, stored in a global) AND visible code mutates it there. An escape that nothing visible
# mutates is only shared: GT103 reports it (see the negatives below).
from typing import Iterable, Sequence

REGISTRY = {}
HANDLERS = []


# ---- positives: returned, and a caller in the module mutates the result ----
def get_headers(headers={}):
    return headers


def add_auth(token):
    get_headers()["Authorization"] = token


def with_fallback(items=[0]):
    items = items or []      # a non-empty default is kept by `or`
    return items


def extend_fallback(extra):
    got = with_fallback()
    got.extend(extra)


def conditional(flag, items=[]):
    return items if flag else []


def use_conditional():
    conditional(True).append(1)


async def async_escape(state={}):
    return state


def reset_state():
    async_escape().clear()   # a coroutine object, not the dict: no confirmation


def defaults(options={}):
    return options


defaults().update(debug=True)   # module code mutates it at import


# ---- positives: stored on the instance, another method mutates it ----
class Basket:
    def __init__(self, items=[]):
        self.items = items

    def add(self, item):
        self.items.append(item)


class Node:
    def __init__(self, children=[], *, parent=None):
        self.parent = parent
        self.children = children

    def adopt(self, child):
        _push(self.children, child)   # a helper of the module mutates it


def _push(seq, item):
    seq.insert(0, item)


class Tags:
    def __init__(self, tags: Sequence[str] = []):   # the annotation promises no mutation...
        self._tags = tags

    def tag(self, name):
        self._tags += [name]                         # ...the class breaks it


class Index:
    def __init__(self, table={}):
        self.table = table

    def put(self, key, value):
        def store():
            self.table[key] = value                  # in a closure of a method
        store()


class Lazy:
    def options(self, opts={}):
        return opts

    def set_option(self, key):
        self.options()[key] = True                   # `self.method()` without the argument


# ---- positives: stored in a global that another function mutates ----
def install(config={}):
    global CURRENT
    CURRENT = config


def set_debug():
    CURRENT["debug"] = True


# ---- negatives: escapes that nothing visible mutates (GT103 reports them) ----
def returned_only(headers={}):
    return headers


def caller_passes_its_own(headers={}):
    return headers


def caller_with_argument():
    got = caller_passes_its_own({})
    got["x"] = 1
    caller_passes_its_own(headers={})["y"] = 2


def generator(items=[]):
    yield items


def into_module_container(name, options={}):
    REGISTRY[name] = options


def appended_to_module_list(handler, extra=[]):
    HANDLERS.append((handler, extra))


def returned_in_tuple(rows=[]):
    return rows, len(rows)


returns_default = lambda acc=[]: acc


def read_only_annotation_escapes(items: Iterable[int] = []):
    return items


class Stored:
    def __init__(self, items=[]):
        self.items = items

    def count(self):
        return len(self.items)


class Rebinds:
    def __init__(self, items=[]):
        self.items = items

    def add(self, item):
        self.items = list(self.items)   # a copy first: the default is not touched
        self.items.append(item)


class OnlySorts:
    def __init__(self, items=[]):
        self.items = items

    def sign(self):
        self.items.sort()               # an empty default stays empty: nothing leaks


class Other:
    def __init__(self, items=[]):
        self.items = items

    @staticmethod
    def helper(self):
        self.items.append(1)            # a static method: `self` is not the instance


class FromStatic:
    @staticmethod
    def attach(target, items=[]):
        target.items = items            # `target` is not this class's instance

    def add(self, item):
        self.items.append(item)


class Unrelated:
    def items(self):
        return []

    def fill(self, other):
        other.items.append(1)           # another object's attribute


class Store:
    def __init__(self, items=[]):
        self._set(items)              # the helper stores it; where is not followed

    def _set(self, items):
        self.items = items


def returned_copy(items=[]):
    return list(items)


class Unpacks:
    def __init__(self, attrib={}, items=[], **extra):
        self.attrib = {**attrib, **extra}   # unpacking copies the items, not the default
        self.items = [*items]

    def set(self, key, value):
        self.attrib[key] = value
        self.items.append(value)


def mutated_wins(items=[]):
    items.append(1)
    return items


def cache_escapes(key, _cache={}):
    return _cache


def empty_default_with_fallback(items=[]):
    items = items or []      # the empty default is always replaced
    return items


def to_global_unmutated(config={}):
    global SNAPSHOT
    SNAPSHOT = config


def reads_snapshot():
    return SNAPSHOT.get("debug")


def rebinds_global_first():
    global SNAPSHOT
    SNAPSHOT = {}
    SNAPSHOT["x"] = 1
