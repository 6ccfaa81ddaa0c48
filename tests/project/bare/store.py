class Basket:
    def __init__(self, items=[]):
        self.items = items


class Crate:
    def __init__(self, items=[]):
        self.items = items


class Tray:
    def __init__(self, items=[]):
        self.items = items


class Jar:
    def __init__(self, items=[]):
        self.items = items


def get_registry(registry={}):
    return registry


def get_table(table={}):
    return table


def get_index(index={}):
    return index


def get_given(given={}):
    return given


def get_twice(twice={}):
    return twice


def get_read(read={}):
    return read


def install(handlers=[]):
    global HANDLERS
    HANDLERS = handlers


def install_extra(extra=[]):
    global EXTRA
    EXTRA = extra


def install_table(table={}):
    global TABLE
    TABLE = table


def install_relayed(relayed=[]):
    global RELAYED
    RELAYED = relayed


def install_stale(hooks=[]):
    global HOOKS
    HOOKS = hooks


def install_read(seen=[]):
    global SEEN
    SEEN = seen


HANDLERS = EXTRA = TABLE = RELAYED = HOOKS = SEEN = None
