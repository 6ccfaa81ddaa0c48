x = b'\x00' rb'\d' Rb"\n" br'''
a'''
y = '\t\n\u00e9\N{BULLET}' r'\t'
z = 'é' "中文" '😀'
w = '''line1
line2''' 'end'
v = 1e3j + .5 + 5. + 0_0 + 0xFF_FF + 0o7_7 + 0b1_0 + 1_0e-1_0
