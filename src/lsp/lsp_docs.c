/* Text synchronization (didOpen, didChange full and incremental, didSave, didClose), watched
   files, and checking a document.

   A change only marks its document dirty; lsp_flush checks the dirty ones when no message is
   waiting. A check is the per-file pipeline of `gotcha check` (src/check/) on the document's
   text with the settings of its configuration file (resolved once, src/lsp/lsp_settings.c),
   then the project phase for its conditional findings (src/lsp/lsp_project.c), then
   per-file-ignores and fix safety: the findings `gotcha check FILE` gives for the same text. */
#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"
#include "lsp_internal.h"

LspDoc *lsp_find_doc(LspServer *s, const char *uri)
{
    for (int32_t i = 0; uri && i < s->ndocs; i++)
        if (strcmp(s->docs[i].uri, uri) == 0)
            return &s->docs[i];
    return NULL;
}

static const char *doc_uri(const JsonValue *params)
{
    return json_get_str(json_get(params, "textDocument"), "uri");
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Python by its language id, or by its file name when the client sent none we know. */
static int is_python(const char *language, const char *uri)
{
    if (language && (strcmp(language, "python") == 0 || strcmp(language, "py") == 0))
        return 1;
    size_t n = strcspn(uri, "?#");
    char *name = xstrndup(uri, n);
    int py = ends_with(name, ".py") || ends_with(name, ".pyi");
    free(name);
    return py && (!language || !*language);
}

void lsp_did_open(LspServer *s, const JsonValue *params)
{
    const JsonValue *td = json_get(params, "textDocument");
    const char *uri = json_get_str(td, "uri");
    const JsonValue *text = json_get(td, "text");
    if (!uri || !text || text->type != JSON_STRING)
        return;
    LspDoc *d = lsp_find_doc(s, uri);
    if (!d) {
        XGROW(s->docs, s->ndocs + 1, s->docs_cap, 8);
        d = &s->docs[s->ndocs++];
        memset(d, 0, sizeof *d);
        d->uri = xstrdup(uri);
        d->path = lsp_uri_to_path(uri);
        d->settings = -1;
        buf_init(&d->text);
    }
    d->python = is_python(json_get_str(td, "languageId"), uri);
    json_get_int(td, "version", INT64_MIN, INT64_MAX, &d->version);
    d->text.len = 0;
    buf_add(&d->text, text->u.string.text, text->u.string.len);
    buf_cstr(&d->text);
    d->lines_stale = 1;
    d->dirty = d->python;
    d->checked = 0;
    if (d->path && s->use_fs && !s->work.client_roots)
        lsp_work_add_package_of(s, d->path);
}

/* One entry of contentChanges: a range and its text, or the whole text. */
static void apply_change(LspServer *s, LspDoc *d, const JsonValue *change)
{
    const JsonValue *text = json_get(change, "text");
    if (!text || text->type != JSON_STRING)
        return;
    const JsonValue *range = json_get(change, "range");
    if (!range) {
        d->text.len = 0;
        buf_add(&d->text, text->u.string.text, text->u.string.len);
        buf_cstr(&d->text);
        d->lines_stale = 1;
        return;
    }
    int64_t l0 = 0, c0 = 0, l1 = 0, c1 = 0;
    const JsonValue *a = json_get(range, "start"), *b = json_get(range, "end");
    json_get_int(a, "line", INT64_MIN, INT64_MAX, &l0);
    json_get_int(a, "character", INT64_MIN, INT64_MAX, &c0);
    json_get_int(b, "line", INT64_MIN, INT64_MAX, &l1);
    json_get_int(b, "character", INT64_MIN, INT64_MAX, &c1);
    size_t start = lsp_doc_offset(d, l0, c0, s->utf8), end = lsp_doc_offset(d, l1, c1, s->utf8);
    if (end < start) {   /* a reversed range: the text between the two ends */
        size_t t = start;
        start = end;
        end = t;
    }
    if (d->text.len - (end - start) + text->u.string.len > LSP_MAX_BODY) {
        lsp_log(s, 1, 0, "gotcha: an edit that would make the document larger than 512 MB was dropped");
        return;
    }
    lsp_doc_replace(d, start, end, text->u.string.text, text->u.string.len);
}

void lsp_did_change(LspServer *s, const JsonValue *params)
{
    LspDoc *d = lsp_find_doc(s, doc_uri(params));
    const JsonValue *changes = json_get(params, "contentChanges");
    if (!d || !changes || changes->type != JSON_ARRAY)
        return;
    for (int32_t i = 0; i < changes->u.array.n; i++)
        apply_change(s, d, changes->u.array.items[i]);
    json_get_int(json_get(params, "textDocument"), "version", INT64_MIN, INT64_MAX, &d->version);
    d->dirty = d->python;
    d->checked = 0;
}

/* Every document but `except` is checked again (the settings changed), or those whose findings
   depend on other files (`pending_only`). */
static void mark_others_dirty(LspServer *s, const LspDoc *except, int pending_only)
{
    for (int32_t i = 0; i < s->ndocs; i++)
        if (&s->docs[i] != except && s->docs[i].python && (!pending_only || s->docs[i].had_pending))
            s->docs[i].dirty = 1;
}

/* A file was saved or changed on disk: reload the settings, or update the project. */
static void file_changed(LspServer *s, const char *path)
{
    if (!path)
        return;
    if (lsp_is_config_name(path)) {
        lsp_settings_reset(s);
        mark_others_dirty(s, NULL, 0);
    } else if (lsp_path_is_python(path)) {
        lsp_work_file_changed(s, path);
        mark_others_dirty(s, NULL, 1);
    }
}

void lsp_did_save(LspServer *s, const JsonValue *params)
{
    const char *uri = doc_uri(params);
    char *path = uri ? lsp_uri_to_path(uri) : NULL;
    if (s->use_fs)
        file_changed(s, path);
    free(path);
    LspDoc *d = lsp_find_doc(s, uri);
    if (d && d->python)
        d->dirty = 1;
}

void lsp_did_close(LspServer *s, const JsonValue *params)
{
    LspDoc *d = lsp_find_doc(s, doc_uri(params));
    if (!d)
        return;
    Buf p;
    buf_init(&p);
    buf_puts(&p, "{\"uri\":");
    json_put_str(&p, d->uri);
    buf_puts(&p, ",\"diagnostics\":[]}");
    lsp_send_notification(s, "textDocument/publishDiagnostics", p.data, p.len);
    buf_free(&p);
    int had_summary = d->summary != NULL;
    lsp_doc_free(d);
    *d = s->docs[--s->ndocs];
    if (had_summary)
        mark_others_dirty(s, NULL, 1);   /* the others now see the file on disk */
}

void lsp_did_change_watched(LspServer *s, const JsonValue *params)
{
    const JsonValue *changes = json_get(params, "changes");
    for (int32_t i = 0; s->use_fs && changes && changes->type == JSON_ARRAY && i < changes->u.array.n; i++) {
        const char *uri = json_get_str(changes->u.array.items[i], "uri");
        char *path = uri ? lsp_uri_to_path(uri) : NULL;
        file_changed(s, path);
        free(path);
    }
}

/* ---- checking ---- */

/* Check text as document d's file: the per-file pipeline, without the project phase when proj is
   NULL. Returns 0, or -1 (res->error set). */
static int check_as(LspServer *s, LspDoc *d, const char *text, size_t len, FileResult *res,
                    CheckProject *proj)
{
    int index = lsp_settings_of(s, d);   /* may grow s->settings */
    LspSettings *st = &s->settings[index];
    const char *name = d->path ? d->path : d->uri;
    memset(res, 0, sizeof *res);
    if (len > LSP_MAX_CHECKED || (st->cfg.force_exclude == 1 && d->path && config_path_excluded(&st->cfg, d->path))) {
        res->path = xstrdup(name);
        return 0;   /* not checked, as `gotcha check` would skip it */
    }
    arena_reset(&s->check_arena);
    int rc = proj ? check_source_project(name, text, len, &st->opt, &s->check_arena, res, proj)
                  : check_source(name, text, len, &st->opt, &s->check_arena, res);
    arena_reset(&s->check_arena);
    if (proj)
        d->had_pending = proj->pending.n > 0;
    if (rc == 0 && proj) {
        lsp_project_decide(s, d, res, proj);
        st = &s->settings[index];
    }
    config_drop_ignored(&st->cfg, res);
    config_apply_fix_safety(&st->cfg, res);
    return rc;
}

int lsp_check_text(LspServer *s, LspDoc *d, const char *text, size_t len, FileResult *out)
{
    return check_as(s, d, text, len, out, NULL);
}

static void check_doc(LspServer *s, LspDoc *d)
{
    FileResult res;
    CheckProject proj;
    memset(&proj, 0, sizeof proj);
    if (check_as(s, d, buf_cstr(&d->text), d->text.len, &res, &proj) != 0 && res.error)
        lsp_log(s, 1, 0, res.error);
    diag_pending_free(&proj.pending);
    diag_result_free(&d->result);
    d->result = res;
    summary_free(d->summary);
    d->summary = proj.summary;
    d->dirty = 0;
    d->checked = 1;
}

void lsp_ensure_checked(LspServer *s, LspDoc *d)
{
    if (d->python && (d->dirty || !d->checked)) {
        check_doc(s, d);
        lsp_publish(s, d);   /* what the answer is about is what the client shows */
    }
}

void lsp_flush(LspServer *s)
{
    /* first the documents that were edited, then those re-decided because of them */
    for (int pass = 0; pass < 2; pass++)
        for (int32_t i = 0; i < s->ndocs; i++) {
            LspDoc *d = &s->docs[i];
            if (!d->dirty || !d->python || (pass == 0 && d->checked))
                continue;
            int edited = !d->checked;
            check_doc(s, d);
            lsp_publish(s, d);
            if (edited && d->summary)
                mark_others_dirty(s, d, 1);
        }
}
