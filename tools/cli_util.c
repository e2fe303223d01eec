/* Helpers shared by the commands of the compliance program. */
#include "cli_util.h"

#include <errno.h>
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
