def _tabbed(x=None):
	if x is None:
		x = []
	x.append(1)
	return x
