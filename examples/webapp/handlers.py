"""Request handlers."""
import time


# BUG (GT101): `seen` is created once, when `def` runs. Every request appends
# to the same list, so user B sees what user A sent.
def handle(req, seen=[]):
    seen.append(req["user"])
    return {"user": req["user"], "visitors": len(seen)}


# BUG (GT104): time.time() runs once, at import; every request gets that stamp.
def log_request(req, ts=time.time()):
    return f"{ts:.0f} {req['path']}"


# BUG (GT107): each lambda reads `route` when it is called, after the loop
# ended: every handler answers for the last route.
def build_routes(routes):
    handlers = {}
    for route in routes:
        handlers[route] = lambda req: f"handled {route}"
    return handlers


# Correct: a None sentinel gives every call its own list.
def handle_fixed(req, seen=None):
    if seen is None:
        seen = []
    seen.append(req["user"])
    return {"user": req["user"], "visitors": len(seen)}


# Correct: the timestamp is taken per call.
def log_request_fixed(req, ts=None):
    ts = time.time() if ts is None else ts
    return f"{ts:.0f} {req['path']}"


# Correct: the loop variable is bound as a default, at each iteration.
def build_routes_fixed(routes):
    handlers = {}
    for route in routes:
        handlers[route] = lambda req, route=route: f"handled {route}"
    return handlers


# Correct: a read-only default is never shared state.
def greet(req, suffixes=("!",)):
    return "hello " + req["user"] + suffixes[0]
