/* `gotcha check --fix / --diff / --add-noqa`: the fix engine (src/fix) driven over the checked files. */
#ifndef GOTCHA_CMD_FIX_H
#define GOTCHA_CMD_FIX_H

#include <stddef.h>
#include <stdio.h>

#include "cli_args.h"
#include "discover.h"
#include "pool.h"

/* Which of the modes of CheckArgs asks for cmd_fix_run instead of a plain check. */
int cmd_fix_requested(const CheckArgs *args);

/* Fix (or diff, or add noqa comments to) files[0..n) and the stdin file when `use_stdin`;
   prints the results: the report and the diffs to `out` (stdout or the --output-file; the report of a
   fixed stdin goes to stderr when `out` is stdout, which gets the fixed code), problems to stderr.
   `run_failed`: discovery already failed. `args` holds the resolved fix flags. Returns the exit status. */
int cmd_fix_run(const CheckArgs *args, const RunSpec *spec, const FoundFile *files, size_t n, int use_stdin,
                int run_failed, FILE *out);

#endif
