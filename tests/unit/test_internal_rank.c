/*
 * Compute's results (score/rollup.c, issue 13): the ranking's fast paths
 * (a stable sort by score alone when the names already ascend, by
 * counting when the scores span few values, else by merging: slow_rank 2
 * forces the merge) against the general sort by score then name
 * (slow_rank 1) and against an independent
 * order (qsort by descending score, then name, and competition ranks
 * counted here); the label each result takes from compute's table (made
 * once a band and qualifier mask) against the roll-up's own label of that
 * entity (cp_rollup_entity); the texts kept in one block against the
 * numbers they print; the entity index's stored hash bits.
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

static const char *const types[] = { "kementerian", "lembaga", "provinsi", "kota",
	                             "kabupaten" };

typedef struct row {
	const char *name;
	int64_t score;
	int type;
} row;

/* descending score, then name */
static int by_rank(const void *x, const void *y)
{
	const row *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* An assessment of n entities of one or two units; scores from `span`
 * hundredths (few: ties; many: the merge), names ascending or shuffled,
 * the qualifier's input given to some when the profile has one. */
static compliance_assessment *build(compliance_ctx *ctx, compliance_profile *p, size_t n,
                                    unsigned span, int shuffled, int slow)
{
	compliance_assessment *a;
	size_t i, *order = malloc(n * sizeof *order);
	int has_qualifier = p->nqualifiers > 0;

	assert_non_null(order);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	a->slow_rank = slow;
	for (i = 0; i < n; i++)
		order[i] = i;
	if (shuffled)
		for (i = n; i > 1; i--) {
			size_t j = next() % i, t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
	rng = 1234567; /* the same scores, whatever the order */
	for (i = 0; i < n; i++) {
		char name[32], score[32];
		unsigned v = 10000 - next() % span;
		size_t k = order[i];
		snprintf(name, sizeof name, "Entitas %05zu", k);
		snprintf(score, sizeof score, "%u.%02u", v / 100, v % 100);
		/* the type and the score follow the entity, not its position */
		assert_int_equal(compliance_assessment_add_unit_score(a, name, types[k % 5], "Unit 1",
		                                                      score),
		                 COMPLIANCE_OK);
		if (k % 3 == 0)
			assert_int_equal(compliance_assessment_add_unit_score(a, name, types[k % 5],
			                                                      "Unit 2", "71.5"),
			                 COMPLIANCE_OK);
		if (has_qualifier && k % 4 != 1)
			assert_int_equal(compliance_assessment_add_value(a, name, types[k % 5],
			                                                 COMPLIANCE_UNIT_ENTITY,
			                                                 p->qualifiers[0].input,
			                                                 k % 4 ? "ya" : "tidak"),
			                 COMPLIANCE_OK);
	}
	free(order);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	return a;
}

static void check(compliance_ctx *ctx, compliance_profile *p, size_t n, unsigned span,
                  int shuffled)
{
	compliance_assessment *fast, *slow, *merge;
	row *rows = calloc(n, sizeof *rows);
	size_t i, rank = 0, seen[CP_NTYPES] = { 0 }, last[CP_NTYPES] = { 0 };
	int64_t prev[CP_NTYPES] = { 0 };
	char text[CNUM_TEXT_MAX];

	assert_non_null(rows);
	fast = build(ctx, p, n, span, shuffled, 0);
	slow = build(ctx, p, n, span, shuffled, 1);
	merge = build(ctx, p, n, span, shuffled, 2);
	assert_int_equal(compliance_assessment_entity_count(fast), n);
	assert_int_equal(compliance_assessment_entity_count(slow), n);
	/* the independent order */
	for (i = 0; i < n; i++) {
		rows[i].name = compliance_assessment_entity_name(fast, i);
		assert_int_equal(compliance_assessment_entity_score(fast, i, &rows[i].score), 0);
		rows[i].type = compliance_assessment_entity_type(fast, i);
	}
	qsort(rows, n, sizeof *rows, by_rank);
	for (i = 0; i < n; i++) {
		size_t r, rt, r2, rt2, ei;
		int t = rows[i].type;
		const cp_result *res = &fast->results[i];
		cp_rollup_out o;
		int64_t s;

		/* the order and the ranks: independent, fast and general agree */
		assert_string_equal(compliance_assessment_entity_name(fast, i), rows[i].name);
		assert_string_equal(compliance_assessment_entity_name(slow, i), rows[i].name);
		assert_string_equal(compliance_assessment_entity_name(merge, i), rows[i].name);
		if (i == 0 || rows[i].score != rows[i - 1].score)
			rank = i + 1;
		seen[t]++;
		if (seen[t] == 1 || rows[i].score != prev[t])
			last[t] = seen[t];
		prev[t] = rows[i].score;
		assert_int_equal(compliance_assessment_entity_rank(fast, i, &r, &rt), 0);
		assert_int_equal(compliance_assessment_entity_rank(slow, i, &r2, &rt2), 0);
		assert_int_equal(r, rank);
		assert_int_equal(rt, last[t]);
		assert_int_equal(r2, rank);
		assert_int_equal(rt2, last[t]);
		assert_int_equal(compliance_assessment_entity_rank(merge, i, &r2, &rt2), 0);
		assert_int_equal(r2, rank);
		assert_int_equal(rt2, last[t]);
		assert_int_equal(compliance_assessment_find(fast, rows[i].name, &ei), 0);
		assert_int_equal(ei, i);
		/* the label from the table is the roll-up's label of this entity */
		assert_int_equal(cp_rollup_entity(p, &fast->entities[res->entity],
		                                  fast->rollup_used, NULL, &o, NULL),
		                 0);
		assert_string_equal(compliance_assessment_entity_label(fast, i), o.label);
		assert_int_equal(compliance_assessment_entity_qualified(fast, i), o.qualified);
		/* the texts print the numbers */
		assert_int_equal(compliance_assessment_entity_score(fast, i, &s), 0);
		cnum_format_scaled(text, s, p->decimals);
		assert_string_equal(compliance_assessment_entity_score_text(fast, i), text);
		cnum_format_exact(text, o.value);
		assert_string_equal(compliance_assessment_entity_mean_text(fast, i), text);
		assert_int_equal(compliance_assessment_product_count(fast, i), o.nproducts);
		assert_string_equal(compliance_assessment_entity_label(slow, i), o.label);
		assert_string_equal(compliance_assessment_entity_mean_text(slow, i), text);
	}
	compliance_assessment_free(fast);
	compliance_assessment_free(slow);
	compliance_assessment_free(merge);
	free(rows);
}

static void test_rank_paths(void **state)
{
	compliance_profile *p23, *p25;
	compliance_ctx *ctx;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p23, "ombudsman-2023"), 0);
	assert_int_equal(compliance_profile_open(ctx, &p25, "ombudsman-2025"), 0);
	/* names ascending: counting (few scores), merging by score (many) */
	check(ctx, p23, 3000, 50, 0);
	check(ctx, p23, 3000, 10000, 0);
	/* shuffled names: the general sort */
	check(ctx, p23, 3000, 50, 1);
	check(ctx, p23, 3000, 10000, 1);
	/* qualifiers: the label table under several masks */
	check(ctx, p25, 2000, 300, 0);
	check(ctx, p25, 2000, 300, 1);
	check(ctx, p23, 1, 10, 0);
	compliance_profile_free(p23);
	compliance_profile_free(p25);
	compliance_ctx_free(ctx);
}

