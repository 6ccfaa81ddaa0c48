from .grown import *
from .relay import keep, relay
from .unknown import *

# positives: names the grown `__all__` lists; with an `__all__` grown by something unknown, every
# public name


def use_first(seen=[]):
    first(seen)


def use_second(seen=[]):
    second(seen)


def use_third(seen=[]):
    third(seen)


def use_fourth(seen=[]):
    _fourth(seen)


def use_public(seen=[]):
    public(seen)


def use_relay(seen=[]):
    relay(seen)


# negatives: not exported (the name is not a star import's, the call resolves nowhere)


def use_hidden(seen=[]):
    hidden(seen)


def use_private(seen=[]):
    _private(seen)


def use_keep(seen=[]):
    keep(seen)
