/* Building the semantic model: one walk over the module that creates scopes, bindings, loads and
   function facts, then a pass that indexes bindings by name and resolves decorators. */
#include "semantic_internal.h"

#include <string.h>

/* ---- arena vectors and maps ---- */

/* Make room for one more element in an arena array (old storage stays in the arena). */
static void *grow(Arena *a, void *items, int32_t n, int32_t *cap, size_t elem)
{
    if (n < *cap)
        return items;
    int32_t new_cap = *cap ? *cap * 2 : 4;
    void *bigger = arena_alloc(a, (size_t)new_cap * elem);
    if (n)
        memcpy(bigger, items, (size_t)n * elem);
    *cap = new_cap;
    return bigger;
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
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & mask;
    if (!m->keys[i])
        m->n++;
    m->keys[i] = key;
    m->values[i] = value;
}

void ptrmap_put(PtrMap *m, Arena *a, const void *key, void *value)
{
    if ((m->n + 1) * 2 > m->cap) {
        PtrMap old = *m;
        m->cap = old.cap ? old.cap * 2 : 64;
        m->n = 0;
        m->keys = arena_alloc(a, m->cap * sizeof *m->keys);
        m->values = arena_alloc(a, m->cap * sizeof *m->values);
        for (uint32_t i = 0; i < old.cap; i++)
            if (old.keys[i])
                ptrmap_insert(m, old.keys[i], old.values[i]);
    }
    ptrmap_insert(m, key, value);
}

void *ptrmap_get(const PtrMap *m, const void *key)
{
    if (!m->cap)
        return NULL;
    uint32_t mask = m->cap - 1, i = ptr_hash(key) & mask;
    while (m->keys[i]) {
        if (m->keys[i] == key)
            return m->values[i];
        i = (i + 1) & mask;
    }
    return NULL;
}

uint32_t sem_hash(const char *s, uint32_t len)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

/* ---- the builder ---- */

typedef struct ScopeBuild {
    int32_t cap_bindings, cap_loads, cap_children, cap_returns, cap_yields;
} ScopeBuild;

typedef struct Builder {
    Semantic *sem;
    Arena *a;
    Scope *scope;
    PtrMap build_info;      /* Scope -> ScopeBuild (vector capacities) */
    const Node *stmt;       /* statement being walked */
    Scope *cached_scope;    /* last scope looked up in build_info, and its entry */
    ScopeBuild *cached_info;
} Builder;

static ScopeBuild *build_info(Builder *b, Scope *s)
{
    if (s == b->cached_scope)
        return b->cached_info;
    ScopeBuild *info = ptrmap_get(&b->build_info, s);
    if (!info) {
        info = arena_alloc(b->a, sizeof *info);
        ptrmap_put(&b->build_info, b->a, s, info);
    }
    b->cached_scope = s;
    b->cached_info = info;
    return info;
}

