/*
 * The advice is minimal: checked against brute force. For small fixtures
 * every answer vector at or above the current answers (each raisable
 * indicator from its answer to its maximum, locked ones held) is scored
 * afresh through compliance_assessment_compute(); the least effort (levels
 * raised) among the vectors that reach the target must be the advice's
 * effort, and the advice's plan and alternatives must be exactly the
 * vectors of that effort that reach it (all of them when there are at most
 * ten, else ten of them and "more_alternatives"). The target is judged
 * here independently: category letters in order, or the rounded score
 * against the target score. Also: a tie at the band edge (x.xx5 rounded
 * half-up), a qualifier-only gap, locks, a deduction, missing answers under
 * the minimum policy, the unit-score-only plan, and the two cases the issue
 * quotes (0->3 where one step suffices; 6 steps where 4 suffice), each
 * against the old greedy plan (raise to the maximum, largest gain first).
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

#define SMALL COMPLIANCE_TEST_DATA "/profiles/advise-small.json"
#define DEDUCTION COMPLIANCE_TEST_DATA "/profiles/deduction-2023.json"
#define INSTRUMENT COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"

/* One input of the fixture: a unit's answer (id, value), a unit's score
 * (id "="), or an entity-level input (unit NULL). */
typedef struct answer {
	const char *unit, *id, *value;
} answer;

/* A raisable indicator for the brute force: its answer now (-1: missing)
 * and its maximum. */
typedef struct freevar {
	const char *unit, *id;
	int now, max;
} freevar;

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
		assert_true(n >= 0);
		if ((size_t)n < room) {
			t->len += (size_t)n;
			return;
		}
		t->cap = t->cap * 2 + (size_t)n + 64;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
}

/* The JSON input of entity `name`: the answers, with the free variables
 * given the levels `lv` (a level of -1 leaves the answer out). */
static char *entity_json(const char *name, const answer *ans, const freevar *fv, const int *lv,
                         size_t nfv)
{
	text t = { NULL, 0, 0 };
	const char *units[16];
	size_t nunits = 0, i, j, k;
	int first;

	add(&t, "{\"entities\": [{\"entity\": \"%s\", \"entity_type\": \"kota\", \"inputs\": {", name);
	first = 1;
	for (i = 0; ans[i].id; i++)
		if (!ans[i].unit) {
			add(&t, "%s\"%s\": %s", first ? "" : ", ", ans[i].id, ans[i].value);
			first = 0;
		}
	add(&t, "}, \"units\": [");
	for (i = 0; ans[i].id; i++) {
		int seen = 0;
		if (!ans[i].unit)
			continue;
		for (j = 0; j < nunits; j++)
			seen |= !strcmp(units[j], ans[i].unit);
		if (!seen)
			units[nunits++] = ans[i].unit;
	}
	for (j = 0; j < nunits; j++) {
		int direct = 0;
		add(&t, "%s{\"unit\": \"%s\", ", j ? ", " : "", units[j]);
		for (i = 0; ans[i].id; i++)
			if (ans[i].unit && !strcmp(ans[i].unit, units[j]) && !strcmp(ans[i].id, "=")) {
				add(&t, "\"score\": \"%s\"}", ans[i].value);
				direct = 1;
			}
		if (direct)
			continue;
		add(&t, "\"values\": {");
		first = 1;
		for (i = 0; ans[i].id; i++) {
			const char *v = ans[i].value;
			char b[16];
			int skip = 0;
			if (!ans[i].unit || strcmp(ans[i].unit, units[j]))
				continue;
			for (k = 0; k < nfv; k++)
				if (!strcmp(fv[k].unit, units[j]) && !strcmp(fv[k].id, ans[i].id)) {
					snprintf(b, sizeof b, "%d", lv[k]);
					v = b;
					skip = lv[k] < 0;
				}
			if (skip)
				continue;
			add(&t, "%s\"%s\": %s", first ? "" : ", ", ans[i].id, v);
			first = 0;
		}
		/* free variables missing from the answers */
		for (k = 0; k < nfv; k++) {
			int given = 0;
			if (strcmp(fv[k].unit, units[j]) || lv[k] < 0)
				continue;
			for (i = 0; ans[i].id; i++)
				given |= ans[i].unit && !strcmp(ans[i].unit, units[j]) &&
				         !strcmp(ans[i].id, fv[k].id);
			if (!given) {
				add(&t, "%s\"%s\": %d", first ? "" : ", ", fv[k].id, lv[k]);
				first = 0;
			}
		}
		add(&t, "}}");
	}
	add(&t, "]}]}");
	return t.s;
}

static compliance_assessment *assess(compliance_ctx *ctx, compliance_profile *p,
                                     const char *json, int missing)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, missing),
	                 COMPLIANCE_OK);
	if (compliance_assessment_read_json_buffer(a, json, strlen(json), "fixture.json") ||
	    compliance_assessment_compute(a))
		fail_msg("%s\n%s", compliance_assessment_errmsg(a), json);
	return a;
}

/* Whether entity 0 reaches `target` ("A".."E", or a score), judged from
 * its category and rounded score; `now` is the category before. */
