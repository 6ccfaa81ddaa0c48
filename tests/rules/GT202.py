# GT202 is-computed-value: `is` between two values the file proves are int, float, str, bytes or
# tuple. Equal values of these types are one object only by accident of the interpreter
# (small-int cache -5..256, interning, shared constants). With python3.13, on the functions below:
#   same_size("x" * 256, "y" * 256) -> True     same_size("x" * 257, "y" * 257) -> False
#   augmented(range(256)) -> True               augmented(range(257)) -> False
#   closure("a" * 3)("b" * 3) -> True           closure("a" * 300)("b" * 300) -> False
#   same_key("admin") -> False (a str built at run time is a new object, whatever its text)
# Each finding's line ends with `# GT202`; the near misses below say why they are not findings.
import enum
import sys

LIMIT = 1000
PREFIX = "user_"
_MISSING = object()


# ---- positives ----

def same_size(a, b):
    n = len(a)
    m = len(b)
    return n is m  # GT202


def same_key(name):
    key = PREFIX + str(name)
    return key is f"user_{name}".lower()  # GT202


def direct_calls(a, b):
    if len(a) is len(b):  # GT202
        pass
    if id(a) is not id(b):  # GT202
        pass
    if int(a) is LIMIT:  # GT202
        pass
    if str(a) is repr(b):  # GT202
        pass
    if float(a) is float(b):  # GT202 (float: unsafe fix)
        pass


def arithmetic(a, b):
    total = len(a) * 2 + 1
    half = total // 2
    ratio = total / 3
    if total is half:  # GT202
        pass
    if ratio is float(b):  # GT202
        pass
    if -total is ~half:  # GT202
        pass
    power = total ** 2  # int or float (2 ** -1 is 0.5)
    return power is half  # GT202


def formatting(a, b):
    line = "%s=%s" % (a, b)
    other = "{}={}".format(a, b)
    joined = "=".join([a, b]).strip()
    if line is other:  # GT202
        pass
    if joined[0] is line[:1]:  # GT202
        pass
    return line.encode() is other.encode("ascii")  # GT202


def tuples(a, b):
    pair = (a, b)
    swapped = pair[::-1]
    return pair is not swapped  # GT202 (tuple: unsafe fix)


def mixed(a):
    count = len(a)
    label = str(a)
    return count is label  # GT202 (two types: unsafe fix)


def augmented(items):
    seen = 0
    for _ in items:
        seen += 1
    expected = len(items)
    return seen is expected  # GT202


def self_reference(items):
    n = 0
    while n < len(items):
        n = n + 1
    return n is len(items)  # GT202


