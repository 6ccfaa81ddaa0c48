#!/usr/bin/env python3.13
"""AST oracle: `gotcha dump-ast` against CPython 3.13's
ast.dump(ast.parse(source), include_attributes=True), byte for byte, on every .py file under ROOT.

CPython's side runs in-process (in parallel); its results are cached as digests under --cache,
keyed by path, size and mtime, so later runs only parse what changed. gotcha's side is one
`gotcha dump-ast --batch` process reading all paths. A file agrees when both accept it and the
dumps are equal, or both reject it with the error on the same line.

Prints test-protocol lines ("ok - NAME" / "not ok - NAME" and "#" details) and exits 1 when a
difference is not listed in the known-differences file (lines "relative/path  reason")."""
import argparse
import ast
import hashlib
import multiprocessing
import os
import pickle
import re
import subprocess
import sys
import tempfile
import warnings

CACHE_VERSION = 1
REJECT_EXCEPTIONS = (SyntaxError, ValueError, RecursionError, MemoryError)
GOTCHA_ERROR_LINE = re.compile(rb"^SyntaxError: (.*) \(line (-?\d+), column (-?\d+)\)\n?$", re.S)


def python_files(root):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        found.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return found


def cpython_dump(path):
    """CPython's verdict on one file: ("ok", dump) or ("error", "Type: msg", lineno)."""
    with open(path, "rb") as f:
        data = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = compile(data, path, "exec", ast.PyCF_ONLY_AST)
        except REJECT_EXCEPTIONS as e:
            return ("error", f"{type(e).__name__}: {getattr(e, 'msg', str(e))}",
                    getattr(e, "lineno", None))
    return ("ok", ast.dump(tree, include_attributes=True))


def digest(text):
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def cpython_verdict(path):
    """What the cache keeps: ("ok", sha1 of the dump) or ("error", message, lineno)."""
    try:
        result = cpython_dump(path)
    except OSError as e:
        return ("unreadable", str(e), None)
    except Exception as e:  # e.g. a dump too deep for ast.dump's recursion
        return ("oracle-failed", f"{type(e).__name__}: {e}", None)
    if result[0] == "ok":
        return ("ok", digest(result[1]))
    return result


def file_key(path):
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns)


def load_cache(cache_path):
    try:
        with open(cache_path, "rb") as f:
            cache = pickle.load(f)
        return cache if cache.get("version") == CACHE_VERSION else {"version": CACHE_VERSION}
    except (OSError, pickle.PickleError, EOFError):
        return {"version": CACHE_VERSION}


def cpython_verdicts(paths, cache_path, jobs):
    cache = load_cache(cache_path) if cache_path else {"version": CACHE_VERSION}
    keys = {p: file_key(p) for p in paths}
    stale = [p for p in paths if cache.get(p, (None, None))[0] != keys[p]]
    if stale:
        with multiprocessing.Pool(jobs) as pool:
            for path, verdict in zip(stale, pool.imap(cpython_verdict, stale, chunksize=8)):
                cache[path] = (keys[path], verdict)
        if cache_path:
            os.makedirs(os.path.dirname(cache_path), exist_ok=True)
            tmp = cache_path + ".tmp"
            with open(tmp, "wb") as f:
                pickle.dump(cache, f)
            os.replace(tmp, cache_path)
    return {p: cache[p][1] for p in paths}


