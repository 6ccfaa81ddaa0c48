"""One portion of the namespace `shared`; the other is in split2/ (both roots on the path)."""


def keep(seen):
    seen.append(1)
