/* The assessment: entities, units and product scores in. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "score/assessment_internal.h"

const char *const cp_entity_type_names[CP_NTYPES] = { "kementerian", "lembaga", "provinsi",
	                                              "kota", "kabupaten" };

static uint64_t hash_name(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int compliance_assessment_new(compliance_ctx *ctx, compliance_assessment **out,
                              compliance_profile *profile)
{
	const cp_alloc *al = cp_ctx_alloc(ctx);
	compliance_assessment *a;
	size_t i;

	cp_ctx_clear(ctx);
	if (out)
		*out = NULL;
	if (!out || !profile)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_assessment_new: out and profile must not be NULL");
	if (profile->kind != COMPLIANCE_PROFILE_ASSESSMENT)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_assessment_new: profile '%.100s' is an SKM survey method: "
		                   "use compliance_skm_new", profile->id);
	a = cp_calloc(al, 1, sizeof *a);
	if (!a)
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
	a->alloc = *al;
	a->nbuckets = 1024;
	a->buckets = cp_malloc(al, a->nbuckets * sizeof *a->buckets);
	if (!a->buckets) {
		cp_free(al, a);
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
	}
	for (i = 0; i < a->nbuckets; i++)
		a->buckets[i] = CP_NONE;
	a->profile = compliance_profile_ref(profile);
	*out = a;
	return COMPLIANCE_OK;
}

static void free_unit(const cp_alloc *al, cp_unit *u)
{
	size_t k;

	for (k = 0; k < u->nproducts; k++)
		cp_free(al, u->products[k].name);
	cp_free(al, u->products);
	cp_free(al, u->values);
	cp_free(al, u->name);
}

static void free_inputs(const cp_alloc *al, cp_entity *e)
{
	size_t k;

	for (k = 0; k < e->ninputs; k++)
		cp_free(al, e->inputs[k].name);
	cp_free(al, e->inputs);
}

void compliance_assessment_free(compliance_assessment *a)
{
	size_t i, j;
	cp_alloc al;

	if (!a)
		return;
	al = a->alloc;
	for (i = 0; i < a->nentities; i++) {
		for (j = 0; j < a->entities[i].nunits; j++)
			free_unit(&al, &a->entities[i].units[j]);
		cp_free(&al, a->entities[i].units);
		free_inputs(&al, &a->entities[i]);
		cp_free(&al, a->entities[i].name);
	}
	cp_free(&al, a->entities);
	cp_free(&al, a->buckets);
	cp_free(&al, a->undo);
	cp_free(&al, a->results);
	compliance_profile_free(a->profile);
	cp_free(&al, a);
}

const char *compliance_assessment_errmsg(const compliance_assessment *a)
{
	return a ? a->err.msg : "";
}

int compliance_assessment_set_option(compliance_assessment *a, int option, int value)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (option == COMPLIANCE_OPT_MISSING) {
		if (value != COMPLIANCE_MISSING_ERROR && value != COMPLIANCE_MISSING_EXCLUDE &&
		    value != COMPLIANCE_MISSING_MINIMUM)
			return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown missing-answer policy %d",
			                    value);
		a->missing_policy = value;
		a->computed = 0;
		return COMPLIANCE_OK;
	}
	if (option != COMPLIANCE_OPT_ROLLUP)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown option %d", option);
	if (value == COMPLIANCE_ROLLUP_DEFAULT) {
		a->rollup_option = value;
		return COMPLIANCE_OK;
	}
	if (value != COMPLIANCE_ROLLUP_UNITS && value != COMPLIANCE_ROLLUP_PRODUCTS)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown roll-up %d", value);
	if (!(a->profile->rollup_allowed & (1 << value)))
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "profile %s does not allow the roll-up over %s", a->profile->id,
		                    value == COMPLIANCE_ROLLUP_UNITS ? "units" : "products");
	a->rollup_option = value;
	return COMPLIANCE_OK;
}

static int parse_type(const char *s, size_t len)
{
	int t;
	size_t i;

	for (t = 0; t < CP_NTYPES; t++) {
		const char *n = cp_entity_type_names[t];
		if (strlen(n) != len)
			continue;
		for (i = 0; i < len; i++) {
			char c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != n[i])
				break;
		}
		if (i == len)
			return t;
	}
	return -1;
}

static int journal(compliance_assessment *a, int kind, size_t entity, size_t unit)
{
	if (!a->journaling)
		return 0;
	if (cp_grow(&a->alloc, (void **)&a->undo, &a->capundo, a->nundo + 1, sizeof *a->undo))
		return COMPLIANCE_E_NOMEM;
	a->undo[a->nundo].kind = kind;
	a->undo[a->nundo].entity = entity;
	a->undo[a->nundo].unit = unit;
	a->undo[a->nundo].count = 0;
	a->nundo++;
	return 0;
}

/* Undoes what the journal recorded since `mark`, newest first. */
static void rollback(compliance_assessment *a, size_t mark)
{
	if (mark == 0)
		a->computed = a->computed_mark; /* the old results still hold */
	while (a->nundo > mark) {
		cp_undo *u = &a->undo[--a->nundo];
		cp_entity *e = &a->entities[u->entity];

		if (u->kind == 4) {
			e->ninputs--;
			cp_free(&a->alloc, e->inputs[e->ninputs].name);
		} else if (u->kind == 3) {
			e->units[u->unit].nvalues = u->count;
		} else if (u->kind == 2) {
			cp_unit *un = &e->units[u->unit];
			un->nproducts--;
			cp_free(&a->alloc, un->products[un->nproducts].name);
		} else if (u->kind == 1) {
			e->nunits--;
			free_unit(&a->alloc, &e->units[e->nunits]);
		} else {
			size_t b = hash_name(e->name, strlen(e->name)) % a->nbuckets;
			a->buckets[b] = e->hash_next; /* the newest is the bucket's head */
			cp_free(&a->alloc, e->units);
			free_inputs(&a->alloc, e);
			cp_free(&a->alloc, e->name);
			a->nentities--;
		}
	}
}

