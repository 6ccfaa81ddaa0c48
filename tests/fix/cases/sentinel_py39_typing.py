import typing


def _annotated(x: int, seen: typing.List[int] = []) -> typing.List[int]:
    seen.append(x)
    return seen


def _unannotated(y=[]):
    y.append(1)
