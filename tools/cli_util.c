/* Helpers shared by the commands of the compliance program. */
#include "cli_util.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"

/* The errors of the run, for the JSON form: the first failure's code and
 * every message, unescaped. */
static int err_json = -1; /* -1: not decided: COMPLIANCE_ERROR_FORMAT */
static int err_code;
static char **err_msgs;
static size_t err_count, err_cap;

void cli_set_error_json(int on)
{
	err_json = on;
}

int cli_error_json(void)
{
	if (err_json < 0) {
		const char *e = getenv("COMPLIANCE_ERROR_FORMAT");
		err_json = e && !strcmp(e, "json");
	}
	return err_json;
}

void cli_note_code(int rc)
{
	if (rc < 0 && !err_code)
		err_code = rc;
}

int cli_exit_code(int rc)
{
	if (rc == COMPLIANCE_OK)
		return 0;
	cli_note_code(rc);
	return rc == COMPLIANCE_E_NOMEM ? CLI_EXIT_INTERNAL : CLI_EXIT_BAD;
}

int cli_fail(int rc, const char *text)
{
	cli_note_code(rc);
	cli_error(text);
	return cli_exit_code(rc);
}

static void keep_message(const char *text)
{
	char *copy, **grown;

	if (err_count == err_cap) {
		size_t cap = err_cap ? err_cap * 2 : 8;
		grown = realloc(err_msgs, cap * sizeof *grown);
		if (!grown) {
			cli_note_code(COMPLIANCE_E_NOMEM);
			return;
		}
		err_msgs = grown;
		err_cap = cap;
	}
	copy = strdup(text);
	if (!copy) {
		cli_note_code(COMPLIANCE_E_NOMEM);
		return;
	}
	err_msgs[err_count++] = copy;
}

/* A JSON string of text: as it is when it is UTF-8, else escaped
 * (compliance_text_escape() writes bad bytes as \xNN). */
static json_t *json_text(const char *text)
{
	json_t *s = json_string(text);
	char *e = NULL;

	if (s || compliance_text_escape(text, &e) != COMPLIANCE_OK)
		return s;
	s = json_string(e);
	compliance_free(e);
	return s;
}

/* Reads a whole number of at most 9 digits at s; its end in *end. */
static long digits(const char *s, const char **end)
{
	long v = 0;
	int n = 0;

	while (*s >= '0' && *s <= '9' && n < 9) {
		v = v * 10 + (*s++ - '0');
		n++;
	}
	*end = n && !(*s >= '0' && *s <= '9') ? s : NULL;
	return v;
}

/* The location at the start of a message: "FILE:LINE[:COLUMN]: " then
 * "field 'NAME'", "field N" or a JSON path "$...: "; or "FILE: " alone for
 * a file that cannot be read (a FILE with a '/' or a '.', no space). */
static void locate(json_t *err, const char *m)
{
	/* the file part holds no ": ": LINE ends at the first ": " */
	const char *p, *q, *rest = NULL, *sep = strstr(m, ": ");
	long line = 0, column = -1;
	size_t flen = 0;

	for (p = strchr(m, ':'); p && sep && p < sep; p = strchr(p + 1, ':')) {
		if (p == m)
			continue;
		column = -1;
		line = digits(p + 1, &q);
		if (!q || line <= 0 || *q != ':')
			continue;
		if (q[1] >= '0' && q[1] <= '9') {
			column = digits(q + 1, &q);
			if (!q || *q != ':')
				continue;
		}
		if (q != sep)
			continue;
		flen = (size_t)(p - m);
		rest = q + 2;
		break;
	}
	if (!rest) {
		p = sep;
		if (p && p > m && !memchr(m, ' ', (size_t)(p - m)) &&
		    (memchr(m, '/', (size_t)(p - m)) || memchr(m, '.', (size_t)(p - m)) ||
		     ((size_t)(p - m) == 7 && !strncmp(m, "<stdin>", 7))))
			json_object_set_new(err, "file", json_stringn(m, (size_t)(p - m)));
		return;
	}
	json_object_set_new(err, "file", json_stringn(m, flen));
	json_object_set_new(err, "line", json_integer(line));
	if (column >= 0)
		json_object_set_new(err, "column", json_integer(column));
	if (!strncmp(rest, "field '", 7) && (q = strchr(rest + 7, '\''))) {
		json_object_set_new(err, "field", json_stringn(rest + 7, (size_t)(q - rest - 7)));
	} else if (!strncmp(rest, "field ", 6) && rest[6] >= '0' && rest[6] <= '9') {
		for (q = rest + 6; *q >= '0' && *q <= '9'; q++)
			;
		json_object_set_new(err, "field", json_stringn(rest + 6, (size_t)(q - rest - 6)));
	} else if (rest[0] == '$' && (q = strstr(rest, ": "))) {
		json_object_set_new(err, "field", json_stringn(rest, (size_t)(q - rest)));
	}
}

