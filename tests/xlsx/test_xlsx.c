/*
 * XLSX input and output, and the Excel CSV dialect (issue 9):
 *   - the number rule (io/xlsx.h, cp_xlsx_number): what Excel shows, at the
 *     band edges, the halfway refusal;
 *   - workbooks written by libxlsxwriter and by hand as Excel writes them
 *     (make_fixtures.c), read to CSV text and scored;
 *   - corrupt, truncated, bomb, non-xlsx files refused with file, sheet and
 *     cell;
 *   - compliance_assessment_write_xlsx() read back and compared with the
 *     CSV output, also under id_ID.UTF-8 (LC_NUMERIC with a decimal comma);
 *   - COMPLIANCE_FORMAT_CSV_EXCEL_ID byte for byte;
 *   - the template round trip: template -> filled -> scored.
 *
 * usage: test_xlsx FIXTURE_DIR (the files make_fixtures wrote)
 * A locale that is not installed skips its test unless
 * COMPLIANCE_REQUIRE_LOCALES=1 (as tests/unit/test_locale.c).
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
#include <unzip.h>
#include <xlsxwriter.h>

#include <compliance.h>

#include "io/xlsx.h"

static const char *fixdir;

static const char *fx(const char *name)
{
	static char buf[8][1024];
	static int k;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "%s/%s", fixdir, name);
	return buf[k];
}

/* ---- the number rule -------------------------------------------------------------- */

static void number_rule(void **state)
{
	static const struct {
		const char *in, *out;
	} ok[] = {
		/* 87.995 as Excel stores it, either neighbour of the double */
		{ "8.7995000000000005E1", "87.995" },
		{ "87.994999999999990", "87.995" },
		{ "87.99499999999999", "87.995" },  /* 16 digits, as %.16G writes it */
		{ "87.9949999999999", "87.9949999999999" }, /* 15 digits: as typed */
		{ "87.999999999999986", "88" },     /* 87.99999999999999 */
		{ "60.300000000000004", "60.3" },   /* 0.1+0.2+60 */
		{ "0.30000000000000004", "0.3" },   /* 0.1+0.2 */
		{ "5.5511151231257827E-17", "0.0000000000000000555111512312578" },
		{ "9.9999999999999995E-1", "1" },   /* the carry makes a new digit */
		{ "123456789012345678", "123456789012346000" },
		{ "1.00000000000000501", "1.00000000000001" }, /* past halfway */
		{ "1E-3", "0.001" },
		{ "1.5E2", "150" },
		{ "1.5e+2", "150" },
		{ "100", "100" },
		{ "-2.5", "-2.5" },
		{ "-0", "0" },
		{ "0.000", "0" },
		{ "73.02", "73.02" },
		{ ".5", "0.5" },
	};
	static const char *const bad[] = { "", "abc", "1.2.3", "1e", "1e+", "--1", "1,5", "1e21",
		                           "1e-21", " 1" };
	char out[CP_XLSX_NUMBER_MAX];
	const char *why;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(cp_xlsx_number(ok[i].in, out, &why), 0);
		assert_string_equal(out, ok[i].out);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(cp_xlsx_number(bad[i], out, &why), COMPLIANCE_E_PARSE);
	/* exactly halfway between two 15-digit values: refused, saying why */
	assert_int_equal(cp_xlsx_number("1.000000000000005", out, &why), COMPLIANCE_E_PARSE);
	assert_non_null(strstr(why, "halfway"));
	assert_int_equal(cp_xlsx_number("1.0000000000000050", out, &why), COMPLIANCE_E_PARSE);
	assert_int_equal(cp_xlsx_number("87.99500000000000", out, &why), 0); /* 16 digits, 0 */
	assert_string_equal(out, "87.995");
}

/* ---- reading ------------------------------------------------------------------------- */

static char *read_csv(const char *file, const char *sheet, int *rc, char *msg, size_t msgsize)
{
	cp_alloc al;
	cp_error err;
	char *out = NULL, *name = NULL;
	size_t len;

	cp_alloc_default(&al);
	*rc = cp_xlsx_read_csv(&al, &err, fx(file), sheet, &out, &len, &name);
	snprintf(msg, msgsize, "%s", *rc ? err.msg : name);
	free(name);
	if (!*rc)
		assert_int_equal(strlen(out), len);
	return out;
}

