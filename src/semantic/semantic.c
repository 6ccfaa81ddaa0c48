/* Building the semantic model: one walk over the module that creates scopes, bindings, loads and
   function facts, then a pass that indexes bindings by name and resolves decorators. */
#include "semantic_internal.h"
#include "../ast/ast_walk.h"
#include "../util/xalloc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- scratch vectors (malloc'ed, reused while building) and maps ---- */

typedef struct PtrVec {
    const void **items;
    int32_t n, cap;
} PtrVec;

static void vec_push(PtrVec *v, const void *p)
{
    if (v->n == v->cap)
        XGROW(v->items, v->n + 1, v->cap, 16);
    v->items[v->n++] = p;
}

/* An exact-size arena copy of the vector (NULL when empty); the vector is emptied for reuse. */
static void *vec_take(PtrVec *v, Arena *a, int32_t *count)
{
    *count = v->n;
    if (v->n == 0)
        return NULL;
    void *copy = arena_alloc_raw(a, (size_t)v->n * sizeof *v->items);   /* filled right below */
    memcpy(copy, v->items, (size_t)v->n * sizeof *v->items);
    v->n = 0;
    return copy;
}

static uint32_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

static void ptrmap_insert(PtrMap *m, const void *key, void *value)
{
    uint32_t mask = m->cap - 1, i = ptr_hash(key) & mask;
    while (m->slots[i].key && m->slots[i].key != key)
        i = (i + 1) & mask;
    if (!m->slots[i].key)
        m->n++;
    m->slots[i].key = key;
    m->slots[i].value = value;
}

void sem_ptrmap_reserve(PtrMap *m, Arena *a, uint32_t n)
{
    uint32_t cap = m->cap ? m->cap : 64;
    while (cap < 2 * n)
        cap *= 2;
    if (cap == m->cap)
        return;
    PtrMap old = *m;
    m->cap = cap;
    m->n = 0;
    m->slots = arena_alloc(a, cap * sizeof *m->slots);
    for (uint32_t i = 0; i < old.cap; i++)
        if (old.slots[i].key)
            ptrmap_insert(m, old.slots[i].key, old.slots[i].value);
}

void sem_ptrmap_put(PtrMap *m, Arena *a, const void *key, void *value)
{
    if ((m->n + 1) * 2 > m->cap)
        sem_ptrmap_reserve(m, a, m->cap ? m->cap : 32);
    ptrmap_insert(m, key, value);
}

void *sem_ptrmap_get(const PtrMap *m, const void *key)
{
    if (!m->cap)
        return NULL;
    uint32_t mask = m->cap - 1, i = ptr_hash(key) & mask;
    while (m->slots[i].key) {
        if (m->slots[i].key == key)
            return m->slots[i].value;
        i = (i + 1) & mask;
    }
    return NULL;
}

/* Constant time: a name of 4 bytes or more is hashed by its length and three 4-byte windows (at
   its start, middle and end; they may overlap), a shorter one by its bytes. Names that differ only
   elsewhere collide, which the tables' comparisons sort out. */
uint32_t sem_hash(const char *s, uint32_t len)
{
    uint64_t h;
    if (len >= 4) {
        uint32_t first, middle, last;
        memcpy(&first, s, 4);
        memcpy(&middle, s + len / 2 - 2, 4);
        memcpy(&last, s + len - 4, 4);
        h = ((uint64_t)first << 32 | last) ^ (uint64_t)middle * 0x9E3779B97F4A7C15ULL;
    } else {
        h = len ? (uint64_t)(uint8_t)s[0] << 16 | (uint64_t)(uint8_t)s[len / 2] << 8 | (uint8_t)s[len - 1] : 0;
    }
    h = (h ^ len) * 0xFF51AFD7ED558CCDULL;
    return (uint32_t)(h >> 32);
}

/* ---- the builder ---- */

/* What is collected for a scope while its body is walked; copied into the arena when it closes. */
typedef struct Frame {
    Scope *scope;
    PtrVec bindings, loads, children, returns, yields;
} Frame;

typedef struct Builder {
    Semantic *sem;
    Arena *a;
    Scope *scope;
    const Node *stmt;       /* statement being walked */
    Frame *frames;          /* open scopes, innermost last; vectors are kept for reuse */
    int32_t depth, cap_frames;
    PtrVec functions;       /* every function and lambda scope */
} Builder;

static void index_scope(Arena *a, Scope *s);

