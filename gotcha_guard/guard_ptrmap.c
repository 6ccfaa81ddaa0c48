/* Open-addressing hash map keyed by object addresses (see PtrMap in guard.h). */
#include "guard.h"

#include <stdlib.h>
#include <string.h>

#define TOMBSTONE ((const void *)1)

static int ptrmap_grow(PtrMap *map)
{
    size_t capacity = map->capacity ? map->capacity * 2 : 16;
    /* Rehash at the same size when most of the load is tombstones. */
    if (map->capacity && map->count * 2 < map->capacity)
        capacity = map->capacity;
    PtrMap bigger = {calloc(capacity, sizeof(void *)), calloc(capacity, sizeof(void *)), capacity, 0, 0};
    if (bigger.keys == NULL || bigger.values == NULL) {
        free(bigger.keys);
        free(bigger.values);
        return -1;
    }
    for (size_t slot = 0; slot < map->capacity; slot++) {
        if (map->keys[slot] != NULL && map->keys[slot] != TOMBSTONE)
            ptrmap_put(&bigger, map->keys[slot], map->values[slot]);
    }
    ptrmap_free(map);
    *map = bigger;
    return 0;
}

int ptrmap_put(PtrMap *map, const void *key, void *value)
{
    if ((map->count + map->tombstones + 1) * 4 > map->capacity * 3 && ptrmap_grow(map) < 0)
        return -1;
    size_t reusable = SIZE_MAX;
    for (size_t slot = ptrmap_slot(key, map->capacity);; slot = (slot + 1) & (map->capacity - 1)) {
        if (map->keys[slot] == key) {
            map->values[slot] = value;
            return 0;
        }
        if (map->keys[slot] == TOMBSTONE && reusable == SIZE_MAX)
            reusable = slot;
        if (map->keys[slot] == NULL) {
            if (reusable != SIZE_MAX) {
                slot = reusable;
                map->tombstones--;
            }
            map->keys[slot] = key;
            map->values[slot] = value;
            map->count++;
            return 0;
        }
    }
}

void *ptrmap_remove(PtrMap *map, const void *key)
{
    if (map->capacity == 0)
        return NULL;
    for (size_t slot = ptrmap_slot(key, map->capacity);; slot = (slot + 1) & (map->capacity - 1)) {
        if (map->keys[slot] == NULL)
            return NULL;
        if (map->keys[slot] == key) {
            void *value = map->values[slot];
            map->keys[slot] = TOMBSTONE;
            map->values[slot] = NULL;
            map->count--;
            map->tombstones++;
            return value;
        }
    }
}

void ptrmap_each(const PtrMap *map, void (*visit)(const void *key, void *value, void *arg), void *arg)
{
    for (size_t slot = 0; slot < map->capacity; slot++) {
        if (map->keys[slot] != NULL && map->keys[slot] != TOMBSTONE)
            visit(map->keys[slot], map->values[slot], arg);
    }
}

void ptrmap_free(PtrMap *map)
{
    free(map->keys);
    free(map->values);
    memset(map, 0, sizeof *map);
}
