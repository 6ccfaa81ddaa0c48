/* Requests about a document: code actions and hover.

   Code actions for the findings the requested range touches (kind "quickfix"):
     - "Fix GTnnn: <title>" for a finding with a fix, "(unsafe)" appended to the title of one
       that `gotcha check --fix` applies only with --unsafe-fixes (isPreferred: the safe ones);
     - "Suppress GTnnn with # noqa" (src/fix/'s --add-noqa for that one finding);
   and once per file (kind "source.fixAll.gotcha", which a request for "source.fixAll" matches):
     - "Fix all safe fixes in this file", what `gotcha check --fix FILE` would write.
   Each action carries its edit: one TextEdit, the span where the new text differs from the old.
   Hover over a finding shows `gotcha rule CODE`'s text. */
#include <stdlib.h>
#include <string.h>

#include "../fix/fix.h"
#include "../rules/registry.h"
#include "../unicode/utf8.h"
#include "lsp_internal.h"

#define BOM "\xEF\xBB\xBF"

/* ---- edits ---- */

/* One TextEdit turning text[0..old_len) of d into new_text: the differing middle, its ends
   moved to character boundaries (and not between "\r" and "\n"). */
static void put_diff_edit(LspServer *s, Buf *out, LspDoc *d, const char *new_text, size_t new_len)
{
    const char *old = d->text.data;
    size_t old_len = d->text.len, pre = 0, suf = 0;
    while (pre < old_len && pre < new_len && old[pre] == new_text[pre])
        pre++;
    while (pre > 0 && (utf8_is_continuation((unsigned char)old[pre]) || (old[pre] == '\n' && old[pre - 1] == '\r')))
        pre--;
    while (suf < old_len - pre && suf < new_len - pre && old[old_len - 1 - suf] == new_text[new_len - 1 - suf])
        suf++;
    while (suf > 0 && (utf8_is_continuation((unsigned char)old[old_len - suf]) ||
                       (old[old_len - suf] == '\n' && old_len - suf > 0 && old[old_len - suf - 1] == '\r')))
        suf--;
    buf_puts(out, "{\"range\":");
    lsp_put_range(out, d, pre, old_len - suf, s->utf8);
    buf_puts(out, ",\"newText\":");
    json_put_strn(out, new_text + pre, new_len - suf - pre);
    buf_putc(out, '}');
}

/* The code action: title, kind, the finding it fixes (or none), the edit. */
static void put_action(LspServer *s, Buf *out, LspDoc *d, const char *title, const char *kind, const Diag *g,
                       int preferred, const char *new_text, size_t new_len)
{
    if (out->len > 1)
        buf_putc(out, ',');
    buf_puts(out, "{\"title\":");
    json_put_str(out, title);
    buf_puts(out, ",\"kind\":");
    json_put_str(out, kind);
    if (g) {
        buf_puts(out, ",\"diagnostics\":[");
        lsp_put_diagnostic(s, out, d, g);
        buf_putc(out, ']');
    }
    if (preferred)
        buf_puts(out, ",\"isPreferred\":true");
    buf_puts(out, ",\"edit\":{\"changes\":{");
    json_put_str(out, d->uri);
    buf_puts(out, ":[");
    put_diff_edit(s, out, d, new_text, new_len);
    buf_puts(out, "]}}}");
}

/* ---- the actions ---- */

/* Is `kind` asked for? Every kind when the request names none; else a kind named, or one
   under it ("source.fixAll" covers "source.fixAll.gotcha"). */
static int wanted(const JsonValue *only, const char *kind)
{
    if (!only || only->type != JSON_ARRAY)
        return 1;
    for (int32_t i = 0; i < only->u.array.n; i++) {
        const JsonValue *k = only->u.array.items[i];
        if (k->type != JSON_STRING)
            continue;
        size_t n = k->u.string.len;
        if (strncmp(kind, k->u.string.text, n) == 0 && (kind[n] == 0 || kind[n] == '.'))
            return 1;
    }
    return 0;
}

static void fix_action(LspServer *s, Buf *out, LspDoc *d, const Diag *g)
{
    size_t base = d->text.len >= 3 && memcmp(d->text.data, BOM, 3) == 0 ? 3 : 0;
    const char *text = d->text.data + base;
    size_t len = d->text.len - base;
    if (!fix_bytes_are_text(d->text.data, d->text.len))
        return;   /* fix offsets are in decoded text, not in these bytes */
    Buf fixed;
    buf_init(&fixed);
    buf_add(&fixed, d->text.data, base);
    uint8_t chosen = 0;
    if (fix_apply_round(text, len, g, 1, 1, fix_newline_style(text, len), &fixed, &chosen) == 1) {
        Buf title;
        buf_init(&title);
        buf_printf(&title, "Fix %s: %s%s", g->code, g->fix->title ? g->fix->title : "apply the fix",
                   g->fix->safe ? "" : " (unsafe)");
        put_action(s, out, d, buf_cstr(&title), "quickfix", g, g->fix->safe, fixed.data, fixed.len);
        buf_free(&title);
    }
    buf_free(&fixed);
}

