/*
 * Advice: the least effort that reaches the next band, or a target the
 * user names. Effort is counted in answer steps: raising an indicator by
 * one level of its scale is one step (a yes/no item is one step).
 *
 * The search is exact and provably minimal:
 *  - a unit given by values is linear in its indicators' shares while the
 *    set of answered indicators stays the same, so k steps on indicator i
 *    add gain_i(k) points to the unit's exact score; for each unit a
 *    knapsack over its indicators gives best_u(i, b), the most points
 *    indicators i.. of that unit can add with at most b steps;
 *  - the roll-up is monotone in every unit's score (unit rounding, mean,
 *    deductions, clamping, rounding and band are all non-decreasing), so
 *    the units' best values at each budget, combined by a second knapsack
 *    over units, give the highest sum of unit values reachable with b
 *    steps; whether a sum reaches the target is decided by the one roll-up
 *    (cp_rollup_entity), never by a copy of its formula;
 *  - the minimal effort is the smallest b whose best sum reaches the
 *    target; the plans of that effort are enumerated depth first, a branch
 *    kept only while its best completion (the same tables: an exact,
 *    achievable bound) still reaches the target, so every branch explored
 *    ends in a plan: the first plan and a bounded number of equal-cost
 *    alternatives come out without a search over every combination.
 * Missing answers follow the run's policy: at the minimum they are
 * candidates from the scale's minimum; under the exclude policy answering
 * one re-weights its group (not linear), so each combination of answers to
 * a unit's unanswered indicators (up to 6 of them, 256 combinations) is a
 * variant of the unit, evaluated afresh, and the knapsack over units takes
 * the best variant at each budget; any beyond those limits are left out and
 * counted. Locked indicators (and every
 * indicator below a locked node) are never raised. An entity scored from
 * unit scores only gets the smallest increase of its units' scores, at
 * the profile's decimals, found through the same roll-up.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "score/assessment_internal.h"

#define ADVICE_PLANS 10         /* the plan and up to 9 equal-cost alternatives */
#define ADVICE_NODES 2000000    /* bound checks before the enumeration stops */
#define ADVICE_MAX_LEVELS 100   /* a wider integer scale is raised in one step */
#define ADVICE_MAX_WORK 50000000UL /* knapsack cells x choices before refusing (seconds) */

typedef struct item {
	size_t unit, node;
	int missing;   /* unanswered, counted at the scale's minimum */
	cnum answer;   /* the answer now (the minimum when missing) */
	cnum share;    /* its share now */
	size_t room;   /* steps it can rise */
	cnum *level;   /* level[k]: the answer after k steps, k = 0..room */
	cnum *gain;    /* gain[k]: unit points that k steps add */
} item;

#define ADVICE_MAX_MISSING 6      /* unanswered indicators of a unit weighed (exclude policy) */
#define ADVICE_MAX_VARIANTS 256   /* their combinations of answers */

/* One variant of a unit some of whose indicators can rise: under the
 * exclude policy each combination of answers to its unanswered
 * indicators is a variant (answering one changes the weights, so each is
 * evaluated afresh); otherwise the unit has one variant. */
typedef struct uplan {
	size_t unit;
	size_t first, n;  /* its items */
	size_t cap;       /* steps its items can take in all */
	size_t cost;      /* steps its answers to unanswered indicators take */
	size_t nans;
	size_t ans_node[ADVICE_MAX_MISSING];
	cnum ans_level[ADVICE_MAX_MISSING];
	cnum base;        /* its exact score with those answers */
	cnum *suf;        /* suf[i * (cap + 1) + b]: most points items first+i.. add with <= b steps */
} uplan;

typedef struct ugroup { /* the variants of one unit */
	size_t first, n;
	size_t span;        /* the most steps a variant takes: cost + cap */
} ugroup;

typedef struct search {
	compliance_assessment *a;
	const compliance_profile *p;
	const cp_entity *e;
	item *it;
	size_t nit;
	uplan *up;
	size_t nup, capup;
	ugroup *grp;
	size_t ngrp;
	size_t total;   /* steps every item can take */
	cnum *esuf;     /* esuf[t * (total + 1) + b]: most the values of units t.. sum to with <= b steps */
	cnum *arr;      /* a what-if of every unit's exact score */
	size_t j0;      /* the unit a sum is put in for the roll-up */
	int by_score;   /* target: a score (else a band) */
	int64_t target_score;
	size_t target_band;
	/* the enumeration */
	size_t *k;      /* steps per item in the branch, then the variant per unit */
	size_t **plans; /* steps per item of each plan found */
	size_t nplans;
	int more;       /* more plans exist than were kept */
	unsigned long nodes;
	int rc;
} search;

static json_t *jnum(cnum v, int decimals)
{
	char e[CNUM_TEXT_MAX], r[CNUM_TEXT_MAX];

	cnum_format_exact(e, v);
	cnum_format_round(r, v, decimals);
	return json_pack("{s:s, s:s}", "exact", e, "decimal", r);
}

static json_t *jexact(cnum v)
{
	char e[CNUM_TEXT_MAX];

	cnum_format_exact(e, v);
	return json_string(e);
}

/* A band's short name: its category, or its zone in zone-only editions. */
static const char *band_name(const cp_band *b)
{
	return b->text[COMPLIANCE_BAND_CATEGORY][0] ? b->text[COMPLIANCE_BAND_CATEGORY]
	                                            : b->text[COMPLIANCE_BAND_ZONE];
}

static int ascii_ieq(const char *x, const char *y)
{
	for (; *x && *y; x++, y++) {
		char cx = *x, cy = *y;
		if (cx >= 'A' && cx <= 'Z')
			cx = (char)(cx - 'A' + 'a');
		if (cy >= 'A' && cy <= 'Z')
			cy = (char)(cy - 'A' + 'a');
		if (cx != cy)
			return 0;
	}
	return *x == *y;
}

/* The target named by `s`: a band (category or zone, any case) or a score
 * within the scale. 0, or COMPLIANCE_E_PARSE / _RANGE with *why set. */
static int parse_target(const compliance_profile *p, const char *s, int *by_score,
                        int64_t *score, size_t *band, const char **why)
{
	size_t b;
	cnum v;

	for (b = 0; b < p->nbands; b++)
		if (p->bands[b].text[COMPLIANCE_BAND_CATEGORY][0] &&
		    ascii_ieq(s, p->bands[b].text[COMPLIANCE_BAND_CATEGORY])) {
			*by_score = 0;
			*band = b;
			return 0;
		}
	/* a zone spans several bands: its lowest one is enough */
	for (b = p->nbands; b-- > 0;)
		if (ascii_ieq(s, p->bands[b].text[COMPLIANCE_BAND_ZONE])) {
			*by_score = 0;
			*band = b;
			return 0;
		}
	if (cnum_parse(&v, s, strlen(s), why)) {
		if (!*why || !**why)
			*why = "not a number";
		return COMPLIANCE_E_PARSE;
	}
	if (cnum_cmp(v, p->scale_min) < 0 || cnum_cmp(v, p->scale_max) > 0) {
		*why = "outside the profile's scale";
		return COMPLIANCE_E_RANGE;
	}
	if (cnum_round_scaled(score, v, p->decimals)) {
		*why = "too large";
		return COMPLIANCE_E_RANGE;
	}
	{ /* a score that needs more decimals than the profile has rounds up */
		cnum back;
		if (!cnum_from_scaled(&back, *score, p->decimals) && cnum_cmp(back, v) < 0)
			(*score)++;
	}
	*by_score = 1;
	return 0;
}

