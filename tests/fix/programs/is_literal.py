"""Identity tests against literals whose values are equal either way."""
def classify(code):
    if code is 0:
        return "zero"
    if code is not "":
        return "text"
    return "empty"


for value in (0, "x", ""):
    print(repr(value), classify(value))
