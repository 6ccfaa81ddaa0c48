"""Classes and functions that keep what they are given: some mutate it later, some do not."""
HANDLERS = []
TABLE = {}
OTHER = []


class Basket:
    def __init__(self, items):
        self.items = items

    def add(self, item):
        self.items.append(item)


class Copying:
    def __init__(self, items):
        self.items = list(items)

    def add(self, item):
        self.items.append(item)


class Resetting:
    def __init__(self, items):
        self.items = items

    def add(self, item):
        self.items = []
        self.items.append(item)


class Reader:
    def __init__(self, items):
        self.items = items

    def count(self):
        return len(self.items)


class Fallback:
    def __init__(self, items):
        self.items = items or []

    def add(self, item):
        self.items.append(item)


class Base:
    def add(self, item):
        self.items.append(item)


class Derived(Base):
    def __init__(self, items):
        self.items = items


class Sub(Reader):
    def add(self, item):
        self.items.append(item)


class StoresThenMutates:
    def __init__(self, items):
        self.items = items
        self.items.append("first")


class ClearsOldThenStores:
    def __init__(self, items):
        self.items = []
        self.items.clear()
        self.other = items


def install(handlers):
    global HANDLERS
    HANDLERS = handlers


def hook(handler):
    HANDLERS.append(handler)


def install_table(table):
    global TABLE
    TABLE = table


def lookup(key):
    return TABLE.get(key)


def install_other(other):
    global OTHER
    OTHER = other


class Guarded:
    def __init__(self, items=None):
        if items:
            self.items = items
        else:
            self.items = []

    def add(self, item):
        self.items.append(item)


class GuardedElse:
    def __init__(self, items=None):
        if not items:
            self.items = []
        else:
            self.items = items

    def add(self, item):
        self.items.append(item)


class NoneGuard:
    def __init__(self, items=None):
        if items is not None:
            self.items = items
        else:
            self.items = []

    def add(self, item):
        self.items.append(item)


HOOKS = []


def install_hooks(hooks):
    global HOOKS
    HOOKS = hooks


def reset_hooks():
    global HOOKS
    HOOKS = []
    HOOKS.append(print)


class CopiedLater:
    def __init__(self, items):
        self.items = items
        self.items = list(self.items)

    def add(self, item):
        self.items.append(item)


ROUTES = {}
ROSTER = []


def route(path, handlers):
    ROUTES[path] = handlers


def add_route_handler(path, handler):
    ROUTES[path].append(handler)


def enlist(team):
    ROSTER.append(team)


def roster_size():
    return len(ROSTER)
