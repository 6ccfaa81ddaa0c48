# Imported as nsroot.coll.plugins.module_utils.k8s.client: `plugins` (no __init__.py) is a
# namespace package on the import path by design, so the tree ships with its plain folders.
from nsroot.coll.plugins.module_utils.k8s.core import connect


def client():
    return connect()
