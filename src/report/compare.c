/*
 * Comparison of two computed assessments (two years, or two editions):
 * entities joined on their normalised names (trimmed, inner white space
 * collapsed, ASCII case folded) or on an id from a map, each entity's (and
 * each unit's) change of score, its category move, drops flagged, the
 * biggest movers, the category transition matrix, the entities of one
 * year only, and whether the editions' methods can be compared, read from
 * the profiles' data (scale, rounding, roll-up, bands, the top of the
 * indicator tree), not from a list of years. One JSON document, rendered
 * as a table or CSV from that same document.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/report.h"
#include "io/csv.h"
#include "report/compare.h"
#include "report/doc.h"
#include "score/assessment_internal.h"
#include "util/strbuf.h"

#define MOVERS 5

char *cp_name_key(const char *s, size_t len)
{
	char *o = malloc(len + 1);

	if (o)
		cp_text_key(o, s, len, 1);
	return o;
}

typedef struct idmap {
	char **name, **id;
	size_t n, cap;
	size_t bad_line;     /* a malformed line, and what it lacks */
	const char *bad_why;
} idmap;

static void idmap_free(idmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->name[i]);
		free(m->id[i]);
	}
	free(m->name);
	free(m->id);
}

static int idmap_read(void *obj, cp_csv *c, const char *name)
{
	idmap *m = obj;
	const char *why = NULL;
	int rc, header = 1;

	while ((rc = cp_csv_next(c, &why)) == 1) {
		if (c->nfields != 2 || (header && (strcmp(cp_csv_field(c, 0), "entity") ||
		                                   strcmp(cp_csv_field(c, 1), "id")))) {
			m->bad_line = c->line;
			m->bad_why = header ? "the header entity,id" : "two fields";
			return COMPLIANCE_E_PARSE;
		}
		if (header) {
			header = 0;
			continue;
		}
		if (m->n == m->cap) {
			size_t cap = m->cap ? m->cap * 2 : 64;
			char **a = realloc(m->name, cap * sizeof *a), **b;
			if (!a)
				return COMPLIANCE_E_NOMEM;
			m->name = a;
			b = realloc(m->id, cap * sizeof *b);
			if (!b)
				return COMPLIANCE_E_NOMEM;
			m->id = b;
			m->cap = cap;
		}
		m->name[m->n] = cp_name_key(cp_csv_field(c, 0), cp_csv_len(c, 0));
		m->id[m->n] = cp_name_key(cp_csv_field(c, 1), cp_csv_len(c, 1));
		if (!m->name[m->n] || !m->id[m->n]) {
			free(m->name[m->n]);
			free(m->id[m->n]);
			return COMPLIANCE_E_NOMEM;
		}
		m->n++;
	}
	(void)name;
	return rc < 0 ? rc : (header ? COMPLIANCE_E_PARSE : 0);
}

/* The join key of an entity: its id from the map, else its normalised
 * name ("id:" or "name:" first, so the two never meet by accident). */
static char *join_key(const idmap *m, const char *name)
{
	char *n = cp_name_key(name, strlen(name)), *k;
	const char *id = NULL;
	size_t i;

	if (!n)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (!strcmp(m->name[i], n))
			id = m->id[i];
	k = malloc(strlen(id ? id : n) + 6);
	if (k)
		sprintf(k, "%s%s", id ? "id:" : "name:", id ? id : n);
	free(n);
	return k;
}

static const char *band_name(const cp_band *b)
{
	return b->text[COMPLIANCE_BAND_CATEGORY][0] ? b->text[COMPLIANCE_BAND_CATEGORY]
	                                            : b->text[COMPLIANCE_BAND_ZONE];
}

static int zone_rank(const char *z)
{
	return !strcmp(z, "hijau") ? 0 : !strcmp(z, "kuning") ? 1 : !strcmp(z, "merah") ? 2 : 3;
}

/* The method differences of two profiles, from their data; an empty
 * array when they score alike. *unknown when one publishes no tree. */
