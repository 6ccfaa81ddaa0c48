/* gotcha command line. Subcommands: check, clean, rule, rules, server, dump-ast, dump-tokens, version. */
#include <stdio.h>
#include <string.h>

#include "../lsp/lsp.h"
#include "cli.h"
#include "commands.h"

static void print_usage(FILE *out)
{
    fputs("gotcha " GOTCHA_VERSION ": finds Python bugs that hide in shared state, identity and resources\n"
          "\n"
          "usage:\n"
          "  gotcha check [OPTIONS] [PATH...]   check files and folders (default: .); see check --help\n"
          "  gotcha rules [--output-format json] list every rule\n"
          "  gotcha rule CODE                   explain one rule (e.g. gotcha rule GT101)\n"
          "  gotcha clean [--cache-dir DIR]     remove the cache folder (.gotcha_cache)\n"
          "  gotcha server [--stdio]            language server (LSP) on stdin/stdout, for editors\n"
          "  gotcha version                     print the version (also -V, --version)\n"
          "  gotcha dump-ast FILE               print the AST like Python's ast.dump\n"
          "  gotcha dump-tokens FILE            print the tokens\n",
          out);
}

int main(int argc, char **argv)
{
    /* front-end debugging commands (cmd_dump.c) */
    if (argc >= 3 && strcmp(argv[1], "dump-ast") == 0 && strcmp(argv[2], "--batch") == 0)
        return cmd_dump_ast_batch();
    if (argc >= 3 && strcmp(argv[1], "dump-ast") == 0 && strcmp(argv[2], "--batch-sources") == 0)
        return cmd_dump_ast_batch_sources();
    if (argc >= 3 && strcmp(argv[1], "dump-ast") == 0)
        return cmd_dump_ast(argv[2]);
    if (argc >= 2 && strcmp(argv[1], "parse-bench") == 0)
        return cmd_parse_bench(argc - 2, argv + 2);
    if (argc >= 3 && strcmp(argv[1], "dump-tokens") == 0)
        return cmd_dump_tokens(argv[2]);

    const char *cmd = argc >= 2 ? argv[1] : NULL;
    if (cmd && strcmp(cmd, "check") == 0)
        return cmd_check(argc, argv, 2);
    if (cmd && strcmp(cmd, "clean") == 0)
        return cmd_clean(argc, argv, 2);
    if (cmd && strcmp(cmd, "server") == 0)
        return lsp_main(argc - 2, argv + 2, GOTCHA_VERSION);
    if (cmd && strcmp(cmd, "rules") == 0 && argc == 2)
        return cmd_rules();
    if (cmd && strcmp(cmd, "rules") == 0 && argc == 4 && strcmp(argv[2], "--output-format") == 0 &&
        strcmp(argv[3], "json") == 0)
        return cmd_rules_json();
    if (cmd && strcmp(cmd, "rule") == 0 && argc == 3)
        return cmd_rule(argv[2]);
    if (cmd && (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) &&
        argc == 2) {
        printf("gotcha %s\n", GOTCHA_VERSION);
        return 0;
    }
    if (cmd && (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)) {
        print_usage(stdout);
        return 0;
    }
    if (cmd)
        fprintf(stderr, "gotcha: unknown command or wrong arguments: '%s'\n\n", cmd);
    print_usage(stderr);
    return 2;
}
