/*
 * classify: classify scores given on the command line.
 *
 *   classify [--profile PROFILE-ID] SCORE...
 *
 * PROFILE-ID defaults to "ombudsman-2022". Each SCORE is an exact decimal
 * ("87.995"), read the same whatever the locale. One line per score,
 * tab-separated:
 *
 *   score  rounded  category  zone  label
 *
 * The exit status is 0 when every score was classified, 1 otherwise.
 */
#include <stdio.h>
#include <string.h>

#include <compliance.h>

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

int main(int argc, char **argv)
{
	const char *profile_id = "ombudsman-2022";
	compliance_ctx *ctx = NULL;
	compliance_profile *profile = NULL;
	int first = 1, i, rc, status = 0;

	if (argc >= 3 && strcmp(argv[1], "--profile") == 0) {
		profile_id = argv[2];
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: %s [--profile PROFILE-ID] SCORE...\n", argv[0]);
		return 2;
	}

	rc = compliance_ctx_new(&ctx);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "compliance_ctx_new: %s\n", compliance_strerror(rc));
		return 1;
	}
	/* [classify] */
	rc = compliance_profile_open(ctx, &profile, profile_id);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "%s: %s\n", profile_id, compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		return 1;
	}

	for (i = first; i < argc; i++) {
		int64_t rounded = 0;
		size_t band = 0;
		char text[24];

		rc = compliance_profile_classify(ctx, profile, argv[i], &rounded, &band);
		if (rc == COMPLIANCE_OK)
			rc = compliance_format_scaled(text, sizeof text, rounded,
			                              compliance_profile_decimals(profile));
		if (rc != COMPLIANCE_OK) {
			fprintf(stderr, "%s: %s (%s)\n", argv[i], compliance_strerror(rc),
			        compliance_ctx_errmsg(ctx));
			status = 1;
			continue;
		}
		printf("%s\t%s\t%s\t%s\t%s\n", argv[i], text,
		       or_empty(compliance_profile_band_category(profile, band)),
		       or_empty(compliance_profile_band_zone(profile, band)),
		       or_empty(compliance_profile_band_label(profile, band)));
	}
	/* [classify] */

	compliance_profile_free(profile);
	compliance_ctx_free(ctx);
	return status;
}
