/* libFuzzer target: the language server's message loop (src/lsp/) on an in-memory stream, with
   no file system access (lsp_serve_memory with use_fs 0).
   The first byte chooses the framing:
     - even: the input after it is split at each 0x01 byte into message bodies, each framed with
       its right Content-Length, after an `initialize` request and an `initialized` notification
       (so the mutations reach the documents, code actions and hover);
     - odd: the rest is the raw stream, headers included (the framing and its recovery).
   Crashes, sanitizer reports, leaks and hangs (libFuzzer's -timeout) are the findings; the
   server's exit status must be 0 or 1. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lsp/lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void add_message(Buf *in, const char *body, size_t len)
{
    buf_printf(in, "Content-Length: %zu\r\n\r\n", len);
    buf_add(in, body, len);
}

static void frame_messages(const char *p, size_t n, Buf *in)
{
    static const char init[] = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                               "{\"capabilities\":{\"general\":{\"positionEncodings\":[\"utf-16\"]}}}}";
    static const char inited[] = "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}";
    add_message(in, init, sizeof init - 1);
    add_message(in, inited, sizeof inited - 1);
    const char *end = p + n;
    while (p <= end) {
        const char *cut = memchr(p, 1, (size_t)(end - p));
        size_t len = cut ? (size_t)(cut - p) : (size_t)(end - p);
        add_message(in, p, len);
        p += len + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    Buf in, out;
    buf_init(&in);
    buf_init(&out);
    const char *rest = (const char *)data + 1;
    if (data[0] & 1)
        buf_add(&in, rest, size - 1);
    else
        frame_messages(rest, size - 1, &in);
    int status = lsp_serve_memory(in.data ? in.data : "", in.len, &out, 0);
    if (status != 0 && status != 1)
        abort();
    buf_free(&in);
    buf_free(&out);
    return 0;
}
