/* Rule selection: --select/--extend-select/--ignore (and the config's lists) -> RuleSet. */
#ifndef GOTCHA_SELECTION_H
#define GOTCHA_SELECTION_H

#include <stddef.h>
#include <stdio.h>

#include "../check/check.h"
#include "../config/config.h"
#include "cli_args.h"

/* Selectors are "ALL" or a prefix of rule codes ("GT1", "GT10", "GT101"). For each rule the most
   specific matching selector decides (longest; ALL is the least specific); on a tie, ignore wins.
   Without a select list the default set is the base. Preview rules need `preview`, unless selected
   by their exact code. GT001 is always on.
   Returns 0, or -1 with a message in err (unknown selector). */
int selection_resolve(const Config *cfg, const CheckArgs *args, int preview, RuleSet *out,
                      char *err, size_t errlen);

/* Without preview, a selector of select / extend-select (command line or configuration) that matches
   only preview rules, and is not the exact code of one, enables nothing: one warning for each on
   `out`, naming the rules and how to enable them. */
void selection_warn_preview_only(const Config *cfg, const CheckArgs *args, int preview, FILE *out);

/* 1 if `selector` is ALL or a prefix of at least one rule code. */
int selection_is_known(const char *selector);

#endif
