/*
 * The XLSX reader (xlsx.h): minizip inflates the parts in chunks, expat
 * parses them as they come, and the chosen sheet is written out as CSV.
 */
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#include "io/xlsx.h"
#include "util/strbuf.h"

/* ---- numbers ------------------------------------------------------------------- */

#define SIG_DIGITS 15

int cp_xlsx_number(const char *text, char out[CP_XLSX_NUMBER_MAX], const char **why)
{
	char d[CP_XLSX_NUMBER_MAX];
	size_t nd = 0, i;
	long exp10 = 0, e = 0; /* value = 0.d[0]d[1]... x 10^exp10 */
	int neg = 0, seen_digit = 0, seen_point = 0, halfway_tail = 1, round_up = 0;
	const char *s = text;
	char *o = out;

	*why = NULL;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			seen_digit = 1;
			if (nd == 0 && *s == '0') { /* a leading zero */
				if (seen_point)
					exp10--;
				continue;
			}
			if (nd < SIG_DIGITS + 1) {
				d[nd++] = *s;
			} else if (*s != '0') {
				halfway_tail = 0; /* a nonzero digit past the 16th */
			}
			if (!seen_point)
				exp10++;
		} else if (*s == '.' && !seen_point) {
			seen_point = 1;
		} else {
			break;
		}
	}
	if (!seen_digit)
		goto bad;
	if (*s == 'e' || *s == 'E') {
		int eneg = 0, edigits = 0;
		s++;
		if (*s == '-' || *s == '+')
			eneg = *s++ == '-';
		for (; *s >= '0' && *s <= '9'; s++, edigits++)
			if (e < 100000)
				e = e * 10 + (*s - '0');
		if (!edigits)
			goto bad;
		exp10 += eneg ? -e : e;
	}
	if (*s)
		goto bad;
	if (nd == 0) { /* zero, however written */
		strcpy(out, "0");
		return 0;
	}
	if (nd > SIG_DIGITS) { /* round to 15 significant digits, half away from zero */
		if (d[SIG_DIGITS] > '5' || (d[SIG_DIGITS] == '5' && !halfway_tail))
			round_up = 1;
		else if (d[SIG_DIGITS] == '5') {
			*why = "the stored number lies exactly halfway between two 15-digit values, "
			       "so what Excel shows depends on binary digits the file does not "
			       "carry; type the value with at most 15 significant digits";
			return COMPLIANCE_E_PARSE;
		}
		nd = SIG_DIGITS;
		if (round_up) {
			for (i = nd; i-- > 0;) {
				if (d[i] < '9') {
					d[i]++;
					break;
				}
				d[i] = '0';
			}
			if (i == (size_t)-1) { /* 999... carried into a new digit */
				d[0] = '1';
				nd = 1;
				exp10++;
			}
		}
	}
	while (nd > 0 && d[nd - 1] == '0')
		nd--;
	if (exp10 > 21 || exp10 < -19) {
		*why = "the number is out of range (at least 1e-20 and below 1e21)";
		return COMPLIANCE_E_PARSE;
	}
	if (neg)
		*o++ = '-';
	if (exp10 <= 0) {
		*o++ = '0';
		*o++ = '.';
		for (e = exp10; e < 0; e++)
			*o++ = '0';
		memcpy(o, d, nd);
		o += nd;
	} else if ((size_t)exp10 >= nd) {
		memcpy(o, d, nd);
		o += nd;
		for (e = (long)nd; e < exp10; e++)
			*o++ = '0';
	} else {
		memcpy(o, d, (size_t)exp10);
		o += exp10;
		*o++ = '.';
		memcpy(o, d + exp10, nd - (size_t)exp10);
		o += nd - (size_t)exp10;
	}
	*o = '\0';
	return 0;
bad:
	*why = "expected a number";
	return COMPLIANCE_E_PARSE;
}

/* ---- the reader -------------------------------------------------------------------- */

