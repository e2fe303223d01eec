/*
 * The wide integer (src/number/bignum.h): arithmetic, division, GCD,
 * decimal text, overflow at the width, and the fractions built on it.
 *
 * Every expected value below was computed independently with python3's
 * arbitrary-precision integers and fractions.Fraction when this file was
 * written (the expression is given next to each), not taken from the code
 * under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "compliance/common.h"
#include "number/bignum.h"

static cbig big(const char *dec)
{
	cbig v;

	assert_int_equal(cbig_parse(&v, dec, strlen(dec)), 0);
	return v;
}

#define assert_big(v, dec)                                                               \
	do {                                                                             \
		char buf_[CBIG_DEC_MAX];                                                 \
		cbig_format(buf_, &(v));                                                 \
		assert_string_equal(buf_, dec);                                          \
	} while (0)

/* python3: 3**100 + 12345 and 7**90 + 1 */
static const char A[] = "515377520732011331036461129765621272702107534346";
static const char B[] = "11450477594321044359340126713545146077054004823284978858214566372120240027250";

static void test_add_sub_mul(void **state)
{
	cbig a = big(A), b = big(B), r;

	(void)state;
	assert_int_equal(cbig_mul(&r, &a, &b), 0);
	/* python3: (3**100 + 12345) * (7**90 + 1) */
	assert_big(r, "5901318753758625270548826414348134725132327284924575907353223972241935216818"
	              "412214440438753885416795209367703774193350928500");
	assert_int_equal(cbig_add(&r, &a, &b), 0);
	assert_big(r, "11450477594321044359340126714060523597786016154321439987980187644822347561596");
	assert_int_equal(cbig_sub(&r, &b, &a), 0);
	assert_big(r, "11450477594321044359340126713029768556321993492248517728448945099418132492904");
	r = a;
	assert_int_equal(cbig_sub(&r, &a, &b), COMPLIANCE_E_RANGE); /* a < b: r unchanged */
	assert_big(r, A);
	assert_int_equal(cbig_mul_u64(&r, &a, 0), 0);
	assert_true(cbig_is_zero(&r));
	assert_big(r, "0");
	assert_int_equal(cbig_cmp(&a, &b), -1);
	assert_int_equal(cbig_cmp(&b, &a), 1);
	assert_int_equal(cbig_cmp(&a, &a), 0);
	/* python3: (3**100 + 12345).bit_length() == 159 */
	assert_int_equal(cbig_bits(&a), 159);
}

static void test_divmod_gcd(void **state)
{
	cbig n, d, q, r, x, y, g, zero;

	(void)state;
	/* python3: divmod(3**300, 7**100 + 5) */
	n = big("1368914790585883759913260273820883159664636956253374364714801900783689971774990"
	        "76593800206155688941388250484440597994042813512732765695774566001");
	d = big("3234476509624757991344647769100216810857203198904625400933895331391691459636928"
	        "060006");
	assert_int_equal(cbig_divmod(&q, &r, &n, &d), 0);
	assert_big(q, "42322607275472096768112191736647077591521815564643858123585");
	assert_big(r, "26776657254926128302641057178152652063709467641344785393505654695373329259833"
	              "0724491");
	/* aliasing: q in place of n */
	assert_int_equal(cbig_divmod(&n, NULL, &n, &d), 0);
	assert_big(n, "42322607275472096768112191736647077591521815564643858123585");
	cbig_set_u64(&zero, 0);
	assert_int_equal(cbig_divmod(&q, &r, &n, &zero), COMPLIANCE_E_INVALID);

	/* python3: math.gcd(2**70 * 3**50 * 5**20 * 11, 2**65 * 3**80 * 7**9) */
	x = big("889109405211240466707453560502189922713600000000000000000000");
	y = big("220055615629060227473724222887402287617478648907405002234316980224");
	cbig_gcd(&g, &x, &y);
	assert_big(g, "26485760899965388739154398427759781261344768");
	cbig_gcd(&g, &zero, &y);
	assert_big(g, "220055615629060227473724222887402287617478648907405002234316980224");
}