void cp_assessment_rollback(compliance_assessment *a)
{
	rollback(a, 0);
}

static size_t find_entity(const compliance_assessment *a, const char *name, size_t len)
{
	size_t i = a->buckets[hash_name(name, len) % a->nbuckets];

	for (; i != CP_NONE; i = a->entities[i].hash_next)
		if (strlen(a->entities[i].name) == len && !memcmp(a->entities[i].name, name, len))
			return i;
	return CP_NONE;
}

/* Checks the names and finds or creates the entity; 0 or an error. */
static int get_entity(compliance_assessment *a, const char *entity, size_t entity_len,
                      const char *type, size_t type_len, size_t *out, const char **field)
{
	char q[64];
	size_t ei;
	int t;
	cp_entity *e;

	*field = "entity";
	if (!entity_len)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the entity name is empty");
	*field = "entity_type";
	t = parse_type(type, type_len);
	if (t < 0) {
		cp_quote(q, sizeof q, type, type_len);
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "unknown entity type %s: expected kementerian, lembaga, "
		                    "provinsi, kota or kabupaten", q);
	}
	ei = find_entity(a, entity, entity_len);
	if (ei == CP_NONE) {
		size_t b;
		*field = "entity";
		if (!cp_utf8_valid(entity, entity_len))
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "the entity name is not valid UTF-8 text");
		if (cp_grow(&a->alloc, (void **)&a->entities, &a->capentities, a->nentities + 1,
		            sizeof *a->entities))
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		e = &a->entities[a->nentities];
		memset(e, 0, sizeof *e);
		e->name = cp_strndup(&a->alloc, entity, entity_len);
		if (!e->name)
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		if (journal(a, 0, a->nentities, 0)) {
			cp_free(&a->alloc, e->name);
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		}
		e->type = t;
		b = hash_name(entity, entity_len) % a->nbuckets;
		e->hash_next = a->buckets[b];
		a->buckets[b] = a->nentities;
		ei = a->nentities++;
	}
	e = &a->entities[ei];
	if (e->type != t) {
		*field = "entity_type";
		return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
		                    "entity '%.200s' was already given as %s, not %s", e->name,
		                    cp_entity_type_names[e->type], cp_entity_type_names[t]);
	}
	*out = ei;
	return 0;
}

