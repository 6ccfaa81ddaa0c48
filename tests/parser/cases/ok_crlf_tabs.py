x = (1,
     2)
if x:
	y = 3
	z = """a
b"""