static void read_libxlsxwriter(void **state)
{
	char msg[1024], *csv;
	int rc;
	(void)state;

	csv = read_csv("scores.xlsx", NULL, &rc, msg, sizeof msg);
	assert_int_equal(rc, 0);
	assert_string_equal(msg, "Nilai");
	/* row N = line N: row 4 is empty; the styled blank F7 is dropped;
	 * libxlsxwriter writes no cell for the empty string of row 10 */
	assert_string_equal(csv, "entity,entity_type,unit,score\n"
	                         "Kabupaten Tepi,kabupaten,Dinas A,87.995\n"
	                         "Kabupaten Hampir,kabupaten,Dinas A,88\n"
	                         "\n"
	                         "Kota Jumlah,kota,Dinas A,60.3\n"
	                         "Kota Bawah,kota,Dinas A,87.9949999999999\n"
	                         "Kota Bulat,kota,Dinas A,88\n");
	free(csv);
	csv = read_csv("scores.xlsx", "Lain", &rc, msg, sizeof msg);
	assert_int_equal(rc, 0);
	assert_string_equal(csv, "entity,entity_type,unit,score\nKota Lain,kota,Dinas A,51.5\n");
	free(csv);
	csv = read_csv("scores.xlsx", "Tidak Ada", &rc, msg, sizeof msg);
	assert_int_equal(rc, COMPLIANCE_E_NOTFOUND);
	assert_non_null(strstr(msg, "scores.xlsx: no sheet named 'Tidak Ada': the workbook has "
	                            "'Nilai', 'Lain'"));
}

static void read_excel_parts(void **state)
{
	char msg[1024], *csv;
	int rc;
	(void)state;

	/* the first sheet of the workbook is "Data" = sheet2.xml */
	csv = read_csv("excel.xlsx", NULL, &rc, msg, sizeof msg);
	assert_int_equal(rc, 0);
	assert_string_equal(msg, "Data");
	assert_string_equal(csv, "entity,entity_type,unit,score\n"
	                         "Kabupaten Tepi,kabupaten,Dinas A,87.995\n"
	                         "\n"
	                         "Kabupaten Inline,kabupaten,Dinas A,60.3\n"
	                         "\"Kota Baris & \"\"Dua\"\"\",kabupaten,Dinas A,87.995\n");
	free(csv);
	csv = read_csv("boolean.xlsx", NULL, &rc, msg, sizeof msg);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(csv, "\nKabupaten Tepi,kabupaten,Dinas A,1\n"));
	free(csv);
}

static void refused(void **state)
{
	static const struct {
		const char *file;
		int rc;
		const char *msg;
	} cases[] = {
		{ "halfway.xlsx", COMPLIANCE_E_PARSE,
		  "halfway.xlsx[Data]: cell D2: the number 1.000000000000005: the stored number "
		  "lies exactly halfway" },
		{ "errorcell.xlsx", COMPLIANCE_E_PARSE,
		  "errorcell.xlsx[Data]: cell D2: the error value #DIV/0!" },
		{ "bomb.xlsx", COMPLIANCE_E_PARSE,
		  "bomb.xlsx[Data]: xl/worksheets/sheet2.xml: inflates to more than 64 MiB" },
		{ "doctype.xlsx", COMPLIANCE_E_PARSE, "a DOCTYPE declaration: refused" },
		/* cell 2098 of row 1 passes 64 MiB: 2098 x (32000 + 1 comma) > 2^26 */
		{ "amplify.xlsx", COMPLIANCE_E_PARSE,
		  "amplify.xlsx[Data]: cell CBR1: more than 64 MiB of cell text: refused" },
		{ "notzip.xlsx", COMPLIANCE_E_PARSE, "notzip.xlsx: not an XLSX workbook: not a zip" },
		{ "truncated.xlsx", COMPLIANCE_E_PARSE, "truncated.xlsx: not an XLSX workbook" },
		{ "does-not-exist.xlsx", COMPLIANCE_E_IO, "does-not-exist.xlsx: cannot open" },
	};
	char msg[1024], *csv;
	size_t i;
	int rc;
	(void)state;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		csv = read_csv(cases[i].file, NULL, &rc, msg, sizeof msg);
		assert_null(csv);
		assert_int_equal(rc, cases[i].rc);
		if (!strstr(msg, cases[i].msg))
			fail_msg("%s: '%s' does not hold '%s'", cases[i].file, msg, cases[i].msg);
	}
}

