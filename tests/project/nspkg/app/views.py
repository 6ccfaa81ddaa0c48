from app.extra.mod import fill
from ns import helpers
from ns.helpers import look, remember
from ns.relay import relay
from ns.sub.store import Basket
from lib.tool import scrub


# positives: the callee is in a namespace package (or a namespace folder of a regular package)

def track(req, seen=[]):
    remember(req, seen)


def through_module(req, seen=[]):
    helpers.remember(req, seen)


def through_relay(req, seen=[]):
    relay(req, seen)


def kept(req, items=[]):
    return Basket(items)


def filled(table={}):
    fill(table)


# negatives: the callee only reads; a namespace whose folder is not above this file
# (`vendor/` is not on the path here)

def peek(req, seen=[]):
    return look(req, seen)


def vendored(seen=[]):
    scrub(seen)
