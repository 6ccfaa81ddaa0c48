/* Mutable default arguments: mutated (GT101), escaping (GT102) or merely shared (GT103).

   For each mutable default the function's body is interpreted abstractly, statement by statement,
   with a set of local names that may still be the shared default object ("aliases": the parameter
   itself, `y = x`, `x = x or []`) and a set of local containers that may hold it ("holders":
   `out = [x]`, `out.append(x)`). Rebinding clears a name on that path only: branches are analysed
   separately and merged, loops are iterated to a fixed point, `return`/`raise` end a path.
   Events on a path where the name is still shared:
     mutation: mutating method calls, `x[k] = v`, `del x[k]`, `x += ...`, `x.attr = v`, a known
               mutating call (`heapq.heappush(x, ...)`), a nested def/lambda/class that mutates it,
               a same-module function (or method of the class through `self`) that mutates the
               parameter it is passed to (memoised, recursion-guarded, bounded depth);
     escape:   returned, yielded, stored on an attribute, in a global, or in a container that is
               not a local one, or passed to a same-module function that stores it.
   A stored attribute (`self.x = x`) is followed like a name, so `self.x.append(v)` later in the
   function is a mutation. An escape is confirmed (GT102) only when visible code mutates the
   default where it went: the other methods of the class through `self.x`, the module's functions
   through a global, module code through the result of a call that omits the argument, or (a
   store in `__init__`) through the attribute of an instance built without the argument; each is
   interpreted from its start with only that place holding the default. Otherwise it is merely
   shared (GT103, naming the escape). Mutations that only remove or reorder (`pop`, `sort`,
   `del x[k]`) do not count on an empty default: it stays empty. Mutations in a branch taken only
   while the default is empty (`if not x:`, `if len(x) == 0:`) fill a lazily built table (GT103).
   The same machinery tells GT104/GT109 whether an object built by a call default is mutated. */
#include "default_analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unicode/utf8.h"
#include "../ast/ast_walk.h"
#include "../engine/rule_util.h"

#define MAX_TRACKED 64
#define MAX_CALL_DEPTH 3
#define MAX_STORES 4        /* stores of the default itself followed to confirm an escape */
#define MAX_EXTERNAL 4      /* calls of imported functions given the default, for the project phase */
/* Statements interpreted per followed parameter: nested loops re-run their bodies until stable,
   so adversarial nesting must not make the work exponential. Past it, the events found so far
   decide. */
#define STEP_BUDGET 100000
/* Statements interpreted per file to confirm escapes: each confirmation re-reads other code (the
   class's methods, the module's functions, the whole module for a `return`), so many escaping
   defaults in one big file would cost quadratic time. Past it, escapes stay unconfirmed (GT103). */
#define CONFIRM_BUDGET 2000000

typedef uint64_t Mask;

/* Names that may still be the shared default, and local containers that may hold it. */
typedef struct Flow {
    Mask alias, holder;
} Flow;

/* Where the default itself went: `root.attr = x`, `global attr; attr = x`, `return x`. */
typedef enum StoreKind { STORE_ATTR, STORE_GLOBAL, STORE_RETURN } StoreKind;
typedef struct Store {
    uint8_t kind;          /* StoreKind */
    Str root, attr;
    int32_t line;
} Store;

/* The default given to a function of another module: what it does there is decided by the
   project phase (DiagCond). */
typedef struct External {
    const char *target;    /* qualified name through the file's imports (arena) */
    int32_t index;         /* positional argument, -1 = keyword */
    const char *keyword;   /* arena, or NULL */
    int32_t line;
} External;

typedef struct Tracker {
    RuleCtx *ctx;
    Semantic *sem;
    DefaultState *st;
    const Scope *fscope;        /* the function whose default is followed */
    const Scope *scope;         /* scope of the code being interpreted (fscope or a closure) */
    Str names[MAX_TRACKED];     /* bit i of a Mask refers to names[i]; names[0] is the parameter */
    Str attrs[MAX_TRACKED];     /* attrs[i].s set: entry i is the attribute `names[i].attrs[i]` */
    int nnames;
    int depth;                  /* interprocedural depth */
    int32_t steps_left;         /* STEP_BUDGET, counted down by stmt() */
    int default_empty;          /* the default is an empty display/call: falsy while shared */
    Flow brk, cont;             /* flows reaching `break` / `continue` of the innermost loop */
    int32_t mutation_line;      /* first mutation that may add to the object (0 = none) */
    int fill_guard;             /* > 0 inside a branch taken only while the default is empty */
    int32_t fill_line;          /* first mutation inside such a branch (a lazily built table) */
    int32_t shrink_line;        /* first mutation that only removes or reorders (0 = none) */
    int32_t escape_line;        /* first escape (0 = none) */
    int32_t stored_line;        /* first escape by storing (not returning or yielding) */
    char escape_how[96];
    Store stores[MAX_STORES];   /* where the default itself was stored (to confirm the escape) */
    int nstores;
    const Node *node;           /* the default's expression (reporting only) */
    const Scope *mutation_scope, *shrink_scope;   /* where mutation_line / shrink_line are */
    /* Confirming a `return x`: calls of source_def that omit source_param give the default
       (bit 0). */
    const Node *source_def, *source_param;
    /* Confirming `self.attr = x` of a constructor: calls of source_class that do not pass the
       argument give an object whose `source_attr` is the default (bit 0: `Cls().attr`). */
    const Node *source_class;
    Str source_attr;
    /* The default is an instance of this class of the file (GT104/GT109): calling one of its
       methods that changes `self` mutates it. */
    const Node *obj_class;
    const Scope *obj_class_scope;   /* where obj_class is defined */
    int not_container;          /* the object is an instance of a class, not a builtin container:
                                   `isinstance(x, list)` (dict, set, ...) is false for it */
    const Node *param;          /* the parameter followed (main tracker only) */
    External ext[MAX_EXTERNAL]; /* imported functions given the default (main tracker only) */
    int next;
} Tracker;

/* ---- tracked names ---- */

