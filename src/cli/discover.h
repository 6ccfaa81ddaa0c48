/* File discovery for `gotcha check`: explicit paths and recursive folder walks. */
#ifndef GOTCHA_DISCOVER_H
#define GOTCHA_DISCOVER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "../config/config.h"

typedef struct FoundFile {
    char *path;        /* as shown to the user: the given root joined with the names below it */
    uint64_t size;     /* bytes, at discovery time (for largest-first scheduling) */
    struct stat st;    /* what stat() said of it at discovery time (the cache's stat key comes from it) */
} FoundFile;

typedef struct Discovery {
    FoundFile *files;  /* sorted by path, without duplicates */
    size_t n;
    int32_t cap;       /* allocated slots of files */
    int failed;        /* a path was missing or a folder unreadable: the run exits 2 */
} Discovery;

typedef struct DiscoverOptions {
    const Config *cfg;     /* excludes */
    int use_gitignore;
    int force_exclude;     /* the excludes apply to paths named explicitly too */
    int verbose;           /* say on stderr which explicit paths force_exclude skips */
    int threads;           /* a root folder's folders are walked on up to this many threads (0, 1: this one) */
} DiscoverOptions;

/* Collect the Python files under `paths` ("-" entries are skipped: stdin is the caller's).
   Problems are printed to stderr as they are met ("gotcha: error: ...", "gotcha: warning: ..."). */
void discover_paths(char *const *paths, int npaths, const DiscoverOptions *opt, Discovery *out);
void discovery_free(Discovery *d);

/* 1 if the name ends in .py or .pyi. */
int discover_is_python_name(const char *name);

#endif
