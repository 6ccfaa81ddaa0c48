/* GT901 unused-noqa: a `# noqa: GTnnn` (or `# gotcha: noqa: GTnnn`) code that suppresses nothing.
   Stale suppressions hide the next real finding on that line; removing them keeps noqa honest.
   Runs in the audit phase (rule.h), after every rule's `finish`, when the engine has matched the
   noqa comments against every finding reported so far; codes of rules that are not enabled are
   left alone (they could not match). */
#include "../engine/rule.h"

#include <string.h>

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int is_code_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Whether a noqa code (`GT501`, `B006`, `PLR1708`: capitals then digits) starts at `pos`. */
static int code_starts_at(const char *t, uint32_t pos, uint32_t eol)
{
    uint32_t i = pos;
    while (i < eol && t[i] >= 'A' && t[i] <= 'Z')
        i++;
    if (i == pos || i >= eol || t[i] < '0' || t[i] > '9')
        return 0;
    while (i < eol && t[i] >= '0' && t[i] <= '9')
        i++;
    return i == eol || !is_code_char(t[i]);
}

/* The text to delete for the unused code at [start, end) of line `line`: with its separator when
   other codes stay (`GT1, GT2` -> `GT1`), else the whole directive with the blanks before it, or
   the whole line when the directive was alone on it. */
static void removal_range(const Source *src, int32_t line, uint32_t start, uint32_t end,
                          uint32_t *from, uint32_t *to)
{
    const char *t = src->text;
    uint32_t line_start = src->line_starts[line - 1];
    uint32_t line_end = line < src->nlines ? src->line_starts[line] : (uint32_t)src->len;
    uint32_t eol = line_end;
    while (eol > line_start && (t[eol - 1] == '\n' || t[eol - 1] == '\r'))
        eol--;
    uint32_t left = start;
    while (left > line_start && is_blank(t[left - 1]))
        left--;
    if (left > line_start && (t[left - 1] == ',' || is_code_char(t[left - 1]))) {
        *from = t[left - 1] == ',' ? left - 1 : left;   /* a code before it stays */
        *to = end;
        return;
    }
    uint32_t right = end;
    while (right < eol && (is_blank(t[right]) || t[right] == ','))
        right++;
    if (right < eol && code_starts_at(t, right, eol)) {   /* a code after it stays */
        *from = start;
        *to = right;
        return;
    }
    uint32_t hash = left;   /* the directive's '#' */
    while (hash > line_start && t[hash - 1] != '#')
        hash--;
    hash = hash > line_start ? hash - 1 : line_start;
    uint32_t before = hash;
    while (before > line_start && is_blank(t[before - 1]))
        before--;
    uint32_t after = end;
    while (after < eol && is_blank(t[after]))
        after++;
    if (before == line_start && after == eol) {
        *from = line_start;
        *to = line_end;
    } else if (after < eol && t[after] != '#') {
        /* Text follows the directive (`# noqa: GT501 -- legacy`): it is still comment text, so
           keep the '#' (and one blank) and delete only the directive. A following comment of its
           own (`# noqa: GT101  # keep`) needs no '#' of ours. */
        *from = hash + 1;
        *to = after > end ? after - 1 : after;
    } else {
        *from = before;
        *to = end;
    }
}

static void report_unused(RuleCtx *ctx, const NoqaCodeRef *ref)
{
    const Source *src = rule_source(ctx);
    char code[16];
    size_t len = ref->end - ref->start;
    if (len >= sizeof code)
        return;
    for (size_t i = 0; i < len; i++) {
        char c = src->text[ref->start + i];
        code[i] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    code[len] = '\0';
    if (!rule_enabled(ctx, code) || strcmp(code, "GT901") == 0)
        return;
    int32_t line = ref->line;
    int32_t col = (int32_t)(ref->start - src->line_starts[line - 1]);
    uint32_t from, to;
    removal_range(src, line, ref->start, ref->end, &from, &to);
    Fix *fix = diag_fix_new("Remove the unused `noqa` code", 1);
    diag_fix_add_edit(fix, from, to, "");
    rule_report_at(ctx, line, col, line, col + (int32_t)len, fix,
                   "unused `noqa` code `%s`: no %s finding to suppress here", code, code);
}

/* Gotcha codes only: peer codes (`B006`) may be there for another tool. */
static void audit_unused_noqa(RuleCtx *ctx)
{
    int32_t n = rule_noqa_count(ctx);
    for (int32_t i = 0; i < n; i++) {
        NoqaCodeRef ref = rule_noqa_code(ctx, i);
        const char *text = rule_source(ctx)->text + ref.start;
        if (!ref.used && ref.end - ref.start > 2 && (text[0] == 'G' || text[0] == 'g')
            && (text[1] == 'T' || text[1] == 't'))
            report_unused(ctx, &ref);
    }
}

const Rule rule_gt901 = {
    .code = "GT901",
    .name = "unused-noqa",
    .summary = "a `noqa` code that suppresses nothing",
    .default_on = 0,
    .preview = 0,
    .fix = FIXABLE_ALWAYS,
    .doc = {
        .finds = "A gotcha code in a `# noqa: ...` comment (or a file-level `# gotcha: noqa: ...`) that "
                 "suppresses no finding: the code it was written for was fixed or moved. Only codes of "
                 "enabled rules are checked. Off by default: enable it with `--extend-select GT901`.",
        .mechanism = "A suppression comment stays in the file after the problem it silenced is gone; "
                     "nothing tells you it became useless.",
        .symptom = "A stale `# noqa: GT101` silently hides the next real mutable-default bug written "
                   "on that line.",
        .fix = "Delete the unused code, or the whole directive when no code is left (the autofix, safe).",
        .wrong = "def f(x=None):  # noqa: GT101\n    return x",
        .right = "def f(x=None):\n    return x",
        .peer = "ruff RUF100, flake8-noqa NQA102",
        .notes = "Peer codes (`B006`) and bare `# noqa` are never reported: other tools may use them.",
    },
    .audit = audit_unused_noqa,
};
