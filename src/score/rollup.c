/*
 * Roll-up: product scores into unit scores, unit scores into the entity
 * score (the simple mean, rounded half-up as the profile says), the band,
 * and competition ranks (1, 2, 2, 4) nationally and within each type.
 */
#include <stddef.h>
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

static int rollup_finish(const compliance_profile *p, const cp_entity *e, cnum sum, size_t count,
                         cp_rollup_out *out, cp_error *err, int label);

/* cp_rollup_entity(); without `label`, out->label is left "" (compute
 * takes the label from its table: the same text for every entity of a
 * band under the same qualifiers). */
static int rollup_entity(const compliance_profile *p, const cp_entity *e, int rollup,
                         const cnum *unit_exact, cp_rollup_out *out, cp_error *err, int label)
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
	rc = rollup_finish(p, e, sum, count, out, err, label);
	out->nproducts = nproducts;
	return rc;
}

int cp_rollup_entity(const compliance_profile *p, const cp_entity *e, int rollup,
                     const cnum *unit_exact, cp_rollup_out *out, cp_error *err)
{
	return rollup_entity(p, e, rollup, unit_exact, out, err, 1);
}

int cp_rollup_finish(const compliance_profile *p, const cp_entity *e, cnum sum, size_t count,
                     cp_rollup_out *out, cp_error *err)
{
	return rollup_finish(p, e, sum, count, out, err, 1);
}

void cp_rollup_label(const compliance_profile *p, size_t band, uint32_t qmask, char *label,
                     size_t size)
{
	size_t k;

	snprintf(label, size, "%s", p->bands[band].text[COMPLIANCE_BAND_LABEL]);
	cp_utf8_trim(label);
	for (k = 0; k < p->nqualifiers; k++)
		if ((qmask & (UINT32_C(1) << k)) && (p->qualifiers[k].sets & 1)) {
			/* appends to the default set */
			size_t len = strlen(label);
			snprintf(label + len, size - len, "%s", p->qualifiers[k].suffix);
			cp_utf8_trim(label);
		}
}

static int rollup_finish(const compliance_profile *p, const cp_entity *e, cnum sum, size_t count,
                         cp_rollup_out *out, cp_error *err, int label)
{
	size_t k;
	int rc;

	if (label) {
		memset(out, 0, sizeof *out);
	} else { /* all but the label's 256 bytes */
		memset(out, 0, offsetof(cp_rollup_out, label));
		out->label[0] = '\0';
	}
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
	for (k = 0; k < p->nqualifiers; k++)
		if (cp_entity_input(e, p->qualifiers[k].input) == p->qualifiers[k].when) {
			out->qualified = 1;
			out->qmask |= UINT32_C(1) << k;
		}
	if (label)
		cp_rollup_label(p, out->band, out->qmask, out->label, sizeof out->label);
	return 0;
}

/* An entity's unit count against the profile's range (a warning: the
 * entity is scored all the same). */
static int unit_count_check(const compliance_profile *p, int type, size_t nunits)
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

/* What compute builds besides the results: their texts, one block, and
 * the labels they use, one a band and qualifier mask. */
typedef struct compute_out {
	char *text;
	size_t len, cap;
	char **label;
	size_t nlabel;
} compute_out;

static void compute_out_free(const cp_alloc *al, compute_out *c)
{
	cp_result_texts_free(al, c->text, c->label, c->nlabel);
	memset(c, 0, sizeof *c);
}

