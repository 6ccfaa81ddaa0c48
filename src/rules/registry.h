/* The table of every rule: drives --select, `gotcha rules`, `gotcha rule CODE` and the engine.
   RuleSet.enabled[i] refers to rule_table[i]. */
#ifndef GOTCHA_REGISTRY_H
#define GOTCHA_REGISTRY_H

#include "../engine/rule.h"

extern const Rule *const rule_table[];
extern const int rule_count;

/* Index of the rule with this exact code ("GT101"), or -1. */
int rule_index(const char *code);
/* The default set: every rule with default_on and not preview (preview rules join when `preview`). */
void ruleset_default(RuleSet *set, int preview);

#endif