static int judge(compliance_assessment *a, const char *target, const char *now)
{
	const char *cat = compliance_assessment_entity_category(a, 0);
	int64_t s;

	if (!target[0])
		return cat[0] < now[0];
	if (target[0] >= 'A' && target[0] <= 'E')
		return cat[0] <= target[0];
	assert_int_equal(compliance_assessment_entity_score(a, 0, &s), COMPLIANCE_OK);
	return s >= (int64_t)atol(target) * 100; /* the tests' score targets are whole */
}

/* A plan's signature: "unit/id=level;" for each raised indicator, in the
 * order of the free variables. */
#define SIG 512
typedef struct sigset {
	char (*s)[SIG];
	size_t n;
} sigset;

static int has_sig(const sigset *ss, const char *sig)
{
	size_t i;

	for (i = 0; i < ss->n; i++)
		if (!strcmp(ss->s[i], sig))
			return 1;
	return 0;
}

/* The value of the next "key": at or after *pos and before `end`. */
static int next_value(const char **pos, const char *end, const char *key, char *buf, size_t size)
{
	char pat[64];
	const char *p, *q;

	snprintf(pat, sizeof pat, "\"%s\": ", key);
	p = strstr(*pos, pat);
	if (!p || (end && p >= end))
		return 0;
	p += strlen(pat);
	if (*p == '"') {
		p++;
		q = strchr(p, '"');
	} else {
		q = p + strcspn(p, ",\n}");
	}
	assert_non_null(q);
	assert_true((size_t)(q - p) < size);
	memcpy(buf, p, (size_t)(q - p));
	buf[q - p] = '\0';
	*pos = q;
	return 1;
}

/* The plan in [pos, end) as a signature in the order of the free variables. */
static void plan_sig(const char *pos, const char *end, const freevar *fv, size_t nfv, char *sig)
{
	char unit[64], id[64], to[16];
	char lv[64][16];
	size_t k;

	for (k = 0; k < nfv; k++)
		lv[k][0] = '\0';
	while (next_value(&pos, end, "unit", unit, sizeof unit)) {
		int found = 0;
		assert_true(next_value(&pos, end, "indicator", id, sizeof id));
		assert_true(next_value(&pos, end, "raise_to", to, sizeof to));
		for (k = 0; k < nfv; k++)
			if (!strcmp(fv[k].unit, unit) && !strcmp(fv[k].id, id)) {
				snprintf(lv[k], sizeof lv[k], "%s", to);
				found = 1;
			}
		if (!found)
			fail_msg("the plan raises %s/%s, which is not free", unit, id);
	}
	sig[0] = '\0';
	for (k = 0; k < nfv; k++)
		if (lv[k][0])
			snprintf(sig + strlen(sig), SIG - strlen(sig), "%s/%s=%s;", fv[k].unit, fv[k].id,
			         lv[k]);
}

typedef struct advice {
	char *json;
	long effort;
	int reachable, more;
	sigset plans; /* the plan, then the alternatives */
} advice;

static void get_advice(compliance_assessment *a, const char *target, const char *const *locks,
                       const freevar *fv, size_t nfv, advice *out)
{
	const char *pos, *steps, *alts, *more, *end;
	char buf[32];
	size_t i;

	memset(out, 0, sizeof *out);
	assert_int_equal(compliance_assessment_advise_target(a, target), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_advise_lock(a, NULL), COMPLIANCE_OK);
	for (i = 0; locks && locks[i]; i++)
		assert_int_equal(compliance_assessment_advise_lock(a, locks[i]), COMPLIANCE_OK);
	if (compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_JSON, &out->json))
		fail_msg("advise: %s", compliance_assessment_errmsg(a));
	pos = out->json;
	assert_true(next_value(&pos, NULL, "reachable", buf, sizeof buf));
	out->reachable = !strcmp(buf, "true");
	assert_true(next_value(&pos, NULL, "effort", buf, sizeof buf));
	out->effort = atol(buf);
	steps = strstr(out->json, "\"steps\": [");
	alts = strstr(out->json, "\"alternatives\": [");
	more = strstr(out->json, "\"more_alternatives\": ");
	assert_non_null(steps);
	assert_non_null(alts);
	assert_non_null(more);
	out->more = !strncmp(more + strlen("\"more_alternatives\": "), "true", 4);
	out->plans.s = calloc(16, SIG);
	assert_non_null(out->plans.s);
	if (!out->reachable)
		return;
	plan_sig(steps, alts, fv, nfv, out->plans.s[out->plans.n++]);
	pos = alts;
	while ((pos = strstr(pos, "\"steps\": [")) && pos < more) {
		end = strstr(pos, "\"score_after\"");
		assert_non_null(end);
		assert_true(out->plans.n < 16);
		plan_sig(pos, end, fv, nfv, out->plans.s[out->plans.n++]);
		pos = end;
	}
}

static void free_advice(advice *ad)
{
	compliance_free(ad->json);
	free(ad->plans.s);
}

/*
 * The brute force: every vector of levels (each free variable from its
 * answer to its maximum, locked variables held), scored afresh; the least
 * effort that reaches `target` and every vector of that effort that does,
 * compared with the advice.
 */
