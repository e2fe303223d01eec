/*
 * Summaries of a computed assessment: how many entities in each category
 * and zone, overall, by entity type and by a group the user names (e.g.
 * the province, from a CSV entity,group); and every unit's score. One JSON
 * document each, rendered as a table or CSV from that same document.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/report.h"
#include "io/csv.h"
#include "score/assessment_internal.h"
#include "report/compare.h"
#include "report/doc.h"
#include "util/strbuf.h"

static const char *band_name(const cp_band *b)
{
	return b->text[COMPLIANCE_BAND_CATEGORY][0] ? b->text[COMPLIANCE_BAND_CATEGORY]
	                                            : b->text[COMPLIANCE_BAND_ZONE];
}

typedef struct groups {
	char **name, **group; /* normalised name -> the group as written */
	size_t n, cap;
	size_t bad_line;     /* a malformed line, and what it lacks */
	const char *bad_why;
} groups;

static void groups_free(groups *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->name[i]);
		free(g->group[i]);
	}
	free(g->name);
	free(g->group);
}

static int groups_read(void *obj, cp_csv *c, const char *name)
{
	groups *g = obj;
	const char *why = NULL;
	int rc, header = 1;

	(void)name;
	while ((rc = cp_csv_next(c, &why)) == 1) {
		if (c->nfields != 2 || (header && (strcmp(cp_csv_field(c, 0), "entity") ||
		                                   strcmp(cp_csv_field(c, 1), "group")))) {
			g->bad_line = c->line;
			g->bad_why = header ? "the header entity,group" : "two fields";
			return COMPLIANCE_E_PARSE;
		}
		if (header) {
			header = 0;
			continue;
		}
		if (g->n == g->cap) {
			size_t cap = g->cap ? g->cap * 2 : 64;
			char **x = realloc(g->name, cap * sizeof *x), **y;
			if (!x)
				return COMPLIANCE_E_NOMEM;
			g->name = x;
			y = realloc(g->group, cap * sizeof *y);
			if (!y)
				return COMPLIANCE_E_NOMEM;
			g->group = y;
			g->cap = cap;
		}
		g->name[g->n] = cp_name_key(cp_csv_field(c, 0), cp_csv_len(c, 0));
		g->group[g->n] = malloc(cp_csv_len(c, 1) + 1);
		if (!g->name[g->n] || !g->group[g->n]) {
			free(g->name[g->n]);
			free(g->group[g->n]);
			return COMPLIANCE_E_NOMEM;
		}
		memcpy(g->group[g->n], cp_csv_field(c, 1), cp_csv_len(c, 1) + 1);
		g->n++;
	}
	return rc < 0 ? rc : (header ? COMPLIANCE_E_PARSE : 0);
}

/* An empty count row: total, every band, every zone. */
static json_t *count_row(const compliance_profile *p)
{
	json_t *r = json_pack("{s:i, s:{}, s:{}}", "total", 0, "categories", "zones"), *c, *z;
	size_t i;

	if (!r)
		return NULL;
	c = json_object_get(r, "categories");
	z = json_object_get(r, "zones");
	for (i = 0; i < p->nbands; i++) {
		json_object_set_new(c, band_name(&p->bands[i]), json_integer(0));
		json_object_set_new(z, p->bands[i].text[COMPLIANCE_BAND_ZONE], json_integer(0));
	}
	return r;
}

static void bump(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	json_integer_set(v, json_integer_value(v) + 1);
}

static void count(json_t *row, const compliance_profile *p, size_t band)
{
	bump(row, "total");
	bump(json_object_get(row, "categories"), band_name(&p->bands[band]));
	bump(json_object_get(row, "zones"), p->bands[band].text[COMPLIANCE_BAND_ZONE]);
}

/* The group of entity ei: from the map g (NULL when in no group), or from
 * kept column `keep` ("" when the entity has no value). */
