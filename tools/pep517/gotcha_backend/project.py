"""What the gotcha distribution is: its name, metadata, Python packages, entry points and the files
of its sdist. Data only; the hooks in __init__.py read it. The version is not here: it lives once,
in src/cli/cli.h (GOTCHA_VERSION), which the binary prints too."""

NAME = "gotcha"
VERSION_HEADER = "src/cli/cli.h"          # #define GOTCHA_VERSION "X.Y.Z"
SUMMARY = "A static analyzer for Python, in C: finds the bugs that hide in shared state, identity and resources"
README = "README.md"                      # the long description (Markdown)
REQUIRES_PYTHON = ">=3.8"
KEYWORDS = "linter,static-analysis,mutable-default,runtime-guard"
CLASSIFIERS = [
    "Development Status :: 4 - Beta",
    "Environment :: Console",
    "Intended Audience :: Developers",
    "Operating System :: POSIX",
    "Programming Language :: C",
    "Programming Language :: Python :: 3",
    "Programming Language :: Python :: Implementation :: CPython",
    "Topic :: Software Development :: Quality Assurance",
]

# Python packages of the wheel: their *.py files, taken from the folder of the same name. A folder
# inside one (gotcha_guard/_bootstrap: the startup hook for child processes) is listed after it.
PACKAGES = ["gotcha", "gotcha_guard", "gotcha_guard/_bootstrap"]

# Entry points, written to entry_points.txt: group -> {name: "module:attribute"}. Empty groups are
# left out, and so is the file when every group is empty. pytest loads the guard's plugin through
# "pytest11"; it does nothing until `--gotcha-guard` (or its setting) turns it on.
ENTRY_POINTS = {
    "pytest11": {"gotcha_guard": "gotcha_guard.pytest_plugin"},
}

# The sdist: what building a wheel and `make install` need, and nothing of the tests. Globs
# relative to the source root ('**' = any depth); each must match at least one file.
SDIST_FILES = [
    "pyproject.toml",
    "README.md",
    "Makefile",
    "mk/install.mk",
    "src/**/*",
    "gotcha/*.py",
    "gotcha_guard/*.py",
    "gotcha_guard/_bootstrap/*.py",
    "gotcha_guard/*.c",
    "gotcha_guard/*.h",
    "gotcha_guard/build.mk",
    "gotcha_guard/README.md",
    "tools/gen_man.sh",
    "tools/pep517/gotcha_backend/*.py",
    ".pre-commit-hooks.yaml",
]
