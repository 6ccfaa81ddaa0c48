# GT401 decorator-without-wraps: the wrapper replaces the function's name, doc and __wrapped__.
import functools
import functools as ft
from functools import update_wrapper, wraps
from functools import wraps as keep_metadata


def logged(func):
    def wrapper(*args, **kwargs):  # GT401
        print("calling", func.__name__)
        return func(*args, **kwargs)
    return wrapper


def timed(fn):
    async def inner(*args, **kwargs):  # GT401
        return await fn(*args, **kwargs)
    return inner


def retry(times):
    def decorator(func):
        def wrapper(*args, **kwargs):  # GT401
            for _ in range(times):
                try:
                    return func(*args, **kwargs)
                except OSError:
                    pass
            return func(*args, **kwargs)
        return wrapper
    return decorator


class Tracer:
    def trace(self, method):
        def traced(self_, *args):  # GT401
            return method(self_, *args)
        return traced


# Fixed parameters, but applied with `@` in this file: a decorator.
def requires_login(view):
    def checked(request):  # GT401
        return view(request)
    return checked


@requires_login
def profile(request):
    return request


def lambda_wrapper(func):
    return lambda *args: func(*args)


# functools.wraps or update_wrapper, through any import form.
def good(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def good_from_import(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def good_aliases(func):
    @ft.wraps(func)
    def a(*args):
        return func(*args)

    @keep_metadata(func)
    def b(*args):
        return func(*args)
    return a if args_ok(a) else b


def good_update(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    update_wrapper(wrapper, func)
    return wrapper


def good_update_returned(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return functools.update_wrapper(wrapper, func)


def args_ok(fn):
    return fn is not None


# A helper that copies the metadata by hand (importlib cannot import functools).
def _wrap(new, old):
    new.__name__ = old.__name__


def requires_builtin(fxn):
    def wrapper(self, name):
        return fxn(self, name)
    _wrap(wrapper, fxn)
    return wrapper


# A factory: the closure has fixed parameters and the function is never used with `@`.
def make_safe_parse_float(parse_float):
    def safe_parse_float(text):
        return parse_float(text)
    return safe_parse_float


# The inner function does not call the decorated one: not a wrapper.
def make_adder(n):
    def add(x):
        return x + n
    return add


def register(func):
    def unregister():
        return None
    return unregister


# Returned inner function that calls a different name.
def compose(f, g):
    def composed(x):
        return f(g(x))
    return composed


# Only applied by call in this file: an adapter or a factory, whose argument is often a builtin
# or a callback (wraps would copy a name and signature the result does not have).
def proxy_method(func):
    def inner(self, *args):
        return func(self.wrapped, *args)
    return inner


class Lazy:
    __getattr__ = proxy_method(getattr)
    __eq__ = proxy_method(lambda a, b: a == b)


def swallow_errors(f):
    def g(*args):
        try:
            return f(*args)
        except ArithmeticError:
            return 0
    return g


def integrate(f, ignore=False):
    if ignore:
        f = swallow_errors(f)
    return f(0)


class Resolver:
    def wrap_record(self, record_type):
        def make(name, *args, **kwargs):
            return name, record_type(*args, **kwargs)
        return make

    def namespace(self, types):
        return {t.__name__: self.wrap_record(t) for t in types}


# Applied as `@with_metaclass(Meta)`: a factory, whose inner function is the decorator itself (it
# calls the factory's parameter, but that is a setting, not the decorated function).
def with_metaclass(meta):
    def builder(cls):
        return meta(cls.__name__, cls.__bases__, dict(cls.__dict__))
    return builder


@with_metaclass(type)
class Plain:
    pass


# The signature copied by hand: the author handles the wrapper's metadata.
import inspect


def keeps_signature(f):
    def nf(*args, **kwargs):
        return f(*args, **kwargs)
    nf.__signature__ = inspect.signature(f)
    return nf


# Applied with `@` and also by call: a decorator.
def traced(func):
    def wrapper(*args, **kwargs):  # GT401
        return func(*args, **kwargs)
    return wrapper


@traced
def traced_function():
    return 1


untraced_copy = traced(len)


# The outer function is itself decorated (e.g. by the `decorator` package, which makes
# signature-keeping decorators): what it returns is not what callers get.
def decorator(caller):
    return caller


@decorator
def noop(f):
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)
    return wrapper


# A factory of decorators: the parameter (a class) is called by a nested def, not by the function
# it returns; the real wrapper keeps the metadata.
def make_view_decorator(middleware_class):
    def make_decorator(*m_args, **m_kwargs):
        def decorate(view):
            middleware = middleware_class(view, *m_args, **m_kwargs)

            @functools.wraps(view)
            def wrapped(request, *args, **kwargs):
                return middleware(request, *args, **kwargs)
            return wrapped
        return decorate
    return make_decorator


# A method whose only parameter has a default: a factory of callables wrapping an optional maker,
# never handed a function positionally by `@`.
class Sheet:
    name = "sheet"

    def maker_for(self, builder=dict):
        def build(*args, **kwargs):
            made = builder(*args, **kwargs)
            made["owner"] = self.name
            return made
        return build


# The same shape without the default is a decorator method: flagged.
class Registry:
    def register(self, handler):
        def dispatch(*args, **kwargs):  # GT401
            return handler(*args, **kwargs)
        return dispatch


def with_default(fn=print):
    def call(*args, **kwargs):
        return fn(*args, **kwargs)
    return call


# Usable bare or called (`@instrumented` / `@instrumented()`): the `None` default is a sentinel,
# the parameter is still the decorated function.
def instrumented(func=None):
    if func is None:
        return instrumented

    def run(*args, **kwargs):  # GT401
        return func(*args, **kwargs)
    return run


# A private decorator (not in `__all__`) used only with `@`, on methods of private classes:
# nothing outside the module reaches the wrapper's name or doc.
class _timing:
    def __init__(self, label):
        self.label = label

    def __call__(self, func):
        def timed(*args, **kwargs):
            return func(*args, **kwargs)
        return timed


def _counted(func):
    def counting(*args, **kwargs):
        return func(*args, **kwargs)
    return counting


class _Solver:
    @_timing("solve")
    def solve(self):
        return self

    @_counted
    def step(self):
        return self

    class _Step:
        @_counted
        def run(self):
            return self


# A private function, or a private method of a public class, still has readers of its name
# (pickle by `__qualname__`, bound methods by `__name__`, subclasses in other modules): flagged.
def _memoized(func):
    def remember(*args):  # GT401
        return func(*args)
    return remember


@_memoized
def _parse_table():
    return 0


def _retrying(func):
    def again(self, *args):  # GT401
        return func(self, *args)
    return again


class Client:
    @_retrying
    def _send(self, data):
        return data


# Private, but also on a public function, exported, or also applied by call: flagged.
def _logged(func):
    def wrapper(*args):  # GT401
        return func(*args)
    return wrapper


@_logged
def public_entry():
    return 0


__all__ = ["_exported"]


def _exported(func):
    def wrapper(*args):  # GT401
        return func(*args)
    return wrapper


def _tagged(func):
    def wrapper(*args, **kwargs):  # GT401
        return func(*args, **kwargs)
    return wrapper


class _Private:
    @_logged
    def run(self):
        return self

    @_exported
    def quiet(self):
        return self

    @_tagged
    def tagged(self):
        return self


tagged_len = _tagged(len)


# ---- a lambda returned as the wrapper ----
def traced(fn):
    return lambda *a, **k: fn(*a, **k)  # GT401


def counted(fn):
    wrapper = lambda *args: fn(*args)  # GT401
    return wrapper


def kept(fn):
    return functools.wraps(fn)(lambda *a, **k: fn(*a, **k))   # metadata copied


def applied_by_call(fn):
    return lambda *a: fn(*a)   # only called below: an adapter, not applied with `@`


def constant(fn):
    return lambda *a: 42   # never calls fn: a replacement, not a wrapper


def rebound(fn):
    wrapper = lambda *a: fn(*a)
    wrapper = lambda *a: None
    return wrapper   # bound twice: which lambda is returned is not followed


@traced
def greet(name):
    """Say hello."""
    return "hello " + name


@counted
def double(x):
    return 2 * x


@kept
@constant
@rebound
def untouched():
    return 1


adapted_len = applied_by_call(len)
