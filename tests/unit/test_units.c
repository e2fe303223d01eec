/*
 * Unit counts are data (docs/methodology.md §1): the profile key "units",
 * its getter and source, and the per-entity warning of compute for an
 * entity with a unit count outside the range (scored all the same).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "compliance.h"

/* The ranges docs/methodology.md §1 gives for local governments. */
static void test_builtin_ranges(void **state)
{
	static const struct {
		const char *id;
		size_t min, max; /* 0: unknown */
	} want[] = {
		{ "ombudsman-2015", 0, 0 }, { "ombudsman-2016", 0, 0 }, { "ombudsman-2017", 0, 0 },
		{ "ombudsman-2018", 0, 0 }, { "ombudsman-2019", 0, 0 }, { "ombudsman-2021", 0, 0 },
		{ "ombudsman-2022", 6, 7 }, { "ombudsman-2023", 6, 7 }, { "ombudsman-2024", 5, 7 },
		{ "ombudsman-2025", 3, 6 },
	};
	compliance_ctx *ctx = NULL;
	size_t i;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		compliance_profile *p = NULL;
		size_t lo = 99, hi = 99;
		int t;

		assert_int_equal(compliance_profile_open(ctx, &p, want[i].id), COMPLIANCE_OK);
		/* every edition says where its unit count comes from, known or not */
		assert_true(strlen(compliance_profile_fact_source(p, COMPLIANCE_FACT_UNITS)) > 20);
		assert_non_null(strstr(compliance_profile_fact_source(p, COMPLIANCE_FACT_UNITS),
		                       "docs/methodology.md §1"));
		for (t = COMPLIANCE_ENTITY_PROVINSI; t <= COMPLIANCE_ENTITY_KABUPATEN; t++) {
			int rc = compliance_profile_unit_count_range(p, t, &lo, &hi);
			if (want[i].min) {
				assert_int_equal(rc, COMPLIANCE_OK);
				assert_int_equal(lo, want[i].min);
				assert_int_equal(hi, want[i].max);
			} else {
				assert_int_equal(rc, COMPLIANCE_E_NOTFOUND);
				assert_int_equal(lo, 0);
				assert_int_equal(hi, 0);
			}
		}
		assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_UNITS),
		                 want[i].min ? COMPLIANCE_CONF_STATED : COMPLIANCE_CONF_UNKNOWN);
		/* ministries and agencies: not published */
		assert_int_equal(compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_KEMENTERIAN,
		                                                     &lo, &hi),
		                 COMPLIANCE_E_NOTFOUND);
		assert_int_equal(compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_LEMBAGA,
		                                                     NULL, NULL),
		                 COMPLIANCE_E_NOTFOUND);
		/* misuse */
		assert_int_equal(compliance_profile_unit_count_range(p, 5, &lo, &hi),
		                 COMPLIANCE_E_INVALID);
		assert_int_equal(compliance_profile_unit_count_range(p, -1, &lo, &hi),
		                 COMPLIANCE_E_INVALID);
		assert_null(compliance_profile_fact_source(p, COMPLIANCE_FACT_UNITS + 1));
		assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_UNITS + 1),
		                 COMPLIANCE_E_INVALID);
		compliance_profile_free(p);
	}
	assert_int_equal(compliance_profile_unit_count_range(NULL, COMPLIANCE_ENTITY_KOTA, NULL,
	                                                     NULL),
	                 COMPLIANCE_E_INVALID);
	compliance_ctx_free(ctx);
}

static const char base[] =
	"{\"id\": \"u\", \"year\": 2024,"
	" \"scale\": {\"min\": 0, \"max\": 100},"
	" \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},"
	" \"bands\": [{\"min\": \"50.00\", \"max\": \"100.00\", \"zone\": \"hijau\", \"label\": \"H\"},"
	"             {\"min\": \"0.00\", \"max\": \"49.99\", \"zone\": \"merah\", \"label\": \"M\"}]";

