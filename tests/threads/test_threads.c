/*
 * One profile (examples/profiles/instrument-2023.json) shared by eight
 * threads at once. Each thread has its own context and its own
 * assessments, and scores generated indicator answers (CSV or JSON, some
 * answers missing, some units given a direct score) under its own
 * missing-answer policy, while the others do the same with other inputs;
 * each also classifies scores, takes and drops references to the profile,
 * and computes its own SKM survey (compliance_skm_*) from generated answers.
 * Every result (every entity's fields and its explanation, JSON and text;
 * every survey figure) must be byte-identical to a single-threaded run of
 * the same input. Under ThreadSanitizer (tools/ci-extra.sh) any data race
 * fails.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <compliance.h>

#define NTHREADS 8
#define NINPUTS NTHREADS
#define ROUNDS 5
#define NENTITIES 10

static const char *const types[] = { "kementerian", "lembaga", "provinsi", "kota", "kabupaten" };

static compliance_profile *profile;
static char *inputs[NINPUTS];
static int input_is_json[NINPUTS];
static char *expected[NINPUTS];

/* A growing text. */
typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void add(text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = t->cap - t->len;
		va_start(ap, fmt);
		n = vsnprintf(t->s ? t->s + t->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if ((size_t)n < room) {
			t->len += (size_t)n;
			return;
		}
		t->cap = t->cap * 2 + (size_t)n + 256;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			abort();
	}
}

/* A small deterministic generator (one per input, so inputs do not
 * depend on the order threads run in). */
static unsigned next(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(*state >> 33);
}

static int policy_of(int input)
{
	return input % 3; /* COMPLIANCE_MISSING_ERROR, _EXCLUDE, _MINIMUM */
}

/* Generates input `k`: indicator answers for NENTITIES entities, as CSV
 * for even k and in the JSON form for odd k. */
static char *generate(int k)
{
	uint64_t st = 0x9e3779b97f4a7c15ULL * (uint64_t)(k + 1);
	size_t nnodes = compliance_profile_node_count(profile), e, i;
	int json = k % 2, first_entity = 1;
	text t = { NULL, 0, 0 };

	input_is_json[k] = json;
	add(&t, json ? "{\"entities\": [\n" : "entity,entity_type,unit,indicator,value\n");
	for (e = 0; e < NENTITIES; e++) {
		char name[64];
		const char *type = types[next(&st) % 5];
		unsigned nunits = 1 + next(&st) % 4, u;

		snprintf(name, sizeof name, "Entitas %d-%zu", k, e);
		if (json) {
			add(&t, "%s{\"entity\": \"%s\", \"entity_type\": \"%s\", \"units\": [\n",
			    first_entity ? "" : ",\n", name, type);
			first_entity = 0;
		}
		for (u = 0; u < nunits; u++) {
			int first_value = 1;
			if (next(&st) % 10 == 0) {
				/* a unit given its score directly */
				unsigned v = next(&st) % 100001;
				if (json)
					add(&t, "%s{\"unit\": \"Unit %u\", \"score\": \"%u.%03u\"}", u ? ",\n" : "",
					    u, v / 1000, v % 1000);
				else
					add(&t, "%s,%s,Unit %u,@score,%u.%03u\n", name, type, u, v / 1000, v % 1000);
				continue;
			}
			if (json)
				add(&t, "%s{\"unit\": \"Unit %u\", \"values\": {", u ? ",\n" : "", u);
			for (i = 0; i < nnodes; i++) {
				const char *id = compliance_profile_node_id(profile, i);
				const char *max = compliance_profile_node_scale_max(profile, i);
				unsigned hi, v;
				char value[32];

				if (!max[0])
					continue; /* an inner node */
				/* leave some answers missing, but never the first one of a
				 * unit, which would leave the unit without any */
				if (policy_of(k) != COMPLIANCE_MISSING_ERROR && !first_value &&
				    next(&st) % 6 == 0)
					continue;
				hi = (unsigned)atoi(max);
				v = next(&st) % (hi + 1);
				if (hi == 1)
					snprintf(value, sizeof value, json ? "\"%s\"" : "%s", v ? "ya" : "tidak");
				else
					snprintf(value, sizeof value, "%u", v);
				if (json)
					add(&t, "%s\"%s\": %s", first_value ? "" : ", ", id, value);
				else
					add(&t, "%s,%s,Unit %u,%s,%s\n", name, type, u, id, value);
				first_value = 0;
			}
			if (json)
				add(&t, "}}");
		}
		if (json)
			add(&t, "]}");
	}
	if (json)
		add(&t, "\n]}\n");
	return t.s;
}

