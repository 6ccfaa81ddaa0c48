/* What kind of value an expression surely holds, by local inference: the built-in types int,
   float, str, bytes and tuple (SEM_VALUE_* bits), for rules that must know an operand is a plain
   value (`x is y` on two ints compares what CPython happens to share).

   The answer is a SET of types: the value surely has one of them. Sources are literals,
   f-strings, tuple displays, arithmetic and formatting on known operands, calls of unshadowed
   builtins (`len`, `int`, `str`, `float`, `repr`...), methods of a known receiver (`s.upper()`,
   `b.decode()`), subscripts of str/bytes/tuple, `a if c else b`, `a or b`, and names.

   A name is the union over EVERY binding of it in the scope that owns it (flow-insensitive, so
   loops and branches are covered without a control-flow graph); one binding of unknown kind
   (parameter, import, unpacking, `with`, `except`, `del`, a `for` target other than the index of
   `range()` / `enumerate()` or a character of a str...) makes the name unknown.
   Augmented assignments and self-referencing assignments (`n = n + 1`) are solved as a least fixed
   point: a name under evaluation is assumed to hold the kinds found so far (first none), and its
   bindings are evaluated again until the set stops growing (one round per kind at most, plus one).
   Names are trusted only where no other code can rebind them unseen: never a class body's names
   (a read may fall back to the globals), never a name some scope declares `global` / `nonlocal`,
   no module name when the file has `from m import *`, and a module name read from a function only
   when it is written as a constant (ALL_CAPS, or annotated `Final`); other modules may assign any
   other global. Not seen: `globals()[...] = ...` and `exec`.

   Cost: at most STEP_BUDGET expressions per query (beyond it the answer is "unknown"), plus one
   walk of the scope tree per module name to look for `global` declarations. */
#include "semantic_internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define KINDS_UNKNOWN (1u << 7)   /* internal: nothing is sure (absorbs every other bit) */
#define KINDS_SEQUENCE (SEM_VALUE_STR | SEM_VALUE_BYTES | SEM_VALUE_TUPLE)
#define KINDS_NUMBER (SEM_VALUE_INT | SEM_VALUE_FLOAT)
#define STEP_BUDGET 256           /* expressions evaluated per query */
#define MAX_OPEN 16               /* names under evaluation at once (nesting of name -> name) */

/* A name whose bindings are being evaluated, with the kinds assumed for it meanwhile. */
typedef struct OpenName {
    const Scope *owner;
    Str name;
    unsigned assumed;
} OpenName;

typedef struct Infer {
    Semantic *sem;
    int steps;                    /* expressions left to evaluate */
    OpenName open[MAX_OPEN];      /* innermost last */
    int nopen;
} Infer;

static unsigned kinds_of(Infer *in, const Scope *scope, const Node *e);

/* ---- operators ---- */

static unsigned constant_kinds(const Node *e)
{
    switch (e->v.Constant.value.kind) {
    case CONST_INT: return SEM_VALUE_INT;
    case CONST_FLOAT: return SEM_VALUE_FLOAT;
    case CONST_STR: return SEM_VALUE_STR;
    case CONST_BYTES: return SEM_VALUE_BYTES;
    default: return KINDS_UNKNOWN;   /* None, True, False, ..., complex */
    }
}