#define MAX_SHEETS 4096

typedef struct xr {
	const cp_alloc *al;
	cp_error *err;
	const char *path;
	unzFile zf;
	XML_Parser parser;
	int rc; /* the first error of a callback */
	const char *part;

	/* workbook.xml */
	char **sheet_names, **sheet_rids;
	size_t nsheets, capsheets, capsheets2;
	/* workbook.xml.rels */
	const char *want_rid;
	char *sheet_target, *sst_target;
	/* sharedStrings.xml */
	char **sst;
	size_t nsst, capsst, sst_bytes;
	int in_si, in_rph, in_t;
	/* the sheet */
	const char *sheet_name;
	cp_strbuf cell;     /* the current cell's text */
	cp_strbuf csv;      /* the output */
	cp_strbuf row;      /* the current row */
	unsigned long rownum, line; /* the current row; rows written so far */
	unsigned long col, next_col, row_fields;
	unsigned long header_width;
	char cref[24], ctype[16];
	int in_row, in_c, in_v, in_is;
} xr;

static const char *local_name(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name, int any_ns)
{
	size_t i;
	for (i = 0; atts[i]; i += 2) {
		if (!strcmp(atts[i], name))
			return atts[i + 1];
		if (any_ns && strchr(atts[i], '|') && !strcmp(local_name(atts[i]), name))
			return atts[i + 1];
	}
	return NULL;
}

static int fail(xr *x, int code, const char *fmt, ...) CP_PRINTF(3, 4);
static int fail(xr *x, int code, const char *fmt, ...)
{
	char msg[CP_ERRMSG_MAX - 128];
	va_list ap;

	if (x->rc)
		return x->rc;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (x->sheet_name)
		cp_error_set(x->err, code, "%s[%s]: %s", x->path, x->sheet_name, msg);
	else
		cp_error_set(x->err, code, "%s: %s", x->path, msg);
	x->rc = code;
	if (x->parser)
		XML_StopParser(x->parser, XML_FALSE);
	return code;
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
	xr *x = ud;
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	fail(x, COMPLIANCE_E_PARSE, "%s: a DOCTYPE declaration: refused (not written by a "
	     "spreadsheet program)", x->part);
}

/* Inflates `part` through an expat parser with the given handlers.
 * required: a missing part is an error; else it returns 1. */
static int parse_part(xr *x, const char *part, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler chars, int required)
{
	char *buf;
	size_t total = 0;
	int n, rc = 0;

	x->part = part;
	if (unzLocateFile(x->zf, part, 2) != UNZ_OK) {
		if (!required)
			return 1;
		return fail(x, COMPLIANCE_E_PARSE, "not an XLSX workbook: it has no part %s", part);
	}
	if (unzOpenCurrentFile(x->zf) != UNZ_OK)
		return fail(x, COMPLIANCE_E_PARSE, "%s: cannot be opened (corrupt, encrypted or "
		            "an unsupported compression)", part);
	x->parser = XML_ParserCreateNS(NULL, '|');
	buf = cp_malloc(x->al, 1 << 16);
	if (!x->parser || !buf) {
		unzCloseCurrentFile(x->zf);
		if (x->parser)
			XML_ParserFree(x->parser);
		x->parser = NULL;
		cp_free(x->al, buf);
		return fail(x, COMPLIANCE_E_NOMEM, "out of memory");
	}
	XML_SetUserData(x->parser, x);
	XML_SetElementHandler(x->parser, start, end);
	XML_SetCharacterDataHandler(x->parser, chars);
	XML_SetStartDoctypeDeclHandler(x->parser, no_doctype);
	for (;;) {
		n = unzReadCurrentFile(x->zf, buf, 1 << 16);
		if (n < 0) {
			rc = fail(x, COMPLIANCE_E_PARSE, "%s: corrupt compressed data (zip error %d)",
			          part, n);
			break;
		}
		total += (size_t)n;
		if (total > CP_XLSX_MAX_PART) {
			rc = fail(x, COMPLIANCE_E_PARSE, "%s: inflates to more than %zu MiB: refused "
			          "(a zip bomb, or a sheet far larger than an assessment)",
			          part, CP_XLSX_MAX_PART >> 20);
			break;
		}
		if (XML_Parse(x->parser, buf, n, n == 0) == XML_STATUS_ERROR) {
			if (!x->rc)
				fail(x, COMPLIANCE_E_PARSE, "%s:%lu:%lu: malformed XML: %s", part,
				     (unsigned long)XML_GetCurrentLineNumber(x->parser),
				     (unsigned long)XML_GetCurrentColumnNumber(x->parser) + 1,
				     XML_ErrorString(XML_GetErrorCode(x->parser)));
			rc = x->rc;
			break;
		}
		if (x->rc) {
			rc = x->rc;
			break;
		}
		if (n == 0)
			break;
	}
	if (unzCloseCurrentFile(x->zf) == UNZ_CRCERROR && !rc)
		rc = fail(x, COMPLIANCE_E_PARSE, "%s: CRC mismatch: the file is corrupt", part);
	XML_ParserFree(x->parser);
	x->parser = NULL;
	cp_free(x->al, buf);
	return rc;
}

