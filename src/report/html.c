/*
 * The rapor: an assessment as one self-contained HTML page
 * (COMPLIANCE_FORMAT_HTML), for people to read and print.
 *
 * - Self-contained: inline CSS and inline SVG only; no script; a
 *   Content-Security-Policy (default-src 'none') forbids every network
 *   load, so the page opens the same offline and leaks nothing.
 * - Two languages without script: Indonesian by default, English by a
 *   radio switch styled with CSS (the :checked ~ sibling selector).
 * - The national table with ranks; counts per category and zone, overall
 *   and by entity type; per entity a bar chart of its units against the
 *   profile's band edges (SVG, integer coordinates computed from the exact
 *   scaled scores), its explanation, its advice and its sensitivity to
 *   the weights not published, within +-20 % (the text forms of
 *   compliance_assessment_explain(), _advise() and _sensitivity()).
 * - Printable: @media print hides the switch and starts each entity on a
 *   new page.
 *
 * Every text taken from input or a profile goes through cp_sb_escaped()
 * (control characters made visible) and then HTML escaping (& < > " ').
 * No binary floating point: positions are integer arithmetic on the
 * scaled scores.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/report.h"
#include "compliance/skm.h"
#include "report/emit.h"
#include "report/html.h"
#include "score/assessment_internal.h"
#include "util/strbuf.h"

/* Text for HTML: control characters made visible, then & < > " ' escaped. */
static void html_text(cp_strbuf *b, const char *s)
{
	cp_strbuf t;
	char *e;
	const char *p;

	cp_sb_init(&t, b->al);
	cp_sb_escaped(&t, s ? s : "");
	e = cp_sb_take(&t);
	if (!e) {
		b->failed = 1;
		return;
	}
	for (p = e; *p; p++) {
		switch (*p) {
		case '&': cp_sb_puts(b, "&amp;"); break;
		case '<': cp_sb_puts(b, "&lt;"); break;
		case '>': cp_sb_puts(b, "&gt;"); break;
		case '"': cp_sb_puts(b, "&quot;"); break;
		case '\'': cp_sb_puts(b, "&#39;"); break;
		default: cp_sb_putc(b, *p);
		}
	}
	cp_free(b->al, e);
}

/* Already-escaped multi-line text (explain/advise text forms): HTML
 * escaping only, newlines kept for <pre>. */
static void html_pre(cp_strbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': cp_sb_puts(b, "&amp;"); break;
		case '<': cp_sb_puts(b, "&lt;"); break;
		case '>': cp_sb_puts(b, "&gt;"); break;
		default: cp_sb_putc(b, *s);
		}
	}
}

/* A phrase in both languages: the page shows one (the switch). */
static void both(cp_strbuf *b, const char *id, const char *en)
{
	cp_sb_printf(b, "<span class=\"id\">%s</span><span class=\"en\">%s</span>", id, en);
}

/* "88.31" (or "-", "100", "65.5") as an integer scaled by 10^dec; digits
 * past dec are dropped (band edges carry the profile's decimals). Returns
 * 0 when the text is not a plain decimal. */
static int scaled(const char *s, int dec, int64_t *out)
{
	int64_t v = 0;
	int neg = 0, frac = -1;

	if (!s || !*s)
		return 0;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || v > INT64_MAX / 100)
			return 0;
		if (frac >= 0 && frac >= dec)
			continue;
		v = v * 10 + (*s - '0');
		if (frac >= 0)
			frac++;
	}
	for (frac = frac < 0 ? 0 : frac; frac < dec; frac++)
		v *= 10;
	*out = neg ? -v : v;
	return 1;
}

/* Chart geometry: the scale [lo, hi] (scaled) onto [X0, X0 + W] pixels. */
enum { X0 = 190, W = 480, ROW = 22, TOP = 26 };

static int64_t xpos(int64_t v, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return X0;
	if (v < lo)
		v = lo;
	if (v > hi)
		v = hi;
	return X0 + (v - lo) * W / (hi - lo);
}

