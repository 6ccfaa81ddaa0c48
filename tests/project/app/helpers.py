__all__ = ["remember", "look", "relay"]


def remember(req, seen):
    seen.append(req)


def look(req, seen):
    return req in seen


def copy_then(req, seen):
    seen = list(seen)
    seen.append(req)
    return seen


def lazily(req, seen=None):
    if seen is None:
        seen = []
    seen.append(req)
    return seen


def relay(req, seen):
    return remember(req, seen)


def _scrub(seen):
    seen.clear()


def by_keyword(req, *, into):
    into[req] = True
