class Basket:
    def __init__(self, items=[]):
        self.items = items


class Crate:
    def __init__(self, items=[]):
        self.items = items


class Box:
    def __init__(self, label, items=[]):
        self.label = label
        self.items = items


class Bin:
    def __init__(self, items=[]):
        self.items = items


class Pallet:
    def __init__(self, items=[]):
        self.items = items
        self.other = []


class Sack:
    def __init__(self, *, items=[]):
        self.items = items


class Given:
    def __init__(self, items=[]):
        self.items = items


class Keyword:
    def __init__(self, items=[]):
        self.items = items


def get_registry(registry={}):
    return registry


def get_defaults(defaults={}):
    return defaults


def get_given(table={}):
    return table


def install(handlers=[]):
    global HANDLERS
    HANDLERS = handlers


def install_quiet(hooks=[]):
    global HOOKS
    HOOKS = hooks


HANDLERS = None
HOOKS = None
