/*
 * The result emitters (include/compliance/report.h): an assessment's and an
 * SKM survey's table, CSV and JSON, byte for byte as `compliance` prints
 * them, CSV formula neutralisation, and the terminal escaping.
 *
 * Expected texts are written out by hand from the rules: ombudsman-2022
 * bands (B 78.00-87.99 hijau "Kualitas Tinggi", D 32.00-53.99 merah
 * "Kualitas Rendah"); Kota A = (90 + 80) / 2 = 85.00; the table's columns
 * are as wide as their widest cell, numbers aligned right, two spaces
 * apart.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compliance.h"

static const char scores[] = "entity,entity_type,unit,score\n"
                             "Kota A,kota,U1,90\n"
                             "Kota A,kota,U2,80\n"
                             "-Kab B,kabupaten,U1,50\n";

static compliance_assessment *scored(compliance_ctx **ctx)
{
	compliance_profile *p;
	compliance_assessment *a;

	assert_int_equal(compliance_ctx_new(ctx), 0);
	assert_int_equal(compliance_profile_open(*ctx, &p, "ombudsman-2022"), 0);
	assert_int_equal(compliance_assessment_new(*ctx, &a, p), 0);
	compliance_profile_free(p);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, scores, sizeof scores - 1, "s.csv"),
	                 0);
	assert_int_equal(compliance_assessment_compute(a), 0);
	return a;
}

static void test_assessment_csv(void **state)
{
	compliance_ctx *ctx;
	compliance_assessment *a = scored(&ctx);
	char *out = NULL;

	(void)state;
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV, &out), 0);
	assert_string_equal(out,
	                    "entity,entity_type,units,score,category,zone,label,rank,rank_in_type\n"
	                    "Kota A,kota,2,85.00,B,hijau,Kualitas Tinggi,1,1\n"
	                    /* a name starting with '-' is neutralised; the numbers are not */
	                    "\"'-Kab B\",kabupaten,1,50.00,D,merah,Kualitas Rendah,2,1\n");
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
}

static void test_assessment_table(void **state)
{
	compliance_ctx *ctx;
	compliance_assessment *a = scored(&ctx);
	char *out = NULL;

	(void)state;
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_TABLE, &out), 0);
	assert_string_equal(out,
	                    "entity  entity_type  units  score  category  zone   label            "
	                    "rank  rank_in_type\n"
	                    "Kota A  kota             2  85.00  B         hijau  Kualitas Tinggi  "
	                    "   1             1\n"
	                    "-Kab B  kabupaten        1  50.00  D         merah  Kualitas Rendah  "
	                    "   2             1\n");
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
}

static void test_assessment_json(void **state)
{
	compliance_ctx *ctx;
	compliance_assessment *a = scored(&ctx);
	char *out = NULL;

	(void)state;
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_JSON, &out), 0);
	assert_string_equal(out, "[\n"
	                         "  {\n"
	                         "    \"entity\": \"Kota A\",\n"
	                         "    \"entity_type\": \"kota\",\n"
	                         "    \"units\": 2,\n"
	                         "    \"score\": \"85.00\",\n"
	                         "    \"mean\": \"85\",\n"
	                         "    \"category\": \"B\",\n"
	                         "    \"zone\": \"hijau\",\n"
	                         "    \"label\": \"Kualitas Tinggi\",\n"
	                         "    \"rank\": 1,\n"
	                         "    \"rank_in_type\": 1\n"
	                         "  },\n"
	                         "  {\n"
	                         "    \"entity\": \"-Kab B\",\n"
	                         "    \"entity_type\": \"kabupaten\",\n"
	                         "    \"units\": 1,\n"
	                         "    \"score\": \"50.00\",\n"
	                         "    \"mean\": \"50\",\n"
	                         "    \"category\": \"D\",\n"
	                         "    \"zone\": \"merah\",\n"
	                         "    \"label\": \"Kualitas Rendah\",\n"
	                         "    \"rank\": 2,\n"
	                         "    \"rank_in_type\": 1\n"
	                         "  }\n"
	                         "]\n");
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
}

static void test_assessment_errors(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	char *out = (char *)1;

	(void)state;
	assert_int_equal(compliance_assessment_write(NULL, 0, &out), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2022"), 0);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), 0);
	compliance_profile_free(p);
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV, &out),
	                 COMPLIANCE_E_STATE);
	assert_null(out);
	assert_non_null(strstr(compliance_assessment_errmsg(a), "not computed"));
	assert_int_equal(compliance_assessment_compute(a), 0);
	assert_int_equal(compliance_assessment_write(a, 99, &out), COMPLIANCE_E_INVALID);
	assert_non_null(strstr(compliance_assessment_errmsg(a), "unknown format 99"));
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_TABLE, NULL),
	                 COMPLIANCE_E_INVALID);
	/* no entity: just the header */
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV, &out), 0);
	assert_string_equal(out, "entity,entity_type,units,score,category,zone,label,rank,"
	                         "rank_in_type\n");
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
}

