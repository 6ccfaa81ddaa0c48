"""A vendored module, imported as `flexlib` once its folder is on sys.path."""
VERSION = "1.0"
