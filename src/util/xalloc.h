/* Allocation that cannot fail: out of memory prints one line and aborts, since no caller could
   recover a meaningful state (a half-read config, a lost finding). For memory that outlives a
   file's Arena. */
#ifndef GOTCHA_XALLOC_H
#define GOTCHA_XALLOC_H

#include <stddef.h>

void *xrealloc(void *p, size_t size);                /* size 0 still returns a block */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);             /* copies n bytes and adds a NUL */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
