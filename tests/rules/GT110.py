# GT110 fromkeys-shared-value: every key of dict.fromkeys shares one value object.
import collections
from collections import OrderedDict

KEYS = ["a", "b"]

groups = dict.fromkeys(KEYS, [])  # GT110
index = dict.fromkeys(KEYS, {})  # GT110
seen = dict.fromkeys(KEYS, set())  # GT110
queues = dict.fromkeys(KEYS, collections.deque())  # GT110
ordered = OrderedDict.fromkeys(KEYS, [])  # GT110
built = dict.fromkeys(KEYS, list())  # GT110
comp = dict.fromkeys(KEYS, [k for k in KEYS])  # GT110
literal = {}.fromkeys(KEYS, set())  # GT110

# Immutable or absent values, and the per-key alternatives.
zeros = dict.fromkeys(KEYS, 0)
nones = dict.fromkeys(KEYS)
pairs = dict.fromkeys(KEYS, ())
fresh = {key: [] for key in KEYS}
factory = collections.defaultdict(list)


# Someone else's fromkeys.
class Table:
    @classmethod
    def fromkeys(cls, keys, value):
        return cls()


table = Table.fromkeys(KEYS, [])


# In a function: the dict is only compared, counted or iterated for its keys, or every key gets
# its own value right away. Nothing reaches the shared value.
def check(result, names):
    assert result == dict.fromkeys(names, [])
    expected = dict.fromkeys(names, {})
    assert result == expected
    assert result["a"] == expected["a"]
    for name in dict.fromkeys(names, set()):
        print(name)
    return len(dict.fromkeys(names, []))


def per_key(graph, node):
    results = dict.fromkeys(graph[node], {})
    for other in graph[node]:
        results[other] = {"weight": 1}
    return results


def replaced(names):
    table = dict.fromkeys(names, [])
    for name in names:
        table[name] = []
    return sorted(table)


# The shared value can be reached: returned, passed on, stored, or read by key and changed.
def grouped(names):
    groups = dict.fromkeys(names, [])  # GT110
    groups["a"].append(1)
    return groups


def returned(names):
    return dict.fromkeys(names, {})  # GT110


def passed(names, sink):
    sink(dict.fromkeys(names, set()))  # GT110


class Index:
    def __init__(self, names):
        self.buckets = dict.fromkeys(names, [])  # GT110


def in_closure(names):
    table = dict.fromkeys(names, [])  # GT110

    def add(name, item):
        table[name].append(item)
    return add


def extended(names):
    table = dict.fromkeys(names, [])  # GT110
    table["a"] += [1]
    return len(table)


def other_keys(graph, node, names):
    results = dict.fromkeys(graph[node], {})  # GT110
    for name in names:
        results[name] = {}
    return results


# ---- builtins.dict is dict; subscripted constructors build the same containers ----
import builtins

through_module = builtins.dict.fromkeys(KEYS, [])  # GT110
typed_value = dict.fromkeys(KEYS, list[int]())  # GT110
typed_set = dict.fromkeys(KEYS, set[str]())  # GT110
typed_ordered = dict.fromkeys(KEYS, collections.OrderedDict[str, int]())  # GT110
typed_tuple = builtins.dict.fromkeys(KEYS, tuple[int, ...]())   # a tuple: one immutable value
