/*
 * Profile files: JSON (parsed by jansson) into the immutable profile.
 *
 * Validation goes on past the first problem, so that one run reports every
 * problem of a file, each with file, line, column and JSON path.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "io/json_locate.h"
#include "profile/profile_internal.h"
#include "util/hash.h"

/* Where a node object of the user's file stood, when a profile extends a
 * built-in one and the trees were merged. */
typedef struct cp_origin {
	json_t *obj;
	char *path;
} cp_origin;

typedef struct loader {
	compliance_ctx *ctx;
	const char *name;
	cp_locator lc;
	int nerr;
	int nomem;
	compliance_profile *p;
	cp_origin *origins;
	size_t norigins, caporigins;
	size_t *origin_slots; /* index + 1 into origins by object address */
	size_t origin_mask;
	char **node_paths; /* where each node stands, for messages */
	size_t *id_slots; /* index + 1 into p->nodes by id, for duplicates */
	size_t id_mask;
	cp_hash_key key;
} loader;

/* Open addressing tables of the loader, at most half full: their sizes
 * are fixed before filling (the node count is known), so none grows. */
static size_t *new_slots(loader *L, size_t count, size_t *mask)
{
	size_t n = 16;
	size_t *s;

	while (n / 2 < count) {
		if (n > ((size_t)-1) / 4 / sizeof *s)
			return NULL;
		n *= 2;
	}
	s = cp_calloc(&L->p->alloc, n, sizeof *s);
	if (s)
		*mask = n - 1;
	return s;
}

/* The path recorded for a node object of the user's file, or NULL. */
static const char *origin_of(const loader *L, const json_t *obj)
{
	size_t h;

	if (!L->origin_slots)
		return NULL;
	h = (size_t)cp_hash(&L->key, &obj, sizeof obj) & L->origin_mask;
	while (L->origin_slots[h]) {
		const cp_origin *o = &L->origins[L->origin_slots[h] - 1];
		if (o->obj == obj)
			return o->path;
		h = (h + 1) & L->origin_mask;
	}
	return NULL;
}

static int index_origins(loader *L)
{
	size_t i;

	L->origin_slots = new_slots(L, L->norigins, &L->origin_mask);
	if (!L->origin_slots)
		return -1;
	for (i = 0; i < L->norigins; i++) {
		const json_t *obj = L->origins[i].obj;
		size_t h = (size_t)cp_hash(&L->key, &obj, sizeof obj) & L->origin_mask;
		while (L->origin_slots[h])
			h = (h + 1) & L->origin_mask;
		L->origin_slots[h] = i + 1;
	}
	return 0;
}

/* Adds node `idx` to the id table; returns the node already there with
 * the same id, or CP_NONE. */
static size_t add_id(loader *L, size_t idx, const char *id)
{
	const compliance_profile *p = L->p;
	size_t h = (size_t)cp_hash(&L->key, id, strlen(id)) & L->id_mask;

	while (L->id_slots[h]) {
		size_t k = L->id_slots[h] - 1;
		if (!strcmp(p->nodes[k].text[COMPLIANCE_NODE_ID], id))
			return k;
		h = (h + 1) & L->id_mask;
	}
	L->id_slots[h] = idx + 1;
	return CP_NONE;
}

static void lerr(loader *L, const char *path, const char *fmt, ...) CP_PRINTF(3, 4);

static void lerr(loader *L, const char *path, const char *fmt, ...)
{
	char msg[CP_ERRMSG_MAX], where[512];
	const cp_loc *loc = NULL;
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(where, sizeof where, "%s", path);
	/* The nearest enclosing value that has a place in the text. */
	while (!(loc = cp_locator_find(&L->lc, where))) {
		char *dot = strrchr(where, '.'), *br = strrchr(where, '[');
		char *cut = dot > br ? dot : br;
		if (!cut)
			break;
		*cut = '\0';
	}
	L->nerr++;
	if (loc) {
		n = (size_t)cp_ctx_diag(L->ctx, "%s:%d:%d: %s: %s", L->name, loc->line, loc->col, path,
		                        msg);
	} else {
		n = (size_t)cp_ctx_diag(L->ctx, "%s: %s: %s", L->name, path, msg);
	}
	if (n)
		L->nomem = 1;
}

static const char *store(loader *L, const char *s)
{
	const char *r = cp_profile_str(L->p, s);

	if (!r)
		L->nomem = 1;
	return r ? r : "";
}

static void check_keys(loader *L, json_t *obj, const char *path, const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		size_t i;
		int ok = 0;

		for (i = 0; allowed[i]; i++)
			if (strcmp(key, allowed[i]) == 0)
				ok = 1;
		if (!ok) {
			char sub[512];
			snprintf(sub, sizeof sub, "%s", path);
			cp_path_key(sub, sizeof sub, key);
			lerr(L, sub, "unknown key \"%s\"", key);
		}
	}
}

/* Reads a decimal written as a JSON number (its exact lexeme) or string.
 * Returns 1 when read, 0 for null (when allowed) or absent, -1 on error. */
static int get_num(loader *L, json_t *v, const char *path, cnum *out, int allow_null)
{
	const char *why = "";
	const char *text;
	size_t len;
	char buf[64];
	int rc;

	if (!v) {
		if (allow_null)
			return 0;
		lerr(L, path, "missing: expected a decimal number");
		return -1;
	}
	if (json_is_null(v)) {
		if (allow_null)
			return 0;
		lerr(L, path, "expected a decimal number, not null");
		return -1;
	}
	if (json_is_string(v)) {
		text = json_string_value(v);
		len = json_string_length(v);
	} else if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		text = buf;
		len = strlen(buf);
	} else if (json_is_real(v)) {
		const cp_loc *loc = cp_locator_find(&L->lc, path);
		if (!loc) {
			lerr(L, path, "cannot read this number exactly: write it as a string");
			return -1;
		}
		text = L->lc.text + loc->offset;
		len = loc->length;
	} else {
		lerr(L, path, "expected a decimal number such as 21.85");
		return -1;
	}
	rc = cnum_parse(out, text, len, &why);
	if (rc) {
		lerr(L, path, "expected a decimal number such as 21.85, found %s", why);
		return -1;
	}
	return 1;
}

static const char *get_str(loader *L, json_t *obj, const char *key, const char *path,
                           int required)
{
	json_t *v = json_object_get(obj, key);
	char sub[512];

	snprintf(sub, sizeof sub, "%s.%s", path, key);
	if (!v || json_is_null(v)) {
		if (required)
			lerr(L, sub, "missing: expected a string");
		return NULL;
	}
	if (!json_is_string(v)) {
		lerr(L, sub, "expected a string");
		return NULL;
	}
	if (required && json_string_length(v) == 0) {
		lerr(L, sub, "must not be empty");
		return NULL;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		lerr(L, sub, "must not contain a NUL character");
		return NULL;
	}
	return store(L, json_string_value(v));
}

static int parse_confidence(const char *s)
{
	if (!strcmp(s, "S") || !strcmp(s, "stated"))
		return COMPLIANCE_CONF_STATED;
	if (!strcmp(s, "V") || !strcmp(s, "verified"))
		return COMPLIANCE_CONF_VERIFIED;
	if (!strcmp(s, "I") || !strcmp(s, "inferred"))
		return COMPLIANCE_CONF_INFERRED;
	if (!strcmp(s, "unknown"))
		return COMPLIANCE_CONF_UNKNOWN;
	return -1;
}

/* Reads the "source" and "confidence" of an object. */
static void get_fact(loader *L, json_t *obj, const char *path, cp_fact *f)
{
	const char *src = get_str(L, obj, "source", path, 0);
	const char *conf = get_str(L, obj, "confidence", path, 0);

	f->source = src ? src : "";
	f->confidence = COMPLIANCE_CONF_UNKNOWN;
	if (conf) {
		int c = parse_confidence(conf);
		if (c < 0) {
			char sub[512];
			snprintf(sub, sizeof sub, "%s.confidence", path);
			lerr(L, sub, "expected one of \"S\", \"V\", \"I\" or \"unknown\", found \"%s\"",
			     conf);
		} else {
			f->confidence = c;
		}
	}
}

