/*
 * compliance_assessment_read_xlsx_file() on the input written to a file (the
 * reader takes a path: minizip reads the zip directory from the end), then
 * compute, under ombudsman-2022 (unit scores) and the example instrument
 * profile (indicator answers).
 *
 * Oracles besides the sanitizers: a failure returns a known code with a
 * message naming the file; a failed read keeps nothing.
 * The seed corpus (corpus/fuzz_xlsx) holds small workbooks from
 * tests/xlsx/make_fixtures.c.
 */
#include <unistd.h>

#include "fuzz_common.h"

#define TARGET "fuzz_xlsx"

static compliance_ctx *ctx;
static compliance_profile *profiles[2];
static char path[64];

static void setup(void)
{
	if (ctx)
		return;
	ctx = fz_ctx_new();
	if (compliance_profile_open(ctx, &profiles[0], "ombudsman-2022") ||
	    compliance_profile_load_file(ctx, &profiles[1], COMPLIANCE_FUZZ_INSTRUMENT))
		fz_die(TARGET, "setup", compliance_ctx_errmsg(ctx));
	snprintf(path, sizeof path, "/tmp/fuzz_xlsx.%ld.xlsx", (long)getpid());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f;
	size_t k;

	setup();
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		fz_die(TARGET, "cannot write", path);
	for (k = 0; k < 2; k++) {
		compliance_assessment *a;
		int rc;
		if (compliance_assessment_new(ctx, &a, profiles[k]))
			fz_die(TARGET, "assessment_new", compliance_ctx_errmsg(ctx));
		rc = compliance_assessment_read_xlsx_file(a, path, NULL);
		fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
		if (rc < 0 && !strstr(compliance_assessment_errmsg(a), path))
			fz_die(TARGET, "a message that does not name the file",
			       compliance_assessment_errmsg(a));
		if (rc < 0) {
			if (compliance_assessment_compute(a) == 0 &&
			    compliance_assessment_entity_count(a) != 0)
				fz_die(TARGET, "a failed read kept rows", NULL);
		} else {
			compliance_assessment_compute(a);
		}
		compliance_assessment_free(a);
	}
	remove(path);
	return 0;
}