static int entity_group(const compliance_assessment *a, const groups *g, size_t keep, size_t ei,
                        const char **out)
{
	const cp_entity *e = &a->entities[ei];
	size_t k;

	*out = NULL;
	if (keep != CP_NONE) {
		*out = cp_attr_value(a, keep, ei);
		return 0;
	}
	{
		char *n = cp_name_key(e->name, strlen(e->name));
		if (!n)
			return -1;
		for (k = 0; k < g->n; k++)
			if (!strcmp(g->name[k], n))
				*out = g->group[k];
		free(n);
	}
	return 0;
}

/* g: a group map, or keep: a kept column (CP_NONE: neither). */
static json_t *summary_doc(const compliance_assessment *a, const groups *g, size_t keep)
{
	const compliance_profile *p = a->profile;
	int grouped = g || keep != CP_NONE;
	json_t *doc = json_object(), *all = count_row(p), *types = json_object(),
	       *by_group = grouped ? json_object() : NULL, *ungrouped = grouped ? json_array() : NULL;
	size_t i;

	if (!doc || !all || !types || (grouped && (!by_group || !ungrouped)))
		goto fail;
	for (i = 0; i < a->nresults; i++) {
		const cp_result *r = &a->results[i];
		const cp_entity *e = &a->entities[r->entity];
		const char *t = cp_entity_type_names[e->type];
		json_t *row;
		count(all, p, r->band);
		if (!(row = json_object_get(types, t))) {
			if (!(row = count_row(p)) || json_object_set_new(types, t, row))
				goto fail;
		}
		count(row, p, r->band);
		if (grouped) {
			const char *grp;
			if (entity_group(a, g, keep, r->entity, &grp))
				goto fail;
			if (!grp || !grp[0])
				json_array_append_new(ungrouped, json_string(e->name));
			if (!grp)
				continue; /* not in the map: listed only */
			if (!(row = json_object_get(by_group, grp))) {
				if (!(row = count_row(p)) || json_object_set_new(by_group, grp, row))
					goto fail;
			}
			count(row, p, r->band);
		}
	}
	json_object_set_new(doc, "profile", json_string(p->id));
	if (keep != CP_NONE)
		json_object_set_new(doc, "group_column", json_string(a->keep[keep].name));
	json_object_set_new(doc, "all", all);
	json_object_set_new(doc, "by_entity_type", types);
	if (grouped) {
		json_object_set_new(doc, "by_group", by_group);
		json_object_set_new(doc, "ungrouped", ungrouped);
	}
	return doc;
fail:
	json_decref(doc);
	json_decref(all);
	json_decref(types);
	json_decref(by_group);
	json_decref(ungrouped);
	return NULL;
}

/* The column names: every category, then every zone once. */
static size_t columns(const compliance_profile *p, const char **cols, size_t max)
{
	size_t n = 0, i, j;

	if (p->has_categories)
		for (i = 0; i < p->nbands && n < max; i++)
			cols[n++] = band_name(&p->bands[i]);
	for (i = 0; i < p->nbands && n < max; i++) {
		const char *z = p->bands[i].text[COMPLIANCE_BAND_ZONE];
		int seen = 0;
		for (j = 0; j < n; j++)
			seen |= !strcmp(cols[j], z);
		if (!seen)
			cols[n++] = z;
	}
	return n;
}

static long long cell(json_t *row, const compliance_profile *p, const char *col)
{
	json_t *v = p->has_categories ? json_object_get(json_object_get(row, "categories"), col)
	                              : NULL;

	if (!v)
		v = json_object_get(json_object_get(row, "zones"), col);
	return (long long)json_integer_value(v);
}

static void summary_line(cp_strbuf *b, int csv, const char *by, const char *name, json_t *row,
                         const compliance_profile *p, const char **cols, size_t ncols)
{
	size_t i;

	if (csv) {
		cp_sb_puts(b, by);
		cp_sb_puts(b, ",");
		cp_sb_csv_text(b, name);
		cp_sb_printf(b, ",%lld", (long long)json_integer_value(json_object_get(row, "total")));
		for (i = 0; i < ncols; i++)
			cp_sb_printf(b, ",%lld", cell(row, p, cols[i]));
	} else {
		size_t w = cp_sb_escaped(b, name);
		cp_sb_spaces(b, w < 24 ? 24 - w : 1);
		cp_sb_printf(b, "%6lld", (long long)json_integer_value(json_object_get(row, "total")));
		for (i = 0; i < ncols; i++)
			cp_sb_printf(b, " %*lld", (int)(strlen(cols[i]) < 6 ? 6 : strlen(cols[i])),
			             cell(row, p, cols[i]));
	}
	cp_sb_puts(b, "\n");
}