int compliance_assessment_advise_target(compliance_assessment *a, const char *target)
{
	const char *why = NULL;
	int64_t s;
	size_t b;
	int by;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!target || !target[0]) {
		a->advice_target[0] = '\0';
		return COMPLIANCE_OK;
	}
	if (strlen(target) >= sizeof a->advice_target)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "advise: target '%.60s...' is too long", target);
	if (!a->profile->nbands)
		return cp_error_set(&a->err, COMPLIANCE_E_MISSING,
		                    "advise: target '%s': profile %s has no bands", target,
		                    a->profile->id);
	if ((rc = parse_target(a->profile, target, &by, &s, &b, &why)))
		return cp_error_set(&a->err, rc,
		                    "advise: target '%s': %s: expected a category or zone of profile "
		                    "%s, or a score from %s to %s", target, why, a->profile->id,
		                    a->profile->scale_min_text, a->profile->scale_max_text);
	snprintf(a->advice_target, sizeof a->advice_target, "%s", target);
	return COMPLIANCE_OK;
}

int compliance_assessment_advise_lock(compliance_assessment *a, const char *indicator)
{
	const compliance_profile *p;
	size_t n;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	p = a->profile;
	if (!indicator) {
		cp_free(&a->alloc, a->advice_locks);
		a->advice_locks = NULL;
		return COMPLIANCE_OK;
	}
	n = cp_profile_find_node(p, indicator, strlen(indicator));
	if (n == CP_NONE) {
		char q[80];
		cp_quote(q, sizeof q, indicator, strlen(indicator));
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "advise: lock %s: profile %s has no node of that id", q, p->id);
	}
	if (!a->advice_locks) {
		a->advice_locks = cp_calloc(&a->alloc, p->nnodes, 1);
		if (!a->advice_locks)
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	a->advice_locks[n] = 1;
	return COMPLIANCE_OK;
}

/* The node or one above it is locked. */
static int locked(const compliance_assessment *a, size_t n)
{
	if (!a->advice_locks)
		return 0;
	for (; n != CP_NONE; n = a->profile->nodes[n].parent)
		if (a->advice_locks[n])
			return 1;
	return 0;
}

/* The value a unit's exact score enters the mean with (rounded when the
 * profile rounds units): only to order the tables; every decision is the
 * roll-up's. */
static int unit_value(const compliance_profile *p, cnum x, cnum *out)
{
	int64_t r;
	int rc;

	if (!p->round_unit) {
		*out = x;
		return 0;
	}
	if ((rc = cnum_round_scaled(&r, x, p->decimals)))
		return rc;
	return cnum_from_scaled(out, r, p->decimals);
}

static int reaches(const search *s, const cp_rollup_out *o)
{
	return s->by_score ? o->score >= s->target_score : o->band <= s->target_band;
}

/* Whether units whose values sum to `sum` (the units that can change; the
 * others as stored) reach the target, by the roll-up. */
static int feasible(search *s, cnum sum, int *ok)
{
	cp_rollup_out o;
	size_t t;
	int rc;

	for (t = 0; t < s->nup; t++)
		s->arr[s->up[t].unit] = cnum_int(0);
	s->arr[s->j0] = sum;
	(void)0;
	s->nodes++;
	if ((rc = cp_rollup_entity(s->p, s->e, s->a->rollup_used, s->arr, &o, NULL)))
		return rc;
	*ok = reaches(s, &o);
	return 0;
}

/* The unit value of unit t at its exact score x plus the best of items
 * i.. with b1 steps, plus the best of units t+1.. with the rest, the
 * largest over b1: the best sum this branch can still reach. */
static int bound(search *s, size_t t, size_t vi, size_t i, size_t b, cnum x, cnum prefix,
                 int *ok)
{
	const uplan *u = &s->up[vi];
	cnum best = cnum_int(0), v, w;
	size_t b1;
	int have = 0, rc;

	for (b1 = 0; b1 <= b && b1 <= u->cap; b1++) {
		if ((rc = cnum_add(&w, x, u->suf[i * (u->cap + 1) + b1])) ||
		    (rc = unit_value(s->p, w, &v)) ||
		    (rc = cnum_add(&v, v, s->esuf[(t + 1) * (s->total + 1) + (b - b1)])))
			return rc;
		if (!have || cnum_cmp(v, best) > 0)
			best = v;
		have = 1;
	}
	if ((rc = cnum_add(&best, best, prefix)))
		return rc;
	return feasible(s, best, ok);
}

/* Depth first over the items of variant vi of unit t from item i with
 * exactly b steps left (vi CP_NONE: the unit's variant is still to
 * choose); x is the unit's exact score so far, prefix the values of the
 * units before it. Stops after ADVICE_PLANS + 1 plans. */
static int enumerate(search *s, size_t t, size_t vi, size_t i, size_t b, cnum x, cnum prefix)
{
	const uplan *u;
	size_t k, kmax;
	int rc, ok;

	if (s->nplans > ADVICE_PLANS || s->nodes > ADVICE_NODES)
		return 0;
	if (t == s->ngrp) {
		if (b != 0)
			return 0;
		if ((rc = feasible(s, prefix, &ok)))
			return rc;
		if (!ok)
			return 0;
		if (s->nplans == ADVICE_PLANS) {
			s->more = 1;
			s->nplans++;
			return 0;
		}
		memcpy(s->plans[s->nplans++], s->k, (s->nit + s->ngrp) * sizeof *s->k);
		return 0;
	}
	if (vi == CP_NONE) {
		const ugroup *g = &s->grp[t];
		size_t v;
		for (v = g->first; v < g->first + g->n; v++) {
			u = &s->up[v];
			if (u->cost > b)
				continue;
			if ((rc = bound(s, t, v, 0, b - u->cost, u->base, prefix, &ok)))
				return rc;
			if (!ok)
				continue;
			s->k[s->nit + t] = v;
			if ((rc = enumerate(s, t, v, 0, b - u->cost, u->base, prefix)))
				return rc;
			if (s->nplans > ADVICE_PLANS || s->nodes > ADVICE_NODES)
				return 0;
		}
		return 0;
	}
	u = &s->up[vi];
	if (i == u->n) {
		cnum v;
		if ((rc = unit_value(s->p, x, &v)) || (rc = cnum_add(&prefix, prefix, v)))
			return rc;
		return enumerate(s, t + 1, CP_NONE, 0, b, cnum_int(0), prefix);
	}
	{
		const item *m = &s->it[u->first + i];
		kmax = m->room < b ? m->room : b;
		for (k = kmax + 1; k-- > 0;) {
			cnum nx;
			if ((rc = cnum_add(&nx, x, m->gain[k])))
				return rc;
			if ((rc = bound(s, t, vi, i + 1, b - k, nx, prefix, &ok)))
				return rc;
			if (!ok)
				continue;
			s->k[u->first + i] = k;
			rc = enumerate(s, t, vi, i + 1, b - k, nx, prefix);
			s->k[u->first + i] = 0;
			if (rc)
				return rc;
			if (s->nplans > ADVICE_PLANS || s->nodes > ADVICE_NODES)
				return 0;
		}
	}
	return 0;
}

