#!/usr/bin/env python3
"""The JSON reader of src/json/ against Python's json module as oracle.

Generates documents (random values with every kind of string escape, astral characters,
numbers in every form) and mutations of them (bytes deleted, inserted, swapped), runs them through
`test_json --roundtrip` (one document per line) and checks, per document: both accept or both
reject, and what gotcha writes back parses in Python to the same value (a lone surrogate escape
stands for U+FFFD in gotcha's reader). Prints `ok - ` / `not ok - ` lines.
Usage: json_oracle.py TEST_JSON_BINARY [COUNT]"""
import json
import math
import random
import re
import subprocess
import sys

rng = random.Random(15)
ALPHABET = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\x01', '\x7f', 'é', '€', '𝄞', '😀', '\u2028', '\ufeff']


def rand_string():
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(6)))


def rand_number():
    return rng.choice([0, -0, 1, -17, 2 ** 53, -2 ** 63, 10 ** 30, 0.5, -1e-7, 3.25e100, 1.0])


def rand_value(depth=0):
    kind = rng.randrange(7 if depth < 6 else 4)
    if kind == 0:
        return rand_string()
    if kind == 1:
        return rand_number()
    if kind == 2:
        return rng.choice([True, False, None])
    if kind == 3:
        return rand_string()
    if kind in (4, 5):
        return [rand_value(depth + 1) for _ in range(rng.randrange(4))]
    return {rand_string(): rand_value(depth + 1) for _ in range(rng.randrange(4))}


def rand_text(v):
    text = json.dumps(v, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1]))
    text = text.replace("\n", " ")   # one document per line
    if rng.random() < 0.2:   # hand-written escapes: surrogate pairs, lone surrogates, short forms
        text = text.replace('"', '"\\ud834\\udd1e\\/\\b', 1) if text.startswith('"') else text
    return text


def mutate(text):
    b = bytearray(text.encode())
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(3)
        i = rng.randrange(len(b) + 1)
        if op == 0 and b:
            del b[min(i, len(b) - 1)]
        elif op == 1:
            b[i:i] = bytes([rng.choice(b'{}[],:"\\ 0-.eEtrufalsn\xff\xc3\x80')])
        elif b:
            j = rng.randrange(len(b))
            b[min(i, len(b) - 1)], b[j] = b[j], b[min(i, len(b) - 1)]
    return bytes(b).replace(b"\n", b" ").replace(b"\r", b" ")


def python_parse(data):
    """(True, value) or (False, None), with gotcha's rules: UTF-8 only, no NaN/Infinity."""
    try:
        text = data.decode("utf-8")
        def no_constant(name):
            raise ValueError(name)
        return True, json.loads(text, parse_constant=no_constant)
    except (ValueError, RecursionError):
        return False, None


def normalize(v):
    if isinstance(v, str):
        return re.sub("[\ud800-\udfff]", "\ufffd", v)
    if isinstance(v, list):
        return [normalize(x) for x in v]
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            out[normalize(k)] = normalize(x)
        return out
    if isinstance(v, float) and math.isinf(v):
        return "inf"
    return v


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    docs = []
    for _ in range(count):
        t = rand_text(rand_value()).encode("utf-8", "surrogatepass")
        docs.append(t if rng.random() < 0.5 else mutate(t.decode("utf-8", "replace")))
    out = subprocess.run([binary, "--roundtrip"], input=b"\n".join(docs) + b"\n", capture_output=True).stdout
    lines = out.split(b"\n")
    accept_diff, value_diff, accepted = [], [], 0
    for i, d in enumerate(docs):
        ok, val = python_parse(d)
        got = lines[i] if i < len(lines) else b"<missing>"
        ours = got != b"error"
        if ok != ours:
            accept_diff.append((d, got))
            continue
        if ok:
            accepted += 1
            if normalize(json.loads(got.decode())) != normalize(val):
                value_diff.append((d, got))
    print(("ok" if not accept_diff else "not ok") + " - json oracle: %d documents (%d valid), accepted exactly "
          "when Python's json accepts" % (len(docs), accepted))
    for d, g in accept_diff[:5]:
        print("# %r -> %r" % (d, g))
    print(("ok" if not value_diff else "not ok") + " - json oracle: every accepted document reads as Python reads it")
    for d, g in value_diff[:5]:
        print("# %r -> %r" % (d, g))


if __name__ == "__main__":
    main()
