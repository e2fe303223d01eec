/*
 * Sensitivity of an entity's score to the weights the profile does not
 * state: compliance_assessment_sensitivity().
 *
 * Which weights vary: those of nodes whose confidence is unknown or
 * inferred (a stated or verified weight is a published fact and stays).
 * Within each sibling group the varying weights keep their sum (the
 * dimension's total is published even where its split is not) and each
 * lies in [w (1 - p), w (1 + p)] for a bound of p percent, or anywhere in
 * [0, their sum] for "any split".
 *
 * Why the extremes are exact. With every answer present (no node
 * excluded), a node's share in a unit is sum_j v_j s_j / T over its
 * children, T the group's total, which the constraint keeps fixed; so the
 * entity's unrounded mean is, for each group, linear in that group's
 * weights with coefficients that depend only on the weights inside the
 * children's subtrees (disjoint from the group's). Summed over the
 * entity's units (the same weights serve every unit) it stays so. Hence
 * the maximum is reached by maximising every child's summed share first
 * (bottom up) and then the group's linear function over its polytope
 * {lo <= v <= hi, sum v = S}, which the greedy fill (every v at lo, the
 * rest of S given to the largest coefficients first) solves exactly, as
 * the fractional knapsack; the minimum likewise. Everything is exact
 * rational arithmetic.
 *
 * The scores reported are the method's own (unit-stage rounding, mean,
 * deductions, clamping, rounding, band, qualifiers: cp_rollup_entity, the
 * one roll-up) evaluated at the extreme weights, so they are attained.
 * When the profile rounds units before averaging, the extremes of the
 * rounded pipeline can differ from those attained by less than one
 * rounding step: the report then also gives outer bounds (each unit's
 * value at the extreme weights moved by half a step, through the same
 * roll-up), and says "possibly" when only those cross a band edge.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/assessment.h"
#include "compliance/report.h"
#include "report/doc.h"
#include "score/assessment_internal.h"
#include "util/strbuf.h"

enum { DMIN = 0, DMAX = 1 };

typedef struct sens {
	compliance_assessment *a;
	const compliance_profile *p;
	const cp_entity *e;
	size_t nvu;          /* units scored from values */
	cp_node_eval *ev;    /* nvu blocks of p->nnodes */
	unsigned char *vary; /* per node */
	cnum *w[2];          /* per node: the weight chosen for the min / the max */
	int percent;         /* 1..100, or 0 for any split */
} sens;

static int varies(const cp_node *nd)
{
	return nd->weight_known &&
	       (nd->confidence == COMPLIANCE_CONF_UNKNOWN || nd->confidence == COMPLIANCE_CONF_INFERRED);
}

static int group_best(sens *s, size_t first, const size_t *U, size_t nu, int dir, cnum *val);

/* The extreme (dir) over the weights below node i of the sum of its shares
 * over the units U (indexes into s->ev). */
static int node_best(sens *s, size_t i, const size_t *U, size_t nu, int dir, cnum *val)
{
	const cp_node *nd = &s->p->nodes[i];
	size_t *rest = NULL, nrest = 0, k;
	cnum sum = cnum_int(0), g;
	int rc = 0;

	if (nd->first_child == CP_NONE) {
		for (k = 0; k < nu && !rc; k++)
			rc = cnum_add(&sum, sum, s->ev[U[k] * s->p->nnodes + i].share);
		*val = sum;
		return rc;
	}
	/* units that give this node directly do not depend on the weights below */
	if (nu && !(rest = cp_calloc(&s->a->alloc, nu, sizeof *rest)))
		return COMPLIANCE_E_NOMEM;
	for (k = 0; k < nu && !rc; k++) {
		const cp_node_eval *ev = &s->ev[U[k] * s->p->nnodes + i];
		if (ev->state == CP_EVAL_GIVEN)
			rc = cnum_add(&sum, sum, ev->share);
		else
			rest[nrest++] = U[k];
	}
	if (!rc)
		rc = group_best(s, nd->first_child, rest, nrest, dir, &g);
	if (!rc)
		rc = cnum_add(val, sum, g);
	cp_free(&s->a->alloc, rest);
	return rc;
}

/* The extreme of sum_j v_j a_j / T over the group's polytope, a_j the
 * children's extremes; records the chosen weights in s->w[dir]. */
