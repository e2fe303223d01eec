/*
 * Mergeable partial results (compliance/tally.h): the SKM tally and the
 * entity accumulator.
 *
 * The differential tests feed the same respondents (units) to one survey
 * (one assessment) and to tallies (accumulators) split in several ways,
 * merged directly and through their text form, and require every result
 * string to be byte-identical. The published vectors (skm-example.csv:
 * 84.54 / 85.56; unit-means.csv: Kota Tangerang Selatan 2023, 94.46 A) and
 * hand-derived text forms pin real values.
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

#define NEL 9

static compliance_profile *skm17, *skm04, *ombud23;

/* The published vector (tests/data/skm-example.csv); 0 = blank. */
static const int VEC[6][NEL] = {
	{ 4, 4, 3, 4, 3, 4, 4, 3, 4 }, { 3, 3, 3, 3, 3, 3, 4, 3, 3 }, { 4, 3, 4, 4, 4, 3, 3, 4, 4 },
	{ 2, 3, 3, 3, 2, 3, 3, 2, 3 }, { 4, 4, 4, 4, 4, 4, 4, 4, 4 }, { 3, 3, 3, 0, 3, 4, 3, 3, 3 },
};

/* A small deterministic generator (xorshift64*). */
static uint64_t rng_state;
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static compliance_skm_tally *new_tally(compliance_profile *p)
{
	compliance_skm_tally *t = NULL;
	assert_int_equal(compliance_skm_tally_new(NULL, &t, p), COMPLIANCE_OK);
	return t;
}

static void tally_add(compliance_skm_tally *t, const int *a)
{
	int rc = compliance_skm_tally_add_respondent(t, a, NEL);
	if (rc)
		fail_msg("add: %s", compliance_skm_tally_errmsg(t));
}

/* Every result of a computed survey, as one string. */
static void skm_describe(compliance_skm *s, char *buf, size_t size)
{
	size_t pos = 0, i;
	int k;

	pos += (size_t)snprintf(buf + pos, size - pos, "%s|%s|%s|%s|%s",
	                        compliance_skm_result(s, COMPLIANCE_SKM_IKM),
	                        compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT),
	                        compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY),
	                        compliance_skm_result(s, COMPLIANCE_SKM_LABEL),
	                        compliance_skm_result(s, COMPLIANCE_SKM_MISSING));
	for (k = 0; k <= COMPLIANCE_SKM_COUNT_DROPPED; k++)
		pos += (size_t)snprintf(buf + pos, size - pos, "|%llu",
		                        (unsigned long long)compliance_skm_count(s, k));
	for (i = 0; i < compliance_skm_element_count(s); i++)
		pos += (size_t)snprintf(buf + pos, size - pos, "|%llu:%s:%s",
		                        (unsigned long long)compliance_skm_element_answers(s, i),
		                        compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED),
		                        compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT));
}

/* Finishes a tally through a survey under `policy`: the code, and the
 * results in buf. */
static int finish(compliance_profile *p, const compliance_skm_tally *t, int policy, char *buf,
                  size_t size)
{
	compliance_skm *s = NULL;
	int rc;

	assert_int_equal(compliance_skm_new(NULL, &s, p), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, policy), 0);
	assert_int_equal(compliance_skm_add_tally(s, t), COMPLIANCE_OK);
	rc = compliance_skm_compute(s);
	buf[0] = 0;
	if (rc == COMPLIANCE_OK)
		skm_describe(s, buf, size);
	else
		snprintf(buf, size, "error %d: %s", rc, compliance_skm_errmsg(s));
	compliance_skm_free(s);
	return rc;
}

/* A serialise -> parse round trip, checking the text reads back to the
 * same text. */
static compliance_skm_tally *round_trip(compliance_profile *p, const compliance_skm_tally *t)
{
	compliance_skm_tally *back = NULL;
	char *text = NULL, *again = NULL;
	size_t len = 0, len2 = 0;

	assert_int_equal(compliance_skm_tally_serialize(t, &text, &len), COMPLIANCE_OK);
	assert_int_equal(strlen(text), len);
	if (compliance_skm_tally_parse(NULL, &back, p, text, len) != COMPLIANCE_OK)
		fail_msg("parse of our own text failed:\n%s", text);
	assert_int_equal(compliance_skm_tally_serialize(back, &again, &len2), COMPLIANCE_OK);
	assert_string_equal(text, again);
	compliance_free(text);
	compliance_free(again);
	return back;
}