/* The width: 2^2048 - 1 is the largest value. */
static void test_width(void **state)
{
	cbig max, one, two, r, half, q;
	uint64_t u;
	size_t i;

	(void)state;
	cbig_set_u64(&one, 1);
	cbig_set_u64(&two, 2);
	cbig_set_u64(&max, 0);
	for (i = 0; i < CBIG_LIMBS; i++)
		max.w[i] = 0xffffffffu;
	assert_int_equal(cbig_bits(&max), 2048);
	/* python3: str(2**2048 - 1) */
	assert_big(max, "32317006071311007300714876688669951960444102669715484032130345427524655138867"
	                "890893197201411522913463688717960921898019494119559150490921095088152386448283"
	                "120630877367300996091750197750389652106796057638384067568276792218642619756161"
	                "838094338476170470581645852036305042887575891541065808607552399123930385521914"
	                "333389668342420684974786564569494856176035326322058077805659331026192708460314"
	                "150258592864177116725943603718461857357598351152301645904403697613233287231227"
	                "125684710820209725157101726931323469678542580656697935045997268352998638215525"
	                "166389437335543602135433229604645318478604952148193555853611059596230655");
	r = one;
	assert_int_equal(cbig_add(&r, &max, &one), COMPLIANCE_E_OVERFLOW);
	assert_big(r, "1"); /* unchanged */
	assert_int_equal(cbig_mul(&r, &max, &two), COMPLIANCE_E_OVERFLOW);
	assert_int_equal(cbig_mul(&r, &max, &one), 0);
	assert_int_equal(cbig_cmp(&r, &max), 0);
	/* 2^1024 * 2^1024 overflows, 2^1023 * 2^1024 does not */
	{
		cbig p1024, p1023;
		cbig_set_u64(&p1024, 0);
		cbig_set_u64(&p1023, 0);
		p1024.w[32] = 1;
		p1023.w[31] = 0x80000000u;
		assert_int_equal(cbig_mul(&r, &p1024, &p1024), COMPLIANCE_E_OVERFLOW);
		assert_int_equal(cbig_mul(&r, &p1023, &p1024), 0);
		assert_int_equal(cbig_bits(&r), 2048);
	}
	/* a divisor that fills every limb: (2^2048 - 1) / (2^2047 + 1) */
	cbig_set_u64(&half, 1);
	half.w[CBIG_LIMBS - 1] = 0x80000000u;
	assert_int_equal(cbig_divmod(&q, &r, &max, &half), 0);
	assert_big(q, "1");
	/* python3: (2**2048 - 1) % (2**2047 + 1) == 2**2047 - 2 */
	assert_big(r, "16158503035655503650357438344334975980222051334857742016065172713762327569433"
	              "945446598600705761456731844358980460949009747059779575245460547544076193224141"
	              "560315438683650498045875098875194826053398028819192033784138396109321309878080"
	              "919047169238085235290822926018152521443787945770532904303776199561965192760957"
	              "166694834171210342487393282284747428088017663161029038902829665513096354230157"
	              "075129296432088558362971801859230928678799175576150822952201848806616643615613"
	              "562842355410104862578550863465661734839271290328348967522998634176499319107762"
	              "583194718667771801067716614802322659239302476074096777926805529798115326");
	assert_int_equal(cbig_to_u64(&u, &max), COMPLIANCE_E_OVERFLOW);
	r = big("18446744073709551615");
	assert_int_equal(cbig_to_u64(&u, &r), 0);
	assert_true(u == UINT64_MAX);
	/* parsing: one digit too many overflows; not digits is a parse error */
	{
		char digits[700];
		memset(digits, '9', sizeof digits);
		assert_int_equal(cbig_parse(&r, digits, 616), 0); /* 10^616 - 1 < 2^2048 */
		assert_int_equal(cbig_parse(&r, digits, 617), COMPLIANCE_E_OVERFLOW);
		assert_int_equal(cbig_parse(&r, "12a", 3), COMPLIANCE_E_PARSE);
		assert_int_equal(cbig_parse(&r, "", 0), COMPLIANCE_E_PARSE);
	}
	r = big("1000000000");
	assert_big(r, "1000000000");
	r = big("999999999000000000");
	assert_big(r, "999999999000000000");
}

