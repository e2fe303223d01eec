/*
 * The community satisfaction survey (SKM) and its index (IKM), e.g. under
 * Permenpan RB 14/2017; see include/compliance/skm.h.
 *
 * The method is a profile of kind skm (profiles/skm-2017.json): its
 * top-level nodes are the elements with their answer scale and weights,
 * "skm.conversion" the factor from the weighted mean NRR to the IKM, its
 * rounding and bands those of the IKM.
 *
 * Input is streamed into integer sums and counts per element, kept twice:
 * over every answer given (available-case) and over the respondents who
 * answered every element (listwise). Only the duplicate-id check keeps
 * per-respondent state (skm_ids.c).
 *
 * The NRRs are exact rationals (cnum). The IKM is a sum of fractions whose
 * denominators are the answer counts: with counts in the tens of thousands
 * that differ a little, the common denominator passes 10^40 and no longer
 * fits cnum's 128 bits, so the IKM is summed as a wide fraction (cbigq,
 * number/bignum.h), reduced, rounded half-up, and classified on the
 * profile's bands. No floating point anywhere.
 */
#include <stdio.h>
#include <string.h>

#include "compliance/skm.h"
#include "io/csv.h"
#include "number/bignum.h"
#include "number/number.h"
#include "profile/profile_internal.h"
#include "skm/skm_ids.h"
#include "skm/skm_internal.h"
#include "util/util.h"

typedef struct skm_result {
	int missing;
	uint64_t counts[5];
	int64_t ikm;
	size_t band;
	uint64_t *answers;                /* [nel] */
	char (*nrr_rounded)[CNUM_TEXT_MAX]; /* [nel] */
	char (*nrr_exact)[CNUM_TEXT_MAX];   /* [nel] */
	char ikm_text[CNUM_TEXT_MAX];
	char ikm_exact[CBIGQ_TEXT_MAX];
	size_t *nrr_band;                   /* [nel] */
	/* under the templates' weights (0.111, 0.11) */
	int64_t alt_ikm[2];
	size_t alt_band[2];
	char alt_text[2][CNUM_TEXT_MAX];
	char alt_exact[2][CBIGQ_TEXT_MAX];
} skm_result;

/* One value of a profile column and its count (and the count saved
 * before a read, for rollback). */
typedef struct skm_tally {
	char *value; /* as first met, white space normalised */
	char *key;   /* normalised, lower case */
	uint64_t count, saved;
} skm_tally;

typedef struct skm_trait {
	skm_tally *v;
	size_t n, cap, saved_n;
} skm_trait;

/* Most distinct values of a profile column, and most groups: beyond, the
 * column is not what it was taken for (free text). */
#define SKM_MAX_VALUES 1000
#define SKM_NCOLS 6
#define SKM_NTRAITS 4
#define SKM_MAX_AGE_BANDS 32

/* One element of the method. */
typedef struct skm_element {
	const char *code, *name, *source;
	cnum weight;                 /* weight / total: its share of the IKM */
	cnum alt[2];                 /* that share rounded half-up to 3 and 2 decimals */
	char weight_text[CNUM_TEXT_MAX];
} skm_element;

struct compliance_skm {
	cp_alloc alloc;
	cp_error err;
	compliance_profile *profile;
	size_t nel;
	skm_element *el;
	int amin, amax; /* the answer scale */
	char *header;   /* "respondent,U1,...,U9", for messages */
	int missing;
	int check_duplicates;

	cp_skm_acc acc, saved; /* saved: the sums before a read, for rollback */
	unsigned *ans;      /* [nel] scratch answers of one row */

	cp_ids ids;

	int computed;
	skm_result *res, *next; /* the current result, and the one computed */

	char weights_text[3][CNUM_TEXT_MAX]; /* "1/9", "0.111", "0.11" or "mixed" */

	/* the export reader */
	int letters, sep_opt;
	char *colname[SKM_NCOLS];    /* NULL: the default names; "": none */
	unsigned age_lo[SKM_MAX_AGE_BANDS];
	size_t nage;
	int have_input, in_given, in_bom, in_crlf, in_letters, read_letters;
	char in_sep;
	char *found[SKM_NCOLS];      /* the headers found by the last export read */
	size_t *elcol;               /* [nel] the column of each element (one read) */
	char **elhdr;                /* [nel] its header as written (one read) */
	char **eluser;               /* [nel] the header given for it, or NULL */
	size_t rolecol[SKM_NCOLS];
	skm_trait trait[SKM_NTRAITS]; /* sex, education, occupation, age */
	struct compliance_skm **groups;
	size_t ngroups, capgroups, saved_ngroups;
	char *group_name, *group_key; /* a group: its value */
	size_t saved_nids, saved_ncols;
	int saved_computed;
};

/* ---- the survey object ------------------------------------------------------- */

static skm_result *result_new(const cp_alloc *al, size_t nel)
{
	skm_result *r = cp_calloc(al, 1, sizeof *r);

	if (!r)
		return NULL;
	r->answers = cp_calloc(al, nel, sizeof *r->answers);
	r->nrr_rounded = cp_calloc(al, nel, sizeof *r->nrr_rounded);
	r->nrr_exact = cp_calloc(al, nel, sizeof *r->nrr_exact);
	r->nrr_band = cp_calloc(al, nel, sizeof *r->nrr_band);
	if (!r->answers || !r->nrr_rounded || !r->nrr_exact || !r->nrr_band) {
		cp_free(al, r->nrr_band);
		cp_free(al, r->answers);
		cp_free(al, r->nrr_rounded);
		cp_free(al, r->nrr_exact);
		cp_free(al, r);
		return NULL;
	}
	return r;
}

static void result_free(const cp_alloc *al, skm_result *r)
{
	if (!r)
		return;
	cp_free(al, r->answers);
	cp_free(al, r->nrr_rounded);
	cp_free(al, r->nrr_exact);
	cp_free(al, r->nrr_band);
	cp_free(al, r);
}

/* Reads the method from the profile; 0 or COMPLIANCE_E_NOMEM. */
static int load_method(compliance_skm *s)
{
	const compliance_profile *p = s->profile;
	size_t i, hlen = strlen("respondent") + 1;
	cnum share;

	s->nel = p->nnodes;
	s->el = cp_calloc(&s->alloc, s->nel, sizeof *s->el);
	if (!s->el)
		return COMPLIANCE_E_NOMEM;
	s->amin = (int)p->nodes[0].min.n;
	s->amax = (int)p->nodes[0].max.n;
	for (i = 0; i < s->nel; i++) {
		const cp_node *nd = &p->nodes[i];
		skm_element *e = &s->el[i];

		e->code = nd->text[COMPLIANCE_NODE_ID];
		e->name = nd->text[COMPLIANCE_NODE_NAME];
		e->source = nd->text[COMPLIANCE_NODE_SOURCE] ? nd->text[COMPLIANCE_NODE_SOURCE] : "";
		/* the loader checked the weights are known and their total
		 * non-zero; a share that cannot be held is refused */
		if (cnum_div(&share, nd->weight, p->top_total))
			return COMPLIANCE_E_OVERFLOW;
		/* a profile that reproduces a rounded published weight (0.071
		 * for 1/14) rounds each share half-up: "skm.weight_decimals" */
		if (p->skm_weight_decimals > 0) {
			int64_t scaled;
			if (cnum_round_scaled(&scaled, share, p->skm_weight_decimals) ||
			    cnum_from_scaled(&share, scaled, p->skm_weight_decimals))
				return COMPLIANCE_E_OVERFLOW;
		}
		e->weight = share;
		cnum_format_exact(e->weight_text, share);
		/* the templates' weights: the share as 0.111 and 0.11 */
		for (int k = 0; k < 2; k++) {
			int64_t scaled;
			if (cnum_round_scaled(&scaled, share, 3 - k) ||
			    cnum_from_scaled(&e->alt[k], scaled, 3 - k))
				return COMPLIANCE_E_OVERFLOW;
		}
		hlen += strlen(e->code) + 1;
	}
	for (i = 0; i < 3; i++) {
		cnum w0 = i ? s->el[0].alt[i - 1] : s->el[0].weight;
		size_t j;
		cnum_format_exact(s->weights_text[i], w0);
		for (j = 1; j < s->nel; j++)
			if (cnum_cmp(i ? s->el[j].alt[i - 1] : s->el[j].weight, w0) != 0)
				snprintf(s->weights_text[i], sizeof s->weights_text[i], "mixed");
	}
	s->elcol = cp_calloc(&s->alloc, s->nel, sizeof *s->elcol);
	s->elhdr = cp_calloc(&s->alloc, s->nel, sizeof *s->elhdr);
	s->eluser = cp_calloc(&s->alloc, s->nel, sizeof *s->eluser);
	if (!s->elcol || !s->elhdr || !s->eluser)
		return COMPLIANCE_E_NOMEM;
	s->header = cp_malloc(&s->alloc, hlen);
	if (!s->header)
		return COMPLIANCE_E_NOMEM;
	strcpy(s->header, "respondent");
	for (i = 0; i < s->nel; i++) {
		strcat(s->header, ",");
		strcat(s->header, s->el[i].code);
	}
	return 0;
}

