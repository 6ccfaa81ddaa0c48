/* libFuzzer target: the JSON reader and writer (src/json/json.c).
   Each input is parsed; what parses is written back, and the written text must parse again and
   write back to the same bytes (the writer and the reader agree); every string of the tree is
   also written with json_put_strn and read back to the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A string written and read back gives its bytes (it is UTF-8: the reader checked it). */
static void string_roundtrip(const char *s, size_t len)
{
    Arena a;
    arena_init(&a);
    Buf b;
    buf_init(&b);
    json_put_strn(&b, s, len);
    JsonValue *v = json_parse(b.data, b.len, &a, NULL, 0);
    if (!v || v->type != JSON_STRING || v->u.string.len != len || memcmp(v->u.string.text, s, len) != 0)
        abort();
    buf_free(&b);
    arena_free(&a);
}

static void strings_of(const JsonValue *v)
{
    switch (v->type) {
    case JSON_STRING:
        string_roundtrip(v->u.string.text, v->u.string.len);
        break;
    case JSON_ARRAY:
        for (int32_t i = 0; i < v->u.array.n; i++)
            strings_of(v->u.array.items[i]);
        break;
    case JSON_OBJECT:
        for (int32_t i = 0; i < v->u.object.n; i++) {
            string_roundtrip(v->u.object.members[i].key, v->u.object.members[i].key_len);
            strings_of(v->u.object.members[i].value);
        }
        break;
    default:
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a;
    arena_init(&a);
    char err[128];
    JsonValue *v = json_parse((const char *)data, size, &a, err, sizeof err);
    if (v) {
        Buf first, second;
        buf_init(&first);
        buf_init(&second);
        json_put_value(&first, v);
        JsonValue *again = json_parse(first.data, first.len, &a, NULL, 0);
        if (!again)
            abort();   /* what the writer wrote, the reader reads */
        json_put_value(&second, again);
        if (first.len != second.len || memcmp(first.data, second.data, first.len) != 0)
            abort();
        strings_of(v);
        buf_free(&first);
        buf_free(&second);
    }
    arena_free(&a);
    return 0;
}
