/* `gotcha rules` and `gotcha rule CODE`: both read the rule table. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../rules/registry.h"
#include "../util/buf.h"
#include "cli.h"
#include "report.h"

static const char *fix_label(uint8_t fix)
{
    switch (fix) {
    case FIXABLE_ALWAYS:
        return "always";
    case FIXABLE_SOMETIMES:
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

#define WRAP_COLUMNS 92

/* Print prose word-wrapped to WRAP_COLUMNS, every line indented; newlines in `text` are kept. */
static void print_wrapped(const char *text, const char *indent)
{
    size_t indent_len = strlen(indent);
    const char *p = text;
    while (*p) {
        size_t col = indent_len;
        fputs(indent, stdout);
        int first_word = 1;
        while (*p && *p != '\n') {
            while (*p == ' ')
                p++;
            size_t word = strcspn(p, " \n");
            if (word == 0)
                break;
            if (!first_word && col + 1 + word > WRAP_COLUMNS) {
                printf("\n%s", indent);
                col = indent_len;
                first_word = 1;
            }
            if (!first_word) {
                putchar(' ');
                col++;
            }
            printf("%.*s", (int)word, p);
            col += word;
            p += word;
            first_word = 0;
        }
        putchar('\n');
        if (*p == '\n')
            p++;
    }
}

static void print_section(const char *title, const char *text, const char *indent)
{
    if (!text || !*text)
        return;
    printf("\n%s\n", title);
    print_wrapped(text, indent);
}

/* Code examples keep their lines as written. */
static void print_code_section(const char *title, const char *code)
{
    if (!code || !*code)
        return;
    printf("\n%s\n", title);
    print_indented(code, "    ");
}

static const Rule *find_rule(const char *code_or_name)
{
    for (int i = 0; i < registry_count; i++) {
        const Rule *r = registry_table[i];
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
    print_code_section("Wrong", d->wrong);
    print_code_section("Right", d->right);
    print_section("Nearest rule of other tools", d->peer, "  ");
    print_section("Notes", d->notes, "  ");
    print_section("Measured precision", d->precision, "  ");
    return 0;
}
