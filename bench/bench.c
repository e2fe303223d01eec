/*
 * compliance_bench: times the library on one input, in process, and reports
 * its own peak memory. Driven by bench/run.sh; not a test.
 *
 *   compliance_bench score [--missing error|exclude|minimum] [--repeat N] PROFILE FILE
 *       PROFILE is a built-in id or a profile file; FILE a CSV of unit scores
 *       or indicator values. Each repetition loads the profile, reads the
 *       file and computes every entity, with a fresh assessment.
 *
 *   compliance_bench skm [--no-duplicate-check] [--export] FILE
 *       FILE is an SKM survey CSV (respondent,U1..U9), streamed; with
 *       --export read as an export (compliance_skm_read_export_file(): the
 *       columns found by their header, what `compliance skm` does).
 *       Prints wall_s and cpu_s (the process's CPU time, CLOCK_PROCESS_
 *       CPUTIME_ID) of the read and the compute.
 *
 *   compliance_bench run [--repeat N] [--stdout FILE] [--timeout S] -- COMMAND [ARGS...]
 *       runs a program N times (posix_spawn, standard output to FILE or
 *       /dev/null) and reports its wall time (best and first run) and its
 *       peak resident set from wait4()'s rusage (ru_maxrss): the figure
 *       getrusage(RUSAGE_CHILDREN) gives (and /usr/bin/time -v prints as
 *       "Maximum resident set size"), measured from a small parent so that
 *       the parent's own memory does not show through; cpu_s is its user +
 *       system time (best run), steadier than wall time on a busy machine.
 *       With --timeout, a
 *       run still going after S seconds is killed and reported as
 *       timeout=1 status=124 (the benchmark of a job still quadratic).
 *
 * Output: one line of key=value pairs, e.g.
 *   mode=score rows=168000 entities=600 load_s=0.000212 read_s=0.081 compute_s=0.012
 *   wall_s=0.094 best_wall_s=0.093 maxrss_kb=41234 checksum=...
 * Times are wall-clock (CLOCK_MONOTONIC); wall_s is the first repetition,
 * best_wall_s the fastest; maxrss_kb is getrusage(RUSAGE_SELF).ru_maxrss.
 * Exit status 0, or 2 with the library's message on stderr.
 */
#define _DEFAULT_SOURCE /* wait4 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#include "compliance.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The process's CPU time (user + system) so far, in seconds. */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long maxrss_kb(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_maxrss; /* kilobytes on Linux */
}

static int usage(void)
{
	fprintf(stderr,
	        "usage: compliance_bench score [--missing error|exclude|minimum] [--repeat N] "
	        "PROFILE FILE\n"
	        "       compliance_bench skm [--no-duplicate-check] [--export] FILE\n"
	        "       compliance_bench open [--repeat N] ID\n"
	        "       compliance_bench run [--repeat N] [--stdout FILE] [--timeout S] -- "
	        "COMMAND [ARGS...]\n");
	return 2;
}

static int looks_like_file(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') != NULL || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

/* Counts the data rows of a CSV file: lines after the first, not empty. */
static unsigned long count_rows(const char *path)
{
	FILE *f = fopen(path, "rb");
	char buf[1 << 16];
	size_t n, i;
	unsigned long lines = 0;
	int last = '\n';

	if (!f)
		return 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n' && last != '\n')
				lines++;
			if (buf[i] != '\r')
				last = (unsigned char)buf[i];
		}
	}
	if (last != '\n')
		lines++;
	fclose(f);
	return lines ? lines - 1 : 0;
}

