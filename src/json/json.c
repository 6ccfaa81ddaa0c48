/* JSON reader (recursive descent over RFC 8259's grammar, depth-limited) and writer. */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unicode/utf8.h"
#include "../util/ascii.h"

typedef struct JsonParser {
    const char *start, *p, *end;
    Arena *a;
    int depth;               /* arrays and objects open around p */
    char *err;               /* first error only */
    size_t errlen;
    int failed;
} JsonParser;

static JsonValue *parse_value(JsonParser *jp);

/* Record the error at the current position (line and column, 1-based, in bytes). */
static JsonValue *fail(JsonParser *jp, const char *what)
{
    if (jp->failed)
        return NULL;
    jp->failed = 1;
    int line = 1, col = 1;
    for (const char *q = jp->start; q < jp->p && q < jp->end; q++) {
        if (*q == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    if (jp->err && jp->errlen)
        snprintf(jp->err, jp->errlen, "line %d, column %d: %s", line, col, what);
    return NULL;
}

static void skip_ws(JsonParser *jp)
{
    while (jp->p < jp->end && (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r'))
        jp->p++;
}

static JsonValue *new_value(JsonParser *jp, JsonType type)
{
    JsonValue *v = arena_alloc(jp->a, sizeof *v);
    v->type = type;
    return v;
}

/* literal -> 'true' | 'false' | 'null' */
static JsonValue *parse_literal(JsonParser *jp, const char *word, JsonType type)
{
    size_t n = strlen(word);
    if ((size_t)(jp->end - jp->p) < n || memcmp(jp->p, word, n) != 0)
        return fail(jp, "unexpected character");
    jp->p += n;
    return new_value(jp, type);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Skip one or more digits; 0 when there is none. */
static int skip_digits(JsonParser *jp)
{
    const char *from = jp->p;
    while (jp->p < jp->end && is_digit(*jp->p))
        jp->p++;
    return jp->p > from;
}

/* number -> '-'? ('0' | [1-9][0-9]*) ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? */
static JsonValue *parse_number(JsonParser *jp)
{
    const char *from = jp->p;
    if (jp->p < jp->end && *jp->p == '-')
        jp->p++;
    if (jp->p < jp->end && *jp->p == '0')
        jp->p++;
    else if (!skip_digits(jp))
        return fail(jp, "malformed number");
    if (jp->p < jp->end && *jp->p == '.') {
        jp->p++;
        if (!skip_digits(jp))
            return fail(jp, "malformed number: digits expected after '.'");
    }
    if (jp->p < jp->end && (*jp->p == 'e' || *jp->p == 'E')) {
        jp->p++;
        if (jp->p < jp->end && (*jp->p == '+' || *jp->p == '-'))
            jp->p++;
        if (!skip_digits(jp))
            return fail(jp, "malformed number: digits expected in the exponent");
    }
    JsonValue *v = new_value(jp, JSON_NUMBER);
    size_t len = (size_t)(jp->p - from);
    char *text = arena_strndup(jp->a, from, len);   /* strtod needs the NUL */
    v->u.number.value = strtod(text, NULL);
    v->u.number.text = text;
    v->u.number.len = len;
    return v;
}

/* The 4 hex digits after "\u" (p at the first); -1 when malformed. */
static int32_t read_hex4(JsonParser *jp)
{
    if (jp->end - jp->p < 4)
        return -1;
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = ascii_hex_value(jp->p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    jp->p += 4;
    return v;
}

/* "\uXXXX" (p after the 'u'), with a following low surrogate when XXXX is a high one: the code
   point (U+FFFD for a surrogate that does not pair), or -1 when malformed. */
static int32_t read_unicode_escape(JsonParser *jp)
{
    int32_t cp = read_hex4(jp);
    if (cp < 0xD800 || cp > 0xDFFF)
        return cp;
    if (cp >= 0xDC00)
        return 0xFFFD;
    if (jp->end - jp->p >= 6 && jp->p[0] == '\\' && jp->p[1] == 'u') {
        const char *save = jp->p;
        jp->p += 2;
        int32_t lo = read_hex4(jp);
        if (lo >= 0xDC00 && lo <= 0xDFFF)
            return 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        jp->p = save;   /* not a low surrogate: decoded on its own */
    }
    return 0xFFFD;
}

/* One escape (p after the backslash) appended to out; 0 when malformed. */
static int decode_escape(JsonParser *jp, char *out, size_t *n)
{
    static const char simple_from[] = "\"\\/bfnrt", simple_to[] = "\"\\/\b\f\n\r\t";
    char c = *jp->p++;
    const char *k = memchr(simple_from, c, sizeof simple_from - 1);
    if (k) {
        out[(*n)++] = simple_to[k - simple_from];
        return 1;
    }
    if (c != 'u')
        return 0;
    int32_t cp = read_unicode_escape(jp);
    if (cp < 0)
        return 0;
    *n += (size_t)utf8_encode((uint32_t)cp, out + *n);
    return 1;
}

/* string -> quote char* quote  (p at the opening quote); the decoded text goes to text, len. */
static int parse_string_text(JsonParser *jp, const char **text, size_t *len)
{
    jp->p++;
    const char *from = jp->p;
    /* decoded text is never longer than the source: an escape of 6-12 bytes encodes 1-4 */
    const char *close = from;
    while (close < jp->end && *close != '"')
        close += *close == '\\' && close + 1 < jp->end ? 2 : 1;
    char *out = arena_alloc_raw(jp->a, (size_t)(close - from) + 1);
    size_t n = 0;
    while (jp->p < jp->end && *jp->p != '"') {
        unsigned char c = (unsigned char)*jp->p;
        if (c < 0x20)
            return fail(jp, "control character in a string") != NULL;
        if (c == '\\') {
            jp->p++;
            if (jp->p >= jp->end || !decode_escape(jp, out, &n))
                return fail(jp, "malformed escape in a string") != NULL;
            continue;
        }
        size_t k = utf8_valid_len((const unsigned char *)jp->p, (size_t)(jp->end - jp->p), NULL);
        if (k == 0)
            return fail(jp, "a string that is not UTF-8") != NULL;
        memcpy(out + n, jp->p, k);
        n += k;
        jp->p += k;
    }
    if (jp->p >= jp->end)
        return fail(jp, "unterminated string") != NULL;
    jp->p++;
    out[n] = 0;
    *text = out;
    *len = n;
    return 1;
}

static JsonValue *parse_string(JsonParser *jp)
{
    JsonValue *v = new_value(jp, JSON_STRING);
    if (!parse_string_text(jp, &v->u.string.text, &v->u.string.len))
        return NULL;
    return v;
}

/* Consume `c` after whitespace; 0 when it is not there. */
static int accept(JsonParser *jp, char c)
{
    skip_ws(jp);
    if (jp->p < jp->end && *jp->p == c) {
        jp->p++;
        return 1;
    }
    return 0;
}

/* array -> '[' (value (',' value)*)? ']'  (p at '[') */
static JsonValue *parse_array(JsonParser *jp)
{
    jp->p++;
    JsonValue *v = new_value(jp, JSON_ARRAY);
    int32_t cap = 0;
    if (accept(jp, ']'))
        return v;
    do {
        JsonValue *item = parse_value(jp);
        if (!item)
            return NULL;
        v->u.array.items = arena_grow(jp->a, v->u.array.items, &cap, v->u.array.n + 1,
                                      sizeof *v->u.array.items, 4);
        v->u.array.items[v->u.array.n++] = item;
    } while (accept(jp, ','));
    if (!accept(jp, ']'))
        return fail(jp, "expected ',' or ']'");
    return v;
}

/* member -> string ':' value */
static int parse_member(JsonParser *jp, JsonMember *m)
{
    skip_ws(jp);
    if (jp->p >= jp->end || *jp->p != '"')
        return fail(jp, "expected a string key") != NULL;
    if (!parse_string_text(jp, &m->key, &m->key_len))
        return 0;
    if (!accept(jp, ':'))
        return fail(jp, "expected ':'") != NULL;
    m->value = parse_value(jp);
    return m->value != NULL;
}

/* object -> '{' (member (',' member)*)? '}'  (p at '{') */
static JsonValue *parse_object(JsonParser *jp)
{
    jp->p++;
    JsonValue *v = new_value(jp, JSON_OBJECT);
    int32_t cap = 0;
    if (accept(jp, '}'))
        return v;
    do {
        JsonMember m;
        if (!parse_member(jp, &m))
            return NULL;
        v->u.object.members = arena_grow(jp->a, v->u.object.members, &cap, v->u.object.n + 1,
                                         sizeof *v->u.object.members, 4);
        v->u.object.members[v->u.object.n++] = m;
    } while (accept(jp, ','));
    if (!accept(jp, '}'))
        return fail(jp, "expected ',' or '}'");
    return v;
}

/* value -> object | array | string | number | 'true' | 'false' | 'null' */
static JsonValue *parse_value(JsonParser *jp)
{
    skip_ws(jp);
    if (jp->p >= jp->end)
        return fail(jp, "unexpected end of input");
    switch (*jp->p) {
    case '{':
    case '[': {
        if (jp->depth >= JSON_MAX_DEPTH)
            return fail(jp, "nested too deeply");
        jp->depth++;
        JsonValue *v = *jp->p == '{' ? parse_object(jp) : parse_array(jp);
        jp->depth--;
        return v;
    }
    case '"':
        return parse_string(jp);
    case 't':
        return parse_literal(jp, "true", JSON_TRUE);
    case 'f':
        return parse_literal(jp, "false", JSON_FALSE);
    case 'n':
        return parse_literal(jp, "null", JSON_NULL);
    default:
        if (*jp->p == '-' || is_digit(*jp->p))
            return parse_number(jp);
        return fail(jp, "unexpected character");
    }
}

JsonValue *json_parse(const char *text, size_t len, Arena *a, char *err, size_t errlen)
{
    JsonParser jp = {.start = text, .p = text, .end = text + len, .a = a, .err = err, .errlen = errlen};
    if (err && errlen)
        err[0] = 0;
    JsonValue *v = parse_value(&jp);
    if (!v)
        return NULL;
    skip_ws(&jp);
    if (jp.p != jp.end)
        return fail(&jp, "text after the value");
    return v;
}

/* ---- reading ---- */

const JsonValue *json_get(const JsonValue *obj, const char *key)
{
    if (!obj || obj->type != JSON_OBJECT)
        return NULL;
    size_t len = strlen(key);
    for (int32_t i = 0; i < obj->u.object.n; i++) {
        const JsonMember *m = &obj->u.object.members[i];
        if (m->key_len == len && memcmp(m->key, key, len) == 0)
            return m->value;
    }
    return NULL;
}

const char *json_get_str(const JsonValue *obj, const char *key)
{
    const JsonValue *v = json_get(obj, key);
    return v && v->type == JSON_STRING ? v->u.string.text : NULL;
}

int json_int(const JsonValue *v, int64_t min, int64_t max, int64_t *out)
{
    if (!v || v->type != JSON_NUMBER)
        return 0;
    double d = v->u.number.value;
    if (!(d >= (double)min && d <= (double)max) || d != (double)(int64_t)d)
        return 0;
    *out = (int64_t)d;
    return 1;
}

int json_get_int(const JsonValue *obj, const char *key, int64_t min, int64_t max, int64_t *out)
{
    return json_int(json_get(obj, key), min, max, out);
}

int json_get_true(const JsonValue *obj, const char *key)
{
    const JsonValue *v = json_get(obj, key);
    return v && v->type == JSON_TRUE;
}

const JsonValue *json_path(const JsonValue *v, const char *const *keys)
{
    for (; v && *keys; keys++)
        v = json_get(v, *keys);
    return v;
}

/* ---- writing ---- */

/* U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR: line breaks to older JavaScript. */
static int is_js_line_break(const unsigned char *p, size_t n)
{
    return n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9);
}

/* `in_script`: also escape what could end or confuse an HTML <script> element holding the text
   (`<`, `>`, `&`, U+2028, U+2029). */
static void put_strn(Buf *out, const char *s, size_t len, int in_script)
{
    buf_reserve(out, len + 2);
    buf_putc(out, '"');
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        const unsigned char *run = p;   /* bytes copied as they are */
        while (p < end && *p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\'
               && !(in_script && (*p == '<' || *p == '>' || *p == '&')))
            p++;
        if (p > run)
            buf_add(out, (const char *)run, (size_t)(p - run));
        if (p >= end)
            break;
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            buf_putc(out, '\\');
            buf_putc(out, (char)c);
        } else if (c == '\n') {
            buf_puts(out, "\\n");
        } else if (c == '\t') {
            buf_puts(out, "\\t");
        } else if (c == '\r') {
            buf_puts(out, "\\r");
        } else if (c < 0x20 || c == 0x7F || (in_script && (c == '<' || c == '>' || c == '&'))) {
            buf_printf(out, "\\u%04x", c);
        } else {
            size_t n = utf8_valid_len(p, (size_t)(end - p), NULL);
            if (n == 0) {
                buf_puts(out, "\\ufffd");
                n = 1;
            } else if (in_script && is_js_line_break(p, n)) {
                buf_printf(out, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
            } else {
                buf_add(out, (const char *)p, n);
            }
            p += n;
            continue;
        }
        p++;
    }
    buf_putc(out, '"');
}

void json_put_strn(Buf *out, const char *s, size_t len)
{
    put_strn(out, s, len, 0);
}

void json_put_str(Buf *out, const char *s)
{
    put_strn(out, s, strlen(s), 0);
}

void json_put_str_script(Buf *out, const char *s)
{
    put_strn(out, s, strlen(s), 1);
}

void json_put_value(Buf *out, const JsonValue *v)
{
    switch (v->type) {
    case JSON_NULL:
        buf_puts(out, "null");
        break;
    case JSON_FALSE:
        buf_puts(out, "false");
        break;
    case JSON_TRUE:
        buf_puts(out, "true");
        break;
    case JSON_NUMBER:
        buf_add(out, v->u.number.text, v->u.number.len);
        break;
    case JSON_STRING:
        json_put_strn(out, v->u.string.text, v->u.string.len);
        break;
    case JSON_ARRAY:
        buf_putc(out, '[');
        for (int32_t i = 0; i < v->u.array.n; i++) {
            if (i)
                buf_putc(out, ',');
            json_put_value(out, v->u.array.items[i]);
        }
        buf_putc(out, ']');
        break;
    case JSON_OBJECT:
        buf_putc(out, '{');
        for (int32_t i = 0; i < v->u.object.n; i++) {
            const JsonMember *m = &v->u.object.members[i];
            if (i)
                buf_putc(out, ',');
            json_put_strn(out, m->key, m->key_len);
            buf_putc(out, ':');
            json_put_value(out, m->value);
        }
        buf_putc(out, '}');
        break;
    }
}