/* Two respondents answering 4 everywhere: every NRR 4, IKM 4 x 25 = 100. */
static void test_skm(void **state)
{
	static const int fours[9] = { 4, 4, 4, 4, 4, 4, 4, 4, 4 };
	compliance_ctx *ctx;
	compliance_skm *s;
	compliance_profile *method;
	char *out = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &method, "skm-2017"), 0);
	assert_int_equal(compliance_skm_new(ctx, &s, method), 0);
	compliance_profile_free(method);
	assert_int_equal(compliance_skm_write(s, COMPLIANCE_FORMAT_CSV, &out), COMPLIANCE_E_STATE);
	assert_null(out);
	assert_int_equal(compliance_skm_add_respondent(s, "r1", fours, 9), 0);
	assert_int_equal(compliance_skm_add_respondent(s, "r2", fours, 9), 0);
	assert_int_equal(compliance_skm_compute(s), 0);
	assert_int_equal(compliance_skm_write(s, COMPLIANCE_FORMAT_CSV, &out), 0);
	assert_string_equal(out, "respondents,ikm,category,label,nrr_U1,nrr_U2,nrr_U3,nrr_U4,nrr_U5,"
	                         "nrr_U6,nrr_U7,nrr_U8,nrr_U9\n"
	                         "2,100.00,A,Sangat Baik,4.000,4.000,4.000,4.000,4.000,4.000,4.000,"
	                         "4.000,4.000\n");
	compliance_free(out);
	assert_int_equal(compliance_skm_write(s, COMPLIANCE_FORMAT_TABLE, &out), 0);
	assert_non_null(strstr(out, "\nIKM          100.00 (exact 100)\ncategory     A\n"
	                            "label        Sangat Baik\n"));
	compliance_free(out);
	assert_int_equal(compliance_skm_write(s, COMPLIANCE_FORMAT_JSON, &out), 0);
	assert_non_null(strstr(out, "\"ikm\": \"100.00\""));
	assert_int_equal(out[strlen(out) - 1], '\n');
	compliance_free(out);
	assert_int_equal(compliance_skm_write(s, 7, &out), COMPLIANCE_E_INVALID);
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
}

static void expect_escape(const char *in, const char *want)
{
	char *out = NULL;

	assert_int_equal(compliance_text_escape(in, &out), 0);
	assert_string_equal(out, want);
	compliance_free(out);
}

static void test_text_escape(void **state)
{
	char *out = (char *)1;

	(void)state;
	expect_escape("", "");
	expect_escape("Kota Tangerang Selatan", "Kota Tangerang Selatan");
	expect_escape("\x1b[2J", "\\x1b[2J");
	expect_escape("a\rb\nc\td", "a\\x0db\\x0ac\\x09d");
	expect_escape("del\x7f", "del\\x7f");
	expect_escape("c1 \xc2\x9b" "1m \xc2\x80", "c1 \\u009b1m \\u0080");
	/* U+00A0 (no-break space) and beyond are text, not controls */
	expect_escape("\xc2\xa0 \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	              "\xc2\xa0 \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	/* bytes that are not UTF-8: a lone continuation, a truncated sequence,
	 * an overlong encoding, a surrogate */
	expect_escape("\x80", "\\x80");
	expect_escape("a\xe2\x82", "a\\xe2\\x82");
	expect_escape("\xc0\xaf", "\\xc0\\xaf");
	expect_escape("\xed\xa0\x80", "\\xed\\xa0\\x80");
	expect_escape("back\\slash", "back\\slash");
	assert_int_equal(compliance_text_escape(NULL, &out), COMPLIANCE_E_INVALID);
	assert_null(out);
	assert_int_equal(compliance_text_escape("x", NULL), COMPLIANCE_E_INVALID);
}

/* Library error messages quote input (here a file name with ESC and CR):
 * they are escaped where they are made, for every caller. */
static void test_error_message_escaped(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	const char *msg;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2022"), 0);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), 0);
	compliance_profile_free(p);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, "x\n", 2, "in\x1b[2J\r.csv"),
	                 COMPLIANCE_E_PARSE);
	msg = compliance_assessment_errmsg(a);
	assert_null(strchr(msg, '\x1b'));
	assert_null(strchr(msg, '\r'));
	assert_non_null(strstr(msg, "in\\x1b[2J\\x0d.csv:1: expected the header"));
	assert_int_equal(compliance_profile_open(ctx, &p, "nope\x1b"), COMPLIANCE_E_NOTFOUND);
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), "nope\\x1b"));
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assessment_csv),
		cmocka_unit_test(test_assessment_table),
		cmocka_unit_test(test_assessment_json),
		cmocka_unit_test(test_assessment_errors),
		cmocka_unit_test(test_skm),
		cmocka_unit_test(test_text_escape),
		cmocka_unit_test(test_error_message_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
