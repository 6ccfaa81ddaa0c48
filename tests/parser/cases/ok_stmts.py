import a
import a.b.c
import a.b as c, d
from a import b
from a.b import c as d, e
from . import x
from .. import (a, b,)
from ...a import b
from .... import c
from .a import *
global a, b
def f():
    nonlocal x
del a
del a, b
del (a), [b], a.b, a[c]
del (a, b),
del ()
assert x
assert x, "msg"
raise
raise E
raise E from e
return
pass; break; continue
if a: pass
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
while x:
    pass
else:
    pass
for x in y:
    pass
for x, in y: pass
for *a, b in c: pass
for (a, b) in c, d: pass
for [a, b] in c: pass
else: pass
try:
    pass
except E:
    pass
except (A, B) as e:
    pass
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
finally:
    pass
try:
    pass
except* E:
    pass
except* F as f:
    pass
with a: pass
with a as b, c as (d, e): pass
with (a, b): pass
with (a as b, c as d,): pass
with (a) as b: pass
with (a, b) as c: pass
with (yield): pass
with (x for x in y): pass
with a as b.c, d as e[0]: pass
