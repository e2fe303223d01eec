/*
 * The SKM survey and its IKM (compliance/skm.h), Permenpan RB 14/2017:
 * the published vector under both missing-answer policies, half-up ties and
 * band edges built from answers, exactness beyond 128 bits, streaming
 * memory, every error with its message, and an allocation-failure sweep.
 *
 * Every expected value below is derived by hand in the comment next to it:
 * NRR_i = (sum of the answers to element i) / (number of answers to it),
 * IKM = 25/9 * (NRR_1 + ... + NRR_9), rounded half-up to 2 decimals.
 * A handy shortcut: when every respondent gives the same answer v_j to all
 * nine elements, every NRR equals mean(v_j) and IKM = 25 * mean(v_j).
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

#define DATA COMPLIANCE_TEST_DATA

static const char VECTOR[] = "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
                             "1,4,4,3,4,3,4,4,3,4\n"
                             "2,3,3,3,3,3,3,4,3,3\n"
                             "3,4,3,4,4,4,3,3,4,4\n"
                             "4,2,3,3,3,2,3,3,2,3\n"
                             "5,4,4,4,4,4,4,4,4,4\n"
                             "6,3,3,3,,3,4,3,3,3\n";

#define HEADER "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"

/* The elements of skm-2017. */
#define NEL 9

/* The method "skm-2017", opened once (C library allocator) in main(). */
static compliance_profile *method;

/* ---- helpers ----------------------------------------------------------------- */

static compliance_skm *new_skm(void)
{
	compliance_skm *s = NULL;

	assert_int_equal(compliance_skm_new(NULL, &s, method), COMPLIANCE_OK);
	assert_non_null(s);
	return s;
}

static void read_ok(compliance_skm *s, const char *text)
{
	int rc = compliance_skm_read_csv_buffer(s, text, strlen(text), "skm.csv");
	if (rc != COMPLIANCE_OK)
		fail_msg("read failed (%d): %s", rc, compliance_skm_errmsg(s));
}

static void compute_ok(compliance_skm *s)
{
	int rc = compliance_skm_compute(s);
	if (rc != COMPLIANCE_OK)
		fail_msg("compute failed (%d): %s", rc, compliance_skm_errmsg(s));
}

/* Adds `count` anonymous respondents answering `value` to all nine elements. */
static void add_uniform(compliance_skm *s, int count, int value)
{
	int a[NEL], i;

	for (i = 0; i < NEL; i++)
		a[i] = value;
	for (i = 0; i < count; i++)
		assert_int_equal(compliance_skm_add_respondent(s, NULL, a, NEL), COMPLIANCE_OK);
}

/* Checks the rounded IKM (text and scaled), the band and the exact value. */
static void expect_ikm(const compliance_skm *s, const char *ikm, const char *exact,
                       const char *category, const char *label)
{
	int64_t scaled = -1;
	size_t band = 99;
	char buf[32];

	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), ikm);
	if (exact)
		assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), exact);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), category);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_LABEL), label);
	assert_int_equal(compliance_skm_ikm_scaled(s, &scaled), COMPLIANCE_OK);
	assert_int_equal(compliance_format_scaled(buf, sizeof buf, scaled, 2), COMPLIANCE_OK);
	assert_string_equal(buf, ikm);
	assert_int_equal(compliance_skm_band_index(s, &band), COMPLIANCE_OK);
	assert_string_equal(compliance_profile_band_category(compliance_skm_profile(s), band), category);
}

/* Reads `text` expecting failure with `code` and exactly `msg`. */
static void expect_read_error(compliance_skm *s, const char *text, int code, const char *msg)
{
	int rc = compliance_skm_read_csv_buffer(s, text, strlen(text), "skm.csv");
	assert_int_equal(rc, code);
	assert_string_equal(compliance_skm_errmsg(s), msg);
}

/* ---- the published vector (tests/data/skm-example.csv) ----------------------- */

/*
 * Available-case: U4 has 5 answers (respondent 6 left it blank), the others 6.
 *   U1 (4+3+4+2+4+3)/6 = 20/6   U2 20/6   U3 20/6   U4 (4+3+4+3+4)/5 = 18/5
 *   U5 19/6   U6 21/6   U7 21/6   U8 19/6   U9 21/6
 *   sum = 161/6 + 18/5 = 913/30;  IKM = 25/9 * 913/30 = 4565/54 = 84.537037...
 *   -> 84.54, B (76.61 <= 84.54 <= 88.30), Baik.
 */
static void check_vector_available(const compliance_skm *s)
{
	static const char *const exact[] = { "10/3", "10/3", "10/3", "3.6", "19/6",
		                             "3.5",  "3.5",  "19/6", "3.5" };
	static const char *const rounded[] = { "3.333", "3.333", "3.333", "3.600", "3.167",
		                               "3.500", "3.500", "3.167", "3.500" };
	size_t i;

	assert_int_equal(compliance_skm_missing_used(s), COMPLIANCE_SKM_MISSING_AVAILABLE);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_MISSING), "available");
	expect_ikm(s, "84.54", "4565/54", "B", "Baik");
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS) == 6);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 6);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE) == 5);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_BLANK) == 0);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED) == 0);
	for (i = 0; i < NEL; i++) {
		assert_string_equal(compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT), exact[i]);
		assert_string_equal(compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED), rounded[i]);
		assert_true(compliance_skm_element_answers(s, i) == (i == 3 ? 5u : 6u));
	}
}

/*
 * Listwise: respondent 6 is dropped; five respondents remain.
 *   U1 17/5  U2 17/5  U3 17/5  U4 18/5  U5 16/5  U6 17/5  U7 18/5  U8 16/5  U9 18/5
 *   sum = 154/5;  IKM = 25/9 * 154/5 = 770/9 = 85.555... -> 85.56, B, Baik.
 */
static void check_vector_listwise(const compliance_skm *s)
{
	static const char *const exact[] = { "3.4", "3.4", "3.4", "3.6", "3.2",
		                             "3.4", "3.6", "3.2", "3.6" };
	size_t i;

	assert_int_equal(compliance_skm_missing_used(s), COMPLIANCE_SKM_MISSING_LISTWISE);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_MISSING), "listwise");
	expect_ikm(s, "85.56", "770/9", "B", "Baik");
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS) == 5);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 6);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED) == 1);
	for (i = 0; i < NEL; i++) {
		assert_string_equal(compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT), exact[i]);
		assert_true(compliance_skm_element_answers(s, i) == 5);
	}
	assert_string_equal(compliance_skm_nrr(s, 0, COMPLIANCE_SKM_NRR_ROUNDED), "3.400");
}

static void test_vector_file_available(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	assert_int_equal(compliance_skm_read_csv_file(s, DATA "/skm-example.csv"), COMPLIANCE_OK);
	compute_ok(s);
	check_vector_available(s);
	compliance_skm_free(s);
}

static void test_vector_file_listwise(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING,
	                                           COMPLIANCE_SKM_MISSING_LISTWISE),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_skm_read_csv_file(s, DATA "/skm-example.csv"), COMPLIANCE_OK);
	compute_ok(s);
	check_vector_listwise(s);
	compliance_skm_free(s);
}

/* The policy may change after reading: both sums are kept. */
static void test_vector_switch_policy(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	read_ok(s, VECTOR);
	compute_ok(s);
	check_vector_available(s);
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING,
	                                           COMPLIANCE_SKM_MISSING_LISTWISE),
	                 COMPLIANCE_OK);
	/* the results still describe the last compute until computed again */
	check_vector_available(s);
	compute_ok(s);
	check_vector_listwise(s);
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING,
	                                           COMPLIANCE_SKM_MISSING_AVAILABLE),
	                 COMPLIANCE_OK);
	compute_ok(s);
	check_vector_available(s);
	compliance_skm_free(s);
}

