/*
 * The unit-score fast path (score/evaluate.c cp_fast_unit) against the
 * general path (cp_evaluate_unit): for random complete units of several
 * profiles, the two give the same canonical fraction; units the fast path
 * must not take (a missing answer, a decimal answer, an inner node given)
 * are left to the general path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compliance.h"
#include "score/assessment_internal.h"

static uint64_t rng = 88172645463325252ull;
static unsigned next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static void check_profile(compliance_profile *p, int rounds)
{
	compliance_ctx *ctx;
	cp_fast fast;
	cp_alloc al;
	cp_value *vals = calloc(p->nnodes + 1, sizeof *vals);
	cp_node_eval *ev = calloc(p->nnodes + 1, sizeof *ev);
	cp_entity e;
	cp_unit u;
	cp_error err;
	size_t i, n;
	int r, taken = 0;

	assert_non_null(vals);
	assert_non_null(ev);
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	cp_alloc_default(&al);
	assert_int_equal(cp_fast_init(&fast, p, &al), 0);
	assert_true(fast.usable);
	memset(&e, 0, sizeof e);
	e.name = "E";
	for (r = 0; r < rounds; r++) {
		cnum slow, quick;
		int mode = r % 4; /* 0, 1: complete; 2: one answer missing; 3: a decimal */
		n = 0;
		for (i = 0; i < p->nnodes; i++) {
			const cp_node *nd = &p->nodes[i];
			int64_t lo, hi;
			if (nd->first_child != CP_NONE)
				continue;
			lo = (int64_t)nd->min.n;
			hi = (int64_t)nd->max.n;
			vals[n].node = i;
			vals[n].value = cnum_int(lo + (int64_t)(next() % (unsigned)(hi - lo + 1)));
			n++;
		}
		if (mode == 2)
			n--;
		if (mode == 3)
			vals[0].value.d = 2, vals[0].value.n = 1; /* 1/2: not an integer */
		memset(&u, 0, sizeof u);
		u.name = "U";
		u.values = vals;
		u.nvalues = (uint32_t)n;
		memset(&err, 0, sizeof err);
		if (mode >= 2) {
			assert_int_equal(cp_fast_unit(&fast, p, &u, &quick), 0);
			continue;
		}
		assert_int_equal(cp_evaluate_unit(p, &e, &u, COMPLIANCE_MISSING_ERROR, 0, ev, &slow, &err),
		                 0);
		assert_int_equal(cp_fast_unit(&fast, p, &u, &quick), 1);
		taken++;
		assert_true(quick.n == slow.n && quick.d == slow.d);
	}
	assert_true(taken > 0);
	cp_fast_free(&fast, &al);
	free(vals);
	free(ev);
	compliance_ctx_free(ctx);
}

static void test_instrument_example(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_load_file(
				 ctx, &p, COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"),
	                 0);
	check_profile(p, 4000);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_pekppp_like(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_load_file(ctx, &p,
	                                              COMPLIANCE_TEST_DATA "/crosswalk/edition-b.json"),
	                 0);
	check_profile(p, 4000);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_skeleton_unusable(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	cp_fast fast;
	cp_alloc al;

	(void)state;
	cp_alloc_default(&al);
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	/* the skeleton lacks weights: no fast path, the general path says why */
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023-instrument"), 0);
	assert_int_equal(cp_fast_init(&fast, p, &al), 0);
	assert_false(fast.usable);
	cp_fast_free(&fast, &al);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_instrument_example),
		cmocka_unit_test(test_pekppp_like),
		cmocka_unit_test(test_skeleton_unusable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
