@dec
@dec.attr(1)
@(lambda f: f)
def f(a, b: int = 1, *args: str, c, d=2, **kw: dict) -> None:
    """doc"""
    return a
async def g():
    await x
    async for a in b:
        pass
    async with c as d:
        pass
    [x async for x in y]
    yield
    yield x
    yield from y
    x = yield a, b
def h(a, /, b, *, c): pass
def i(a=1, /, b=2, *c): pass
def j(*, a=1, b): pass
def k(a, /): pass
def l(**kw,): pass
def m(a,): pass
class A: pass
class B(A, metaclass=M, **kw): pass
class C(): pass
@dec
class D[T, *Ts, **P](Base[T]):
    x: int = 0
    def method[U: int, V: (int, str) = int](self) -> U: ...
type X = int
type Y[T] = list[T]
type Z[T = int, *Ts = *tuple[int], **P = [int]] = T
type = 1
type.x = 2
type(x)
match = 1
match.x = 2
match(x)
case = 3
_ = 4
def f[T,](): pass
class E[T: int,]: pass
