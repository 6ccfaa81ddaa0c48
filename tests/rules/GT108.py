# GT108 mutable-contextvar-default: one default object shared by every context.
import collections
import contextvars
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
