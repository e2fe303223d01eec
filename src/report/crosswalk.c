/*
 * Re-scoring a year's answers under another edition through a crosswalk
 * file: compliance_assessment_crosswalk().
 *
 * The crosswalk is a CSV with the header from,to[,values]: one row per
 * node of the `from` profile; `to` names the node of the `to` profile
 * that asks the same thing, or is empty / "-" for no equivalent; `values`
 * optionally maps answers ("0=tidak;1=ya;2=ya;3=ya"). Without `values` an
 * answer keeps its share of its scale: to = min' + (v - min) (max' - min')
 * / (max - min), exactly; a share that falls between two answers of the
 * new scale is refused, naming the entity, unit, node and value, so that
 * the user gives a `values` column instead of having it rounded silently.
 *
 * What is carried: every answer of a mapped node; every unit score given
 * whole (the `@score` form: carried unchanged, and counted as such, since
 * a score under one method is not a score under the other); every
 * entity-level input (`@entity`) the new profile knows. What is not: the
 * answers of nodes with no equivalent or not in the crosswalk, product
 * scores, inputs the new profile does not know. The report (JSON) lists
 * each, so that the like-for-like score comes with what it leaves out.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/report.h"
#include "io/csv.h"
#include "report/doc.h"
#include "score/assessment_internal.h"

typedef struct cw_row {
	size_t from;       /* node in the from profile */
	size_t to;         /* node in the to profile, CP_NONE: no equivalent */
	size_t line;
	char *values;      /* the values column, or NULL */
	size_t used;       /* answers carried through it */
} cw_row;

typedef struct cw {
	cw_row *rows;
	size_t n;
	size_t *by_node; /* from node -> row + 1, 0: not in the crosswalk */
} cw;

static void cw_free(cw *c, const cp_alloc *al)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		cp_free(al, c->rows[i].values);
	cp_free(al, c->rows);
	cp_free(al, c->by_node);
}