static int skm_create(const cp_alloc *al, compliance_skm **out, compliance_profile *profile)
{
	compliance_skm *s;
	int rc;

	*out = NULL;
	s = cp_calloc(al, 1, sizeof *s);
	if (!s)
		return COMPLIANCE_E_NOMEM;
	s->alloc = *al;
	s->profile = compliance_profile_ref(profile);
	s->missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
	s->check_duplicates = 1;
	cp_ids_init(&s->ids);
	rc = load_method(s);
	if (!rc && (cp_skm_acc_alloc(al, &s->acc, s->nel) || cp_skm_acc_alloc(al, &s->saved, s->nel)))
		rc = COMPLIANCE_E_NOMEM;
	if (!rc) {
		s->ans = cp_calloc(al, s->nel, sizeof *s->ans);
		s->res = result_new(al, s->nel);
		s->next = result_new(al, s->nel);
		if (!s->ans || !s->res || !s->next)
			rc = COMPLIANCE_E_NOMEM;
	}
	if (rc) {
		compliance_skm_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int compliance_skm_new(compliance_ctx *ctx, compliance_skm **out, compliance_profile *profile)
{
	const cp_alloc *al = cp_ctx_alloc(ctx);
	compliance_skm *s;
	int rc;

	cp_ctx_clear(ctx);
	if (!out)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID, "compliance_skm_new: out must not be NULL");
	*out = NULL;
	if (!profile)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_skm_new: no method given: open one, e.g. "
		                   "compliance_profile_open(ctx, &p, \"skm-2017\")");
	if (profile->kind != COMPLIANCE_PROFILE_SKM)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_skm_new: profile '%.100s' is not an SKM method (its "
		                   "kind is not \"skm\"); use e.g. \"skm-2017\"", profile->id);
	rc = skm_create(al, &s, profile);
	if (rc) {
		if (rc == COMPLIANCE_E_NOMEM)
			return cp_ctx_fail(ctx, rc, "out of memory");
		return cp_ctx_fail(ctx, rc, "compliance_skm_new: the weights of '%.100s' cannot be "
		                            "held exactly", profile->id);
	}
	*out = s;
	return COMPLIANCE_OK;
}

void compliance_skm_free(compliance_skm *s)
{
	cp_alloc al;

	if (!s)
		return;
	al = s->alloc;
	cp_ids_free(&s->ids, &al);
	cp_free(&al, s->acc.count);
	cp_free(&al, s->saved.count);
	cp_free(&al, s->ans);
	result_free(&al, s->res);
	result_free(&al, s->next);
	cp_free(&al, s->header);
	cp_free(&al, s->el);
	cp_free(&al, s->elcol);
	for (size_t k = 0; s->elhdr && k < s->nel; k++)
		cp_free(&al, s->elhdr[k]);
	cp_free(&al, s->elhdr);
	for (size_t k = 0; s->eluser && k < s->nel; k++)
		cp_free(&al, s->eluser[k]);
	cp_free(&al, s->eluser);
	for (size_t k = 0; k < SKM_NCOLS; k++) {
		cp_free(&al, s->colname[k]);
		cp_free(&al, s->found[k]);
	}
	for (size_t k = 0; k < SKM_NTRAITS; k++) {
		for (size_t j = 0; j < s->trait[k].n; j++) {
			cp_free(&al, s->trait[k].v[j].value);
			cp_free(&al, s->trait[k].v[j].key);
		}
		cp_free(&al, s->trait[k].v);
	}
	for (size_t k = 0; k < s->ngroups; k++)
		compliance_skm_free(s->groups[k]);
	cp_free(&al, s->groups);
	cp_free(&al, s->group_name);
	cp_free(&al, s->group_key);
	compliance_profile_free(s->profile);
	cp_free(&al, s);
}

const compliance_profile *compliance_skm_profile(const compliance_skm *s)
{
	return s ? s->profile : NULL;
}

size_t compliance_skm_element_count(const compliance_skm *s)
{
	return s ? s->nel : 0;
}

const char *compliance_skm_element(const compliance_skm *s, size_t index, int field)
{
	if (!s || index >= s->nel)
		return NULL;
	switch (field) {
	case COMPLIANCE_SKM_ELEMENT_CODE: return s->el[index].code;
	case COMPLIANCE_SKM_ELEMENT_NAME: return s->el[index].name;
	case COMPLIANCE_SKM_ELEMENT_WEIGHT: return s->el[index].weight_text;
	case COMPLIANCE_SKM_ELEMENT_SOURCE: return s->el[index].source;
	default: return NULL;
	}
}

int compliance_skm_answer_range(const compliance_skm *s, int *min, int *max)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	if (min)
		*min = s->amin;
	if (max)
		*max = s->amax;
	return COMPLIANCE_OK;
}

int compliance_skm_errcode(const compliance_skm *s)
{
	return s ? s->err.code : COMPLIANCE_E_INVALID;
}

const char *compliance_skm_errmsg(const compliance_skm *s)
{
	return s ? s->err.msg : "";
}

int compliance_skm_set_option(compliance_skm *s, int option, int value)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	switch (option) {
	case COMPLIANCE_SKM_OPT_MISSING:
		if (value != COMPLIANCE_SKM_MISSING_AVAILABLE && value != COMPLIANCE_SKM_MISSING_LISTWISE)
			return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
			                    "unknown missing-answer policy %d: expected 0 (available) or "
			                    "1 (listwise)", value);
		s->missing = value;
		return COMPLIANCE_OK;
	case COMPLIANCE_SKM_OPT_CHECK_DUPLICATES:
		if (value != 0 && value != 1)
			return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
			                    "the duplicate check is 0 (off) or 1 (on), not %d", value);
		if (value != s->check_duplicates && s->acc.read)
			return cp_error_set(&s->err, COMPLIANCE_E_STATE,
			                    "the duplicate check must be set before the first respondent "
			                    "(%llu already added)", (unsigned long long)s->acc.read);
		s->check_duplicates = value;
		return COMPLIANCE_OK;
	case COMPLIANCE_SKM_OPT_LETTERS:
		if (value != 0 && value != 1)
			return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
			                    "the letters option is 0 (off) or 1 (a=1 ... d=4), not %d",
			                    value);
		s->letters = value;
		return COMPLIANCE_OK;
	case COMPLIANCE_SKM_OPT_SEPARATOR:
		if (value != 0 && value != ',' && value != ';')
			return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
			                    "the separator is 0 (detect), ',' or ';', not %d", value);
		s->sep_opt = value;
		return COMPLIANCE_OK;
	default:
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID, "unknown option %d", option);
	}
}

int cp_skm_id_valid(const char *id, size_t len, int general)
{
	unsigned bad = 0;
	size_t i;

	/* the fast path (issue 13): printable ASCII, which cp_utf8_valid()
	 * takes, without a branch a byte */
	if (!general) {
		for (i = 0; i < len; i++)
			bad |= (unsigned)((unsigned char)id[i] - 0x20u) >= 0x5fu;
		if (!bad)
			return 1;
	}
	return cp_utf8_valid(id, len);
}

/*
 * Adds one respondent whose answers (s->ans) are already checked. On
 * failure sets the error (without a location), names the offending field
 * in *field, and changes nothing.
 */
static int add_checked(compliance_skm *s, const char *id, size_t len, const char **field,
                       int batch)
{
	cp_skm_acc *a = &s->acc;
	const unsigned *ans = s->ans;
	size_t bad;
	char q[64];
	int rc;

	*field = "respondent";
	if (id) {
		if (!len)
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE, "the respondent id is empty");
		if (!cp_skm_id_valid(id, len, 0))
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "the respondent id is not valid UTF-8 text");
	}
	if (cp_skm_acc_can_add(a, ans, s->nel, s->amax, &bad, 0)) {
		if (bad == SIZE_MAX)
			return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW, "too many respondents to count");
		*field = s->el[bad].code;
		return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW, "too many answers to sum exactly");
	}
	if (id && s->check_duplicates) {
		/* in a batch (a CSV read: read_rows()) the duplicate is found when
		 * the batch is flushed */
		rc = batch ? cp_ids_push(&s->ids, &s->alloc, id, len)
		           : cp_ids_add(&s->ids, &s->alloc, id, len);
		if (rc == COMPLIANCE_E_DUPLICATE) {
			cp_quote(q, sizeof q, id, len);
			return cp_error_set(&s->err, rc, "respondent %s is listed twice", q);
		}
		if (rc == COMPLIANCE_E_OVERFLOW)
			return cp_error_set(&s->err, rc, "more than %zu respondent ids to check for "
			                                 "duplicates: switch the check off",
			                    (size_t)CP_IDS_MAX);
		if (rc)
			return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	/* nothing can fail from here on */
	cp_skm_acc_add(a, ans, s->nel);
	s->computed = 0;
	return COMPLIANCE_OK;
}

