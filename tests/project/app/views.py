from . import helpers
from app import remember as remember_again
from .config import DEFAULT_HEADERS, DEFAULT_LIMITS, DEFAULT_TAGS, SENTINEL, registry
from .helpers import by_keyword, copy_then, lazily, look, relay, remember
from .star import relay as star_relay


# positives: GT101 decided by another module

def build(extra, headers=DEFAULT_HEADERS):
    headers.update(extra)
    return headers


def tag(name, tags=DEFAULT_TAGS):
    remember(name, tags)


def track(req, seen=[]):
    remember(req, seen)
    return len(seen)


def through_module(req, seen=[]):
    helpers.remember(req, seen)


def through_package(req, seen=[]):
    remember_again(req, seen)


def through_chain(req, seen=[]):
    relay(req, seen)


def through_star(req, seen=[]):
    star_relay(req, seen)


def through_fallback(req, seen=[]):
    lazily(req, seen)


def through_keyword(req, table={}):
    by_keyword(req, into=table)


# negatives: the other module only reads, copies first, or the default is no container

def limits(extra, limits=DEFAULT_LIMITS):
    return limits + extra


def peek(req, seen=[]):
    return look(req, seen)


def copied(req, seen=[]):
    return copy_then(req, seen)


def module_state(req, into=registry):
    into.append(req)


def marker(req, default=SENTINEL):
    return default


def unknown(req, seen=[]):
    import json
    json.dumps(seen)


def suppressed(req, seen=[]):  # noqa: GT101, GT103
    remember(req, seen)
