def first(items):
    x = 1  # noqa: GT502 -- legacy code, keep this note
    y = 2  # noqa: GT502
    z = 3  # noqa: GT101, GT502
    #noqa:GT502 no blank before the note
    return x, y, z, items