int compliance_skm_add_respondent(compliance_skm *s, const char *id, const int *answers,
                                  size_t n)
{
	const char *field;
	char msg[CP_ERRMSG_MAX], q[64];
	size_t i;
	int rc;

	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	if (!answers)
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID, "answers must not be NULL");
	if (n != s->nel)
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
		                    "%zu answers given: the method %s has %zu elements (%s)", n,
		                    s->profile->id, s->nel, s->header + strlen("respondent,"));
	if (id)
		cp_quote(q, sizeof q, id, strlen(id));
	for (i = 0; i < s->nel; i++) {
		if (answers[i] != 0 && (answers[i] < s->amin || answers[i] > s->amax)) {
			if (id)
				return cp_error_set(&s->err, COMPLIANCE_E_RANGE,
				                    "respondent %s: field '%s': expected an answer from %d to "
				                    "%d (0 for no answer), found %d", q, s->el[i].code,
				                    s->amin, s->amax, answers[i]);
			return cp_error_set(&s->err, COMPLIANCE_E_RANGE,
			                    "field '%s': expected an answer from %d to %d (0 for no "
			                    "answer), found %d", s->el[i].code, s->amin, s->amax,
			                    answers[i]);
		}
		s->ans[i] = (unsigned)answers[i];
	}
	rc = add_checked(s, id, id ? strlen(id) : 0, &field, 0);
	if (rc && rc != COMPLIANCE_E_NOMEM && strcmp(field, "respondent") != 0) {
		snprintf(msg, sizeof msg, "%s", s->err.msg);
		if (id)
			cp_error_set(&s->err, rc, "respondent %s: field '%s': %s", q, field, msg);
		else
			cp_error_set(&s->err, rc, "field '%s': %s", field, msg);
	}
	return rc;
}

/* ---- CSV input ------------------------------------------------------------------ */

/* Parses one answer field: 0 (blank), a whole number within the scale, or
 * an error. The general path; cp_skm_answer() takes a single digit
 * first. */
static int parse_answer(compliance_skm *s, const char *f, size_t len, unsigned *out)
{
	char q[64];
	size_t i = 0;
	int integer;

	if (len == 0) {
		*out = 0;
		return 0;
	}
	if (len == 1 && f[0] == '0') {
		cp_quote(q, sizeof q, f, len);
		return cp_error_set(&s->err, COMPLIANCE_E_RANGE,
		                    "expected an answer from %d to %d, found %s (leave the field "
		                    "empty for no answer)", s->amin, s->amax, q);
	}
	/* A plain integer ("5", "-1", "12") is out of range when outside the
	 * scale; anything else ("3.5", "x", "03", "+3") is not an answer. */
	if (f[0] == '-')
		i = 1;
	integer = i < len && f[i] != '0';
	for (; i < len; i++)
		if (f[i] < '0' || f[i] > '9')
			integer = 0;
	if (integer && f[0] != '-' && len <= 10) {
		uint64_t v = 0;
		for (i = 0; i < len; i++)
			v = v * 10 + (uint64_t)(f[i] - '0');
		if (v >= (uint64_t)s->amin && v <= (uint64_t)s->amax) {
			*out = (unsigned)v;
			return 0;
		}
	}
	cp_quote(q, sizeof q, f, len);
	return cp_error_set(&s->err, integer ? COMPLIANCE_E_RANGE : COMPLIANCE_E_PARSE,
	                    "expected an answer from %d to %d, found %s", s->amin, s->amax, q);
}

int cp_skm_answer(compliance_skm *s, const char *f, size_t len, unsigned *out, int general)
{
	/* the fast path (issue 13): one digit within the scale */
	if (!general && len == 1) {
		unsigned d = (unsigned)(unsigned char)f[0] - '0';
		if (d >= 1 && d <= 9 && (int)d >= s->amin && (int)d <= s->amax) {
			*out = d;
			return 0;
		}
	}
	return parse_answer(s, f, len, out);
}

static int check_header(compliance_skm *s, const cp_csv *c, const char *name)
{
	size_t i;
	char q[64];

	for (i = 0; i < c->nfields && i <= s->nel; i++) {
		const char *want = i ? s->el[i - 1].code : "respondent";
		if (strcmp(cp_csv_field(c, i), want) != 0) {
			cp_quote(q, sizeof q, cp_csv_field(c, i), cp_csv_len(c, i));
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: expected the header %s: field %zu is %s, expected "
			                    "'%s'", name, c->line, s->header, i + 1, q, want);
		}
	}
	if (c->nfields != s->nel + 1)
		return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
		                    "%s:%zu: expected the header %s: found %zu fields, expected %zu",
		                    name, c->line, s->header, c->nfields, s->nel + 1);
	return 0;
}

/* Inserts the respondent ids of the batch (read_rows()): 0, or the error
 * of the first one listed twice, at its line (lines[] of the batch). */
static int flush_ids(compliance_skm *s, const size_t *lines, const char *name,
                     const char *field)
{
	const char *id;
	size_t dup, len;
	char q[64];

	if (!s->ids.npend || !cp_ids_flush(&s->ids, &dup, &id, &len))
		return 0;
	cp_quote(q, sizeof q, id, len);
	return cp_error_set(&s->err, COMPLIANCE_E_DUPLICATE,
	                    "%s:%zu: field '%s': respondent %s is listed twice", name, lines[dup],
	                    field, q);
}

static int rows_batched(compliance_skm *s, cp_csv *c, const char *name, size_t *lines)
{
	const char *why;
	int rc;

	while ((rc = cp_csv_next(c, &why)) == 1) {
		const char *field;
		char msg[CP_ERRMSG_MAX];
		size_t i;

		if (c->nfields < s->nel + 1)
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: field '%s' is missing: expected %zu fields (%s), "
			                    "found %zu", name, c->line,
			                    c->nfields ? s->el[c->nfields - 1].code : "respondent",
			                    s->nel + 1, s->header, c->nfields);
		if (c->nfields > s->nel + 1)
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: field %zu is one too many: expected %zu fields (%s), "
			                    "found %zu", name, c->line, s->nel + 2, s->nel + 1, s->header,
			                    c->nfields);
		for (i = 0; i < s->nel; i++) {
			rc = cp_skm_answer(s, cp_csv_field(c, i + 1), cp_csv_len(c, i + 1), &s->ans[i], 0);
			if (rc) {
				snprintf(msg, sizeof msg, "%s", s->err.msg);
				return cp_error_set(&s->err, rc, "%s:%zu: field '%s': %s", name, c->line,
				                    s->el[i].code, msg);
			}
		}
		if (s->ids.npend == CP_IDS_BATCH && flush_ids(s, lines, name, "respondent"))
			return s->err.code;
		i = s->ids.npend;
		rc = add_checked(s, cp_csv_field(c, 0), cp_csv_len(c, 0), &field, 1);
		if (s->ids.npend > i)
			lines[i] = c->line;
		if (rc) {
			if (rc == COMPLIANCE_E_NOMEM)
				return cp_error_set(&s->err, rc, "%s:%zu: out of memory", name, c->line);
			snprintf(msg, sizeof msg, "%s", s->err.msg);
			return cp_error_set(&s->err, rc, "%s:%zu: field '%s': %s", name, c->line, field,
			                    msg);
		}
	}
	if (rc == 0)
		return COMPLIANCE_OK;
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_error_set(&s->err, rc, "%s: out of memory", name);
	if (rc == COMPLIANCE_E_IO)
		return cp_csv_error(&s->err, c, rc, name, why);
	return cp_error_set(&s->err, rc, "%s:%zu: malformed CSV: %s", name, c->line, why);
}

/* The rows; every error is that of the first bad row: a duplicate id
 * waiting in the batch comes before an error of a later row. */
static int read_rows(compliance_skm *s, cp_csv *c, const char *name)
{
	size_t lines[CP_IDS_BATCH];
	int rc = rows_batched(s, c, name, lines);

	if (flush_ids(s, lines, name, "respondent"))
		return s->err.code;
	return rc;
}

/* Makes room in the duplicate-id set for the respondents the source
 * holds, guessed from its size and its first row (at least as many
 * bytes as the row has fields), so that the set does not grow and copy
 * itself along the way. 0 or COMPLIANCE_E_NOMEM (set). */
static int reserve_ids(compliance_skm *s, const cp_csv *c, const char *name, size_t idcol)
{
	const char *row = c->data + c->pos, *nl, *at, *sep;
	size_t rowlen, idlen, n, k;

	if (!s->check_duplicates || idcol == CP_NONE || !c->size_hint || c->pos >= c->size)
		return 0;
	nl = memchr(row, '\n', c->size - c->pos);
	if (!nl)
		return 0;
	rowlen = (size_t)(nl - row) + 1;
	/* the id's field of the first row (quotes not looked at: a guess) */
	for (at = row, k = 0; k < idcol && at; k++) {
		at = memchr(at, c->sep, (size_t)(nl - at));
		if (at)
			at++;
	}
	sep = at ? memchr(at, c->sep, (size_t)(nl - at)) : NULL;
	idlen = at ? (size_t)((sep ? sep : nl) - at) : 0;
	if (rowlen < s->nel + 1)
		rowlen = s->nel + 1;
	n = c->size_hint / rowlen;
	if (cp_ids_reserve(&s->ids, &s->alloc, s->ids.n + n, s->ids.nbytes + n * idlen))
		return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "%s: out of memory", name);
	return 0;
}

