/*
 * Classification of every built-in profile at every band edge: bounds taken
 * from the profile's own API, neighbours computed with integer arithmetic
 * on scaled values (never a double).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "compliance.h"

/* ---- fixed-point helpers -------------------------------------------------- */

static int64_t pow10i(int k)
{
	int64_t r = 1;

	while (k-- > 0)
		r *= 10;
	return r;
}

/* Parses a decimal text into an integer scaled by 10^places; the text must
 * not carry more fractional digits than `places`. */
static int64_t to_fixed(const char *s, int places)
{
	const char *p = s;
	int neg = 0, frac = -1;
	int64_t v = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	assert_true(*p != '\0');
	for (; *p; p++) {
		if (*p == '.') {
			assert_true(frac < 0);
			frac = 0;
			continue;
		}
		assert_true(*p >= '0' && *p <= '9');
		v = v * 10 + (*p - '0');
		if (frac >= 0)
			frac++;
	}
	if (frac < 0)
		frac = 0;
	if (frac > places)
		fail_msg("\"%s\" has more than %d decimals", s, places);
	v *= pow10i(places - frac);
	return neg ? -v : v;
}

/* Writes v / 10^places in full, e.g. (8799500, 5) -> "87.99500". */
static const char *from_fixed(char *buf, size_t size, int64_t v, int places)
{
	uint64_t mag = v < 0 ? (uint64_t)(-v) : (uint64_t)v;
	uint64_t scale = (uint64_t)pow10i(places);

	if (places == 0)
		snprintf(buf, size, "%s%llu", v < 0 ? "-" : "", (unsigned long long)mag);
	else
		snprintf(buf, size, "%s%llu.%0*llu", v < 0 ? "-" : "",
		         (unsigned long long)(mag / scale), places,
		         (unsigned long long)(mag % scale));
	return buf;
}

/* ---- classification checks ------------------------------------------------ */

static void expect_band(compliance_ctx *ctx, const compliance_profile *p, const char *score,
                        size_t band, int64_t rounded)
{
	int64_t r = -12345;
	size_t b = 999;
	int rc = compliance_profile_classify(ctx, p, score, &r, &b);

	if (rc != COMPLIANCE_OK)
		fail_msg("%s: classify(\"%s\") failed: %s", compliance_profile_id(p), score,
		         compliance_ctx_errmsg(ctx));
	if (b != band || r != rounded)
		fail_msg("%s: classify(\"%s\") gave band %zu (%s) rounded %lld; expected band %zu "
		         "rounded %lld", compliance_profile_id(p), score, b,
		         compliance_profile_band_zone(p, b), (long long)r, band,
		         (long long)rounded);
	assert_string_equal(compliance_ctx_errmsg(ctx), "");
}

static void expect_fail(compliance_ctx *ctx, const compliance_profile *p, const char *score,
                        int code)
{
	int64_t r = -12345;
	size_t b = 999;
	int rc = compliance_profile_classify(ctx, p, score, &r, &b);

	if (rc != code)
		fail_msg("%s: classify(\"%s\") returned %d (%s), expected %d", compliance_profile_id(p),
		         score, rc, compliance_ctx_errmsg(ctx), code);
	assert_int_equal(compliance_ctx_errcode(ctx), code);
	assert_true(compliance_ctx_errmsg(ctx)[0] != '\0');
	/* nothing is written on failure */
	assert_int_equal(r, -12345);
	assert_int_equal(b, 999);
}