static int str_same(Str a, Str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

/* Entry of `name` (attr.s NULL) or of the attribute `name.attr`; -1 if not tracked. */
static int entry_index(const Tracker *t, Str name, Str attr)
{
    for (int i = 0; i < t->nnames; i++)
        if (str_same(t->names[i], name) && (t->attrs[i].s ? attr.s && str_same(t->attrs[i], attr) : !attr.s))
            return i;
    return -1;
}

static int entry_add(Tracker *t, Str name, Str attr)
{
    int i = entry_index(t, name, attr);
    if (i >= 0 || t->nnames == MAX_TRACKED)
        return i;
    t->names[t->nnames] = name;
    t->attrs[t->nnames] = attr;
    return t->nnames++;
}

static int name_index(const Tracker *t, Str name)
{
    return entry_index(t, name, (Str){ NULL, 0 });
}

static int name_add(Tracker *t, Str name)
{
    return entry_add(t, name, (Str){ NULL, 0 });
}

/* `root.attr` with a plain name as root, or NULL. */
static const Node *attr_root(const Node *e)
{
    return e && e->kind == NK_Attribute && e->v.Attribute.value->kind == NK_Name
         ? e->v.Attribute.value : NULL;
}

static int is_source_call(const Tracker *t, const Node *call);
static int is_instance_method(const Semantic *sem, const Node *def);

/* The bit of a tracked name, or of a tracked attribute `root.attr` (or bit 0 for a call that
   returns the default, when confirming a `return`). */
static Mask bit_of(const Tracker *t, const Node *e)
{
    int i = -1;
    if (e && e->kind == NK_Call && (t->source_def || t->source_class))
        i = !t->source_class && is_source_call(t, e) ? 0 : -1;
    else if (e && t->source_class && e->kind == NK_Attribute && e->v.Attribute.value->kind == NK_Call)
        i = str_same(e->v.Attribute.attr, t->source_attr) && is_source_call(t, e->v.Attribute.value) ? 0 : -1;
    else if (e && e->kind == NK_Name)
        i = name_index(t, e->v.Name.id);
    else if (attr_root(e))
        i = entry_index(t, attr_root(e)->v.Name.id, e->v.Attribute.attr);
    return i >= 0 ? (Mask)1 << i : 0;
}

/* Does `e` or the object it is part of (`e` = `a.b[c]`: a.b[c], a.b, a) hold a tracked alias?
   Then changing `e` in place changes the shared default. */
static int reaches_alias(const Tracker *t, const Node *e, Mask alias)
{
    for (; e; e = e->kind == NK_Attribute ? e->v.Attribute.value
                : e->kind == NK_Subscript ? e->v.Subscript.value : NULL)
        if (bit_of(t, e) & alias)
            return 1;
    return 0;
}

/* The Name at the root of `a.b[c].d`, or NULL. */
static const Node *chain_root(const Node *e)
{
    while (e) {
        if (e->kind == NK_Attribute)
            e = e->v.Attribute.value;
        else if (e->kind == NK_Subscript)
            e = e->v.Subscript.value;
        else
            return e->kind == NK_Name ? e : NULL;
    }
    return NULL;
}

static int is_none(const Node *e)
{
    return e->kind == NK_Constant && e->v.Constant.value.kind == CONST_NONE;
}

/* The aliases still possible where `test` evaluated to `truth`. The default object is never None;
   an empty default is falsy as long as it is shared (a mutation would be reported anyway), so a
   name known to be truthy is not the default. */
/* Builtin types an instance of a class that is not one of them fails `isinstance` against. */
static const char *const builtin_value_types[] = {
    "list", "dict", "set", "frozenset", "tuple", "str", "bytes", "bytearray", "int", "float",
    "collections.deque", "collections.OrderedDict", "collections.defaultdict", NULL,
};

/* `isinstance(e, list)` / `isinstance(e, (list, dict))`: true only for a builtin value or container,
   so never for the tracked instance of a class (t->not_container). */
static int is_builtin_isinstance(const Tracker *t, const Node *call)
{
    if (!t->not_container || call->v.Call.args.n != 2 || call->v.Call.keywords.n != 0
        || !sem_qualname_is(t->sem, t->scope, call->v.Call.func, "isinstance"))
        return 0;
    const Node *types = call->v.Call.args.items[1];
    NodeList list = types->kind == NK_Tuple ? types->v.Tuple.elts : (NodeList){ (Node **)&call->v.Call.args.items[1], 1 };
    for (int32_t i = 0; i < list.n; i++)
        if (!rule_cstr_in(sem_qualname(t->sem, t->scope, list.items[i]), builtin_value_types))
            return 0;
    return list.n > 0;
}

static Mask narrow(const Tracker *t, const Node *test, Mask alias, int truth)
{
    switch (test->kind) {
    case NK_Call:
        return truth && is_builtin_isinstance(t, test) ? alias & ~bit_of(t, test->v.Call.args.items[0]) : alias;
    case NK_Name:
        return truth && t->default_empty ? alias & ~bit_of(t, test) : alias;
    case NK_UnaryOp:
        return test->v.UnaryOp.op == UNARYOP_Not ? narrow(t, test->v.UnaryOp.operand, alias, !truth) : alias;
    case NK_NamedExpr:   /* `(y := x)` has the truth of x, and y is x */
        return narrow(t, test->v.NamedExpr.target, narrow(t, test->v.NamedExpr.value, alias, truth), truth);
    case NK_Compare: {
        if (test->v.Compare.ops.n != 1)
            return alias;
        uint8_t op = test->v.Compare.ops.items[0];
        const Node *l = test->v.Compare.left, *r = test->v.Compare.comparators.items[0];
        const Node *name = is_none(r) ? l : is_none(l) ? r : NULL;
        if (!name || (op != CMPOP_Is && op != CMPOP_IsNot && op != CMPOP_Eq && op != CMPOP_NotEq))
            return alias;
        int is_none_true = (op == CMPOP_Is || op == CMPOP_Eq) == (truth != 0);
        return is_none_true ? alias & ~bit_of(t, name) : alias;
    }
    case NK_BoolOp: {   /* `a and b` true: both true; `a or b` false: both false */
        int all = (test->v.BoolOp.op == BOOLOP_And) == (truth != 0);
        if (!all)
            return alias;
        for (int32_t i = 0; i < test->v.BoolOp.values.n; i++)
            alias = narrow(t, test->v.BoolOp.values.items[i], alias, truth);
        return alias;
    }
    default:
        return alias;
    }
}

/* Does evaluating `e` give the tracked object itself (`x`, `x or y`, `y if c else x`)? With an
   empty default, `x or []` does not: `or` returns x only when it is truthy. */
static int preserves(const Tracker *t, const Node *e, Mask alias)
{
    if (!e)
        return 0;
    switch (e->kind) {
    case NK_Name:
    case NK_Attribute:
    case NK_Call:
        return (bit_of(t, e) & alias) != 0;
    case NK_BoolOp: {
        NodeList ops = e->v.BoolOp.values;
        int is_or = e->v.BoolOp.op == BOOLOP_Or;
        for (int32_t i = 0; i < ops.n; i++) {
            /* A non-last operand is the result only when it is truthy (or) / falsy (and). */
            Mask when = i < ops.n - 1 ? narrow(t, ops.items[i], alias, is_or) : alias;
            if (preserves(t, ops.items[i], when))
                return 1;
        }
        return 0;
    }
    case NK_IfExp:
        return preserves(t, e->v.IfExp.body, narrow(t, e->v.IfExp.test, alias, 1))
            || preserves(t, e->v.IfExp.orelse, narrow(t, e->v.IfExp.test, alias, 0));
    case NK_NamedExpr:
        return preserves(t, e->v.NamedExpr.value, alias);
    default:
        return 0;
    }
}

/* Does the value of `e` hold the tracked object, itself or inside a display? */
static int holds(const Tracker *t, const Node *e, Flow f)
{
    if (!e)
        return 0;
    if (preserves(t, e, f.alias) || (e->kind == NK_Name && (bit_of(t, e) & f.holder)))
        return 1;
    NodeList elts = { NULL, 0 };
    switch (e->kind) {
    case NK_Tuple: elts = e->v.Tuple.elts; break;
    case NK_List: elts = e->v.List.elts; break;
    case NK_Set: elts = e->v.Set.elts; break;
    case NK_Dict:   /* `{**x}` (no key) copies x's items: it does not hold x */
        for (int32_t i = 0; i < e->v.Dict.values.n; i++)
            if (e->v.Dict.keys.items[i] && holds(t, e->v.Dict.values.items[i], f))
                return 1;
        return 0;
    case NK_Starred:   /* `[*x]` copies x's items */
        return 0;
    default:
        return 0;
    }
    for (int32_t i = 0; i < elts.n; i++)
        if (holds(t, elts.items[i], f))
            return 1;
    return 0;
}

/* `len(x)` of a tracked alias. */
static int is_len_of_alias(const Tracker *t, const Node *e, Mask alias)
{
    return e->kind == NK_Call && e->v.Call.func->kind == NK_Name
        && sem_str_eq(e->v.Call.func->v.Name.id, "len") && e->v.Call.args.n == 1 && e->v.Call.keywords.n == 0 && (bit_of(t, e->v.Call.args.items[0]) & alias);
}

/* An empty display or call: `{}`, `[]`, `set()`, `dict()`. */
static int is_empty_literal(const Node *e)
{
    if (e->kind == NK_Dict)
        return e->v.Dict.keys.n == 0;
    if (e->kind == NK_List)
        return e->v.List.elts.n == 0;
    return e->kind == NK_Call && e->v.Call.func->kind == NK_Name && e->v.Call.args.n == 0
        && e->v.Call.keywords.n == 0 && (sem_str_eq(e->v.Call.func->v.Name.id, "dict")
                                         || sem_str_eq(e->v.Call.func->v.Name.id, "list")
                                         || sem_str_eq(e->v.Call.func->v.Name.id, "set"));
}

/* `len(x) == 0`, `len(x) < 1`, `x == {}` (1: true means empty), `len(x) > 0`, `len(x) != 0`,
   `x != []` (-1: false means empty), else 0. */
static int emptiness_compare(const Tracker *t, const Node *test, Mask alias)
{
    if (test->v.Compare.ops.n != 1)
        return 0;
    uint8_t op = test->v.Compare.ops.items[0];
    const Node *l = test->v.Compare.left, *r = test->v.Compare.comparators.items[0];
    if ((bit_of(t, l) & alias) && is_empty_literal(r))
        return op == CMPOP_Eq ? 1 : op == CMPOP_NotEq ? -1 : 0;
    if (!is_len_of_alias(t, l, alias) || r->kind != NK_Constant || r->v.Constant.value.kind != CONST_INT)
        return 0;
    Str digits = r->v.Constant.value.text;
    int zero = digits.len == 1 && digits.s[0] == '0', one = digits.len == 1 && digits.s[0] == '1';
    if ((op == CMPOP_Eq && zero) || (op == CMPOP_Lt && one) || (op == CMPOP_LtE && zero))
        return 1;
    if ((op == CMPOP_NotEq && zero) || (op == CMPOP_Gt && zero) || (op == CMPOP_GtE && one))
        return -1;
    return 0;
}

/* Does `test` tell that a tracked alias is empty? 1: when it is true (`not x`, `len(x) == 0`,
   `not x and ready`), -1: when it is false (`x`, `len(x)`, `x or other`), 0: neither. */
static int emptiness_test(const Tracker *t, const Node *test, Mask alias)
{
    switch (test->kind) {
    case NK_Name:
        return (bit_of(t, test) & alias) ? -1 : 0;
    case NK_Call:
        return is_len_of_alias(t, test, alias) ? -1 : 0;
    case NK_UnaryOp:
        return test->v.UnaryOp.op == UNARYOP_Not ? -emptiness_test(t, test->v.UnaryOp.operand, alias) : 0;
    case NK_Compare:
        return emptiness_compare(t, test, alias);
    case NK_BoolOp: {   /* `a and b` true: both true; `a or b` false: both false */
        int want = test->v.BoolOp.op == BOOLOP_And ? 1 : -1;
        for (int32_t i = 0; i < test->v.BoolOp.values.n; i++)
            if (emptiness_test(t, test->v.BoolOp.values.items[i], alias) == want)
                return want;
        return 0;
    }
    default:
        return 0;
    }
}

/* Names of the other parameters of the followed function (not the default's own). */
typedef struct ParamUse {
    const Node *args;   /* the `arguments` node */
    Str own;
    int found;
} ParamUse;

static int is_other_param(const ParamUse *u, Str id)
{
    const Node *a = u->args;
    const NodeList lists[3] = { a->v.arguments.posonlyargs, a->v.arguments.args, a->v.arguments.kwonlyargs };
    if (str_same(id, u->own))
        return 0;
    for (int l = 0; l < 3; l++)
        for (int32_t i = 0; i < lists[l].n; i++)
            if (str_same(lists[l].items[i]->v.arg.arg, id))
                return 1;
    return (a->v.arguments.vararg && str_same(a->v.arguments.vararg->v.arg.arg, id))
        || (a->v.arguments.kwarg && str_same(a->v.arguments.kwarg->v.arg.arg, id));
}

static int scan_param_use(const Node *n, void *arg)
{
    ParamUse *u = arg;
    if (n->kind == NK_Name && is_other_param(u, n->v.Name.id))
        u->found = 1;
    return !u->found;
}

/* A branch filling the default from what the call was given (`if not x: x.append(choice)`) hands
   one call's data to the next: only a branch that reads no other parameter builds a table. */
static int uses_other_params(const Tracker *t, NodeList body)
{
    if (t->scope != t->fscope || t->fscope->kind != SCOPE_FUNCTION)
        return 1;
    ParamUse u = { sem_func_args(t->fscope->node), t->names[0], 0 };
    for (int32_t i = 0; i < body.n && !u.found; i++)
        rule_walk(body.items[i], scan_param_use, &u);
    return u.found;
}

/* ---- events ---- */

static void note_mutation(Tracker *t, int32_t line)
{
    if (t->fill_guard > 0) {   /* `if not x: x[k] = v`: filled only while it is empty */
        if (!t->fill_line || line < t->fill_line)
            t->fill_line = line;
        return;
    }
    if (!t->mutation_line || line < t->mutation_line) {
        t->mutation_line = line;
        t->mutation_scope = t->scope;
    }
}

/* A mutation that cannot add anything (`x.sort()`, `x.pop()`, `del x[k]`): on an empty default
   no call can see what another did. */
static void note_shrink(Tracker *t, int32_t line)
{
    if (!t->shrink_line || line < t->shrink_line) {
        t->shrink_line = line;
        t->shrink_scope = t->scope;
    }
}

/* The first mutation that matters: any, or for an empty default one that may add to it. */
static int32_t mutation_of(const Tracker *t, int empty)
{
    if (empty || !t->shrink_line)
        return t->mutation_line;
    return t->mutation_line && t->mutation_line < t->shrink_line ? t->mutation_line : t->shrink_line;
}

/* `what`, then `target` (may be NULL) quoted from the source: "stored in `self.items`". */
static void describe_escape(RuleCtx *ctx, const char *what, const Node *target, char *out, size_t size)
{
    if (!target) {
        snprintf(out, size, "%s", what);
        return;
    }
    const Source *src = rule_source(ctx);
    uint32_t start = rule_offset(ctx, target->lineno, target->col_offset);
    uint32_t end = rule_offset(ctx, target->end_lineno, target->end_col_offset);
    int len = (int)(end - start);
    if (target->end_lineno != target->lineno || len > 40)
        len = 0;
    if (len)
        snprintf(out, size, "%s `%.*s`", what, len, src->text + start);
    else   /* the target is too long to quote */
        snprintf(out, size, "stored outside the function");
}

static void note_escape(Tracker *t, int32_t line, const char *what, const Node *target)
{
    if (strncmp(what, "stored", 6) == 0 && (!t->stored_line || line < t->stored_line))
        t->stored_line = line;
    if (t->escape_line && line >= t->escape_line)
        return;
    t->escape_line = line;
    describe_escape(t->ctx, what, target, t->escape_how, sizeof t->escape_how);
}

/* The default itself is stored in `root.attr` or in the global `attr` (root empty). */
static void note_store(Tracker *t, int32_t line, StoreKind kind, Str root, Str attr)
{
    for (int i = 0; i < t->nstores; i++)
        if (t->stores[i].kind == kind && str_same(t->stores[i].root, root)
            && str_same(t->stores[i].attr, attr))
            return;
    if (t->nstores < MAX_STORES)
        t->stores[t->nstores++] = (Store){ (uint8_t)kind, root, attr, line };
}

/* ---- scopes ---- */

static int declared(const Scope *s, Str name, uint8_t kind)
{
    char buf[256];
    if (name.len >= sizeof buf)
        return 0;
    memcpy(buf, name.s, name.len);
    buf[name.len] = 0;
    const Binding *bs[16];
    int32_t n = sem_bindings_of(s, buf, bs, 16);
    for (int32_t i = 0; i < n && i < 16; i++)
        if (bs[i]->kind == kind)
            return 1;
    return 0;
}

static int is_local_in(const Scope *s, Str name)
{
    char buf[256];
    if (name.len >= sizeof buf)
        return 0;
    memcpy(buf, name.s, name.len);
    buf[name.len] = 0;
    return sem_is_local(s, buf);
}

/* Tracked names still visible from a nested scope (not rebound there, or declared nonlocal). */
static Mask free_in(const Tracker *t, const Scope *nested)
{
    Mask m = 0;
    for (int i = 0; i < t->nnames; i++)
        if (!is_local_in(nested, t->names[i]) || declared(nested, t->names[i], BIND_NONLOCAL))
            m |= (Mask)1 << i;
    return m;
}

/* A local, non-parameter name of the scope being interpreted: a container we can follow. */
static int is_plain_local(const Tracker *t, const Node *name)
{
    Str id = name->v.Name.id;
    return is_local_in(t->scope, id) && !declared(t->scope, id, BIND_GLOBAL)
        && !declared(t->scope, id, BIND_NONLOCAL) && !declared(t->scope, id, BIND_PARAM);
}

/* ---- interpretation ---- */

static Flow stmts(Tracker *t, NodeList body, Flow f);
static void expr(Tracker *t, const Node *e, Flow *f);
/* What a same-module function does to the object passed as one of its parameters. */
enum { CALLEE_MUTATES = 1, CALLEE_STORES = 2, CALLEE_SHRINKS = 4, CALLEE_FILLS = 8 };
static int callee_effects(Tracker *t, const Node *def, int32_t index, Str name);

static Flow flow_union(Flow a, Flow b)
{
    return (Flow){ a.alias | b.alias, a.holder | b.holder };
}

static int flow_live(Flow f)
{
    return (f.alias | f.holder) != 0;
}

static void assign(Tracker *t, const Node *target, const Node *value, Flow *f);

/* Entry `i` now holds the default (keeps), a container of it (held), or something else. */
static void set_entry(int i, int keeps, int held, Flow *f)
{
    if (i < 0)
        return;
    Mask bit = (Mask)1 << i;
    f->alias = keeps ? f->alias | bit : f->alias & ~bit;
    f->holder = (held && !keeps) ? f->holder | bit : f->holder & ~bit;
}

static void assign_name(Tracker *t, const Node *target, int keeps, int held, Flow *f)
{
    Str id = target->v.Name.id;
    for (int i = 0; i < t->nnames; i++)   /* `root.attr` entries follow their root */
        if (t->attrs[i].s && str_same(t->names[i], id))
            set_entry(i, 0, 0, f);
    if (declared(t->scope, id, BIND_GLOBAL) || declared(t->scope, id, BIND_NONLOCAL)) {
        if (keeps || held)
            note_escape(t, target->lineno, "stored in global", target);
        if (keeps && declared(t->scope, id, BIND_GLOBAL))
            note_store(t, target->lineno, STORE_GLOBAL, (Str){ NULL, 0 }, id);
        set_entry(name_index(t, id), keeps, held, f);   /* followed in another function */
        return;
    }
    set_entry((keeps || held) ? name_add(t, id) : name_index(t, id), keeps, held, f);
}

/* `root.attr = value`: the entry of `root.attr` follows the value; storing the default itself
   there is remembered to confirm the escape later. */
static void assign_attr(Tracker *t, const Node *target, int keeps, int held, Flow *f)
{
    const Node *root = attr_root(target);
    Str attr = target->v.Attribute.attr;
    if (root)
        set_entry(keeps ? entry_add(t, root->v.Name.id, attr) : entry_index(t, root->v.Name.id, attr),
                  keeps, 0, f);
    if (!keeps && !held)
        return;
    note_escape(t, target->lineno, "stored in", target);
    if (keeps && root)
        note_store(t, target->lineno, STORE_ATTR, root->v.Name.id, attr);
}

/* `target = value` (value NULL: an unknown new value, e.g. a loop target). */
static void assign(Tracker *t, const Node *target, const Node *value, Flow *f)
{
    int keeps = value && preserves(t, value, f->alias);
    int held = value && !keeps && holds(t, value, *f);
    switch (target->kind) {
    case NK_Name:
        assign_name(t, target, keeps, held, f);
        if (t->source_class && value && value->kind == NK_Call && is_source_call(t, value))
            set_entry(entry_add(t, target->v.Name.id, t->source_attr), 1, 0, f);   /* `c = Cls()` */
        break;
    case NK_Tuple:
    case NK_List: {
        NodeList elts = target->kind == NK_Tuple ? target->v.Tuple.elts : target->v.List.elts;
        NodeList vals = { NULL, -1 };
        if (value && value->kind == NK_Tuple)
            vals = value->v.Tuple.elts;
        else if (value && value->kind == NK_List)
            vals = value->v.List.elts;
        for (int32_t i = 0; i < elts.n; i++)
            assign(t, elts.items[i], vals.n == elts.n ? vals.items[i] : NULL, f);
        break;
    }
    case NK_Starred:
        assign(t, target->v.Starred.value, NULL, f);
        break;
    case NK_Attribute:
    case NK_Subscript: {
        expr(t, target, f);
        const Node *root = chain_root(target);
        const Node *base = target->kind == NK_Attribute ? target->v.Attribute.value
                                                        : target->v.Subscript.value;
        if (reaches_alias(t, base, f->alias)) {
            note_mutation(t, target->lineno);
        } else if (target->kind == NK_Attribute) {
            assign_attr(t, target, keeps, held, f);
        } else if (keeps || held) {
            if (root && is_plain_local(t, root)) {
                int i = name_add(t, root->v.Name.id);
                if (i >= 0)
                    f->holder |= (Mask)1 << i;
            } else {
                note_escape(t, target->lineno, "stored in", target);
            }
        }
        break;
    }
    default:
        expr(t, target, f);
        break;
    }
}

/* A call passes the tracked object to a same-module function: what that function does with it
   happens here (positional arguments map to parameters after `shift` implicit ones). */
static int check_callee(Tracker *t, const Node *call, const Node *def, int32_t shift, Flow *f)
{
    int effects = 0;
    const NodeList args = call->v.Call.args;
    for (int32_t i = 0; i < args.n && args.items[i]->kind != NK_Starred; i++)
        if (bit_of(t, args.items[i]) & f->alias)
            effects |= callee_effects(t, def, i + shift, (Str){ NULL, 0 });
    const NodeList kws = call->v.Call.keywords;
    for (int32_t i = 0; i < kws.n; i++) {
        const Node *kw = kws.items[i];
        if (kw->v.keyword.arg.s && (bit_of(t, kw->v.keyword.value) & f->alias))
            effects |= callee_effects(t, def, -1, kw->v.keyword.arg);
    }
    if (effects & CALLEE_MUTATES)
        note_mutation(t, call->lineno);
    if (effects & CALLEE_FILLS) {   /* it fills the object only while it is empty */
        t->fill_guard++;
        note_mutation(t, call->lineno);
        t->fill_guard--;
    }
    if (effects & CALLEE_SHRINKS)
        note_shrink(t, call->lineno);
    if (!(effects & (CALLEE_MUTATES | CALLEE_SHRINKS)) && (effects & CALLEE_STORES))
        note_escape(t, call->lineno, "stored by", call->v.Call.func);
    return effects;
}

/* `self.method(...)` inside a method: the def of that method in the same class body. */
static const Node *self_method(const Tracker *t, const Node *func)
{
    const Scope *fs = t->fscope;
    if (func->kind != NK_Attribute || func->v.Attribute.value->kind != NK_Name || !fs->func
        || !fs->func->is_method || fs->node->kind == NK_Lambda)
        return NULL;
    const Node *args = sem_func_args(fs->node);
    const NodeList first = args->v.arguments.posonlyargs.n ? args->v.arguments.posonlyargs
                                                           : args->v.arguments.args;
    if (first.n == 0 || t->scope != fs)
        return NULL;
    Str self = first.items[0]->v.arg.arg;
    Str recv = func->v.Attribute.value->v.Name.id;
    if (recv.len != self.len || memcmp(recv.s, self.s, self.len) != 0)
        return NULL;
    char buf[256];
    Str attr = func->v.Attribute.attr;
    if (attr.len >= sizeof buf)
        return NULL;
    memcpy(buf, attr.s, attr.len);
    buf[attr.len] = 0;
    const Binding *bs[4];
    int32_t n = sem_bindings_of(fs->parent, buf, bs, 4);
    if (n < 1 || n > 4 || bs[n - 1]->kind != BIND_FUNCTION)
        return NULL;
    return bs[n - 1]->node;
}

/* `recv.append(x)`: a local container now holds x; any other container lets it escape. */
static void stored_in(Tracker *t, const Node *e, const Node *recv, Flow *f)
{
    const NodeList args = e->v.Call.args;
    for (int32_t i = 0; i < args.n; i++) {
        if (!holds(t, args.items[i], *f))
            continue;
        if (recv->kind == NK_Name && is_plain_local(t, recv)) {
            int b = name_add(t, recv->v.Name.id);
            if (b >= 0)
                f->holder |= (Mask)1 << b;
        } else {
            note_escape(t, e->lineno, "stored in", recv);
        }
        return;
    }
}

/* The def of method `name` in class `cls` (defined in `scope`) or in its bases of this file. */
static const Node *class_method(const Semantic *sem, const Scope *scope, const Node *cls, Str name, int depth)
{
    NodeList body = cls->v.ClassDef.body;
    for (int32_t i = body.n - 1; i >= 0; i--) {
        const Node *d = body.items[i];
        if ((d->kind == NK_FunctionDef || d->kind == NK_AsyncFunctionDef) && str_same(sem_func_name(d), name))
            return d;
    }
    for (int32_t i = 0; depth < MAX_CALL_DEPTH && i < cls->v.ClassDef.bases.n; i++) {
        const Binding *bd = sem_resolve_name(sem, scope, cls->v.ClassDef.bases.items[i]);
        const Node *m = bd && bd->kind == BIND_CLASS ? class_method(sem, bd->scope, bd->node, name, depth + 1)
                                                     : NULL;
        if (m)
            return m;
    }
    return NULL;
}

/* `x.method(...)` on the default, an instance of t->obj_class: the method changes its `self`.
   Returns 1 when the method is known (then the call is decided here). */
static int instance_method_call(Tracker *t, const Node *e, Flow *f)
{
    const Node *func = e->v.Call.func;
    if (!t->obj_class || func->kind != NK_Attribute || !(bit_of(t, func->v.Attribute.value) & f->alias))
        return 0;
    const Node *m = class_method(t->sem, t->obj_class_scope, t->obj_class, func->v.Attribute.attr, 0);
    if (!m || !is_instance_method(t->sem, m))
        return 0;
    if (callee_effects(t, m, 0, (Str){ NULL, 0 }) & (CALLEE_MUTATES | CALLEE_SHRINKS))
        note_mutation(t, e->lineno);
    return 1;
}

static char *at_name(RuleCtx *ctx, Str name);

/* The arguments of call `e` that may be the default, given to `target` (a reference the project
   phase resolves): noted by the main tracker. */
static void note_externals(Tracker *t, const Node *e, Flow *f, const char *target)
{
    const NodeList args = e->v.Call.args, kws = e->v.Call.keywords;
    for (int32_t i = 0; target && i < args.n && args.items[i]->kind != NK_Starred; i++)
        if ((bit_of(t, args.items[i]) & f->alias) && t->next < MAX_EXTERNAL)
            t->ext[t->next++] = (External){ target, i, NULL, e->lineno };
    for (int32_t i = 0; target && i < kws.n; i++) {
        Str kw = kws.items[i]->v.keyword.arg;
        if (kw.s && (bit_of(t, kws.items[i]->v.keyword.value) & f->alias) && t->next < MAX_EXTERNAL)
            t->ext[t->next++] = (External){ target, -1, arena_strndup(rule_arena(t->ctx), kw.s, kw.len),
                                            e->lineno };
    }
}

/* `helpers.remember(x)` or `remember(x)` with `remember` imported (or bound nowhere in a module
   with a `from m import *`), or `Basket(x)` with `Basket` a class of this module (the rule does not
   read constructors): the main tracker notes the arguments that may be the default, for the
   project phase to decide. */
static void external_call(Tracker *t, const Node *e, Flow *f)
{
    const Node *root = e->v.Call.func;
    while (root->kind == NK_Attribute)
        root = root->v.Attribute.value;
    if (t->depth > 0 || root->kind != NK_Name)
        return;
    const Binding *bd = sem_resolve_name(t->sem, t->scope, root);
    const char *target = NULL;
    if (!bd && root == e->v.Call.func && sem_has_star_import(t->sem) && !sem_qualname(t->sem, t->scope, root))
        target = at_name(t->ctx, root->v.Name.id);   /* bound nowhere: from a `from m import *` */
    else if (bd && (bd->kind == BIND_IMPORT || bd->kind == BIND_IMPORT_FROM))
        target = sem_qualname(t->sem, t->scope, e->v.Call.func);
    else if (bd && bd->kind == BIND_CLASS && bd->scope->kind == SCOPE_MODULE && root == e->v.Call.func)
        target = at_name(t->ctx, root->v.Name.id);
    note_externals(t, e, f, target);
}

/* `keep(x)` of a module-level def of this file that stores its argument: where it keeps it, the
   project phase may find code that mutates it. */
static void stored_by_local(Tracker *t, const Node *e, Flow *f, int effects)
{
    const Binding *bd = sem_resolve_name(t->sem, t->scope, e->v.Call.func);
    if (t->depth == 0 && (effects & CALLEE_STORES) && !(effects & (CALLEE_MUTATES | CALLEE_SHRINKS)) && bd
        && bd->kind == BIND_FUNCTION && bd->scope->kind == SCOPE_MODULE)
        note_externals(t, e, f, at_name(t->ctx, e->v.Call.func->v.Name.id));
}

static void call(Tracker *t, const Node *e, Flow *f)
{
    const Node *func = e->v.Call.func;
    const NodeList args = e->v.Call.args;
    const Node *method = func->kind == NK_Attribute ? self_method(t, func) : NULL;
    if (method) {
        check_callee(t, e, method, 1, f);
    } else if (instance_method_call(t, e, f)) {
        /* decided by what the method does to `self` */
    } else if (func->kind == NK_Attribute && sem_is_mutating_method(func->v.Attribute.attr)) {
        const Node *recv = func->v.Attribute.value;
        if (reaches_alias(t, recv, f->alias) && sem_is_shrinking_method(func->v.Attribute.attr))
            note_shrink(t, e->lineno);
        else if (reaches_alias(t, recv, f->alias))
            note_mutation(t, e->lineno);
        else if (sem_is_storing_method(func->v.Attribute.attr))
            stored_in(t, e, recv, f);
    }
    if (args.n > 0 && reaches_alias(t, args.items[0], f->alias)) {
        const char *q = sem_qualname(t->sem, t->scope, func);
        if (sem_is_shrinking_function(q))
            note_shrink(t, e->lineno);
        else if (sem_is_mutating_function(q))
            note_mutation(t, e->lineno);
    }
    if (func->kind == NK_Name) {
        char buf[256];
        if (func->v.Name.id.len < sizeof buf) {
            memcpy(buf, func->v.Name.id.s, func->v.Name.id.len);
            buf[func->v.Name.id.len] = 0;
            const Node *def = sem_find_function(t->sem, t->scope, buf);
            if (def)
                stored_by_local(t, e, f, check_callee(t, e, def, 0, f));
            else
                external_call(t, e, f);
        }
    } else if (func->kind == NK_Attribute && !method) {
        external_call(t, e, f);
    }
    expr(t, func, f);
    for (int32_t i = 0; i < args.n; i++)
        expr(t, args.items[i], f);
    for (int32_t i = 0; i < e->v.Call.keywords.n; i++)
        expr(t, e->v.Call.keywords.items[i]->v.keyword.value, f);
}

/* Code of a nested def / lambda / class runs with the names it does not rebind. */
static void nested(Tracker *t, const Node *def, Flow f)
{
    const Scope *ns = sem_scope_of_def(t->sem, def);
    if (!ns)
        return;
    Mask visible = free_in(t, ns);
    Flow inner = { f.alias & visible, f.holder & visible };
    if (!flow_live(inner))
        return;
    const Scope *outer_scope = t->scope;
    Flow outer_brk = t->brk, outer_cont = t->cont;
    t->scope = ns;
    if (def->kind == NK_Lambda) {
        expr(t, def->v.Lambda.body, &inner);
    } else if (def->kind == NK_ClassDef) {
        stmts(t, def->v.ClassDef.body, inner);
    } else {
        stmts(t, sem_func_body(def), inner);
    }
    t->scope = outer_scope;
    t->brk = outer_brk;
    t->cont = outer_cont;
}

static void comprehension(Tracker *t, const Node *e, Flow *f)
{
    NodeList gens = e->kind == NK_ListComp ? e->v.ListComp.generators
                  : e->kind == NK_SetComp ? e->v.SetComp.generators
                  : e->kind == NK_DictComp ? e->v.DictComp.generators
                  : e->v.GeneratorExp.generators;
    if (gens.n > 0)
        expr(t, gens.items[0]->v.comprehension.iter, f);
    const Scope *cs = sem_scope_of_def(t->sem, e);
    if (!cs)
        return;
    Mask visible = free_in(t, cs);
    Flow inner = { f->alias & visible, f->holder & visible };
    if (!flow_live(inner))
        return;
    const Scope *outer_scope = t->scope;
    t->scope = cs;
    for (int32_t g = 0; g < gens.n; g++) {
        if (g > 0)
            expr(t, gens.items[g]->v.comprehension.iter, &inner);
        for (int32_t i = 0; i < gens.items[g]->v.comprehension.ifs.n; i++)
            expr(t, gens.items[g]->v.comprehension.ifs.items[i], &inner);
    }
    if (e->kind == NK_DictComp) {
        expr(t, e->v.DictComp.key, &inner);
        expr(t, e->v.DictComp.value, &inner);
    } else {
        expr(t, e->kind == NK_ListComp ? e->v.ListComp.elt
                : e->kind == NK_SetComp ? e->v.SetComp.elt : e->v.GeneratorExp.elt, &inner);
    }
    t->scope = outer_scope;
}

/* expr() on each child of a node no case of expr() knows: its parts are evaluated in order. */
typedef struct ExprWalk {
    Tracker *t;
    Flow *f;
} ExprWalk;

static void expr_child(const Node *child, void *walk)
{
    ExprWalk *w = walk;
    expr(w->t, child, w->f);
}

/* Evaluate an expression: record its events, apply its walrus bindings to `f`. */
static void expr(Tracker *t, const Node *e, Flow *f)
{
    if (!e || !flow_live(*f))
        return;
    switch (e->kind) {
    case NK_Call:
        call(t, e, f);
        return;
    case NK_Yield:
        if (e->v.Yield.value) {
            expr(t, e->v.Yield.value, f);
            if (holds(t, e->v.Yield.value, *f))
                note_escape(t, e->lineno, "yielded", NULL);
        }
        return;
    case NK_NamedExpr:
        expr(t, e->v.NamedExpr.value, f);
        assign(t, e->v.NamedExpr.target, e->v.NamedExpr.value, f);
        return;
    case NK_Lambda:
        nested(t, e, *f);
        return;
    case NK_ListComp: case NK_SetComp: case NK_DictComp: case NK_GeneratorExp:
        comprehension(t, e, f);
        return;
    default:
        break;
    }
    ExprWalk w = { t, f };
    ast_children_each(e, expr_child, &w);
}

static const Flow dead = { 0, 0 };

/* A loop: the body runs zero or more times; iterate until the flow at its head is stable. */
static Flow loop(Tracker *t, const Node *test, const Node *target, NodeList body, NodeList orelse,
                 Flow f)
{
    Flow outer_brk = t->brk, outer_cont = t->cont;
    t->brk = t->cont = dead;
    Flow head = f;
    for (int round = 0; round <= MAX_TRACKED + 1; round++) {
        Flow s = head;
        if (test) {
            expr(t, test, &s);
            s.alias = narrow(t, test, s.alias, 1);
        }
        if (target)
            assign(t, target, NULL, &s);
        Flow next = flow_union(flow_union(head, stmts(t, body, s)), t->cont);
        if (next.alias == head.alias && next.holder == head.holder)
            break;
        head = next;
    }
    Flow exit = head;
    if (test) {
        expr(t, test, &exit);
        exit.alias = narrow(t, test, exit.alias, 0);
    }
    exit = flow_union(stmts(t, orelse, exit), t->brk);
    t->brk = outer_brk;
    t->cont = outer_cont;
    return exit;
}

static Flow try_stmt(Tracker *t, const Node *s, Flow f)
{
    NodeList body = s->kind == NK_Try ? s->v.Try.body : s->v.TryStar.body;
    NodeList handlers = s->kind == NK_Try ? s->v.Try.handlers : s->v.TryStar.handlers;
    NodeList orelse = s->kind == NK_Try ? s->v.Try.orelse : s->v.TryStar.orelse;
    NodeList finalbody = s->kind == NK_Try ? s->v.Try.finalbody : s->v.TryStar.finalbody;
    Flow after_body = stmts(t, body, f);
    Flow anywhere = flow_union(f, after_body);   /* an exception may come at any point */
    Flow merged = stmts(t, orelse, after_body);
    for (int32_t i = 0; i < handlers.n; i++) {
        const Node *h = handlers.items[i];
        merged = flow_union(merged, stmts(t, h->v.ExceptHandler.body, anywhere));
    }
    if (finalbody.n == 0)
        return merged;
    return stmts(t, finalbody, flow_union(merged, anywhere));
}

static Flow stmt(Tracker *t, const Node *s, Flow f)
{
    switch (s->kind) {
    case NK_Expr:
        expr(t, s->v.Expr.value, &f);
        return f;
    case NK_Assign:
        expr(t, s->v.Assign.value, &f);
        for (int32_t i = 0; i < s->v.Assign.targets.n; i++)
            assign(t, s->v.Assign.targets.items[i], s->v.Assign.value, &f);
        return f;
    case NK_AnnAssign:
        if (s->v.AnnAssign.value) {
            expr(t, s->v.AnnAssign.value, &f);
            assign(t, s->v.AnnAssign.target, s->v.AnnAssign.value, &f);
        }
        return f;
    case NK_AugAssign: {
        expr(t, s->v.AugAssign.value, &f);
        const Node *target = s->v.AugAssign.target;
        uint8_t op = s->v.AugAssign.op;
        if ((bit_of(t, target) & f.alias) && (op == OPERATOR_Sub || op == OPERATOR_BitAnd))
            note_shrink(t, s->lineno);   /* set `-=` / `&=` */
        else if (reaches_alias(t, target, f.alias))
            note_mutation(t, s->lineno);
        else if (target->kind != NK_Name)
            expr(t, target, &f);
        return f;
    }
    case NK_Delete:
        for (int32_t i = 0; i < s->v.Delete.targets.n; i++) {
            const Node *target = s->v.Delete.targets.items[i];
            if (target->kind == NK_Name || target->kind == NK_Attribute) {
                assign(t, target, NULL, &f);   /* `del x.a` mutates x, `del self.a` unbinds */
            } else {
                if (reaches_alias(t, target, f.alias))
                    note_shrink(t, target->lineno);
                expr(t, target, &f);
            }
        }
        return f;
    case NK_Return:
        if (s->v.Return.value) {
            expr(t, s->v.Return.value, &f);
            if (preserves(t, s->v.Return.value, f.alias)) {
                note_escape(t, s->lineno, "returned", NULL);
                if (t->scope == t->fscope)
                    note_store(t, s->lineno, STORE_RETURN, (Str){ NULL, 0 }, (Str){ NULL, 0 });
            }
            else if (holds(t, s->v.Return.value, f))
                note_escape(t, s->lineno, "returned inside a container", NULL);
        }
        return dead;
    case NK_Raise:
        expr(t, s->v.Raise.exc, &f);
        expr(t, s->v.Raise.cause, &f);
        return dead;
    case NK_Break:
        t->brk = flow_union(t->brk, f);
        return dead;
    case NK_Continue:
        t->cont = flow_union(t->cont, f);
        return dead;
    case NK_If: {
        expr(t, s->v.If.test, &f);
        Flow then = { narrow(t, s->v.If.test, f.alias, 1), f.holder };
        Flow other = { narrow(t, s->v.If.test, f.alias, 0), f.holder };
        int empty_when = emptiness_test(t, s->v.If.test, f.alias);
        if (empty_when && uses_other_params(t, empty_when > 0 ? s->v.If.body : s->v.If.orelse))
            empty_when = 0;
        t->fill_guard += empty_when > 0;
        then = stmts(t, s->v.If.body, then);
        t->fill_guard += (empty_when < 0) - (empty_when > 0);
        other = stmts(t, s->v.If.orelse, other);
        t->fill_guard -= empty_when < 0;
        return flow_union(then, other);
    }
    case NK_While:
        return loop(t, s->v.While.test, NULL, s->v.While.body, s->v.While.orelse, f);
    case NK_For:
        expr(t, s->v.For.iter, &f);
        return loop(t, NULL, s->v.For.target, s->v.For.body, s->v.For.orelse, f);
    case NK_AsyncFor:
        expr(t, s->v.AsyncFor.iter, &f);
        return loop(t, NULL, s->v.AsyncFor.target, s->v.AsyncFor.body, s->v.AsyncFor.orelse, f);
    case NK_With:
    case NK_AsyncWith: {
        NodeList items = s->kind == NK_With ? s->v.With.items : s->v.AsyncWith.items;
        for (int32_t i = 0; i < items.n; i++) {
            const Node *item = items.items[i];
            expr(t, item->v.withitem.context_expr, &f);
            if (item->v.withitem.optional_vars)
                assign(t, item->v.withitem.optional_vars, NULL, &f);
        }
        return stmts(t, s->kind == NK_With ? s->v.With.body : s->v.AsyncWith.body, f);
    }
    case NK_Try:
    case NK_TryStar:
        return try_stmt(t, s, f);
    case NK_Match: {
        expr(t, s->v.Match.subject, &f);
        Flow out = f;   /* no case matched */
        for (int32_t i = 0; i < s->v.Match.cases.n; i++) {
            const Node *c = s->v.Match.cases.items[i];
            Flow cf = f;
            expr(t, c->v.match_case.guard, &cf);
            out = flow_union(out, stmts(t, c->v.match_case.body, cf));
        }
        return out;
    }
    case NK_FunctionDef:
    case NK_AsyncFunctionDef: {
        const Node *args = sem_func_args(s);
        NodeList decos = s->kind == NK_FunctionDef ? s->v.FunctionDef.decorator_list
                                                   : s->v.AsyncFunctionDef.decorator_list;
        for (int32_t i = 0; i < decos.n; i++)
            expr(t, decos.items[i], &f);
        for (int32_t i = 0; i < args->v.arguments.defaults.n; i++)
            expr(t, args->v.arguments.defaults.items[i], &f);
        for (int32_t i = 0; i < args->v.arguments.kw_defaults.n; i++)
            expr(t, args->v.arguments.kw_defaults.items[i], &f);
        nested(t, s, f);
        int i = name_index(t, sem_func_name(s));
        if (i >= 0) {
            f.alias &= ~((Mask)1 << i);
            f.holder &= ~((Mask)1 << i);
        }
        return f;
    }
    case NK_ClassDef:
        for (int32_t i = 0; i < s->v.ClassDef.decorator_list.n; i++)
            expr(t, s->v.ClassDef.decorator_list.items[i], &f);
        for (int32_t i = 0; i < s->v.ClassDef.bases.n; i++)
            expr(t, s->v.ClassDef.bases.items[i], &f);
        nested(t, s, f);
        return f;
    case NK_Assert:
        expr(t, s->v.Assert.test, &f);
        expr(t, s->v.Assert.msg, &f);
        f.alias = narrow(t, s->v.Assert.test, f.alias, 1);
        return f;
    default:   /* pass, import, global, nonlocal, type alias */
        return f;
    }
}

static Flow stmts(Tracker *t, NodeList body, Flow f)
{
    for (int32_t i = 0; i < body.n && flow_live(f); i++) {
        if (t->steps_left <= 0)
            return dead;
        t->steps_left--;
        f = stmt(t, body.items[i], f);
    }
    return f;
}

/* ---- interprocedural summaries ---- */

/* Parameter of `def` receiving positional argument `index`, or the keyword `kw`; NULL if none. */
static const Node *param_for(const Node *def, int32_t index, Str kw)
{
    const Node *args = sem_func_args(def);
    const NodeList lists[3] = { args->v.arguments.posonlyargs, args->v.arguments.args,
                                args->v.arguments.kwonlyargs };
    if (index >= 0) {
        if (index < lists[0].n)
            return lists[0].items[index];
        index -= lists[0].n;
        return index < lists[1].n ? lists[1].items[index] : NULL;
    }
    for (int l = 1; l < 3; l++)
        for (int32_t i = 0; i < lists[l].n; i++)
            if (lists[l].items[i]->v.arg.arg.len == kw.len
                && memcmp(lists[l].items[i]->v.arg.arg.s, kw.s, kw.len) == 0)
                return lists[l].items[i];
    return NULL;
}

/* Index of the memo entry for (def, param); a new entry starts as -1 ("being computed"). */
static int32_t memo_find(DefaultState *st, Arena *a, const Node *def, const Node *param, int *is_new)
{
    for (int32_t i = 0; i < st->nmemo; i++) {
        if (st->memo[i].def == def && st->memo[i].param == param) {
            *is_new = 0;
            return i;
        }
    }
    st->memo = arena_grow(a, st->memo, &st->cap_memo, st->nmemo + 1, sizeof *st->memo, 16);
    st->memo[st->nmemo] = (MutatesMemo){ def, param, -1 };
    *is_new = 1;
    return st->nmemo++;
}

static int32_t follow(Tracker *t);

/* Does the same-module function `def` mutate or store the object passed as that parameter?
   Returning it is not counted: the caller's use of the result is what matters. */
static int callee_effects(Tracker *t, const Node *def, int32_t index, Str kw)
{
    const Node *param = param_for(def, index, kw);
    const Scope *fs = sem_scope_of_def(t->sem, def);
    if (!param || !fs || t->depth >= MAX_CALL_DEPTH)
        return 0;
    int is_new;
    int32_t at = memo_find(t->st, rule_arena(t->ctx), def, param, &is_new);
    if (!is_new)   /* known, or -1: being computed further up (recursion): assume nothing */
        return t->st->memo[at].result > 0 ? t->st->memo[at].result : 0;
    Tracker sub;
    memset(&sub, 0, sizeof sub);
    sub.ctx = t->ctx;
    sub.sem = t->sem;
    sub.st = t->st;
    sub.fscope = sub.scope = fs;
    sub.depth = t->depth + 1;
    sub.names[0] = param->v.arg.arg;
    sub.nnames = 1;
    sub.steps_left = STEP_BUDGET;
    follow(&sub);
    int effects = (sub.mutation_line ? CALLEE_MUTATES : 0) | (sub.shrink_line ? CALLEE_SHRINKS : 0)
                | (sub.stored_line ? CALLEE_STORES : 0) | (sub.fill_line ? CALLEE_FILLS : 0);
    t->st->memo[at].result = (int8_t)effects;
    return effects;
}

/* Interpret the function of t->fscope with names[0] shared. Returns 1 when something happened. */
static int32_t follow(Tracker *t)
{
    const Node *def = t->fscope->node;
    Flow f = { 1, 0 };
    if (def->kind == NK_Lambda) {
        expr(t, def->v.Lambda.body, &f);
        if (preserves(t, def->v.Lambda.body, f.alias))
            note_escape(t, def->v.Lambda.body->lineno, "returned", NULL);
    } else {
        stmts(t, sem_func_body(def), f);
    }
    return t->mutation_line || t->shrink_line || t->escape_line;
}

/* ---- confirming an escape ----
   A stored default is a confirmed leak only when visible code mutates it through the place it
   was stored: another method of the class through `self.attr`, or a function of the module
   through the global. Each such function is interpreted from its start with only that place
   holding the default (a rebinding there ends it, as in the function itself). */

typedef struct Confirm {
    int32_t line;          /* first mutation through a store (0 = none found) */
    Str where;             /* the function that mutates */
    const Store *store;    /* the store it mutates through */
} Confirm;

/* First parameter of a def (`self` of a method), or an empty Str. */
static Str first_param(const Node *def)
{
    const Node *args = sem_func_args(def);
    const NodeList first = args->v.arguments.posonlyargs.n ? args->v.arguments.posonlyargs
                                                           : args->v.arguments.args;
    return first.n ? first.items[0]->v.arg.arg : (Str){ NULL, 0 };
}

/* Does the call pass an argument to `param` of `def` (positional ones after `shift` implicit
   ones)? `*args` / `**kwargs` may. */
static int passes_param(const Node *call, const Node *def, const Node *param, int32_t shift)
{
    const NodeList args = call->v.Call.args, kws = call->v.Call.keywords;
    for (int32_t i = 0; i < args.n; i++)
        if (args.items[i]->kind == NK_Starred || param_for(def, i + shift, (Str){ NULL, 0 }) == param)
            return 1;
    for (int32_t i = 0; i < kws.n; i++)
        if (!kws.items[i]->v.keyword.arg.s || param_for(def, -1, kws.items[i]->v.keyword.arg) == param)
            return 1;
    return 0;
}

/* `f(...)` of the function whose `return x` is confirmed, or `self.f(...)` in a method of its
   class, without the argument: its result is the shared default. */
/* Does a call of a dataclass pass its field `name` (by keyword, `**kw`, or perhaps positionally)? */
static int passes_field(const Node *call, Str name)
{
    if (call->v.Call.args.n > 0)
        return 1;
    for (int32_t i = 0; i < call->v.Call.keywords.n; i++) {
        Str kw = call->v.Call.keywords.items[i]->v.keyword.arg;
        if (!kw.s || str_same(kw, name))
            return 1;
    }
    return 0;
}

/* `Cls(...)` of the class whose constructor stores the default, without the argument. */
static int is_source_construction(const Tracker *t, const Node *call)
{
    const Node *func = call->v.Call.func;
    const Binding *bd = func->kind == NK_Name ? sem_resolve_name(t->sem, t->scope, func) : NULL;
    if (!bd || bd->kind != BIND_CLASS || bd->node != t->source_class)
        return 0;
    return t->source_def ? !passes_param(call, t->source_def, t->source_param, 1)
                         : !passes_field(call, t->source_attr);
}

static int is_source_call(const Tracker *t, const Node *call)
{
    if (t->source_class)
        return is_source_construction(t, call);
    const Node *func = call->v.Call.func, *def = t->source_def;
    int32_t shift = 0;
    if (func->kind == NK_Name) {
        char buf[256];
        if (func->v.Name.id.len >= sizeof buf)
            return 0;
        memcpy(buf, func->v.Name.id.s, func->v.Name.id.len);
        buf[func->v.Name.id.len] = 0;
        if (sem_find_function(t->sem, t->scope, buf) != def)
            return 0;
    } else {
        const Scope *ds = sem_scope_of_def(t->sem, def), *cs = t->scope;
        if (func->kind != NK_Attribute || func->v.Attribute.value->kind != NK_Name || !ds || !ds->func
            || !ds->func->is_method || !str_same(func->v.Attribute.attr, sem_func_name(def))
            || cs->kind != SCOPE_FUNCTION || cs->parent != ds->parent
            || !str_same(func->v.Attribute.value->v.Name.id, first_param(cs->node)))
            return 0;
        shift = 1;
    }
    return !passes_param(call, def, t->source_param, shift);
}

/* A method whose first parameter is the instance (not a staticmethod or classmethod). */
static int is_instance_method(const Semantic *sem, const Node *def)
{
    const FuncInfo *fi = sem_func_info(sem, def);
    for (int32_t i = 0; fi && i < fi->ndecorators; i++)
        if (fi->decorators[i] && (strcmp(fi->decorators[i], "staticmethod") == 0
                                  || strcmp(fi->decorators[i], "classmethod") == 0))
            return 0;
    return first_param(def).s != NULL;
}

/* Name of the function (or class) whose code contains a mutation; `<module>` for module code. */
static Str scope_name(const Scope *s)
{
    if (s->kind == SCOPE_FUNCTION || s->kind == SCOPE_LAMBDA)
        return sem_func_name(s->node);
    if (s->kind == SCOPE_CLASS)
        return s->node->v.ClassDef.name;
    if (s->kind == SCOPE_COMPREHENSION && s->parent)
        return scope_name(s->parent);
    return (Str){ "<module>", 8 };
}

/* Interpret `body` (the code of scope `fs`) with entry 0 of `sub` (set up by the caller) holding
   the default from the start; keep the first mutation in `c`. */
static void confirm_run(const Tracker *t, Tracker *sub, const Scope *fs, NodeList body,
                        const Store *store, Confirm *c)
{
    sub->ctx = t->ctx;
    sub->sem = t->sem;
    sub->st = t->st;
    sub->fscope = sub->scope = fs;
    sub->depth = 1;
    sub->nnames = 1;
    sub->obj_class = t->obj_class;
    sub->obj_class_scope = t->obj_class_scope;
    sub->not_container = t->not_container;
    int64_t left = CONFIRM_BUDGET - t->st->confirm_steps;
    if (left <= 0)
        return;
    sub->steps_left = left < STEP_BUDGET ? (int32_t)left : STEP_BUDGET;
    int32_t given = sub->steps_left;
    stmts(sub, body, (Flow){ 1, 0 });
    t->st->confirm_steps += given - sub->steps_left;
    int32_t line = mutation_of(sub, t->default_empty);
    const Scope *where = line == sub->mutation_line ? sub->mutation_scope : sub->shrink_scope;
    if (line && (!c->line || line < c->line))
        *c = (Confirm){ line, scope_name(where ? where : fs), store };
}

/* Function `fs` mutates what `name` (or `name.attr`) holds when it starts. */
static void confirm_in(const Tracker *t, const Scope *fs, const Store *store, Str name, Confirm *c)
{
    Tracker sub;
    memset(&sub, 0, sizeof sub);
    sub.names[0] = name;
    sub.attrs[0] = store->kind == STORE_ATTR ? store->attr : (Str){ NULL, 0 };
    confirm_run(t, &sub, fs, sem_func_body(fs->node), store, c);
}

/* `return x`: module code (functions and classes included) that mutates the result of a call
   that omits the argument: `get_headers()["X"] = 1`, `h = get_headers(); h.clear()`. */
static void confirm_return(const Tracker *t, const Store *store, Confirm *c)
{
    const Scope *ms = sem_module_scope(t->sem);
    if (t->fscope->kind != SCOPE_FUNCTION || ms->node->kind != NK_Module)
        return;
    Tracker sub;
    memset(&sub, 0, sizeof sub);
    sub.names[0] = (Str){ "", 0 };   /* no name: only calls give the default */
    sub.source_def = t->fscope->node;
    sub.source_param = t->param;
    confirm_run(t, &sub, ms, ms->node->v.Module.body, store, c);
}

/* Module code (functions and classes included) that mutates the attribute `attr` of an instance
   of `cls` built without the argument (`init`'s `param`, or the dataclass field `attr` when `init`
   is NULL): `p = Pair(); p.left.low = 1`, `Pair().left.clear()`. */
static void confirm_construct(const Tracker *t, const Store *store, const Node *cls, const Node *init,
                              const Node *param, Confirm *c)
{
    const Scope *ms = sem_module_scope(t->sem);
    if (ms->node->kind != NK_Module)
        return;
    Tracker sub;
    memset(&sub, 0, sizeof sub);
    sub.names[0] = (Str){ "", 0 };   /* no name: only `Cls().attr` gives the default */
    sub.source_class = cls;
    sub.source_def = init;
    sub.source_param = param;
    sub.source_attr = store->attr;
    confirm_run(t, &sub, ms, ms->node->v.Module.body, store, c);
}

/* `self.attr = x` in a method: the other instance methods of the class, through `self.attr`, and
   for `__init__` the code that builds instances without the argument. */
static void confirm_attr(const Tracker *t, const Store *store, Confirm *c)
{
    const Scope *fs = t->fscope, *cls = fs->parent;
    if (!fs->func || !fs->func->is_method || !cls || cls->kind != SCOPE_CLASS
        || !is_instance_method(t->sem, fs->node) || !str_same(store->root, first_param(fs->node)))
        return;
    for (int32_t i = 0; i < cls->nchildren; i++) {
        const Scope *m = cls->children[i];
        if (m != fs && m->kind == SCOPE_FUNCTION && is_instance_method(t->sem, m->node))
            confirm_in(t, m, store, first_param(m->node), c);
    }
    if (t->param && sem_str_eq(sem_func_name(fs->node), "__init__"))
        confirm_construct(t, store, cls->node, fs->node, t->param, c);
}

/* `global G; G = x`: every function of the module (and of its classes) that sees the global. */
static void confirm_global(const Tracker *t, const Scope *s, const Store *store, Confirm *c)
{
    for (int32_t i = 0; i < s->nchildren; i++) {
        const Scope *ch = s->children[i];
        if (ch->kind == SCOPE_CLASS)
            confirm_global(t, ch, store, c);
        else if (ch->kind == SCOPE_FUNCTION && (!is_local_in(ch, store->attr)
                                                || declared(ch, store->attr, BIND_GLOBAL)))
            confirm_in(t, ch, store, store->attr, c);
    }
}

static void confirm_escape(const Tracker *t, Confirm *c)
{
    for (int i = 0; i < t->nstores; i++) {
        if (t->stores[i].kind == STORE_ATTR)
            confirm_attr(t, &t->stores[i], c);
        else if (t->stores[i].kind == STORE_GLOBAL)
            confirm_global(t, sem_module_scope(t->sem), &t->stores[i], c);
        else
            confirm_return(t, &t->stores[i], c);
    }
}

/* ---- classification and reporting ---- */

static int is_cache_name(RuleCtx *ctx, DefaultState *st, Str name)
{
    if (st->cache_re_state == 0) {
        const RuleOptions *opt = rule_options(ctx);
        const char *pattern = opt && opt->cache_names_regex ? opt->cache_names_regex : RULE_DEFAULT_CACHE_NAMES;
        st->cache_re_state = regcomp(&st->cache_re, pattern, REG_EXTENDED | REG_NOSUB) == 0 ? 1 : -1;
    }
    if (st->cache_re_state != 1)
        return 0;
    char buf[256];
    if (name.len >= sizeof buf)
        return 0;
    memcpy(buf, name.s, name.len);
    buf[name.len] = 0;
    return regexec(&st->cache_re, buf, 0, NULL, 0) == 0;
}

void default_finish(RuleCtx *ctx)
{
    DefaultState *st = rule_state(ctx);
    if (st && st->cache_re_state == 1)
        regfree(&st->cache_re);
    if (st)
        st->cache_re_state = 0;
}

/* `name=<default source>` for messages, shortened to one line. */
static void describe_default(RuleCtx *ctx, const Node *param, const Node *value, char *out, size_t size)
{
    const Source *src = rule_source(ctx);
    uint32_t start = rule_offset(ctx, value->lineno, value->col_offset);
    uint32_t end = rule_offset(ctx, value->end_lineno, value->end_col_offset);
    uint32_t len = end - start;
    int cut = 0;
    for (uint32_t i = 0; i < len; i++) {
        if (src->text[start + i] == '\n' || src->text[start + i] == '\r') {
            len = i;
            cut = 1;
        }
    }
    if (len > 30) {
        len = 27;
        cut = 1;
    }
    while (len > 0 && utf8_is_continuation((unsigned char)src->text[start + len]) && len < end - start)
        len--;   /* do not split a UTF-8 character */
    Str name = param->v.arg.arg;
    snprintf(out, size, "%.*s=%.*s%s", (int)name.len, name.s, (int)len, src->text + start, cut ? "..." : "");
}

/* A mutated default that keeps state across calls on purpose (kept_state()). */
typedef enum KeptState { STATE_NONE, STATE_CELL, STATE_TABLE, STATE_FLAG, STATE_LAZY, STATE_GUARD } KeptState;

/* What the analysis concluded about one default. */
typedef struct Verdict {
    DefaultClass cls;
    KeptState state;       /* GT103: a cell or a memo table, mutated on purpose */
    Confirm confirm;       /* GT102: the mutation through the place it was stored */
} Verdict;

/* The GT103 message: plain, a cell, or an escape that nothing visible mutates. */
static void report_shared(RuleCtx *ctx, const char *what, Str fname, const Tracker *t, const Verdict *v,
                          Fix *fix)
{
    if (v->state == STATE_LAZY)
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` is created once and shared by every call that omits it: "
                    "it is a table filled at line %d only while it is empty, state kept across calls",
                    what, (int)fname.len, fname.s, t->fill_line);
    else if (v->state == STATE_GUARD)
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` is created once and shared by every call that omits it: "
                    "it is a guard whose entry added at line %d is removed again in `finally`, shared by "
                    "nested calls on purpose", what, (int)fname.len, fname.s, t->mutation_line);
    else if (v->state != STATE_NONE)
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` is created once and shared by every call that omits it: "
                    "it is used as %s at line %d, state kept across calls",
                    what, (int)fname.len, fname.s,
                    v->state == STATE_CELL ? "a cell whose item is changed"
                    : v->state == STATE_TABLE ? "a lookup table filled" : "a flag set",
                    t->mutation_line);
    else if (t->escape_line)
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` is created once, at definition, and shared by every call that omits it "
                    "(it escapes at line %d, %s, but no visible code mutates it)",
                    what, (int)fname.len, fname.s, t->escape_line, t->escape_how);
    else
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` is created once, at definition, and shared by every call that omits it",
                    what, (int)fname.len, fname.s);
}

static void report_default(RuleCtx *ctx, const Node *def, const Node *param, const Tracker *t,
                           const Verdict *v)
{
    char what[160], how[96];
    describe_default(ctx, param, t->node, what, sizeof what);
    Str fname = sem_func_name(def);
    Fix *fix = v->state != STATE_NONE ? NULL : default_fix(ctx, def, param, t->node);   /* on purpose */
    const Confirm *c = &v->confirm;
    switch (v->cls) {
    case DEFAULT_MUTATED:
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` is mutated at line %d and shared by every call that omits it",
                    what, (int)fname.len, fname.s, t->mutation_line);
        break;
    case DEFAULT_ESCAPES:
        if (c->store->kind == STORE_ATTR)
            snprintf(how, sizeof how, "stored in `%.*s.%.*s`", (int)c->store->root.len, c->store->root.s,
                     (int)c->store->attr.len, c->store->attr.s);
        else if (c->store->kind == STORE_GLOBAL)
            snprintf(how, sizeof how, "stored in global `%.*s`", (int)c->store->attr.len, c->store->attr.s);
        else
            snprintf(how, sizeof how, "returned");
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` escapes at line %d (%s) and is mutated through it at line %d "
                    "(in `%.*s`): every call that omits it hands out the same object",
                    what, (int)fname.len, fname.s, c->store->line, how, c->line,
                    (int)c->where.len, c->where.s);
        break;
    default:
        report_shared(ctx, what, fname, t, v, fix);
        break;
    }
}

/* `[]`, `{}`, `list()`, `deque(maxlen=3)`, `defaultdict(list)`, `array("i")`: empty when made. */
static int is_empty_default(const Node *v)
{
    switch (v->kind) {
    case NK_List:
        return v->v.List.elts.n == 0;
    case NK_Dict:
        return v->v.Dict.keys.n == 0;
    case NK_Call: {
        const Node *f = v->v.Call.func;
        Str callee = f->kind == NK_Name ? f->v.Name.id
                   : f->kind == NK_Attribute ? f->v.Attribute.attr : (Str){ NULL, 0 };
        int32_t nargs = v->v.Call.args.n;
        if (nargs == 1 && (sem_str_eq(callee, "defaultdict") || sem_str_eq(callee, "array")))
            nargs = 0;   /* the factory / the type code */
        for (int32_t i = 0; i < v->v.Call.keywords.n; i++)
            if (!sem_str_eq(v->v.Call.keywords.items[i]->v.keyword.arg, "maxlen"))
                return 0;
        return nargs == 0;
    }
    default:
        return 0;
    }
}

typedef struct SentinelScan {
    Str param, sentinel;
    int found;
} SentinelScan;

static int same_name(const Node *e, Str name)
{
    return e->kind == NK_Name && e->v.Name.id.len == name.len
        && memcmp(e->v.Name.id.s, name.s, name.len) == 0;
}

/* The sentinel as `_MISSING`, `Class._MISSING` or `self._MISSING` (a class-level sentinel). */
static int is_sentinel_ref(const Node *e, Str sentinel)
{
    if (e->kind == NK_Attribute)
        return e->v.Attribute.attr.len == sentinel.len
            && memcmp(e->v.Attribute.attr.s, sentinel.s, sentinel.len) == 0;
    return same_name(e, sentinel);
}

static int scan_sentinel(const Node *n, void *arg)
{
    SentinelScan *scan = arg;
    if (n->kind == NK_Compare && n->v.Compare.ops.n == 1
        && (n->v.Compare.ops.items[0] == CMPOP_Is || n->v.Compare.ops.items[0] == CMPOP_IsNot)) {
        const Node *l = n->v.Compare.left, *r = n->v.Compare.comparators.items[0];
        if ((same_name(l, scan->param) && is_sentinel_ref(r, scan->sentinel))
            || (same_name(r, scan->param) && is_sentinel_ref(l, scan->sentinel)))
            scan->found = 1;
    }
    return !scan->found;
}

/* `def f(flag=_MISSING)` with `flag is _MISSING` in the body: a sentinel compared by identity,
   never used as a value (tkinter's `_noarg_ = ['_noarg_']`). */
static int is_sentinel(const Node *def, const Node *param, const Node *value)
{
    if (value->kind != NK_Name)
        return 0;
    SentinelScan scan = { param->v.arg.arg, value->v.Name.id, 0 };
    if (def->kind == NK_Lambda)
        rule_walk(def->v.Lambda.body, scan_sentinel, &scan);
    NodeList body = sem_func_body(def);
    for (int32_t i = 0; i < body.n && !scan.found; i++)
        rule_walk(body.items[i], scan_sentinel, &scan);
    return scan.found;
}

typedef struct StateScan {
    Str param;
    int32_t uses;          /* every use of the name */
    int32_t items;         /* `name[k]` (no slice, no `del`), `len(name)` */
    int32_t lookups;       /* `name.get(...)`, `name.setdefault(...)`, `k in name` */
    int32_t deep;          /* an item used further: `name[k].append(v)`, `name.get(k)[0]` */
    int32_t tests;         /* `if name:`, `not name`, `x if name else y`: only its truth */
    int32_t flips;         /* `name.append(None)`, `del name[:]`: changed with constants only */
    int32_t grows;         /* those of the flips that may add (append, not pop or del) */
} StateScan;

/* Every argument of the call is a constant: nothing of the call goes into the default. */
static int constant_args(const Node *call)
{
    for (int32_t i = 0; i < call->v.Call.args.n; i++)
        if (call->v.Call.args.items[i]->kind != NK_Constant)
            return 0;
    return call->v.Call.keywords.n == 0;
}

/* Uses of the default for its truth, or to flip that truth with constants. */
static void scan_flag(const Node *n, StateScan *scan)
{
    const Node *test = n->kind == NK_If ? n->v.If.test : n->kind == NK_While ? n->v.While.test
                     : n->kind == NK_IfExp ? n->v.IfExp.test : n->kind == NK_Assert ? n->v.Assert.test
                     : n->kind == NK_UnaryOp && n->v.UnaryOp.op == UNARYOP_Not ? n->v.UnaryOp.operand : NULL;
    if (test && same_name(test, scan->param))
        scan->tests++;
    if (n->kind == NK_Call && n->v.Call.func->kind == NK_Attribute
        && same_name(n->v.Call.func->v.Attribute.value, scan->param)
        && sem_is_mutating_method(n->v.Call.func->v.Attribute.attr) && constant_args(n)) {
        scan->flips++;
        scan->grows += !sem_is_shrinking_method(n->v.Call.func->v.Attribute.attr);
    }
    if (n->kind == NK_Subscript && n->v.Subscript.ctx == EXPR_CONTEXT_Del
        && same_name(n->v.Subscript.value, scan->param))
        scan->flips++;
}

/* `name[k]`, `name.get(k)`, `name.setdefault(k, v)`: an item of the default. */
static int is_item_of(const Node *e, Str param)
{
    if (e->kind == NK_Subscript)
        return same_name(e->v.Subscript.value, param);
    if (e->kind != NK_Call || e->v.Call.func->kind != NK_Attribute)
        return 0;
    const Node *f = e->v.Call.func;
    return same_name(f->v.Attribute.value, param)
        && (sem_str_eq(f->v.Attribute.attr, "get") || sem_str_eq(f->v.Attribute.attr, "setdefault"));
}

static int scan_state(const Node *n, void *arg)
{
    StateScan *scan = arg;
    if (same_name(n, scan->param))
        scan->uses++;
    if (n->kind == NK_Subscript && same_name(n->v.Subscript.value, scan->param)
        && n->v.Subscript.slice->kind != NK_Slice && n->v.Subscript.ctx != EXPR_CONTEXT_Del)
        scan->items++;
    if (n->kind == NK_Call && n->v.Call.func->kind == NK_Name && sem_str_eq(n->v.Call.func->v.Name.id, "len")
        && n->v.Call.args.n == 1 && same_name(n->v.Call.args.items[0], scan->param))
        scan->items++;
    if (n->kind == NK_Attribute && same_name(n->v.Attribute.value, scan->param)
        && (sem_str_eq(n->v.Attribute.attr, "get") || sem_str_eq(n->v.Attribute.attr, "setdefault")))
        scan->lookups++;
    if (n->kind == NK_Compare && n->v.Compare.ops.n == 1
        && (n->v.Compare.ops.items[0] == CMPOP_In || n->v.Compare.ops.items[0] == CMPOP_NotIn)
        && same_name(n->v.Compare.comparators.items[0], scan->param))
        scan->lookups++;
    if ((n->kind == NK_Attribute && is_item_of(n->v.Attribute.value, scan->param))
        || (n->kind == NK_Subscript && is_item_of(n->v.Subscript.value, scan->param)))
        scan->deep++;
    scan_flag(n, scan);
    return 1;
}

/* ---- a recursion guard: entries added, then removed in `finally` ---- */

#define MAX_GUARD_TRYS 8

typedef struct GuardScan {
    RuleCtx *ctx;
    Str param;
    const Node *trys[MAX_GUARD_TRYS];   /* trys whose `finally` removes from the default */
    int32_t ntrys;
    const Node *keys[MAX_GUARD_TRYS];   /* what those remove: `k` of `del d[k]`, `d.discard(k)`;
                                           NULL for `d.pop()`, `d.clear()` (any entry) */
    int32_t nkeys;
    int32_t growths;                    /* changes that may add to the default */
    int32_t covered;                    /* of those, followed or enclosed by such a try */
} GuardScan;

/* `del name[k]`, `name.pop(k)`, `name.discard(k)`, `name.remove(k)`, `name.clear()`: 1, with the
   key removed in *key (NULL when the call takes none: any entry). */
static int removes_from(const Node *n, Str param, const Node **key)
{
    *key = NULL;
    if (n->kind == NK_Delete) {
        for (int32_t i = 0; i < n->v.Delete.targets.n; i++) {
            const Node *t = n->v.Delete.targets.items[i];
            if (t->kind == NK_Subscript && same_name(t->v.Subscript.value, param)) {
                *key = t->v.Subscript.slice;
                return 1;
            }
        }
        return 0;
    }
    if (n->kind != NK_Call || n->v.Call.func->kind != NK_Attribute ||
        !same_name(n->v.Call.func->v.Attribute.value, param) ||
        !sem_is_shrinking_method(n->v.Call.func->v.Attribute.attr))
        return 0;
    *key = n->v.Call.args.n ? n->v.Call.args.items[0] : NULL;
    return 1;
}

typedef struct RemoveScan {
    GuardScan *g;
    int found;
} RemoveScan;

static int scan_remove(const Node *n, void *arg)
{
    RemoveScan *r = arg;
    if (n->kind == NK_FunctionDef || n->kind == NK_AsyncFunctionDef || n->kind == NK_Lambda ||
        n->kind == NK_ClassDef)
        return 0;
    const Node *key;
    if (removes_from(n, r->g->param, &key)) {
        r->found = 1;
        if (r->g->nkeys < MAX_GUARD_TRYS)
            r->g->keys[r->g->nkeys++] = key;
        return 0;
    }
    return 1;
}

/* The entry a growth adds: `k` of `d[k] = v`, `d.add(k)`, `s.append(k)`; NULL when unknown. */
static const Node *growth_key(const Node *n)
{
    if (n->kind == NK_Subscript)
        return n->v.Subscript.slice;
    if (n->kind == NK_Call && n->v.Call.args.n)
        return n->v.Call.args.items[0];
    return NULL;
}

/* 1 if a `finally` of a guard removes the entry `n` adds (or removes any entry). */
static int key_removed(const GuardScan *g, const Node *n)
{
    const Node *key = growth_key(n);
    for (int32_t i = 0; i < g->nkeys; i++)
        if (!g->keys[i] || (key && rule_same_text(g->ctx, g->keys[i], key)))
            return 1;
    return 0;
}

/* A change that may add to the default: `name[k] = v`, `name.add(k)`, `name.append(x)`... */
static int grows(const Node *n, Str param)
{
    if (n->kind == NK_Subscript && n->v.Subscript.ctx == EXPR_CONTEXT_Store)
        return same_name(n->v.Subscript.value, param);
    if (n->kind == NK_AugAssign)
        return same_name(n->v.AugAssign.target, param);
    return n->kind == NK_Call && n->v.Call.func->kind == NK_Attribute &&
           same_name(n->v.Call.func->v.Attribute.value, param) &&
           sem_is_mutating_method(n->v.Call.func->v.Attribute.attr) &&
           !sem_is_shrinking_method(n->v.Call.func->v.Attribute.attr);
}

static int is_guard_try(const GuardScan *g, const Node *n)
{
    for (int32_t i = 0; i < g->ntrys; i++)
        if (g->trys[i] == n)
            return 1;
    return 0;
}

/* The statement lists of a compound statement or def. */
static int block_lists(const Node *a, NodeList out[2])
{
    switch (a->kind) {
    case NK_If:    out[0] = a->v.If.body; out[1] = a->v.If.orelse; return 2;
    case NK_With:  out[0] = a->v.With.body; return 1;
    case NK_AsyncWith: out[0] = a->v.AsyncWith.body; return 1;
    case NK_For:   out[0] = a->v.For.body; out[1] = a->v.For.orelse; return 2;
    case NK_While: out[0] = a->v.While.body; out[1] = a->v.While.orelse; return 2;
    case NK_Try: case NK_TryStar: out[0] = a->v.Try.body; out[1] = a->v.Try.orelse; return 2;
    case NK_ExceptHandler: out[0] = a->v.ExceptHandler.body; return 1;
    case NK_FunctionDef: case NK_AsyncFunctionDef: out[0] = sem_func_body(a); return 1;
    default:       return 0;
    }
}

/* 1 if `child`, a statement of a block of `a`, is followed in that block by a guard try. */
static int followed_by_guard(const GuardScan *g, const Node *a, const Node *child)
{
    NodeList lists[2];
    int n = block_lists(a, lists);
    for (int l = 0; l < n; l++) {
        int after = 0;
        for (int32_t i = 0; i < lists[l].n; i++) {
            if (lists[l].items[i] == child)
                after = 1;
            else if (after && is_guard_try(g, lists[l].items[i]))
                return 1;
        }
    }
    return 0;
}

/* 1 if the statement holding `n` sits in the body of a guard try, or is followed in its block by
   one (`seen[k] = 1` then `try: ... finally: del seen[k]`). */
static int undone_in_finally(const GuardScan *g, const Node *n)
{
    for (const Node *child = n, *a = n->parent; a; child = a, a = a->parent) {
        if ((a->kind == NK_Try || a->kind == NK_TryStar) && is_guard_try(g, a) &&
            rule_node_in_list(a->v.Try.body, child))
            return 1;
        if (followed_by_guard(g, a, child))
            return 1;
        if (a->kind == NK_FunctionDef || a->kind == NK_AsyncFunctionDef || a->kind == NK_Lambda)
            return 0;
    }
    return 0;
}

static int scan_guard(const Node *n, void *arg)
{
    GuardScan *g = arg;
    if (n->kind == NK_FunctionDef || n->kind == NK_AsyncFunctionDef || n->kind == NK_Lambda ||
        n->kind == NK_ClassDef)
        return 0;
    if (n->kind == NK_Try || n->kind == NK_TryStar) {
        RemoveScan r = { g, 0 };
        for (int32_t i = 0; i < n->v.Try.finalbody.n; i++)
            rule_walk(n->v.Try.finalbody.items[i], scan_remove, &r);
        if (r.found && g->ntrys < MAX_GUARD_TRYS)
            g->trys[g->ntrys++] = n;
    }
    return 1;
}

static int scan_growth(const Node *n, void *arg)
{
    GuardScan *g = arg;
    if (n->kind == NK_FunctionDef || n->kind == NK_AsyncFunctionDef || n->kind == NK_Lambda ||
        n->kind == NK_ClassDef)
        return 0;
    if (grows(n, g->param)) {
        g->growths++;
        g->covered += undone_in_finally(g, n) && key_removed(g, n);
    }
    return 1;
}

/* A guard: `def __repr__(self, _running={}): key = id(self); if key in _running: return '...';
   _running[key] = 1; try: ... finally: del _running[key]`. Every entry a call adds is removed
   again in a `finally` of the same call, so no call leaves anything for the next one; the object
   is shared on purpose, by the calls nested in this one (recursion). */
static int is_guard(RuleCtx *ctx, const Node *def, const Node *param)
{
    if (def->kind == NK_Lambda)
        return 0;
    GuardScan g;
    memset(&g, 0, sizeof g);
    g.ctx = ctx;
    g.param = param->v.arg.arg;
    NodeList body = sem_func_body(def);
    for (int32_t i = 0; i < body.n; i++)
        rule_walk(body.items[i], scan_guard, &g);
    if (g.ntrys == 0)
        return 0;
    for (int32_t i = 0; i < body.n; i++)
        rule_walk(body.items[i], scan_growth, &g);
    return g.growths > 0 && g.covered == g.growths;
}

/* State kept across calls on purpose, told by how the body uses the default:
   a cell: `def f(n=[0]): n[0] += 1`, a non-empty list display used only item by item (`n[0]`,
     `n[side]`; no slice, no `del`) or measured (`len(n)`), so it never grows or shrinks;
   a table: `def f(k, seen={}): if k in seen: ...; seen[k] = v`, an empty dict used only by key
     (`d[k]`, `d.get`, `d.setdefault`, `k in d`) and looked up: a memo filled across calls.
   a flag: `def f(x, done=[]): if not done: setup(); done.append(True)`, a list display only
     tested for its truth and changed with constants, an empty one only added to, a non-empty
     one only emptied (`del first[:]`): "has this happened before", nothing of any call goes
     into it.
   a guard: an empty default whose every entry a call adds is removed again in a `finally` of that
     call (is_guard).
   Neither when an item is used further (`d.setdefault(k, []).append(v)`): that accumulates. */
static KeptState kept_state(RuleCtx *ctx, const Node *def, const Node *param, const Node *value)
{
    int list = value->kind == NK_List && value->v.List.elts.n > 0;
    int any_list = value->kind == NK_List;
    int dict = is_empty_default(value) && (value->kind == NK_Dict
               || (value->kind == NK_Call && value->v.Call.func->kind == NK_Name
                   && sem_str_eq(value->v.Call.func->v.Name.id, "dict")));
    if (is_empty_default(value) && is_guard(ctx, def, param))
        return STATE_GUARD;
    if (!any_list && !dict)
        return STATE_NONE;
    StateScan scan = { param->v.arg.arg, 0, 0, 0, 0, 0, 0, 0 };
    if (def->kind == NK_Lambda)
        rule_walk(def->v.Lambda.body, scan_state, &scan);
    NodeList body = sem_func_body(def);
    for (int32_t i = 0; i < body.n; i++)
        rule_walk(body.items[i], scan_state, &scan);
    if (scan.deep)
        return STATE_NONE;   /* items are containers filled in place: an accumulator */
    if (list && scan.uses > 0 && scan.uses == scan.items)
        return STATE_CELL;
    if (dict && scan.lookups > 0 && scan.uses == scan.items + scan.lookups)
        return STATE_TABLE;
    /* A flag flips once: an empty one is only added to, a non-empty one only emptied. */
    int flips_once = list ? scan.grows == 0 : scan.grows == scan.flips;
    if (any_list && scan.tests > 0 && scan.flips > 0 && flips_once && scan.uses == scan.tests + scan.flips)
        return STATE_FLAG;
    return STATE_NONE;
}

/* `TABLE`, `_DEFAULT_TAGS`: a name written as a constant (PEP 8), which must not change. */
static int is_constant_name(Str name)
{
    int letters = 0;
    for (uint32_t i = 0; i < name.len; i++) {
        if (name.s[i] >= 'a' && name.s[i] <= 'z')
            return 0;
        letters += name.s[i] >= 'A' && name.s[i] <= 'Z';
    }
    return letters > 0;
}

/* 1 if a load of `name` in `scope` or a scope nested in it (other than `skip`, the nested
   function's own body, where it recurses) is found. */
static int read_in_nested(const Scope *scope, const Scope *skip, Str name)
{
    for (int32_t c = 0; c < scope->nchildren; c++) {
        const Scope *child = scope->children[c];
        if (child == skip)
            continue;
        for (int32_t i = 0; i < child->nloads; i++)
            if (str_same(child->loads[i]->v.Name.id, name))
                return 1;
        if (read_in_nested(child, skip, name))
            return 1;
    }
    return 0;
}

/* `def walk(node, seen=[])` nested in a function, whose name that function only calls, at most
   once without the argument and not in a loop: the default is made anew each time the enclosing
   function runs (the def runs then) and serves that one call, which hands it on to the recursion.
   No two calls that omit it share it: not a confirmed bug (GT103 still reports the shared
   default). */
static int nested_default_used_once(const Tracker *t, const Node *def, const Node *param)
{
    const Scope *outer = t->fscope->parent;
    if (!outer || outer->kind != SCOPE_FUNCTION || def->kind == NK_Lambda)
        return 0;
    Str name = sem_func_name(def);
    int omitting = 0;
    for (int32_t i = 0; i < outer->nloads; i++) {
        const Node *load = outer->loads[i];
        if (!str_same(load->v.Name.id, name))
            continue;
        const Node *call = sem_parent_in(t->sem, outer, load);
        if (!call || call->kind != NK_Call || call->v.Call.func != load)
            return 0;   /* the function itself escapes (returned, stored, passed) */
        if (passes_param(call, def, param, 0))
            continue;
        if (++omitting > 1)
            return 0;
        for (const Node *child = call, *a = sem_parent_in(t->sem, outer, call); a && a != outer->node;
             child = a, a = sem_parent_in(t->sem, outer, a))
            if ((a->kind == NK_For && child != a->v.For.iter) ||
                (a->kind == NK_AsyncFor && child != a->v.AsyncFor.iter) || a->kind == NK_While)
                return 0;   /* run by every pass (a `for` header's iterable is evaluated once) */
    }
    return !read_in_nested(outer, t->fscope, name);
}

/* The class of one followed default. A default that is a module (or class) name is one object
   the module names and shares anyway: reported only when it is a constant the function changes,
   or when a store of it is mutated; a lowercase module variable changed through the default is
   module state by design. */
static Verdict classify(const Tracker *t, const Node *def, const Node *param, const Node *value)
{
    Verdict v;
    memset(&v, 0, sizeof v);
    int is_name = value->kind == NK_Name;
    if (!t->mutation_line && t->escape_line)
        confirm_escape(t, &v.confirm);
    if (t->mutation_line) {
        v.state = is_name ? STATE_NONE : kept_state(t->ctx, def, param, value);
        v.cls = is_name && !is_constant_name(value->v.Name.id) ? DEFAULT_SILENT
              : v.state != STATE_NONE || nested_default_used_once(t, def, param) ? DEFAULT_SHARED
              : DEFAULT_MUTATED;
    } else if (v.confirm.line) {
        v.cls = DEFAULT_ESCAPES;
    } else if (t->fill_line) {   /* filled once, under a test that it is empty: a lazy table */
        v.state = STATE_LAZY;
        v.cls = is_name ? DEFAULT_SILENT : DEFAULT_SHARED;
    } else {
        v.cls = is_name || sem_is_read_only_annotation(t->sem, rule_scope(t->ctx), param->v.arg.annotation) ? DEFAULT_SILENT
                                                                             : DEFAULT_SHARED;
    }
    return v;
}

/* `headers=DEFAULT_HEADERS` with the name imported and written as a constant: its qualified
   name, which the project phase resolves to the module-level value; NULL otherwise. */
static const char *imported_constant(Semantic *sem, const Scope *scope, const Node *value)
{
    if (value->kind != NK_Name || !is_constant_name(value->v.Name.id))
        return NULL;
    const Binding *bd = sem_resolve_name(sem, scope, value);
    return bd && bd->kind == BIND_IMPORT_FROM ? sem_qualname(sem, scope, value) : NULL;
}

/* The condition "one of the imported functions given the default mutates it" (and, for an
   imported default, "the name is a mutable module constant"); refs in the arena. */
static DiagCond external_cond(RuleCtx *ctx, const Tracker *t, const char *imported, int with_refs)
{
    DiagCond c = { .kind = DIAG_COND_MUTATES, .name = (char *)imported };
    if (!with_refs || t->next == 0)
        return c;
    c.refs = arena_alloc(rule_arena(ctx), (size_t)t->next * sizeof *c.refs);
    for (int i = 0; i < t->next; i++)
        c.refs[i] = (DiagRef){ .target = (char *)t->ext[i].target, .index = t->ext[i].index,
                               .keyword = (char *)t->ext[i].keyword, .line = t->ext[i].line };
    c.nrefs = t->next;
    return c;
}

/* GT101 for a default the function hands to a function of another module (or that is an
   imported constant): reported if the project phase finds the mutation. */
static void report_external_mutation(RuleCtx *ctx, const Node *def, const Node *param, const Tracker *t,
                                     const char *imported)
{
    char what[160];
    describe_default(ctx, param, t->node, what, sizeof what);
    Str fname = sem_func_name(def);
    DiagCond c = external_cond(ctx, t, imported, !t->mutation_line);
    rule_condition_begin(ctx, &c, 1);
    Fix *fix = imported ? NULL : default_fix(ctx, def, param, t->node);
    if (t->mutation_line)
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` is mutated at line %d and shared by every call that omits it",
                    what, (int)fname.len, fname.s, t->mutation_line);
    else
        rule_report(ctx, t->node, fix,
                    "mutable default `%s` of `%.*s` is mutated by " DIAG_CALLEE_MARK
                    " and shared by every call that omits it", what, (int)fname.len, fname.s);
    rule_condition_end(ctx);
}