/* Reads a whole CSV source; on failure restores the survey as it was. */
static int read_csv(compliance_skm *s, cp_csv *c, const char *name)
{
	int computed = s->computed;
	size_t nids = s->ids.n;
	const char *why;
	int rc;

	rc = cp_csv_next(c, &why);
	if (rc == 0)
		return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
		                    "%s: the file is empty: expected the header %s", name, s->header);
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_error_set(&s->err, rc, "%s: out of memory", name);
	if (rc == COMPLIANCE_E_IO)
		return cp_csv_error(&s->err, c, rc, name, why);
	if (rc < 0)
		return cp_error_set(&s->err, rc, "%s:%zu: malformed CSV: %s", name, c->line, why);
	rc = check_header(s, c, name);
	if (rc)
		return rc;
	rc = reserve_ids(s, c, name, 0);
	if (rc)
		return rc;
	cp_skm_acc_copy(&s->saved, &s->acc, s->nel);
	rc = read_rows(s, c, name);
	if (rc) {
		cp_ids_truncate(&s->ids, nids);
		cp_skm_acc_copy(&s->acc, &s->saved, s->nel);
		s->computed = computed;
	}
	return rc;
}

static int read_csv_any(void *obj, cp_csv *c, const char *name)
{
	return read_csv(obj, c, name);
}

int compliance_skm_read_csv_buffer(compliance_skm *s, const char *data, size_t size,
                                   const char *name)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	return cp_csv_read_buffer(&s->alloc, &s->err, data, size, name, read_csv_any, s);
}

int compliance_skm_read_csv_file(compliance_skm *s, const char *path)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	return cp_csv_read_file(&s->alloc, &s->err, path, read_csv_any, s);
}

/* ---- computing the IKM --------------------------------------------------------- */

static int compute_into(compliance_skm *s, skm_result *r)
{
	const compliance_profile *p = s->profile;
	const cp_skm_acc *a = &s->acc;
	const int listwise = s->missing == COMPLIANCE_SKM_MISSING_LISTWISE;
	cbigq ikm, alt[2];
	cbig num, den;
	size_t i;

	r->missing = s->missing;
	if (a->read == 0)
		return cp_error_set(&s->err, COMPLIANCE_E_MISSING,
		                    "no respondents: the IKM needs at least one answer to every "
		                    "element");
	if (a->read == a->blank)
		return cp_error_set(&s->err, COMPLIANCE_E_MISSING,
		                    "no respondent answered any element (%llu read, all blank)",
		                    (unsigned long long)a->read);
	if (listwise && a->complete == 0)
		return cp_error_set(&s->err, COMPLIANCE_E_MISSING,
		                    "listwise deletion leaves no respondent: no respondent answered "
		                    "all %zu elements (%llu read)", s->nel, (unsigned long long)a->read);
	r->counts[COMPLIANCE_SKM_COUNT_READ] = a->read;
	r->counts[COMPLIANCE_SKM_COUNT_COMPLETE] = a->complete;
	r->counts[COMPLIANCE_SKM_COUNT_BLANK] = a->blank;
	r->counts[COMPLIANCE_SKM_COUNT_RESPONDENTS] = listwise ? a->complete : a->read - a->blank;
	r->counts[COMPLIANCE_SKM_COUNT_DROPPED] = a->read - r->counts[COMPLIANCE_SKM_COUNT_RESPONDENTS];

	/* IKM = conversion * sum(share_i * sum_i / count_i) */
	cbigq_zero(&ikm);
	cbigq_zero(&alt[0]);
	cbigq_zero(&alt[1]);
	for (i = 0; i < s->nel; i++) {
		const cnum w = s->el[i].weight;
		uint64_t cnt = listwise ? a->complete : a->count[i];
		uint64_t sum = listwise ? a->lw_sum[i] : a->sum[i];
		cnum nrr;

		if (cnt == 0)
			return cp_error_set(&s->err, COMPLIANCE_E_MISSING,
			                    "element %s (%s) was answered by no respondent (%llu read): "
			                    "its NRR and the IKM are undefined",
			                    s->el[i].code, s->el[i].name, (unsigned long long)a->read);
		r->answers[i] = cnt;
		if (cnum_make(&nrr, (cint)sum, (cint)cnt))
			return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW,
			                    "the NRR of %s cannot be held exactly", s->el[i].code);
		cnum_format_round(r->nrr_rounded[i], nrr, COMPLIANCE_SKM_NRR_DECIMALS);
		cnum_format_exact(r->nrr_exact[i], nrr);
		/* its band: the IKM bands over the conversion, compared exactly
		 * (NRR x conversion >= lower bound) */
		{
			cnum conv;
			size_t k;
			r->nrr_band[i] = CP_NONE;
			if (!cnum_mul(&conv, nrr, p->skm_conversion))
				for (k = 0; k < p->nbands; k++)
					if (cnum_cmp(conv, p->bands[k].lower) >= 0) {
						r->nrr_band[i] = k;
						break;
					}
		}
		for (int k = 0; k < 2; k++) {
			cbig_set_u128(&num, (unsigned __int128)s->el[i].alt[k].n);
			cbig_set_u128(&den, (unsigned __int128)s->el[i].alt[k].d);
			if (cbig_mul_u64(&num, &num, sum) || cbig_mul_u64(&den, &den, cnt) ||
			    cbigq_add(&alt[k], &num, &den))
				goto overflow;
		}
		/* share_i * sum / cnt = (w.n * sum) / (w.d * cnt) */
		cbig_set_u128(&num, (unsigned __int128)w.n);
		cbig_set_u128(&den, (unsigned __int128)w.d);
		if (cbig_mul_u64(&num, &num, sum) || cbig_mul_u64(&den, &den, cnt) ||
		    cbigq_add(&ikm, &num, &den))
			goto overflow;
	}
	cbig_set_u128(&num, (unsigned __int128)p->skm_conversion.n);
	cbig_set_u128(&den, (unsigned __int128)p->skm_conversion.d);
	if (cbig_mul(&ikm.n, &ikm.n, &num) || cbig_mul(&ikm.d, &ikm.d, &den))
		goto overflow;
	cbigq_reduce(&ikm);
	cbigq_format_exact(r->ikm_exact, &ikm);
	if (cbigq_round_scaled(&r->ikm, &ikm, p->decimals))
		goto overflow;
	cnum_format_scaled(r->ikm_text, r->ikm, p->decimals);
	r->band = cp_profile_band_of(p, r->ikm);
	if (r->band == CP_NONE)
		return cp_error_set(&s->err, COMPLIANCE_E_RANGE, "IKM %s falls in no band of %s",
		                    r->ikm_text, p->id);
	for (i = 0; i < 2; i++) {
		cbig_set_u128(&num, (unsigned __int128)p->skm_conversion.n);
		cbig_set_u128(&den, (unsigned __int128)p->skm_conversion.d);
		if (cbig_mul(&alt[i].n, &alt[i].n, &num) || cbig_mul(&alt[i].d, &alt[i].d, &den))
			goto overflow;
		cbigq_reduce(&alt[i]);
		cbigq_format_exact(r->alt_exact[i], &alt[i]);
		if (cbigq_round_scaled(&r->alt_ikm[i], &alt[i], p->decimals))
			goto overflow;
		cnum_format_scaled(r->alt_text[i], r->alt_ikm[i], p->decimals);
		r->alt_band[i] = cp_profile_band_of(p, r->alt_ikm[i]);
	}
	return COMPLIANCE_OK;

overflow:
	return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW, "the IKM cannot be held exactly");
}

int compliance_skm_compute(compliance_skm *s)
{
	skm_result *t;
	int rc;

	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	rc = compute_into(s, s->next);
	if (rc)
		return rc;
	t = s->res;
	s->res = s->next;
	s->next = t;
	s->computed = 1;
	/* each group under the same policy; a group without a result keeps
	 * its reason in its own error */
	for (size_t g = 0; g < s->ngroups; g++) {
		s->groups[g]->missing = s->missing;
		if (compliance_skm_compute(s->groups[g]))
			s->groups[g]->computed = 0;
	}
	return COMPLIANCE_OK;
}

/* ---- results ------------------------------------------------------------------ */

int compliance_skm_missing_used(const compliance_skm *s)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	return s->computed ? s->res->missing : COMPLIANCE_E_STATE;
}

uint64_t compliance_skm_count(const compliance_skm *s, int which)
{
	if (!s || !s->computed || which < 0 || which > COMPLIANCE_SKM_COUNT_DROPPED)
		return 0;
	return s->res->counts[which];
}

