"""Behaviour checks of gotcha_guard, run by tests/suites/60-guard.sh under each CPython built.

Prints one line per check, "ok - NAME" or "not ok - NAME" with "#" detail lines. Functions are
defined after install() (exec of a small source), so the discovery of new functions is tested,
except where a check says otherwise.
"""
import asyncio
import collections
import json
import gc
import os
import subprocess
import sys
import textwrap
import threading

import gotcha_guard as guard

# GUARD_CHECK_TAG tells runs of one interpreter apart (e.g. the sanitizer build).
VERSION = "%d.%d%s" % (sys.version_info[0], sys.version_info[1], os.environ.get("GUARD_CHECK_TAG", ""))


def check(name, condition, detail=""):
    print("%s - %s: %s" % ("ok" if condition else "not ok", VERSION, name))
    if not condition:
        for line in str(detail).splitlines() or [""]:
            print("# " + line)


def run_guarded(source, **install_options):
    """Installs the guard, runs `source` as a module named case.py, uninstalls; (report, namespace)."""
    namespace = {"__name__": "case"}
    guard.install(**install_options)
    try:
        exec(compile(textwrap.dedent(source), "case.py", "exec"), namespace)
    finally:
        guard.uninstall()
    return guard.report(), namespace


def findings_of(report, function):
    return [f for f in report if f["function"] == function]


def expect_one(name, report, function, parameter, call, kind=None, **fields):
    found = findings_of(report, function)
    problems = []
    if len(found) != 1:
        problems.append("expected one finding for %s, got %r" % (function, report))
    else:
        f = found[0]
        if f["parameter"] != parameter:
            problems.append("parameter %r != %r" % (f["parameter"], parameter))
        if f["call"] != call:
            problems.append("call %r != %r" % (f["call"], call))
        if kind is not None and f["kind"] != kind:
            problems.append("kind %r != %r" % (f["kind"], kind))
        for key, value in fields.items():
            if f[key] != value:
                problems.append("%s %r != %r" % (key, f[key], value))
    check(name, not problems, "\n".join(problems))


def test_request_handler():
    report, _ = run_guarded("""
        class Request:
            def __init__(self, user):
                self.user = user

        def handle(req, seen=[]):
            seen.append(req.user)
            return len(seen)

        def handle_fixed(req, seen=None):
            if seen is None:
                seen = []
            seen.append(req.user)
            return len(seen)

        for user in ["alice", "bob", "carol"]:
            handle(Request(user))
            handle_fixed(Request(user))
    """)
    expect_one("request handler leak detected", report, "handle", "seen", 1, "items added",
               file="case.py", line=6, intentional=False, keyword_only=False, type="list")
    found = findings_of(report, "handle")
    check("excerpt shows the leaked users",
          bool(found) and found[0]["excerpt"] == "['alice', 'bob', 'carol']", found)
    check("None-sentinel version not reported", not findings_of(report, "handle_fixed"), report)


def test_call_number():
    report, _ = run_guarded("""
        def late(x, acc=[]):
            if x == 4:
                acc.append(x)
            return x
        for i in range(1, 8):
            late(i)
    """)
    expect_one("first change seen at the right call", report, "late", "acc", 4)


def test_read_only_defaults():
    report, _ = run_guarded("""
        def lookup(key, table={"a": 1}, names=["x"], flags=set()):
            return table.get(key), key in names, key in flags
        for key in "abcabc":
            lookup(key)
    """)
    check("read-only mutable defaults not reported", report == [], report)


def test_container_kinds():
    report, _ = run_guarded("""
        import collections
        def with_dict(key, d={}):
            d[key] = len(d)
        def with_set(key, s=set()):
            s.add(key)
        def with_deque(key, q=collections.deque()):
            q.append(key)
        def with_bytearray(key, b=bytearray()):
            b.extend(key.encode())
        def with_defaultdict(key, d=collections.defaultdict(list)):
            d[key].append(1)
        def with_ordereddict(key, d=collections.OrderedDict()):
            d[key] = 1
        def with_counter(key, c=collections.Counter()):
            c[key] += 1
        def replace_item(i, acc=[0, 0, 0]):
            acc[i] = object()
        def replace_value(key, d={"a": 0}):
            d["a"] = object()
        def change_key(key, d={"a": 0}):
            d.pop(next(iter(d)))
            d[key] = 0
        def shrink(key, acc=[1, 2, 3]):
            acc.pop()
        for key in ["k1", "k2"]:
            for f in (with_dict, with_set, with_deque, with_bytearray, with_defaultdict,
                      with_ordereddict, with_counter, replace_value, change_key, shrink):
                f(key)
        replace_item(1)
    """)
    for function, parameter, type_name in [
            ("with_dict", "d", "dict"), ("with_set", "s", "set"), ("with_deque", "q", "deque"),
            ("with_bytearray", "b", "bytearray"), ("with_defaultdict", "d", "defaultdict"),
            ("with_ordereddict", "d", "OrderedDict"), ("with_counter", "c", "Counter")]:
        expect_one("%s default detected" % type_name, report, function, parameter, 1, "items added",
                   type=type_name)
    expect_one("item replaced in place", report, "replace_item", "acc", 1, "items replaced")
    expect_one("mapping value replaced", report, "replace_value", "d", 1, "values replaced")
    expect_one("mapping keys changed", report, "change_key", "d", 1, "keys changed")
    expect_one("items removed", report, "shrink", "acc", 1, "items removed")


