/*
 * Explanations through the public API: the band's reason names the next
 * band (not the entity's own), the mean is shown before the flags'
 * deductions, then the deduction, then the value rounded and the score,
 * in text and JSON; every failure of explain and find leaves a message
 * naming the entity and why. Expected values are computed by hand in the
 * comments.
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

#define INSTRUMENT COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"
#define ANSWERS COMPLIANCE_SOURCE_DIR "/examples/data/answers-2023.csv"
#define DEDUCTION COMPLIANCE_TEST_DATA "/profiles/deduction-2023.json"
#define DEDUCTION_ANSWERS COMPLIANCE_TEST_DATA "/answers-deduction-2023.json"

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

static compliance_assessment *from_file(fixture *f, compliance_profile *p, const char *path)
{
	compliance_assessment *a = NULL;
	size_t n = strlen(path);
	int rc;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, p), COMPLIANCE_OK);
	rc = n > 5 && !strcmp(path + n - 5, ".json") ? compliance_assessment_read_json_file(a, path)
	                                             : compliance_assessment_read_csv_file(a, path);
	if (rc || compliance_assessment_compute(a))
		fail_msg("%s: %s", path, compliance_assessment_errmsg(a));
	return a;
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

static char *explain(compliance_assessment *a, const char *name, int format)
{
	size_t idx;
	char *out = NULL;

	if (compliance_assessment_find(a, name, &idx))
		fail_msg("find %s: %s", name, compliance_assessment_errmsg(a));
	if (compliance_assessment_explain(a, idx, format, &out))
		fail_msg("explain %s: %s", name, compliance_assessment_errmsg(a));
	assert_string_equal(compliance_assessment_errmsg(a), "");
	return out;
}

static void expect_in(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("\"%s\" not in:\n%s", part, text);
}

static void expect_not_in(const char *text, const char *part)
{
	if (strstr(text, part))
		fail_msg("\"%s\" unexpectedly in:\n%s", part, text);
}

/* The example: units 81.54, 93.72, 81.25 (tests/cli/cli_test.sh
 * case_indicator_scoring), mean 256.51/3 = 85.5033.. -> 85.50, B. */
static void test_band_names_next_band(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = from_file(f, f->instrument, ANSWERS);
	char *t = explain(a, "Kota Contoh", COMPLIANCE_EXPLAIN_TEXT);
	char *j = explain(a, "Kota Contoh", COMPLIANCE_EXPLAIN_JSON);

	expect_in(t, "\nmean of 3: 25651/300 (85.503333)\nscore: 85.50\n");
	/* B is 78.00 to 87.99; the next band, A, starts at 88.00 */
	expect_in(t, "band: B hijau Kualitas Tinggi, because 85.50 >= 78.00, the inclusive lower "
	             "bound of category B (78.00 to 87.99), and below 88.00, the lower bound of the "
	             "next band, category A (88.00 to 100.00)\n");
	expect_not_in(t, "deductions");
	expect_in(j, "\"why\": \"85.50 >= 78.00, the inclusive lower bound of category B (78.00 to "
	             "87.99), and below 88.00, the lower bound of the next band, category A (88.00 "
	             "to 100.00)\"");
	expect_in(j, "\"count\": 3,\n  \"mean\": {\n    \"exact\": \"25651/300\",\n    \"decimal\": "
	             "\"85.503333\"\n  },\n  \"deduction\": {\n    \"exact\": \"0\",");
	expect_in(j, "\"value\": {\n    \"exact\": \"25651/300\",");
	expect_in(j, "\"clamped\": false,\n  \"score\": \"85.50\",");
	expect_in(j, "\"score\": \"81.54\"");
	expect_in(j, "\"score\": \"93.72\"");
	compliance_free(t);
	compliance_free(j);
	compliance_assessment_free(a);
}

/* The same units with the flag set: 85.5033.. less 10 = 75.5033.. ->
 * 75.50, C (54.00 to 77.99), below B's 78.00; the qualifier applies. */
