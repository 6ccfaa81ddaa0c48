x = 1 \
    + 2
if True:
	pass
if x:
    # comment
    pass

    # trailing
y = 1;
z = {**a, **b}
a = b if c else d
lambda: (yield)
def f(): return *a, *b
def g(): yield *a, b
for x in *a, *b: pass
f(**{"a": 1})
a[1:2:3]
a[...]
x = not a == b
x = a is not b
x = a not in b
