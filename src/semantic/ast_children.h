/* Where each node kind keeps its child nodes, from the generated field tables, so tree walks
   skip identifier, number and operator fields. Filled per use (cheap): no global state. */
#ifndef GOTCHA_AST_CHILDREN_H
#define GOTCHA_AST_CHILDREN_H

#include <stdint.h>

#include "../ast/ast_nodes.h"

#define AST_MAX_CHILD_FIELDS 8

typedef struct AstChildren {
    uint8_t count[NK__COUNT];
    uint16_t offset[NK__COUNT][AST_MAX_CHILD_FIELDS];
    uint8_t is_list[NK__COUNT][AST_MAX_CHILD_FIELDS];
} AstChildren;

void ast_children_init(AstChildren *c);

/* Call `visit(child, arg)` for every child of n, in field order. */
static inline void ast_children_each(const AstChildren *c, const Node *n,
                                     void (*visit)(const Node *child, void *arg), void *arg)
{
    for (int f = 0; f < c->count[n->kind]; f++) {
        const char *field = (const char *)n + c->offset[n->kind][f];
        if (c->is_list[n->kind][f]) {
            const NodeList *list = (const NodeList *)field;
            for (int32_t i = 0; i < list->n; i++)
                if (list->items[i])
                    visit(list->items[i], arg);
        } else if (*(Node *const *)field) {
            visit(*(Node *const *)field, arg);
        }
    }
}

#endif
