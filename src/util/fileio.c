/* Reading a whole small file into a Buf: see fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

int fileio_read_stream(FILE *f, Buf *out, size_t limit)
{
    char chunk[8192];
    size_t n;
    while (out->len < limit && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(out, chunk, n);
    return ferror(f) ? -1 : 0;
}

int fileio_read_path(const char *path, Buf *out, size_t limit)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    int rc = fileio_read_stream(f, out, limit);
    int saved = errno;
    fclose(f);
    errno = saved;
    return rc;
}

int fileio_read_fd(int fd, size_t size_hint, size_t max_size, char **bytes, size_t *len)
{
    size_t cap = size_hint + 1, used = 0;   /* + 1 for the NUL */
    char *data = xrealloc(NULL, cap);
    int grew_too_large = 0;
    for (;;) {
        if (used == cap - 1) {   /* full: the file may have grown since fstat */
            if (cap > max_size + 1) {
                grew_too_large = 1;
                break;
            }
            cap *= 2;
            data = xrealloc(data, cap);
        }
        ssize_t got = read(fd, data + used, cap - 1 - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int saved = errno;
            free(data);
            errno = saved;
            return -1;
        }
        if (got == 0)
            break;
        used += (size_t)got;
    }
    data[used] = '\0';
    *bytes = data;
    *len = used;
    return grew_too_large;
}
