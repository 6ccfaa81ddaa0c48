# GT108 mutable-contextvar-default: one default object shared by every context.
import collections
import contextvars
import types
import contextvars as cv
from contextvars import ContextVar
from contextvars import ContextVar as CV

request_tags = ContextVar("request_tags", default=[])  # GT108
request_user = contextvars.ContextVar("user", default={})  # GT108
request_seen = cv.ContextVar("seen", default=set())  # GT108
request_log = CV("log", default=collections.deque())  # GT108
request_ids = ContextVar("ids", default=[i for i in range(3)])  # GT108
annotated: ContextVar[list] = ContextVar("annotated", default=list())  # GT108
generic = ContextVar[dict]("generic", default={})  # GT108

SHARED = {}
by_name = ContextVar("by_name", default=SHARED)  # GT108


def factory():
    local = ContextVar("local", default=dict())  # GT108
    return local


class Local:
    _stack = ContextVar("stack", default=[])  # GT108: a class attribute is still one object
    _counts = ContextVar("counts", default=collections.defaultdict(int))  # GT108


settings = ContextVar("settings", default=dict(debug=False))  # GT108


# Immutable defaults, None, or no default at all.
ok_none = ContextVar("ok_none", default=None)
ok_tuple = ContextVar("ok_tuple", default=())
ok_frozen = ContextVar("ok_frozen", default=frozenset())
ok_text = ContextVar("ok_text", default="x")
ok_missing = ContextVar("ok_missing")
ok_call = ContextVar("ok_call", default=object())


# Another ContextVar, not contextvars'.
class ContextVarLike:
    def __init__(self, name, default=None):
        self.name = name


def shadowed():
    ContextVar = ContextVarLike
    return ContextVar("x", default=[])


# Real-code look-alikes that must not be flagged.
ok_proxy = ContextVar("ok_proxy", default=types.MappingProxyType({}))   # read-only view
ok_tuple_call = ContextVar("ok_tuple_call", default=tuple())
FROZEN = frozenset({"a"})
ok_frozen_name = ContextVar("ok_frozen_name", default=FROZEN)
REBOUND = []
REBOUND = []
ok_rebound = ContextVar("ok_rebound", default=REBOUND)   # bound twice: not one known object
ok_set_later = ContextVar("ok_set_later", default=None)
ok_set_later.set([])                                     # a fresh object per context: fine


def lookup(config):
    return config.get("key", default=[])                 # another `default=` keyword


class ContextVarRegistry:
    def ContextVar(self, name, default=None):
        return name


registry = ContextVarRegistry()
ok_method = registry.ContextVar("x", default=[])         # not contextvars.ContextVar
request_ids = ContextVar("ids", default=list[int]())  # GT108
request_map = ContextVar[dict]("map", default=dict[str, int]())  # GT108
request_order = ContextVar("order", default=collections.OrderedDict[str, int]())  # GT108
request_none = ContextVar("none", default=tuple[int, ...]())   # a tuple: immutable
