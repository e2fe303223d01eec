/*
 * Advice through the public API, checked against compute: every step's
 * score_after, band_after and label_after must be what
 * compliance_assessment_compute() gives once the answers up to that step
 * are raised (a fresh assessment, the changed answers re-added). Fixtures:
 * the example 2023 instrument, and the same with a known flag deduction of
 * 10 and a qualifier (tests/data/profiles/deduction-2023.json). Also the
 * hand-computed plans, and the errors advise leaves on the assessment.
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

#define INSTRUMENT COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"
#define DEDUCTION COMPLIANCE_TEST_DATA "/profiles/deduction-2023.json"
#define OVERFLOW COMPLIANCE_TEST_DATA "/profiles/advise-overflow.json"
#define PRODUCTS COMPLIANCE_TEST_DATA "/profiles/products-2021.json"

/* One answer of a unit: node id and the JSON token of its value. */
typedef struct answer {
	const char *unit, *id, *value;
} answer;

/* An entity of one fixture: its answers, unit scores ("=" as id) and
 * entity-level inputs (unit NULL). */
typedef struct fixture_entity {
	const char *name;
	const answer *answers;
} fixture_entity;

/* The example answers (examples/data/answers-2023.csv). */
static const answer contoh[] = {
	{ "Disdukcapil", "input.1", "3" },      { "Disdukcapil", "input.2", "2" },
	{ "Disdukcapil", "input.3", "3" },      { "Disdukcapil", "proses.1", "3" },
	{ "Disdukcapil", "proses.2", "2" },     { "Disdukcapil", "output.1", "3" },
	{ "Disdukcapil", "output.2", "2" },     { "Disdukcapil", "pengaduan.1", "1" },
	{ "Disdukcapil", "pengaduan.2", "1" },  { "Disdukcapil", "pengaduan.3", "0" },
	{ "DPMPTSP", "input.1", "2" },          { "DPMPTSP", "input.2", "3" },
	{ "DPMPTSP", "input.3", "3" },          { "DPMPTSP", "proses.1", "3" },
	{ "DPMPTSP", "proses.2", "3" },         { "DPMPTSP", "output.1", "2" },
	{ "DPMPTSP", "output.2", "3" },         { "DPMPTSP", "pengaduan.1", "1" },
	{ "DPMPTSP", "pengaduan.2", "1" },      { "DPMPTSP", "pengaduan.3", "1" },
	{ "Dinas Sosial", "=", "\"81.25\"" },   { NULL, NULL, NULL }
};

/* The same with the flag set (deduction 10) and the qualifier's input. */
static const answer contoh_flagged[] = {
	{ "Disdukcapil", "input.1", "3" },      { "Disdukcapil", "input.2", "2" },
	{ "Disdukcapil", "input.3", "3" },      { "Disdukcapil", "proses.1", "3" },
	{ "Disdukcapil", "proses.2", "2" },     { "Disdukcapil", "output.1", "3" },
	{ "Disdukcapil", "output.2", "2" },     { "Disdukcapil", "pengaduan.1", "1" },
	{ "Disdukcapil", "pengaduan.2", "1" },  { "Disdukcapil", "pengaduan.3", "0" },
	{ "DPMPTSP", "input.1", "2" },          { "DPMPTSP", "input.2", "3" },
	{ "DPMPTSP", "input.3", "3" },          { "DPMPTSP", "proses.1", "3" },
	{ "DPMPTSP", "proses.2", "3" },         { "DPMPTSP", "output.1", "2" },
	{ "DPMPTSP", "output.2", "3" },         { "DPMPTSP", "pengaduan.1", "1" },
	{ "DPMPTSP", "pengaduan.2", "1" },      { "DPMPTSP", "pengaduan.3", "1" },
	{ "Dinas Sosial", "=", "\"81.25\"" },   { NULL, "supervision-ignored", "true" },
	{ NULL, "supervision_followed_up", "true" },
	{ NULL, NULL, NULL }
};

/* Low answers, the flag set: a long plan that crosses several bands and
 * rounds at both stages on the way. */
