"""The distribution's metadata files, as text: METADATA (core metadata 2.1, also the sdist's
PKG-INFO), WHEEL and entry_points.txt; and the version, read from the C header."""
import os
import re

from . import project

_VERSION_LINE = re.compile(r'^#define\s+GOTCHA_VERSION\s+"([^"]+)"', re.MULTILINE)
_PEP440 = re.compile(r"^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$")


def version(root):
    """GOTCHA_VERSION of src/cli/cli.h; ValueError when it is missing or not a PEP 440 version."""
    with open(os.path.join(root, project.VERSION_HEADER), encoding="utf-8") as header:
        found = _VERSION_LINE.search(header.read())
    if not found or not _PEP440.match(found.group(1)):
        raise ValueError("%s: no '#define GOTCHA_VERSION \"X.Y.Z\"' line with a PEP 440 version"
                         % project.VERSION_HEADER)
    return found.group(1)


def dist_info_name(root):
    """The name of the wheel's .dist-info folder, e.g. gotcha-0.1.0.dist-info."""
    return "%s-%s.dist-info" % (project.NAME, version(root))


def core_metadata(root):
    """METADATA / PKG-INFO: headers, a blank line, then the README as the long description."""
    headers = [
        ("Metadata-Version", "2.1"),
        ("Name", project.NAME),
        ("Version", version(root)),
        ("Summary", project.SUMMARY),
        ("Keywords", project.KEYWORDS),
        ("Requires-Python", project.REQUIRES_PYTHON),
    ]
    headers += [("Classifier", classifier) for classifier in project.CLASSIFIERS]
    headers.append(("Description-Content-Type", "text/markdown"))
    with open(os.path.join(root, project.README), encoding="utf-8") as readme:
        description = readme.read()
    return "".join("%s: %s\n" % pair for pair in headers) + "\n" + description


def wheel_file(tag):
    """The WHEEL file of a platform wheel with one tag (e.g. cp311-cp311-linux_x86_64)."""
    return ("Wheel-Version: 1.0\n"
            "Generator: gotcha_backend\n"
            "Root-Is-Purelib: false\n"
            "Tag: %s\n" % tag)


def entry_points_file(entry_points=None):
    """entry_points.txt for `entry_points` (default: project.ENTRY_POINTS), or None when there is
    no entry point at all. Groups and names are written sorted."""
    groups = project.ENTRY_POINTS if entry_points is None else entry_points
    sections = []
    for group in sorted(groups):
        if not groups[group]:
            continue
        lines = ["%s = %s" % (name, groups[group][name]) for name in sorted(groups[group])]
        sections.append("[%s]\n%s\n" % (group, "\n".join(lines)))
    return "\n".join(sections) if sections else None


def dist_info_files(root, tag):
    """{file name: text} of the .dist-info folder, RECORD aside (it is written with the wheel)."""
    files = {"METADATA": core_metadata(root), "WHEEL": wheel_file(tag)}
    entry_points = entry_points_file()
    if entry_points is not None:
        files["entry_points.txt"] = entry_points
    return files