/* Positional index of `param` in `def` (-1: keyword-only, or not found). */
static int32_t positional_index(const Node *def, const Node *param)
{
    const Node *args = sem_func_args(def);
    NodeList lists[2] = { args->v.arguments.posonlyargs, args->v.arguments.args };
    for (int32_t l = 0, k = 0; l < 2; l++)
        for (int32_t i = 0; i < lists[l].n; i++, k++)
            if (lists[l].items[i] == param)
                return k;
    return -1;
}

static char *at_name(RuleCtx *ctx, Str name)
{
    char *at = arena_alloc(rule_arena(ctx), name.len + 2);
    at[0] = '@';
    memcpy(at + 1, name.s, name.len);
    at[name.len + 1] = 0;
    return at;
}

/* The escape of the default that another module may confirm, and the condition that says so
   (refs[0..2) filled): a store in `self.<attr>` by a method of a module-level class (mutated by a
   subclass's method, or for `__init__` through an instance built without the argument), a store in
   a global of the module, a return from a module-level function. NULL when there is none. */
static const Store *project_escape(RuleCtx *ctx, const Tracker *t, const Node *def, const Node *param,
                                   DiagRef refs[2], DiagCond *c)
{
    const Scope *up = t->fscope->parent;
    Str self = def->kind == NK_Lambda ? (Str){ NULL, 0 } : first_param(def);
    int in_class = up && up->kind == SCOPE_CLASS && up->parent && up->parent->kind == SCOPE_MODULE;
    Str pname = param->v.arg.arg;
    DiagRef arg = { .index = positional_index(def, param), .keyword = arena_strndup(rule_arena(ctx), pname.s, pname.len),
                    .line = 0 };
    memset(c, 0, sizeof *c);
    c->refs = refs;
    for (int i = 0; i < t->nstores; i++) {
        const Store *st = &t->stores[i];
        if (st->kind == STORE_ATTR && in_class && self.len && str_same(st->root, self)) {
            Str cls = up->node->v.ClassDef.name;
            refs[0] = (DiagRef){ .target = at_name(ctx, cls), .index = -1,
                                 .keyword = arena_strndup(rule_arena(ctx), st->attr.s, st->attr.len), .line = st->line };
            c->kind = DIAG_COND_ATTR_MUTATED;
            c->nrefs = 1;
            if (sem_str_eq(sem_func_name(def), "__init__") && arg.index != 0) {
                refs[1] = arg;   /* the instance's argument: `self` is not given */
                refs[1].target = refs[0].target;
                refs[1].index = arg.index > 0 ? arg.index - 1 : -1;
                c->nrefs = 2;
            }
            return st;
        }
        if (st->kind == STORE_GLOBAL) {
            refs[0] = (DiagRef){ .target = "@", .index = -1,
                                 .keyword = arena_strndup(rule_arena(ctx), st->attr.s, st->attr.len), .line = st->line };
            c->kind = DIAG_COND_GLOBAL_MUTATED;
            c->nrefs = 1;
            return st;
        }
        if (st->kind == STORE_RETURN && up && up->kind == SCOPE_MODULE && def->kind != NK_Lambda) {
            refs[0] = arg;
            refs[0].target = at_name(ctx, sem_func_name(def));
            refs[0].line = st->line;
            c->kind = DIAG_COND_RESULT_MUTATED;
            c->nrefs = 1;
            return st;
        }
    }
    return NULL;
}

