/*
 * Dimension points (issue 10): each dimension's points, 0 to its weight,
 * as ORI publishes them, and the unit score from the unrounded points.
 *
 * Published (METHODOLOGY.md §2, Kab. Maluku Tenggara 2023): Puskesmas
 * Watdek 8.72 + 10.76 + 20.76 + 9.61 = 49.85; Dinas Pendidikan
 * 5.83 + 16.42 + 22.14 + 8.46 = 52.85 against the published unit score
 * 52.86. Only the rounded points were published, not the answers, so the
 * dimension scores fed here (each a score on 0-100, given to the dimension
 * node of ombudsman-2023) are one choice consistent with the publication,
 * found by hand: points = weight x value / 100 must round to the published
 * part, and their sum to the published unit score. Checked with exact
 * fractions (Python's fractions module) before writing them down:
 *   Dinas Pendidikan: 21.85 x 26.70 / 100 = 5.83395     -> 5.83
 *                     32.37 x 50.74 / 100 = 16.424538   -> 16.42
 *                     24.24 x 91.35 / 100 = 22.14324    -> 22.14
 *                     21.54 x 39.29 / 100 = 8.463066    -> 8.46
 *                     sum 52.864794 -> 52.86 (the rounded parts: 52.85)
 *   Puskesmas Watdek: 21.85 x 39.91 / 100 = 8.720335    -> 8.72
 *                     32.37 x 33.24 / 100 = 10.759788   -> 10.76
 *                     24.24 x 85.65 / 100 = 20.76156    -> 20.76
 *                     21.54 x 44.62 / 100 = 9.611148    -> 9.61
 *                     sum 49.852831 -> 49.85
 * No value with two decimals gives Dinas Pendidikan's parts with a sum
 * rounding to 52.85 while each part is exact: the published 52.86 needs
 * the unrounded points.
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

static const char *const dims[4] = { "input", "proses", "output", "pengaduan" };

typedef struct unit_case {
	const char *unit;
	const char *value[4];
	const char *exact[4];
	int64_t points[4];
	int64_t score;
	const char *score_exact;
} unit_case;

static const unit_case cases[2] = {
	{ "Dinas Pendidikan", { "26.70", "50.74", "91.35", "39.29" },
	  { "5.83395", "16.424538", "22.14324", "8.463066" }, { 583, 1642, 2214, 846 }, 5286,
	  "52.864794" },
	{ "Puskesmas Watdek", { "39.91", "33.24", "85.65", "44.62" },
	  { "8.720335", "10.759788", "20.76156", "9.611148" }, { 872, 1076, 2076, 961 }, 4985,
	  "49.852831" },
};

static size_t node_index(const compliance_profile *p, const char *id)
{
	size_t i;

	for (i = 0; i < compliance_profile_node_count(p); i++)
		if (!strcmp(compliance_profile_node_id(p, i), id))
			return i;
	fail_msg("no node %s", id);
	return 0;
}

static compliance_assessment *build(compliance_ctx **ctx, compliance_profile **p)
{
	compliance_assessment *a = NULL;
	size_t c, d;

	assert_int_equal(compliance_ctx_new(ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(*ctx, p, "ombudsman-2023"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(*ctx, &a, *p), COMPLIANCE_OK);
	for (c = 0; c < 2; c++)
		for (d = 0; d < 4; d++)
			assert_int_equal(compliance_assessment_add_value(a, "Kabupaten Maluku Tenggara",
			                                                 "kabupaten", cases[c].unit,
			                                                 dims[d], cases[c].value[d]),
			                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kabupaten Maluku Tenggara",
	                                                      "kabupaten", "Whole", "70.00"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	return a;
}

static void test_published_points(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a = build(&ctx, &p);
	char buf[COMPLIANCE_EXACT_TEXT_SIZE];
	size_t c, d;

	(void)state;
	for (c = 0; c < 2; c++) {
		int64_t sum = 0, score;
		assert_string_equal(compliance_assessment_unit_name(a, 0, c), cases[c].unit);
		for (d = 0; d < 4; d++) {
			int64_t pts;
			size_t node = node_index(p, dims[d]);
			assert_int_equal(compliance_assessment_unit_points(buf, sizeof buf, a, 0, c, node),
			                 COMPLIANCE_OK);
			assert_string_equal(buf, cases[c].exact[d]);
			assert_int_equal(compliance_assessment_unit_points_scaled(&pts, a, 0, c, node),
			                 COMPLIANCE_OK);
			assert_int_equal(pts, cases[c].points[d]);
			sum += pts;
		}
		assert_int_equal(compliance_assessment_unit_score(&score, a, 0, c), COMPLIANCE_OK);
		assert_int_equal(score, cases[c].score);
		assert_int_equal(compliance_assessment_unit_exact(buf, sizeof buf, a, 0, c),
		                 COMPLIANCE_OK);
		assert_string_equal(buf, cases[c].score_exact);
		/* the rounded parts: 52.85 against 52.86; 49.85 equal */
		assert_int_equal(sum, c == 0 ? 5285 : 4985);
	}
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_points_errors(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a = build(&ctx, &p);
	char buf[COMPLIANCE_EXACT_TEXT_SIZE];
	int64_t pts;

	(void)state;
	/* a unit given as a whole score has no points per node */
	assert_int_equal(compliance_assessment_unit_points(buf, sizeof buf, a, 0, 2, 0),
	                 COMPLIANCE_E_MISSING);
	assert_int_equal(compliance_assessment_unit_points_scaled(&pts, a, 0, 2, 0),
	                 COMPLIANCE_E_MISSING);
	assert_int_equal(compliance_assessment_unit_points(buf, sizeof buf, a, 0, 0, 99),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_unit_points(buf, sizeof buf, a, 0, 3, 0),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_unit_points(buf, sizeof buf, a, 1, 0, 0),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_unit_points(buf, 4, a, 0, 0, 0), COMPLIANCE_E_BUFFER);
	assert_string_equal(buf, "");
	assert_int_equal(compliance_assessment_unit_points(NULL, 4, a, 0, 0, 0),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_unit_points_scaled(NULL, a, 0, 0, 0),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_unit_points_scaled(&pts, NULL, 0, 0, 0),
	                 COMPLIANCE_E_INVALID);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_points_in_explain(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a = build(&ctx, &p);
	char *json = NULL, *text = NULL;

	(void)state;
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_JSON, &json),
	                 COMPLIANCE_OK);
	assert_non_null(strstr(json, "\"points_rounded_sum\": \"52.85\""));
	assert_non_null(strstr(json, "\"points_rounded_sum\": \"49.85\""));
	assert_non_null(strstr(json, "\"exact\": \"5.83395\""));
	assert_non_null(strstr(json, "\"decimal\": \"5.83\""));
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_TEXT, &text),
	                 COMPLIANCE_OK);
	assert_non_null(strstr(text, "  points: input 5.83 (of 21.85) + proses 16.42 (of 32.37) + "
	                             "output 22.14 (of 24.24) + pengaduan 8.46 (of 21.54) = 52.85 "
	                             "from the rounded points; the unit score 52.86 is the sum of "
	                             "the exact points, rounded once\n"));
	compliance_free(json);
	compliance_free(text);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Under the exclude policy a dimension left without an answer adds 0 and
 * the others' points are scaled to the weights present (78.46 of 100):
 * input 21.85 / 78.46 x 100 = 109250/3923 (27.8486 -> 27.85), proses
 * 161850/3923 (41.2567 -> 41.26), output 121200/3923 (30.8947 -> 30.89);
 * their exact sum is 100. */
