/* libFuzzer target: the full check of one file (parse, semantic model, every rule, noqa, fixes)
   with every rule of the registry enabled, preview ones included. */
#include <stddef.h>
#include <stdint.h>

#include "check/check.h"
#include "rules/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CheckOptions options = {0};
    for (int i = 0; i < registry_count; i++)
        options.rules.enabled[i] = 1;
    options.target_minor = 13;
    Arena arena;
    arena_init(&arena);
    FileResult result = {0};
    check_source("fuzz.py", (const char *)data, size, &options, &arena, &result);
    diag_result_free(&result);
    arena_free(&arena);
    return 0;
}
