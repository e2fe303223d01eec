/*
 * The CSV forms of assessment input (docs/input-format.md): unit scores,
 * product scores, or indicator values, in RFC 4180 or as Excel writes
 * "CSV" in the Indonesian locale (';' and a decimal comma), in UTF-8 or
 * converted from Windows-1252/Latin-1. The header names the columns, in
 * any order, by name or alias; other columns are ignored. Every bad row is
 * reported (up to a limit), and a failed read keeps nothing of the file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "score/assessment_internal.h"
#include "io/csv.h"

/* The names a header may give each column, normalised (cp_norm_header()). */
static const struct {
	int col;
	const char *name;
} aliases[] = {
	{ CP_COL_ENTITY, "entity" },        { CP_COL_ENTITY, "entitas" },
	{ CP_COL_ENTITY, "nama entitas" },  { CP_COL_TYPE, "entity type" },
	{ CP_COL_TYPE, "jenis" },           { CP_COL_TYPE, "jenis entitas" },
	{ CP_COL_TYPE, "tipe" },            { CP_COL_UNIT, "unit" },
	{ CP_COL_UNIT, "unit layanan" },    { CP_COL_PRODUCT, "product" },
	{ CP_COL_PRODUCT, "produk" },       { CP_COL_INDICATOR, "indicator" },
	{ CP_COL_INDICATOR, "indikator" },  { CP_COL_VALUE, "score" },
	{ CP_COL_VALUE, "value" },          { CP_COL_VALUE, "nilai" },
	{ CP_COL_VALUE, "skor" },
};

typedef struct reader {
	compliance_assessment *a;
	cp_csv *c;
	const char *name;
	int excel;                 /* the Excel (Indonesian) dialect */
	size_t col[CP_NCOLUMNS];   /* the field of each column, or CP_NONE */
	size_t nheader;            /* fields of the header */
	size_t need;               /* fields a row needs: the last column used + 1 */
	int products, values;      /* the form */
	char header[256];          /* the header as given, for messages */
	size_t nerrors;
	int first_rc, stopped;
	char first[CP_ERRMSG_MAX];
	char *num;                 /* a number with its decimal comma made a point */
	size_t numcap;
	size_t keep[CP_KEEP_MAX];  /* the field of each kept column (a->keep) */
} reader;

static const char *col_name(const reader *r, int k)
{
	if (k == CP_COL_VALUE)
		return r->values ? "value" : "score";
	return cp_column_names[k];
}

/* Records an error of a row (a full message); returns 1 when the read
 * must stop (the limit reached, or out of memory), else 0. */
