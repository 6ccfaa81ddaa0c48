_handlers = []


def register(callback):
    callback()


def connect(handler):
    _handlers.append(handler)


def callback(fn, times=1):
    for _ in range(times):
        fn()
    return times


def subscribe(fn):
    return fn
