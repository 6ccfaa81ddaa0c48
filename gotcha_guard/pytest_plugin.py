"""pytest plugin of gotcha_guard: `pytest --gotcha-guard` watches mutated defaults during the tests.

Loaded through the `pytest11` entry point of the installed package, or `-p gotcha_guard.pytest_plugin`.
On when `--gotcha-guard` is given, when the ini option `gotcha_guard = true` is set, or with
`enabled = true` in `[tool.gotcha.guard]`. At the end of the session it lists each leak (function,
parameter, file:line of the def, first test whose run changed it, call site) and fails the session
unless `--gotcha-guard-report-only`. `--gotcha-guard-report FILE` writes the findings as JSON, SARIF
(`.sarif` names, or `--gotcha-guard-format sarif`) or GitHub annotations (`--gotcha-guard-format github`).
Under pytest-xdist each worker watches its own tests and sends its findings to the controller.
"""
import os

import pytest

import gotcha_guard
from gotcha_guard import children
from gotcha_guard import config as guard_config
from gotcha_guard import formats

WORKER_OUTPUT_KEY = "gotcha_guard_findings"


def pytest_addoption(parser):
    group = parser.getgroup("gotcha-guard", "gotcha_guard: mutated default arguments")
    group.addoption("--gotcha-guard", action="store_true", default=None,
                    help="watch default arguments that change during the tests; fail the session on a leak")
    group.addoption("--gotcha-guard-report-only", action="store_true", default=None,
                    help="report leaks but do not fail the session")
    group.addoption("--gotcha-guard-report", metavar="FILE", default=None,
                    help="write the findings to FILE (JSON; SARIF for *.sarif)")
    group.addoption("--gotcha-guard-format", choices=formats.FORMATS, default=None,
                    help="format of --gotcha-guard-report: json, sarif or github (workflow annotations)")
    group.addoption("--gotcha-guard-include", action="append", default=[], metavar="GLOB",
                    help="also watch files matching GLOB (site-packages, stdlib)")
    group.addoption("--gotcha-guard-exclude", action="append", default=[], metavar="GLOB",
                    help="never watch files matching GLOB")
    group.addoption("--gotcha-guard-no-children", action="store_true", default=False,
                    help="do not follow child processes (subprocesses, multiprocessing workers)")
    parser.addini("gotcha_guard", type="bool", default=False, help="turn gotcha_guard on (as --gotcha-guard)")
    parser.addini("gotcha_guard_report_only", type="bool", default=False,
                  help="gotcha_guard reports leaks without failing the session")


def _settings(config):
    try:
        return guard_config.load_settings(str(config.rootpath))
    except (OSError, ValueError) as error:
        raise pytest.UsageError("gotcha_guard: cannot read the settings: %s" % error)


def pytest_configure(config):
    settings = _settings(config)
    enabled = config.getoption("gotcha_guard") or config.getini("gotcha_guard") or settings.enabled
    if not enabled:
        return
    config.pluginmanager.register(GuardSession(config, settings), "gotcha-guard-session")


def _is_xdist_controller(config):
    return (getattr(config.option, "numprocesses", None) or getattr(config.option, "dist", "no") != "no") \
        and not hasattr(config, "workerinput")


