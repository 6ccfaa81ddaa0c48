# GT303 exit-swallows-exceptions: __exit__ returning a true constant on every path hides every exception.
class Quiet:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return True  # GT303

    def close(self):
        pass


class AsyncQuiet:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        return 1  # GT303


class EveryBranch:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return True  # GT303
        else:
            return "yes"


class TryFinally:
    def __exit__(self, exc_type, exc, tb):
        try:
            self.flush()
        finally:
            return True  # GT303

    def flush(self):
        pass


class MatchEveryCase:
    def __exit__(self, exc_type, exc, tb):
        match exc_type:
            case None:
                return True  # GT303
            case _:
                return True


# A match without a catch-all case may fall through to `return None`.
class MatchSomeCases:
    def __exit__(self, exc_type, exc, tb):
        match exc_type:
            case None:
                return True


# Returns True only for the exceptions it means to handle.
class Selective:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is KeyError:
            return True
        return False


class Computed:
    def __exit__(self, exc_type, exc, tb):
        return exc_type is not None and issubclass(exc_type, OSError)


class FallsThrough:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return True


class ReturnsNone:
    def __exit__(self, *args):
        self.closed = True


class Falsy:
    def __exit__(self, *args):
        return False


class RaisesOnSomePath:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is ValueError:
            raise RuntimeError("wrapped") from exc
        return True


# A module-level function named __exit__ is not a method.
def __exit__(*args):
    return True


# An assert-raises helper: the wrong exception (or none) fails the test, which raises; True only
# for the exception it expects.
class ExpectRaises:
    def __init__(self, case, expected):
        self.case = case
        self.expected = expected

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.case.fail("nothing raised")
        if not issubclass(exc_type, self.expected):
            self.case.fail("wrong exception")
        self.exception = exc
        return True


# A report that does not raise is still a swallow.
class LogsAndSwallows:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.log.failure(exc)
        return True  # GT303


# The same helper written with `assert` on the exception received: the wrong one (or none)
# raises AssertionError; True only for the expected one.
class AssertRaises:
    def __init__(self, *expected):
        self.expected = expected

    def __exit__(self, typ, value, tb):
        assert typ, "No exception raised."
        assert typ in self.expected, typ.__name__
        self.exception = value
        return True


# An assert on something else does not look at the exception: every one is still swallowed.
class AssertsOwnState:
    def __exit__(self, exc_type, exc, tb):
        assert self.conn is not None
        self.conn.close()
        return True  # GT303
