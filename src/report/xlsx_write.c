/*
 * The answer-sheet template (compliance_profile_write_template()) in CSV or
 * XLSX, and the locale guard of every libxlsxwriter call.
 */
#include <dlfcn.h>
#include <errno.h>
#include <locale.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/report.h"
#include "profile/profile_internal.h"
#include "report/xlsx_write.h"
#include "util/strbuf.h"

int cp_c_locale_enter(cp_c_locale *l)
{
	l->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (l->c == (locale_t)0)
		return -1;
	l->old = uselocale(l->c);
	return 0;
}

int cp_probe_writable(const char *path)
{
	FILE *f = fopen(path, "ab");

	if (!f)
		return errno ? errno : EIO;
	fclose(f);
	return 0;
}

void cp_c_locale_leave(cp_c_locale *l)
{
	uselocale(l->old);
	freelocale(l->c);
}

/* ---- libxlsxwriter, loaded on first use ------------------------------------------- */

int cp_lxw_load(const char *soname, cp_lxw *out, char *why, size_t whylen)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL), *sym;
	const char *e;

	if (!h) {
		e = dlerror();
		snprintf(why, whylen, "%s", e ? e : soname);
		return -1;
	}
	/* memcpy: ISO C has no conversion from dlsym's object pointer to a
	 * function pointer; POSIX guarantees the representation */
