"""Checks of the build backend's data-driven pieces (tools/pep517/gotcha_backend), without building:
    python check_backend.py ROOT
entry_points.txt from the ENTRY_POINTS table (a pytest plugin is one line), the version read from
src/cli/cli.h, the sdist file list. Prints "ok - ..." / "not ok - ..." lines."""
import os
import sys


def report(name, passed, detail=""):
    print("%s - %s" % ("ok" if passed else "not ok", name))
    if not passed and detail:
        print("# " + repr(detail)[:400])


def main(root):
    sys.path.insert(0, os.path.join(root, "tools", "pep517"))
    import gotcha_backend
    from gotcha_backend import metadata, project

    plugin = {"pytest11": {"gotcha_guard": "gotcha_guard.pytest_plugin"}, "console_scripts": {}}
    text = metadata.entry_points_file(plugin)
    report("entry points: one table line gives a pytest11 section",
           text == "[pytest11]\ngotcha_guard = gotcha_guard.pytest_plugin\n", text)
    two = metadata.entry_points_file({"b": {"y": "m:f", "x": "m:g"}, "a": {"z": "n"}})
    report("entry points: groups and names sorted", two == "[a]\nz = n\n\n[b]\nx = m:g\ny = m:f\n", two)
    report("entry points: nothing declared, no file", metadata.entry_points_file({"pytest11": {}}) is None)
    files = metadata.dist_info_files(root, "cp3-cp3-any")
    expect_entry_points = any(project.ENTRY_POINTS.values())
    report("dist-info has entry_points.txt exactly when an entry point is declared",
           ("entry_points.txt" in files) == expect_entry_points, sorted(files))
    with open(os.path.join(root, "src", "cli", "cli.h")) as header:
        report("version read from src/cli/cli.h", '"%s"' % metadata.version(root) in header.read())
    sdist = gotcha_backend._sdist_files(root)
    report("sdist: sources, make files, backend; no tests",
           {"Makefile", "pyproject.toml", "src/cli/main.c", "gotcha_guard/build.mk", "tools/gen_man.sh"} <= set(sdist)
           and not any(path.startswith("tests/") for path in sdist), sdist[:5])


if __name__ == "__main__":
    main(sys.argv[1])