/* GT101 / GT103 of a default that escapes and that no visible code of the file mutates: GT101 when
   the project phase finds code of another module that mutates it where it went (the message names
   it), else GT103 as before. */
static void report_project_escape(RuleCtx *ctx, const Node *def, const Node *param, const Tracker *t,
                                  const Verdict *v, const Store *store, const DiagCond *c, DefaultClass wanted)
{
    rule_condition_begin(ctx, c, wanted == DEFAULT_MUTATED);
    if (wanted == DEFAULT_MUTATED) {
        char what[160], how[96];
        describe_default(ctx, param, t->node, what, sizeof what);
        Str fname = sem_func_name(def);
        if (store->kind == STORE_ATTR)
            snprintf(how, sizeof how, "stored in `%.*s.%.*s`", (int)store->root.len, store->root.s,
                     (int)store->attr.len, store->attr.s);
        else if (store->kind == STORE_GLOBAL)
            snprintf(how, sizeof how, "stored in global `%.*s`", (int)store->attr.len, store->attr.s);
        else
            snprintf(how, sizeof how, "returned");
        rule_report(ctx, t->node, default_fix(ctx, def, param, t->node),
                    "mutable default `%s` of `%.*s` escapes at line %d (%s) and is mutated through it by "
                    DIAG_CALLEE_MARK ": it is shared by every call that omits it",
                    what, (int)fname.len, fname.s, store->line, how);
    } else {
        report_default(ctx, def, param, t, v);
    }
    rule_condition_end(ctx);
}

