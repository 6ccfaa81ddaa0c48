# Not flagged yet: its parent pkg/sub is not a regular package (it is reported itself).
VALUE = 1
