/*
 * The SKM before 2017 (Kep MenPAN 25/2004): the built-in "skm-2004" with
 * fourteen elements U1..U14 of weight exactly 1/14 and its bands, and
 * "skm-2004-w0071", labelled in its id, name and sources as reproducing
 * the rounded weight 0.071 of published results.
 *
 * The published vector (METHODOLOGY.md §4): Kab. Bogor licensing office
 * 2011, Σ NRR 42.066 × 0.071 × 25 = 74.66715 -> 74.67 as published; the
 * exact 1/14 gives 25 × 42.066 / 14 = 75.117857.. -> 75.12. Both are B
 * (62.51-81.25).
 *
 * Respondents giving Σ NRR = 42.066: 500 respondents; U1..U13 each summing
 * to 1502 (2 answers 4, 498 answers 3: NRR 3.004) and U14 to 1507 (7
 * answers 4: NRR 3.014): 13 × 3.004 + 3.014 = 42.066.
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

#define N 14
#define RESPONDENTS 500

static void expect_in(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("\"%s\" not in:\n%s", part, text ? text : "(null)");
}

static compliance_skm *survey(compliance_ctx *ctx, const char *id)
{
	compliance_profile *p = NULL;
	compliance_skm *s = NULL;

	if (compliance_profile_open(ctx, &p, id))
		fail_msg("open %s: %s", id, compliance_ctx_errmsg(ctx));
	assert_int_equal(compliance_skm_new(ctx, &s, p), COMPLIANCE_OK);
	compliance_profile_free(p);
	return s;
}

/* The Bogor 2011 respondents, through compliance_skm_add_respondent(). */
static void add_bogor(compliance_skm *s)
{
	int ans[N];
	size_t r, i;

	for (r = 0; r < RESPONDENTS; r++) {
		for (i = 0; i < N; i++)
			ans[i] = r < (i == N - 1 ? 7u : 2u) ? 4 : 3;
		assert_int_equal(compliance_skm_add_respondent(s, NULL, ans, N), COMPLIANCE_OK);
	}
}

static void test_profile(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_skm *s;
	const compliance_profile *p;
	int lo = 0, hi = 0;
	size_t i;
	char code[8];

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	s = survey(ctx, "skm-2004");
	p = compliance_skm_profile(s);
	assert_int_equal(compliance_skm_element_count(s), N);
	assert_int_equal(compliance_skm_answer_range(s, &lo, &hi), COMPLIANCE_OK);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 4);
	for (i = 0; i < N; i++) {
		snprintf(code, sizeof code, "U%zu", i + 1);
		assert_string_equal(compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE), code);
		assert_string_equal(compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_WEIGHT), "1/14");
		expect_in(compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_SOURCE),
		          "Kep MenPAN 25/2004");
	}
	/* METHODOLOGY.md §4: A 81.26-100, B 62.51-81.25, C 43.76-62.50,
	 * D 25-43.75 [S] */
	assert_int_equal(compliance_profile_band_count(p), 4);
	assert_string_equal(compliance_profile_band_lower(p, 0), "81.26");
	assert_string_equal(compliance_profile_band_upper(p, 0), "100.00");
	assert_string_equal(compliance_profile_band_lower(p, 1), "62.51");
	assert_string_equal(compliance_profile_band_upper(p, 1), "81.25");
	assert_string_equal(compliance_profile_band_lower(p, 2), "43.76");
	assert_string_equal(compliance_profile_band_upper(p, 2), "62.50");
	assert_string_equal(compliance_profile_band_lower(p, 3), "25.00");
	assert_string_equal(compliance_profile_band_upper(p, 3), "43.75");
	for (i = 0; i < 4; i++)
		assert_int_equal(compliance_profile_band_confidence(p, i), COMPLIANCE_CONF_STATED);
	/* labels are not in the methodology: none invented */
	assert_string_equal(compliance_profile_band_label(p, 0), "");
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
}

/* The default, exact 1/14: 75.12 (not the published 74.67). */
static void test_bogor_exact_default(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_skm *s;
	int64_t v = 0;
	size_t b = 9;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	s = survey(ctx, "skm-2004");
	add_bogor(s);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_nrr(s, 0, COMPLIANCE_SKM_NRR_EXACT), "3.004");
	assert_string_equal(compliance_skm_nrr(s, 13, COMPLIANCE_SKM_NRR_EXACT), "3.014");
	/* 25 × 42.066 / 14 = 1051.65 / 14 = 21033/280 */
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), "21033/280");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "75.12");
	assert_int_equal(compliance_skm_ikm_scaled(s, &v), COMPLIANCE_OK);
	assert_int_equal(v, 7512);
	assert_int_equal(compliance_skm_band_index(s, &b), COMPLIANCE_OK);
	assert_int_equal(b, 1);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), "B");
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
}

