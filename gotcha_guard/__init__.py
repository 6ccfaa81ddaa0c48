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


def format_report(findings):
    """The findings as text, leaks first, then intentional caches."""
    leaks = [f for f in findings if not f["intentional"]]
    caches = [f for f in findings if f["intentional"]]
    lines = []
    for title, group in (("mutated defaults", leaks), ("intentional caches", caches)):
        if not group:
            continue
        lines.append("gotcha_guard: %d %s" % (len(group), title))
        for f in group:
            lines.append(
                "  %s:%d: %s(): default of %s%r changed at call %d (%s): %s"
                % (f["file"], f["line"], f["function"], "keyword-only " if f["keyword_only"] else "",
                   f["parameter"], f["call"], f["kind"], f["excerpt"]))
    if not lines:
        lines.append("gotcha_guard: no mutated defaults")
    return "\n".join(lines)
