# GT107 loop-variable-closure: a function made in a loop that reads the loop variable late.
import functools
import threading

callbacks = []
for i in range(3):
    callbacks.append(lambda: i)  # GT107

handlers = [lambda: n for n in range(3)]  # GT107
by_key = {k: lambda: k for k in "ab"}  # GT107


def build(rows):
    out = []
    for row in rows:
        label = row.upper()

        def show():
            print(row, label)  # GT107 GT107
        out.append(show)
    return out


async def schedule(jobs):
    tasks = []
    async for job in jobs:
        tasks.append(lambda: job.run())  # GT107
    return tasks


def nested_closure(items):
    out = []
    for item in items:
        def outer():
            def inner():
                return item  # GT107
            return inner
        out.append(outer)
    return out


def while_loop(queue):
    out = []
    while queue:
        head = queue.pop()
        out.append(lambda: head)  # GT107
    return out


def walrus(stream):
    out = []
    while (chunk := stream.read()):
        out.append(lambda: chunk)  # GT107
    return out


def tuple_target(pairs):
    out = []
    for key, value in pairs:
        out.append(lambda: (key, value))  # GT107 GT107
    return out


def threads(urls, fetch):
    for url in urls:
        threading.Thread(target=lambda: fetch(url)).start()  # GT107


# Bound as a default: each function keeps its own value.
def bound(items):
    out = []
    for i in items:
        out.append(lambda i=i: i)
        out.append(functools.partial(print, i))

        def keep(value=i):
            return value
        out.append(keep)
    return out


# Called immediately, or consumed inside the loop by a function that calls it right away.
def consumed(groups):
    out = []
    for group in groups:
        out.append((lambda: group)())
        out.append(sorted(group, key=lambda g: g.rank - group.base))
        out.append(max(group, key=lambda g: g.size + len(group)))
        out.append(list(filter(lambda g: g in group, group)))
        out.append(list(map(lambda g: (g, group), group)))
        out.append(functools.reduce(lambda a, b: a + b + group.extra, group))
        group.items.sort(key=lambda g: g.index(group))

        def helper():
            return group.name
        out.append(helper())
        if helper():
            print(helper())
    return out


# A function of this module that only calls its parameter consumes it right away.
def split_list(items, predicate):
    yes, no = [], []
    for item in items:
        (yes if predicate(item) else no).append(item)
    return yes, no


def keeps(callback, registry):
    registry.append(callback)


def local_consumers(rows, registry):
    for row in rows:
        split_list(rows, lambda r: r is row)
        split_list(rows, predicate=lambda r: r == row)

        def same(r):
            return r is row
        split_list(rows, same)
        keeps(lambda: row, registry)  # GT107


# Returned from inside the loop: the loop ends there.
def first_match(items, wanted):
    for item in items:
        if item == wanted:
            return lambda: item
    for other in items:
        def found():
            return other
        return found
    return None


# Rebinding or parameters inside the function shadow the loop variable.
def shadowed(items):
    out = []
    for item in items:
        out.append(lambda item: item * 2)

        def local():
            item = 1
            return item
        out.append(local)
    return out


# Reading a name that the loop does not change.
def unchanged(items, prefix):
    out = []
    for item in items:
        out.append(lambda: prefix)
    return out


# The function is made after the loop.
def after_loop(items):
    for item in items:
        pass
    return lambda: item


# Decorators and defaults run immediately.
def immediate(items, register):
    for item in items:
        @register(item)
        def handler(x=item.size):
            return x


# Used up within the iteration: handed to a call that runs it before returning (a test helper,
# a numeric routine, `iter(f, sentinel)`), called, awaited, or kept in a container the
# iteration makes for itself. Nothing outlives the pass, so nothing reads the variable late.
def raises(exc, fn):
    try:
        fn()
    except exc:
        return True
    return False


def consumed_by_calls(values, integrate, stream):
    for v in values:
        raises(ZeroDivisionError, lambda: 1 / v)
        integrate(lambda t: t * v, (0, 1))
        for chunk in iter(lambda: stream.read(v), b""):
            print(chunk)


def dispatch_table(ops, x):
    results = []
    for op in ops:
        table = {"neg": lambda: -op, "pos": lambda: +op}
        results.append(table[x]())
        per_pass = []
        per_pass.append(lambda: op)
        results.append([f() for f in per_pass])
    return results


async def awaited_in_iteration(loop, items):
    for item in items:
        def read():
            return item.value
        await loop.run_in_executor(None, read)


def waited_in_iteration(pool, items):
    for item in items:
        res = pool.apply_async(len, error_callback=lambda e: print(item, e))
        res.get()
        t = threading.Thread(target=lambda: print(item))
        t.start()
        t.join()


async def task_awaited(loop, items, asyncio):
    for item in items:
        async def job():
            return item
        task = loop.create_task(job())
        await asyncio.wait_for(task, 1)


class Listener:
    hook = None


