/* ASCII character facts shared by the readers of escapes (Python strings, JSON, TOML, URIs). */
#ifndef GOTCHA_ASCII_H
#define GOTCHA_ASCII_H

/* The value of a hexadecimal digit (either case), or -1 for any other character. */
static inline int ascii_hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#endif
