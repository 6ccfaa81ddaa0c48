/* `gotcha server`: a language server (LSP 3.17, JSON-RPC 2.0 with Content-Length framing).

   The server reads messages from an input (a file descriptor, or bytes in memory for the fuzz
   target and the unit tests) and writes its messages to an output (a file descriptor, or a Buf).
   One thread: every message is handled in order; the documents that changed are checked when no
   further message is waiting (the debounce: a burst of edits is checked once, after its last
   message, with no timer). See README.md, "Language server", for what it offers. */
#ifndef GOTCHA_LSP_H
#define GOTCHA_LSP_H

#include <stddef.h>

#include "../util/buf.h"

/* `gotcha server [--stdio]`: serve on stdin/stdout until `exit` or the end of stdin. argv holds
   the arguments after "server"; `version` goes into serverInfo. Returns the exit status: 0 after
   shutdown + exit, 1 when the input ended or `exit` came without `shutdown`, 2 on a usage error. */
int lsp_main(int argc, char **argv, const char *version);

/* Serve the messages of data[0..len) (then the end of input), appending every message the
   server writes (headers included) to `out`. `use_fs` 0: nothing is read from the file system
   (no configuration file, no workspace files), as the fuzz target needs. Returns the exit
   status, as lsp_main. */
int lsp_serve_memory(const char *data, size_t len, Buf *out, int use_fs);

#endif
