/* Allocation that cannot fail: see xalloc.h. */
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void xalloc_fail(void)
{
    fputs("gotcha: out of memory\n", stderr);
    _Exit(2);   /* not exit(): other threads may be running, and nothing half-written is flushed */
}

void *xmalloc(size_t size)
{
    return xrealloc(NULL, size);
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        xalloc_fail();
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        xalloc_fail();
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *copy = xmalloc(n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    size_t size = n > 0 ? (size_t)n + 1 : 1;
    char *text = xmalloc(size);
    va_start(ap, fmt);
    vsnprintf(text, size, fmt, ap);
    va_end(ap);
    return text;
}

int32_t xgrow_cap(int32_t cap, int32_t need, int32_t initial)
{
    int64_t c = cap > 0 ? cap : initial;
    while (c < need)
        c *= 2;
    if (c > INT32_MAX)
        xalloc_fail();
    return (int32_t)c;
}

void xgrow(void **items, int32_t *cap, int32_t need, size_t elem, int32_t initial)
{
    if (need <= *cap)
        return;
    int32_t c = xgrow_cap(*cap, need, initial);
    *items = xrealloc(*items, (size_t)c * elem);
    *cap = c;
}
