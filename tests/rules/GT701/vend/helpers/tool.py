"""Reported: `helpers` is quoted in `__all__`, not put on the import path."""
VALUE = 2