static const answer rendah[] = {
	{ "U1", "input.1", "0" },      { "U1", "input.2", "1" },      { "U1", "input.3", "0" },
	{ "U1", "proses.1", "1" },     { "U1", "proses.2", "0" },     { "U1", "output.1", "0" },
	{ "U1", "output.2", "2" },     { "U1", "pengaduan.1", "0" },  { "U1", "pengaduan.2", "1" },
	{ "U1", "pengaduan.3", "0" },  { "U2", "input.1", "1" },      { "U2", "input.2", "0" },
	{ "U2", "input.3", "2" },      { "U2", "proses.1", "0" },     { "U2", "proses.2", "1" },
	{ "U2", "output.1", "1" },     { "U2", "output.2", "0" },     { "U2", "pengaduan.1", "1" },
	{ "U2", "pengaduan.2", "0" },  { "U2", "pengaduan.3", "0" },  { "U3", "=", "\"40.005\"" },
	{ NULL, "supervision-ignored", "true" },
	{ NULL, NULL, NULL }
};

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

/* The JSON input of one entity, with each (unit, id) in `raise` given the
 * value `to` instead (nraise pairs). */
static char *entity_json(const char *name, const answer *ans, const char *const *raise_unit,
                         const char *const *raise_id, const char *const *raise_to,
                         size_t nraise)
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
		if (!seen) {
			assert_true(nunits < 16);
			units[nunits++] = ans[i].unit;
		}
	}
	for (j = 0; j < nunits; j++) {
		add(&t, "%s{\"unit\": \"%s\", ", j ? ", " : "", units[j]);
		first = 1;
		for (i = 0; ans[i].id; i++) {
			const char *v = ans[i].value;
			if (!ans[i].unit || strcmp(ans[i].unit, units[j]))
				continue;
			if (!strcmp(ans[i].id, "=")) {
				add(&t, "\"score\": %s", v);
				first = -1;
				break;
			}
			for (k = 0; k < nraise; k++)
				if (!strcmp(raise_unit[k], units[j]) && !strcmp(raise_id[k], ans[i].id))
					v = raise_to[k];
			add(&t, "%s\"%s\": %s", first == 1 ? "\"values\": {" : ", ", ans[i].id, v);
			first = 0;
		}
		/* a raised answer that was missing is given */
		for (k = 0; first != -1 && k < nraise; k++) {
			int given = 0;
			if (strcmp(raise_unit[k], units[j]))
				continue;
			for (i = 0; ans[i].id; i++)
				given |= ans[i].unit && !strcmp(ans[i].unit, units[j]) &&
				         !strcmp(ans[i].id, raise_id[k]);
			if (!given)
				add(&t, ", \"%s\": %s", raise_id[k], raise_to[k]);
		}
		add(&t, first == -1 ? "}" : "}}");
	}
	add(&t, "]}]}");
	return t.s;
}

static compliance_profile *load(compliance_ctx *ctx, const char *path)
{
	compliance_profile *p = NULL;

	if (compliance_profile_load_file(ctx, &p, path))
		fail_msg("%s: %s", path, compliance_ctx_errmsg(ctx));
	return p;
}

/* A computed assessment of one entity. */
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

