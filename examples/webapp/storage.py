"""Files and locks."""
import json
from contextlib import contextmanager


# BUG (GT301): if json.load raises, the file is never closed; under load the
# process runs out of file descriptors.
def load_settings(path):
    f = open(path)
    data = json.load(f)
    f.close()
    return data


# BUG (GT302): when the body of the `with` raises, the code after `yield` is
# skipped and the lock stays taken forever.
@contextmanager
def locked(lock):
    lock.acquire()
    yield lock
    lock.release()


class Transaction:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        return self.conn

    # BUG (GT303): returning True swallows every exception raised in the
    # `with` body, including the one that says the write failed.
    def __exit__(self, exc_type, exc, tb):
        self.conn.rollback() if exc_type else self.conn.commit()
        return True


# Correct: `with` closes the file on every path.
def load_settings_fixed(path):
    with open(path) as f:
        return json.load(f)


# Correct: the cleanup is in `finally`.
@contextmanager
def locked_fixed(lock):
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


class TransactionFixed:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        return self.conn

    # Correct: returning None lets exceptions propagate.
    def __exit__(self, exc_type, exc, tb):
        if exc_type:
            self.conn.rollback()
        else:
            self.conn.commit()
