/* What report/compare.c shares. */
#ifndef COMPLIANCE_REPORT_COMPARE_H
#define COMPLIANCE_REPORT_COMPARE_H

/* The key a name joins on (report/compare.c; also summary.c's group map):
 * trimmed, runs of white space as one space, ASCII letters in lower case.
 * A malloc'ed string, or NULL when out of memory. */
#include <stddef.h>
char *cp_name_key(const char *s, size_t len);

#endif
