/* String literal decoding: prefixes, quotes, escapes, newline translation, bytes checks, with the
   messages CPython 3.13 gives (its parser decodes each STRING / FSTRING_MIDDLE token the same way).

   Error positions inside messages follow CPython: for str literals with escapes they count in the
   buffer CPython hands its unicode-escape decoder, where each non-ASCII character was rewritten as a
   10-byte "\UXXXXXXXX" escape and a backslash before one as "\u005c". */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lexer.h"
#include "../unicode/unicode.h"
#include "../unicode/utf8.h"
#include "../util/ascii.h"

typedef struct Decoder {
    const char *p, *end;  /* rest of the body */
    char *out;
    size_t n;             /* bytes written to out */
    bool bytes, raw, fstring;
    size_t tpos;          /* position in CPython's escape-decoder buffer (str) or body offset (bytes) */
    const char *body;
    char msg[200];
} Decoder;

/* A decoder with nothing read yet. Not a memset: msg (most of the struct) is written only with an
   error, and a decoder is set up for every string literal. */
static void decoder_init(Decoder *d)
{
    d->p = d->end = d->body = NULL;
    d->out = NULL;
    d->n = d->tpos = 0;
    d->bytes = d->raw = d->fstring = false;
    d->msg[0] = '\0';
}

/* Append a code point as UTF-8; surrogates (from \ud800 escapes) as 3-byte sequences. */
static void put_code_point(Decoder *d, uint32_t cp)
{
    d->n += (size_t)utf8_encode(cp, d->out + d->n);
}

/* Length of text[p, end) in CPython's escape-decoder buffer (see the file comment). */
static size_t escape_buffer_len(const char *p, const char *end)
{
    size_t n = 0;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\') {
            n++;
            p++;
            if (p >= end || (unsigned char)*p >= 0x80) {
                n += 5;
                continue;
            }
            c = (unsigned char)*p;
        }
        if (c >= 0x80) {
            n += 10;
            p += utf8_lead_len(c);
        } else {
            n++;
            p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
        }
    }
    return n;
}

static int unicode_escape_error(Decoder *d, size_t start, size_t end, const char *reason)
{
    snprintf(d->msg, sizeof d->msg,
             "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s", start, end - 1,
             reason);
    return -1;
}

/* \xXX, \uXXXX, \UXXXXXXXX in a str: `count` hex digits after the escape letter. */
static int hex_escape(Decoder *d, size_t esc_start, int count, const char *what)
{
    uint32_t v = 0;
    for (int i = 0; i < count; i++) {
        int h = d->p < d->end ? ascii_hex_value(*d->p) : -1;
        if (h < 0) {
            size_t end = d->p < d->end ? d->tpos : d->tpos + escape_buffer_len(d->p, d->end);
            return unicode_escape_error(d, esc_start, end, what);
        }
        v = v * 16 + (uint32_t)h;
        d->p++;
        d->tpos++;
    }
    if (v > 0x10FFFF)
        return unicode_escape_error(d, esc_start, d->tpos, "illegal Unicode character");
    put_code_point(d, v);
    return 0;
}

static int named_escape(Decoder *d, size_t esc_start)
{
    const char *malformed = "malformed \\N character escape";
    if (d->p >= d->end || *d->p != '{')
        return unicode_escape_error(d, esc_start, d->tpos, malformed);
    const char *name = d->p + 1;
    const char *close = name;
    while (close < d->end && *close != '}')
        close++;
    if (close >= d->end)
        return unicode_escape_error(d, esc_start, d->tpos + escape_buffer_len(d->p, d->end), malformed);
    size_t name_len = (size_t)(close - name);
    if (name_len == 0)
        return unicode_escape_error(d, esc_start, d->tpos + 1, malformed);
    size_t after = d->tpos + escape_buffer_len(d->p, close + 1);
    uint32_t cp;
    if (!unicode_lookup_name(name, name_len, &cp))
        return unicode_escape_error(d, esc_start, after, "unknown Unicode character name");
    put_code_point(d, cp);
    d->p = close + 1;
    d->tpos = after;
    return 0;
}

