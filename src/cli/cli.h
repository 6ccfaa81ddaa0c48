/* Subcommands implemented by the driver (src/cli). */
#ifndef GOTCHA_CLI_H
#define GOTCHA_CLI_H

#define GOTCHA_VERSION "0.1.0"

int cmd_check(int argc, char **argv, int first);  /* argv[first..] are check's arguments */
int cmd_rules(void);                              /* table of every rule */
int cmd_rules_json(void);                         /* the same as JSON, peer codes included */
int cmd_rule(const char *code_or_name);           /* one rule's documentation */

#endif
