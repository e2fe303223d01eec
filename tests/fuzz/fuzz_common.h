/* Helpers shared by the fuzz targets (included by each; all static). */
#ifndef COMPLIANCE_FUZZ_COMMON_H
#define COMPLIANCE_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <compliance.h>

#ifndef COMPLIANCE_FUZZ_INSTRUMENT
#  error "COMPLIANCE_FUZZ_INSTRUMENT must name examples/profiles/instrument-2023.json"
#endif

/* The libFuzzer entry point each target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An oracle failed: print why and abort, so that libFuzzer keeps the input
 * and the regression driver fails. */
static inline void fz_die(const char *target, const char *what, const char *detail)
{
	fprintf(stderr, "%s: %s%s%s\n", target, what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* A failure must return a known negative code and leave a message. */
static inline void fz_check_error(const char *target, int rc, const char *msg)
{
	if (rc > 0 || rc < COMPLIANCE_E_BUFFER)
		fz_die(target, "an unknown result code", compliance_strerror(rc));
	if (!msg)
		fz_die(target, "errmsg returned NULL", NULL);
	if (rc < 0 && !msg[0])
		fz_die(target, "a failure without a message", compliance_strerror(rc));
	if (rc == COMPLIANCE_E_INVALID)
		fz_die(target, "COMPLIANCE_E_INVALID (misuse) for bad input data", msg);
	/* fuzz inputs are small: running out of memory means a runaway loop */
	if (rc == COMPLIANCE_E_NOMEM)
		fz_die(target, "out of memory on a small input", msg);
}

/* 1 when s is valid UTF-8 (the library's text is always). */
static inline int fz_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = *p < 0x80 ? 0 : *p >= 0xC2 && *p <= 0xDF ? 1 : *p >= 0xE0 && *p <= 0xEF ? 2
		         : *p >= 0xF0 && *p <= 0xF4 ? 3 : 9;
		size_t i;
		if (n == 9)
			return 0;
		for (i = 1; i <= n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += n + 1;
	}
	return 1;
}

/* The explanation in JSON must be JSON and agree with the result fields. */
static inline void fz_check_explain(const char *target, compliance_assessment *a, size_t i,
                                    const char *text)
{
	json_error_t err;
	json_t *doc = json_loads(text, 0, &err);
	const char *same[4][2];
	size_t k;

	same[0][0] = "entity";
	same[0][1] = compliance_assessment_entity_name(a, i);
	same[1][0] = "entity_type";
	same[1][1] = compliance_enum_short_name("compliance_entity_type",
	                                        compliance_assessment_entity_type(a, i));
	same[2][0] = "score";
	same[2][1] = compliance_assessment_entity_score_text(a, i);
	same[3][0] = "label";
	same[3][1] = compliance_assessment_entity_label(a, i);
	if (!doc)
		fz_die(target, "explain gave invalid JSON", err.text);
	for (k = 0; k < sizeof same / sizeof *same; k++) {
		const char *v = json_string_value(json_object_get(doc, same[k][0]));
		if (!v || !same[k][1] || strcmp(v, same[k][1]) != 0)
			fz_die(target, "the explanation disagrees with the result (or lacks it)",
			       same[k][0]);
	}
	json_decref(doc);
}

/* Every context of the targets allocates through this allocator: it
 * refuses to hold more than FZ_BUDGET bytes at once, so that a runaway
 * loop fails fast with COMPLIANCE_E_NOMEM (reported by fz_check_error)
 * under libFuzzer, AddressSanitizer, valgrind or none, and it counts what
 * the library holds, so that a target can check that everything was
 * released (fz_live). */
#define FZ_BUDGET ((size_t)64 << 20)

static size_t fz_live;

typedef union fz_header {
	size_t size;
	max_align_t align;
} fz_header;

static inline void *fz_malloc(size_t size, void *ud)
{
	fz_header *h;

	(void)ud;
	if (size > FZ_BUDGET - fz_live || !(h = malloc(sizeof *h + size)))
		return NULL;
	h->size = size;
	fz_live += size;
	return h + 1;
}

static inline void fz_free(void *ptr, void *ud)
{
	fz_header *h;

	(void)ud;
	if (!ptr)
		return;
	h = (fz_header *)ptr - 1;
	fz_live -= h->size;
	free(h);
}

static inline void *fz_realloc(void *ptr, size_t size, void *ud)
{
	fz_header *h, *n;

	if (!ptr)
		return fz_malloc(size, ud);
	h = (fz_header *)ptr - 1;
	if (size > h->size && size - h->size > FZ_BUDGET - fz_live)
		return NULL;
	if (!(n = realloc(h, sizeof *n + size)))
		return NULL;
	fz_live = fz_live - n->size + size;
	n->size = size;
	return n + 1;
}

static inline compliance_ctx *fz_ctx_new(void)
{
	static const compliance_allocator al = { fz_malloc, fz_realloc, fz_free, NULL };
	compliance_ctx *ctx = NULL;

	if (compliance_ctx_new_with_allocator(&ctx, &al) || !ctx)
		abort();
	return ctx;
}

/* Everything allocated since `mark` (fz_live then) must have been freed. */
static inline void fz_check_released(const char *target, size_t mark)
{
	if (fz_live != mark) {
		char n[64];
		snprintf(n, sizeof n, "%zu bytes", fz_live > mark ? fz_live - mark : mark - fz_live);
		fz_die(target, "the library still holds memory after every object was freed", n);
	}
}

/* A growing text. */
typedef struct fz_text {
	char *s;
	size_t len, cap;
} fz_text;

static inline void fz_append(fz_text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->cap ? t->cap * 2 : 1024) + n;
		char *p = realloc(t->s, cap);
		if (!p)
			abort();
		t->s = p;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

/* Reads every result of a computed assessment through the public API,
 * explains every entity in both forms, and returns all of it as one text
 * (to be freed), so that two states can be compared. */
static inline char *fz_results(const char *target, compliance_assessment *a)
{
	fz_text t = { NULL, 0, 0 };
	size_t n = compliance_assessment_entity_count(a), i, u;

	fz_append(&t, "");
	for (i = 0; i < n; i++) {
		int f, rc;
		size_t rank = 0, rank_type = 0, band = 0, idx = (size_t)-1;
		int64_t score = 0;
		char buf[64];

		{
			const char *v[7];
			int q = compliance_assessment_entity_qualified(a, i);
			size_t k;

			v[0] = compliance_assessment_entity_name(a, i);
			v[1] = compliance_enum_short_name("compliance_entity_type",
			                                  compliance_assessment_entity_type(a, i));
			v[2] = compliance_assessment_entity_score_text(a, i);
			v[3] = compliance_assessment_entity_category(a, i);
			v[4] = compliance_assessment_entity_zone(a, i);
			v[5] = compliance_assessment_entity_label(a, i);
			v[6] = compliance_assessment_entity_mean_text(a, i);
			for (k = 0; k < 7; k++) {
				if (!v[k])
					fz_die(target, "an entity field is NULL", NULL);
				if (!fz_utf8(v[k]))
					fz_die(target, "an entity field is not valid UTF-8", v[k]);
				fz_append(&t, v[k]);
				fz_append(&t, "\t");
			}
			if (q != 0 && q != 1)
				fz_die(target, "qualified is neither 0 nor 1", NULL);
		}
		if (compliance_assessment_entity_rank(a, i, &rank, &rank_type) ||
		    compliance_assessment_entity_score(a, i, &score) ||
		    compliance_assessment_entity_band(a, i, &band))
			fz_die(target, "a result accessor failed", NULL);
		if (rank < 1 || rank > i + 1 || rank_type < 1 || rank_type > rank)
			fz_die(target, "a rank out of order", NULL);
		if (compliance_assessment_find(a, compliance_assessment_entity_name(a, i), &idx) ||
		    idx != i)
			fz_die(target, "find does not give the entity's own index", NULL);
		snprintf(buf, sizeof buf, "%zu\t%zu\t%lld\t%zu\t%zu\t%zu\n", rank, rank_type,
		         (long long)score, band, compliance_assessment_unit_count(a, i),
		         compliance_assessment_product_count(a, i));
		fz_append(&t, buf);
		for (u = 0; u < compliance_assessment_unit_count(a, i); u++) {
			const char *name = compliance_assessment_unit_name(a, i, u);
			char exact[COMPLIANCE_EXACT_TEXT_SIZE];
			int64_t unit_score = 0;

			if (!name || compliance_assessment_unit_score(&unit_score, a, i, u) ||
			    compliance_assessment_unit_exact(exact, sizeof exact, a, i, u))
				fz_die(target, "a unit field is missing", NULL);
			snprintf(buf, sizeof buf, "%lld\t", (long long)unit_score);
			fz_append(&t, name);
			fz_append(&t, "\t");
			fz_append(&t, buf);
			fz_append(&t, exact);
			fz_append(&t, "\t");
			fz_append(&t, "\n");
		}
		for (f = COMPLIANCE_EXPLAIN_JSON; f <= COMPLIANCE_EXPLAIN_TEXT; f++) {
			char *x = NULL;
			rc = compliance_assessment_explain(a, i, f, &x);
			if (rc || !x)
				fz_die(target, "explain failed", compliance_strerror(rc));
			if (!fz_utf8(x))
				fz_die(target, "the explanation is not valid UTF-8", NULL);
			if (f == COMPLIANCE_EXPLAIN_JSON)
				fz_check_explain(target, a, i, x);
			fz_append(&t, x);
			compliance_free(x);
		}
	}
	if (compliance_assessment_entity_name(a, n) != NULL)
		fz_die(target, "an entity past the end is not NULL", NULL);
	return t.s;
}

/* Compares two result texts (NULL meaning "not computed"). */
static inline void fz_same(const char *target, const char *what, const char *x, const char *y)
{
	if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
		fz_die(target, what, NULL);
}

#endif