/* The same respondents through the API, one at a time. */
static void test_vector_api(void **state)
{
	static const int rows[6][9] = {
		{ 4, 4, 3, 4, 3, 4, 4, 3, 4 }, { 3, 3, 3, 3, 3, 3, 4, 3, 3 },
		{ 4, 3, 4, 4, 4, 3, 3, 4, 4 }, { 2, 3, 3, 3, 2, 3, 3, 2, 3 },
		{ 4, 4, 4, 4, 4, 4, 4, 4, 4 }, { 3, 3, 3, 0, 3, 4, 3, 3, 3 },
	};
	static const char *const ids[6] = { "1", "2", "3", "4", "5", "6" };
	compliance_skm *s = new_skm();
	int i;

	(void)state;
	for (i = 0; i < 6; i++)
		assert_int_equal(compliance_skm_add_respondent(s, ids[i], rows[i], NEL), COMPLIANCE_OK);
	compute_ok(s);
	check_vector_available(s);
	compliance_skm_free(s);
}

/* CRLF, a byte-order mark, quoted fields, blank lines and spaces. */
static void test_vector_csv_forms(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBFrespondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\r\n"
		"\"1\",4,4,3,4,3,4,4,3,4\r\n"
		"2, 3 ,3,3,3,3,3,4,3,3\r\n"
		"\r\n"
		"\"res,3\",4,3,4,4,4,3,3,4,\"4\"\r\n"
		"4,2,3,3,3,2,3,3,2,3\r\n"
		"5,4,4,4,4,4,4,4,4,4\r\n"
		"6,3,3,3,\"\",3,4,3,3,3";
	compliance_skm *s = new_skm();

	(void)state;
	read_ok(s, text);
	compute_ok(s);
	check_vector_available(s);
	compliance_skm_free(s);
}

/* Reading in several parts adds up; a blank respondent changes no NRR. */
static void test_blank_respondent(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	read_ok(s, HEADER "1,4,4,3,4,3,4,4,3,4\n2,3,3,3,3,3,3,4,3,3\n");
	read_ok(s, HEADER "3,4,3,4,4,4,3,3,4,4\n4,2,3,3,3,2,3,3,2,3\n7,,,,,,,,,\n");
	read_ok(s, HEADER "5,4,4,4,4,4,4,4,4,4\n6,3,3,3,,3,4,3,3,3\n");
	compute_ok(s);
	/* the vector's values; respondent 7 answered nothing: read 7, blank 1 */
	expect_ikm(s, "84.54", "4565/54", "B", "Baik");
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 7);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_BLANK) == 1);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS) == 6);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED) == 1);
	assert_true(compliance_skm_element_answers(s, 3) == 5);
	/* its id still counts for the duplicate check */
	expect_read_error(s, HEADER "7,4,4,4,4,4,4,4,4,4\n", COMPLIANCE_E_DUPLICATE,
	                  "skm.csv:2: field 'respondent': respondent '7' is listed twice");
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING,
	                                           COMPLIANCE_SKM_MISSING_LISTWISE),
	                 COMPLIANCE_OK);
	compute_ok(s);
	expect_ikm(s, "85.56", "770/9", "B", "Baik");
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS) == 5);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED) == 2);
	compliance_skm_free(s);
}

/* ---- half-up ties --------------------------------------------------------------- */

/*
 * 1 respondent answering 4 everywhere and 7 answering 3: every NRR is
 * (4 + 7*3)/8 = 25/8, IKM = 25 * 25/8 = 625/8 = 78.125 exactly. Half-up
 * gives 78.13 (half-even and truncation would give 78.12).
 */
static void test_tie_uniform(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	add_uniform(s, 1, 4);
	add_uniform(s, 7, 3);
	compute_ok(s);
	expect_ikm(s, "78.13", "78.125", "B", "Baik");
	assert_string_equal(compliance_skm_nrr(s, 0, COMPLIANCE_SKM_NRR_EXACT), "3.125");
	compliance_skm_free(s);
}

/*
 * tests/data/skm-tie.csv, found by a brute-force search over answer sets at
 * test-writing time; t3 left U9 blank. Column sums:
 *   U1 24/8  U2 27/8  U3 22/8  U4 28/8  U5 26/8  U6 26/8  U7 24/8  U8 24/8
 *   U9 (3+3+4+2+4+3+2)/7 = 21/7 = 3
 *   sum = 201/8 + 3 = 225/8;  IKM = 25/9 * 225/8 = 625/8 = 78.125 -> 78.13 (B).
 * Listwise drops t3; the seven others give
 *   U1 22/7 U2 23/7 U3 19/7 U4 24/7 U5 23/7 U6 22/7 U7 22/7 U8 20/7 U9 21/7
 *   sum = 196/7 = 28;  IKM = 25/9 * 28 = 700/9 = 77.777... -> 77.78 (B).
 */
static void test_tie_available_case(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	assert_int_equal(compliance_skm_read_csv_file(s, DATA "/skm-tie.csv"), COMPLIANCE_OK);
	compute_ok(s);
	expect_ikm(s, "78.13", "78.125", "B", "Baik");
	assert_true(compliance_skm_element_answers(s, 8) == 7);
	assert_string_equal(compliance_skm_nrr(s, 8, COMPLIANCE_SKM_NRR_EXACT), "3");
	assert_string_equal(compliance_skm_nrr(s, 2, COMPLIANCE_SKM_NRR_EXACT), "2.75");
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING,
	                                           COMPLIANCE_SKM_MISSING_LISTWISE),
	                 COMPLIANCE_OK);
	compute_ok(s);
	expect_ikm(s, "77.78", "700/9", "B", "Baik");
	assert_string_equal(compliance_skm_nrr(s, 2, COMPLIANCE_SKM_NRR_EXACT), "19/7");
	assert_string_equal(compliance_skm_nrr(s, 2, COMPLIANCE_SKM_NRR_ROUNDED), "2.714");
	compliance_skm_free(s);
}

/* ---- band edges ----------------------------------------------------------------- */

/*
 * With uniform respondents IKM = 25 * mean, so an IKM X needs a mean of X/25:
 * a fours and b threes (or threes and twos) with the right total.
 */
static void edge(int n_hi, int hi, int n_lo, int lo, const char *ikm, const char *exact,
                 const char *category, const char *label)
{
	compliance_skm *s = new_skm();

	add_uniform(s, n_hi, hi);
	add_uniform(s, n_lo, lo);
	compute_ok(s);
	expect_ikm(s, ikm, exact, category, label);
	compliance_skm_free(s);
}

