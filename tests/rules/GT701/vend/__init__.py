# A package that puts its `_vendor` folder on the import path: the folder's modules are imported
# by their own top-level names (`import flexlib`), so it is a site folder, not a sub-package.
# Its look-alikes: `_extras`, named only in a comment here (sys.path.insert(0, "_extras")), and
# `helpers`, quoted in code that does not touch the import path.
import os
import sys

__all__ = ["helpers"]

_VENDOR = os.path.join(os.path.dirname(__file__), "_vendor")
if _VENDOR not in sys.path:
    sys.path.insert(0, _VENDOR)
