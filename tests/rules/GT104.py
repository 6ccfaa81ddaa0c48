# GT104 call-in-default-argument: a call evaluated once, when `def` runs.
import datetime
import time
import uuid
from uuid import uuid4 as make_id
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
import re
import re as regex
import fastapi
from fastapi import Depends, Query
from fastapi import Path as FPath
import typer
import sqlite3


def connect():
    return sqlite3.connect(":memory:")


def stamp(ts=time.time()):  # GT104
    return ts


def new_id(ident=uuid.uuid4()):  # GT104
    return ident


def aliased(ident=make_id()):  # GT104
    return ident


def today(day=datetime.date.today()):  # GT104
    return day


def handler(conn=connect()):  # GT104
    return conn


async def async_handler(*, conn=connect()):  # GT104
    return conn


def positional_only(a=connect(), /, b=1):  # GT104
    return a, b


class Service:
    def method(self, started=time.monotonic()):  # GT104
        return started


callback = lambda when=time.time(): when  # GT104


def nested_call(value=str(time.time())):  # GT104
    return value


# Mutable calls belong to GT101-GT103, not here.
def mutable_call(items=list(), mapping=dict()):
    return items, mapping


# Immutable calls are evaluated once, and that is fine.
def immutable(a=tuple(), b=frozenset(), c=int("3"), d=str(), e=float("inf"), f=bytes(4)):
    return a, b, c, d, e, f


def numbers(price=Decimal("1.10"), ratio=Fraction(1, 3), root=Path("/tmp")):
    return price, ratio, root


def patterns(word=re.compile(r"\w+"), digit=regex.compile(r"\d")):
    return word, digit


def ranges(r=range(10), b=bool(0), c=complex(1, 2)):
    return r, b, c


# Dependency-injection markers are called at def time on purpose.
def endpoint(db=Depends(connect), q=Query(None), item=FPath(...), other=fastapi.Header(None)):
    return db, q, item, other


def cli(name: str = typer.Option("x"), path: str = typer.Argument(...)):
    return name, path


# Not a call: plain names, attributes and constants.
def plain(a=None, b=time, c=3, d="x", e=(1, 2)):
    return a, b, c, d, e


# Calls inside the body are evaluated per call.
def in_body(ts=None):
    if ts is None:
        ts = time.time()
    return ts


# Calls in a lambda default body are not defaults.
later = lambda: time.time()


# Values that cannot go stale or be shared by mistake: what imported callees return is not known
# (symbols, parser elements, expressions are usually immutable values), builtins that return
# numbers or strings, casts, partials, constants of this module.
import functools
import io
import os
import random
import typing
from typing import Any, Optional, overload
from algebra import Symbol, Rational
from grammar import Suppress


def solve(eq, var=Symbol("x"), step=Rational(1, 2), open_tag=Suppress("<")):
    return eq, var, step, open_tag


def to_int(s, _zero=ord("a") - 1, escape=chr(29), parse=functools.partial(int, base=2)):
    return s, _zero, escape, parse


MISSING = object()


def identity(x: Any = typing.cast(Any, MISSING)):
    return x


def module_dict(g=globals()):
    return g


def sentinel():
    return object()


def marked(value=sentinel()):
    return value


class Mode:
    FAST = "fast"


def default_mode():
    return Mode.FAST


def run(mode=default_mode()):
    return mode


# A class of this module with methods but no state: its one instance is a behaviour, not data.
class Always:
    def __call__(self, *args):
        return True


def filtered(items, keep=Always()):
    return [i for i in items if keep(i)]


# A private parameter (`_name`) is bound once on purpose: the memo idiom.
class Memo:
    def __init__(self):
        self.seen = {}


def fib(n, _memo=Memo()):
    return n


# An @overload signature is a declaration; the implementation's defaults are what run.
@overload
def load(cache: "Memo" = Memo()) -> None: ...
def load(cache=Memo()):  # GT104
    cache.seen["last"] = True
    return cache


# Shared state: objects of this module whose methods store on the instance, empty namespace
# classes, functions of this module that return a new container: reported when visible code
# mutates the shared object. Buffers and stale values are reported as they are.
class Span:
    def __init__(self, low=None):
        self.low = low

    def move(self, low):
        self.low = low

    def describe(self):
        return "span from %s" % self.low


class Settings:
    pass


def pair(left=Span(), right=Span()):  # only read: one shared Span, but nothing changes it
    return left, right


def widen(left=Span(), right=Span()):  # GT104 (left, mutated at the next line)
    left.low = 0
    return left, right


def shift(span=Span()):  # GT104 (a method that changes `self`)
    span.move(3)
    return span


def describe_span(span=Span()):  # a method that only reads `self`
    return span.describe()


def reset_low(span):
    span.low = None


def reset(span=Span()):  # GT104 (a function of this module that changes its argument)
    reset_low(span)
    return span


class Holder:
    def __init__(self, span=Span()):  # GT104 (stored, then changed by another method)
        self.span = span

    def clear(self):
        self.span.low = None


class Scheduler:
    def __init__(self, reason=Span(), owner=Span()):  # stored, only read afterwards
        self.reason = reason
        self.owner = owner

    def text(self):
        return self.reason.describe() + self.owner.describe()


class Bounds:
    def __init__(self, lower=Span(), upper=Span()):  # GT104 (lower: changed on an instance built without it)
        self.lower = lower
        self.upper = upper


def tighten(value):
    bounds = Bounds(upper=Span(value))
    bounds.lower.low = value
    bounds.upper.low = value
    return bounds


def configure(settings=Settings()):  # an empty namespace object, never changed
    return settings


def configure_debug(settings=Settings()):  # GT104
    settings.debug = True
    return settings


def render(out=io.StringIO()):  # GT104
    out.write("x")
    return out.getvalue()


def fresh_bucket():
    bucket = []
    return bucket


def collect(bucket=fresh_bucket()):  # a fresh list from this module, only read
    return bucket


def collect_into(item, bucket=fresh_bucket()):  # GT104
    bucket.append(item)
    return bucket


def current_time():
    return time.time()


def log(msg, when=current_time()):  # GT104
    return msg, when


def tag(ident=uuid.uuid4().hex, home=os.environ.get("HOME"), seed=random.random()):  # GT104
    return ident, home, seed


def stamp_file(name, day=time.strftime("%Y-%m-%d")):  # GT104
    return name, day


def format_at(t, text=time.strftime("%H:%M", time.gmtime(0)), now=time.localtime()):  # GT104
    return t, text, now


# ---- containers built through a subscripted generic are GT101-GT103's, not GT104's ----
def subscripted(seen=set[str](), order=list[int](), table=dict[str, int]()):
    seen.add("x")
    return order, table


# ---- the callee is printed as written, with its parentheses ----
def stamped(ts=(lambda: time.time())()):  # GT104
    return ts


def parenthesised(ts=(time.time)()):  # GT104
    return ts


def identity_call(value=(lambda x: x)(3)):   # the lambda returns its argument: nothing known
    return value


# ---- an immutable type as the annotation: the default is a value ----
def timed(at: float = time.time()):  # GT104 (immutable, but the value of one moment)
    return at


def spanned(span: Optional[Span] = Span()):  # GT104 (Span is this file's mutable class)
    span.move(2)
