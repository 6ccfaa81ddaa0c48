/* String literals: implicit concatenation, f-strings (JoinedStr / FormattedValue) and the `=`
   debug specifier, with CPython 3.13's positions and constant merging. */
#include "parser_internal.h"

static Node *str_constant(Parser *p, const Token *t, Str text, int kind_u)
{
    Node *n = node_new(p, NK_Constant, t);
    end_tok(n, t);
    n->v.Constant.value.kind = CONST_STR;
    n->v.Constant.value.text = text;
    if (kind_u)
        n->v.Constant.kind = (Str){"u", 1};
    return n;
}

/* A literal part of an f-string. The tokenizer ends a part after the first brace of `{{` or `}}`;
   CPython's constant still covers the second one. */
static Node *middle_constant(Parser *p, const Token *t, Str text)
{
    Node *n = str_constant(p, t, text, 0);
    char last = p->src->text[t->end - 1];
    if ((last == '{' || last == '}') && t->end > t->start && p->src->text[t->end] == last)
        n->end_col_offset++;
    return n;
}

static int decode_failed(Parser *p)
{
    p->failed = 1;  /* the decoder has filled p->err */
    return 0;
}

/* Merge runs of adjacent string constants on the node stack from `mark` (empty ones vanish);
   a merged constant spans its first to its last non-empty piece and keeps the first's kind. */
static NodeList merge_constants(Parser *p, int32_t mark)
{
    int32_t out = mark, i = mark, n = p->nodes_n;
    while (i < n) {
        if (p->nodes[i]->kind != NK_Constant) {
            p->nodes[out++] = p->nodes[i++];
            continue;
        }
        Node *first = NULL, *last = NULL;
        size_t total = 0;
        int32_t count = 0, j = i;
        for (; j < n && p->nodes[j]->kind == NK_Constant; j++) {
            Node *c = p->nodes[j];
            if (c->v.Constant.value.text.len == 0)
                continue;
            if (!first)
                first = c;
            last = c;
            total += c->v.Constant.value.text.len;
            count++;
        }
        if (count == 1) {
            p->nodes[out++] = first;
        } else if (count > 1) {
            char *buf = arena_alloc(p->arena, total + 1);
            size_t at = 0;
            for (int32_t k = i; k < j; k++) {
                Str piece = p->nodes[k]->v.Constant.value.text;
                memcpy(buf + at, piece.s, piece.len);
                at += piece.len;
            }
            Node *merged = node_new_at(p, NK_Constant, first);
            end_node(merged, last);
            merged->v.Constant.value.kind = CONST_STR;
            merged->v.Constant.value.text = (Str){buf, (uint32_t)total};
            merged->v.Constant.kind = first->v.Constant.kind;
            p->nodes[out++] = merged;
        }
        i = j;
    }
    p->nodes_n = out;
    return parse_pop_nodes(p, mark);
}

static int parse_replacement_field(Parser *p, int raw);

/* The source of an `=` debug field, from after '{' to the conversion/spec/'}', with comments
   (of a multi-line field) removed like CPython does. */
static Str debug_text(Parser *p, uint32_t from, uint32_t to)
{
    Str whole = {p->src->text + from, to - from};
    if (!memchr(whole.s, '#', whole.len))
        return whole;
    char *buf = arena_alloc(p->arena, whole.len + 1);
    uint32_t n = 0, at = from;
    for (int32_t i = 0; i < p->ncomments; i++) {
        const Comment *c = &p->comments[i];
        if (c->end <= from || c->start >= to)
            continue;
        memcpy(buf + n, p->src->text + at, c->start - at);
        n += c->start - at;
        at = c->end;
    }
    memcpy(buf + n, p->src->text + at, to - at);
    n += to - at;
    return (Str){buf, n};
}

/* format_spec after ':' up to (not including) the closing '}': a JoinedStr from the ':' to the '}'. */
static Node *parse_format_spec(Parser *p, const Token *colon, int raw)
{
    int32_t mark = p->nodes_n;
    for (;;) {
        const Token *t = cur(p);
        if (t->type == T_FSTRING_MIDDLE) {
            Str text;
            if (lex_decode_fstring_middle(p->src, t, raw, p->arena, &text, p->err) != 0)
                return decode_failed(p), NULL;
            advance(p);
            push_node(p, middle_constant(p, t, text));
        } else if (t->type == T_LBRACE) {
            if (!parse_replacement_field(p, raw))
                return NULL;
        } else {
            break;
        }
    }
    Node *spec = node_new(p, NK_JoinedStr, colon);
    spec->end_lineno = cur(p)->lineno;
    spec->end_col_offset = cur(p)->col_offset;
    spec->v.JoinedStr.values = merge_constants(p, mark);
    return spec;
}

/* '{' (yield_expr | star_expressions) ['='] ['!' NAME] [':' format_spec] '}'. Pushes the
   debug text constant (for '=') and the FormattedValue. */
