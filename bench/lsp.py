#!/usr/bin/env python3
"""Bench of `gotcha server` (issue 15, deliver 4): the time from a `didChange` to the
`publishDiagnostics` that answers it, on a 2,000-line file of real code, and the server's RSS
after 10 and after 1,000 edits.

The file: whole top-level statements of a standard-library module (SOURCE, default argparse.py of
the interpreter running this script) up to 1,994 lines, with a 4-line function that has a leaking
default put at the top-level boundary nearest the middle, padded with blank lines to 2,000.
Each edit is one incremental change on that function's line, `seen=[]` <-> `seen=None`, so
every edit changes the findings (one GT101 more or less). An edit is sent only after the answer
to the previous one (the time of an editor where a person types, not of a burst the server may
coalesce). The answer is the publish whose `version` is the edit's (or, from a server that
sends no version, the next publish with the expected GT101 count).

Usage: lsp.py [--edits N] [--source FILE] [--instructions N] GOTCHA
Prints: lines, findings, the median, p10, p90 and max of the latencies in ms, the ratio of the
median to the 10 ms goal, VmRSS after edit 10 and after the last, and their ratio. Exits 1 when
the server does not answer (times out after 10 s) or dies. --instructions N counts instead the
instructions one edit costs under callgrind (load-proof) and prints where they go.
"""
import argparse
import ast
import json
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time

GOAL_MS = 10.0
LINES = 2000
LEAK = ["def _bench_leak(request, seen=[]):", "    seen.append(request)", "    return seen", ""]