/* Recomputing replaces the texts and labels (the old ones are freed: the
 * leak checker of the sanitizer run sees it), and an assessment with no
 * entity computes to none. */
static void test_recompute(void **state)
{
	compliance_profile *p;
	compliance_ctx *ctx;
	compliance_assessment *a;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), 0);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 0);
	assert_int_equal(compliance_assessment_add_unit_score(a, "B", "kota", "U", "80"), 0);
	assert_int_equal(compliance_assessment_add_unit_score(a, "A", "kota", "U", "80"), 0);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_name(a, 0), "A");
	assert_string_equal(compliance_assessment_entity_score_text(a, 1), "80.00");
	assert_string_equal(compliance_assessment_entity_mean_text(a, 1), "80");
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}


/* The entity index (score/assessment.c): 64-bit slots holding the low
 * bits of the name's hash, grown by those bits. Every entity is found
 * (in any ASCII case) after the table grew many times, names never given
 * are not, and a batch that failed after growing the table leaves exactly
 * the entities before it findable (its slots emptied newest first). */
static void test_entity_index(void **state)
{
	compliance_profile *p;
	compliance_ctx *ctx;
	compliance_assessment *a;
	size_t i, n = 40000, extra = 30000, len = 0;
	char name[32], *csv = malloc(extra * 48 + 256);

	(void)state;
	assert_non_null(csv);
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), 0);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "Entitas %06zu", i * 7919 % 1000003);
		assert_int_equal(compliance_assessment_add_unit_score(a, name, "kota", "U", "80"), 0);
	}
	/* a batch of new entities (the table grows twice), failing at its end */
	len += (size_t)sprintf(csv, "entity,entity_type,unit,score\n");
	for (i = 0; i < extra; i++)
		len += (size_t)sprintf(csv + len, "Baru %06zu,kota,U,70\n", i);
	len += (size_t)sprintf(csv + len, "Baru rusak,kota,U,nilai\n");
	assert_int_not_equal(compliance_assessment_read_csv_buffer(a, csv, len, "x.csv"), 0);
	for (i = 0; i < n; i++) {
		size_t k;
		snprintf(name, sizeof name, "Entitas %06zu", i * 7919 % 1000003);
		assert_int_equal(cp_assessment_find_entity(a, name, strlen(name)), i);
		for (k = 0; name[k]; k++)
			name[k] = (char)(name[k] >= 'a' && name[k] <= 'z' ? name[k] - 32 : name[k]);
		assert_int_equal(cp_assessment_find_entity(a, name, strlen(name)), i);
		snprintf(name, sizeof name, "Entitas %06zu", i * 7919 % 1000003 + 1000003);
		assert_int_equal(cp_assessment_find_entity(a, name, strlen(name)), CP_NONE);
	}
	for (i = 0; i < extra; i++) {
		snprintf(name, sizeof name, "Baru %06zu", i);
		assert_int_equal(cp_assessment_find_entity(a, name, strlen(name)), CP_NONE);
	}
	/* the same batch, now good: each new entity after the old ones */
	len -= strlen("Baru rusak,kota,U,nilai\n");
	assert_int_equal(compliance_assessment_read_csv_buffer(a, csv, len, "x.csv"), 0);
	for (i = 0; i < extra; i++) {
		snprintf(name, sizeof name, "Baru %06zu", i);
		assert_int_equal(cp_assessment_find_entity(a, name, strlen(name)), n + i);
	}
	assert_int_equal(compliance_assessment_compute(a), 0);
	assert_int_equal(compliance_assessment_entity_count(a), n + extra);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank_paths),
		cmocka_unit_test(test_recompute),
		cmocka_unit_test(test_entity_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