/* ---- SKM ------------------------------------------------------------------------ */

static void test_skm_vector(void **state)
{
	compliance_skm_tally *a = new_tally(skm17), *b = new_tally(skm17);
	char buf[2048], *text = NULL;
	size_t i;
	(void)state;

	/* split 4 + 2, merged */
	for (i = 0; i < 6; i++)
		tally_add(i < 4 ? a : b, VEC[i]);
	assert_int_equal(compliance_skm_tally_merge(a, b), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_tally_respondents(a), 6);
	/* README: available-case 84.537037... -> 84.54 B; listwise 85.56 B */
	assert_int_equal(finish(skm17, a, COMPLIANCE_SKM_MISSING_AVAILABLE, buf, sizeof buf), 0);
	assert_memory_equal(buf, "84.54|4565/54|B|Baik|available|6|6|5|0|0|", 36);
	assert_int_equal(finish(skm17, a, COMPLIANCE_SKM_MISSING_LISTWISE, buf, sizeof buf), 0);
	assert_memory_equal(buf, "85.56|", 6);

	/* the text form, derived by hand from the six rows: U1 answers
	 * 4+3+4+2+4+3 = 20 over 6, complete rows 1-5 sum 17; U4 has 5 answers
	 * (row 6 blank), 4+3+4+3+4 = 18, all complete */
	assert_int_equal(compliance_skm_tally_serialize(a, &text, NULL), COMPLIANCE_OK);
	assert_string_equal(text, "compliance-skm-tally 1\n"
	                          "profile skm-2017\n"
	                          "read 6\n"
	                          "complete 5\n"
	                          "blank 0\n"
	                          "element U1 6 20 17\n"
	                          "element U2 6 20 17\n"
	                          "element U3 6 20 17\n"
	                          "element U4 5 18 18\n"
	                          "element U5 6 19 16\n"
	                          "element U6 6 21 17\n"
	                          "element U7 6 21 18\n"
	                          "element U8 6 19 16\n"
	                          "element U9 6 21 18\n");
	compliance_free(text);
	compliance_skm_tally_free(a);
	compliance_skm_tally_free(b);
}

/* Random respondents (with blanks and whole blank rows) in one survey and
 * in tallies split in several ways: identical results. */
static void test_skm_splits(void **state)
{
	enum { N = 2000 };
	static int rows[N][NEL];
	static const size_t nparts[] = { 1, 2, 3, 7, 64, N };
	compliance_skm *whole = NULL;
	char want[2][4096], got[4096];
	size_t i, j, k, si;
	int pol;
	(void)state;

	rng_state = UINT64_C(0x9E3779B97F4A7C15);
	for (i = 0; i < N; i++) {
		int blank_row = rng() % 50 == 0;
		for (j = 0; j < NEL; j++)
			rows[i][j] = blank_row ? 0 : (rng() % 10 == 0 ? 0 : (int)(rng() % 4) + 1);
	}
	assert_int_equal(compliance_skm_new(NULL, &whole, skm17), COMPLIANCE_OK);
	for (i = 0; i < N; i++)
		assert_int_equal(compliance_skm_add_respondent(whole, NULL, rows[i], NEL), 0);
	for (pol = 0; pol < 2; pol++) {
		assert_int_equal(compliance_skm_set_option(whole, COMPLIANCE_SKM_OPT_MISSING, pol), 0);
		assert_int_equal(compliance_skm_compute(whole), COMPLIANCE_OK);
		skm_describe(whole, want[pol], sizeof want[pol]);
	}
	compliance_skm_free(whole);

	for (si = 0; si < sizeof nparts / sizeof *nparts; si++) {
		size_t np = nparts[si];
		compliance_skm_tally **part = calloc(np, sizeof *part), *sum, *text_sum;
		assert_non_null(part);
		for (k = 0; k < np; k++)
			part[k] = new_tally(skm17);
		/* contiguous ranges for the first half of the splits, scattered
		 * (by a random part) for the rest */
		for (i = 0; i < N; i++)
			tally_add(part[si % 2 ? rng() % np : i * np / N], rows[i]);
		/* merged in reverse order directly, and through the text form */
		sum = new_tally(skm17);
		text_sum = new_tally(skm17);
		for (k = np; k-- > 0;) {
			compliance_skm_tally *rt = round_trip(skm17, part[k]);
			char *text = NULL;
			size_t len;
			assert_int_equal(compliance_skm_tally_merge(sum, rt), COMPLIANCE_OK);
			assert_int_equal(compliance_skm_tally_serialize(part[k], &text, &len), 0);
			assert_int_equal(compliance_skm_tally_merge_text(text_sum, text, len), 0);
			compliance_free(text);
			compliance_skm_tally_free(rt);
		}
		for (pol = 0; pol < 2; pol++) {
			assert_int_equal(finish(skm17, sum, pol, got, sizeof got), 0);
			assert_string_equal(got, want[pol]);
			assert_int_equal(finish(skm17, text_sum, pol, got, sizeof got), 0);
			assert_string_equal(got, want[pol]);
		}
		for (k = 0; k < np; k++)
			compliance_skm_tally_free(part[k]);
		free(part);
		compliance_skm_tally_free(sum);
		compliance_skm_tally_free(text_sum);
	}
}

