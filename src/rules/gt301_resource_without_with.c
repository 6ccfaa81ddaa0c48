/* GT301 resource-without-with: `f = open(path)` in a function, with no `with`, no close in
   `finally`, and no hand-over (returned, yielded, stored, given to an ExitStack or a container).
   Any exception between open and close leaks the handle. */
#include "../engine/rule.h"
#include "../engine/rule_util.h"

#include <stdio.h>
#include <string.h>

/* Callees that take ownership of an argument (close it later, or keep it in a container). */
static const char *const TAKERS[] = {
    "enter_context", "enter_async_context", "enterContext", "enterAsyncContext", "push", "callback", "closing", "aclosing",
    "append", "appendleft", "add", "extend", "insert", "put", "put_nowait", "register",
    "setdefault", "submit", "__init__", "addCallback", "addCallbacks", "addErrback", "addBoth",
    "partial", NULL,   /* functools.partial(serve, sock): the partial object holds it for its call */
};

/* What a read of the resource does: nothing for its release, release or hand it over, or close it
   in a broad `except` that re-raises (the error path only: the normal path must close it too). */
typedef enum Use { USE_PLAIN, USE_RELEASED, USE_ERROR_PATH } Use;

static Str last_component(const Node *func)
{
    if (func->kind == NK_Attribute)
        return func->v.Attribute.attr;
    if (func->kind == NK_Name)
        return func->v.Name.id;
    return (Str){ 0 };
}

/* `type(self)(f)`, `self.__class__(f)`: a new instance of the running class. */
static int makes_own_class(const Node *func)
{
    if (func->kind == NK_Call && func->v.Call.func->kind == NK_Name &&
        sem_str_eq(func->v.Call.func->v.Name.id, "type") && func->v.Call.args.n == 1)
        return 1;
    return func->kind == NK_Attribute && sem_str_eq(func->v.Attribute.attr, "__class__");
}

/* A class instantiated by `func`: a capitalised callee (leading underscores aside), `cls` in a
   classmethod, `type(self)`, `self.__class__`. */
static int is_class_callee(const Node *func)
{
    if (makes_own_class(func) || (func->kind == NK_Name && sem_str_eq(func->v.Name.id, "cls")))
        return 1;
    Str name = last_component(func);
    uint32_t first = 0;
    while (name.s && first < name.len && name.s[first] == '_')
        first++;
    return name.s && first < name.len && name.s[first] >= 'A' && name.s[first] <= 'Z';
}

/* A call that takes the resource: an ExitStack/closing/container method; a class (a wrapper
   object such as `_ProxyFile(f)` now owns it; also `cls(f)` in a classmethod, `type(self)(f)`);
   a wrapper (`wrap_socket(s)`, `from_stdlib_socket(s)`: callee named `wrap*` or `from_*`). */
static int is_taker(const Node *call)
{
    const Node *func = call->v.Call.func;
    if (is_class_callee(func))
        return 1;
    Str name = last_component(func);
    uint32_t first = 0;
    while (name.s && first < name.len && name.s[first] == '_')
        first++;
    if (!name.s || first == name.len)
        return 0;
    Str bare = { name.s + first, name.len - first };
    if ((bare.len >= 4 && memcmp(bare.s, "wrap", 4) == 0) || (bare.len > 5 && memcmp(bare.s, "from_", 5) == 0))
        return 1;
    return rule_str_in(name, TAKERS);
}

/* `Parser(f).parse()`: the new object serves one method call and is dropped with the statement;
   it keeps the resource no longer than that, the function still owns it. */
static int used_once_and_dropped(Semantic *sem, const Scope *scope, const Node *call)
{
    const Node *attr = sem_parent_in(sem, scope, call);
    const Node *use = attr ? sem_parent_in(sem, scope, attr) : NULL;
    return is_class_callee(call->v.Call.func) && attr && attr->kind == NK_Attribute &&
           attr->v.Attribute.value == call && use && use->kind == NK_Call && use->v.Call.func == attr;
}

static int in_list(NodeList list, const Node *n)
{
    for (int32_t i = 0; i < list.n; i++)
        if (list.items[i] == n)
            return 1;
    return 0;
}

static int is_broad_reraising_handler(const Node *h)
{
    const Node *type = h->v.ExceptHandler.type;
    int broad = !type || (type->kind == NK_Name && (sem_str_eq(type->v.Name.id, "BaseException") ||
                                                    sem_str_eq(type->v.Name.id, "Exception")));
    for (int32_t i = 0; broad && i < h->v.ExceptHandler.body.n; i++)
        if (h->v.ExceptHandler.body.items[i]->kind == NK_Raise)
            return 1;
    return 0;
}

static Use classify_read_depth(Semantic *sem, const Scope *scope, const Node *load, int depth);
static int is_finisher_call(Semantic *sem, const Scope *scope, const Node *load);
static int is_finisher_name(Str name);
static int is_directory_removal(Semantic *sem, const Scope *scope, const Node *load);
static int in_handler(Semantic *sem, const Scope *scope, const Node *node, const Node *origin);
static int node_contains(const Node *outer, const Node *inner);

/* `helper(f)` / `self.helper(f)` where `helper` is a function of this module (or a method of the
   same class) that releases or keeps its parameter
   (`with closing(param):`, `param.close()` in finally, returns it...): it owns the resource now.
   `depth` bounds the calls followed. */
/* The def of the method `name` in the class `cls` (bound in `outer`), or in its bases that are
   classes of this module (a few levels deep); NULL when not visible. Sets *unseen when some base
   is not a class of this module (an import, an attribute, a call): a method not found may be
   inherited from it. */
static const Node *method_in_class(const Semantic *sem, const Node *cls, const Scope *outer, Str name,
                                   int depth, int *unseen)
{
    NodeList body = cls->v.ClassDef.body, bases = cls->v.ClassDef.bases;
    for (int32_t i = 0; i < body.n; i++) {
        const Node *st = body.items[i];
        if ((st->kind == NK_FunctionDef || st->kind == NK_AsyncFunctionDef) &&
            rule_str_same(sem_func_name(st), name))
            return st;
    }
    for (int32_t i = 0; i < bases.n; i++) {
        const Node *base = bases.items[i];
        const Binding *b = base->kind == NK_Name && outer ? sem_resolve_name(sem, outer, base) : NULL;
        if (b && b->kind == BIND_CLASS && depth > 0) {
            const Node *found = method_in_class(sem, b->node, b->scope, name, depth - 1, unseen);
            if (found)
                return found;
        } else if (!(base->kind == NK_Name && !b && sem_str_eq(base->v.Name.id, "object"))) {
            *unseen = 1;
        }
    }
    return NULL;
}

/* `self.helper(...)` in a method: the def of `helper` in the class or its bases of this module,
   or NULL. Sets *unseen when it may be inherited from a class of another module. */
static const Node *self_method(const Semantic *sem, const Scope *scope, const Node *func, int *unseen)
{
    if (func->kind != NK_Attribute || func->v.Attribute.value->kind != NK_Name ||
        !sem_str_eq(func->v.Attribute.value->v.Name.id, "self") || scope->kind != SCOPE_FUNCTION ||
        !scope->parent || scope->parent->kind != SCOPE_CLASS)
        return NULL;
    const Scope *cls = scope->parent;
    return method_in_class(sem, cls->node, cls->parent, func->v.Attribute.attr, 4, unseen);
}

/* `self.set_socket(s)` as a statement, where `set_socket` is defined in no class of this module
   but the class derives from one of another module: the instance takes the resource, as with
   `self.s = s`. The inherited method's body cannot be read; a call made for its effect on the
   instance (its result dropped) is a setter, while one whose result is used
   (`log(self.read_response(r))`) computes a value from its argument and keeps nothing. Not the
   checks of a test case (`self.assertIsInstance(f, T)`): unittest's `assert*` methods compare
   their arguments and keep none. */
static int handed_to_inherited_method(Semantic *sem, const Scope *scope, const Node *call)
{
    int unseen = 0;
    const Node *func = call->v.Call.func;
    const Node *statement = sem_parent_in(sem, scope, call);
    if (!statement || statement->kind != NK_Expr)
        return 0;
    if (func->kind == NK_Attribute && func->v.Attribute.attr.len >= 6 &&
        memcmp(func->v.Attribute.attr.s, "assert", 6) == 0)
        return 0;
    return !self_method(sem, scope, func, &unseen) && unseen;
}

static int callee_releases(Semantic *sem, const Scope *scope, const Node *call, const Node *arg, int depth)
{
    const Node *func = call->v.Call.func;
    char name[128];
    if (depth <= 0)
        return 0;
    int unseen = 0;
    const Node *def = self_method(sem, scope, func, &unseen);
    int32_t index = def ? 1 : 0;   /* a method's first parameter is `self` */
    if (!def && func->kind == NK_Name && rule_str_to_cstr(func->v.Name.id, name, sizeof name))
        def = sem_find_function(sem, scope, name);
    const Scope *callee = def ? sem_scope_of_def(sem, def) : NULL;
    int32_t shift = index;
    index = -1;
    for (int32_t i = 0; i < call->v.Call.args.n; i++)
        if (call->v.Call.args.items[i] == arg)
            index = i + shift;
    if (!callee || index < 0)
        return 0;
    const Node *params = sem_func_args(def);
    NodeList pos = params->v.arguments.posonlyargs, rest = params->v.arguments.args;
    const Node *param = index < pos.n ? pos.items[index]
                        : index - pos.n < rest.n ? rest.items[index - pos.n] : NULL;
    if (!param)
        return 0;
    Str pname = param->v.arg.arg;
    for (int32_t i = 0; i < callee->nloads; i++) {
        const Node *load = callee->loads[i];
        if (rule_str_same(load->v.Name.id, pname) &&
            (classify_read_depth(sem, callee, load, depth - 1) != USE_PLAIN ||
             is_finisher_call(sem, callee, load)))
            return 1;   /* the callee closes it, keeps it or hands it on */
    }
    return 0;
}

