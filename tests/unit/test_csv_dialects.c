/*
 * Assessment CSV as offices hold it (issue 9, input): the Excel dialect of
 * the Indonesian locale (';', decimal comma, BOM, CRLF), Windows-1252 and
 * Latin-1 text, headers in any order, case and language with extra
 * columns, names with stray spaces or another case, every error at once,
 * and answers given as level labels or yes-no words.
 *
 * The fixtures under tests/data/excel/ are written byte for byte as Excel
 * writes them (see the README there). Every expected score is computed by
 * hand in the comments (half-up to 2 decimals at the unit and entity
 * stages, ombudsman-2022 bands: A from 88.00, B 78.00, C 54.00, D 32.00).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <compliance.h>

#define EXCEL COMPLIANCE_TEST_DATA "/excel/"
#define INSTRUMENT COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"

typedef struct fixture {
	compliance_ctx *ctx;
	compliance_profile *p2022, *inst;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);

	if (!f || compliance_ctx_new(&f->ctx) ||
	    compliance_profile_open(f->ctx, &f->p2022, "ombudsman-2022") ||
	    compliance_profile_load_file(f->ctx, &f->inst, INSTRUMENT))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	compliance_profile_free(f->p2022);
	compliance_profile_free(f->inst);
	compliance_ctx_free(f->ctx);
	free(f);
	return 0;
}

static compliance_assessment *new_a(compliance_ctx *ctx, compliance_profile *p)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
	return a;
}

static void expect_msg(const char *msg, const char *part)
{
	assert_non_null(msg);
	if (!strstr(msg, part))
		fail_msg("message \"%s\" does not contain \"%s\"", msg, part);
}

static void expect_no(const char *msg, const char *part)
{
	if (strstr(msg, part))
		fail_msg("message \"%s\" contains \"%s\"", msg, part);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;

	assert_non_null(fp);
	buf = malloc(1 << 20);
	assert_non_null(buf);
	*len = fread(buf, 1, 1 << 20, fp);
	fclose(fp);
	return buf;
}

/* Entity `name`: its score text, category and unit count. */
static void expect_entity(compliance_assessment *a, const char *name, const char *score,
                          const char *category, size_t units)
{
	size_t i;

	if (compliance_assessment_find(a, name, &i))
		fail_msg("%s", compliance_assessment_errmsg(a));
	assert_string_equal(compliance_assessment_entity_name(a, i), name);
	assert_string_equal(compliance_assessment_entity_score_text(a, i), score);
	assert_string_equal(compliance_assessment_entity_category(a, i), category);
	assert_int_equal(compliance_assessment_unit_count(a, i), units);
}

static void read_ok(compliance_assessment *a, int rc)
{
	if (rc)
		fail_msg("%s", compliance_assessment_errmsg(a));
	assert_int_equal(compliance_assessment_diag_count(a), 0);
	assert_int_equal(compliance_assessment_compute(a), COMPLIANCE_OK);
}

/* excel-id-scores.csv: BOM, CRLF, ';', decimal comma, Indonesian headers in
 * another order among extra columns (No, Kode Wilayah, Provinsi, Catatan, a
 * note holding a quoted ';'), names with double and trailing spaces, two
 * rows of separators only at the end.
 *   Kabupaten Bogor: 87.99 and 88 -> mean 87.995 -> 88.00, A (the A edge);
 *   Kota Bandung: 73.02 and 64.5 -> 137.52 / 2 = 68.76, C. */
static void check_scores(compliance_assessment *a)
{
	size_t i;

	expect_entity(a, "Kabupaten Bogor", "88.00", "A", 2);
	expect_entity(a, "Kota Bandung", "68.76", "C", 2);
	assert_int_equal(compliance_assessment_entity_count(a), 2);
	assert_int_equal(compliance_assessment_find(a, "Kabupaten Bogor", &i), COMPLIANCE_OK);
	assert_string_equal(compliance_assessment_unit_name(a, i, 1), "Dinas Pendidikan");
	assert_int_equal(compliance_assessment_csv_dialect(a), COMPLIANCE_DIALECT_EXCEL_ID);
}

