/* Building a module's summary (summary.h) from its tree and semantic model.

   Parameter effects are read from the uses of each parameter, flow-insensitively: every Name read
   in the function's own scope that still resolves to the parameter is classified by the node
   around it (a mutating method call on it, a store into it, an argument of a call...). A
   parameter rebound on some path is only trusted when the rebinding is the `None`-sentinel idiom
   (`if p is None: p = []`, `p = p or {}`): the caller's object is then still the one used when it
   was given. Otherwise SUM_PARAM_REBOUND tells the project phase not to trust the effects.

   Memory: the summary, its arrays and its strings come from a Pool of malloc'ed blocks chained
   through their first word (ModSummary.pool; a summary read from the cache has its own in
   ModSummary.blocks), not one malloc each: summary_free frees the blocks. */
#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "../ast/ast_walk.h"
#include "../util/buf.h"
#include "../util/xalloc.h"

/* Calls that declare a dataclass field rather than build its value (same list as GT109). */
static const char *const field_specifiers[] = {
    "dataclasses.field", "attr.ib", "attr.attrib", "attr.field", "attrs.field", "attr.Factory",
    "attrs.Factory", "pydantic.Field", "pydantic.fields.Field", NULL,
};

static const char *const enum_bases[] = {
    "enum.Enum", "enum.Flag", "enum.IntEnum", "enum.IntFlag", "enum.StrEnum", NULL,
};

static const char *const namedtuple_bases[] = {
    "typing.NamedTuple", "typing_extensions.NamedTuple", NULL,
};

