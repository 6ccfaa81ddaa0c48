/* ast.dump(tree, include_attributes=True) of Python 3.13, byte for byte.

   The rules of 3.13's ast.dump (indent=None) that matter here:
   - a node prints as Kind(field=value, ..., lineno=.., col_offset=.., end_lineno=.., end_col_offset=..);
   - a field whose value is None or an empty list is left out, except the `value` of Constant and
     MatchSingleton, which prints even when it is None;
   - values print with Python's repr(): str, bytes, int, float, complex, True/False/None, Ellipsis;
     operators and contexts print as empty nodes (Load(), Add()). */
#include "ast_dump.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unicode/unicode.h"
#include "../unicode/utf8.h"
#include "../util/xalloc.h"

/* ---------------------------------------------------------------- str and bytes repr */

/* Python picks double quotes only when the text holds a single quote and no double quote. */
static char repr_quote(const char *s, size_t len)
{
    if (len == 0)
        return '\'';
    int has_single = memchr(s, '\'', len) != NULL;
    int has_double = memchr(s, '"', len) != NULL;
    return has_single && !has_double ? '"' : '\'';
}

/* Backslash escapes shared by str and bytes repr for ASCII; returns 0 if c needs none. */
static int put_ascii_escape(Buf *out, uint32_t c, char quote)
{
    static const char hex[] = "0123456789abcdef";
    char esc[4] = {'\\', 0, 0, 0};
    size_t n = 2;
    if (c == '\\' || c == (uint32_t)quote)
        esc[1] = (char)c;
    else if (c == '\t')
        esc[1] = 't';
    else if (c == '\n')
        esc[1] = 'n';
    else if (c == '\r')
        esc[1] = 'r';
    else if (c < 0x20 || c == 0x7F) {
        esc[1] = 'x';
        esc[2] = hex[c >> 4];
        esc[3] = hex[c & 0xF];
        n = 4;
    } else
        return 0;
    buf_add(out, esc, n);
    return 1;
}

/* repr() of a str: printable characters as they are, the rest as \xhh, \uhhhh or \Uhhhhhhhh. */
static void put_str_repr(Buf *out, const char *s, size_t len)
{
    char quote = repr_quote(s, len);
    buf_putc(out, quote);
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;   /* the tree's strings are well-formed but for lone surrogates, which decode as any */
        size_t n = (size_t)utf8_decode_lenient(p + i, len - i, &cp);
        if (cp < 0x80) {
            if (!put_ascii_escape(out, cp, quote))
                buf_putc(out, (char)cp);
        } else if (unicode_is_printable(cp)) {
            buf_add(out, s + i, n);
        } else if (cp <= 0xFF) {
            buf_printf(out, "\\x%02x", (unsigned)cp);
        } else if (cp <= 0xFFFF) {
            buf_printf(out, "\\u%04x", (unsigned)cp);
        } else {
            buf_printf(out, "\\U%08x", (unsigned)cp);
        }
        i += n;
    }
    buf_putc(out, quote);
}

/* repr() of bytes: b'...', printable ASCII as is, everything else escaped. */
static void put_bytes_repr(Buf *out, const char *s, size_t len)
{
    char quote = repr_quote(s, len);
    buf_putc(out, 'b');
    buf_putc(out, quote);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            buf_printf(out, "\\x%02x", c);
        else if (!put_ascii_escape(out, c, quote))
            buf_putc(out, (char)c);
    }
    buf_putc(out, quote);
}

/* ---------------------------------------------------------------- int repr */

#define LIMB_BASE 1000000000u   /* decimal limbs of 9 digits */

/* The radix of an int literal and where its digits start ("0x1F" -> 16, 2). */
static unsigned literal_radix(const char *s, size_t len, size_t *digits_at)
{
    *digits_at = 2;
    if (len >= 2 && s[0] == '0') {
        switch (s[1]) {
        case 'x': case 'X': return 16;
        case 'o': case 'O': return 8;
        case 'b': case 'B': return 2;
        default: break;
        }
    }
    *digits_at = 0;
    return 10;
}

