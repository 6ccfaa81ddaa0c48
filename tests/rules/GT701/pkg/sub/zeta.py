# Same folder as handlers.py: the missing __init__.py is reported once, on handlers.py.
VALUE = 2
