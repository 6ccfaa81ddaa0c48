print "x" if y else z