static void check_profile_edges(compliance_ctx *ctx, const compliance_profile *p)
{
	const int d = compliance_profile_decimals(p);
	const size_t n = compliance_profile_band_count(p);
	const int64_t min = to_fixed(compliance_profile_scale_min(p), d);
	const int64_t max = to_fixed(compliance_profile_scale_max(p), d);
	char buf[64];
	size_t b;

	assert_true(d >= 0 && d <= 6);
	assert_true(n >= 2);
	assert_true(min < max);

	/* the ends of the scale */
	expect_band(ctx, p, compliance_profile_scale_max(p), 0, max);
	expect_band(ctx, p, from_fixed(buf, sizeof buf, max, d), 0, max);
	expect_band(ctx, p, compliance_profile_scale_min(p), n - 1, min);
	expect_band(ctx, p, from_fixed(buf, sizeof buf, min, d), n - 1, min);

	for (b = 0; b < n; b++) {
		const char *lower_text = compliance_profile_band_lower(p, b);
		const char *upper_text = compliance_profile_band_upper(p, b);
		int64_t lower, upper;

		assert_non_null(lower_text);
		assert_non_null(upper_text);
		lower = to_fixed(lower_text, d);
		upper = to_fixed(upper_text, d);
		assert_true(lower <= upper);

		/* the bounds as printed, and in the scaled form */
		expect_band(ctx, p, lower_text, b, lower);
		expect_band(ctx, p, upper_text, b, upper);
		expect_band(ctx, p, from_fixed(buf, sizeof buf, lower, d), b, lower);
		if (b == 0) {
			assert_int_equal(upper, max);
		} else {
			/* the top of the band plus less than half a step stays in it */
			expect_band(ctx, p, from_fixed(buf, sizeof buf, upper * 10 + 4, d + 1), b, upper);
			/* bands tile the scale: this band ends one step below the next */
			assert_int_equal(upper + 1,
			                 to_fixed(compliance_profile_band_lower(p, b - 1), d));
		}

		if (b + 1 < n) {
			/* one step below the lower bound: the next band down */
			expect_band(ctx, p, from_fixed(buf, sizeof buf, lower - 1, d), b + 1, lower - 1);
			/* exactly half a step below: a tie, rounded up into this band */
			expect_band(ctx, p, from_fixed(buf, sizeof buf, lower * 10 - 5, d + 1), b, lower);
			/* a hair more than half a step below: stays below */
			expect_band(ctx, p, from_fixed(buf, sizeof buf, lower * 1000000 - 500001, d + 6),
			            b + 1, lower - 1);
			expect_band(ctx, p, from_fixed(buf, sizeof buf, lower * 10 - 6, d + 1), b + 1,
			            lower - 1);
		} else {
			/* the lowest band starts at the scale's minimum: below is out of range
			 * even when it would round onto the minimum */
			assert_int_equal(lower, min);
			expect_fail(ctx, p, from_fixed(buf, sizeof buf, lower - 1, d), COMPLIANCE_E_RANGE);
			expect_fail(ctx, p, from_fixed(buf, sizeof buf, lower * 10 - 5, d + 1),
			            COMPLIANCE_E_RANGE);
		}
	}

	/* outside the scale */
	expect_fail(ctx, p, from_fixed(buf, sizeof buf, max + 1, d), COMPLIANCE_E_RANGE);
	expect_fail(ctx, p, from_fixed(buf, sizeof buf, max * 10 + 1, d + 1), COMPLIANCE_E_RANGE);
	expect_fail(ctx, p, from_fixed(buf, sizeof buf, max * 1000000 + 1, d + 6),
	            COMPLIANCE_E_RANGE);
	expect_fail(ctx, p, from_fixed(buf, sizeof buf, max + 100 * pow10i(d), d), COMPLIANCE_E_RANGE);
	expect_fail(ctx, p, from_fixed(buf, sizeof buf, min - 1, d), COMPLIANCE_E_RANGE);
	expect_fail(ctx, p, "-1000", COMPLIANCE_E_RANGE);
	/* not a number */
	expect_fail(ctx, p, "abc", COMPLIANCE_E_PARSE);
	expect_fail(ctx, p, "", COMPLIANCE_E_PARSE);
	expect_fail(ctx, p, "1e2", COMPLIANCE_E_PARSE);
	expect_fail(ctx, p, "87,99", COMPLIANCE_E_PARSE);
	expect_fail(ctx, p, " 50", COMPLIANCE_E_PARSE);
	expect_fail(ctx, p, "50.0.0", COMPLIANCE_E_PARSE);
	/* more digits than an exact value holds */
	expect_fail(ctx, p, "50.0000000000000000000000000000001", COMPLIANCE_E_OVERFLOW);
}

