/*
 * compliance: the command-line program, a thin layer over the public API.
 *
 *   compliance profiles
 *   compliance profile show ID|FILE
 *   compliance profile check FILE
 *   compliance classify --profile ID|FILE SCORE...
 *   compliance score --profile ID|FILE [--rollup units|products]
 *                    [--format table|csv|json] FILE|-
 *
 * Exit status: 0 success; 2 bad input or usage (the message names the file,
 * line and field), or an input/output error: a file that cannot be read,
 * or output that cannot be written (checked at every flush and at the final
 * close of standard output); 1 an internal failure such as running out of
 * memory.
 *
 * --error-format json (anywhere before a "--", or COMPLIANCE_ERROR_FORMAT=json)
 * prints a failure as one JSON object on the last line of standard error
 * (tools/cli_util.h: cli_finish()), the exit status unchanged.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "cli_util.h"
#include "cmd_skm.h"
#include "commands.h"

#define EXIT_BAD CLI_EXIT_BAD

static const char *prog = "compliance";

static void global_usage(FILE *f)
{
	fputs("  --error-format text|json         how a failure is printed on standard error:\n"
	      "                                   text (default), or json: one object\n"
	      "                                   {\"error\": {\"code\", \"value\", \"status\", \"message\",\n"
	      "                                   \"file\", \"line\", \"field\"}} on the last line\n"
	      "                                   (also COMPLIANCE_ERROR_FORMAT=json)\n",
	      f);
}

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: %s COMMAND [OPTIONS]\n"
	        "\n"
	        "commands:\n"
	        "  profiles                         list the built-in profiles\n"
	        "  profile show ID|FILE             print a profile: bands, weights, sources\n"
	        "  profile check FILE               validate a profile file\n"
	        "  classify --profile ID SCORE...   classify scores (rounded, category, zone, label)\n"
	        "  score --profile ID [--rollup units|products] [--missing error|exclude|minimum]\n"
	        "        [--skm ENTITY,ENTITY_TYPE,UNIT,NODE=SKM_FILE]... [--skm-missing available|listwise]\n"
	        "        [--dialect auto|excel-id|rfc4180] [--encoding utf-8|cp1252|latin1]\n"
	        "        [--columns COLUMN=HEADER,...] [--names refuse|merge] [--max-errors N]\n"
	        "        [--format table|csv|json|html|xlsx] [--output-dialect rfc4180|excel-id]\n"
	        "        [-o FILE] [--sheet NAME] FILE\n"
	        "                                   score entities from CSV (entity,entity_type,unit,score\n"
	        "                                   or entity,entity_type,unit,indicator,value), XLSX\n"
	        "                                   or JSON;\n"
	        "                                   - reads standard input\n"
	        "  explain --profile ID [--missing POLICY] [--format text|json] FILE ENTITY\n"
	        "                                   every intermediate value of one entity's score\n"
	        "  advise --profile ID [--missing POLICY] [--format text|json] FILE ENTITY\n"
	        "                                   the least effort to reach the next category\n"
	        "                                   ([--target BAND|SCORE] [--lock ID,...])\n"
	        "  compare (--profile ID | --profile-a ID --profile-b ID) [--id-map FILE]\n"
	        "        [--format table|csv|json] FILE_A FILE_B\n"
	        "                                   two years compared entity by entity\n"
	        "  sensitivity --profile ID [--bound N%%|any] FILE ENTITY\n"
	        "                                   how far ENTITY's score can move when the\n"
	        "                                   weights not stated vary: exact extremes\n"
	        "  rescore --profile FROM --to TO --crosswalk CSV FILE\n"
	        "                                   re-score answers under another edition\n"
	        "  report --profile ID [-o report.html] FILE\n"
	        "                                   the rapor: one self-contained HTML page (ranks,\n"
	        "                                   counts, each entity's chart, explanation, advice)\n"
	        "  skm [--missing available|listwise] [--format table|csv|json] [--by COLUMN]\n"
	        "      [--letters] [--dialect auto|rfc4180|excel-id] FILE   (skm --help: all options)\n"
	        "                                   community satisfaction survey (Permenpan RB 14/2017)\n"
	        "  template --profile ID [--units N|--unit NAME...] -o FILE.xlsx|FILE.csv\n"
	        "                                   an answer sheet for the indicator tree\n"
	        "  version                          print the library version\n"
	        "\n"
	        "global options (before or after COMMAND):\n",
	        prog);
	global_usage(f);
	fprintf(f,
	        "\n"
	        "`%s COMMAND --help` prints a command's options; options take their value\n"
	        "as --opt VALUE or --opt=VALUE.\n",
	        prog);
}

/* Takes --error-format FORMAT (or =FORMAT) out of argv, up to a "--";
 * 0, or the exit status of a bad value. The environment's
 * COMPLIANCE_ERROR_FORMAT is the default. */
static int error_format(int *argc, char **argv)
{
	const char *env = getenv("COMPLIANCE_ERROR_FORMAT"), *v;
	int i, j, take;

	if (env && *env && strcmp(env, "json") && strcmp(env, "text"))
		return cli_bad("COMPLIANCE_ERROR_FORMAT '%s': expected text or json", env);
	for (i = 1; i < *argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--error-format")) {
			if (i + 1 >= *argc)
				return cli_bad("--error-format needs a value: %s", "text or json");
			v = argv[i + 1];
			take = 2;
		} else if (!strncmp(argv[i], "--error-format=", 15)) {
			v = argv[i] + 15;
			take = 1;
		} else {
			continue;
		}
		if (!strcmp(v, "json"))
			cli_set_error_json(1);
		else if (!strcmp(v, "text"))
			cli_set_error_json(0);
		else
			return cli_bad("--error-format '%s': expected text or json", v);
		for (j = i; j + take <= *argc; j++)
			argv[j] = argv[j + take]; /* argv[argc] is NULL: moved too */
		*argc -= take;
		i--;
	}
	return 0;
}

/* 1 when a command's arguments ask for its --help (before a "--"). */
static int asks_help(int argc, char **argv)
{
	int i;

	for (i = 2; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}


/* The commands; each answers --help itself (tools/commands.h). */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "profiles", cmd_profiles }, { "profile", cmd_profile }, { "classify", cmd_classify },
	{ "score", cmd_score },       { "explain", cmd_score },   { "advise", cmd_score },
	{ "report", cmd_score },      { "sensitivity", cmd_score }, { "rescore", cmd_score },
	{ "compare", cmd_compare },
	{ "template", cmd_template },
};

static int run(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_BAD;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("compliance %s (libcompliance %s)\n", COMPLIANCE_VERSION_STRING,
		       compliance_version_string());
		return 0;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "skm"))
		return compliance_cli_skm(argc - 2, argv + 2);
	cli_bad("unknown command '%s'", argv[1]);
	usage(stderr);
	return EXIT_BAD;
}

int main(int argc, char **argv)
{
	int status = error_format(&argc, argv);

	if (!status) {
		status = run(argc, argv);
		/* a command's --help ends with the options every command takes */
		if (!status && argc > 2 && asks_help(argc, argv)) {
			fputs("\nglobal options:\n", stdout);
			global_usage(stdout);
		}
	}
	cli_esc_release();
	return cli_finish(cli_close_stdout(status));
}