static void test_band_edges(void **state)
{
	(void)state;
	/* 88.31 = 25 * 3.5324 = 25 * 8831/2500: 1331 fours + 1169 threes
	 * (5324 + 3507 = 8831): exactly the lower bound of A */
	edge(1331, 4, 1169, 3, "88.31", "88.31", "A", "Sangat Baik");
	/* 88.30 = 25 * 883/250: 133 fours + 117 threes (532 + 351 = 883): B's top */
	edge(133, 4, 117, 3, "88.30", "88.3", "B", "Baik");
	/* 88.305 = 25 * 17661/5000: 2661 fours + 2339 threes (10644 + 7017):
	 * the tie rounds half-up to 88.31, into A */
	edge(2661, 4, 2339, 3, "88.31", "88.305", "A", "Sangat Baik");
	/* 88.304 = 25 * 3.53216 = 25 * 11038/3125: 1663 fours + 1462 threes
	 * (6652 + 4386 = 11038): just under the tie, rounds down to 88.30, B */
	edge(1663, 4, 1462, 3, "88.30", "88.304", "B", "Baik");
	/* 76.61 = 25 * 7661/2500: 161 fours + 2339 threes (644 + 7017 = 7661) */
	edge(161, 4, 2339, 3, "76.61", "76.61", "B", "Baik");
	/* 76.60 = 25 * 383/125: 8 fours + 117 threes (32 + 351 = 383) */
	edge(8, 4, 117, 3, "76.60", "76.6", "C", "Kurang Baik");
	/* 76.605 = 25 * 15321/5000: 321 fours + 4679 threes: tie -> 76.61, B */
	edge(321, 4, 4679, 3, "76.61", "76.605", "B", "Baik");
	/* 65.00 = 25 * 13/5: 3 threes + 2 twos (9 + 4 = 13) */
	edge(3, 3, 2, 2, "65.00", "65", "C", "Kurang Baik");
	/* 64.99 = 25 * 6499/2500: 1499 threes + 1001 twos (4497 + 2002 = 6499) */
	edge(1499, 3, 1001, 2, "64.99", "64.99", "D", "Tidak Baik");
	/* 64.995 = 25 * 12999/5000: 2999 threes + 2001 twos: tie -> 65.00, C */
	edge(2999, 3, 2001, 2, "65.00", "64.995", "C", "Kurang Baik");
	/* the ends of the scale: all 4 gives 100, all 1 gives 25 */
	edge(5, 4, 0, 1, "100.00", "100", "A", "Sangat Baik");
	edge(0, 4, 5, 1, "25.00", "25", "D", "Tidak Baik");
}

/* ---- exactness beyond 128 bits ------------------------------------------------ */

/*
 * Element i (0..8) is answered by c_i = 8 * k_i respondents, k_i = 99991 + i:
 * respondent j answers element i when j < c_i. Respondent j answers 4 when
 * j % 8 == 7, else 3, except respondent 7, who answers 3. So element i gets
 * k_i - 1 fours: sum_i = 3 c_i + k_i - 1 = 25 k_i - 1, and
 *   NRR_i = (25 k_i - 1) / (8 k_i) = 25/8 - 1/(8 k_i)
 *   IKM = 25/9 * sum NRR_i = 625/8 - 25/72 * (1/99991 + ... + 1/99999)
 *       = 78.125 - 0.0000312...  -> 78.12 (just below the 78.125 tie).
 * The common denominator of the nine NRRs exceeds 2^127: this overflows any
 * 128-bit rational. The exact value below is the same formula evaluated
 * with Python's fractions.Fraction when writing the test.
 * Listwise keeps the c_0 = 799928 respondents who answered everything:
 *   NRR = (25 * 99991 - 1) / (8 * 99991), IKM = 25 * NRR = 31247175/399964
 *       = 78.12496... -> 78.12.
 */
static void test_exact_beyond_128_bits(void **state)
{
	compliance_skm *s = new_skm();
	int a[NEL];
	int j, i;
	const int total = 8 * 99999;

	(void)state;
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, 0),
	                 COMPLIANCE_OK);
	for (j = 0; j < total; j++) {
		int v = (j % 8 == 7 && j != 7) ? 4 : 3;
		for (i = 0; i < NEL; i++)
			a[i] = j < 8 * (99991 + i) ? v : 0;
		assert_int_equal(compliance_skm_add_respondent(s, NULL, a, NEL), COMPLIANCE_OK);
	}
	compute_ok(s);
	expect_ikm(s, "78.12",
	           "7808981930863465379345788711897213122653379355/"
	           "99955008699055063270306822366827310265723712",
	           "B", "Baik");
	assert_string_equal(compliance_skm_nrr(s, 0, COMPLIANCE_SKM_NRR_EXACT), "1249887/399964");
	assert_true(compliance_skm_element_answers(s, 0) == 799928);
	assert_true(compliance_skm_element_answers(s, 8) == 799992);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == (uint64_t)total);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE) == 799928);

	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING,
	                                           COMPLIANCE_SKM_MISSING_LISTWISE),
	                 COMPLIANCE_OK);
	compute_ok(s);
	expect_ikm(s, "78.12", "31247175/399964", "B", "Baik");
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED) == 64);
	compliance_skm_free(s);
}

/* ---- the method as data: the profile "skm-2017" ------------------------------ */

/* The bands, elements and weights come from profiles/skm-2017.json; the
 * values are those of Permenpan RB 14/2017 (METHODOLOGY.md §4). */
static void test_method_profile(void **state)
{
	static const char *const cat[] = { "A", "B", "C", "D" };
	static const char *const lower[] = { "88.31", "76.61", "65.00", "25.00" };
	static const char *const upper[] = { "100.00", "88.30", "76.60", "64.99" };
	static const char *const label[] = { "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik" };
	compliance_skm *s = new_skm();
	const compliance_profile *p = compliance_skm_profile(s);
	compliance_ctx *ctx = NULL;
	compliance_profile *other = NULL;
	compliance_skm *t = NULL;
	int lo = 0, hi = 0, f;
	size_t i;

	(void)state;
	assert_ptr_equal(p, method);
	assert_string_equal(compliance_profile_id(p), "skm-2017");
	assert_int_equal(compliance_profile_kind(p), COMPLIANCE_PROFILE_SKM);
	assert_int_equal(compliance_profile_kind(NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_decimals(p), 2);
	assert_string_equal(compliance_profile_scale_min(p), "25");
	assert_string_equal(compliance_profile_scale_max(p), "100");
	assert_string_equal(compliance_profile_fact_source(p, COMPLIANCE_FACT_BANDS),
	                    "Permenpan RB 14/2017");
	for (f = COMPLIANCE_FACT_SCALE; f <= COMPLIANCE_FACT_BANDS; f++) {
		if (f == COMPLIANCE_FACT_ROLLUP)
			continue; /* no roll-up in a survey */
		assert_true(compliance_profile_fact_source(p, f)[0] != '\0');
		assert_true(compliance_profile_fact_confidence(p, f) != COMPLIANCE_CONF_UNKNOWN);
	}
	assert_int_equal(compliance_profile_band_count(p), 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(compliance_profile_band_category(p, i), cat[i]);
		assert_string_equal(compliance_profile_band_lower(p, i), lower[i]);
		assert_string_equal(compliance_profile_band_upper(p, i), upper[i]);
		assert_string_equal(compliance_profile_band_label(p, i), label[i]);
		assert_string_equal(compliance_profile_band_zone(p, i), "");
		assert_non_null(strstr(compliance_profile_band_source(p, i),
		                       "Permenpan RB 14/2017"));
		assert_int_equal(compliance_profile_band_confidence(p, i), COMPLIANCE_CONF_STATED);
	}
	assert_int_equal(compliance_skm_element_count(s), 9);
	assert_int_equal(compliance_skm_element_count(NULL), 0);
	assert_string_equal(compliance_skm_element(s, 0, COMPLIANCE_SKM_ELEMENT_CODE), "U1");
	assert_string_equal(compliance_skm_element(s, 0, COMPLIANCE_SKM_ELEMENT_NAME), "Persyaratan");
	assert_string_equal(compliance_skm_element(s, 3, COMPLIANCE_SKM_ELEMENT_NAME), "Biaya/Tarif");
	assert_string_equal(compliance_skm_element(s, 8, COMPLIANCE_SKM_ELEMENT_CODE), "U9");
	assert_string_equal(compliance_skm_element(s, 8, COMPLIANCE_SKM_ELEMENT_NAME),
	                    "Sarana dan Prasarana");
	for (i = 0; i < 9; i++) {
		assert_string_equal(compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_WEIGHT), "1/9");
		assert_non_null(strstr(compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_SOURCE),
		                       "Permenpan RB 14/2017"));
		assert_int_equal(compliance_profile_node_confidence(p, i), COMPLIANCE_CONF_VERIFIED);
	}
	assert_null(compliance_skm_element(s, 9, COMPLIANCE_SKM_ELEMENT_CODE));
	assert_null(compliance_skm_element(s, 0, 7));
	assert_null(compliance_skm_element(NULL, 0, COMPLIANCE_SKM_ELEMENT_CODE));
	assert_int_equal(compliance_skm_answer_range(s, &lo, &hi), COMPLIANCE_OK);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 4);
	assert_int_equal(compliance_skm_answer_range(NULL, &lo, &hi), COMPLIANCE_E_INVALID);

	/* the method is required, and must be an SKM one */
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_new(ctx, &t, NULL), COMPLIANCE_E_INVALID);
	assert_null(t);
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), "skm-2017"));
	assert_int_equal(compliance_profile_open(ctx, &other, "ombudsman-2023"), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_kind(other), COMPLIANCE_PROFILE_ASSESSMENT);
	assert_int_equal(compliance_skm_new(ctx, &t, other), COMPLIANCE_E_INVALID);
	assert_null(t);
	assert_string_equal(compliance_ctx_errmsg(ctx),
	                    "compliance_skm_new: profile 'ombudsman-2023' is not an SKM method (its "
	                    "kind is not \"skm\"); use e.g. \"skm-2017\"");
	compliance_profile_free(other);
	/* and an SKM method is no assessment profile */
	{
		compliance_assessment *a = NULL;
		assert_int_equal(compliance_assessment_new(ctx, &a, method), COMPLIANCE_E_INVALID);
		assert_null(a);
		assert_string_equal(compliance_ctx_errmsg(ctx),
		                    "compliance_assessment_new: profile 'skm-2017' is an SKM survey "
		                    "method: use compliance_skm_new");
	}
	compliance_ctx_free(ctx);
	compliance_skm_free(s);
}

