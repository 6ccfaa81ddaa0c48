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


def connect():
    return object()


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
