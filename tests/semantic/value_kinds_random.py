#!/usr/bin/env python3
"""Random programs for sem_value_kinds: each is a module of small functions that assign, rebind,
loop, augment, walrus, unpack and close over a handful of names, with `probe(ID, EXPR)` calls
between the statements. The unit binary prints what the inference claims for every probe; the
module then runs under this interpreter (CPython 3.13 in the suite) with several inputs, and every
type a probe saw must be among its claimed kinds.

  value_kinds_random.py BINARY [--seed S] [--count N] [--keep DIR]

Prints one TAP-like line per program batch; a failing probe is shown with its program kept in
--keep (default: a temp folder that is removed)."""
import argparse
import builtins
import collections
import os
import random
import subprocess
import sys
import tempfile
import warnings

VARS = ["a", "b", "c", "d"]
ATOMS = ["len(p)", "int(q)", "str(p)", "float(q)", "p", "q", "None", "7", "300", "-5", "2.5",
         "'s'", "b'x'", "(1, 2)", "f'{q}'", "LIMIT", "NAME", "PAIR", "MARK", "lower", "flag",
         "id(p)", "repr(q)", "str(p).encode()", "(len(p), q)"]
BINOPS = ["+", "-", "*", "/", "//", "%", "<<", "&", "|", "**"]


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.probes = 0

    def atom(self):
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(VARS)
        return self.rng.choice(ATOMS)

    def expr(self, depth=0):
        r = self.rng.random()
        if depth > 2 or r < 0.35:
            return self.atom()
        if r < 0.6:
            op = self.rng.choice(BINOPS)
            right = self.rng.choice(["2", "3", "-1", "1.5", "'t'", "(0,)"]) if op in "*<<**" \
                else self.expr(depth + 1)
            return f"({self.expr(depth + 1)} {op} {right})"
        if r < 0.68:
            return f"({self.expr(depth + 1)} if flag else {self.expr(depth + 1)})"
        if r < 0.74:
            return f"({self.expr(depth + 1)} or {self.expr(depth + 1)})"
        if r < 0.80:
            return f"({self.atom()})[{self.rng.choice(['0', '1:', '-1', 'sl'])}]"
        if r < 0.86:
            return f"({self.atom()}).{self.rng.choice(['upper()', 'find(\"a\")', 'hex()', 'decode()', 'bit_length()', 'count(1)'])}"
        if r < 0.92:
            return f"{self.rng.choice(['abs', 'round', 'len', 'str', 'int', 'tuple'])}({self.expr(depth + 1)})"
        return f"max({self.expr(depth + 1)}, {self.expr(depth + 1)})"

    def probe(self, expr):
        self.probes += 1
        return f"probe({self.probes}, {expr})"

    def statement(self, indent):
        pad = " " * indent
        v = self.rng.choice(VARS)
        r = self.rng.random()
        if r < 0.35:
            body = [f"{v} = {self.expr()}"]
        elif r < 0.45:
            body = [f"{v} {self.rng.choice(BINOPS[:6])}= {self.expr()}"]
        elif r < 0.52:
            body = ["if flag:", f"    {v} = {self.expr()}"]
        elif r < 0.58:
            body = [f"for {v} in range({self.rng.choice(['3', '300', 'len(p)'])}):", "    pass"]
        elif r < 0.63:
            w = self.rng.choice(VARS)
            body = [f"for {v}, {w} in enumerate(p):", "    pass"]
        elif r < 0.68:
            body = [f"for {v} in {self.expr()}:", "    pass"]
        elif r < 0.73:
            body = [f"if ({v} := {self.expr()}):", "    pass"]
        elif r < 0.77:
            body = [f"_ = [({v} := {self.expr()}) for _i in range(2)]"]
        elif r < 0.81:
            w = self.rng.choice(VARS)
            body = [f"{v}, {w} = {self.expr()}, {self.expr()}"]
        elif r < 0.85:
            body = [f"{v} = [{self.probe(self.rng.choice(VARS + ['_k']))} for _k in range(2)]"]
        elif r < 0.89:
            body = ["def inner():", f"    nonlocal {v}", f"    {v} = {self.expr()}",
                    f"    return {self.probe(v)}", "inner()"]
        elif r < 0.93:
            body = [f"{v} = {self.rng.choice(['LIMIT', 'NAME', 'lower'])}"]
        else:
            body = [self.probe(self.expr())]
        lines = [f"{pad}try:"] + [f"{pad}    {line}" for line in body]
        lines += [f"{pad}except Exception:", f"{pad}    pass"]
        return lines

    def function(self, name):
        lines = [f"def {name}(p, q, flag):", "    a = b = c = d = 0", "    sl = slice(0, 1)"]
        for _ in range(self.rng.randint(4, 12)):
            lines += self.statement(4)
            if self.rng.random() < 0.5:
                lines += [f"    try:", f"        {self.probe(self.rng.choice(VARS))}",
                          "    except Exception:", "        pass"]
        lines += [f"    try:", f"        {self.probe(self.expr())}", "    except Exception:",
                  "        pass"]
        return lines

    def module(self, nfuncs):
        lines = ["LIMIT = 1000", "NAME = 'user'", "PAIR = (1, 'x')", "MARK = object()",
                 "lower = 5", ""]
        for i in range(nfuncs):
            lines += self.function(f"f{i}") + [""]
        lines += ["def rebind():", "    global lower", "    lower = None", ""]
        lines += ["def main():",
                  "    for p, q in (('', 3), ('ab', 300), ('x' * 300, -7), ([1, 2], 2.5),",
                  "                 ('nan', float('nan')), ('7', '12'), ((1,), 0)):",
                  "        for flag in (True, False):"]
        lines += [f"            f{i}(p, q, flag)" for i in range(nfuncs)]
        lines += ["        rebind()", ""]
        return "\n".join(lines)


def observe(path):
    seen = collections.defaultdict(set)

    def probe(ident, value):
        seen[ident].add(type(value).__name__)
        return value

    builtins.probe = probe
    warnings.simplefilter("ignore")   # `300[0]` and the like: they raise, as the program expects
    namespace = {"__name__": "random_probes"}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), namespace)
    namespace["main"]()
    return seen


def claims_of(binary, path):
    out = subprocess.run([binary, path], capture_output=True, text=True, check=True).stdout
    claims = {}
    for line in out.splitlines():
        ident, kinds = line.split()
        claims[int(ident)] = set() if kinds == "-" else set(kinds.split("|"))
    return claims


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--keep")
    args = ap.parse_args(argv[1:])
    keep = args.keep or tempfile.mkdtemp(prefix="value-kinds-")
    total_claims = total_probes = 0
    wrong = []
    for n in range(args.count):
        gen = Gen(random.Random(args.seed * 100003 + n))
        path = os.path.join(keep, f"random_{args.seed}_{n}.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(gen.module(4))
        claims = claims_of(args.binary, path)
        seen = observe(path)
        total_probes += len(claims)
        total_claims += sum(1 for k in claims.values() if k)
        bad = [f"{path}: probe {i}: claimed {sorted(k)}, saw {sorted(seen[i])}"
               for i, k in sorted(claims.items()) if k and not seen[i] <= k]
        wrong += bad
        if not bad and not args.keep:
            os.remove(path)
    ok = not wrong
    print(f"{'ok' if ok else 'not ok'} - value kinds on {args.count} random programs (seed "
          f"{args.seed}): every claimed kind holds ({total_claims} claims, {total_probes} probes)")
    for line in wrong[:20]:
        print(f"# {line}")
    if ok and not args.keep:
        os.rmdir(keep)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
