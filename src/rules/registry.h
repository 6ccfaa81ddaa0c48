/* The table of every rule: drives --select, `gotcha rules`, `gotcha rule CODE` and the engine.
   RuleSet.enabled[i] refers to registry_table[i]. */
#ifndef GOTCHA_REGISTRY_H
#define GOTCHA_REGISTRY_H

#include "../engine/rule.h"

extern const Rule *const registry_table[];
extern const int registry_count;

/* Index of the rule with this exact code ("GT101"), or -1. */
int registry_index(const char *code);
/* The default set: every rule with default_on and not preview (preview rules join when `preview`). */
void registry_default_set(RuleSet *set, int preview);

#endif
