/*
 * The result emitters: an assessment's score table, CSV and JSON, and an
 * SKM survey's, exactly as the compliance program prints them (it calls
 * these), so that every binding gets the same output.
 *
 * Human-readable text (the table) escapes control characters
 * (cp_sb_escaped); CSV neutralises formula-like text fields
 * (cp_sb_csv_text); JSON escapes through jansson.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/report.h"
#include "compliance/skm.h"
#include "report/doc.h"
#include "report/emit.h"
#include "report/xlsx_write.h"
#include "score/assessment_internal.h"
#include "util/strbuf.h"

/* ---- assessments ---------------------------------------------------------- */

#define NCOLS 9
/* With several label sets (docs/profile-format.md): one column per further
 * set that labels entities, then "certificate" when a label carries one. */
#define MAXCOLS (NCOLS + 33)

static const char *const score_head[NCOLS] = { "entity", "entity_type", "units", "score",
	                                       "category", "zone", "label", "rank",
	                                       "rank_in_type" };

/* Printed for a zone-only edition's category, and for a label that is not
 * published: ours, not input text, so CSV does not neutralise it. */
static const char no_category[] = "-";

/* The columns of the score table of an assessment's profile. */
typedef struct cp_cols {
	size_t n;
	const char *head[MAXCOLS];
	int numeric[MAXCOLS]; /* aligned right in the table, never neutralised in CSV */
	size_t set[MAXCOLS];  /* for a label column: its label set */
	int certificate;      /* the last column is "certificate" */
	char buf[MAXCOLS - NCOLS][96];
} cp_cols;

/* 1 when some label of the profile that labels entities carries a certificate. */
static int has_certificate(const compliance_profile *p)
{
	size_t s, b;

	for (s = 0; s < p->nlabel_sets; s++)
		for (b = 0; b < p->nbands; b++)
			if ((p->label_sets[s].scope & COMPLIANCE_LABEL_SCOPE_ENTITY) &&
			    p->label_sets[s].labels[b].certificate)
				return 1;
	return 0;
}

static void columns(const compliance_profile *p, cp_cols *c)
{
	static const int numeric[NCOLS] = { 0, 0, 1, 1, 0, 0, 0, 1, 1 };
	size_t k, s;

	memset(c, 0, sizeof *c);
	for (k = 0; k < NCOLS; k++) {
		c->head[k] = score_head[k];
		c->numeric[k] = numeric[k];
	}
	c->n = NCOLS;
	for (s = 1; s < p->nlabel_sets && c->n < MAXCOLS - 1; s++) {
		if (!(p->label_sets[s].scope & COMPLIANCE_LABEL_SCOPE_ENTITY))
			continue;
		snprintf(c->buf[c->n - NCOLS], sizeof c->buf[0], "label_%.80s", p->label_sets[s].id);
		c->head[c->n] = c->buf[c->n - NCOLS];
		c->set[c->n++] = s;
	}
	if (has_certificate(p)) {
		c->head[c->n++] = "certificate";
		c->certificate = 1;
	}
}

