/*
 * compliance score | explain | advise: an assessment read from CSV or JSON,
 * computed, and written as a table, CSV or JSON, or one entity explained or
 * advised; a thin layer over compliance/assessment.h and report.h.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "cli_input.h"
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

/*
 * compliance rescore: the answers of `a` (computed under its profile)
 * carried through the crosswalk onto the profile `to_spec`, scored there,
 * and each entity shown under both editions, with what the crosswalk left
 * out (its JSON report). Returns the exit status, having printed why.
 */
static int rescore(compliance_ctx *ctx, compliance_assessment *a, const char *to_spec,
                   const char *cw_path, int missing, int format, const char *output)
{
	compliance_profile *pt = NULL;
	compliance_assessment *b = NULL;
	char *data = NULL, *report = NULL;
	size_t len, e;
	FILE *f;
	int rc, status = 0;

	if (!(f = fopen(cw_path, "rb"))) {
		return cli_fail_errno(cw_path, "cannot open the crosswalk");
	}
	data = cli_read_stream(f, &len, &rc);
	fclose(f);
	if (!data) {
		char msg[1100];
		snprintf(msg, sizeof msg, "%s: %s", cw_path,
		         rc == COMPLIANCE_E_IO ? "read error" : "out of memory");
		return cli_fail(rc, msg);
	}
	if ((status = open_profile(ctx, to_spec, &pt)))
		goto done;
	rc = compliance_assessment_new(ctx, &b, pt);
	compliance_profile_free(pt);
	if (rc) {
		cli_error(compliance_ctx_errmsg(ctx));
		status = cli_exit_code(rc);
		goto done;
	}
	if (missing >= 0)
		compliance_assessment_set_option(b, COMPLIANCE_OPT_MISSING, missing);
	rc = compliance_assessment_crosswalk(a, b, data, len, cw_path, &report);
	if (rc) {
		cli_error(compliance_assessment_errmsg(a));
		status = cli_exit_code(rc);
		goto done;
	}
	if ((rc = compliance_assessment_compute(b))) {
		char msg[1400];
		snprintf(msg, sizeof msg, "rescore: under %s: %s",
		         compliance_profile_id(compliance_assessment_profile(b)),
		         compliance_assessment_errmsg(b));
		cli_error(msg);
		status = cli_exit_code(rc);
		goto done;
	}
	if (format == FMT_JSON) {
		/* one document: the entities under both editions, and the report */
		json_t *doc, *ents = json_array(), *rep = json_loads(report, 0, NULL);
		char *text;
		for (e = 0; e < compliance_assessment_entity_count(a); e++) {
			size_t j;
			const char *name = compliance_assessment_entity_name(a, e);
			if (compliance_assessment_find(b, name, &j))
				continue; /* nothing of it could be carried */
			json_array_append_new(
				ents, json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}}", "entity", name,
			                        "entity_type",
			                        compliance_enum_short_name("compliance_entity_type",
			                                                   compliance_assessment_entity_type(a, e)),
			                        "from", "score", compliance_assessment_entity_score_text(a, e),
			                        "category", compliance_assessment_entity_category(a, e), "to",
			                        "score", compliance_assessment_entity_score_text(b, j),
			                        "category", compliance_assessment_entity_category(b, j)));
		}
		doc = json_pack("{s:s, s:s, s:o, s:o}", "from",
		                compliance_profile_id(compliance_assessment_profile(a)), "to",
		                compliance_profile_id(compliance_assessment_profile(b)), "entities", ents,
		                "crosswalk", rep ? rep : json_null());
		text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
		json_decref(doc);
		if (!text) {
			status = cli_fail(COMPLIANCE_E_NOMEM, "rescore: out of memory");
		} else {
			status = output ? cli_write_file(output, text, 1) : 0;
			if (!output) {
				cli_put(text);
				cli_put("\n");
			}
		}
		free(text);
	} else {
		char *text = NULL;
		size_t tlen = 0;
		FILE *m = open_memstream(&text, &tlen);
		if (!m) {
			status = 1;
			goto done;
		}
		fprintf(m, "%-28s %-10s %8s %-3s %8s %-3s\n", "entity", "type",
		        cli_esc(compliance_profile_id(compliance_assessment_profile(a))), "",
		        cli_esc(compliance_profile_id(compliance_assessment_profile(b))), "");
		for (e = 0; e < compliance_assessment_entity_count(a); e++) {
			size_t j;
			const char *name = compliance_assessment_entity_name(a, e);
			if (compliance_assessment_find(b, name, &j))
				continue;
			fprintf(m, "%-28s %-10s %8s %-3s %8s %-3s\n", cli_esc(name),
			        compliance_enum_short_name("compliance_entity_type",
			                                   compliance_assessment_entity_type(a, e)),
			        compliance_assessment_entity_score_text(a, e),
			        cli_esc(compliance_assessment_entity_category(a, e)),
			        compliance_assessment_entity_score_text(b, j),
			        cli_esc(compliance_assessment_entity_category(b, j)));
		}
		fprintf(m, "\nwhat the crosswalk carried and left out:\n%s\n", report);
		if (fclose(m) != 0 || !text) {
			status = cli_fail(COMPLIANCE_E_NOMEM, "rescore: out of memory");
		} else {
			status = output ? cli_write_file(output, text, 0) : 0;
			if (!output)
				cli_put(text);
		}
		free(text);
	}