static int in_list(const char *s, const char *const *names)
{
    for (int i = 0; s && names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return 1;
    return 0;
}

/* ---- memory ---- */

/* Blocks handed out in 8-byte aligned pieces; each block starts with the address of the one made
   before it (free_blocks frees the chain). */
typedef struct Pool {
    void *blocks;
    char *cur;
    size_t left;
    size_t next_size;        /* of the next block: doubled up to POOL_MAX_BLOCK */
} Pool;

#define POOL_FIRST_BLOCK 2048
#define POOL_MAX_BLOCK (256 * 1024)
#define POOL_HEADER 8        /* the chain's word, keeping what follows 8-byte aligned */

/* Uninitialized room for `size` bytes. */
static void *pool_alloc(Pool *pool, size_t size)
{
    size = (size + 7u) & ~(size_t)7u;
    if (size > pool->left) {
        size_t want = size > pool->next_size ? size : pool->next_size;
        char *block = xmalloc(POOL_HEADER + want);
        *(void **)block = pool->blocks;
        pool->blocks = block;
        pool->cur = block + POOL_HEADER;
        pool->left = want;
        if (pool->next_size < POOL_MAX_BLOCK)
            pool->next_size *= 2;
    }
    void *p = pool->cur;
    pool->cur += size;
    pool->left -= size;
    return p;
}

static void *pool_zalloc(Pool *pool, size_t size)
{
    void *p = pool_alloc(pool, size);
    memset(p, 0, size);
    return p;
}

/* `items` with room for `need` of `elem` bytes: *cap doubled from `initial` (XGROW's policy), the
   first *cap old ones copied; the old array stays in the pool. */
static void *pool_grow(Pool *pool, void *items, int32_t *cap, int32_t need, size_t elem, int32_t initial)
{
    if (need <= *cap)
        return items;
    int32_t cap2 = *cap ? *cap : initial;
    while (cap2 < need)
        cap2 *= 2;
    void *grown = pool_alloc(pool, (size_t)cap2 * elem);
    if (*cap)
        memcpy(grown, items, (size_t)*cap * elem);
    *cap = cap2;
    return grown;
}

#define POOL_GROW(pool, items, need, cap, initial) \
    ((items) = pool_grow((pool), (items), &(cap), (need), sizeof *(items), (initial)))

/* Room for item `n` of an array grown one item at a time that keeps no capacity: it is implied by
   n (4, then the next power of two). */
static void *pool_room_for(Pool *pool, void *items, int32_t n, size_t elem)
{
    if (n > 0 && (n < 4 || (n & (n - 1))))
        return items;
    size_t cap = n < 4 ? 4 : (size_t)n * 2;
    void *grown = pool_alloc(pool, cap * elem);
    if (n)
        memcpy(grown, items, (size_t)n * elem);
    return grown;
}

static char *pool_strndup(Pool *pool, const char *s, size_t len)
{
    char *out = pool_alloc(pool, len + 1);
    if (len)
        memcpy(out, s, len);
    out[len] = 0;
    return out;
}

static char *pool_strdup(Pool *pool, const char *s)
{
    return pool_strndup(pool, s, strlen(s));
}

static char *str_dup(Pool *pool, Str s)
{
    return pool_strndup(pool, s.s ? s.s : "", s.len);
}

/* parts[0..n) one after the other (cheaper than xasprintf on this path: one per method and
   reference). */
static char *concat(Pool *pool, const Str *parts, int n)
{
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += parts[i].len;
    char *out = pool_alloc(pool, len + 1), *at = out;
    for (int i = 0; i < n; i++) {
        if (parts[i].len)
            memcpy(at, parts[i].s, parts[i].len);
        at += parts[i].len;
    }
    *at = 0;
    return out;
}

static Str cstr(const char *s)
{
    return (Str){ s, (uint32_t)strlen(s) };
}

static int str_is(Str s, Str t)
{
    /* the first bytes first: most names of a function's reads differ there (no call of memcmp) */
    return s.len == t.len && (s.len == 0 || (s.s[0] == t.s[0] && memcmp(s.s, t.s, s.len) == 0));
}

static int is_name_of_str(const Node *e, Str name)
{
    return e && e->kind == NK_Name && name.len && str_is(e->v.Name.id, name);
}

/* Module-level names, up to 16 (n -1: more, then every name counts). */
typedef struct Kept {
    Str names[16];
    int n;
} Kept;

/* Builder state: growable arrays of the summary. */
typedef struct Builder {
    Semantic *sem;
    ModSummary *m;
    Pool pool;               /* everything of m */
    Kept kept[2];            /* the module-level names functions keep a parameter in: as the name
                                (SUM_STORE_GLOBAL), as an item (SUM_STORE_ITEM); own_global
                                records the mutations of these only */
    int32_t cap_names, cap_funcs, cap_classes, cap_stars, cap_all, cap_uses, cap_calls;
    int all_unknown;         /* `__all__` was grown by something else than a literal */
} Builder;

/* ---- references ---- */

/* `@name` for a module-level def or class, the import's qualified name for an imported name
   (or an attribute chain on one), else NULL. */
static char *reference(Pool *pool, Semantic *sem, const Scope *scope, const Node *e)
{
    const Node *root = e;
    while (root->kind == NK_Attribute)
        root = root->v.Attribute.value;
    if (root->kind != NK_Name)
        return NULL;
    const Binding *bd = sem_resolve_name(sem, scope, root);
    if (!bd) {   /* bound nowhere, not a builtin: maybe a name of a `from m import *` */
        if (e->kind != NK_Name || !sem_has_star_import(sem) || sem_qualname(sem, scope, root))
            return NULL;
        return concat(pool, (Str[]){ { "@", 1 }, root->v.Name.id }, 2);
    }
    if (bd->kind == BIND_IMPORT || bd->kind == BIND_IMPORT_FROM) {
        const char *q = sem_qualname(sem, scope, e);
        return q ? pool_strdup(pool, q) : NULL;
    }
    if ((bd->kind == BIND_FUNCTION || bd->kind == BIND_CLASS) && bd->scope->kind == SCOPE_MODULE
        && e->kind == NK_Name)
        return concat(pool, (Str[]){ { "@", 1 }, root->v.Name.id }, 2);
    if (bd->kind == BIND_CLASS && bd->scope->kind == SCOPE_MODULE && e->kind == NK_Attribute
        && e->v.Attribute.value == root)   /* `Cls.method` */
        return concat(pool, (Str[]){ { "@", 1 }, root->v.Name.id, { ".", 1 }, e->v.Attribute.attr }, 4);
    return NULL;
}

/* ---- parameters ---- */

static void param_pass(Pool *pool, SumParam *p, char *callee, int32_t index, Str kw, int32_t line)
{
    p->passes = pool_room_for(pool, p->passes, p->npasses, sizeof *p->passes);
    p->passes[p->npasses++] = (DiagRef){ .target = callee, .index = index,
                                         .keyword = kw.s ? str_dup(pool, kw) : NULL, .line = line };
}

static void param_mutates(SumParam *p, int32_t line)
{
    if (!(p->effects & SUM_PARAM_MUTATES) || line < p->line)
        p->line = line;
    p->effects |= SUM_PARAM_MUTATES;
}

static void note_store(Pool *pool, const Scope *fs, SumParam *p, uint8_t kind, Str name, const Node *st);

/* `e` is a Name of function scope `fs` that stands for a module-level name of the module bound to
   a value (a container: neither an import, a def nor a class). */
static int module_value(Semantic *sem, const Scope *fs, const Node *e)
{
    if (!e || e->kind != NK_Name)
        return 0;
    const Binding *bd = sem_resolve_name(sem, fs, e);
    return bd && bd->scope->kind == SCOPE_MODULE && fs->kind != SCOPE_MODULE
           && bd->kind == BIND_ASSIGN;
}

/* The parameter is an argument of `call` (directly, or as the value of keyword `kw`). */
static void use_as_argument(Pool *pool, Semantic *sem, const Scope *fs, SumParam *p, const Node *call,
                            const Node *arg,
                            Str kw)
{
    const Node *func = call->v.Call.func;
    int32_t index = -1;
    for (int32_t i = 0; !kw.s && i < call->v.Call.args.n; i++) {
        if (call->v.Call.args.items[i]->kind == NK_Starred)
            break;
        if (call->v.Call.args.items[i] == arg)
            index = i;
    }
    if (!kw.s && index < 0) {
        p->effects |= SUM_PARAM_UNKNOWN;   /* after a `*args`: the position is unknown */
        return;
    }
    if (func->kind == NK_Attribute && sem_is_storing_method(func->v.Attribute.attr)) {
        p->effects |= SUM_PARAM_STORES;
        if (module_value(sem, fs, func->v.Attribute.value))   /* `G.append(p)` */
            note_store(pool, fs, p, SUM_STORE_ITEM, func->v.Attribute.value->v.Name.id, call);
        return;
    }
    const char *q = sem_qualname(sem, fs, func);
    if (index == 0 && sem_is_mutating_function(q)) {
        param_mutates(p, call->lineno);
        return;
    }
    char *ref = reference(pool, sem, fs, func);
    if (ref)
        param_pass(pool, p, ref, index, kw, call->lineno);
    else if (q && !strchr(q, '.'))
        p->effects |= SUM_PARAM_READS;     /* a builtin: len(p), isinstance(p, T), str(p) */
    else
        p->effects |= SUM_PARAM_UNKNOWN;
}

/* `self.items.append(x)`, `self.items[k] = v`, `self.items.x = v`, `del self.items[k]`: the
   attribute's object is mutated (`self.items += ...` rebinds the attribute: not counted). */
static int mutates_attribute(Semantic *sem, const Scope *fs, const Node *attr)
{
    const Node *up = sem_parent_in(sem, fs, attr);
    if (!up)
        return 0;
    if (up->kind == NK_Subscript)
        return up->v.Subscript.value == attr && up->v.Subscript.ctx != EXPR_CONTEXT_Load;
    if (up->kind != NK_Attribute || up->v.Attribute.value != attr)
        return 0;
    if (up->v.Attribute.ctx != EXPR_CONTEXT_Load)
        return 1;
    const Node *call = sem_parent_in(sem, fs, up);
    return call && call->kind == NK_Call && call->v.Call.func == up && sem_is_mutating_method(up->v.Attribute.attr);
}

static void note_attr_mutation(Pool *pool, SumClass *c, const char *method, Str attr, int32_t line)
{
    for (int32_t i = 0; i < c->nmutations; i++)
        if (strcmp(c->mutations[i].method, method) == 0 && str_is((Str){ c->mutations[i].attr,
                                                                         (uint32_t)strlen(c->mutations[i].attr) }, attr))
            return;
    c->mutations = pool_room_for(pool, c->mutations, c->nmutations, sizeof *c->mutations);
    c->mutations[c->nmutations++] = (SumAttrMutation){ str_dup(pool, attr), pool_strdup(pool, method), line };
}

#define MAX_REBINDS 16
#define MAX_SEEN 64

/* `self.<attr> = value` at the top of a method's body: later mutations of `self.<attr>` in the
   method change that value, not what the instance held before. */
typedef struct Rebind {
    Str attr;
    Str param;               /* the value when it is a parameter of the method, else empty */
    int32_t line;
    int32_t mutated;         /* first mutation after it (a mutation of `param`), else 0 */
} Rebind;

/* The class whose instance methods are being summarized (their first parameter is `self`). */
typedef struct SelfOf {
    SumClass *cls;
    const char *method;
    Str self;                /* the instance parameter */
    Rebind rebinds[MAX_REBINDS];
    int nrebinds;
    struct { Str attr; int32_t line; } seen[MAX_SEEN];   /* mutations of `self.<attr>`, decided */
    int nseen;                                         /* once the rebindings are known */
} SelfOf;

/* A mutation of `self.<attr>` at `line`: the object the instance held, unless a rebinding at the
   top of the method precedes it (then, when that rebinding stored a parameter, the parameter's). */
static void decide_attr_mutation(Pool *pool, SelfOf *self, Str attr, int32_t line)
{
    Rebind *last = NULL;
    for (int i = 0; i < self->nrebinds; i++)
        if (str_is(self->rebinds[i].attr, attr) && self->rebinds[i].line < line
            && (!last || self->rebinds[i].line > last->line))
            last = &self->rebinds[i];
    if (!last)
        note_attr_mutation(pool, self->cls, self->method, attr, line);
    else if (last->param.len && (!last->mutated || line < last->mutated))
        last->mutated = line;
}

/* The rebindings of `self.<attr>` by statements of the method's own body (not nested in a
   branch or loop): `self` is read at `load`. */
static void note_rebind(Semantic *sem, const Scope *fs, SelfOf *self, const Node *attr)
{
    const Node *st = attr->parent;
    if (!st || st->kind != NK_Assign || st->parent != fs->node || self->nrebinds >= MAX_REBINDS)
        return;
    Rebind *r = &self->rebinds[self->nrebinds++];
    *r = (Rebind){ attr->v.Attribute.attr, { NULL, 0 }, st->lineno, 0 };
    const Node *v = st->v.Assign.value;
    const Binding *bd = v->kind == NK_Name ? sem_resolve_name(sem, fs, v) : NULL;
    if (bd && bd->kind == BIND_PARAM)
        r->param = v->v.Name.id;
}

static void use_in_attribute(Pool *pool, Semantic *sem, const Scope *fs, SumParam *p, const Node *attr,
                             SelfOf *self)
{
    if (self && attr->v.Attribute.ctx == EXPR_CONTEXT_Store)
        note_rebind(sem, fs, self, attr);
    if (self && mutates_attribute(sem, fs, attr)) {   /* decided after the walk (rebindings) */
        if (self->nseen < MAX_SEEN) {
            self->seen[self->nseen].attr = attr->v.Attribute.attr;
            self->seen[self->nseen++].line = attr->lineno;
        } else {
            decide_attr_mutation(pool, self, attr->v.Attribute.attr, attr->lineno);
        }
    }
    const Node *up = sem_parent_in(sem, fs, attr);
    if (attr->v.Attribute.ctx != EXPR_CONTEXT_Load)
        param_mutates(p, attr->lineno);   /* `p.a = v`, `del p.a` */
    else if (up && up->kind == NK_Call && up->v.Call.func == attr && sem_is_mutating_method(attr->v.Attribute.attr))
        param_mutates(p, up->lineno);
    else
        p->effects |= SUM_PARAM_READS;
}

static int is_name_of(const Node *e, Str name);

/* `test` holds only when the parameter `name` is truthy (non-empty): `p`, `p and ...`, `len(p)`;
   with `negated`, the test is false only then (`not p`: its else branch). */
static int truthy_test(const Node *test, Str name, int negated)
{
    if (negated)
        return test->kind == NK_UnaryOp && test->v.UnaryOp.op == UNARYOP_Not
               && truthy_test(test->v.UnaryOp.operand, name, 0);
    if (test->kind == NK_BoolOp && test->v.BoolOp.op == BOOLOP_And) {
        for (int32_t i = 0; i < test->v.BoolOp.values.n; i++)
            if (truthy_test(test->v.BoolOp.values.items[i], name, 0))
                return 1;
        return 0;
    }
    if (test->kind == NK_Call && test->v.Call.args.n == 1 && is_name_of(test->v.Call.func, (Str){ "len", 3 }))
        test = test->v.Call.args.items[0];
    return is_name_of(test, name);
}

/* Statement `st` of function `fs` runs only when the parameter `name` is truthy: an empty
   argument (the usual default) is never stored there (`if items: self.items = items`). */
static int only_if_truthy(const Scope *fs, const Node *st, Str name)
{
    for (const Node *n = st; n && n->parent && n != fs->node; n = n->parent) {
        const Node *up = n->parent;
        if (up->kind != NK_If)
            continue;
        int in_body = 0;
        for (int32_t i = 0; i < up->v.If.body.n; i++)
            in_body |= up->v.If.body.items[i] == n;
        if (n != up->v.If.test && truthy_test(up->v.If.test, name, !in_body))
            return 1;
    }
    return 0;
}

static void note_store(Pool *pool, const Scope *fs, SumParam *p, uint8_t kind, Str name, const Node *st)
{
    if (p->store != SUM_STORE_NONE || only_if_truthy(fs, st, (Str){ p->name, (uint32_t)strlen(p->name) }))
        return;
    int32_t line = st->lineno;
    p->store = kind;
    p->store_name = str_dup(pool, name);
    p->store_line = line;
}

/* `x = p`, `self.x = p` (in an instance method: SUM_STORE_ATTR), `G = p` with `global G`
   (SUM_STORE_GLOBAL), `x[k] = p` (`G[k] = p` of a module-level G: SUM_STORE_ITEM). */
static void use_in_assign(Pool *pool, Semantic *sem, const Scope *fs, SumParam *p, const Node *assign,
                          const SelfOf *self)
{
    NodeList targets = assign->v.Assign.targets;
    for (int32_t i = 0; i < targets.n; i++) {
        const Node *t = targets.items[i];
        if (t->kind == NK_Name) {
            char name[256];
            const Binding *bd[1];
            if (t->v.Name.id.len < sizeof name) {
                memcpy(name, t->v.Name.id.s, t->v.Name.id.len);
                name[t->v.Name.id.len] = 0;
                if (sem_bindings_of(fs, name, bd, 1) > 0 && bd[0]->kind == BIND_GLOBAL) {
                    p->effects |= SUM_PARAM_STORES;
                    note_store(pool, fs, p, SUM_STORE_GLOBAL, t->v.Name.id, assign);
                    continue;
                }
            }
            p->effects |= SUM_PARAM_ALIASED;
            continue;
        }
        p->effects |= SUM_PARAM_STORES;
        if (self && t->kind == NK_Attribute && is_name_of_str(t->v.Attribute.value, self->self))
            note_store(pool, fs, p, SUM_STORE_ATTR, t->v.Attribute.attr, assign);
        else if (t->kind == NK_Subscript && module_value(sem, fs, t->v.Subscript.value))   /* `G[k] = p` */
            note_store(pool, fs, p, SUM_STORE_ITEM, t->v.Subscript.value->v.Name.id, assign);
    }
}

/* One read of the parameter in the function's own scope, classified by its parent. `self`: the
   method's class (NULL outside an instance method), `is_self`: the parameter is its instance. */
static void classify_use(Pool *pool, Semantic *sem, const Scope *fs, SumParam *p, const Node *name, SelfOf *self,
                         int is_self)
{
    const Node *up = sem_parent_in(sem, fs, name);
    if (!up) {
        p->effects |= SUM_PARAM_READS;
        return;
    }
    switch (up->kind) {
    case NK_Attribute:
        use_in_attribute(pool, sem, fs, p, up, is_self ? self : NULL);
        break;
    case NK_Subscript:
        if (up->v.Subscript.value == name && up->v.Subscript.ctx != EXPR_CONTEXT_Load)
            param_mutates(p, up->lineno);
        else
            p->effects |= SUM_PARAM_READS;
        break;
    case NK_Call:
        if (up->v.Call.func == name)
            p->effects |= SUM_PARAM_CALLS;
        else
            use_as_argument(pool, sem, fs, p, up, name, (Str){ NULL, 0 });
        break;
    case NK_keyword: {
        const Node *call = sem_parent_in(sem, fs, up);
        if (call && call->kind == NK_Call && up->v.keyword.arg.s)
            use_as_argument(pool, sem, fs, p, call, name, up->v.keyword.arg);
        else
            p->effects |= SUM_PARAM_UNKNOWN;
        break;
    }
    case NK_Return:
        p->effects |= SUM_PARAM_RETURNS;
        break;
    case NK_Yield:
    case NK_YieldFrom:
        p->effects |= SUM_PARAM_STORES;
        break;
    case NK_Assign:
        if (up->v.Assign.value == name)
            use_in_assign(pool, sem, fs, p, up, self);
        break;
    case NK_List:
    case NK_Tuple:
    case NK_Set:
    case NK_Dict:
    case NK_Starred:
    case NK_NamedExpr:
    case NK_AnnAssign:
        p->effects |= SUM_PARAM_ALIASED;
        break;
    default:
        p->effects |= SUM_PARAM_READS;
        break;
    }
}

static int is_name_of(const Node *e, Str name)
{
    return e && e->kind == NK_Name && str_is(e->v.Name.id, name);
}

/* `p is None`, `not p`, `p is None or ...`: a test under which `p = ...` only replaces a missing
   argument. */
static int tests_missing(const Node *test, Str name)
{
    if (!test)
        return 0;
    if (test->kind == NK_UnaryOp && test->v.UnaryOp.op == UNARYOP_Not)
        return is_name_of(test->v.UnaryOp.operand, name);
    if (test->kind == NK_Compare)
        return is_name_of(test->v.Compare.left, name);
    if (test->kind == NK_BoolOp) {
        for (int32_t i = 0; i < test->v.BoolOp.values.n; i++)
            if (tests_missing(test->v.BoolOp.values.items[i], name))
                return 1;
    }
    return is_name_of(test, name);
}

/* The `if` statement whose body (or else branch) holds `stmt` directly, searched in `body` and
   the bodies of its compound statements; NULL if none. */
static const Node *enclosing_if(NodeList body, const Node *stmt)
{
    for (int32_t i = 0; i < body.n; i++) {
        const Node *s = body.items[i];
        const Node *found = NULL;
        switch (s->kind) {
        case NK_If:
            for (int32_t k = 0; k < s->v.If.body.n; k++)
                if (s->v.If.body.items[k] == stmt)
                    return s;
            found = enclosing_if(s->v.If.body, stmt);
            if (!found)
                found = enclosing_if(s->v.If.orelse, stmt);
            break;
        case NK_For:
            found = enclosing_if(s->v.For.body, stmt);
            break;
        case NK_AsyncFor:
            found = enclosing_if(s->v.AsyncFor.body, stmt);
            break;
        case NK_While:
            found = enclosing_if(s->v.While.body, stmt);
            break;
        case NK_With:
            found = enclosing_if(s->v.With.body, stmt);
            break;
        case NK_AsyncWith:
            found = enclosing_if(s->v.AsyncWith.body, stmt);
            break;
        case NK_Try:
            found = enclosing_if(s->v.Try.body, stmt);
            break;
        case NK_TryStar:
            found = enclosing_if(s->v.TryStar.body, stmt);
            break;
        default:
            break;
        }
        if (found)
            return found;
    }
    return NULL;
}

/* A rebinding that only replaces a missing argument: inside `if p is None:` / `if not p:`, or
   `p = p or ...` / `p = ... if p is None else p`. */
static int is_fallback(Semantic *sem, const Scope *fs, const Binding *b)
{
    if (b->kind == BIND_AUGASSIGN)
        return 1;   /* an in-place change of the same object, counted as a mutation */
    if (b->kind != BIND_ASSIGN || !b->stmt)
        return 0;
    const Node *v = b->value;
    if (v && v->kind == NK_BoolOp && v->v.BoolOp.values.n > 0 && is_name_of(v->v.BoolOp.values.items[0], b->name))
        return 1;
    if (v && v->kind == NK_IfExp && tests_missing(v->v.IfExp.test, b->name))
        return 1;
    const Node *up = fs->node->kind == NK_Lambda ? NULL : enclosing_if(sem_func_body(fs->node), b->stmt);
    return up && tests_missing(up->v.If.test, b->name);
}

/* Reads of `param` in scopes nested in `s` (closures, lambdas, comprehensions). */
static int captured_in(Semantic *sem, const Scope *s, const Binding *param)
{
    for (int32_t c = 0; c < s->nchildren; c++) {
        const Scope *child = s->children[c];
        for (int32_t i = 0; i < child->nloads; i++)
            if (str_is(child->loads[i]->v.Name.id, param->name)
                && sem_resolve_name(sem, child, child->loads[i]) == param)
                return 1;
        if (captured_in(sem, child, param))
            return 1;
    }
    return 0;
}

/* Is `b` one of the bindings that still hold the argument: the parameter or a fallback? */
static int holds_argument(const Binding *b, const Binding *const *keep, int32_t nkeep)
{
    for (int32_t i = 0; i < nkeep; i++)
        if (keep[i] == b)
            return 1;
    return 0;
}

#define MAX_REBINDINGS 64

static void summarize_param(Pool *pool, Semantic *sem, const Scope *fs, const Binding *pb, SumParam *p,
                            SelfOf *self, int is_self)
{
    p->name = str_dup(pool, pb->name);
    const Binding *all[MAX_REBINDINGS], *keep[MAX_REBINDINGS];
    int32_t nkeep = 0;
    char name[256];
    if (pb->name.len >= sizeof name)
        return;
    memcpy(name, pb->name.s, pb->name.len);
    name[pb->name.len] = 0;
    int32_t n = sem_bindings_of(fs, name, all, MAX_REBINDINGS);
    for (int32_t i = 0; i < n && i < MAX_REBINDINGS; i++) {
        if (all[i]->kind == BIND_AUGASSIGN)
            param_mutates(p, all[i]->lineno);
        if (all[i] == pb || is_fallback(sem, fs, all[i]))
            keep[nkeep++] = all[i];
        else
            p->effects |= SUM_PARAM_REBOUND;
    }
    if (n > MAX_REBINDINGS)
        p->effects |= SUM_PARAM_REBOUND;
    /* The parameter alone binds its name in fs (most do): every read of the name there resolves to
       it, as sem_resolve_name would find (the one binding of the name's entry, which is neither a
       global nor a nonlocal one). */
    int only_param = n == 1 && all[0] == pb;
    for (int32_t i = 0; i < fs->nloads; i++) {
        const Node *load = fs->loads[i];
        if (str_is(load->v.Name.id, pb->name)
            && (only_param || holds_argument(sem_resolve_name(sem, fs, load), keep, nkeep)))
            classify_use(pool, sem, fs, p, load, self, is_self);
    }
    if (captured_in(sem, fs, pb))
        p->effects |= SUM_PARAM_CAPTURED;
    for (int i = 0; is_self && i < self->nseen; i++)
        decide_attr_mutation(pool, self, self->seen[i].attr, self->seen[i].line);
    for (int i = 0; self && !is_self && i < self->nrebinds; i++) {
        const Rebind *r = &self->rebinds[i];
        if (r->mutated && str_is(r->param, pb->name))   /* `self.x = p` then `self.x.append(v)` */
            param_mutates(p, r->mutated);
        if (p->store == SUM_STORE_ATTR && r->line > p->store_line && !str_is(r->param, pb->name)
            && str_is(r->attr, (Str){ p->store_name, (uint32_t)strlen(p->store_name) })) {
            p->store_name = NULL;   /* `self.x = p` then `self.x = list(self.x)`: not kept there */
            p->store = SUM_STORE_NONE;
        }
    }
}

/* ---- returns ---- */

static int param_index(const SumFunc *f, const Node *e)
{
    for (int32_t i = 0; e->kind == NK_Name && i < f->nparams; i++)
        if (strlen(f->params[i].name) == e->v.Name.id.len
            && memcmp(f->params[i].name, e->v.Name.id.s, e->v.Name.id.len) == 0)
            return i;
    return -1;
}

/* Kind of one returned expression; *ref / *pidx receive the reference or parameter number. */
static uint8_t return_kind(Pool *pool, Semantic *sem, const Scope *fs, const SumFunc *f, const Node *e,
                           char **ref, int32_t *pidx)
{
    if (!e || (e->kind == NK_Constant && e->v.Constant.value.kind == CONST_NONE))
        return SUM_RETURN_NONE;
    if (e->kind == NK_Constant || e->kind == NK_JoinedStr || e->kind == NK_Tuple)
        return SUM_RETURN_IMMUTABLE;
    if (e->kind == NK_Name && (*pidx = param_index(f, e)) >= 0) {
        const Binding *bd = sem_resolve_name(sem, fs, e);
        return bd && bd->kind == BIND_PARAM ? SUM_RETURN_PARAM : SUM_RETURN_UNKNOWN;
    }
    if (sem_is_mutable_expr(sem, fs, e))
        return SUM_RETURN_MUTABLE;
    if (e->kind == NK_Call) {
        const char *q = sem_qualname(sem, fs, e->v.Call.func);
        if (in_list(q, field_specifiers))
            return SUM_RETURN_FIELD;
        if (q && sem_is_immutable_call(sem, q))
            return SUM_RETURN_IMMUTABLE;
        *ref = reference(pool, sem, fs, e->v.Call.func);
        return *ref ? SUM_RETURN_CALL : SUM_RETURN_UNKNOWN;
    }
    if (e->kind == NK_Attribute) {
        *ref = reference(pool, sem, fs, e->v.Attribute.value);
        return *ref ? SUM_RETURN_MEMBER : SUM_RETURN_UNKNOWN;
    }
    return SUM_RETURN_UNKNOWN;
}

/* One kind for all returns: NONE gives way to the others, two different ones are UNKNOWN. */
static void summarize_returns(Pool *pool, Semantic *sem, const Scope *fs, SumFunc *f)
{
    const FuncInfo *info = fs->func;
    f->returns = SUM_RETURN_NONE;
    f->ret_param = -1;
    if (info->is_generator || info->is_async) {
        f->returns = SUM_RETURN_UNKNOWN;
        return;
    }
    for (int32_t i = 0; i < info->nreturns; i++) {
        char *ref = NULL;
        int32_t pidx = -1;
        uint8_t k = return_kind(pool, sem, fs, f, info->returns[i]->v.Return.value, &ref, &pidx);
        int same = k == f->returns && (k != SUM_RETURN_PARAM || pidx == f->ret_param)
                   && (!ref || (f->ret_ref && strcmp(ref, f->ret_ref) == 0));
        if (k == SUM_RETURN_NONE || same) {
            continue;   /* `ref` stays unused in the pool */
        } else if (f->returns == SUM_RETURN_NONE) {
            f->returns = k;
            f->ret_ref = ref;
            f->ret_param = pidx;
        } else {
            f->ret_ref = NULL;
            f->returns = SUM_RETURN_UNKNOWN;
            return;
        }
    }
}

/* ---- functions and classes ---- */

/* An instance method: defined in a class body, not a static or class method. */
static int is_instance_method(const FuncInfo *info)
{
    for (int32_t i = 0; i < info->ndecorators; i++)
        if (info->decorators[i] && (strcmp(info->decorators[i], "staticmethod") == 0
                                    || strcmp(info->decorators[i], "classmethod") == 0))
            return 0;
    return info->is_method;
}

static void add_func(Builder *b, const Node *def, SumClass *owner)
{
    const char *cls = owner ? owner->name : NULL;
    const Scope *fs = sem_scope_of_def(b->sem, def);
    if (!fs || !fs->func)
        return;
    ModSummary *m = b->m;
    POOL_GROW(&b->pool, m->funcs, m->nfuncs + 1, b->cap_funcs, 16);
    SumFunc *f = &m->funcs[m->nfuncs++];
    memset(f, 0, sizeof *f);
    Str name = sem_func_name(def);
    f->name = cls ? concat(&b->pool, (Str[]){ cstr(cls), { ".", 1 }, name }, 3) : str_dup(&b->pool, name);
    f->line = def->lineno;
    f->is_method = cls != NULL;
    const Node *args = sem_func_args(def);
    f->npositional = args->v.arguments.posonlyargs.n + args->v.arguments.args.n;
    for (int32_t i = 0; i < fs->nbindings; i++)
        if (fs->bindings[i]->kind == BIND_PARAM)
            f->nparams++;
    f->params = pool_zalloc(&b->pool, ((size_t)f->nparams + 1) * sizeof *f->params);
    int has_self = owner && is_instance_method(fs->func);
    SelfOf self;   /* its arrays are filled before they are read: not zeroed (one per function) */
    self.cls = owner;
    self.method = f->name;
    self.self = (Str){ NULL, 0 };
    self.nrebinds = self.nseen = 0;
    for (int32_t i = 0, k = 0; i < fs->nbindings; i++)
        if (fs->bindings[i]->kind == BIND_PARAM) {
            if (k == 0)
                self.self = fs->bindings[i]->name;
            summarize_param(&b->pool, b->sem, fs, fs->bindings[i], &f->params[k], has_self ? &self : NULL,
                            has_self && k == 0);
            k++;
        }
    summarize_returns(&b->pool, b->sem, fs, f);
}

static int is_true(const Node *e)
{
    return e && e->kind == NK_Constant && e->v.Constant.value.kind == CONST_TRUE;
}

/* `@dataclass(frozen=True)`, `@attr.s(frozen=True)`, `@attrs.frozen`. */
static int is_frozen(Semantic *sem, const Scope *scope, const Node *cls)
{
    NodeList decos = cls->v.ClassDef.decorator_list;
    for (int32_t i = 0; i < decos.n; i++) {
        const Node *d = decos.items[i];
        const char *q = sem_qualname(sem, scope, d->kind == NK_Call ? d->v.Call.func : d);
        if (q && (strcmp(q, "attrs.frozen") == 0 || strcmp(q, "attr.frozen") == 0))
            return 1;
        for (int32_t k = 0; d->kind == NK_Call && k < d->v.Call.keywords.n; k++) {
            const Node *kw = d->v.Call.keywords.items[k];
            if (sem_str_eq(kw->v.keyword.arg, "frozen") && is_true(kw->v.keyword.value))
                return 1;
        }
    }
    return 0;
}

static void add_class(Builder *b, const Scope *mod, const Node *cls)
{
    ModSummary *m = b->m;
    POOL_GROW(&b->pool, m->classes, m->nclasses + 1, b->cap_classes, 8);
    SumClass *c = &m->classes[m->nclasses++];
    memset(c, 0, sizeof *c);
    c->name = str_dup(&b->pool, cls->v.ClassDef.name);
    c->line = cls->lineno;
    if (sem_is_dataclass(b->sem, mod, cls))
        c->facts |= SUM_CLASS_DATACLASS | (is_frozen(b->sem, mod, cls) ? SUM_CLASS_FROZEN : 0);
    NodeList bases = cls->v.ClassDef.bases;
    c->bases = pool_zalloc(&b->pool, ((size_t)bases.n + 1) * sizeof *c->bases);
    for (int32_t i = 0; i < bases.n; i++) {
        const char *q = sem_qualname(b->sem, mod, bases.items[i]);
        c->facts |= in_list(q, enum_bases) ? SUM_CLASS_ENUM : in_list(q, namedtuple_bases) ? SUM_CLASS_NAMEDTUPLE : 0;
        if (q && sem_is_immutable_call(b->sem, q))
            c->facts |= SUM_CLASS_IMMUTABLE_BASE;
        char *ref = reference(&b->pool, b->sem, mod, bases.items[i]);
        if (ref)
            c->bases[c->nbases++] = ref;
    }
    for (int32_t i = 0; i < cls->v.ClassDef.keywords.n; i++)
        if (sem_str_eq(cls->v.ClassDef.keywords.items[i]->v.keyword.arg, "metaclass"))
            c->facts |= SUM_CLASS_METACLASS;
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = 0; i < body.n; i++)
        if (body.items[i]->kind == NK_FunctionDef || body.items[i]->kind == NK_AsyncFunctionDef) {
            Str name = sem_func_name(body.items[i]);
            if (sem_str_eq(name, "__get__") || sem_str_eq(name, "__set__") || sem_str_eq(name, "__delete__"))
                m->classes[m->nclasses - 1].facts |= SUM_CLASS_DESCRIPTOR;
            add_func(b, body.items[i], &m->classes[m->nclasses - 1]);
        }
}

