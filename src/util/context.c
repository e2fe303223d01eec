/* The context: an allocator, the last error and its diagnostics. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/util.h"

int compliance_ctx_new_with_allocator(compliance_ctx **out, const compliance_allocator *alloc)
{
	cp_alloc al;
	compliance_ctx *ctx;

	if (!out)
		return COMPLIANCE_E_INVALID;
	*out = NULL;
	if (alloc) {
		if (!alloc->malloc_fn || !alloc->realloc_fn || !alloc->free_fn)
			return COMPLIANCE_E_INVALID;
		al.a = *alloc;
	} else {
		cp_alloc_default(&al);
	}
	ctx = cp_malloc(&al, sizeof *ctx);
	if (!ctx)
		return COMPLIANCE_E_NOMEM;
	memset(ctx, 0, sizeof *ctx);
	ctx->alloc = al;
	*out = ctx;
	return COMPLIANCE_OK;
}

int compliance_ctx_new(compliance_ctx **out)
{
	return compliance_ctx_new_with_allocator(out, NULL);
}

static void clear_diags(compliance_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->ndiags; i++)
		cp_free(&ctx->alloc, ctx->diags[i]);
	ctx->ndiags = 0;
}

void compliance_ctx_free(compliance_ctx *ctx)
{
	cp_alloc al;

	if (!ctx)
		return;
	clear_diags(ctx);
	cp_free(&ctx->alloc, ctx->diags);
	al = ctx->alloc;
	cp_free(&al, ctx);
}

int compliance_ctx_errcode(const compliance_ctx *ctx)
{
	return ctx ? ctx->err.code : COMPLIANCE_E_INVALID;
}

const char *compliance_ctx_errmsg(const compliance_ctx *ctx)
{
	return ctx ? ctx->err.msg : "";
}

size_t compliance_ctx_diag_count(const compliance_ctx *ctx)
{
	return ctx ? ctx->ndiags : 0;
}

const char *compliance_ctx_diag(const compliance_ctx *ctx, size_t index)
{
	if (!ctx || index >= ctx->ndiags)
		return NULL;
	return ctx->diags[index];
}

void cp_ctx_clear(compliance_ctx *ctx)
{
	if (!ctx)
		return;
	cp_error_clear(&ctx->err);
	clear_diags(ctx);
}

int cp_ctx_fail(compliance_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	if (!ctx)
		return code;
	va_start(ap, fmt);
	cp_error_vset(&ctx->err, code, fmt, ap);
	va_end(ap);
	return code;
}

int cp_ctx_diag(compliance_ctx *ctx, const char *fmt, ...)
{
	char raw[CP_ERRMSG_MAX], buf[CP_ERRMSG_MAX];
	va_list ap;
	char *copy;

	if (!ctx)
		return 0;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	cp_utf8_trim(raw);
	cp_escape_fixed(buf, sizeof buf, raw); /* diagnostics quote input */
	if (cp_grow(&ctx->alloc, (void **)&ctx->diags, &ctx->capdiags, ctx->ndiags + 1,
	            sizeof *ctx->diags))
		return COMPLIANCE_E_NOMEM;
	copy = cp_strdup(&ctx->alloc, buf);
	if (!copy)
		return COMPLIANCE_E_NOMEM;
	ctx->diags[ctx->ndiags++] = copy;
	return 0;
}

void compliance_free(void *ptr)
{
	free(ptr);
}

int cp_read_file(const cp_alloc *al, const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n;
	int err;

	*out = NULL;
	*len = 0;
	if (!f)
		return COMPLIANCE_E_IO;
	for (;;) {
		if (cp_grow(al, (void **)&buf, &cap, *len + 65536, 1)) {
			fclose(f);
			cp_free(al, buf);
			return COMPLIANCE_E_NOMEM;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	err = ferror(f);
	fclose(f);
	if (err) {
		cp_free(al, buf);
		return COMPLIANCE_E_IO;
	}
	*out = buf;
	return 0;
}
