/*
 * Assessments through the public API: ranks and order, roll-ups, input
 * errors and their messages, CSV input that is all-or-nothing, state
 * rules, NULL safety and error strings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "compliance.h"
#include "unit_text.h"

typedef struct fixture {
	compliance_ctx *ctx;
	compliance_profile *p2022, *p2021;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);

	if (!f || compliance_ctx_new(&f->ctx) ||
	    compliance_profile_open(f->ctx, &f->p2022, "ombudsman-2022") ||
	    compliance_profile_open(f->ctx, &f->p2021, "ombudsman-2021"))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	compliance_profile_free(f->p2022);
	compliance_profile_free(f->p2021);
	compliance_ctx_free(f->ctx);
	free(f);
	return 0;
}

static compliance_assessment *new_assessment(fixture *f, compliance_profile *p)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, p), COMPLIANCE_OK);
	assert_non_null(a);
	return a;
}

static void add_ok(compliance_assessment *a, const char *entity, const char *type,
                   const char *unit, const char *score)
{
	if (compliance_assessment_add_unit_score(a, entity, type, unit, score) != COMPLIANCE_OK)
		fail_msg("add %s/%s/%s: %s", entity, unit, score, compliance_assessment_errmsg(a));
	assert_string_equal(compliance_assessment_errmsg(a), "");
}

static void add_product_ok(compliance_assessment *a, const char *entity, const char *type,
                           const char *unit, const char *product, const char *score)
{
	if (compliance_assessment_add_product_score(a, entity, type, unit, product, score) !=
	    COMPLIANCE_OK)
		fail_msg("add %s/%s/%s: %s", entity, unit, product, compliance_assessment_errmsg(a));
}

static void expect_msg(const compliance_assessment *a, const char *part)
{
	const char *msg = compliance_assessment_errmsg(a);

	assert_non_null(msg);
	if (!strstr(msg, part))
		fail_msg("message \"%s\" does not contain \"%s\"", msg, part);
}

/* Checks entity `i` of the results: name, score text, ranks. */
static void expect_entity(compliance_assessment *a, size_t i, const char *name,
                          const char *score, size_t rank, size_t rank_in_type)
{
	size_t r = 0, rt = 0, found = 999;

	assert_string_equal(compliance_assessment_entity_name(a, i), name);
	assert_string_equal(compliance_assessment_entity_score_text(a, i), score);
	assert_int_equal(compliance_assessment_entity_rank(a, i, &r, &rt), COMPLIANCE_OK);
	if (r != rank || rt != rank_in_type)
		fail_msg("%s: rank %zu/%zu, expected %zu/%zu", name, r, rt, rank, rank_in_type);
	assert_int_equal(compliance_assessment_find(a, name, &found), COMPLIANCE_OK);
	assert_int_equal(found, i);
}

/* ---- reserved forms of the values input (issue 8) ---------------------------- */

/* A node whose id is "unit" is an ordinary node: the unit's own score is
 * "@score", an entity-level input takes the unit "@entity", and an empty
 * unit name is an error (it meant "entity-level" before). */
static void test_reserved_forms(void **state)
{
	static const char prof[] =
		"{\"format\": \"libcompliance-profile/1\", \"id\": \"t\", \"year\": 2023,\n"
		" \"scale\": {\"min\": 0, \"max\": 100},\n"
		" \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
		" \"bands\": [{\"min\": 50, \"max\": 100, \"category\": \"A\", \"zone\": \"hijau\", \"label\": \"Baik\"},\n"
		"           {\"min\": 0, \"max\": 49.99, \"category\": \"B\", \"zone\": \"merah\", \"label\": \"Buruk\"}],\n"
		" \"nodes\": [{\"id\": \"unit\", \"weight\": 60, \"scale\": {\"min\": 0, \"max\": 3}},\n"
		"           {\"id\": \"other\", \"weight\": 40, \"scale\": {\"min\": 0, \"max\": 3}}],\n"
		" \"flags\": [{\"id\": \"late\", \"deduction\": 10}]}";
	fixture *f = *state;
	compliance_profile *p = NULL;
	compliance_assessment *a;

	if (compliance_profile_load_buffer(f->ctx, &p, prof, sizeof prof - 1, "t.json"))
		fail_msg("%s", compliance_ctx_errmsg(f->ctx));
	a = new_assessment(f, p);
	/* node "unit" answered 3 of 3 (weight 60), "other" 0: 60.00; then a
	 * unit given by its own score, 81.25; the mean 70.625 -> 70.63, less
	 * the flag's 10: 60.63 */
	assert_int_equal(compliance_assessment_read_csv_buffer(a,
	                     "entity,entity_type,unit,indicator,value\n"
	                     "Kota A,kota,U1,unit,3\n"
	                     "Kota A,kota,U1,other,0\n"
	                     "Kota A,kota,U2,@score,81.25\n"
	                     "Kota A,kota,@entity,late,ya\n",
	                     strlen("entity,entity_type,unit,indicator,value\n"
	                            "Kota A,kota,U1,unit,3\n"
	                            "Kota A,kota,U1,other,0\n"
	                            "Kota A,kota,U2,@score,81.25\n"
	                            "Kota A,kota,@entity,late,ya\n"),
	                     "v.csv"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "60.63");
	/* the API: an empty unit, and unknown '@' forms */
	assert_int_equal(compliance_assessment_add_value(a, "Kota B", "kota", "", "late", "ya"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "the unit name is empty");
	assert_int_equal(compliance_assessment_add_value(a, "Kota B", "kota", "@unit", "other", "1"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "a unit name starting with '@' is reserved");
	assert_int_equal(compliance_assessment_add_value(a, "Kota B", "kota", "U1", "@nilai", "1"),
	                 COMPLIANCE_E_NOTFOUND);
	expect_msg(a, "an indicator starting with '@' is reserved");
	assert_int_equal(compliance_assessment_add_value(a, "Kota B", "kota", "U1", "@score", "75"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "Kota B", "kota",
	                                                 COMPLIANCE_UNIT_ENTITY, "late", "tidak"),
	                 COMPLIANCE_OK);
	compliance_assessment_free(a);
	compliance_profile_free(p);
}

/* ---- ranks and order --------------------------------------------------------- */

static void test_ranks_simple(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);

	add_ok(a, "Kota D", "kota", "U", "80.00");
	add_ok(a, "Kota B", "kota", "U", "85.00");
	add_ok(a, "Kota A", "kota", "U", "90.00");
	add_ok(a, "Kota C", "kota", "U", "85");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 4);
	/* descending score, equal scores by name; 1, 2, 2, 4 */
	expect_entity(a, 0, "Kota A", "90.00", 1, 1);
	expect_entity(a, 1, "Kota B", "85.00", 2, 2);
	expect_entity(a, 2, "Kota C", "85.00", 2, 2);
	expect_entity(a, 3, "Kota D", "80.00", 4, 4);
	compliance_assessment_free(a);
}

static void test_ranks_by_type(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);
	int64_t s = 0;

	/* added out of order on purpose */
	add_ok(a, "Kota D", "kota", "U", "80.00");
	add_ok(a, "Kabupaten E", "kabupaten", "U", "80.00");
	add_ok(a, "Kota B", "kota", "U", "85.00");
	/* 84.99 and 85.00 average 84.995, which rounds to 85.00: a tie on the rounded score */
	add_ok(a, "Kota F", "kota", "U1", "84.99");
	add_ok(a, "Kota F", "kota", "U2", "85.00");
	add_ok(a, "Kabupaten C", "kabupaten", "U", "85.00");
	add_ok(a, "Kota A", "kota", "U", "90.00");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 6);

	expect_entity(a, 0, "Kota A", "90.00", 1, 1);
	expect_entity(a, 1, "Kabupaten C", "85.00", 2, 1);
	expect_entity(a, 2, "Kota B", "85.00", 2, 2);
	expect_entity(a, 3, "Kota F", "85.00", 2, 2);
	expect_entity(a, 4, "Kabupaten E", "80.00", 5, 2);
	expect_entity(a, 5, "Kota D", "80.00", 5, 4);

	assert_string_equal(compliance_assessment_entity_mean_text(a, 3), "84.995");
	assert_int_equal(compliance_assessment_entity_score(a, 3, &s), COMPLIANCE_OK);
	assert_int_equal(s, 8500);
	assert_int_equal(compliance_assessment_entity_type(a, 1), COMPLIANCE_ENTITY_KABUPATEN);
	assert_int_equal(compliance_assessment_entity_type(a, 2), COMPLIANCE_ENTITY_KOTA);
	/* units keep the order they were given */
	assert_int_equal(compliance_assessment_unit_count(a, 3), 2);
	assert_string_equal(compliance_assessment_unit_name(a, 3, 0), "U1");
	assert_string_equal(compliance_assessment_unit_name(a, 3, 1), "U2");
	assert_string_equal(unit_score_text(a, 3, 0), "84.99");
	assert_int_equal(compliance_assessment_product_count(a, 3), 2);
	/* ranks may be asked for one at a time */
	{
		size_t r = 0;
		assert_int_equal(compliance_assessment_entity_rank(a, 5, NULL, &r), COMPLIANCE_OK);
		assert_int_equal(r, 4);
		assert_int_equal(compliance_assessment_entity_rank(a, 5, &r, NULL), COMPLIANCE_OK);
		assert_int_equal(r, 5);
		assert_int_equal(compliance_assessment_entity_rank(a, 5, NULL, NULL), COMPLIANCE_OK);
	}
	/* bands follow the rounded score */
	{
		size_t band = 99;
		assert_int_equal(compliance_assessment_entity_band(a, 0, &band), COMPLIANCE_OK);
		assert_string_equal(compliance_profile_band_category(f->p2022, band), "A");
		assert_int_equal(compliance_assessment_entity_band(a, 1, &band), COMPLIANCE_OK);
		assert_string_equal(compliance_profile_band_category(f->p2022, band), "B");
	}
	compliance_assessment_free(a);
}

