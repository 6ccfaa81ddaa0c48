from . import registry


# positives: one of the keeping calls keeps the closure (the first one calls it at once)

def first_calls_second_keeps(names):
    for name in names:
        f = lambda: print(name)
        registry.register(f)
        registry.connect(f)


def first_calls_second_binds(names):
    for name in names:
        def handler():
            print(name)
        registry.submit(handler)
        registry.bind(handler)


def keeps_first(names):
    for name in names:
        f = lambda: print(name)
        registry.connect(f)
        registry.register(f)


def calls_then_stores(names, out):
    for name in names:
        f = lambda: print(name)
        registry.register(f)
        out.append(f)


def third_keeps(names):
    for name in names:
        f = lambda: print(name)
        registry.register(f)
        registry.submit(f)
        registry.connect(f)


# negatives: every keeping call calls it at once and keeps it nowhere

def all_call_at_once(names):
    for name in names:
        f = lambda: print(name)
        registry.register(f)
        registry.submit(f)
        f()


def def_called_at_once(names):
    for name in names:
        def handler():
            print(name)
        registry.register(handler)
        registry.submit(handler)


def one_call_at_once(names):
    for name in names:
        registry.register(lambda: print(name))