/* A method of another shape loads from JSON and drives the survey: three
 * elements answered 1 to 5, weights 1, 1, 2 (total 4), conversion 20. */
static const char METHOD5[] =
	"{\"format\": \"libcompliance-profile/1\", \"kind\": \"skm\", \"id\": \"skm-test\","
	" \"year\": 2024,"
	" \"scale\": {\"min\": 20, \"max\": 100, \"source\": \"test\", \"confidence\": \"S\"},"
	" \"rounding\": {\"mode\": \"half-up\", \"decimals\": 1, \"stages\": [\"entity\"]},"
	" \"bands\": [{\"category\": \"P\", \"min\": \"60.0\", \"max\": \"100.0\", \"label\": \"Pass\"},"
	"            {\"category\": \"F\", \"min\": \"20.0\", \"max\": \"59.9\", \"label\": \"Fail\"}],"
	" \"weights_total\": 4,"
	" \"nodes\": [{\"id\": \"A1\", \"weight\": 1, \"scale\": {\"min\": 1, \"max\": 5}},"
	"           {\"id\": \"A2\", \"weight\": 1, \"scale\": {\"min\": 1, \"max\": 5}},"
	"           {\"id\": \"A3\", \"weight\": 2, \"scale\": {\"min\": 1, \"max\": 5}}],"
	" \"skm\": {\"conversion\": 20, \"source\": \"test\", \"confidence\": \"S\"}}";

static void test_method_from_json(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	compliance_skm *s = NULL;
	static const int r1[3] = { 5, 1, 3 }, r2[3] = { 4, 0, 2 };
	const char *csv = "respondent,A1,A2,A3\nx,5,5,5\n";

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	if (compliance_profile_load_buffer(ctx, &p, METHOD5, strlen(METHOD5), "m.json"))
		fail_msg("%s", compliance_ctx_errmsg(ctx));
	assert_int_equal(compliance_skm_new(ctx, &s, p), COMPLIANCE_OK);
	compliance_profile_free(p); /* the survey keeps its own reference */
	assert_int_equal(compliance_skm_element_count(s), 3);
	assert_string_equal(compliance_skm_element(s, 2, COMPLIANCE_SKM_ELEMENT_WEIGHT), "0.5");
	assert_int_equal(compliance_skm_add_respondent(s, "a", r1, 3), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_add_respondent(s, "b", r2, 3), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_add_respondent(s, "c", r1, 9), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_errcode(s), COMPLIANCE_E_INVALID);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "9 answers given: the method skm-test has 3 elements (A1,A2,A3)");
	compute_ok(s);
	/* A1 (5+4)/2 = 9/2, A2 1/1, A3 (3+2)/2 = 5/2:
	 * 20 * (1/4 * 9/2 + 1/4 * 1 + 1/2 * 5/2) = 20 * (9/8 + 2/8 + 10/8) = 20 * 21/8
	 * = 52.5 -> 52.5 (1 decimal), band F */
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "52.5");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), "52.5");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), "F");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_LABEL), "Fail");
	/* the CSV header follows the method; answers up to 5 */
	assert_int_equal(compliance_skm_read_csv_buffer(s, csv, strlen(csv), "m.csv"), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_read_csv_buffer(s, "respondent,A1,A2,A3\ny,6,1,1\n", 28,
	                                                "m.csv"), COMPLIANCE_E_RANGE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "m.csv:2: field 'A1': expected an answer from 1 to 5, found '6'");
	assert_int_equal(compliance_skm_read_csv_buffer(s, HEADER "z,1,1,1,1,1,1,1,1,1\n",
	                                                strlen(HEADER) + 20, "m.csv"),
	                 COMPLIANCE_E_PARSE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "m.csv:1: expected the header respondent,A1,A2,A3: field 2 is 'U1', "
	                    "expected 'A1'");
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
}

