/*
 * compliance compare: two assessments (two years, or two editions), each
 * read and computed under its own profile, compared entity by entity
 * (compliance_compare_write()).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "cli_input.h"
#include "cli_util.h"
#include "commands.h"

static void compare_usage(FILE *f)
{
	fputs("usage: compliance compare (--profile ID|FILE | --profile-a ID|FILE --profile-b ID|FILE)\n"
	      "                          [OPTIONS] FILE_A FILE_B\n"
	      "\n"
	      "Compares two assessments (e.g. two years): per entity (and unit) the change of\n"
	      "score, the category move, drops, the biggest movers, the category transition\n"
	      "matrix and the entities found in one file only. Entities join on their names\n"
	      "(trimmed, spaces collapsed, case ignored), on an id from --id-map, or on the\n"
	      "value of an id column of both files (--id-column). Each FILE is read as\n"
	      "`compliance score` reads it (CSV, .xlsx, JSON, - for standard input). Warns\n"
	      "when the two profiles' methods differ (e.g. 2024 and 2025 are not comparable).\n"
	      "\n"
	      "  --profile ID|FILE       the profile of both files\n"
	      "  --profile-a ID|FILE     the profile of FILE_A\n"
	      "  --profile-b ID|FILE     the profile of FILE_B\n"
	      "  --id-map FILE           CSV entity,id: names listed join on their id\n"
	      "  --id-column COLUMN      join on the value of the input's column COLUMN (e.g.\n"
	      "                          a region code), one per entity, in both files\n",
	      f);
	fputs(cli_input_help, f);
	fputs("  --format table|csv|json  the output (default table)\n"
	      "\n"
	      "Options take their value as --opt VALUE or --opt=VALUE. Exit status: 0 done,\n"
	      "2 bad input or usage, 1 internal.\n",
	      f);
}

/* One side: its profile opened, its file read and computed. Returns 0 or
 * the exit status, having printed why. */
static int load_side(compliance_ctx *ctx, const char *spec, const char *file,
                     const cli_input *in, compliance_assessment **out)
{
	compliance_assessment *a;
	int rc;

	if ((rc = cli_input_open(ctx, spec, in, "compare", out)))
		return rc;
	a = *out;
	rc = cli_input_read(a, in, file, "compare");
	if (rc > 0)
		return rc;
	if (!rc)
		rc = compliance_assessment_compute(a);
	if (rc) {
		cli_assessment_error(a);
		return cli_exit_code(rc);
	}
	return 0;
}

int cmd_compare(int argc, char **argv)
{
	const char *spec = NULL, *spec_a = NULL, *spec_b = NULL, *map = NULL, *files[2];
	const char *id_column = NULL;
	int format = COMPLIANCE_FORMAT_TABLE, c, i, nfiles = 0, status = 0, rc;
	cli_input in;
	compliance_ctx *ctx = NULL;
	compliance_assessment *a = NULL, *b = NULL;
	char *text = NULL, *mapdata = NULL;
	size_t maplen = 0;
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "profile-a", required_argument, NULL, 'a' },
		{ "profile-b", required_argument, NULL, 'b' },
		{ "id-map", required_argument, NULL, 'i' },
		{ "id-column", required_argument, NULL, 'I' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_OPTIONS,
		{ 0, 0, 0, 0 }
	};

	cli_input_init(&in);
	while ((c = cli_getopt(argc, argv, opts, "compare")) != -1) {
		const char *v = optarg;
		switch (c) {
		case 'h':
			compare_usage(stdout);
			return 0;
		case 'p':
			spec = v;
			break;
		case 'a':
			spec_a = v;
			break;
		case 'b':
			spec_b = v;
			break;
		case 'i':
			map = v;
			break;
		case 'I':
			id_column = v;
			break;
		case 'f':
			if (!strcmp(v, "table"))
				format = COMPLIANCE_FORMAT_TABLE;
			else if (!strcmp(v, "csv"))
				format = COMPLIANCE_FORMAT_CSV;
			else if (!strcmp(v, "json"))
				format = COMPLIANCE_FORMAT_JSON;
			else
				return cli_bad("compare: unknown format '%s': expected table, csv or json", v);
			break;
		default:
			if ((rc = cli_input_option(&in, c, v, "compare")) != 0)
				return rc < 0 ? CLI_EXIT_BAD : rc;
			break;
		}
	}
	for (i = optind; i < argc; i++) {
		if (nfiles == 2)
			return cli_bad("compare: more than two files given (%s)", argv[i]);
		files[nfiles++] = argv[i];
	}
	if (nfiles != 2)
		return cli_bad("compare: %s", "give two files, FILE_A and FILE_B");
	if (spec && (spec_a || spec_b))
		return cli_bad("compare: %s", "give --profile, or --profile-a and --profile-b, not both");
	if (!spec && (!spec_a || !spec_b))
		return cli_bad("compare: %s", "--profile ID, or --profile-a and --profile-b, is required");
	if (map && id_column)
		return cli_bad("compare: %s", "give --id-map FILE or --id-column COLUMN, not both");
	if (!strcmp(files[0], "-") && !strcmp(files[1], "-"))
		return cli_bad("compare: %s", "only one FILE can be standard input (-)");
	if (in.sheet && !cli_ends_with(files[0], ".xlsx") && !cli_ends_with(files[1], ".xlsx"))
		return cli_bad("compare: %s", "--sheet applies to an .xlsx FILE");
	if (id_column)
		in.keep[in.nkeep++] = id_column;
	if (map) {
		FILE *f = fopen(map, "rb");
		if (!f) {
			char what[1100];
			snprintf(what, sizeof what, "compare: --id-map %s", map);
			return cli_fail_errno(what, NULL);
		}
		mapdata = cli_read_stream(f, &maplen, &rc);
		fclose(f);
		if (!mapdata) {
			char what[1100];
			snprintf(what, sizeof what, "compare: --id-map %s: %s", map,
			         rc == COMPLIANCE_E_IO ? "read error" : "out of memory");
			return cli_fail(rc, what);
		}
	}
	if (compliance_ctx_new(&ctx)) {
		free(mapdata);
		return CLI_EXIT_INTERNAL;
	}
	if ((status = load_side(ctx, spec ? spec : spec_a, files[0], &in, &a)) ||
	    (status = load_side(ctx, spec ? spec : spec_b, files[1], &in, &b)))
		goto out;
	rc = id_column ? compliance_compare_write_by(a, b, id_column, format, &text)
	               : compliance_compare_write(a, b, mapdata, maplen, format, &text);
	if (rc) {
		cli_error(compliance_assessment_errmsg(b));
		status = cli_exit_code(rc);
		goto out;
	}
	cli_put(text);
	compliance_free(text);
out:
	free(mapdata);
	compliance_assessment_free(a);
	compliance_assessment_free(b);
	compliance_ctx_free(ctx);
	return status;
}
