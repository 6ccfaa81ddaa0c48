# GT201 is-literal: `is` compares identity; a literal or a fresh display is never (reliably) identical.
def check(x, items):
    if x is "admin":  # GT201
        pass
    if x is not "":  # GT201
        pass
    if x is b"\x00":  # GT201
        pass
    if x is 1000:  # GT201
        pass
    if x is -1:  # GT201
        pass
    if x is 1.5:  # GT201
        pass
    if x is 2j:  # GT201
        pass
    if x is ():  # GT201
        pass
    if x is (1, 2):  # GT201
        pass
    if x is []:  # GT201
        pass
    if x is not {}:  # GT201
        pass
    if x is {1}:  # GT201
        pass
    if x is [i for i in items]:  # GT201
        pass
    if "literal" is x:  # GT201
        pass
    if x is f"{x}":  # GT201
        pass
    if 0 < x is 3:  # GT201
        pass
    if x is "a" or x is not "b":  # GT201 GT201
        pass
    return x is (  # GT201
        "multi"
        "line"
    )


# Singletons and names compare by identity on purpose.
def singletons(x, sentinel, cls):
    if x is None or x is not None:
        pass
    if x is True or x is False:
        pass
    if x is ... or x is NotImplemented:
        pass
    if x is sentinel or type(x) is cls:
        pass
    if x == "admin" or x != 1:
        pass
    if x in ("a", "b"):
        pass
    return x is not sentinel
