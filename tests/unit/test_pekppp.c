/*
 * PEKPPP (KemenPAN-RB, Permenpan RB 29/2022) as the built-in profile
 * "pekppp-2022": six aspects with their published weights, answers 0 to 5,
 * the score = the "nilai konversi" IPP x 20 taken before rounding; the
 * band table is not published, so the built-in has none: classify, compute,
 * explain and advise say so (COMPLIANCE_E_MISSING), and a user profile that
 * extends it with bands scores, explains and advises like any profile.
 *
 * Expected values by hand (METHODOLOGY.md §4b): IPP = Σ w_a × v_a / 100
 * over the aspects (weights 24, 25, 18, 11, 10, 12); score = 20 × IPP.
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

/* Test bands only (the real table is unknown): two made-up categories,
 * named so that nobody mistakes them for KemenPAN-RB's. */
#define TEST_BANDS                                                                         \
	"\"bands\": ["                                                                     \
	"{\"category\": \"T1\", \"min\": \"95.00\", \"max\": \"100.00\", \"zone\": "       \
	"\"hijau\", \"label\": \"test band high\", \"source\": \"test\", \"confidence\": \"S\"}," \
	"{\"category\": \"T2\", \"min\": \"0.00\", \"max\": \"94.99\", \"zone\": "         \
	"\"merah\", \"label\": \"test band low\", \"source\": \"test\", \"confidence\": \"S\"}]"

static const char *const user_profile =
	"{\"id\": \"my-pekppp\", \"extends\": \"pekppp-2022\", " TEST_BANDS "}";

/* sdm's indicators given by the user below the built-in aspect: the
 * aspect's published weight stays, the built-in's answer scale goes. */
static const char *const user_indicators =
	"{\"id\": \"my-pekppp-ind\", \"extends\": \"pekppp-2022\", " TEST_BANDS ", "
	"\"nodes\": [{\"id\": \"sdm\", \"weights_total\": 2, \"children\": ["
	"{\"id\": \"sdm.1\", \"weight\": 1, \"scale\": {\"min\": 0, \"max\": 5}},"
	"{\"id\": \"sdm.2\", \"weight\": 1, \"scale\": {\"min\": 0, \"max\": 5}}]}]}";

/* Every aspect at 5 but sdm at 3.95: Σ w v = 500 - 25 × 1.05 = 473.75,
 * IPP = 4.7375 (published as 4.74), score = 94.75: the pair of
 * Kota Madiun 2025 (IPP 4.74 <-> 94.75, METHODOLOGY.md §4b). */
static const char *const answers =
	"{\"entities\": [{\"entity\": \"Kota Uji\", \"entity_type\": \"kota\", \"units\": ["
	"{\"unit\": \"Unit A\", \"values\": {\"kebijakan\": 5, \"sdm\": \"3.95\", "
	"\"sarpras\": 5, \"sipp\": 5, \"konsultasi\": 5, \"inovasi\": 5}}]}]}";

/* The same with sdm's two indicators 3.9 and 4.0 (mean 3.95). */
static const char *const answers_ind =
	"{\"entities\": [{\"entity\": \"Kota Uji\", \"entity_type\": \"kota\", \"units\": ["
	"{\"unit\": \"Unit A\", \"values\": {\"kebijakan\": 5, \"sdm.1\": \"3.9\", "
	"\"sdm.2\": 4, \"sarpras\": 5, \"sipp\": 5, \"konsultasi\": 5, \"inovasi\": 5}}]}]}";

static void expect_in(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("\"%s\" not in:\n%s", part, text ? text : "(null)");
}

static compliance_profile *open_builtin(compliance_ctx *ctx)
{
	compliance_profile *p = NULL;

	if (compliance_profile_open(ctx, &p, "pekppp-2022"))
		fail_msg("open pekppp-2022: %s", compliance_ctx_errmsg(ctx));
	return p;
}

