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
                        cp_node_eval *ev)
{
	const compliance_profile *p = a->profile;
	cnum sum = cnum_int(0);
	size_t k;
	int rc;

	if (u->nvalues) {
		if ((rc = cp_evaluate_unit(p, e, u, a->missing_policy, 0, ev, &u->exact, &a->err)))
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

/* The value of a unit that enters the entity mean. */
static int unit_value(const compliance_profile *p, const cp_unit *u, cnum *out)
{
	if (p->round_unit)
		return cnum_from_scaled(out, u->rounded, p->decimals);
	*out = u->exact;
	return 0;
}

static int compute_entity(compliance_assessment *a, int rollup, size_t ei, cp_result *r,
                          cp_node_eval *ev)
{
	const compliance_profile *p = a->profile;
	cp_entity *e = &a->entities[ei];
	cnum sum = cnum_int(0), v;
	size_t j, k, n = 0;
	int rc;

	r->entity = ei;
	r->nproducts = 0;
	for (j = 0; j < e->nunits; j++) {
		cp_unit *u = &e->units[j];
		if ((rc = compute_unit(a, e, u, ev)))
			return rc;
		r->nproducts += u->nproducts;
		/* a unit given one direct score is one product, rounded at the
		 * unit stage like any unit score */
		if (rollup == COMPLIANCE_ROLLUP_PRODUCTS && !u->nvalues && u->products) {
			for (k = 0; k < u->nproducts; k++, n++)
				if ((rc = mean_add(&sum, u->products[k].score)))
					return rc;
		} else {
			if ((rc = unit_value(p, u, &v)) || (rc = mean_add(&sum, v)))
				return rc;
			n++;
		}
	}
	if (n == 0)
		return cp_error_set(&a->err, COMPLIANCE_E_MISSING,
		                    "entity '%.200s' has no unit scores or values, only entity-level "
		                    "inputs: there is nothing to average", e->name);
	if ((rc = cnum_div(&r->mean, sum, cnum_int((int64_t)n))))
		return rc;
	/* a flag changes the number only when the profile gives its size */
	for (k = 0; k < p->nflags; k++)
		if (p->flags[k].deduction_known && cp_entity_input(e, p->flags[k].id) == 1) {
			if ((rc = cnum_sub(&r->mean, r->mean, p->flags[k].deduction)))
				return rc;
			if (cnum_cmp(r->mean, p->scale_min) < 0)
				r->mean = p->scale_min;
		}
	if ((rc = cnum_round_scaled(&r->score, r->mean, p->decimals)))
		return rc;
	if (p->round_entity) {
		r->band = cp_profile_band_of(p, r->score);
	} else {
		/* classify the exact mean: the first band whose lower bound it reaches */
		size_t b;
		r->band = CP_NONE;
		for (b = 0; b < p->nbands && r->band == CP_NONE; b++)
			if (cnum_cmp(r->mean, p->bands[b].lower) >= 0)
				r->band = b;
	}
	if (r->band == CP_NONE)
		return COMPLIANCE_E_RANGE;
	cnum_format_scaled(r->score_text, r->score, p->decimals);
	cnum_format_exact(r->mean_text, r->mean);
	snprintf(r->label, sizeof r->label, "%s", p->bands[r->band].text[COMPLIANCE_BAND_LABEL]);
	cp_utf8_trim(r->label);
	r->qualified = 0;
	for (k = 0; k < p->nqualifiers; k++)
		if (cp_entity_input(e, p->qualifiers[k].input) == p->qualifiers[k].when) {
			size_t len = strlen(r->label);
			snprintf(r->label + len, sizeof r->label - len, "%s", p->qualifiers[k].suffix);
			cp_utf8_trim(r->label);
			r->qualified = 1;
		}
	return 0;
}

int compliance_assessment_compute(compliance_assessment *a)
{
	const compliance_profile *p;
	cp_result *res;
	cp_node_eval *ev;
	size_t i, t;
	int rollup, rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	p = a->profile;
	rollup = a->rollup_option ? a->rollup_option : p->rollup_default;
	res = cp_calloc(&a->alloc, a->nentities, sizeof *res);
	ev = cp_calloc(&a->alloc, p->nnodes + 1, sizeof *ev);
	if (!res || !ev) {
		cp_free(&a->alloc, res);
		cp_free(&a->alloc, ev);
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	for (i = 0; i < a->nentities; i++) {
		rc = compute_entity(a, rollup, i, &res[i], ev);
		if (rc) {
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

int compliance_assessment_missing_policy(const compliance_assessment *a)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	return a->computed ? a->missing_policy : COMPLIANCE_E_STATE;
}

int compliance_assessment_rollup(const compliance_assessment *a)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	return a->computed ? a->rollup_used : COMPLIANCE_E_STATE;
}

size_t compliance_assessment_entity_count(const compliance_assessment *a)
{
	return a && a->computed ? a->nresults : 0;
}

int compliance_assessment_find(const compliance_assessment *a, const char *name, size_t *index)
{
	size_t ei;

	if (!a || !name || !index)
		return COMPLIANCE_E_INVALID;
	if (!a->computed)
		return COMPLIANCE_E_STATE;
	/* through the entity index; compute noted each entity's position */
	ei = cp_assessment_find_entity(a, name, strlen(name));
	if (ei == CP_NONE || ei >= a->nresults)
		return COMPLIANCE_E_NOTFOUND;
	*index = a->entities[ei].result;
	return COMPLIANCE_OK;
}

static const cp_result *result_at(const compliance_assessment *a, size_t index, int *rc)
{
	if (!a) {
		*rc = COMPLIANCE_E_INVALID;
		return NULL;
	}
	if (!a->computed) {
		*rc = COMPLIANCE_E_STATE;
		return NULL;
	}
	if (index >= a->nresults) {
		*rc = COMPLIANCE_E_NOTFOUND;
		return NULL;
	}
	*rc = 0;
	return &a->results[index];
}

const char *compliance_assessment_entity(const compliance_assessment *a, size_t index, int field)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);
	const cp_band *b;

	if (!r)
		return NULL;
	b = &a->profile->bands[r->band];
	switch (field) {
	case COMPLIANCE_ENTITY_NAME: return a->entities[r->entity].name;
	case COMPLIANCE_ENTITY_TYPE: return cp_entity_type_names[a->entities[r->entity].type];
	case COMPLIANCE_ENTITY_SCORE: return r->score_text;
	case COMPLIANCE_ENTITY_CATEGORY: return b->text[COMPLIANCE_BAND_CATEGORY];
	case COMPLIANCE_ENTITY_ZONE: return b->text[COMPLIANCE_BAND_ZONE];
	case COMPLIANCE_ENTITY_LABEL: return r->label;
	case COMPLIANCE_ENTITY_MEAN: return r->mean_text;
	default: return NULL;
	}
}

int compliance_assessment_entity_score(const compliance_assessment *a, size_t index, int64_t *out)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	if (!r)
		return rc;
	if (!out)
		return COMPLIANCE_E_INVALID;
	*out = r->score;
	return COMPLIANCE_OK;
}

int compliance_assessment_entity_rank(const compliance_assessment *a, size_t index, size_t *rank,
                                      size_t *rank_in_type)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	if (!r)
		return rc;
	if (rank)
		*rank = r->rank;
	if (rank_in_type)
		*rank_in_type = r->rank_in_type;
	return COMPLIANCE_OK;
}