uint64_t compliance_skm_element_answers(const compliance_skm *s, size_t element)
{
	if (!s || !s->computed || element >= s->nel)
		return 0;
	return s->res->answers[element];
}

const char *compliance_skm_nrr(const compliance_skm *s, size_t element, int form)
{
	if (!s || !s->computed || element >= s->nel)
		return NULL;
	switch (form) {
	case COMPLIANCE_SKM_NRR_ROUNDED: return s->res->nrr_rounded[element];
	case COMPLIANCE_SKM_NRR_EXACT: return s->res->nrr_exact[element];
	default: return NULL;
	}
}

const char *compliance_skm_result(const compliance_skm *s, int field)
{
	if (!s || !s->computed)
		return NULL;
	switch (field) {
	case COMPLIANCE_SKM_IKM: return s->res->ikm_text;
	case COMPLIANCE_SKM_IKM_EXACT: return s->res->ikm_exact;
	case COMPLIANCE_SKM_CATEGORY:
		return s->profile->bands[s->res->band].text[COMPLIANCE_BAND_CATEGORY];
	case COMPLIANCE_SKM_LABEL:
		return s->profile->bands[s->res->band].text[COMPLIANCE_BAND_LABEL];
	case COMPLIANCE_SKM_MISSING:
		return s->res->missing == COMPLIANCE_SKM_MISSING_LISTWISE ? "listwise" : "available";
	case COMPLIANCE_SKM_WEIGHTS: return s->weights_text[0];
	default: return NULL;
	}
}

int compliance_skm_ikm_scaled(const compliance_skm *s, int64_t *out)
{
	if (!s || !out)
		return COMPLIANCE_E_INVALID;
	if (!s->computed)
		return COMPLIANCE_E_STATE;
	*out = s->res->ikm;
	return COMPLIANCE_OK;
}

int compliance_skm_band_index(const compliance_skm *s, size_t *out)
{
	if (!s || !out)
		return COMPLIANCE_E_INVALID;
	if (!s->computed)
		return COMPLIANCE_E_STATE;
	*out = s->res->band;
	return COMPLIANCE_OK;
}

/* ---- SKM exports (issue 9) ----------------------------------------------------- */

/*
 * An export as offices hold it: named columns in any order, extra columns,
 * answers 1-4 or a-d, anonymous and trailing empty rows, ',' or ';'. The
 * answer columns are found by the element's code or name; the profile
 * columns (sex, education, occupation, age) are counted; the group column
 * splits the survey into group surveys (struct compliance_skm each, fed
 * the same rows). A failed read restores the survey, its counts and its
 * groups (snap/restore).
 */

/* The default header names of each column (normalised: lower case, one
 * space), NULL-terminated. */
static const char *const col_alias[SKM_NCOLS][8] = {
	[COMPLIANCE_SKM_COLUMN_ID] = { "respondent", "responden", "no", "no.", "nomor", "no responden",
	                               "id", NULL },
	[COMPLIANCE_SKM_COLUMN_GROUP] = { NULL },
	[COMPLIANCE_SKM_COLUMN_SEX] = { "jenis kelamin", "jk", "l/p", "sex", NULL },
	[COMPLIANCE_SKM_COLUMN_EDUCATION] = { "pendidikan", "pendidikan terakhir", "education", NULL },
	[COMPLIANCE_SKM_COLUMN_OCCUPATION] = { "pekerjaan", "pekerjaan utama", "occupation", NULL },
	[COMPLIANCE_SKM_COLUMN_AGE] = { "umur", "usia", "age", NULL },
};

static const char *const col_role[SKM_NCOLS] = { "id", "group", "sex", "education",
	                                         "occupation", "age" };

/* 1 when the two texts are equal once normalised and folded. */
static int same_name(const char *a, size_t alen, const char *b)
{
	char x[256], y[256];
	size_t blen = strlen(b);

	if (alen >= sizeof x || blen >= sizeof y)
		return 0;
	cp_text_key(x, a, alen, 1);
	cp_text_key(y, b, blen, 1);
	return strcmp(x, y) == 0;
}

int compliance_skm_set_column(compliance_skm *s, int column, const char *header)
{
	char *copy = NULL;

	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	if (column < 0 || column >= SKM_NCOLS)
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID, "unknown column %d", column);
	if (column == COMPLIANCE_SKM_COLUMN_GROUP && s->acc.read)
		return cp_error_set(&s->err, COMPLIANCE_E_STATE,
		                    "the group column must be set before the first respondent");
	if (header && !(copy = cp_strdup(&s->alloc, header)))
		return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "out of memory");
	cp_free(&s->alloc, s->colname[column]);
	s->colname[column] = copy;
	return COMPLIANCE_OK;
}

int compliance_skm_set_element_column(compliance_skm *s, size_t element, const char *header)
{
	char *copy = NULL;

	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	if (element >= s->nel)
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
		                    "element %zu: the method %s has %zu elements", element,
		                    s->profile->id, s->nel);
	if (header && !*header)
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
		                    "element %s: an empty header cannot name an answer column",
		                    s->el[element].code);
	if (header && !(copy = cp_strdup(&s->alloc, header)))
		return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "out of memory");
	cp_free(&s->alloc, s->eluser[element]);
	s->eluser[element] = copy;
	return COMPLIANCE_OK;
}

const char *compliance_skm_column(const compliance_skm *s, int column)
{
	if (!s || column < 0 || column >= SKM_NCOLS)
		return NULL;
	return s->found[column];
}

int compliance_skm_set_age_bands(compliance_skm *s, const unsigned *lower, size_t n)
{
	size_t i;

	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	if (n > SKM_MAX_AGE_BANDS || (n && !lower))
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
		                    "at most %d age bands, given by their lower bounds",
		                    SKM_MAX_AGE_BANDS);
	for (i = 0; i < n; i++)
		if (lower[i] > 200 || (i && lower[i] <= lower[i - 1]))
			return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
			                    "the age bands' lower bounds must increase strictly and be at "
			                    "most 200 (bound %zu is %u)", i + 1, lower[i]);
	if (s->acc.read)
		return cp_error_set(&s->err, COMPLIANCE_E_STATE,
		                    "the age bands must be set before the first respondent");
	for (i = 0; i < n; i++)
		s->age_lo[i] = lower[i];
	s->nage = n;
	return COMPLIANCE_OK;
}

const char *compliance_skm_input(const compliance_skm *s, int field)
{
	if (!s || !s->have_input)
		return NULL;
	switch (field) {
	case COMPLIANCE_SKM_INPUT_DIALECT: return s->in_sep == ';' ? "excel-id" : "rfc4180";
	case COMPLIANCE_SKM_INPUT_SEPARATOR: return s->in_sep == ';' ? ";" : ",";
	case COMPLIANCE_SKM_INPUT_DETECTED: return s->in_given ? "given" : "detected";
	case COMPLIANCE_SKM_INPUT_BOM: return s->in_bom ? "yes" : "no";
	case COMPLIANCE_SKM_INPUT_LINE_ENDS: return s->in_crlf ? "crlf" : "lf";
	case COMPLIANCE_SKM_INPUT_CODES: return s->in_letters ? "letters" : "digits";
	default: return NULL;
	}
}

size_t compliance_skm_trait_count(const compliance_skm *s, int column)
{
	if (!s || column < COMPLIANCE_SKM_COLUMN_SEX || column > COMPLIANCE_SKM_COLUMN_AGE)
		return 0;
	return s->trait[column - COMPLIANCE_SKM_COLUMN_SEX].n;
}

const char *compliance_skm_trait_value(const compliance_skm *s, int column, size_t index,
                                       uint64_t *count)
{
	const skm_trait *t;

	if (!s || column < COMPLIANCE_SKM_COLUMN_SEX || column > COMPLIANCE_SKM_COLUMN_AGE)
		return NULL;
	t = &s->trait[column - COMPLIANCE_SKM_COLUMN_SEX];
	if (index >= t->n)
		return NULL;
	if (count)
		*count = t->v[index].count;
	return t->v[index].value;
}

size_t compliance_skm_group_count(const compliance_skm *s)
{
	return s ? s->ngroups : 0;
}

const compliance_skm *compliance_skm_group(const compliance_skm *s, size_t index)
{
	if (!s || index >= s->ngroups)
		return NULL;
	return s->groups[index];
}

const char *compliance_skm_group_name(const compliance_skm *s)
{
	return s ? s->group_name : NULL;
}

int compliance_skm_nrr_band(const compliance_skm *s, size_t element, size_t *out)
{
	if (!s || !out || element >= s->nel)
		return COMPLIANCE_E_INVALID;
	if (!s->computed)
		return COMPLIANCE_E_STATE;
	if (s->res->nrr_band[element] == CP_NONE)
		return COMPLIANCE_E_RANGE;
	*out = s->res->nrr_band[element];
	return COMPLIANCE_OK;
}

