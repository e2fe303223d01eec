/*
 * Assessments at scale-ish sizes, through the public API: the memory one
 * unit-score row costs (counted by a custom allocator), one entity with
 * many units, many entities, and a failed batch that grows every table
 * before it fails and must leave the assessment exactly as it was. The
 * benchmark (bench/run.sh) shows the times; nothing here is timed.
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

/* ---- a growable text ----------------------------------------------------------- */

typedef struct text {
	char *s;
	size_t n, cap;
} text;

static void add(text *t, const char *fmt, ...)
{
	va_list ap;
	int k;

	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(t->s ? t->s + t->n : NULL, t->s ? t->cap - t->n : 0, fmt, ap);
		va_end(ap);
		assert_true(k >= 0);
		if (t->s && t->n + (size_t)k < t->cap)
			break;
		t->cap = (t->cap + (size_t)k + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	t->n += (size_t)k;
}

/* ---- an allocator that counts ---------------------------------------------------- */

/* Each block carries its size in a 16-byte header; the count charges the
 * header too, about what malloc itself spends on a block. */
typedef struct counter {
	size_t live, peak;
} counter;

#define HDR 16

static void *count_malloc(size_t size, void *ud)
{
	counter *c = ud;
	char *p = malloc(size + HDR);

	if (!p)
		return NULL;
	memcpy(p, &size, sizeof size);
	c->live += size + HDR;
	if (c->live > c->peak)
		c->peak = c->live;
	return p + HDR;
}

static void count_free(void *ptr, void *ud)
{
	counter *c = ud;
	size_t size;

	if (!ptr)
		return;
	memcpy(&size, (char *)ptr - HDR, sizeof size);
	c->live -= size + HDR;
	free((char *)ptr - HDR);
}

static void *count_realloc(void *ptr, size_t size, void *ud)
{
	counter *c = ud;
	size_t old;
	char *p;

	if (!ptr)
		return count_malloc(size, ud);
	memcpy(&old, (char *)ptr - HDR, sizeof old);
	p = realloc((char *)ptr - HDR, size + HDR);
	if (!p)
		return NULL;
	memcpy(p, &size, sizeof size);
	c->live = c->live - old + size;
	if (c->live > c->peak)
		c->peak = c->live;
	return p + HDR;
}

/* ---- helpers ---------------------------------------------------------------------- */

static compliance_profile *open_profile(compliance_ctx *ctx, const char *id)
{
	compliance_profile *p = NULL;

	assert_int_equal(compliance_profile_open(ctx, &p, id), COMPLIANCE_OK);
	return p;
}

static compliance_assessment *new_assessment(compliance_ctx *ctx, compliance_profile *p)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	return a;
}

/* An assessment under ombudsman-2022 whose every allocation is counted. */
typedef struct counted {
	counter c;
	compliance_allocator al;
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
} counted;

static void counted_open(counted *k)
{
	memset(k, 0, sizeof *k);
	k->al.malloc_fn = count_malloc;
	k->al.realloc_fn = count_realloc;
	k->al.free_fn = count_free;
	k->al.userdata = &k->c;
	assert_int_equal(compliance_ctx_new_with_allocator(&k->ctx, &k->al), COMPLIANCE_OK);
	k->p = open_profile(k->ctx, "ombudsman-2022");
	k->a = new_assessment(k->ctx, k->p);
}

/* Frees all of it: nothing may be left allocated. */
static void counted_close(counted *k)
{
	compliance_assessment_free(k->a);
	compliance_profile_free(k->p);
	compliance_ctx_free(k->ctx);
	assert_int_equal(k->c.live, 0);
}

static int read_text(compliance_assessment *a, const text *t, const char *name)
{
	return compliance_assessment_read_csv_buffer(a, t->s, t->n, name);
}

static void read_ok(compliance_assessment *a, const text *t, const char *name)
{
	if (read_text(a, t, name) != COMPLIANCE_OK)
		fail_msg("%s: %s", name, compliance_assessment_errmsg(a));
}

