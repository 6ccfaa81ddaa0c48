# GT503 stopiteration-in-generator: `raise StopIteration` in a generator becomes RuntimeError (PEP 479).
# Each finding's line ends with `# GT503`; the near misses below say why they are not findings.
import builtins
import contextlib


def read_blocks(stream):
    while True:
        block = stream.read(64)
        if not block:
            raise StopIteration  # GT503
        yield block


def until_sentinel(items, sentinel):
    for item in items:
        if item == sentinel:
            raise StopIteration()  # GT503
        yield item


def with_value(items):
    yield from items
    raise StopIteration(len(items))  # GT503


def value_needs_brackets(items):
    total = yield items
    raise StopIteration((yield total))  # GT503


def value_on_two_lines(first, second):
    yield first
    raise StopIteration(first +  # GT503
                        second)


def with_cause(items, error):
    yield items
    raise StopIteration from error  # GT503


def qualified(items):
    yield items
    raise builtins.StopIteration  # GT503


class Finished(StopIteration):
    pass


class ReallyFinished(Finished):
    pass


def subclass(items):
    for item in items:
        if item is None:
            raise ReallyFinished(item)  # GT503 (no fix: the class may do more)
        yield item


def in_class(self_items):
    class Reader:
        def rows(self):
            for row in self_items:
                if not row:
                    raise StopIteration  # GT503
                yield row
    return Reader


def one_line(items):
    for item in items:
        if item < 0: raise StopIteration  # GT503
        yield item


def in_finally(source):
    try:
        yield next(source, None)
    finally:
        raise StopIteration  # GT503 (no fix: `return` in finally swallows the exception)


def handler_for_other_errors(items):
    try:
        yield items[0]
        raise StopIteration  # GT503
    except (KeyError, IndexError):
        pass


def raised_in_the_handler(items):
    try:
        yield items[0]
    except StopIteration:
        raise StopIteration  # GT503


# Re-raising what `except StopIteration` caught is the same RuntimeError.
def reraise(rows):
    it = iter(rows)
    while True:
        try:
            row = next(it)
        except StopIteration:
            raise  # GT503
        yield row


def reraise_named(rows):
    it = iter(rows)
    while True:
        try:
            row = next(it)
        except StopIteration as stop:
            print("done")
            raise stop  # GT503
        yield row


def reraise_from_tuple(rows, parse):
    it = iter(rows)
    while True:
        try:
            row = parse(next(it))
        except (ValueError, StopIteration):
            raise  # GT503 (no fix: the handler also catches ValueError)
        yield row


# Async generators and coroutines are replaced the same way.
async def async_rows(cursor):
    while True:
        row = await cursor.fetchone()
        if row is None:
            raise StopAsyncIteration  # GT503
        yield row


async def async_with_value(cursor):
    yield await cursor.fetchone()
    raise StopIteration(cursor)  # GT503 (no fix: `return value` is a SyntaxError in an async generator)


class AsyncReader:
    def __aiter__(self):
        return self

    async def __anext__(self):
        row = await self.fetch()
        if row is None:
            raise StopIteration  # GT503 (should be StopAsyncIteration)
        return row

    async def fetch(self):
        return None




# ---- not findings ----

# The iterator protocol: __next__ raises StopIteration to end the iteration.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


# A plain function: its StopIteration reaches the caller as itself.
def first_or_stop(items):
    if not items:
        raise StopIteration
    return items[0]


# Other coroutines: CPython replaces the StopIteration too, but one raised there is mostly a test
# of what an `async with` around it makes of it.
async def coroutine(queue, nursery):
    async with nursery:
        item = await queue.get()
        if item is None:
            raise StopIteration
    return item


# StopAsyncIteration from a coroutine (the __anext__ protocol) is fine.
class AsyncCountdown:
    def __init__(self, n):
        self.n = n

    async def __anext__(self):
        if self.n <= 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


# StopAsyncIteration in a synchronous generator is an ordinary exception.
def sync_gen_with_async_stop(items):
    yield items
    raise StopAsyncIteration


# The yield belongs to a nested function; the raise is in a plain function.
def outer(items):
    def inner():
        yield from items
    if not items:
        raise StopIteration
    return inner


# A nested plain function or lambda inside a generator is a frame of its own.
def nested(items):
    def stop():
        raise StopIteration
    yield stop
    yield lambda: items


# Caught in the same frame: never leaves the generator.
def caught(items):
    for item in items:
        try:
            if item is None:
                raise StopIteration
        except StopIteration:
            break
        yield item


def caught_broadly(items):
    try:
        yield items
        raise StopIteration
    except Exception:
        yield None


# A re-raise around a yield: the StopIteration may be the caller's, thrown in at the yield;
# contextlib.contextmanager hands a StopIteration from the `with` body back this way.
@contextlib.contextmanager
def passes_through():
    try:
        yield
    except StopIteration:
        raise


# Another exception raised in the handler, or a re-raise of another handler's exception.
def converts(rows):
    it = iter(rows)
    try:
        yield next(it)
    except StopIteration:
        raise ValueError("empty")


def other_handler(rows, parse):
    it = iter(rows)
    while True:
        try:
            row = next(it)
        except StopIteration:
            return
        try:
            yield parse(row)
        except ValueError:
            raise


# The raise is in a class body inside the generator, or the name is someone else's.
def shadowed(items, StopIteration):
    yield items
    raise StopIteration


def returns_properly(items):
    yield from items
    return len(items)
