/* Subcommands implemented outside main.c. */
#ifndef GOTCHA_COMMANDS_H
#define GOTCHA_COMMANDS_H

#include <stddef.h>

/* Read a whole file ("-" = stdin) into a malloc'ed buffer; prints the error and returns NULL on failure. */
char *cli_read_path(const char *path, size_t *len);

int cmd_dump_ast(const char *path);    /* exit 0, or 1 with "SyntaxError: ..." printed */
int cmd_dump_tokens(const char *path);

/* `gotcha dump-ast --batch`: NUL-separated paths on stdin; prints, per file and in order, what
   `dump-ast PATH` prints, then a NUL byte (used by the oracle tests). */
int cmd_dump_ast_batch(void);

/* `gotcha dump-ast --batch-sources`: the same output, but stdin holds the sources themselves,
   each as "<byte length>\n<bytes>" (used by the mutation test). */
int cmd_dump_ast_batch_sources(void);

/* `gotcha parse-bench [ROUNDS]`: NUL-separated paths on stdin, loaded into memory first; times
   lex+parse of all of them ROUNDS times (default 5) on one thread and prints one line:
   "parse-bench files=N bytes=N rejected=N rounds=N median_s=S min_s=S mb_per_s=X".
   argv holds the arguments after the subcommand name. */
int cmd_parse_bench(int argc, char **argv);

/* `gotcha clean [--cache-dir DIR]`: remove the cache folder (found as `gotcha check` finds it). */
int cmd_clean(int argc, char **argv, int first);

#endif
