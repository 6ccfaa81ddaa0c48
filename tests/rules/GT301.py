# GT301 resource-without-with: a resource opened, assigned, and closed on no path that survives an exception.
import codecs
import contextlib
import gzip
import io
import lzma
import os
import socket
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from contextlib import ExitStack, closing
from tempfile import NamedTemporaryFile as NTF


def read_config(path):
    f = open(path)  # GT301
    data = f.read()
    f.close()
    return data


def many(path, host):
    a = io.open(path, "rb")  # GT301
    b = codecs.open(path, encoding="utf-8")  # GT301
    c = tarfile.open(path)  # GT301
    d = zipfile.ZipFile(path)  # GT301
    e = socket.socket()  # GT301
    g = subprocess.Popen(["true"])  # GT301
    h = tempfile.TemporaryFile()  # GT301
    i = NTF()  # GT301
    j = socket.create_connection((host, 80))  # GT301
    return [a.fileno(), b.fileno(), c.name, d.filename, e.fileno(), g.pid, h.name, i.name, j.fileno()]


async def annotated(path):
    handle: io.TextIOWrapper = open(path)  # GT301
    return handle.read()


def walrus(path):
    if (f := open(path)):  # GT301
        return f.read()


def temporary_directory():
    t = tempfile.TemporaryDirectory()  # GT301
    return t.name


def global_handle(path):
    global LOG
    LOG = open(path, "a")


# Module level: the handle lives as long as the module, on purpose.
log = open("/dev/null", "w")


def load(path, json):
    f = open(path)  # GT301
    return json.load(f)


def parse(path, parser):
    f = open(path)  # GT301
    tree = parser.parse(f)
    f.close()
    return tree


def run_late(cmd, log):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)  # GT301
    log.write("started")
    return p.communicate()[0]


# Finished by the very next statement: nothing can raise in between.
def exists(path):
    try:
        f = open(path)
    except OSError:
        return False
    else:
        f.close()
    return True


def run(cmd):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    out, _ = p.communicate()
    return out


def spawn(cmd, windows):
    if windows:
        p = subprocess.Popen(cmd)
    else:
        p = subprocess.Popen(cmd, close_fds=True)
    return not p.wait()


# Closed in finally: fine.
def closed_in_finally(path):
    f = open(path)
    try:
        return f.read()
    finally:
        f.close()


# Returned, or stored on self: the caller or the object owns it.
def returned(path):
    f = open(path)
    return f


class _ProxyFile:
    def __init__(self, f):
        self._file = f


def wrapped(path):
    f = open(path, "rb")
    return _ProxyFile(f)


def returned_in_tuple(path):
    f = open(path)
    return f, path


class Owner:
    def __init__(self, path):
        fh = open(path)
        self.fh = fh
        self.sock = socket.socket()

    def close(self):
        self.fh.close()


# Handed to something that will close it.
def handed_over(path):
    f = open(path)
    with closing(f):
        pass
    with ExitStack() as stack:
        g = stack.enter_context(open(path))
        h = open(path)
        stack.enter_context(h)
        k = open(path)
        stack.callback(k.close)
        return g.read(), h.read()


def with_statement(path):
    f = open(path)
    with f:
        return f.read()


def with_block(path):
    with open(path) as f:
        return f.read()


def contextlib_closing(host):
    s = socket.socket()
    with contextlib.closing(s):
        s.connect((host, 80))


# Kept in a container that outlives the function.
def kept(paths, handles):
    for path in paths:
        f = open(path)
        handles.append(f)


def cleaned_by_reference(path):
    d = tempfile.TemporaryDirectory()
    try:
        return d.name
    finally:
        d.cleanup()


# Not assigned: an inline use is never closed either (CPython warns when it collects it).
def not_assigned(path):
    data = open(path).read()  # GT301
    print(open(path).name)  # GT301
    return data


# Yielded by a generator or a fixture: the consumer owns it.
def fixture(path):
    f = open(path)
    yield f
    f.close()


# Other `open` names are not builtins.
def shadowed(path, open):
    f = open(path)
    return f.read()


# A mkdtemp() path the function never removes is kept on purpose: returned, registered, cached.
def cache_folder(suffix):
    base = tempfile.mkdtemp()
    return os.path.join(base, suffix)


