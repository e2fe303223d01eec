/* Shared by the report emitters (emit.c, explain.c, advise.c). */
#ifndef COMPLIANCE_EMIT_H
#define COMPLIANCE_EMIT_H

struct json_t;

/* Replaces every string in a JSON document (values, recursively) by its
 * terminal-safe form (cp_sb_escaped()): run by the text renderers before
 * they print a document's strings. 0 or COMPLIANCE_E_NOMEM. */
int cp_json_escape_strings(struct json_t *doc);

struct compliance_assessment;
struct cp_strbuf;

/* The rapor (COMPLIANCE_FORMAT_HTML) of a computed assessment, appended to
 * b (report/html.c). COMPLIANCE_OK or COMPLIANCE_E_NOMEM. */
int cp_write_html(struct compliance_assessment *a, struct cp_strbuf *b);

/* The SKM rapor (COMPLIANCE_FORMAT_HTML of compliance_skm_write()): the
 * survey's JSON document as a page (report/html.c). COMPLIANCE_OK or
 * COMPLIANCE_E_NOMEM. */
struct compliance_skm;
int cp_write_skm_html(const struct compliance_skm *s, struct cp_strbuf *b);

/* A thread-local "C" locale for libxlsxwriter's printf of doubles
 * (uselocale(3)): entered before the first libxlsxwriter call, left after
 * workbook_close(). enter: 0, or -1 when no locale object can be made. */
#include <locale.h>
typedef struct cp_c_locale {
	locale_t c, old;
} cp_c_locale;
int cp_c_locale_enter(cp_c_locale *l);
/* libxlsxwriter prints to stderr when workbook_close() cannot create the
 * file: the file is opened here first, so that the usual failures (no such
 * directory, no permission) are our error codes and print nothing. 0, or
 * errno. */
int cp_probe_writable(const char *path);
void cp_c_locale_leave(cp_c_locale *l);

/* The key a name joins on (report/compare.c; also summary.c's group map):
 * trimmed, runs of white space as one space, ASCII letters in lower case.
 * A malloc'ed string, or NULL when out of memory. */
#include <stddef.h>
char *cp_name_key(const char *s, size_t len);

#endif
