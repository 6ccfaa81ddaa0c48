"""Following child processes: subprocesses and multiprocessing workers report to their parent.

Parent side (python -m gotcha_guard, the pytest plugin): `follow_children(settings)` makes a
folder for the children's reports, and sets, for every process started from then on:
    GOTCHA_GUARD_CHILD_REPORTS   the folder
    GOTCHA_GUARD_CHILD_SETTINGS  the guard's settings as JSON (cache pattern, globs, allow, raise)
    PYTHONPATH                   gotcha_guard/_bootstrap (its sitecustomize.py starts the guard),
                                 then the folder gotcha_guard is imported from
A forked child (os.fork, multiprocessing's "fork" start method) has the guard already: it
forgets the parent's findings and reports its own. `collect_children()` reads the reports back.
Python children that cannot load the startup hook (started with -I, -E or -S, or with an
environment of their own without these variables) are noticed through an audit hook on process
starts (subprocess.Popen, os.exec*, os.spawn*, os.posix_spawn): `unfollowed_warning()` says so once.

Child side: `start_child()` (from the bootstrap's sitecustomize) installs the guard and writes
`<pid>.json` at exit: at interpreter exit (atexit) and, for multiprocessing workers, which leave
through os._exit, from multiprocessing's exit finalizers. The child's exit status is untouched.
"""
import atexit
import json
import os
import re
import shlex
import shutil
import sys
import tempfile

import gotcha_guard

REPORTS_VARIABLE = "GOTCHA_GUARD_CHILD_REPORTS"
SETTINGS_VARIABLE = "GOTCHA_GUARD_CHILD_SETTINGS"
TEST_VARIABLE = "GOTCHA_GUARD_TEST"  # the pytest plugin's test running when the child started
BOOTSTRAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bootstrap")

_child = {"active": False, "written": False, "pid": None, "saved": 0}
_parent = {"folder": None, "pid": None, "saved": None, "unfollowed": [], "audit_hook": False}


# ---------------------------------------------------------------- parent side

def follow_children(child_settings):
    """Sets up the environment so that Python processes started from now on are guarded.
    `child_settings`: dict with cache_pattern, include, exclude, allow, root, raise_on_leak."""
    folder = tempfile.mkdtemp(prefix="gotcha-guard-children-")
    _parent["saved"] = {name: os.environ.get(name) for name in (REPORTS_VARIABLE, SETTINGS_VARIABLE, "PYTHONPATH")}
    _parent["folder"] = folder
    _parent["pid"] = os.getpid()
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(gotcha_guard.__file__)))
    source_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    entries = [BOOTSTRAP, package_parent, source_parent]
    if os.environ.get("PYTHONPATH"):
        entries.append(os.environ["PYTHONPATH"])
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(entries))
    os.environ[REPORTS_VARIABLE] = folder
    os.environ[SETTINGS_VARIABLE] = json.dumps(child_settings)
    _parent["unfollowed"] = []
    if not _parent["audit_hook"] and hasattr(sys, "addaudithook"):
        _parent["audit_hook"] = True  # an audit hook cannot be removed: it does nothing once stopped
        sys.addaudithook(_on_audit_event)
    _wrap_multiprocessing()  # forked workers inherit it
    return folder


# ---------------------------------------------------------------- children not followed

_START_EVENTS = {"subprocess.Popen": (0, 1, 3), "os.exec": (0, 1, 2), "os.posix_spawn": (0, 1, 2),
                 "os.spawn": (1, 2, 3)}  # event -> indexes of (program, argv, env) in its arguments
_PYTHON_NAME = re.compile(r"^python(\d+(\.\d+)?)?[a-z]?(\.exe)?$")
_OPTIONS_WITH_VALUE = "WX"


def _on_audit_event(event, arguments):
    places = _START_EVENTS.get(event)
    if places is None or _parent["folder"] is None or os.getpid() != _parent["pid"]:
        return
    try:
        program, argv, env = (arguments[i] for i in places)
        if event != "subprocess.Popen" and _parent.get("popen_argv") == argv:
            _parent["popen_argv"] = None  # subprocess's own posix_spawn / exec of that Popen: seen
            return
        _parent["popen_argv"] = argv if event == "subprocess.Popen" else None
        reason = not_followed_reason(program, argv, env)
    except Exception:  # an audit hook must never break the program
        return
    if reason:
        _parent["unfollowed"].append(reason)


