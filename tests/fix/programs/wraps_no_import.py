"""A decorator without functools.wraps, in a module that does not import functools yet."""
import sys


def traced(func):
    def wrapper(*args, **kwargs):
        print("call", args)
        return func(*args, **kwargs)
    return wrapper


@traced
def add(a, b):
    """Add two numbers."""
    return a + b


print(add(2, 3), file=sys.stdout)
