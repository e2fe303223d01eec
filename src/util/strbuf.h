/*
 * A growing string buffer, and the one routine that makes text safe for a
 * terminal (cp_sb_escaped) and the one that makes a CSV field safe for a
 * spreadsheet (cp_sb_csv_text).
 *
 * A failed allocation makes the buffer "failed": every later append is a
 * no-op and cp_sb_take() returns NULL, so a writer can append freely and
 * check once at the end.
 */
#ifndef COMPLIANCE_STRBUF_H
#define COMPLIANCE_STRBUF_H

#include <stddef.h>

#include "util/util.h"

typedef struct cp_strbuf {
	const cp_alloc *al;
	char *s;
	size_t len, cap;
	int failed;
	int fixed; /* a caller's array (cp_escape_fixed): never grown */
} cp_strbuf;

void cp_sb_init(cp_strbuf *b, const cp_alloc *al);
/* Releases the text (after a failure, or when it is not wanted). */
void cp_sb_free(cp_strbuf *b);
/* The NUL-terminated text, owned by the caller (released with the
 * buffer's allocator), or NULL after a failed allocation (buffer freed). */
char *cp_sb_take(cp_strbuf *b);

void cp_sb_putn(cp_strbuf *b, const char *s, size_t n);
void cp_sb_puts(cp_strbuf *b, const char *s);
void cp_sb_putc(cp_strbuf *b, char c);
void cp_sb_spaces(cp_strbuf *b, size_t n);
void cp_sb_printf(cp_strbuf *b, const char *fmt, ...) CP_PRINTF(2, 3);

/*
 * Appends text for a human reader, with every character that could act
 * on a terminal written as visible text instead:
 *   - C0 controls (U+0000..U+001F: ESC, CR, LF, TAB, ...) and DEL as \xNN;
 *   - C1 controls (U+0080..U+009F, which UTF-8 terminals obey) as \u00NN;
 *   - a byte that is not part of valid UTF-8 as \xNN.
 * Everything else (printable ASCII, the backslash included, and valid
 * UTF-8) is copied unchanged. Returns the display width appended (code
 * points).
 */
size_t cp_sb_escaped(cp_strbuf *b, const char *s);

/* cp_sb_escaped() into a fixed array of `size` bytes (size > 0), without
 * allocating: for error messages. Text that does not fit is cut at a
 * character boundary. dst and src must not overlap. */
void cp_escape_fixed(char *dst, size_t size, const char *src);

/* The display width (code points) cp_sb_escaped() would append. */
size_t cp_escaped_width(const char *s);

/*
 * Appends a CSV text field (RFC 4180), neutralised against formula
 * injection as OWASP recommends: a field that starts with =, +, -, @, a tab
 * or a carriage return gets a leading single quote (') and is quoted, so a
 * spreadsheet shows it as text instead of evaluating it. A field holding a
 * comma, a quote, CR or LF is quoted with inner quotes doubled. Only text
 * fields go through here; numbers are written with cp_sb_puts().
 */
void cp_sb_csv_text(cp_strbuf *b, const char *s);

#endif
