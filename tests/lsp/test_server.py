#!/usr/bin/env python3
"""Drives `gotcha server` through tests/lsp/client.py and prints one `ok - NAME` / `not ok - NAME`
line per check (details on `#` lines). Usage: test_server.py GOTCHA [LABEL]

Covers: the lifecycle, diagnostics on open/change (full and incremental, debounced)/save/close,
code, rule link and evidence lines, code actions (fixes, noqa, fix all), hover, settings reload,
the project phase across files, UTF-16 and UTF-8 positions with astral characters, and the
robustness of the message loop (malformed JSON, wrong Content-Length, unknown methods, requests
before initialize and after shutdown, huge documents, positions past the end, exit codes, EOF,
memory over 1,000 edits)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, frame, uri_of  # noqa: E402

GOTCHA = os.path.abspath(sys.argv[1])
LABEL = (sys.argv[2] + ": ") if len(sys.argv) > 2 else ""
failures = 0

LEAK = "def track(req, seen=[]):\n    seen.append(req)\n    return seen\n"


def check(cond, name, detail=""):
    global failures
    print(("ok" if cond else "not ok") + " - " + LABEL + name)
    if not cond:
        failures += 1
        for line in str(detail).splitlines()[:20]:
            print("# " + line)


def pos(line, character):
    return {"line": line, "character": character}


def rng(l0, c0, l1, c1):
    return {"start": pos(l0, c0), "end": pos(l1, c1)}


def codes(diags):
    return sorted(d["code"] for d in diags)


def apply_edits(text, edits, utf8=False):
    """Apply TextEdits (non-overlapping) to text, positions in UTF-16 units or UTF-8 bytes."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(p):
        if p["line"] >= len(lines):
            return len(text)
        start = sum(len(l) for l in lines[:p["line"]])
        line = lines[p["line"]].rstrip("\r\n")
        unit = "utf-8" if utf8 else "utf-16-le"
        width = 1 if utf8 else 2
        raw = line.encode(unit)[:p["character"] * width]
        return start + len(raw.decode(unit, errors="ignore"))
    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                    reverse=True):
        a, b = offset(e["range"]["start"]), offset(e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
    return text


class Workspace:
    """A temporary folder with files; removed at the end."""

    def __init__(self, files):
        self.root = tempfile.mkdtemp(prefix="gotcha-lsp-")
        for name, text in files.items():
            self.write(name, text)

    def path(self, name):
        return os.path.join(self.root, name)

    def uri(self, name):
        return uri_of(self.path(name))

    def write(self, name, text):
        os.makedirs(os.path.dirname(self.path(name)), exist_ok=True)
        with open(self.path(name), "w") as f:
            f.write(text)

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


WRAPPER = os.environ.get("LSP_SERVER_WRAPPER", "").split()   # e.g. valgrind and its flags
QUICK = os.environ.get("LSP_TEST_QUICK") == "1"   # leave out the huge documents (slow under valgrind)


def server(cwd=None):
    return Client(WRAPPER + [GOTCHA, "server"], cwd=cwd)


def test(fn):
    """Run one scenario; an exception (timeout, closed output) fails it."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        check(False, fn.__name__ + " ran to its end", traceback.format_exc() + repr(e))


# ---- lifecycle ----

def lifecycle():
    c = server()
    try:
        r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x.py"}, "position": pos(0, 0)})
        check(r.get("error", {}).get("code") == -32002, "a request before initialize gets ServerNotInitialized", r)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": "file:///x.py", "languageId": "python",
                                                           "version": 1, "text": LEAK}})
        res = c.initialize()
        caps = res["result"]["capabilities"]
        check(not any(m.get("method") == "textDocument/publishDiagnostics" for m in c.drain(0.2)),
              "a notification before initialize is dropped")
        version = subprocess.run([GOTCHA, "version"], capture_output=True).stdout.decode().split()[-1]
        check(res["result"]["serverInfo"] == {"name": "gotcha", "version": version}, "serverInfo", res)
        check(caps["positionEncoding"] == "utf-16", "positionEncoding is utf-16 when the client offers only it", caps)
        check(caps["textDocumentSync"]["change"] == 2 and caps["textDocumentSync"]["openClose"],
              "incremental sync with open/close", caps)
        check(caps["codeActionProvider"]["codeActionKinds"] == ["quickfix", "source.fixAll.gotcha"]
              and caps["hoverProvider"], "code actions and hover are announced", caps)
        r = c.request("initialize", {"capabilities": {}})
        check(r.get("error", {}).get("code") == -32600, "a second initialize is an InvalidRequest", r)
        r = c.request("textDocument/definition", {"textDocument": {"uri": "file:///x.py"}, "position": pos(0, 0)})
        check(r.get("error", {}).get("code") == -32601, "an unknown request gets MethodNotFound", r)
        c.notify("$/unknownNotification", {"a": 1})
        c.notify("workspace/somethingNew", None)
        r = c.request("shutdown", None)
        check("result" in r and r["result"] is None, "shutdown answers null", r)
        r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x.py"}, "position": pos(0, 0)})
        check(r.get("error", {}).get("code") == -32600, "a request after shutdown is an InvalidRequest", r)
        c.notify("exit", None)
        check(c.proc.wait(20) == 0, "exit after shutdown: status 0")
    finally:
        c.close()
    c = server()
    try:
        c.initialize()
        c.notify("exit", None)
        check(c.proc.wait(20) == 1, "exit without shutdown: status 1")
    finally:
        c.close()
    c = server()
    try:
        c.initialize()
        c.proc.stdin.close()
        check(c.proc.wait(20) == 1, "the end of stdin ends the server (status 1)")
    finally:
        c.close()
    c = server()
    try:
        res = c.initialize(utf8=True)
        check(res["result"]["capabilities"]["positionEncoding"] == "utf-8",
              "positionEncoding is utf-8 when the client offers it", res)
        check(c.shutdown_exit() == 0, "shutdown + exit with utf-8")
    finally:
        c.close()


# ---- diagnostics ----

def diagnostics():
    w = Workspace({"a.py": LEAK})
    c = server()
    try:
        c.initialize(root_uri=uri_of(w.root))
        uri = w.uri("a.py")
        c.open(uri, LEAK, version=3)
        m = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        d = m["params"]["diagnostics"]
        check(m["params"]["version"] == 3 and codes(d) == ["GT101"], "didOpen publishes the findings", m)
        g = d[0]
        check(g["range"] == rng(0, 20, 0, 22), "the range is the default's value", g)
        check(g["codeDescription"]["href"] == "https://gotcha.invalid/rules/GT101" and g["source"] == "gotcha"
              and g["severity"] == 2, "code, codeDescription.href, source, severity", g)
        rel = g.get("relatedInformation", [])
        check(len(rel) == 1 and rel[0]["location"]["range"] == rng(1, 4, 1, 20)
              and rel[0]["location"]["uri"] == uri and "seen.append(req)" in rel[0]["message"],
              "the evidence line is related information", rel)
        # full sync
        c.change(uri, 4, [{"text": "def track(req, seen=None):\n    return seen\n"}])
        check(c.diagnostics(uri, 4) == [], "a full change that fixes the leak clears the finding")
        # incremental: put the leak back with two edits
        c.change(uri, 5, [{"range": rng(0, 20, 0, 24), "text": "[]"},
                          {"range": rng(1, 4, 1, 4), "text": "seen.append(req)\n    "}])
        d = c.diagnostics(uri, 5)
        check(codes(d) == ["GT101"] and d[0]["range"] == rng(0, 20, 0, 22), "incremental changes are applied", d)
        # debounce: 60 edits in one write, one check
        c.send_raw(b"".join(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 6 + i},
            "contentChanges": [{"range": rng(2, 0, 2, 0), "text": "#\n" if i % 2 == 0 else ""}]}})
            for i in range(60)))
        last = c.diagnostics(uri, 65)
        early = [m for m in c.drain(0.3) if m.get("method") == "textDocument/publishDiagnostics"]
        check(codes(last) == ["GT101"] and not early, "60 queued edits give one check, of the last version",
              [m["params"]["version"] for m in early])
        # didSave checks again; didClose clears
        c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        check(codes(c.diagnostics(uri)) == ["GT101"], "didSave publishes again")
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        check(c.diagnostics(uri) == [], "didClose clears the diagnostics")
        # a syntax error is an Error
        c.open(uri, "def f(:\n", version=1)
        d = c.diagnostics(uri)
        check(codes(d) == ["GT001"] and d[0]["severity"] == 1, "a syntax error is GT001 with severity Error", d)
        check(c.shutdown_exit() == 0, "diagnostics: clean exit")
    finally:
        c.close()
        w.remove()


# ---- positions ----

def positions():
    # 𝄞 and 😀 are astral (2 UTF-16 units, 4 UTF-8 bytes); é is 1 unit, 2 bytes
    text = 'def f(a="𝄞é😀", b=[]):\n    b.append(a)\n'
    prefix = 'def f(a="𝄞é😀", '
    for utf8 in (False, True):
        name = "utf-8" if utf8 else "utf-16"
        width = (lambda s: len(s.encode())) if utf8 else (lambda s: len(s.encode("utf-16-le")) // 2)
        c = server()
        try:
            c.initialize(utf8=utf8)
            uri = "file:///nonexistent/astral.py"
            c.open(uri, text)
            d = c.diagnostics(uri)
            col = width(prefix)
            check(codes(d) == ["GT101"] and d[0]["range"] == rng(0, col + 2, 0, col + 4),
                  name + ": columns after astral characters", (col, d))
            # replace [] by {} with positions in the client's encoding
            c.change(uri, 2, [{"range": rng(0, col + 2, 0, col + 4), "text": "{}"}])
            d = c.diagnostics(uri, 2)
            check(codes(d) == ["GT101"] and "`b={}`" in d[0]["message"], name + ": an edit after astral characters",
                  d)
            # a position inside a surrogate pair / a UTF-8 sequence goes to the start of the character
            inside = width('def f(a="') + 1
            c.change(uri, 3, [{"range": rng(0, inside, 0, inside), "text": "x"}])
            d = c.diagnostics(uri, 3)
            check(codes(d) == ["GT101"] and "`b={}`" in d[0]["message"] and d[0]["range"]["start"]["character"]
                  == col + 2 + width("x"), name + ": a position inside a character is its start", d)
            # past the end of a line, past the last line: clamped
            c.change(uri, 4, [{"range": rng(1, 500, 1, 900), "text": "  # end"},
                              {"range": rng(99, 0, 120, 5), "text": "\nz = 1\n"}])
            d = c.diagnostics(uri, 4)
            r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": rng(0, 0, 9, 0),
                                                      "context": {"diagnostics": [], "only": ["quickfix"]}})
            noqa = [a for a in r["result"] if "noqa" in a["title"]]
            check(codes(d) == ["GT101"] and noqa, name + ": positions past the end are clamped", (d, r))
            check(c.shutdown_exit() == 0, name + ": clean exit")
        finally:
            c.close()


# ---- code actions and hover ----

def actions():
    text = ("import functools\n\ndef deco(func):\n    def wrapper(*a):\n        return func(*a)\n    return wrapper\n\n"
            "def g(x):\n    return x is 'a'\n\n" + LEAK)
    c = server()
    try:
        c.initialize()
        uri = "file:///nonexistent/actions.py"
        c.open(uri, text)
        d = c.diagnostics(uri)
        check("GT101" in codes(d) and "GT201" in codes(d), "findings with fixes", codes(d))
        gt201 = [g for g in d if g["code"] == "GT201"][0]
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": gt201["range"],
                                                  "context": {"diagnostics": [gt201]}})["result"]
        titles = [a["title"] for a in r]
        fix = [a for a in r if a["title"].startswith("Fix GT201")]
        check(fix and fix[0]["kind"] == "quickfix" and fix[0].get("isPreferred") and "unsafe" not in fix[0]["title"],
              "a safe fix is a preferred quickfix", titles)
        fixed = apply_edits(text, fix[0]["edit"]["changes"][uri])
        check("return x == 'a'" in fixed, "the fix's edit applies", fixed)
        noqa = [a for a in r if a["title"] == "Suppress GT201 with # noqa: GT201"]
        check(noqa and "return x is 'a'  # noqa: GT201\n" in apply_edits(text, noqa[0]["edit"]["changes"][uri]),
              "the noqa action adds the comment", titles)
        check(any(a["kind"] == "source.fixAll.gotcha" for a in r), "fix all is offered", titles)
        gt101 = [g for g in d if g["code"] == "GT101"][0]
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": gt101["range"],
                                                  "context": {"diagnostics": [gt101], "only": ["quickfix"]}})["result"]
        fix = [a for a in r if a["title"].startswith("Fix GT101")]
        check(fix and fix[0]["title"].endswith("(unsafe)") and not fix[0].get("isPreferred"),
              "an unsafe fix says so", [a["title"] for a in r])
        check(not any(a["kind"].startswith("source") for a in r), "only: quickfix leaves out source actions")
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": rng(0, 0, 0, 0),
                                                  "context": {"diagnostics": [], "only": ["source.fixAll"]}})["result"]
        check(len(r) == 1 and r[0]["kind"] == "source.fixAll.gotcha", "only: source.fixAll gives fix all", r)
        after = apply_edits(text, r[0]["edit"]["changes"][uri])
        cli = subprocess.run([GOTCHA, "check", "--isolated", "--fix", "--stdin-filename", "actions.py", "-"],
                             input=text.encode(), capture_output=True).stdout.decode()
        check(after == cli, "fix all gives what gotcha check --fix gives", after + "\n----\n" + cli)
        hover = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": gt101["range"]["start"]})["result"]
        rule = subprocess.run([GOTCHA, "rule", "GT101"], capture_output=True).stdout.decode()
        check(hover and hover["contents"]["value"] == rule and hover["range"] == gt101["range"],
              "hover on a finding shows gotcha rule CODE", hover)
        # an edit and a request in one write: the answer is about the edited text, which is published
        c.drain(0.2)
        c.send_raw(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 9}, "contentChanges": [{"text": "y = 1 is 1\n"}]}}) +
            frame({"jsonrpc": "2.0", "id": 900, "method": "textDocument/codeAction", "params": {
                "textDocument": {"uri": uri}, "range": rng(0, 0, 0, 9), "context": {"diagnostics": []}}}))
        r = c.response(900)["result"]
        d = c.diagnostics(uri, 9)
        check([a["title"] for a in r if a["title"].startswith("Fix GT")] == ["Fix GT201: Replace `is` with `==`"]
              and codes(d) == ["GT201"], "a request right after an edit answers for the edited text",
              [a["title"] for a in r])
        c.change(uri, 10, [{"text": text}])
        c.diagnostics(uri, 10)
        none = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(1, 0)})
        check(none.get("result", 1) is None, "hover elsewhere is null", none)
        check(c.shutdown_exit() == 0, "actions: clean exit")
    finally:
        c.close()


# ---- settings ----

def settings():
    w = Workspace({"pyproject.toml": "[tool.gotcha]\nignore = [\"GT101\"]\n", "pkg/a.py": LEAK})
    c = server()
    try:
        c.initialize(root_uri=uri_of(w.root), watch=True)
        reg = c.wait_for(lambda m: m.get("method") == "client/registerCapability")
        globs = [x["globPattern"] for x in reg["params"]["registrations"][0]["registerOptions"]["watchers"]]
        check("**/pyproject.toml" in globs and "**/*.py" in globs, "the file watchers are registered", globs)
        c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})
        uri = w.uri("pkg/a.py")
        c.open(uri, LEAK)
        check(c.diagnostics(uri) == [], "pyproject.toml's ignore applies")
        w.write("pyproject.toml", "[tool.gotcha]\nselect = [\"GT1\"]\n")
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": w.uri("pyproject.toml"), "type": 2}]})
        check(codes(c.diagnostics(uri)) == ["GT101"], "a changed pyproject.toml is reloaded (watched files)")
        w.write("gotcha.toml", "ignore = [\"GT1\"]\n")
        c.notify("textDocument/didSave", {"textDocument": {"uri": w.uri("gotcha.toml")}})
        check(c.diagnostics(uri) == [], "a saved gotcha.toml is reloaded")
        w.write("gotcha.toml", "ignore = [\"GT1\"\n")
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": w.uri("gotcha.toml"), "type": 2}]})
        msg = c.wait_for(lambda m: m.get("method") == "window/showMessage")
        check("gotcha.toml" in msg["params"]["message"] and codes(c.diagnostics(uri)) == ["GT101"],
              "a broken configuration is shown, and the defaults apply", msg)
        check(c.shutdown_exit() == 0, "settings: clean exit")
    finally:
        c.close()
        w.remove()


# ---- the project phase ----

HELPERS = "def remember(req, seen):\n    seen.append(req)\n"
VIEWS = "from .helpers import remember\n\ndef track(req, seen=[]):\n    remember(req, seen)\n"


def project():
    w = Workspace({"app/__init__.py": "", "app/helpers.py": HELPERS, "app/views.py": VIEWS})
    c = server()
    try:
        c.initialize(root_uri=uri_of(w.root))
        uri = w.uri("app/views.py")
        c.open(uri, VIEWS)
        d = c.diagnostics(uri)
        check(codes(d) == ["GT101"] and "remember" in d[0]["message"], "a finding decided by another module", d)
        rel = d[0].get("relatedInformation", []) if d else []
        check(any(r["location"]["uri"] == w.uri("app/helpers.py") for r in rel),
              "the other module's function is related information", rel)
        w.write("app/helpers.py", "def remember(req, seen):\n    return len(seen)\n")
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": w.uri("app/helpers.py"), "type": 2}]})
        d = c.diagnostics(uri)
        check("GT101" not in codes(d), "a change on disk of the other module is seen", d)
        hu = w.uri("app/helpers.py")
        c.open(hu, "def remember(req, seen):\n    return len(seen)\n")
        c.diagnostics(hu)
        c.drain(0.3)
        c.change(hu, 2, [{"text": HELPERS}])
        c.diagnostics(hu, 2)
        d = c.diagnostics(uri)
        check(codes(d) == ["GT101"], "an unsaved edit of an open module re-decides the others", d)
        c.notify("textDocument/didClose", {"textDocument": {"uri": hu}})
        c.diagnostics(hu)
        os.remove(w.path("app/helpers.py"))
        c.drain(0.3)
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": hu, "type": 3}]})
        d = c.diagnostics(uri)
        check("GT101" not in codes(d), "a deleted module no longer decides", d)
        w.write("app/helpers.py", HELPERS)
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": hu, "type": 1}]})
        d = c.diagnostics(uri)
        check(codes(d) == ["GT101"], "a created module decides", d)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": w.uri("pyproject.toml"), "languageId": "toml",
                                                           "version": 1, "text": "[tool.gotcha]\n"}})
        c.notify("textDocument/didOpen", {"textDocument": {"uri": w.uri("notes.txt"), "languageId": "plaintext",
                                                           "version": 1, "text": "x is 'a'"}})
        time.sleep(0.3)
        published = [m["params"]["uri"] for m in c.drain(0.3) if m.get("method") == "textDocument/publishDiagnostics"]
        check(w.uri("notes.txt") not in published and w.uri("pyproject.toml") not in published,
              "documents that are not Python get no diagnostics", published)
        check(c.shutdown_exit() == 0, "project: clean exit")
    finally:
        c.close()
        w.remove()


# ---- robustness ----

def robustness():
    c = server()
    try:
        c.initialize()
        c.send_raw(frame(raw=b'{"jsonrpc": "2.0", "id": 1, "method": '))
        r = c.wait_for(lambda m: "error" in m)
        check(r["error"]["code"] == -32700 and r["id"] is None, "malformed JSON: ParseError", r)
        c.send_raw(frame(raw=b'{"jsonrpc":"2.0","id":2,"method":"x","params":"\xff"}'))
        r = c.wait_for(lambda m: "error" in m)
        check(r["error"]["code"] == -32700, "JSON that is not UTF-8: ParseError", r)
        c.send_raw(frame(raw=b"[" * 100000))
        r = c.wait_for(lambda m: "error" in m)
        check(r["error"]["code"] == -32700, "JSON nested 100,000 deep: ParseError", r)
        c.send_raw(frame(raw=b'[1, 2]'))
        r = c.wait_for(lambda m: "error" in m)
        check(r["error"]["code"] == -32600, "a batch (array) is an InvalidRequest", r)
        c.send_raw(b"Content-Type: x\r\n\r\n")
        r = c.wait_for(lambda m: "error" in m)
        check(r["error"]["code"] == -32700, "a header without Content-Length: an error", r)
        body = json.dumps({"jsonrpc": "2.0", "id": 7, "method": "shutdownx"}).encode()
        c.send_raw(b"Content-Length: %d\r\n\r\n" % (len(body) - 5) + body)   # too short
        e = c.wait_for(lambda m: "error" in m)
        r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///none.py"}, "position": pos(0, 0)})
        check(e["error"]["code"] == -32700 and "result" in r,
              "after a Content-Length too short: ParseError, and the next request is answered", [e, r])
        c.send_raw(b"Content-Length: 99999999999999999999\r\n\r\n")
        r = c.wait_for(lambda m: "error" in m)
        check(r["error"]["code"] == -32700, "an absurd Content-Length: an error", r)
        # too long: the body takes the start of the next message, which is lost; then it recovers
        c.send_raw(b"Content-Length: 70\r\n\r\n" + json.dumps({"jsonrpc": "2.0", "method": "initialized"}).encode())
        c.request_async("textDocument/hover", {"textDocument": {"uri": "file:///none.py"}, "position": pos(0, 0)})
        r = c.wait_for(lambda m: "error" in m)
        r2 = c.request("textDocument/hover", {"textDocument": {"uri": "file:///none.py"}, "position": pos(0, 0)})
        check(r["error"]["code"] == -32700 and "result" in r2, "after a Content-Length too long, the server recovers",
              [r, r2])
        r = c.request("textDocument/codeAction", {"textDocument": 5})
        check(r.get("error", {}).get("code") == -32602, "wrong params: InvalidParams", r)
        c.send({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"})
        r = c.wait_for(lambda m: "error" in m)
        check(r["error"]["code"] == -32600, "an id that is an object: InvalidRequest", r)
        c.notify("textDocument/didChange", {"textDocument": {"uri": "file:///never-opened.py", "version": 2},
                                            "contentChanges": [{"range": rng(5, 5, 6, 6), "text": "x"}]})
        c.notify("textDocument/didOpen", {"textDocument": {"uri": 5}})
        c.notify("textDocument/didChange", "nonsense")
        if not QUICK:
            huge_documents(c)
        check(c.shutdown_exit() == 0, "robustness: clean exit after all of it")
    finally:
        c.close()


def huge_documents(c):
    """12 MB (kept, not checked: over the 10 MB limit of `gotcha check`) and 3 MB (checked)."""
    huge = "x = 1\n" * (12 * 1024 * 1024 // 6)
    c.open("file:///nonexistent/huge.py", huge)
    check(c.diagnostics("file:///nonexistent/huge.py", timeout=60) == [], "a 12 MB document: no findings, no crash")
    big = LEAK + "x = [1]\n" * (3 * 1024 * 1024 // 8)
    c.open("file:///nonexistent/big.py", big)
    check(codes(c.diagnostics("file:///nonexistent/big.py", timeout=120)) == ["GT101"], "a 3 MB document is checked")
    c.change("file:///nonexistent/big.py", 2, [{"range": rng(10 ** 9, 10 ** 9, 10 ** 9, 10 ** 9), "text": "\ny = 2"}])
    check(codes(c.diagnostics("file:///nonexistent/big.py", 2, timeout=120)) == ["GT101"],
          "an edit far past the end of a big document is appended")


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def memory():
    """1,000 edits of a 2,000-line file: the resident size after them is what it was after 100."""
    text = (LEAK + "\n") + "".join("def f%d(a, b=None):\n    return a + %d\n\n" % (i, i) for i in range(660))
    c = server()
    try:
        c.initialize()
        uri = "file:///nonexistent/mem.py"
        c.open(uri, text)
        c.diagnostics(uri)
        after = {}
        for v in range(2, 1002):
            line = 5 + (v % 1900)
            c.change(uri, v, [{"range": rng(line, 0, line, 0), "text": "# edit %d\n" % v if v % 2 else ""},
                              {"range": rng(line, 0, line + 1, 0), "text": ""} if v % 2 == 0 else
                              {"range": rng(0, 0, 0, 0), "text": ""}])
            c.diagnostics(uri, v)
            if v in (101, 1001):
                after[v] = rss_kb(c.proc.pid)
        growth = after[1001] - after[101]
        check(growth < 2048, "1,000 edits: no memory growth (RSS %d kB after 100, %d kB after 1,000)"
              % (after[101], after[1001]), after)
        check(c.shutdown_exit() == 0, "memory: clean exit")
    finally:
        c.close()


def main():
    for fn in (lifecycle, diagnostics, positions, actions, settings, project, robustness):
        test(fn)
    if os.environ.get("LSP_TEST_MEMORY", "1") == "1":
        test(memory)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
