match x:
    case 1:
        pass
    case -1 | 1.5 | -2j | 1+2j | -1-2j:
        pass
    case "a" "b" | b"c" | f"d":
        pass
    case None | True | False:
        pass
    case a.b | a.b.c:
        pass
    case [a, *rest] | [*_, b] | [] | ():
        pass
    case (a, b) | (a,) | (a):
        pass
    case {"k": v, 1: w, a.b: c, **rest}:
        pass
    case {}:
        pass
    case {None: x, -1: y, 1+1j: z}:
        pass
    case Point(x, y=0) | Point() | a.B(c=d, e=f):
        pass
    case [Point(x=0, y=0) as p, *others] if p:
        pass
    case (1 | 2) as n:
        pass
    case a, b, *c:
        pass
    case *a, b:
        pass
    case a,:
        pass
    case _:
        pass
match x, y:
    case _: pass
match *a, b:
    case _: pass
match (x):
    case _: pass
match [x]:
    case _: pass
match -x:
    case _: pass
match {x}:
    case {1: _,}: pass
match x:
    case A(1, 2,): pass
    case [1, 2,]: pass
    case {"a": 1,}: pass
