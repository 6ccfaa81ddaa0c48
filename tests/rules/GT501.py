# GT501 next-in-generator: StopIteration from next() inside a generator becomes RuntimeError (PEP 479).
import builtins


def pairs(iterable):
    it = iter(iterable)
    for first in it:
        second = next(it)  # GT501
        yield first, second


def header_then_rows(lines):
    it = iter(lines)
    header = next(it)  # GT501
    for row in it:
        yield dict(zip(header, row))


async def agen(source):
    yield next(source)  # GT501


def yield_from(source):
    yield from [next(source)]  # GT501


def generator_expression_inside(source):
    for _ in range(3):
        yield next(source)  # GT501


def caught_elsewhere(source):
    try:
        value = next(source)  # GT501
    except ValueError:
        value = next(source)  # GT501
    yield value


def builtin_qualified(source):
    yield builtins.next(source)  # GT501


# A default, or a handler for StopIteration (or a base of it).
def with_default(source):
    yield next(source, None)


def handled(source):
    try:
        value = next(source)
    except StopIteration:
        return
    yield value


def handled_tuple(source):
    try:
        yield next(source)
    except (ValueError, StopIteration):
        return


def handled_broadly(source):
    try:
        yield next(source)
    except Exception:
        return


# Not a generator: StopIteration propagates as itself.
def plain(source):
    return next(source)


# The yield belongs to a nested function; the outer one is not a generator.
def outer(source):
    first = next(source)

    def inner():
        yield first
    return inner


# A nested plain function inside a generator is its own frame.
def nested(source):
    def helper():
        return next(source)
    yield helper


# A list comprehension runs in the generator's frame; a generator expression is a generator itself.
def comprehensions(sources):
    firsts = [next(s) for s in sources]  # GT501
    yield firsts


def take(source, n):
    return tuple(next(source) for _ in range(n))  # GT501


# A lambda is a frame of its own.
def lambdas(sources):
    yield [lambda: next(s) for s in sources]


# Someone else's next.
def shadowed(source, next):
    yield next(source)
