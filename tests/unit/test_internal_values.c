/*
 * A unit's value block (score/values.c): an answer held in 8 bytes when it
 * is a whole number of 32 bits, and as an exact fraction at the end of the
 * block otherwise. Whatever was put in comes back exactly, in order, with
 * the nodes' bits; popping undoes a push; a copy with more values
 * (advice's what-if) holds both kinds.
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
#include "score/values.h"

#define CAP 40

/* bench/run.sh (BENCH_UNIT_RECORD) runs the rows job's floor with records of
 * this size: keep the two the same. */
_Static_assert(sizeof(cp_unit) == 80, "cp_unit is no longer 80 bytes: update bench/run.sh");

static void assert_same(cnum a, cnum b)
{
	assert_true(a.n == b.n);
	assert_true(a.d == b.d);
}

/* The answers of the tests: whole numbers at and beyond the edges of 32
 * bits, fractions, and a whole number beyond 64 bits. */
static cnum answer(size_t i)
{
	cint big = (cint)1 << 100;

	switch (i % 10) {
	case 0: return cnum_int(0);
	case 1: return cnum_int(INT32_MAX);
	case 2: return cnum_int(INT32_MIN);
	case 3: return cnum_int((int64_t)INT32_MAX + 1); /* a fraction slot */
	case 4: return cnum_int((int64_t)INT32_MIN - 1); /* a fraction slot */
	case 5: return (cnum){ 1, 2 };
	case 6: return (cnum){ -7, 3 };
	case 7: return (cnum){ big, 1 };
	case 8: return cnum_int(3);
	default: return (cnum){ 123456789, 1000 };
	}
}

static int is_whole32(cnum v)
{
	return v.d == 1 && v.n >= INT32_MIN && v.n <= INT32_MAX;
}

static void check(const cp_unit *u, const size_t *nodes, const cnum *vals, size_t n)
{
	size_t k;

	assert_int_equal(u->nvalues, n);
	for (k = 0; k < n; k++) {
		assert_int_equal(cp_value_node(&u->values[k]), nodes[k]);
		assert_same(cp_unit_answer(u, k), vals[k]);
		assert_true(cp_unit_has_value(u, nodes[k]));
		/* the common answer stays in its slot */
		assert_int_equal(!(u->values[k].node & CP_VALUE_FRAC), is_whole32(vals[k]));
	}
}

/* A unit with no block yet (values NULL, no capacity): no node is given
 * and no bitmap is made up from the NULL block. The fuzzer found
 * cp_unit_has_value offsetting NULL here (UBSan: "applying zero offset to
 * null pointer"); the check must not touch the block at all. */
static void test_no_block(void **state)
{
	cp_unit u;
	size_t node;

	(void)state;
	memset(&u, 0, sizeof u);
	for (node = 0; node < CAP; node++)
		assert_false(cp_unit_has_value(&u, node));
	assert_null(cp_unit_value_bits(&u));
}

/* Whole answers first (a block without fractions), then a fraction grows
 * the block: the slots already held survive the move. */
static void test_grow_to_fractions(void **state)
{
	cp_alloc al;
	cp_unit u;
	size_t nodes[CAP], k, n = 0;
	cnum vals[CAP];

	(void)state;
	cp_alloc_default(&al);
	memset(&u, 0, sizeof u);
	for (k = 0; k < 3; k++) { /* 0, INT32_MAX, INT32_MIN: whole */
		nodes[n] = CAP - 1 - 3 * k;
		vals[n] = answer(k);
		assert_int_equal(cp_unit_push_value(&al, &u, CAP, nodes[n], vals[n]), 0);
		n++;
	}
	check(&u, nodes, vals, n);
	for (k = 3; k < 20; k++) {
		nodes[n] = k - 3;
		vals[n] = answer(k);
		assert_int_equal(cp_unit_push_value(&al, &u, CAP, nodes[n], vals[n]), 0);
		n++;
		check(&u, nodes, vals, n);
	}
	/* a node the block has no room for */
	assert_int_equal(cp_unit_push_value(&al, &u, CAP, CAP, cnum_int(1)), COMPLIANCE_E_INVALID);
	check(&u, nodes, vals, n);
	cp_free(&al, u.values);
}

/* The first answer a fraction; pops undo pushes newest first, bits
 * included, and a node popped can be given again with another kind. */
static void test_pop(void **state)
{
	cp_alloc al;
	cp_unit u;
	size_t nodes[CAP], n = 0, k;
	cnum vals[CAP];

	(void)state;
	cp_alloc_default(&al);
	memset(&u, 0, sizeof u);
	for (k = 0; k < 10; k++) {
		nodes[n] = 2 * k + 1;
		vals[n] = answer(k + 5); /* starts with 1/2 */
		assert_int_equal(cp_unit_push_value(&al, &u, CAP, nodes[n], vals[n]), 0);
		n++;
	}
	check(&u, nodes, vals, n);
	while (n > 4) {
		n--;
		assert_int_equal(cp_unit_pop_value(&u), nodes[n]);
		assert_false(cp_unit_has_value(&u, nodes[n]));
		check(&u, nodes, vals, n);
	}
	/* node 9 again, now a fraction where it was whole (and back) */
	nodes[n] = 9;
	vals[n] = (cnum){ 5, 7 };
	assert_int_equal(cp_unit_push_value(&al, &u, CAP, nodes[n], vals[n]), 0);
	n++;
	check(&u, nodes, vals, n);
	n--;
	assert_int_equal(cp_unit_pop_value(&u), 9);
	vals[n] = cnum_int(-2);
	assert_int_equal(cp_unit_push_value(&al, &u, CAP, nodes[n], vals[n]), 0);
	n++;
	check(&u, nodes, vals, n);
	cp_free(&al, u.values);
}

/* advice's what-if: the unit's values and n more, in a block of its own;
 * the unit itself is left as it was. */
static void test_values_with(void **state)
{
	cp_alloc al;
	cp_unit u, w;
	size_t nodes[CAP], extra_nodes[8], k, n = 0;
	cnum vals[CAP], extra[8];
	int with_fraction;

	(void)state;
	cp_alloc_default(&al);
	for (with_fraction = 0; with_fraction < 2; with_fraction++) {
		memset(&u, 0, sizeof u);
		n = 0;
		for (k = 0; k < 6; k++) {
			nodes[n] = k;
			vals[n] = with_fraction ? answer(k) : cnum_int((int64_t)k);
			assert_int_equal(cp_unit_push_value(&al, &u, CAP, nodes[n], vals[n]), 0);
			n++;
		}
		for (k = 0; k < 8; k++) {
			extra_nodes[k] = CAP - 1 - k;
			extra[k] = answer(k + 3);
			nodes[n + k] = extra_nodes[k];
			vals[n + k] = extra[k];
		}
		assert_int_equal(cp_unit_values_with(&al, &u, extra_nodes, extra, 8, &w), 0);
		check(&w, nodes, vals, n + 8);
		check(&u, nodes, vals, n);
		assert_true(w.values != u.values);
		cp_free(&al, w.values);
		cp_free(&al, u.values);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_block),
		cmocka_unit_test(test_grow_to_fractions),
		cmocka_unit_test(test_pop),
		cmocka_unit_test(test_values_with),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
