/*
 * The malformed-input catalogue (docs/bad-input.md): every file under
 * tests/data/bad/ is listed in tests/data/bad/cases.tsv with what the
 * library must answer, and each is one test here. A row reads
 *
 *   file <TAB> kind <TAB> profile <TAB> code <TAB> fragment
 *
 * kind: profile, csv, json, classify, skm, or csv+compute, json+compute,
 *       skm+compute (the read succeeds and compute gives the code);
 * profile: ombudsman-YYYY, "instrument" (examples/profiles/instrument-2023.json)
 *       or "-";
 * code: OK or a COMPLIANCE_E_* name without the prefix (E_PARSE, ...);
 * fragment: text the error message must contain, or, for OK, text the
 *       results must contain (entity "name score category label" lines,
 *       "rounded category zone label" for classify, "id bands nodes" for a
 *       profile, "IKM category label" for SKM); "-" for none.
 *
 * Each file is fed both from memory (the *_buffer function, named after
 * the file) and from its path (the *_file function, which streams CSV in
 * chunks); both must answer alike. The test also checks that every file of
 * the directory has its row and that docs/bad-input.md names every file.
 *
 * A runaway allocation fails instead of exhausting the machine (natively,
 * under AddressSanitizer or valgrind alike): every context allocates
 * through a counting allocator that refuses to hold more than 64 MiB.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <compliance.h>

#define BAD_DIR COMPLIANCE_TEST_DATA "/bad"
#define INSTRUMENT COMPLIANCE_SOURCE_DIR "/examples/profiles/instrument-2023.json"
#define DOC COMPLIANCE_SOURCE_DIR "/docs/bad-input.md"

typedef struct bad_case {
	char *file, *kind, *profile, *code, *fragment;
	int line;
} bad_case;

static const struct {
	const char *name;
	int code;
} codes[] = {
	{ "OK", COMPLIANCE_OK },
	{ "E_INVALID", COMPLIANCE_E_INVALID },
	{ "E_NOMEM", COMPLIANCE_E_NOMEM },
	{ "E_NOTFOUND", COMPLIANCE_E_NOTFOUND },
	{ "E_PARSE", COMPLIANCE_E_PARSE },
	{ "E_RANGE", COMPLIANCE_E_RANGE },
	{ "E_OVERFLOW", COMPLIANCE_E_OVERFLOW },
	{ "E_IO", COMPLIANCE_E_IO },
	{ "E_DUPLICATE", COMPLIANCE_E_DUPLICATE },
	{ "E_NO_ASSESSMENT", COMPLIANCE_E_NO_ASSESSMENT },
	{ "E_MISSING", COMPLIANCE_E_MISSING },
	{ "E_PROFILE", COMPLIANCE_E_PROFILE },
	{ "E_STATE", COMPLIANCE_E_STATE },
	{ "E_BUFFER", COMPLIANCE_E_BUFFER },
};

static const char *code_name(int code)
{
	size_t i;

	for (i = 0; i < sizeof codes / sizeof *codes; i++)
		if (codes[i].code == code)
			return codes[i].name;
	return "unknown";
}

static int code_value(const char *name, int *out)
{
	size_t i;

	for (i = 0; i < sizeof codes / sizeof *codes; i++)
		if (!strcmp(codes[i].name, name)) {
			*out = codes[i].code;
			return 1;
		}
	return 0;
}

/* ---- an allocator with a budget ------------------------------------------ */

#define BUDGET ((size_t)64 << 20)

static size_t live; /* bytes held through the budget allocator */

typedef union header {
	size_t size;
	max_align_t align;
} header;

static void *budget_malloc(size_t size, void *ud)
{
	header *h;

	(void)ud;
	if (size > BUDGET - live)
		return NULL;
	h = malloc(sizeof *h + size);
	if (!h)
		return NULL;
	h->size = size;
	live += size;
	return h + 1;
}

static void budget_free(void *ptr, void *ud)
{
	header *h;

	(void)ud;
	if (!ptr)
		return;
	h = (header *)ptr - 1;
	live -= h->size;
	free(h);
}

static void *budget_realloc(void *ptr, size_t size, void *ud)
{
	header *h, *n;

	if (!ptr)
		return budget_malloc(size, ud);
	h = (header *)ptr - 1;
	if (size > h->size && size - h->size > BUDGET - live)
		return NULL;
	n = realloc(h, sizeof *n + size);
	if (!n)
		return NULL;
	live = live - n->size + size;
	n->size = size;
	return n + 1;
}

static const compliance_allocator budget = { budget_malloc, budget_realloc, budget_free, NULL };

/* ---- reading files ---------------------------------------------------- */

static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)len + 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[len] = '\0';
		*size = (size_t)len;
	}
	return buf;
}

/* ---- one outcome: the code, and the message or a summary of results ---- */

typedef struct outcome {
	int code;
	int read_ok; /* the read itself succeeded (for the +compute kinds) */
	char text[4096];
} outcome;

