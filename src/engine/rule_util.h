/* Small helpers of the rule API (rule.h) shared by several rule files: name lists, C strings from
   AST names, header positions. Rule-specific logic stays in its rule file; only what two or more
   rules do alike lives here. Like rule.h, it knows no rule. */
#ifndef GOTCHA_RULE_UTIL_H
#define GOTCHA_RULE_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "rule.h"

/* Number of elements of an array (not a pointer), as the int32_t counts the semantic API takes. */
#define RULE_COUNT_OF(array) ((int32_t)(sizeof(array) / sizeof *(array)))

/* 1 if the C string `s` is one of the NULL-terminated `names`; 0 for a NULL `s` (an expression
   with no qualified name). */
int rule_cstr_in(const char *s, const char *const *names);

/* 1 if the AST string `s` equals one of the NULL-terminated `names`. */
int rule_str_in(Str s, const char *const *names);

/* 1 if two AST strings hold the same bytes. */
int rule_str_same(Str a, Str b);

/* 1 if one of the function's decorators resolves to a qualified name in `qualnames`
   (NULL-terminated), e.g. { "staticmethod", "classmethod", NULL }. */
int rule_decorated_with(const FuncInfo *info, const char *const *qualnames);

/* Copy `s` NUL-terminated into `buf` (`cap` bytes), for the semantic API that takes C strings.
   Returns 0 (and leaves `buf` alone) when it does not fit: such a name is never worth a finding. */
int rule_str_to_cstr(Str s, char *buf, size_t cap);

/* Byte columns of the name in a def/class header (`async def name`, `class name`) on its first
   line, to report over the name rather than the whole body; *start == *end (the keyword's column)
   when the header is not laid out on one line. */
void rule_def_name_columns(RuleCtx *ctx, const Node *def, int32_t *start, int32_t *end);

/* Source text of a node on one line (line breaks and indentation dropped), cut to `cap - 1` bytes
   with "..." when longer; for naming a callee in a message. */
void rule_node_text(RuleCtx *ctx, const Node *n, char *out, size_t cap);

/* The same for the callee of a Call as written, with the parentheses around it:
   `(lambda x: x)` for `(lambda x: x)()`, `time.time` for `time.time()`. */
void rule_callee_text(RuleCtx *ctx, const Node *call, char *out, size_t cap);

/* 1 if two nodes have the same source text, as written (`self.X[name]` after `name in self.X`). */
int rule_same_text(RuleCtx *ctx, const Node *a, const Node *b);

/* An ExceptHandler that catches everything (`except:`, `except Exception:`, `except BaseException:`,
   names resolved through imports) and neither returns nor raises: the exception stops there and
   the code after the `try` runs on both paths. */
int rule_handler_swallows(Semantic *sem, const Scope *scope, const Node *handler);

/* 1 if the ExceptHandler catches one of the qualified `names` (NULL-terminated, e.g.
   { "StopIteration", "Exception", "BaseException", NULL }): a bare `except:`, a type or a tuple
   holding one of them. */
int rule_handler_catches(Semantic *sem, const Scope *scope, const Node *handler,
                         const char *const *names);

/* 1 if, between the node being visited and its frame (def, lambda, class, generator expression),
   a `try` has it in its body and a handler that catches one of `names` (rule_handler_catches).
   O(depth x handlers). */
int rule_in_try_catching(RuleCtx *ctx, const char *const *names);

/* Is `n` one of the nodes of `list` (by identity)? */
int rule_node_in_list(NodeList list, const Node *n);

#endif