int cli_finish(int status)
{
	size_t i;

	if (status != 0 && cli_error_json()) {
		int code = err_code ? err_code
		                    : status == CLI_EXIT_INTERNAL ? COMPLIANCE_E_NOMEM : COMPLIANCE_E_INVALID;
		const char *first = err_count ? err_msgs[0] : compliance_strerror(code);
		json_t *err = json_object(), *doc = json_object();
		char *text;

		json_object_set_new(err, "code", json_string(compliance_error_name(code)));
		json_object_set_new(err, "value", json_integer(code));
		json_object_set_new(err, "status", json_integer(status));
		json_object_set_new(err, "message", json_text(first));
		locate(err, first);
		if (err_count > 1) {
			json_t *all = json_array();
			for (i = 0; i < err_count; i++)
				json_array_append_new(all, json_text(err_msgs[i]));
			json_object_set_new(err, "messages", all);
		}
		json_object_set_new(doc, "error", err);
		text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
		if (text)
			fprintf(stderr, "%s\n", text);
		else /* out of memory: still one object */
			fprintf(stderr, "{\"error\":{\"code\":\"COMPLIANCE_E_NOMEM\",\"value\":%d,"
			                "\"status\":%d,\"message\":\"out of memory\"}}\n",
			        COMPLIANCE_E_NOMEM, status);
		free(text);
		json_decref(doc);
	}
	for (i = 0; i < err_count; i++)
		free(err_msgs[i]);
	free(err_msgs);
	err_msgs = NULL;
	err_count = err_cap = 0;
	return status;
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
	{
		char msg[256];
		snprintf(msg, sizeof msg, "error writing standard output%s%s", err ? ": " : "",
		         err ? strerror(err) : "");
		cli_fail(COMPLIANCE_E_IO, msg);
	}
	return status ? status : CLI_EXIT_BAD;
}

void cli_error(const char *text)
{
	char *e = NULL;

	if (cli_error_json()) {
		keep_message(text ? text : "");
		return;
	}
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
	cli_note_code(COMPLIANCE_E_INVALID);
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

int cli_fail_errno(const char *path, const char *what)
{
	char msg[1024];
	int e = errno;

	if (!what)
		snprintf(msg, sizeof msg, "%s: %s", path, e ? strerror(e) : "cannot open");
	else
		snprintf(msg, sizeof msg, "%s: %s%s%s", path, what, e ? ": " : "",
		         e ? strerror(e) : "");
	return cli_fail(COMPLIANCE_E_IO, msg);
}

int cli_write_file(const char *path, const char *text, int newline)
{
	FILE *f = fopen(path, "wb");
	size_t n = strlen(text);
	int ok;

	if (!f)
		return cli_fail_errno(path, "cannot write");
	ok = fwrite(text, 1, n, f) == n && (!newline || fputc('\n', f) != EOF);
	if (!ok)
		cli_fail_errno(path, "write error");
	if (fclose(f) != 0 && ok) {
		cli_fail_errno(path, "write error");
		ok = 0;
	}
	return ok ? 0 : CLI_EXIT_BAD;
}

int cli_getopt(int argc, char **argv, const struct option *opts, const char *cmd)
{
	return cli_getopt_short(argc, argv, opts, cmd, "");
}
