/* What the files of src/lsp/ share: the server's state, its documents, the message framing and the
   position conversions. Not for other folders (they use lsp.h). */
#ifndef GOTCHA_LSP_INTERNAL_H
#define GOTCHA_LSP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../check/check.h"
#include "../config/config.h"
#include "../config/config_options.h"
#include "../json/json.h"
#include "../project/project.h"
#include "../util/arena.h"
#include "../util/buf.h"

/* Limits. A body over LSP_MAX_BODY gets an error response and its bytes are skipped; bytes
   without a header block end are dropped LSP_MAX_HEADER at a time. */
#define LSP_MAX_BODY ((size_t)512 * 1024 * 1024)
#define LSP_MAX_HEADER ((size_t)64 * 1024)
/* Documents larger than `gotcha check`'s default --max-file-size are kept but not checked. */
#define LSP_MAX_CHECKED ((size_t)10 * 1024 * 1024)
/* A document is checked after at most this many messages even when more keep coming (a client
   that never pauses still gets diagnostics). */
#define LSP_FLUSH_EVERY 256
/* At most this many Python files of a workspace are summarized for the project phase. */
#define LSP_MAX_WORKSPACE_FILES 10000

/* JSON-RPC and LSP error codes. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803,
};

/* ---- input: Content-Length framing (lsp_io.c) ---- */

typedef struct LspInput {
    int fd;                  /* -1: read from mem */
    const char *mem;
    size_t mem_len, mem_pos;
    Buf buf;                 /* bytes read and not consumed yet start at buf.data + pos */
    size_t pos;
    int eof;
} LspInput;

typedef enum LspReadStatus {
    LSP_READ_MESSAGE,        /* body[0..len) is one message */
    LSP_READ_BAD_HEADER,     /* a header block without a usable Content-Length (dropped) */
    LSP_READ_TOO_LARGE,      /* a Content-Length over LSP_MAX_BODY (the body is not read) */
    LSP_READ_SKIPPED,        /* bytes without a header block were dropped */
    LSP_READ_EOF
} LspReadStatus;

void lsp_input_init_fd(LspInput *in, int fd);
void lsp_input_init_mem(LspInput *in, const char *data, size_t len);
void lsp_input_free(LspInput *in);
/* The next message; body points into the input's buffer, valid until the next call. Blocks
   until a whole message is there or the input ends. */
LspReadStatus lsp_read_message(LspInput *in, const char **body, size_t *len);
/* 1 when a message (or part of one) is waiting: the checks can wait for it. Never blocks. */
int lsp_input_pending(LspInput *in);

/* ---- documents (lsp_text.c) ---- */

typedef struct LspDoc {
    char *uri;               /* malloc'ed, as the client sent it */
    char *path;              /* file system path of a file: URI, else NULL; malloc'ed */
    Buf text;                /* the current text (NUL after it) */
    int64_t version;
    uint32_t *lines;         /* byte offset of each line's start (\n, \r\n, \r end a line) */
    int32_t nlines, lines_cap;
    int lines_stale;         /* text changed since `lines` was built */
    int dirty;               /* changed since the last check */
    int settings;            /* index in LspServer.settings, -1 = not resolved yet */
    FileResult result;       /* the last check (what was published) */
    int checked;             /* result holds a check of the current text */
    ModSummary *summary;     /* of the last check, for the other documents' project phase */
    int had_pending;         /* the last check had conditional findings (depends on others) */
    int python;              /* checked: a Python document (others are only kept) */
} LspDoc;

void lsp_doc_free(LspDoc *d);
/* The line table, rebuilt when stale. */
void lsp_doc_lines(LspDoc *d);
/* Replace text[start, end) by rep[0..len) (start <= end <= text length). */
void lsp_doc_replace(LspDoc *d, size_t start, size_t end, const char *rep, size_t len);
/* Byte offset of an LSP position (line, character in UTF-16 units or bytes): past the end of the
   line -> its end, past the last line -> the end of the text, inside a character -> its start. */
size_t lsp_doc_offset(LspDoc *d, int64_t line, int64_t character, int utf8);
/* The LSP position of a byte offset (clamped to the text). */
void lsp_doc_position(LspDoc *d, size_t offset, int64_t *line, int64_t *character, int utf8);
/* Byte offset of a gotcha position (1-based line, 1-based character column), clamped. */
size_t lsp_doc_offset_of_col(LspDoc *d, int32_t line, int32_t col);
/* "file:///a%20b/c.py" -> "/a b/c.py" (malloc'ed), or NULL when not a file: URI. */
char *lsp_uri_to_path(const char *uri);
/* A path as a file: URI (malloc'ed), percent-encoding what must be. */
char *lsp_path_to_uri(const char *path);

/* ---- settings: one per configuration file (lsp_settings.c) ---- */

typedef struct LspSettings {
    char *config_path;       /* the file it came from; NULL = the defaults */
    Config cfg;
    CheckOptions opt;
} LspSettings;

/* ---- the workspace's modules for the project phase (lsp_project.c) ---- */

typedef struct LspWorkFile {
    char *path;              /* absolute */
    ModSummary *summary;     /* NULL: does not parse */
    int64_t mtime_sec, mtime_nsec;
    int64_t size;
} LspWorkFile;