/* Scores input `k` with a fresh context and assessment; returns every
 * result as one text, or NULL with *why set. */
static char *score(int k, char *why, size_t whysize)
{
	compliance_ctx *ctx = NULL;
	compliance_assessment *a = NULL;
	text t = { NULL, 0, 0 };
	size_t n, i;
	int rc;

	if (compliance_ctx_new(&ctx) || compliance_assessment_new(ctx, &a, profile)) {
		snprintf(why, whysize, "input %d: cannot create the assessment", k);
		compliance_ctx_free(ctx);
		return NULL;
	}
	rc = compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, policy_of(k));
	if (!rc)
		rc = input_is_json[k]
		         ? compliance_assessment_read_json_buffer(a, inputs[k], strlen(inputs[k]), "t.json")
		         : compliance_assessment_read_csv_buffer(a, inputs[k], strlen(inputs[k]), "t.csv");
	if (!rc)
		rc = compliance_assessment_compute(a);
	if (rc) {
		snprintf(why, whysize, "input %d: %s", k, compliance_assessment_errmsg(a));
		compliance_assessment_free(a);
		compliance_ctx_free(ctx);
		return NULL;
	}
	n = compliance_assessment_entity_count(a);
	add(&t, "%zu entities\n", n);
	for (i = 0; i < n; i++) {
		size_t rank = 0, rank_type = 0;
		int f;

		add(&t, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t", compliance_assessment_entity_name(a, i),
		    compliance_enum_short_name("compliance_entity_type",
		                               compliance_assessment_entity_type(a, i)),
		    compliance_assessment_entity_score_text(a, i),
		    compliance_assessment_entity_category(a, i), compliance_assessment_entity_zone(a, i),
		    compliance_assessment_entity_label(a, i), compliance_assessment_entity_mean_text(a, i),
		    compliance_assessment_entity_qualified(a, i));
		compliance_assessment_entity_rank(a, i, &rank, &rank_type);
		add(&t, "%zu\t%zu\n", rank, rank_type);
		for (f = COMPLIANCE_EXPLAIN_JSON; f <= COMPLIANCE_EXPLAIN_TEXT; f++) {
			char *x = NULL;
			if (compliance_assessment_explain(a, i, f, &x) || !x) {
				snprintf(why, whysize, "input %d: explain failed", k);
				free(t.s);
				compliance_assessment_free(a);
				compliance_ctx_free(ctx);
				return NULL;
			}
			add(&t, "%s\n", x);
			compliance_free(x);
		}
	}
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
	return t.s;
}

/* Classifies every hundredth from 0 to 100 and a few ties; returns the
 * results as one text. */
static char *classify_all(compliance_ctx *ctx)
{
	text t = { NULL, 0, 0 };
	int i;

	for (i = 0; i <= 10000; i += 7) {
		char s[32];
		int64_t r = -1;
		size_t b = 99;
		snprintf(s, sizeof s, "%d.%02d5", i / 100, i % 100);
		if (compliance_profile_classify(ctx, profile, i == 10000 ? "100" : s, &r, &b))
			add(&t, "%s error\n", s);
		else
			add(&t, "%s %lld %zu\n", s, (long long)r, b);
	}
	return t.s;
}

static char *expected_classify;

/* ---- SKM surveys ---------------------------------------------------------- */

static char *skm_inputs[NINPUTS];
static char *skm_expected[NINPUTS];

/* Survey `k`: 200 respondents, some answers blank. */
static char *generate_skm(int k)
{
	uint64_t st = 0x2545f4914f6cdd1dULL * (uint64_t)(k + 7);
	text t = { NULL, 0, 0 };
	int r, e;

	add(&t, "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n");
	for (r = 0; r < 200; r++) {
		add(&t, "r%d-%d", k, r);
		for (e = 0; e < 9; e++) {
			unsigned v = next(&st) % 9;
			if (v == 0 && r > 0)
				add(&t, ",");
			else
				add(&t, ",%u", 1 + v % 4);
		}
		add(&t, "\n");
	}
	return t.s;
}

