# Generated table, loaded by path: below a data folder of the package.
REGION = "a"
