/*
 * Reading assessments in the commands that score them (score, explain,
 * advise, sensitivity, rescore, report) and in compare: the input options
 * they share, the profile opened into a new assessment with those options,
 * and one FILE read by its kind (CSV, XLSX, JSON, standard input).
 */
#ifndef COMPLIANCE_CLI_INPUT_H
#define COMPLIANCE_CLI_INPUT_H

#include <getopt.h>

#include "compliance.h"

typedef struct cli_input {
	int missing;    /* a COMPLIANCE_MISSING_*, or -1 for the default */
	int rollup;     /* COMPLIANCE_ROLLUP_* */
	int dialect;    /* COMPLIANCE_DIALECT_* */
	int encoding;   /* COMPLIANCE_ENCODING_* */
	int names;      /* COMPLIANCE_NAMES_*, or -1 for the default */
	int max_errors; /* 0 for the default */
	const char *sheet;       /* --sheet NAME: of an .xlsx FILE */
	const char *columns[16]; /* --columns COLUMN=HEADER[,...] */
	int ncolumns;
	const char *keep[8];     /* columns kept per entity (--group-by, --id-column) */
	int nkeep;
} cli_input;

/* The long options cli_input_option() parses, for a command's table. */
#define CLI_INPUT_OPTIONS                                                \
	{ "missing", required_argument, NULL, 'm' },                     \
	{ "rollup", required_argument, NULL, 'r' },                      \
	{ "dialect", required_argument, NULL, 'D' },                     \
	{ "encoding", required_argument, NULL, 'E' },                    \
	{ "columns", required_argument, NULL, 'C' },                     \
	{ "names", required_argument, NULL, 'N' },                       \
	{ "max-errors", required_argument, NULL, 'M' },                  \
	{ "sheet", required_argument, NULL, 'W' }

/* Their lines of a command's --help. */
extern const char cli_input_help[];

void cli_input_init(cli_input *in);

/* Parses the option `c` (its value v) when it is one of
 * CLI_INPUT_OPTIONS: returns 0, or the exit status with the message
 * printed (cmd names the command); -1 when c is another option. */
int cli_input_option(cli_input *in, int c, const char *v, const char *cmd);

/* Opens the profile spec (an id or a file; an SKM profile is refused) into
 * a new assessment with the options of `in` set (and its columns kept).
 * Returns 0 with *out set, or the exit status with the message printed. */
int cli_input_open(compliance_ctx *ctx, const char *spec, const cli_input *in, const char *cmd,
                   compliance_assessment **out);

/* Reads FILE into a by its kind: "-" standard input (JSON when it starts
 * with '{', else CSV), a .json FILE, an .xlsx FILE or a zip archive (the
 * sheet in->sheet), else CSV; an .xls or .ods workbook is refused. Returns
 * 0; the reader's COMPLIANCE_E_* code (negative: its message left on a, for
 * cli_assessment_error()); or an exit status (positive: the message
 * printed). */
int cli_input_read(compliance_assessment *a, const cli_input *in, const char *file,
                   const char *cmd);

/* Prints the failure of a read or compute: every error of a CSV read
 * (compliance_assessment_diag) when there are several, else the message. */
void cli_assessment_error(compliance_assessment *a);

/* 1 when path ends in suffix (lower case), ignoring case. */
int cli_ends_with(const char *path, const char *suffix);

#endif
