"""A module of the namespace package `ns` (no __init__.py)."""


def remember(req, seen):
    seen.append(req)


def look(req, seen):
    return req in seen
