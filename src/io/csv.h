/*
 * A streaming CSV reader (RFC 4180): quoted fields with "" escapes, LF or
 * CRLF line ends, a UTF-8 byte-order mark at the start, blank lines
 * skipped. Unquoted fields are trimmed of spaces and tabs.
 *
 * Memory is bounded whatever the input: a record holds at most
 * CP_CSV_MAX_RECORD bytes of field text (1 MiB, one NUL per field
 * included) and CP_CSV_MAX_FIELDS fields; a longer or wider record is
 * refused as COMPLIANCE_E_PARSE ("a record longer than the limit of 1 MiB",
 * "a record with more fields than the limit of 4096") at its line, before
 * more memory is taken.
 */
#ifndef COMPLIANCE_CSV_H
#define COMPLIANCE_CSV_H

#include <stdio.h>

#include "util/util.h"

#define CP_CSV_MAX_RECORD ((size_t)1 << 20)
#define CP_CSV_MAX_FIELDS ((size_t)4096)

typedef struct cp_csv {
	const cp_alloc *al;
	/* the source: a buffer, or a FILE read in chunks */
	const char *data;
	size_t size, pos;
	FILE *file;
	char *chunk;
	int eof, io_error;
	int io_errno; /* errno of the read error */
	/* the current record: field texts, each NUL-terminated */
	char *rec;
	size_t reclen, reccap;
	size_t *starts, *lens;
	size_t nfields, capfields, caplens;
	size_t line;      /* line where the current record starts */
	size_t next_line; /* line where the next record starts */
	int started;
	const char *limit; /* the limit a record broke */
	/* the dialect (issue 9, SKM exports; additive): the field separator,
	 * ',' unless set with cp_csv_set_separator(); what was seen: a
	 * byte-order mark skipped, a CRLF line end met */
	char sep;
	int saw_bom, saw_crlf;
	/* 1: every record through the general path (the differential test
	 * of the whole-record fast path, issue 13) */
	int no_fast;
	/* 1: the current record is ASCII, every byte below 0x80 (known only
	 * on the fast path; 0 says nothing): its UTF-8 check can be skipped */
	int ascii;
	/* the size of the whole source in bytes when known (a buffer, a file
	 * that can seek), else 0: readers may size their tables by it */
	size_t size_hint;
} cp_csv;

void cp_csv_init_buffer(cp_csv *c, const cp_alloc *al, const char *data, size_t size);
void cp_csv_init_file(cp_csv *c, const cp_alloc *al, FILE *f);
void cp_csv_free(cp_csv *c);

/* Sets the field separator (',' or ';') before the first record. */
void cp_csv_set_separator(cp_csv *c, char sep);

/* Guesses the separator from the first line (the header row), before the
 * first record is read: ';' when the line has more semicolons than commas
 * outside quotes, ',' otherwise. Looks at most at the first chunk of a
 * file (64 KiB). Returns ';' or ',', or COMPLIANCE_E_IO /
 * COMPLIANCE_E_NOMEM (negative) when the first chunk cannot be read. */
int cp_csv_sniff_separator(cp_csv *c);

/* Reads the next record: 1, 0 at the end, or COMPLIANCE_E_PARSE (*why
 * says what), COMPLIANCE_E_NOMEM or COMPLIANCE_E_IO. */
int cp_csv_next(cp_csv *c, const char **why);

static inline const char *cp_csv_field(const cp_csv *c, size_t i)
{
	return c->rec + c->starts[i];
}

static inline size_t cp_csv_len(const cp_csv *c, size_t i)
{
	return c->lens[i];
}

/* Counts the commas and semicolons of the first non-blank line (outside
 * quotes, after a byte-order mark) within the first chunk of the input,
 * without consuming anything: the dialect's clue. 0, COMPLIANCE_E_IO or
 * COMPLIANCE_E_NOMEM. */
int cp_csv_sniff(cp_csv *c, size_t *commas, size_t *semis);

/* The offset of the first byte of s[0..len) that is not valid UTF-8
 * (overlong forms and surrogates included), or len when all is valid.
 * Control characters are valid here. */
size_t cp_csv_utf8_check(const char *s, size_t len);

/* Converts in[0..len) from the encoding `from` (an iconv(3) name, e.g.
 * "CP1252") to UTF-8 in a new NUL-terminated buffer (cp_free it), through
 * the C library's iconv, which does not depend on the locale. 0;
 * COMPLIANCE_E_PARSE with *bad the offset of a byte the encoding does not
 * define; COMPLIANCE_E_INVALID (iconv does not know `from`);
 * COMPLIANCE_E_NOMEM. */
int cp_csv_convert(const cp_alloc *al, const char *from, const char *in, size_t len, char **out,
                   size_t *outlen, size_t *bad);

/* Sets err for a failed cp_csv_next() (rc < 0) while reading `name`:
 * "name:line: out of memory", "name:line: read error: <reason> ..." (the
 * line reached), or "name:line: malformed CSV: <why>". Returns rc. */
int cp_csv_error(cp_error *err, const cp_csv *c, int rc, const char *name, const char *why);

/* Runs `read` over a CSV file or buffer: the shared body of the public
 * read_csv_file/read_csv_buffer functions. Sets err on a NULL argument or
 * a file that cannot be opened. */
typedef int (*cp_csv_reader)(void *obj, cp_csv *c, const char *name);
int cp_csv_read_file(const cp_alloc *al, cp_error *err, const char *path, cp_csv_reader read,
                     void *obj);
int cp_csv_read_buffer(const cp_alloc *al, cp_error *err, const char *data, size_t size,
                       const char *name, cp_csv_reader read, void *obj);

#endif
