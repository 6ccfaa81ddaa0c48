from .basket import Basket, Shelf
from . import basket


class Special(Basket):
    def add(self, item):
        self.items.append(item)


class Deeper(Special):
    pass


class Display(Shelf):
    def count(self):
        return len(self.slots) + 1


class Other:
    def __init__(self):
        self.hooks = []

    def hang(self, hook):
        self.hooks.append(hook)


class Wall(basket.Rack):
    def swap(self, hooks):
        self.hooks = list(hooks)
