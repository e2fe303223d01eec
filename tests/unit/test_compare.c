/*
 * compliance_compare_write() through the public API: the errors it leaves
 * on the second assessment, a duplicate join key, the id map, and the
 * values of a small hand-checked pair (the CLI cases in
 * tests/cli/compare_test.sh cover the formats on the fixtures).
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

static compliance_assessment *scored(compliance_ctx *ctx, const char *profile, const char *csv,
                                     int compute)
{
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_profile_open(ctx, &p, profile), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	compliance_profile_free(p);
	if (compliance_assessment_read_csv_buffer(a, csv, strlen(csv), "t.csv"))
		fail_msg("%s", compliance_assessment_errmsg(a));
	if (compute)
		assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	return a;
}

static void expect_in(const char *doc, const char *part)
{
	if (!strstr(doc, part))
		fail_msg("no \"%s\" in:\n%s", part, doc);
}

static const char *year1 = "entity,entity_type,unit,score\n"
                        "Kota  Satu,kota,U1,77.995\n"
                        "Kota Dua,kota,U1,60.00\n";
/* 77.995 rounds half-up to 78.00 (B); 77.99 stays C: a drop of 0.01
 * across the edge */
static const char *year2 = "entity,entity_type,unit,score\n"
                        "kota satu,kota,U1,77.99\n"
                        "KOTA DUA,kota,u1,61.50\n";

static void test_values(void **state)
{
	compliance_ctx *ctx;
	compliance_assessment *a, *b;
	char *out = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	a = scored(ctx, "ombudsman-2023", year1, 1);
	b = scored(ctx, "ombudsman-2024", year2, 1);
	assert_int_equal(compliance_compare_write(a, b, NULL, 0, COMPLIANCE_FORMAT_CSV, &out),
	                 COMPLIANCE_OK);
	expect_in(out, "kota satu,kota,,78.00,77.99,-0.01,B,C,down,yes,both\n");
	expect_in(out, "KOTA DUA,kota,,60.00,61.50,1.50,C,C,same,no,both\n");
	/* units join on normalised names; the row names the first year's */
	expect_in(out, "KOTA DUA,kota,U1,60.00,61.50,1.50,,,,,both\n");
	compliance_free(out);
	assert_int_equal(compliance_compare_write(a, b, NULL, 0, COMPLIANCE_FORMAT_JSON, &out),
	                 COMPLIANCE_OK);
	expect_in(out, "\"comparable\": true");
	expect_in(out, "\"biggest_falls\": [\n    {\n      \"entity\": \"kota satu\",\n      "
	               "\"change\": \"-0.01\"");
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_assessment_free(b);
	compliance_ctx_free(ctx);
}

static void test_errors(void **state)
{
	compliance_ctx *ctx;
	compliance_assessment *a, *b, *c;
	char *out = NULL;
	static const char dup[] = "entity,id\nKota Satu,X\nKota Dua,X\n";

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	a = scored(ctx, "ombudsman-2023", year1, 1);
	b = scored(ctx, "ombudsman-2024", year2, 1);
	c = scored(ctx, "ombudsman-2024", year2, 0);
	assert_int_equal(compliance_compare_write(a, NULL, NULL, 0, 0, &out), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_compare_write(NULL, b, NULL, 0, 0, &out), COMPLIANCE_E_INVALID);
	expect_in(compliance_assessment_errmsg(b), "compare: the first assessment and the output");
	assert_int_equal(compliance_compare_write(a, b, NULL, 0, 9, &out), COMPLIANCE_E_INVALID);
	assert_null(out);
	assert_int_equal(compliance_compare_write(a, c, NULL, 0, 0, &out), COMPLIANCE_E_STATE);
	expect_in(compliance_assessment_errmsg(c), "the second assessment has no results");
	assert_int_equal(compliance_compare_write(a, b, "x,y\n1,2\n", 8, 0, &out),
	                 COMPLIANCE_E_PARSE);
	expect_in(compliance_assessment_errmsg(b), "compare: id map, line 1: expected the header "
	                                           "entity,id");
	/* both entities of the first year join on X */
	assert_int_equal(compliance_compare_write(a, b, dup, sizeof dup - 1, 0, &out),
	                 COMPLIANCE_E_DUPLICATE);
	expect_in(compliance_assessment_errmsg(b), "share the key 'id:x'");
	assert_null(out);
	/* success clears the message */
	assert_int_equal(compliance_compare_write(a, b, NULL, 0, 0, &out), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_errmsg(b), "");
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_assessment_free(b);
	compliance_assessment_free(c);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