const char *compliance_skm_alt_result(const compliance_skm *s, int alt, int field)
{
	size_t band;

	if (!s || !s->computed || (alt != COMPLIANCE_SKM_ALT_3DP && alt != COMPLIANCE_SKM_ALT_2DP))
		return NULL;
	band = s->res->alt_band[alt];
	switch (field) {
	case COMPLIANCE_SKM_IKM: return s->res->alt_text[alt];
	case COMPLIANCE_SKM_IKM_EXACT: return s->res->alt_exact[alt];
	case COMPLIANCE_SKM_CATEGORY:
		return band == CP_NONE ? NULL : s->profile->bands[band].text[COMPLIANCE_BAND_CATEGORY];
	case COMPLIANCE_SKM_LABEL:
		return band == CP_NONE ? NULL : s->profile->bands[band].text[COMPLIANCE_BAND_LABEL];
	case COMPLIANCE_SKM_WEIGHTS: return s->weights_text[1 + alt];
	default: return NULL;
	}
}

int compliance_skm_alt_differs(const compliance_skm *s, int alt)
{
	if (!s || (alt != COMPLIANCE_SKM_ALT_3DP && alt != COMPLIANCE_SKM_ALT_2DP))
		return COMPLIANCE_E_INVALID;
	if (!s->computed)
		return COMPLIANCE_E_STATE;
	return s->res->alt_band[alt] != s->res->band;
}

/* A value's length kept for counting and grouping: at most 255 bytes, cut
 * at a character boundary (the value is valid UTF-8). */
static size_t cap_len(const char *f, size_t len)
{
	if (len <= 255)
		return len;
	len = 255;
	while (len > 0 && ((unsigned char)f[len] & 0xC0) == 0x80)
		len--;
	return len;
}

/* Counts one value of a profile column; 0, COMPLIANCE_E_NOMEM or
 * COMPLIANCE_E_OVERFLOW (too many distinct values). */
static int tally(compliance_skm *s, skm_trait *t, const char *f, size_t len)
{
	char *shown, *key;
	size_t i, n;

	len = cap_len(f, len);
	{
		char k[256];
		cp_text_key(k, f, len, 1);
		for (i = 0; i < t->n; i++)
			if (!strcmp(t->v[i].key, k)) {
				t->v[i].count++;
				return 0;
			}
	}
	if (t->n >= SKM_MAX_VALUES)
		return COMPLIANCE_E_OVERFLOW;
	if (cp_grow(&s->alloc, (void **)&t->v, &t->cap, t->n + 1, sizeof *t->v))
		return COMPLIANCE_E_NOMEM;
	shown = cp_malloc(&s->alloc, len + 1);
	key = cp_malloc(&s->alloc, len + 1);
	if (!shown || !key) {
		cp_free(&s->alloc, shown);
		cp_free(&s->alloc, key);
		return COMPLIANCE_E_NOMEM;
	}
	cp_text_key(shown, f, len, 0);
	n = cp_text_key(key, f, len, 1);
	(void)n;
	t->v[t->n].value = shown;
	t->v[t->n].key = key;
	t->v[t->n].count = 1;
	t->v[t->n].saved = 0;
	t->n++;
	return 0;
}

/* The value counted for a profile column: sex L/P spelt out, an age in
 * its band. Writes into buf (256 bytes); returns its length, or (size_t)-1
 * for an age that is not a whole number while bands are set. */
static size_t trait_text(const compliance_skm *s, int column, const char *f, size_t len,
                         char *buf)
{
	char k[256];
	size_t n;

	len = cap_len(f, len);
	n = cp_text_key(k, f, len, 1);
	if (column == COMPLIANCE_SKM_COLUMN_SEX) {
		if (!strcmp(k, "l") || !strcmp(k, "laki-laki") || !strcmp(k, "laki laki"))
			return (size_t)snprintf(buf, 256, "Laki-laki");
		if (!strcmp(k, "p") || !strcmp(k, "perempuan"))
			return (size_t)snprintf(buf, 256, "Perempuan");
	}
	if (column == COMPLIANCE_SKM_COLUMN_AGE && s->nage && n) {
		unsigned long v = 0;
		size_t i, b;
		if (n > 3)
			return (size_t)-1;
		for (i = 0; i < n; i++) {
			if (k[i] < '0' || k[i] > '9')
				return (size_t)-1;
			v = v * 10 + (unsigned long)(k[i] - '0');
		}
		if (v < s->age_lo[0])
			return (size_t)snprintf(buf, 256, "<%u", s->age_lo[0]);
		for (b = 0; b + 1 < s->nage; b++)
			if (v < s->age_lo[b + 1])
				return (size_t)snprintf(buf, 256, "%u-%u", s->age_lo[b],
				                        s->age_lo[b + 1] - 1);
		return (size_t)snprintf(buf, 256, "%u+", s->age_lo[s->nage - 1]);
	}
	memcpy(buf, f, len);
	buf[len] = '\0';
	return len;
}

/* Age bands are counted in their order, all of them, from the start. */
static int seed_age_bands(compliance_skm *s)
{
	skm_trait *t = &s->trait[COMPLIANCE_SKM_COLUMN_AGE - COMPLIANCE_SKM_COLUMN_SEX];
	char buf[256];
	size_t b, n;

	if (!s->nage || t->n)
		return 0;
	for (b = 0; b <= s->nage; b++) {
		if (b == 0 && s->age_lo[0] == 0)
			continue;
		if (b == 0)
			n = (size_t)snprintf(buf, sizeof buf, "<%u", s->age_lo[0]);
		else if (b == s->nage)
			n = (size_t)snprintf(buf, sizeof buf, "%u+", s->age_lo[b - 1]);
		else
			n = (size_t)snprintf(buf, sizeof buf, "%u-%u", s->age_lo[b - 1], s->age_lo[b] - 1);
		if (tally(s, t, buf, n))
			return COMPLIANCE_E_NOMEM;
		t->v[t->n - 1].count = 0;
	}
	return 0;
}

static void snap(compliance_skm *s)
{
	size_t k, j;

	cp_skm_acc_copy(&s->saved, &s->acc, s->nel);
	s->saved_nids = s->ids.n;
	s->saved_computed = s->computed;
	for (k = 0; k < SKM_NTRAITS; k++) {
		s->trait[k].saved_n = s->trait[k].n;
		for (j = 0; j < s->trait[k].n; j++)
			s->trait[k].v[j].saved = s->trait[k].v[j].count;
	}
	s->saved_ngroups = s->ngroups;
	for (k = 0; k < s->ngroups; k++)
		snap(s->groups[k]);
}

static void restore(compliance_skm *s)
{
	size_t k, j;

	cp_ids_truncate(&s->ids, s->saved_nids);
	cp_skm_acc_copy(&s->acc, &s->saved, s->nel);
	s->computed = s->saved_computed;
	for (k = 0; k < SKM_NTRAITS; k++) {
		skm_trait *t = &s->trait[k];
		for (j = t->saved_n; j < t->n; j++) {
			cp_free(&s->alloc, t->v[j].value);
			cp_free(&s->alloc, t->v[j].key);
		}
		t->n = t->saved_n;
		for (j = 0; j < t->n; j++)
			t->v[j].count = t->v[j].saved;
	}
	for (k = s->saved_ngroups; k < s->ngroups; k++)
		compliance_skm_free(s->groups[k]);
	s->ngroups = s->saved_ngroups;
	for (k = 0; k < s->ngroups; k++)
		restore(s->groups[k]);
}

/* The group of a value, made when new; NULL when out of memory or too
 * many (*rc says which). */
static compliance_skm *group_of(compliance_skm *s, const char *f, size_t len, int *rc)
{
	char k[256];
	compliance_skm *g;
	size_t i;

	len = cap_len(f, len);
	cp_text_key(k, f, len, 1);
	for (i = 0; i < s->ngroups; i++)
		if (!strcmp(s->groups[i]->group_key, k))
			return s->groups[i];
	*rc = COMPLIANCE_E_OVERFLOW;
	if (s->ngroups >= SKM_MAX_VALUES)
		return NULL;
	*rc = COMPLIANCE_E_NOMEM;
	if (cp_grow(&s->alloc, (void **)&s->groups, &s->capgroups, s->ngroups + 1,
	            sizeof *s->groups))
		return NULL;
	/* a group is a survey of the same method, allocator and age bands,
	 * without groups or a duplicate check of its own */
	if (skm_create(&s->alloc, &g, s->profile))
		return NULL;
	g->check_duplicates = 0;
	g->missing = s->missing;
	g->letters = s->letters;
	memcpy(g->age_lo, s->age_lo, sizeof g->age_lo);
	g->nage = s->nage;
	g->group_key = cp_strdup(&s->alloc, k);
	g->group_name = cp_malloc(&s->alloc, len + 1);
	if (!g->group_key || !g->group_name || seed_age_bands(g)) {
		compliance_skm_free(g);
		return NULL;
	}
	cp_text_key(g->group_name, f, len, 0);
	s->groups[s->ngroups++] = g;
	return g;
}

/* An answer of an export: a letter a-d (when letters are on), else as
 * parse_answer(); `general` as for cp_skm_answer(). */
