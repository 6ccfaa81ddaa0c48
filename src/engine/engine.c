/* The single traversal, dispatch to rules, the finish and audit phases, and the rule-facing API
   (reporting, context, noqa for the audit phase). */
#include "engine.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ast/ast_walk.h"
#include "../util/xalloc.h"

struct RuleCtx {
    const Source *src;
    const char *path;
    const EngineRules *rules;
    const RuleOptions *opt;        /* never NULL */
    Semantic *sem;
    Arena *arena;
    const Node *module;
    Noqa *noqa;
    int noqa_marked;               /* the audit phase has begun */
    const Rule *rule;              /* the rule being run */
    void **states;                 /* per rule-table index: that rule's per-file state */
    int rule_index;
    const Node **stack;            /* ancestors; stack[depth - 1] is the node being visited */
    int32_t depth, cap;
    const Scope *scope;            /* scope containing the node being visited */
    DiagList *out;
    DiagPendingList *pending;      /* NULL: conditions are decided as false */
    const DiagCond *cond;          /* set between rule_condition_begin and _end */
    int cond_when;
};

/* What the walk does at a node of each kind (Dispatch.flags). */
enum { KIND_HAS_CHILDREN = 1, KIND_HAS_RULES = 2, KIND_OPENS_SCOPE = 4 };

/* Enabled rules that registered for each node kind, in table order. */
typedef struct Dispatch {
    uint8_t count[NK__COUNT];
    uint8_t flags[NK__COUNT];    /* KIND_* bits: one load tells the walk what to do */
    uint8_t *rules[NK__COUNT];   /* rule-table indexes */
} Dispatch;

static int opens_scope(uint8_t kind);

static void dispatch_build(Dispatch *d, const EngineRules *rules, Arena *a)
{
    memset(d, 0, sizeof *d);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < rules->count; i++) {
            const Rule *r = rules->table[i];
            if (!rules->enabled->enabled[i] || !r->visit)
                continue;
            for (int k = 0; k < RULE_MAX_KINDS && r->kinds[k] != NK_NONE; k++) {
                uint8_t kind = r->kinds[k];
                if (pass == 1)
                    d->rules[kind][d->count[kind]] = (uint8_t)i;
                d->count[kind]++;
            }
        }
        if (pass == 0) {
            for (int kind = 0; kind < NK__COUNT; kind++) {
                if (d->count[kind])
                    d->rules[kind] = arena_alloc(a, d->count[kind]);
                d->count[kind] = 0;
            }
        }
    }
    for (int kind = 0; kind < NK__COUNT; kind++)
        d->flags[kind] = (uint8_t)((ast_child_fields[kind].field[0] ? KIND_HAS_CHILDREN : 0)
                                   | (d->count[kind] ? KIND_HAS_RULES : 0)
                                   | (opens_scope((uint8_t)kind) ? KIND_OPENS_SCOPE : 0));
}

static inline void stack_push(RuleCtx *ctx, const Node *n)
{
    if (ctx->depth == ctx->cap)
        XGROW(ctx->stack, ctx->depth + 1, ctx->cap, 256);
    ctx->stack[ctx->depth++] = n;
}

static void walk(RuleCtx *ctx, const Dispatch *d, const Node *n);
static void dispatch(RuleCtx *ctx, const Dispatch *d, const Node *n);

static void walk_list(RuleCtx *ctx, const Dispatch *d, NodeList list)
{
    for (int32_t i = 0; i < list.n; i++)
        if (list.items[i])
            walk(ctx, d, list.items[i]);
}

typedef struct Walker {
    RuleCtx *ctx;
    const Dispatch *d;
} Walker;

/* A node without children (a Name, a Constant...: about half of all nodes) needs no walk of its
   own: its rules are called right here, saving a call per leaf. */
static void walk_child(const Node *child, void *walker)
{
    const Walker *w = walker;
    uint8_t flags = w->d->flags[child->kind];
    if (flags & KIND_HAS_CHILDREN) {
        walk(w->ctx, w->d, child);
        return;
    }
    if (flags & KIND_HAS_RULES) {
        stack_push(w->ctx, child);
        dispatch(w->ctx, w->d, child);
        w->ctx->depth--;
    }
}

