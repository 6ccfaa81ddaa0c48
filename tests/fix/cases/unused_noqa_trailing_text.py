def first(items):
    x = 1  # noqa: GT501 -- legacy code, keep this note
    y = 2  # noqa: GT501
    z = 3  # noqa: GT101, GT501
    #noqa:GT501 no blank before the note
    return x, y, z, items
