class Store:
    def __init__(self, items):
        items.append("opened")
        self.items = items


def put(key, table):
    table[key] = 1
