#!/usr/bin/env python3
"""Seed inputs for fuzz/fuzz_lsp.c and fuzz/fuzz_json.c: LSP sessions over Python sources.

Writes into the folder given: for each session, one input in the framed form of fuzz_lsp (first
byte 0, message bodies separated by 0x01) and one raw stream (first byte 1, Content-Length headers
included), and every message body alone (a JSON document, for fuzz_json).
Usage: make_lsp_corpus.py OUT_DIR"""
import json
import os
import sys

SOURCES = [
    "def track(req, seen=[]):\n    seen.append(req)\n    return seen\n",
    "import functools\n\ndef g(x):\n    return x is 'a'\n\ndef deco(f):\n    def w(*a):\n        return f(*a)\n    return w\n",
    'def f(a="\U0001d11e\u00e9\U0001f600", b=[]):\n    b.append(a)\n',
    "def f(:\n",
    "class A:\n    items = []\n    def add(self, x):\n        self.items.append(x)\n",
    "\ufeffx = 1\r\ny = [] # noqa: GT101\r\n",
]
URI = "file:///w/m.py"


def pos(line, ch):
    return {"line": line, "character": ch}


def rng(a, b, c, d):
    return {"start": pos(a, b), "end": pos(c, d)}


def session(text):
    msgs = [
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": URI, "languageId": "python", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": URI, "version": 2},
                    "contentChanges": [{"range": rng(0, 3, 0, 5), "text": "x\n"},
                                       {"range": rng(9, 99, 0, 0), "text": ""}]}},
        {"jsonrpc": "2.0", "id": 1, "method": "textDocument/codeAction",
         "params": {"textDocument": {"uri": URI}, "range": rng(0, 0, 5, 0),
                    "context": {"diagnostics": [], "only": ["quickfix", "source.fixAll"]}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": URI}, "position": pos(0, 20)}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": text}]}},
        {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": URI}}},
        {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
         "params": {"changes": [{"uri": "file:///w/pyproject.toml", "type": 2}]}},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": URI}}},
        {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    return [json.dumps(m, ensure_ascii=False).encode() for m in msgs]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for i, text in enumerate(SOURCES):
        bodies = session(text)
        with open(os.path.join(out, "framed-%d" % i), "wb") as f:
            f.write(b"\0" + b"\x01".join(bodies))
        with open(os.path.join(out, "raw-%d" % i), "wb") as f:
            f.write(b"\x01" + b"".join(b"Content-Length: %d\r\n\r\n" % len(b) + b for b in bodies))
        for k, b in enumerate(bodies):
            with open(os.path.join(out, "json-%d-%d" % (i, k)), "wb") as f:
                f.write(b)
            n += 1
    print("make_lsp_corpus: %d sessions, %d messages in %s" % (len(SOURCES), n, out))


if __name__ == "__main__":
    main()
