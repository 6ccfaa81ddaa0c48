/* `[project] requires-python` -> the oldest Python 3 minor version it allows (config_requires_python_minor).

   A specifier set is a comma-separated list of clauses `OP VERSION` (PEP 440): >=, >, <=, <, ==, !=, ~=,
   ===, where == and != may end in `.*`. Only release versions of up to three numbers are understood
   (3, 3.8, 3.8.1). For each minor version 3.Y, from 0 up, each clause allows an interval of patch
   numbers Z (>=3.8.2 allows Z >= 2 for 3.8, every Z for 3.9, none for 3.7); the answer is the first Y
   whose intervals intersect. `!=` of one exact version removes a single patch and never a whole
   minor version, so it is ignored; `!=3.9.*` removes 3.9. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CLAUSES 16
#define LAST_MINOR 99                /* 3.99: minor versions searched */

typedef enum SpecOp { OP_GE, OP_GT, OP_LE, OP_LT, OP_EQ, OP_NE, OP_COMPAT } SpecOp;

typedef struct Clause {
    SpecOp op;
    int parts[3];                    /* major, minor, patch; missing ones are 0 */
    int nparts;                      /* 1 to 3, as written */
    int wildcard;                    /* `.*` after the version (== and != only) */
} Clause;

/* Patch numbers [lo, hi] a clause allows for 3.Y; lo > hi = none. */
typedef struct PatchRange { long lo, hi; } PatchRange;

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* The operator at *p (advanced past it), or -1. */
static int parse_op(const char **p)
{
    static const struct { const char *text; SpecOp op; } ops[] = {
        {"===", OP_EQ}, {"~=", OP_COMPAT}, {"==", OP_EQ}, {"!=", OP_NE}, {">=", OP_GE}, {"<=", OP_LE},
        {">", OP_GT}, {"<", OP_LT},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i].text);
        if (strncmp(*p, ops[i].text, n) == 0) {
            *p += n;
            return (int)ops[i].op;
        }
    }
    return -1;
}

/* One clause in [start, end). 0, or -1 with `why` set. */
static int parse_clause(const char *start, const char *end, Clause *c, char *why, size_t whylen)
{
    char text[64];
    size_t len = (size_t)(end - start);
    if (len >= sizeof text) {
        snprintf(why, whylen, "a clause is too long");
        return -1;
    }
    memcpy(text, start, len);
    text[len] = '\0';
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        text[--len] = '\0';
    const char *p = skip_blanks(text);
    int op = parse_op(&p);
    if (op < 0) {
        snprintf(why, whylen, "'%s' has no comparison operator (>=, ==, ~= ...)", text);
        return -1;
    }
    c->op = (SpecOp)op;
    p = skip_blanks(p);
    memset(c->parts, 0, sizeof c->parts);
    c->nparts = 0;
    c->wildcard = 0;
    for (;;) {
        if (*p < '0' || *p > '9' || c->nparts == 3)
            break;
        char *after;
        long v = strtol(p, &after, 10);
        if (v > 100000)
            break;
        c->parts[c->nparts++] = (int)v;
        p = after;
        if (p[0] == '.' && p[1] == '*' && p[2] == '\0' && (c->op == OP_EQ || c->op == OP_NE)) {
            c->wildcard = 1;
            p += 2;
            break;
        }
        if (*p != '.')
            break;
        p++;
    }
    if (*p != '\0' || c->nparts == 0 || (c->op == OP_COMPAT && c->nparts < 2)) {
        snprintf(why, whylen, "'%s' is not a form gotcha understands (release versions of up to three numbers)",
                 text);
        return -1;
    }
    return 0;
}

/* -1, 0, 1: (3, minor) against the clause's first two numbers. */
static int cmp_minor(int minor, const Clause *c)
{
    if (c->parts[0] != 3)
        return 3 < c->parts[0] ? -1 : 1;
    if (c->nparts == 1)
        return minor < 0 ? -1 : minor > 0 ? 1 : 0;   /* "3" is 3.0.0 */
    return minor < c->parts[1] ? -1 : minor > c->parts[1] ? 1 : 0;
}

static PatchRange range_of(const Clause *c, int minor)
{
    const PatchRange all = {0, LONG_MAX}, none = {1, 0};
    int cmp = cmp_minor(minor, c);
    long patch = c->parts[2];
    int major_only = c->nparts == 1;
    switch (c->op) {
    case OP_GE: return cmp > 0 ? all : cmp < 0 ? none : (PatchRange){patch, LONG_MAX};
    case OP_GT: return cmp > 0 ? all : cmp < 0 ? none : (PatchRange){patch + 1, LONG_MAX};
    case OP_LE: return cmp < 0 ? all : cmp > 0 ? none : (PatchRange){0, patch};
    case OP_LT: return cmp < 0 ? all : cmp > 0 ? none : (PatchRange){0, patch - 1};
    case OP_EQ:
        if (c->wildcard && major_only)
            return c->parts[0] == 3 ? all : none;
        if (cmp != 0)
            return none;
        return c->wildcard && c->nparts == 2 ? all : (PatchRange){patch, patch};
    case OP_NE:
        if (!c->wildcard)
            return all;
        if (major_only)
            return c->parts[0] == 3 ? none : all;
        return cmp == 0 && c->nparts == 2 ? none : all;
    case OP_COMPAT:   /* ~=3.9 is >=3.9,==3.*; ~=3.9.2 is >=3.9.2,==3.9.* */
        if (c->parts[0] != 3 || cmp < 0 || (c->nparts == 3 && cmp > 0))
            return none;
        return cmp > 0 ? all : (PatchRange){patch, LONG_MAX};
    }
    return none;
}

int config_requires_python_minor(const char *spec, char *why, size_t whylen)
{
    Clause clauses[MAX_CLAUSES];
    int n = 0;
    for (const char *p = spec;;) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        if (n == MAX_CLAUSES) {
            snprintf(why, whylen, "more than %d clauses", MAX_CLAUSES);
            return -1;
        }
        if (parse_clause(p, end, &clauses[n++], why, whylen) < 0)
            return -1;
        if (!comma)
            break;
        p = comma + 1;
    }
    for (int minor = 0; minor <= LAST_MINOR; minor++) {
        PatchRange r = {0, LONG_MAX};
        for (int i = 0; i < n; i++) {
            PatchRange c = range_of(&clauses[i], minor);
            r.lo = c.lo > r.lo ? c.lo : r.lo;
            r.hi = c.hi < r.hi ? c.hi : r.hi;
        }
        if (r.lo <= r.hi)
            return minor;
    }
    snprintf(why, whylen, "it allows no Python 3 version");
    return -1;
}
