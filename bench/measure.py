#!/usr/bin/env python3
"""Run a command several times; print one line: median and min wall seconds, median CPU seconds
(user+sys of the child) and the peak RSS in MB over all runs. Used by bench/check.sh.
Usage: measure.py ROUNDS -- COMMAND ARGS..."""
import os
import resource
import statistics
import subprocess
import sys
import time


def main():
    rounds = int(sys.argv[1])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    walls, cpus, peak_kb = [], [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peak_kb = max(peak_kb, usage.ru_maxrss)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"measure.py: {' '.join(cmd)} exited with {code}")
    print(f"median_s={statistics.median(walls):.4f} min_s={min(walls):.4f} "
          f"cpu_s={statistics.median(cpus):.4f} peak_mb={peak_kb / 1024:.1f}")


if __name__ == "__main__":
    main()