def registered(manager):
    work = tempfile.mkdtemp()
    manager.track(work)


# ...one it removes, but not in `finally`, leaks when the work in between raises.
def removed_late(run):
    work = tempfile.mkdtemp()  # GT301
    run(work)
    shutil.rmtree(work)


# A wrapper over a file object the caller owns opens nothing itself.
def in_memory(blob):
    buf = io.BytesIO(blob)
    z = gzip.GzipFile(fileobj=buf)
    return z.read()


# Handed to a new instance of the running class, or to a wrapper that closes it.
class Chunk:
    def __init__(self, f):
        self.f = f

    @classmethod
    def from_path(cls, path):
        f = open(path, "rb")
        f.seek(0)
        return cls(f)

    def reopen(self, path):
        f = open(path, "rb")
        return type(self)(f)


def wrapped(make_trio_socket):
    raw = socket.socket()
    sock = make_trio_socket.from_stdlib_socket(raw)
    sock.close()


# Every exception of the work is stopped by the handler; the close after the try always runs.
def probe(host):
    sock = None
    ok = False
    try:
        sock = socket.socket(socket.AF_INET6)
        sock.bind((host, 0))
        ok = True
    except Exception:
        pass
    if sock:
        sock.close()
    return ok


# A handler that re-raises lets the exception out before the close.
def probe_reraise(host):
    try:
        sock = socket.socket()  # GT301
        sock.bind((host, 0))
    except Exception:
        raise
    sock.close()


# Handed to a helper of this module that closes it: the helper owns it now.
def _iter_members(archive):
    with contextlib.closing(archive):
        yield from archive


def _read_all(handle):
    data = handle.read()
    handle.close()
    return data


def unpack(path):
    tar = tarfile.open(path)
    return list(_iter_members(tar))


def slurp(path):
    f = open(path)
    return _read_all(f)


# A helper that only reads from it does not take it.
def _peek(handle):
    return handle.read(1)


def peek(path):
    f = open(path)  # GT301
    first = _peek(f)
    f.close()
    return first


# A process detached on purpose (its own session) is not waited for here.
def open_browser(url):
    p = subprocess.Popen(["browser", url], start_new_session=True)
    return p.poll() is None


def launch(cmd):
    p = subprocess.Popen(cmd, start_new_session=False)  # GT301
    return p.poll() is None


# An in-memory file holds no OS resource; a directory removed right away cannot leak.
def decompress(blob):
    z = gzip.GzipFile(None, "rb", 9, io.BytesIO(blob))
    first = lzma.LZMAFile(io.BytesIO(blob))
    return z.read() + first.read()


def probe_tmp():
    path = tempfile.mkdtemp()
    os.rmdir(path)
    return path


# `cast()` returns its argument: handing the cast value over hands the resource over.
def upload(field):
    from typing import cast, BinaryIO
    tmp = tempfile.TemporaryFile()
    tmp.write(field)
    return Upload(cast(BinaryIO, tmp))


# Given to a Deferred's callbacks: they own it now.
def fetch(client, local):
    lf = open(local, "wb")
    d = client.get()
    d.addCallback(write_to, lf)
    d.addErrback(close_on_error, lf)
    return d


# Handed to a method of the same class that keeps it.
class Uploader:
    def put(self, path):
        stream = open(path, "rb")
        return self._send(stream, path)

    def _send(self, stream, name):
        self.pending = (stream, name)
        return name


import typing


# A wrapper over an in-memory file (a name bound to `BytesIO`) or over a file object the caller
# owns (an annotated parameter): no OS resource of its own.
def archive_members(payload):
    buffer = io.BytesIO(payload)
    try:
        archive = zipfile.ZipFile(buffer)
    except zipfile.BadZipFile:
        return []
    return archive.namelist()


def unpack_stream(stream: typing.BinaryIO):
    archive = zipfile.ZipFile(stream)
    return archive.namelist()


def inflate(raw: typing.IO[bytes]):
    packed = gzip.GzipFile(None, "rb", 9, raw)
    return packed.read()


# The look-alikes: a real path, a parameter that may be a path, a name rebound to a real file.
def archive_from_path(path):
    archive = zipfile.ZipFile(path)  # GT301
    return archive.namelist()