static void brute_force(const char *profile, const char *name, const answer *ans,
                        const freevar *fv, size_t nfv, int missing, const char *target,
                        const char *const *locks)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	int lv[32], held[32];
	long best = -1;
	sigset min = { NULL, 0 };
	size_t k, cap = 0, i;
	char now[8], *json;
	advice ad;

	assert_true(nfv <= 32);
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, profile), COMPLIANCE_OK);
	for (k = 0; k < nfv; k++) {
		lv[k] = fv[k].now;
		held[k] = 0;
		for (i = 0; locks && locks[i]; i++) {
			size_t n = strlen(locks[i]);
			/* a node locks the indicators below it: ids "q" lock "q.1" */
			held[k] |= !strcmp(fv[k].id, locks[i]) ||
			           (!strncmp(fv[k].id, locks[i], n) && fv[k].id[n] == '.');
		}
	}
	json = entity_json(name, ans, fv, lv, nfv);
	a = assess(ctx, p, json, missing);
	free(json);
	snprintf(now, sizeof now, "%s", compliance_assessment_entity_category(a, 0));
	get_advice(a, target, locks, fv, nfv, &ad);
	for (;;) {
		compliance_assessment *b;
		long effort = 0;
		char sig[SIG] = "";
		for (k = 0; k < nfv; k++) {
			int from = fv[k].now < 0 ? 0 : fv[k].now, to = lv[k] < 0 ? 0 : lv[k];
			effort += to - from;
			if (lv[k] != fv[k].now)
				snprintf(sig + strlen(sig), SIG - strlen(sig), "%s/%s=%d;", fv[k].unit,
				         fv[k].id, lv[k]);
		}
		json = entity_json(name, ans, fv, lv, nfv);
		b = assess(ctx, p, json, missing);
		free(json);
		if (judge(b, target, now) && (best < 0 || effort <= best)) {
			if (effort < best || best < 0) {
				best = effort;
				min.n = 0;
			}
			if (min.n == cap) {
				cap = cap ? cap * 2 : 64;
				min.s = realloc(min.s, cap * SIG);
				assert_non_null(min.s);
			}
			snprintf(min.s[min.n++], SIG, "%s", sig);
		}
		compliance_assessment_free(b);
		/* the next vector */
		for (k = 0; k < nfv; k++) {
			if (held[k])
				continue;
			if (lv[k] < fv[k].max) {
				lv[k] = lv[k] < 0 ? 1 : lv[k] + 1;
				break;
			}
			lv[k] = fv[k].now;
		}
		if (k == nfv)
			break;
	}
	if (best == 0) { /* already there: nothing to raise */
		if (!strstr(ad.json, "\"status\": \"reached\"") &&
		    !strstr(ad.json, "\"status\": \"qualifier\""))
			fail_msg("%s, target '%s': already reached, the advice says:\n%s", name, target,
			         ad.json);
	} else if (best < 0) {
		if (ad.reachable)
			fail_msg("%s, target '%s': brute force finds no plan, the advice does:\n%s", name,
			         target, ad.json);
	} else {
		if (!ad.reachable || ad.effort != best)
			fail_msg("%s, target '%s': brute force needs %ld steps (%zu plans, e.g. %s), the "
			         "advice says %ld:\n%s", name, target, best, min.n, min.s[0], ad.effort,
			         ad.json);
		for (i = 0; i < ad.plans.n; i++)
			if (!has_sig(&min, ad.plans.s[i]))
				fail_msg("%s, target '%s': plan %zu (%s) is not a least-effort plan", name,
				         target, i, ad.plans.s[i]);
			else
				for (k = 0; k < i; k++)
					if (!strcmp(ad.plans.s[k], ad.plans.s[i]))
						fail_msg("plan %s listed twice", ad.plans.s[i]);
		if (min.n <= 10) {
			if (ad.plans.n != min.n || ad.more)
				fail_msg("%s, target '%s': %zu least-effort plans, the advice lists %zu:\n%s",
				         name, target, min.n, ad.plans.n, ad.json);
		} else {
			assert_int_equal(ad.plans.n, 10);
			assert_true(ad.more);
		}
	}
	free(min.s);
	free_advice(&ad);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* advise-small.json: unit = 10 p.1 + 9 q.1 + 25 r.1 + 6 s.1 (p, q, s on
 * 0-3, r yes/no). */
static const answer enam[] = {
	{ "U1", "p.1", "0" }, { "U1", "q.1", "0" }, { "U1", "r.1", "false" }, { "U1", "s.1", "3" },
	{ NULL, NULL, NULL }
};
static const freevar enam_fv[] = {
	{ "U1", "p.1", 0, 3 }, { "U1", "q.1", 0, 3 }, { "U1", "r.1", 0, 1 }
};

/* Two units from answers and one scored directly; the flag deducts 5. */
static const answer dua[] = {
	{ "U1", "p.1", "1" },     { "U1", "q.1", "2" },     { "U1", "r.1", "false" },
	{ "U1", "s.1", "1" },     { "U2", "p.1", "2" },     { "U2", "q.1", "0" },
	{ "U2", "r.1", "true" },  { "U2", "s.1", "2" },     { "U3", "=", "61.27" },
	{ NULL, "supervision-ignored", "true" },           { NULL, NULL, NULL }
};
static const freevar dua_fv[] = {
	{ "U1", "p.1", 1, 3 }, { "U1", "q.1", 2, 3 }, { "U1", "r.1", 0, 1 }, { "U1", "s.1", 1, 3 },
	{ "U2", "p.1", 2, 3 }, { "U2", "q.1", 0, 3 }, { "U2", "s.1", 2, 3 }
};