/* Visit every child of n in field order, in the current scope. Flattened: walk_child goes into the
   loop over the children (a call per child costs about as much as the rest). */
static __attribute__((flatten)) void walk_fields(RuleCtx *ctx, const Dispatch *d, const Node *n)
{
    Walker w = { ctx, d };
    ast_children_each(n, walk_child, &w);
}

/* Scope openers: the parts evaluated where the node stands (decorators, defaults, annotations,
   bases, the first iterable) belong to the outer scope; the rest to the scope the node opens. */
static void walk_scoped(RuleCtx *ctx, const Dispatch *d, const Node *n)
{
    const Scope *outer = ctx->scope;
    const Scope *inner = sem_scope_of_def(ctx->sem, n);
    if (!inner)
        inner = outer;
    switch (n->kind) {
    case NK_FunctionDef:
    case NK_AsyncFunctionDef: {
        int is_async = n->kind == NK_AsyncFunctionDef;
        walk_list(ctx, d, is_async ? n->v.AsyncFunctionDef.decorator_list : n->v.FunctionDef.decorator_list);
        walk(ctx, d, is_async ? n->v.AsyncFunctionDef.args : n->v.FunctionDef.args);
        const Node *returns = is_async ? n->v.AsyncFunctionDef.returns : n->v.FunctionDef.returns;
        if (returns)
            walk(ctx, d, returns);
        ctx->scope = inner;
        walk_list(ctx, d, is_async ? n->v.AsyncFunctionDef.type_params : n->v.FunctionDef.type_params);
        walk_list(ctx, d, is_async ? n->v.AsyncFunctionDef.body : n->v.FunctionDef.body);
        break;
    }
    case NK_Lambda:
        walk(ctx, d, n->v.Lambda.args);
        ctx->scope = inner;
        walk(ctx, d, n->v.Lambda.body);
        break;
    case NK_ClassDef:
        walk_list(ctx, d, n->v.ClassDef.decorator_list);
        walk_list(ctx, d, n->v.ClassDef.bases);
        walk_list(ctx, d, n->v.ClassDef.keywords);
        ctx->scope = inner;
        walk_list(ctx, d, n->v.ClassDef.type_params);
        walk_list(ctx, d, n->v.ClassDef.body);
        break;
    default: { /* comprehensions: generators[0].iter is evaluated outside */
        NodeList gens = n->kind == NK_ListComp ? n->v.ListComp.generators
                      : n->kind == NK_SetComp ? n->v.SetComp.generators
                      : n->kind == NK_DictComp ? n->v.DictComp.generators
                      : n->v.GeneratorExp.generators;
        if (gens.n > 0)
            walk(ctx, d, gens.items[0]->v.comprehension.iter);
        ctx->scope = inner;
        if (n->kind == NK_DictComp) {
            walk(ctx, d, n->v.DictComp.key);
            walk(ctx, d, n->v.DictComp.value);
        } else {
            walk(ctx, d, n->kind == NK_ListComp ? n->v.ListComp.elt
                        : n->kind == NK_SetComp ? n->v.SetComp.elt : n->v.GeneratorExp.elt);
        }
        for (int32_t g = 0; g < gens.n; g++) {
            const Node *gen = gens.items[g];
            stack_push(ctx, gen);
            if (d->count[gen->kind])
                dispatch(ctx, d, gen);
            walk(ctx, d, gen->v.comprehension.target);
            if (g > 0)
                walk(ctx, d, gen->v.comprehension.iter);
            walk_list(ctx, d, gen->v.comprehension.ifs);
            ctx->depth--;
        }
        break;
    }
    }
    ctx->scope = outer;
}

static int opens_scope(uint8_t kind)
{
    switch (kind) {
    case NK_FunctionDef: case NK_AsyncFunctionDef: case NK_Lambda: case NK_ClassDef:
    case NK_ListComp: case NK_SetComp: case NK_DictComp: case NK_GeneratorExp:
        return 1;
    default:
        return 0;
    }
}

