# GT105 mutated-class-attribute: a mutable class attribute mutated through `self`.
import collections
from collections import defaultdict as dd
from typing import ClassVar


class Registry:
    items = []
    seen = set()
    counts = dd(int)
    index = {}

    def add(self, item):
        self.items.append(item)  # GT105
        self.seen.add(item)  # GT105
        self.counts[item] += 1  # GT105
        self.index[item] = len(self.items)  # GT105


class Queue:
    pending = collections.deque()

    async def push(self, job):
        self.pending.appendleft(job)  # GT105

    def drop(self, key):
        del self.pending[key]


class Annotated:
    tags: list = []

    def tag(self, name):
        self.tags.extend([name])  # GT105


class AugmentedAssignment:
    values = []

    def more(self, extra):
        self.values += extra  # GT105


class OneFindingPerAttribute:
    history = []

    def first(self, event):
        self.history.append(event)  # GT105

    def second(self, event):
        self.history.append(event)


# The instance gets its own object in __init__: no sharing.
class OwnCopy:
    items = []

    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)


# Assigned anywhere in the class through self (not only __init__): counts as owning it.
class LazyCopy:
    cache = {}

    def reset(self):
        self.cache = {}

    def put(self, key, value):
        self.cache[key] = value


# Explicit ClassVar: sharing is declared intent.
class Declared:
    registry: ClassVar[dict] = {}

    def register(self, name, obj):
        self.registry[name] = obj


# Mutated through the class itself: the author knows it is shared.
class Explicit:
    instances = []

    def __init__(self):
        Explicit.instances.append(self)
        type(self).instances.append(self)


# Reached through the class elsewhere too: the sharing is known and wanted.
class KnownRegistry:
    entries = []

    def register(self):
        self.entries.append(self)

    @classmethod
    def reset(cls):
        cls.entries.clear()


# Immutable class attributes, read-only use.
class Reader:
    names = ("a", "b")
    options = {"x": 1}

    def lookup(self, key):
        return self.options.get(key), self.names.index(key)


# `self` that is not the first parameter of a method: not the instance.
class Static:
    items = []

    @staticmethod
    def add(self, item):
        self.items.append(item)

    @classmethod
    def add_cls(cls, item):
        cls.items.append(item)


# A nested function's `self` is still the method's self.
class Nested:
    handlers = []

    def on(self, fn):
        def register():
            self.handlers.append(fn)  # GT105
        register()


# The mutating methods shared with GT101 (src/semantic): OrderedDict, Counter, dunders.
class Lru:
    order = collections.OrderedDict()
    counts = collections.Counter()
    table = {}

    def touch(self, key):
        self.order.move_to_end(key)  # GT105

    def forget(self, other):
        self.counts.subtract(other)  # GT105

    def put(self, key, value):
        self.table.__setitem__(key, value)  # GT105


# ClassVar as a string annotation declares the sharing too (the same test as GT106 and GT109).
class DeclaredInString:
    names: "ClassVar[list]" = []
    other: "typing_extensions.ClassVar[list]" = []
    lookalike: "MyClassVar" = []

    def add(self, x):
        self.names.append(x)
        self.other.append(x)
        self.lookalike.append(x)  # GT105
