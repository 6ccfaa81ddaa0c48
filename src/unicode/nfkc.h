/* Tables of NFKC for identifiers (UAX #15), shared by the generated nfkc_data.c and nfkc.c only; the
   operation itself is unicode_nfkc() in unicode.h. */
#ifndef GOTCHA_UNICODE_NFKC_H
#define GOTCHA_UNICODE_NFKC_H

#include <stdint.h>

/* Generated tables (nfkc_data.c, by tools/gen_nfkc.py), each sorted by code point. */
typedef struct UnicodeNfkcDecomp { uint32_t cp; uint16_t offset; uint8_t len; } UnicodeNfkcDecomp; /* NFKD in the pool */
typedef struct UnicodeNfkcClass { uint32_t cp; uint8_t ccc; } UnicodeNfkcClass;  /* non-zero combining classes */
typedef struct UnicodeNfkcPair { uint32_t first, second, composite; } UnicodeNfkcPair;  /* canonical compositions */
extern const UnicodeNfkcDecomp unicode_nfkc_decomp[];
extern const int unicode_nfkc_decomp_count;
extern const uint32_t unicode_nfkc_decomp_pool[];
extern const UnicodeNfkcClass unicode_nfkc_classes[];
extern const int unicode_nfkc_classes_count;
extern const UnicodeNfkcPair unicode_nfkc_pairs[];
extern const int unicode_nfkc_pairs_count;

#endif
