import typing


def _annotated(x: int, seen: typing.Optional[typing.List[int]] = None) -> typing.List[int]:
    if seen is None:
        seen = []
    seen.append(x)
    return seen


def _unannotated(y=None):
    if y is None:
        y = []
    y.append(1)