/* The frame of an open scope (the current one or an enclosing one, for walrus targets). */
static Frame *frame_of(Builder *b, const Scope *s)
{
    for (int32_t i = b->depth - 1; i >= 0; i--)
        if (b->frames[i].scope == s)
            return &b->frames[i];
    assert(!"bindings only go to open scopes");
    return NULL;
}

static Scope *open_scope(Builder *b, uint8_t kind, const Node *node)
{
    Scope *s = arena_alloc(b->a, sizeof *s);
    s->kind = kind;
    s->node = node;
    s->parent = b->scope;
    if (b->depth > 0)
        vec_push(&b->frames[b->depth - 1].children, s);
    if (b->depth == b->cap_frames) {
        int32_t old_cap = b->cap_frames;
        XGROW(b->frames, b->depth + 1, b->cap_frames, 16);
        /* new frames start with empty vectors, kept for reuse once allocated */
        memset(b->frames + old_cap, 0, (size_t)(b->cap_frames - old_cap) * sizeof *b->frames);
    }
    b->frames[b->depth++].scope = s;
    sem_ptrmap_put(&b->sem->scope_of_def, b->a, node, s);
    if (kind == SCOPE_FUNCTION || kind == SCOPE_LAMBDA) {
        s->func = arena_alloc(b->a, sizeof *s->func);
        s->func->is_async = node->kind == NK_AsyncFunctionDef;
        s->func->is_method = b->scope && b->scope->kind == SCOPE_CLASS;
        vec_push(&b->functions, s);
    }
    return s;
}

/* The innermost scope is complete: move what was collected into it and index its names. */
static void close_scope(Builder *b)
{
    Frame *fr = &b->frames[b->depth - 1];
    Scope *s = fr->scope;
    s->bindings = vec_take(&fr->bindings, b->a, &s->nbindings);
    s->loads = vec_take(&fr->loads, b->a, &s->nloads);
    s->children = vec_take(&fr->children, b->a, &s->nchildren);
    if (s->func) {
        s->func->returns = vec_take(&fr->returns, b->a, &s->func->nreturns);
        s->func->yields = vec_take(&fr->yields, b->a, &s->func->nyields);
    }
    index_scope(b->a, s);
    b->depth--;
}

static void builder_free(Builder *b)
{
    for (int32_t i = 0; i < b->cap_frames; i++) {
        free(b->frames[i].bindings.items);
        free(b->frames[i].loads.items);
        free(b->frames[i].children.items);
        free(b->frames[i].returns.items);
        free(b->frames[i].yields.items);
    }
    free(b->frames);
    free(b->functions.items);
}

static Binding *bind_in(Builder *b, Scope *s, Str name, uint8_t kind, const Node *node,
                        const Node *value, int32_t lineno, int32_t col_offset)
{
    Binding *bd = arena_alloc(b->a, sizeof *bd);
    bd->name = name;
    bd->kind = kind;
    bd->node = node;
    bd->stmt = b->stmt;
    bd->value = value;
    bd->scope = s;
    bd->lineno = lineno;
    bd->col_offset = col_offset;
    vec_push(&frame_of(b, s)->bindings, bd);
    return bd;
}

static Binding *bind(Builder *b, Str name, uint8_t kind, const Node *node, const Node *value)
{
    return bind_in(b, b->scope, name, kind, node, value, node->lineno, node->col_offset);
}

/* Walrus targets bind in the nearest scope that is not a comprehension (PEP 572). */
static Scope *walrus_scope(Scope *s)
{
    while (s->kind == SCOPE_COMPREHENSION && s->parent)
        s = s->parent;
    return s;
}

/* The function scope whose own body we are in (for returns and yields), or NULL. */
static FuncInfo *current_func(Builder *b)
{
    return b->scope->func;
}

static void walk(Builder *b, const Node *n);

static void walk_list(Builder *b, NodeList list)
{
    for (int32_t i = 0; i < list.n; i++)
        if (list.items[i])
            walk(b, list.items[i]);
}

static void add_load(Builder *b, const Node *name);

/* Constants and loaded names, most of the children, are handled here without a call to walk
   (which would do the same: nothing, or add_load). */
static void walk_child(const Node *child, void *builder)
{
    if (child->kind == NK_Constant)
        return;
    if (child->kind == NK_Name && child->v.Name.ctx == EXPR_CONTEXT_Load) {
        add_load(builder, child);
        return;
    }
    walk(builder, child);
}