/* `l op r` for one type on each side (one bit each). */
static unsigned binop_pair(unsigned l, uint8_t op, unsigned r)
{
    if (l == SEM_VALUE_INT && r == SEM_VALUE_INT) {
        switch (op) {
        case OPERATOR_Div: return SEM_VALUE_FLOAT;
        case OPERATOR_Pow: return SEM_VALUE_INT | SEM_VALUE_FLOAT;   /* 2 ** -1 == 0.5 */
        case OPERATOR_MatMult: return KINDS_UNKNOWN;
        default: return SEM_VALUE_INT;
        }
    }
    if ((l & KINDS_NUMBER) && (r & KINDS_NUMBER)) {   /* a float on one side at least */
        switch (op) {
        case OPERATOR_Add: case OPERATOR_Sub: case OPERATOR_Mult: case OPERATOR_Div:
        case OPERATOR_FloorDiv: case OPERATOR_Mod:
            return SEM_VALUE_FLOAT;
        default:
            return KINDS_UNKNOWN;    /* `**` may give a complex; bit operators raise */
        }
    }
    if (op == OPERATOR_Mod && (l == SEM_VALUE_STR || l == SEM_VALUE_BYTES))
        return l;   /* printf-style formatting */
    if (op == OPERATOR_Add && l == r && (l & KINDS_SEQUENCE))
        return l;
    if (op == OPERATOR_Mult && (l & KINDS_SEQUENCE) && r == SEM_VALUE_INT)
        return l;
    if (op == OPERATOR_Mult && l == SEM_VALUE_INT && (r & KINDS_SEQUENCE))
        return r;
    return KINDS_UNKNOWN;
}

static unsigned binop_kinds(unsigned l, uint8_t op, unsigned r)
{
    if ((l & KINDS_UNKNOWN) || l == 0)
        return l;
    /* printf-style formatting gives the left operand's type whatever the right one is */
    if (op == OPERATOR_Mod && !(l & ~(unsigned)(SEM_VALUE_STR | SEM_VALUE_BYTES)))
        return l;
    if ((r & KINDS_UNKNOWN) || r == 0)
        return r;
    unsigned out = 0;
    for (unsigned lb = 1; lb < KINDS_UNKNOWN; lb <<= 1)
        for (unsigned rb = 1; rb < KINDS_UNKNOWN; rb <<= 1)
            if ((l & lb) && (r & rb))
                out |= binop_pair(lb, op, rb);
    return out;
}

static unsigned unary_kinds(uint8_t op, unsigned k)
{
    if ((k & KINDS_UNKNOWN) || k == 0)
        return k;
    if (op == UNARYOP_Invert)
        return k == SEM_VALUE_INT ? k : KINDS_UNKNOWN;
    if (op == UNARYOP_UAdd || op == UNARYOP_USub)
        return (k & ~(unsigned)KINDS_NUMBER) ? KINDS_UNKNOWN : k;
    return KINDS_UNKNOWN;   /* `not` gives a bool */
}

/* ---- calls ---- */

/* Builtins whose result type does not depend on their arguments. */
static const struct { const char *name; unsigned kinds; } builtin_results[] = {
    { "ascii", SEM_VALUE_STR }, { "bin", SEM_VALUE_STR }, { "bytes", SEM_VALUE_BYTES },
    { "chr", SEM_VALUE_STR }, { "float", SEM_VALUE_FLOAT }, { "format", SEM_VALUE_STR },
    { "hash", SEM_VALUE_INT }, { "hex", SEM_VALUE_STR }, { "id", SEM_VALUE_INT },
    { "int", SEM_VALUE_INT }, { "len", SEM_VALUE_INT }, { "oct", SEM_VALUE_STR },
    { "ord", SEM_VALUE_INT }, { "repr", SEM_VALUE_STR }, { "str", SEM_VALUE_STR },
    { "tuple", SEM_VALUE_TUPLE },
};

/* Methods of the value types and what they return, per receiver type. */
typedef struct MethodResult {
    unsigned receiver;
    const char *const *names;     /* NULL-terminated */
    unsigned kinds;
} MethodResult;

static const char *const str_to_str[] = {
    "capitalize", "casefold", "center", "expandtabs", "format", "format_map", "join", "ljust",
    "lower", "lstrip", "removeprefix", "removesuffix", "replace", "rjust", "rstrip", "strip",
    "swapcase", "title", "translate", "upper", "zfill", NULL
};
static const char *const bytes_to_bytes[] = {
    "capitalize", "center", "expandtabs", "join", "ljust", "lower", "lstrip", "removeprefix",
    "removesuffix", "replace", "rjust", "rstrip", "strip", "swapcase", "title", "translate",
    "upper", "zfill", NULL
};
static const char *const seq_to_int[] = { "count", "find", "index", "rfind", "rindex", NULL };
static const char *const seq_to_tuple[] = { "partition", "rpartition", NULL };
static const char *const tuple_to_int[] = { "count", "index", NULL };
static const char *const str_encode[] = { "encode", NULL };
static const char *const bytes_to_str[] = { "decode", "hex", NULL };
static const char *const int_to_int[] = { "bit_count", "bit_length", NULL };
static const char *const int_to_bytes[] = { "to_bytes", NULL };
static const char *const float_to_str[] = { "hex", NULL };
static const char *const number_to_tuple[] = { "as_integer_ratio", NULL };