/* Entities of every type, each ranked only among its own type. */
static void test_rank_in_type_all_types(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);
	static const char *const types[] = { "kementerian", "lembaga", "provinsi", "kota",
		                             "kabupaten" };
	size_t t, i;

	for (t = 0; t < 5; t++) {
		char name[64], score[16];
		for (i = 0; i < 3; i++) {
			snprintf(name, sizeof name, "%s %zu", types[t], i);
			snprintf(score, sizeof score, "%zu.00", 90 - 10 * i - t);
			add_ok(a, name, types[t], "Unit", score);
		}
	}
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 15);
	for (i = 0; i < 15; i++) {
		size_t r, rt, k;
		const char *name = compliance_assessment_entity_name(a, i);
		const char *type = compliance_enum_short_name("compliance_entity_type",
		                                              compliance_assessment_entity_type(a, i));
		assert_int_equal(compliance_assessment_entity_rank(a, i, &r, &rt), COMPLIANCE_OK);
		assert_int_equal(r, i + 1); /* all scores differ */
		/* "<type> <k>": the k-th best of its type */
		assert_true(strncmp(name, type, strlen(type)) == 0);
		k = (size_t)atoi(name + strlen(type) + 1);
		assert_int_equal(rt, k + 1);
	}
	compliance_assessment_free(a);
}

/* ---- roll-ups ------------------------------------------------------------------ */

static compliance_assessment *tangerang_2021(fixture *f)
{
	compliance_assessment *a = new_assessment(f, f->p2021);

	/* OPD 1: three products (mean 272/3 = 90.666..., rounded 90.67); OPD 2: one */
	add_product_ok(a, "Kota Tangerang", "kota", "OPD 1", "Produk 1", "90");
	add_product_ok(a, "Kota Tangerang", "kota", "OPD 1", "Produk 2", "91");
	add_product_ok(a, "Kota Tangerang", "kota", "OPD 1", "Produk 3", "91");
	add_product_ok(a, "Kota Tangerang", "kota", "OPD 2", "Produk 1", "70");
	return a;
}

static void test_rollup_products_vs_units(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = tangerang_2021(f);

	/* 2021 default: the mean over all products, (90 + 91 + 91 + 70) / 4 = 85.5 */
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_ROLLUP_PRODUCTS);
	assert_string_equal(compliance_assessment_entity_mean_text(a, 0), "85.5");
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "85.50");
	assert_string_equal(compliance_assessment_entity_zone(a, 0), "hijau");
	assert_string_equal(compliance_assessment_entity_category(a, 0), "");
	assert_int_equal(compliance_assessment_unit_count(a, 0), 2);
	assert_int_equal(compliance_assessment_product_count(a, 0), 4);
	assert_string_equal(unit_exact_text(a, 0, 0), "272/3");
	assert_string_equal(unit_score_text(a, 0, 0), "90.67");
	assert_string_equal(unit_exact_text(a, 0, 1), "70");
	assert_string_equal(unit_score_text(a, 0, 1), "70.00");

	/* over units: the rounded unit scores (two-stage rounding) averaged,
	 * (90.67 + 70.00) / 2 = 80.335 -> 80.34 (unrounded it would be 80.33) */
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_UNITS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_ROLLUP_UNITS);
	assert_string_equal(compliance_assessment_entity_mean_text(a, 0), "80.335");
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "80.34");
	assert_string_equal(compliance_assessment_entity_zone(a, 0), "kuning");
	assert_int_equal(compliance_assessment_product_count(a, 0), 4);

	/* explicitly over products, then back to the profile's default */
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_PRODUCTS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_ROLLUP_PRODUCTS);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "85.50");
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_UNITS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_DEFAULT), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_ROLLUP_PRODUCTS);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "85.50");
	compliance_assessment_free(a);
}

