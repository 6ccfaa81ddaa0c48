"""Multi-line defaults moved into the body keep their shape (RULES.md "Fixes")."""
import collections


def _display(x, table=None):
    if table is None:
        table = {
            "a": 1,
            "b": [1,
                  2],
        }
    table[x] = 2
    return table


class Holder:
    def _method(self, items=None):
        if items is None:
            items = [
                    "first",

                    "second",
            ]
        items.append(self)
        return items

    def _chained(self, y=None):
        if y is None:
            y = (collections
                         .OrderedDict())
        y[1] = 2
        return y

    def _call(self, v=None):
        if v is None:
            v = collections.defaultdict(
                    list)
        v[1].append(2)
        return v

    def _string_inside(self, w=None, z=None):
        if w is None:
            w = {"k": """a
   b
c"""}
        if z is None:
            z = {"x":
                      1}
        w["x"] = 1
        z["y"] = 2
        return w, z


def _one_line_body(acc=None):
    if acc is None:
        acc = [
                0]
    acc.append(1); return acc


def _comment_inside(d=None):
    if d is None:
        d = {  # the table
                "k": 1,  # one
        }
    d["j"] = 2
    return d
