/* check_source: bytes -> parse -> semantic model -> rules -> sorted diagnostics -> noqa. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lexer/lexer.h"
#include "../parser/parser.h"
#include "../rules/registry.h"
#include "../semantic/semantic.h"
#include "engine.h"
#include "noqa.h"

static int diag_cmp(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return strcmp(x->code, y->code);
}

static char *dup_cstr(const char *s)
{
    size_t len = strlen(s);
    char *copy = malloc(len + 1);
    if (!copy) {
        fputs("gotcha: out of memory\n", stderr);
        abort();
    }
    memcpy(copy, s, len + 1);
    return copy;
}

/* The one GT001 finding of a file that does not parse, at CPython's position. `src` may be only
   partly valid (source_init failed): positions then count bytes. */
static void report_syntax_error(RuleCtx *ctx, const SyntaxErr *err)
{
    int32_t lineno = err->lineno > 0 ? err->lineno : 1;
    int32_t col = err->lineno > 0 && err->col_offset > 0 ? err->col_offset : 0;
    int32_t end_lineno = err->end_lineno >= lineno ? err->end_lineno : lineno;
    int32_t end_col = err->end_lineno >= lineno ? err->end_col_offset : col;
    if (end_lineno == lineno && end_col < col)
        end_col = col;
    const char *msg = err->msg[0] ? err->msg : "invalid syntax";
    engine_add_diag(ctx, rule_table[rule_index("GT001")]->code, lineno, col, end_lineno, end_col,
                    dup_cstr(msg), NULL);
}

int check_source(const char *path, const char *bytes, size_t len, const CheckOptions *opt,
                 Arena *a, FileResult *out)
{
    memset(out, 0, sizeof *out);
    out->path = dup_cstr(path);
    CheckOptions defaults;
    if (!opt) {
        memset(&defaults, 0, sizeof defaults);
        ruleset_default(&defaults.rules, 0);
        opt = &defaults;
    }

    DiagList diags = {0};
    Source src;
    memset(&src, 0, sizeof src);
    Tokens toks;
    memset(&toks, 0, sizeof toks);
    SyntaxErr err;
    memset(&err, 0, sizeof err);
    RuleCtx ctx = { .src = &src, .path = path, .opt = opt, .arena = a, .out = &diags };

    int parsed = 0;
    if (source_init(&src, path, bytes, len, a, &err) == 0 && lex_tokens(&src, a, &toks, &err) == 0) {
        ctx.module = parse_module(&src, &toks, a, &err);
        parsed = ctx.module != NULL;
    }
    if (!parsed) {
        report_syntax_error(&ctx, &err);
    } else {
        ctx.sem = sem_build(ctx.module, &src, opt, a);
        engine_run_rules(&ctx, &opt->rules);
    }

    if (diags.n > 1)
        qsort(diags.items, (size_t)diags.n, sizeof *diags.items, diag_cmp);
    out->diags = diags.items;
    out->ndiags = diags.n;
    if (parsed) /* GT001 cannot be suppressed */
        noqa_apply(&src, &toks, out);
    return 0;
}

void file_result_free(FileResult *r)
{
    if (!r)
        return;
    for (int32_t i = 0; i < r->ndiags; i++) {
        free(r->diags[i].message);
        fix_free(r->diags[i].fix);
    }
    free(r->diags);
    free(r->path);
    free(r->error);
    memset(r, 0, sizeof *r);
}