/* Call the rules registered for n's kind (n is on top of the ancestor stack). Callers skip the
   call for kinds no rule asked for (most nodes). */
static void dispatch(RuleCtx *ctx, const Dispatch *d, const Node *n)
{
    int nrules = d->count[n->kind];
    const uint8_t *rules = d->rules[n->kind];
    for (int i = 0; i < nrules; i++) {
        int index = rules[i];
        ctx->rule = ctx->rules->table[index];
        ctx->rule_index = index;
        ctx->rule->visit(ctx, n);
    }
}

static void walk(RuleCtx *ctx, const Dispatch *d, const Node *n)
{
    stack_push(ctx, n);
    uint8_t flags = d->flags[n->kind];
    if (flags & KIND_HAS_RULES)
        dispatch(ctx, d, n);
    if (flags & KIND_OPENS_SCOPE)
        walk_scoped(ctx, d, n);
    else
        walk_fields(ctx, d, n);
    ctx->depth--;
}

/* Phases 2 and 3: `finish` (or `audit`) of each enabled rule that has one, in table order. */
static void run_phase(RuleCtx *ctx, int audit)
{
    const EngineRules *rules = ctx->rules;
    for (int i = 0; i < rules->count; i++) {
        const Rule *r = rules->table[i];
        void (*fn)(RuleCtx *) = audit ? r->audit : r->finish;
        if (!rules->enabled->enabled[i] || !fn)
            continue;
        ctx->rule = r;
        ctx->rule_index = i;
        fn(ctx);
    }
}

static int any_audit(const EngineRules *rules)
{
    for (int i = 0; i < rules->count; i++)
        if (rules->enabled->enabled[i] && rules->table[i]->audit)
            return 1;
    return 0;
}

void engine_run(const EngineFile *file, const EngineRules *rules, Arena *a, DiagList *out)
{
    static const RuleOptions no_options;
    assert(rules->count <= (int)sizeof rules->enabled->enabled);
    RuleCtx c = { .src = file->src, .path = file->path, .rules = rules, .sem = file->sem,
                  .arena = a, .module = file->module, .noqa = file->noqa, .out = out,
                  .pending = file->pending,
                  .opt = rules->options ? rules->options : &no_options };
    RuleCtx *ctx = &c;
    Dispatch d;
    dispatch_build(&d, rules, ctx->arena);
    ctx->states = arena_alloc(ctx->arena, (size_t)rules->count * sizeof *ctx->states);
    for (int i = 0; i < rules->count; i++)
        if (rules->enabled->enabled[i] && rules->table[i]->state_size)
            ctx->states[i] = arena_alloc(ctx->arena, rules->table[i]->state_size);
    ctx->scope = sem_module_scope(ctx->sem);
    walk(ctx, &d, ctx->module);
    free(ctx->stack);
    ctx->stack = NULL;
    ctx->depth = ctx->cap = 0;
    run_phase(ctx, 0);
    if (any_audit(rules)) {
        if (ctx->noqa)
            noqa_mark(ctx->noqa, out->items, out->n);
        for (int32_t i = 0; ctx->noqa && ctx->pending && i < ctx->pending->n; i++)
            noqa_mark(ctx->noqa, &ctx->pending->items[i].diag, 1);
        ctx->noqa_marked = 1;
        run_phase(ctx, 1);
    }
}

void rule_walk(const Node *root, int (*fn)(const Node *n, void *arg), void *arg)
{
    ast_walk(root, fn, arg);
}

/* ---- positions ---- */

uint32_t rule_offset(const RuleCtx *ctx, int32_t lineno, int32_t col_offset)
{
    return diag_offset(ctx->src, lineno, col_offset);
}

/* ---- reporting ---- */