/* ---- mutations of objects other modules hand out ---- */

/* `f`, `Cls.m` or `<module>`: the function whose code `s` is (lambdas and comprehensions belong
   to the function around them). */
static char *where_of(Pool *pool, const Scope *s)
{
    while (s && s->kind != SCOPE_FUNCTION && s->kind != SCOPE_MODULE)
        s = s->parent;
    if (!s || s->kind == SCOPE_MODULE)
        return pool_strndup(pool, "<module>", 8);
    Str name = sem_func_name(s->node);
    const Scope *cls = s->parent;
    if (cls && cls->kind == SCOPE_CLASS)
        return concat(pool, (Str[]){ cls->node->v.ClassDef.name, { ".", 1 }, name }, 3);
    return str_dup(pool, name);
}

/* The keyword arguments of `call` into `kws` ("a,b,"): 0, or -1 when `*args` or `**kwargs` make
   the arguments given unknown. */
static int plain_arguments(const Node *call, Buf *kws)
{
    for (int32_t i = 0; i < call->v.Call.args.n; i++)
        if (call->v.Call.args.items[i]->kind == NK_Starred)
            return -1;
    for (int32_t i = 0; i < call->v.Call.keywords.n; i++) {
        Str kw = call->v.Call.keywords.items[i]->v.keyword.arg;
        if (!kw.s)
            return -1;
        buf_printf(kws, "%.*s,", (int)kw.len, kw.s);
    }
    return 0;
}

