def _tabbed(x=[]):
	x.append(1)
	return x
