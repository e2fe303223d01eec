/*
 * Roll-up: product scores into unit scores, unit scores into the entity
 * score (the simple mean, rounded half-up as the profile says), the band,
 * and competition ranks (1, 2, 2, 4) nationally and within each type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score/assessment_internal.h"

/* Mean of n exact values; 0 or COMPLIANCE_E_OVERFLOW. */
static int mean_add(cnum *sum, cnum v)
{
	return cnum_add(sum, *sum, v);
}

static int compute_unit(compliance_assessment *a, const cp_entity *e, cp_unit *u,
                        cp_node_eval *ev, const cp_fast *fast)
{
	const compliance_profile *p = a->profile;
	cnum sum = cnum_int(0);
	size_t k;
	int rc;

	if (u->nvalues) {
		if (fast && cp_fast_unit(fast, p, u, &u->exact))
			; /* every leaf answered with an integer: one integer sum */
		else if ((rc = cp_evaluate_unit(p, e, u, a->missing_policy, 0, ev, &u->exact, &a->err)))
			return rc;
	} else if (u->products) { /* named products; a direct score is in exact already */
		for (k = 0; k < u->nproducts; k++)
			if ((rc = mean_add(&sum, u->products[k].score)))
				return rc;
		if ((rc = cnum_div(&u->exact, sum, cnum_int((int64_t)u->nproducts))))
			return rc;
	}
	return cnum_round_scaled(&u->rounded, u->exact, p->decimals);
}

/* The exact mean's band: the first band whose lower bound it reaches (for
 * profiles that classify before rounding). */
static size_t band_of_exact(const compliance_profile *p, cnum v)
{
	size_t b;

	for (b = 0; b < p->nbands; b++)
		if (cnum_cmp(v, p->bands[b].lower) >= 0)
			return b;
	return CP_NONE;
}

/* The failure of a roll-up, with the entity's name and why. */
static int rollup_fail(cp_error *err, int rc, const cp_entity *e, const char *why)
{
	if (err)
		cp_error_set(err, rc, "entity '%.200s': %s", e->name,
		             why ? why
		                 : rc == COMPLIANCE_E_OVERFLOW ? "the exact mean grew too large to hold"
		                                               : compliance_strerror(rc));
	return rc;
}

int cp_rollup_unit_stage(const compliance_profile *p, cnum exact, const int64_t *rounded,
                         cnum *out)
{
	int64_t r;
	int rc;

	if (!p->round_unit) {
		*out = exact;
		return 0;
	}
	if (rounded)
		r = *rounded;
	else if ((rc = cnum_round_scaled(&r, exact, p->decimals)))
		return rc;
	return cnum_from_scaled(out, r, p->decimals);
}

int cp_rollup_entity(const compliance_profile *p, const cp_entity *e, int rollup,
                     const cnum *unit_exact, cp_rollup_out *out, cp_error *err)
{
	cnum sum = cnum_int(0), v;
	size_t j, k, count = 0, nproducts = 0;
	/* units rounded by compute enter as rounded / 10^decimals: their sum
	 * is (the sum of rounded) / 10^decimals, added up in 64 bits (the
	 * rational sum is the same whatever the order, reduced the same) */
	int scaled = p->round_unit && !unit_exact;
	int64_t ssum = 0;
	int rc;

	memset(out, 0, sizeof *out);
	for (j = 0; j < e->nunits; j++) {
		const cp_unit *u = &e->units[j];
		nproducts += u->nproducts;
		/* under the products roll-up a unit's named products enter one by
		 * one; a unit given one direct score (or values) is one product */
		if (rollup == COMPLIANCE_ROLLUP_PRODUCTS && !u->nvalues && u->products) {
			for (k = 0; k < u->nproducts; k++, count++)
				if ((rc = cnum_add(&sum, sum, u->products[k].score)))
					return rollup_fail(err, rc, e, NULL);
			continue;
		}
		if (scaled) {
			int64_t t;
			if (!__builtin_add_overflow(ssum, u->rounded, &t)) {
				ssum = t;
				count++;
				continue;
			}
		}
		/* the unit stage: its exact score, rounded when the profile says
		 * (the stored units were rounded by compute already) */
		if ((rc = cp_rollup_unit_stage(p, unit_exact ? unit_exact[j] : u->exact,
		                               unit_exact ? NULL : &u->rounded, &v)))
			return rollup_fail(err, rc, e, NULL);
		if ((rc = cnum_add(&sum, sum, v)))
			return rollup_fail(err, rc, e, NULL);
		count++;
	}
	if (ssum && ((rc = cnum_from_scaled(&v, ssum, p->decimals)) ||
	             (rc = cnum_add(&sum, sum, v))))
		return rollup_fail(err, rc, e, NULL);
	rc = cp_rollup_finish(p, e, sum, count, out, err);
	out->nproducts = nproducts;
	return rc;
}