static void test_rollup_equal_counts_agree(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2021);

	/* with equal product counts per unit both roll-ups agree */
	add_product_ok(a, "Kota Sama", "kota", "OPD 1", "P1", "80");
	add_product_ok(a, "Kota Sama", "kota", "OPD 1", "P2", "90");
	add_product_ok(a, "Kota Sama", "kota", "OPD 2", "P1", "60");
	add_product_ok(a, "Kota Sama", "kota", "OPD 2", "P2", "71");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "75.25");
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_UNITS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "75.25");
	compliance_assessment_free(a);
}

static void test_rollup_option_errors(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);

	/* 2022 scores units; a roll-up over products is not allowed */
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_PRODUCTS),
	                 COMPLIANCE_E_INVALID);
	expect_msg(a, "ombudsman-2022");
	expect_msg(a, "products");
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP, 7),
	                 COMPLIANCE_E_INVALID);
	expect_msg(a, "7");
	assert_int_equal(compliance_assessment_set_option(a, 999, 1), COMPLIANCE_E_INVALID);
	expect_msg(a, "999");
	/* allowed */
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_UNITS), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_errmsg(a), "");
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_DEFAULT), COMPLIANCE_OK);
	/* the failed calls changed nothing: the default is used */
	add_ok(a, "Kota A", "kota", "U", "50");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_ROLLUP_UNITS);
	compliance_assessment_free(a);
}

/* ---- input errors -------------------------------------------------------------- */

static void test_add_errors(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);
	size_t idx;
	int64_t s;

	add_ok(a, "Kota A", "kota", "Disdukcapil", "80.00");

	/* the same unit twice */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota A", "kota", "Disdukcapil",
	                                                      "81.00"), COMPLIANCE_E_DUPLICATE);
	expect_msg(a, "Disdukcapil");
	expect_msg(a, "Kota A");
	/* one entity with two types */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota A", "kabupaten", "Dinsos",
	                                                      "81.00"), COMPLIANCE_E_DUPLICATE);
	expect_msg(a, "kota");
	expect_msg(a, "kabupaten");
	/* an unknown type */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Desa B", "desa", "U", "50"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "'desa'");
	expect_msg(a, "kabupaten");
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "", "U", "50"),
	                 COMPLIANCE_E_PARSE);
	/* empty names */
	assert_int_equal(compliance_assessment_add_unit_score(a, "", "kota", "U", "50"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "entity name is empty");
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "", "50"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "unit name is empty");
	/* scores that are not numbers */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "U", "8o.5"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "'8o.5'");
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "U", "80,5"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "'80,5'");
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "U", ""),
	                 COMPLIANCE_E_PARSE);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "U", "8e1"),
	                 COMPLIANCE_E_PARSE);
	/* scores outside the scale */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "U", "100.01"),
	                 COMPLIANCE_E_RANGE);
	expect_msg(a, "'100.01'");
	expect_msg(a, "ombudsman-2022");
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "U", "-0.01"),
	                 COMPLIANCE_E_RANGE);
	/* more digits than an exact value holds */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "U",
	                                                      "50.0000000000000000000000000000001"),
	                 COMPLIANCE_E_OVERFLOW);
	assert_true(compliance_assessment_errmsg(a)[0] != '\0');
	/* names that are not valid UTF-8 text */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota \xC3", "kota", "U", "50"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "UTF-8");
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "Unit \xFF", "50"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "UTF-8");
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota\tB", "kota", "U", "50"),
	                 COMPLIANCE_E_PARSE);
	/* NULL arguments */
	assert_int_equal(compliance_assessment_add_unit_score(a, NULL, "kota", "U", "50"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", NULL, "U", "50"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", NULL, "50"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota B", "kota", "U", NULL),
	                 COMPLIANCE_E_INVALID);
	assert_true(compliance_assessment_errmsg(a)[0] != '\0');

	/* none of the failed calls added anything */
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 1);
	assert_int_equal(compliance_assessment_find(a, "Kota B", &idx), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_find(a, "Kota A", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(a, idx), 1);
	assert_int_equal(compliance_assessment_entity_score(a, idx, &s), COMPLIANCE_OK);
	assert_int_equal(s, 8000);
	/* and a failed call on a computed assessment keeps its results */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota A", "kota", "Disdukcapil",
	                                                      "10"), COMPLIANCE_E_DUPLICATE);
	assert_int_equal(compliance_assessment_entity_count(a), 1);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "80.00");
	compliance_assessment_free(a);
}

static void test_product_errors(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2021);

	add_product_ok(a, "Kota A", "kota", "OPD", "KTP", "80");
	assert_int_equal(compliance_assessment_add_product_score(a, "Kota A", "kota", "OPD", "KTP",
	                                                         "81"), COMPLIANCE_E_DUPLICATE);
	expect_msg(a, "KTP");
	assert_int_equal(compliance_assessment_add_product_score(a, "Kota A", "kota", "OPD", "", "81"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "product name is empty");
	assert_int_equal(compliance_assessment_add_product_score(a, "Kota A", "kota", "OPD",
	                                                         "\xC3\x28", "81"), COMPLIANCE_E_PARSE);
	expect_msg(a, "UTF-8");
	assert_int_equal(compliance_assessment_add_product_score(a, "Kota A", "kota", "OPD", NULL,
	                                                         "81"), COMPLIANCE_E_INVALID);
	/* a unit scored directly cannot also have products, nor the reverse */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota A", "kota", "OPD", "81"),
	                 COMPLIANCE_E_DUPLICATE);
	add_ok(a, "Kota A", "kota", "OPD 2", "70");
	assert_int_equal(compliance_assessment_add_product_score(a, "Kota A", "kota", "OPD 2", "KK",
	                                                         "81"), COMPLIANCE_E_DUPLICATE);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(a, 0), 2);
	assert_int_equal(compliance_assessment_product_count(a, 0), 2);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "75.00");
	compliance_assessment_free(a);
}

/* ---- CSV ------------------------------------------------------------------------ */

static int read_csv(compliance_assessment *a, const char *text, const char *name)
{
	return compliance_assessment_read_csv_buffer(a, text, strlen(text), name);
}