static void render_summary(cp_strbuf *b, json_t *doc, const compliance_profile *p, int csv)
{
	const char *cols[64], *k;
	size_t n = columns(p, cols, 64), i;
	json_t *row;

	if (csv) {
		cp_sb_puts(b, "by,group,total");
		for (i = 0; i < n; i++) {
			cp_sb_puts(b, ",");
			cp_sb_csv_text(b, cols[i]);
		}
		cp_sb_puts(b, "\n");
	} else {
		cp_sb_puts(b, "                         total");
		for (i = 0; i < n; i++) {
			cp_sb_spaces(b, strlen(cols[i]) < 6 ? 7 - strlen(cols[i]) : 1);
			cp_sb_escaped(b, cols[i]);
		}
		cp_sb_puts(b, "\n");
	}
	summary_line(b, csv, "all", "all", json_object_get(doc, "all"), p, cols, n);
	json_object_foreach(json_object_get(doc, "by_entity_type"), k, row)
		summary_line(b, csv, "entity_type", k, row, p, cols, n);
	json_object_foreach(json_object_get(doc, "by_group"), k, row)
		summary_line(b, csv, "group", !csv && !k[0] ? "(no group)" : k, row, p, cols, n);
	if (!csv && json_array_size(json_object_get(doc, "ungrouped"))) {
		json_t *e;
		cp_sb_puts(b, json_object_get(doc, "group_column") ? "no group (empty column):"
		                                                   : "not in any group:");
		json_array_foreach(json_object_get(doc, "ungrouped"), i, e) {
			cp_sb_puts(b, i ? ", " : " ");
			cp_sb_escaped(b, json_string_value(e));
		}
		cp_sb_puts(b, "\n");
	}
}

/* The shared checks; 0 or the error (set on a). */
static int check(compliance_assessment *a, int format, char **out, const char *what)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!out)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "%s: the output pointer is NULL",
		                    what);
	*out = NULL;
	if (format != COMPLIANCE_FORMAT_TABLE && format != COMPLIANCE_FORMAT_CSV &&
	    format != COMPLIANCE_FORMAT_JSON)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "%s: unknown format %d", what,
		                    format);
	if (!a->computed)
		return cp_error_set(&a->err, COMPLIANCE_E_STATE,
		                    "%s: the assessment has no results: compute it first", what);
	return 0;
}

static int write_summary_doc(compliance_assessment *a, json_t *doc, int format, char **out);

int compliance_assessment_write_summary(compliance_assessment *a, const char *group_map,
                                        size_t group_map_size, int format, char **out)
{
	groups g = { NULL, NULL, 0, 0, 0, NULL };
	json_t *doc;
	int rc;

	if ((rc = check(a, format, out, "summary")))
		return rc;
	if (group_map) {
		cp_error e;
		memset(&e, 0, sizeof e);
		rc = cp_csv_read_buffer(&a->alloc, &e, group_map, group_map_size, "group map",
		                        groups_read, &g);
		if (rc) {
			size_t line = g.bad_line;
			const char *why = g.bad_why;
			groups_free(&g);
			if (rc == COMPLIANCE_E_NOMEM)
				return cp_error_set(&a->err, rc, "summary: out of memory");
			if (why)
				return cp_error_set(&a->err, rc,
				                    "summary: group map, line %zu: expected %s (CSV with the "
				                    "header entity,group and two fields a line)", line, why);
			return cp_error_set(&a->err, rc,
			                    "summary: group map: %s%sexpected CSV with the header "
			                    "entity,group and two fields a line",
			                    e.code ? e.msg : "", e.code ? ": " : "");
		}
	}
	doc = summary_doc(a, group_map ? &g : NULL, CP_NONE);
	groups_free(&g);
	return write_summary_doc(a, doc, format, out);
}