/* Callees of the `load(fp)` protocol (json, pickle, marshal, plistlib, tomllib...), parsers and
   readers (`parse`, `parseFile`, `read_table`, `file_digest`): they read the stream to its end
   and return data built from it, keeping nothing. */
static int is_reader(Str name)
{
    static const char *const verbs[] = { "load", "parse", "read", NULL };
    uint32_t first = 0;
    while (name.s && first < name.len && name.s[first] == '_')
        first++;
    for (int i = 0; name.s && verbs[i]; i++) {
        size_t n = strlen(verbs[i]);
        if (name.len - first >= n && memcmp(name.s + first, verbs[i], n) == 0)
            return 1;
    }
    return name.s && sem_str_eq(name, "file_digest");
}

/* `return serve_fileobj(f)`, `return wrapper(path, f)`: the resource goes to a callee whose body
   is not in this module and whose result the function returns. The returned object is built
   from it (a response streaming the file, an index over it); the caller owns both now. Not a
   callee of this module (its body says whether it keeps the argument), nor a reader
   (`return json.load(f)`: the result is data, the file is left open). */
static int returned_by_unseen_callee(Semantic *sem, const Scope *scope, const Node *call)
{
    const Node *func = call->v.Call.func;
    const Node *up = sem_parent_in(sem, scope, call);
    char name[128];
    int unseen = 0;
    if (!up || up->kind != NK_Return || is_reader(last_component(func)))
        return 0;
    if (self_method(sem, scope, func, &unseen))
        return 0;
    return !(func->kind == NK_Name && rule_str_to_cstr(func->v.Name.id, name, sizeof name) &&
             sem_find_function(sem, scope, name));
}

/* `cast(T, value)` / `typing.cast(T, value)` with `child` as the value: returns it unchanged. */
static int is_cast_of(const Node *call, const Node *child)
{
    Str name = last_component(call->v.Call.func);
    return name.s && sem_str_eq(name, "cast") && call->v.Call.args.n == 2 &&
           call->v.Call.args.items[1] == child;
}

/* `setattr(obj, "f", f)`, `object.__setattr__(self, "_file", f)` with `child` the value: a store,
   as `obj.f = f` is. */
static int stored_by_setattr(const Node *call, const Node *child)
{
    const Node *func = call->v.Call.func;
    int plain = func->kind == NK_Name && sem_str_eq(func->v.Name.id, "setattr");
    int dunder = func->kind == NK_Attribute && sem_str_eq(func->v.Attribute.attr, "__setattr__");
    NodeList args = call->v.Call.args;
    return (plain || dunder) && args.n == 3 && args.items[2] == child;
}

/* `return p.stdin, p.stdout` (also one pipe alone, a list, a `yield`) with `attr` the `p.stdin`:
   the process's pipes go to the caller, who reads and closes them. */
static int pipe_handed_to_caller(Semantic *sem, const Scope *scope, const Node *attr)
{
    static const char *const pipes[] = { "stdin", "stdout", "stderr", NULL };
    if (!rule_str_in(attr->v.Attribute.attr, pipes))
        return 0;
    const Node *up = sem_parent_in(sem, scope, attr);
    while (up && (up->kind == NK_Tuple || up->kind == NK_List))
        up = sem_parent_in(sem, scope, up);
    return up && (up->kind == NK_Return || up->kind == NK_Yield);
}

/* 1 if `name` is the receiver of a method call somewhere in the function: `s.serve_forever()`. */
static int has_method_called(Semantic *sem, const Scope *scope, Str name)
{
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (!rule_str_same(load->v.Name.id, name))
            continue;
        const Node *attr = sem_parent_in(sem, scope, load);
        const Node *call = attr ? sem_parent_in(sem, scope, attr) : NULL;
        if (attr && attr->kind == NK_Attribute && call && call->kind == NK_Call && call->v.Call.func == attr)
            return 1;
    }
    return 0;
}

/* 1 if some read of `name` keeps its object: returned or yielded as is, stored on an attribute
   or an item (`self.srv = srv`), or given to a taker (`servers.append(srv)`). */
static int name_kept(Semantic *sem, const Scope *scope, Str name)
{
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        const Node *up = rule_str_same(load->v.Name.id, name) ? sem_parent_in(sem, scope, load) : NULL;
        if (!up)
            continue;
        if (up->kind == NK_Return || up->kind == NK_Yield ||
            (up->kind == NK_Call && up->v.Call.func != load && is_taker(up)) ||
            (up->kind == NK_Assign && up->v.Assign.value == load && up->v.Assign.targets.n == 1 &&
             up->v.Assign.targets.items[0]->kind != NK_Name))
            return 1;
    }
    return 0;
}

/* `s = server(ui, logfh=f)` then `s.serve()` (or `self.server = make(stream=f)`, or
   `srv = await loop.create_server(factory, sock=s)` then `servers.append(srv)`), with `kw` the
   keyword: a named role in the configuration of an object built by a callee of another module
   and kept (stored, kept in a container, returned, or used through its methods): that object owns the stream now.
   Not a reader (`data = load(fp=f)`), nor a callee of this module (its body says whether it keeps
   it); a positional argument of a lowercase callee (`w = csv.writer(f)`) is not enough. */
static int kept_by_configured_object(Semantic *sem, const Scope *scope, const Node *call, const Node *kw)
{
    const Node *func = call->v.Call.func;
    const Node *value = call;
    const Node *up = sem_parent_in(sem, scope, call);
    char name[128];
    int unseen = 0;
    if (up && up->kind == NK_Await) {
        value = up;
        up = sem_parent_in(sem, scope, up);
    }
    if (kw->kind != NK_keyword || !kw->v.keyword.arg.s || is_reader(last_component(func)) ||
        !up || up->kind != NK_Assign || up->v.Assign.value != value || up->v.Assign.targets.n != 1)
        return 0;
    if (self_method(sem, scope, func, &unseen) ||
        (func->kind == NK_Name && rule_str_to_cstr(func->v.Name.id, name, sizeof name) &&
         sem_find_function(sem, scope, name)))
        return 0;
    const Node *target = up->v.Assign.targets.items[0];
    if (target->kind == NK_Attribute)
        return 1;
    return target->kind == NK_Name && (has_method_called(sem, scope, target->v.Name.id) ||
                                       name_kept(sem, scope, target->v.Name.id));
}

/* Is this read of the resource's name part of releasing it or handing it over? */
static Use classify_read(Semantic *sem, const Scope *scope, const Node *load)
{
    return classify_read_depth(sem, scope, load, 3);
}

/* `os.dup2(f.fileno(), fd)` with `parent` the `f.fileno` of the read: the descriptor is copied
   onto one the process keeps (its stdin, stdout...); the file was opened for that. */
static int dup2_source(Semantic *sem, const Scope *scope, const Node *parent)
{
    const Node *call = sem_parent_in(sem, scope, parent);
    const Node *outer = call ? sem_parent_in(sem, scope, call) : NULL;
    return sem_str_eq(parent->v.Attribute.attr, "fileno") && call && call->kind == NK_Call &&
           call->v.Call.func == parent && outer && outer->kind == NK_Call && outer->v.Call.args.n >= 1 &&
           outer->v.Call.args.items[0] == call && sem_qualname_is(sem, scope, outer->v.Call.func, "os.dup2");
}

/* `procutil.communicate(p)`, `_close(f)`: a callee named for a release, given the resource. Not
   one of the `os` module (`os.close(fd)`, `os.kill(pid, sig)`): those take a descriptor or a
   process id, never the object (the same name may hold one earlier: `fd, path = mkstemp()`). */
static int releasing_callee(Semantic *sem, const Scope *scope, const Node *call)
{
    const char *q = sem_qualname(sem, scope, call->v.Call.func);
    return is_finisher_name(last_component(call->v.Call.func)) && !(q && strncmp(q, "os.", 3) == 0);
}

