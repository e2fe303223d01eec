/*
 * compliance skm: the community satisfaction index (IKM) of an SKM survey
 * under Permenpan RB 14/2017, a thin layer over compliance/skm.h.
 *
 *   compliance skm [--missing available|listwise] [--format table|csv|json]
 *                  [--no-duplicate-check] [--by COLUMN] [--letters]
 *                  [--dialect auto|rfc4180|excel-id] [--age-bands N,N,...]
 *                  [--column ROLE=HEADER]... [--answer CODE=HEADER]... FILE|-
 *
 * The input is an SKM export (compliance_skm_read_export_file()): a CSV
 * with a header row; the nine answer columns found by code (U1) or name
 * (Persyaratan, ...), answers 1 to 4 (a to d with --letters), empty for
 * no answer; other columns kept for the profile and --by, or ignored.
 * Every option also takes the form --opt=value. A FILE is streamed; "-"
 * reads standard input into memory first.
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
	        "              [--format table|csv|json] [--no-duplicate-check] [--by COLUMN]\n"
	        "              [--letters] [--dialect auto|rfc4180|excel-id]\n"
	        "              [--age-bands N,N,...] [--column ROLE=HEADER]...\n"
	        "              [--answer CODE=HEADER]... FILE|-\n"
	        "\n"
	        "The community satisfaction index (IKM) of an SKM survey, Permenpan RB 14/2017.\n"
	        "FILE is a CSV export with a header row: the answer columns are found by code\n"
	        "(U1 ... U9) or name (Persyaratan, ...; case and spacing do not matter), answers\n"
	        "1 to 4 (an empty field is no answer); other columns (respondent number, date,\n"
	        "sex, education, occupation, service, suggestions, ...) are kept for the\n"
	        "respondent profile and --by, or ignored. Rows without an id are anonymous;\n"
	        "empty rows (;;;; or ,,,,) are skipped. - reads standard input. Every option\n"
	        "also takes the form --opt=value.\n"
	        "\n"
	        "  --profile ID|FILE     the survey method: a built-in SKM profile or a profile\n"
	        "                        file of kind \"skm\" (default skm-2017)\n"
	        "  --missing available   each element's NRR over those who answered it (default)\n"
	        "  --missing listwise    drop respondents with any blank answer\n"
	        "  --format FORMAT       table (default), csv, json or html; csv and table show\n"
	        "                        each NRR rounded to 3 decimals, json also the exact\n"
	        "                        value; html is the rapor (one self-contained page:\n"
	        "                        NRRs and their quality, groups, respondent profile)\n"
	        "  --no-duplicate-check  do not keep respondent ids (constant memory)\n"
	        "  --by COLUMN           one IKM per value of COLUMN (e.g. \"Jenis Layanan\")\n"
	        "                        after the total\n"
	        "  --letters             read answers a, b, c, d as 1, 2, 3, 4 (no source fixes\n"
	        "                        that mapping, so it is never assumed)\n"
	        "  --dialect D           auto (default: from the header row), rfc4180 (',') or\n"
	        "                        excel-id (';', as Excel writes in the Indonesian locale)\n"
	        "  --age-bands N,N,...   count ages in bands from these lower bounds (default:\n"
	        "                        by raw value; no source gives the report's bands)\n"
	        "  --column ROLE=HEADER  the header of the id, sex, education, occupation or age\n"
	        "                        column (ROLE=, empty, for none)\n"
	        "  --answer CODE=HEADER  the header of an element's answer column, when it is\n"
	        "                        neither the code nor the name (e.g. U1=\"P1\")\n"
	        "\n"
	        "The output says the input dialect, each element's NRR band, and the IKM under\n"
	        "the 0.111 and 0.11 weights that templates use when it lands in another band.\n",
	        prog);
}

static int skm_bad(const char *fmt, const char *arg)
{
	char msg[1024], full[1100];

	snprintf(msg, sizeof msg, fmt, arg);
	snprintf(full, sizeof full, "skm: %s", msg);
	cli_note_code(COMPLIANCE_E_INVALID);
	cli_error(full);
	return EXIT_BAD;
}

/* The value of option `name` in arg: "--name=VALUE", or "--name" followed
 * by VALUE (consumed); NULL when arg is not that option or lacks its value. */
