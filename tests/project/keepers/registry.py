"""Functions that receive callbacks: some call them at once, some keep them."""
_handlers = []


def register(callback):
    callback()


def submit(job):
    job()
    return None


def connect(handler):
    _handlers.append(handler)


def bind(fn):
    fn()
    _handlers.append(fn)