int cp_rollup_finish(const compliance_profile *p, const cp_entity *e, cnum sum, size_t count,
                     cp_rollup_out *out, cp_error *err)
{
	size_t k;
	int rc;

	memset(out, 0, sizeof *out);
	out->deduction = cnum_int(0);
	out->count = count;
	if (out->count == 0) {
		if (err)
			cp_error_set(err, COMPLIANCE_E_MISSING,
			             "entity '%.200s' has no unit scores or values, only entity-level "
			             "inputs: there is nothing to average", e->name);
		return COMPLIANCE_E_MISSING;
	}
	if (count > (size_t)INT64_MAX)
		return rollup_fail(err, COMPLIANCE_E_OVERFLOW, e, NULL);
	if ((rc = cnum_div(&out->mean, sum, cnum_int((int64_t)out->count))))
		return rollup_fail(err, rc, e, NULL);
	/* deductions: a flag changes the number only when the profile gives
	 * its size; the result is held within the scale */
	for (k = 0; k < p->nflags; k++)
		if (p->flags[k].deduction_known && cp_entity_input(e, p->flags[k].id) == 1) {
			if ((rc = cnum_add(&out->deduction, out->deduction, p->flags[k].deduction)))
				return rollup_fail(err, rc, e, "the deductions grew too large to hold");
			out->ndeductions++;
		}
	if ((rc = cnum_sub(&out->value, out->mean, out->deduction)))
		return rollup_fail(err, rc, e, "the deductions grew too large to hold");
	if (cnum_cmp(out->value, p->scale_min) < 0) {
		out->value = p->scale_min;
		out->clamped = 1;
	} else if (cnum_cmp(out->value, p->scale_max) > 0) {
		out->value = p->scale_max;
		out->clamped = 1;
	}
	/* rounding, then classification: the band of the rounded score, or of
	 * the exact value for profiles that classify before rounding */
	if ((rc = cnum_round_scaled(&out->score, out->value, p->decimals)))
		return rollup_fail(err, rc, e, NULL);
	if (!p->nbands) {
		char why[CP_ERRMSG_MAX];
		cp_profile_bands_missing(p, why, sizeof why);
		return rollup_fail(err, COMPLIANCE_E_MISSING, e, why);
	}
	out->band = p->round_entity ? cp_profile_band_of(p, out->score)
	                            : band_of_exact(p, out->value);
	if (out->band == CP_NONE) {
		char s[CNUM_TEXT_MAX], why[CNUM_TEXT_MAX + 300];
		cnum_format_scaled(s, out->score, p->decimals);
		snprintf(why, sizeof why, "its score %s falls in no band of profile %.200s", s, p->id);
		return rollup_fail(err, COMPLIANCE_E_RANGE, e, why);
	}
	/* qualifiers append to the band's label */
	snprintf(out->label, sizeof out->label, "%s", p->bands[out->band].text[COMPLIANCE_BAND_LABEL]);
	cp_utf8_trim(out->label);
	for (k = 0; k < p->nqualifiers; k++)
		if (cp_entity_input(e, p->qualifiers[k].input) == p->qualifiers[k].when) {
			out->qualified = 1;
			out->qmask |= UINT32_C(1) << k;
			if (p->qualifiers[k].sets & 1) { /* appends to the default set */
				size_t len = strlen(out->label);
				snprintf(out->label + len, sizeof out->label - len, "%s",
				         p->qualifiers[k].suffix);
				cp_utf8_trim(out->label);
			}
		}
	return 0;
}

