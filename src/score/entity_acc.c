/*
 * The entity accumulator (include/compliance/tally.h): the unit scores of
 * one entity reduced to their count and exact sum, after the unit stage of
 * the roll-up (cp_rollup_unit_stage), finished by the rest of the roll-up
 * (cp_rollup_finish, rollup.c): the same code as
 * compliance_assessment_compute(). The text form (docs/design.md,
 * "Serialised partial results"):
 *
 *   compliance-entity-acc 1
 *   profile ombudsman-2023
 *   units 3
 *   sum 5123/20            (the exact sum as a reduced fraction n/d)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/tally.h"
#include "score/assessment_internal.h"

#define ACC_MAGIC "compliance-entity-acc"
#define ACC_VERSION 1

/* The name an accumulator's entity has in messages. */
#define ACC_ENTITY "(accumulated units)"

struct compliance_entity_acc {
	cp_alloc alloc;
	cp_error err;
	compliance_profile *profile;
	uint64_t units;
	cnum sum; /* of the unit-stage values */
	int computed;
	cp_rollup_out out;
	char score_text[CNUM_TEXT_MAX];
	char mean_text[CNUM_TEXT_MAX];
};

static int check_kind(compliance_ctx *ctx, const char *what, const compliance_profile *p)
{
	if (!p)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "%s: no profile given: open one, e.g. compliance_profile_open(ctx, "
		                   "&p, \"ombudsman-2023\")", what);
	if (p->kind != COMPLIANCE_PROFILE_ASSESSMENT)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "%s: profile '%.100s' is not an assessment profile (its kind is "
		                   "not \"assessment\")", what, p->id);
	return 0;
}

static compliance_entity_acc *acc_make(const cp_alloc *al, compliance_profile *p)
{
	compliance_entity_acc *acc = cp_calloc(al, 1, sizeof *acc);

	if (!acc)
		return NULL;
	acc->alloc = *al;
	acc->profile = compliance_profile_ref(p);
	acc->sum = cnum_int(0);
	return acc;
}

int compliance_entity_acc_new(compliance_ctx *ctx, compliance_entity_acc **out,
                              compliance_profile *profile)
{
	int rc;

	cp_ctx_clear(ctx);
	if (!out)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_entity_acc_new: out must not be NULL");
	*out = NULL;
	if ((rc = check_kind(ctx, "compliance_entity_acc_new", profile)))
		return rc;
	if (!(*out = acc_make(cp_ctx_alloc(ctx), profile)))
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
	return COMPLIANCE_OK;
}

void compliance_entity_acc_free(compliance_entity_acc *acc)
{
	cp_alloc al;

	if (!acc)
		return;
	al = acc->alloc;
	compliance_profile_free(acc->profile);
	cp_free(&al, acc);
}

const compliance_profile *compliance_entity_acc_profile(const compliance_entity_acc *acc)
{
	return acc ? acc->profile : NULL;
}

int compliance_entity_acc_errcode(const compliance_entity_acc *acc)
{
	return acc ? acc->err.code : COMPLIANCE_E_INVALID;
}

const char *compliance_entity_acc_errmsg(const compliance_entity_acc *acc)
{
	return acc ? acc->err.msg : "";
}

uint64_t compliance_entity_acc_units(const compliance_entity_acc *acc)
{
	return acc ? acc->units : 0;
}

int compliance_entity_acc_add_unit_score(compliance_entity_acc *acc, const char *score)
{
	const compliance_profile *p;
	const char *why;
	char q[64];
	cnum v, sum;
	int rc;

	if (!acc)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&acc->err);
	p = acc->profile;
	if (!score)
		return cp_error_set(&acc->err, COMPLIANCE_E_INVALID, "the score must not be NULL");
	cp_quote(q, sizeof q, score, strlen(score));
	rc = cnum_parse(&v, score, strlen(score), &why);
	if (rc == COMPLIANCE_E_OVERFLOW)
		return cp_error_set(&acc->err, rc, "score %s has %s", q, why);
	if (rc)
		return cp_error_set(&acc->err, rc, "expected a score from %s to %s such as 82.70, "
		                    "found %s (%s)", p->scale_min_text, p->scale_max_text, q, why);
	if (cp_profile_in_scale(p, v))
		return cp_error_set(&acc->err, COMPLIANCE_E_RANGE,
		                    "score %s is outside the scale of %s: expected %s to %s", q, p->id,
		                    p->scale_min_text, p->scale_max_text);
	if (acc->units == UINT64_MAX || (uint64_t)acc->units >= (uint64_t)INT64_MAX)
		return cp_error_set(&acc->err, COMPLIANCE_E_OVERFLOW, "too many unit scores to count");
	if (cp_rollup_unit_stage(p, v, NULL, &v) || cnum_add(&sum, acc->sum, v))
		return cp_error_set(&acc->err, COMPLIANCE_E_OVERFLOW,
		                    "score %s: the sum of the unit scores grew too large to hold "
		                    "exactly", q);
	acc->sum = sum;
	acc->units++;
	acc->computed = 0;
	return COMPLIANCE_OK;
}

