if x:
	if y:
		z
	else:
		w
        pass