static json_t *method_differences(const compliance_profile *a, const compliance_profile *b,
                                  int *unknown)
{
	json_t *d = json_array();
	size_t i, j;

	*unknown = 0;
	if (!d)
		return NULL;
	if (cnum_cmp(a->scale_min, b->scale_min) || cnum_cmp(a->scale_max, b->scale_max))
		json_array_append_new(d, json_sprintf("the scales differ: %s to %s against %s to %s",
		                                      a->scale_min_text, a->scale_max_text,
		                                      b->scale_min_text, b->scale_max_text));
	if (a->decimals != b->decimals || a->round_unit != b->round_unit ||
	    a->round_entity != b->round_entity)
		json_array_append_new(d, json_string("the rounding differs"));
	if (a->rollup_default != b->rollup_default)
		json_array_append_new(d, json_sprintf("the roll-up differs: the mean over %s against "
		                                      "the mean over %s",
		                                      a->rollup_default == COMPLIANCE_ROLLUP_PRODUCTS
		                                              ? "products" : "units",
		                                      b->rollup_default == COMPLIANCE_ROLLUP_PRODUCTS
		                                              ? "products" : "units"));
	{
		int same = a->nbands == b->nbands;
		for (i = 0; same && i < a->nbands; i++)
			same = !cnum_cmp(a->bands[i].lower, b->bands[i].lower) &&
			       !strcmp(band_name(&a->bands[i]), band_name(&b->bands[i]));
		if (!same)
			json_array_append_new(d, json_string("the bands differ"));
	}
	if (!a->nnodes || !b->nnodes) {
		*unknown = 1;
	} else {
		/* the top of the tree: the dimensions and their weights */
		int same = 1;
		size_t na = 0, nb = 0;
		for (i = a->first_top; i != CP_NONE; i = a->nodes[i].next_sibling)
			na++;
		for (j = b->first_top; j != CP_NONE; j = b->nodes[j].next_sibling)
			nb++;
		same = na == nb;
		for (i = a->first_top, j = b->first_top; same && i != CP_NONE && j != CP_NONE;
		     i = a->nodes[i].next_sibling, j = b->nodes[j].next_sibling)
			same = !strcmp(a->nodes[i].text[COMPLIANCE_NODE_ID],
			               b->nodes[j].text[COMPLIANCE_NODE_ID]) &&
			       a->nodes[i].weight_known == b->nodes[j].weight_known &&
			       (!a->nodes[i].weight_known ||
			        !cnum_cmp(a->nodes[i].weight, b->nodes[j].weight));
		if (!same) {
			cp_strbuf s;
			cp_alloc al;
			char *t;
			cp_alloc_default(&al);
			cp_sb_init(&s, &al);
			cp_sb_puts(&s, "the dimensions differ: ");
			for (i = a->first_top; i != CP_NONE; i = a->nodes[i].next_sibling)
				cp_sb_printf(&s, "%s%s", i == a->first_top ? "" : ", ",
				             a->nodes[i].text[COMPLIANCE_NODE_ID]);
			cp_sb_puts(&s, " against ");
			for (j = b->first_top; j != CP_NONE; j = b->nodes[j].next_sibling)
				cp_sb_printf(&s, "%s%s", j == b->first_top ? "" : ", ",
				             b->nodes[j].text[COMPLIANCE_NODE_ID]);
			t = cp_sb_take(&s);
			if (t)
				json_array_append_new(d, json_string(t));
			free(t);
		}
	}
	return d;
}

typedef struct side {
	compliance_assessment *a;
	char **key; /* per entity */
	int *matched;
} side;

static void side_free(side *s)
{
	size_t i;

	if (s->key)
		for (i = 0; i < s->a->nentities; i++)
			free(s->key[i]);
	free(s->key);
	free(s->matched);
}

static int side_keys(side *s, const idmap *m)
{
	size_t i, n = s->a->nentities;

	s->key = calloc(n + 1, sizeof *s->key);
	s->matched = calloc(n + 1, sizeof *s->matched);
	if (!s->key || !s->matched)
		return COMPLIANCE_E_NOMEM;
	for (i = 0; i < n; i++)
		if (!(s->key[i] = join_key(m, s->a->entities[i].name)))
			return COMPLIANCE_E_NOMEM;
	return 0;
}

/* The keys of one side from kept column `column` (kept: the caller
 * checked): "id:" and the value normalised as names are. Every entity
 * needs a value, and no two the same; 0 or the error, set on err. */
