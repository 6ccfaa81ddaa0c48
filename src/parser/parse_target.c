/* Assignment and deletion targets: expressions parsed as values are checked and switched to
   Store/Del context here. */
#include "parser_internal.h"

const char *parse_expr_description(const Node *e)
{
    switch (e->kind) {
    case NK_Attribute: return "attribute";
    case NK_Subscript: return "subscript";
    case NK_Starred: return "starred";
    case NK_Name: return "name";
    case NK_List: return "list";
    case NK_Tuple: return "tuple";
    case NK_Lambda: return "lambda";
    case NK_Call: return "function call";
    case NK_BoolOp: case NK_BinOp: case NK_UnaryOp: return "expression";
    case NK_GeneratorExp: return "generator expression";
    case NK_Yield: case NK_YieldFrom: return "yield expression";
    case NK_Await: return "await expression";
    case NK_ListComp: return "list comprehension";
    case NK_SetComp: return "set comprehension";
    case NK_DictComp: return "dict comprehension";
    case NK_Dict: return "dict literal";
    case NK_Set: return "set display";
    case NK_JoinedStr: case NK_FormattedValue: return "f-string expression";
    case NK_Compare: return "comparison";
    case NK_IfExp: return "conditional expression";
    case NK_NamedExpr: return "named expression";
    case NK_Constant:
        switch (e->v.Constant.value.kind) {
        case CONST_NONE: return "None";
        case CONST_TRUE: return "True";
        case CONST_FALSE: return "False";
        case CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    default: return "expression";
    }
}

const Node *parse_invalid_target(const Node *e, int ctx)
{
    switch (e->kind) {
    case NK_Name: case NK_Attribute: case NK_Subscript:
        return NULL;
    case NK_Starred:
        return ctx == EXPR_CONTEXT_Del ? e : parse_invalid_target(e->v.Starred.value, ctx);
    case NK_Tuple:
    case NK_List: {
        NodeList elts = e->kind == NK_Tuple ? e->v.Tuple.elts : e->v.List.elts;
        for (int32_t i = 0; i < elts.n; i++) {
            const Node *bad = parse_invalid_target(elts.items[i], ctx);
            if (bad)
                return bad;
        }
        return NULL;
    }
    default:
        return e;
    }
}

int parse_set_context(Parser *p, Node *e, int ctx)
{
    const char *verb = ctx == EXPR_CONTEXT_Del ? "delete" : "assign to";
    switch (e->kind) {
    case NK_Name: e->v.Name.ctx = (uint8_t)ctx; return 0;
    case NK_Attribute: e->v.Attribute.ctx = (uint8_t)ctx; return 0;
    case NK_Subscript: e->v.Subscript.ctx = (uint8_t)ctx; return 0;
    case NK_Starred:
        if (ctx == EXPR_CONTEXT_Del) {
            parse_fail_node(p, e, "cannot delete starred");
            return -1;
        }
        e->v.Starred.ctx = (uint8_t)ctx;
        return parse_set_context(p, e->v.Starred.value, ctx);
    case NK_Tuple:
    case NK_List: {
        NodeList elts = e->kind == NK_Tuple ? e->v.Tuple.elts : e->v.List.elts;
        if (e->kind == NK_Tuple)
            e->v.Tuple.ctx = (uint8_t)ctx;
        else
            e->v.List.ctx = (uint8_t)ctx;
        for (int32_t i = 0; i < elts.n; i++)
            if (parse_set_context(p, elts.items[i], ctx) != 0)
                return -1;
        return 0;
    }
    default:
        parse_fail_node(p, e, "cannot %s %s", verb, parse_expr_description(e));
        return -1;
    }
}
