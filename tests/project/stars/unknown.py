from . import grown

__all__ = ["listed"]
__all__ += grown.__all__


def listed(seen):
    seen.append(1)


def public(seen):
    seen.append(2)


def _private(seen):
    seen.append(3)
