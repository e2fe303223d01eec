/* A position index over valid JSON text; see json_locate.h. */
#include "json_locate.h"

#include <stdio.h>
#include <string.h>

#define PATH_MAX_LEN 512

typedef struct scan {
	cp_locator *lc;
	size_t pos;
	int failed;
	int depth;
} scan;

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
	char *copy;

	if (cp_grow(lc->alloc, (void **)&lc->locs, &lc->caplocs, lc->nlocs + 1, sizeof *lc->locs))
		return -1;
	copy = cp_strdup(lc->alloc, path);
	if (!copy)
		return -1;
	lc->locs[lc->nlocs].path = copy;
	lc->locs[lc->nlocs].offset = offset;
	lc->locs[lc->nlocs].length = length;
	lc->nlocs++;
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

				skip_string(s, &kstart, &klen);
				n = (size_t)snprintf(path + plen, PATH_MAX_LEN - plen, ".%.*s", (int)klen,
				                     t + kstart);
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
		while (s->pos < s->lc->size && !strchr(",}] \t\r\n", t[s->pos]))
			s->pos++;
		if (record(s, path, start, s->pos - start))
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
	scan_value(&s, path, 1);
	if (s.failed) {
		cp_locator_free(lc);
		return COMPLIANCE_E_NOMEM;
	}
	return 0;
}

void cp_locator_free(cp_locator *lc)
{
	size_t i;

	for (i = 0; i < lc->nlocs; i++)
		cp_free(lc->alloc, lc->locs[i].path);
	cp_free(lc->alloc, lc->locs);
	lc->locs = NULL;
	lc->nlocs = lc->caplocs = 0;
}

const cp_loc *cp_locator_find(const cp_locator *lc, const char *path)
{
	size_t i;

	for (i = 0; i < lc->nlocs; i++)
		if (strcmp(lc->locs[i].path, path) == 0)
			return &lc->locs[i];
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
