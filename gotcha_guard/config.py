"""Which code the guard watches, and its settings from pyproject.toml.

Settings live in `[tool.gotcha.guard]` of the nearest pyproject.toml (found walking up from
the starting folder), or in the `[guard]` table of a gotcha.toml / .gotcha.toml, which win in
the same folder, as for `gotcha check`. The checker's `cache-names` (`[tool.gotcha]`, or the top
level of gotcha.toml) applies to the guard too.

    [tool.gotcha.guard]
    include = ["*/vendored/mylib/*"]     # globs on the file path: watched even in site-packages
    exclude = ["*/migrations/*"]         # never watched
    allow = ["Registry.register:items", "plugins.py::load_*"]   # [FILE-GLOB::]FUNCTION[:PARAMETER]
    enabled = true                       # pytest: as if --gotcha-guard were given

Files are read with tomllib on 3.11+; before, with the small reader below, which understands
what these settings need: tables, strings, booleans and arrays of strings (see README: limits).
"""
import fnmatch
import os
import re
import site
import sys
import sysconfig

PROJECT_FILES = (".gotcha.toml", "gotcha.toml", "pyproject.toml")


# ---------------------------------------------------------------- reading TOML

def parse_toml(text):
    """A dict from TOML text: tomllib when the interpreter has it, else read_simple_toml."""
    try:
        import tomllib
    except ImportError:
        return read_simple_toml(text)
    return tomllib.loads(text)


_STRING = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = r'[A-Za-z0-9_-]+|' + _STRING


class TomlSubsetError(ValueError):
    pass


def _unquote(token):
    if token.startswith('"'):
        return bytes(token[1:-1], "utf-8").decode("unicode_escape") if "\\" in token else token[1:-1]
    if token.startswith("'"):
        return token[1:-1]
    return token


def _split_key(text):
    return [_unquote(part) for part in re.findall(_KEY, text)]


def _value(text, line_number):
    text = text.strip()
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(_STRING, text):
        return _unquote(text)
    if text.startswith("["):
        inside = text[1:text.rindex("]")] if "]" in text else ""
        items = re.findall(_STRING, inside)
        rest = re.sub(_STRING, "", inside).replace(",", "").strip()
        if rest:
            raise TomlSubsetError("line %d: only arrays of strings are read before Python 3.11" % line_number)
        return [_unquote(item) for item in items]
    if re.fullmatch(r"[+-]?[0-9_]+", text):
        return int(text.replace("_", ""))
    raise TomlSubsetError("line %d: value not understood before Python 3.11: %s" % (line_number, text))


def _strip_comment(line):
    out, quote = [], None
    for char in line:
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        out.append(char)
    return "".join(out).strip()


def read_simple_toml(text):
    """The subset of TOML the guard's settings use: [tables], key = string | bool | integer |
    [strings, ...] (arrays may span lines). Values the guard does not read may be anything that
    fits on one line; they are skipped when not understood. Raises TomlSubsetError otherwise."""
    root = {}
    table = root
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = _strip_comment(lines[index])
        index += 1
        if not line:
            continue
        if line.startswith("["):
            if line.startswith("[["):
                table = {}  # an array of tables: not read by the guard
                continue
            table = root
            for part in _split_key(line.strip("[]").strip()):
                table = table.setdefault(part, {})
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise TomlSubsetError("line %d: expected key = value" % index)
        value = value.strip()
        while value.startswith("[") and value.count("[") > value.count("]") and index < len(lines):
            value += " " + _strip_comment(lines[index])
            index += 1
        parts = _split_key(key.strip())
        target = table
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        try:
            target[parts[-1]] = _value(value, index)
        except TomlSubsetError:
            target[parts[-1]] = None  # kept as unknown: an error only if the guard reads it
    return root


# ---------------------------------------------------------------- settings

class Settings(object):
    """What the guard reads from the project: lists of globs, allow entries, cache-names."""

    def __init__(self, include=(), exclude=(), allow=(), cache_names=None, enabled=False, path=None):
        self.include = list(include)
        self.exclude = list(exclude)
        self.allow = list(allow)
        self.cache_names = cache_names
        self.enabled = enabled
        self.path = path

    def __repr__(self):
        return "Settings(%r)" % self.__dict__


def _string_list(table, key, path):
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("%s: tool.gotcha.guard.%s: expected a list of strings" % (path, key))
    return value


def settings_from_document(document, path, own_file):
    """Settings from a parsed TOML document (own_file: a gotcha.toml, not a pyproject.toml)."""
    gotcha = document if own_file else document.get("tool", {}).get("gotcha", {})
    if not isinstance(gotcha, dict):
        return Settings(path=path)
    guard = gotcha.get("guard", {})
    if not isinstance(guard, dict):
        raise ValueError("%s: tool.gotcha.guard: expected a table" % path)
    cache_names = gotcha.get("cache-names")
    if cache_names is not None and not isinstance(cache_names, str):
        raise ValueError("%s: cache-names: expected a string (a regular expression)" % path)
    enabled = guard.get("enabled", False)
    if not isinstance(enabled, bool):
        raise ValueError("%s: tool.gotcha.guard.enabled: expected true or false" % path)
    return Settings(_string_list(guard, "include", path), _string_list(guard, "exclude", path),
                    _string_list(guard, "allow", path), cache_names, enabled, path)


