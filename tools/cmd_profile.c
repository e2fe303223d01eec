/*
 * compliance profiles | profile show|check | classify: the profile
 * commands, a thin layer over compliance/profile.h.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "cli_util.h"
#include "commands.h"

#define EXIT_BAD CLI_EXIT_BAD
#define esc cli_esc
#define bad cli_bad
#define ctx_error cli_ctx_error
#define open_profile cli_open_profile


static const char profiles_usage[] =
	"usage: compliance profiles\n"
	"\n"
	"Lists the built-in profiles: id, year and name, one per line, tab-separated.\n";

int cmd_profiles(int argc, char **argv)
{
	compliance_ctx *ctx;
	size_t i;
	static const struct option opts[] = { { "help", no_argument, NULL, 'h' }, { 0, 0, 0, 0 } };
	int c;

	while ((c = cli_getopt(argc, argv, opts, "profiles")) != -1) {
		if (c == 'h') {
			fputs(profiles_usage, stdout);
			return 0;
		}
		return EXIT_BAD;
	}
	if (optind < argc)
		return bad("profiles: unexpected argument %s", argv[optind]);

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

static const char profile_usage[] =
	"usage: compliance profile show ID|FILE\n"
	"       compliance profile check FILE\n"
	"\n"
	"show   prints a profile: scale, rounding, unit counts, sources, bands, label\n"
	"       sets and the indicator tree with weights and their confidence\n"
	"check  validates a profile file (docs/profile-format.md) and prints a summary\n"
	"\n"
	"ID is a built-in profile (see `compliance profiles`); FILE a path (with a '/'\n"
	"or ending in .json).\n";

int cmd_profile(int argc, char **argv)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	size_t i;
	int rc;
	static const char *const facts[] = { "scale", "rounding", "rollup", "bands", "units" };

	for (i = 1; i < (size_t)argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(profile_usage, stdout);
			return 0;
		}
	argc--;
	argv++;
	if (argc != 2 || (strcmp(argv[0], "show") && strcmp(argv[0], "check"))) {
		fputs(profile_usage, stderr);
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
	return cli_esc_failed() ? 1 : 0;
}

static const char classify_usage[] =
	"usage: compliance classify --profile ID|FILE SCORE...\n"
	"\n"
	"Rounds each SCORE (a decimal, e.g. 87.995) as the profile says and prints it\n"
	"with its category, zone and label, tab-separated, one line per score.\n"
	"\n"
	"  --profile ID|FILE  a built-in profile (see `compliance profiles`) or a file\n";

int cmd_classify(int argc, char **argv)
{
	const char *spec = NULL;
	compliance_ctx *ctx;
	compliance_profile *p;
	int i, first, status = 0, rc, c;
	static const struct option opts[] = { { "profile", required_argument, NULL, 'p' },
		                              { "help", no_argument, NULL, 'h' },
		                              { 0, 0, 0, 0 } };

	while ((c = cli_getopt(argc, argv, opts, "classify")) != -1) {
		switch (c) {
		case 'p':
			spec = optarg;
			break;
		case 'h':
			fputs(classify_usage, stdout);
			return 0;
		default:
			return EXIT_BAD;
		}
	}
	first = optind;
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
	return cli_esc_failed() ? 1 : status;
}