/* n in decimal into buf (as "%zu" prints it); returns buf. */
static const char *decimal(char buf[CNUM_TEXT_MAX], size_t n)
{
	char *q = buf + CNUM_TEXT_MAX - 1;

	*q = '\0';
	do {
		*--q = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	return q;
}

/* The printed fields of result r; numbers formatted into cell (the score's
 * text is the result's, formatted once by compute). */
static void row_values(const compliance_assessment *a, const cp_cols *cols, const cp_result *r,
                       const char *v[MAXCOLS], char cell[NCOLS][CNUM_TEXT_MAX])
{
	const cp_entity *e = &a->entities[r->entity];
	const cp_band *b = &a->profile->bands[r->band];
	const char *cat = b->text[COMPLIANCE_BAND_CATEGORY];
	size_t c;

	v[0] = e->name;
	v[1] = cp_entity_type_names[e->type];
	v[2] = decimal(cell[2], e->nunits);
	v[3] = cp_result_score_text(a, r);
	v[4] = cat[0] ? cat : no_category;
	v[5] = b->text[COMPLIANCE_BAND_ZONE];
	v[6] = cp_result_label(a, r);
	v[7] = decimal(cell[7], r->rank);
	v[8] = decimal(cell[8], r->rank_in_type);
	for (c = NCOLS; c < cols->n; c++) {
		if (cols->certificate && c == cols->n - 1) {
			v[c] = compliance_assessment_entity_certificate(a, (size_t)(r - a->results)) == 1
			               ? "yes"
			               : "no";
		} else {
			const char *l = cp_label_of(a->profile, cols->set[c], r->band, r->qmask);
			v[c] = l[0] ? l : no_category;
		}
	}
}

void cp_emit_table(const compliance_assessment *a, cp_strbuf *b)
{
	size_t w[MAXCOLS], i, c;
	char cell[NCOLS][CNUM_TEXT_MAX];
	const char *v[MAXCOLS];
	cp_cols cols;

	columns(a->profile, &cols);
	for (c = 0; c < cols.n; c++)
		w[c] = strlen(cols.head[c]);
	for (i = 0; i < a->nresults; i++) {
		row_values(a, &cols, &a->results[i], v, cell);
		for (c = 0; c < cols.n; c++) {
			size_t n = cp_escaped_width(v[c]);
			if (n > w[c])
				w[c] = n;
		}
	}
	for (i = 0; i <= a->nresults; i++) {
		if (i > 0)
			row_values(a, &cols, &a->results[i - 1], v, cell);
		for (c = 0; c < cols.n; c++) {
			const char *text = i == 0 ? cols.head[c] : v[c];
			size_t n = cp_escaped_width(text);
			if (cols.numeric[c]) { /* numbers align right */
				cp_sb_spaces(b, w[c] - n);
				cp_sb_escaped(b, text);
			} else {
				cp_sb_escaped(b, text);
				if (c < cols.n - 1)
					cp_sb_spaces(b, w[c] - n);
			}
			cp_sb_puts(b, c < cols.n - 1 ? "  " : "\n");
		}
	}
}

/* A text field of the excel-id dialect: as cp_sb_csv_text(), quoted when
 * it holds the ';' separator (a comma needs no quotes there). */
static void csv_text_semicolon(cp_strbuf *b, const char *s)
{
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	              s[0] == '\r';

	if (!formula && !strpbrk(s, ";\"\r\n")) {
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

/* A number of the excel-id dialect: its decimal point as a comma. */
static void number_comma(cp_strbuf *b, const char *s)
{
	for (; *s; s++)
		cp_sb_putc(b, *s == '.' ? ',' : *s);
}

/* RFC 4180 (excel_id 0), or the dialect Excel saves and opens in the
 * Indonesian locale (excel_id 1): UTF-8 BOM, ';', decimal comma, CRLF. */
void cp_emit_csv(const compliance_assessment *a, cp_strbuf *b, int excel_id)
{
	size_t i, c;
	char cell[NCOLS][CNUM_TEXT_MAX];
	const char *v[MAXCOLS];
	const char sep = excel_id ? ';' : ',', *eol = excel_id ? "\r\n" : "\n";
	void (*text)(cp_strbuf *, const char *) = excel_id ? csv_text_semicolon : cp_sb_csv_text;
	cp_cols cols;

	columns(a->profile, &cols);
	if (excel_id)
		cp_sb_puts(b, "\xEF\xBB\xBF");
	for (c = 0; c < cols.n; c++) {
		if (c < NCOLS)
			cp_sb_puts(b, cols.head[c]);
		else
			text(b, cols.head[c]);
		if (c < cols.n - 1)
			cp_sb_putc(b, sep);
	}
	cp_sb_puts(b, eol);
	for (i = 0; i < a->nresults; i++) {
		/* the results are in rank order, their entities anywhere: fetch
		 * the entity of a row 16 on and the name of one 8 on */
		if (i + 16 < a->nresults)
			__builtin_prefetch(&a->entities[a->results[i + 16].entity]);
		if (i + 8 < a->nresults)
			__builtin_prefetch(a->entities[a->results[i + 8].entity].name);
		row_values(a, &cols, &a->results[i], v, cell);
		for (c = 0; c < cols.n; c++) {
			if (cols.numeric[c] && excel_id)
				number_comma(b, v[c]);
			else if (cols.numeric[c] || v[c] == no_category ||
			         (cols.certificate && c == cols.n - 1)) /* ours: "yes" or "no" */
				cp_sb_puts(b, v[c]);
			else
				text(b, v[c]);
			if (c < cols.n - 1)
				cp_sb_putc(b, sep);
		}
		cp_sb_puts(b, eol);
	}
}

/* ---- XLSX ------------------------------------------------------------------------ */

/*
 * The score table as one sheet "hasil": a bold header row, then one row an
 * entity. Integer columns (units, rank, rank_in_type) are numbers; the
 * score is written as its exact decimal text ("73.02"), never through a
 * binary double (docs/input-format.md, "XLSX output"), and every other
 * field as text, unneutralised: a cell is never evaluated as a formula.
 *
 * libxlsxwriter formats its own doubles (column widths, margins) with
 * printf, which follows LC_NUMERIC: under id_ID it would write "8,43" into
 * the XML, which Excel refuses. The calls run under a thread-local "C"
 * locale (uselocale(3)), so the process locale is left alone and other
 * threads are not touched.
 */
static int write_xlsx(compliance_assessment *a, const char *path)
{
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error lerr;
	size_t i, c;
	char cell[NCOLS][CNUM_TEXT_MAX];
	const char *v[MAXCOLS];
	cp_cols cols;
	int rc = COMPLIANCE_OK;
	cp_c_locale loc;
	const cp_lxw *x;
	const char *why;

	if (!(x = cp_lxw_get(&why)))
		return cp_error_set(&a->err, COMPLIANCE_E_IO,
		                    "%s: XLSX output needs libxlsxwriter (%s), which cannot be loaded: "
		                    "%s (Debian: apt-get install libxlsxwriter4)", path,
		                    CP_XLSXWRITER_SONAME, why);
	rc = cp_probe_writable(path);
	if (rc)
		return cp_error_set(&a->err, COMPLIANCE_E_IO, "%s: cannot write the workbook: %s", path,
		                    strerror(rc));
	if (cp_c_locale_enter(&loc))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "write_xlsx: out of memory");
	wb = x->workbook_new(path);
	if (!wb) {
		cp_c_locale_leave(&loc);
		return cp_error_set(&a->err, COMPLIANCE_E_IO, "%s: cannot create the workbook", path);
	}
	ws = x->workbook_add_worksheet(wb, "hasil");
	bold = x->workbook_add_format(wb);
	if (!ws || !bold) {
		x->workbook_close(wb);
		cp_c_locale_leave(&loc);
		remove(path);
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "write_xlsx: out of memory");
	}
	x->format_set_bold(bold);
	columns(a->profile, &cols);
	for (c = 0; c < cols.n; c++)
		x->worksheet_write_string(ws, 0, (lxw_col_t)c, cols.head[c], bold);
	for (i = 0; i < a->nresults && i < LXW_ROW_MAX - 1; i++) {
		row_values(a, &cols, &a->results[i], v, cell);
		for (c = 0; c < cols.n; c++) {
			lxw_row_t r = (lxw_row_t)(i + 1);
			if (c == 2 || c == 7 || c == 8) /* units, rank, rank_in_type: integers */
				x->worksheet_write_number(ws, r, (lxw_col_t)c,
				                       c == 2 ? (int64_t)a->entities[a->results[i].entity].nunits
				                       : c == 7 ? (int64_t)a->results[i].rank
				                                : (int64_t)a->results[i].rank_in_type,
				                       NULL);
			else
				x->worksheet_write_string(ws, r, (lxw_col_t)c, v[c], NULL);
		}
	}
	x->worksheet_freeze_panes(ws, 1, 0);
	lerr = x->workbook_close(wb);
	cp_c_locale_leave(&loc);
	if (lerr != LXW_NO_ERROR) {
		remove(path);
		rc = cp_error_set(&a->err, COMPLIANCE_E_IO, "%s: cannot write the workbook: %s", path,
		                  x->lxw_strerror(lerr));
	}
	return rc;
}

int compliance_assessment_write_xlsx(compliance_assessment *a, const char *path)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	if (!path)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "write_xlsx: path is NULL");
	if (!a->computed)
		return cp_error_set(&a->err, COMPLIANCE_E_STATE,
		                    "write_xlsx: the assessment is not computed: call "
		                    "compliance_assessment_compute() first");
	cp_error_clear(&a->err);
	return write_xlsx(a, path);
}

