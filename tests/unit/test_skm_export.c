/*
 * SKM exports (issue 9): compliance_skm_read_export_*() on files made the
 * way Excel writes them, the groups, the respondent profile, the NRR bands,
 * the IKM under the templates' 0.111 and 0.11 weights, rollback of a failed
 * read, option errors, and an allocation-failure sweep.
 *
 * Expected values are derived by hand in the comments (a=1, b=2, c=3,
 * d=4; NRR = mean answer; IKM = 25/9 x sum of NRR, half-up to 2 places;
 * bands A from 88.31, B from 76.61, C from 65.00).
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

#define DATA COMPLIANCE_TEST_DATA
#define EXCEL DATA "/skm-exports/excel-id-letters.csv"

static compliance_profile *method;

static compliance_skm *new_skm(void)
{
	compliance_skm *s = NULL;

	assert_int_equal(compliance_skm_new(NULL, &s, method), COMPLIANCE_OK);
	return s;
}

static void read_ok(compliance_skm *s, const char *text)
{
	int rc = compliance_skm_read_export_buffer(s, text, strlen(text), "x.csv");
	if (rc != COMPLIANCE_OK)
		fail_msg("read failed (%d): %s", rc, compliance_skm_errmsg(s));
}

static void read_bad(compliance_skm *s, const char *text, int code, const char *msg)
{
	int rc = compliance_skm_read_export_buffer(s, text, strlen(text), "x.csv");
	if (rc != code || !strstr(compliance_skm_errmsg(s), msg))
		fail_msg("expected %d '%s', got %d '%s'", code, msg, rc, compliance_skm_errmsg(s));
}

static uint64_t trait(const compliance_skm *s, int col, const char *value)
{
	size_t i;
	uint64_t n;

	for (i = 0; i < compliance_skm_trait_count(s, col); i++)
		if (!strcmp(compliance_skm_trait_value(s, col, i, &n), value))
			return n;
	return 0;
}

/*
 * The Excel fixture, a=1 ... d=4, 7 rows (2 anonymous), 2 empty rows:
 *   U1 d c c b d c a = 20 -> 20/7   U2 c c d b d c b = 21 -> 3
 *   U3 c b c c d c b = 20 -> 20/7   U4 d d d - d c c = 22/6 = 11/3
 *   U5 c c d c d c b = 22 -> 22/7   U6 d c d c d c b = 23 -> 23/7
 *   U7 d c d b d c c = 23 -> 23/7   U8 c c c b d c a = 19 -> 19/7
 *   U9 c c d c d c b = 22 -> 22/7
 *   sum = 170/7 + 11/3 = 587/21; IKM = 25/9 x 587/21 = 14675/189
 *       = 77.6455... -> 77.65 B
 *   0.111: 2.775 x 587/21 = 77.5678... -> 77.57 B (exact 21719/280)
 *   0.11:  2.75 x 587/21 = 76.869... -> 76.87 B (exact 6457/84)
 */
