from .helpers import remember


def relay(req, seen):
    remember(req, seen)