static void walk_fields(Builder *b, const Node *n)
{
    ast_children_each(n, walk_child, b);
}

/* Bind every Name in an assignment target; attribute and subscript targets are reads of their
   object. `value` is recorded when the target is a plain Name. */
static void bind_target(Builder *b, const Node *t, uint8_t kind, const Node *value)
{
    switch (t->kind) {
    case NK_Name:
        bind(b, t->v.Name.id, kind, t, value);
        break;
    case NK_Tuple:
    case NK_List: {
        NodeList elts = t->kind == NK_Tuple ? t->v.Tuple.elts : t->v.List.elts;
        for (int32_t i = 0; i < elts.n; i++)
            bind_target(b, elts.items[i], kind, NULL);
        break;
    }
    case NK_Starred:
        bind_target(b, t->v.Starred.value, kind, NULL);
        break;
    default:
        walk(b, t);
        break;
    }
}

static void add_load(Builder *b, const Node *name)
{
    vec_push(&b->frames[b->depth - 1].loads, name);
}

/* Parameters of a def/lambda, bound in the new scope with their defaults as values. */
static void bind_params(Builder *b, const Node *args)
{
    const NodeList pos[2] = { args->v.arguments.posonlyargs, args->v.arguments.args };
    int32_t npos = pos[0].n + pos[1].n;
    int32_t first_default = npos - args->v.arguments.defaults.n;
    int32_t index = 0;
    for (int l = 0; l < 2; l++) {
        for (int32_t i = 0; i < pos[l].n; i++, index++) {
            const Node *arg = pos[l].items[i];
            const Node *dflt = index >= first_default
                             ? args->v.arguments.defaults.items[index - first_default] : NULL;
            bind(b, arg->v.arg.arg, BIND_PARAM, arg, dflt);
        }
    }
    if (args->v.arguments.vararg)
        bind(b, args->v.arguments.vararg->v.arg.arg, BIND_PARAM, args->v.arguments.vararg, NULL);
    for (int32_t i = 0; i < args->v.arguments.kwonlyargs.n; i++) {
        const Node *arg = args->v.arguments.kwonlyargs.items[i];
        const Node *dflt = i < args->v.arguments.kw_defaults.n ? args->v.arguments.kw_defaults.items[i] : NULL;
        bind(b, arg->v.arg.arg, BIND_PARAM, arg, dflt);
    }
    if (args->v.arguments.kwarg)
        bind(b, args->v.arguments.kwarg->v.arg.arg, BIND_PARAM, args->v.arguments.kwarg, NULL);
}

/* Defaults and annotations of a signature are evaluated where the def stands. */
static void walk_signature(Builder *b, const Node *args)
{
    walk_list(b, args->v.arguments.defaults);
    walk_list(b, args->v.arguments.kw_defaults);
    const NodeList lists[3] = { args->v.arguments.posonlyargs, args->v.arguments.args,
                                args->v.arguments.kwonlyargs };
    for (int l = 0; l < 3; l++)
        for (int32_t i = 0; i < lists[l].n; i++)
            if (lists[l].items[i]->v.arg.annotation)
                walk(b, lists[l].items[i]->v.arg.annotation);
    if (args->v.arguments.vararg && args->v.arguments.vararg->v.arg.annotation)
        walk(b, args->v.arguments.vararg->v.arg.annotation);
    if (args->v.arguments.kwarg && args->v.arguments.kwarg->v.arg.annotation)
        walk(b, args->v.arguments.kwarg->v.arg.annotation);
}

static void walk_type_params(Builder *b, NodeList params)
{
    for (int32_t i = 0; i < params.n; i++) {
        const Node *p = params.items[i];
        Str name = p->kind == NK_TypeVar ? p->v.TypeVar.name
                 : p->kind == NK_ParamSpec ? p->v.ParamSpec.name : p->v.TypeVarTuple.name;
        bind(b, name, BIND_TYPE_PARAM, p, NULL);
        walk_fields(b, p);
    }
}

