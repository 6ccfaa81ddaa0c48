/* Unicode character properties: identifier classes (PEP 3131), printability (str.isprintable(), for
   error messages and repr), character names for "\N{...}" escapes, the single-byte codecs a PEP 263
   coding cookie may name, and NFKC of identifiers. The ground floor of src/: it includes nothing
   above src/util/.

   Naming in src/unicode/: `unicode_` names are character properties and their tables (this header,
   nfkc.h); `utf8_` names work on the bytes of the encoding (utf8.h).

   The tables are GENERATED: unicode_data.c by tools/gen_unicode.py, nfkc_data.c by tools/gen_nfkc.py,
   both from CPython 3.13's unicodedata (`make regen-unicode`, checked by `make check-regen-unicode`).
   Lookups are binary searches over sorted ranges, O(log n); unicode_lookup_name scans the name
   table, O(table size), and is only called for "\N{...}" escapes. */
#ifndef GOTCHA_UNICODE_H
#define GOTCHA_UNICODE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

int unicode_is_xid_start(uint32_t cp);    /* letters and '_' that may start an identifier */
int unicode_is_xid_continue(uint32_t cp);
int unicode_is_printable(uint32_t cp);    /* str.isprintable() of one character (repr() keeps it as is) */

/* Look up a character name or alias as "\N{...}" does (case-insensitive except the computed CJK unified
   ideograph and Hangul syllable names). Returns 1 and sets *cp, or 0. */
int unicode_lookup_name(const char *name, size_t len, uint32_t *cp);

/* Python's codec lookup for a coding cookie: the codec module name ("utf_8", "latin_1", "ascii",
   "cp1252"...) after encodings.normalize_encoding and the alias table; written into `module`. */
void unicode_codec_module(const char *name, char *module, size_t cap);
/* The decoding table (bytes 0x80..0xFF, 0xFFFE = undefined) of a single-byte codec module, or NULL. */
const uint16_t *unicode_charmap(const char *module);

/* NFKC of the identifier s[0, len) (valid UTF-8), as CPython applies to every non-ASCII NAME: returns s
   itself when nothing changes, else a copy in `a`; its length in *out_len. */
const char *unicode_nfkc(const char *s, uint32_t len, Arena *a, uint32_t *out_len);

/* Generated tables (unicode_data.c), for unicode.c. */
typedef struct UnicodeNamedRange { const char *prefix; uint32_t first, last; } UnicodeNamedRange;
typedef struct UnicodeAlias { const char *name; uint32_t cp; } UnicodeAlias;
typedef struct UnicodeCharmap { const char *codec; const uint16_t *high; } UnicodeCharmap; /* bytes 0x80.. */
extern const uint32_t unicode_xid_start[][2], unicode_xid_continue[][2], unicode_printable[][2],
    unicode_cjk_unified[][2];
extern const int unicode_xid_start_count, unicode_xid_continue_count, unicode_printable_count,
    unicode_cjk_unified_count;
extern const UnicodeNamedRange unicode_named_ranges[];
extern const int unicode_named_ranges_count;
extern const char unicode_words[], unicode_names[];
extern const int unicode_word_count;
extern const UnicodeCharmap unicode_charmaps[];
extern const int unicode_charmaps_count;
extern const char *const unicode_codec_aliases[][2];
extern const int unicode_codec_aliases_count;
extern const UnicodeAlias unicode_aliases[];
extern const int unicode_aliases_count;

#endif
