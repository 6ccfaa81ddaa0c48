# GT109 call-in-dataclass-default: a field default made by a call, once, for every instance.
import dataclasses
import datetime
from dataclasses import dataclass, field
from dataclasses import dataclass as dc
from decimal import Decimal
from pathlib import Path
import typing
from typing import ClassVar


class Config:
    pass


@dataclass
class Job:
    config: Config = Config()  # GT109
    created: datetime.datetime = datetime.datetime.now()  # GT109
    owner: "Config" = Config()  # GT109
    name: str = "job"
    tags: list = field(default_factory=list)
    limits: tuple = tuple()
    price: Decimal = Decimal("0")
    root: Path = Path(".")
    when: datetime.timedelta = datetime.timedelta(seconds=5)
    shared: ClassVar[Config] = Config()
    shared_string: "typing_extensions.ClassVar[Config]" = Config()
    lookalike: "ClassVariant" = Config()  # GT109
    not_a_field = Config()

    def enable_debug(self):
        self.config.debug = True


def make_job(owner_name):
    job = Job()
    job.owner.name = owner_name
    Job().lookalike.flag = 1
    return job


@dataclass(frozen=True, slots=True)
class Frozen:
    config: Config = Config()  # GT109
    other: Config = dataclasses.field(default_factory=Config)


def thaw():
    Frozen().config.level = 1


@dc
class Aliased:
    config: Config = Config()  # GT109


def tune_aliased():
    aliased = Aliased()
    aliased.config.level = 2


@dataclasses.dataclass()
class Qualified:
    config: Config = Config()  # not reported: the instances changed below get their own config


def qualified(config):
    built = Qualified(config)
    built.config.level = 3
    return Qualified(config=config)
    spec: int = dataclasses.field(default=3)


# Instances of immutable classes can be shared safely.
@dataclass(frozen=True)
class Point:
    x: int = 0


class Pair(typing.NamedTuple):
    a: int
    b: int


@dataclass
class Shape:
    origin: Point = Point()
    span: Pair = Pair(1, 2)


# Not a dataclass: plain class attributes are GT106's business.
class Plain:
    config: Config = Config()


# Methods and nested classes of a dataclass are not fields.
@dataclass
class WithMethod:
    value: int = 0

    def method(self, config: Config = Config()):
        return config


# Calls whose result is not a new mutable object: an Enum member picked by a helper of this
# module, a member looked up by value, a classmethod helper that returns a field specifier,
# imported classes (nothing is known of them), a stateless class of this module.
import enum
import io
import time
import uuid
from uuid import uuid4
from layout import Whitespace, Symbol


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


def default_color():
    return Color.RED


class Spacing:
    @classmethod
    def field(cls, value):
        return field(default_factory=lambda: cls(value))


class Printer:
    def show(self, value):
        return str(value)


@dataclass
class Style:
    color: Color = default_color()
    other: Color = Color("blue")
    before: Spacing = Spacing.field(" ")
    after: Whitespace = Whitespace.field("")
    var: Symbol = Symbol("x")
    printer: Printer = Printer()
    label: str = str(3)


# Values fixed when the class is created, however they are spelled; and shared buffers.
@dataclass
class Record:
    uid: str = uuid.uuid4().hex  # GT109
    sid: str = str(uuid4())  # GT109
    at: float = field(default=time.time())  # GT109
    expires: float = time.time() + 60  # GT109
    log: io.StringIO = io.StringIO()  # GT109
    plain: float = field(default=0.0)


# ---- attrs fields: containers are GT112's, other calls stay here ----
import attrs


@attrs.define
class Worker:
    pending: list = attrs.field(default=list())   # a container in an attrs field: GT112
    log: io.StringIO = attrs.field(default=io.StringIO())  # GT109
    started: float = time.time()  # GT109
