/*
 * Advice: what to fix to reach the next band. Every answered indicator
 * below its scale's maximum is a candidate; raising it to the maximum adds
 * factor * (1 - share) points to its unit's exact score (the tree is linear
 * in the shares while the set of answered indicators stays the same). The
 * candidates are ranked by what they add to the entity mean, and the
 * cumulative plan is re-scored exactly by the one roll-up that compute
 * uses (cp_rollup_entity: unit rounding, mean, deductions, rounding, band,
 * qualifiers), until it reaches the next band.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/emit.h"
#include "score/assessment_internal.h"

typedef struct cand {
	size_t unit, node;
	cnum unit_gain;   /* points of the unit's exact score */
	cnum entity_gain; /* points of the entity mean */
	cnum share;
} cand;

static int by_gain(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	int c = cnum_cmp(b->entity_gain, a->entity_gain);

	if (c)
		return c;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	return a->node < b->node ? -1 : (a->node > b->node);
}

static json_t *jnum(cnum v, int decimals)
{
	char e[CNUM_TEXT_MAX], r[CNUM_TEXT_MAX];

	cnum_format_exact(e, v);
	cnum_format_round(r, v, decimals);
	return json_pack("{s:s, s:s}", "exact", e, "decimal", r);
}

/* A band's short name: its category, or its zone in zone-only editions. */
static const char *band_name(const cp_band *b)
{
	return b->text[COMPLIANCE_BAND_CATEGORY][0] ? b->text[COMPLIANCE_BAND_CATEGORY]
	                                            : b->text[COMPLIANCE_BAND_ZONE];
}

static json_t *advise_entity(compliance_assessment *a, const cp_result *r, int *rc)
{
	const compliance_profile *p = a->profile;
	const cp_entity *e = &a->entities[r->entity];
	cp_node_eval *ev = NULL;
	cand *cs = NULL;
	cnum *exact = NULL;
	size_t ncs = 0, capcs = 0, j, i, k;
	json_t *doc = NULL, *steps;
	cp_rollup_out now, after;
	int64_t target = 0;
	int has_target, reached = 0;
	char buf[CNUM_TEXT_MAX];

	/* the entity as computed, through the one roll-up */
	if ((*rc = cp_rollup_entity(p, e, a->rollup_used, NULL, &now, &a->err)))
		return NULL;
	has_target = now.band > 0;
	*rc = COMPLIANCE_E_NOMEM;
	exact = cp_calloc(&a->alloc, e->nunits + 1, sizeof *exact);
	if (p->nnodes)
		ev = cp_calloc(&a->alloc, p->nnodes, sizeof *ev);
	if (!exact || (p->nnodes && !ev))
		goto nomem;
	for (j = 0; j < e->nunits; j++) {
		cp_unit u = e->units[j]; /* a copy: evaluation notes its missing count */
		cnum unit_exact;

		exact[j] = u.exact;
		if (!u.nvalues)
			continue;
		if ((*rc = cp_evaluate_unit(p, e, &u, a->missing_policy, 1, ev, &unit_exact,
		                            &a->err)))
			goto out;
		for (i = 0; i < p->nnodes; i++) {
			cnum room, g;
			if (p->nodes[i].first_child != CP_NONE || !p->nodes[i].has_scale)
				continue;
			if (ev[i].state != CP_EVAL_GIVEN && ev[i].state != CP_EVAL_MINIMUM)
				continue;
			if ((*rc = cnum_sub(&room, cnum_int(1), ev[i].share)) ||
			    (*rc = cnum_mul(&g, ev[i].factor, room)))
				goto overflow;
			if (g.n <= 0)
				continue;
			if (cp_grow(&a->alloc, (void **)&cs, &capcs, ncs + 1, sizeof *cs))
				goto nomem;
			cs[ncs].unit = j;
			cs[ncs].node = i;
			cs[ncs].unit_gain = g;
			cs[ncs].share = ev[i].share;
			/* the points it adds to the mean, before rounding and deductions */
			if ((*rc = cnum_div(&cs[ncs].entity_gain, g, cnum_int((int64_t)now.count))))
				goto overflow;
			ncs++;
		}
	}
	if (ncs)
		qsort(cs, ncs, sizeof *cs, by_gain);
	if (has_target && cnum_round_scaled(&target, p->bands[now.band - 1].lower, p->decimals))
		has_target = 0;
	steps = json_array();
	for (k = 0; k < ncs && !reached; k++) {
		const cp_node *nd = &p->nodes[cs[k].node];
		json_t *st;

		/* the plan so far, re-scored by the same roll-up as compute */
		if ((*rc = cnum_add(&exact[cs[k].unit], exact[cs[k].unit], cs[k].unit_gain))) {
			json_decref(steps);
			goto overflow;
		}
		if ((*rc = cp_rollup_entity(p, e, a->rollup_used, exact, &after, &a->err))) {
			json_decref(steps);
			goto out;
		}
		reached = has_target && after.band < now.band;
		cnum_format_scaled(buf, after.score, p->decimals);
		st = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:b}",
		               "step", (json_int_t)(k + 1),
		               "unit", e->units[cs[k].unit].name,
		               "indicator", nd->text[COMPLIANCE_NODE_ID],
		               "name", nd->text[COMPLIANCE_NODE_NAME],
		               "raise_to", nd->text[COMPLIANCE_NODE_SCALE_MAX],
		               "share_now", jnum(cs[k].share, 6),
		               "unit_points", jnum(cs[k].unit_gain, 4),
		               "entity_points", jnum(cs[k].entity_gain, 4),
		               "score_after", buf,
		               "band_after", band_name(&p->bands[after.band]),
		               "label_after", after.label,
		               "reaches_target", reached);
		json_array_append_new(steps, st);
	}
	cnum_format_scaled(buf, now.score, p->decimals);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:o}", "entity", e->name, "profile", p->id, "score",
	                buf, "band", band_name(&p->bands[now.band]), "steps", steps);
	if (!doc)
		goto nomem;
	if (has_target) {
		const cp_band *t = &p->bands[now.band - 1];
		cnum_format_scaled(buf, target - now.score, p->decimals);
		json_object_set_new(doc, "target", json_pack("{s:s, s:s, s:s, s:s}",
		                    "band", band_name(t),
		                    "label", t->text[COMPLIANCE_BAND_LABEL],
		                    "lower", t->text[COMPLIANCE_BAND_LOWER], "gap", buf));
		json_object_set_new(doc, "reachable", json_boolean(reached));
	} else {
		json_object_set_new(doc, "target", json_null());
	}
	*rc = 0;
	goto out;
