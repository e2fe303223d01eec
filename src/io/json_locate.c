/* A position index over valid JSON text; see json_locate.h. */
#include "io/json_locate.h"

#include <stdio.h>
#include <string.h>

#define PATH_MAX_LEN 512

typedef struct scan {
	cp_locator *lc;
	size_t pos;
	int failed;
	int depth;
	/* line and column at byte `at`: entries come in increasing offsets, so
	 * counting from the previous entry keeps the whole pass linear */
	size_t at;
	int line, col;
} scan;

void cp_path_key(char *path, size_t size, const char *key)
{
	size_t len = strlen(path), i;
	int plain = key[0] != '\0';

	for (i = 0; key[i]; i++) {
		unsigned char c = (unsigned char)key[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			plain = 0;
	}
	if (plain) {
		snprintf(path + len, size > len ? size - len : 0, ".%s", key);
		return;
	}
	if (len + 5 > size) /* '[', '"', '"', ']' and the NUL */
		return;
	path[len++] = '[';
	path[len++] = '"';
	/* room for an escaped byte (2), the closing '"' and ']' and the NUL */
	for (i = 0; key[i] && len + 5 < size; i++) {
		if (key[i] == '"' || key[i] == '\\')
			path[len++] = '\\';
		path[len++] = key[i];
	}
	path[len++] = '"';
	path[len++] = ']';
	path[len] = '\0';
}

static void put_utf8(char *out, size_t *n, size_t cap, unsigned cp)
{
	char b[4];
	size_t k = 0, i;

	if (cp < 0x80) {
		b[k++] = (char)cp;
	} else if (cp < 0x800) {
		b[k++] = (char)(0xC0 | (cp >> 6));
		b[k++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		b[k++] = (char)(0xE0 | (cp >> 12));
		b[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[k++] = (char)(0x80 | (cp & 0x3F));
	} else {
		b[k++] = (char)(0xF0 | (cp >> 18));
		b[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[k++] = (char)(0x80 | (cp & 0x3F));
	}
	for (i = 0; i < k && *n + 1 < cap; i++)
		out[(*n)++] = b[i];
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
	}
	return v;
}

/* Decodes the escapes of a (valid) JSON string's content, as jansson does. */
static void unescape(const char *in, size_t len, char *out, size_t cap)
{
	size_t i = 0, n = 0;

	while (i < len && n + 1 < cap) {
		if (in[i] != '\\') {
			out[n++] = in[i++];
			continue;
		}
		if (i + 1 >= len)
			break;
		switch (in[i + 1]) {
		case 'n': out[n++] = '\n'; i += 2; break;
		case 't': out[n++] = '\t'; i += 2; break;
		case 'r': out[n++] = '\r'; i += 2; break;
		case 'b': out[n++] = '\b'; i += 2; break;
		case 'f': out[n++] = '\f'; i += 2; break;
		case 'u': {
			unsigned cp;
			if (i + 6 > len) {
				i = len;
				break;
			}
			cp = hex4(in + i + 2);
			i += 6;
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= len && in[i] == '\\' &&
			    in[i + 1] == 'u') {
				unsigned lo = hex4(in + i + 2);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 6;
				}
			}
			put_utf8(out, &n, cap, cp);
			break;
		}
		default: out[n++] = in[i + 1]; i += 2; break;
		}
	}
	out[n] = '\0';
}

static void skip_ws(scan *s)
{
	while (s->pos < s->lc->size) {
		char c = s->lc->text[s->pos];
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			break;
		s->pos++;
	}
}

static int record(scan *s, const char *path, size_t offset, size_t length)
{
	cp_locator *lc = s->lc;
	size_t plen = strlen(path) + 1;
	cp_loc *loc;

	if (cp_grow(lc->alloc, (void **)&lc->locs, &lc->caplocs, lc->nlocs + 1, sizeof *lc->locs) ||
	    cp_grow(lc->alloc, (void **)&lc->arena, &lc->caparena, lc->narena + plen, 1))
		return -1;
	memcpy(lc->arena + lc->narena, path, plen);
	if (!lc->nlocs)
		cp_hash_key_init(&lc->key);
	for (; s->at < offset && s->at < lc->size; s->at++) {
		unsigned char ch = (unsigned char)lc->text[s->at];
		if (ch == '\n') {
			s->line++;
			s->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			s->col++;
		}
	}
	loc = &lc->locs[lc->nlocs++];
	loc->path = lc->narena;
	loc->offset = offset;
	loc->length = length;
	loc->hash = cp_hash(&lc->key, path, plen - 1);
	loc->line = s->line;
	loc->col = s->col;
	lc->narena += plen;
	return 0;
}

/* Builds the table over every recorded path, at most half full. */
static int build_index(cp_locator *lc)
{
	size_t n = 16, i;

	while (n / 2 < lc->nlocs) {
		if (n > ((size_t)-1) / 4 / sizeof *lc->slots)
			return -1;
		n *= 2;
	}
	lc->slots = cp_calloc(lc->alloc, n, sizeof *lc->slots);
	if (!lc->slots)
		return -1;
	lc->nslots = n;
	for (i = 0; i < lc->nlocs; i++) {
		const char *path = lc->arena + lc->locs[i].path;
		uint64_t hv = lc->locs[i].hash;
		size_t h = (size_t)hv & (n - 1);
		int dup = 0;

		while (lc->slots[h]) {
			const cp_loc *o = &lc->locs[lc->slots[h] - 1];
			if (o->hash == hv && !strcmp(lc->arena + o->path, path)) {
				dup = 1; /* the first entry of a repeated path wins */
				break;
			}
			h = (h + 1) & (n - 1);
		}
		if (!dup)
			lc->slots[h] = i + 1;
	}
	return 0;
}

/* Skips a string starting at its opening quote; returns the raw content's
 * start and length. */
static void skip_string(scan *s, size_t *start, size_t *len)
{
	const char *t = s->lc->text;

	s->pos++; /* opening quote */
	*start = s->pos;
	while (s->pos < s->lc->size && t[s->pos] != '"') {
		if (t[s->pos] == '\\')
			s->pos++;
		s->pos++;
	}
	*len = s->pos - *start;
	if (s->pos < s->lc->size)
		s->pos++; /* closing quote */
}

static void scan_value(scan *s, char *path, size_t plen)
{
	const char *t = s->lc->text;
	size_t start;

	if (s->failed)
		return;
	if (++s->depth > 4096) {
		s->failed = 1;
		return;
	}
	skip_ws(s);
	start = s->pos;
	if (s->pos >= s->lc->size) {
		s->depth--;
		return;
	}
	if (t[s->pos] == '{' || t[s->pos] == '[') {
		int is_obj = t[s->pos] == '{';
		char close = is_obj ? '}' : ']';
		size_t index = 0;

		if (record(s, path, start, 1)) {
			s->failed = 1;
			return;
		}
		s->pos++;
		for (;;) {
			size_t n;

			skip_ws(s);
			if (s->pos >= s->lc->size || t[s->pos] == close) {
				s->pos++;
				break;
			}
			if (t[s->pos] == ',') {
				s->pos++;
				continue;
			}
			if (is_obj) {
				size_t kstart, klen;

				char key[PATH_MAX_LEN];

				if (t[s->pos] != '"') { /* not valid JSON after all: stop */
					s->pos = s->lc->size;
					break;
				}
				skip_string(s, &kstart, &klen);
				unescape(t + kstart, klen, key, sizeof key);
				cp_path_key(path, PATH_MAX_LEN, key);
				n = strlen(path + plen);
				skip_ws(s);
				if (s->pos < s->lc->size && t[s->pos] == ':')
					s->pos++;
			} else {
				n = (size_t)snprintf(path + plen, PATH_MAX_LEN - plen, "[%zu]", index++);
			}
			if (plen + n >= PATH_MAX_LEN)
				n = PATH_MAX_LEN - 1 - plen;
			scan_value(s, path, plen + n);
			path[plen] = '\0';
			if (s->failed)
				return;
		}
	} else if (t[s->pos] == '"') {
		size_t cs, cl;

		skip_string(s, &cs, &cl);
		if (record(s, path, start, s->pos - start))
			s->failed = 1;
	} else {
		while (s->pos < s->lc->size && t[s->pos] && !strchr(",}] \t\r\n", t[s->pos]))
			s->pos++;
		if (s->pos == start) /* not valid JSON after all: stop */
			s->pos = s->lc->size;
		else if (record(s, path, start, s->pos - start))
			s->failed = 1;
	}
	s->depth--;
}

int cp_locate(cp_locator *lc, const cp_alloc *al, const char *text, size_t size)
{
	char path[PATH_MAX_LEN] = "$";
	scan s;

	memset(lc, 0, sizeof *lc);
	lc->alloc = al;
	lc->text = text;
	lc->size = size;
	memset(&s, 0, sizeof s);
	s.lc = lc;
	s.line = s.col = 1;
	scan_value(&s, path, 1);
	if (s.failed || build_index(lc)) {
		cp_locator_free(lc);
		return COMPLIANCE_E_NOMEM;
	}
	return 0;
}

void cp_locator_free(cp_locator *lc)
{
	cp_free(lc->alloc, lc->locs);
	cp_free(lc->alloc, lc->arena);
	cp_free(lc->alloc, lc->slots);
	lc->locs = NULL;
	lc->arena = NULL;
	lc->slots = NULL;
	lc->nlocs = lc->caplocs = lc->narena = lc->caparena = lc->nslots = 0;
}

const cp_loc *cp_locator_find(const cp_locator *lc, const char *path)
{
	uint64_t hv;
	size_t h;

	if (!lc->nslots)
		return NULL;
	hv = cp_hash(&lc->key, path, strlen(path));
	h = (size_t)hv & (lc->nslots - 1);
	while (lc->slots[h]) {
		const cp_loc *loc = &lc->locs[lc->slots[h] - 1];
		if (loc->hash == hv && !strcmp(lc->arena + loc->path, path))
			return loc;
		h = (h + 1) & (lc->nslots - 1);
	}
	return NULL;
}

void cp_locator_linecol(const cp_locator *lc, size_t offset, int *line, int *col)
{
	size_t i;
	int l = 1, c = 1;

	for (i = 0; i < offset && i < lc->size; i++) {
		unsigned char ch = (unsigned char)lc->text[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}
