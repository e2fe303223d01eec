/* Helpers shared by the commands of the compliance program. */
#include "cli_util.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"

int cli_exit_code(int rc)
{
	if (rc == COMPLIANCE_OK)
		return 0;
	return rc == COMPLIANCE_E_NOMEM ? CLI_EXIT_INTERNAL : CLI_EXIT_BAD;
}

char *cli_read_stream(FILE *f, size_t *len, int *rc)
{
	size_t cap = 65536, n;
	char *buf = malloc(cap), *q;

	*len = 0;
	*rc = COMPLIANCE_E_NOMEM;
	if (!buf)
		return NULL;
	while ((n = fread(buf + *len, 1, cap - *len, f)) > 0) {
		*len += n;
		if (*len == cap) {
			q = realloc(buf, cap * 2);
			if (!q) {
				free(buf);
				return NULL;
			}
			buf = q;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		/* a read error is not the end of the input: keep nothing */
		int e = errno;
		free(buf);
		errno = e;
		*rc = COMPLIANCE_E_IO;
		return NULL;
	}
	*rc = COMPLIANCE_OK;
	return buf;
}

static int write_errno; /* errno of the first failed write, 0 if none */

void cli_put(const char *text)
{
	if (fputs(text, stdout) == EOF && !write_errno)
		write_errno = errno ? errno : EIO;
}

int cli_close_stdout(int status)
{
	int err = 0, failed = 0;

	if (fflush(stdout) != 0) {
		failed = 1;
		err = errno;
	}
	if (ferror(stdout))
		failed = 1;
	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (!failed)
		return status;
	if (!err)
		err = write_errno;
	if (err)
		fprintf(stderr, "compliance: error writing standard output: %s\n", strerror(err));
	else
		fprintf(stderr, "compliance: error writing standard output\n");
	return status ? status : CLI_EXIT_BAD;
}

void cli_error(const char *text)
{
	char *e = NULL;

	if (compliance_text_escape(text ? text : "", &e) == COMPLIANCE_OK) {
		fprintf(stderr, "compliance: %s\n", e);
		compliance_free(e);
	} else {
		fprintf(stderr, "compliance: out of memory\n");
	}
}

int cli_bad(const char *fmt, const char *arg)
{
	char msg[1024];

	snprintf(msg, sizeof msg, fmt, arg);
	cli_error(msg);
	return CLI_EXIT_BAD;
}

#define ESC_RING 16
static char *esc_ring[ESC_RING];
static size_t esc_next;
static int esc_failed;

const char *cli_esc(const char *s)
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

int cli_esc_failed(void)
{
	return esc_failed;
}

void cli_esc_release(void)
{
	size_t i;

	for (i = 0; i < ESC_RING; i++) {
		compliance_free(esc_ring[i]);
		esc_ring[i] = NULL;
	}
}

void cli_ctx_error(compliance_ctx *ctx)
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

int cli_open_profile(compliance_ctx *ctx, const char *spec, compliance_profile **out)
{
	int rc;

	if (looks_like_file(spec))
		rc = compliance_profile_load_file(ctx, out, spec);
	else
		rc = compliance_profile_open(ctx, out, spec);
	if (rc == COMPLIANCE_OK)
		return 0;
	cli_ctx_error(ctx);
	return cli_exit_code(rc);
}

int cli_getopt_short(int argc, char **argv, const struct option *opts, const char *cmd,
                     const char *shortopts)
{
	char spec[32];
	int c;

	snprintf(spec, sizeof spec, ":h%s", shortopts);
	opterr = 0;
	c = getopt_long(argc, argv, spec, opts, NULL);
	if (c == '?' || c == ':') {
		/* the option as written: getopt has just stepped over it */
		const char *word = optind > 0 && optind <= argc ? argv[optind - 1] : "";
		char msg[512];
		snprintf(msg, sizeof msg, "%s: unknown or incomplete option %s", cmd, word);
		cli_error(msg);
		return '?';
	}
	return c;
}

int cli_write_file(const char *path, const char *text, int newline)
{
	FILE *f = fopen(path, "wb");
	size_t n = strlen(text);
	int ok;

	if (!f) {
		fprintf(stderr, "compliance: %s: cannot write: %s\n", path, strerror(errno));
		return CLI_EXIT_BAD;
	}
	ok = fwrite(text, 1, n, f) == n && (!newline || fputc('\n', f) != EOF);
	if (!ok)
		fprintf(stderr, "compliance: %s: write error: %s\n", path, strerror(errno));
	if (fclose(f) != 0 && ok) {
		fprintf(stderr, "compliance: %s: write error: %s\n", path, strerror(errno));
		ok = 0;
	}
	return ok ? 0 : CLI_EXIT_BAD;
}

int cli_getopt(int argc, char **argv, const struct option *opts, const char *cmd)
{
	return cli_getopt_short(argc, argv, opts, cmd, "");
}
