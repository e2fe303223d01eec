/*
 * Replays fuzz inputs without libFuzzer (zstd tests/fuzz/regression_driver.c):
 * every argument is a file or a directory whose files (not hidden, in name
 * order) are each passed to LLVMFuzzerTestOneInput. Each input is copied
 * into a buffer of exactly its size, so that AddressSanitizer or valgrind
 * see a read past its end.
 *
 * The inputs run in a child process, one after the other; when an input
 * makes the child fail (crash, abort, sanitizer report, timeout), the driver
 * notes it and starts a new child at the next input, so that one failing
 * input does not hide the others. At the end it lists every failure and
 * exits non-zero if there was any. FUZZ_NO_FORK=1 runs everything in this
 * process instead (for a debugger).
 *
 * Like libFuzzer's -timeout and -rss_limit_mb, an input that runs too long
 * or takes too much memory fails instead of stalling or exhausting the
 * machine: each input has FUZZ_INPUT_TIMEOUT seconds (default 60), and
 * without AddressSanitizer the process has FUZZ_MEMORY_MB megabytes of
 * address space (default 1024; 0 for no limit, e.g. under valgrind). The
 * targets also give the library an allocator with a budget (fuzz_common.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
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

static void limits(void)
{
	const char *mb = getenv("FUZZ_MEMORY_MB");
	long limit = mb ? atol(mb) : 1024;

	signal(SIGALRM, on_alarm);
#ifndef FUZZ_ASAN /* AddressSanitizer reserves terabytes of address space */
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

/* ---- the list of inputs ---------------------------------------------------- */

static char **paths;
static size_t npaths, cappaths;

static int add_path(const char *dir, const char *name)
{
	size_t len = strlen(dir) + (name ? strlen(name) + 1 : 0) + 1;
	char *p = malloc(len);

	if (!p)
		return -1;
	if (name)
		snprintf(p, len, "%s/%s", dir, name);
	else
		snprintf(p, len, "%s", dir);
	if (npaths == cappaths) {
		char **np = realloc(paths, (cappaths = cappaths ? 2 * cappaths : 256) * sizeof *paths);
		if (!np) {
			free(p);
			return -1;
		}
		paths = np;
	}
	paths[npaths++] = p;
	return 0;
}

static int cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files of a directory, sorted; returns how many. */
static long add_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t first = npaths, i, kept;

	if (!d) {
		fprintf(stderr, "%s: cannot open the directory\n", dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && add_path(dir, e->d_name) != 0) {
			closedir(d);
			return -1;
		}
	closedir(d);
	qsort(paths + first, npaths - first, sizeof *paths, cmp_paths);
	for (i = kept = first; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0 && S_ISREG(st.st_mode))
			paths[kept++] = paths[i];
		else
			free(paths[i]);
	}
	npaths = kept;
	return (long)(npaths - first);
}

/* ---- running inputs ----------------------------------------------------------- */

/* Runs one input in this process; -1 when it cannot be read. */
static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;
	size_t got;
	const char *t = getenv("FUZZ_INPUT_TIMEOUT");

	if (!f) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "%s: cannot seek\n", path);
		fclose(f);
		return -1;
	}
	buf = malloc(len ? (size_t)len : 1); /* exactly len bytes (one when empty) */
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
	printf("%s\n", path); /* the last name printed is the one that failed */
	fflush(stdout);
	alarm(t ? (unsigned)atoi(t) : 60);
	LLVMFuzzerTestOneInput(buf, got);
	alarm(0);
	free(buf);
	return 0;
}

/* Runs inputs from `start` in a child; returns the index of the input the
 * child failed on, npaths when all passed, or npaths + 1 when the child
 * failed after the last input (e.g. a leak reported at exit). */
static size_t run_child(size_t start)
{
	int fd[2], status = 0;
	pid_t pid;
	size_t last = start, idx;
	ssize_t n;

	if (pipe(fd) != 0) {
		perror("pipe");
		exit(2);
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		close(fd[0]);
		for (idx = start; idx < npaths; idx++) {
			if (write(fd[1], &idx, sizeof idx) != (ssize_t)sizeof idx)
				_exit(2);
			if (run_file(paths[idx]) != 0)
				exit(3);
		}
		idx = npaths; /* done */
		if (write(fd[1], &idx, sizeof idx) < 0)
			_exit(2);
		close(fd[1]);
		exit(0); /* not _exit: LeakSanitizer checks at exit */
	}
	close(fd[1]);
	for (;;) {
		n = read(fd[0], &idx, sizeof idx);
		if (n == (ssize_t)sizeof idx) {
			last = idx;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		break;
	}
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && last == npaths)
		return npaths;
	if (WIFSIGNALED(status))
		fprintf(stderr, "(the child died of signal %d)\n", WTERMSIG(status));
	return last == npaths ? npaths + 1 : last;
}

int main(int argc, char **argv)
{
	size_t start = 0, nfailed = 0, i;
	char **failed;
	int a;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
		return 2;
	}
	for (a = 1; a < argc; a++) {
		struct stat st;
		long n;

		if (stat(argv[a], &st) != 0) {
			fprintf(stderr, "%s: no such file or directory\n", argv[a]);
			return 1;
		}
		if (S_ISDIR(st.st_mode)) {
			n = add_dir(argv[a]);
			if (n < 0)
				return 1;
			if (n == 0) {
				fprintf(stderr, "%s: no input in this directory\n", argv[a]);
				return 1;
			}
		} else if (add_path(argv[a], NULL) != 0) {
			return 1;
		}
	}
	limits();
	if (getenv("FUZZ_NO_FORK")) {
		for (i = 0; i < npaths; i++)
			if (run_file(paths[i]) != 0)
				return 1;
		printf("%zu inputs replayed, no failure\n", npaths);
		return 0;
	}
	failed = calloc(npaths + 1, sizeof *failed);
	if (!failed)
		return 2;
	while (start < npaths) {
		size_t at = run_child(start);
		if (at == npaths)
			break;
		if (at > npaths) {
			failed[nfailed++] = "(at exit, after the last input: see the report above)";
			break;
		}
		fprintf(stderr, "FAILED: %s\n", paths[at]);
		failed[nfailed++] = paths[at];
		start = at + 1;
	}
	printf("%zu inputs replayed, %zu failed\n", npaths, nfailed);
	for (i = 0; i < nfailed; i++)
		printf("  FAILED: %s\n", failed[i]);
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	free(failed);
	return nfailed ? 1 : 0;
}