static void test_every_builtin_every_band(void **state)
{
	compliance_ctx *ctx = NULL;
	size_t i, n = compliance_builtin_count();

	(void)state;
	assert_true(n >= 10);
	assert_null(compliance_builtin_id(n));
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	for (i = 0; i < n; i++) {
		compliance_profile *p = NULL;
		const char *id = compliance_builtin_id(i);

		assert_non_null(id);
		if (compliance_profile_open(ctx, &p, id) != COMPLIANCE_OK)
			fail_msg("%s: %s", id, compliance_ctx_errmsg(ctx));
		if (compliance_profile_band_count(p) == 0) {
			/* pekppp-2022: no published bands (tests/unit/test_pekppp.c) */
			assert_int_equal(compliance_profile_classify(ctx, p, compliance_profile_scale_max(p),
			                                             NULL, NULL),
			                 COMPLIANCE_E_MISSING);
			compliance_profile_free(p);
			continue;
		}
		check_profile_edges(ctx, p);
		compliance_profile_free(p);
	}
	compliance_ctx_free(ctx);
}

/* ---- named cases -------------------------------------------------------- */

static compliance_profile *open_profile(compliance_ctx *ctx, const char *id)
{
	compliance_profile *p = NULL;

	if (compliance_profile_open(ctx, &p, id) != COMPLIANCE_OK)
		fail_msg("%s: %s", id, compliance_ctx_errmsg(ctx));
	return p;
}

static const char *band_text(const compliance_profile *p, compliance_ctx *ctx, const char *score,
                             const char *(*field)(const compliance_profile *, size_t),
                             int64_t *rounded)
{
	size_t b = 999;

	assert_int_equal(compliance_profile_classify(ctx, p, score, rounded, &b), COMPLIANCE_OK);
	return field(p, b);
}

