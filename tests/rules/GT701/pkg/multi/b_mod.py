# The folder is reported once, here: its first module that is not a script.
VALUE = 1