/* An entity's unit count against the profile's range (a warning: the
 * entity is scored all the same). */
static int cp_unit_check(const compliance_profile *p, int type, size_t nunits)
{
	if (!p->units_known || !(p->units_types & (1u << type)))
		return COMPLIANCE_UNITS_UNCHECKED;
	if (nunits < p->units_min)
		return COMPLIANCE_UNITS_TOO_FEW;
	if (nunits > p->units_max)
		return COMPLIANCE_UNITS_TOO_MANY;
	return COMPLIANCE_UNITS_IN_RANGE;
}

const char *cp_label_of(const compliance_profile *p, size_t set, size_t band, uint32_t qmask)
{
	const cp_label_set *s = &p->label_sets[set];

	if (s->qualified)
		return s->qualified[(band << p->nqualifiers) | (qmask & s->qmask)];
	return s->labels[band].text;
}

static int compute_entity(compliance_assessment *a, int rollup, size_t ei, cp_result *r,
                          cp_node_eval *ev, const cp_fast *fast)
{
	const compliance_profile *p = a->profile;
	cp_entity *e = &a->entities[ei];
	cp_rollup_out o;
	size_t j;
	int rc;

	r->entity = ei;
	for (j = 0; j < e->nunits; j++)
		if ((rc = compute_unit(a, e, &e->units[j], ev, fast)))
			return rc;
	if ((rc = cp_rollup_entity(p, e, rollup, NULL, &o, &a->err)))
		return rc;
	r->nproducts = o.nproducts;
	r->unit_check = cp_unit_check(p, e->type, e->nunits);
	r->mean = o.value;
	r->score = o.score;
	r->band = o.band;
	r->qualified = o.qualified;
	r->qmask = o.qmask;
	snprintf(r->label, sizeof r->label, "%s", o.label);
	cnum_format_scaled(r->score_text, r->score, p->decimals);
	cnum_format_exact(r->mean_text, r->mean);
	return 0;
}