static const char *opt_value(const char *arg, const char *name, int argc, char **argv, int *i)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	if (arg[n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

/* --column ROLE=HEADER: the role's number, or -1. */
static int column_role(const char *spec, const char **header)
{
	static const char *const roles[] = { "id", "group", "sex", "education", "occupation", "age" };
	const char *eq = strchr(spec, '=');
	int r;

	if (!eq)
		return -1;
	for (r = 0; r < 6; r++)
		if (r != COMPLIANCE_SKM_COLUMN_GROUP && strlen(roles[r]) == (size_t)(eq - spec) &&
		    !strncmp(spec, roles[r], (size_t)(eq - spec))) {
			*header = eq + 1;
			return r;
		}
	return -1;
}

int compliance_cli_skm(int argc, char **argv)
{
	const char *file = NULL, *method_spec = "skm-2017", *by = NULL;
	const char *colspec[16], *ansspec[64];
	int ncolspec = 0, nansspec = 0, letters = 0, sep = 0;
	unsigned bands[32];
	size_t nbands = 0;
	int format = SKM_TABLE, missing = COMPLIANCE_SKM_MISSING_AVAILABLE, dupcheck = 1;
	int i, rc, status = 0, options_done = 0;
	compliance_ctx *ctx;
	compliance_skm *s;
	compliance_profile *method = NULL;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *v;
		if (options_done || !strcmp(arg, "-") || arg[0] != '-') {
			if (file)
				return skm_bad("more than one FILE given (%s)", arg);
			file = arg;
		} else if (!strcmp(arg, "--")) {
			options_done = 1;
		} else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			skm_usage(stdout);
			return 0;
		} else if ((v = opt_value(arg, "--profile", argc, argv, &i)) != NULL) {
			method_spec = v;
		} else if ((v = opt_value(arg, "--by", argc, argv, &i)) != NULL) {
			if (!*v)
				return skm_bad("--by needs a column name%s", "");
			by = v;
		} else if ((v = opt_value(arg, "--dialect", argc, argv, &i)) != NULL) {
			if (!strcmp(v, "auto"))
				sep = 0;
			else if (!strcmp(v, "rfc4180"))
				sep = ',';
			else if (!strcmp(v, "excel-id"))
				sep = ';';
			else
				return skm_bad("unknown dialect '%s': expected auto, rfc4180 or excel-id", v);
		} else if ((v = opt_value(arg, "--age-bands", argc, argv, &i)) != NULL) {
			const char *p = v;
			nbands = 0;
			while (*p) {
				unsigned long n = 0;
				int digits = 0;
				while (*p >= '0' && *p <= '9' && digits < 4) {
					n = n * 10 + (unsigned long)(*p++ - '0');
					digits++;
				}
				if (!digits || (*p && *p != ',') || nbands == 32 || n > 200 ||
				    (nbands && n <= bands[nbands - 1]))
					return skm_bad("--age-bands '%s': expected increasing whole lower "
					               "bounds up to 200, e.g. 20,30,40,50 (at most 32)", v);
				bands[nbands++] = (unsigned)n;
				if (*p == ',' && !*++p)
					return skm_bad("--age-bands '%s': a trailing comma", v);
			}
			if (!nbands)
				return skm_bad("--age-bands needs lower bounds, e.g. 20,30,40,50%s", "");
		} else if ((v = opt_value(arg, "--column", argc, argv, &i)) != NULL) {
			if (ncolspec == 16)
				return skm_bad("more than 16 --column options%s", "");
			colspec[ncolspec++] = v;
		} else if ((v = opt_value(arg, "--answer", argc, argv, &i)) != NULL) {
			if (nansspec == 64)
				return skm_bad("more than 64 --answer options%s", "");
			ansspec[nansspec++] = v;
		} else if (!strcmp(arg, "--letters")) {
			letters = 1;
		} else if ((v = opt_value(arg, "--missing", argc, argv, &i)) != NULL) {
			const char *m = v;
			if (!strcmp(m, "available"))
				missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
			else if (!strcmp(m, "listwise"))
				missing = COMPLIANCE_SKM_MISSING_LISTWISE;
			else
				return skm_bad("unknown missing-answer policy '%s': expected available or "
				               "listwise", m);
		} else if ((v = opt_value(arg, "--format", argc, argv, &i)) != NULL) {
			const char *f = v;
			if (!strcmp(f, "table"))
				format = SKM_TABLE;
			else if (!strcmp(f, "csv"))
				format = SKM_CSV;
			else if (!strcmp(f, "json"))
				format = SKM_JSON;
			else if (!strcmp(f, "html"))
				format = COMPLIANCE_FORMAT_HTML;
			else
				return skm_bad("unknown format '%s': expected table, csv, json or html", f);
		} else if (!strcmp(arg, "--no-duplicate-check")) {
			dupcheck = 0;
		} else {
			skm_bad("unknown or incomplete option %s", arg);
			skm_usage(stderr);
			return EXIT_BAD;
		}
	}
	if (!file) {
		skm_bad("%s", "give a CSV FILE, or - for standard input");
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
	    compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, dupcheck) ||
	    compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_LETTERS, letters) ||
	    compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_SEPARATOR, sep) ||
	    (nbands && compliance_skm_set_age_bands(s, bands, nbands)) ||
	    (by && compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_GROUP, by))) {
		cli_error(compliance_skm_errmsg(s));
		status = 1;
		goto out;
	}
	for (i = 0; i < nansspec; i++) {
		const char *eq = strchr(ansspec[i], '=');
		size_t e, n = compliance_skm_element_count(s);
		for (e = 0; eq && e < n; e++) {
			const char *code = compliance_skm_element(s, e, COMPLIANCE_SKM_ELEMENT_CODE);
			if (strlen(code) == (size_t)(eq - ansspec[i]) &&
			    !strncmp(code, ansspec[i], (size_t)(eq - ansspec[i])))
				break;
		}
		if (!eq || e == n || !eq[1]) {
			status = skm_bad("--answer '%s': expected CODE=HEADER, CODE an element of the "
			                 "method (U1 ... U9 under skm-2017), HEADER not empty",
			                 ansspec[i]);
			goto out;
		}
		if (compliance_skm_set_element_column(s, e, eq + 1)) {
			cli_error(compliance_skm_errmsg(s));
			status = 1;
			goto out;
		}
	}
	for (i = 0; i < ncolspec; i++) {
		const char *header = NULL;
		int role = column_role(colspec[i], &header);
		if (role < 0) {
			status = skm_bad("--column '%s': expected ROLE=HEADER with ROLE id, sex, "
			                 "education, occupation or age (the group column is --by)",
			                 colspec[i]);
			goto out;
		}
		if (compliance_skm_set_column(s, role, header)) {
			cli_error(compliance_skm_errmsg(s));
			status = 1;
			goto out;
		}
	}
	if (!strcmp(file, "-")) {
		size_t len;
		char *data = cli_read_stream(stdin, &len, &rc);
		if (!data) {
			if (rc == COMPLIANCE_E_IO)
				status = cli_fail_errno("<stdin>", "read error");
			else
				status = cli_fail(rc, "out of memory reading standard input");
			goto out;
		}
		rc = compliance_skm_read_export_buffer(s, data, len, "<stdin>");
		free(data);
	} else {
		rc = compliance_skm_read_export_file(s, file);
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
			char msg[256];
			snprintf(msg, sizeof msg, "skm: %s", compliance_strerror(rc));
			status = cli_fail(rc, msg);
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
