/*
 * compliance template: an answer sheet for a profile's indicator tree, in
 * the CSV input form entity,entity_type,unit,indicator,value (CSV or XLSX
 * with drop-downs), which `compliance score` reads back once filled; a thin
 * layer over compliance_profile_write_template().
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "cli_input.h"
#include "cli_util.h"
#include "commands.h"

#define MAX_UNITS 64

static void template_usage(FILE *f)
{
	fputs("usage: compliance template --profile ID|FILE [--units N | --unit NAME...]\n"
	      "                           [--entity NAME] [--entity-type TYPE] -o FILE.xlsx|FILE.csv\n"
	      "\n"
	      "Writes an answer sheet for the profile's indicator tree: one row for each unit\n"
	      "and each indicator, in the form entity,entity_type,unit,indicator,value, with the\n"
	      "values to fill in. An .xlsx sheet offers each indicator's allowed answers in a\n"
	      "drop-down and lists every indicator's name and scale on a sheet \"petunjuk\".\n"
	      "Once filled, `compliance score --profile ID FILE` reads it unchanged.\n"
	      "\n"
	      "  --profile ID|FILE       a profile with an indicator tree (e.g.\n"
	      "                          ombudsman-2023-instrument)\n"
	      "  --units N               units named \"Unit 1\" ... \"Unit N\" (default: the\n"
	      "                          profile's usual unit count, or 1)\n"
	      "  --unit NAME             a unit by name (repeatable; instead of --units)\n"
	      "  --entity NAME           the entity written on every row (default empty)\n"
	      "  --entity-type TYPE      its type (default empty)\n"
	      "  -o, --output FILE       the file to write: .xlsx or .csv\n"
	      "\n"
	      "Options take their value as --opt VALUE or --opt=VALUE. Exit status: 0 done,\n"
	      "2 bad usage or a file that cannot be written, 1 internal.\n",
	      f);
}

int cmd_template(int argc, char **argv)
{
	const char *spec = NULL, *output = NULL, *entity = NULL, *type = NULL;
	const char *units[MAX_UNITS];
	char names[MAX_UNITS][32];
	size_t nunits = 0, count = 0, i;
	int c, rc, format;
	compliance_ctx *ctx;
	compliance_profile *p;
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "units", required_argument, NULL, 'n' },
		{ "unit", required_argument, NULL, 'u' },
		{ "entity", required_argument, NULL, 'e' },
		{ "entity-type", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 }
	};

	while ((c = cli_getopt_short(argc, argv, opts, "template", "o:")) != -1) {
		const char *v = optarg;
		switch (c) {
		case 'h':
			template_usage(stdout);
			return 0;
		case 'p':
			spec = v;
			break;
		case 'n': {
			char *end;
			unsigned long n = strtoul(v, &end, 10);
			if (!*v || *end || n < 1 || n > MAX_UNITS)
				return cli_bad("template: --units '%s': expected a number from 1 to 64", v);
			count = n;
			break;
		}
		case 'u':
			if (nunits == MAX_UNITS)
				return cli_bad("template: %s", "more than 64 --unit options");
			if (!v[0] || v[0] == '@')
				return cli_bad("template: --unit '%s': a unit name is not empty and does "
				               "not start with '@'", v);
			units[nunits++] = v;
			break;
		case 'e':
			entity = v;
			break;
		case 't':
			type = v;
			break;
		case 'o':
			output = v;
			break;
		default:
			return CLI_EXIT_BAD;
		}
	}
	if (optind < argc)
		return cli_bad("template: unexpected argument '%s'", argv[optind]);
	if (!spec)
		return cli_bad("template: %s", "--profile ID is required");
	if (!output)
		return cli_bad("template: %s", "give -o FILE.xlsx or -o FILE.csv");
	if (cli_ends_with(output, ".xlsx"))
		format = COMPLIANCE_FORMAT_XLSX;
	else if (cli_ends_with(output, ".csv"))
		format = COMPLIANCE_FORMAT_CSV;
	else
		return cli_bad("template: -o '%s': expected a name ending in .xlsx or .csv", output);
	if (count && nunits)
		return cli_bad("template: %s", "give --units N or --unit NAME, not both");
	if (compliance_ctx_new(&ctx))
		return CLI_EXIT_INTERNAL;
	rc = cli_open_profile(ctx, spec, &p);
	if (rc) {
		compliance_ctx_free(ctx);
		return rc;
	}
	if (!nunits) {
		size_t lo = 0, hi = 0;
		if (!count) {
			compliance_profile_unit_count_range(p, COMPLIANCE_ENTITY_KABUPATEN, &lo, &hi);
			count = lo >= 1 && lo <= MAX_UNITS ? lo : 1;
		}
		for (i = 0; i < count; i++) {
			snprintf(names[i], sizeof names[i], "Unit %zu", i + 1);
			units[i] = names[i];
		}
		nunits = count;
	}
	rc = compliance_profile_write_template(p, format, entity, type, units, nunits, output);
	if (rc == COMPLIANCE_E_NOTFOUND) {
		char msg[512];
		snprintf(msg, sizeof msg, "template: profile '%s' has no indicator tree: its input is "
		         "unit scores (entity,entity_type,unit,score); try ombudsman-2023-instrument",
		         compliance_profile_id(p));
		cli_error(msg);
	} else if (rc) {
		char msg[1024];
		snprintf(msg, sizeof msg, "template: %s: %s", output, compliance_strerror(rc));
		cli_error(msg);
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	return cli_exit_code(rc);
}
