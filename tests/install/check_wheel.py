"""Checks a gotcha wheel built by tools/pep517 for the interpreter running this script:
    python check_wheel.py WHEEL VERSION FORBIDDEN...
prints "ok - ..." / "not ok - ..." lines: file name and WHEEL tag for this interpreter, METADATA
name and version, a RECORD that lists every member with its right sha256 and size, the expected
members, and none of the FORBIDDEN strings (absolute folders of the build machine) in any member
but METADATA (the README, whose examples name folders)."""
import base64
import hashlib
import os
import sys
import sysconfig
import zipfile


def report(name, passed, detail=""):
    print("%s - %s" % ("ok" if passed else "not ok", name))
    if not passed and detail:
        print("# " + str(detail)[:400].replace("\n", "\n# "))


def expected_tag():
    python = "cp%d%d" % sys.version_info[:2]
    abi = python + ("d" if sysconfig.get_config_var("Py_DEBUG") else "")
    return "%s-%s-%s" % (python, abi, sysconfig.get_platform().replace("-", "_").replace(".", "_"))


def record_problems(wheel, dist_info):
    """Members missing from RECORD, RECORD lines of absent members, wrong hashes or sizes."""
    problems = []
    listed = {}
    for line in wheel.read(dist_info + "/RECORD").decode().splitlines():
        path, digest, size = line.rsplit(",", 2)
        listed[path] = (digest, size)
    for name in wheel.namelist():
        if name == dist_info + "/RECORD":
            continue
        data = wheel.read(name)
        digest = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        if listed.pop(name, None) != (digest, str(len(data))):
            problems.append("bad or missing RECORD line: " + name)
    problems += ["RECORD lists an absent file: " + name for name in listed if name != dist_info + "/RECORD"]
    return problems


def headers(text):
    """The header fields of METADATA or WHEEL: {name: [values]} (up to the first blank line)."""
    fields = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        name, _, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    return fields


def main(path, version, forbidden):
    tag = expected_tag()
    base = "gotcha-%s" % version
    report("wheel file name has this interpreter's tag " + tag,
           os.path.basename(path) == "%s-%s.whl" % (base, tag), os.path.basename(path))
    wheel = zipfile.ZipFile(path)
    dist_info = base + ".dist-info"
    wheel_fields = headers(wheel.read(dist_info + "/WHEEL").decode())
    report("WHEEL: tag, Root-Is-Purelib false", wheel_fields.get("Tag") == [tag]
           and wheel_fields.get("Root-Is-Purelib") == ["false"], wheel_fields)
    metadata = headers(wheel.read(dist_info + "/METADATA").decode())
    report("METADATA: name gotcha, version " + version, metadata.get("Name") == ["gotcha"]
           and metadata.get("Version") == [version] and metadata.get("Metadata-Version") == ["2.1"], metadata)
    problems = record_problems(wheel, dist_info)
    report("RECORD: every member with its sha256 and size", not problems, problems)
    names = set(wheel.namelist())
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    wanted = {"gotcha/__init__.py", "gotcha/__main__.py", "gotcha_guard/__init__.py", "gotcha_guard/__main__.py",
              "gotcha_guard/_guard" + suffix, base + ".data/scripts/gotcha",
              base + ".data/data/share/man/man1/gotcha.1"}
    report("members: packages, extension, script, man page", wanted <= names, sorted(wanted - names))
    script = wheel.getinfo(base + ".data/scripts/gotcha")
    report("the gotcha script is executable", (script.external_attr >> 16) & 0o111 == 0o111)
    built = sorted(names - {dist_info + "/METADATA"})   # METADATA holds the README: paths in examples
    leaks = [name for name in built for word in forbidden if word.encode() in wheel.read(name)]
    report("no absolute folder of the build machine in the wheel (METADATA aside)", not leaks, leaks)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
