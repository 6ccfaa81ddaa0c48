match x:
    case [1, *_]:
        pass
type X = int
_ = 1
async def f():
    await x
