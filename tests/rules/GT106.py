# GT106 mutable-class-attribute: a mutable class attribute without ClassVar (off by default).
import collections
import typing
from typing import ClassVar, Final
from dataclasses import dataclass, field


class Settings:
    hosts = []  # GT106
    limits = {"a": 1}  # GT106
    flags = set()  # GT106
    order = collections.OrderedDict()  # GT106
    squares = [i * i for i in range(3)]  # GT106
    annotated: list[str] = []  # GT106


class Declared:
    registry: ClassVar[dict] = {}
    qualified: typing.ClassVar[list] = []
    bare: ClassVar = []
    constant: Final = []
    as_string: "ClassVar[list[int]]" = []
    qualified_string: "typing.ClassVar[dict]" = {}
    extensions_string: "typing_extensions.ClassVar[dict]" = {}
    final_string: "typing_extensions.Final" = []


class StringAnnotationsThatDeclareNothing:
    handlers: "typing.Callable[..., None]" = []  # GT106
    classy: "ClassVariable" = []  # GT106


class Immutable:
    names = ("a", "b")
    frozen = frozenset({1})
    text = "x"
    nothing = None
    __slots__ = ["a", "b"]
    __all__ = ["Immutable"]
    _fields_ = [("x", int)]


# Dataclass fields are instance fields (and a mutable default raises at class creation).
@dataclass
class Point:
    tags: list = field(default_factory=list)


# Only class-body level: locals of methods are not class attributes.
class Methods:
    def run(self):
        local = []
        return local


class Nested:
    class Inner:
        values = []  # GT106


# Models that copy field defaults per instance.
class BaseModel:
    pass


class User(BaseModel):
    roles: list[str] = []
    groups = []  # GT106


# ---- NamedTuple: annotated attributes are fields (GT112), a ClassVar annotation is rejected ----
class Record(typing.NamedTuple):
    tags: list = []                    # a field: GT112 reports its default
    LOOKUP = {"a": 1}  # GT106 (the advice is an immutable value, not ClassVar)
