/* Reading LSP messages: a header block ("Content-Length: N\r\n...\r\n\r\n") then N bytes of body.

   Recovery: the header block is searched for its last "Content-Length" (any case), so bytes left
   over by a wrong Content-Length (too short: the rest of a body; garbage between messages) end
   up in front of the next header block and are skipped with it; a block without one is reported
   (LSP_READ_BAD_HEADER) and dropped. A Content-Length that is too long swallows the next
   messages into one body, which then fails to parse: reported, and the stream recovers at the
   next header block. A Content-Length over LSP_MAX_BODY is reported and not waited for: its body
   is skipped like garbage. Bytes that hold no header block are dropped LSP_MAX_HEADER at a time. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../util/xalloc.h"
#include "lsp_internal.h"

#define READ_CHUNK ((size_t)64 * 1024)
#define SHRINK_ABOVE ((size_t)4 * 1024 * 1024)

void lsp_input_init_fd(LspInput *in, int fd)
{
    memset(in, 0, sizeof *in);
    in->fd = fd;
    buf_init(&in->buf);
}

void lsp_input_init_mem(LspInput *in, const char *data, size_t len)
{
    memset(in, 0, sizeof *in);
    in->fd = -1;
    in->mem = data;
    in->mem_len = len;
    buf_init(&in->buf);
}

void lsp_input_free(LspInput *in)
{
    buf_free(&in->buf);
}

/* Move the bytes not consumed yet to the front; give back memory a huge message left behind. */
static void compact(LspInput *in)
{
    if (in->pos == 0)
        return;
    size_t left = in->buf.len - in->pos;
    memmove(in->buf.data, in->buf.data + in->pos, left);
    in->buf.len = left;
    in->pos = 0;
    if (in->buf.cap > SHRINK_ABOVE && left < in->buf.cap / 8) {
        in->buf.cap = left * 2 > READ_CHUNK ? left * 2 : READ_CHUNK;
        in->buf.data = xrealloc(in->buf.data, in->buf.cap);
    }
}

/* Append up to READ_CHUNK bytes (fewer when less is there); sets eof at the end. */
static void read_more(LspInput *in)
{
    if (in->eof)
        return;
    buf_reserve(&in->buf, READ_CHUNK + 1);
    char *dst = in->buf.data + in->buf.len;
    if (in->fd < 0) {
        size_t n = in->mem_len - in->mem_pos;
        if (n > READ_CHUNK)
            n = READ_CHUNK;
        memcpy(dst, in->mem + in->mem_pos, n);
        in->mem_pos += n;
        in->buf.len += n;
        in->eof = n == 0;
        return;
    }
    ssize_t n;
    do
        n = read(in->fd, dst, READ_CHUNK);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        in->eof = 1;
    else
        in->buf.len += (size_t)n;
}

/* Where "\r\n\r\n" starts in p[0..n), or NULL. */
static const char *find_blank_line(const char *p, size_t n)
{
    for (const char *q = p; n >= 4 && q <= p + n - 4; q++) {
        q = memchr(q, '\r', (size_t)(p + n - 3 - q));
        if (!q)
            return NULL;
        if (q[1] == '\n' && q[2] == '\r' && q[3] == '\n')
            return q;
    }
    return NULL;
}

/* The value of the last "Content-Length:" in the block, or -1 (none, malformed, over limit+1). */
static int64_t content_length(const char *p, size_t n)
{
    static const char name[] = "content-length";
    const size_t name_len = sizeof name - 1;
    int64_t found = -1;
    for (size_t i = 0; i + name_len <= n; i++) {
        if (strncasecmp(p + i, name, name_len) != 0)
            continue;
        size_t k = i + name_len;
        while (k < n && p[k] == ' ')
            k++;
        if (k >= n || p[k] != ':')
            continue;
        k++;
        while (k < n && p[k] == ' ')
            k++;
        int64_t v = 0;
        size_t digits = 0;
        for (; k < n && p[k] >= '0' && p[k] <= '9'; k++, digits++)
            if (v <= (int64_t)LSP_MAX_BODY)
                v = v * 10 + (p[k] - '0');
        while (k < n && p[k] == ' ')
            k++;
        found = digits > 0 && (k == n || p[k] == '\r' || p[k] == '\n') ? v : -1;
    }
    return found;
}

/* The header block: its length (up to the blank line) in *hlen, or a status when there is none. */
static int header_block(LspInput *in, size_t *hlen, LspReadStatus *status)
{
    for (;;) {
        size_t avail = in->buf.len - in->pos;
        const char *start = avail ? in->buf.data + in->pos : NULL;   /* data is NULL before a read */
        const char *blank = avail ? find_blank_line(start, avail) : NULL;
        if (blank) {
            *hlen = (size_t)(blank - start);
            return 1;
        }
        if (avail > LSP_MAX_HEADER) {
            in->pos = in->buf.len - 3;   /* keep what may begin a "\r\n\r\n" */
            *status = LSP_READ_SKIPPED;
            return 0;
        }
        if (in->eof) {
            in->pos = in->buf.len;
            *status = LSP_READ_EOF;
            return 0;
        }
        compact(in);
        read_more(in);
    }
}

LspReadStatus lsp_read_message(LspInput *in, const char **body, size_t *len)
{
    compact(in);
    size_t hlen;
    LspReadStatus status;
    if (!header_block(in, &hlen, &status))
        return status;
    int64_t n = content_length(in->buf.data + in->pos, hlen);
    in->pos += hlen + 4;
    if (n < 0)
        return LSP_READ_BAD_HEADER;
    if ((uint64_t)n > LSP_MAX_BODY)
        return LSP_READ_TOO_LARGE;   /* its bytes are skipped as garbage before the next header */
    while (in->buf.len - in->pos < (size_t)n && !in->eof)
        read_more(in);
    if (in->buf.len - in->pos < (size_t)n) {
        in->pos = in->buf.len;   /* cut short by the end of input */
        return LSP_READ_EOF;
    }
    *body = in->buf.data + in->pos;
    *len = (size_t)n;
    in->pos += (size_t)n;
    return LSP_READ_MESSAGE;
}

int lsp_input_pending(LspInput *in)
{
    size_t avail = in->buf.len - in->pos;
    if (avail && find_blank_line(in->buf.data + in->pos, avail))
        return 1;
    if (in->fd < 0)
        return in->mem_pos < in->mem_len;
    if (in->eof)
        return 0;
    struct pollfd p = {.fd = in->fd, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}
