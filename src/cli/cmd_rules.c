/* `gotcha rules` and `gotcha rule CODE`: both read the rule table. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../rules/registry.h"
#include "cli.h"

static const char *fix_label(uint8_t fix)
{
    switch (fix) {
    case FIX_ALWAYS:
        return "always";
    case FIX_SOMETIMES:
        return "some";
    default:
        return "-";
    }
}

static const char *default_label(const Rule *r)
{
    if (r->preview)
        return "preview";
    return r->default_on ? "on" : "off";
}

int cmd_rules(void)
{
    int name_width = 4;
    for (int i = 0; i < rule_count; i++) {
        int n = (int)strlen(rule_table[i]->name);
        if (n > name_width)
            name_width = n;
    }
    printf("%-6s %-*s %-8s %-7s %s\n", "CODE", name_width, "NAME", "DEFAULT", "FIX", "SUMMARY");
    for (int i = 0; i < rule_count; i++) {
        const Rule *r = rule_table[i];
        printf("%-6s %-*s %-8s %-7s %s\n", r->code, name_width, r->name, default_label(r),
               fix_label(r->fix), r->summary);
    }
    return 0;
}

/* Print `text` with every line indented. */
static void print_indented(const char *text, const char *indent)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len > 0)
            printf("%s%.*s\n", indent, (int)len, p);
        else
            putchar('\n');
        if (!nl)
            break;
        p = nl + 1;
    }
}

static void print_section(const char *title, const char *text, const char *indent)
{
    if (!text || !*text)
        return;
    printf("\n%s\n", title);
    print_indented(text, indent);
}

static const Rule *find_rule(const char *code_or_name)
{
    for (int i = 0; i < rule_count; i++) {
        const Rule *r = rule_table[i];
        if (strcasecmp(r->code, code_or_name) == 0 || strcmp(r->name, code_or_name) == 0)
            return r;
    }
    return NULL;
}

int cmd_rule(const char *code_or_name)
{
    const Rule *r = find_rule(code_or_name);
    if (!r) {
        fprintf(stderr, "gotcha rule: unknown rule '%s' (see 'gotcha rules')\n", code_or_name);
        return 2;
    }
    printf("%s %s\n%s\n\n", r->code, r->name, r->summary);
    printf("Default: %s    Fix: %s\n", default_label(r), fix_label(r->fix));
    const RuleDoc *d = &r->doc;
    print_section("What it finds", d->finds, "  ");
    print_section("Why it happens", d->mechanism, "  ");
    print_section("Symptom in production", d->symptom, "  ");
    print_section("How to fix it", d->fix, "  ");
    print_section("Wrong", d->wrong, "    ");
    print_section("Right", d->right, "    ");
    print_section("Nearest rule of other tools", d->peer, "  ");
    print_section("Notes", d->notes, "  ");
    return 0;
}
