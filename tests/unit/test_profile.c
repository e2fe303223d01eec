/*
 * Profiles through the public API: every built-in loads and says where its
 * numbers come from; profile files are validated with positioned
 * diagnostics; custom allocators see every allocation freed, and a failing
 * allocator is survived at every allocation.
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

typedef const char *(*profile_text_getter)(const compliance_profile *, size_t);
/* The band's and the node's text getters, in one table each. */
static const profile_text_getter band_getters[] = {
	compliance_profile_band_lower, compliance_profile_band_upper,
	compliance_profile_band_category, compliance_profile_band_zone,
	compliance_profile_band_label, compliance_profile_band_label_en,
	compliance_profile_band_source
};
static const profile_text_getter node_getters[] = {
	compliance_profile_node_id, compliance_profile_node_name,
	compliance_profile_node_parent, compliance_profile_node_weight,
	compliance_profile_node_source, compliance_profile_node_scale_min,
	compliance_profile_node_scale_max
};
#define NGETTERS(t) (sizeof (t) / sizeof (t)[0])

/* Parses a decimal with at most two fractional digits into hundredths. */
static int64_t hundredths(const char *s)
{
	int64_t v = 0;
	int frac = -1;

	assert_true(*s != '\0');
	for (; *s; s++) {
		if (*s == '.') {
			assert_true(frac < 0);
			frac = 0;
			continue;
		}
		assert_true(*s >= '0' && *s <= '9');
		v = v * 10 + (*s - '0');
		if (frac >= 0)
			frac++;
	}
	if (frac < 0)
		frac = 0;
	assert_true(frac <= 2);
	while (frac++ < 2)
		v *= 10;
	return v;
}

static compliance_profile *open_builtin(compliance_ctx *ctx, const char *id)
{
	compliance_profile *p = NULL;

	if (compliance_profile_open(ctx, &p, id) != COMPLIANCE_OK)
		fail_msg("%s: %s", id, compliance_ctx_errmsg(ctx));
	assert_non_null(p);
	return p;
}

static void assert_confidence(int c)
{
	assert_true(c >= COMPLIANCE_CONF_UNKNOWN && c <= COMPLIANCE_CONF_INFERRED);
	assert_string_not_equal(compliance_confidence_code(c), "?");
}

/* ---- built-in profiles --------------------------------------------------------- */

static void test_every_builtin_loads(void **state)
{
	compliance_ctx *ctx = NULL;
	size_t i, n = compliance_builtin_count();
	int last_year = 0;
	const char *last_id = "ombudsman-0";

	(void)state;
	/* eleven assessment editions (2015-2019, 2021-2026), the 2023
	 * instrument's skeleton (ombudsman-2023-instrument, after
	 * ombudsman-2023), PEKPPP, then the SKM methods */
	assert_int_equal(n, 16);
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	for (i = 0; i < n; i++) {
		const char *id = compliance_builtin_id(i);
		compliance_profile *p = open_builtin(ctx, id);
		size_t b, nb, k;
		int year, cats, fact;

		if (compliance_profile_kind(p) == COMPLIANCE_PROFILE_SKM) {
			/* checked in test_skm.c and test_skm2004.c */
			assert_int_equal(strncmp(id, "skm-", 4), 0);
			assert_true(i >= n - 3);
			compliance_profile_free(p);
			continue;
		}
		if (!strcmp(id, "pekppp-2022")) {
			/* checked in test_pekppp.c */
			compliance_profile_free(p);
			continue;
		}
		assert_int_equal(compliance_profile_kind(p), COMPLIANCE_PROFILE_ASSESSMENT);

		assert_string_equal(compliance_profile_id(p), id);
		assert_int_equal(strncmp(id, "ombudsman-", 10), 0);
		year = compliance_profile_year(p);
		assert_int_equal(year, atoi(id + 10));
		/* in year order; a variant of an edition ("-instrument") follows it */
		assert_true(year > last_year ||
		            (year == last_year && (strchr(id + 10, '-') || strchr(last_id + 10, '-'))));
		last_id = id;
		assert_true(year != 2020);
		last_year = year;
		assert_true(compliance_profile_name(p)[0] != '\0');
		assert_string_equal(compliance_profile_scale_min(p), "0");
		assert_string_equal(compliance_profile_scale_max(p), year == 2015 ? "75" : "100");
		assert_string_equal(compliance_profile_rounding(p), "half-up 2 decimals at unit, entity");
		assert_int_equal(compliance_profile_decimals(p), 2);
		cats = compliance_profile_has_categories(p);
		assert_int_equal(cats, year >= 2022);

		/* every fact names its source */
		for (fact = COMPLIANCE_FACT_SCALE; fact <= COMPLIANCE_FACT_UNITS; fact++) {
			const char *src = compliance_profile_fact_source(p, fact);
			assert_non_null(src);
			if (!src[0])
				fail_msg("%s: fact %d has no source", id, fact);
			assert_confidence(compliance_profile_fact_confidence(p, fact));
		}
		assert_null(compliance_profile_fact_source(p, COMPLIANCE_FACT_UNITS + 1));
		assert_null(compliance_profile_fact_source(p, -1));
		assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_UNITS + 1),
		                 COMPLIANCE_E_INVALID);
		/* stated, except 2026: the 2025 method carried over, every number
		 * inferred until ORI publishes (METHODOLOGY.md §2, 2026) */
		assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_SCALE),
		                 year == 2026 ? COMPLIANCE_CONF_INFERRED : COMPLIANCE_CONF_STATED);

		/* bands: highest first, each with its source and confidence */
		nb = compliance_profile_band_count(p);
		assert_int_equal(nb, cats ? 5 : 3);
		assert_string_equal(compliance_profile_band_zone(p, 0), "hijau");
		assert_string_equal(compliance_profile_band_zone(p, nb - 1), "merah");
		assert_string_equal(compliance_profile_band_upper(p, 0),
		                    year == 2015 ? "75.00" : "100.00");
		assert_string_equal(compliance_profile_band_lower(p, nb - 1), "0.00");
		for (b = 0; b < nb; b++) {
			size_t f;
			for (f = 0; f < NGETTERS(band_getters); f++) {
				const char *t = band_getters[f](p, b);
				assert_non_null(t);
				if (band_getters[f] == compliance_profile_band_category)
					assert_int_equal(t[0] != '\0', cats);
				else if (!t[0])
					fail_msg("%s: band %zu field %zu is empty", id, b, f);
			}
			if (cats)
				assert_int_equal(compliance_profile_band_category(p, b)[0],
				                 'A' + (int)b);
			assert_confidence(compliance_profile_band_confidence(p, b));
			if (b > 0)
				assert_true(hundredths(compliance_profile_band_lower(p, b)) <
				            hundredths(compliance_profile_band_lower(p, b - 1)));
		}
		assert_null(compliance_profile_band_lower(p, nb));
		assert_null(compliance_profile_band_source(p, nb));
		assert_null(compliance_profile_band_category(NULL, 0));
		assert_int_equal(compliance_profile_band_confidence(p, nb), COMPLIANCE_E_INVALID);

		/* nodes: a weight is given exactly when it is known */
		for (k = 0; k < compliance_profile_node_count(p); k++) {
			const char *w = compliance_profile_node_weight(p, k);
			int depth = compliance_profile_node_depth(p, k);
			int conf = compliance_profile_node_confidence(p, k);
			assert_true(compliance_profile_node_id(p, k)[0] != '\0');
			assert_true(compliance_profile_node_name(p, k)[0] != '\0');
			assert_true(compliance_profile_node_source(p, k)[0] != '\0');
			assert_true(depth >= 0);
			assert_int_equal(compliance_profile_node_parent(p, k)[0] == '\0',
			                 depth == 0);
			assert_confidence(conf);
			assert_int_equal(w[0] == '\0', conf == COMPLIANCE_CONF_UNKNOWN);
			/* no built-in scores indicators (inner nodes and leaves only),
			 * except the 2023 instrument's skeleton, whose indicators
			 * have the published 0-3 interval (the IKM 25-100) */
			if (strcmp(id, "ombudsman-2023-instrument") != 0) {
				assert_string_equal(compliance_profile_node_scale_min(p, k), "");
				assert_string_equal(compliance_profile_node_scale_max(p, k), "");
			} else if (compliance_profile_node_scale_max(p, k)[0]) {
				const char *max = compliance_profile_node_scale_max(p, k);
				assert_true(!strcmp(max, "3") || !strcmp(max, "100"));
			}
		}
		k = compliance_profile_node_count(p);
		{
			size_t g;
			for (g = 0; g < NGETTERS(node_getters); g++) {
				assert_null(node_getters[g](p, k));
				assert_null(node_getters[g](NULL, 0));
			}
		}
		assert_int_equal(compliance_profile_node_depth(p, k), COMPLIANCE_E_INVALID);
		assert_int_equal(compliance_profile_node_confidence(p, k), COMPLIANCE_E_INVALID);
		compliance_profile_free(p);
	}
	assert_null(compliance_builtin_id(n));
	compliance_ctx_free(ctx);
}

