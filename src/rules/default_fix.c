/* The `None` sentinel fix shared by GT101/GT102/GT103:

       def f(x: list[int] = []):          def f(x: list[int] | None = None):
           """Doc."""               ->        """Doc."""
           x.append(1)                        if x is None:
                                                  x = []
                                              x.append(1)

   A body on the def's line moves to its own lines; before 3.10 annotations become `Optional[T]`
   (through an existing typing import, or a new `from typing import Optional`). The guard uses the
   file's own indentation unit (tabs stay tabs). Not offered when the result could change meaning
   or not parse: lambdas, a default that is a name (the copy would share the same object), a
   default that reads names the function rebinds, annotations written as strings, a docstring on
   the def's line. */
#include "default_analysis.h"
#include "../util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct NameScan {
    const Scope *fscope;
    const char *param;
    int reads_local;       /* the default reads a name local to the function */
    int tests_none;        /* the body compares the parameter with None */
} NameScan;

static int scan_default(const Node *n, void *arg)
{
    NameScan *scan = arg;
    if (n->kind == NK_Name) {
        char buf[256];
        if (n->v.Name.id.len < sizeof buf) {
            memcpy(buf, n->v.Name.id.s, n->v.Name.id.len);
            buf[n->v.Name.id.len] = 0;
            if (sem_is_local(scan->fscope, buf))
                scan->reads_local = 1;
        }
    }
    return 1;
}

static int is_none(const Node *n)
{
    return n->kind == NK_Constant && n->v.Constant.value.kind == CONST_NONE;
}

static int scan_body(const Node *n, void *arg)
{
    NameScan *scan = arg;
    if (n->kind == NK_Compare && n->v.Compare.ops.n == 1) {
        uint8_t op = n->v.Compare.ops.items[0];
        const Node *l = n->v.Compare.left, *r = n->v.Compare.comparators.items[0];
        if ((op == CMPOP_Is || op == CMPOP_IsNot || op == CMPOP_Eq || op == CMPOP_NotEq)
            && ((l->kind == NK_Name && sem_str_eq(l->v.Name.id, scan->param) && is_none(r))
                || (r->kind == NK_Name && sem_str_eq(r->v.Name.id, scan->param) && is_none(l))))
            scan->tests_none = 1;
    }
    return 1;
}

/* The statement before which the guard goes: the first one after the docstring (returned in
   *docstring, or NULL); NULL when the body is only a docstring. */
static const Node *insertion_stmt(NodeList body, const Node **docstring)
{
    *docstring = NULL;
    int32_t first = 0;
    const Node *s0 = body.items[0];
    if (s0->kind == NK_Expr && s0->v.Expr.value->kind == NK_Constant
        && s0->v.Expr.value->v.Constant.value.kind == CONST_STR) {
        *docstring = s0;
        first = 1;
    }
    return first < body.n ? body.items[first] : NULL;
}

static char *text_of(const Source *src, uint32_t start, uint32_t end)
{
    return xstrndup(src->text + start, end - start);
}

static int blank(const Source *src, uint32_t start, uint32_t end)
{
    for (uint32_t i = start; i < end; i++)
        if (src->text[i] != ' ' && src->text[i] != '\t')
            return 0;
    return 1;
}

/* Where the guard goes and how it is indented. */
typedef struct Placement {
    uint32_t start, end;     /* text replaced by the guard (empty range: an insertion) */
    const char *before;      /* text before the guard ("\n" + indent when the body was on the def line) */
    char indent[64];         /* the body's indentation */
    char unit[16];           /* one more level, as the file writes it */
    const char *after;       /* text after the guard (the indentation of the statement that follows) */
} Placement;

/* `def f(x=[]): return x`: the body moves to its own lines, indented 4 spaces past the def. */
static int place_one_line(RuleCtx *ctx, const Node *first, const char *def_indent, Placement *pl)
{
    const Source *src = rule_source(ctx);
    uint32_t at = rule_offset(ctx, first->lineno, first->col_offset);
    uint32_t p = at;
    while (p > 0 && (src->text[p - 1] == ' ' || src->text[p - 1] == '\t'))
        p--;
    if (p == 0 || src->text[p - 1] != ':' || strlen(def_indent) + 4 >= sizeof pl->indent)
        return 0;
    pl->start = p;
    pl->end = at;
    pl->before = "\n";
    snprintf(pl->indent, sizeof pl->indent, "%s    ", def_indent);
    snprintf(pl->unit, sizeof pl->unit, "    ");
    pl->after = pl->indent;
    return 1;
}

