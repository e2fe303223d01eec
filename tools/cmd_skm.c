/*
 * compliance skm: the community satisfaction index (IKM) of an SKM survey
 * under Permenpan RB 14/2017, a thin layer over compliance/skm.h.
 *
 *   compliance skm [--missing available|listwise] [--format table|csv|json]
 *                  [--no-duplicate-check] FILE|-
 *
 * The input is a CSV file with the header respondent,U1,...,U9 and answers
 * 1 to 4 (empty for no answer). A FILE is streamed; "-" reads standard
 * input into memory first.
 *
 * Output: the respondents counted, each element's NRR, the IKM rounded
 * half-up to 2 decimals, its category and label. In table and csv form an
 * NRR is rounded half-up to 3 decimals (COMPLIANCE_SKM_NRR_DECIMALS) for
 * display; the IKM is always computed from the exact NRRs, which json
 * gives as "nrr_exact" next to the exact IKM.
 *
 * Exit status: 0 success; 2 bad input or usage (the message, on stderr,
 * names the file, line and field; nothing is written to stdout), a read
 * error (file:line reached) or output that cannot be written; 1 an
 * internal failure such as running out of memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "cmd_skm.h"
#include "compliance.h"

#define EXIT_BAD CLI_EXIT_BAD

enum { SKM_TABLE = COMPLIANCE_FORMAT_TABLE, SKM_CSV = COMPLIANCE_FORMAT_CSV,
       SKM_JSON = COMPLIANCE_FORMAT_JSON };

static const char *const prog = "compliance";

static void skm_usage(FILE *f)
{
	fprintf(f,
	        "usage: %s skm [--profile ID|FILE] [--missing available|listwise]\n"
	        "              [--format table|csv|json] [--no-duplicate-check] FILE|-\n"
	        "\n"
	        "The community satisfaction index (IKM) of an SKM survey, Permenpan RB 14/2017.\n"
	        "FILE is a CSV with the header respondent,U1,U2,...,U9 and answers 1 to 4\n"
	        "(an empty field is no answer); - reads standard input.\n"
	        "\n"
	        "  --profile ID|FILE     the survey method: a built-in SKM profile or a profile\n"
	        "                        file of kind \"skm\" (default skm-2017)\n"
	        "  --missing available   each element's NRR over those who answered it (default)\n"
	        "  --missing listwise    drop respondents with any blank answer\n"
	        "  --format FORMAT       table (default), csv or json; csv and table show each\n"
	        "                        NRR rounded to 3 decimals, json also the exact value\n"
	        "  --no-duplicate-check  do not keep respondent ids (constant memory)\n",
	        prog);
}

static int skm_bad(const char *fmt, const char *arg)
{
	char msg[1024], full[1100];

	snprintf(msg, sizeof msg, fmt, arg);
	snprintf(full, sizeof full, "skm: %s", msg);
	cli_error(full);
	return EXIT_BAD;
}

int compliance_cli_skm(int argc, char **argv)
{
	const char *file = NULL, *method_spec = "skm-2017";
	int format = SKM_TABLE, missing = COMPLIANCE_SKM_MISSING_AVAILABLE, dupcheck = 1;
	int i, rc, status = 0, options_done = 0;
	compliance_ctx *ctx;
	compliance_skm *s;
	compliance_profile *method = NULL;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (options_done || !strcmp(arg, "-") || arg[0] != '-') {
			if (file)
				return skm_bad("more than one FILE given (%s)", arg);
			file = arg;
		} else if (!strcmp(arg, "--")) {
			options_done = 1;
		} else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			skm_usage(stdout);
			return 0;
		} else if (!strcmp(arg, "--profile") && i + 1 < argc) {
			method_spec = argv[++i];
		} else if (!strcmp(arg, "--missing") && i + 1 < argc) {
			const char *m = argv[++i];
			if (!strcmp(m, "available"))
				missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
			else if (!strcmp(m, "listwise"))
				missing = COMPLIANCE_SKM_MISSING_LISTWISE;
			else
				return skm_bad("unknown missing-answer policy '%s': expected available or "
				               "listwise", m);
		} else if (!strcmp(arg, "--format") && i + 1 < argc) {
			const char *f = argv[++i];
			if (!strcmp(f, "table"))
				format = SKM_TABLE;
			else if (!strcmp(f, "csv"))
				format = SKM_CSV;
			else if (!strcmp(f, "json"))
				format = SKM_JSON;
			else
				return skm_bad("unknown format '%s': expected table, csv or json", f);
		} else if (!strcmp(arg, "--no-duplicate-check")) {
			dupcheck = 0;
		} else {
			skm_bad("unknown or incomplete option %s", arg);
			skm_usage(stderr);
			return EXIT_BAD;
		}
	}
	if (!file) {
		fprintf(stderr, "%s: skm: give a CSV FILE, or - for standard input\n", prog);
		skm_usage(stderr);
		return EXIT_BAD;
	}

	if (compliance_ctx_new(&ctx))
		return 1;
	{
		size_t n = strlen(method_spec);
		if (strchr(method_spec, '/') || (n > 5 && !strcmp(method_spec + n - 5, ".json")))
			rc = compliance_profile_load_file(ctx, &method, method_spec);
		else
			rc = compliance_profile_open(ctx, &method, method_spec);
	}
	if (rc == COMPLIANCE_OK) {
		rc = compliance_skm_new(ctx, &s, method);
		compliance_profile_free(method); /* the survey keeps its own reference */
	}
	if (rc) {
		char msg[1200];
		snprintf(msg, sizeof msg, "skm: %s", compliance_ctx_errmsg(ctx));
		cli_error(msg);
		compliance_ctx_free(ctx);
		return cli_exit_code(rc);
	}
	if (compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, missing) ||
	    compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, dupcheck)) {
		cli_error(compliance_skm_errmsg(s));
		status = 1;
		goto out;
	}
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
		rc = compliance_skm_read_csv_buffer(s, data, len, "<stdin>");
		free(data);
	} else {
		rc = compliance_skm_read_csv_file(s, file);
	}
	if (rc == COMPLIANCE_OK)
		rc = compliance_skm_compute(s);
	if (rc) {
		cli_error(compliance_skm_errmsg(s));
		status = cli_exit_code(rc);
		goto out;
	}
	{
		char *text;
		rc = compliance_skm_write(s, format, &text);
		if (rc) {
			fprintf(stderr, "%s: skm: %s\n", prog, compliance_strerror(rc));
			status = cli_exit_code(rc);
			goto out;
		}
		cli_put(text); /* a failed write is reported at the final close */
		compliance_free(text);
	}
out:
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
	return status;
}