/* Everything the assessment says after compute, as one text. */
static char *snapshot(compliance_assessment *a)
{
	text t = { 0 };
	size_t i, u, rank, rt, found;

	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	for (i = 0; i < compliance_assessment_entity_count(a); i++) {
		add(&t, "%s|%d|%s|%s|%s|%s|%s|%d|", compliance_assessment_entity_name(a, i),
		    compliance_assessment_entity_type(a, i), compliance_assessment_entity_score_text(a, i),
		    compliance_assessment_entity_category(a, i), compliance_assessment_entity_zone(a, i),
		    compliance_assessment_entity_label(a, i), compliance_assessment_entity_mean_text(a, i),
		    compliance_assessment_entity_qualified(a, i));
		assert_int_equal(compliance_assessment_entity_rank(a, i, &rank, &rt), COMPLIANCE_OK);
		add(&t, "%zu|%zu|%zu|", rank, rt, compliance_assessment_product_count(a, i));
		for (u = 0; u < compliance_assessment_unit_count(a, i); u++)
			add(&t, "%s|%s|%s|", compliance_assessment_unit_name(a, i, u),
			    unit_score_text(a, i, u), unit_exact_text(a, i, u));
		add(&t, "\n");
		assert_int_equal(compliance_assessment_find(
		                     a, compliance_assessment_entity_name(a, i),
		                     &found),
		                 COMPLIANCE_OK);
		assert_int_equal(found, i);
	}
	return t.s;
}

/* ---- memory per row ------------------------------------------------------------- */

/* 2,000 entities of 100 units, each given one score: at most 150 bytes a
 * row while reading and computing (the entities' share included). */
