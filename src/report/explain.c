/*
 * Explanation of one entity's score, down to the indicator: built as a
 * JSON document (jansson), and rendered as text from that same document so
 * that the two forms cannot disagree.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "score/assessment_internal.h"

static const char *const state_names[] = { "missing", "given", "computed", "minimum",
	                                   "excluded" };
static const char *const policy_names[] = { "error", "exclude", "minimum" };

/* An exact value as {"exact": "n/d" or decimal, "decimal": rounded text}. */
static json_t *num(cnum v, int decimals)
{
	char e[CNUM_TEXT_MAX], r[CNUM_TEXT_MAX];

	cnum_format_exact(e, v);
	cnum_format_round(r, v, decimals);
	return json_pack("{s:s, s:s}", "exact", e, "decimal", r);
}

/* The SKM survey fed into a node (compliance_assessment_add_skm), down
 * to each element's NRR. */
static json_t *explain_feed(const cp_skm_feed *f)
{
	json_t *els = json_array(), *o;
	size_t k;

	for (k = 0; k < f->nel; k++)
		json_array_append_new(els, json_pack("{s:s, s:s, s:I, s:s, s:s}",
		                      "element", f->el[k].code, "name", f->el[k].name,
		                      "answers", (json_int_t)f->el[k].answers,
		                      "nrr", f->el[k].nrr, "nrr_exact", f->el[k].nrr_exact));
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:o}",
	              "profile", f->profile, "ikm", f->ikm, "ikm_exact", f->ikm_exact,
	              "category", f->category, "label", f->label, "missing", f->missing,
	              "respondents", (json_int_t)f->respondents,
	              "respondents_read", (json_int_t)f->read, "elements", els);
	return o;
}

static json_t *explain_tree(const compliance_assessment *a, const cp_entity *e,
                            const char *unit, const cp_node_eval *ev)
{
	const compliance_profile *p = a->profile;
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < p->nnodes; i++) {
		const cp_node *nd = &p->nodes[i];
		json_t *o;
		cnum contrib;

		o = json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s}",
		              "id", nd->text[COMPLIANCE_NODE_ID],
		              "name", nd->text[COMPLIANCE_NODE_NAME],
		              "parent", nd->text[COMPLIANCE_NODE_PARENT],
		              "depth", nd->depth,
		              "weight", nd->weight_known ? nd->text[COMPLIANCE_NODE_WEIGHT] : "unknown",
		              "weight_source", nd->text[COMPLIANCE_NODE_SOURCE],
		              "confidence", compliance_confidence_code(nd->confidence),
		              "state", state_names[ev[i].state]);
		if (!o)
			continue;
		if (nd->has_scale)
			json_object_set_new(o, "scale", json_pack("{s:s, s:s}", "min",
			                                          nd->text[COMPLIANCE_NODE_SCALE_MIN],
			                                          "max",
			                                          nd->text[COMPLIANCE_NODE_SCALE_MAX]));
		if (ev[i].state == CP_EVAL_GIVEN)
			json_object_set_new(o, "value", num(ev[i].answer, 4));
		if (ev[i].state != CP_EVAL_EXCLUDED && ev[i].state != CP_EVAL_MISSING) {
			json_object_set_new(o, "share", num(ev[i].share, 6));
			json_object_set_new(o, "points_per_share", num(ev[i].factor, 6));
			if (cnum_mul(&contrib, ev[i].factor, ev[i].share) == 0)
				json_object_set_new(o, "contribution", num(contrib, 6));
		}
		if (ev[i].state == CP_EVAL_GIVEN && a->nfeeds) {
			const cp_skm_feed *f = cp_assessment_feed(a, e->name, unit, i);
			if (f)
				json_object_set_new(o, "skm", explain_feed(f));
		}
		json_array_append_new(arr, o);
	}
	return arr;
}

/* Each dimension's points (a top-level node's contribution: 0 to its
 * weight), exact and rounded to the profile's decimals, and the sum of the
 * rounded points, which need not equal the unit score (METHODOLOGY.md §2:
 * the unit score is the sum of the unrounded points, rounded once). */
