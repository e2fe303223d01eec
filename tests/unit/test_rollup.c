/*
 * The roll-up through the public API: unit-stage rounding, the mean over
 * units or products, the flags' deductions, holding within the scale,
 * rounding, the band (ties at every band edge) and the qualifiers. Every
 * expected value is computed by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compliance.h"
#include "unit_text.h"

#define INSTRUMENT COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"
#define ANSWERS COMPLIANCE_SOURCE_DIR "/examples/data/answers-2023.csv"
#define DEDUCTION COMPLIANCE_TEST_DATA "/profiles/deduction-2023.json"

typedef struct fixture {
	compliance_ctx *ctx;
	compliance_profile *instrument, *deduction, *p2023, *p2021;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);

	if (!f || compliance_ctx_new(&f->ctx) ||
	    compliance_profile_load_file(f->ctx, &f->instrument, INSTRUMENT) ||
	    compliance_profile_load_file(f->ctx, &f->deduction, DEDUCTION) ||
	    compliance_profile_open(f->ctx, &f->p2023, "ombudsman-2023") ||
	    compliance_profile_open(f->ctx, &f->p2021, "ombudsman-2021"))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	compliance_profile_free(f->instrument);
	compliance_profile_free(f->deduction);
	compliance_profile_free(f->p2023);
	compliance_profile_free(f->p2021);
	compliance_ctx_free(f->ctx);
	free(f);
	return 0;
}

static compliance_assessment *from_json(fixture *f, compliance_profile *p, const char *json)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, p), COMPLIANCE_OK);
	if (compliance_assessment_read_json_buffer(a, json, strlen(json), "inline.json") ||
	    compliance_assessment_compute(a))
		fail_msg("%s", compliance_assessment_errmsg(a));
	return a;
}

/* Checks entity `name`: score, category (or zone when no category), label. */
static void expect(compliance_assessment *a, const char *name, const char *score,
                   const char *band, const char *label)
{
	size_t i;
	const char *cat;

	if (compliance_assessment_find(a, name, &i))
		fail_msg("%s: %s", name, compliance_assessment_errmsg(a));
	cat = compliance_assessment_entity_category(a, i);
	if (strcmp(compliance_assessment_entity_score_text(a, i), score) ||
	    strcmp(cat[0] ? cat : compliance_assessment_entity_zone(a, i), band) ||
	    strcmp(compliance_assessment_entity_label(a, i), label))
		fail_msg("%s: %s %s '%s', expected %s %s '%s'", name,
		         compliance_assessment_entity_score_text(a, i), cat,
		         compliance_assessment_entity_label(a, i), score, band, label);
}

static const char *mean_of(compliance_assessment *a, const char *name)
{
	size_t i;

	assert_int_equal(compliance_assessment_find(a, name, &i), COMPLIANCE_OK);
	return compliance_assessment_entity_mean_text(a, i);
}

/*
 * The example instrument (tests/cli/cli_test.sh case_indicator_scoring):
 * Disdukcapil 48921007/600000 = 81.535.. -> 81.54, DPMPTSP 93.72331 ->
 * 93.72, Dinas Sosial 81.25; (81.54 + 93.72 + 81.25) / 3 = 256.51 / 3 =
 * 85.5033.. -> 85.50, B (78.00 to 87.99).
 */
static void test_instrument(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, f->instrument), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_read_csv_file(a, ANSWERS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	expect(a, "Kota Contoh", "85.50", "B", "Kualitas Tinggi");
	assert_string_equal(mean_of(a, "Kota Contoh"), "25651/300");
	assert_string_equal(unit_score_text(a, 0, 0), "81.54");
	assert_string_equal(unit_score_text(a, 0, 1), "93.72");
	assert_string_equal(unit_score_text(a, 0, 2), "81.25");
	compliance_assessment_free(a);
}

#define ENTITY(name, units) \
	"{\"entity\": \"" name "\", \"entity_type\": \"kota\", \"units\": [" units "]}"
#define ENTITY_FLAGGED(name, units)                                                  \
	"{\"entity\": \"" name "\", \"entity_type\": \"kota\", \"inputs\": "         \
	"{\"supervision-ignored\": true}, \"units\": [" units "]}"
#define UNIT(name, score) "{\"unit\": \"" name "\", \"score\": \"" score "\"}"

/*
 * 2023 bands: A 88.00-100, B 78.00-87.99, C 54.00-77.99, D 32.00-53.99,
 * E 0-31.99. A mean exactly halfway rounds half-up into the band above.
 */