static void test_points_excluded(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a = NULL;
	char buf[COMPLIANCE_EXACT_TEXT_SIZE];
	int64_t pts;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING,
	                                                  COMPLIANCE_MISSING_EXCLUDE),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "input", "100"), 0);
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "proses", "100"), 0);
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "output", "100"), 0);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_points(buf, sizeof buf, a, 0, 0,
	                                                   node_index(p, "pengaduan")),
	                 COMPLIANCE_OK);
	assert_string_equal(buf, "0");
	assert_int_equal(compliance_assessment_unit_points(buf, sizeof buf, a, 0, 0,
	                                                   node_index(p, "input")),
	                 COMPLIANCE_OK);
	assert_string_equal(buf, "109250/3923");
	assert_int_equal(compliance_assessment_unit_points_scaled(&pts, a, 0, 0,
	                                                          node_index(p, "proses")),
	                 COMPLIANCE_OK);
	assert_int_equal(pts, 4126);
	assert_int_equal(compliance_assessment_unit_points_scaled(&pts, a, 0, 0,
	                                                          node_index(p, "output")),
	                 COMPLIANCE_OK);
	assert_int_equal(pts, 3089);
	assert_int_equal(compliance_assessment_unit_exact(buf, sizeof buf, a, 0, 0), COMPLIANCE_OK);
	assert_string_equal(buf, "100");
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published_points),
		cmocka_unit_test(test_points_errors),
		cmocka_unit_test(test_points_in_explain),
		cmocka_unit_test(test_points_excluded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
