def first(items):
    x = 1  # -- legacy code, keep this note
    y = 2
    z = 3
    # no blank before the note
    return x, y, z, items