static void put(outcome *o, const char *fmt, ...)
{
	size_t len = strlen(o->text);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->text + len, sizeof o->text - len, fmt, ap);
	va_end(ap);
}

static compliance_profile *open_profile(compliance_ctx *ctx, const char *id)
{
	compliance_profile *p = NULL;
	int rc = !strcmp(id, "instrument") ? compliance_profile_load_file(ctx, &p, INSTRUMENT)
	                                    : compliance_profile_open(ctx, &p, id);

	if (rc)
		fail_msg("cannot open profile %s: %s", id, compliance_ctx_errmsg(ctx));
	return p;
}

static void summarise(outcome *o, compliance_assessment *a)
{
	size_t i;

	for (i = 0; i < compliance_assessment_entity_count(a); i++)
		put(o, "%s %s %s %s\n", compliance_assessment_entity_name(a, i),
		    compliance_assessment_entity_score_text(a, i),
		    compliance_assessment_entity_category(a, i),
		    compliance_assessment_entity_label(a, i));
}

/* Runs one case; from_file chooses the *_file function over *_buffer. */
static void run(const bad_case *c, const char *data, size_t size, const char *path,
                int from_file, outcome *o)
{
	compliance_ctx *ctx;
	int compute = strstr(c->kind, "+compute") != NULL;

	memset(o, 0, sizeof *o);
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &budget), COMPLIANCE_OK);
	if (!strcmp(c->kind, "profile")) {
		compliance_profile *p = NULL;
		o->code = from_file ? compliance_profile_load_file(ctx, &p, path)
		                    : compliance_profile_load_buffer(ctx, &p, data, size, c->file);
		if (o->code) {
			assert_null(p);
			put(o, "%s", compliance_ctx_errmsg(ctx));
		} else {
			put(o, "%s %zu %zu", compliance_profile_id(p), compliance_profile_band_count(p),
			    compliance_profile_node_count(p));
			compliance_profile_free(p);
		}
	} else if (!strcmp(c->kind, "classify")) {
		compliance_profile *p = open_profile(ctx, c->profile);
		int64_t r = 0;
		size_t b = 0;
		char buf[32];
		o->code = compliance_profile_classify(ctx, p, data, &r, &b);
		if (o->code) {
			put(o, "%s", compliance_ctx_errmsg(ctx));
		} else {
			compliance_format_scaled(buf, sizeof buf, r, compliance_profile_decimals(p));
			put(o, "%s %s %s %s", buf, compliance_profile_band_category(p, b),
			    compliance_profile_band_zone(p, b),
			    compliance_profile_band_label(p, b));
		}
		compliance_profile_free(p);
	} else if (!strncmp(c->kind, "skm", 3)) {
		compliance_profile *method = open_profile(ctx, "skm-2017");
		compliance_skm *s;
		assert_int_equal(compliance_skm_new(ctx, &s, method), COMPLIANCE_OK);
		compliance_profile_free(method); /* the survey keeps its own reference */
		o->code = from_file ? compliance_skm_read_csv_file(s, path)
		                    : compliance_skm_read_csv_buffer(s, data, size, c->file);
		o->read_ok = o->code == 0;
		if (o->code) {
			put(o, "%s", compliance_skm_errmsg(s));
		} else {
			int rc = compliance_skm_compute(s);
			if (compute)
				o->code = rc;
			if (rc)
				put(o, "%s", compliance_skm_errmsg(s));
			else
				put(o, "%s %s %s", compliance_skm_result(s, COMPLIANCE_SKM_IKM),
				    compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY),
				    compliance_skm_result(s, COMPLIANCE_SKM_LABEL));
		}
		compliance_skm_free(s);
	} else {
		compliance_profile *p = open_profile(ctx, c->profile);
		compliance_assessment *a;
		int json = !strncmp(c->kind, "json", 4);

		assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
		compliance_profile_free(p);
		if (from_file)
			o->code = json ? compliance_assessment_read_json_file(a, path)
			               : compliance_assessment_read_csv_file(a, path);
		else
			o->code = json ? compliance_assessment_read_json_buffer(a, data, size, c->file)
			               : compliance_assessment_read_csv_buffer(a, data, size, c->file);
		o->read_ok = o->code == 0;
		if (o->code == 0) {
			int rc = compliance_assessment_compute(a);
			if (compute || rc)
				o->code = rc;
		}
		if (o->code)
			put(o, "%s", compliance_assessment_errmsg(a));
		else
			summarise(o, a);
		compliance_assessment_free(a);
	}
	compliance_ctx_free(ctx);
	if (live != 0)
		fail_msg("%s: %zu bytes still held after every object was freed", c->file, live);
}

