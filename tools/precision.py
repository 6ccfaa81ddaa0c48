#!/usr/bin/env python3
"""Precision harness: how often is a default-rule finding a real problem, on real code we did not write?

Runs `gotcha check` with the default rules over the real code on this machine (the site-packages of
a CPython 3.11, pyenv's 3.11.7 here, and Debian's python3-django), draws a fixed-seed sample of each
rule's findings, looks each sampled finding up in the triage files (`tests/precision/triage.tsv`: path, line, code, verdict,
reason; tab-separated) and prints precision per rule plus the sampled findings not judged yet.

The sample is stable: findings are ordered by a hash of (seed, path, line, code) and the first N are
taken, so a rule change that adds or removes findings changes the sample only where it must and
earlier verdicts keep counting. Paths are relative to the corpus root and start with the corpus
name: `site-packages/attr/_make.py`, `django/db/models/base.py`.

Precision = TP / judged. A "debatable" verdict is not a TP: it counts against the rule.

Usage: tools/precision.py [--gotcha BIN] [--sample N] [--seed S] [--rule CODE] [--context K]
                          [--triage FILE]... [--list-unjudged] [--extend-select CODES] [--all]
Not part of `make test`: the corpora are machine files. `make precision` runs it.
"""
import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys

VERDICTS = ("TP", "FP", "debatable")
BAR = 0.90


def corpora():
    """(name, root, checked path) for each corpus present on this machine."""
    out = []
    finder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib", "python.sh")
    try:   # a CPython 3.11 (pyenv's 3.11.7 here), found like every interpreter of the project
        py311 = subprocess.run([finder, "3.11"], capture_output=True, text=True, check=True).stdout.strip()
        sp = subprocess.run([py311, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True).stdout.strip()
        if os.path.isdir(sp):
            out.append(("site-packages", sp, sp))
    except (OSError, subprocess.CalledProcessError):
        pass
    dj = "/usr/lib/python3/dist-packages/django"
    if os.path.isdir(dj):
        out.append(("django", dj, dj))
    return out


def run_gotcha(binary, root, extend):
    extra = ["--extend-select", extend] if extend else []
    proc = subprocess.run([binary, "check", "--isolated", "--no-cache", "--exit-zero", "--output-format", "json",
                           "--quiet", *extra, root], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"precision: gotcha failed on {root}: {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def findings(binary, extend):
    """Every finding of the default rules (plus `extend`), as dicts with a corpus-relative `path`."""
    found = []
    for name, root, checked in corpora():
        for d in run_gotcha(binary, checked, extend):
            rel = os.path.relpath(d["filename"], root)
            found.append({"path": f"{name}/{rel}", "abs": d["filename"], "line": d["location"]["row"],
                          "code": d["code"], "message": d["message"]})
    return found


def sample_key(seed, f):
    return hashlib.sha256(f"{seed}:{f['path']}:{f['line']}:{f['code']}".encode()).hexdigest()


def read_triage(paths):
    verdicts = {}
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) != 5 or cols[3] not in VERDICTS or not cols[1].isdigit():
                    sys.exit(f"{path}:{n}: want path<TAB>line<TAB>code<TAB>TP|FP|debatable<TAB>reason")
                verdicts[(cols[0], int(cols[1]), cols[2])] = (cols[3], cols[4])
    return verdicts


def show_context(f, k):
    try:
        with open(f["abs"], encoding="utf-8", errors="replace") as fh:
            lines = fh.read().split("\n")
    except OSError:
        return
    lo, hi = max(0, f["line"] - 1 - k), min(len(lines), f["line"] + k)
    for i in range(lo, hi):
        mark = ">" if i == f["line"] - 1 else " "
        print(f"    {mark}{i + 1:6} {lines[i]}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gotcha", default=os.path.join(top, "build", "gotcha"))
    ap.add_argument("--sample", type=int, default=25, help="findings judged per rule (default 25)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--rule", action="append", help="only these codes")
    ap.add_argument("--extend-select", help="also run these rules (an opt-in rule's precision)")
    ap.add_argument("--triage", action="append",
                    help="triage file(s); default tests/precision/triage.tsv")
    ap.add_argument("--context", type=int, default=0, help="print K lines around unjudged findings")
    ap.add_argument("--list-unjudged", action="store_true", help="list the sampled unjudged findings")
    ap.add_argument("--all", action="store_true", help="list every finding of the selected rules")
    args = ap.parse_args()
    triage = read_triage(args.triage or [os.path.join(top, "tests", "precision", "triage.tsv")])

    by_rule = collections.defaultdict(list)
    for f in findings(args.gotcha, args.extend_select):
        if not args.rule or f["code"] in args.rule:
            by_rule[f["code"]].append(f)
    if not by_rule:
        print("no findings")
        return 0

    print(f"{'rule':6} {'findings':>8} {'sample':>6} {'judged':>6} {'TP':>4} {'FP':>4} {'deb':>4} "
          f"{'precision':>9}")
    total = 0
    unjudged = []
    for code in sorted(by_rule):
        fs = sorted(by_rule[code], key=lambda f: sample_key(args.seed, f))
        total += len(fs)
        sample = fs if args.all else fs[:args.sample]
        counts = collections.Counter()
        for f in sample:
            v = triage.get((f["path"], f["line"], f["code"]))
            if v:
                counts[v[0]] += 1
            else:
                unjudged.append(f)
        judged = sum(counts.values())
        prec = f"{counts['TP'] / judged:9.0%}" if judged else f"{'-':>9}"
        flag = ""
        if judged and counts["TP"] / judged < BAR:
            flag = "  below 90%"
        if judged < len(sample):
            flag += f"  ({len(sample) - judged} unjudged)"
        print(f"{code:6} {len(fs):8} {len(sample):6} {judged:6} {counts['TP']:4} {counts['FP']:4} "
              f"{counts['debatable']:4} {prec}{flag}")
    print(f"total findings: {total}" + (f" (default rules + {args.extend_select})" if args.extend_select else " (default rules)"))
    if unjudged and (args.list_unjudged or args.context):
        print("\nsampled findings not judged yet (path, line, code, message):")
        for f in unjudged:
            print(f"{f['path']}\t{f['line']}\t{f['code']}\t{f['message']}")
            if args.context:
                show_context(f, args.context)
    return 0


if __name__ == "__main__":
    sys.exit(main())
