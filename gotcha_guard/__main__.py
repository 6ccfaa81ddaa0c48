"""python -m gotcha_guard [options] (script.py | -m module) [ARGS...]

Exit status: the program's own non-zero status wins; otherwise 1 when a leak was found (0 with
--exit-zero); 2 for a bad command line (checked before the program runs).
"""
import argparse
import os
import runpy
import sys

import gotcha_guard
from gotcha_guard import children, config, formats


OPTIONS_WITH_VALUE = ("--report", "--report-format", "--cache-pattern", "--include", "--exclude", "--config")


def split_command_line(argv):
    """(guard options, program) where program is ["-m", module, args...] or [script, args...]:
    everything from the script or -m on belongs to the program, options included."""
    index = 0
    while index < len(argv):
        argument = argv[index]
        if argument == "-m" or (argument.startswith("-m") and not argument.startswith("--")):
            module = argument[2:] or (argv[index + 1] if index + 1 < len(argv) else "")
            rest = argv[index + 1:] if argument[2:] else argv[index + 2:]
            return argv[:index], ["-m", module] + rest
        if not argument.startswith("-") or argument == "-":
            return argv[:index], argv[index:]
        index += 2 if argument in OPTIONS_WITH_VALUE else 1
    return argv, []


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m gotcha_guard",
        usage="%(prog)s [options] (script.py | -m module) [args...]",
        description="Run a Python program and report default arguments that changed between calls.")
    parser.add_argument("--report", metavar="FILE", help="also write the findings to FILE (JSON; SARIF for *.sarif)")
    parser.add_argument("--report-format", choices=formats.FORMATS,
                        help="format of --report: json, sarif or github (workflow annotations)")
    parser.add_argument("--raise", dest="raise_on_leak", action="store_true",
                        help="raise MutableDefaultError at the return of the first offending call")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit with the program's status even when a leak was found")
    parser.add_argument("--cache-pattern", default=None,
                        help="regex of parameter names that are intentional caches (default: cache-names of "
                             "[tool.gotcha], else %s)" % gotcha_guard.DEFAULT_CACHE_PATTERN.replace("%", "%%"))
    parser.add_argument("--include", action="append", default=[], metavar="GLOB",
                        help="also watch files matching GLOB (the standard library and site-packages are not "
                             "watched otherwise); repeatable")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="never watch files matching GLOB; repeatable")
    parser.add_argument("--no-children", dest="children", action="store_false",
                        help="do not follow child processes (subprocesses, multiprocessing workers)")
    parser.add_argument("--config", metavar="FILE", help="read [tool.gotcha.guard] from FILE instead of the "
                                                         "nearest pyproject.toml / gotcha.toml")
    guard_arguments, program = split_command_line(argv)
    options = parser.parse_args(guard_arguments)
    if not program or program[:2] == ["-m", ""]:
        parser.error("a script or -m module is required")
    options.module = program[1] if program[0] == "-m" else None
    options.target = program[2:] if options.module else program
    if options.module is None and not os.path.isfile(options.target[0]):
        parser.error("cannot run %s: no such file" % options.target[0])
    if options.report and formats.report_path_problem(options.report):
        parser.error("cannot write the report to %s: %s" % (options.report, formats.report_path_problem(options.report)))
    try:
        options.settings = config.load_settings(".", options.config)
    except (OSError, ValueError) as error:
        parser.error("cannot read the settings: %s" % error)
    options.cache_pattern = options.cache_pattern or options.settings.cache_names or gotcha_guard.DEFAULT_CACHE_PATTERN
    return options


def run_program(options):
    if options.module is not None:
        sys.argv = [options.module] + options.target
        runpy.run_module(options.module, run_name="__main__", alter_sys=True)
    else:
        sys.argv = list(options.target)
        sys.path[0] = os.path.dirname(os.path.abspath(options.target[0]))  # as "python script.py" does
        runpy.run_path(options.target[0], run_name="__main__")


def exit_status_of(code):
    """What the interpreter would exit with for SystemExit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def follow_children(options, watch_filter):
    children.follow_children({
        "cache_pattern": options.cache_pattern, "include": watch_filter.include, "exclude": watch_filter.exclude,
        "allow": list(options.settings.allow), "root": watch_filter.root, "raise_on_leak": options.raise_on_leak})


def gather_findings(options):
    """The findings of this process and of its children, one per def, parameter and kind."""
    if gotcha_guard.status().get("eval_frame_replaced"):
        print("gotcha_guard: warning: another tool (a debugger, a JIT) replaced the guard's frame evaluation "
              "function (PEP 523): calls after that were not watched", file=sys.stderr)
    gotcha_guard.uninstall()
    findings = gotcha_guard.report()
    if options.children:
        child_findings, unwatched = children.collect_children()
        findings = children.merge(findings + child_findings)
        for child in unwatched:
            print("gotcha_guard: child process %s (%s) not watched: %s"
                  % (child.get("pid"), child.get("executable"), child.get("unwatched")), file=sys.stderr)
        warning = children.unfollowed_warning()
        if warning:
            print(warning, file=sys.stderr)
    return findings


def main(argv=None):
    options = parse_arguments(sys.argv[1:] if argv is None else argv)
    watch_filter = config.make_filter(options.settings, options.include, options.exclude)
    if options.children:
        follow_children(options, watch_filter)
    gotcha_guard.install(raise_on_leak=options.raise_on_leak, cache_pattern=options.cache_pattern,
                         watch_filter=watch_filter)
    status = 0
    try:
        run_program(options)
    except SystemExit as exit_request:
        status = exit_status_of(exit_request.code)
    finally:
        if children.is_forked_child():  # os.fork() in the program, and the child came back here
            children.write_child_report()
            return status
        findings = gather_findings(options)
        print(gotcha_guard.format_report(findings), file=sys.stderr)
        if options.report:
            formats.write_report(options.report, findings, options.report_format, root=os.getcwd())
    if status == 0 and gotcha_guard.leaks(findings) and not options.exit_zero:
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
