/* NFKC normalization of identifiers, as CPython applies to every non-ASCII NAME. */
#ifndef GOTCHA_NFKC_H
#define GOTCHA_NFKC_H

#include <stdint.h>

#include "../ast/ast_nodes.h"
#include "../util/arena.h"

/* Generated tables (nfkc_data.c), each sorted by code point. */
typedef struct NfkcDecomp { uint32_t cp; uint16_t offset; uint8_t len; } NfkcDecomp; /* NFKD in the pool */
typedef struct NfkcClass { uint32_t cp; uint8_t ccc; } NfkcClass;  /* non-zero combining classes */
typedef struct NfkcPair { uint32_t first, second, composite; } NfkcPair;  /* canonical compositions */
extern const NfkcDecomp nfkc_decomp[];
extern const int nfkc_decomp_count;
extern const uint32_t nfkc_decomp_pool[];
extern const NfkcClass nfkc_classes[];
extern const int nfkc_classes_count;
extern const NfkcPair nfkc_pairs[];
extern const int nfkc_pairs_count;

/* `name` (valid UTF-8) in NFKC form: the same Str when nothing changes, else a copy in `a`. */
Str nfkc_identifier(Str name, Arena *a);

#endif