/* Only the labelled profile reproduces the published 74.67. */
static void test_bogor_rounded_weight(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_skm *s;
	const compliance_profile *p;
	char *json = NULL, *table = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	s = survey(ctx, "skm-2004-w0071");
	p = compliance_skm_profile(s);
	/* labelled as such: id, name, the weight shown and the sources */
	expect_in(compliance_profile_id(p), "w0071");
	expect_in(compliance_profile_name(p), "rounded weight 0.071");
	expect_in(compliance_profile_name(p), "not the regulation's 1/14");
	assert_string_equal(compliance_skm_element(s, 0, COMPLIANCE_SKM_ELEMENT_WEIGHT), "0.071");
	expect_in(compliance_skm_element(s, 0, COMPLIANCE_SKM_ELEMENT_SOURCE), "rounded to 0.071");
	expect_in(compliance_profile_fact_source(p, COMPLIANCE_FACT_BANDS), "rounded weight 0.071");
	add_bogor(s);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	/* 25 × 0.071 × 42.066 = 74.66715 */
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), "74.66715");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "74.67");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), "B");
	/* the written result names the method and why it differs */
	assert_int_equal(compliance_skm_write(s, COMPLIANCE_FORMAT_JSON, &json), COMPLIANCE_OK);
	expect_in(json, "skm-2004-w0071");
	expect_in(json, "rounded weight 0.071");
	assert_int_equal(compliance_skm_write(s, COMPLIANCE_FORMAT_TABLE, &table), COMPLIANCE_OK);
	expect_in(table, "skm-2004-w0071");
	compliance_free(json);
	compliance_free(table);
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
}

/* The CSV header is respondent,U1..U14; n must be 14. */
static void test_csv_and_count(void **state)
{
	static const char csv[] = "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9,U10,U11,U12,U13,U14\n"
	                          "1,4,4,4,4,4,4,4,4,4,4,4,4,4,4\n"
	                          "2,1,1,1,1,1,1,1,1,1,1,1,1,1,\n";
	static const char nine[] = "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n1,4,4,4,4,4,4,4,4,4\n";
	compliance_ctx *ctx = NULL;
	compliance_skm *s;
	int ans[N] = { 0 };

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	s = survey(ctx, "skm-2004");
	assert_int_equal(compliance_skm_add_respondent(s, NULL, ans, 9), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_read_csv_buffer(s, nine, strlen(nine), "nine.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_in(compliance_skm_errmsg(s), "nine.csv");
	assert_int_equal(compliance_skm_read_csv_buffer(s, csv, strlen(csv), "s.csv"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	/* U1..U13: (4 + 1) / 2 = 2.5; U14: 4; Σ = 32.5 + 4 = 36.5;
	 * 25 × 36.5 / 14 = 65.178.. -> 65.18, B (62.51-81.25) */
	assert_string_equal(compliance_skm_nrr(s, 13, COMPLIANCE_SKM_NRR_EXACT), "4");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "65.18");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), "B");
	assert_int_equal(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE), 1);
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
}

/* "skm.weight_decimals" is a profile key any SKM profile may use: a user's
 * profile extending skm-2017 with 3 decimals reproduces the templates'
 * 0.111 (METHODOLOGY.md §4: Kab. Bantul land office 2023, 87.28 with the
 * exact 1/9, 87.19 with 0.111); its value is checked. */
static void test_weight_decimals_key(void **state)
{
	static const char user[] =
		"{\"id\": \"skm-2017-w0111\", \"extends\": \"skm-2017\", \"skm\": {\"conversion\": 25,"
		" \"weight_decimals\": 3, \"source\": \"templates' 0.111\", \"confidence\": \"V\"}}";
	static const char bad[] =
		"{\"id\": \"x\", \"extends\": \"skm-2017\", \"skm\": {\"conversion\": 25,"
		" \"weight_decimals\": 0}}";
	/* NRR ×100: 3.31 3.35 3.49 3.93 3.45 3.39 3.39 3.76 3.35 */
	static const int sums[9] = { 331, 335, 349, 393, 345, 339, 339, 376, 335 };
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL, *q = NULL;
	compliance_skm *s = NULL, *e = NULL;
	int ans[9];
	size_t r, i;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_buffer(ctx, &q, bad, strlen(bad), "bad.json"),
	                 COMPLIANCE_E_PROFILE);
	expect_in(compliance_ctx_errmsg(ctx), "$.skm.weight_decimals");
	if (compliance_profile_load_buffer(ctx, &p, user, strlen(user), "user.json"))
		fail_msg("%s", compliance_ctx_errmsg(ctx));
	assert_int_equal(compliance_skm_new(ctx, &s, p), COMPLIANCE_OK);
	compliance_profile_free(p);
	e = survey(ctx, "skm-2017");
	assert_string_equal(compliance_skm_element(s, 0, COMPLIANCE_SKM_ELEMENT_WEIGHT), "0.111");
	/* 100 respondents: element i has (sum - 300) answers 4, the rest 3 */
	for (r = 0; r < 100; r++) {
		for (i = 0; i < 9; i++)
			ans[i] = (int)r < sums[i] - 300 ? 4 : 3;
		assert_int_equal(compliance_skm_add_respondent(s, NULL, ans, 9), COMPLIANCE_OK);
		assert_int_equal(compliance_skm_add_respondent(e, NULL, ans, 9), COMPLIANCE_OK);
	}
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_compute(e), COMPLIANCE_OK);
	/* 25 × 0.111 × 31.42 = 87.1905; 25/9 × 31.42 = 87.2777.. */
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), "87.1905");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "87.19");
	assert_string_equal(compliance_skm_result(e, COMPLIANCE_SKM_IKM), "87.28");
	compliance_skm_free(s);
	compliance_skm_free(e);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_bogor_exact_default),
		cmocka_unit_test(test_bogor_rounded_weight),
		cmocka_unit_test(test_csv_and_count),
		cmocka_unit_test(test_weight_decimals_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