static void explain_points(json_t *uo, const compliance_profile *p, const cp_node_eval *ev)
{
	json_t *arr = json_array();
	int64_t sum = 0, r;
	char text[CNUM_TEXT_MAX];
	size_t i;

	for (i = p->first_top; i != CP_NONE; i = p->nodes[i].next_sibling) {
		cnum pts = cnum_int(0);
		if (ev[i].state != CP_EVAL_EXCLUDED && ev[i].state != CP_EVAL_MISSING &&
		    cnum_mul(&pts, ev[i].factor, ev[i].share))
			pts = cnum_int(0);
		if (cnum_round_scaled(&r, pts, p->decimals))
			r = 0;
		sum += r;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:o}",
		                      "id", p->nodes[i].text[COMPLIANCE_NODE_ID],
		                      "name", p->nodes[i].text[COMPLIANCE_NODE_NAME],
		                      "max", num(ev[i].factor, p->decimals),
		                      "points", num(pts, p->decimals)));
	}
	json_object_set_new(uo, "points", arr);
	cnum_format_scaled(text, sum, p->decimals);
	json_object_set_new(uo, "points_rounded_sum", json_string(text));
}

/* Why the value is in band `band`: its lower bound reached and, below the
 * top band, the next band's lower bound not reached. */
static void band_why(char *why, size_t size, const compliance_profile *p, size_t band,
                     const char *value)
{
	const cp_band *b = &p->bands[band];
	int cat = b->text[COMPLIANCE_BAND_CATEGORY][0] != '\0';
	int len = snprintf(why, size, "%s >= %s, the inclusive lower bound of %s %s (%s to %s)", value,
	                   b->text[COMPLIANCE_BAND_LOWER], cat ? "category" : "zone",
	                   b->text[cat ? COMPLIANCE_BAND_CATEGORY : COMPLIANCE_BAND_ZONE],
	                   b->text[COMPLIANCE_BAND_LOWER], b->text[COMPLIANCE_BAND_UPPER]);

	if (band > 0 && len > 0 && (size_t)len < size) {
		const cp_band *n = &p->bands[band - 1];
		int ncat = n->text[COMPLIANCE_BAND_CATEGORY][0] != '\0';
		snprintf(why + len, size - (size_t)len, ", and below %s, the lower bound of the next "
		         "band, %s %s (%s to %s)", n->text[COMPLIANCE_BAND_LOWER],
		         ncat ? "category" : "zone",
		         n->text[ncat ? COMPLIANCE_BAND_CATEGORY : COMPLIANCE_BAND_ZONE],
		         n->text[COMPLIANCE_BAND_LOWER], n->text[COMPLIANCE_BAND_UPPER]);
	}
	cp_utf8_trim(why);
}

/* The explanation of one entity: the units as evaluated, then the one
 * roll-up (cp_rollup_entity) stage by stage. */

/* With declared label sets (docs/profile-format.md): "label_sets", the
 * entity's label in each set that labels entities with its source and
 * confidence; "certificate"; and each unit's "labels". 0, or -1 out of
 * memory. */
static int explain_label_sets(const compliance_assessment *a, const cp_result *r,
                              const cp_rollup_out *ro, json_t *doc)
{
	const compliance_profile *p = a->profile;
	json_t *sets = json_array(), *units = json_object_get(doc, "units"), *uo;
	size_t s, j;
	int cert = 0;

	if (!sets || json_object_set_new(doc, "label_sets", sets))
		return -1;
	for (s = 0; s < p->nlabel_sets; s++) {
		const cp_label_set *set = &p->label_sets[s];
		const cp_label *lab = &set->labels[ro->band];
		const char *l = cp_label_of(p, s, ro->band, ro->qmask);
		json_t *one;

		if (!(set->scope & COMPLIANCE_LABEL_SCOPE_ENTITY))
			continue;
		cert |= lab->certificate;
		one = json_pack("{s:s, s:s, s:o, s:s, s:s, s:b}", "id", set->id, "name", set->name,
		                "label", l[0] ? json_string(l) : json_null(), "source", lab->source,
		                "confidence", compliance_confidence_code(lab->confidence),
		                "certificate", lab->certificate);
		if (!one || json_array_append_new(sets, one))
			return -1;
	}
	if (json_object_set_new(doc, "certificate", json_boolean(cert)))
		return -1;
	json_array_foreach(units, j, uo) {
		json_t *labels = json_object();
		if (!labels || json_object_set_new(uo, "labels", labels))
			return -1;
		for (s = 0; s < p->nlabel_sets; s++) {
			const char *l;
			if (!(p->label_sets[s].scope & COMPLIANCE_LABEL_SCOPE_UNIT))
				continue;
			l = compliance_assessment_unit_label(a, (size_t)(r - a->results), j, s);
			if (json_object_set_new(labels, p->label_sets[s].id,
			                        l && l[0] ? json_string(l) : json_null()))
				return -1;
		}
	}
	return 0;
}