/* The example instrument (weights 21.85 32.37 24.24 21.54; thirds) with
 * the flag (deduction 10) and the qualifier's input. */
static const answer tengah[] = {
	{ "U1", "input.1", "2" },     { "U1", "input.2", "3" },     { "U1", "input.3", "1" },
	{ "U1", "proses.1", "3" },    { "U1", "proses.2", "1" },    { "U1", "output.1", "3" },
	{ "U1", "output.2", "2" },    { "U1", "pengaduan.1", "1" }, { "U1", "pengaduan.2", "1" },
	{ "U1", "pengaduan.3", "0" }, { "U2", "input.1", "3" },     { "U2", "input.2", "2" },
	{ "U2", "input.3", "3" },     { "U2", "proses.1", "2" },    { "U2", "proses.2", "3" },
	{ "U2", "output.1", "3" },    { "U2", "output.2", "3" },    { "U2", "pengaduan.1", "1" },
	{ "U2", "pengaduan.2", "0" }, { "U2", "pengaduan.3", "1" }, { "U3", "=", "80.04" },
	{ NULL, "supervision-ignored", "true" },
	{ NULL, "supervision_followed_up", "true" },
	{ NULL, NULL, NULL }
};
static const freevar tengah_fv[] = {
	{ "U1", "input.1", 2, 3 },  { "U1", "input.3", 1, 3 },     { "U1", "proses.2", 1, 3 },
	{ "U1", "output.2", 2, 3 }, { "U1", "pengaduan.3", 0, 1 }, { "U2", "input.2", 2, 3 },
	{ "U2", "proses.1", 2, 3 }, { "U2", "pengaduan.2", 0, 1 }
};

/* Kota Contoh of the examples with DPMPTSP's input.2 missing. */
static const answer contoh_missing[] = {
	{ "Disdukcapil", "input.1", "3" },     { "Disdukcapil", "input.2", "2" },
	{ "Disdukcapil", "input.3", "3" },     { "Disdukcapil", "proses.1", "3" },
	{ "Disdukcapil", "proses.2", "2" },    { "Disdukcapil", "output.1", "3" },
	{ "Disdukcapil", "output.2", "2" },    { "Disdukcapil", "pengaduan.1", "1" },
	{ "Disdukcapil", "pengaduan.2", "1" }, { "Disdukcapil", "pengaduan.3", "0" },
	{ "DPMPTSP", "input.1", "2" },         { "DPMPTSP", "input.3", "3" },
	{ "DPMPTSP", "proses.1", "3" },        { "DPMPTSP", "proses.2", "3" },
	{ "DPMPTSP", "output.1", "2" },        { "DPMPTSP", "output.2", "3" },
	{ "DPMPTSP", "pengaduan.1", "1" },     { "DPMPTSP", "pengaduan.2", "1" },
	{ "DPMPTSP", "pengaduan.3", "1" },     { "Dinas Sosial", "=", "81.25" },
	{ NULL, NULL, NULL }
};
static const freevar contoh_missing_fv[] = {
	{ "Disdukcapil", "input.2", 2, 3 },  { "Disdukcapil", "proses.2", 2, 3 },
	{ "Disdukcapil", "output.2", 2, 3 }, { "Disdukcapil", "pengaduan.3", 0, 1 },
	{ "DPMPTSP", "input.1", 2, 3 },      { "DPMPTSP", "output.1", 2, 3 },
	{ "DPMPTSP", "input.2", -1, 3 }
};

#define N(x) (sizeof(x) / sizeof *(x))

static void test_brute_small(void **state)
{
	static const char *const targets[] = { "", "D", "C", "68", "B", "A", "100" };
	size_t t;

	(void)state;
	for (t = 0; t < N(targets); t++)
		brute_force(SMALL, "Kota Enam", enam, enam_fv, N(enam_fv), COMPLIANCE_MISSING_ERROR,
		            targets[t], NULL);
}

static void test_brute_units_deduction(void **state)
{
	static const char *const targets[] = { "", "B", "80", "A", "90" };
	size_t t;

	(void)state;
	for (t = 0; t < N(targets); t++)
		brute_force(SMALL, "Kota Dua", dua, dua_fv, N(dua_fv), COMPLIANCE_MISSING_ERROR,
		            targets[t], NULL);
}

static void test_brute_locks(void **state)
{
	static const char *const locks[] = { "q", NULL };
	static const char *const locks2[] = { "r.1", "s.1", NULL };
	static const char *const targets[] = { "", "B", "A" };
	size_t t;

	(void)state;
	for (t = 0; t < N(targets); t++) {
		brute_force(SMALL, "Kota Dua", dua, dua_fv, N(dua_fv), COMPLIANCE_MISSING_ERROR,
		            targets[t], locks);
		brute_force(SMALL, "Kota Dua", dua, dua_fv, N(dua_fv), COMPLIANCE_MISSING_ERROR,
		            targets[t], locks2);
	}
}

