a = 'x' "y" '''z
''' """w"""
b = b'x' B"y" br'z' Rb'w' rB"v" u'x' U'y' r'\'' R"\""
c = ''  "" '''''' """"""
d = 'a\
b'
e = '\N{BULLET}\x41\u00e9\U0001F600\101'