/* ---- workbook.xml and its relationships ---------------------------------------- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xr *x = ud;
	const char *n, *rid;
	char *a = NULL, *b = NULL;

	if (x->rc || strcmp(local_name(name), "sheet"))
		return;
	n = attr(atts, "name", 0);
	rid = attr(atts, "id", 1);
	if (!n || !rid) {
		fail(x, COMPLIANCE_E_PARSE, "%s: a <sheet> without a name or r:id", x->part);
		return;
	}
	if (x->nsheets == MAX_SHEETS) {
		fail(x, COMPLIANCE_E_PARSE, "%s: more than %d sheets", x->part, MAX_SHEETS);
		return;
	}
	if (cp_grow(x->al, (void **)&x->sheet_names, &x->capsheets, x->nsheets + 1, sizeof(char *)) ||
	    cp_grow(x->al, (void **)&x->sheet_rids, &x->capsheets2, x->nsheets + 1, sizeof(char *)) ||
	    !(a = cp_strdup(x->al, n)) || !(b = cp_strdup(x->al, rid))) {
		cp_free(x->al, a);
		fail(x, COMPLIANCE_E_NOMEM, "out of memory");
		return;
	}
	x->sheet_names[x->nsheets] = a;
	x->sheet_rids[x->nsheets++] = b;
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

static void XMLCALL ignore_chars(void *ud, const XML_Char *s, int len)
{
	(void)ud, (void)s, (void)len;
}

/* A relationship target relative to xl/workbook.xml, as a part name. */
static char *resolve(xr *x, const char *target)
{
	size_t n = strlen(target);
	char *p;

	if (target[0] == '/')
		return cp_strdup(x->al, target + 1);
	p = cp_malloc(x->al, n + 4);
	if (p) {
		memcpy(p, "xl/", 3);
		memcpy(p + 3, target, n + 1);
	}
	return p;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xr *x = ud;
	const char *id, *type, *target;
	size_t tl;
	char **slot = NULL;

	if (x->rc || strcmp(local_name(name), "Relationship"))
		return;
	id = attr(atts, "Id", 0);
	type = attr(atts, "Type", 0);
	target = attr(atts, "Target", 0);
	if (!id || !type || !target)
		return;
	tl = strlen(type);
	if (!strcmp(id, x->want_rid))
		slot = &x->sheet_target;
	else if (tl >= 14 && !strcmp(type + tl - 14, "/sharedStrings"))
		slot = &x->sst_target;
	if (slot && !*slot && !(*slot = resolve(x, target)))
		fail(x, COMPLIANCE_E_NOMEM, "out of memory");
}