/* Record a mutation at `line` (0: none) of the object `ref` names (call NULL) or of the result of
   `call` (or of its attribute `attr`). Calls with `*args` or `**kwargs` are not recorded. */
static void note_use(Builder *b, const Scope *s, const char *ref, const Node *call, Str attr, int32_t line,
                     uint8_t flags)
{
    Buf kws;
    buf_init(&kws);
    if (line && (!call || plain_arguments(call, &kws) == 0)) {
        ModSummary *m = b->m;
        POOL_GROW(&b->pool, m->uses, m->nuses + 1, b->cap_uses, 8);
        m->uses[m->nuses++] = (SumUse){ .ref = pool_strdup(&b->pool, ref),
                                        .attr = attr.s ? str_dup(&b->pool, attr) : NULL,
                                        .keywords = call ? pool_strdup(&b->pool, buf_cstr(&kws)) : NULL,
                                        .npos = call ? call->v.Call.args.n : -1, .where = where_of(&b->pool, s),
                                        .line = line, .flags = flags };
    }
    buf_free(&kws);
}

/* The `from m import x` binding the Name `e` (read or augmented in scope `s`) stands for: the one
   that precedes it, through a `global` declaration, or, for `x += ...` (itself a binding), the
   one import of x in its scope when every other binding there is such an augmented assignment. */
