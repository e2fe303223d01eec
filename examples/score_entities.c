/*
 * score_entities: score the entities in a CSV of unit scores under one
 * edition of the Ombudsman RI compliance assessment.
 *
 *   score_entities [PROFILE-ID] SCORES.csv
 *
 * PROFILE-ID defaults to "ombudsman-2022". The CSV header is
 * entity,entity_type,unit,score (see compliance_assessment_read_csv_buffer()).
 * One line is printed per entity, in rank order, tab-separated:
 *
 *   rank  entity  score  category  zone  label
 *
 * Build (installed library):
 *   cc -std=c99 score_entities.c $(pkg-config --cflags --libs libcompliance)
 * or with CMake through examples/CMakeLists.txt (find_package(libcompliance)).
 */
#include <stdio.h>

#include <compliance.h>

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

int main(int argc, char **argv)
{
	const char *profile_id = "ombudsman-2022";
	const char *path;
	compliance_ctx *ctx = NULL;
	compliance_profile *profile = NULL;
	compliance_assessment *assessment = NULL;
	size_t i, n;
	int rc, status = 1;

	if (argc == 2) {
		path = argv[1];
	} else if (argc == 3) {
		profile_id = argv[1];
		path = argv[2];
	} else {
		fprintf(stderr, "usage: %s [PROFILE-ID] SCORES.csv\n", argv[0]);
		return 2;
	}

	rc = compliance_ctx_new(&ctx);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "compliance_ctx_new: %s\n", compliance_strerror(rc));
		return 1;
	}

	rc = compliance_profile_open(ctx, &profile, profile_id);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "%s: %s\n", profile_id, compliance_ctx_errmsg(ctx));
		goto out;
	}

	/* [score] */
	rc = compliance_assessment_new(ctx, &assessment, profile);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "compliance_assessment_new: %s\n", compliance_ctx_errmsg(ctx));
		goto out;
	}

	rc = compliance_assessment_read_csv_file(assessment, path);
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_compute(assessment);
	if (rc != COMPLIANCE_OK) {
		/* The detail (file, line, field) is on the assessment. */
		fprintf(stderr, "%s\n", compliance_assessment_errmsg(assessment));
		goto out;
	}

	printf("# %s (libcompliance %s)\n", compliance_profile_name(profile),
	       compliance_version_string());
	n = compliance_assessment_entity_count(assessment);
	for (i = 0; i < n; i++) {
		size_t rank = 0;

		rc = compliance_assessment_entity_rank(assessment, i, &rank, NULL);
		if (rc != COMPLIANCE_OK) {
			fprintf(stderr, "compliance_assessment_entity_rank: %s\n",
			        compliance_strerror(rc));
			goto out;
		}
		printf("%zu\t%s\t%s\t%s\t%s\t%s\n", rank,
		       or_empty(compliance_assessment_entity_name(assessment, i)),
		       or_empty(compliance_assessment_entity_score_text(assessment, i)),
		       or_empty(compliance_assessment_entity_category(assessment, i)),
		       or_empty(compliance_assessment_entity_zone(assessment, i)),
		       or_empty(compliance_assessment_entity_label(assessment, i)));
	}
	/* [score] */
	status = 0;

out:
	compliance_assessment_free(assessment);
	compliance_profile_free(profile);
	compliance_ctx_free(ctx);
	return status;
}
