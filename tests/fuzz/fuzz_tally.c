/*
 * The text forms of the mergeable partial results (compliance/tally.h):
 * the input is parsed as an SKM tally of skm-2017 and as an entity
 * accumulator of ombudsman-2023.
 *
 * Oracles: known codes with messages (COMPLIANCE_E_INVALID only for the
 * text of another profile); the forms are canonical, so a text that parses
 * serialises back to exactly itself; a parsed tally finishes through a
 * survey (any failure a known code) and merged with itself doubles its
 * respondents; a parsed accumulator computes or fails with a known code.
 */
#include "fuzz_common.h"

#define TARGET "fuzz_tally"

static void check_code(int rc, const char *msg)
{
	if (rc == COMPLIANCE_E_INVALID && msg && strstr(msg, " is of profile "))
		return; /* the text of another profile: refused as misuse, by design */
	fz_check_error(TARGET, rc, msg);
}

static void same_text(const char *what, const uint8_t *data, size_t size, const char *text,
                      size_t len)
{
	if (len != size || memcmp(data, text, len) != 0)
		fz_die(TARGET, what, text);
}

static void run_skm(compliance_ctx *ctx, compliance_profile *method, const uint8_t *data,
                    size_t size)
{
	compliance_skm_tally *t = NULL;
	compliance_skm *s = NULL;
	char *text = NULL;
	size_t len = 0;
	uint64_t n;
	int rc, policy;

	rc = compliance_skm_tally_parse(ctx, &t, method, (const char *)data, size);
	check_code(rc, compliance_ctx_errmsg(ctx));
	if (rc)
		return;
	if (compliance_skm_tally_serialize(t, &text, &len))
		fz_die(TARGET, "serialize", NULL);
	same_text("an SKM tally text did not serialise back to itself", data, size, text, len);
	free(text);
	for (policy = 0; policy <= 1; policy++) {
		if (compliance_skm_new(ctx, &s, method) ||
		    compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, policy))
			fz_die(TARGET, "skm_new", NULL);
		rc = compliance_skm_add_tally(s, t);
		check_code(rc, compliance_skm_errmsg(s));
		if (rc == 0) {
			rc = compliance_skm_compute(s);
			fz_check_error(TARGET, rc, compliance_skm_errmsg(s));
			if (rc == 0 && !compliance_skm_result(s, COMPLIANCE_SKM_IKM))
				fz_die(TARGET, "no IKM after compute", NULL);
		}
		compliance_skm_free(s);
	}
	n = compliance_skm_tally_respondents(t);
	rc = compliance_skm_tally_merge(t, t);
	fz_check_error(TARGET, rc, compliance_skm_tally_errmsg(t));
	if (rc == 0 && compliance_skm_tally_respondents(t) != 2 * n)
		fz_die(TARGET, "a tally merged with itself did not double", NULL);
	compliance_skm_tally_free(t);
}

static void run_acc(compliance_ctx *ctx, compliance_profile *p, const uint8_t *data, size_t size)
{
	compliance_entity_acc *a = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc;

	rc = compliance_entity_acc_parse(ctx, &a, p, (const char *)data, size);
	check_code(rc, compliance_ctx_errmsg(ctx));
	if (rc)
		return;
	if (compliance_entity_acc_serialize(a, &text, &len))
		fz_die(TARGET, "serialize", NULL);
	same_text("an accumulator text did not serialise back to itself", data, size, text, len);
	free(text);
	rc = compliance_entity_acc_compute(a);
	fz_check_error(TARGET, rc, compliance_entity_acc_errmsg(a));
	if (rc == 0 && !compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_SCORE))
		fz_die(TARGET, "no score after compute", NULL);
	rc = compliance_entity_acc_merge_text(a, (const char *)data, size);
	fz_check_error(TARGET, rc, compliance_entity_acc_errmsg(a));
	compliance_entity_acc_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	compliance_ctx *ctx = fz_ctx_new();
	compliance_profile *skm = NULL, *p = NULL;

	if (compliance_profile_open(ctx, &skm, "skm-2017") ||
	    compliance_profile_open(ctx, &p, "ombudsman-2023"))
		fz_die(TARGET, "open the profiles", compliance_ctx_errmsg(ctx));
	run_skm(ctx, skm, data, size);
	run_acc(ctx, p, data, size);
	compliance_profile_free(skm);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	fz_check_released(TARGET, 0);
	return 0;
}
