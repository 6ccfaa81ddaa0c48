# GT101 mutated-default-argument: positives, negatives real code contains, edge cases.
import collections
import heapq
from collections import deque as dq
from typing import Mapping, Sequence

DEFAULT_TAGS = []
SETTINGS = {"debug": False}
SETTINGS["debug"] = True          # still bound once: a shared object


# ---- positives: direct mutations ----
def handle(request, seen=[]):
    seen.append(request)
    return len(seen)


def merge(extra, into={}):
    into.update(extra)


def index(key, value, table={}):
    table[key] = value


def forget(key, table={"a": 1}):   # removing from a non-empty default: the next call sees it
    del table[key]


def grow(items=[]):
    items += [1]


def tag(obj, store=set()):
    store.add(obj)


def label(obj, meta=dict()):
    meta.attr = obj


def enqueue(job, queue=collections.deque()):
    queue.appendleft(job)


def enqueue_alias(job, queue=dq()):
    queue.append(job)


def push(item, heap=[]):
    heapq.heappush(heap, item)


def with_global_default(tag, tags=DEFAULT_TAGS):
    tags.append(tag)


def nested_item(key, groups={}):
    groups.setdefault(key, []).append(key)


def nested_subscript(key, groups={"a": []}):
    groups["a"].append(key)


def read_only_but_mutated(items: Sequence[int] = []):
    items.append(1)


def mutated_in_one_branch(x, acc=[]):
    if x:
        acc = list(acc)
    else:
        acc.append(x)
    return None


def still_shared_when_non_empty(x, acc=[0]):
    acc = acc or []          # a non-empty default is truthy: `or` keeps it
    acc.append(x)


def guarded_by_not_none(x, acc=[]):
    if acc is not None:
        acc.append(x)


def mutated_in_loop(rows, out=[]):
    for row in rows:
        out.extend(row)


def mutated_after_loop_rebinding(rows, out=[]):
    for row in rows:
        if row:
            out = []
    out.append(rows)


def through_alias(x, seen_ids=[]):
    alias = seen_ids
    alias.append(x)


def through_closure(x, calls=[]):
    def record():
        calls.append(x)
    record()


def through_lambda(x, calls=[]):
    add = lambda v: calls.append(v)
    add(x)


def _store(bucket, value):
    bucket.append(value)


def through_helper(value, bucket=[]):
    _store(bucket, value)


def through_helper_keyword(value, bucket=[]):
    _store(value=value, bucket=bucket)


def _relay(bucket, value):
    _store(bucket, value)


def through_two_helpers(value, bucket=[]):
    _relay(bucket, value)


def recursive(n, path=[]):
    if n:
        recursive(n - 1, path)
    path.append(n)


async def async_handler(event, events=[]):
    events.append(event)


def keyword_only(x, *, registry={}):
    registry[x] = True


def positional_only(x, registry={"a": 1}, /):
    registry.clear()


class Handler:
    def handle(self, event, seen={"boot"}):
        seen.discard(event)

    def add(self, event, pending=[]):
        self._push(pending, event)

    def _push(self, queue, event):
        queue.insert(0, event)

    @staticmethod
    def sort_in_place(items=[3, 1, 2]):
        items.sort()


def decorated(fn):
    return fn


@decorated
def with_decorator(x, acc=[1, 2]):
    acc.remove(x)


def walrus(x, acc=[1, 2, 3, 4]):
    if (n := len(acc)) > 3:
        acc.pop()
    return n


def outer():
    def inner(x, acc=[]):
        acc.append(x)
    return inner


in_lambda = lambda x, acc=[]: acc.append(x)


def mutation_in_comprehension(xs, acc=[]):
    return [acc.append(x) for x in xs]


class Keeps:
    def __init__(self, items=[]):
        self.items = items
        self.items.append(0)      # stored, then mutated through the store in the same call


def cell_also_used_whole(x, acc=[0]):
    acc[0] += x
    return list(acc)          # used as a whole too: not a pure cell, the mutation counts


def table_returned_whole(key, value, registry={}):
    if key not in registry:
        registry[key] = value
    return registry           # the whole table leaves: not a memo, the mutation counts


def table_without_lookup(key, value, registry={}):
    registry[key] = value     # stored into, never looked up: the mutation counts


