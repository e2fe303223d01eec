/* The allocator every object copies from its context: the caller's
 * functions, or the C library's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "util/util.h"

static void *std_malloc(size_t size, void *ud) { (void)ud; return malloc(size); }
static void *std_realloc(void *p, size_t size, void *ud) { (void)ud; return realloc(p, size); }
static void std_free(void *p, void *ud) { (void)ud; free(p); }

void cp_alloc_default(cp_alloc *al)
{
	al->a.malloc_fn = std_malloc;
	al->a.realloc_fn = std_realloc;
	al->a.free_fn = std_free;
	al->a.userdata = NULL;
}

static const cp_alloc default_alloc = { { std_malloc, std_realloc, std_free, NULL } };

void *cp_malloc(const cp_alloc *al, size_t size)
{
	return al->a.malloc_fn(size ? size : 1, al->a.userdata);
}

void *cp_calloc(const cp_alloc *al, size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size)
		return NULL;
	p = cp_malloc(al, n * size);
	if (p)
		memset(p, 0, n * size != 0 ? n * size : 1);
	return p;
}

void *cp_realloc(const cp_alloc *al, void *ptr, size_t size)
{
	return al->a.realloc_fn(ptr, size ? size : 1, al->a.userdata);
}

void cp_free(const cp_alloc *al, void *ptr)
{
	if (ptr)
		al->a.free_fn(ptr, al->a.userdata);
}

char *cp_strndup(const cp_alloc *al, const char *s, size_t n)
{
	char *r = cp_malloc(al, n + 1);

	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

char *cp_strdup(const cp_alloc *al, const char *s)
{
	return cp_strndup(al, s, strlen(s));
}

int cp_grow(const cp_alloc *al, void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > ((size_t)-1 / 2) / elem)
			return COMPLIANCE_E_NOMEM;
		ncap *= 2;
	}
	p = cp_realloc(al, *arr, ncap * elem);
	if (!p)
		return COMPLIANCE_E_NOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

const cp_alloc *cp_ctx_alloc(const compliance_ctx *ctx)
{
	return ctx ? &ctx->alloc : &default_alloc;
}

int cp_alloc_is_default(const cp_alloc *al)
{
	return al->a.malloc_fn == std_malloc && al->a.realloc_fn == std_realloc &&
	       al->a.free_fn == std_free;
}

void *cp_huge_start(void *raw, size_t size)
{
	uintptr_t at = (uintptr_t)raw;
	char *p = (char *)raw + (size_t)((CP_HUGE_PAGE - at % CP_HUGE_PAGE) % CP_HUGE_PAGE);

#if defined(__linux__) && defined(MADV_HUGEPAGE)
	(void)madvise(p, size, MADV_HUGEPAGE);
#else
	(void)size;
#endif
	return p;
}
