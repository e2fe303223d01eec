/*
 * The 2023 instrument's shape as data (ombudsman-2023-instrument, a
 * skeleton) and an SKM survey feeding its Output variable output.ikm
 * (issue 10: "an SKM file feeds the Output IKM variable in a test").
 *
 * Expected values by hand (checked with Python's fractions module), under
 * tests/data/profiles/instrument-2023-weights.json (example weights, not
 * ORI's: Input indicator weights in percent of Input, 12.22 published for
 * input.kompetensi.1, 10 for each other Kompetensi indicator, 4.22 for
 * Sarana 1-8 and 4.02 for Sarana 9; 1 each elsewhere; Output 50/50 between
 * Persepsi Maladministrasi and the IKM):
 *   answers: input.kompetensi.1 = 0, every other Input indicator 3;
 *            proses.* = 2; output.persepsi.* = 3; pengaduan.1 = 0, the
 *            others 3;
 *   the IKM of tests/data/skm-example.csv: NRR U1-U3 10/3, U4 18/5 (five
 *            answers), U5 19/6, U6 7/2, U7 7/2, U8 19/6, U9 7/2;
 *            25/9 x 30.4333... = 84.537... -> 84.54 (B, Baik);
 *   Input     21.85 x (0 + 50 + 37.78) / 100     = 19.17993
 *   Proses    32.37 x 2/3                        = 21.58
 *   Output    24.24 x (1/2 + 1/2 x (84.54 - 25) / 75) = 21.741664
 *   Pengaduan 21.54 x 5/6                        = 17.95
 *   unit      80.451594 -> 80.45
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

#define WEIGHTS COMPLIANCE_TEST_DATA "/profiles/instrument-2023-weights.json"
#define SURVEY COMPLIANCE_TEST_DATA "/skm-example.csv"

#define ENT "Kota Contoh"
#define UNIT "Disdukcapil"

static void add(compliance_assessment *a, const char *id, const char *v)
{
	int rc = compliance_assessment_add_value(a, ENT, "kota", UNIT, id, v);
	if (rc)
		fail_msg("%s: %s", id, compliance_assessment_errmsg(a));
}

static void add_answers(compliance_assessment *a)
{
	char id[64];
	int i;

	add(a, "input.kompetensi.1", "0");
	for (i = 2; i <= 6; i++) {
		snprintf(id, sizeof id, "input.kompetensi.%d", i);
		add(a, id, "3");
	}
	for (i = 1; i <= 9; i++) {
		snprintf(id, sizeof id, "input.sarana.%d", i);
		add(a, id, "3");
	}
	for (i = 1; i <= 11; i++) {
		snprintf(id, sizeof id, "proses.%d", i);
		add(a, id, "2");
	}
	for (i = 1; i <= 5; i++) {
		snprintf(id, sizeof id, "output.persepsi.%d", i);
		add(a, id, "3");
	}
	add(a, "pengaduan.1", "0");
	for (i = 2; i <= 6; i++) {
		snprintf(id, sizeof id, "pengaduan.%d", i);
		add(a, id, "3");
	}
}

static compliance_skm *survey(compliance_ctx *ctx)
{
	compliance_profile *sp = NULL;
	compliance_skm *s = NULL;

	assert_int_equal(compliance_profile_open(ctx, &sp, "skm-2017"), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_new(ctx, &s, sp), COMPLIANCE_OK);
	compliance_profile_free(sp);
	assert_int_equal(compliance_skm_read_csv_file(s, SURVEY), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_compute(s), COMPLIANCE_OK);
	assert_string_equal(compliance_skm_result(s, COMPLIANCE_SKM_IKM), "84.54");
	return s;
}

static size_t node_index(const compliance_profile *p, const char *id)
{
	size_t i;

	for (i = 0; i < compliance_profile_node_count(p); i++)
		if (!strcmp(compliance_profile_node_id(p, i), id))
			return i;
	fail_msg("no node %s", id);
	return 0;
}

/* The skeleton loads, shows its shape and its published weights, and
 * refuses to score values, naming every missing weight. */
static void test_skeleton_refuses(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;
	compliance_skm *s;
	const char *msg;
	size_t i, n[4] = { 0, 0, 0, 0 };

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023-instrument"),
	                 COMPLIANCE_OK);
	/* the shape: Kompetensi 6, Sarana 9, Proses 11, Persepsi 5 + IKM, Pengaduan 6 */
	for (i = 0; i < compliance_profile_node_count(p); i++) {
		const char *par = compliance_profile_node_parent(p, i);
		if (!strcmp(par, "input.kompetensi"))
			n[0]++;
		else if (!strcmp(par, "input.sarana"))
			n[1]++;
		else if (!strcmp(par, "proses"))
			n[2]++;
		else if (!strcmp(par, "output.persepsi"))
			n[3]++;
	}
	assert_int_equal(n[0], 6);
	assert_int_equal(n[1], 9);
	assert_int_equal(n[2], 11);
	assert_int_equal(n[3], 5);
	assert_string_equal(compliance_profile_node_parent(p, node_index(p, "output.ikm")), "output");
	assert_string_equal(compliance_profile_node_weight(p, node_index(p, "input")), "21.85");
	assert_string_equal(compliance_profile_node_weight(p, node_index(p, "pengaduan")), "21.54");
	assert_string_equal(compliance_profile_node_weight(p, node_index(p, "input.kompetensi.1")),
	                    "12.22");
	assert_int_equal(compliance_profile_node_confidence(p, node_index(p, "input.kompetensi.1")),
	                 COMPLIANCE_CONF_STATED);
	assert_string_equal(compliance_profile_node_weight(p, node_index(p, "proses.3")), "");
	assert_string_equal(compliance_profile_node_scale_min(p, node_index(p, "output.ikm")), "25");
	assert_string_equal(compliance_profile_node_scale_max(p, node_index(p, "output.ikm")), "100");

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	add_answers(a);
	s = survey(ctx);
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "output.ikm", s),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_E_MISSING);
	msg = compliance_assessment_errmsg(a);
	assert_non_null(strstr(msg, "skeleton"));
	assert_non_null(strstr(msg, "input.kompetensi, input.sarana, input.kompetensi.2"));
	assert_non_null(strstr(msg, "input.sarana.9"));
	assert_non_null(strstr(msg, "proses.11"));
	assert_non_null(strstr(msg, "output.persepsi, output.ikm"));
	assert_non_null(strstr(msg, "pengaduan.6"));
	assert_null(strstr(msg, "input.kompetensi.1,")); /* published: 12.22 */
	assert_non_null(strstr(msg, "\"extends\": \"ombudsman-2023-instrument\""));
	compliance_skm_free(s);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* A profile that extends the skeleton but leaves a weight out is refused
 * at load, naming it (it is no skeleton itself). */
