/*
 * A preload shim for the CLI tests: the read of a file fails with EIO once
 * READFAIL_AFTER bytes have been read from it, the way a failing disk
 * does in the middle of a file. Interposes fread() and ferror() (the
 * library calls both through the PLT). Only streams other than stdin are
 * affected.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static FILE *failed; /* the stream whose read failed */
static size_t served;

size_t fread(void *ptr, size_t size, size_t n, FILE *f)
{
	static size_t (*real)(void *, size_t, size_t, FILE *);
	const char *env = getenv("READFAIL_AFTER");
	size_t limit, want, got;

	if (!real)
		real = (size_t(*)(void *, size_t, size_t, FILE *))dlsym(RTLD_NEXT, "fread");
	if (!env || f == stdin || size != 1)
		return real(ptr, size, n, f);
	limit = (size_t)strtoull(env, NULL, 10);
	if (f == failed || served >= limit) {
		failed = f;
		errno = EIO;
		return 0;
	}
	want = n < limit - served ? n : limit - served;
	got = real(ptr, 1, want, f);
	served += got;
	return got;
}

int ferror(FILE *f)
{
	static int (*real)(FILE *);

	if (!real)
		real = (int (*)(FILE *))dlsym(RTLD_NEXT, "ferror");
	return f == failed ? 1 : real(f);
}