static void test_ombudsman_2022(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	int64_t r = 0;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2022");
	assert_int_equal(compliance_profile_has_categories(p), 1);
	assert_string_equal(band_text(p, ctx, "87.995", compliance_profile_band_category, &r), "A");
	assert_int_equal(r, 8800);
	assert_string_equal(band_text(p, ctx, "87.995", compliance_profile_band_label, &r),
	                    "Kualitas Tertinggi");
	assert_string_equal(band_text(p, ctx, "87.99", compliance_profile_band_category, &r), "B");
	assert_int_equal(r, 8799);
	assert_string_equal(band_text(p, ctx, "87.99499999", compliance_profile_band_category, &r), "B");
	assert_int_equal(r, 8799);
	assert_string_equal(band_text(p, ctx, "73.02", compliance_profile_band_category, &r), "C");
	assert_int_equal(r, 7302);
	assert_string_equal(band_text(p, ctx, "73.02", compliance_profile_band_zone, &r), "kuning");
	assert_string_equal(band_text(p, ctx, "73.02", compliance_profile_band_label, &r), "Kualitas Sedang");
	assert_string_equal(band_text(p, ctx, "53.995", compliance_profile_band_category, &r), "C");
	assert_string_equal(band_text(p, ctx, "53.99", compliance_profile_band_label, &r), "Kualitas Rendah");
	assert_string_equal(band_text(p, ctx, "31.99", compliance_profile_band_category, &r), "E");
	assert_string_equal(band_text(p, ctx, "31.99", compliance_profile_band_zone, &r), "merah");
	assert_string_equal(band_text(p, ctx, "78", compliance_profile_band_category, &r), "B");
	assert_string_equal(band_text(p, ctx, "78", compliance_profile_band_zone, &r), "hijau");
	assert_string_equal(band_text(p, ctx, "+100.000", compliance_profile_band_category, &r), "A");
	assert_int_equal(r, 10000);
	assert_string_equal(band_text(p, ctx, "-0", compliance_profile_band_category, &r), "E");
	assert_int_equal(r, 0);
	/* the out parameters may be NULL, and so may the context */
	assert_int_equal(compliance_profile_classify(ctx, p, "88", NULL, NULL), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_classify(NULL, p, "88", &r, NULL), COMPLIANCE_OK);
	assert_int_equal(r, 8800);
	assert_int_equal(compliance_profile_classify(NULL, p, "abc", &r, NULL), COMPLIANCE_E_PARSE);
	/* a range error names the scale */
	assert_int_equal(compliance_profile_classify(ctx, p, "100.01", &r, NULL), COMPLIANCE_E_RANGE);
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), "100"));
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), "'100.01'"));
	/* a later success clears the error */
	assert_int_equal(compliance_profile_classify(ctx, p, "50", &r, NULL), COMPLIANCE_OK);
	assert_int_equal(compliance_ctx_errcode(ctx), COMPLIANCE_OK);
	assert_string_equal(compliance_ctx_errmsg(ctx), "");
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_ombudsman_2015(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	int64_t r = 0;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2015");
	assert_int_equal(compliance_profile_has_categories(p), 0);
	assert_string_equal(compliance_profile_scale_max(p), "75");
	/* between the printed ranges 39-60 and 61-75: the lower band */
	assert_string_equal(band_text(p, ctx, "60.50", compliance_profile_band_zone, &r), "kuning");
	assert_int_equal(r, 6050);
	assert_string_equal(band_text(p, ctx, "60.50", compliance_profile_band_category, &r), "");
	assert_string_equal(band_text(p, ctx, "60.99", compliance_profile_band_zone, &r), "kuning");
	assert_string_equal(band_text(p, ctx, "61", compliance_profile_band_zone, &r), "hijau");
	assert_int_equal(r, 6100);
	assert_string_equal(band_text(p, ctx, "75", compliance_profile_band_zone, &r), "hijau");
	assert_string_equal(band_text(p, ctx, "38.99", compliance_profile_band_zone, &r), "merah");
	assert_string_equal(band_text(p, ctx, "39", compliance_profile_band_zone, &r), "kuning");
	/* the 2015 scale ends at 75 */
	assert_int_equal(compliance_profile_classify(ctx, p, "75.01", &r, NULL), COMPLIANCE_E_RANGE);
	assert_true(compliance_ctx_errmsg(ctx)[0] != '\0');
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), "75"));
	assert_int_equal(compliance_profile_classify(ctx, p, "80", &r, NULL), COMPLIANCE_E_RANGE);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_ombudsman_2021(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	int64_t r = 0;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2021");
	assert_string_equal(band_text(p, ctx, "80.995", compliance_profile_band_zone, &r), "hijau");
	assert_int_equal(r, 8100);
	assert_string_equal(band_text(p, ctx, "80.99", compliance_profile_band_zone, &r), "kuning");
	assert_int_equal(r, 8099);
	assert_string_equal(band_text(p, ctx, "50.99", compliance_profile_band_zone, &r), "merah");
	assert_int_equal(r, 5099);
	assert_string_equal(band_text(p, ctx, "50.995", compliance_profile_band_zone, &r), "kuning");
	assert_string_equal(band_text(p, ctx, "51", compliance_profile_band_zone, &r), "kuning");
	assert_string_equal(band_text(p, ctx, "96.75", compliance_profile_band_category, &r), "");
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_no_assessment_2020(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = (compliance_profile *)&p; /* must be reset to NULL */

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2020"),
	                 COMPLIANCE_E_NO_ASSESSMENT);
	assert_null(p);
	assert_int_equal(compliance_ctx_errcode(ctx), COMPLIANCE_E_NO_ASSESSMENT);
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), "2020"));
	compliance_ctx_free(ctx);
}

static void test_unknown_profile(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = (compliance_profile *)&p;
	const char *msg;
	size_t i;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2030"), COMPLIANCE_E_NOTFOUND);
	assert_null(p);
	msg = compliance_ctx_errmsg(ctx);
	assert_non_null(strstr(msg, "ombudsman-2030"));
	assert_non_null(strstr(msg, "ombudsman-2023"));
	/* every known id is listed */
	for (i = 0; i < compliance_builtin_count(); i++)
		assert_non_null(strstr(msg, compliance_builtin_id(i)));
	assert_int_equal(compliance_profile_open(ctx, &p, ""), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_profile_open(ctx, &p, "OMBUDSMAN-2023"), COMPLIANCE_E_NOTFOUND);
	compliance_ctx_free(ctx);
}