/* A label as JSON: null when not published. */
static json_t *label_json(const char *l)
{
	return l[0] ? json_string(l) : json_null();
}

/* With declared label sets: the result's "labels" (entity sets),
 * "certificate" and "unit_labels" (unit sets). 0, or -1 out of memory. */
static int json_label_sets(const compliance_assessment *a, const cp_result *r, json_t *obj)
{
	const compliance_profile *p = a->profile;
	const cp_entity *e = &a->entities[r->entity];
	json_t *labels = json_object(), *units = NULL;
	size_t s, u;
	int unit_sets = 0;

	if (!labels || json_object_set_new(obj, "labels", labels))
		return -1;
	for (s = 0; s < p->nlabel_sets; s++) {
		if (p->label_sets[s].scope & COMPLIANCE_LABEL_SCOPE_UNIT)
			unit_sets = 1;
		if ((p->label_sets[s].scope & COMPLIANCE_LABEL_SCOPE_ENTITY) &&
		    json_object_set_new(labels, p->label_sets[s].id,
		                        label_json(cp_label_of(p, s, r->band, r->qmask))))
			return -1;
	}
	if (json_object_set_new(obj, "certificate",
	                        json_boolean(compliance_assessment_entity_certificate(
	                                a, (size_t)(r - a->results)) == 1)))
		return -1;
	if (!unit_sets)
		return 0;
	units = json_array();
	if (!units || json_object_set_new(obj, "unit_labels", units))
		return -1;
	for (u = 0; u < e->nunits; u++) {
		char score[CNUM_TEXT_MAX];
		json_t *ul = json_object(), *one;
		cnum_format_scaled(score, e->units[u].rounded, p->decimals);
		one = json_pack("{s:s, s:s, s:o}", "unit", e->units[u].name, "score", score, "labels",
		                ul);
		if (!one || json_array_append_new(units, one))
			return -1;
		for (s = 0; s < p->nlabel_sets; s++)
			if ((p->label_sets[s].scope & COMPLIANCE_LABEL_SCOPE_UNIT) &&
			    json_object_set_new(ul, p->label_sets[s].id,
			                        label_json(compliance_assessment_unit_label(
			                                a, (size_t)(r - a->results), u, s))))
				return -1;
	}
	return 0;
}

