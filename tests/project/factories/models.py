from dataclasses import dataclass

from . import helpers
from .helpers import default_color, lookup, new_table, new_tags, origin, relay_tags, tags_field


# negatives: the helper gives a field(...), an Enum member or a tuple

@dataclass
class Item:
    tags: list = tags_field()
    color: object = default_color()
    at: tuple = origin()
    more: list = helpers.tags_field()


def paint(name, color=default_color(), at=origin()):
    return name, color, at


# positives: the helper makes a new container, and the function mutates it

def label(name, tags=new_tags()):
    tags.append(name)
    return tags


def index(key, table=helpers.new_table()):
    table[key] = True


def relayed(name, tags=relay_tags()):
    tags.append(name)


# negatives: a new container only read, or a helper that returns anything

def read_only(name, tags=new_tags()):
    return name in tags


def fresh(key, table=new_table()):
    return table.get(key)


def unknown(key, found=lookup("x")):
    found.append(key)
