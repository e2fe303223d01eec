/*
 * Label sets (docs/profile-format.md): ombudsman-2025's Opini and Kualitas
 * Pelayanan, their band edges, the results' labels per set (entities and
 * units), the Opini certificate, the default set of older profiles, bad
 * label sets, and ombudsman-2026 with every number inferred.
 *
 * Expected values are worked by hand from METHODOLOGY.md §2 (2025): Pemda
 * DIY 2025 (92.36 + 90.16 + 83.63 + 83.58 + 84.73 + 81.53) / 6 = 85.99833
 * -> 86.00, B: "Opini Kualitas Tinggi Tanpa Maladministrasi" as published;
 * Provinsi Gorontalo 2025 (68.79 + 77.55 + 84.11) / 3 = 76.81667 -> 76.82,
 * C: "Kualitas Sedang Tanpa Maladministrasi" as published.
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

static compliance_profile *open_builtin(compliance_ctx *ctx, const char *id)
{
	compliance_profile *p = NULL;

	assert_int_equal(compliance_profile_open(ctx, &p, id), COMPLIANCE_OK);
	return p;
}

/* The band a score classifies into. */
static size_t band_of(compliance_ctx *ctx, compliance_profile *p, const char *score)
{
	size_t b = 99;

	assert_int_equal(compliance_profile_classify(ctx, p, score, NULL, &b), COMPLIANCE_OK);
	return b;
}

