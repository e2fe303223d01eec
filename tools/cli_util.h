/* Helpers shared by the commands of the compliance program. */
#ifndef COMPLIANCE_CLI_UTIL_H
#define COMPLIANCE_CLI_UTIL_H

#include <stdio.h>

/* Exit statuses: bad input, usage or an input/output error; an internal
 * failure (out of memory). */
#define CLI_EXIT_BAD 2
#define CLI_EXIT_INTERNAL 1

/* The exit status for a COMPLIANCE_E_* code: 0 for COMPLIANCE_OK,
 * CLI_EXIT_INTERNAL for COMPLIANCE_E_NOMEM, CLI_EXIT_BAD otherwise
 * (COMPLIANCE_E_IO included). */
int cli_exit_code(int rc);

/* Reads a whole stream into memory (free() it). NULL when out of memory
 * or on a read error; *rc then says which (COMPLIANCE_E_NOMEM or
 * COMPLIANCE_E_IO, errno kept for the message). */
char *cli_read_stream(FILE *f, size_t *len, int *rc);

/* Writes text to standard output, remembering the reason of a failure
 * for cli_close_stdout(). */
void cli_put(const char *text);

/* Flushes and closes standard output. When a write failed (now or at any
 * earlier write: the stream's error flag is sticky) prints a message naming
 * standard output and the reason, and returns CLI_EXIT_BAD unless status
 * is already non-zero; otherwise returns status. */
int cli_close_stdout(int status);

/* Prints "compliance: " and text to standard error with its control
 * characters escaped (compliance_text_escape()): error messages quote
 * input. */
void cli_error(const char *text);

#endif