def test_reach():
    report, _ = run_guarded("""
        import array, collections
        def nested(x, groups=[[]]):
            groups[0].append(x)
        def by_key(x, index={"a": []}):
            index["a"].append(x)
        def nested_set(x, d={"seen": set()}):
            d["seen"].add(x)
        def numbers(x, values=array.array("i")):
            values.append(x)
        def patch(x, values=array.array("d", [0.0, 0.0])):
            values[1] = float(x)
        def recent(key, lru=collections.OrderedDict(a=1, b=2)):
            lru.move_to_end("a")
        def reads(x, groups=[[1], [2]], index={"a": [1]}, values=array.array("i", [1, 2]),
                  od=collections.OrderedDict(a=1), deep=[[[{"k": [1]}]]]):
            return len(groups[0]) + len(index["a"]) + values[0] + od["a"] + len(deep[0][0][0]["k"])
        def two_deep(x, grid=[[[]]]):
            grid[0][0].append(x)
        def dict_list_dict(x, tree={"a": [{}]}):
            tree["a"][0][x] = x
        def four_deep(x, deep=[[[[[]]]]]):
            deep[0][0][0][0].append(x)
        def five_deep(x, deep=[[[[[[]]]]]]):
            deep[0][0][0][0][0].append(x)
        looped = []
        looped.append(looped)
        def self_holding(x, loop=looped):
            return len(loop)
        for x in range(1, 4):
            nested(x); by_key(x); nested_set(x); numbers(x); patch(x); recent(x); reads(x)
            two_deep(x); dict_list_dict(x); four_deep(x); five_deep(x); self_holding(x)
    """)
    expect_one("a container nested in a list default", report, "nested", "groups", 1, "nested container changed")
    expect_one("a container nested in a dict default", report, "by_key", "index", 1, "nested container changed")
    expect_one("a set nested in a dict default", report, "nested_set", "d", 1, "nested container changed")
    expect_one("array.array default: items added", report, "numbers", "values", 1, "items added", type="array")
    expect_one("array.array default: item replaced", report, "patch", "values", 1, "items replaced")
    expect_one("OrderedDict.move_to_end", report, "recent", "lru", 1, "items reordered")
    check("read-only nested containers, arrays and OrderedDicts not reported", not findings_of(report, "reads"),
          report)
    expect_one("a list in a list in a list default (x[0][0].append)", report, "two_deep", "grid", 1,
               "nested container changed")
    expect_one("a dict in a list in a dict default", report, "dict_list_dict", "tree", 1, "nested container changed")
    expect_one("a container 4 levels below the default", report, "four_deep", "deep", 1, "nested container changed")
    check("5 levels below the default: beyond the depth bound, not watched (README)",
          not findings_of(report, "five_deep"), report)
    check("a list that holds itself: no report, no endless walk", not findings_of(report, "self_holding"), report)


def test_keyword_only_and_shapes():
    report, ns = run_guarded("""
        import asyncio
        def kwonly(x, *, acc=[]):
            acc.append(x)
        class Service:
            def method(self, x, acc=[]):
                acc.append(x)
            @staticmethod
            def static(x, acc={}):
                acc[x] = x
        def outer():
            def inner(x, acc=[]):
                acc.append(x)
            return inner
        def gen(n, acc=[]):
            acc.append(n)
            yield len(acc)
            yield len(acc)
        async def coro(x, acc=[]):
            acc.append(x)
            await asyncio.sleep(0)
            return len(acc)
        lam = lambda x, acc=[]: acc.append(x)
        closure = outer()
        for x in range(3):
            kwonly(x)
            Service().method(x)
            Service.static(x)
            closure(x)
            list(gen(x))
            asyncio.run(coro(x))
            lam(x)
    """)
    expect_one("keyword-only default", report, "kwonly", "acc", 1, keyword_only=True)
    expect_one("method default", report, "Service.method", "acc", 1)
    expect_one("staticmethod default", report, "Service.static", "acc", 1)
    expect_one("closure default", report, "outer.<locals>.inner", "acc", 1)
    expect_one("generator default", report, "gen", "acc", 1)
    expect_one("async function default", report, "coro", "acc", 1)
    expect_one("lambda default", report, "<lambda>", "acc", 1)


def test_blame():
    report, _ = run_guarded("""
        registry = []
        def shutdown(handlers=registry):
            return len(handlers)
        def add(handler):
            registry.append(handler)
        shutdown()
        for i in range(3):
            add(i)
            shutdown()
    """)
    check("a default only read, filled by other code between calls: not a leak",
          guard.leaks(report) == [], report)
    expect_one("a default filled from outside is its own kind of report", report, "shutdown", "handlers", 2,
               "items added", outside=True, at_exit=False)

    report, _ = run_guarded("""
        def visit(x, seen=[]):
            if x:
                other()
            return seen
        def other():
            visit.__defaults__[0].append(1)
        visit(0)
        visit(1, seen=[])
    """)
    check("a change during a call that did not use the default: not a leak", guard.leaks(report) == [], report)
    expect_one("... but a change from outside, seen at that call's end", report, "visit", "seen", 2,
               outside=True)

    report, _ = run_guarded("""
        def captured(x, acc=[]):
            if x == 2:
                captured.__defaults__[0].append(x)
            return lambda: acc
        def captured_gen(x, acc=[]):
            yield (lambda: acc)
            if x == 2:
                captured_gen.__defaults__[0].append(x)
        captured(1)
        captured(2, acc=[])
        list(captured_gen(1))
        list(captured_gen(2, acc=[]))
        def rebinds(x, acc=[]):
            acc.append(x)
            acc = None
        rebinds(1)
    """)
    check("a parameter a closure captures is read (own list passed: not a leak)", guard.leaks(report) ==
          (findings_of(report, "rebinds") if sys.version_info < (3, 12) else []), report)
    expect_one("... a change from outside during a call that captured its own list", report, "captured", "acc", 2,
               outside=True)
    expect_one("... the same in a generator (3.11: the cell made before RETURN_GENERATOR)", report, "captured_gen",
               "acc", 2, outside=True)
    # 3.8-3.11 read the parameters at the call's start, 3.12+ at its end (README: limits).
    found = findings_of(report, "rebinds")
    check("a call that rebinds its parameter after the change: a leak on 3.8-3.11, from outside on 3.12+",
          len(found) == 1 and found[0]["outside"] == (sys.version_info >= (3, 12)), report)

    report, ns = run_guarded("""
        import gotcha_guard
        outcomes = []
        def flaky(x, acc=[]):
            if x == 2:
                acc.append(x)
            raise ValueError(x)
        for i in range(1, 5):
            try:
                flaky(i)
            except ValueError as error:
                outcomes.append(error.args[0])
            except gotcha_guard.MutableDefaultError:
                outcomes.append("leak")
    """, raise_on_leak=True)
    expect_one("mutate-then-raise caught at the call that mutated", report, "flaky", "acc", 2, "items added",
               outside=False)
    check("--raise never replaces the exception a call raises", ns["outcomes"] == [1, 2, 3, 4], ns["outcomes"])

    report, _ = run_guarded("""
        def reader(key, table={}):
            return table.get(key)
        reader(1)
        reader.__defaults__[0]["k"] = 1
    """)
    expect_one("final check at uninstall: a change after the last call", report, "reader", "table", 1,
               "keys changed" if False else "items added", outside=True, at_exit=True)
    check("a change seen at exit is not a leak", guard.leaks(report) == [], report)


