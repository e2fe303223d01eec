/* The JSON form of assessment input (src/input/input_json.c,
 * docs/input-format.md), through the public API: exact numbers, the
 * reserved forms, refusals with path, line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <compliance.h>

#define INSTRUMENT COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"

typedef struct fixture {
	compliance_ctx *ctx;
	compliance_profile *p2022, *instrument;
} fixture;

static int setup(void **state)
{
	static fixture f;

	if (compliance_ctx_new(&f.ctx) || compliance_profile_open(f.ctx, &f.p2022, "ombudsman-2022") ||
	    compliance_profile_load_file(f.ctx, &f.instrument, INSTRUMENT))
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	compliance_profile_free(f->p2022);
	compliance_profile_free(f->instrument);
	compliance_ctx_free(f->ctx);
	return 0;
}

static compliance_assessment *read_ok(fixture *f, compliance_profile *p, const char *json)
{
	compliance_assessment *a = NULL;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, p), COMPLIANCE_OK);
	if (compliance_assessment_read_json_buffer(a, json, strlen(json), "in.json") ||
	    compliance_assessment_compute(a))
		fail_msg("%s", compliance_assessment_errmsg(a));
	return a;
}

static void read_fails(fixture *f, compliance_profile *p, const char *json, int code,
                       const char *msg)
{
	compliance_assessment *a = NULL;
	int rc;

	assert_int_equal(compliance_assessment_new(f->ctx, &a, p), COMPLIANCE_OK);
	rc = compliance_assessment_read_json_buffer(a, json, strlen(json), "in.json");
	if (rc != code || !strstr(compliance_assessment_errmsg(a), msg))
		fail_msg("got %d \"%s\", expected %d \"%s\"", rc, compliance_assessment_errmsg(a), code,
		         msg);
	/* nothing of the file is kept */
	assert_int_equal(compliance_assessment_entity_count(a), 0);
	compliance_assessment_free(a);
}

/* Scores as numbers: a fraction read from its exact text (80.125 rounds
 * half-up to 80.13, which a double 80.12499... would not), integers exactly. */
static void exact_numbers(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = read_ok(
		f, f->p2022,
		"{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\",\n"
		"  \"units\": [{\"unit\": \"U1\", \"score\": 80.125}]},\n"
		" {\"entity\": \"Kota B\", \"entity_type\": \"kota\",\n"
		"  \"units\": [{\"unit\": \"U1\", \"score\": 70}, {\"unit\": \"U2\", \"score\": 0.005}]}]}");
	size_t i;

	assert_int_equal(compliance_assessment_entity_count(a), 2);
	for (i = 0; i < 2; i++) {
		const char *name = compliance_assessment_entity_name(a, i);
		const char *score = compliance_assessment_entity_score_text(a, i);
		if (!strcmp(name, "Kota A"))
			assert_string_equal(score, "80.13");
		else /* (70 + 0.01) / 2 = 35.005 -> 35.01 */
			assert_string_equal(score, "35.01");
	}
	compliance_assessment_free(a);
}

/* Values, the "@score" key, and "inputs" (entity-level, as unit
 * "@entity" in CSV) read as the CSV form does: the same results. */
static void same_as_csv(void **state)
{
	fixture *f = *state;
	static const char csv[] = "entity,entity_type,unit,indicator,value\n"
	                          "Kota A,kota,U1,input.1,3\nKota A,kota,U1,input.2,2\n"
	                          "Kota A,kota,U1,input.3,1\nKota A,kota,U1,proses.1,3\n"
	                          "Kota A,kota,U1,proses.2,0\nKota A,kota,U1,output.1,2\n"
	                          "Kota A,kota,U1,output.2,3\nKota A,kota,U1,pengaduan.1,ya\n"
	                          "Kota A,kota,U1,pengaduan.2,tidak\nKota A,kota,U1,pengaduan.3,ya\n"
	                          "Kota A,kota,U2,@score,61.5\n"
	                          "Kota A,kota,@entity,supervision-ignored,tidak\n";
	compliance_assessment *j = read_ok(
		f, f->instrument,
		"{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\",\n"
		"  \"inputs\": {\"supervision-ignored\": false},\n"
		"  \"units\": [{\"unit\": \"U1\", \"values\": {\"input.1\": 3, \"input.2\": 2,\n"
		"    \"input.3\": 1, \"proses.1\": 3, \"proses.2\": 0, \"output.1\": 2, \"output.2\": 3,\n"
		"    \"pengaduan.1\": true, \"pengaduan.2\": \"tidak\", \"pengaduan.3\": \"ya\"}},\n"
		"   {\"unit\": \"U2\", \"values\": {\"@score\": 61.5}}]}]}");
	compliance_assessment *c = NULL;

	assert_int_equal(compliance_assessment_new(f->ctx, &c, f->instrument), COMPLIANCE_OK);
	if (compliance_assessment_read_csv_buffer(c, csv, sizeof csv - 1, "in.csv") ||
	    compliance_assessment_compute(c))
		fail_msg("%s", compliance_assessment_errmsg(c));
	assert_int_equal(compliance_assessment_entity_count(j), 1);
	assert_int_equal(compliance_assessment_entity_count(c), 1);
	assert_string_equal(compliance_assessment_entity_score_text(j, 0),
	                    compliance_assessment_entity_score_text(c, 0));
	assert_int_equal(compliance_assessment_unit_count(j, 0), 2);
	compliance_assessment_free(j);
	compliance_assessment_free(c);
}