def archive_maybe_buffer(source, data):
    source = io.BytesIO(data) if data else open(source, "rb")
    archive = zipfile.ZipFile(source)  # GT301
    return archive.namelist()


# Only statements that cannot raise (`pass`, names assigned a constant, a name or an attribute
# of the resource) sit between acquiring and closing: nothing leaks.
def scratch_name(suffix):
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)
    location = handle.name
    kept = True
    alias = location
    pass
    handle.close()
    return location, kept, alias


# A statement that can raise in between: a call, an operation, a store into an object.
def scratch_name_logged(suffix, registry):
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # GT301
    location = handle.name
    registry[location] = suffix
    handle.close()
    return location


def scratch_name_joined(suffix):
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # GT301
    location = handle.name + ".bak"
    handle.close()
    return location


# Handed to a method the instance inherits from a class of another module, called for its effect
# (its result dropped): the instance keeps it, as with `self.sock = sock`.
from eventloop import Dispatcher
import unittest


class Channel(Dispatcher):
    def __init__(self, family):
        Dispatcher.__init__(self)
        sock = socket.socket(family)
        sock.setblocking(False)
        self.attach(sock)


class LocalBase:
    def remember(self, item):
        self.item = item


class Relay(LocalBase, Dispatcher):
    def start(self, host):
        conn = socket.create_connection((host, 80))
        self.remember(conn)


# The look-alikes: a visible method that only reads it, an inherited method whose result is used
# (it computes a value from its argument), a class with no base of another module, a test check.
class Probe(Dispatcher):
    def _describe(self, conn):
        return conn.getpeername()

    def check(self, host, log):
        conn = socket.create_connection((host, 80))  # GT301
        self._describe(conn)
        conn.close()

    def fetch(self, url, log):
        reply = urllib.request.urlopen(url)  # GT301
        log(self.read_reply(reply))


class Plain:
    def check(self, path):
        f = open(path)  # GT301
        self.inspect(f)
        f.close()


class FileTest(unittest.TestCase):
    def test_kind(self):
        f = open(__file__)  # GT301
        self.assertIsInstance(f, io.TextIOWrapper)
        f.close()


import urllib.request


# The descriptor is copied onto the process's own standard streams: the file was opened for that.
def redirect_streams(log_path):
    null = open(os.devnull)
    out = open(log_path, "a+")
    os.dup2(null.fileno(), 0)
    os.dup2(out.fileno(), 1)


# Other uses of the descriptor keep the file the function's to close.
def size_of(path):
    f = open(path)  # GT301
    size = os.fstat(f.fileno()).st_size
    f.close()
    return size


def length(path):
    f = open(path)  # GT301
    return len(f.read())


# A process with no pipes, waited for (or polled until it exits): the parent holds no descriptor.
def run_quietly(cmd, log):
    p = subprocess.Popen(cmd)
    log.write("started")
    return p.wait()


def run_watched(cmd, beat):
    child = subprocess.Popen(cmd, env={"CHILD": "1"})
    while child.poll() is None:
        beat()
    return child.returncode


# A pipe the parent reads, or a process polled once: the look-alikes still leak.
def run_piped(cmd, beat):
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE)  # GT301
    while child.poll() is None:
        beat()
    return child.returncode


def run_checked(cmd, beat):
    child = subprocess.Popen(cmd)  # GT301
    beat()
    return child.poll()


# Given to a callee of another module whose result is returned: the returned object (a streamed
# response, an index over the file) is built from it, and the caller owns both.
from webkit import stream_file, index_over


def serve_style(path):
    f = open(path, "rb")
    return stream_file(f, content_type="text/css")


def load_index(name, fetch):
    spool = tempfile.SpooledTemporaryFile()
    fetch(spool)
    spool.seek(0)
    return index_over(name + ".idx", spool)


# The look-alikes: a reader of the `load(fp)` protocol or a parser returns data, not the file; a
# helper of this module that only reads it keeps nothing; a result that is not returned.
def parse_doc(path, parser):
    f = open(path)  # GT301
    return parser.parse(f)


def _count_lines(handle):
    return sum(1 for _ in handle)


def line_count(path):
    f = open(path)  # GT301
    return _count_lines(f)


def serve_late(path, log):
    f = open(path, "rb")  # GT301
    body = stream_file(f)
    log(body)
    return None


