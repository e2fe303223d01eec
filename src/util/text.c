/* Text helpers for messages and input checks: quoting, UTF-8. */
#include <stdio.h>
#include <string.h>

#include "util/util.h"

void cp_quote(char *buf, size_t size, const char *s, size_t len)
{
	size_t pos = 0, i;
	const size_t limit = 40;

	if (size < 8) {
		if (size)
			buf[0] = '\0';
		return;
	}
	buf[pos++] = '\'';
	for (i = 0; i < len && pos + 6 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i == limit) {
			memcpy(buf + pos, "...", 3);
			pos += 3;
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			snprintf(buf + pos, size - pos, "\\x%02x", c);
			pos += 4;
		} else {
			buf[pos++] = (char)c;
		}
	}
	buf[pos++] = '\'';
	buf[pos] = '\0';
}

void cp_utf8_trim(char *s)
{
	size_t len = strlen(s), i = len, need;
	unsigned char c;

	/* back up over continuation bytes to the last lead byte */
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && len - i < 3)
		i--;
	if (i == 0)
		return;
	c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return;
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

int cp_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p;
		size_t n, i;
		unsigned cp;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return 0;
			p++;
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
			return 0;
		}
		if ((size_t)(end - p) <= n)
			return 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		p += n + 1;
	}
	return 1;
}

int cp_next_line(const char **pos, const char *end, const char **line, size_t *len)
{
	const char *p = *pos, *nl;

	if (p >= end)
		return 0;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl)
		return -1;
	*line = p;
	*len = (size_t)(nl - p);
	*pos = nl + 1;
	return 1;
}

int cp_parse_u64(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		unsigned d = (unsigned char)s[i] - '0';
		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

const char *cp_next_word(const char **pos, const char *end, size_t *len)
{
	const char *p = *pos, *w = p;

	while (p < end && *p != ' ')
		p++;
	*len = (size_t)(p - w);
	if (p < end)
		p++; /* the one space after the word */
	*pos = p;
	return w;
}

size_t cp_text_key(char *out, const char *in, size_t len, int fold)
{
	size_t i, n = 0;
	int space = 0;

	for (i = 0; i < len; i++) {
		char c = in[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = 0;
		if (fold && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

void cp_norm_header(const char *s, size_t len, char *out)
{
	size_t i, n = 0;
	int gap = 0;

	for (i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == ' ' || ch == '_' || ch == '-' || ch == '\t') {
			gap = 1;
			continue;
		}
		if (n + 2 >= CP_HDR_MAX) {
			out[0] = '\0';
			return;
		}
		if (gap && n)
			out[n++] = ' ';
		gap = 0;
		out[n++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
	}
	out[n] = '\0';
}

static int is_space_at(const char *s, size_t len, size_t i, size_t *w)
{
	if (s[i] == ' ') {
		*w = 1;
		return 1;
	}
	if ((unsigned char)s[i] == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
		*w = 2; /* U+00A0, the no-break space spreadsheets paste in */
		return 1;
	}
	return 0;
}

/* Writes s[0..len) to out with spaces (and no-break spaces) trimmed at both
 * ends and each run of them made one space; returns the new length (never
 * more than len). */
size_t cp_text_squeeze(const char *s, size_t len, char *out)
{
	size_t i = 0, n = 0, w;
	int gap = 0;

	while (i < len) {
		if (is_space_at(s, len, i, &w)) {
			gap = 1;
			i += w;
			continue;
		}
		if (gap && n)
			out[n++] = ' ';
		gap = 0;
		out[n++] = s[i++];
	}
	return n;
}
