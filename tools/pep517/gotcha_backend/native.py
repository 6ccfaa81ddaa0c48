"""Compiling for the wheel, through the project's make files: the gotcha binary and its man page
(interpreter-independent, built once into build/wheel/bin-KEY/) and the gotcha_guard extension
for the running interpreter (into build/wheel/guard-KEY/, one folder per interpreter; KEY hashes
what the build depends on beyond the sources: flags, interpreter). Builds run under a
lock, so that wheels for several interpreters can be built from one tree at the same time.
Optimised without -g (no debug information) and with the source and header folders mapped away,
so that the files hold no absolute path of the build machine."""
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig

BUILD_DIR = os.path.join("build", "wheel")   # relative to the source root
OPT = "-O2"


def _opt(*folders):
    """OPT, plus a -ffile-prefix-map per folder, so that assert() messages (__FILE__) of the
    headers under it name no absolute path of this machine."""
    return " ".join([OPT] + ["-ffile-prefix-map=%s/=" % os.path.abspath(f) for f in folders])


class BuildError(Exception):
    """A build step failed; the message says which and what to do."""


def _make_env():
    """The environment of make: ours, less the jobserver of a make that may be running pip."""
    env = dict(os.environ)
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)
    return env


def _make(root, arguments):
    if shutil.which("make") is None:
        raise BuildError("building gotcha needs make and a C compiler (Debian: apt-get install build-essential)")
    command = ["make", "--no-print-directory", "-j%d" % (os.cpu_count() or 1)] + arguments
    result = subprocess.run(command, cwd=root, env=_make_env(), stdout=sys.stderr)
    if result.returncode != 0:
        raise BuildError("'%s' failed with status %d (see the compiler output above)"
                         % (" ".join(command), result.returncode))


class _Lock:
    """An exclusive lock on BUILD_DIR/.lock for the duration of a with block."""

    def __init__(self, root):
        os.makedirs(os.path.join(root, BUILD_DIR), exist_ok=True)
        self.path = os.path.join(root, BUILD_DIR, ".lock")

    def __enter__(self):
        self.file = open(self.path, "w")
        fcntl.flock(self.file, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        fcntl.flock(self.file, fcntl.LOCK_UN)
        self.file.close()


def _key(*parts):
    """A short name for what a build depends on beyond its sources (make does not track flags)."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def build_binary(root):
    """Builds the gotcha binary and gotcha.1; returns both paths, relative to `root`."""
    opt = _opt(root)
    build = os.path.join(BUILD_DIR, "bin-" + _key(opt))
    with _Lock(root):
        _make(root, ["BUILD=" + build, "OPT=" + opt, build + "/gotcha", build + "/gotcha.1"])
    return os.path.join(build, "gotcha"), os.path.join(build, "gotcha.1")


def _python_include():
    include = sysconfig.get_paths()["include"]
    if not os.path.isfile(os.path.join(include, "Python.h")):
        raise BuildError("Python.h is not in %s: install this interpreter's headers "
                         "(Debian: apt-get install python3-dev)" % include)
    return include


def build_guard(root):
    """Builds gotcha_guard for the running interpreter; returns the path (relative to `root`) of
    the compiled module, gotcha_guard/_guard<EXT_SUFFIX>."""
    include = _python_include()
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    opt = _opt(root, include)
    out = os.path.join(BUILD_DIR, "guard-" + _key(include, suffix, sys.version, opt), "gotcha_guard")
    with _Lock(root):
        _make(root, ["-f", "gotcha_guard/build.mk", "PYTHON=" + sys.executable, "OUT=" + out,
                     "GUARD_OPT=" + opt])
    return os.path.join(out, "_guard" + suffix)


def wheel_tag():
    """The wheel's tag for the running CPython: cpXY-cpXY[d][t]-PLATFORM (the extension uses the
    full C API, so the ABI is this version's)."""
    if sys.implementation.name != "cpython":
        raise BuildError("gotcha_guard is a CPython extension: build the wheel with CPython 3.8+, not %s"
                         % sys.implementation.name)
    python = "cp%d%d" % sys.version_info[:2]
    abi = python
    if sysconfig.get_config_var("Py_DEBUG"):
        abi += "d"
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        abi += "t"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "%s-%s-%s" % (python, abi, platform)


def build_tree_binary(root):
    """The developer's build, `make all` (build/gotcha, the default flags), for editable installs;
    returns its path relative to `root`."""
    with _Lock(root):
        _make(root, ["all"])
    return os.path.join("build", "gotcha")


EDITABLE_GUARD_DIR = os.path.join("build", "editable", "guard")


def build_tree_guard(root):
    """gotcha_guard for the running interpreter where the source package looks for it (see
    gotcha_guard/__init__.py), build/editable/guard/X.Y.Z/gotcha_guard, with the flags of
    `make guard` (whose build/guard/X.Y.Z it leaves to it), for editable installs."""
    _python_include()
    out = os.path.join(EDITABLE_GUARD_DIR, "%d.%d.%d" % sys.version_info[:3], "gotcha_guard")
    with _Lock(root):
        _make(root, ["-f", "gotcha_guard/build.mk", "PYTHON=" + sys.executable, "OUT=" + out])