/* A survey read from CSV and its tally (add_survey) agree; a survey that
 * also holds respondents of its own adds them to the tally's. */
static void test_skm_survey_bridge(void **state)
{
	static const char csv[] = "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
	                          "1,4,4,3,4,3,4,4,3,4\n"
	                          "2,3,3,3,3,3,3,4,3,3\n"
	                          "3,4,3,4,4,4,3,3,4,4\n";
	compliance_skm *s = NULL, *rest = NULL;
	compliance_skm_tally *t = new_tally(skm17);
	char buf[2048];
	size_t i;
	(void)state;

	assert_int_equal(compliance_skm_new(NULL, &s, skm17), 0);
	assert_int_equal(compliance_skm_read_csv_buffer(s, csv, strlen(csv), "a.csv"), 0);
	assert_int_equal(compliance_skm_tally_add_survey(t, s), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_tally_respondents(t), 3);
	/* the other three rows in a survey of their own, plus the tally */
	assert_int_equal(compliance_skm_new(NULL, &rest, skm17), 0);
	for (i = 3; i < 6; i++)
		assert_int_equal(compliance_skm_add_respondent(rest, NULL, VEC[i], NEL), 0);
	assert_int_equal(compliance_skm_add_tally(rest, t), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_compute(rest), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_result(rest, COMPLIANCE_SKM_IKM), "84.54");
	assert_string_equal(compliance_skm_result(rest, COMPLIANCE_SKM_IKM_EXACT), "4565/54");
	(void)buf;
	compliance_skm_free(s);
	compliance_skm_free(rest);
	compliance_skm_tally_free(t);
}

static void expect_parse_error(compliance_profile *p, const char *text, int code,
                               const char *needle)
{
	compliance_ctx *ctx = NULL;
	compliance_skm_tally *t = (compliance_skm_tally *)&t;

	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_skm_tally_parse(ctx, &t, p, text, strlen(text)), code);
	assert_null(t);
	if (!strstr(compliance_ctx_errmsg(ctx), needle))
		fail_msg("message '%s' lacks '%s'", compliance_ctx_errmsg(ctx), needle);
	compliance_ctx_free(ctx);
}

#define HEAD "compliance-skm-tally 1\nprofile skm-2017\n"
#define ELS8 "element U2 1 4 4\nelement U3 1 4 4\nelement U4 1 4 4\nelement U5 1 4 4\n" \
             "element U6 1 4 4\nelement U7 1 4 4\nelement U8 1 4 4\nelement U9 1 4 4\n"