/* ---- sharedStrings.xml ------------------------------------------------------------ */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xr *x = ud;
	const char *l = local_name(name);
	(void)atts;

	if (!strcmp(l, "si")) {
		x->in_si = 1;
		x->cell.len = 0;
	} else if (!strcmp(l, "rPh")) {
		x->in_rph++;
	} else if (!strcmp(l, "t") && x->in_si && !x->in_rph) {
		x->in_t = 1;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	xr *x = ud;
	const char *l = local_name(name);
	char *s;

	if (x->rc)
		return;
	if (!strcmp(l, "t")) {
		x->in_t = 0;
	} else if (!strcmp(l, "rPh")) {
		x->in_rph--;
	} else if (!strcmp(l, "si")) {
		x->in_si = 0;
		x->sst_bytes += x->cell.len + 1 + sizeof(char *);
		if (x->sst_bytes > CP_XLSX_MAX_TEXT) {
			fail(x, COMPLIANCE_E_PARSE, "%s: more than %zu MiB of text: refused", x->part,
			     CP_XLSX_MAX_TEXT >> 20);
			return;
		}
		if (cp_grow(x->al, (void **)&x->sst, &x->capsst, x->nsst + 1, sizeof(char *)) ||
		    !(s = cp_strndup(x->al, x->cell.s ? x->cell.s : "", x->cell.len))) {
			fail(x, COMPLIANCE_E_NOMEM, "out of memory");
			return;
		}
		x->sst[x->nsst++] = s;
	}
}

static void append_text(xr *x, const char *s, int len)
{
	if (x->cell.len + (size_t)len > CP_XLSX_MAX_CELL) {
		if (x->in_c)
			fail(x, COMPLIANCE_E_PARSE, "cell %s: longer than Excel's limit of %zu "
			     "characters", x->cref, CP_XLSX_MAX_CELL);
		else
			fail(x, COMPLIANCE_E_PARSE, "%s: a string longer than Excel's limit of %zu "
			     "characters", x->part, CP_XLSX_MAX_CELL);
		return;
	}
	cp_sb_putn(&x->cell, s, (size_t)len);
	if (x->cell.failed)
		fail(x, COMPLIANCE_E_NOMEM, "out of memory");
}

static void XMLCALL sst_chars(void *ud, const XML_Char *s, int len)
{
	xr *x = ud;
	if (!x->rc && x->in_t)
		append_text(x, s, len);
}

/* ---- the sheet ---------------------------------------------------------------------- */

/* "BC12" -> column 54 (0-based), row 12; 0 or -1. */
static int parse_ref(const char *ref, unsigned long *col, unsigned long *row)
{
	unsigned long c = 0, r = 0;
	const char *s = ref;

	for (; *s >= 'A' && *s <= 'Z'; s++) {
		c = c * 26 + (unsigned long)(*s - 'A' + 1);
		if (c > 16384)
			return -1;
	}
	if (s == ref || !*s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		r = r * 10 + (unsigned long)(*s - '0');
		if (r > 1048576)
			return -1;
	}
	if (*s || r == 0)
		return -1;
	*col = c - 1;
	*row = r;
	return 0;
}

static void col_name(unsigned long col, char *buf)
{
	char tmp[8];
	size_t n = 0;

	col++;
	while (col && n < sizeof tmp) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n)
		*buf++ = tmp[--n];
	*buf = '\0';
}

/* Appends one CSV field: quoted when it holds a separator, quote, line
 * break or leading/trailing blank; a line break becomes one space. */