/* One load + read + compute; fills the phase times; returns 0 or 2. */
static int score_once(const char *spec, const char *file, int missing, double *load_s,
                      double *read_s, double *compute_s, size_t *entities, uint64_t *checksum)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	compliance_assessment *a = NULL;
	double t0, t1, t2, t3;
	int rc, status = 0;
	size_t i;

	if (compliance_ctx_new(&ctx))
		return 1;
	t0 = now();
	rc = looks_like_file(spec) ? compliance_profile_load_file(ctx, &p, spec)
	                           : compliance_profile_open(ctx, &p, spec);
	if (rc) {
		fprintf(stderr, "compliance_bench: %s\n", compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		return 2;
	}
	rc = compliance_assessment_new(ctx, &a, p);
	compliance_profile_free(p);
	if (rc) {
		fprintf(stderr, "compliance_bench: %s\n", compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		return 2;
	}
	if (missing >= 0)
		compliance_assessment_set_option(a, COMPLIANCE_OPT_MISSING, missing);
	t1 = now();
	rc = compliance_assessment_read_csv_file(a, file);
	t2 = now();
	if (rc == COMPLIANCE_OK)
		rc = compliance_assessment_compute(a);
	t3 = now();
	if (rc) {
		fprintf(stderr, "compliance_bench: %s\n", compliance_assessment_errmsg(a));
		status = 2;
	} else {
		/* touch every result, as a caller printing the table would */
		*entities = compliance_assessment_entity_count(a);
		*checksum = 0;
		for (i = 0; i < *entities; i++) {
			const char *s = compliance_assessment_entity_score_text(a, i);
			size_t rank, rt;
			compliance_assessment_entity_rank(a, i, &rank, &rt);
			for (; *s; s++)
				*checksum = *checksum * 31 + (unsigned char)*s;
			*checksum = *checksum * 31 + rank;
		}
		*load_s = t1 - t0;
		*read_s = t2 - t1;
		*compute_s = t3 - t2;
	}
	compliance_assessment_free(a);
	compliance_ctx_free(ctx);
	return status;
}

static int cmd_score(int argc, char **argv)
{
	const char *spec = NULL, *file = NULL;
	int missing = -1, repeat = 1, i, r, rc;
	double load_s = 0, read_s = 0, compute_s = 0, first = 0, best = 0;
	size_t entities = 0;
	uint64_t checksum = 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--missing") && i + 1 < argc) {
			const char *m = argv[++i];
			missing = !strcmp(m, "error")     ? COMPLIANCE_MISSING_ERROR
			          : !strcmp(m, "exclude") ? COMPLIANCE_MISSING_EXCLUDE
			          : !strcmp(m, "minimum") ? COMPLIANCE_MISSING_MINIMUM
			                                  : -2;
			if (missing == -2)
				return usage();
		} else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
			repeat = atoi(argv[++i]);
			if (repeat < 1)
				return usage();
		} else if (!spec) {
			spec = argv[i];
		} else if (!file) {
			file = argv[i];
		} else {
			return usage();
		}
	}
	if (!spec || !file)
		return usage();
	for (r = 0; r < repeat; r++) {
		double l, rd, c, t = now();
		rc = score_once(spec, file, missing, &l, &rd, &c, &entities, &checksum);
		if (rc)
			return rc;
		t = now() - t;
		if (r == 0) {
			first = t;
			load_s = l;
			read_s = rd;
			compute_s = c;
		}
		if (r == 0 || t < best)
			best = t;
	}
	printf("mode=score rows=%lu entities=%zu load_s=%.6f read_s=%.6f compute_s=%.6f "
	       "wall_s=%.6f best_wall_s=%.6f repeat=%d maxrss_kb=%ld checksum=%016llx\n",
	       count_rows(file), entities, load_s, read_s, compute_s, first, best, repeat,
	       maxrss_kb(), (unsigned long long)checksum);
	return 0;
}