static int row_error(reader *r, int rc, const char *fmt, ...) CP_PRINTF(3, 4);
static int row_error(reader *r, int rc, const char *fmt, ...)
{
	char msg[CP_ERRMSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cp_utf8_trim(msg);
	if (!r->nerrors) {
		snprintf(r->first, sizeof r->first, "%s", msg);
		r->first_rc = rc;
	}
	r->nerrors++;
	if (rc == COMPLIANCE_E_NOMEM || cp_assessment_diag(r->a, msg)) {
		/* out of memory wins over any error before it: the list is cut */
		r->first_rc = COMPLIANCE_E_NOMEM;
		snprintf(r->first, sizeof r->first, "%s:%zu: out of memory", r->name, r->c->line);
		return 1;
	}
	if (r->nerrors >= r->a->max_errors) {
		r->stopped = 1;
		return 1;
	}
	return 0;
}

static int is_digits(const char *s, size_t len)
{
	size_t i;

	if (!len)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The first ch in s[0..len), or NULL: memchr, but a short field (a value
 * is mostly one digit) is looked at inline rather than by a call a row. */
static const char *find_byte(const char *s, size_t len, char ch)
{
	size_t i;

	if (len > 16)
		return memchr(s, ch, len);
	for (i = 0; i < len; i++)
		if (s[i] == ch)
			return s + i;
	return NULL;
}

/* Whether s[0..len) is a number written with a decimal comma: [+-]d*,d+ */
static int decimal_comma(const char *s, size_t len)
{
	const char *comma = find_byte(s, len, ',');
	size_t i = 0;

	if (!comma)
		return 0;
	if (len && (s[0] == '-' || s[0] == '+'))
		i = 1;
	return (comma == s + i || is_digits(s + i, (size_t)(comma - s) - i)) &&
	       is_digits(comma + 1, len - (size_t)(comma - s) - 1);
}

/* Finds the field of each kept column (compliance_assessment_keep_column);
 * 0 or an error (set on a->err). */
static int keep_header(reader *r)
{
	compliance_assessment *a = r->a;
	cp_csv *c = r->c;
	size_t i, k;

	for (k = 0; k < a->nkeep; k++) {
		r->keep[k] = CP_NONE;
		for (i = 0; i < c->nfields; i++) {
			if (cp_attr_find(a, cp_csv_field(c, i), cp_csv_len(c, i)) != k)
				continue;
			if (r->keep[k] != CP_NONE)
				return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
				                    "%s:%zu: columns %zu and %zu are both '%.100s', the column "
				                    "kept: keep one of them",
				                    r->name, c->line, r->keep[k] + 1, i + 1, a->keep[k].name);
			r->keep[k] = i;
		}
		if (r->keep[k] == CP_NONE)
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: the header has no column '%.100s' (the column to keep, "
			                    "e.g. --group-by or --id-column): found %s",
			                    r->name, c->line, a->keep[k].name, r->header);
	}
	return 0;
}

/* Stores the kept columns of a row added to entity a->last_entity (a field
 * beyond the row's end is empty); returns 1 when the read must stop. */
static int keep_row(reader *r)
{
	compliance_assessment *a = r->a;
	cp_csv *c = r->c;
	char where[300];
	size_t k, f;
	int rc;

	for (k = 0; k < a->nkeep; k++) {
		f = r->keep[k];
		if (f >= c->nfields || !cp_csv_len(c, f))
			continue;
		snprintf(where, sizeof where, "%s:%zu", r->name, c->line);
		cp_utf8_trim(where);
		rc = cp_attr_set(a, k, a->last_entity, cp_csv_field(c, f), cp_csv_len(c, f), where);
		if (rc) {
			char msg[CP_ERRMSG_MAX];
			snprintf(msg, sizeof msg, "%s", a->err.msg);
			if (row_error(r, rc, "%s:%zu: field '%s': %s", r->name, c->line, a->keep[k].name,
			              msg))
				return 1;
		}
	}
	return 0;
}

/* Maps the header's fields to columns; 0 or an error (set on a->err). */
static int read_header(reader *r)
{
	compliance_assessment *a = r->a;
	cp_csv *c = r->c;
	char norm[CP_HDR_MAX], want[CP_HDR_MAX], found[512], missing[160];
	const char *first_missing = NULL;
	size_t i, k, n = 0, len;
	int mapped[CP_NCOLUMNS];

	for (k = 0; k < CP_NCOLUMNS; k++)
		r->col[k] = CP_NONE;
	r->nheader = c->nfields;
	/* the header as given, for messages */
	r->header[0] = '\0';
	for (i = 0, len = 0; i < c->nfields && len < sizeof r->header - 1; i++)
		len += (size_t)snprintf(r->header + len, sizeof r->header - len, "%s%s",
		                        i ? (r->excel ? ";" : ",") : "", cp_csv_field(c, i));
	cp_utf8_trim(r->header);
	for (i = 0; i < c->nfields; i++) {
		size_t bad = cp_csv_utf8_check(cp_csv_field(c, i), cp_csv_len(c, i));
		if (bad < cp_csv_len(c, i))
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: column %zu of the header: byte 0x%02X is not UTF-8 "
			                    "text: the file looks like Windows-1252 or Latin-1 (Excel's "
			                    "plain \"CSV\"): read it with --encoding cp1252 "
			                    "(COMPLIANCE_OPT_ENCODING), or save it as \"CSV UTF-8\"",
			                    r->name, c->line, i + 1,
			                    (unsigned char)cp_csv_field(c, i)[bad]);
	}
	for (k = 0; k < CP_NCOLUMNS; k++)
		mapped[k] = a->columns[k] != NULL;
	for (i = 0; i < c->nfields; i++) {
		int col = -1;
		cp_norm_header(cp_csv_field(c, i), cp_csv_len(c, i), norm);
		if (!norm[0])
			continue;
		for (k = 0; k < CP_NCOLUMNS && col < 0; k++) {
			if (!mapped[k])
				continue;
			cp_norm_header(a->columns[k], strlen(a->columns[k]), want);
			if (!strcmp(norm, want))
				col = (int)k;
		}
		for (k = 0; k < sizeof aliases / sizeof *aliases && col < 0; k++)
			if (!mapped[aliases[k].col] && !strcmp(norm, aliases[k].name))
				col = aliases[k].col;
		if (col < 0)
			continue; /* another column: ignored */
		if (r->col[col] != CP_NONE)
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: columns %zu ('%.60s') and %zu ('%.60s') both give the "
			                    "%s: keep one, or map one with --columns %s=NAME",
			                    r->name, c->line, r->col[col] + 1,
			                    cp_csv_field(c, r->col[col]), i + 1, cp_csv_field(c, i),
			                    cp_column_names[col], cp_column_names[col]);
		r->col[col] = i;
	}
	r->products = r->col[CP_COL_PRODUCT] != CP_NONE;
	r->values = r->col[CP_COL_INDICATOR] != CP_NONE;
	if (r->products && r->values)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "%s:%zu: the header has both a product column and an indicator "
		                    "column: give product scores or indicator values, not both",
		                    r->name, c->line);
	missing[0] = '\0';
	for (k = 0, len = 0; k < CP_NCOLUMNS; k++) {
		if (k == CP_COL_PRODUCT || k == CP_COL_INDICATOR || r->col[k] != CP_NONE)
			continue;
		if (!first_missing)
			first_missing = col_name(r, (int)k);
		len += (size_t)snprintf(missing + len, sizeof missing - len, "%s%s", n++ ? ", " : "",
		                        col_name(r, (int)k));
	}
	if (!n) {
		r->need = 0;
		for (k = 0; k < CP_NCOLUMNS; k++)
			if (r->col[k] != CP_NONE && r->col[k] + 1 > r->need)
				r->need = r->col[k] + 1;
		return a->nkeep ? keep_header(r) : 0;
	}
	/* what was found, quoted */
	found[0] = '\0';
	for (i = 0, len = 0; i < c->nfields && len < sizeof found - 1; i++)
		len += (size_t)snprintf(found + len, sizeof found - len, "%s'%s'", i ? ", " : "",
		                        cp_csv_field(c, i));
	cp_utf8_trim(found);
	if (!r->excel && strchr(r->header, ';'))
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "%s:%zu: the header is %s column%s %s with ';' in it: the file "
		                    "looks like Excel's CSV in the Indonesian locale (';' between "
		                    "fields, decimal comma): read it with --dialect excel-id "
		                    "(COMPLIANCE_OPT_DIALECT)%s",
		                    r->name, c->line, c->nfields == 1 ? "one" : "the", 
		                    c->nfields == 1 ? "" : "s", found,
		                    a->dialect_option == COMPLIANCE_DIALECT_AUTO
		                            ? " (it has more ',' than ';', so it was read as RFC 4180)"
		                            : "");
	return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
	                    "%s:%zu: the header has no column for %s: found %s. Expected the "
	                    "header entity,entity_type,unit,score (or entity,entity_type,unit,"
	                    "product,score, or entity,entity_type,unit,indicator,value), the "
	                    "columns in any order and case, or named in Indonesian (entitas, "
	                    "jenis, unit layanan, produk, indikator, nilai, skor); other columns "
	                    "are ignored; map a column of another name with --columns %s=NAME "
	                    "(compliance_assessment_map_column())",
	                    r->name, c->line, missing, found, first_missing);
}