static int parse_replacement_field(Parser *p, int raw)
{
    const Token *open = advance(p);
    if (!parse_enter_nest(p))
        return 0;
    if (peek(p) == T_RBRACE || peek(p) == T_EXCLAMATION || peek(p) == T_COLON || peek(p) == T_EQUAL) {
        parse_fail_tok(p, cur(p), "f-string: valid expression required before '%s'", token_texts[peek(p)]);
        return 0;
    }
    Node *value = peek(p) == T_KW_yield ? parse_yield_expr(p) : parse_star_expressions(p);
    if (!value)
        return 0;
    Node *debug = NULL;
    if (accept(p, T_EQUAL)) {
        const Token *next = cur(p);
        uint32_t from = open->end, to = next->start;
        debug = node_new(p, NK_Constant, open);
        debug->lineno = open->end_lineno;
        debug->col_offset = open->end_col_offset;
        debug->end_lineno = next->lineno;
        debug->end_col_offset = next->col_offset;
        debug->v.Constant.value.kind = CONST_STR;
        debug->v.Constant.value.text = debug_text(p, from, to);
    }
    int conversion = -1;
    if (accept(p, T_EXCLAMATION)) {
        const Token *t = cur(p);
        char c = p->src->text[t->start];
        if (t->type != T_NAME) {
            parse_fail_tok(p, t, "f-string: missing conversion character");
            return 0;
        }
        if (t->end - t->start != 1 || (c != 's' && c != 'r' && c != 'a')) {
            parse_fail_tok(p, t, "f-string: invalid conversion character '%.*s': expected 's', 'r', or 'a'",
                     (int)(t->end - t->start), p->src->text + t->start);
            return 0;
        }
        advance(p);
        conversion = c;
    }
    Node *spec = NULL;
    if (peek(p) == T_COLON) {
        const Token *colon = advance(p);
        spec = parse_format_spec(p, colon, raw);
        if (!spec)
            return 0;
    }
    if (peek(p) != T_RBRACE) {
        parse_fail_tok(p, cur(p), "f-string: expecting '}'");
        return 0;
    }
    advance(p);
    parse_leave_nest(p);
    if (debug && conversion == -1 && !spec)
        conversion = 'r';
    Node *fv = node_new(p, NK_FormattedValue, open);
    end_last(p, fv);
    fv->v.FormattedValue.value = value;
    fv->v.FormattedValue.conversion = conversion;
    fv->v.FormattedValue.format_spec = spec;
    if (debug)
        push_node(p, debug);
    push_node(p, fv);
    return 1;
}

/* One f-string, FSTRING_START .. FSTRING_END; pushes its constants and fields. */
static int parse_fstring(Parser *p)
{
    const Token *start = advance(p);
    int raw = 0;
    for (uint32_t i = start->start; i < start->end; i++) {
        char c = p->src->text[i];
        if (c == 'r' || c == 'R')
            raw = 1;
    }
    for (;;) {
        const Token *t = cur(p);
        if (t->type == T_FSTRING_END) {
            advance(p);
            return 1;
        }
        if (t->type == T_FSTRING_MIDDLE) {
            Str text;
            if (lex_decode_fstring_middle(p->src, t, raw, p->arena, &text, p->err) != 0)
                return decode_failed(p);
            advance(p);
            push_node(p, middle_constant(p, t, text));
        } else if (t->type == T_LBRACE) {
            if (!parse_replacement_field(p, raw))
                return 0;
        } else {
            parse_fail_syntax(p);
            return 0;
        }
    }
}

static Node *concat_plain(Parser *p, const Token *first, int32_t mark)
{
    int32_t n = p->nodes_n - mark;
    Node *head = p->nodes[mark];
    if (n == 1) {
        p->nodes_n = mark;
        return head;
    }
    size_t total = 0;
    for (int32_t i = mark; i < p->nodes_n; i++)
        total += p->nodes[i]->v.Constant.value.text.len;
    char *buf = arena_alloc(p->arena, total + 1);
    size_t at = 0;
    for (int32_t i = mark; i < p->nodes_n; i++) {
        Str piece = p->nodes[i]->v.Constant.value.text;
        memcpy(buf + at, piece.s, piece.len);
        at += piece.len;
    }
    Node *c = node_new(p, NK_Constant, first);
    end_last(p, c);
    c->v.Constant.value.kind = head->v.Constant.value.kind;
    c->v.Constant.value.text = (Str){buf, (uint32_t)total};
    c->v.Constant.kind = head->v.Constant.kind;
    p->nodes_n = mark;
    return c;
}

Node *parse_strings(Parser *p)
{
    const Token *first = cur(p);
    int32_t mark = p->nodes_n;
    int has_fstring = 0, has_bytes = 0, has_str = 0;
    for (;;) {
        const Token *t = cur(p);
        if (t->type == T_STRING) {
            ConstValue value;
            int u_prefix = 0;
            if (lex_decode_literal(p->src, t, p->arena, &value, &u_prefix, p->err) != 0)
                return decode_failed(p), NULL;
            advance(p);
            Node *c = node_new(p, NK_Constant, t);
            end_tok(c, t);
            c->v.Constant.value = value;
            if (u_prefix)
                c->v.Constant.kind = (Str){"u", 1};
            if (value.kind == CONST_BYTES)
                has_bytes = 1;
            else
                has_str = 1;
            push_node(p, c);
        } else if (t->type == T_FSTRING_START) {
            has_fstring = has_str = 1;
            if (!parse_fstring(p))
                return NULL;
        } else {
            break;
        }
    }
    if (has_bytes && has_str) {
        const Token *last = last_tok(p); /* CPython points after the last part */
        return parse_fail_at(p, last->end_lineno, last->end_col_offset, last->end_lineno, last->end_col_offset,
                       "cannot mix bytes and nonbytes literals");
    }
    if (!has_fstring)
        return concat_plain(p, first, mark);
    Node *j = node_new(p, NK_JoinedStr, first);
    end_last(p, j);
    j->v.JoinedStr.values = merge_constants(p, mark);
    return j;
}
