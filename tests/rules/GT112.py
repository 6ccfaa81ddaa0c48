# GT112 mutable-field-default: a NamedTuple or attrs field whose default is one mutable object.
# Each finding's line ends with `# GT112`; the near misses below say why they are not findings.
import collections
import typing
from collections import namedtuple as make_tuple
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple

import attr
import attrs
import pydantic
import typing_extensions
from attr import attrib, ib
from attrs import define, frozen

SHARED_TAGS = []


# ---- positives: typing.NamedTuple fields ----
class Job(NamedTuple):
    name: str
    tags: list = []  # GT112
    options: dict = {}  # GT112
    seen: set = set()  # GT112
    queue: collections.deque = collections.deque()  # GT112
    typed: list[int] = list[int]()  # GT112
    squares: list = [i * i for i in range(3)]  # GT112


class Event(typing.NamedTuple):
    payload: dict = {"kind": "none"}  # GT112


class Point(typing_extensions.NamedTuple):
    history: list = []  # GT112


# ---- positives: collections.namedtuple(..., defaults=...) ----
Row = collections.namedtuple("Row", "key values", defaults=[[]])  # GT112
Cell = make_tuple("Cell", ["value", "notes"], defaults=(None, {}))  # GT112


# ---- positives: attrs field defaults, in any class ----
@attr.s
class Task:
    deps = attr.ib(default=[])  # GT112
    env = attr.ib({})  # GT112
    flags = attr.ib(default=set())  # GT112
    extra = attr.attrib(default=dict())  # GT112
    short = ib(default=[])  # GT112
    longer = attrib(default=collections.OrderedDict())  # GT112


@attrs.define
class Build:
    steps: list = attrs.field(default=[])  # GT112
    cache: dict = attrs.field(default={})  # GT112
    done: list = []  # GT112
    ordered: dict = collections.OrderedDict[str, int]()  # GT112


@define
class Plan:
    items: list = []  # GT112


@frozen
class Frozen:
    items: list = []  # GT112 (frozen attributes, not the list they hold)


@attr.s(auto_attribs=True)
class Auto:
    items: list = [1, 2]  # GT112


class Loose:
    """attr.ib in a class this file does not show as attrs (a project's own wrapper)."""
    items = attr.ib(default=[])  # GT112


# ---- negatives ----
class Clean(NamedTuple):
    tags: tuple = ()                 # immutable
    names: frozenset = frozenset()   # immutable
    label: str = "x"
    parent: typing.Optional[list] = None
    shared: list = SHARED_TAGS       # a module name: the module shares that object anyway
    unannotated = []                 # a class attribute, not a field: GT106's


class Plain:
    items: list = []                 # not a record: GT106's


@dataclass
class Data:
    items: list = field(default_factory=list)
    # `x: list = []` would raise ValueError when the class is created: not a silent share


class Model(pydantic.BaseModel):
    items: list = []                 # pydantic copies defaults per instance


@attrs.define
class Factories:
    deps: list = attrs.field(factory=list)
    env: dict = attrs.field(default=attrs.Factory(dict))
    names: tuple = attrs.field(default=())
    registry: ClassVar[dict] = {}    # ClassVar: a class attribute by declaration
    name: str = attrs.field(default="x")


@attr.s
class Classic:
    deps = attr.ib(factory=list)
    table: dict = {}                 # attr.s without auto_attribs: a class attribute, not a field


@attrs.define
class Mixed:
    deps = attr.ib(factory=list)     # unannotated attr.ib: annotated names are not fields
    table: dict = {}                 # so this is a class attribute, not a field


Pair = collections.namedtuple("Pair", "a b", defaults=[(), None])   # immutable defaults
Other = collections.namedtuple("Other", "a b", defaults=SHARED_TAGS)   # not a display


def namedtuple(name, fields, defaults=None):
    return name


local = namedtuple("Local", "a", defaults=[[]])   # not collections.namedtuple