static const Binding *bare_import(Semantic *sem, const Scope *s, const Node *e)
{
    const Binding *bd = sem_resolve_name(sem, s, e);
    char name[256];
    if (!bd || e->v.Name.id.len >= sizeof name)
        return NULL;
    memcpy(name, e->v.Name.id.s, e->v.Name.id.len);
    name[e->v.Name.id.len] = 0;
    if (bd->kind == BIND_GLOBAL)
        bd = sem_resolve(sem, sem_module_scope(sem), name, e->lineno, e->col_offset);
    if (!bd || bd->kind == BIND_IMPORT_FROM)
        return bd && bd->qualname ? bd : NULL;
    if (bd->kind != BIND_AUGASSIGN)
        return NULL;
    const Binding *all[8], *imp = NULL;
    int32_t n = sem_bindings_of(bd->scope, name, all, 8);
    for (int32_t i = 0; i < n && i < 8; i++) {
        if (all[i]->kind == BIND_IMPORT_FROM && !imp)
            imp = all[i];
        else if (all[i]->kind != BIND_AUGASSIGN)
            return NULL;
    }
    return n <= 8 && imp && imp->qualname ? imp : NULL;
}

/* `e` names an import (`config.REGISTRY`, or `REGISTRY` imported bare: *call NULL), is a call of
   one (`get()`), or an attribute of such a call (`Basket().items`, *attr set); a Name bound once
   in its scope to such a call (also by `:=`) counts as the call (`b = Basket(); b.items`). The
   reference or NULL; *flags gets SUM_USE_BOUND_AT_IMPORT for a bare name imported at
   module or class level. */
