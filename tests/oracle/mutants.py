#!/usr/bin/env python3.13
"""Differential accept/reject test: random token-level mutations of real files, CPython 3.13 vs gotcha.

Takes small, UTF-8 files of the 3.13 standard library, finds their token boundaries with
`tokenize`, and makes each mutant by deleting a token, duplicating one, or swapping two adjacent
ones, or replacing one by a token found elsewhere in the file (one to three edits per mutant).
CPython's verdict is `ast.parse` in-process; gotcha's comes from `gotcha dump-ast
--batch-sources`, fed the mutants through a pipe, BATCH at a time. Every disagreement is saved
to OUT/disagree-NNNNNN.py with a note beside it (OUT/disagree-NNNNNN.txt).

Prints test-protocol lines; exits 1 on any disagreement. The same seed gives the same mutants."""
import argparse
import ast
import io
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile
import sysconfig
import tokenize
import warnings

REJECT_EXCEPTIONS = (SyntaxError, ValueError, RecursionError, MemoryError)
MIN_SIZE, MAX_SIZE = 300, 8000  # bytes: small files keep 10,000 mutants quick
ERROR_LINE = re.compile(r"\(line (-?\d+)[,)]")
BATCH = 5000  # mutants per gotcha process (bounds memory on long runs)


def source_files(root):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.endswith(".py") and MIN_SIZE <= os.path.getsize(path) <= MAX_SIZE:
                found.append(path)
    return found


def token_spans(text):
    """(start, end) character offsets of the non-empty tokens of text, or None if it does not
    tokenize. INDENT/DEDENT/ENDMARKER carry no text and are skipped."""
    line_starts = [0]
    for line in text.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    spans = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type in (tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER) or not tok.string:
                continue
            start = line_starts[tok.start[0] - 1] + tok.start[1]
            end = line_starts[tok.end[0] - 1] + tok.end[1]
            if end > start:
                spans.append((start, end))
    except (tokenize.TokenError, SyntaxError, IndexError):
        return None
    return spans


def edit(text, spans, i, op, rng):
    """Apply one edit at token i (ops: delete, duplicate, swap with token i+1, replace by
    another token of the file); returns (new text, description)."""
    start, end = spans[i]
    token = text[start:end]
    if op == "delete":
        return text[:start] + text[end:], f"delete {token!r} at {start}"
    if op == "duplicate":
        return text[:end] + " " + token + text[end:], f"duplicate {token!r} at {start}"
    if op == "replace":
        other_start, other_end = rng.choice(spans)
        other = text[other_start:other_end]
        return text[:start] + other + text[end:], f"replace {token!r} at {start} by {other!r}"
    next_start, next_end = spans[i + 1]
    swapped = text[next_start:next_end] + text[end:next_start] + token
    return text[:start] + swapped + text[next_end:], f"swap {token!r} and {text[next_start:next_end]!r} at {start}"


def make_mutant(text, spans, rng):
    """One to three edits at distinct tokens of the original text. They are applied from the
    last to the first, so each one's offsets are still those of the original tokenization
    (re-tokenizing broken text would be slow and often impossible)."""
    edits = 1 if rng.random() < 0.7 else rng.randint(2, 3)
    chosen = sorted(rng.sample(range(len(spans) - 1), min(edits, len(spans) - 1)), reverse=True)
    notes = []
    previous = None
    for i in chosen:
        if previous is not None and i + 1 >= previous:
            continue  # a swap at i would touch the token edited just before
        text, note = edit(text, spans, i, rng.choice(("delete", "duplicate", "swap", "replace")), rng)
        notes.append(note)
        previous = i
    return text, "; ".join(reversed(notes))


