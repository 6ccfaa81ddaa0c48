/* The server's message loop: framing errors, JSON-RPC dispatch, the lifecycle (initialize,
   shutdown, exit) and the capabilities it announces.

   Lifecycle (LSP 3.17): before `initialize`, a request gets ServerNotInitialized and a
   notification is dropped (`exit` excepted); after `shutdown`, a request gets InvalidRequest;
   `exit` ends the loop with status 0 after `shutdown`, 1 without; the end of the input ends it
   like an `exit`. An unknown request gets MethodNotFound, an unknown notification is dropped.
   Debounce: after each message, when no further message is waiting, the documents that changed
   are checked and their diagnostics published: a burst of edits costs one check (and a stream
   that never pauses is checked every LSP_FLUSH_EVERY messages). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/xalloc.h"
#include "lsp.h"
#include "lsp_internal.h"

#define DEFAULT_RULE_URL "https://gotcha.invalid/rules/{code}"

/* ---- writing ---- */

static void write_all(LspServer *s, const char *p, size_t n)
{
    while (n > 0 && !s->out_broken) {
        ssize_t k = write(s->out_fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            s->out_broken = 1;   /* the client is gone: the loop ends */
            return;
        }
        p += k;
        n -= (size_t)k;
    }
}

void lsp_send(LspServer *s, const char *body, size_t len)
{
    char header[64];
    int h = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", len);
    if (s->out_fd < 0) {
        buf_add(s->out_mem, header, (size_t)h);
        buf_add(s->out_mem, body, len);
        return;
    }
    write_all(s, header, (size_t)h);
    write_all(s, body, len);
}

static void put_id(Buf *b, const JsonValue *id)
{
    if (id)
        json_put_value(b, id);
    else
        buf_puts(b, "null");
}

void lsp_send_result(LspServer *s, const JsonValue *id, const char *result, size_t len)
{
    s->msg.len = 0;
    buf_puts(&s->msg, "{\"jsonrpc\":\"2.0\",\"id\":");
    put_id(&s->msg, id);
    buf_puts(&s->msg, ",\"result\":");
    buf_add(&s->msg, result, len);
    buf_putc(&s->msg, '}');
    lsp_send(s, s->msg.data, s->msg.len);
}

void lsp_send_error(LspServer *s, const JsonValue *id, int code, const char *message)
{
    s->msg.len = 0;
    buf_puts(&s->msg, "{\"jsonrpc\":\"2.0\",\"id\":");
    put_id(&s->msg, id);
    buf_printf(&s->msg, ",\"error\":{\"code\":%d,\"message\":", code);
    json_put_str(&s->msg, message);
    buf_puts(&s->msg, "}}");
    lsp_send(s, s->msg.data, s->msg.len);
}

void lsp_send_notification(LspServer *s, const char *method, const char *params, size_t len)
{
    s->msg.len = 0;
    buf_puts(&s->msg, "{\"jsonrpc\":\"2.0\",\"method\":");
    json_put_str(&s->msg, method);
    buf_puts(&s->msg, ",\"params\":");
    buf_add(&s->msg, params, len);
    buf_putc(&s->msg, '}');
    lsp_send(s, s->msg.data, s->msg.len);
}

void lsp_log(LspServer *s, int type, int show, const char *message)
{
    Buf p;
    buf_init(&p);
    buf_printf(&p, "{\"type\":%d,\"message\":", type);
    json_put_str(&p, message);
    buf_putc(&p, '}');
    lsp_send_notification(s, show ? "window/showMessage" : "window/logMessage", p.data, p.len);
    buf_free(&p);
}

/* ---- initialize ---- */

/* Does the array hold the string `want`? */
static int array_has(const JsonValue *a, const char *want)
{
    for (int32_t i = 0; a && a->type == JSON_ARRAY && i < a->u.array.n; i++) {
        const JsonValue *v = a->u.array.items[i];
        if (v->type == JSON_STRING && strcmp(v->u.string.text, want) == 0)
            return 1;
    }
    return 0;
}

static void add_root_uri(LspServer *s, const char *uri)
{
    char *path = uri ? lsp_uri_to_path(uri) : NULL;
    if (path)
        lsp_work_add_root(s, path);
    free(path);
}

/* The workspace folders: workspaceFolders, else rootUri, else rootPath. */
static void read_roots(LspServer *s, const JsonValue *params)
{
    const JsonValue *folders = json_get(params, "workspaceFolders");
    for (int32_t i = 0; folders && folders->type == JSON_ARRAY && i < folders->u.array.n; i++)
        add_root_uri(s, json_get_str(folders->u.array.items[i], "uri"));
    if (s->work.nroots == 0)
        add_root_uri(s, json_get_str(params, "rootUri"));
    const char *root_path = json_get_str(params, "rootPath");
    if (s->work.nroots == 0 && root_path && root_path[0] == '/')
        lsp_work_add_root(s, root_path);
    s->work.client_roots = s->work.nroots > 0;
}