/* ---- scoring through the public API -------------------------------------------------- */

static compliance_assessment *assess(compliance_ctx **ctx, const char *profile)
{
	compliance_profile *p;
	compliance_assessment *a;

	assert_int_equal(compliance_ctx_new(ctx), 0);
	if (strchr(profile, '/'))
		assert_int_equal(compliance_profile_load_file(*ctx, &p, profile), 0);
	else
		assert_int_equal(compliance_profile_open(*ctx, &p, profile), 0);
	assert_int_equal(compliance_assessment_new(*ctx, &a, p), 0);
	compliance_profile_free(p);
	return a;
}

static void expect_entity(compliance_assessment *a, const char *name, const char *score,
                          const char *category)
{
	size_t i;
	char *csv, line[256];

	assert_int_equal(compliance_assessment_find(a, name, &i), 0);
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV, &csv), 0);
	snprintf(line, sizeof line, "\n%s,", name);
	{
		const char *l = strstr(csv, line);
		char want[128];
		assert_non_null(l);
		snprintf(want, sizeof want, ",%s,%s,", score, category);
		if (!strstr(l + 1, want) || strchr(l + 1, '\n') < strstr(l + 1, want))
			fail_msg("%s: expected %s in %s", name, want, csv);
	}
	compliance_free(csv);
}

/* A kept column (compliance_assessment_keep_column) read from a sheet:
 * the XLSX reader goes through the CSV reader's header and rows. */
static void kept_column(void **state)
{
	compliance_ctx *ctx;
	compliance_assessment *a = assess(&ctx, "ombudsman-2023");
	size_t i;
	(void)state;

	assert_int_equal(compliance_assessment_keep_column(a, "Entity Type"), 0);
	assert_int_equal(compliance_assessment_read_xlsx_file(a, fx("scores.xlsx"), NULL), 0);
	assert_int_equal(compliance_assessment_compute(a), 0);
	assert_int_equal(compliance_assessment_find(a, "Kota Bulat", &i), 0);
	assert_string_equal(compliance_assessment_entity_attribute(a, i, "entity_type"), "kota");
	assert_int_equal(compliance_assessment_find(a, "Kabupaten Tepi", &i), 0);
	assert_string_equal(compliance_assessment_entity_attribute(a, i, "entity type"), "kabupaten");
	/* a kept column the sheet lacks: named with the sheet's header */
	assert_int_equal(compliance_assessment_keep_column(a, "Provinsi"), 0);
	assert_int_equal(compliance_assessment_read_xlsx_file(a, fx("scores.xlsx"), "Lain"),
	                 COMPLIANCE_E_PARSE);
	assert_non_null(strstr(compliance_assessment_errmsg(a),
	                       "scores.xlsx[Lain]:1: the header has no column 'Provinsi'"));
	assert_non_null(strstr(compliance_assessment_errmsg(a),
	                       "found entity,entity_type,unit,score"));
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
}

