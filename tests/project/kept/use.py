from . import store
from .store import (Basket, ClearsOldThenStores, CopiedLater, Copying, Derived, Fallback, Guarded, GuardedElse, NoneGuard,
                    Reader, Resetting, StoresThenMutates, enlist, install, install_hooks, install_other, install_table, route)


# positives: the default is kept in `self.items` or a global, and code of the project mutates it there

def track(req, items=[]):
    b = Basket(items)
    b.add(req)


def make(items=[]):
    return Basket(items)


def by_keyword(items=[]):
    return Basket(items=items)


def via_module(items=[]):
    return store.Basket(items)


def inherited(items=[]):
    return Derived(items)


def stores_then_mutates(items=[]):
    return StoresThenMutates(items)


def setup(handlers=[]):
    install(handlers)


def setup_other(extra=[]):
    install_other(extra)


def setup_route(path, handlers=[]):
    route(path, handlers)


def none_guard(items=[]):
    return NoneGuard(items)


# negatives: copied, replaced before the mutation, replaced when empty, only read, mutated only by a
# subclass (never this instance), a global nobody mutates, another attribute mutated

def copying(items=[]):
    return Copying(items)


def resetting(items=[]):
    return Resetting(items)


def fallback(items=[]):
    return Fallback(items)


def reading(items=[]):
    return Reader(items)


def setup_table(table={}):
    install_table(table)


def other_attribute(items=[]):
    return ClearsOldThenStores(items)


def guarded(items=[]):
    return Guarded(items)


def guarded_else(items=[]):
    return GuardedElse(items)


def setup_hooks(hooks=[]):
    install_hooks(hooks)


def copied_later(items=[]):
    return CopiedLater(items)


def join(team=[]):
    enlist(team)
