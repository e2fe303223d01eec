/* Shared by the report emitters (emit.c, explain.c, advise.c). */
#ifndef COMPLIANCE_EMIT_H
#define COMPLIANCE_EMIT_H

struct json_t;

/* Replaces every string in a JSON document (values, recursively) by its
 * terminal-safe form (cp_sb_escaped()): run by the text renderers before
 * they print a document's strings. 0 or COMPLIANCE_E_NOMEM. */
int cp_json_escape_strings(struct json_t *doc);

#endif