static void test_excel_fixture(void **state)
{
	compliance_skm *s = new_skm();
	size_t band;

	(void)state;
	/* letters are refused unless asked for */
	assert_int_equal(compliance_skm_read_export_file(s, EXCEL), COMPLIANCE_E_PARSE);
	assert_non_null(strstr(compliance_skm_errmsg(s), ":2: field 'PERSYARATAN' (U1): found the "
	                                                  "letter 'd'"));
	assert_null(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DIALECT));
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_LETTERS, 1), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_read_export_file(s, EXCEL), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DIALECT), "excel-id");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_SEPARATOR), ";");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DETECTED), "detected");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_BOM), "yes");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_LINE_ENDS), "crlf");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_CODES), "letters");
	assert_null(compliance_skm_input(s, 99));
	assert_string_equal(compliance_skm_column(s, COMPLIANCE_SKM_COLUMN_ID), "No");
	assert_string_equal(compliance_skm_column(s, COMPLIANCE_SKM_COLUMN_EDUCATION), "Pendidikan");
	assert_null(compliance_skm_column(s, COMPLIANCE_SKM_COLUMN_GROUP));
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 7);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE) == 6);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "77.65");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), "14675/189");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), "B");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_WEIGHTS), "1/9");
	assert_string_equal(compliance_skm_nrr(s, 3, COMPLIANCE_SKM_NRR_EXACT), "11/3");
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP, COMPLIANCE_SKM_IKM),
	                    "77.57");
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP,
	                                              COMPLIANCE_SKM_IKM_EXACT), "21719/280");
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP,
	                                              COMPLIANCE_SKM_WEIGHTS), "0.111");
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_2DP, COMPLIANCE_SKM_IKM),
	                    "76.87");
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_2DP,
	                                              COMPLIANCE_SKM_WEIGHTS), "0.11");
	assert_int_equal(compliance_skm_alt_differs(s, COMPLIANCE_SKM_ALT_3DP), 0);
	assert_int_equal(compliance_skm_alt_differs(s, COMPLIANCE_SKM_ALT_2DP), 0);
	/* NRR bands: x 25 against 88.31 / 76.61 / 65.00: 20/7 -> 71.4 C,
	 * 11/3 -> 91.7 A, 22/7 -> 78.6 B, 19/7 -> 67.9 C */
	assert_int_equal(compliance_skm_nrr_band(s, 0, &band), COMPLIANCE_OK);
	assert_int_equal(band, 2);
	assert_int_equal(compliance_skm_nrr_band(s, 3, &band), COMPLIANCE_OK);
	assert_int_equal(band, 0);
	assert_int_equal(compliance_skm_nrr_band(s, 4, &band), COMPLIANCE_OK);
	assert_int_equal(band, 1);
	assert_int_equal(compliance_skm_nrr_band(s, 7, &band), COMPLIANCE_OK);
	assert_int_equal(band, 2);
	assert_int_equal(compliance_skm_nrr_band(s, 9, &band), COMPLIANCE_E_INVALID);
	/* the profile: L, l -> Laki-laki (4); P -> Perempuan (3) */
	assert_int_equal(compliance_skm_trait_count(s, COMPLIANCE_SKM_COLUMN_SEX), 2);
	assert_true(trait(s, COMPLIANCE_SKM_COLUMN_SEX, "Laki-laki") == 4);
	assert_true(trait(s, COMPLIANCE_SKM_COLUMN_SEX, "Perempuan") == 3);
	assert_true(trait(s, COMPLIANCE_SKM_COLUMN_EDUCATION, "SMA") == 3);
	assert_true(trait(s, COMPLIANCE_SKM_COLUMN_OCCUPATION, "PNS") == 2);
	assert_true(trait(s, COMPLIANCE_SKM_COLUMN_AGE, "61") == 1);
	assert_int_equal(compliance_skm_trait_count(s, COMPLIANCE_SKM_COLUMN_ID), 0);
	assert_null(compliance_skm_trait_value(s, COMPLIANCE_SKM_COLUMN_SEX, 2, NULL));
	assert_int_equal(compliance_skm_group_count(s), 0);
	assert_null(compliance_skm_group_name(s));
	compliance_skm_free(s);
}

/*
 * --by Jenis Layanan: KTP rows 1 2 4 6, Kartu Keluarga rows 3 5 7
 * ("kartu  keluarga" is the same group).
 *   KTP: U1 d c b c = 12/4 = 3; U2 c c b c = 11/4; U3 c b c c = 11/4;
 *        U4 d d - c = 11/3; U5 c c c c = 3; U6 d c c c = 13/4;
 *        U7 d c b c = 3; U8 c c b c = 11/4; U9 c c c c = 3
 *        sum = 12 + 33/4 + 13/4 + 11/3 = 163/6; IKM = 25/9 x 163/6
 *        = 4075/54 = 75.462... -> 75.46 C
 *   KK:  U1 c d a = 8/3; U2 d d b = 10/3; U3 c d b = 3; U4 d d c = 11/3;
 *        U5 d d b = 10/3; U6 d d b = 10/3; U7 d d c = 11/3; U8 c d a = 8/3;
 *        U9 d d b = 10/3; sum = 87/3 = 29; IKM = 725/9 = 80.555... -> 80.56 B
 */
