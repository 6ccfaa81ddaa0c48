#!/usr/bin/env python3
# A script (shebang): not meant to be imported.
print("run")
