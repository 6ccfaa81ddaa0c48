"""Reported: the package names `_extras` only in a comment."""
VALUE = 1
