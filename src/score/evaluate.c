/*
 * Evaluating the indicator tree of one unit, exactly:
 *   an indicator's share is (answer - min) / (max - min);
 *   a node's share is the weighted mean of its children's shares;
 *   the unit score is scale_min + (scale_max - scale_min) * root share,
 * which for weights summing to 100 on a 0-100 scale is sum(W_d * share_d)
 * (docs/methodology.md §2). Missing answers follow the run's policy.
 */
#include <stdio.h>
#include <string.h>

#include "score/assessment_internal.h"

typedef struct evalctx {
	const compliance_profile *p;
	const cp_entity *e;
	cp_unit *u;
	int policy;
	cp_node_eval *ev;
	cp_error *err;
} evalctx;

static int fail(evalctx *x, int code, const char *what, size_t node)
{
	return cp_error_set(x->err, code, "entity '%.200s', unit '%.200s', node '%s': %s",
	                    x->e->name, x->u->name, x->p->nodes[node].text[COMPLIANCE_NODE_ID], what);
}

/* The weighted mean of the shares of a sibling group starting at `first`. */
static int eval_group(evalctx *x, size_t first, size_t parent, cnum *share, int *present);

static int eval_node(evalctx *x, size_t i)
{
	const compliance_profile *p = x->p;
	const cp_node *nd = &p->nodes[i];
	cp_node_eval *ev = &x->ev[i];
	int present = 0, rc;
	cnum width, d;

	if (ev->state == CP_EVAL_GIVEN) {
		/* given directly: an answer on the indicator's scale, or a score on
		 * the profile's scale */
		if (nd->first_child != CP_NONE) {
			size_t j;
			for (j = i + 1; j < p->nnodes && p->nodes[j].depth > nd->depth; j++)
				if (x->ev[j].state == CP_EVAL_GIVEN)
					return fail(x, COMPLIANCE_E_DUPLICATE,
					            "a score was given for this node and also values below it", i);
		}
		if (nd->has_scale) {
			if ((rc = cnum_sub(&d, ev->answer, nd->min)) || (rc = cnum_sub(&width, nd->max, nd->min)))
				return rc;
		} else {
			if ((rc = cnum_sub(&d, ev->answer, p->scale_min)) ||
			    (rc = cnum_sub(&width, p->scale_max, p->scale_min)))
				return rc;
		}
		return cnum_div(&ev->share, d, width);
	}
	if (nd->first_child == CP_NONE) {
		/* an unanswered leaf */
		if (x->policy == COMPLIANCE_MISSING_ERROR)
			return fail(x, COMPLIANCE_E_MISSING,
			            "no answer given (choose the exclude or minimum policy to score "
			            "without it)", i);
		x->u->nmissing++;
		if (x->policy == COMPLIANCE_MISSING_MINIMUM) {
			ev->state = CP_EVAL_MINIMUM;
			ev->share = cnum_int(0);
		} else {
			ev->state = CP_EVAL_EXCLUDED;
		}
		return 0;
	}
	rc = eval_group(x, nd->first_child, i, &ev->share, &present);
	if (rc)
		return rc;
	ev->state = present ? CP_EVAL_COMPUTED : CP_EVAL_EXCLUDED;
	return 0;
}

static int eval_group(evalctx *x, size_t first, size_t parent, cnum *share, int *present)
{
	const compliance_profile *p = x->p;
	cnum sum = cnum_int(0), wsum = cnum_int(0), t;
	size_t i;
	int rc;

	for (i = first; i != CP_NONE; i = p->nodes[i].next_sibling) {
		if ((rc = eval_node(x, i)))
			return rc;
		if (x->ev[i].state == CP_EVAL_EXCLUDED)
			continue;
		if (!p->nodes[i].weight_known) {
			char what[CP_ERRMSG_MAX];
			if (p->missing_weights) /* a skeleton: name every weight it lacks */
				snprintf(what, sizeof what,
				         "its weight within %s is not published; profile %s is a skeleton "
				         "that lacks the weights of: %s; give them in your own profile "
				         "(\"extends\": \"%s\")",
				         parent == CP_NONE ? "the unit score"
				                           : p->nodes[parent].text[COMPLIANCE_NODE_ID],
				         p->id, p->missing_weights, p->id);
			else
				snprintf(what, sizeof what,
				         "its weight within %s is not published; give it in your own profile "
				         "(\"extends\": \"%s\")",
				         parent == CP_NONE ? "the unit score"
				                           : p->nodes[parent].text[COMPLIANCE_NODE_ID],
				         p->id);
			cp_utf8_trim(what);
			return fail(x, COMPLIANCE_E_MISSING, what, i);
		}
		if ((rc = cnum_mul(&t, p->nodes[i].weight, x->ev[i].share)) ||
		    (rc = cnum_add(&sum, sum, t)) || (rc = cnum_add(&wsum, wsum, p->nodes[i].weight)))
			return rc;
		*present = 1;
	}
	if (!*present || cnum_is_zero(wsum)) {
		*present = 0;
		*share = cnum_int(0);
		return 0;
	}
	return cnum_div(share, sum, wsum);
}

