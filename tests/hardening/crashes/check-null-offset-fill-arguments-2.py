def f(*a\
): pass