static Use classify_read_depth(Semantic *sem, const Scope *scope, const Node *load, int depth)
{
    const Node *def = scope->node;
    const Node *parent = sem_parent_in(sem, scope, load);
    /* 1 while the expression being climbed still evaluates to the resource itself (or a display
       holding it): `f`, `(f, x)`; not `f.read()`, not `json.load(f)`. */
    int holds_resource = 1;
    if (parent && parent->kind == NK_Attribute && parent->v.Attribute.value == load) {
        const Node *grand = sem_parent_in(sem, scope, parent);
        if (grand && ((grand->kind == NK_Call && grand->v.Call.func != parent) || grand->kind == NK_keyword))
            return USE_RELEASED;                  /* stack.callback(f.close), atexit.register(f.close) */
        if (is_finisher_name(parent->v.Attribute.attr) && !(grand && grand->kind == NK_Call))
            return USE_RELEASED;                  /* return s.close, port: whoever calls it releases it */
        if (grand && dup2_source(sem, scope, parent))
            return USE_RELEASED;                  /* os.dup2(f.fileno(), 1): the process keeps it */
        if (pipe_handed_to_caller(sem, scope, parent))
            return USE_RELEASED;                  /* return p.stdin, p.stdout */
        holds_resource = 0;
    }
    const Node *child = load;
    int in_statement = 1;
    for (const Node *a = parent; a && a != def; child = a, a = sem_parent_in(sem, scope, a)) {
        int holds = holds_resource && in_statement;
        switch (a->kind) {
        case NK_withitem:
            return USE_RELEASED;                  /* with f: / with closing(f): */
        case NK_Try:
        case NK_TryStar:
            if (in_list(a->v.Try.finalbody, child))
                return USE_RELEASED;
            break;
        case NK_ExceptHandler:
            if (is_broad_reraising_handler(a))
                return USE_ERROR_PATH;
            break;
        case NK_Return: case NK_Yield: case NK_YieldFrom:
            if (holds)
                return USE_RELEASED;              /* the caller owns it now */
            break;
        case NK_Call:
            if (holds && is_cast_of(a, child))
                break;                            /* `cast(T, f)` is `f` */
            if (holds && child != a->v.Call.func &&
                ((is_taker(a) && !used_once_and_dropped(sem, scope, a)) || callee_releases(sem, scope, a, child, depth) ||
                 releasing_callee(sem, scope, a) ||
                 handed_to_inherited_method(sem, scope, a) || returned_by_unseen_callee(sem, scope, a) ||
                 stored_by_setattr(a, child) || kept_by_configured_object(sem, scope, a, child)))
                return USE_RELEASED;              /* handed to an owner */
            holds_resource = 0;                   /* the call's result is something else */
            break;
        case NK_Tuple: case NK_List: case NK_Set: case NK_Dict:
            if (holds)
                return USE_RELEASED;              /* kept in a container */
            break;
        case NK_Assign: case NK_AnnAssign:
            if (holds && child == (a->kind == NK_Assign ? a->v.Assign.value : a->v.AnnAssign.value))
                return USE_RELEASED;              /* self.f = f, alias = f */
            break;
        case NK_arguments:
            if (holds)
                return USE_RELEASED;              /* lambda b=f: ...: a nested function keeps it */
            break;
        case NK_keyword: case NK_Starred: case NK_NamedExpr: case NK_IfExp: case NK_BoolOp:
            break;                                /* still the resource (or one of the options) */
        default:
            if (a->kind >= NK_BoolOp)
                holds_resource = 0;               /* an operation on it: f.name, f[0], f == g */
            break;
        }
        if (a->kind < NK_BoolOp)
            in_statement = 0;                     /* past the statement that holds the read */
    }
    return USE_PLAIN;
}

/* 1 if a scope nested in `scope` reads `name` as this scope's variable (closures: give up). */
static int read_by_nested_scope(Semantic *sem, const Scope *scope, const Scope *owner, Str name)
{
    for (int32_t c = 0; c < scope->nchildren; c++) {
        const Scope *child = scope->children[c];
        for (int32_t i = 0; i < child->nloads; i++) {
            const Node *load = child->loads[i];
            if (rule_str_same(load->v.Name.id, name)) {
                const Binding *b = sem_resolve_name(sem, child, load);
                if (b && b->scope == owner)
                    return 1;
            }
        }
        if (read_by_nested_scope(sem, child, owner, name))
            return 1;
    }
    return 0;
}

/* 1 if `node` (a read of the function) lies in an `except` handler that does not also hold
   `origin` (where the resource is made): it runs on an error path of the resource. */
static int in_handler(Semantic *sem, const Scope *scope, const Node *node, const Node *origin)
{
    for (const Node *a = sem_parent_in(sem, scope, node); a && a != scope->node; a = sem_parent_in(sem, scope, a))
        if (a->kind == NK_ExceptHandler && !node_contains(a, origin))
            return 1;
    return 0;
}

/* 1 if the read `load` is an argument of a call (`self._make_transport(sock)`, `serve(f)`): on
   the normal path, the callee may take it over. */
static int passed_to_call(Semantic *sem, const Scope *scope, const Node *load)
{
    const Node *parent = sem_parent_in(sem, scope, load);
    if (parent && (parent->kind == NK_keyword || parent->kind == NK_Starred))
        parent = sem_parent_in(sem, scope, parent);
    return parent && parent->kind == NK_Call && parent->v.Call.func != load;
}

/* 1 if some read of `name` in the function releases or hands over the resource. A release in a
   broad `except` that re-raises covers the error path only: it counts when the normal path
   closes the resource too (a finisher call outside the handlers) or may hand it over (passes it
   to a call: `except: sock.close(); raise` then `return make_transport(sock)` is the idiom of a
   hand-over); otherwise *error_line gets its line. */
static int is_released(RuleCtx *ctx, const Node *origin, Str name, int32_t *error_line)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    int32_t handler_line = 0;
    int closed_outside = 0;
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (!rule_str_same(load->v.Name.id, name))
            continue;
        Use use = classify_read(sem, scope, load);
        if (use == USE_RELEASED)
            return 1;
        if (use == USE_ERROR_PATH && !handler_line)
            handler_line = load->lineno;
        else if (use == USE_PLAIN && !in_handler(sem, scope, load, origin) &&
                 (is_finisher_call(sem, scope, load) || passed_to_call(sem, scope, load)))
            closed_outside = 1;
    }
    if (read_by_nested_scope(sem, scope, scope, name) || (handler_line && closed_outside))
        return 1;
    *error_line = handler_line;
    return 0;
}

/* Methods that end the resource's life: nothing can leak once one of them ran. */
static const char *const FINISHERS[] = {
    "close", "communicate", "wait", "cleanup", "terminate", "kill", "shutdown", "detach", NULL,
};

/* A callee or method named for a release (leading underscores aside): `close`, `communicate`,
   `_shutdown`... `procutil.communicate(p)` finishes the process it is given. */
static int is_finisher_name(Str name)
{
    uint32_t first = 0;
    while (name.s && first < name.len && name.s[first] == '_')
        first++;
    return name.s && first < name.len && rule_str_in((Str){ name.s + first, name.len - first }, FINISHERS);
}

static const Node *stmt_after_in(NodeList list, const Node *st)
{
    for (int32_t i = 0; i + 1 < list.n; i++)
        if (list.items[i] == st)
            return list.items[i + 1];
    return NULL;
}

/* The statement that runs right after `st` on the success path: the next one in its block; for the
   last statement of an if/else branch or a try body, what follows the if / the try's `else`. */
static const Node *next_statement(Semantic *sem, const Scope *scope, const Node *st)
{
    const Node *parent = sem_parent_in(sem, scope, st);
    if (!parent)
        return NULL;
    switch (parent->kind) {
    case NK_If: {
        const Node *next = stmt_after_in(parent->v.If.body, st);
        if (!next)
            next = stmt_after_in(parent->v.If.orelse, st);
        return next ? next : next_statement(sem, scope, parent);
    }
    case NK_Try: {
        const Node *next = stmt_after_in(parent->v.Try.body, st);
        if (next)
            return next;
        if (parent->v.Try.body.n && parent->v.Try.body.items[parent->v.Try.body.n - 1] == st)
            return parent->v.Try.orelse.n ? parent->v.Try.orelse.items[0] : next_statement(sem, scope, parent);
        next = stmt_after_in(parent->v.Try.orelse, st);   /* `else:` runs on, then what follows */
        if (next || !parent->v.Try.orelse.n || parent->v.Try.orelse.items[parent->v.Try.orelse.n - 1] != st)
            return next;
        return parent->v.Try.finalbody.n ? NULL : next_statement(sem, scope, parent);
    }
    case NK_FunctionDef: case NK_AsyncFunctionDef:
        return stmt_after_in(parent->kind == NK_FunctionDef ? parent->v.FunctionDef.body
                                                            : parent->v.AsyncFunctionDef.body, st);
    case NK_With: case NK_AsyncWith:
        return stmt_after_in(parent->v.With.body, st);
    case NK_For: case NK_AsyncFor:
        return stmt_after_in(parent->v.For.body, st);
    case NK_While:
        return stmt_after_in(parent->v.While.body, st);
    default:
        return NULL;
    }
}

static int node_contains(const Node *outer, const Node *inner)
{
    return (inner->lineno > outer->lineno ||
            (inner->lineno == outer->lineno && inner->col_offset >= outer->col_offset)) &&
           (inner->end_lineno < outer->end_lineno ||
            (inner->end_lineno == outer->end_lineno && inner->end_col_offset <= outer->end_col_offset));
}

/* A value whose evaluation cannot raise: a constant, a name, an attribute of the resource
   (`f.name`), or its descriptor (`f.fileno()`: the resource was just made, it is open). */
static int harmless_value(const Node *v, Str name)
{
    if (v->kind == NK_Call && v->v.Call.args.n == 0 && v->v.Call.keywords.n == 0 &&
        v->v.Call.func->kind == NK_Attribute && sem_str_eq(v->v.Call.func->v.Attribute.attr, "fileno"))
        v = v->v.Call.func;
    return v->kind == NK_Constant || v->kind == NK_Name ||
           (v->kind == NK_Attribute && v->v.Attribute.value->kind == NK_Name &&
            rule_str_same(v->v.Attribute.value->v.Name.id, name));
}

/* 1 if `target` is `self.attr` in a method of a class whose body defines neither `__setattr__`,
   `__slots__` nor `attr` (no property or descriptor of that name): storing there only fills the
   instance's dict. */
static int plain_self_attribute(const Scope *scope, const Node *target)
{
    if (target->kind != NK_Attribute || target->v.Attribute.value->kind != NK_Name ||
        !scope->func || !scope->func->is_method || !scope->parent || scope->parent->kind != SCOPE_CLASS)
        return 0;
    const Node *args = sem_func_args(scope->node);
    NodeList first = args->v.arguments.posonlyargs.n ? args->v.arguments.posonlyargs : args->v.arguments.args;
    if (!first.n || !rule_str_same(first.items[0]->v.arg.arg, target->v.Attribute.value->v.Name.id))
        return 0;
    Str attr = target->v.Attribute.attr;
    for (int32_t i = 0; i < scope->parent->nbindings; i++) {
        Str bound = scope->parent->bindings[i]->name;
        if (rule_str_same(bound, attr) || sem_str_eq(bound, "__setattr__") || sem_str_eq(bound, "__slots__"))
            return 0;
    }
    return 1;
}

