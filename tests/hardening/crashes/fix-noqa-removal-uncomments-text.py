x = 1  # noqa: GT501 -- legacy code
