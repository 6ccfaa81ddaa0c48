/* Source layer: BOM, PEP 263 coding cookie, NUL bytes, line table.

   Like CPython's ast.parse on bytes, the whole file is not required to be valid UTF-8: bytes are only
   decoded where a token needs them (identifiers, string literals), so a comment may hold any bytes.
   The lexer and the string decoder call source_utf8_error() on those spans. */
#include "source.h"

#include "../unicode/unicode.h"
#include "../unicode/utf8.h"

#include <stdio.h>
#include <string.h>

static const char utf8_bom[] = "\xEF\xBB\xBF";

/* ---- UTF-8 validation with CPython's decoder messages ---- */

int source_utf8_error(const char *data, size_t len, char *msg, size_t msgcap)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) {   /* ASCII fast path: eight bytes with no high bit set */
            uint64_t word;
            memcpy(&word, s + i, 8);
            if (!(word & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int truncated;
        size_t n = utf8_valid_len(s + i, len - i, &truncated);
        if (n) {
            i += n;
            continue;
        }
        const char *reason = "invalid continuation byte";
        if (truncated)
            reason = "unexpected end of data";
        else if (s[i] < 0xC2 || s[i] > 0xF4)
            reason = "invalid start byte";
        if (truncated && len - i > 1)
            snprintf(msg, msgcap, "(unicode error) 'utf-8' codec can't decode bytes in position %zu-%zu: %s", i,
                     len - 1, reason);
        else
            snprintf(msg, msgcap, "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                     s[i], i, reason);
        return 1;
    }
    return 0;
}

/* ---- PEP 263 coding cookie ---- */

/* CPython's get_normal_name: "utf-8" and "iso-8859-1" families by their canonical names, else as written. */
static const char *normal_encoding_name(const char *name)
{
    char low[13];
    size_t n = 0;
    for (; name[n] && n < 12; n++) {
        char c = name[n];
        low[n] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c == '_' ? '-' : c;
    }
    low[n] = '\0';
    if (strcmp(low, "utf-8") == 0 || strncmp(low, "utf-8-", 6) == 0)
        return "utf-8";
    static const char *const latin1[] = {"latin-1", "iso-8859-1", "iso-latin-1"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(latin1[i]);
        if (strcmp(low, latin1[i]) == 0 || (strncmp(low, latin1[i], k) == 0 && low[k] == '-'))
            return "iso-8859-1";
    }
    return name;
}

/* Find "coding[:=]NAME" in a comment line [line, end); copies NAME into out. Returns 1 if found,
   0 if the line is a comment or blank without a cookie, -1 if it is a line of code (stop looking). */
static int find_cookie(const char *line, const char *end, char *out, size_t outcap)
{
    const char *p = line;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\f'))
        p++;
    if (p == end || *p == '\n' || *p == '\r')
        return 0;
    if (*p != '#')
        return -1;
    for (; p + 6 < end; p++) {
        if (memcmp(p, "coding", 6) != 0 || (p[6] != ':' && p[6] != '='))
            continue;
        const char *q = p + 7;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        size_t n = 0;
        while (q < end && n + 1 < outcap &&
               ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '-' ||
                *q == '_' || *q == '.'))
            out[n++] = *q++;
        out[n] = '\0';
        if (n > 0)
            return 1;
    }
    return 0;
}

/* The cookie of line 1, or of line 2 when line 1 is a comment or blank. Lines end at '\n', '\r\n' or a
   lone '\r': CPython translates newlines before it looks for the cookie. */
int source_coding_cookie(const char *text, size_t len, char *name, size_t cap)
{
    const char *end = text + len;
    const char *line = text;
    name[0] = '\0';
    for (int lineno = 1; lineno <= 2 && line < end; lineno++) {
        const char *eol = line;
        while (eol < end && *eol != '\n' && *eol != '\r')
            eol++;
        int r = find_cookie(line, eol, name, cap);
        if (r != 0) {
            if (r < 0)
                name[0] = '\0';
            return r > 0;
        }
        if (eol == end)
            break;
        line = eol + (eol[0] == '\r' && eol + 1 < end && eol[1] == '\n' ? 2 : 1);
    }
    return 0;
}

static void set_error(SyntaxErr *err, int32_t lineno, const char *msg)
{
    memset(err, 0, sizeof *err);
    err->lineno = lineno;
    err->end_lineno = lineno;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* Single-byte encoding -> UTF-8 in the arena. `high` maps bytes 0x80..0xFF (NULL: Latin-1). Returns NULL
   with msg set for a byte the codec leaves undefined. */
static char *single_byte_to_utf8(const char *bytes, size_t len, const uint16_t *high, Arena *a, size_t *out_len,
                                 char *msg, size_t msgcap)
{
    char *out = arena_alloc_raw(a, 3 * len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)bytes[i];
        uint32_t cp = c < 0x80 || !high ? c : high[c - 0x80];
        if (cp == 0xFFFE) {
            snprintf(msg, msgcap,
                     "'charmap' codec can't decode byte 0x%02x in position %zu: character maps to <undefined>", c, i);
            return NULL;
        }
        n += (size_t)utf8_encode(cp, out + n);   /* cp <= 0xFFFF: at most 3 bytes */
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* ---- line table ---- */

static int is_line_end(const char *t, size_t i, size_t len)
{
    return t[i] == '\n' || (t[i] == '\r' && (i + 1 >= len || t[i + 1] != '\n'));
}

/* The line table of text with no '\r' (most files), in one pass: memchr finds each line end; the
   table grows in the arena from an estimate of 32 bytes a line. */
static void line_table_lf(Source *s, Arena *a)
{
    const char *t = s->text, *end = s->text + s->len;
    int32_t cap = (int32_t)(s->len / 32 + 16), n = 0;
    uint32_t *starts = arena_alloc_raw(a, sizeof *starts * (size_t)cap);
    starts[n++] = 0;
    for (const char *p = t; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
        if (n == cap)
            starts = arena_grow(a, starts, &cap, n + 1, sizeof *starts, cap);
        starts[n++] = (uint32_t)(p - t + 1);
    }
    s->line_starts = starts;
    s->nlines = n;
    s->ascii_only = utf8_all_ascii(t, s->len);
}

/* Offsets where lines start, after "\n", "\r\n" or a lone "\r". */
static void build_line_table(Source *s, Arena *a)
{
    const char *t = s->text;
    size_t len = s->len;
    if (!memchr(t, '\r', len)) {
        line_table_lf(s, a);
        return;
    }
    int32_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += is_line_end(t, i, len);
    uint32_t *starts = arena_alloc_raw(a, sizeof *starts * (size_t)n);
    int32_t k = 0;
    starts[k++] = 0;
    for (size_t i = 0; i < len; i++)
        if (is_line_end(t, i, len))
            starts[k++] = (uint32_t)(i + 1);
    s->line_starts = starts;
    s->nlines = n;
    s->ascii_only = utf8_all_ascii(t, len);
}

int source_init(Source *s, const char *path, const char *bytes, size_t len, Arena *a, SyntaxErr *err)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    if (len >= UINT32_MAX - 16) {
        set_error(err, 0, "source file too large");
        return -1;
    }
    if (memchr(bytes, '\0', len)) {
        set_error(err, 0, "source code string cannot contain null bytes");
        return -1;
    }
    if (len >= 3 && memcmp(bytes, utf8_bom, 3) == 0) {
        s->had_bom = 1;
        bytes += 3;
        len -= 3;
    }
    char name[64], msg[200];
    const char *normal = "utf-8";
    if (source_coding_cookie(bytes, len, name, sizeof name))
        normal = normal_encoding_name(name);
    if (s->had_bom && strcmp(normal, "utf-8") != 0) {
        snprintf(msg, sizeof msg, "encoding problem: %s with BOM", normal);
        set_error(err, 0, msg);
        return -1;
    }
    char module[64] = "utf_8";
    if (strcmp(normal, "utf-8") != 0)
        unicode_codec_module(strcmp(normal, "iso-8859-1") == 0 ? "latin_1" : normal, module, sizeof module);
    int utf8 = strcmp(module, "utf_8") == 0 || strcmp(module, "utf_8_sig") == 0;
    const uint16_t *charmap = utf8 ? NULL : unicode_charmap(module);   /* most files: no search */
    if (utf8) {
        s->text = arena_strndup(a, bytes, len);
        s->len = len;
    } else if (strcmp(module, "latin_1") == 0 || charmap) {
        s->text = single_byte_to_utf8(bytes, len, charmap, a, &s->len, msg, sizeof msg);
        if (!s->text) {
            set_error(err, 0, msg);
            return -1;
        }
    } else if (strcmp(module, "ascii") == 0) {
        for (size_t i = 0; i < len; i++) {
            if ((unsigned char)bytes[i] >= 0x80) {
                snprintf(msg, sizeof msg,
                         "'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in range(128)",
                         (unsigned char)bytes[i], i);
                set_error(err, 0, msg);
                return -1;
            }
        }
        s->text = arena_strndup(a, bytes, len);
        s->len = len;
    } else {
        snprintf(msg, sizeof msg, "unsupported encoding: %s (gotcha reads UTF-8 and single-byte encodings)", name);
        set_error(err, 0, msg);
        return -1;
    }
    build_line_table(s, a);
    return 0;
}

void source_init_text(Source *s, const char *path, const char *text, size_t len, Arena *a)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->text = text;
    s->len = len;
    build_line_table(s, a);
}

int32_t source_line_of(const Source *s, size_t offset)
{
    int32_t lo = 0, hi = s->nlines - 1;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo + 1) / 2;
        if (s->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}

int32_t source_char_col(const Source *s, int32_t lineno, int32_t byte_col)
{
    /* ASCII files (most) skip the scan: many findings on one long line must not cost quadratic time. */
    if (s->ascii_only || lineno < 1 || lineno > s->nlines)
        return byte_col + 1;
    const char *line = s->text + s->line_starts[lineno - 1];
    size_t avail = s->len - s->line_starts[lineno - 1];
    size_t scanned = byte_col < 0 ? 0 : (size_t)byte_col < avail ? (size_t)byte_col : avail;
    return (int32_t)utf8_count_chars(line, scanned) + 1;
}
