/* Internal helpers shared by the library's source files. */
#ifndef COMPLIANCE_INTERNAL_H
#define COMPLIANCE_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "compliance/common.h"

#if defined(__GNUC__)
#  define CP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#  define CP_PRINTF(a, b)
#endif

#define CP_ERRMSG_MAX 1024

/* The allocator every object copies from its context. */
typedef struct cp_alloc {
	compliance_allocator a;
} cp_alloc;

void cp_alloc_default(cp_alloc *al);
/* 1 when al is the C library's allocator (cp_alloc_default()). */
int cp_alloc_is_default(const cp_alloc *al);
/* Transparent huge pages (issue 13): a 2 MiB page, and the first 2 MiB
 * boundary in `raw` (a block of at least size + CP_HUGE_PAGE bytes) with
 * its `size` bytes from there marked for huge pages: the kernel then
 * faults them in 2 MiB at a time, not 4 KiB. Advice only (ignored where
 * the kernel has none); the untouched slack before the boundary costs
 * address space, not memory. */
#define CP_HUGE_PAGE ((size_t)2 << 20)
void *cp_huge_start(void *raw, size_t size);
void *cp_malloc(const cp_alloc *al, size_t size);
void *cp_calloc(const cp_alloc *al, size_t n, size_t size);
void *cp_realloc(const cp_alloc *al, void *ptr, size_t size);
void cp_free(const cp_alloc *al, void *ptr);
char *cp_strdup(const cp_alloc *al, const char *s);
char *cp_strndup(const cp_alloc *al, const char *s, size_t n);

/* Grows *arr (of *cap elements of size `elem`) to hold at least `need`,
 * doubling. 0 or COMPLIANCE_E_NOMEM (then *arr is untouched). */
int cp_grow(const cp_alloc *al, void **arr, size_t *cap, size_t need, size_t elem);

/* Reads a whole file into a new buffer (released with cp_free).
 * 0, COMPLIANCE_E_IO or COMPLIANCE_E_NOMEM. */
int cp_read_file(const cp_alloc *al, const char *path, char **out, size_t *len);

/* A fixed error buffer: setting an error never allocates. */
typedef struct cp_error {
	int code;
	char msg[CP_ERRMSG_MAX];
} cp_error;

void cp_error_clear(cp_error *e);
int cp_error_set(cp_error *e, int code, const char *fmt, ...) CP_PRINTF(3, 4);
int cp_error_vset(cp_error *e, int code, const char *fmt, va_list ap);

struct compliance_ctx {
	cp_alloc alloc;
	cp_error err;
	char **diags;
	size_t ndiags, capdiags;
};

/* Sets the context's error (if ctx is non-NULL) and returns code. */
int cp_ctx_fail(compliance_ctx *ctx, int code, const char *fmt, ...) CP_PRINTF(3, 4);
void cp_ctx_clear(compliance_ctx *ctx);
/* Appends a diagnostic; returns 0 or COMPLIANCE_E_NOMEM. */
int cp_ctx_diag(compliance_ctx *ctx, const char *fmt, ...) CP_PRINTF(2, 3);

/* The allocator of a context, or the default one for NULL. */
const cp_alloc *cp_ctx_alloc(const compliance_ctx *ctx);

/* Cuts an incomplete UTF-8 sequence off the end of a (truncated) string. */
void cp_utf8_trim(char *s);

/* 1 when s[0..len) is valid UTF-8 with no control characters. */
int cp_utf8_valid(const char *s, size_t len);

/* Bytes of a normalised column header (cp_norm_header()), NUL included. */
#define CP_HDR_MAX 160

/* A column header's text for matching (the CSV reader's header aliases,
 * kept columns): ASCII letters in lower case, '_', '-' and tabs read as
 * spaces, spaces trimmed and each run made one; out holds CP_HDR_MAX
 * bytes. "" when longer (it then matches nothing). */
void cp_norm_header(const char *s, size_t len, char *out);

/* Quotes a value for a message: at most 40 bytes, control bytes escaped. */
void cp_quote(char *buf, size_t size, const char *s, size_t len);

/* The serialised partial results (skm_tally.c, entity_acc.c): the next
 * line of [*pos, end) ending in '\n' (the '\n' not included): 1 with
 * *line, *len set and *pos past it; 0 at the end; -1 when the last line
 * has no '\n'. */
int cp_next_line(const char **pos, const char *end, const char **line, size_t *len);
/* The next word of a line [*pos, end), words separated by one space:
 * its start, its length in *len (0 at the end of the line). */
const char *cp_next_word(const char **pos, const char *end, size_t *len);
/* A whole decimal number in 0..UINT64_MAX, digits only, no leading zero:
 * 0 with *out, or -1. */
int cp_parse_u64(const char *s, size_t len, uint64_t *out);

/* Writes in[0..len) to out with every run of ASCII white space (space, tab,
 * CR, LF, VT, FF) made one space and none at either end, ASCII letters in
 * lower case when fold; returns the new length (never more than len). out
 * has len + 1 bytes and is NUL-terminated. The key names join on: SKM
 * columns and groups, compare's entities, summary's groups. */
size_t cp_text_key(char *out, const char *in, size_t len, int fold);

/* Writes s[0..len) to out with spaces and no-break spaces (U+00A0, which
 * spreadsheets paste in) trimmed at both ends and each run of them made one
 * space; returns the new length (never more than len; out is not
 * NUL-terminated). How entity, unit and kept-column values are stored. */
size_t cp_text_squeeze(const char *s, size_t len, char *out);

/* Whether the NUL-terminated `text` is s[0..len) (s may hold any byte): what
 * !strncmp(text, s, len) && text[len] == '\0' says, inline for the short
 * ids of a profile's nodes (issue 13: a call per row of a national file). */
static inline int cp_text_is(const char *text, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] != s[i] || !text[i])
			return 0;
	return text[len] == '\0';
}

#endif
