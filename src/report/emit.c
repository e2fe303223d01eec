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
#include "report/emit.h"
#include "score/assessment_internal.h"
#include "util/strbuf.h"

int compliance_text_escape(const char *text, char **out)
{
	cp_alloc al;
	cp_strbuf b;

	if (!out)
		return COMPLIANCE_E_INVALID;
	*out = NULL;
	if (!text)
		return COMPLIANCE_E_INVALID;
	cp_alloc_default(&al);
	cp_sb_init(&b, &al);
	cp_sb_escaped(&b, text);
	*out = cp_sb_take(&b);
	return *out ? COMPLIANCE_OK : COMPLIANCE_E_NOMEM;
}

int cp_json_escape_strings(json_t *doc)
{
	cp_alloc al;
	cp_strbuf b;
	size_t i;
	const char *key;
	json_t *v;
	void *tmp;

	if (json_is_array(doc)) {
		json_array_foreach(doc, i, v)
			if (cp_json_escape_strings(v))
				return COMPLIANCE_E_NOMEM;
	} else if (json_is_object(doc)) {
		json_object_foreach_safe(doc, tmp, key, v)
			if (cp_json_escape_strings(v))
				return COMPLIANCE_E_NOMEM;
	} else if (json_is_string(doc)) {
		const char *s = json_string_value(doc);
		size_t len = json_string_length(doc), k = 0;
		while (k < len && (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] < 0x7F)
			k++;
		if (k == len) /* printable ASCII only: nothing to escape */
			return COMPLIANCE_OK;
		cp_alloc_default(&al);
		cp_sb_init(&b, &al);
		cp_sb_escaped(&b, s);
		if (b.failed || json_string_setn(doc, b.s ? b.s : "", b.len)) {
			cp_sb_free(&b);
			return COMPLIANCE_E_NOMEM;
		}
		cp_sb_free(&b);
	}
	return COMPLIANCE_OK;
}

/* ---- assessments ---------------------------------------------------------- */

#define NCOLS 9

static const char *const score_head[NCOLS] = { "entity", "entity_type", "units", "score",
	                                       "category", "zone", "label", "rank",
	                                       "rank_in_type" };

/* Printed for a zone-only edition's category: ours, not input text, so
 * CSV does not neutralise it. */
static const char no_category[] = "-";

/* The printed fields of result r; numbers formatted into cell. */
static void row_values(const compliance_assessment *a, const cp_result *r, const char *v[NCOLS],
                       char cell[NCOLS][CNUM_TEXT_MAX])
{
	const cp_entity *e = &a->entities[r->entity];
	const cp_band *b = &a->profile->bands[r->band];
	const char *cat = b->text[COMPLIANCE_BAND_CATEGORY];

	snprintf(cell[2], sizeof cell[2], "%zu", (size_t)e->nunits);
	cnum_format_scaled(cell[3], r->score, a->profile->decimals);
	snprintf(cell[7], sizeof cell[7], "%zu", r->rank);
	snprintf(cell[8], sizeof cell[8], "%zu", r->rank_in_type);
	v[0] = e->name;
	v[1] = cp_entity_type_names[e->type];
	v[2] = cell[2];
	v[3] = cell[3];
	v[4] = cat[0] ? cat : no_category;
	v[5] = b->text[COMPLIANCE_BAND_ZONE];
	v[6] = r->label;
	v[7] = cell[7];
	v[8] = cell[8];
}

/* The columns that are numbers: aligned right in the table, never
 * neutralised in CSV (a number is not a formula). */
static const int score_numeric[NCOLS] = { 0, 0, 1, 1, 0, 0, 0, 1, 1 };

static void write_table(const compliance_assessment *a, cp_strbuf *b)
{
	size_t w[NCOLS], i, c;
	char cell[NCOLS][CNUM_TEXT_MAX];
	const char *v[NCOLS];

	for (c = 0; c < NCOLS; c++)
		w[c] = strlen(score_head[c]);
	for (i = 0; i < a->nresults; i++) {
		row_values(a, &a->results[i], v, cell);
		for (c = 0; c < NCOLS; c++) {
			size_t n = cp_escaped_width(v[c]);
			if (n > w[c])
				w[c] = n;
		}
	}
	for (i = 0; i <= a->nresults; i++) {
		if (i > 0)
			row_values(a, &a->results[i - 1], v, cell);
		for (c = 0; c < NCOLS; c++) {
			const char *text = i == 0 ? score_head[c] : v[c];
			size_t n = cp_escaped_width(text);
			if (score_numeric[c]) { /* numbers align right */
				cp_sb_spaces(b, w[c] - n);
				cp_sb_escaped(b, text);
			} else {
				cp_sb_escaped(b, text);
				cp_sb_spaces(b, w[c] - n);
			}
			cp_sb_puts(b, c < NCOLS - 1 ? "  " : "\n");
		}
	}
}