/* The JSON array of results, or NULL when out of memory. */
char *cp_emit_json(const compliance_assessment *a)
{
	json_t *arr = json_array();
	char *text;
	size_t i;
	cp_cols cols;

	if (!arr)
		return NULL;
	columns(a->profile, &cols);
	for (i = 0; i < a->nresults; i++) {
		const cp_result *r = &a->results[i];
		char cell[NCOLS][CNUM_TEXT_MAX];
		const char *v[MAXCOLS], *mean = cp_result_mean_text(a, r);
		const char *cat = a->profile->bands[r->band].text[COMPLIANCE_BAND_CATEGORY];
		json_t *obj;

		row_values(a, &cols, r, v, cell);
		obj = json_pack("{s:s, s:s, s:I, s:s, s:s, s:o, s:s, s:s, s:I, s:I}",
		                "entity", v[0], "entity_type", v[1], "units",
		                (json_int_t)a->entities[r->entity].nunits, "score", v[3],
		                "mean", mean, "category",
		                cat[0] ? json_string(cat) : json_null(), "zone", v[5],
		                "label", v[6], "rank", (json_int_t)r->rank, "rank_in_type",
		                (json_int_t)r->rank_in_type);
		if (!obj || json_array_append_new(arr, obj) ||
		    (a->profile->label_sets_declared && json_label_sets(a, r, obj))) {
			json_decref(arr);
			return NULL;
		}
	}
	text = cp_json_text(arr, 1);
	json_decref(arr);
	return text;
}