static void test_mean_then_deduction(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = from_file(f, f->deduction, DEDUCTION_ANSWERS);
	char *t = explain(a, "Kota Contoh", COMPLIANCE_EXPLAIN_TEXT);
	char *j = explain(a, "Kota Contoh", COMPLIANCE_EXPLAIN_JSON);

	expect_in(t, "\nmean of 3: 25651/300 (85.503333)\n"
	             "less deductions of 10: 22651/300 (75.503333)\n"
	             "score: 75.50\n");
	expect_in(t, "because 75.50 >= 54.00, the inclusive lower bound of category C (54.00 to "
	             "77.99), and below 78.00, the lower bound of the next band, category B (78.00 "
	             "to 87.99)\n");
	expect_in(t, "flag supervision-ignored = yes; deduction 10; the score was corrected\n");
	expect_in(t, "label: Kualitas Sedang Tanpa Maladministrasi\n");
	expect_in(j, "\"mean\": {\n    \"exact\": \"25651/300\",");
	expect_in(j, "\"deduction\": {\n    \"exact\": \"10\",\n    \"decimal\": \"10.000000\"\n  },\n"
	             "  \"value\": {\n    \"exact\": \"22651/300\",\n    \"decimal\": \"75.503333\"\n"
	             "  },\n  \"clamped\": false,\n  \"score\": \"75.50\",");
	expect_in(j, "\"label\": \"Kualitas Sedang Tanpa Maladministrasi\"");
	compliance_free(t);
	compliance_free(j);
	/* the entity without the flag: no deduction */
	t = explain(a, "Kota Tanpa Koreksi", COMPLIANCE_EXPLAIN_TEXT);
	expect_in(t, "\nmean of 3: 25651/300 (85.503333)\nscore: 85.50\n");
	expect_in(t, "flag supervision-ignored = no; deduction 10; the score is unchanged\n");
	compliance_free(t);
	compliance_assessment_free(a);
}

/* A deduction larger than the mean holds the value at the scale's
 * minimum: 5 - 10 -> 0, E; the top band names no next band. */
static void test_clamp_and_top_band(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = from_json(
	        f, f->deduction,
	        "{\"entities\": [{\"entity\": \"K\", \"entity_type\": \"kota\", \"inputs\": "
	        "{\"supervision-ignored\": true}, \"units\": [{\"unit\": \"u\", \"score\": \"5\"}]}, "
	        "{\"entity\": \"L\", \"entity_type\": \"kota\", \"units\": [{\"unit\": \"u\", "
	        "\"score\": \"87.99\"}, {\"unit\": \"v\", \"score\": \"88\"}]}]}");
	char *t = explain(a, "K", COMPLIANCE_EXPLAIN_TEXT);
	char *j = explain(a, "K", COMPLIANCE_EXPLAIN_JSON);

	expect_in(t, "\nmean of 1: 5 (5.000000)\nless deductions of 10: 0 (0.000000), held within "
	             "the scale\nscore: 0.00\n");
	expect_in(t, "because 0.00 >= 0.00, the inclusive lower bound of category E (0.00 to 31.99), "
	             "and below 32.00, the lower bound of the next band, category D (32.00 to 53.99)");
	expect_in(j, "\"clamped\": true,");
	compliance_free(t);
	compliance_free(j);
	/* (87.99 + 88) / 2 = 87.995, a tie: half-up 88.00, A, the top band */
	t = explain(a, "L", COMPLIANCE_EXPLAIN_TEXT);
	expect_in(t, "\nmean of 2: 87.995 (87.995000)\nscore: 88.00\n");
	expect_in(t, "because 88.00 >= 88.00, the inclusive lower bound of category A (88.00 to "
	             "100.00)\n");
	expect_not_in(t, "next band");
	compliance_free(t);
	compliance_assessment_free(a);
}

/* Zone-only editions name zones. 2021: merah 0-50.99, kuning 51.00-80.99,
 * hijau 81.00-100; (80.99 + 81.00) / 2 = 80.995 -> 81.00, hijau; 80.994
 * -> 80.99, kuning, below hijau's 81.00. */
