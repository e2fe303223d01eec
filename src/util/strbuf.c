/* A growing string buffer with terminal and CSV escaping; see strbuf.h. */
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cp_sb_init(cp_strbuf *b, const cp_alloc *al)
{
	memset(b, 0, sizeof *b);
	b->al = al;
}

void cp_sb_free(cp_strbuf *b)
{
	cp_free(b->al, b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Room for n more bytes and a NUL; 0, or -1 (then the buffer is failed). */
static int reserve(cp_strbuf *b, size_t n)
{
	if (b->failed)
		return -1;
	if (b->fixed) {
		if (n >= b->cap - b->len) {
			b->failed = 1;
			return -1;
		}
		return 0;
	}
	if (n >= (size_t)-1 - b->len - 1 ||
	    cp_grow(b->al, (void **)&b->s, &b->cap, b->len + n + 1, 1)) {
		b->failed = 1;
		return -1;
	}
	return 0;
}

char *cp_sb_take(cp_strbuf *b)
{
	char *s;

	if (reserve(b, 0)) {
		cp_sb_free(b);
		return NULL;
	}
	b->s[b->len] = '\0';
	s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void cp_sb_putn(cp_strbuf *b, const char *s, size_t n)
{
	if (!n || b->failed) /* nothing to add; or a failed buffer, whose text may be NULL */
		return;
	if (b->fixed && !b->failed && n >= b->cap - b->len) {
		/* a fixed buffer keeps what fits */
		memcpy(b->s + b->len, s, b->cap - 1 - b->len);
		b->len = b->cap - 1;
		b->failed = 1;
		return;
	}
	if (reserve(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

void cp_sb_puts(cp_strbuf *b, const char *s)
{
	cp_sb_putn(b, s, strlen(s));
}

void cp_sb_putc(cp_strbuf *b, char c)
{
	cp_sb_putn(b, &c, 1);
}

void cp_sb_spaces(cp_strbuf *b, size_t n)
{
	if (reserve(b, n))
		return;
	memset(b->s + b->len, ' ', n);
	b->len += n;
}

void cp_sb_printf(cp_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The length of the valid UTF-8 sequence at s (2 to 4), or 0; *cp gets
 * the code point. */
static size_t utf8_seq(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0], v;
	size_t n, i;

	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0; /* also stops at the NUL */
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/* The one escaping routine: appends to b (when non-NULL) and returns the
 * display width. */
static size_t escape(cp_strbuf *b, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t width = 0;
	char tmp[8];

	while (*s) {
		const unsigned char *run = s;
		unsigned cp;
		size_t n;

		/* a run of printable ASCII */
		while (*s >= 0x20 && *s < 0x7F)
			s++;
		if (s > run) {
			if (b)
				cp_sb_putn(b, (const char *)run, (size_t)(s - run));
			width += (size_t)(s - run);
			continue;
		}
		if (*s < 0x80) { /* C0 control or DEL */
			snprintf(tmp, sizeof tmp, "\\x%02x", *s);
			s++;
		} else if ((n = utf8_seq(s, &cp)) == 0) { /* not UTF-8 */
			snprintf(tmp, sizeof tmp, "\\x%02x", *s);
			s++;
		} else if (cp <= 0x9F) { /* C1 control */
			snprintf(tmp, sizeof tmp, "\\u%04x", cp);
			s += n;
		} else {
			if (b)
				cp_sb_putn(b, (const char *)s, n);
			width++;
			s += n;
			continue;
		}
		if (b)
			cp_sb_puts(b, tmp);
		width += strlen(tmp);
	}
	return width;
}

size_t cp_sb_escaped(cp_strbuf *b, const char *s)
{
	return escape(b, s);
}

size_t cp_escaped_width(const char *s)
{
	return escape(NULL, s);
}

void cp_escape_fixed(char *dst, size_t size, const char *src)
{
	cp_strbuf b;

	if (!size)
		return;
	memset(&b, 0, sizeof b);
	b.s = dst;
	b.cap = size;
	b.fixed = 1;
	escape(&b, src);
	dst[b.len] = '\0';
	if (b.failed)
		cp_utf8_trim(dst); /* cut where it was full: no half a character */
}

void cp_sb_csv_text(cp_strbuf *b, const char *s)
{
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	              s[0] == '\r';

	if (!formula && !strpbrk(s, ",\"\r\n")) {
		cp_sb_puts(b, s);
		return;
	}
	cp_sb_putc(b, '"');
	if (formula)
		cp_sb_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			cp_sb_putc(b, '"');
		cp_sb_putc(b, *s);
	}
	cp_sb_putc(b, '"');
}