static json_t *explain_entity(compliance_assessment *a, const cp_result *r, int *rc)
{
	const compliance_profile *p = a->profile;
	const cp_entity *e = &a->entities[r->entity];
	const cp_band *b;
	json_t *doc, *units, *quals, *flags;
	cp_node_eval *ev = NULL;
	cp_rollup_out ro;
	cp_error err;
	size_t j, k;
	char why[1024], value[CNUM_TEXT_MAX], score[CNUM_TEXT_MAX];

	*rc = cp_rollup_entity(p, e, a->rollup_used, NULL, &ro, &a->err);
	if (*rc)
		return NULL;
	b = &p->bands[ro.band];
	cnum_format_scaled(score, ro.score, p->decimals);
	cnum_format_exact(value, ro.value);
	if (p->nnodes) {
		ev = cp_calloc(&a->alloc, p->nnodes, sizeof *ev);
		if (!ev) {
			*rc = COMPLIANCE_E_NOMEM;
			return NULL;
		}
	}
	units = json_array();
	for (j = 0; j < e->nunits; j++) {
		cp_unit u = e->units[j]; /* a copy: evaluation notes its missing count */
		char text[CNUM_TEXT_MAX];
		json_t *uo;
		cnum exact;

		uo = json_pack("{s:s}", "unit", u.name);
		if (u.nvalues) {
			cp_error_clear(&err);
			if (cp_evaluate_unit(p, e, &u, a->missing_policy, 1, ev, &exact, &err) != 0) {
				/* the score was computed; only the breakdown failed */
				json_object_set_new(uo, "input", json_string("indicator values"));
				json_object_set_new(uo, "breakdown_error", json_string(err.msg));
			} else {
				json_t *missing = json_array();
				size_t i;
				json_object_set_new(uo, "input", json_string("indicator values"));
				json_object_set_new(uo, "nodes", explain_tree(a, e, u.name, ev));
				explain_points(uo, p, ev);
				for (i = 0; i < p->nnodes; i++)
					if ((ev[i].state == CP_EVAL_EXCLUDED || ev[i].state == CP_EVAL_MINIMUM) &&
					    p->nodes[i].first_child == CP_NONE)
						json_array_append_new(missing,
						                      json_string(p->nodes[i].text[COMPLIANCE_NODE_ID]));
				json_object_set_new(uo, "missing_answers", missing);
			}
		} else if (!u.products) {
			json_object_set_new(uo, "input", json_string("unit score"));
		} else {
			json_t *prods = json_array();
			json_object_set_new(uo, "input", json_string("product scores"));
			for (k = 0; k < u.nproducts; k++)
				json_array_append_new(prods, json_pack("{s:s, s:o}", "product",
				                                       u.products[k].name, "score",
				                                       num(u.products[k].score, 2)));
			json_object_set_new(uo, "products", prods);
		}
		json_object_set_new(uo, "score_exact", num(u.exact, 6));
		cnum_format_scaled(text, u.rounded, p->decimals);
		json_object_set_new(uo, "score", json_string(text));
		json_object_set_new(uo, "rounded_at_unit_stage", json_boolean(p->round_unit));
		json_array_append_new(units, uo);
	}
	cp_free(&a->alloc, ev);

	quals = json_array();
	for (k = 0; k < p->nqualifiers; k++) {
		int in = cp_entity_input(e, p->qualifiers[k].input);
		json_array_append_new(quals, json_pack("{s:s, s:s, s:o, s:b, s:s, s:s, s:s}",
		                      "id", p->qualifiers[k].id, "input", p->qualifiers[k].input,
		                      "input_value", in < 0 ? json_null() : json_boolean(in),
		                      "applied", in == p->qualifiers[k].when,
		                      "label_suffix", p->qualifiers[k].suffix,
		                      "source", p->qualifiers[k].source,
		                      "confidence", compliance_confidence_code(p->qualifiers[k].confidence)));
	}
	flags = json_array();
	for (k = 0; k < p->nflags; k++) {
		int in = cp_entity_input(e, p->flags[k].id);
		char d[CNUM_TEXT_MAX] = "unknown";
		if (p->flags[k].deduction_known)
			cnum_format_exact(d, p->flags[k].deduction);
		json_array_append_new(flags, json_pack("{s:s, s:o, s:s, s:b, s:s, s:s}",
		                      "id", p->flags[k].id,
		                      "value", in < 0 ? json_null() : json_boolean(in),
		                      "deduction", d,
		                      "changed_score", in == 1 && p->flags[k].deduction_known,
		                      "source", p->flags[k].source,
		                      "confidence", compliance_confidence_code(p->flags[k].confidence)));
	}
	band_why(why, sizeof why, p, ro.band, p->round_entity ? score : value);
	doc = json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:o, s:I, s:o, s:o, s:o, s:b, s:s, s:o, "
	                "s:o, s:o}",
	                "entity", e->name,
	                "entity_type", cp_entity_type_names[e->type],
	                "profile", p->id,
	                "year", p->year,
	                "rounding", p->rounding_text,
	                "rollup", a->rollup_used == COMPLIANCE_ROLLUP_PRODUCTS ? "mean of product scores"
	                                                                       : "mean of unit scores",
	                "missing_policy", policy_names[a->missing_policy],
	                "units", units,
	                "count", (json_int_t)ro.count,
	                "mean", num(ro.mean, 6),
	                "deduction", num(ro.deduction, 6),
	                "value", num(ro.value, 6),
	                "clamped", ro.clamped,
	                "score", score,
	                "band", json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	                                  "category", b->text[COMPLIANCE_BAND_CATEGORY],
	                                  "zone", b->text[COMPLIANCE_BAND_ZONE],
	                                  "label", b->text[COMPLIANCE_BAND_LABEL],
	                                  "lower", b->text[COMPLIANCE_BAND_LOWER],
	                                  "upper", b->text[COMPLIANCE_BAND_UPPER],
	                                  "why", why,
	                                  "source", b->text[COMPLIANCE_BAND_SOURCE],
	                                  "confidence", compliance_confidence_code(b->confidence)),
	                "qualifiers", quals,
	                "flags", flags);
	if (!doc) {
		*rc = COMPLIANCE_E_NOMEM;
		return NULL;
	}
	json_object_set_new(doc, "label", json_string(ro.label));
	if (p->label_sets_declared && explain_label_sets(a, r, &ro, doc)) {
		json_decref(doc);
		*rc = COMPLIANCE_E_NOMEM;
		return NULL;
	}
	return doc;
}

