/* Private parts of the semantic model, shared by its build and query files. */
#ifndef GOTCHA_SEMANTIC_INTERNAL_H
#define GOTCHA_SEMANTIC_INTERNAL_H

#include "semantic.h"

/* Open-addressing map from node pointers to pointers, in the arena. */
typedef struct PtrMap {
    const void **keys;
    void **values;
    uint32_t cap, n;        /* cap is a power of two (or 0) */
} PtrMap;

void ptrmap_put(PtrMap *m, Arena *a, const void *key, void *value);
void *ptrmap_get(const PtrMap *m, const void *key);

/* The bindings of one name in one scope, in source order. */
typedef struct NameEntry {
    Str name;
    uint32_t hash;
    const Binding **items;
    int32_t n;
} NameEntry;

struct NameTable {
    NameEntry *slots;       /* cap entries; empty when name.s == NULL */
    uint32_t cap;
};

uint32_t sem_hash(const char *s, uint32_t len);
const NameEntry *sem_lookup(const Scope *scope, const char *name, uint32_t len);

struct Semantic {
    Arena *arena;
    const Source *src;
    const CheckOptions *opt;
    const Node *module_node;
    Scope *module;
    PtrMap scope_of_def;    /* def/lambda/class/comprehension node -> Scope */
    PtrMap parents;         /* node -> parent, built on first sem_parent */
    int parents_built;
    Scope **functions;      /* every function and lambda scope, for the post-pass */
    int32_t nfunctions, cap_functions;
};

#endif