/* Spreads the factor (points per unit of share) down the tree. */
static int spread(evalctx *x, size_t first, cnum factor)
{
	const compliance_profile *p = x->p;
	cnum wsum = cnum_int(0), f;
	size_t i;
	int rc;

	for (i = first; i != CP_NONE; i = p->nodes[i].next_sibling)
		if (x->ev[i].state != CP_EVAL_EXCLUDED && p->nodes[i].weight_known)
			if ((rc = cnum_add(&wsum, wsum, p->nodes[i].weight)))
				return rc;
	for (i = first; i != CP_NONE; i = p->nodes[i].next_sibling) {
		if (x->ev[i].state == CP_EVAL_EXCLUDED || cnum_is_zero(wsum)) {
			x->ev[i].factor = cnum_int(0);
		} else {
			if ((rc = cnum_mul(&f, factor, p->nodes[i].weight)) ||
			    (rc = cnum_div(&x->ev[i].factor, f, wsum)))
				return rc;
		}
		if (p->nodes[i].first_child != CP_NONE && x->ev[i].state != CP_EVAL_GIVEN)
			if ((rc = spread(x, p->nodes[i].first_child, x->ev[i].factor)))
				return rc;
	}
	return 0;
}

int cp_evaluate_unit(const compliance_profile *p, const cp_entity *e, cp_unit *u, int policy,
                     int factors, cp_node_eval *ev, cnum *score, cp_error *err)
{
	evalctx x;
	cnum share, width, t;
	size_t k;
	int present = 0, rc;

	x.p = p;
	x.e = e;
	x.u = u;
	x.policy = policy;
	x.ev = ev;
	x.err = err;
	u->nmissing = 0;
	memset(ev, 0, p->nnodes * sizeof *ev);
	for (k = 0; k < u->nvalues; k++) {
		size_t node = cp_value_node(&u->values[k]);
		ev[node].state = CP_EVAL_GIVEN;
		ev[node].answer = cp_unit_answer(u, k);
	}
	rc = eval_group(&x, p->first_top, CP_NONE, &share, &present);
	if (rc) {
		if (!err->code)
			cp_error_set(err, rc, "entity '%.200s', unit '%.200s': %s", e->name, u->name,
			             rc == COMPLIANCE_E_OVERFLOW ? "the exact score grew too large to hold"
			                                         : compliance_strerror(rc));
		return rc;
	}
	if (!present)
		return cp_error_set(err, COMPLIANCE_E_MISSING,
		                    "entity '%.200s', unit '%.200s': every answer is missing", e->name,
		                    u->name);
	if ((rc = cnum_sub(&width, p->scale_max, p->scale_min)) || (rc = cnum_mul(&t, width, share)) ||
	    (rc = cnum_add(score, p->scale_min, t)) ||
	    (factors && (rc = spread(&x, p->first_top, width))))
		return cp_error_set(err, rc, "entity '%.200s', unit '%.200s': the exact score grew too "
		                    "large to hold", e->name, u->name);
	return 0;
}

int cp_entity_input(const cp_entity *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->ninputs; i++)
		if (!strcmp(e->inputs[i].name, name))
			return e->inputs[i].value;
	return -1;
}

/* ---- the fast path ------------------------------------------------------------- */