static const MethodResult method_results[] = {
    { SEM_VALUE_STR, str_to_str, SEM_VALUE_STR },
    { SEM_VALUE_STR, seq_to_int, SEM_VALUE_INT },
    { SEM_VALUE_STR, seq_to_tuple, SEM_VALUE_TUPLE },
    { SEM_VALUE_STR, str_encode, SEM_VALUE_BYTES },
    { SEM_VALUE_BYTES, bytes_to_bytes, SEM_VALUE_BYTES },
    { SEM_VALUE_BYTES, seq_to_int, SEM_VALUE_INT },
    { SEM_VALUE_BYTES, seq_to_tuple, SEM_VALUE_TUPLE },
    { SEM_VALUE_BYTES, bytes_to_str, SEM_VALUE_STR },
    { SEM_VALUE_TUPLE, tuple_to_int, SEM_VALUE_INT },
    { SEM_VALUE_INT, int_to_int, SEM_VALUE_INT },
    { SEM_VALUE_INT, int_to_bytes, SEM_VALUE_BYTES },
    { SEM_VALUE_INT, number_to_tuple, SEM_VALUE_TUPLE },
    { SEM_VALUE_FLOAT, float_to_str, SEM_VALUE_STR },
    { SEM_VALUE_FLOAT, number_to_tuple, SEM_VALUE_TUPLE },
};

#define COUNT(array) (sizeof array / sizeof array[0])

static int str_in(Str s, const char *const *names)
{
    for (; *names; names++)
        if (sem_str_eq(s, *names))
            return 1;
    return 0;
}

/* What method `name` returns on a receiver of one type (one bit). */
static unsigned method_result(unsigned receiver, Str name)
{
    for (size_t i = 0; i < COUNT(method_results); i++)
        if (method_results[i].receiver == receiver && str_in(name, method_results[i].names))
            return method_results[i].kinds;
    return KINDS_UNKNOWN;
}

static unsigned method_kinds(Infer *in, const Scope *scope, const Node *func)
{
    unsigned receiver = kinds_of(in, scope, func->v.Attribute.value);
    if ((receiver & KINDS_UNKNOWN) || receiver == 0)
        return receiver;
    unsigned out = 0;
    for (unsigned bit = 1; bit < KINDS_UNKNOWN; bit <<= 1)
        if (receiver & bit)
            out |= method_result(bit, func->v.Attribute.attr);
    return out;
}

/* The union of the kinds of the call's positional arguments; unknown with a `*args`. */
static unsigned args_union(Infer *in, const Scope *scope, const Node *call)
{
    NodeList args = call->v.Call.args;
    unsigned out = 0;
    for (int32_t i = 0; i < args.n && !(out & KINDS_UNKNOWN); i++)
        out |= args.items[i]->kind == NK_Starred ? KINDS_UNKNOWN : kinds_of(in, scope, args.items[i]);
    return out;
}

/* Builtins whose result depends on their arguments: abs, round, min, max. */
static unsigned builtin_on_args(Infer *in, const Scope *scope, const Node *call, const char *name)
{
    int32_t nargs = call->v.Call.args.n;
    int is_minmax = strcmp(name, "min") == 0 || strcmp(name, "max") == 0;
    int is_round = strcmp(name, "round") == 0;
    if (!(is_minmax || is_round || strcmp(name, "abs") == 0))
        return KINDS_UNKNOWN;
    if (is_minmax ? nargs < 2 : nargs < 1 || nargs > 2 - !is_round || call->v.Call.keywords.n > 0)
        return KINDS_UNKNOWN;   /* min/max of one iterable: its items are not known; round(x,
                                   ndigits=1) is a float */
    unsigned k = is_minmax ? args_union(in, scope, call)
                           : kinds_of(in, scope, call->v.Call.args.items[0]);
    if ((k & KINDS_UNKNOWN) || k == 0 || is_minmax)
        return k;
    if (k & ~(unsigned)KINDS_NUMBER)
        return KINDS_UNKNOWN;   /* abs/round of anything else calls a user's method */
    return is_round && nargs == 1 ? SEM_VALUE_INT : k;
}

