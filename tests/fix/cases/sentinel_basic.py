"""None-sentinel fixes (GT101-GT103) that must keep the layout: run with --unsafe-fixes."""


def _documented(event, log=[]):
    """Record an event.

    The docstring stays the first statement.
    """
    log.append(event)
    return log


def _keyword_only(x, *, registry={}):
    registry[x] = True


def _positional_only(x, registry={}, /):
    registry.clear()


def _both(a, b=[], /, c=None, *, d={}):
    b.append(a)
    d.update(c or {})


def _annotated(x: int, seen: list[int] = []) -> list[int]:
    seen.append(x)
    return seen


async def _async(event, events=[]):
    events.append(event)


class Service:
    def _handle(self, event, pending=[]):
        pending.append(event)

    @staticmethod
    def _sort(items=[]):
        items.sort()


def _outer():
    def _inner(x, acc=[]):
        acc.append(x)
    return _inner


def _multi_line_default(x, table={
    "a": 1,
}):
    table[x] = 2


keep_lambda = lambda x, acc=[]: acc.append(x)
