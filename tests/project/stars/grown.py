__all__ = ["first"]
__all__.append("second")
__all__.extend(["third"])
__all__ += ["_fourth"]


def first(seen):
    seen.append(1)


def second(seen):
    seen.append(2)


def third(seen):
    seen.append(3)


def _fourth(seen):
    seen.append(4)


def hidden(seen):
    seen.append(5)
