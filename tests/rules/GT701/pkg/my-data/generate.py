# The folder name is not an identifier: it cannot be imported as a package.
DATA = 3