static void test_confidence_codes(void **state)
{
	(void)state;
	assert_string_equal(compliance_confidence_code(COMPLIANCE_CONF_UNKNOWN), "unknown");
	assert_string_equal(compliance_confidence_code(COMPLIANCE_CONF_STATED), "S");
	assert_string_equal(compliance_confidence_code(COMPLIANCE_CONF_VERIFIED), "V");
	assert_string_equal(compliance_confidence_code(COMPLIANCE_CONF_INFERRED), "I");
	assert_string_equal(compliance_confidence_code(4), "?");
	assert_string_equal(compliance_confidence_code(-1), "?");
}

static void check_four_dimensions(compliance_ctx *ctx, const char *id, int confidence)
{
	static const char *const ids[] = { "input", "proses", "output", "pengaduan" };
	static const char *const names[] = { "Input", "Proses", "Output", "Pengaduan" };
	static const char *const weights[] = { "21.85", "32.37", "24.24", "21.54" };
	compliance_profile *p = open_builtin(ctx, id);
	int64_t sum = 0;
	size_t k;

	assert_int_equal(compliance_profile_node_count(p), 4);
	for (k = 0; k < 4; k++) {
		assert_string_equal(compliance_profile_node_id(p, k), ids[k]);
		assert_string_equal(compliance_profile_node_name(p, k), names[k]);
		assert_string_equal(compliance_profile_node_parent(p, k), "");
		assert_string_equal(compliance_profile_node_weight(p, k), weights[k]);
		assert_int_equal(compliance_profile_node_depth(p, k), 0);
		assert_int_equal(compliance_profile_node_confidence(p, k), confidence);
		sum += hundredths(compliance_profile_node_weight(p, k));
	}
	/* exactly 100.00, no rounding anywhere */
	assert_int_equal(sum, 10000);
	compliance_profile_free(p);
}

static void test_dimension_weights(void **state)
{
	compliance_ctx *ctx = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	check_four_dimensions(ctx, "ombudsman-2023", COMPLIANCE_CONF_STATED);
	check_four_dimensions(ctx, "ombudsman-2022", COMPLIANCE_CONF_STATED);
	check_four_dimensions(ctx, "ombudsman-2024", COMPLIANCE_CONF_INFERRED);
	compliance_ctx_free(ctx);
}