/* An entity or a unit that would silently drop out is refused, with the
 * JSON path, line and column (issue 8). */
static void refuse_empty(void **state)
{
	fixture *f = *state;

	read_fails(f, f->p2022,
	           "{\"entities\": [\n"
	           "  {\"entity\": \"Kota A\", \"entity_type\": \"kota\", \"units\": [{\"unit\": \"U\", \"score\": 90}]},\n"
	           "  {\"entity\": \"Kota B\", \"entity_type\": \"kota\",\n"
	           "   \"units\": []}]}",
	           COMPLIANCE_E_PARSE, "in.json:4:13: $.entities[1].units: an entity needs at least one unit");
	read_fails(f, f->instrument,
	           "{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\", \"units\": [\n"
	           "  {\"unit\": \"U1\", \"values\": {\"input.1\": 3}},\n"
	           "  {\"unit\": \"U2\",\n"
	           "     \"values\": {}}]}]}",
	           COMPLIANCE_E_PARSE,
	           "in.json:4:16: $.entities[0].units[1].values: a unit needs at least one value");
	read_fails(f, f->p2022,
	           "{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\",\n"
	           "  \"units\": [{\"unit\": \"@entity\", \"score\": 90}]}]}",
	           COMPLIANCE_E_PARSE, "in.json:2:22: $.entities[0].units[0].unit: a unit name cannot start with '@'");
	read_fails(f, f->p2022,
	           "{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\",\n"
	           "  \"units\": [{\"unit\": \"\", \"score\": 90}]}]}",
	           COMPLIANCE_E_PARSE, "in.json:2:22: $.entities[0].units[0].unit: the unit name is empty");
}

/* A line and column from far into a big file come out right (they are
 * counted in the one pass), here the 3,001st entity's bad answer. */
static void position_far_in(void **state)
{
	fixture *f = *state;
	static char buf[400000];
	size_t n = 0, i;

	n += (size_t)snprintf(buf + n, sizeof buf - n, "{\"entities\": [\n");
	for (i = 0; i < 3000; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n,
		                      "{\"entity\": \"E%zu\", \"entity_type\": \"kota\", \"units\": "
		                      "[{\"unit\": \"U\", \"score\": 50.5}]},\n", i);
	n += (size_t)snprintf(buf + n, sizeof buf - n,
	                      "{\"entity\": \"Z\", \"entity_type\": \"kota\", \"units\": "
	                      "[{\"unit\": \"U\", \"score\": 100.5}]}]}");
	assert_true(n < sizeof buf - 1);
	/* line 3002; the score's column: 72 characters stand before it */
	read_fails(f, f->p2022, buf, COMPLIANCE_E_RANGE, "in.json:3002:73: $.entities[3000].units[0].score");
}

/* Duplicate keys are refused in every object of the text (the rule of
 * the jansson reader this one replaced: JSON_REJECT_DUPLICATES), escaped
 * spellings of one key included, with the place of the second key. */
