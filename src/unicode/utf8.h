/* UTF-8, the encoding of every text gotcha holds: the one set of byte-level helpers (decode, encode,
   validate, count characters). All are static inline: the lexer, the string decoder and the
   reporters call them per character.

   Naming in src/unicode/: `utf8_` names work on the bytes of the encoding (this header);
   `unicode_` names are character properties and tables (unicode.h).

   Costs: every function is O(1) except utf8_count_chars, utf8_skip_chars and utf8_all_ascii,
   which are O(bytes scanned). None allocates. */
#ifndef GOTCHA_UNICODE_UTF8_H
#define GOTCHA_UNICODE_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define UTF8_MAX_LEN 4   /* bytes of the longest sequence (U+10000..U+10FFFF) */

/* 1 for the bytes 0x80..0xBF, which never start a character. */
static inline int utf8_is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Length of the sequence a lead byte starts, for text already known to be well-formed
   (a continuation or invalid byte gives 2..4 here: check first when the text is not known). */
static inline size_t utf8_lead_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

/* Decode the sequence at s, which is well-formed (lone surrogates, which the string decoder writes
   for "\ud800", decode like any other 3-byte sequence). Returns its length (1..4) and sets *cp. */
static inline int utf8_decode(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] < 0xE0) {
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (s[0] < 0xF0) {
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) | ((uint32_t)(s[2] & 0x3F) << 6) |
          (s[3] & 0x3F);
    return 4;
}

/* Decode the sequence at s[0, avail) of text that may hold any bytes: a byte that does not start a
   sequence complete within avail (a continuation byte, 0xF8..0xFF, or a lead cut short by a byte
   that is not a continuation) stands for itself, length 1. Overlong forms and surrogates decode as
   written. Bytes are read in order and never past the first non-continuation byte, so a
   NUL-terminated string may pass UTF8_MAX_LEN as avail. Returns the length (>= 1) and sets *cp. */
static inline int utf8_decode_lenient(const unsigned char *s, size_t avail, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t n = utf8_lead_len(c);
    if (c < 0xC0 || c >= 0xF8) {
        *cp = c;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if (i >= avail || !utf8_is_continuation(s[i])) {
            *cp = c;
            return 1;
        }
    }
    return utf8_decode(s, cp);
}

/* Write cp (at most 0x10FFFF; surrogates allowed, as 3 bytes) to out; returns the length 1..4. */
static inline int utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length (1..4) of the well-formed sequence at s[0, avail) (no overlong form, no surrogate, nothing
   above U+10FFFF), or 0. When it returns 0 and `truncated` is not NULL, *truncated is 1 if the bytes
   present are a valid start cut by the end of the data (CPython's "unexpected end of data"). */
static inline size_t utf8_valid_len(const unsigned char *s, size_t avail, int *truncated)
{
    unsigned char c = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;   /* allowed range of the second byte */
    if (truncated)
        *truncated = 0;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;   /* overlong */
        else if (c == 0xED)
            hi = 0x9F;   /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;   /* overlong */
        else if (c == 0xF4)
            hi = 0x8F;   /* above U+10FFFF */
    } else {
        return 0;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= avail) {
            if (truncated)
                *truncated = 1;
            return 0;
        }
        unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (s[i] < min || s[i] > max)
            return 0;
    }
    return need;
}

/* Number of characters in p[0, n): the bytes that are not continuation bytes. */
static inline size_t utf8_count_chars(const char *p, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += !utf8_is_continuation((unsigned char)p[i]);
    return chars;
}

/* Past the first `nchars` characters of [p, end), or end: never inside a sequence. */
static inline const char *utf8_skip_chars(const char *p, const char *end, size_t nchars)
{
    for (size_t c = 0; p < end && c < nchars; c++) {
        p++;
        while (p < end && utf8_is_continuation((unsigned char)*p))
            p++;
    }
    return p;
}

/* 1 when no byte of p[0, n) is >= 0x80 (then byte columns are character columns); eight bytes at a
   time. */
static inline int utf8_all_ascii(const char *p, size_t n)
{
    uint64_t high = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t word;
        memcpy(&word, p + i, 8);
        high |= word;
    }
    for (; i < n; i++)
        high |= (unsigned char)p[i];
    return (high & 0x8080808080808080ull) == 0;
}

#endif