/* The builtin a callee names ("len"), or NULL: a Name bound nowhere in the file (nor hidden by
   `from m import *`), or imported from `builtins`. */
static const char *builtin_callee(Infer *in, const Scope *scope, const Node *func)
{
    if (func->kind != NK_Name || in->sem->has_star_import)
        return NULL;
    const Binding *bd = sem_resolve_name(in->sem, scope, func);
    if (bd && !(bd->kind == BIND_IMPORT_FROM && strncmp(bd->qualname, "builtins.", 9) == 0))
        return NULL;
    return sem_qualname(in->sem, scope, func);
}

static unsigned call_kinds(Infer *in, const Scope *scope, const Node *call)
{
    const Node *func = call->v.Call.func;
    if (func->kind == NK_Attribute)
        return method_kinds(in, scope, func);
    const char *name = builtin_callee(in, scope, func);
    if (!name)
        return KINDS_UNKNOWN;
    for (size_t i = 0; i < COUNT(builtin_results); i++)
        if (strcmp(builtin_results[i].name, name) == 0)
            return builtin_results[i].kinds;
    return builtin_on_args(in, scope, call, name);
}

static unsigned subscript_kinds(Infer *in, const Scope *scope, const Node *e)
{
    unsigned k = kinds_of(in, scope, e->v.Subscript.value);
    if ((k & KINDS_UNKNOWN) || k == 0)
        return k;
    int is_slice = e->v.Subscript.slice->kind == NK_Slice;
    unsigned out = 0;
    if (k & SEM_VALUE_STR)
        out |= SEM_VALUE_STR;
    if (k & SEM_VALUE_BYTES)   /* an index held by a name may be a slice object */
        out |= is_slice ? SEM_VALUE_BYTES
             : kinds_of(in, scope, e->v.Subscript.slice) == SEM_VALUE_INT ? SEM_VALUE_INT
             : SEM_VALUE_INT | SEM_VALUE_BYTES;
    if (k & SEM_VALUE_TUPLE)
        out |= is_slice ? SEM_VALUE_TUPLE : KINDS_UNKNOWN;   /* an item: anything */
    if (k & KINDS_NUMBER)
        out |= KINDS_UNKNOWN;
    return out;
}

/* ---- names ---- */

static int has_declaration(const Scope *s, Str name, uint8_t kind)
{
    const NameEntry *e = sem_lookup(s, name.s, name.len);
    if (e && ((e->kinds >> kind) & 1u))
        return 1;
    for (int32_t i = 0; i < s->nchildren; i++)
        if (has_declaration(s->children[i], name, kind))
            return 1;
    return 0;
}

/* ALL_CAPS (digits and underscores allowed, one letter at least): a constant by convention. */
static int is_constant_name(Str name)
{
    int letters = 0;
    for (uint32_t i = 0; i < name.len; i++) {
        char c = name.s[i];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters += c >= 'A' && c <= 'Z';
    }
    return letters > 0;
}

static int is_final(Infer *in, const Scope *module, const NameEntry *e)
{
    for (int32_t i = 0; i < e->n; i++) {
        const Node *st = e->items[i]->stmt;
        if (st && st->kind == NK_AnnAssign &&
            sem_annotation_is(in->sem, module, st->v.AnnAssign.annotation, "Final"))
            return 1;
    }
    return 0;
}

