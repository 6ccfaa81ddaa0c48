/* gitignore-style globs for exclude and per-file-ignores (glob_match itself is declared in config.h). */
#ifndef GOTCHA_GLOB_H
#define GOTCHA_GLOB_H

#include <stddef.h>

/* NULL if `pattern` is a usable glob, else why not (e.g. an unclosed '['). */
const char *glob_problem(const char *pattern);

/* 1 if `pattern` matches `relpath` (a '/'-separated path relative to the project root, no leading "./") or one
   of the folders it lies in: "build" excludes "pkg/build/x.py", "docs/api" excludes "docs/api/x.py". A pattern
   without '/' is tried on each component; one with '/' (or starting with "./") on the path from its start. */
int glob_match_path_or_parent(const char *pattern, const char *relpath);

#endif
