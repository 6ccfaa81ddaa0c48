import atexit

from . import registry


def setup(names):
    for name in names:
        registry.register(lambda: print(name))
    for name in names:
        registry.callback(lambda: print(name), times=2)


def wire(names):
    for name in names:
        registry.connect(lambda: print(name))
    for name in names:
        registry.subscribe(lambda: print(name))
    for name in names:
        atexit.register(lambda: print(name))
