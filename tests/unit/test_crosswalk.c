/*
 * compliance_assessment_crosswalk(): answers carried onto another edition,
 * a failure that leaves the receiving assessment as it was, and the
 * giving one untouched.
 *
 * Profiles: examples/profiles/instrument-2023.json (from) and
 * tests/data/crosswalk/edition-b.json (to), both on ombudsman-2023's
 * dimension weights (input 21.85, proses 32.37, output 24.24, pengaduan
 * 21.54). Expected scores by hand in each test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compliance.h"

/* One unit answering every indicator of the 2023 example at its top. */
static const char answers[] = "entity,entity_type,unit,indicator,value\n"
                              "Kab X,kabupaten,U1,input.1,3\n"
                              "Kab X,kabupaten,U1,input.2,3\n"
                              "Kab X,kabupaten,U1,input.3,0\n"
                              "Kab X,kabupaten,U1,proses.1,2\n"
                              "Kab X,kabupaten,U1,proses.2,3\n"
                              "Kab X,kabupaten,U1,output.1,3\n"
                              "Kab X,kabupaten,U1,output.2,3\n"
                              "Kab X,kabupaten,U1,pengaduan.1,ya\n"
                              "Kab X,kabupaten,U1,pengaduan.2,ya\n"
                              "Kab X,kabupaten,U1,pengaduan.3,tidak\n";

