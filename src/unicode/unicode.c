/* Unicode lookups over the generated tables in unicode_data.c (see unicode.h). */
#include "unicode.h"

#include <stdio.h>
#include <string.h>

static int in_ranges(const uint32_t (*ranges)[2], int count, uint32_t cp)
{
    int lo = 0, hi = count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (cp < ranges[mid][0])
            hi = mid - 1;
        else if (cp > ranges[mid][1])
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

int unicode_is_xid_start(uint32_t cp) { return in_ranges(unicode_xid_start, unicode_xid_start_count, cp); }
int unicode_is_xid_continue(uint32_t cp) { return in_ranges(unicode_xid_continue, unicode_xid_continue_count, cp); }
int unicode_is_printable(uint32_t cp)
{
    if (cp < 0x7F)   /* fast path: ASCII letters, digits, punctuation, space */
        return cp >= 0x20;
    return in_ranges(unicode_printable, unicode_printable_count, cp);
}

static char upper_ascii(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; }

static int equal_ignoring_case(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (upper_ascii(a[i]) != upper_ascii(b[i]))
            return 0;
    return 1;
}

/* ---- Hangul syllables: "HANGUL SYLLABLE " + leading, vowel and trailing jamo short names. ---- */

static const char *const jamo_lead[] = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S",
                                        "SS", "", "J", "JJ", "C", "K", "T", "P", "H"};
static const char *const jamo_vowel[] = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE",
                                         "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
static const char *const jamo_tail[] = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG",
                                        "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S",
                                        "SS", "NG", "J", "C", "K", "T", "P", "H"};

/* Index of the longest jamo name that starts `s`, advancing *pos past it; -1 if none. */
static int longest_jamo(const char *s, size_t len, size_t *pos, const char *const *table, int count)
{
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < count; i++) {
        size_t n = strlen(table[i]);
        if (*pos + n <= len && memcmp(s + *pos, table[i], n) == 0 && (best < 0 || n > best_len)) {
            best = i;
            best_len = n;
        }
    }
    *pos += best_len;
    return best;
}

static int lookup_hangul(const char *name, size_t len, uint32_t *cp)
{
    static const char prefix[] = "HANGUL SYLLABLE ";
    size_t pos = sizeof prefix - 1;
    if (len < pos || memcmp(name, prefix, pos) != 0)
        return 0;
    int lead = longest_jamo(name, len, &pos, jamo_lead, 19);
    int vowel = longest_jamo(name, len, &pos, jamo_vowel, 21);
    int tail = longest_jamo(name, len, &pos, jamo_tail, 28);
    if (lead < 0 || vowel < 0 || tail < 0 || pos != len)
        return 0;
    *cp = 0xAC00u + (uint32_t)((lead * 21 + vowel) * 28 + tail);
    return 1;
}

