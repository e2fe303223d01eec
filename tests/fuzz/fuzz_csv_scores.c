/*
 * compliance_assessment_read_csv_buffer(), then compute and explain every
 * entity, under fixed built-in profiles (ombudsman-2022; ombudsman-2015 with
 * its product roll-up) and under the example instrument profile
 * (examples/profiles/instrument-2023.json, indicator answers), with a
 * missing-answer policy chosen by the input's length.
 *
 * Oracles besides the sanitizers: a failure returns a known code with a
 * message; a failed read keeps nothing (computing afterwards gives no
 * entity); reading the same text again into the same assessment either
 * succeeds or leaves the results exactly as they were.
 */
#include "fuzz_common.h"

#define TARGET "fuzz_csv_scores"

static compliance_ctx *ctx;
static compliance_profile *profiles[3];

static void setup(void)
{
	if (ctx)
		return;
	ctx = fz_ctx_new();
	if (compliance_profile_open(ctx, &profiles[0], "ombudsman-2022") ||
	    compliance_profile_open(ctx, &profiles[1], "ombudsman-2015") ||
	    compliance_profile_load_file(ctx, &profiles[2], COMPLIANCE_FUZZ_INSTRUMENT))
		fz_die(TARGET, "setup", compliance_ctx_errmsg(ctx));
}

static void run(compliance_profile *p, const uint8_t *data, size_t size, int variant)
{
	compliance_assessment *a;
	char *first = NULL, *again = NULL;
	int rc;

	if (compliance_assessment_new(ctx, &a, p))
		fz_die(TARGET, "assessment_new", compliance_ctx_errmsg(ctx));
	if (compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, variant % 3))
		fz_die(TARGET, "set_option missing", compliance_assessment_errmsg(a));
	/* the default roll-up, or over units (which a profile may refuse) */
	if (variant % 2)
		(void)compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP, COMPLIANCE_ROLLUP_UNITS);

	rc = compliance_assessment_read_csv_buffer(a, (const char *)data, size, "fuzz.csv");
	fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
	if (rc) {
		/* nothing of a failed read is kept */
		rc = compliance_assessment_compute(a);
		fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
		if (rc || compliance_assessment_entity_count(a) != 0)
			fz_die(TARGET, "a failed read left data behind", NULL);
		compliance_assessment_free(a);
		return;
	}
	rc = compliance_assessment_compute(a);
	fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
	if (rc == 0)
		first = fz_results(TARGET, a);

	/* the same rows again: duplicates, refused as a whole */
	rc = compliance_assessment_read_csv_buffer(a, (const char *)data, size, "again.csv");
	fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
	if (rc) {
		rc = compliance_assessment_compute(a);
		fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
		if (rc == 0)
			again = fz_results(TARGET, a);
		fz_same(TARGET, "a failed second read changed the results", first, again);
	}
	free(first);
	free(again);
	compliance_assessment_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i, mark;

	setup();
	mark = fz_live;
	for (i = 0; i < 3; i++)
		run(profiles[i], data, size, (int)(size % 6));
	fz_check_released(TARGET, mark);
	return 0;
}
