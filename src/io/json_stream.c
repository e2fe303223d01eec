/*
 * The streaming JSON reader (json_stream.h): one pass over the text, a
 * stack of open containers, the keys of each open object for the
 * duplicate check, and one buffer for a string with escapes. Strings
 * without escapes and numbers are given in place (no copy).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/json_stream.h"

enum {
	ST_OBJ_FIRST, /* after '{' */
	ST_OBJ_KEY,   /* after ',' */
	ST_OBJ_COLON,
	ST_OBJ_VALUE,
	ST_OBJ_COMMA, /* after a member */
	ST_ARR_FIRST, /* after '[' */
	ST_ARR_VALUE, /* after ',' */
	ST_ARR_COMMA  /* after an element */
};

/* The smallest magnitude strtod() rounds to infinity: 2^1024 - 2^970 (the
 * halfway point above DBL_MAX rounds to even, upwards), all 309 digits. */
static const char real_limit[] =
	"1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490"
	"1797758720709633028641669288791094655554785194040263065748867150582068190890200070838367"
	"6273854845817711531764475730270069855571366959622842914819860834936475292719074168444365"
	"510704342711559699508093042880177904174497792";

void cp_jstream_init(cp_jstream *s, const cp_alloc *al, const char *text, size_t size)
{
	memset(s, 0, sizeof *s);
	s->al = al;
	s->text = s->p = s->line_start = text;
	s->end = text + size;
	s->line = 1;
	cp_hash_key_init(&s->hkey);
}

void cp_jstream_free(cp_jstream *s)
{
	size_t i;

	for (i = 0; i < s->nlv; i++)
		cp_free(s->al, s->lv[i].index);
	cp_free(s->al, s->lv);
	cp_free(s->al, s->buf);
	cp_free(s->al, s->karena);
	cp_free(s->al, s->keys);
	memset(s, 0, sizeof *s);
}

static int chars_between(const char *from, const char *to)
{
	int n = 0;

	for (; from < to; from++)
		if (((unsigned char)*from & 0xC0) != 0x80)
			n++;
	return n;
}

int cp_jstream_col(const cp_jstream *s, const cp_jtok *t)
{
	return chars_between(s->text + t->line_off, s->text + t->offset) + 1;
}

/* Records a refusal at `at`, with jansson's context: " near 'text'" for
 * the text [nb, ne) of at most 20 bytes, " near end of file" when empty. */
static int fail(cp_jstream *s, const char *at, const char *nb, const char *ne, const char *fmt,
                ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	va_end(ap);
	n = strlen(s->msg);
	if (nb && ne == nb)
		snprintf(s->msg + n, sizeof s->msg - n, " near end of file");
	else if (nb && ne - nb <= 20)
		snprintf(s->msg + n, sizeof s->msg - n, " near '%.*s'", (int)(ne - nb), nb);
	/* jansson's place: `at` is just after the last character read, the
	 * column counts the characters before it on its line (0 when none) */
	s->code = COMPLIANCE_E_PARSE;
	s->err_offset = (size_t)(at - s->text);
	s->err_line = s->line;
	s->err_col = chars_between(s->line_start, at);
	if (at > s->line_start && at[-1] == '\n') {
		/* a newline read inside a bad escape */
		s->err_line++;
		s->err_col = 0;
	}
	return CP_JT_ERROR;
}

static int nomem(cp_jstream *s)
{
	snprintf(s->msg, sizeof s->msg, "out of memory");
	s->code = COMPLIANCE_E_NOMEM;
	s->err_line = s->line;
	s->err_col = chars_between(s->line_start, s->p) + 1;
	return CP_JT_ERROR;
}

