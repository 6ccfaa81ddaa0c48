/* Bump allocator: one per file being processed (per thread). Reset, not freed, between files. */
#ifndef GOTCHA_ARENA_H
#define GOTCHA_ARENA_H

#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;
typedef struct Arena {
    ArenaChunk *head;   /* chunk being filled; older chunks follow through ->next */
    size_t used;        /* bytes used in head */
    size_t total;       /* bytes handed out since the last reset, for memory bounds */
} Arena;

void arena_init(Arena *a);
void *arena_alloc(Arena *a, size_t size);          /* zeroed, 8-byte aligned; aborts on OOM */
char *arena_strndup(Arena *a, const char *s, size_t len); /* NUL-terminated copy */
void arena_reset(Arena *a);                         /* keep the first chunk, free the rest */
void arena_free(Arena *a);

#endif