def cell_holding_a_list(x, acc=[[]]):
    acc[0].append(x)          # the cell's item grows: accumulated across calls


def flag_fed_by_the_call(x, pending=[]):
    if pending:               # tested for its truth, but the call's data goes in: accumulates
        return None
    pending.append(x)


def grows_while_truthy(marks=[1]):
    if marks:
        marks.append(1)       # a non-empty list added to on every call: not a flag


def set_of_seen_ids(x, seen=set()):
    if x in seen:             # only a dict can be a memo table: a shared `seen` set is the bug
        return True
    seen.add(x)
    return False


def cell_item_deleted(flag=[1]):
    if flag:
        del flag[0]           # a one-shot flag: the shared list shrinks for every later call


def try_finally(x, log=[]):
    try:
        return x
    finally:
        log.append(x)


def module_settings(debug, options=SETTINGS):
    options["debug"] = debug


# ---- negatives ----
def guarded(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)


def copied(x, acc=[]):
    acc = list(acc)
    acc.append(x)


def copied_dict(k, opts={}):
    opts = dict(opts)
    opts[k] = 1


def rebound_on_every_branch(x, acc=[]):
    if x:
        acc = [x]
    else:
        acc = []
    acc.append(x)


def early_return(x, acc=[]):
    if not x:
        return 0
    acc = acc[:]
    acc.append(x)
    return 1


def intentional_cache(key, _cache={}):
    _cache[key] = key
    return _cache[key]


def memo_cache(n, memo={}):
    memo[n] = n


def results_cache(n, results_cache={}):
    results_cache[n] = n


def read_only(items=[]):
    return sum(items)


def kwargs_unpacking(options={}):
    return dict(**options)


def tuple_default(items=()):
    return list(items)


def shadowed_in_closure(x, acc=[]):
    def inner(acc):
        acc.append(x)
    return inner


def helper_that_reads(bucket, value):
    return value in bucket


def passes_to_reader(value, bucket=[]):
    return helper_that_reads(bucket, value)


def other_object_mutated(x, acc=[]):
    other = []
    other.append(acc)
    return len(other)


def immutable_call_default(x, frozen=frozenset()):
    return x in frozen


def empty_default_replaced_by_or(x, acc=[]):
    acc = acc or []          # the empty default is falsy: `or` always replaces it
    acc.append(x)


def empty_default_replaced_when_falsy(x, acc=[]):
    if not acc:
        acc = [x]
    acc.append(x)


def truthy_branch_is_never_the_empty_default(x, acc=[]):
    if acc:
        acc.append(x)


def unreachable_after_raise(x, acc=[]):
    raise ValueError(x)
    acc.append(x)


# An empty default that is only emptied or reordered stays empty: no call sees another's work
# (GT103 reports the shared default).
def forget_in_empty(key, table={}):
    table.pop(key, None)
    del table[key]


def sort_empty(items=[]):
    items.sort()
    items.reverse()
    heapq.heapify(items)


def discard_from_empty(x, seen=set()):
    seen.discard(x)
    seen -= {x}


def clears_through_helper(pending=[]):
    _clear(pending)


def _clear(queue):
    queue.clear()


# A one-item list used only item by item is a cell kept across calls on purpose (GT103 says so).
def count_calls(calls=[0]):
    calls[0] += 1
    return calls[0]


def line_number(side, numbers=[0, 0]):
    numbers[side] += 1
    return numbers[side]


def progress_bar(position, last=[""]):
    assert len(last) == 1, "keeps the previous bar"
    if last[0] == str(position):
        return ""
    last[0] = str(position)
    return last[0]


def running_total(x, _state=[0.0, 0]):
    _state[0] += x
    _state[1] += 1
    return _state[0] / _state[1]


# An empty dict used only by key and looked up is a memo table filled across calls (GT103).
def offset_zone(minutes, _zones={}):
    zone = _zones.get(minutes)
    if zone is None:
        zone = _zones.setdefault(minutes, object())
    return zone


def visited(node, marks={}):
    if node in marks:
        return True
    marks[node] = True
    return False


# A list only tested for its truth and changed with constants is a "happened before" flag (GT103).
def warn_once(message, _warned=[]):
    if not _warned:
        print(message)
        _warned.append(True)


def skip_first(value, first=[1]):
    if first:
        del first[:]
        return None
    return value


# A lowercase module variable given as the default: the function updates module state by design.
namespace = {}