static void test_2025_composite(void **state)
{
	static const char *const dims[] = { "input", "proses", "output", "pengaduan" };
	compliance_ctx *ctx = NULL;
	compliance_profile *p;
	size_t k;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_builtin(ctx, "ombudsman-2025");
	assert_int_equal(compliance_profile_node_count(p), 6);
	/* depth-first: komposit, its four dimensions, then kepercayaan */
	assert_string_equal(compliance_profile_node_id(p, 0), "komposit");
	assert_string_equal(compliance_profile_node_weight(p, 0), "70");
	assert_int_equal(compliance_profile_node_depth(p, 0), 0);
	assert_int_equal(compliance_profile_node_confidence(p, 0), COMPLIANCE_CONF_STATED);
	assert_non_null(strstr(compliance_profile_node_source(p, 0), "61/2025"));
	for (k = 0; k < 4; k++) {
		assert_string_equal(compliance_profile_node_id(p, k + 1), dims[k]);
		assert_string_equal(compliance_profile_node_parent(p, k + 1), "komposit");
		/* the split of the 70 % is not published: no weight, confidence unknown */
		assert_string_equal(compliance_profile_node_weight(p, k + 1), "");
		assert_int_equal(compliance_profile_node_confidence(p, k + 1), COMPLIANCE_CONF_UNKNOWN);
		assert_int_equal(compliance_profile_node_depth(p, k + 1), 1);
		assert_true(compliance_profile_node_source(p, k + 1)[0] != '\0');
	}
	assert_string_equal(compliance_profile_node_id(p, 5), "kepercayaan");
	assert_string_equal(compliance_profile_node_weight(p, 5), "30");
	assert_string_equal(compliance_profile_node_parent(p, 5), "");
	assert_int_equal(compliance_profile_node_depth(p, 5), 0);
	assert_int_equal(compliance_profile_node_confidence(p, 5), COMPLIANCE_CONF_STATED);
	/* 2025 cut-offs are inferred from the 2022-2024 ones */
	assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_BANDS),
	                 COMPLIANCE_CONF_INFERRED);
	assert_int_equal(compliance_profile_band_confidence(p, 0), COMPLIANCE_CONF_INFERRED);
	compliance_profile_free(p);

	/* 2015 and 2021: variables named, weights unknown */
	p = open_builtin(ctx, "ombudsman-2015");
	assert_int_equal(compliance_profile_node_count(p), 7);
	for (k = 0; k < 7; k++) {
		assert_string_equal(compliance_profile_node_weight(p, k), "");
		assert_int_equal(compliance_profile_node_confidence(p, k), COMPLIANCE_CONF_UNKNOWN);
	}
	compliance_profile_free(p);
	p = open_builtin(ctx, "ombudsman-2021");
	assert_int_equal(compliance_profile_node_count(p), 10);
	assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_ROLLUP),
	                 COMPLIANCE_CONF_STATED);
	compliance_profile_free(p);
	/* verified facts */
	p = open_builtin(ctx, "ombudsman-2023");
	assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_ROUNDING),
	                 COMPLIANCE_CONF_VERIFIED);
	assert_int_equal(compliance_profile_fact_confidence(p, COMPLIANCE_FACT_ROLLUP),
	                 COMPLIANCE_CONF_VERIFIED);
	assert_non_null(strstr(compliance_profile_fact_source(p, COMPLIANCE_FACT_ROUNDING), "Bekasi"));
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* The files in profiles/ load as the built-ins do. */
static void test_load_file_matches_builtin(void **state)
{
	compliance_ctx *ctx = NULL;
	size_t i;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	for (i = 0; i < compliance_builtin_count(); i++) {
		const char *id = compliance_builtin_id(i);
		compliance_profile *b = open_builtin(ctx, id), *f = NULL;
		char path[1024];
		size_t k;

		snprintf(path, sizeof path, "%s/profiles/%s.json", COMPLIANCE_SOURCE_DIR, id);
		if (compliance_profile_load_file(ctx, &f, path) != COMPLIANCE_OK)
			fail_msg("%s: %s", path, compliance_ctx_errmsg(ctx));
		assert_string_equal(compliance_profile_id(f), id);
		assert_int_equal(compliance_profile_year(f), compliance_profile_year(b));
		assert_int_equal(compliance_profile_band_count(f), compliance_profile_band_count(b));
		for (k = 0; k < compliance_profile_band_count(b); k++)
			assert_string_equal(compliance_profile_band_lower(f, k),
			                    compliance_profile_band_lower(b, k));
		assert_int_equal(compliance_profile_node_count(f), compliance_profile_node_count(b));
		for (k = 0; k < compliance_profile_node_count(b); k++)
			assert_string_equal(compliance_profile_node_weight(f, k),
			                    compliance_profile_node_weight(b, k));
		compliance_profile_free(f);
		compliance_profile_free(b);
	}
	compliance_ctx_free(ctx);
}

/* ---- profile files: diagnostics ---------------------------------------------------- */

#define HEAD                                                                                 \
	"{\n"                                                                                \
	"  \"format\": \"libcompliance-profile/1\",\n"                                       \
	"  \"id\": \"test-profile\",\n"                                                      \
	"  \"year\": 2023,\n"                                                                \
	"  \"scale\": {\"min\": 0, \"max\": 100},\n"                                         \
	"  \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
#define BANDS(a_min, a_max, b_min, b_max)                                                    \
	"  \"bands\": [\n"                                                                   \
	"    {\"category\": \"A\", \"min\": \"" a_min "\", \"max\": \"" a_max                 \
	"\", \"zone\": \"hijau\", \"label\": \"Tinggi\"},\n"                                 \
	"    {\"category\": \"B\", \"min\": \"" b_min "\", \"max\": \"" b_max                 \
	"\", \"zone\": \"merah\", \"label\": \"Rendah\"}\n"                                  \
	"  ]"
#define GOOD_BANDS BANDS("50.00", "100.00", "0.00", "49.99")

/* The line and column (1-based) where `needle` occurs in `text` (`nth`
 * occurrence, from 1), plus `skip` bytes into it. */