static void test_2025_declares_both_sets(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	size_t b;
	static const char *const opini[5] = { "Kualitas Tertinggi", "Kualitas Tinggi",
		                              "Kualitas Sedang", "Kualitas Rendah",
		                              "Kualitas Terendah" };
	static const char *const kp[5] = { "Sangat Baik", "Baik", "Cukup", "Kurang", "" };

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_builtin(ctx, "ombudsman-2025");
	assert_int_equal(compliance_profile_label_set_count(p), 2);
	assert_string_equal(compliance_profile_label_set_id(p, 0), "opini");
	assert_string_equal(compliance_profile_label_set_name(p, 0), "Opini Ombudsman RI");
	assert_int_equal(compliance_profile_label_set_scope(p, 0), COMPLIANCE_LABEL_SCOPE_ENTITY);
	assert_string_equal(compliance_profile_label_set_id(p, 1), "kualitas-pelayanan");
	assert_string_equal(compliance_profile_label_set_name(p, 1), "Kualitas Pelayanan");
	assert_int_equal(compliance_profile_label_set_scope(p, 1),
	                 COMPLIANCE_LABEL_SCOPE_UNIT | COMPLIANCE_LABEL_SCOPE_ENTITY);
	assert_int_equal(compliance_profile_label_set_confidence(p, 1), COMPLIANCE_CONF_STATED);
	assert_non_null(strstr(compliance_profile_label_set_source(p, 1), "docs/methodology.md"));
	assert_int_equal(compliance_profile_band_count(p), 5);
	for (b = 0; b < 5; b++) {
		assert_string_equal(compliance_profile_band_set_label(p, b, 0), opini[b]);
		/* set 0 is what the older getter gives */
		assert_string_equal(compliance_profile_band_label(p, b), opini[b]);
		assert_string_equal(compliance_profile_band_set_label(p, b, 1), kp[b]);
		/* the Opini certificate is awarded only at Kualitas Tertinggi [S] */
		assert_int_equal(compliance_profile_band_set_certificate(p, b, 0), b == 0);
		assert_int_equal(compliance_profile_band_set_certificate(p, b, 1), 0);
		/* the Opini names are published [S] (Terendah carried from 2022-2024
		 * [I]); which Kualitas Pelayanan label goes with which band is
		 * inferred [I], and below 32 unknown */
		assert_int_equal(compliance_profile_band_set_confidence(p, b, 0),
		                 b < 4 ? COMPLIANCE_CONF_STATED : COMPLIANCE_CONF_INFERRED);
		assert_int_equal(compliance_profile_band_set_confidence(p, b, 1),
		                 b < 4 ? COMPLIANCE_CONF_INFERRED : COMPLIANCE_CONF_UNKNOWN);
		assert_non_null(strstr(compliance_profile_band_set_source(p, b, 1), "docs/methodology.md"));
	}
	assert_string_equal(compliance_profile_band_set_label_en(p, 0, 1), "Very good");
	/* band edges of both sets: they share the bands (88 / 78 / 54 / 32) */
	assert_int_equal(band_of(ctx, p, "88"), 0);
	assert_int_equal(band_of(ctx, p, "87.995"), 0); /* rounds to 88.00 */
	assert_int_equal(band_of(ctx, p, "87.99"), 1);
	assert_int_equal(band_of(ctx, p, "78.00"), 1);
	assert_int_equal(band_of(ctx, p, "77.994"), 2);
	assert_int_equal(band_of(ctx, p, "54"), 2);
	assert_int_equal(band_of(ctx, p, "53.99"), 3);
	assert_int_equal(band_of(ctx, p, "32"), 3);
	assert_int_equal(band_of(ctx, p, "31.99"), 4);
	assert_string_equal(compliance_profile_band_set_label(p, band_of(ctx, p, "77.994"), 1),
	                    "Cukup");
	assert_string_equal(compliance_profile_band_set_label(p, band_of(ctx, p, "77.995"), 1),
	                    "Baik");
	assert_string_equal(compliance_profile_band_set_label(p, band_of(ctx, p, "32"), 1),
	                    "Kurang");
	assert_string_equal(compliance_profile_band_set_label(p, band_of(ctx, p, "31.994"), 1), "");
	/* bad arguments */
	assert_null(compliance_profile_label_set_id(p, 2));
	assert_null(compliance_profile_band_set_label(p, 5, 0));
	assert_null(compliance_profile_band_set_label(p, 0, 2));
	assert_int_equal(compliance_profile_band_set_certificate(p, 0, 2), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_label_set_scope(NULL, 0), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_label_set_count(NULL), 0);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static compliance_assessment *score_file(compliance_ctx *ctx, compliance_profile *p)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_read_csv_file(a, COMPLIANCE_TEST_DATA
	                                                     "/labels-2025.csv"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	return a;
}

static size_t find(compliance_assessment *a, const char *name)
{
	size_t i = 99;

	assert_int_equal(compliance_assessment_find(a, name, &i), COMPLIANCE_OK);
	return i;
}

static void check_units(compliance_assessment *a, size_t i, const char *const *kp, size_t n)
{
	size_t u;

	assert_int_equal(compliance_assessment_unit_count(a, i), n);
	for (u = 0; u < n; u++) {
		assert_string_equal(compliance_assessment_unit_label(a, i, u, 1), kp[u]);
		/* the Opini does not label units */
		assert_string_equal(compliance_assessment_unit_label(a, i, u, 0), "");
	}
}

static void test_2025_results_carry_both(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	size_t i;
	static const char *const diy[6] = { "Sangat Baik", "Sangat Baik", "Baik",
		                            "Baik",        "Baik",        "Baik" };
	static const char *const gor[3] = { "Cukup", "Cukup", "Baik" }; /* 77.55 < 78 */
	static const char *const uji[2] = { "Sangat Baik", "Baik" };   /* 88.00, 87.99 */
	static const char *const rendah[2] = { "", "Kurang" };         /* 31.99, 32.00 */

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_builtin(ctx, "ombudsman-2025");
	a = score_file(ctx, p);

	i = find(a, "Pemerintah Daerah DIY");
	assert_string_equal(compliance_assessment_entity_score_text(a, i), "86.00");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 0),
	                    "Kualitas Tinggi Tanpa Maladministrasi");
	assert_string_equal(compliance_assessment_entity_label(a, i),
	                    "Kualitas Tinggi Tanpa Maladministrasi");
	/* the qualifier appends to the Opini only */
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 1), "Baik");
	assert_int_equal(compliance_assessment_entity_certificate(a, i), 0);
	check_units(a, i, diy, 6);

	i = find(a, "Provinsi Gorontalo");
	assert_string_equal(compliance_assessment_entity_score_text(a, i), "76.82");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 0),
	                    "Kualitas Sedang Tanpa Maladministrasi");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 1), "Cukup");
	assert_int_equal(compliance_assessment_entity_certificate(a, i), 0);
	check_units(a, i, gor, 3);

	/* (88.00 + 87.99) / 2 = 87.995 -> 88.00: Tertinggi, the certificate */
	i = find(a, "Kota Uji");
	assert_string_equal(compliance_assessment_entity_score_text(a, i), "88.00");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 0), "Kualitas Tertinggi");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 1), "Sangat Baik");
	assert_int_equal(compliance_assessment_entity_certificate(a, i), 1);
	assert_int_equal(compliance_assessment_entity_qualified(a, i), 0);
	check_units(a, i, uji, 2);

	/* (31.99 + 32.00) / 2 = 31.995 -> 32.00: Rendah; not followed up */
	i = find(a, "Kabupaten Rendah");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 0), "Kualitas Rendah");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 1), "Kurang");
	check_units(a, i, rendah, 2);

	/* 15.00: below 32 the Kualitas Pelayanan label is not published */
	i = find(a, "Kabupaten Terendah");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 0), "Kualitas Terendah");
	assert_string_equal(compliance_assessment_entity_label_set(a, i, 1), "");
	assert_int_equal(compliance_assessment_entity_certificate(a, i), 0);

	/* bad arguments */
	assert_null(compliance_assessment_entity_label_set(a, i, 2));
	assert_null(compliance_assessment_entity_label_set(a, 5, 0));
	assert_null(compliance_assessment_unit_label(a, i, 2, 1));
	assert_null(compliance_assessment_unit_label(a, i, 0, 2));
	assert_null(compliance_assessment_unit_label(NULL, 0, 0, 0));
	assert_int_equal(compliance_assessment_entity_certificate(a, 5), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_entity_certificate(NULL, 0), COMPLIANCE_E_INVALID);
	compliance_assessment_free(a);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_certificate(a, 0), COMPLIANCE_E_STATE);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static void test_emitters(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	char *out = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_builtin(ctx, "ombudsman-2025");
	a = score_file(ctx, p);
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV, &out), COMPLIANCE_OK);
	assert_non_null(strstr(out, "entity,entity_type,units,score,category,zone,label,rank,"
	                            "rank_in_type,label_kualitas-pelayanan,certificate\n"));
	assert_non_null(strstr(out, "Kota Uji,kota,2,88.00,A,hijau,Kualitas Tertinggi,1,1,"
	                            "Sangat Baik,yes\n"));
	assert_non_null(strstr(out, "Pemerintah Daerah DIY,provinsi,6,86.00,B,hijau,Kualitas "
	                            "Tinggi Tanpa Maladministrasi,2,1,Baik,no\n"));
	assert_non_null(strstr(out, "Kabupaten Terendah,kabupaten,2,15.00,E,merah,Kualitas "
	                            "Terendah,5,2,-,no\n"));
	compliance_free(out);
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_JSON, &out),
	                 COMPLIANCE_OK);
	assert_non_null(strstr(out, "\"labels\": {\n      \"opini\": \"Kualitas Tertinggi\",\n"
	                            "      \"kualitas-pelayanan\": \"Sangat Baik\"\n    },\n"
	                            "    \"certificate\": true,"));
	assert_non_null(strstr(out, "\"unit\": \"Panti Sosial\",\n        \"score\": \"31.99\",\n"
	                            "        \"labels\": {\n          \"kualitas-pelayanan\": null"));
	compliance_free(out);
	/* explain: each set's label with its source and confidence, the
	 * certificate, each unit's labels */
	assert_int_equal(compliance_assessment_explain(a, find(a, "Kota Uji"), COMPLIANCE_EXPLAIN_JSON,
	                                               &out),
	                 COMPLIANCE_OK);
	assert_non_null(strstr(out, "\"id\": \"kualitas-pelayanan\",\n      \"name\": \"Kualitas "
	                            "Pelayanan\",\n      \"label\": \"Sangat Baik\""));
	assert_non_null(strstr(out, "\"confidence\": \"I\",\n      \"certificate\": false"));
	assert_non_null(strstr(out, "\"certificate\": true"));
	assert_non_null(strstr(out, "\"labels\": {\n        \"kualitas-pelayanan\": \"Baik\"\n"));
	compliance_free(out);
	assert_int_equal(compliance_assessment_explain(a, find(a, "Kabupaten Terendah"),
	                                               COMPLIANCE_EXPLAIN_TEXT, &out),
	                 COMPLIANCE_OK);
	assert_non_null(strstr(out, "label opini (Opini Ombudsman RI): Kualitas Terendah [I]\n"));
	assert_non_null(strstr(out, "label kualitas-pelayanan (Kualitas Pelayanan): (not published) "
	                            "[unknown]\n"));
	compliance_free(out);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	/* a profile without label sets keeps its columns and keys */
	p = open_builtin(ctx, "ombudsman-2023");
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota A", "kota", "U1", "80"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV, &out), COMPLIANCE_OK);
	assert_string_equal(out, "entity,entity_type,units,score,category,zone,label,rank,"
	                         "rank_in_type\nKota A,kota,1,80.00,B,hijau,Kualitas Tinggi,1,1\n");
	compliance_free(out);
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_JSON, &out),
	                 COMPLIANCE_OK);
	assert_null(strstr(out, "\"labels\""));
	assert_null(strstr(out, "certificate"));
	compliance_free(out);
	assert_int_equal(compliance_assessment_explain(a, 0, COMPLIANCE_EXPLAIN_JSON, &out),
	                 COMPLIANCE_OK);
	assert_null(strstr(out, "label_sets"));
	assert_null(strstr(out, "\"certificate\":"));
	compliance_free(out);
	/* the default set of a profile without label_sets */
	assert_int_equal(compliance_profile_label_set_count(p), 1);
	assert_string_equal(compliance_profile_label_set_id(p, 0), "default");
	assert_int_equal(compliance_profile_label_set_scope(p, 0), COMPLIANCE_LABEL_SCOPE_ENTITY);
	assert_string_equal(compliance_profile_band_set_label(p, 1, 0), "Kualitas Tinggi");
	assert_int_equal(compliance_profile_band_set_confidence(p, 1, 0),
	                 compliance_profile_band_confidence(p, 1));
	assert_string_equal(compliance_assessment_entity_label_set(a, 0, 0), "Kualitas Tinggi");
	assert_string_equal(compliance_assessment_unit_label(a, 0, 0, 0), "");
	assert_int_equal(compliance_assessment_entity_certificate(a, 0), 0);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* A minimal profile with label sets; `bands` and `extra` spliced in. */
