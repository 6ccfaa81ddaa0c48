"""A tiny web application with the bugs gotcha finds.

Run `gotcha check examples/` from the repository root to see them. Every bug
sits next to the correct way to write the same code, which gotcha leaves alone.
"""
