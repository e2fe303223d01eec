/*
 * compliance score | explain | advise: an assessment read from CSV or JSON,
 * computed, and written as a table, CSV or JSON, or one entity explained or
 * advised; a thin layer over compliance/assessment.h and report.h.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
       FMT_JSON = COMPLIANCE_FORMAT_JSON };

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
	if (!strcmp(cmd, "score"))
		fputs("usage: compliance score --profile ID|FILE [OPTIONS] FILE|-...\n"
		      "\n"
		      "Scores the entities of FILE: CSV with the header entity,entity_type,unit,score\n"
		      "(unit scores) or entity,entity_type,unit,indicator,value (indicator answers),\n"
		      "or JSON (docs/input-format.md); - reads standard input. Prints the entities\n"
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
	if (!strcmp(cmd, "advise"))
		fputs("  --target BAND|SCORE     the category (A..E), zone or score to reach\n"
		      "                          (default: the next band up)\n"
		      "  --lock ID[,ID...]       indicators (or nodes) the team cannot change\n"
		      "                          (repeatable)\n",
		      f);
	if (!strcmp(cmd, "score"))
		fputs("  --summary               counts per category and zone, overall and by\n"
		      "                          entity type (and by group with --group)\n"
		      "  --group FILE            CSV entity,group (e.g. the province) for --summary\n"
		      "  --units                 every unit's score instead of the entities\n"
		      "  --format table|csv|json  the output (default table)\n",
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
	const char *spec = NULL, *file = NULL, *entity = NULL;
	int format = FMT_TABLE, rollup = COMPLIANCE_ROLLUP_DEFAULT, i, rc, c,
	    status = 0, missing = -1;
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	const char *skm[64];
	int nskm = 0, skm_missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
	const char *target = NULL, *locks[64];
	int nlocks = 0;
	const char *files[64], *group = NULL; /* score: several FILEs; --group FILE */
	int nfiles = 0, fi, summary = 0, units = 0;
	char what[64];
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "skm", required_argument, NULL, 's' },
		{ "skm-missing", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "rollup", required_argument, NULL, 'r' },
		{ "missing", required_argument, NULL, 'm' },
		{ "target", required_argument, NULL, 'T' },
		{ "summary", no_argument, NULL, 'U' },
		{ "units", no_argument, NULL, 'u' },
		{ "group", required_argument, NULL, 'g' },
		{ "lock", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 }
	};

	snprintf(what, sizeof what, "%s: %%s", cmd);
	while ((c = cli_getopt(argc, argv, opts, cmd)) != -1) {
		const char *v = optarg;
		switch (c) {
		case 'h':
			score_usage(stdout, cmd);
			return 0;
		case 'p':
			spec = v;
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
			else if (explain)
				return bad(advise ? "advise: unknown format '%s': expected text or json"
				                  : "explain: unknown format '%s': expected text or json",
				           v);
			else
				return bad("score: unknown format '%s': expected table, csv or json", v);
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
		case 'U': /* score: --summary, --units, --group FILE */
		case 'u':
		case 'g':
			if (explain)
				return bad("%s: --summary, --units and --group are options of score", cmd);
			if (c == 'U')
				summary = 1;
			else if (c == 'u')
				units = 1;
			else
				group = v;
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
			return EXIT_BAD;
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
	if (!file)
		return bad(what, "give a CSV FILE, or - for standard input");
	if (explain && !entity)
		return bad(advise ? "advise: %s" : "explain: %s",
		           "give the ENTITY after the FILE");
	if (summary && units)
		return bad("score: %s", "give --summary or --units, not both");
	if (group && !summary)
		return bad("score: %s", "--group FILE goes with --summary");
	if (!nfiles)
		files[nfiles++] = file;
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
	/* every FILE in turn, into the one assessment (the loop's body is the
	 * single-file reader, left at its indentation) */
	for (fi = 0, rc = COMPLIANCE_OK; rc == COMPLIANCE_OK && fi < nfiles; fi++) {
	file = files[fi];
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
			if (k < len && data[k] == '{')
				rc = compliance_assessment_read_json_buffer(a, data, len, "<stdin>");
			else
				rc = compliance_assessment_read_csv_buffer(a, data, len, "<stdin>");
		}
		free(data);
	} else if (strlen(file) > 5 && !strcmp(file + strlen(file) - 5, ".json")) {
		rc = compliance_assessment_read_json_file(a, file);
	} else {
		rc = compliance_assessment_read_csv_file(a, file);
	}
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
		if (advise && (rc = advise_options(a, target, locks, nlocks))) {
			status = rc;
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
		if (summary || units) {
			char *map = NULL;
			size_t maplen = 0;
			if (group) {
				FILE *g = fopen(group, "rb");
				if (!g) {
					fprintf(stderr, "%s: score: --group %s: %s\n", prog, esc(group),
					        strerror(errno));
					status = EXIT_BAD;
					goto out;
				}
				map = cli_read_stream(g, &maplen, &rc);
				fclose(g);
				if (!map) {
					fprintf(stderr, "%s: score: --group %s: read error\n", prog, esc(group));
					status = cli_exit_code(rc);
					goto out;
				}
			}
			rc = summary ? compliance_assessment_write_summary(a, map, maplen, format, &text)
			             : compliance_assessment_write_units(a, format, &text);
			free(map);
		} else {
			rc = compliance_assessment_write(a, format, &text);
		}
		if (rc) {
			cli_error(compliance_assessment_errmsg(a));
			status = cli_exit_code(rc);
			goto out;
		}
		cli_put(text);
		compliance_free(text);
	}
out:
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
	return status;
}

