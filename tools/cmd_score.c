/*
 * compliance score | explain | advise: an assessment read from CSV or JSON,
 * computed, and written as a table, CSV or JSON, or one entity explained or
 * advised; a thin layer over compliance/assessment.h and report.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compliance.h"
#include "cli_util.h"
#include "commands.h"

#define EXIT_BAD CLI_EXIT_BAD
#define esc cli_esc
#define bad cli_bad
#define ctx_error cli_ctx_error
#define open_profile cli_open_profile

static const char *const prog = "compliance";

enum { FMT_TABLE = COMPLIANCE_FORMAT_TABLE, FMT_CSV = COMPLIANCE_FORMAT_CSV,
       FMT_JSON = COMPLIANCE_FORMAT_JSON, FMT_XLSX = COMPLIANCE_FORMAT_XLSX };

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

/* 1 when path ends in suffix, ignoring case. */
static int ends_with(const char *path, const char *suffix)
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

/* --skm ENTITY,ENTITY_TYPE,UNIT,NODE=FILE: the unit's SKM survey (skm-2017)
 * scored and fed into NODE (compliance_assessment_add_skm). Returns 0 or
 * the exit status, having printed why. */
static int feed_skm(compliance_ctx *ctx, compliance_assessment *a, const char *arg,
                    int missing)
{
	char buf[4096], *f[4], *eq, *c;
	compliance_profile *sp = NULL;
	compliance_skm *s = NULL;
	int k, rc;

	if (strlen(arg) >= sizeof buf)
		return bad("score: --skm %.60s...: too long", arg);
	strcpy(buf, arg);
	f[0] = buf;
	for (k = 1, c = buf; k < 4; k++) {
		c = strchr(c, ',');
		if (!c)
			break;
		*c++ = '\0';
		f[k] = c;
	}
	eq = k == 4 ? strchr(f[3], '=') : NULL;
	if (!eq || eq == f[3] || !eq[1])
		return bad("score: --skm '%s': expected ENTITY,ENTITY_TYPE,UNIT,NODE=FILE", arg);
	*eq = '\0';
	if ((rc = compliance_profile_open(ctx, &sp, "skm-2017")) ||
	    (rc = compliance_skm_new(ctx, &s, sp))) {
		cli_error(compliance_ctx_errmsg(ctx));
		compliance_profile_free(sp);
		return cli_exit_code(rc);
	}
	compliance_profile_free(sp);
	compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, missing);
	rc = compliance_skm_read_csv_file(s, eq + 1);
	if (!rc)
		rc = compliance_skm_compute(s);
	if (rc) {
		cli_error(compliance_skm_errmsg(s));
		compliance_skm_free(s);
		return cli_exit_code(rc);
	}
	rc = compliance_assessment_add_skm(a, f[0], f[1], f[2], f[3], s);
	compliance_skm_free(s);
	if (rc) {
		char msg[2048];
		snprintf(msg, sizeof msg, "--skm %s: %s", arg, compliance_assessment_errmsg(a));
		cli_error(msg);
		return cli_exit_code(rc);
	}
	return 0;
}

