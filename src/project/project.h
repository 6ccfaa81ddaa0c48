/* The project phase: once per run, after every file was checked on its own.

   1. Module names: each checked file gets the dotted name Python would import it by, from the
      folders above it that hold an `__init__.py` (a `src/` layout works alike: `src/` itself is
      not a package). A name several files share is resolved to the one under the importing
      file's own root, or not at all.
   2. Resolution of a reference (summary.h) to a module-level def, class or value: relative
      imports against the module's package, aliases, re-exports through an `__init__.py`
      (`from .impl import helper`), `from x import *` (filtered by x's `__all__`), submodules
      reached as attributes of their package. Chains of re-exports are followed MAX_HOPS deep.
   3. Propagation: a parameter mutates (or calls, or keeps) what it is given when the function
      does so itself or passes it on to a function that does: the least fixed point, found for
      the parameters a condition asks about only, by a search along their call edges (resolved
      on first use), so a warm run does not resolve every call of the project.
   4. The conditional findings of every file (DiagPending) are decided with those facts.
   Cost: O(files + functions) plus, per condition, O(calls it reaches * log modules) the first
   time. Single-threaded, deterministic. */
#ifndef GOTCHA_PROJECT_H
#define GOTCHA_PROJECT_H

#include <stddef.h>
#include <stdint.h>

#include "../engine/diag.h"
#include "summary.h"

#define PROJECT_MAX_HOPS 8

/* The module a file path stands for. */
typedef struct ProjectModule {
    char *name;                  /* "pkg.sub.mod"; "pkg" for pkg/__init__.py */
    char *root;                  /* the folder above the top package ("" = the current one) */
    uint8_t is_pkg;              /* an __init__.py */
} ProjectModule;

/* The modules of paths[0..n) (malloc'ed strings, free with project_modules_free): a folder whose
   `__init__.py` is among the paths is a package without asking; others cost one access(), each
   folder asked once for neighbouring paths (give them sorted). */
void project_modules(const char *const *paths, size_t n, ProjectModule *out);
void project_modules_free(ProjectModule *mods, size_t n);

/* One checked file. */
typedef struct ProjectFile {
    const char *path;            /* as reported (names the callee in messages); borrowed */
    const ProjectModule *module; /* its module (project_modules), or NULL: found by project_run */
    const ModSummary *summary;   /* NULL: the file did not parse (nothing to resolve into) */
    DiagPendingList *pending;    /* its conditional findings, or NULL; emptied by project_run */
} ProjectFile;

/* Module name of a file path from the `__init__.py` files above it (touches the file system:
   one access() per folder level). malloc'ed; `pkg/__init__.py` -> "pkg". */
char *project_module_name(const char *path);

/* The top package folder of a file path (the highest folder of the chain of `__init__.py`
   folders above it: `src/app` for `src/app/sub/mod.py`), or NULL when the file is in no package.
   malloc'ed. The project a file belongs to, when it is checked alone. */
char *project_package_dir(const char *path);
/* The same from the module of a path (project_modules), without asking the file system again. */
char *project_module_package_dir(const ProjectModule *m);

/* Decide the conditional findings of files[0..n): the findings that hold are appended to out[i]
   (DiagList per file, message with DIAG_CALLEE_MARK filled in), the others are freed; every
   pending list is left empty. */
void project_run(ProjectFile *files, size_t n, DiagList *out);

#endif
