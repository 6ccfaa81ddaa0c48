# GT302 contextmanager-without-finally: cleanup after `yield` that an exception in the with-body skips.
import contextlib
from contextlib import asynccontextmanager, contextmanager
from contextlib import contextmanager as cm


@contextmanager
def opened(path):
    f = open(path)
    yield f
    f.close()  # GT302


@contextlib.contextmanager
def lock(mutex):
    mutex.acquire()
    yield
    mutex.release()  # GT302


@asynccontextmanager
async def session(pool):
    conn = await pool.acquire()
    yield conn
    await pool.release(conn)  # GT302


@cm
def aliased(state):
    old = state.value
    state.value = 1
    yield state
    state.value = old  # GT302


@contextmanager
def value_yield(state):
    token = yield_value = (yield state)
    state.reset(token, yield_value)  # GT302


@contextmanager
def caught_but_not_reraised(resource):
    try:
        yield resource
    except ValueError:
        resource.rollback()
    resource.close()  # GT302


@contextmanager
def reraise_without_cleanup(resource):
    try:
        yield resource
    except Exception:
        raise
    resource.close()  # GT302


@contextmanager
def branches(flag, resource):
    if flag:
        yield resource
    else:
        yield None
    resource.close()  # GT302


# Cleanup in finally: runs whatever the with-body does.
@contextmanager
def safe(path):
    f = open(path)
    try:
        yield f
    finally:
        f.close()


# Cleanup in an except that re-raises, plus the normal path after.
@contextmanager
def transaction(conn):
    conn.begin()
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


@contextmanager
def bare_except(resource):
    try:
        yield resource
    except:
        resource.close()
        raise
    resource.close()


# Nothing after the yield: nothing to skip.
@contextmanager
def nothing_after(value):
    print("enter")
    yield value


@contextmanager
def only_return_after(value):
    yield value
    return


@contextmanager
def early_exit(flag, state):
    if not flag:
        yield
        return
    state.enter()
    try:
        yield
    finally:
        state.leave()


# The exception is swallowed around the yield, so the code after it runs.
@contextmanager
def expect_error(case, message):
    with case.assertRaises(TypeError) as cm:
        yield
    case.assertEqual(str(cm.exception), message)


# A `with` around the yield cleans up on its own.
@contextmanager
def nested_with(path):
    with open(path) as f:
        yield f


# A plain generator is not a context manager.
def generator(items):
    yield items
    items.clear()


# The yield inside a nested function belongs to that function.
@contextmanager
def outer(state):
    def inner():
        yield 1
        state.clear()
    try:
        yield inner
    finally:
        state.clear()


# Work after the yield that belongs to the success path is not cleanup.
@contextmanager
def commit_on_success(path, tmp):
    f = open(tmp, "w")
    yield f
    replace_file(tmp, path)


@contextmanager
def checks_warnings(expected):
    seen = []
    yield seen.append
    assert seen == expected


@contextmanager
def closing_bracket(writer):
    writer.write("(")
    yield
    writer.write(")")


@contextmanager
def timed(report):
    start = clock()
    yield
    report(clock() - start)


# Restores and resets after the yield are cleanup.
@contextmanager
def patched(module, value):
    saved = module.setting
    module.setting = value
    yield
    module.setting = saved  # GT302


@contextmanager
def flag(stream):
    stream.paused = True
    yield
    stream.paused = False  # GT302


@contextmanager
def depth(state):
    state.level += 1
    yield
    state.level -= 1  # GT302


@contextmanager
def env(environ):
    environ["MODE"] = "test"
    yield
    del environ["MODE"]  # GT302


@contextmanager
def ignore_interrupts(signals):
    previous = signals.install()
    yield
    signals.signal(2, previous)  # GT302


@contextmanager
def pushed(stack, item):
    stack.append(item)
    yield
    stack.pop()  # GT302


@contextmanager
def nested(self, node):
    self.current = Node(node, parent=self.current)
    yield
    print("left", node)
    self.current = self.current.parent  # GT302


# The exception is stopped around the yield: the code after runs on both paths.
@contextmanager
def atomic_write(path, tmp):
    error = None
    try:
        yield tmp
    except BaseException as err:
        error = err
    if error is None:
        tmp.rename(path)
    else:
        tmp.unlink()


class Saver:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if value is None:
            return
        self.saved = value
        return True


@contextmanager
def modules_saved(modules):
    saved = modules.copy()
    with Saver():
        yield saved
    modules.update(saved)


# An undo on the object an enclosing `with ... as x` manages: the manager cleans it up.
@asynccontextmanager
async def in_nursery(open_nursery):
    async with open_nursery() as nursery:
        yield nursery
        nursery.cancel_scope.cancel()


# Handing on the yielded object, or a working alias used before the yield, is success-path work.
@contextmanager
def session_transaction(client):
    app = client.application
    sess = app.open_session()
    yield sess
    app.save_session(app, sess)


# Deleting a local drops a reference; it undoes nothing outside the function.
@contextmanager
def expect_failure():
    err = None
    yield
    err = capture()
    del err


# After the yield only assertions (also one handed a value saved before it), a branch choosing
# between them and a local assignment: success-path checks, nothing to clean up.
class Checks:
    @contextmanager
    def changes_key(self, record, expect_dirty=True):
        before = record.key
        self.assertTrue(record.clean)
        yield record
        if expect_dirty:
            self.assertFalse(record.clean)
        else:
            self.assertTrue(record.clean)
        after = record.key
        self.assertNotEqual(before, after)
        assert_consistent(before, after)


