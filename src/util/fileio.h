/* Reading whole files: small ones (config, .gitignore, dump-ast's input) through stdio into a
   Buf; checked sources from an open descriptor with a size limit (the caller opens and fstat's it,
   to reject FIFOs and oversize files with its own messages). */
#ifndef GOTCHA_FILEIO_H
#define GOTCHA_FILEIO_H

#include <stddef.h>
#include <stdint.h>   /* SIZE_MAX, the "no limit" of the readers */
#include <stdio.h>

#include "buf.h"

/* Append what `f` holds to `out`, stopping at its end or once `out` holds at least `limit` bytes
   (SIZE_MAX: no limit). 0, or -1 on a read error (what was read stays in `out`, errno set). */
int fileio_read_stream(FILE *f, Buf *out, size_t limit);

/* The same for the file at `path`; -1 also when it cannot be opened (errno set). */
int fileio_read_path(const char *path, Buf *out, size_t limit);

/* Read all of `fd` into a malloc'ed, NUL-terminated block (*bytes, *len). `size_hint` (the fstat
   size) sizes the first allocation; the file may have changed since. 0 when the end was reached;
   1 when the file grew past `max_size` (reading stopped: *bytes holds what was read, more than
   max_size bytes); -1 on a read error (errno set, nothing allocated). */
int fileio_read_fd(int fd, size_t size_hint, size_t max_size, char **bytes, size_t *len);

#endif