def find_settings_file(start):
    """The nearest gotcha.toml / .gotcha.toml / pyproject.toml with a [tool.gotcha] table."""
    folder = os.path.abspath(start)
    while True:
        for name in PROJECT_FILES:
            candidate = os.path.join(folder, name)
            if not os.path.isfile(candidate):
                continue
            if name != "pyproject.toml":
                return candidate
            with open(candidate, encoding="utf-8") as source:
                if re.search(r"^\s*\[\s*tool\s*\.\s*gotcha\b", source.read(), re.MULTILINE):
                    return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load_settings(start=".", path=None):
    """Settings of the project around `start` (or of the file `path`); defaults when none."""
    path = path or find_settings_file(start)
    if path is None:
        return Settings()
    with open(path, encoding="utf-8") as source:
        document = parse_toml(source.read())
    return settings_from_document(document, path, os.path.basename(path) != "pyproject.toml")


# ---------------------------------------------------------------- which code is watched

def library_folders():
    """Folders of the standard library and of installed packages, resolved."""
    folders = set()
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        if paths.get(key):
            folders.add(paths[key])
    for getter in ("getsitepackages", "getusersitepackages"):
        try:
            found = getattr(site, getter)()
        except Exception:  # site may be stripped down (embedded interpreters, -S)
            continue
        folders.update([found] if isinstance(found, str) else found)
    for entry in sys.path:
        if entry and os.path.basename(entry.rstrip(os.sep)) in ("site-packages", "dist-packages"):
            folders.add(entry)
    return sorted({os.path.realpath(folder) for folder in folders if folder})


def _in_folder(path, folders):
    return any(path == folder or path.startswith(folder + os.sep) for folder in folders)


def _matches(path, patterns, root):
    if not patterns:
        return False
    candidates = [path]
    if root and path.startswith(root + os.sep):
        candidates.append(path[len(root) + 1:])
    return any(fnmatch.fnmatchcase(candidate, pattern) for pattern in patterns for candidate in candidates)


def _parse_allow(entry):
    """'[FILE-GLOB::]FUNCTION[:PARAMETER]' -> (file glob or None, function glob, parameter glob or None)."""
    file_glob, sep, rest = entry.rpartition("::")
    function, sep, parameter = rest.partition(":")
    return (file_glob or None, function, parameter if sep else None)


class WatchFilter(object):
    """watch_filter for gotcha_guard.install(): asked once per code object with mutable defaults."""

    def __init__(self, include=(), exclude=(), allow=(), root=None, watch_libraries=False):
        self.include = list(include)
        self.exclude = list(exclude)
        self.allow = [_parse_allow(entry) for entry in allow]
        self.root = os.path.realpath(root or os.getcwd())
        self.libraries = [] if watch_libraries else library_folders()
        self.own_folder = os.path.realpath(os.path.dirname(os.path.abspath(__file__)))

    def watches_file(self, filename):
        if filename.startswith("<") and filename.endswith(">"):
            return not filename.startswith("<frozen")  # exec'd / interactive code is the user's
        path = os.path.realpath(filename)
        if os.path.dirname(path) == self.own_folder:
            return False  # the guard's own modules (not its examples)
        if _matches(path, self.exclude, self.root):
            return False
        if _matches(path, self.include, self.root):
            return True
        return not _in_folder(path, self.libraries)

    def skipped_parameters(self, code, qualname):
        """True when the whole function is allowed, else the set of allowed parameter names."""
        names = set()
        path = os.path.realpath(code.co_filename)
        for file_glob, function, parameter in self.allow:
            if file_glob is not None and not _matches(path, [file_glob], self.root):
                continue
            if not fnmatch.fnmatchcase(qualname or code.co_name, function):
                continue
            if parameter is None:
                return True
            names.update(name for name in code.co_varnames if fnmatch.fnmatchcase(name, parameter))
        return frozenset(names)

    def __call__(self, code, qualname):
        if not self.watches_file(code.co_filename):
            return False
        skipped = self.skipped_parameters(code, qualname)
        if skipped is True:
            return False
        return skipped if skipped else True


def make_filter(settings, include=(), exclude=(), allow=(), root=None):
    """The filter for these settings plus command-line globs."""
    root = root or (os.path.dirname(settings.path) if settings.path else None)
    return WatchFilter(list(settings.include) + list(include), list(settings.exclude) + list(exclude),
                       list(settings.allow) + list(allow), root)