static void test_groups(void **state)
{
	compliance_skm *s = new_skm();
	const compliance_skm *g;

	(void)state;
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_LETTERS, 1), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_GROUP, "jenis  LAYANAN"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_skm_read_export_file(s, EXCEL), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_column(s, COMPLIANCE_SKM_COLUMN_GROUP), "Jenis Layanan");
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_group_count(s), 2);
	g = compliance_skm_group(s, 0);
	assert_string_equal(compliance_skm_group_name(g), "KTP");
	assert_string_equal(compliance_skm_result(g, COMPLIANCE_SKM_IKM), "75.46");
	assert_string_equal(compliance_skm_result(g, COMPLIANCE_SKM_IKM_EXACT), "4075/54");
	assert_string_equal(compliance_skm_result(g, COMPLIANCE_SKM_CATEGORY), "C");
	assert_true(compliance_skm_count(g, COMPLIANCE_SKM_COUNT_READ) == 4);
	assert_true(trait(g, COMPLIANCE_SKM_COLUMN_SEX, "Perempuan") == 2);
	g = compliance_skm_group(s, 1);
	assert_string_equal(compliance_skm_group_name(g), "Kartu Keluarga");
	assert_string_equal(compliance_skm_result(g, COMPLIANCE_SKM_IKM), "80.56");
	assert_string_equal(compliance_skm_result(g, COMPLIANCE_SKM_IKM_EXACT), "725/9");
	assert_true(compliance_skm_count(g, COMPLIANCE_SKM_COUNT_READ) == 3);
	assert_null(compliance_skm_group(s, 2));
	/* the total is unchanged by grouping */
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "77.65");
	/* listwise reaches the groups: KTP loses row 4 (U4 blank) */
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING,
	                                           COMPLIANCE_SKM_MISSING_LISTWISE), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	g = compliance_skm_group(s, 0);
	assert_int_equal(compliance_skm_missing_used(g), COMPLIANCE_SKM_MISSING_LISTWISE);
	assert_true(compliance_skm_count(g, COMPLIANCE_SKM_COUNT_RESPONDENTS) == 3);
	/* the group column cannot change once rows are in */
	assert_int_equal(compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_GROUP, "Pendidikan"),
	                 COMPLIANCE_E_STATE);
	compliance_skm_free(s);
}

#define H "No;Layanan;Jenis Kelamin;U1;U2;U3;U4;U5;U6;U7;U8;U9\r\n"

