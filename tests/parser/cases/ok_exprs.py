a or b or c
a and b and c or d
not a
not not not x
a < b <= c > d >= e == f != g
a in b not in c is d is not e
a | b ^ c & d << e >> f + g - h * i / j // k % l @ m
-a + +b - ~c
a ** b ** c
-a ** -b
await_ = 1
a if b else c if d else e
lambda: 0
lambda x, y=1, *a, z, w=2, **k: x
lambda a, /, b: 0
lambda *, k: 0
lambda *a: a
lambda **k: k
(x := 5)
f(x := 1, y)
a[b := 2]
a[1:2, ::3, x:y:z]
a[:]
a[::]
a[1:]
a[:, 1]
a[*b]
a[*b, c]
a[b,]
a.b.c.d
f()(1)[2].x
f(a, *b, c=1, **d)
f(a)(b)(c)
f(*a, *b, c=1, *d, **e, f=2)
f(x for x in y)
f(a for b in c if d if e for f in g)
x = (yield)
(a, b)
(a,)
()
[]
[1, 2, *a]
{}
{1: 2, **a, 3: 4}
{1, 2, *a}
[x for x in y]
{x for x in y}
{k: v for k, v in y}
(x for x in y)
[x for x in y for z in x if z if not z]
...
None, True, False
1, 1.5, 1e10, 1j, 1.5j, 0x1F, 0o17, 0b101, 1_000_000, 123456789012345678901234567890
0.1 + 1e-5 + 3.14e+10 + 1_0.0_1
"abc" "def"
b"abc" b"def"
u"abc" "x"
r"\n" R"\t"
"""triple
string"""
x = (1 +
     2)
x = [
  1,
  2,
]
a.b(c).d[e]
x = a if b else(c)