/* ---- SKM surveys (through the public API only) ------------------------------ */

static const char *const skm_trait_name[4] = { "sex", "education", "occupation", "age" };

/* The band of an element's NRR: category and label, or NULL. */
static const char *skm_nrr_band(const compliance_skm *s, size_t i, int field)
{
	size_t band;

	if (compliance_skm_nrr_band(s, i, &band))
		return NULL;
	if (field == COMPLIANCE_BAND_CATEGORY)
		return compliance_profile_band_category(compliance_skm_profile(s), band);
	return compliance_profile_band_label(compliance_skm_profile(s), band);
}

/* The table body of one survey (the whole or a group). */
static void skm_table_body(const compliance_skm *s, cp_strbuf *b)
{
	size_t i, k, wexact = strlen("nrr_exact"), wans = strlen("answers"), wband = strlen("band");
	char num[32];

	cp_sb_printf(b, "respondents  %llu (read %llu, complete %llu, blank %llu, dropped %llu)\n",
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS),
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ),
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE),
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_BLANK),
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED));
	for (i = 0; i < compliance_skm_element_count(s); i++) {
		const char *lab = skm_nrr_band(s, i, COMPLIANCE_BAND_LABEL);
		size_t n = strlen(compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT));
		if (n > wexact)
			wexact = n;
		n = (size_t)snprintf(num, sizeof num, "%llu",
		                     (unsigned long long)compliance_skm_element_answers(s, i));
		if (n > wans)
			wans = n;
		n = lab ? strlen(lab) + 2 + strlen(skm_nrr_band(s, i, COMPLIANCE_BAND_CATEGORY)) : 1;
		if (n > wband)
			wband = n;
	}
	cp_sb_printf(b, "\nelement  %*s  %5s  %-*s  %-*s  name\n", (int)wans, "answers", "nrr",
	             (int)wexact, "nrr_exact", (int)wband, "band");
	for (i = 0; i < compliance_skm_element_count(s); i++) {
		const char *cat = skm_nrr_band(s, i, COMPLIANCE_BAND_CATEGORY);
		char band[128];
		snprintf(band, sizeof band, "%s%s%s", cat ? cat : "-", cat ? "  " : "",
		         cat ? skm_nrr_band(s, i, COMPLIANCE_BAND_LABEL) : "");
		cp_sb_printf(b, "%-7s  %*llu  %5s  %-*s  %-*s  %s\n",
		             compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE), (int)wans,
		             (unsigned long long)compliance_skm_element_answers(s, i),
		             compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED), (int)wexact,
		             compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT), (int)wband, band,
		             compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_NAME));
	}
	cp_sb_printf(b, "\nIKM          %s (exact %s)\n", compliance_skm_result(s, COMPLIANCE_SKM_IKM),
	             compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT));
	cp_sb_puts(b, "category     ");
	cp_sb_escaped(b, compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY));
	cp_sb_puts(b, "\nlabel        ");
	cp_sb_escaped(b, compliance_skm_result(s, COMPLIANCE_SKM_LABEL));
	cp_sb_printf(b, "\nweights      %s per element\n",
	             compliance_skm_result(s, COMPLIANCE_SKM_WEIGHTS));
	for (k = 0; k < 2; k++) {
		const char *cat = compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_CATEGORY);
		cp_sb_printf(b, "weight %-5s IKM %s (exact %s), ",
		             compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_WEIGHTS),
		             compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_IKM),
		             compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_IKM_EXACT));
		if (cat) {
			cp_sb_escaped(b, cat);
			cp_sb_putc(b, ' ');
			cp_sb_escaped(b, compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_LABEL));
		} else {
			cp_sb_puts(b, "in no band");
		}
		if (compliance_skm_alt_differs(s, (int)k) == 1) {
			cp_sb_printf(b, ": ANOTHER BAND than %s under %s: a template that writes the "
			             "weight as %s shows this\n",
			             compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY),
			             compliance_skm_result(s, COMPLIANCE_SKM_WEIGHTS),
			             compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_WEIGHTS));
		} else {
			cp_sb_puts(b, ": the same band\n");
		}
	}
	for (k = 0; k < 4; k++) {
		int col = COMPLIANCE_SKM_COLUMN_SEX + (int)k;
		size_t n = compliance_skm_trait_count(s, col);
		if (!n)
			continue;
		cp_sb_printf(b, "%-12s ", skm_trait_name[k]);
		for (i = 0; i < n; i++) {
			uint64_t cnt;
			const char *v = compliance_skm_trait_value(s, col, i, &cnt);
			cp_sb_puts(b, i ? "; " : "");
			cp_sb_escaped(b, *v ? v : "(blank)");
			cp_sb_printf(b, " %llu", (unsigned long long)cnt);
		}
		cp_sb_putc(b, '\n');
	}
}