/* 1 if the statement cannot raise and leaves the resource's name alone: `pass`, a plain name
   (other than the resource's) or a plain attribute of `self` (plain_self_attribute) assigned a
   harmless value (`path = f.name`, `self.path = path`), or a bare annotation of a name (`out:
   str`: a function never evaluates the annotations of its locals). */
static int cannot_raise(const Scope *scope, const Node *st, Str name)
{
    if (st->kind == NK_Pass)
        return 1;
    if (st->kind == NK_AnnAssign && !st->v.AnnAssign.value)
        return st->v.AnnAssign.target->kind == NK_Name;   /* `x: T` in a function: not evaluated */
    if (st->kind == NK_AnnAssign)
        return harmless_value(st->v.AnnAssign.value, name) &&
               st->v.AnnAssign.target->kind == NK_Name &&
               !rule_str_same(st->v.AnnAssign.target->v.Name.id, name);
    if (st->kind != NK_Assign || !harmless_value(st->v.Assign.value, name))
        return 0;
    for (int32_t i = 0; i < st->v.Assign.targets.n; i++) {
        const Node *t = st->v.Assign.targets.items[i];
        if ((t->kind != NK_Name || rule_str_same(t->v.Name.id, name)) && !plain_self_attribute(scope, t))
            return 0;
    }
    return 1;
}

/* The loop a `break` leaves (its `else` is skipped), or NULL when a `try` with a `finally`
   (which runs on the way out) or a def comes first. */
static const Node *loop_of_break(Semantic *sem, const Scope *scope, const Node *brk)
{
    for (const Node *a = sem_parent_in(sem, scope, brk); a && a != scope->node; a = sem_parent_in(sem, scope, a)) {
        if (a->kind == NK_For || a->kind == NK_AsyncFor || a->kind == NK_While)
            return a;
        if ((a->kind == NK_Try || a->kind == NK_TryStar) && a->v.Try.finalbody.n)
            return NULL;
    }
    return NULL;
}

/* `f = open(p)` followed by `f.close()` (or `p.communicate()`, `p.wait()`...) with only
   statements that cannot raise in between (`path = f.name`, a `break` to the statement after
   the loop): nothing leaks. */
static int finished_right_after(RuleCtx *ctx, const Node *assignment, Str name)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    const Node *next = next_statement(sem, scope, assignment);
    for (int skipped = 0; next && skipped < 16; skipped++) {
        if (next->kind == NK_Break) {   /* leaves the loop: what follows the loop runs next */
            const Node *loop = loop_of_break(sem, scope, next);
            next = loop ? next_statement(sem, scope, loop) : NULL;
        } else if (cannot_raise(scope, next, name)) {
            next = next_statement(sem, scope, next);
        } else {
            break;
        }
    }
    for (int32_t i = 0; next && i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (load->v.Name.id.len != name.len || memcmp(load->v.Name.id.s, name.s, name.len) != 0 ||
            !node_contains(next, load))
            continue;
        if ((is_finisher_call(sem, scope, load) || is_directory_removal(sem, scope, load)) &&
            !in_handler(sem, scope, load, assignment))
            return 1;   /* not a close in an `except` of the next statement: the error path only */
    }
    return 0;
}

/* 1 if the read `load` of a name is the receiver of a finisher: `f.close()`, `p.wait()`. */
static int is_finisher_call(Semantic *sem, const Scope *scope, const Node *load)
{
    const Node *attr = sem_parent_in(sem, scope, load);
    const Node *call = attr ? sem_parent_in(sem, scope, attr) : NULL;
    return attr && attr->kind == NK_Attribute && attr->v.Attribute.value == load && call &&
           call->kind == NK_Call && call->v.Call.func == attr &&
           rule_str_in(attr->v.Attribute.attr, FINISHERS);
}

/* Calls that delete the directory made by `tempfile.mkdtemp()` (given its path). */
static const char *const DIRECTORY_REMOVERS[] = { "rmtree", "rmdir", "removedirs", NULL };

/* 1 if some call of the function removes the directory `name` names (`shutil.rmtree(name)`). A
   `mkdtemp()` path the function never removes is kept on purpose (returned, registered for
   later, a cache folder): its lifetime is not the function's. */
static int removed_in_function(RuleCtx *ctx, Str name)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (rule_str_same(load->v.Name.id, name) && is_directory_removal(sem, scope, load))
            return 1;
    }
    return 0;
}

/* 1 if the read `load` of a name is the argument of a directory removal: `shutil.rmtree(d)`. */
static int is_directory_removal(Semantic *sem, const Scope *scope, const Node *load)
{
    const Node *call = sem_parent_in(sem, scope, load);
    return call && call->kind == NK_Call && call->v.Call.func != load &&
           rule_str_in(last_component(call->v.Call.func), DIRECTORY_REMOVERS);
}

/* Constructors of in-memory files: no OS resource behind them. */
static const char *const IN_MEMORY[] = { "BytesIO", "StringIO", NULL };
/* Annotations of a parameter that is an open file object, owned by the caller. */
static const char *const FILE_OBJECT_TYPES[] = {
    "typing.IO", "typing.BinaryIO", "typing.TextIO", "io.IOBase", "io.RawIOBase",
    "io.BufferedIOBase", "io.TextIOBase", "io.BytesIO", "io.StringIO", NULL,
};

static int is_in_memory_call(const Node *e)
{
    return e->kind == NK_Call && rule_str_in(last_component(e->v.Call.func), IN_MEMORY);
}

/* 1 if the parameter's annotation says it is an open file object: `IO[bytes]`, `BinaryIO`,
   `io.BufferedIOBase`... (bare or subscripted). */
static int annotated_file_object(Semantic *sem, const Scope *scope, const Node *param)
{
    const Node *ann = param->v.arg.annotation;
    if (ann && ann->kind == NK_Subscript)
        ann = ann->v.Subscript.value;
    return ann && rule_cstr_in(sem_qualname(sem, scope, ann), FILE_OBJECT_TYPES);
}

/* 1 if `e` opens a file object: a resource call (`open(p, "rb")`, `gzip.open(p)`), or a call of
   a helper named as an opener (`_open_binary(pkg, name)`, `open_text(...)`, `urlopen(url)`:
   after leading underscores the name starts or ends with `open`). Not `tmpfile(".gz")`, whose
   target is a path. */
static int opens_file_object(Semantic *sem, const Scope *scope, const Node *e)
{
    if (e->kind != NK_Call)
        return 0;
    if (sem_is_resource_call(sem, scope, e))
        return 1;
    Str name = last_component(e->v.Call.func);
    while (name.len > 0 && name.s[0] == '_') {
        name.s++;
        name.len--;
    }
    return name.len >= 4 && (memcmp(name.s, "open", 4) == 0 || memcmp(name.s + name.len - 4, "open", 4) == 0);
}

/* 1 if `node` lies inside the `with` statement whose item binds `target` (a Name) to a file
   object it opens (the `with` closes it). */
static int inside_binding_with(Semantic *sem, const Scope *scope, const Node *target, const Node *node)
{
    const Node *with = sem_parent_in(sem, scope, target);
    while (with && with->kind != NK_With && with->kind != NK_AsyncWith && with != scope->node)
        with = sem_parent_in(sem, scope, with);
    if (!with || (with->kind != NK_With && with->kind != NK_AsyncWith))
        return 0;
    NodeList items = with->kind == NK_With ? with->v.With.items : with->v.AsyncWith.items;
    int opened = 0;
    for (int32_t i = 0; i < items.n; i++)
        if (items.items[i]->v.withitem.optional_vars == target)
            opened = opens_file_object(sem, scope, items.items[i]->v.withitem.context_expr);
    if (!opened)
        return 0;
    for (const Node *a = node; a && a != scope->node; a = sem_parent_in(sem, scope, a))
        if (a == with)
            return 1;
    return 0;
}

/* 1 if the wrapper call is given a writing mode as a string (`gzip.open(f, "wb")`,
   `zipfile.ZipFile(f, mode="a")`: the second positional argument or `mode=`): such a wrapper
   left unclosed never writes its trailer (a gzip footer, a zip's central directory), whoever
   closes the file under it. */
static int writing_wrapper(const Node *call)
{
    const Node *mode = call->v.Call.args.n >= 2 ? call->v.Call.args.items[1] : NULL;
    NodeList kw = call->v.Call.keywords;
    for (int32_t i = 0; i < kw.n; i++)
        if (kw.items[i]->v.keyword.arg.s && sem_str_eq(kw.items[i]->v.keyword.arg, "mode"))
            mode = kw.items[i]->v.keyword.value;
    if (!mode || mode->kind != NK_Constant || mode->v.Constant.value.kind != CONST_STR)
        return 0;
    Str text = mode->v.Constant.value.text;
    for (uint32_t i = 0; i < text.len; i++)
        if (text.s[i] && strchr("wax+", text.s[i]))
            return 1;
    return 0;
}

/* 1 if the argument a wrapper reads is a file object that holds no OS resource of the function's
   own: an in-memory file (`BytesIO(data)`, or a local name every binding of which is one), a
   parameter annotated as a file object (the caller owns it), or the target of a `with` the
   wrapper sits in, when that `with` opens a file (`with open(p, "rb") as f: z = gzip.open(f)`:
   the `with` closes the file, the wrapper has no descriptor of its own; also when the wrapper
   rebinds the name, `f = gzip.open(f, "rt")`) and the wrapper is not given a writing mode. */
