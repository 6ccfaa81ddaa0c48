/* Unified diff of two texts, by Myers' O((N+M)D) algorithm on lines. Fixes change few lines,
   so D is small; every step's frontier is kept (O(D^2) memory) to walk the path back. */
#include "fix.h"
#include "../util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define CONTEXT_LINES 3

typedef struct Line {
    const char *s;
    size_t len;              /* with its line break */
} Line;

typedef struct Lines {
    Line *items;
    int32_t n;
} Lines;

static void split_lines(const char *text, size_t len, Lines *out)
{
    int32_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += text[i] == '\n';
    out->items = xmalloc(((size_t)count + 2) * sizeof *out->items);
    out->n = 0;
    size_t start = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n') {
            out->items[out->n++] = (Line){text + start, i + 1 - start};
            start = i + 1;
        }
    if (start < len)
        out->items[out->n++] = (Line){text + start, len - start};
}

static int same_line(const Line *a, const Line *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* One step of the edit script: a line kept, deleted from a or inserted from b. */
typedef enum Op { OP_KEEP, OP_DEL, OP_INS } Op;

typedef struct Script {
    uint8_t *ops;
    int32_t n;
} Script;

/* Myers forward pass; frontier d is stored at trace[d] with entries for k in [-d, d]. */
static void diff_lines(const Lines *a, const Lines *b, Script *out)
{
    int32_t n = a->n, m = b->n, max = n + m;
    int32_t **trace = xmalloc(((size_t)max + 2) * sizeof *trace);
    int32_t d_final = 0;
    for (int32_t d = 0; d <= max; d++) {
        int32_t *v = xmalloc((2 * (size_t)d + 1) * sizeof *v);
        trace[d] = v;
        const int32_t *prev = d > 0 ? trace[d - 1] : NULL;   /* prev[k + d - 1] is diagonal k */
        int done = 0;
        for (int32_t k = -d; k <= d; k += 2) {
            int32_t x;
            if (d == 0)
                x = 0;
            else if (k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]))
                x = prev[k + 1 + d - 1];           /* down: insertion */
            else
                x = prev[k - 1 + d - 1] + 1;       /* right: deletion */
            int32_t y = x - k;
            while (x < n && y < m && same_line(&a->items[x], &b->items[y]))
                x++, y++;
            v[k + d] = x;
            if (x >= n && y >= m)
                done = 1;
        }
        if (done) {
            d_final = d;
            break;
        }
    }
    /* walk back from (n, m) */
    out->ops = xmalloc((size_t)(uint32_t)max + 1);
    int32_t len = 0, x = n, y = m;
    for (int32_t d = d_final; d > 0; d--) {
        const int32_t *prev = trace[d - 1];
        int32_t k = x - y;
        int down = k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]);
        int32_t prev_k = down ? k + 1 : k - 1;
        int32_t prev_x = prev[prev_k + d - 1], prev_y = prev_x - prev_k;
        int32_t mid_x = down ? prev_x : prev_x + 1, mid_y = down ? prev_y + 1 : prev_y;
        while (x > mid_x && y > mid_y)   /* the snake after the move */
            out->ops[len++] = OP_KEEP, x--, y--;
        out->ops[len++] = down ? OP_INS : OP_DEL;
        if (down)
            y--;
        else
            x--;
    }
    while (x > 0 && y > 0)
        out->ops[len++] = OP_KEEP, x--, y--;
    for (int32_t i = 0; i < len / 2; i++) {   /* built backwards */
        uint8_t t = out->ops[i];
        out->ops[i] = out->ops[len - 1 - i];
        out->ops[len - 1 - i] = t;
    }
    out->n = len;
    for (int32_t d = 0; d <= d_final; d++)
        free(trace[d]);
    free(trace);
}

static void put_range(Buf *out, int32_t start, int32_t count)
{
    /* like diff -u: "l" for one line, "l,c" otherwise, and the line before for an empty range */
    if (count == 1)
        buf_printf(out, "%d", (int)start + 1);
    else
        buf_printf(out, "%d,%d", (int)(count == 0 ? start : start + 1), (int)count);
}

static void put_line(Buf *out, char mark, const Line *line)
{
    buf_putc(out, mark);
    buf_add(out, line->s, line->len);
    if (line->len == 0 || line->s[line->len - 1] != '\n')
        buf_puts(out, "\n\\ No newline at end of file\n");
}

/* Print the hunk covering ops[from, to), which starts at line a_at / b_at. */
static void put_hunk(Buf *out, const Script *sc, int32_t from, int32_t to, int32_t a_at, int32_t b_at,
                     const Lines *a, const Lines *b)
{
    int32_t a_count = 0, b_count = 0;
    for (int32_t i = from; i < to; i++) {
        a_count += sc->ops[i] != OP_INS;
        b_count += sc->ops[i] != OP_DEL;
    }
    buf_puts(out, "@@ -");
    put_range(out, a_at, a_count);
    buf_puts(out, " +");
    put_range(out, b_at, b_count);
    buf_puts(out, " @@\n");
    for (int32_t i = from; i < to; i++) {
        if (sc->ops[i] == OP_KEEP)
            put_line(out, ' ', &a->items[a_at++]), b_at++;
        else if (sc->ops[i] == OP_DEL)
            put_line(out, '-', &a->items[a_at++]);
        else
            put_line(out, '+', &b->items[b_at++]);
    }
}

void fix_unified_diff(const char *path, const char *old_text, size_t old_len, const char *new_text,
                      size_t new_len, Buf *out)
{
    if (old_len == new_len && memcmp(old_text, new_text, old_len) == 0)
        return;
    Lines a, b;
    split_lines(old_text, old_len, &a);
    split_lines(new_text, new_len, &b);
    Script sc;
    diff_lines(&a, &b, &sc);
    buf_printf(out, "--- a/%s\n+++ b/%s\n", path, path);

    /* hunks: changes with up to 2*CONTEXT kept lines between them are merged */
    int32_t i = 0, a_line = 0, b_line = 0;
    while (i < sc.n) {
        if (sc.ops[i] == OP_KEEP) {
            i++, a_line++, b_line++;
            continue;
        }
        int32_t lead = 0;
        while (lead < CONTEXT_LINES && i - lead > 0 && sc.ops[i - lead - 1] == OP_KEEP)
            lead++;
        int32_t from = i - lead, end = i;
        for (;;) {   /* extend over changes and short runs of kept lines */
            while (end < sc.n && sc.ops[end] != OP_KEEP)
                end++;
            int32_t kept = 0;
            while (end + kept < sc.n && sc.ops[end + kept] == OP_KEEP)
                kept++;
            if (end + kept < sc.n && kept <= 2 * CONTEXT_LINES) {
                end += kept;
                continue;
            }
            end += kept < CONTEXT_LINES ? kept : CONTEXT_LINES;
            break;
        }
        put_hunk(out, &sc, from, end, a_line - lead, b_line - lead, &a, &b);
        for (int32_t k = i; k < end; k++) {
            a_line += sc.ops[k] != OP_INS;
            b_line += sc.ops[k] != OP_DEL;
        }
        i = end;
    }
    free(sc.ops);
    free(a.items);
    free(b.items);
}