static char *score_skm(int k, char *why, size_t whysize)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *method = NULL;
	compliance_skm *s = NULL;
	text t = { NULL, 0, 0 };
	int policy, f;
	size_t e;

	/* each thread opens its own method and survey */
	if (compliance_ctx_new(&ctx) || compliance_profile_open(ctx, &method, "skm-2017") ||
	    compliance_skm_new(ctx, &s, method) ||
	    compliance_skm_read_csv_buffer(s, skm_inputs[k], strlen(skm_inputs[k]), "skm.csv")) {
		snprintf(why, whysize, "survey %d: %s", k,
		         s ? compliance_skm_errmsg(s) : compliance_ctx_errmsg(ctx));
		compliance_skm_free(s);
		compliance_profile_free(method);
		compliance_ctx_free(ctx);
		return NULL;
	}
	for (policy = COMPLIANCE_SKM_MISSING_AVAILABLE; policy <= COMPLIANCE_SKM_MISSING_LISTWISE;
	     policy++) {
		if (compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, policy) ||
		    compliance_skm_compute(s)) {
			snprintf(why, whysize, "survey %d: %s", k, compliance_skm_errmsg(s));
			free(t.s);
			compliance_skm_free(s);
			compliance_profile_free(method);
			compliance_ctx_free(ctx);
			return NULL;
		}
		for (f = COMPLIANCE_SKM_IKM; f <= COMPLIANCE_SKM_MISSING; f++)
			add(&t, "%s|", compliance_skm_result(s, f));
		for (e = 0; e < compliance_skm_element_count(s); e++)
			add(&t, "%s %s|", compliance_skm_nrr(s, e, COMPLIANCE_SKM_NRR_EXACT),
			    compliance_skm_nrr(s, e, COMPLIANCE_SKM_NRR_ROUNDED));
		add(&t, "\n");
	}
	compliance_skm_free(s);
	compliance_profile_free(method);
	compliance_ctx_free(ctx);
	return t.s;
}

typedef struct worker {
	int id;
	pthread_barrier_t *start;
	int failures;
	char why[1200];
} worker;

static void *run(void *arg)
{
	worker *w = arg;
	compliance_ctx *ctx;
	int r;

	pthread_barrier_wait(w->start);
	if (compliance_ctx_new(&ctx)) {
		w->failures++;
		return NULL;
	}
	for (r = 0; r < ROUNDS; r++) {
		int k = (w->id + r) % NINPUTS;
		char *got = score(k, w->why, sizeof w->why);
		char *cls;
		compliance_profile *ref = compliance_profile_ref(profile);

		if (!got || strcmp(got, expected[k]) != 0) {
			w->failures++;
			if (got)
				snprintf(w->why, sizeof w->why, "thread %d, input %d: the results differ from "
				         "the single-threaded run", w->id, k);
		}
		free(got);
		cls = classify_all(ctx);
		if (strcmp(cls, expected_classify) != 0) {
			w->failures++;
			snprintf(w->why, sizeof w->why, "thread %d: classification differs", w->id);
		}
		free(cls);
		compliance_profile_free(ref);
		got = score_skm(k, w->why, sizeof w->why);
		if (!got || strcmp(got, skm_expected[k]) != 0) {
			w->failures++;
			if (got)
				snprintf(w->why, sizeof w->why, "thread %d, survey %d: the results differ "
				         "from the single-threaded run", w->id, k);
		}
		free(got);
	}
	compliance_ctx_free(ctx);
	return NULL;
}

static void shared_profile(void **state)
{
	compliance_ctx *ctx;
	pthread_t th[NTHREADS];
	worker w[NTHREADS];
	pthread_barrier_t start;
	char why[1200];
	int i, failures = 0;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	if (compliance_profile_load_file(ctx, &profile, COMPLIANCE_THREADS_PROFILE))
		fail_msg("%s", compliance_ctx_errmsg(ctx));

	/* the single-threaded run */
	for (i = 0; i < NINPUTS; i++) {
		inputs[i] = generate(i);
		expected[i] = score(i, why, sizeof why);
		if (!expected[i])
			fail_msg("%s", why);
		skm_inputs[i] = generate_skm(i);
		skm_expected[i] = score_skm(i, why, sizeof why);
		if (!skm_expected[i])
			fail_msg("%s", why);
	}
	expected_classify = classify_all(ctx);

	/* eight threads at once */
	assert_int_equal(pthread_barrier_init(&start, NULL, NTHREADS), 0);
	for (i = 0; i < NTHREADS; i++) {
		w[i].id = i;
		w[i].start = &start;
		w[i].failures = 0;
		w[i].why[0] = '\0';
		assert_int_equal(pthread_create(&th[i], NULL, run, &w[i]), 0);
	}
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	pthread_barrier_destroy(&start);
	for (i = 0; i < NTHREADS; i++) {
		if (w[i].failures)
			print_error("%s\n", w[i].why);
		failures += w[i].failures;
	}

	for (i = 0; i < NINPUTS; i++) {
		free(inputs[i]);
		free(expected[i]);
		free(skm_inputs[i]);
		free(skm_expected[i]);
	}
	free(expected_classify);
	compliance_profile_free(profile);
	compliance_ctx_free(ctx);
	assert_int_equal(failures, 0);
}