/* a * b + c into *out without overflow; 0 or COMPLIANCE_E_OVERFLOW. */
static int muladd(cint *out, cint a, cint b, cint c)
{
	cint t;

	if (__builtin_mul_overflow(a, b, &t) || __builtin_add_overflow(t, c, out))
		return COMPLIANCE_E_OVERFLOW;
	return 0;
}

static cint gcd(cint a, cint b)
{
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	while (b) {
		cint t = a % b;
		a = b;
		b = t;
	}
	return a;
}

void cp_fast_free(cp_fast *f, const cp_alloc *al)
{
	cp_free(al, f->num);
	cp_free(al, f->min);
	memset(f, 0, sizeof *f);
}

int cp_fast_init(cp_fast *f, const compliance_profile *p, const cp_alloc *al)
{
	cnum *coef = NULL, width;
	size_t i;
	int rc = 0;

	memset(f, 0, sizeof *f);
	if (!p->nnodes)
		return 0;
	coef = cp_calloc(al, p->nnodes, sizeof *coef);
	f->num = cp_calloc(al, p->nnodes, sizeof *f->num);
	f->min = cp_calloc(al, p->nnodes, sizeof *f->min);
	if (!coef || !f->num || !f->min) {
		cp_free(al, coef);
		cp_fast_free(f, al);
		return COMPLIANCE_E_NOMEM;
	}
	if (cnum_sub(&width, p->scale_max, p->scale_min))
		goto unusable;
	/* each node's points of the unit score per unit of its share, top
	 * down: width for the top group, times w / (its group's total) */
	for (i = 0; i < p->nnodes; i++) {
		const cp_node *nd = &p->nodes[i];
		cnum parent = nd->parent == CP_NONE ? width : coef[nd->parent], total = cnum_int(0), t;
		size_t j = nd->parent == CP_NONE ? p->first_top : p->nodes[nd->parent].first_child;
		if (!nd->weight_known)
			goto unusable;
		for (; j != CP_NONE; j = p->nodes[j].next_sibling) {
			if (!p->nodes[j].weight_known || cnum_add(&total, total, p->nodes[j].weight))
				goto unusable;
		}
		if (cnum_is_zero(total) || cnum_mul(&t, parent, nd->weight) ||
		    cnum_div(&coef[i], t, total))
			goto unusable;
	}
	/* each leaf: points per answer step, (max - min) below it; over one
	 * common denominator */
	f->den = 1;
	for (i = 0; i < p->nnodes; i++) {
		const cp_node *nd = &p->nodes[i];
		cnum lo = nd->has_scale ? nd->min : p->scale_min, hi = nd->has_scale ? nd->max : p->scale_max,
		     w, c;
		cint g;
		if (nd->first_child != CP_NONE)
			continue;
		f->nleaves++;
		if (lo.d != 1 || cnum_sub(&w, hi, lo) || cnum_is_zero(w) || cnum_div(&c, coef[i], w))
			goto unusable;
		coef[i] = c;
		f->min[i] = lo.n;
		g = gcd(f->den, c.d);
		if (__builtin_mul_overflow(f->den / g, c.d, &f->den))
			goto unusable;
	}
	for (i = 0; i < p->nnodes; i++) {
		if (p->nodes[i].first_child != CP_NONE)
			continue;
		if (muladd(&f->num[i], coef[i].n, f->den / coef[i].d, 0))
			goto unusable;
	}
	f->base = p->scale_min;
	f->usable = 1;
	cp_free(al, coef);
	return rc;
unusable:
	cp_free(al, coef);
	f->usable = 0;
	return 0;
}

int cp_fast_unit(const cp_fast *f, const compliance_profile *p, cp_unit *u, cnum *score)
{
	cint sum = 0;
	cnum t;
	uint32_t k;

	if (!f->usable || u->nvalues != f->nleaves)
		return 0;
	for (k = 0; k < u->nvalues; k++) {
		const cp_value *v = &u->values[k];
		if ((v->node & CP_VALUE_FRAC) || p->nodes[v->node].first_child != CP_NONE ||
		    muladd(&sum, f->num[v->node], (cint)v->small - f->min[v->node], sum))
			return 0; /* the general path decides (and reports) */
	}
	if (cnum_make(&t, sum, f->den) || cnum_add(score, f->base, t))
		return 0;
	u->nmissing = 0;
	return 1;
}
