/*
 * report: an assessment's results through the library's emitters, and the
 * explanation of one entity's score.
 *
 *   report [PROFILE-ID] SCORES.csv ENTITY
 *
 * PROFILE-ID defaults to "ombudsman-2022". Prints the ranked results as CSV
 * (compliance_assessment_write(), what `compliance score --format csv`
 * prints), then ENTITY's score explained as text
 * (compliance_assessment_explain()).
 */
#include <stdio.h>

#include <compliance.h>

int main(int argc, char **argv)
{
	const char *profile_id = argc == 4 ? argv[1] : "ombudsman-2022";
	compliance_ctx *ctx = NULL;
	compliance_profile *profile = NULL;
	compliance_assessment *assessment = NULL;
	char *csv = NULL, *explained = NULL;
	size_t index = 0;
	int rc, status = 1;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: %s [PROFILE-ID] SCORES.csv ENTITY\n", argv[0]);
		return 2;
	}
	if (compliance_ctx_new(&ctx) != COMPLIANCE_OK)
		return 1;
	rc = compliance_profile_open(ctx, &profile, profile_id);
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_new(ctx, &assessment, profile);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "%s: %s\n", profile_id, compliance_ctx_errmsg(ctx));
		goto out;
	}

	/* [report] */
	rc = compliance_assessment_read_csv_file(assessment, argv[argc - 2]);
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_compute(assessment);
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_write(assessment, COMPLIANCE_FORMAT_CSV, &csv);
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_find(assessment, argv[argc - 1], &index);
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_explain(assessment, index, COMPLIANCE_EXPLAIN_TEXT,
		                                   &explained);
	if (rc != COMPLIANCE_OK) {
		/* the file, line and field, or the entity and why */
		fprintf(stderr, "%s\n", compliance_assessment_errmsg(assessment));
		goto out;
	}
	fputs(csv, stdout);
	fputs(explained, stdout);
	/* [report] */
	status = 0;

out:
	compliance_free(explained);
	compliance_free(csv);
	compliance_assessment_free(assessment);
	compliance_profile_free(profile);
	compliance_ctx_free(ctx);
	return status;
}
