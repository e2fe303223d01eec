/*
 * compliance_assessment_read_json_buffer() under the example instrument
 * profile (indicator values) and the built-in ombudsman-2025 (unit scores,
 * entity-level inputs of its qualifier), then compute and explain.
 *
 * Oracles as in fuzz_csv_scores.c: known codes with messages, nothing kept
 * of a failed read, a failed second read of the same text changes nothing.
 * And one of meaning: the text is parsed here too and written out again by
 * jansson with only the keys the input format knows. When a key was
 * dropped, the library must have refused the text (unknown keys are an
 * error); otherwise, when no number is a real (whose lexeme jansson would
 * not keep), reading the rewritten text must give the same result code and
 * the same results: where a value stands, how its key is spelt (escapes)
 * and the layout of the text do not change what it means.
 */
#include <jansson.h>

#include "fuzz_common.h"

#define TARGET "fuzz_json_input"

static compliance_ctx *ctx;
static compliance_profile *profiles[2];

static void setup(void)
{
	if (ctx)
		return;
	ctx = fz_ctx_new();
	if (compliance_profile_load_file(ctx, &profiles[0], COMPLIANCE_FUZZ_INSTRUMENT) ||
	    compliance_profile_open(ctx, &profiles[1], "ombudsman-2025"))
		fz_die(TARGET, "setup", compliance_ctx_errmsg(ctx));
}

/* A copy of v keeping only the keys in `keys` of each object (at this
 * level); *has_real is set when a kept value holds a real, *dropped when a
 * key was left out. */
static json_t *keep(json_t *v, const char *const *keys, int *has_real, int *dropped);

static int contains_real(json_t *v)
{
	const char *k;
	json_t *c;
	size_t i;

	if (json_is_real(v))
		return 1;
	json_object_foreach(v, k, c)
		if (contains_real(c))
			return 1;
	json_array_foreach(v, i, c)
		if (contains_real(c))
			return 1;
	return 0;
}

static const char *const root_keys[] = { "entities", NULL };
static const char *const entity_keys[] = { "entity", "entity_type", "inputs", "units", NULL };
static const char *const unit_keys[] = { "unit", "score", "values", NULL };

static json_t *keep(json_t *v, const char *const *keys, int *has_real, int *dropped)
{
	json_t *out, *c;
	const char *k;
	size_t i;

	if (!json_is_object(v)) {
		*has_real |= contains_real(v);
		return json_deep_copy(v);
	}
	out = json_object();
	json_object_foreach(v, k, c) {
		json_t *copy = NULL;
		for (i = 0; keys[i]; i++)
			if (!strcmp(k, keys[i]))
				break;
		if (!keys[i]) {
			*dropped = 1;
			continue;
		}
		if ((!strcmp(k, "entities") || !strcmp(k, "units")) && json_is_array(c)) {
			size_t j;
			json_t *e;
			copy = json_array();
			json_array_foreach(c, j, e)
				json_array_append_new(copy, keep(e, !strcmp(k, "entities") ? entity_keys
				                                                            : unit_keys,
				                                 has_real, dropped));
		} else {
			*has_real |= contains_real(c);
			copy = json_deep_copy(c);
		}
		json_object_set_new(out, k, copy);
	}
	return out;
}

/* The text rewritten with only known keys, or NULL when there is no such
 * comparison to make; *dropped tells whether a key was left out. */
static char *canonical(const uint8_t *data, size_t size, int *dropped)
{
	json_t *root, *kept;
	char *text;
	int has_real = 0;

	*dropped = 0;
	if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		size -= 3;
	}
	if (memchr(data, 0, size))
		return NULL; /* jansson's handling of raw NUL bytes is its own */
	root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!root)
		return NULL;
	kept = keep(root, root_keys, &has_real, dropped);
	json_decref(root);
	text = has_real || !kept ? NULL : json_dumps(kept, JSON_ENCODE_ANY | JSON_COMPACT);
	json_decref(kept);
	return text;
}

/* Reads `data` into a fresh assessment; returns the code, and the results
 * text when it computes. */
static int read_and_compute(compliance_profile *p, const char *data, size_t size, int policy,
                            char **results)
{
	compliance_assessment *a;
	int rc;

	*results = NULL;
	if (compliance_assessment_new(ctx, &a, p))
		fz_die(TARGET, "assessment_new", compliance_ctx_errmsg(ctx));
	if (compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, policy))
		fz_die(TARGET, "set_option", compliance_assessment_errmsg(a));
	rc = compliance_assessment_read_json_buffer(a, data, size, "canonical.json");
	fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
	if (rc == 0) {
		rc = compliance_assessment_compute(a);
		fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
		if (rc == 0)
			*results = fz_results(TARGET, a);
	}
	compliance_assessment_free(a);
	return rc;
}

static void same_meaning(compliance_profile *p, const uint8_t *data, size_t size, int policy)
{
	int dropped, rc1, rc2;
	char *canon = canonical(data, size, &dropped), *r1, *r2;

	if (dropped) {
		rc1 = read_and_compute(p, (const char *)data, size, policy, &r1);
		free(r1);
		free(canon);
		if (rc1 == 0)
			fz_die(TARGET, "a text with a key the input format does not know was accepted",
			       NULL);
		return;
	}
	if (!canon)
		return;
	rc1 = read_and_compute(p, (const char *)data, size, policy, &r1);
	rc2 = read_and_compute(p, canon, strlen(canon), policy, &r2);
	if (rc1 != rc2) {
		fprintf(stderr, "original: %s\ncanonical: %s\n", compliance_strerror(rc1),
		        compliance_strerror(rc2));
		fz_die(TARGET, "the text and its rewritten form read differently", canon);
	}
	fz_same(TARGET, "the text and its rewritten form give different results", r1, r2);
	free(r1);
	free(r2);
	free(canon);
}

static void run(compliance_profile *p, const uint8_t *data, size_t size, int policy)
{
	compliance_assessment *a;
	char *first = NULL, *again = NULL;
	int rc;

	if (compliance_assessment_new(ctx, &a, p))
		fz_die(TARGET, "assessment_new", compliance_ctx_errmsg(ctx));
	if (compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, policy))
		fz_die(TARGET, "set_option", compliance_assessment_errmsg(a));
	rc = compliance_assessment_read_json_buffer(a, (const char *)data, size, "fuzz.json");
	fz_check_error(TARGET, rc, compliance_assessment_errmsg(a));
	if (rc) {
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
	rc = compliance_assessment_read_json_buffer(a, (const char *)data, size, "again.json");
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
	size_t mark;

	setup();
	mark = fz_live;
	run(profiles[0], data, size, (int)(size % 3));
	run(profiles[1], data, size, COMPLIANCE_MISSING_ERROR);
	same_meaning(profiles[0], data, size, (int)(size % 3));
	same_meaning(profiles[1], data, size, COMPLIANCE_MISSING_ERROR);
	fz_check_released(TARGET, mark);
	return 0;
}
