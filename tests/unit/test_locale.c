/*
 * Locale independence (README: "parsing and formatting do not depend on the
 * locale"; house style: "94.46" reads the same under any LC_NUMERIC).
 *
 * Under de_DE.UTF-8 and id_ID.UTF-8, whose decimal separator is a comma,
 * everything the library reads and writes must be byte-identical to the
 * "C" locale: classification (rounded values, bands, error messages),
 * compliance_format_scaled(), CSV and JSON input, JSON profile files (every
 * band and node text), computed results and explanations (JSON and text).
 *
 * A locale that is not installed skips its test (cmocka skip()), unless
 * COMPLIANCE_REQUIRE_LOCALES=1 is set (tools/ci-extra.sh generates both
 * locales and sets it), which makes a missing locale a failure.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <compliance.h>

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
		t->cap = t->cap * 2 + (size_t)n + 256;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
}

static const char *const scores[] = {
	"87.995", "87.99", "88", "88.00", "77.995", "53.995", "31.995", "0", "100", "73.02",
	"94.4583", "+61", "60.995", "0.005", "99.999", "75", "75.5",
	/* refused, with messages */
	"87,995", "1e2", "abc", "", "-3", "100.01", "1234567890123456789012345678901", " 5",
};

static void dump_classify(text *t, compliance_ctx *ctx)
{
	size_t i, k;

	for (k = 0; k < compliance_builtin_count(); k++) {
		compliance_profile *p;
		const char *id = compliance_builtin_id(k);

		assert_int_equal(compliance_profile_open(ctx, &p, id), COMPLIANCE_OK);
		for (i = 0; i < sizeof scores / sizeof *scores; i++) {
			int64_t r = 0;
			size_t b = 0;
			char buf[32];
			int rc = compliance_profile_classify(ctx, p, scores[i], &r, &b);

			if (rc) {
				add(t, "%s %s: %d %s\n", id, scores[i], rc, compliance_ctx_errmsg(ctx));
				continue;
			}
			assert_int_equal(compliance_format_scaled(buf, sizeof buf, r,
			                                          compliance_profile_decimals(p)),
			                 COMPLIANCE_OK);
			add(t, "%s %s: %s %s %s %s\n", id, scores[i], buf,
			    compliance_profile_band_category(p, b),
			    compliance_profile_band_zone(p, b),
			    compliance_profile_band_label(p, b));
		}
		compliance_profile_free(p);
	}
	for (i = 0; i < 7; i++) {
		char buf[32];
		compliance_format_scaled(buf, sizeof buf, (int64_t)9446 * (int64_t)(i + 1) - 12345,
		                         (int)i);
		add(t, "format %s\n", buf);
	}
}

static void dump_profile(text *t, const compliance_profile *p)
{
	size_t i, g;

	add(t, "profile %s %s %d %s..%s %s %d\n", compliance_profile_id(p), compliance_profile_name(p),
	    compliance_profile_year(p), compliance_profile_scale_min(p),
	    compliance_profile_scale_max(p), compliance_profile_rounding(p),
	    compliance_profile_decimals(p));
	for (i = 0; i < compliance_profile_band_count(p); i++) {
		for (g = 0; g < NGETTERS(band_getters); g++)
			add(t, "%s|", band_getters[g](p, i));
		add(t, "\n");
	}
	for (i = 0; i < compliance_profile_node_count(p); i++) {
		for (g = 0; g < NGETTERS(node_getters); g++)
			add(t, "%s|", node_getters[g](p, i));
		add(t, "%d\n", compliance_profile_node_depth(p, i));
	}
}

static void dump_results(text *t, compliance_assessment *a)
{
	size_t i, u;
	int f;

	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	for (i = 0; i < compliance_assessment_entity_count(a); i++) {
		add(t, "%s|%s|%s|%s|%s|%s|%s|%d|", compliance_assessment_entity_name(a, i),
		    compliance_enum_short_name("compliance_entity_type",
		                               compliance_assessment_entity_type(a, i)),
		    compliance_assessment_entity_score_text(a, i),
		    compliance_assessment_entity_category(a, i), compliance_assessment_entity_zone(a, i),
		    compliance_assessment_entity_label(a, i), compliance_assessment_entity_mean_text(a, i),
		    compliance_assessment_entity_qualified(a, i));
		for (u = 0; u < compliance_assessment_unit_count(a, i); u++) {
			char exact[COMPLIANCE_EXACT_TEXT_SIZE];
			int64_t score = 0;
			assert_int_equal(compliance_assessment_unit_score(&score, a, i, u), COMPLIANCE_OK);
			assert_int_equal(compliance_assessment_unit_exact(exact, sizeof exact, a, i, u),
			                 COMPLIANCE_OK);
			add(t, "%s|%lld|%s|", compliance_assessment_unit_name(a, i, u), (long long)score,
			    exact);
		}
		add(t, "\n");
		for (f = COMPLIANCE_EXPLAIN_JSON; f <= COMPLIANCE_EXPLAIN_TEXT; f++) {
			char *x = NULL;
			assert_int_equal(compliance_assessment_explain(a, i, f, &x), COMPLIANCE_OK);
			add(t, "%s\n", x);
			compliance_free(x);
		}
	}
}

