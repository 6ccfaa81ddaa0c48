"""The same in one file: a class of the module and a function of the module that keep the default."""
REGISTRY = []
SEEN = []


class Box:
    def __init__(self, items):
        self.items = items

    def put(self, item):
        self.items.append(item)


class Shelf:
    def __init__(self, items):
        self.items = items

    def size(self):
        return len(self.items)


def keep(registry):
    global REGISTRY
    REGISTRY = registry


def register(entry):
    REGISTRY.append(entry)


def remember(seen):
    global SEEN
    SEEN = seen


def was_seen(x):
    return x in SEEN


def pack(items=[]):
    box = Box(items)
    box.put(1)
    return box


def setup(registry=[]):
    keep(registry)


def shelve(items=[]):
    return Shelf(items)


def note(seen=[]):
    remember(seen)


CHANNELS = {}


def open_channel(name, listeners):
    CHANNELS[name] = listeners


def listen(name, listener):
    CHANNELS[name].append(listener)


def channel(name, listeners=[]):
    open_channel(name, listeners)
