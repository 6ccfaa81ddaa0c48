/* Token names and fixed texts, from the X-macro list in token.h. */
#include "token.h"

const char *const token_names[T__COUNT] = {
#define GT_TOKEN_NAME(name, text) #name,
    GT_TOKEN_LIST(GT_TOKEN_NAME)
#undef GT_TOKEN_NAME
};

const char *const token_texts[T__COUNT] = {
#define GT_TOKEN_TEXT(name, text) text,
    GT_TOKEN_LIST(GT_TOKEN_TEXT)
#undef GT_TOKEN_TEXT
};
