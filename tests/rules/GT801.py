# GT801 slots-conflict: a __slots__ name that is also a class variable raises ValueError at import.
class Point:
    __slots__ = ("x", "y")
    x = 0  # GT801


class Listed:
    __slots__ = ["name", "size"]
    name: str = ""  # GT801
    size = property(lambda self: 1)  # GT801


class Single:
    __slots__ = "value"

    def value(self):  # GT801
        return 1


class Mapping:
    __slots__ = {"a": "doc of a", "b": "doc of b"}

    class a:  # GT801
        pass


class Annotated:
    __slots__: tuple = ("flag",)
    flag = False  # GT801


# Annotations without a value make no class variable.
class OnlyAnnotated:
    __slots__ = ("x", "y")
    x: int
    y: int

    def __init__(self):
        self.x = 0
        self.y = 0


# A class variable that is not a slot, and slots that are only instance attributes.
class Fine:
    __slots__ = ("a", "b")
    default_a = 1

    def __init__(self, a):
        self.a = a


# The same name in a method body is a local.
class Local:
    __slots__ = ("z",)

    def method(self):
        z = 1
        return z


# __slots__ through a module constant bound once.
NAMES = ("p", "q")


class Computed:
    __slots__ = NAMES
    p = 1  # GT801


class Tricky:
    __slots__ = ("t",)
    t, u = 1, 2  # GT801
    for v in range(1):
        pass
    if True:
        import os as t


# `__dict__` and `__weakref__` in __slots__ are never checked against the namespace.
class WithDict:
    __slots__ = ("__dict__", "__weakref__", "w")
    __dict__ = None


# A binding that never runs: the class variable is only seen by type checkers.
from typing import TYPE_CHECKING


class Checked:
    __slots__ = ("c", "d")
    if TYPE_CHECKING:
        c: int = 0
    if not TYPE_CHECKING:
        pass
    else:
        d = 1


if TYPE_CHECKING:
    class OnlyForCheckers:
        __slots__ = ("e",)
        e = 0


# ...but the branch that runs still conflicts.
class RunsAnyway:
    __slots__ = ("f",)
    if not TYPE_CHECKING:
        f = 0  # GT801


# A custom metaclass builds the namespace and may drop the names before type.__new__.
class DropsDefaults(type):
    def __new__(mcs, name, bases, ns):
        for slot in ns.get("__slots__", ()):
            ns.pop(slot, None)
        return super().__new__(mcs, name, bases, ns)


class Model(metaclass=DropsDefaults):
    __slots__ = ("g",)
    g = 0


class SubModel(Model):
    __slots__ = ("h",)
    h = 0


# type and ABCMeta do not touch the namespace.
import abc


class Abstract(metaclass=abc.ABCMeta):
    __slots__ = ("i",)
    i = 0  # GT801


# The ValueError is what the test expects.
import unittest


class SlotsTest(unittest.TestCase):
    def test_conflict(self):
        with self.assertRaises(ValueError):
            class Conflicting:
                __slots__ = ("j",)
                j = None