/* Built-in profiles opened with the C library's allocator are parsed once
 * and shared: eight threads opening every built-in at once all get the
 * pointer the main thread gets, and a context with its own allocator gets
 * a copy of its own. (ThreadSanitizer checks the publication.) */
static compliance_profile *builtin_main[64];
static compliance_profile *builtin_seen[NTHREADS][64]; /* what each thread got last */

static void *open_builtins(void *arg)
{
	worker *w = arg;
	compliance_ctx *ctx = NULL;
	size_t i, n = compliance_builtin_count(), round;

	pthread_barrier_wait(w->start);
	if (compliance_ctx_new(&ctx)) {
		w->failures++;
		return NULL;
	}
	for (round = 0; round < 20; round++)
		for (i = 0; i < n && i < 64; i++) {
			compliance_profile *p = NULL;
			if (compliance_profile_open(ctx, &p, compliance_builtin_id(i)) || !p) {
				snprintf(w->why, sizeof w->why, "%s: %s", compliance_builtin_id(i),
				         compliance_ctx_errmsg(ctx));
				w->failures++;
			} else {
				builtin_seen[w->id][i] = p;
			}
			compliance_profile_free(p);
		}
	compliance_ctx_free(ctx);
	return NULL;
}

static void *own_malloc(size_t size, void *ud) { (*(size_t *)ud)++; return malloc(size); }
static void *own_realloc(void *q, size_t size, void *ud) { (*(size_t *)ud)++; return realloc(q, size); }
static void own_free(void *q, void *ud) { (void)ud; free(q); }

static void shared_builtins(void **state)
{
	pthread_t th[NTHREADS];
	worker w[NTHREADS];
	pthread_barrier_t start;
	compliance_ctx *ctx = NULL, *own = NULL;
	compliance_profile *mine = NULL, *again = NULL;
	size_t calls = 0, i, n = compliance_builtin_count();
	compliance_allocator al = { own_malloc, own_realloc, own_free, &calls };
	int failures = 0;

	(void)state;
	assert_true(n <= 64);
	assert_int_equal(pthread_barrier_init(&start, NULL, NTHREADS + 1), 0);
	for (i = 0; i < NTHREADS; i++) {
		w[i].id = (int)i;
		w[i].start = &start;
		w[i].failures = 0;
		w[i].why[0] = '\0';
		assert_int_equal(pthread_create(&th[i], NULL, open_builtins, &w[i]), 0);
	}
	pthread_barrier_wait(&start); /* the threads race the main thread's first opens */
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(compliance_profile_open(ctx, &builtin_main[i], compliance_builtin_id(i)),
		                 COMPLIANCE_OK);
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	pthread_barrier_destroy(&start);
	/* after the race, every open gives the one shared copy */
	for (i = 0; i < n; i++) {
		compliance_profile *p = NULL;
		assert_int_equal(compliance_profile_open(NULL, &p, compliance_builtin_id(i)), 0);
		assert_ptr_equal(p, builtin_main[i]);
		compliance_profile_free(p);
	}
	for (i = 0; i < NTHREADS; i++) {
		size_t k;
		if (w[i].failures)
			print_error("%s\n", w[i].why);
		failures += w[i].failures;
		/* the cache keeps its reference: the pointers stay comparable */
		for (k = 0; k < n; k++)
			assert_ptr_equal(builtin_seen[i][k], builtin_main[k]);
	}
	assert_int_equal(failures, 0);
	/* a context with its own allocator gets its own copy, through it */
	assert_int_equal(compliance_ctx_new_with_allocator(&own, &al), 0);
	calls = 0;
	assert_int_equal(compliance_profile_open(own, &mine, "ombudsman-2023"), COMPLIANCE_OK);
	assert_true(calls > 0);
	assert_int_equal(compliance_profile_open(ctx, &again, "ombudsman-2023"), COMPLIANCE_OK);
	assert_ptr_not_equal(mine, again);
	assert_string_equal(compliance_profile_id(mine), compliance_profile_id(again));
	compliance_profile_free(mine);
	compliance_profile_free(again);
	compliance_ctx_free(own);
	for (i = 0; i < n; i++)
		compliance_profile_free(builtin_main[i]);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shared_profile),
		cmocka_unit_test(shared_builtins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
