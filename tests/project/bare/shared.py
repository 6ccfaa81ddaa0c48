from .store import Jar, Tray, get_given, get_index, get_twice

INDEX = get_index()
TRAY = Tray()
JAR = Jar()

# negatives: the argument is given, or the name is bound twice
GIVEN = get_given({})
TWICE = get_twice()
TWICE = {}