static int load(compliance_ctx *ctx, compliance_profile **p, const char *sets, const char *bands,
                const char *extra)
{
	char buf[4096];

	snprintf(buf, sizeof buf,
	         "{\"id\": \"t\", \"year\": 2025, \"scale\": {\"min\": 0, \"max\": 100},\n"
	         " \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", "
	         "\"entity\"]},\n %s\n \"bands\": [%s]%s}",
	         sets, bands, extra);
	return compliance_profile_load_buffer(ctx, p, buf, strlen(buf), "t.json");
}

#define SETS "\"label_sets\": [{\"id\": \"a\", \"name\": \"A\", \"scope\": [\"entity\"]}, " \
	     "{\"id\": \"b\", \"name\": \"B\", \"scope\": [\"unit\"]}],"
#define HI "{\"min\": 50, \"max\": 100, \"zone\": \"hijau\", \"label\": \"Hi\", "
#define LO "{\"min\": 0, \"max\": 49.99, \"zone\": \"merah\", \"label\": \"Lo\", "

static void expect_bad(compliance_ctx *ctx, const char *sets, const char *bands,
                       const char *extra, const char *message)
{
	compliance_profile *p = NULL;

	assert_int_equal(load(ctx, &p, sets, bands, extra), COMPLIANCE_E_PROFILE);
	assert_null(p);
	if (!strstr(compliance_ctx_errmsg(ctx), message))
		fail_msg("expected '%s' in: %s", message, compliance_ctx_errmsg(ctx));
}

