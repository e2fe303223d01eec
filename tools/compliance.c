/*
 * compliance: the command-line program, a thin layer over the public API.
 *
 *   compliance profiles
 *   compliance profile show ID|FILE
 *   compliance profile check FILE
 *   compliance classify --profile ID|FILE SCORE...
 *   compliance score --profile ID|FILE [--rollup units|products]
 *                    [--format table|csv|json] FILE|-
 *
 * Exit status: 0 success; 2 bad input or usage (the message names the file,
 * line and field), or an input/output error: a file that cannot be read,
 * or output that cannot be written (checked at every flush and at the final
 * close of standard output); 1 an internal failure such as running out of
 * memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "cli_util.h"
#include "cmd_skm.h"

#define EXIT_BAD CLI_EXIT_BAD

static const char *prog = "compliance";

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: %s COMMAND [OPTIONS]\n"
	        "\n"
	        "commands:\n"
	        "  profiles                         list the built-in profiles\n"
	        "  profile show ID|FILE             print a profile: bands, weights, sources\n"
	        "  profile check FILE               validate a profile file\n"
	        "  classify --profile ID SCORE...   classify scores (rounded, category, zone, label)\n"
	        "  score --profile ID [--rollup units|products] [--missing error|exclude|minimum]\n"
	        "        [--skm ENTITY,ENTITY_TYPE,UNIT,NODE=SKM_FILE]... [--skm-missing available|listwise]\n"
	        "        [--format table|csv|json] FILE\n"
	        "                                   score entities from CSV (entity,entity_type,unit,score\n"
	        "                                   or entity,entity_type,unit,indicator,value) or JSON;\n"
	        "                                   - reads standard input\n"
	        "  explain --profile ID [--missing POLICY] [--format text|json] FILE ENTITY\n"
	        "                                   every intermediate value of one entity's score\n"
	        "  advise --profile ID [--missing POLICY] [--format text|json] FILE ENTITY\n"
	        "                                   what to fix first to reach the next category\n"
	        "  skm [--missing available|listwise] [--format table|csv|json] [--by COLUMN]\n"
	        "      [--letters] [--dialect auto|rfc4180|excel-id] FILE   (skm --help: all options)\n"
	        "                                   community satisfaction survey (Permenpan RB 14/2017)\n"
	        "  version                          print the library version\n",
	        prog);
}

static int bad(const char *fmt, const char *arg)
{
	char msg[1024];

	snprintf(msg, sizeof msg, fmt, arg);
	cli_error(msg);
	return EXIT_BAD;
}

/*
 * Text from a profile (names, sources, labels) with its control characters
 * escaped for the terminal (compliance_text_escape()). The texts live in a
 * small ring, so that one printf() can take several; out of memory gives
 * "" and sets esc_failed.
 */
#define ESC_RING 16
static char *esc_ring[ESC_RING];
static size_t esc_next;
static int esc_failed;

static const char *esc(const char *s)
{
	char *e;

	if (compliance_text_escape(s ? s : "", &e) != COMPLIANCE_OK) {
		esc_failed = 1;
		return "";
	}
	compliance_free(esc_ring[esc_next]);
	esc_ring[esc_next] = e;
	esc_next = (esc_next + 1) % ESC_RING;
	return e;
}

static void esc_release(void)
{
	size_t i;

	for (i = 0; i < ESC_RING; i++) {
		compliance_free(esc_ring[i]);
		esc_ring[i] = NULL;
	}
}

/* Prints the context's error (or its diagnostics), escaped. */
static void ctx_error(compliance_ctx *ctx)
{
	size_t i, n = compliance_ctx_diag_count(ctx);

	if (n > 1)
		for (i = 0; i < n; i++)
			cli_error(compliance_ctx_diag(ctx, i));
	else
		cli_error(compliance_ctx_errmsg(ctx));
}