static char *imported_object(Pool *pool, Semantic *sem, const Scope *s, const Node *e, const Node **call,
                             Str *attr, uint8_t *flags)
{
    *call = NULL;
    *attr = (Str){ NULL, 0 };
    *flags = 0;
    if (e->kind == NK_NamedExpr)
        e = e->v.NamedExpr.value;   /* `(r := get()).append(x)`: the call's result */
    if (e->kind == NK_Attribute && (e->v.Attribute.value->kind == NK_Call || e->v.Attribute.value->kind == NK_Name
                                    || e->v.Attribute.value->kind == NK_NamedExpr)) {
        char *ref = imported_object(pool, sem, s, e->v.Attribute.value, call, attr, flags);
        if (ref && *call && !attr->s) {
            *attr = e->v.Attribute.attr;
            return ref;
        }
        *call = NULL;
        *attr = (Str){ NULL, 0 };
        *flags = 0;
    }
    if (e->kind == NK_Name) {
        const Binding *imp = bare_import(sem, s, e);
        if (imp) {
            *flags = imp->scope->kind == SCOPE_FUNCTION || imp->scope->kind == SCOPE_LAMBDA ? 0 : SUM_USE_BOUND_AT_IMPORT;
            return pool_strdup(pool, imp->qualname);
        }
        const Binding *bd = sem_resolve_name(sem, s, e);
        char name[256];
        if (!bd || (bd->kind != BIND_ASSIGN && bd->kind != BIND_WALRUS) || !bd->value || bd->value->kind != NK_Call
            || bd->name.len >= sizeof name)
            return NULL;
        memcpy(name, bd->name.s, bd->name.len);
        name[bd->name.len] = 0;
        if (sem_bindings_of(bd->scope, name, NULL, 0) != 1)
            return NULL;
        e = bd->value;
        s = bd->scope;
    }
    if (e->kind == NK_Call) {
        char *ref = reference(pool, sem, s, e->v.Call.func);
        if (ref && ref[0] != '@') {
            *call = e;
            return ref;
        }
        return NULL;
    }
    if (e->kind != NK_Attribute)
        return NULL;
    char *ref = reference(pool, sem, s, e);   /* `mod.G`: an attribute of an imported module */
    if (ref && ref[0] != '@')
        return ref;
    return NULL;
}

static void kept_add(Kept *k, Str name)
{
    for (int i = 0; i < k->n; i++)
        if (str_is(k->names[i], name))
            return;
    if (k->n >= 0 && k->n == (int)(sizeof k->names / sizeof k->names[0]))
        k->n = -1;
    else if (k->n >= 0)
        k->names[k->n++] = name;
}

static int kept_has(const Kept *k, Str name)
{
    for (int i = 0; i < k->n; i++)
        if (str_is(k->names[i], name))
            return 1;
    return k->n < 0;
}

/* The module-level names the module's functions keep a parameter in (b->kept), from their
   summaries. */
static void collect_kept(Builder *b)
{
    for (int32_t f = 0; f < b->m->nfuncs; f++)
        for (int32_t k = 0; k < b->m->funcs[f].nparams; k++) {
            const SumParam *p = &b->m->funcs[f].params[k];
            if (p->store == SUM_STORE_GLOBAL || p->store == SUM_STORE_ITEM)
                kept_add(&b->kept[p->store == SUM_STORE_ITEM], (Str){ p->store_name, (uint32_t)strlen(p->store_name) });
        }
}

/* `e`, read in a function, is a module-level name of this module that holds a value (neither an
   import, a def nor a class), not rebound by that function before: `@name`, else
   NULL. Only for the names of `kept`. */
static char *own_global(Builder *b, const Scope *s, const Node *e, const Kept *kept)
{
    Semantic *sem = b->sem;
    const Scope *f = s;
    while (f && f->kind != SCOPE_FUNCTION && f->kind != SCOPE_LAMBDA && f->kind != SCOPE_MODULE)
        f = f->parent;
    char name[256];
    if (e->kind != NK_Name || !f || f->kind == SCOPE_MODULE || e->v.Name.id.len >= sizeof name
        || !kept_has(kept, e->v.Name.id))
        return NULL;
    const Binding *bd = sem_resolve_name(sem, s, e);
    memcpy(name, e->v.Name.id.s, e->v.Name.id.len);
    name[e->v.Name.id.len] = 0;
    if (bd && bd->kind == BIND_GLOBAL)
        bd = sem_resolve(sem, sem_module_scope(sem), name, e->lineno, e->col_offset);
    if (!bd || bd->scope->kind != SCOPE_MODULE)
        return NULL;
    const Binding *mine[8];   /* `global G; G = []` before it: the function changes its own object */
    int32_t n = sem_bindings_of(f, name, mine, 8);
    for (int32_t i = 0; i < n; i++)
        if (i >= 8 || (mine[i]->kind != BIND_GLOBAL && mine[i]->lineno < e->lineno))
            return NULL;
    if (bd->kind == BIND_IMPORT || bd->kind == BIND_IMPORT_FROM || bd->kind == BIND_FUNCTION || bd->kind == BIND_CLASS)
        return NULL;
    return concat(&b->pool, (Str[]){ { "@", 1 }, e->v.Name.id }, 2);
}

/* The object `e` is changed in place at `line`: recorded when another module hands it out, or
   when it is a module-level name of this module (or an item of one: `G[k]`) where a function
   keeps a parameter, changed by one of its functions. */
static void mutated(Builder *b, const Scope *s, const Node *e, int32_t line)
{
    const Node *call;
    Str attr;
    uint8_t flags;
    char *ref = imported_object(&b->pool, b->sem, s, e, &call, &attr, &flags);
    if (ref)
        note_use(b, s, ref, call, attr, line, flags);
    else if ((ref = own_global(b, s, e, &b->kept[0])))
        note_use(b, s, ref, NULL, (Str){ NULL, 0 }, line, SUM_USE_OWN_GLOBAL);
    else if (e->kind == NK_Subscript && (ref = own_global(b, s, e->v.Subscript.value, &b->kept[1])))
        note_use(b, s, ref, NULL, (Str){ NULL, 0 }, line, SUM_USE_OWN_ITEM);   /* `G[k].append(x)` */
}

/* The walk of one scope's own code: nested defs, lambdas, classes and comprehensions are scopes
   of their own (add_uses visits them), only what they evaluate in this scope is walked here. */
typedef struct UseWalk {
    Builder *b;
    const Scope *s;
} UseWalk;

