x = (a)
y = ((a), (b))
z = (a) + (b)
w = (a).b
v = (f)(x)
u = (a)[b]
(a) < (b)
(not a)
-(a)
(a) if (b) else (c)
(a) or (b)
x = (
    1,
)
def f(
    a,
    b,
): pass
print(
    "a",
    end="",
)
if (a and
    b): pass
x = [i
     for i in y]