/* Units 87.99 and 88.00: the mean 87.995 is a tie, rounded up into A. */
static void test_mean_of_units_tie(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	compliance_assessment *a = NULL;
	int64_t s = 0;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2022");
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Uji", "kota", "Unit 1", "87.99"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Uji", "kota", "Unit 2", "88.00"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_mean_text(a, 0), "87.995");
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "88.00");
	assert_int_equal(compliance_assessment_entity_score(a, 0, &s), COMPLIANCE_OK);
	assert_int_equal(s, 8800);
	assert_string_equal(compliance_assessment_entity_category(a, 0), "A");
	assert_string_equal(compliance_assessment_entity_zone(a, 0), "hijau");
	assert_string_equal(compliance_assessment_entity_label(a, 0),
	                    "Kualitas Tertinggi");
	compliance_assessment_free(a);

	/* 87.99 and 87.999: the mean 87.9945 stays in B */
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Uji", "kota", "Unit 1", "87.99"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Uji", "kota", "Unit 2", "87.999"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	/* the unit stage rounds 87.999 to 88.00 first: (87.99 + 88.00) / 2 */
	{
		int64_t unit_score = 0;
		char exact[COMPLIANCE_EXACT_TEXT_SIZE];
		assert_int_equal(compliance_assessment_unit_score(&unit_score, a, 0, 1), COMPLIANCE_OK);
		assert_int_equal(unit_score, 8800);
		assert_int_equal(compliance_assessment_unit_exact(exact, sizeof exact, a, 0, 1),
		                 COMPLIANCE_OK);
		assert_string_equal(exact, "87.999");
	}
	assert_string_equal(compliance_assessment_entity_mean_text(a, 0), "87.995");
	assert_string_equal(compliance_assessment_entity_category(a, 0), "A");
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_format_scaled(void **state)
{
	char buf[24];

	(void)state;
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, 9446, 2), COMPLIANCE_OK);
	assert_string_equal(buf, "94.46");
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, 8800, 2), COMPLIANCE_OK);
	assert_string_equal(buf, "88.00");
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, -5, 2), COMPLIANCE_OK);
	assert_string_equal(buf, "-0.05");
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, 75, 0), COMPLIANCE_OK);
	assert_string_equal(buf, "75");
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, INT64_MIN, 18), COMPLIANCE_OK);
	assert_string_equal(buf, "-9.223372036854775808");
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, INT64_MIN, 0), COMPLIANCE_OK);
	assert_string_equal(buf, "-9223372036854775808");
	/* too small a buffer: truncated and still terminated */
	assert_int_equal(compliance_format_scaled(buf, 4, 9446, 2), COMPLIANCE_E_BUFFER);
	assert_string_equal(buf, "94.");
	assert_int_equal(compliance_format_scaled(buf, 6, 9446, 2), COMPLIANCE_OK);
	assert_int_equal(compliance_format_scaled(buf, 5, 9446, 2), COMPLIANCE_E_BUFFER);
	assert_int_equal(compliance_format_scaled(buf, 0, 9446, 2), COMPLIANCE_E_BUFFER);
	assert_int_equal(compliance_format_scaled(NULL, 8, 9446, 2), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, 1, -1), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, 1, 19), COMPLIANCE_E_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_builtin_every_band),
		cmocka_unit_test(test_ombudsman_2022),
		cmocka_unit_test(test_ombudsman_2015),
		cmocka_unit_test(test_ombudsman_2021),
		cmocka_unit_test(test_no_assessment_2020),
		cmocka_unit_test(test_unknown_profile),
		cmocka_unit_test(test_mean_of_units_tie),
		cmocka_unit_test(test_format_scaled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