static void test_skm_parse_errors(void **state)
{
	compliance_skm_tally *t = NULL;
	const char *ok = HEAD "read 1\ncomplete 1\nblank 0\nelement U1 1 4 4\n" ELS8;
	(void)state;

	assert_int_equal(compliance_skm_tally_parse(NULL, &t, skm17, ok, strlen(ok)), 0);
	compliance_skm_tally_free(t);
	expect_parse_error(skm17, "", COMPLIANCE_E_PARSE, "line 1: not an SKM tally");
	expect_parse_error(skm17, "hello\n", COMPLIANCE_E_PARSE, "line 1: not an SKM tally");
	expect_parse_error(skm17, "compliance-skm-tally 2\n", COMPLIANCE_E_PARSE,
	                   "line 1: version '2' is not supported: expected 1");
	expect_parse_error(skm17, "compliance-skm-tally 1\nprofile skm-2004\n", COMPLIANCE_E_INVALID,
	                   "line 2: the tally is of profile 'skm-2004', not of 'skm-2017'");
	expect_parse_error(skm17, HEAD "read 01\n", COMPLIANCE_E_PARSE,
	                   "line 3: read: expected a whole number");
	expect_parse_error(skm17, HEAD "read 18446744073709551616\n", COMPLIANCE_E_PARSE,
	                   "line 3: read: expected a whole number");
	expect_parse_error(skm17, HEAD "read 1\ncomplete 1\nblank 0\nelement U1 1 4 4\n",
	                   COMPLIANCE_E_PARSE, "line 7: the text ends early: expected the line "
	                                       "'element'");
	expect_parse_error(skm17, HEAD "read 1\ncomplete 1\nblank 0\nelement U2 1 4 4\n",
	                   COMPLIANCE_E_PARSE, "line 6: expected element 'U1'");
	expect_parse_error(skm17, HEAD "read 1\ncomplete 1\nblank 0\nelement U1 1 4 4 5\n",
	                   COMPLIANCE_E_PARSE, "line 6: unexpected text after the three numbers");
	expect_parse_error(skm17, HEAD "read 1\ncomplete 1\nblank 0\nelement U1 1 4 4", 
	                   COMPLIANCE_E_PARSE, "line 6: the line has no newline");
	expect_parse_error(skm17, HEAD "read 1\ncomplete 1\nblank 0\nelement U1 1 4 4\n" ELS8 "x\n",
	                   COMPLIANCE_E_PARSE, "unexpected text after the last element");
	/* numbers that no set of respondents gives */
	expect_parse_error(skm17, HEAD "read 1\ncomplete 1\nblank 0\nelement U1 1 5 5\n" ELS8,
	                   COMPLIANCE_E_PARSE, "element U1: sums 5 and 5 (complete respondents) "
	                                       "cannot come from 1 answers (1 complete) from 1 to 4");
	expect_parse_error(skm17, HEAD "read 1\ncomplete 1\nblank 1\nelement U1 1 4 4\n" ELS8,
	                   COMPLIANCE_E_PARSE, "1 complete and 1 blank respondents cannot be among "
	                                       "1 read");
	expect_parse_error(skm17, HEAD "read 1\ncomplete 1\nblank 0\nelement U1 2 8 8\n" ELS8,
	                   COMPLIANCE_E_PARSE, "element U1: 2 answers, expected from the 1 complete "
	                                       "respondents to the 1 who answered anything");
	/* two incomplete respondents cannot have given 18 answers (8 each at most) */
	expect_parse_error(skm17, HEAD "read 2\ncomplete 0\nblank 0\nelement U1 2 8 0\n"
	                   "element U2 2 8 0\nelement U3 2 8 0\nelement U4 2 8 0\n"
	                   "element U5 2 8 0\nelement U6 2 8 0\nelement U7 2 8 0\n"
	                   "element U8 2 8 0\nelement U9 2 8 0\n",
	                   COMPLIANCE_E_PARSE, "answered some but not all elements");
	expect_parse_error(NULL, ok, COMPLIANCE_E_INVALID, "no method given");
	expect_parse_error(ombud23, ok, COMPLIANCE_E_INVALID, "is not an SKM method");
}