/* Profiles of kind skm that do not fit the method are refused with the path. */
static void test_method_profile_errors(void **state)
{
	static const struct {
		const char *from, *to, *msg;
	} cases[] = {
		{ "\"kind\": \"skm\"", "\"kind\": \"survey\"",
		  /* column 47: the value "survey"; the bands then lack zones */
		  "m.json:1:47: $.kind: expected \"assessment\" or \"skm\", found \"survey\" (and 1 "
		  "more problem)" },
		{ "\"conversion\": 20", "\"conversion\": 25",
		  /* column 629: the value 25 (counted with python3) */
		  "m.json:1:629: $.skm.conversion: the conversion times the answer scale (1 to 5) "
		  "must give the scale 20 to 100" },
		{ "\"min\": 1, \"max\": 5}},\n", "\"min\": 0, \"max\": 5}},\n", NULL },
	};
	compliance_ctx *ctx = NULL;
	size_t k;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char buf[4096], *at;
		compliance_profile *p = NULL;
		if (!cases[k].msg)
			continue;
		snprintf(buf, sizeof buf, "%s", METHOD5);
		at = strstr(buf, cases[k].from);
		assert_non_null(at);
		memmove(at + strlen(cases[k].to), at + strlen(cases[k].from),
		        strlen(at + strlen(cases[k].from)) + 1);
		memcpy(at, cases[k].to, strlen(cases[k].to));
		assert_int_equal(compliance_profile_load_buffer(ctx, &p, buf, strlen(buf), "m.json"),
		                 COMPLIANCE_E_PROFILE);
		assert_string_equal(compliance_ctx_errmsg(ctx), cases[k].msg);
	}
	/* a profile that extends skm-2017 is the same method under another id */
	{
		const char *ext = "{\"extends\": \"skm-2017\", \"id\": \"skm-local\"}";
		compliance_profile *p = NULL;
		compliance_skm *s = NULL;
		if (compliance_profile_load_buffer(ctx, &p, ext, strlen(ext), "ext.json"))
			fail_msg("%s", compliance_ctx_errmsg(ctx));
		assert_int_equal(compliance_profile_kind(p), COMPLIANCE_PROFILE_SKM);
		assert_int_equal(compliance_skm_new(ctx, &s, p), COMPLIANCE_OK);
		compliance_profile_free(p);
		read_ok(s, VECTOR);
		compute_ok(s);
		expect_ikm(s, "84.54", "4565/54", "B", "Baik"); /* derived for the vector above */
		assert_string_equal(compliance_profile_id(compliance_skm_profile(s)), "skm-local");
		compliance_skm_free(s);
	}
		/* an "skm" section in an assessment profile */
	{
		const char *bad = "{\"id\": \"x\", \"skm\": {}}";
		compliance_profile *p = NULL;
		assert_int_equal(compliance_profile_load_buffer(ctx, &p, bad, strlen(bad), "a.json"),
		                 COMPLIANCE_E_PROFILE);
		assert_non_null(strstr(compliance_ctx_errmsg(ctx), "$.skm: only a profile of \"kind\": "
		                                                   "\"skm\" has an \"skm\" section"));
	}
	compliance_ctx_free(ctx);
}

/* ---- CSV errors ------------------------------------------------------------------ */

/* A read that fails must leave the survey as it was: check that the vector
 * read before is intact and that no id of the failed read was kept. */
static void expect_intact(compliance_skm *s)
{
	compute_ok(s);
	check_vector_available(s);
}

static void test_csv_errors(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	read_ok(s, VECTOR);

	expect_read_error(s,
	                  HEADER "7,4,4,4,4,4,4,4,4,4\n8,4,4,4,4,4,4,4,4,4\n9,4,4,4,4,4,4,4,4,4\n"
	                         "10,4,4,5,4,4,4,4,4,4\n",
	                  COMPLIANCE_E_RANGE,
	                  "skm.csv:5: field 'U3': expected an answer from 1 to 4, found '5'");
	expect_intact(s);
	expect_read_error(s, HEADER "7,4,4,4,4,4,4,4,4,3.5\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:2: field 'U9': expected an answer from 1 to 4, found '3.5'");
	expect_read_error(s, HEADER "7,x,4,4,4,4,4,4,4,4\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:2: field 'U1': expected an answer from 1 to 4, found 'x'");
	expect_read_error(s, HEADER "7,4,03,4,4,4,4,4,4,4\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:2: field 'U2': expected an answer from 1 to 4, found '03'");
	expect_read_error(s, HEADER "7,4,4,4,4,-1,4,4,4,4\n", COMPLIANCE_E_RANGE,
	                  "skm.csv:2: field 'U5': expected an answer from 1 to 4, found '-1'");
	expect_read_error(s, HEADER "7,4,4,4,4,4,4,4,0,4\n", COMPLIANCE_E_RANGE,
	                  "skm.csv:2: field 'U8': expected an answer from 1 to 4, found '0' "
	                  "(leave the field empty for no answer)");
	expect_read_error(s, HEADER "7,4,4,4,4,4,4,4,4\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:2: field 'U9' is missing: expected 10 fields "
	                  "(respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9), found 9");
	expect_read_error(s, HEADER "7\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:2: field 'U1' is missing: expected 10 fields "
	                  "(respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9), found 1");
	expect_read_error(s, HEADER "7,4,4,4,4,4,4,4,4,4,4\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:2: field 11 is one too many: expected 10 fields "
	                  "(respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9), found 11");
	expect_read_error(s, "respondent,Q1,U2,U3,U4,U5,U6,U7,U8,U9\n7,4,4,4,4,4,4,4,4,4\n",
	                  COMPLIANCE_E_PARSE,
	                  "skm.csv:1: expected the header respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9: "
	                  "field 2 is 'Q1', expected 'U1'");
	expect_read_error(s, "respondent,U1,U2,U3,U4,U5,U6,U7,U8\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:1: expected the header respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9: "
	                  "found 9 fields, expected 10");
	expect_read_error(s, "", COMPLIANCE_E_PARSE,
	                  "skm.csv: the file is empty: expected the header "
	                  "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9");
	expect_read_error(s, "\n\n", COMPLIANCE_E_PARSE,
	                  "skm.csv: the file is empty: expected the header "
	                  "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9");
	/* a duplicate within the text, and one of a respondent read before */
	expect_read_error(s, HEADER "7,4,4,4,4,4,4,4,4,4\n8,3,3,3,3,3,3,3,3,3\n7,1,1,1,1,1,1,1,1,1\n",
	                  COMPLIANCE_E_DUPLICATE,
	                  "skm.csv:4: field 'respondent': respondent '7' is listed twice");
	expect_read_error(s, HEADER "7,4,4,4,4,4,4,4,4,4\n3,4,4,4,4,4,4,4,4,4\n",
	                  COMPLIANCE_E_DUPLICATE,
	                  "skm.csv:3: field 'respondent': respondent '3' is listed twice");
	expect_read_error(s, HEADER ",4,4,4,4,4,4,4,4,4\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:2: field 'respondent': the respondent id is empty");
	expect_read_error(s, HEADER "\"\xff\",4,4,4,4,4,4,4,4,4\n", COMPLIANCE_E_PARSE,
	                  "skm.csv:2: field 'respondent': the respondent id is not valid UTF-8 "
	                  "text");
	expect_read_error(s, HEADER "7,4,4,4,4,4,4,4,4,4\n\"8,4,4,4,4,4,4,4,4,4\n",
	                  COMPLIANCE_E_PARSE,
	                  "skm.csv:3: malformed CSV: a quoted field that is never closed");
	expect_intact(s);

	/* ids 7 and 8 of the failed reads were rolled back: they read fine now */
	read_ok(s, HEADER "7,4,4,4,4,4,4,4,4,4\n8,4,4,4,4,4,4,4,4,4\n");
	compute_ok(s);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 8);

	assert_int_equal(compliance_skm_read_csv_buffer(s, VECTOR, strlen(VECTOR), NULL),
	                 COMPLIANCE_E_DUPLICATE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "<buffer>:2: field 'respondent': respondent '1' is listed twice");
	assert_int_equal(compliance_skm_read_csv_file(s, DATA "/no-such-skm.csv"), COMPLIANCE_E_IO);
	assert_string_equal(compliance_skm_errmsg(s), DATA "/no-such-skm.csv: cannot open the file");
	/* a failed read keeps the results of the last compute: the vector plus
	 * two respondents answering 4 everywhere:
	 *   U1 28/8 U2 28/8 U3 28/8 U4 26/7 U5 27/8 U6 29/8 U7 29/8 U8 27/8 U9 29/8
	 *   sum = (3 * 28 + 27 + 29 + 29 + 27 + 29)/8 + 26/7 = 225/8 + 26/7 = 1783/56;
	 *   IKM = 25/9 * 1783/56 = 44575/504 = 88.4424... -> 88.44 (A) */
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "88.44");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), "44575/504");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), "A");
	compliance_skm_free(s);
}

