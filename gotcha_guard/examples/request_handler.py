"""The request-handler leak: each call sees the users of every previous call."""
import sys


class Request:
    def __init__(self, user):
        self.user = user


def handle(req, seen=[]):
    seen.append(req.user)
    return len(seen)


def handle_fixed(req, seen=None):
    if seen is None:
        seen = []
    seen.append(req.user)
    return len(seen)


if __name__ == "__main__":
    for user in sys.argv[1:] or ["alice", "bob", "carol"]:
        print(user, handle(Request(user)), handle_fixed(Request(user)))