static int group_best(sens *s, size_t first, const size_t *U, size_t nu, int dir, cnum *val)
{
	const compliance_profile *p = s->p;
	size_t j, n = 0, k, m, *order = NULL;
	cnum *coef = NULL, total = cnum_int(0), sv = cnum_int(0), spent = cnum_int(0), acc = cnum_int(0),
	     t;
	int rc = 0;

	for (j = first; j != CP_NONE; j = p->nodes[j].next_sibling)
		n++;
	coef = cp_calloc(&s->a->alloc, n, sizeof *coef);
	order = cp_calloc(&s->a->alloc, n, sizeof *order);
	if (!coef || !order) {
		rc = COMPLIANCE_E_NOMEM;
		goto out;
	}
	for (j = first, k = 0; j != CP_NONE && !rc; j = p->nodes[j].next_sibling, k++) {
		order[k] = j;
		if (!p->nodes[j].weight_known) {
			rc = COMPLIANCE_E_MISSING; /* the evaluation refused it already */
			break;
		}
		rc = node_best(s, j, U, nu, dir, &coef[k]);
		if (!rc)
			rc = cnum_add(&total, total, p->nodes[j].weight);
		if (!rc && s->vary[j])
			rc = cnum_add(&sv, sv, p->nodes[j].weight);
	}
	if (rc)
		goto out;
	/* the varying children, best coefficient first (stable: profile order) */
	for (k = 1; k < n; k++) {
		size_t oj = order[k];
		cnum oc = coef[k];
		for (m = k; m > 0; m--) {
			int c = cnum_cmp(coef[m - 1], oc);
			if (dir == DMAX ? c >= 0 : c <= 0)
				break;
			order[m] = order[m - 1];
			coef[m] = coef[m - 1];
		}
		order[m] = oj;
		coef[m] = oc;
	}
	/* every varying weight at its lower bound, then the rest of their sum
	 * to the best coefficients first */
	for (k = 0; k < n && !rc; k++) {
		size_t nj = order[k];
		cnum w = p->nodes[nj].weight, lo;
		if (!s->vary[nj]) {
			s->w[dir][nj] = w;
			continue;
		}
		if (s->percent)
			rc = cnum_mul(&lo, w, cnum_int(100 - s->percent));
		else
			lo = cnum_int(0);
		if (!rc && s->percent)
			rc = cnum_div(&lo, lo, cnum_int(100));
		if (!rc) {
			s->w[dir][nj] = lo;
			rc = cnum_add(&spent, spent, lo);
		}
	}
	for (k = 0; k < n && !rc; k++) {
		size_t nj = order[k];
		cnum w = p->nodes[nj].weight, room, left, add;
		if (!s->vary[nj])
			continue;
		/* room = hi - lo: 2 p w / 100, or the whole sum for any split */
		if (s->percent) {
			rc = cnum_mul(&room, w, cnum_int(2 * s->percent));
			if (!rc)
				rc = cnum_div(&room, room, cnum_int(100));
		} else {
			room = sv;
		}
		if (!rc)
			rc = cnum_sub(&left, sv, spent);
		if (rc)
			break;
		add = cnum_cmp(room, left) < 0 ? room : left;
		if (cnum_cmp(add, cnum_int(0)) <= 0)
			continue;
		if (!(rc = cnum_add(&s->w[dir][nj], s->w[dir][nj], add)))
			rc = cnum_add(&spent, spent, add);
	}
	for (k = 0; k < n && !rc; k++) {
		if (!(rc = cnum_mul(&t, s->w[dir][order[k]], coef[k])))
			rc = cnum_add(&acc, acc, t);
	}
	if (!rc) {
		if (cnum_is_zero(total))
			*val = cnum_int(0);
		else
			rc = cnum_div(val, acc, total);
	}
out:
	cp_free(&s->a->alloc, coef);
	cp_free(&s->a->alloc, order);
	return rc;
}

/* The method's roll-up of the entity with the weights s->w[dir]: `shift`
 * -1/+1 moves every unit scored from values by half a rounding step and
 * turns the unit-stage rounding off (the outer bounds), 0 is the method
 * itself; `no_unit_round` gives the unrounded mean. */
