"""gotcha's PEP 517 build backend (pyproject.toml: build-backend = "gotcha_backend"), standard
library only, so that `pip install .` needs no package index.

build_wheel compiles, with the project's make files, the gotcha binary and the gotcha_guard
extension for the interpreter running the backend, and writes a platform wheel:
    gotcha/*.py, gotcha_guard/*.py + _guard<EXT_SUFFIX>     the Python packages
    gotcha-V.data/scripts/gotcha                            the binary, onto the environment's PATH
    gotcha-V.data/data/share/man/man1/gotcha.1              its man page
    gotcha-V.dist-info/{METADATA,WHEEL,entry_points.txt,RECORD}
build_sdist packs the sources a wheel build needs (project.SDIST_FILES) with a PKG-INFO.
build_editable (PEP 660, pip install -e .) installs links to the tree's own builds (editable.py).
What the distribution is (name, metadata, entry points, sdist files) is data, in project.py.
"""
import glob
import os

from . import archive, editable, metadata, native, project

__all__ = ["get_requires_for_build_wheel", "get_requires_for_build_sdist", "get_requires_for_build_editable",
           "prepare_metadata_for_build_wheel", "prepare_metadata_for_build_editable",
           "build_wheel", "build_sdist", "build_editable"]


def _root():
    """The source root: pip runs the backend there."""
    return os.getcwd()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    root = _root()
    name = metadata.dist_info_name(root)
    folder = os.path.join(metadata_directory, name)
    os.makedirs(folder, exist_ok=True)
    for file_name, text in metadata.dist_info_files(root, native.wheel_tag()).items():
        with open(os.path.join(folder, file_name), "w", encoding="utf-8") as out:
            out.write(text)
    return name


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def _add_packages(wheel, root):
    for package in project.PACKAGES:
        for path in sorted(glob.glob(os.path.join(root, package, "*.py"))):
            wheel.add_file(package + "/" + os.path.basename(path), path)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    root = _root()
    tag = native.wheel_tag()
    binary, man_page = native.build_binary(root)
    guard = native.build_guard(root)
    version = metadata.version(root)
    data = "%s-%s.data" % (project.NAME, version)
    file_name = "%s-%s-%s.whl" % (project.NAME, version, tag)
    wheel = archive.Wheel(os.path.join(wheel_directory, file_name), metadata.dist_info_name(root))
    _add_packages(wheel, root)
    wheel.add_file("gotcha_guard/" + os.path.basename(guard), os.path.join(root, guard))
    wheel.add_file(data + "/scripts/gotcha", os.path.join(root, binary))
    wheel.add_file(data + "/data/share/man/man1/gotcha.1", os.path.join(root, man_page))
    for name, text in sorted(metadata.dist_info_files(root, tag).items()):
        wheel.add(wheel.dist_info + "/" + name, text)
    wheel.close()
    return file_name


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    root = _root()
    tag = native.wheel_tag()
    version = metadata.version(root)
    data = "%s-%s.data" % (project.NAME, version)
    file_name = "%s-%s-%s.whl" % (project.NAME, version, tag)
    wheel = archive.Wheel(os.path.join(wheel_directory, file_name), metadata.dist_info_name(root))
    for name, (text, executable) in sorted(editable.members(root).items()):
        inside = data + "/" + name if name.startswith("scripts/") else name
        wheel.add(inside, text, executable=executable)
    for name, text in sorted(metadata.dist_info_files(root, tag).items()):
        wheel.add(wheel.dist_info + "/" + name, text)
    wheel.close()
    return file_name


def _sdist_files(root):
    """The files of project.SDIST_FILES, relative to `root`, sorted; ValueError for a glob that
    matches nothing (a renamed file must not silently leave the sdist)."""
    found = set()
    for pattern in project.SDIST_FILES:
        matches = [path for path in glob.glob(os.path.join(root, pattern), recursive=True)
                   if os.path.isfile(path)]
        if not matches:
            raise ValueError("sdist: no file matches %r (tools/pep517/gotcha_backend/project.py)" % pattern)
        found.update(os.path.relpath(path, root) for path in matches)
    return sorted(path for path in found if "__pycache__" not in path.split(os.sep))


def build_sdist(sdist_directory, config_settings=None):
    root = _root()
    top = "%s-%s" % (project.NAME, metadata.version(root))
    file_name = top + ".tar.gz"
    archive.write_sdist(os.path.join(sdist_directory, file_name), top, root, _sdist_files(root),
                        {"PKG-INFO": metadata.core_metadata(root)})
    return file_name