static void test_excel_id_detected(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_a(f->ctx, f->p2022);
	size_t len;
	char *data;

	assert_int_equal(compliance_assessment_csv_dialect(a), COMPLIANCE_DIALECT_AUTO);
	read_ok(a, compliance_assessment_read_csv_file(a, EXCEL "excel-id-scores.csv"));
	check_scores(a);
	compliance_assessment_free(a);
	/* the same from memory (the path an .xlsx sheet takes), and chosen */
	data = slurp(EXCEL "excel-id-scores.csv", &len);
	a = new_a(f->ctx, f->p2022);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_DIALECT,
	                                                  COMPLIANCE_DIALECT_EXCEL_ID), 0);
	read_ok(a, compliance_assessment_read_csv_buffer(a, data, len, "mem.csv"));
	check_scores(a);
	compliance_assessment_free(a);
	free(data);
}

static void test_dialect_messages(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_a(f->ctx, f->p2022);
	static const char q[] = "entity,entity_type,unit,score\nKota A,kota,U1,\"97,98\"\n";
	static const char u[] = "entity,entity_type,unit,score\nKota A,kota,U1,97,98\n";

	/* a ';' file read as RFC 4180: never a generic header message */
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_DIALECT,
	                                                  COMPLIANCE_DIALECT_RFC4180), 0);
	assert_int_equal(compliance_assessment_read_csv_file(a, EXCEL "excel-id-scores.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a), "excel-id-scores.csv:1: the header is one column");
	expect_msg(compliance_assessment_errmsg(a), "--dialect excel-id");
	expect_no(compliance_assessment_errmsg(a), "expected the header");
	assert_int_equal(compliance_assessment_csv_dialect(a), COMPLIANCE_DIALECT_RFC4180);
	/* a ';' header with more commas than semicolons: found as RFC 4180,
	 * and the message says why and names the option */
	{
		static const char h[] = "Nama, Lengkap, Pemda, Kota;Jenis;Nilai\nA, B, C, D;kota;1\n";
		assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_DIALECT,
		                                                  COMPLIANCE_DIALECT_AUTO), 0);
		assert_int_equal(compliance_assessment_read_csv_buffer(a, h, strlen(h), "h.csv"),
		                 COMPLIANCE_E_PARSE);
		expect_msg(compliance_assessment_errmsg(a),
		           "h.csv:1: the header is the columns 'Nama', 'Lengkap', 'Pemda', 'Kota;Jenis;Nilai' "
		           "with ';' in it");
		expect_msg(compliance_assessment_errmsg(a), "--dialect excel-id");
		expect_msg(compliance_assessment_errmsg(a), "so it was read as RFC 4180");
		expect_no(compliance_assessment_errmsg(a), "expected the header");
	}
	/* a decimal comma in a comma file, quoted or not: name the option */
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_DIALECT,
	                                                  COMPLIANCE_DIALECT_AUTO), 0);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, q, strlen(q), "q.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a),
	           "q.csv:2: field 'score': found '97,98' (a comma: write decimals with '.'): it "
	           "looks like a decimal comma: read the file with --dialect excel-id");
	assert_int_equal(compliance_assessment_csv_dialect(a), COMPLIANCE_DIALECT_RFC4180);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, u, strlen(u), "u.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a),
	           "u.csv:2: field 5 is one too many: '97,98' looks like one number with a decimal "
	           "comma: read the file with --dialect excel-id");
	/* the same number in the Excel dialect: 97.98 */
	{
		static const char x[] = "entity;entity_type;unit;score\nKota A;kota;U1;97,98\n"
		                        "Kota A;kota;U2;-0,00\n";
		read_ok(a, compliance_assessment_read_csv_buffer(a, x, strlen(x), "x.csv"));
		/* (97.98 + 0) / 2 = 48.99, D */
		expect_entity(a, "Kota A", "48.99", "D", 2);
	}
	/* a point and a comma: a thousands separator, refused */
	{
		static const char x[] = "entity;entity_type;unit;score\nKota A;kota;U1;1.234,5\n";
		assert_int_equal(compliance_assessment_read_csv_buffer(a, x, strlen(x), "x.csv"),
		                 COMPLIANCE_E_PARSE);
		expect_msg(compliance_assessment_errmsg(a),
		           "x.csv:2: field 'score': '1.234,5' has both a point and a comma");
	}
	/* unknown values of the options */
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_DIALECT, 9),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ENCODING, -1),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_NAMES, 2),
	                 COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_MAX_ERRORS, 0),
	                 COMPLIANCE_E_INVALID);
	compliance_assessment_free(a);
}