static void walk_function(Builder *b, const Node *n)
{
    int is_async = n->kind == NK_AsyncFunctionDef;
    const Node *args = sem_func_args(n);
    walk_list(b, is_async ? n->v.AsyncFunctionDef.decorator_list : n->v.FunctionDef.decorator_list);
    walk_signature(b, args);
    const Node *returns = is_async ? n->v.AsyncFunctionDef.returns : n->v.FunctionDef.returns;
    if (returns)
        walk(b, returns);
    bind(b, sem_func_name(n), BIND_FUNCTION, n, NULL);

    Scope *outer = b->scope;
    const Node *outer_stmt = b->stmt;
    b->scope = open_scope(b, SCOPE_FUNCTION, n);
    b->stmt = NULL;
    walk_type_params(b, is_async ? n->v.AsyncFunctionDef.type_params : n->v.FunctionDef.type_params);
    bind_params(b, args);
    walk_list(b, sem_func_body(n));
    close_scope(b);
    b->scope = outer;
    b->stmt = outer_stmt;
}

static void walk_lambda(Builder *b, const Node *n)
{
    walk_signature(b, n->v.Lambda.args);
    Scope *outer = b->scope;
    b->scope = open_scope(b, SCOPE_LAMBDA, n);
    bind_params(b, n->v.Lambda.args);
    walk(b, n->v.Lambda.body);
    close_scope(b);
    b->scope = outer;
}

static void walk_class(Builder *b, const Node *n)
{
    walk_list(b, n->v.ClassDef.decorator_list);
    walk_list(b, n->v.ClassDef.bases);
    walk_list(b, n->v.ClassDef.keywords);
    bind(b, n->v.ClassDef.name, BIND_CLASS, n, NULL);
    Scope *outer = b->scope;
    const Node *outer_stmt = b->stmt;
    b->scope = open_scope(b, SCOPE_CLASS, n);
    walk_type_params(b, n->v.ClassDef.type_params);
    walk_list(b, n->v.ClassDef.body);
    close_scope(b);
    b->scope = outer;
    b->stmt = outer_stmt;
}

static void walk_comprehension(Builder *b, const Node *n)
{
    NodeList gens = n->kind == NK_ListComp ? n->v.ListComp.generators
                  : n->kind == NK_SetComp ? n->v.SetComp.generators
                  : n->kind == NK_DictComp ? n->v.DictComp.generators
                  : n->v.GeneratorExp.generators;
    if (gens.n > 0)
        walk(b, gens.items[0]->v.comprehension.iter);
    Scope *outer = b->scope;
    b->scope = open_scope(b, SCOPE_COMPREHENSION, n);
    for (int32_t g = 0; g < gens.n; g++) {
        const Node *gen = gens.items[g];
        if (g > 0)
            walk(b, gen->v.comprehension.iter);
        bind_target(b, gen->v.comprehension.target, BIND_FOR, NULL);
        walk_list(b, gen->v.comprehension.ifs);
    }
    if (n->kind == NK_DictComp) {
        walk(b, n->v.DictComp.key);
        walk(b, n->v.DictComp.value);
    } else {
        walk(b, n->kind == NK_ListComp ? n->v.ListComp.elt
                : n->kind == NK_SetComp ? n->v.SetComp.elt : n->v.GeneratorExp.elt);
    }
    close_scope(b);
    b->scope = outer;
}

/* `import a.b.c` binds `a` (standing for "a"); `import a.b as c` binds c = "a.b". */
static void walk_import(Builder *b, const Node *n)
{
    for (int32_t i = 0; i < n->v.Import.names.n; i++) {
        const Node *alias = n->v.Import.names.items[i];
        Str full = alias->v.alias.name;
        Str bound = alias->v.alias.asname;
        if (!bound.s) {
            bound = full;
            const char *dot = memchr(full.s, '.', full.len);
            if (dot)
                bound.len = (uint32_t)(dot - full.s);
        }
        Binding *bd = bind(b, bound, BIND_IMPORT, alias, NULL);
        bd->qualname = arena_strndup(b->a, alias->v.alias.asname.s ? full.s : bound.s,
                                     alias->v.alias.asname.s ? full.len : bound.len);
    }
}

