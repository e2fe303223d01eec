/*
 * Advice: what to fix to reach the next band. Every answered indicator
 * below its scale's maximum is a candidate; raising it to the maximum adds
 * factor * (1 - share) points to its unit's exact score (the tree is linear
 * in the shares while the set of answered indicators stays the same). The
 * candidates are ranked by what they add to the entity score, and the
 * cumulative plan is re-scored exactly, with the profile's rounding at the
 * unit and entity stages, until it reaches the next band.
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

/* The entity's rounded score when each unit's exact score is raised by
 * add[unit]. */
static int rescore(const compliance_assessment *a, const cp_entity *e, const cnum *add,
                   int64_t *score)
{
	const compliance_profile *p = a->profile;
	cnum sum = cnum_int(0), v, mean;
	size_t j;
	int rc;

	for (j = 0; j < e->nunits; j++) {
		if ((rc = cnum_add(&v, e->units[j].exact, add[j])))
			return rc;
		if (p->round_unit) {
			int64_t r;
			if ((rc = cnum_round_scaled(&r, v, p->decimals)) ||
			    (rc = cnum_from_scaled(&v, r, p->decimals)))
				return rc;
		}
		if ((rc = cnum_add(&sum, sum, v)))
			return rc;
	}
	if ((rc = cnum_div(&mean, sum, cnum_int((int64_t)e->nunits))))
		return rc;
	return cnum_round_scaled(score, mean, p->decimals);
}

static json_t *jnum(cnum v, int decimals)
{
	char e[CNUM_TEXT_MAX], r[CNUM_TEXT_MAX];

	cnum_format_exact(e, v);
	cnum_format_round(r, v, decimals);
	return json_pack("{s:s, s:s}", "exact", e, "decimal", r);
}

static json_t *advise_entity(const compliance_assessment *a, const cp_result *r, int *rc)
{
	const compliance_profile *p = a->profile;
	const cp_entity *e = &a->entities[r->entity];
	cp_node_eval *ev = NULL;
	cand *cs = NULL;
	cnum *add = NULL;
	size_t ncs = 0, capcs = 0, j, i, k;
	json_t *doc = NULL, *steps;
	cp_error err;
	int64_t target = 0, now = r->score;
	int has_target = r->band > 0 && a->rollup_used == COMPLIANCE_ROLLUP_UNITS;
	char buf[CNUM_TEXT_MAX];

	*rc = COMPLIANCE_E_NOMEM;
	add = cp_calloc(&a->alloc, e->nunits + 1, sizeof *add);
	if (p->nnodes)
		ev = cp_calloc(&a->alloc, p->nnodes, sizeof *ev);
	if (!add || (p->nnodes && !ev))
		goto out;
	for (j = 0; j < e->nunits; j++) {
		cp_unit u = e->units[j];
		cnum exact;

		add[j] = cnum_int(0);
		if (!u.nvalues)
			continue;
		cp_error_clear(&err);
		if ((*rc = cp_evaluate_unit(p, e, &u, a->missing_policy, 1, ev, &exact, &err)))
			goto out;
		for (i = 0; i < p->nnodes; i++) {
			cnum room, g;
			if (p->nodes[i].first_child != CP_NONE || !p->nodes[i].has_scale)
				continue;
			if (ev[i].state != CP_EVAL_GIVEN && ev[i].state != CP_EVAL_MINIMUM)
				continue;
			if ((*rc = cnum_sub(&room, cnum_int(1), ev[i].share)) ||
			    (*rc = cnum_mul(&g, ev[i].factor, room)))
				goto out;
			if (g.n <= 0)
				continue;
			if (cp_grow(&a->alloc, (void **)&cs, &capcs, ncs + 1, sizeof *cs)) {
				*rc = COMPLIANCE_E_NOMEM;
				goto out;
			}
			cs[ncs].unit = j;
			cs[ncs].node = i;
			cs[ncs].unit_gain = g;
			cs[ncs].share = ev[i].share;
			if ((*rc = cnum_div(&cs[ncs].entity_gain, g, cnum_int((int64_t)e->nunits))))
				goto out;
			ncs++;
		}
	}
	if (ncs)
		qsort(cs, ncs, sizeof *cs, by_gain);
	if (has_target && cnum_round_scaled(&target, p->bands[r->band - 1].lower, p->decimals))
		has_target = 0;
	steps = json_array();
	for (k = 0; k < ncs; k++) {
		const cp_node *nd = &p->nodes[cs[k].node];
		int64_t after;
		json_t *st;

		if ((*rc = cnum_add(&add[cs[k].unit], add[cs[k].unit], cs[k].unit_gain)) ||
		    (*rc = rescore(a, e, add, &after))) {
			json_decref(steps);
			goto out;
		}
		cnum_format_scaled(buf, after, p->decimals);
		st = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:b}",
		               "step", (json_int_t)(k + 1),
		               "unit", e->units[cs[k].unit].name,
		               "indicator", nd->text[COMPLIANCE_NODE_ID],
		               "name", nd->text[COMPLIANCE_NODE_NAME],
		               "raise_to", nd->text[COMPLIANCE_NODE_SCALE_MAX],
		               "share_now", jnum(cs[k].share, 6),
		               "unit_points", jnum(cs[k].unit_gain, 4),
		               "entity_points", jnum(cs[k].entity_gain, 4),
		               "score_after", buf,
		               "reaches_target", has_target && after >= target);
		json_array_append_new(steps, st);
		if (has_target && after >= target)
			break;
	}
	cnum_format_scaled(buf, now, p->decimals);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:o}", "entity", e->name, "profile", p->id, "score",
	                buf, "band", p->bands[r->band].text[COMPLIANCE_BAND_CATEGORY][0]
	                                 ? p->bands[r->band].text[COMPLIANCE_BAND_CATEGORY]
	                                 : p->bands[r->band].text[COMPLIANCE_BAND_ZONE],
	                "steps", steps);
	if (!doc) {
		*rc = COMPLIANCE_E_NOMEM;
		goto out;
	}
	if (has_target) {
		const cp_band *t = &p->bands[r->band - 1];
		cnum_format_scaled(buf, target - now, p->decimals);
		json_object_set_new(doc, "target", json_pack("{s:s, s:s, s:s, s:s}",
		                    "band", t->text[COMPLIANCE_BAND_CATEGORY][0]
		                                ? t->text[COMPLIANCE_BAND_CATEGORY]
		                                : t->text[COMPLIANCE_BAND_ZONE],
		                    "label", t->text[COMPLIANCE_BAND_LABEL],
		                    "lower", t->text[COMPLIANCE_BAND_LOWER], "gap", buf));
		json_object_set_new(doc, "reachable",
		                    json_boolean(ncs && json_is_true(json_object_get(
		                        json_array_get(steps, json_array_size(steps) - 1),
		                        "reaches_target"))));
	} else {
		json_object_set_new(doc, "target", json_null());
	}
	*rc = 0;
out:
	cp_free(&a->alloc, cs);
	cp_free(&a->alloc, add);
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

int compliance_assessment_advise(const compliance_assessment *a, size_t index, int format,
                                 char **out)
{
	return cp_report(a, index, format, out, advise_entity, render);
}
