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

#endif