def read_table(path, tables):
    f = open(path)  # GT301
    return tables.read_csv(f, sep=";")


# A bare annotation is never evaluated in a function: communicate() is the next thing that runs,
# and it drains both pipes and reaps the child.
def run_tool(argv):
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    output: bytes
    output, errors = child.communicate()
    return child.returncode, output, errors


# An annotated assignment whose value calls something can raise before communicate().
def run_tool_sized(argv, limit):
    child = subprocess.Popen(argv, stdout=subprocess.PIPE)  # GT301
    size: int = int(limit)
    output, _ = child.communicate()
    return output[:size]


# Opened lazily inside a loop whose try stops every exception and goes on: the loop always ends,
# and the close right after it runs on every path.
def save_names(records, target):
    out = None
    for record in records.items:
        try:
            name = record["name"]
            if out is None:
                out = open(target, "w")
            out.write(name + "\n")
        except Exception:
            continue
    if out is not None:
        out.close()


def save_names_while(queue, target):
    out = None
    while queue:
        try:
            if out is None:
                out = open(target, "a")
            out.write(queue.pop())
        except:
            pass
    if out:
        out.close()


# Something after the try in the loop body can raise while the file is open.
def save_names_checked(records, target, check):
    out = None
    for record in records:
        try:
            if out is None:
                out = open(target, "w")  # GT301
            out.write(record)
        except Exception:
            continue
        check(record)
    if out is not None:
        out.close()


# The loop header calls a generator, which can raise between iterations.
def save_names_generated(fetch, target):
    out = None
    for record in fetch():
        try:
            if out is None:
                out = open(target, "w")  # GT301
            out.write(record)
        except Exception:
            continue
    if out is not None:
        out.close()


# A call between the loop and the close can raise with the file open.
def save_names_reported(records, target, report):
    out = None
    for record in records:
        try:
            if out is None:
                out = open(target, "w")  # GT301
            out.write(record)
        except Exception:
            continue
    report(len(records))
    if out is not None:
        out.close()


import csv

import formatter
import remote
import reporting
import yaml_loader


# A store through setattr is a store: the wrapper keeps the handle.
class LockedHandle:
    def __init__(self, descriptor, mode):
        handle = os.fdopen(descriptor, mode)
        object.__setattr__(self, "label", mode)
        object.__setattr__(self, "_handle", handle)


def attach_log(target, path):
    log = open(path, "a")
    setattr(target, "log", log)


# setattr on the file itself stores something else into it: the file is still leaked.
def tag_log(path, tag):
    log = open(path, "a")  # GT301
    setattr(log, "tag", tag)
    log.write(tag)


# The pipes of the process go to the caller, alone or together.
def spawn_pipes(argv):
    child = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    return child.stdin, child.stdout


def spawn_reader(argv):
    child = subprocess.Popen(argv, stdout=subprocess.PIPE)
    return child.stdout


# Returning the process id or the file name hands nothing over.
def spawn_pid(argv):
    child = subprocess.Popen(argv, stdout=subprocess.PIPE)  # GT301
    return child.pid


def temp_name(data):
    scratch = tempfile.NamedTemporaryFile(delete=False)  # GT301
    scratch.write(data)
    return scratch.name


# A stream given by keyword to an object built elsewhere and kept: the object owns it.
def run_console(ui, descriptor):
    trace = os.fdopen(descriptor, "ab", 0)
    console = remote.console(ui, tracefile=trace)
    console.run_until_closed()


class Monitor:
    def start(self, path):
        sink = open(path, "a")
        self.reporter = reporting.reporter(output=sink)


# By keyword to a reader, or positionally to a lowercase callee, or the result never kept.
def load_settings(path):
    source = open(path)  # GT301
    settings = yaml_loader.load(stream=source)
    settings.validate()
    return settings


def write_rows(path, rows):
    out = open(path, "w", newline="")  # GT301
    writer = csv.writer(out)
    writer.writerows(rows)


def report_once(path, text):
    out = open(path, "w")  # GT301
    summary = formatter.render(text, stream=out)
    return len(summary)


# An object built from the file, used for one call and dropped: the function still owns the file.
class Scanner:
    def __init__(self, stream):
        self.stream = stream

    def scan(self):
        return self.stream.read().split()


