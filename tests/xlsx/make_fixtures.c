/*
 * Writes the XLSX test files into DIR, made the ways spreadsheet programs
 * make them (usage: make_fixtures DIR):
 *
 *   - with libxlsxwriter, numbers given as C doubles, written the way it
 *     writes them (printf "%.16G" of the binary value);
 *   - as raw parts zipped with minizip, the XML written byte for byte as
 *     Excel writes it: numbers as 17 significant digits
 *     (8.7995000000000005E1), shared strings with rich-text runs and
 *     phonetic runs, inline strings, booleans, error cells, skipped rows,
 *     a sheet order that differs from the part names;
 *   - broken on purpose: not a zip, truncated, a zip bomb, a DOCTYPE.
 *
 * Doubles live here, in tests/: the library itself never sees one.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

static const char *dir;

static char *path_of(const char *name)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void die(const char *what)
{
	fprintf(stderr, "make_fixtures: %s\n", what);
	exit(1);
}

/* ---- libxlsxwriter --------------------------------------------------------------- */

static void scores_xlsx(void)
{
	lxw_workbook *wb = workbook_new(path_of("scores.xlsx"));
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Nilai");
	lxw_worksheet *other = workbook_add_worksheet(wb, "Lain");
	volatile double a = 0.1, b = 0.2;
	static const char *const head[] = { "entity", "entity_type", "unit", "score" };
	int c;

	for (c = 0; c < 4; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	/* 87.995 as a double is 87.99499999999999... : Excel shows 87.995 */
	worksheet_write_string(ws, 1, 0, "Kabupaten Tepi", NULL);
	worksheet_write_string(ws, 1, 1, "kabupaten", NULL);
	worksheet_write_string(ws, 1, 2, "Dinas A", NULL);
	worksheet_write_number(ws, 1, 3, 87.995, NULL);
	/* 87.99999999999999: Excel shows 88 */
	worksheet_write_string(ws, 2, 0, "Kabupaten Hampir", NULL);
	worksheet_write_string(ws, 2, 1, "kabupaten", NULL);
	worksheet_write_string(ws, 2, 2, "Dinas A", NULL);
	worksheet_write_number(ws, 2, 3, 87.99999999999999, NULL);
	/* row 4 (index 3) left empty; row 5 has a computed 0.1+0.2 */
	worksheet_write_string(ws, 4, 0, "Kota Jumlah", NULL);
	worksheet_write_string(ws, 4, 1, "kota", NULL);
	worksheet_write_string(ws, 4, 2, "Dinas A", NULL);
	worksheet_write_number(ws, 4, 3, a + b + 60, NULL); /* 60.300000000000004 */
	/* typed with 14 digits: stays below the edge */
	worksheet_write_string(ws, 5, 0, "Kota Bawah", NULL);
	worksheet_write_string(ws, 5, 1, "kota", NULL);
	worksheet_write_string(ws, 5, 2, "Dinas A", NULL);
	worksheet_write_number(ws, 5, 3, 87.9949999999999, NULL);
	/* an integer */
	worksheet_write_string(ws, 6, 0, "Kota Bulat", NULL);
	worksheet_write_string(ws, 6, 1, "kota", NULL);
	worksheet_write_string(ws, 6, 2, "Dinas A", NULL);
	worksheet_write_number(ws, 6, 3, 88, NULL);
	/* styled empty cells to the right and empty rows at the end */
	worksheet_write_blank(ws, 6, 5, workbook_add_format(wb));
	worksheet_write_string(ws, 9, 0, "", NULL);

	for (c = 0; c < 4; c++)
		worksheet_write_string(other, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(other, 1, 0, "Kota Lain", NULL);
	worksheet_write_string(other, 1, 1, "kota", NULL);
	worksheet_write_string(other, 1, 2, "Dinas A", NULL);
	worksheet_write_number(other, 1, 3, 51.5, NULL);
	if (workbook_close(wb) != LXW_NO_ERROR)
		die("scores.xlsx");
}

/* a bad value in row 4, column D, after a row the file skips */
static void badcell_xlsx(void)
{
	lxw_workbook *wb = workbook_new(path_of("badcell.xlsx"));
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	static const char *const head[] = { "entity", "entity_type", "unit", "score" };
	int c;

	for (c = 0; c < 4; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "Kota A", NULL);
	worksheet_write_string(ws, 1, 1, "kota", NULL);
	worksheet_write_string(ws, 1, 2, "Dinas A", NULL);
	worksheet_write_number(ws, 1, 3, 70, NULL);
	worksheet_write_string(ws, 3, 0, "Kota B", NULL);
	worksheet_write_string(ws, 3, 1, "kota", NULL);
	worksheet_write_string(ws, 3, 2, "Dinas A", NULL);
	worksheet_write_string(ws, 3, 3, "tujuh puluh", NULL);
	if (workbook_close(wb) != LXW_NO_ERROR)
		die("badcell.xlsx");
}

/* ---- raw parts, as Excel writes them ----------------------------------------------- */

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
	"<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
	"<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
	"<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
	"</Types>";

static const char root_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";

/* "Data" (sheet2.xml) comes first in the workbook, "Old" (sheet1.xml) second */
static const char workbook[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"Data\" sheetId=\"2\" r:id=\"rId2\"/>"
	"<sheet name=\"Old\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char workbook_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"</Relationships>";

/* 0 entity 1 entity_type 2 unit 3 score 4 "Kabupaten "+"Tepi" in runs,
 * with a phonetic run left out; 5 kabupaten; 6 Dinas A; 7 a name with a
 * line break (Alt+Enter) */
static const char sst[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"9\" uniqueCount=\"8\">"
	"<si><t>entity</t></si><si><t>entity_type</t></si><si><t>unit</t></si><si><t>score</t></si>"
	"<si><r><rPr><b/></rPr><t xml:space=\"preserve\">Kabupaten </t></r><r><t>Tepi</t></r>"
	"<rPh sb=\"0\" eb=\"1\"><t>XX</t></rPh></si>"
	"<si><t>kabupaten</t></si><si><t>Dinas A</t></si>"
	"<si><t>Kota\nBaris &amp; \"Dua\"</t></si>"
	"</sst>";

static const char sheet_old[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";

static void add_part(zipFile zf, const char *name, const char *data, size_t len)
{
	zip_fileinfo zi;

	memset(&zi, 0, sizeof zi);
	if (zipOpenNewFileInZip64(zf, name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
	                          Z_DEFAULT_COMPRESSION, 1) != ZIP_OK ||
	    zipWriteInFileInZip(zf, data, (unsigned)len) != ZIP_OK || zipCloseFileInZip(zf) != ZIP_OK)
		die(name);
}

/* A workbook of the raw parts above with `sheet` as xl/worksheets/sheet2.xml. */
static void raw_xlsx(const char *file, const char *sheet)
{
	zipFile zf = zipOpen64(path_of(file), APPEND_STATUS_CREATE);

	if (!zf)
		die(file);
	add_part(zf, "[Content_Types].xml", content_types, strlen(content_types));
	add_part(zf, "_rels/.rels", root_rels, strlen(root_rels));
	add_part(zf, "xl/workbook.xml", workbook, strlen(workbook));
	add_part(zf, "xl/_rels/workbook.xml.rels", workbook_rels, strlen(workbook_rels));
	add_part(zf, "xl/sharedStrings.xml", sst, strlen(sst));
	add_part(zf, "xl/worksheets/sheet1.xml", sheet_old, strlen(sheet_old));
	add_part(zf, "xl/worksheets/sheet2.xml", sheet, strlen(sheet));
	if (zipClose(zf, NULL) != ZIP_OK)
		die(file);
}

#define SHEET_HEAD                                                                        \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"               \
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
	"<dimension ref=\"A1:D6\"/><sheetData>"                                          \
	"<row r=\"1\" spans=\"1:4\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>" \
	"<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
#define SHEET_TAIL "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" " \
	"bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
/* row r: entity, type and unit as shared strings (e, t, u), then the score cell */
#define ROW(r, e, u, cell)                                                               \
	"<row r=\"" #r "\" spans=\"1:4\"><c r=\"A" #r "\" t=\"s\"><v>" #e "</v></c>"         \
	"<c r=\"B" #r "\" t=\"s\"><v>5</v></c><c r=\"C" #r "\" t=\"s\"><v>" #u "</v></c>" cell "</row>"

static const char sheet_excel[] =
	SHEET_HEAD
	/* 87.995 stored as Excel stores it */
	ROW(2, 4, 6, "<c r=\"D2\"><v>8.7995000000000005E1</v></c>")
	/* row 3 skipped; an inline string, a formula's cached number */
	"<row r=\"4\" spans=\"1:4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Kabupaten Inline</t></is></c>"
	"<c r=\"B4\" t=\"s\"><v>5</v></c><c r=\"C4\" t=\"s\"><v>6</v></c>"
	"<c r=\"D4\"><f>0.1+0.2+60</f><v>60.300000000000004</v></c></row>"
	/* the line break, and 87.99499999999999 printed with 17 digits */
	ROW(5, 7, 6, "<c r=\"D5\" s=\"1\"><v>87.994999999999990</v></c>")
	SHEET_TAIL;

static const char sheet_halfway[] =
	SHEET_HEAD ROW(2, 4, 6, "<c r=\"D2\"><v>1.000000000000005</v></c>") SHEET_TAIL;
static const char sheet_error[] =
	SHEET_HEAD ROW(2, 4, 6, "<c r=\"D2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>") SHEET_TAIL;
static const char sheet_bool[] =
	SHEET_HEAD ROW(2, 4, 6, "<c r=\"D2\" t=\"b\"><v>1</v></c>") SHEET_TAIL;
static const char sheet_doctype[] =
	"<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\">]>"
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<sheetData/></worksheet>";

static void bomb_xlsx(void)
{
	/* a sheet that inflates to 65 MiB of blanks inside <sheetData> */
	size_t big = ((size_t)65 << 20), chunk = 1 << 20, done;
	char *blank = malloc(chunk);
	zipFile zf = zipOpen64(path_of("bomb.xlsx"), APPEND_STATUS_CREATE);
	zip_fileinfo zi;
	static const char head[] = "<?xml version=\"1.0\"?><worksheet "
		"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

	if (!zf || !blank)
		die("bomb.xlsx");
	memset(blank, ' ', chunk);
	add_part(zf, "xl/workbook.xml", workbook, strlen(workbook));
	add_part(zf, "xl/_rels/workbook.xml.rels", workbook_rels, strlen(workbook_rels));
	add_part(zf, "xl/sharedStrings.xml", sst, strlen(sst));
	memset(&zi, 0, sizeof zi);
	if (zipOpenNewFileInZip64(zf, "xl/worksheets/sheet2.xml", &zi, NULL, 0, NULL, 0, NULL,
	                          Z_DEFLATED, 9, 1) != ZIP_OK ||
	    zipWriteInFileInZip(zf, head, (unsigned)strlen(head)) != ZIP_OK)
		die("bomb.xlsx");
	for (done = 0; done < big; done += chunk)
		if (zipWriteInFileInZip(zf, blank, (unsigned)chunk) != ZIP_OK)
			die("bomb.xlsx");
	if (zipCloseFileInZip(zf) != ZIP_OK || zipClose(zf, NULL) != ZIP_OK)
		die("bomb.xlsx");
	free(blank);
}

/* one shared string of 32,000 bytes referenced by 2,200 cells of one row:
 * 70 MB of cell text from a file of a few KiB */
static void amplify_xlsx(void)
{
	size_t n = 32000, cells = 2200, i;
	char *big = malloc(n + 512), *sheet = malloc(cells * 48 + 1024), *p;
	zipFile zf = zipOpen64(path_of("amplify.xlsx"), APPEND_STATUS_CREATE);

	if (!big || !sheet || !zf)
		die("amplify.xlsx");
	p = big + sprintf(big, "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats."
	                       "org/spreadsheetml/2006/main\"><si><t>");
	memset(p, 'x', n);
	strcpy(p + n, "</t></si></sst>");
	p = sheet + sprintf(sheet, "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas."
	                           "openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
	p += sprintf(p, "<row r=\"1\">"); /* one row: bounded cell by cell */
	for (i = 0; i < cells; i++)
		p += sprintf(p, "<c t=\"s\"><v>0</v></c>");
	strcpy(p, "</row></sheetData></worksheet>");
	add_part(zf, "xl/workbook.xml", workbook, strlen(workbook));
	add_part(zf, "xl/_rels/workbook.xml.rels", workbook_rels, strlen(workbook_rels));
	add_part(zf, "xl/sharedStrings.xml", big, strlen(big));
	add_part(zf, "xl/worksheets/sheet2.xml", sheet, strlen(sheet));
	if (zipClose(zf, NULL) != ZIP_OK)
		die("amplify.xlsx");
	free(big);
	free(sheet);
}

static void copy_truncated(const char *from, const char *to)
{
	FILE *f = fopen(path_of(from), "rb"), *g;
	static char buf[1 << 20];
	size_t n;

	if (!f)
		die(from);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	g = fopen(path_of(to), "wb");
	if (!g || fwrite(buf, 1, n / 2, g) != n / 2 || fclose(g))
		die(to);
}

int main(int argc, char **argv)
{
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: make_fixtures DIR\n");
		return 2;
	}
	dir = argv[1];
	/* the directory is made here, not by a fixture test before this one: the
	 * valgrind run of tools/ci-extra.sh runs tests without CTest's fixtures */
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		perror(dir);
		return 2;
	}
	scores_xlsx();
	badcell_xlsx();
	raw_xlsx("excel.xlsx", sheet_excel);
	raw_xlsx("halfway.xlsx", sheet_halfway);
	raw_xlsx("errorcell.xlsx", sheet_error);
	raw_xlsx("boolean.xlsx", sheet_bool);
	raw_xlsx("doctype.xlsx", sheet_doctype);
	bomb_xlsx();
	amplify_xlsx();
	copy_truncated("scores.xlsx", "truncated.xlsx");
	f = fopen(path_of("notzip.xlsx"), "wb");
	if (!f || fputs("entity,entity_type,unit,score\nKota A,kota,Dinas A,70\n", f) < 0 || fclose(f))
		die("notzip.xlsx");
	return 0;
}