/* The value field of the row, its decimal comma made a point in the Excel
 * dialect; 0 or an error recorded (*stop set when the read must stop). */
static int number_field(reader *r, const char **s, size_t *len, int *stop)
{
	cp_csv *c = r->c;
	char q[64];

	if (r->excel && find_byte(*s, *len, ',') && find_byte(*s, *len, '.')) {
		cp_quote(q, sizeof q, *s, *len);
		*stop = row_error(r, COMPLIANCE_E_PARSE,
		                  "%s:%zu: field '%s': %s has both a point and a comma: write the "
		                  "number with its decimal comma only, without a thousands separator "
		                  "(e.g. 87,5)",
		                  r->name, c->line, col_name(r, CP_COL_VALUE), q);
		return 1;
	}
	if (!decimal_comma(*s, *len))
		return 0;
	if (r->excel) {
		char *comma;
		if (cp_grow(&r->a->alloc, (void **)&r->num, &r->numcap, *len + 1, 1)) {
			*stop = row_error(r, COMPLIANCE_E_NOMEM, "%s:%zu: out of memory", r->name, c->line);
			return 1;
		}
		memcpy(r->num, *s, *len);
		r->num[*len] = '\0';
		comma = memchr(r->num, ',', *len);
		*comma = '.';
		*s = r->num;
		return 0;
	}
	cp_quote(q, sizeof q, *s, *len);
	*stop = row_error(r, COMPLIANCE_E_PARSE,
	                  "%s:%zu: field '%s': found %s (a comma: write decimals with '.'): it looks "
	                  "like a decimal comma: read the file with --dialect excel-id "
	                  "(COMPLIANCE_OPT_DIALECT)",
	                  r->name, c->line, col_name(r, CP_COL_VALUE), q);
	return 1;
}

