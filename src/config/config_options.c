/* Settings -> what a check runs with (config_options.h): rule selection ruff-style (the most
   specific selector wins), the target version, CheckOptions. */
#include "config_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../rules/registry.h"
#include "../util/xalloc.h"

int config_selector_specificity(const char *selector, const char *code)
{
    if (strcmp(selector, "ALL") == 0)
        return 0;
    size_t n = strlen(selector);
    return strncmp(selector, code, n) == 0 ? (int)n : -1;
}

/* Highest specificity among items[0..n) for `code`, at least `best`. */
static int best_match(char *const *items, int n, const char *code, int best)
{
    for (int i = 0; i < n; i++) {
        int s = config_selector_specificity(items[i], code);
        if (s > best)
            best = s;
    }
    return best;
}

static int check_known(char *const *items, int n, const char *origin, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++)
        if (!config_selector_is_known(items[i])) {
            snprintf(err, errlen, "unknown rule selector '%s' in %s (see 'gotcha rules')", items[i], origin);
            return -1;
        }
    return 0;
}

static int check_all_known(const Config *cfg, const ConfigSelectors *x, char *err, size_t errlen)
{
    const char *cfg_origin = cfg->path ? cfg->path : "the configuration";
    if (check_known(x->select, x->nselect, "--select", err, errlen) < 0 ||
        check_known(x->extend_select, x->nextend_select, "--extend-select", err, errlen) < 0 ||
        check_known(x->ignore, x->nignore, "--ignore", err, errlen) < 0 ||
        check_known(cfg->select, cfg->nselect, cfg_origin, err, errlen) < 0 ||
        check_known(cfg->extend_select, cfg->nextend_select, cfg_origin, err, errlen) < 0 ||
        check_known(cfg->ignore, cfg->nignore, cfg_origin, err, errlen) < 0)
        return -1;
    return 0;
}

int config_rule_set(const Config *cfg, const ConfigSelectors *extra, int preview, RuleSet *out,
                    char *err, size_t errlen)
{
    static const ConfigSelectors none;
    const ConfigSelectors *x = extra ? extra : &none;
    if (check_all_known(cfg, x, err, errlen) < 0)
        return -1;
    /* the extra select replaces the configured select list; the other lists add up */
    char *const *select = NULL;
    int nselect = 0, has_select = 0;
    if (x->has_select)
        select = x->select, nselect = x->nselect, has_select = 1;
    else if (cfg->has_select)
        select = cfg->select, nselect = cfg->nselect, has_select = 1;
    RuleSet defaults;
    registry_default_set(&defaults, preview);
    memset(out, 0, sizeof *out);
    for (int i = 0; i < registry_count; i++) {
        const Rule *rule = registry_table[i];
        int chosen = best_match(select, nselect, rule->code, -1);
        chosen = best_match(cfg->extend_select, cfg->nextend_select, rule->code, chosen);
        chosen = best_match(x->extend_select, x->nextend_select, rule->code, chosen);
        int dropped = best_match(cfg->ignore, cfg->nignore, rule->code, -1);
        dropped = best_match(x->ignore, x->nignore, rule->code, dropped);
        int on;
        if (dropped >= 0 && dropped >= chosen)
            on = 0;
        else if (chosen >= 0)
            on = 1;
        else
            on = has_select ? 0 : defaults.enabled[i];
        /* a preview rule joins through a prefix or ALL only in preview mode; naming its
           exact code is explicit enough */
        if (rule->preview && !preview && chosen != (int)strlen(rule->code))
            on = 0;
        if (strcmp(rule->code, "GT001") == 0)
            on = 1;   /* a file that does not parse is always reported */
        out->enabled[i] = (uint8_t)on;
    }
    return 0;
}

void config_resolve_target(Config *cfg, int cli_minor)
{
    if (cli_minor) {
        cfg->target_minor = cli_minor;
        cfg->target_origin = xstrdup("--target-version");
        return;
    }
    if (cfg->target_minor)
        return;
    char why[300] = "";
    int minor = cfg->requires_python ? config_requires_python_minor(cfg->requires_python, why, sizeof why) : -1;
    if (minor < 0) {
        cfg->target_minor = CONFIG_DEFAULT_TARGET_MINOR;
        if (cfg->requires_python)
            cfg->target_origin = xasprintf("the default: requires-python \"%s\" in %s is not understood: %s",
                                           cfg->requires_python, cfg->requires_python_path, why);
        else
            cfg->target_origin = xstrdup("the default: no target-version, no [project] requires-python");
        return;
    }
    int clamped = minor < CONFIG_TARGET_MIN ? CONFIG_TARGET_MIN : minor > CONFIG_TARGET_MAX ? CONFIG_TARGET_MAX : minor;
    cfg->target_minor = clamped;
    cfg->target_origin = xasprintf("requires-python \"%s\" in %s%s", cfg->requires_python, cfg->requires_python_path,
                                   clamped != minor ? " (clamped to " CONFIG_TARGET_RANGE ")" : "");
}

/* NULL-terminated copy of a config list (the pointers are borrowed). */
static const char *const *null_terminated(char **items, int32_t n)
{
    if (n <= 0)
        return NULL;
    const char **list = xcalloc((size_t)n + 1, sizeof *list);
    for (int32_t i = 0; i < n; i++)
        list[i] = items[i];
    return list;
}

void config_check_options(const Config *cfg, const RuleSet *rules, CheckOptions *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->rules = *rules;
    opt->target_minor = cfg->target_minor;
    opt->immutable_calls = null_terminated(cfg->immutable_calls, cfg->nimmutable_calls);
    opt->mutable_calls = null_terminated(cfg->mutable_calls, cfg->nmutable_calls);
    opt->resource_calls = null_terminated(cfg->resource_calls, cfg->nresource_calls);
    opt->cache_names_regex = cfg->cache_names;
}

void config_check_options_free(CheckOptions *opt)
{
    free((void *)opt->immutable_calls);
    free((void *)opt->mutable_calls);
    free((void *)opt->resource_calls);
    opt->immutable_calls = opt->mutable_calls = opt->resource_calls = NULL;
}

void config_drop_ignored(const Config *cfg, FileResult *res)
{
    if (!cfg || cfg->nper_file_ignores == 0)
        return;
    int32_t kept = 0;
    for (int32_t i = 0; i < res->ndiags; i++) {
        Diag *d = &res->diags[i];
        if (strcmp(d->code, "GT001") != 0 && config_ignores_code_for_path(cfg, res->path, d->code)) {
            free(d->message);
            diag_fix_free(d->fix);
        } else {
            res->diags[kept++] = *d;
        }
    }
    res->ndiags = kept;
}

void config_apply_fix_safety(const Config *cfg, FileResult *res)
{
    if (!cfg || (cfg->nextend_safe_fixes == 0 && cfg->nextend_unsafe_fixes == 0))
        return;
    for (int32_t i = 0; i < res->ndiags; i++)
        if (res->diags[i].fix)
            res->diags[i].fix->safe = (uint8_t)config_fix_is_safe(cfg, res->diags[i].code, res->diags[i].fix->safe);
}
