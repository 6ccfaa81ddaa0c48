/* TOML 1.0 reader. A document parses into a tree of TomlValue owned by the TomlDoc's arena; errors carry the
   1-based line and column where the reader stopped. */
#ifndef GOTCHA_TOML_H
#define GOTCHA_TOML_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

typedef enum TomlType {
    TOML_STRING,
    TOML_INTEGER,
    TOML_FLOAT,
    TOML_BOOL,
    TOML_DATETIME,        /* offset date-time: date, time and UTC offset */
    TOML_DATETIME_LOCAL,  /* date and time, no offset */
    TOML_DATE_LOCAL,
    TOML_TIME_LOCAL,
    TOML_ARRAY,
    TOML_TABLE,
} TomlType;

/* Date/time fields; which ones mean something depends on the value's type. Fractions of a second are kept to
   the microsecond (further digits are dropped, as Python's tomllib does). */
typedef struct TomlDateTime {
    int year, month, day;
    int hour, minute, second, microsecond;
    int offset_minutes;   /* east of UTC; TOML_DATETIME only ("Z" = 0) */
} TomlDateTime;

typedef struct TomlValue TomlValue;
typedef struct TomlEntry {
    const char *key;      /* NUL-terminated; key_len excludes the NUL (a key may hold "\u0000") */
    size_t key_len;
    TomlValue *value;
    int32_t line;         /* line of the key that defined the entry */
} TomlEntry;

struct TomlValue {
    TomlType type;
    int32_t line;         /* line where the value (or the table's header) starts */
    union {
        struct { const char *bytes; size_t len; } string;   /* UTF-8, NUL-terminated */
        int64_t integer;
        double number;
        int boolean;
        TomlDateTime datetime;
        struct { TomlValue **items; int32_t count, cap; } array;
        struct {
            TomlEntry *entries;
            int32_t count, cap;
            int32_t *slots;       /* hash index of entries (entry number + 1; 0 = free) once the table grows */
            int32_t slot_count;   /* a power of two, or 0 while lookups are linear */
        } table;
    } as;
    /* Parser bookkeeping for the spec's redefinition rules. */
    uint8_t defined;         /* a table opened by [header] / [[header]], or an array made by [[header]] */
    uint8_t frozen;          /* inside an inline table or an array value: closed to any addition */
    uint8_t array_of_tables; /* an array made by [[header]]: headers may append to it */
    int32_t dotted_section;  /* >0: made or extended by dotted keys in that section; closed to later ones */
};

typedef struct TomlDoc {
    Arena arena;
    TomlValue *root;      /* a TOML_TABLE; NULL after a failed parse */
} TomlDoc;

typedef struct TomlError {
    int32_t line, column; /* 1-based; column counts characters */
    char message[200];
} TomlError;

/* Parses `len` bytes of `text` (invalid UTF-8 is an error). 0 on success; -1 with `err` filled. Free with
   toml_free either way. */
int toml_parse(TomlDoc *doc, const char *text, size_t len, TomlError *err);
void toml_free(TomlDoc *doc);

/* Entry of `table` named `key` (NUL-terminated), or NULL. */
const TomlEntry *toml_table_find(const TomlValue *table, const char *key);
/* The type for messages, with its article: "a string", "an integer", "an offset date-time"... */
const char *toml_type_phrase(TomlType type);

#endif
