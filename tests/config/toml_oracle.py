"""Compares gotcha's TOML reader with Python's tomllib on a corpus of documents.

usage: python3.13 toml_oracle.py TEST_TOML_BINARY CORPUS_DIR

CORPUS_DIR/valid/*.toml must be accepted by both readers and convert to the same toml-test tagged JSON;
CORPUS_DIR/invalid/*.toml must be rejected by both. Prints one "ok - ..." / "not ok - ..." line per document.
"""
import datetime
import json
import math
import pathlib
import subprocess
import sys
import tomllib


def scalar_text(value):
    """The same text test_toml --json writes for each scalar type."""
    if isinstance(value, bool):
        return "bool", "true" if value else "false"
    if isinstance(value, int):
        return "integer", str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "float", "nan"
        if math.isinf(value):
            return "float", "inf" if value > 0 else "-inf"
        return "float", "%.17g" % value
    if isinstance(value, str):
        return "string", value
    if isinstance(value, datetime.datetime):
        text = "%04d-%02d-%02dT%02d:%02d:%02d.%06d" % (
            value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond)
        if value.tzinfo is None:
            return "datetime-local", text
        minutes = int(value.utcoffset().total_seconds()) // 60
        sign = "-" if minutes < 0 else "+"
        return "datetime", text + "%s%02d:%02d" % (sign, abs(minutes) // 60, abs(minutes) % 60)
    if isinstance(value, datetime.date):
        return "date-local", "%04d-%02d-%02d" % (value.year, value.month, value.day)
    if isinstance(value, datetime.time):
        return "time-local", "%02d:%02d:%02d.%06d" % (value.hour, value.minute, value.second, value.microsecond)
    raise TypeError(type(value))


def tagged(value):
    if isinstance(value, dict):
        return {key: tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tagged(item) for item in value]
    kind, text = scalar_text(value)
    return {"type": kind, "value": text}


def run_ours(binary, path):
    proc = subprocess.run([binary, "--json", str(path)], capture_output=True)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def oracle_load(path):
    """(tagged value, None) or (None, error text)."""
    try:
        with open(path, "rb") as f:
            return tagged(tomllib.load(f)), None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return None, str(e)


def check_valid(binary, path):
    name = "toml valid " + path.stem
    expected, oracle_err = oracle_load(path)
    if oracle_err is not None:
        return False, name, ["corpus error: tomllib rejects it: " + oracle_err]
    rc, out, err = run_ours(binary, path)
    if rc != 0:
        return False, name, ["gotcha rejects it: " + err.strip()]
    got = json.loads(out)
    if got != expected:
        return False, name, ["want " + json.dumps(expected, sort_keys=True), "got  " + json.dumps(got, sort_keys=True)]
    return True, name, []


def check_invalid(binary, path):
    name = "toml invalid " + path.stem
    expected, oracle_err = oracle_load(path)
    if oracle_err is None:
        return False, name, ["corpus error: tomllib accepts it"]
    rc, out, err = run_ours(binary, path)
    if rc != 1:
        return False, name, ["gotcha accepts it (rc %d): %s" % (rc, out.strip()[:300]), "tomllib: " + oracle_err]
    if not err.startswith("error: line "):
        return False, name, ["error without a line: " + err.strip()]
    return True, name, []


def main():
    binary, corpus = sys.argv[1], pathlib.Path(sys.argv[2])
    failures = 0
    for kind, checker in (("valid", check_valid), ("invalid", check_invalid)):
        paths = sorted((corpus / kind).glob("*.toml"))
        if not paths:
            print("not ok - toml corpus %s is empty" % kind)
            failures += 1
        for path in paths:
            passed, name, details = checker(binary, path)
            print(("ok - " if passed else "not ok - ") + name)
            for line in details:
                print("# " + line)
            failures += not passed
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