/* Items of one unit by the points of their first step, most first. */
static int by_first_gain(const void *x, const void *y)
{
	const item *a = x, *b = y;
	int c = cnum_cmp(b->gain[1], a->gain[1]);

	if (c)
		return c;
	return a->node < b->node ? -1 : (a->node > b->node);
}

static void free_search(search *s)
{
	cp_alloc *al = &s->a->alloc;
	size_t i;

	for (i = 0; i < s->nit; i++) {
		cp_free(al, s->it[i].level);
		cp_free(al, s->it[i].gain);
	}
	cp_free(al, s->it);
	for (i = 0; i < s->nup; i++)
		cp_free(al, s->up[i].suf);
	cp_free(al, s->up);
	cp_free(al, s->grp);
	cp_free(al, s->esuf);
	cp_free(al, s->arr);
	cp_free(al, s->k);
	if (s->plans)
		for (i = 0; i <= ADVICE_PLANS; i++)
			cp_free(al, s->plans[i]);
	cp_free(al, s->plans);
}

/* The levels of an indicator above its answer: the integers of an integer
 * scale (one step each), or its maximum in one step. */
static int make_levels(compliance_assessment *a, item *m, const cp_node *nd)
{
	size_t k;
	cint next = 0;
	int integer = nd->min.d == 1 && nd->max.d == 1 &&
	              nd->max.n - nd->min.n <= ADVICE_MAX_LEVELS;

	if (integer) {
		next = m->answer.n / m->answer.d; /* the first integer level above the answer */
		if (m->answer.n < 0 && m->answer.n % m->answer.d)
			next--;
		next++;
		m->room = next > nd->max.n ? 0 : (size_t)(nd->max.n - next + 1);
	} else {
		m->room = cnum_cmp(m->answer, nd->max) < 0;
	}
	if (!m->room)
		return 0;
	m->level = cp_calloc(&a->alloc, m->room + 1, sizeof *m->level);
	m->gain = cp_calloc(&a->alloc, m->room + 1, sizeof *m->gain);
	if (!m->level || !m->gain)
		return COMPLIANCE_E_NOMEM;
	m->level[0] = m->answer;
	for (k = 1; k <= m->room; k++)
		m->level[k] = integer ? cnum_int((int64_t)(next + (cint)(k - 1))) : nd->max;
	return 0;
}

/* gain[k] = factor * (level[k] - answer) / (max - min). */
static int fill_gains(item *m, const cp_node *nd, cnum factor)
{
	cnum width, d;
	size_t k;
	int rc;

	if ((rc = cnum_sub(&width, nd->max, nd->min)))
		return rc;
	m->gain[0] = cnum_int(0);
	for (k = 1; k <= m->room; k++)
		if ((rc = cnum_sub(&d, m->level[k], m->answer)) || (rc = cnum_div(&d, d, width)) ||
		    (rc = cnum_mul(&m->gain[k], factor, d)))
			return rc;
	return 0;
}

/* The knapsack of one unit, from its last item back. */
static int unit_tables(compliance_assessment *a, search *s, uplan *u)
{
	size_t i, b, k, w = u->cap + 1;
	int rc;

	u->suf = cp_calloc(&a->alloc, (u->n + 1) * w, sizeof *u->suf);
	if (!u->suf)
		return COMPLIANCE_E_NOMEM;
	for (b = 0; b < w; b++)
		u->suf[u->n * w + b] = cnum_int(0);
	for (i = u->n; i-- > 0;) {
		const item *m = &s->it[u->first + i];
		for (b = 0; b < w; b++) {
			cnum best = u->suf[(i + 1) * w + b], v;
			for (k = 1; k <= m->room && k <= b; k++) {
				if ((rc = cnum_add(&v, m->gain[k], u->suf[(i + 1) * w + b - k])))
					return rc;
				if (cnum_cmp(v, best) > 0)
					best = v;
			}
			u->suf[i * w + b] = best;
		}
	}
	return 0;
}

/* The knapsack over units (each the best of its variants), from the last
 * unit back. */
static int entity_tables(compliance_assessment *a, search *s)
{
	size_t t, b, c, v, w = s->total + 1;
	int rc;

	s->esuf = cp_calloc(&a->alloc, (s->ngrp + 1) * w, sizeof *s->esuf);
	if (!s->esuf)
		return COMPLIANCE_E_NOMEM;
	for (b = 0; b < w; b++)
		s->esuf[s->ngrp * w + b] = cnum_int(0);
	for (t = s->ngrp; t-- > 0;) {
		const ugroup *g = &s->grp[t];
		for (b = 0; b < w; b++) {
			cnum best = cnum_int(0), x;
			int have = 0;
			for (v = g->first; v < g->first + g->n; v++) {
				const uplan *u = &s->up[v];
				if (u->cost > b)
					continue;
				for (c = 0; c <= u->cap && c <= b - u->cost; c++) {
					if ((rc = cnum_add(&x, u->base, u->suf[c])) ||
					    (rc = unit_value(s->p, x, &x)) ||
					    (rc = cnum_add(&x, x, s->esuf[(t + 1) * w + b - u->cost - c])))
						return rc;
					if (!have || cnum_cmp(x, best) > 0)
						best = x;
					have = 1;
				}
			}
			if (!have) /* every variant costs more: the unanswered stay */
				best = s->esuf[(t + 1) * w + b];
			s->esuf[t * w + b] = best;
		}
	}
	return 0;
}

/* The target of the advice: the user's, else the next band up. Sets
 * s->by_score, target_score, target_band; *none when there is no band
 * above. */
static int choose_target(compliance_assessment *a, search *s, const cp_rollup_out *now,
                         int *none)
{
	const compliance_profile *p = a->profile;
	const char *why = NULL;
	int rc;

	*none = 0;
	if (a->advice_target[0]) {
		if ((rc = parse_target(p, a->advice_target, &s->by_score, &s->target_score,
		                       &s->target_band, &why)))
			return cp_error_set(&a->err, rc, "advise: target '%s': %s", a->advice_target,
			                    why);
		if (s->by_score) {
			s->target_band = cp_profile_band_of(p, s->target_score);
			if (s->target_band == CP_NONE)
				s->target_band = 0;
		}
		return 0;
	}
	if (now->band == 0) {
		*none = 1;
		return 0;
	}
	s->by_score = 0;
	s->target_band = now->band - 1;
	return 0;
}

/* The lowest score (scaled) of the target. */
static int64_t target_floor(const compliance_profile *p, const search *s)
{
	int64_t t = 0;

	if (s->by_score)
		return s->target_score;
	if (cnum_round_scaled(&t, p->bands[s->target_band].lower, p->decimals))
		return 0;
	return t;
}