static void check(const bad_case *c, const outcome *o, const char *how)
{
	int expect = 1; /* no code has this value: set by code_value() or failed */

	if (!code_value(c->code, &expect))
		fail_msg("cases.tsv:%d: unknown code %s", c->line, c->code);
	if (strstr(c->kind, "+compute") && !o->read_ok)
		fail_msg("%s (%s): the read should succeed and compute answer %s, but the read "
		         "failed: %s", c->file, how, c->code, o->text);
	if (o->code != expect)
		fail_msg("%s (%s): expected %s, got %s: %s", c->file, how, c->code, code_name(o->code),
		         o->text);
	if (o->code != 0 && o->text[0] == '\0')
		fail_msg("%s (%s): an error without a message", c->file, how);
	if (strcmp(c->fragment, "-") != 0 && !strstr(o->text, c->fragment))
		fail_msg("%s (%s): expected \"%s\" in: %s", c->file, how, c->fragment, o->text);
}

static void run_case(void **state)
{
	const bad_case *c = *state;
	char path[1024];
	char *data;
	size_t size = 0;
	outcome ob, of;

	live = 0; /* whatever an earlier failed case left behind */
	snprintf(path, sizeof path, "%s/%s", BAD_DIR, c->file);
	data = slurp(path, &size);
	if (!data)
		fail_msg("cannot read %s", path);
	run(c, data, size, path, 0, &ob);
	if (strcmp(c->kind, "classify") != 0)
		run(c, data, size, path, 1, &of);
	free(data);
	if (getenv("COMPLIANCE_BAD_INPUT_PRINT"))
		print_message("%s\t%s\t%s\t%s\t%s\n", c->file, c->kind, c->profile, code_name(ob.code),
		              ob.text);
	check(c, &ob, "from memory");
	if (strcmp(c->kind, "classify") != 0)
		check(c, &of, "from the file");
}

/* ---- the manifest --------------------------------------------------------- */

static bad_case *cases;
static size_t ncases;
static char *manifest;

static void load_manifest(void)
{
	size_t size, cap = 0;
	char *line, *save = NULL;
	int lineno = 0;

	manifest = slurp(BAD_DIR "/cases.tsv", &size);
	if (!manifest) {
		fprintf(stderr, "cannot read %s/cases.tsv\n", BAD_DIR);
		exit(1);
	}
	for (line = strtok_r(manifest, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[5], *s2 = NULL;
		int n = 0;

		lineno++;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (f[n] = strtok_r(line, "\t", &s2); f[n] && n < 4; f[n] = strtok_r(NULL, "\t", &s2))
			n++;
		if (n < 4 || !f[4]) {
			fprintf(stderr, "cases.tsv:%d: expected 5 fields separated by tabs\n", lineno);
			exit(1);
		}
		if (ncases == cap) {
			cap = cap ? 2 * cap : 64;
			cases = realloc(cases, cap * sizeof *cases);
			if (!cases)
				exit(1);
		}
		cases[ncases].file = f[0];
		cases[ncases].kind = f[1];
		cases[ncases].profile = f[2];
		cases[ncases].code = f[3];
		cases[ncases].fragment = f[4];
		cases[ncases].line = lineno;
		ncases++;
	}
}

/* Every file of the directory has a row, every row a file, and the
 * documentation names every file. */
static void catalogue_complete(void **state)
{
	DIR *d = opendir(BAD_DIR);
	struct dirent *e;
	size_t i, size;
	char *doc = slurp(DOC, &size);
	int missing = 0;

	(void)state;
	assert_non_null(d);
	assert_non_null(doc);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "cases.tsv"))
			continue;
		for (i = 0; i < ncases; i++)
			if (!strcmp(cases[i].file, e->d_name))
				break;
		if (i == ncases) {
			print_error("%s has no row in cases.tsv\n", e->d_name);
			missing++;
		}
	}
	closedir(d);
	for (i = 0; i < ncases; i++) {
		char path[1024], quoted[600];
		FILE *f;
		snprintf(path, sizeof path, "%s/%s", BAD_DIR, cases[i].file);
		if (!(f = fopen(path, "rb"))) {
			print_error("cases.tsv:%d: %s does not exist\n", cases[i].line, cases[i].file);
			missing++;
		} else {
			fclose(f);
		}
		snprintf(quoted, sizeof quoted, "`%s`", cases[i].file);
		if (!strstr(doc, quoted)) {
			print_error("docs/bad-input.md does not list %s\n", quoted);
			missing++;
		}
	}
	free(doc);
	assert_int_equal(missing, 0);
}

int main(void)
{
	struct CMUnitTest *tests;
	size_t i;
	int rc;

	load_manifest();
	tests = calloc(ncases + 1, sizeof *tests);
	assert_non_null(tests);
	tests[0].name = "catalogue_complete";
	tests[0].test_func = catalogue_complete;
	for (i = 0; i < ncases; i++) {
		tests[i + 1].name = cases[i].file;
		tests[i + 1].test_func = run_case;
		tests[i + 1].initial_state = &cases[i];
	}
	rc = _cmocka_run_group_tests("bad_input", tests, ncases + 1, NULL, NULL);
	free(tests);
	free(cases);
	free(manifest);
	return rc;
}