/* Checks the unit's name and finds or creates it; *created tells which. */
static int get_unit(compliance_assessment *a, size_t ei, const char *unit, size_t unit_len,
                    size_t *out, int *created, const char **field)
{
	cp_entity *e = &a->entities[ei];
	cp_unit *u;
	size_t ui;

	*field = "unit";
	*created = 0;
	if (!unit_len)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the unit name is empty");
	for (ui = 0; ui < e->nunits; ui++)
		if (strlen(e->units[ui].name) == unit_len && !memcmp(e->units[ui].name, unit, unit_len)) {
			*out = ui;
			return 0;
		}
	if (!cp_utf8_valid(unit, unit_len))
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the unit name is not valid UTF-8 text");
	if (cp_grow(&a->alloc, (void **)&e->units, &e->capunits, e->nunits + 1, sizeof *e->units))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	u = &e->units[e->nunits];
	memset(u, 0, sizeof *u);
	u->name = cp_strndup(&a->alloc, unit, unit_len);
	if (!u->name)
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	if (journal(a, 1, ei, e->nunits)) {
		cp_free(&a->alloc, u->name);
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	*out = e->nunits++;
	*created = 1;
	return 0;
}

/* Parses a score on the profile's scale. */
static int parse_score(compliance_assessment *a, const char *score, size_t score_len, cnum *v)
{
	compliance_profile *p = a->profile;
	const char *why;
	char q[64];
	int rc;

	rc = cnum_parse(v, score, score_len, &why);
	if (rc || cp_profile_in_scale(p, *v))
		cp_quote(q, sizeof q, score, score_len);
	if (rc == COMPLIANCE_E_OVERFLOW)
		return cp_error_set(&a->err, rc, "score %s has %s", q, why);
	if (rc)
		return cp_error_set(&a->err, rc, "expected a score from %s to %s such as 82.70, found "
		                    "%s (%s)", p->scale_min_text, p->scale_max_text, q, why);
	if (cp_profile_in_scale(p, *v))
		return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
		                    "score %s is outside the scale of %s: expected %s to %s", q, p->id,
		                    p->scale_min_text, p->scale_max_text);
	return 0;
}