/* `from m import x as y` binds y = "m.x"; relative imports keep their dots (".m.x"). */
static void walk_import_from(Builder *b, const Node *n)
{
    Str module = n->v.ImportFrom.module;
    int32_t level = n->v.ImportFrom.level;
    for (int32_t i = 0; i < n->v.ImportFrom.names.n; i++) {
        const Node *alias = n->v.ImportFrom.names.items[i];
        Str name = alias->v.alias.name;
        if (name.len == 1 && name.s[0] == '*') {
            b->sem->has_star_import = 1;
            continue;
        }
        Binding *bd = bind(b, alias->v.alias.asname.s ? alias->v.alias.asname : name,
                           BIND_IMPORT_FROM, alias, NULL);
        size_t len = (size_t)level + (module.s ? module.len + 1 : 0) + name.len;
        char *q = arena_alloc(b->a, len + 1);
        size_t at = 0;
        for (int32_t d = 0; d < level; d++)
            q[at++] = '.';
        if (module.s) {
            memcpy(q + at, module.s, module.len);
            at += module.len;
            q[at++] = '.';
        }
        memcpy(q + at, name.s, name.len);
        bd->qualname = q;
    }
}

static void bind_names(Builder *b, StrList names, uint8_t kind, const Node *stmt)
{
    for (int32_t i = 0; i < names.n; i++)
        bind(b, names.items[i], kind, stmt, NULL);
}

static void walk_pattern_names(Builder *b, const Node *p)
{
    switch (p->kind) {
    case NK_MatchAs:
        if (p->v.MatchAs.pattern)
            walk(b, p->v.MatchAs.pattern);
        if (p->v.MatchAs.name.s)
            bind(b, p->v.MatchAs.name, BIND_MATCH, p, NULL);
        break;
    case NK_MatchStar:
        if (p->v.MatchStar.name.s)
            bind(b, p->v.MatchStar.name, BIND_MATCH, p, NULL);
        break;
    case NK_MatchMapping:
        walk_list(b, p->v.MatchMapping.keys);
        walk_list(b, p->v.MatchMapping.patterns);
        if (p->v.MatchMapping.rest.s)
            bind(b, p->v.MatchMapping.rest, BIND_MATCH, p, NULL);
        break;
    default:
        walk_fields(b, p);
        break;
    }
}

static void note_return(Builder *b, const Node *n)
{
    FuncInfo *f = current_func(b);
    if (!f)
        return;
    const Node *v = n->v.Return.value;
    if (v && !(v->kind == NK_Constant && v->v.Constant.value.kind == CONST_NONE))
        f->returns_value = 1;
    vec_push(&b->frames[b->depth - 1].returns, n);
}

static void note_yield(Builder *b, const Node *n)
{
    FuncInfo *f = current_func(b);
    if (!f)
        return;
    f->is_generator = 1;
    vec_push(&b->frames[b->depth - 1].yields, n);
}

static int is_statement(uint8_t kind)
{
    return kind >= NK_FunctionDef && kind <= NK_Continue;
}