static void test_csv_good(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);
	static const char text[] = "\xEF\xBB\xBF" "entity,entity_type,unit,score\r\n"
	                           "Kabupaten Bekasi,kabupaten,DPMPTSP,82.70\r\n"
	                           "\r\n"
	                           "\"Kabupaten Bekasi\",kabupaten,\"Dinas Pendidikan\",62.62\r\n"
	                           "Kabupaten Bekasi,kabupaten,Dinas Kesehatan, 66.29 \r\n"
	                           "Kabupaten Bekasi,kabupaten,Dinas Sosial,62.72\r\n"
	                           "Kabupaten Bekasi,kabupaten,Disdukcapil,77.45\r\n"
	                           "Kabupaten Bekasi,kabupaten,\"Puskesmas Cibatu, Kec. Cibatu\",75.91\r\n"
	                           "Kabupaten Bekasi,kabupaten,Puskesmas Cikarang,83.48\r\n"
	                           "\"Kota \"\"Uji\"\"\",kota,Unit,50\r\n";
	size_t idx;

	assert_int_equal(compliance_assessment_read_csv_buffer(a, text, sizeof text - 1, "bekasi.csv"),
	                 COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_errmsg(a), "");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 2);
	assert_int_equal(compliance_assessment_find(a, "Kabupaten Bekasi", &idx), COMPLIANCE_OK);
	assert_int_equal(idx, 0);
	assert_int_equal(compliance_assessment_unit_count(a, idx), 7);
	assert_string_equal(compliance_assessment_entity_mean_text(a, idx), "51117/700");
	assert_string_equal(compliance_assessment_entity_score_text(a, idx), "73.02");
	assert_string_equal(compliance_assessment_entity_category(a, idx), "C");
	assert_string_equal(compliance_assessment_unit_name(a, idx, 6),
	                    "Puskesmas Cikarang");
	assert_string_equal(compliance_assessment_unit_name(a, idx, 5),
	                    "Puskesmas Cibatu, Kec. Cibatu");
	assert_int_equal(compliance_assessment_find(a, "Kota \"Uji\"", &idx), COMPLIANCE_OK);
	assert_int_equal(idx, 1);
	assert_string_equal(compliance_assessment_entity_score_text(a, 1), "50.00");
	compliance_assessment_free(a);
}

static void test_csv_products(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2021);
	const char *text = "entity,entity_type,unit,product,score\n"
	                   "Kota Tangerang,kota,OPD 1,Produk 1,90\n"
	                   "Kota Tangerang,kota,OPD 1,Produk 2,91\n"
	                   "Kota Tangerang,kota,OPD 1,Produk 3,91\n"
	                   "Kota Tangerang,kota,OPD 2,Produk 1,70\n";

	assert_int_equal(read_csv(a, text, "products.csv"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_product_count(a, 0), 4);
	assert_int_equal(compliance_assessment_unit_count(a, 0), 2);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "85.50");
	/* the same product twice in a file */
	assert_int_equal(read_csv(a, "entity,entity_type,unit,product,score\n"
	                             "Kota Tangerang,kota,OPD 3,P,90\n"
	                             "Kota Tangerang,kota,OPD 3,P,91\n", "p.csv"),
	                 COMPLIANCE_E_DUPLICATE);
	expect_msg(a, "p.csv:3: field 'product'");
	compliance_assessment_free(a);
}

static void test_csv_bad_row_adds_nothing(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);
	const char *text = "entity,entity_type,unit,score\n"
	                   "Kota X,kota,Unit 1,70.00\n"
	                   "Kota Y,kota,Unit 1,abc\n"
	                   "Kota Z,kota,Unit 1,60\n";
	const char *text2 = "entity,entity_type,unit,score\n"
	                    "Kota X,kota,Unit 1,70.00\n"
	                    "Kota A,kota,Unit 2,10.00\n"   /* a new unit for an existing entity */
	                    "Kota A,kota,Unit 3,20.00\n"
	                    "Kota X,kota,Unit 2,71.00\n"
	                    "Kota A,kota,Unit 1,30.00\n"   /* a duplicate: the whole file fails */
	                    "Kota W,kota,Unit 1,60\n";
	size_t before, idx;
	int64_t s;

	add_ok(a, "Kota A", "kota", "Unit 1", "88.00");
	add_ok(a, "Kota B", "kota", "Unit 1", "77.00");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	before = compliance_assessment_entity_count(a);
	assert_int_equal(before, 2);

	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:3: field 'score'");
	expect_msg(a, "'abc'");
	/* a failed read changes nothing: the earlier results still stand */
	assert_int_equal(compliance_assessment_entity_count(a), before);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), before);
	assert_int_equal(compliance_assessment_find(a, "Kota X", &idx), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_find(a, "Kota Z", &idx), COMPLIANCE_E_NOTFOUND);

	/* rows touching existing entities are undone as well */
	assert_int_equal(read_csv(a, text2, "more.csv"), COMPLIANCE_E_DUPLICATE);
	expect_msg(a, "more.csv:6: field 'unit'");
	expect_msg(a, "Unit 1");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), before);
	assert_int_equal(compliance_assessment_find(a, "Kota A", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(a, idx), 1);
	assert_int_equal(compliance_assessment_entity_score(a, idx, &s), COMPLIANCE_OK);
	assert_int_equal(s, 8800);
	assert_string_equal(compliance_assessment_entity_category(a, idx), "A");
	assert_int_equal(compliance_assessment_find(a, "Kota B", &idx), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_score_text(a, idx), "77.00");

	/* and the assessment still accepts data afterwards */
	add_ok(a, "Kota A", "kota", "Unit 2", "86.00");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_find(a, "Kota A", &idx), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_score_text(a, idx), "87.00");
	compliance_assessment_free(a);
}