static void put_field(cp_strbuf *b, const char *s, size_t len)
{
	size_t i;
	int quote = len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t');

	for (i = 0; i < len && !quote; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			quote = 1;
	if (quote)
		cp_sb_putc(b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"') {
			cp_sb_puts(b, "\"\"");
		} else if (s[i] == '\r' || s[i] == '\n') {
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			cp_sb_putc(b, ' ');
		} else {
			cp_sb_putc(b, s[i]);
		}
	}
	if (quote)
		cp_sb_putc(b, '"');
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xr *x = ud;
	const char *l = local_name(name), *v;

	if (x->rc)
		return;
	if (!strcmp(l, "row")) {
		unsigned long r = x->rownum + 1;
		v = attr(atts, "r", 0);
		if (v) {
			char *end;
			r = strtoul(v, &end, 10);
			if (*end || r == 0 || r > 1048576) {
				fail(x, COMPLIANCE_E_PARSE, "%s: a row numbered '%.20s'", x->part, v);
				return;
			}
		}
		if (r <= x->rownum) {
			fail(x, COMPLIANCE_E_PARSE, "%s: row %lu after row %lu: rows out of order",
			     x->part, r, x->rownum);
			return;
		}
		x->rownum = r;
		x->in_row = 1;
		x->next_col = 0;
		x->row_fields = 0;
		x->row.len = 0;
	} else if (!strcmp(l, "c") && x->in_row) {
		unsigned long c = x->next_col, r = x->rownum;
		v = attr(atts, "r", 0);
		if (v && parse_ref(v, &c, &r)) {
			fail(x, COMPLIANCE_E_PARSE, "row %lu: a cell reference '%.20s'", x->rownum, v);
			return;
		}
		if (r != x->rownum || c < x->next_col) {
			fail(x, COMPLIANCE_E_PARSE, "row %lu: cell %.20s out of order", x->rownum,
			     v ? v : "?");
			return;
		}
		x->col = c;
		x->next_col = c + 1;
		col_name(c, x->cref);
		snprintf(x->cref + strlen(x->cref), sizeof x->cref - strlen(x->cref), "%lu", r);
		v = attr(atts, "t", 0);
		snprintf(x->ctype, sizeof x->ctype, "%s", v ? v : "n");
		x->cell.len = 0;
		x->in_c = 1;
	} else if (x->in_c && !strcmp(l, "v")) {
		x->in_v = 1;
	} else if (x->in_c && !strcmp(l, "is")) {
		x->in_is = 1;
	} else if (x->in_is && !strcmp(l, "rPh")) {
		x->in_rph++;
	} else if (x->in_is && !x->in_rph && !strcmp(l, "t")) {
		x->in_t = 1;
	}
}