static int compute_entity(compliance_assessment *a, int rollup, size_t ei, cp_result *r,
                          cp_node_eval *ev, const cp_fast *fast, compute_out *c)
{
	const compliance_profile *p = a->profile;
	cp_entity *e = &a->entities[ei];
	cp_rollup_out o;
	size_t j, k;
	int rc;

	r->entity = (uint32_t)ei;
	for (j = 0; j < e->nunits; j++)
		if ((rc = compute_unit(a, e, &e->units[j], ev, fast)))
			return rc;
	if ((rc = rollup_entity(p, e, rollup, NULL, &o, &a->err, 0)))
		return rc;
	r->score = o.score;
	r->band = (uint32_t)o.band;
	r->qmask = o.qmask;
	r->unit_check = (uint8_t)unit_count_check(p, e->type, e->nunits);
	r->type = (uint8_t)e->type;
	/* the label: made once for each band and qualifier mask in use */
	k = (o.band << p->nqualifiers) | o.qmask;
	if (!c->label[k]) {
		char label[sizeof o.label];
		cp_rollup_label(p, o.band, o.qmask, label, sizeof label);
		if (!(c->label[k] = cp_strdup(&a->alloc, label)))
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	/* the texts, each at its length */
	if (cp_grow(&a->alloc, (void **)&c->text, &c->cap, c->len + 2 * CNUM_TEXT_MAX, 1))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	r->text = c->len;
	cnum_format_scaled(c->text + c->len, o.score, p->decimals);
	c->len += strlen(c->text + c->len) + 1;
	cnum_format_exact(c->text + c->len, o.value);
	c->len += strlen(c->text + c->len) + 1;
	return 0;
}

/* A sort key: the rounded score and the entity. */
typedef struct sort_key {
	int64_t score;
	uint32_t entity;
} sort_key;

/* 1 when the entities' names ascend in their order (as strcmp orders
 * them): then the order by name is the entities' own, and the ranking
 * needs only a stable sort by score. */
static int names_ascend(const compliance_assessment *a)
{
	size_t i;

	if (a->slow_rank == 1)
		return 0;
	for (i = 1; i < a->nentities; i++)
		if (strcmp(a->entities[i - 1].name, a->entities[i].name) >= 0)
			return 0;
	return 1;
}

/* A stable bottom-up merge sort of key[0..n) (tmp as long), descending
 * score then, with `by_name`, ascending name (the entities' names are
 * unique); without it, ties keep their order. Returns the sorted array
 * (key or tmp). */
static sort_key *merge_sort(const compliance_assessment *a, sort_key *key, sort_key *tmp,
                            size_t n, int by_name)
{
	size_t width;

	for (width = 1; width < n; width *= 2) {
		size_t lo;
		sort_key *swap;
		for (lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t x = lo, y = mid, o = lo;
			while (x < mid && y < hi) {
				const sort_key *ka = &key[x], *kb = &key[y];
				int c = ka->score != kb->score ? (ka->score > kb->score ? -1 : 1)
				        : by_name ? strcmp(a->entities[ka->entity].name,
				                           a->entities[kb->entity].name)
				                  : 0;
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
	return key;
}

/* A stable counting sort of key[0..n) into out, descending score, when
 * the scores span at most `span` values; 0, 1 when they span more
 * (nothing done), or COMPLIANCE_E_NOMEM. */
static int counting_sort(const cp_alloc *al, const sort_key *key, sort_key *out, size_t n,
                         uint64_t span)
{
	int64_t lo, hi;
	size_t i, *count, m;

	if (!n)
		return 0;
	lo = hi = key[0].score;
	for (i = 1; i < n; i++) {
		if (key[i].score < lo)
			lo = key[i].score;
		if (key[i].score > hi)
			hi = key[i].score;
	}
	if ((uint64_t)hi - (uint64_t)lo >= span)
		return 1;
	m = (size_t)((uint64_t)hi - (uint64_t)lo) + 1;
	if (!(count = cp_calloc(al, m + 1, sizeof *count)))
		return COMPLIANCE_E_NOMEM;
	/* bucket of score s: hi - s (the highest first) */
	for (i = 0; i < n; i++)
		count[(size_t)((uint64_t)hi - (uint64_t)key[i].score) + 1]++;
	for (i = 1; i <= m; i++)
		count[i] += count[i - 1];
	for (i = 0; i < n; i++)
		out[count[(size_t)((uint64_t)hi - (uint64_t)key[i].score)]++] = key[i];
	cp_free(al, count);
	return 0;
}

/* Puts *res[0..n) (entity order) in the order of descending rounded
 * score, then name, and notes each entity's position; 0 or
 * COMPLIANCE_E_NOMEM (nothing changed). The small keys are sorted, then
 * the results gathered in that order into a new array (a gather's reads
 * are independent, where following the permutation's cycles in place
 * chained two cache misses a result). When the names already ascend in
 * the entities' order (a file sorted by name, as most are), a stable sort
 * by score alone gives the same order: by counting when the scores span
 * few values, else merging without a name comparison. */
static int rank_order(compliance_assessment *a, cp_result **res, size_t n)
{
	sort_key *key, *tmp, *sorted;
	cp_result *out, *in = *res;
	size_t i;
	int rc;

	key = cp_malloc(&a->alloc, (n ? n : 1) * sizeof *key);
	tmp = cp_malloc(&a->alloc, (n ? n : 1) * sizeof *tmp);
	if (!key || !tmp) {
		cp_free(&a->alloc, key);
		cp_free(&a->alloc, tmp);
		return COMPLIANCE_E_NOMEM;
	}
	for (i = 0; i < n; i++) {
		key[i].score = in[i].score;
		key[i].entity = (uint32_t)i; /* in[i] is entity i's */
	}
	if (!names_ascend(a))
		sorted = merge_sort(a, key, tmp, n, 1);
	else if (!(rc = counting_sort(&a->alloc, key, tmp, n,
	                              a->slow_rank == 2 ? 0 : (uint64_t)n + 65536)))
		sorted = tmp;
	else if (rc == 1)
		sorted = merge_sort(a, key, tmp, n, 0);
	else {
		cp_free(&a->alloc, key);
		cp_free(&a->alloc, tmp);
		return rc;
	}
	cp_free(&a->alloc, sorted == key ? tmp : key);
	out = cp_malloc(&a->alloc, (n ? n : 1) * sizeof *out);
	if (!out) {
		cp_free(&a->alloc, sorted);
		return COMPLIANCE_E_NOMEM;
	}
	for (i = 0; i < n; i++) {
		size_t from = sorted[i].entity;
		if (i + 16 < n) { /* the reads and writes of a few rows on */
			__builtin_prefetch(&in[sorted[i + 16].entity]);
			__builtin_prefetch(&a->entities[sorted[i + 16].entity].result, 1);
		}
		out[i] = in[from];
		a->entities[from].result = (uint32_t)i;
	}
	cp_free(&a->alloc, sorted);
	cp_free(&a->alloc, in);
	*res = out;
	return 0;
}

int compliance_assessment_compute(compliance_assessment *a)
{
	const compliance_profile *p;
	cp_result *res;
	cp_node_eval *ev;
	cp_fast fast;
	compute_out c;
	size_t i, t;
	int rollup, rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	p = a->profile;
	rollup = a->rollup_option ? a->rollup_option : p->rollup_default;
	memset(&c, 0, sizeof c);
	c.nlabel = p->nbands ? p->nbands << p->nqualifiers : 1;
	/* every field of a result is set by compute_entity */
	res = cp_malloc(&a->alloc, (a->nentities ? a->nentities : 1) * sizeof *res);
	ev = cp_calloc(&a->alloc, p->nnodes + 1, sizeof *ev);
	c.label = cp_calloc(&a->alloc, c.nlabel, sizeof *c.label);
	if (a->nentities > (size_t)-1 / sizeof *res || !res || !ev || !c.label ||
	    cp_fast_init(&fast, p, &a->alloc)) {
		cp_free(&a->alloc, res);
		cp_free(&a->alloc, ev);
		compute_out_free(&a->alloc, &c);
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	for (i = 0; i < a->nentities; i++) {
		rc = compute_entity(a, rollup, i, &res[i], ev, &fast, &c);
		if (rc) {
			cp_fast_free(&fast, &a->alloc);
			cp_free(&a->alloc, res);
			cp_free(&a->alloc, ev);
			compute_out_free(&a->alloc, &c);
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
	if (rank_order(a, &res, a->nentities)) {
		cp_free(&a->alloc, res);
		compute_out_free(&a->alloc, &c);
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	for (i = 0; i < a->nentities; i++)
		res[i].rank = (i > 0 && res[i].score == res[i - 1].score) ? res[i - 1].rank
		                                                         : (uint32_t)(i + 1);
	{ /* the ranks within each type: one pass, a count for each type */
		uint32_t seen[CP_NTYPES] = { 0 }, last[CP_NTYPES] = { 0 };
		int64_t prev[CP_NTYPES] = { 0 };
		for (i = 0; i < a->nentities; i++) {
			t = res[i].type;
			seen[t]++;
			res[i].rank_in_type =
				(seen[t] > 1 && res[i].score == prev[t]) ? last[t] : seen[t];
			last[t] = res[i].rank_in_type;
			prev[t] = res[i].score;
		}
	}
	cp_results_free(a);
	a->results = res;
	a->nresults = a->nentities;
	a->rtext = c.text;
	a->rlabel = c.label;
	a->nrlabel = c.nlabel;
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