/* A failed read keeps nothing: no respondent, no group, no count. */
static void test_rollback(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	assert_int_equal(compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_GROUP, "Layanan"),
	                 COMPLIANCE_OK);
	read_ok(s, H "1;A;L;4;4;4;4;4;4;4;4;4\r\n");
	read_bad(s, H "2;A;P;3;3;3;3;3;3;3;3;3\r\n3;B;X;3;3;3;3;3;3;3;3;3\r\n"
	              "4;C;L;3;3;3;3;3;3;3;3;5\r\n",
	         COMPLIANCE_E_RANGE, "x.csv:4: field 'U9': expected an answer from 1 to 4, found '5'");
	assert_int_equal(compliance_skm_group_count(s), 1);
	assert_int_equal(compliance_skm_trait_count(s, COMPLIANCE_SKM_COLUMN_SEX), 1);
	assert_true(trait(s, COMPLIANCE_SKM_COLUMN_SEX, "Laki-laki") == 1);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 1);
	assert_true(compliance_skm_count(compliance_skm_group(s, 0), COMPLIANCE_SKM_COUNT_READ) == 1);
	/* the id of the failed read is free again; id 1 is not */
	read_ok(s, H "2;A;P;3;3;3;3;3;3;3;3;3\r\n");
	read_bad(s, H "1;A;P;3;3;3;3;3;3;3;3;3\r\n", COMPLIANCE_E_DUPLICATE,
	         "x.csv:2: field 'No': respondent '1' is listed twice");
	/* a group with an element nobody answered has no result; the total does */
	read_ok(s, H ";B;P;3;3;3;;3;3;3;3;3\r\n;;;;;;;;;;;\r\n");
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_group_count(s), 2);
	assert_null(compliance_skm_result(compliance_skm_group(s, 1), COMPLIANCE_SKM_IKM));
	assert_non_null(strstr(compliance_skm_errmsg(compliance_skm_group(s, 1)),
	                       "element U4 (Biaya/Tarif) was answered by no respondent"));
	/* the total: U4 (4 + 3)/2 = 3.5, the others (4 + 3 + 3)/3 = 10/3;
	 * sum = 3.5 + 8 x 10/3 = 181/6; IKM = 25/9 x 181/6 = 4525/54 = 83.796 */
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), "4525/54");
	compliance_skm_free(s);
}

/*
 * The templates' weights at a band edge: 10 rows, sum of NRR 31.8
 * (edge-0111.csv): 25/9 x 31.8 = 88.333 -> 88.33 A; 0.111: 2.775 x 31.8
 * = 88.245 -> 88.25 B; 0.11: 2.75 x 31.8 = 87.45 B. NRR 3.5 -> 87.5 B,
 * 3.6 -> 90 A.
 */
static void test_template_weights_edge(void **state)
{
	compliance_skm *s = new_skm();
	size_t band;

	(void)state;
	assert_int_equal(compliance_skm_read_export_file(s, DATA "/skm-exports/edge-0111.csv"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "88.33");
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), "A");
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP, COMPLIANCE_SKM_IKM),
	                    "88.25");
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP,
	                                              COMPLIANCE_SKM_CATEGORY), "B");
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP, COMPLIANCE_SKM_LABEL),
	                    "Baik");
	assert_int_equal(compliance_skm_alt_differs(s, COMPLIANCE_SKM_ALT_3DP), 1);
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_2DP, COMPLIANCE_SKM_IKM),
	                    "87.45");
	assert_int_equal(compliance_skm_alt_differs(s, COMPLIANCE_SKM_ALT_2DP), 1);
	assert_int_equal(compliance_skm_nrr_band(s, 0, &band), COMPLIANCE_OK);
	assert_int_equal(band, 1);
	assert_int_equal(compliance_skm_nrr_band(s, 8, &band), COMPLIANCE_OK);
	assert_int_equal(band, 0);
	assert_null(compliance_skm_alt_result(s, 2, COMPLIANCE_SKM_IKM));
	assert_null(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP, COMPLIANCE_SKM_MISSING));
	assert_int_equal(compliance_skm_alt_differs(s, 7), COMPLIANCE_E_INVALID);
	compliance_skm_free(s);
	/* before a compute: no result */
	s = new_skm();
	assert_int_equal(compliance_skm_alt_differs(s, COMPLIANCE_SKM_ALT_3DP), COMPLIANCE_E_STATE);
	assert_int_equal(compliance_skm_nrr_band(s, 0, &band), COMPLIANCE_E_STATE);
	assert_null(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP, COMPLIANCE_SKM_IKM));
	/* every answer 1: IKM 25.00 D; 0.11 gives 2.75 x 9 = 24.75: no band */
	read_ok(s, "U1,U2,U3,U4,U5,U6,U7,U8,U9\n1,1,1,1,1,1,1,1,1\n");
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_2DP, COMPLIANCE_SKM_IKM),
	                    "24.75");
	assert_null(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_2DP, COMPLIANCE_SKM_CATEGORY));
	assert_int_equal(compliance_skm_alt_differs(s, COMPLIANCE_SKM_ALT_2DP), 1);
	/* 0.111 x 9 = 0.999: 24.975 -> 24.98, no band either */
	assert_string_equal(compliance_skm_alt_result(s, COMPLIANCE_SKM_ALT_3DP, COMPLIANCE_SKM_IKM),
	                    "24.98");
	compliance_skm_free(s);
}

