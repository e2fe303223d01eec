/* A streaming RFC 4180 CSV reader; see csv.h. */
#include "io/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#define CHUNK 65536

/* The code for a -2 from getb()/peekb(): a read error, or out of memory. */
#define FAILED(c) ((c)->io_error ? COMPLIANCE_E_IO : COMPLIANCE_E_NOMEM)

/* Bytes that end a run of ordinary field text. */
static const unsigned char special[256] = {
	[0] = 1, ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1, [';'] = 1,
};

void cp_csv_init_buffer(cp_csv *c, const cp_alloc *al, const char *data, size_t size)
{
	memset(c, 0, sizeof *c);
	c->al = al;
	c->data = data;
	c->size = size;
	c->size_hint = size;
	c->eof = 1;
	c->next_line = 1;
	c->sep = ',';
}

void cp_csv_init_file(cp_csv *c, const cp_alloc *al, FILE *f)
{
	memset(c, 0, sizeof *c);
	c->al = al;
	c->file = f;
	c->next_line = 1;
	c->sep = ',';
}

void cp_csv_set_separator(cp_csv *c, char sep)
{
	c->sep = sep;
}

void cp_csv_free(cp_csv *c)
{
	cp_free(c->al, c->chunk);
	cp_free(c->al, c->rec);
	cp_free(c->al, c->starts);
	cp_free(c->al, c->lens);
	c->chunk = c->rec = NULL;
	c->starts = c->lens = NULL;
}

/* The next byte, or -1 at the end (or -2 on a read or memory error). A
 * read error is sticky: every later call returns -2 too, never -1, so that
 * no caller can take it for the end of the file. */
static int getb(cp_csv *c)
{
	if (c->pos < c->size)
		return (unsigned char)c->data[c->pos++];
	if (c->io_error)
		return -2;
	if (c->eof)
		return -1;
	if (!c->chunk) {
		c->chunk = cp_malloc(c->al, CHUNK);
		if (!c->chunk)
			return -2;
	}
	errno = 0;
	c->size = fread(c->chunk, 1, CHUNK, c->file);
	c->data = c->chunk;
	c->pos = 0;
	if (c->size == 0) {
		if (ferror(c->file)) {
			c->io_error = 1;
			c->io_errno = errno ? errno : EIO;
			return -2;
		}
		c->eof = 1;
		return -1;
	}
	return (unsigned char)c->data[c->pos++];
}

static int peekb(cp_csv *c)
{
	int b = getb(c);

	if (b >= 0)
		c->pos--;
	return b;
}

/* Room for n more bytes of the record: 0, COMPLIANCE_E_NOMEM, or
 * COMPLIANCE_E_PARSE past CP_CSV_MAX_RECORD (c->limit says so). */
static int room(cp_csv *c, size_t n)
{
	if (n > CP_CSV_MAX_RECORD - c->reclen) {
		c->limit = "a record longer than the limit of 1 MiB (1048576 bytes)";
		return COMPLIANCE_E_PARSE;
	}
	if (c->reclen + n > c->reccap && cp_grow(c->al, (void **)&c->rec, &c->reccap, c->reclen + n, 1))
		return COMPLIANCE_E_NOMEM;
	return 0;
}

static int put(cp_csv *c, char ch)
{
	int rc = room(c, 1);

	if (rc)
		return rc;
	c->rec[c->reclen++] = ch;
	return 0;
}