static compliance_profile *load(compliance_ctx *ctx, const char *json)
{
	compliance_profile *p = NULL;

	if (compliance_profile_load_buffer(ctx, &p, json, strlen(json), "user.json"))
		fail_msg("load: %s", compliance_ctx_errmsg(ctx));
	return p;
}

static compliance_assessment *read_answers(compliance_ctx *ctx, compliance_profile *p,
                                           const char *json)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	if (compliance_assessment_read_json_buffer(a, json, strlen(json), "answers.json"))
		fail_msg("read: %s", compliance_assessment_errmsg(a));
	return a;
}

/* The six aspects with METHODOLOGY.md §4b's weights and sources, answers
 * 0..5, the scale 0..100 (= 20 × IPP 0..5), no bands and their source
 * "unknown". */
static void test_builtin_profile(void **state)
{
	static const char *const ids[] = { "kebijakan", "sdm", "sarpras", "sipp", "konsultasi",
		                           "inovasi" };
	static const char *const weights[] = { "24", "25", "18", "11", "10", "12" };
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	size_t i;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_builtin(ctx);
	assert_int_equal(compliance_profile_kind(p), COMPLIANCE_PROFILE_ASSESSMENT);
	assert_string_equal(compliance_profile_scale_min(p), "0");
	assert_string_equal(compliance_profile_scale_max(p), "100");
	assert_int_equal(compliance_profile_decimals(p), 2);
	assert_int_equal(compliance_profile_band_count(p), 0);
	assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_BANDS),
	                 COMPLIANCE_CONF_UNKNOWN);
	expect_in(compliance_profile_fact_source(p, COMPLIANCE_FACT_BANDS), "not published");
	expect_in(compliance_profile_fact_source(p, COMPLIANCE_FACT_SCALE), "x 20");
	assert_int_equal(compliance_profile_node_count(p), 6);
	for (i = 0; i < 6; i++) {
		assert_string_equal(compliance_profile_node_id(p, i), ids[i]);
		assert_string_equal(compliance_profile_node_weight(p, i), weights[i]);
		assert_int_equal(compliance_profile_node_confidence(p, i), COMPLIANCE_CONF_STATED);
		expect_in(compliance_profile_node_source(p, i), "Permenpan RB 29/2022");
		assert_string_equal(compliance_profile_node_scale_min(p, i), "0");
		assert_string_equal(compliance_profile_node_scale_max(p, i), "5");
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Without bands: classify, compute, explain and advise fail with
 * COMPLIANCE_E_MISSING and say where the bands come from. */
static void test_no_bands_missing(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	compliance_assessment *a;
	char *out = NULL;
	int64_t r = -1;
	size_t b = 99;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_builtin(ctx);
	assert_int_equal(compliance_profile_classify(ctx, p, "94.75", &r, &b), COMPLIANCE_E_MISSING);
	assert_int_equal(r, -1);
	assert_int_equal(b, 99);
	expect_in(compliance_ctx_errmsg(ctx), "profile pekppp-2022 has no bands");
	expect_in(compliance_ctx_errmsg(ctx), "not published");
	expect_in(compliance_ctx_errmsg(ctx), "\"extends\": \"pekppp-2022\", \"bands\"");
	/* the scale is still checked first */
	assert_int_equal(compliance_profile_classify(ctx, p, "100.01", NULL, NULL),
	                 COMPLIANCE_E_RANGE);

	a = read_answers(ctx, p, answers);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_E_MISSING);
	expect_in(compliance_assessment_errmsg(a), "Kota Uji");
	expect_in(compliance_assessment_errmsg(a), "has no bands");
	expect_in(compliance_assessment_errmsg(a), "your own profile");
	assert_int_not_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_TEXT, &out),
	                     COMPLIANCE_OK);
	assert_null(out);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void check_scored(compliance_ctx *ctx, compliance_profile *p, const char *json)
{
	compliance_assessment *a = read_answers(ctx, p, json);
	char buf[64], *t = NULL, *adv = NULL;
	int64_t s = 0;

	if (compliance_assessment_compute(a))
		fail_msg("compute: %s", compliance_assessment_errmsg(a));
	assert_int_equal(compliance_assessment_unit_score(&s, a, 0, 0), COMPLIANCE_OK);
	assert_int_equal(s, 9475);
	assert_int_equal(compliance_assessment_unit_exact(buf, sizeof buf, a, 0, 0), COMPLIANCE_OK);
	assert_string_equal(buf, "94.75");
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "94.75");
	assert_string_equal(compliance_assessment_entity_category(a, 0), "T2");
	assert_string_equal(compliance_assessment_entity_label(a, 0), "test band low");

	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_TEXT, &t),
	                 COMPLIANCE_OK);
	expect_in(t, "94.75");
	expect_in(t, "sdm: weight 25 [S]");
	/* advice: sdm's answers up to 5 add 25 × 1.05 / 5 = 5.25 points:
	 * 100.00, into T1 */
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_TEXT, &adv),
	                 COMPLIANCE_OK);
	expect_in(adv, "sdm");
	expect_in(adv, "T1");
	compliance_free(t);
	compliance_free(adv);
	compliance_assessment_free(a);
}

