/* Growable byte buffer for building output. */
#ifndef GOTCHA_BUF_H
#define GOTCHA_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
    char *data;   /* always NUL-terminated when len > 0 or after buf_cstr */
    size_t len, cap;
} Buf;

void buf_init(Buf *b);
void buf_free(Buf *b);
void buf_reserve(Buf *b, size_t extra);
void buf_add(Buf *b, const char *s, size_t len);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(Buf *b);

#endif