int compliance_assessment_write_summary_by(compliance_assessment *a, const char *column,
                                           int format, char **out)
{
	size_t k = CP_NONE;
	int rc;

	if ((rc = check(a, format, out, "summary")))
		return rc;
	if (column && (k = cp_attr_find(a, column, strlen(column))) == CP_NONE)
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "summary: column '%.100s' is not kept: keep it before reading "
		                    "(compliance_assessment_keep_column())", column);
	return write_summary_doc(a, summary_doc(a, NULL, k), format, out);
}

/* Writes the summary document (NULL: out of memory) and releases it. */
static int write_summary_doc(compliance_assessment *a, json_t *doc, int format, char **out)
{
	if (!doc)
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "summary: out of memory");
	if (format == COMPLIANCE_FORMAT_JSON) {
		*out = cp_json_text(doc, 1);
	} else {
		cp_strbuf b;
		cp_alloc al;
		cp_alloc_default(&al);
		cp_sb_init(&b, &al);
		render_summary(&b, doc, a->profile, format == COMPLIANCE_FORMAT_CSV);
		*out = cp_sb_take(&b);
	}
	json_decref(doc);
	return *out ? COMPLIANCE_OK
	            : cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "summary: out of memory");
}

int compliance_assessment_write_units(compliance_assessment *a, int format, char **out)
{
	const compliance_profile *p;
	cp_strbuf b;
	cp_alloc al;
	json_t *doc = NULL;
	size_t i, j;
	int rc;

	if ((rc = check(a, format, out, "units")))
		return rc;
	p = a->profile;
	cp_alloc_default(&al);
	cp_sb_init(&b, &al);
	if (format == COMPLIANCE_FORMAT_JSON && !(doc = json_array()))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "units: out of memory");
	if (format == COMPLIANCE_FORMAT_CSV)
		cp_sb_puts(&b, "entity,entity_type,unit,score,exact,entity_score,entity_rank\n");
	else if (format == COMPLIANCE_FORMAT_TABLE)
		cp_sb_puts(&b, "entity | entity_type | unit | score | exact\n");
	for (i = 0; i < a->nresults; i++) {
		const cp_result *r = &a->results[i];
		const cp_entity *e = &a->entities[r->entity];
		const char *t = cp_entity_type_names[e->type];
		for (j = 0; j < e->nunits; j++) {
			const cp_unit *u = &e->units[j];
			char score[CNUM_TEXT_MAX], exact[CNUM_TEXT_MAX];
			cnum_format_scaled(score, u->rounded, p->decimals);
			cnum_format_exact(exact, u->exact);
			if (doc) {
				json_array_append_new(doc, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}",
				                                     "entity", e->name, "entity_type", t,
				                                     "unit", u->name, "score", score, "exact",
				                                     exact, "entity_score", cp_result_score_text(a, r),
				                                     "entity_rank", (json_int_t)r->rank));
			} else if (format == COMPLIANCE_FORMAT_CSV) {
				cp_sb_csv_text(&b, e->name);
				cp_sb_printf(&b, ",%s,", t);
				cp_sb_csv_text(&b, u->name);
				cp_sb_printf(&b, ",%s,%s,%s,%zu\n", score, exact, cp_result_score_text(a, r),
				             (size_t)r->rank);
			} else {
				cp_sb_escaped(&b, e->name);
				cp_sb_printf(&b, " | %s | ", t);
				cp_sb_escaped(&b, u->name);
				cp_sb_printf(&b, " | %s | %s\n", score, exact);
			}
		}
	}
	if (doc) {
		cp_sb_free(&b);
		*out = cp_json_text(doc, 1);
		json_decref(doc);
	} else {
		*out = cp_sb_take(&b);
	}
	return *out ? COMPLIANCE_OK
	            : cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "units: out of memory");
}