static void read_client_capabilities(LspServer *s, const JsonValue *params)
{
    const JsonValue *caps = json_get(params, "capabilities");
    static const char *const encodings[] = {"general", "positionEncodings", NULL};
    s->utf8 = array_has(json_path(caps, encodings), "utf-8");
    static const char *const watch[] = {"workspace", "didChangeWatchedFiles", NULL};
    s->watch_dynamic = json_get_true(json_path(caps, watch), "dynamicRegistration");
    const char *url = json_get_str(json_get(params, "initializationOptions"), "ruleUrl");
    if (url && strstr(url, "{code}")) {
        free(s->rule_url);
        s->rule_url = xstrdup(url);
    }
}

static int on_initialize(LspServer *s, const JsonValue *params, Buf *r)
{
    if (!params || params->type != JSON_OBJECT)
        return LSP_INVALID_PARAMS;
    read_client_capabilities(s, params);
    if (s->use_fs)
        read_roots(s, params);
    s->state = LSP_RUNNING;
    buf_printf(r, "{\"capabilities\":{\"positionEncoding\":\"%s\",", s->utf8 ? "utf-8" : "utf-16");
    buf_puts(r, "\"textDocumentSync\":{\"openClose\":true,\"change\":2,\"save\":{\"includeText\":false}},"
                "\"codeActionProvider\":{\"codeActionKinds\":[\"quickfix\",\"source.fixAll.gotcha\"]},"
                "\"hoverProvider\":true},\"serverInfo\":{\"name\":\"gotcha\",\"version\":");
    json_put_str(r, s->version);
    buf_puts(r, "}}");
    return 0;
}

/* After `initialized`: watch the configuration files and the Python files, when the client
   lets a server register watchers (otherwise it may watch them by its own configuration). */
static void on_initialized(LspServer *s, const JsonValue *params)
{
    if (!s->watch_dynamic)
        return;
    Buf b;
    buf_init(&b);
    buf_printf(&b, "{\"jsonrpc\":\"2.0\",\"id\":\"gotcha-%lld\",\"method\":\"client/registerCapability\","
                   "\"params\":{\"registrations\":[{\"id\":\"gotcha-watch\","
                   "\"method\":\"workspace/didChangeWatchedFiles\",\"registerOptions\":{\"watchers\":["
                   "{\"globPattern\":\"**/pyproject.toml\"},{\"globPattern\":\"**/gotcha.toml\"},"
                   "{\"globPattern\":\"**/.gotcha.toml\"},{\"globPattern\":\"**/*.py\"},"
                   "{\"globPattern\":\"**/*.pyi\"}]}}]}}",
               (long long)s->next_id++);
    lsp_send(s, b.data, b.len);
    buf_free(&b);
}

static int on_shutdown(LspServer *s, const JsonValue *params, Buf *r)
{
    s->state = LSP_SHUT_DOWN;
    buf_puts(r, "null");
    return 0;
}

/* ---- dispatch ---- */

typedef int (*LspRequestFn)(LspServer *s, const JsonValue *params, Buf *result);
typedef void (*LspNotifyFn)(LspServer *s, const JsonValue *params);

typedef struct LspMethod {
    const char *name;
    LspRequestFn request;    /* one of the two is set */
    LspNotifyFn notify;
} LspMethod;

static void on_did_change_configuration(LspServer *s, const JsonValue *params)
{
    lsp_settings_reset(s);
}

static const LspMethod methods[] = {
    {"initialize", on_initialize, NULL},
    {"initialized", NULL, on_initialized},
    {"shutdown", on_shutdown, NULL},
    {"textDocument/didOpen", NULL, lsp_did_open},
    {"textDocument/didChange", NULL, lsp_did_change},
    {"textDocument/didSave", NULL, lsp_did_save},
    {"textDocument/didClose", NULL, lsp_did_close},
    {"textDocument/codeAction", lsp_code_action, NULL},
    {"textDocument/hover", lsp_hover, NULL},
    {"workspace/didChangeWatchedFiles", NULL, lsp_did_change_watched},
    {"workspace/didChangeConfiguration", NULL, on_did_change_configuration},
};

static const LspMethod *find_method(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0)
            return &methods[i];
    return NULL;
}

static void run_request(LspServer *s, const LspMethod *m, const JsonValue *id, const JsonValue *params)
{
    s->scratch.len = 0;
    int code = m->request(s, params, &s->scratch);
    if (code == 0)
        lsp_send_result(s, id, s->scratch.data, s->scratch.len);
    else
        lsp_send_error(s, id, code, code == LSP_INVALID_PARAMS ? "invalid params" : "request failed");
}