/* Checks and adds one row; returns 1 when the read must stop. */
static int read_row(reader *r)
{
	compliance_assessment *a = r->a;
	cp_csv *c = r->c;
	const char *field, *num;
	size_t i, k, numlen;
	int rc, stop = 0;

	if (c->nfields < r->need) {
		int first = -1;
		for (k = 0; k < CP_NCOLUMNS; k++)
			if (r->col[k] != CP_NONE && r->col[k] >= c->nfields &&
			    (first < 0 || r->col[k] < r->col[first]))
				first = (int)k;
		return row_error(r, COMPLIANCE_E_PARSE,
		                 "%s:%zu: field '%s' is missing: expected %zu fields (%s), found %zu",
		                 r->name, c->line, col_name(r, first), r->nheader, r->header,
		                 c->nfields);
	}
	if (c->nfields > r->nheader) {
		size_t v = r->col[CP_COL_VALUE];
		for (i = r->nheader; i < c->nfields && !cp_csv_len(c, i); i++)
			;
		if (i < c->nfields) {
			if (!r->excel && c->nfields == r->nheader + 1 && v + 1 < c->nfields &&
			    is_digits(cp_csv_field(c, v + 1), cp_csv_len(c, v + 1)) &&
			    decimal_comma(cp_csv_field(c, v), cp_csv_len(c, v)) == 0 &&
			    (is_digits(cp_csv_field(c, v), cp_csv_len(c, v)) ||
			     ((cp_csv_field(c, v)[0] == '-' || cp_csv_field(c, v)[0] == '+') &&
			      is_digits(cp_csv_field(c, v) + 1, cp_csv_len(c, v) - 1))))
				return row_error(r, COMPLIANCE_E_PARSE,
				                 "%s:%zu: field %zu is one too many: '%.30s,%.30s' looks like "
				                 "one number with a decimal comma: read the file with "
				                 "--dialect excel-id (COMPLIANCE_OPT_DIALECT), or write "
				                 "decimals with '.'",
				                 r->name, c->line, r->nheader + 1, cp_csv_field(c, v),
				                 cp_csv_field(c, v + 1));
			return row_error(r, COMPLIANCE_E_PARSE,
			                 "%s:%zu: field %zu is one too many: expected %zu fields (%s), "
			                 "found %zu",
			                 r->name, c->line, r->nheader + 1, r->nheader, r->header,
			                 c->nfields);
		}
	}
	for (k = 0; k < CP_NCOLUMNS && !(c->ascii && !a->no_last); k++) {
		size_t f = r->col[k], bad;
		if (f == CP_NONE)
			continue;
		bad = cp_csv_utf8_check(cp_csv_field(c, f), cp_csv_len(c, f));
		if (bad < cp_csv_len(c, f))
			return row_error(r, COMPLIANCE_E_PARSE,
			                 "%s:%zu: field '%s' (column %zu): byte 0x%02X (byte %zu of the "
			                 "field) is not UTF-8 text: the file looks like Windows-1252 or "
			                 "Latin-1 (Excel's plain \"CSV\"): read it with --encoding cp1252 "
			                 "(COMPLIANCE_OPT_ENCODING), or save it as \"CSV UTF-8\"",
			                 r->name, c->line, col_name(r, (int)k), f + 1,
			                 (unsigned char)cp_csv_field(c, f)[bad], bad + 1);
	}
	num = cp_csv_field(c, r->col[CP_COL_VALUE]);
	numlen = cp_csv_len(c, r->col[CP_COL_VALUE]);
	if (number_field(r, &num, &numlen, &stop))
		return stop;
#define F(k) cp_csv_field(c, r->col[k]), cp_csv_len(c, r->col[k])
	if (r->values)
		rc = cp_assessment_add_value(a, F(CP_COL_ENTITY), F(CP_COL_TYPE), F(CP_COL_UNIT),
		                             F(CP_COL_INDICATOR), num, numlen, &field);
	else
		rc = cp_assessment_add(a, F(CP_COL_ENTITY), F(CP_COL_TYPE), F(CP_COL_UNIT),
		                       r->products ? cp_csv_field(c, r->col[CP_COL_PRODUCT]) : NULL,
		                       r->products ? cp_csv_len(c, r->col[CP_COL_PRODUCT]) : 0, num,
		                       numlen, &field);
#undef F
	if (rc) {
		char msg[CP_ERRMSG_MAX];
		snprintf(msg, sizeof msg, "%s", a->err.msg);
		if (!strcmp(field, "score") || !strcmp(field, "value"))
			field = col_name(r, CP_COL_VALUE);
		return row_error(r, rc, "%s:%zu: field '%s': %s", r->name, c->line, field, msg);
	}
	return a->nkeep ? keep_row(r) : 0;
}