def fresh_object_per_pass(errors, serve):
    for error in errors:
        listener = Listener()

        def raise_error():
            raise error
        listener.hook = raise_error
        serve([listener])


def lambda_made_once(seeds, step):
    f = None
    for a in seeds:
        if f is None:
            f = lambda x: x + a
        step(f)


# Outlive the iteration: stored, registered, yielded, collected, scheduled.
import atexit
import concurrent.futures


class Registry:
    def __init__(self, names):
        self.handlers = {}
        for name in names:
            self.handlers[name] = lambda: name  # GT107
        for name in names:
            setattr(self, "on_" + name, lambda: name)  # GT107


def cleanup_at_exit(paths):
    for path in paths:
        atexit.register(lambda: print(path))  # GT107


def decorated_registration(paths):
    for path in paths:
        @atexit.register
        def remove():
            print(path)  # GT107


def decorated_unused(paths, on_exit):
    for path in paths:
        @on_exit(priority=1)
        def remove():
            print(path)  # GT107


# Yielding suspends the loop: a consumer that uses each function before asking for the next
# one sees the right value (collecting them all is the consumer's doing).
def yielded(names):
    for name in names:
        yield lambda: name


# Registered, then the pass leaves the loop: the variable never changes afterwards.
def register_then_return(deferreds, names):
    for name, d in zip(names, deferreds):
        if name:
            d.addCallback(lambda result: (name, result))
            return d
    for name in names:
        atexit.register(lambda: print(name))
        break


# Every pass overwrites the same attribute: the survivor is the last pass's function, which reads
# the last pass's value. Under an `if`, the survivor may be older and still read the last value.
class Settings:
    def __init__(self, items):
        for item in items:
            self.current = lambda: item.value
            self.slots["latest"] = lambda: item.value
            if item.default:
                self.on_default = lambda: item.run()  # GT107


# Unpacked from a call in each pass: a fresh object, used within the pass.
def unpacked_fresh(names, prepare):
    for name in names:
        request, result = prepare()
        request.host = lambda: name
        request.send(result)


def scheduled(loop, executor, jobs):
    futures = []
    for job in jobs:
        loop.call_soon(lambda: job.run())  # GT107
        futures.append(executor.submit(lambda: job.size))  # GT107
    return futures


def augmented(names):
    fs = []
    for name in names:
        fs += [lambda: name]  # GT107
    return fs


def fresh_object_kept(names, widgets):
    for name in names:
        w = Listener()
        w.hook = lambda: name  # GT107
        widgets.append(w)


def through_partial(names, out):
    for name in names:
        out.append(functools.partial(lambda prefix: prefix + name, "x"))  # GT107


def lazy_map_kept(rows, factors):
    scaled = []
    for factor in factors:
        scaled.append(map(lambda r: r * factor, rows))  # GT107
        total = list(map(lambda r: r + factor, rows))
        print(total)
    return scaled


def lazy_map_used_up(rows, wanted, out):
    found = []
    for w in wanted:
        found += filter(lambda r: r.key == w, rows)
        out.extend(map(lambda r: (r, w), rows))
    return found


class Clock:
    now = None


def patched_and_restored(times, check):
    for t in times:
        original = Clock.now
        try:
            Clock.now = staticmethod(lambda: t)
            check()
        finally:
            Clock.now = original


def generated_properties(cls, fields):
    for field in fields:
        setattr(cls, field, property(lambda self: self.data[field]))  # GT107


async def coroutine_scheduled(loop, names):
    tasks = []
    for name in names:
        async def greet():
            return name  # GT107
        tasks.append(loop.create_task(greet()))
    return tasks


def pool_done(pool, names):
    with concurrent.futures.ThreadPoolExecutor() as ex:
        for name in names:
            ex.submit(print, name).add_done_callback(lambda fut: print(name))  # GT107


# The loop's key is unique (a mapping's items, a set, a dict's keys): a branch testing it against
# one constant runs in one pass at most, so a name bound only there never changes afterwards.
def configured(target, options):
    for key, value in options.items():
        if key == "ident":
            fixed = str(value)
            target.ident = lambda: fixed
        else:
            setattr(target, key, value)


def single_flag(target, flags):
    for flag in set(flags):
        if "debug" == flag:
            level = 10
            target.handlers.append(lambda: level)


def from_dict_name(target):
    table = {"a": 1, "b": 2}
    for name in table:
        if name == "a":
            chosen = table[name]
            target.hooks.append(lambda: chosen)


# A test that can hold in many passes (a list may repeat, `!=`, a test of the value): the name
# changes between passes.
def repeated_key(target, pairs):
    for key, value in pairs:
        if key == "ident":
            fixed = str(value)
            target.idents.append(lambda: fixed)  # GT107


def value_tested(target, options):
    for key, value in options.items():
        if value == 1:
            chosen = key
            target.ones.append(lambda: chosen)  # GT107


def not_equal(target, options):
    for key, value in options.items():
        if key != "ident":
            other = value
            target.rest.append(lambda: other)  # GT107