static void position(const char *text, const char *needle, int nth, size_t skip, int *line,
                     int *col)
{
	const char *at = text, *p;

	for (;;) {
		at = strstr(at, needle);
		if (!at)
			fail_msg("\"%s\" not found in the test profile", needle);
		if (--nth == 0)
			break;
		at++;
	}
	at += skip;
	*line = 1;
	*col = 1;
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/*
 * Loads `json` as "test.json" and checks: COMPLIANCE_E_PROFILE, `ndiags`
 * diagnostics, and that diagnostic `which` reads
 * "test.json:LINE:COL: PATH: ..." with the position of `needle` (nth
 * occurrence, plus skip) and contains `text`.
 */
static void expect_diag(const char *json, size_t ndiags, size_t which, const char *needle,
                        int nth, size_t skip, const char *path, const char *text)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = (compliance_profile *)&p;
	char prefix[256];
	const char *d;
	int line, col;

	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, json, strlen(json), "test.json"),
	                 COMPLIANCE_E_PROFILE);
	assert_null(p);
	assert_int_equal(compliance_ctx_errcode(ctx), COMPLIANCE_E_PROFILE);
	if (compliance_ctx_diag_count(ctx) != ndiags) {
		size_t i;
		for (i = 0; i < compliance_ctx_diag_count(ctx); i++)
			print_message("diag %zu: %s\n", i, compliance_ctx_diag(ctx, i));
		fail_msg("expected %zu diagnostics, found %zu", ndiags, compliance_ctx_diag_count(ctx));
	}
	assert_null(compliance_ctx_diag(ctx, ndiags));
	d = compliance_ctx_diag(ctx, which);
	assert_non_null(d);
	position(json, needle, nth, skip, &line, &col);
	snprintf(prefix, sizeof prefix, "test.json:%d:%d: %s: ", line, col, path);
	if (strncmp(d, prefix, strlen(prefix)) != 0)
		fail_msg("diagnostic \"%s\" does not start with \"%s\"", d, prefix);
	if (!strstr(d, text))
		fail_msg("diagnostic \"%s\" does not contain \"%s\"", d, text);
	/* the message repeats the first diagnostic, and counts the others */
	assert_int_equal(strncmp(compliance_ctx_errmsg(ctx), compliance_ctx_diag(ctx, 0),
	                         strlen(compliance_ctx_diag(ctx, 0))), 0);
	if (ndiags > 1)
		assert_non_null(strstr(compliance_ctx_errmsg(ctx), "more problem"));
	else
		assert_string_equal(compliance_ctx_errmsg(ctx), compliance_ctx_diag(ctx, 0));
	compliance_ctx_free(ctx);
}

/* "extends": a weight the user gives is the user's (source: the user's
 * file unless the node says, confidence "S" unless it says); a node the
 * user leaves alone keeps the built-in's facts (issue 8). */
static void test_extends_user_weight(void **state)
{
	static const char json[] =
		"{\"format\": \"libcompliance-profile/1\", \"id\": \"mine\", \"year\": 2023,\n"
		" \"extends\": \"ombudsman-2023\", \"nodes\": [\n"
		"  {\"id\": \"input\", \"weight\": 25},\n"
		"  {\"id\": \"proses\", \"weight\": \"29.22\", \"source\": \"our survey\", \"confidence\": \"I\"}]}";
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL, *base = NULL;
	size_t i, n;
	int seen = 0;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &base, "ombudsman-2023"), COMPLIANCE_OK);
	if (compliance_profile_load_buffer(ctx, &p, json, sizeof json - 1, "mine.json"))
		fail_msg("%s", compliance_ctx_errmsg(ctx));
	n = compliance_profile_node_count(p);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++) {
		const char *id = compliance_profile_node_id(p, i);
		const char *src = compliance_profile_node_source(p, i);
		int conf = compliance_profile_node_confidence(p, i);
		if (!strcmp(id, "input")) {
			assert_string_equal(compliance_profile_node_weight(p, i), "25");
			assert_string_equal(src, "mine.json");
			assert_int_equal(conf, COMPLIANCE_CONF_STATED);
			seen |= 1;
		} else if (!strcmp(id, "proses")) {
			assert_string_equal(compliance_profile_node_weight(p, i), "29.22");
			assert_string_equal(src, "our survey");
			assert_int_equal(conf, COMPLIANCE_CONF_INFERRED);
			seen |= 2;
		} else {
			/* as in the built-in, node for node (same order) */
			assert_string_equal(compliance_profile_node_weight(p, i),
			                    compliance_profile_node_weight(base, i));
			assert_string_equal(src, compliance_profile_node_source(base, i));
			assert_int_equal(conf, compliance_profile_node_confidence(base, i));
			assert_non_null(strstr(src, "Ombudsman RI 2023"));
			seen |= 4;
		}
	}
	assert_int_equal(seen, 7);
	compliance_profile_free(p);
	compliance_profile_free(base);
	compliance_ctx_free(ctx);
}

/* "extends": a node id given twice in the user's file is refused, as
 * without "extends" (it was silently merged, the second one winning). */
static void test_extends_duplicate_id(void **state)
{
	(void)state;
	expect_diag("{\"format\": \"libcompliance-profile/1\", \"id\": \"mine\", \"year\": 2023,\n"
	            " \"extends\": \"ombudsman-2023\", \"nodes\": [\n"
	            "  {\"id\": \"input\", \"weight\": 25},\n"
	            "  {\"id\": \"input\", \"weight\": 21.85}]}",
	            1, 0, "\"input\"", 2, 0, "$.nodes[1].id", "duplicate id \"input\"");
	/* also when the second one is deeper in the tree */
	expect_diag("{\"format\": \"libcompliance-profile/1\", \"id\": \"mine\", \"year\": 2023,\n"
	            " \"extends\": \"ombudsman-2023\", \"nodes\": [\n"
	            "  {\"id\": \"input\", \"weight\": 21.85, \"children\": [\n"
	            "    {\"id\": \"input\", \"weight\": 1, \"scale\": {\"min\": 0, \"max\": 3}}]}]}",
	            1, 0, "\"input\"", 2, 0, "$.nodes[0].children[0].id", "duplicate id \"input\"");
}

