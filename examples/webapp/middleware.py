"""Decorators for handlers."""
import functools
import time


# BUG (GT401): the wrapper replaces the handler without functools.wraps;
# __name__, __doc__ and __wrapped__ now describe `wrapper`, so routing by name,
# docs and introspection all see the wrong function.
def timed(func):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            print(f"{func.__name__} took {time.perf_counter() - start:.3f}s")
    return wrapper


# Correct: functools.wraps copies the metadata.
def timed_fixed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            print(f"{func.__name__} took {time.perf_counter() - start:.3f}s")
    return wrapper