/* Unit j's exact score with answers given to n of its unanswered
 * indicators, evaluated afresh (with `factors`, ev holds each node's
 * points per share for the variant). */
static int eval_with(compliance_assessment *a, const cp_entity *e, size_t j, const size_t *node,
                     const cnum *level, size_t n, int factors, cp_node_eval *ev, cnum *out)
{
	cp_unit u;
	int rc = cp_unit_values_with(&a->alloc, &e->units[j], node, level, n, &u);

	if (rc)
		return rc;
	rc = cp_evaluate_unit(a->profile, e, &u, a->missing_policy, factors, ev, out, &a->err);
	cp_free(&a->alloc, u.values);
	return rc;
}

/* One plan as JSON steps, most points first, each re-scored cumulatively
 * by the roll-up. `full` adds the explanation fields of the main plan. */
static json_t *plan_steps(compliance_assessment *a, search *s, const size_t *k,
                          const cp_rollup_out *now, int full, char *score_after, int *rc)
{
	const compliance_profile *p = a->profile;
	const cp_entity *e = s->e;
	json_t *steps = json_array();
	size_t *order, n = 0, i, j, t, q, nstep = 0;
	cnum *x;
	cp_node_eval *ev = NULL;
	char buf[CNUM_TEXT_MAX];

	order = cp_calloc(&a->alloc, s->nit + 1, sizeof *order);
	x = cp_calloc(&a->alloc, e->nunits + 1, sizeof *x);
	if (p->nnodes)
		ev = cp_calloc(&a->alloc, p->nnodes, sizeof *ev);
	if (!steps || !order || !x || (p->nnodes && !ev)) {
		*rc = COMPLIANCE_E_NOMEM;
		goto fail;
	}
	for (t = 0; t < s->ngrp; t++) { /* the items of each unit's chosen variant */
		const uplan *u = &s->up[k[s->nit + t]];
		for (i = u->first; i < u->first + u->n; i++)
			if (k[i])
				order[n++] = i;
	}
	/* most unit points first (insertion sort: plans are short) */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && cnum_cmp(s->it[order[j]].gain[k[order[j]]],
		                              s->it[order[j - 1]].gain[k[order[j - 1]]]) > 0; j--) {
			size_t tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	for (j = 0; j < e->nunits; j++)
		x[j] = e->units[j].exact;
	/* answers to unanswered indicators first (exclude policy): each unit
	 * re-evaluated with the answers so far */
	for (t = 0; t < s->ngrp; t++) {
		const uplan *u = &s->up[k[s->nit + t]];
		for (q = 0; q < u->nans; q++) {
			const cp_node *nd = &p->nodes[u->ans_node[q]];
			cp_rollup_out after;
			cnum ux, ug, eg;
			json_t *st;
			char to[CNUM_TEXT_MAX];
			if ((*rc = eval_with(a, e, u->unit, u->ans_node, u->ans_level, q + 1, 0, ev, &ux)) ||
			    (*rc = cnum_sub(&ug, ux, x[u->unit])) ||
			    (*rc = cnum_div(&eg, ug, cnum_int((int64_t)now->count))))
				goto fail;
			x[u->unit] = ux;
			if ((*rc = cp_rollup_entity(p, e, a->rollup_used, x, &after, &a->err)))
				goto fail;
			cnum_format_exact(to, u->ans_level[q]);
			cnum_format_scaled(buf, after.score, p->decimals);
			nstep++;
			if (full)
				st = json_pack("{s:I, s:s, s:s, s:s, s:n, s:s, s:I, s:n, s:o, s:o, s:s, s:s, "
				               "s:s, s:b}",
				               "step", (json_int_t)nstep, "unit", e->units[u->unit].name,
				               "indicator", nd->text[COMPLIANCE_NODE_ID],
				               "name", nd->text[COMPLIANCE_NODE_NAME], "from", "raise_to", to,
				               "levels", (json_int_t)(u->ans_level[q].n - nd->min.n),
				               "share_now", "unit_points", jnum(ug, 4),
				               "entity_points", jnum(eg, 4), "score_after", buf,
				               "band_after", band_name(&p->bands[after.band]),
				               "label_after", after.label, "reaches_target",
				               reaches(s, &after));
			else
				st = json_pack("{s:s, s:s, s:n, s:s, s:I}", "unit", e->units[u->unit].name,
				               "indicator", nd->text[COMPLIANCE_NODE_ID], "from", "raise_to",
				               to, "levels", (json_int_t)(u->ans_level[q].n - nd->min.n));
			if (!st || json_array_append_new(steps, st)) {
				*rc = COMPLIANCE_E_NOMEM;
				goto fail;
			}
			if (score_after)
				snprintf(score_after, CNUM_TEXT_MAX, "%s", buf);
		}
		x[u->unit] = u->base;
	}
	for (i = 0; i < n; i++) {
		const item *m = &s->it[order[i]];
		const cp_node *nd = &p->nodes[m->node];
		size_t kk = k[order[i]];
		cp_rollup_out after;
		cnum eg;
		json_t *st;
		char from[CNUM_TEXT_MAX], to[CNUM_TEXT_MAX];

		if ((*rc = cnum_add(&x[m->unit], x[m->unit], m->gain[kk])) ||
		    (*rc = cnum_div(&eg, m->gain[kk], cnum_int((int64_t)now->count))))
			goto fail;
		if ((*rc = cp_rollup_entity(p, e, a->rollup_used, x, &after, &a->err)))
			goto fail;
		cnum_format_exact(from, m->answer);
		cnum_format_exact(to, m->level[kk]);
		cnum_format_scaled(buf, after.score, p->decimals);
		nstep++;
		if (full)
			st = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:I, s:o, s:o, s:o, s:s, s:s, s:s, "
			               "s:b}",
			               "step", (json_int_t)nstep, "unit", e->units[m->unit].name,
			               "indicator", nd->text[COMPLIANCE_NODE_ID],
			               "name", nd->text[COMPLIANCE_NODE_NAME],
			               "from", m->missing ? json_null() : json_string(from),
			               "raise_to", to, "levels", (json_int_t)kk,
			               "share_now", jnum(m->share, 6),
			               "unit_points", jnum(m->gain[kk], 4),
			               "entity_points", jnum(eg, 4), "score_after", buf,
			               "band_after", band_name(&p->bands[after.band]),
			               "label_after", after.label, "reaches_target", reaches(s, &after));
		else
			st = json_pack("{s:s, s:s, s:o, s:s, s:I}", "unit", e->units[m->unit].name,
			               "indicator", nd->text[COMPLIANCE_NODE_ID],
			               "from", m->missing ? json_null() : json_string(from),
			               "raise_to", to, "levels", (json_int_t)kk);
		if (!st || json_array_append_new(steps, st)) {
			*rc = COMPLIANCE_E_NOMEM;
			goto fail;
		}
		if (score_after)
			snprintf(score_after, CNUM_TEXT_MAX, "%s", buf);
	}
	cp_free(&a->alloc, order);
	cp_free(&a->alloc, x);
	cp_free(&a->alloc, ev);
	return steps;
