"""Target py39: a multi-line annotated default gets Optional[...] and keeps its shape."""
from typing import Dict, List


def _typed(x, table: Dict[str, List[int]] = {
    "a": [1,
          2],
}):
    table[x] = [3]
    return table
