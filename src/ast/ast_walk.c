/* ast_walk: the callback-driven pre-order walk over ast_children_each (see ast_walk.h). */
#include "ast_walk.h"

typedef struct Walk {
    AstWalkFn fn;
    void *arg;
    int stopped;   /* fn returned AST_WALK_STOP: the remaining nodes are passed over */
} Walk;

static void walk_node(const Node *n, void *walk)
{
    Walk *w = walk;
    if (w->stopped)
        return;
    int step = w->fn(n, w->arg);
    if (step == AST_WALK_STOP)
        w->stopped = 1;
    else if (step != AST_WALK_SKIP)
        ast_children_each(n, walk_node, w);
}

void ast_walk(const Node *root, AstWalkFn fn, void *arg)
{
    if (!root)
        return;
    Walk w = { fn, arg, 0 };
    walk_node(root, &w);
}
