/*
 * Reading assessments in the commands (cli_input.h): one copy of the input
 * options, the profile opened into a configured assessment, and a FILE
 * read by its kind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_input.h"
#include "cli_util.h"

const char cli_input_help[] =
	"  --missing POLICY        a missing answer: error (default), exclude or minimum\n"
	"  --rollup units|products  the profile's roll-up, when it allows a choice\n"
	"  --dialect auto|excel-id|rfc4180\n"
	"                          CSV as Excel writes it in the Indonesian locale (';',\n"
	"                          decimal comma) or RFC 4180 (','); auto (default) goes\n"
	"                          by the header row, and says so on stderr for excel-id\n"
	"  --encoding utf-8|cp1252|latin1\n"
	"                          the CSV's text encoding (default utf-8); others are\n"
	"                          converted with the C library's iconv\n"
	"  --columns COLUMN=HEADER[,COLUMN=HEADER...]\n"
	"                          the header of a column that has another name, e.g.\n"
	"                          entity=Nama Pemda (columns: entity, entity_type, unit,\n"
	"                          product, indicator, value or score)\n"
	"  --names refuse|merge    names differing only in case: refuse (default) or\n"
	"                          read as one, the first spelling kept\n"
	"  --max-errors N          report up to N bad rows of the CSV (default 20)\n"
	"  --sheet NAME            an .xlsx FILE: the sheet to read (default the first)\n";

void cli_input_init(cli_input *in)
{
	memset(in, 0, sizeof *in);
	in->missing = -1;
	in->rollup = COMPLIANCE_ROLLUP_DEFAULT;
	in->dialect = COMPLIANCE_DIALECT_AUTO;
	in->encoding = COMPLIANCE_ENCODING_UTF8;
	in->names = -1;
}

/* "CMD: " and fmt with one %s argument; returns CLI_EXIT_BAD. */
static int bad(const char *cmd, const char *fmt, const char *arg)
{
	char f[256];

	snprintf(f, sizeof f, "%s: %s", cmd, fmt);
	return cli_bad(f, arg);
}

int cli_input_option(cli_input *in, int c, const char *v, const char *cmd)
{
	char *end;
	long n;

	switch (c) {
	case 'm':
		if (!strcmp(v, "error"))
			in->missing = COMPLIANCE_MISSING_ERROR;
		else if (!strcmp(v, "exclude"))
			in->missing = COMPLIANCE_MISSING_EXCLUDE;
		else if (!strcmp(v, "minimum"))
			in->missing = COMPLIANCE_MISSING_MINIMUM;
		else
			return bad(cmd, "unknown missing-answer policy '%s': expected error, exclude or "
			                "minimum", v);
		return 0;
	case 'r':
		if (!strcmp(v, "units"))
			in->rollup = COMPLIANCE_ROLLUP_UNITS;
		else if (!strcmp(v, "products"))
			in->rollup = COMPLIANCE_ROLLUP_PRODUCTS;
		else
			return bad(cmd, "unknown roll-up '%s': expected units or products", v);
		return 0;
	case 'D':
		if (!strcmp(v, "auto"))
			in->dialect = COMPLIANCE_DIALECT_AUTO;
		else if (!strcmp(v, "excel-id"))
			in->dialect = COMPLIANCE_DIALECT_EXCEL_ID;
		else if (!strcmp(v, "rfc4180"))
			in->dialect = COMPLIANCE_DIALECT_RFC4180;
		else
			return bad(cmd, "unknown --dialect '%s': expected auto, excel-id or rfc4180", v);
		return 0;
	case 'E':
		if (!strcmp(v, "utf-8") || !strcmp(v, "utf8"))
			in->encoding = COMPLIANCE_ENCODING_UTF8;
		else if (!strcmp(v, "cp1252") || !strcmp(v, "windows-1252"))
			in->encoding = COMPLIANCE_ENCODING_CP1252;
		else if (!strcmp(v, "latin1") || !strcmp(v, "iso-8859-1"))
			in->encoding = COMPLIANCE_ENCODING_LATIN1;
		else
			return bad(cmd, "unknown --encoding '%s': expected utf-8, cp1252 or latin1", v);
		return 0;
	case 'C':
		if (in->ncolumns == (int)(sizeof in->columns / sizeof in->columns[0]))
			return bad(cmd, "%s", "more than 16 --columns options");
		in->columns[in->ncolumns++] = v;
		return 0;
	case 'N':
		if (!strcmp(v, "refuse"))
			in->names = COMPLIANCE_NAMES_REFUSE;
		else if (!strcmp(v, "merge"))
			in->names = COMPLIANCE_NAMES_MERGE;
		else
			return bad(cmd, "unknown --names '%s': expected refuse or merge", v);
		return 0;
	case 'M':
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < 1 || n > 1000000)
			return bad(cmd, "--max-errors '%s': expected a whole number from 1 to 1000000", v);
		in->max_errors = (int)n;
		return 0;
	case 'W':
		in->sheet = v;
		return 0;
	default:
		return -1;
	}
}

/* --columns COLUMN=HEADER[,COLUMN=HEADER...]: the user's names of the CSV
 * columns (compliance_assessment_map_column). 0 or the exit status. */
static int map_columns(compliance_assessment *a, const char *arg, const char *cmd)
{
	char buf[4096], *item, *next, *eq;

	if (strlen(arg) >= sizeof buf)
		return bad(cmd, "--columns %.60s...: too long", arg);
	strcpy(buf, arg);
	for (item = buf; item; item = next) {
		next = strchr(item, ',');
		if (next)
			*next++ = '\0';
		eq = strchr(item, '=');
		if (!eq || eq == item || !eq[1])
			return bad(cmd, "--columns '%s': expected COLUMN=HEADER[,COLUMN=HEADER...], e.g. "
			                "entity=Nama Pemda,unit=Unit Kerja", arg);
		*eq = '\0';
		int rc = compliance_assessment_map_column(a, item, eq + 1);
		if (rc) {
			char msg[1200];
			snprintf(msg, sizeof msg, "%s: --columns: %s", cmd, compliance_assessment_errmsg(a));
			cli_fail(rc, msg);
			return CLI_EXIT_BAD;
		}
	}
	return 0;
}

