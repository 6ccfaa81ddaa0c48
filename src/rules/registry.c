/* Every rule, in code order: the table is built from rule_list.h (one `RULE(gtNNN)` line per rule). */
#include "registry.h"

#include <string.h>

#define RULE(id) extern const Rule rule_##id;
#include "rule_list.h"
#undef RULE

const Rule *const registry_table[] = {
#define RULE(id) &rule_##id,
#include "rule_list.h"
#undef RULE
};

const int registry_count = (int)(sizeof registry_table / sizeof registry_table[0]);

/* RuleSet.enabled has room for 128 rules. */
_Static_assert(sizeof registry_table / sizeof registry_table[0] <= sizeof(((RuleSet *)0)->enabled),
               "RuleSet.enabled is too small for the rule table");

int registry_index(const char *code)
{
    for (int i = 0; i < registry_count; i++)
        if (strcmp(registry_table[i]->code, code) == 0)
            return i;
    return -1;
}

void registry_default_set(RuleSet *set, int preview)
{
    memset(set, 0, sizeof *set);
    for (int i = 0; i < registry_count; i++) {
        const Rule *r = registry_table[i];
        set->enabled[i] = (uint8_t)(r->default_on && (!r->preview || preview));
    }
}