static void test_brute_instrument(void **state)
{
	static const char *const targets[] = { "", "B", "80", "A" };
	size_t t;

	(void)state;
	for (t = 0; t < N(targets); t++)
		brute_force(DEDUCTION, "Kota Tengah", tengah, tengah_fv, N(tengah_fv),
		            COMPLIANCE_MISSING_ERROR, targets[t], NULL);
}

static void test_brute_missing_minimum(void **state)
{
	static const char *const targets[] = { "", "A", "92" };
	size_t t;

	(void)state;
	for (t = 0; t < N(targets); t++)
		brute_force(INSTRUMENT, "Kota Contoh", contoh_missing, contoh_missing_fv,
		            N(contoh_missing_fv), COMPLIANCE_MISSING_MINIMUM, targets[t], NULL);
}

/* Under the exclude policy an unanswered indicator is left out of the
 * weights: answering it re-weights its group (not linear). Kota Contoh with
 * DPMPTSP's input.2 unanswered, and Kota Hilang (advise-small.json) with
 * p.1 and q.1 unanswered: r and s alone give (25 + 18 * 2/3) / 43 * 100 =
 * 86.05; p.1 answered 1 lowers it to 47 / 73 * 100 = 64.38, answered 3
 * raises it to 67 / 73 * 100 = 91.78. */
static const answer hilang[] = {
	{ "U1", "r.1", "true" }, { "U1", "s.1", "2" }, { "U2", "=", "70.00" }, { NULL, NULL, NULL }
};
static const freevar hilang_fv[] = {
	{ "U1", "p.1", -1, 3 }, { "U1", "q.1", -1, 3 }, { "U1", "s.1", 2, 3 }
};

/* r.1 locked at 0, s.1 at 1: 6 / 43 * 100 = 13.95; answering p.1 or q.1
 * is part of every least-effort plan to 60 (p.1 2 and s.1 3: 38 / 73 *
 * 100 = 52.05, mean 61.03) */
static const answer hilang2[] = {
	{ "U1", "r.1", "false" }, { "U1", "s.1", "1" }, { "U2", "=", "70.00" }, { NULL, NULL, NULL }
};
static const freevar hilang2_fv[] = {
	{ "U1", "p.1", -1, 3 }, { "U1", "q.1", -1, 3 }, { "U1", "r.1", 0, 1 }, { "U1", "s.1", 1, 3 }
};

static void test_brute_missing_exclude(void **state)
{
	static const char *const locks[] = { "r.1", NULL };
	static const char *const targets3[] = { "", "55", "60", "70", "C" };
	static const char *const targets[] = { "", "B", "80", "85", "A" };
	static const char *const targets2[] = { "", "A", "90" };
	size_t t;

	(void)state;
	for (t = 0; t < N(targets); t++)
		brute_force(SMALL, "Kota Hilang", hilang, hilang_fv, N(hilang_fv),
		            COMPLIANCE_MISSING_EXCLUDE, targets[t], NULL);
	for (t = 0; t < N(targets2); t++)
		brute_force(INSTRUMENT, "Kota Contoh", contoh_missing, contoh_missing_fv,
		            N(contoh_missing_fv), COMPLIANCE_MISSING_EXCLUDE, targets2[t], NULL);
	for (t = 0; t < N(targets3); t++) {
		brute_force(SMALL, "Kota Hilang", hilang2, hilang2_fv, N(hilang2_fv),
		            COMPLIANCE_MISSING_EXCLUDE, targets3[t], locks);
		brute_force(SMALL, "Kota Hilang", hilang2, hilang2_fv, N(hilang2_fv),
		            COMPLIANCE_MISSING_EXCLUDE, targets3[t], NULL);
	}
}

/* One entity of advise-small.json, advised (JSON) with `target`. */
static char *advise_small(compliance_ctx *ctx, compliance_profile *p, const answer *ans,
                          const char *target, compliance_assessment **keep)
{
	compliance_assessment *a;
	char *json = entity_json("K", ans, NULL, NULL, 0), *out = NULL;

	a = assess(ctx, p, json, COMPLIANCE_MISSING_ERROR);
	free(json);
	assert_int_equal(compliance_assessment_advise_target(a, target), COMPLIANCE_OK);
	if (compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_JSON, &out))
		fail_msg("%s", compliance_assessment_errmsg(a));
	if (keep)
		*keep = a;
	else
		compliance_assessment_free(a);
	return out;
}

static void expect_in(const char *doc, const char *part)
{
	if (!strstr(doc, part))
		fail_msg("no \"%s\" in:\n%s", part, doc);
}

/* The entity's score with the answers `ans` (for the greedy comparisons). */
static void expect_score(compliance_ctx *ctx, compliance_profile *p, const answer *ans,
                         const char *score, const char *category)
{
	char *json = entity_json("K", ans, NULL, NULL, 0);
	compliance_assessment *a = assess(ctx, p, json, COMPLIANCE_MISSING_ERROR);

	free(json);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), score);
	assert_string_equal(compliance_assessment_entity_category(a, 0), category);
	compliance_assessment_free(a);
}

