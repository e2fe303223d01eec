/* Opening a profile: a built-in by id, a file or a buffer (parsed by
 * profile_load.c). */
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