def cpython_accepts(data):
    """(True, "") or (False, "Type: message (line N)")."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, "<mutant>", "exec", ast.PyCF_ONLY_AST)
            return True, ""
        except REJECT_EXCEPTIONS as e:
            return False, f"{type(e).__name__}: {getattr(e, 'msg', e)} (line {getattr(e, 'lineno', None)})"


def error_line(message):
    """The line number in "... (line N)" or "... (line N, column M)", else None."""
    found = ERROR_LINE.search(message)
    return int(found.group(1)) if found else None


def generate_mutants(files, count, seed):
    """Yields count mutants (origin path, description, UTF-8 bytes); the same for the same seed."""
    rng = random.Random(seed)
    sources = {}  # path -> (text, token spans), or None when unusable
    made = 0
    while made < count:
        path = rng.choice(files)
        if path not in sources:
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                spans = token_spans(text)
                sources[path] = (text, spans) if spans and len(spans) >= 3 else None
            except (UnicodeDecodeError, OSError):
                sources[path] = None
        if sources[path] is None:
            continue
        text, note = make_mutant(*sources[path], rng)
        made += 1
        yield path, note, text.encode("utf-8", "surrogatepass")


def batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def gotcha_verdicts(gotcha, sources):
    """Accepted? per source, from one `gotcha dump-ast --batch-sources` run (None: no output,
    a crash). The dumps are read as a stream and only each one's start is kept: they add up to
    far more than the sources."""
    errors = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would block gotcha
    proc = subprocess.Popen([gotcha, "dump-ast", "--batch-sources"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=errors)
    proc.stdin.write(b"".join(b"%d\n" % len(data) + data for data in sources))
    proc.stdin.close()  # gotcha reads all of stdin before writing: no deadlock
    heads = []
    current = b""
    while chunk := proc.stdout.read(1 << 20):
        pieces = chunk.split(b"\0")
        for piece in pieces[:-1]:
            heads.append((current + piece[:300])[:300])
            current = b""
        if len(current) < 300:
            current += pieces[-1][:300]
    status = proc.wait()
    errors.seek(0)
    stderr = errors.read()
    verdicts = [(not h.startswith((b"SyntaxError:", b"Error:")), h.decode("utf-8", "replace").strip())
                for h in heads[:len(sources)]]
    return verdicts + [None] * (len(sources) - len(verdicts)), status, stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gotcha", required=True)
    ap.add_argument("--root", default=sysconfig.get_paths()["stdlib"])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="folder where disagreeing mutants are saved")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--name", default="mutants")
    args = ap.parse_args()

    files = source_files(args.root)
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if old.startswith("disagree-"):
            os.remove(os.path.join(args.out, old))

    disagreements = []
    other_line = []  # both reject, on different lines: reported, not (yet) a failure
    accepted = total = 0
    gotcha_failures = []
    with multiprocessing.Pool(args.jobs) as pool:
        for batch in batches(generate_mutants(files, args.count, args.seed), BATCH):
            sources = [data for _, _, data in batch]
            cpython = pool.map(cpython_accepts, sources, chunksize=64)
            ours, status, stderr = gotcha_verdicts(args.gotcha, sources)
            if status != 0:
                gotcha_failures.append((status, stderr))
            for (origin, note, data), (cp_ok, cp_msg), our in zip(batch, cpython, ours):
                n = total
                total += 1
                accepted += cp_ok
                if our is not None and our[0] == cp_ok:
                    if not cp_ok and error_line(cp_msg) != error_line(our[1]):
                        other_line.append((n, origin, note, cp_msg, our[1]))
                    continue
                saved = os.path.join(args.out, f"disagree-{n:06d}")
                with open(saved + ".py", "wb") as f:
                    f.write(data)
                our_text = "no output (crash?)" if our is None else ("accepts" if our[0] else our[1])
                with open(saved + ".txt", "w", encoding="utf-8") as f:
                    f.write(f"origin: {origin}\nmutation: {note}\n"
                            f"cpython: {'accepts' if cp_ok else cp_msg}\ngotcha: {our_text}\n")
                disagreements.append((saved + ".py", origin, note, cp_ok, cp_msg, our_text))

    ok = not disagreements and not gotcha_failures
    print(f"{'ok' if ok else 'not ok'} - {args.name}: {total} mutants of {len(files)} files "
          f"(seed {args.seed}), CPython accepts {accepted}, rejects {total - accepted}; "
          f"{len(disagreements)} disagreements")
    if other_line:
        listing = os.path.join(args.out, "rejected-on-other-lines.txt")
        with open(listing, "w", encoding="utf-8") as f:
            for n, origin, note, cp_msg, our_msg in other_line:
                f.write(f"{n:06d} {os.path.relpath(origin, args.root)}: {note}\n"
                        f"    cpython: {cp_msg}\n    gotcha:  {our_msg}\n")
        print(f"#   (information) both reject but on different lines: {len(other_line)} "
              f"of {total - accepted}, listed in {listing}")
    for status, stderr in gotcha_failures[:3]:
        print(f"#   gotcha exited with status {status}:")
        for line in stderr[-2000:].decode(errors="replace").splitlines()[-20:]:
            print(f"#   | {line}")
    for saved, origin, note, cp_ok, cp_msg, our_text in disagreements[:30]:
        print(f"#   {saved}: {os.path.relpath(origin, args.root)}: {note}")
        print(f"#     cpython: {'accepts' if cp_ok else cp_msg}; gotcha: {our_text}")
    if len(disagreements) > 30:
        print(f"#   ... and {len(disagreements) - 30} more in {args.out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