static void walk_uses(const Node *n, void *arg);

/* A leaf (Name, Constant...: about half of the nodes) mutates nothing and holds nothing: no call. */
static void walk_child_uses(const Node *child, void *arg)
{
    if (ast_child_fields[child->kind].field[0])
        walk_uses(child, arg);
}

static int opens_scope(NodeKind k)
{
    return k == NK_FunctionDef || k == NK_AsyncFunctionDef || k == NK_Lambda || k == NK_ClassDef
           || k == NK_ListComp || k == NK_SetComp || k == NK_DictComp || k == NK_GeneratorExp;
}

static void walk_list(NodeList l, UseWalk *w)
{
    for (int32_t i = 0; i < l.n; i++)
        if (l.items[i])
            walk_uses(l.items[i], w);
}

static void walk_opt(const Node *n, UseWalk *w)
{
    if (n)
        walk_uses(n, w);
}

/* The generators of a comprehension; the first iterable is evaluated in the enclosing scope
   (`outer`) and the rest in the comprehension's (`inner`). */
static void walk_generators(NodeList gens, UseWalk *outer, UseWalk *inner)
{
    for (int32_t i = 0; i < gens.n; i++) {
        const Node *g = gens.items[i];
        if (outer && i == 0)
            walk_uses(g->v.comprehension.iter, outer);
        if (inner) {
            if (i > 0)
                walk_uses(g->v.comprehension.iter, inner);
            walk_uses(g->v.comprehension.target, inner);
            walk_list(g->v.comprehension.ifs, inner);
        }
    }
}

/* The parts of a scope-opening node `n` evaluated in the scope around it (outer) or in its own
   (inner); either may be NULL. */
static void walk_scope_node(const Node *n, UseWalk *outer, UseWalk *inner)
{
    switch (n->kind) {
    case NK_FunctionDef:
    case NK_AsyncFunctionDef:
        if (outer) {
            walk_list(n->kind == NK_FunctionDef ? n->v.FunctionDef.decorator_list : n->v.AsyncFunctionDef.decorator_list,
                      outer);
            walk_opt(sem_func_args(n), outer);
        }
        if (inner)
            walk_list(sem_func_body(n), inner);
        break;
    case NK_Lambda:
        if (outer)
            walk_opt(n->v.Lambda.args, outer);
        if (inner)
            walk_uses(n->v.Lambda.body, inner);
        break;
    case NK_ClassDef:
        if (outer) {
            walk_list(n->v.ClassDef.decorator_list, outer);
            walk_list(n->v.ClassDef.bases, outer);
            walk_list(n->v.ClassDef.keywords, outer);
        }
        if (inner)
            walk_list(n->v.ClassDef.body, inner);
        break;
    case NK_ListComp:
        walk_generators(n->v.ListComp.generators, outer, inner);
        if (inner)
            walk_uses(n->v.ListComp.elt, inner);
        break;
    case NK_SetComp:
        walk_generators(n->v.SetComp.generators, outer, inner);
        if (inner)
            walk_uses(n->v.SetComp.elt, inner);
        break;
    case NK_GeneratorExp:
        walk_generators(n->v.GeneratorExp.generators, outer, inner);
        if (inner)
            walk_uses(n->v.GeneratorExp.elt, inner);
        break;
    case NK_DictComp:
        walk_generators(n->v.DictComp.generators, outer, inner);
        if (inner) {
            walk_uses(n->v.DictComp.key, inner);
            walk_uses(n->v.DictComp.value, inner);
        }
        break;
    case NK_Module:
        if (inner)
            walk_list(n->v.Module.body, inner);
        break;
    default:
        break;
    }
}

/* A node of the scope's own code: a call of a mutating method on an object (`e.append(x)`, also
   inside an expression), a store or `del` through it (`e[k] = v`, `e.a = v`), an augmented
   assignment (`e += [x]`, `e.items += [x]`: in place on a list, dict or set). */
static void walk_uses(const Node *n, void *arg)
{
    UseWalk *w = arg;
    if (opens_scope(n->kind) && n != w->s->node && sem_scope_of_def(w->b->sem, n)) {
        walk_scope_node(n, w, NULL);
        return;
    }
    switch (n->kind) {
    case NK_Call:
        if (n->v.Call.func->kind == NK_Attribute && sem_is_mutating_method(n->v.Call.func->v.Attribute.attr))
            mutated(w->b, w->s, n->v.Call.func->v.Attribute.value, n->lineno);
        break;
    case NK_Subscript:
        if (n->v.Subscript.ctx != EXPR_CONTEXT_Load)
            mutated(w->b, w->s, n->v.Subscript.value, n->lineno);
        break;
    case NK_Attribute:
        if (n->v.Attribute.ctx != EXPR_CONTEXT_Load)
            mutated(w->b, w->s, n->v.Attribute.value, n->lineno);
        break;
    case NK_AugAssign: {
        const Node *t = n->v.AugAssign.target;
        if (t->kind == NK_Name || t->kind == NK_Attribute)
            mutated(w->b, w->s, t, n->lineno);
        break;
    }
    case NK_AnnAssign:
        if (!n->v.AnnAssign.value) {   /* `x[k]: int` stores nothing */
            walk_uses(n->v.AnnAssign.annotation, w);
            return;
        }
        break;
    default:
        break;
    }
    ast_children_each(n, walk_child_uses, w);
}

/* The mutations of imported objects in scope `s` and the scopes nested in it. */
static void add_uses(Builder *b, const Scope *s)
{
    UseWalk w = { b, s };
    if (s->kind != SCOPE_TYPE_PARAMS)   /* `def f[T]()`: the def's own scope walks its body */
        walk_scope_node(s->node, NULL, &w);
    for (int32_t i = 0; i < s->nchildren; i++)
        add_uses(b, s->children[i]);
}

/* ---- module-level names ---- */

static uint8_t value_kind(Semantic *sem, const Scope *mod, const Binding *bd, int32_t count)
{
    switch (bd->kind) {
    case BIND_FUNCTION:
        return count == 1 ? SUM_VALUE_FUNCTION : SUM_VALUE_OTHER;
    case BIND_CLASS:
        return count == 1 ? SUM_VALUE_CLASS : SUM_VALUE_OTHER;
    case BIND_IMPORT:
    case BIND_IMPORT_FROM:
        return bd->qualname ? SUM_VALUE_IMPORT : SUM_VALUE_OTHER;
    case BIND_ASSIGN:
        if (count != 1 || !bd->value)
            return SUM_VALUE_OTHER;
        if (sem_is_mutable_expr(sem, mod, bd->value))
            return SUM_VALUE_MUTABLE;
        if (bd->value->kind == NK_Constant || bd->value->kind == NK_Tuple || bd->value->kind == NK_JoinedStr)
            return SUM_VALUE_IMMUTABLE;
        return SUM_VALUE_OTHER;
    default:
        return SUM_VALUE_OTHER;
    }
}

/* `NAME = callee(...)`: what was called and with which arguments (SumNameCall). */
static void add_name_call(Builder *b, const Scope *mod, const char *name, const Node *call)
{
    Buf kws;
    buf_init(&kws);
    char *ref = plain_arguments(call, &kws) == 0 ? reference(&b->pool, b->sem, mod, call->v.Call.func) : NULL;
    if (ref) {
        ModSummary *m = b->m;
        POOL_GROW(&b->pool, m->calls, m->ncalls + 1, b->cap_calls, 8);
        m->calls[m->ncalls++] = (SumNameCall){ pool_strdup(&b->pool, name), ref, call->v.Call.args.n,
                                               pool_strdup(&b->pool, buf_cstr(&kws)) };
    }
    buf_free(&kws);
}