static const char *zone_class(const char *zone)
{
	if (!zone)
		return "z-none";
	if (!strcmp(zone, "hijau"))
		return "z-hijau";
	if (!strcmp(zone, "kuning"))
		return "z-kuning";
	if (!strcmp(zone, "merah"))
		return "z-merah";
	return "z-none";
}

static void chart(cp_strbuf *b, compliance_assessment *a, size_t e)
{
	const compliance_profile *p = a->profile;
	int dec = compliance_profile_decimals(p);
	int64_t lo = 0, hi = 0, v;
	size_t u, n = compliance_assessment_unit_count(a, e), i;
	size_t h = TOP + (n + 1) * ROW + 10;
	char buf[64];

	if (!scaled(compliance_profile_scale_min(p), dec, &lo) ||
	    !scaled(compliance_profile_scale_max(p), dec, &hi) || hi <= lo)
		return;
	cp_sb_printf(b,
	             "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	             "height=\"%zu\" viewBox=\"0 0 %d %zu\" role=\"img\">\n",
	             X0 + W + 20, h, X0 + W + 20, h);
	/* the bands as background, the category at the top of each */
	for (i = 0; i < compliance_profile_band_count(p); i++) {
		int64_t bl, bu;
		if (!scaled(compliance_profile_band_lower(p, i), dec, &bl) ||
		    !scaled(compliance_profile_band_upper(p, i), dec, &bu))
			continue;
		cp_sb_printf(b,
		             "<rect class=\"band %s\" x=\"%lld\" y=\"%d\" width=\"%lld\" "
		             "height=\"%zu\"/>\n",
		             zone_class(compliance_profile_band_zone(p, i)), (long long)xpos(bl, lo, hi),
		             TOP - 6, (long long)(xpos(bu, lo, hi) - xpos(bl, lo, hi)),
		             h - TOP - 4);
		cp_sb_printf(b, "<line class=\"edge\" x1=\"%lld\" x2=\"%lld\" y1=\"%d\" y2=\"%zu\"/>\n",
		             (long long)xpos(bl, lo, hi), (long long)xpos(bl, lo, hi), TOP - 6, h - 10);
		cp_sb_printf(b, "<text class=\"edge-label\" x=\"%lld\" y=\"%d\">",
		             (long long)xpos(bl, lo, hi) + 2, TOP - 10);
		html_text(b, compliance_profile_band_category(p, i)[0]
		                     ? compliance_profile_band_category(p, i)
		                     : compliance_profile_band_zone(p, i));
		cp_sb_puts(b, " ");
		html_text(b, compliance_profile_band_lower(p, i));
		cp_sb_puts(b, "</text>\n");
	}
	for (u = 0; u <= n; u++) {
		size_t y = TOP + u * ROW;
		const char *name;
		if (u < n) {
			if (compliance_assessment_unit_score(&v, a, e, u))
				continue;
			name = compliance_assessment_unit_name(a, e, u);
		} else {
			if (compliance_assessment_entity_score(a, e, &v))
				continue;
			name = NULL;
		}
		compliance_format_scaled(buf, sizeof buf, v, dec);
		cp_sb_printf(b, "<g class=\"%s\"><text class=\"name\" x=\"%d\" y=\"%zu\">",
		             u < n ? "unit" : "entity-score", X0 - 6, y + 14);
		if (name)
			html_text(b, name);
		else /* inside SVG: tspan, not span (a span would end the SVG) */
			cp_sb_puts(b, "<tspan class=\"id\">Nilai entitas</tspan>"
			              "<tspan class=\"en\">Entity score</tspan>");
		cp_sb_printf(b,
		             "</text><rect class=\"bar\" x=\"%d\" y=\"%zu\" width=\"%lld\" "
		             "height=\"%d\"/><text class=\"value\" x=\"%lld\" y=\"%zu\">%s</text></g>\n",
		             X0, y + 3, (long long)(xpos(v, lo, hi) - X0), ROW - 6,
		             (long long)xpos(v, lo, hi) + 4, y + 14, buf);
	}
	cp_sb_puts(b, "</svg>\n");
}

/* The explanation (0), the advice (1) or the sensitivity (2, weights not
 * stated within +-20 %) of entity e, or why there is none. */