void cp_emit_skm_table(const compliance_skm *s, cp_strbuf *b)
{
	size_t g;

	if (compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DIALECT)) {
		cp_sb_printf(b, "input        %s (separator '%s' %s, byte-order mark %s, line ends %s, "
		             "answers %s)\n",
		             compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DIALECT),
		             compliance_skm_input(s, COMPLIANCE_SKM_INPUT_SEPARATOR),
		             compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DETECTED),
		             compliance_skm_input(s, COMPLIANCE_SKM_INPUT_BOM),
		             compliance_skm_input(s, COMPLIANCE_SKM_INPUT_LINE_ENDS),
		             !strcmp(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_CODES), "letters")
		                     ? "a-d read as 1-4"
		                     : "1-4");
	}
	cp_sb_printf(b, "method       %s (%s)\n", compliance_profile_id(compliance_skm_profile(s)),
	             compliance_profile_fact_source(compliance_skm_profile(s), COMPLIANCE_FACT_BANDS));
	cp_sb_printf(b, "missing      %s\n",
	             compliance_skm_missing_used(s) == COMPLIANCE_SKM_MISSING_LISTWISE
	                     ? "listwise (respondents with any blank answer dropped)"
	                     : "available (each element's NRR over those who answered it)");
	skm_table_body(s, b);
	for (g = 0; g < compliance_skm_group_count(s); g++) {
		const compliance_skm *gr = compliance_skm_group(s, g);
		const char *name = compliance_skm_group_name(gr);
		cp_sb_puts(b, "\ngroup        ");
		cp_sb_escaped(b, compliance_skm_column(s, COMPLIANCE_SKM_COLUMN_GROUP));
		cp_sb_puts(b, " = ");
		cp_sb_escaped(b, *name ? name : "(blank)");
		cp_sb_putc(b, '\n');
		if (!compliance_skm_result(gr, COMPLIANCE_SKM_IKM)) {
			cp_sb_puts(b, "no result    ");
			cp_sb_escaped(b, compliance_skm_errmsg(gr));
			cp_sb_putc(b, '\n');
			continue;
		}
		skm_table_body(gr, b);
	}
}