static void test_skm_merge_errors(void **state)
{
	compliance_skm_tally *a = new_tally(skm17), *b = new_tally(skm04);
	compliance_skm *s = NULL;
	char *text = NULL;
	size_t len;
	int max[NEL] = { 4, 4, 4, 4, 4, 4, 4, 4, 4 }, bad[NEL] = { 4, 4, 5, 4, 4, 4, 4, 4, 4 };
	(void)state;

	tally_add(a, max);
	assert_int_equal(compliance_skm_tally_merge(a, b), COMPLIANCE_E_INVALID);
	assert_string_equal(compliance_skm_tally_errmsg(a),
	                    "merge: the tallies are of different methods: profile 'skm-2017' "
	                    "against 'skm-2004'");
	assert_int_equal(compliance_skm_tally_respondents(a), 1);
	/* the text of another method */
	assert_int_equal(compliance_skm_tally_serialize(b, &text, &len), 0);
	assert_int_equal(compliance_skm_tally_merge_text(a, text, len), COMPLIANCE_E_INVALID);
	assert_non_null(strstr(compliance_skm_tally_errmsg(a), "the tally is of profile "
	                                                      "'skm-2004', not of 'skm-2017'"));
	compliance_free(text);
	/* a survey of another method */
	assert_int_equal(compliance_skm_new(NULL, &s, skm04), 0);
	assert_int_equal(compliance_skm_add_tally(s, a), COMPLIANCE_E_INVALID);
	assert_non_null(strstr(compliance_skm_errmsg(s), "another method"));
	assert_int_equal(compliance_skm_tally_add_survey(a, s), COMPLIANCE_E_INVALID);
	compliance_skm_free(s);
	/* bad answers */
	assert_int_equal(compliance_skm_tally_add_respondent(a, bad, NEL), COMPLIANCE_E_RANGE);
	assert_string_equal(compliance_skm_tally_errmsg(a),
	                    "field 'U3': expected an answer from 1 to 4 (0 for no answer), found 5");
	assert_int_equal(compliance_skm_tally_add_respondent(a, max, 8), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_tally_respondents(a), 1);
	/* merging a tally with itself doubles it */
	assert_int_equal(compliance_skm_tally_merge(a, a), 0);
	assert_int_equal(compliance_skm_tally_respondents(a), 2);
	/* an empty tally finishes with the survey's own message */
	{
		char buf[512];
		compliance_skm_tally *e = new_tally(skm17);
		assert_int_equal(finish(skm17, e, 0, buf, sizeof buf), COMPLIANCE_E_MISSING);
		assert_non_null(strstr(buf, "no respondents"));
		compliance_skm_tally_free(e);
	}
	compliance_skm_tally_free(b);
	assert_int_equal(compliance_skm_tally_new(NULL, &b, ombud23), COMPLIANCE_E_INVALID);
	assert_null(b);
	compliance_skm_tally_free(a);
	compliance_skm_tally_free(NULL);
}

/* ---- entity accumulator -------------------------------------------------------- */

static compliance_entity_acc *new_acc(compliance_profile *p)
{
	compliance_entity_acc *a = NULL;
	assert_int_equal(compliance_entity_acc_new(NULL, &a, p), COMPLIANCE_OK);
	return a;
}

static void acc_describe(compliance_entity_acc *a, int rc, char *buf, size_t size)
{
	if (rc)
		snprintf(buf, size, "error %d", rc);
	else
		snprintf(buf, size, "%s|%s|%s|%s|%s",
		         compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_SCORE),
		         compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_MEAN),
		         compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_CATEGORY),
		         compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_ZONE),
		         compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_LABEL));
}

/* The assessment's result for one entity given these unit scores. */
static void assess(compliance_profile *p, char (*scores)[48], size_t n, char *buf, size_t size)
{
	compliance_assessment *a = NULL;
	char unit[32];
	size_t i;
	int rc;

	assert_int_equal(compliance_assessment_new(NULL, &a, p), 0);
	for (i = 0; i < n; i++) {
		snprintf(unit, sizeof unit, "u%zu", i);
		assert_int_equal(compliance_assessment_add_unit_score(a, "E", "kota", unit, scores[i]),
		                 0);
	}
	rc = compliance_assessment_compute(a);
	if (rc)
		snprintf(buf, size, "error %d", rc);
	else
		snprintf(buf, size, "%s|%s|%s|%s|%s", compliance_assessment_entity_score_text(a, 0),
		         compliance_assessment_entity_mean_text(a, 0),
		         compliance_assessment_entity_category(a, 0),
		         compliance_assessment_entity_zone(a, 0),
		         compliance_assessment_entity_label(a, 0));
	compliance_assessment_free(a);
}