static void entity_text(cp_strbuf *b, compliance_assessment *a, size_t e, int which)
{
	char *text = NULL;
	int rc = which == 2 ? compliance_assessment_sensitivity(a, e, 20, COMPLIANCE_EXPLAIN_TEXT,
	                                                        &text)
	         : which == 1 ? compliance_assessment_advise(a, e, COMPLIANCE_EXPLAIN_TEXT, &text)
	                      : compliance_assessment_explain(a, e, COMPLIANCE_EXPLAIN_TEXT, &text);

	if (rc == COMPLIANCE_OK) {
		cp_sb_puts(b, "<pre>");
		html_pre(b, text);
		cp_sb_puts(b, "</pre>\n");
	} else {
		cp_sb_puts(b, "<p class=\"none\">");
		html_text(b, compliance_assessment_errmsg(a));
		cp_sb_puts(b, "</p>\n");
	}
	compliance_free(text);
}

static const char style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:0;color:#1b1b1b}\n"
	"main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem}\n"
	"input[name=lang]{display:none}\n"
	".en{display:none}\n"
	"#lang-en:checked~main .id{display:none}\n"
	"#lang-en:checked~main .en{display:inline}\n"
	".switch label{cursor:pointer;text-decoration:underline}\n"
	"#lang-id:checked~.switch label[for=lang-id],#lang-en:checked~.switch label[for=lang-en]"
	"{font-weight:bold;text-decoration:none}\n"
	".switch{position:fixed;top:.5rem;right:1rem;background:#fff;border:1px solid #aaa;"
	"padding:.2rem .5rem;font-size:.9rem}\n"
	"table{border-collapse:collapse;margin:.5rem 0 1rem}\n"
	"th,td{border:1px solid #bbb;padding:.15rem .45rem;text-align:left}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"th{background:#eef}\n"
	"pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;font-size:.8rem}\n"
	".z-hijau{fill:#cdeccd;background:#cdeccd}.z-kuning{fill:#fbefb5;background:#fbefb5}"
	".z-merah{fill:#f6c9c4;background:#f6c9c4}.z-none{fill:#eee}\n"
	".bar{fill:#34506b}.entity-score .bar{fill:#111}.edge{stroke:#555;stroke-dasharray:3 2}\n"
	"svg text{font-size:11px}.name{text-anchor:end}.edge-label{fill:#333}\n"
	"section.entity{border-top:2px solid #34506b;margin-top:1.5rem}\n"
	"@media print{.switch,input{display:none}section.entity{break-before:page}"
	"pre{white-space:pre-wrap}}\n";

/* The page up to <main>: the CSP, the style, the language switch. */
static void page_head(cp_strbuf *b, const char *title, const char *name)
{
	cp_sb_puts(b, "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	              "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
	              "form-action 'none'\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<meta name=\"generator\" content=\"libcompliance ");
	cp_sb_puts(b, compliance_version_string());
	cp_sb_printf(b, "\">\n<title>%s", title);
	html_text(b, name);
	cp_sb_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
	cp_sb_puts(b, "<input type=\"radio\" name=\"lang\" id=\"lang-id\" checked>"
	              "<input type=\"radio\" name=\"lang\" id=\"lang-en\">\n"
	              "<div class=\"switch\"><label for=\"lang-id\">Bahasa Indonesia</label> | "
	              "<label for=\"lang-en\">English</label></div>\n<main>\n");
}

int cp_write_html(compliance_assessment *a, cp_strbuf *b)
{
	const compliance_profile *p = a->profile;
	size_t n = compliance_assessment_entity_count(a), e, i, t;
	size_t nb = compliance_profile_band_count(p);
	size_t *count = NULL;

	page_head(b, "Rapor kepatuhan: ", compliance_profile_name(p));
	/* title and method */
	cp_sb_puts(b, "<h1>");
	both(b, "Rapor Kepatuhan Standar Pelayanan Publik", "Public Service Compliance Report");
	cp_sb_puts(b, "</h1>\n<p class=\"method\">");
	html_text(b, compliance_profile_name(p));
	cp_sb_printf(b, " (<code>");
	html_text(b, compliance_profile_id(p));
	cp_sb_printf(b, "</code>, %d). ", compliance_profile_year(p));
	both(b, "Dihitung secara eksak oleh libcompliance ", "Computed exactly by libcompliance ");
	html_text(b, compliance_version_string());
	cp_sb_puts(b, ".</p>\n");

	/* counts per category and zone, overall and by entity type */
	count = cp_calloc(b->al, (nb + 1) * (COMPLIANCE_ENTITY_KABUPATEN + 2), sizeof *count);
	if (!count) {
		b->failed = 1;
		return COMPLIANCE_E_NOMEM;
	}
	for (e = 0; e < n; e++) {
		size_t band;
		int type = compliance_assessment_entity_type(a, e);
		if (compliance_assessment_entity_band(a, e, &band) || band >= nb)
			band = nb;
		if (type < 0 || type > COMPLIANCE_ENTITY_KABUPATEN)
			type = COMPLIANCE_ENTITY_KABUPATEN + 1;
		count[band * (COMPLIANCE_ENTITY_KABUPATEN + 2) + (size_t)type]++;
	}
	cp_sb_puts(b, "<h2 id=\"summary\">");
	both(b, "Ringkasan", "Summary");
	cp_sb_printf(b, "</h2>\n<p>%zu ", n);
	both(b, "entitas dinilai.", "entities assessed.");
	cp_sb_puts(b, "</p>\n<table class=\"counts\">\n<thead><tr><th>");
	both(b, "Kategori", "Category");
	cp_sb_puts(b, "</th><th>");
	both(b, "Zona", "Zone");
	cp_sb_puts(b, "</th><th>Label</th><th>");
	both(b, "Jumlah", "Count");
	cp_sb_puts(b, "</th>");
	for (t = 0; t <= (size_t)COMPLIANCE_ENTITY_KABUPATEN; t++)
		cp_sb_printf(b, "<th>%s</th>", compliance_enum_short_name("compliance_entity_type",
		                                                             (int)t));
	cp_sb_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < nb; i++) {
		size_t total = 0;
		const char *cat = compliance_profile_band_category(p, i);
		for (t = 0; t < (size_t)COMPLIANCE_ENTITY_KABUPATEN + 2; t++)
			total += count[i * (COMPLIANCE_ENTITY_KABUPATEN + 2) + t];
		cp_sb_printf(b, "<tr class=\"band-row\"><td>");
		html_text(b, cat[0] ? cat : "-");
		cp_sb_printf(b, "</td><td class=\"%s\">",
		             zone_class(compliance_profile_band_zone(p, i)));
		html_text(b, compliance_profile_band_zone(p, i));
		cp_sb_puts(b, "</td><td><span class=\"id\">");
		html_text(b, compliance_profile_band_label(p, i));
		cp_sb_puts(b, "</span><span class=\"en\">");
		html_text(b, compliance_profile_band_label_en(p, i)[0]
		                     ? compliance_profile_band_label_en(p, i)
		                     : compliance_profile_band_label(p, i));
		cp_sb_printf(b, "</span></td><td class=\"num\">%zu</td>", total);
		for (t = 0; t <= (size_t)COMPLIANCE_ENTITY_KABUPATEN; t++)
			cp_sb_printf(b, "<td class=\"num\">%zu</td>",
			             count[i * (COMPLIANCE_ENTITY_KABUPATEN + 2) + t]);
		cp_sb_puts(b, "</tr>\n");
	}
	cp_sb_puts(b, "</tbody>\n</table>\n");
	cp_free(b->al, count);

	/* the national table */
	cp_sb_puts(b, "<h2 id=\"ranking\">");
	both(b, "Peringkat nasional", "National ranking");
	cp_sb_puts(b, "</h2>\n<table class=\"ranking\">\n<thead><tr><th>");
	both(b, "Peringkat", "Rank");
	cp_sb_puts(b, "</th><th>");
	both(b, "Peringkat dalam jenis", "Rank in type");
	cp_sb_puts(b, "</th><th>");
	both(b, "Entitas", "Entity");
	cp_sb_puts(b, "</th><th>");
	both(b, "Jenis", "Type");
	cp_sb_puts(b, "</th><th>Unit</th><th>");
	both(b, "Nilai", "Score");
	cp_sb_puts(b, "</th><th>");
	both(b, "Kategori", "Category");
	cp_sb_puts(b, "</th><th>");
	both(b, "Zona", "Zone");
	cp_sb_puts(b, "</th><th>Label</th></tr></thead>\n<tbody>\n");
	for (e = 0; e < n; e++) {
		size_t rank = 0, rank_t = 0, band = 0;
		const char *zone = compliance_assessment_entity_zone(a, e);
		compliance_assessment_entity_rank(a, e, &rank, &rank_t);
		compliance_assessment_entity_band(a, e, &band);
		cp_sb_printf(b, "<tr class=\"entity-row\"><td class=\"num\">%zu</td>"
		                "<td class=\"num\">%zu</td><td><a href=\"#e%zu\">",
		             rank, rank_t, e);
		html_text(b, compliance_assessment_entity_name(a, e));
		cp_sb_printf(b, "</a></td><td>%s</td><td class=\"num\">%zu</td>"
		                "<td class=\"num score\">",
		             compliance_enum_short_name("compliance_entity_type",
		                                        compliance_assessment_entity_type(a, e)),
		             compliance_assessment_unit_count(a, e));
		html_text(b, compliance_assessment_entity_score_text(a, e));
		cp_sb_puts(b, "</td><td>");
		html_text(b, compliance_assessment_entity_category(a, e));
		cp_sb_printf(b, "</td><td class=\"%s\">", zone_class(zone));
		html_text(b, zone);
		cp_sb_puts(b, "</td><td><span class=\"id\">");
		html_text(b, compliance_assessment_entity_label(a, e));
		cp_sb_puts(b, "</span><span class=\"en\">");
		html_text(b, band < nb && compliance_profile_band_label_en(p, band)[0]
		                     ? compliance_profile_band_label_en(p, band)
		                     : compliance_assessment_entity_label(a, e));
		cp_sb_puts(b, "</span></td></tr>\n");
	}
	cp_sb_puts(b, "</tbody>\n</table>\n");

	/* each entity: chart, explanation, advice */
	for (e = 0; e < n; e++) {
		cp_sb_printf(b, "<section class=\"entity\" id=\"e%zu\">\n<h2>", e);
		html_text(b, compliance_assessment_entity_name(a, e));
		cp_sb_puts(b, ": ");
		html_text(b, compliance_assessment_entity_score_text(a, e));
		cp_sb_puts(b, " ");
		html_text(b, compliance_assessment_entity_category(a, e));
		cp_sb_puts(b, "</h2>\n<h3>");
		both(b, "Nilai unit terhadap batas kategori", "Unit scores against the band edges");
		cp_sb_puts(b, "</h3>\n");
		chart(b, a, e);
		cp_sb_puts(b, "<h3>");
		both(b, "Penjelasan", "Explanation");
		cp_sb_puts(b, "</h3>\n");
		entity_text(b, a, e, 0);
		cp_sb_puts(b, "<h3>");
		both(b, "Saran perbaikan", "What to fix");
		cp_sb_puts(b, "</h3>\n");
		entity_text(b, a, e, 1);
		cp_sb_puts(b, "<h3>");
		both(b, "Kepekaan terhadap bobot yang tidak dipublikasikan (&#177;20%)",
		     "Sensitivity to the weights not published (&#177;20%)");
		cp_sb_puts(b, "</h3>\n");
		entity_text(b, a, e, 2);
		cp_sb_puts(b, "</section>\n");
	}
	cp_sb_puts(b, "</main>\n</body>\n</html>\n");
	cp_error_clear(&a->err);
	return b->failed ? COMPLIANCE_E_NOMEM : COMPLIANCE_OK;
}

