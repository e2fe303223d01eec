/*
 * Evaluating the indicator tree through the public API: exact unit scores
 * from answers, the missing-answer policies, scores given for inner nodes,
 * and the evaluation errors with the entity, unit and node they concern.
 * Expected values are computed by hand (and with Python's fractions) in
 * the comments: a unit is sum over dimensions of W_d * share_d, a share
 * the weighted mean of the children's shares, an answer's share
 * (answer - min) / (max - min).
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
#include "unit_text.h"

#define INSTRUMENT COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"
#define ANSWERS COMPLIANCE_SOURCE_DIR "/examples/data/answers-2023.csv"

typedef struct fixture {
	compliance_ctx *ctx;
	compliance_profile *instrument, *p2023, *p2025;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);

	if (!f || compliance_ctx_new(&f->ctx) ||
	    compliance_profile_load_file(f->ctx, &f->instrument, INSTRUMENT) ||
	    compliance_profile_open(f->ctx, &f->p2023, "ombudsman-2023") ||
	    compliance_profile_open(f->ctx, &f->p2025, "ombudsman-2025"))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	compliance_profile_free(f->instrument);
	compliance_profile_free(f->p2023);
	compliance_profile_free(f->p2025);
	compliance_ctx_free(f->ctx);
	free(f);
	return 0;
}

/* The example answers without DPMPTSP's input.2, as CSV text. */
static char *without_input2(void)
{
	FILE *in = fopen(ANSWERS, "rb");
	char line[256], *out;
	size_t len = 0;

	assert_non_null(in);
	out = calloc(1, 8192);
	assert_non_null(out);
	while (fgets(line, sizeof line, in))
		if (!strstr(line, "DPMPTSP,input.2,")) {
			assert_true(len + strlen(line) < 8192);
			memcpy(out + len, line, strlen(line) + 1);
			len += strlen(line);
		}
	fclose(in);
	return out;
}

static compliance_assessment *read_csv(fixture *f, compliance_profile *p, const char *csv,
                                       int missing)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, missing),
	                 COMPLIANCE_OK);
	if (compliance_assessment_read_csv_buffer(a, csv, strlen(csv), "inline.csv"))
		fail_msg("%s", compliance_assessment_errmsg(a));
	return a;
}

static void expect_unit(compliance_assessment *a, size_t unit, const char *name,
                        const char *exact, const char *score)
{
	assert_string_equal(compliance_assessment_unit_name(a, 0, unit), name);
	assert_string_equal(unit_exact_text(a, 0, unit), exact);
	assert_string_equal(unit_score_text(a, 0, unit), score);
}

static void expect_msg(compliance_assessment *a, const char *part)
{
	if (!strstr(compliance_assessment_errmsg(a), part))
		fail_msg("message \"%s\" lacks \"%s\"", compliance_assessment_errmsg(a), part);
}

/*
 * Disdukcapil: input (12.22*1 + 43.89*2/3 + 43.89*1)/100 = 0.8537, times
 * 21.85 = 18.653345; proses 5/6 * 32.37 = 26.975; output (2*1 + 1*2/3)/3 =
 * 8/9, times 24.24 = 21.5466..; pengaduan (ya, ya, tidak) 2/3 * 21.54 =
 * 14.36; sum 48921007/600000 = 81.535011.. -> 81.54.
 * DPMPTSP: input (12.22*2/3 + 43.89 + 43.89)/100 = 0.959266.., times
 * 21.85 = 20.959976..; proses 32.37; output (2*2/3 + 1)/3 = 7/9, 18.8533..;
 * pengaduan 21.54; sum 93.72331 exactly -> 93.72.
 */
static void test_answers(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, f->instrument), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_read_csv_file(a, ANSWERS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	expect_unit(a, 0, "Disdukcapil", "48921007/600000", "81.54");
	expect_unit(a, 1, "DPMPTSP", "93.72331", "93.72");
	expect_unit(a, 2, "Dinas Sosial", "81.25", "81.25");
	compliance_assessment_free(a);
}

/*
 * DPMPTSP without input.2.
 * error: refused, naming the entity, unit and node.
 * exclude: input = (12.22*2/3 + 43.89) / (12.22 + 43.89) = 15611/16833;
 *   unit = 21.85 * 15611/16833 + 32.37 + 24.24 * 7/9 + 21.54
 *        = 26098759/280550 = 93.0271.. -> 93.03.
 * minimum: input.2 counts 0: input = (12.22*2/3 + 0 + 43.89)/100;
 *   unit = 16826669/200000 = 84.133345 -> 84.13.
 */
