from .grown import *


def relay(seen):
    first(seen)


def keep(seen):
    hidden(seen)