int cp_assessment_add(compliance_assessment *a, const char *entity, size_t entity_len,
                      const char *type, size_t type_len, const char *unit, size_t unit_len,
                      const char *product, size_t product_len, const char *score,
                      size_t score_len, const char **field)
{
	size_t ei, ui, k;
	cp_entity *e;
	cp_unit *u;
	cp_product *pr;
	cnum v;
	int rc, created;

	/* validate every field before anything is created */
	*field = "entity";
	if (!entity_len)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the entity name is empty");
	*field = "entity_type";
	if (parse_type(type, type_len) < 0)
		return get_entity(a, entity, entity_len, type, type_len, &ei, field);
	*field = "unit";
	if (!unit_len)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the unit name is empty");
	if (product) {
		*field = "product";
		if (!product_len)
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the product name is empty");
		if (!cp_utf8_valid(product, product_len))
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "the product name is not valid UTF-8 text");
	}
	*field = "score";
	if ((rc = parse_score(a, score, score_len, &v)))
		return rc;
	if ((rc = get_entity(a, entity, entity_len, type, type_len, &ei, field)) ||
	    (rc = get_unit(a, ei, unit, unit_len, &ui, &created, field)))
		return rc;
	e = &a->entities[ei];
	u = &e->units[ui];
	if (!created) {
		if (u->nvalues)
			return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
			                    "unit '%.200s' of entity '%.200s' already has indicator values: "
			                    "give either its score or its values", u->name, e->name);
		if (!product || (u->nproducts && !u->products[0].name))
			return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
			                    "unit '%.200s' of entity '%.200s' is listed twice", u->name,
			                    e->name);
	}
	if (product) {
		*field = "product";
		for (k = 0; k < u->nproducts; k++)
			if (strlen(u->products[k].name) == product_len &&
			    !memcmp(u->products[k].name, product, product_len))
				return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
				                    "product '%.200s' of unit '%.200s' of entity '%.200s' is "
				                    "listed twice", u->products[k].name, u->name, e->name);
	}
	if (cp_grow(&a->alloc, (void **)&u->products, &u->capproducts, u->nproducts + 1,
	            sizeof *u->products))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	pr = &u->products[u->nproducts];
	pr->name = NULL;
	if (product) {
		pr->name = cp_strndup(&a->alloc, product, product_len);
		if (!pr->name)
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	if (journal(a, 2, ei, ui)) {
		cp_free(&a->alloc, pr->name);
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	pr->score = v;
	u->nproducts++;
	a->computed = 0;
	return COMPLIANCE_OK;
}

static int parse_yes_no(const char *s, size_t len)
{
	static const char *const yes[] = { "1", "yes", "ya", "true", "y" };
	static const char *const no[] = { "0", "no", "tidak", "false", "n" };
	size_t i;

	for (i = 0; i < 5; i++) {
		if (strlen(yes[i]) == len && !strncasecmp(s, yes[i], len))
			return 1;
		if (strlen(no[i]) == len && !strncasecmp(s, no[i], len))
			return 0;
	}
	return -1;
}

/* Whether text[0..len) is the reserved form `form`. */
static int cp_is_form(const char *text, size_t len, const char *form)
{
	return len == strlen(form) && !memcmp(text, form, len);
}

int cp_assessment_add_value(compliance_assessment *a, const char *entity, size_t entity_len,
                            const char *type, size_t type_len, const char *unit,
                            size_t unit_len, const char *id, size_t id_len, const char *value,
                            size_t value_len, const char **field)
{
	compliance_profile *p = a->profile;
	size_t ei, ui, node = CP_NONE, k;
	cp_entity *e;
	cp_unit *u;
	cnum v;
	char q[64], qid[64];
	const char *why;
	int rc, created;

#define QUOTES() (cp_quote(qid, sizeof qid, id, id_len), cp_quote(q, sizeof q, value, value_len))
	/* Reserved forms start with '@', which no node id may contain: unit
	 * "@entity" is an entity-level input, indicator "@score" the unit's own
	 * score (docs/input-format.md). */
	if (!unit_len) {
		*field = "unit";
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "the unit name is empty: name the unit, or write %s for an "
		                    "entity-level input", COMPLIANCE_UNIT_ENTITY);
	}
	if (unit[0] == '@' && !cp_is_form(unit, unit_len, COMPLIANCE_UNIT_ENTITY)) {
		*field = "unit";
		cp_quote(q, sizeof q, unit, unit_len);
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "unit %s: a unit name starting with '@' is reserved (%s is the only "
		                    "one: an entity-level input)", q, COMPLIANCE_UNIT_ENTITY);
	}
	if (id_len && id[0] == '@' && !cp_is_form(id, id_len, COMPLIANCE_INDICATOR_SCORE)) {
		*field = "indicator";
		cp_quote(qid, sizeof qid, id, id_len);
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "%s: an indicator starting with '@' is reserved (%s is the only one: "
		                    "the unit's own score)", qid, COMPLIANCE_INDICATOR_SCORE);
	}
	if (cp_is_form(unit, unit_len, COMPLIANCE_UNIT_ENTITY)) {
		/* an entity-level yes/no input: a qualifier's input or a flag */
		int known = 0, yn;
		*field = "indicator";
		for (k = 0; k < p->nqualifiers; k++)
			if (strlen(p->qualifiers[k].input) == id_len &&
			    !memcmp(p->qualifiers[k].input, id, id_len))
				known = 1;
		for (k = 0; k < p->nflags; k++)
			if (strlen(p->flags[k].id) == id_len && !memcmp(p->flags[k].id, id, id_len))
				known = 1;
		if (!known && (QUOTES(), 1))
			return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
			                    "%s is not an entity-level input of %s (with unit %s, name a "
			                    "qualifier's input or a flag)", qid, p->id, COMPLIANCE_UNIT_ENTITY);
		*field = "value";
		yn = parse_yes_no(value, value_len);
		if (yn < 0 && (QUOTES(), 1))
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "expected yes or no (ya/tidak, 1/0), found %s", q);
		if ((rc = get_entity(a, entity, entity_len, type, type_len, &ei, field)))
			return rc;
		e = &a->entities[ei];
		for (k = 0; k < e->ninputs; k++)
			if (strlen(e->inputs[k].name) == id_len && !memcmp(e->inputs[k].name, id, id_len)) {
				*field = "indicator";
				QUOTES();
				return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
				                    "%s of entity '%.200s' is given twice", qid, e->name);
			}
		if (cp_grow(&a->alloc, (void **)&e->inputs, &e->capinputs, e->ninputs + 1,
		            sizeof *e->inputs))
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		e->inputs[e->ninputs].name = cp_strndup(&a->alloc, id, id_len);
		if (!e->inputs[e->ninputs].name)
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		if (journal(a, 4, ei, 0)) {
			cp_free(&a->alloc, e->inputs[e->ninputs].name);
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		}
		e->inputs[e->ninputs++].value = yn;
		a->computed = 0;
		return 0;
	}
	if (cp_is_form(id, id_len, COMPLIANCE_INDICATOR_SCORE)) {
		*field = "value";
		return cp_assessment_add(a, entity, entity_len, type, type_len, unit, unit_len, NULL, 0,
		                         value, value_len, field);
	}
	*field = "indicator";
	node = cp_profile_find_node(p, id, id_len);
	if (node == CP_NONE && (QUOTES(), 1))
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "%s is not a node of profile %s (see compliance profile show %s)",
		                    qid, p->id, p->id);
	*field = "value";
	if (p->nodes[node].has_scale && p->nodes[node].min.n == 0 && p->nodes[node].max.n == 1 &&
	    p->nodes[node].max.d == 1 && parse_yes_no(value, value_len) >= 0) {
		v = cnum_int(parse_yes_no(value, value_len));
	} else {
		rc = cnum_parse(&v, value, value_len, &why);
		if (rc && (QUOTES(), 1))
			return cp_error_set(&a->err, rc, "expected a number for %s, found %s (%s)", qid, q,
			                    why);
	}
	if (p->nodes[node].has_scale) {
		if ((cnum_cmp(v, p->nodes[node].min) < 0 || cnum_cmp(v, p->nodes[node].max) > 0) &&
		    (QUOTES(), 1))
			return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
			                    "answer %s to %s is outside its scale %s to %s", q, qid,
			                    p->nodes[node].text[COMPLIANCE_NODE_SCALE_MIN],
			                    p->nodes[node].text[COMPLIANCE_NODE_SCALE_MAX]);
	} else if (cp_profile_in_scale(p, v)) {
		QUOTES();
		return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
		                    "score %s for node %s is outside the scale %s to %s", q, qid,
		                    p->scale_min_text, p->scale_max_text);
	}
	if ((rc = get_entity(a, entity, entity_len, type, type_len, &ei, field)) ||
	    (rc = get_unit(a, ei, unit, unit_len, &ui, &created, field)))
		return rc;
	e = &a->entities[ei];
	u = &e->units[ui];
	if (u->nproducts) {
		*field = "indicator";
		return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
		                    "unit '%.200s' of entity '%.200s' already has a score: give either "
		                    "its score or its values", u->name, e->name);
	}
	for (k = 0; k < u->nvalues; k++)
		if (u->values[k].node == node) {
			*field = "indicator";
			QUOTES();
			return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
			                    "%s of unit '%.200s' of entity '%.200s' is given twice", qid,
			                    u->name, e->name);
		}
	if (cp_grow(&a->alloc, (void **)&u->values, &u->capvalues,
	            u->nvalues ? u->nvalues + 1 : p->nnodes, sizeof *u->values))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	if (a->journaling && u->batch != a->batch) {
		/* one journal entry per unit and batch: its value count before */
		if (journal(a, 3, ei, ui))
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		a->undo[a->nundo - 1].count = u->nvalues;
		u->batch = a->batch;
	}
	u->values[u->nvalues].node = node;
	u->values[u->nvalues].value = v;
	u->nvalues++;
	a->computed = 0;
	return 0;
