/*
 * Kept columns (compliance_assessment_keep_column(),
 * compliance_assessment_entity_attribute()) through the public API: the
 * value per entity from CSV (both dialects) and JSON, empty cells, a
 * conflict (every one reported, nothing kept), a missing column, a read
 * that fails undoing what it set, and the summary and comparison that use
 * them (compliance_assessment_write_summary_by(),
 * compliance_compare_write_by()).
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

static compliance_ctx *ctx;

static int setup(void **state)
{
	(void)state;
	return compliance_ctx_new(&ctx);
}

static int teardown(void **state)
{
	(void)state;
	compliance_ctx_free(ctx);
	return 0;
}

static compliance_assessment *fresh(const char *profile)
{
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_profile_open(ctx, &p, profile), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	compliance_profile_free(p);
	return a;
}

static int read_csv(compliance_assessment *a, const char *csv)
{
	return compliance_assessment_read_csv_buffer(a, csv, strlen(csv), "t.csv");
}

/* The attribute of the entity named `name`. */
static const char *attr(compliance_assessment *a, const char *name, const char *column)
{
	size_t i;

	assert_int_equal(compliance_assessment_find(a, name, &i), COMPLIANCE_OK);
	return compliance_assessment_entity_attribute(a, i, column);
}

static void expect_in(const char *doc, const char *part)
{
	if (!strstr(doc, part))
		fail_msg("no \"%s\" in:\n%s", part, doc);
}

/* The same file as Excel's Indonesian CSV and as RFC 4180: the kept
 * column's value per entity, matched whatever its case and spacing, an
 * empty cell taking the entity's value, an entity without one "". */
static void test_kept(void **state)
{
	static const char *const files[2] = {
		"\xEF\xBB\xBFNo;Provinsi;Nama Entitas;Jenis;Unit Layanan;Nilai\r\n"
		"1;Jawa  Barat;Kabupaten Bekasi;kabupaten;DPMPTSP;82,70\r\n"
		"2;;Kabupaten Bekasi;kabupaten;Dinas Pendidikan;62,62\r\n"
		"3; Jawa Barat ;Kabupaten Bekasi;kabupaten;Dinas Sosial;62,72\r\n"
		"4;;Kota Ambon;kota;DPMPTSP;70,00\r\n"
		"5;Jawa Tengah;Kota Semarang;kota;DPMPTSP;90,10\r\n",
		"no,PROVINSI,entity,entity_type,unit,score\n"
		"1,Jawa  Barat,Kabupaten Bekasi,kabupaten,DPMPTSP,82.70\n"
		"2,,Kabupaten Bekasi,kabupaten,Dinas Pendidikan,62.62\n"
		"3, Jawa Barat ,Kabupaten Bekasi,kabupaten,Dinas Sosial,62.72\n"
		"4,,Kota Ambon,kota,DPMPTSP,70.00\n"
		"5,Jawa Tengah,Kota Semarang,kota,DPMPTSP,90.10\n",
	};
	int f;

	(void)state;
	for (f = 0; f < 2; f++) {
		compliance_assessment *a = fresh("ombudsman-2022");
		assert_int_equal(compliance_assessment_keep_column(a, "provinsi"), COMPLIANCE_OK);
		assert_int_equal(compliance_assessment_keep_column(a, "Provinsi"), COMPLIANCE_OK);
		if (read_csv(a, files[f]))
			fail_msg("%s", compliance_assessment_errmsg(a));
		assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
		assert_string_equal(attr(a, "Kabupaten Bekasi", "provinsi"), "Jawa Barat");
		assert_string_equal(attr(a, "Kabupaten Bekasi", "PROVINSI"), "Jawa Barat");
		assert_string_equal(attr(a, "Kota Semarang", "Provinsi"), "Jawa Tengah");
		assert_string_equal(attr(a, "Kota Ambon", "provinsi"), "");
		/* a column not kept, a bad index */
		assert_null(attr(a, "Kota Ambon", "unit"));
		assert_null(compliance_assessment_entity_attribute(a, 3, "provinsi"));
		assert_null(compliance_assessment_entity_attribute(NULL, 0, "provinsi"));
		assert_null(compliance_assessment_entity_attribute(a, 0, NULL));
		compliance_assessment_free(a);
	}
}

/* Two values for one entity: each conflict is a diagnostic naming the
 * file, both lines, the column and both values; nothing is kept. */
