/* `gotcha rules` and `gotcha rule CODE`: both read the rule table. */
#include <stdio.h>
#include <string.h>

#include "../rules/registry.h"
#include "../util/buf.h"
#include "cli.h"
#include "report.h"

static const char *fix_label(uint8_t fix)
{
    return registry_fix_label(fix);
}

static const char *default_label(const Rule *r)
{
    return registry_default_label(r);
}

int cmd_rules(void)
{
    int name_width = 4;
    for (int i = 0; i < registry_count; i++) {
        int n = (int)strlen(registry_table[i]->name);
        if (n > name_width)
            name_width = n;
    }
    printf("%-6s %-*s %-8s %-7s %s\n", "CODE", name_width, "NAME", "DEFAULT", "FIX", "SUMMARY");
    for (int i = 0; i < registry_count; i++) {
        const Rule *r = registry_table[i];
        printf("%-6s %-*s %-8s %-7s %s\n", r->code, name_width, r->name, default_label(r),
               fix_label(r->fix), r->summary);
    }
    return 0;
}

static const char *fix_name(uint8_t fix)
{
    return fix == FIXABLE_ALWAYS ? "always" : fix == FIXABLE_SOMETIMES ? "sometimes" : "none";
}

static void json_rule(Buf *out, const Rule *r)
{
    buf_puts(out, "  {\"code\": ");
    report_json_str(out, r->code);
    buf_puts(out, ", \"name\": ");
    report_json_str(out, r->name);
    buf_printf(out, ", \"default\": \"%s\", \"fix\": \"%s\", \"summary\": ", default_label(r),
               fix_name(r->fix));
    report_json_str(out, r->summary);
    buf_puts(out, ", \"peers\": [");
    for (int k = 0; k < RULE_MAX_PEERS && r->peers[k]; k++) {
        buf_puts(out, k ? ", " : "");
        report_json_str(out, r->peers[k]);
    }
    buf_puts(out, "]}");
}

/* `gotcha rules --output-format json`: one object per rule, in table order, for scripts and tests. */
int cmd_rules_json(void)
{
    Buf out;
    buf_init(&out);
    buf_puts(&out, "[\n");
    for (int i = 0; i < registry_count; i++) {
        json_rule(&out, registry_table[i]);
        buf_puts(&out, i + 1 < registry_count ? ",\n" : "\n");
    }
    buf_puts(&out, "]\n");
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    return 0;
}

int cmd_rule(const char *code_or_name)
{
    const Rule *r = registry_find(code_or_name);
    if (!r) {
        fprintf(stderr, "gotcha rule: unknown rule '%s' (see 'gotcha rules')\n", code_or_name);
        return 2;
    }
    Buf text;
    buf_init(&text);
    registry_doc_text(r, &text);
    fwrite(text.data, 1, text.len, stdout);
    buf_free(&text);
    return 0;
}