static void check_param(RuleCtx *ctx, const Node *def, const Node *param, const Node *value,
                        DefaultClass wanted)
{
    Semantic *sem = rule_semantic(ctx);
    DefaultState *st = rule_state(ctx);
    const char *imported = NULL;
    if (!value)
        return;
    if (!sem_is_mutable_expr(sem, rule_scope(ctx), value)) {
        imported = imported_constant(sem, rule_scope(ctx), value);
        if (!imported || wanted != DEFAULT_MUTATED)
            return;
    }
    if (is_cache_name(ctx, st, param->v.arg.arg) || is_sentinel(def, param, value))
        return;
    const Scope *fs = sem_scope_of_def(sem, def);
    if (!fs)
        return;
    Tracker t;
    memset(&t, 0, sizeof t);
    t.ctx = ctx;
    t.sem = sem;
    t.st = st;
    t.fscope = t.scope = fs;
    t.names[0] = param->v.arg.arg;
    t.nnames = 1;
    t.steps_left = STEP_BUDGET;
    t.default_empty = !imported && is_empty_default(value);
    t.node = value;
    t.param = param;
    follow(&t);
    t.mutation_line = mutation_of(&t, t.default_empty);
    Verdict v = classify(&t, def, param, value);
    if (imported) {
        if (v.cls == DEFAULT_MUTATED || (!t.mutation_line && t.next > 0))
            report_external_mutation(ctx, def, param, &t, imported);
        return;
    }
    Verdict if_mutated = v;
    if (!t.mutation_line && t.next > 0) {   /* what it would be if a callee of another module mutates it */
        Tracker h = t;
        h.mutation_line = t.ext[0].line;
        if_mutated = classify(&h, def, param, value);
    }
    if (v.cls != DEFAULT_MUTATED && if_mutated.cls == DEFAULT_MUTATED) {
        if (wanted == DEFAULT_MUTATED) {
            report_external_mutation(ctx, def, param, &t, NULL);
        } else if (v.cls == wanted) {
            DiagCond c = external_cond(ctx, &t, NULL, 1);
            rule_condition_begin(ctx, &c, 0);
            report_default(ctx, def, param, &t, &v);
            rule_condition_end(ctx);
        }
        return;
    }
    DiagRef refs[2];
    DiagCond cond;
    const Store *store = v.cls == DEFAULT_SHARED && v.state == STATE_NONE ? project_escape(ctx, &t, def, param, refs, &cond)
                                                                          : NULL;
    if (store && (wanted == DEFAULT_MUTATED || wanted == DEFAULT_SHARED))
        report_project_escape(ctx, def, param, &t, &v, store, &cond, wanted);
    else if (v.cls == wanted)
        report_default(ctx, def, param, &t, &v);
}