def count_words(path):
    source = open(path)  # GT301
    words = Scanner(source).scan()
    source.close()
    return len(words)


# The object is kept: it owns the file now.
def make_scanner(path):
    source = open(path)
    scanner = Scanner(source)
    return scanner


# A default of a lambda keeps the file for as long as the callback lives.
def spool_later(schedule, data):
    spool = tempfile.TemporaryFile()
    spool.write(data)
    schedule(lambda s=spool: s.seek(0))


# ---- More constructors: one table, plus the import-alias forms. ----
import concurrent.futures
import concurrent.futures as cf
import http.client
import multiprocessing as mp
import shelve
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from http.client import HTTPSConnection as Secure
from multiprocessing import Pool
from pathlib import Path
from urllib.request import urlopen


def pools(jobs):
    threads = concurrent.futures.ThreadPoolExecutor(4)  # GT301
    procs = cf.ProcessPoolExecutor()  # GT301
    workers = mp.Pool(2)  # GT301
    more = Pool()  # GT301
    return [threads.submit(len, jobs), procs.map(len, jobs), workers.map(len, jobs), more.map(len, jobs)]


def pools_shut_down(jobs):
    executor = ProcessPoolExecutor()
    try:
        return list(executor.map(len, jobs))
    finally:
        executor.shutdown()


def pool_terminated_late(jobs):
    workers = Pool(2)  # GT301
    results = workers.map(len, jobs)
    workers.terminate()
    return results


def databases_and_connections(path, host):
    db = sqlite3.connect(path)  # GT301
    rows = db.execute("select 1").fetchall()
    db.close()
    plain = http.client.HTTPConnection(host)  # GT301
    plain.request("GET", "/")
    tls = Secure(host)  # GT301
    tls.request("GET", "/")
    archive = zipfile.PyZipFile(path)  # GT301
    return rows, plain.getresponse().status, tls.getresponse().status, archive.namelist()


def database_closed(path):
    db = sqlite3.connect(path)
    try:
        return db.execute("select 1").fetchall()
    finally:
        db.close()


# `open()` on a value known to be a `pathlib.Path`.
def path_open(name, folder: Path, text):
    here = Path(name)
    a = here.open()  # GT301
    b = (folder / "out.txt").open("w")  # GT301
    c = Path.home().joinpath(name).open()  # GT301
    d = folder.with_suffix(".bak").open()  # GT301
    b.write(a.read() + c.read() + d.read())


def path_open_with(name):
    with Path(name).open() as f:
        return f.read()


# Not known to be a Path: a string, an untyped parameter, an object of another class.
def other_open(name, thing, reader):
    name = str(name)
    first = thing.open()
    second = reader.open(name)
    return first.read() + second.read()


# A member opened from an archive holds the archive's file until it is closed.
def archive_member(path, member):
    with zipfile.ZipFile(path) as z:
        stream = z.open(member)  # GT301
        data = stream.read()
    return data


def archive_member_with(path, member):
    with zipfile.ZipFile(path) as z, z.open(member) as stream:
        return stream.read()


# ---- Inline uses: the resource is never bound, so nothing closes it. ----
def inline_uses(path, url, json):
    config = json.load(open(path))  # GT301
    lines = [line for line in open(path)]  # GT301
    for line in Path(path).open():  # GT301
        lines.append(line)
    page = urlopen(url).read()  # GT301
    open(path + ".stamp", "w")  # GT301
    return config, lines, page


def inline_in_lambda(paths):
    return sorted(paths, key=lambda p: len(open(p).read()))  # GT301


def inline_handed_over(path, stack, cmd):
    stack.enter_context(open(path))
    keep = [open(path)]
    open(path, "a").close()
    subprocess.Popen(cmd).wait()
    subprocess.Popen(cmd)  # no pipe: a process started on purpose, no descriptor here
    wrapped = io.TextIOWrapper(open(path, "rb"))
    with open(path) as f:
        first = f.readline()
    return keep, wrapped, first, open(path)


def inline_without_resource(fd, path):
    view = open(fd, "rb", closefd=False).read()   # the descriptor stays the caller's
    return view, tempfile.mkdtemp()


def inline_expected_to_fail(path, pytest):
    with pytest.raises(OSError):
        open(path)
    try:
        open(path)
    except FileNotFoundError:
        pass


