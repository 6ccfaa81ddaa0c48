"""CPython 3.13 side of the parser oracle: for each file, print "=== PATH" then
ast.dump(ast.parse(source), include_attributes=True), or "SyntaxError: MSG (line L, column C)"
(column 0-based like gotcha's) when CPython rejects the file."""
import ast
import sys
import warnings

warnings.simplefilter("ignore")


def main(paths):
    out = sys.stdout
    for path in paths:
        out.write("=== %s\n" % path)
        with open(path, "rb") as f:
            data = f.read()
        try:
            tree = ast.parse(data)
        except SyntaxError as e:
            col = (e.offset or 1) - 1
            out.write("SyntaxError: %s (line %s, column %d)\n" % (e.msg, e.lineno, col))
            continue
        except (ValueError, MemoryError, RecursionError) as e:
            out.write("SyntaxError: %s (line 0, column 0)\n" % e)
            continue
        try:
            out.write(ast.dump(tree, include_attributes=True) + "\n")
        except RecursionError:
            out.write("RecursionError\n")


if __name__ == "__main__":
    main(sys.argv[1:])