static int rollup_at(sens *s, int dir, int shift, int no_unit_round, cp_rollup_out *out)
{
	const compliance_profile *p = s->p;
	compliance_profile *q = NULL;
	cp_node *nodes = NULL;
	cp_node_eval *ev = NULL;
	cnum *exact = NULL, half;
	cp_error err;
	size_t i, j;
	int rc = 0;

	q = cp_calloc(&s->a->alloc, 1, sizeof *q);
	nodes = cp_calloc(&s->a->alloc, p->nnodes ? p->nnodes : 1, sizeof *nodes);
	ev = cp_calloc(&s->a->alloc, p->nnodes ? p->nnodes : 1, sizeof *ev);
	exact = cp_calloc(&s->a->alloc, s->e->nunits ? s->e->nunits : 1, sizeof *exact);
	if (!q || !nodes || !ev || !exact) {
		rc = COMPLIANCE_E_NOMEM;
		goto out;
	}
	/* a private copy of the profile's description with other weights; it
	 * owns nothing and lives only for this evaluation */
	memcpy(q, p, sizeof *q);
	memcpy(nodes, p->nodes, p->nnodes * sizeof *nodes);
	for (i = 0; i < p->nnodes; i++)
		if (s->vary[i])
			nodes[i].weight = s->w[dir][i];
	q->nodes = nodes;
	if (shift || no_unit_round)
		q->round_unit = 0;
	rc = cnum_from_scaled(&half, 5, p->decimals + 1);
	cp_error_clear(&err);
	for (j = 0; j < s->e->nunits && !rc; j++) {
		cp_unit u = s->e->units[j];
		if (!u.nvalues) {
			/* a unit scored whole: as the method has it, rounded when it
			 * rounds units */
			if (shift && p->round_unit)
				rc = cnum_from_scaled(&exact[j], u.rounded, p->decimals);
			else
				exact[j] = u.exact;
			continue;
		}
		rc = cp_evaluate_unit(q, s->e, &u, s->a->missing_policy, 0, ev, &exact[j], &err);
		if (!rc && shift)
			rc = shift < 0 ? cnum_sub(&exact[j], exact[j], half)
			               : cnum_add(&exact[j], exact[j], half);
	}
	if (!rc)
		rc = cp_rollup_entity(q, s->e, s->a->rollup_used, exact, out, &s->a->err);
	else if (err.code)
		cp_error_set(&s->a->err, rc, "%s", err.msg);
out:
	cp_free(&s->a->alloc, q);
	cp_free(&s->a->alloc, nodes);
	cp_free(&s->a->alloc, ev);
	cp_free(&s->a->alloc, exact);
	return rc;
}

static json_t *jnum(cnum v, int decimals)
{
	char e[CNUM_TEXT_MAX], r[CNUM_TEXT_MAX];

	cnum_format_exact(e, v);
	cnum_format_round(r, v, decimals);
	return json_pack("{s:s, s:s}", "exact", e, "decimal", r);
}

static json_t *jresult(const compliance_profile *p, const cp_rollup_out *o)
{
	char buf[CNUM_TEXT_MAX];
	const char *cat = compliance_profile_band_category(p, o->band);
	const char *zone = compliance_profile_band_zone(p, o->band);

	cnum_format_scaled(buf, o->score, p->decimals);
	return json_pack("{s:s, s:s, s:s, s:s}", "score", buf, "category", cat ? cat : "", "zone",
	                 zone ? zone : "", "label", o->label);
}

static const char *band_key(const compliance_profile *p, const cp_rollup_out *o)
{
	const char *cat = compliance_profile_band_category(p, o->band);
	return cat ? cat : "";
}

static int same_band(const cp_rollup_out *x, const cp_rollup_out *y)
{
	return x->band == y->band && x->qmask == y->qmask;
}

static _Thread_local int sens_percent; /* set by compliance_assessment_sensitivity() for the build */

