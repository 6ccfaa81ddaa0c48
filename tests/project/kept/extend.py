from . import store


def more(x):
    store.OTHER.append(x)