/* What the lifecycle lets through: 1 to handle the message, 0 when it was answered or dropped. */
static int admitted(LspServer *s, const char *method, const JsonValue *id)
{
    if (s->state == LSP_UNINITIALIZED && strcmp(method, "initialize") != 0) {
        if (id)
            lsp_send_error(s, id, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized yet");
        return 0;
    }
    if (s->state != LSP_UNINITIALIZED && strcmp(method, "initialize") == 0) {
        if (id)
            lsp_send_error(s, id, LSP_INVALID_REQUEST, "initialize was sent already");
        return 0;
    }
    if (s->state == LSP_SHUT_DOWN) {
        if (id)
            lsp_send_error(s, id, LSP_INVALID_REQUEST, "the server is shut down");
        return 0;
    }
    return 1;
}

static void dispatch(LspServer *s, const char *method, const JsonValue *id, const JsonValue *params)
{
    if (strcmp(method, "exit") == 0) {
        s->exited = 1;
        s->exit_status = s->state == LSP_SHUT_DOWN ? 0 : 1;
        return;
    }
    if (!admitted(s, method, id))
        return;
    const LspMethod *m = find_method(method);
    if (m && id && m->request)
        run_request(s, m, id, params);
    else if (m && !id && m->notify)
        m->notify(s, params);
    else if (id)
        lsp_send_error(s, id, LSP_METHOD_NOT_FOUND, "method not found");
}

static void handle_message(LspServer *s, const char *body, size_t len)
{
    char err[160];
    arena_reset(&s->msg_arena);
    JsonValue *root = json_parse(body, len, &s->msg_arena, err, sizeof err);
    if (!root) {
        lsp_send_error(s, NULL, LSP_PARSE_ERROR, err);
        return;
    }
    const JsonValue *id = json_get(root, "id");
    if (id && id->type != JSON_NUMBER && id->type != JSON_STRING)
        id = NULL;
    const char *method = json_get_str(root, "method");
    if (!method) {
        if (id && (json_get(root, "result") || json_get(root, "error")))
            return;   /* a response to one of our requests (client/registerCapability) */
        lsp_send_error(s, id, LSP_INVALID_REQUEST, "not a request, notification or response");
        return;
    }
    if (json_get(root, "id") && !id) {
        lsp_send_error(s, NULL, LSP_INVALID_REQUEST, "the id must be a number or a string");
        return;
    }
    dispatch(s, method, id, json_get(root, "params"));
}

/* ---- the loop ---- */

static void server_init(LspServer *s, int use_fs, const char *version)
{
    memset(s, 0, sizeof *s);
    s->version = version;
    s->use_fs = use_fs;
    s->out_fd = -1;
    s->exit_status = 1;
    s->rule_url = xstrdup(DEFAULT_RULE_URL);
    arena_init(&s->msg_arena);
    arena_init(&s->check_arena);
    buf_init(&s->msg);
    buf_init(&s->scratch);
    buf_init(&s->publish);
}

static void server_free(LspServer *s)
{
    for (int32_t i = 0; i < s->ndocs; i++)
        lsp_doc_free(&s->docs[i]);
    free(s->docs);
    lsp_settings_free(s);
    lsp_work_free(&s->work);
    free(s->rule_url);
    arena_free(&s->msg_arena);
    arena_free(&s->check_arena);
    buf_free(&s->msg);
    buf_free(&s->scratch);
    buf_free(&s->publish);
    lsp_input_free(&s->in);
}

static int run(LspServer *s)
{
    int since_flush = 0;   /* messages handled since the last flush */
    while (!s->exited && !s->out_broken) {
        const char *body = NULL;
        size_t len = 0;
        LspReadStatus st = lsp_read_message(&s->in, &body, &len);
        if (st == LSP_READ_EOF)
            break;
        if (st == LSP_READ_SKIPPED)
            continue;
        if (st == LSP_READ_BAD_HEADER)
            lsp_send_error(s, NULL, LSP_PARSE_ERROR, "a header block without a valid Content-Length");
        else if (st == LSP_READ_TOO_LARGE)
            lsp_send_error(s, NULL, LSP_PARSE_ERROR, "message over the size limit: skipped");
        else
            handle_message(s, body, len);
        if (!s->exited && s->state == LSP_RUNNING &&
            (++since_flush >= LSP_FLUSH_EVERY || !lsp_input_pending(&s->in))) {
            lsp_flush(s);
            since_flush = 0;
        }
    }
    return s->exited ? s->exit_status : 1;
}

int lsp_serve_memory(const char *data, size_t len, Buf *out, int use_fs)
{
    LspServer s;
    server_init(&s, use_fs, "(in memory)");
    lsp_input_init_mem(&s.in, data, len);
    s.out_mem = out;
    int status = run(&s);
    server_free(&s);
    return status;
}

int lsp_main(int argc, char **argv, const char *version)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--stdio") == 0)
            continue;   /* what editor clients pass; stdio is the only transport */
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            puts("usage: gotcha server [--stdio]\n\n"
                 "A language server (LSP 3.17) on stdin/stdout: diagnostics as you type, fixes and\n"
                 "`# noqa` as code actions, the rule's text on hover. Settings come from the\n"
                 "workspace's pyproject.toml / gotcha.toml. See README.md, \"Language server\".");
            return 0;
        }
        fprintf(stderr, "gotcha server: unknown argument '%s' (usage: gotcha server [--stdio])\n", argv[i]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);   /* a client that went away is a failed write, not a signal */
    LspServer s;
    server_init(&s, 1, version);
    lsp_input_init_fd(&s.in, 0);
    s.out_fd = 1;
    int status = run(&s);
    server_free(&s);
    return status;
}
