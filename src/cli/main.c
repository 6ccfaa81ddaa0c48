/* gotcha command line. Subcommands: check, rule, rules, dump-ast, dump-tokens, version. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

#define GOTCHA_VERSION "0.1.0"

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "dump-ast") == 0)
        return cmd_dump_ast(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "dump-tokens") == 0)
        return cmd_dump_tokens(argv[2]);
    if (argc >= 2 && strcmp(argv[1], "version") == 0) {
        printf("gotcha %s\n", GOTCHA_VERSION);
        return 0;
    }
    fprintf(stderr, "usage: gotcha dump-ast FILE | dump-tokens FILE | version\n");
    return 2;
}
