/* Opening a profile: a built-in by id, a file or a buffer (parsed by
 * profile_load.c). */
#include <stdatomic.h>
#include <string.h>

#include "profile/profile_internal.h"

size_t compliance_builtin_count(void)
{
	return cp_nbuiltins;
}

const char *compliance_builtin_id(size_t index)
{
	return index < cp_nbuiltins ? cp_builtins[index].id : NULL;
}

/*
 * Built-in profiles opened with the C library's allocator are parsed once
 * per process and shared: a profile is immutable and reference-counted, so
 * every caller gets a reference to the same one (thread-safe: the first
 * parse is published with a compare-and-swap; a thread that lost the race
 * drops its own copy). The cache keeps one reference of each until the
 * library is unloaded or the process ends (cache_release). A context with its own allocator always gets its own copy,
 * allocated through it.
 */
#define CP_BUILTIN_CACHE 64
static compliance_profile *_Atomic cache[CP_BUILTIN_CACHE];

/* When the library is unloaded (dlclose() by an interpreter or a database
 * engine that loaded it: PHP FFI, SQLite, Python) or the process ends, the
 * cache's references are dropped, so that unloading leaks nothing; a
 * profile a caller still holds lives on until the caller frees it.
 * (tests/unit/test_unload.c, under LeakSanitizer in tools/ci-extra.sh.) */
__attribute__((destructor)) static void cache_release(void)
{
	size_t i;

	for (i = 0; i < CP_BUILTIN_CACHE; i++) {
		compliance_profile *p = atomic_exchange_explicit(&cache[i], NULL, memory_order_acq_rel);
		if (p)
			compliance_profile_free(p);
	}
}

static int open_cached(compliance_ctx *ctx, compliance_profile **out, size_t i)
{
	compliance_profile *p = atomic_load_explicit(&cache[i], memory_order_acquire), *none = NULL;
	int rc;

	if (p) {
		*out = compliance_profile_ref(p);
		return COMPLIANCE_OK;
	}
	rc = cp_profile_load(ctx, &p, cp_builtins[i].json, cp_builtins[i].size, cp_builtins[i].id);
	if (rc)
		return rc;
	compliance_profile_ref(p); /* the cache's reference */
	if (!atomic_compare_exchange_strong_explicit(&cache[i], &none, p, memory_order_acq_rel,
	                                             memory_order_acquire)) {
		/* another thread published its copy first: use that one */
		compliance_profile_free(p);
		compliance_profile_free(p);
		p = none;
		compliance_profile_ref(p);
	}
	*out = p;
	return COMPLIANCE_OK;
}

int compliance_profile_open(compliance_ctx *ctx, compliance_profile **out, const char *id)
{
	char known[512] = "";
	size_t i;
	int rc;

	cp_ctx_clear(ctx);
	if (!out)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID, "compliance_profile_open: out is NULL");
	*out = NULL;
	if (!id)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID, "compliance_profile_open: id is NULL");
	for (i = 0; i < cp_nbuiltins; i++) {
		if (strcmp(cp_builtins[i].id, id) == 0) {
			if (i < CP_BUILTIN_CACHE && cp_alloc_is_default(cp_ctx_alloc(ctx)))
				return open_cached(ctx, out, i);
			rc = cp_profile_load(ctx, out, cp_builtins[i].json, cp_builtins[i].size,
			                     cp_builtins[i].id);
			return rc;
		}
	}
	if (strcmp(id, "ombudsman-2020") == 0)
		return cp_ctx_fail(ctx, COMPLIANCE_E_NO_ASSESSMENT,
		                   "no assessment was held in 2020: Ombudsman RI skipped the "
		                   "compliance assessment that year; use ombudsman-2019 or "
		                   "ombudsman-2021");
	for (i = 0; i < cp_nbuiltins; i++) {
		if (i)
			strcat(known, ", ");
		strcat(known, cp_builtins[i].id);
	}
	return cp_ctx_fail(ctx, COMPLIANCE_E_NOTFOUND, "unknown profile '%.100s'; known profiles: %s",
	                   id, known);
}

int compliance_profile_load_buffer(compliance_ctx *ctx, compliance_profile **out,
                                   const char *data, size_t size, const char *name)
{
	cp_ctx_clear(ctx);
	if (!out)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID, "compliance_profile_load_buffer: out is NULL");
	*out = NULL;
	if (!data && size)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_profile_load_buffer: data is NULL");
	return cp_profile_load(ctx, out, data ? data : "", size, name ? name : "<buffer>");
}

int compliance_profile_load_file(compliance_ctx *ctx, compliance_profile **out, const char *path)
{
	const cp_alloc *al = cp_ctx_alloc(ctx);
	char *buf;
	size_t len;
	int rc;

	cp_ctx_clear(ctx);
	if (out)
		*out = NULL;
	if (!out || !path)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_profile_load_file: out and path must not be NULL");
	rc = cp_read_file(al, path, &buf, &len);
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_ctx_fail(ctx, rc, "%s: out of memory", path);
	if (rc)
		return cp_ctx_fail(ctx, rc, "%s: cannot open or read the profile file", path);
	rc = cp_profile_load(ctx, out, buf, len, path);
	cp_free(al, buf);
	return rc;
}