static int borrowed_file_object(Semantic *sem, const Scope *scope, const Node *call, const Node *arg)
{
    char name[128];
    if (is_in_memory_call(arg))
        return 1;
    if (arg->kind != NK_Name || !rule_str_to_cstr(arg->v.Name.id, name, sizeof name))
        return 0;
    const Binding *found[16];
    int32_t n = sem_bindings_of(scope, name, found, RULE_COUNT_OF(found));
    if (n == 0 || n > RULE_COUNT_OF(found))
        return 0;
    int owners = 0;   /* bindings other than the wrapper's own rebinding */
    for (int32_t i = 0; i < n; i++) {
        const Binding *b = found[i];
        if (b->kind == BIND_ASSIGN && b->value == call)
            continue;   /* `f = gzip.open(f)`: the name now holds the wrapper itself */
        int ok = b->kind == BIND_PARAM ? annotated_file_object(sem, scope, b->node)
                 : b->kind == BIND_WITH ? !writing_wrapper(call) && inside_binding_with(sem, scope, b->node, arg)
                 : b->kind == BIND_ASSIGN && b->value && is_in_memory_call(b->value);
        if (!ok)
            return 0;
        owners++;
    }
    return owners > 0;
}

/* `fileobj=` given, or an in-memory / caller's file object as an argument: the wrapper
   (ZipFile, GzipFile, TarFile...) reads or writes a file object it does not own and opens nothing
   itself. `start_new_session=True`: a process launched to outlive the call (a browser, a daemon),
   never meant to be waited for here. */
static int not_owned_here(Semantic *sem, const Scope *scope, const Node *call)
{
    for (int32_t i = 0; i < call->v.Call.args.n; i++)
        if (borrowed_file_object(sem, scope, call, call->v.Call.args.items[i]))
            return 1;   /* `ZipFile(BytesIO(data))`: an in-memory file, no OS resource */
    NodeList kw = call->v.Call.keywords;
    for (int32_t i = 0; i < kw.n; i++) {
        const Node *k = kw.items[i];
        if (!k->v.keyword.arg.s)
            continue;
        if (sem_str_eq(k->v.keyword.arg, "fileobj"))
            return 1;
        if (sem_str_eq(k->v.keyword.arg, "closefd") && k->v.keyword.value->kind == NK_Constant &&
            k->v.keyword.value->v.Constant.value.kind == CONST_FALSE)
            return 1;   /* `open(fd, closefd=False)`: the descriptor stays the caller's */
        if (sem_str_eq(k->v.keyword.arg, "start_new_session") && k->v.keyword.value->kind == NK_Constant &&
            k->v.keyword.value->v.Constant.value.kind == CONST_TRUE)
            return 1;
    }
    return 0;
}

/* A name or a chain of attributes on one (`self.items`): evaluating it calls nothing. */
static int plain_reference(const Node *e)
{
    while (e->kind == NK_Attribute)
        e = e->v.Attribute.value;
    return e->kind == NK_Name;
}

/* The `try` whose body holds `assignment`, directly or inside `if` branches (`if f is None:
   f = open(p)`), when every handler of it stops every exception and lets the function go on;
   NULL otherwise. */
static const Node *guarding_try(Semantic *sem, const Scope *scope, const Node *assignment)
{
    const Node *child = assignment;
    const Node *up = sem_parent_in(sem, scope, child);
    while (up && up->kind == NK_If && up->v.If.test != child) {
        child = up;
        up = sem_parent_in(sem, scope, up);
    }
    if (!up || up->kind != NK_Try || !in_list(up->v.Try.body, child) || up->v.Try.handlers.n == 0)
        return NULL;
    for (int32_t h = 0; h < up->v.Try.handlers.n; h++)
        if (!rule_handler_swallows(sem, scope, up->v.Try.handlers.items[h]))
            return NULL;
    return up;
}

/* The statement after which the guarded resource is settled: the `try` itself, or the loop whose
   body it is (`for x in items: try: ... except: continue`) when nothing else in that body can
   raise and the loop header calls nothing: every iteration ends with the exception stopped, and
   the loop ends after the last one. NULL for a loop with an `else` (not followed here). */
static const Node *guarded_statement(Semantic *sem, const Scope *scope, const Node *try_stmt, Str name)
{
    const Node *loop = sem_parent_in(sem, scope, try_stmt);
    NodeList body;
    if (loop && loop->kind == NK_For && in_list(loop->v.For.body, try_stmt)) {
        if (loop->v.For.orelse.n || !plain_reference(loop->v.For.iter) || loop->v.For.target->kind != NK_Name)
            return NULL;
        body = loop->v.For.body;
    } else if (loop && loop->kind == NK_While && in_list(loop->v.While.body, try_stmt)) {
        const Node *test = loop->v.While.test;
        if (loop->v.While.orelse.n || !(test->kind == NK_Constant || plain_reference(test)))
            return NULL;
        body = loop->v.While.body;
    } else {
        return try_stmt;
    }
    for (int32_t i = 0; i < body.n; i++)
        if (body.items[i] != try_stmt && !cannot_raise(scope, body.items[i], name))
            return NULL;
    return loop;
}

/* `try: f = open(p); work(f) except Exception: pass` then `f.close()` right after the try (or
   after the loop whose body the try is, its handlers `continue`): every exception of the work is
   stopped by the handler, so the close that follows runs on every path. */
static int finished_after_guarding_try(RuleCtx *ctx, const Node *assignment, Str name)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    const Node *try_stmt = guarding_try(sem, scope, assignment);
    const Node *guarded = try_stmt ? guarded_statement(sem, scope, try_stmt, name) : NULL;
    return guarded && finished_right_after(ctx, guarded, name);
}

/* 1 if `e` names `subprocess.PIPE` (any `PIPE`): the parent gets a pipe end to close. */
static int is_pipe(const Node *e)
{
    Str name = last_component(e);
    return name.s && sem_str_eq(name, "PIPE");
}

/* A `Popen(args, ...)` that gives the parent no descriptor: one positional argument, no
   `**kwargs`, no `stdin/stdout/stderr=PIPE` and no `pass_fds`. */
static int popen_without_pipes(const Node *call)
{
    if (call->v.Call.args.n > 1)
        return 0;   /* positional bufsize, executable, stdin...: not read */
    NodeList kw = call->v.Call.keywords;
    for (int32_t i = 0; i < kw.n; i++) {
        const Node *k = kw.items[i];
        if (!k->v.keyword.arg.s || sem_str_eq(k->v.keyword.arg, "pass_fds") || is_pipe(k->v.keyword.value))
            return 0;
    }
    for (int32_t i = 0; i < call->v.Call.args.n; i++)
        if (call->v.Call.args.items[i]->kind == NK_Starred)
            return 0;
    return 1;
}

/* 1 if the read `load` is `p.wait()` / `p.communicate()`, or `p.poll()` in the test of a
   `while` loop (polled until the child exits). */
static int waits_for(Semantic *sem, const Scope *scope, const Node *load)
{
    if (is_finisher_call(sem, scope, load))
        return 1;
    const Node *attr = sem_parent_in(sem, scope, load);
    if (!attr || attr->kind != NK_Attribute || !sem_str_eq(attr->v.Attribute.attr, "poll"))
        return 0;
    const Node *child = attr;
    for (const Node *a = sem_parent_in(sem, scope, attr); a && a->kind >= NK_BoolOp;
         child = a, a = sem_parent_in(sem, scope, a))
        ;
    const Node *st = sem_parent_in(sem, scope, child);
    return st && st->kind == NK_While && st->v.While.test == child;
}

/* `p = Popen(cmd)` with no pipes, waited for in the function: the parent holds no descriptor,
   and the child is reaped by the wait; only an exception before it leaves the child running,
   which Popen's finaliser then reaps. Nothing to put in a `with`. */
static int waited_without_pipes(RuleCtx *ctx, const Node *call, const char *callee, Str name)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    if (!callee || strcmp(callee, "subprocess.Popen") != 0 || !popen_without_pipes(call))
        return 0;
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (rule_str_same(load->v.Name.id, name) && waits_for(sem, scope, load))
            return 1;
    }
    return 0;
}

/* The statement holding the visited call (the call sits in an expression of it). */
static const Node *enclosing_statement(RuleCtx *ctx)
{
    for (int up = 1;; up++) {
        const Node *a = rule_ancestor(ctx, up);
        if (!a || a->kind < NK_BoolOp)
            return a;
    }
}

/* The name the call's result is bound to (`f = open()`, `f: IO = open()`, `(f := open())`). */
static const Node *bound_name(RuleCtx *ctx, const Node *call)
{
    const Node *parent = rule_ancestor(ctx, 1);
    if (!parent)
        return NULL;
    if (parent->kind == NK_Assign && parent->v.Assign.value == call && parent->v.Assign.targets.n == 1)
        return parent->v.Assign.targets.items[0]->kind == NK_Name ? parent->v.Assign.targets.items[0] : NULL;
    if (parent->kind == NK_AnnAssign && parent->v.AnnAssign.value == call)
        return parent->v.AnnAssign.target->kind == NK_Name ? parent->v.AnnAssign.target : NULL;
    if (parent->kind == NK_NamedExpr && parent->v.NamedExpr.value == call)
        return parent->v.NamedExpr.target;
    return NULL;
}

/* `global f` / `nonlocal f`: the handle outlives the call on purpose. */
static int declared_outer(const Scope *scope, Str name)
{
    char buf[256];
    if (!rule_str_to_cstr(name, buf, sizeof buf))
        return 1;   /* cannot look it up: assume declared rather than risk a false finding */
    const Binding *found[32];
    int32_t n = sem_bindings_of(scope, buf, found, RULE_COUNT_OF(found));
    for (int32_t i = 0; i < n && i < RULE_COUNT_OF(found); i++)
        if (found[i]->kind == BIND_GLOBAL || found[i]->kind == BIND_NONLOCAL)
            return 1;
    return 0;
}

/* 1 if the position (line, col) of `a` comes before that of `b`. */
static int starts_before(const Node *a, const Node *b)
{
    return a->lineno < b->lineno || (a->lineno == b->lineno && a->col_offset < b->col_offset);
}

/* 1 if the statement `inner` is `st` or a statement of the body of the `with` `st` (or of a
   `with` nested there): it runs whenever `st` does and nothing raises. */
