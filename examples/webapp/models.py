"""Sessions and users."""


class Session:
    # BUG (GT105): one list for the class, shared by every Session instance:
    # a message added in one session shows up in all of them.
    messages = []

    def __init__(self, user):
        self.user = user

    def add(self, message):
        self.messages.append(message)


# Correct: each instance gets its own list in __init__.
class SessionFixed:
    def __init__(self, user):
        self.user = user
        self.messages = []

    def add(self, message):
        self.messages.append(message)


def is_admin(role):
    # BUG (GT201): `is` compares identity; a role read from a request is a new
    # string, so this is False even when role == "admin".
    return role is "admin"


# Correct: equality compares the text.
def is_admin_fixed(role):
    return role == "admin"


def pairs(items):
    # BUG (GT501): on an odd number of items next() raises StopIteration inside
    # the generator, which Python turns into RuntimeError (PEP 479).
    it = iter(items)
    for first in it:
        yield first, next(it)


# Correct: next() with a default never raises inside the generator.
def pairs_fixed(items):
    it = iter(items)
    for first in it:
        second = next(it, None)
        if second is None:
            return
        yield first, second
