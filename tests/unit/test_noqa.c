/* noqa_apply on hand-built sources: every suppression form, peer aliases, file-level
   directives, GT001 and the unused-code count. Prints one `ok - NAME` / `not ok - NAME` per case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/noqa.h"
#include "rules/registry.h"

typedef struct Case {
    const char *name;
    const char *text;             /* the file; '#' always starts a comment here */
    const char *diags;            /* "LINE:CODE LINE:CODE ..." found by the "engine" */
    const char *expect;           /* what must remain, same form */
    int expect_unused;
} Case;

static const Case cases[] = {
    {"bare noqa suppresses every code on its line", "x = 1  # noqa\ny = 2\n", "1:GT101 1:GT201 2:GT101", "2:GT101", 0},
    {"codes after noqa:", "x = 1  # noqa: GT101,GT102\n", "1:GT101 1:GT102 1:GT201", "1:GT201", 0},
    {"codes separated by spaces", "x = 1  # noqa:GT101 GT201\n", "1:GT101 1:GT201", "", 0},
    {"codes with comma and spaces", "x = 1  # NOQA : GT101, GT201\n", "1:GT101 1:GT201", "", 0},
    {"other line is untouched", "x = 1\ny = 2  # noqa: GT101\n", "1:GT101", "1:GT101", 1},
    {"peer alias B006 covers GT101-GT103", "x = 1  # noqa: B006\n", "1:GT101 1:GT102 1:GT103 1:GT104", "1:GT104", 0},
    {"pylint name", "x = 1  # pylint: disable=dangerous-default-value\n", "1:GT103 1:GT201", "1:GT201", 0},
    {"pylint id list", "x = 1  # pylint: disable=W0640, literal-comparison\n", "1:GT107 1:GT201 1:GT301", "1:GT301", 0},
    {"aliases B008 B023 B039 RUF012 RUF009 RUF024 B019",
     "a  # noqa: B008\nb  # noqa: B023\nc  # noqa: B039\nd  # noqa: RUF012\ne  # noqa: RUF009\nf  # noqa: RUF024\ng  # noqa: B019\n",
     "1:GT104 2:GT107 3:GT108 4:GT105 4:GT106 5:GT109 6:GT110 7:GT111", "", 0},
    {"aliases F632 SIM115 R1708 FURB129 INP001 E0242",
     "a  # noqa: F632\nb  # noqa: SIM115\nc  # pylint: disable=stop-iteration-return\nd  # noqa: FURB129\ne  # noqa: INP001\nf  # noqa: E0242\n",
     "1:GT201 2:GT301 3:GT501 4:GT502 5:GT701 6:GT801", "", 0},
    {"alias does not cover another rule", "x  # noqa: B006\n", "1:GT104", "1:GT104", 0},
    {"noqa after another comment", "x = 1  # type: ignore  # noqa: GT101\n", "1:GT101", "", 0},
    {"noqa: without codes suppresses nothing", "x = 1  # noqa:\n", "1:GT101", "1:GT101", 0},
    {"noqa must be a word", "x = 1  # noqafoo\n", "1:GT101", "1:GT101", 0},
    {"GT001 cannot be suppressed", "x = (  # noqa\n", "1:GT001", "1:GT001", 0},
    {"file-level noqa", "# gotcha: noqa\nx = 1\ny = 2\n", "2:GT101 3:GT201", "", 0},
    {"file-level noqa keeps GT001", "# gotcha: noqa\nx = (\n", "2:GT001", "2:GT001", 0},
    {"file-level codes", "x = 1\n  # gotcha: noqa: GT101\ny = 2\n", "1:GT101 3:GT101 3:GT201", "3:GT201", 0},
    {"trailing gotcha: noqa is a line directive", "x = 1  # gotcha: noqa\ny = 2\n", "1:GT101 2:GT101", "2:GT101", 0},
    {"unused gotcha codes are counted", "x = 1  # noqa: GT101, GT102, E501\n", "1:GT101", "", 1},
    {"unused file-level code is counted", "# gotcha: noqa: GT301\nx = 1\n", "2:GT101", "2:GT101", 1},
    {"unused peer code is not counted", "x = 1  # noqa: B006\n", "", "", 0},
    {"lowercase code", "x = 1  # noqa: gt101\n", "1:GT101", "", 0},
    {"ruff: noqa skips the file", "# ruff: noqa\nx = 1\ny = 2\n", "2:GT101 3:GT201", "", 0},
    {"flake8: noqa skips the file", "\n  # flake8: noqa\nx = 1\n", "3:GT101", "", 0},
    {"pylint: skip-file skips the file", "# pylint: skip-file\nx = 1\n", "2:GT101 2:GT301", "", 0},
    {"PYLINT : SKIP-FILE in other case", "# PYLINT : SKIP-FILE\nx = 1\n", "2:GT101", "", 0},
    {"ruff: noqa: codes are file-level codes", "# ruff: noqa: B006, GT201\nx = 1\ny = 2\n",
     "2:GT101 3:GT201 3:GT301", "3:GT301", 0},
    {"flake8: noqa: codes are file-level codes", "# flake8: noqa: GT301\nx = 1\n", "2:GT101 2:GT301", "2:GT101", 0},
    {"trailing ruff: noqa is no file directive", "x = 1  # ruff: noqa\ny = 2\n", "1:GT101 2:GT101", "1:GT101 2:GT101", 0},
    {"pylint: skip-files is no directive", "# pylint: skip-files\nx = 1\n", "2:GT101", "2:GT101", 0},
    {"pylint: disable-all is not skip-file", "# pylint: disable=skip-file\nx = 1\n", "2:GT101", "2:GT101", 0},
    {"ruffx: noqa is another tool", "# ruffx: noqa\nx = 1\n", "2:GT101", "2:GT101", 0},
};