/* excel-id-cp1252.csv: Excel's plain "CSV" on Windows: Windows-1252 (an en
 * dash 0x96 and e-acute 0xE9 in a unit name), no BOM.
 *   Kota Bandung: 80.5 and 79.49 -> 79.995 -> 80.00, B (the B edge 78 is far;
 *     the rounding crosses 79.99 -> 80.00);
 *   Kabupaten Garut: one unit 53.995 -> 54.00 at the unit stage, C (the C
 *     edge: 53.99 would be D). */
static void test_cp1252(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_a(f->ctx, f->p2022);
	size_t i, len;
	char *data;

	assert_int_equal(compliance_assessment_read_csv_file(a, EXCEL "excel-id-cp1252.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a),
	           "excel-id-cp1252.csv:2: field 'unit' (column 3): byte 0x96 (byte 31 of the field) "
	           "is not UTF-8 text");
	expect_msg(compliance_assessment_errmsg(a), "--encoding cp1252");
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_ENCODING,
	                                                  COMPLIANCE_ENCODING_CP1252), 0);
	read_ok(a, compliance_assessment_read_csv_file(a, EXCEL "excel-id-cp1252.csv"));
	expect_entity(a, "Kota Bandung", "80.00", "B", 2);
	expect_entity(a, "Kabupaten Garut", "54.00", "C", 1);
	assert_int_equal(compliance_assessment_find(a, "Kota Bandung", &i), 0);
	assert_string_equal(compliance_assessment_unit_name(a, i, 0),
	                    "Dinas Pariwisata & Kebudayaan \xe2\x80\x93 Caf\xc3\xa9 Kota");
	compliance_assessment_free(a);

	/* from memory too */
	data = slurp(EXCEL "excel-id-cp1252.csv", &len);
	a = new_a(f->ctx, f->p2022);
	compliance_assessment_set_option(a, COMPLIANCE_OPT_ENCODING, COMPLIANCE_ENCODING_CP1252);
	read_ok(a, compliance_assessment_read_csv_buffer(a, data, len, "mem.csv"));
	expect_entity(a, "Kabupaten Garut", "54.00", "C", 1);
	compliance_assessment_free(a);
	free(data);

	/* a byte Windows-1252 leaves undefined (0x81); Latin-1 takes every byte */
	{
		static const char b[] = "entity,entity_type,unit,score\nKota A,kota,U\x81,80\n";
		a = new_a(f->ctx, f->p2022);
		compliance_assessment_set_option(a, COMPLIANCE_OPT_ENCODING, COMPLIANCE_ENCODING_CP1252);
		assert_int_equal(compliance_assessment_read_csv_buffer(a, b, strlen(b), "b.csv"),
		                 COMPLIANCE_E_PARSE);
		expect_msg(compliance_assessment_errmsg(a),
		           "b.csv:2: byte 0x81 (byte 14 of the line) is not a Windows-1252 character");
		compliance_assessment_set_option(a, COMPLIANCE_OPT_ENCODING, COMPLIANCE_ENCODING_LATIN1);
		read_ok(a, compliance_assessment_read_csv_buffer(a, b, strlen(b), "b.csv"));
		assert_string_equal(compliance_assessment_unit_name(a, 0, 0), "U\xc2\x81");
		/* text that grows threefold (0x96 is 3 bytes of UTF-8): the
		 * conversion's buffer grows */
		{
			char big[128 + 9000], *q = big;
			q += sprintf(q, "entity,entity_type,unit,score\nKota A,kota,");
			memset(q, 0x96, 9000);
			q += 9000;
			q += sprintf(q, ",80\n");
			compliance_assessment_set_option(a, COMPLIANCE_OPT_ENCODING,
			                                 COMPLIANCE_ENCODING_CP1252);
			read_ok(a, compliance_assessment_read_csv_buffer(a, big, (size_t)(q - big),
			                                                 "big.csv"));
			assert_int_equal(strlen(compliance_assessment_unit_name(a, 0, 1)), 27000);
			assert_memory_equal(compliance_assessment_unit_name(a, 0, 1) + 26997,
			                    "\xe2\x80\x93", 3);
		}
		/* a UTF-8 file given --encoding: refused, not turned into mojibake */
		assert_int_equal(compliance_assessment_read_csv_file(a, EXCEL "excel-id-scores.csv"),
		                 COMPLIANCE_E_PARSE);
		expect_msg(compliance_assessment_errmsg(a), "UTF-8 already: read it without --encoding");
		compliance_assessment_free(a);
	}
}

