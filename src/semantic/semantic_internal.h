/* Private parts of the semantic model, shared by its build and query files. */
#ifndef GOTCHA_SEMANTIC_INTERNAL_H
#define GOTCHA_SEMANTIC_INTERNAL_H

#include "semantic.h"

/* Open-addressing map from node pointers to pointers, in the arena. */
typedef struct PtrEntry {
    const void *key;        /* NULL = empty slot */
    void *value;
} PtrEntry;

typedef struct PtrMap {
    PtrEntry *slots;
    uint32_t cap, n;        /* cap is a power of two (or 0); at most half full */
} PtrMap;

/* Make room for `n` entries in all without growing again. */
void sem_ptrmap_reserve(PtrMap *m, Arena *a, uint32_t n);
void sem_ptrmap_put(PtrMap *m, Arena *a, const void *key, void *value);
void *sem_ptrmap_get(const PtrMap *m, const void *key);

/* The bindings of one name in one scope, in source order. */
typedef struct NameEntry {
    Str name;
    uint32_t hash;
    const Binding **items;
    int32_t n;
    uint32_t kinds;         /* bit 1 << BindingKind for each kind among the items */
} NameEntry;

struct NameTable {
    NameEntry *slots;       /* cap entries; empty when name.s == NULL */
    uint32_t cap;
};

uint32_t sem_hash(const char *s, uint32_t len);
const NameEntry *sem_lookup(const Scope *scope, const char *name, uint32_t len);
/* The same with h = sem_hash(name, len), for lookups of one name through several scopes. */
const NameEntry *sem_lookup_hashed(const Scope *scope, const char *name, uint32_t len, uint32_t h);

/* A filter over a fixed list of words, built at compile time from the list: 256 bits, one set for
   the hash of each word's length, first and last byte. A name whose bit is clear is none of the
   words (one test instead of a comparison per word); one whose bit is set may be. Build one with
   `{ 0 LIST(B0), 0 LIST(B1), 0 LIST(B2), 0 LIST(B3) }` where Bk(word) is SEM_WORD_BIT(word, k). */
#define SEM_WORD_HASH(len, first, last) \
    ((((unsigned)(len) * 37u) ^ ((unsigned)(unsigned char)(first) * 7u) ^ (unsigned)(unsigned char)(last)) & 255u)
#define SEM_WORD_HASH_OF(w) SEM_WORD_HASH(sizeof w - 1, w[0], w[sizeof w - 2])
#define SEM_WORD_BIT(w, k) | (SEM_WORD_HASH_OF(w) >> 6 == (k) ? 1ull << (SEM_WORD_HASH_OF(w) & 63) : 0)

static inline int sem_word_filter_may_hold(const uint64_t filter[4], Str name)
{
    if (name.len == 0)
        return 1;
    unsigned h = SEM_WORD_HASH(name.len, name.s[0], name.s[name.len - 1]);
    return (int)(filter[h >> 6] >> (h & 63) & 1);
}

struct Semantic {
    Arena *arena;
    const Source *src;
    SemOptions opt;         /* zero when none were given */
    const Node *module_node;
    Scope *module;
    PtrMap scope_of_def;    /* def/lambda/class/comprehension node -> Scope */
    uint8_t has_star_import; /* some `from m import *`: any module name may be rebound unseen */
};

#endif
