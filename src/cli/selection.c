/* Rule selection by code prefix, ruff-style: the most specific selector wins. */
#include "selection.h"

#include <stdio.h>
#include <string.h>

#include "../config/config_options.h"
#include "../rules/registry.h"

static int selector_specificity(const char *selector, const char *code)
{
    return config_selector_specificity(selector, code);
}

int selection_is_known(const char *selector)
{
    if (selector[0] == '\0')
        return 0;
    for (int i = 0; i < registry_count; i++)
        if (selector_specificity(selector, registry_table[i]->code) >= 0)
            return 1;
    return 0;
}

/* The warning for one selector, if it matches only preview rules (and is not one's exact code). */
static void warn_if_preview_only(const char *selector, FILE *out)
{
    char names[256] = "";
    size_t used = 0;
    int matched = 0, stable = 0;
    for (int i = 0; i < registry_count; i++) {
        const Rule *rule = registry_table[i];
        if (selector_specificity(selector, rule->code) < 0)
            continue;
        matched++;
        stable += !rule->preview;
        if (rule->preview && used + 8 < sizeof names)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "", rule->code);
        if (strcmp(selector, rule->code) == 0)
            return;   /* an exact code enables a preview rule */
    }
    if (matched > 0 && stable == 0)
        fprintf(out, "gotcha: warning: selection '%s' has no effect: it matches only preview rules (%s); "
                     "enable them with --preview (or `preview = true`)\n", selector, names);
}

static void warn_list(char *const *items, int n, FILE *out)
{
    for (int i = 0; i < n; i++)
        warn_if_preview_only(items[i], out);
}

void selection_warn_preview_only(const Config *cfg, const CheckArgs *args, int preview, FILE *out)
{
    if (preview)
        return;
    warn_list(args->select.items, args->select.n, out);
    warn_list(args->extend_select.items, args->extend_select.n, out);
    if (!args->has_select)
        warn_list(cfg->select, cfg->nselect, out);
    warn_list(cfg->extend_select, cfg->nextend_select, out);
}

int selection_resolve(const Config *cfg, const CheckArgs *args, int preview, RuleSet *out,
                      char *err, size_t errlen)
{
    ConfigSelectors cli = {
        .select = args->select.items, .nselect = args->select.n, .has_select = args->has_select,
        .extend_select = args->extend_select.items, .nextend_select = args->extend_select.n,
        .ignore = args->ignore.items, .nignore = args->ignore.n,
    };
    return config_rule_set(cfg, &cli, preview, out, err, errlen);
}
