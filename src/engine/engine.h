/* Engine internals shared by check.c and the rule API implementation (engine.c). */
#ifndef GOTCHA_ENGINE_H
#define GOTCHA_ENGINE_H

#include "../rules/rule.h"

typedef struct DiagList {
    Diag *items;
    int32_t n, cap;
} DiagList;

struct RuleCtx {
    const Source *src;
    const char *path;
    const CheckOptions *opt;
    Semantic *sem;
    Arena *arena;
    const Node *module;
    const Rule *rule;              /* the rule being run */
    void **states;                 /* per rule-table index: that rule's per-file state */
    int rule_index;
    const Node **stack;            /* ancestors; stack[depth - 1] is the node being visited */
    int32_t depth, cap;
    const Scope *scope;            /* scope containing the node being visited */
    DiagList *out;
};

/* Walk the module once, dispatching nodes to the enabled rules, then run their `finish`. */
void engine_run_rules(RuleCtx *ctx, const RuleSet *enabled);

/* Append a diagnostic for CPython positions (takes ownership of message and fix). */
void engine_add_diag(RuleCtx *ctx, const char *code, int32_t lineno, int32_t col_offset,
                     int32_t end_lineno, int32_t end_col_offset, char *message, Fix *fix);

#endif
