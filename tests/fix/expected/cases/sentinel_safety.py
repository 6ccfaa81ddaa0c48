"""Which sentinel fixes are safe: run with --fix only (no --unsafe-fixes)."""


def _private(x=None):
    if x is None:
        x = []
    x.append(1)


def public(x=[]):
    x.append(1)


def _already_tests_none(x=[]):
    if x is None:
        return 0
    x.append(1)
