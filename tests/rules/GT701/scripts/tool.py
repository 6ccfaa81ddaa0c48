# A top-level folder of scripts: its parent is not a package.
print("tool")