static void addq(cbigq *q, uint64_t n, uint64_t d)
{
	cbig a, b;

	cbig_set_u64(&a, n);
	cbig_set_u64(&b, d);
	assert_int_equal(cbigq_add(q, &a, &b), 0);
}

static void test_fractions(void **state)
{
	cbigq q;
	char buf[CBIGQ_TEXT_MAX];
	int64_t v;
	cbig z, one;

	(void)state;
	cbigq_zero(&q);
	addq(&q, 1, 3);
	addq(&q, 1, 7);
	cbigq_reduce(&q);
	cbigq_format_exact(buf, &q);
	assert_string_equal(buf, "10/21");
	assert_int_equal(cbigq_round_scaled(&v, &q, 3), 0);
	assert_int_equal(v, 476); /* 0.476190... */

	cbigq_zero(&q);
	addq(&q, 625, 8); /* 78.125 */
	cbigq_reduce(&q);
	cbigq_format_exact(buf, &q);
	assert_string_equal(buf, "78.125");
	assert_int_equal(cbigq_round_scaled(&v, &q, 2), 0);
	assert_int_equal(v, 7813); /* half-up on the tie */
	assert_int_equal(cbigq_round_scaled(&v, &q, 0), 0);
	assert_int_equal(v, 78);

	cbigq_zero(&q);
	addq(&q, 84, 1);
	cbigq_reduce(&q);
	cbigq_format_exact(buf, &q);
	assert_string_equal(buf, "84");

	cbigq_zero(&q);
	cbigq_reduce(&q);
	cbigq_format_exact(buf, &q);
	assert_string_equal(buf, "0");

	cbig_set_u64(&z, 0);
	cbig_set_u64(&one, 1);
	assert_int_equal(cbigq_add(&q, &one, &z), COMPLIANCE_E_INVALID);
	assert_int_equal(cbigq_round_scaled(&v, &q, 19), COMPLIANCE_E_INVALID);

	/* 1/2^61: a terminating decimal of 61 places is written as a fraction */
	cbigq_zero(&q);
	addq(&q, 1, (uint64_t)1 << 61);
	cbigq_format_exact(buf, &q);
	assert_string_equal(buf, "1/2305843009213693952");
	cbigq_zero(&q);
	addq(&q, 1, (uint64_t)1 << 60);
	cbigq_format_exact(buf, &q);
	/* python3: str(decimal.Decimal(1) / 2**60) with enough precision */
	assert_string_equal(buf, "0.000000000000000000867361737988403547205962240695953369140625");
}

/*
 * An SKM-like sum beyond 128 bits: 25/9 * sum(s_i / c_i) over nine elements
 * with distinct counts near one million. python3:
 *   cnt = [1000003, 999983, 1000033, 999979, 1000037, 999961, 1000039, 999959, 1000081]
 *   sm = [c*3 + k*7919 for k, c in enumerate(cnt)]
 *   ikm = Fraction(25, 9) * sum(Fraction(s, c) for s, c in zip(sm, cnt))
 *   (2 * ikm.numerator * 100 + ikm.denominator) // (2 * ikm.denominator) == 7579
 */
static void test_wide_sum(void **state)
{
	static const uint64_t cnt[9] = { 1000003, 999983, 1000033, 999979, 1000037,
		                         999961,  1000039, 999959, 1000081 };
	cbigq q;
	char buf[CBIGQ_TEXT_MAX];
	int64_t v;
	int k;

	(void)state;
	cbigq_zero(&q);
	for (k = 0; k < 9; k++)
		addq(&q, 25 * (cnt[k] * 3 + (uint64_t)k * 7919), 9 * cnt[k]);
	cbigq_reduce(&q);
	assert_true(cbig_bits(&q.d) > 128);
	cbigq_format_exact(buf, &q);
	assert_string_equal(buf, "227392034758272434650734298289303328645009207629575/"
	                         "3000215986067158607769991667202816087783038394531");
	assert_int_equal(cbigq_round_scaled(&v, &q, 2), 0);
	assert_int_equal(v, 7579);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_sub_mul),
		cmocka_unit_test(test_divmod_gcd),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fractions),
		cmocka_unit_test(test_wide_sum),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