/* The string value of the next "key": "..." at or after *pos; advances. */
static int next_value(const char **pos, const char *key, char *buf, size_t size)
{
	char pat[64];
	const char *p, *q;

	snprintf(pat, sizeof pat, "\"%s\": ", key);
	p = strstr(*pos, pat);
	if (!p)
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

typedef struct step {
	char unit[64], indicator[64], raise_to[16], score_after[32], band_after[16];
	char label_after[128], reaches[8];
} step;

/* The steps of the advice in JSON. */
static size_t parse_steps(const char *json, step *steps, size_t max)
{
	const char *pos = strstr(json, "\"steps\": [");
	size_t n = 0;

	assert_non_null(pos);
	while (n < max && next_value(&pos, "step", steps[n].unit, sizeof steps[n].unit)) {
		step *s = &steps[n++];
		assert_true(next_value(&pos, "unit", s->unit, sizeof s->unit));
		assert_true(next_value(&pos, "indicator", s->indicator, sizeof s->indicator));
		assert_true(next_value(&pos, "raise_to", s->raise_to, sizeof s->raise_to));
		assert_true(next_value(&pos, "score_after", s->score_after, sizeof s->score_after));
		assert_true(next_value(&pos, "band_after", s->band_after, sizeof s->band_after));
		assert_true(next_value(&pos, "label_after", s->label_after, sizeof s->label_after));
		assert_true(next_value(&pos, "reaches_target", s->reaches, sizeof s->reaches));
	}
	return n;
}

static char *advise(compliance_assessment *a, const char *name, int format)
{
	size_t idx;
	char *out = NULL;

	assert_int_equal(compliance_assessment_find(a, name, &idx), COMPLIANCE_OK);
	if (compliance_assessment_advise(a, idx, format, &out))
		fail_msg("advise %s: %s", name, compliance_assessment_errmsg(a));
	assert_string_equal(compliance_assessment_errmsg(a), "");
	return out;
}

/*
 * The differential check: for each step k of the advice, a fresh
 * assessment with the answers of steps 1..k raised, computed; its score,
 * band and label must be the step's. Returns the number of steps.
 */
static size_t check_against_compute(const char *profile, const char *name, const answer *ans,
                                    int missing, step *steps, size_t max)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	const char *ru[64], *ri[64], *rt[64];
	char *json, *adv, band_now[16];
	size_t n, k, band;

	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = load(ctx, profile);
	json = entity_json(name, ans, NULL, NULL, NULL, 0);
	a = assess(ctx, p, json, missing);
	free(json);
	adv = advise(a, name, COMPLIANCE_EXPLAIN_JSON);
	assert_int_equal(compliance_assessment_entity_band(a, 0, &band), COMPLIANCE_OK);
	snprintf(band_now, sizeof band_now, "%s", compliance_assessment_entity_category(a, 0));
	n = parse_steps(adv, steps, max);
	assert_true(n <= 64);
	for (k = 0; k < n; k++) {
		compliance_assessment *b;
		size_t band_after;
		int reaches;

		ru[k] = steps[k].unit;
		ri[k] = steps[k].indicator;
		rt[k] = steps[k].raise_to;
		json = entity_json(name, ans, ru, ri, rt, k + 1);
		b = assess(ctx, p, json, missing);
		free(json);
		if (strcmp(compliance_assessment_entity_score_text(b, 0),
		           steps[k].score_after))
			fail_msg("%s step %zu (%s %s): advise says %s, compute gives %s", name, k + 1,
			         steps[k].unit, steps[k].indicator, steps[k].score_after,
			         compliance_assessment_entity_score_text(b, 0));
		assert_string_equal(compliance_assessment_entity_category(b, 0),
		                    steps[k].band_after);
		assert_string_equal(compliance_assessment_entity_label(b, 0),
		                    steps[k].label_after);
		assert_int_equal(compliance_assessment_entity_band(b, 0, &band_after), COMPLIANCE_OK);
		reaches = !strcmp(steps[k].reaches, "true");
		assert_int_equal(reaches, band_after < band);
		/* the plan stops at the first step that reaches the next band */
		if (reaches)
			assert_int_equal(k + 1, n);
		compliance_assessment_free(b);
	}
	compliance_free(adv);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	return n;
}

static void test_differential_instrument(void **state)
{
	step s[64];
	size_t n;

	(void)state;
	n = check_against_compute(INSTRUMENT, "Kota Contoh", contoh, COMPLIANCE_MISSING_ERROR, s, 64);
	/* hand-computed in tests/cli/cli_test.sh case_advise: 87.90, then 89.69 (A) */
	assert_int_equal(n, 2);
	assert_string_equal(s[0].indicator, "pengaduan.3");
	assert_string_equal(s[0].score_after, "87.90");
	assert_string_equal(s[1].indicator, "proses.2");
	assert_string_equal(s[1].score_after, "89.69");
	assert_string_equal(s[1].band_after, "A");
}