overflow:
	cp_error_set(&a->err, *rc, "entity '%.200s': the advice's exact sums grew too large to "
	             "hold", e->name);
	goto out;
nomem:
	*rc = COMPLIANCE_E_NOMEM;
	cp_error_set(&a->err, *rc, "entity '%.200s': out of memory", e->name);
out:
	cp_free(&a->alloc, cs);
	cp_free(&a->alloc, exact);
	cp_free(&a->alloc, ev);
	return doc;
}

static char *render(json_t *doc)
{
	json_t *t = json_object_get(doc, "target"), *st;
	size_t i, len = 0, cap = 4096;
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
	ADD("%s under %s: %s (%s)\n", json_string_value(json_object_get(doc, "entity")),
	    json_string_value(json_object_get(doc, "profile")),
	    json_string_value(json_object_get(doc, "score")),
	    json_string_value(json_object_get(doc, "band")));
	if (json_is_object(t))
		ADD("next band: %s %s from %s, %s points away\n",
		    json_string_value(json_object_get(t, "band")),
		    json_string_value(json_object_get(t, "label")),
		    json_string_value(json_object_get(t, "lower")),
		    json_string_value(json_object_get(t, "gap")));
	else
		ADD("no higher band to reach\n");
	json_array_foreach(json_object_get(doc, "steps"), i, st)
		ADD("%2lld. %s: raise %s (%s) to %s: +%s points to the unit, +%s to the entity -> %s%s\n",
		    (long long)json_integer_value(json_object_get(st, "step")),
		    json_string_value(json_object_get(st, "unit")),
		    json_string_value(json_object_get(st, "indicator")),
		    json_string_value(json_object_get(st, "name")),
		    json_string_value(json_object_get(st, "raise_to")),
		    json_string_value(json_object_get(json_object_get(st, "unit_points"), "decimal")),
		    json_string_value(json_object_get(json_object_get(st, "entity_points"), "decimal")),
		    json_string_value(json_object_get(st, "score_after")),
		    json_is_true(json_object_get(st, "reaches_target")) ? "  (reaches the next band)" : "");
	if (!json_array_size(json_object_get(doc, "steps")))
		ADD("no indicator answers to improve: score the entity from indicator values to get advice\n");
	else if (json_is_object(t) && !json_is_true(json_object_get(doc, "reachable")))
		ADD("raising every answered indicator is not enough to reach the next band\n");
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