static void test_acc_vector(void **state)
{
	/* unit-means.csv: Kota Tangerang Selatan 2023, published 94.46 A hijau */
	static const char *units[] = { "96.25", "92.40", "92.79", "94.50", "95.97", "94.84" };
	compliance_entity_acc *a = new_acc(ombud23), *b = new_acc(ombud23), *c = NULL;
	char *text = NULL;
	size_t i, len;
	(void)state;

	for (i = 0; i < 6; i++)
		assert_int_equal(compliance_entity_acc_add_unit_score(i % 2 ? a : b, units[i]), 0);
	assert_int_equal(compliance_entity_acc_serialize(b, &text, &len), 0);
	/* b holds 96.25 + 92.79 + 95.97 = 285.01 = 28501/100 */
	assert_string_equal(text, "compliance-entity-acc 1\nprofile ombudsman-2023\nunits 3\n"
	                          "sum 28501/100\n");
	assert_int_equal(compliance_entity_acc_parse(NULL, &c, ombud23, text, len), 0);
	compliance_free(text);
	assert_int_equal(compliance_entity_acc_merge(a, c), 0);
	assert_int_equal(compliance_entity_acc_units(a), 6);
	assert_int_equal(compliance_entity_acc_compute(a), 0);
	/* 566.75 / 6 = 94.458333... -> 94.46 */
	assert_string_equal(compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_SCORE), "94.46");
	assert_string_equal(compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_MEAN), "2267/24");
	assert_string_equal(compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_CATEGORY), "A");
	assert_string_equal(compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_ZONE), "hijau");
	assert_string_equal(compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_LABEL),
	                    "Kualitas Tertinggi");
	{
		int64_t sc = 0;
		size_t band = 9;
		assert_int_equal(compliance_entity_acc_score_scaled(a, &sc), 0);
		assert_int_equal(sc, 9446);
		assert_int_equal(compliance_entity_acc_band_index(a, &band), 0);
		assert_int_equal(band, 0);
	}
	/* a change drops the result */
	assert_int_equal(compliance_entity_acc_add_unit_score(a, "50"), 0);
	assert_null(compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_SCORE));
	compliance_entity_acc_free(a);
	compliance_entity_acc_free(b);
	compliance_entity_acc_free(c);
}

/* Random unit scores (up to 4 decimals, so the unit-stage rounding acts)
 * under every built-in assessment profile: the accumulator, split and
 * merged, against the assessment. */
static void test_acc_differential(void **state)
{
	enum { MAXU = 40 };
	static char scores[MAXU][48];
	size_t b, trial;
	(void)state;

	rng_state = 12345;
	for (b = 0; b < compliance_builtin_count(); b++) {
		compliance_profile *p = NULL;
		if (compliance_profile_open(NULL, &p, compliance_builtin_id(b)) != 0)
			continue; /* e.g. an id that is not an assessment */
		if (compliance_profile_kind(p) != COMPLIANCE_PROFILE_ASSESSMENT) {
			compliance_profile_free(p);
			continue;
		}
		for (trial = 0; trial < 20; trial++) {
			size_t n = 1 + (size_t)(rng() % MAXU), i, np = 1 + (size_t)(rng() % 5), k;
			char want[512], got[512];
			compliance_entity_acc *part[5], *sum = new_acc(p);
			const char *max = compliance_profile_scale_max(p);
			uint64_t top = (uint64_t)strtoull(max, NULL, 10) * 10000;
			int rc;

			for (i = 0; i < n; i++) {
				uint64_t v = rng() % (top + 1);
				/* some ties at the unit stage: x.xx50 */
				if (rng() % 4 == 0)
					v = v / 100 * 100 + 50 > top ? top : v / 100 * 100 + 50;
				snprintf(scores[i], sizeof scores[i], "%llu.%04llu",
				         (unsigned long long)(v / 10000), (unsigned long long)(v % 10000));
			}
			assess(p, scores, n, want, sizeof want);
			for (k = 0; k < np; k++)
				part[k] = new_acc(p);
			for (i = 0; i < n; i++)
				assert_int_equal(compliance_entity_acc_add_unit_score(part[rng() % np],
				                                                      scores[i]), 0);
			for (k = 0; k < np; k++) {
				char *text = NULL;
				size_t len;
				assert_int_equal(compliance_entity_acc_serialize(part[k], &text, &len), 0);
				assert_int_equal(compliance_entity_acc_merge_text(sum, text, len), 0);
				compliance_free(text);
				compliance_entity_acc_free(part[k]);
			}
			rc = compliance_entity_acc_compute(sum);
			acc_describe(sum, rc, got, sizeof got);
			if (strcmp(got, want) != 0)
				fail_msg("%s, %zu units: accumulator '%s', assessment '%s'",
				         compliance_profile_id(p), n, got, want);
			compliance_entity_acc_free(sum);
		}
		compliance_profile_free(p);
	}
}