/* The length of the strict UTF-8 sequence at p (no overlong form, no
 * surrogate, nothing above U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0], lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static unsigned hex4(const char *p)
{
	return (unsigned)(hexval(p[0]) << 12 | hexval(p[1]) << 8 | hexval(p[2]) << 4 | hexval(p[3]));
}

static size_t put_utf8(char *o, unsigned v)
{
	if (v < 0x80) {
		o[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		o[0] = (char)(0xC0 | v >> 6);
		o[1] = (char)(0x80 | (v & 0x3F));
		return 2;
	}
	if (v < 0x10000) {
		o[0] = (char)(0xE0 | v >> 12);
		o[1] = (char)(0x80 | (v >> 6 & 0x3F));
		o[2] = (char)(0x80 | (v & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | v >> 18);
	o[1] = (char)(0x80 | (v >> 12 & 0x3F));
	o[2] = (char)(0x80 | (v >> 6 & 0x3F));
	o[3] = (char)(0x80 | (v & 0x3F));
	return 4;
}

/* A string at s->p (on its opening quote): t->text and t->len, decoded. */
static int scan_string(cp_jstream *s, cp_jtok *t)
{
	const char *b = s->p, *sb = b, *q = b + 1, *end = s->end;
	int escaped = 0;
	char *o;

	/* first the lexical checks over the whole string (as jansson) */
	for (;;) {
		unsigned char c;
		if (q >= end)
			return fail(s, q, b, q, "premature end of input");
		c = (unsigned char)*q;
		if (c == '"')
			break;
		if (c < 0x20) {
			if (c == '\n')
				return fail(s, q, b, q, "unexpected newline");
			return fail(s, q, b, q, "control character 0x%x", c);
		}
		if (c == '\\') {
			escaped = 1;
			if (q + 1 >= end)
				return fail(s, q + 1, b, q + 1, "premature end of input");
			c = (unsigned char)q[1];
			if (c == 'u') {
				int i;
				for (i = 0; i < 4; i++)
					if (q + 2 + i >= end || hexval(q[2 + i]) < 0)
						return fail(s, q + 2 + i + (q + 2 + i < end), b, q + 2 + i + (q + 2 + i < end),
						            "invalid escape");
				q += 6;
			} else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' ||
			           c == 'r' || c == 't') {
				q += 2;
			} else {
				return fail(s, q + 2, b, q + 2, "invalid escape");
			}
			continue;
		}
		if (c >= 0x80) {
			size_t n = utf8_len((const unsigned char *)q, (const unsigned char *)end);
			if (!n)
				return fail(s, q, b, q, "unable to decode byte 0x%x", c);
			q += n;
			continue;
		}
		q++;
	}
	s->p = q + 1;
	if (!escaped) {
		t->text = b + 1;
		t->len = (size_t)(q - b - 1);
		return 0;
	}
	if (cp_grow(s->al, (void **)&s->buf, &s->capbuf, (size_t)(q - b), 1))
		return nomem(s);
	o = s->buf;
	for (b++; b < q;) {
		if (*b != '\\') {
			*o++ = *b++;
			continue;
		}
		switch (b[1]) {
		case 'u': {
			unsigned v = hex4(b + 2);
			b += 6;
			if (v >= 0xD800 && v <= 0xDBFF) {
				unsigned v2;
				if (b[0] != '\\' || b[1] != 'u')
					return fail(s, s->p, sb, s->p, "invalid Unicode '\\u%04X'", v);
				v2 = hex4(b + 2);
				if (v2 < 0xDC00 || v2 > 0xDFFF)
					return fail(s, s->p, sb, s->p, "invalid Unicode '\\u%04X\\u%04X'", v,
					            v2);
				b += 6;
				v = ((v - 0xD800) << 10) + (v2 - 0xDC00) + 0x10000;
			} else if (v >= 0xDC00 && v <= 0xDFFF) {
				return fail(s, s->p, sb, s->p, "invalid Unicode '\\u%04X'", v);
			}
			o += put_utf8(o, v);
			continue;
		}
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		default: *o++ = b[1]; break; /* '"', '\\', '/' */
		}
		b += 2;
	}
	t->text = s->buf;
	t->len = (size_t)(o - s->buf);
	return 0;
}

