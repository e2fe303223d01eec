/*
 * A streaming (pull) JSON reader: no document tree. Each call of
 * cp_jstream_next() gives the next token of the text in document order
 * (an object or array opening or closing, a key, or a scalar), having
 * checked the grammar of RFC 8259 up to that token:
 *
 * - strings: escapes decoded (\u surrogate pairs to UTF-8; a lone or
 *   misordered surrogate refused), raw bytes checked as strict UTF-8,
 *   control characters refused, \u0000 refused;
 * - numbers: the JSON grammar (no leading zero, no '+', digits after '.'
 *   and after an exponent), given as their exact lexeme, never a double;
 *   an integer beyond the 64-bit range and a real beyond the range of a
 *   binary64 are refused as jansson refuses them, so that this reader
 *   accepts exactly what the profile reader (jansson) accepts;
 * - the root must be an object or an array; nothing may follow it;
 * - nesting is bounded (CP_JSTREAM_MAX_DEPTH values deep, as jansson);
 * - a key repeated within one object is refused.
 *
 * Each token carries its byte offset and line; cp_jstream_col() gives the
 * column (1-based, in characters, as json_locate counts them). Messages of
 * refused text follow jansson's wording ("invalid token near 'nan'").
 * The text must not hold NUL bytes (the caller refuses them first).
 */
#ifndef COMPLIANCE_JSON_STREAM_H
#define COMPLIANCE_JSON_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "util/hash.h"
#include "util/util.h"

#define CP_JSTREAM_MAX_DEPTH 2048

enum cp_jtype {
	CP_JT_ERROR = -1,
	CP_JT_EOF = 0,
	CP_JT_OBJECT,     /* '{' */
	CP_JT_OBJECT_END, /* '}' */
	CP_JT_ARRAY,      /* '[' */
	CP_JT_ARRAY_END,  /* ']' */
	CP_JT_KEY,        /* text: the decoded key */
	CP_JT_STRING,     /* text: the decoded string */
	CP_JT_INTEGER,    /* text: the lexeme ("-0" as written) */
	CP_JT_REAL,       /* text: the lexeme (with '.' or an exponent) */
	CP_JT_TRUE,
	CP_JT_FALSE,
	CP_JT_NULL
};

typedef struct cp_jtok {
	int type;         /* enum cp_jtype */
	const char *text; /* keys, strings and numbers; valid until the next call */
	size_t len;
	size_t offset;    /* of the token's first byte */
	size_t line_off;  /* of the first byte of its line */
	int line;         /* 1-based */
	int depth;        /* containers open around the token (the root: 0) */
} cp_jtok;

typedef struct cp_jkey {
	size_t off, len; /* in the key arena */
	uint64_t hash;
} cp_jkey;

typedef struct cp_jlevel {
	int state;
	size_t key0;      /* first key of this object in keys */
	size_t arena0;    /* its first byte in the key arena */
	size_t *index;    /* when the object has many keys: open addressing, index + 1 */
	size_t nindex;    /* slots (a power of two), 0 when none */
} cp_jlevel;

typedef struct cp_jstream {
	const cp_alloc *al;
	const char *text, *p, *end;
	int line;
	const char *line_start;
	int started;
	cp_jlevel *lv;
	size_t nlv, caplv;
	char *buf; /* a decoded string */
	size_t capbuf;
	char *karena; /* the keys of the open objects */
	size_t nkarena, capkarena;
	cp_jkey *keys;
	size_t nkeys, capkeys;
	cp_hash_key hkey;
	int code;           /* 0, COMPLIANCE_E_PARSE or COMPLIANCE_E_NOMEM once failed */
	char msg[160];      /* the refusal, jansson's words */
	int err_line, err_col;
	size_t err_offset;
	int soft; /* the refusal is of an invalid token (no message of its own) */
	const char *soft_b, *soft_e;
} cp_jstream;

void cp_jstream_init(cp_jstream *s, const cp_alloc *al, const char *text, size_t size);
void cp_jstream_free(cp_jstream *s);
/* The next token; CP_JT_ERROR (then s->code, msg, err_line, err_col say
 * why and where; every later call gives CP_JT_ERROR again) or CP_JT_EOF
 * after the root's end. */
int cp_jstream_next(cp_jstream *s, cp_jtok *t);
/* Skips the rest of the value whose opening token was just given (at the
 * token's depth): 0 when its end was reached, CP_JT_ERROR otherwise. */
int cp_jstream_skip(cp_jstream *s, const cp_jtok *open);
/* The column (1-based, in characters) of a token's offset on its line. */
int cp_jstream_col(const cp_jstream *s, const cp_jtok *t);

#endif
