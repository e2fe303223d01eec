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
#include <stdio.h>
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
	size_t *nodes = calloc(p->nnodes + 1, sizeof *nodes);
	cnum *vals = calloc(p->nnodes + 1, sizeof *vals);
	cp_node_eval *ev = calloc(p->nnodes + 1, sizeof *ev);
	cp_entity e;
	cp_unit u;
	cp_error err;
	size_t i, n;
	int r, taken = 0;

	assert_non_null(vals);
	assert_non_null(nodes);
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
			nodes[n] = i;
			vals[n] = cnum_int(lo + (int64_t)(next() % (unsigned)(hi - lo + 1)));
			n++;
		}
		if (mode == 2)
			n--;
		if (mode == 3)
			vals[0].d = 2, vals[0].n = 1; /* 1/2: not an integer */
		memset(&u, 0, sizeof u);
		u.name = "U";
		for (i = 0; i < n; i++)
			assert_int_equal(cp_unit_push_value(&al, &u, p->nnodes, nodes[i], vals[i]), 0);
		for (i = 0; i < n; i++) { /* the block gives back what was put in */
			cnum back = cp_unit_answer(&u, i);
			assert_int_equal(cp_value_node(&u.values[i]), nodes[i]);
			assert_true(back.n == vals[i].n && back.d == vals[i].d);
			assert_true(cp_unit_has_value(&u, nodes[i]));
		}
		memset(&err, 0, sizeof err);
		if (mode >= 2) {
			assert_int_equal(cp_fast_unit(&fast, p, &u, &quick), 0);
			cp_free(&al, u.values);
			continue;
		}
		assert_int_equal(cp_evaluate_unit(p, &e, &u, COMPLIANCE_MISSING_ERROR, 0, ev, &slow, &err),
		                 0);
		assert_int_equal(cp_fast_unit(&fast, p, &u, &quick), 1);
		taken++;
		assert_true(quick.n == slow.n && quick.d == slow.d);
		cp_free(&al, u.values);
	}
	assert_true(taken > 0);
	cp_fast_free(&fast, &al);
	free(vals);
	free(nodes);
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

/* The roll-up of units rounded by compute (their rounded values added up
 * as 64-bit integers) against the unit stage done one unit at a time (the
 * same exact scores given as unit_exact, rounded and added as fractions):
 * the same mean, value, score and band, for random files of unit scores
 * with up to four decimals. */
static void test_unit_sum(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	int round;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), 0);
	assert_true(p->round_unit); /* else the 64-bit sum is not taken */
	for (round = 0; round < 60; round++) {
		compliance_assessment *a;
		size_t cap = 256 * 1024, len = 0, ne = 1 + next() % 8, i, j;
		char *csv = malloc(cap);
		assert_non_null(csv);
		len += (size_t)sprintf(csv, "entity,entity_type,unit,score\n");
		for (i = 0; i < ne; i++) {
			size_t nu = 1 + next() % 150;
			for (j = 0; j < nu; j++) {
				unsigned dec = next() % 5, whole = next() % 101, frac = next() % 10000;
				if (whole == 100 || dec == 0)
					len += (size_t)snprintf(csv + len, cap - len, "E%zu,kota,U%zu,%u\n", i,
					                        j, whole);
				else
					len += (size_t)snprintf(csv + len, cap - len, "E%zu,kota,U%zu,%u.%0*u\n",
					                        i, j, whole, (int)dec,
					                        frac % (dec == 1 ? 10u : dec == 2 ? 100u
					                                         : dec == 3 ? 1000u : 10000u));
				assert_true(len < cap);
			}
		}
		assert_int_equal(compliance_assessment_new(ctx, &a, p), 0);
		assert_int_equal(compliance_assessment_read_csv_buffer(a, csv, len, "u.csv"), 0);
		assert_int_equal(compliance_assessment_compute(a), 0);
		for (i = 0; i < a->nentities; i++) {
			const cp_entity *e = &a->entities[i];
			cnum *ex = malloc(e->nunits * sizeof *ex);
			cp_rollup_out o1, o2;
			assert_non_null(ex);
			for (j = 0; j < e->nunits; j++)
				ex[j] = e->units[j].exact;
			assert_int_equal(cp_rollup_entity(p, e, COMPLIANCE_ROLLUP_UNITS, NULL, &o1, NULL), 0);
			assert_int_equal(cp_rollup_entity(p, e, COMPLIANCE_ROLLUP_UNITS, ex, &o2, NULL), 0);
			assert_true(o1.mean.n == o2.mean.n && o1.mean.d == o2.mean.d);
			assert_true(o1.value.n == o2.value.n && o1.value.d == o2.value.d);
			assert_true(o1.score == o2.score);
			assert_int_equal(o1.band, o2.band);
			assert_int_equal(o1.count, o2.count);
			free(ex);
		}
		compliance_assessment_free(a);
		free(csv);
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_instrument_example),
		cmocka_unit_test(test_pekppp_like),
		cmocka_unit_test(test_skeleton_unusable),
		cmocka_unit_test(test_unit_sum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