def _text(value):
    return os.fsdecode(value) if isinstance(value, (bytes, os.PathLike)) else str(value)


def not_followed_reason(program, argv, env):
    """Why a Python process started as `program argv` with `env` (None: inherited) cannot load
    the guard's startup hook ("python -I child.py: -I skips PYTHONPATH and site"), or None."""
    if isinstance(argv, (str, bytes)):
        argv = shlex.split(_text(argv))
    argv = [_text(a) for a in argv or ()]
    executable = _text(program) if program is not None else (argv[0] if argv else "")
    if not argv or not _is_python(executable):
        return None
    flags = _interpreter_flags(argv[1:])
    command = " ".join(shlex.quote(a) for a in argv).replace("\n", "\\n")
    command = command if len(command) <= 80 else command[:76] + " ..."
    if flags:
        return "%s (started with %s)" % (command, ", ".join("-" + flag for flag in flags))
    if env is not None:
        paths = [_text(value) for key, value in env.items() if _text(key) == "PYTHONPATH"]
        if not paths or BOOTSTRAP not in paths[0].split(os.pathsep):
            return "%s (an environment without the guard's PYTHONPATH)" % command
    return None


def _is_python(executable):
    name = os.path.basename(executable)
    if _PYTHON_NAME.match(name):
        return True
    try:
        return os.path.realpath(executable) == os.path.realpath(sys.executable)
    except (OSError, ValueError):
        return False


def _interpreter_flags(options):
    """The flags among I, E, S given to the interpreter before its script, -c or -m."""
    found = []
    index = 0
    while index < len(options):
        option = options[index]
        if not option.startswith("-") or option == "-" or option == "--":
            break
        if option.startswith("--"):
            index += 2 if option == "--check-hash-based-pycs" else 1
            continue
        for position, letter in enumerate(option[1:], 1):
            if letter in "IES" and letter not in found:
                found.append(letter)
            if letter in "cm":
                return found
            if letter in _OPTIONS_WITH_VALUE:
                index += 0 if option[position + 1:] else 1
                break
        index += 1
    return found


def unfollowed_warning():
    """One line about the Python children started since follow_children() that cannot be
    followed (their leaks are not reported), or None."""
    unfollowed = _parent["unfollowed"]
    if not unfollowed:
        return None
    return ("gotcha_guard: warning: %d Python child process%s not followed, %s leaks not reported: started with "
            "-I, -E or -S, or with an environment of %s own, %s not load the guard's startup hook (first: %s)"
            % (len(unfollowed), "" if len(unfollowed) == 1 else "es", "its" if len(unfollowed) == 1 else "their",
               "its" if len(unfollowed) == 1 else "their", "it does" if len(unfollowed) == 1 else "they do",
               unfollowed[0]))


def collect_children(stop=True):
    """(findings, unwatched) reported by the children so far; `stop` also restores the
    environment and removes the folder."""
    folder = _parent["folder"]
    findings, unwatched = [], []
    if folder is None:
        return findings, unwatched
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        try:
            with open(path, encoding="utf-8") as inp:
                data = json.load(inp)
        except (OSError, ValueError):
            continue  # a child still writing, or killed while writing
        if name.startswith("unwatched-"):
            unwatched.append(data)
        else:
            for finding in data.get("findings", []):
                finding["pid"] = data.get("pid")
                finding["test"] = data.get("test")
                findings.append(finding)
    if stop:
        for variable, value in (_parent["saved"] or {}).items():
            if value is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = value
        shutil.rmtree(folder, ignore_errors=True)
        _parent["folder"] = None
    return findings, unwatched


