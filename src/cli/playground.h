/* The browser playground's entry points (web/, built by `make wasm`): check one snippet, fix it,
   document a rule, each answering with one JSON text. The snippet is checked as `snippet.py` with
   what `gotcha check --stdin-filename snippet.py -` would do with the same settings (a
   pyproject.toml holding them beside it): per-file-ignores and extend-safe-fixes included, no
   project phase (stdin has none).

   `settings` is the text of a pyproject.toml (its [tool.gotcha] table and [project]
   requires-python count; NULL or "" = the defaults). A settings error never fails the call: the
   snippet is checked with the default settings and "settings_error" says what is wrong
   ("pyproject.toml:LINE:COL: ...").

   Every function returns a malloc'ed NUL-terminated JSON text that the caller frees. Single-threaded
   use is enough (the page calls them one at a time) but they share no state. */
#ifndef GOTCHA_PLAYGROUND_H
#define GOTCHA_PLAYGROUND_H

/* {"settings_error": null | "...", "findings": [...], "fixes": [...]}
   findings: what `--output-format json` prints for the snippet (ruff's shape, in report order);
   fixes: one entry per finding, null when it has no fix, else
   {"safe": true|false, "title": "...", "diff": "unified diff of applying that fix alone"}. */
char *playground_check(const char *code, const char *settings);

/* Apply the fix of finding `index` (of playground_check's list for the same code and settings,
   safe or not), or with index < 0 every safe fix, in rounds like `--fix`.
   {"settings_error": ..., "error": null | "...", "applied": N, "text": "new code", "diff": "..."};
   with nothing applied, text is the code and diff is "". */
char *playground_fix(const char *code, const char *settings, int index);

/* One rule's documentation, as `gotcha rule CODE` shows it: {"code", "name", "summary", "default",
   "fix", "sections": [{"title", "text", "code": true when the text is an example to show as
   written}]}, or {"error": "unknown rule ..."}. `code` may also be the rule's name. */
char *playground_rule(const char *code);

#endif
