/*
 * Replays fuzz inputs without libFuzzer (zstd tests/fuzz/regression_driver.c):
 * every argument is a file or a directory whose files are each passed, in
 * name order, to LLVMFuzzerTestOneInput. Each input is copied into a buffer
 * of exactly its size, so that AddressSanitizer or valgrind see a read past
 * its end. Exits non-zero when an argument cannot be read or holds no input.
 *
 * Like libFuzzer's -timeout and -rss_limit_mb, an input that runs too long
 * or takes too much memory fails instead of stalling or exhausting the
 * machine: each input has FUZZ_INPUT_TIMEOUT seconds (default 60), and the
 * process FUZZ_MEMORY_MB megabytes of address space (default 1024; 0 for no
 * limit; under AddressSanitizer its own hard RSS limit is used instead), so
 * that the library's allocations fail and the targets report it.
 *
 * Each input runs in a child process, so that one failing input does not
 * hide the others: the driver lists every input that failed (crashed,
 * aborted, timed out). FUZZ_NO_FORK=1 runs them all in this process.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#  define FUZZ_ASAN 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define FUZZ_ASAN 1
#  endif
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* AddressSanitizer reserves terabytes of address space, so no RLIMIT_AS:
 * ask it to stop the process above 2 GB of resident memory instead. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "hard_rss_limit_mb=2048";
}

static const char *current = "";

static void on_alarm(int sig)
{
	static const char msg[] = "regression_driver: timeout on ";
	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0 || write(2, current, strlen(current)) < 0 ||
	    write(2, "\n", 1) < 0)
		_exit(1);
	_exit(1);
}

static int failed; /* inputs that failed in a child */

static void one_input(const uint8_t *buf, size_t size)
{
	const char *t = getenv("FUZZ_INPUT_TIMEOUT");

	alarm(t ? (unsigned)atoi(t) : 60);
	LLVMFuzzerTestOneInput(buf, size);
	alarm(0);
}

static void limits(void)
{
	const char *mb = getenv("FUZZ_MEMORY_MB");
	long limit = mb ? atol(mb) : 1024;

	signal(SIGALRM, on_alarm);
#ifndef FUZZ_ASAN
	if (limit > 0) {
		struct rlimit rl;
		rl.rlim_cur = rl.rlim_max = (rlim_t)limit * 1024 * 1024;
		if (setrlimit(RLIMIT_AS, &rl) != 0)
			perror("regression_driver: setrlimit");
	}
#else
	(void)limit;
#endif
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;
	size_t got;

	if (!f) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "%s: cannot seek\n", path);
		fclose(f);
		return -1;
	}
	/* exactly len bytes (one for an empty file, which is passed as size 0) */
	buf = malloc(len ? (size_t)len : 1);
	if (!buf) {
		fclose(f);
		return -1;
	}
	got = fread(buf, 1, (size_t)len, f);
	fclose(f);
	if (got != (size_t)len) {
		fprintf(stderr, "%s: short read\n", path);
		free(buf);
		return -1;
	}
	current = path;
	printf("%s\n", path);
	fflush(stdout);
	if (getenv("FUZZ_NO_FORK")) {
		one_input(buf, got);
	} else {
		pid_t pid = fork();
		int status = 0;

		if (pid < 0) {
			perror("fork");
			free(buf);
			return -1;
		}
		if (pid == 0) {
			one_input(buf, got);
			exit(0); /* not _exit: LeakSanitizer checks at exit */
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "FAILED: %s (%s %d)\n", path,
			        WIFSIGNALED(status) ? "signal" : "exit status",
			        WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			failed++;
		}
	}
	free(buf);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of a directory, in name order; returns the count
 * or -1. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	long count = 0;

	if (!d) {
		fprintf(stderr, "%s: cannot open the directory\n", dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
			if (!nn)
				break;
			names = nn;
		}
		names[n] = strdup(e->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		struct stat st;

		if (!path) {
			count = -1;
		} else {
			snprintf(path, len, "%s/%s", dir, names[i]);
			if (count >= 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
				count = run_file(path) == 0 ? count + 1 : -1;
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	long total = 0;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
		return 2;
	}
	limits();
	for (i = 1; i < argc; i++) {
		struct stat st;
		long n;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "%s: no such file or directory\n", argv[i]);
			return 1;
		}
		if (S_ISDIR(st.st_mode)) {
			n = run_dir(argv[i]);
			if (n < 0)
				return 1;
			if (n == 0) {
				fprintf(stderr, "%s: no input in this directory\n", argv[i]);
				return 1;
			}
		} else {
			if (run_file(argv[i]) != 0)
				return 1;
			n = 1;
		}
		printf("%s: %ld input%s replayed\n", argv[i], n, n == 1 ? "" : "s");
		total += n;
	}
	if (failed) {
		printf("%ld inputs replayed, %d failed (listed above as FAILED)\n", total, failed);
		return 1;
	}
	printf("%ld inputs replayed, no failure\n", total);
	return 0;
}