static void noqa_action(LspServer *s, Buf *out, LspDoc *d, const Diag *g)
{
    Buf updated, skipped;
    buf_init(&updated);
    buf_init(&skipped);
    const char *name = d->path ? d->path : d->uri;
    if (fix_add_noqa(name, d->text.data, d->text.len, g, 1, &updated, &skipped) > 0) {
        Buf title;
        buf_init(&title);
        buf_printf(&title, "Suppress %s with # noqa: %s", g->code, g->code);
        put_action(s, out, d, buf_cstr(&title), "quickfix", g, 0, updated.data, updated.len);
        buf_free(&title);
    }
    buf_free(&updated);
    buf_free(&skipped);
}

typedef struct FixAllCall {
    LspServer *s;
    LspDoc *d;
} FixAllCall;

static int check_for_fix(void *arg, const char *text, size_t len, FileResult *out)
{
    FixAllCall *call = arg;
    return lsp_check_text(call->s, call->d, text, len, out);
}

static int has_safe_fix(const LspDoc *d)
{
    for (int32_t i = 0; i < d->result.ndiags; i++)
        if (d->result.diags[i].fix && d->result.diags[i].fix->safe)
            return 1;
    return 0;
}

static void fix_all_action(LspServer *s, Buf *out, LspDoc *d)
{
    if (!has_safe_fix(d))
        return;
    FixAllCall call = {s, d};
    FixOutcome o;
    fix_bytes(d->path ? d->path : d->uri, d->text.data, d->text.len, 0, check_for_fix, &call, &o);
    if (o.status == FIX_CHANGED)
        put_action(s, out, d, "Fix all safe fixes in this file (gotcha)", "source.fixAll.gotcha", NULL, 0,
                   o.text, o.len);
    fix_outcome_free(&o);
}

/* The document a request names, checked; NULL when it is not open or not Python. */
static LspDoc *request_doc(LspServer *s, const JsonValue *params)
{
    LspDoc *d = lsp_find_doc(s, json_get_str(json_get(params, "textDocument"), "uri"));
    if (!d || !d->python)
        return NULL;
    lsp_ensure_checked(s, d);
    buf_cstr(&d->text);
    return d;
}

/* A position of the request as a byte offset. */
static size_t offset_of(LspServer *s, LspDoc *d, const JsonValue *pos)
{
    int64_t line = 0, character = 0;
    json_get_int(pos, "line", INT64_MIN, INT64_MAX, &line);
    json_get_int(pos, "character", INT64_MIN, INT64_MAX, &character);
    return lsp_doc_offset(d, line, character, s->utf8);
}

int lsp_code_action(LspServer *s, const JsonValue *params, Buf *r)
{
    const JsonValue *range = json_get(params, "range");
    if (!json_get(params, "textDocument") || !range)
        return LSP_INVALID_PARAMS;
    buf_putc(r, '[');
    LspDoc *d = request_doc(s, params);
    if (d) {
        size_t from = offset_of(s, d, json_get(range, "start")), to = offset_of(s, d, json_get(range, "end"));
        const JsonValue *only = json_get(json_get(params, "context"), "only");
        for (int32_t i = 0; i < d->result.ndiags && wanted(only, "quickfix"); i++) {
            const Diag *g = &d->result.diags[i];
            size_t a, b;
            lsp_diag_span(d, g, &a, &b);
            if (a > (to > from ? to : from) || b < (to < from ? to : from))
                continue;
            if (g->fix)
                fix_action(s, r, d, g);
            noqa_action(s, r, d, g);
        }
        if (wanted(only, "source.fixAll.gotcha"))
            fix_all_action(s, r, d);
    }
    buf_putc(r, ']');
    return 0;
}

int lsp_hover(LspServer *s, const JsonValue *params, Buf *r)
{
    if (!json_get(params, "textDocument") || !json_get(params, "position"))
        return LSP_INVALID_PARAMS;
    LspDoc *d = request_doc(s, params);
    size_t at = d ? offset_of(s, d, json_get(params, "position")) : 0;
    const Diag *first = NULL;
    const char *shown[16];   /* codes shown already */
    int nshown = 0;
    Buf text;
    buf_init(&text);
    for (int32_t i = 0; d && i < d->result.ndiags && nshown < 16; i++) {
        const Diag *g = &d->result.diags[i];
        size_t a, b;
        lsp_diag_span(d, g, &a, &b);
        const Rule *rule = registry_find(g->code);
        int seen = 0;
        for (int k = 0; k < nshown; k++)
            seen |= strcmp(shown[k], g->code) == 0;
        if (at < a || at > b || !rule || seen)
            continue;
        if (first)
            buf_puts(&text, "\n----\n\n");
        first = first ? first : g;
        shown[nshown++] = g->code;
        registry_doc_text(rule, &text);
    }
    if (!first) {
        buf_puts(r, "null");
        buf_free(&text);
        return 0;
    }
    size_t a, b;
    lsp_diag_span(d, first, &a, &b);
    buf_puts(r, "{\"contents\":{\"kind\":\"plaintext\",\"value\":");
    json_put_strn(r, text.data, text.len);
    buf_puts(r, "},\"range\":");
    lsp_put_range(r, d, a, b, s->utf8);
    buf_putc(r, '}');
    buf_free(&text);
    return 0;
}