static void test_load_valid_buffer(void **state)
{
	static const char json[] = HEAD GOOD_BANDS ",\n"
	                           "  \"weights_total\": 100,\n"
	                           "  \"nodes\": [\n"
	                           "    {\"id\": \"a\", \"weight\": 21.85, \"confidence\": \"S\", \"source\": \"x\"},\n"
	                           "    {\"id\": \"b\", \"weight\": \"78.15\", \"weights_total\": 1, \"children\": [\n"
	                           "      {\"id\": \"b.1\", \"weight\": 0.1222, \"scale\": {\"min\": 0, \"max\": 3}},\n"
	                           "      {\"id\": \"b.2\", \"weight\": 0.8778, \"scale\": \"yes-no\"}\n"
	                           "    ]}\n"
	                           "  ]\n"
	                           "}\n";
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	if (compliance_profile_load_buffer(ctx, &p, json, sizeof json - 1, "test.json"))
		fail_msg("%s", compliance_ctx_errmsg(ctx));
	assert_int_equal(compliance_ctx_diag_count(ctx), 0);
	assert_string_equal(compliance_ctx_errmsg(ctx), "");
	assert_string_equal(compliance_profile_id(p), "test-profile");
	assert_string_equal(compliance_profile_name(p), "test-profile");
	assert_int_equal(compliance_profile_year(p), 2023);
	assert_int_equal(compliance_profile_has_categories(p), 1);
	assert_int_equal(compliance_profile_node_count(p), 4);
	/* numbers are read from their text, exactly */
	assert_string_equal(compliance_profile_node_weight(p, 0), "21.85");
	assert_string_equal(compliance_profile_node_weight(p, 1), "78.15");
	assert_string_equal(compliance_profile_node_weight(p, 2), "0.1222");
	assert_string_equal(compliance_profile_node_parent(p, 2), "b");
	assert_string_equal(compliance_profile_node_scale_min(p, 2), "0");
	assert_string_equal(compliance_profile_node_scale_max(p, 2), "3");
	assert_string_equal(compliance_profile_node_scale_max(p, 3), "1");
	assert_int_equal(compliance_profile_node_depth(p, 3), 1);
	assert_int_equal(compliance_profile_node_confidence(p, 0), COMPLIANCE_CONF_STATED);
	assert_int_equal(compliance_profile_node_confidence(p, 1), COMPLIANCE_CONF_UNKNOWN);
	/* a band that is only classified, never computed, by its lower bound */
	{
		size_t band = 9;
		int64_t r;
		assert_int_equal(compliance_profile_classify(ctx, p, "49.995", &r, &band), COMPLIANCE_OK);
		assert_int_equal(band, 0);
	}
	compliance_profile_free(p);

	/* a byte-order mark is accepted, a missing name becomes "<buffer>" */
	{
		char buf[2048];
		snprintf(buf, sizeof buf, "\xEF\xBB\xBF%s", json);
		assert_int_equal(compliance_profile_load_buffer(ctx, &p, buf, strlen(buf), NULL),
		                 COMPLIANCE_OK);
		compliance_profile_free(p);
		assert_int_equal(compliance_profile_load_buffer(ctx, &p, "[]", 2, NULL),
		                 COMPLIANCE_E_PROFILE);
		assert_non_null(strstr(compliance_ctx_errmsg(ctx), "<buffer>:1:1: $:"));
	}
	compliance_ctx_free(ctx);
}

static void test_diag_invalid_json(void **state)
{
	static const char json[] = HEAD GOOD_BANDS "\n  \"x\": 1\n}\n";
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	int line, col;
	char prefix[64];

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, json, sizeof json - 1, "test.json"),
	                 COMPLIANCE_E_PROFILE);
	assert_null(p);
	assert_int_equal(compliance_ctx_diag_count(ctx), 1);
	/* the missing comma is noticed at "x", on its line */
	position(json, "\"x\"", 1, 0, &line, &col);
	snprintf(prefix, sizeof prefix, "test.json:%d:", line);
	assert_int_equal(strncmp(compliance_ctx_diag(ctx, 0), prefix, strlen(prefix)), 0);
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), prefix));
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), "invalid JSON"));
	/* truncated text, and not an object */
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, json, 40, "test.json"),
	                 COMPLIANCE_E_PROFILE);
	assert_int_equal(compliance_ctx_diag_count(ctx), 1);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, "", 0, "test.json"),
	                 COMPLIANCE_E_PROFILE);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, "[1, 2]", 6, "test.json"),
	                 COMPLIANCE_E_PROFILE);
	assert_string_equal(compliance_ctx_diag(ctx, 0), "test.json:1:1: $: expected a JSON object");
	/* duplicate keys are refused */
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, "{\"id\": \"a\", \"id\": \"b\"}",
	                                                strlen("{\"id\": \"a\", \"id\": \"b\"}"), "test.json"),
	                 COMPLIANCE_E_PROFILE);
	assert_non_null(strstr(compliance_ctx_errmsg(ctx), "test.json:1:"));
	/* diagnostics of one load do not survive into the next */
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, json, 1, "test.json"),
	                 COMPLIANCE_E_PROFILE);
	assert_int_equal(compliance_ctx_diag_count(ctx), 1);
	compliance_ctx_free(ctx);
}

static void test_diag_unknown_key(void **state)
{
	(void)state;
	expect_diag(HEAD "  \"colour\": \"red\",\n" GOOD_BANDS "\n}\n", 1, 0, "\"red\"", 1, 0,
	            "$.colour", "unknown key \"colour\"");
	/* inside a band */
	expect_diag(HEAD "  \"bands\": [\n"
	                 "    {\"category\": \"A\", \"min\": \"50.00\", \"max\": \"100.00\", \"zone\": \"hijau\", \"label\": \"T\", \"colour\": 1},\n"
	                 "    {\"category\": \"B\", \"min\": \"0.00\", \"max\": \"49.99\", \"zone\": \"merah\", \"label\": \"R\"}\n"
	                 "  ]\n}\n",
	            1, 0, "1}", 1, 0, "$.bands[0].colour", "unknown key");
	/* every problem is reported, not only the first */
	expect_diag(HEAD "  \"colour\": 1,\n  \"extra\": 2,\n" GOOD_BANDS "\n}\n", 2, 1, "\"extra\": 2", 1, 9,
	            "$.extra", "unknown key \"extra\"");
}

