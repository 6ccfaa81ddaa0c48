/* src/unicode/: the UTF-8 helpers (utf8.h), printability and NFKC (unicode.h), and source/'s line
   table over raw text (source_init_text), which the reporters use. Prints one `ok - NAME` /
   `not ok - NAME` per check; exits 1 when one failed. */
#include <stdio.h>
#include <string.h>

#include "source/source.h"
#include "unicode/unicode.h"
#include "unicode/utf8.h"
#include "util/arena.h"

static int failures;

static void check(int cond, const char *name)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", name);
    if (!cond)
        failures++;
}

static const unsigned char *u8(const char *s) { return (const unsigned char *)s; }

static void test_decode_encode(void)
{
    static const uint32_t cps[] = {0, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xD800, 0xFFFF, 0x10000, 0x10FFFF};
    int round_trips = 1;
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[UTF8_MAX_LEN];
        uint32_t back = 0;
        int n = utf8_encode(cps[i], buf);
        int expected_len = cps[i] < 0x80 ? 1 : cps[i] < 0x800 ? 2 : cps[i] < 0x10000 ? 3 : 4;
        round_trips &= n == expected_len && utf8_decode(u8(buf), &back) == n && back == cps[i] &&
                       utf8_lead_len((unsigned char)buf[0]) == (size_t)n;
    }
    check(round_trips, "utf8_encode/utf8_decode round-trip at every length boundary and a surrogate");
    uint32_t cp = 0;
    check(utf8_decode(u8("\xE2\x82\xAC"), &cp) == 3 && cp == 0x20AC, "utf8_decode: EURO SIGN");
}

static void test_lenient(void)
{
    uint32_t cp = 0;
    check(utf8_decode_lenient(u8("\xC3\xA9"), 2, &cp) == 2 && cp == 0xE9, "lenient: a complete sequence");
    check(utf8_decode_lenient(u8("\x80"), 1, &cp) == 1 && cp == 0x80, "lenient: a stray continuation byte");
    check(utf8_decode_lenient(u8("\xF8\x80\x80\x80"), 4, &cp) == 1 && cp == 0xF8, "lenient: 0xF8 stands alone");
    check(utf8_decode_lenient(u8("\xE2\x41"), 2, &cp) == 1 && cp == 0xE2, "lenient: a lead cut by ASCII");
    check(utf8_decode_lenient(u8("\xE2\x82\xAC"), 2, &cp) == 1 && cp == 0xE2, "lenient: a lead cut by avail");
    check(utf8_decode_lenient(u8("\xE2\x82"), UTF8_MAX_LEN, &cp) == 1,
          "lenient: a NUL-terminated string stops at the NUL");
}

static void test_valid_len(void)
{
    int truncated = -1;
    check(utf8_valid_len(u8("\xF0\x9F\x98\x80"), 4, &truncated) == 4 && truncated == 0, "valid_len: 4 bytes");
    check(utf8_valid_len(u8("\xC0\x80"), 2, NULL) == 0, "valid_len: overlong 2-byte form");
    check(utf8_valid_len(u8("\xE0\x80\x80"), 3, NULL) == 0, "valid_len: overlong 3-byte form");
    check(utf8_valid_len(u8("\xED\xA0\x80"), 3, NULL) == 0, "valid_len: surrogate");
    check(utf8_valid_len(u8("\xF4\x90\x80\x80"), 4, NULL) == 0, "valid_len: above U+10FFFF");
    check(utf8_valid_len(u8("\xE2\x82"), 2, &truncated) == 0 && truncated == 1, "valid_len: cut by the end");
    check(utf8_valid_len(u8("\xE2\x41\x41"), 3, &truncated) == 0 && truncated == 0,
          "valid_len: a bad continuation is not a truncation");
}

static void test_counting(void)
{
    const char *s = "a\xC3\xA9\xE2\x82\xAC" "b";   /* a, e-acute, euro, b */
    check(utf8_count_chars(s, strlen(s)) == 4, "count_chars: 4 characters in 7 bytes");
    check(utf8_skip_chars(s, s + strlen(s), 2) == s + 3, "skip_chars: past 2 characters");
    check(utf8_skip_chars(s, s + strlen(s), 9) == s + strlen(s), "skip_chars: stops at the end");
    check(utf8_all_ascii("0123456789abcdef", 16), "all_ascii: ASCII words");
    check(!utf8_all_ascii("0123456789\xC3\xA9", 12), "all_ascii: a high byte past the first word");
    check(!utf8_all_ascii("\xC3", 1), "all_ascii: a high byte in the tail");
}

static void test_properties(void)
{
    check(!unicode_is_printable(0x1F) && unicode_is_printable(0x20) && unicode_is_printable(0x7E) &&
              !unicode_is_printable(0x7F),
          "printable: the ASCII fast path");
    check(!unicode_is_printable(0xA0) && unicode_is_printable(0xA1) && !unicode_is_printable(0x200B) &&
              unicode_is_printable(0x1F600),
          "printable: the table (NBSP, inverted '!', ZWSP, emoji)");
    check(unicode_is_xid_start(0x3B1) && !unicode_is_xid_start(0x301) && unicode_is_xid_continue(0x301),
          "xid: alpha starts, a combining mark only continues");
}

static void test_nfkc(void)
{
    Arena a;
    arena_init(&a);
    uint32_t len = 0;
    const char *ligature = "\xEF\xAC\x81x";   /* U+FB01 LATIN SMALL LIGATURE FI */
    const char *out = unicode_nfkc(ligature, 4, &a, &len);
    check(len == 3 && memcmp(out, "fix", 3) == 0, "nfkc: the fi ligature becomes 'fi'");
    const char *decomposed = "e\xCC\x81";   /* e + COMBINING ACUTE ACCENT */
    out = unicode_nfkc(decomposed, 3, &a, &len);
    check(len == 2 && memcmp(out, "\xC3\xA9", 2) == 0, "nfkc: e + acute composes to U+00E9");
    const char *normal = "\xC3\xA9t\xC3\xA9";
    check(unicode_nfkc(normal, 6, &a, &len) == normal && len == 6, "nfkc: a normal name comes back as is");
    arena_free(&a);
}

static void test_line_table(void)
{
    Arena a;
    arena_init(&a);
    Source s;
    const char text[] = "a\nbb\r\nc\rd\n";
    source_init_text(&s, NULL, text, sizeof text - 1, &a);
    check(s.nlines == 5 && s.line_starts[1] == 2 && s.line_starts[2] == 6 && s.line_starts[3] == 8 &&
              s.line_starts[4] == 10,
          "source_init_text: \\n, \\r\\n and a lone \\r end lines");
    check(s.ascii_only && source_line_of(&s, 7) == 3, "source_init_text: ascii_only and source_line_of");
    const char wide[] = "x = '\xC3\xA9'\ny";
    source_init_text(&s, NULL, wide, sizeof wide - 1, &a);
    check(!s.ascii_only && source_char_col(&s, 1, 7) == 7, "source_init_text: character columns");
    arena_free(&a);
}

int main(void)
{
    test_decode_encode();
    test_lenient();
    test_valid_len();
    test_counting();
    test_properties();
    test_nfkc();
    test_line_table();
    return failures ? 1 : 0;
}
