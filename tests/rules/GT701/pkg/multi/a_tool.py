#!/usr/bin/env python3
# A script: exempt by itself, so the folder is reported on the next module.
