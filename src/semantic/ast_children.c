#include "ast_children.h"

#include <stdlib.h>
#include <string.h>

void ast_children_init(AstChildren *c)
{
    memset(c->count, 0, sizeof c->count);
    for (int kind = 0; kind < NK__COUNT; kind++) {
        const KindInfo *info = &ast_kinds[kind];
        for (int f = 0; f < info->nfields; f++) {
            uint8_t type = info->fields[f].type;
            if (type != F_NODE && type != F_OPT_NODE && type != F_LIST)
                continue;
            int at = c->count[kind]++;
            if (at >= AST_MAX_CHILD_FIELDS)
                abort();   /* the generated AST grew a kind with more child fields */
            c->offset[kind][at] = info->fields[f].offset;
            c->is_list[kind][at] = type == F_LIST;
        }
    }
}
