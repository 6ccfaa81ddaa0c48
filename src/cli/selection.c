/* Rule selection by code prefix, ruff-style: the most specific selector wins. */
#include "selection.h"

#include <stdio.h>
#include <string.h>

#include "../rules/registry.h"

/* How specific `selector` is for `code`: -1 no match, 0 for ALL, else its length. */
static int selector_specificity(const char *selector, const char *code)
{
    if (strcmp(selector, "ALL") == 0)
        return 0;
    size_t n = strlen(selector);
    return strncmp(selector, code, n) == 0 ? (int)n : -1;
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

/* Highest specificity among the selectors of `lists` for `code` (-1 when none matches). */
static int best_match(char *const *items, int n, const char *code, int best)
{
    for (int i = 0; i < n; i++) {
        int s = selector_specificity(items[i], code);
        if (s > best)
            best = s;
    }
    return best;
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

static int check_known(char *const *items, int n, const char *origin, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++)
        if (!selection_is_known(items[i])) {
            snprintf(err, errlen, "unknown rule selector '%s' in %s (see 'gotcha rules')", items[i], origin);
            return -1;
        }
    return 0;
}

int selection_resolve(const Config *cfg, const CheckArgs *args, int preview, RuleSet *out,
                      char *err, size_t errlen)
{
    const char *cfg_origin = cfg->path ? cfg->path : "the configuration";
    if (check_known(args->select.items, args->select.n, "--select", err, errlen) < 0 ||
        check_known(args->extend_select.items, args->extend_select.n, "--extend-select", err, errlen) < 0 ||
        check_known(args->ignore.items, args->ignore.n, "--ignore", err, errlen) < 0 ||
        check_known(cfg->select, cfg->nselect, cfg_origin, err, errlen) < 0 ||
        check_known(cfg->extend_select, cfg->nextend_select, cfg_origin, err, errlen) < 0 ||
        check_known(cfg->ignore, cfg->nignore, cfg_origin, err, errlen) < 0)
        return -1;

    /* --select replaces the configured select list; the other lists add up. */
    char *const *select = NULL;
    int nselect = 0, has_select = 0;
    if (args->has_select) {
        select = args->select.items, nselect = args->select.n, has_select = 1;
    } else if (cfg->has_select) {
        select = cfg->select, nselect = cfg->nselect, has_select = 1;
    }
    RuleSet defaults;
    registry_default_set(&defaults, preview);
    memset(out, 0, sizeof *out);
    for (int i = 0; i < registry_count; i++) {
        const Rule *rule = registry_table[i];
        int chosen = best_match(select, nselect, rule->code, -1);
        chosen = best_match(cfg->extend_select, cfg->nextend_select, rule->code, chosen);
        chosen = best_match(args->extend_select.items, args->extend_select.n, rule->code, chosen);
        int dropped = best_match(cfg->ignore, cfg->nignore, rule->code, -1);
        dropped = best_match(args->ignore.items, args->ignore.n, rule->code, dropped);
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