static void test_diag_band_gap_overlap_coverage(void **state)
{
	(void)state;
	/* a gap: 48.99 + 0.01 does not reach 50.00 */
	expect_diag(HEAD BANDS("50.00", "100.00", "0.00", "48.99") "\n}\n", 1, 0, "\"48.99\"", 1, 0,
	            "$.bands[1].max", "gap");
	/* an overlap: 50.00 reaches into the band above */
	expect_diag(HEAD BANDS("50.00", "100.00", "0.00", "50.00") "\n}\n", 1, 0, "\"50.00\"", 2, 0,
	            "$.bands[1].max", "overlap");
	/* the band table must cover the scale at both ends */
	expect_diag(HEAD BANDS("50.00", "99.00", "0.00", "49.99") "\n}\n", 1, 0, "\"99.00\"", 1, 0,
	            "$.bands[0].max", "scale's maximum 100");
	expect_diag(HEAD BANDS("50.00", "100.00", "1.00", "49.99") "\n}\n", 1, 0, "\"1.00\"", 1, 0,
	            "$.bands[1].min", "scale's minimum 0");
	expect_diag(HEAD BANDS("50.00", "99.00", "1.00", "49.99") "\n}\n", 2, 1, "\"1.00\"", 1, 0,
	            "$.bands[1].min", "scale's minimum");
	/* listed from the lowest up */
	expect_diag(HEAD BANDS("0.00", "49.99", "50.00", "100.00") "\n}\n", 3, 2, "\"100.00\"", 1, 0,
	            "$.bands[1].max", "highest to the lowest");
	/* a band whose min is above its max */
	expect_diag(HEAD BANDS("50.00", "100.00", "49.00", "0.00") "\n}\n", 1, 0, "{\"category\": \"B\"",
	            1, 0, "$.bands[1]", "min is above max");
	/* a band bound that is not a decimal is a diagnostic, not a crash */
	expect_diag(HEAD BANDS("5e1", "100.00", "0.00", "49.99") "\n}\n", 1, 0,
	            "\"5e1\"", 1, 0, "$.bands[0].min", "exponent");
}

static void test_diag_nodes(void **state)
{
	(void)state;
	/* a duplicate id */
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"a\", \"weight\": 50},\n"
	                 "    {\"id\": \"a\", \"weight\": 50}\n"
	                 "  ]\n}\n",
	            1, 0, "\"a\"", 2, 0, "$.nodes[1].id", "duplicate id \"a\"");
	/* '@' starts the reserved forms of the input (@score, @entity): no id
	 * may contain it */
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"@score\", \"weight\": 100}\n"
	                 "  ]\n}\n",
	            1, 0, "\"@score\"", 1, 0, "$.nodes[0].id", "ids use letters, digits");
	/* sibling weights against the declared total */
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"weights_total\": 100,\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"a\", \"weight\": 60},\n"
	                 "    {\"id\": \"b\", \"weight\": 30.5}\n"
	                 "  ]\n}\n",
	            1, 0, "[\n    {\"id\": \"a\"", 1, 0, "$.nodes", "sum to 90.5, not to the declared total 100");
	/* the same below a node (2025 style: 70 split among children) */
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"k\", \"weight\": 70, \"weights_total\": 70, \"children\": [\n"
	                 "      {\"id\": \"a\", \"weight\": 30},\n"
	                 "      {\"id\": \"b\", \"weight\": 30}\n"
	                 "    ]}\n"
	                 "  ]\n}\n",
	            1, 0, "\"children\": [", 1, 12, "$.nodes[0].children",
	            "within \"k\" sum to 60, not to the declared total 70");
	/* an answer scale with min >= max */
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"a\", \"weight\": 1, \"scale\": {\"min\": 3, \"max\": 3}}\n"
	                 "  ]\n}\n",
	            1, 0, "{\"min\": 3", 1, 0, "$.nodes[0].scale", "empty scale");
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"a\", \"weight\": 1, \"scale\": {\"min\": 4, \"max\": 1}}\n"
	                 "  ]\n}\n",
	            1, 0, "{\"min\": 4", 1, 0, "$.nodes[0].scale", "empty scale");
	/* unknown weights above scored indicators: the missing ids are named */
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"input\", \"weight\": null, \"confidence\": \"unknown\", \"children\": [\n"
	                 "      {\"id\": \"input.1\", \"weight\": 1, \"scale\": {\"min\": 0, \"max\": 3}}\n"
	                 "    ]},\n"
	                 "    {\"id\": \"proses\", \"weight\": null, \"confidence\": \"unknown\"}\n"
	                 "  ]\n}\n",
	            1, 0, "\"nodes\": [", 1, 9, "$.nodes",
	            "the weights of input, proses within the profile are not published");
	/* a null weight claiming a confidence other than unknown */
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"a\", \"weight\": null, \"confidence\": \"S\"}\n"
	                 "  ]\n}\n",
	            1, 0, "null", 1, 0, "$.nodes[0].weight", "\"unknown\"");
	/* a negative weight */
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"a\", \"weight\": -1}\n"
	                 "  ]\n}\n",
	            1, 0, "-1", 1, 0, "$.nodes[0].weight", "negative");
}