static int parse_export_answer(compliance_skm *s, const char *f, size_t len, unsigned *out,
                               int general)
{
	char c = len == 1 ? f[0] : 0;

	if (c >= 'A' && c <= 'D')
		c = (char)(c - 'A' + 'a');
	if (c >= 'a' && c <= 'd') {
		unsigned v = (unsigned)(c - 'a' + 1);
		if (!s->letters)
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "found the letter '%c': answers coded a to d are read only "
			                    "when asked (the letters option: a=1, b=2, c=3, d=4; "
			                    "`compliance skm --letters`), since no source fixes that "
			                    "mapping", f[0]);
		if ((int)v < s->amin || (int)v > s->amax)
			return cp_error_set(&s->err, COMPLIANCE_E_RANGE,
			                    "the letter '%c' is %u, outside the answers %d to %d", f[0], v,
			                    s->amin, s->amax);
		*out = v;
		s->read_letters = 1;
		return 0;
	}
	return cp_skm_answer(s, f, len, out, general);
}

/* The fast path first (issue 13): one digit within the scale, which no
 * letter is; inlined into the row loop. See skm_internal.h. */
static inline int export_answer(compliance_skm *s, const char *f, size_t len, unsigned *out,
                                int general)
{
	if (!general && len == 1) {
		unsigned d = (unsigned)(unsigned char)f[0] - '0';
		if (d >= 1 && d <= 9 && (int)d >= s->amin && (int)d <= s->amax) {
			*out = d;
			return 0;
		}
	}
	return parse_export_answer(s, f, len, out, general);
}

int cp_skm_export_answer(compliance_skm *s, const char *f, size_t len, unsigned *out,
                         int general)
{
	return export_answer(s, f, len, out, general);
}

/* 1 for a header of the form U<number> (any case, spaces around). */
static int looks_like_code(const char *h, size_t len)
{
	char k[256];
	size_t n, i;

	if (len >= sizeof k)
		return 0;
	n = cp_text_key(k, h, len, 1);
	if (n < 2 || k[0] != 'u')
		return 0;
	for (i = 1; i < n; i++)
		if (k[i] < '0' || k[i] > '9')
			return 0;
	return 1;
}

/* The columns of the header; 0 or COMPLIANCE_E_PARSE / _NOMEM. */
static int map_header(compliance_skm *s, const cp_csv *c, const char *name)
{
	size_t i, j, k;
	char q[64], q2[64];

	for (i = 0; i < s->nel; i++)
		s->elcol[i] = CP_NONE;
	for (k = 0; k < SKM_NCOLS; k++)
		s->rolecol[k] = CP_NONE;
	for (j = 0; j < c->nfields; j++) {
		const char *h = cp_csv_field(c, j);
		size_t hl = cp_csv_len(c, j);
		int matched = 0;

		for (i = 0; i < s->nel && !matched; i++) {
			if (s->eluser[i] ? !same_name(h, hl, s->eluser[i])
			                 : !same_name(h, hl, s->el[i].code) &&
			                           !same_name(h, hl, s->el[i].name))
				continue;
			if (s->elcol[i] != CP_NONE) {
				cp_quote(q, sizeof q, h, hl);
				cp_quote(q2, sizeof q2, cp_csv_field(c, s->elcol[i]),
				         cp_csv_len(c, s->elcol[i]));
				return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
				                    "%s:%zu: columns %zu (%s) and %zu (%s) both name element "
				                    "%s (%s)", name, c->line, s->elcol[i] + 1, q2, j + 1, q,
				                    s->el[i].code, s->el[i].name);
			}
			s->elcol[i] = j;
			matched = 1;
		}
		for (k = 0; k < SKM_NCOLS && !matched; k++) {
			if (s->rolecol[k] != CP_NONE)
				continue;
			if (s->colname[k]) {
				if (s->colname[k][0] && same_name(h, hl, s->colname[k]))
					s->rolecol[k] = j, matched = 1;
				continue;
			}
			for (i = 0; col_alias[k][i]; i++)
				if (same_name(h, hl, col_alias[k][i])) {
					s->rolecol[k] = j;
					matched = 1;
					break;
				}
		}
		if (!matched && looks_like_code(h, hl)) {
			cp_quote(q, sizeof q, h, hl);
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: column %zu (%s) looks like an answer column, but the "
			                    "method %s has %zu elements (%s to %s): choose the method "
			                    "that has it (--profile), or rename the column", name,
			                    c->line, j + 1, q, s->profile->id, s->nel, s->el[0].code,
			                    s->el[s->nel - 1].code);
		}
	}
	for (i = 0; i < s->nel; i++) {
		if (s->elcol[i] != CP_NONE)
			continue;
		if (s->eluser[i]) {
			cp_quote(q, sizeof q, s->eluser[i], strlen(s->eluser[i]));
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: no column %s (given for element %s, %s) in the "
			                    "header", name, c->line, q, s->el[i].code, s->el[i].name);
		}
		{
			char found[512];
			size_t n = 0;
			found[0] = '\0';
			for (j = 0; j < c->nfields && n + 70 < sizeof found; j++) {
				cp_quote(q, sizeof q, cp_csv_field(c, j), cp_csv_len(c, j));
				n += (size_t)snprintf(found + n, sizeof found - n, "%s%s", j ? ", " : "", q);
			}
			if (j < c->nfields)
				snprintf(found + n, sizeof found - n, ", ...");
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: no answer column for element %s (%s): name it '%s' "
			                    "or '%s' (case and spacing do not matter); the header has "
			                    "%zu columns: %s", name, c->line, s->el[i].code, s->el[i].name,
			                    s->el[i].code, s->el[i].name, c->nfields, found);
		}
	}
	for (k = 0; k < SKM_NCOLS; k++)
		if (s->colname[k] && s->colname[k][0] && s->rolecol[k] == CP_NONE) {
			cp_quote(q, sizeof q, s->colname[k], strlen(s->colname[k]));
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: no column %s (the %s column) in the header", name,
			                    c->line, q, col_role[k]);
		}
	for (i = 0; i < s->nel; i++) {
		size_t l = cp_csv_len(c, s->elcol[i]);
		cp_free(&s->alloc, s->elhdr[i]);
		s->elhdr[i] = cp_malloc(&s->alloc, l + 1);
		if (!s->elhdr[i])
			return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "%s: out of memory", name);
		memcpy(s->elhdr[i], cp_csv_field(c, s->elcol[i]), l + 1);
	}
	for (k = 0; k < SKM_NCOLS; k++) {
		cp_free(&s->alloc, s->found[k]);
		s->found[k] = NULL;
		if (s->rolecol[k] == CP_NONE)
			continue;
		s->found[k] = cp_malloc(&s->alloc, cp_csv_len(c, s->rolecol[k]) + 1);
		if (!s->found[k])
			return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "%s: out of memory", name);
		memcpy(s->found[k], cp_csv_field(c, s->rolecol[k]), cp_csv_len(c, s->rolecol[k]) + 1);
	}
	return 0;
}

/* Counts a row's profile columns into survey t (the whole or a group). */
static int tally_row(compliance_skm *s, compliance_skm *t, const cp_csv *c, const char *name)
{
	int k;

	for (k = COMPLIANCE_SKM_COLUMN_SEX; k <= COMPLIANCE_SKM_COLUMN_AGE; k++) {
		size_t col = s->rolecol[k], len = 0, n;
		const char *f = "";
		char buf[256], q[64];
		int rc;

		if (col == CP_NONE)
			continue;
		if (col < c->nfields) {
			f = cp_csv_field(c, col);
			len = cp_csv_len(c, col);
		}
		if (!cp_utf8_valid(f, len))
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: field '%s': not valid UTF-8 text (save the file as "
			                    "CSV UTF-8)", name, c->line, s->found[k]);
		n = trait_text(s, k, f, len, buf);
		if (n == (size_t)-1) {
			cp_quote(q, sizeof q, f, len);
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: field '%s': expected an age in whole years (for the "
			                    "age bands), found %s", name, c->line, s->found[k], q);
		}
		rc = tally(t, &t->trait[k - COMPLIANCE_SKM_COLUMN_SEX], buf, n);
		if (rc == COMPLIANCE_E_OVERFLOW)
			return cp_error_set(&s->err, rc,
			                    "%s:%zu: field '%s': more than %d different values: is it "
			                    "the %s column?", name, c->line, s->found[k], SKM_MAX_VALUES,
			                    col_role[k]);
		if (rc)
			return cp_error_set(&s->err, rc, "%s:%zu: out of memory", name, c->line);
	}
	return 0;
}

