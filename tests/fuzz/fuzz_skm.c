/*
 * compliance_skm_read_csv_buffer() (the SKM survey, Permenpan RB 14/2017),
 * with and without the duplicate-id check, then compute under both
 * missing-answer policies and read every result.
 *
 * Oracles: known codes with messages; a failed read changes nothing (the
 * counts after a compute are those of the survey before it); reading the
 * same text twice with the duplicate check off doubles every count.
 *
 * The same text through the SKM export reader (issue 9), once with the
 * defaults and once with letters, groups by the "No" column and age bands:
 * known codes; a failed read keeps no respondent and no group; a computed
 * survey is written in every format (the JSON writer needs valid UTF-8).
 */
#include "fuzz_common.h"

#define TARGET "fuzz_skm"

/* Everything a computed survey tells, as text; NULL when compute fails. */
static char *results(compliance_skm *s)
{
	fz_text t = { NULL, 0, 0 };
	char buf[128];
	int rc, f;
	size_t e, band;
	int64_t ikm;

	rc = compliance_skm_compute(s);
	fz_check_error(TARGET, rc, compliance_skm_errmsg(s));
	if (rc)
		return NULL;
	fz_append(&t, "");
	for (f = COMPLIANCE_SKM_COUNT_RESPONDENTS; f <= COMPLIANCE_SKM_COUNT_DROPPED; f++) {
		snprintf(buf, sizeof buf, "%llu ", (unsigned long long)compliance_skm_count(s, f));
		fz_append(&t, buf);
	}
	for (e = 0; e < compliance_skm_element_count(s); e++) {
		const char *r = compliance_skm_nrr(s, e, COMPLIANCE_SKM_NRR_ROUNDED);
		const char *x = compliance_skm_nrr(s, e, COMPLIANCE_SKM_NRR_EXACT);
		snprintf(buf, sizeof buf, "\n%llu %s %s",
		         (unsigned long long)compliance_skm_element_answers(s, e), r ? r : "-",
		         x ? x : "-");
		fz_append(&t, buf);
	}
	for (f = COMPLIANCE_SKM_IKM; f <= COMPLIANCE_SKM_MISSING; f++) {
		const char *v = compliance_skm_result(s, f);
		if (!v)
			fz_die(TARGET, "a result field is NULL after compute", NULL);
		fz_append(&t, "\n");
		fz_append(&t, v);
	}
	if (compliance_skm_ikm_scaled(s, &ikm) || compliance_skm_band_index(s, &band))
		fz_die(TARGET, "a result accessor failed after compute", NULL);
	if (ikm < 2500 || ikm > 10000 || band >= compliance_profile_band_count(compliance_skm_profile(s)))
		fz_die(TARGET, "an IKM or band out of range", NULL);
	if (compliance_skm_missing_used(s) < 0)
		fz_die(TARGET, "missing_used failed after compute", NULL);
	return t.s;
}

