/* From settings to what a check runs with: the rule set of the selectors, the target version,
   the CheckOptions of a Config. Shared by `gotcha check` (src/cli/) and `gotcha server` (src/lsp/),
   so a file gets the same findings from both. */
#ifndef GOTCHA_CONFIG_OPTIONS_H
#define GOTCHA_CONFIG_OPTIONS_H

#include <stddef.h>

#include "../check/check.h"
#include "config.h"

#define CONFIG_DEFAULT_TARGET_MINOR 13

/* Rule selectors given on top of the configuration's lists (the command line's). */
typedef struct ConfigSelectors {
    char *const *select; int nselect; int has_select;   /* has_select: replaces the config's select */
    char *const *extend_select; int nextend_select;
    char *const *ignore; int nignore;
} ConfigSelectors;

/* How specific `selector` is for `code`: -1 no match, 0 for ALL, else its length. */
int config_selector_specificity(const char *selector, const char *code);

/* Selectors are "ALL" or a prefix of rule codes ("GT1", "GT10", "GT101"). For each rule the most
   specific matching selector decides (longest; ALL is the least specific); on a tie, ignore wins.
   Without a select list the default set is the base. Preview rules need `preview`, unless selected
   by their exact code. GT001 is always on. `extra` NULL = the configuration's lists only.
   Returns 0, or -1 with a message in err (unknown selector). */
int config_rule_set(const Config *cfg, const ConfigSelectors *extra, int preview, RuleSet *out,
                    char *err, size_t errlen);

/* target-version: `cli_minor` (--target-version, 0 = none), else the configuration's, else the
   oldest version requires-python allows (clamped to the versions gotcha knows), else
   CONFIG_DEFAULT_TARGET_MINOR. Sets cfg->target_minor; cfg->target_origin says where it came from
   (malloc'ed, NULL = the configuration's target-version). */
void config_resolve_target(Config *cfg, int cli_minor);

/* The CheckOptions of `cfg` with `rules`: the lists are NULL-terminated copies of the pointers of
   cfg (which must outlive opt); free them with config_check_options_free. */
void config_check_options(const Config *cfg, const RuleSet *rules, CheckOptions *opt);
void config_check_options_free(CheckOptions *opt);

/* per-file-ignores: drop the findings of `res` (res->path) that the configuration ignores for
   that path; GT001 always stays. */
void config_drop_ignored(const Config *cfg, FileResult *res);
/* extend-safe-fixes / extend-unsafe-fixes decide how each fix of `res` counts. */
void config_apply_fix_safety(const Config *cfg, FileResult *res);

#endif
