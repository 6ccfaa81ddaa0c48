/* Bump allocator: one per file being processed (per thread). Reset, not freed, between files. */
#ifndef GOTCHA_ARENA_H
#define GOTCHA_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct ArenaChunk ArenaChunk;
typedef struct Arena {
    ArenaChunk *head;   /* chunk being filled; older chunks of this file follow through ->next */
    ArenaChunk *spare;  /* chunks kept by arena_reset, reused before asking malloc */
    unsigned char *cur; /* next free byte in head */
    size_t left;        /* free bytes after cur */
    size_t total;       /* bytes handed out since the last reset, for memory bounds */
} Arena;

void arena_init(Arena *a);
char *arena_strndup(Arena *a, const char *s, size_t len); /* NUL-terminated copy */
void arena_reset(Arena *a);                         /* keep a few chunks for the next file, free the rest */
void arena_free(Arena *a);

/* An arena array of *cap elements of `elem` bytes, grown so that `need` fit (capacity doubled from
   `initial`, the policy of xgrow in xalloc.h): returns `old` when they already fit, else a new block
   holding the first *cap elements of `old` (the old block stays in the arena). Uninitialized past
   them. */
void *arena_grow(Arena *a, void *old, int32_t *cap, int32_t need, size_t elem, int32_t initial);

/* Slow path of the allocators below: a new chunk. */
void *arena_alloc_slow(Arena *a, size_t size);

/* Uninitialized, 8-byte aligned; aborts on OOM. For memory the caller fills completely (token
   arrays, text copies, decoded strings): zeroing it first would be wasted work. */
static inline void *arena_alloc_raw(Arena *a, size_t size)
{
    size = (size + 7u) & ~(size_t)7u;
    if (a->left <= size)   /* "<=": a zero-byte request on an empty arena still gets a chunk */
        return arena_alloc_slow(a, size);
    void *p = a->cur;
    a->cur += size;
    a->left -= size;
    a->total += size;
    return p;
}

/* Zeroed, 8-byte aligned; aborts on OOM. */
static inline void *arena_alloc(Arena *a, size_t size)
{
    void *p = arena_alloc_raw(a, size);
    memset(p, 0, size);
    return p;
}

#endif
