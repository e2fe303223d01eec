/*
 * The name tables (src/score/assessment.c, src/profile/profile.c): the
 * entity index and each entity's unit index grow with what they hold (load
 * at most 1/2) under a key of their own; the profile's node table holds
 * 100,000 ids; a unit is small.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "score/assessment_internal.h"

static void test_unit_is_small(void **state)
{
	(void)state;
	/* a unit-score row costs its unit: 80 bytes, no text buffers, no
	 * products array for a unit scored directly */
	assert_true(sizeof(cp_unit) <= 80);
	assert_true(sizeof(cp_entity) <= 64);
}

static void test_entity_index_grows(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL, *b = NULL;
	char name[64], unit[32];
	size_t i, u;
	const size_t n = 50000;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2022"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &b, p), COMPLIANCE_OK);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "Entitas %zu", i);
		assert_int_equal(compliance_assessment_add_unit_score(a, name, "kota", "U", "50"),
		                 COMPLIANCE_OK);
		/* the index always has room: load at most 1/2 */
		assert_non_null(a->entity_index);
		assert_true(a->nentities * 2 <= a->entity_mask + 1);
	}
	/* no larger than it needs to be either */
	assert_true(a->entity_mask + 1 <= 4 * n);
	for (i = 0; i < n; i += 101) {
		snprintf(name, sizeof name, "Entitas %zu", i);
		assert_int_equal(cp_assessment_find_entity(a, name, strlen(name)), i);
	}
	assert_int_equal(cp_assessment_find_entity(a, "Entitas 1", 8), CP_NONE);
	/* each assessment hashes under its own key */
	assert_false(a->entity_key.k0 == b->entity_key.k0 && a->entity_key.k1 == b->entity_key.k1);

	/* an entity's units are scanned while few, then indexed */
	for (u = 0; u < 8; u++) {
		snprintf(unit, sizeof unit, "Unit %zu", u);
		assert_int_equal(compliance_assessment_add_unit_score(b, "Kota", "kota", unit, "50"),
		                 COMPLIANCE_OK);
	}
	assert_null(b->entities[0].unit_index);
	for (; u < 5000; u++) {
		snprintf(unit, sizeof unit, "Unit %zu", u);
		assert_int_equal(compliance_assessment_add_unit_score(b, "Kota", "kota", unit, "50"),
		                 COMPLIANCE_OK);
		assert_non_null(b->entities[0].unit_index);
		assert_true((size_t)b->entities[0].nunits * 2 <= (size_t)b->entities[0].unit_mask + 1);
	}
	assert_int_equal(compliance_assessment_add_unit_score(b, "Kota", "kota", "Unit 4321", "50"),
	                 COMPLIANCE_E_DUPLICATE);
	assert_int_equal(b->entities[0].nunits, 5000);
	compliance_assessment_free(a);
	compliance_assessment_free(b);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* A failed add rolls back an entity that made the index grow. */
static void test_rollback_after_growth(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;
	char name[64];
	size_t i, size;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2022"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof name, "E%zu", i);
		assert_int_equal(compliance_assessment_add_unit_score(a, name, "kota", "U", "50"),
		                 COMPLIANCE_OK);
	}
	size = a->entity_mask + 1;
	/* the ninth entity grows the index from 16; its unit fails: nothing stays */
	assert_int_equal(compliance_assessment_add_unit_score(a, "E8", "kota", "", "50"),
	                 COMPLIANCE_E_PARSE);
	assert_int_equal(a->nentities, 8);
	assert_int_equal(cp_assessment_find_entity(a, "E8", 2), CP_NONE);
	assert_true(a->entity_mask + 1 >= size);
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof name, "E%zu", i);
		assert_int_equal(cp_assessment_find_entity(a, name, strlen(name)), i);
	}
	assert_int_equal(compliance_assessment_add_unit_score(a, "E8", "kota", "U", "50"),
	                 COMPLIANCE_OK);
	assert_int_equal(cp_assessment_find_entity(a, "E8", 2), 8);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* The node table of a profile of 100,000 nodes (built directly: the
 * loader is not what is tested here). */
static void test_profile_node_table(void **state)
{
	compliance_profile *p = calloc(1, sizeof *p);
	char (*ids)[32];
	size_t i;
	const size_t n = 100000;

	(void)state;
	assert_non_null(p);
	ids = calloc(n, sizeof *ids);
	assert_non_null(ids);
	cp_alloc_default(&p->alloc);
	p->nnodes = n;
	p->nodes = calloc(n, sizeof *p->nodes);
	assert_non_null(p->nodes);
	for (i = 0; i < n; i++) {
		snprintf(ids[i], sizeof ids[i], "d%zu.i%zu", i / 100, i % 100);
		p->nodes[i].text[COMPLIANCE_NODE_ID] = ids[i];
	}
	assert_int_equal(cp_profile_index_nodes(p), 0);
	assert_true(p->node_mask + 1 >= 2 * n);
	assert_true(p->node_mask + 1 <= 4 * n);
	for (i = 0; i < n; i++)
		assert_int_equal(cp_profile_find_node(p, ids[i], strlen(ids[i])), i);
	assert_int_equal(cp_profile_find_node(p, "d0.i", 4), CP_NONE);
	assert_int_equal(cp_profile_find_node(p, "d999.i99x", 9), CP_NONE);
	/* a prefix of a real id is not that id */
	assert_int_equal(cp_profile_find_node(p, "d99.i9", 6), 9909);
	cp_free(&p->alloc, p->node_table);
	free(p->nodes);
	free(ids);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unit_is_small),
		cmocka_unit_test(test_entity_index_grows),
		cmocka_unit_test(test_rollback_after_growth),
		cmocka_unit_test(test_profile_node_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