static int side_keys_by(side *s, const char *column, const char *which, cp_error *err)
{
	const compliance_assessment *a = s->a;
	size_t i, j, n = a->nentities, k = cp_attr_find(a, column, strlen(column)); /* kept */
	const cp_keep *kp = &a->keep[k];

	s->key = calloc(n + 1, sizeof *s->key);
	s->matched = calloc(n + 1, sizeof *s->matched);
	if (!s->key || !s->matched)
		return cp_error_set(err, COMPLIANCE_E_NOMEM, "compare: out of memory");
	for (i = 0; i < n; i++) {
		const char *v = cp_attr_value(a, k, i);
		char *id;
		if (!v[0])
			return cp_error_set(err, COMPLIANCE_E_MISSING,
			                    "compare: entity '%.200s' of the %s assessment has no value in "
			                    "the id column '%.100s': give its id on one of its rows",
			                    a->entities[i].name, which, kp->name);
		if (!(id = cp_name_key(v, strlen(v))) || !(s->key[i] = malloc(strlen(id) + 4))) {
			free(id);
			return cp_error_set(err, COMPLIANCE_E_NOMEM, "compare: out of memory");
		}
		sprintf(s->key[i], "id:%s", id);
		free(id);
		for (j = 0; j < i; j++)
			if (!strcmp(s->key[j], s->key[i]))
				return cp_error_set(err, COMPLIANCE_E_DUPLICATE,
				                    "compare: entities '%.200s' and '%.200s' of the %s "
				                    "assessment have the same id '%.100s' (column '%.100s', "
				                    "at %s and %s): an id names one entity",
				                    a->entities[j].name, a->entities[i].name, which, v,
				                    kp->name, cp_attr_where(a, k, j), cp_attr_where(a, k, i));
	}
	return 0;
}

/* The change between two rounded scores, as text at the larger decimals. */
static json_t *change_text(const compliance_profile *pa, int64_t sa, const compliance_profile *pb,
                           int64_t sb, cnum *diff)
{
	cnum x, y;
	char buf[CNUM_TEXT_MAX + 1];
	int dec = pa->decimals > pb->decimals ? pa->decimals : pb->decimals;

	if (cnum_from_scaled(&x, sa, pa->decimals) || cnum_from_scaled(&y, sb, pb->decimals) ||
	    cnum_sub(diff, y, x))
		return NULL;
	cnum_format_round(buf + 1, *diff, dec);
	if (diff->n > 0) {
		buf[0] = '+';
		return json_string(buf);
	}
	return json_string(buf + 1);
}

typedef struct mover {
	cnum diff;
	size_t row;
} mover;