# Inside the branch, but reading the value, which every later pass rebinds.
def reads_value(target, options):
    for key, value in options.items():
        if key == "ident":
            target.ident = lambda: value  # GT107


# Also bound outside the branch: it changes in other passes.
def bound_twice(target, options):
    for key, value in options.items():
        current = value
        if key == "ident":
            current = str(value)
            target.ident = lambda: current  # GT107


# Made outside the branch: the closures of earlier passes see the value bound later.
def made_before_branch(target, options):
    for key, value in options.items():
        target.hooks.append(lambda: seen)  # GT107
        if key == "ident":
            seen = value


# A loop of one pass: the variable never changes after the function is made.
def negotiate(transport, log):
    for opt in ("echo",):
        transport.will(opt).addErrback(lambda f: log(opt, f))


# Two elements, or the variable also assigned in the body: it changes after the lambda is made.
def negotiate_all(transport, log):
    for opt in ("echo", "naws"):
        transport.will(opt).addErrback(lambda f: log(opt, f))  # GT107


def negotiate_renamed(transport, log):
    for opt in ["echo"]:
        transport.will(opt).addErrback(lambda f: log(opt, f))  # GT107
        opt = opt.upper()


import anyio
import multiprocessing.pool


# A joining context opened inside the pass (an executor, a task group, a nursery): its exit, still
# in the pass, waits for what was started through it.
async def fetch_each(urls, fetch):
    results = {}
    for url in urls:
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: fetch(url, results))
    return results


def convert_each(paths, convert):
    for path in paths:
        with concurrent.futures.ThreadPoolExecutor() as ex:
            ex.submit(lambda: convert(path))


# Opened around the loop, it waits only after the last pass.
async def fetch_all_late(urls, fetch):
    async with anyio.create_task_group() as tg:
        for url in urls:
            tg.start_soon(lambda: fetch(url))  # GT107


# Started through another object than the one the block joins.
async def fetch_elsewhere(urls, fetch, other):
    for url in urls:
        async with anyio.create_task_group() as tg:
            other.start_soon(lambda: fetch(url))  # GT107
            tg.start_soon(fetch, url)


# A multiprocessing pool's exit terminates its workers; it does not wait for them.
def pool_in_pass(paths, convert):
    for path in paths:
        with multiprocessing.pool.ThreadPool() as pool:
            pool.apply_async(lambda: convert(path))  # GT107


# Registered against a function made in the same pass (`@overload(target)`): reached only through
# that function, which the pass calls (inside `run`) and drops.
def overload_per_pass(cases, overload, compile_and_run):
    for fn, expected in cases:
        def target(x):
            pass

        @overload(target)
        def target_impl(x):
            return fn(x)

        def run():
            return target(1)

        compile_and_run(run, expected)


# The key function outlives the pass: so does what is registered against it.
def overload_kept_key(cases, overload, targets):
    for fn in cases:
        def target(x):
            pass

        @overload(target)
        def target_impl(x):
            return fn(x)  # GT107
        targets.append(target)


# Registered against a function made before the loop: every pass adds to one registry.
def overload_shared_key(cases, overload):
    def target(x):
        pass

    for fn in cases:
        @overload(target)
        def target_impl(x):
            return fn(x)  # GT107


# A class of the same pass as the key, kept as an attribute of an outer object.
def register_for_class(kinds, register, module):
    for kind in kinds:
        class Handler:
            pass

        @register(Handler)
        def handle(obj):
            return kind  # GT107
        setattr(module, kind, Handler)


# Handles made by a list comprehension and each waited for later in the same pass: every closure
# has run before the loop variable moves on (an executor opened outside the loop).
def check_each_pass(executor, rounds, workers):
    for p in range(rounds):
        state = object()
        futures = [executor.submit(lambda: state) for i in range(workers)]
        values = [future.result() for future in futures]
        assert values


def check_each_pass_for(executor, rounds, workers):
    for p in range(rounds):
        state = object()
        futures = [executor.submit(lambda: state) for i in range(workers)]
        for future in futures:
            future.result()


def check_each_pass_wait(executor, rounds, workers):
    for p in range(rounds):
        state = object()
        futures = [executor.submit(lambda: state) for i in range(workers)]
        concurrent.futures.wait(futures)


# Still reported: the handles are never waited for in the pass, or only asked whether they are
# done, or waited for after the loop.
def never_waited(executor, rounds, workers, pending):
    for p in range(rounds):
        state = object()
        futures = [executor.submit(lambda: state) for i in range(workers)]  # GT107
        pending.extend(futures)


def only_polled(executor, rounds, workers):
    for p in range(rounds):
        state = object()
        futures = [executor.submit(lambda: state) for i in range(workers)]  # GT107
        print([future.done() for future in futures])


def waited_after_loop(executor, rounds, workers):
    every = []
    for p in range(rounds):
        state = object()
        futures = [executor.submit(lambda: state) for i in range(workers)]  # GT107
        every += futures
    return [future.result() for future in every]
