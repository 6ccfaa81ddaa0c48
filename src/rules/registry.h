/* The table of every rule: drives --select, `gotcha rules`, `gotcha rule CODE` and the engine.
   RuleSet.enabled[i] refers to registry_table[i]. */
#ifndef GOTCHA_REGISTRY_H
#define GOTCHA_REGISTRY_H

#include "../engine/rule.h"
#include "../util/buf.h"

extern const Rule *const registry_table[];
extern const int registry_count;

/* Index of the rule with this exact code ("GT101"), or -1. */
int registry_index(const char *code);
/* The default set: every rule with default_on and not preview (preview rules join when `preview`). */
void registry_default_set(RuleSet *set, int preview);

/* The rule with this code (any case) or name, or NULL. O(rules). */
const Rule *registry_find(const char *code_or_name);
/* "always", "some", "-": the FIX column of `gotcha rules`. */
const char *registry_fix_label(uint8_t fix);
/* "on", "off", "preview": the DEFAULT column. */
const char *registry_default_label(const Rule *r);
/* The rule's documentation as `gotcha rule CODE` prints it (prose wrapped to 92 columns), appended
   to out. */
void registry_doc_text(const Rule *r, Buf *out);

/* GT701 (gt701_implicit_namespace_package.c) decides from the folders around a file, which the
   file's cache key does not hold: what it found there, as a few characters appended to `out`
   (nothing for a file GT701 never reports whatever they hold). The cache puts it in the file's key,
   so that a change around the file is a miss. */
void rule_gt701_context(const char *path, Buf *out);

#endif
