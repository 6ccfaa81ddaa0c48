"""gotcha: a static analyzer for Python, written in C.

The analyzer is the compiled `gotcha` program, which the wheel installs into the environment's
scripts folder (a virtual environment's bin/). This package finds it, so that `python -m gotcha`
runs it too:

    import gotcha
    gotcha.binary_path()        # '/path/to/venv/bin/gotcha', or FileNotFoundError
"""
import os
import sysconfig

BINARY_NAME = "gotcha.exe" if os.name == "nt" else "gotcha"


def _user_scheme():
    """The install scheme of `pip install --user` for this interpreter."""
    if hasattr(sysconfig, "get_preferred_scheme"):  # 3.10+
        return sysconfig.get_preferred_scheme("user")
    return "nt_user" if os.name == "nt" else "posix_user"


def _candidate_folders():
    """Where pip puts the scripts of a wheel, for each way of installing it, most likely first."""
    folders = [sysconfig.get_path("scripts")]            # the environment: venv, system, conda
    try:
        folders.append(sysconfig.get_path("scripts", _user_scheme()))   # pip install --user
    except KeyError:
        pass
    site = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folders.append(os.path.join(site, "bin"))             # pip install --target SITE
    folders.append(os.path.normpath(os.path.join(site, "..", "..", "..", "bin")))  # --prefix P
    unique = []
    for folder in folders:
        if folder and folder not in unique:
            unique.append(folder)
    return unique


def binary_path():
    """The absolute path of the installed gotcha program; FileNotFoundError naming the folders
    searched when there is none."""
    folders = _candidate_folders()
    for folder in folders:
        path = os.path.join(folder, BINARY_NAME)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError(
        "the gotcha program is not installed beside this Python package (searched: %s); "
        "reinstall the package (pip install .) or build it with make and run build/gotcha"
        % ", ".join(folders))


__all__ = ["binary_path"]
