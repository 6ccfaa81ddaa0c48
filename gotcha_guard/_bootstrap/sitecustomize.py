"""gotcha_guard's startup hook for child processes (not a module to import yourself).

A parent running under the guard (python -m gotcha_guard, the pytest plugin) puts this folder
first on PYTHONPATH and GOTCHA_GUARD_CHILD_REPORTS in the environment, so every Python child
process imports this file at startup (site imports "sitecustomize"): it installs the guard with
the parent's settings and writes its findings for the parent at exit. It then runs the
sitecustomize module it shadows, if there is one further on sys.path.
"""
import os
import sys


def _start():
    here = os.path.dirname(os.path.abspath(__file__))
    if here in sys.path:
        sys.path.remove(here)
    # A subinterpreter of a process whose main interpreter ran this already (site runs again
    # there): the process is guarded; the guard does not load in subinterpreters anyway.
    if os.environ.get("GOTCHA_GUARD_BOOTSTRAPPED") == str(os.getpid()):
        _run_shadowed_sitecustomize(here)
        return
    os.environ["GOTCHA_GUARD_BOOTSTRAPPED"] = str(os.getpid())
    try:
        from gotcha_guard import children
    except Exception as error:  # another interpreter, without the extension built for it
        _note_unwatched(repr(error))
    else:
        children.start_child()
    _run_shadowed_sitecustomize(here)


def _note_unwatched(reason):
    folder = os.environ.get("GOTCHA_GUARD_CHILD_REPORTS")
    if not folder or not os.path.isdir(folder):
        return
    import json
    path = os.path.join(folder, "unwatched-%d.json" % os.getpid())
    try:
        with open(path, "w") as out:
            json.dump({"pid": os.getpid(), "unwatched": reason, "executable": sys.executable}, out)
    except OSError:
        pass


def _run_shadowed_sitecustomize(here):
    import importlib.machinery
    import importlib.util
    paths = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", paths)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["sitecustomize"] = module
    spec.loader.exec_module(module)


_start()
