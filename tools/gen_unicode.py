#!/usr/bin/env python3.13
"""Generate src/unicode/unicode_data.c: the Unicode tables of src/unicode/unicode.c, from CPython 3.13's
unicodedata (`make regen-unicode`).

    python3.13 tools/gen_unicode.py NameAliases.txt [OUT]     (OUT: a file; none or "-": stdout)

Tables:
  - XID_Start / XID_Continue / printable code point ranges (identifiers, error messages, repr in ast dumps);
  - the character names used by "\\N{...}" escapes. Names that are "PREFIX-HEX" of their own code point
    (CJK ideographs, Nushu...) are stored as ranges; Hangul syllables are computed at run time. The rest are
    compressed with a word table: each name is a sequence of word codes written with printable characters.
  - the single-byte codecs a PEP 263 coding cookie may name (decoding tables of the charmap codecs whose
    lower half is ASCII) and the codec aliases of encodings.aliases;
  - the formal name aliases (NameAliases.txt from the Unicode Character Database, e.g. Debian's
    unicode-data package); each is checked against unicodedata.lookup so the table matches the oracle.
"""
import encodings
import encodings.aliases
import importlib
import pkgutil
import sys
import unicodedata
from collections import Counter

MAX_CP = 0x110000

# Printable ASCII except '"', '\\' and '?' (no escapes, no trigraphs) is the alphabet of the name blob.
ALPHABET = [chr(c) for c in range(0x20, 0x7F) if chr(c) not in '"\\?']
BASE = len(ALPHABET)            # 92
SYM_END, SYM_GAP = BASE - 1, BASE - 2
ONE_SYM_WORDS = 40              # codes 0..39 take one symbol
TWO_SYM_LEADS = 40              # leads 40..79 take two symbols, leads 80..89 take three
THREE_SYM_FIRST_LEAD = ONE_SYM_WORDS + TWO_SYM_LEADS


def ranges(pred):
    out, start = [], None
    for cp in range(MAX_CP + 1):
        ok = cp < MAX_CP and pred(cp)
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append((start, cp - 1))
            start = None
    return out


def emit_ranges(name, rs):
    print(f"const uint32_t {name}[][2] = {{")
    line = []
    for a, b in rs:
        line.append(f"{{0x{a:X},0x{b:X}}},")
        if len(line) == 6:
            print("    " + "".join(line))
            line = []
    if line:
        print("    " + "".join(line))
    print("};")
    print(f"const int {name}_count = {len(rs)};\n")


def emit_blob(name, text):
    print(f"const char {name}[] =")
    for i in range(0, len(text), 100):
        print(f'    "{text[i:i + 100]}"')
    print(";\n")


