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
} skm_result;

/* One element of the method. */
typedef struct skm_element {
	const char *code, *name, *source;
	cnum weight;                 /* weight / total: its share of the IKM */
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
	if (!r->answers || !r->nrr_rounded || !r->nrr_exact) {
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
		hlen += strlen(e->code) + 1;
	}
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
	s = cp_calloc(al, 1, sizeof *s);
	if (!s)
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
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
	default:
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID, "unknown option %d", option);
	}
}

/*
 * Adds one respondent whose answers (s->ans) are already checked. On
 * failure sets the error (without a location), names the offending field
 * in *field, and changes nothing.
 */
static int add_checked(compliance_skm *s, const char *id, size_t len, const char **field)
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
		if (!cp_utf8_valid(id, len))
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "the respondent id is not valid UTF-8 text");
	}
	if (cp_skm_acc_can_add(a, ans, s->nel, s->amax, &bad)) {
		if (bad == SIZE_MAX)
			return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW, "too many respondents to count");
		*field = s->el[bad].code;
		return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW, "too many answers to sum exactly");
	}
	if (id && s->check_duplicates) {
		rc = cp_ids_add(&s->ids, &s->alloc, id, len);
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
	rc = add_checked(s, id, id ? strlen(id) : 0, &field);
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
 * an error. */
static int parse_answer(compliance_skm *s, const char *f, size_t len, unsigned *out)
{
	char q[64];
	size_t i = 0;
	int integer;

	if (len == 0) {
		*out = 0;
		return 0;
	}
	cp_quote(q, sizeof q, f, len);
	if (len == 1 && f[0] == '0')
		return cp_error_set(&s->err, COMPLIANCE_E_RANGE,
		                    "expected an answer from %d to %d, found %s (leave the field "
		                    "empty for no answer)", s->amin, s->amax, q);
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
	return cp_error_set(&s->err, integer ? COMPLIANCE_E_RANGE : COMPLIANCE_E_PARSE,
	                    "expected an answer from %d to %d, found %s", s->amin, s->amax, q);
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

static int read_rows(compliance_skm *s, cp_csv *c, const char *name)
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
			rc = parse_answer(s, cp_csv_field(c, i + 1), cp_csv_len(c, i + 1), &s->ans[i]);
			if (rc) {
				snprintf(msg, sizeof msg, "%s", s->err.msg);
				return cp_error_set(&s->err, rc, "%s:%zu: field '%s': %s", name, c->line,
				                    s->el[i].code, msg);
			}
		}
		rc = add_checked(s, cp_csv_field(c, 0), cp_csv_len(c, 0), &field);
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
	cbigq ikm;
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