/*
 * The issue's first case: 10*0 + 9*3 + 25 + 6*3 = 70.00, C. The old
 * advice raised the indicator with the largest gain to its maximum: p.1
 * 0->3 (+30, three steps) -> 100.00, A: an overshoot. One step, p.1 0->1,
 * gives 80.00, B.
 */
static void test_issue_overshoot(void **state)
{
	static const answer lompat[] = { { "U1", "p.1", "0" }, { "U1", "q.1", "3" },
		                         { "U1", "r.1", "true" }, { "U1", "s.1", "3" },
		                         { NULL, NULL, NULL } };
	static const answer greedy[] = { { "U1", "p.1", "3" }, { "U1", "q.1", "3" },
		                         { "U1", "r.1", "true" }, { "U1", "s.1", "3" },
		                         { NULL, NULL, NULL } };
	static const answer best[] = { { "U1", "p.1", "1" }, { "U1", "q.1", "3" },
		                       { "U1", "r.1", "true" }, { "U1", "s.1", "3" },
		                       { NULL, NULL, NULL } };
	compliance_ctx *ctx;
	compliance_profile *p;
	char *out;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, SMALL), COMPLIANCE_OK);
	expect_score(ctx, p, lompat, "70.00", "C");
	expect_score(ctx, p, greedy, "100.00", "A"); /* the old plan: 3 steps */
	expect_score(ctx, p, best, "80.00", "B");    /* 1 step */
	out = advise_small(ctx, p, lompat, NULL, NULL);
	expect_in(out, "\"effort\": 1,");
	expect_in(out, "\"indicator\": \"p.1\"");
	expect_in(out, "\"from\": \"0\",\n      \"raise_to\": \"1\",\n      \"levels\": 1");
	expect_in(out, "\"score_after\": \"80.00\"");
	expect_in(out, "\"alternatives\": []");
	compliance_free(out);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/*
 * The issue's second case: 18.00 (s.1 at 3) to reach 68: +50. The old
 * order (largest full gain first: p.1 +30, q.1 +27, r.1 +25) raised p.1
 * and q.1 to 3: 75.00, six steps. Four suffice: r.1 (25) and three levels
 * of p.1 or q.1 (27 to 30): four plans, 70 to 73.
 */
static void test_issue_six_for_four(void **state)
{
	static const answer greedy[] = { { "U1", "p.1", "3" }, { "U1", "q.1", "3" },
		                         { "U1", "r.1", "false" }, { "U1", "s.1", "3" },
		                         { NULL, NULL, NULL } };
	static const answer greedy1[] = { { "U1", "p.1", "3" }, { "U1", "q.1", "0" },
		                          { "U1", "r.1", "false" }, { "U1", "s.1", "3" },
		                          { NULL, NULL, NULL } };
	compliance_ctx *ctx;
	compliance_profile *p;
	char *out;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, SMALL), COMPLIANCE_OK);
	expect_score(ctx, p, greedy1, "48.00", "D"); /* the old first step: not there */
	expect_score(ctx, p, greedy, "75.00", "C");  /* the old plan: 6 steps */
	out = advise_small(ctx, p, enam, "68", NULL);
	expect_in(out, "\"effort\": 4,");
	expect_in(out, "\"more_alternatives\": false");
	compliance_free(out);
	/* and the brute force agrees: 4 steps, exactly these 4 plans */
	brute_force(SMALL, "Kota Enam", enam, enam_fv, N(enam_fv), COMPLIANCE_MISSING_ERROR, "68",
	            NULL);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/*
 * A tie at the band edge: U1 = 10 + 9 + 25 + 6 = 50, U2 95.99. p.1 1->2
 * (now 72.995: 73.00, C) gives U1 60.00 and the mean (60 + 95.99) / 2 = 77.995 exactly, which
 * rounds half-up to 78.00: B in one step. With U2 95.98 the mean is 77.99:
 * one step is not enough (q.1 gives 59, s.1 56), and two are needed.
 */