def gotcha_outputs(gotcha, paths, timeout, status):
    """Run `gotcha dump-ast --batch`; yields (path, output bytes) in order, and at the end sets
    status["exit"] and status["stderr"]. A crash shows up as fewer outputs than paths (the rest
    are reported as missing by the caller) and a non-zero exit (also from sanitizers)."""
    errors = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would block gotcha
    proc = subprocess.Popen([gotcha, "dump-ast", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=errors)
    listing = b"".join(os.fsencode(p) + b"\0" for p in paths)
    # gotcha reads the whole list before it writes, so writing it all first cannot deadlock.
    proc.stdin.write(listing)
    proc.stdin.close()
    pending = b""
    index = 0
    while True:
        chunk = proc.stdout.read(1 << 20)
        if not chunk:
            break
        pending += chunk
        *records, pending = pending.split(b"\0")
        for record in records:
            if index < len(paths):
                yield paths[index], record
            index += 1
    status["exit"] = proc.wait(timeout=timeout)
    errors.seek(0)
    status["stderr"] = errors.read()


def first_difference(expected, got, context=160):
    """A short excerpt of both texts around their first differing character."""
    at = next((i for i, (x, y) in enumerate(zip(expected, got)) if x != y), min(len(expected), len(got)))
    start = max(0, at - context)
    return (f"at char {at}:\n"
            f"#   expected: ...{expected[start:at + context]}\n"
            f"#   got:      ...{got[start:at + context]}")


def load_known(path):
    known = {}
    if not path or not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, reason = line.partition(" ")
            if not reason.strip():
                raise SystemExit(f"{path}: entry without a reason: {line}")
            known[name] = reason.strip()
    return known


def compare(path, verdict, record):
    """None when CPython and gotcha agree on the file, else a description of the difference."""
    text = record.decode("utf-8", "surrogateescape")
    error = GOTCHA_ERROR_LINE.match(record)
    if verdict[0] == "ok":
        if error:
            return f"CPython accepts, gotcha rejects: {text.strip()}"
        dump = text[:-1] if text.endswith("\n") else text
        if digest(dump) == verdict[1]:
            return None
        expected = cpython_dump(path)[1]
        return "dumps differ " + first_difference(expected, dump)
    if verdict[0] == "error":
        if not error:
            if text.startswith("Error:"):
                return f"gotcha could not read the file: {text.strip()}"
            return f"CPython rejects ({verdict[1]}, line {verdict[2]}), gotcha accepts"
        if verdict[2] is not None and int(error.group(2)) != verdict[2]:
            return (f"both reject, on different lines: CPython line {verdict[2]} ({verdict[1]}), "
                    f"gotcha {text.strip()}")
        return None
    return f"oracle problem: {verdict[0]} {verdict[1]}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gotcha", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--name", default="oracle", help="name of the ok/not ok line")
    ap.add_argument("--cache", help="file caching CPython's verdicts")
    ap.add_argument("--known", help="known differences: 'relative/path reason' per line")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--show", type=int, default=40, help="differences to describe in full")
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--report", help="write every difference to this file")
    args = ap.parse_args()
    sys.setrecursionlimit(100000)

    paths = python_files(args.root)
    verdicts = cpython_verdicts(paths, args.cache, args.jobs)
    known = load_known(args.known)

    counts = {"equal": 0, "accepted": 0, "rejected": 0, "rejected_same_message": 0}
    differences = []  # (relative path, description)
    seen = set()
    status = {}
    for path, record in gotcha_outputs(args.gotcha, paths, args.timeout, status):
        seen.add(path)
        verdict = verdicts[path]
        problem = compare(path, verdict, record)
        rel = os.path.relpath(path, args.root)
        if problem is None:
            counts["equal"] += 1
            if verdict[0] == "ok":
                counts["accepted"] += 1
            else:
                counts["rejected"] += 1
                message = verdict[1].partition(": ")[2]
                counts["rejected_same_message"] += message.encode() in record
        else:
            differences.append((rel, problem))
    for path in paths:
        if path not in seen:
            differences.append((os.path.relpath(path, args.root), "no output from gotcha (crash?)"))

    unexpected = [(rel, p) for rel, p in differences if rel not in known]
    stale = sorted(set(known) - {rel for rel, _ in differences})
    ok = not unexpected and status["exit"] == 0
    print(f"{'ok' if ok else 'not ok'} - {args.name}: {len(paths)} files, {counts['equal']} equal, "
          f"{len(differences)} differ ({len(unexpected)} not in known differences)")
    if status["exit"] != 0:
        print(f"#   gotcha exited with status {status['exit']}:")
        for line in status["stderr"][-3000:].decode(errors="replace").splitlines()[-30:]:
            print(f"#   | {line}")
    print(f"#   agreeing: {counts['accepted']} accepted with equal dumps, {counts['rejected']} rejected "
          f"on the same line ({counts['rejected_same_message']} with the same message)")
    for rel, problem in unexpected[:args.show]:
        print(f"#   {rel}: {problem}")
    if len(unexpected) > args.show:
        print(f"#   ... and {len(unexpected) - args.show} more")
    for rel, problem in differences:
        if rel in known:
            print(f"#   known: {rel}: {known[rel]}")
    for rel in stale:
        print(f"#   known difference no longer differs (remove it from the list): {rel}")
    if args.report:
        os.makedirs(os.path.dirname(os.path.abspath(args.report)), exist_ok=True)
        with open(args.report, "w", encoding="utf-8", errors="surrogateescape") as f:
            for rel, problem in differences:
                f.write(f"{rel}: {problem}\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