static int looks_like_file(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') != NULL || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

/* Opens a built-in profile or a profile file; prints the error. */
static int open_profile(compliance_ctx *ctx, const char *spec, compliance_profile **out)
{
	int rc;

	if (looks_like_file(spec))
		rc = compliance_profile_load_file(ctx, out, spec);
	else
		rc = compliance_profile_open(ctx, out, spec);
	if (rc == COMPLIANCE_OK)
		return 0;
	ctx_error(ctx);
	return cli_exit_code(rc);
}

static int cmd_profiles(void)
{
	compliance_ctx *ctx;
	size_t i;

	if (compliance_ctx_new(&ctx))
		return 1;
	for (i = 0; i < compliance_builtin_count(); i++) {
		compliance_profile *p;
		if (compliance_profile_open(ctx, &p, compliance_builtin_id(i))) {
			cli_error(compliance_ctx_errmsg(ctx));
			compliance_ctx_free(ctx);
			return 1;
		}
		printf("%s\t%d\t%s\n", esc(compliance_profile_id(p)), compliance_profile_year(p),
		       esc(compliance_profile_name(p)));
		compliance_profile_free(p);
	}
	compliance_ctx_free(ctx);
	return 0;
}

/* The label sets of a profile that declares several (2025: Opini and
 * Kualitas Pelayanan), each band's label with its confidence and source. */
static void show_label_sets(const compliance_profile *p)
{
	size_t s, i;

	printf("\nlabel sets (set 0 is the default label above)\n");
	for (s = 0; s < compliance_profile_label_set_count(p); s++) {
		int scope = compliance_profile_label_set_scope(p, s);
		printf("  %zu %s (%s)  for %s%s%s [%s]\n", s, esc(compliance_profile_label_set_id(p, s)),
		       esc(compliance_profile_label_set_name(p, s)),
		       scope & COMPLIANCE_LABEL_SCOPE_UNIT ? "units" : "",
		       scope == (COMPLIANCE_LABEL_SCOPE_UNIT | COMPLIANCE_LABEL_SCOPE_ENTITY) ? ", " : "",
		       scope & COMPLIANCE_LABEL_SCOPE_ENTITY ? "entities" : "",
		       compliance_confidence_code(compliance_profile_label_set_confidence(p, s)));
		if (compliance_profile_label_set_source(p, s)[0])
			printf("    source: %s\n", esc(compliance_profile_label_set_source(p, s)));
		for (i = 0; i < compliance_profile_band_count(p); i++) {
			const char *cat = compliance_profile_band_category(p, i);
			const char *lab = compliance_profile_band_set_label(p, i, s);
			printf("    %-2s %6s - %-6s  %-20s [%s]%s\n", cat[0] ? esc(cat) : "-",
			       esc(compliance_profile_band_lower(p, i)),
			       esc(compliance_profile_band_upper(p, i)),
			       lab[0] ? esc(lab) : "(not published)",
			       compliance_confidence_code(compliance_profile_band_set_confidence(p, i, s)),
			       compliance_profile_band_set_certificate(p, i, s) == 1 ? "  certificate" : "");
			if (compliance_profile_band_set_source(p, i, s)[0])
				printf("          source: %s\n",
				       esc(compliance_profile_band_set_source(p, i, s)));
		}
	}
}

static int cmd_profile(int argc, char **argv)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	size_t i;
	int rc;
	static const char *const facts[] = { "scale", "rounding", "rollup", "bands", "units" };

	if (argc != 2 || (strcmp(argv[0], "show") && strcmp(argv[0], "check"))) {
		fprintf(stderr, "usage: %s profile show ID|FILE | profile check FILE\n", prog);
		return EXIT_BAD;
	}
	if (compliance_ctx_new(&ctx))
		return 1;
	rc = open_profile(ctx, argv[1], &p);
	if (rc) {
		compliance_ctx_free(ctx);
		return rc;
	}
	if (!strcmp(argv[0], "check")) {
		printf("%s: ok (%s, %d, %zu bands, %zu nodes)\n", esc(argv[1]),
		       esc(compliance_profile_id(p)),
		       compliance_profile_year(p), compliance_profile_band_count(p),
		       compliance_profile_node_count(p));
	} else {
		printf("profile   %s\nyear      %d\nname      %s\n", esc(compliance_profile_id(p)),
		       compliance_profile_year(p), esc(compliance_profile_name(p)));
		printf("scale     %s to %s\nrounding  %s\n", esc(compliance_profile_scale_min(p)),
		       esc(compliance_profile_scale_max(p)), esc(compliance_profile_rounding(p)));
		{
			int t, any = 0;
			printf("units    ");
			for (t = COMPLIANCE_ENTITY_KEMENTERIAN; t <= COMPLIANCE_ENTITY_KABUPATEN; t++) {
				size_t lo, hi;
				if (compliance_profile_unit_count_range(p, t, &lo, &hi) == COMPLIANCE_OK) {
					printf("%s %s %zu to %zu", any ? "," : "",
					       compliance_enum_short_name("compliance_entity_type", t), lo, hi);
					any = 1;
				}
			}
			printf("%s\n", any ? "; other types unknown" : " unknown");
		}
		printf("\nsources\n");
		for (i = 0; i < sizeof facts / sizeof facts[0]; i++)
			printf("  %-9s [%s] %s\n", facts[i],
			       compliance_confidence_code(compliance_profile_fact_confidence(p, (int)i)),
			       esc(compliance_profile_fact_source(p, (int)i)));
		printf("\nbands\n");
		if (!compliance_profile_band_count(p))
			printf("  (none: not published; give them in your own profile, see sources)\n");
		for (i = 0; i < compliance_profile_band_count(p); i++) {
			const char *cat = compliance_profile_band_category(p, i);
			printf("  %-2s %6s - %-6s  %-7s %-20s [%s]\n", cat[0] ? esc(cat) : "-",
			       esc(compliance_profile_band_lower(p, i)),
			       esc(compliance_profile_band_upper(p, i)),
			       esc(compliance_profile_band_zone(p, i)),
			       esc(compliance_profile_band_label(p, i)),
			       compliance_confidence_code(compliance_profile_band_confidence(p, i)));
		}
		if (compliance_profile_label_set_count(p) > 1)
			show_label_sets(p);
		printf("\nindicator tree (weight within parent)\n");
		if (!compliance_profile_node_count(p))
			printf("  (none published)\n");
		for (i = 0; i < compliance_profile_node_count(p); i++) {
			int d = compliance_profile_node_depth(p, i), k;
			const char *w = compliance_profile_node_weight(p, i);
			const char *mn = compliance_profile_node_scale_min(p, i);
			printf("  ");
			for (k = 0; k < d; k++)
				printf("  ");
			printf("%s (%s)  weight %s [%s]", esc(compliance_profile_node_id(p, i)),
			       esc(compliance_profile_node_name(p, i)),
			       w[0] ? esc(w) : "unknown",
			       compliance_confidence_code(compliance_profile_node_confidence(p, i)));
			if (mn[0])
				printf("  answers %s..%s", esc(mn),
				       esc(compliance_profile_node_scale_max(p, i)));
			printf("\n");
			if (compliance_profile_node_source(p, i)[0]) {
				printf("  ");
				for (k = 0; k < d; k++)
					printf("  ");
				printf("  source: %s\n",
				       esc(compliance_profile_node_source(p, i)));
			}
		}
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	return esc_failed ? 1 : 0;
}

static int cmd_classify(int argc, char **argv)
{
	const char *spec = NULL;
	compliance_ctx *ctx;
	compliance_profile *p;
	int i, first = -1, status = 0, rc;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--profile") && i + 1 < argc) {
			spec = argv[++i];
		} else if (!strncmp(argv[i], "--profile=", 10)) {
			spec = argv[i] + 10;
		} else if (!strcmp(argv[i], "--")) {
			first = i + 1;
			break;
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			return bad("classify: unknown option %s", argv[i]);
		} else {
			first = i;
			break;
		}
	}
	if (!spec)
		return bad("classify: %s", "--profile ID is required");
	if (first < 0 || first >= argc)
		return bad("classify: %s", "give at least one SCORE");
	if (compliance_ctx_new(&ctx))
		return 1;
	rc = open_profile(ctx, spec, &p);
	if (rc) {
		compliance_ctx_free(ctx);
		return rc;
	}
	for (i = first; i < argc; i++) {
		int64_t r;
		size_t b;
		char buf[32];
		const char *cat;

		rc = compliance_profile_classify(ctx, p, argv[i], &r, &b);
		if (rc) {
			cli_error(compliance_ctx_errmsg(ctx));
			status = cli_exit_code(rc);
			continue;
		}
		compliance_format_scaled(buf, sizeof buf, r, compliance_profile_decimals(p));
		cat = compliance_profile_band_category(p, b);
		printf("%s\t%s\t%s\t%s\n", buf, cat[0] ? esc(cat) : "-",
		       esc(compliance_profile_band_zone(p, b)),
		       esc(compliance_profile_band_label(p, b)));
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	return esc_failed ? 1 : status;
}