static void skm_csv_row(const compliance_skm *s, cp_strbuf *b, const char *scope,
                        const char *group)
{
	size_t i, k, nel = compliance_skm_element_count(s);
	int ok = compliance_skm_result(s, COMPLIANCE_SKM_IKM) != NULL;

	cp_sb_printf(b, "%llu,",
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS));
	if (ok) {
		cp_sb_printf(b, "%s,", compliance_skm_result(s, COMPLIANCE_SKM_IKM));
		cp_sb_csv_text(b, compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY));
		cp_sb_putc(b, ',');
		cp_sb_csv_text(b, compliance_skm_result(s, COMPLIANCE_SKM_LABEL));
	} else {
		cp_sb_puts(b, ",,");
	}
	for (i = 0; i < nel; i++)
		cp_sb_printf(b, ",%s", ok ? compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED) : "");
	for (i = 0; i < nel; i++) {
		const char *cat = ok ? skm_nrr_band(s, i, COMPLIANCE_BAND_CATEGORY) : NULL;
		cp_sb_putc(b, ',');
		if (cat)
			cp_sb_csv_text(b, cat);
	}
	for (k = 0; k < 2; k++) {
		const char *cat = ok ? compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_CATEGORY)
		                     : NULL;
		cp_sb_printf(b, ",%s,",
		             ok ? compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_IKM) : "");
		if (cat)
			cp_sb_csv_text(b, cat);
		cp_sb_printf(b, ",%s",
		             ok ? (compliance_skm_alt_differs(s, (int)k) == 1 ? "yes" : "no") : "");
	}
	cp_sb_printf(b, ",%s,", scope);
	cp_sb_csv_text(b, group);
	cp_sb_putc(b, '\n');
}

void cp_emit_skm_csv(const compliance_skm *s, cp_strbuf *b)
{
	size_t i, k, g, nel = compliance_skm_element_count(s);

	cp_sb_puts(b, "respondents,ikm,category,label");
	for (i = 0; i < nel; i++)
		cp_sb_printf(b, ",nrr_%s", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE));
	for (i = 0; i < nel; i++)
		cp_sb_printf(b, ",band_%s", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE));
	for (k = 0; k < 2; k++) {
		const char *w = compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_WEIGHTS);
		if (!strcmp(w, "mixed"))
			w = k ? "2dp" : "3dp";
		cp_sb_printf(b, ",ikm_w%s,category_w%s,other_band_w%s", w, w, w);
	}
	cp_sb_puts(b, ",scope,group\n");
	skm_csv_row(s, b, "total", "");
	for (g = 0; g < compliance_skm_group_count(s); g++) {
		const compliance_skm *gr = compliance_skm_group(s, g);
		skm_csv_row(gr, b, "group", compliance_skm_group_name(gr));
	}
}

/* The JSON body of one survey; NULL when out of memory. */
static json_t *skm_json_body(const compliance_skm *s)
{
	json_t *root, *elements, *alts, *prof;
	size_t i, k;

	if (!compliance_skm_result(s, COMPLIANCE_SKM_IKM))
		return json_pack("{s:I, s:s}", "respondents_read",
		                 (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ), "error",
		                 compliance_skm_errmsg(s));
	elements = json_array();
	alts = json_array();
	prof = json_object();
	if (!elements || !alts || !prof)
		goto fail;
	for (i = 0; i < compliance_skm_element_count(s); i++) {
		const char *cat = skm_nrr_band(s, i, COMPLIANCE_BAND_CATEGORY);
		json_t *band = cat ? json_pack("{s:s, s:s}", "category", cat, "label",
		                               skm_nrr_band(s, i, COMPLIANCE_BAND_LABEL))
		                   : json_null();
		if (json_array_append_new(elements, json_pack(
			    "{s:s, s:s, s:I, s:s, s:s, s:o}",
			    "element", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE),
			    "name", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_NAME),
			    "answers", (json_int_t)compliance_skm_element_answers(s, i),
			    "nrr", compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED),
			    "nrr_exact", compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT),
			    "band", band)))
			goto fail;
	}
	for (k = 0; k < 2; k++) {
		const char *cat = compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_CATEGORY);
		const char *lab = compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_LABEL);
		if (json_array_append_new(alts, json_pack(
			    "{s:s, s:s, s:s, s:o, s:o, s:b}",
			    "weight", compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_WEIGHTS),
			    "ikm", compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_IKM),
			    "ikm_exact", compliance_skm_alt_result(s, (int)k, COMPLIANCE_SKM_IKM_EXACT),
			    "category", cat ? json_string(cat) : json_null(),
			    "label", lab ? json_string(lab) : json_null(),
			    "other_band", compliance_skm_alt_differs(s, (int)k) == 1)))
			goto fail;
	}
	for (k = 0; k < 4; k++) {
		int col = COMPLIANCE_SKM_COLUMN_SEX + (int)k;
		size_t n = compliance_skm_trait_count(s, col);
		json_t *counts;
		if (!n)
			continue;
		counts = json_array();
		if (!counts || json_object_set_new(prof, skm_trait_name[k], counts))
			goto fail;
		for (i = 0; i < n; i++) {
			uint64_t cnt;
			const char *v = compliance_skm_trait_value(s, col, i, &cnt);
			if (json_array_append_new(counts, json_pack("{s:s, s:I}", "value", v, "count",
			                                            (json_int_t)cnt)))
				goto fail;
		}
	}
	root = json_pack(
		"{s:s, s:I, s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
		"missing", compliance_skm_result(s, COMPLIANCE_SKM_MISSING),
		"respondents", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS),
		"respondents_read", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ),
		"complete", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE),
		"blank", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_BLANK),
		"dropped", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED),
		"ikm", compliance_skm_result(s, COMPLIANCE_SKM_IKM),
		"ikm_exact", compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT),
		"category", compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY),
		"label", compliance_skm_result(s, COMPLIANCE_SKM_LABEL),
		"weights", compliance_skm_result(s, COMPLIANCE_SKM_WEIGHTS),
		"elements", elements, "template_weights", alts,
		"respondent_profile", prof); /* "o" steals the references, even on failure */
	return root;
