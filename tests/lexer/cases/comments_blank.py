# only comments

   
	# indented comment
x = 1
    # deeper comment

