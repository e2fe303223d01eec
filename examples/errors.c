/*
 * errors: the context, and how every failure is reported.
 *
 *   errors
 *
 * A context (compliance_ctx) holds the allocator and the last error. Every
 * fallible function returns COMPLIANCE_OK (0) or a negative COMPLIANCE_E_*
 * code; the detail is on the handle that failed. This program makes two
 * calls fail on purpose and prints, tab-separated, what the context says:
 *
 *   function  error-name  message
 *
 * then converts an enum constant between its value and its names, as a
 * binding that cannot read C headers does.
 */
#include <stdio.h>

#include <compliance.h>

int main(void)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *profile = NULL;
	int64_t rounded = 0;
	int rc, value = -1;

	rc = compliance_ctx_new(&ctx);
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "compliance_ctx_new: %s\n", compliance_strerror(rc));
		return 1;
	}

	/* [errors] */
	/* A profile id that is not built in. */
	rc = compliance_profile_open(ctx, &profile, "ombudsman-1999");
	printf("compliance_profile_open\t%s\t%s\n", compliance_error_name(rc),
	       compliance_ctx_errmsg(ctx));

	/* A score with a decimal comma: decimals are read with '.' only. */
	rc = compliance_profile_open(ctx, &profile, "ombudsman-2022");
	if (rc != COMPLIANCE_OK) {
		fprintf(stderr, "ombudsman-2022: %s\n", compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		return 1;
	}
	rc = compliance_profile_classify(ctx, profile, "87,5", &rounded, NULL);
	printf("compliance_profile_classify\t%s\t%s\n", compliance_error_name(rc),
	       compliance_ctx_errmsg(ctx));

	/* Enum constants by name, both ways. */
	if (compliance_enum_value(&value, "compliance_missing", "exclude") == COMPLIANCE_OK)
		printf("compliance_missing\texclude\t%d\t%s\n", value,
		       compliance_enum_name("compliance_missing", value));
	/* [errors] */

	compliance_profile_free(profile);
	compliance_ctx_free(ctx);
	return 0;
}