static void test_acc_errors(void **state)
{
	compliance_entity_acc *a = new_acc(ombud23), *b = NULL, *c = NULL;
	compliance_profile *p22 = NULL;
	compliance_ctx *ctx = NULL;
	char *text = NULL;
	size_t len;
	(void)state;

	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_entity_acc_add_unit_score(a, "100.01"), COMPLIANCE_E_RANGE);
	assert_string_equal(compliance_entity_acc_errmsg(a), "score '100.01' is outside the scale "
	                                                     "of ombudsman-2023: expected 0 to 100");
	assert_int_equal(compliance_entity_acc_add_unit_score(a, "8x"), COMPLIANCE_E_PARSE);
	assert_int_equal(compliance_entity_acc_units(a), 0);
	assert_int_equal(compliance_entity_acc_compute(a), COMPLIANCE_E_MISSING);
	assert_non_null(strstr(compliance_entity_acc_errmsg(a), "nothing to average"));
	/* another profile */
	assert_int_equal(compliance_profile_open(NULL, &p22, "ombudsman-2022"), 0);
	b = new_acc(p22);
	assert_int_equal(compliance_entity_acc_merge(a, b), COMPLIANCE_E_INVALID);
	assert_string_equal(compliance_entity_acc_errmsg(a),
	                    "merge: the accumulators are of different profiles: profile "
	                    "'ombudsman-2023' against 'ombudsman-2022'");
	assert_int_equal(compliance_entity_acc_serialize(b, &text, &len), 0);
	assert_int_equal(compliance_entity_acc_merge_text(a, text, len), COMPLIANCE_E_INVALID);
	assert_non_null(strstr(compliance_entity_acc_errmsg(a), "line 2: the accumulator is of "
	                                                        "profile 'ombudsman-2022'"));
	compliance_free(text);
#define ACC_HEAD "compliance-entity-acc 1\nprofile ombudsman-2023\n"
	{
		static const struct {
			const char *text, *needle;
		} bad[] = {
			{ "x\n", "line 1: not an entity accumulator" },
			{ "compliance-entity-acc 3\n", "line 1: version '3' is not supported" },
			{ ACC_HEAD "units 2\nsum 10/2\n", "line 4: sum: expected a reduced fraction" },
			{ ACC_HEAD "units 2\nsum 10\n", "line 4: sum: expected a reduced fraction" },
			{ ACC_HEAD "units 2\nsum 10/0\n", "line 4: sum: expected a reduced fraction" },
			{ ACC_HEAD "units 2\nsum 201/1\n", "line 4: the sum '201/1' cannot be of 2 scores "
			                                   "from 0 to 100" },
			{ ACC_HEAD "units 2\nsum -1/1\n", "cannot be of 2 scores" },
			{ ACC_HEAD "units 2\n", "line 4: the text ends early: expected the line 'sum'" },
			{ ACC_HEAD "units 2\nsum 1/1\nmore\n", "line 5: unexpected text" },
			{ ACC_HEAD "units -2\nsum 1/1\n", "line 3: units: expected a whole number" },
		};
		size_t i;
		for (i = 0; i < sizeof bad / sizeof *bad; i++) {
			c = (compliance_entity_acc *)&c;
			assert_int_not_equal(compliance_entity_acc_parse(ctx, &c, ombud23, bad[i].text,
			                                                 strlen(bad[i].text)), 0);
			assert_null(c);
			if (!strstr(compliance_ctx_errmsg(ctx), bad[i].needle))
				fail_msg("case %zu: message '%s' lacks '%s'", i, compliance_ctx_errmsg(ctx),
				         bad[i].needle);
		}
	}
	assert_int_equal(compliance_entity_acc_new(NULL, &c, skm17), COMPLIANCE_E_INVALID);
	assert_null(c);
	compliance_entity_acc_free(a);
	compliance_entity_acc_free(b);
	compliance_profile_free(p22);
	compliance_ctx_free(ctx);
}

