"""Classes and helpers of another module: instances with state, values, descriptors, classes that may
hand out an existing instance, helpers that return an Enum member, a field(...) or a container."""
import enum
from dataclasses import dataclass, field
from typing import NamedTuple

import attrs


class Options:
    def __init__(self):
        self.flags = []


class Settings(Options):
    pass


def make_options():
    return Options()


class Color(enum.Enum):
    RED = 1


class Point(NamedTuple):
    x: int = 0


@dataclass(frozen=True)
class Frozen:
    name: str = ""


@attrs.frozen
class AttrsFrozen:
    name: str = ""


class Pair(tuple):
    pass


class Lazy:
    def __get__(self, obj, owner):
        return self


class Meta(type):
    pass


class Single(metaclass=Meta):
    pass


class Cached:
    def __new__(cls):
        return super().__new__(cls)


def default_color():
    return Color.RED


def tags_field():
    return field(default_factory=list)


def new_tags():
    return []