static void test_ties_at_band_edges(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = from_json(
	        f, f->p2023,
	        "{\"entities\": ["
	        ENTITY("A edge", UNIT("u", "87.99") "," UNIT("v", "88")) ","   /* 87.995 -> 88.00 A */
	        ENTITY("B edge", UNIT("u", "77.99") "," UNIT("v", "78")) ","   /* 77.995 -> 78.00 B */
	        ENTITY("C edge", UNIT("u", "53.99") "," UNIT("v", "54")) ","   /* 53.995 -> 54.00 C */
	        ENTITY("D edge", UNIT("u", "31.99") "," UNIT("v", "32")) ","   /* 31.995 -> 32.00 D */
	        ENTITY("C below", UNIT("u", "77.994")) ","                     /* 77.99 C */
	        /* unit stage: 77.995 -> 78.00 and 77.994 -> 77.99; the mean of
	         * the rounded units 155.99/2 = 77.995 -> 78.00, B (the exact
	         * units would average 77.9945 -> 77.99, C) */
	        ENTITY("Unit stage", UNIT("u", "77.995") "," UNIT("v", "77.994"))
	        "]}");

	expect(a, "A edge", "88.00", "A", "Kualitas Tertinggi");
	expect(a, "B edge", "78.00", "B", "Kualitas Tinggi");
	expect(a, "C edge", "54.00", "C", "Kualitas Sedang");
	expect(a, "D edge", "32.00", "D", "Kualitas Rendah");
	expect(a, "C below", "77.99", "C", "Kualitas Sedang");
	expect(a, "Unit stage", "78.00", "B", "Kualitas Tinggi");
	assert_string_equal(mean_of(a, "Unit stage"), "77.995");
	compliance_assessment_free(a);
}

/*
 * deduction-2023.json: the flag supervision-ignored deducts 10, and the
 * qualifier supervision_followed_up appends " Tanpa Maladministrasi".
 */
static void test_deductions(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = from_json(
	        f, f->deduction,
	        "{\"entities\": ["
	        /* 87.995 - 10 = 77.995 -> 78.00: the tie at B's edge after the deduction */
	        ENTITY_FLAGGED("Edge", UNIT("u", "87.99") "," UNIT("v", "88")) ","
	        /* 5 - 10 is held at the scale's minimum: 0.00 E */
	        ENTITY_FLAGGED("Floor", UNIT("u", "5")) ","
	        /* the flag given as no deducts nothing */
	        "{\"entity\": \"No\", \"entity_type\": \"kota\", \"inputs\": "
	        "{\"supervision-ignored\": false, \"supervision_followed_up\": true}, "
	        "\"units\": [" UNIT("u", "88") "]}"
	        "]}");

	expect(a, "Edge", "78.00", "B", "Kualitas Tinggi");
	/* the entity's exact value before rounding is after the deduction */
	assert_string_equal(mean_of(a, "Edge"), "77.995");
	expect(a, "Floor", "0.00", "E", "Kualitas Terendah");
	assert_string_equal(mean_of(a, "Floor"), "0");
	expect(a, "No", "88.00", "A", "Kualitas Tertinggi Tanpa Maladministrasi");
	compliance_assessment_free(a);
}

/* The built-in 2023 flag has no published size: set, it changes nothing. */
static void test_unknown_deduction(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = from_json(
	        f, f->p2023, "{\"entities\": [" ENTITY_FLAGGED("K", UNIT("u", "80")) "]}");

	expect(a, "K", "80.00", "B", "Kualitas Tinggi");
	compliance_assessment_free(a);
}

/*
 * 2021 (zones merah 0-50.99, kuning 51.00-80.99, hijau 81.00-100; products
 * by default). Unit A has products 90 and 80, unit B one score 60.005
 * (rounded at the unit stage: 60.01). Over products: (90 + 80 + 60.01) / 3
 * = 76.67, kuning. Over units: A = 85, (85 + 60.01) / 2 = 72.505, a tie ->
 * 72.51, kuning.
 */
static void test_products_and_units(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = NULL;
	char *x = NULL;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, f->p2021), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_product_score(a, "K", "kota", "A", "p1", "90"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_product_score(a, "K", "kota", "A", "p2", "80"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_unit_score(a, "K", "kota", "B", "60.005"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_ROLLUP_PRODUCTS);
	expect(a, "K", "76.67", "kuning", "Kepatuhan Sedang");
	assert_string_equal(mean_of(a, "K"), "76.67");
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_TEXT, &x),
	                 COMPLIANCE_OK);
	if (!strstr(x, "\nmean of 3: 76.67 (76.670000)\nscore: 76.67\n"))
		fail_msg("%s", x);
	compliance_free(x);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP,
	                                                  COMPLIANCE_ROLLUP_UNITS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	expect(a, "K", "72.51", "kuning", "Kepatuhan Sedang");
	assert_string_equal(mean_of(a, "K"), "72.505");
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_TEXT, &x),
	                 COMPLIANCE_OK);
	if (!strstr(x, "\nmean of 2: 72.505 (72.505000)\nscore: 72.51\n"))
		fail_msg("%s", x);
	compliance_free(x);
	compliance_assessment_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_instrument),
		cmocka_unit_test(test_ties_at_band_edges),
		cmocka_unit_test(test_deductions),
		cmocka_unit_test(test_unknown_deduction),
		cmocka_unit_test(test_products_and_units),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
