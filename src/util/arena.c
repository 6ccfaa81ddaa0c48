#include "arena.h"

#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_MIN (256u * 1024u)
#define ARENA_CHUNK_GROW_MAX (64u * 1024u * 1024u) /* stop doubling chunk sizes here */
/* Chunks kept across arena_reset: enough for the working set of a large file, so that the next
   files reuse memory already mapped instead of paying malloc and page faults again. Bounded
   because every worker thread keeps its own. */
#define ARENA_KEEP_MAX (8u * 1024u * 1024u)

struct ArenaChunk {
    ArenaChunk *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

static ArenaChunk *chunk_new(size_t size)
{
    ArenaChunk *c = xmalloc(sizeof *c + size);
    c->next = NULL;
    c->size = size;
    return c;
}

void arena_init(Arena *a)
{
    a->head = NULL;
    a->spare = NULL;
    a->cur = NULL;
    a->left = 0;
    a->total = 0;
}

/* Unlink and return the first spare chunk of at least `size` bytes, or NULL. */
static ArenaChunk *take_spare(Arena *a, size_t size)
{
    for (ArenaChunk **link = &a->spare; *link; link = &(*link)->next) {
        ArenaChunk *c = *link;
        if (c->size >= size) {
            *link = c->next;
            return c;
        }
    }
    return NULL;
}

void *arena_alloc_slow(Arena *a, size_t size)
{
    ArenaChunk *c = take_spare(a, size);
    if (!c) {
        size_t want = size > ARENA_CHUNK_MIN ? size : ARENA_CHUNK_MIN;
        if (a->head && a->head->size * 2 > want && a->head->size < ARENA_CHUNK_GROW_MAX)
            want = a->head->size * 2; /* grow geometrically for big files */
        c = chunk_new(want);
    }
    c->next = a->head;
    a->head = c;
    a->cur = c->data + size;
    a->left = c->size - size;
    a->total += size;
    return c->data;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = arena_alloc_raw(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void arena_reset(Arena *a)
{
    /* Chunks go to the spare list, newest (largest) first, until the budget is spent; the rest are freed. */
    ArenaChunk *all = a->head;
    size_t kept = 0;
    for (ArenaChunk *c = a->spare; c; c = c->next)
        kept += c->size;
    while (all) {
        ArenaChunk *next = all->next;
        if (kept + all->size <= ARENA_KEEP_MAX) {
            kept += all->size;
            all->next = a->spare;
            a->spare = all;
        } else {
            free(all);
        }
        all = next;
    }
    a->head = NULL;
    a->cur = NULL;
    a->left = 0;
    a->total = 0;
}

static void free_chunks(ArenaChunk *c)
{
    while (c) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
}

void arena_free(Arena *a)
{
    free_chunks(a->head);
    free_chunks(a->spare);
    arena_init(a);
}

void *arena_grow(Arena *a, void *old, int32_t *cap, int32_t need, size_t elem, int32_t initial)
{
    if (need <= *cap)
        return old;
    int32_t new_cap = xgrow_cap(*cap, need, initial);
    void *fresh = arena_alloc_raw(a, (size_t)new_cap * elem);
    if (old)
        memcpy(fresh, old, (size_t)*cap * elem);
    *cap = new_cap;
    return fresh;
}
