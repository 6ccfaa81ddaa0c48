x = [0, 00, 0_0, 1_000, 0x_1F, 0o17, 0b1_0, 1.5, .5, 5., 1e10, 1E-5, 1.5j, 1J, 0.e1j, 1_0.0_1e+1_0]
y = 1if x else 2
z = [0x1for x in y]
w = 1.__class__ if 0else 1