static int all_empty(const cp_csv *c)
{
	size_t i;

	for (i = 0; i < c->nfields; i++)
		if (cp_csv_len(c, i))
			return 0;
	return 1;
}

static int read_csv(compliance_assessment *a, cp_csv *c, const char *name)
{
	reader r;
	const char *why = "";
	int rc;

	memset(&r, 0, sizeof r);
	r.a = a;
	r.c = c;
	r.name = name;
	cp_assessment_clear_diags(a);
	if (a->dialect_option == COMPLIANCE_DIALECT_AUTO) {
		size_t commas, semis;
		rc = cp_csv_sniff(c, &commas, &semis);
		if (rc < 0)
			return cp_csv_error(&a->err, c, rc, name, "");
		r.excel = semis > commas;
	} else {
		r.excel = a->dialect_option == COMPLIANCE_DIALECT_EXCEL_ID;
	}
	c->sep = r.excel ? ';' : ',';
	a->dialect_used = r.excel ? COMPLIANCE_DIALECT_EXCEL_ID : COMPLIANCE_DIALECT_RFC4180;
	do
		rc = cp_csv_next(c, &why);
	while (rc == 1 && all_empty(c)); /* a row of separators only */
	if (rc == 0)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "%s: the file is empty: expected the header "
		                    "entity,entity_type,unit,score", name);
	if (rc < 0)
		return cp_csv_error(&a->err, c, rc, name, why);
	if ((rc = read_header(&r)) != 0)
		return rc;
	a->journaling = 1;
	a->computed_mark = a->computed;
	a->batch++;
	a->nundo = 0;
	while ((rc = cp_csv_next(c, &why)) == 1) {
		a->cur_line = c->line;
		if (all_empty(c))
			continue; /* ",,," or ";;;": Excel's rows left empty */
		if (read_row(&r))
			break;
	}
	a->cur_line = 0;
	if (rc < 0) {
		char msg[CP_ERRMSG_MAX];
		cp_csv_error(&a->err, c, rc, name, why);
		snprintf(msg, sizeof msg, "%s", a->err.msg);
		row_error(&r, rc, "%s", msg);
	}
	cp_free(&a->alloc, r.num);
	if (!r.nerrors) {
		a->journaling = 0;
		a->nundo = 0;
		return COMPLIANCE_OK;
	}
	cp_assessment_rollback(a);
	a->journaling = 0;
	a->nundo = 0;
	if (r.stopped) {
		char msg[CP_ERRMSG_MAX];
		snprintf(msg, sizeof msg,
		         "%s: stopped after %zu errors (the limit: --max-errors N, "
		         "COMPLIANCE_OPT_MAX_ERRORS, reports more); nothing from the file was kept",
		         name, r.nerrors);
		cp_assessment_diag(a, msg);
	}
	return cp_error_set(&a->err, r.first_rc, "%s", r.first);
}

