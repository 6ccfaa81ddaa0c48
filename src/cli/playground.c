/* The playground's entry points (playground.h): settings text -> CheckOptions as `gotcha check`
   builds them, the snippet through pool_check_buffer (the same per-file path as stdin), the
   findings through the JSON reporter, fixes through src/fix/ (one fix alone for its preview, or
   fix_bytes' rounds for "every safe fix"). */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../config/config.h"
#include "../config/config_options.h"
#include "../fix/fix.h"
#include "../rules/registry.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include "cli.h"
#include "playground.h"
#include "pool.h"
#include "report.h"

#define SNIPPET_PATH "snippet.py"
#define SETTINGS_NAME "pyproject.toml"

/* ---- settings ---- */

/* The resolved settings of one call. */
typedef struct Settings {
    Config cfg;
    CheckOptions opt;
    RunSpec spec;
    char error[512];         /* "" = the settings text was applied */
} Settings;

/* Config -> CheckOptions with no command-line flags, as `gotcha check` resolves them (rule set,
   target version from target-version or requires-python). Returns 0, or -1 with s->error set. */
static int build_options(Settings *s)
{
    RuleSet rules;
    if (config_rule_set(&s->cfg, NULL, s->cfg.preview > 0, &rules, s->error, sizeof s->error) < 0)
        return -1;
    config_resolve_target(&s->cfg, 0);
    config_check_options(&s->cfg, &rules, &s->opt);
    return 0;
}

static void settings_free(Settings *s)
{
    config_check_options_free(&s->opt);
    config_free(&s->cfg);
}

/* Load `text` as the pyproject.toml beside the snippet; on any error the defaults, with s->error
   saying what is wrong. */
static void settings_load(Settings *s, const char *text)
{
    memset(s, 0, sizeof *s);
    text = text ? text : "";
    char error[sizeof s->error] = "";
    if (config_load_text(SETTINGS_NAME, text, strlen(text), &s->cfg, error, sizeof error) < 0) {
        config_init_defaults(&s->cfg);
    } else if (build_options(s) < 0) {
        memcpy(error, s->error, sizeof error);
        settings_free(s);
        memset(s, 0, sizeof *s);
        config_init_defaults(&s->cfg);
    }
    if (error[0]) {
        int rc = build_options(s);
        assert(rc == 0);   /* the default settings always resolve */
        (void)rc;
        memcpy(s->error, error, sizeof error);
    }
    s->spec = (RunSpec){.opt = &s->opt, .cfg = &s->cfg, .format = FMT_JSON, .max_file_size = SIZE_MAX,
                        .threads = 1};
}

/* ---- JSON helpers ---- */

static void json_str_or_null(Buf *out, const char *s)
{
    if (s && *s)
        report_json_str(out, s);
    else
        buf_puts(out, "null");
}

/* Opens an answer object with its first member, `"settings_error": ...`. */
static void json_open_answer(Buf *out, const Settings *s)
{
    buf_puts(out, "{\"settings_error\": ");
    json_str_or_null(out, s->error);
}

static char *json_take(Buf *out)
{
    buf_cstr(out);
    return out->data;
}

/* ---- checking ---- */

/* The snippet's report, prepared for spec->format (zeroed by the callee; free with
   report_file_free). */
static void check_snippet(const RunSpec *spec, const char *code, size_t len, FileReport *fr)
{
    memset(fr, 0, sizeof *fr);
    Arena arena;
    arena_init(&arena);
    pool_check_buffer(spec, SNIPPET_PATH, code, len, &arena, fr);
    arena_free(&arena);
}

/* The JSON reporter's output for one report, appended to `out`. */
static void json_findings(Buf *out, const FileReport *fr)
{
    char *text = NULL;
    size_t len = 0;
    FILE *stream = open_memstream(&text, &len);
    if (!stream)
        xalloc_fail();
    ReportOptions ropt = {.format = FMT_JSON};
    report_print(stream, &ropt, fr, 1);
    if (fclose(stream) != 0)
        xalloc_fail();
    while (len > 0 && text[len - 1] == '\n')
        len--;
    buf_add(out, text, len);
    free(text);
}

/* Byte length of a UTF-8 BOM at the start of `code` (Source.text, which fix offsets refer to,
   drops it). */
