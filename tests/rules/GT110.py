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
