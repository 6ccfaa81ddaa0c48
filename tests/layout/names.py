#!/usr/bin/env python3
"""Every exported name carries a prefix of its own folder (STYLE.md, "Name by module").

Reads the global symbols that each object file under BUILD/obj/<folder>/ defines (`nm`) and checks
them against PREFIXES: a symbol belongs to the folder that owns its LONGEST matching prefix, and
must be defined in that folder. A prefix owned by two folders is itself an error. Prints one
`ok - ` / `not ok - ` line per folder. Usage: names.py BUILD_DIR
"""
import os
import subprocess
import sys

# folder -> the prefixes it owns (longest match wins: `rule_gt` beats `rule_`).
PREFIXES = {
    "util": ["arena_", "ascii_", "buf_", "fileio_", "spell_", "xalloc_", "xmalloc", "xcalloc", "xrealloc", "xstrdup",
             "xstrndup", "xasprintf", "xgrow"],
    "unicode": ["unicode_", "utf8_"],
    "json": ["json_"],
    "source": ["source_"],
    "ast": ["ast_"],
    "lexer": ["lex_", "token_"],
    "parser": ["parse_"],
    "semantic": ["sem_"],
    "engine": ["engine_", "rule_", "noqa_", "diag_"],
    "rules": ["rule_gt", "registry_", "default_", "identity_"],
    "project": ["project_", "summary_"],
    "check": ["check_"],
    "cache": ["cache_"],
    "fix": ["fix_"],
    "config": ["config_", "toml_", "glob_"],
    "lsp": ["lsp_"],
    "cli": ["cli_", "cmd_", "arglist_", "discover_", "discovery_", "ignore_", "pool_", "report_",
            "selection_", "playground_", "main"],
}


def owner(symbol):
    best, best_len = None, -1
    for folder, prefixes in PREFIXES.items():
        for p in prefixes:
            exact = p == "main"
            if (symbol == p if exact else symbol.startswith(p)) and len(p) > best_len:
                best, best_len = folder, len(p)
    return best


def exported(obj):
    out = subprocess.run(["nm", "-g", "--defined-only", obj], capture_output=True, text=True,
                         check=True).stdout
    return [f[2] for f in (line.split() for line in out.splitlines()) if len(f) == 3]


def main():
    build = sys.argv[1]
    seen = {}
    for folder, prefixes in PREFIXES.items():
        for p in prefixes:
            seen.setdefault(p, []).append(folder)
    clash = {p: f for p, f in seen.items() if len(f) > 1}
    print(("not ok" if clash else "ok") + " - names: every prefix has one owner"
          + "".join(f"\n# {p}: {', '.join(f)}" for p, f in clash.items()))
    objroot = os.path.join(build, "obj")
    for folder in sorted(os.listdir(objroot)):
        bad = []
        for root, _, files in os.walk(os.path.join(objroot, folder)):
            for f in sorted(files):
                src = os.path.join("src", os.path.relpath(os.path.join(root, f), objroot))[:-2] + ".c"
                if f.endswith(".o") and os.path.exists(src):   # skip objects of moved files
                    for sym in exported(os.path.join(root, f)):
                        if owner(sym) != folder:
                            bad.append(f"{f}: {sym} (prefix owned by {owner(sym) or 'nobody'})")
        print(("not ok" if bad or folder not in PREFIXES else "ok")
              + f" - names: src/{folder}/ exports only its own prefixes"
              + "".join(f"\n# {b}" for b in bad))


if __name__ == "__main__":
    main()