/* Loads base + extra + "}"; returns the code, the first diagnostic in why. */
static int load(compliance_ctx *ctx, compliance_profile **p, const char *extra, char *why,
                size_t size)
{
	char text[2048];
	int rc;

	snprintf(text, sizeof text, "%s%s}", base, extra);
	rc = compliance_profile_load_buffer(ctx, p, text, strlen(text), "u.json");
	snprintf(why, size, "%s", rc ? compliance_ctx_errmsg(ctx) : "");
	return rc;
}

static void test_load(void **state)
{
	static const struct {
		const char *extra, *path;
	} bad[] = {
		{ ", \"units\": 5", "$.units" },
		{ ", \"units\": {\"min\": 6, \"max\": 5}", "$.units" },
		{ ", \"units\": {\"min\": 0, \"max\": 5}", "$.units.min" },
		{ ", \"units\": {\"min\": 2.5, \"max\": 5}", "$.units.min" },
		{ ", \"units\": {\"min\": \"3\", \"max\": 5}", "$.units.min" },
		{ ", \"units\": {\"min\": 3}", "$.units.max" },
		{ ", \"units\": {\"min\": 3, \"max\": null}", "$.units" },
		{ ", \"units\": {\"min\": 3, \"max\": 6, \"entity_types\": [\"desa\"]}",
		  "$.units.entity_types[0]" },
		{ ", \"units\": {\"min\": 3, \"max\": 6, \"entity_types\": []}", "$.units.entity_types" },
		{ ", \"units\": {\"min\": 3, \"max\": 6, \"typo\": 1}", "$.units.typo" },
		{ ", \"units\": {\"min\": 3, \"max\": 6, \"confidence\": \"X\"}", "$.units.confidence" },
	};
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	char why[1024];
	size_t i, lo, hi;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char at[64];
		if (load(ctx, &p, bad[i].extra, why, sizeof why) != COMPLIANCE_E_PROFILE)
			fail_msg("accepted: %s", bad[i].extra);
		assert_null(p);
		snprintf(at, sizeof at, "u.json:1:");
		assert_non_null(strstr(why, at));
		snprintf(at, sizeof at, ": %s: ", bad[i].path);
		if (!strstr(why, at))
			fail_msg("%s: message lacks '%s': %s", bad[i].extra, at, why);
	}

	/* no key: unknown */
	assert_int_equal(load(ctx, &p, "", why, sizeof why), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_KOTA, &lo, &hi),
	                 COMPLIANCE_E_NOTFOUND);
	assert_string_equal(compliance_profile_fact_source(p, COMPLIANCE_FACT_UNITS), "");
	compliance_profile_free(p);
	/* both null: unknown, with its source */
	assert_int_equal(load(ctx, &p, ", \"units\": {\"min\": null, \"max\": null, \"source\": "
	                               "\"not published\", \"confidence\": \"unknown\"}",
	                      why, sizeof why),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_KOTA, &lo, &hi),
	                 COMPLIANCE_E_NOTFOUND);
	assert_string_equal(compliance_profile_fact_source(p, COMPLIANCE_FACT_UNITS),
	                    "not published");
	compliance_profile_free(p);
	/* a range for every type when entity_types is absent; a single count */
	assert_int_equal(load(ctx, &p, ", \"units\": {\"min\": 4, \"max\": 4, \"source\": \"s\", "
	                               "\"confidence\": \"I\"}",
	                      why, sizeof why),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_KEMENTERIAN, &lo,
	                                                     &hi),
	                 COMPLIANCE_OK);
	assert_int_equal(lo, 4);
	assert_int_equal(hi, 4);
	assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_UNITS),
	                 COMPLIANCE_CONF_INFERRED);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* A user profile extending a built-in keeps its unit range, or replaces it. */
