/* TOML 1.0 reader: a hand-written recursive-descent parser over the whole document.
   Acceptance follows the spec as Python's tomllib reads it (the project's oracle), including its table
   redefinition rules: a [header] may define a table once; a table made by dotted keys is closed to headers and to
   dotted keys of later sections; inline tables and array values are closed to everything. */
#include "toml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unicode/utf8.h"
#include "../util/buf.h"
#include "../util/ascii.h"

/* Deeper nesting of arrays / inline tables, and longer dotted keys, are refused rather than risking the C stack
   (freeze() recurses through the tables a dotted key makes). */
#define TOML_MAX_DEPTH 256

typedef struct TomlParser {
    const char *src;      /* document with "\r\n" turned into "\n" */
    size_t len, pos;
    Arena *arena;
    TomlError *err;
    int32_t section;      /* 1 for the root statements, +1 at each header */
    TomlValue *root, *current;
    int depth;
    /* Memo for line_at(): positions are mostly asked in increasing order. */
    size_t memo_pos;
    int32_t memo_line;
} TomlParser;

/* A key as written: its parts, decoded. */
typedef struct KeyPart { const char *bytes; size_t len; int32_t line; } KeyPart;
typedef struct Key { KeyPart *parts; int32_t count, cap; } Key;

/* ---- positions and errors ---- */

static int32_t line_at(TomlParser *p, size_t pos)
{
    if (pos < p->memo_pos) {
        p->memo_pos = 0;
        p->memo_line = 1;
    }
    for (size_t i = p->memo_pos; i < pos && i < p->len; i++)
        if (p->src[i] == '\n')
            p->memo_line++;
    p->memo_pos = pos;
    return p->memo_line;
}

static int32_t column_at(const TomlParser *p, size_t pos)
{
    size_t end = pos < p->len ? pos : p->len, start = end;
    while (start > 0 && p->src[start - 1] != '\n')
        start--;
    return 1 + (int32_t)utf8_count_chars(p->src + start, end - start);   /* characters, not bytes */
}