static void test_memory_per_unit_row(void **state)
{
	counted k;
	text t = { 0 };
	size_t e, u, rows = 0, base;

	(void)state;
	counted_open(&k);
	add(&t, "entity,entity_type,unit,score\n");
	for (e = 0; e < 2000; e++)
		for (u = 0; u < 100; u++, rows++)
			add(&t, "Kabupaten %04zu,kabupaten,Unit Layanan %03zu,%zu.%02zu\n", e, u,
			    (e * 7 + u * 13) % 100, (e + u) % 100);
	base = k.c.live;
	k.c.peak = k.c.live;
	read_ok(k.a, &t, "rows.csv");
	assert_int_equal(compliance_assessment_compute(k.a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(k.a), 2000);
	print_message("peak %zu bytes for %zu rows: %.1f bytes a row\n", k.c.peak - base, rows,
	              (double)(k.c.peak - base) / (double)rows);
	assert_true((k.c.peak - base) <= 150 * rows);
	counted_close(&k);
	free(t.s);
}

/* 100,000 entities of one unit: an entity costs its record, its unit, its
 * names, its index slots and its result (about 560 bytes of which are the
 * result's texts); computing must not hold a second copy of every result
 * (it sorted the results themselves, through a copy of them all). */
static void test_memory_per_entity(void **state)
{
	counted k;
	text t = { 0 };
	size_t e, base;
	const size_t n = 100000;

	(void)state;
	counted_open(&k);
	add(&t, "entity,entity_type,unit,score\n");
	for (e = 0; e < n; e++)
		add(&t, "Kabupaten %06zu,kabupaten,Unit Layanan,%zu.%02zu\n", e, e % 100, e / 100 % 100);
	base = k.c.live;
	k.c.peak = k.c.live;
	read_ok(k.a, &t, "entities.csv");
	assert_int_equal(compliance_assessment_compute(k.a), COMPLIANCE_OK);
	print_message("peak %zu bytes for %zu entities: %.1f bytes an entity\n", k.c.peak - base, n,
	              (double)(k.c.peak - base) / (double)n);
	assert_true(k.c.peak - base <= 900 * n);
	counted_close(&k);
	free(t.s);
}

/* ---- one entity with many units, many entities -------------------------------------- */

/* One entity with more units than a chunk of the unit arena holds (under a
 * caller's allocator a chunk holds about 3,300 units): its units leave the
 * arena for a block of their own that grows as any other. They were copied
 * to a new chunk of their own size at every unit past the first chunk, the
 * old chunks kept: about 1 GB for these 6,000 units, 24 GB for 400,000
 * (bench/run.sh, scale (c), killed). */
static void test_memory_one_big_entity(void **state)
{
	counted k;
	text t = { 0 };
	size_t u, idx, base;
	const size_t n = 6000;

	(void)state;
	counted_open(&k);
	add(&t, "entity,entity_type,unit,score\n");
	/* a small entity first, so that the big one starts inside a chunk */
	add(&t, "Kota Kecil,kota,Unit A,50\n");
	for (u = 0; u < n; u++)
		add(&t, "Kota Besar,kota,Unit %06zu,%zu\n", u, u % 2 ? (size_t)60 : (size_t)80);
	base = k.c.live;
	k.c.peak = k.c.live;
	read_ok(k.a, &t, "big.csv");
	print_message("peak %zu bytes for %zu units of one entity: %.1f bytes a unit\n",
	              k.c.peak - base, n, (double)(k.c.peak - base) / (double)n);
	assert_true(k.c.peak - base <= 400 * n);
	assert_int_equal(compliance_assessment_compute(k.a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_find(k.a, "Kota Besar", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(k.a, idx), n);
	assert_string_equal(compliance_assessment_entity_score_text(k.a, idx), "70.00");
	assert_string_equal(compliance_assessment_unit_name(k.a, idx, n - 1), "Unit 005999");
	assert_int_equal(compliance_assessment_find(k.a, "Kota Kecil", &idx), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_score_text(k.a, idx), "50.00");
	counted_close(&k);
	free(t.s);
}

static void test_many_units_one_entity(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	compliance_assessment *a;
	text t = { 0 };
	size_t u, idx;
	const size_t n = 100000;
	char name[64];

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2022");
	a = new_assessment(ctx, p);
	add(&t, "entity,entity_type,unit,score\n");
	/* scores 0.00 .. 99.99 cycling: units u and u + 10000 score alike, so
	 * the mean is the mean of 0.00 .. 99.99, 49.995, rounded 50.00 */
	for (u = 0; u < n; u++)
		add(&t, "Kota Besar,kota,Unit %06zu,%zu.%02zu\n", u, (u % 10000) / 100, u % 100);
	read_ok(a, &t, "units.csv");
	/* the same unit again, anywhere in the entity, is refused */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Besar", "kota", "Unit 054321",
	                                                      "10"),
	                 COMPLIANCE_E_DUPLICATE);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_find(a, "Kota Besar", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(a, idx), n);
	assert_string_equal(compliance_assessment_entity_score_text(a, idx), "50.00");
	assert_string_equal(compliance_assessment_entity_mean_text(a, idx), "49.995");
	for (u = 0; u < n; u += 9973) {
		snprintf(name, sizeof name, "Unit %06zu", u);
		assert_string_equal(compliance_assessment_unit_name(a, idx, u), name);
		snprintf(name, sizeof name, "%zu.%02zu", (u % 10000) / 100, u % 100);
		assert_string_equal(unit_score_text(a, idx, u), name);
	}
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(t.s);
}

static void test_many_entities(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	compliance_assessment *a;
	text t = { 0 };
	size_t e, idx, rank;
	const size_t n = 200000;
	char name[64];
	int64_t s;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2022");
	a = new_assessment(ctx, p);
	add(&t, "entity,entity_type,unit,score\n");
	for (e = 0; e < n; e++)
		add(&t, "Entitas %06zu,kabupaten,Unit,%zu.%02zu\n", e, e % 100, (e / 100) % 100);
	read_ok(a, &t, "entities.csv");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), n);
	for (e = 0; e < n; e += 997) {
		snprintf(name, sizeof name, "Entitas %06zu", e);
		assert_int_equal(compliance_assessment_find(a, name, &idx), COMPLIANCE_OK);
		assert_string_equal(compliance_assessment_entity_name(a, idx), name);
		assert_int_equal(compliance_assessment_entity_score(a, idx, &s), COMPLIANCE_OK);
		assert_int_equal(s, (int64_t)((e % 100) * 100 + (e / 100) % 100));
	}
	/* 99.99 is the highest score: 200000 / 10000 = 20 entities share rank 1 */
	assert_int_equal(compliance_assessment_find(a, "Entitas 009999", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_rank(a, idx, &rank, NULL), COMPLIANCE_OK);
	assert_int_equal(rank, 1);
	assert_int_equal(compliance_assessment_find(a, "Entitas", &idx), COMPLIANCE_E_NOTFOUND);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(t.s);
}

/* ---- a failed batch that grew every table ------------------------------------------- */

/* Unit scores: entities grow past the index's size several times, an old
 * entity gets thousands of new units (its unit index is created and
 * grows), and the last row fails. */