static void test_missing_policies(void **state)
{
	fixture *f = *state;
	char *csv = without_input2();
	compliance_assessment *a;

	a = read_csv(f, f->instrument, csv, COMPLIANCE_MISSING_ERROR);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_E_MISSING);
	expect_msg(a, "entity 'Kota Contoh', unit 'DPMPTSP', node 'input.2': no answer given");
	compliance_assessment_free(a);

	a = read_csv(f, f->instrument, csv, COMPLIANCE_MISSING_EXCLUDE);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	expect_unit(a, 1, "DPMPTSP", "26098759/280550", "93.03");
	compliance_assessment_free(a);

	a = read_csv(f, f->instrument, csv, COMPLIANCE_MISSING_MINIMUM);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	expect_unit(a, 1, "DPMPTSP", "84.133345", "84.13");
	compliance_assessment_free(a);
	free(csv);
}

/*
 * Scores given for nodes on the profile's scale: 2023's dimensions (21.85,
 * 32.37, 24.24, 21.54): 0.8*21.85 + 0.7*32.37 + 0.6*24.24 + 0.5*21.54 =
 * 17.48 + 22.659 + 14.544 + 10.77 = 65.453 -> 65.45. In the instrument, a
 * score for "input" replaces its indicators: 80 for input with the other
 * answers of Disdukcapil: 81.535011.. - 18.653345 + 17.48 = 48217/600 =
 * 80.361666.. ->
 * 80.36.
 */
static void test_node_scores(void **state)
{
	fixture *f = *state;
	compliance_assessment *a;

	a = read_csv(f, f->p2023,
	             "entity,entity_type,unit,indicator,value\n"
	             "K,kota,U,input,80\nK,kota,U,proses,70\nK,kota,U,output,60\n"
	             "K,kota,U,pengaduan,50\n",
	             COMPLIANCE_MISSING_ERROR);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	expect_unit(a, 0, "U", "65.453", "65.45");
	compliance_assessment_free(a);

	a = read_csv(f, f->instrument,
	             "entity,entity_type,unit,indicator,value\n"
	             "K,kota,U,input,80\nK,kota,U,proses.1,3\nK,kota,U,proses.2,2\n"
	             "K,kota,U,output.1,3\nK,kota,U,output.2,2\nK,kota,U,pengaduan.1,ya\n"
	             "K,kota,U,pengaduan.2,ya\nK,kota,U,pengaduan.3,tidak\n",
	             COMPLIANCE_MISSING_ERROR);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	expect_unit(a, 0, "U", "48217/600", "80.36");
	compliance_assessment_free(a);
}

static void test_errors(void **state)
{
	fixture *f = *state;
	compliance_assessment *a;

	/* a score for a node and answers below it */
	a = read_csv(f, f->instrument,
	             "entity,entity_type,unit,indicator,value\n"
	             "K,kota,U,input,80\nK,kota,U,input.1,3\nK,kota,U,proses,70\n"
	             "K,kota,U,output,60\nK,kota,U,pengaduan,50\n",
	             COMPLIANCE_MISSING_ERROR);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_E_DUPLICATE);
	expect_msg(a, "entity 'K', unit 'U', node 'input': a score was given for this node and "
	              "also values below it");
	compliance_assessment_free(a);

	/* one answer under exclude: the rest is left out and re-weighted */
	a = read_csv(f, f->instrument,
	             "entity,entity_type,unit,indicator,value\nK,kota,U,input.1,3\n",
	             COMPLIANCE_MISSING_EXCLUDE);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	/* input.1 alone: share 1 of input, the only dimension left: 100.00 */
	expect_unit(a, 0, "U", "100", "100.00");
	compliance_assessment_free(a);

	/* a weight that is not published: 2025 leaves the split of the 70%
	 * composite to the user */
	a = read_csv(f, f->p2025,
	             "entity,entity_type,unit,indicator,value\n"
	             "K,kota,U,input,80\nK,kota,U,proses,70\nK,kota,U,output,60\n"
	             "K,kota,U,pengaduan,50\nK,kota,U,kepercayaan,60\n",
	             COMPLIANCE_MISSING_ERROR);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_E_MISSING);
	expect_msg(a, "entity 'K', unit 'U', node 'input': its weight within komposit is not "
	              "published");
	compliance_assessment_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_missing_policies),
		cmocka_unit_test(test_node_scores),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