static void write_csv(const compliance_assessment *a, cp_strbuf *b)
{
	size_t i, c;
	char cell[NCOLS][CNUM_TEXT_MAX];
	const char *v[NCOLS];

	for (c = 0; c < NCOLS; c++) {
		cp_sb_puts(b, score_head[c]);
		cp_sb_putc(b, c < NCOLS - 1 ? ',' : '\n');
	}
	for (i = 0; i < a->nresults; i++) {
		row_values(a, &a->results[i], v, cell);
		for (c = 0; c < NCOLS; c++) {
			if (score_numeric[c] || v[c] == no_category)
				cp_sb_puts(b, v[c]);
			else
				cp_sb_csv_text(b, v[c]);
			cp_sb_putc(b, c < NCOLS - 1 ? ',' : '\n');
		}
	}
}

/* The JSON array of results, or NULL when out of memory. */
static char *write_json(const compliance_assessment *a)
{
	json_t *arr = json_array();
	char *text;
	size_t i;

	if (!arr)
		return NULL;
	for (i = 0; i < a->nresults; i++) {
		const cp_result *r = &a->results[i];
		char cell[NCOLS][CNUM_TEXT_MAX], mean[CNUM_TEXT_MAX];
		const char *v[NCOLS];
		const char *cat = a->profile->bands[r->band].text[COMPLIANCE_BAND_CATEGORY];

		row_values(a, r, v, cell);
		cnum_format_exact(mean, r->mean);
		if (json_array_append_new(
			    arr, json_pack("{s:s, s:s, s:I, s:s, s:s, s:o, s:s, s:s, s:I, s:I}",
			                   "entity", v[0], "entity_type", v[1], "units",
			                   (json_int_t)a->entities[r->entity].nunits, "score", v[3],
			                   "mean", mean, "category",
			                   cat[0] ? json_string(cat) : json_null(), "zone", v[5],
			                   "label", v[6], "rank", (json_int_t)r->rank, "rank_in_type",
			                   (json_int_t)r->rank_in_type))) {
			json_decref(arr);
			return NULL;
		}
	}
	text = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(arr);
	return text;
}

/* Appends a newline to a json_dumps() text: the form the CLI prints. */
static char *with_newline(char *text)
{
	size_t n;
	char *q;

	if (!text)
		return NULL;
	n = strlen(text);
	q = realloc(text, n + 2);
	if (!q) {
		free(text);
		return NULL;
	}
	q[n] = '\n';
	q[n + 1] = '\0';
	return q;
}

int compliance_assessment_write(compliance_assessment *a, int format, char **out)
{
	cp_alloc al;
	cp_strbuf b;

	if (!a)
		return COMPLIANCE_E_INVALID;
	if (!out)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "write: out is NULL");
	*out = NULL;
	if (format != COMPLIANCE_FORMAT_TABLE && format != COMPLIANCE_FORMAT_CSV &&
	    format != COMPLIANCE_FORMAT_JSON)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "write: unknown format %d: expected COMPLIANCE_FORMAT_TABLE, "
		                    "_CSV or _JSON", format);
	if (!a->computed)
		return cp_error_set(&a->err, COMPLIANCE_E_STATE,
		                    "write: the assessment is not computed: call "
		                    "compliance_assessment_compute() first");
	if (format == COMPLIANCE_FORMAT_JSON) {
		*out = with_newline(write_json(a));
	} else {
		cp_alloc_default(&al); /* the text is released with compliance_free() */
		cp_sb_init(&b, &al);
		if (format == COMPLIANCE_FORMAT_TABLE)
			write_table(a, &b);
		else
			write_csv(a, &b);
		*out = cp_sb_take(&b);
	}
	if (!*out)
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "write: out of memory");
	cp_error_clear(&a->err);
	return COMPLIANCE_OK;
}

/* ---- SKM surveys (through the public API only) ------------------------------ */