typedef struct fixture {
	compliance_ctx *ctx;
	compliance_assessment *from, *to;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	compliance_profile *pa, *pb;

	assert_non_null(f);
	assert_int_equal(compliance_ctx_new(&f->ctx), 0);
	assert_int_equal(compliance_profile_load_file(
				 f->ctx, &pa, COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"),
	                 0);
	assert_int_equal(compliance_profile_load_file(f->ctx, &pb,
	                                              COMPLIANCE_TEST_DATA "/crosswalk/edition-b.json"),
	                 0);
	assert_int_equal(compliance_assessment_new(f->ctx, &f->from, pa), 0);
	assert_int_equal(compliance_assessment_new(f->ctx, &f->to, pb), 0);
	compliance_profile_free(pa);
	compliance_profile_free(pb);
	assert_int_equal(compliance_assessment_read_csv_buffer(f->from, answers, sizeof answers - 1,
	                                                       "a.csv"),
	                 0);
	assert_int_equal(compliance_assessment_compute(f->from), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	compliance_assessment_free(f->from);
	compliance_assessment_free(f->to);
	compliance_ctx_free(f->ctx);
	free(f);
	return 0;
}

static void test_carried(void **state)
{
	fixture *f = *state;
	static const char cw[] = "from,to,values\n"
	                         "input.1,b.in.1,0=tidak;1=tidak;2=ya;3=ya\n"
	                         "input.2,b.in.2,\n"
	                         "proses.1,b.pr.1,\n"
	                         "output.1,b.out.1,\n"
	                         "pengaduan.1,b.pg.1,\n"
	                         "pengaduan.3,b.pg.2,\n";
	char *report = NULL;
	int64_t v;
	size_t i;

	assert_int_equal(compliance_assessment_crosswalk(f->from, f->to, cw, sizeof cw - 1, "cw.csv",
	                                                 &report),
	                 0);
	assert_non_null(strstr(report, "\"answers_carried\": 6"));
	assert_non_null(strstr(report, "\"not_in_crosswalk\": [\n    \"input.3\",\n    \"proses.2\","
	                               "\n    \"output.2\",\n    \"pengaduan.2\"\n  ]"));
	compliance_free(report);
	assert_int_equal(compliance_assessment_compute(f->to), 0);
	/* input (1 + 1)/2 = 1; proses 2/3 on 0..3 -> 4 on 0..6 = 2/3; output 1;
	 * pengaduan (1 + 0)/2: 21.85 + 21.58 + 24.24 + 10.77 = 78.44 -> 78.44 B */
	assert_int_equal(compliance_assessment_find(f->to, "Kab X", &i), 0);
	assert_int_equal(compliance_assessment_entity_score(f->to, i, &v), 0);
	assert_int_equal(v, 7844);
	assert_string_equal(compliance_assessment_entity_category(f->to, i), "B");
	/* the giving assessment is as it was: 2023 example weights, 81.78 */
	assert_int_equal(compliance_assessment_entity_count(f->from), 1);
}

static void test_failure_leaves_to_unchanged(void **state)
{
	fixture *f = *state;
	/* into an assessment that holds data already: input.2's answer 3 on
	 * 0..3 is share 1, carried onto the yes-no b.pg.1 as 1 */
	static const char cw[] = "from,to\n"
	                         "input.1,b.in.2\n"
	                         "input.2,b.pg.1\n"
	                         "proses.1,b.pr.1\n";
	char *report = (char *)1;
	int64_t v;
	size_t i;

	assert_int_equal(compliance_assessment_add_unit_score(f->to, "Kota Y", "kota", "U9", "70"), 0);
	assert_int_equal(compliance_assessment_crosswalk(f->from, f->to, cw, sizeof cw - 1, "cw.csv",
	                                                 &report),
	                 0);
	compliance_free(report);
	/* proses.1's answer 2 on 0..3 is 2/3 on a yes-no scale: refused after
	 * input.1's answer was carried, and that one is taken back */
	{
		static const char cw2[] = "from,to\n"
		                          "input.1,b.in.2\n"
		                          "proses.1,b.pg.1\n";
		compliance_assessment *to2;
		compliance_profile *pb;
		assert_int_equal(compliance_profile_load_file(
					 f->ctx, &pb, COMPLIANCE_TEST_DATA "/crosswalk/edition-b.json"),
		                 0);
		assert_int_equal(compliance_assessment_new(f->ctx, &to2, pb), 0);
		compliance_profile_free(pb);
		assert_int_equal(compliance_assessment_add_unit_score(to2, "Kota Y", "kota", "U9", "70"),
		                 0);
		report = (char *)1;
		assert_int_equal(compliance_assessment_crosswalk(f->from, to2, cw2, sizeof cw2 - 1,
		                                                 "cw2.csv", &report),
		                 COMPLIANCE_E_RANGE);
		assert_null(report);
		assert_non_null(strstr(compliance_assessment_errmsg(f->from),
		                       "cw2.csv:3: entity 'Kab X', unit 'U1', node 'proses.1' = 2 onto "
		                       "'b.pg.1': its share falls between two answers"));
		/* to2 holds only what it held: Kota Y */
		assert_int_equal(compliance_assessment_compute(to2), 0);
		assert_int_equal(compliance_assessment_entity_count(to2), 1);
		assert_int_equal(compliance_assessment_find(to2, "Kab X", &i), COMPLIANCE_E_NOTFOUND);
		assert_int_equal(compliance_assessment_find(to2, "Kota Y", &i), 0);
		assert_int_equal(compliance_assessment_entity_score(to2, i, &v), 0);
		assert_int_equal(v, 7000);
		compliance_assessment_free(to2);
	}
}

static void test_misuse(void **state)
{
	fixture *f = *state;
	char *report = (char *)1;

	assert_int_equal(compliance_assessment_crosswalk(NULL, f->to, "", 0, NULL, &report),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_crosswalk(f->from, f->to, NULL, 0, NULL, &report),
	                 COMPLIANCE_E_INVALID);
	assert_null(report);
	assert_int_equal(compliance_assessment_crosswalk(f->from, f->to, "", 0, NULL, &report),
	                 COMPLIANCE_E_PARSE);
	assert_non_null(strstr(compliance_assessment_errmsg(f->from),
	                       "<crosswalk>: the file is empty: expected the header from,to"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_carried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_leaves_to_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_misuse, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
