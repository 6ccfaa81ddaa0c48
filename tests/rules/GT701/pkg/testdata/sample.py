# Data folder: files here are read or run by path, not imported.
SAMPLE = 1