static void test_headers(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_a(f->ctx, f->p2022);
	static const char mapped[] = "No,Nama Pemda,Tipe Pemda,Unit Kerja,Nilai Akhir\n"
	                             "1,Kota A,kota,Dinas Sosial,70.5\n2,Kota A,kota,Disdukcapil,71\n";
	static const char upper[] = "ENTITY_TYPE,Entity,UNIT,Score\nkota,Kota A,U1,80\n";
	static const char twice[] = "entity,entitas,entity_type,unit,score\n";

	/* the user's names of the columns */
	assert_int_equal(compliance_assessment_read_csv_buffer(a, mapped, strlen(mapped), "m.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a),
	           "m.csv:1: the header has no column for entity, entity_type, unit, score: found "
	           "'No', 'Nama Pemda', 'Tipe Pemda', 'Unit Kerja', 'Nilai Akhir'");
	expect_msg(compliance_assessment_errmsg(a), "--columns entity=NAME");
	assert_int_equal(compliance_assessment_map_column(a, "entity", "nama pemda"), 0);
	assert_int_equal(compliance_assessment_map_column(a, "entity_type", "Tipe  Pemda"), 0);
	assert_int_equal(compliance_assessment_map_column(a, "unit", "Unit Kerja"), 0);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, mapped, strlen(mapped), "m.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a), "the header has no column for score: found");
	assert_int_equal(compliance_assessment_map_column(a, "score", "NILAI AKHIR"), 0);
	/* (70.5 + 71) / 2 = 70.75, C */
	read_ok(a, compliance_assessment_read_csv_buffer(a, mapped, strlen(mapped), "m.csv"));
	expect_entity(a, "Kota A", "70.75", "C", 2);
	assert_int_equal(compliance_assessment_map_column(a, "kolom", "x"), COMPLIANCE_E_NOTFOUND);
	assert_int_equal(compliance_assessment_map_column(a, "unit", " "), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_map_column(a, "unit", NULL), COMPLIANCE_OK);
	compliance_assessment_free(a);

	/* any order and case; a column named twice */
	a = new_a(f->ctx, f->p2022);
	read_ok(a, compliance_assessment_read_csv_buffer(a, upper, strlen(upper), "up.csv"));
	expect_entity(a, "Kota A", "80.00", "B", 1);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, twice, strlen(twice), "t.csv"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a),
	           "t.csv:1: columns 1 ('entity') and 2 ('entitas') both give the entity");
	compliance_assessment_free(a);
}

/* names-case.csv: "Kab A" (line 2), "Kab  A " (line 3: the same after the
 * spaces are normalised) and "KAB A" (line 8).
 *   merged: Kab A = (80 + 70 + 90) / 3 = 80.00, B; Kota B = (60 + 61 + 62 +
 *   63) / 4 = 61.50, C. */
