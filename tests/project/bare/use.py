from . import shared
from .shared import GIVEN, INDEX, TRAY, TWICE
from .store import HOOKS, SEEN, Basket, Crate, get_read, get_registry, get_table

# positives: mutations inside expressions


def enrol(name):
    return get_registry().setdefault(name, [])


def log(item):
    print(Basket().items.append(item))


def merge(extra):
    (table := get_table()).update(extra)
    return table


def stacked(item):
    return [Crate().items.append(item)]


# positives: names imported bare when the mutation runs, and module-level names bound to a call


def hook(handler):
    from .store import HANDLERS
    HANDLERS.append(handler)


def extend(handler):
    from .store import EXTRA
    EXTRA += [handler]


def put(key, value):
    from .store import TABLE
    TABLE[key] = value


def index(key):
    INDEX[key] = True


def tray(item):
    TRAY.items.append(item)


def jar(item):
    shared.JAR.items.append(item)


# negatives: bound when this module was imported (before `global` rebinds it), a copy the
# package made when it re-exported the name, only read, the argument given, a name bound twice,
# an annotation without a value


def stale(handler):
    HOOKS.append(handler)


def relay(handler):
    from . import RELAYED
    from bare import RELAYED as AGAIN
    RELAYED.append(handler)
    AGAIN.append(handler)


def read(key):
    return key in SEEN or key in get_read()


def given(key):
    GIVEN[key] = True
    TWICE[key] = True


def annotated(key):
    get_read()[key]: int
