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

/*
 * libxlsxwriter, loaded on first use (dlopen of its SONAME,
 * CP_XLSXWRITER_SONAME, found at configure time) rather than linked: it
 * pulls in libcrypto, and loading the two cost every process that links
 * libcompliance 2-3 ms at start (issue 13: the CLI on a national file, the
 * PHP fallback's process a call) though most never write a workbook. The
 * calls go through this table; the header gives the types.
 */
#include <xlsxwriter.h>

#define CP_LXW_SYMBOLS(X)                                                                  \
	X(workbook_new) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_close)     \
	X(format_set_bold) X(worksheet_write_string) X(worksheet_write_number)                 \
	X(worksheet_freeze_panes) X(worksheet_set_column) X(worksheet_data_validation_cell)    \
	X(lxw_strerror)

typedef struct cp_lxw {
#define CP_LXW_MEMBER(name) __typeof__(name) *name;
	CP_LXW_SYMBOLS(CP_LXW_MEMBER)
#undef CP_LXW_MEMBER
} cp_lxw;

/* The table, loaded once for the process (thread-safe); NULL with *why
 * saying why the library cannot be loaded (the same answer after). */
const cp_lxw *cp_lxw_get(const char **why);
/* Loads `soname` into *out: 0, or -1 with why[0..whylen) saying why (not
 * found, or a symbol missing). The handle stays open. (cp_lxw_get's work;
 * tests call it with other names.) */
int cp_lxw_load(const char *soname, cp_lxw *out, char *why, size_t whylen);

#endif
