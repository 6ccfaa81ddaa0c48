yield yield x