class GuardSession(object):
    """The guard over one pytest process: installed at configure, read at session end."""

    def __init__(self, config, settings):
        self.config = config
        self.settings = settings
        self.report_only = bool(config.getoption("gotcha_guard_report_only") or config.getini("gotcha_guard_report_only"))
        self.findings = []            # dicts, each with "test"
        self.seen = 0                 # findings of the guard already given a test
        self.current_test = None
        self.unwatched = []
        self.unfollowed = None
        self.is_worker = hasattr(config, "workerinput")
        self.is_controller = _is_xdist_controller(config)
        path = config.getoption("gotcha_guard_report")
        if path and not self.is_worker:
            problem = formats.report_path_problem(path) if path != "-" else None
            if problem:
                raise pytest.UsageError("gotcha_guard: cannot write the report to %s: %s" % (path, problem))
        self.installed = False
        self.follows_children = False
        cache_pattern = settings.cache_names or gotcha_guard.DEFAULT_CACHE_PATTERN
        watch_filter = guard_config.make_filter(settings, config.getoption("gotcha_guard_include"),
                                                config.getoption("gotcha_guard_exclude"), root=str(config.rootpath))
        if not self.is_worker and not config.getoption("gotcha_guard_no_children"):
            children.follow_children({"cache_pattern": cache_pattern, "include": watch_filter.include,
                                      "exclude": watch_filter.exclude, "allow": list(settings.allow),
                                      "root": watch_filter.root, "raise_on_leak": False})
            self.follows_children = True
        if not self.is_controller:
            children.release_child()  # an xdist worker, guarded from startup: this plugin reports instead
            gotcha_guard.install(cache_pattern=cache_pattern, watch_filter=watch_filter)
            self.installed = True

    def _collect_new(self):
        """Gives the findings recorded since the last look the test running now."""
        count = gotcha_guard.status()["findings"]
        if count > self.seen:
            for finding in gotcha_guard.report()[self.seen:count]:
                finding["test"] = self.current_test
                self.findings.append(finding)
            self.seen = count

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        if self.installed:
            self._collect_new()  # collection, or between tests: no test to blame
            self.current_test = item.nodeid
        os.environ[children.TEST_VARIABLE] = item.nodeid  # for child processes started by the test
        yield
        os.environ.pop(children.TEST_VARIABLE, None)
        if self.installed:
            self._collect_new()
            self.current_test = None

    def pytest_testnodedown(self, node, error):
        """xdist controller: a worker finished; its findings come in its output."""
        output = getattr(node, "workeroutput", None) or {}
        self.findings.extend(output.get(WORKER_OUTPUT_KEY, []))

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session, exitstatus):
        if self.installed:
            gotcha_guard.uninstall()  # also the final check: changes after the last call
            self._collect_new()
            self.installed = False
        if self.is_worker:
            self.config.workeroutput[WORKER_OUTPUT_KEY] = self.findings
            return
        if self.follows_children:
            self.unfollowed = children.unfollowed_warning()
            child_findings, self.unwatched = children.collect_children()
            self.findings.extend(child_findings)
        self.findings = children.merge(self.findings)
        path = self.config.getoption("gotcha_guard_report")
        if path:
            formats.write_report(path, self.findings, self.config.getoption("gotcha_guard_format"),
                                 root=str(self.config.rootpath))
        if gotcha_guard.leaks(self.findings) and not self.report_only and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter, exitstatus, config):
        if self.is_worker:
            return
        leaks = gotcha_guard.leaks(self.findings)
        others = [f for f in self.findings if f not in leaks]
        terminalreporter.section("gotcha_guard", sep="=", red=bool(leaks) and not self.report_only, bold=True)
        for finding in leaks:
            terminalreporter.line(describe(finding, str(config.rootpath)))
        if others:
            terminalreporter.line("not errors (intentional caches, changes from outside):")
            for finding in others:
                terminalreporter.line("  " + describe(finding, str(config.rootpath)))
        for child in self.unwatched:
            terminalreporter.line("gotcha_guard: child process %s (%s) not watched: %s"
                                  % (child.get("pid"), child.get("executable"), child.get("unwatched")))
        if self.unfollowed:
            terminalreporter.line(self.unfollowed)
        if not leaks:
            terminalreporter.line("gotcha_guard: no mutated defaults")
        elif self.report_only:
            terminalreporter.line("gotcha_guard: %d mutated defaults (report only)" % len(leaks))
        else:
            terminalreporter.line("gotcha_guard: %d mutated defaults: the session fails" % len(leaks))


def describe(finding, root):
    where = "%s:%d" % (formats.relative(finding["file"], root), finding["line"])
    test = finding.get("test") or "(no test running: collection or session end)"
    text = "%s: %s(): default of %r changed" % (where, finding["function"], finding["parameter"])
    if finding.get("outside"):
        text += " outside its calls"
    else:
        text += " at call %d" % finding["call"]
    text += " (%s) in %s" % (finding["kind"], test)
    if finding.get("call_site"):
        text += ", called from %s" % formats.relative(finding["call_site"], root)
    return text + ": " + finding["excerpt"]
