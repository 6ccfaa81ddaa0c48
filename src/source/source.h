/* Source layer: raw bytes -> checked UTF-8 text + line table (the one line table of the program).
   Includes only src/util/ and src/unicode/. */
#ifndef GOTCHA_SOURCE_H
#define GOTCHA_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/syntax_err.h"

typedef struct Source {
    const char *path;           /* as given, for messages */
    const char *text;           /* UTF-8, NUL-terminated, BOM removed, other encodings (PEP 263 cookie) converted */
    size_t len;
    const uint32_t *line_starts; /* byte offset in text where line i+1 starts; nlines entries */
    int32_t nlines;
    int had_bom;
    int ascii_only;             /* no byte >= 0x80: byte columns are character columns */
} Source;

/* Validate and (if a coding cookie asks) transcode `bytes`. All memory comes from `a`.
   Returns 0, or -1 with `err` set (invalid UTF-8 with its line, NUL byte, unknown encoding...). */
int source_init(Source *s, const char *path, const char *bytes, size_t len, Arena *a, SyntaxErr *err);

/* A Source over `text` taken as it is (no BOM, cookie or UTF-8 check; no NUL needed at its end; not
   copied, so it must outlive s): the line table and ascii_only, for code that maps offsets in text it
   does not parse to lines and columns (the reporters). The table comes from `a`. */
void source_init_text(Source *s, const char *path, const char *text, size_t len, Arena *a);

/* The encoding a PEP 263 cookie in the first two lines of raw `bytes` names, copied to `name`.
   Returns 1 when there is one, else 0 with name = "". */
int source_coding_cookie(const char *bytes, size_t len, char *name, size_t cap);

/* Line (1-based) of a byte offset in text. */
int32_t source_line_of(const Source *s, size_t offset);

/* Map a 0-based UTF-8 byte column in line `lineno` to a 1-based character column (user-facing). */
int32_t source_char_col(const Source *s, int32_t lineno, int32_t byte_col);

/* Check that data[0..len) is valid UTF-8. Returns 0, or 1 with CPython's decoder message in msg
   ("(unicode error) 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"), positions
   relative to data. Used on identifiers and string bodies: comments may hold any bytes, as in CPython. */
int source_utf8_error(const char *data, size_t len, char *msg, size_t msgcap);

#endif