static json_t *sens_entity(compliance_assessment *a, const cp_result *r, int *rc)
{
	sens s;
	const compliance_profile *p = a->profile;
	const cp_entity *e = &a->entities[r->entity];
	size_t i, j, k, nvary = 0, *U = NULL;
	cnum dummy;
	cp_rollup_out now, lo, hi, lo_mean, hi_mean, outer_lo, outer_hi;
	json_t *doc = NULL, *varying = NULL;
	char bound[32], buf[CNUM_TEXT_MAX];
	const char *change;
	int exactly;

	memset(&s, 0, sizeof s);
	s.a = a;
	s.p = p;
	s.e = e;
	s.percent = sens_percent;
	*rc = 0;
	if ((*rc = cp_rollup_entity(p, e, a->rollup_used, NULL, &now, &a->err)))
		return NULL;
	for (j = 0; j < e->nunits; j++)
		if (e->units[j].nvalues)
			s.nvu++;
	s.vary = cp_calloc(&a->alloc, p->nnodes ? p->nnodes : 1, 1);
	s.w[0] = cp_calloc(&a->alloc, p->nnodes ? p->nnodes : 1, sizeof(cnum));
	s.w[1] = cp_calloc(&a->alloc, p->nnodes ? p->nnodes : 1, sizeof(cnum));
	s.ev = cp_calloc(&a->alloc, s.nvu && p->nnodes ? s.nvu * p->nnodes : 1,
	                      sizeof *s.ev);
	U = cp_calloc(&a->alloc, s.nvu ? s.nvu : 1, sizeof *U);
	if (!s.vary || !s.w[0] || !s.w[1] || !s.ev || !U) {
		*rc = COMPLIANCE_E_NOMEM;
		goto out;
	}
	for (i = 0; i < p->nnodes; i++) {
		s.vary[i] = s.nvu && varies(&p->nodes[i]);
		nvary += s.vary[i];
		s.w[0][i] = s.w[1][i] = p->nodes[i].weight;
	}
	/* each unit's shares as computed; an excluded answer changes the
	 * normalisation unit by unit, which the argument above does not cover */
	for (j = 0, k = 0; j < e->nunits; j++) {
		cp_unit u = e->units[j];
		if (!u.nvalues)
			continue;
		if ((*rc = cp_evaluate_unit(p, e, &u, a->missing_policy, 0, &s.ev[k * p->nnodes], &dummy,
		                            &a->err)))
			goto out;
		for (i = 0; i < p->nnodes; i++)
			if (s.ev[k * p->nnodes + i].state == CP_EVAL_EXCLUDED) {
				cp_error_set(&a->err, COMPLIANCE_E_STATE,
				             "sensitivity: entity '%.200s', unit '%.200s': an answer is "
				             "excluded (missing-answer policy exclude), which changes each "
				             "unit's weights differently; use the minimum or error policy",
				             e->name, u.name);
				*rc = COMPLIANCE_E_STATE;
				goto out;
			}
		U[k] = k;
		k++;
	}
	if (s.nvu && p->first_top != CP_NONE) {
		if ((*rc = group_best(&s, p->first_top, U, s.nvu, DMIN, &dummy)) ||
		    (*rc = group_best(&s, p->first_top, U, s.nvu, DMAX, &dummy)))
			goto out;
	}
	if ((*rc = rollup_at(&s, DMIN, 0, 0, &lo)) || (*rc = rollup_at(&s, DMAX, 0, 0, &hi)) ||
	    (*rc = rollup_at(&s, DMIN, 0, 1, &lo_mean)) || (*rc = rollup_at(&s, DMAX, 0, 1, &hi_mean)))
		goto out;
	exactly = !p->round_unit || !s.nvu || !nvary;
	if (!exactly && ((*rc = rollup_at(&s, DMIN, -1, 0, &outer_lo)) ||
	                 (*rc = rollup_at(&s, DMAX, +1, 0, &outer_hi))))
		goto out;
	if (!same_band(&lo, &now) || !same_band(&hi, &now))
		change = "yes";
	else if (!exactly && (!same_band(&outer_lo, &now) || !same_band(&outer_hi, &now)))
		change = "possibly";
	else
		change = "no";

	varying = json_array();
	for (i = 0; i < p->nnodes && varying; i++) {
		char w[CNUM_TEXT_MAX], wl[CNUM_TEXT_MAX], wh[CNUM_TEXT_MAX];
		if (!s.vary[i])
			continue;
		cnum_format_exact(w, p->nodes[i].weight);
		cnum_format_exact(wl, s.w[DMIN][i]);
		cnum_format_exact(wh, s.w[DMAX][i]);
		json_array_append_new(varying,
		                      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "node",
		                                p->nodes[i].text[COMPLIANCE_NODE_ID], "name",
		                                p->nodes[i].text[COMPLIANCE_NODE_NAME], "confidence",
		                                compliance_confidence_code(p->nodes[i].confidence),
		                                "weight", w, "weight_at_min", wl, "weight_at_max", wh));
	}
	if (s.percent)
		snprintf(bound, sizeof bound, "+-%d%%", s.percent);
	else
		snprintf(bound, sizeof bound, "any split");
	cnum_format_scaled(buf, r->score, p->decimals);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:b, s:s}",
	                "entity", e->name, "profile", p->id, "bound", bound, "score", buf,
	                "category", band_key(p, &now), "now", jresult(p, &now), "min",
	                jresult(p, &lo), "max", jresult(p, &hi), "mean_min",
	                jnum(lo_mean.mean, p->decimals), "mean_max", jnum(hi_mean.mean, p->decimals),
	                "exact", exactly, "category_can_change", change);
	if (!doc || !varying) {
		json_decref(doc);
		json_decref(varying);
		doc = NULL;
		*rc = COMPLIANCE_E_NOMEM;
		goto out;
	}
	json_object_set_new(doc, "varying", varying);
	if (!exactly)
		json_object_set_new(doc, "outer",
		                    json_pack("{s:o, s:o}", "min", jresult(p, &outer_lo), "max",
		                              jresult(p, &outer_hi)));
	json_object_set_new(doc, "note",
	                    json_string(!s.nvu ? "scored from unit scores: no weight enters"
	                                : !nvary ? "every weight is stated or verified: nothing varies"
	                                : exactly ? "exact extremes: the unrounded mean is linear in "
	                                            "each weight group, so they are at vertices"
	                                          : "attained at the extreme weights of the unrounded "
	                                            "mean; units are rounded before averaging, so the "
	                                            "extremes may lie up to one rounding step further "
	                                            "(outer)"));
