"""Checks of the pytest plugin (gotcha_guard.pytest_plugin), run by tests/suites/61-guard-pytest.sh.

    python plugin_checks.py WORKDIR PYTEST_SITE

PYTEST_SITE is a folder holding pytest (and pytest-xdist when available) for this interpreter;
the built gotcha_guard is on PYTHONPATH already. Each check runs pytest in a fresh project under
WORKDIR, as a subprocess, loading the plugin with -p (the pytest11 entry point comes with the
installed package). Prints "ok"/"not ok" lines as guard_checks.py does.
"""
import json
import os
import shutil
import subprocess
import sys
import textwrap

VERSION = "%d.%d" % sys.version_info[:2]

APP = """
def handle(req, seen=[]):
    seen.append(req)
    return len(seen)

def fine(req, seen=None):
    return req

REGISTRY = []

def shutdown(handlers=REGISTRY):
    return len(handlers)

def fill(item):
    REGISTRY.append(item)
"""

TESTS = """
import app

def test_clean():
    assert app.fine(1) == 1

def test_first():
    assert app.handle("a") == 1

def test_second():
    assert app.handle("b") >= 1
"""


def check(name, condition, detail=""):
    print("%s - %s pytest: %s" % ("ok" if condition else "not ok", VERSION, name))
    if not condition:
        for line in str(detail).splitlines()[-40:] or [""]:
            print("# " + line)


def make_project(workdir, name, files):
    root = os.path.join(workdir, name)
    shutil.rmtree(root, ignore_errors=True)
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as out:
            out.write(textwrap.dedent(text))
    return root


def run_pytest(root, site, *arguments, plugin=True):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([site, env.get("PYTHONPATH", ""), root])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning"]
    if plugin:
        command += ["-p", "gotcha_guard.pytest_plugin"]
    return subprocess.run(command + list(arguments), cwd=root, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)


def test_session(workdir, site):
    root = make_project(workdir, "basic", {"app.py": APP, "tests/test_app.py": TESTS})
    done = run_pytest(root, site, "--gotcha-guard", "tests")
    check("a leak fails the session (exit 1) though every test passed",
          done.returncode == 1 and "3 passed" in done.stdout, done.stdout)
    line = "app.py:2: handle(): default of 'seen' changed at call 1 (items added) in " \
           "tests/test_app.py::test_first, called from tests/test_app.py:8"
    check("the summary names function, parameter, def file:line, first test and call site",
          line in done.stdout, done.stdout)

    done = run_pytest(root, site, "--gotcha-guard", "--gotcha-guard-report-only", "tests")
    check("--gotcha-guard-report-only: reported, exit 0",
          done.returncode == 0 and "handle(): default of 'seen'" in done.stdout and "report only" in done.stdout,
          done.stdout)
    done = run_pytest(root, site, "tests")
    check("without --gotcha-guard nothing is watched", done.returncode == 0 and "gotcha_guard" not in done.stdout,
          done.stdout)

    report = os.path.join(root, "out", "guard.json")
    os.makedirs(os.path.dirname(report))
    done = run_pytest(root, site, "--gotcha-guard", "--gotcha-guard-report", report, "tests")
    try:
        with open(report) as inp:
            findings = json.load(inp)["findings"]
        finding = [f for f in findings if f["function"] == "handle"]
        ok = (len(finding) == 1 and finding[0]["test"] == "tests/test_app.py::test_first"
              and finding[0]["call_site"] == os.path.join(root, "tests", "test_app.py") + ":8"
              and finding[0]["line"] == 2 and finding[0]["parameter"] == "seen")
        check("--gotcha-guard-report FILE.json: test and call site in the JSON", ok, findings)
    except (OSError, ValueError, KeyError) as error:
        check("--gotcha-guard-report FILE.json: test and call site in the JSON", False, "%s\n%s" % (error, done.stdout))

    sarif = os.path.join(root, "out", "guard.sarif")
    run_pytest(root, site, "--gotcha-guard", "--gotcha-guard-report", sarif, "tests")
    try:
        with open(sarif) as inp:
            document = json.load(inp)
        results = document["runs"][0]["results"]
        location = results[0]["locations"][0]["physicalLocation"]
        ok = (document["version"] == "2.1.0" and len(results) == 1 and results[0]["ruleId"] == "GG101"
              and results[0]["level"] == "error" and location["artifactLocation"]["uri"] == "app.py"
              and location["region"]["startLine"] == 2 and "test_first" in results[0]["message"]["text"])
        check("SARIF report for a .sarif name", ok, document)
    except (OSError, ValueError, KeyError, IndexError) as error:
        check("SARIF report for a .sarif name", False, error)

    annotations = os.path.join(root, "out", "guard.txt")
    run_pytest(root, site, "--gotcha-guard", "--gotcha-guard-format", "github", "--gotcha-guard-report",
               annotations, "tests")
    try:
        with open(annotations) as inp:
            lines = inp.read().splitlines()
        ok = (len(lines) == 1 and lines[0].startswith("::error file=app.py,line=2,title=gotcha_guard GG101::")
              and "'seen'" in lines[0])
        check("GitHub annotations", ok, lines)
    except OSError as error:
        check("GitHub annotations", False, error)

    done = run_pytest(root, site, "--gotcha-guard", "--gotcha-guard-report",
                      os.path.join(root, "missing", "r.json"), "tests")
    check("an unwritable report path is a usage error before the tests run",
          done.returncode == 4 and "cannot write the report" in done.stdout and "passed" not in done.stdout,
          done.stdout)