/* ---- objects built by a call default (GT104, GT109) ---- */

/* A tracker of the object `value` (a call) builds, as an instance of a class of this file when
   the callee is one. */
static void object_tracker(Tracker *t, RuleCtx *ctx, const Node *value)
{
    memset(t, 0, sizeof *t);
    t->ctx = ctx;
    t->sem = rule_semantic(ctx);
    t->st = rule_state(ctx);
    t->nnames = 1;
    t->steps_left = STEP_BUDGET;
    t->node = value;
    t->not_container = 1;   /* containers are GT101-GT103's */
    const Binding *bd = sem_resolve_name(t->sem, rule_scope(ctx), value->v.Call.func);
    if (bd && bd->kind == BIND_CLASS) {
        t->obj_class = bd->node;
        t->obj_class_scope = bd->scope;
        NodeList bases = bd->node->v.ClassDef.bases;
        for (int32_t i = 0; i < bases.n; i++)   /* `class Pool(list)`: isinstance(x, list) holds */
            if (rule_cstr_in(sem_qualname(t->sem, bd->scope, bases.items[i]), builtin_value_types))
                t->not_container = 0;
    }
}

/* The evidence of a confirmed escape, for the message. */
static int32_t describe_confirm(const Confirm *c, char *how, size_t size)
{
    const Store *st = c->store;
    if (st->kind == STORE_ATTR)
        snprintf(how, size,
                 "it is stored in `%.*s.%.*s` at line %d and mutated through it at line %d (in `%.*s`)",
                 (int)st->root.len, st->root.s, (int)st->attr.len, st->attr.s, st->line, c->line,
                 (int)c->where.len, c->where.s);
    else if (st->kind == STORE_GLOBAL)
        snprintf(how, size,
                 "it is stored in global `%.*s` at line %d and mutated through it at line %d (in `%.*s`)",
                 (int)st->attr.len, st->attr.s, st->line, c->line, (int)c->where.len, c->where.s);
    else
        snprintf(how, size, "it is returned at line %d and mutated at line %d (in `%.*s`)", st->line, c->line,
                 (int)c->where.len, c->where.s);
    return c->line;
}