/* Reads `path` (CSV or JSON by its name) under profile `p` and dumps the
 * results, or the error. */
static void dump_input(text *t, compliance_ctx *ctx, compliance_profile *p, const char *path,
                       int missing)
{
	compliance_assessment *a;
	size_t n = strlen(path);
	int rc;

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, missing),
	                 COMPLIANCE_OK);
	if (n > 5 && !strcmp(path + n - 5, ".json"))
		rc = compliance_assessment_read_json_file(a, path);
	else
		rc = compliance_assessment_read_csv_file(a, path);
	if (rc)
		add(t, "%s: %d %s\n", path, rc, compliance_assessment_errmsg(a));
	else
		dump_results(t, a);
	compliance_assessment_free(a);
}

static void dump_buffer(text *t, compliance_ctx *ctx, compliance_profile *p, const char *csv)
{
	compliance_assessment *a;
	int rc;

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	rc = compliance_assessment_read_csv_buffer(a, csv, strlen(csv), "inline.csv");
	if (rc)
		add(t, "inline: %d %s\n", rc, compliance_assessment_errmsg(a));
	else
		dump_results(t, a);
	compliance_assessment_free(a);
}

/* Everything the library reads and writes, as one text. */
static char *dump_all(void)
{
	text t = { NULL, 0, 0 };
	compliance_ctx *ctx;
	compliance_profile *p2022, *p2015, *inst, *opini, *bad = NULL;
	int rc;

	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	add(&t, "");
	dump_classify(&t, ctx);

	assert_int_equal(compliance_profile_open(ctx, &p2022, "ombudsman-2022"), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p2015, "ombudsman-2015"), COMPLIANCE_OK);
	rc = compliance_profile_load_file(ctx, &inst,
	                                  COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json");
	if (rc)
		fail_msg("%s", compliance_ctx_errmsg(ctx));
	rc = compliance_profile_load_file(ctx, &opini, COMPLIANCE_TEST_DATA "/profiles/opini-2025.json");
	if (rc)
		fail_msg("%s", compliance_ctx_errmsg(ctx));
	dump_profile(&t, p2022);
	dump_profile(&t, inst);
	dump_profile(&t, opini);
	/* a profile with errors: every diagnostic, with positions */
	rc = compliance_profile_load_file(ctx, &bad, COMPLIANCE_TEST_DATA "/profiles/bad-bands.json");
	assert_null(bad);
	add(&t, "bad-bands: %d %s\n", rc, compliance_ctx_errmsg(ctx));
	{
		size_t i;
		for (i = 0; i < compliance_ctx_diag_count(ctx); i++)
			add(&t, "  %s\n", compliance_ctx_diag(ctx, i));
	}

	dump_input(&t, ctx, p2022, COMPLIANCE_SOURCE_DIR "/examples/data/scores-2022.csv", 0);
	dump_input(&t, ctx, inst, COMPLIANCE_SOURCE_DIR "/examples/data/answers-2023.csv", 1);
	dump_input(&t, ctx, inst, COMPLIANCE_SOURCE_DIR "/examples/data/answers-2023.json", 2);
	dump_buffer(&t, ctx, p2015,
	            "entity,entity_type,unit,product,score\n"
	            "Kota X,kota,Dinas A,Izin 1,61.5\nKota X,kota,Dinas A,Izin 2,70.25\n"
	            "Kota X,kota,Dinas B,Izin 1,40.125\n"
	            "\"Kementerian Y\",kementerian,Ditjen Z,Paspor,74.995\n");
	dump_buffer(&t, ctx, p2022, "entity,entity_type,unit,score\nKota X,kota,A,\"82,70\"\n");
	/* spreadsheets as Excel writes them under id_ID (issue 9): the dialect
	 * found from the header, a decimal comma, labels and yes-no words, and
	 * Windows-1252 converted through iconv */
	dump_input(&t, ctx, p2022, COMPLIANCE_TEST_DATA "/excel/excel-id-scores.csv", 0);
	dump_input(&t, ctx, inst, COMPLIANCE_TEST_DATA "/excel/excel-id-answers.csv", 0);
	dump_input(&t, ctx, p2022, COMPLIANCE_TEST_DATA "/excel/excel-id-cp1252.csv", 0);
	{
		compliance_assessment *a;
		assert_int_equal(compliance_assessment_new(ctx, &a, p2022), COMPLIANCE_OK);
		assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ENCODING,
		                                                  COMPLIANCE_ENCODING_CP1252),
		                 COMPLIANCE_OK);
		rc = compliance_assessment_read_csv_file(a, COMPLIANCE_TEST_DATA "/excel/excel-id-cp1252.csv");
		if (rc)
			add(&t, "cp1252: %d %s\n", rc, compliance_assessment_errmsg(a));
		else
			dump_results(&t, a);
		compliance_assessment_free(a);
	}
	dump_buffer(&t, ctx, p2022, "entity,entity_type,unit,score\nKota X,kota,A,100.001\n");

	compliance_profile_free(p2022);
	compliance_profile_free(p2015);
	compliance_profile_free(inst);
	compliance_profile_free(opini);
	compliance_ctx_free(ctx);
	return t.s;
}