done:
	compliance_free(report);
	compliance_assessment_free(b);
	free(data);
	return status;
}

static int explain_like(const char *cmd)
{
	return !strcmp(cmd, "explain") || !strcmp(cmd, "advise") || !strcmp(cmd, "sensitivity");
}

/* advise's --target and --lock (each a comma-separated list of node ids).
 * Returns 0 or the exit status, having printed why. */
static int advise_options(compliance_assessment *a, const char *target,
                          const char *const *locks, int nlocks)
{
	char buf[1024], *id, *comma;
	int k, rc;

	if (target && (rc = compliance_assessment_advise_target(a, target))) {
		cli_error(compliance_assessment_errmsg(a));
		return cli_exit_code(rc);
	}
	for (k = 0; k < nlocks; k++) {
		if (strlen(locks[k]) >= sizeof buf)
			return bad("advise: --lock %.60s...: too long", locks[k]);
		strcpy(buf, locks[k]);
		for (id = buf; id; id = comma ? comma + 1 : NULL) {
			if ((comma = strchr(id, ',')))
				*comma = '\0';
			if (!*id)
				continue;
			if ((rc = compliance_assessment_advise_lock(a, id))) {
				cli_error(compliance_assessment_errmsg(a));
				return cli_exit_code(rc);
			}
		}
	}
	return 0;
}

