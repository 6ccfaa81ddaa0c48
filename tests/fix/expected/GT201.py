# GT201 is-literal: `is` compares identity; a literal or a fresh display is never (reliably) identical.
def check(x, items):
    if x == "admin":  # GT201
        pass
    if x != "":  # GT201
        pass
    if x == b"\x00":  # GT201
        pass
    if x == 1000:  # GT201
        pass
    if x == -1:  # GT201
        pass
    if x == 1.5:  # GT201
        pass
    if x == 2j:  # GT201
        pass
    if x == ():  # GT201
        pass
    if x == (1, 2):  # GT201
        pass
    if x == []:  # GT201
        pass
    if x != {}:  # GT201
        pass
    if x == {1}:  # GT201
        pass
    if x == [i for i in items]:  # GT201
        pass
    if "literal" == x:  # GT201
        pass
    if x == f"{x}":  # GT201
        pass
    if 0 < x == 3:  # GT201
        pass
    if x == "a" or x != "b":  # GT201 GT201
        pass
    return x == (  # GT201
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