/* 1 when two profiles accumulate alike: the same id, scale and unit stage. */
static int same_profile(const compliance_profile *a, const compliance_profile *b, char *why,
                        size_t size)
{
	if (a == b)
		return 1;
	if (strcmp(a->id, b->id) != 0) {
		snprintf(why, size, "profile '%.100s' against '%.100s'", a->id, b->id);
		return 0;
	}
	if (a->round_unit != b->round_unit || a->decimals != b->decimals ||
	    cnum_cmp(a->scale_min, b->scale_min) || cnum_cmp(a->scale_max, b->scale_max)) {
		snprintf(why, size, "two profiles '%.100s' with different scales or unit rounding",
		         a->id);
		return 0;
	}
	return 1;
}

int compliance_entity_acc_merge(compliance_entity_acc *acc, const compliance_entity_acc *other)
{
	char why[256];
	cnum sum;

	if (!acc)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&acc->err);
	if (!other)
		return cp_error_set(&acc->err, COMPLIANCE_E_INVALID,
		                    "merge: the other accumulator is NULL");
	if (!same_profile(acc->profile, other->profile, why, sizeof why))
		return cp_error_set(&acc->err, COMPLIANCE_E_INVALID,
		                    "merge: the accumulators are of different profiles: %s", why);
	if (other->units > (uint64_t)INT64_MAX - acc->units || cnum_add(&sum, acc->sum, other->sum))
		return cp_error_set(&acc->err, COMPLIANCE_E_OVERFLOW,
		                    "merge: the sum of the unit scores grew too large to hold exactly");
	acc->units += other->units;
	acc->sum = sum;
	acc->computed = 0;
	return COMPLIANCE_OK;
}

/* ---- the text form -------------------------------------------------------------- */

/* Writes v (>= 0 or not) in decimal; returns its length. */
static size_t put_i128(char *buf, __int128 v)
{
	char tmp[48];
	unsigned __int128 u = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v
	                            : (unsigned __int128)v;
	size_t n = 0, k = 0;

	do {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u);
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = 0;
	return k;
}

int compliance_entity_acc_serialize(const compliance_entity_acc *acc, char **out, size_t *len)
{
	char n[48], d[48], *buf;
	size_t cap;
	int k;

	if (out)
		*out = NULL;
	if (!acc || !out)
		return COMPLIANCE_E_INVALID;
	put_i128(n, acc->sum.n);
	put_i128(d, acc->sum.d);
	cap = strlen(acc->profile->id) + 200;
	buf = malloc(cap); /* released with compliance_free() */
	if (!buf)
		return COMPLIANCE_E_NOMEM;
	k = snprintf(buf, cap, "%s %d\nprofile %s\nunits %llu\nsum %s/%s\n", ACC_MAGIC, ACC_VERSION,
	             acc->profile->id, (unsigned long long)acc->units, n, d);
	*out = buf;
	if (len)
		*len = (size_t)k;
	return COMPLIANCE_OK;
}