enum { FMT_TABLE = COMPLIANCE_FORMAT_TABLE, FMT_CSV = COMPLIANCE_FORMAT_CSV,
       FMT_JSON = COMPLIANCE_FORMAT_JSON };

/* --skm ENTITY,ENTITY_TYPE,UNIT,NODE=FILE: the unit's SKM survey (skm-2017)
 * scored and fed into NODE (compliance_assessment_add_skm). Returns 0 or
 * the exit status, having printed why. */
static int feed_skm(compliance_ctx *ctx, compliance_assessment *a, const char *arg,
                    int missing)
{
	char buf[4096], *f[4], *eq, *c;
	compliance_profile *sp = NULL;
	compliance_skm *s = NULL;
	int k, rc;

	if (strlen(arg) >= sizeof buf)
		return bad("score: --skm %.60s...: too long", arg);
	strcpy(buf, arg);
	f[0] = buf;
	for (k = 1, c = buf; k < 4; k++) {
		c = strchr(c, ',');
		if (!c)
			break;
		*c++ = '\0';
		f[k] = c;
	}
	eq = k == 4 ? strchr(f[3], '=') : NULL;
	if (!eq || eq == f[3] || !eq[1])
		return bad("score: --skm '%s': expected ENTITY,ENTITY_TYPE,UNIT,NODE=FILE", arg);
	*eq = '\0';
	if ((rc = compliance_profile_open(ctx, &sp, "skm-2017")) ||
	    (rc = compliance_skm_new(ctx, &s, sp))) {
		cli_error(compliance_ctx_errmsg(ctx));
		compliance_profile_free(sp);
		return cli_exit_code(rc);
	}
	compliance_profile_free(sp);
	compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, missing);
	rc = compliance_skm_read_csv_file(s, eq + 1);
	if (!rc)
		rc = compliance_skm_compute(s);
	if (rc) {
		cli_error(compliance_skm_errmsg(s));
		compliance_skm_free(s);
		return cli_exit_code(rc);
	}
	rc = compliance_assessment_add_skm(a, f[0], f[1], f[2], f[3], s);
	compliance_skm_free(s);
	if (rc) {
		char msg[2048];
		snprintf(msg, sizeof msg, "--skm %s: %s", arg, compliance_assessment_errmsg(a));
		cli_error(msg);
		return cli_exit_code(rc);
	}
	return 0;
}