static char *reference;

static int setup_reference(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "C"))
		return -1;
	reference = dump_all();
	return reference ? 0 : -1;
}

static int teardown_reference(void **state)
{
	(void)state;
	free(reference);
	setlocale(LC_ALL, "C");
	return 0;
}

/* Reports the first line where two texts differ. */
static void compare(const char *locale, const char *got)
{
	size_t i = 0, line = 1, start = 0;

	if (strcmp(reference, got) == 0)
		return;
	while (reference[i] && reference[i] == got[i]) {
		if (got[i] == '\n') {
			line++;
			start = i + 1;
		}
		i++;
	}
	fail_msg("under %s the output differs from the \"C\" locale at line %zu:\n"
	         "  C:      %.120s\n  %s: %.120s", locale, line, reference + start, locale, got + start);
}

static void under_locale(const char *locale)
{
	char *got;
	const char *req = getenv("COMPLIANCE_REQUIRE_LOCALES");

	if (!setlocale(LC_ALL, locale)) {
		if (req && strcmp(req, "0") != 0 && req[0])
			fail_msg("locale %s is not installed (COMPLIANCE_REQUIRE_LOCALES is set)", locale);
		print_message("locale %s is not installed: skipped\n", locale);
		skip();
	}
	/* the point of the test: this locale writes 1,5 where C writes 1.5 */
	{
		char probe[16];
		snprintf(probe, sizeof probe, "%.1f", 1.5);
		if (strcmp(probe, "1,5") != 0) {
			setlocale(LC_ALL, "C");
			fail_msg("locale %s does not use a decimal comma (%s)", locale, probe);
		}
	}
	got = dump_all();
	setlocale(LC_ALL, "C");
	compare(locale, got);
	free(got);
}

static void locale_de_DE(void **state)
{
	(void)state;
	under_locale("de_DE.UTF-8");
}

static void locale_id_ID(void **state)
{
	(void)state;
	under_locale("id_ID.UTF-8");
}

/* The reference itself: the C locale is what the other tests use, but
 * check that the dump is not trivially empty. */
static void locale_C_reference(void **state)
{
	(void)state;
	assert_non_null(strstr(reference, "ombudsman-2022 73.02: 73.02 C kuning Kualitas Sedang"));
	assert_non_null(strstr(reference, "Kabupaten Bekasi|kabupaten|73.02|C|kuning"));
	assert_non_null(strstr(reference, "\"exact\""));
	assert_non_null(strstr(reference, "Kabupaten Bogor|kabupaten|88.00|A|hijau"));
	assert_non_null(strstr(reference, "Kota Contoh|kota|83.90|B|hijau"));
	assert_non_null(strstr(reference, "Kabupaten Garut|kabupaten|54.00|C|kuning"));
	assert_non_null(strstr(reference, "excel-id-cp1252.csv:2: field 'unit' (column 3): byte 0x96"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locale_C_reference),
		cmocka_unit_test(locale_de_DE),
		cmocka_unit_test(locale_id_ID),
	};
	return cmocka_run_group_tests(tests, setup_reference, teardown_reference);
}