int cli_input_open(compliance_ctx *ctx, const char *spec, const cli_input *in, const char *cmd,
                   compliance_assessment **out)
{
	compliance_profile *p;
	compliance_assessment *a;
	int rc, i;

	*out = NULL;
	if ((rc = cli_open_profile(ctx, spec, &p)))
		return rc;
	if (compliance_profile_kind(p) == COMPLIANCE_PROFILE_SKM) {
		char msg[512];
		snprintf(msg, sizeof msg, "profile '%s' is an SKM survey method, not an assessment: "
		         "use `compliance skm --profile %s FILE`", compliance_profile_id(p),
		         compliance_profile_id(p));
		cli_error(msg);
		compliance_profile_free(p);
		return CLI_EXIT_BAD;
	}
	rc = compliance_assessment_new(ctx, &a, p);
	compliance_profile_free(p); /* the assessment holds its own reference */
	if (rc)
		return cli_fail(rc, compliance_ctx_errmsg(ctx));
	if (in->rollup != COMPLIANCE_ROLLUP_DEFAULT &&
	    (rc = compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP, in->rollup))) {
		cli_fail(rc, compliance_assessment_errmsg(a));
		compliance_assessment_free(a);
		return CLI_EXIT_BAD;
	}
	if (in->missing >= 0)
		compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, in->missing);
	compliance_assessment_set_option(a, COMPLIANCE_OPT_DIALECT, in->dialect);
	compliance_assessment_set_option(a, COMPLIANCE_OPT_ENCODING, in->encoding);
	if (in->names >= 0)
		compliance_assessment_set_option(a, COMPLIANCE_OPT_NAMES, in->names);
	if (in->max_errors > 0)
		compliance_assessment_set_option(a, COMPLIANCE_OPT_MAX_ERRORS, in->max_errors);
	for (i = 0; i < in->ncolumns; i++)
		if ((rc = map_columns(a, in->columns[i], cmd))) {
			compliance_assessment_free(a);
			return rc;
		}
	for (i = 0; i < in->nkeep; i++)
		if ((rc = compliance_assessment_keep_column(a, in->keep[i]))) {
			char msg[1200];
			snprintf(msg, sizeof msg, "%s: %s", cmd, compliance_assessment_errmsg(a));
			compliance_assessment_free(a);
			return cli_fail(rc, msg);
		}
	*out = a;
	return 0;
}

int cli_ends_with(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix), i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++) {
		char c = path[n - k + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return 0;
	}
	return 1;
}

/* What the file starts as: 1 a zip archive (an .xlsx under another name),
 * 2 an OLE compound file (an .xls, or a password-protected workbook), 0
 * anything else. */
static int sniff(const char *path)
{
	unsigned char b[4];
	int fd = open(path, O_RDONLY), kind = 0;

	/* read(2), not stdio: the file is opened again by the reader */
	if (fd >= 0 && read(fd, b, 4) == 4)
		kind = !memcmp(b, "PK\3\4", 4) ? 1 : !memcmp(b, "\xD0\xCF\x11\xE0", 4) ? 2 : 0;
	if (fd >= 0)
		close(fd);
	return kind;
}

int cli_input_read(compliance_assessment *a, const cli_input *in, const char *file,
                   const char *cmd)
{
	int rc;

	if (!strcmp(file, "-")) {
		size_t len, k = 0;
		char *data = cli_read_stream(stdin, &len, &rc);
		if (!data) {
			if (rc == COMPLIANCE_E_IO)
				return cli_fail_errno("<stdin>", "read error");
			return cli_fail(rc, "out of memory reading standard input");
		}
		while (k < len && (data[k] == ' ' || data[k] == '\n' || data[k] == '\r' ||
		                   data[k] == '\t'))
			k++;
		if (len >= 4 && !memcmp(data, "PK\3\4", 4)) {
			free(data);
			return bad(cmd, "%s", "standard input is a zip archive (an XLSX workbook?): give "
			                      "the workbook's path, FILE.xlsx");
		}
		if (k < len && data[k] == '{')
			rc = compliance_assessment_read_json_buffer(a, data, len, "<stdin>");
		else
			rc = compliance_assessment_read_csv_buffer(a, data, len, "<stdin>");
		free(data);
		return rc;
	}
	if (cli_ends_with(file, ".json"))
		return compliance_assessment_read_json_file(a, file);
	if (cli_ends_with(file, ".xlsx") || sniff(file) == 1)
		return compliance_assessment_read_xlsx_file(a, file, in->sheet);
	if (cli_ends_with(file, ".xls") || cli_ends_with(file, ".ods") || sniff(file) == 2)
		return bad(cmd, "%s: a workbook in a format this program does not read (Excel 97-2003 "
		                ".xls, a password-protected workbook, or .ods): save it as .xlsx (Excel "
		                "Workbook) without a password, or as CSV", file);
	return compliance_assessment_read_csv_file(a, file);
}

void cli_assessment_error(compliance_assessment *a)
{
	size_t i, n = compliance_assessment_diag_count(a);

	cli_note_code(compliance_assessment_errcode(a));
	if (n > 1)
		for (i = 0; i < n; i++)
			cli_error(compliance_assessment_diag(a, i));
	else
		cli_error(compliance_assessment_errmsg(a));
}
