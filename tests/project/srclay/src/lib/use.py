from lib.store import Store, put


def open_store(items=[]):
    return Store(items)


def keep(key, table={}):
    put(key, table)