__attribute__((format(printf, 3, 4)))
static int fail_at(TomlParser *p, size_t pos, const char *fmt, ...)
{
    if (p->err) {
        p->err->line = line_at(p, pos);
        p->err->column = column_at(p, pos);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Key text for messages: bytes that would break the message are shown as '?'. */
static const char *printable_key(const char *bytes, size_t len, char *out, size_t outlen)
{
    size_t n = 0;
    if (outlen < 8) { /* no room worth using */
        if (outlen)
            out[0] = '\0';
        return out;
    }
    for (size_t i = 0; i < len && n + 4 < outlen; i++)
        out[n++] = (unsigned char)bytes[i] < 0x20 || bytes[i] == 0x7F ? '?' : bytes[i];
    if (n < len) { /* cut: mark it */
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
    return out;
}

/* ---- character helpers ---- */

static int peek_at(const TomlParser *p, size_t pos) { return pos < p->len ? (unsigned char)p->src[pos] : -1; }
static int peek(const TomlParser *p) { return peek_at(p, p->pos); }
static int starts_with(const TomlParser *p, const char *s)
{
    size_t n = strlen(s);
    return p->len - p->pos >= n && memcmp(p->src + p->pos, s, n) == 0;
}
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_hex_digit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static int is_bare_key_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '-';
}
/* Control characters other than tab are not allowed in strings or comments (newline only in multiline ones). */
static int is_forbidden_control(int c, int newline_ok)
{
    if (c == '\t' || (newline_ok && c == '\n'))
        return 0;
    return (c >= 0 && c < 0x20) || c == 0x7F;
}

static void skip_ws(TomlParser *p)
{
    while (peek(p) == ' ' || peek(p) == '\t')
        p->pos++;
}

/* A comment runs to the end of the line; the newline itself is left for the caller. */
static int skip_comment(TomlParser *p)
{
    if (peek(p) != '#')
        return 0;
    for (p->pos++; p->pos < p->len && p->src[p->pos] != '\n'; p->pos++)
        if (is_forbidden_control((unsigned char)p->src[p->pos], 0))
            return fail_at(p, p->pos, "control character U+%04X is not allowed in a comment",
                           (unsigned char)p->src[p->pos]);
    return 0;
}

/* Whitespace, newlines and comments, as allowed between array items. */
static int skip_array_space(TomlParser *p)
{
    for (;;) {
        size_t before = p->pos;
        while (peek(p) == ' ' || peek(p) == '\t' || peek(p) == '\n')
            p->pos++;
        if (skip_comment(p) < 0)
            return -1;
        if (p->pos == before)
            return 0;
    }
}

/* ---- values: construction ---- */

static TomlValue *new_value_on_line(TomlParser *p, TomlType type, int32_t line)
{
    TomlValue *v = arena_alloc(p->arena, sizeof *v);
    v->type = type;
    v->line = line;
    return v;
}

/* For a value starting at `pos`, at or after every position asked before (line_at rescans otherwise). */
static TomlValue *new_value(TomlParser *p, TomlType type, size_t pos)
{
    return new_value_on_line(p, type, line_at(p, pos));
}

static void array_push(TomlParser *p, TomlValue *array, TomlValue *item)
{
    array->as.array.items = arena_grow(p->arena, array->as.array.items, &array->as.array.cap,
                                       array->as.array.count + 1, sizeof *array->as.array.items, 4);
    array->as.array.items[array->as.array.count++] = item;
}

/* Small tables are searched linearly; bigger ones get an open-addressing hash index. */
#define TOML_LINEAR_MAX 16

static uint32_t key_hash(const char *key, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    return h;
}

static TomlEntry *table_find_bytes(const TomlValue *table, const char *key, size_t key_len)
{
    if (table->as.table.slot_count == 0) {
        for (int32_t i = 0; i < table->as.table.count; i++) {
            TomlEntry *e = &table->as.table.entries[i];
            if (e->key_len == key_len && memcmp(e->key, key, key_len) == 0)
                return e;
        }
        return NULL;
    }
    uint32_t mask = (uint32_t)table->as.table.slot_count - 1;
    for (uint32_t slot = key_hash(key, key_len) & mask;; slot = (slot + 1) & mask) {
        int32_t number = table->as.table.slots[slot];
        if (number == 0)
            return NULL;
        TomlEntry *e = &table->as.table.entries[number - 1];
        if (e->key_len == key_len && memcmp(e->key, key, key_len) == 0)
            return e;
    }
}

static void index_entry(TomlValue *table, int32_t number)
{
    const TomlEntry *e = &table->as.table.entries[number];
    uint32_t mask = (uint32_t)table->as.table.slot_count - 1;
    uint32_t slot = key_hash(e->key, e->key_len) & mask;
    while (table->as.table.slots[slot] != 0)
        slot = (slot + 1) & mask;
    table->as.table.slots[slot] = number + 1;
}

/* Keeps the index at most half full. */
static void reindex(TomlParser *p, TomlValue *table)
{
    int32_t slot_count = 64;
    while (slot_count < table->as.table.count * 2)
        slot_count *= 2;
    table->as.table.slots = arena_alloc(p->arena, (size_t)slot_count * sizeof *table->as.table.slots);
    table->as.table.slot_count = slot_count;
    for (int32_t i = 0; i < table->as.table.count; i++)
        index_entry(table, i);
}

static void table_insert(TomlParser *p, TomlValue *table, const KeyPart *key, TomlValue *value)
{
    table->as.table.entries = arena_grow(p->arena, table->as.table.entries, &table->as.table.cap,
                                         table->as.table.count + 1, sizeof *table->as.table.entries, 8);
    int32_t number = table->as.table.count++;
    TomlEntry *e = &table->as.table.entries[number];
    e->key = key->bytes;
    e->key_len = key->len;
    e->value = value;
    e->line = key->line;
    if (table->as.table.count * 2 > table->as.table.slot_count &&
        table->as.table.count > TOML_LINEAR_MAX)
        reindex(p, table);
    else if (table->as.table.slot_count)
        index_entry(table, number);
}

/* Inline tables and array values are complete once parsed: nothing may be added to them afterwards. */
static void freeze(TomlValue *v)
{
    if (v->frozen || (v->type != TOML_TABLE && v->type != TOML_ARRAY))
        return;
    v->frozen = 1;
    if (v->type == TOML_TABLE)
        for (int32_t i = 0; i < v->as.table.count; i++)
            freeze(v->as.table.entries[i].value);
    else
        for (int32_t i = 0; i < v->as.array.count; i++)
            freeze(v->as.array.items[i]);
}

/* What a value is, for messages: "an inline table", "an array of tables", "an integer"... */
static const char *value_phrase(const TomlValue *v)
{
    if (v->type == TOML_TABLE && v->frozen)
        return "an inline table";
    if (v->type == TOML_ARRAY && v->array_of_tables)
        return "an array of tables";
    return toml_type_phrase(v->type);
}

/* ---- strings ---- */

static void put_utf8(Buf *b, uint32_t cp)
{
    char out[UTF8_MAX_LEN];
    buf_add(b, out, (size_t)utf8_encode(cp, out));
}

static int parse_unicode_escape(TomlParser *p, int digits, Buf *out)
{
    size_t start = p->pos;
    uint32_t cp = 0;
    for (int i = 0; i < digits; i++) {
        int c = peek(p);
        if (!is_hex_digit(c))
            return fail_at(p, start, "\\%c escape needs %d hex digits", digits == 4 ? 'u' : 'U', digits);
        cp = cp * 16 + (uint32_t)ascii_hex_value(c);
        p->pos++;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return fail_at(p, start, "escape \\%c%.*s is not a Unicode scalar value", digits == 4 ? 'u' : 'U', digits,
                       p->src + start);
    put_utf8(out, cp);
    return 0;
}

/* After a backslash in a multiline basic string: "\" then blanks up to the end of the line joins lines. */
static int is_line_ending_backslash(TomlParser *p)
{
    size_t i = p->pos;
    while (peek_at(p, i) == ' ' || peek_at(p, i) == '\t')
        i++;
    return peek_at(p, i) == '\n' || (i > p->pos && peek_at(p, i) == -1);
}

static int parse_escape(TomlParser *p, int multiline, Buf *out)
{
    size_t at = p->pos;
    p->pos++; /* the backslash */
    int c = peek(p);
    if (multiline && (c == ' ' || c == '\t' || c == '\n')) {
        if (!is_line_ending_backslash(p))
            return fail_at(p, at, "a line-ending backslash must be followed only by blanks on its line");
        while (peek(p) == ' ' || peek(p) == '\t' || peek(p) == '\n')
            p->pos++;
        return 0;
    }
    p->pos++;
    switch (c) {
    case 'b': buf_putc(out, '\b'); return 0;
    case 't': buf_putc(out, '\t'); return 0;
    case 'n': buf_putc(out, '\n'); return 0;
    case 'f': buf_putc(out, '\f'); return 0;
    case 'r': buf_putc(out, '\r'); return 0;
    case '"': buf_putc(out, '"'); return 0;
    case '\\': buf_putc(out, '\\'); return 0;
    case 'u': return parse_unicode_escape(p, 4, out);
    case 'U': return parse_unicode_escape(p, 8, out);
    default:
        if (c < 0x20 || c >= 0x7F)
            return fail_at(p, at, "invalid escape sequence in string");
        return fail_at(p, at, "invalid escape sequence '\\%c' in string", c);
    }
}

/* Closing delimiter of a multiline string: up to two extra quote marks before it belong to the content. */
static void take_closing_quotes(TomlParser *p, char quote, Buf *out)
{
    p->pos += 3;
    for (int extra = 0; extra < 2 && peek(p) == quote; extra++) {
        buf_putc(out, quote);
        p->pos++;
    }
}

/* String content after the opening quote(s), through the closing one(s). Basic strings ("...")
   take backslash escapes; literal strings ('...') take every character as written. */
static int parse_string_body(TomlParser *p, char quote, int multiline, size_t open_pos, Buf *out)
{
    int basic = quote == '"';
    const char *closing = basic ? "\"\"\"" : "'''";
    for (;;) {
        int c = peek(p);
        if (c == -1)
            return fail_at(p, open_pos, "unterminated string");
        if (c == quote) {
            if (!multiline) {
                p->pos++;
                return 0;
            }
            if (starts_with(p, closing)) {
                take_closing_quotes(p, quote, out);
                return 0;
            }
        } else if (c == '\\' && basic) {
            if (parse_escape(p, multiline, out) < 0)
                return -1;
            continue;
        } else if (is_forbidden_control(c, multiline)) {
            if (c == '\n')
                return fail_at(p, open_pos, "unterminated string (newline before the closing quote)");
            if (basic)
                return fail_at(p, p->pos, "control character U+%04X must be escaped in a string", c);
            return fail_at(p, p->pos, "control character U+%04X is not allowed in a literal string", c);
        }
        buf_putc(out, (char)c);
        p->pos++;
    }
}

/* Any string form at p->pos; `allow_multiline` is 0 for keys. The result is copied into the arena. */
static int parse_string(TomlParser *p, int allow_multiline, const char **bytes, size_t *len)
{
    size_t open_pos = p->pos;
    char quote = p->src[p->pos];
    int multiline = allow_multiline && starts_with(p, quote == '"' ? "\"\"\"" : "'''");
    p->pos += multiline ? 3 : 1;
    if (multiline && peek(p) == '\n')
        p->pos++; /* a newline right after the opening quotes is not part of the string */
    Buf out;
    buf_init(&out);
    int rc = parse_string_body(p, quote, multiline, open_pos, &out);
    if (rc == 0) {
        *bytes = arena_strndup(p->arena, out.data ? out.data : "", out.len);
        *len = out.len;
    }
    buf_free(&out);
    return rc;
}

/* ---- keys ---- */

static void key_push(TomlParser *p, Key *key, KeyPart part)
{
    key->parts = arena_grow(p->arena, key->parts, &key->cap, key->count + 1, sizeof *key->parts, 4);
    key->parts[key->count++] = part;
}

static int parse_key_part(TomlParser *p, KeyPart *part)
{
    int c = peek(p);
    part->line = line_at(p, p->pos);
    if (c == '"' || c == '\'')
        return parse_string(p, 0, &part->bytes, &part->len);
    if (!is_bare_key_char(c))
        return fail_at(p, p->pos, "expected a key (a bare key, or a quoted one)");
    size_t start = p->pos;
    while (is_bare_key_char(peek(p)))
        p->pos++;
    part->bytes = arena_strndup(p->arena, p->src + start, p->pos - start);
    part->len = p->pos - start;
    return 0;
}

/* A possibly dotted key; blanks around the dots are allowed. Leaves p->pos after trailing blanks. */
static int parse_key(TomlParser *p, Key *key)
{
    key->parts = NULL;
    key->count = key->cap = 0;
    for (;;) {
        KeyPart part;
        if (key->count == TOML_MAX_DEPTH)
            return fail_at(p, p->pos, "a dotted key of more than %d parts", TOML_MAX_DEPTH);
        if (parse_key_part(p, &part) < 0)
            return -1;
        key_push(p, key, part);
        skip_ws(p);
        if (peek(p) != '.')
            return 0;
        p->pos++;
        skip_ws(p);
    }
}

/* ---- numbers, dates and times ---- */

/* Digits with single underscores between them, as accepted by `digit_ok`. Returns the count of digits. */
static size_t scan_digits(const TomlParser *p, size_t pos, int (*digit_ok)(int), size_t *end)
{
    size_t digits = 0;
    if (!digit_ok(peek_at(p, pos))) {
        *end = pos;
        return 0;
    }
    for (;;) {
        if (digit_ok(peek_at(p, pos))) {
            pos++;
            digits++;
        } else if (peek_at(p, pos) == '_' && digit_ok(peek_at(p, pos + 1))) {
            pos++;
        } else {
            break;
        }
    }
    *end = pos;
    return digits;
}

static int is_bin_digit(int c) { return c == '0' || c == '1'; }
static int is_oct_digit(int c) { return c >= '0' && c <= '7'; }

/* Copies [start, end) without underscores into `out` (NUL-terminated); 0 if it does not fit. */
static int copy_without_underscores(const TomlParser *p, size_t start, size_t end, char *out, size_t outlen)
{
    size_t n = 0;
    for (size_t i = start; i < end; i++) {
        if (p->src[i] == '_')
            continue;
        if (n + 1 >= outlen)
            return 0;
        out[n++] = p->src[i];
    }
    out[n] = '\0';
    return 1;
}

static int parse_radix_integer(TomlParser *p, TomlValue **out)
{
    size_t start = p->pos;
    int kind = p->src[p->pos + 1];
    int base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
    int (*digit_ok)(int) = kind == 'x' ? is_hex_digit : kind == 'o' ? is_oct_digit : is_bin_digit;
    size_t end;
    scan_digits(p, start + 2, digit_ok, &end);
    char digits[80];
    if (!copy_without_underscores(p, start + 2, end, digits, sizeof digits))
        return fail_at(p, start, "integer does not fit in 64 bits");
    errno = 0;
    unsigned long long value = strtoull(digits, NULL, base);
    if (errno == ERANGE || value > (unsigned long long)INT64_MAX)
        return fail_at(p, start, "integer does not fit in 64 bits");
    *out = new_value(p, TOML_INTEGER, start);
    (*out)->as.integer = (int64_t)value;
    p->pos = end;
    return 0;
}

/* Decimal integer or float: [+-]? (0 | [1-9] digits) fraction? exponent?  Anything after it is left for the
   caller to reject. */
static int parse_decimal(TomlParser *p, TomlValue **out)
{
    size_t start = p->pos, pos = p->pos;
    if (peek_at(p, pos) == '+' || peek_at(p, pos) == '-')
        pos++;
    if (peek_at(p, pos) == '0')
        pos++;
    else
        scan_digits(p, pos, is_digit, &pos);
    int is_float = 0;
    size_t end;
    if (peek_at(p, pos) == '.' && scan_digits(p, pos + 1, is_digit, &end)) {
        pos = end;
        is_float = 1;
    }
    if (peek_at(p, pos) == 'e' || peek_at(p, pos) == 'E') {
        size_t exp_digits = pos + 1;
        if (peek_at(p, exp_digits) == '+' || peek_at(p, exp_digits) == '-')
            exp_digits++;
        if (scan_digits(p, exp_digits, is_digit, &end)) {
            pos = end;
            is_float = 1;
        }
    }
    char text[512];
    if (!copy_without_underscores(p, start, pos, text, sizeof text))
        return fail_at(p, start, "number is too long");
    if (is_float) {
        *out = new_value(p, TOML_FLOAT, start);
        (*out)->as.number = strtod(text, NULL); /* overflow gives ±inf, as in Python */
    } else {
        errno = 0;
        long long value = strtoll(text, NULL, 10);
        if (errno == ERANGE)
            return fail_at(p, start, "integer does not fit in 64 bits");
        *out = new_value(p, TOML_INTEGER, start);
        (*out)->as.integer = value;
    }
    p->pos = pos;
    return 0;
}

/* Reads exactly `n` digits at pos as a number; -1 if they are not all digits. */
static int fixed_digits(const TomlParser *p, size_t pos, int n)
{
    int value = 0;
    for (int i = 0; i < n; i++) {
        int c = peek_at(p, pos + (size_t)i);
        if (!is_digit(c))
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

/* HH:MM:SS(.fraction)? at pos. Returns the end position, or 0 if there is no valid time there. */
static size_t scan_time(const TomlParser *p, size_t pos, TomlDateTime *dt)
{
    int hour = fixed_digits(p, pos, 2), minute = fixed_digits(p, pos + 3, 2), second = fixed_digits(p, pos + 6, 2);
    if (hour < 0 || hour > 23 || peek_at(p, pos + 2) != ':' || minute < 0 || minute > 59 ||
        peek_at(p, pos + 5) != ':' || second < 0 || second > 59)
        return 0;
    dt->hour = hour;
    dt->minute = minute;
    dt->second = second;
    dt->microsecond = 0;
    pos += 8;
    if (peek_at(p, pos) == '.' && is_digit(peek_at(p, pos + 1))) {
        int scale = 100000;
        for (pos++; is_digit(peek_at(p, pos)); pos++, scale /= 10)
            dt->microsecond += scale * (p->src[pos] - '0'); /* digits past the sixth add 0 */
    }
    return pos;
}

/* YYYY-MM-DD at pos (ranges checked loosely here, fully by valid_date). Returns end or 0. */
static size_t scan_date(const TomlParser *p, size_t pos, TomlDateTime *dt)
{
    int year = fixed_digits(p, pos, 4), month = fixed_digits(p, pos + 5, 2), day = fixed_digits(p, pos + 8, 2);
    if (year < 0 || peek_at(p, pos + 4) != '-' || month < 1 || month > 12 || peek_at(p, pos + 7) != '-' || day < 1 ||
        day > 31)
        return 0;
    dt->year = year;
    dt->month = month;
    dt->day = day;
    return pos + 10;
}

static int valid_date(const TomlDateTime *dt)
{
    static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (dt->year % 4 == 0 && dt->year % 100 != 0) || dt->year % 400 == 0;
    int days = days_in_month[dt->month - 1] + (dt->month == 2 && leap);
    return dt->year >= 1 && dt->day <= days; /* year 0 does not exist in Python's calendar either */
}

/* Z, or ±HH:MM with HH < 24 and MM < 60. Returns end or 0. */
static size_t scan_offset(const TomlParser *p, size_t pos, TomlDateTime *dt)
{
    int c = peek_at(p, pos);
    if (c == 'Z' || c == 'z') {
        dt->offset_minutes = 0;
        return pos + 1;
    }
    if (c != '+' && c != '-')
        return 0;
    int hours = fixed_digits(p, pos + 1, 2), minutes = fixed_digits(p, pos + 4, 2);
    if (hours < 0 || hours > 23 || peek_at(p, pos + 3) != ':' || minutes < 0 || minutes > 59)
        return 0;
    dt->offset_minutes = (c == '-' ? -1 : 1) * (hours * 60 + minutes);
    return pos + 6;
}

/* A date, date-time or time at p->pos. Returns 1 and sets *out if there is one, 0 if not, -1 on error. */
static int parse_datetime(TomlParser *p, TomlValue **out)
{
    size_t start = p->pos, end;
    TomlDateTime dt = {0};
    TomlType type;
    if ((end = scan_date(p, start, &dt)) != 0) {
        type = TOML_DATE_LOCAL;
        int sep = peek_at(p, end);
        size_t time_end;
        if ((sep == 'T' || sep == 't' || sep == ' ') && (time_end = scan_time(p, end + 1, &dt)) != 0) {
            end = time_end;
            type = TOML_DATETIME_LOCAL;
            size_t offset_end = scan_offset(p, end, &dt);
            if (offset_end) {
                end = offset_end;
                type = TOML_DATETIME;
            }
        }
        if (!valid_date(&dt))
            return fail_at(p, start, "invalid date %04d-%02d-%02d", dt.year, dt.month, dt.day);
    } else if ((end = scan_time(p, start, &dt)) != 0) {
        type = TOML_TIME_LOCAL;
    } else {
        return 0;
    }
    *out = new_value(p, type, start);
    (*out)->as.datetime = dt;
    p->pos = end;
    return 1;
}

static int parse_number(TomlParser *p, TomlValue **out)
{
    static const char *const specials[] = {"inf", "nan", "+inf", "+nan", "-inf", "-nan"};
    for (size_t i = 0; i < sizeof specials / sizeof *specials; i++) {
        if (starts_with(p, specials[i])) {
            *out = new_value(p, TOML_FLOAT, p->pos);
            const char *word = specials[i][0] == '+' ? specials[i] + 1 : specials[i];
            (*out)->as.number = strtod(word, NULL);
            p->pos += strlen(specials[i]);
            return 0;
        }
    }
    int c = peek(p), next = peek_at(p, p->pos + 1);
    if (c == '0' && (next == 'x' || next == 'o' || next == 'b')) {
        int (*digit_ok)(int) = next == 'x' ? is_hex_digit : next == 'o' ? is_oct_digit : is_bin_digit;
        if (digit_ok(peek_at(p, p->pos + 2)))
            return parse_radix_integer(p, out);
    }
    if (is_digit(c) || ((c == '+' || c == '-') && is_digit(next)))
        return parse_decimal(p, out);
    return fail_at(p, p->pos, "expected a value (string, number, boolean, date, array or inline table)");
}

/* ---- composite values ---- */

static int parse_value(TomlParser *p, TomlValue **out);

static int parse_array(TomlParser *p, TomlValue **out)
{
    size_t open_pos = p->pos;
    TomlValue *array = new_value(p, TOML_ARRAY, open_pos);
    p->pos++;
    for (;;) {
        if (skip_array_space(p) < 0)
            return -1;
        if (peek(p) == ']')
            break;
        if (peek(p) == -1)
            return fail_at(p, open_pos, "expected ']' to close the array opened here");
        TomlValue *item;
        if (parse_value(p, &item) < 0)
            return -1;
        array_push(p, array, item);
        if (skip_array_space(p) < 0)
            return -1;
        if (peek(p) == ',') {
            p->pos++;
            continue;
        }
        if (peek(p) == -1)
            return fail_at(p, open_pos, "expected ']' to close the array opened here");
        if (peek(p) != ']')
            return fail_at(p, p->pos, "expected ',' or ']' in the array");
        break;
    }
    p->pos++;
    freeze(array);
    *out = array;
    return 0;
}

/* Walks `key` minus its last part from `table`, creating tables; for dotted keys inside inline tables. */
static int inline_table_assign(TomlParser *p, TomlValue *table, const Key *key, TomlValue *value, size_t key_pos)
{
    char shown[80];
    for (int32_t i = 0; i < key->count - 1; i++) {
        const KeyPart *part = &key->parts[i];
        TomlEntry *e = table_find_bytes(table, part->bytes, part->len);
        if (!e) {
            TomlValue *sub = new_value_on_line(p, TOML_TABLE, part->line);
            table_insert(p, table, part, sub);
            table = sub;
        } else if (e->value->type == TOML_TABLE && !e->value->frozen) {
            table = e->value;
        } else {
            return fail_at(p, key_pos, "key '%s' is already %s and cannot be extended",
                           printable_key(part->bytes, part->len, shown, sizeof shown), value_phrase(e->value));
        }
    }
    const KeyPart *last = &key->parts[key->count - 1];
    if (table_find_bytes(table, last->bytes, last->len))
        return fail_at(p, key_pos, "duplicate key '%s' in inline table",
                       printable_key(last->bytes, last->len, shown, sizeof shown));
    table_insert(p, table, last, value);
    return 0;
}

static int parse_inline_table(TomlParser *p, TomlValue **out)
{
    size_t open_pos = p->pos;
    TomlValue *table = new_value(p, TOML_TABLE, open_pos);
    p->pos++;
    skip_ws(p);
    if (peek(p) == '}') {
        p->pos++;
        table->frozen = 1;
        *out = table;
        return 0;
    }
    for (;;) {
        size_t key_pos = p->pos;
        Key key;
        if (parse_key(p, &key) < 0)
            return -1;
        if (peek(p) != '=')
            return fail_at(p, p->pos, "expected '=' after the key");
        p->pos++;
        skip_ws(p);
        TomlValue *value;
        if (parse_value(p, &value) < 0 || inline_table_assign(p, table, &key, value, key_pos) < 0)
            return -1;
        skip_ws(p);
        if (peek(p) == '}')
            break;
        if (peek(p) != ',')
            return fail_at(p, p->pos, "expected ',' or '}' in the inline table (it must fit on one line)");
        p->pos++;
        skip_ws(p);
    }
    p->pos++;
    freeze(table);
    *out = table;
    return 0;
}

static int parse_value(TomlParser *p, TomlValue **out)
{
    int c = peek(p);
    size_t start = p->pos;
    if (c == '"' || c == '\'') {
        TomlValue *v = new_value(p, TOML_STRING, start);
        if (parse_string(p, 1, &v->as.string.bytes, &v->as.string.len) < 0)
            return -1;
        *out = v;
        return 0;
    }
    if (starts_with(p, "true") || starts_with(p, "false")) {
        *out = new_value(p, TOML_BOOL, start);
        (*out)->as.boolean = c == 't';
        p->pos += c == 't' ? 4 : 5;
        return 0;
    }
    if (c == '[' || c == '{') {
        if (p->depth >= TOML_MAX_DEPTH)
            return fail_at(p, start, "arrays and inline tables nested more than %d deep", TOML_MAX_DEPTH);
        p->depth++;
        int rc = c == '[' ? parse_array(p, out) : parse_inline_table(p, out);
        p->depth--;
        return rc;
    }
    int found = parse_datetime(p, out);
    if (found != 0)
        return found < 0 ? -1 : 0;
    return parse_number(p, out);
}

/* ---- statements ---- */

/* The name of a key for messages: its parts joined by dots. */
static const char *key_text(const Key *key, int32_t count, char *out, size_t outlen)
{
    size_t n = 0;
    out[0] = '\0';
    for (int32_t i = 0; i < count && n + 8 < outlen; i++) {
        if (i > 0)
            out[n++] = '.';
        printable_key(key->parts[i].bytes, key->parts[i].len, out + n, outlen - n);
        n += strlen(out + n);
    }
    return out;
}

static int parse_keyval(TomlParser *p)
{
    size_t key_pos = p->pos;
    Key key;
    char shown[160];
    if (parse_key(p, &key) < 0)
        return -1;
    if (peek(p) != '=')
        return fail_at(p, p->pos, "expected '=' after the key");
    p->pos++;
    skip_ws(p);
    TomlValue *value;
    if (parse_value(p, &value) < 0)
        return -1;
    TomlValue *table = p->current;
    for (int32_t i = 0; i < key.count - 1; i++) {
        const KeyPart *part = &key.parts[i];
        TomlEntry *e = table_find_bytes(table, part->bytes, part->len);
        if (!e) {
            TomlValue *sub = new_value_on_line(p, TOML_TABLE, part->line);
            sub->dotted_section = p->section;
            table_insert(p, table, part, sub);
            table = sub;
            continue;
        }
        TomlValue *sub = e->value;
        if (sub->type != TOML_TABLE || sub->frozen)
            return fail_at(p, key_pos, "key '%s' (line %d) is %s and cannot be extended with dotted keys",
                           key_text(&key, i + 1, shown, sizeof shown), e->line, value_phrase(sub));
        if (sub->defined || (sub->dotted_section && sub->dotted_section != p->section))
            return fail_at(p, key_pos, "table '%s' is defined on line %d and cannot be extended with dotted keys here",
                           key_text(&key, i + 1, shown, sizeof shown), e->line);
        if (!sub->dotted_section)
            sub->dotted_section = p->section;
        table = sub;
    }
    const KeyPart *last = &key.parts[key.count - 1];
    TomlEntry *existing = table_find_bytes(table, last->bytes, last->len);
    if (existing)
        return fail_at(p, key_pos, "duplicate key '%s' (first defined on line %d)",
                       key_text(&key, key.count, shown, sizeof shown), existing->line);
    table_insert(p, table, last, value);
    return 0;
}

/* Follows a header's key up to its last part, creating implicit tables; arrays of tables lead to their last
   element. */
static int header_parent(TomlParser *p, const Key *key, size_t key_pos, TomlValue **parent)
{
    char shown[160];
    TomlValue *table = p->root;
    for (int32_t i = 0; i < key->count - 1; i++) {
        const KeyPart *part = &key->parts[i];
        TomlEntry *e = table_find_bytes(table, part->bytes, part->len);
        if (!e) {
            TomlValue *sub = new_value_on_line(p, TOML_TABLE, part->line);
            table_insert(p, table, part, sub);
            table = sub;
            continue;
        }
        TomlValue *v = e->value;
        if (v->type == TOML_ARRAY && v->array_of_tables)
            v = v->as.array.items[v->as.array.count - 1];
        if (v->type != TOML_TABLE || v->frozen)
            return fail_at(p, key_pos, "key '%s' (line %d) is %s, not a table that a header can extend",
                           key_text(key, i + 1, shown, sizeof shown), e->line, value_phrase(v));
        table = v;
    }
    *parent = table;
    return 0;
}

static int parse_header_key(TomlParser *p, Key *key, int brackets)
{
    p->pos += (size_t)brackets;
    skip_ws(p);
    if (parse_key(p, key) < 0)
        return -1;
    if (brackets == 2 ? !starts_with(p, "]]") : peek(p) != ']')
        return fail_at(p, p->pos, "expected '%s' to close the %s header", brackets == 2 ? "]]" : "]",
                       brackets == 2 ? "array of tables" : "table");
    p->pos += (size_t)brackets;
    return 0;
}

static int parse_table_header(TomlParser *p)
{
    size_t key_pos = p->pos + 1;
    Key key;
    char shown[160];
    TomlValue *parent;
    if (parse_header_key(p, &key, 1) < 0 || header_parent(p, &key, key_pos, &parent) < 0)
        return -1;
    const KeyPart *last = &key.parts[key.count - 1];
    TomlEntry *e = table_find_bytes(parent, last->bytes, last->len);
    if (!e) {
        TomlValue *table = new_value_on_line(p, TOML_TABLE, last->line);
        table->defined = 1;
        table_insert(p, parent, last, table);
        p->current = table;
        return 0;
    }
    TomlValue *v = e->value;
    if (v->type != TOML_TABLE || v->frozen || v->defined || v->dotted_section)
        return fail_at(p, key_pos, "cannot define table [%s]: already defined on line %d%s",
                       key_text(&key, key.count, shown, sizeof shown), e->line,
                       v->type != TOML_TABLE || v->frozen ? " as a value" : "");
    v->defined = 1;
    v->line = last->line;
    e->line = v->line; /* where it is really defined, for later messages */
    p->current = v;
    return 0;
}

static int parse_array_table_header(TomlParser *p)
{
    size_t key_pos = p->pos + 2;
    Key key;
    char shown[160];
    TomlValue *parent;
    if (parse_header_key(p, &key, 2) < 0 || header_parent(p, &key, key_pos, &parent) < 0)
        return -1;
    const KeyPart *last = &key.parts[key.count - 1];
    TomlEntry *e = table_find_bytes(parent, last->bytes, last->len);
    TomlValue *array;
    if (!e) {
        array = new_value_on_line(p, TOML_ARRAY, last->line);
        array->array_of_tables = 1;
        array->defined = 1;
        table_insert(p, parent, last, array);
    } else if (e->value->type == TOML_ARRAY && e->value->array_of_tables) {
        array = e->value;
    } else {
        return fail_at(p, key_pos, "cannot define array of tables [[%s]]: it is already %s (line %d)",
                       key_text(&key, key.count, shown, sizeof shown), value_phrase(e->value), e->line);
    }
    TomlValue *element = new_value_on_line(p, TOML_TABLE, last->line);
    element->defined = 1;
    array_push(p, array, element);
    p->current = element;
    return 0;
}

static int parse_statements(TomlParser *p)
{
    for (;;) {
        skip_ws(p);
        int c = peek(p);
        if (c == -1)
            return 0;
        if (c == '\n') {
            p->pos++;
            continue;
        }
        int rc = 0;
        if (is_bare_key_char(c) || c == '"' || c == '\'') {
            rc = parse_keyval(p);
        } else if (c == '[') {
            p->section++;
            rc = peek_at(p, p->pos + 1) == '[' ? parse_array_table_header(p) : parse_table_header(p);
        } else if (c != '#') {
            rc = fail_at(p, p->pos, "expected a key, a [table] header or a comment");
        }
        if (rc < 0)
            return -1;
        skip_ws(p);
        if (skip_comment(p) < 0)
            return -1;
        c = peek(p);
        if (c == -1)
            return 0;
        if (c != '\n')
            return fail_at(p, p->pos, "expected the end of the line after the statement");
        p->pos++;
    }
}

/* ---- entry points ---- */

/* Offset of the first byte that is not part of well-formed UTF-8, or `len`. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_valid_len(s + i, len - i, NULL);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

int toml_parse(TomlDoc *doc, const char *text, size_t len, TomlError *err)
{
    arena_init(&doc->arena);
    doc->root = NULL;
    TomlParser p = {0};
    p.arena = &doc->arena;
    p.err = err;
    p.memo_line = 1;
    p.section = 1;
    /* "\r\n" reads as "\n" everywhere, even inside strings (the spec allows it; tomllib does the same). */
    char *normalized = arena_alloc(&doc->arena, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
            normalized[n++] = text[i];
    p.src = normalized;
    p.len = n;
    size_t bad = utf8_invalid_at((const unsigned char *)normalized, n);
    if (bad < n)
        return fail_at(&p, bad, "the document is not valid UTF-8");
    p.root = p.current = new_value(&p, TOML_TABLE, 0);
    p.root->defined = 1;
    if (parse_statements(&p) < 0)
        return -1;
    doc->root = p.root;
    return 0;
}

void toml_free(TomlDoc *doc)
{
    arena_free(&doc->arena);
    doc->root = NULL;
}

const TomlEntry *toml_table_find(const TomlValue *table, const char *key)
{
    if (!table || table->type != TOML_TABLE)
        return NULL;
    return table_find_bytes(table, key, strlen(key));
}

const char *toml_type_phrase(TomlType type)
{
    switch (type) {
    case TOML_STRING: return "a string";
    case TOML_INTEGER: return "an integer";
    case TOML_FLOAT: return "a float";
    case TOML_BOOL: return "a boolean";
    case TOML_DATETIME: return "an offset date-time";
    case TOML_DATETIME_LOCAL: return "a local date-time";
    case TOML_DATE_LOCAL: return "a local date";
    case TOML_TIME_LOCAL: return "a local time";
    case TOML_ARRAY: return "an array";
    case TOML_TABLE: return "a table";
    }
    return "a value";
}
