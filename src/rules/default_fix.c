/* The `None` sentinel fix shared by GT101/GT102/GT103:

       def f(x: list[int] = []):          def f(x: list[int] | None = None):
           """Doc."""               ->        """Doc."""
           x.append(1)                        if x is None:
                                                  x = []
                                              x.append(1)

   Not offered when the result could change meaning or not parse: lambdas, a default that is a
   name (the copy would share the same object), a default that reads names the function rebinds,
   a body on the def's line, annotations before 3.10 (no `T | None`) or written as strings. */
#include "default_analysis.h"

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
    char *s = malloc(end - start + 1);
    if (!s)
        abort();
    memcpy(s, src->text + start, end - start);
    s[end - start] = 0;
    return s;
}

Fix *default_fix(RuleCtx *ctx, const Node *def, const Node *param, const Node *value)
{
    if (def->kind == NK_Lambda || value->kind == NK_Name)
        return NULL;
    Semantic *sem = rule_semantic(ctx);
    const Scope *fs = sem_scope_of_def(sem, def);
    const Source *src = rule_source(ctx);
    const CheckOptions *opt = rule_options(ctx);
    Str pname = param->v.arg.arg;
    char param_name[256];
    if (!fs || pname.len >= sizeof param_name)
        return NULL;
    memcpy(param_name, pname.s, pname.len);
    param_name[pname.len] = 0;

    NameScan scan = { fs, param_name, 0, 0 };
    rule_walk(value, scan_default, &scan);
    if (scan.reads_local)
        return NULL;
    const Node *annotation = param->v.arg.annotation;
    if (annotation && ((opt && opt->target_minor && opt->target_minor < 10)
                       || annotation->kind == NK_Constant))
        return NULL;   /* no `T | None` before 3.10; `"T" | None` fails at definition time */

    NodeList body = sem_func_body(def);
    const Node *docstring;
    const Node *before = insertion_stmt(body, &docstring);
    const Node *anchor = before ? before : docstring;
    if (anchor->lineno == def->lineno || (before && docstring && before->lineno == docstring->end_lineno))
        return NULL;   /* body on the def's line, or `"""doc"""; stmt` */
    /* Indentation: the anchor's line up to the anchor must be blank. */
    uint32_t line_start = rule_offset(ctx, anchor->lineno, 0);
    uint32_t anchor_at = rule_offset(ctx, anchor->lineno, anchor->col_offset);
    for (uint32_t i = line_start; i < anchor_at; i++)
        if (src->text[i] != ' ' && src->text[i] != '\t')
            return NULL;
    for (int32_t i = 0; i < body.n; i++)
        rule_walk(body.items[i], scan_body, &scan);

    uint32_t value_start = rule_offset(ctx, value->lineno, value->col_offset);
    uint32_t value_end = rule_offset(ctx, value->end_lineno, value->end_col_offset);
    char *value_text = text_of(src, value_start, value_end);
    char *indent = text_of(src, line_start, anchor_at);
    uint32_t insert_at = before ? line_start : rule_offset(ctx, docstring->end_lineno + 1, 0);
    if (!before && docstring->end_lineno >= src->nlines) {
        free(value_text);
        free(indent);
        return NULL;   /* docstring on the last line without a newline after it */
    }

    Str fname = sem_func_name(def);
    int is_public = fname.len > 0 && fname.s[0] != '_';
    Fix *fix = fix_new("Replace with `None` sentinel", !is_public && !scan.tests_none);
    if (annotation) {
        uint32_t ann_end = rule_offset(ctx, annotation->end_lineno, annotation->end_col_offset);
        fix_add_edit(fix, ann_end, ann_end, " | None");
    }
    fix_add_edit(fix, value_start, value_end, "None");
    size_t guard_len = 2 * strlen(indent) + 2 * strlen(param_name) + strlen(value_text) + 32;
    char *guard = malloc(guard_len);
    if (!guard)
        abort();
    snprintf(guard, guard_len, "%sif %s is None:\n%s    %s = %s\n", indent, param_name, indent,
             param_name, value_text);
    fix_add_edit(fix, insert_at, insert_at, guard);
    free(guard);
    free(value_text);
    free(indent);
    return fix;
}
