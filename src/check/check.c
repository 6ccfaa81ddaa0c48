/* check_source: bytes -> parse -> semantic model -> engine with the rule table -> sorted
   diagnostics -> noqa. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "../engine/engine.h"
#include "../engine/noqa.h"
#include "../lexer/lexer.h"
#include "../parser/parser.h"
#include "../rules/registry.h"
#include "../semantic/semantic.h"
#include "../util/xalloc.h"

/* The one GT001 finding of a file that does not parse, at CPython's position. `src` may be only
   partly valid (source_init failed): positions then count bytes. */
static void report_syntax_error(const Source *src, const SyntaxErr *err, DiagList *out)
{
    int32_t lineno = err->lineno > 0 ? err->lineno : 1;
    int32_t col = err->lineno > 0 && err->col_offset > 0 ? err->col_offset : 0;
    int32_t end_lineno = err->end_lineno >= lineno ? err->end_lineno : lineno;
    int32_t end_col = err->end_lineno >= lineno ? err->end_col_offset : col;
    if (end_lineno == lineno && end_col < col)
        end_col = col;
    const char *msg = err->msg[0] ? err->msg : "invalid syntax";
    diag_list_add(out, src, registry_table[registry_index("GT001")]->code, lineno, col, end_lineno, end_col,
                  xstrdup(msg), NULL);
}

static int is_stub(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcmp(path + n - 4, ".pyi") == 0;
}

/* Semantic model, then the rules of registry_table; the findings go to `out`, unsorted, the
   conditional ones to proj (when given), with the module's summary. */
static void run_rules(const char *path, const Source *src, const Node *module,
                      const CheckOptions *opt, Noqa *noqa, Arena *a, DiagList *out, CheckProject *proj)
{
    SemOptions sem_opt = { .immutable_calls = opt->immutable_calls,
                           .mutable_calls = opt->mutable_calls,
                           .resource_calls = opt->resource_calls };
    RuleOptions rule_opt = { .target_minor = opt->target_minor,
                             .cache_names_regex = opt->cache_names_regex };
    EngineFile file = { .path = path, .src = src, .module = module, .noqa = noqa,
                        .sem = sem_build(module, src, &sem_opt, a),
                        .pending = proj ? &proj->pending : NULL };
    EngineRules rules = { .table = registry_table, .count = registry_count, .enabled = &opt->rules,
                          .options = &rule_opt };
    engine_run(&file, &rules, a, out);
    if (proj) {
        if (noqa)
            noqa_apply_pending(noqa, &proj->pending);
        proj->summary = summary_build(module, file.sem);
    }
}

int check_source(const char *path, const char *bytes, size_t len, const CheckOptions *opt,
                 Arena *a, FileResult *out)
{
    return check_source_project(path, bytes, len, opt, a, out, NULL);
}

int check_source_project(const char *path, const char *bytes, size_t len, const CheckOptions *opt,
                         Arena *a, FileResult *out, CheckProject *proj)
{
    memset(out, 0, sizeof *out);
    if (proj)
        memset(proj, 0, sizeof *proj);
    out->path = xstrdup(path);
    CheckOptions defaults;
    if (!opt) {
        memset(&defaults, 0, sizeof defaults);
        registry_default_set(&defaults.rules, 0);
        opt = &defaults;
    }

    DiagList diags = {0};
    Source src;
    memset(&src, 0, sizeof src);
    Tokens toks;
    memset(&toks, 0, sizeof toks);
    SyntaxErr err;
    memset(&err, 0, sizeof err);

    const Node *module = NULL;
    if (source_init(&src, path, bytes, len, a, &err) == 0 && lex_tokens(&src, a, &toks, &err) == 0)
        module = parse_module(&src, &toks, a, &err);
    Noqa *noqa = NULL;
    if (!module) {
        report_syntax_error(&src, &err, &diags);
    } else if (!is_stub(path)) {   /* a stub is parsed (GT001) but never executed: no rule applies */
        noqa = noqa_parse(&src, &toks, &(RuleList){registry_table, registry_count});
        run_rules(path, &src, module, opt, noqa, a, &diags, proj);
    }

    if (diags.n > 1)
        qsort(diags.items, (size_t)diags.n, sizeof *diags.items, diag_compare);
    out->diags = diags.items;
    out->ndiags = diags.n;
    if (noqa) /* GT001 cannot be suppressed: a file that does not parse has no noqa */
        noqa_apply(noqa, out);
    noqa_free(noqa);
    return 0;
}
