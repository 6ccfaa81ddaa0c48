/* JSON (RFC 8259): a reader into an arena tree and the writer's building blocks.

   Ours rather than a library: the gotcha binary has no runtime dependency (the wheel is built
   from source, the WebAssembly build has no Debian packages), and the language server
   (src/lsp/) and the reporters (src/cli/report.c) need only this much.

   Reader: json_parse builds the whole tree in the caller's Arena: O(len) time, O(len) memory,
   nesting at most JSON_MAX_DEPTH deep. Strict: the text must be one value (whitespace around it
   allowed), strings must be UTF-8 (escapes \uD800-\uDFFF that do not pair become U+FFFD), no
   trailing commas, no comments, no NaN/Infinity. Lookups (json_get) are linear in the number of
   members: objects of a protocol are small.
   Writer: appends to a Buf; strings are escaped, with bytes that are not UTF-8 written as U+FFFD. */
#ifndef GOTCHA_JSON_H
#define GOTCHA_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/buf.h"

#define JSON_MAX_DEPTH 200   /* deeper nesting is a parse error, not a stack overflow */

typedef enum JsonType {
    JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT
} JsonType;

typedef struct JsonValue JsonValue;

typedef struct JsonMember {
    const char *key;          /* decoded, NUL-terminated */
    size_t key_len;
    JsonValue *value;
} JsonMember;

struct JsonValue {
    JsonType type;
    union {
        struct { double value; const char *text; size_t len; } number;  /* text: as written */
        struct { const char *text; size_t len; } string;   /* decoded, NUL-terminated (may hold NUL) */
        struct { JsonValue **items; int32_t n; } array;
        struct { JsonMember *members; int32_t n; } object;
    } u;
};

/* Parse text[0..len) (no NUL needed). Returns the root, or NULL with a message ("line 3, column
   5: expected ':'") in err. Everything comes from `a`. */
JsonValue *json_parse(const char *text, size_t len, Arena *a, char *err, size_t errlen);

/* ---- reading ---- */
/* The member `key` of an object (the first one of that name), or NULL (not an object, no such
   member). `obj` may be NULL. */
const JsonValue *json_get(const JsonValue *obj, const char *key);
/* The member as a string (NULL when missing or not a string). */
const char *json_get_str(const JsonValue *obj, const char *key);
/* The member as an integer in [min, max] (no fraction): 1 and *out set, else 0. */
int json_get_int(const JsonValue *obj, const char *key, int64_t min, int64_t max, int64_t *out);
/* The member is `true`. */
int json_get_true(const JsonValue *obj, const char *key);
/* A path of object keys ("capabilities", "general", NULL): the value at its end, or NULL. */
const JsonValue *json_path(const JsonValue *v, const char *const *keys);
/* The value is an integer in [min, max]: 1 and *out set, else 0. */
int json_int(const JsonValue *v, int64_t min, int64_t max, int64_t *out);

/* ---- writing ---- */
/* s[0..len) as a JSON string, quoted; bytes that are not UTF-8 become U+FFFD. */
void json_put_strn(Buf *out, const char *s, size_t len);
void json_put_str(Buf *out, const char *s);   /* a NUL-terminated string */
/* A value as compact JSON (numbers as they were written). */
void json_put_value(Buf *out, const JsonValue *v);

#endif