static char *dup_text(const cp_alloc *al, const char *s, size_t n)
{
	char *d = cp_malloc(al, n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int header_is(const cp_csv *c)
{
	if (c->nfields < 2 || c->nfields > 3 || strcmp(cp_csv_field(c, 0), "from") ||
	    strcmp(cp_csv_field(c, 1), "to"))
		return 0;
	return c->nfields == 2 || !strcmp(cp_csv_field(c, 2), "values");
}

static int parse(compliance_assessment *from, compliance_assessment *to, const char *data,
                 size_t size, const char *name, cw *out)
{
	const compliance_profile *pf = from->profile, *pt = to->profile;
	const cp_alloc *al = &from->alloc;
	cp_csv c;
	const char *why = NULL;
	size_t cap = 0, *to_row = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	out->by_node = cp_calloc(al, pf->nnodes ? pf->nnodes : 1, sizeof *out->by_node);
	to_row = cp_calloc(al, pt->nnodes ? pt->nnodes : 1, sizeof *to_row);
	if (!out->by_node || !to_row) {
		cp_free(al, to_row);
		return cp_error_set(&from->err, COMPLIANCE_E_NOMEM, "crosswalk: out of memory");
	}
	cp_csv_init_buffer(&c, al, data, size);
	rc = cp_csv_next(&c, &why);
	if (rc == 0) {
		rc = cp_error_set(&from->err, COMPLIANCE_E_PARSE,
		                  "%s: the file is empty: expected the header from,to[,values]", name);
		goto out;
	}
	if (rc < 0) {
		rc = cp_csv_error(&from->err, &c, rc, name, why);
		goto out;
	}
	if (!header_is(&c)) {
		rc = cp_error_set(&from->err, COMPLIANCE_E_PARSE,
		                  "%s:%zu: expected the header from,to or from,to,values", name, c.line);
		goto out;
	}
	while ((rc = cp_csv_next(&c, &why)) == 1) {
		cw_row *r;
		size_t nf, nt = CP_NONE;
		const char *t = c.nfields > 1 ? cp_csv_field(&c, 1) : "";

		if (c.nfields < 2 || c.nfields > 3) {
			rc = cp_error_set(&from->err, COMPLIANCE_E_PARSE,
			                  "%s:%zu: expected 2 or 3 fields (from,to[,values]), found %zu",
			                  name, c.line, c.nfields);
			goto out;
		}
		nf = cp_profile_find_node(pf, cp_csv_field(&c, 0), cp_csv_len(&c, 0));
		if (nf == CP_NONE) {
			rc = cp_error_set(&from->err, COMPLIANCE_E_NOTFOUND,
			                  "%s:%zu: field 'from': '%.100s' is not a node of profile %s",
			                  name, c.line, cp_csv_field(&c, 0), pf->id);
			goto out;
		}
		if (out->by_node[nf]) {
			rc = cp_error_set(&from->err, COMPLIANCE_E_DUPLICATE,
			                  "%s:%zu: field 'from': '%.100s' is mapped already at line %zu",
			                  name, c.line, cp_csv_field(&c, 0),
			                  out->rows[out->by_node[nf] - 1].line);
			goto out;
		}
		if (t[0] && strcmp(t, "-")) {
			nt = cp_profile_find_node(pt, t, cp_csv_len(&c, 1));
			if (nt == CP_NONE) {
				rc = cp_error_set(&from->err, COMPLIANCE_E_NOTFOUND,
				                  "%s:%zu: field 'to': '%.100s' is not a node of profile %s",
				                  name, c.line, t, pt->id);
				goto out;
			}
			if (to_row[nt]) {
				rc = cp_error_set(&from->err, COMPLIANCE_E_DUPLICATE,
				                  "%s:%zu: field 'to': '%.100s' is the equivalent of line %zu "
				                  "already: one node cannot take two answers",
				                  name, c.line, t, out->rows[to_row[nt] - 1].line);
				goto out;
			}
		}
		if (out->n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			cw_row *nr = cp_realloc(al, out->rows, ncap * sizeof *nr);
			if (!nr) {
				rc = cp_error_set(&from->err, COMPLIANCE_E_NOMEM, "crosswalk: out of memory");
				goto out;
			}
			out->rows = nr;
			cap = ncap;
		}
		r = &out->rows[out->n];
		memset(r, 0, sizeof *r);
		r->from = nf;
		r->to = nt;
		r->line = c.line;
		if (c.nfields == 3 && cp_csv_len(&c, 2)) {
			if (nt == CP_NONE) {
				rc = cp_error_set(&from->err, COMPLIANCE_E_PARSE,
				                  "%s:%zu: field 'values': given for a node with no equivalent",
				                  name, c.line);
				goto out;
			}
			if (!(r->values = dup_text(al, cp_csv_field(&c, 2), cp_csv_len(&c, 2)))) {
				rc = cp_error_set(&from->err, COMPLIANCE_E_NOMEM, "crosswalk: out of memory");
				goto out;
			}
		}
		out->n++;
		out->by_node[nf] = out->n;
		if (nt != CP_NONE)
			to_row[nt] = out->n;
	}
	if (rc < 0)
		rc = cp_csv_error(&from->err, &c, rc, name, why);
out:
	cp_csv_free(&c);
	cp_free(al, to_row);
	if (rc) {
		cw_free(out, al);
		memset(out, 0, sizeof *out);
	}
	return rc;
}

/* The answer `v` (as given, exact) through the values column "a=b;c=d":
 * writes b into buf; 1 when found, 0 when the column has no entry for v. */
static int map_value(const char *values, cnum v, char *buf, size_t size)
{
	const char *p = values;

	while (*p) {
		const char *semi = strchr(p, ';'), *end = semi ? semi : p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (eq) {
			cnum k;
			const char *why;
			const char *a = p, *ae = eq;
			while (a < ae && *a == ' ')
				a++;
			while (ae > a && ae[-1] == ' ')
				ae--;
			if (cnum_parse(&k, a, (size_t)(ae - a), &why) == 0 && cnum_cmp(k, v) == 0) {
				const char *b = eq + 1, *be = end;
				while (b < be && *b == ' ')
					b++;
				while (be > b && be[-1] == ' ')
					be--;
				snprintf(buf, size, "%.*s", (int)(be - b), b);
				return 1;
			}
		}
		p = semi ? semi + 1 : end;
	}
	return 0;
}

/* The answer v of node nf (from profile) on node nt's scale (to profile),
 * keeping its share; 0, or an error code with `why` set. */
static int convert(const compliance_profile *pf, size_t nf, const compliance_profile *pt, size_t nt,
                   cnum v, char *buf, size_t size, const char **why)
{
	const cp_node *a = &pf->nodes[nf], *b = &pt->nodes[nt];
	cnum amin = a->has_scale ? a->min : pf->scale_min, amax = a->has_scale ? a->max : pf->scale_max;
	cnum bmin = b->has_scale ? b->min : pt->scale_min, bmax = b->has_scale ? b->max : pt->scale_max;
	cnum t, w1, w2;
	int rc;

	if ((rc = cnum_sub(&t, v, amin)) || (rc = cnum_sub(&w1, amax, amin)) ||
	    (rc = cnum_sub(&w2, bmax, bmin)) || (rc = cnum_mul(&t, t, w2)) ||
	    (rc = cnum_div(&t, t, w1)) || (rc = cnum_add(&t, t, bmin))) {
		*why = "the converted answer grew too large to hold exactly";
		return rc;
	}
	if (b->has_scale && t.d != 1) {
		*why = "its share falls between two answers of the new scale: give a values column";
		return COMPLIANCE_E_RANGE;
	}
	{
		char tmp[CNUM_TEXT_MAX];
		cnum_format_exact(tmp, t);
		if (strchr(tmp, '/')) {
			*why = "its share is not a terminating decimal on the new scale: give a values "
			       "column";
			return COMPLIANCE_E_RANGE;
		}
		snprintf(buf, size, "%s", tmp);
	}
	return 0;
}

/* An answer or a unit score into `to`, inside its journal (one batch for
 * the whole crosswalk, rolled back on failure). */
static int add_value(compliance_assessment *to, const char *entity, const char *type,
                     const char *unit, const char *id, const char *value)
{
	const char *field;

	return cp_assessment_add_value(to, entity, strlen(entity), type, strlen(type), unit,
	                               strlen(unit), id, strlen(id), value, strlen(value), &field);
}

static int add_score(compliance_assessment *to, const char *entity, const char *type,
                     const char *unit, const char *score)
{
	const char *field;

	return cp_assessment_add(to, entity, strlen(entity), type, strlen(type), unit, strlen(unit),
	                         NULL, 0, score, strlen(score), &field);
}

/* 1 when the profile has an entity-level input of that name (a flag or a
 * qualifier's input). */
static int knows_input(const compliance_profile *p, const char *name)
{
	size_t k;

	for (k = 0; k < p->nflags; k++)
		if (!strcmp(p->flags[k].id, name))
			return 1;
	for (k = 0; k < p->nqualifiers; k++)
		if (p->qualifiers[k].input && !strcmp(p->qualifiers[k].input, name))
			return 1;
	return 0;
}

int compliance_assessment_crosswalk(compliance_assessment *from, compliance_assessment *to,
                                    const char *data, size_t size, const char *name,
                                    char **report)
{
	const compliance_profile *pf, *pt;
	cw c;
	json_t *doc = NULL, *nomap = NULL, *absent = NULL, *dropped = NULL, *rows = NULL,
	       *unanswered = NULL;
	size_t i, j, k, carried = 0, scores = 0, products = 0, inputs = 0;
	unsigned char *seen_absent = NULL, *reached = NULL;
	int rc;

	if (report)
		*report = NULL;
	if (!from || !to)
		return COMPLIANCE_E_INVALID;
	if (!data || !report)
		return cp_error_set(&from->err, COMPLIANCE_E_INVALID,
		                    "crosswalk: %s is NULL", !data ? "the crosswalk" : "the report pointer");
	cp_error_clear(&from->err);
	pf = from->profile;
	pt = to->profile;
	if (!name)
		name = "<crosswalk>";
	if ((rc = parse(from, to, data, size, name, &c)))
		return rc;
	/* one journal over every addition: a failure leaves `to` as it was */
	to->journaling = 1;
	to->computed_mark = to->computed;
	to->batch++;
	to->nundo = 0;
	seen_absent = cp_calloc(&from->alloc, pf->nnodes ? pf->nnodes : 1, 1);
	reached = cp_calloc(&from->alloc, pt->nnodes ? pt->nnodes : 1, 1);
	nomap = json_array();
	absent = json_array();
	dropped = json_array();
	rows = json_array();
	unanswered = json_array();
	if (!seen_absent || !reached || !nomap || !absent || !dropped || !rows || !unanswered) {
		rc = cp_error_set(&from->err, COMPLIANCE_E_NOMEM, "crosswalk: out of memory");
		goto out;
	}
	for (i = 0; i < from->nentities; i++) {
		const cp_entity *e = &from->entities[i];
		const char *type = cp_entity_type_names[e->type];
		for (j = 0; j < e->nunits; j++) {
			const cp_unit *u = &e->units[j];
			if (!u->nvalues && !u->products) { /* a unit score given whole */
				char s[CNUM_TEXT_MAX];
				cnum_format_exact(s, u->exact);
				if ((rc = add_score(to, e->name, type, u->name, s)))
					goto to_fail;
				scores++;
				continue;
			}
			if (!u->nvalues) {
				products += u->nproducts;
				continue;
			}
			for (k = 0; k < u->nvalues; k++) {
				const size_t node = cp_value_node(&u->values[k]);
				const cnum value = cp_unit_answer(u, k);
				size_t r = c.by_node[node];
				char val[CNUM_TEXT_MAX];
				const char *why = NULL;
				if (!r) {
					if (!seen_absent[node]) {
						seen_absent[node] = 1;
						json_array_append_new(absent, json_string(
							pf->nodes[node].text[COMPLIANCE_NODE_ID]));
					}
					continue;
				}
				if (c.rows[r - 1].to == CP_NONE)
					continue;
				if (c.rows[r - 1].values) {
					if (!map_value(c.rows[r - 1].values, value, val, sizeof val)) {
						char given[CNUM_TEXT_MAX];
						cnum_format_exact(given, value);
						rc = cp_error_set(&from->err, COMPLIANCE_E_RANGE,
						                  "%s:%zu: entity '%.100s', unit '%.100s', node '%s': "
						                  "the answer %s is not in the values column",
						                  name, c.rows[r - 1].line, e->name, u->name,
						                  pf->nodes[node].text[COMPLIANCE_NODE_ID], given);
						goto out;
					}
				} else if ((rc = convert(pf, node, pt, c.rows[r - 1].to, value, val,
				                         sizeof val, &why))) {
					char given[CNUM_TEXT_MAX];
					cnum_format_exact(given, value);
					cp_error_set(&from->err, rc,
					             "%s:%zu: entity '%.100s', unit '%.100s', node '%s' = %s "
					             "onto '%s': %s",
					             name, c.rows[r - 1].line, e->name, u->name,
					             pf->nodes[node].text[COMPLIANCE_NODE_ID], given,
					             pt->nodes[c.rows[r - 1].to].text[COMPLIANCE_NODE_ID], why);
					goto out;
				}
				if ((rc = add_value(to, e->name, type, u->name,
				                    pt->nodes[c.rows[r - 1].to].text[COMPLIANCE_NODE_ID], val)))
					goto to_fail;
				reached[c.rows[r - 1].to] = 1;
				c.rows[r - 1].used++;
				carried++;
			}
		}
		for (j = 0; j < e->ninputs; j++) {
			if (!knows_input(pt, e->inputs[j].name)) {
				json_array_append_new(dropped, json_pack("{s:s, s:s}", "entity", e->name,
				                                         "input", e->inputs[j].name));
				continue;
			}
			if ((rc = add_value(to, e->name, type, COMPLIANCE_UNIT_ENTITY, e->inputs[j].name,
			                    e->inputs[j].value ? "1" : "0")))
				goto to_fail;
			inputs++;
		}
	}
	for (i = 0; i < c.n; i++) {
		const cw_row *r = &c.rows[i];
		if (r->to == CP_NONE)
			json_array_append_new(nomap,
			                      json_string(pf->nodes[r->from].text[COMPLIANCE_NODE_ID]));
		json_array_append_new(rows, json_pack("{s:s, s:s?, s:I, s:I}", "from",
		                                      pf->nodes[r->from].text[COMPLIANCE_NODE_ID], "to",
		                                      r->to == CP_NONE
		                                              ? NULL
		                                              : pt->nodes[r->to].text[COMPLIANCE_NODE_ID],
		                                      "line", (json_int_t)r->line, "answers",
		                                      (json_int_t)r->used));
	}
	for (i = 0; i < pt->nnodes; i++)
		if (pt->nodes[i].first_child == CP_NONE && !reached[i])
			json_array_append_new(unanswered, json_string(pt->nodes[i].text[COMPLIANCE_NODE_ID]));
	doc = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o}", "from",
	                pf->id, "to", pt->id, "crosswalk", name, "answers_carried",
	                (json_int_t)carried, "unit_scores_carried", (json_int_t)scores,
	                "product_scores_dropped", (json_int_t)products, "inputs_carried",
	                (json_int_t)inputs, "no_equivalent", nomap, "not_in_crosswalk", absent,
	                "inputs_dropped", dropped, "to_leaves_without_answers", unanswered, "rows",
	                rows);
	nomap = absent = dropped = rows = unanswered = NULL;
	*report = cp_json_text(doc, 0);
	json_decref(doc);
	rc = *report ? COMPLIANCE_OK
	             : cp_error_set(&from->err, COMPLIANCE_E_NOMEM, "crosswalk: out of memory");
	if (rc)
		cp_assessment_rollback(to);
	to->journaling = 0;
	to->nundo = 0;
	goto done;
to_fail: {
	char why[CP_ERRMSG_MAX];
	snprintf(why, sizeof why, "%s", to->err.msg);
	cp_error_set(&from->err, rc, "crosswalk: under %s: %s", pt->id, why);
}
out:
	cp_assessment_rollback(to);
	to->journaling = 0;
	to->nundo = 0;
done:
	json_decref(nomap);
	json_decref(absent);
	json_decref(dropped);
	json_decref(rows);
	json_decref(unanswered);
	cp_free(&from->alloc, seen_absent);
	cp_free(&from->alloc, reached);
	cw_free(&c, &from->alloc);
	return rc;
}
