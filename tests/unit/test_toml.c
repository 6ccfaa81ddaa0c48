/* TOML reader tests.
   `test_toml`              runs the unit checks below (ok / not ok lines).
   `test_toml --json FILE`  prints FILE as toml-test tagged JSON ({"type":..,"value":..} leaves), for the comparison
                            with Python's tomllib in tests/config/toml_oracle.py; a rejected document prints
                            "error: line L, column C: message" on stderr and exits 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/toml.h"
#include "util/buf.h"
#include "util/fileio.h"

/* ---- tagged JSON ---- */

static void json_string(Buf *out, const char *s, size_t len)
{
    buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            buf_putc(out, '\\');
            buf_putc(out, (char)c);
        } else if (c < 0x20) {
            buf_printf(out, "\\u%04x", c);
        } else {
            buf_putc(out, (char)c);
        }
    }
    buf_putc(out, '"');
}

/* Same text as the oracle script writes: floats as "%.17g", date-times with six fraction digits. */
static void json_scalar_text(Buf *text, const TomlValue *v)
{
    const TomlDateTime *dt = &v->as.datetime;
    switch (v->type) {
    case TOML_STRING: buf_add(text, v->as.string.bytes, v->as.string.len); break;
    case TOML_INTEGER: buf_printf(text, "%lld", (long long)v->as.integer); break;
    case TOML_BOOL: buf_puts(text, v->as.boolean ? "true" : "false"); break;
    case TOML_FLOAT:
        if (isnan(v->as.number))
            buf_puts(text, "nan");
        else if (isinf(v->as.number))
            buf_puts(text, v->as.number > 0 ? "inf" : "-inf");
        else
            buf_printf(text, "%.17g", v->as.number);
        break;
    case TOML_DATE_LOCAL: buf_printf(text, "%04d-%02d-%02d", dt->year, dt->month, dt->day); break;
    case TOML_TIME_LOCAL:
        buf_printf(text, "%02d:%02d:%02d.%06d", dt->hour, dt->minute, dt->second, dt->microsecond);
        break;
    case TOML_DATETIME_LOCAL:
    case TOML_DATETIME:
        buf_printf(text, "%04d-%02d-%02dT%02d:%02d:%02d.%06d", dt->year, dt->month, dt->day, dt->hour, dt->minute,
                   dt->second, dt->microsecond);
        if (v->type == TOML_DATETIME) {
            int offset = abs(dt->offset_minutes);
            buf_printf(text, "%c%02d:%02d", dt->offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
        }
        break;
    case TOML_ARRAY:
    case TOML_TABLE: break;
    }
}

static const char *tag_name(TomlType type)
{
    switch (type) {
    case TOML_STRING: return "string";
    case TOML_INTEGER: return "integer";
    case TOML_FLOAT: return "float";
    case TOML_BOOL: return "bool";
    case TOML_DATETIME: return "datetime";
    case TOML_DATETIME_LOCAL: return "datetime-local";
    case TOML_DATE_LOCAL: return "date-local";
    case TOML_TIME_LOCAL: return "time-local";
    default: return "?";
    }
}

static void json_value(Buf *out, const TomlValue *v)
{
    if (v->type == TOML_TABLE) {
        buf_putc(out, '{');
        for (int32_t i = 0; i < v->as.table.count; i++) {
            const TomlEntry *e = &v->as.table.entries[i];
            if (i)
                buf_putc(out, ',');
            json_string(out, e->key, e->key_len);
            buf_putc(out, ':');
            json_value(out, e->value);
        }
        buf_putc(out, '}');
    } else if (v->type == TOML_ARRAY) {
        buf_putc(out, '[');
        for (int32_t i = 0; i < v->as.array.count; i++) {
            if (i)
                buf_putc(out, ',');
            json_value(out, v->as.array.items[i]);
        }
        buf_putc(out, ']');
    } else {
        Buf text;
        buf_init(&text);
        json_scalar_text(&text, v);
        buf_printf(out, "{\"type\":\"%s\",\"value\":", tag_name(v->type));
        json_string(out, text.data ? text.data : "", text.len);
        buf_putc(out, '}');
        buf_free(&text);
    }
}

static int convert_to_json(const char *path)
{
    Buf text, json;
    buf_init(&text);
    buf_init(&json);
    if (fileio_read_path(path, &text, SIZE_MAX) < 0) {
        perror(path);
        buf_free(&text);
        return 2;
    }
    TomlDoc doc;
    TomlError err;
    int rc = toml_parse(&doc, text.data ? text.data : "", text.len, &err);
    if (rc == 0) {
        json_value(&json, doc.root);
        printf("%s\n", buf_cstr(&json));
    } else {
        fprintf(stderr, "error: line %d, column %d: %s\n", err.line, err.column, err.message);
    }
    toml_free(&doc);
    buf_free(&text);
    buf_free(&json);
    return rc == 0 ? 0 : 1;
}

/* ---- unit checks ---- */

typedef struct Tally { int failed; } Tally;

static void check(Tally *t, int cond, const char *name, const char *detail)
{
    printf("%s - toml: %s\n", cond ? "ok" : "not ok", name);
    if (!cond) {
        printf("# %s\n", detail ? detail : "");
        t->failed++;
    }
}

/* Parses `text`; returns 0 ok / -1 error, keeping the error. */
static int parse(const char *text, TomlError *err)
{
    TomlDoc doc;
    int rc = toml_parse(&doc, text, strlen(text), err);
    toml_free(&doc);
    return rc;
}

static void check_rejected_at(Tally *t, const char *name, const char *text, int line, const char *fragment)
{
    TomlError err = {0};
    int rc = parse(text, &err);
    char detail[400];
    snprintf(detail, sizeof detail, "rc=%d line=%d message=%s (want line %d, message containing '%s')", rc, err.line,
             err.message, line, fragment);
    check(t, rc == -1 && err.line == line && strstr(err.message, fragment) != NULL, name, detail);
}

static void check_integers(Tally *t)
{
    /* tomllib keeps arbitrary precision; TOML asks for 64 bits and an error beyond. */
    TomlDoc doc;
    TomlError err;
    const char *text = "max = 9223372036854775807\nmin = -9223372036854775808\nhex = 0x7FFF_FFFF_FFFF_FFFF\n";
    int rc = toml_parse(&doc, text, strlen(text), &err);
    const TomlEntry *max = rc == 0 ? toml_table_find(doc.root, "max") : NULL;
    const TomlEntry *min = rc == 0 ? toml_table_find(doc.root, "min") : NULL;
    const TomlEntry *hex = rc == 0 ? toml_table_find(doc.root, "hex") : NULL;
    check(t,
          max && min && hex && max->value->as.integer == INT64_MAX && min->value->as.integer == INT64_MIN &&
              hex->value->as.integer == INT64_MAX,
          "64-bit integer limits are read exactly", err.message);
    toml_free(&doc);
    check_rejected_at(t, "integer above int64 is an error", "a = 1\nb = 9223372036854775808\n", 2, "64 bits");
    check_rejected_at(t, "integer below int64 is an error", "b = -9223372036854775809\n", 1, "64 bits");
    check_rejected_at(t, "hex integer above int64 is an error", "\n\nb = 0x8000000000000000\n", 3, "64 bits");
}

static void check_lines_and_lookup(Tally *t)
{
    TomlDoc doc;
    TomlError err;
    const char *text = "# comment\n\n[tool.gotcha]\nselect = [\n  \"GT1\",\n]\n\n[tool.other]\nx.y = 1\n";
    int rc = toml_parse(&doc, text, strlen(text), &err);
    const TomlEntry *tool = rc == 0 ? toml_table_find(doc.root, "tool") : NULL;
    const TomlEntry *gotcha = tool ? toml_table_find(tool->value, "gotcha") : NULL;
    const TomlEntry *select = gotcha ? toml_table_find(gotcha->value, "select") : NULL;
    const TomlEntry *other = tool ? toml_table_find(tool->value, "other") : NULL;
    const TomlEntry *x = other ? toml_table_find(other->value, "x") : NULL;
    check(t, gotcha && gotcha->line == 3 && select && select->line == 4 && select->value->type == TOML_ARRAY &&
                 select->value->as.array.count == 1 && select->value->as.array.items[0]->line == 5,
          "entries carry the line of their key", rc ? err.message : "wrong lines");
    check(t, x && x->line == 9 && x->value->type == TOML_TABLE && toml_table_find(x->value, "y"),
          "dotted keys make tables", "x.y missing");
    check(t, toml_table_find(doc.root, "missing") == NULL && toml_table_find(NULL, "tool") == NULL,
          "lookup of a missing key gives NULL", "");
    toml_free(&doc);
}

static void check_embedded_nul(Tally *t)
{
    TomlDoc doc;
    TomlError err;
    const char *text = "\"a\\u0000b\" = \"x\\u0000y\"\n";
    int rc = toml_parse(&doc, text, strlen(text), &err);
    const TomlEntry *e = rc == 0 && doc.root->as.table.count == 1 ? &doc.root->as.table.entries[0] : NULL;
    check(t, e && e->key_len == 3 && memcmp(e->key, "a\0b", 3) == 0 && e->value->as.string.len == 3 &&
                 memcmp(e->value->as.string.bytes, "x\0y", 3) == 0,
          "escaped NUL kept in keys and strings", rc ? err.message : "wrong bytes");
    toml_free(&doc);
}

static void check_errors(Tally *t)
{
    check_rejected_at(t, "duplicate key names the first line", "a = 1\n\n\na = 2\n", 4, "first defined on line 1");
    check_rejected_at(t, "table defined twice names the first line", "[x]\na=1\n[y]\n[x]\n", 4,
                      "already defined on line 1");
    check_rejected_at(t, "unterminated string reports where it opened", "a = 1\nb = \"abc\nc = 2\n", 2,
                      "unterminated string");
    check_rejected_at(t, "unterminated array reports where it opened", "a = [1,\n2\n", 1, "']'");
    check_rejected_at(t, "bad escape", "a = 1\nb = \"\\q\"\n", 2, "'\\q'");
    check_rejected_at(t, "invalid UTF-8", "a = 1\n# \xff\n", 2, "UTF-8");
    check_rejected_at(t, "bad date", "d = 2023-02-29\n", 1, "invalid date");
    check_rejected_at(t, "dotted key into inline table", "a = {b = 1}\na.c = 2\n", 2, "inline");
    TomlError err = {0};
    parse("k = \"\xc3\xa9\xc3\xa9\" x\n", &err);
    char detail[300];
    snprintf(detail, sizeof detail, "column %d: %s", err.column, err.message);
    check(t, err.line == 1 && err.column == 10, "error columns count characters", detail);
}

static void check_deep_nesting(Tally *t)
{
    Buf text;
    buf_init(&text);
    buf_puts(&text, "a = ");
    for (int i = 0; i < 100000; i++)
        buf_putc(&text, '[');
    TomlError err = {0};
    int rc = parse(buf_cstr(&text), &err);
    check(t, rc == -1 && strstr(err.message, "nested"), "deep nesting is refused, not a crash", err.message);
    buf_free(&text);
    Buf ok;
    buf_init(&ok);
    buf_puts(&ok, "a = ");
    for (int i = 0; i < 100; i++)
        buf_putc(&ok, '[');
    for (int i = 0; i < 100; i++)
        buf_putc(&ok, ']');
    check(t, parse(buf_cstr(&ok), &err) == 0, "100 nested arrays are fine", err.message);
    buf_free(&ok);
    Buf dotted;
    buf_init(&dotted);
    buf_puts(&dotted, "x = {");
    for (int i = 0; i < 100000; i++)
        buf_puts(&dotted, "a.");
    buf_puts(&dotted, "b = 1}\n");
    rc = parse(buf_cstr(&dotted), &err);
    check(t, rc == -1 && strstr(err.message, "parts"), "very long dotted keys are refused, not a crash", err.message);
    buf_free(&dotted);
}

/* Tables past a few entries are hash-indexed: every key must still be found, and duplicates still caught. */
static void check_big_tables(Tally *t)
{
    Buf text;
    buf_init(&text);
    for (int i = 0; i < 3000; i++)
        buf_printf(&text, "k%d = %d\n", i, i);
    TomlDoc doc;
    TomlError err = {0};
    int rc = toml_parse(&doc, buf_cstr(&text), text.len, &err);
    int found = 0;
    for (int i = 0; rc == 0 && i < 3000; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        const TomlEntry *e = toml_table_find(doc.root, key);
        found += e && e->value->as.integer == i && e->line == i + 1;
    }
    check(t, rc == 0 && found == 3000 && toml_table_find(doc.root, "k3000") == NULL,
          "3000 keys are all found with their lines", err.message);
    toml_free(&doc);
    buf_puts(&text, "\n[k17]\n");
    rc = parse(buf_cstr(&text), &err);
    check(t, rc == -1 && err.line == 3002 && strstr(err.message, "line 18"), "duplicate found in a big table",
          err.message);
    buf_free(&text);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--json") == 0)
        return convert_to_json(argv[2]);
    Tally t = {0};
    check_integers(&t);
    check_lines_and_lookup(&t);
    check_embedded_nul(&t);
    check_errors(&t);
    check_deep_nesting(&t);
    check_big_tables(&t);
    return t.failed ? 1 : 0;
}