fail:
	json_decref(steps);
	cp_free(&a->alloc, order);
	cp_free(&a->alloc, x);
	cp_free(&a->alloc, ev);
	return NULL;
}

/* Units scored directly: the smallest increase of the sum of the units'
 * values (at the profile's decimals) that reaches the target, found by a
 * binary search through the roll-up; which one unit alone could carry it,
 * and the fewest units that can. */
static json_t *units_plan(compliance_assessment *a, search *s, const cp_rollup_out *now, int *rc)
{
	const compliance_profile *p = a->profile;
	const cp_entity *e = s->e;
	int64_t cur = 0, lo, hi, top, v, need;
	size_t j, n = 0, *order = NULL, i;
	json_t *doc = NULL, *one, *few;
	cnum sum;
	char buf[CNUM_TEXT_MAX], buf2[CNUM_TEXT_MAX];
	int ok;

	/* every unit enters the mean; products roll-ups are left out */
	for (j = 0; j < e->nunits; j++)
		if (a->rollup_used == COMPLIANCE_ROLLUP_PRODUCTS && e->units[j].products)
			return json_null();
	if ((*rc = cnum_round_scaled(&top, p->scale_max, p->decimals)))
		return NULL;
	for (j = 0; j < e->nunits; j++) {
		if ((*rc = cnum_round_scaled(&v, e->units[j].exact, p->decimals)))
			return NULL;
		cur += v;
	}
	/* all units as "changeable": arr[j0] holds the sum */
	s->nup = 0;
	for (j = 0; j < e->nunits; j++)
		s->arr[j] = cnum_int(0);
	s->j0 = 0;
	lo = cur;
	hi = top * (int64_t)e->nunits;
	if ((*rc = cnum_from_scaled(&sum, hi, p->decimals)))
		return NULL;
	s->arr[0] = sum;
	{
		cp_rollup_out o;
		if ((*rc = cp_rollup_entity(p, e, a->rollup_used, s->arr, &o, &a->err)))
			return NULL;
		if (!reaches(s, &o))
			return json_pack("{s:b}", "reachable", 0);
	}
	while (lo < hi) { /* the least sum that reaches: in (lo, hi] */
		int64_t mid = lo + (hi - lo) / 2;
		cp_rollup_out o;
		if ((*rc = cnum_from_scaled(&sum, mid, p->decimals)))
			return NULL;
		s->arr[0] = sum;
		if ((*rc = cp_rollup_entity(p, e, a->rollup_used, s->arr, &o, &a->err)))
			return NULL;
		ok = reaches(s, &o);
		if (ok)
			hi = mid;
		else
			lo = mid + 1;
	}
	need = hi - cur;
	cnum_format_scaled(buf, need, p->decimals);
	{
		cnum m;
		if ((*rc = cnum_from_scaled(&m, need, p->decimals)) ||
		    (*rc = cnum_div(&m, m, cnum_int((int64_t)now->count))))
			return NULL;
		doc = json_pack("{s:b, s:s, s:o}", "reachable", 1, "total_increase", buf,
		                "mean_increase", jnum(m, 4));
	}
	one = json_array();
	few = json_array();
	order = cp_calloc(&a->alloc, e->nunits + 1, sizeof *order);
	if (!doc || !one || !few || !order) {
		*rc = COMPLIANCE_E_NOMEM;
		json_decref(doc);
		json_decref(one);
		json_decref(few);
		cp_free(&a->alloc, order);
		return NULL;
	}
	for (j = 0; j < e->nunits; j++) {
		int64_t u;
		cnum_round_scaled(&u, e->units[j].exact, p->decimals);
		if (u + need <= top) {
			cnum_format_scaled(buf, u, p->decimals);
			cnum_format_scaled(buf2, u + need, p->decimals);
			json_array_append_new(one, json_pack("{s:s, s:s, s:s}", "unit", e->units[j].name,
			                                     "score", buf, "to", buf2));
		}
		order[n++] = j;
	}
	/* the fewest units: the most room first */
	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			int64_t x1, x0;
			size_t t;
			cnum_round_scaled(&x1, e->units[order[j]].exact, p->decimals);
			cnum_round_scaled(&x0, e->units[order[j - 1]].exact, p->decimals);
			if (x1 >= x0)
				break;
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	{
		int64_t left = need;
		for (i = 0; i < n && left > 0; i++) {
			int64_t u, inc;
			cnum_round_scaled(&u, e->units[order[i]].exact, p->decimals);
			inc = top - u < left ? top - u : left;
			if (inc <= 0)
				continue;
			left -= inc;
			cnum_format_scaled(buf, u, p->decimals);
			cnum_format_scaled(buf2, u + inc, p->decimals);
			json_array_append_new(few, json_pack("{s:s, s:s, s:s}", "unit",
			                                     e->units[order[i]].name, "score", buf, "to",
			                                     buf2));
		}
	}
	cp_free(&a->alloc, order);
	json_object_set_new(doc, "one_unit", one);
	json_object_set_new(doc, "fewest_units", few);
	return doc;
}

