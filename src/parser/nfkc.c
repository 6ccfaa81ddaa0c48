/* NFKC of identifiers: per-character mapping through the generated table. */
#include "nfkc.h"

#include <string.h>

#include "../lexer/unicode.h"

static const NfkcEntry *nfkc_find(uint32_t cp)
{
    int lo = 0, hi = nfkc_table_count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (nfkc_table[mid].cp == cp)
            return &nfkc_table[mid];
        if (nfkc_table[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

Str nfkc_identifier(Str name, Arena *a)
{
    const unsigned char *s = (const unsigned char *)name.s;
    uint32_t i = 0;
    int changes = 0;
    size_t out_len = 0;
    while (i < name.len) {
        uint32_t cp = s[i];
        int n = 1;
        if (cp >= 0x80)
            n = uni_decode_utf8(s + i, &cp);
        const NfkcEntry *e = cp >= 0x80 ? nfkc_find(cp) : NULL;
        if (e) {
            changes = 1;
            out_len += e->len;
        } else {
            out_len += (size_t)n;
        }
        i += (uint32_t)n;
    }
    if (!changes)
        return name;
    char *buf = arena_alloc(a, out_len + 1);
    size_t at = 0;
    for (i = 0; i < name.len;) {
        uint32_t cp = s[i];
        int n = 1;
        if (cp >= 0x80)
            n = uni_decode_utf8(s + i, &cp);
        const NfkcEntry *e = cp >= 0x80 ? nfkc_find(cp) : NULL;
        if (e) {
            memcpy(buf + at, nfkc_pool + e->offset, e->len);
            at += e->len;
        } else {
            memcpy(buf + at, s + i, (size_t)n);
            at += (size_t)n;
        }
        i += (uint32_t)n;
    }
    return (Str){buf, (uint32_t)at};
}