/* ---- the SKM rapor ---------------------------------------------------------------- */

/* A string member of a JSON object, or "". */
static const char *js(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

/* "3.125" (up to 3 decimals) as thousandths; 0 when not such a number. */
static int64_t milli(const char *s)
{
	int64_t v = 0;

	return scaled(s, 3, &v) ? v : 0;
}

/* One survey's (or one group's) IKM line and elements table with their NRR
 * bars on the 1..4 scale (the answer range). */
static void skm_block(cp_strbuf *b, json_t *d, int amin, int amax)
{
	json_t *el;
	size_t i, n = json_array_size(json_object_get(d, "elements"));
	int64_t lo = (int64_t)amin * 1000, hi = (int64_t)amax * 1000;

	cp_sb_puts(b, "<p class=\"ikm\">IKM <strong class=\"ikm-value\">");
	html_text(b, js(d, "ikm"));
	cp_sb_puts(b, "</strong> ");
	html_text(b, js(d, "category"));
	cp_sb_puts(b, " (");
	html_text(b, js(d, "label"));
	cp_sb_printf(b, "); %lld ",
	             (long long)json_integer_value(json_object_get(d, "respondents")));
	both(b, "responden dihitung", "respondents counted");
	cp_sb_puts(b, "</p>\n<table class=\"skm-elements\">\n<thead><tr><th>");
	both(b, "Unsur", "Element");
	cp_sb_puts(b, "</th><th>");
	both(b, "Nama", "Name");
	cp_sb_puts(b, "</th><th>");
	both(b, "Jawaban", "Answers");
	cp_sb_puts(b, "</th><th>NRR</th><th>");
	both(b, "Mutu", "Quality");
	cp_sb_puts(b, "</th><th></th></tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(d, "elements"), i, el) {
		json_t *band = json_object_get(el, "band");
		int64_t v = milli(js(el, "nrr"));
		int64_t w = hi > lo ? (v < lo ? 0 : v > hi ? 160 : (v - lo) * 160 / (hi - lo)) : 0;
		cp_sb_puts(b, "<tr class=\"skm-element\"><td>");
		html_text(b, js(el, "element"));
		cp_sb_puts(b, "</td><td>");
		html_text(b, js(el, "name"));
		cp_sb_printf(b, "</td><td class=\"num\">%lld</td><td class=\"num\">",
		             (long long)json_integer_value(json_object_get(el, "answers")));
		html_text(b, js(el, "nrr"));
		cp_sb_puts(b, "</td><td>");
		html_text(b, js(band, "category"));
		cp_sb_puts(b, " ");
		html_text(b, js(band, "label"));
		cp_sb_printf(b, "</td><td><svg class=\"nrr\" xmlns=\"http://www.w3.org/2000/svg\" "
		                "width=\"164\" height=\"12\" role=\"img\"><rect class=\"bar\" x=\"2\" "
		                "y=\"2\" width=\"%lld\" height=\"8\"/></svg></td></tr>\n",
		             (long long)w);
	}
	cp_sb_puts(b, "</tbody>\n</table>\n");
	(void)n;
}

int cp_write_skm_html(const compliance_skm *s, cp_strbuf *b)
{
	json_t *d, *t, *prof, *g;
	const char *key;
	size_t i;
	int amin = 1, amax = 4;
	static const char *const traits[][3] = {
		{ "sex", "Jenis kelamin", "Sex" },
		{ "education", "Pendidikan", "Education" },
		{ "occupation", "Pekerjaan", "Occupation" },
		{ "age", "Umur", "Age" },
	};

	d = cp_skm_doc(s);
	if (!d)
		return COMPLIANCE_E_NOMEM;
	compliance_skm_answer_range(s, &amin, &amax);
	page_head(b, "Rapor SKM: ", js(d, "profile"));
	cp_sb_puts(b, "<h1>");
	both(b, "Survei Kepuasan Masyarakat", "Community Satisfaction Survey");
	cp_sb_puts(b, "</h1>\n<p class=\"method\"><code>");
	html_text(b, js(d, "profile"));
	cp_sb_puts(b, "</code>, ");
	html_text(b, js(d, "source"));
	cp_sb_printf(b, "; %lld ", (long long)json_integer_value(json_object_get(d, "respondents_read")));
	both(b, "responden dibaca, ", "respondents read, ");
	cp_sb_printf(b, "%lld ", (long long)json_integer_value(json_object_get(d, "complete")));
	both(b, "lengkap; bobot ", "complete; weight ");
	html_text(b, js(d, "weights"));
	cp_sb_puts(b, ". ");
	both(b, "Dihitung secara eksak oleh libcompliance ", "Computed exactly by libcompliance ");
	html_text(b, compliance_version_string());
	cp_sb_puts(b, ".</p>\n<h2 id=\"total\">");
	both(b, "Hasil", "Result");
	cp_sb_puts(b, "</h2>\n");
	skm_block(b, d, amin, amax);

	/* the weights of the usual spreadsheets */
	if (json_array_size(json_object_get(d, "template_weights"))) {
		cp_sb_puts(b, "<h2 id=\"templates\">");
		both(b, "Dengan bobot templat (0,111 atau 0,11)",
		     "With the templates' weights (0.111 or 0.11)");
		cp_sb_puts(b, "</h2>\n<table class=\"skm-templates\">\n<thead><tr><th>");
		both(b, "Bobot", "Weight");
		cp_sb_puts(b, "</th><th>IKM</th><th>");
		both(b, "Kategori", "Category");
		cp_sb_puts(b, "</th><th></th></tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(d, "template_weights"), i, t) {
			cp_sb_puts(b, "<tr><td>");
			html_text(b, js(t, "weight"));
			cp_sb_puts(b, "</td><td class=\"num\">");
			html_text(b, js(t, "ikm"));
			cp_sb_puts(b, "</td><td>");
			html_text(b, js(t, "category"));
			cp_sb_puts(b, "</td><td>");
			if (json_is_true(json_object_get(t, "other_band")))
				both(b, "<strong class=\"differs\">kategori lain dari bobot 1/9</strong>",
				     "<strong class=\"differs\">another band than the weight 1/9</strong>");
			cp_sb_puts(b, "</td></tr>\n");
		}
		cp_sb_puts(b, "</tbody>\n</table>\n");
	}

	/* the respondent profile */
	prof = json_object_get(d, "respondent_profile");
	if (json_is_object(prof) && json_object_size(prof)) {
		cp_sb_puts(b, "<h2 id=\"respondents\">");
		both(b, "Profil responden", "Respondent profile");
		cp_sb_puts(b, "</h2>\n");
		for (i = 0; i < sizeof traits / sizeof traits[0]; i++) {
			json_t *arr = json_object_get(prof, traits[i][0]), *row;
			size_t k;
			if (!json_array_size(arr))
				continue;
			cp_sb_puts(b, "<table class=\"skm-trait\">\n<thead><tr><th>");
			both(b, traits[i][1], traits[i][2]);
			cp_sb_puts(b, "</th><th>");
			both(b, "Jumlah", "Count");
			cp_sb_puts(b, "</th></tr></thead>\n<tbody>\n");
			json_array_foreach(arr, k, row) {
				cp_sb_puts(b, "<tr><td>");
				html_text(b, js(row, "value"));
				cp_sb_printf(b, "</td><td class=\"num\">%lld</td></tr>\n",
				             (long long)json_integer_value(json_object_get(row, "count")));
			}
			cp_sb_puts(b, "</tbody>\n</table>\n");
		}
	}

	/* one section per group (--by) */
	json_array_foreach(json_object_get(d, "groups"), i, g) {
		cp_sb_printf(b, "<section class=\"entity skm-group\" id=\"g%zu\">\n<h2>", i);
		html_text(b, js(d, "group_column"));
		cp_sb_puts(b, ": ");
		html_text(b, js(g, "group"));
		cp_sb_puts(b, "</h2>\n");
		if (json_object_get(g, "elements"))
			skm_block(b, g, amin, amax);
		else {
			cp_sb_puts(b, "<p class=\"none\">");
			html_text(b, js(g, "error"));
			cp_sb_puts(b, "</p>\n");
		}
		cp_sb_puts(b, "</section>\n");
	}
	(void)key;
	json_decref(d);
	cp_sb_puts(b, "</main>\n</body>\n</html>\n");
	return b->failed ? COMPLIANCE_E_NOMEM : COMPLIANCE_OK;
}
