"""Overhead of gotcha_guard on one interpreter (run by `make guard-bench`).

Each workload runs alternately without and with the guard installed, REPEATS times each, in
one process; the table shows the medians and their ratio. Workloads:
  calls       call-heavy code with no mutable default (recursion, methods, keyword defaults)
  created     creates functions in a loop, without defaults or with constant ones (every
              creation and destruction is seen by the function watcher on 3.12+)
  runtime     creates lambdas whose default is computed at run time (lambda x, k=i: ...), the
              worst case: the guard must wait for the defaults to be stored to look at them
  mutable     calls of one function that has a (read-only) list default: the per-call cost
              of a watched function, shown as ns per call added
With --instructions (needs valgrind), instruction counts instead of times: slow, but immune
to the load of the machine.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import gotcha_guard

REPEATS = 15


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other, scale=1):
        return Vector(self.x + other.x * scale, self.y + other.y * scale)


def calls_workload():
    fib(20)
    v = Vector(0, 0)
    step = Vector(1, 2)
    for _ in range(20000):
        v = v.add(step, scale=2)
    return v.x


def created_workload():
    total = 0
    for i in range(20000):
        def adder(x, k=1):
            return x + k
        total += adder(i) + (lambda x: x + i)(1)
    return total


def runtime_defaults_workload():
    total = 0
    for i in range(20000):
        adder = lambda x, k=i: x + k  # noqa: E731
        total += adder(1)
    return total


MUTABLE_CALLS = 200000


def lookup(key, table=[0, 1, 2, 3, 4, 5, 6, 7]):
    return table[key & 7]


def mutable_workload():
    total = 0
    for i in range(MUTABLE_CALLS):
        total += lookup(i)
    return total


def plain_lookup(key, table=(0, 1, 2, 3, 4, 5, 6, 7)):
    return table[key & 7]


def plain_workload():
    total = 0
    for i in range(MUTABLE_CALLS):
        total += plain_lookup(i)
    return total


def timed(workload):
    start = time.perf_counter()
    workload()
    return time.perf_counter() - start


def measure(workload, baseline=None):
    """Medians (without guard, with guard) in seconds; `baseline` runs in the unguarded slot."""
    without, with_guard = [], []
    timed(baseline or workload)
    for _ in range(REPEATS):
        without.append(timed(baseline or workload))
        gotcha_guard.install()
        try:
            with_guard.append(timed(workload))
        finally:
            gotcha_guard.uninstall()
            gotcha_guard.clear()
    return statistics.median(without), statistics.median(with_guard)


WORKLOADS = {
    "calls (no mutable default)": "calls_workload",
    "functions created (constant defaults)": "created_workload",
    "lambdas with run-time defaults": "runtime_defaults_workload",
    "function with a list default": "mutable_workload",
}


def run_one(workload_name, guarded, repeats):
    """Child of --instructions: installs (and maybe uninstalls) the guard, runs a workload."""
    gotcha_guard.install()
    if not guarded:
        gotcha_guard.uninstall()
    workload = globals()[workload_name]
    for _ in range(repeats):
        workload()


def callgrind_instructions(workload_name, guarded, repeats):
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, sys.executable, __file__,
             "--run-one", workload_name, "1" if guarded else "0", str(repeats)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        found = re.search(r"Collected : (\d+)", done.stderr)
        if done.returncode != 0 or not found:
            raise RuntimeError("callgrind failed: " + done.stderr[-500:])
        return int(found.group(1))


def instructions_table():
    """Instructions executed (callgrind), independent of machine load: the difference between
    2 runs and 1 run of a workload removes start-up and install() from the figure."""
    print("gotcha_guard overhead in instructions (callgrind), CPython %d.%d" % sys.version_info[:2])
    print("  %-38s %14s %14s %8s" % ("workload", "no guard", "guard", "ratio"))
    for name, workload_name in WORKLOADS.items():
        counts = []
        for guarded in (False, True):
            counts.append(callgrind_instructions(workload_name, guarded, 2)
                          - callgrind_instructions(workload_name, guarded, 1))
        print("  %-38s %14d %14d %7.3fx" % (name, counts[0], counts[1], counts[1] / counts[0]))


def main():
    if sys.argv[1:2] == ["--run-one"]:
        run_one(sys.argv[2], sys.argv[3] == "1", int(sys.argv[4]))
        return
    if sys.argv[1:2] == ["--instructions"]:
        if shutil.which("valgrind") is None:
            print("--instructions needs valgrind")
            return
        instructions_table()
        return
    version = "%d.%d" % sys.version_info[:2]
    print("gotcha_guard overhead, CPython %s (%s), median of %d runs" % (version, gotcha_guard.MECHANISM, REPEATS))
    print("  %-38s %11s %11s %8s" % ("workload", "no guard", "guard", "ratio"))
    rows = [(name, measure(globals()[workload_name])) for name, workload_name in WORKLOADS.items()]
    for name, (without, with_guard) in rows:
        print("  %-38s %9.2fms %9.2fms %7.3fx" % (name, without * 1e3, with_guard * 1e3, with_guard / without))
    without, with_guard = rows[-1][1]
    print("  watched function: %+.0f ns per call" % ((with_guard - without) / MUTABLE_CALLS * 1e9))


if __name__ == "__main__":
    main()
