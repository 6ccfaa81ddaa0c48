"""python -m gotcha_guard [--report FILE.json] [--raise] (script.py | -m module) [ARGS...]"""
import argparse
import json
import runpy
import sys

import gotcha_guard


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m gotcha_guard",
        description="Run a Python program and report default arguments that changed between calls.")
    parser.add_argument("--report", metavar="FILE.json", help="also write the findings as JSON")
    parser.add_argument("--raise", dest="raise_on_leak", action="store_true",
                        help="raise MutableDefaultError at the return of the first offending call")
    parser.add_argument("--cache-pattern", default=gotcha_guard.DEFAULT_CACHE_PATTERN,
                        help="regex of parameter names that are intentional caches (default: %(default)s)")
    parser.add_argument("-m", dest="module", help="run a library module as a script")
    parser.add_argument("target", nargs=argparse.REMAINDER, help="script.py and its arguments")
    options = parser.parse_args(argv)
    if options.module is None and not options.target:
        parser.error("a script or -m module is required")
    return options


def run_program(options):
    if options.module is not None:
        sys.argv = [options.module] + options.target
        runpy.run_module(options.module, run_name="__main__", alter_sys=True)
    else:
        sys.argv = list(options.target)
        sys.path[0] = __import__("os").path.dirname(options.target[0]) or "."
        runpy.run_path(options.target[0], run_name="__main__")


def main(argv=None):
    options = parse_arguments(sys.argv[1:] if argv is None else argv)
    gotcha_guard.install(raise_on_leak=options.raise_on_leak, cache_pattern=options.cache_pattern)
    status = 0
    try:
        run_program(options)
    except SystemExit as exit_request:
        status = exit_request.code
    finally:
        gotcha_guard.uninstall()
        findings = gotcha_guard.report()
        print(gotcha_guard.format_report(findings), file=sys.stderr)
        if options.report:
            with open(options.report, "w", encoding="utf-8") as out:
                json.dump({"version": 1, "findings": findings}, out, indent=2)
                out.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