def word_code(w):
    if w < ONE_SYM_WORDS:
        return ALPHABET[w]
    w -= ONE_SYM_WORDS
    if w < TWO_SYM_LEADS * BASE:
        return ALPHABET[ONE_SYM_WORDS + w // BASE] + ALPHABET[w % BASE]
    w -= TWO_SYM_LEADS * BASE
    lead = THREE_SYM_FIRST_LEAD + w // (BASE * BASE)
    assert lead < SYM_GAP, "too many distinct words"
    return ALPHABET[lead] + ALPHABET[(w // BASE) % BASE] + ALPHABET[w % BASE]


def gap_code(gap):
    digits = []
    for _ in range(4):
        digits.append(ALPHABET[gap % BASE])
        gap //= BASE
    assert gap == 0
    return ALPHABET[SYM_GAP] + "".join(reversed(digits))


def charmap_codecs():
    """(module name, 128 code points for bytes 0x80..0xFF, 0xFFFE = undefined) of the usable charmap codecs."""
    out = []
    for info in sorted(pkgutil.iter_modules(encodings.__path__), key=lambda i: i.name):
        try:
            mod = importlib.import_module("encodings." + info.name)
        except ImportError:
            continue
        table = getattr(mod, "decoding_table", None)
        if not isinstance(table, str) or len(table) != 256 or table[:128] != "".join(map(chr, range(128))):
            continue
        out.append((info.name, [ord(ch) for ch in table[128:]]))
    return out


def emit_codecs():
    codecs = charmap_codecs()
    for name, table in codecs:
        print(f"static const uint16_t charmap_{name}[128] = {{")
        for i in range(0, 128, 12):
            print("    " + ", ".join(f"0x{v:04X}" for v in table[i:i + 12]) + ",")
        print("};")
    print("const UnicodeCharmap unicode_charmaps[] = {")
    for name, _ in codecs:
        print(f'    {{"{name}", charmap_{name}}},')
    print("};")
    print(f"const int unicode_charmaps_count = {len(codecs)};\n")
    print("/* encodings.aliases: normalized alias -> codec module. */")
    print("const char *const unicode_codec_aliases[][2] = {")
    for alias, target in sorted(encodings.aliases.aliases.items()):
        print(f'    {{"{alias}", "{target}"}},')
    print("};")
    print(f"const int unicode_codec_aliases_count = {len(encodings.aliases.aliases)};\n")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gen_unicode.py NameAliases.txt [OUT]")
    aliases_path = sys.argv[1]
    if len(sys.argv) == 3 and sys.argv[2] != "-":
        sys.stdout = open(sys.argv[2], "w", encoding="ascii")
    names = {}              # cp -> stored name
    computed = []           # (prefix, first, last) for PREFIX-%04X names
    cjk_unified = []
    for cp in range(MAX_CP):
        nm = unicodedata.name(chr(cp), None)
        if nm is None or 0xAC00 <= cp <= 0xD7A3:   # Hangul syllables: computed at run time
            continue
        hexpart = "%04X" % cp
        if nm.endswith("-" + hexpart):
            prefix = nm[: -len(hexpart)]
            target = cjk_unified if prefix == "CJK UNIFIED IDEOGRAPH-" else computed
            key = None if target is cjk_unified else prefix
            if target and target[-1][0] == key and target[-1][2] == cp - 1:
                target[-1] = (key, target[-1][1], cp)
            else:
                target.append((key, cp, cp))
            continue
        names[cp] = nm

    words = Counter(w for nm in names.values() for w in nm.split(" "))
    order = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))]
    code_of = {w: word_code(i) for i, w in enumerate(order)}

    blob, prev = [], -1
    for cp in sorted(names):
        if cp != prev + 1:
            blob.append(gap_code(cp - prev - 1))
        blob.append("".join(code_of[w] for w in names[cp].split(" ")))
        blob.append(ALPHABET[SYM_END])
        prev = cp

    aliases = []
    with open(aliases_path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cp_text, alias, _kind = line.split(";")
            cp = int(cp_text, 16)
            assert unicodedata.lookup(alias) == chr(cp), alias
            aliases.append((alias, cp))

    print("/* GENERATED by tools/gen_unicode.py from Python %s's unicodedata (Unicode %s). Do not edit. */"
          % (sys.version.split()[0], unicodedata.unidata_version))
    print('#include "unicode.h"\n')
    emit_ranges("unicode_xid_start", ranges(lambda cp: chr(cp).isidentifier()))
    emit_ranges("unicode_xid_continue", ranges(lambda cp: ("a" + chr(cp)).isidentifier()))
    emit_ranges("unicode_printable", ranges(lambda cp: chr(cp).isprintable()))
    emit_codecs()
    emit_ranges("unicode_cjk_unified", [(a, b) for _, a, b in cjk_unified])
    print("const UnicodeNamedRange unicode_named_ranges[] = {")
    for prefix, a, b in computed:
        print(f'    {{"{prefix}", 0x{a:X}, 0x{b:X}}},')
    print("};")
    print(f"const int unicode_named_ranges_count = {len(computed)};\n")
    print("/* Words of the names, most frequent first, separated by spaces. */")
    emit_blob("unicode_words", " ".join(order) + " ")
    print(f"const int unicode_word_count = {len(order)};\n")
    print("/* One record per named code point in code point order: word codes, then the end symbol.")
    print("   A gap symbol and four digits skip code points. See unicode.c for the alphabet. */")
    emit_blob("unicode_names", "".join(blob))
    print("const UnicodeAlias unicode_aliases[] = {")
    for alias, cp in aliases:
        print(f'    {{"{alias}", 0x{cp:X}}},')
    print("};")
    print(f"const int unicode_aliases_count = {len(aliases)};")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