static void test_band_edge_tie(void **state)
{
	static const answer tie[] = { { "U1", "p.1", "1" }, { "U1", "q.1", "1" },
		                      { "U1", "r.1", "true" }, { "U1", "s.1", "1" },
		                      { "U2", "=", "95.99" }, { NULL, NULL, NULL } };
	static const answer below[] = { { "U1", "p.1", "1" }, { "U1", "q.1", "1" },
		                        { "U1", "r.1", "true" }, { "U1", "s.1", "1" },
		                        { "U2", "=", "95.98" }, { NULL, NULL, NULL } };
	static const answer tie_done[] = { { "U1", "p.1", "2" }, { "U1", "q.1", "1" },
		                           { "U1", "r.1", "true" }, { "U1", "s.1", "1" },
		                           { "U2", "=", "95.99" }, { NULL, NULL, NULL } };
	static const freevar fv[] = { { "U1", "p.1", 1, 3 }, { "U1", "q.1", 1, 3 },
		                      { "U1", "s.1", 1, 3 } };
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	char *out;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, SMALL), COMPLIANCE_OK);
	{
		char *json = entity_json("K", tie_done, NULL, NULL, 0);
		a = assess(ctx, p, json, COMPLIANCE_MISSING_ERROR);
		free(json);
		assert_string_equal(compliance_assessment_entity_mean_text(a, 0), "77.995");
		assert_string_equal(compliance_assessment_entity_score_text(a, 0), "78.00");
		assert_string_equal(compliance_assessment_entity_category(a, 0), "B");
		compliance_assessment_free(a);
	}
	out = advise_small(ctx, p, tie, NULL, NULL);
	expect_in(out, "\"score\": \"73.00\"");
	expect_in(out, "\"effort\": 1,");
	expect_in(out, "\"raise_to\": \"2\"");
	expect_in(out, "\"score_after\": \"78.00\"");
	expect_in(out, "\"band_after\": \"B\"");
	compliance_free(out);
	out = advise_small(ctx, p, below, NULL, NULL);
	expect_in(out, "\"effort\": 2,");
	compliance_free(out);
	out = advise_small(ctx, p, tie, "78", NULL);
	expect_in(out, "\"effort\": 1,");
	compliance_free(out);
	brute_force(SMALL, "K", tie, fv, N(fv), COMPLIANCE_MISSING_ERROR, "", NULL);
	brute_force(SMALL, "K", below, fv, N(fv), COMPLIANCE_MISSING_ERROR, "", NULL);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/*
 * A qualifier-only gap: 10*3 + 9*3 + 25 + 6*2 = 94.00, A (the top band)
 * without "Tanpa Maladministrasi": no step raises the label; the advice
 * names the input. With the input given: the top band, plainly; at 100.00:
 * the maximum.
 */
static void test_qualifier_gap(void **state)
{
	static const answer gap[] = { { "U1", "p.1", "3" }, { "U1", "q.1", "3" },
		                      { "U1", "r.1", "true" }, { "U1", "s.1", "2" },
		                      { NULL, "supervision_followed_up", "false" },
		                      { NULL, NULL, NULL } };
	static const answer top[] = { { "U1", "p.1", "3" }, { "U1", "q.1", "3" },
		                      { "U1", "r.1", "true" }, { "U1", "s.1", "2" },
		                      { NULL, "supervision_followed_up", "true" },
		                      { NULL, NULL, NULL } };
	static const answer max[] = { { "U1", "p.1", "3" }, { "U1", "q.1", "3" },
		                      { "U1", "r.1", "true" }, { "U1", "s.1", "3" },
		                      { NULL, "supervision_followed_up", "true" },
		                      { NULL, NULL, NULL } };
	static const answer b_gap[] = { { "U1", "p.1", "2" }, { "U1", "q.1", "3" },
		                        { "U1", "r.1", "true" }, { "U1", "s.1", "2" },
		                        { NULL, NULL, NULL } };
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	char *out, *txt = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, SMALL), COMPLIANCE_OK);
	out = advise_small(ctx, p, gap, NULL, &a);
	expect_in(out, "\"score\": \"94.00\"");
	expect_in(out, "\"target\": null");
	expect_in(out, "\"status\": \"qualifier\"");
	expect_in(out, "\"steps\": []");
	expect_in(out, "\"input\": \"supervision_followed_up\"");
	expect_in(out, "\"given\": false");
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_TEXT, &txt),
	                 COMPLIANCE_OK);
	expect_in(txt, "the score already reaches the top band: only the label's qualifier is "
	               "missing\n");
	expect_in(txt, "qualifier tanpa-maladministrasi: the label gets \" Tanpa Maladministrasi\" "
	               "when supervision_followed_up is yes (now no)\n");
	compliance_free(txt);
	compliance_assessment_free(a);
	compliance_free(out);
	out = advise_small(ctx, p, top, NULL, &a);
	expect_in(out, "\"status\": \"top\"");
	expect_in(out, "\"qualifiers\": []");
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_TEXT, &txt),
	                 COMPLIANCE_OK);
	expect_in(txt, "already in the top band: no higher band to reach\n");
	compliance_free(txt);
	compliance_assessment_free(a);
	compliance_free(out);
	out = advise_small(ctx, p, max, NULL, &a);
	expect_in(out, "\"score\": \"100.00\"");
	expect_in(out, "\"status\": \"maximum\"");
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_TEXT, &txt),
	                 COMPLIANCE_OK);
	expect_in(txt, "already at the maximum score 100.00: nothing to raise\n");
	compliance_free(txt);
	compliance_assessment_free(a);
	compliance_free(out);
	/* a user target already met: 84.00 reaches B; the qualifier is missing */
	out = advise_small(ctx, p, b_gap, "B", NULL);
	expect_in(out, "\"status\": \"qualifier\"");
	expect_in(out, "\"given\": null");
	compliance_free(out);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* The deduction (5) in the plan: 70.00 - 5 = 65.00, C; B needs U1 >= 83:
 * p.1 0->2 (90 - 5 = 85.00), two steps where one sufficed without it. */
