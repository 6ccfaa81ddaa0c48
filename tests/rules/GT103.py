# GT103 mutable-default-argument: shared defaults that are neither mutated nor escaping.
import builtins
import collections
from array import array
from collections import abc
from collections import OrderedDict as OD
from typing import Annotated, Mapping, Optional, Sequence, Set

LIMITS = {"max": 10}
NAMES = ("a", "b")
TWICE = []
TWICE = []


# ---- positives ----
def render(template, context={}):
    return template.format(**context)


def total(values=[]):
    return sum(values)


def has(x, known=set()):
    return x in known


def ordered(pairs=OD()):
    return list(pairs)


def counter(words=collections.Counter()):
    return words.most_common(1)


def buffer(data=bytearray()):
    return len(data)


def numbers(a=array("i")):
    return len(a)


def comprehension_default(xs=[x for x in range(3)]):
    return len(xs)


def dict_comprehension_default(m={k: 1 for k in "ab"}):
    return len(m)


def keyword_only(*, flags=[]):
    return bool(flags)


def positional_only(flags=[], /):
    return bool(flags)


class Config:
    def get(self, key, defaults={}):
        return defaults.get(key)

    @classmethod
    def build(cls, parts=[]):
        return cls()


unused = lambda opts={}: 0


async def fetch(url, headers={}):
    return url


def outer():
    def inner(acc=[]):
        return len(acc)
    return inner


def rebinds_in_one_branch_only(x, acc=[]):
    if x:
        acc = []
    return len(acc)


def shadowed_by_closure_param(items=[]):
    def f(items):
        items.append(1)
    return f


def kwargs_passthrough(f, options={}):
    return f(**options)


# Escapes that no visible code mutates: shared, not a confirmed leak (the message says where).
class Certificate:
    def __init__(self, extensions=[]):
        self._extensions = extensions

    def extensions(self):
        return list(self._extensions)


def handed_out(headers={}):
    return headers


def only_emptied(key, seen={}):
    seen.pop(key, None)        # an empty default stays empty


def tally(hits=[0]):
    hits[0] += 1               # a one-item cell kept across calls
    return hits[0]


# ---- negatives ----
# A module-level name as the default is one object the module names and shares anyway: not
# reported unless the function mutates a constant (GT101) or a store of it is mutated (GT102).
def module_level_mutable(limit, limits=LIMITS):
    return limits["max"] > limit


def annotated_sequence(items: Sequence[int] = []):
    return sum(items)


def annotated_mapping(context: Mapping[str, str] = {}):
    return dict(context)


def annotated_optional(context: Optional[Mapping[str, str]] = {}):
    return len(context)


def annotated_pipe(items: Sequence[int] | None = []):
    return len(items or ())


def tuple_default(values=()):
    return sum(values)


def frozenset_default(values=frozenset()):
    return values


def module_tuple(names=NAMES):
    return names


def module_rebound(names=TWICE):
    return len(names)


def intentional_memo(n, _memo={}):
    return _memo.get(n)


def none_default(items=None):
    return items or []


def string_default(sep=","):
    return sep


# ---- edge cases ----
class Defaults:
    OPTIONS = {}

    def get(self, key, options=OPTIONS):   # class-level name bound once: read only, not reported
        return options.get(key)


def copied_before_use(items=[]):
    items = list(items)
    items.append(1)
    return len(items)


# ---- lazily built tables: filled only while empty, then only read (not GT101) ----
def colour_name(rgb, table={}):
    if not table:
        for name, value in PALETTE.items():
            if value in table:
                name = table[value] + "/" + name
            table[value] = name
    return table.get(rgb)


def unit_factor(unit, factors={}):
    if len(factors) == 0:
        factors.update(UNIT_TABLE)
    return factors[unit]


def keyword_set(word, words=set()):
    if words == set():
        words.update(KEYWORDS)
    return word in words


def opcode_of(name, opcodes={}):
    if opcodes:
        pass
    else:
        load_opcodes(opcodes)
    return opcodes[name]


def load_opcodes(into):
    into.update(OPCODES)


def lookup_ready(key, ready=True, loaded={}):
    if not loaded and ready:
        loaded.update(SOURCE)
    return loaded.get(key)


class Colour:
    def name(self, table={}):   # filled from module data only, never from `self`
        if not table:
            for key, value in PALETTE.items():
                table[value] = key
        return table.get(self)


# ---- subscripted generic constructors ----
def ids_of(rows, known=list[int]()):  # GT103
    return [r for r in rows if r not in known]


def weights_of(names, table=OD[str, float]()):  # GT103
    return [table.get(n, 1.0) for n in names]


def through_builtins(keys, table=builtins.dict()):  # GT103
    return [table.get(k) for k in keys]


# ---- read-only annotations: Annotated and collections.abc.Set (not typing.Set) ----
def chosen(names: Annotated[Sequence[str], "doc"] = []):
    return list(names)


def allowed(name, choices: abc.Set = set()):
    return name in choices


def allowed_too(name, choices: "collections.abc.Set[str]" = set()):
    return name in choices


def mutable_set_hint(name, choices: Set[str] = set()):  # GT103
    return name in choices


def annotated_list(names: Annotated[list[str], "doc"] = []):  # GT103
    return list(names)


# A recursion guard (not GT101: every entry is removed again in `finally`), still a shared default.
def render(node, _running={}):  # GT103
    if id(node) in _running:
        return "..."
    _running[id(node)] = True
    try:
        return [render(child) for child in node.children]
    finally:
        del _running[id(node)]