/* The text of the cell just closed, or NULL after an error. */
static const char *cell_text(xr *x, size_t *len, char num[CP_XLSX_NUMBER_MAX])
{
	const char *t = x->ctype, *why;
	const char *s = x->cell.s ? x->cell.s : "";

	cp_sb_putc(&x->cell, '\0'); /* NUL-terminate (not counted below) */
	if (x->cell.failed) {
		fail(x, COMPLIANCE_E_NOMEM, "out of memory");
		return NULL;
	}
	s = x->cell.s;
	x->cell.len--;
	*len = x->cell.len;
	if (!strcmp(t, "s")) {
		char *end;
		unsigned long k = strtoul(s, &end, 10);
		if (!*s || *end || k >= x->nsst) {
			fail(x, COMPLIANCE_E_PARSE, "cell %s: shared string '%.20s' does not exist "
			     "(the workbook has %zu)", x->cref, s, x->nsst);
			return NULL;
		}
		*len = strlen(x->sst[k]);
		return x->sst[k];
	}
	if (!strcmp(t, "inlineStr") || !strcmp(t, "str") || !strcmp(t, "d"))
		return s;
	if (!strcmp(t, "b")) {
		if (strcmp(s, "0") && strcmp(s, "1")) {
			fail(x, COMPLIANCE_E_PARSE, "cell %s: a boolean '%.20s': expected 0 or 1",
			     x->cref, s);
			return NULL;
		}
		return s;
	}
	if (!strcmp(t, "e")) {
		fail(x, COMPLIANCE_E_PARSE, "cell %s: the error value %.40s: fix the formula or "
		     "type the value", x->cref, s);
		return NULL;
	}
	if (strcmp(t, "n")) {
		fail(x, COMPLIANCE_E_PARSE, "cell %s: an unknown cell type '%s'", x->cref, t);
		return NULL;
	}
	if (!*len)
		return s;
	if (cp_xlsx_number(s, num, &why)) {
		char q[64];
		cp_escape_fixed(q, sizeof q, s);
		fail(x, COMPLIANCE_E_PARSE, "cell %s: the number %s: %s", x->cref, q, why);
		return NULL;
	}
	*len = strlen(num);
	return num;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	xr *x = ud;
	const char *l = local_name(name);

	if (x->rc)
		return;
	if (!strcmp(l, "v")) {
		x->in_v = 0;
	} else if (!strcmp(l, "is")) {
		x->in_is = 0;
	} else if (!strcmp(l, "rPh") && x->in_rph) {
		x->in_rph--;
	} else if (!strcmp(l, "t")) {
		x->in_t = 0;
	} else if (!strcmp(l, "c") && x->in_c) {
		char num[CP_XLSX_NUMBER_MAX];
		size_t len;
		const char *s = cell_text(x, &len, num);
		x->in_c = 0;
		if (!s || !len)
			return;
		while (x->row_fields < x->col) { /* the empty cells before it */
			if (x->row_fields > 0)
				cp_sb_putc(&x->row, ',');
			x->row_fields++;
		}
		if (x->row_fields > 0)
			cp_sb_putc(&x->row, ',');
		put_field(&x->row, s, len);
		x->row_fields++;
		/* a shared string repeated in many cells: bounded here, not at the row's end */
		if (x->csv.len + x->row.len > CP_XLSX_MAX_TEXT)
			fail(x, COMPLIANCE_E_PARSE, "cell %s: more than %zu MiB of cell text: refused "
			     "(a string repeated in many cells?)", x->cref, CP_XLSX_MAX_TEXT >> 20);
	} else if (!strcmp(l, "row") && x->in_row) {
		x->in_row = 0;
		while (x->line + 1 < x->rownum) { /* rows the file skips */
			cp_sb_putc(&x->csv, '\n');
			x->line++;
		}
		if (x->row_fields > 0) {
			if (!x->header_width)
				x->header_width = x->row_fields;
			for (; x->row_fields < x->header_width; x->row_fields++)
				cp_sb_putc(&x->row, ',');
			cp_sb_putn(&x->csv, x->row.s, x->row.len);
		}
		cp_sb_putc(&x->csv, '\n');
		x->line++;
		if (x->csv.failed || x->row.failed)
			fail(x, COMPLIANCE_E_NOMEM, "out of memory");
		else if (x->csv.len > CP_XLSX_MAX_TEXT)
			fail(x, COMPLIANCE_E_PARSE, "more than %zu MiB of cell text: refused",
			     CP_XLSX_MAX_TEXT >> 20);
	}
}

static void XMLCALL sheet_chars(void *ud, const XML_Char *s, int len)
{
	xr *x = ud;
	if (!x->rc && x->in_c && (x->in_v || (x->in_is && x->in_t)))
		append_text(x, s, len);
}

/* ---- the whole ---------------------------------------------------------------------------- */

static void xr_free(xr *x)
{
	size_t i;

	for (i = 0; i < x->nsheets; i++) {
		cp_free(x->al, x->sheet_names[i]);
		cp_free(x->al, x->sheet_rids[i]);
	}
	cp_free(x->al, x->sheet_names);
	cp_free(x->al, x->sheet_rids);
	for (i = 0; i < x->nsst; i++)
		cp_free(x->al, x->sst[i]);
	cp_free(x->al, x->sst);
	cp_free(x->al, x->sheet_target);
	cp_free(x->al, x->sst_target);
	cp_sb_free(&x->cell);
	cp_sb_free(&x->row);
	cp_sb_free(&x->csv);
	if (x->zf)
		unzClose(x->zf);
}