/* Reads the line `key value`: the value in *v, *vlen. */
static int next_keyed(cp_error *err, const char **pos, const char *end, size_t *line,
                      const char *key, const char **v, size_t *vlen)
{
	const char *l, *p, *w;
	size_t len, wlen;
	char q[64];
	int rc;

	rc = cp_next_line(pos, end, &l, &len);
	++*line;
	if (rc == 0)
		return cp_error_set(err, COMPLIANCE_E_PARSE,
		                    "entity accumulator: line %zu: the text ends early: expected the "
		                    "line '%s'", *line, key);
	if (rc < 0)
		return cp_error_set(err, COMPLIANCE_E_PARSE,
		                    "entity accumulator: line %zu: the line has no newline at its end "
		                    "(the text is cut short?)", *line);
	p = l;
	w = cp_next_word(&p, l + len, &wlen);
	if (wlen != strlen(key) || memcmp(w, key, wlen) != 0) {
		cp_quote(q, sizeof q, w, wlen);
		if (*line == 1)
			return cp_error_set(err, COMPLIANCE_E_PARSE,
			                    "entity accumulator: line 1: not an entity accumulator: "
			                    "expected '%s %d', found %s", ACC_MAGIC, ACC_VERSION, q);
		return cp_error_set(err, COMPLIANCE_E_PARSE,
		                    "entity accumulator: line %zu: expected the line '%s', found %s",
		                    *line, key, q);
	}
	*v = p;
	*vlen = (size_t)(l + len - p);
	return 0;
}

/* An optionally signed whole number of at most 38 digits, no leading zero. */
static int parse_i128(const char *s, size_t len, __int128 *out)
{
	unsigned __int128 u = 0;
	size_t i = 0;
	int neg = 0;

	if (len && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == len || len - i > 38 || (len - i > 1 && s[i] == '0') || (neg && s[i] == '0'))
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		u = u * 10 + (unsigned)(s[i] - '0');
	}
	*out = neg ? -(__int128)u : (__int128)u;
	return 0;
}

static int parse_into(compliance_entity_acc *acc, const char *text, size_t size)
{
	const compliance_profile *p = acc->profile;
	const char *pos = text, *end = text + size, *v = NULL, *slash;
	size_t vlen = 0, line = 0;
	uint64_t version;
	__int128 n, d;
	char q[64];
	cnum lo, hi;
	int rc;

	if ((rc = next_keyed(&acc->err, &pos, end, &line, ACC_MAGIC, &v, &vlen)))
		return rc;
	if (cp_parse_u64(v, vlen, &version) || version != ACC_VERSION) {
		cp_quote(q, sizeof q, v, vlen);
		return cp_error_set(&acc->err, COMPLIANCE_E_PARSE,
		                    "entity accumulator: line 1: version %s is not supported: "
		                    "expected %d", q, ACC_VERSION);
	}
	if ((rc = next_keyed(&acc->err, &pos, end, &line, "profile", &v, &vlen)))
		return rc;
	if (vlen != strlen(p->id) || memcmp(v, p->id, vlen) != 0) {
		cp_quote(q, sizeof q, v, vlen);
		return cp_error_set(&acc->err, COMPLIANCE_E_INVALID,
		                    "entity accumulator: line 2: the accumulator is of profile %s, "
		                    "not of '%.100s'", q, p->id);
	}
	if ((rc = next_keyed(&acc->err, &pos, end, &line, "units", &v, &vlen)))
		return rc;
	if (cp_parse_u64(v, vlen, &acc->units) || acc->units > (uint64_t)INT64_MAX) {
		cp_quote(q, sizeof q, v, vlen);
		return cp_error_set(&acc->err, COMPLIANCE_E_PARSE,
		                    "entity accumulator: line 3: units: expected a whole number "
		                    "without leading zeros, found %s", q);
	}
	if ((rc = next_keyed(&acc->err, &pos, end, &line, "sum", &v, &vlen)))
		return rc;
	cp_quote(q, sizeof q, v, vlen);
	slash = memchr(v, '/', vlen);
	if (!slash || parse_i128(v, (size_t)(slash - v), &n) ||
	    parse_i128(slash + 1, (size_t)(v + vlen - slash - 1), &d) || d <= 0 ||
	    cnum_make(&acc->sum, n, d) || acc->sum.n != n || acc->sum.d != d)
		return cp_error_set(&acc->err, COMPLIANCE_E_PARSE,
		                    "entity accumulator: line 4: sum: expected a reduced fraction "
		                    "n/d (whole numbers, d > 0), found %s", q);
	if (pos != end)
		return cp_error_set(&acc->err, COMPLIANCE_E_PARSE,
		                    "entity accumulator: line 5: unexpected text after the sum");
	/* the sum of that many scores within the scale lies within
	 * units * min and units * max */
	if (cnum_mul(&lo, p->scale_min, cnum_int((int64_t)acc->units)) ||
	    cnum_mul(&hi, p->scale_max, cnum_int((int64_t)acc->units)) ||
	    cnum_cmp(acc->sum, lo) < 0 || cnum_cmp(acc->sum, hi) > 0)
		return cp_error_set(&acc->err, COMPLIANCE_E_PARSE,
		                    "entity accumulator: line 4: the sum %s cannot be of %llu scores "
		                    "from %s to %s", q, (unsigned long long)acc->units,
		                    p->scale_min_text, p->scale_max_text);
	return 0;
}