static void test_conflict(void **state)
{
	compliance_assessment *a = fresh("ombudsman-2022");
	const char *csv = "entity,entity_type,unit,score,provinsi\n"
	                  "Kota A,kota,U1,80,Aceh\n"
	                  "Kota B,kota,U1,70,Bali\n"
	                  "Kota A,kota,U2,81,\n"
	                  "Kota A,kota,U3,82,Riau\n"
	                  "Kota B,kota,U2,71,bali\n";

	(void)state;
	assert_int_equal(compliance_assessment_keep_column(a, "provinsi"), COMPLIANCE_OK);
	assert_int_equal(read_csv(a, csv), COMPLIANCE_E_DUPLICATE);
	assert_int_equal(compliance_assessment_diag_count(a), 2);
	assert_string_equal(compliance_assessment_diag(a, 0),
	                    "t.csv:5: field 'provinsi': entity 'Kota A' has 'Riau' here but 'Aceh' "
	                    "at t.csv:2: a kept column holds one value per entity (an empty cell "
	                    "takes the entity's value)");
	expect_in(compliance_assessment_diag(a, 1),
	          "t.csv:6: field 'provinsi': entity 'Kota B' has 'bali' here but 'Bali' at t.csv:3");
	/* nothing kept: the same entities read again without the conflict */
	assert_int_equal(read_csv(a, "entity,entity_type,unit,score,provinsi\n"
	                             "Kota A,kota,U1,80,Riau\n"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_entity_count(a), 1);
	assert_string_equal(attr(a, "Kota A", "provinsi"), "Riau");
	/* a second file may not give another value either: the first file's
	 * line is named */
	{
		const char *second = "entity,entity_type,unit,score,provinsi\nKota A,kota,U2,80,Aceh\n";
		assert_int_equal(compliance_assessment_read_csv_buffer(a, second, strlen(second),
		                                                       "second.csv"),
		                 COMPLIANCE_E_DUPLICATE);
	}
	expect_in(compliance_assessment_errmsg(a),
	          "second.csv:2: field 'provinsi': entity 'Kota A' has 'Aceh' here but 'Riau' at "
	          "t.csv:2");
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(attr(a, "Kota A", "provinsi"), "Riau");
	assert_int_equal(compliance_assessment_unit_count(a, 0), 1);
	compliance_assessment_free(a);
}

/* A failed read undoes the values it set on entities read before it (a
 * bad score on a later row). */
static void test_rollback(void **state)
{
	compliance_assessment *a = fresh("ombudsman-2022");

	(void)state;
	assert_int_equal(compliance_assessment_keep_column(a, "provinsi"), COMPLIANCE_OK);
	assert_int_equal(read_csv(a, "entity,entity_type,unit,score,provinsi\nKota A,kota,U1,80,\n"),
	                 COMPLIANCE_OK);
	assert_int_equal(read_csv(a, "entity,entity_type,unit,score,provinsi\n"
	                             "Kota A,kota,U2,80,Aceh\n"
	                             "Kota C,kota,U1,x,Bali\n"),
	                 COMPLIANCE_E_PARSE);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(attr(a, "Kota A", "provinsi"), "");
	compliance_assessment_free(a);
}

/* A kept column the header lacks: the error names it and the header. */
static void test_missing_column(void **state)
{
	compliance_assessment *a = fresh("ombudsman-2022");

	(void)state;
	assert_int_equal(compliance_assessment_keep_column(a, "Provinsi"), COMPLIANCE_OK);
	assert_int_equal(read_csv(a, "entity,entity_type,unit,score\nKota A,kota,U1,80\n"),
	                 COMPLIANCE_E_PARSE);
	assert_string_equal(compliance_assessment_errmsg(a),
	                    "t.csv:1: the header has no column 'Provinsi' (the column to keep, "
	                    "e.g. --group-by or --id-column): found entity,entity_type,unit,score");
	/* two columns of that name */
	assert_int_equal(read_csv(a, "entity,entity_type,unit,score,provinsi,PROVINSI\n"
	                             "Kota A,kota,U1,80,Aceh,Aceh\n"),
	                 COMPLIANCE_E_PARSE);
	expect_in(compliance_assessment_errmsg(a), "t.csv:1: columns 5 and 6 are both 'Provinsi'");
	/* forgetting the kept columns reads the file */
	assert_int_equal(compliance_assessment_keep_column(a, NULL), COMPLIANCE_OK);
	assert_int_equal(read_csv(a, "entity,entity_type,unit,score\nKota A,kota,U1,80\n"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_null(attr(a, "Kota A", "provinsi"));
	/* bad names */
	assert_int_equal(compliance_assessment_keep_column(a, ""), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_keep_column(a, " _ "), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_keep_column(a, "\xff"), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_keep_column(NULL, "x"), COMPLIANCE_E_INVALID);
	compliance_assessment_free(a);
}

/* The indicator-values form and the JSON form keep the column too. */
static void test_values_and_json(void **state)
{
	compliance_assessment *a = fresh("ombudsman-2023");
	const char *json = "{\"entities\": [{\"entity\": \"Kota J\", \"entity_type\": \"kota\", "
	                   "\"attributes\": {\"Provinsi\": \" Bali \", \"kode\": \"51\"}, "
	                   "\"units\": [{\"unit\": \"U1\", \"score\": \"80\"}]}]}";

	(void)state;
	assert_int_equal(compliance_assessment_keep_column(a, "provinsi"), COMPLIANCE_OK);
	if (read_csv(a, "entity,entity_type,unit,indicator,value,provinsi\n"
	                "Kota V,kota,U1,@score,75,Aceh\n"
	                "Kota V,kota,@entity,supervision-ignored,tidak,\n"))
		fail_msg("%s", compliance_assessment_errmsg(a));
	if (compliance_assessment_read_json_buffer(a, json, strlen(json), "t.json"))
		fail_msg("%s", compliance_assessment_errmsg(a));
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(attr(a, "Kota V", "provinsi"), "Aceh");
	assert_string_equal(attr(a, "Kota J", "provinsi"), "Bali");
	compliance_assessment_free(a);
	/* a JSON attribute that conflicts with a CSV one */
	a = fresh("ombudsman-2023");
	assert_int_equal(compliance_assessment_keep_column(a, "provinsi"), COMPLIANCE_OK);
	assert_int_equal(read_csv(a, "entity,entity_type,unit,score,provinsi\nKota J,kota,U2,70,Aceh\n"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_read_json_buffer(a, json, strlen(json), "t.json"),
	                 COMPLIANCE_E_DUPLICATE);
	expect_in(compliance_assessment_errmsg(a), "'Kota J' has 'Bali' here but 'Aceh' at t.csv:2");
	compliance_assessment_free(a);
}

/* A row of values that repeats the entity and unit of the row before the
 * previous one (the reader remembers them: issue 13) keeps its column for
 * that entity, not for the entity of the row between (an entity-level
 * input of another entity). */
static void test_values_remembered(void **state)
{
	compliance_assessment *a = fresh("ombudsman-2023");

	(void)state;
	assert_int_equal(compliance_assessment_keep_column(a, "provinsi"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING,
	                                                  COMPLIANCE_MISSING_MINIMUM),
	                 COMPLIANCE_OK);
	if (read_csv(a, "entity,entity_type,unit,indicator,value,provinsi\n"
	                "Kota X,kota,U1,input,80,Aceh\n"
	                "Kota Y,kota,@entity,supervision-ignored,tidak,Bali\n"
	                "Kota X,kota,U1,proses,80,Aceh\n"
	                "Kota Y,kota,U1,input,70,Bali\n"
	                "Kota X,kota,U1,output,80,\n"))
		fail_msg("%s", compliance_assessment_errmsg(a));
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(attr(a, "Kota X", "provinsi"), "Aceh");
	assert_string_equal(attr(a, "Kota Y", "provinsi"), "Bali");
	compliance_assessment_free(a);
}

/* Rows of unit scores whose entity is remembered from the row before: the
 * kept column still goes to the row's entity. */
static void test_scores_remembered(void **state)
{
	compliance_assessment *a = fresh("ombudsman-2023");

	(void)state;
	assert_int_equal(compliance_assessment_keep_column(a, "provinsi"), COMPLIANCE_OK);
	if (read_csv(a, "entity,entity_type,unit,score,provinsi\n"
	                "Kota X,kota,U1,80,Aceh\n"
	                "Kota X,kota,U2,81,\n"
	                "Kota Y,kota,U1,70,Bali\n"
	                "Kota Y,kota,U2,71,\n"
	                "Kota X,kota,U3,82,Aceh\n"
	                "Kota X,kota,U4,83,\n"))
		fail_msg("%s", compliance_assessment_errmsg(a));
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_string_equal(attr(a, "Kota X", "provinsi"), "Aceh");
	assert_string_equal(attr(a, "Kota Y", "provinsi"), "Bali");
	compliance_assessment_free(a);
}

/* The summary by a kept column: counts per value, "" for entities
 * without one, and the comparison joined on an id column. */
static void test_summary_and_compare(void **state)
{
	compliance_assessment *a = fresh("ombudsman-2023"), *b = fresh("ombudsman-2024");
	char *out = NULL;

	(void)state;
	assert_int_equal(compliance_assessment_keep_column(a, "kode"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_keep_column(a, "provinsi"), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_keep_column(b, "Kode"), COMPLIANCE_OK);
	/* 2023 bands: A >= 88 ... C from 66 (METHODOLOGY.md §2) */
	assert_int_equal(read_csv(a, "entity,entity_type,unit,score,provinsi,kode\n"
	                             "Kota A,kota,U1,90,Aceh,11.71\n"
	                             "Kota B,kota,U1,70,Aceh,11.72\n"
	                             "Kab C,kabupaten,U1,95,Bali,51.01\n"
	                             "Kab D,kabupaten,U1,50,,51.02\n"),
	                 COMPLIANCE_OK);
	assert_int_equal(read_csv(b, "entity,entity_type,unit,score,kode\n"
	                             "Kota Alpha,kota,U1,91,11.71\n"
	                             "Kabupaten C,kabupaten,U1,80, 51.01\n"
	                             "Kota Baru,kota,U1,60,11.99\n"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(b), COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_write_summary_by(a, "Provinsi", COMPLIANCE_FORMAT_CSV,
	                                                        &out),
	                 COMPLIANCE_OK);
	expect_in(out, "group,Bali,1,1,0,0,0,0,1,0,0\n");
	expect_in(out, "group,Aceh,2,1,0,1,0,0,1,1,0\n");
	expect_in(out, "group,,1,0,0,0,1,0,0,0,1\n");
	compliance_free(out);
	assert_int_equal(compliance_assessment_write_summary_by(a, "provinsi", COMPLIANCE_FORMAT_JSON,
	                                                        &out),
	                 COMPLIANCE_OK);
	expect_in(out, "\"group_column\": \"provinsi\"");
	expect_in(out, "\"ungrouped\": [\n    \"Kab D\"\n  ]");
	compliance_free(out);
	assert_int_equal(compliance_assessment_write_summary_by(a, "unit", COMPLIANCE_FORMAT_CSV,
	                                                        &out),
	                 COMPLIANCE_E_NOTFOUND);
	assert_null(out);
	/* joined on the id: names differ, ids match (" 51.01" normalised) */
	assert_int_equal(compliance_compare_write_by(a, b, "kode", COMPLIANCE_FORMAT_CSV, &out),
	                 COMPLIANCE_OK);
	expect_in(out, "Kota Alpha,kota,,90.00,91.00,1.00,");
	expect_in(out, "Kabupaten C,kabupaten,,95.00,80.00,-15.00,");
	expect_in(out, "Kota B,,,70.00,,,C,,,,before\n");
	expect_in(out, "Kota Baru,,,,60.00,,,C,,,after\n");
	compliance_free(out);
	/* a column one side does not keep */
	assert_int_equal(compliance_compare_write_by(a, b, "provinsi", COMPLIANCE_FORMAT_CSV, &out),
	                 COMPLIANCE_E_NOTFOUND);
	expect_in(compliance_assessment_errmsg(b), "column 'provinsi' is not kept in the second");
	compliance_assessment_free(b);
	/* an entity without an id; two entities with one id */
	b = fresh("ombudsman-2024");
	assert_int_equal(compliance_assessment_keep_column(b, "kode"), COMPLIANCE_OK);
	assert_int_equal(read_csv(b, "entity,entity_type,unit,score,kode\nKota X,kota,U1,91,\n"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(b), COMPLIANCE_OK);
	assert_int_equal(compliance_compare_write_by(a, b, "kode", COMPLIANCE_FORMAT_CSV, &out),
	                 COMPLIANCE_E_MISSING);
	assert_string_equal(compliance_assessment_errmsg(b),
	                    "compare: entity 'Kota X' of the second assessment has no value in the "
	                    "id column 'kode': give its id on one of its rows");
	compliance_assessment_free(b);
	b = fresh("ombudsman-2024");
	assert_int_equal(compliance_assessment_keep_column(b, "kode"), COMPLIANCE_OK);
	assert_int_equal(read_csv(b, "entity,entity_type,unit,score,kode\n"
	                             "Kota X,kota,U1,91,11.71\n"
	                             "Kota Y,kota,U1,91,11.71\n"),
	                 COMPLIANCE_OK);
	assert_int_equal(compliance_assessment_compute(b), COMPLIANCE_OK);
	assert_int_equal(compliance_compare_write_by(a, b, "kode", COMPLIANCE_FORMAT_CSV, &out),
	                 COMPLIANCE_E_DUPLICATE);
	assert_string_equal(compliance_assessment_errmsg(b),
	                    "compare: entities 'Kota X' and 'Kota Y' of the second assessment have "
	                    "the same id '11.71' (column 'kode', at t.csv:2 and t.csv:3): an id names "
	                    "one entity");
	compliance_assessment_free(a);
	compliance_assessment_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_conflict),
		cmocka_unit_test(test_rollback),
		cmocka_unit_test(test_missing_column),
		cmocka_unit_test(test_values_and_json),
		cmocka_unit_test(test_values_remembered),
		cmocka_unit_test(test_scores_remembered),
		cmocka_unit_test(test_summary_and_compare),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