static void test_differential_deduction(void **state)
{
	step s[64];
	size_t n;

	(void)state;
	n = check_against_compute(DEDUCTION, "Kota Contoh", contoh_flagged, COMPLIANCE_MISSING_ERROR,
	                          s, 64);
	/*
	 * By hand: the units 81.54, 93.72, 81.25 average 85.503.., less the
	 * deduction of 10: 75.50, C. Raising pengaduan.3 adds 21.54/3 = 7.18 to
	 * Disdukcapil (81.535.. + 7.18 = 88.715.. -> 88.72); (88.72 + 93.72 +
	 * 81.25) / 3 - 10 = 77.896.. -> 77.90: still C (the old advise said
	 * 87.90, "reaches the next band"). Then proses.2 adds 32.37/6 = 5.395:
	 * 94.110.. -> 94.11; 269.08 / 3 - 10 = 79.693.. -> 79.69, B.
	 */
	assert_int_equal(n, 2);
	assert_string_equal(s[0].score_after, "77.90");
	assert_string_equal(s[0].band_after, "C");
	assert_string_equal(s[0].reaches, "false");
	assert_string_equal(s[0].label_after, "Kualitas Sedang Tanpa Maladministrasi");
	assert_string_equal(s[1].score_after, "79.69");
	assert_string_equal(s[1].band_after, "B");
	assert_string_equal(s[1].reaches, "true");
	assert_string_equal(s[1].label_after, "Kualitas Tinggi Tanpa Maladministrasi");
}

static void test_differential_long_plan(void **state)
{
	step s[64];
	size_t n;

	(void)state;
	n = check_against_compute(DEDUCTION, "Kota Rendah", rendah, COMPLIANCE_MISSING_ERROR, s, 64);
	/*
	 * By hand: U1 = 21.85 * 14.63/100 + 32.37/6 + 24.24 * 2/9 + 21.54/3
	 * = 21.158.. -> 21.16; U2 = 21.85/3 + 32.37/6 + 24.24 * 2/9 + 21.54/3
	 * = 25.245 exactly, a tie -> 25.25; U3 = 40.005, a tie -> 40.01; the
	 * mean 86.42/3 = 28.806.. less 10: 18.81, E. Raising U1's proses.2
	 * (+32.37/2 = 16.185): U1 37.343.. -> 37.34, 102.6/3 - 10 = 24.20; U2's
	 * proses.1 (+16.185): 41.43, 118.78/3 - 10 = 29.593.. -> 29.59; U1's
	 * output.1 (+24.24 * 2/3 = 16.16): 53.503.. -> 53.50, 134.94/3 - 10 =
	 * 34.98: D, reached. That (old, greedy) plan raised three indicators
	 * to their maximum: 9 levels. The least effort is 7 levels: U1's
	 * proses.2 0->3 (+16.185), proses.1 1->3 (+10.79), pengaduan.1 and
	 * pengaduan.3 (+7.18 each): U1 21.158.. + 41.335 = 62.493.. -> 62.49;
	 * (62.49 + 25.25 + 40.01) / 3 - 10 = 32.583.. -> 32.58, D.
	 */
	assert_int_equal(n, 4);
	assert_string_equal(s[0].unit, "U1");
	assert_string_equal(s[0].indicator, "proses.2");
	assert_string_equal(s[0].raise_to, "3");
	assert_string_equal(s[0].score_after, "24.20");
	assert_string_equal(s[1].indicator, "proses.1");
	assert_string_equal(s[3].indicator, "pengaduan.3");
	assert_string_equal(s[3].score_after, "32.58");
	assert_string_equal(s[3].band_after, "D");
}