/* One backslash escape of a non-raw literal; d->p is at the backslash. */
static int escape(Decoder *d)
{
    size_t esc_start = d->tpos;
    const char *backslash = d->p;
    d->p++;
    d->tpos++;
    if (d->p >= d->end || (!d->bytes && (unsigned char)*d->p >= 0x80)) {
        d->out[d->n++] = '\\';   /* kept: nothing (or a non-ASCII char) to escape */
        d->tpos += 5;
        return 0;
    }
    char e = *d->p++;
    d->tpos++;
    switch (e) {
    case '\r':
        if (d->p < d->end && *d->p == '\n')
            d->p++;
        return 0;
    case '\n': return 0;   /* line continuation */
    case '\\': case '\'': case '"': d->out[d->n++] = e; return 0;
    case 'a': d->out[d->n++] = '\a'; return 0;
    case 'b': d->out[d->n++] = '\b'; return 0;
    case 'f': d->out[d->n++] = '\f'; return 0;
    case 'n': d->out[d->n++] = '\n'; return 0;
    case 'r': d->out[d->n++] = '\r'; return 0;
    case 't': d->out[d->n++] = '\t'; return 0;
    case 'v': d->out[d->n++] = '\v'; return 0;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = (uint32_t)(e - '0');
        for (int i = 0; i < 2 && d->p < d->end && *d->p >= '0' && *d->p <= '7'; i++) {
            v = v * 8 + (uint32_t)(*d->p++ - '0');
            d->tpos++;
        }
        if (d->bytes)
            d->out[d->n++] = (char)(v & 0xFF);   /* values over 0o377 wrap (a warning in CPython) */
        else
            put_code_point(d, v);
        return 0;
    }
    case 'x':
        if (d->bytes) {
            int h1 = d->p < d->end ? ascii_hex_value(d->p[0]) : -1;
            int h2 = d->p + 1 < d->end ? ascii_hex_value(d->p[1]) : -1;
            if (h1 < 0 || h2 < 0) {
                snprintf(d->msg, sizeof d->msg, "(value error) invalid \\x escape at position %zu",
                         (size_t)(backslash - d->body));
                return -1;
            }
            d->out[d->n++] = (char)(h1 * 16 + h2);
            d->p += 2;
            d->tpos += 2;
            return 0;
        }
        return hex_escape(d, esc_start, 2, "truncated \\xXX escape");
    default:
        break;
    }
    if (!d->bytes) {
        if (e == 'u')
            return hex_escape(d, esc_start, 4, "truncated \\uXXXX escape");
        if (e == 'U')
            return hex_escape(d, esc_start, 8, "truncated \\UXXXXXXXX escape");
        if (e == 'N')
            return named_escape(d, esc_start);
    }
    /* Unknown escape: kept as written (CPython only warns). */
    d->out[d->n++] = '\\';
    d->p--;
    d->tpos--;
    return 0;
}

/* Bytes decode_body must look at one by one; the others are copied in runs. */
enum { SPECIAL_BACKSLASH = 1, SPECIAL_CR = 2, SPECIAL_BRACE = 4, SPECIAL_NONASCII = 8 };
static const uint8_t special_byte[256] = {
    ['\\'] = SPECIAL_BACKSLASH, ['\r'] = SPECIAL_CR, ['{'] = SPECIAL_BRACE, ['}'] = SPECIAL_BRACE,
#define NA8 SPECIAL_NONASCII, SPECIAL_NONASCII, SPECIAL_NONASCII, SPECIAL_NONASCII, \
            SPECIAL_NONASCII, SPECIAL_NONASCII, SPECIAL_NONASCII, SPECIAL_NONASCII
#define NA64 NA8, NA8, NA8, NA8, NA8, NA8, NA8, NA8
    [128] = NA64, NA64,
#undef NA64
#undef NA8
};

/* Decode a body into arena memory. Returns 0, or -1 with d->msg set. */
static int decode_body(Decoder *d, Arena *a, Str *out)
{
    size_t len = (size_t)(d->end - d->p);
    d->out = arena_alloc_raw(a, len + 1);   /* every byte up to the NUL is written */
    d->n = 0;
    d->tpos = 0;
    d->body = d->p;
    uint8_t special = SPECIAL_CR | SPECIAL_NONASCII | (d->raw ? 0 : SPECIAL_BACKSLASH) |
                      (d->fstring ? SPECIAL_BRACE : 0);
    while (d->p < d->end) {
        const char *run = d->p;
        while (run < d->end && !(special_byte[(unsigned char)*run] & special))
            run++;
        if (run > d->p) {   /* plain ASCII: copied as is */
            size_t n = (size_t)(run - d->p);
            memcpy(d->out + d->n, d->p, n);
            d->n += n;
            d->tpos += n;
            d->p = run;
            continue;
        }
        unsigned char c = (unsigned char)*d->p;
        if (c == '\\' && !d->raw) {
            if (escape(d) < 0)
                return -1;
            continue;
        }
        if (c == '\r') {   /* universal newlines */
            d->out[d->n++] = '\n';
            d->p += (d->p + 1 < d->end && d->p[1] == '\n') ? 2 : 1;
            d->tpos++;
            continue;
        }
        if (d->fstring && (c == '{' || c == '}') && d->p + 1 < d->end && (unsigned char)d->p[1] == c) {
            d->out[d->n++] = (char)c;
            d->p += 2;
            d->tpos += 2;
            continue;
        }
        if (c >= 0x80) {
            size_t n = utf8_lead_len(c);
            memcpy(d->out + d->n, d->p, n);
            d->n += n;
            d->p += n;
            d->tpos += 10;
            continue;
        }
        d->out[d->n++] = (char)c;
        d->p++;
        d->tpos++;
    }
    d->out[d->n] = '\0';
    out->s = d->out;
    out->len = (uint32_t)d->n;
    return 0;
}