#undef QUOTES
}

/* Runs one public add inside a journal, so that a failure leaves nothing. */
static int add_one(compliance_assessment *a, const char *entity, const char *type,
                   const char *unit, const char *product, const char *score)
{
	const char *field;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!entity || !type || !unit || !score)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "entity, entity_type, unit and score must not be NULL");
	a->journaling = 1;
	a->computed_mark = a->computed;
	a->batch++;
	a->nundo = 0;
	rc = cp_assessment_add(a, entity, strlen(entity), type, strlen(type), unit, strlen(unit),
	                       product, product ? strlen(product) : 0, score, strlen(score),
	                       &field);
	if (rc)
		rollback(a, 0);
	a->journaling = 0;
	a->nundo = 0;
	return rc;
}

int compliance_assessment_add_unit_score(compliance_assessment *a, const char *entity,
                                         const char *entity_type, const char *unit,
                                         const char *score)
{
	return add_one(a, entity, entity_type, unit, NULL, score);
}

int compliance_assessment_add_product_score(compliance_assessment *a, const char *entity,
                                            const char *entity_type, const char *unit,
                                            const char *product, const char *score)
{
	if (a && !product) {
		cp_error_clear(&a->err);
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "product must not be NULL");
	}
	return add_one(a, entity, entity_type, unit, product, score);
}

int compliance_assessment_add_value(compliance_assessment *a, const char *entity,
                                    const char *entity_type, const char *unit, const char *id,
                                    const char *value)
{
	const char *field;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!entity || !entity_type || !unit || !id || !value)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "entity, entity_type, unit, id and value must not be NULL");
	a->journaling = 1;
	a->computed_mark = a->computed;
	a->batch++;
	a->nundo = 0;
	rc = cp_assessment_add_value(a, entity, strlen(entity), entity_type, strlen(entity_type), unit,
	                             strlen(unit), id, strlen(id), value, strlen(value), &field);
	if (rc)
		rollback(a, 0);
	a->journaling = 0;
	a->nundo = 0;
	return rc;
}