/* An error in a file names the file as given. */
static void test_csv_file_error(void **state)
{
	char path[] = "/tmp/test_skm_XXXXXX";
	const char text[] = HEADER "1,4,4,4,4,4,4,4,4,4\n2,4,4,4,4,4,4,4,4,9\n";
	compliance_skm *s = new_skm();
	char want[256];
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(compliance_skm_read_csv_file(s, path), COMPLIANCE_E_RANGE);
	snprintf(want, sizeof want, "%s:3: field 'U9': expected an answer from 1 to 4, found '9'",
	         path);
	assert_string_equal(compliance_skm_errmsg(s), want);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_E_MISSING);
	remove(path);
	compliance_skm_free(s);
}

/* ---- compute errors --------------------------------------------------------------- */

static void test_compute_errors(void **state)
{
	compliance_skm *s = new_skm();
	static const int blank[9] = { 0 };

	(void)state;
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_E_MISSING);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "no respondents: the IKM needs at least one answer to every element");
	read_ok(s, HEADER); /* a header alone is valid and adds nobody */
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_E_MISSING);
	assert_int_equal(compliance_skm_missing_used(s), COMPLIANCE_E_STATE);

	assert_int_equal(compliance_skm_add_respondent(s, "a", blank, NEL), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_add_respondent(s, NULL, blank, NEL), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_E_MISSING);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "no respondent answered any element (2 read, all blank)");

	read_ok(s, HEADER "b,4,4,4,,4,4,4,4,4\nc,3,3,3,,3,3,3,3,3\n");
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_E_MISSING);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "element U4 (Biaya/Tarif) was answered by no respondent (4 read): its "
	                    "NRR and the IKM are undefined");
	assert_null(compliance_skm_result(s, COMPLIANCE_SKM_IKM));

	read_ok(s, HEADER "d,,,,4,,,,,\n");
	compute_ok(s);
	/* U4 = 4, every other element (4 + 3)/2 = 7/2: IKM = 25/9 * (4 + 8 * 7/2)
	 * = 25/9 * 32 = 800/9 = 88.888... -> 88.89, A */
	expect_ikm(s, "88.89", "800/9", "A", "Sangat Baik");
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS) == 3);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_BLANK) == 2);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE) == 0);

	/* listwise with no complete respondent fails and keeps the last result */
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING,
	                                           COMPLIANCE_SKM_MISSING_LISTWISE),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_E_MISSING);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "listwise deletion leaves no respondent: no respondent answered all 9 "
	                    "elements (5 read)");
	assert_int_equal(compliance_skm_missing_used(s), COMPLIANCE_SKM_MISSING_AVAILABLE);
	expect_ikm(s, "88.89", "800/9", "A", "Sangat Baik");
	compliance_skm_free(s);
}

/* ---- API errors and states -------------------------------------------------------- */