static void score_band_edges(void **state)
{
	compliance_ctx *ctx;
	compliance_assessment *a = assess(&ctx, "ombudsman-2023");
	(void)state;

	assert_int_equal(compliance_assessment_read_xlsx_file(a, fx("scores.xlsx"), NULL), 0);
	assert_int_equal(compliance_assessment_compute(a), 0);
	/* 87.995 shown by Excel: 88.00 A (the binary value 87.99499... would be B) */
	expect_entity(a, "Kabupaten Tepi", "88.00", "A");
	expect_entity(a, "Kabupaten Hampir", "88.00", "A");
	expect_entity(a, "Kota Bulat", "88.00", "A");
	/* typed as 87.9949999999999: 87.99, B */
	expect_entity(a, "Kota Bawah", "87.99", "B");
	expect_entity(a, "Kota Jumlah", "60.30", "C");
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);

	/* an error of the CSV reader names the sheet and the row as the line */
	a = assess(&ctx, "ombudsman-2023");
	assert_int_equal(compliance_assessment_read_xlsx_file(a, fx("badcell.xlsx"), NULL),
	                 COMPLIANCE_E_PARSE);
	assert_non_null(strstr(compliance_assessment_errmsg(a), "badcell.xlsx[Sheet1]:4: field "
	                                                        "'score'"));
	assert_int_equal(compliance_assessment_read_xlsx_file(a, fx("scores.xlsx"), "Lain"), 0);
	assert_int_equal(compliance_assessment_compute(a), 0);
	expect_entity(a, "Kota Lain", "51.50", "D");
	assert_int_equal(compliance_assessment_read_xlsx_file(a, NULL, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_read_xlsx_file(NULL, "x", NULL), COMPLIANCE_E_INVALID);
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
}

/* ---- writing ----------------------------------------------------------------------------- */

static const char scores_csv[] =
	"entity,entity_type,unit,score\n"
	"Kabupaten Bekasi,kabupaten,DPMPTSP,82.70\n"
	"Kabupaten Bekasi,kabupaten,Dinas Pendidikan,62.62\n"
	"Kota Titik;Koma,kota,Dinas A,87.995\n"
	"=Kota Rumus,kota,Dinas A,51.5\n";

static compliance_assessment *computed(compliance_ctx **ctx)
{
	compliance_assessment *a = assess(ctx, "ombudsman-2023");
	assert_int_equal(compliance_assessment_read_csv_buffer(a, scores_csv, strlen(scores_csv),
	                                                       "w.csv"), 0);
	assert_int_equal(compliance_assessment_compute(a), 0);
	return a;
}

static void csv_excel_id(void **state)
{
	compliance_ctx *ctx;
	compliance_assessment *a = computed(&ctx);
	char *text;
	/* (82.70 + 62.62) / 2 = 72.66; the neutralised formula; ';' quoted;
	 * ranks over all: 88.00, 72.66, 51.50; within kota: 88.00, 51.50 */
	static const char want[] =
		"\xEF\xBB\xBF"
		"entity;entity_type;units;score;category;zone;label;rank;rank_in_type\r\n"
		"\"Kota Titik;Koma\";kota;1;88,00;A;hijau;Kualitas Tertinggi;1;1\r\n"
		"Kabupaten Bekasi;kabupaten;2;72,66;C;kuning;Kualitas Sedang;2;1\r\n"
		"\"'=Kota Rumus\";kota;1;51,50;D;merah;Kualitas Rendah;3;2\r\n";
	(void)state;

	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV_EXCEL_ID, &text), 0);
	if (strcmp(text, want))
		fail_msg("got:\n%s\nwant:\n%s", text, want);
	compliance_free(text);
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_XLSX, &text),
	                 COMPLIANCE_E_INVALID);
	assert_non_null(strstr(compliance_assessment_errmsg(a), "compliance_assessment_write_xlsx"));
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
}