static int end_field(cp_csv *c, size_t start, int quoted)
{
	size_t len = c->reclen - start;

	if (!quoted && len && (c->rec[start] == ' ' || c->rec[start] == '\t' ||
	                       c->rec[start + len - 1] == ' ' || c->rec[start + len - 1] == '\t')) {
		/* trim spaces and tabs around an unquoted field */
		size_t a = 0;
		while (a < len && (c->rec[start + a] == ' ' || c->rec[start + a] == '\t'))
			a++;
		while (len > a && (c->rec[start + len - 1] == ' ' || c->rec[start + len - 1] == '\t'))
			len--;
		if (len > a)
			memmove(c->rec + start, c->rec + start + a, len - a);
		len -= a;
		c->reclen = start + len;
	}
	if (c->nfields >= CP_CSV_MAX_FIELDS) {
		c->limit = "a record with more fields than the limit of 4096";
		return COMPLIANCE_E_PARSE;
	}
	if ((c->nfields >= c->capfields && cp_grow(c->al, (void **)&c->starts, &c->capfields,
	                                           c->nfields + 1, sizeof *c->starts)) ||
	    (c->nfields >= c->caplens &&
	     cp_grow(c->al, (void **)&c->lens, &c->caplens, c->nfields + 1, sizeof *c->lens)))
		return COMPLIANCE_E_NOMEM;
	c->starts[c->nfields] = start;
	c->lens[c->nfields] = len;
	c->nfields++;
	return put(c, '\0');
}

/* Bytes the whole-record fast path leaves to the general one: a quote, a
 * carriage return (other than the CR of a CRLF at the end), a NUL; and the
 * two separators, one of which ends a field. */
static const unsigned char fast_stop[256] = {
	[0] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1, [';'] = 1,
};

/*
 * The first byte of p[i..end) that fast_stop marks, or end. Eight bytes at
 * a time where words are little-endian: a byte equal to one of the six
 * sets the high bit of its byte in `m` (the lowest set bit is exact; bits
 * above a match may be spurious, and are not looked at).
 */
