import enum
from dataclasses import field


class Color(enum.Enum):
    RED = 1
    BLUE = 2


def tags_field():
    return field(default_factory=list)


def default_color():
    return Color.RED


def origin():
    return (0, 0)


def new_tags():
    return []


def new_table():
    return {}


def relay_tags():
    return new_tags()


def lookup(name):
    return globals().get(name)