static void test_api_errors(void **state)
{
	compliance_skm *s = NULL;
	static const int good[9] = { 4, 4, 4, 4, 4, 4, 4, 4, 4 };
	static const int five[9] = { 4, 4, 5, 4, 4, 4, 4, 4, 4 };
	static const int neg[9] = { 4, 4, 4, 4, 4, 4, 4, 4, -1 };
	int64_t v;
	size_t b;

	(void)state;
	assert_int_equal(compliance_skm_new(NULL, NULL, method), COMPLIANCE_E_INVALID);
	s = new_skm();
	assert_int_equal(compliance_skm_add_respondent(s, "r1", five, NEL), COMPLIANCE_E_RANGE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "respondent 'r1': field 'U3': expected an answer from 1 to 4 (0 for "
	                    "no answer), found 5");
	assert_int_equal(compliance_skm_add_respondent(s, NULL, neg, NEL), COMPLIANCE_E_RANGE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "field 'U9': expected an answer from 1 to 4 (0 for no answer), found -1");
	assert_int_equal(compliance_skm_add_respondent(s, "", good, NEL), COMPLIANCE_E_PARSE);
	assert_string_equal(compliance_skm_errmsg(s), "the respondent id is empty");
	assert_int_equal(compliance_skm_add_respondent(s, "r1", NULL, NEL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_add_respondent(NULL, "r1", good, NEL), COMPLIANCE_E_INVALID);
	/* none of the failures above added anything */
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_E_MISSING);

	assert_int_equal(compliance_skm_add_respondent(s, "r1", good, NEL), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_errmsg(s), "");
	assert_int_equal(compliance_skm_add_respondent(s, "r1", good, NEL), COMPLIANCE_E_DUPLICATE);
	assert_string_equal(compliance_skm_errmsg(s), "respondent 'r1' is listed twice");
	assert_int_equal(compliance_skm_add_respondent(s, NULL, good, NEL), COMPLIANCE_OK);

	assert_int_equal(compliance_skm_set_option(s, 99, 0), COMPLIANCE_E_INVALID);
	assert_string_equal(compliance_skm_errmsg(s), "unknown option 99");
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, 2),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, 2),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, 0),
	                 COMPLIANCE_E_STATE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "the duplicate check must be set before the first respondent "
	                    "(2 already added)");
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, 1),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_skm_set_option(NULL, COMPLIANCE_SKM_OPT_MISSING, 0),
	                 COMPLIANCE_E_INVALID);

	/* before compute, and after a change of the data, there is no result */
	assert_int_equal(compliance_skm_missing_used(s), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_skm_ikm_scaled(s, &v), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_skm_band_index(s, &b), COMPLIANCE_E_STATE);
	assert_null(compliance_skm_result(s, COMPLIANCE_SKM_IKM));
	assert_null(compliance_skm_nrr(s, 0, COMPLIANCE_SKM_NRR_EXACT));
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 0);
	compute_ok(s);
	expect_ikm(s, "100.00", "100", "A", "Sangat Baik");
	assert_null(compliance_skm_result(s, 42));
	assert_null(compliance_skm_nrr(s, 9, COMPLIANCE_SKM_NRR_EXACT));
	assert_null(compliance_skm_nrr(s, 0, 5));
	assert_true(compliance_skm_count(s, 5) == 0);
	assert_true(compliance_skm_count(s, -1) == 0);
	assert_true(compliance_skm_element_answers(s, 9) == 0);
	assert_int_equal(compliance_skm_ikm_scaled(s, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_band_index(s, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_add_respondent(s, "r2", good, NEL), COMPLIANCE_OK);
	assert_null(compliance_skm_result(s, COMPLIANCE_SKM_IKM));
	assert_int_equal(compliance_skm_missing_used(s), COMPLIANCE_E_STATE);

	/* NULL handles */
	assert_int_equal(compliance_skm_compute(NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_read_csv_buffer(NULL, "", 0, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_read_csv_buffer(s, NULL, 5, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_read_csv_file(NULL, "x"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_read_csv_file(s, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_missing_used(NULL), COMPLIANCE_E_INVALID);
	assert_null(compliance_skm_result(NULL, COMPLIANCE_SKM_IKM));
	assert_string_equal(compliance_skm_errmsg(NULL), "");
	compliance_skm_free(NULL);
	compliance_skm_free(s);
}

static void test_no_duplicate_check(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, 0),
	                 COMPLIANCE_OK);
	/* the vector twice: the same ids are accepted, every NRR is unchanged */
	read_ok(s, VECTOR);
	read_ok(s, VECTOR);
	compute_ok(s);
	expect_ikm(s, "84.54", "4565/54", "B", "Baik");
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 12);
	assert_true(compliance_skm_element_answers(s, 3) == 10);
	compliance_skm_free(s);
}

/* ---- memory: a counting allocator over cmocka's leak-checked one ----------------- */

typedef struct counting {
	long calls;      /* allocation calls made (malloc and realloc) */
	long fail_at;    /* the call that fails, from 1; 0 for none */
	long failed;     /* how many calls failed */
	long live;       /* blocks allocated and not freed */
} counting;

static void *count_malloc(size_t size, void *ud)
{
	counting *c = ud;
	void *p;

	if (++c->calls == c->fail_at) {
		c->failed++;
		return NULL;
	}
	p = test_malloc(size);
	if (p)
		c->live++;
	return p;
}

static void *count_realloc(void *ptr, size_t size, void *ud)
{
	counting *c = ud;
	void *p;

	if (++c->calls == c->fail_at) {
		c->failed++;
		return NULL;
	}
	p = test_realloc(ptr, size);
	if (p && !ptr)
		c->live++;
	return p;
}

static void count_free(void *ptr, void *ud)
{
	counting *c = ud;

	if (ptr) {
		c->live--;
		test_free(ptr);
	}
}

static compliance_ctx *counting_ctx(counting *c)
{
	compliance_allocator a = { count_malloc, count_realloc, count_free, NULL };
	compliance_ctx *ctx = NULL;

	a.userdata = c;
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &a), COMPLIANCE_OK);
	return ctx;
}

/* Builds `rows` respondents of equal length in CSV. */
static char *make_csv(long rows, size_t *len)
{
	size_t cap = sizeof HEADER + (size_t)rows * 32, pos;
	char *buf = malloc(cap);
	long r;

	assert_non_null(buf);
	pos = (size_t)snprintf(buf, cap, "%s", HEADER);
	for (r = 0; r < rows; r++)
		pos += (size_t)snprintf(buf + pos, cap - pos, "%07ld,4,3,4,3,4,3,4,3,%d\n", r,
		                        (int)(r % 4) + 1);
	*len = pos;
	return buf;
}

/*
 * With the duplicate check off, reading 10 or 200000 respondents makes the
 * same allocations and keeps nothing but the survey itself: memory does not
 * grow with the input. With the check on, the ids are kept.
 */
static void test_streaming_memory(void **state)
{
	counting c = { 0, 0, 0, 0 };
	compliance_ctx *ctx = counting_ctx(&c);
	compliance_skm *s;
	long calls_small, calls_big, live_base;
	size_t len;
	char *text;

	(void)state;
	assert_int_equal(compliance_skm_new(ctx, &s, method), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, 0),
	                 COMPLIANCE_OK);
	live_base = c.live;

	text = make_csv(10, &len);
	c.calls = 0;
	assert_int_equal(compliance_skm_read_csv_buffer(s, text, len, "small"), COMPLIANCE_OK);
	calls_small = c.calls;
	assert_int_equal(c.live, live_base);
	free(text);

	text = make_csv(200000, &len);
	c.calls = 0;
	assert_int_equal(compliance_skm_read_csv_buffer(s, text, len, "big"), COMPLIANCE_OK);
	calls_big = c.calls;
	assert_int_equal(c.live, live_base);
	assert_int_equal(calls_big, calls_small);
	compute_ok(s);
	/* 200010 rows (the same ids twice: no check). U1..U8 are always
	 * 4,3,4,3,4,3,4,3: NRRs 4 and 3, summing to 28. U9 cycles 1,2,3,4 by
	 * row number: rows 0..9 sum to 1+2+3+4+1+2+3+4+1+2 = 23, rows
	 * 0..199999 to 50000 * 10 = 500000, so U9 = 500023/200010.
	 * IKM = 25/9 * (28 + 500023/200010) = 25/9 * 6100303/200010
	 *     = 152507575/1800090 = 30501515/360018 = 84.7222... -> 84.72 (B). */
	expect_ikm(s, "84.72", "30501515/360018", "B", "Baik");
	compliance_skm_free(s);

	/* with the check on, every id is kept */
	assert_int_equal(compliance_skm_new(ctx, &s, method), COMPLIANCE_OK);
	live_base = c.live;
	assert_int_equal(compliance_skm_read_csv_buffer(s, text, len, "big"), COMPLIANCE_OK);
	/* in three blocks: the id bytes, their ends, the table */
	assert_int_equal(c.live, live_base + 3);
	assert_int_equal(compliance_skm_read_csv_buffer(s, text, len, "again"),
	                 COMPLIANCE_E_DUPLICATE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "again:2: field 'respondent': respondent '0000000' is listed twice");
	compliance_skm_free(s);
	free(text);
	compliance_ctx_free(ctx);
	assert_int_equal(c.live, 0);
}

/* An allocator that counts the bytes asked for and still held. */
typedef struct bytes_count {
	size_t live, peak;
} bytes_count;

static void *bytes_malloc(size_t size, void *ud)
{
	bytes_count *b = ud;
	size_t *p = test_malloc(size + sizeof(size_t) * 2);

	if (!p)
		return NULL;
	p[0] = size;
	b->live += size;
	if (b->live > b->peak)
		b->peak = b->live;
	return p + 2;
}

static void bytes_free(void *ptr, void *ud)
{
	bytes_count *b = ud;
	size_t *p = ptr;

	if (!p)
		return;
	b->live -= p[-2];
	test_free(p - 2);
}

static void *bytes_realloc(void *ptr, size_t size, void *ud)
{
	void *n = bytes_malloc(size, ud);
	size_t *p = ptr;

	if (!n)
		return NULL;
	if (p) {
		memcpy(n, p, p[-2] < size ? p[-2] : size);
		bytes_free(ptr, ud);
	}
	return n;
}

/*
 * 100,000 respondent ids, each also given again (a duplicate) after the
 * next thousand: every repeat is refused, every new id accepted. A read
 * that fails at its last row takes back every id it added, and only those.
 * Memory beyond the id bytes stays within 40 bytes an id (the target of
 * the flat id table; the old table of one block per id took 32 bytes of
 * header per id plus its bucket pointers).
 */