static unsigned digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (unsigned)(c - 'A' + 10);
    return 0;
}

/* Decimal text of an int literal of any size: a schoolbook base conversion into 10^9 limbs.
   Underscores are skipped (the lexer removes them, but they cost nothing here). */
static void put_int_repr(Buf *out, const char *s, size_t len)
{
    size_t at;
    unsigned radix = literal_radix(s, len, &at);
    if (radix == 10) {  /* already decimal: drop the leading zeros of "000" / "007" */
        while (at + 1 < len && (s[at] == '0' || s[at] == '_'))
            at++;
        for (; at < len; at++)
            if (s[at] != '_')
                buf_putc(out, s[at]);
        return;
    }
    /* Each input digit holds at most 4 bits; a limb holds more than 29. */
    size_t max_limbs = (len - at) * 4 / 29 + 2;
    uint32_t *limbs = xmalloc(max_limbs * sizeof *limbs);
    size_t nlimbs = 1;
    limbs[0] = 0;
    for (; at < len; at++) {
        if (s[at] == '_')
            continue;
        uint64_t carry = digit_value(s[at]);
        for (size_t i = 0; i < nlimbs; i++) {
            uint64_t v = (uint64_t)limbs[i] * radix + carry;
            limbs[i] = (uint32_t)(v % LIMB_BASE);
            carry = v / LIMB_BASE;
        }
        if (carry) {
            assert(nlimbs < max_limbs);   /* the bound above: 4 bits per digit, 29+ per limb */
            limbs[nlimbs++] = (uint32_t)carry;
        }
    }
    buf_printf(out, "%u", (unsigned)limbs[nlimbs - 1]);
    for (size_t i = nlimbs - 1; i-- > 0;)
        buf_printf(out, "%09u", (unsigned)limbs[i]);
    free(limbs);
}

/* ---------------------------------------------------------------- float and complex repr */

/* The nearest decimal to x with precision + 1 significant digits: its digits (NUL-terminated)
   and the decimal exponent of the first one. Returns the number of digits. */
static int nearest_digits(double x, int precision, char digits[32], int *exp10)
{
    char text[40];
    snprintf(text, sizeof text, "%.*e", precision, x);  /* "d.ddde+XX" */
    const char *e = strchr(text, 'e');
    *exp10 = atoi(e + 1);
    int n = 0;
    for (const char *p = text; p < e; p++)
        if (*p != '.')
            digits[n++] = *p;
    digits[n] = '\0';
    return n;
}

/* Does digits[0].digits[1..] x 10^exp10 read back as x? */
static int reads_back(const char *digits, int exp10, double x)
{
    char text[48];
    snprintf(text, sizeof text, "%c.%se%d", digits[0], digits + 1, exp10);
    return strtod(text, NULL) == x;
}

/* Replace the n digits by their neighbour one unit in the last place up (delta 1) or down
   (delta -1) if that one reads back as x; returns whether it did. A carry out of the first
   digit (999 + 1) is not tried: that neighbour is a power of ten, which a shorter precision
   has already tried. */
static int try_neighbour(double x, char *digits, int n, int *exp10, int delta)
{
    char candidate[32];
    memcpy(candidate, digits, (size_t)n + 1);
    int i = n - 1;
    char wrap_from = delta > 0 ? '9' : '0', wrap_to = delta > 0 ? '0' : '9';
    while (i >= 0 && candidate[i] == wrap_from)
        candidate[i--] = wrap_to;
    if (i < 0)
        return 0;
    candidate[i] = (char)(candidate[i] + delta);
    if (candidate[0] == '0' || !reads_back(candidate, *exp10, x))
        return 0;
    memcpy(digits, candidate, (size_t)n + 1);
    return 1;
}