def build_document(source):
    """The 2,000-line text and the 0-based line of the leaking `def`."""
    with open(source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    tree = ast.parse("\n".join(lines))
    ends = [node.end_lineno for node in tree.body if node.end_lineno <= LINES - len(LEAK) - 2]
    if not ends:
        sys.exit(f"lsp.py: {source} has no top-level statement that ends before line {LINES}")
    body = lines[:ends[-1]]
    middle = min(ends, key=lambda e: abs(e - len(body) // 2))
    doc = body[:middle] + ["", ""] + LEAK + body[middle:]
    doc += [""] * (LINES - len(doc))
    text = "\n".join(doc[:LINES]) + "\n"
    ast.parse(text)
    return text, middle + 2


class Server:
    """`gotcha server` on pipes, with Content-Length framing."""

    def __init__(self, cmd, cwd):
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buf = b""
        self.next_id = 0

    def send(self, method, params, request=False):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()
        return message.get("id")

    def receive(self, timeout=10.0):
        """The next message (a dict), or None after `timeout` seconds or at end of output."""
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:"))
                if len(rest) >= length:
                    self.buf = rest[length:]
                    return json.loads(rest[:length])
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return None
            self.buf += chunk

    def wait_for(self, pred, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            message = self.receive(max(0.0, deadline - time.monotonic()))
            if message is None or pred(message):
                return message
            if "id" in message and "method" in message:   # a request from the server
                body = {"jsonrpc": "2.0", "id": message["id"], "result": None}
                data = json.dumps(body).encode()
                self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
                self.proc.stdin.flush()

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))

    def close(self, timeout=10.0):
        rid = self.send("shutdown", None, request=True)
        self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)
        self.send("exit", None)
        return self.proc.wait(timeout)


def is_publish(uri):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri


def gt101(message):
    return sum(1 for d in message["params"]["diagnostics"] if d.get("code") == "GT101")


def run(args):
    text, leak_line = build_document(args.source)
    with tempfile.TemporaryDirectory() as cwd:
        with open(os.path.join(cwd, "pyproject.toml"), "w") as f:   # the default rules
            f.write("[tool.gotcha]\n")
        path = os.path.join(cwd, "document.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        doc = (text, leak_line, cwd, "file://" + path)
        if args.instructions:
            return count_instructions(args, doc)
        res = session([args.gotcha, "server"], args.edits, *doc)
    lat = sorted(res["latencies"])
    median = statistics.median(lat)
    print(f"document: {LINES} lines ({len(text)} bytes) from {args.source}, {res['findings']} findings")
    print(f"didChange -> publishDiagnostics over {len(lat)} edits: median {median:.2f} ms, "
          f"p10 {lat[len(lat) // 10]:.2f}, p90 {lat[len(lat) * 9 // 10]:.2f}, max {lat[-1]:.2f} ms; "
          f"goal {GOAL_MS:.0f} ms: median/goal = {median / GOAL_MS:.2f}")
    rss = res["rss_kb"]
    middle = f", {rss[100] / 1024:.1f} MB after 100" if 100 in rss and len(lat) > 100 else ""
    print(f"server RSS: {rss[10] / 1024:.1f} MB after 10 edits{middle}, {rss[len(lat)] / 1024:.1f} MB after "
          f"{len(lat)}: ratio {rss[len(lat)] / rss[10]:.3f}; shutdown + exit status {res['status']}")
    return 0 if res["status"] == 0 else 1


def count_instructions(args, doc):
    """Instructions per edit under callgrind (load-proof): (Ir of 10 + N edits - Ir of 10) / N,
    then where the last run spent them (callgrind_annotate, the top functions by own cost)."""
    totals = []
    out = os.path.join(doc[2], "callgrind.out")
    for edits in (10, 10 + args.instructions):
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", args.gotcha, "server"]
        res = session(cmd, edits, *doc, timeout=120.0)
        if res["status"] != 0:
            sys.exit(f"lsp.py: the server under callgrind ended with status {res['status']}")
        with open(out) as f:
            totals.append(next(int(line.split()[1]) for line in f if line.startswith(("summary:", "totals:"))))
    per_edit = (totals[1] - totals[0]) / args.instructions
    print(f"instructions per edit (didChange -> publishDiagnostics, callgrind, {args.instructions} edits): "
          f"{per_edit / 1e6:.2f} M")
    annotate = subprocess.run(["callgrind_annotate", out], capture_output=True, text=True).stdout
    rows = [line for line in annotate.split("\n") if re.match(r"^\s*[\d,]+ \(", line)]
    print("where they go (own cost, whole run):")
    for line in rows[1:16]:
        print("  " + line.strip())
    return 0


def session(cmd, edits, text, leak_line, cwd, uri, timeout=10.0):
    """Opens the document in a server started as `cmd`, makes `edits` edits, each after the
    answer to the previous one; returns the latencies (ms), the VmRSS (kB) after 10, 100 and the
    last edit, the finding count after didOpen and the exit status after shutdown + exit."""
    server = Server(cmd, cwd)
    rid = server.send("initialize", {"processId": os.getpid(), "rootUri": "file://" + cwd, "capabilities": {
        "general": {"positionEncodings": ["utf-8", "utf-16"]}}}, request=True)
    if server.wait_for(lambda m: m.get("id") == rid, timeout) is None:
        sys.exit("lsp.py: no answer to initialize")
    server.send("initialized", {})
    server.send("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "python", "version": 1, "text": text}})
    first = server.wait_for(is_publish(uri), timeout)
    if first is None:
        sys.exit("lsp.py: no diagnostics after didOpen")
    with_leak = gt101(first)
    col = LEAK[0].index("[]")
    latencies, rss = [], {}
    for i in range(edits):
        version = i + 2
        old, new = ("[]", "None") if i % 2 == 0 else ("None", "[]")
        expect = with_leak - 1 if i % 2 == 0 else with_leak
        change = {"range": {"start": {"line": leak_line, "character": col},
                            "end": {"line": leak_line, "character": col + len(old)}}, "text": new}
        start = time.perf_counter()
        server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [change]})
        answer = server.wait_for(lambda m: is_publish(uri)(m) and (
            m["params"].get("version") == version if "version" in m["params"] else gt101(m) == expect),
            timeout)
        elapsed = (time.perf_counter() - start) * 1000
        if answer is None:
            sys.exit(f"lsp.py: no diagnostics for edit {i + 1} (version {version})")
        if gt101(answer) != expect:
            sys.exit(f"lsp.py: edit {i + 1}: {gt101(answer)} GT101, expected {expect}")
        latencies.append(elapsed)
        if i + 1 in (10, 100, edits):
            rss[i + 1] = server.rss_kb()
    status = server.close(timeout)
    return {"latencies": latencies, "rss_kb": rss, "status": status,
            "findings": len(first["params"]["diagnostics"])}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gotcha")
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--source", default=os.path.join(os.path.dirname(os.__file__), "argparse.py"))
    parser.add_argument("--instructions", type=int, metavar="N", default=0,
                        help="count instructions per edit under callgrind over N edits instead")
    args = parser.parse_args()
    if args.edits < 10:
        parser.error("--edits must be at least 10")
    if os.sep in args.gotcha:
        args.gotcha = os.path.abspath(args.gotcha)   # the server runs in the workspace folder
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