/* 1 if every binding of the name in `owner` is visible here: see the file comment. */
static int owner_is_trusted(Infer *in, const Scope *owner, const Scope *reader, const NameEntry *e)
{
    switch (owner->kind) {
    case SCOPE_MODULE:
        if (in->sem->has_star_import)
            return 0;
        if (reader != owner && !is_constant_name(e->name) && !is_final(in, owner, e))
            return 0;
        return !has_declaration(owner, e->name, BIND_GLOBAL);
    case SCOPE_FUNCTION: case SCOPE_LAMBDA: case SCOPE_COMPREHENSION:
        return !has_declaration(owner, e->name, BIND_NONLOCAL);
    default:
        return 0;   /* class bodies and annotation scopes */
    }
}

static int contains(const Node *outer, const Node *n)
{
    if (n->lineno < outer->lineno || (n->lineno == outer->lineno && n->col_offset < outer->col_offset))
        return 0;
    return n->end_lineno < outer->end_lineno ||
           (n->end_lineno == outer->end_lineno && n->end_col_offset <= outer->end_col_offset);
}

/* Where the value of a walrus target is evaluated: the comprehension below `owner` that holds it
   (its value may read the comprehension's own names), else `owner`. */
static const Scope *walrus_value_scope(const Scope *owner, const Node *target)
{
    for (int32_t i = 0; i < owner->nchildren; i++) {
        const Scope *c = owner->children[i];
        if (c->kind == SCOPE_COMPREHENSION && contains(c->node, target))
            return walrus_value_scope(c, target);
    }
    return owner;
}

/* The generators of a comprehension node. */
static NodeList comprehension_generators(const Node *n)
{
    switch (n->kind) {
    case NK_ListComp: return n->v.ListComp.generators;
    case NK_SetComp: return n->v.SetComp.generators;
    case NK_DictComp: return n->v.DictComp.generators;
    default: return n->v.GeneratorExp.generators;
    }
}

/* The target and iterable of the (non-async) loop that binds `bd`, and the scope its iterable is
   evaluated in (a comprehension's first iterable: the enclosing scope). 0 when not found. */
static int loop_of(const Scope *owner, const Binding *bd, const Node **target, const Node **iter,
                   const Scope **iter_scope)
{
    if (owner->kind == SCOPE_COMPREHENSION) {
        NodeList gens = comprehension_generators(owner->node);
        for (int32_t g = 0; g < gens.n; g++) {
            const Node *gen = gens.items[g];
            if (!gen->v.comprehension.is_async && contains(gen->v.comprehension.target, bd->node)) {
                *target = gen->v.comprehension.target;
                *iter = gen->v.comprehension.iter;
                *iter_scope = g == 0 && owner->parent ? owner->parent : owner;
                return 1;
            }
        }
        return 0;
    }
    const Node *st = bd->stmt;
    if (!st || st->kind != NK_For || !contains(st->v.For.target, bd->node))
        return 0;
    *target = st->v.For.target;
    *iter = st->v.For.iter;
    *iter_scope = owner;
    return 1;
}

/* A loop target: `i` of `for i in range(n)` and of `for i, x in enumerate(xs)` is an int, a
   character of a str is a str, an item of bytes an int. */
static unsigned for_target_kinds(Infer *in, const Scope *owner, const Binding *bd)
{
    const Node *target, *iter;
    const Scope *iter_scope;
    if (!loop_of(owner, bd, &target, &iter, &iter_scope))
        return KINDS_UNKNOWN;
    if (iter->kind == NK_Call) {
        const char *name = builtin_callee(in, iter_scope, iter->v.Call.func);
        if (name && strcmp(name, "range") == 0)
            return target == bd->node ? SEM_VALUE_INT : KINDS_UNKNOWN;
        if (name && strcmp(name, "enumerate") == 0)
            return target->kind == NK_Tuple && target->v.Tuple.elts.n == 2 &&
                   target->v.Tuple.elts.items[0] == bd->node ? SEM_VALUE_INT : KINDS_UNKNOWN;
    }
    if (target != bd->node)
        return KINDS_UNKNOWN;
    unsigned k = kinds_of(in, iter_scope, iter);
    if (k == 0 || (k & ~(unsigned)(SEM_VALUE_STR | SEM_VALUE_BYTES)))
        return k == 0 ? 0 : KINDS_UNKNOWN;
    return (k & SEM_VALUE_STR) | ((k & SEM_VALUE_BYTES) ? SEM_VALUE_INT : 0);
}