#define CP_LXW_LOAD(name)                                                                  \
	if (!(sym = dlsym(h, #name))) {                                                        \
		snprintf(why, whylen, "%s has no symbol %s", soname, #name);                      \
		dlclose(h);                                                                       \
		return -1;                                                                        \
	}                                                                                     \
	memcpy(&out->name, &sym, sizeof out->name);
	CP_LXW_SYMBOLS(CP_LXW_LOAD)
#undef CP_LXW_LOAD
	return 0;
}

static cp_lxw lxw_table;
static char lxw_why[512];
static atomic_int lxw_state; /* 0 not tried, 1 loading, 2 loaded, 3 failed */

const cp_lxw *cp_lxw_get(const char **why)
{
	int s = atomic_load_explicit(&lxw_state, memory_order_acquire);

	while (s < 2) {
		int none = 0;
		if (atomic_compare_exchange_strong_explicit(&lxw_state, &none, 1, memory_order_acquire,
		                                            memory_order_acquire)) {
			s = cp_lxw_load(CP_XLSXWRITER_SONAME, &lxw_table, lxw_why, sizeof lxw_why) ? 3 : 2;
			atomic_store_explicit(&lxw_state, s, memory_order_release);
			break;
		}
		sched_yield(); /* another thread is loading it */
		s = atomic_load_explicit(&lxw_state, memory_order_acquire);
	}
	if (s == 3) {
		*why = lxw_why;
		return NULL;
	}
	return &lxw_table;
}

/* ---- the template ------------------------------------------------------------------ */

/* Indicator i's allowed answers, for a person: "0, 1, 2, 3" for a short
 * integer scale (with the rubric labels when the profile has them), "ya
 * (1), tidak (0)" for a 0-1 scale (*list 2: a drop-down of ya and tidak),
 * "25 to 100" otherwise (*list 0). */
static void allowed_text(const cp_node *n, const char *lo, const char *hi, cp_strbuf *b,
                         int *list, long *ilo, long *ihi)
{
	char *end;
	long a = strtol(lo, &end, 10), k;
	int int_lo = *lo && !*end, int_hi;
	long z = strtol(hi, &end, 10);

	int_hi = *hi && !*end;
	*list = int_lo && int_hi && z >= a && z - a <= 10;
	*ilo = a;
	*ihi = z;
	if (!*list) {
		cp_sb_printf(b, "%s to %s", lo, hi);
		return;
	}
	if (a == 0 && z == 1) { /* yes-no: the words the reader takes */
		*list = 2;
		cp_sb_puts(b, "ya (1), tidak (0)");
		return;
	}
	for (k = a; k <= z; k++) {
		cp_sb_printf(b, "%s%ld", k > a ? ", " : "", k);
		if (n->labels && (size_t)(k - a) < n->nlabels && n->labels[k - a] &&
		    n->labels[k - a][0])
			cp_sb_printf(b, " (%s)", n->labels[k - a]);
	}
}

static int template_csv(const compliance_profile *p, const char *entity, const char *type,
                        const char *const *units, size_t nunits, const char *path)
{
	cp_alloc al;
	cp_strbuf b;
	size_t u, i;
	char *text;
	FILE *f;
	int ok;

	cp_alloc_default(&al);
	cp_sb_init(&b, &al);
	cp_sb_puts(&b, "entity,entity_type,unit,indicator,value\n");
	for (u = 0; u < nunits; u++)
		for (i = 0; i < p->nnodes; i++) {
			if (!p->nodes[i].has_scale)
				continue;
			cp_sb_csv_text(&b, entity);
			cp_sb_putc(&b, ',');
			cp_sb_csv_text(&b, type);
			cp_sb_putc(&b, ',');
			cp_sb_csv_text(&b, units[u]);
			cp_sb_putc(&b, ',');
			cp_sb_csv_text(&b, compliance_profile_node_id(p, i));
			cp_sb_puts(&b, ",\n");
		}
	text = cp_sb_take(&b);
	if (!text)
		return COMPLIANCE_E_NOMEM;
	f = fopen(path, "wb");
	if (!f) {
		free(text);
		return COMPLIANCE_E_IO;
	}
	ok = fputs(text, f) >= 0;
	ok = (fclose(f) == 0) && ok;
	free(text);
	if (!ok)
		remove(path);
	return ok ? COMPLIANCE_OK : COMPLIANCE_E_IO;
}

static const char *const petunjuk[] = {
	"Petunjuk pengisian (how to fill in this sheet)",
	"",
	"1. Isi kolom entity (nama instansi, e.g. Kabupaten Bekasi) dan entity_type "
	"(provinsi, kabupaten, kota, ...) di setiap baris.",
	"   Fill in entity and entity_type on every row.",
	"2. Isi kolom value dengan jawaban setiap indikator: pilih dari daftar (drop-down) atau "
	"ketik angka dalam skala yang tertera di bawah.",
	"   Fill in value with each indicator's answer, from the drop-down or within the scale "
	"listed below.",
	"3. Jangan mengubah kolom unit dan indicator, jangan menambah kolom di lembar jawaban.",
	"   Do not change the unit and indicator columns; add no column to the answer sheet.",
	"4. Hitung nilai: compliance score --profile PROFILE FILE.xlsx",
	"   Score it: compliance score --profile PROFILE FILE.xlsx",
	"",
};

static int template_xlsx(const compliance_profile *p, const char *entity, const char *type,
                         const char *const *units, size_t nunits, const char *path)
{
	lxw_workbook *wb;
	lxw_worksheet *ws, *help;
	lxw_format *bold;
	lxw_error lerr;
	cp_c_locale loc;
	const cp_lxw *x;
	const char *why;
	cp_alloc al;
	cp_strbuf b;
	size_t u, i, k;
	lxw_row_t r = 1, hr;
	int rc = COMPLIANCE_OK;
	static const char *const head[] = { "entity", "entity_type", "unit", "indicator", "value" };
	static const char *const help_head[] = { "indicator", "name", "scale_min", "scale_max",
		                                 "allowed" };

	if (!(x = cp_lxw_get(&why)))
		return COMPLIANCE_E_IO; /* libxlsxwriter cannot be loaded */
	if (cp_probe_writable(path))
		return COMPLIANCE_E_IO;
	if (cp_c_locale_enter(&loc))
		return COMPLIANCE_E_NOMEM;
	wb = x->workbook_new(path);
	if (!wb) {
		cp_c_locale_leave(&loc);
		return COMPLIANCE_E_IO;
	}
	ws = x->workbook_add_worksheet(wb, "jawaban");
	help = x->workbook_add_worksheet(wb, "petunjuk");
	bold = x->workbook_add_format(wb);
	if (!ws || !help || !bold) {
		x->workbook_close(wb);
		cp_c_locale_leave(&loc);
		remove(path);
		return COMPLIANCE_E_NOMEM;
	}
	x->format_set_bold(bold);
	cp_alloc_default(&al);
	cp_sb_init(&b, &al);
	for (k = 0; k < 5; k++)
		x->worksheet_write_string(ws, 0, (lxw_col_t)k, head[k], bold);
	x->worksheet_set_column(ws, 0, 1, 24, NULL);
	x->worksheet_set_column(ws, 2, 3, 22, NULL);
	for (k = 0; k < sizeof petunjuk / sizeof petunjuk[0]; k++)
		x->worksheet_write_string(help, (lxw_row_t)k, 0, petunjuk[k], k ? NULL : bold);
	hr = (lxw_row_t)k;
	for (k = 0; k < 5; k++)
		x->worksheet_write_string(help, hr, (lxw_col_t)k, help_head[k], bold);
	hr++;
	/* the indicators on "petunjuk", then each unit's answers on "jawaban" */
	for (i = 0; i < p->nnodes && !b.failed; i++) {
		int list;
		long ilo, ihi;
		if (!p->nodes[i].has_scale)
			continue;
		b.len = 0;
		allowed_text(&p->nodes[i], compliance_profile_node_scale_min(p, i),
		             compliance_profile_node_scale_max(p, i), &b, &list, &ilo, &ihi);
		cp_sb_putc(&b, '\0');
		if (b.failed)
			break;
		x->worksheet_write_string(help, hr, 0, compliance_profile_node_id(p, i), NULL);
		x->worksheet_write_string(help, hr, 1, compliance_profile_node_name(p, i), NULL);
		x->worksheet_write_string(help, hr, 2, compliance_profile_node_scale_min(p, i), NULL);
		x->worksheet_write_string(help, hr, 3, compliance_profile_node_scale_max(p, i), NULL);
		x->worksheet_write_string(help, hr, 4, b.s, NULL);
		hr++;
	}
	for (u = 0; u < nunits && !b.failed; u++) {
		for (i = 0; i < p->nnodes && r < LXW_ROW_MAX; i++) {
			const char *lo = compliance_profile_node_scale_min(p, i);
			const char *hi = compliance_profile_node_scale_max(p, i);
			lxw_data_validation dv;
			char title[32], msg[256];
			char *list_items[12];
			char items[12][24];
			int list;
			long v, ilo, ihi;
			if (!p->nodes[i].has_scale)
				continue;
			b.len = 0;
			allowed_text(&p->nodes[i], lo, hi, &b, &list, &ilo, &ihi);
			cp_sb_putc(&b, '\0');
			if (b.failed)
				break;
			if (entity[0])
				x->worksheet_write_string(ws, r, 0, entity, NULL);
			if (type[0])
				x->worksheet_write_string(ws, r, 1, type, NULL);
			x->worksheet_write_string(ws, r, 2, units[u], NULL);
			x->worksheet_write_string(ws, r, 3, compliance_profile_node_id(p, i), NULL);
			memset(&dv, 0, sizeof dv);
			snprintf(title, sizeof title, "%.31s", compliance_profile_node_id(p, i));
			snprintf(msg, sizeof msg, "%.200s: %.50s", compliance_profile_node_name(p, i), b.s);
			dv.input_title = title;
			dv.input_message = msg;
			dv.error_title = (char *)"Nilai tidak sah";
			dv.error_message = msg;
			if (list == 2) {
				list_items[0] = (char *)"ya";
				list_items[1] = (char *)"tidak";
				list_items[2] = NULL;
				dv.validate = LXW_VALIDATION_TYPE_LIST;
				dv.value_list = list_items;
			} else if (list) {
				for (v = ilo, k = 0; v <= ihi; v++, k++) {
					snprintf(items[k], sizeof items[k], "%ld", v);
					list_items[k] = items[k];
				}
				list_items[k] = NULL;
				dv.validate = LXW_VALIDATION_TYPE_LIST;
				dv.value_list = list_items;
			} else {
				/* a range: as formulas, so no binary double is involved */
				dv.validate = LXW_VALIDATION_TYPE_DECIMAL_FORMULA;
				dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
				dv.minimum_formula = (char *)lo;
				dv.maximum_formula = (char *)hi;
			}
			x->worksheet_data_validation_cell(ws, r, 4, &dv);
			r++;
		}
	}
	x->worksheet_set_column(help, 0, 0, 22, NULL);
	x->worksheet_set_column(help, 1, 1, 60, NULL);
	x->worksheet_freeze_panes(ws, 1, 0);
	if (b.failed)
		rc = COMPLIANCE_E_NOMEM;
	cp_sb_free(&b);
	lerr = x->workbook_close(wb);
	cp_c_locale_leave(&loc);
	if (!rc && lerr != LXW_NO_ERROR)
		rc = COMPLIANCE_E_IO;
	if (rc)
		remove(path);
	return rc;
}

int compliance_profile_write_template(const compliance_profile *p, int format,
                                      const char *entity, const char *entity_type,
                                      const char *const *units, size_t nunits, const char *path)
{
	size_t i, n = 0;

	if (!p || !path || (nunits && !units) ||
	    (format != COMPLIANCE_FORMAT_CSV && format != COMPLIANCE_FORMAT_XLSX))
		return COMPLIANCE_E_INVALID;
	for (i = 0; i < nunits; i++)
		if (!units[i] || !units[i][0] || units[i][0] == '@')
			return COMPLIANCE_E_INVALID;
	for (i = 0; i < p->nnodes; i++)
		n += p->nodes[i].has_scale != 0;
	if (n == 0)
		return COMPLIANCE_E_NOTFOUND;
	if (nunits == 0)
		return COMPLIANCE_E_INVALID;
	if (!entity)
		entity = "";
	if (!entity_type)
		entity_type = "";
	return format == COMPLIANCE_FORMAT_CSV
	               ? template_csv(p, entity, entity_type, units, nunits, path)
	               : template_xlsx(p, entity, entity_type, units, nunits, path);
}
