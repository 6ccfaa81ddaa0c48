"""gotcha_guard: catch default arguments that change while a program runs.

    import gotcha_guard
    gotcha_guard.install()          # raise_on_leak=False, cache_pattern=..., scan_existing=True
    ...                             # run code
    gotcha_guard.uninstall()
    for finding in gotcha_guard.report(): ...

The work is done in C (gotcha_guard._guard); see README.md for the mechanism.
"""
import os as _os
import sys as _sys

# Imported from the source folder (the repository root is first on sys.path, or an editable
# install links to it): the compiled part is in build/guard/<version>/gotcha_guard, made by
# `make guard`, or in build/editable/guard/<version>/gotcha_guard, made by `pip install -e .`.
for _folder in (("build", "guard"), ("build", "editable", "guard")):
    _BUILT = _os.path.join(_os.path.dirname(_os.path.dirname(_os.path.realpath(__file__))), *_folder,
                           "%d.%d.%d" % _sys.version_info[:3], "gotcha_guard")
    if _os.path.isdir(_BUILT):
        __path__.append(_BUILT)
        break

from ._guard import (  # noqa: E402,F401
    DEFAULT_CACHE_PATTERN,
    MECHANISM,
    MutableDefaultError,
    clear,
    install,
    report,
    status,
    uninstall,
)


def leaks(findings):
    """The findings that are errors: changes made by a call that used the default, not caches."""
    return [f for f in findings if not f["intentional"] and not f.get("outside") and not f.get("allowed")]


def _describe(f):
    where = "%s:%d: %s(): default of %s%r" % (f["file"], f["line"], f["function"],
                                              "keyword-only " if f["keyword_only"] else "", f["parameter"])
    if not f.get("outside"):
        return "%s changed at call %d (%s): %s" % (where, f["call"], f["kind"], f["excerpt"])
    moment = "at exit, after call %d" % f["call"] if f.get("at_exit") else "before call %d" % f["call"]
    return "%s changed outside its calls, seen %s (%s): %s" % (where, moment, f["kind"], f["excerpt"])


def format_report(findings):
    """The findings as text: leaks first, then intentional caches, then changes from outside."""
    groups = (
        ("mutated defaults", leaks(findings)),
        ("intentional caches", [f for f in findings if f["intentional"] and not f.get("outside")]),
        ("defaults changed from outside their calls (not errors)", [f for f in findings if f.get("outside")]),
        ("allowed", [f for f in findings if f.get("allowed") and not f.get("outside") and not f["intentional"]]),
    )
    lines = []
    for title, group in groups:
        if not group:
            continue
        lines.append("gotcha_guard: %d %s" % (len(group), title))
        lines.extend("  " + _describe(f) for f in group)
    if not lines:
        lines.append("gotcha_guard: no mutated defaults")
    return "\n".join(lines)
