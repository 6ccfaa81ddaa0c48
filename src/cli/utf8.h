/* Small UTF-8 helpers shared by the reporters. */
#ifndef GOTCHA_CLI_UTF8_H
#define GOTCHA_CLI_UTF8_H

static inline int is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if it is not valid. */
static inline int utf8_seq_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    int n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (n == 0 || c > 0xF4 || end - p < n)
        return 0;
    for (int i = 1; i < n; i++)
        if (!is_continuation(p[i]))
            return 0;
    if (n == 3 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)))
        return 0;   /* overlong, or a surrogate */
    if (n == 4 && ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)))
        return 0;
    return n;
}

#endif
