# GT001 syntax-error: a file CPython rejects gets exactly one finding, at its position.
import os


def handler(request, seen=[])
    seen.append(request)
    return os.getcwd()
