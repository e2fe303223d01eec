/*
 * Exact rational numbers (src/number.h): parsing, arithmetic, comparison,
 * half-away-from-zero rounding, formatting and overflow detection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "compliance/common.h"
#include "number/number.h"

/* Asserts that v is exactly n/d in lowest terms (d > 0). */
#define assert_num(v, num, den)                                                          \
	do {                                                                             \
		cnum v_ = (v);                                                           \
		assert_true(v_.n == (cint)(num));                                        \
		assert_true(v_.d == (cint)(den));                                        \
	} while (0)

static cnum parse_ok(const char *s)
{
	cnum v = { 0, 1 };
	const char *why = NULL;

	assert_int_equal(cnum_parse(&v, s, strlen(s), &why), 0);
	assert_non_null(why);
	return v;
}

static int parse_rc(const char *s, const char **why)
{
	cnum v = { 0, 1 };

	return cnum_parse(&v, s, strlen(s), why);
}

static cint pow10i(int k)
{
	cint r = 1;

	while (k-- > 0)
		r *= 10;
	return r;
}

/* ---- parsing ------------------------------------------------------------ */

static void test_parse_valid(void **state)
{
	(void)state;
	assert_num(parse_ok("0"), 0, 1);
	assert_num(parse_ok("5"), 5, 1);
	assert_num(parse_ok("94.4583"), 944583, 10000);
	assert_num(parse_ok("82.70"), 827, 10);
	assert_num(parse_ok("88.00"), 88, 1);
	assert_num(parse_ok("0.05"), 1, 20);
	assert_num(parse_ok("-0.50"), -1, 2);
	assert_num(parse_ok("+3"), 3, 1);
	assert_num(parse_ok("-0"), 0, 1);
	assert_num(parse_ok("+0.000"), 0, 1);
	assert_num(parse_ok("21.85"), 437, 20);
	assert_num(parse_ok("87.995"), 17599, 200);
	/* leading zeros carry nothing and do not count as digits */
	assert_num(parse_ok("007.50"), 15, 2);
	assert_num(parse_ok("0000000000000000000000000000000000000000001"), 1, 1);
	assert_num(parse_ok("-00012"), -12, 1);
	/* the point may open or close the number */
	assert_num(parse_ok(".5"), 1, 2);
	assert_num(parse_ok("5."), 5, 1);
}

static void test_parse_length_bounded(void **state)
{
	cnum v;

	(void)state;
	/* only `len` bytes are read: the text need not be NUL-terminated */
	assert_int_equal(cnum_parse(&v, "12345", 2, NULL), 0);
	assert_num(v, 12, 1);
	assert_int_equal(cnum_parse(&v, "73.02xyz", 5, NULL), 0);
	assert_num(v, 3651, 50);
}

