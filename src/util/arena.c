#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_MIN (256u * 1024u)

struct ArenaChunk {
    ArenaChunk *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

static ArenaChunk *chunk_new(size_t size, ArenaChunk *next)
{
    ArenaChunk *c = malloc(sizeof *c + size);
    if (!c) {
        fprintf(stderr, "gotcha: out of memory\n");
        abort();
    }
    c->next = next;
    c->size = size;
    return c;
}

void arena_init(Arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + 7u) & ~(size_t)7u;
    if (!a->head || a->used + size > a->head->size) {
        size_t want = size > ARENA_CHUNK_MIN ? size : ARENA_CHUNK_MIN;
        if (a->head && a->head->size * 2 > want && a->head->size < 64u * 1024u * 1024u)
            want = a->head->size * 2; /* grow geometrically for big files */
        a->head = chunk_new(want, a->head);
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void arena_reset(Arena *a)
{
    if (!a->head)
        return;
    /* Keep the oldest chunk (the base size) and drop the rest. */
    ArenaChunk *c = a->head;
    while (c->next) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = c;
    a->used = 0;
    a->total = 0;
}

void arena_free(Arena *a)
{
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}