def test_call_numbers():
    """The number reported is the one of the call that changed the default, on every version."""
    report, _ = run_guarded("""
        import threading
        def walk(n, acc=[]):
            if n:
                walk(n - 1)
            if n == 2:
                acc.append(n)
        walk(3)
        def gen(n, acc=[]):
            yield 1
            if n == 1:
                acc.append(n)
            yield 2
        first, second = gen(0), gen(1)
        next(first); next(second)
        list(first); list(second)
        def runtime():
            made = []
            for i in range(2):
                made.append(lambda x, k=[]: k.append(x) if x == 3 else None)
            for x in range(5):
                made[1](x)
        t = threading.Thread(target=runtime)
        t.start(); t.join()
        async def coro(n, acc={}):
            import asyncio
            await asyncio.sleep(0)
            if n == 3:
                acc[n] = n
        import asyncio
        async def main():
            await asyncio.gather(*[coro(n) for n in range(5)])
        asyncio.run(main())
    """)
    expect_one("recursion: the inner call that changed it", report, "walk", "acc", 2)
    expect_one("interleaved generators: the one that changed it", report, "gen", "acc", 2)
    expect_one("lambda with a run-time default, made in a thread", report, "runtime.<locals>.<lambda>", "k", 4)
    expect_one("interleaved coroutines", report, "coro", "acc", 4)


def test_gc_pressure():
    """A collection while a function is being watched (its callback scans for new functions)
    must not watch it twice (which counted each call twice on 3.8-3.11)."""
    threshold = gc.get_threshold()
    gc.set_threshold(1)
    try:
        report, _ = run_guarded("""
            def handle(req, seen=[]):
                seen.append(req)
                return len(seen)
            for user in ["a", "b", "c"]:
                handle(user)
        """)
    finally:
        gc.set_threshold(*threshold)
    expect_one("call numbers under GC pressure (a collection at every allocation)", report, "handle", "seen", 1)


THREAD_STARTS = 3000


