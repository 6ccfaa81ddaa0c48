"""PEP 660 editable installs (pip install -e .): the environment runs the tree's own builds.
    gotcha (script)        a shell script that execs ROOT/build/gotcha, the `make` build
    gotcha, gotcha_guard   imported from the source folders, through build/editable/, a folder of
                           symbolic links to them alone (the root itself on sys.path would make every
                           folder of the repository an importable namespace package)
    gotcha_guard._guard    built for the environment's interpreter into build/editable/guard/X.Y.Z/,
                           where the source package looks for it (gotcha_guard/__init__.py)
After a change to C code, `make` (and for the guard, pip install -e . again) brings the environment
up to date; a change to Python code applies at once."""
import os
import shlex

from . import native, project

LINKS_DIR = os.path.join("build", "editable")


def package_links(root):
    """build/editable/<package> -> ../../<package> for each project package; returns the folder."""
    folder = os.path.join(root, LINKS_DIR)
    os.makedirs(folder, exist_ok=True)
    for package in project.PACKAGES:
        if "/" in package:
            continue   # inside a package linked whole
        link = os.path.join(folder, package)
        target = os.path.join(os.pardir, os.pardir, package)
        if os.path.islink(link) and os.readlink(link) == target:
            continue
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(target, link)
    return folder


def launcher(binary):
    """The text of the editable `gotcha` script, which runs `binary` (an absolute path)."""
    return ("#!/bin/sh\n"
            "# gotcha installed editable (pip install -e): the make build of the source tree\n"
            "exec %s \"$@\"\n" % shlex.quote(binary))


def members(root):
    """Builds what the editable install runs; returns its wheel members other than the dist-info,
    as {name inside the .data folder or at the wheel's root: (text, executable)}: the .pth file at
    the root, the script under scripts/."""
    binary = os.path.join(root, native.build_tree_binary(root))
    native.build_tree_guard(root)
    return {
        "__editable__.%s.pth" % project.NAME: (package_links(root) + "\n", False),
        "scripts/gotcha": (launcher(binary), True),
    }
