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
 * names the file, line and field; nothing is written to stdout); 1 an
 * internal failure such as running out of memory.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "cmd_skm.h"
#include "compliance.h"

#define EXIT_BAD 2

enum { SKM_TABLE, SKM_CSV, SKM_JSON };

static const char *const prog = "compliance";

static void skm_usage(FILE *f)
{
	fprintf(f,
	        "usage: %s skm [--missing available|listwise] [--format table|csv|json]\n"
	        "              [--no-duplicate-check] FILE|-\n"
	        "\n"
	        "The community satisfaction index (IKM) of an SKM survey, Permenpan RB 14/2017.\n"
	        "FILE is a CSV with the header respondent,U1,U2,...,U9 and answers 1 to 4\n"
	        "(an empty field is no answer); - reads standard input.\n"
	        "\n"
	        "  --missing available   each element's NRR over those who answered it (default)\n"
	        "  --missing listwise    drop respondents with any blank answer\n"
	        "  --format FORMAT       table (default), csv or json; csv and table show each\n"
	        "                        NRR rounded to 3 decimals, json also the exact value\n"
	        "  --no-duplicate-check  do not keep respondent ids (constant memory)\n",
	        prog);
}

static int skm_bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: skm: ", prog);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return EXIT_BAD;
}

static void print_table(const compliance_skm *s)
{
	size_t i, wexact = strlen("nrr_exact"), wans = strlen("answers");
	char num[32];

	for (i = 0; i < compliance_skm_element_count(s); i++) {
		size_t n = strlen(compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT));
		if (n > wexact)
			wexact = n;
		n = (size_t)snprintf(num, sizeof num, "%llu",
		                     (unsigned long long)compliance_skm_element_answers(s, i));
		if (n > wans)
			wans = n;
	}
	printf("method       %s (%s)\n", compliance_profile_id(compliance_skm_profile(s)),
	       compliance_profile_fact_source(compliance_skm_profile(s), COMPLIANCE_FACT_BANDS));
	printf("missing      %s\n",
	       compliance_skm_missing_used(s) == COMPLIANCE_SKM_MISSING_LISTWISE
	               ? "listwise (respondents with any blank answer dropped)"
	               : "available (each element's NRR over those who answered it)");
	printf("respondents  %llu (read %llu, complete %llu, blank %llu, dropped %llu)\n",
	       (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS),
	       (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ),
	       (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE),
	       (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_BLANK),
	       (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED));
	printf("\nelement  %*s  %5s  %-*s  name\n", (int)wans, "answers", "nrr", (int)wexact,
	       "nrr_exact");
	for (i = 0; i < compliance_skm_element_count(s); i++)
		printf("%-7s  %*llu  %5s  %-*s  %s\n",
		       compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE), (int)wans,
		       (unsigned long long)compliance_skm_element_answers(s, i),
		       compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED), (int)wexact,
		       compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT),
		       compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_NAME));
	printf("\nIKM          %s (exact %s)\n", compliance_skm_result(s, COMPLIANCE_SKM_IKM),
	       compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT));
	printf("category     %s\n", compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY));
	printf("label        %s\n", compliance_skm_result(s, COMPLIANCE_SKM_LABEL));
}

static void print_csv(const compliance_skm *s)
{
	size_t i;

	fputs("respondents,ikm,category,label", stdout);
	for (i = 0; i < compliance_skm_element_count(s); i++)
		printf(",nrr_%s", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE));
	printf("\n%llu,%s,%s,",
	       (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS),
	       compliance_skm_result(s, COMPLIANCE_SKM_IKM),
	       compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY));
	cli_csv_field(stdout, compliance_skm_result(s, COMPLIANCE_SKM_LABEL));
	for (i = 0; i < compliance_skm_element_count(s); i++)
		printf(",%s", compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED));
	fputc('\n', stdout);
}

/* 0, or 1 when out of memory (nothing printed then). */
static int print_json(const compliance_skm *s)
{
	json_t *root, *elements;
	char *text;
	size_t i;

	elements = json_array();
	if (!elements)
		return 1;
	for (i = 0; i < compliance_skm_element_count(s); i++) {
		if (json_array_append_new(elements, json_pack(
			    "{s:s, s:s, s:I, s:s, s:s}",
			    "element", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_CODE),
			    "name", compliance_skm_element(s, i, COMPLIANCE_SKM_ELEMENT_NAME),
			    "answers", (json_int_t)compliance_skm_element_answers(s, i),
			    "nrr", compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_ROUNDED),
			    "nrr_exact", compliance_skm_nrr(s, i, COMPLIANCE_SKM_NRR_EXACT)))) {
			json_decref(elements);
			return 1;
		}
	}
	root = json_pack(
		"{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:o}",
		"profile", compliance_profile_id(compliance_skm_profile(s)),
		"source", compliance_profile_fact_source(compliance_skm_profile(s), COMPLIANCE_FACT_BANDS),
		"missing", compliance_skm_result(s, COMPLIANCE_SKM_MISSING),
		"respondents", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_RESPONDENTS),
		"respondents_read", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ),
		"complete", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_COMPLETE),
		"blank", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_BLANK),
		"dropped", (json_int_t)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_DROPPED),
		"ikm", compliance_skm_result(s, COMPLIANCE_SKM_IKM),
		"ikm_exact", compliance_skm_result(s, COMPLIANCE_SKM_IKM_EXACT),
		"category", compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY),
		"label", compliance_skm_result(s, COMPLIANCE_SKM_LABEL),
		"elements", elements); /* "o" steals the reference, even on failure */
	if (!root)
		return 1;
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text)
		return 1;
	puts(text);
	free(text);
	return 0;
}

int compliance_cli_skm(int argc, char **argv)
{
	const char *file = NULL;
	int format = SKM_TABLE, missing = COMPLIANCE_SKM_MISSING_AVAILABLE, dupcheck = 1;
	int i, rc, status = 0, options_done = 0;
	compliance_ctx *ctx;
	compliance_profile *method = NULL;
	compliance_skm *s;

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
			fprintf(stderr, "%s: skm: unknown or incomplete option %s\n", prog, arg);
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
	rc = compliance_profile_open(ctx, &method, "skm-2017");
	if (rc == COMPLIANCE_OK) {
		rc = compliance_skm_new(ctx, &s, method);
		compliance_profile_free(method); /* the survey keeps its own reference */
	}
	if (rc) {
		fprintf(stderr, "%s: %s\n", prog, compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		return 1;
	}
	if (compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, missing) ||
	    compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, dupcheck)) {
		fprintf(stderr, "%s: %s\n", prog, compliance_skm_errmsg(s));
		status = 1;
		goto out;
	}
	if (!strcmp(file, "-")) {
		size_t len;
		char *data = cli_read_stream(stdin, &len);
		if (!data) {
			fprintf(stderr, "%s: out of memory reading standard input\n", prog);
			status = 1;
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
		fprintf(stderr, "%s: %s\n", prog, compliance_skm_errmsg(s));
		status = rc == COMPLIANCE_E_NOMEM ? 1 : EXIT_BAD;
		goto out;
	}
	if (format == SKM_JSON) {
		if (print_json(s)) {
			fprintf(stderr, "%s: out of memory writing JSON\n", prog);
			status = 1;
		}
	} else if (format == SKM_CSV) {
		print_csv(s);
	} else {
		print_table(s);
	}
out:
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
	return status;
}