class Store(shelve.Shelf):
    def __init__(self, path):
        shelve.Shelf.__init__(self, open(path, "rb"))


# Module level: run once, the handle lives no longer than the module's run (see the notes).
SETTINGS = open(__file__).read()


# ---- Closed only on the error path, then returned or dropped. ----
def closed_on_error_only(path):
    f = open(path)  # GT301
    try:
        header = f.readline()
    except BaseException:
        f.close()
        raise
    return header


def closed_on_error_only_narrow(path):
    f = open(path)  # GT301
    try:
        return f.read()
    except ValueError:
        f.close()
        return None


def closed_on_both_paths(path):
    f = open(path)
    try:
        header = f.readline()
    except BaseException:
        f.close()
        raise
    f.close()
    return header


def error_close_then_hand_over(path, make_reader):
    f = open(path)
    try:
        f.seek(0)
    except Exception:
        f.close()
        raise
    return make_reader(f)


# ---- Rebound before it is closed: the first handle is lost. ----
def rebound(path, other):
    f = open(path)  # GT301
    first = f.readline()
    f = open(other)
    with f:
        return first + f.readline()


def set_to_none(path):
    sock = socket.socket()  # GT301
    sock.connect(path)
    sock = None
    return sock


def rebound_after_close(path, other):
    f = open(path)
    try:
        first = f.readline()
    finally:
        f.close()
    f = open(other)
    with f:
        return first + f.readline()


def rebound_wrapping(path):
    f = open(path, "rb")
    f = io.TextIOWrapper(f)
    with f:
        return f.read()


def rebound_in_other_branch(path, fallback):
    try:
        f = open(path)
    except OSError:
        f = open(fallback)
    with f:
        return f.read()


def temporary_directory_rebound():
    path = tempfile.mkdtemp()
    os.rmdir(path)
    path = tempfile.mkdtemp()
    shutil.rmtree(path)


# Closed in the `try` body of a handler that also made it: the normal path of that handler.
def touch(path, os):
    try:
        os.utime(path, None)
    except FileNotFoundError:
        try:
            stamp = open(path, "a")
            stamp.close()
        except OSError:
            return False
    return True


# Members of an archive over an in-memory file hold no OS resource.
def members_in_memory(blob, tar):
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for info in z.infolist():
            member = z.open(info.filename)
            tar.addfile(info, member)


# A lambda returns what its body makes.
def opener(path):
    make = lambda: open(path)
    with make() as f:
        return f.read()


# A rebinding that runs only when the first attempt failed (`if not p:`) loses nothing.
def spawn_with_fallback(cmd, fallback):
    p = None
    try:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    except OSError:
        p = None
    if not p:
        p = subprocess.Popen(fallback, stdout=subprocess.PIPE)
    return p


# Given inline to a callee: readers, dumps and iterating builtins leave it open; any other callee
# may keep it (a log for the process's life) or close it.
def inline_given(path, pickle, log, send, obj):
    names = list(open(path))  # GT301
    pickle.dump(obj, open(path + ".pickle", "wb"))  # GT301
    text = "".join(open(path))  # GT301
    log.startLogging(open(path + ".log", "w"))
    send(contents=open(path, "rb"))
    subprocess.Popen(["daemon", path], stdout=subprocess.PIPE)
    return names, text


# A database in memory has no file behind it.
def scratch_database(rows):
    db = sqlite3.connect(":memory:")
    db.executemany("insert into t values (?)", rows)
    return db.execute("select count(*) from t").fetchone()


# Handed to a finaliser: closed when the owner goes away, or when the process exits.
import atexit
import weakref


class Holder:
    def __init__(self, path):
        log = open(path, "a")
        weakref.finalize(self, log.close)
        self.write = log.write


def process_log(path):
    log = open(path, "a")
    atexit.register(log.close)
    return log.write


def inline_closing(path):
    with contextlib.closing(urlopen(path)) as page:
        return page.read()


# Rebound in the body of a `with` that follows: it runs whenever the function goes on.
def rebound_in_with(path, lock):
    f = open(path)  # GT301
    first = f.readline()
    with lock:
        f = None
    return first, f


# Handed to a callee named for a release (`procutil.communicate(p)`, `_close(f)`): it finishes
# the resource. A reader given it does not.
def run_through_helper(cmd, procutil):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    out, err = procutil.communicate(p)
    return out