/* One part of a zip file, NUL-terminated (free()). */
static char *zip_part(const char *file, const char *part)
{
	unzFile zf = unzOpen64(file);
	char *buf = malloc(1 << 20);
	int n;

	assert_non_null(zf);
	assert_int_equal(unzLocateFile(zf, part, 1), UNZ_OK);
	assert_int_equal(unzOpenCurrentFile(zf), UNZ_OK);
	n = unzReadCurrentFile(zf, buf, (1 << 20) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	unzCloseCurrentFile(zf);
	unzClose(zf);
	return buf;
}

static int use_locale(const char *name)
{
	if (setlocale(LC_ALL, name))
		return 1;
	if (getenv("COMPLIANCE_REQUIRE_LOCALES") && !strcmp(getenv("COMPLIANCE_REQUIRE_LOCALES"), "1"))
		fail_msg("locale %s is not installed (COMPLIANCE_REQUIRE_LOCALES=1)", name);
	return 0;
}

static void write_xlsx_under(const char *locale)
{
	compliance_ctx *ctx;
	compliance_assessment *a = computed(&ctx);
	char *csv, *back, *name, *sheet, msg[1024];
	const char *out = fx(locale ? "out-id.xlsx" : "out-c.xlsx");
	cp_alloc al;
	cp_error err;
	size_t len;

	if (locale && !use_locale(locale)) {
		compliance_assessment_free(a);
		compliance_ctx_free(ctx);
		skip();
	}
	assert_int_equal(compliance_assessment_write_xlsx(a, out), 0);
	assert_int_equal(compliance_assessment_write(a, COMPLIANCE_FORMAT_CSV, &csv), 0);
	cp_alloc_default(&al);
	assert_int_equal(cp_xlsx_read_csv(&al, &err, out, NULL, &back, &len, &name), 0);
	assert_string_equal(name, "hasil");
	/* the same table as the CSV form, but for the neutralising quote */
	{
		char *q = strstr(csv, "\"'=Kota Rumus\"");
		assert_non_null(q);
		memmove(q, q + 2, strlen(q + 2) + 1);       /* drop "' */
		q = strstr(q, "Rumus\"");
		memmove(q + 5, q + 6, strlen(q + 6) + 1); /* and the closing " */
	}
	/* the name with ';' comes back as is (no ',' in it: unquoted) */
	assert_string_equal(back, csv);
	sheet = zip_part(out, "xl/worksheets/sheet1.xml");
	snprintf(msg, sizeof msg, "%s", sheet);
	assert_non_null(strstr(sheet, "left=\"0.7\""));
	assert_null(strstr(sheet, "0,7"));
	assert_null(strstr(sheet, "<v>72.66</v>")); /* the score is text, not a double */
	free(sheet);
	free(back);
	free(name);
	compliance_free(csv);
	assert_int_equal(compliance_assessment_write_xlsx(a, NULL), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_assessment_write_xlsx(a, "/nonexistent-dir/hasil.xlsx"),
	                 COMPLIANCE_E_IO);
	assert_non_null(strstr(compliance_assessment_errmsg(a),
	                       "/nonexistent-dir/hasil.xlsx: cannot write the workbook"));
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
	if (locale)
		setlocale(LC_ALL, "C");
}

static void write_xlsx_c(void **state)
{
	(void)state;
	write_xlsx_under(NULL);
}

/* Under id_ID, libxlsxwriter alone writes "0,7" into the XML (the hazard the
 * guard removes); through the library the workbook is the C locale's. */
static void write_xlsx_id(void **state)
{
	lxw_workbook *wb;
	char *sheet;
	(void)state;

	if (!use_locale("id_ID.UTF-8"))
		skip();
	wb = workbook_new(fx("raw-id.xlsx"));
	workbook_add_worksheet(wb, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	sheet = zip_part(fx("raw-id.xlsx"), "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "left=\"0,7\""));
	free(sheet);
	setlocale(LC_ALL, "C");
	write_xlsx_under("id_ID.UTF-8");
}

/* ---- the template ---------------------------------------------------------------------- */

static void template_round_trip(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	const char *units[] = { "Dinas A", "Dinas B" };
	const char *prof = COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json";
	char *csv, *name, *line, *save = NULL;
	cp_alloc al;
	cp_error err;
	size_t len, rows = 0;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	FILE *f;
	char buf[8192];
	(void)state;

	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_load_file(ctx, &p, prof), 0);
	assert_int_equal(compliance_profile_write_template(p, COMPLIANCE_FORMAT_XLSX, NULL, NULL,
	                                                   units, 2, fx("template.xlsx")), 0);
	assert_int_equal(compliance_profile_write_template(p, COMPLIANCE_FORMAT_CSV, "Kota Isi",
	                                                   "kota", units, 2, fx("template.csv")), 0);
	assert_int_equal(compliance_profile_write_template(p, COMPLIANCE_FORMAT_JSON, NULL, NULL,
	                                                   units, 2, fx("x")), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_write_template(p, COMPLIANCE_FORMAT_CSV, NULL, NULL,
	                                                   units, 0, fx("x")), COMPLIANCE_E_INVALID);
	assert_int_equal(compliance_profile_write_template(p, COMPLIANCE_FORMAT_CSV, NULL, NULL,
	                                                   units, 1, "/nonexistent-dir/t.csv"),
	                 COMPLIANCE_E_IO);
	assert_int_equal(compliance_profile_write_template(p, COMPLIANCE_FORMAT_XLSX, NULL, NULL,
	                                                   units, 1, "/nonexistent-dir/t.xlsx"),
	                 COMPLIANCE_E_IO);
	/* the CSV template: 10 indicators x 2 units, in the input form */
	f = fopen(fx("template.csv"), "rb");
	assert_non_null(f);
	len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = '\0';
	assert_non_null(strstr(buf, "entity,entity_type,unit,indicator,value\n"
	                            "Kota Isi,kota,Dinas A,input.1,\n"
	                            "Kota Isi,kota,Dinas A,input.2,\n"));
	assert_non_null(strstr(buf, "Kota Isi,kota,Dinas B,pengaduan.3,\n"));

	/* the XLSX template read back; filled with libxlsxwriter: every answer
	 * at its maximum but the yes-no ones "tidak" -> unit score
	 * 100 - 21.54 (the Pengaduan weight of ombudsman-2023) = 78.46 */
	cp_alloc_default(&al);
	/* the drop-downs: 0-3 (input.1 has rubric labels), ya/tidak for yes-no */
	{
		char *sheet = zip_part(fx("template.xlsx"), "xl/worksheets/sheet1.xml");
		assert_non_null(strstr(sheet, "<formula1>\"0,1,2,3\"</formula1>"));
		assert_non_null(strstr(sheet, "<formula1>\"ya,tidak\"</formula1>"));
		assert_non_null(strstr(sheet, "promptTitle=\"pengaduan.1\""));
		free(sheet);
	}
	/* the instructions sheet: each indicator's name, scale and answers */
	assert_int_equal(cp_xlsx_read_csv(&al, &err, fx("template.xlsx"), "petunjuk", &csv, &len,
	                                  &name), 0);
	assert_non_null(strstr(csv, "\ninput.1,Pelaksana menyebutkan 14 komponen standar "
	                            "pelayanan,0,3,\"0 (tidak tahu), 1 (sebagian kecil), 2 "
	                            "(sebagian besar), 3 (seluruhnya)\"\n"));
	assert_non_null(strstr(csv, "\npengaduan.3,Tindak lanjut pengaduan,0,1,\"ya (1), tidak "
	                            "(0)\"\n"));
	free(csv);
	free(name);
	assert_int_equal(cp_xlsx_read_csv(&al, &err, fx("template.xlsx"), NULL, &csv, &len, &name), 0);
	assert_string_equal(name, "jawaban");
	wb = workbook_new(fx("filled.xlsx"));
	ws = workbook_add_worksheet(wb, "jawaban");
	for (line = strtok_r(csv, "\n", &save); line; line = strtok_r(NULL, "\n", &save), rows++) {
		char unit[64], ind[64];
		if (rows == 0) {
			assert_string_equal(line, "entity,entity_type,unit,indicator,value");
			worksheet_write_string(ws, 0, 0, "entity", NULL);
			worksheet_write_string(ws, 0, 1, "entity_type", NULL);
			worksheet_write_string(ws, 0, 2, "unit", NULL);
			worksheet_write_string(ws, 0, 3, "indicator", NULL);
			worksheet_write_string(ws, 0, 4, "value", NULL);
			continue;
		}
		assert_int_equal(sscanf(line, ",,%63[^,],%63[^,],", unit, ind), 2);
		worksheet_write_string(ws, (lxw_row_t)rows, 0, "Kota Isi", NULL);
		worksheet_write_string(ws, (lxw_row_t)rows, 1, "kota", NULL);
		worksheet_write_string(ws, (lxw_row_t)rows, 2, unit, NULL);
		worksheet_write_string(ws, (lxw_row_t)rows, 3, ind, NULL);
		if (!strncmp(ind, "pengaduan.", 10))
			worksheet_write_string(ws, (lxw_row_t)rows, 4, "tidak", NULL);
		else
			worksheet_write_number(ws, (lxw_row_t)rows, 4, 3, NULL);
	}
	assert_int_equal(rows, 1 + 2 * 10);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	free(csv);
	free(name);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), 0);
	assert_int_equal(compliance_assessment_read_xlsx_file(a, fx("filled.xlsx"), NULL), 0);
	assert_int_equal(compliance_assessment_compute(a), 0);
	expect_entity(a, "Kota Isi", "78.46", "B");
	compliance_assessment_free(a);

	/* an unfilled template: the first empty value, on its row */
	assert_int_equal(compliance_assessment_new(ctx, &a, p), 0);
	assert_int_not_equal(compliance_assessment_read_xlsx_file(a, fx("template.xlsx"), NULL), 0);
	assert_non_null(strstr(compliance_assessment_errmsg(a), "template.xlsx[jawaban]:2:"));
	compliance_assessment_free(a);
	compliance_profile_free(p);

	/* a profile without an indicator tree */
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), 0);
	assert_int_equal(compliance_profile_write_template(p, COMPLIANCE_FORMAT_CSV, NULL, NULL,
	                                                   units, 1, fx("x.csv")),
	                 COMPLIANCE_E_NOTFOUND);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}