out:
	cp_free(&a->alloc, s.vary);
	cp_free(&a->alloc, s.w[0]);
	cp_free(&a->alloc, s.w[1]);
	cp_free(&a->alloc, s.ev);
	cp_free(&a->alloc, U);
	return doc;
}

static char *render(json_t *doc)
{
	json_t *v, *o;
	size_t i;
	cp_alloc al;
	cp_strbuf b;

	if (cp_json_escape_strings(doc)) /* no control character from input reaches a terminal */
		return NULL;
	cp_alloc_default(&al); /* the text is released with compliance_free() */
	cp_sb_init(&b, &al);
#define S(o, k) json_string_value(json_object_get((o), (k)))
	cp_sb_printf(&b, "%s under %s: %s %s; the weights not stated vary %s within their group\n",
	             S(doc, "entity"), S(doc, "profile"), S(doc, "score"), S(doc, "category"),
	             S(doc, "bound"));
	cp_sb_printf(&b, "score from %s %s to %s %s (exact mean %s to %s)\n",
	             S(json_object_get(doc, "min"), "score"),
	             S(json_object_get(doc, "min"), "category"),
	             S(json_object_get(doc, "max"), "score"),
	             S(json_object_get(doc, "max"), "category"),
	             S(json_object_get(doc, "mean_min"), "decimal"),
	             S(json_object_get(doc, "mean_max"), "decimal"));
	if ((o = json_object_get(doc, "outer")))
		cp_sb_printf(&b, "outer bounds (units rounded before the mean): %s %s to %s %s\n",
		             S(json_object_get(o, "min"), "score"),
		             S(json_object_get(o, "min"), "category"),
		             S(json_object_get(o, "max"), "score"),
		             S(json_object_get(o, "max"), "category"));
	cp_sb_printf(&b, "category can change: %s\n", S(doc, "category_can_change"));
	json_array_foreach(json_object_get(doc, "varying"), i, v)
		cp_sb_printf(&b, "  %s (%s) [%s] weight %s: %s at the minimum, %s at the maximum\n",
		             S(v, "node"), S(v, "name"), S(v, "confidence"), S(v, "weight"),
		             S(v, "weight_at_min"), S(v, "weight_at_max"));
	cp_sb_printf(&b, "%s\n", S(doc, "note"));
#undef S
	return cp_sb_take(&b);
}

int compliance_assessment_sensitivity(compliance_assessment *a, size_t index, int percent,
                                      int format, char **out)
{
	int rc;

	if (a && (percent < 0 || percent > 100)) {
		if (out)
			*out = NULL;
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "sensitivity: bound %d%%: expected 1 to 100, or 0 for any split",
		                    percent);
	}
	sens_percent = percent;
	rc = cp_report(a, "sensitivity", index, format, out, sens_entity, render);
	return rc;
}
