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


# A fresh iterator used once is the "first element" idiom: its emptiness is a precondition,
# as for `xs[0]`.
def first_elements(groups, table):
    for group in groups:
        yield next(iter(group))
        yield next(reversed(group))
        yield next(iter(table.values()))
        yield next(g for g in group if g)
        yield next(make_iterator(group))


def make_iterator(group):
    return iter(group)


# Iterators that never end.
import itertools
from itertools import count, cycle, repeat


def numbered(items):
    counter = count()
    colors = cycle(["red", "blue"])
    for item in items:
        yield next(counter), next(colors), item


def chained(items):
    def labels(first):
        return itertools.chain([first], repeat("or"))
    prefix = labels("either")
    for item in items:
        yield next(prefix), item


class Numberer:
    def __init__(self):
        self.ids = itertools.count(1)

    def number(self, items):
        for item in items:
            yield next(self.ids), item


_serials = itertools.count(1)


def module_counter(items):
    for item in items:
        yield next(_serials), next(itertools.cycle("xy")), item


class Labeller:
    _ticket = itertools.count()
    marks: "itertools.repeat[str]" = repeat("*")

    def label(self, items):
        for item in items:
            yield next(self._ticket), next(Labeller.marks), item


def wrapped_infinite(items):
    ids = iter(count())
    pairs = zip(count(), cycle("ab"))
    names = map("n{}".format, count())
    numbered_marks = enumerate(repeat("-"), 1)
    for item in items:
        yield next(ids), next(pairs), next(names), next(numbered_marks), item


def wrapped_finite(items, other):
    pairs = zip(count(), other)
    marks = enumerate(other)
    calls = iter(other.pop, None)
    for item in items:
        yield next(pairs), item  # GT501
        yield next(marks), item  # GT501
        yield next(calls), item  # GT501


class Relabeller:
    _ticket = itertools.count()

    def reset(self, source):
        self._ticket = iter(source)

    def label(self, items):
        for item in items:
            yield next(self._ticket), item  # GT501


def finite_repeat(items):
    three = repeat("x", 3)
    for item in items:
        yield next(three), item  # GT501


class Stepper:
    def __init__(self, source):
        self.source = iter(source)

    def steps(self):
        while True:
            yield next(self.source)  # GT501


# The collection was tested non-empty before the first step.
def header_after_check(lines):
    if not lines:
        return
    it = iter(lines)
    header = next(it)
    second = next(it)  # GT501
    yield header, second


def inside_check(rows):
    it = iter(rows)
    if rows:
        yield next(it)


def length_checked(keys):
    it = iter(keys)
    if len(keys) == 1 and next(it) >= 0:
        yield keys


def checked_other_collection(lines, other):
    if not other:
        return
    it = iter(lines)
    yield next(it)  # GT501
