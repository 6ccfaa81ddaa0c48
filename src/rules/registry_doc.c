/* A rule's documentation as text: what `gotcha rule CODE` prints and the language server's hover
   shows (registry.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "registry.h"

#define WRAP_COLUMNS 92

const Rule *registry_find(const char *code_or_name)
{
    for (int i = 0; i < registry_count; i++) {
        const Rule *r = registry_table[i];
        if (strcasecmp(r->code, code_or_name) == 0 || strcmp(r->name, code_or_name) == 0)
            return r;
    }
    return NULL;
}

const char *registry_fix_label(uint8_t fix)
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

const char *registry_default_label(const Rule *r)
{
    if (r->preview)
        return "preview";
    return r->default_on ? "on" : "off";
}

/* `text` with every line indented. */
static void put_indented(Buf *out, const char *text, const char *indent)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len > 0)
            buf_printf(out, "%s%.*s\n", indent, (int)len, p);
        else
            buf_putc(out, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
}

/* One line of prose from p (up to its newline) word-wrapped; returns where it stopped. */
static const char *put_wrapped_line(Buf *out, const char *p, const char *indent)
{
    size_t indent_len = strlen(indent), col = indent_len;
    buf_puts(out, indent);
    int first_word = 1;
    while (*p && *p != '\n') {
        while (*p == ' ')
            p++;
        size_t word = strcspn(p, " \n");
        if (word == 0)
            break;
        if (!first_word && col + 1 + word > WRAP_COLUMNS) {
            buf_printf(out, "\n%s", indent);
            col = indent_len;
            first_word = 1;
        }
        if (!first_word) {
            buf_putc(out, ' ');
            col++;
        }
        buf_add(out, p, word);
        col += word;
        p += word;
        first_word = 0;
    }
    buf_putc(out, '\n');
    return p;
}

/* Prose word-wrapped to WRAP_COLUMNS, every line indented; newlines in `text` are kept. */
static void put_wrapped(Buf *out, const char *text, const char *indent)
{
    const char *p = text;
    while (*p) {
        p = put_wrapped_line(out, p, indent);
        if (*p == '\n')
            p++;
    }
}

static void put_section(Buf *out, const char *title, const char *text)
{
    if (!text || !*text)
        return;
    buf_printf(out, "\n%s\n", title);
    put_wrapped(out, text, "  ");
}

/* Code examples keep their lines as written. */
static void put_code_section(Buf *out, const char *title, const char *code)
{
    if (!code || !*code)
        return;
    buf_printf(out, "\n%s\n", title);
    put_indented(out, code, "    ");
}

void registry_doc_text(const Rule *r, Buf *out)
{
    buf_printf(out, "%s %s\n%s\n\n", r->code, r->name, r->summary);
    buf_printf(out, "Default: %s    Fix: %s\n", registry_default_label(r), registry_fix_label(r->fix));
    const RuleDoc *d = &r->doc;
    put_section(out, "What it finds", d->finds);
    put_section(out, "Why it happens", d->mechanism);
    put_section(out, "Symptom in production", d->symptom);
    put_section(out, "How to fix it", d->fix);
    put_code_section(out, "Wrong", d->wrong);
    put_code_section(out, "Right", d->right);
    put_section(out, "Nearest rule of other tools", d->peer);
    put_section(out, "Notes", d->notes);
    put_section(out, "Measured precision", d->precision);
}