/* A body on its own lines: the guard goes before `anchor` (or after the docstring `anchor`),
   at its indentation; one level is whatever the body adds to the def's indentation. */
static int place_block(RuleCtx *ctx, const Node *anchor, int after_anchor, const char *def_indent,
                       Placement *pl)
{
    const Source *src = rule_source(ctx);
    uint32_t line_start = rule_offset(ctx, anchor->lineno, 0);
    uint32_t anchor_at = rule_offset(ctx, anchor->lineno, anchor->col_offset);
    size_t def_len = strlen(def_indent), len = anchor_at - line_start;
    if (!blank(src, line_start, anchor_at) || len >= sizeof pl->indent || len <= def_len
        || len - def_len >= sizeof pl->unit || memcmp(src->text + line_start, def_indent, def_len) != 0)
        return 0;
    memcpy(pl->indent, src->text + line_start, len);
    pl->indent[len] = 0;
    memcpy(pl->unit, src->text + line_start + def_len, len - def_len);
    pl->unit[len - def_len] = 0;
    if (after_anchor) {
        if (anchor->end_lineno >= src->nlines)
            return 0;   /* docstring on the last line without a newline after it */
        pl->start = pl->end = rule_offset(ctx, anchor->end_lineno + 1, 0);
    } else {
        pl->start = pl->end = line_start;
    }
    pl->before = "";
    pl->after = "";
    return 1;
}

static int is_future_import(const Node *s)
{
    return s->kind == NK_ImportFrom && s->v.ImportFrom.level == 0
        && sem_str_eq(s->v.ImportFrom.module, "__future__");
}

/* How to write `Optional[...]` for targets before 3.10: a name already imported from typing,
   `typing.Optional` through `import typing [as t]`, or a new `from typing import Optional` (*import_at
   set to where it goes: after the module docstring and __future__ imports). NULL: no safe way. */
static const char *optional_spelling(RuleCtx *ctx, char *buf, size_t size, int *import_at)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *mod = sem_module_scope(sem);
    *import_at = -1;
    const Binding *bs[4];
    int32_t n = sem_bindings_of(mod, "Optional", bs, 4);
    if (n == 1 && bs[0]->kind == BIND_IMPORT_FROM && strcmp(bs[0]->qualname, "typing.Optional") == 0)
        return "Optional";
    for (int32_t i = 0; i < mod->nbindings; i++) {
        const Binding *bd = mod->bindings[i];
        if (bd->kind == BIND_IMPORT && strcmp(bd->qualname, "typing") == 0) {
            snprintf(buf, size, "%.*s.Optional", (int)bd->name.len, bd->name.s);
            return buf;
        }
    }
    if (n > 0)
        return NULL;   /* `Optional` means something else here */
    NodeList body = rule_module(ctx)->v.Module.body;
    int32_t i = 0;
    if (body.n > 0 && body.items[0]->kind == NK_Expr && body.items[0]->v.Expr.value->kind == NK_Constant
        && body.items[0]->v.Expr.value->v.Constant.value.kind == CONST_STR)
        i = 1;
    while (i < body.n && is_future_import(body.items[i]))
        i++;
    if (i >= body.n || body.items[i]->col_offset != 0
        || (i > 0 && body.items[i]->lineno == body.items[i - 1]->end_lineno))
        return NULL;
    *import_at = (int)rule_offset(ctx, body.items[i]->lineno, 0);
    return "Optional";
}