static int cmd_score(int argc, char **argv, int explain, int advise)
{
	const char *spec = NULL, *file = NULL, *entity = NULL;
	int format = FMT_TABLE, rollup = COMPLIANCE_ROLLUP_DEFAULT, i, rc,
	    status = 0, missing = -1;
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	const char *skm[64];
	int nskm = 0, skm_missing = COMPLIANCE_SKM_MISSING_AVAILABLE;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "--profile") && i + 1 < argc) {
			spec = argv[++i];
		} else if (!strcmp(arg, "--skm") && i + 1 < argc) {
			if (nskm == (int)(sizeof skm / sizeof skm[0]))
				return bad("score: %s", "more than 64 --skm options");
			skm[nskm++] = argv[++i];
		} else if (!strcmp(arg, "--skm-missing") && i + 1 < argc) {
			const char *m = argv[++i];
			if (!strcmp(m, "available"))
				skm_missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
			else if (!strcmp(m, "listwise"))
				skm_missing = COMPLIANCE_SKM_MISSING_LISTWISE;
			else
				return bad("score: unknown --skm-missing '%s': expected available or "
				           "listwise", m);
		} else if (!strcmp(arg, "--format") && i + 1 < argc) {
			const char *f = argv[++i];
			if (!strcmp(f, "table") || (explain && !strcmp(f, "text")))
				format = FMT_TABLE;
			else if (!strcmp(f, "csv"))
				format = FMT_CSV;
			else if (!strcmp(f, "json"))
				format = FMT_JSON;
			else
				return bad("score: unknown format '%s': expected table, csv or json", f);
		} else if (!strcmp(arg, "--rollup") && i + 1 < argc) {
			const char *r = argv[++i];
			if (!strcmp(r, "units"))
				rollup = COMPLIANCE_ROLLUP_UNITS;
			else if (!strcmp(r, "products"))
				rollup = COMPLIANCE_ROLLUP_PRODUCTS;
			else
				return bad("score: unknown roll-up '%s': expected units or products", r);
		} else if (!strcmp(arg, "--missing") && i + 1 < argc) {
			const char *m = argv[++i];
			if (!strcmp(m, "error"))
				missing = COMPLIANCE_MISSING_ERROR;
			else if (!strcmp(m, "exclude"))
				missing = COMPLIANCE_MISSING_EXCLUDE;
			else if (!strcmp(m, "minimum"))
				missing = COMPLIANCE_MISSING_MINIMUM;
			else
				return bad("unknown missing-answer policy '%s': expected error, exclude or "
				           "minimum", m);
		} else if (arg[0] == '-' && arg[1] == '-') {
			return bad("score: unknown or incomplete option %s", arg);
		} else if (!file) {
			file = arg;
		} else if (explain && !entity) {
			entity = arg;
		} else {
			return bad("score: more than one FILE given (%s)", arg);
		}
	}
	if (!spec)
		return bad("score: %s", "--profile ID is required");
	if (!file)
		return bad("score: %s", "give a CSV FILE, or - for standard input");
	if (explain && !entity)
		return bad("explain: %s", "give the ENTITY to explain after the FILE");
	if (explain && format == FMT_CSV)
		return bad("explain: %s", "--format is text or json");
	if (compliance_ctx_new(&ctx))
		return 1;
	rc = open_profile(ctx, spec, &p);
	if (rc) {
		compliance_ctx_free(ctx);
		return rc;
	}
	if (compliance_profile_kind(p) == COMPLIANCE_PROFILE_SKM) {
		char msg[512];
		snprintf(msg, sizeof msg, "profile '%s' is an SKM survey method, not an assessment: "
		         "use `compliance skm --profile %s FILE`", compliance_profile_id(p),
		         compliance_profile_id(p));
		cli_error(msg);
		compliance_profile_free(p);
		compliance_ctx_free(ctx);
		return EXIT_BAD;
	}
	rc = compliance_assessment_new(ctx, &a, p);
	compliance_profile_free(p); /* the assessment holds its own reference */
	if (rc) {
		cli_error(compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		return 1;
	}
	if (rollup != COMPLIANCE_ROLLUP_DEFAULT &&
	    compliance_assessment_set_option(a, COMPLIANCE_OPT_ROLLUP, rollup)) {
		cli_error(compliance_assessment_errmsg(a));
		status = EXIT_BAD;
		goto out;
	}
	if (missing >= 0)
		compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, missing);
	if (!strcmp(file, "-")) {
		size_t len;
		char *data = cli_read_stream(stdin, &len, &rc);
		if (!data) {
			if (rc == COMPLIANCE_E_IO)
				fprintf(stderr, "%s: <stdin>: read error: %s\n", prog, strerror(errno));
			else
				fprintf(stderr, "%s: out of memory reading standard input\n", prog);
			status = cli_exit_code(rc);
			goto out;
		}
		{
			size_t k = 0;
			while (k < len && (data[k] == ' ' || data[k] == '\n' || data[k] == '\r' ||
			                   data[k] == '\t'))
				k++;
			if (k < len && data[k] == '{')
				rc = compliance_assessment_read_json_buffer(a, data, len, "<stdin>");
			else
				rc = compliance_assessment_read_csv_buffer(a, data, len, "<stdin>");
		}
		free(data);
	} else if (strlen(file) > 5 && !strcmp(file + strlen(file) - 5, ".json")) {
		rc = compliance_assessment_read_json_file(a, file);
	} else {
		rc = compliance_assessment_read_csv_file(a, file);
	}
	for (i = 0; rc == COMPLIANCE_OK && i < nskm; i++) {
		rc = feed_skm(ctx, a, skm[i], skm_missing);
		if (rc) {
			status = rc;
			goto out;
		}
	}
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_compute(a);
	if (rc) {
		cli_error(compliance_assessment_errmsg(a));
		status = cli_exit_code(rc);
		goto out;
	}
	/* a unit count outside the profile's range: scored all the same */
	{
		size_t e, lo, hi;
		for (e = 0; e < compliance_assessment_entity_count(a); e++) {
			int check = compliance_assessment_entity_unit_check(a, e);
			if (check != COMPLIANCE_UNITS_TOO_FEW && check != COMPLIANCE_UNITS_TOO_MANY)
				continue;
			compliance_profile_unit_count_range(compliance_assessment_profile(a),
			                                    compliance_assessment_entity_type(a, e), &lo,
			                                    &hi);
			fprintf(stderr, "%s: warning: entity '%s' has %zu units; profile %s expects %zu to "
			                "%zu: scored all the same\n",
			        prog, esc(compliance_assessment_entity_name(a, e)),
			        compliance_assessment_unit_count(a, e),
			        esc(compliance_profile_id(compliance_assessment_profile(a))), lo, hi);
		}
	}
	if (explain) {
		size_t idx;
		char *text;
		if (compliance_assessment_find(a, entity, &idx)) {
			char msg[1024];
			snprintf(msg, sizeof msg, "%s: entity '%s' is not in %s",
			         advise ? "advise" : "explain", entity, file);
			cli_error(msg);
			status = EXIT_BAD;
			goto out;
		}
		rc = (advise ? compliance_assessment_advise : compliance_assessment_explain)(
			a, idx, format == FMT_JSON ? COMPLIANCE_EXPLAIN_JSON : COMPLIANCE_EXPLAIN_TEXT, &text);
		if (rc) {
			const char *why = compliance_assessment_errmsg(a);
			char msg[1024];
			/* the library's message names the command and the entity */
			if (why && why[0])
				snprintf(msg, sizeof msg, "%s", why);
			else
				snprintf(msg, sizeof msg, "%s: %s", advise ? "advise" : "explain",
				         compliance_strerror(rc));
			cli_error(msg);
			status = cli_exit_code(rc);
			goto out;
		}
		cli_put(text);
		if (format == FMT_JSON)
			fputc('\n', stdout);
		compliance_free(text);
	} else {
		char *text;
		rc = compliance_assessment_write(a, format, &text);
		if (rc) {
			cli_error(compliance_assessment_errmsg(a));
			status = cli_exit_code(rc);
			goto out;
		}
		cli_put(text);
		compliance_free(text);
	}
out:
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
	return status;
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_BAD;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("compliance %s (libcompliance %s)\n", COMPLIANCE_VERSION_STRING,
		       compliance_version_string());
		return 0;
	}
	if (!strcmp(argv[1], "profiles"))
		return cmd_profiles();
	if (!strcmp(argv[1], "profile"))
		return cmd_profile(argc - 2, argv + 2);
	if (!strcmp(argv[1], "classify"))
		return cmd_classify(argc - 2, argv + 2);
	if (!strcmp(argv[1], "score"))
		return cmd_score(argc - 2, argv + 2, 0, 0);
	if (!strcmp(argv[1], "skm"))
		return compliance_cli_skm(argc - 2, argv + 2);
	if (!strcmp(argv[1], "explain"))
		return cmd_score(argc - 2, argv + 2, 1, 0);
	if (!strcmp(argv[1], "advise"))
		return cmd_score(argc - 2, argv + 2, 1, 1);
	bad("unknown command '%s'", argv[1]);
	usage(stderr);
	return EXIT_BAD;
}

int main(int argc, char **argv)
{
	int status = run(argc, argv);

	esc_release();
	return cli_close_stdout(status);
}