static void score_usage(FILE *f, const char *cmd)
{
	if (!strcmp(cmd, "rescore"))
		fputs("usage: compliance rescore --profile FROM --to TO --crosswalk CROSSWALK.csv\n"
		      "                          [OPTIONS] FILE|-\n"
		      "\n"
		      "Re-scores FILE's answers, given under the edition FROM, under the edition TO\n"
		      "through a crosswalk (CSV from,to[,values]: each FROM node's equivalent in TO,\n"
		      "empty or - for none; values maps answers, e.g. 0=tidak;1=ya). Prints each\n"
		      "entity's score and category under both, and what could not be carried.\n"
		      "\n"
		      "  --to ID|FILE            the edition to re-score under\n"
		      "  --crosswalk FILE        the crosswalk\n",
		      f);
	else if (!strcmp(cmd, "report"))
		fputs("usage: compliance report --profile ID|FILE [OPTIONS] [-o report.html] FILE|-\n"
		      "\n"
		      "The rapor: the assessment of FILE as one self-contained HTML page for people\n"
		      "to read and print (no script, no network load; Indonesian with an English\n"
		      "switch): counts per category and zone, the national table with ranks, and\n"
		      "for each entity its units against the band edges, explanation and advice.\n",
		      f);
	else if (!strcmp(cmd, "score"))
		fputs("usage: compliance score --profile ID|FILE [OPTIONS] FILE|-...\n"
		      "\n"
		      "Scores the entities of FILE: CSV with the header entity,entity_type,unit,score\n"
		      "(unit scores) or entity,entity_type,unit,indicator,value (indicator answers),\n"
		      "the same on the first sheet of an .xlsx workbook, or JSON\n"
		      "(docs/input-format.md); - reads standard input. Prints the entities\n"
		      "ranked, with their score, category, zone and label. Several FILEs are read\n"
		      "into one ranking (an entity may appear in one of them only).\n",
		      f);
	else
		fprintf(f,
		        "usage: compliance %s --profile ID|FILE [OPTIONS] FILE|- ENTITY\n"
		        "\n"
		        "%s\n",
		        cmd,
		        !strcmp(cmd, "explain")
		                ? "Every intermediate value of ENTITY's score, down to the indicator."
		        : !strcmp(cmd, "advise")
		                ? "What ENTITY should fix first to reach the next category."
		                : "How far ENTITY's score and category can move when the weights the\n"
		                  "profile does not state (confidence unknown or inferred) vary within\n"
		                  "their group, the group's total kept: exact extremes.");
	if (!strcmp(cmd, "sensitivity"))
		fputs("\n  --bound N%|any          each unstated weight within +-N% (default 20%), or any\n"
		      "                          split of the group's unstated weights\n",
		      f);
	fputs("\n"
	      "  --profile ID|FILE       a built-in profile (see `compliance profiles`) or a file\n"
	      "  --skm ENTITY,TYPE,UNIT,NODE=SKM_FILE\n"
	      "                          feed a unit's SKM survey into NODE (repeatable)\n"
	      "  --skm-missing available|listwise\n"
	      "                          missing SKM answers (see `compliance skm --help`)\n",
	      f);
	fputs(cli_input_help, f);
	if (!strcmp(cmd, "advise"))
		fputs("  --target BAND|SCORE     the category (A..E), zone or score to reach\n"
		      "                          (default: the next band up)\n"
		      "  --lock ID[,ID...]       indicators (or nodes) the team cannot change\n"
		      "                          (repeatable)\n",
		      f);
	if (!strcmp(cmd, "rescore"))
		fputs("  --format table|json     the output (default table)\n", f);
	else if (!strcmp(cmd, "score"))
		fputs("  --summary               counts per category and zone, overall and by\n"
		      "                          entity type (and by group with --group-by or --group)\n"
		      "  --group-by COLUMN       for --summary: count by the value of the input's\n"
		      "                          column COLUMN (e.g. Provinsi), one per entity\n"
		      "  --group FILE            CSV entity,group (e.g. the province) for --summary\n"
		      "  --units                 every unit's score instead of the entities\n"
		      "  --format table|csv|json|html|xlsx\n"
		      "                          the output (default table; html: the rapor; xlsx\n"
		      "                          needs -o FILE)\n"
		      "  --output-dialect rfc4180|excel-id\n"
		      "                          CSV output: RFC 4180 (default) or as Excel saves it\n"
		      "                          in the Indonesian locale (BOM, ';', 73,02, CRLF)\n",
		      f);
	else if (explain_like(cmd))
		fputs("  --format text|json      the output (default text)\n", f);
	fputs("  -o, --output FILE       write the output to FILE instead of standard output\n", f);
	fputs("\n"
	      "Options take their value as --opt VALUE or --opt=VALUE. Exit status: 0 done,\n"
	      "2 bad input or usage (the message names file, line and field), 1 internal.\n",
	      f);
}

