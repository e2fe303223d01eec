/* Helpers shared by the commands of the compliance program. */
#include "cli_util.h"

#include <stdlib.h>
#include <string.h>

char *cli_read_stream(FILE *f, size_t *len)
{
	size_t cap = 65536, n;
	char *buf = malloc(cap), *q;

	*len = 0;
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
	return buf;
}

void cli_csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
}