static json_t *advise_entity(compliance_assessment *a, const cp_result *r, int *rc)
{
	const compliance_profile *p = a->profile;
	const cp_entity *e = &a->entities[r->entity];
	cp_node_eval *ev = NULL;
	search s;
	json_t *doc = NULL, *steps = NULL, *alts = NULL, *locks = NULL, *quals = NULL;
	cp_rollup_out now;
	size_t j, i, capit = 0, effort = 0, nmissing = 0, nvalue_units = 0;
	int none = 0, ok = 0, found = 0;
	const char *status;
	char buf[CNUM_TEXT_MAX], after[CNUM_TEXT_MAX];

	memset(&s, 0, sizeof s);
	s.a = a;
	s.p = p;
	s.e = e;
	after[0] = '\0';
	/* the entity as computed, through the one roll-up */
	if ((*rc = cp_rollup_entity(p, e, a->rollup_used, NULL, &now, &a->err)))
		return NULL;
	if ((*rc = choose_target(a, &s, &now, &none)))
		return NULL;
	*rc = COMPLIANCE_E_NOMEM;
	s.arr = cp_calloc(&a->alloc, e->nunits + 1, sizeof *s.arr);
	if (p->nnodes)
		ev = cp_calloc(&a->alloc, p->nnodes, sizeof *ev);
	locks = json_array();
	quals = json_array();
	if (!s.arr || (p->nnodes && !ev) || !locks || !quals)
		goto nomem;
	for (j = 0; j < e->nunits; j++)
		s.arr[j] = e->units[j].exact;
	/* the candidates, unit by unit (and variant by variant) */
	for (j = 0; j < e->nunits; j++) {
		cp_unit u = e->units[j]; /* a copy: evaluation notes its missing count */
		cnum unit_exact;
		size_t mnode[ADVICE_MAX_MISSING], mroom[ADVICE_MAX_MISSING], nm = 0, nvar = 1, vi, q;
		size_t gfirst = s.nup;

		if (!u.nvalues)
			continue;
		nvalue_units++;
		if ((*rc = cp_evaluate_unit(p, e, &u, a->missing_policy, 1, ev, &unit_exact, &a->err)))
			goto out;
		/* under the exclude policy: the unanswered indicators an answer
		 * could raise, each combination of answers a variant */
		for (i = 0; i < p->nnodes; i++) {
			const cp_node *nd = &p->nodes[i];
			if (nd->first_child != CP_NONE || !nd->has_scale || ev[i].state != CP_EVAL_EXCLUDED)
				continue;
			if (locked(a, i)) {
				json_t *id = json_string(nd->text[COMPLIANCE_NODE_ID]);
				size_t l;
				int dup = 0;
				for (l = 0; l < json_array_size(locks); l++)
					dup |= json_equal(json_array_get(locks, l), id);
				if (dup)
					json_decref(id);
				else
					json_array_append_new(locks, id);
				continue;
			}
			if (nm == ADVICE_MAX_MISSING || nd->min.d != 1 || nd->max.d != 1 ||
			    nd->max.n - nd->min.n > ADVICE_MAX_LEVELS || nd->max.n <= nd->min.n) {
				nmissing++;
				continue;
			}
			mnode[nm] = i;
			mroom[nm] = (size_t)(nd->max.n - nd->min.n);
			if (nvar > ADVICE_MAX_VARIANTS / (mroom[nm] + 1)) {
				nmissing++;
				continue;
			}
			nvar *= mroom[nm] + 1;
			nm++;
		}
		for (vi = 0; vi < nvar; vi++) {
			size_t first = s.nit, code = vi, cost = 0, nans = 0;
			size_t an[ADVICE_MAX_MISSING];
			cnum al[ADVICE_MAX_MISSING], base = e->units[j].exact;
			for (q = 0; q < nm; q++) {
				size_t lv = code % (mroom[q] + 1);
				code /= mroom[q] + 1;
				if (!lv)
					continue;
				an[nans] = mnode[q];
				al[nans] = cnum_int((int64_t)(p->nodes[mnode[q]].min.n + (cint)lv));
				nans++;
				cost += lv;
			}
			if (nans) { /* this variant's answers given: evaluated afresh */
				if ((*rc = eval_with(a, e, j, an, al, nans, 1, ev, &base)))
					goto fail_rc;
			} else if (vi) {
				continue;
			} else if (nvar > 1 && (*rc = cp_evaluate_unit(p, e, &u, a->missing_policy, 1, ev,
			                                                &unit_exact, &a->err))) {
				goto out;
			}
			for (i = 0; i < p->nnodes; i++) {
				const cp_node *nd = &p->nodes[i];
				item *m;
				int answered = 0;
				if (nd->first_child != CP_NONE || !nd->has_scale)
					continue;
				for (q = 0; q < nans; q++)
					answered |= an[q] == i;
				if (answered)
					continue;
				if (ev[i].state != CP_EVAL_GIVEN && ev[i].state != CP_EVAL_MINIMUM)
					continue;
				if (ev[i].factor.n <= 0 || cnum_cmp(ev[i].share, cnum_int(1)) >= 0)
					continue;
				if (locked(a, i)) {
					json_t *id = json_string(nd->text[COMPLIANCE_NODE_ID]);
					size_t l;
					int dup = 0;
					for (l = 0; l < json_array_size(locks); l++)
						dup |= json_equal(json_array_get(locks, l), id);
					if (dup)
						json_decref(id);
					else
						json_array_append_new(locks, id);
					continue;
				}
				if (cp_grow(&a->alloc, (void **)&s.it, &capit, s.nit + 1, sizeof *s.it))
					goto nomem;
				m = &s.it[s.nit];
				memset(m, 0, sizeof *m);
				m->unit = j;
				m->node = i;
				m->missing = ev[i].state == CP_EVAL_MINIMUM;
				m->answer = m->missing ? nd->min : ev[i].answer;
				m->share = ev[i].share;
				if ((*rc = make_levels(a, m, nd)))
					goto nomem;
				if (!m->room)
					continue;
				s.nit++;
				if ((*rc = fill_gains(m, nd, ev[i].factor)))
					goto overflow;
			}
			if (s.nit > first || nvar > 1) {
				uplan *up;
				if (cp_grow(&a->alloc, (void **)&s.up, &s.capup, s.nup + 1, sizeof *s.up))
					goto nomem;
				up = &s.up[s.nup++];
				memset(up, 0, sizeof *up);
				up->unit = j;
				up->first = first;
				up->n = s.nit - first;
				up->base = base;
				up->cost = cost;
				up->nans = nans;
				for (q = 0; q < nans; q++) {
					up->ans_node[q] = an[q];
					up->ans_level[q] = al[q];
				}
				qsort(&s.it[first], up->n, sizeof *s.it, by_first_gain);
				for (i = first; i < s.nit; i++)
					up->cap += s.it[i].room;
			}
		}
		if (s.nup > gfirst) {
			ugroup *g;
			if (!(s.ngrp % 16)) {
				ugroup *ng = cp_calloc(&a->alloc, s.ngrp + 16, sizeof *ng);
				if (!ng)
					goto nomem;
				if (s.grp)
					memcpy(ng, s.grp, s.ngrp * sizeof *ng);
				cp_free(&a->alloc, s.grp);
				s.grp = ng;
			}
			g = &s.grp[s.ngrp++];
			g->first = gfirst;
			g->n = s.nup - gfirst;
			g->span = 0;
			for (vi = gfirst; vi < s.nup; vi++)
				if (s.up[vi].cost + s.up[vi].cap > g->span)
					g->span = s.up[vi].cost + s.up[vi].cap;
			s.total += g->span;
		}
	}
	for (i = 0; i < p->nqualifiers; i++)
		if (!(now.qmask & (UINT32_C(1) << i))) {
			int given = cp_entity_input(e, p->qualifiers[i].input);
			json_t *q = json_pack("{s:s, s:s, s:b, s:s}", "id", p->qualifiers[i].id, "input",
			                      p->qualifiers[i].input, "needs", p->qualifiers[i].when,
			                      "label_suffix", p->qualifiers[i].suffix);
			if (!q)
				goto nomem;
			json_object_set_new(q, "given", given < 0 ? json_null() : json_boolean(given));
			json_array_append_new(quals, q);
		}
	cnum_format_scaled(buf, now.score, p->decimals);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "entity", e->name, "profile", p->id,
	                "score", buf, "band", band_name(&p->bands[now.band]), "label", now.label,
	                "missing_policy",
	                a->missing_policy == COMPLIANCE_MISSING_MINIMUM ? "minimum"
	                : a->missing_policy == COMPLIANCE_MISSING_EXCLUDE ? "exclude" : "error");
	if (!doc)
		goto nomem;
	if (none) {
		json_object_set_new(doc, "target", json_null());
	} else {
		const cp_band *t = &p->bands[s.target_band];
		int64_t floor = target_floor(p, &s);
		char lower[CNUM_TEXT_MAX], gap[CNUM_TEXT_MAX];
		cnum_format_scaled(lower, floor, p->decimals);
		cnum_format_scaled(gap, floor > now.score ? floor - now.score : 0, p->decimals);
		if (a->advice_target[0])
			json_object_set_new(doc, "target_given", json_string(a->advice_target));
		json_object_set_new(doc, "target", json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}",
		                    "band", band_name(t),
		                    "label", t->text[COMPLIANCE_BAND_LABEL],
		                    "lower", t->text[COMPLIANCE_BAND_LOWER], "score", lower,
		                    "gap", gap, "by_score", s.by_score));
	}
	if (none) {
		int64_t top = 0;
		cnum_round_scaled(&top, p->scale_max, p->decimals);
		status = now.score >= top ? "maximum" : json_array_size(quals) ? "qualifier" : "top";
	} else if (reaches(&s, &now)) {
		status = json_array_size(quals) ? "qualifier" : "reached";
	} else if (!nvalue_units) {
		json_t *up = units_plan(a, &s, &now, rc);
		if (!up)
			goto out;
		json_object_set_new(doc, "units_plan", up);
		status = json_is_true(json_object_get(up, "reachable")) ? "units" : "unreachable";
	} else {
		size_t c, w = s.total + 1;
		status = "unreachable";
		if (s.ngrp) {
			s.j0 = s.up[0].unit;
			{ /* the tables' work: variants x budget x a unit's steps */
				size_t maxcap = 0;
				for (i = 0; i < s.ngrp; i++)
					if (s.grp[i].span > maxcap)
						maxcap = s.grp[i].span;
				if (s.total > ADVICE_MAX_WORK / (s.nup * (maxcap + 1))) {
					*rc = COMPLIANCE_E_RANGE;
					cp_error_set(&a->err, *rc,
					             "entity '%.200s': %zu answer steps in %zu units are too "
					             "many to plan exactly (lock some indicators, or advise "
					             "on fewer units)", e->name, s.total, s.ngrp);
					goto out_doc;
				}
			}
			for (i = 0; i < s.nup; i++)
				if ((*rc = unit_tables(a, &s, &s.up[i])))
					goto fail_rc;
			if ((*rc = entity_tables(a, &s)))
				goto fail_rc;
			/* the least effort: the best sums rise with the budget */
			for (c = 0; c < w; c++) {
				if ((*rc = feasible(&s, s.esuf[c], &ok)))
					goto fail_rc;
				if (ok)
					break;
			}
			(void)w;
			if (ok) {
				effort = c;
				s.k = cp_calloc(&a->alloc, s.nit + s.ngrp + 1, sizeof *s.k);
				s.plans = cp_calloc(&a->alloc, ADVICE_PLANS + 1, sizeof *s.plans);
				if (!s.k || !s.plans)
					goto nomem;
				for (i = 0; i <= ADVICE_PLANS; i++)
					if (!(s.plans[i] = cp_calloc(&a->alloc, s.nit + s.ngrp + 1,
					                             sizeof **s.plans)))
						goto nomem;
				if ((*rc = enumerate(&s, 0, CP_NONE, 0, effort, cnum_int(0), cnum_int(0))))
					goto fail_rc;
				found = s.nplans > 0;
				status = "plan";
			}
		}
	}
	if (found) {
		steps = plan_steps(a, &s, s.plans[0], &now, 1, after, rc);
		if (!steps)
			goto fail_rc;
		alts = json_array();
		if (!alts)
			goto nomem;
		for (i = 1; i < s.nplans && i < ADVICE_PLANS; i++) {
			char sa[CNUM_TEXT_MAX];
			json_t *st = plan_steps(a, &s, s.plans[i], &now, 0, sa, rc), *alt;
			if (!st)
				goto fail_rc;
			alt = json_pack("{s:o, s:s}", "steps", st, "score_after", sa);
			if (!alt || json_array_append_new(alts, alt))
				goto nomem;
		}
	}
	json_object_set_new(doc, "status", json_string(status));
	json_object_set_new(doc, "reachable", json_boolean(!strcmp(status, "plan") ||
	                                                   !strcmp(status, "units")));
	json_object_set_new(doc, "effort", json_integer((json_int_t)effort));
	json_object_set_new(doc, "steps", steps ? steps : json_array());
	steps = NULL;
	json_object_set_new(doc, "alternatives", alts ? alts : json_array());
	alts = NULL;
	json_object_set_new(doc, "more_alternatives", json_boolean(s.more || s.nodes > ADVICE_NODES));
	json_object_set_new(doc, "locked", locks);
	locks = NULL;
	json_object_set_new(doc, "missing_left_out", json_integer((json_int_t)nmissing));
	json_object_set_new(doc, "qualifiers", quals);
	quals = NULL;
	if (now.ndeductions)
		json_object_set_new(doc, "deduction", jexact(now.deduction));
	if (!strcmp(status, "unreachable"))
		json_object_set_new(doc, "why", json_string(
		        s.ngrp ? "not_enough"
		              : json_object_get(doc, "units_plan")
		                        ? (json_is_object(json_object_get(doc, "units_plan"))
		                                   ? "units_not_enough"
		                                   : "no_indicators")
		                        : nvalue_units ? "no_room" : "no_indicators"));
	if (!strcmp(status, "unreachable") && s.ngrp) {
		/* the best the indicators can do */
		cp_rollup_out best;
		if ((*rc = feasible(&s, s.esuf[s.total], &ok)))
			goto fail_rc;
		if ((*rc = cp_rollup_entity(p, e, a->rollup_used, s.arr, &best, &a->err)))
			goto out;
		cnum_format_scaled(buf, best.score, p->decimals);
		json_object_set_new(doc, "best_score", json_string(buf));
	}
	*rc = 0;
	goto out;
