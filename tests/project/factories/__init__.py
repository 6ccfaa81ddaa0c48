"""Defaults built by helpers of another module: a field(...), an Enum member, a tuple, a new container."""