static void add_names(Builder *b, const Scope *mod)
{
    ModSummary *m = b->m;
    for (int32_t i = 0; i < mod->nbindings; i++) {
        const Binding *bd = mod->bindings[i];
        char name[256];
        if (bd->name.len >= sizeof name)
            continue;
        memcpy(name, bd->name.s, bd->name.len);
        name[bd->name.len] = 0;
        const Binding *first[1];
        int32_t count = sem_bindings_of(mod, name, first, 1);
        if (first[0] != bd)
            continue;   /* one entry per name, from its first binding */
        POOL_GROW(&b->pool, m->names, m->nnames + 1, b->cap_names, 32);
        SumName *sn = &m->names[m->nnames++];
        sn->name = pool_strndup(&b->pool, name, bd->name.len);
        sn->line = bd->lineno;
        sn->value = value_kind(b->sem, mod, bd, count);
        sn->target = sn->value == SUM_VALUE_IMPORT ? pool_strdup(&b->pool, bd->qualname) : NULL;
        if (count == 1 && bd->kind == BIND_ASSIGN && bd->value && bd->value->kind == NK_Call)
            add_name_call(b, mod, name, bd->value);
    }
}

static void add_string(Pool *pool, char ***items, int32_t *n, int32_t *cap, char *s)
{
    *items = pool_grow(pool, *items, cap, *n + 1, sizeof **items, 8);
    (*items)[(*n)++] = s;
}

/* `__all__ = [...]` / `(...)` and `__all__ += [...]` of string constants. */
/* `__all__` grown by something else than a literal (`__all__ += mod.__all__`): which names it
   holds is unknown, so `from x import *` is read as taking every public name. */
static void unknown_all(Builder *b)
{
    b->m->has_all = 0;
    b->all_unknown = 1;
}

static void add_all(Builder *b, const Node *value, int extends)
{
    NodeList elts = value->kind == NK_List ? value->v.List.elts
                  : value->kind == NK_Tuple ? value->v.Tuple.elts : (NodeList){ NULL, 0 };
    if (value->kind != NK_List && value->kind != NK_Tuple) {
        if (extends)
            unknown_all(b);
        return;
    }
    if (b->all_unknown)
        return;
    b->m->has_all = 1;
    for (int32_t i = 0; i < elts.n; i++) {
        const Node *e = elts.items[i];
        if (e->kind == NK_Constant && e->v.Constant.value.kind == CONST_STR)
            add_string(&b->pool, &b->m->all, &b->m->nall, &b->cap_all,
                       pool_strndup(&b->pool, e->v.Constant.value.text.s, e->v.Constant.value.text.len));
    }
}

/* `__all__.extend([...])`, `__all__.append("name")`. */
static void add_all_call(Builder *b, const Node *call)
{
    const Node *f = call->v.Call.func;
    if (f->kind != NK_Attribute || !is_name_of(f->v.Attribute.value, (Str){ "__all__", 7 }))
        return;
    const Node *arg = call->v.Call.args.n == 1 ? call->v.Call.args.items[0] : NULL;
    if (sem_str_eq(f->v.Attribute.attr, "extend") && arg) {
        add_all(b, arg, 1);
    } else if (sem_str_eq(f->v.Attribute.attr, "append") && arg && arg->kind == NK_Constant
               && arg->v.Constant.value.kind == CONST_STR) {
        if (!b->all_unknown)
            add_string(&b->pool, &b->m->all, &b->m->nall, &b->cap_all,
                       pool_strndup(&b->pool, arg->v.Constant.value.text.s, arg->v.Constant.value.text.len));
    } else if (sem_str_eq(f->v.Attribute.attr, "append") || sem_str_eq(f->v.Attribute.attr, "extend")) {
        unknown_all(b);
    }
}

static void add_statement(Builder *b, const Scope *mod, const Node *st)
{
    if (st->kind == NK_FunctionDef || st->kind == NK_AsyncFunctionDef) {
        add_func(b, st, NULL);
    } else if (st->kind == NK_ClassDef) {
        add_class(b, mod, st);
    } else if (st->kind == NK_ImportFrom && st->v.ImportFrom.names.n == 1
               && sem_str_eq(st->v.ImportFrom.names.items[0]->v.alias.name, "*")) {
        Str mod_name = st->v.ImportFrom.module;
        char *star = xasprintf("%.*s%.*s", (int)st->v.ImportFrom.level, "..........................",
                               (int)mod_name.len, mod_name.s ? mod_name.s : "");
        add_string(&b->pool, &b->m->stars, &b->m->nstars, &b->cap_stars, pool_strdup(&b->pool, star));
        free(star);
    } else if (st->kind == NK_Assign && st->v.Assign.targets.n == 1
               && is_name_of(st->v.Assign.targets.items[0], (Str){ "__all__", 7 })) {
        add_all(b, st->v.Assign.value, 0);
    } else if (st->kind == NK_AugAssign && is_name_of(st->v.AugAssign.target, (Str){ "__all__", 7 })) {
        add_all(b, st->v.AugAssign.value, 1);
    } else if (st->kind == NK_Expr && st->v.Expr.value->kind == NK_Call) {
        add_all_call(b, st->v.Expr.value);
    }
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const SumName *)a)->name, ((const SumName *)b)->name);
}

static int cmp_func(const void *a, const void *b)
{
    return strcmp(((const SumFunc *)a)->name, ((const SumFunc *)b)->name);
}

static int cmp_class(const void *a, const void *b)
{
    return strcmp(((const SumClass *)a)->name, ((const SumClass *)b)->name);
}

static int cmp_call(const void *a, const void *b)
{
    return strcmp(((const SumNameCall *)a)->name, ((const SumNameCall *)b)->name);
}

ModSummary *summary_build(const Node *module, Semantic *sem)
{
    Builder b = { .sem = sem, .pool = { .next_size = POOL_FIRST_BLOCK } };
    ModSummary *m = b.m = pool_zalloc(&b.pool, sizeof *m);
    const Scope *mod = sem_module_scope(sem);
    add_names(&b, mod);
    NodeList body = module->v.Module.body;
    for (int32_t i = 0; i < body.n; i++)
        add_statement(&b, mod, body.items[i]);
    collect_kept(&b);
    add_uses(&b, mod);
    /* stable order whatever the source order: duplicates keep the first (mergesort-free: names
       are unique per kind except redefinitions, which the lookups resolve to any one) */
    if (m->nnames > 1)
        qsort(m->names, (size_t)m->nnames, sizeof *m->names, cmp_name);
    if (m->nfuncs > 1)
        qsort(m->funcs, (size_t)m->nfuncs, sizeof *m->funcs, cmp_func);
    if (m->nclasses > 1)
        qsort(m->classes, (size_t)m->nclasses, sizeof *m->classes, cmp_class);
    if (m->ncalls > 1)
        qsort(m->calls, (size_t)m->ncalls, sizeof *m->calls, cmp_call);
    m->pool = b.pool.blocks;   /* holds m itself */
    return m;
}

/* ---- lookups and release ---- */

const SumName *summary_name(const ModSummary *m, const char *name)
{
    SumName key = { .name = (char *)name };
    return m->nnames ? bsearch(&key, m->names, (size_t)m->nnames, sizeof key, cmp_name) : NULL;
}

const SumFunc *summary_func(const ModSummary *m, const char *name)
{
    SumFunc key = { .name = (char *)name };
    return m->nfuncs ? bsearch(&key, m->funcs, (size_t)m->nfuncs, sizeof key, cmp_func) : NULL;
}

const SumClass *summary_class(const ModSummary *m, const char *name)
{
    SumClass key = { .name = (char *)name };
    return m->nclasses ? bsearch(&key, m->classes, (size_t)m->nclasses, sizeof key, cmp_class) : NULL;
}

const SumNameCall *summary_name_call(const ModSummary *m, const char *name)
{
    SumNameCall key = { .name = (char *)name };
    return m->ncalls ? bsearch(&key, m->calls, (size_t)m->ncalls, sizeof key, cmp_call) : NULL;
}

/* The blocks hold it all: the summary, its arrays and its strings (summary_build's pool), or the
   summary and its arrays read from the cache (its strings lie in the cache's pack). */
static void free_blocks(void *blocks)
{
    while (blocks) {
        void *next = *(void **)blocks;
        free(blocks);
        blocks = next;
    }
}

void summary_free(ModSummary *m)
{
    if (m && !m->held)
        free_blocks(m->blocks ? m->blocks : m->pool);
}