static void test_parse_errors(void **state)
{
	const char *why = NULL;
	cnum v;

	(void)state;
	assert_int_equal(parse_rc("", &why), COMPLIANCE_E_PARSE);
	assert_string_equal(why, "an empty value");
	assert_int_equal(parse_rc("-", &why), COMPLIANCE_E_PARSE);
	assert_string_equal(why, "a sign with no digits");
	assert_int_equal(parse_rc("+", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc(".", &why), COMPLIANCE_E_PARSE);
	assert_string_equal(why, "no digits");
	assert_int_equal(parse_rc("1e2", &why), COMPLIANCE_E_PARSE);
	assert_non_null(strstr(why, "exponent"));
	assert_int_equal(parse_rc("1E2", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc("9,5", &why), COMPLIANCE_E_PARSE);
	assert_non_null(strstr(why, "comma"));
	assert_int_equal(parse_rc("1.2.3", &why), COMPLIANCE_E_PARSE);
	assert_true(why[0] != '\0');
	assert_int_equal(parse_rc(" 1", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc("1 ", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc("--1", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc("1-", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc("abc", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc("0x10", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc("1_000", &why), COMPLIANCE_E_PARSE);
	assert_int_equal(parse_rc("inf", &why), COMPLIANCE_E_PARSE);
	/* an embedded NUL inside the given length is not a digit */
	assert_int_equal(cnum_parse(&v, "1\0" "2", 3, &why), COMPLIANCE_E_PARSE);
	/* why may be NULL */
	assert_int_equal(cnum_parse(&v, "x", 1, NULL), COMPLIANCE_E_PARSE);
}

static void test_parse_digit_limit(void **state)
{
	char buf[64];
	const char *why = NULL;
	cnum v;

	(void)state;
	/* 30 significant digits fit exactly */
	assert_int_equal(parse_rc("123456789012345678901234567890", &why), 0);
	assert_int_equal(cnum_parse(&v, "999999999999999999999999999999", 30, NULL), 0);
	assert_true(v.n == pow10i(30) - 1 && v.d == 1);
	assert_int_equal(cnum_parse(&v, "0.000000000000000000000000000001", 32, NULL), 0);
	assert_true(v.n == 1 && v.d == pow10i(30));
	/* the 31st digit overflows, before or after the point */
	assert_int_equal(parse_rc("1234567890123456789012345678901", &why), COMPLIANCE_E_OVERFLOW);
	assert_non_null(strstr(why, "30 digits"));
	assert_int_equal(parse_rc("-1234567890123456789012345678901", &why),
	                 COMPLIANCE_E_OVERFLOW);
	assert_int_equal(parse_rc("123456789012345.6789012345678901", &why),
	                 COMPLIANCE_E_OVERFLOW);
	assert_int_equal(parse_rc("0.0000000000000000000000000000001", &why),
	                 COMPLIANCE_E_OVERFLOW);
	/* a long run of trailing zeros still counts */
	memset(buf, '0', sizeof buf);
	buf[0] = '1';
	buf[31] = '\0';
	assert_int_equal(parse_rc(buf, &why), COMPLIANCE_E_OVERFLOW);
	buf[30] = '\0';
	assert_int_equal(cnum_parse(&v, buf, 30, NULL), 0);
	assert_true(v.n == pow10i(29) && v.d == 1);
}

/* ---- arithmetic --------------------------------------------------------- */

static void test_make_normalises(void **state)
{
	cnum v;

	(void)state;
	assert_int_equal(cnum_make(&v, 6, -4), 0);
	assert_num(v, -3, 2);
	assert_int_equal(cnum_make(&v, -6, -4), 0);
	assert_num(v, 3, 2);
	assert_int_equal(cnum_make(&v, 0, -7), 0);
	assert_num(v, 0, 1);
	assert_int_equal(cnum_make(&v, 51117 * 3, 700 * 3), 0);
	assert_num(v, 51117, 700);
	assert_int_equal(cnum_make(&v, 1, 0), COMPLIANCE_E_INVALID);
	assert_num(cnum_int(-42), -42, 1);
	assert_true(cnum_is_zero(cnum_int(0)));
	assert_false(cnum_is_zero(cnum_int(1)));
}

static void test_thirds_and_ninths(void **state)
{
	cnum third, one, ninth, sum, prod;
	int i;

	(void)state;
	assert_int_equal(cnum_div(&third, cnum_int(1), cnum_int(3)), 0);
	assert_num(third, 1, 3);
	assert_int_equal(cnum_mul(&one, third, cnum_int(3)), 0);
	assert_num(one, 1, 1);
	assert_int_equal(cnum_cmp(one, cnum_int(1)), 0);

	/* 1/3 + 1/3 + 1/3 == 1 */
	sum = cnum_int(0);
	for (i = 0; i < 3; i++)
		assert_int_equal(cnum_add(&sum, sum, third), 0);
	assert_num(sum, 1, 1);

	/* the SKM element weight 1/9, summed nine times, is exactly 1 */
	assert_int_equal(cnum_div(&ninth, cnum_int(1), cnum_int(9)), 0);
	assert_num(ninth, 1, 9);
	sum = cnum_int(0);
	for (i = 0; i < 9; i++)
		assert_int_equal(cnum_add(&sum, sum, ninth), 0);
	assert_num(sum, 1, 1);
	assert_int_equal(cnum_cmp(sum, cnum_int(1)), 0);

	/* 25 * 1/9 * 9 == 25 */
	assert_int_equal(cnum_mul(&prod, cnum_int(25), ninth), 0);
	assert_num(prod, 25, 9);
	assert_int_equal(cnum_mul(&prod, prod, cnum_int(9)), 0);
	assert_num(prod, 25, 1);
}

static void test_decimal_sums_exact(void **state)
{
	cnum a = parse_ok("0.1"), b = parse_ok("0.2"), c = parse_ok("0.3"), s, d;

	(void)state;
	assert_int_equal(cnum_add(&s, a, b), 0);
	assert_num(s, 3, 10);
	assert_int_equal(cnum_cmp(s, c), 0);
	/* and back to exactly zero */
	assert_int_equal(cnum_sub(&d, s, c), 0);
	assert_num(d, 0, 1);
	assert_true(cnum_is_zero(d));
	assert_int_equal(cnum_sub(&d, a, b), 0);
	assert_num(d, -1, 10);

	/* the 2023 dimension weights sum to exactly 100 */
	{
		const char *w[] = { "21.85", "32.37", "24.24", "21.54" };
		size_t i;
		s = cnum_int(0);
		for (i = 0; i < 4; i++)
			assert_int_equal(cnum_add(&s, s, parse_ok(w[i])), 0);
		assert_num(s, 100, 1);
	}
}

static void test_mul_div(void **state)
{
	cnum r;

	(void)state;
	assert_int_equal(cnum_mul(&r, parse_ok("21.85"), parse_ok("0.1222")), 0);
	assert_num(r, 267007, 100000);
	assert_int_equal(cnum_mul(&r, parse_ok("-1.5"), parse_ok("-2")), 0);
	assert_num(r, 3, 1);
	assert_int_equal(cnum_mul(&r, parse_ok("-1.5"), cnum_int(0)), 0);
	assert_num(r, 0, 1);
	assert_int_equal(cnum_div(&r, parse_ok("511.17"), cnum_int(7)), 0);
	assert_num(r, 51117, 700);
	assert_int_equal(cnum_div(&r, cnum_int(1), parse_ok("-0.25")), 0);
	assert_num(r, -4, 1);
	assert_int_equal(cnum_div(&r, cnum_int(0), cnum_int(5)), 0);
	assert_num(r, 0, 1);
	assert_int_equal(cnum_div(&r, cnum_int(1), cnum_int(0)), COMPLIANCE_E_INVALID);
	assert_int_equal(cnum_div(&r, cnum_int(0), parse_ok("0.000")), COMPLIANCE_E_INVALID);
}

static void test_cmp(void **state)
{
	cnum big_a, big_b, neg_a, neg_b;
	cint e37 = pow10i(37);

	(void)state;
	assert_int_equal(cnum_cmp(parse_ok("-0.5"), parse_ok("0.333")), -1);
	assert_int_equal(cnum_cmp(parse_ok("0.333"), parse_ok("-0.5")), 1);
	assert_int_equal(cnum_cmp(parse_ok("88.00"), parse_ok("88")), 0);
	assert_int_equal(cnum_cmp(parse_ok("87.995"), parse_ok("88")), -1);
	assert_int_equal(cnum_cmp(parse_ok("87.99"), parse_ok("87.989999")), 1);
	{
		cnum third, approx = parse_ok("0.333333333333333333333333333333");
		assert_int_equal(cnum_div(&third, cnum_int(1), cnum_int(3)), 0);
		assert_int_equal(cnum_cmp(third, approx), 1);
		assert_int_equal(cnum_cmp(approx, third), -1);
	}
	/* values whose cross products do not fit in 128 bits */
	assert_int_equal(cnum_make(&big_a, e37 + 1, e37), 0);     /* 1 + 1/10^37 */
	assert_int_equal(cnum_make(&big_b, e37 + 2, e37 + 1), 0); /* 1 + 1/(10^37 + 1) */
	assert_int_equal(cnum_cmp(big_a, big_b), 1);
	assert_int_equal(cnum_cmp(big_b, big_a), -1);
	assert_int_equal(cnum_cmp(big_a, big_a), 0);
	neg_a = big_a;
	neg_a.n = -neg_a.n;
	neg_b = big_b;
	neg_b.n = -neg_b.n;
	assert_int_equal(cnum_cmp(neg_a, neg_b), -1);
	assert_int_equal(cnum_cmp(neg_b, neg_a), 1);
	assert_int_equal(cnum_cmp(neg_a, big_b), -1);
	assert_int_equal(cnum_cmp(big_a, neg_b), 1);
	/* an integer against a value just above it, large denominators */
	{
		cnum two_big, two = cnum_int(2);
		assert_int_equal(cnum_make(&two_big, 2 * e37 + 1, e37), 0);
		assert_int_equal(cnum_cmp(two_big, two), 1);
		assert_int_equal(cnum_cmp(two, two_big), -1);
	}
}

/* ---- rounding ----------------------------------------------------------- */

static int64_t round2(const char *s)
{
	int64_t r = 12345;

	assert_int_equal(cnum_round_scaled(&r, parse_ok(s), 2), 0);
	return r;
}

static void test_round_half_away_from_zero(void **state)
{
	cnum v;
	int64_t r;

	(void)state;
	assert_int_equal(round2("87.995"), 8800);
	assert_int_equal(round2("87.994999"), 8799);
	assert_int_equal(round2("87.9950000001"), 8800);
	assert_int_equal(round2("-0.005"), -1);
	assert_int_equal(round2("-0.004999"), 0);
	assert_int_equal(round2("2.675"), 268); /* 267.49999... in binary doubles */
	assert_int_equal(round2("-2.675"), -268);
	assert_int_equal(round2("1.005"), 101);
	assert_int_equal(round2("0"), 0);
	assert_int_equal(round2("100"), 10000);
	assert_int_equal(round2("73.02"), 7302);
	assert_int_equal(round2("80.335"), 8034);

	/* exact fractions: Bekasi 2022 and Tangerang Selatan 2023/2024 means */
	assert_int_equal(cnum_make(&v, 51117, 700), 0);
	assert_int_equal(cnum_round_scaled(&r, v, 2), 0);
	assert_int_equal(r, 7302);
	assert_int_equal(cnum_make(&v, 2267, 24), 0);
	assert_int_equal(cnum_round_scaled(&r, v, 2), 0);
	assert_int_equal(r, 9446);
	assert_int_equal(cnum_make(&v, 7234, 75), 0);
	assert_int_equal(cnum_round_scaled(&r, v, 2), 0);
	assert_int_equal(r, 9645);
	assert_int_equal(cnum_make(&v, 2, 3), 0);
	assert_int_equal(cnum_round_scaled(&r, v, 2), 0);
	assert_int_equal(r, 67);
	assert_int_equal(cnum_make(&v, -2, 3), 0);
	assert_int_equal(cnum_round_scaled(&r, v, 2), 0);
	assert_int_equal(r, -67);

	/* other numbers of decimals */
	assert_int_equal(cnum_round_scaled(&r, parse_ok("2.5"), 0), 0);
	assert_int_equal(r, 3);
	assert_int_equal(cnum_round_scaled(&r, parse_ok("-2.5"), 0), 0);
	assert_int_equal(r, -3);
	assert_int_equal(cnum_round_scaled(&r, parse_ok("2.4999"), 0), 0);
	assert_int_equal(r, 2);
	assert_int_equal(cnum_round_scaled(&r, parse_ok("94.45835"), 4), 0);
	assert_int_equal(r, 944584);
}

static void test_round_overflow(void **state)
{
	int64_t r = 777;

	(void)state;
	/* 10^29 * 100 does not fit in int64_t */
	assert_int_equal(cnum_round_scaled(&r, parse_ok("100000000000000000000000000000"), 2),
	                 COMPLIANCE_E_OVERFLOW);
	assert_int_equal(r, 777);
	/* INT64_MAX itself fits, one above does not */
	assert_int_equal(cnum_round_scaled(&r, parse_ok("9223372036854775807"), 0), 0);
	assert_true(r == INT64_MAX);
	assert_int_equal(cnum_round_scaled(&r, parse_ok("9223372036854775808"), 0),
	                 COMPLIANCE_E_OVERFLOW);
	/* more decimals than a 128-bit power of ten holds */
	assert_int_equal(cnum_round_scaled(&r, cnum_int(1), 40), COMPLIANCE_E_OVERFLOW);
	assert_int_equal(cnum_round_scaled(&r, cnum_int(1), -1), COMPLIANCE_E_OVERFLOW);
}

static void test_from_scaled(void **state)
{
	cnum v;

	(void)state;
	assert_int_equal(cnum_from_scaled(&v, 8800, 2), 0);
	assert_num(v, 88, 1);
	assert_int_equal(cnum_from_scaled(&v, 9446, 2), 0);
	assert_num(v, 4723, 50);
	assert_int_equal(cnum_from_scaled(&v, -1, 2), 0);
	assert_num(v, -1, 100);
	assert_int_equal(cnum_from_scaled(&v, 5, 0), 0);
	assert_num(v, 5, 1);
	assert_int_equal(cnum_from_scaled(&v, 1, 40), COMPLIANCE_E_OVERFLOW);
}

/* ---- formatting --------------------------------------------------------- */

static const char *fmt_exact(cnum v, char buf[CNUM_TEXT_MAX])
{
	cnum_format_exact(buf, v);
	return buf;
}

static void test_format_exact(void **state)
{
	char buf[CNUM_TEXT_MAX];
	cnum v;

	(void)state;
	assert_string_equal(fmt_exact(parse_ok("94.4583"), buf), "94.4583");
	assert_string_equal(fmt_exact(parse_ok("73.50"), buf), "73.5");
	assert_string_equal(fmt_exact(parse_ok("88.00"), buf), "88");
	assert_string_equal(fmt_exact(parse_ok("0"), buf), "0");
	assert_string_equal(fmt_exact(parse_ok("-0.5"), buf), "-0.5");
	assert_string_equal(fmt_exact(parse_ok("0.05"), buf), "0.05");
	assert_string_equal(fmt_exact(parse_ok("-0.0625"), buf), "-0.0625");
	assert_string_equal(fmt_exact(parse_ok("80.335"), buf), "80.335");
	assert_int_equal(cnum_div(&v, cnum_int(1), cnum_int(3)), 0);
	assert_string_equal(fmt_exact(v, buf), "1/3");
	assert_int_equal(cnum_div(&v, cnum_int(-1), cnum_int(3)), 0);
	assert_string_equal(fmt_exact(v, buf), "-1/3");
	assert_int_equal(cnum_make(&v, 51117, 700), 0);
	assert_string_equal(fmt_exact(v, buf), "51117/700");
	assert_int_equal(cnum_make(&v, 2267, 24), 0);
	assert_string_equal(fmt_exact(v, buf), "2267/24");
	/* terminating with a large power of two: 1/2^20 */
	assert_int_equal(cnum_make(&v, 1, 1048576), 0);
	assert_string_equal(fmt_exact(v, buf), "0.00000095367431640625");
	/* the longest parseable value survives a round trip */
	assert_string_equal(fmt_exact(parse_ok("-123456789012345.678901234567890"), buf),
	                    "-123456789012345.67890123456789");
}

static void test_format_scaled_and_round(void **state)
{
	char buf[CNUM_TEXT_MAX];
	cnum v;

	(void)state;
	cnum_format_scaled(buf, 9446, 2);
	assert_string_equal(buf, "94.46");
	cnum_format_scaled(buf, 8800, 2);
	assert_string_equal(buf, "88.00");
	cnum_format_scaled(buf, 0, 2);
	assert_string_equal(buf, "0.00");
	cnum_format_scaled(buf, 5, 2);
	assert_string_equal(buf, "0.05");
	cnum_format_scaled(buf, -1, 2);
	assert_string_equal(buf, "-0.01");
	cnum_format_scaled(buf, -150, 2);
	assert_string_equal(buf, "-1.50");
	cnum_format_scaled(buf, 75, 0);
	assert_string_equal(buf, "75");
	cnum_format_scaled(buf, INT64_MIN, 2);
	assert_string_equal(buf, "-92233720368547758.08");

	assert_int_equal(cnum_div(&v, cnum_int(1), cnum_int(3)), 0);
	cnum_format_round(buf, v, 2);
	assert_string_equal(buf, "0.33");
	cnum_format_round(buf, parse_ok("87.995"), 2);
	assert_string_equal(buf, "88.00");
	/* too large to round into int64_t: the exact form is written */
	cnum_format_round(buf, parse_ok("100000000000000000000000000000"), 2);
	assert_string_equal(buf, "100000000000000000000000000000");
}

/* ---- overflow ------------------------------------------------------------ */

static void test_overflow_detected(void **state)
{
	cnum big = parse_ok("999999999999999999999999999999"); /* 10^30 - 1 */
	cnum r = { 7, 1 };
	cnum a, b;
	cint e20 = pow10i(20);
	cint cmin = -(cint)(((unsigned __int128)1 << 127) - 1) - 1;

	(void)state;
	/* (10^30)^2 = 10^60 cannot be held: reported, never wrapped */
	assert_int_equal(cnum_mul(&r, big, big), COMPLIANCE_E_OVERFLOW);
	assert_num(r, 7, 1); /* the output is left alone */
	assert_int_equal(cnum_mul(&r, big, cnum_int(-1000000000)), COMPLIANCE_E_OVERFLOW);
	/* a product that cross-reduction keeps small is fine */
	assert_int_equal(cnum_div(&a, cnum_int(1), big), 0);
	assert_int_equal(cnum_mul(&r, big, a), 0);
	assert_num(r, 1, 1);
	/* coprime denominators near 10^20: the common denominator is ~10^40 */
	assert_int_equal(cnum_make(&a, 1, e20 + 1), 0);
	assert_int_equal(cnum_make(&b, 1, e20 + 3), 0);
	assert_int_equal(cnum_add(&r, a, b), COMPLIANCE_E_OVERFLOW);
	assert_int_equal(cnum_sub(&r, a, b), COMPLIANCE_E_OVERFLOW);
	assert_int_equal(cnum_mul(&r, a, b), COMPLIANCE_E_OVERFLOW);
	/* dividing by a tiny value makes a huge one */
	assert_int_equal(cnum_div(&r, parse_ok("1000000000000000"), a), 0); /* ~10^35 fits */
	assert_true(r.n == pow10i(15) * (e20 + 1) && r.d == 1);
	assert_int_equal(cnum_div(&r, r, b), COMPLIANCE_E_OVERFLOW);      /* ~10^55 does not */
	assert_int_equal(cnum_div(&r, big, a), COMPLIANCE_E_OVERFLOW);    /* ~10^50 */
	/* repeated doubling ends in an error, not in a negative number */
	{
		cnum x = big;
		int i, rc = 0;
		for (i = 0; i < 40 && rc == 0; i++) {
			rc = cnum_add(&x, x, x);
			if (rc == 0)
				assert_true(x.n > 0);
		}
		assert_int_equal(rc, COMPLIANCE_E_OVERFLOW);
	}
	/* the most negative 128-bit value cannot be normalised */
	assert_int_equal(cnum_make(&r, cmin, 1), COMPLIANCE_E_OVERFLOW);
	assert_int_equal(cnum_make(&r, 1, cmin), COMPLIANCE_E_OVERFLOW);
}

/* The 64-bit rounding (numerator and denominator within 64 bits) against
 * the 128-bit one: the same fraction with both parts multiplied by 2^61
 * (so that the denominator is past 64 bits) rounds the same, overflow
 * included, for random fractions, halves and values near INT64_MAX. */
static void test_round_64_against_128(void **state)
{
	uint64_t x = 0x243F6A8885A308D3u;
	const cint big = (cint)1 << 61;
	int i;

	(void)state;
	for (i = 0; i < 200000; i++) {
		cnum a, b;
		int64_t r1 = 0, r2 = 0;
		int dec, rc1, rc2;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		dec = (int)(x % 8);
		a.d = (cint)((x >> 8) % 5 == 0 ? 2 : (x >> 8) % 5 == 1 ? 100 : (x >> 8) % 5 == 2 ? 3 : (x >> 11) % 1000000 + 1);
		a.n = (cint)(int64_t)((x >> 20) % 4 == 0 ? (x >> 1) : (x >> 24)) * ((x >> 2) % 2 ? 1 : -1);
		if ((x >> 30) % 7 == 0) { /* near the limit of 10^dec times the value */
			int64_t lim = INT64_MAX, k;
			for (k = 0; k < dec; k++)
				lim /= 10;
			a.d = (cint)(1 + (x >> 33) % 3);
			a.n = a.d * (cint)lim + (cint)((x >> 40) % 7) - 3;
		}
		b.n = a.n * big;
		b.d = a.d * big;
		rc1 = cnum_round_scaled(&r1, a, dec);
		rc2 = cnum_round_scaled(&r2, b, dec);
		assert_int_equal(rc1, rc2);
		if (!rc1)
			assert_true(r1 == r2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_length_bounded),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_digit_limit),
		cmocka_unit_test(test_make_normalises),
		cmocka_unit_test(test_thirds_and_ninths),
		cmocka_unit_test(test_decimal_sums_exact),
		cmocka_unit_test(test_mul_div),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_round_half_away_from_zero),
		cmocka_unit_test(test_round_overflow),
		cmocka_unit_test(test_round_64_against_128),
		cmocka_unit_test(test_from_scaled),
		cmocka_unit_test(test_format_exact),
		cmocka_unit_test(test_format_scaled_and_round),
		cmocka_unit_test(test_overflow_detected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