static void run(compliance_ctx *ctx, compliance_profile *method, const uint8_t *data, size_t size,
                int check_duplicates)
{
	compliance_skm *s;
	int rc, policy;
	uint64_t read1 = 0;

	if (compliance_skm_new(ctx, &s, method))
		fz_die(TARGET, "skm_new", NULL);
	if (compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, check_duplicates))
		fz_die(TARGET, "set_option", compliance_skm_errmsg(s));
	rc = compliance_skm_read_csv_buffer(s, (const char *)data, size, "fuzz.csv");
	fz_check_error(TARGET, rc, compliance_skm_errmsg(s));
	if (compliance_skm_errcode(s) != rc)
		fz_die(TARGET, "errcode differs from the code returned", compliance_skm_errmsg(s));
	if (rc) {
		/* nothing kept: an empty survey does not compute */
		rc = compliance_skm_compute(s);
		if (rc != COMPLIANCE_E_MISSING)
			fz_die(TARGET, "a failed read left respondents behind", compliance_skm_errmsg(s));
		compliance_skm_free(s);
		return;
	}
	for (policy = COMPLIANCE_SKM_MISSING_AVAILABLE; policy <= COMPLIANCE_SKM_MISSING_LISTWISE;
	     policy++) {
		char *before, *after;

		if (compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, policy))
			fz_die(TARGET, "set_option missing", compliance_skm_errmsg(s));
		before = results(s);
		if (before && policy == 0)
			read1 = compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ);
		/* a read that fails changes nothing */
		rc = compliance_skm_read_csv_buffer(s, (const char *)data, size / 2, "half.csv");
		fz_check_error(TARGET, rc, compliance_skm_errmsg(s));
		if (rc) {
			after = results(s);
			fz_same(TARGET, "a failed read changed the survey", before, after);
			free(after);
		}
		free(before);
		if (rc == 0)
			break; /* the survey grew: the second policy would compare other data */
	}
	if (!check_duplicates && read1) {
		compliance_skm *t;
		if (compliance_skm_new(ctx, &t, method) ||
		    compliance_skm_set_option(t, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, 0) ||
		    compliance_skm_read_csv_buffer(t, (const char *)data, size, "1.csv") ||
		    compliance_skm_read_csv_buffer(t, (const char *)data, size, "2.csv") ||
		    compliance_skm_compute(t) ||
		    compliance_skm_count(t, COMPLIANCE_SKM_COUNT_READ) != 2 * read1)
			fz_die(TARGET, "reading the same text twice did not double the count",
			       compliance_skm_errmsg(t));
		compliance_skm_free(t);
	}
	compliance_skm_free(s);
}

static void run_export(compliance_ctx *ctx, compliance_profile *method, const uint8_t *data,
                       size_t size, int grouped)
{
	static const unsigned bands[] = { 20, 40 };
	compliance_skm *s;
	int rc, fmt;

	if (compliance_skm_new(ctx, &s, method))
		fz_die(TARGET, "skm_new", NULL);
	if (grouped && (compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_LETTERS, 1) ||
	                compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_ID, "") ||
	                compliance_skm_set_column(s, COMPLIANCE_SKM_COLUMN_GROUP, "no") ||
	                compliance_skm_set_age_bands(s, bands, 2)))
		fz_die(TARGET, "export options", compliance_skm_errmsg(s));
	rc = compliance_skm_read_export_buffer(s, (const char *)data, size, "fuzz.csv");
	fz_check_error(TARGET, rc, compliance_skm_errmsg(s));
	if (rc) {
		if (compliance_skm_compute(s) != COMPLIANCE_E_MISSING || compliance_skm_group_count(s))
			fz_die(TARGET, "a failed export read left respondents behind",
			       compliance_skm_errmsg(s));
		compliance_skm_free(s);
		return;
	}
	rc = compliance_skm_compute(s);
	fz_check_error(TARGET, rc, compliance_skm_errmsg(s));
	if (rc == COMPLIANCE_OK)
		for (fmt = COMPLIANCE_FORMAT_TABLE; fmt <= COMPLIANCE_FORMAT_JSON; fmt++) {
			char *out = NULL;
			if (compliance_skm_write(s, fmt, &out) != COMPLIANCE_OK || !out)
				fz_die(TARGET, "writing a computed export survey failed", NULL);
			compliance_free(out);
		}
	compliance_skm_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	compliance_ctx *ctx = fz_ctx_new();
	compliance_profile *method = NULL;

	if (compliance_profile_open(ctx, &method, "skm-2017"))
		fz_die(TARGET, "open skm-2017", compliance_ctx_errmsg(ctx));
	run(ctx, method, data, size, 1);
	run(ctx, method, data, size, 0);
	run_export(ctx, method, data, size, 0);
	run_export(ctx, method, data, size, 1);
	compliance_profile_free(method);
	compliance_ctx_free(ctx);
	fz_check_released(TARGET, 0);
	return 0;
}