static size_t next_stop(const char *p, size_t i, size_t end)
{
	int k;

	/* a short field (an SKM answer is one byte) ends before a word is
	 * worth loading: the word test made the SKM file 1.6x slower */
	for (k = 0; k < 2 && i < end; k++, i++)
		if (fast_stop[(unsigned char)p[i]])
			return i;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
#define CP_ZERO_BYTES(x) (((x) - ones) & ~(x) & highs)
	while (i + 8 <= end) {
		uint64_t w, m;
		memcpy(&w, p + i, 8);
		m = CP_ZERO_BYTES(w) | CP_ZERO_BYTES(w ^ (ones * '\n')) |
		    CP_ZERO_BYTES(w ^ (ones * '\r')) |
		    CP_ZERO_BYTES(w ^ (ones * '"')) | CP_ZERO_BYTES(w ^ (ones * ',')) |
		    CP_ZERO_BYTES(w ^ (ones * ';'));
		if (m)
			return i + ((size_t)__builtin_ctzll(m) >> 3);
		i += 8;
	}
#undef CP_ZERO_BYTES
#endif
	while (i < end && !fast_stop[(unsigned char)p[i]])
		i++;
	return i;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/*
 * The whole-record fast path (issue 13): a record that lies on one line
 * within the bytes at hand, with no quote, no CR but that of a CRLF at its
 * end, no NUL, no field to trim, not blank, within the limits. It is copied
 * at once and split in place; anything else returns 0 with nothing changed
 * but capacity, and the general path reads the record (the same fields,
 * the same errors: tests/unit/test_internal_csv_fast.c checks the two against
 * each other). 1 when the record was read; -1 out of memory (as the
 * general path would be at the same allocation).
 */
static int fast_record(cp_csv *c)
{
	const char *p = c->data + c->pos;
	size_t avail = c->size - c->pos, len = 0, end = 0, i, fstart = 0, nf = 0, lim;
	const unsigned char sep = (unsigned char)c->sep;
	int last = 0;

	if (sep != ',' && sep != ';')
		return 0;
	/* the line's end is looked for with the fields (one pass): no further
	 * than a record may be long */
	lim = avail < CP_CSV_MAX_RECORD + 1 ? avail : CP_CSV_MAX_RECORD + 1;
	for (i = 0;; i++) {
		i = next_stop(p, i, lim);
		if (i >= lim)
			return 0; /* no end of line at hand, or too long */
		if (p[i] == '\n' || (p[i] == '\r' && i + 1 < avail && p[i + 1] == '\n')) {
			end = i;
			len = p[i] == '\n' ? i : i + 1;
			last = 1;
		} else if ((unsigned char)p[i] != sep) {
			if (p[i] == ',' || p[i] == ';')
				continue; /* the other separator: ordinary text */
			return 0;
		}
		/* a field ends at i: at a separator or at the end of the line */
		if (i > fstart && (is_blank(p[fstart]) || is_blank(p[i - 1])))
			return 0;
		if (nf >= CP_CSV_MAX_FIELDS)
			return 0;
		if ((nf >= c->capfields &&
		     cp_grow(c->al, (void **)&c->starts, &c->capfields, nf + 1, sizeof *c->starts)) ||
		    (nf >= c->caplens &&
		     cp_grow(c->al, (void **)&c->lens, &c->caplens, nf + 1, sizeof *c->lens)))
			return -1;
		c->starts[nf] = fstart;
		c->lens[nf] = i - fstart;
		nf++;
		fstart = i + 1;
		if (last)
			break;
	}
	if (!end || end + 1 > CP_CSV_MAX_RECORD)
		return 0;
	if (end + 1 > c->reccap && cp_grow(c->al, (void **)&c->rec, &c->reccap, end + 1, 1))
		return -1;
	memcpy(c->rec, p, end);
	{
		uint64_t hi = 0, w;
		for (i = 0; i + 8 <= end; i += 8) {
			memcpy(&w, p + i, 8);
			hi |= w;
		}
		for (; i < end; i++)
			hi |= (unsigned char)p[i];
		c->ascii = !(hi & UINT64_C(0x8080808080808080));
	}
	{
		/* locals: a char store may alias the handle, which the compiler
		 * would otherwise read again at every field */
		char *rec = c->rec;
		const size_t *st = c->starts, *ln = c->lens;
		for (i = 0; i < nf; i++)
			rec[st[i] + ln[i]] = '\0';
	}
	c->reclen = end + 1;
	c->nfields = nf;
	c->pos += len + 1;
	if (end < len)
		c->saw_crlf = 1;
	c->next_line++;
	return 1;
}

/* rc, with *why saying which limit a COMPLIANCE_E_PARSE is. */
static int limit_or(cp_csv *c, int rc, const char **why)
{
	if (rc == COMPLIANCE_E_PARSE)
		*why = c->limit;
	return rc;
}

int cp_csv_next(cp_csv *c, const char **why)
{
	const char *dummy; /* a local: a static one would be shared by threads */

	if (!why)
		why = &dummy;
	*why = "";
	for (;;) {
		int b, rc, quoted = 0, after_quote = 0;
		size_t start;

		c->reclen = 0;
		c->nfields = 0;
		c->ascii = 0;
		c->line = c->next_line;
		if (!c->started) {
			c->started = 1;
			b = peekb(c);
			if (b == -2)
				return FAILED(c);
			if (b == 0xEF) {
				int b1, b2;
				getb(c);
				b1 = getb(c);
				b2 = b1 == 0xBB ? getb(c) : b1;
				if (b1 == -2 || b2 == -2)
					return FAILED(c);
				if (b1 != 0xBB || b2 != 0xBF) {
					*why = "a broken UTF-8 byte-order mark";
					return COMPLIANCE_E_PARSE;
				}
				c->saw_bom = 1;
			}
		}
		b = peekb(c);
		if (b == -2)
			return FAILED(c);
		if (b == -1)
			return 0;
		if (!c->no_fast) {
			int fast = fast_record(c);
			if (fast)
				return fast > 0 ? 1 : COMPLIANCE_E_NOMEM;
		}
		start = 0;
		for (;;) {
			if (!quoted && !after_quote && c->pos < c->size) {
				/* fast path: copy a run of ordinary bytes at once */
				const char *q = c->data + c->pos, *end = c->data + c->size, *r = q;
				while (r < end && !special[(unsigned char)*r])
					r++;
				if (r > q) {
					size_t n = (size_t)(r - q);
					rc = room(c, n + 1);
					if (rc)
						return limit_or(c, rc, why);
					memcpy(c->rec + c->reclen, q, n);
					c->reclen += n;
					c->pos += n;
					continue;
				}
			}
			b = getb(c);
			if (b == -2)
				return FAILED(c);
			if (b == 0) {
				*why = "a NUL byte";
				return COMPLIANCE_E_PARSE;
			}
			if (quoted) {
				if (b == -1) {
					*why = "a quoted field that is never closed";
					return COMPLIANCE_E_PARSE;
				}
				if (b == '"') {
					int nb = peekb(c);
					if (nb == -2)
						return FAILED(c);
					if (nb == '"') {
						getb(c);
						if ((rc = put(c, '"')) != 0)
							return limit_or(c, rc, why);
					} else {
						quoted = 0;
						after_quote = 1;
					}
					continue;
				}
				if (b == '\n')
					c->next_line++;
				if ((rc = put(c, (char)b)) != 0)
					return limit_or(c, rc, why);
				continue;
			}
			if (b == '"' && c->reclen == start && !after_quote) {
				quoted = 1;
				continue;
			}
			if (b == c->sep || b == '\n' || b == '\r' || b == -1) {
				if (b == '\r') {
					int nb = peekb(c);
					if (nb == -2)
						return FAILED(c);
					if (nb == '\n') {
						getb(c);
						c->saw_crlf = 1;
					}
				}
				if ((rc = end_field(c, start, after_quote)) != 0)
					return limit_or(c, rc, why);
				after_quote = 0;
				start = c->reclen;
				if (b == c->sep)
					continue;
				if (b != -1)
					c->next_line++;
				break;
			}
			if (after_quote) {
				if (b == ' ' || b == '\t')
					continue;
				*why = "text after a closing quote";
				return COMPLIANCE_E_PARSE;
			}
			if (b == '"') {
				*why = "a quote inside an unquoted field";
				return COMPLIANCE_E_PARSE;
			}
			if ((rc = put(c, (char)b)) != 0)
				return limit_or(c, rc, why);
		}
		/* skip blank lines */
		if (c->nfields == 1 && c->lens[0] == 0)
			continue;
		return 1;
	}
}

int cp_csv_sniff_separator(cp_csv *c)
{
	size_t i, commas = 0, semis = 0;
	int b, quoted = 0;

	b = peekb(c); /* loads the first chunk of a file */
	if (b == -2)
		return FAILED(c);
	for (i = c->pos; i < c->size; i++) {
		char ch = c->data[i];
		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && (ch == '\n' || ch == '\r'))
			break;
		else if (!quoted && ch == ',')
			commas++;
		else if (!quoted && ch == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

/* The reason for a read error, in English whatever the locale (strerror()
 * follows LC_MESSAGES and is not required to be thread-safe). */
static const char *read_reason(int e)
{
	switch (e) {
	case EISDIR: return "it is a directory";
	case EACCES: return "permission denied";
	case ENOMEM: return "out of memory in the system";
#ifdef ESTALE
	case ESTALE: return "stale file handle";
#endif
	case EINTR: return "interrupted";
	case EAGAIN: return "no data available without blocking";
	default: return "input/output error";
	}
}

int cp_csv_error(cp_error *err, const cp_csv *c, int rc, const char *name, const char *why)
{
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_error_set(err, rc, "%s:%zu: out of memory", name, c->line);
	if (rc == COMPLIANCE_E_IO)
		return cp_error_set(err, rc,
		                    "%s:%zu: read error (%s, errno %d): the file was read up to "
		                    "this line; nothing from it was kept", name, c->next_line,
		                    read_reason(c->io_errno), c->io_errno);
	return cp_error_set(err, rc, "%s:%zu: malformed CSV: %s", name, c->line, why ? why : "");
}

int cp_csv_read_file(const cp_alloc *al, cp_error *err, const char *path, cp_csv_reader read,
                     void *obj)
{
	cp_csv c;
	FILE *f;
	int rc;

	cp_error_clear(err);
	if (!path)
		return cp_error_set(err, COMPLIANCE_E_INVALID, "path is NULL");
	f = fopen(path, "rb");
	if (!f)
		return cp_error_set(err, COMPLIANCE_E_IO, "%s: cannot open the file", path);
	cp_csv_init_file(&c, al, f);
	if (fseek(f, 0, SEEK_END) == 0) {
		long end = ftell(f);
		if (fseek(f, 0, SEEK_SET) != 0) {
			fclose(f);
			return cp_error_set(err, COMPLIANCE_E_IO, "%s: cannot read the file", path);
		}
		c.size_hint = end > 0 ? (size_t)end : 0;
	}
	clearerr(f);
	rc = read(obj, &c, path);
	cp_csv_free(&c);
	fclose(f);
	return rc;
}

int cp_csv_read_buffer(const cp_alloc *al, cp_error *err, const char *data, size_t size,
                       const char *name, cp_csv_reader read, void *obj)
{
	cp_csv c;
	int rc;

	cp_error_clear(err);
	if (!data && size)
		return cp_error_set(err, COMPLIANCE_E_INVALID, "data is NULL");
	cp_csv_init_buffer(&c, al, data ? data : "", size);
	rc = read(obj, &c, name ? name : "<buffer>");
	cp_csv_free(&c);
	return rc;
}

int cp_csv_sniff(cp_csv *c, size_t *commas, size_t *semis)
{
	size_t i;
	int b, quoted = 0, seen = 0;

	*commas = *semis = 0;
	b = peekb(c); /* loads the first chunk of a file */
	if (b == -2)
		return FAILED(c);
	if (b == -1)
		return 0;
	i = c->pos;
	if (c->size - i >= 3 && (unsigned char)c->data[i] == 0xEF &&
	    (unsigned char)c->data[i + 1] == 0xBB && (unsigned char)c->data[i + 2] == 0xBF)
		i += 3;
	for (; i < c->size; i++) {
		char ch = c->data[i];
		if (quoted) {
			if (ch == '"')
				quoted = 0;
			continue;
		}
		if (ch == '"')
			quoted = 1;
		else if (ch == ',')
			(*commas)++;
		else if (ch == ';')
			(*semis)++;
		else if (ch == '\n' || ch == '\r') {
			if (seen)
				break;
			continue; /* blank lines before the header */
		}
		if (ch != ' ' && ch != '\t')
			seen = 1;
	}
	return 0;
}

size_t cp_csv_utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p, cp;
		size_t n, i;

		if (c < 0x80) {
			/* ASCII eight bytes at a time while there is no high bit
			 * (issue 13; checked against a byte-wise reference with a
			 * bad byte at every position of a block by
			 * tests/unit/test_internal_csv_fast.c) */
			uint64_t w;
			p++;
			while ((size_t)(end - p) >= 8) {
				memcpy(&w, p, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				p += 8;
			}
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			break;
		}
		if ((size_t)(end - p) <= n)
			break;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				break;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if (i <= n)
			break;
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			break;
		p += n + 1;
	}
	return (size_t)(p - (const unsigned char *)s);
}

int cp_csv_convert(const cp_alloc *al, const char *from, const char *in, size_t len, char **out,
                   size_t *outlen, size_t *bad)
{
	iconv_t cd;
	char *buf = NULL, *src = (char *)(uintptr_t)in, *dst;
	size_t cap = 0, left = len, used = 0, room;

	*out = NULL;
	*outlen = 0;
	*bad = 0;
	cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return COMPLIANCE_E_INVALID;
	/* room for the text and an eighth more (accented letters take two
	 * bytes), grown when a text needs more */
	if (cp_grow(al, (void **)&buf, &cap, len + len / 8 + 16, 1)) {
		iconv_close(cd);
		return COMPLIANCE_E_NOMEM;
	}
	while (left > 0) {
		dst = buf + used;
		room = cap - used - 1;
		errno = 0;
		if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1 && errno != E2BIG) {
			*bad = len - left;
			iconv_close(cd);
			cp_free(al, buf);
			return COMPLIANCE_E_PARSE;
		}
		used = (size_t)(dst - buf);
		if (left > 0 && cp_grow(al, (void **)&buf, &cap, cap + 16, 1)) {
			iconv_close(cd);
			cp_free(al, buf);
			return COMPLIANCE_E_NOMEM;
		}
	}
	iconv_close(cd);
	buf[used] = '\0';
	*out = buf;
	*outlen = used;
	return 0;
}
