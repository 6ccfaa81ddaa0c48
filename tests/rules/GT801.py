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