def test_thread_starts(workdir):
    """Threads started while the guard is installed: nothing is installed per thread (3.8-3.11:
    one frame evaluation function per interpreter; 3.12+: sys.monitoring), so the thread-start
    race of 3.10/3.11 ("Cannot install a profile function while another profile function is
    being installed") cannot happen: THREAD_STARTS starts, every one runs, watched."""
    import _thread
    starters = (getattr(threading, "_start_new_thread", None), _thread.start_new_thread)
    failures, done = [], []
    lock = threading.Lock()
    original_excepthook = threading.excepthook
    threading.excepthook = lambda hook_args: failures.append(repr(hook_args.exc_value))
    namespace = {"__name__": "case"}
    guard.install()
    try:
        exec(compile("def work(x, acc=[]):\n    acc.append(x)\n", "case.py", "exec"), namespace)
        work = namespace["work"]

        def body(i):
            work(i)
            with lock:
                done.append(i)
        for batch in range(THREAD_STARTS // 50):
            threads = [threading.Thread(target=body, args=(batch * 50 + i,)) for i in range(50)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        starters_during = (getattr(threading, "_start_new_thread", None), _thread.start_new_thread)
        profile_during = (sys.getprofile(), getattr(threading, "_profile_hook", None))
    finally:
        guard.uninstall()
        threading.excepthook = original_excepthook
    check("%d thread starts while guarded: all ran, no failure" % THREAD_STARTS,
          len(done) == THREAD_STARTS and failures == [], (len(done), failures[:5]))
    check("... nothing installed per thread (no profile function, thread start untouched)",
          starters_during == starters and profile_during == (None, None), (starters_during, profile_during))
    found = findings_of(guard.report(), "work")
    check("... and the threads' calls are watched", len(found) == 1 and found[0]["call"] == 1, guard.report())


def test_other_profilers(workdir):
    """Another profiler does not stop the guard (3.8-3.11: the frame evaluation function is not
    the profile function; 3.12+: sys.monitoring tools coexist)."""
    script = os.path.join(workdir, "profiled.py")
    with open(script, "w") as out:
        out.write("import gc\ndef f(x, acc=[]):\n    acc.append(x)\nfor i in range(3):\n    f(i)\ngc.collect()\n")
    done = run_cli(["-m", "cProfile", script], workdir)
    check("under -m cProfile: the guard still reports, without a warning",
          "f(): default of 'acc' changed at call 1 (items added): [0, 1, 2]" in done.stderr
          and "warning" not in done.stderr and done.returncode == 1, done.stderr[-2000:])
    if sys.version_info >= (3, 12):
        return  # sys.monitoring: the guard sets no frame evaluation function there
    try:
        import _testinternalcapi
        set_default = _testinternalcapi.set_eval_frame_default
        set_record = _testinternalcapi.set_eval_frame_record
    except (ImportError, AttributeError):
        return  # no way to set another frame evaluation function from Python here (before 3.11)
    seen = []
    set_record(seen)  # another PEP 523 function, installed before the guard: the guard calls it
    try:
        report, _ = run_guarded("""
            def chained(x, acc=[]):
                acc.append(x)
            chained(1)
        """)
        names_while_guarded = list(seen)
        chained_restored = not guard.status()["eval_frame_installed"]
        exec("def after():\n    pass\nafter()\n", {})
        still_recording = "after" in seen
    finally:
        set_default()
    check("another frame evaluation function set before install is called by the guard's",
          "chained" in names_while_guarded and len(findings_of(report, "chained")) == 1, (names_while_guarded, report))
    check("... and put back at uninstall", chained_restored and still_recording, seen[-5:])
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        guard.install()
        try:
            set_default()  # a debugger or JIT taking the interpreter's function over
            gc.collect()
            replaced = guard.status()["eval_frame_replaced"]
        finally:
            guard.uninstall()
    check("a RuntimeWarning when another frame evaluation function replaces the guard's",
          replaced and any("replaced the guard's frame evaluation function" in str(w.message) for w in caught),
          [str(w.message) for w in caught])


def test_generator_call_count():
    report, _ = run_guarded("""
        def gen(n, acc=[]):
            for i in range(3):
                yield i
            if n == 2:
                acc.append(n)
        for n in range(4):
            list(gen(n))
    """)
    expect_one("generator resumptions are not counted as calls", report, "gen", "acc", 3)


def test_shared_code_objects():
    report, _ = run_guarded("""
        def make():
            def inner(x, acc=[]):
                acc.append(x)
            return inner
        handlers = [make() for _ in range(50)]
        for h in handlers:
            h(1)
    """)
    found = findings_of(report, "make.<locals>.inner")
    check("one finding per def even with many function objects", len(found) == 1, report)


def test_threads():
    report, _ = run_guarded("""
        import threading
        def handle(x, seen=[]):
            seen.append(x)
        def worker(n):
            for i in range(100):
                handle(i)
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    """)
    found = findings_of(report, "handle")
    check("leak in functions called from threads", len(found) == 1 and found[0]["parameter"] == "seen", report)

    report, _ = run_guarded("""
        import threading
        def worker():
            def local(x, acc=[]):
                acc.append(x)
            for i in range(5):
                local(i)
            def second(x, acc=[]):
                acc.append(x)
            for i in range(5):
                second(i)
        t = threading.Thread(target=worker)
        t.start()
        t.join()
    """)
    check("leak in a function defined and called in a thread",
          len(findings_of(report, "worker.<locals>.local")) == 1 and len(findings_of(report, "worker.<locals>.second")) == 1,
          report)


def test_defaults_replaced():
    report, _ = run_guarded("""
        def regrown(x, acc=[]):
            if x >= 3:
                acc.append(x)
        regrown(1)
        regrown(2)
        regrown.__defaults__ = ([],)
        regrown(3)

        def swapped(x, acc=[]):
            return len(acc)
        swapped(1)
        swapped.__defaults__ = ([1, 2, 3],)
        swapped(2)

        def kw_regrown(x, *, acc={}):
            if x >= 2:
                acc[x] = x
        kw_regrown(1)
        kw_regrown.__kwdefaults__ = {"acc": {}}
        kw_regrown(2)
    """)
    expect_one("replaced mutable default watched from the next call", report, "regrown", "acc", 3)
    check("replacing a default is not itself a leak", not findings_of(report, "swapped"), report)
    expect_one("replaced keyword-only default watched", report, "kw_regrown", "acc", 2, keyword_only=True)
    if sys.version_info < (3, 12):
        return  # no event for __defaults__ of a function without a mutable default (README: limits)
    report, _ = run_guarded("""
        def late_list(x, acc=None):
            if acc is not None:
                acc.append(x)
        late_list(0)
        late_list.__defaults__ = ([],)
        late_list(1)

        def kw_late(x, *, acc=None):
            if acc is not None:
                acc[x] = x
        kw_late(0)
        kw_late.__kwdefaults__ = {"acc": {}}
        kw_late(1)
    """)
    # Calls are counted from the moment a function has a mutable default to watch.
    expect_one("None default replaced by a list is watched", report, "late_list", "acc", 1)
    expect_one("None keyword-only default replaced by a dict is watched", report, "kw_late", "acc", 1,
               keyword_only=True)


def define_before_install():
    namespace = {}
    exec("def early(x, acc=[]):\n    acc.append(x)\n", namespace)
    return namespace["early"]


def test_functions_defined_before_install():
    early = define_before_install()
    guard.install()
    try:
        early(1)
        early(2)
    finally:
        guard.uninstall()
    expect_one("function defined before install found", guard.report(), "early", "acc", 1)


def test_intentional_caches():
    report, _ = run_guarded("""
        def fib(n, _cache={}):
            if n not in _cache:
                _cache[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
            return _cache[n]
        def remember(x, memo=[]):
            memo.append(x)
        def custom(x, registry=[]):
            registry.append(x)
        fib(10)
        remember(1)
        custom(1)
    """, cache_pattern="^_?cache|_cache$|^_?memo|^registry$")
    # fib(1), the 10th call started, is the first to return: its change is seen there.
    expect_one("cache-named parameter reported as intentional", report, "fib", "_cache", 10, intentional=True)
    expect_one("memo-named parameter intentional", report, "remember", "memo", 1, intentional=True)
    expect_one("configurable cache pattern", report, "custom", "registry", 1, intentional=True)
    text = guard.format_report(report)
    check("text report separates intentional caches", "3 intentional caches" in text, text)


def test_raise():
    report, ns = run_guarded("""
        import gotcha_guard
        outcomes = []
        def late(x, acc=[]):
            if x == 3:
                acc.append(x)
            return x
        for i in range(1, 6):
            try:
                outcomes.append(late(i))
            except gotcha_guard.MutableDefaultError as error:
                outcomes.append(str(error))
        def fib(n, _cache={}):
            _cache[n] = n
            return n
        fib(1)
    """, raise_on_leak=True)
    outcomes = ns["outcomes"]
    check("--raise raises at the return of the offending call only",
          outcomes[:2] == [1, 2] and isinstance(outcomes[2], str) and outcomes[3:] == [4, 5], outcomes)
    check("--raise message names function, parameter and call",
          isinstance(outcomes[2], str) and "'acc'" in outcomes[2] and "late" in outcomes[2]
          and "call 3" in outcomes[2], outcomes)
    expect_one("intentional cache does not raise", report, "fib", "_cache", 1, intentional=True)


def test_no_user_code_in_fast_path():
    report, ns = run_guarded("""
        calls = []
        class Noisy:
            def __eq__(self, other):
                calls.append("eq"); return False
            def __hash__(self):
                calls.append("hash"); return 1
            def __repr__(self):
                calls.append("repr"); return "Noisy()"
        class SneakyList(list):
            def __len__(self):
                calls.append("len"); return 0
            def __iter__(self):
                calls.append("iter"); return iter([])
        def f(x, acc=SneakyList(), d={}):
            acc.append(Noisy())
            d[x] = Noisy()
        for i in range(5):
            f(i)
        calls_before_report = list(calls)
    """)
    check("no __eq__/__hash__/__len__/__iter__/__repr__ of user objects while checking",
          ns["calls_before_report"] == [], ns["calls_before_report"])
    found = findings_of(report, "f")
    check("list subclass default detected", len(found) == 2, report)


def test_user_objects_not_tracked():
    report, _ = run_guarded("""
        class Config:
            def __init__(self):
                self.hits = 0
        def f(x, config=Config(), frozen=frozenset(), name="x", t=(1, [])):
            config.hits += 1
        for i in range(3):
            f(i)
    """)
    check("instances of user classes, frozensets, tuples are not tracked", report == [], report)


def test_creation_fast_path():
    if sys.version_info < (3, 12):
        return  # the function watcher and its fast path exist from 3.12 on
    guard.install()
    try:
        namespace = {}
        exec(textwrap.dedent("""
            def make(n):
                for i in range(n):
                    def no_defaults(a, b):
                        return a
                    def constant_defaults(a, b=1, c=None, d="x"):
                        return a
                    lam = lambda a, *rest, **kw: a
            make(0)
        """), namespace)
        before = guard.status()["creations_pending"]
        namespace["make"](200)
        skipped_growth = guard.status()["creations_pending"] - before
        exec("def runtime_defaults(n):\n    for i in range(n):\n        f = lambda a, k=i: a\n", namespace)
        before = guard.status()["creations_pending"]
        namespace["runtime_defaults"](20)
        awaited_growth = guard.status()["creations_pending"] - before
    finally:
        guard.uninstall()
    check("functions without defaults or with constant ones are not awaited", skipped_growth == 0, skipped_growth)
    check("functions with defaults computed at run time are awaited", awaited_growth == 20, awaited_growth)


def test_finalizers_during_cleanup():
    """Releasing watched or leaked containers runs finalizers that call watched code, while the
    guard is installed (clear()) or being removed (uninstall()): no crash, every one runs."""
    namespace = {"__name__": "case"}
    guard.install()
    try:
        exec(compile(textwrap.dedent("""
            def make():
                calls = []
                def watched(x, acc=[]):
                    acc.append(x)
                    calls.append(x)
                return watched, calls
            watched, calls = make()
            class Noisy:
                def __del__(self, watched=watched):  # module globals are gone by then
                    watched(0)
            def holder(x, items=[]):
                items.append(Noisy())
            holder(1)
            holder(2)
        """), "case.py", "exec"), namespace)
        calls = namespace["calls"]
        namespace.clear()
        gc.collect()
        guard.clear()
        gc.collect()
    finally:
        guard.uninstall()
    guard.clear()
    gc.collect()
    check("finalizers calling watched code while the guard releases objects", len(calls) == 2, calls)


def monitoring_state():
    if not hasattr(sys, "monitoring"):
        import _thread
        return {"profile": sys.getprofile(), "thread_profile": threading._profile_hook,
                "gc_callbacks": list(gc.callbacks), "thread_start": threading._start_new_thread,
                "_thread_start": _thread.start_new_thread,
                "eval_frame": guard.status().get("eval_frame_installed")}
    return {"tools": [sys.monitoring.get_tool(i) for i in range(6)]}


def test_uninstall_restores():
    before = monitoring_state()
    guard.install()
    installed_status = guard.status()
    during = monitoring_state()
    guard.uninstall()
    after = monitoring_state()
    check("install changes the interpreter's hooks", during != before, (before, during))
    check("uninstall restores the interpreter's hooks", after == before, (before, after))
    status = guard.status()
    check("status after uninstall: nothing watched",
          not status["installed"] and status["watched_codes"] == 0 and status["watched_functions"] == 0
          and status.get("watcher_id", -1) == -1 and status.get("tool_id", -1) == -1
          and not status.get("eval_frame_installed", False), status)
    check("status while installed names the mechanism",
          installed_status["installed"] and installed_status["mechanism"] == guard.MECHANISM, installed_status)
    guard.clear()
    namespace = {}
    exec("def after(x, acc=[]):\n    acc.append(x)\nafter(1)\nafter(2)\n", namespace)
    check("no detection after uninstall", guard.report() == [], guard.report())
    if hasattr(sys, "monitoring"):
        code = namespace["after"].__code__
        check("no local events left on code", all(sys.monitoring.get_local_events(i, code) == 0 for i in range(6)))
    try:
        guard.install()
        guard.install()
        check("double install refused", False)
    except RuntimeError:
        check("double install refused", True)
    finally:
        guard.uninstall()


def leak_cycle():
    namespace = {}
    source = textwrap.dedent("""
        import collections
        def leaky(x, acc=[], d={}, q=collections.deque()):
            acc.append(x); d[x] = x; q.append(x)
        def quiet(x, acc=[]):
            return len(acc)
        def plain(x, y=1):
            return x + y
        for i in range(200):
            leaky(i); quiet(i); plain(i)
        def make():
            def inner(x, acc=[]):
                acc.append(x)
            return inner
        for i in range(50):
            make()(i)
    """)
    guard.install(raise_on_leak=False)
    exec(compile(source, "cycle.py", "exec"), namespace)
    guard.uninstall()
    guard.report()
    guard.clear()
    namespace.clear()


def test_no_reference_leaks():
    probe = []
    def holder(x, acc=probe):
        return x
    refs_before = (sys.getrefcount(probe), sys.getrefcount(holder), sys.getrefcount(holder.__code__))
    guard.install()
    for i in range(1000):
        holder(i)
    probe.append(1)
    holder(0)
    guard.uninstall()
    guard.report()
    guard.clear()
    refs_after = (sys.getrefcount(probe), sys.getrefcount(holder), sys.getrefcount(holder.__code__))
    check("refcounts of default, function and code restored", refs_before == refs_after, (refs_before, refs_after))

    # Interpreter caches make single measurements noisy; a leak grows in every batch.
    # A leaked object per watched function or finding would be >= 50 blocks per cycle.
    for _ in range(150):
        leak_cycle()  # warm-up: interpreter caches and free lists settle
    growths = []
    for _ in range(4):
        gc.collect()
        blocks_before = sys.getallocatedblocks()
        for _ in range(100):
            leak_cycle()
        gc.collect()
        growths.append(sys.getallocatedblocks() - blocks_before)
    check("no allocated-block growth over batches of 100 install/run/uninstall cycles", min(growths) < 100,
          "growth per batch: %r blocks" % growths)
    if hasattr(sys, "gettotalrefcount"):
        gc.collect()
        total_before = sys.gettotalrefcount()
        for _ in range(100):
            leak_cycle()
        gc.collect()
        check("no total refcount growth (debug build)", sys.gettotalrefcount() - total_before < 100)


def run_cli(arguments, cwd, timeout=240):
    """The guard's command line as a subprocess; a run past `timeout` seconds is killed (with
    its process group) and comes back with status -999."""
    process = subprocess.Popen([sys.executable, "-m", "gotcha_guard"] + arguments, cwd=cwd, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    except subprocess.TimeoutExpired:
        import signal
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return subprocess.CompletedProcess(process.args, -999, stdout, stderr + "\n(timed out)")


def test_cli(workdir):
    import json
    os.makedirs(workdir, exist_ok=True)
    script = os.path.join(workdir, "app.py")
    with open(script, "w") as out:
        out.write(textwrap.dedent("""
            import sys
            def handle(req, seen=[]):
                seen.append(req)
                return len(seen)
            for user in sys.argv[1:]:
                print(handle(user))
        """))
    report_path = os.path.join(workdir, "report.json")
    done = run_cli(["--report", report_path, script, "ann", "ben"], workdir)
    check("CLI runs the script with its arguments; exit status 1 for a leak",
          done.returncode == 1 and done.stdout.split() == ["1", "2"],
          done.stdout + done.stderr)
    check("CLI prints the finding", "handle(): default of 'seen' changed at call 1" in done.stderr, done.stderr)
    try:
        with open(report_path) as inp:
            data = json.load(inp)
        finding = data["findings"][0]
        ok = (len(data["findings"]) == 1 and finding["function"] == "handle" and finding["parameter"] == "seen"
              and finding["file"] == script and finding["line"] == 3 and finding["call"] == 1
              and finding["kind"] == "items added" and finding["excerpt"] == "['ann', 'ben']")
        check("JSON report content", ok, data)
    except (OSError, ValueError, KeyError, IndexError) as error:
        check("JSON report content", False, error)

    done = run_cli(["--raise", script, "ann", "ben"], workdir)
    check("CLI --raise fails the program at the first leak",
          done.returncode != 0 and "MutableDefaultError" in done.stderr and done.stdout.split() == [],
          done.stdout + done.stderr)

    package = os.path.join(workdir, "pkg_app")
    os.makedirs(package, exist_ok=True)
    with open(os.path.join(package, "__init__.py"), "w") as out:
        out.write("")
    with open(os.path.join(package, "__main__.py"), "w") as out:
        out.write("import sys\ndef tally(x, counts={}):\n    counts[x] = 1\nfor a in sys.argv[1:]:\n    tally(a)\n"
                  "print(' '.join(sys.argv[1:]))\n")
    done = run_cli(["--report", report_path, "-m", "pkg_app", "--flag", "-x", "b"], workdir)
    check("CLI -m module gets every argument after it", done.returncode == 1
          and done.stdout.strip() == "--flag -x b"
          and "tally(): default of 'counts' changed at call 1" in done.stderr, done.stdout + done.stderr)

    test_cli_exit_status(workdir, script)

    exiting = subprocess.run([sys.executable, "-c", "import gotcha_guard\ngotcha_guard.install()\n"
                              "def f(x, a=[]):\n    a.append(x)\nf(1)\n"], cwd=workdir,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    check("interpreter exits cleanly with the guard still installed", exiting.returncode == 0, exiting.stderr)


def write_script(workdir, name, source):
    path = os.path.join(workdir, name)
    with open(path, "w") as out:
        out.write(textwrap.dedent(source))
    return path


def test_cli_exit_status(workdir, leaky):
    import json
    done = run_cli(["--exit-zero", leaky, "ann", "ben"], workdir)
    check("CLI --exit-zero: status 0 despite a leak", done.returncode == 0 and "mutated defaults" in done.stderr,
          done.stderr)
    clean = write_script(workdir, "clean.py", "def f(x, acc=None):\n    return x\nf(1)\n")
    done = run_cli([clean], workdir)
    check("CLI: status 0 without a leak", done.returncode == 0 and "no mutated defaults" in done.stderr, done.stderr)
    failing = write_script(workdir, "failing.py", """
        import sys
        def f(x, acc=[]):
            acc.append(x)
        f(1); f(2)
        sys.exit(int(sys.argv[1]) if sys.argv[1].isdigit() else sys.argv[1])
    """)
    done = run_cli([failing, "3"], workdir)
    check("CLI: the program's own non-zero status wins over a leak", done.returncode == 3, done.returncode)
    done = run_cli([failing, "0"], workdir)
    check("CLI: a program exiting 0 with a leak exits 1", done.returncode == 1, done.returncode)
    done = run_cli([failing, "bye"], workdir)
    check("CLI: sys.exit('message') prints it and exits 1", done.returncode == 1 and "bye" in done.stderr,
          done.stderr)
    crashing = write_script(workdir, "crashing.py", "def f(x, acc=[]):\n    acc.append(x)\nf(1)\nraise KeyError('k')\n")
    done = run_cli([crashing], workdir)
    check("CLI: an uncaught exception exits 1 with its traceback, report printed",
          done.returncode == 1 and "KeyError" in done.stderr and "mutated defaults" in done.stderr, done.stderr)
    threaded = write_script(workdir, "threaded.py", """
        import threading
        def f(x, acc=[]):
            acc.append(x)
        def work():
            f(1)
        t = threading.Thread(target=work)
        t.start(); t.join()
        print("main done")
    """)
    done = run_cli(["--raise", threaded], workdir)
    check("CLI: --raise in a worker thread still fails the run",
          done.returncode == 1 and "main done" in done.stdout and "MutableDefaultError" in done.stderr,
          done.stdout + done.stderr)
    marker = os.path.join(workdir, "ran.txt")
    if os.path.exists(marker):
        os.remove(marker)
    side_effect = write_script(workdir, "side_effect.py", "open(%r, 'w').close()\n" % marker)
    done = run_cli(["--report", os.path.join(workdir, "missing", "r.json"), side_effect], workdir)
    check("CLI: an unwritable report path is an error before the program runs",
          done.returncode == 2 and "cannot write the report" in done.stderr and not os.path.exists(marker),
          done.stderr)
    sarif = os.path.join(workdir, "leaks.sarif")
    done = run_cli(["--report", sarif, leaky, "ann"], workdir)
    try:
        with open(sarif) as inp:
            result = json.load(inp)["runs"][0]["results"][0]
        check("CLI: SARIF report for a .sarif name",
              result["ruleId"] == "GG101" and result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3,
              result)
    except (OSError, ValueError, KeyError, IndexError) as error:
        check("CLI: SARIF report for a .sarif name", False, error)
    annotations = os.path.join(workdir, "leaks.txt")
    done = run_cli(["--report", annotations, "--report-format", "github", leaky, "ann", "ben"], workdir)
    with open(annotations) as inp:
        text = inp.read()
    check("CLI: GitHub annotations", text.startswith("::error file=app.py,line=3,title=gotcha_guard GG101::"), text)
    done = run_cli([os.path.join(workdir, "no_such_script.py")], workdir)
    check("CLI: a missing script is an error before anything runs",
          done.returncode == 2 and "no such file" in done.stderr, done.stderr)


def compile_at(source, filename, namespace):
    exec(compile(textwrap.dedent(source), filename, "exec"), namespace)
    return namespace


def test_watch_filter(workdir):
    import sysconfig
    from gotcha_guard import config
    stdlib_file = os.path.join(sysconfig.get_paths()["stdlib"], "fake_guard_module.py")
    site_file = os.path.join(sysconfig.get_paths()["purelib"], "fakepkg", "mod.py")
    user_file = os.path.join(workdir, "project", "app", "handlers.py")
    source = """
        def leak(x, acc=[], other={}):
            acc.append(x)
            other[x] = x
        for i in range(3):
            leak(i)
    """

    def run(watch_filter):
        namespaces = []
        guard.install(watch_filter=watch_filter)
        try:
            for filename in (stdlib_file, site_file, user_file):
                namespaces.append(compile_at(source, filename, {"__name__": "m"}))
        finally:
            guard.uninstall()
        return sorted(set((f["file"], f["parameter"]) for f in guard.report()))

    root = os.path.join(workdir, "project")
    found = run(config.WatchFilter(root=root))
    check("standard library and site-packages not watched by default",
          found == [(user_file, "acc"), (user_file, "other")], found)
    found = run(config.WatchFilter(include=["*/fakepkg/*"], root=root))
    check("--include brings site-packages code back", (site_file, "acc") in found and (user_file, "acc") in found
          and not any(f == stdlib_file for f, _ in found), found)
    found = run(config.WatchFilter(exclude=["app/*"], root=root))
    check("--exclude, relative to the project root, leaves user code out", found == [], found)
    found = run(config.WatchFilter(allow=["leak:other"], root=root))
    check("allow FUNCTION:PARAMETER skips that parameter only", found == [(user_file, "acc")], found)
    found = run(config.WatchFilter(allow=["app/handlers.py::le*"], root=root))
    check("allow FILE::FUNCTION skips the whole function", found == [], found)
    found = run(None)
    check("without a filter, everything is watched", len(found) == 6, found)

    doc = textwrap.dedent("""
        [project]
        name = "demo"  # a comment
        classifiers = ["A :: B",
                       "C"]
        [tool.gotcha]
        cache-names = '^_?registry$'
        select = ["GT"]
        [tool.gotcha.guard]
        include = ["*/vendored/*"]   # vendored code is ours
        exclude = ['*/migrations/*', "*/gen_*.py"]
        allow = [
            "Registry.register:items",  # filled on purpose
            "plugins.py::load_*",
        ]
        enabled = true
    """)
    simple = config.read_simple_toml(doc)
    project = os.path.join(workdir, "tomlproject")
    os.makedirs(os.path.join(project, "sub"), exist_ok=True)
    with open(os.path.join(project, "pyproject.toml"), "w") as out:
        out.write(doc)
    settings = config.load_settings(os.path.join(project, "sub"))
    ok = (settings.include == ["*/vendored/*"] and settings.exclude == ["*/migrations/*", "*/gen_*.py"]
          and settings.allow == ["Registry.register:items", "plugins.py::load_*"]
          and settings.cache_names == "^_?registry$" and settings.enabled is True
          and settings.path == os.path.join(project, "pyproject.toml"))
    check("[tool.gotcha.guard] and cache-names read from the nearest pyproject.toml", ok, settings)
    try:
        import tomllib
        check("the fallback TOML reader agrees with tomllib", simple == tomllib.loads(doc), simple)
    except ImportError:
        check("the fallback TOML reader reads the settings (no tomllib before 3.11)",
              simple["tool"]["gotcha"]["guard"]["allow"] == ["Registry.register:items", "plugins.py::load_*"], simple)

    app = os.path.join(project, "app.py")
    with open(app, "w") as out:
        out.write(textwrap.dedent("""
            import json
            def register(x, _registry=[]):
                _registry.append(x)
            class Registry:
                def register(self, x, items=[]):
                    items.append(x)
            def leak(x, acc=[]):
                acc.append(x)
            for i in range(2):
                register(i); Registry().register(i)
            json.dumps({"a": [1]})
        """))
    done = run_cli([app], project)
    check("CLI: cache-names and allow of pyproject.toml apply",
          done.returncode == 0 and "1 intentional caches" in done.stderr and "Registry.register" not in done.stderr,
          done.stderr)
    done = run_cli(["--exclude", "*/app.py", app], project)
    check("CLI: --exclude", done.returncode == 0 and "no mutated defaults" in done.stderr, done.stderr)


def test_children(workdir):
    folder = os.path.join(workdir, "children")
    os.makedirs(folder, exist_ok=True)
    write_script(folder, "worker.py", """
        def sub(x, acc=[]):
            acc.append(x)
        def fork(x, acc=[]):
            acc.append(x)
            return x
        def spawn(x, acc={}):
            acc[x] = x
            return x
        def forkserver(x, acc=set()):
            acc.add(x)
            return x
        def proc(method, seen=[]):
            seen.append(method)
        def forked(x, seen=[]):
            seen.append(x)
        def clean(x, acc=None):
            return x
    """)
    script = write_script(folder, "kids.py", """
        import multiprocessing, os, subprocess, sys
        import worker
        def main():
            done = subprocess.run([sys.executable, "-c", "import worker; worker.sub(1); worker.sub(2)"])
            print("subprocess", done.returncode)
            for method in ("fork", "spawn", "forkserver"):
                context = multiprocessing.get_context(method)
                with context.Pool(2) as pool:
                    print(method, sorted(pool.map(getattr(worker, method), range(6))))
                process = context.Process(target=worker.proc, args=(method,))
                process.start()
                process.join()
                print("process", process.exitcode)
            pid = os.fork()
            if pid == 0:
                worker.forked(1)
                os._exit(0)
            os.waitpid(pid, 0)
            worker.clean(1)
        if __name__ == "__main__":
            main()
    """)
    report_path = os.path.join(folder, "report.json")
    done = run_cli(["--report", report_path, script], folder)
    try:
        with open(report_path) as inp:
            findings = json.load(inp)["findings"]
    except (OSError, ValueError):
        findings = []
    by_function = dict((f["function"], f) for f in findings)
    check("children: the program's output and exit status as without the guard",
          done.stdout.split("\n")[:3] == ["subprocess 0", "fork [0, 1, 2, 3, 4, 5]", "process 0"]
          and done.returncode == 1, done.stdout + done.stderr)
    check("children: a Python subprocess is followed", "sub" in by_function
          and by_function["sub"]["excerpt"] == "[1, 2]" and by_function["sub"]["pid"] is not None, findings)
    for method in ("fork", "spawn", "forkserver"):
        check("children: multiprocessing %s pool workers are followed" % method, method in by_function, findings)
    check("children: multiprocessing Process (each start method) followed",
          "proc" in by_function and by_function["proc"]["call"] == 1, findings)
    check("children: a plain os.fork() child that leaves with os._exit is not followed (README: limits)",
          "forked" not in by_function, findings)
    check("children: one finding per def, merged in the parent", len(findings) == len(by_function), findings)
    done = run_cli(["--no-children", "--report", report_path, script], folder)
    with open(report_path) as inp:
        findings = json.load(inp)["findings"]
    check("children: --no-children watches this process only (the workers' leaks are not seen)",
          findings == [], findings)
    check("children: the environment is restored", "GOTCHA_GUARD_CHILD_REPORTS" not in os.environ)
    test_children_not_followed(folder)


def test_children_not_followed(folder):
    """Python children that cannot load the startup hook (-I, -E, -S, an environment of their
    own) are not followed: the parent says so once, and still follows the others."""
    script = write_script(folder, "isolated.py", """
        import os, subprocess, sys
        leak = "def f(x, acc=[]):\\n    acc.append(x)\\nf(1); f(2)\\n"
        for flags in (["-I"], ["-E"], ["-S"], ["-X", "dev", "-bS"]):
            subprocess.run([sys.executable] + flags + ["-c", leak.replace("f(", "f_%s(" % flags[-1][-1])])
        subprocess.run([sys.executable, "-c", leak.replace("f(", "f_env(")], env={"PATH": os.environ["PATH"]})
        subprocess.run([sys.executable, "-u", "-c", leak.replace("f(", "f_unbuffered(")])
        subprocess.run(["true"])
    """)
    done = run_cli([script], folder)
    warnings = [line for line in done.stderr.splitlines() if "not followed" in line]
    check("children started with -I, -E, -S or an environment of their own: one warning in the parent",
          len(warnings) == 1 and "5 Python child processes not followed" in warnings[0]
          and "-c" in warnings[0] and "(started with -I)" in warnings[0], done.stderr)
    check("... and the other children are still followed",
          "f_unbuffered(): default of 'acc' changed at call 1" in done.stderr and "f_I()" not in done.stderr
          and done.returncode == 1, done.stderr)


# Deep recursions, in children with an 8 MB stack: CPython 3.11+ runs Python-to-Python calls
# without C stack; 3.8-3.10 take C stack for each, so they reach about 11,000-20,000 calls here
# without the guard, and the depth there is one that runs without it.
DEEP_CALLS = 50000 if sys.version_info >= (3, 11) else 9000
DEEP_SCRIPT = """
import sys, threading
sys.setrecursionlimit(100000)
depth = int(sys.argv[1])

def record(x, seen=[]):
    seen.append(x)

def down(k):
    if k == 0:
        record(k)
        return 0
    return down(k - 1) + 1

def nested(k, path=[]):
    if k == 0:
        path.append(k)
        return 0
    return nested(k - 1) + 1

print(down(depth), nested(depth))
"""


def run_with_stack(arguments, cwd, stack_bytes=8 << 20):
    import resource

    def limit_stack():
        resource.setrlimit(resource.RLIMIT_STACK, (stack_bytes, stack_bytes))
    return subprocess.run(arguments, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, preexec_fn=limit_stack, timeout=600)


def test_deep_recursion(workdir):
    """A program that raises the recursion limit and recurses deep runs to the end under the guard
    exactly as without it (3.11 took C stack for every call under the guard's frame evaluation
    function, and crashed past about 20,000 calls); the mutations at the deep point are reported."""
    os.makedirs(workdir, exist_ok=True)
    script = write_script(workdir, "deep.py", DEEP_SCRIPT)
    report_path = os.path.join(workdir, "deep.json")
    plain = run_with_stack([sys.executable, script, str(DEEP_CALLS)], workdir)
    guarded = run_with_stack([sys.executable, "-m", "gotcha_guard", "--exit-zero", "--report", report_path,
                              script, str(DEEP_CALLS)], workdir)
    expected = "%d %d" % (DEEP_CALLS, DEEP_CALLS)
    check("%d-deep recursions, 8 MB stack: the same output and status without and with the guard" % DEEP_CALLS,
          plain.returncode == 0 and plain.stdout.strip() == expected
          and (guarded.returncode, guarded.stdout) == (plain.returncode, plain.stdout),
          "without: %s %r %s\nwith: %s %r %s" % (plain.returncode, plain.stdout, plain.stderr[-800:],
                                                  guarded.returncode, guarded.stdout, guarded.stderr[-800:]))
    try:
        with open(report_path) as inp:
            findings = {f["function"]: f for f in json.load(inp)["findings"]}
    except (OSError, ValueError, KeyError) as error:
        findings = {"error": error}
    nested, record = findings.get("nested"), findings.get("record")
    check("... a watched function mutating its default at the deep point: a leak of its call",
          nested is not None and not nested["outside"] and nested["kind"] == "items added", findings)
    check("... another function's default mutated by a call at the deep point: still reported",
          record is not None and record["kind"] == "items added", findings)
    if sys.version_info[:2] == (3, 11):
        test_deep_thread(workdir)


DEEP_THREAD_SCRIPT = """
import sys, threading, gotcha_guard
sys.setrecursionlimit(100000)
threading.stack_size(512 * 1024)
gotcha_guard.install()

def tally(k, acc=[]):
    if k == 0:
        acc.append(k)
        return gotcha_guard.status()["eval_frame_installed"]
    return tally(k - 1)

def first(k, acc=[]):
    acc.append(k)

results = []
thread = threading.Thread(target=lambda: results.append(tally(3000)))
thread.start()
thread.join()
first(1)
status = gotcha_guard.status()
print(results, status["eval_frame_installed"], status["stack_suspensions"] > 0,
      sorted(f["function"] for f in gotcha_guard.report()))
"""


def test_deep_thread(workdir):
    """3.11: a thread with a 512 KB stack recursing 3,000 calls (no C stack without the guard):
    the guard sets itself aside past half of that thread's stack, then watches again."""
    script = write_script(workdir, "deep_thread.py", DEEP_THREAD_SCRIPT)
    done = run_with_stack([sys.executable, script], workdir)
    check("3,000 calls deep in a thread with a 512 KB stack: runs, the guard set aside and back",
          done.returncode == 0 and done.stdout.strip() == "[True] True True ['first', 'tally']",
          "%s %r %s" % (done.returncode, done.stdout, done.stderr[-1500:]))


def main():
    workdir = sys.argv[1]
    for test in [test_request_handler, test_call_number, test_read_only_defaults, test_container_kinds,
                 test_keyword_only_and_shapes, test_reach, test_blame, test_call_numbers, test_gc_pressure, test_generator_call_count, test_shared_code_objects,
                 test_threads, test_defaults_replaced, test_functions_defined_before_install,
                 test_intentional_caches, test_raise, test_no_user_code_in_fast_path,
                 test_user_objects_not_tracked, test_creation_fast_path, test_finalizers_during_cleanup,
                 test_uninstall_restores, test_no_reference_leaks]:
        try:
            test()
        except Exception as error:  # a crash of one check must not hide the others
            import traceback
            check(test.__name__ + " ran", False, traceback.format_exc())
    test_cli(workdir)
    test_watch_filter(workdir)
    test_children(workdir)
    test_thread_starts(workdir)
    test_other_profilers(workdir)
    test_deep_recursion(workdir)


if __name__ == "__main__":
    main()