static void test_names(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_a(f->ctx, f->p2022);
	size_t i;

	assert_int_equal(compliance_assessment_read_csv_file(a, EXCEL "names-case.csv"),
	                 COMPLIANCE_E_DUPLICATE);
	expect_msg(compliance_assessment_errmsg(a),
	           "names-case.csv:8: field 'entity': entity 'KAB A' at line 8 differs only in case "
	           "from 'Kab A' at line 2");
	expect_msg(compliance_assessment_errmsg(a), "--names merge");
	assert_int_equal(compliance_assessment_entity_count(a), 0);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_NAMES,
	                                                  COMPLIANCE_NAMES_MERGE), 0);
	read_ok(a, compliance_assessment_read_csv_file(a, EXCEL "names-case.csv"));
	expect_entity(a, "Kab A", "80.00", "B", 3);
	expect_entity(a, "Kota B", "61.50", "C", 4);
	assert_int_equal(compliance_assessment_find(a, "kab a", &i), 0);
	assert_string_equal(compliance_assessment_entity_name(a, i), "Kab A");
	compliance_assessment_free(a);

	/* the API normalises too; units alike */
	a = new_a(f->ctx, f->p2022);
	assert_int_equal(compliance_assessment_add_unit_score(a, " Kota  X", "kota", "Dinas  A ",
	                                                      "50"), 0);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota X", "kota", "Dinas A", "60"),
	                 COMPLIANCE_E_DUPLICATE);
	expect_msg(compliance_assessment_errmsg(a), "is listed twice");
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota X", "kota", "DINAS A", "60"),
	                 COMPLIANCE_E_DUPLICATE);
	expect_msg(compliance_assessment_errmsg(a),
	           "unit 'DINAS A' of entity 'Kota X' differs only in case from 'Dinas A'");
	assert_int_equal(compliance_assessment_add_unit_score(a, "kota x", "kota", "Dinas B", "60"),
	                 COMPLIANCE_E_DUPLICATE);
	expect_msg(compliance_assessment_errmsg(a), "entity 'kota x' differs only in case from 'Kota X'");
	assert_int_equal(compliance_assessment_add_unit_score(a, "   ", "kota", "Dinas B", "60"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a), "the entity name is empty");
	/* a non-ASCII letter is compared as it is (no locale-dependent folding) */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota \xc3\x89", "kota", "U", "60"),
	                 0);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota \xc3\xa9", "kota", "U", "60"),
	                 0);
	assert_int_equal(compliance_assessment_compute(a), 0);
	assert_int_equal(compliance_assessment_entity_count(a), 3);
	compliance_assessment_free(a);
}

/* Builds rows of unit scores, one entity per row; bad rows at the given
 * lines (the header is line 1). */
static char *many_rows(size_t rows, const size_t *bad, size_t nbad, size_t *len)
{
	char *buf = malloc(rows * 48 + 64), *p = buf;
	size_t r, k;

	assert_non_null(buf);
	p += sprintf(p, "entity,entity_type,unit,score\n");
	for (r = 0; r < rows; r++) {
		const char *score = "75";
		for (k = 0; k < nbad; k++)
			if (bad[k] == r + 2)
				score = "75x";
		p += sprintf(p, "Kota %zu,kota,U,%s\n", r, score);
	}
	p += sprintf(p, ",,,\n,,,\n");
	*len = (size_t)(p - buf);
	return buf;
}