static int runs_with(const Node *st, const Node *inner)
{
    if (st == inner)
        return 1;
    if (st->kind != NK_With && st->kind != NK_AsyncWith)
        return 0;
    NodeList body = st->kind == NK_With ? st->v.With.body : st->v.AsyncWith.body;
    for (int32_t i = 0; i < body.n; i++)
        if (runs_with(body.items[i], inner))
            return 1;
    return 0;
}

/* 1 if the statement `inner` runs after `st` whenever nothing raises: it is a later statement
   of the block that holds `st`, or of a block that holds that block (climbing if/loop/with/try
   bodies and handlers up to the function), or one in the body of such a later `with`. Not a
   statement nested in a later `if`, loop or
   handler (it may not run: `if not p: p = Popen(...)` runs only when the first one failed), nor
   one in another branch of the `if` or in a handler of the `try` whose body holds `st`. */
static int runs_after(Semantic *sem, const Scope *scope, const Node *st, const Node *inner)
{
    for (const Node *x = st; x && x != scope->node; x = sem_parent_in(sem, scope, x)) {
        const Node *block = sem_parent_in(sem, scope, x);
        if (!block || block->kind >= NK_BoolOp)
            return 0;
        const Node *next = next_statement(sem, scope, x);
        for (; next; next = next_statement(sem, scope, next))
            if (runs_with(next, inner))
                return 1;
    }
    return 0;
}

/* The bindings of `name` in the rule's scope, up to `cap` of them in `found`; how many there are. */
static int32_t bindings_named(RuleCtx *ctx, Str name, const Binding **found, int32_t cap)
{
    char buf[128];
    return rule_str_to_cstr(name, buf, sizeof buf) ? sem_bindings_of(rule_scope(ctx), buf, found, cap) : 0;
}

/* The first rebinding of `name` (`f = None`, `f = open(other)`) that runs after the statement
   that bound the resource, with no read of `name` between them that releases it: the handle is
   dropped unclosed. NULL when none, or when the rebinding reads `name` (`f = TextIOWrapper(f)`
   wraps it). */
static const Node *overwriting_assignment(RuleCtx *ctx, const Node *statement, Str name)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    const Binding *found[32];
    int32_t n = bindings_named(ctx, name, found, RULE_COUNT_OF(found));
    const Node *rebind = NULL;
    for (int32_t i = 0; i < n && i < RULE_COUNT_OF(found) && !rebind; i++) {
        const Binding *b = found[i];
        if (b->kind == BIND_ASSIGN && b->stmt && (b->stmt->kind == NK_Assign ||
            (b->stmt->kind == NK_AnnAssign && b->stmt->v.AnnAssign.value)) &&
            starts_before(statement, b->stmt) && runs_after(sem, scope, statement, b->stmt))
            rebind = b->stmt;
    }
    for (int32_t i = 0; rebind && i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (!rule_str_same(load->v.Name.id, name) || starts_before(load, statement))
            continue;
        if (node_contains(rebind, load))
            return NULL;   /* `f = wrap(f)` */
        if (starts_before(load, rebind) && (classify_read(sem, scope, load) != USE_PLAIN ||
                                            is_finisher_call(sem, scope, load) ||
                                            is_directory_removal(sem, scope, load)))
            return NULL;
    }
    return rebind;
}

/* The first read of `name` that finishes it (`f.close()`, `p.wait()`, `shutil.rmtree(d)`) inside
   an `except` handler (`in_except`) or outside them, or NULL: the first one after `origin` (a
   name used for several files is closed after each), else the first one (a loop). */
static const Node *first_finisher(RuleCtx *ctx, const Node *origin, Str name, int in_except)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    const Node *earlier = NULL;
    for (int32_t i = 0; i < scope->nloads; i++) {
        const Node *load = scope->loads[i];
        if (!rule_str_same(load->v.Name.id, name) ||
            !(is_finisher_call(sem, scope, load) || is_directory_removal(sem, scope, load)) ||
            in_handler(sem, scope, load, origin) != in_except)
            continue;
        if (!starts_before(load, origin))
            return load;
        if (!earlier)
            earlier = load;
    }
    return earlier;
}

/* How the resource made by `what` is released, for messages. */
static const char *release_verb(const char *what)
{
    if (strcmp(what, "subprocess.Popen") == 0)
        return "waited for";
    if (strcmp(what, "tempfile.mkdtemp") == 0 || strcmp(what, "tempfile.TemporaryDirectory") == 0)
        return "removed";
    if (strstr(what, "Executor") || strstr(what, "Pool"))
        return "shut down";
    return "closed";
}

/* The finisher read `load` as written, for messages: `f.close()`, `rmtree(d)`. */
static void describe_finisher(Semantic *sem, const Scope *scope, const Node *load, char *buf, size_t size)
{
    const Node *parent = sem_parent_in(sem, scope, load);
    Str name = load->v.Name.id;
    if (parent && parent->kind == NK_Attribute) {
        Str m = parent->v.Attribute.attr;
        snprintf(buf, size, "%.*s.%.*s()", (int)name.len, name.s, (int)m.len, m.s);
        return;
    }
    Str callee = parent && parent->kind == NK_Call ? last_component(parent->v.Call.func) : (Str){ 0 };
    snprintf(buf, size, "%.*s(%.*s)", (int)callee.len, callee.s ? callee.s : "", (int)name.len, name.s);
}

/* The finding for a bound resource, saying where the path without release is. */
static void report_bound(RuleCtx *ctx, const Node *call, const char *what, Str name, int32_t error_line)
{
    const Node *normal = first_finisher(ctx, call, name, 0);
    const Node *handler = first_finisher(ctx, call, name, 1);
    int len = (int)name.len;
    if (error_line || (!normal && handler)) {
        rule_report(ctx, call, NULL,
                    "`%.*s = %s(...)` is released only on the error path (the `except` at line %d): the "
                    "normal path leaves it open; open it in a `with` statement (or release it in `finally`)",
                    len, name.s, what, (int)(error_line ? error_line : handler->lineno));
    } else if (normal) {
        char finisher[160];
        describe_finisher(rule_semantic(ctx), rule_scope(ctx), normal, finisher, sizeof finisher);
        rule_report(ctx, call, NULL,
                    "`%.*s = %s(...)` leaks when an exception comes before `%s` at line %d: open it "
                    "in a `with` statement (or release it in `finally`)",
                    len, name.s, what, finisher, (int)normal->lineno);
    } else {
        rule_report(ctx, call, NULL,
                    "`%.*s = %s(...)` is never %s nor handed over in this function: open it in a `with` "
                    "statement (or release it in `finally`)",
                    len, name.s, what, release_verb(what));
    }
}

/* The `del name` statement that runs after `statement` and before `rebind` (`del f` ... `f =
   open(other)`): the name was dropped there, so the handle went to garbage collection at the
   `del`, not at the rebinding. NULL when none. */
static const Node *deletion_before(RuleCtx *ctx, const Node *statement, const Node *rebind, Str name)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    const Binding *found[32];
    int32_t n = bindings_named(ctx, name, found, RULE_COUNT_OF(found));
    for (int32_t i = 0; i < n && i < RULE_COUNT_OF(found); i++) {
        const Binding *b = found[i];
        if (b->kind == BIND_DELETE && b->stmt && starts_before(statement, b->stmt) &&
            starts_before(b->stmt, rebind) && runs_after(sem, scope, statement, b->stmt))
            return b->stmt;
    }
    return NULL;
}

/* `f = open(p)` (bound to a name) in a function: the shapes of a handle left open. */
static void check_bound(RuleCtx *ctx, const Node *call, const char *what, const Node *target)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    Str name = target->v.Name.id;
    if (scope->kind != SCOPE_FUNCTION || not_owned_here(sem, scope, call) || declared_outer(scope, name))
        return;
    const Node *statement = enclosing_statement(ctx);
    const Node *rebind = statement && !read_by_nested_scope(sem, scope, scope, name)
                         ? overwriting_assignment(ctx, statement, name) : NULL;
    const Node *deletion = rebind ? deletion_before(ctx, statement, rebind, name) : NULL;
    if (deletion) {
        rule_report(ctx, call, NULL,
                    "`%.*s = %s(...)` is deleted at line %d before it is closed: `del` drops the name and "
                    "leaves the handle to garbage collection (ResourceWarning); close it instead (or open "
                    "it in a `with` statement)",
                    (int)name.len, name.s, what, (int)deletion->lineno);
        return;
    }
    if (rebind) {
        rule_report(ctx, call, NULL,
                    "`%.*s = %s(...)` is rebound at line %d before it is closed: the first one is left open; "
                    "close it before reusing the name (or open it in a `with` statement)",
                    (int)name.len, name.s, what, (int)rebind->lineno);
        return;
    }
    int32_t error_line = 0;
    if (is_released(ctx, call, name, &error_line))
        return;
    if (strcmp(what, "tempfile.mkdtemp") == 0 && !removed_in_function(ctx, name))
        return;
    if (waited_without_pipes(ctx, call, what, name))
        return;
    if (!error_line && statement && (finished_right_after(ctx, statement, name) ||
                                     finished_after_guarding_try(ctx, statement, name)))
        return;
    report_bound(ctx, call, what, name, error_line);
}

/* `open(p).read()`, `Popen(cmd).wait()`: the name of the method called on the resource itself,
   or an empty Str. */
static Str method_called_on(Semantic *sem, const Scope *scope, const Node *call)
{
    const Node *attr = sem_parent_in(sem, scope, call);
    const Node *use = attr ? sem_parent_in(sem, scope, attr) : NULL;
    if (attr && attr->kind == NK_Attribute && use && use->kind == NK_Call && use->v.Call.func == attr)
        return attr->v.Attribute.attr;
    return (Str){ 0 };
}

/* The node that uses the inline resource `call`: its parent, past keywords, `*args` and the
   branches of `a if c else b` / `a or b` (still the resource). */
