/* Unit test of the guard's address-keyed map (guard_ptrmap.c), run by tests/suites/60-guard.sh.
 * Prints "ok - ..." / "not ok - ..." lines. */
#include "../guard.h"

#include <stdio.h>
#include <stdlib.h>

#define KEYS 20000

static int failures;

static void check(const char *name, int condition)
{
    printf("%s - guard ptrmap: %s\n", condition ? "ok" : "not ok", name);
    failures += !condition;
}

static void count_entry(const void *key, void *value, void *arg)
{
    size_t *count = arg;
    if ((const char *)value == (const char *)key + 1)
        (*count)++;
}

int main(void)
{
    static char storage[KEYS];
    PtrMap map = {0};
    check("empty map finds nothing", ptrmap_get(&map, &storage[0]) == NULL && ptrmap_remove(&map, &storage[0]) == NULL);

    int all_put = 1;
    for (size_t i = 0; i < KEYS; i++)
        all_put &= ptrmap_put(&map, &storage[i], &storage[i] + 1) == 0;
    int all_found = 1;
    for (size_t i = 0; i < KEYS; i++)
        all_found &= ptrmap_get(&map, &storage[i]) == &storage[i] + 1;
    check("every key found after growth", all_put && all_found && map.count == KEYS);

    ptrmap_put(&map, &storage[7], &storage[100]);
    check("put on a present key replaces the value", ptrmap_get(&map, &storage[7]) == &storage[100] && map.count == KEYS);
    ptrmap_put(&map, &storage[7], &storage[8]);

    int removed_right = 1;
    for (size_t i = 0; i < KEYS; i += 2)
        removed_right &= ptrmap_remove(&map, &storage[i]) == &storage[i] + 1;
    int rest_right = 1;
    for (size_t i = 0; i < KEYS; i++)
        rest_right &= ptrmap_get(&map, &storage[i]) == (i % 2 ? &storage[i] + 1 : NULL);
    check("removal keeps the other keys reachable", removed_right && rest_right && map.count == KEYS / 2);

    /* Churn: many put/remove cycles must not fill the table with tombstones. */
    size_t capacity_before = map.capacity;
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < KEYS; i += 2)
            ptrmap_put(&map, &storage[i], &storage[i] + 1);
        for (size_t i = 0; i < KEYS; i += 2)
            ptrmap_remove(&map, &storage[i]);
    }
    check("churn keeps the capacity bounded", map.capacity <= capacity_before * 2 && map.count == KEYS / 2);

    size_t visited = 0;
    ptrmap_each(&map, count_entry, &visited);
    check("each visits every entry once", visited == KEYS / 2);

    ptrmap_free(&map);
    check("free empties the map", map.capacity == 0 && map.count == 0 && ptrmap_get(&map, &storage[1]) == NULL);
    return failures != 0;
}
