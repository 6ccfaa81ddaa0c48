/* Allocation that cannot fail, for memory that outlives a file's Arena.

   Out of memory prints one line and exits with status 2 (the CLI's "error" status): no caller
   could recover a meaningful state (a half-read config, a lost finding), and a silent abort()
   would look like a crash. A fix being written is safe: files are replaced by rename, so an exit
   leaves either the old file or the new one.

   Growing arrays: `XGROW(items, n + 1, cap, 16)` makes room for n + 1 items, doubling `cap`
   (starting at 16). Arena arrays use `arena_grow` (arena.h), which follows the same policy
   through `xgrow_cap`. */
#ifndef GOTCHA_XALLOC_H
#define GOTCHA_XALLOC_H

#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t size);                          /* size 0 still returns a block */
void *xcalloc(size_t count, size_t size);            /* zeroed; checks count * size for overflow */
void *xrealloc(void *p, size_t size);                /* size 0 still returns a block */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);             /* copies n bytes and adds a NUL */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void xalloc_fail(void);                    /* print "out of memory" and exit 2 */

/* The capacity to grow to so that `need` items fit: `cap` doubled (from `initial` when 0) until it
   is at least `need`. Exits like xalloc_fail when the count would overflow int32_t. */
int32_t xgrow_cap(int32_t cap, int32_t need, int32_t initial);

/* Reallocate *items (elements of `elem` bytes, *cap of them) so that `need` fit; no-op when they
   already do. New slots are not initialized. */
void xgrow(void **items, int32_t *cap, int32_t need, size_t elem, int32_t initial);

#define XGROW(items, need, cap, initial) \
    xgrow((void **)&(items), &(cap), (need), sizeof *(items), (initial))

#endif