def test_settings(workdir, site):
    root = make_project(workdir, "ini", {"app.py": APP, "tests/test_app.py": TESTS,
                                         "pytest.ini": "[pytest]\ngotcha_guard = true\n"})
    done = run_pytest(root, site, "tests")
    check("ini option gotcha_guard = true turns it on", done.returncode == 1 and "handle()" in done.stdout,
          done.stdout)
    root = make_project(workdir, "pyproject", {
        "app.py": APP, "tests/test_app.py": TESTS,
        "pyproject.toml": "[tool.gotcha.guard]\nenabled = true\nallow = [\"fine\"]\n"})
    done = run_pytest(root, site, "tests")
    check("[tool.gotcha.guard] enabled = true turns it on", done.returncode == 1 and "handle()" in done.stdout,
          done.stdout)
    root = make_project(workdir, "allowed", {
        "app.py": APP, "tests/test_app.py": TESTS,
        "pyproject.toml": "[tool.gotcha.guard]\nallow = [\"handle:seen\"]\n"})
    done = run_pytest(root, site, "--gotcha-guard", "tests")
    check("allow-list of [tool.gotcha.guard] applies", done.returncode == 0 and "no mutated defaults" in done.stdout,
          done.stdout)


def test_blame_and_status(workdir, site):
    root = make_project(workdir, "blame", {"app.py": APP, "tests/test_app.py": """
        import app

        def test_shutdown_reads():
            app.shutdown()
            app.fill(1)
            assert app.shutdown() == 1

        def test_fails():
            app.handle(1)
            assert False
    """})
    done = run_pytest(root, site, "--gotcha-guard", "tests")
    check("a failing test keeps its exit status (1), with the leak listed",
          done.returncode == 1 and "1 failed" in done.stdout and "handle()" in done.stdout, done.stdout)
    check("a default filled from outside is listed as not an error",
          "shutdown(): default of 'handlers' changed outside its calls" in done.stdout
          and "gotcha_guard: 1 mutated defaults" in done.stdout, done.stdout)
    root = make_project(workdir, "outside", {"app.py": APP, "tests/test_app.py": """
        import app

        def test_shutdown_reads():
            app.shutdown()
            app.fill(1)
            assert app.shutdown() == 1
    """})
    done = run_pytest(root, site, "--gotcha-guard", "tests")
    check("changes from outside only: the session passes", done.returncode == 0 and "no mutated defaults" in done.stdout,
          done.stdout)


def test_xdist(workdir, site):
    if not os.path.isdir(os.path.join(site, "xdist")):
        print("ok - %s pytest: xdist workers # SKIP pytest-xdist not installed (Debian python3-pytest-xdist)" % VERSION)
        return
    root = make_project(workdir, "xdist", {
        "app.py": APP + "\ndef other(x, acc={}):\n    acc[x] = x\n",
        "tests/test_one.py": TESTS,
        "tests/test_two.py": "import app\n\ndef test_other():\n    app.other(1)\n\ndef test_more():\n    app.other(2)\n"})
    report = os.path.join(root, "guard.json")
    done = run_pytest(root, site, "-p", "xdist", "-n", "2", "--gotcha-guard", "--gotcha-guard-report", report, "tests")
    try:
        with open(report) as inp:
            findings = json.load(inp)["findings"]
    except (OSError, ValueError):
        findings = []
    names = sorted(f["function"] for f in findings)
    check("xdist: the workers' leaks reach the controller, which fails the session",
          done.returncode == 1 and names == ["handle", "other"] and "5 passed" in done.stdout
          and all(f["test"] and "::" in f["test"] for f in findings), done.stdout + "\n" + repr(findings))


def test_children(workdir, site):
    files = {"app.py": APP + "\ndef spawned(x, acc={}):\n    acc[x] = x\n    return x\n",
             "tests/test_kids.py": """
                 import multiprocessing, subprocess, sys
                 import app

                 def test_subprocess():
                     subprocess.run([sys.executable, "-c", "import app; app.handle(1); app.handle(2)"], check=True)

                 def test_pool():
                     with multiprocessing.get_context("spawn").Pool(2) as pool:
                         assert sorted(pool.map(app.spawned, range(4))) == [0, 1, 2, 3]

                 def test_isolated():
                     for flag in ("-I", "-S"):
                         subprocess.run([sys.executable, flag, "-c", "pass"], check=True)
             """}
    root = make_project(workdir, "children", files)
    arguments = [[]]
    if os.path.isdir(os.path.join(site, "xdist")):
        arguments.append(["-p", "xdist", "-n", "2"])
    for extra in arguments:
        report = os.path.join(root, "guard.json")
        done = run_pytest(root, site, *(extra + ["--gotcha-guard", "--gotcha-guard-report", report, "tests"]))
        try:
            with open(report) as inp:
                findings = json.load(inp)["findings"]
        except (OSError, ValueError):
            findings = []
        tests = dict((f["function"], f.get("test")) for f in findings)
        check("child processes followed%s: leaks in a subprocess and in spawn pool workers, with their test"
              % (" under xdist" if extra else ""),
              done.returncode == 1 and tests == {"handle": "tests/test_kids.py::test_subprocess",
                                                 "spawned": "tests/test_kids.py::test_pool"},
              done.stdout + "\n" + repr(findings))
        if not extra:  # under xdist the workers start the tests' children (README: not followed)
            check("children started with -I or -S: one warning in the session summary",
                  done.stdout.count("not followed") == 1 and "2 Python child processes not followed" in done.stdout,
                  done.stdout)


def main():
    workdir, site = sys.argv[1], sys.argv[2]
    os.makedirs(workdir, exist_ok=True)
    for test in (test_session, test_settings, test_blame_and_status, test_xdist, test_children):
        try:
            test(workdir, site)
        except Exception:
            import traceback
            check(test.__name__ + " ran", False, traceback.format_exc())


if __name__ == "__main__":
    main()