int cp_xlsx_read_csv(const cp_alloc *al, cp_error *err, const char *path, const char *sheet,
                     char **out, size_t *len, char **sheet_out)
{
	xr x;
	size_t i, pick = 0;
	int rc;

	*out = NULL;
	*len = 0;
	*sheet_out = NULL;
	cp_error_clear(err);
	memset(&x, 0, sizeof x);
	x.al = al;
	x.err = err;
	x.path = path;
	cp_sb_init(&x.cell, al);
	cp_sb_init(&x.row, al);
	cp_sb_init(&x.csv, al);
	{
		FILE *f = fopen(path, "rb");
		if (!f)
			return cp_error_set(err, COMPLIANCE_E_IO, "%s: cannot open: %s", path,
			                    strerror(errno));
		fclose(f);
	}
	x.zf = unzOpen64(path);
	if (!x.zf)
		return cp_error_set(err, COMPLIANCE_E_PARSE,
		                    "%s: not an XLSX workbook: not a zip archive, or a truncated one (an .xls file, a "
		                    "password-protected workbook, or a CSV named .xlsx?)", path);
	rc = parse_part(&x, "xl/workbook.xml", wb_start, ignore_end, ignore_chars, 1);
	if (rc)
		goto out;
	if (x.nsheets == 0) {
		rc = fail(&x, COMPLIANCE_E_PARSE, "xl/workbook.xml lists no sheet");
		goto out;
	}
	if (sheet) {
		for (pick = 0; pick < x.nsheets && strcmp(x.sheet_names[pick], sheet); pick++)
			;
		if (pick == x.nsheets) {
			char list[512];
			size_t n = 0;
			list[0] = '\0';
			for (i = 0; i < x.nsheets && n + 4 < sizeof list; i++)
				n += (size_t)snprintf(list + n, sizeof list - n, "%s'%s'", i ? ", " : "",
				                      x.sheet_names[i]);
			rc = fail(&x, COMPLIANCE_E_NOTFOUND, "no sheet named '%s': the workbook has %s",
			          sheet, list);
			goto out;
		}
	}
	x.want_rid = x.sheet_rids[pick];
	rc = parse_part(&x, "xl/_rels/workbook.xml.rels", rels_start, ignore_end, ignore_chars, 1);
	if (rc)
		goto out;
	if (!x.sheet_target) {
		rc = fail(&x, COMPLIANCE_E_PARSE, "xl/_rels/workbook.xml.rels: no part for sheet "
		          "'%s' (%s)", x.sheet_names[pick], x.want_rid);
		goto out;
	}
	rc = parse_part(&x, x.sst_target ? x.sst_target : "xl/sharedStrings.xml", sst_start,
	                sst_end, sst_chars, x.sst_target != NULL);
	if (rc < 0)
		goto out;
	x.sheet_name = x.sheet_names[pick];
	rc = parse_part(&x, x.sheet_target, sheet_start, sheet_end, sheet_chars, 1);
	if (rc)
		goto out;
	if (x.csv.failed) {
		rc = fail(&x, COMPLIANCE_E_NOMEM, "out of memory");
		goto out;
	}
	*sheet_out = cp_strdup(al, x.sheet_names[pick]);
	if (!*sheet_out) {
		rc = fail(&x, COMPLIANCE_E_NOMEM, "out of memory");
		goto out;
	}
	*len = x.csv.len;
	*out = cp_sb_take(&x.csv);
	if (!*out) {
		cp_free(al, *sheet_out);
		*sheet_out = NULL;
		*len = 0;
		rc = fail(&x, COMPLIANCE_E_NOMEM, "out of memory");
	}
out:
	xr_free(&x);
	return rc;
}