/* Kinds one binding gives its name, `assumed` being the kinds of the name before it. */
static unsigned binding_kinds(Infer *in, const Scope *owner, const Binding *bd, unsigned assumed)
{
    switch (bd->kind) {
    case BIND_ASSIGN:
        if (bd->value)
            return kinds_of(in, owner, bd->value);
        if (bd->stmt && bd->stmt->kind == NK_AnnAssign && !bd->stmt->v.AnnAssign.value)
            return 0;   /* `x: int` alone assigns nothing */
        return KINDS_UNKNOWN;   /* unpacking, type alias */
    case BIND_WALRUS:
        return kinds_of(in, walrus_value_scope(owner, bd->node), bd->value);
    case BIND_FOR:
        return for_target_kinds(in, owner, bd);
    case BIND_AUGASSIGN:
        assert(bd->stmt && bd->stmt->kind == NK_AugAssign);
        return binop_kinds(assumed, bd->stmt->v.AugAssign.op,
                           kinds_of(in, owner, bd->stmt->v.AugAssign.value));
    default:
        return KINDS_UNKNOWN;
    }
}

/* A fixed point of the name's bindings, the name itself being open meanwhile: the kinds assumed
   for it grow from none until its bindings give nothing more (a set that contains what they give
   contains every value the name can hold). At most one round per kind. */
static unsigned solve_name(Infer *in, const Scope *owner, const NameEntry *e)
{
    OpenName *me = &in->open[in->nopen++];
    *me = (OpenName){ owner, e->name, 0 };
    unsigned k;
    for (;;) {
        k = 0;
        for (int32_t i = 0; i < e->n && !(k & KINDS_UNKNOWN); i++)
            k |= binding_kinds(in, owner, e->items[i], me->assumed);
        if ((k & KINDS_UNKNOWN) || !(k & ~me->assumed))
            break;
        me->assumed |= k;
    }
    in->nopen--;
    return (k & KINDS_UNKNOWN) ? k : me->assumed;
}

static unsigned name_kinds(Infer *in, const Scope *scope, const Node *name)
{
    const Binding *bd = sem_resolve_name(in->sem, scope, name);
    if (!bd)
        return KINDS_UNKNOWN;   /* a builtin or an undefined name */
    const Scope *owner = bd->scope;
    const NameEntry *e = sem_lookup(owner, bd->name.s, bd->name.len);
    assert(e != NULL);   /* the binding was found through this table */
    for (int i = in->nopen - 1; i >= 0; i--)
        if (in->open[i].owner == owner && in->open[i].name.len == e->name.len &&
            memcmp(in->open[i].name.s, e->name.s, e->name.len) == 0)
            return in->open[i].assumed;
    if (in->nopen == MAX_OPEN || !owner_is_trusted(in, owner, scope, e))
        return KINDS_UNKNOWN;
    return solve_name(in, owner, e);
}

/* ---- expressions ---- */

static unsigned union_kinds(Infer *in, const Scope *scope, NodeList values)
{
    unsigned out = 0;
    for (int32_t i = 0; i < values.n && !(out & KINDS_UNKNOWN); i++)
        out |= kinds_of(in, scope, values.items[i]);
    return out;
}