static const Node *user_of(Semantic *sem, const Scope *scope, const Node *call)
{
    const Node *up = sem_parent_in(sem, scope, call);
    while (up && (up->kind == NK_keyword || up->kind == NK_Starred || up->kind == NK_IfExp || up->kind == NK_BoolOp))
        up = sem_parent_in(sem, scope, up);
    return up;
}

/* How an inline resource is used, for the message: "`.read()` is called on it", "it is passed to
   `load()`", "a `for` loop iterates it"... written to buf. */
static void describe_inline_use(Semantic *sem, const Scope *scope, const Node *call, char *buf, size_t size)
{
    const Node *parent = user_of(sem, scope, call);
    Str method = method_called_on(sem, scope, call);
    Str callee = parent && parent->kind == NK_Call ? last_component(parent->v.Call.func) : (Str){ 0 };
    if (method.s)
        snprintf(buf, size, "`.%.*s()` is called on it and it is dropped", (int)method.len, method.s);
    else if (parent && parent->kind == NK_Attribute)
        snprintf(buf, size, "its `.%.*s` is read and it is dropped", (int)parent->v.Attribute.attr.len,
                 parent->v.Attribute.attr.s);
    else if (callee.s)
        snprintf(buf, size, "it is passed to `%.*s()` and dropped", (int)callee.len, callee.s);
    else if (parent && (parent->kind == NK_For || parent->kind == NK_AsyncFor || parent->kind == NK_comprehension))
        snprintf(buf, size, "a loop iterates it and drops it");
    else
        snprintf(buf, size, "it is dropped unclosed");
}

/* Builtins (and `str.join`) that iterate an argument to its end and keep nothing of it. */
static const char *const ITERATING_BUILTINS[] = {
    "list", "tuple", "set", "frozenset", "sorted", "enumerate", "zip", "map", "filter", "iter", "next",
    "sum", "max", "min", "any", "all", NULL,
};

/* 1 if the call `consumer` given an inline resource as an argument only reads or writes through
   it and keeps nothing: a reader (`json.load`, `ElementTree.parse`, `config.readfp`...: `load*`,
   `parse*`, `read*`), a `dump`, an iterating builtin (`list(open(p))`), `"".join`. Any other
   callee may close it (`read_urls(f)` closing its argument) or keep it for the process's life
   (`startLogging(open(log, "w"))`): not known here. */
static int consumes_argument(Semantic *sem, const Scope *scope, const Node *consumer)
{
    const Node *func = consumer->v.Call.func;
    Str name = last_component(func);
    if (!name.s)
        return 0;
    if (is_reader(name) || sem_str_eq(name, "dump") || (func->kind == NK_Attribute && sem_str_eq(name, "join")))
        return 1;
    return func->kind == NK_Name && rule_cstr_in(sem_qualname(sem, scope, func), ITERATING_BUILTINS);
}

/* 1 if `node` lies in the body of a `with` that expects an exception: `with pytest.raises(E):`,
   `with self.assertRaises(E):` (also `assertRaisesRegex`): the call there is meant to fail. Also
   a bare `open(p)` statement in the body of a `try` with handlers: a probe (does it open?). */
static int expected_to_raise(Semantic *sem, const Scope *scope, const Node *node)
{
    const Node *statement = sem_parent_in(sem, scope, node);
    const Node *block = statement ? sem_parent_in(sem, scope, statement) : NULL;
    if (statement && statement->kind == NK_Expr && block && block->kind == NK_Try &&
        block->v.Try.handlers.n > 0 && in_list(block->v.Try.body, statement))
        return 1;
    for (const Node *a = statement; a && a != scope->node; a = sem_parent_in(sem, scope, a)) {
        if (a->kind != NK_With && a->kind != NK_AsyncWith)
            continue;
        NodeList items = a->kind == NK_With ? a->v.With.items : a->v.AsyncWith.items;
        for (int32_t i = 0; i < items.n; i++) {
            const Node *e = items.items[i]->v.withitem.context_expr;
            Str name = e->kind == NK_Call ? last_component(e->v.Call.func) : (Str){ 0 };
            if (name.s && (sem_str_eq(name, "raises") ||
                           (name.len >= 12 && memcmp(name.s, "assertRaises", 12) == 0)))
                return 1;
        }
        return 0;   /* the nearest `with` only */
    }
    return 0;
}

/* `json.load(open(p))`, `open(p).read()`, `for line in open(p):` in a function: the resource is
   never bound, so nothing can close it; CPython closes it when it is garbage-collected (with a
   ResourceWarning), PyPy much later. Not when a method finishes it on the spot (`Popen(c).wait()`,
   `open(p, "a").close()`), nor when it is handed over (returned, stored, given to a `with`, an
   ExitStack, a wrapper...: the same reads as for a name), nor given to a callee that may keep or
   close it (only readers, dumps and iterating builtins are known to leave it open), nor a `Popen`
   without pipes or as a statement of its own (a process started on purpose), nor a `mkdtemp()` path, nor a call in a `with
   pytest.raises(E):` / `with self.assertRaises(E):` block (meant to fail). */
static void check_inline(RuleCtx *ctx, const Node *call, const char *what)
{
    Semantic *sem = rule_semantic(ctx);
    const Scope *scope = rule_scope(ctx);
    Str method = method_called_on(sem, scope, call);
    if (strcmp(what, "tempfile.mkdtemp") == 0 || (method.s && rule_str_in(method, FINISHERS)) ||
        not_owned_here(sem, scope, call) || expected_to_raise(sem, scope, call) ||
        (strcmp(what, "subprocess.Popen") == 0 && popen_without_pipes(call)))
        return;
    const Node *parent = sem_parent_in(sem, scope, call);
    if (parent && parent->kind == NK_Lambda && parent->v.Lambda.body == call)
        return;   /* `lambda: open(p)`: the lambda returns it to its caller */
    int attribute_read = parent && parent->kind == NK_Attribute && !method.s;
    if (attribute_read ? pipe_handed_to_caller(sem, scope, parent) : classify_read(sem, scope, call) != USE_PLAIN)
        return;   /* `print(open(p).name)`: only the attribute is kept, the file is dropped */
    const Node *consumer = user_of(sem, scope, call);
    if (consumer && consumer->kind == NK_Call && consumer->v.Call.func != call &&
        !consumes_argument(sem, scope, consumer))
        return;   /* given to a callee that may keep or close it */
    if (parent && parent->kind == NK_Expr && strcmp(what, "subprocess.Popen") == 0)
        return;   /* `Popen(cmd)` as a statement: a process started to run on its own */
    char use[160];
    describe_inline_use(sem, scope, call, use, sizeof use);
    rule_report(ctx, call, NULL,
                "`%s(...)` is never closed: %s; it stays open until garbage collection (ResourceWarning): "
                "bind it in a `with` statement",
                what, use);
}


/* A string constant naming the builtin `open` as `mock.patch` takes it: "open", "builtins.open",
   "%s.open" (formatted with the module's name), "pkg.mod.open"; also inside `"%s.open" % x` or
   `__name__ + ".open"`. */
static int names_open(const Node *n)
{
    if (n->kind == NK_BinOp)
        return names_open(n->v.BinOp.left) || names_open(n->v.BinOp.right);
    if (n->kind != NK_Constant || n->v.Constant.value.kind != CONST_STR)
        return 0;
    Str t = n->v.Constant.value.text;
    return (t.len == 4 && memcmp(t.s, "open", 4) == 0) || (t.len >= 5 && memcmp(t.s + t.len - 5, ".open", 5) == 0);
}

/* `patch(target, ...)`, `mock.patch(...)`, `patch.object(builtins, "open", ...)` (any spelling whose
   callee ends in `patch` or is `patch.object`) that replaces `open`. */
static int patches_open(const Node *call)
{
    if (call->kind != NK_Call)
        return 0;
    const Node *f = call->v.Call.func;
    Str last = f->kind == NK_Name ? f->v.Name.id : f->kind == NK_Attribute ? f->v.Attribute.attr : (Str){NULL, 0};
    int is_patch = last.s && sem_str_eq(last, "patch");
    int is_object = last.s && sem_str_eq(last, "object") && f->kind == NK_Attribute
                    && ((f->v.Attribute.value->kind == NK_Name && sem_str_eq(f->v.Attribute.value->v.Name.id, "patch"))
                        || (f->v.Attribute.value->kind == NK_Attribute
                            && sem_str_eq(f->v.Attribute.value->v.Attribute.attr, "patch")));
    NodeList args = call->v.Call.args;
    if (is_patch)
        return args.n >= 1 && names_open(args.items[0]);
    return is_object && args.n >= 2 && names_open(args.items[1]);
}

/* Is the builtin `open` replaced by a mock where `call` runs: a `with patch(".. open")` around it, or
   a `@patch(".. open")` on a function or class around it? Test code then opens nothing. */
static int open_is_mocked(const Node *call)
{
    const Node *f = call->v.Call.func;
    if (f->kind != NK_Name || !sem_str_eq(f->v.Name.id, "open"))
        return 0;
    for (const Node *n = call->parent; n; n = n->parent) {
        NodeList list = {NULL, 0};
        if (n->kind == NK_With || n->kind == NK_AsyncWith) {
            NodeList items = n->kind == NK_With ? n->v.With.items : n->v.AsyncWith.items;
            for (int32_t i = 0; i < items.n; i++)
                if (patches_open(items.items[i]->v.withitem.context_expr))
                    return 1;
        } else if (n->kind == NK_FunctionDef) {
            list = n->v.FunctionDef.decorator_list;
        } else if (n->kind == NK_AsyncFunctionDef) {
            list = n->v.AsyncFunctionDef.decorator_list;
        } else if (n->kind == NK_ClassDef) {
            list = n->v.ClassDef.decorator_list;
        }
        for (int32_t i = 0; i < list.n; i++)
            if (patches_open(list.items[i]))
                return 1;
    }
    return 0;
}