static void test_csv_error_messages(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);
	static const char *const hdr = "entity,entity_type,unit,score\n";
	char text[512];

	/* an empty file, a wrong header */
	assert_int_equal(read_csv(a, "", "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv");
	expect_msg(a, "empty");
	assert_int_equal(read_csv(a, "\n\n", "scores.csv"), COMPLIANCE_E_PARSE);
	assert_int_equal(read_csv(a, "\nname,type,unit,score\n", "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:2:");
	expect_msg(a, "entity,entity_type,unit,score");
	/* a missing and an extra field */
	snprintf(text, sizeof text, "%sKota A,kota,U\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:2: field 'score' is missing");
	snprintf(text, sizeof text, "%sKota A,kota\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:2: field 'unit' is missing");
	snprintf(text, sizeof text, "%sKota A,kota,U,50,extra\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:2:");
	expect_msg(a, "too many");
	/* each field named */
	snprintf(text, sizeof text, "%sKota A,kota,U,50\nKota B,desa,U,50\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:3: field 'entity_type'");
	expect_msg(a, "'desa'");
	snprintf(text, sizeof text, "%s,kota,U,50\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:2: field 'entity'");
	snprintf(text, sizeof text, "%sKota A,kota,\"\",50\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:2: field 'unit'");
	snprintf(text, sizeof text, "%sKota A,kota,U,101\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_RANGE);
	expect_msg(a, "scores.csv:2: field 'score'");
	snprintf(text, sizeof text, "%sKota A,kota,U,50\nKota A,kabupaten,V,50\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_DUPLICATE);
	expect_msg(a, "scores.csv:3: field 'entity_type'");
	snprintf(text, sizeof text, "%sKota \xC3\xA9,kota,U,50\nKota \xC3,kota,U,50\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:3: field 'entity'");
	expect_msg(a, "UTF-8");
	/* malformed CSV */
	snprintf(text, sizeof text, "%sKota A,kota,U,50\n\"Kota B,kota,U,50\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:3: malformed CSV");
	expect_msg(a, "never closed");
	snprintf(text, sizeof text, "%s\"Kota\" B,kota,U,50\n", hdr);
	assert_int_equal(read_csv(a, text, "scores.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "scores.csv:2: malformed CSV");
	assert_int_equal(compliance_assessment_read_csv_buffer(a, "entity,entity_type,unit,score\n"
	                                                          "K\0,kota,U,50\n", 43, "nul.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(a, "nul.csv:2:");
	expect_msg(a, "NUL");
	/* a record spanning lines is reported at the line where it starts (a
	 * line break is a control character, so such a name is refused) */
	snprintf(text, sizeof text, "%sKota A,kota,U,50\n\n\"Kota\nMulti\",kota,\"Unit\nOne\",50\n",
	         hdr);
	assert_int_equal(read_csv(a, text, "multi.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "multi.csv:4: field 'entity'");
	/* blank lines count */
	snprintf(text, sizeof text, "\n%s\n\nKota A,kota,U,50\r\n\r\nKota C,kota,U,x\n", hdr);
	assert_int_equal(read_csv(a, text, "blank.csv"), COMPLIANCE_E_PARSE);
	expect_msg(a, "blank.csv:7: field 'score'");
	/* without a name */
	snprintf(text, sizeof text, "%sKota A,kota,U,x\n", hdr);
	assert_int_equal(read_csv(a, text, NULL), COMPLIANCE_E_PARSE);
	expect_msg(a, "<buffer>:2: field 'score'");
	/* NULL data with a size */
	assert_int_equal(compliance_assessment_read_csv_buffer(a, NULL, 5, "x.csv"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, NULL, 0, "x.csv"),
	                 COMPLIANCE_E_PARSE);

	/* nothing of any of these files was kept */
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 0);
	compliance_assessment_free(a);
}

static void test_csv_file(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);
	char path[] = "/tmp/test_assessment_XXXXXX";
	const char *text = "entity,entity_type,unit,score\n"
	                   "Kota A,kota,U1,90\n"
	                   "Kota A,kota,U2,91\n"
	                   "Kota A,kota,U3,bad\n";
	int fd = mkstemp(path);
	FILE *fp;
	char expect[128];

	assert_true(fd >= 0);
	fp = fdopen(fd, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);

	assert_int_equal(compliance_assessment_read_csv_file(a, path), COMPLIANCE_E_PARSE);
	snprintf(expect, sizeof expect, "%s:4: field 'score'", path);
	expect_msg(a, expect);

	fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs("entity,entity_type,unit,score\nKota A,kota,U1,90\nKota A,kota,U2,91\n", fp);
	fclose(fp);
	assert_int_equal(compliance_assessment_read_csv_file(a, path), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "90.50");
	unlink(path);

	/* a file that does not exist */
	assert_int_equal(compliance_assessment_read_csv_file(a, path), COMPLIANCE_E_IO);
	expect_msg(a, path);
	assert_int_equal(compliance_assessment_read_csv_file(a, NULL), COMPLIANCE_E_INVALID);
	/* the failures changed nothing */
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(a, 0), 2);
	compliance_assessment_free(a);
}

/* ---- state -------------------------------------------------------------------- */

static void expect_not_computed(compliance_assessment *a)
{
	size_t idx = 77, r = 77, band = 77;
	int64_t s = 77;

	assert_int_equal(compliance_assessment_entity_count(a), 0);
	assert_null(compliance_assessment_entity_name(a, 0));
	assert_null(compliance_assessment_entity_score_text(a, 0));
	assert_int_equal(compliance_assessment_entity_score(a, 0, &s), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_assessment_entity_rank(a, 0, &r, &r), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_assessment_entity_band(a, 0, &band), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_assessment_find(a, "Kota A", &idx), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_assessment_unit_count(a, 0), 0);
	assert_int_equal(compliance_assessment_product_count(a, 0), 0);
	assert_null(compliance_assessment_unit_name(a, 0, 0));
	assert_int_equal(s, 77);
	assert_int_equal(r, 77);
	assert_int_equal(idx, 77);
	assert_int_equal(band, 77);
}

static void test_state(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_assessment(f, f->p2022);
	size_t idx;
	int64_t s;

	expect_not_computed(a);
	add_ok(a, "Kota A", "kota", "U", "70");
	expect_not_computed(a);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 1);
	/* new data invalidates the results until the next compute */
	add_ok(a, "Kota B", "kota", "U", "60");
	expect_not_computed(a);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 2);

	/* bad indexes and fields */
	assert_null(compliance_assessment_entity_name(a, 2));
	assert_int_equal(compliance_assessment_entity_score(a, 2, &s), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_entity_rank(a, 2, NULL, NULL), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_entity_band(a, 2, &idx), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_entity_score(a, 0, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_entity_band(a, 0, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_find(a, "Kota C", &idx), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_find(a, NULL, &idx), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_find(a, "Kota A", NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_unit_count(a, 2), 0);
	assert_int_equal(compliance_assessment_product_count(a, 2), 0);
	assert_null(compliance_assessment_unit_name(a, 0, 1));
	assert_null(compliance_assessment_unit_name(a, 2, 0));
	compliance_assessment_free(a);

	/* an empty assessment computes to no entities */
	a = new_assessment(f, f->p2022);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 0);
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_ROLLUP_UNITS);
	assert_int_equal(compliance_assessment_entity_score(a, 0, &s), COMPLIANCE_E_NOTFOUND);
	compliance_assessment_free(a);
}

/* The assessment keeps the profile alive after the caller's reference goes. */
static void test_profile_reference(void **state)
{
	fixture *f = *state;
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_profile_open(f->ctx, &p, "ombudsman-2023"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(f->ctx, &a, p), COMPLIANCE_OK);
	compliance_profile_free(p);
	add_ok(a, "Kota A", "kota", "U", "96.25");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_label(a, 0),
	                    "Kualitas Tertinggi");
	compliance_assessment_free(a);
	/* a profile shared by references survives until the last one */
	assert_int_equal(compliance_profile_open(f->ctx, &p, "ombudsman-2023"), COMPLIANCE_OK);
	assert_ptr_equal(compliance_profile_ref(p), p);
	compliance_profile_free(p);
	assert_string_equal(compliance_profile_id(p), "ombudsman-2023");
	compliance_profile_free(p);
}

/* ---- NULL safety ---------------------------------------------------------------- */

static void test_null_safety(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = (compliance_assessment *)&a;
	compliance_profile *p = (compliance_profile *)&p;
	compliance_ctx *ctx = (compliance_ctx *)&ctx;
	compliance_allocator bad = { NULL, NULL, NULL, NULL };
	size_t idx, r;
	int64_t s;

	/* contexts */
	assert_int_equal(compliance_ctx_new(NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_ctx_new_with_allocator(NULL, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &bad), COMPLIANCE_E_INVALID);
	assert_null(ctx);
	compliance_ctx_free(NULL);
	assert_int_equal(compliance_ctx_errcode(NULL), COMPLIANCE_E_INVALID);
	assert_string_equal(compliance_ctx_errmsg(NULL), "");
	assert_int_equal(compliance_ctx_diag_count(NULL), 0);
	assert_null(compliance_ctx_diag(NULL, 0));
	assert_null(compliance_ctx_diag(f->ctx, 1000));
	compliance_free(NULL);

	/* profiles */
	assert_int_equal(compliance_profile_open(f->ctx, NULL, "ombudsman-2023"), COMPLIANCE_E_INVALID);
	assert_true(compliance_ctx_errmsg(f->ctx)[0] != '\0');
	assert_int_equal(compliance_profile_open(f->ctx, &p, NULL), COMPLIANCE_E_INVALID);
	assert_null(p);
	assert_int_equal(compliance_profile_load_buffer(f->ctx, NULL, "{}", 2, "x"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_load_buffer(f->ctx, &p, NULL, 2, "x"),
	                 COMPLIANCE_E_INVALID);
	assert_null(p);
	assert_int_equal(compliance_profile_load_file(f->ctx, NULL, "x.json"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_load_file(f->ctx, &p, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_load_file(f->ctx, &p, "/nonexistent/dir/p.json"),
	                 COMPLIANCE_E_IO);
	assert_null(p);
	assert_non_null(strstr(compliance_ctx_errmsg(f->ctx), "/nonexistent/dir/p.json"));
	assert_null(compliance_profile_ref(NULL));
	compliance_profile_free(NULL);
	assert_string_equal(compliance_profile_id(NULL), "");
	assert_string_equal(compliance_profile_name(NULL), "");
	assert_int_equal(compliance_profile_year(NULL), 0);
	assert_string_equal(compliance_profile_scale_min(NULL), "");
	assert_string_equal(compliance_profile_scale_max(NULL), "");
	assert_string_equal(compliance_profile_rounding(NULL), "");
	assert_int_equal(compliance_profile_decimals(NULL), -1);
	assert_int_equal(compliance_profile_has_categories(NULL), 0);
	assert_null(compliance_profile_fact_source(NULL, COMPLIANCE_FACT_SCALE));
	assert_int_equal(compliance_profile_fact_confidence(NULL, COMPLIANCE_FACT_SCALE),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_band_count(NULL), 0);
	assert_null(compliance_profile_band_lower(NULL, 0));
	assert_int_equal(compliance_profile_band_confidence(NULL, 0), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_node_count(NULL), 0);
	assert_null(compliance_profile_node_id(NULL, 0));
	assert_int_equal(compliance_profile_node_depth(NULL, 0), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_node_confidence(NULL, 0), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_classify(f->ctx, NULL, "50", &s, &idx),
	                 COMPLIANCE_E_INVALID);
	assert_true(compliance_ctx_errmsg(f->ctx)[0] != '\0');
	assert_int_equal(compliance_profile_classify(f->ctx, f->p2022, NULL, &s, &idx),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_classify(NULL, NULL, NULL, NULL, NULL),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_format_scaled(NULL, 10, 1, 2), COMPLIANCE_E_INVALID);

	/* assessments */
	assert_int_equal(compliance_assessment_new(f->ctx, NULL, f->p2022), COMPLIANCE_E_INVALID);
	assert_true(compliance_ctx_errmsg(f->ctx)[0] != '\0');
	assert_int_equal(compliance_assessment_new(f->ctx, &a, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_new(NULL, NULL, NULL), COMPLIANCE_E_INVALID);
	compliance_assessment_free(NULL);
	assert_string_equal(compliance_assessment_errmsg(NULL), "");
	assert_int_equal(compliance_assessment_set_option(NULL, COMPLIANCE_OPT_ROLLUP, 1),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_unit_score(NULL, "K", "kota", "U", "50"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_product_score(NULL, "K", "kota", "U", "P", "50"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_product_score(NULL, "K", "kota", "U", NULL, "50"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_read_csv_buffer(NULL, "", 0, "x"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_read_csv_file(NULL, "x.csv"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_compute(NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_rollup(NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_entity_count(NULL), 0);
	assert_int_equal(compliance_assessment_find(NULL, "K", &idx), COMPLIANCE_E_INVALID);
	assert_null(compliance_assessment_entity_name(NULL, 0));
	assert_int_equal(compliance_assessment_entity_score(NULL, 0, &s), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_entity_rank(NULL, 0, &r, &r), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_entity_band(NULL, 0, &idx), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_unit_count(NULL, 0), 0);
	assert_int_equal(compliance_assessment_product_count(NULL, 0), 0);
	assert_null(compliance_assessment_unit_name(NULL, 0, 0));
}

/* ---- typed result getters -------------------------------------------------------- */

/* The 2025 edition: 0.7 x komposit + 0.3 x kepercayaan, and a qualifier
 * that appends " Tanpa Maladministrasi" when the supervision was followed
 * up. Kabupaten: 0.7 x 70 + 0.3 x 70 = 70.00 C, qualified; Kota: 0.7 x 60 +
 * 0.3 x 40 = 54.00 C (the lower bound of C), not qualified. */
static void test_typed_getters(void **state)
{
	fixture *f = *state;
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;
	char exact[COMPLIANCE_EXACT_TEXT_SIZE], small[3];
	int64_t v = 0;
	size_t ik, ic;

	assert_int_equal(compliance_profile_open(f->ctx, &p, "ombudsman-2025"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(f->ctx, &a, p), COMPLIANCE_OK);
	assert_ptr_equal(compliance_assessment_profile(a), p);
	assert_int_equal(compliance_assessment_errcode(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "Kabupaten K", "kabupaten", "U2",
	                                                 "komposit", "70"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "Kabupaten K", "kabupaten", "U2",
	                                                 "kepercayaan", "70"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "Kabupaten K", "kabupaten", COMPLIANCE_UNIT_ENTITY,
	                                                 "supervision_followed_up", "ya"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "Kota C", "kota", "U1", "komposit",
	                                                 "60"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "Kota C", "kota", "U1", "kepercayaan",
	                                                 "40"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "Kota C", "kota", COMPLIANCE_UNIT_ENTITY,
	                                                 "supervision_followed_up", "tidak"),
	                 COMPLIANCE_OK);
	/* a failed call leaves its code on the assessment */
	assert_int_equal(compliance_assessment_add_value(a, "Kota C", "kota", "U1", "komposit", "x"),
	                 COMPLIANCE_E_PARSE);
	assert_int_equal(compliance_assessment_errcode(a), COMPLIANCE_E_PARSE);
	assert_true(compliance_assessment_errmsg(a)[0] != '\0');
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_errcode(a), COMPLIANCE_OK);

	assert_int_equal(compliance_assessment_find(a, "Kabupaten K", &ik), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_find(a, "Kota C", &ic), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_name(a, ik), "Kabupaten K");
	assert_int_equal(compliance_assessment_entity_type(a, ik), COMPLIANCE_ENTITY_KABUPATEN);
	assert_int_equal(compliance_assessment_entity_type(a, ic), COMPLIANCE_ENTITY_KOTA);
	assert_string_equal(compliance_assessment_entity_score_text(a, ik), "70.00");
	assert_string_equal(compliance_assessment_entity_mean_text(a, ik), "70");
	assert_string_equal(compliance_assessment_entity_category(a, ik), "C");
	assert_string_equal(compliance_assessment_entity_zone(a, ik), "kuning");
	assert_string_equal(compliance_assessment_entity_label(a, ik),
	                    "Kualitas Sedang Tanpa Maladministrasi");
	assert_int_equal(compliance_assessment_entity_qualified(a, ik), 1);
	assert_string_equal(compliance_assessment_entity_score_text(a, ic), "54.00");
	assert_string_equal(compliance_assessment_entity_label(a, ic), "Kualitas Sedang");
	assert_int_equal(compliance_assessment_entity_qualified(a, ic), 0);

	/* units: the rounded score as an integer, the exact one as text */
	assert_string_equal(compliance_assessment_unit_name(a, ic, 0), "U1");
	assert_int_equal(compliance_assessment_unit_score(&v, a, ic, 0), COMPLIANCE_OK);
	assert_int_equal(v, 5400);
	assert_int_equal(compliance_assessment_unit_exact(exact, sizeof exact, a, ic, 0),
	                 COMPLIANCE_OK);
	assert_string_equal(exact, "54");
	/* "54" needs 3 bytes; 2 is too small and leaves "" */
	assert_int_equal(compliance_assessment_unit_exact(small, 2, a, ic, 0), COMPLIANCE_E_BUFFER);
	assert_string_equal(small, "");
	assert_int_equal(compliance_assessment_unit_exact(small, 3, a, ic, 0), COMPLIANCE_OK);
	assert_string_equal(small, "54");
	assert_int_equal(compliance_assessment_unit_exact(small, 0, a, ic, 0), COMPLIANCE_E_BUFFER);
	assert_int_equal(compliance_assessment_unit_exact(NULL, 3, a, ic, 0), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_unit_score(NULL, a, ic, 0), COMPLIANCE_E_INVALID);

	/* bad indexes */
	assert_int_equal(compliance_assessment_entity_type(a, 2), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_entity_qualified(a, 2), COMPLIANCE_E_NOTFOUND);
	assert_null(compliance_assessment_entity_category(a, 2));
	assert_null(compliance_assessment_entity_zone(a, 2));
	assert_null(compliance_assessment_entity_label(a, 2));
	assert_null(compliance_assessment_entity_mean_text(a, 2));
	assert_null(compliance_assessment_unit_name(a, ic, 1));
	assert_int_equal(compliance_assessment_unit_score(&v, a, ic, 1), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_unit_exact(exact, sizeof exact, a, 2, 0),
	                 COMPLIANCE_E_NOTFOUND);
	compliance_assessment_free(a);
	compliance_profile_free(p);

	/* NULL */
	assert_int_equal(compliance_assessment_errcode(NULL), COMPLIANCE_E_INVALID);
	assert_null(compliance_assessment_profile(NULL));
	assert_int_equal(compliance_assessment_entity_type(NULL, 0), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_entity_qualified(NULL, 0), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_unit_score(&v, NULL, 0, 0), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_unit_exact(exact, sizeof exact, NULL, 0, 0),
	                 COMPLIANCE_E_INVALID);
}

/* An allocator that fails once its budget is spent (-1: never). */
static long alloc_budget = -1;

static void *budget_malloc(size_t size, void *ud)
{
	(void)ud;
	if (alloc_budget == 0)
		return NULL;
	if (alloc_budget > 0)
		alloc_budget--;
	return malloc(size);
}

static void *budget_realloc(void *ptr, size_t size, void *ud)
{
	(void)ud;
	if (alloc_budget == 0)
		return NULL;
	if (alloc_budget > 0)
		alloc_budget--;
	return realloc(ptr, size);
}

static void budget_free(void *ptr, void *ud)
{
	(void)ud;
	free(ptr);
}

/* Every failing call leaves its own code on the assessment, out of memory
 * included: compliance_assessment_errcode() equals what the call returned,
 * and the message is not empty. Fails the N-th allocation for every N. */
static void test_errcode_every_failure(void **state)
{
	static const char csv[] = "entity,entity_type,unit,score\nKota C,kota,U1,70\n"
	                          "Kota C,kota,U2,71\nKota D,kota,U1,72\n";
	compliance_allocator al = { budget_malloc, budget_realloc, budget_free, NULL };
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	long n;
	int done = 0;

	(void)state;
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &al), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2022"), COMPLIANCE_OK);
	for (n = 0; n < 10000 && !done; n++) {
		compliance_assessment *a = NULL;
		int rc[5], k;

		alloc_budget = -1;
		assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
		alloc_budget = n;
		rc[0] = compliance_assessment_add_unit_score(a, "Kota A", "kota", "U1", "80");
		assert_int_equal(compliance_assessment_errcode(a), rc[0]);
		rc[1] = compliance_assessment_add_unit_score(a, "Kota B", "kota", "U1", "60");
		assert_int_equal(compliance_assessment_errcode(a), rc[1]);
		rc[2] = compliance_assessment_add_value(a, "Kota B", "kota", "U2", COMPLIANCE_INDICATOR_SCORE, "61");
		assert_int_equal(compliance_assessment_errcode(a), rc[2]);
		rc[3] = compliance_assessment_read_csv_buffer(a, csv, sizeof csv - 1, "s.csv");
		assert_int_equal(compliance_assessment_errcode(a), rc[3]);
		rc[4] = compliance_assessment_compute(a);
		assert_int_equal(compliance_assessment_errcode(a), rc[4]);
		done = 1;
		for (k = 0; k < 5; k++) {
			if (rc[k] != COMPLIANCE_OK)
				done = 0;
			if (rc[k] != COMPLIANCE_OK && rc[k] != COMPLIANCE_E_NOMEM)
				fail_msg("allocation %ld: call %d gave %s", n, k, compliance_error_name(rc[k]));
		}
		if (rc[4] != COMPLIANCE_OK)
			assert_true(compliance_assessment_errmsg(a)[0] != '\0');
		alloc_budget = -1;
		compliance_assessment_free(a);
	}
	assert_true(done);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Names of error codes and enum constants, both ways. */
static void test_enum_names(void **state)
{
	int v = 77;

	(void)state;
	assert_string_equal(compliance_error_name(COMPLIANCE_E_PARSE), "COMPLIANCE_E_PARSE");
	assert_string_equal(compliance_error_name(COMPLIANCE_OK), "COMPLIANCE_OK");
	assert_string_equal(compliance_error_name(-100), "COMPLIANCE_E_UNKNOWN");
	assert_string_equal(compliance_error_name(1), "COMPLIANCE_E_UNKNOWN");
	assert_string_equal(compliance_enum_name("compliance_missing", COMPLIANCE_MISSING_EXCLUDE),
	                    "COMPLIANCE_MISSING_EXCLUDE");
	assert_string_equal(compliance_enum_name("missing", COMPLIANCE_MISSING_EXCLUDE),
	                    "COMPLIANCE_MISSING_EXCLUDE");
	assert_string_equal(compliance_enum_short_name("compliance_missing",
	                                               COMPLIANCE_MISSING_EXCLUDE), "exclude");
	assert_string_equal(compliance_enum_short_name("compliance_error", COMPLIANCE_E_NO_ASSESSMENT),
	                    "no_assessment");
	assert_null(compliance_enum_name("compliance_missing", 3));
	assert_null(compliance_enum_name("compliance_nothing", 0));
	assert_null(compliance_enum_name(NULL, 0));
	assert_null(compliance_enum_short_name("compliance_missing", -1));
	assert_int_equal(compliance_enum_value(&v, "compliance_missing", "exclude"), COMPLIANCE_OK);
	assert_int_equal(v, COMPLIANCE_MISSING_EXCLUDE);
	assert_int_equal(compliance_enum_value(&v, "compliance_rollup", "COMPLIANCE_ROLLUP_PRODUCTS"),
	                 COMPLIANCE_OK);
	assert_int_equal(v, COMPLIANCE_ROLLUP_PRODUCTS);
	assert_int_equal(compliance_enum_value(&v, "compliance_limit", "exact_text_size"),
	                 COMPLIANCE_OK);
	assert_int_equal(v, COMPLIANCE_EXACT_TEXT_SIZE);
	v = 77;
	/* names are exact: no other case, no other enum's constant */
	assert_int_equal(compliance_enum_value(&v, "compliance_missing", "EXCLUDE"),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_enum_value(&v, "compliance_missing", "COMPLIANCE_ROLLUP_UNITS"),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_enum_value(&v, "compliance_nothing", "exclude"),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(v, 77);
	assert_int_equal(compliance_enum_value(NULL, "compliance_missing", "exclude"),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_enum_value(&v, NULL, "exclude"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_enum_value(&v, "compliance_missing", NULL), COMPLIANCE_E_INVALID);
}

/* ---- error strings and version --------------------------------------------------- */

static void test_strerror(void **state)
{
	const char *seen[14];
	int code;
	size_t i, n = 0;

	(void)state;
	for (code = COMPLIANCE_OK; code >= COMPLIANCE_E_BUFFER; code--) {
		const char *s = compliance_strerror(code);
		assert_non_null(s);
		assert_true(s[0] != '\0');
		if (!strcmp(s, "unknown error"))
			fail_msg("code %d has no description", code);
		for (i = 0; i < n; i++)
			if (!strcmp(seen[i], s))
				fail_msg("codes share the description \"%s\"", s);
		seen[n++] = s;
	}
	assert_int_equal(n, 14);
	assert_string_equal(compliance_strerror(1), "unknown error");
	assert_string_equal(compliance_strerror(-14), "unknown error");
	assert_string_equal(compliance_strerror(-1000), "unknown error");
	assert_string_equal(compliance_strerror(INT32_MIN), "unknown error");
}

static void test_version(void **state)
{
	char expect[32];

	(void)state;
	assert_int_equal(compliance_version(), COMPLIANCE_VERSION_NUMBER);
	assert_string_equal(compliance_version_string(), COMPLIANCE_VERSION_STRING);
	snprintf(expect, sizeof expect, "%d.%d.%d", COMPLIANCE_VERSION_MAJOR,
	         COMPLIANCE_VERSION_MINOR, COMPLIANCE_VERSION_PATCH);
	assert_string_equal(compliance_version_string(), expect);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranks_simple),
		cmocka_unit_test(test_ranks_by_type),
		cmocka_unit_test(test_rank_in_type_all_types),
		cmocka_unit_test(test_rollup_products_vs_units),
		cmocka_unit_test(test_rollup_equal_counts_agree),
		cmocka_unit_test(test_rollup_option_errors),
		cmocka_unit_test(test_add_errors),
		cmocka_unit_test(test_product_errors),
		cmocka_unit_test(test_csv_good),
		cmocka_unit_test(test_csv_products),
		cmocka_unit_test(test_csv_bad_row_adds_nothing),
		cmocka_unit_test(test_csv_error_messages),
		cmocka_unit_test(test_csv_file),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_profile_reference),
		cmocka_unit_test(test_null_safety),
		cmocka_unit_test(test_typed_getters),
		cmocka_unit_test(test_errcode_every_failure),
		cmocka_unit_test(test_enum_names),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_reserved_forms),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