static void test_extends(void **state)
{
	static const char keep[] = "{\"id\": \"mine\", \"extends\": \"ombudsman-2024\"}";
	static const char own[] = "{\"id\": \"mine\", \"extends\": \"ombudsman-2024\", \"units\": "
	                          "{\"min\": 2, \"max\": 9, \"entity_types\": [\"kementerian\"], "
	                          "\"source\": \"my office\", \"confidence\": \"S\"}}";
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	size_t lo, hi;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, keep, strlen(keep), "keep.json"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_KABUPATEN, &lo,
	                                                     &hi),
	                 COMPLIANCE_OK);
	assert_int_equal(lo, 5);
	assert_int_equal(hi, 7);
	compliance_profile_free(p);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, own, strlen(own), "own.json"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_KABUPATEN, &lo,
	                                                     &hi),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_KEMENTERIAN, &lo,
	                                                     &hi),
	                 COMPLIANCE_OK);
	assert_int_equal(lo, 2);
	assert_int_equal(hi, 9);
	assert_string_equal(compliance_profile_fact_source(p, COMPLIANCE_FACT_UNITS), "my office");
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Adds n units: the first scores 50.00, the others 80.00. */
static void add_units(compliance_assessment *a, const char *entity, const char *type, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char unit[32];
		snprintf(unit, sizeof unit, "Unit %zu", i + 1);
		assert_int_equal(compliance_assessment_add_unit_score(a, entity, type, unit,
		                                                      i == 0 ? "50.00" : "80.00"),
		                 COMPLIANCE_OK);
	}
}

static int check_of(compliance_assessment *a, const char *entity)
{
	size_t idx;

	assert_int_equal(compliance_assessment_find(a, entity, &idx), COMPLIANCE_OK);
	return compliance_assessment_entity_unit_check(a, idx);
}

static const char *score_of(compliance_assessment *a, const char *entity)
{
	size_t idx;

	assert_int_equal(compliance_assessment_find(a, entity, &idx), COMPLIANCE_OK);
	return compliance_assessment_entity_score_text(a, idx);
}

/* 2025: 3 to 6 units for a local government. Outside the range the entity
 * is scored all the same, and flagged. */
static void test_compute_flag(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2025"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	add_units(a, "Kota Dua", "kota", 2);
	add_units(a, "Kota Tiga", "kota", 3);
	add_units(a, "Kabupaten Enam", "kabupaten", 6);
	add_units(a, "Provinsi Tujuh", "provinsi", 7);
	add_units(a, "Kementerian Satu", "kementerian", 1);
	assert_int_equal(compliance_assessment_entity_unit_check(a, 0), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(check_of(a, "Kota Dua"), COMPLIANCE_UNITS_TOO_FEW);
	assert_int_equal(check_of(a, "Kota Tiga"), COMPLIANCE_UNITS_IN_RANGE);
	assert_int_equal(check_of(a, "Kabupaten Enam"), COMPLIANCE_UNITS_IN_RANGE);
	assert_int_equal(check_of(a, "Provinsi Tujuh"), COMPLIANCE_UNITS_TOO_MANY);
	assert_int_equal(check_of(a, "Kementerian Satu"), COMPLIANCE_UNITS_UNCHECKED);
	/* scored all the same: (50 + 80) / 2 = 65.00; (50 + 6 x 80) / 7 = 75.714... */
	assert_string_equal(score_of(a, "Kota Dua"), "65.00");
	assert_string_equal(score_of(a, "Provinsi Tujuh"), "75.71");
	assert_string_equal(score_of(a, "Kementerian Satu"), "50.00");
	assert_int_equal(compliance_assessment_entity_unit_check(a, 5), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_entity_unit_check(NULL, 0), COMPLIANCE_E_INVALID);
	assert_string_equal(compliance_enum_short_name("compliance_unit_check",
	                                               COMPLIANCE_UNITS_TOO_MANY),
	                    "too_many");
	compliance_assessment_free(a);
	compliance_profile_free(p);

	/* 2021: the count is not published, nothing is checked */
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2021"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	add_units(a, "Kota Magelang", "kota", 4);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(check_of(a, "Kota Magelang"), COMPLIANCE_UNITS_UNCHECKED);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_ranges),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_extends),
		cmocka_unit_test(test_compute_flag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