static void test_duplicate_ids_many(void **state)
{
	enum { N = 100000 };
	static const int ans[NEL] = { 4, 3, 4, 3, 4, 3, 4, 3, 2 };
	bytes_count b = { 0, 0 };
	compliance_allocator al = { bytes_malloc, bytes_realloc, bytes_free, NULL };
	compliance_ctx *ctx = NULL;
	compliance_skm *s = NULL;
	size_t base, idbytes = 0, len, pos;
	char id[32], *csv;
	long i, dups = 0;

	(void)state;
	al.userdata = &b;
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &al), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_new(ctx, &s, method), COMPLIANCE_OK);
	base = b.live;
	for (i = 0; i < N; i++) {
		idbytes += (size_t)snprintf(id, sizeof id, "resp-%ld", i * 7919 % 1000003);
		assert_int_equal(compliance_skm_add_respondent(s, id, ans, NEL), COMPLIANCE_OK);
		if (i >= 1000) {
			char old[32];
			snprintf(old, sizeof old, "resp-%ld", (i - 1000) * 7919 % 1000003);
			assert_int_equal(compliance_skm_add_respondent(s, old, ans, NEL),
			                 COMPLIANCE_E_DUPLICATE);
			assert_int_equal(compliance_skm_errcode(s), COMPLIANCE_E_DUPLICATE);
			dups++;
		}
	}
	assert_int_equal(dups, N - 1000);
	compute_ok(s);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == N);
	/* 25/9 * (4*4 + 3*4 + 2) = 25/9 * 30 = 83.333... -> 83.33 B */
	expect_ikm(s, "83.33", "250/3", "B", "Baik");
	if (b.live - base > idbytes + (size_t)40 * N)
		fail_msg("the id set holds %zu bytes for %d ids of %zu bytes: %.1f bytes an id "
		         "beyond the ids", b.live - base, N, idbytes,
		         (double)(b.live - base - idbytes) / N);

	/* a read of 50,000 new ids whose last row repeats an old id fails ... */
	len = sizeof HEADER + 50001 * 40;
	csv = malloc(len);
	assert_non_null(csv);
	pos = (size_t)snprintf(csv, len, "%s", HEADER);
	for (i = 0; i < 50000; i++)
		pos += (size_t)snprintf(csv + pos, len - pos, "new-%ld,1,1,1,1,1,1,1,1,1\n", i);
	pos += (size_t)snprintf(csv + pos, len - pos, "resp-0,1,1,1,1,1,1,1,1,1\n");
	assert_int_equal(compliance_skm_read_csv_buffer(s, csv, pos, "more.csv"),
	                 COMPLIANCE_E_DUPLICATE);
	assert_int_equal(compliance_skm_errcode(s), COMPLIANCE_E_DUPLICATE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "more.csv:50002: field 'respondent': respondent 'resp-0' is listed twice");
	/* ... and takes back its 50,000 ids: each may be given again */
	compute_ok(s);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == N);
	expect_ikm(s, "83.33", "250/3", "B", "Baik");
	for (i = 0; i < 50000; i += 997) {
		snprintf(id, sizeof id, "new-%ld", i);
		assert_int_equal(compliance_skm_add_respondent(s, id, ans, NEL), COMPLIANCE_OK);
	}
	/* the ids of before the read are all still there */
	for (i = 0; i < N; i += 101) {
		snprintf(id, sizeof id, "resp-%ld", i * 7919 % 1000003);
		assert_int_equal(compliance_skm_add_respondent(s, id, ans, NEL),
		                 COMPLIANCE_E_DUPLICATE);
	}
	/* the same text without its last row now reads; then the rows
	 * added above one by one are duplicates of it */
	pos -= strlen("resp-0,1,1,1,1,1,1,1,1,1\n");
	assert_int_equal(compliance_skm_read_csv_buffer(s, csv, pos, "more.csv"),
	                 COMPLIANCE_E_DUPLICATE);
	assert_string_equal(compliance_skm_errmsg(s),
	                    "more.csv:2: field 'respondent': respondent 'new-0' is listed twice");
	free(csv);
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
	assert_int_equal(b.live, 0);
}

/*
 * Fails the N-th allocation for every N across new, reading a buffer,
 * reading a file, adding a respondent and computing. Each step that fails
 * must return COMPLIANCE_E_NOMEM and change nothing: it is then retried
 * without failures, so the final result must equal a run without any
 * failure (tie file + vector + one respondent). No block may leak.
 */
static void test_alloc_failure_sweep(void **state)
{
	static const int extra[9] = { 1, 2, 3, 4, 4, 3, 2, 1, 0 };
	long n;
	int completed = 0;

	(void)state;
	for (n = 1; n < 10000 && !completed; n++) {
		counting c = { 0, 0, 0, 0 };
		compliance_allocator a = { count_malloc, count_realloc, count_free, NULL };
		compliance_ctx *ctx = NULL;
		compliance_skm *s = NULL;
		int rc;

		a.userdata = &c;
		c.fail_at = n;
		rc = compliance_ctx_new_with_allocator(&ctx, &a);
		if (rc) {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
			assert_null(ctx);
			assert_int_equal(c.live, 0);
			continue;
		}
		rc = compliance_skm_new(ctx, &s, method);
		if (rc) {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
			assert_int_equal(compliance_ctx_errcode(ctx), COMPLIANCE_E_NOMEM);
			assert_null(s);
			compliance_ctx_free(ctx);
			assert_int_equal(c.live, 0);
			continue;
		}
		rc = compliance_skm_read_csv_file(s, DATA "/skm-tie.csv");
		if (rc) {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
			c.fail_at = 0;
			assert_int_equal(compliance_skm_read_csv_file(s, DATA "/skm-tie.csv"),
			                 COMPLIANCE_OK);
		}
		rc = compliance_skm_read_csv_buffer(s, VECTOR, strlen(VECTOR), "v.csv");
		if (rc) {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
			c.fail_at = 0;
			read_ok(s, VECTOR);
		}
		rc = compliance_skm_add_respondent(s, "extra", extra, NEL);
		if (rc) {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
			c.fail_at = 0;
			assert_int_equal(compliance_skm_add_respondent(s, "extra", extra, NEL), COMPLIANCE_OK);
		}
		compute_ok(s);
		/*
		 * tie file (U9 over 7) + vector (U4 over 5) + extra (U9 blank):
		 *   U1 (24 + 20 + 1)/15 = 3      U2 (27 + 20 + 2)/15 = 49/15
		 *   U3 (22 + 20 + 3)/15 = 3      U4 (28 + 18 + 4)/14 = 25/7
		 *   U5 (26 + 19 + 4)/15 = 49/15  U6 (26 + 21 + 3)/15 = 10/3
		 *   U7 (24 + 21 + 2)/15 = 47/15  U8 (24 + 19 + 1)/15 = 44/15
		 *   U9 (21 + 21)/13 = 42/13
		 *   sum = 6 + 25/7 + 10/3 + 42/13 + (49 + 49 + 47 + 44)/15
		 *       = (8190 + 4875 + 4550 + 4410 + 17199)/1365 = 39224/1365
		 *   IKM = 25/9 * 39224/1365 = 196120/2457 = 79.8209... -> 79.82 (B)
		 */
		expect_ikm(s, "79.82", "196120/2457", "B", "Baik");
		assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 15);
		completed = c.failed == 0;
		compliance_skm_free(s);
		compliance_ctx_free(ctx);
		assert_int_equal(c.live, 0);
	}
	assert_true(completed);
	assert_true(n > 10); /* the sweep did hit allocations */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vector_file_available),
		cmocka_unit_test(test_vector_file_listwise),
		cmocka_unit_test(test_vector_switch_policy),
		cmocka_unit_test(test_vector_api),
		cmocka_unit_test(test_vector_csv_forms),
		cmocka_unit_test(test_blank_respondent),
		cmocka_unit_test(test_tie_uniform),
		cmocka_unit_test(test_tie_available_case),
		cmocka_unit_test(test_band_edges),
		cmocka_unit_test(test_exact_beyond_128_bits),
		cmocka_unit_test(test_method_profile),
		cmocka_unit_test(test_method_from_json),
		cmocka_unit_test(test_method_profile_errors),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_csv_file_error),
		cmocka_unit_test(test_compute_errors),
		cmocka_unit_test(test_api_errors),
		cmocka_unit_test(test_no_duplicate_check),
		cmocka_unit_test(test_streaming_memory),
		cmocka_unit_test(test_duplicate_ids_many),
		cmocka_unit_test(test_alloc_failure_sweep),
	};

	int rc;

	if (compliance_profile_open(NULL, &method, "skm-2017") != COMPLIANCE_OK)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	compliance_profile_free(method);
	return rc;
}
