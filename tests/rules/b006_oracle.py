"""Differential check of GT101+GT102+GT103 against an independent B006-style oracle.

Oracle (RULES.md's definition, on CPython's own ast): a default is mutable when it is a
list/dict/set display or comprehension, or a call to list/dict/set/bytearray,
collections.{deque,defaultdict,OrderedDict,Counter,ChainMap,UserDict,UserList} or array.array
(through `import m [as a]` / `from m import x [as y]`). Parameters named like intentional caches
are skipped. Expected: every oracle default without a read-only annotation is reported by exactly
one of GT101/GT102/GT103; one with a read-only annotation only by GT101/GT102; every reported
default is an oracle default or a module-level name.
usage: b006_oracle.py GOTCHA_CONCISE_OUTPUT FILE..."""
import ast
import multiprocessing
import re
import sys

MUTABLE = {"list", "dict", "set", "bytearray", "array.array"} | {
    "collections." + n for n in "deque defaultdict OrderedDict Counter ChainMap UserDict UserList".split()}
READ_ONLY = set("Sequence Mapping Iterable Collection Container AbstractSet Reversible Sized Iterator "
                "KeysView ValuesView ItemsView tuple Tuple frozenset FrozenSet MappingProxyType Hashable".split())
CACHE = re.compile(r"^_?cache|_cache$|^_?memo")


def imports(tree):
    names, rebound = {}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                names[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for a in node.names:
                names[a.asname or a.name] = node.module + "." + a.name
    for node in tree.body:   # module-level rebinding of a builtin
        for t in getattr(node, "targets", []):
            if isinstance(t, ast.Name):
                rebound.add(t.id)
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            rebound.add(node.name)
    return names, rebound


def qualname(e, names, rebound):
    if isinstance(e, ast.Name):
        if e.id in names:
            return names[e.id]
        return None if e.id in rebound else e.id
    if isinstance(e, ast.Attribute):
        base = qualname(e.value, names, rebound)
        if base == "builtins":   # builtins.dict is dict
            return e.attr
        return base and base + "." + e.attr
    return None


def mutable(e, names, rebound):
    if isinstance(e, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if not isinstance(e, ast.Call):
        return False
    func = e.func.value if isinstance(e.func, ast.Subscript) else e.func   # list[int]() is list()
    return qualname(func, names, rebound) in MUTABLE


ABC_SET = {"collections.abc.Set", "_collections_abc.Set"}


def read_only(ann, names=None, rebound=()):
    names = names or {}
    if ann is None:
        return False
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):   # "Sequence[int]"
        try:
            return read_only(ast.parse(ann.value, mode="eval").body, names, rebound)
        except SyntaxError:
            return False
    if isinstance(ann, (ast.Name, ast.Attribute)):
        last = ann.id if isinstance(ann, ast.Name) else ann.attr
        if last == "Set":   # typing.Set is the mutable set; collections.abc.Set is read-only
            return qualname(ann, names, rebound) in ABC_SET or ast.unparse(ann) in ("abc.Set", "collections.abc.Set")
        return last in READ_ONLY
    if isinstance(ann, ast.Subscript):
        base = ann.value
        last = getattr(base, "id", getattr(base, "attr", None))
        if last in ("Optional", "Final"):
            return read_only(ann.slice, names, rebound)
        if last == "Annotated":   # Annotated[T, metadata] is T
            inner = ann.slice.elts[0] if isinstance(ann.slice, ast.Tuple) else ann.slice
            return read_only(inner, names, rebound)
        return read_only(base, names, rebound)
    if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
        sides = [s for s in (ann.left, ann.right) if not isinstance(s, ast.Constant)]
        return bool(sides) and all(read_only(s, names, rebound) for s in sides)
    return False


def char_col(line, byte_col):
    return len(line.encode()[:byte_col].decode(errors="replace")) + 1


def oracle(path):
    try:
        text = open(path, encoding="utf-8").read()
        tree = ast.parse(text)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None
    lines = text.splitlines()
    names, rebound = imports(tree)
    found = {}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        a = node.args
        pos = a.posonlyargs + a.args
        pairs = list(zip(pos[len(pos) - len(a.defaults):], a.defaults))
        pairs += [(p, d) for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
        for param, d in pairs:
            if CACHE.search(param.arg):
                continue
            key = (d.lineno, char_col(lines[d.lineno - 1], d.col_offset))
            if mutable(d, names, rebound):
                found[key] = "read-only" if read_only(param.annotation, names, rebound) else "plain"
            elif isinstance(d, ast.Name):
                found[key] = "name"
    return found


def main():
    reported = {}
    for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
        m = re.match(r"(.*?):(\d+):(\d+): (GT10[123]) ", line)
        if m:
            reported.setdefault(m.group(1), {})[(int(m.group(2)), int(m.group(3)))] = m.group(4)
    problems = checked = 0
    paths = sys.argv[2:]
    with multiprocessing.Pool() as pool:
        oracles = pool.map(oracle, paths, chunksize=16)
    for path, expected in zip(paths, oracles):
        if expected is None:
            continue
        got = reported.get(path, {})
        for key, kind in expected.items():
            checked += kind != "name"
            code = got.get(key)
            if kind == "plain" and code is None:
                print(f"# missed: {path}:{key[0]}:{key[1]}")
                problems += 1
            elif kind == "read-only" and code == "GT103":
                print(f"# read-only default reported as GT103: {path}:{key[0]}:{key[1]}")
                problems += 1
        for key, code in got.items():
            if key not in expected:
                print(f"# not a mutable default: {path}:{key[0]}:{key[1]} {code}")
                problems += 1
    print(f"# {checked} mutable defaults compared, {problems} differences")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