static void test_deduction(void **state)
{
	static const answer flagged[] = { { "U1", "p.1", "0" }, { "U1", "q.1", "3" },
		                          { "U1", "r.1", "true" }, { "U1", "s.1", "3" },
		                          { NULL, "supervision-ignored", "true" },
		                          { NULL, NULL, NULL } };
	static const freevar fv[] = { { "U1", "p.1", 0, 3 } };
	compliance_ctx *ctx;
	compliance_profile *p;
	char *out;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, SMALL), COMPLIANCE_OK);
	out = advise_small(ctx, p, flagged, NULL, NULL);
	expect_in(out, "\"score\": \"65.00\"");
	expect_in(out, "\"effort\": 2,");
	expect_in(out, "\"raise_to\": \"2\"");
	expect_in(out, "\"score_after\": \"85.00\"");
	expect_in(out, "\"deduction\": \"5\"");
	compliance_free(out);
	brute_force(SMALL, "K", flagged, fv, N(fv), COMPLIANCE_MISSING_ERROR, "", NULL);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Locks: with r.1 and p locked, Kota Enam reaches 68 only by q.1 (27):
 * not enough (18 + 27 = 45); the advice says so and names the locks. */
static void test_locks(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	char *json = entity_json("K", enam, NULL, NULL, 0), *out = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_file(ctx, &p, SMALL), COMPLIANCE_OK);
	a = assess(ctx, p, json, COMPLIANCE_MISSING_ERROR);
	free(json);
	assert_int_equal(compliance_assessment_advise_lock(a, "nope"), COMPLIANCE_E_NOTFOUND);
	expect_in(compliance_assessment_errmsg(a), "advise: lock 'nope': profile test-advise-small "
	                                          "has no node of that id");
	assert_int_equal(compliance_assessment_advise_target(a, "Z"), COMPLIANCE_E_PARSE);
	assert_int_equal(compliance_assessment_advise_target(a, "101"), COMPLIANCE_E_RANGE);
	assert_int_equal(compliance_assessment_advise_target(a, "68"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_advise_lock(a, "r.1"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_advise_lock(a, "p"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_JSON, &out),
	                 COMPLIANCE_OK);
	expect_in(out, "\"status\": \"unreachable\"");
	expect_in(out, "\"best_score\": \"45.00\"");
	expect_in(out, "\"locked\": [\n    \"p.1\",\n    \"r.1\"\n  ]");
	compliance_free(out);
	/* unlocked: 4 steps again */
	assert_int_equal(compliance_assessment_advise_lock(a, NULL), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_JSON, &out),
	                 COMPLIANCE_OK);
	expect_in(out, "\"effort\": 4,");
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/*
 * Unit scores only (ombudsman-2022): 80.00, 75.50, 70.01 -> 225.51 / 3 =
 * 75.17, C. B needs a mean of 77.995 or more: a sum of 233.985, i.e.
 * 233.99 at two decimals: +8.48 in all. Checked: one unit +8.48 gives
 * 78.00 (B), +8.47 gives 77.99 (C).
 */
static void test_units_only(void **state)
{
	static const answer units[] = { { "U1", "=", "80.00" }, { "U2", "=", "75.50" },
		                        { "U3", "=", "70.01" }, { NULL, NULL, NULL } };
	static const answer plus48[] = { { "U1", "=", "88.48" }, { "U2", "=", "75.50" },
		                         { "U3", "=", "70.01" }, { NULL, NULL, NULL } };
	static const answer plus47[] = { { "U1", "=", "80.00" }, { "U2", "=", "83.97" },
		                         { "U3", "=", "70.01" }, { NULL, NULL, NULL } };
	compliance_ctx *ctx;
	compliance_profile *p;
	char *out;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2022"), COMPLIANCE_OK);
	expect_score(ctx, p, plus48, "78.00", "B");
	expect_score(ctx, p, plus47, "77.99", "C");
	out = advise_small(ctx, p, units, NULL, NULL);
	expect_in(out, "\"status\": \"units\"");
	expect_in(out, "\"total_increase\": \"8.48\"");
	expect_in(out, "\"unit\": \"U1\",\n        \"score\": \"80.00\",\n        \"to\": \"88.48\"");
	expect_in(out, "\"unit\": \"U3\",\n        \"score\": \"70.01\",\n        \"to\": \"78.49\"");
	compliance_free(out);
	/* A (88) needs 263.985 -> 263.99: +38.48; no unit alone (room 20, 24.5,
	 * 29.99): U3 to 100.00 (+29.99), then U2 to 83.99 (+8.49) */
	out = advise_small(ctx, p, units, "A", NULL);
	expect_in(out, "\"total_increase\": \"38.48\"");
	expect_in(out, "\"one_unit\": []");
	expect_in(out, "\"unit\": \"U3\",\n        \"score\": \"70.01\",\n        \"to\": \"100.00\"");
	expect_in(out, "\"unit\": \"U2\",\n        \"score\": \"75.50\",\n        \"to\": \"83.99\"");
	compliance_free(out);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_brute_small),
		cmocka_unit_test(test_brute_units_deduction),
		cmocka_unit_test(test_brute_locks),
		cmocka_unit_test(test_brute_instrument),
		cmocka_unit_test(test_brute_missing_minimum),
		cmocka_unit_test(test_brute_missing_exclude),
		cmocka_unit_test(test_issue_overshoot),
		cmocka_unit_test(test_issue_six_for_four),
		cmocka_unit_test(test_band_edge_tie),
		cmocka_unit_test(test_qualifier_gap),
		cmocka_unit_test(test_deduction),
		cmocka_unit_test(test_locks),
		cmocka_unit_test(test_units_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