static void test_bad_label_sets(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p = NULL;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	/* a good one first */
	assert_int_equal(load(ctx, &p, SETS,
	                      HI "\"labels\": {\"b\": {\"label\": \"Good\", \"confidence\": \"I\"}}},"
	                      LO "\"labels\": {\"b\": {\"label\": null, \"confidence\": \"unknown\"}}}",
	                      ""),
	                 COMPLIANCE_OK);
	assert_string_equal(compliance_profile_band_set_label(p, 0, 1), "Good");
	assert_string_equal(compliance_profile_band_set_label(p, 1, 1), "");
	assert_int_equal(compliance_profile_band_set_confidence(p, 1, 1), COMPLIANCE_CONF_UNKNOWN);
	compliance_profile_free(p);
	/* a further set's label is profile text: CSV neutralises a formula */
	{
		compliance_assessment *a = NULL;
		char *out = NULL;
		assert_int_equal(load(ctx, &p,
		                      "\"label_sets\": [{\"id\": \"a\", \"name\": \"A\", \"scope\": "
		                      "[\"entity\"]}, {\"id\": \"b\", \"name\": \"B\", \"scope\": "
		                      "[\"entity\"]}],",
		                      HI "\"labels\": {\"b\": {\"label\": \"=1+1\"}}},"
		                      LO "\"labels\": {\"b\": {\"label\": \"a,b\"}}}",
		                      ""),
		                 COMPLIANCE_OK);
		assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
		assert_int_equal(compliance_assessment_add_unit_score(a, "E1", "kota", "U", "60"),
		                 COMPLIANCE_OK);
		assert_int_equal(compliance_assessment_add_unit_score(a, "E2", "kota", "U", "10"),
		                 COMPLIANCE_OK);
		assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
		assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV, &out),
		                 COMPLIANCE_OK);
		assert_string_equal(out, "entity,entity_type,units,score,category,zone,label,rank,"
		                         "rank_in_type,label_b\n"
		                         "E1,kota,1,60.00,-,hijau,Hi,1,1,\"'=1+1\"\n"
		                         "E2,kota,1,10.00,-,merah,Lo,2,2,\"a,b\"\n");
		compliance_free(out);
		compliance_assessment_free(a);
		compliance_profile_free(p);
	}
	expect_bad(ctx, SETS, HI "\"labels\": {}}," LO "\"labels\": {}}", "",
	           "$.bands[0].labels: missing the label of set \"b\"");
	expect_bad(ctx, SETS,
	           HI "\"labels\": {\"b\": {\"label\": null, \"confidence\": \"S\"}}},"
	           LO "\"labels\": {\"b\": {\"label\": \"x\"}}}", "",
	           "$.bands[0].labels.b.confidence: a label that is null (not published) has "
	           "confidence \"unknown\"");
	expect_bad(ctx, SETS,
	           HI "\"labels\": {\"b\": {\"label\": \"x\"}, \"c\": {\"label\": \"y\"}}},"
	           LO "\"labels\": {\"b\": {\"label\": \"x\"}}}", "",
	           "$.bands[0].labels.c: no label set \"c\" is declared in $.label_sets");
	expect_bad(ctx, SETS,
	           HI "\"labels\": {\"a\": {\"label\": \"x\"}, \"b\": {\"label\": \"x\"}}},"
	           LO "\"labels\": {\"b\": {\"label\": \"x\"}}}", "",
	           "the default label set is given twice");
	expect_bad(ctx, "\"label_sets\": [{\"id\": \"a\", \"name\": \"A\", \"scope\": [\"all\"]}],",
	           HI "\"source\": \"s\"}," LO "\"source\": \"s\"}", "",
	           "$.label_sets[0].scope: expected \"unit\" or \"entity\"");
	expect_bad(ctx, SETS,
	           HI "\"labels\": {\"b\": {\"label\": \"x\", \"certificate\": 1}}},"
	           LO "\"labels\": {\"b\": {\"label\": \"x\"}}}", "",
	           "$.bands[0].labels.b.certificate: expected true or false");
	expect_bad(ctx, SETS,
	           HI "\"labels\": {\"b\": {\"label\": \"x\"}}}," LO "\"labels\": {\"b\": {\"label\": \"x\"}}}",
	           ", \"qualifiers\": [{\"id\": \"q\", \"input\": \"i\", \"when\": true, "
	           "\"label_suffix\": \" Q\", \"label_sets\": [\"z\"]}]",
	           "$.qualifiers[0].label_sets: expected the id of a set declared in $.label_sets");
	compliance_ctx_free(ctx);
}

