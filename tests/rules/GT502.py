# GT502 readlines-in-loop: readlines() builds a list of every line before the loop starts.
import sys


def count(path):
    total = 0
    with open(path) as f:
        for line in f.readlines():  # GT502
            total += len(line)
    return total


async def in_coroutine(path):
    with open(path) as f:
        for line in f.readlines():  # GT502
            print(line)


def nested(paths):
    for path in paths:
        with open(path) as f:
            for i, line in enumerate(f.readlines()):  # GT502
                print(i, line)


def from_stdin():
    for line in sys.stdin.readlines():  # GT502
        print(line)


def in_generator_expression(f):
    return sum(len(line) for line in f.readlines())  # GT502


def in_nested_generator(files):
    return max(len(line) for f in files for line in f.readlines())  # GT502


# Iterating the file object directly is lazy.
def lazy(path):
    with open(path) as f:
        for line in f:
            print(line)


# A list, set or dict comprehension keeps one item per line anyway: the list of lines only
# doubles memory it takes already.
def collected(f):
    stripped = [line.strip() for line in f.readlines()]
    unique = {line for line in f.readlines()}
    numbered = {i: line for i, line in enumerate(f.readlines())}
    return stripped, unique, numbered


# readlines with a size hint, or its result kept for later use.
def hinted(f):
    for line in f.readlines(1024):
        print(line)


def kept(f):
    lines = f.readlines()
    for line in lines:
        print(line)
    return lines


def other_method(f):
    for line in f.read().splitlines():
        print(line)


# A class of the module with its own `readlines` (here a generator): an instance of it (an
# annotated parameter, a name bound to a call of it) builds no list. A class without one does.
class ChunkReader:
    def __init__(self, stream):
        self.stream = stream

    def readlines(self):
        while True:
            line = self.stream.readline()
            if not line:
                return
            yield line


class Wrapper:
    def __init__(self, stream):
        self.stream = stream


def load_entries(reader: ChunkReader):
    return [line.split() for line in reader.readlines() if line]


def load_pairs(reader: ChunkReader):
    for line in reader.readlines():
        print(line)


def load_wrapped(stream):
    reader = ChunkReader(stream)
    for line in reader.readlines():
        print(line)


def load_plain(wrapper: Wrapper, f):
    for line in f.readlines():  # GT502
        print(line, wrapper)