static void test_failed_batch_with_growth_units(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	compliance_assessment *a;
	text t = { 0 }, bad = { 0 };
	size_t e, u, idx;
	char *before, *after;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2022");
	a = new_assessment(ctx, p);
	add(&t, "entity,entity_type,unit,score\n");
	for (e = 0; e < 3000; e++)
		for (u = 0; u < 1 + e % 5; u++)
			add(&t, "Entitas %05zu,%s,Unit %zu,%zu.%02zu\n", e, e % 2 ? "kota" : "kabupaten",
			    u, (e + u) % 100, e % 100);
	read_ok(a, &t, "base.csv");
	before = snapshot(a);

	add(&bad, "entity,entity_type,unit,score\n");
	for (e = 3000; e < 40000; e++)
		add(&bad, "Entitas %05zu,kota,Unit 0,50\n", e);
	for (u = 5; u < 5000; u++)
		add(&bad, "Entitas 00004,kabupaten,Unit %zu,60\n", u); /* had 5 units */
	for (u = 1; u < 20; u++)
		add(&bad, "Entitas 00000,kabupaten,Unit %zu,60\n", u); /* had 1 unit */
	add(&bad, "Entitas 00003,kota,Unit 3,60\n"); /* already given: the file fails */
	assert_int_equal(read_text(a, &bad, "bad.csv"), COMPLIANCE_E_DUPLICATE);
	after = snapshot(a);
	assert_string_equal(after, before);
	free(after);
	assert_int_equal(compliance_assessment_find(a, "Entitas 03000", &idx),
	                 COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_find(a, "Entitas 39999", &idx),
	                 COMPLIANCE_E_NOTFOUND);

	/* the same file without its last row now goes in whole */
	bad.n -= strlen("Entitas 00003,kota,Unit 3,60\n");
	bad.s[bad.n] = '\0';
	read_ok(a, &bad, "good.csv");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 40000);
	assert_int_equal(compliance_assessment_find(a, "Entitas 00004", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(a, idx), 5000);
	assert_int_equal(compliance_assessment_find(a, "Entitas 00000", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(a, idx), 20);
	assert_int_equal(compliance_assessment_find(a, "Entitas 39999", &idx), COMPLIANCE_OK);
	/* and a unit given twice is still caught, in the big entity too */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Entitas 00004", "kabupaten",
	                                                      "Unit 4999", "1"),
	                 COMPLIANCE_E_DUPLICATE);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Entitas 00004", "kabupaten",
	                                                      "Unit 0", "1"),
	                 COMPLIANCE_E_DUPLICATE);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(before);
	free(t.s);
	free(bad.s);
}

/* Product scores: old units get more products, new units and entities
 * come, then a failure. */
static void test_failed_batch_with_growth_products(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	compliance_assessment *a;
	text t = { 0 }, bad = { 0 };
	size_t e, u, k;
	char *before, *after;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2021");
	a = new_assessment(ctx, p);
	add(&t, "entity,entity_type,unit,product,score\n");
	for (e = 0; e < 500; e++)
		for (u = 0; u < 3; u++)
			for (k = 0; k < 2; k++)
				add(&t, "Entitas %03zu,lembaga,Unit %zu,Produk %zu,%zu\n", e, u, k,
				    (e * 3 + u * 7 + k * 11) % 101);
	read_ok(a, &t, "base.csv");
	before = snapshot(a);

	add(&bad, "entity,entity_type,unit,product,score\n");
	for (e = 0; e < 500; e++) {
		add(&bad, "Entitas %03zu,lembaga,Unit 1,Produk 9,1\n", e); /* an old unit grows */
		add(&bad, "Entitas %03zu,lembaga,Unit 7,Produk 0,2\n", e); /* a new unit */
	}
	for (e = 500; e < 5000; e++)
		add(&bad, "Entitas %03zu,lembaga,Unit 0,Produk 0,3\n", e);
	add(&bad, "Entitas 007,lembaga,Unit 2,Produk 1,4\n"); /* given already */
	assert_int_equal(read_text(a, &bad, "bad.csv"), COMPLIANCE_E_DUPLICATE);
	after = snapshot(a);
	assert_string_equal(after, before);
	free(after);
	/* the products of the old units are as before: they can be added again */
	assert_int_equal(compliance_assessment_add_product_score(a, "Entitas 001", "lembaga",
	                                                         "Unit 1", "Produk 9", "100"),
	                 COMPLIANCE_OK);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(before);
	free(t.s);
	free(bad.s);
}