static void refuse_duplicate_keys(void **state)
{
	fixture *f = *state;

	read_fails(f, f->instrument,
	           "{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\", \"units\": [\n"
	           "  {\"unit\": \"U1\", \"values\": {\"input.1\": 3, \"input.1\": 2}}]}]}",
	           COMPLIANCE_E_PARSE, "in.json:2:51: invalid JSON: duplicate object key near '\"input.1\"'");
	read_fails(f, f->p2022,
	           "{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\", \"entit\\u0079\": \"B\",\n"
	           "  \"units\": [{\"unit\": \"U1\", \"score\": 80}]}]}",
	           COMPLIANCE_E_PARSE, "in.json:1:71: invalid JSON: duplicate object key near '\"entit\\u0079\"'");
	read_fails(f, f->p2022, "{\"entities\": [], \"entities\": []}", COMPLIANCE_E_PARSE,
	           "in.json:1:27: invalid JSON: duplicate object key near '\"entities\"'");
	/* the same key in two objects is no duplicate */
	compliance_assessment_free(read_ok(
		f, f->p2022,
		"{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\", \"units\": "
		"[{\"unit\": \"U1\", \"score\": 80}, {\"unit\": \"U2\", \"score\": 70}]}]}"));
}

/* Which refusal is reported when there are several: a syntax error
 * anywhere (even after a refused entity), then an unknown root key (even
 * after the entities), then the first refused entity; nothing is kept. */
static void refusal_order(void **state)
{
	fixture *f = *state;

	read_fails(f, f->p2022,
	           "{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\", \"units\": []},\n"
	           " {\"entity\": \"Kota B\", \"entity_type\": \"kota\", \"units\": [01]}]}",
	           COMPLIANCE_E_PARSE, "in.json:2:56: invalid JSON: invalid token near '0'");
	read_fails(f, f->p2022,
	           "{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\", \"units\": []}],\n"
	           " \"note\": 1}",
	           COMPLIANCE_E_PARSE, "in.json:2:10: $.note: unknown key \"note\"");
	read_fails(f, f->p2022,
	           "{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\", \"units\": [{\"unit\": \"U\", \"score\": 80}]},\n"
	           " {\"entity\": \"Kota B\", \"entity_type\": \"kota\", \"units\": [{\"unit\": \"U\", \"score\": 101}]},\n"
	           " {\"entity\": \"Kota C\", \"entity_type\": \"kota\", \"units\": []}]}",
	           COMPLIANCE_E_RANGE, "in.json:2:79: $.entities[1].units[0].score");
	read_fails(f, f->p2022, "{\"entities\": {}}", COMPLIANCE_E_PARSE,
	           "in.json:1:1: $: expected {\"entities\": [...]}");
	read_fails(f, f->p2022, "[]", COMPLIANCE_E_PARSE, "in.json:1:1: $: expected {\"entities\": [...]}");
	read_fails(f, f->p2022, "{\"entities\": []} []", COMPLIANCE_E_PARSE,
	           "in.json:1:18: invalid JSON: end of file expected near '['");
	/* one byte order mark is dropped, a second is text */
	read_fails(f, f->p2022, "\xEF\xBB\xBF\xEF\xBB\xBF{\"entities\": []}", COMPLIANCE_E_PARSE,
	           "in.json:1:1: invalid JSON: '[' or '{' expected near '\xEF\xBB\xBF'");
	read_fails(f, f->p2022, "", COMPLIANCE_E_PARSE,
	           "in.json:1:0: invalid JSON: '[' or '{' expected near end of file");
}

/* Keys in any order, escapes in names, keys and values, "-0" and a real
 * read exactly: the same results as the plain form. */
static void any_order_and_escapes(void **state)
{
	fixture *f = *state;
	compliance_assessment *a = read_ok(
		f, f->p2022,
		"\xEF\xBB\xBF{\"entities\": [{\"units\": [{\"score\": \"8\\u0030.125\", \"unit\": \"U\\/1\"},\n"
		"  {\"score\": -0, \"unit\": \"U2\"}], \"entity_type\": \"kota\", \"entity\": \"Kota \\u00c9\"}]}");

	assert_int_equal(compliance_assessment_entity_count(a), 1);
	assert_string_equal(compliance_assessment_entity_name(a, 0), "Kota \xc3\x89");
	/* (80.13 + 0) / 2 = 40.065 -> 40.07 */
	assert_string_equal(compliance_assessment_entity_score_text(a, 0), "40.07");
	compliance_assessment_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exact_numbers),
		cmocka_unit_test(same_as_csv),
		cmocka_unit_test(refuse_empty),
		cmocka_unit_test(position_far_in),
		cmocka_unit_test(refuse_duplicate_keys),
		cmocka_unit_test(refusal_order),
		cmocka_unit_test(any_order_and_escapes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
