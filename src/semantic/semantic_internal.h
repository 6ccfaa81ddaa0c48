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