static char *vformat(const char *fmt, va_list ap)
{
    char small[256];
    va_list copy;
    va_copy(copy, ap);
    int len = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (len < 0)
        len = 0;
    char *s = xrealloc(NULL, (size_t)len + 1);
    if ((size_t)len < sizeof small)
        memcpy(s, small, (size_t)len + 1);
    else
        vsnprintf(s, (size_t)len + 1, fmt, ap);
    return s;
}

static int edit_cmp(const void *a, const void *b)
{
    const Edit *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static void report(RuleCtx *ctx, int32_t lineno, int32_t col_offset, int32_t end_lineno,
                   int32_t end_col_offset, Fix *fix, char *message)
{
    if (fix && fix->nedits > 1)
        qsort(fix->edits, (size_t)fix->nedits, sizeof *fix->edits, edit_cmp);
    if (!ctx->cond || (!ctx->pending && ctx->cond_when == 0)) {
        diag_list_add(ctx->out, ctx->src, ctx->rule->code, lineno, col_offset, end_lineno, end_col_offset,
                      message, fix);
    } else if (!ctx->pending) {   /* reported only if a fact nobody knows here holds */
        free(message);
        diag_fix_free(fix);
    } else {
        DiagList one = {0};
        diag_list_add(&one, ctx->src, ctx->rule->code, lineno, col_offset, end_lineno, end_col_offset,
                      message, fix);
        diag_pending_add(ctx->pending, &one.items[0], ctx->cond_when, ctx->cond);
        free(one.items);
    }
}

void rule_condition_begin(RuleCtx *ctx, const DiagCond *cond, int when)
{
    assert(!ctx->cond);   /* no nesting */
    DiagCond *copy = arena_alloc(ctx->arena, sizeof *copy);
    *copy = *cond;        /* borrowed until rule_condition_end; diag_pending_add copies it */
    ctx->cond = copy;
    ctx->cond_when = when;
}

void rule_condition_end(RuleCtx *ctx)
{
    ctx->cond = NULL;
}

void rule_report(RuleCtx *ctx, const Node *node, Fix *fix, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = vformat(fmt, ap);
    va_end(ap);
    report(ctx, node->lineno, node->col_offset, node->end_lineno, node->end_col_offset, fix, message);
}

void rule_report_at(RuleCtx *ctx, int32_t lineno, int32_t col_offset, int32_t end_lineno,
                    int32_t end_col_offset, Fix *fix, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = vformat(fmt, ap);
    va_end(ap);
    report(ctx, lineno, col_offset, end_lineno, end_col_offset, fix, message);
}

/* ---- context ---- */

const Source *rule_source(const RuleCtx *ctx) { return ctx->src; }
const char *rule_path(const RuleCtx *ctx) { return ctx->path; }
const RuleOptions *rule_options(const RuleCtx *ctx) { return ctx->opt; }
Semantic *rule_semantic(RuleCtx *ctx) { return ctx->sem; }
Arena *rule_arena(RuleCtx *ctx) { return ctx->arena; }
void *rule_state(RuleCtx *ctx) { return ctx->states ? ctx->states[ctx->rule_index] : NULL; }
const Node *rule_module(const RuleCtx *ctx) { return ctx->module; }
const Scope *rule_scope(const RuleCtx *ctx) { return ctx->scope; }

const Node *rule_ancestor(const RuleCtx *ctx, int up)
{
    int32_t at = ctx->depth - 1 - up;
    return up >= 0 && at >= 0 ? ctx->stack[at] : NULL;
}

int rule_enabled(const RuleCtx *ctx, const char *code)
{
    const EngineRules *rules = ctx->rules;
    for (int i = 0; i < rules->count; i++)
        if (strcmp(rules->table[i]->code, code) == 0)
            return rules->enabled->enabled[i];
    return 0;
}

int32_t rule_noqa_count(const RuleCtx *ctx)
{
    assert(ctx->noqa_marked);   /* only during `audit` */
    return ctx->noqa ? noqa_code_count(ctx->noqa) : 0;
}

NoqaCodeRef rule_noqa_code(const RuleCtx *ctx, int32_t i)
{
    assert(ctx->noqa_marked && ctx->noqa);
    return noqa_code(ctx->noqa, i);
}
