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


# Caches by name (cache-names pattern, any case, camelCase too): sharing is the point.
class Parser:
    lookupCache = {}
    _memo_table = {}

    def parse(self, text):
        self.lookupCache[text] = len(text)
        self._memo_table[text] = text


# A memo keyed by its input: looked up, then stored under the same key in that function.
class Recognizer:
    token_map = {}
    names = {}

    def token_types(self, tokens):
        result = self.token_map.get(tokens)
        if result is None:
            result = dict.fromkeys(tokens)
            self.token_map[tokens] = result
        return result

    def register(self, kind):
        if kind.name not in self.names:
            self.names[kind.name] = kind()


# Once per key for all instances: a set filled after a membership test of the same key.
class Directive:
    seen_docs = set()

    def run(self, doc):
        if doc not in self.seen_docs:
            self.seen_docs.add(doc)


# A lookup of another key does not make a memo.
class NotAMemo:
    totals = {}

    def add(self, key, other, value):
        if other in self.totals:
            return
        self.totals[key] = value  # GT105


# `cls` in __new__, __init_subclass__ and metaclass methods is a class, not an instance.
class Interned:
    pool = {}

    def __new__(cls, value):
        cls.pool.setdefault(value, value)
        return super().__new__(cls)

    def __init_subclass__(cls, **kwargs):
        cls.pool.clear()


class Meta(type):
    registry = []

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        cls.registry.append(name)


# A base class of the same module gives each instance its own list.
class Base:
    def __init__(self):
        self.events = []


class Child(Base):
    events = []

    def record(self, event):
        self.events.append(event)


# A class defined in a function: a new class, and a new list, per call.
def make_handler():
    class Handler:
        calls = []

        def __call__(self, arg):
            self.calls.append(arg)

    return Handler()


# A private class instantiated once at module level is a singleton.
class _Evaluator:
    substitutions = {}

    def put(self, key, value):
        self.substitutions[key] = value


_evaluator = _Evaluator()


# ...but a public one, or one instantiated twice, is not.
class Evaluator:
    substitutions = {}

    def put(self, key, value):
        self.substitutions[key] = value  # GT105


evaluator = Evaluator()


class _Twice:
    seen = set()

    def see(self, item):
        self.seen.add(item)  # GT105


_first, _second = _Twice(), _Twice()


class _Table:
    rows = {}

    @staticmethod
    def parse(text):
        return text.split()

    def put(self, key, value):
        self.rows[key] = _Table.parse(value)


_table = _Table()


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


# A registry of instances: each one stores under its own key (itself, `id(self)`, a per-instance
# attribute), so the sharing is the point; removals are the registry's upkeep.
class Channel:
    waiters = {}
    open_channels = []
    watchers = {}

    def __init__(self, topic):
        self.topic = topic

    def subscribe(self, timeout):
        self.waiters.setdefault(self.topic, []).append(timeout)
        self.open_channels.append(self)

    def watch(self, callback):
        self.watchers[id(self)] = callback

    def close(self):
        self.open_channels.remove(self)
        self.waiters.pop(self.topic, None)


# A table filled from constants and module globals: the same content for every instance.
import string


class CharTable:
    kinds = {}
    punctuation = ".,;"

    def build(self):
        def note(chars, kind):
            for ch in chars:
                self.kinds[ch] = kind
        note(string.digits, "digit")
        note(self.punctuation, "punct")


# Filled only while empty, from class constants: every instance would put the same in it.
class Palette:
    _by_lower = {}
    colours = {"Red": 1, "Blue": 2}

    def __init__(self, scheme):
        if not self._by_lower:
            for name, code in self.colours.items():
                self._by_lower[name.lower()] = code
        self.scheme = scheme


# ...but the real look-alikes are still shared state: a key that is a class constant,
class Slot:
    kind = "slot"
    values = {}

    def put(self, value):
        self.values[self.kind] = value  # GT105


# filled while empty from the call's arguments (the first instance wins for all),
class FirstWins:
    defaults = {}

    def __init__(self, options):
        if not self.defaults:
            for key, value in options.items():
                self.defaults[key] = value  # GT105


# filled from per-instance state, even without arguments,
class Snapshot:
    latest = {}

    def __init__(self):
        self.state = object()

    def save(self):
        self.latest["state"] = self.state  # GT105


# a constant appended on every call (grows with every instance),
class Greeter:
    greetings = []

    def greet(self):
        self.greetings.append("hello")  # GT105


# a local computed before the fill from the instance,
class Prefixed:
    names = {}

    def __init__(self, prefix):
        self.prefix = prefix

    def fill(self):
        start = self.prefix
        if not self.names:
            self.names[start] = 1  # GT105


# and a nested function handed out as a callback: its arguments come from elsewhere.
class Hooks:
    seen = {}

    def install(self):
        def on_event(name):
            self.seen[name] = True  # GT105
        return on_event


# A table only pruned, by name, from what every instance would see the same: the same for all.
import sys


class Codecs:
    supported = {"utf-8": 1, "latin-1": 2, "mbcs": 3}

    def check(self):
        for name in list(self.supported):
            if not hasattr(sys, "getwindowsversion") and name == "mbcs":
                del self.supported[name]


# ...but pruned from the call's arguments, or drained item by item, it is shared state.
class Pending:
    jobs = {"a": 1, "b": 2}
    order = [1, 2, 3]

    def finish(self, job):
        self.jobs.pop(job)  # GT105

    def next(self):
        return self.order.pop()  # GT105


# A NamedTuple's annotated names are fields: the shared list is a field default (GT112), and the
# class attribute is the field's getter. Its unannotated names are class attributes.
import typing


class Entry(typing.NamedTuple):
    notes: list = []
    CHANGES = []

    def note(self, text):
        self.notes.append(text)   # GT112 reports the default at its line

    def record(self, text):
        self.CHANGES.append(text)  # GT105