static size_t bom_length(const char *code, size_t len)
{
    return len >= 3 && memcmp(code, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* `code` with the fix of `d` alone applied (safe or not) into `next`. Returns 0 when it does
   not apply (no fix, or bytes that are not the decoded text). */
static int apply_one(const char *code, size_t len, const Diag *d, Buf *next)
{
    if (!d->fix || !fix_bytes_are_text(code, len))
        return 0;
    size_t bom = bom_length(code, len);
    buf_add(next, code, bom);
    uint8_t chosen = 0;
    return fix_apply_round(code + bom, len - bom, d, 1, 1, fix_newline_style(code, len), next, &chosen) == 1;
}

/* One entry of "fixes": the finding's fix applied alone, as a diff; null without a fix. */
static void json_fix_preview(Buf *out, const char *code, size_t len, const Diag *d)
{
    Buf next, diff;
    buf_init(&next);
    buf_init(&diff);
    if (!apply_one(code, len, d, &next)) {
        buf_puts(out, "null");
    } else {
        fix_unified_diff(SNIPPET_PATH, code, len, next.data, next.len, &diff);
        buf_printf(out, "{\"safe\": %s, \"title\": ", d->fix->safe ? "true" : "false");
        report_json_str(out, d->fix->title ? d->fix->title : "");
        buf_puts(out, ", \"diff\": ");
        report_json_str(out, buf_cstr(&diff));
        buf_putc(out, '}');
    }
    buf_free(&next);
    buf_free(&diff);
}

char *playground_check(const char *code, const char *settings)
{
    Settings s;
    settings_load(&s, settings);
    size_t len = strlen(code);
    FileReport fr;
    check_snippet(&s.spec, code, len, &fr);
    Buf out;
    buf_init(&out);
    json_open_answer(&out, &s);
    buf_puts(&out, ", \"error\": ");
    json_str_or_null(&out, fr.res.error);
    buf_puts(&out, ",\n\"findings\": ");
    json_findings(&out, &fr);
    buf_puts(&out, ",\n\"fixes\": [");
    for (int32_t i = 0; i < fr.res.ndiags; i++) {
        buf_puts(&out, i ? ",\n  " : "\n  ");
        json_fix_preview(&out, code, len, &fr.res.diags[i]);
    }
    buf_puts(&out, fr.res.ndiags ? "\n]}\n" : "]}\n");
    report_file_free(&fr);
    settings_free(&s);
    return json_take(&out);
}

/* ---- fixing ---- */

/* The fix engine's check: the text as the snippet, with the call's settings, nothing prepared. */
static int check_text(void *arg, const char *text, size_t len, FileResult *out)
{
    const Settings *s = arg;
    RunSpec plain = s->spec;
    plain.format = FMT_CONCISE;
    FileReport fr;
    check_snippet(&plain, text, len, &fr);
    *out = fr.res;
    return fr.failed ? -1 : 0;
}

/* 1 when `text` has a syntax error (GT001) and so a fix broke it. */
static int has_syntax_error(const Settings *s, const char *text, size_t len)
{
    FileResult res;
    int broken = check_text((void *)s, text, len, &res) != 0;
    for (int32_t i = 0; !broken && i < res.ndiags; i++)
        broken = strcmp(res.diags[i].code, "GT001") == 0;
    diag_result_free(&res);
    return broken;
}

/* Finding `index` alone. Sets *applied; the new text goes to `next`, or `error` says why not. */
static void fix_one(const Settings *s, const char *code, size_t len, int index, Buf *next, int *applied,
                    Buf *error)
{
    FileResult res;
    *applied = 0;
    if (check_text((void *)s, code, len, &res) != 0)
        buf_puts(error, res.error ? res.error : "the snippet could not be checked");
    else if (index >= res.ndiags)
        buf_printf(error, "no finding %d: the snippet has %d", index, (int)res.ndiags);
    else if (!apply_one(code, len, &res.diags[index], next))
        buf_printf(error, "finding %d (%s) has no fix", index, res.diags[index].code);
    else if (has_syntax_error(s, next->data, next->len))
        buf_puts(error, "the fix produced code that does not parse (a gotcha bug: please report it)");
    else
        *applied = 1;
    diag_result_free(&res);
}

/* Every safe fix, in rounds. */
static void fix_all(Settings *s, const char *code, size_t len, Buf *next, int *applied, Buf *error)
{
    FixOutcome outcome;
    fix_bytes(SNIPPET_PATH, code, len, 0, check_text, s, &outcome);
    *applied = outcome.napplied;
    if (outcome.status == FIX_CHANGED)
        buf_add(next, outcome.text, outcome.len);
    else if (outcome.status == FIX_SKIPPED || outcome.status == FIX_FAILED)
        buf_puts(error, outcome.message ? outcome.message : "the fixes could not be applied");
    fix_outcome_free(&outcome);
}

char *playground_fix(const char *code, const char *settings, int index)
{
    Settings s;
    settings_load(&s, settings);
    size_t len = strlen(code);
    Buf next, error, diff;
    buf_init(&next);
    buf_init(&error);
    buf_init(&diff);
    int applied = 0;
    if (index >= 0)
        fix_one(&s, code, len, index, &next, &applied, &error);
    else
        fix_all(&s, code, len, &next, &applied, &error);
    if (!applied || error.len) {
        applied = 0;
        next.len = 0;
        buf_add(&next, code, len);
    } else {
        fix_unified_diff(SNIPPET_PATH, code, len, next.data, next.len, &diff);
    }
    Buf out;
    buf_init(&out);
    json_open_answer(&out, &s);
    buf_puts(&out, ", \"error\": ");
    json_str_or_null(&out, buf_cstr(&error));
    buf_printf(&out, ", \"applied\": %d, \"text\": ", applied);
    report_json_str(&out, buf_cstr(&next));
    buf_puts(&out, ", \"diff\": ");
    report_json_str(&out, buf_cstr(&diff));
    buf_puts(&out, "}\n");
    buf_free(&next);
    buf_free(&error);
    buf_free(&diff);
    settings_free(&s);
    return json_take(&out);
}

/* ---- rule documentation ---- */

static const Rule *find_rule(const char *code_or_name)
{
    for (int i = 0; i < registry_count; i++) {
        const Rule *r = registry_table[i];
        if (strcasecmp(r->code, code_or_name) == 0 || strcmp(r->name, code_or_name) == 0)
            return r;
    }
    return NULL;
}

static void json_section(Buf *out, int *first, const char *title, const char *text, int is_code)
{
    if (!text || !*text)
        return;
    buf_puts(out, *first ? "\n  {\"title\": " : ",\n  {\"title\": ");
    *first = 0;
    report_json_str(out, title);
    buf_puts(out, ", \"text\": ");
    report_json_str(out, text);
    buf_printf(out, ", \"code\": %s}", is_code ? "true" : "false");
}

char *playground_rule(const char *code)
{
    Buf out;
    buf_init(&out);
    const Rule *r = find_rule(code);
    if (!r) {
        Buf msg;
        buf_init(&msg);
        buf_printf(&msg, "unknown rule '%s'", code);
        buf_puts(&out, "{\"error\": ");
        report_json_str(&out, buf_cstr(&msg));
        buf_puts(&out, "}\n");
        buf_free(&msg);
        return json_take(&out);
    }
    buf_puts(&out, "{\"code\": ");
    report_json_str(&out, r->code);
    buf_puts(&out, ", \"name\": ");
    report_json_str(&out, r->name);
    buf_puts(&out, ", \"summary\": ");
    report_json_str(&out, r->summary);
    buf_printf(&out, ", \"default\": \"%s\", \"fix\": \"%s\", \"sections\": [",
               r->preview ? "preview" : r->default_on ? "on" : "off",
               r->fix == FIXABLE_ALWAYS ? "always" : r->fix == FIXABLE_SOMETIMES ? "some" : "-");
    const RuleDoc *d = &r->doc;
    int first = 1;
    json_section(&out, &first, "What it finds", d->finds, 0);
    json_section(&out, &first, "Why it happens", d->mechanism, 0);
    json_section(&out, &first, "Symptom in production", d->symptom, 0);
    json_section(&out, &first, "How to fix it", d->fix, 0);
    json_section(&out, &first, "Wrong", d->wrong, 1);
    json_section(&out, &first, "Right", d->right, 1);
    json_section(&out, &first, "Nearest rule of other tools", d->peer, 0);
    json_section(&out, &first, "Notes", d->notes, 0);
    json_section(&out, &first, "Measured precision", d->precision, 0);
    buf_puts(&out, first ? "]}\n" : "\n]}\n");
    return json_take(&out);
}