def walrus(items):
    if (size := len(items)) is len(set(items)):  # GT202
        return size
    return [half for x in items if (half := len(x) // 2) is size]  # GT202


def loop_rebinding(items):
    best = 0
    for item in items:
        best = max(best, len(item))
    return best is len(items)  # GT202


def conditional(a, flag):
    value = len(a) if flag else int(a[0])
    if flag:
        value = value * 2
    return value is len(a)  # GT202


def closure(a):
    size = len(a)

    def inner(b):
        return size is len(b)  # GT202

    return inner


def comprehension_scope(rows):
    width = len(rows)
    return [r for r in rows if len(r) is width]  # GT202


def bytes_values(data):
    raw = bytes(data)
    head = raw[:4].hex()
    return bytes(4) is b"".join([raw]) or head is raw.hex()  # GT202 GT202


def param_receiver(data, text):
    return data.hex() is text.upper()   # the parameters may be any objects with such methods


def chained(a, b):
    return 0 < len(a) is len(b)  # GT202


def loop_index(lookups, text):
    for index, lookup in enumerate(lookups):
        if index + 1 is len(lookups):  # GT202
            return lookup
    label = str(text)
    for i in range(len(label)):
        if i is label.find("-"):  # GT202
            return i
    for ch in label.upper():
        if ch is label[-1].lower():  # GT202
            return ch
    for ch in text:
        if ch is label[0]:   # the parameter may be any iterable
            return ch
    return [n for n in range(9) if n * 100 is len(lookups)]  # GT202


# ---- negatives ----

DEFAULT_MODE = "default"
NO_VALUE = ("no", "value")


def marker_constants(a, flag):
    mode = DEFAULT_MODE if flag else str(a)
    value = NO_VALUE
    if flag:
        value = tuple(a)
    return mode is DEFAULT_MODE or value is not NO_VALUE   # constants used as markers


def aliases(a):
    n = len(a)
    m = n
    return m is n   # one object handed along: True for any size


def other_loops(items, pairs):
    for i, x in enumerate(items):
        if x is len(items):   # the item, not the index
            pass
    for a, b in pairs:
        if a is len(b):
            pass
    for j in reversed(range(3)):
        if j is len(items):   # reversed(): not followed
            pass

def parameters(a, b, n=1000):
    if a is b or n is len(a):
        pass


def none_on_a_path(a, flag):
    value = None
    if flag:
        value = len(a)
    return value is len(a)


def sentinels(a, default=_MISSING):
    marker = _MISSING
    return default is marker or len(a) is _MISSING


class Color(enum.Enum):
    RED = 1
    GREEN = 2


def enum_members(c):
    red = Color.RED
    return c is red or Color.RED is Color.GREEN


def classes_and_types(a, b):
    kind = type(a)
    return kind is type(b) or a.__class__ is str


def rebound_to_unknown(a, lookup):
    n = len(a)
    if not n:
        n = lookup(a)
    return n is len(a)


def rebound_by_loop(a, items):
    n = len(a)
    for n in items:
        pass
    return n is len(a)


def rebound_by_unpacking(a, pair):
    n = len(a)
    n, _ = pair
    return n is len(a)


def rebound_by_with(a, ctx):
    n = len(a)
    with ctx as n:
        pass
    return n is len(a)


counter = 0


def global_may_change(a):
    return counter is len(a)   # lower-case global: other modules may assign it


def bump():
    global TOTAL
    TOTAL = None


TOTAL = 10


def declared_global(a):
    return TOTAL is len(a)


def nonlocal_rebinding(a, fetch):
    size = len(a)

    def refresh():
        nonlocal size
        size = fetch()

    refresh()
    return size is len(a)


def interned(a, b):
    x = sys.intern(a)
    y = sys.intern(b)
    return x is y   # sys.intern makes identity the point


def fast_path(a, b):
    x = str(a)
    y = str(b)
    if x is y or x == y:
        return True
    return x is not y and x != y


def shadowed_builtin(a, b, len=len):
    return len(a) is len(b)   # `len` is a parameter here: anything


def call_of_this_file(a):
    return helper(a) is helper(a)


def helper(a):
    return len(a)


class Config:
    SIZE = 10
    OTHER = SIZE * 2

    def check(self, a):
        return self.SIZE is len(a)


def literals_are_gt201(a):
    return len(a) is 1000   # GT201, not GT202


def singletons(a):
    flag = len(a) > 3
    return flag is True or (not a) is False


def deleted(a):
    n = len(a)
    del n
    n = None
    return n is len(a)


def bools_are_singletons(a, b):
    x = bool(a)
    y = a == b
    return x is y


def walrus_in_comprehension_shadow(items):
    i = 0
    return [y for i in items if (y := i) is len(items)]


# Asserting identity is testing identity on purpose (tests of an interpreter or a library).
def test_new_object(self):
    u = (0, 1)
    u2 = u
    u += (2, 3)
    assert u is not u2
    self.assertTrue(u is not u2)
    self.assertFalse(not (len(u) is len(u2)))
    a = 256
    b = 128 * 2
    if a is not b:
        self.fail("256 is not shared")
    if a is b:
        raise AssertionError("257 is shared")


def asserted_elsewhere(self, a, b):
    n = len(a)
    self.assertEqual(n, len(b))
    if n is len(b):  # GT202 (the `if` does not fail a test)
        self.log("same")
    print(n is len(b))  # GT202 (not an assertion helper)
