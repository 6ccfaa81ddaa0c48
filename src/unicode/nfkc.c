/* NFKC of identifiers (Unicode UAX #15): compatibility decomposition, canonical ordering of
   combining marks, canonical composition; Hangul syllables algorithmically. */
#include "nfkc.h"

#include <string.h>

#include "unicode.h"
#include "utf8.h"

enum { HANGUL_S = 0xAC00, HANGUL_L = 0x1100, HANGUL_V = 0x1161, HANGUL_T = 0x11A7,
       HANGUL_LCOUNT = 19, HANGUL_VCOUNT = 21, HANGUL_TCOUNT = 28, HANGUL_NCOUNT = 21 * 28,
       HANGUL_SCOUNT = 19 * 21 * 28 };

static const UnicodeNfkcDecomp *find_decomp(uint32_t cp)
{
    int lo = 0, hi = unicode_nfkc_decomp_count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (unicode_nfkc_decomp[mid].cp == cp)
            return &unicode_nfkc_decomp[mid];
        if (unicode_nfkc_decomp[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

static int combining_class(uint32_t cp)
{
    if (cp < 0x300)
        return 0;
    int lo = 0, hi = unicode_nfkc_classes_count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (unicode_nfkc_classes[mid].cp == cp)
            return unicode_nfkc_classes[mid].ccc;
        if (unicode_nfkc_classes[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

/* The canonical composite of first+second, or 0. */
static uint32_t compose_pair(uint32_t first, uint32_t second)
{
    if (first >= HANGUL_L && first < HANGUL_L + HANGUL_LCOUNT && second >= HANGUL_V &&
        second < HANGUL_V + HANGUL_VCOUNT)
        return HANGUL_S + ((first - HANGUL_L) * HANGUL_VCOUNT + (second - HANGUL_V)) * HANGUL_TCOUNT;
    if (first >= HANGUL_S && first < HANGUL_S + HANGUL_SCOUNT && (first - HANGUL_S) % HANGUL_TCOUNT == 0 &&
        second > HANGUL_T && second < HANGUL_T + HANGUL_TCOUNT)
        return first + (second - HANGUL_T);
    int lo = 0, hi = unicode_nfkc_pairs_count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const UnicodeNfkcPair *pair = &unicode_nfkc_pairs[mid];
        if (pair->first == first && pair->second == second)
            return pair->composite;
        if (pair->first < first || (pair->first == first && pair->second < second))
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

/* Appends the full compatibility decomposition of cp to out (NULL: only count). */
static size_t decompose(uint32_t cp, uint32_t *out)
{
    if (cp >= HANGUL_S && cp < HANGUL_S + HANGUL_SCOUNT) {
        uint32_t index = cp - HANGUL_S, t = index % HANGUL_TCOUNT;
        if (out) {
            out[0] = HANGUL_L + index / HANGUL_NCOUNT;
            out[1] = HANGUL_V + (index % HANGUL_NCOUNT) / HANGUL_TCOUNT;
            if (t)
                out[2] = HANGUL_T + t;
        }
        return t ? 3 : 2;
    }
    const UnicodeNfkcDecomp *d = cp >= 0x80 ? find_decomp(cp) : NULL;
    if (!d) {
        if (out)
            out[0] = cp;
        return 1;
    }
    if (out)
        memcpy(out, unicode_nfkc_decomp_pool + d->offset, d->len * sizeof *out);
    return d->len;
}

static uint32_t next_cp(const unsigned char *s, uint32_t *i)
{
    uint32_t cp;
    *i += (uint32_t)utf8_decode(s + *i, &cp);
    return cp;
}

/* Stable insertion sort of each run of combining marks by combining class. */
static void canonical_order(uint32_t *cps, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int c = combining_class(cps[i]);
        if (c == 0)
            continue;
        uint32_t cp = cps[i];
        size_t j = i;
        while (j > 0 && combining_class(cps[j - 1]) > c) {
            cps[j] = cps[j - 1];
            j--;
        }
        cps[j] = cp;
    }
}

/* Canonical composition in place; returns the new length. */
static size_t compose(uint32_t *cps, size_t n)
{
    if (n == 0)
        return 0;
    size_t starter = 0, out = 1;
    int last_class = combining_class(cps[0]) ? 256 : 0;  /* a leading mark blocks everything */
    for (size_t i = 1; i < n; i++) {
        uint32_t cp = cps[i];
        int c = combining_class(cp);
        uint32_t composite = (last_class < c || (last_class == 0 && out == starter + 1))
                                 ? compose_pair(cps[starter], cp) : 0;
        if (composite) {
            cps[starter] = composite;
            continue;
        }
        if (c == 0)
            starter = out;
        last_class = c;
        cps[out++] = cp;
    }
    return out;
}

const char *unicode_nfkc(const char *name, uint32_t name_len, Arena *a, uint32_t *out_len)
{
    const unsigned char *s = (const unsigned char *)name;
    size_t n = 0;
    for (uint32_t i = 0; i < name_len;)
        n += decompose(next_cp(s, &i), NULL);
    uint32_t *cps = arena_alloc(a, n * sizeof *cps);
    size_t at = 0;
    for (uint32_t i = 0; i < name_len;)
        at += decompose(next_cp(s, &i), cps + at);
    canonical_order(cps, n);
    n = compose(cps, n);
    char *buf = arena_alloc(a, n * 4 + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)utf8_encode(cps[i], buf + len);
    if (len == name_len && memcmp(buf, name, len) == 0) {
        *out_len = name_len;
        return name;
    }
    *out_len = (uint32_t)len;
    return buf;
}
