#!/usr/bin/env python3
"""A small LSP client for the tests of `gotcha server` (Python 3 standard library only).

    from client import Client
    c = Client([gotcha, "server"])          # starts the server
    c.initialize(root_uri=..., utf8=False)  # initialize + initialized
    c.open(uri, text); d = c.diagnostics(uri)
    c.request("textDocument/hover", {...}); c.shutdown_exit() -> exit status

Messages are read on a thread into a queue; notifications and responses are kept per kind so a
test can wait for the one it needs (with a timeout: a server that hangs fails the test)."""
import json
import os
import queue
import subprocess
import threading
import time
import urllib.parse

TIMEOUT = float(os.environ.get("LSP_TEST_TIMEOUT", "20"))


def uri_of(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def frame(obj=None, raw=None):
    body = raw if raw is not None else json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, argv, cwd=None, env=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.next_id = 1
        self.inbox = queue.Queue()
        self.pending = []          # messages read but not asked for yet
        self.stderr = b""
        threading.Thread(target=self._reader, daemon=True).start()
        threading.Thread(target=self._err_reader, daemon=True).start()

    # ---- transport ----
    def _reader(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.decode().partition(":")
                headers[k.strip().lower()] = v.strip()
            body = out.read(int(headers["content-length"]))
            self.inbox.put(json.loads(body))

    def _err_reader(self):
        self.stderr = self.proc.stderr.read()

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        self.send_raw(frame(obj))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request_async(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def wait_for(self, pred, timeout=TIMEOUT):
        """The first message (kept or new) for which pred is true; raises TimeoutError."""
        for i, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(i)
        end = time.time() + timeout
        while True:
            left = end - time.time()
            if left <= 0:
                raise TimeoutError("no such message within %.0f s" % timeout)
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if m is None:
                raise EOFError("the server closed its output")
            if pred(m):
                return m
            self.pending.append(m)

    def response(self, rid, timeout=TIMEOUT):
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def request(self, method, params, timeout=TIMEOUT):
        return self.response(self.request_async(method, params), timeout)

    def diagnostics(self, uri, version=None, timeout=TIMEOUT):
        """The next publishDiagnostics for uri (of that version, when given)."""
        def match(m):
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                return False
            return version is None or m["params"].get("version") == version
        return self.wait_for(match, timeout)["params"]["diagnostics"]

    def drain(self, seconds=0.3):
        """Messages that arrive within `seconds` (kept ones first)."""
        got, self.pending = self.pending, []
        end = time.time() + seconds
        while time.time() < end:
            try:
                m = self.inbox.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                continue
            if m is None:
                break
            got.append(m)
        return got

    # ---- protocol helpers ----
    def initialize(self, root_uri=None, utf8=False, watch=True, folders=None, init_options=None):
        caps = {"general": {"positionEncodings": ["utf-8", "utf-16"] if utf8 else ["utf-16"]},
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": watch}},
                "textDocument": {"publishDiagnostics": {"relatedInformation": True}}}
        params = {"processId": os.getpid(), "rootUri": root_uri, "capabilities": caps}
        if folders is not None:
            params["workspaceFolders"] = [{"uri": u, "name": "w"} for u in folders]
        if init_options is not None:
            params["initializationOptions"] = init_options
        res = self.request("initialize", params)
        self.notify("initialized", {})
        return res

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python",
                                                              "version": version, "text": text}})

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": changes})

    def shutdown_exit(self, timeout=TIMEOUT):
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.proc.wait(timeout)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
