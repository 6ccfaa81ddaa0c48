# GT111 cache-on-method: lru_cache/cache on a method keeps every `self` alive in the cache.
import functools
import functools as ft
from functools import cache, lru_cache
from functools import lru_cache as memoize


class Service:
    @functools.lru_cache(maxsize=None)  # GT111
    def lookup(self, key):
        return key

    # Bounded caches (a bare `lru_cache` keeps 128 entries) hold at most that many instances.
    @functools.lru_cache
    def plain(self, key):
        return key

    @cache  # GT111
    def cached(self, key):
        return key

    @lru_cache()
    def called(self, key):
        return key

    @ft.cache  # GT111
    async def fetch(self, key):
        return key

    @memoize(maxsize=32)
    def aliased(self, key):
        return key

    @memoize(None)  # GT111
    def unbounded(self, key):
        return key

    @ft.lru_cache(maxsize=None, typed=True)  # GT111
    def typed(self, key):
        return key

    @property
    @functools.cache  # GT111
    def value(self):
        return 1

    # Bound to the class or to nothing: no instance in the cache key.
    @staticmethod
    @functools.lru_cache
    def static(key):
        return key

    @classmethod
    @functools.cache
    def from_config(cls, key):
        return cls()

    @functools.cached_property
    def per_instance(self):
        return 2

    def nested(self):
        @functools.lru_cache
        def inner(key):
            return key
        return inner


# Module-level functions are the intended use.
@functools.lru_cache(maxsize=128)
def module_function(key):
    return key


class Other:
    def lru_cache(self, fn):
        return fn


other = Other()


class UsesOther:
    @other.lru_cache
    def method(self):
        return 3


# Instances that live anyway: Enum members, and the one instance the class's module creates.
import enum


class Level(enum.Enum):
    LOW = 1
    HIGH = 2

    @functools.cache
    def label(self):
        return self.name.lower()


class Registry:
    def __init__(self):
        self.models = {}

    @functools.lru_cache(maxsize=None)
    def lookup(self, name):
        return self.models[name]


registry = Registry()