static void test_zones(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = from_json(
	        f, f->p2021,
	        "{\"entities\": [{\"entity\": \"H\", \"entity_type\": \"kota\", \"units\": "
	        "[{\"unit\": \"u\", \"score\": \"80.99\"}, {\"unit\": \"v\", \"score\": \"81\"}]}, "
	        "{\"entity\": \"K\", \"entity_type\": \"kota\", \"units\": [{\"unit\": \"u\", "
	        "\"score\": \"80.994\"}]}]}");
	char *t = explain(a, "H", COMPLIANCE_EXPLAIN_TEXT);

	expect_in(t, "because 81.00 >= 81.00, the inclusive lower bound of zone hijau (81.00 to "
	             "100.00)\n");
	compliance_free(t);
	t = explain(a, "K", COMPLIANCE_EXPLAIN_TEXT);
	expect_in(t, "because 80.99 >= 51.00, the inclusive lower bound of zone kuning (51.00 to "
	             "80.99), and below 81.00, the lower bound of the next band, zone hijau (81.00 "
	             "to 100.00)\n");
	compliance_free(t);
	compliance_assessment_free(a);
}

static void expect_msg(compliance_assessment *a, const char *part)
{
	if (!strstr(compliance_assessment_errmsg(a), part))
		fail_msg("message \"%s\" lacks \"%s\"", compliance_assessment_errmsg(a), part);
}

static void test_errors(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = NULL;
	char *out = (char *)"untouched";
	size_t idx = 77;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, f->p2023), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota A", "kota", "u", "70"),
	                 COMPLIANCE_OK);
	/* before compute */
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_TEXT, &out),
	                 COMPLIANCE_E_STATE);
	assert_null(out);
	expect_msg(a, "explain: entity at index 0: the assessment has no results: compute it first");
	assert_int_equal(compliance_assessment_find(a, "Kota A", &idx), COMPLIANCE_E_STATE);
	expect_msg(a, "find: entity 'Kota A': the assessment has no results");
	assert_int_equal(idx, 77);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	/* find */
	assert_int_equal(compliance_assessment_find(a, "Kota B", &idx), COMPLIANCE_E_NOTFOUND);
	expect_msg(a, "find: no entity named 'Kota B' among the 1 results");
	assert_int_equal(compliance_assessment_find(a, "Kota\nB", &idx), COMPLIANCE_E_NOTFOUND);
	expect_msg(a, "'Kota\\x0aB'");
	assert_int_equal(compliance_assessment_find(a, NULL, &idx), COMPLIANCE_E_INVALID);
	expect_msg(a, "find: the name and the index must not be NULL");
	assert_int_equal(compliance_assessment_find(a, "Kota A", NULL), COMPLIANCE_E_INVALID);
	expect_msg(a, "must not be NULL");
	assert_int_equal(compliance_assessment_find(NULL, "Kota A", &idx), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_find(a, "Kota A", &idx), COMPLIANCE_OK);
	assert_int_equal(idx, 0);
	assert_string_equal(compliance_assessment_errmsg(a), "");
	/* explain */
	assert_int_equal(compliance_assessment_explain(a, 3, COMPLIANCE_EXPLAIN_JSON, &out),
	                 COMPLIANCE_E_NOTFOUND);
	expect_msg(a, "explain: no entity at index 3: the results hold 1");
	assert_int_equal(compliance_assessment_explain(a, 0, 2, &out), COMPLIANCE_E_INVALID);
	expect_msg(a, "explain: entity at index 0: the format must be COMPLIANCE_EXPLAIN_JSON or "
	              "COMPLIANCE_EXPLAIN_TEXT");
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_JSON, NULL),
	                 COMPLIANCE_E_INVALID);
	expect_msg(a, "explain: entity at index 0: the output pointer is NULL");
	assert_int_equal(compliance_assessment_explain(NULL, 0, COMPLIANCE_EXPLAIN_JSON, &out),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_JSON, &out),
	                 COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_errmsg(a), "");
	compliance_free(out);
	compliance_assessment_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_band_names_next_band),
		cmocka_unit_test(test_mean_then_deduction),
		cmocka_unit_test(test_clamp_and_top_band),
		cmocka_unit_test(test_zones),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
