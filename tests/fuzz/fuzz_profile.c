/*
 * compliance_profile_load_buffer() on the input. A profile that loads is
 * then used: every accessor, classification of its scale's ends and band
 * edges, and a small assessment scored through it (unit scores, product
 * scores, indicator answers at the ends of each scale with some left
 * missing, the entity-level inputs its explanation names) under every
 * missing-answer policy, each entity explained.
 */
#include <jansson.h>

#include "fuzz_common.h"

typedef const char *(*profile_text_getter)(const compliance_profile *, size_t);
/* The band's and the node's text getters, in one table each. */
static const profile_text_getter band_getters[] = {
	compliance_profile_band_lower, compliance_profile_band_upper,
	compliance_profile_band_category, compliance_profile_band_zone,
	compliance_profile_band_label, compliance_profile_band_label_en,
	compliance_profile_band_source
};
static const profile_text_getter node_getters[] = {
	compliance_profile_node_id, compliance_profile_node_name,
	compliance_profile_node_parent, compliance_profile_node_weight,
	compliance_profile_node_source, compliance_profile_node_scale_min,
	compliance_profile_node_scale_max
};
#define NGETTERS(t) (sizeof (t) / sizeof (t)[0])

#define TARGET "fuzz_profile"

static void classify(compliance_ctx *ctx, const compliance_profile *p, const char *s)
{
	int64_t r;
	size_t b;
	int rc;

	if (!s)
		fz_die(TARGET, "a profile text field is NULL", NULL);
	rc = compliance_profile_classify(ctx, p, s, &r, &b);
	fz_check_error(TARGET, rc, compliance_ctx_errmsg(ctx));
	if (rc == 0 && b >= compliance_profile_band_count(p))
		fz_die(TARGET, "classify gave a band past the end", s);
}

static void accessors(compliance_ctx *ctx, const compliance_profile *p)
{
	size_t i, n, g;
	int f;

	(void)compliance_profile_id(p);
	(void)compliance_profile_name(p);
	(void)compliance_profile_year(p);
	(void)compliance_profile_rounding(p);
	(void)compliance_profile_decimals(p);
	(void)compliance_profile_has_categories(p);
	for (f = COMPLIANCE_FACT_SCALE; f <= COMPLIANCE_FACT_BANDS; f++) {
		if (!compliance_profile_fact_source(p, f))
			fz_die(TARGET, "a fact source is NULL", NULL);
		(void)compliance_confidence_code(compliance_profile_fact_confidence(p, f));
	}
	classify(ctx, p, compliance_profile_scale_min(p));
	classify(ctx, p, compliance_profile_scale_max(p));
	n = compliance_profile_band_count(p);
	if (n == 0)
		fz_die(TARGET, "a loaded profile without bands", NULL);
	for (i = 0; i < n; i++) {
		for (g = 0; g < NGETTERS(band_getters); g++)
			if (!band_getters[g](p, i))
				fz_die(TARGET, "a band field is NULL", NULL);
		classify(ctx, p, compliance_profile_band_lower(p, i));
		classify(ctx, p, compliance_profile_band_upper(p, i));
		(void)compliance_profile_band_confidence(p, i);
	}
	if (compliance_profile_band_lower(p, n) != NULL)
		fz_die(TARGET, "a band past the end is not NULL", NULL);
	n = compliance_profile_node_count(p);
	for (i = 0; i < n; i++) {
		for (g = 0; g < NGETTERS(node_getters); g++)
			if (!node_getters[g](p, i))
				fz_die(TARGET, "a node field is NULL", NULL);
		if (compliance_profile_node_depth(p, i) < 0)
			fz_die(TARGET, "a node with a negative depth", NULL);
		(void)compliance_profile_node_confidence(p, i);
	}
	if (compliance_profile_node_id(p, n) != NULL)
		fz_die(TARGET, "a node past the end is not NULL", NULL);
}

static void checked(compliance_assessment *a, int rc)
{
	fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
}

/* Gives every entity the entity-level inputs (qualifier inputs, flags)
 * that its explanation lists: all of it is gathered first, since adding
 * data clears the results. */
static void add_inputs(compliance_assessment *a)
{
	size_t n = compliance_assessment_entity_count(a), k, i;
	json_t *todo = json_array(), *t, *v, *arr;
	char *x = NULL;

	for (k = 0; k < n; k++) {
		json_t *doc;
		if (compliance_assessment_explain(a, k, COMPLIANCE_EXPLAIN_JSON, &x))
			continue;
		doc = json_loads(x, 0, NULL);
		compliance_free(x);
		if (!doc)
			fz_die(TARGET, "explain gave invalid JSON", NULL);
		arr = json_object_get(doc, "qualifiers");
		json_array_foreach(arr, i, v)
			json_array_append_new(todo, json_pack("[O, O, O, s]", json_object_get(doc, "entity"),
			                                      json_object_get(doc, "entity_type"),
			                                      json_object_get(v, "input"),
			                                      i % 2 ? "tidak" : "ya"));
		arr = json_object_get(doc, "flags");
		json_array_foreach(arr, i, v)
			json_array_append_new(todo, json_pack("[O, O, O, s]", json_object_get(doc, "entity"),
			                                      json_object_get(doc, "entity_type"),
			                                      json_object_get(v, "id"), "1"));
		json_decref(doc);
	}
	json_array_foreach(todo, i, t)
		checked(a, compliance_assessment_add_value(a, json_string_value(json_array_get(t, 0)),
		                                           json_string_value(json_array_get(t, 1)),
		                                           COMPLIANCE_UNIT_ENTITY,
		                                           json_string_value(json_array_get(t, 2)),
		                                           json_string_value(json_array_get(t, 3))));
	json_decref(todo);
}