# `os.close(fd)` closes a descriptor, never the object the name holds later.
def write_scratch(data):
    fd, path = tempfile.mkstemp()
    os.close(fd)
    fd = open(path, "w")  # GT301
    fd.write(data)
    fd.close()
    return path


def read_through_helper(cmd, procutil):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE)  # GT301
    return procutil.read_output(p)


# Kept by a partial object that another thread runs (the partial holds its arguments).
import functools


def serve_in_thread(start, serve_once):
    listener = socket.socket()
    listener.bind(("localhost", 0))
    job = functools.partial(serve_once, listener)
    start(job)
    return listener.getsockname()


# The bound `close` handed to the caller: whoever calls it releases the socket.
def reserve_port():
    s = socket.socket()
    s.bind(("localhost", 0))
    return s.close, s.getsockname()[1]


# Handed by keyword to an awaited factory whose result is kept: the server owns the socket.
async def listen_all(loop, factory, addresses):
    servers = []
    for addr in addresses:
        sock = socket.socket()
        try:
            sock.bind(addr)
        except OSError:
            sock.close()
            raise
        server = await loop.create_server(factory, sock=sock)
        servers.append(server)
    return servers


async def listen_and_drop(loop, factory, addr):
    sock = socket.socket()  # GT301
    try:
        sock.bind(addr)
    except OSError:
        sock.close()
        raise
    server = await loop.create_server(factory, sock=sock)
    return server.sockets is not None


# Only the descriptor read between making it and closing it: nothing there raises. Work on the
# descriptor before the close can.
def closed_descriptor():
    probe = socket.socket()
    fd = probe.fileno()
    probe.close()
    return fd


def descriptor_then_work(path, work):
    f = open(path)  # GT301
    fd = f.fileno()
    work(fd)
    f.close()


# `os.popen` opens a pipe to a process: `close()` (or a `with`) closes it and waits.
def tty_size():
    return os.popen("stty size").read().split()  # GT301


def tty_size_closed():
    with os.popen("stty size") as out:
        return out.read().split()


# The first candidate that starts, then `break`: the statement after the loop waits for it. A call
# between the loop and the wait can raise with the process running.
def run_first(candidates, args):
    p = None
    for c in candidates:
        try:
            p = subprocess.Popen([c] + args, stdout=subprocess.PIPE)
            break
        except OSError:
            continue
    else:
        return None
    return p.communicate()[0]


def run_first_logged(candidates, args, log):
    p = None
    for c in candidates:
        try:
            p = subprocess.Popen([c] + args, stdout=subprocess.PIPE)  # GT301
            break
        except OSError:
            continue
    log("started")
    return p.communicate()[0]


# The same with the success path in the `try`'s `else`: it runs on to what follows the `try`.
# Storing a plain attribute of `self` (no property, `__slots__` or `__setattr__` in the class)
# cannot raise either.
class Finder:
    def find(self, candidates):
        for c in candidates:
            try:
                p = subprocess.Popen([c, "-V"], stdout=subprocess.PIPE)
            except OSError:
                pass
            else:
                self.found = c
                break
        else:
            raise RuntimeError("not found")
        return p.communicate()[0]

    def version(self, path):
        try:
            p = subprocess.Popen([path, "-V"], stdout=subprocess.PIPE)
        except OSError:
            return None
        else:
            name = path
        return p.communicate()[0], name

    def find_logged(self, candidates, log):
        for c in candidates:
            try:
                p = subprocess.Popen([c, "-V"], stdout=subprocess.PIPE)  # GT301
            except OSError:
                pass
            else:
                self.found = log(c)
                break
        return p.communicate()[0]

    def version_then_cleanup(self, path, cleanup):
        try:
            p = subprocess.Popen([path, "-V"], stdout=subprocess.PIPE)  # GT301
        except OSError:
            return None
        else:
            name = path
        finally:
            cleanup()
        return p.communicate()[0], name


class CheckedFinder:
    @property
    def found(self):
        return self._found

    @found.setter
    def found(self, value):
        if not value:
            raise ValueError(value)
        self._found = value

    def find(self, candidates):
        for c in candidates:
            try:
                p = subprocess.Popen([c, "-V"], stdout=subprocess.PIPE)  # GT301
            except OSError:
                pass
            else:
                self.found = c
                break
        return p.communicate()[0]


