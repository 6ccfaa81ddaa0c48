"""Defaults that escape (stored in `self.<attr>`, in a global, returned) and are mutated by another module."""
