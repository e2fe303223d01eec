/* Helpers shared by the commands of the compliance program. */
#ifndef COMPLIANCE_CLI_UTIL_H
#define COMPLIANCE_CLI_UTIL_H

#include <stdio.h>

/* Reads a whole stream into memory (free() it); NULL when out of memory. */
char *cli_read_stream(FILE *f, size_t *len);

/* Writes one CSV field, quoted when needed (RFC 4180). */
void cli_csv_field(FILE *f, const char *s);

#endif