/* Whether the digits of a real (int part, fraction, exponent) round to
 * infinity as a binary64, decided exactly on the decimal text. */
static int real_overflows(const char *ip, size_t il, const char *fp, size_t fl, const char *ep,
                          size_t el)
{
	long long e = 0, k;
	char d[330];
	size_t nd = 0, i, lead = 0;
	int neg = 0;

	for (i = 0; i < el; i++) {
		if (ep[i] == '-')
			neg = 1;
		else if (ep[i] >= '0' && ep[i] <= '9' && e < 100000000)
			e = e * 10 + (ep[i] - '0');
	}
	if (neg)
		e = -e;
	/* skip leading zeros of int part then fraction */
	while (lead < il && ip[lead] == '0')
		lead++;
	k = (long long)(il - lead); /* digits before the point */
	if (lead == il) {
		size_t z = 0;
		while (z < fl && fp[z] == '0')
			z++;
		if (z == fl)
			return 0; /* zero */
		k = -(long long)z;
		for (i = z; i < fl && nd < sizeof d - 1; i++)
			d[nd++] = fp[i];
	} else {
		for (i = lead; i < il && nd < sizeof d - 1; i++)
			d[nd++] = ip[i];
		for (i = 0; i < fl && nd < sizeof d - 1; i++)
			d[nd++] = fp[i];
	}
	/* the value is 0.d * 10^(k + e) */
	k += e;
	if (k != 309)
		return k > 309;
	while (nd && d[nd - 1] == '0')
		nd--;
	for (i = 0; i < nd && i < sizeof real_limit - 1; i++)
		if (d[i] != real_limit[i])
			return d[i] > real_limit[i];
	/* equal so far: at or above when d has all the limit's digits */
	return i == sizeof real_limit - 1;
}

/* A token jansson's lexer reads as invalid without a message of its own
 * ([b, e) its text): the parser names it by what it expected there. */
static int soft(cp_jstream *s, const char *b, const char *e)
{
	fail(s, e, b, e, "invalid token");
	s->soft = 1;
	s->soft_b = b;
	s->soft_e = e;
	return CP_JT_ERROR;
}