static void test_extension_must_give_weights(void **state)
{
	static const char text[] =
		"{\"id\": \"half\", \"extends\": \"ombudsman-2023-instrument\", \"nodes\": ["
		"{\"id\": \"pengaduan\", \"children\": [{\"id\": \"pengaduan.1\", \"weight\": 1}]}]}";
	compliance_ctx *ctx;
	compliance_profile *p = NULL;
	size_t i;
	int named = 0;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, text, sizeof text - 1, "half.json"),
	                 COMPLIANCE_E_PROFILE);
	for (i = 0; i < compliance_ctx_diag_count(ctx); i++)
		if (strstr(compliance_ctx_diag(ctx, i), "pengaduan.2, pengaduan.3"))
			named = 1;
	assert_true(named);
	compliance_ctx_free(ctx);
}

/* The user supplies the missing weights; an SKM file feeds output.ikm;
 * the unit scores, and explain shows the nine elements under output.ikm. */
static void test_skm_feeds_output_ikm(void **state)
{
	static const char *const dims[4] = { "input", "proses", "output", "pengaduan" };
	static const char *const pts[4] = { "19.17993", "21.58", "21.741664", "17.95" };
	compliance_ctx *ctx;
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;
	compliance_skm *s;
	char buf[COMPLIANCE_EXACT_TEXT_SIZE], *json = NULL, *text = NULL;
	int64_t score;
	size_t d;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, WEIGHTS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	add_answers(a);
	s = survey(ctx);
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "output.ikm", s),
	                 COMPLIANCE_OK);
	/* given twice: refused, nothing added */
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "output.ikm", s),
	                 COMPLIANCE_E_DUPLICATE);
	compliance_skm_free(s);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_exact(buf, sizeof buf, a, 0, 0), COMPLIANCE_OK);
	assert_string_equal(buf, "80.451594");
	assert_int_equal(compliance_assessment_unit_score(&score, a, 0, 0), COMPLIANCE_OK);
	assert_int_equal(score, 8045);
	for (d = 0; d < 4; d++) {
		assert_int_equal(compliance_assessment_unit_points(buf, sizeof buf, a, 0, 0,
		                                                   node_index(p, dims[d])),
		                 COMPLIANCE_OK);
		assert_string_equal(buf, pts[d]);
	}
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_JSON, &json),
	                 COMPLIANCE_OK);
	assert_non_null(strstr(json, "\"ikm\": \"84.54\""));
	assert_non_null(strstr(json, "\"nrr_exact\": \"3.6\""));
	assert_non_null(strstr(json, "\"element\": \"U9\""));
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_TEXT, &text),
	                 COMPLIANCE_OK);
	assert_non_null(strstr(text, "output.ikm: weight 50 [S] given, value 84.54"));
	assert_non_null(strstr(text, "from an SKM survey under skm-2017: IKM 84.54"));
	assert_non_null(strstr(text, "U4 Biaya/Tarif: NRR 3.600 (exact 3.6) "
	                             "over 5 answers"));
	assert_non_null(strstr(text, "U1 Persyaratan: NRR 3.333 (exact 10/3) over 6 answers"));
	compliance_free(json);
	compliance_free(text);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Refusals of add_skm: no result yet, no such node, a node with children,
 * a scale that does not hold 25-100. */
static void test_add_skm_refusals(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p = NULL, *sp = NULL;
	compliance_assessment *a = NULL;
	compliance_skm *s, *raw = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, WEIGHTS), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	s = survey(ctx);
	assert_int_equal(compliance_profile_open(ctx, &sp, "skm-2017"), COMPLIANCE_OK);
	assert_int_equal(compliance_skm_new(ctx, &raw, sp), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "output.ikm", raw),
	                 COMPLIANCE_E_STATE);
	assert_non_null(strstr(compliance_assessment_errmsg(a), "compute it first"));
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "output.nope", s),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "output", s),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "proses.1", s),
	                 COMPLIANCE_E_RANGE);
	assert_non_null(strstr(compliance_assessment_errmsg(a), "takes 0 to 3"));
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "output.ikm", NULL),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_skm(NULL, ENT, "kota", UNIT, "output.ikm", s),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_add_skm(a, ENT, "kota", UNIT, "output.ikm", s),
	                 COMPLIANCE_OK);
	compliance_skm_free(s);
	compliance_skm_free(raw);
	compliance_profile_free(sp);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skeleton_refuses),
		cmocka_unit_test(test_extension_must_give_weights),
		cmocka_unit_test(test_skm_feeds_output_ikm),
		cmocka_unit_test(test_add_skm_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