/* Source with its line table; Tokens holding one comment per line that has a '#'. */
static void build(const char *text, Source *src, Tokens *toks)
{
    memset(src, 0, sizeof *src);
    memset(toks, 0, sizeof *toks);
    size_t len = strlen(text);
    uint32_t *starts = calloc(len + 2, sizeof *starts);
    Comment *comments = calloc(len + 1, sizeof *comments);
    int32_t nlines = 0, ncomments = 0;
    starts[nlines++] = 0;
    int in_comment = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '#' && !in_comment) {
            comments[ncomments] = (Comment){(uint32_t)i, (uint32_t)i, nlines};
            in_comment = 1;
        }
        if (text[i] == '\n') {
            if (in_comment)
                comments[ncomments++].end = (uint32_t)i;
            in_comment = 0;
            if (i + 1 < len)
                starts[nlines++] = (uint32_t)(i + 1);
        }
    }
    src->text = text;
    src->len = len;
    src->line_starts = starts;
    src->nlines = nlines;
    toks->comments = comments;
    toks->ncomments = ncomments;
}

static void parse_diags(const char *spec, FileResult *r)
{
    memset(r, 0, sizeof *r);
    r->diags = calloc(32, sizeof *r->diags);
    const char *p = spec;
    while (*p) {
        int line, used;
        char code[8];
        if (sscanf(p, "%d:%7s%n", &line, code, &used) != 2)
            break;
        Diag *d = &r->diags[r->ndiags++];
        d->line = d->end_line = line;
        d->col = 1;
        d->code = strdup(code);   /* the engine's codes are static; freed below */
        d->message = strdup("m");
        p += used;
        while (*p == ' ')
            p++;
    }
}

static void render(const FileResult *r, char *out, size_t outlen)
{
    out[0] = '\0';
    for (int32_t i = 0; i < r->ndiags; i++) {
        char one[32];
        snprintf(one, sizeof one, "%s%d:%s", i ? " " : "", (int)r->diags[i].line, r->diags[i].code);
        strncat(out, one, outlen - strlen(out) - 1);
    }
}

/* Walks registry_table: `# noqa: PEER` covers the rule declaring PEER, and a rule's own code covers no
   other rule. */
static int peers_cover_their_rules(void)
{
    int ok = registry_count > 0;
    for (int i = 0; i < registry_count; i++) {
        const Rule *r = registry_table[i];
        for (int k = 0; k < RULE_MAX_PEERS && r->peers[k]; k++)
            if (!noqa_code_covers(r->peers[k], strlen(r->peers[k]), r)) {
                printf("# %s does not cover %s\n", r->peers[k], r->code);
                ok = 0;
            }
        for (int j = 0; j < registry_count; j++)
            if (j != i && noqa_code_covers(r->code, strlen(r->code), registry_table[j])) {
                printf("# %s covers %s\n", r->code, registry_table[j]->code);
                ok = 0;
            }
    }
    return ok;
}

int main(void)
{
    int failed = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const Case *k = &cases[c];
        Source src;
        Tokens toks;
        build(k->text, &src, &toks);
        FileResult r;
        parse_diags(k->diags, &r);
        /* noqa_apply frees what it removes but not the codes (static in the engine): keep them */
        const char *codes[32];
        int32_t ncodes = r.ndiags;
        for (int32_t i = 0; i < ncodes; i++)
            codes[i] = r.diags[i].code;
        Noqa *nq = noqa_parse(&src, &toks, &(RuleList){registry_table, registry_count});
        noqa_apply(nq, &r);
        noqa_free(nq);
        char got[256];
        render(&r, got, sizeof got);
        int ok = strcmp(got, k->expect) == 0 && r.nnoqa_unused == k->expect_unused;
        printf("%s - noqa: %s\n", ok ? "ok" : "not ok", k->name);
        if (!ok) {
            printf("# expected '%s' (unused %d), got '%s' (unused %d)\n", k->expect, k->expect_unused, got,
                   (int)r.nnoqa_unused);
            failed = 1;
        }
        for (int32_t i = 0; i < r.ndiags; i++)
            free(r.diags[i].message);
        for (int32_t i = 0; i < ncodes; i++)
            free((char *)codes[i]);
        free(r.diags);
        free((void *)src.line_starts);
        free(toks.comments);
    }
    int peers_ok = peers_cover_their_rules();
    printf("%s - noqa: every peer code a rule declares covers that rule and no other rule's code\n",
           peers_ok ? "ok" : "not ok");
    failed |= !peers_ok;
    printf("%s - noqa: code coverage helper\n",
           noqa_code_covers("b006", 4, registry_table[registry_index("GT102")]) && !noqa_code_covers("B00", 3, registry_table[registry_index("GT101")]) ? "ok" : "not ok");
    return failed;
}
