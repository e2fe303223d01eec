/*
 * Where each value of a JSON text stands. jansson parses and validates the
 * text; this index, built over the same (already valid) text, maps a JSON
 * path such as "$.bands[2].min" to its line and column, and gives the exact
 * lexeme of a number so that 21.85 is read as the decimal it is written as,
 * never through a double.
 */
#ifndef COMPLIANCE_JSON_LOCATE_H
#define COMPLIANCE_JSON_LOCATE_H

#include <stddef.h>
#include <stdint.h>

#include "util/hash.h"
#include "util/util.h"

typedef struct cp_loc {
	size_t path;   /* offset of the path's text in the locator's arena */
	size_t offset; /* of the value's first byte */
	size_t length; /* of the value's text (numbers and literals only) */
	uint64_t hash; /* of the path */
	int line, col; /* of the value's first byte, 1-based, columns in characters */
} cp_loc;

/* One pass over the text records every value in document order (its path
 * into one arena of NUL-terminated paths); a hash table built once over
 * the paths (the library's keyed hash, open addressing) makes each look-up
 * O(1). */
typedef struct cp_locator {
	const cp_alloc *alloc;
	const char *text;
	size_t size;
	cp_loc *locs;
	size_t nlocs, caplocs;
	char *arena;
	size_t narena, caparena;
	size_t *slots; /* index + 1 into locs, 0 when free; a power of two */
	size_t nslots;
	cp_hash_key key;
} cp_locator;

/* Appends one object key to a JSON path, in a form no other key can
 * produce: ".key" for keys of letters, digits, '_' and '-', else
 * ["key"] with '"' and '\\' escaped. Truncates to `size`. */
void cp_path_key(char *path, size_t size, const char *key);

/* 0 or COMPLIANCE_E_NOMEM. The text must be valid JSON. */
int cp_locate(cp_locator *lc, const cp_alloc *al, const char *text, size_t size);
void cp_locator_free(cp_locator *lc);
/* The entry for `path` (the first one when a path repeats), or NULL; O(1). */
const cp_loc *cp_locator_find(const cp_locator *lc, const char *path);
/* Line and column (1-based, columns in characters) of any byte offset: a
 * scan from the start, for offsets that have no entry (an entry carries its
 * own line and column). */
void cp_locator_linecol(const cp_locator *lc, size_t offset, int *line, int *col);

#endif