int compliance_entity_acc_parse(compliance_ctx *ctx, compliance_entity_acc **out,
                                compliance_profile *profile, const char *text, size_t size)
{
	compliance_entity_acc *acc;
	int rc;

	cp_ctx_clear(ctx);
	if (!out)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_entity_acc_parse: out must not be NULL");
	*out = NULL;
	if ((rc = check_kind(ctx, "compliance_entity_acc_parse", profile)))
		return rc;
	if (!text && size)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_entity_acc_parse: text must not be NULL");
	if (!(acc = acc_make(cp_ctx_alloc(ctx), profile)))
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
	if ((rc = parse_into(acc, text ? text : "", size))) {
		cp_ctx_fail(ctx, rc, "%s", acc->err.msg);
		compliance_entity_acc_free(acc);
		return rc;
	}
	cp_error_clear(&acc->err);
	*out = acc;
	return COMPLIANCE_OK;
}

int compliance_entity_acc_merge_text(compliance_entity_acc *acc, const char *text, size_t size)
{
	compliance_entity_acc *other;
	compliance_ctx ctx;
	int rc;

	if (!acc)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&acc->err);
	memset(&ctx, 0, sizeof ctx);
	ctx.alloc = acc->alloc;
	rc = compliance_entity_acc_parse(&ctx, &other, acc->profile, text, size);
	if (rc)
		return cp_error_set(&acc->err, rc, "%s", ctx.err.msg);
	rc = compliance_entity_acc_merge(acc, other);
	compliance_entity_acc_free(other);
	return rc;
}

/* ---- the result ---------------------------------------------------------------- */

int compliance_entity_acc_compute(compliance_entity_acc *acc)
{
	const compliance_profile *p;
	cp_entity e;
	int rc;

	if (!acc)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&acc->err);
	p = acc->profile;
	acc->computed = 0;
	/* an entity with no entity-level inputs: no flag, no qualifier */
	memset(&e, 0, sizeof e);
	e.name = ACC_ENTITY;
	if ((rc = cp_rollup_finish(p, &e, acc->sum, (size_t)acc->units, &acc->out, &acc->err)))
		return rc;
	cnum_format_scaled(acc->score_text, acc->out.score, p->decimals);
	cnum_format_exact(acc->mean_text, acc->out.value);
	acc->computed = 1;
	return COMPLIANCE_OK;
}

const char *compliance_entity_acc_result(const compliance_entity_acc *acc, int field)
{
	if (!acc || !acc->computed)
		return NULL;
	switch (field) {
	case COMPLIANCE_ENTITY_ACC_SCORE: return acc->score_text;
	case COMPLIANCE_ENTITY_ACC_MEAN: return acc->mean_text;
	case COMPLIANCE_ENTITY_ACC_CATEGORY:
		return acc->profile->bands[acc->out.band].text[COMPLIANCE_BAND_CATEGORY];
	case COMPLIANCE_ENTITY_ACC_ZONE:
		return acc->profile->bands[acc->out.band].text[COMPLIANCE_BAND_ZONE];
	case COMPLIANCE_ENTITY_ACC_LABEL: return acc->out.label;
	default: return NULL;
	}
}

int compliance_entity_acc_score_scaled(const compliance_entity_acc *acc, int64_t *out)
{
	if (!acc || !out)
		return COMPLIANCE_E_INVALID;
	if (!acc->computed)
		return COMPLIANCE_E_STATE;
	*out = acc->out.score;
	return COMPLIANCE_OK;
}

int compliance_entity_acc_band_index(const compliance_entity_acc *acc, size_t *out)
{
	if (!acc || !out)
		return COMPLIANCE_E_INVALID;
	if (!acc->computed)
		return COMPLIANCE_E_STATE;
	*out = acc->out.band;
	return COMPLIANCE_OK;
}