/* A user profile that extends 2025 with its own bands keeps only the
 * default set (the built-in's other sets labelled other bands), and the
 * qualifier still appends to it. */
static void test_extends_with_own_bands(void **state)
{
	static const char text[] =
		"{\"id\": \"mine\", \"extends\": \"ombudsman-2025\", \"bands\": ["
		"{\"category\": \"A\", \"min\": 50, \"max\": 100, \"zone\": \"hijau\", \"label\": \"Atas\"},"
		"{\"category\": \"B\", \"min\": 0, \"max\": 49.99, \"zone\": \"merah\", \"label\": \"Bawah\"}]}";
	compliance_ctx *ctx;
	compliance_profile *p = NULL;
	compliance_assessment *a;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_load_buffer(ctx, &p, text, strlen(text), "mine.json"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_profile_label_set_count(p), 1);
	assert_string_equal(compliance_profile_label_set_id(p, 0), "opini");
	a = score_file(ctx, p);
	assert_string_equal(compliance_assessment_entity_label_set(a, find(a, "Provinsi Gorontalo"), 0),
	                    "Atas Tanpa Maladministrasi");
	assert_int_equal(compliance_assessment_entity_certificate(a, 0), 0);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* METHODOLOGY.md §2 (2026): the 2025 profile with every number marked
 * inferred until ORI publishes; what 2025 leaves unknown stays unknown. */
static void test_2026_all_inferred(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p, *p25;
	compliance_assessment *a, *a25;
	size_t k, s, i;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	p = open_builtin(ctx, "ombudsman-2026");
	p25 = open_builtin(ctx, "ombudsman-2025");
	assert_int_equal(compliance_profile_year(p), 2026);
	for (k = 0; k < 4; k++) {
		assert_int_equal(compliance_profile_fact_confidence(p, (int)k), COMPLIANCE_CONF_INFERRED);
		assert_non_null(strstr(compliance_profile_fact_source(p, (int)k),
		                       "Carried over from ombudsman-2025"));
	}
	assert_int_equal(compliance_profile_band_count(p), compliance_profile_band_count(p25));
	for (k = 0; k < compliance_profile_band_count(p); k++) {
		assert_int_equal(compliance_profile_band_confidence(p, k), COMPLIANCE_CONF_INFERRED);
		assert_string_equal(compliance_profile_band_lower(p, k),
		                    compliance_profile_band_lower(p25, k));
		for (s = 0; s < compliance_profile_label_set_count(p); s++) {
			int unknown = !compliance_profile_band_set_label(p25, k, s)[0];
			assert_string_equal(compliance_profile_band_set_label(p, k, s),
			                    compliance_profile_band_set_label(p25, k, s));
			assert_int_equal(compliance_profile_band_set_confidence(p, k, s),
			                 unknown ? COMPLIANCE_CONF_UNKNOWN : COMPLIANCE_CONF_INFERRED);
			assert_non_null(strstr(compliance_profile_band_set_source(p, k, s),
			                       "until ORI publishes"));
			assert_int_equal(compliance_profile_band_set_certificate(p, k, s),
			                 compliance_profile_band_set_certificate(p25, k, s));
		}
	}
	assert_int_equal(compliance_profile_label_set_count(p), 2);
	for (s = 0; s < 2; s++)
		assert_int_equal(compliance_profile_label_set_confidence(p, s), COMPLIANCE_CONF_INFERRED);
	assert_int_equal(compliance_profile_node_count(p), compliance_profile_node_count(p25));
	for (k = 0; k < compliance_profile_node_count(p); k++) {
		int known = compliance_profile_node_weight(p, k)[0] != '\0';
		assert_string_equal(compliance_profile_node_weight(p, k),
		                    compliance_profile_node_weight(p25, k));
		assert_int_equal(compliance_profile_node_confidence(p, k),
		                 known ? COMPLIANCE_CONF_INFERRED : COMPLIANCE_CONF_UNKNOWN);
		assert_non_null(strstr(compliance_profile_node_source(p, k), "until ORI publishes"));
	}
	/* the same scores and labels as 2025 */
	a = score_file(ctx, p);
	a25 = score_file(ctx, p25);
	assert_int_equal(compliance_assessment_entity_count(a), 5);
	for (i = 0; i < 5; i++) {
		assert_string_equal(compliance_assessment_entity_score_text(a, i),
		                    compliance_assessment_entity_score_text(a25, i));
		for (s = 0; s < 2; s++)
			assert_string_equal(compliance_assessment_entity_label_set(a, i, s),
			                    compliance_assessment_entity_label_set(a25, i, s));
	}
	compliance_assessment_free(a);
	compliance_assessment_free(a25);
	compliance_profile_free(p);
	compliance_profile_free(p25);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_2025_declares_both_sets),
		cmocka_unit_test(test_2025_results_carry_both),
		cmocka_unit_test(test_emitters),
		cmocka_unit_test(test_bad_label_sets),
		cmocka_unit_test(test_extends_with_own_bands),
		cmocka_unit_test(test_2026_all_inferred),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