out_doc:
	json_decref(doc);
	doc = NULL;
	goto out;
fail_rc:
	if (*rc == COMPLIANCE_E_NOMEM)
		goto nomem;
	if (*rc == COMPLIANCE_E_OVERFLOW)
		goto overflow;
	if (!a->err.code)
		cp_error_set(&a->err, *rc, "entity '%.200s': %s", e->name, compliance_strerror(*rc));
	json_decref(doc);
	doc = NULL;
	goto out;
overflow:
	*rc = COMPLIANCE_E_OVERFLOW;
	cp_error_set(&a->err, *rc, "entity '%.200s': the advice's exact sums grew too large to "
	             "hold", e->name);
	json_decref(doc);
	doc = NULL;
	goto out;
nomem:
	*rc = COMPLIANCE_E_NOMEM;
	cp_error_set(&a->err, *rc, "entity '%.200s': out of memory", e->name);
	json_decref(doc);
	doc = NULL;
out:
	json_decref(steps);
	json_decref(alts);
	json_decref(locks);
	json_decref(quals);
	free_search(&s);
	cp_free(&a->alloc, ev);
	return doc;
}

static char *render(json_t *doc)
{
	json_t *t = json_object_get(doc, "target"), *st, *alt, *q, *up;
	const char *status = json_string_value(json_object_get(doc, "status"));
	size_t i, j, len = 0, cap = 4096;
	char *s = malloc(cap);

	if (!s)
		return NULL;
	if (cp_json_escape_strings(doc)) { /* no control character from input reaches a terminal */
		free(s);
		return NULL;
	}
	s[0] = '\0';
#define ADD(...)                                                                 \
	do {                                                                     \
		int n_ = snprintf(s + len, cap - len, __VA_ARGS__);              \
		if (n_ < 0)                                                      \
			goto fail;                                               \
		if ((size_t)n_ >= cap - len) {                                   \
			char *q_ = realloc(s, cap * 2 + (size_t)n_);             \
			if (!q_)                                                 \
				goto fail;                                       \
			s = q_;                                                  \
			cap = cap * 2 + (size_t)n_;                              \
			n_ = snprintf(s + len, cap - len, __VA_ARGS__);          \
		}                                                                \
		len += (size_t)n_;                                               \
	} while (0)
#define STR(o, k) json_string_value(json_object_get((o), (k)))
	ADD("%s under %s: %s (%s)\n", STR(doc, "entity"), STR(doc, "profile"), STR(doc, "score"),
	    STR(doc, "band"));
	if (json_is_object(t) && json_is_true(json_object_get(t, "by_score")))
		ADD("target: %s (%s %s), %s points away\n", STR(t, "score"), STR(t, "band"),
		    STR(t, "label"), STR(t, "gap"));
	else if (json_is_object(t))
		ADD("%s: %s %s from %s, %s points away\n",
		    STR(doc, "target_given") ? "target" : "next band",
		    STR(t, "band"), STR(t, "label"), STR(t, "score"), STR(t, "gap"));
	if (!strcmp(status, "maximum"))
		ADD("already at the maximum score %s: nothing to raise\n", STR(doc, "score"));
	else if (!strcmp(status, "top"))
		ADD("already in the top band: no higher band to reach\n");
	else if (!strcmp(status, "reached"))
		ADD("the score already reaches the target: nothing to raise\n");
	else if (!strcmp(status, "qualifier"))
		ADD("the score already reaches %s: only the label's qualifier is missing\n",
		    json_is_object(t) ? "the target" : "the top band");
	if (!strcmp(status, "plan"))
		ADD("least effort: %lld answer step%s (levels raised)\n",
		    (long long)json_integer_value(json_object_get(doc, "effort")),
		    json_integer_value(json_object_get(doc, "effort")) == 1 ? "" : "s");
	json_array_foreach(json_object_get(doc, "steps"), i, st) {
		const char *from = STR(st, "from");
		long long lv = (long long)json_integer_value(json_object_get(st, "levels"));
		ADD("%2lld. %s: raise %s (%s) from %s to %s (%lld step%s): +%s points to the unit, "
		    "+%s to the entity -> %s%s\n",
		    (long long)json_integer_value(json_object_get(st, "step")), STR(st, "unit"),
		    STR(st, "indicator"), STR(st, "name"), from ? from : "no answer",
		    STR(st, "raise_to"), lv, lv == 1 ? "" : "s",
		    STR(json_object_get(st, "unit_points"), "decimal"),
		    STR(json_object_get(st, "entity_points"), "decimal"), STR(st, "score_after"),
		    json_is_true(json_object_get(st, "reaches_target"))
		            ? (STR(doc, "target_given") ? "  (reaches the target)"
		                                        : "  (reaches the next band)")
		            : "");
	}
	json_array_foreach(json_object_get(doc, "alternatives"), i, alt) {
		ADD("    or:");
		json_array_foreach(json_object_get(alt, "steps"), j, st) {
			const char *from = STR(st, "from");
			ADD("%s %s %s %s->%s", j ? "," : "", STR(st, "unit"), STR(st, "indicator"),
			    from ? from : "(none)", STR(st, "raise_to"));
		}
		ADD(" -> %s\n", STR(alt, "score_after"));
	}
	if (json_is_true(json_object_get(doc, "more_alternatives")))
		ADD("    (more plans of the same effort exist)\n");
	up = json_object_get(doc, "units_plan");
	if (json_is_object(up) && json_is_true(json_object_get(up, "reachable"))) {
		ADD("the unit scores must rise by %s points in all (the mean by %s), e.g.:\n",
		    STR(up, "total_increase"), STR(json_object_get(up, "mean_increase"), "decimal"));
		json_array_foreach(json_object_get(up, "one_unit"), i, st)
			ADD("  %s alone: from %s to %s\n", STR(st, "unit"), STR(st, "score"),
			    STR(st, "to"));
		if (!json_array_size(json_object_get(up, "one_unit"))) {
			ADD("  no unit alone can carry it; the fewest units:");
			json_array_foreach(json_object_get(up, "fewest_units"), i, st)
				ADD("%s %s from %s to %s", i ? "," : "", STR(st, "unit"), STR(st, "score"),
				    STR(st, "to"));
			ADD("\n");
		}
	}
	if (!strcmp(status, "unreachable")) {
		const char *why = STR(doc, "why");
		const char *what = STR(doc, "target_given") ? "target" : "next band";
		if (!strcmp(why, "not_enough"))
			ADD("raising every answered indicator is not enough to reach the %s: at best %s\n",
			    what, STR(doc, "best_score"));
		else if (!strcmp(why, "units_not_enough"))
			ADD("even every unit at the maximum does not reach the %s\n", what);
		else if (!strcmp(why, "no_room"))
			ADD("no answered indicator can rise: each is at its maximum or locked\n");
		else
			ADD("no indicator answers to improve: score the entity from indicator values to "
			    "get advice\n");
	}
	if (json_array_size(json_object_get(doc, "locked"))) {
		ADD("locked, not raised:");
		json_array_foreach(json_object_get(doc, "locked"), i, q)
			ADD("%s %s", i ? "," : "", json_string_value(q));
		ADD("\n");
	}
	if (json_integer_value(json_object_get(doc, "missing_left_out")))
		ADD("%lld unanswered indicator%s left out of the plan (beyond the 6 a unit's "
		    "combinations of answers are weighed for, or on a scale not of integers)\n",
		    (long long)json_integer_value(json_object_get(doc, "missing_left_out")),
		    json_integer_value(json_object_get(doc, "missing_left_out")) == 1 ? "" : "s");
	if (json_object_get(doc, "deduction"))
		ADD("deductions of %s points are counted (the flags stay set)\n",
		    STR(doc, "deduction"));
	json_array_foreach(json_object_get(doc, "qualifiers"), i, q)
		ADD("qualifier %s: the label gets \"%s\" when %s is %s (now %s)\n", STR(q, "id"),
		    STR(q, "label_suffix"), STR(q, "input"),
		    json_is_true(json_object_get(q, "needs")) ? "yes" : "no",
		    json_is_null(json_object_get(q, "given"))
		            ? "not given"
		            : json_is_true(json_object_get(q, "given")) ? "yes" : "no");
#undef STR
#undef ADD
	return s;
fail:
	free(s);
	return NULL;
}

int compliance_assessment_advise(compliance_assessment *a, size_t index, int format,
                                 char **out)
{
	return cp_report(a, "advise", index, format, out, advise_entity, render);
}