static int export_batched(compliance_skm *s, cp_csv *c, const char *name, size_t *lines,
                          const char *idfield)
{
	const char *why;
	int rc, traits = 0, k;

	/* no profile columns: tally_row() has nothing to do (issue 13) */
	for (k = COMPLIANCE_SKM_COLUMN_SEX; k <= COMPLIANCE_SKM_COLUMN_AGE; k++)
		traits |= s->rolecol[k] != CP_NONE;
	while ((rc = cp_csv_next(c, &why)) == 1) {
		const char *field, *id = NULL;
		char msg[CP_ERRMSG_MAX], q[64];
		size_t i, idlen = 0, ncols = s->saved_ncols;
		int empty = 1;

		for (i = 0; i < c->nfields && empty; i++)
			empty = cp_csv_len(c, i) == 0;
		if (empty)
			continue; /* ;;;; below the data */
		if (c->nfields < ncols) {
			size_t miss = CP_NONE;
			for (i = 0; i < s->nel; i++)
				if (s->elcol[i] >= c->nfields && (miss == CP_NONE || s->elcol[i] < s->elcol[miss]))
					miss = i;
			if (miss != CP_NONE)
				return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
				                    "%s:%zu: field '%s' is missing: expected %zu fields as in "
				                    "the header, found %zu", name, c->line, s->elhdr[miss],
				                    ncols, c->nfields);
		}
		for (i = ncols; i < c->nfields; i++)
			if (cp_csv_len(c, i)) {
				cp_quote(q, sizeof q, cp_csv_field(c, i), cp_csv_len(c, i));
				return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
				                    "%s:%zu: field %zu (%s) is beyond the header's %zu "
				                    "columns", name, c->line, i + 1, q, ncols);
			}
		for (i = 0; i < s->nel; i++) {
			size_t col = s->elcol[i];
			const char *f = col < c->nfields ? cp_csv_field(c, col) : "";
			size_t len = col < c->nfields ? cp_csv_len(c, col) : 0;
			rc = export_answer(s, f, len, &s->ans[i], 0);
			if (rc) {
				snprintf(msg, sizeof msg, "%s", s->err.msg);
				if (!strcmp(s->elhdr[i], s->el[i].code))
					return cp_error_set(&s->err, rc, "%s:%zu: field '%s': %s", name,
					                    c->line, s->el[i].code, msg);
				return cp_error_set(&s->err, rc, "%s:%zu: field '%.200s' (%s): %s", name,
				                    c->line, s->elhdr[i], s->el[i].code, msg);
			}
		}
		if (s->rolecol[COMPLIANCE_SKM_COLUMN_ID] < c->nfields &&
		    cp_csv_len(c, s->rolecol[COMPLIANCE_SKM_COLUMN_ID])) {
			id = cp_csv_field(c, s->rolecol[COMPLIANCE_SKM_COLUMN_ID]);
			idlen = cp_csv_len(c, s->rolecol[COMPLIANCE_SKM_COLUMN_ID]);
		}
		if (s->ids.npend == CP_IDS_BATCH && flush_ids(s, lines, name, idfield))
			return s->err.code;
		i = s->ids.npend;
		rc = add_checked(s, id, idlen, &field, 1);
		if (s->ids.npend > i)
			lines[i] = c->line;
		if (rc) {
			if (rc == COMPLIANCE_E_NOMEM)
				return cp_error_set(&s->err, rc, "%s:%zu: out of memory", name, c->line);
			snprintf(msg, sizeof msg, "%s", s->err.msg);
			if (!strcmp(field, "respondent") && s->found[COMPLIANCE_SKM_COLUMN_ID])
				field = s->found[COMPLIANCE_SKM_COLUMN_ID];
			return cp_error_set(&s->err, rc, "%s:%zu: field '%s': %s", name, c->line, field,
			                    msg);
		}
		if (traits && (rc = tally_row(s, s, c, name)) != 0)
			return rc;
		if (s->rolecol[COMPLIANCE_SKM_COLUMN_GROUP] != CP_NONE) {
			size_t gc = s->rolecol[COMPLIANCE_SKM_COLUMN_GROUP];
			const char *gf = gc < c->nfields ? cp_csv_field(c, gc) : "";
			size_t gl = gc < c->nfields ? cp_csv_len(c, gc) : 0;
			compliance_skm *g;
			if (!cp_utf8_valid(gf, gl))
				return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
				                    "%s:%zu: field '%s': not valid UTF-8 text (save the file "
				                    "as CSV UTF-8)", name, c->line,
				                    s->found[COMPLIANCE_SKM_COLUMN_GROUP]);
			g = group_of(s, gf, gl, &rc);
			if (!g && rc == COMPLIANCE_E_OVERFLOW)
				return cp_error_set(&s->err, rc,
				                    "%s:%zu: field '%s': more than %d groups: is it the "
				                    "group column?", name, c->line,
				                    s->found[COMPLIANCE_SKM_COLUMN_GROUP], SKM_MAX_VALUES);
			if (!g)
				return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "%s:%zu: out of memory",
				                    name, c->line);
			memcpy(g->ans, s->ans, s->nel * sizeof *g->ans);
			if ((rc = add_checked(g, NULL, 0, &field, 0)) != 0) {
				snprintf(msg, sizeof msg, "%s", g->err.msg);
				return cp_error_set(&s->err, rc, "%s:%zu: %s", name, c->line, msg);
			}
			if (traits && (rc = tally_row(s, g, c, name)) != 0)
				return rc;
		}
	}
	if (rc == 0)
		return COMPLIANCE_OK;
	return cp_csv_error(&s->err, c, rc, name, why);
}

/* The rows of an export, the respondent ids checked in batches as in
 * read_rows(): a duplicate waiting in the batch comes before an error of
 * a later row. */
static int export_rows(compliance_skm *s, cp_csv *c, const char *name)
{
	size_t lines[CP_IDS_BATCH];
	const char *idfield = s->found[COMPLIANCE_SKM_COLUMN_ID] ? s->found[COMPLIANCE_SKM_COLUMN_ID]
	                                                         : "respondent";
	int rc = export_batched(s, c, name, lines, idfield);

	if (flush_ids(s, lines, name, idfield))
		return s->err.code;
	return rc;
}

static int read_export(void *obj, cp_csv *c, const char *name)
{
	compliance_skm *s = obj;
	const char *why;
	int rc, sep = s->sep_opt;

	if (!sep) {
		sep = cp_csv_sniff_separator(c);
		if (sep < 0)
			return cp_csv_error(&s->err, c, sep, name, "");
	}
	cp_csv_set_separator(c, (char)sep);
	rc = cp_csv_next(c, &why);
	if (rc == 0)
		return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
		                    "%s: the file is empty: expected a header row naming the answer "
		                    "columns (%s)", name, s->header + strlen("respondent,"));
	if (rc < 0)
		return cp_csv_error(&s->err, c, rc, name, why);
	if ((rc = map_header(s, c, name)) != 0)
		return rc;
	s->saved_ncols = c->nfields;
	if (seed_age_bands(s))
		return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "%s: out of memory", name);
	if ((rc = reserve_ids(s, c, name, s->rolecol[COMPLIANCE_SKM_COLUMN_ID])) != 0)
		return rc;
	snap(s);
	s->read_letters = 0;
	rc = export_rows(s, c, name);
	if (rc) {
		restore(s);
		return rc;
	}
	s->have_input = 1;
	s->in_sep = (char)sep;
	s->in_given = s->sep_opt != 0;
	s->in_bom = c->saw_bom;
	s->in_crlf = c->saw_crlf;
	s->in_letters = s->read_letters;
	return COMPLIANCE_OK;
}

int compliance_skm_read_export_buffer(compliance_skm *s, const char *data, size_t size,
                                      const char *name)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	return cp_csv_read_buffer(&s->alloc, &s->err, data, size, name, read_export, s);
}

int compliance_skm_read_export_file(compliance_skm *s, const char *path)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	return cp_csv_read_file(&s->alloc, &s->err, path, read_export, s);
}

/* ---- tallies (include/compliance/tally.h) ----------------------------------- */

int compliance_skm_add_tally(compliance_skm *s, const compliance_skm_tally *t)
{
	char why[256];

	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	if (!t)
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID, "add_tally: the tally is NULL");
	if (!cp_skm_same_method(s->profile, t->profile, why, sizeof why))
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
		                    "add_tally: the tally is of another method than the survey: %s",
		                    why);
	if (cp_skm_acc_merge(&s->acc, &t->acc, s->nel))
		return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW,
		                    "add_tally: too many respondents or answers to count exactly");
	s->computed = 0;
	return COMPLIANCE_OK;
}

int compliance_skm_tally_add_survey(compliance_skm_tally *t, const compliance_skm *s)
{
	char why[256];

	if (!t)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&t->err);
	if (!s)
		return cp_error_set(&t->err, COMPLIANCE_E_INVALID, "add_survey: the survey is NULL");
	if (!cp_skm_same_method(t->profile, s->profile, why, sizeof why))
		return cp_error_set(&t->err, COMPLIANCE_E_INVALID,
		                    "add_survey: the survey is of another method than the tally: %s",
		                    why);
	if (cp_skm_acc_merge(&t->acc, &s->acc, t->nel))
		return cp_error_set(&t->err, COMPLIANCE_E_OVERFLOW,
		                    "add_survey: too many respondents or answers to count exactly");
	return COMPLIANCE_OK;
}