/* ---- every allocation failing in turn ------------------------------------------------ */

typedef struct counting {
	long calls, fail_at, live;
} counting;

static void *count_malloc(size_t size, void *ud)
{
	counting *c = ud;
	void *p;
	if (++c->calls == c->fail_at)
		return NULL;
	p = malloc(size);
	c->live += p != NULL;
	return p;
}

static void *count_realloc(void *ptr, size_t size, void *ud)
{
	counting *c = ud;
	void *p;
	if (++c->calls == c->fail_at)
		return NULL;
	p = realloc(ptr, size);
	c->live += p && !ptr;
	return p;
}

static void count_free(void *ptr, void *ud)
{
	counting *c = ud;
	c->live -= ptr != NULL;
	free(ptr);
}

static void allocation_failures(void **state)
{
	compliance_ctx *pctx;
	compliance_profile *p;
	long n;
	int completed = 0;
	(void)state;

	assert_int_equal(compliance_ctx_new(&pctx), 0);
	assert_int_equal(compliance_profile_open(pctx, &p, "ombudsman-2023"), 0);
	for (n = 1; n < 100000 && !completed; n++) {
		counting c = { 0, n, 0 };
		compliance_allocator al = { count_malloc, count_realloc, count_free, &c };
		compliance_ctx *ctx = NULL;
		compliance_assessment *a = NULL;
		int rc;

		if (compliance_ctx_new_with_allocator(&ctx, &al)) {
			assert_int_equal(c.live, 0);
			continue;
		}
		rc = compliance_assessment_new(ctx, &a, p);
		if (!rc) {
			rc = compliance_assessment_read_xlsx_file(a, fx("excel.xlsx"), NULL);
			if (rc) {
				assert_int_equal(rc, COMPLIANCE_E_NOMEM);
				assert_non_null(strstr(compliance_assessment_errmsg(a), "out of memory"));
			} else {
				completed = c.calls < n; /* no call failed: the sweep is done */
				assert_int_equal(compliance_assessment_compute(a) == 0 ||
				                 c.calls >= n, 1);
			}
		} else {
			assert_int_equal(rc, COMPLIANCE_E_NOMEM);
		}
		compliance_assessment_free(a);
		compliance_ctx_free(ctx);
		assert_int_equal(c.live, 0);
	}
	assert_true(completed);
	compliance_profile_free(p);
	compliance_ctx_free(pctx);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(number_rule),
		cmocka_unit_test(read_libxlsxwriter),
		cmocka_unit_test(read_excel_parts),
		cmocka_unit_test(refused),
		cmocka_unit_test(score_band_edges),
		cmocka_unit_test(kept_column),
		cmocka_unit_test(csv_excel_id),
		cmocka_unit_test(write_xlsx_c),
		cmocka_unit_test(write_xlsx_id),
		cmocka_unit_test(template_round_trip),
		cmocka_unit_test(allocation_failures),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: test_xlsx FIXTURE_DIR\n");
		return 2;
	}
	fixdir = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