typedef struct LspWorkspace {
    char **roots;            /* folders of the workspace (absolute), malloc'ed */
    int32_t nroots, roots_cap;
    int client_roots;        /* the roots are the client's workspace folders (else packages) */
    LspWorkFile *files;      /* sorted by path */
    int32_t nfiles, files_cap;
    ProjectModule *modules;  /* modules of files (same order), when modules_valid */
    int modules_valid;
    int scanned;             /* files hold the roots' Python files */
} LspWorkspace;

/* ---- the server ---- */

typedef enum LspState { LSP_UNINITIALIZED, LSP_RUNNING, LSP_SHUT_DOWN } LspState;

typedef struct LspServer {
    LspInput in;
    int out_fd;              /* -1: append to out_mem */
    Buf *out_mem;
    int out_broken;          /* a write failed: the client is gone */
    int use_fs;
    LspState state;
    int exited;
    int exit_status;
    int utf8;                /* positionEncoding utf-8 (else utf-16) */
    int watch_dynamic;       /* the client registers file watchers dynamically */
    int related_info;        /* the client shows relatedInformation */
    const char *version;     /* of gotcha, for serverInfo (static) */
    char *rule_url;          /* template of codeDescription.href, "{code}" replaced; malloc'ed */
    LspDoc *docs;
    int32_t ndocs, docs_cap;
    LspSettings *settings;
    int32_t nsettings, settings_cap;
    LspWorkspace work;
    int64_t next_id;         /* of the requests the server sends */
    Arena msg_arena;         /* the JSON tree of the message being handled */
    Arena check_arena;       /* the AST of the document being checked */
    Buf msg;                 /* the message being written */
    Buf scratch;             /* a request's result being built */
    Buf publish;             /* a publishDiagnostics being built */
} LspServer;

/* lsp_server.c: writing messages. `id` is the request's id value (NULL = JSON null). */
void lsp_send(LspServer *s, const char *body, size_t len);
void lsp_send_result(LspServer *s, const JsonValue *id, const char *result, size_t len);
void lsp_send_error(LspServer *s, const JsonValue *id, int code, const char *message);
void lsp_send_notification(LspServer *s, const char *method, const char *params, size_t len);
/* window/logMessage (type 1 error .. 4 log) or window/showMessage when `show`. */
void lsp_log(LspServer *s, int type, int show, const char *message);

/* lsp_docs.c: text synchronization and checking. */
LspDoc *lsp_find_doc(LspServer *s, const char *uri);
void lsp_did_open(LspServer *s, const JsonValue *params);
void lsp_did_change(LspServer *s, const JsonValue *params);
void lsp_did_save(LspServer *s, const JsonValue *params);
void lsp_did_close(LspServer *s, const JsonValue *params);
void lsp_did_change_watched(LspServer *s, const JsonValue *params);
/* Check every dirty document and publish its diagnostics. */
void lsp_flush(LspServer *s);
/* Check the document now when it changed since its last check (before a code action or hover). */
void lsp_ensure_checked(LspServer *s, LspDoc *d);
/* Check `text` as document d's file with its settings (noqa, per-file-ignores, fix safety; no
   project phase): for the fix engine. */
int lsp_check_text(LspServer *s, LspDoc *d, const char *text, size_t len, FileResult *out);

/* lsp_diag.c: diagnostics as JSON. */
void lsp_put_range(Buf *out, LspDoc *d, size_t start, size_t end, int utf8);
/* The byte range of a finding in the document. */
void lsp_diag_span(LspDoc *d, const Diag *g, size_t *start, size_t *end);
void lsp_put_diagnostic(LspServer *s, Buf *out, LspDoc *d, const Diag *g);
void lsp_publish(LspServer *s, LspDoc *d);

/* lsp_actions.c: requests about a document. */
int lsp_code_action(LspServer *s, const JsonValue *params, Buf *result);
int lsp_hover(LspServer *s, const JsonValue *params, Buf *result);

/* lsp_settings.c */
/* The settings index of a document (discovered from its path once, then cached). */
int lsp_settings_of(LspServer *s, LspDoc *d);
/* Forget every setting (a configuration file changed): documents find theirs again. */
void lsp_settings_reset(LspServer *s);
void lsp_settings_free(LspServer *s);
/* pyproject.toml, gotcha.toml, .gotcha.toml: a change reloads the settings. */
int lsp_is_config_name(const char *path);

/* lsp_project.c */
void lsp_work_add_root(LspServer *s, const char *path);
/* Without workspace folders: the top package folder above a document's file is one. */
void lsp_work_add_package_of(LspServer *s, const char *path);
/* A .py or .pyi file name. */
int lsp_path_is_python(const char *path);
/* Decide the conditional findings of a document's check with what the workspace's other files
   (from disk, or the open documents' texts) do; the findings that hold join res. */
void lsp_project_decide(LspServer *s, LspDoc *d, FileResult *res, CheckProject *proj);
/* A Python file of the workspace changed on disk (created, changed or deleted). */
void lsp_work_file_changed(LspServer *s, const char *path);
void lsp_work_free(LspWorkspace *w);

#endif