/* Appends printf-style text to a growing buffer. */
typedef struct sbuf {
	char *s;
	size_t len, cap;
	int failed;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) CP_PRINTF(2, 3);

static void sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	for (;;) {
		size_t room = b->cap - b->len;
		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->failed = 1;
			return;
		}
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		{
			size_t ncap = (b->cap ? b->cap * 2 : 4096) + (size_t)n;
			char *p = realloc(b->s, ncap);
			if (!p) {
				b->failed = 1;
				return;
			}
			b->s = p;
			b->cap = ncap;
		}
	}
}

static const char *sv(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_object(v) && json_is_string(json_object_get(v, "exact")))
		return json_string_value(json_object_get(v, "exact"));
	return "";
}

static const char *dv(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_object(v))
		return json_string_value(json_object_get(v, "decimal"));
	return sv(o, key);
}

static char *render_text(json_t *doc)
{
	sbuf b = { NULL, 0, 0, 0 };
	json_t *units = json_object_get(doc, "units"), *u, *n, *q;
	size_t i, j;

	if (cp_json_escape_strings(doc)) /* no control character from input reaches a terminal */
		return NULL;
	sb_printf(&b, "%s (%s) under %s\n", sv(doc, "entity"), sv(doc, "entity_type"),
	          sv(doc, "profile"));
	sb_printf(&b, "rounding: %s; roll-up: %s; missing answers: %s\n\n", sv(doc, "rounding"),
	          sv(doc, "rollup"), sv(doc, "missing_policy"));
	json_array_foreach(units, i, u) {
		sb_printf(&b, "unit %s (%s): %s exact, %s rounded\n", sv(u, "unit"), sv(u, "input"),
		          sv(u, "score_exact"), sv(u, "score"));
		{ /* the unit's label in each set that labels units */
			const char *set;
			json_t *l;
			json_object_foreach(json_object_get(u, "labels"), set, l)
				sb_printf(&b, "  label %s: %s\n", set,
				          json_is_string(l) ? json_string_value(l) : "(not published)");
		}
		json_array_foreach(json_object_get(u, "nodes"), j, n) {
			int d = (int)json_integer_value(json_object_get(n, "depth"));
			sb_printf(&b, "  %*s%s: weight %s [%s] %s", 2 * d, "", sv(n, "id"), sv(n, "weight"),
			          sv(n, "confidence"), sv(n, "state"));
			if (json_object_get(n, "value"))
				sb_printf(&b, ", value %s", sv(n, "value"));
			if (json_object_get(n, "share"))
				sb_printf(&b, ", share %s (%s), contributes %s points", sv(n, "share"),
				          dv(n, "share"), dv(n, "contribution"));
			sb_printf(&b, "\n");
			if (json_is_object(json_object_get(n, "skm"))) {
				json_t *f = json_object_get(n, "skm"), *el;
				size_t k;
				sb_printf(&b, "  %*s  from an SKM survey under %s: IKM %s (exact %s), %s %s, "
				          "%lld respondents of %lld read, missing answers: %s\n", 2 * d, "",
				          sv(f, "profile"), sv(f, "ikm"), sv(f, "ikm_exact"),
				          sv(f, "category"), sv(f, "label"),
				          (long long)json_integer_value(json_object_get(f, "respondents")),
				          (long long)json_integer_value(json_object_get(f, "respondents_read")),
				          sv(f, "missing"));
				json_array_foreach(json_object_get(f, "elements"), k, el)
					sb_printf(&b, "  %*s    %s %s: NRR %s (exact %s) over %lld answers\n",
					          2 * d, "", sv(el, "element"), sv(el, "name"), sv(el, "nrr"),
					          sv(el, "nrr_exact"),
					          (long long)json_integer_value(json_object_get(el, "answers")));
			}
		}
		if (json_array_size(json_object_get(u, "points"))) {
			sb_printf(&b, "  points:");
			json_array_foreach(json_object_get(u, "points"), j, n)
				sb_printf(&b, "%s %s %s (of %s)", j ? " +" : "", sv(n, "id"),
				          dv(n, "points"), dv(n, "max"));
			sb_printf(&b, " = %s from the rounded points; the unit score %s is the sum of "
			          "the exact points, rounded once\n", sv(u, "points_rounded_sum"),
			          sv(u, "score"));
		}
		json_array_foreach(json_object_get(u, "products"), j, n)
			sb_printf(&b, "  product %s: %s\n", sv(n, "product"), sv(n, "score"));
		if (json_array_size(json_object_get(u, "missing_answers"))) {
			sb_printf(&b, "  missing:");
			json_array_foreach(json_object_get(u, "missing_answers"), j, n)
				sb_printf(&b, " %s", json_string_value(n));
			sb_printf(&b, "\n");
		}
	}
	sb_printf(&b, "\nmean of %lld: %s (%s)\n",
	          (long long)json_integer_value(json_object_get(doc, "count")), sv(doc, "mean"),
	          dv(doc, "mean"));
	if (strcmp(sv(doc, "deduction"), "0") || json_is_true(json_object_get(doc, "clamped")))
		sb_printf(&b, "less deductions of %s: %s (%s)%s\n", sv(doc, "deduction"),
		          sv(doc, "value"), dv(doc, "value"),
		          json_is_true(json_object_get(doc, "clamped")) ? ", held within the scale" : "");
	sb_printf(&b, "score: %s\n", sv(doc, "score"));
	{
		json_t *band = json_object_get(doc, "band");
		sb_printf(&b, "band: %s %s %s, because %s\n  source [%s]: %s\n", sv(band, "category"),
		          sv(band, "zone"), sv(band, "label"), sv(band, "why"), sv(band, "confidence"),
		          sv(band, "source"));
	}
	json_array_foreach(json_object_get(doc, "qualifiers"), i, q)
		sb_printf(&b, "qualifier %s (input %s = %s): %s\n", sv(q, "id"), sv(q, "input"),
		          json_is_null(json_object_get(q, "input_value"))
		              ? "not given"
		              : (json_is_true(json_object_get(q, "input_value")) ? "yes" : "no"),
		          json_is_true(json_object_get(q, "applied")) ? "applied" : "not applied");
	json_array_foreach(json_object_get(doc, "flags"), i, q)
		sb_printf(&b, "flag %s = %s; deduction %s; %s\n", sv(q, "id"),
		          json_is_null(json_object_get(q, "value"))
		              ? "not given"
		              : (json_is_true(json_object_get(q, "value")) ? "yes" : "no"),
		          sv(q, "deduction"),
		          json_is_true(json_object_get(q, "changed_score")) ? "the score was corrected"
		                                                           : "the score is unchanged");
	sb_printf(&b, "label: %s\n", sv(doc, "label"));
	json_array_foreach(json_object_get(doc, "label_sets"), i, q)
		sb_printf(&b, "label %s (%s): %s [%s]%s\n  source: %s\n", sv(q, "id"), sv(q, "name"),
		          json_is_null(json_object_get(q, "label")) ? "(not published)" : sv(q, "label"),
		          sv(q, "confidence"),
		          json_is_true(json_object_get(q, "certificate")) ? ", with the certificate" : "",
		          sv(q, "source"));
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

int compliance_assessment_explain(compliance_assessment *a, size_t index, int format,
                                  char **out)
{
	return cp_report(a, "explain", index, format, out, explain_entity, render_text);
}
