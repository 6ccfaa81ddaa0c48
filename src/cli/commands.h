/* Subcommands implemented outside main.c. */
#ifndef GOTCHA_COMMANDS_H
#define GOTCHA_COMMANDS_H

#include <stddef.h>

/* Read a whole file ("-" = stdin) into a malloc'ed buffer; prints the error and returns NULL on failure. */
char *read_path(const char *path, size_t *len);

int cmd_dump_ast(const char *path);    /* exit 0, or 1 with "SyntaxError: ..." printed */
int cmd_dump_tokens(const char *path);

#endif
