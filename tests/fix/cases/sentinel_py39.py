from typing import List


def _annotated(x: int, seen: List[int] = []) -> List[int]:
    seen.append(x)
    return seen