/* A user's profile adding bands scores, explains and advises. */
static void test_user_bands(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	int64_t r = 0;
	size_t b = 9;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = load(ctx, user_profile);
	assert_int_equal(compliance_profile_band_count(p), 2);
	/* the built-in's "bands not published" no longer describes them */
	assert_string_equal(compliance_profile_fact_source(p, COMPLIANCE_FACT_BANDS), "test");
	assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_BANDS),
	                 COMPLIANCE_CONF_STATED);
	assert_string_equal(compliance_profile_node_weight(p, 1), "25");
	assert_int_equal(compliance_profile_classify(ctx, p, "94.995", &r, &b), COMPLIANCE_OK);
	assert_int_equal(r, 9500);
	assert_int_equal(b, 0);
	check_scored(ctx, p, answers);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Indicators 0..5 given below an aspect replace its answer scale; the
 * aspect keeps its published weight 25 and its source. */
static void test_user_indicators(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	size_t i, sdm = 99;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = load(ctx, user_indicators);
	for (i = 0; i < compliance_profile_node_count(p); i++)
		if (!strcmp(compliance_profile_node_id(p, i), "sdm"))
			sdm = i;
	assert_int_not_equal(sdm, 99);
	assert_string_equal(compliance_profile_node_weight(p, sdm), "25");
	assert_string_equal(compliance_profile_node_scale_max(p, sdm), "");
	expect_in(compliance_profile_node_source(p, sdm), "Permenpan RB 29/2022");
	check_scored(ctx, p, answers_ind);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* No bands is allowed only when "bands_source" says they are unknown. */
static void test_no_bands_refused_otherwise(void **state)
{
	static const char *const bad =
		"{\"id\": \"x\", \"year\": 2022, \"scale\": {\"min\": 0, \"max\": 100},"
		" \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\"]}}";
	static const char *const stated =
		"{\"id\": \"x\", \"year\": 2022, \"scale\": {\"min\": 0, \"max\": 100},"
		" \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\"]},"
		" \"bands_source\": {\"source\": \"s\", \"confidence\": \"S\"}}";
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, bad, strlen(bad), "bad.json"),
	                 COMPLIANCE_E_PROFILE);
	expect_in(compliance_ctx_errmsg(ctx), "$.bands: missing");
	expect_in(compliance_ctx_errmsg(ctx), "\"confidence\": \"unknown\"");
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, stated, strlen(stated), "s.json"),
	                 COMPLIANCE_E_PROFILE);
	expect_in(compliance_ctx_errmsg(ctx), "$.bands: missing");
	assert_null(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_profile),
		cmocka_unit_test(test_no_bands_missing),
		cmocka_unit_test(test_user_bands),
		cmocka_unit_test(test_user_indicators),
		cmocka_unit_test(test_no_bands_refused_otherwise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