static void test_all_errors(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_a(f->ctx, f->p2022);
	size_t len, i, bad[30];
	char *data;
	const size_t two[] = { 1000, 2000 };

	/* what the assessment holds before: kept whatever the file does */
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Lama", "kota", "U", "90"), 0);
	data = many_rows(2500, two, 2, &len);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, data, len, "big.csv"),
	                 COMPLIANCE_E_PARSE);
	free(data);
	assert_int_equal(compliance_assessment_diag_count(a), 2);
	expect_msg(compliance_assessment_diag(a, 0), "big.csv:1000: field 'score': expected a score");
	expect_msg(compliance_assessment_diag(a, 1), "big.csv:2000: field 'score': expected a score");
	assert_null(compliance_assessment_diag(a, 2));
	assert_string_equal(compliance_assessment_errmsg(a), compliance_assessment_diag(a, 0));
	assert_int_equal(compliance_assessment_compute(a), 0);
	assert_int_equal(compliance_assessment_entity_count(a), 1);
	expect_entity(a, "Kota Lama", "90.00", "A", 1);

	/* the limit: 30 bad rows, 5 reported and a line saying it stopped */
	for (i = 0; i < 30; i++)
		bad[i] = 10 + i * 3;
	data = many_rows(200, bad, 30, &len);
	assert_int_equal(compliance_assessment_set_option(a, COMPLIANCE_OPT_MAX_ERRORS, 5), 0);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, data, len, "big.csv"),
	                 COMPLIANCE_E_PARSE);
	assert_int_equal(compliance_assessment_diag_count(a), 6);
	expect_msg(compliance_assessment_diag(a, 4), "big.csv:22:");
	expect_msg(compliance_assessment_diag(a, 5), "big.csv: stopped after 5 errors");
	/* the default limit is 20 */
	compliance_assessment_free(a);
	a = new_a(f->ctx, f->p2022);
	assert_int_equal(compliance_assessment_read_csv_buffer(a, data, len, "big.csv"),
	                 COMPLIANCE_E_PARSE);
	assert_int_equal(compliance_assessment_diag_count(a), 21);
	free(data);
	/* a good read clears the list; trailing rows of separators are ignored */
	data = many_rows(3, NULL, 0, &len);
	read_ok(a, compliance_assessment_read_csv_buffer(a, data, len, "ok.csv"));
	free(data);
	assert_int_equal(compliance_assessment_entity_count(a), 3);
	/* a malformed CSV after a bad row: both reported, then it stops */
	{
		static const char m[] = "entity,entity_type,unit,score\nKota A,kota,U,x\n"
		                        "Kota B,kota,\"U,50\n";
		assert_int_equal(compliance_assessment_read_csv_buffer(a, m, strlen(m), "m.csv"),
		                 COMPLIANCE_E_PARSE);
		assert_int_equal(compliance_assessment_diag_count(a), 2);
		expect_msg(compliance_assessment_diag(a, 1), "m.csv:3: malformed CSV");
	}
	compliance_assessment_free(a);
}

/* excel-id-answers.csv under examples/profiles/instrument-2023.json
 * (dimension weights 21.85, 32.37, 24.24, 21.54), unit Disdukcapil:
 *   input: input.1 "Sebagian Besar" (its label of level 2 of 0-3), input.2 3,
 *     input.3 3: share (12.22 x 2/3 + 43.89 + 43.89) / 100 = 0.95926666...
 *   proses: 3, 3: share 1
 *   output: output.1 2 (weight 2), output.2 3 (weight 1): (2 x 2/3 + 1) / 3 = 7/9
 *   pengaduan: "Ya", "ada", "tidak ada": 2/3
 *   unit = 21.85 x 0.959266... + 32.37 + 24.24 x 7/9 + 21.54 x 2/3
 *        = 20.9599766... + 32.37 + 18.8533333... + 14.36 = 86.54331 -> 86.54
 *   (python3: Fraction('21.85')*(Fraction('12.22')*Fraction(2,3)+Fraction('87.78'))/100
 *    + Fraction('32.37') + Fraction('24.24')*Fraction(7,9) + Fraction('21.54')*Fraction(2,3)
 *    == Fraction(8654331, 100000))
 * unit DPMPTSP: @score "81,25" = 81.25; entity (86.54 + 81.25) / 2 = 83.895
 * -> 83.90, B. */
