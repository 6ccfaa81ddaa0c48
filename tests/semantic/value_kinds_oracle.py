#!/usr/bin/env python3
"""Check sem_value_kinds against CPython: run a probe file (tests/semantic/value_kinds.py) with a
`probe(ID, value)` builtin that records type(value).__name__, then compare with the claims the
unit binary printed (`ID KINDS` lines, KINDS `int|str` or `-`).

  value_kinds_oracle.py PROBES.py CLAIMS.txt EXPECTED.txt LABEL

Prints TAP-like lines: one per claimed probe whose observed types are all claimed (soundness),
one for probes that never ran (the file must exercise every probe), one comparing the claims
with EXPECTED (what is known today). Exit status 0 unless the probe file itself fails."""
import builtins
import collections
import sys


def run_probes(path):
    observed = collections.defaultdict(set)

    def probe(ident, value):
        observed[ident].add(type(value).__name__)
        return value

    builtins.probe = probe
    namespace = {"__name__": "value_kinds_probes", "__file__": path}
    with open(path, encoding="utf-8") as f:
        code = compile(f.read(), path, "exec")
    exec(code, namespace)
    namespace["main"]()
    return observed


def read_claims(path):
    claims = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            ident, kinds = line.split()
            claims[int(ident)] = set() if kinds == "-" else set(kinds.split("|"))
    return claims


def report(ok, name, detail=""):
    print(f"{'ok' if ok else 'not ok'} - {name}")
    if not ok and detail:
        for line in detail.splitlines()[:20]:
            print(f"# {line}")


def main(argv):
    probes, claims_path, expected_path, label = argv[1:5]
    observed = run_probes(probes)
    claims = read_claims(claims_path)
    wrong = [f"probe {i}: claimed {sorted(k)}, CPython saw {sorted(observed[i])}"
             for i, k in sorted(claims.items()) if k and not observed[i] <= k]
    report(not wrong, f"{label}: every claimed kind holds at run time "
           f"({sum(1 for k in claims.values() if k)} claims, {len(claims)} probes)", "\n".join(wrong))
    never = sorted(i for i in claims if not observed[i])
    report(not never, f"{label}: every probe ran", f"never ran: {never}")
    with open(expected_path, encoding="utf-8") as f:
        expected = f.read()
    with open(claims_path, encoding="utf-8") as f:
        got = f.read()
    report(got == expected, f"{label}: claims are tests/semantic/value_kinds.expected",
           "\n".join(f"expected {e!r} got {g!r}" for e, g in zip(expected.splitlines(), got.splitlines())
                     if e != g) or "line count differs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