static int is_digit(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/* A number at s->p: t->type, text, len. */
/* jansson reads one character past a number or a word: when that is not
 * UTF-8, its refusal comes first (near the text read so far, [b, n)). */
static int bad_lookahead(cp_jstream *s, const char *b, const char *n, const char *q)
{
	if (q < s->end && (unsigned char)*q >= 0x80 &&
	    !utf8_len((const unsigned char *)q, (const unsigned char *)s->end))
		return fail(s, q, b, n, "unable to decode byte 0x%x", (unsigned char)*q);
	return 0;
}

static int scan_number(cp_jstream *s, cp_jtok *t)
{
	const char *b = s->p, *q = b, *end = s->end, *ip, *fp = NULL, *ep = NULL;
	size_t il, fl = 0, el = 0;

	if (q < end && *q == '-')
		q++;
	ip = q;
	if (is_digit(q, end) && *q == '0') {
		q++;
		if (is_digit(q, end))
			return soft(s, b, q);
	} else if (is_digit(q, end)) {
		while (is_digit(q, end))
			q++;
	} else {
		return bad_lookahead(s, b, q, q) ? CP_JT_ERROR : soft(s, b, q);
	}
	il = (size_t)(q - ip);
	if (q < end && *q == '.') {
		if (!is_digit(q + 1, end))
			return bad_lookahead(s, b, q, q + 1) ? CP_JT_ERROR : soft(s, b, q);
		fp = ++q;
		while (is_digit(q, end))
			q++;
		fl = (size_t)(q - fp);
	}
	if (q < end && (*q == 'e' || *q == 'E')) {
		ep = ++q;
		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (!is_digit(q, end))
			return bad_lookahead(s, b, q, q) ? CP_JT_ERROR : soft(s, b, q);
		while (is_digit(q, end))
			q++;
		el = (size_t)(q - ep);
	}
	if (bad_lookahead(s, b, q, q))
		return CP_JT_ERROR;
	s->p = q;
	t->text = b;
	t->len = (size_t)(q - b);
	if (!fp && !ep) {
		/* the range of strtoll(), as jansson reads integers */
		static const char max[] = "9223372036854775807", min[] = "9223372036854775808";
		const char *lim = *b == '-' ? min : max;
		if (il > 19 || (il == 19 && memcmp(ip, lim, 19) > 0))
			return fail(s, q, b, q, *b == '-' ? "too big negative integer" : "too big integer");
		t->type = CP_JT_INTEGER;
		return 0;
	}
	if (real_overflows(ip, il, fp, fl, ep, el))
		return fail(s, q, b, q, "real number overflow");
	t->type = CP_JT_REAL;
	return 0;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* One scalar token at s->p (a string, a number, a literal), or an
 * invalid one (soft). */
static int scan_scalar(cp_jstream *s, cp_jtok *t)
{
	const char *q = s->p;
	char c = *q;

	if (c == '"')
		return scan_string(s, t) ? CP_JT_ERROR : (t->type = CP_JT_STRING);
	if (c == '-' || (c >= '0' && c <= '9'))
		return scan_number(s, t) ? CP_JT_ERROR : t->type;
	if (is_alpha(c)) {
		const char *e = q;
		while (e < s->end && is_alpha(*e))
			e++;
		if (bad_lookahead(s, q, e, e))
			return CP_JT_ERROR;
		if (e - q == 4 && !memcmp(q, "true", 4))
			t->type = CP_JT_TRUE;
		else if (e - q == 5 && !memcmp(q, "false", 5))
			t->type = CP_JT_FALSE;
		else if (e - q == 4 && !memcmp(q, "null", 4))
			t->type = CP_JT_NULL;
		else
			return soft(s, q, e);
		t->text = q;
		t->len = (size_t)(e - q);
		s->p = e;
		return t->type;
	}
	if ((unsigned char)c >= 0x80) {
		size_t n = utf8_len((const unsigned char *)q, (const unsigned char *)s->end);
		if (!n)
			return fail(s, q, NULL, NULL, "unable to decode byte 0x%x", (unsigned char)c);
		return soft(s, q, q + n);
	}
	return soft(s, q, q + 1);
}

/* What stands at s->p where `what` was expected: jansson's message for
 * it (a refusal of the token itself comes first, as in jansson). */
static int expected(cp_jstream *s, const char *what)
{
	const char *b = s->p, *e;
	cp_jtok d;
	int r;

	if (b == s->end)
		return fail(s, b, b, b, "%s", what);
	if (strchr("{}[]:,", *b))
		return fail(s, b + 1, b, b + 1, "%s", what);
	r = scan_scalar(s, &d);
	if (r == CP_JT_ERROR && !s->soft)
		return r;
	e = r == CP_JT_ERROR ? s->soft_e : s->p;
	s->code = 0;
	s->soft = 0;
	return fail(s, e, b, e, "%s", what);
}

static int push(cp_jstream *s, int state)
{
	cp_jlevel *L;

	if (cp_grow(s->al, (void **)&s->lv, &s->caplv, s->nlv + 1, sizeof *s->lv))
		return nomem(s);
	L = &s->lv[s->nlv++];
	L->state = state;
	L->key0 = s->nkeys;
	L->arena0 = s->nkarena;
	L->index = NULL;
	L->nindex = 0;
	return 0;
}

static void pop(cp_jstream *s)
{
	cp_jlevel *L = &s->lv[--s->nlv];

	cp_free(s->al, L->index);
	s->nkeys = L->key0;
	s->nkarena = L->arena0;
}

/* Rebuilds the key index of the top object over its keys. */
static int reindex(cp_jstream *s, cp_jlevel *L)
{
	size_t n = s->nkeys - L->key0, slots = 64, i;

	while (slots < n * 2)
		slots *= 2;
	cp_free(s->al, L->index);
	L->index = cp_calloc(s->al, slots, sizeof *L->index);
	L->nindex = 0;
	if (!L->index)
		return COMPLIANCE_E_NOMEM;
	L->nindex = slots;
	for (i = L->key0; i < s->nkeys; i++) {
		size_t h = (size_t)s->keys[i].hash & (slots - 1);
		while (L->index[h])
			h = (h + 1) & (slots - 1);
		L->index[h] = i + 1;
	}
	return 0;
}

/* 1 when the key is already in the top object, else adds it (0), or -1
 * when out of memory. */
static int add_key(cp_jstream *s, const char *k, size_t len)
{
	cp_jlevel *L = &s->lv[s->nlv - 1];
	uint64_t h = cp_hash(&s->hkey, k, len);
	size_t n = s->nkeys - L->key0, i;
	cp_jkey *e;

	if (!L->nindex) {
		for (i = L->key0; i < s->nkeys; i++)
			if (s->keys[i].hash == h && s->keys[i].len == len &&
			    !memcmp(s->karena + s->keys[i].off, k, len))
				return 1;
	} else {
		size_t j = (size_t)h & (L->nindex - 1);
		while (L->index[j]) {
			e = &s->keys[L->index[j] - 1];
			if (e->hash == h && e->len == len && !memcmp(s->karena + e->off, k, len))
				return 1;
			j = (j + 1) & (L->nindex - 1);
		}
	}
	if (cp_grow(s->al, (void **)&s->keys, &s->capkeys, s->nkeys + 1, sizeof *s->keys) ||
	    cp_grow(s->al, (void **)&s->karena, &s->capkarena, s->nkarena + len + 1, 1))
		return -1;
	e = &s->keys[s->nkeys++];
	e->off = s->nkarena;
	e->len = len;
	e->hash = h;
	memcpy(s->karena + s->nkarena, k, len);
	s->nkarena += len;
	n++;
	if (n > 16 && (!L->nindex || n * 2 > L->nindex)) {
		if (reindex(s, L))
			return -1;
	} else if (L->nindex) {
		size_t j = (size_t)h & (L->nindex - 1);
		while (L->index[j])
			j = (j + 1) & (L->nindex - 1);
		L->index[j] = s->nkeys;
	}
	return 0;
}

static int scan_value(cp_jstream *s, cp_jtok *t)
{
	const char *q = s->p;
	char c = *q;
	int r;

	if (c == ',' || c == ':' || c == ']' || c == '}')
		return fail(s, q + 1, q, q + 1, "unexpected token");
	if (s->nlv + 1 > CP_JSTREAM_MAX_DEPTH) {
		/* jansson reads the token first */
		cp_jtok d;
		if (c != '{' && c != '[' && scan_scalar(s, &d) == CP_JT_ERROR && !s->soft)
			return CP_JT_ERROR;
		s->code = 0;
		s->soft = 0;
		return fail(s, q + 1, q, q + 1, "maximum parsing depth reached");
	}
	if (c == '{' || c == '[') {
		s->p++;
		t->type = c == '{' ? CP_JT_OBJECT : CP_JT_ARRAY;
		return push(s, c == '{' ? ST_OBJ_FIRST : ST_ARR_FIRST) ? CP_JT_ERROR : t->type;
	}
	r = scan_scalar(s, t);
	if (r == CP_JT_STRING && memchr(t->text, '\0', t->len))
		return fail(s, s->p, q, s->p, "\\u0000 is not allowed without JSON_ALLOW_NUL");
	return r;
}

int cp_jstream_next(cp_jstream *s, cp_jtok *t)
{
	const char *end = s->end;

	if (s->code)
		return CP_JT_ERROR;
	for (;;) {
		const char *q = s->p;
		cp_jlevel *L;
		char c;

		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')) {
			if (*q == '\n') {
				s->line++;
				s->line_start = q + 1;
			}
			q++;
		}
		s->p = q;
		t->offset = (size_t)(q - s->text);
		t->line_off = (size_t)(s->line_start - s->text);
		t->line = s->line;
		t->depth = (int)s->nlv;
		t->text = NULL;
		t->len = 0;
		if (!s->nlv) {
			if (s->started) {
				if (q == end)
					return t->type = CP_JT_EOF;
				return expected(s, "end of file expected");
			}
			if (q == end || (*q != '{' && *q != '['))
				return expected(s, "'[' or '{' expected");
			s->started = 1;
			return scan_value(s, t);
		}
		L = &s->lv[s->nlv - 1];
		if (q == end) {
			switch (L->state) {
			case ST_OBJ_FIRST: case ST_OBJ_KEY:
				return fail(s, q, q, q, "string or '}' expected");
			case ST_OBJ_COLON:
				return fail(s, q, q, q, "':' expected");
			case ST_OBJ_COMMA:
				return fail(s, q, q, q, "'}' expected");
			case ST_ARR_FIRST: case ST_ARR_COMMA:
				return fail(s, q, q, q, "']' expected");
			default:
				return fail(s, q, q, q, "unexpected token");
			}
		}
		c = *q;
		switch (L->state) {
		case ST_OBJ_FIRST:
		case ST_OBJ_KEY:
			if (c == '}' && L->state == ST_OBJ_FIRST) {
				s->p++;
				pop(s);
				t->depth = (int)s->nlv;
				return t->type = CP_JT_OBJECT_END;
			}
			if (c != '"')
				return expected(s, "string or '}' expected");
			if (scan_string(s, t))
				return CP_JT_ERROR;
			if (memchr(t->text, '\0', t->len))
				return fail(s, s->p, q, s->p - q <= 20 ? s->p : q + 21,
				            "NUL byte in object key not supported");
			switch (add_key(s, t->text, t->len)) {
			case 1:
				return fail(s, s->p, q, s->p - q <= 20 ? s->p : q + 21,
				            "duplicate object key");
			case -1:
				return nomem(s);
			}
			L->state = ST_OBJ_COLON;
			return t->type = CP_JT_KEY;
		case ST_OBJ_COLON:
			if (c != ':')
				return expected(s, "':' expected");
			s->p++;
			L->state = ST_OBJ_VALUE;
			continue;
		case ST_OBJ_VALUE:
			L->state = ST_OBJ_COMMA;
			return scan_value(s, t);
		case ST_ARR_FIRST:
			if (c == ']') {
				s->p++;
				pop(s);
				t->depth = (int)s->nlv;
				return t->type = CP_JT_ARRAY_END;
			}
			/* fall through */
		case ST_ARR_VALUE:
			L->state = ST_ARR_COMMA;
			return scan_value(s, t);
		case ST_OBJ_COMMA:
		case ST_ARR_COMMA: {
			int obj = L->state == ST_OBJ_COMMA;
			if (c == ',') {
				s->p++;
				L->state = obj ? ST_OBJ_KEY : ST_ARR_VALUE;
				continue;
			}
			if (c == (obj ? '}' : ']')) {
				s->p++;
				pop(s);
				t->depth = (int)s->nlv;
				return t->type = obj ? CP_JT_OBJECT_END : CP_JT_ARRAY_END;
			}
			return expected(s, obj ? "'}' expected" : "']' expected");
		}
		}
	}
}

int cp_jstream_skip(cp_jstream *s, const cp_jtok *open)
{
	cp_jtok t;

	if (open->type != CP_JT_OBJECT && open->type != CP_JT_ARRAY)
		return 0;
	for (;;) {
		int r = cp_jstream_next(s, &t);
		if (r == CP_JT_ERROR || r == CP_JT_EOF)
			return CP_JT_ERROR;
		if ((r == CP_JT_OBJECT_END || r == CP_JT_ARRAY_END) && t.depth == open->depth)
			return 0;
	}
}