/* One unit of 5,000 products (their names indexed), then a failed batch
 * that gives it 3,000 more and grows its index before failing. */
static void test_many_products_one_unit(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	compliance_assessment *a;
	text t = { 0 }, bad = { 0 };
	size_t k, idx;
	char *before, *after, name[32];

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2021");
	a = new_assessment(ctx, p);
	add(&t, "entity,entity_type,unit,product,score\n");
	/* scores 0..99 cycling over 5,000 products: the mean is 49.5 */
	for (k = 0; k < 5000; k++)
		add(&t, "Kota Besar,kota,Unit 1,Produk %zu,%zu\n", k, k % 100);
	add(&t, "Kota Besar,kota,Unit 2,Produk 0,10\n");
	read_ok(a, &t, "products.csv");
	before = snapshot(a);
	assert_int_equal(compliance_assessment_find(a, "Kota Besar", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_product_count(a, idx), 5001);
	assert_string_equal(unit_exact_text(a, idx, 0), "49.5");

	add(&bad, "entity,entity_type,unit,product,score\n");
	for (k = 5000; k < 8000; k++)
		add(&bad, "Kota Besar,kota,Unit 1,Produk %zu,1\n", k);
	add(&bad, "Kota Besar,kota,Unit 1,Produk 4321,1\n"); /* given already */
	assert_int_equal(read_text(a, &bad, "bad.csv"), COMPLIANCE_E_DUPLICATE);
	after = snapshot(a);
	assert_string_equal(after, before);
	free(after);
	for (k = 0; k < 8000; k += 97) {
		snprintf(name, sizeof name, "Produk %zu", k);
		assert_int_equal(compliance_assessment_add_product_score(a, "Kota Besar", "kota",
		                                                         "Unit 1", name, "50"),
		                 k < 5000 ? COMPLIANCE_E_DUPLICATE : COMPLIANCE_OK);
	}
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(before);
	free(t.s);
	free(bad.s);
}

/* Indicator values and entity-level inputs. */
static void test_failed_batch_with_growth_values(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	compliance_assessment *a;
	text t = { 0 }, bad = { 0 };
	size_t e, u;
	char *before, *after;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_profile(ctx, "ombudsman-2025");
	a = new_assessment(ctx, p);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING,
	                                                  COMPLIANCE_MISSING_EXCLUDE),
	                 COMPLIANCE_OK);
	add(&t, "entity,entity_type,unit,indicator,value\n");
	for (e = 0; e < 1000; e++) {
		for (u = 0; u < 2; u++) {
			add(&t, "Entitas %04zu,provinsi,Unit %zu,komposit,%zu\n", e, u, (e + u) % 101);
			if (e % 3)
				add(&t, "Entitas %04zu,provinsi,Unit %zu,kepercayaan,%zu\n", e, u,
				    (e * 5 + u) % 101);
		}
		if (e % 4 == 0)
			add(&t, "Entitas %04zu,provinsi,@entity,supervision_followed_up,ya\n", e);
	}
	read_ok(a, &t, "base.csv");
	before = snapshot(a);

	add(&bad, "entity,entity_type,unit,indicator,value\n");
	for (e = 0; e < 1000; e++) {
		if (e % 3 == 0) /* an old unit gets its second value */
			add(&bad, "Entitas %04zu,provinsi,Unit 0,kepercayaan,7\n", e);
		if (e % 4 != 0) /* an old entity gets an input */
			add(&bad, "Entitas %04zu,provinsi,@entity,supervision_followed_up,ya\n", e);
		add(&bad, "Entitas %04zu,provinsi,Unit 9,komposit,8\n", e);
	}
	for (e = 1000; e < 20000; e++)
		add(&bad, "Entitas %04zu,provinsi,Unit 0,komposit,9\n", e);
	add(&bad, "Entitas 0001,provinsi,Unit 1,komposit,10\n"); /* given already */
	assert_int_equal(read_text(a, &bad, "bad.csv"), COMPLIANCE_E_DUPLICATE);
	after = snapshot(a);
	assert_string_equal(after, before);
	free(after);
	/* what the failed batch gave is not "given" any more; what stood is */
	assert_int_equal(compliance_assessment_add_value(a, "Entitas 0000", "provinsi", "Unit 0",
	                                                 "kepercayaan", "7"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_value(a, "Entitas 0000", "provinsi", "Unit 0",
	                                                 "kepercayaan", "7"),
	                 COMPLIANCE_E_DUPLICATE);
	assert_int_equal(compliance_assessment_add_value(a, "Entitas 0001", "provinsi", "Unit 0",
	                                                 "kepercayaan", "7"),
	                 COMPLIANCE_E_DUPLICATE);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(before);
	free(t.s);
	free(bad.s);
}