static void test_differential_missing_minimum(void **state)
{
	/* DPMPTSP's input.2 unanswered, counted as 0: raising it is a step too */
	answer ans[sizeof contoh_flagged / sizeof *contoh_flagged];
	step s[64];
	size_t i, j = 0, n, k;
	int raised = 0;

	(void)state;
	for (i = 0; i < sizeof ans / sizeof *ans; i++)
		if (!contoh_flagged[i].unit || strcmp(contoh_flagged[i].unit, "DPMPTSP") ||
		    strcmp(contoh_flagged[i].id, "input.2"))
			ans[j++] = contoh_flagged[i];
	n = check_against_compute(DEDUCTION, "Kota Contoh", ans, COMPLIANCE_MISSING_MINIMUM, s, 64);
	/* input.2 at 0 of 3 with weight 43.89 of 100 in input (21.85): a step
	 * adds 21.85 * 0.4389 / 3 = 3.196.. points to the unit, less than the
	 * yes/no pengaduan.3 (7.18) or a level of proses.2 (5.395): the least
	 * effort to B (3 steps) leaves it */
	assert_int_equal(n, 3);
	for (k = 0; k < n; k++)
		raised |= !strcmp(s[k].unit, "DPMPTSP") && !strcmp(s[k].indicator, "input.2");
	assert_false(raised);
	/* every level the answers can take gives 83.75 at best: that target
	 * needs the missing answer, raised from no answer */
	{
		compliance_ctx *ctx;
		compliance_profile *p;
		compliance_assessment *a;
		char *json = entity_json("Kota Contoh", ans, NULL, NULL, NULL, 0), *out;
		assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
		p = load(ctx, DEDUCTION);
		a = assess(ctx, p, json, COMPLIANCE_MISSING_MINIMUM);
		assert_int_equal(compliance_assessment_advise_target(a, "83.75"), COMPLIANCE_OK);
		out = advise(a, "Kota Contoh", COMPLIANCE_EXPLAIN_JSON);
		{
			const char *at = strstr(out, "\"unit\": \"DPMPTSP\",\n      \"indicator\": "
			                             "\"input.2\""), *nx;
			const char *from = at ? strstr(at, "\"from\": null,\n      \"raise_to\": \"3\"")
			                      : NULL;
			nx = at ? strstr(at + 40, "\"indicator\"") : NULL;
			if (!at || !from || (nx && from > nx))
				fail_msg("input.2: %s", out);
		}
		compliance_free(out);
		compliance_assessment_free(a);
		compliance_profile_free(p);
		compliance_ctx_free(ctx);
		free(json);
	}
}

/* Unit A of products-2021.json: answers on 0-3 (weights 2 and 1 in each
 * of six dimensions weighted 20 10 20 20 10 20) and four node scores of 80
 * (weight 5 each), of 120 in all. */
static const answer products_a[] = {
	{ "A", "standar-pelayanan.1", "2" },     { "A", "standar-pelayanan.2", "1" },
	{ "A", "maklumat-pelayanan.1", "3" },    { "A", "maklumat-pelayanan.2", "0" },
	{ "A", "pengelolaan-pengaduan.1", "1" }, { "A", "pengelolaan-pengaduan.2", "2" },
	{ "A", "sarana-prasarana.1", "2" },      { "A", "sarana-prasarana.2", "2" },
	{ "A", "pelayanan-khusus.1", "0" },      { "A", "pelayanan-khusus.2", "3" },
	{ "A", "penilaian-kepuasan.1", "1" },    { "A", "penilaian-kepuasan.2", "3" },
	{ "A", "visi-misi-moto", "80" },         { "A", "atribut", "80" },
	{ "A", "pelayanan-terpadu", "80" },      { "A", "rekognisi", "80" },
	{ NULL, NULL, NULL }
};

/* Entity K: unit A from answers (with the first nraise steps raised),
 * unit B from two product scores; computed under the products roll-up. */
static compliance_assessment *products_entity(compliance_ctx *ctx, compliance_profile *p,
                                              const step *steps, size_t nraise)
{
	compliance_assessment *a = NULL;
	size_t i, k;

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	for (i = 0; products_a[i].id; i++) {
		const char *v = products_a[i].value;
		for (k = 0; k < nraise; k++)
			if (!strcmp(steps[k].indicator, products_a[i].id))
				v = steps[k].raise_to;
		assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "A", products_a[i].id,
		                                                 v), COMPLIANCE_OK);
	}
	assert_int_equal(compliance_assessment_add_product_score(a, "K", "kota", "B", "p1", "70"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_product_score(a, "K", "kota", "B", "p2", "75.5"),
	                 COMPLIANCE_OK);
	if (compliance_assessment_compute(a))
		fail_msg("%s", compliance_assessment_errmsg(a));
	assert_int_equal(compliance_assessment_rollup(a), COMPLIANCE_ROLLUP_PRODUCTS);
	return a;
}

