"""Multi-line defaults moved into the body keep their shape (RULES.md "Fixes")."""
import collections


def _display(x, table={
    "a": 1,
    "b": [1,
          2],
}):
    table[x] = 2
    return table


class Holder:
    def _method(self, items=[
            "first",

            "second",
    ]):
        items.append(self)
        return items

    def _chained(self, y=collections
                 .OrderedDict()):
        y[1] = 2
        return y

    def _call(self, v=collections.defaultdict(
            list)):
        v[1].append(2)
        return v

    def _string_inside(self, w={"k": """a
   b
c"""}, z={"x":
          1}):
        w["x"] = 1
        z["y"] = 2
        return w, z


def _one_line_body(acc=[
        0]): acc.append(1); return acc


def _comment_inside(d={  # the table
        "k": 1,  # one
}):
    d["j"] = 2
    return d
