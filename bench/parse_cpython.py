#!/usr/bin/env python3.13
"""CPython's side of the parse benchmark: ast.parse (compile to an AST, no dump) of the
NUL-separated paths on stdin, all files read into memory first, single thread.
Prints one line in the format of `gotcha parse-bench`."""
import ast
import statistics
import sys
import time
import warnings


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    paths = [p for p in sys.stdin.buffer.read().split(b"\0") if p]
    sources = []
    for p in paths:
        with open(p, "rb") as f:
            sources.append((p.decode(errors="surrogateescape"), f.read()))
    total = sum(len(data) for _, data in sources)
    times = []
    rejected = 0
    warnings.simplefilter("ignore")
    for _ in range(rounds):
        rejected = 0
        start = time.perf_counter()
        for name, data in sources:
            try:
                compile(data, name, "exec", ast.PyCF_ONLY_AST)
            except (SyntaxError, ValueError):
                rejected += 1
        times.append(time.perf_counter() - start)
    median = statistics.median_low(times)
    print(f"parse-bench files={len(sources)} bytes={total} rejected={rejected} rounds={rounds} "
          f"median_s={median:.4f} min_s={min(times):.4f} mb_per_s={total / 1e6 / median:.1f}")


if __name__ == "__main__":
    main()
