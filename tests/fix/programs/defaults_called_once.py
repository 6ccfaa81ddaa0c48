"""Mutable defaults, each function called at most once without the argument: same output fixed or not."""
def _collect(item, bucket=[]):
    bucket.append(item)
    return list(bucket)


def _config(name, *, options={}):
    options.setdefault("name", name)
    return sorted(options.items())


def _pairs(a, acc=[], /):
    acc.append(a)
    return acc


def _typed(x: int, seen: list[int] = []) -> list[int]:
    """Keep x."""
    seen.append(x)
    return seen


print(_collect(1))
print(_collect(2, ["explicit"]))
print(_config("a"))
print(_pairs(3))
print(_typed(4))
print(_typed(5, [0]))