static void test_diag_scale_and_confidence(void **state)
{
	(void)state;
	/* a scale bound that is not a decimal is a diagnostic, not a hang */
	expect_diag("{\n  \"id\": \"t\",\n  \"year\": 2023,\n"
	            "  \"scale\": {\"min\": \"abc\", \"max\": 100},\n"
	            "  \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
	            GOOD_BANDS "\n}\n",
	            1, 0, "\"abc\"", 1, 0, "$.scale.min", "not part of a decimal number");
	/* the profile's own scale empty */
	expect_diag("{\n  \"id\": \"t\",\n  \"year\": 2023,\n"
	            "  \"scale\": {\"min\": 100, \"max\": 100},\n"
	            "  \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
	            GOOD_BANDS "\n}\n",
	            1, 0, "{\"min\": 100", 1, 0, "$.scale", "empty scale");
	/* a confidence that is not one of S, V, I, unknown */
	expect_diag("{\n  \"id\": \"t\",\n  \"year\": 2023,\n"
	            "  \"scale\": {\"min\": 0, \"max\": 100, \"confidence\": \"maybe\"},\n"
	            "  \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
	            GOOD_BANDS "\n}\n",
	            1, 0, "\"maybe\"", 1, 0, "$.scale.confidence", "found \"maybe\"");
	expect_diag(HEAD GOOD_BANDS ",\n"
	                 "  \"nodes\": [\n"
	                 "    {\"id\": \"a\", \"weight\": 100, \"confidence\": \"high\"}\n"
	                 "  ]\n}\n",
	            1, 0, "\"high\"", 1, 0, "$.nodes[0].confidence", "found \"high\"");
	/* other root problems, each at its place */
	expect_diag("{\n  \"id\": \"t\",\n  \"year\": 1492,\n"
	            "  \"scale\": {\"min\": 0, \"max\": 100},\n"
	            "  \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
	            GOOD_BANDS "\n}\n",
	            1, 0, "1492", 1, 0, "$.year", "year");
	expect_diag("{\n  \"id\": \"t\",\n  \"year\": 2023,\n"
	            "  \"scale\": {\"min\": 0, \"max\": 100},\n"
	            "  \"rounding\": {\"mode\": \"half-even\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
	            GOOD_BANDS "\n}\n",
	            1, 0, "\"half-even\"", 1, 0, "$.rounding.mode", "half-up");
	expect_diag("{\n  \"id\": \"bad id!\",\n  \"year\": 2023,\n"
	            "  \"scale\": {\"min\": 0, \"max\": 100},\n"
	            "  \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
	            GOOD_BANDS "\n}\n",
	            1, 0, "\"bad id!\"", 1, 0, "$.id", "ids use");
}

/* ---- allocators ------------------------------------------------------------------- */

typedef struct tracker {
	void **live;        /* pointers handed out and not yet freed */
	size_t nlive, cap;
	size_t calls;       /* malloc and realloc calls */
	size_t fail_at;     /* fail the call with this number (from 1); 0 never */
	size_t failed;      /* how many calls were failed */
	size_t allocs, frees, foreign;
} tracker;

static void track_add(tracker *t, void *p)
{
	if (t->nlive == t->cap) {
		size_t ncap = t->cap ? 2 * t->cap : 256;
		void **n = realloc(t->live, ncap * sizeof *n);
		assert_non_null(n);
		t->live = n;
		t->cap = ncap;
	}
	t->live[t->nlive++] = p;
}

static int track_remove(tracker *t, void *p)
{
	size_t i;

	for (i = t->nlive; i-- > 0;)
		if (t->live[i] == p) {
			t->live[i] = t->live[--t->nlive];
			return 1;
		}
	return 0;
}

static int should_fail(tracker *t)
{
	t->calls++;
	if (t->fail_at && t->calls == t->fail_at) {
		t->failed++;
		return 1;
	}
	return 0;
}

static void *t_malloc(size_t size, void *ud)
{
	tracker *t = ud;
	void *p;

	assert_true(size > 0);
	if (should_fail(t))
		return NULL;
	p = malloc(size);
	if (p) {
		t->allocs++;
		track_add(t, p);
	}
	return p;
}

static void *t_realloc(void *ptr, size_t size, void *ud)
{
	tracker *t = ud;
	void *p;

	assert_true(size > 0);
	if (ptr && !track_remove(t, ptr)) {
		t->foreign++;
		return NULL;
	}
	if (should_fail(t)) {
		if (ptr)
			track_add(t, ptr); /* still valid */
		return NULL;
	}
	p = realloc(ptr, size);
	if (!p) {
		if (ptr)
			track_add(t, ptr);
		return NULL;
	}
	if (!ptr)
		t->allocs++;
	track_add(t, p);
	return p;
}

static void t_free(void *ptr, void *ud)
{
	tracker *t = ud;

	if (!ptr)
		return;
	if (!track_remove(t, ptr)) {
		t->foreign++; /* not ours: leak it rather than corrupt the heap */
		return;
	}
	t->frees++;
	free(ptr);
}

/*
 * Runs the whole life of a context, a profile and an assessment. Every call
 * must succeed or fail with COMPLIANCE_E_NOMEM because of the injected
 * failure; a call that failed is retried (the allocator fails only once)
 * and must then succeed, which also proves the failure left nothing
 * half-done behind (a half-added unit would come back as a duplicate).
 * The final results must be the expected ones.
 */