static void skm_table(const compliance_skm *s, cp_strbuf *b)
{
	size_t i, wexact = strlen("nrr_exact"), wans = strlen("answers");
	char num[32];

	for (i = 0; i < compliance_skm_element_count(s); i++) {
		size_t n = strlen(compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT));
		if (n > wexact)
			wexact = n;
		n = (size_t)snprintf(num, sizeof num, "%llu",
		                     (unsigned long long)compliance_skm_element_answers(s, i));
		if (n > wans)
			wans = n;
	}
	cp_sb_printf(b, "method       %s (%s)\n", compliance_profile_id(compliance_skm_profile(s)),
	             compliance_profile_fact_source(compliance_skm_profile(s), COMPLIANCE_FACT_BANDS));
	cp_sb_printf(b, "missing      %s\n",
	             compliance_skm_missing_used(s) == COMPLIANCE_SKM_MISSING_LISTWISE
	                     ? "listwise (respondents with any blank answer dropped)"
	                     : "available (each element's NRR over those who answered it)");
	cp_sb_printf(b, "respondents  %llu (read %llu, complete %llu, blank %llu, dropped %llu)\n",
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS),
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ),
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE),
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_BLANK),
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED));
	cp_sb_printf(b, "\nelement  %*s  %5s  %-*s  name\n", (int)wans, "answers", "nrr",
	             (int)wexact, "nrr_exact");
	for (i = 0; i < compliance_skm_element_count(s); i++)
		cp_sb_printf(b, "%-7s  %*llu  %5s  %-*s  %s\n",
		             compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE), (int)wans,
		             (unsigned long long)compliance_skm_element_answers(s, i),
		             compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED), (int)wexact,
		             compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT),
		             compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_NAME));
	cp_sb_printf(b, "\nIKM          %s (exact %s)\n", compliance_skm_result(s, COMPLIANCE_SKM_IKM),
	             compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT));
	cp_sb_puts(b, "category     ");
	cp_sb_escaped(b, compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY));
	cp_sb_puts(b, "\nlabel        ");
	cp_sb_escaped(b, compliance_skm_result(s, COMPLIANCE_SKM_LABEL));
	cp_sb_putc(b, '\n');
}

static void skm_csv(const compliance_skm *s, cp_strbuf *b)
{
	size_t i;

	cp_sb_puts(b, "respondents,ikm,category,label");
	for (i = 0; i < compliance_skm_element_count(s); i++)
		cp_sb_printf(b, ",nrr_%s", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE));
	cp_sb_printf(b, "\n%llu,%s,",
	             (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS),
	             compliance_skm_result(s, COMPLIANCE_SKM_IKM));
	cp_sb_csv_text(b, compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY));
	cp_sb_putc(b, ',');
	cp_sb_csv_text(b, compliance_skm_result(s, COMPLIANCE_SKM_LABEL));
	for (i = 0; i < compliance_skm_element_count(s); i++)
		cp_sb_printf(b, ",%s", compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED));
	cp_sb_putc(b, '\n');
}

static char *skm_json(const compliance_skm *s)
{
	json_t *root, *elements;
	char *text;
	size_t i;

	elements = json_array();
	if (!elements)
		return NULL;
	for (i = 0; i < compliance_skm_element_count(s); i++) {
		if (json_array_append_new(elements, json_pack(
			    "{s:s, s:s, s:I, s:s, s:s}",
			    "element", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE),
			    "name", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_NAME),
			    "answers", (json_int_t)compliance_skm_element_answers(s, i),
			    "nrr", compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED),
			    "nrr_exact", compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT)))) {
			json_decref(elements);
			return NULL;
		}
	}
	root = json_pack(
		"{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:o}",
		"profile", compliance_profile_id(compliance_skm_profile(s)),
		"source", compliance_profile_fact_source(compliance_skm_profile(s), COMPLIANCE_FACT_BANDS),
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
		"elements", elements); /* "o" steals the reference, even on failure */
	if (!root)
		return NULL;
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return text;
}

int compliance_skm_write(const compliance_skm *s, int format, char **out)
{
	cp_alloc al;
	cp_strbuf b;

	if (!s || !out)
		return COMPLIANCE_E_INVALID;
	*out = NULL;
	if (format != COMPLIANCE_FORMAT_TABLE && format != COMPLIANCE_FORMAT_CSV &&
	    format != COMPLIANCE_FORMAT_JSON)
		return COMPLIANCE_E_INVALID;
	if (!compliance_skm_result(s, COMPLIANCE_SKM_IKM))
		return COMPLIANCE_E_STATE;
	if (format == COMPLIANCE_FORMAT_JSON) {
		*out = with_newline(skm_json(s));
	} else {
		cp_alloc_default(&al);
		cp_sb_init(&b, &al);
		if (format == COMPLIANCE_FORMAT_TABLE)
			skm_table(s, &b);
		else
			skm_csv(s, &b);
		*out = cp_sb_take(&b);
	}
	return *out ? COMPLIANCE_OK : COMPLIANCE_E_NOMEM;
}
