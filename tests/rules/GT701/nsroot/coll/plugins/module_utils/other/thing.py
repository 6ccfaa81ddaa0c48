# GT701: imported from the top-level package (`module_utils`), not through the folder above it.
from module_utils.k8s import core


def thing():
    return core
