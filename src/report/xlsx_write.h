/* The locale guard and the file probe of every libxlsxwriter call
 * (report/xlsx_write.c). */
#ifndef COMPLIANCE_REPORT_XLSX_WRITE_H
#define COMPLIANCE_REPORT_XLSX_WRITE_H

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

#endif
