# Probes of sem_value_kinds (src/semantic/semantic_values.c). `probe(ID, EXPR)` returns EXPR;
# build/tests/test_semantic_values prints what the inference claims for each EXPR, and
# tests/semantic/value_kinds_oracle.py runs this file under CPython 3.13 (calling `main()`), where
# each probe records the type EXPR had. Every recorded type must be among the claimed ones;
# value_kinds.expected holds today's claims (`-` = nothing sure, which is always sound).
# Written for the oracle: every probe runs at least once, with values on both sides of the
# small-int cache and with the tricky inputs (NaN, negative exponents, slice objects, subclasses).
import enum
import sys

LIMIT = 1000
PREFIX = "user_"
NAME = PREFIX + "name"
FLAGS = (1, 2)
TOTAL: "Final" = 10
lower_global = 5
MARKER = object()
_MISSING = None
REBOUND = 5
x_cls = "module"


class Color(enum.Enum):
    RED = 1


class Text(str):
    def upper(self):
        return 42


def literals_and_operators(a, n):
    probe(1, 257)
    probe(2, 2.5)
    probe(3, "text")
    probe(4, b"raw")
    probe(5, (a, n))
    probe(6, f"{a}")
    probe(7, -n)                       # n is a parameter
    probe(8, len(a) * 2 + 1)
    probe(9, len(a) / 2)
    probe(10, (len(a) + 1) ** -1)      # int ** int may be a float
    probe(11, len(a) ** 2)
    probe(12, float(n) ** 0.5)         # float ** float may be a complex
    probe(13, 2.0 ** len(a))
    probe(14, "%s-%s" % (a, n))
    probe(15, b"%d" % len(a))
    probe(16, "ab" * len(a))
    probe(17, len(a) * (1, 2))
    probe(18, (1,) + (2,))
    probe(19, ~len(a))
    probe(20, not a)
    probe(21, len(a) // 2.0)
    probe(22, len(a) % 7)
    probe(23, len(a) << 3)
    probe(24, len(a) & 1)
    probe(25, True + 1)                 # bool operands: nothing claimed
    probe(26, None)
    probe(27, 3j)
    probe(28, a or "default")
    probe(29, str(a) or "default")
    probe(30, len(a) if n else float(n))
    probe(31, len(a) if n else None)


def calls(a, n):
    probe(40, len(a))
    probe(41, int(n))
    probe(42, float(n))
    probe(43, str(a))
    probe(44, repr(a))
    probe(45, bytes(len(a)))
    probe(46, tuple(a))
    probe(47, id(a))
    probe(48, hash(n))
    probe(49, chr(65 + len(a)))
    probe(50, ord("a"))
    probe(51, hex(len(a)))
    probe(52, format(n, ""))
    probe(53, abs(-len(a)))
    probe(54, abs(float(n)))
    probe(55, abs(n))                  # a parameter's __abs__ may return anything
    probe(56, round(float(n)))
    probe(57, round(float(n), 1))
    probe(58, round(float(n), ndigits=1))
    probe(59, round(len(a), 1))
    probe(60, max(len(a), 3))
    probe(61, min(len(a), 2.5))
    probe(62, max(a, default=0))        # items of an iterable: unknown
    probe(63, sum([1, 2]))
    probe(64, sys.intern(str(a)))


def methods(a, n):
    s = str(a) + "x"
    b = s.encode()
    probe(70, s.upper())
    probe(71, "-".join([s, s]))
    probe(72, "{}={}".format(s, n))
    probe(73, s.find("x"))
    probe(74, s.partition("="))
    probe(75, b.decode())
    probe(76, b.hex())
    probe(77, b.upper())
    probe(78, b.count(b"x"))
    probe(79, len(a).to_bytes(2, "big"))
    probe(80, len(a).bit_length())
    probe(81, float(n).hex())
    probe(82, float(len(a)).as_integer_ratio())
    probe(83, a.upper())                # a parameter: anything with an `upper`
    probe(84, Text("q").upper())        # a str subclass's own method
    probe(85, s[0])
    probe(86, s[1:])
    probe(87, b[0])
    probe(88, b[0:1])
    probe(89, b[slice(0, 1)])          # a slice object, not written as a slice
    sl = slice(0, 1)
    probe(90, b[sl])
    probe(91, FLAGS[0])
    probe(92, FLAGS[1:])


def names(a, n, flag, lookup):
    count = len(a)
    probe(100, count)
    value = None
    if flag:
        value = count
    probe(101, value)
    rebound = count
    if not rebound:
        rebound = lookup(a)
    probe(102, rebound)
    total = 0
    for _ in range(n):
        total += 1
    probe(103, total)
    steps = 0
    while steps < n:
        steps = steps + 1
    probe(104, steps)
    text = ""
    for ch in str(a):
        text += ch
    probe(105, text)
    ratio = 1
    ratio /= 3
    probe(106, ratio)
    grows = (0,)
    grows += (1,)
    probe(107, grows)
    mixed = 0
    mixed += float(n)
    probe(108, mixed)
    both = len(a) if flag else str(a)
    probe(109, both)
    if (size := len(a)) > 0:
        probe(110, size)
    for i in range(300):
        probe(111, i)
    for j, item in enumerate(a):
        probe(112, j)
        probe(113, item)
    for c in str(a):
        probe(114, c)
    for byte in str(a).encode():
        probe(115, byte)
    first, second = 1, 2
    probe(116, first)
    annotated: int = len(a)
    probe(117, annotated)
    declared: int
    declared = 3
    probe(118, declared)
    deleted = 1
    del deleted
    deleted = 2
    probe(119, deleted)


def module_names(a):
    probe(130, LIMIT)
    probe(131, NAME)
    probe(132, FLAGS)
    probe(133, TOTAL)
    probe(134, lower_global)          # a lower-case global: other modules may assign it
    probe(135, MARKER)
    probe(136, Color.RED)
    probe(137, _MISSING)
    probe(138, PREFIX + str(a))
    probe(139, REBOUND)                # ALL_CAPS, but some function declares it global


def closures(a, fetch):
    size = len(a)
    other = len(a)

    def inner():
        probe(140, size)
        probe(141, other)

    def rebind():
        nonlocal other
        other = fetch()

    rebind()
    inner()
    probe(142, [k * 2 for k in range(4)][0])
    probe(143, [probe(144, k) for k in range(3)])
    probe(145, [probe(146, y) for x in range(3) if (y := x * 300) >= 0])
    probe(147, y)


class Holder:
    SIZE = 10
    probe(150, SIZE)
    DOUBLE = SIZE * 2
    probe(151, DOUBLE)
    probe(152, x_cls)                  # the module's str: the class binding comes later
    x_cls = 5


def shadowed(a, len=lambda x: "no"):
    probe(160, len(a))


def set_global():
    global lower_global, REBOUND
    lower_global = None
    REBOUND = None


def main():
    for a, n in (("ab", 3), ("x" * 300, 300), ("", 0), ("q", -2.5)):
        literals_and_operators(a, n)
        calls(a, n if isinstance(n, int) else 7)
        methods(a, n)
        names(a, abs(int(n)), bool(n), lambda x: None)
        module_names(a)
        closures(a, lambda: "fetched")
        shadowed(a)
        set_global()
    methods("nan", float("nan"))
    literals_and_operators("nan", float("nan"))
