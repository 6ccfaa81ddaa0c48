import enum
from dataclasses import dataclass
from typing import NamedTuple


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


class FromCached(Cached):
    pass
