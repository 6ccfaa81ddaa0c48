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