/* Shortest decimal digits that read back as x and, among those, the nearest to x (what
   Python's repr uses), without trailing zeros, with the decimal exponent of the first digit.
   x must be finite and > 0. printf gives the nearest digits of each length, but when x is a
   power of two the interval that reads back as x is narrower below x than above, so the
   nearest can fail where its neighbour on the wider side succeeds. 17 digits always work. */
static void shortest_digits(double x, char digits[32], int *exp10)
{
    int n = 0;
    for (int precision = 0; precision <= 16; precision++) {
        n = nearest_digits(x, precision, digits, exp10);
        if (reads_back(digits, *exp10, x) || try_neighbour(x, digits, n, exp10, 1) ||
            try_neighbour(x, digits, n, exp10, -1))
            break;
    }
    while (n > 1 && digits[n - 1] == '0')
        digits[--n] = '\0';
}

/* repr() of a non-negative float. Python writes positional notation when the decimal point
   falls within 16 digits of the first one (1e-4 .. 1e16 exclusive), otherwise
   d.ddde+XX with at least two exponent digits. `add_dot_0` (float, not complex) turns
   an integral positional value "12" into "12.0". */
static void put_float_repr(Buf *out, double x, int add_dot_0)
{
    if (isinf(x)) {
        buf_puts(out, x < 0 ? "-inf" : "inf");
        return;
    }
    if (isnan(x)) {
        buf_puts(out, "nan");
        return;
    }
    if (signbit(x)) {
        buf_putc(out, '-');
        x = -x;
    }
    if (x == 0) {
        buf_puts(out, add_dot_0 ? "0.0" : "0");
        return;
    }
    char digits[32];
    int exp10;
    shortest_digits(x, digits, &exp10);
    int ndigits = (int)strlen(digits);
    int point = exp10 + 1;  /* digits before the decimal point */
    if (point > -4 && point <= 16) {
        if (point <= 0) {
            buf_puts(out, "0.");
            for (int i = 0; i < -point; i++)
                buf_putc(out, '0');
            buf_puts(out, digits);
        } else if (point >= ndigits) {
            buf_puts(out, digits);
            for (int i = ndigits; i < point; i++)
                buf_putc(out, '0');
            if (add_dot_0)
                buf_puts(out, ".0");
        } else {
            buf_add(out, digits, (size_t)point);
            buf_putc(out, '.');
            buf_puts(out, digits + point);
        }
        return;
    }
    buf_putc(out, digits[0]);
    if (ndigits > 1) {
        buf_putc(out, '.');
        buf_puts(out, digits + 1);
    }
    buf_printf(out, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
}

/* ---------------------------------------------------------------- constants */

static void put_constant(Buf *out, const ConstValue *c)
{
    switch (c->kind) {
    case CONST_NONE: buf_puts(out, "None"); break;
    case CONST_TRUE: buf_puts(out, "True"); break;
    case CONST_FALSE: buf_puts(out, "False"); break;
    case CONST_ELLIPSIS: buf_puts(out, "Ellipsis"); break;
    case CONST_INT: put_int_repr(out, c->text.s, c->text.len); break;
    case CONST_FLOAT: put_float_repr(out, c->num, 1); break;
    case CONST_COMPLEX:  /* a literal's real part is +0.0, which repr leaves out */
        put_float_repr(out, c->num, 0);
        buf_putc(out, 'j');
        break;
    case CONST_STR: put_str_repr(out, c->text.s, c->text.len); break;
    case CONST_BYTES: put_bytes_repr(out, c->text.s, c->text.len); break;
    default: buf_puts(out, "None"); break;
    }
}

/* ---------------------------------------------------------------- nodes */

static void dump_node(Buf *out, const Node *n);

static void dump_node_list(Buf *out, const NodeList *list)
{
    buf_putc(out, '[');
    for (int32_t i = 0; i < list->n; i++) {
        if (i)
            buf_puts(out, ", ");
        dump_node(out, list->items[i]);  /* NULL items (Dict keys, kw_defaults) print None */
    }
    buf_putc(out, ']');
}

static void dump_str_list(Buf *out, const StrList *list)
{
    buf_putc(out, '[');
    for (int32_t i = 0; i < list->n; i++) {
        if (i)
            buf_puts(out, ", ");
        put_str_repr(out, list->items[i].s, list->items[i].len);
    }
    buf_putc(out, ']');
}

/* An operator or context: a node without fields, e.g. "Load()". */
static void put_op(Buf *out, const char *const *names, unsigned value)
{
    buf_puts(out, names[value]);
    buf_puts(out, "()");
}

static void dump_cmpops(Buf *out, const OpList *ops)
{
    buf_putc(out, '[');
    for (int32_t i = 0; i < ops->n; i++) {
        if (i)
            buf_puts(out, ", ");
        put_op(out, ast_cmpop_names, ops->items[i]);
    }
    buf_putc(out, ']');
}

/* The names table of an enumerated field type, or NULL for other types. */
static const char *const *op_names(uint8_t type)
{
    switch (type) {
    case F_EXPR_CONTEXT: return ast_expr_context_names;
    case F_BOOLOP: return ast_boolop_names;
    case F_OPERATOR: return ast_operator_names;
    case F_UNARYOP: return ast_unaryop_names;
    case F_CMPOP: return ast_cmpop_names;
    default: return NULL;
    }
}

/* True when ast.dump leaves the field out: None or an empty list (Constant's value never). */
static int field_is_empty(const FieldInfo *f, const void *at)
{
    switch (f->type) {
    case F_NODE:
    case F_OPT_NODE: return *(Node *const *)at == NULL;
    case F_LIST: return ((const NodeList *)at)->n == 0;
    case F_STRS: return ((const StrList *)at)->n == 0;
    case F_CMPOPS: return ((const OpList *)at)->n == 0;
    case F_IDENT:
    case F_OPT_IDENT: return ((const Str *)at)->s == NULL;
    case F_CONST:
    case F_INT: return 0;
    default: return *(const uint8_t *)at == 0;  /* an operator or context that is unset */
    }
}

static void dump_field_value(Buf *out, const FieldInfo *f, const void *at)
{
    switch (f->type) {
    case F_NODE:
    case F_OPT_NODE: dump_node(out, *(Node *const *)at); break;
    case F_LIST: dump_node_list(out, at); break;
    case F_STRS: dump_str_list(out, at); break;
    case F_CMPOPS: dump_cmpops(out, at); break;
    case F_IDENT:
    case F_OPT_IDENT: put_str_repr(out, ((const Str *)at)->s, ((const Str *)at)->len); break;
    case F_CONST: put_constant(out, at); break;
    case F_INT: buf_printf(out, "%d", (int)*(const int32_t *)at); break;
    default: put_op(out, op_names(f->type), *(const uint8_t *)at); break;
    }
}

/* Prints every field, names and values alike, from ast_kinds; so it reads the field table itself
   rather than walking children with ast_walk.h. */
static void dump_node(Buf *out, const Node *n)
{
    if (!n) {
        buf_puts(out, "None");
        return;
    }
    const KindInfo *kind = &ast_kinds[n->kind];
    buf_puts(out, kind->name);
    buf_putc(out, '(');
    const char *sep = "";
    for (int i = 0; i < kind->nfields; i++) {
        const FieldInfo *f = &kind->fields[i];
        const void *at = (const char *)n + f->offset;
        if (field_is_empty(f, at))
            continue;
        buf_puts(out, sep);
        buf_puts(out, f->name);
        buf_putc(out, '=');
        dump_field_value(out, f, at);
        sep = ", ";
    }
    if (kind->has_position)
        buf_printf(out, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", sep,
                   (int)n->lineno, (int)n->col_offset, (int)n->end_lineno, (int)n->end_col_offset);
    buf_putc(out, ')');
}

void ast_dump(const Node *node, Buf *out)
{
    dump_node(out, node);
}
