/*
 * skm_survey: the community satisfaction index (IKM) of an SKM survey.
 *
 *   skm_survey [PROFILE-ID] SURVEY.csv
 *
 * PROFILE-ID defaults to "skm-2017" (Permenpan RB 14/2017). The CSV header
 * is respondent,U1,...,U9 with answers 1 to 4, an empty field for no
 * answer. Prints, tab-separated, each element's NRR (exact, and rounded to
 * 3 decimals for display), then the respondents counted and the IKM with
 * its category and label; then the result as CSV from the library's
 * emitter (compliance_skm_write()).
 */
#include <stdio.h>

#include <compliance.h>

int main(int argc, char **argv)
{
	const char *profile_id = argc == 3 ? argv[1] : "skm-2017";
	const char *path = argv[argc - 1];
	compliance_ctx *ctx = NULL;
	compliance_profile *profile = NULL;
	compliance_skm *skm = NULL;
	char *csv = NULL;
	size_t i;
	int rc, status = 1;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: %s [PROFILE-ID] SURVEY.csv\n", argv[0]);
		return 2;
	}
	if (compliance_ctx_new(&ctx) != COMPLIANCE_OK)
		return 1;
	/* [skm] */
	rc = compliance_profile_open(ctx, &profile, profile_id);
	if (rc == COMPLIANCE_OK)
		rc = compliance_skm_new(ctx, &skm, profile);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "%s: %s\n", profile_id, compliance_ctx_errmsg(ctx));
		goto out;
	}

	/* The survey keeps sums and counts, never the answers. */
	rc = compliance_skm_read_csv_file(skm, path);
	if (rc == COMPLIANCE_OK)
		rc = compliance_skm_compute(skm);
	if (rc != COMPLIANCE_OK) {
		/* file:line: field 'U4': ... */
		fprintf(stderr, "%s\n", compliance_skm_errmsg(skm));
		goto out;
	}

	for (i = 0; i < compliance_skm_element_count(skm); i++)
		printf("U%zu\t%s\t%s\n", i + 1, compliance_skm_nrr(skm, i, COMPLIANCE_SKM_NRR_EXACT),
		       compliance_skm_nrr(skm, i, COMPLIANCE_SKM_NRR_ROUNDED));
	printf("respondents\t%llu\n",
	       (unsigned long long)compliance_skm_count(skm, COMPLIANCE_SKM_COUNT_RESPONDENTS));
	printf("IKM\t%s\t%s\t%s\t%s\n", compliance_skm_result(skm, COMPLIANCE_SKM_IKM),
	       compliance_skm_result(skm, COMPLIANCE_SKM_IKM_EXACT),
	       compliance_skm_result(skm, COMPLIANCE_SKM_CATEGORY),
	       compliance_skm_result(skm, COMPLIANCE_SKM_LABEL));

	rc = compliance_skm_write(skm, COMPLIANCE_FORMAT_CSV, &csv);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "compliance_skm_write: %s\n", compliance_strerror(rc));
		goto out;
	}
	fputs(csv, stdout);
	/* [skm] */
	status = 0;

out:
	compliance_free(csv);
	compliance_skm_free(skm);
	compliance_profile_free(profile);
	compliance_ctx_free(ctx);
	return status;
}