static unsigned kinds_of(Infer *in, const Scope *scope, const Node *e)
{
    if (--in->steps < 0)
        return KINDS_UNKNOWN;
    switch (e->kind) {
    case NK_Constant:
        return constant_kinds(e);
    case NK_JoinedStr:
        return SEM_VALUE_STR;
    case NK_Tuple:
        return SEM_VALUE_TUPLE;
    case NK_BinOp:
        return binop_kinds(kinds_of(in, scope, e->v.BinOp.left), e->v.BinOp.op,
                           kinds_of(in, scope, e->v.BinOp.right));
    case NK_UnaryOp:
        return unary_kinds(e->v.UnaryOp.op, kinds_of(in, scope, e->v.UnaryOp.operand));
    case NK_BoolOp:   /* `a or b` is one of its operands */
        return union_kinds(in, scope, e->v.BoolOp.values);
    case NK_IfExp:
        return kinds_of(in, scope, e->v.IfExp.body) | kinds_of(in, scope, e->v.IfExp.orelse);
    case NK_NamedExpr:
        return kinds_of(in, scope, e->v.NamedExpr.value);
    case NK_Call:
        return call_kinds(in, scope, e);
    case NK_Subscript:
        return subscript_kinds(in, scope, e);
    case NK_Name:
        return name_kinds(in, scope, e);
    default:
        return KINDS_UNKNOWN;
    }
}

/* ---- names an object may pass through ---- */

#define MAX_SOURCES 32

/* The names (one NameEntry per name and owning scope) whose object an expression may hold. */
typedef struct Sources {
    const NameEntry *items[MAX_SOURCES];
    int n;
    int gave_up;             /* too many names, or the step budget ran out */
} Sources;

static void add_sources(Infer *in, const Scope *scope, const Node *e, Sources *out);

static void add_name_sources(Infer *in, const Scope *scope, const Node *name, Sources *out)
{
    const Binding *bd = sem_resolve_name(in->sem, scope, name);
    if (!bd)
        return;   /* a builtin: never one of the values compared here */
    const NameEntry *e = sem_lookup(bd->scope, bd->name.s, bd->name.len);
    for (int i = 0; i < out->n; i++)
        if (out->items[i] == e)
            return;
    if (out->n == MAX_SOURCES) {
        out->gave_up = 1;
        return;
    }
    out->items[out->n++] = e;
    for (int32_t i = 0; i < e->n && !out->gave_up; i++) {
        const Binding *b = e->items[i];
        if (b->kind == BIND_ASSIGN && b->value)
            add_sources(in, bd->scope, b->value, out);
        else if (b->kind == BIND_WALRUS)
            add_sources(in, walrus_value_scope(bd->scope, b->node), b->value, out);
    }
}

/* Only names, `a if c else b`, `a or b` and `(x := a)` pass an object along; anything else
   (a call, arithmetic, a literal, an attribute...) is where the value comes from. */
static void add_sources(Infer *in, const Scope *scope, const Node *e, Sources *out)
{
    if (--in->steps < 0) {
        out->gave_up = 1;
        return;
    }
    switch (e->kind) {
    case NK_Name:
        add_name_sources(in, scope, e, out);
        break;
    case NK_IfExp:
        add_sources(in, scope, e->v.IfExp.body, out);
        add_sources(in, scope, e->v.IfExp.orelse, out);
        break;
    case NK_BoolOp:
        for (int32_t i = 0; i < e->v.BoolOp.values.n && !out->gave_up; i++)
            add_sources(in, scope, e->v.BoolOp.values.items[i], out);
        break;
    case NK_NamedExpr:
        add_sources(in, scope, e->v.NamedExpr.value, out);
        break;
    default:
        break;
    }
}

int sem_may_share_object(Semantic *sem, const Scope *scope, const Node *a, const Node *b)
{
    Infer in = { .sem = sem, .steps = STEP_BUDGET };
    Sources sa = { .n = 0 }, sb = { .n = 0 };
    add_sources(&in, scope, a, &sa);
    add_sources(&in, scope, b, &sb);
    if (sa.gave_up || sb.gave_up)
        return 1;
    for (int i = 0; i < sa.n; i++)
        for (int j = 0; j < sb.n; j++)
            if (sa.items[i] == sb.items[j])
                return 1;
    return 0;
}

unsigned sem_value_kinds(Semantic *sem, const Scope *scope, const Node *expr)
{
    Infer in = { .sem = sem, .steps = STEP_BUDGET };
    unsigned k = kinds_of(&in, scope, expr);
    return (k & KINDS_UNKNOWN) ? 0 : k;
}
