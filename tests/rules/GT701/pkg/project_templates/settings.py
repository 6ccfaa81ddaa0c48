# Project template rendered by path.
SETTING = 1