int cmd_score(int argc, char **argv)
{
	const char *cmd = argv[0];
	const int report = !strcmp(cmd, "report"), rescoring = !strcmp(cmd, "rescore");
	const int explain = strcmp(cmd, "score") != 0 && !report && !rescoring,
		  advise = !strcmp(cmd, "advise");
	const char *output = NULL, *to_spec = NULL, *crosswalk = NULL;
	int bound = 20, excel_id = 0;
	const char *spec = NULL, *file = NULL, *entity = NULL;
	int format = report ? COMPLIANCE_FORMAT_HTML : FMT_TABLE, i, rc, c, status = 0;
	compliance_ctx *ctx;
	compliance_assessment *a;
	cli_input in;
	const char *skm[64];
	int nskm = 0, skm_missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
	const char *target = NULL, *locks[64];
	int nlocks = 0;
	/* score: several FILEs; --group FILE or --group-by COLUMN */
	const char *files[64], *group = NULL, *group_by = NULL;
	int nfiles = 0, fi, summary = 0, units = 0;
	char what[64];
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "skm", required_argument, NULL, 's' },
		{ "skm-missing", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "output-dialect", required_argument, NULL, 'Y' },
		{ "bound", required_argument, NULL, 'b' },
		{ "to", required_argument, NULL, 't' },
		{ "crosswalk", required_argument, NULL, 'c' },
		{ "target", required_argument, NULL, 'T' },
		{ "summary", no_argument, NULL, 'U' },
		{ "units", no_argument, NULL, 'u' },
		{ "group", required_argument, NULL, 'g' },
		{ "group-by", required_argument, NULL, 'G' },
		{ "lock", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_OPTIONS,
		{ 0, 0, 0, 0 }
	};

	cli_input_init(&in);
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
		case 'Y':
			if (!strcmp(v, "excel-id"))
				excel_id = 1;
			else if (!strcmp(v, "rfc4180"))
				excel_id = 0;
			else
				return bad("score: unknown --output-dialect '%s': expected rfc4180 or "
				           "excel-id", v);
			break;
		case 't':
		case 'c':
			if (!rescoring) {
				char fmt[96];
				snprintf(fmt, sizeof fmt, "%s: %%s is an option of rescore", cmd);
				return bad(fmt, c == 't' ? "--to" : "--crosswalk");
			}
			*(c == 't' ? &to_spec : &crosswalk) = v;
			break;
		case 'b': {
			char *end;
			long n;
			if (strcmp(cmd, "sensitivity"))
				return bad("%s: --bound is an option of sensitivity", cmd);
			if (!strcmp(v, "any")) {
				bound = COMPLIANCE_SENSITIVITY_ANY_SPLIT;
				break;
			}
			n = strtol(v, &end, 10);
			if (end == v || (*end && strcmp(end, "%")) || n < 1 || n > 100)
				return bad("sensitivity: --bound '%s': expected a whole percentage from 1%% to "
				           "100%% (e.g. 20%%), or any", v);
			bound = (int)n;
			break;
		}
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
			else if (!strcmp(v, "html") && !explain)
				format = COMPLIANCE_FORMAT_HTML;
			else if (!strcmp(v, "xlsx") && !explain)
				format = FMT_XLSX;
			else if (explain)
			{
				char fmt[96];
				snprintf(fmt, sizeof fmt, "%s: unknown format '%%s': expected text or json", cmd);
				return bad(fmt, v);
			}
			else
				return bad("score: unknown format '%s': expected table, csv, json, html or xlsx",
				           v);
			break;
		case 'U': /* score: --summary, --units, --group FILE, --group-by COLUMN */
		case 'u':
		case 'g':
		case 'G':
			if (explain || rescoring || report)
				return bad("%s: --summary, --units, --group and --group-by are options of "
				           "score", cmd);
			if (c == 'U')
				summary = 1;
			else if (c == 'u')
				units = 1;
			else if (c == 'g')
				group = v;
			else
				group_by = v;
			break;
		case 'T': /* advise: --target BAND|SCORE */
		case 'L': /* advise: --lock ID[,ID...] */
			if (!advise)
				return bad("%s: --target and --lock are options of advise", cmd);
			if (c == 'T')
				target = v;
			else if (nlocks == (int)(sizeof locks / sizeof locks[0]))
				return bad("advise: %s", "more than 64 --lock options");
			else
				locks[nlocks++] = v;
			break;
		default:
			if ((rc = cli_input_option(&in, c, v, cmd)) != 0)
				return rc < 0 ? EXIT_BAD : rc;
			break;
		}
	}
	for (i = optind; i < argc; i++) {
		if (!explain) { /* score reads every FILE into one ranking */
			if (nfiles == (int)(sizeof files / sizeof files[0]))
				return bad("score: more than 64 FILEs (%s)", argv[i]);
			files[nfiles++] = argv[i];
			if (!file)
				file = argv[i];
			continue;
		}
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
	if (rescoring && (!to_spec || !crosswalk))
		return bad(what, "--to PROFILE and --crosswalk FILE are required");
	if (!file)
		return bad(what, "give a CSV FILE, or - for standard input");
	if (explain && !entity)
		return bad(what, "give the ENTITY after the FILE");
	if (format == FMT_XLSX && !output)
		return bad(what, "--format xlsx writes a workbook: give -o FILE.xlsx");
	if (excel_id && format != FMT_CSV)
		return bad(what, "--output-dialect applies to --format csv");
	if (in.sheet && !cli_ends_with(file, ".xlsx"))
		return bad(what, "--sheet applies to an .xlsx FILE");
	if (excel_id)
		format = COMPLIANCE_FORMAT_CSV_EXCEL_ID;
	if (summary && units)
		return bad("score: %s", "give --summary or --units, not both");
	if ((group || group_by) && !summary)
		return bad("score: %s", group ? "--group FILE goes with --summary"
		                              : "--group-by COLUMN goes with --summary");
	if (group && group_by)
		return bad("score: %s", "give --group FILE or --group-by COLUMN, not both");
	if (group_by)
		in.keep[in.nkeep++] = group_by;
	if (!nfiles)
		files[nfiles++] = file;
	if (compliance_ctx_new(&ctx))
		return 1;
	if ((rc = cli_input_open(ctx, spec, &in, cmd, &a))) {
		compliance_ctx_free(ctx);
		return rc;
	}
	/* every FILE in turn, into the one assessment */
	for (fi = 0, rc = COMPLIANCE_OK; rc == COMPLIANCE_OK && fi < nfiles; fi++) {
		file = files[fi];
		rc = cli_input_read(a, &in, file, cmd);
		if (rc > 0) {
			status = rc;
			goto out;
		}
	}
	/* the dialect, when it is not the default one */
	if (compliance_assessment_csv_dialect(a) == COMPLIANCE_DIALECT_EXCEL_ID)
		fprintf(stderr, "%s: %s: read as Excel CSV of the Indonesian locale (';' between "
		                "fields, decimal comma)%s\n",
		        prog, strcmp(file, "-") ? esc(file) : "<stdin>",
		        in.dialect == COMPLIANCE_DIALECT_AUTO ? ", found from its header row" : "");
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
		cli_assessment_error(a);
		status = cli_exit_code(rc);
		goto out;
	}
	/* a unit count outside the profile's range: scored all the same (the
	 * warnings are written 64 KiB at a time: standard error is unbuffered,
	 * and a million entities of one unit are a million warnings) */
	{
		size_t e, lo, hi, len = 0;
		char chunk[1 << 16];
		for (e = 0; e < compliance_assessment_entity_count(a); e++) {
			int check = compliance_assessment_entity_unit_check(a, e), n;
			const char *name, *pid;
			if (check != COMPLIANCE_UNITS_TOO_FEW && check != COMPLIANCE_UNITS_TOO_MANY)
				continue;
			compliance_profile_unit_count_range(compliance_assessment_profile(a),
			                                    compliance_assessment_entity_type(a, e), &lo,
			                                    &hi);
			/* (the escaped texts live in a ring of a few: made for each line) */
			name = esc(compliance_assessment_entity_name(a, e));
			pid = esc(compliance_profile_id(compliance_assessment_profile(a)));
			for (;;) {
				n = snprintf(chunk + len, sizeof chunk - len,
				             "%s: warning: entity '%s' has %zu units; profile %s expects "
				             "%zu to %zu: scored all the same\n",
				             prog, name, compliance_assessment_unit_count(a, e), pid, lo,
				             hi);
				if (n >= 0 && (size_t)n < sizeof chunk - len) {
					len += (size_t)n;
					break;
				}
				if (n < 0 || len == 0) { /* longer than the chunk: unbuffered */
					fprintf(stderr, "%s: warning: entity '%s' has %zu units; profile %s "
					                "expects %zu to %zu: scored all the same\n",
					        prog, name, compliance_assessment_unit_count(a, e), pid, lo, hi);
					break;
				}
				fwrite(chunk, 1, len, stderr); /* full: write it, then again */
				len = 0;
			}
		}
		fwrite(chunk, 1, len, stderr);
	}
	if (rescoring) {
		status = rescore(ctx, a, to_spec, crosswalk, in.missing, format, output);
		goto out;
	}
	if (explain) {
		size_t idx;
		char *text;
		if (compliance_assessment_find(a, entity, &idx)) {
			char msg[1024];
			snprintf(msg, sizeof msg, "%s: entity '%s' is not in %s",
			         cmd, entity, file);
			cli_fail(COMPLIANCE_E_NOTFOUND, msg);
			status = EXIT_BAD;
			goto out;
		}
		int ef = format == FMT_JSON ? COMPLIANCE_EXPLAIN_JSON : COMPLIANCE_EXPLAIN_TEXT;
		if (advise && (rc = advise_options(a, target, locks, nlocks))) {
			status = rc;
			goto out;
		}
		if (!strcmp(cmd, "sensitivity"))
			rc = compliance_assessment_sensitivity(a, idx, bound, ef, &text);
		else
			rc = (advise ? compliance_assessment_advise : compliance_assessment_explain)(
				a, idx, ef, &text);
		if (rc) {
			const char *why = compliance_assessment_errmsg(a);
			char msg[1024];
			/* the library's message names the command and the entity */
			if (why && why[0])
				snprintf(msg, sizeof msg, "%s", why);
			else
				snprintf(msg, sizeof msg, "%s: %s", cmd, compliance_strerror(rc));
			cli_error(msg);
			status = cli_exit_code(rc);
			goto out;
		}
		rc = output ? cli_write_file(output, text, format == FMT_JSON) : 0;
		if (!output) {
			cli_put(text);
			if (format == FMT_JSON)
				fputc('\n', stdout);
		}
		compliance_free(text);
		if (rc) {
			status = rc;
			goto out;
		}
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
		if (summary || units) {
			char *map = NULL;
			size_t maplen = 0;
			if (group) {
				FILE *g = fopen(group, "rb");
				if (!g) {
					char gw[1100];
					snprintf(gw, sizeof gw, "score: --group %s", group);
					status = cli_fail_errno(gw, NULL);
					goto out;
				}
				map = cli_read_stream(g, &maplen, &rc);
				fclose(g);
				if (!map) {
					char gw[1100];
					snprintf(gw, sizeof gw, "score: --group %s: %s", group,
					         rc == COMPLIANCE_E_IO ? "read error" : "out of memory");
					status = cli_fail(rc, gw);
					goto out;
				}
			}
			rc = !summary  ? compliance_assessment_write_units(a, format, &text)
			     : group_by ? compliance_assessment_write_summary_by(a, group_by, format, &text)
			                : compliance_assessment_write_summary(a, map, maplen, format, &text);
			free(map);
		} else {
			rc = compliance_assessment_write(a, format, &text);
		}
		if (rc) {
			cli_error(compliance_assessment_errmsg(a));
			status = cli_exit_code(rc);
			goto out;
		}
		rc = output ? cli_write_file(output, text, 0) : 0;
		if (!output)
			cli_put(text);
		compliance_free(text);
		if (rc) {
			status = rc;
			goto out;
		}
		if (output && report)
			fprintf(stderr, "compliance: report: wrote %s\n", output);
	}
out:
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
	return status;
}

