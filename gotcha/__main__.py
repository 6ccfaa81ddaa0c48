"""python -m gotcha [ARGS...]: runs the installed gotcha program with ARGS (same as `gotcha ARGS`)."""
import os
import subprocess
import sys

import gotcha


def main():
    try:
        path = gotcha.binary_path()
    except FileNotFoundError as error:
        sys.stderr.write("python -m gotcha: %s\n" % error)
        return 2
    argv = [path] + sys.argv[1:]
    if os.name == "nt":  # no exec there: run it as a child and pass its status on
        return subprocess.call(argv)
    os.execv(path, argv)


if __name__ == "__main__":
    sys.exit(main())
