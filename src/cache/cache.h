/* The cache of per-file results (`.gotcha_cache/`): what checking one file produced (its
   findings after noqa, its conditional findings and its module summary), stored under a key made
   of the file's content, its path as given (relative paths keep the cache shareable), the
   module name the `__init__.py` files above it give, the gotcha version and the effective
   settings. A warm run reads the entry instead of parsing; the project phase then runs on the
   summaries as on a cold run, so the output is the same. A cold run's summaries are read back
   from the entries it stores (cache_store): the project phase sees them in one form either way.

   Entries of one run live together in one pack file, `<dir>/<version>/pack-<scope>` (scope: a
   hash of the settings and the paths given, so shards of a monorepo checking different paths
   keep different packs in a shared folder), read once when the cache is opened and written once
   (on a thread of its own from cache_write_begin, else when it is closed), only if something
   changed: the entries used by the run (so deleted files
   drop out), to a temporary file renamed over the pack (two runs never see half a pack; the last
   one wins). Each entry ends with its checksum and the pack's index has its own: a corrupt or
   truncated entry is ignored (and rewritten), a corrupt index drops the pack. One pack rather than
   a file per entry: opening thousands of small files costs more than checking them.
   Nothing in an entry or a pack is an absolute path.

   Operations: cache_open O(pack size); cache_key O(file size); cache_load O(log entries + entry
   size); cache_store O(entry size); cache_close O(pack size); cache_clean O(files). cache_load
   and cache_store may run on many threads at once. */
#ifndef GOTCHA_CACHE_H
#define GOTCHA_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "../check/check.h"
#include "../util/buf.h"

#define CACHE_DEFAULT_DIR ".gotcha_cache"
#define CACHE_ENV_DIR "GOTCHA_CACHE_DIR"

typedef struct CacheKey {
    uint64_t h[2];
} CacheKey;

/* ---- the entry format (cache_entry.c) ---- */

#define CACHE_ENTRY_MAGIC "GTC5"   /* an entry's first bytes; a new format takes a new one */

/* Serialise a file's result (path and error not stored) and project data under `key`, appended
   to `out`. Returns where the summary starts in `out` (the bytes cache_entry_read_summary reads,
   up to the 8 of the checksum), or 0 when proj has none. */
size_t cache_entry_encode(const CacheKey *key, const FileResult *res, const CheckProject *proj, Buf *out);

/* Where summaries read in place put their arrays: large chunks that every thread fills, each its
   own chunk (no lock but to take a chunk), freed together. A run reads thousands of summaries
   and frees them all at its end: packed into a room they touch about half the pages separate
   blocks do, and each new page costs a fault. A summary read into a room is `held`
   (summary_free leaves it): free the room after the last of its summaries is used. */
typedef struct CacheRoom CacheRoom;

CacheRoom *cache_room_new(void);
void cache_room_free(CacheRoom *room);   /* NULL is fine */

/* Read an entry written by cache_entry_encode for `key`: 0 with res (diags, nnoqa_unused; path
   left NULL) and proj filled (malloc'ed, the caller frees them; the summary's arrays in `room`
   when one is given, else in blocks of its own), or -1 for anything else (wrong magic, key or
   checksum, truncated, a code no rule has, a count past the data): then res and proj are zeroed.
   Never reads past data[len). */
int cache_entry_decode(const CacheKey *key, const char *data, size_t len, CacheRoom *room, FileResult *res,
                       CheckProject *proj);

/* The summary cache_entry_encode wrote at data[0..len) (from the offset it returned to the
   checksum), read in place as cache_entry_decode reads it: its strings point into data, which
   must outlive it; its arrays in `room` (or in blocks of its own for NULL). NULL when the bytes
   do not read back whole. */
ModSummary *cache_entry_read_summary(const char *data, size_t len, CacheRoom *room);

/* Append the summary's bytes alone, as cache_entry_encode writes them in an entry. */
void cache_entry_encode_summary(const ModSummary *m, Buf *out);

/* The checksum that ends an entry, over the bytes before it (64 bits, 8 bytes at a time). */
uint64_t cache_entry_checksum(const char *data, size_t len);

/* ---- the cache folder (cache.c) ---- */

typedef struct Cache Cache;

/* The cache in `dir` for results of gotcha `version` under `settings` (any text that changes
   when a setting that changes results changes) for a run over `scope` (the paths given, as
   text). Reads the pack if there is one; creates nothing yet. malloc'ed. */
Cache *cache_open(const char *dir, const char *version, const char *settings, const char *scope);
/* Write the pack when the run changed it (the first failure prints one warning, see
   cache_store), then free the cache. NULL is fine. */
void cache_close(Cache *c);
/* Start writing the pack (when the run changed it) on a thread of its own, so that it overlaps
   what the run does next (the project phase): call it once every cache_load and cache_store is
   done, none may follow. cache_close waits for the thread and says whether it failed. NULL is
   fine; where no thread can be started, cache_close writes the pack itself. */
void cache_write_begin(Cache *c);

/* Key of a file: its bytes, its path as given, the module name of that path (NULL: found here,
   see project_modules), and the cache's version and settings. */
CacheKey cache_key(const Cache *c, const char *path, const char *module, const char *bytes, size_t len);

/* A key from what stat() says of a file instead of its content (path, module, size, inode,
   modification and change times in ns): a warm run finds the content key through it without
   reading an unchanged file. Only valid on the machine that made it (another machine's checkout
   has other times: its files are read and found by content). */
CacheKey cache_stat_key(const Cache *c, const char *path, const char *module, const struct stat *st);
/* The content key stored for a stat key (0), or -1. */
int cache_load_alias(Cache *c, const CacheKey *stat_key, CacheKey *content_key);
void cache_store_alias(Cache *c, const CacheKey *stat_key, const CacheKey *content_key);

/* 0 and the stored result when the entry exists and reads back whole; -1 otherwise. The summary
   points into the cache: free it (summary_free) before cache_close. */
int cache_load(Cache *c, const CacheKey *key, FileResult *res, CheckProject *proj);

/* Keep a result for the pack (skipped for a result with an error). Writing happens in
   cache_close: a folder that cannot be made or written gives one warning on stderr. The summary
   proj holds (built by summary_build) is replaced by the same summary read back from the kept
   entry, as cache_load gives it: one small block instead of many pieces, freed by summary_free
   before cache_close like a loaded one. */
void cache_store(Cache *c, const CacheKey *key, const FileResult *res, CheckProject *proj);

/* ---- summaries held without the cache (cache.c) ----
   A run without the cache (--no-cache) keeps its summaries as a cold run does: encoded into a
   few large blocks and read back in place, so that each built one is freed on the thread that
   built it and the end of the run frees a few blocks, not every piece of every summary. */
typedef struct SummaryStore SummaryStore;

SummaryStore *cache_summaries_new(void);
/* Replace proj->summary (built by summary_build; NULL is fine) by the same summary read back
   from its bytes in the store: free it (summary_free) before cache_summaries_free. Any thread. */
void cache_summaries_keep(SummaryStore *s, CheckProject *proj);
void cache_summaries_free(SummaryStore *s);   /* NULL is fine */

/* Remove the cache folder `dir` and everything in it. 0, or -1 with err filled. A folder that
   does not exist is fine. */
int cache_clean(const char *dir, char *err, size_t errlen);

#endif