static int cmd_skm(int argc, char **argv)
{
	const char *file = NULL;
	int dup = 1, export = 0, i, rc;
	compliance_ctx *ctx;
	compliance_profile *method = NULL;
	compliance_skm *s;
	double t0, t1, t2, c0, c2;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--no-duplicate-check"))
			dup = 0;
		else if (!strcmp(argv[i], "--export"))
			export = 1;
		else if (!file)
			file = argv[i];
		else
			return usage();
	}
	if (!file)
		return usage();
	if (compliance_ctx_new(&ctx))
		return 1;
	if (compliance_profile_open(ctx, &method, "skm-2017") ||
	    compliance_skm_new(ctx, &s, method)) {
		fprintf(stderr, "compliance_bench: %s\n", compliance_ctx_errmsg(ctx));
		compliance_profile_free(method);
		compliance_ctx_free(ctx);
		return 2;
	}
	compliance_profile_free(method); /* the survey keeps its own reference */
	compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, dup);
	c0 = cpu_now();
	t0 = now();
	rc = export ? compliance_skm_read_export_file(s, file) : compliance_skm_read_csv_file(s, file);
	t1 = now();
	if (rc == COMPLIANCE_OK)
		rc = compliance_skm_compute(s);
	t2 = now();
	c2 = cpu_now();
	if (rc) {
		fprintf(stderr, "compliance_bench: %s\n", compliance_skm_errmsg(s));
		compliance_skm_free(s);
		compliance_ctx_free(ctx);
		return 2;
	}
	printf("mode=skm%s respondents=%llu ikm=%s category=%s duplicate_check=%d read_s=%.6f "
	       "compute_s=%.6f wall_s=%.6f cpu_s=%.6f maxrss_kb=%ld\n", export ? "-export" : "",
	       (unsigned long long)compliance_skm_count(s, COMPLIANCE_SKM_COUNT_READ),
	       compliance_skm_result(s, COMPLIANCE_SKM_IKM),
	       compliance_skm_result(s, COMPLIANCE_SKM_CATEGORY), dup, t1 - t0, t2 - t1,
	       t2 - t0, c2 - c0, maxrss_kb());
	compliance_skm_free(s);
	compliance_ctx_free(ctx);
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	const char *out = "/dev/null";
	int repeat = 1, i, r, status = 0, timed_out = 0;
	double first = 0, best = 0, limit = 0, cpu = 0;
	long rss = 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
			repeat = atoi(argv[++i]);
			if (repeat < 1)
				return usage();
		} else if (!strcmp(argv[i], "--stdout") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
			limit = atof(argv[++i]);
			if (limit <= 0)
				return usage();
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			break;
		}
	}
	if (i >= argc)
		return usage();
	for (r = 0; r < repeat; r++) {
		posix_spawn_file_actions_t fa;
		struct rusage ru;
		pid_t pid;
		int ws, rc;
		double t;

		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		t = now();
		rc = posix_spawnp(&pid, argv[i], &fa, NULL, argv + i, environ);
		posix_spawn_file_actions_destroy(&fa);
		if (rc != 0) {
			fprintf(stderr, "compliance_bench: cannot run %s: %s\n", argv[i], strerror(rc));
			return 2;
		}
		for (;;) {
			pid_t w = wait4(pid, &ws, limit > 0 ? WNOHANG : 0, &ru);
			if (w < 0) {
				perror("compliance_bench: wait4");
				return 2;
			}
			if (w == pid)
				break;
			if (now() - t > limit) {
				kill(pid, SIGKILL);
				timed_out = 1;
				continue;
			}
			{
				struct timespec ms = { 0, 1000000 };
				nanosleep(&ms, NULL);
			}
		}
		t = now() - t;
		status = timed_out                ? 124
		         : WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
		if (status != 0)
			break;
		if (r == 0)
			first = t;
		if (r == 0 || t < best)
			best = t;
		t = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		if (r == 0 || t < cpu)
			cpu = t;
	}
	if (timed_out)
		best = first = limit;
	printf("mode=run wall_s=%.6f first_s=%.6f cpu_s=%.6f repeat=%d maxrss_kb=%ld status=%d "
	       "timeout=%d\n",
	       best, first, cpu, repeat, rss, status, timed_out);
	return status ? 1 : 0;
}

/* A PHP-request-shaped job: open a built-in profile, classify one score,
 * free: the first open parses the profile, later ones share it. Prints the
 * first open and the mean of the next N in microseconds. */
static int cmd_open(int argc, char **argv)
{
	const char *id = NULL;
	long repeat = 100000, k;
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	double t0, first, rest;
	int64_t rounded;
	size_t band;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
			repeat = strtol(argv[++i], NULL, 10);
			if (repeat < 1)
				return usage();
		} else if (!id) {
			id = argv[i];
		} else {
			return usage();
		}
	}
	if (!id)
		return usage();
	t0 = now();
	if (compliance_ctx_new(&ctx) || compliance_profile_open(ctx, &p, id) ||
	    compliance_profile_classify(ctx, p, "73.02", &rounded, &band)) {
		fprintf(stderr, "compliance_bench open: %s\n", compliance_ctx_errmsg(ctx));
		return 1;
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	first = now() - t0;
	t0 = now();
	for (k = 0; k < repeat; k++) {
		if (compliance_ctx_new(&ctx) || compliance_profile_open(ctx, &p, id) ||
		    compliance_profile_classify(ctx, p, "73.02", &rounded, &band))
			return 1;
		compliance_profile_free(p);
		compliance_ctx_free(ctx);
	}
	rest = (now() - t0) / (double)repeat;
	printf("open+classify+free %s: first %.1f us, then %.3f us each (mean of %ld)\n", id,
	       first * 1e6, rest * 1e6, repeat);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "open"))
		return cmd_open(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "score"))
		return cmd_score(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "skm"))
		return cmd_skm(argc - 2, argv + 2);
	return usage();
}