#define STEP(call, okcode)                                                                    \
	do {                                                                                  \
		int rc_ = (call);                                                             \
		if (rc_ == COMPLIANCE_E_NOMEM) {                                              \
			assert_true(t->failed == 1);                                          \
			nomem++;                                                              \
			rc_ = (call);                                                         \
		}                                                                             \
		if (rc_ != (okcode))                                                          \
			fail_msg("fail_at %zu: %s returned %d", t->fail_at, #call, rc_);      \
	} while (0)

static size_t scenario(tracker *t)
{
	compliance_allocator al = { t_malloc, t_realloc, t_free, t };
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL, *bad = NULL;
	compliance_assessment *a = NULL;
	static const char bad_json[] = HEAD "  \"colour\": 1,\n  \"extra\": 2,\n" GOOD_BANDS "\n}\n";
	static const char csv[] = "entity,entity_type,unit,score\n"
	                          "Kota Tangerang Selatan,kota,Disdukcapil,96.25\n"
	                          "Kota Tangerang Selatan,kota,Dinas Sosial,92.40\n"
	                          "Kota Tangerang Selatan,kota,DPMPTSP,92.79\n"
	                          "Kota Tangerang Selatan,kota,Disdikbud,94.50\n"
	                          "Kota Tangerang Selatan,kota,Puskesmas Pondok Ranji,95.97\n"
	                          "Kota Tangerang Selatan,kota,Puskesmas Jombang,94.84\n";
	size_t nomem = 0, i, idx;

	STEP(compliance_ctx_new_with_allocator(&ctx, &al), COMPLIANCE_OK);
	STEP(compliance_profile_open(ctx, &p, "ombudsman-2023"), COMPLIANCE_OK);
	assert_string_equal(compliance_ctx_errmsg(ctx), "");
	/* a bad profile: its diagnostics allocate too */
	STEP(compliance_profile_load_buffer(ctx, &bad, bad_json, sizeof bad_json - 1, "bad.json"),
	     COMPLIANCE_E_PROFILE);
	assert_null(bad);
	assert_int_equal(compliance_ctx_diag_count(ctx), 2);
	STEP(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	/* objects outlive the context and the caller's profile reference */
	compliance_ctx_free(ctx);
	compliance_profile_free(p);
	/* enough entities and units to make every array grow */
	for (i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof name, "Kabupaten %02zu", i);
		STEP(compliance_assessment_add_unit_score(a, name, "kabupaten", "Dinas Kesehatan", "70.00"),
		     COMPLIANCE_OK);
		STEP(compliance_assessment_add_unit_score(a, name, "kabupaten", "Disdukcapil", "71.01"),
		     COMPLIANCE_OK);
	}
	for (i = 0; i < 12; i++) {
		char unit[32];
		snprintf(unit, sizeof unit, "Puskesmas %02zu", i);
		STEP(compliance_assessment_add_unit_score(a, "Kabupaten 00", "kabupaten", unit, "80"),
		     COMPLIANCE_OK);
	}
	STEP(compliance_assessment_read_csv_buffer(a, csv, sizeof csv - 1, "tangsel.csv"),
	     COMPLIANCE_OK);
	STEP(compliance_assessment_compute(a), COMPLIANCE_OK);

	assert_int_equal(compliance_assessment_entity_count(a), 21);
	assert_string_equal(compliance_assessment_entity_name(a, 0),
	                    "Kota Tangerang Selatan");
	assert_string_equal(compliance_assessment_entity_mean_text(a, 0), "2267/24");
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "94.46");
	assert_int_equal(compliance_assessment_find(a, "Kabupaten 00", &idx), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_unit_count(a, idx), 14);
	/* (70 + 71.01 + 12 * 80) / 14 = 1101.01 / 14 = 78.643... */
	assert_string_equal(compliance_assessment_entity_score_text(a, idx), "78.64");
	assert_int_equal(compliance_assessment_find(a, "Kabupaten 07", &idx), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_entity_score_text(a, idx), "70.51");
	compliance_assessment_free(a);
	return nomem;
}

static void test_counting_allocator(void **state)
{
	tracker t;

	(void)state;
	memset(&t, 0, sizeof t);
	assert_int_equal(scenario(&t), 0);
	assert_int_equal(t.failed, 0);
	assert_true(t.allocs > 50);
	assert_int_equal(t.foreign, 0);
	/* everything allocated was freed */
	assert_int_equal(t.nlive, 0);
	assert_int_equal(t.allocs, t.frees);
	free(t.live);
}

static void test_failing_allocator(void **state)
{
	tracker t;
	size_t total, n, nomem_seen = 0;

	(void)state;
	memset(&t, 0, sizeof t);
	scenario(&t);
	total = t.calls;
	free(t.live);
	assert_true(total > 50);

	/* fail the n-th allocation, for every n, and once more past the end */
	for (n = 1; n <= total + 1; n++) {
		size_t nomem;
		memset(&t, 0, sizeof t);
		t.fail_at = n;
		nomem = scenario(&t);
		if (n <= total) {
			/* the failure was seen by exactly one call, which reported it */
			assert_int_equal(t.failed, 1);
			assert_int_equal(nomem, 1);
			nomem_seen++;
		} else {
			assert_int_equal(t.failed, 0);
			assert_int_equal(nomem, 0);
		}
		assert_int_equal(t.foreign, 0);
		if (t.nlive != 0)
			fail_msg("fail_at %zu: %zu allocations leaked", n, t.nlive);
		assert_int_equal(t.allocs, t.frees);
		free(t.live);
	}
	assert_int_equal(nomem_seen, total);
}

/* A context made with an allocator that lacks a function is refused. */
static void test_allocator_validation(void **state)
{
	tracker t;
	compliance_allocator al = { t_malloc, t_realloc, t_free, &t };
	compliance_ctx *ctx = (compliance_ctx *)&ctx;

	(void)state;
	memset(&t, 0, sizeof t);
	al.free_fn = NULL;
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &al), COMPLIANCE_E_INVALID);
	assert_null(ctx);
	al.free_fn = t_free;
	al.realloc_fn = NULL;
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &al), COMPLIANCE_E_INVALID);
	al.realloc_fn = t_realloc;
	al.malloc_fn = NULL;
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &al), COMPLIANCE_E_INVALID);
	assert_int_equal(t.calls, 0);
	/* the first allocation is the context itself */
	al.malloc_fn = t_malloc;
	t.fail_at = 1;
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &al), COMPLIANCE_E_NOMEM);
	assert_null(ctx);
	/* a NULL allocator means the C library's */
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, NULL), COMPLIANCE_OK);
	assert_non_null(ctx);
	compliance_ctx_free(ctx);
	assert_int_equal(t.nlive, 0);
	free(t.live);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_builtin_loads),
		cmocka_unit_test(test_confidence_codes),
		cmocka_unit_test(test_dimension_weights),
		cmocka_unit_test(test_2025_composite),
		cmocka_unit_test(test_load_file_matches_builtin),
		cmocka_unit_test(test_load_valid_buffer),
		cmocka_unit_test(test_diag_invalid_json),
		cmocka_unit_test(test_diag_unknown_key),
		cmocka_unit_test(test_diag_band_gap_overlap_coverage),
		cmocka_unit_test(test_diag_nodes),
		cmocka_unit_test(test_extends_user_weight),
		cmocka_unit_test(test_extends_duplicate_id),
		cmocka_unit_test(test_diag_scale_and_confidence),
		cmocka_unit_test(test_counting_allocator),
		cmocka_unit_test(test_failing_allocator),
		cmocka_unit_test(test_allocator_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
