/*
 * An XLSX reader: one worksheet of an Office Open XML workbook turned into
 * RFC 4180 CSV text, so that the CSV readers read it unchanged.
 *
 * The sheet is the first of the workbook or the one named. Row N of the
 * sheet is line N of the text: a row the file skips, or whose cells are all
 * empty, is an empty line (the CSV reader skips blank lines). Every row is
 * padded with empty fields to the width of the first non-empty row (the
 * header); empty cells further right are dropped.
 *
 * Cells: shared strings, inline strings and formula text results are copied
 * (rich-text runs joined, phonetic runs left out); a line break inside a
 * cell (Alt+Enter) becomes one space, so that line N stays row N (a name or
 * value never holds one; a notes column often does); booleans are 1 or 0;
 * an error value (#DIV/0!, #N/A, ...) is refused naming the cell; numbers
 * follow cp_xlsx_number().
 *
 * Memory and time are bounded whatever the file: every part is inflated in
 * chunks and refused beyond CP_XLSX_MAX_PART bytes (a zip bomb stops
 * there), the shared strings and the CSV text beyond CP_XLSX_MAX_TEXT, a
 * cell beyond 32767 bytes (Excel's limit); DOCTYPE declarations (entity
 * expansion) are refused. Zip CRCs are checked.
 */
#ifndef COMPLIANCE_XLSX_H
#define COMPLIANCE_XLSX_H

#include <stddef.h>

#include "util/util.h"

#define CP_XLSX_MAX_PART ((size_t)64 << 20)
#define CP_XLSX_MAX_TEXT ((size_t)64 << 20)
#define CP_XLSX_MAX_CELL ((size_t)32767)
/* the longest text cp_xlsx_number() writes, NUL included */
#define CP_XLSX_NUMBER_MAX 64

/*
 * A cell's stored number (the text of its <v>, e.g. "8.7995000000000005E1")
 * as the decimal Excel shows: Excel keeps a binary double and shows at most
 * 15 significant digits, so the text is rounded to 15 significant digits,
 * half away from zero, with exact decimal arithmetic, and written without
 * exponent and without trailing zeros ("87.995", "0.3", "88").
 *
 * When the digits past the 15th are exactly 5 (then zeros), the stored text
 * lies on a halfway point: the binary value it was printed from may lie on
 * either side, so Excel's display cannot be known from the file; that is
 * refused (COMPLIANCE_E_PARSE, *why says so). A number smaller than 1e-20
 * or of 1e21 and more is refused as out of range.
 *
 * Returns 0, or COMPLIANCE_E_PARSE with *why set to a static message.
 */
int cp_xlsx_number(const char *text, char out[CP_XLSX_NUMBER_MAX], const char **why);

/*
 * Reads the sheet (NULL: the first) of the workbook at path into CSV text
 * (*out, released with cp_free(al, ...), *len bytes plus a NUL) and the
 * sheet's name (*sheet_out, released the same way). On failure err says
 * what: "answers.xlsx: not an XLSX workbook (...)", "answers.xlsx[Sheet1]
 * cell C7: ...". Returns 0, COMPLIANCE_E_IO (cannot open), COMPLIANCE_E_PARSE
 * (not a workbook, corrupt, too large, a bad cell), COMPLIANCE_E_NOTFOUND
 * (no such sheet) or COMPLIANCE_E_NOMEM.
 */
int cp_xlsx_read_csv(const cp_alloc *al, cp_error *err, const char *path, const char *sheet,
                     char **out, size_t *len, char **sheet_out);

#endif