int compliance_assessment_compute(compliance_assessment *a)
{
	const compliance_profile *p;
	cp_result *res;
	cp_node_eval *ev;
	cp_fast fast;
	size_t i, t;
	int rollup, rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	p = a->profile;
	rollup = a->rollup_option ? a->rollup_option : p->rollup_default;
	res = cp_calloc(&a->alloc, a->nentities, sizeof *res);
	ev = cp_calloc(&a->alloc, p->nnodes + 1, sizeof *ev);
	if (!res || !ev || cp_fast_init(&fast, p, &a->alloc)) {
		cp_free(&a->alloc, res);
		cp_free(&a->alloc, ev);
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	for (i = 0; i < a->nentities; i++) {
		rc = compute_entity(a, rollup, i, &res[i], ev, &fast);
		if (rc) {
			cp_fast_free(&fast, &a->alloc);
			cp_free(&a->alloc, res);
			cp_free(&a->alloc, ev);
			if (a->err.code)
				return rc;
			return cp_error_set(&a->err, rc, "entity '%.200s': %s", a->entities[i].name,
			                    rc == COMPLIANCE_E_OVERFLOW
			                        ? "the exact mean grew too large to hold"
			                        : compliance_strerror(rc));
		}
	}
	cp_free(&a->alloc, ev);
	cp_fast_free(&fast, &a->alloc);
	/* A merge sort of small keys (score, entity), descending rounded score
	 * then name, and the results put in that order in place: sorting the
	 * results themselves moved 500-byte records log n times. (qsort has no
	 * context argument in C99, and the comparison needs the names.) */
	{
		typedef struct sort_key {
			int64_t score;
			size_t entity;
		} sort_key;
		size_t n = a->nentities, width, k;
		sort_key *key = cp_calloc(&a->alloc, n ? n : 1, sizeof *key);
		sort_key *tmp = cp_calloc(&a->alloc, n ? n : 1, sizeof *tmp);
		if (!key || !tmp) {
			cp_free(&a->alloc, key);
			cp_free(&a->alloc, tmp);
			cp_free(&a->alloc, res);
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		}
		for (i = 0; i < n; i++) {
			key[i].score = res[i].score;
			key[i].entity = i; /* res[i] is entity i's until sorted */
		}
		for (width = 1; width < n; width *= 2) {
			size_t lo;
			sort_key *swap;
			for (lo = 0; lo < n; lo += 2 * width) {
				size_t mid = lo + width < n ? lo + width : n;
				size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
				size_t x = lo, y = mid, o = lo;
				while (x < mid && y < hi) {
					const sort_key *ka = &key[x], *kb = &key[y];
					int c = ka->score != kb->score
					            ? (ka->score > kb->score ? -1 : 1)
					            : strcmp(a->entities[ka->entity].name,
					                     a->entities[kb->entity].name);
					tmp[o++] = c <= 0 ? key[x++] : key[y++];
				}
				while (x < mid)
					tmp[o++] = key[x++];
				while (y < hi)
					tmp[o++] = key[y++];
			}
			swap = key;
			key = tmp;
			tmp = swap;
		}
		/* position i takes the result of entity key[i].entity: follow each
		 * cycle of the permutation once, marking placed positions */
		for (i = 0; i < n; i++) {
			cp_result hold;
			if (key[i].entity == i)
				continue;
			hold = res[i];
			k = i;
			while (key[k].entity != i) {
				size_t from = key[k].entity;
				res[k] = res[from];
				key[k].entity = k;
				k = from;
			}
			res[k] = hold;
			key[k].entity = k;
		}
		cp_free(&a->alloc, key);
		cp_free(&a->alloc, tmp);
	}
	for (i = 0; i < a->nentities; i++)
		res[i].rank = (i > 0 && res[i].score == res[i - 1].score) ? res[i - 1].rank : i + 1;
	for (t = 0; t < CP_NTYPES; t++) {
		size_t seen = 0, last = 0;
		int64_t prev = 0;
		for (i = 0; i < a->nentities; i++) {
			if (a->entities[res[i].entity].type != (int)t)
				continue;
			seen++;
			res[i].rank_in_type = (seen > 1 && res[i].score == prev) ? last : seen;
			last = res[i].rank_in_type;
			prev = res[i].score;
		}
	}
	for (i = 0; i < a->nentities; i++)
		a->entities[res[i].entity].result = (uint32_t)i;
	cp_free(&a->alloc, a->results);
	a->results = res;
	a->nresults = a->nentities;
	a->rollup_used = rollup;
	a->computed = 1;
	return COMPLIANCE_OK;
}

int compliance_assessment_find(compliance_assessment *a, const char *name, size_t *index)
{
	char q[64];
	size_t ei;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!name || !index)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "find: the name and the index must not be NULL");
	cp_quote(q, sizeof q, name, strlen(name));
	if (!a->computed)
		return cp_error_set(&a->err, COMPLIANCE_E_STATE,
		                    "find: entity %s: the assessment has no results: compute it first",
		                    q);
	/* through the entity index; compute noted each entity's position */
	ei = cp_assessment_find_entity(a, name, strlen(name));
	if (ei == CP_NONE || ei >= a->nresults)
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "find: no entity named %s among the %zu results", q, a->nresults);
	*index = a->entities[ei].result;
	return COMPLIANCE_OK;
}
