class Basket:
    def __init__(self, items=[]):
        self.items = items

    def total(self):
        return len(self.items)


class Shelf:
    def __init__(self, slots={}):
        self.slots = slots

    def count(self):
        return len(self.slots)


class Rack:
    def __init__(self, hooks=[]):
        self.hooks = hooks
