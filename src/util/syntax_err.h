/* A syntax or input error with CPython-style position (1-based line, 0-based UTF-8 byte column). */
#ifndef GOTCHA_SYNTAX_ERR_H
#define GOTCHA_SYNTAX_ERR_H

#include <stdint.h>

typedef struct SyntaxErr {
    int32_t lineno, col_offset;         /* where it starts; lineno 0 = not a positioned error */
    int32_t end_lineno, end_col_offset;
    char msg[200];                      /* CPython-like text: "invalid syntax", "unterminated string literal (detected at line 3)" */
} SyntaxErr;

#endif