static int by_diff_desc(const void *x, const void *y)
{
	const mover *a = x, *b = y;
	int c = cnum_cmp(b->diff, a->diff);

	return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* The units of two joined entities. */
static json_t *unit_rows(const compliance_assessment *A, const cp_entity *ea,
                         const compliance_assessment *B, const cp_entity *eb)
{
	json_t *rows = json_array();
	char *ka, *kb, buf[CNUM_TEXT_MAX];
	size_t i, j;
	int *seen = calloc(eb->nunits + 1, sizeof *seen);

	if (!rows || !seen) {
		free(seen);
		json_decref(rows);
		return NULL;
	}
	for (i = 0; i < ea->nunits; i++) {
		const cp_unit *ua = &ea->units[i];
		json_t *r;
		ka = cp_name_key(ua->name, strlen(ua->name));
		for (j = 0; ka && j < eb->nunits; j++) {
			kb = cp_name_key(eb->units[j].name, strlen(eb->units[j].name));
			if (kb && !strcmp(ka, kb)) {
				free(kb);
				break;
			}
			free(kb);
		}
		free(ka);
		cnum_format_scaled(buf, ua->rounded, A->profile->decimals);
		r = json_pack("{s:s, s:s}", "unit", ua->name, "score_before", buf);
		if (j < eb->nunits) {
			cnum d;
			seen[j] = 1;
			cnum_format_scaled(buf, eb->units[j].rounded, B->profile->decimals);
			json_object_set_new(r, "score_after", json_string(buf));
			json_object_set_new(r, "change", change_text(A->profile, ua->rounded, B->profile,
			                                             eb->units[j].rounded, &d));
		} else {
			json_object_set_new(r, "score_after", json_null());
			json_object_set_new(r, "change", json_null());
		}
		json_array_append_new(rows, r);
	}
	for (j = 0; j < eb->nunits; j++)
		if (!seen[j]) {
			cnum_format_scaled(buf, eb->units[j].rounded, B->profile->decimals);
			json_array_append_new(rows, json_pack("{s:s, s:n, s:s, s:n}", "unit",
			                                      eb->units[j].name, "score_before",
			                                      "score_after", buf, "change"));
		}
	free(seen);
	return rows;
}

static json_t *compare_doc(compliance_assessment *A, compliance_assessment *B, const idmap *m,
                           const char *column, int *rc)
{
	const compliance_profile *pa = A->profile, *pb = B->profile;
	side sa = { A, NULL, NULL }, sb = { B, NULL, NULL };
	json_t *doc = NULL, *rows, *onlya, *onlyb, *diffs, *matrix, *up, *down;
	mover *mv = NULL;
	size_t i, j, nrows = 0, k;
	int unknown, by_category;

	*rc = COMPLIANCE_E_NOMEM;
	if (column) {
		/* the column kept on both sides, before any value is checked */
		const char *which = cp_attr_find(A, column, strlen(column)) == CP_NONE   ? "first"
		                    : cp_attr_find(B, column, strlen(column)) == CP_NONE ? "second"
		                                                                         : NULL;
		if (which) {
			*rc = cp_error_set(&B->err, COMPLIANCE_E_NOTFOUND,
			                   "compare: column '%.100s' is not kept in the %s assessment: "
			                   "keep it before reading (compliance_assessment_keep_column())",
			                   column, which);
			goto out;
		}
		if ((*rc = side_keys_by(&sa, column, "first", &B->err)) ||
		    (*rc = side_keys_by(&sb, column, "second", &B->err)))
			goto out;
		*rc = COMPLIANCE_E_NOMEM;
	} else if (side_keys(&sa, m) || side_keys(&sb, m)) {
		goto out;
	}
	diffs = method_differences(pa, pb, &unknown);
	rows = json_array();
	onlya = json_array();
	onlyb = json_array();
	matrix = json_object();
	up = json_array();
	down = json_array();
	mv = calloc(A->nentities + 1, sizeof *mv);
	doc = json_object();
	if (!diffs || !rows || !onlya || !onlyb || !matrix || !up || !down || !mv || !doc) {
		json_decref(diffs);
		json_decref(rows);
		json_decref(onlya);
		json_decref(onlyb);
		json_decref(matrix);
		json_decref(up);
		json_decref(down);
		json_decref(doc);
		doc = NULL;
		goto out;
	}
	/* category moves by category when the band tables name the same
	 * bands in the same order, else by zone */
	by_category = pa->nbands == pb->nbands;
	for (i = 0; by_category && i < pa->nbands; i++)
		by_category = !strcmp(band_name(&pa->bands[i]), band_name(&pb->bands[i]));
	for (i = 0; i < pa->nbands; i++) {
		json_t *row = json_object();
		for (j = 0; j < pb->nbands; j++)
			json_object_set_new(row, band_name(&pb->bands[j]), json_integer(0));
		json_object_set_new(matrix, band_name(&pa->bands[i]), row);
	}
	json_object_set_new(doc, "before", json_pack("{s:s, s:i, s:I}", "profile", pa->id, "year",
	                                             pa->year, "entities",
	                                             (json_int_t)A->nentities));
	json_object_set_new(doc, "after", json_pack("{s:s, s:i, s:I}", "profile", pb->id, "year",
	                                            pb->year, "entities",
	                                            (json_int_t)B->nentities));
	json_object_set_new(doc, "comparable",
	                    json_array_size(diffs) ? json_false()
	                                           : unknown ? json_null() : json_true());
	json_object_set_new(doc, "method_differences", diffs);
	json_object_set_new(doc, "move_by", json_string(by_category ? "category" : "zone"));
	/* every entity of A, in A's rank order, joined to B */
	for (k = 0; k < A->nresults; k++) {
		const cp_result *ra = &A->results[k], *rb = NULL;
		const cp_entity *ea = &A->entities[ra->entity], *eb = NULL;
		json_t *r, *cell;
		cnum d;
		char buf[CNUM_TEXT_MAX];
		const char *move;
		int drop;

		for (j = 0; j < B->nentities; j++)
			if (!strcmp(sa.key[ra->entity], sb.key[j])) {
				if (sb.matched[j]) { /* two entities of one year share a key */
					*rc = COMPLIANCE_E_DUPLICATE;
					cp_error_set(&B->err, *rc,
					             "compare: entities '%.200s' and another of the first "
					             "assessment share the key '%.200s'", ea->name, sa.key[ra->entity]);
					/* not yet in the document */
					json_decref(rows);
					json_decref(onlya);
					json_decref(onlyb);
					json_decref(matrix);
					json_decref(up);
					json_decref(down);
					json_decref(doc);
					doc = NULL;
					goto out;
				}
				sb.matched[j] = 1;
				eb = &B->entities[j];
				rb = &B->results[eb->result];
				break;
			}
		if (!eb) {
			cnum_format_scaled(buf, ra->score, pa->decimals);
			json_array_append_new(onlya, json_pack("{s:s, s:s, s:s}", "entity", ea->name,
			                                       "score", buf, "category",
			                                       band_name(&pa->bands[ra->band])));
			continue;
		}
		r = json_object();
		json_object_set_new(r, "entity", json_string(eb->name));
		if (strcmp(ea->name, eb->name))
			json_object_set_new(r, "entity_before", json_string(ea->name));
		json_object_set_new(r, "entity_type", json_string(cp_entity_type_names[eb->type]));
		cnum_format_scaled(buf, ra->score, pa->decimals);
		json_object_set_new(r, "score_before", json_string(buf));
		cnum_format_scaled(buf, rb->score, pb->decimals);
		json_object_set_new(r, "score_after", json_string(buf));
		json_object_set_new(r, "change", change_text(pa, ra->score, pb, rb->score, &d));
		json_object_set_new(r, "category_before", json_string(band_name(&pa->bands[ra->band])));
		json_object_set_new(r, "category_after", json_string(band_name(&pb->bands[rb->band])));
		{
			int x = by_category ? (int)ra->band
			                    : zone_rank(pa->bands[ra->band].text[COMPLIANCE_BAND_ZONE]);
			int y = by_category ? (int)rb->band
			                    : zone_rank(pb->bands[rb->band].text[COMPLIANCE_BAND_ZONE]);
			move = y < x ? "up" : y > x ? "down" : "same";
			drop = y > x;
		}
		json_object_set_new(r, "move", json_string(move));
		json_object_set_new(r, "dropped", json_boolean(drop));
		json_object_set_new(r, "rank_before", json_integer((json_int_t)ra->rank));
		json_object_set_new(r, "rank_after", json_integer((json_int_t)rb->rank));
		if (ea->nunits > 1 || eb->nunits > 1 || (ea->nunits && ea->units[0].name[0]))
			json_object_set_new(r, "units", unit_rows(A, ea, B, eb));
		cell = json_object_get(json_object_get(matrix, band_name(&pa->bands[ra->band])),
		                       band_name(&pb->bands[rb->band]));
		json_integer_set(cell, json_integer_value(cell) + 1);
		mv[nrows].diff = d;
		mv[nrows].row = nrows;
		json_array_append_new(rows, r);
		nrows++;
	}
	for (j = 0; j < B->nresults; j++) {
		const cp_result *rb = &B->results[j];
		char buf[CNUM_TEXT_MAX];
		if (sb.matched[rb->entity])
			continue;
		cnum_format_scaled(buf, rb->score, pb->decimals);
		json_array_append_new(onlyb, json_pack("{s:s, s:s, s:s}", "entity",
		                                       B->entities[rb->entity].name, "score", buf,
		                                       "category", band_name(&pb->bands[rb->band])));
	}
	/* the biggest movers: the largest rises and falls, ties by rank */
	qsort(mv, nrows, sizeof *mv, by_diff_desc);
	for (i = 0; i < nrows && i < MOVERS && mv[i].diff.n > 0; i++) {
		json_t *r = json_array_get(rows, mv[i].row);
		json_array_append_new(up, json_pack("{s:O, s:O}", "entity", json_object_get(r, "entity"),
		                                    "change", json_object_get(r, "change")));
	}
	for (i = 0; i < nrows && i < MOVERS && mv[nrows - 1 - i].diff.n < 0; i++) {
		json_t *r = json_array_get(rows, mv[nrows - 1 - i].row);
		json_array_append_new(down, json_pack("{s:O, s:O}", "entity",
		                                      json_object_get(r, "entity"), "change",
		                                      json_object_get(r, "change")));
	}
	json_object_set_new(doc, "entities", rows);
	json_object_set_new(doc, "only_before", onlya);
	json_object_set_new(doc, "only_after", onlyb);
	json_object_set_new(doc, "biggest_rises", up);
	json_object_set_new(doc, "biggest_falls", down);
	json_object_set_new(doc, "transitions", matrix);
	*rc = 0;
out:
	free(mv);
	side_free(&sa);
	side_free(&sb);
	return doc;
}

#define S(o, k) json_string_value(json_object_get((o), (k)))

static void render_table(cp_strbuf *b, json_t *doc)
{
	json_t *r, *u, *row, *cell;
	size_t i, j;
	const char *k, *k2;
	json_t *diffs = json_object_get(doc, "method_differences");

	cp_sb_printf(b, "before: %s, %lld entities; after: %s, %lld entities\n",
	             S(json_object_get(doc, "before"), "profile"),
	             (long long)json_integer_value(json_object_get(json_object_get(doc, "before"),
	                                                           "entities")),
	             S(json_object_get(doc, "after"), "profile"),
	             (long long)json_integer_value(json_object_get(json_object_get(doc, "after"),
	                                                           "entities")));
	if (json_array_size(diffs)) {
		cp_sb_puts(b, "warning: the methods differ, the scores are not comparable:\n");
		json_array_foreach(diffs, i, r) {
			cp_sb_puts(b, "  ");
			cp_sb_escaped(b, json_string_value(r));
			cp_sb_puts(b, "\n");
		}
	} else if (json_is_null(json_object_get(doc, "comparable"))) {
		cp_sb_puts(b, "note: a profile publishes no indicator tree: the methods could not be "
		              "compared in full\n");
	}
	cp_sb_puts(b, "\nentity | type | before | after | change | category | move\n");
	json_array_foreach(json_object_get(doc, "entities"), i, r) {
		cp_sb_escaped(b, S(r, "entity"));
		if (S(r, "entity_before")) {
			cp_sb_puts(b, " (before: ");
			cp_sb_escaped(b, S(r, "entity_before"));
			cp_sb_puts(b, ")");
		}
		cp_sb_printf(b, " | %s | %s | %s | %s | ", S(r, "entity_type"), S(r, "score_before"),
		             S(r, "score_after"), S(r, "change"));
		cp_sb_escaped(b, S(r, "category_before"));
		cp_sb_puts(b, " -> ");
		cp_sb_escaped(b, S(r, "category_after"));
		cp_sb_printf(b, " | %s%s\n", S(r, "move"),
		             json_is_true(json_object_get(r, "dropped")) ? "  DROPPED" : "");
		json_array_foreach(json_object_get(r, "units"), j, u) {
			cp_sb_puts(b, "    unit ");
			cp_sb_escaped(b, S(u, "unit"));
			cp_sb_printf(b, ": %s -> %s (%s)\n",
			             S(u, "score_before") ? S(u, "score_before") : "-",
			             S(u, "score_after") ? S(u, "score_after") : "-",
			             S(u, "change") ? S(u, "change") : "only in one year");
		}
	}
	if (json_array_size(json_object_get(doc, "only_before"))) {
		cp_sb_puts(b, "\nonly before:");
		json_array_foreach(json_object_get(doc, "only_before"), i, r) {
			cp_sb_puts(b, i ? ", " : " ");
			cp_sb_escaped(b, S(r, "entity"));
		}
		cp_sb_puts(b, "\n");
	}
	if (json_array_size(json_object_get(doc, "only_after"))) {
		cp_sb_puts(b, "\nonly after:");
		json_array_foreach(json_object_get(doc, "only_after"), i, r) {
			cp_sb_puts(b, i ? ", " : " ");
			cp_sb_escaped(b, S(r, "entity"));
		}
		cp_sb_puts(b, "\n");
	}
	cp_sb_puts(b, "\nbiggest rises:");
	json_array_foreach(json_object_get(doc, "biggest_rises"), i, r) {
		cp_sb_puts(b, i ? ", " : " ");
		cp_sb_escaped(b, S(r, "entity"));
		cp_sb_printf(b, " %s", S(r, "change"));
	}
	cp_sb_puts(b, "\nbiggest falls:");
	json_array_foreach(json_object_get(doc, "biggest_falls"), i, r) {
		cp_sb_puts(b, i ? ", " : " ");
		cp_sb_escaped(b, S(r, "entity"));
		cp_sb_printf(b, " %s", S(r, "change"));
	}
	cp_sb_puts(b, "\n\ntransitions (rows: before, columns: after):\n");
	row = json_object_iter_value(json_object_iter(json_object_get(doc, "transitions")));
	cp_sb_spaces(b, 8);
	json_object_foreach(row, k2, cell) {
		cp_sb_puts(b, " ");
		cp_sb_spaces(b, strlen(k2) < 6 ? 6 - strlen(k2) : 0);
		cp_sb_escaped(b, k2);
	}
	cp_sb_puts(b, "\n");
	json_object_foreach(json_object_get(doc, "transitions"), k, row) {
		size_t w = cp_sb_escaped(b, k);
		cp_sb_spaces(b, w < 8 ? 8 - w : 1);
		json_object_foreach(row, k2, cell)
			cp_sb_printf(b, " %*lld", (int)(strlen(k2) < 6 ? 6 : strlen(k2)),
			             (long long)json_integer_value(cell));
		cp_sb_puts(b, "\n");
	}
}

/* A number: a change's '+' is left out (a spreadsheet could take a field
 * starting with '+' for a formula). */
static void csv_num(cp_strbuf *b, json_t *v)
{
	const char *s = json_string_value(v);

	cp_sb_puts(b, ",");
	if (s)
		cp_sb_puts(b, s[0] == '+' ? s + 1 : s);
}

static void csv_text(cp_strbuf *b, json_t *v)
{
	cp_sb_puts(b, ",");
	if (json_is_string(v))
		cp_sb_csv_text(b, json_string_value(v));
}

static void render_csv(cp_strbuf *b, json_t *doc)
{
	json_t *r, *u;
	size_t i, j;

	cp_sb_puts(b, "entity,entity_type,unit,score_before,score_after,change,category_before,"
	              "category_after,move,dropped,presence\n");
	json_array_foreach(json_object_get(doc, "entities"), i, r) {
		cp_sb_csv_text(b, S(r, "entity"));
		csv_text(b, json_object_get(r, "entity_type"));
		cp_sb_puts(b, ",");
		csv_num(b, json_object_get(r, "score_before"));
		csv_num(b, json_object_get(r, "score_after"));
		csv_num(b, json_object_get(r, "change"));
		csv_text(b, json_object_get(r, "category_before"));
		csv_text(b, json_object_get(r, "category_after"));
		csv_text(b, json_object_get(r, "move"));
		cp_sb_puts(b, json_is_true(json_object_get(r, "dropped")) ? ",yes" : ",no");
		cp_sb_puts(b, ",both\n");
		json_array_foreach(json_object_get(r, "units"), j, u) {
			cp_sb_csv_text(b, S(r, "entity"));
			csv_text(b, json_object_get(r, "entity_type"));
			csv_text(b, json_object_get(u, "unit"));
			csv_num(b, json_object_get(u, "score_before"));
			csv_num(b, json_object_get(u, "score_after"));
			csv_num(b, json_object_get(u, "change"));
			cp_sb_puts(b, ",,,,,");
			cp_sb_puts(b, json_is_string(json_object_get(u, "change"))
			                      ? "both\n"
			                      : json_is_string(json_object_get(u, "score_before"))
			                                ? "before\n" : "after\n");
		}
	}
	json_array_foreach(json_object_get(doc, "only_before"), i, r) {
		cp_sb_csv_text(b, S(r, "entity"));
		cp_sb_puts(b, ",,");
		csv_num(b, json_object_get(r, "score"));
		cp_sb_puts(b, ",,");
		csv_text(b, json_object_get(r, "category"));
		cp_sb_puts(b, ",,,,before\n");
	}
	json_array_foreach(json_object_get(doc, "only_after"), i, r) {
		cp_sb_csv_text(b, S(r, "entity"));
		cp_sb_puts(b, ",,,");
		csv_num(b, json_object_get(r, "score"));
		cp_sb_puts(b, ",,");
		csv_text(b, json_object_get(r, "category"));
		cp_sb_puts(b, ",,,after\n");
	}
}

#undef S

static int compare_write(compliance_assessment *before, compliance_assessment *after,
                         const char *id_map, size_t id_map_size, const char *column, int format,
                         char **out)
{
	idmap m = { NULL, NULL, 0, 0, 0, NULL };
	json_t *doc;
	int rc;

	if (!after)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&after->err);
	if (out)
		*out = NULL;
	if (!before || !out)
		return cp_error_set(&after->err, COMPLIANCE_E_INVALID,
		                    "compare: the first assessment and the output pointer must not be "
		                    "NULL");
	if (format != COMPLIANCE_FORMAT_TABLE && format != COMPLIANCE_FORMAT_CSV &&
	    format != COMPLIANCE_FORMAT_JSON)
		return cp_error_set(&after->err, COMPLIANCE_E_INVALID, "compare: unknown format %d",
		                    format);
	if (!before->computed || !after->computed)
		return cp_error_set(&after->err, COMPLIANCE_E_STATE,
		                    "compare: the %s assessment has no results: compute it first",
		                    before->computed ? "second" : "first");
	if (id_map) {
		cp_error e;
		memset(&e, 0, sizeof e);
		rc = cp_csv_read_buffer(&after->alloc, &e, id_map, id_map_size, "id map", idmap_read, &m);
		if (rc) {
			size_t line = m.bad_line;
			const char *why = m.bad_why;
			idmap_free(&m);
			if (rc == COMPLIANCE_E_NOMEM)
				return cp_error_set(&after->err, rc, "compare: out of memory");
			if (why)
				return cp_error_set(&after->err, rc,
				                    "compare: id map, line %zu: expected %s (CSV with the "
				                    "header entity,id and two fields a line)", line, why);
			return cp_error_set(&after->err, rc,
			                    "compare: id map: %s%sexpected CSV with the header entity,id "
			                    "and two fields a line", e.code ? e.msg : "",
			                    e.code ? ": " : "");
		}
	}
	doc = compare_doc(before, after, &m, column, &rc);
	idmap_free(&m);
	if (!doc) {
		if (!after->err.code)
			cp_error_set(&after->err, rc, "compare: %s", compliance_strerror(rc));
		return rc;
	}
	if (format == COMPLIANCE_FORMAT_JSON) {
		*out = cp_json_text(doc, 0);
		if (*out) {
			size_t n = strlen(*out);
			char *t = realloc(*out, n + 2);
			if (t) {
				t[n] = '\n';
				t[n + 1] = '\0';
				*out = t;
			}
		}
	} else {
		cp_strbuf b;
		cp_alloc al;
		cp_alloc_default(&al);
		cp_sb_init(&b, &al);
		if (format == COMPLIANCE_FORMAT_CSV)
			render_csv(&b, doc);
		else
			render_table(&b, doc);
		*out = cp_sb_take(&b);
	}
	json_decref(doc);
	if (!*out)
		return cp_error_set(&after->err, COMPLIANCE_E_NOMEM, "compare: out of memory");
	return COMPLIANCE_OK;
}

int compliance_compare_write(compliance_assessment *before, compliance_assessment *after,
                             const char *id_map, size_t id_map_size, int format, char **out)
{
	return compare_write(before, after, id_map, id_map_size, NULL, format, out);
}

int compliance_compare_write_by(compliance_assessment *before, compliance_assessment *after,
                                const char *id_column, int format, char **out)
{
	return compare_write(before, after, NULL, 0, id_column, format, out);
}