int compliance_assessment_entity_band(const compliance_assessment *a, size_t index, size_t *band)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	if (!r)
		return rc;
	if (!band)
		return COMPLIANCE_E_INVALID;
	*band = r->band;
	return COMPLIANCE_OK;
}

size_t compliance_assessment_unit_count(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? a->entities[r->entity].nunits : 0;
}

size_t compliance_assessment_product_count(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? r->nproducts : 0;
}

const char *compliance_assessment_unit(const compliance_assessment *a, size_t index, size_t unit,
                                       int field)
{
	char(*unit_text)[CNUM_TEXT_MAX];
	int rc;
	const cp_result *r = result_at(a, index, &rc);
	const cp_unit *u;

	if (!r || unit >= a->entities[r->entity].nunits)
		return NULL;
	u = &a->entities[r->entity].units[unit];
	/* the texts are formatted on demand (a unit holds none) into the
	 * assessment's buffer (a handle is used by one thread at a time):
	 * valid until the next call for the same field */
	unit_text = ((compliance_assessment *)a)->unit_text;
	switch (field) {
	case COMPLIANCE_UNIT_NAME: return u->name;
	case COMPLIANCE_UNIT_SCORE:
		cnum_format_scaled(unit_text[0], u->rounded, a->profile->decimals);
		return unit_text[0];
	case COMPLIANCE_UNIT_EXACT:
		cnum_format_exact(unit_text[1], u->exact);
		return unit_text[1];
	default: return NULL;
	}
}