/* UTF-8 check of a str body, positions as CPython reports them: per run of non-ASCII bytes when the
   body goes through the escape decoder, else from the start of the body. */
static int check_utf8(Decoder *d, const char *body, size_t len, bool escapes)
{
    if (!escapes)
        return source_utf8_error(body, len, d->msg, sizeof d->msg) ? -1 : 0;
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)body[i] < 0x80) {
            i++;
            continue;
        }
        size_t run = i;
        while (i < len && (unsigned char)body[i] >= 0x80)
            i++;
        if (source_utf8_error(body + run, i - run, d->msg, sizeof d->msg))
            return -1;
    }
    return 0;
}

static int token_error(const Token *tok, SyntaxErr *err, const char *msg)
{
    err->lineno = tok->lineno;
    err->col_offset = tok->col_offset;
    err->end_lineno = tok->end_lineno;
    err->end_col_offset = tok->end_col_offset;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    return -1;
}

/* 1 if the body d->p..d->end of a str or bytes literal (not an f-string part) is its own value:
   ASCII without a backslash escape or a '\r' (which decode_body would turn into '\n'). */
static bool decodes_to_itself(const Source *s, const Decoder *d)
{
    size_t len = (size_t)(d->end - d->p);
    return s->ascii_only && (d->raw || !memchr(d->p, '\\', len)) && !memchr(d->p, '\r', len);
}

int lex_decode_literal(const Source *s, const Token *tok, Arena *a, ConstValue *out, int *u_prefix,
                       SyntaxErr *err)
{
    const char *text = s->text + tok->start;
    size_t len = tok->end - tok->start;
    Decoder d;
    decoder_init(&d);
    size_t prefix = 0;
    *u_prefix = 0;
    while (prefix < len && text[prefix] != '\'' && text[prefix] != '"') {
        char c = text[prefix++];
        if (c == 'b' || c == 'B')
            d.bytes = true;
        else if (c == 'r' || c == 'R')
            d.raw = true;
        else if (c == 'u' || c == 'U')
            *u_prefix = 1;
    }
    size_t rest = len - prefix;
    char q = text[prefix];
    size_t quote_size = (rest >= 6 && text[prefix + 1] == q && text[prefix + 2] == q) ? 3 : 1;
    const char *body = text + prefix + quote_size;
    size_t body_len = rest - 2 * quote_size;
    if (s->ascii_only) {
        /* nothing to check: every byte of the file is ASCII */
    } else if (d.bytes) {
        for (size_t i = 0; i < body_len; i++)
            if ((unsigned char)body[i] >= 0x80)
                return token_error(tok, err, "bytes can only contain ASCII literal characters");
    } else {
        bool escapes = !d.raw && memchr(body, '\\', body_len) != NULL;
        if (check_utf8(&d, body, body_len, escapes) < 0)
            return token_error(tok, err, d.msg);
    }
    d.p = body;
    d.end = body + body_len;
    out->kind = d.bytes ? CONST_BYTES : CONST_STR;
    out->num = 0;
    if (decodes_to_itself(s, &d)) {   /* most literals: a copy is their value */
        out->text = (Str){ arena_strndup(a, body, body_len), (uint32_t)body_len };
        return 0;
    }
    if (decode_body(&d, a, &out->text) < 0)
        return token_error(tok, err, d.msg);
    return 0;
}

int lex_decode_fstring_middle(const Source *s, const Token *tok, int raw, Arena *a, Str *out, SyntaxErr *err)
{
    const char *body = s->text + tok->start;
    size_t len = tok->end - tok->start;
    Decoder d;
    decoder_init(&d);
    d.raw = raw != 0;
    d.fstring = true;
    bool escapes = !d.raw && memchr(body, '\\', len) != NULL;
    if (check_utf8(&d, body, len, escapes) < 0)
        return token_error(tok, err, d.msg);
    d.p = body;
    d.end = body + len;
    if (decode_body(&d, a, out) < 0)
        return token_error(tok, err, d.msg);
    return 0;
}