/* ---- memory: every allocation failure, no leak ----------------------------------- */

typedef struct counting {
	long calls, fail_at, live;
} counting;

static void *count_malloc(size_t size, void *ud)
{
	counting *c = ud;
	void *p;

	if (++c->calls == c->fail_at)
		return NULL;
	p = test_malloc(size);
	if (p)
		c->live++;
	return p;
}

static void *count_realloc(void *ptr, size_t size, void *ud)
{
	counting *c = ud;
	void *p;

	if (++c->calls == c->fail_at)
		return NULL;
	p = test_realloc(ptr, size);
	if (p && !ptr)
		c->live++;
	return p;
}

static void count_free(void *ptr, void *ud)
{
	counting *c = ud;

	if (ptr)
		c->live--;
	test_free(ptr);
}

static void test_alloc_failure_sweep(void **state)
{
	static const char acc_text[] = "compliance-entity-acc 1\nprofile ombudsman-2023\nunits 1\n"
	                               "sum 80/1\n";
	long n;
	int completed = 0;
	(void)state;

	for (n = 1; n < 1000 && !completed; n++) {
		counting c = { 0, 0, 0 };
		compliance_allocator a = { count_malloc, count_realloc, count_free, NULL };
		compliance_ctx *ctx = NULL;
		compliance_skm_tally *t = NULL, *u = NULL;
		compliance_entity_acc *e = NULL, *f = NULL;
		char *text = NULL;
		size_t len = 0;
		int rc, ok = 1;

		a.userdata = &c;
		c.fail_at = n;
		if (compliance_ctx_new_with_allocator(&ctx, &a)) {
			assert_int_equal(c.live, 0);
			continue;
		}
		rc = compliance_skm_tally_new(ctx, &t, skm17);
		if (rc == 0) {
			tally_add(t, VEC[0]);
			assert_int_equal(compliance_skm_tally_serialize(t, &text, &len), 0);
			rc = compliance_skm_tally_parse(ctx, &u, skm17, text, len);
			if (rc == 0)
				rc = compliance_skm_tally_merge_text(u, text, len);
			compliance_free(text);
		}
		if (rc == 0)
			rc = compliance_entity_acc_new(ctx, &e, ombud23);
		if (rc == 0)
			rc = compliance_entity_acc_add_unit_score(e, "80");
		if (rc == 0)
			rc = compliance_entity_acc_parse(ctx, &f, ombud23, acc_text, strlen(acc_text));
		if (rc == 0)
			rc = compliance_entity_acc_merge_text(f, acc_text, strlen(acc_text));
		if (rc == 0)
			rc = compliance_entity_acc_compute(f);
		if (rc) {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
			ok = 0;
		} else {
			assert_string_equal(compliance_entity_acc_result(f, COMPLIANCE_ENTITY_ACC_SCORE),
			                    "80.00");
			assert_int_equal(compliance_skm_tally_respondents(u), 2);
		}
		compliance_skm_tally_free(t);
		compliance_skm_tally_free(u);
		compliance_entity_acc_free(e);
		compliance_entity_acc_free(f);
		compliance_ctx_free(ctx);
		assert_int_equal(c.live, 0);
		completed = ok && c.calls < n;
	}
	assert_true(completed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skm_vector),
		cmocka_unit_test(test_skm_splits),
		cmocka_unit_test(test_skm_survey_bridge),
		cmocka_unit_test(test_skm_parse_errors),
		cmocka_unit_test(test_skm_merge_errors),
		cmocka_unit_test(test_acc_vector),
		cmocka_unit_test(test_acc_differential),
		cmocka_unit_test(test_acc_errors),
		cmocka_unit_test(test_alloc_failure_sweep),
	};
	int rc;

	if (compliance_profile_open(NULL, &skm17, "skm-2017") ||
	    compliance_profile_open(NULL, &skm04, "skm-2004") ||
	    compliance_profile_open(NULL, &ombud23, "ombudsman-2023"))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	compliance_profile_free(skm17);
	compliance_profile_free(skm04);
	compliance_profile_free(ombud23);
	return rc;
}