static void test_age_bands_and_columns(void **state)
{
	static const unsigned bands[] = { 20, 30, 40, 50 };
	static const unsigned bad[] = { 30, 30 };
	compliance_skm *s = new_skm();
	uint64_t n;

	(void)state;
	assert_int_equal(compliance_skm_set_age_bands(s, bad, 2), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_age_bands(s, NULL, 1), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_age_bands(NULL, bands, 4), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_age_bands(s, bands, 4), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_LETTERS, 1), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_read_export_file(s, EXCEL), COMPLIANCE_OK);
	/* ages 34 27 45 19 52 38 61, in band order */
	assert_int_equal(compliance_skm_trait_count(s, COMPLIANCE_SKM_COLUMN_AGE), 5);
	assert_string_equal(compliance_skm_trait_value(s, COMPLIANCE_SKM_COLUMN_AGE, 0, &n), "<20");
	assert_true(n == 1);
	assert_string_equal(compliance_skm_trait_value(s, COMPLIANCE_SKM_COLUMN_AGE, 2, &n), "30-39");
	assert_true(n == 2);
	assert_string_equal(compliance_skm_trait_value(s, COMPLIANCE_SKM_COLUMN_AGE, 4, &n), "50+");
	assert_true(n == 2);
	assert_int_equal(compliance_skm_set_age_bands(s, bands, 2), COMPLIANCE_E_STATE);
	compliance_skm_free(s);

	s = new_skm();
	assert_int_equal(compliance_skm_set_column(s, 6, "x"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_column(NULL, 0, "x"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_SEX, "Gender"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_ID, ""), COMPLIANCE_OK);
	read_ok(s, "No,Gender,U1,U2,U3,U4,U5,U6,U7,U8,U9\n1,P,4,4,4,4,4,4,4,4,4\n"
	           "1,L,4,4,4,4,4,4,4,4,4\n");
	assert_null(compliance_skm_column(s, COMPLIANCE_SKM_COLUMN_ID));
	assert_string_equal(compliance_skm_column(s, COMPLIANCE_SKM_COLUMN_SEX), "Gender");
	assert_true(trait(s, COMPLIANCE_SKM_COLUMN_SEX, "Perempuan") == 1);
	read_bad(s, "No,Sex,U1,U2,U3,U4,U5,U6,U7,U8,U9\n", COMPLIANCE_E_PARSE,
	         "x.csv:1: no column 'Gender' (the sex column) in the header");
	/* an answer column named by the user; NULL goes back to code and name */
	assert_int_equal(compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_SEX, ""), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_set_element_column(s, 9, "x"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_element_column(s, 0, ""), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_element_column(NULL, 0, "x"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_element_column(s, 8, "Unsur 9"), COMPLIANCE_OK);
	read_bad(s, "U1,U2,U3,U4,U5,U6,U7,U8,U9\n", COMPLIANCE_E_PARSE,
	         "x.csv:1: column 9 ('U9') looks like an answer column");
	read_ok(s, "U1,U2,U3,U4,U5,U6,U7,U8,unsur  9\n4,4,4,4,4,4,4,4,1\n");
	assert_int_equal(compliance_skm_set_element_column(s, 8, NULL), COMPLIANCE_OK);
	read_ok(s, "U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4\n");
	/* back to the default names */
	assert_int_equal(compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_SEX, NULL),
	                 COMPLIANCE_OK);
	read_ok(s, "Sex,U1,U2,U3,U4,U5,U6,U7,U8,U9\nL,4,4,4,4,4,4,4,4,4\n");
	assert_true(trait(s, COMPLIANCE_SKM_COLUMN_SEX, "Laki-laki") == 2);
	/* every read: 2 + 1 + 1 + 1 respondents; the one with U9 = 1 */
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_true(compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ) == 5);
	compliance_skm_free(s);
}