fail:
	json_decref(elements);
	json_decref(alts);
	json_decref(prof);
	return NULL;
}

json_t *cp_skm_doc(const compliance_skm *s)
{
	json_t *root, *body, *groups;
	size_t g, k;

	root = json_pack("{s:s, s:s}", "profile", compliance_profile_id(compliance_skm_profile(s)),
	                 "source", compliance_profile_fact_source(compliance_skm_profile(s),
	                                                          COMPLIANCE_FACT_BANDS));
	if (!root)
		return NULL;
	if (compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DIALECT)) {
		static const char *const roles[6] = { "id", "group", "sex", "education", "occupation",
			                              "age" };
		json_t *cols = json_object(), *in;
		for (k = 0; cols && k < 6; k++) {
			const char *c = compliance_skm_column(s, (int)k);
			if (json_object_set_new(cols, roles[k], c ? json_string(c) : json_null()))
				break;
		}
		in = json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:o}",
		               "dialect", compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DIALECT),
		               "separator", compliance_skm_input(s, COMPLIANCE_SKM_INPUT_SEPARATOR),
		               "separator_from", compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DETECTED),
		               "bom", !strcmp(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_BOM), "yes"),
		               "line_ends", compliance_skm_input(s, COMPLIANCE_SKM_INPUT_LINE_ENDS),
		               "answer_codes", compliance_skm_input(s, COMPLIANCE_SKM_INPUT_CODES),
		               "columns", cols ? cols : json_null());
		if (!in || json_object_set_new(root, "input", in))
			goto fail;
	}
	body = skm_json_body(s);
	if (!body || json_object_update(root, body)) {
		json_decref(body);
		goto fail;
	}
	json_decref(body);
	if (compliance_skm_column(s, COMPLIANCE_SKM_COLUMN_GROUP)) {
		groups = json_array();
		if (!groups || json_object_set_new(root, "group_column",
		                                   json_string(compliance_skm_column(
			                                   s, COMPLIANCE_SKM_COLUMN_GROUP))) ||
		    json_object_set_new(root, "groups", groups))
			goto fail;
		for (g = 0; g < compliance_skm_group_count(s); g++) {
			const compliance_skm *gr = compliance_skm_group(s, g);
			json_t *gb = skm_json_body(gr);
			json_t *go = json_pack("{s:s}", "group", compliance_skm_group_name(gr));
			if (!gb || !go || json_object_update(go, gb) || json_array_append_new(groups, go)) {
				json_decref(gb);
				goto fail;
			}
			json_decref(gb);
		}
	}
	return root;
fail:
	json_decref(root);
	return NULL;
}