def register(name, value, into=namespace):
    into[name] = value


# ---- edge cases ----
class Registry:
    HANDLERS = []

    def register(self, handler, handlers=HANDLERS):   # class-level name bound once: shared
        handlers.append(handler)

    def scoped(self, handler, handlers=None):
        handlers = handlers if handlers is not None else []
        handlers.append(handler)


def positional_and_keyword_only(a, b=[], /, c=None, *, d={}):
    b.append(a)
    d.update(c or {})


def mutation_after_nested_def_rebinding(x, acc=[]):
    def acc():
        return None
    acc.attr = x


def while_loop(n, stack=[]):
    while n:
        stack.append(n)
        n -= 1


def match_statement(command, seen=set()):
    match command:
        case "add":
            seen.add(command)
        case _:
            pass


def with_statement(path, lines=[]):
    with open(path) as handle:
        lines.extend(handle)


def del_item(key, table={"a": 1}):
    del table[key]


def attribute_of_nested_item(key, groups={}):
    groups[key].count = 1


# A table filled under a test that it is empty, but also written outside that test: every call
# adds its key, so calls see each other's work.
def names_by_code(code, known={}):
    if not known:
        known.update(BUILTIN_NAMES)
    known[code] = "seen"
    return known[code]


# The emptiness test is of another object: it guards nothing about `found`.
def collect_when_idle(item, queue, found=[]):
    if not queue:
        found.append(item)
    return found


# `len(x) > 0` is true when it is not empty: the write in its body may add to a filled default.
def append_when_filled(item, parts=[]):
    if len(parts) > 0:
        parts.append(item)
    return len(parts)


# Filled only while empty, but from what the call was given: the next call without `default`
# gets the first call's choice.
def pick(choices, default=[]):
    if choices and not default:
        default.append(choices[0])
    return default


# ---- subscripted generic constructors build the same containers ----
def tally_words(text, counts=dict[str, int]()):  # GT101
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def remember_tag(tag, seen=set[str]()):  # GT101
    seen.add(tag)
    return len(seen)


def queue_job(job, pending=collections.OrderedDict[str, int]()):  # GT101
    pending[job] = 1
    return list(pending)


# ---- a nested function's default is made each time the enclosing function runs ----
# Called once there without it (and not in a loop): it serves that call and its recursion only.
def iter_nodes(root):
    def walk(node, seen=[]):
        for child in node.children:
            if child in seen:
                continue
            seen.append(child)
            yield child
            yield from walk(child, seen)
    for node in walk(root):
        yield node


# Called twice without it, in a loop, in a comprehension, or handed out: the calls share it.
def count_twice(a, b):
    def walk(node, seen=[]):  # GT101
        seen.append(node)
        return len(seen)
    return walk(a) + walk(b)


def count_each(roots):
    def walk(node, seen=[]):  # GT101
        seen.append(node)
        return len(seen)
    total = 0
    for r in roots:
        total += walk(r)
    return total


def collect_all(roots):
    def walk(node, seen=[]):  # GT101
        seen.append(node)
        return seen
    return [walk(r) for r in roots]


def make_walker():
    def walk(node, seen=[]):  # GT101
        seen.append(node)
        return seen
    return walk


# A recursion guard: the entry a call adds is removed again in `finally`, so no call leaves
# anything behind for the next one (GT103 says it is shared on purpose).
class Tree:
    def __repr__(self, _repr_running={}):
        key = id(self)
        if key in _repr_running:
            return "..."
        _repr_running[key] = 1
        try:
            return "Tree(%r)" % (self.children,)
        finally:
            del _repr_running[key]

    def walk(self, visit, _active=set()):
        if id(self) in _active:
            return
        try:
            _active.add(id(self))
            for child in self.children:
                child.walk(visit)
        finally:
            _active.discard(id(self))


# Removed in `finally`, but another entry is added outside the guarded block: it stays.
def visit_all(node, seen=set()):  # GT101
    seen.add(node.parent)
    if node in seen:
        return
    seen.add(node)
    try:
        for child in node.children:
            visit_all(child)
    finally:
        seen.discard(node)


# Added after the try whose `finally` removes: the last entry stays for the next call.
def trace(node, path=[]):  # GT101
    try:
        render(path)
    finally:
        path.pop()
    path.append(node)