int32_t default_object_mutation(RuleCtx *ctx, const Node *def, const Node *param, const Node *value,
                                char *how, size_t size)
{
    Tracker t;
    object_tracker(&t, ctx, value);
    const Scope *fs = sem_scope_of_def(t.sem, def);
    if (!fs || value->kind != NK_Call)
        return 0;
    t.fscope = t.scope = fs;
    t.names[0] = param->v.arg.arg;
    t.param = param;
    follow(&t);
    int32_t line = mutation_of(&t, 0);
    if (line) {
        snprintf(how, size, "it is mutated at line %d", line);
        return line;
    }
    Confirm c;
    memset(&c, 0, sizeof c);
    if (t.escape_line)
        confirm_escape(&t, &c);
    return c.line ? describe_confirm(&c, how, size) : 0;
}

int32_t default_field_mutation(RuleCtx *ctx, const Node *cls, const Node *field, const Node *value,
                               int instances, char *how, size_t size)
{
    Tracker t;
    object_tracker(&t, ctx, value);
    const Scope *body = sem_scope_of_def(t.sem, cls);
    if (!body || value->kind != NK_Call)
        return 0;
    t.fscope = t.scope = body;
    Str name = field->v.Name.id;
    Store store = { STORE_ATTR, { "self", 4 }, name, field->lineno };
    Confirm c;
    memset(&c, 0, sizeof c);
    for (int32_t i = 0; i < body->nchildren; i++) {   /* the methods, through `self.<field>` */
        const Scope *m = body->children[i];
        if (m->kind == SCOPE_FUNCTION && is_instance_method(t.sem, m->node))
            confirm_in(&t, m, &store, first_param(m->node), &c);
    }
    if (instances)
        confirm_construct(&t, &store, cls, NULL, NULL, &c);
    return c.line ? describe_confirm(&c, how, size) : 0;
}