static void test_answers(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = new_a(f->ctx, f->inst);
	char exact[COMPLIANCE_EXACT_TEXT_SIZE];
	size_t i;

	read_ok(a, compliance_assessment_read_csv_file(a, EXCEL "excel-id-answers.csv"));
	expect_entity(a, "Kota Contoh", "83.90", "B", 2);
	assert_int_equal(compliance_assessment_find(a, "Kota Contoh", &i), 0);
	assert_int_equal(compliance_assessment_unit_exact(exact, sizeof exact, a, i, 0), 0);
	assert_string_equal(exact, "86.54331");
	compliance_assessment_free(a);

	a = new_a(f->ctx, f->inst);
	/* a yes-no indicator given another word, or a number but 0 and 1 */
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "pengaduan.1",
	                                                 "mungkin"), COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a),
	           "expected ya or tidak for 'pengaduan.1', a yes-no indicator (also ada/tidak ada, "
	           "yes/no, 1/0), found 'mungkin'");
	expect_no(compliance_assessment_errmsg(a), "expected a number");
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "pengaduan.1", "0.5"),
	                 COMPLIANCE_E_PARSE);
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "pengaduan.1",
	                                                 " TIDAK  ADA "), 0);
	/* a scale with named levels: whole levels only, labels accepted */
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "input.1", "1.5"),
	                 COMPLIANCE_E_RANGE);
	expect_msg(compliance_assessment_errmsg(a),
	           "answer '1.5' to 'input.1' is not a whole level: its scale has the levels 0 to 3 "
	           "(tidak tahu ... seluruhnya)");
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "input.1", "semua"),
	                 COMPLIANCE_E_PARSE);
	expect_msg(compliance_assessment_errmsg(a),
	           "expected a level of 'input.1' from 0 to 3 or its label ('tidak tahu' ... "
	           "'seluruhnya'), found 'semua'");
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "input.1",
	                                                 "TIDAK TAHU"), 0);
	/* a scale without labels takes any number within it (PEKPPP aspects) */
	assert_int_equal(compliance_assessment_add_value(a, "K", "kota", "U", "input.2", "1.5"), 0);
	compliance_assessment_free(a);
}

/* Product scores with Indonesian headers (ombudsman-2015, 0-75, products
 * averaged): (61,5 + 70,25 + 40,125) / 3 = 171.875 / 3 = 57.291666...
 * -> 57.29; and JSON input normalises names like CSV: "Kota  A " and
 * "Kota A" are one entity, (70 + 80) / 2 = 75.00, C. */
static void test_products_and_json(void **state)
{
	fixture *f = *state;
	compliance_profile *p2015;
	compliance_assessment *a;
	static const char x[] = "\xef\xbb\xbf" "Entitas;Jenis;Unit Layanan;Produk;Skor\r\n"
	                        "Kota X;kota;Dinas A;Izin 1;61,5\r\nKota X;kota;Dinas A;Izin 2;70,25\r\n"
	                        "Kota X;kota;Dinas B;Izin 1;40,125\r\n;;;;\r\n";
	static const char j[] = "{\"entities\": [{\"entity\": \"Kota  A \", \"entity_type\": \"kota\","
	                        " \"units\": [{\"unit\": \"U1\", \"score\": \"70\"}]},"
	                        " {\"entity\": \"Kota A\", \"entity_type\": \"kota\","
	                        " \"units\": [{\"unit\": \"U2\", \"score\": \"80\"}]}]}";

	assert_int_equal(compliance_profile_open(f->ctx, &p2015, "ombudsman-2015"), 0);
	a = new_a(f->ctx, p2015);
	read_ok(a, compliance_assessment_read_csv_buffer(a, x, strlen(x), "p.csv"));
	assert_int_equal(compliance_assessment_product_count(a, 0), 3);
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "57.29");
	compliance_assessment_free(a);
	compliance_profile_free(p2015);

	a = new_a(f->ctx, f->p2022);
	if (compliance_assessment_read_json_buffer(a, j, strlen(j), "j.json"))
		fail_msg("%s", compliance_assessment_errmsg(a));
	assert_int_equal(compliance_assessment_compute(a), 0);
	expect_entity(a, "Kota A", "75.00", "C", 2);
	compliance_assessment_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_id_detected),
		cmocka_unit_test(test_dialect_messages),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_all_errors),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_products_and_json),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