static void walk(Builder *b, const Node *n)
{
    const Node *outer_stmt = b->stmt;
    if (is_statement(n->kind))
        b->stmt = n;
    switch (n->kind) {
    case NK_FunctionDef:
    case NK_AsyncFunctionDef:
        walk_function(b, n);
        break;
    case NK_Lambda:
        walk_lambda(b, n);
        break;
    case NK_ClassDef:
        walk_class(b, n);
        break;
    case NK_ListComp: case NK_SetComp: case NK_DictComp: case NK_GeneratorExp:
        walk_comprehension(b, n);
        break;
    case NK_Assign: {
        walk(b, n->v.Assign.value);
        for (int32_t i = 0; i < n->v.Assign.targets.n; i++)
            bind_target(b, n->v.Assign.targets.items[i], BIND_ASSIGN, n->v.Assign.value);
        break;
    }
    case NK_AugAssign:
        walk(b, n->v.AugAssign.value);
        if (n->v.AugAssign.target->kind == NK_Name) {
            add_load(b, n->v.AugAssign.target);
            bind(b, n->v.AugAssign.target->v.Name.id, BIND_AUGASSIGN, n->v.AugAssign.target, NULL);
        } else {
            walk(b, n->v.AugAssign.target);
        }
        break;
    case NK_AnnAssign:
        walk(b, n->v.AnnAssign.annotation);
        if (n->v.AnnAssign.value)
            walk(b, n->v.AnnAssign.value);
        bind_target(b, n->v.AnnAssign.target, BIND_ASSIGN, n->v.AnnAssign.value);
        break;
    case NK_TypeAlias:
        bind_target(b, n->v.TypeAlias.name, BIND_ASSIGN, NULL);
        walk_list(b, n->v.TypeAlias.type_params);
        walk(b, n->v.TypeAlias.value);
        break;
    case NK_For:
    case NK_AsyncFor: {
        int is_async = n->kind == NK_AsyncFor;
        walk(b, is_async ? n->v.AsyncFor.iter : n->v.For.iter);
        bind_target(b, is_async ? n->v.AsyncFor.target : n->v.For.target, BIND_FOR, NULL);
        walk_list(b, is_async ? n->v.AsyncFor.body : n->v.For.body);
        walk_list(b, is_async ? n->v.AsyncFor.orelse : n->v.For.orelse);
        break;
    }
    case NK_withitem:
        walk(b, n->v.withitem.context_expr);
        if (n->v.withitem.optional_vars)
            bind_target(b, n->v.withitem.optional_vars, BIND_WITH, NULL);
        break;
    case NK_ExceptHandler:
        if (n->v.ExceptHandler.type)
            walk(b, n->v.ExceptHandler.type);
        if (n->v.ExceptHandler.name.s)
            bind(b, n->v.ExceptHandler.name, BIND_EXCEPT, n, NULL);
        walk_list(b, n->v.ExceptHandler.body);
        break;
    case NK_Import:
        walk_import(b, n);
        break;
    case NK_ImportFrom:
        walk_import_from(b, n);
        break;
    case NK_Global:
        bind_names(b, n->v.Global.names, BIND_GLOBAL, n);
        break;
    case NK_Nonlocal:
        bind_names(b, n->v.Nonlocal.names, BIND_NONLOCAL, n);
        break;
    case NK_NamedExpr: {
        walk(b, n->v.NamedExpr.value);
        const Node *t = n->v.NamedExpr.target;
        bind_in(b, walrus_scope(b->scope), t->v.Name.id, BIND_WALRUS, t, n->v.NamedExpr.value,
                t->lineno, t->col_offset);
        break;
    }
    case NK_Delete:
        for (int32_t i = 0; i < n->v.Delete.targets.n; i++) {
            const Node *t = n->v.Delete.targets.items[i];
            if (t->kind == NK_Name)
                bind(b, t->v.Name.id, BIND_DELETE, t, NULL);
            else
                walk(b, t);
        }
        break;
    case NK_Name:
        if (n->v.Name.ctx == EXPR_CONTEXT_Load)
            add_load(b, n);
        else /* a Del inside a tuple or list target (`del (a, b)`); Store names are bound above */
            bind(b, n->v.Name.id, n->v.Name.ctx == EXPR_CONTEXT_Del ? BIND_DELETE : BIND_ASSIGN, n, NULL);
        break;
    case NK_Return:
        note_return(b, n);
        walk_fields(b, n);
        break;
    case NK_Yield:
    case NK_YieldFrom:
        note_yield(b, n);
        walk_fields(b, n);
        break;
    case NK_MatchAs: case NK_MatchStar: case NK_MatchMapping:
        walk_pattern_names(b, n);
        break;
    default:
        walk_fields(b, n);
        break;
    }
    b->stmt = outer_stmt;
}

/* ---- indexing bindings by name ---- */

/* Group the scope's bindings by name: count per name, then one arena array per name. */
static void index_scope(Arena *a, Scope *s)
{
    if (s->nbindings == 0)
        return;   /* sem_lookup finds nothing in a scope without a table */
    struct NameTable *t = arena_alloc(a, sizeof *t);
    t->cap = 8;
    while (t->cap < (uint32_t)s->nbindings * 2)
        t->cap *= 2;
    t->slots = arena_alloc(a, t->cap * sizeof *t->slots);
    uint32_t *slot_of = arena_alloc_raw(a, (size_t)s->nbindings * sizeof *slot_of);   /* all set below */
    for (int32_t i = 0; i < s->nbindings; i++) {
        const Binding *bd = s->bindings[i];
        uint32_t h = sem_hash(bd->name.s, bd->name.len), at = h & (t->cap - 1);
        while (t->slots[at].name.s && !(t->slots[at].hash == h && t->slots[at].name.len == bd->name.len
                                        && memcmp(t->slots[at].name.s, bd->name.s, bd->name.len) == 0))
            at = (at + 1) & (t->cap - 1);
        NameEntry *e = &t->slots[at];
        e->name = bd->name;
        e->hash = h;
        e->kinds |= 1u << bd->kind;
        e->n++;
        slot_of[i] = at;
    }
    for (uint32_t i = 0; i < t->cap; i++) {
        if (t->slots[i].n) {
            t->slots[i].items = arena_alloc_raw(a, (size_t)t->slots[i].n * sizeof *t->slots[i].items);
            t->slots[i].n = 0;
        }
    }
    for (int32_t i = 0; i < s->nbindings; i++) {
        NameEntry *e = &t->slots[slot_of[i]];
        e->items[e->n++] = s->bindings[i];
    }
    s->names = t;
}

