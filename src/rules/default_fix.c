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
   the def's line. A default written over several lines keeps its shape: its continuation lines
   move with the new assignment, and it gains parentheses when its line breaks were legal only
   inside the def's. */
#include "default_analysis.h"
#include "../ast/ast_walk.h"
#include "../util/buf.h"
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

/* ---- the default's text, moved into the body ---- */

/* Byte ranges of the string literals inside the default: a line that starts inside one is part of
   the string's value and is copied as it is. */
typedef struct StringSpans {
    RuleCtx *ctx;
    uint32_t start[32], end[32];
    int n, overflow;
} StringSpans;

static int collect_strings(const Node *n, void *arg)
{
    StringSpans *sp = arg;
    int is_string = n->kind == NK_JoinedStr
                    || (n->kind == NK_Constant && (n->v.Constant.value.kind == CONST_STR
                                                   || n->v.Constant.value.kind == CONST_BYTES));
    if (!is_string || n->lineno == n->end_lineno)
        return 1;
    if (sp->n == 32) {
        sp->overflow = 1;
        return AST_WALK_STOP;
    }
    sp->start[sp->n] = rule_offset(sp->ctx, n->lineno, n->col_offset);
    sp->end[sp->n++] = rule_offset(sp->ctx, n->end_lineno, n->end_col_offset);
    return 0;
}

static int inside_string(const StringSpans *sp, uint32_t at)
{
    for (int i = 0; i < sp->n; i++)
        if (sp->start[i] < at && at < sp->end[i])
            return 1;
    return 0;
}

/* Do the default's own brackets hold all its line breaks? Displays and comprehensions start and end
   with theirs; a call when its callee ends on the first line, right before `(`. */
static int breaks_inside_own_brackets(RuleCtx *ctx, const Node *value)
{
    switch (value->kind) {
    case NK_List: case NK_Dict: case NK_Set: case NK_ListComp: case NK_SetComp: case NK_DictComp:
        return 1;
    case NK_Call: {
        const Node *func = value->v.Call.func;
        if (func->end_lineno != value->lineno)
            return 0;
        const char *p = rule_source(ctx)->text + rule_offset(ctx, func->end_lineno, func->end_col_offset);
        while (*p == ' ' || *p == '\t')
            p++;
        return *p == '(';
    }
    default:
        return 0;
    }
}

/* Blanks at `at` (up to `end`). */
static size_t blank_run(const char *at, const char *end)
{
    size_t n = 0;
    while (at + n < end && (at[n] == ' ' || at[n] == '\t'))
        n++;
    return n;
}

/* Append one continuation line [p, end of line) of the default, re-indented: its indentation past
   `base` (the blanks that start the default's first line) now follows `indent`. */
static const char *put_continuation(Buf *out, const char *p, const char *end, const char *base,
                                    const char *indent)
{
    size_t ws = blank_run(p, end), base_len = strlen(base);
    const char *eol = p + ws;
    while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
    if (eol > p + ws) {   /* a blank line stays empty */
        buf_puts(out, indent);
        if (ws >= base_len && memcmp(p, base, base_len) == 0)
            buf_add(out, p + base_len, ws - base_len);
    }
    buf_add(out, p + ws, (size_t)(eol - (p + ws)));
    return eol;
}

/* The default's text for `x = <text>` at `indent` in the body (malloc'ed). A one-line default is
   copied. The continuation lines of a longer one move with the statement (lines that start inside a
   string stay as they are: their blanks are part of its value), line breaks become "\n" (the fix
   engine writes the file's own), and a default whose line breaks are not all inside its own
   brackets (`collections\n.OrderedDict()`, legal inside the def's parentheses) is wrapped in
   parentheses, so the assignment parses. NULL: too many strings to track. */
static char *moved_value_text(RuleCtx *ctx, const Node *value, const char *indent)
{
    const Source *src = rule_source(ctx);
    uint32_t start = rule_offset(ctx, value->lineno, value->col_offset);
    uint32_t end = rule_offset(ctx, value->end_lineno, value->end_col_offset);
    if (value->lineno == value->end_lineno)
        return xstrndup(src->text + start, end - start);
    StringSpans spans = {.ctx = ctx};
    rule_walk(value, collect_strings, &spans);
    if (spans.overflow)
        return NULL;
    const char *line = src->text + rule_offset(ctx, value->lineno, 0);
    char base[64];
    size_t base_len = blank_run(line, src->text + start);
    if (base_len >= sizeof base)
        return NULL;
    memcpy(base, line, base_len);
    base[base_len] = 0;
    int wrap = !breaks_inside_own_brackets(ctx, value);
    Buf out;
    buf_init(&out);
    if (wrap)
        buf_putc(&out, '(');
    const char *p = src->text + start, *stop = src->text + end;
    while (p < stop) {
        if (*p != '\n' && *p != '\r') {
            buf_putc(&out, *p++);
            continue;
        }
        p += (p[0] == '\r' && p + 1 < stop && p[1] == '\n') ? 2 : 1;
        buf_putc(&out, '\n');
        if (inside_string(&spans, (uint32_t)(p - src->text)))
            continue;
        p = put_continuation(&out, p, stop, base, indent);
    }
    if (wrap)
        buf_putc(&out, ')');
    buf_cstr(&out);
    return out.data;
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
    char body_indent[sizeof pl.indent + sizeof pl.unit];
    snprintf(body_indent, sizeof body_indent, "%s%s", pl.indent, pl.unit);
    char *value_text = moved_value_text(ctx, value, body_indent);
    if (!value_text) {
        diag_fix_free(fix);
        return NULL;
    }
    uint32_t value_start = rule_offset(ctx, value->lineno, value->col_offset);
    uint32_t value_end = rule_offset(ctx, value->end_lineno, value->end_col_offset);
    diag_fix_add_edit(fix, value_start, value_end, "None");
    char *guard = xasprintf("%s%sif %s is None:\n%s%s%s = %s\n%s", pl.before, pl.indent,
                            param_name, pl.indent, pl.unit, param_name, value_text, pl.after);
    diag_fix_add_edit(fix, pl.start, pl.end, guard);
    free(guard);
    free(value_text);
    return fix;
}