static void score(compliance_ctx *ctx, compliance_profile *p)
{
	const char *lo = compliance_profile_scale_min(p), *hi = compliance_profile_scale_max(p);
	size_t n = compliance_profile_node_count(p), i;
	int policy;

	for (policy = COMPLIANCE_MISSING_ERROR; policy <= COMPLIANCE_MISSING_MINIMUM; policy++) {
		compliance_assessment *a;
		char *text;
		int rc;

		if (compliance_assessment_new(ctx, &a, p))
			fz_die(TARGET, "assessment_new", compliance_ctx_errmsg(ctx));
		checked(a, compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, policy));
		(void)compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP, policy == 1
		                                       ? COMPLIANCE_ROLLUP_PRODUCTS
		                                       : COMPLIANCE_ROLLUP_DEFAULT);
		checked(a, compliance_assessment_add_unit_score(a, "Kota A", "kota", "u1", hi));
		checked(a, compliance_assessment_add_unit_score(a, "Kota A", "kota", "u2", lo));
		checked(a, compliance_assessment_add_product_score(a, "Kementerian C", "kementerian",
		                                                   "u1", "p1", hi));
		checked(a, compliance_assessment_add_product_score(a, "Kementerian C", "kementerian",
		                                                   "u1", "p2", lo));
		checked(a, compliance_assessment_add_product_score(a, "Kementerian C", "kementerian",
		                                                   "u2", "p1", lo));
		for (i = 0; i < n; i++) {
			const char *id = compliance_profile_node_id(p, i);
			const char *mn = compliance_profile_node_scale_min(p, i);
			const char *mx = compliance_profile_node_scale_max(p, i);
			if (!mx[0])
				continue;
			checked(a, compliance_assessment_add_value(a, "Kabupaten B", "kabupaten", "u1", id, mx));
			checked(a, compliance_assessment_add_value(a, "Kabupaten B", "kabupaten", "u2", id, mn));
			if (i % 3)
				checked(a, compliance_assessment_add_value(a, "Kabupaten B", "kabupaten", "u3",
				                                           id, i % 2 ? mn : mx));
		}
		if (n) /* an inner node's score given directly, on the profile's scale */
			checked(a, compliance_assessment_add_value(a, "Provinsi D", "provinsi", "u1",
			                                           compliance_profile_node_id(p, 0), hi));
		rc = compliance_assessment_compute(a);
		checked(a, rc);
		if (rc == 0) {
			add_inputs(a);
			rc = compliance_assessment_compute(a);
			checked(a, rc);
		}
		if (rc == 0) {
			text = fz_results(TARGET, a);
			free(text);
		}
		compliance_assessment_free(a);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	compliance_ctx *ctx;
	compliance_profile *p = NULL;
	int rc;
	size_t i;

	ctx = fz_ctx_new();
	rc = compliance_profile_load_buffer(ctx, &p, (const char *)data, size, "fuzz.json");
	fz_check_error(TARGET, rc, compliance_ctx_errmsg(ctx));
	if (rc) {
		if (p)
			fz_die(TARGET, "a failed load returned a profile", NULL);
		if (compliance_ctx_errcode(ctx) != rc)
			fz_die(TARGET, "the context's code is not the one returned", NULL);
		if (rc == COMPLIANCE_E_PROFILE && compliance_ctx_diag_count(ctx) == 0)
			fz_die(TARGET, "an invalid profile without diagnostics", compliance_ctx_errmsg(ctx));
		for (i = 0; i < compliance_ctx_diag_count(ctx); i++)
			if (!compliance_ctx_diag(ctx, i) || !compliance_ctx_diag(ctx, i)[0])
				fz_die(TARGET, "an empty diagnostic", NULL);
		if (compliance_ctx_diag(ctx, i) != NULL)
			fz_die(TARGET, "a diagnostic past the end is not NULL", NULL);
	} else {
		compliance_profile *ref = compliance_profile_ref(p);
		accessors(ctx, p);
		score(ctx, p);
		compliance_profile_free(ref);
		compliance_profile_free(p);
	}
	compliance_ctx_free(ctx);
	fz_check_released(TARGET, 0);
	return 0;
}
