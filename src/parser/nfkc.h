/* NFKC normalization of identifiers, as CPython applies to every non-ASCII NAME. */
#ifndef GOTCHA_NFKC_H
#define GOTCHA_NFKC_H

#include <stdint.h>

#include "../ast/ast_nodes.h"
#include "../util/arena.h"

typedef struct NfkcEntry { uint32_t cp; uint16_t offset; uint8_t len; } NfkcEntry;
extern const NfkcEntry nfkc_table[];   /* sorted by cp; NFKC(cp) as UTF-8 in nfkc_pool */
extern const int nfkc_table_count;
extern const char nfkc_pool[];

/* `name` (valid UTF-8) in NFKC form: the same Str when nothing changes, else a copy in `a`.
   Characters are mapped one by one; canonical composition across characters (an identifier
   written with separate combining marks) is not performed. */
Str nfkc_identifier(Str name, Arena *a);

#endif