static int valid_id(const char *s)
{
	size_t i;

	if (!s[0])
		return 0;
	for (i = 0; s[i]; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

static void load_scale(loader *L, json_t *root)
{
	static const char *const keys[] = { "min", "max", "source", "confidence", NULL };
	compliance_profile *p = L->p;
	json_t *sc = json_object_get(root, "scale");
	char buf[CNUM_TEXT_MAX];

	if (!json_is_object(sc)) {
		lerr(L, "$.scale", sc ? "expected an object {\"min\": 0, \"max\": 100}"
		                      : "missing: expected {\"min\": 0, \"max\": 100}");
		return;
	}
	check_keys(L, sc, "$.scale", keys);
	p->scale_min = cnum_int(0);
	p->scale_max = cnum_int(0);
	if (get_num(L, json_object_get(sc, "min"), "$.scale.min", &p->scale_min, 0) == 1 &&
	    get_num(L, json_object_get(sc, "max"), "$.scale.max", &p->scale_max, 0) == 1 &&
	    cnum_cmp(p->scale_min, p->scale_max) >= 0)
		lerr(L, "$.scale", "empty scale: min must be below max");
	cnum_format_exact(buf, p->scale_min);
	p->scale_min_text = store(L, buf);
	cnum_format_exact(buf, p->scale_max);
	p->scale_max_text = store(L, buf);
	get_fact(L, sc, "$.scale", &p->facts[COMPLIANCE_FACT_SCALE]);
}

static void load_rounding(loader *L, json_t *root)
{
	static const char *const keys[] = { "mode", "decimals", "stages", "source", "confidence",
		                            NULL };
	compliance_profile *p = L->p;
	json_t *r = json_object_get(root, "rounding"), *dec, *stages, *st;
	const char *mode;
	size_t i;
	char text[128];

	if (!json_is_object(r)) {
		lerr(L, "$.rounding", "missing or not an object: expected {\"mode\": \"half-up\", "
		                      "\"decimals\": 2, \"stages\": [\"unit\", \"entity\"]}");
		return;
	}
	check_keys(L, r, "$.rounding", keys);
	mode = get_str(L, r, "mode", "$.rounding", 1);
	if (mode && strcmp(mode, "half-up") != 0)
		lerr(L, "$.rounding.mode", "expected \"half-up\", found \"%s\"", mode);
	dec = json_object_get(r, "decimals");
	if (!json_is_integer(dec) || json_integer_value(dec) < 0 || json_integer_value(dec) > 6)
		lerr(L, "$.rounding.decimals", "expected a whole number from 0 to 6");
	else
		p->decimals = (int)json_integer_value(dec);
	stages = json_object_get(r, "stages");
	if (!json_is_array(stages)) {
		lerr(L, "$.rounding.stages", "expected an array such as [\"unit\", \"entity\"]");
	} else {
		json_array_foreach(stages, i, st) {
			char sub[64];
			snprintf(sub, sizeof sub, "$.rounding.stages[%zu]", i);
			if (json_is_string(st) && !strcmp(json_string_value(st), "unit"))
				p->round_unit = 1;
			else if (json_is_string(st) && !strcmp(json_string_value(st), "entity"))
				p->round_entity = 1;
			else
				lerr(L, sub, "expected \"unit\" or \"entity\"");
		}
	}
	snprintf(text, sizeof text, "half-up %d decimals at %s%s%s", p->decimals,
	         p->round_unit ? "unit" : "", p->round_unit && p->round_entity ? ", " : "",
	         p->round_entity ? "entity" : (p->round_unit ? "" : "no stage"));
	p->rounding_text = store(L, text);
	get_fact(L, r, "$.rounding", &p->facts[COMPLIANCE_FACT_ROUNDING]);
}

static int parse_rollup(const char *s)
{
	if (!strcmp(s, "units"))
		return COMPLIANCE_ROLLUP_UNITS;
	if (!strcmp(s, "products"))
		return COMPLIANCE_ROLLUP_PRODUCTS;
	return -1;
}

static void load_rollup(loader *L, json_t *root)
{
	static const char *const keys[] = { "default", "allowed", "source", "confidence", NULL };
	compliance_profile *p = L->p;
	json_t *r = json_object_get(root, "rollup"), *allowed, *a;
	const char *def;
	size_t i;

	p->rollup_default = COMPLIANCE_ROLLUP_UNITS;
	p->rollup_allowed = 1 << COMPLIANCE_ROLLUP_UNITS;
	if (!r)
		return;
	if (!json_is_object(r)) {
		lerr(L, "$.rollup", "expected an object {\"default\": \"units\"}");
		return;
	}
	check_keys(L, r, "$.rollup", keys);
	def = get_str(L, r, "default", "$.rollup", 1);
	if (def) {
		if (parse_rollup(def) < 0)
			lerr(L, "$.rollup.default", "expected \"units\" or \"products\", found \"%s\"", def);
		else
			p->rollup_default = parse_rollup(def);
	}
	p->rollup_allowed = 1 << p->rollup_default;
	allowed = json_object_get(r, "allowed");
	if (allowed && !json_is_array(allowed))
		lerr(L, "$.rollup.allowed", "expected an array such as [\"products\", \"units\"]");
	json_array_foreach(allowed, i, a) {
		char sub[64];
		snprintf(sub, sizeof sub, "$.rollup.allowed[%zu]", i);
		if (!json_is_string(a) || parse_rollup(json_string_value(a)) < 0)
			lerr(L, sub, "expected \"units\" or \"products\"");
		else
			p->rollup_allowed |= 1 << parse_rollup(json_string_value(a));
	}
	get_fact(L, r, "$.rollup", &p->facts[COMPLIANCE_FACT_ROLLUP]);
}

/*
 * A profile whose band table is not published (PEKPPP): "bands" is absent
 * or null and "bands_source" says so with confidence "unknown". The
 * profile has no bands; scoring and classifying on it fail with
 * COMPLIANCE_E_MISSING until a user's profile ("extends") gives them.
 */
static void load_bands_unknown(loader *L, json_t *root)
{
	static const char *const fkeys[] = { "source", "confidence", NULL };
	compliance_profile *p = L->p;
	json_t *bs = json_object_get(root, "bands_source");
	cp_fact *f = &p->facts[COMPLIANCE_FACT_BANDS];

	p->nbands = 0;
	if (p->kind != COMPLIANCE_PROFILE_SKM && json_is_object(bs)) {
		check_keys(L, bs, "$.bands_source", fkeys);
		get_fact(L, bs, "$.bands_source", f);
		if (f->confidence == COMPLIANCE_CONF_UNKNOWN && f->source[0] &&
		    json_is_string(json_object_get(bs, "confidence")))
			return;
	}
	lerr(L, "$.bands", "missing: expected an array of bands, highest first (an assessment "
	                   "whose band table is not published says so with \"bands_source\": "
	                   "{\"source\": ..., \"confidence\": \"unknown\"} instead)");
}

/*
 * "units": {"min", "max", "entity_types", "source", "confidence"}: how many
 * units an entity of this edition has (whole numbers, 1 <= min <= max), for
 * the entity types listed (all when absent). "min" and "max" both null: not
 * published, unknown (the source says so); the key absent: unknown too.
 * Scoring does not use it; compute flags an entity outside the range
 * (compliance_assessment_entity_unit_check()).
 */
static void load_units(loader *L, json_t *root)
{
	static const char *const keys[] = { "min",    "max",        "entity_types",
		                            "source", "confidence", NULL };
	static const char *const which[] = { "min", "max" };
	compliance_profile *p = L->p;
	json_t *u = json_object_get(root, "units"), *types, *t;
	size_t count[2] = { 0, 0 }, i;
	int ok = 1, nnull = 0;

	if (!u)
		return;
	if (!json_is_object(u)) {
		lerr(L, "$.units", "expected an object {\"min\": N, \"max\": M, \"source\": ..., "
		                   "\"confidence\": ...}");
		return;
	}
	check_keys(L, u, "$.units", keys);
	get_fact(L, u, "$.units", &p->facts[COMPLIANCE_FACT_UNITS]);
	for (i = 0; i < 2; i++) {
		json_t *v = json_object_get(u, which[i]);
		char path[32];

		snprintf(path, sizeof path, "$.units.%s", which[i]);
		if (json_is_null(v)) {
			nnull++;
		} else if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		           json_integer_value(v) > 1000000) {
			lerr(L, path, "%s: expected a whole number of units from 1 to 1000000, or null "
			              "when not published", v ? "invalid" : "missing");
			ok = 0;
		} else {
			count[i] = (size_t)json_integer_value(v);
		}
	}
	if (ok && nnull == 1) {
		lerr(L, "$.units", "min and max are both numbers, or both null (not published)");
		ok = 0;
	}
	if (ok && !nnull && count[0] > count[1]) {
		lerr(L, "$.units", "min (%zu) must not exceed max (%zu)", count[0], count[1]);
		ok = 0;
	}
	p->units_types = 0;
	types = json_object_get(u, "entity_types");
	if (!types) {
		p->units_types = ~0u;
	} else if (!json_is_array(types) || !json_array_size(types)) {
		lerr(L, "$.units.entity_types", "expected a non-empty array such as "
		                                "[\"provinsi\", \"kota\", \"kabupaten\"]");
		ok = 0;
	} else {
		json_array_foreach(types, i, t) {
			char path[48];
			int v;

			snprintf(path, sizeof path, "$.units.entity_types[%zu]", i);
			if (!json_is_string(t) ||
			    compliance_enum_value(&v, "compliance_entity_type", json_string_value(t)) ||
			    v < 0 || v >= 32) {
				lerr(L, path, "expected kementerian, lembaga, provinsi, kota or kabupaten");
				ok = 0;
			} else {
				p->units_types |= 1u << v;
			}
		}
	}
	if (ok && !nnull) {
		p->units_min = count[0];
		p->units_max = count[1];
		p->units_known = 1;
	}
}

/* The label set whose id is `id`, or CP_NONE. */
static size_t find_label_set(const compliance_profile *p, const char *id)
{
	size_t s;

	for (s = 0; s < p->nlabel_sets; s++)
		if (!strcmp(p->label_sets[s].id, id))
			return s;
	return CP_NONE;
}

/* `label_sets`: the sets of labels every band carries. Without it the
 * profile has one set, "default", for entities: the bands' `label`. */
static void load_label_sets(loader *L, json_t *root)
{
	static const char *const keys[] = { "id", "name", "scope", "source", "confidence", NULL };
	compliance_profile *p = L->p;
	json_t *ls = json_object_get(root, "label_sets"), *d;
	size_t i, n = 1;

	if (ls && (!json_is_array(ls) || json_array_size(ls) == 0 || json_array_size(ls) > 32)) {
		lerr(L, "$.label_sets", "expected an array of 1 to 32 label sets, the default set "
		                        "(the bands' \"label\") first");
		ls = NULL;
	}
	if (ls)
		n = json_array_size(ls);
	p->label_sets = cp_calloc(&p->alloc, n, sizeof *p->label_sets);
	if (!p->label_sets) {
		L->nomem = 1;
		return;
	}
	p->nlabel_sets = n;
	p->label_sets_declared = ls != NULL;
	for (i = 0; i < n; i++) {
		cp_label_set *set = &p->label_sets[i];
		set->labels = cp_calloc(&p->alloc, p->nbands, sizeof *set->labels);
		if (!set->labels) {
			L->nomem = 1;
			return;
		}
		set->id = "default";
		set->name = "";
		set->source = "";
		set->scope = COMPLIANCE_LABEL_SCOPE_ENTITY;
		set->confidence = COMPLIANCE_CONF_UNKNOWN;
	}
	if (!ls)
		return;
	json_array_foreach(ls, i, d) {
		char path[64], sub[96];
		cp_label_set *set = &p->label_sets[i];
		const char *id;
		json_t *scope, *sc;
		size_t k;
		cp_fact f;

		snprintf(path, sizeof path, "$.label_sets[%zu]", i);
		if (!json_is_object(d)) {
			lerr(L, path, "expected an object with id, name and scope");
			continue;
		}
		check_keys(L, d, path, keys);
		id = get_str(L, d, "id", path, 1);
		if (id && !valid_id(id))
			lerr(L, path, "\"%s\": label set ids use letters, digits, '-', '_' and '.'", id);
		else if (id && find_label_set(p, id) != CP_NONE && find_label_set(p, id) < i)
			lerr(L, path, "label set \"%s\" is declared twice", id);
		if (id)
			set->id = id;
		set->name = get_str(L, d, "name", path, 1);
		if (!set->name)
			set->name = "";
		scope = json_object_get(d, "scope");
		snprintf(sub, sizeof sub, "%s.scope", path);
		set->scope = 0;
		if (!json_is_array(scope) || json_array_size(scope) == 0) {
			lerr(L, sub, "expected [\"unit\"], [\"entity\"] or [\"unit\", \"entity\"]");
		} else {
			json_array_foreach(scope, k, sc) {
				const char *v = json_is_string(sc) ? json_string_value(sc) : "";
				if (!strcmp(v, "unit"))
					set->scope |= COMPLIANCE_LABEL_SCOPE_UNIT;
				else if (!strcmp(v, "entity"))
					set->scope |= COMPLIANCE_LABEL_SCOPE_ENTITY;
				else
					lerr(L, sub, "expected \"unit\" or \"entity\"");
			}
		}
		get_fact(L, d, path, &f);
		set->source = f.source;
		set->confidence = f.confidence;
	}
}

/* One band's label in one set: {"label", "label_en", "source",
 * "confidence", "certificate"}; "label": null when not published, with
 * confidence "unknown". */
static void load_label(loader *L, json_t *v, const char *path, cp_label *lab)
{
	static const char *const keys[] = { "label", "label_en", "source", "confidence",
		                            "certificate", NULL };
	json_t *cert, *t;
	cp_fact f;
	char sub[300];

	lab->text = lab->text_en = lab->source = "";
	if (!json_is_object(v)) {
		lerr(L, path, "expected {\"label\": ..., \"source\": ..., \"confidence\": ...}");
		return;
	}
	check_keys(L, v, path, keys);
	t = json_object_get(v, "label");
	snprintf(sub, sizeof sub, "%s.label", path);
	if (!t)
		lerr(L, sub, "missing: expected a string, or null when not published");
	else if (!json_is_null(t) && !(lab->text = get_str(L, v, "label", path, 1)))
		lab->text = "";
	lab->text_en = get_str(L, v, "label_en", path, 0);
	if (!lab->text_en)
		lab->text_en = "";
	get_fact(L, v, path, &f);
	lab->source = f.source;
	lab->confidence = f.confidence;
	if (t && json_is_null(t) && f.confidence != COMPLIANCE_CONF_UNKNOWN) {
		snprintf(sub, sizeof sub, "%s.confidence", path);
		lerr(L, sub, "a label that is null (not published) has confidence \"unknown\"");
	}
	cert = json_object_get(v, "certificate");
	if (cert) {
		snprintf(sub, sizeof sub, "%s.certificate", path);
		if (!json_is_boolean(cert))
			lerr(L, sub, "expected true or false");
		else
			lab->certificate = json_is_true(cert);
		if (lab->certificate && !lab->text[0])
			lerr(L, sub, "a certificate needs a published label");
	}
}

/* A band's `labels` object (keyed by label set id) and its `label`,
 * `label_en` (the default set's, when `labels` does not give it). */
static void load_band_labels(loader *L, json_t *b, const char *path, size_t bi,
                             const cp_fact *band_fact)
{
	compliance_profile *p = L->p;
	json_t *labels = json_object_get(b, "labels"), *v;
	const char *key;
	size_t s;
	char sub[128];
	cp_band *bd = &p->bands[bi];

	snprintf(sub, sizeof sub, "%s.labels", path);
	if (labels && !json_is_object(labels)) {
		lerr(L, sub, "expected an object keyed by label set id");
		labels = NULL;
	}
	json_object_foreach(labels, key, v) {
		char lp[256];
		snprintf(lp, sizeof lp, "%s", sub);
		cp_path_key(lp, sizeof lp, key);
		s = find_label_set(p, key);
		if (s == CP_NONE) {
			lerr(L, lp, "no label set \"%s\" is declared in $.label_sets", key);
			continue;
		}
		if (s == 0 && (json_object_get(b, "label") || json_object_get(b, "label_en"))) {
			lerr(L, lp, "the default label set is given twice: by \"label\" and here");
			continue;
		}
		load_label(L, v, lp, &p->label_sets[s].labels[bi]);
	}
	for (s = 0; s < p->nlabel_sets; s++) {
		cp_label *lab = &p->label_sets[s].labels[bi];
		if (labels && json_object_get(labels, p->label_sets[s].id))
			continue;
		if (s == 0) {
			/* an SKM band's label may be left out when it is not published */
			lab->text = get_str(L, b, "label", path, p->kind != COMPLIANCE_PROFILE_SKM);
			lab->text_en = get_str(L, b, "label_en", path, 0);
			lab->source = band_fact->source;
			lab->confidence = band_fact->confidence;
			if (!lab->text)
				lab->text = "";
			if (!lab->text_en)
				lab->text_en = "";
		} else {
			lab->text = lab->text_en = lab->source = "";
			lerr(L, sub, "missing the label of set \"%s\" (null with confidence \"unknown\" "
			             "when not published)", p->label_sets[s].id);
		}
	}
	bd->text[COMPLIANCE_BAND_LABEL] = p->label_sets[0].labels[bi].text;
	bd->text[COMPLIANCE_BAND_LABEL_EN] = p->label_sets[0].labels[bi].text_en;
}

/* After the qualifiers: each set's labels under every combination of the
 * qualifiers that append to it. */
static void finish_label_sets(loader *L)
{
	compliance_profile *p = L->p;
	size_t s, b, k;
	uint32_t m, combos;

	if (!p->label_sets || !p->nbands || L->nomem)
		return;
	for (k = 0; k < p->nqualifiers; k++)
		for (s = 0; s < p->nlabel_sets; s++)
			if (p->qualifiers[k].sets & (UINT32_C(1) << s))
				p->label_sets[s].qmask |= UINT32_C(1) << k;
	if (!p->nqualifiers || L->nerr)
		return;
	combos = UINT32_C(1) << p->nqualifiers;
	for (s = 0; s < p->nlabel_sets; s++) {
		cp_label_set *set = &p->label_sets[s];
		set->qualified = cp_calloc(&p->alloc, p->nbands * combos, sizeof *set->qualified);
		if (!set->qualified) {
			L->nomem = 1;
			return;
		}
		for (b = 0; b < p->nbands; b++)
			for (m = 0; m < combos; m++) {
				char text[256];
				if (m & ~set->qmask)
					continue;
				snprintf(text, sizeof text, "%s", set->labels[b].text);
				cp_utf8_trim(text);
				if (text[0]) /* an unknown label stays unknown */
					for (k = 0; k < p->nqualifiers; k++)
						if (m & (UINT32_C(1) << k)) {
							size_t len = strlen(text);
							snprintf(text + len, sizeof text - len, "%s",
							         p->qualifiers[k].suffix ? p->qualifiers[k].suffix : "");
							cp_utf8_trim(text);
						}
				set->qualified[(b << p->nqualifiers) | m] = store(L, text);
			}
	}
}

static void load_bands(loader *L, json_t *root)
{
	static const char *const keys[] = { "min",   "max",      "category", "zone", "label",
		                            "label_en", "labels", "source", "confidence", NULL };
	compliance_profile *p = L->p;
	json_t *bands = json_object_get(root, "bands"), *b, *bs;
	size_t i, ncat = 0;
	cnum ulp;
	char buf[CNUM_TEXT_MAX];

	if (!bands || json_is_null(bands)) {
		load_bands_unknown(L, root);
		return;
	}
	if (!json_is_array(bands) || json_array_size(bands) == 0) {
		lerr(L, "$.bands", "missing or empty: expected an array of bands, highest first");
		return;
	}
	p->bands = cp_calloc(&p->alloc, json_array_size(bands), sizeof *p->bands);
	if (!p->bands) {
		L->nomem = 1;
		return;
	}
	p->nbands = json_array_size(bands);
	load_label_sets(L, root);
	if (!p->label_sets || L->nomem)
		return;
	json_array_foreach(bands, i, b) {
		char path[64];
		cp_band *bd = &p->bands[i];
		const char *zone, *cat;
		cp_fact f;
		int okmin, okmax;

		snprintf(path, sizeof path, "$.bands[%zu]", i);
		bd->lower = bd->upper = cnum_int(0);
		if (!json_is_object(b)) {
			lerr(L, path, "expected an object with min, max, zone and label");
			continue;
		}
		check_keys(L, b, path, keys);
		{
			char sub[80];
			snprintf(sub, sizeof sub, "%s.min", path);
			okmin = get_num(L, json_object_get(b, "min"), sub, &bd->lower, 0) == 1;
			snprintf(sub, sizeof sub, "%s.max", path);
			okmax = get_num(L, json_object_get(b, "max"), sub, &bd->upper, 0) == 1;
		}
		if (okmin && okmax && cnum_cmp(bd->lower, bd->upper) > 0)
			lerr(L, path, "empty band: min is above max");
		zone = get_str(L, b, "zone", path, p->kind != COMPLIANCE_PROFILE_SKM);
		if (zone && strcmp(zone, "hijau") && strcmp(zone, "kuning") && strcmp(zone, "merah")) {
			char sub[80];
			snprintf(sub, sizeof sub, "%s.zone", path);
			lerr(L, sub, "expected \"hijau\", \"kuning\" or \"merah\", found \"%s\"", zone);
		}
		cat = get_str(L, b, "category", path, 0);
		if (cat && cat[0])
			ncat++;
		cnum_format_round(buf, bd->lower, p->decimals);
		bd->text[COMPLIANCE_BAND_LOWER] = store(L, buf);
		cnum_format_round(buf, bd->upper, p->decimals);
		bd->text[COMPLIANCE_BAND_UPPER] = store(L, buf);
		bd->text[COMPLIANCE_BAND_CATEGORY] = cat ? cat : "";
		bd->text[COMPLIANCE_BAND_ZONE] = zone ? zone : "";
		get_fact(L, b, path, &f);
		bd->text[COMPLIANCE_BAND_SOURCE] = f.source;
		bd->confidence = f.confidence;
		load_band_labels(L, b, path, i, &f);
	}
	if (ncat && ncat != p->nbands)
		lerr(L, "$.bands", "either every band has a category or none has");
	p->has_categories = ncat == p->nbands;
	bs = json_object_get(root, "bands_source");
	if (bs) {
		static const char *const fkeys[] = { "source", "confidence", NULL };
		if (!json_is_object(bs)) {
			lerr(L, "$.bands_source", "expected {\"source\": ..., \"confidence\": ...}");
		} else {
			check_keys(L, bs, "$.bands_source", fkeys);
			get_fact(L, bs, "$.bands_source", &p->facts[COMPLIANCE_FACT_BANDS]);
		}
	} else {
		p->facts[COMPLIANCE_FACT_BANDS].source = p->bands[0].text[COMPLIANCE_BAND_SOURCE]
		                                           ? p->bands[0].text[COMPLIANCE_BAND_SOURCE]
		                                           : "";
		p->facts[COMPLIANCE_FACT_BANDS].confidence = p->bands[0].confidence;
	}
	if (L->nerr)
		return;
	/* Coverage: highest first, each band's max one step (10^-decimals)
	 * below the next higher band's min, the ends on the scale's ends. */
	if (cnum_from_scaled(&ulp, 1, p->decimals))
		return;
	if (cnum_cmp(p->bands[0].upper, p->scale_max) != 0) {
		cnum_format_exact(buf, p->scale_max);
		lerr(L, "$.bands[0].max", "the highest band must end at the scale's maximum %s", buf);
	}
	if (cnum_cmp(p->bands[p->nbands - 1].lower, p->scale_min) != 0) {
		char path[64];
		snprintf(path, sizeof path, "$.bands[%zu].min", p->nbands - 1);
		cnum_format_exact(buf, p->scale_min);
		lerr(L, path, "the lowest band must start at the scale's minimum %s", buf);
	}
	for (i = 1; i < p->nbands; i++) {
		cnum expect;
		char path[64];
		int c;

		snprintf(path, sizeof path, "$.bands[%zu].max", i);
		if (cnum_cmp(p->bands[i].lower, p->bands[i - 1].lower) >= 0) {
			lerr(L, path, "bands must be listed from the highest to the lowest");
			continue;
		}
		if (cnum_add(&expect, p->bands[i].upper, ulp))
			continue;
		c = cnum_cmp(expect, p->bands[i - 1].lower);
		if (c < 0)
			lerr(L, path, "gap: scores from %s up to %s fall in no band",
			     p->bands[i].text[COMPLIANCE_BAND_UPPER],
			     p->bands[i - 1].text[COMPLIANCE_BAND_LOWER]);
		else if (c > 0)
			lerr(L, path, "overlap: this band's max %s reaches into the band above, which "
			              "starts at %s", p->bands[i].text[COMPLIANCE_BAND_UPPER],
			     p->bands[i - 1].text[COMPLIANCE_BAND_LOWER]);
	}
}

/* Counts the nodes below (and including) a JSON node array. */
static size_t count_nodes(json_t *arr, int depth)
{
	size_t i, n = 0;
	json_t *v;

	if (depth > 64)
		return 0;
	json_array_foreach(arr, i, v) {
		n++;
		if (json_is_object(v) && json_is_array(json_object_get(v, "children")))
			n += count_nodes(json_object_get(v, "children"), depth + 1);
	}
	return n;
}

static void load_scale_of_node(loader *L, json_t *sc, const char *path, cp_node *nd)
{
	static const char *const keys[] = { "min", "max", "labels", NULL };
	compliance_profile *p = L->p;
	char sub[512 + sizeof ".scale"], buf[CNUM_TEXT_MAX]; /* a path of up to 511 bytes, whole */
	json_t *labels, *lab;
	size_t i;

	snprintf(sub, sizeof sub, "%s.scale", path);
	if (json_is_string(sc) && (!strcmp(json_string_value(sc), "yes-no") ||
	                           !strcmp(json_string_value(sc), "yes/no"))) {
		nd->min = cnum_int(0);
		nd->max = cnum_int(1);
		nd->has_scale = 1;
	} else if (json_is_object(sc)) {
		char s2[560];
		int a, b;

		check_keys(L, sc, sub, keys);
		snprintf(s2, sizeof s2, "%s.min", sub);
		a = get_num(L, json_object_get(sc, "min"), s2, &nd->min, 0);
		snprintf(s2, sizeof s2, "%s.max", sub);
		b = get_num(L, json_object_get(sc, "max"), s2, &nd->max, 0);
		if (a != 1 || b != 1)
			return;
		if (cnum_cmp(nd->min, nd->max) >= 0) {
			lerr(L, sub, "empty scale: min must be below max");
			return;
		}
		nd->has_scale = 1;
		labels = json_object_get(sc, "labels");
		if (labels) {
			cnum width;
			int64_t w = -1;
			if (!json_is_array(labels)) {
				lerr(L, sub, "labels must be an array of strings, one per level");
				return;
			}
			if (nd->min.d == 1 && nd->max.d == 1 && cnum_sub(&width, nd->max, nd->min) == 0)
				w = (int64_t)width.n + 1;
			if (w != (int64_t)json_array_size(labels)) {
				lerr(L, sub, "labels: expected one label per whole level from min to max (%lld), "
				             "found %zu", (long long)w, json_array_size(labels));
				return;
			}
			nd->labels = cp_calloc(&p->alloc, json_array_size(labels), sizeof *nd->labels);
			if (!nd->labels) {
				L->nomem = 1;
				return;
			}
			nd->nlabels = json_array_size(labels);
			json_array_foreach(labels, i, lab) {
				if (!json_is_string(lab)) {
					lerr(L, sub, "labels must be strings");
					nd->labels[i] = "";
				} else {
					nd->labels[i] = store(L, json_string_value(lab));
				}
			}
		}
	} else {
		lerr(L, sub, "expected {\"min\": 0, \"max\": 3} or \"yes-no\"");
		return;
	}
	cnum_format_exact(buf, nd->min);
	nd->text[COMPLIANCE_NODE_SCALE_MIN] = store(L, buf);
	cnum_format_exact(buf, nd->max);
	nd->text[COMPLIANCE_NODE_SCALE_MAX] = store(L, buf);
}

/* Adds the nodes of a JSON array below `parent`; returns the first index. */
static size_t load_nodes(loader *L, json_t *arr, const char *path, size_t parent, int depth)
{
	static const char *const keys[] = { "id", "name", "weight", "weights_total", "source",
		                            "confidence", "note", "scale", "children", NULL };
	compliance_profile *p = L->p;
	size_t i, first = CP_NONE, prev = CP_NONE;
	json_t *v;

	if (!json_is_array(arr)) {
		lerr(L, path, "expected an array of nodes");
		return CP_NONE;
	}
	if (depth > 32) {
		lerr(L, path, "the tree is deeper than 32 levels");
		return CP_NONE;
	}
	json_array_foreach(arr, i, v) {
		char npath[512], sub[560];
		size_t idx = p->nnodes;
		cp_node *nd = &p->nodes[idx];
		const char *id;
		cp_fact f;
		json_t *children, *w, *sc;
		char buf[CNUM_TEXT_MAX];
		int got;

		{
			const char *o = origin_of(L, v);
			if (o)
				snprintf(npath, sizeof npath, "%s", o);
			else if (snprintf(npath, sizeof npath, "%s[%zu]", path, i) >= (int)sizeof npath)
				memcpy(npath + sizeof npath - 4, "...", 4); /* a path cut short says so */
		}
		if (!json_is_object(v)) {
			lerr(L, npath, "expected a node object with id and weight");
			continue;
		}
		p->nnodes++;
		memset(nd, 0, sizeof *nd);
		nd->weight = nd->total = nd->min = nd->max = cnum_int(0);
		if (L->node_paths && !(L->node_paths[idx] = cp_strdup(&p->alloc, npath)))
			L->nomem = 1;
		nd->parent = parent;
		nd->first_child = nd->next_sibling = CP_NONE;
		nd->depth = depth;
		check_keys(L, v, npath, keys);
		id = get_str(L, v, "id", npath, 1);
		if (id && !valid_id(id)) {
			snprintf(sub, sizeof sub, "%s.id", npath);
			lerr(L, sub, "\"%s\": ids use letters, digits, '-', '_' and '.'", id);
		}
		nd->text[COMPLIANCE_NODE_ID] = id ? id : "";
		if (id && L->id_slots && add_id(L, idx, id) != CP_NONE) {
			snprintf(sub, sizeof sub, "%s.id", npath);
			lerr(L, sub, "duplicate id \"%s\"", id);
		}
		nd->text[COMPLIANCE_NODE_NAME] = get_str(L, v, "name", npath, 0);
		if (!nd->text[COMPLIANCE_NODE_NAME])
			nd->text[COMPLIANCE_NODE_NAME] = nd->text[COMPLIANCE_NODE_ID];
		nd->text[COMPLIANCE_NODE_PARENT] =
			parent == CP_NONE ? "" : p->nodes[parent].text[COMPLIANCE_NODE_ID];
		nd->note = get_str(L, v, "note", npath, 0);
		w = json_object_get(v, "weight");
		snprintf(sub, sizeof sub, "%s.weight", npath);
		if (!w) {
			lerr(L, sub, "missing: give the weight within the parent, or null when it is "
			             "not published");
			got = -1;
		} else {
			got = get_num(L, w, sub, &nd->weight, 1);
		}
		if (got == 1 && nd->weight.n < 0)
			lerr(L, sub, "a weight cannot be negative");
		nd->weight_known = got == 1;
		if (got == 1) {
			cnum_format_exact(buf, nd->weight);
			nd->text[COMPLIANCE_NODE_WEIGHT] = store(L, buf);
		} else {
			nd->text[COMPLIANCE_NODE_WEIGHT] = "";
		}
		get_fact(L, v, npath, &f);
		nd->text[COMPLIANCE_NODE_SOURCE] = f.source;
		nd->confidence = nd->weight_known ? f.confidence : COMPLIANCE_CONF_UNKNOWN;
		if (!nd->weight_known && got == 0 && f.confidence != COMPLIANCE_CONF_UNKNOWN)
			lerr(L, sub, "a weight that is not published (null) must have confidence "
			             "\"unknown\"");
		nd->text[COMPLIANCE_NODE_SCALE_MIN] = "";
		nd->text[COMPLIANCE_NODE_SCALE_MAX] = "";
		sc = json_object_get(v, "scale");
		children = json_object_get(v, "children");
		if (sc && children && json_array_size(children)) {
			lerr(L, npath, "a node has either children or an answer scale, not both");
		} else if (sc) {
			load_scale_of_node(L, sc, npath, nd);
		}
		/* Siblings are linked before the children are added. */
		if (prev != CP_NONE)
			p->nodes[prev].next_sibling = idx;
		else
			first = idx;
		prev = idx;
		if (children) {
			snprintf(sub, sizeof sub, "%s.children", npath);
			p->nodes[idx].first_child = load_nodes(L, children, sub, idx, depth + 1);
		}
		{
			json_t *tot = json_object_get(v, "weights_total");
			snprintf(sub, sizeof sub, "%s.weights_total", npath);
			if (tot && get_num(L, tot, sub, &p->nodes[idx].total, 0) == 1)
				p->nodes[idx].total_declared = 1;
		}
	}
	return first;
}

/* "skeleton": true (issue 10): a profile that gives the shape of an
 * instrument but not all its weights. Its null weights above indicators
 * are noted, not refused; scoring values under it is refused, naming them
 * (score/evaluate.c), until a profile that extends it gives them. */
static void load_skeleton(loader *L, json_t *root)
{
	json_t *v = json_object_get(root, "skeleton");

	if (v && !json_is_boolean(v))
		lerr(L, "$.skeleton", "expected true or false");
	L->p->skeleton = json_is_true(v);
}

/* Notes the unpublished weights `missing` (ids, comma-separated) of a
 * skeleton; returns 1 when noted (the profile is a skeleton), else 0. */
static int note_skeleton_gap(loader *L, const char *missing)
{
	compliance_profile *p = L->p;
	char buf[CP_ERRMSG_MAX];

	if (!p->skeleton)
		return 0;
	snprintf(buf, sizeof buf, "%s%s%s", p->missing_weights ? p->missing_weights : "",
	         p->missing_weights ? ", " : "", missing);
	cp_utf8_trim(buf);
	if (!(p->missing_weights = cp_profile_str(p, buf)))
		L->nomem = 1;
	return 1;
}

/* Checks one sibling group: known weights sum to the declared total;
 * unknown weights only where no indicator needs them. */
static void check_group(loader *L, size_t first, cnum *total, int declared, const char *where,
                        const char *path)
{
	compliance_profile *p = L->p;
	cnum sum = cnum_int(0);
	size_t i, unknown = 0, n = 0;
	int has_indicator = 0;
	char missing[512] = "";

	for (i = first; i != CP_NONE; i = p->nodes[i].next_sibling) {
		size_t j;
		n++;
		if (p->nodes[i].weight_known) {
			if (cnum_add(&sum, sum, p->nodes[i].weight)) {
				lerr(L, path, "the weights are too large to add exactly");
				return;
			}
		} else {
			unknown++;
			if (strlen(missing) + strlen(p->nodes[i].text[COMPLIANCE_NODE_ID]) + 4 <
			    sizeof missing) {
				if (missing[0])
					strcat(missing, ", ");
				strcat(missing, p->nodes[i].text[COMPLIANCE_NODE_ID]);
			}
		}
		/* Any indicator in this node's subtree? Depth-first order: the
		 * subtree is the run of nodes of greater depth that follows. */
		for (j = i; j < p->nnodes; j++) {
			if (j > i && p->nodes[j].depth <= p->nodes[i].depth)
				break;
			if (p->nodes[j].has_scale)
				has_indicator = 1;
		}
	}
	if (!n)
		return;
	if (unknown && has_indicator) {
		if (note_skeleton_gap(L, missing))
			return;
		lerr(L, path, "the weights of %s within %s are not published: a profile that scores "
		              "indicators below them must give them", missing, where);
		return;
	}
	if (unknown)
		return;
	if (declared && cnum_cmp(sum, *total) != 0) {
		char a[CNUM_TEXT_MAX], b[CNUM_TEXT_MAX];
		cnum_format_exact(a, sum);
		cnum_format_exact(b, *total);
		lerr(L, path, "the weights within %s sum to %s, not to the declared total %s", where,
		     a, b);
		return;
	}
	if (!declared)
		*total = sum;
	if (has_indicator && cnum_is_zero(*total))
		lerr(L, path, "the weights within %s are all zero", where);
}

static void load_tree(loader *L, json_t *root)
{
	compliance_profile *p = L->p;
	json_t *nodes = json_object_get(root, "nodes"), *tot;
	size_t count, i;
	int declared = 0;

	p->first_top = CP_NONE;
	load_skeleton(L, root);
	if (!nodes)
		return;
	if (!json_is_array(nodes)) {
		lerr(L, "$.nodes", "expected an array of nodes");
		return;
	}
	count = count_nodes(nodes, 0);
	if (count) {
		p->nodes = cp_calloc(&p->alloc, count, sizeof *p->nodes);
		L->node_paths = cp_calloc(&p->alloc, count, sizeof *L->node_paths);
		L->id_slots = new_slots(L, count, &L->id_mask);
		if (!p->nodes || !L->node_paths || !L->id_slots) {
			L->nomem = 1;
			return;
		}
	}
	p->first_top = load_nodes(L, nodes, "$.nodes", CP_NONE, 0);
	tot = json_object_get(root, "weights_total");
	if (tot && get_num(L, tot, "$.weights_total", &p->top_total, 0) == 1)
		declared = 1;
	check_group(L, p->first_top, &p->top_total, declared, "the profile", "$.nodes");
	for (i = 0; i < p->nnodes; i++) {
		cp_node *nd = &p->nodes[i];
		int decl = nd->total_declared;
		size_t c;
		char where[300], gpath[600];

		nd->nchildren = 0;
		for (c = nd->first_child; c != CP_NONE; c = p->nodes[c].next_sibling)
			nd->nchildren++;
		if (!nd->nchildren) {
			if (decl)
				lerr(L, "$.nodes", "node \"%s\" declares weights_total but has no children",
				     nd->text[COMPLIANCE_NODE_ID]);
			continue;
		}
		snprintf(where, sizeof where, "\"%s\"", nd->text[COMPLIANCE_NODE_ID]);
		snprintf(gpath, sizeof gpath, "%s.children",
		         L->node_paths && L->node_paths[i] ? L->node_paths[i] : "$.nodes");
		check_group(L, nd->first_child, &nd->total, decl, where, gpath);
	}
}

static void load_flags(loader *L, json_t *root)
{
	static const char *const keys[] = { "id", "name", "deduction", "source", "confidence",
		                            NULL };
	compliance_profile *p = L->p;
	json_t *flags = json_object_get(root, "flags"), *f;
	size_t i;

	if (!flags)
		return;
	if (!json_is_array(flags)) {
		lerr(L, "$.flags", "expected an array");
		return;
	}
	p->flags = cp_calloc(&p->alloc, json_array_size(flags) + 1, sizeof *p->flags);
	if (!p->flags) {
		L->nomem = 1;
		return;
	}
	json_array_foreach(flags, i, f) {
		char path[64], sub[80];
		cp_flag *fl = &p->flags[p->nflags];
		cp_fact fact;
		int got;

		snprintf(path, sizeof path, "$.flags[%zu]", i);
		if (!json_is_object(f)) {
			lerr(L, path, "expected an object with id and deduction");
			continue;
		}
		p->nflags++;
		check_keys(L, f, path, keys);
		fl->id = get_str(L, f, "id", path, 1);
		fl->name = get_str(L, f, "name", path, 0);
		snprintf(sub, sizeof sub, "%s.deduction", path);
		got = get_num(L, json_object_get(f, "deduction"), sub, &fl->deduction, 1);
		fl->deduction_known = got == 1;
		get_fact(L, f, path, &fact);
		fl->source = fact.source;
		fl->confidence = fact.confidence;
	}
}

static void load_qualifiers(loader *L, json_t *root)
{
	static const char *const keys[] = { "id", "input", "when", "label_suffix", "label_sets",
		                            "source", "confidence", NULL };
	compliance_profile *p = L->p;
	json_t *qs = json_object_get(root, "qualifiers"), *q;
	size_t i;

	if (!qs)
		return;
	if (!json_is_array(qs)) {
		lerr(L, "$.qualifiers", "expected an array");
		return;
	}
	if (json_array_size(qs) > CP_MAX_QUALIFIERS) {
		lerr(L, "$.qualifiers", "at most %d qualifiers", CP_MAX_QUALIFIERS);
		return;
	}
	p->qualifiers = cp_calloc(&p->alloc, json_array_size(qs) + 1, sizeof *p->qualifiers);
	if (!p->qualifiers) {
		L->nomem = 1;
		return;
	}
	json_array_foreach(qs, i, q) {
		char path[64], sub[80];
		cp_qualifier *ql = &p->qualifiers[p->nqualifiers];
		cp_fact fact;
		json_t *when;

		snprintf(path, sizeof path, "$.qualifiers[%zu]", i);
		if (!json_is_object(q)) {
			lerr(L, path, "expected an object with id, input, when and label_suffix");
			continue;
		}
		p->nqualifiers++;
		check_keys(L, q, path, keys);
		ql->id = get_str(L, q, "id", path, 1);
		ql->input = get_str(L, q, "input", path, 1);
		ql->suffix = get_str(L, q, "label_suffix", path, 1);
		ql->sets = 1; /* the default label set */
		{
			json_t *qs_sets = json_object_get(q, "label_sets"), *sid;
			size_t k;
			snprintf(sub, sizeof sub, "%s.label_sets", path);
			if (qs_sets && (!json_is_array(qs_sets) || !json_array_size(qs_sets))) {
				lerr(L, sub, "expected an array of label set ids");
			} else if (qs_sets) {
				ql->sets = 0;
				json_array_foreach(qs_sets, k, sid) {
					size_t s = json_is_string(sid) && p->label_sets
					                   ? find_label_set(p, json_string_value(sid))
					                   : CP_NONE;
					if (s == CP_NONE)
						lerr(L, sub, "expected the id of a set declared in $.label_sets");
					else
						ql->sets |= UINT32_C(1) << s;
				}
			}
		}
		when = json_object_get(q, "when");
		snprintf(sub, sizeof sub, "%s.when", path);
		if (!json_is_boolean(when))
			lerr(L, sub, "expected true or false");
		else
			ql->when = json_is_true(when);
		get_fact(L, q, path, &fact);
		ql->source = fact.source;
		ql->confidence = fact.confidence;
	}
}

/* Records where each node object of the user's file stands. */
static void record_origins(loader *L, json_t *nodes, const char *path)
{
	size_t i;
	json_t *v;

	json_array_foreach(nodes, i, v) {
		char sub[512];
		char *copy;

		if (!json_is_object(v))
			continue;
		snprintf(sub, sizeof sub, "%s[%zu]", path, i);
		copy = cp_strdup(&L->p->alloc, sub);
		if (!copy || cp_grow(&L->p->alloc, (void **)&L->origins, &L->caporigins,
		                     L->norigins + 1, sizeof *L->origins)) {
			cp_free(&L->p->alloc, copy);
			L->nomem = 1;
			return;
		}
		L->origins[L->norigins].obj = v;
		L->origins[L->norigins].path = copy;
		L->norigins++;
		if (json_is_array(json_object_get(v, "children"))) {
			snprintf(sub + strlen(sub), sizeof sub - strlen(sub), ".children");
			record_origins(L, json_object_get(v, "children"), sub);
		}
	}
}

/* Refuses an id given twice in the user's file, as without "extends"
 * (merged, the second would silently take the first one's place). Returns
 * nonzero when one was found or memory ran out. */
static int user_duplicates(loader *L)
{
	size_t mask, i, *slots = new_slots(L, L->norigins, &mask);
	int found = 0;

	if (!slots) {
		L->nomem = 1;
		return 1;
	}
	for (i = 0; i < L->norigins; i++) {
		json_t *id = json_object_get(L->origins[i].obj, "id");
		const char *s;
		size_t h;

		if (!json_is_string(id))
			continue;
		s = json_string_value(id);
		h = (size_t)cp_hash(&L->key, s, strlen(s)) & mask;
		while (slots[h]) {
			json_t *other = json_object_get(L->origins[slots[h] - 1].obj, "id");
			if (!strcmp(json_string_value(other), s))
				break;
			h = (h + 1) & mask;
		}
		if (slots[h]) {
			char sub[560];
			snprintf(sub, sizeof sub, "%s.id", L->origins[i].path);
			lerr(L, sub, "duplicate id \"%s\"", s);
			found = 1;
		} else {
			slots[h] = i + 1;
		}
	}
	cp_free(&L->p->alloc, slots);
	return found;
}

/* Replaces every JSON real of a built-in document by its exact lexeme as a
 * string, so that values inherited through "extends" stay exact. */
static int stringify_reals(json_t *v, char *path, size_t plen, const cp_locator *lc)
{
	if (json_is_object(v)) {
		const char *key;
		json_t *c;
		void *tmp;
		json_object_foreach_safe(v, tmp, key, c) {
			int n = snprintf(path + plen, 512 - plen, ".%s", key);
			if (json_is_real(c)) {
				const cp_loc *loc = cp_locator_find(lc, path);
				if (!loc || json_object_set_new(v, key, json_stringn(lc->text + loc->offset,
				                                                     loc->length)))
					return -1;
			} else if (stringify_reals(c, path, plen + (size_t)n, lc)) {
				return -1;
			}
			path[plen] = '\0';
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *c;
		json_array_foreach(v, i, c) {
			int n = snprintf(path + plen, 512 - plen, "[%zu]", i);
			if (json_is_real(c)) {
				const cp_loc *loc = cp_locator_find(lc, path);
				if (!loc || json_array_set_new(v, i, json_stringn(lc->text + loc->offset,
				                                                  loc->length)))
					return -1;
			} else if (stringify_reals(c, path, plen + (size_t)n, lc)) {
				return -1;
			}
			path[plen] = '\0';
		}
	}
	return 0;
}

/* Merges the user's node array into the base's: a user node with a base
 * node's id takes that node's place, inheriting the keys it does not give
 * and merging the children the same way; other user nodes are appended. */
static int merge_nodes(json_t *base, json_t *user, const char *file)
{
	size_t i, nbase = json_array_size(base);
	json_t *u;

	json_array_foreach(user, i, u) {
		json_t *uid = json_object_get(u, "id"), *b;
		size_t k;

		if (!json_is_object(u) || !json_is_string(uid)) {
			if (json_array_append(base, u))
				return -1;
			continue;
		}
		/* Only the base's own nodes can match: the user's ids are unique
		 * (checked before), so the appended ones never do; this keeps the
		 * merge linear in the user's nodes. */
		b = NULL;
		for (k = 0; k < nbase; k++) {
			json_t *bv = json_array_get(base, k);
			if (json_is_string(json_object_get(bv, "id")) &&
			    !strcmp(json_string_value(json_object_get(bv, "id")), json_string_value(uid))) {
				b = bv;
				break;
			}
		}
		if (!b) {
			if (json_array_append(base, u))
				return -1;
			continue;
		}
		{
			const char *key;
			json_t *val, *uc = json_object_get(u, "children"), *bc = json_object_get(b, "children");
			json_t *uw = json_object_get(u, "weight");
			/* A weight the user gives is the user's: its source and
			 * confidence are not the built-in's. */
			int own = uw != NULL;

			if (own && !json_object_get(u, "source") &&
			    json_object_set_new(u, "source", json_string(file)))
				return -1;
			if (own && !json_is_null(uw) && !json_object_get(u, "confidence") &&
			    json_object_set_new(u, "confidence", json_string("stated")))
				return -1;
			json_object_foreach(b, key, val)
				if (!json_object_get(u, key) && strcmp(key, "children") &&
				    !(own && (!strcmp(key, "source") || !strcmp(key, "confidence"))) &&
				    /* indicators given below a built-in leaf replace its scale */
				    !(json_is_array(uc) && !json_is_array(bc) && !strcmp(key, "scale")) &&
				    json_object_set(u, key, val))
					return -1;
			if (json_is_array(bc)) {
				json_t *merged = json_deep_copy(bc);
				if (!merged)
					return -1;
				if (json_is_array(uc) && merge_nodes(merged, uc, file)) {
					json_decref(merged);
					return -1;
				}
				if (json_object_set_new(u, "children", merged))
					return -1;
			}
			if (json_array_set(base, k, u))
				return -1;
		}
	}
	return 0;
}

/* Builds the merged document of a profile that extends a built-in one. */
static json_t *apply_extends(loader *L, json_t *user)
{
	const char *ext = json_string_value(json_object_get(user, "extends"));
	json_t *base, *un, *bn;
	json_error_t jerr;
	cp_locator blc;
	const char *key;
	json_t *val;
	size_t i;
	char path[512] = "$";

	for (i = 0; i < cp_nbuiltins; i++)
		if (!strcmp(cp_builtins[i].id, ext))
			break;
	if (i == cp_nbuiltins) {
		lerr(L, "$.extends", "\"%s\" is not a built-in profile (see compliance profiles)", ext);
		return NULL;
	}
	base = json_loadb(cp_builtins[i].json, cp_builtins[i].size, 0, &jerr);
	if (!base || cp_locate(&blc, &L->p->alloc, cp_builtins[i].json, cp_builtins[i].size)) {
		json_decref(base);
		L->nomem = 1;
		return NULL;
	}
	if (stringify_reals(base, path, 1, &blc)) {
		cp_locator_free(&blc);
		json_decref(base);
		L->nomem = 1;
		return NULL;
	}
	cp_locator_free(&blc);
	/* a profile extending a skeleton gives its weights: it is no skeleton
	 * unless it says so itself */
	json_object_del(base, "skeleton");
	un = json_object_get(user, "nodes");
	bn = json_object_get(base, "nodes");
	if (json_is_array(un)) {
		record_origins(L, un, "$.nodes");
		if (L->nomem || index_origins(L)) {
			json_decref(base);
			L->nomem = 1;
			return NULL;
		}
		if (user_duplicates(L)) {
			json_decref(base);
			return NULL;
		}
		if (json_is_array(bn)) {
			if (merge_nodes(bn, un, L->name)) {
				json_decref(base);
				L->nomem = 1;
				return NULL;
			}
		} else if (json_object_set(base, "nodes", un)) {
			json_decref(base);
			L->nomem = 1;
			return NULL;
		}
	}
	/* the built-in's "bands_source" describes its own bands (or says they
	 * are not published): bands the user gives do not keep it */
	if (json_object_get(user, "bands") && !json_object_get(user, "bands_source"))
		json_object_del(base, "bands_source");
	json_object_foreach(user, key, val)
		if (strcmp(key, "nodes") && strcmp(key, "extends") && json_object_set(base, key, val)) {
			json_decref(base);
			L->nomem = 1;
			return NULL;
		}
	/* Bands given without label sets carry only the default set: the
	 * built-in's other sets labelled the built-in's bands, not these. */
	if (json_object_get(user, "bands") && !json_object_get(user, "label_sets")) {
		json_t *ls = json_object_get(base, "label_sets");
		while (json_is_array(ls) && json_array_size(ls) > 1)
			json_array_remove(ls, json_array_size(ls) - 1);
	}
	return base;
}

/* ---- the kind of a profile, and the method of an SKM survey ---------------- */

/* "kind": "assessment" (the default) or "skm" (Permenpan RB 14/2017
 * survey: bands without zones, the elements as top-level nodes, and an
 * "skm" section). */
static void load_kind(loader *L, json_t *root)
{
	const char *kind = get_str(L, root, "kind", "$", 0);

	L->p->kind = COMPLIANCE_PROFILE_ASSESSMENT;
	if (!kind || !strcmp(kind, "assessment"))
		;
	else if (!strcmp(kind, "skm"))
		L->p->kind = COMPLIANCE_PROFILE_SKM;
	else
		lerr(L, "$.kind", "expected \"assessment\" or \"skm\", found \"%s\"", kind);
	if (L->p->kind != COMPLIANCE_PROFILE_SKM && json_object_get(root, "skm"))
		lerr(L, "$.skm", "only a profile of \"kind\": \"skm\" has an \"skm\" section");
}

/*
 * The SKM method: IKM = conversion x sum(weight_i / total x NRR_i), the NRR
 * of an element being the mean of its answers. The elements are the
 * top-level nodes, each with one whole-number answer scale (the same for
 * all, from 1 up: 0 means no answer); conversion x the answer scale must
 * give the profile's scale.
 */
static void load_skm(loader *L, json_t *root)
{
	static const char *const keys[] = { "conversion", "weight_decimals", "source",
		                            "confidence", NULL };
	compliance_profile *p = L->p;
	json_t *sk = json_object_get(root, "skm"), *wd;
	cnum lo, hi;
	size_t i;

	if (!json_is_object(sk)) {
		lerr(L, "$.skm", "missing or not an object: expected {\"conversion\": 25, "
		                 "\"source\": ..., \"confidence\": ...}");
		return;
	}
	check_keys(L, sk, "$.skm", keys);
	if (get_num(L, json_object_get(sk, "conversion"), "$.skm.conversion", &p->skm_conversion,
	            0) == 1 && p->skm_conversion.n <= 0)
		lerr(L, "$.skm.conversion", "must be above zero");
	get_fact(L, sk, "$.skm", &p->skm_fact);
	/* "weight_decimals": each element's share rounded half-up to so many
	 * decimals, to reproduce published results that used a rounded
	 * weight (1/14 as 0.071); absent, the shares are exact */
	p->skm_weight_decimals = -1;
	wd = json_object_get(sk, "weight_decimals");
	if (wd && (!json_is_integer(wd) || json_integer_value(wd) < 1 ||
	           json_integer_value(wd) > 6))
		lerr(L, "$.skm.weight_decimals", "expected a whole number from 1 to 6");
	else if (wd)
		p->skm_weight_decimals = (int)json_integer_value(wd);
	if (p->nflags || p->nqualifiers)
		lerr(L, p->nflags ? "$.flags" : "$.qualifiers",
		     "an SKM profile has no flags or qualifiers");
	if (!p->nnodes) {
		lerr(L, "$.nodes", "an SKM profile lists its elements as nodes, e.g. {\"id\": \"U1\", "
		                   "\"weight\": 1, \"scale\": {\"min\": 1, \"max\": 4}}");
		return;
	}
	for (i = 0; i < p->nnodes; i++) {
		const cp_node *nd = &p->nodes[i];
		const char *path = L->node_paths && L->node_paths[i] ? L->node_paths[i] : "$.nodes";

		if (nd->depth != 0 || nd->first_child != CP_NONE) {
			lerr(L, path, "an SKM element has no children: list the elements at the top");
			return;
		}
		if (!nd->has_scale || nd->min.d != 1 || nd->max.d != 1 || nd->min.n < 1 ||
		    nd->max.n > INT32_MAX) {
			lerr(L, path, "an SKM element needs an answer scale of whole numbers from 1 up, "
			              "e.g. {\"min\": 1, \"max\": 4}");
			return;
		}
		if (cnum_cmp(nd->min, p->nodes[0].min) || cnum_cmp(nd->max, p->nodes[0].max)) {
			lerr(L, path, "every SKM element has the same answer scale as the first");
			return;
		}
	}
	if (cnum_mul(&lo, p->skm_conversion, p->nodes[0].min) ||
	    cnum_mul(&hi, p->skm_conversion, p->nodes[0].max) ||
	    cnum_cmp(lo, p->scale_min) || cnum_cmp(hi, p->scale_max))
		lerr(L, "$.skm.conversion", "the conversion times the answer scale (%s to %s) must "
		                            "give the scale %s to %s",
		     p->nodes[0].text[COMPLIANCE_NODE_SCALE_MIN],
		     p->nodes[0].text[COMPLIANCE_NODE_SCALE_MAX], p->scale_min_text,
		     p->scale_max_text);
}

static void load_root(loader *L, json_t *root)
{
	static const char *const keys[] = { "format", "id",    "extends",       "year",
		                            "name",   "description", "scale",   "rounding",
		                            "rollup", "bands", "bands_source", "weights_total",
		                            "nodes",  "flags", "qualifiers",    "kind",
		                            "skm",    "units",      "skeleton", "label_sets", NULL };
	compliance_profile *p = L->p;
	const char *fmt, *id;
	json_t *year, *ext = json_object_get(root, "extends");

	check_keys(L, root, "$", keys);
	load_kind(L, root);
	if (ext) {
		if (!json_is_string(ext)) {
			lerr(L, "$.extends", "expected the id of a built-in profile, e.g. \"ombudsman-2023\"");
		} else {
			p->extends = store(L, json_string_value(ext));
		}
	}
	fmt = get_str(L, root, "format", "$", 0);
	if (fmt && strcmp(fmt, "libcompliance-profile/1") != 0)
		lerr(L, "$.format", "expected \"libcompliance-profile/1\", found \"%s\"", fmt);
	id = get_str(L, root, "id", "$", 1);
	if (id && !valid_id(id))
		lerr(L, "$.id", "\"%s\": ids use letters, digits, '-', '_' and '.'", id);
	p->id = id ? id : "";
	p->name = get_str(L, root, "name", "$", 0);
	if (!p->name)
		p->name = p->id;
	year = json_object_get(root, "year");
	if (!json_is_integer(year) || json_integer_value(year) < 1900 ||
	    json_integer_value(year) > 9999)
		lerr(L, "$.year", "missing or invalid: expected a year such as 2023");
	else
		p->year = (int)json_integer_value(year);
	load_scale(L, root);
	load_rounding(L, root);
	load_rollup(L, root);
	load_units(L, root);
	if (!L->nerr)
		load_bands(L, root);
	load_tree(L, root);
	load_flags(L, root);
	load_qualifiers(L, root);
	finish_label_sets(L);
	if (p->kind == COMPLIANCE_PROFILE_SKM && !L->nerr)
		load_skm(L, root);
}

int cp_profile_load(compliance_ctx *ctx, compliance_profile **out, const char *data,
                    size_t size, const char *name)
{
	const cp_alloc *al = cp_ctx_alloc(ctx);
	compliance_profile *p;
	json_error_t jerr;
	json_t *root;
	loader L;
	const char *first;

	*out = NULL;
	if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		size -= 3;
	}
	if (memchr(data, '\0', size)) {
		cp_ctx_diag(ctx, "%s: a NUL byte at offset %zu: not JSON text", name,
		            (size_t)((const char *)memchr(data, '\0', size) - data));
		return cp_ctx_fail(ctx, COMPLIANCE_E_PROFILE, "%s: a NUL byte at offset %zu: not JSON text",
		                   name, (size_t)((const char *)memchr(data, '\0', size) - data));
	}
	/* jansson leaves the error's code unset (and its text empty) when it
	 * cannot allocate its lexer */
	memset(&jerr, 0, sizeof jerr);
	root = json_loadb(data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!root && (!jerr.text[0] || json_error_code(&jerr) == json_error_out_of_memory))
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory loading %s (in the JSON parser)",
		                   name);
	if (!root) {
		cp_ctx_diag(ctx, "%s:%d:%d: %s", name, jerr.line, jerr.column, jerr.text);
		return cp_ctx_fail(ctx, COMPLIANCE_E_PROFILE, "%s:%d:%d: invalid JSON: %s", name,
		                   jerr.line, jerr.column, jerr.text);
	}
	if (!json_is_object(root)) {
		json_decref(root);
		cp_ctx_diag(ctx, "%s:1:1: $: expected a JSON object", name);
		return cp_ctx_fail(ctx, COMPLIANCE_E_PROFILE, "%s:1:1: $: expected a JSON object",
		                   name);
	}
	p = cp_calloc(al, 1, sizeof *p);
	if (!p) {
		json_decref(root);
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory loading %s", name);
	}
	p->alloc = *al;
	atomic_init(&p->refs, 1);
	memset(&L, 0, sizeof L);
	L.ctx = ctx;
	L.name = name;
	L.p = p;
	cp_hash_key_init(&L.key);
	if (cp_locate(&L.lc, al, data, size)) {
		json_decref(root);
		cp_profile_destroy(p);
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory loading %s", name);
	}
	if (json_is_string(json_object_get(root, "extends"))) {
		json_t *merged = apply_extends(&L, root);
		if (merged) {
			p->extends = cp_profile_str(p, json_string_value(json_object_get(root, "extends")));
			if (!p->extends)
				L.nomem = 1;
			json_object_del(merged, "extends");
			json_decref(root);
			root = merged;
		}
	}
	if (!L.nerr && !L.nomem)
		load_root(&L, root);
	json_decref(root);
	if (L.node_paths) {
		size_t k;
		for (k = 0; k < p->nnodes; k++)
			cp_free(al, L.node_paths[k]);
		cp_free(al, L.node_paths);
	}
	{
		size_t o;
		for (o = 0; o < L.norigins; o++)
			cp_free(al, L.origins[o].path);
		cp_free(al, L.origins);
		cp_free(al, L.origin_slots);
		cp_free(al, L.id_slots);
	}
	cp_locator_free(&L.lc);
	if (!L.nomem && !L.nerr && cp_profile_index_nodes(p))
		L.nomem = 1;
	if (L.nomem) {
		cp_profile_destroy(p);
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory loading %s", name);
	}
	if (L.nerr) {
		cp_profile_destroy(p);
		first = compliance_ctx_diag(ctx, 0);
		if (!first)
			first = "invalid profile";
		if (L.nerr == 1)
			return cp_ctx_fail(ctx, COMPLIANCE_E_PROFILE, "%s", first);
		return cp_ctx_fail(ctx, COMPLIANCE_E_PROFILE, "%s (and %d more problem%s)", first,
		                   L.nerr - 1, L.nerr == 2 ? "" : "s");
	}
	*out = p;
	return COMPLIANCE_OK;
}
