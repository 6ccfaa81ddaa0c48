from typing import Optional
from typing import List


def _annotated(x: int, seen: Optional[List[int]] = None) -> List[int]:
    if seen is None:
        seen = []
    seen.append(x)
    return seen
