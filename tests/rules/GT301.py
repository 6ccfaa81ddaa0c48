# GT301 resource-without-with: a resource opened, assigned, and closed on no path that survives an exception.
import codecs
import contextlib
import io
import socket
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


# Not assigned: a one-shot use, or passed directly to a consumer.
def not_assigned(path):
    data = open(path).read()
    print(open(path).name)
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