static Scope *open_scope(Builder *b, uint8_t kind, const Node *node)
{
    Scope *s = arena_alloc(b->a, sizeof *s);
    s->kind = kind;
    s->node = node;
    s->parent = b->scope;
    if (b->scope) {
        Scope *p = b->scope;
        p->children = grow(b->a, p->children, p->nchildren, &build_info(b, p)->cap_children,
                           sizeof *p->children);
        p->children[p->nchildren++] = s;
    }
    if (node)
        ptrmap_put(&b->sem->scope_of_def, b->a, node, s);
    if (kind == SCOPE_FUNCTION || kind == SCOPE_LAMBDA) {
        Semantic *sem = b->sem;
        s->func = arena_alloc(b->a, sizeof *s->func);
        s->func->is_async = node->kind == NK_AsyncFunctionDef;
        s->func->is_method = b->scope && b->scope->kind == SCOPE_CLASS;
        sem->functions = grow(b->a, sem->functions, sem->nfunctions, &sem->cap_functions,
                              sizeof *sem->functions);
        sem->functions[sem->nfunctions++] = s;
    }
    return s;
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
    s->bindings = grow(b->a, s->bindings, s->nbindings, &build_info(b, s)->cap_bindings,
                       sizeof *s->bindings);
    s->bindings[s->nbindings++] = bd;
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

static void walk_fields(Builder *b, const Node *n)
{
    const KindInfo *info = &ast_kinds[n->kind];
    for (int f = 0; f < info->nfields; f++) {
        const char *field = (const char *)n + info->fields[f].offset;
        if (info->fields[f].type == F_NODE || info->fields[f].type == F_OPT_NODE) {
            const Node *child = *(Node *const *)field;
            if (child)
                walk(b, child);
        } else if (info->fields[f].type == F_LIST) {
            walk_list(b, *(const NodeList *)field);
        }
    }
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
    Scope *s = b->scope;
    s->loads = grow(b->a, s->loads, s->nloads, &build_info(b, s)->cap_loads, sizeof *s->loads);
    s->loads[s->nloads++] = name;
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
        if (name.len == 1 && name.s[0] == '*')
            continue;
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
    ScopeBuild *info = build_info(b, b->scope);
    f->returns = grow(b->a, f->returns, f->nreturns, &info->cap_returns, sizeof *f->returns);
    f->returns[f->nreturns++] = n;
}

static void note_yield(Builder *b, const Node *n)
{
    FuncInfo *f = current_func(b);
    if (!f)
        return;
    f->is_generator = 1;
    ScopeBuild *info = build_info(b, b->scope);
    f->yields = grow(b->a, f->yields, f->nyields, &info->cap_yields, sizeof *f->yields);
    f->yields[f->nyields++] = n;
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
        else /* Store/Del outside the statements above (should not happen), keep it visible */
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

static void index_scope(Arena *a, Scope *s)
{
    struct NameTable *t = arena_alloc(a, sizeof *t);
    t->cap = 8;
    while (t->cap < (uint32_t)s->nbindings * 2)
        t->cap *= 2;
    t->slots = arena_alloc(a, t->cap * sizeof *t->slots);
    /* First pass counts bindings per name, second fills the arrays. */
    for (int pass = 0; pass < 2; pass++) {
        for (int32_t i = 0; i < s->nbindings; i++) {
            const Binding *bd = s->bindings[i];
            uint32_t h = sem_hash(bd->name.s, bd->name.len), at = h & (t->cap - 1);
            while (t->slots[at].name.s && !(t->slots[at].hash == h && t->slots[at].name.len == bd->name.len
                                            && memcmp(t->slots[at].name.s, bd->name.s, bd->name.len) == 0))
                at = (at + 1) & (t->cap - 1);
            NameEntry *e = &t->slots[at];
            if (pass == 0) {
                e->name = bd->name;
                e->hash = h;
                e->n++;
            } else {
                e->items[e->n++] = bd;
            }
        }
        if (pass == 0) {
            for (uint32_t i = 0; i < t->cap; i++) {
                if (t->slots[i].n) {
                    t->slots[i].items = arena_alloc(a, (size_t)t->slots[i].n * sizeof *t->slots[i].items);
                    t->slots[i].n = 0;
                }
            }
        }
    }
    s->names = t;
    for (int32_t i = 0; i < s->nchildren; i++)
        index_scope(a, s->children[i]);
}

const NameEntry *sem_lookup(const Scope *scope, const char *name, uint32_t len)
{
    const struct NameTable *t = scope->names;
    if (!t)
        return NULL;
    uint32_t h = sem_hash(name, len), at = h & (t->cap - 1);
    while (t->slots[at].name.s) {
        const NameEntry *e = &t->slots[at];
        if (e->hash == h && e->name.len == len && memcmp(e->name.s, name, len) == 0)
            return e;
        at = (at + 1) & (t->cap - 1);
    }
    return NULL;
}

/* Decorators resolve through imports that may come after the def, so after the walk. */
static void resolve_decorators(Semantic *sem)
{
    for (int32_t i = 0; i < sem->nfunctions; i++) {
        Scope *fs = sem->functions[i];
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

Semantic *sem_build(const Node *module, const Source *src, const CheckOptions *opt, Arena *a)
{
    Semantic *sem = arena_alloc(a, sizeof *sem);
    sem->arena = a;
    sem->src = src;
    sem->opt = opt;
    sem->module_node = module;
    Builder b = { .sem = sem, .a = a };
    sem->module = open_scope(&b, SCOPE_MODULE, module);
    b.scope = sem->module;
    walk_list(&b, module->v.Module.body);
    index_scope(a, sem->module);
    resolve_decorators(sem);
    return sem;
}

/* ---- parents, built on demand ---- */

static void record_parents(Semantic *sem, const Node *n)
{
    const KindInfo *info = &ast_kinds[n->kind];
    for (int f = 0; f < info->nfields; f++) {
        const char *field = (const char *)n + info->fields[f].offset;
        if (info->fields[f].type == F_NODE || info->fields[f].type == F_OPT_NODE) {
            const Node *child = *(Node *const *)field;
            if (child) {
                ptrmap_put(&sem->parents, sem->arena, child, (void *)n);
                record_parents(sem, child);
            }
        } else if (info->fields[f].type == F_LIST) {
            NodeList list = *(const NodeList *)field;
            for (int32_t i = 0; i < list.n; i++) {
                if (list.items[i]) {
                    ptrmap_put(&sem->parents, sem->arena, list.items[i], (void *)n);
                    record_parents(sem, list.items[i]);
                }
            }
        }
    }
}

const Node *sem_parent(Semantic *sem, const Node *node)
{
    if (!sem->parents_built) {
        sem->parents_built = 1;
        record_parents(sem, sem->module_node);
    }
    return ptrmap_get(&sem->parents, node);
}

const Scope *sem_module_scope(const Semantic *sem) { return sem->module; }

const Scope *sem_scope_of_def(const Semantic *sem, const Node *def)
{
    return ptrmap_get(&sem->scope_of_def, def);
}

const FuncInfo *sem_func_info(const Semantic *sem, const Node *def)
{
    const Scope *s = sem_scope_of_def(sem, def);
    return s ? s->func : NULL;
}

/* ---- node helpers ---- */

int sem_str_eq(Str s, const char *cstr)
{
    size_t len = strlen(cstr);
    return s.s && s.len == len && memcmp(s.s, cstr, len) == 0;
}

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
