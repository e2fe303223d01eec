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
 * (COMPLIANCE_E_IO included). A failure's code is also kept as the code of
 * the run (cli_note_code()). */
int cli_exit_code(int rc);

/*
 * The form of the errors on standard error: text ("compliance: MESSAGE"
 * lines, the default) or, with --error-format json or
 * COMPLIANCE_ERROR_FORMAT=json, one JSON object on the last line of
 * standard error when the run fails:
 *   {"error": {"code": "COMPLIANCE_E_PARSE", "value": -4, "status": 2,
 *              "message": "...", "file": "...", "line": 2, "column": 5,
 *              "field": "score", "messages": ["...", ...]}}
 * code/value: the library's code (compliance_error_name()): the first
 * failure's code, COMPLIANCE_E_INVALID for a usage error, COMPLIANCE_E_IO
 * for a file the program cannot read or write, COMPLIANCE_E_NOMEM for an
 * internal failure; status: the exit status; message: the first error (the
 * library's message, unescaped); file, line, column, field: read from the
 * message's "FILE:LINE[:COLUMN]: field 'NAME'|$.path: " start, each only
 * when present; messages: only when there were several (every error of a
 * CSV read).
 */
void cli_set_error_json(int on);
int cli_error_json(void);
/* Keeps rc (a COMPLIANCE_E_* code, < 0) as the run's code unless one is
 * kept already. */
void cli_note_code(int rc);
/* cli_note_code(rc), cli_error(text), and the exit status for rc. */
int cli_fail(int rc, const char *text);
/* "PATH: WHAT: strerror(errno)" (no reason when errno is 0; "PATH:
 * strerror(errno)" when what is NULL) as a COMPLIANCE_E_IO failure;
 * returns CLI_EXIT_BAD. */
int cli_fail_errno(const char *path, const char *what);
/* At exit: in the JSON form, prints the error object when status is not 0;
 * frees what was kept. Returns status. */
int cli_finish(int status);

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

/* Writes text (and a newline when newline is set) to the file at path,
 * replacing it. 0, or CLI_EXIT_BAD with a message naming the file and the
 * reason when it cannot be written completely (checked at the close). */
int cli_write_file(const char *path, const char *text, int newline);

/* Prints "compliance: " and text to standard error with its control
 * characters escaped (compliance_text_escape()): error messages quote
 * input. In the JSON form (cli_set_error_json()) the text is kept for
 * cli_finish() instead. */
void cli_error(const char *text);

/* Prints "compliance: " and fmt with one %s argument (a command's usage or
 * input error) and returns CLI_EXIT_BAD (the run's code, unless one is kept
 * already: COMPLIANCE_E_INVALID). */
int cli_bad(const char *fmt, const char *arg);

/* Text from a profile or input (names, sources, labels) with its control
 * characters escaped for the terminal (compliance_text_escape()). The texts
 * live in a small ring, so that one printf() can take several; out of
 * memory gives "" and makes cli_esc_failed() true. cli_esc_release()
 * frees the ring (at exit). */
const char *cli_esc(const char *s);
int cli_esc_failed(void);
void cli_esc_release(void);

struct compliance_ctx;
struct compliance_profile;

/* Prints the context's error (or each of its diagnostics), escaped. */
void cli_ctx_error(struct compliance_ctx *ctx);

/* Opens a built-in profile (an id) or a profile file (a path: has a '/'
 * or ends in .json); prints the error. Returns 0 or the exit status. */
int cli_open_profile(struct compliance_ctx *ctx, const char *spec,
                     struct compliance_profile **out);

/*
 * Options of a command, parsed with getopt_long(3): "--opt value" and
 * "--opt=value" alike, and "--" ends the options. cli_getopt() wraps
 * getopt_long() so that an unknown option or one missing its value gives
 * "CMD: unknown or incomplete option OPT" (returned as '?', message
 * printed) and --help/-h is answered by the command's usage on standard
 * output (returned as 'h'); -o FILE is the short form of an option whose val
 * is 'o' (--output) in the commands that have one. Call with the command's
 * argc/argv, argv[0]
 * being the command's name.
 */
struct option;
int cli_getopt(int argc, char **argv, const struct option *opts, const char *cmd);
/* cli_getopt() that also takes the short options in shortopts ("o:"). */
int cli_getopt_short(int argc, char **argv, const struct option *opts, const char *cmd,
                     const char *shortopts);

#endif