/* `x: T` becomes `x: T | None`, or `x: Optional[T]` before 3.10. 0 when it cannot be done. */
static int fix_annotation(RuleCtx *ctx, Fix *fix, const Node *annotation)
{
    const RuleOptions *opt = rule_options(ctx);
    uint32_t start = rule_offset(ctx, annotation->lineno, annotation->col_offset);
    uint32_t end = rule_offset(ctx, annotation->end_lineno, annotation->end_col_offset);
    if (!opt || !opt->target_minor || opt->target_minor >= 10) {
        diag_fix_add_edit(fix, end, end, " | None");
        return 1;
    }
    char buf[300], open[320];
    int import_at;
    const char *optional = optional_spelling(ctx, buf, sizeof buf, &import_at);
    if (!optional)
        return 0;
    if (import_at >= 0)
        diag_fix_add_edit(fix, (uint32_t)import_at, (uint32_t)import_at, "from typing import Optional\n");
    snprintf(open, sizeof open, "%s[", optional);
    diag_fix_add_edit(fix, start, start, open);
    diag_fix_add_edit(fix, end, end, "]");
    return 1;
}

Fix *default_fix(RuleCtx *ctx, const Node *def, const Node *param, const Node *value)
{
    if (def->kind == NK_Lambda || value->kind == NK_Name)
        return NULL;
    Semantic *sem = rule_semantic(ctx);
    const Scope *fs = sem_scope_of_def(sem, def);
    const Source *src = rule_source(ctx);
    Str pname = param->v.arg.arg;
    char param_name[256];
    if (!fs || pname.len >= sizeof param_name)
        return NULL;
    memcpy(param_name, pname.s, pname.len);
    param_name[pname.len] = 0;

    NameScan scan = { fs, param_name, 0, 0 };
    rule_walk(value, scan_default, &scan);
    const Node *annotation = param->v.arg.annotation;
    if (scan.reads_local || (annotation && annotation->kind == NK_Constant))
        return NULL;   /* `"T" | None` would fail when the def runs */

    /* The def's own indentation (decorators do not matter: FunctionDef starts at `def`). */
    char def_indent[48];
    uint32_t def_line = rule_offset(ctx, def->lineno, 0);
    uint32_t def_at = rule_offset(ctx, def->lineno, def->col_offset);
    if (!blank(src, def_line, def_at) || def_at - def_line >= sizeof def_indent)
        return NULL;
    memcpy(def_indent, src->text + def_line, def_at - def_line);
    def_indent[def_at - def_line] = 0;

    NodeList body = sem_func_body(def);
    const Node *docstring;
    const Node *before = insertion_stmt(body, &docstring);
    const Node *first = body.items[0];
    Placement pl;
    uint32_t first_line = rule_offset(ctx, first->lineno, 0);
    int placed;
    if (!blank(src, first_line, rule_offset(ctx, first->lineno, first->col_offset)))
        placed = !docstring && place_one_line(ctx, first, def_indent, &pl);
    else if (before && docstring && before->lineno == docstring->end_lineno)
        placed = 0;   /* `"""doc"""; stmt` */
    else
        placed = before ? place_block(ctx, before, 0, def_indent, &pl)
                        : place_block(ctx, docstring, 1, def_indent, &pl);
    if (!placed)
        return NULL;
    for (int32_t i = 0; i < body.n; i++)
        rule_walk(body.items[i], scan_body, &scan);

    Str fname = sem_func_name(def);
    int is_public = fname.len > 0 && fname.s[0] != '_';
    Fix *fix = diag_fix_new("Replace with `None` sentinel", !is_public && !scan.tests_none);
    if (annotation && !fix_annotation(ctx, fix, annotation)) {
        diag_fix_free(fix);
        return NULL;
    }
    uint32_t value_start = rule_offset(ctx, value->lineno, value->col_offset);
    uint32_t value_end = rule_offset(ctx, value->end_lineno, value->end_col_offset);
    diag_fix_add_edit(fix, value_start, value_end, "None");
    char *value_text = text_of(src, value_start, value_end);
    char *guard = xasprintf("%s%sif %s is None:\n%s%s%s = %s\n%s", pl.before, pl.indent,
                            param_name, pl.indent, pl.unit, param_name, value_text, pl.after);
    diag_fix_add_edit(fix, pl.start, pl.end, guard);
    free(guard);
    free(value_text);
    return fix;
}
