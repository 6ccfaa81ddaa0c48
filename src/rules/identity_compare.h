/* Shared by GT201 (is-literal) and GT202 (is-computed-value): which operands of `is` are literals
   or fresh displays, and the fix that turns `is` into `==` (`is not` into `!=`). */
#ifndef GOTCHA_IDENTITY_COMPARE_H
#define GOTCHA_IDENTITY_COMPARE_H

#include "../engine/rule.h"

/* 1 if the operand is a literal or a display that builds a fresh object: str/bytes/number
   constants (with a sign), f-strings, tuple/list/dict/set displays and comprehensions.
   None, True, False and Ellipsis are singletons: 0. */
int identity_is_literal(const Node *e);

/* The fix for the operator between `left` and `right` (operands of one Compare): replace `is` by
   `==`, or `is not` by `!=` when `negated`; `safe` as in diag_fix_new. Returns NULL when the
   operator cannot be located safely (e.g. a comment in between). The fix is owned by the caller
   until reported. */
Fix *identity_eq_fix(RuleCtx *ctx, const Node *left, const Node *right, int negated, int safe);

#endif