/*
 * Under the products roll-up (2021's default) the mean is over unit A's
 * score and B's two products. By hand, the dimensions' shares are
 * (2*a1 + a2)/3 of the answers' shares: 5/9, 2/3, 4/9, 2/3, 1/3, 5/9, and
 * the node scores 0.8; A = (20*5/9 + 10*2/3 + 20*4/9 + 20*2/3 + 10*1/3 +
 * 20*5/9 + 20*0.8) / 120 * 100 = 1585/27 = 58.70.. (checked with Python's
 * fractions), rounded 58.70; (58.70 + 70 + 75.5) / 3 = 68.066.. -> 68.07, kuning. A
 * step's gain to the mean is its gain to A over 3 (not over the 2 units),
 * and each step is re-scored over the 3 values: checked against compute.
 */
static void test_differential_products(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a, *b;
	step s[64];
	char *adv;
	size_t n, k, band, band_after;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = load(ctx, PRODUCTS);
	a = products_entity(ctx, p, NULL, 0);
	assert_string_equal(unit_exact_text(a, 0, 0), "1585/27");
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "68.07");
	assert_int_equal(compliance_assessment_entity_band(a, 0, &band), COMPLIANCE_OK);
	adv = advise(a, "K", COMPLIANCE_EXPLAIN_JSON);
	/* the next band, hijau from 81.00, is 12.93 points away */
	if (!strstr(adv, "\"target\": {\n    \"band\": \"hijau\","))
		fail_msg("no target: %s", adv);
	if (!strstr(adv, "\"gap\": \"12.93\""))
		fail_msg("gap: %s", adv);
	/* hijau is out of reach: every answer at 3 gives A = (100 + 16) / 120 *
	 * 100 = 96.666.. -> 96.67 and (96.67 + 70 + 75.5) / 3 = 80.723.. ->
	 * 80.72 */
	if (!strstr(adv, "\"status\": \"unreachable\"") || !strstr(adv, "\"best_score\": \"80.72\""))
		fail_msg("unreachable: %s", adv);
	compliance_free(adv);
	/* a target of 75: +6.93 to the mean, 20.79 to A. A step of
	 * pengelolaan-pengaduan.1 (weight 2 of 3 in a dimension of 20) adds
	 * 100/120 * 20 * 2/3 / 3 = 100/27 = 3.7037 to A, 100/81 to the mean */
	assert_int_equal(compliance_assessment_advise_target(a, "75"), COMPLIANCE_OK);
	adv = advise(a, "K", COMPLIANCE_EXPLAIN_JSON);
	if (!strstr(adv, "\"entity_points\": {\n        \"exact\": \"200/81\""))
		fail_msg("entity points: %s", adv);
	n = parse_steps(adv, s, 64);
	assert_true(n >= 2);
	for (k = 0; k < n; k++) {
		b = products_entity(ctx, p, s, k + 1);
		if (strcmp(compliance_assessment_entity_score_text(b, 0), s[k].score_after))
			fail_msg("step %zu (%s): advise says %s, compute gives %s", k + 1, s[k].indicator,
			         s[k].score_after, compliance_assessment_entity_score_text(b, 0));
		assert_string_equal(compliance_assessment_entity_zone(b, 0),
		                    s[k].band_after);
		assert_int_equal(compliance_assessment_entity_band(b, 0, &band_after), COMPLIANCE_OK);
		assert_int_equal(!strcmp(s[k].reaches, "true"),
		                 strcmp(compliance_assessment_entity_score_text(b, 0), "75.00") >= 0);
		compliance_assessment_free(b);
	}
	(void)band;
	compliance_free(adv);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_text(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	char *json = entity_json("Kota Contoh", contoh_flagged, NULL, NULL, NULL, 0), *out;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = load(ctx, DEDUCTION);
	a = assess(ctx, p, json, COMPLIANCE_MISSING_ERROR);
	out = advise(a, "Kota Contoh", COMPLIANCE_EXPLAIN_TEXT);
	if (!strstr(out, "Kota Contoh under test-deduction-2023: 75.50 (C)\n"
	                 "next band: B Kualitas Tinggi from 78.00, 2.50 points away\n"
	                 "least effort: 2 answer steps (levels raised)\n"
	                 " 1. Disdukcapil: raise pengaduan.3 (Tindak lanjut pengaduan) from 0 to 1 (1 "
	                 "step): +7.1800 points to the unit, +2.3933 to the entity -> 77.90\n"
	                 " 2. Disdukcapil: raise proses.2 (Maklumat pelayanan (example)) from 2 to 3 "
	                 "(1 step): +5.3950 points to the unit, +1.7983 to the entity -> 79.69  "
	                 "(reaches the next band)\n"
	                 "    or: Disdukcapil pengaduan.3 0->1, Disdukcapil input.2 2->3 -> 78.96\n") ||
	    !strstr(out, "deductions of 10 points are counted (the flags stay set)\n"))
		fail_msg("text: %s", out);
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(json);
}