static int read_csv_any(void *obj, cp_csv *c, const char *name)
{
	return read_csv(obj, c, name);
}

/* Reads data[0..size) after converting it from the assessment's encoding
 * to UTF-8. */
static int read_converted(compliance_assessment *a, const char *data, size_t size,
                          const char *name)
{
	const char *from = a->encoding == COMPLIANCE_ENCODING_CP1252 ? "CP1252" : "ISO-8859-1";
	const char *label = a->encoding == COMPLIANCE_ENCODING_CP1252 ? "Windows-1252" : "Latin-1";
	char *utf8;
	size_t len, bad, i, line = 1, start = 0;
	int rc;

	cp_error_clear(&a->err);
	cp_assessment_clear_diags(a);
	if (size >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
	    (unsigned char)data[2] == 0xBF)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "%s:1: the file starts with a UTF-8 byte-order mark, so it is "
		                    "UTF-8 already: read it without --encoding %s",
		                    name, a->encoding == COMPLIANCE_ENCODING_CP1252 ? "cp1252" : "latin1");
	rc = cp_csv_convert(&a->alloc, from, data, size, &utf8, &len, &bad);
	if (rc == COMPLIANCE_E_PARSE) {
		for (i = 0; i < bad; i++)
			if (data[i] == '\n') {
				line++;
				start = i + 1;
			}
		return cp_error_set(&a->err, rc,
		                    "%s:%zu: byte 0x%02X (byte %zu of the line) is not a %s "
		                    "character: the file is in another encoding",
		                    name, line, (unsigned char)data[bad], bad - start + 1, label);
	}
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_error_set(&a->err, rc, "%s: out of memory converting from %s", name, label);
	if (rc)
		return cp_error_set(&a->err, rc, "%s: the C library cannot convert from %s (iconv)",
		                    name, label);
	rc = cp_csv_read_buffer(&a->alloc, &a->err, utf8, len, name, read_csv_any, a);
	cp_free(&a->alloc, utf8);
	return rc;
}

int compliance_assessment_read_csv_buffer(compliance_assessment *a, const char *data, size_t size,
                                          const char *name)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	if (a->encoding != COMPLIANCE_ENCODING_UTF8 && (data || !size))
		return read_converted(a, data ? data : "", size, name ? name : "<buffer>");
	return cp_csv_read_buffer(&a->alloc, &a->err, data, size, name, read_csv_any, a);
}

int compliance_assessment_read_csv_file(compliance_assessment *a, const char *path)
{
	char *data;
	size_t len;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	if (a->encoding == COMPLIANCE_ENCODING_UTF8 || !path)
		return cp_csv_read_file(&a->alloc, &a->err, path, read_csv_any, a);
	cp_error_clear(&a->err);
	rc = cp_read_file(&a->alloc, path, &data, &len);
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_error_set(&a->err, rc, "%s: out of memory", path);
	if (rc)
		return cp_error_set(&a->err, rc, "%s: cannot read the file", path);
	rc = read_converted(a, data, len, path);
	cp_free(&a->alloc, data);
	return rc;
}