static void visit_call(RuleCtx *ctx, const Node *call)
{
    const Scope *scope = rule_scope(ctx);
    Semantic *sem = rule_semantic(ctx);
    if (!scope || (scope->kind != SCOPE_FUNCTION && scope->kind != SCOPE_LAMBDA) ||
        !sem_may_be_resource_call(sem, call->v.Call.func))
        return;   /* module level: lives as long as the module (see the rule's notes) */
    const char *what = sem_resource_call(sem, scope, call);
    if (!what || open_is_mocked(call))
        return;
    const Node *target = bound_name(ctx, call);
    if (target)
        check_bound(ctx, call, what, target);
    else
        check_inline(ctx, call, what);
}

const Rule rule_gt301 = {
    .code = "GT301",
    .name = "resource-without-with",
    .summary = "a file/socket/process/pool made in a function and not closed on every path",
    .default_on = 1,
    .preview = 0,
    .fix = FIXABLE_NEVER,
    .doc = {
        .finds = "In a function (or lambda), a resource that is not released on every path. The "
                 "resources are the calls of one table (semantic_resources.c), extended by the "
                 "`resource-calls` setting: `open`, `io.open`, `codecs.open`, `os.fdopen`, `os.popen`, "
                 "`gzip/bz2/lzma.open`, `tarfile.open`, `zipfile.ZipFile/PyZipFile`, `socket.socket`, "
                 "`socket.create_connection`, `subprocess.Popen`, `tempfile.TemporaryFile/"
                 "NamedTemporaryFile/SpooledTemporaryFile/TemporaryDirectory/mkdtemp`, "
                 "`urllib.request.urlopen`, `http.client.HTTPConnection/HTTPSConnection`, "
                 "`sqlite3.connect` (not `\":memory:\"`), `multiprocessing.Pool`, "
                 "`concurrent.futures.ThreadPoolExecutor/ProcessPoolExecutor` (`shutdown()` releases), "
                 "`shelve.open`... in any import form (`from x import y`, `import x as z`); "
                 "`p.open()` on a value known to be a `pathlib.Path` (`Path(x)`, `p / \"x\"`, "
                 "`p.with_suffix(...)`, a name every binding of which is one, a parameter annotated "
                 "`Path`); `z.open(member)` on a name bound to a `zipfile.ZipFile` (not one over a "
                 "`BytesIO`). Four shapes. (1) `name = <call>` (also annotated or walrus) and no "
                 "read of `name` releases or hands it over: used in a "
                 "`with`, referenced in a `finally`, "
                 "returned or yielded (also its pipes: `return p.stdin, p.stdout`), stored (`self.f = f`, "
                 "`setattr(obj, \"f\", f)`, into a container or another name), "
                 "passed to `ExitStack.enter_context/callback/push`, `enterContext`, `closing`, a "
                 "container method, `functools.partial`, `Base.__init__(self, f)`, a callee named for "
                 "a release (`procutil.communicate(p)`, `_close(f)`; not one of `os`: `os.close(fd)`), "
                 "its bound `close` handed out (`return s.close, port`), "
                 "a class (also `cls(f)`, `type(self)(f)`; not an object used for one call and "
                 "dropped: `Parser(f).parse()`), a wrapper (`wrap*`, `from_*`) or a "
                 "function of the module (or method of the class, through `self`) that closes or "
                 "keeps its parameter, or to a method the class inherits from a class of "
                 "another module called as a statement (`self.set_socket(s)`; not unittest's "
                 "`assert*`), or to a callee of another module whose result is returned "
                 "(`return serve(f)`; not a reader: `load*`, `parse*`, `read*`) or given by keyword to "
                 "such a callee whose result is stored (`s = server(log=f)` then `s.serve()`, or `srv = "
                 "await loop.create_server(f, sock=s)` then `servers.append(srv)`, or "
                 "`self.s = ...`); its descriptor "
                 "copied by `os.dup2(f.fileno(), 1)`; or a default of a nested function "
                 "(`lambda b=f: ...`) or read by a nested "
                 "function; nor when the next statement closes it (`f.close()`, "
                 "`p.communicate()`, `p.wait()`, `os.rmdir(d)`...; not in an `except` of it), past "
                 "statements that cannot "
                 "raise (`pass`, a bare annotation `x: T`, a name, or a plain `self.attr` of a class "
                 "with no `__slots__`, `__setattr__` or member of that name, assigned a constant, a "
                 "name, an attribute of the resource or its `fileno()`; the `else` of the `try` it is "
                 "made in runs on to what follows the `try`), nor when it is made in a `try` (also in an `if` "
                 "there) whose handlers stop every exception and the statement right after the "
                 "`try` closes it, or right after the loop that `try` is the body of (the loop "
                 "header calling nothing, nothing else in the body that can raise), or reached by a "
                 "`break` (`p = Popen(...); break` in a loop, `p.communicate()` after it). The message "
                 "names the close that an exception skips (`f.close()` at line N) or says that "
                 "there is none. (2) Released only on the error path: closed in a broad `except` "
                 "that re-raises (or only in handlers) while the normal path neither closes it nor "
                 "passes it to a call (`except: sock.close(); raise` then `return make(sock)` is a "
                 "hand-over). (3) Rebound before it is closed: a later statement of the same block "
                 "(or of an enclosing one), one that surely runs, assigns the name again (`f = None`, "
                 "`f = open(other)`) with no release between (a `del f` before it is named as "
                 "the point where the handle went to garbage collection); not `f = TextIOWrapper(f)`, not a "
                 "rebinding in another branch, a handler or under `if not f:`. (4) Inline, never "
                 "bound: `open(p).read()`, `for line in open(p):`, `open(p, \"w\")` as a statement, "
                 "`print(open(p).name)`, or given to a reader (`json.load(open(p))`, `load*`, "
                 "`parse*`, `read*`), a `dump`, an iterating builtin (`list`, `sorted`...) or "
                 "`\"\".join`; not when a method finishes it on the spot (`open(p, \"a\").close()`, "
                 "`Popen(c).wait()`), nor handed over as above (returned, stored, in a `with`, a "
                 "container, an ExitStack, a class, a lambda's body), nor given to another callee "
                 "(it may keep it, `startLogging(open(log))`, or close it), nor a `Popen` as a "
                 "statement or without pipes (a process started on purpose), nor a call in a `with "
                 "pytest.raises(...)`/`self.assertRaises(...)` block or a bare call in a `try` body "
                 "(a probe meant to fail). Not flagged either: "
                 "wrappers given `fileobj=`, `open(fd, closefd=False)`, a `BytesIO(...)` or a name "
                 "bound only to one (no OS "
                 "resource), or a parameter annotated as a file object (`IO[bytes]`, `BinaryIO`: "
                 "the caller owns it), or the file a `with` around the wrapper opened, when the wrapper "
                 "does not write (`with open(p, \"rb\") as f: z = gzip.open(f)`: the `with` closes it; "
                 "`gzip.open(f, \"wb\")` left unclosed never writes its footer), processes started with "
                 "`start_new_session=True` (detached on purpose), a `Popen` with no `PIPE`, "
                 "`pass_fds` or positional options that the function waits for (`wait()`, "
                 "`communicate()`, `poll()` in a `while` test: the parent holds no descriptor), `mkdtemp()` paths the "
                 "function never removes (kept on purpose), and `open` where test code replaced it by a "
                 "mock (`with patch(\"builtins.open\", mock_open())`, `@patch(__name__ + \".open\")` on the "
                 "function or its class, `patch.object(builtins, \"open\")`).",
        .mechanism = "An explicit `close()` runs only if nothing raises before it. CPython's "
                     "reference counting usually closes a leaked file when the frame dies, but not "
                     "while a traceback (logged, or kept by a framework) references the frame, not on "
                     "PyPy, and not for subprocesses (zombies) or temporary directories.",
        .symptom = "`OSError: [Errno 24] Too many open files` after hours of traffic with "
                   "intermittent errors; `ResourceWarning: unclosed file`; sockets in CLOSE_WAIT; "
                   "zombie processes; files that cannot be deleted or renamed on Windows; data not "
                   "flushed to disk.",
        .fix = "`with open(path) as f: ...`. When the lifetime spans several calls, use "
               "`contextlib.ExitStack`, or close in `finally`.",
        .wrong = "def load(path):\n    f = open(path)\n    data = json.load(f)\n    f.close()\n"
                 "    return data",
        .right = "def load(path):\n    with open(path) as f:\n        return json.load(f)",
        .peer = "ruff SIM115 (open-file-with-context-handler), pylint R1732 (consider-using-with)",
        .notes = "Module-level code is not checked: a script's handles live as long as its run, "
                 "and an inline `open(\"README\").read()` in a `setup.py` is dropped at once by "
                 "CPython; a function's inline use is reported because the function may run many "
                 "times (CPython then reports `ResourceWarning: unclosed file` for each, PyPy keeps "
                 "the descriptors until a collection). `with sqlite3.connect(p) as c:` is taken as a "
                 "release although it only ends a transaction.",
        .precision = "96%: 24 of 25 sampled findings on the 3.11 site-packages and Django 3.2 are real (79 "
                     "findings; the other one is debatable). The 20 findings added by the new "
                     "constructors and shapes: 18 right, 2 debatable. On unseen Debian packages, 44 of "
                     "49 judged added findings are right (90%; inline uses 39 of 42). Round 7 (59 other "
                     "packages): 27 of 35 sampled before its fixes, 33 of 35 after (2 debatable), 11 of "
                     "12 read past the sample.",
    },
    .peers = { "SIM115", "R1732", "consider-using-with" },
    .kinds = { NK_Call },
    .visit = visit_call,
};