static void score_usage(FILE *f, const char *cmd)
{
	if (!strcmp(cmd, "score"))
		fputs("usage: compliance score --profile ID|FILE [OPTIONS] FILE|-\n"
		      "\n"
		      "Scores the entities of FILE: CSV with the header entity,entity_type,unit,score\n"
		      "(unit scores) or entity,entity_type,unit,indicator,value (indicator answers),\n"
		      "the same on the first sheet of an .xlsx workbook, or JSON\n"
		      "(docs/input-format.md); - reads standard input. Prints the entities\n"
		      "ranked, with their score, category, zone and label.\n",
		      f);
	else
		fprintf(f,
		        "usage: compliance %s --profile ID|FILE [OPTIONS] FILE|- ENTITY\n"
		        "\n"
		        "%s\n",
		        cmd,
		        !strcmp(cmd, "explain")
		                ? "Every intermediate value of ENTITY's score, down to the indicator."
		                : "What ENTITY should fix first to reach the next category.");
	fputs("\n"
	      "  --profile ID|FILE       a built-in profile (see `compliance profiles`) or a file\n"
	      "  --missing POLICY        a missing answer: error (default), exclude or minimum\n",
	      f);
	fputs("  --rollup units|products  the profile's roll-up, when it allows a choice\n"
	      "  --skm ENTITY,TYPE,UNIT,NODE=SKM_FILE\n"
	      "                          feed a unit's SKM survey into NODE (repeatable)\n"
	      "  --skm-missing available|listwise\n"
	      "                          missing SKM answers (see `compliance skm --help`)\n",
	      f);
	if (!strcmp(cmd, "score"))
		fputs("  --format table|csv|json|xlsx\n"
		      "                          the output (default table; xlsx needs -o FILE)\n"
		      "  --output-dialect rfc4180|excel-id\n"
		      "                          CSV output: RFC 4180 (default) or as Excel saves it\n"
		      "                          in the Indonesian locale (BOM, ';', 73,02, CRLF)\n"
		      "  -o, --output FILE       write the output to FILE instead of standard output\n"
		      "  --sheet NAME            an .xlsx FILE: the sheet to read (default the first)\n",
		      f);
	else
		fputs("  --format text|json      the output (default text)\n", f);
	fputs("\n"
	      "Options take their value as --opt VALUE or --opt=VALUE. Exit status: 0 done,\n"
	      "2 bad input or usage (the message names file, line and field), 1 internal.\n",
	      f);
}

