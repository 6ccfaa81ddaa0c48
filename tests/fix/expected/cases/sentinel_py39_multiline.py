"""Target py39: a multi-line annotated default gets Optional[...] and keeps its shape."""
from typing import Optional
from typing import Dict, List


def _typed(x, table: Optional[Dict[str, List[int]]] = None):
    if table is None:
        table = {
            "a": [1,
                  2],
        }
    table[x] = [3]
    return table
