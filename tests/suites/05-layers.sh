#!/usr/bin/env bash
# Architecture: the folders of src/ form layers and every `#include "..."` points down (or stays in
# its folder). Computes the folder-level include graph from the sources (a directive at the start
# of a line, resolved against the including file's folder) and fails on
#   - a folder that has no place in the layer order below,
#   - an include that points up the order,
#   - a cycle in the folder graph (tsort).
# The check is first run on a small planted tree to show that it finds each kind of fault.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}

# Lowest first. Keep in step with docs/HACKING.md (Layout) and /work/shared/STYLE.md.
layers="util unicode json source ast lexer parser semantic engine rules project check cache fix config lsp cli"

# Print "FROM TO FILE:LINE INCLUDE" for every include between two folders of the tree $1.
folder_edges() {
    (cd "$1" && find . -name '*.[ch]' | sort | xargs grep -n '^#[[:space:]]*include[[:space:]]*"' /dev/null) |
    awk '{
        split($0, part, ":");               # ./rules/gt901.c : 12 : #include "../engine/rule.h"
        file = substr(part[1], 3); line = part[2];
        match($0, /"[^"]*"/); inc = substr($0, RSTART + 1, RLENGTH - 2);
        n = split(file, f, "/");
        path = ""; for (i = 1; i < n; i++) path = path f[i] "/";
        path = path inc;
        m = split(path, p, "/"); depth = 0; outside = 0;
        for (i = 1; i <= m; i++) {
            if (p[i] == "." || p[i] == "") continue;
            if (p[i] == "..") { if (depth == 0) outside = 1; else depth--; continue; }
            s[++depth] = p[i];
        }
        from = n > 1 ? f[1] : ".";
        to = outside ? "(outside)" : depth > 1 ? s[1] : ".";
        if (from != to) print from, to, file ":" line, inc;
    }'
}

# Print the suite lines for the tree $1 (its src/ folder).
check_tree() {
    local tree=$1 edges unknown up loop
    edges=$(folder_edges "$tree")
    unknown=$( { (cd "$tree" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n'); \
                 awk '{print $2}' <<<"$edges"; } | sort -u |
               awk -v layers="$layers" 'BEGIN { n = split(layers, l, " "); for (i = 1; i <= n; i++) known[l[i]] = 1 }
                                        NF && !($1 in known) { print "# " $1 }')
    if [ -z "$unknown" ]; then
        echo "ok - layers: every folder has a layer"
    else
        echo "not ok - layers: every folder has a layer"
        echo "# not in the layer order ($layers):"
        echo "$unknown"
    fi
    up=$(awk -v layers="$layers" 'BEGIN { n = split(layers, l, " "); for (i = 1; i <= n; i++) rank[l[i]] = i }
                                 NF && ($1 in rank) && ($2 in rank) && rank[$2] > rank[$1] {
                                     printf "# %s includes \"%s\" (%s -> %s)\n", $3, $4, $1, $2 }' <<<"$edges")
    if [ -z "$up" ]; then
        echo "ok - layers: no include points up ($layers)"
    else
        echo "not ok - layers: no include points up ($layers)"
        echo "$up"
    fi
    loop=$(awk 'NF { print $1, $2 }' <<<"$edges" | sort -u | tsort 2>&1 >/dev/null)
    if [ -z "$loop" ]; then
        echo "ok - layers: the folder include graph has no cycle"
    else
        echo "not ok - layers: the folder include graph has no cycle"
        sed 's/^/# /' <<<"$loop"
    fi
}

# A planted tree: lexer -> parser (up), parser -> lexer (down) make a cycle, and `extra` is unknown.
plant=$(mktemp -d)
trap 'rm -rf "$plant"' EXIT
mkdir -p "$plant/lexer" "$plant/parser" "$plant/util" "$plant/extra"
printf '#include "../parser/p.h"\n#include "../util/u.h"\n' > "$plant/lexer/l.c"
printf '#include "../lexer/l.h"\n  #include "../cli/in_a_comment.h"\n' > "$plant/parser/p.c"
printf '#include "u.h"\n' > "$plant/util/u.c"
got=$(check_tree "$plant")
want='not ok - layers: every folder has a layer
# not in the layer order (util unicode json source ast lexer parser semantic engine rules project check cache fix config lsp cli):
# extra
not ok - layers: no include points up (util unicode json source ast lexer parser semantic engine rules project check cache fix config lsp cli)
# lexer/l.c:1 includes "../parser/p.h" (lexer -> parser)
not ok - layers: the folder include graph has no cycle'
if [ "$(head -6 <<<"$got")" = "$want" ] && grep -q '^# .*input contains a loop' <<<"$got"; then
    echo "ok - layers: the check finds an unknown folder, an upward include and a cycle in a planted tree"
else
    echo "not ok - layers: the check finds an unknown folder, an upward include and a cycle in a planted tree"
    sed 's/^/# got: /' <<<"$got"
fi

check_tree "$root/src"