static void expect_msg(compliance_assessment *a, const char *part)
{
	if (!strstr(compliance_assessment_errmsg(a), part))
		fail_msg("message \"%s\" lacks \"%s\"", compliance_assessment_errmsg(a), part);
}

static void test_errors(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	char *json = entity_json("Kota Contoh", contoh, NULL, NULL, NULL, 0), *out = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = load(ctx, INSTRUMENT);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_read_json_buffer(a, json, strlen(json), "f.json"),
	                 COMPLIANCE_OK);
	/* before compute */
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_TEXT, &out),
	                 COMPLIANCE_E_STATE);
	assert_null(out);
	expect_msg(a, "advise: entity at index 0: the assessment has no results: compute it first");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	/* a bad index, a bad format, no output pointer */
	assert_int_equal(compliance_assessment_advise(a, 1, COMPLIANCE_EXPLAIN_TEXT, &out),
	                 COMPLIANCE_E_NOTFOUND);
	expect_msg(a, "advise: no entity at index 1: the results hold 1");
	assert_int_equal(compliance_assessment_advise(a, 0, 7, &out), COMPLIANCE_E_INVALID);
	expect_msg(a, "advise: entity at index 0: the format must be");
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_TEXT, NULL),
	                 COMPLIANCE_E_INVALID);
	expect_msg(a, "the output pointer is NULL");
	assert_int_equal(compliance_assessment_advise(NULL, 0, COMPLIANCE_EXPLAIN_TEXT, &out),
	                 COMPLIANCE_E_INVALID);
	/* success clears the message */
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_TEXT, &out),
	                 COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_errmsg(a), "");
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(json);
}

/* The gains of ten indicators whose groups sum to ten distinct primes near
 * 10^9 add up to a fraction whose denominator outgrows 128 bits, while the
 * score itself (every share 0 or 1) stays small: compute succeeds, advise
 * fails with OVERFLOW and says so. */
static void test_overflow(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	text t = { NULL, 0, 0 };
	char *out = NULL;
	int i;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = load(ctx, OVERFLOW);
	add(&t, "{\"entities\": [{\"entity\": \"Kota Besar\", \"entity_type\": \"kota\", \"units\": "
	        "[{\"unit\": \"U\", \"values\": {\"proses.1\": 1, \"output.1\": 1, "
	        "\"pengaduan.1\": 1");
	for (i = 1; i <= 10; i++)
		add(&t, ", \"input.%d.a\": 0, \"input.%d.b\": 0", i, i);
	add(&t, "}}]}]}");
	a = assess(ctx, p, t.s, COMPLIANCE_MISSING_ERROR);
	/* 21.85 of 100 from input, all 0: 78.15, B */
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "78.15");
	assert_int_equal(compliance_assessment_advise(a, 0, COMPLIANCE_EXPLAIN_JSON, &out),
	                 COMPLIANCE_E_OVERFLOW);
	assert_null(out);
	expect_msg(a, "advise (entity at index 0): entity 'Kota Besar': ");
	expect_msg(a, "too large to hold");
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(t.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_differential_instrument),
		cmocka_unit_test(test_differential_deduction),
		cmocka_unit_test(test_differential_long_plan),
		cmocka_unit_test(test_differential_missing_minimum),
		cmocka_unit_test(test_differential_products),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