/* One unit answering every indicator of a 3,000-node profile: each node
 * given twice is caught (through the unit's bitmap of nodes given). */
static void test_values_of_a_big_profile(void **state)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	compliance_assessment *a;
	text prof = { 0 }, t = { 0 };
	size_t d, i, idx;
	const size_t dims = 3;
	int64_t s;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	/* 3 dimensions of weight 33.34, 33.33, 33.33, each of 999 indicators on
	 * 0-3 weighing 0.1 (the first 0.2): 3 + 2997 = 3000 nodes */
	add(&prof, "{\"format\": \"libcompliance-profile/1\", \"id\": \"big\", \"year\": 2023, "
	           "\"name\": \"big\", \"scale\": {\"min\": 0, \"max\": 100}, "
	           "\"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, "
	           "\"stages\": [\"unit\", \"entity\"]}, "
	           "\"rollup\": {\"default\": \"units\", \"allowed\": [\"units\"]}, "
	           "\"bands\": [{\"category\": \"A\", \"min\": \"50.00\", \"max\": \"100.00\", "
	           "\"zone\": \"hijau\", \"label\": \"Baik\"}, {\"category\": \"B\", "
	           "\"min\": \"0.00\", \"max\": \"49.99\", \"zone\": \"merah\", "
	           "\"label\": \"Buruk\"}], \"weights_total\": 100, \"nodes\": [");
	for (d = 0; d < dims; d++) {
		add(&prof, "%s{\"id\": \"d%zu\", \"name\": \"d%zu\", \"weight\": \"%s\", "
		           "\"weights_total\": 100, \"children\": [", d ? ", " : "", d, d,
		    d ? "33.33" : "33.34");
		for (i = 0; i < 999; i++)
			add(&prof, "%s{\"id\": \"d%zu.i%zu\", \"name\": \"i\", \"weight\": \"%s\", "
			           "\"scale\": {\"min\": 0, \"max\": 3}}",
			    i ? ", " : "", d, i, i ? "0.1" : "0.2");
		add(&prof, "]}");
	}
	add(&prof, "]}");
	if (compliance_profile_load_buffer(ctx, &p, prof.s, prof.n, "big.json") != COMPLIANCE_OK)
		fail_msg("%s", compliance_ctx_errmsg(ctx));
	assert_int_equal(compliance_profile_node_count(p), 3000);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	add(&t, "entity,entity_type,unit,indicator,value\n");
	for (d = 0; d < dims; d++)
		for (i = 0; i < 999; i++)
			add(&t, "Kota Besar,kota,Unit 1,d%zu.i%zu,3\n", d, i);
	read_ok(a, &t, "values.csv");
	for (d = 0; d < dims; d++)
		for (i = 0; i < 999; i += 37) {
			char id[32];
			snprintf(id, sizeof id, "d%zu.i%zu", d, i);
			assert_int_equal(compliance_assessment_add_value(a, "Kota Besar", "kota", "Unit 1",
			                                                 id, "1"),
			                 COMPLIANCE_E_DUPLICATE);
		}
	/* every answer at the top of its scale: 100.00 */
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_find(a, "Kota Besar", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_score(a, idx, &s), COMPLIANCE_OK);
	assert_int_equal(s, 10000);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(prof.s);
	free(t.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_per_unit_row),
		cmocka_unit_test(test_memory_per_entity),
		cmocka_unit_test(test_memory_one_big_entity),
		cmocka_unit_test(test_many_units_one_entity),
		cmocka_unit_test(test_many_entities),
		cmocka_unit_test(test_failed_batch_with_growth_units),
		cmocka_unit_test(test_failed_batch_with_growth_products),
		cmocka_unit_test(test_many_products_one_unit),
		cmocka_unit_test(test_failed_batch_with_growth_values),
		cmocka_unit_test(test_values_of_a_big_profile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