class SlottedFinder:
    __slots__ = ("path",)

    def find(self, candidates):
        for c in candidates:
            try:
                p = subprocess.Popen([c, "-V"], stdout=subprocess.PIPE)  # GT301
            except OSError:
                pass
            else:
                self.found = c
                break
        return p.communicate()[0]


# One name for two files: the message names the close that follows each one.
def copy_through(src, dst):
    f = open(src)  # GT301
    data = f.read()
    f.close()
    f = open(dst, "w")  # GT301
    f.write(data)
    f.close()


# A read wrapper over the file a `with` opened (round 10, sklearn): the `with` closes the file and
# the wrapper holds no descriptor of its own, also when the wrapper rebinds the name.
def load_gzip_rows(_open_binary, module, name):
    with _open_binary(module, name) as compressed:
        compressed = gzip.open(compressed, mode="rt", encoding="utf-8")
        return compressed.readlines()


def corrupt_copy(path):
    with open(path, "rb") as original:
        unpacked = gzip.open(original, "rb")
        data = bytearray(unpacked.read())
    return data


# The look-alikes: the with-bound file used after its `with` ended, a name that is also bound to
# a real path, a wrapper over a path inside a `with`, a `with` whose target is a path.
def wrap_after_with(path):
    with open(path, "rb") as raw:
        header = raw.read(2)
    unpacked = gzip.open(raw)  # GT301
    return header, unpacked.read()


def wrap_rebound(path, use_path):
    with open(path, "rb") as raw:
        if use_path:
            raw = path
        unpacked = gzip.open(raw)  # GT301
        return unpacked.read()


def wrap_other_path(path, other):
    with open(path, "rb") as raw:
        unpacked = gzip.open(other)  # GT301
        return raw.read(), unpacked.read()


def write_large_gzip(tmpfile, data):
    with tmpfile("gz") as fn:
        f = gzip.GzipFile(fn, "wb")  # GT301
        f.write(data)
        f.close()


# `del` between the opening and a rebinding of the name (round 10, nibabel): the handle went to
# garbage collection at the `del`, and the finding says so (not "rebound at line N").
def reopen_after_del(fname, check):
    in_buf = open(fname, "rb")  # GT301
    check(in_buf)
    del in_buf
    in_buf = open(fname, "rb")
    check(in_buf)
    in_buf.close()


# A wrapper that writes over the file a `with` opened: left unclosed it never writes its trailer
# (the gzip footer, the zip's central directory), so it is still reported.
def write_gzip_into(path, data):
    with open(path, "wb") as raw:
        packed = gzip.open(raw, "wb")  # GT301
        packed.write(data)


def append_zip_into(path, name, data):
    with open(path, "r+b") as raw:
        archive = zipfile.ZipFile(raw, mode="a")  # GT301
        archive.writestr(name, data)


# Test code that replaces the builtin `open` with a mock (`mock.patch`) opens nothing: not reported
# under the patch (a `with`, a decorator on the function or its class), whatever spells the target.
from unittest import mock
from unittest.mock import mock_open, patch
import builtins


def read_under_patch(path):
    with patch("%s.open" % __name__, mock_open(read_data="x"), create=True):
        handle = open(path)
        return handle.read()


@patch(__name__ + ".open")
def read_decorated(mocked, path):
    f = open(path)
    f.read()


@mock.patch("builtins.open", new_callable=mock_open, read_data="data")
def read_builtins_patched(mocked, path):
    return open(path).read()


def read_object_patched(path):
    with patch.object(builtins, "open", mock_open(read_data="y")):
        return open(path).read()


@patch("pkg.module.open")
class PatchedCase:
    def test_read(self, mocked):
        f = open("x")
        f.read()


# Still reported: a patch of something else, a real open after the patch's block, `io.open`.
def read_other_patch(path):
    with patch("os.path.exists", return_value=True):
        f = open(path)  # GT301
        f.read()


def read_after_patch(path):
    with patch("builtins.open", mock_open()):
        pass
    f = open(path)  # GT301
    f.read()


@patch("pkg.module.openssl_version")
def read_near_miss(mocked, path):
    f = open(path)  # GT301
    f.read()
