def fill(table):
    table["x"] = 1
