# Only a __main__: the folder is run by path (python pkg/runner).
print("run")
