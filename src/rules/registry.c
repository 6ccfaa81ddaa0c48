/* Every rule, in code order. A new rule file adds its `extern` and its entry here. */
#include "registry.h"

#include <string.h>

extern const Rule rule_gt001;
extern const Rule rule_gt101;
extern const Rule rule_gt102;
extern const Rule rule_gt103;
extern const Rule rule_gt104;
extern const Rule rule_gt105;
extern const Rule rule_gt106;
extern const Rule rule_gt107;
extern const Rule rule_gt108;
extern const Rule rule_gt109;
extern const Rule rule_gt110;
extern const Rule rule_gt111;
extern const Rule rule_gt201;
extern const Rule rule_gt301;
extern const Rule rule_gt302;
extern const Rule rule_gt303;
extern const Rule rule_gt401;
extern const Rule rule_gt501;
extern const Rule rule_gt502;
extern const Rule rule_gt601;
extern const Rule rule_gt701;
extern const Rule rule_gt801;
extern const Rule rule_gt901;

const Rule *const rule_table[] = {
    &rule_gt001,
    &rule_gt101,
    &rule_gt102,
    &rule_gt103,
    &rule_gt104,
    &rule_gt105,
    &rule_gt106,
    &rule_gt107,
    &rule_gt108,
    &rule_gt109,
    &rule_gt110,
    &rule_gt111,
    &rule_gt201,
    &rule_gt301,
    &rule_gt302,
    &rule_gt303,
    &rule_gt401,
    &rule_gt501,
    &rule_gt502,
    &rule_gt601,
    &rule_gt701,
    &rule_gt801,
    &rule_gt901,
};

const int rule_count = (int)(sizeof rule_table / sizeof rule_table[0]);

/* RuleSet.enabled has room for 128 rules. */
_Static_assert(sizeof rule_table / sizeof rule_table[0] <= sizeof(((RuleSet *)0)->enabled),
               "RuleSet.enabled is too small for the rule table");

int rule_index(const char *code)
{
    for (int i = 0; i < rule_count; i++)
        if (strcmp(rule_table[i]->code, code) == 0)
            return i;
    return -1;
}

void ruleset_default(RuleSet *set, int preview)
{
    memset(set, 0, sizeof *set);
    for (int i = 0; i < rule_count; i++) {
        const Rule *r = rule_table[i];
        set->enabled[i] = (uint8_t)(r->default_on && (!r->preview || preview));
    }
}