int cmd_score(int argc, char **argv)
{
	const char *cmd = argv[0];
	const int explain = strcmp(cmd, "score") != 0, advise = !strcmp(cmd, "advise");
	const char *spec = NULL, *file = NULL, *entity = NULL, *output = NULL, *sheet = NULL;
	int excel_id = 0;
	int format = FMT_TABLE, rollup = COMPLIANCE_ROLLUP_DEFAULT, i, rc, c,
	    status = 0, missing = -1;
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	const char *skm[64];
	int nskm = 0, skm_missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
	char what[64];
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "skm", required_argument, NULL, 's' },
		{ "skm-missing", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "rollup", required_argument, NULL, 'r' },
		{ "missing", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "output-dialect", required_argument, NULL, 'D' },
		{ "sheet", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 }
	};

	snprintf(what, sizeof what, "%s: %%s", cmd);
	while ((c = cli_getopt_short(argc, argv, opts, cmd, "o:")) != -1) {
		const char *v = optarg;
		switch (c) {
		case 'h':
			score_usage(stdout, cmd);
			return 0;
		case 'p':
			spec = v;
			break;
		case 'o':
			output = v;
			break;
		case 'W':
			sheet = v;
			break;
		case 'D':
			if (!strcmp(v, "excel-id"))
				excel_id = 1;
			else if (!strcmp(v, "rfc4180"))
				excel_id = 0;
			else
				return bad("score: unknown --output-dialect '%s': expected rfc4180 or "
				           "excel-id", v);
			break;
		case 's':
			if (nskm == (int)(sizeof skm / sizeof skm[0]))
				return bad("score: %s", "more than 64 --skm options");
			skm[nskm++] = v;
			break;
		case 'S':
			if (!strcmp(v, "available"))
				skm_missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
			else if (!strcmp(v, "listwise"))
				skm_missing = COMPLIANCE_SKM_MISSING_LISTWISE;
			else
				return bad("score: unknown --skm-missing '%s': expected available or "
				           "listwise", v);
			break;
		case 'f':
			if (!strcmp(v, "table") || (explain && !strcmp(v, "text")))
				format = FMT_TABLE;
			else if (!strcmp(v, "csv") && !explain)
				format = FMT_CSV;
			else if (!strcmp(v, "json"))
				format = FMT_JSON;
			else if (!strcmp(v, "xlsx") && !explain)
				format = FMT_XLSX;
			else if (explain)
				return bad(advise ? "advise: unknown format '%s': expected text or json"
				                  : "explain: unknown format '%s': expected text or json",
				           v);
			else
				return bad("score: unknown format '%s': expected table, csv, json or xlsx", v);
			break;
		case 'r':
			if (!strcmp(v, "units"))
				rollup = COMPLIANCE_ROLLUP_UNITS;
			else if (!strcmp(v, "products"))
				rollup = COMPLIANCE_ROLLUP_PRODUCTS;
			else
				return bad("score: unknown roll-up '%s': expected units or products", v);
			break;
		case 'm':
			if (!strcmp(v, "error"))
				missing = COMPLIANCE_MISSING_ERROR;
			else if (!strcmp(v, "exclude"))
				missing = COMPLIANCE_MISSING_EXCLUDE;
			else if (!strcmp(v, "minimum"))
				missing = COMPLIANCE_MISSING_MINIMUM;
			else
				return bad("unknown missing-answer policy '%s': expected error, exclude or "
				           "minimum", v);
			break;
		default:
			return EXIT_BAD;
		}
	}
	for (i = optind; i < argc; i++) {
		if (!file)
			file = argv[i];
		else if (explain && !entity)
			entity = argv[i];
		else {
			char fmt[96];
			snprintf(fmt, sizeof fmt, "%s: more than one FILE%s given (%%s)", cmd,
			         explain ? " and ENTITY" : "");
			return bad(fmt, argv[i]);
		}
	}
	if (!spec)
		return bad(what, "--profile ID is required");
	if (!file)
		return bad(what, "give a CSV FILE, or - for standard input");
	if (explain && !entity)
		return bad(advise ? "advise: %s" : "explain: %s",
		           "give the ENTITY after the FILE");
	if (explain && output)
		return bad(what, "-o applies to `compliance score`");
	if (format == FMT_XLSX && !output)
		return bad(what, "--format xlsx writes a workbook: give -o FILE.xlsx");
	if (excel_id && format != FMT_CSV)
		return bad(what, "--output-dialect applies to --format csv");
	if (sheet && !ends_with(file, ".xlsx"))
		return bad(what, "--sheet applies to an .xlsx FILE");
	if (excel_id)
		format = COMPLIANCE_FORMAT_CSV_EXCEL_ID;
	if (compliance_ctx_new(&ctx))
		return 1;
	rc = open_profile(ctx, spec, &p);
	if (rc) {
		compliance_ctx_free(ctx);
		return rc;
	}
	if (compliance_profile_kind(p) == COMPLIANCE_PROFILE_SKM) {
		char msg[512];
		snprintf(msg, sizeof msg, "profile '%s' is an SKM survey method, not an assessment: "
		         "use `compliance skm --profile %s FILE`", compliance_profile_id(p),
		         compliance_profile_id(p));
		cli_error(msg);
		compliance_profile_free(p);
		compliance_ctx_free(ctx);
		return EXIT_BAD;
	}
	rc = compliance_assessment_new(ctx, &a, p);
	compliance_profile_free(p); /* the assessment holds its own reference */
	if (rc) {
		cli_error(compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		return 1;
	}
	if (rollup != COMPLIANCE_ROLLUP_DEFAULT &&
	    compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP, rollup)) {
		cli_error(compliance_assessment_errmsg(a));
		status = EXIT_BAD;
		goto out;
	}
	if (missing >= 0)
		compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, missing);
	if (!strcmp(file, "-")) {
		size_t len;
		char *data = cli_read_stream(stdin, &len, &rc);
		if (!data) {
			if (rc == COMPLIANCE_E_IO)
				fprintf(stderr, "%s: <stdin>: read error: %s\n", prog, strerror(errno));
			else
				fprintf(stderr, "%s: out of memory reading standard input\n", prog);
			status = cli_exit_code(rc);
			goto out;
		}
		{
			size_t k = 0;
			while (k < len && (data[k] == ' ' || data[k] == '\n' || data[k] == '\r' ||
			                   data[k] == '\t'))
				k++;
			if (len >= 4 && !memcmp(data, "PK\3\4", 4)) {
				free(data);
				status = bad("score: %s", "standard input is a zip archive (an XLSX "
				             "workbook?): give the workbook's path, FILE.xlsx");
				goto out;
			}
			if (k < len && data[k] == '{')
				rc = compliance_assessment_read_json_buffer(a, data, len, "<stdin>");
			else
				rc = compliance_assessment_read_csv_buffer(a, data, len, "<stdin>");
		}
		free(data);
	} else if (strlen(file) > 5 && !strcmp(file + strlen(file) - 5, ".json")) {
		rc = compliance_assessment_read_json_file(a, file);
	} else if (ends_with(file, ".xlsx") || sniff(file) == 1) {
		rc = compliance_assessment_read_xlsx_file(a, file, sheet);
	} else if (ends_with(file, ".xls") || ends_with(file, ".ods") || sniff(file) == 2) {
		status = bad("score: %s: a workbook in a format this program does not read (Excel "
		             "97-2003 .xls, a password-protected workbook, or .ods): save it as .xlsx "
		             "(Excel Workbook) without a password, or as CSV", file);
		goto out;
	} else {
		rc = compliance_assessment_read_csv_file(a, file);
	}
	for (i = 0; rc == COMPLIANCE_OK && i < nskm; i++) {
		rc = feed_skm(ctx, a, skm[i], skm_missing);
		if (rc) {
			status = rc;
			goto out;
		}
	}
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_compute(a);
	if (rc) {
		cli_error(compliance_assessment_errmsg(a));
		status = cli_exit_code(rc);
		goto out;
	}
	/* a unit count outside the profile's range: scored all the same */
	{
		size_t e, lo, hi;
		for (e = 0; e < compliance_assessment_entity_count(a); e++) {
			int check = compliance_assessment_entity_unit_check(a, e);
			if (check != COMPLIANCE_UNITS_TOO_FEW && check != COMPLIANCE_UNITS_TOO_MANY)
				continue;
			compliance_profile_unit_count_range(compliance_assessment_profile(a),
			                                    compliance_assessment_entity_type(a, e), &lo,
			                                    &hi);
			fprintf(stderr, "%s: warning: entity '%s' has %zu units; profile %s expects %zu to "
			                "%zu: scored all the same\n",
			        prog, esc(compliance_assessment_entity_name(a, e)),
			        compliance_assessment_unit_count(a, e),
			        esc(compliance_profile_id(compliance_assessment_profile(a))), lo, hi);
		}
	}
	if (explain) {
		size_t idx;
		char *text;
		if (compliance_assessment_find(a, entity, &idx)) {
			char msg[1024];
			snprintf(msg, sizeof msg, "%s: entity '%s' is not in %s",
			         advise ? "advise" : "explain", entity, file);
			cli_error(msg);
			status = EXIT_BAD;
			goto out;
		}
		rc = (advise ? compliance_assessment_advise : compliance_assessment_explain)(
			a, idx, format == FMT_JSON ? COMPLIANCE_EXPLAIN_JSON : COMPLIANCE_EXPLAIN_TEXT, &text);
		if (rc) {
			const char *why = compliance_assessment_errmsg(a);
			char msg[1024];
			/* the library's message names the command and the entity */
			if (why && why[0])
				snprintf(msg, sizeof msg, "%s", why);
			else
				snprintf(msg, sizeof msg, "%s: %s", advise ? "advise" : "explain",
				         compliance_strerror(rc));
			cli_error(msg);
			status = cli_exit_code(rc);
			goto out;
		}
		cli_put(text);
		if (format == FMT_JSON)
			fputc('\n', stdout);
		compliance_free(text);
	} else {
		char *text;
		if (format == FMT_XLSX) {
			rc = compliance_assessment_write_xlsx(a, output);
			if (rc) {
				cli_error(compliance_assessment_errmsg(a));
				status = cli_exit_code(rc);
			}
			goto out;
		}
		rc = compliance_assessment_write(a, format, &text);
		if (rc) {
			cli_error(compliance_assessment_errmsg(a));
			status = cli_exit_code(rc);
			goto out;
		}
		if (output) {
			FILE *f = fopen(output, "wb");
			int ok = f && fputs(text, f) >= 0;
			if (f && fclose(f))
				ok = 0;
			if (!ok) {
				fprintf(stderr, "%s: %s: cannot write: %s\n", prog, esc(output),
				        strerror(errno));
				status = EXIT_BAD;
			}
		} else {
			cli_put(text);
		}
		compliance_free(text);
	}
out:
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
	return status;
}

