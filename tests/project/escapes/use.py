from . import store
from .store import Basket, Bin, Box, Crate, Given, Keyword, Pallet, Sack, get_defaults, get_given, get_registry

# positives: an object the default escaped to is mutated here


def fill():
    Basket().items.append(1)


def pack(label):
    crate = Crate()
    crate.items.append(label)


def label_box():
    box = Box("x")
    box.items[0] = "first"


def enrol(name):
    get_registry()[name] = True


def hook(handler):
    store.HANDLERS.append(handler)


def keyword_only():
    Sack().items.clear()


# negatives: the argument is given, only read, or another attribute is mutated

def given():
    Given([]).items.append(1)
    Keyword(items=[]).items.append(1)
    get_given({})["k"] = 1


def read():
    return len(Bin().items) + len(get_defaults())


def other():
    Pallet().other.append(1)


def hooks():
    return store.HOOKS