static int is_ident_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || (unsigned char)c >= 0x80;
}

static int cmp_str(const void *a, const void *b)
{
    const Str *x = a, *y = b;
    int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' || c == '\f';
}

/* The identifiers of the file's text that follow a `.` (spaces, line breaks and backslashes
   between), sorted, in the rule's arena. Strings and comments count too: a superset of the
   attributes the tree holds. */
static Str *collect_dotted(RuleCtx *ctx, int32_t *n)
{
    const Source *src = rule_source(ctx);
    const char *text = src->text, *end = text + src->len;
    int32_t cap = 0;
    Str *out = NULL;
    *n = 0;
    for (const char *at = text; at < end; at++) {
        at = memchr(at, '.', (size_t)(end - at));
        if (!at)
            break;
        const char *b = at + 1;
        while (b < end && is_blank_byte(*b))
            b++;
        const char *e = b;
        while (e < end && is_ident_byte(*e))
            e++;
        if (e == b || (*b >= '0' && *b <= '9'))
            continue;
        out = arena_grow(rule_arena(ctx), out, &cap, *n + 1, sizeof *out, 64);
        out[(*n)++] = (Str){ b, (uint32_t)(e - b) };
        at = e - 1;
    }
    if (*n > 1)
        qsort(out, (size_t)*n, sizeof *out, cmp_str);
    return out;
}

static int ascii_name(Str name)
{
    for (uint32_t i = 0; i < name.len; i++)
        if ((unsigned char)name.s[i] >= 0x80)
            return 0;   /* the tree holds its NFKC form, the text may not */
    return 1;
}

int default_attribute_in_text(RuleCtx *ctx, Str name)
{
    DefaultState *st = rule_state(ctx);
    if (!ascii_name(name))
        return 1;
    if (!st->dotted_ready)
        st->dotted = collect_dotted(ctx, &st->ndotted);
    st->dotted_ready = 1;
    return st->ndotted > 0 && bsearch(&name, st->dotted, (size_t)st->ndotted, sizeof name, cmp_str) != NULL;
}

const char *default_imported_callee(RuleCtx *ctx, const Node *call)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    const Node *root = call->v.Call.func;
    while (root->kind == NK_Attribute)
        root = root->v.Attribute.value;
    const Binding *bd = root->kind == NK_Name ? sem_resolve_name(sem, scope, root) : NULL;
    return bd && (bd->kind == BIND_IMPORT || bd->kind == BIND_IMPORT_FROM) ? sem_qualname(sem, scope, call->v.Call.func)
                                                                          : NULL;
}

void default_check(RuleCtx *ctx, const Node *def, DefaultClass wanted)
{
    const Node *args = sem_func_args(def);
    const NodeList pos[2] = { args->v.arguments.posonlyargs, args->v.arguments.args };
    int32_t first_default = pos[0].n + pos[1].n - args->v.arguments.defaults.n;
    int32_t index = 0;
    for (int l = 0; l < 2; l++)
        for (int32_t i = 0; i < pos[l].n; i++, index++)
            if (index >= first_default)
                check_param(ctx, def, pos[l].items[i],
                            args->v.arguments.defaults.items[index - first_default], wanted);
    for (int32_t i = 0; i < args->v.arguments.kwonlyargs.n && i < args->v.arguments.kw_defaults.n; i++)
        check_param(ctx, def, args->v.arguments.kwonlyargs.items[i],
                    args->v.arguments.kw_defaults.items[i], wanted);
}