# The look-alike: the saved value handed back to a setter, next to the assertions.
class Restores:
    @contextmanager
    def switched_mode(self, machine):
        previous = machine.mode
        machine.mode = "test"
        yield machine
        self.assertEqual(machine.mode, "test")
        machine.set_mode(previous)  # GT302


# A yield in the `finally`, an `except` or the `else` of a try: the exception thrown in there is
# not caught by that try's handlers, so the code after the yield is skipped all the same.
@contextmanager
def entered_in_finally(target):
    previous = os.getcwd()
    try:
        prepare(target)
    finally:
        yield target
    os.chdir(previous)  # GT302


@contextmanager
def slow_path_in_handler(lock):
    try:
        lock.acquire(timeout=1)
    except TimeoutError:
        lock.acquire()
        yield "waited"
        lock.release()  # GT302


@contextmanager
def connection_in_else(pool):
    try:
        conn = pool.connect()
    except OSError:
        raise
    else:
        yield conn
        conn.close()  # GT302


@contextmanager
def cleanup_after_the_try(registry, name):
    try:
        registry.register(name)
    except KeyError:
        pass
    else:
        yield name
    registry.unregister(name)  # GT302


# Not findings: the same try's `finally` runs on the error path; the handler holding the yield
# is the only branch that runs after it (the `else` of its try does not); nothing to undo.
@contextmanager
def else_with_finally(pool):
    try:
        conn = pool.connect()
    except OSError:
        raise
    else:
        yield conn
    finally:
        pool.release()


@contextmanager
def handler_with_finally(lock):
    try:
        lock.acquire(timeout=1)
    except TimeoutError:
        yield False
        lock.release()
    finally:
        note("tried")


@contextmanager
def fallback_in_handler(lock, log):
    try:
        lock.acquire(timeout=1)
    except TimeoutError:
        yield False
    else:
        try:
            yield True
        finally:
            lock.release()
    log.debug("done")


@contextmanager
def optional_feature():
    try:
        import readline
    except ImportError:
        yield None
    else:
        yield readline


# A setter called before the yield and again after it puts the state back: skipped on error.
@contextmanager
def fake_zone(zone, clock):
    clock.set_zone(zone)
    yield
    clock.set_zone()  # GT302


@contextmanager
def quiet_logs(log):
    log.setLevel(50)
    yield log
    log.setLevel(0)  # GT302


# A setter seen only after the yield is success-path work, not an undo.
@contextmanager
def labelled(bar, label):
    bar.update(label)
    yield bar
    bar.set_description("done")


# A check of what the body did, whose failing branch undoes it and raises: success-path work.
# On the error path the body's exception is already on its way; in `finally` the raise would
# replace it.
@contextmanager
def track_size(renderer):
    start = renderer.output.tell()
    yield start
    if renderer.output.tell() > renderer.max_size:
        renderer.rollback(start)
        raise OverflowError


@contextmanager
def checked_batch(batch):
    batch.begin()
    yield batch
    if batch.too_large():
        batch.rollback()
        raise ValueError("too large")
    elif batch.empty():
        batch.rollback()
        raise ValueError("empty")


# Cleanup that still runs after such a check, or in a branch that does not raise, is reported.
@contextmanager
def locked_and_checked(lock, buf):
    lock.acquire()
    yield buf
    if len(buf) > 10:
        raise OverflowError
    lock.release()  # GT302


@contextmanager
def checked_else(lock, buf):
    lock.acquire()
    yield buf
    if len(buf) > 10:
        buf.clear()
        raise OverflowError
    else:
        lock.release()  # GT302


@contextmanager
def conditional_cleanup(conn, tmp):
    yield conn
    if tmp:
        conn.close()  # GT302


# A local the yielded closure works with, not state put aside: finishing with it is success-path
# work (emitting the closing branch of a block).
@contextmanager
def block_with_exit(builder):
    end = builder.append_block("end")

    def leave():
        builder.branch(end)

    yield leave
    builder.branch(end)


# The same local, not read by any function made before the yield: put back after it.
@contextmanager
def saved_block(builder):
    end = builder.current_block()
    yield
    builder.position_at(end)  # GT302


# A copy made to compare with: the call after the yield builds the expected value that the
# assertion then checks.
@contextmanager
def checks_packing(self, buf, fmt, values):
    expected = buf[:]
    yield buf
    struct.pack_into(fmt, expected, 0, *values)
    self.assertEqual(buf, expected)


@contextmanager
def checks_packing_assert(buf, fmt, values):
    expected = bytes(buf)
    yield buf
    expected = fill(fmt, expected, values)
    assert buf == expected


# A saved value handed back, then a check that reads something else: still a restore.
@contextmanager
def restores_then_checks(self, handler):
    old = signal.signal(signal.SIGINT, handler)
    yield
    signal.signal(signal.SIGINT, old)  # GT302
    self.assertTrue(handler.called)


# Calls on mocks that the function compares after the yield: they record the expected series,
# they release nothing (also on what a mock's method returned).
@contextmanager
def expected_session(self, maker):
    session = maker()
    session.begin()
    yield session
    session.rollback()
    session.close()
    self.assertEqual(session.mock_calls, self.session.mock_calls)


@contextmanager
def expected_connection(self, engine):
    connection = engine.connect()
    trans = connection.begin()
    yield connection
    trans.rollback()
    connection.close()
    self.assertEqual(connection.mock_calls, self.connection.mock_calls)


# A real patcher stopped, then a mock's calls compared: the stop is a cleanup.
@contextmanager
def patched_and_compared(self, target):
    patcher = mock.patch(target)
    fake = patcher.start()
    yield fake
    patcher.stop()  # GT302
    self.assertEqual(fake.mock_calls, [])