def merge(findings):
    """One finding per def, parameter and kind of report, the first one kept."""
    merged, keys = [], set()
    for finding in findings:
        key = (finding["file"], finding["line"], finding["function"], finding["parameter"],
               bool(finding.get("outside")))
        if key not in keys:
            keys.add(key)
            merged.append(finding)
    return merged


def is_forked_child():
    """True in a process forked from the one that called follow_children()."""
    return _parent["pid"] is not None and os.getpid() != _parent["pid"]


# ---------------------------------------------------------------- child side

def _save_child_report(findings):
    folder = os.environ.get(REPORTS_VARIABLE)
    if not folder or not os.path.isdir(folder):
        return
    path = os.path.join(folder, "%d.json" % os.getpid())
    temporary = path + ".tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump({"pid": os.getpid(), "argv": sys.argv, "test": os.environ.get(TEST_VARIABLE),
                       "findings": findings}, out)
        os.replace(temporary, path)  # the parent never reads half a file
    except OSError:
        pass


def write_child_report():
    """Writes this child's findings for the parent, once, at its end (uninstalls the guard)."""
    if _child["written"] or _child["pid"] != os.getpid():
        return
    _child["written"] = True
    gotcha_guard.uninstall()
    _save_child_report(gotcha_guard.report())


def checkpoint_child_report():
    """Rewrites this child's report when it found something since the last write: a
    multiprocessing Pool worker does it after each task, as Pool.terminate() (run by a Pool's
    `with` block) kills workers with SIGTERM, which leaves no time for a report at exit."""
    if not _child["active"] or _child["written"] or _child["pid"] != os.getpid():
        return
    count = gotcha_guard.status()["findings"]
    if count != _child["saved"]:
        _child["saved"] = count
        _save_child_report(gotcha_guard.report())


def _register_exit_writers():
    atexit.register(write_child_report)
    _wrap_multiprocessing()


def _wrap_multiprocessing():
    """multiprocessing workers leave through os._exit (no atexit, and 3.12+ runs no exit
    finalizers): the report is written when their BaseProcess._bootstrap returns (wrapped), and
    Pool workers save it after each task (SimpleQueue.put of a result, wrapped)."""
    try:
        from multiprocessing import process, queues
    except ImportError:
        return
    original = process.BaseProcess._bootstrap
    if getattr(original, "_gotcha_guard", False):
        return

    def _bootstrap(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        finally:
            write_child_report()

    original_put = queues.SimpleQueue.put

    def put(self, obj):
        checkpoint_child_report()
        return original_put(self, obj)

    _bootstrap._gotcha_guard = True
    process.BaseProcess._bootstrap = _bootstrap
    queues.SimpleQueue.put = put


def start_child():
    """Installs the guard in a child process with the parent's settings (bootstrap)."""
    if os.environ.get(REPORTS_VARIABLE) is None or gotcha_guard.status()["installed"]:
        return
    from gotcha_guard import config
    settings = json.loads(os.environ.get(SETTINGS_VARIABLE) or "{}")
    watch_filter = config.WatchFilter(settings.get("include", ()), settings.get("exclude", ()),
                                      settings.get("allow", ()), settings.get("root"))
    gotcha_guard.install(raise_on_leak=bool(settings.get("raise_on_leak")),
                         cache_pattern=settings.get("cache_pattern") or gotcha_guard.DEFAULT_CACHE_PATTERN,
                         watch_filter=watch_filter)
    _child.update(active=True, written=False, pid=os.getpid(), saved=0)
    _register_exit_writers()


def release_child():
    """Hands the guard of this process over (the pytest plugin of an xdist worker reports
    through xdist instead): uninstalls it, and nothing is written at exit."""
    if _child["active"] and _child["pid"] == os.getpid():
        _child["written"] = True
        gotcha_guard.uninstall()
        _child["active"] = False


def _after_fork_in_child():
    """A forked child keeps the parent's guard, hooks and baselines: it reports its own findings."""
    if os.environ.get(REPORTS_VARIABLE) is None or not gotcha_guard.status()["installed"]:
        return
    gotcha_guard.clear()
    _child.update(active=True, written=False, pid=os.getpid(), saved=0)
    _register_exit_writers()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