const NameEntry *sem_lookup(const Scope *scope, const char *name, uint32_t len)
{
    return sem_lookup_hashed(scope, name, len, sem_hash(name, len));
}

const NameEntry *sem_lookup_hashed(const Scope *scope, const char *name, uint32_t len, uint32_t h)
{
    const struct NameTable *t = scope->names;
    if (!t)
        return NULL;
    uint32_t at = h & (t->cap - 1);
    while (t->slots[at].name.s) {
        const NameEntry *e = &t->slots[at];
        if (e->hash == h && e->name.len == len && memcmp(e->name.s, name, len) == 0)
            return e;
        at = (at + 1) & (t->cap - 1);
    }
    return NULL;
}

/* Decorators resolve through imports that may come after the def, so after the walk. */
static void resolve_decorators(Semantic *sem, const PtrVec *functions)
{
    for (int32_t i = 0; i < functions->n; i++) {
        const Scope *fs = functions->items[i];
        const Node *def = fs->node;
        if (def->kind == NK_Lambda)
            continue;
        NodeList decos = def->kind == NK_FunctionDef ? def->v.FunctionDef.decorator_list
                                                     : def->v.AsyncFunctionDef.decorator_list;
        fs->func->ndecorators = decos.n;
        fs->func->decorators = arena_alloc(sem->arena, (size_t)(decos.n ? decos.n : 1) * sizeof(char *));
        for (int32_t d = 0; d < decos.n; d++) {
            const Node *e = decos.items[d];
            if (e->kind == NK_Call)
                e = e->v.Call.func;
            fs->func->decorators[d] = sem_qualname(sem, fs->parent, e);
        }
    }
}

Semantic *sem_build(const Node *module, const Source *src, const SemOptions *opt, Arena *a)
{
    Semantic *sem = arena_alloc(a, sizeof *sem);
    sem->arena = a;
    sem->src = src;
    if (opt)
        sem->opt = *opt;
    sem->module_node = module;
    Builder b = { .sem = sem, .a = a };
    sem->module = open_scope(&b, SCOPE_MODULE, module);
    b.scope = sem->module;
    walk_list(&b, module->v.Module.body);
    close_scope(&b);
    resolve_decorators(sem, &b.functions);
    builder_free(&b);
    return sem;
}

/* ---- parents ---- */

const Node *sem_parent(Semantic *sem, const Node *node)
{
    (void)sem;
    return node->parent;
}

const Node *sem_parent_in(Semantic *sem, const Scope *scope, const Node *node)
{
    (void)scope;
    return sem_parent(sem, node);
}

const Scope *sem_module_scope(const Semantic *sem) { return sem->module; }

int sem_has_star_import(const Semantic *sem) { return sem->has_star_import; }

const Scope *sem_scope_of_def(const Semantic *sem, const Node *def)
{
    return sem_ptrmap_get(&sem->scope_of_def, def);
}

const FuncInfo *sem_func_info(const Semantic *sem, const Node *def)
{
    const Scope *s = sem_scope_of_def(sem, def);
    return s ? s->func : NULL;
}

/* ---- node helpers ---- */

const Node *sem_func_args(const Node *def)
{
    switch (def->kind) {
    case NK_FunctionDef: return def->v.FunctionDef.args;
    case NK_AsyncFunctionDef: return def->v.AsyncFunctionDef.args;
    case NK_Lambda: return def->v.Lambda.args;
    default: return NULL;
    }
}

NodeList sem_func_body(const Node *def)
{
    NodeList none = { NULL, 0 };
    switch (def->kind) {
    case NK_FunctionDef: return def->v.FunctionDef.body;
    case NK_AsyncFunctionDef: return def->v.AsyncFunctionDef.body;
    default: return none;
    }
}

Str sem_func_name(const Node *def)
{
    static const char lambda_name[] = "<lambda>";
    switch (def->kind) {
    case NK_FunctionDef: return def->v.FunctionDef.name;
    case NK_AsyncFunctionDef: return def->v.AsyncFunctionDef.name;
    default: return (Str){ lambda_name, sizeof lambda_name - 1 };
    }
}
