/* libFuzzer target: the fix engine (`gotcha check --fix --unsafe-fixes`) on one file, every rule on.
   Besides the sanitizers, one property is checked: applying fixes never produces code that does
   not parse (the engine reports that as FIX_FAILED, "a gotcha bug"), so such an input aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check/check.h"
#include "fix/fix.h"
#include "rules/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fix engine's re-check of each round's text. */
static int check_text(void *arg, const char *text, size_t len, FileResult *out)
{
    const CheckOptions *options = arg;
    Arena arena;
    arena_init(&arena);
    int rc = check_source("fuzz.py", text, len, options, &arena, out);
    arena_free(&arena);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CheckOptions options = {0};
    for (int i = 0; i < registry_count; i++)
        options.rules.enabled[i] = 1;
    options.target_minor = 13;
    FixOutcome outcome;
    fix_bytes("fuzz.py", (const char *)data, size, 1, check_text, &options, &outcome);
    if (outcome.status == FIX_FAILED) {
        fprintf(stderr, "fuzz_fix: %s\n", outcome.message ? outcome.message : "fix failed");
        abort();
    }
    fix_outcome_free(&outcome);
    return 0;
}
