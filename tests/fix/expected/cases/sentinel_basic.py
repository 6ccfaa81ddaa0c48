"""None-sentinel fixes (GT101-GT103) that must keep the layout: run with --unsafe-fixes."""


def _documented(event, log=None):
    """Record an event.

    The docstring stays the first statement.
    """
    if log is None:
        log = []
    log.append(event)
    return log


def _keyword_only(x, *, registry=None):
    if registry is None:
        registry = {}
    registry[x] = True


def _positional_only(x, registry=None, /):
    if registry is None:
        registry = {}
    registry.clear()


def _both(a, b=None, /, c=None, *, d=None):
    if b is None:
        b = []
    if d is None:
        d = {}
    b.append(a)
    d.update(c or {})


def _annotated(x: int, seen: list[int] | None = None) -> list[int]:
    if seen is None:
        seen = []
    seen.append(x)
    return seen


async def _async(event, events=None):
    if events is None:
        events = []
    events.append(event)


class Service:
    def _handle(self, event, pending=None):
        if pending is None:
            pending = []
        pending.append(event)

    @staticmethod
    def _sort(items=None):
        if items is None:
            items = []
        items.sort()


def _outer():
    def _inner(x, acc=None):
        if acc is None:
            acc = []
        acc.append(x)
    return _inner


def _multi_line_default(x, table=None):
    if table is None:
        table = {
            "a": 1,
        }
    table[x] = 2


keep_lambda = lambda x, acc=[]: acc.append(x)