/* Parse exactly `len` hex digits (uppercase only unless `any_case`). */
static int parse_hex(const char *s, size_t len, int any_case, uint32_t *out)
{
    uint32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        char c = any_case ? upper_ascii(s[i]) : s[i];
        if (c >= '0' && c <= '9')
            v = v * 16 + (uint32_t)(c - '0');
        else if (c >= 'A' && c <= 'F')
            v = v * 16 + (uint32_t)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

static int lookup_cjk_unified(const char *name, size_t len, uint32_t *cp)
{
    static const char prefix[] = "CJK UNIFIED IDEOGRAPH-";
    size_t plen = sizeof prefix - 1;
    if (len < plen || memcmp(name, prefix, plen) != 0 || (len - plen != 4 && len - plen != 5))
        return 0;
    uint32_t v;
    if (!parse_hex(name + plen, len - plen, 0, &v) || !in_ranges(unicode_cjk_unified, unicode_cjk_unified_count, v))
        return 0;
    *cp = v;
    return 1;
}

/* Other "PREFIX-HEX" names, stored as ranges: the hex part is written as "%04X" of the code point. */
static int lookup_named_range(const char *name, size_t len, uint32_t *cp)
{
    for (int i = 0; i < unicode_named_ranges_count; i++) {
        const UnicodeNamedRange *r = &unicode_named_ranges[i];
        size_t plen = strlen(r->prefix);
        size_t ndigits = len - plen;
        uint32_t v;
        if (len <= plen || !equal_ignoring_case(name, r->prefix, plen) || ndigits < 4 || ndigits > 6 ||
            !parse_hex(name + plen, ndigits, 1, &v) || v < r->first || v > r->last)
            continue;
        size_t natural = v > 0xFFFFF ? 6 : v > 0xFFFF ? 5 : 4;
        if (ndigits == natural) {
            *cp = v;
            return 1;
        }
    }
    return 0;
}

/* ---- Word-coded names. The blob alphabet is printable ASCII without '"', '?' and '\\'. ---- */

enum { NAME_BASE = 92, SYM_GAP = 90, SYM_END = 91, ONE_SYM_WORDS = 40, TWO_SYM_LEADS = 40 };

static int sym_index(char c) { return c - 0x20 - (c > '"') - (c > '?') - (c > '\\'); }

static char sym_char(int index)
{
    int c = index + 0x20;
    if (c >= '"')
        c++;
    if (c >= '?')
        c++;
    if (c >= '\\')
        c++;
    return (char)c;
}

/* Index of an (uppercase) word in the word table, or -1. */
static int find_word(const char *w, size_t len)
{
    const char *p = unicode_words;
    for (int i = 0; i < unicode_word_count; i++) {
        const char *end = strchr(p, ' ');
        if ((size_t)(end - p) == len && memcmp(p, w, len) == 0)
            return i;
        p = end + 1;
    }
    return -1;
}

/* Append the symbols of word code `w` to `out`; returns the new length. */
static size_t put_word_code(char *out, size_t n, int w)
{
    if (w < ONE_SYM_WORDS) {
        out[n++] = sym_char(w);
        return n;
    }
    w -= ONE_SYM_WORDS;
    if (w < TWO_SYM_LEADS * NAME_BASE) {
        out[n++] = sym_char(ONE_SYM_WORDS + w / NAME_BASE);
        out[n++] = sym_char(w % NAME_BASE);
        return n;
    }
    w -= TWO_SYM_LEADS * NAME_BASE;
    out[n++] = sym_char(ONE_SYM_WORDS + TWO_SYM_LEADS + w / (NAME_BASE * NAME_BASE));
    out[n++] = sym_char((w / NAME_BASE) % NAME_BASE);
    out[n++] = sym_char(w % NAME_BASE);
    return n;
}

/* End of the record starting at p (its end symbol). Later symbols of a word code can take any value,
   so the record is walked code by code. */
static const char *skip_record(const char *p)
{
    for (;;) {
        int lead = sym_index(*p);
        if (lead == SYM_END)
            return p;
        p += lead < ONE_SYM_WORDS ? 1 : lead < ONE_SYM_WORDS + TWO_SYM_LEADS ? 2 : 3;
    }
}

static int lookup_coded(const char *name, size_t len, uint32_t *cp)
{
    char upper[128], code[3 * 64];
    size_t ncode = 0;
    if (len == 0 || len >= sizeof upper)
        return 0;
    for (size_t i = 0; i < len; i++)
        upper[i] = upper_ascii(name[i]);
    for (size_t start = 0; start <= len;) {
        size_t end = start;
        while (end < len && upper[end] != ' ')
            end++;
        int w = end > start ? find_word(upper + start, end - start) : -1;
        if (w < 0 || ncode + 3 > sizeof code)
            return 0;
        ncode = put_word_code(code, ncode, w);
        start = end + 1;
    }
    const char *p = unicode_names;
    int64_t current = -1;
    while (*p) {
        if (sym_index(*p) == SYM_GAP) {
            int64_t gap = 0;
            for (int i = 1; i <= 4; i++)
                gap = gap * NAME_BASE + sym_index(p[i]);
            current += gap;
            p += 5;
        }
        current++;
        const char *record_end = skip_record(p);
        if ((size_t)(record_end - p) == ncode && memcmp(p, code, ncode) == 0) {
            *cp = (uint32_t)current;
            return 1;
        }
        p = record_end + 1;
    }
    return 0;
}

int unicode_lookup_name(const char *name, size_t len, uint32_t *cp)
{
    if (lookup_hangul(name, len, cp) || lookup_cjk_unified(name, len, cp) || lookup_named_range(name, len, cp))
        return 1;
    for (int i = 0; i < unicode_aliases_count; i++) {
        if (strlen(unicode_aliases[i].name) == len && equal_ignoring_case(name, unicode_aliases[i].name, len)) {
            *cp = unicode_aliases[i].cp;
            return 1;
        }
    }
    return lookup_coded(name, len, cp);
}

/* ---- codecs named by coding cookies ---- */

void unicode_codec_module(const char *name, char *module, size_t cap)
{
    /* encodings.normalize_encoding: runs of other chars become one '_', ends trimmed, lowercase. */
    char norm[64];
    size_t n = 0;
    int punct = 0;
    for (const char *p = name; *p && n + 2 < sizeof norm; p++) {
        char c = *p;
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
        if (!alnum) {
            punct = 1;
            continue;
        }
        if (punct && n)
            norm[n++] = '_';
        norm[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        punct = 0;
    }
    norm[n] = '\0';
    char dotless[64];
    memcpy(dotless, norm, n + 1);
    for (size_t i = 0; i < n; i++)
        if (dotless[i] == '.')
            dotless[i] = '_';
    const char *found = norm;
    for (int i = 0; i < unicode_codec_aliases_count; i++) {
        if (strcmp(unicode_codec_aliases[i][0], norm) == 0 || strcmp(unicode_codec_aliases[i][0], dotless) == 0) {
            found = unicode_codec_aliases[i][1];
            break;
        }
    }
    snprintf(module, cap, "%s", found);
}

const uint16_t *unicode_charmap(const char *module)
{
    for (int i = 0; i < unicode_charmaps_count; i++)
        if (strcmp(unicode_charmaps[i].codec, module) == 0)
            return unicode_charmaps[i].high;
    return NULL;
}