static void test_dialect_and_errors(void **state)
{
	compliance_skm *s = new_skm();

	(void)state;
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_SEPARATOR, '\t'),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_LETTERS, 2),
	                 COMPLIANCE_E_INVALID);
	/* a header with more commas (in quotes) than semicolons: still ',' */
	read_ok(s, "\"Sistem, Mekanisme, dan Prosedur\",u1,U3,U4,U5,U6,U7,U8,U9\n"
	           "4,4,4,4,4,4,4,4,4\n");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DIALECT), "rfc4180");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_LINE_ENDS), "lf");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_BOM), "no");
	/* forced ';' */
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_SEPARATOR, ';'),
	                 COMPLIANCE_OK);
	read_ok(s, "U1;U2;U3;U4;U5;U6;U7;U8;U9\n3;3;3;3;3;3;3;3;3\n");
	assert_string_equal(compliance_skm_input(s, COMPLIANCE_SKM_INPUT_DETECTED), "given");
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "87.50");
	read_bad(s, "", COMPLIANCE_E_PARSE, "x.csv: the file is empty");
	read_bad(s, "U1;U2\n", COMPLIANCE_E_PARSE,
	         "x.csv:1: no answer column for element U3 (Waktu Penyelesaian)");
	read_bad(s, "U1;U2;U3;U4;U5;U6;U7;U8;U9\n3;3;3;3;3;3;3;3;x\n", COMPLIANCE_E_PARSE,
	         "x.csv:2: field 'U9': expected an answer from 1 to 4, found 'x'");
	read_bad(s, "U1;U2;U3;U4;U5;U6;U7;U8;U9\n3;3;3;3;3;3;3;3;c\n", COMPLIANCE_E_PARSE,
	         "found the letter 'c'");
	/* profile and group values must be UTF-8 (they go into JSON) */
	assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_SEPARATOR, 0), COMPLIANCE_OK);
	read_bad(s, "JK,U1,U2,U3,U4,U5,U6,U7,U8,U9\n\xff,3,3,3,3,3,3,3,3,3\n", COMPLIANCE_E_PARSE,
	         "x.csv:2: field 'JK': not valid UTF-8 text");
	/* a long value is cut at 255 bytes on a character boundary: 200 x "é"
	 * (400 bytes) keeps 127 of them (254 bytes) */
	{
		char buf[1024], *w = buf;
		char *out = NULL;
		int i;
		w += sprintf(w, "Pendidikan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n");
		for (i = 0; i < 200; i++)
			w += sprintf(w, "\xc3\xa9");
		sprintf(w, ",3,3,3,3,3,3,3,3,3\n");
		read_ok(s, buf);
		assert_int_equal(compliance_skm_trait_count(s, COMPLIANCE_SKM_COLUMN_EDUCATION), 1);
		assert_int_equal(strlen(compliance_skm_trait_value(s, COMPLIANCE_SKM_COLUMN_EDUCATION, 0,
		                                                   NULL)), 254);
		assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
		assert_int_equal(compliance_skm_write(s, COMPLIANCE_FORMAT_JSON, &out), COMPLIANCE_OK);
		compliance_free(out);
	}
	/* more than 1000 groups: not a group column; nothing kept */
	{
		compliance_skm *g = new_skm();
		char *buf = malloc(1002 * 40), *w = buf;
		int i;
		assert_int_equal(compliance_skm_set_column(g, COMPLIANCE_SKM_COLUMN_GROUP, "Saran"),
		                 COMPLIANCE_OK);
		w += sprintf(w, "Saran,U1,U2,U3,U4,U5,U6,U7,U8,U9\n");
		for (i = 0; i < 1001; i++)
			w += sprintf(w, "s%d,3,3,3,3,3,3,3,3,3\n", i);
		read_bad(g, buf, COMPLIANCE_E_OVERFLOW,
		         "x.csv:1002: field 'Saran': more than 1000 groups: is it the group column?");
		assert_int_equal(compliance_skm_group_count(g), 0);
		free(buf);
		compliance_skm_free(g);
	}
	assert_int_equal(compliance_skm_read_export_file(s, DATA "/no-such.csv"), COMPLIANCE_E_IO);
	assert_int_equal(compliance_skm_read_export_file(NULL, "x"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_read_export_buffer(s, NULL, 3, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_skm_group_count(NULL), 0);
	assert_null(compliance_skm_group(NULL, 0));
	assert_null(compliance_skm_column(NULL, 0));
	assert_int_equal(compliance_skm_trait_count(NULL, COMPLIANCE_SKM_COLUMN_SEX), 0);
	assert_null(compliance_skm_input(NULL, 0));
	compliance_skm_free(s);
}

/* ---- allocation failures ------------------------------------------------------- */

typedef struct counting {
	long calls, fail_at, failed, live;
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

/* Every allocation of a grouped export read fails once in turn: the read
 * returns COMPLIANCE_E_NOMEM and keeps nothing; retried, the result is
 * that of a run without failures. No block leaks. */
static void test_alloc_failure_sweep(void **state)
{
	static const unsigned bands[] = { 30, 50 };
	long n;
	int completed = 0;

	(void)state;
	for (n = 1; n < 20000 && !completed; n++) {
		counting c = { 0, 0, 0, 0 };
		compliance_allocator a = { count_malloc, count_realloc, count_free, NULL };
		compliance_ctx *ctx = NULL;
		compliance_skm *s = NULL;
		int rc;

		a.userdata = &c;
		rc = compliance_ctx_new_with_allocator(&ctx, &a);
		assert_int_equal(rc, COMPLIANCE_OK);
		c.fail_at = c.calls + n;
		rc = compliance_skm_new(ctx, &s, method);
		if (!rc)
			rc = compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_GROUP, "Jenis Layanan");
		if (!rc)
			rc = compliance_skm_set_age_bands(s, bands, 2);
		if (rc) {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
			compliance_skm_free(s);
			compliance_ctx_free(ctx);
			assert_int_equal(c.live, 0);
			continue;
		}
		compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_LETTERS, 1);
		rc = compliance_skm_read_export_file(s, EXCEL);
		if (rc) {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
			assert_int_equal(compliance_skm_group_count(s), 0);
			assert_int_equal(compliance_skm_trait_count(s, COMPLIANCE_SKM_COLUMN_SEX), 0);
			c.fail_at = 0;
			assert_int_equal(compliance_skm_read_export_file(s, EXCEL), COMPLIANCE_OK);
		}
		assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
		assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT), "14675/189");
		assert_int_equal(compliance_skm_group_count(s), 2);
		assert_true(trait(s, COMPLIANCE_SKM_COLUMN_SEX, "Laki-laki") == 4);
		assert_true(trait(s, COMPLIANCE_SKM_COLUMN_AGE, "50+") == 2);
		assert_string_equal(compliance_skm_result(compliance_skm_group(s, 1),
		                                          COMPLIANCE_SKM_IKM_EXACT), "725/9");
		completed = c.failed == 0;
		compliance_skm_free(s);
		compliance_ctx_free(ctx);
		assert_int_equal(c.live, 0);
	}
	assert_true(completed);
	assert_true(n > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_fixture),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_rollback),
		cmocka_unit_test(test_template_weights_edge),
		cmocka_unit_test(test_age_bands_and_columns),
		cmocka_unit_test(test_dialect_and_errors),
		cmocka_unit_test(test_alloc_failure_sweep),
	};
	int rc;

	if (compliance_profile_open(NULL, &method, "skm-2017") != COMPLIANCE_OK)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	compliance_profile_free(method);
	return rc;
}
