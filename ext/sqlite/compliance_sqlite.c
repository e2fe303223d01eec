/*
 * libcompliance as an SQLite loadable extension (.load compliance).
 *
 * Scalar functions (profile: a built-in id such as 'ombudsman-2023', or the
 * JSON text of a profile; score: TEXT or INTEGER, exact):
 *   compliance_classify(profile, score)      -> category 'A'..'E' (NULL for zone-only editions)
 *   compliance_zone(profile, score)          -> 'hijau', 'kuning' or 'merah'
 *   compliance_label(profile, score)         -> the band's label
 *   compliance_round(profile, score)         -> the score rounded as the profile says ('88.00')
 *   compliance_classify_json(profile, score) -> {"score","category","zone","label"}
 * Aggregates, one library handle per group:
 *   compliance_entity(profile, unit_score [, entity_type])       -> entity score text
 *   compliance_entity_json(profile, unit_score [, entity_type])  -> {"score","mean",...}
 *   compliance_skm(profile, a1, ..., a9) or (profile, 'a1,...,a9') -> IKM text ('84.54')
 *   compliance_skm_json(...)                                     -> {"ikm","ikm_exact",...}
 *
 * A REAL (binary double) argument is refused: a double cannot hold most
 * decimal scores (87.995 is 87.99499999999999744...), and SQLite's own text
 * of a REAL keeps only 15 significant digits. Pass numbers as TEXT.
 * A NULL score or profile gives NULL (scalars); a NULL unit score is
 * skipped (compliance_entity); a NULL answer is a blank answer. Only the public C API is used.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "compliance.h"

#define MAX_ANSWERS 64

/* ---- helpers ------------------------------------------------------------- */

static void fail(sqlite3_context *c, const char *fn, int code, const char *fmt, ...)
{
	char msg[1024];
	char *text;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (code)
		text = sqlite3_mprintf("%s(): %s: %s", fn, compliance_error_name(code), msg);
	else
		text = sqlite3_mprintf("%s(): %s", fn, msg);
	if (!text) {
		sqlite3_result_error_nomem(c);
		return;
	}
	sqlite3_result_error(c, text, -1);
	sqlite3_free(text);
}

/* The exact text of a number argument, or NULL after reporting why (a
 * REAL, a BLOB). *is_null is set for an SQL NULL (no error). */
static const char *number_arg(sqlite3_context *c, const char *fn, const char *what,
                              sqlite3_value *v, int *is_null)
{
	*is_null = 0;
	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		*is_null = 1;
		return NULL;
	case SQLITE_INTEGER:
	case SQLITE_TEXT: {
		const char *t = (const char *)sqlite3_value_text(v);
		if (!t)
			sqlite3_result_error_nomem(c);
		return t;
	}
	case SQLITE_FLOAT:
		fail(c, fn, 0,
		     "%s is a REAL (binary floating point: %.25g), which cannot hold most decimal "
		     "scores exactly; pass it as TEXT, e.g. '87.995' (store scores in a TEXT column)",
		     what, sqlite3_value_double(v));
		return NULL;
	default:
		fail(c, fn, 0, "%s is a BLOB; pass a number as TEXT or INTEGER", what);
		return NULL;
	}
}

/*
 * The profile documents (JSON text) loaded on this connection, keyed by
 * their exact text: a small LRU, so that an aggregate over many groups (or
 * a scalar over many statements) parses a document once. One per
 * connection, shared by its functions (their user data), freed when the
 * last of them goes (the connection closes: sqlite3_create_function_v2's
 * destructor). The built-ins need none: the library shares them.
 */
#define DOC_CACHE 8
typedef struct conn_data conn_data;
typedef struct fn_data {
	conn_data *conn;
	int which; /* the scalar functions: R_* */
} fn_data;
struct conn_data {
	struct {
		char *text;
		size_t len;
		compliance_profile *p;
		sqlite3_uint64 used;
	} doc[DOC_CACHE];
	sqlite3_uint64 clock;
	int refs;
	fn_data fns[16];
};

static void conn_release(void *data)
{
	conn_data *conn = ((fn_data *)data)->conn;
	int i;

	if (--conn->refs > 0)
		return;
	for (i = 0; i < DOC_CACHE; i++) {
		compliance_profile_free(conn->doc[i].p);
		sqlite3_free(conn->doc[i].text);
	}
	sqlite3_free(conn);
}

/* The cached profile of document text (a new reference), or NULL. */
static compliance_profile *doc_cached(conn_data *conn, const char *text, size_t len)
{
	int i;

	for (i = 0; conn && i < DOC_CACHE; i++)
		if (conn->doc[i].p && conn->doc[i].len == len && !memcmp(conn->doc[i].text, text, len)) {
			conn->doc[i].used = ++conn->clock;
			return compliance_profile_ref(conn->doc[i].p);
		}
	return NULL;
}

/* Keeps a reference to p under text, in place of the least recently used
 * document; nothing when out of memory (the next call parses again). */
static void doc_keep(conn_data *conn, const char *text, size_t len, compliance_profile *p)
{
	int i, old = 0;
	char *copy;

	if (!conn || !(copy = sqlite3_malloc64(len ? len : 1)))
		return;
	memcpy(copy, text, len);
	for (i = 0; i < DOC_CACHE; i++) {
		if (!conn->doc[i].p) {
			old = i; /* a free slot */
			break;
		}
		if (conn->doc[i].used < conn->doc[old].used)
			old = i;
	}
	compliance_profile_free(conn->doc[old].p);
	sqlite3_free(conn->doc[old].text);
	conn->doc[old].text = copy;
	conn->doc[old].len = len;
	conn->doc[old].p = compliance_profile_ref(p);
	conn->doc[old].used = ++conn->clock;
}

/* Opens the profile argument: a built-in id, or the JSON text of a profile
 * (a document: its first character other than white space is '{'; loaded
 * with compliance_profile_load_buffer, kept in the connection's cache). */
static compliance_profile *open_profile(sqlite3_context *c, const char *fn, sqlite3_value *v)
{
	fn_data *fd = sqlite3_user_data(c);
	conn_data *conn = fd ? fd->conn : NULL;
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	const char *id;
	size_t len;
	int rc, doc;

	if (sqlite3_value_type(v) != SQLITE_TEXT) {
		fail(c, fn, 0, "the profile must be TEXT: a built-in id such as 'ombudsman-2023' "
		               "or the JSON text of a profile");
		return NULL;
	}
	id = (const char *)sqlite3_value_text(v);
	if (!id) {
		sqlite3_result_error_nomem(c);
		return NULL;
	}
	len = (size_t)sqlite3_value_bytes(v);
	doc = id[strspn(id, " \t\r\n")] == '{';
	if (doc && (p = doc_cached(conn, id, len)) != NULL)
		return p;
	if (compliance_ctx_new(&ctx)) {
		sqlite3_result_error_nomem(c);
		return NULL;
	}
	if (doc)
		rc = compliance_profile_load_buffer(ctx, &p, id, len, "profile argument");
	else
		rc = compliance_profile_open(ctx, &p, id);
	if (rc) {
		const char *msg = compliance_ctx_errmsg(ctx);

		if (compliance_ctx_diag_count(ctx) > 0 && strcmp(msg, compliance_ctx_diag(ctx, 0)))
			fail(c, fn, rc, "%s (%s)", msg, compliance_ctx_diag(ctx, 0));
		else
			fail(c, fn, rc, "%s", msg);
		p = NULL;
	} else if (doc) {
		doc_keep(conn, id, len, p);
	}
	compliance_ctx_free(ctx);
	return p;
}

static void free_profile(void *p)
{
	compliance_profile_free(p);
}

/* Appends a JSON string (or null for NULL / "" when empty_null). */
static void json_str(sqlite3_str *s, const char *text, int empty_null)
{
	const unsigned char *p;

	if (!text || (empty_null && !*text)) {
		sqlite3_str_appendall(s, "null");
		return;
	}
	sqlite3_str_appendchar(s, 1, '"');
	for (p = (const unsigned char *)text; *p; p++) {
		if (*p == '"' || *p == '\\')
			sqlite3_str_appendf(s, "\\%c", *p);
		else if (*p < 0x20)
			sqlite3_str_appendf(s, "\\u%04x", *p);
		else
			sqlite3_str_appendchar(s, 1, (char)*p);
	}
	sqlite3_str_appendchar(s, 1, '"');
}

static void result_str(sqlite3_context *c, sqlite3_str *s)
{
	int len;
	char *text;

	if (sqlite3_str_errcode(s)) {
		sqlite3_free(sqlite3_str_finish(s));
		sqlite3_result_error_nomem(c);
		return;
	}
	len = sqlite3_str_length(s);
	text = sqlite3_str_finish(s);
	sqlite3_result_text(c, text ? text : "", len, sqlite3_free);
}

/* ---- scalar functions ----------------------------------------------------- */

enum { R_CATEGORY, R_ZONE, R_LABEL, R_ROUND, R_JSON };
static const char *const scalar_names[] = { "compliance_classify", "compliance_zone",
	                                    "compliance_label", "compliance_round",
	                                    "compliance_classify_json" };

static void classify_with(sqlite3_context *c, const char *fn, int which, compliance_profile *p,
                          const char *score);

static void classify_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	int which = ((fn_data *)sqlite3_user_data(c))->which;
	const char *fn = scalar_names[which];
	compliance_profile *p = sqlite3_get_auxdata(c, 0);
	const char *score;
	int is_null;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(c); /* NULL in, NULL out */
		return;
	}
	score = number_arg(c, fn, "the score", argv[1], &is_null);
	if (!score) {
		if (is_null)
			sqlite3_result_null(c);
		return;
	}
	if (!p) {
		/* opened here; kept for the statement while the argument stays the
		 * same (sqlite3_set_auxdata below takes it over, or frees it) */
		p = open_profile(c, fn, argv[0]);
		if (!p)
			return;
		classify_with(c, fn, which, p, score);
		sqlite3_set_auxdata(c, 0, p, free_profile);
		return;
	}
	classify_with(c, fn, which, p, score);
}

static void classify_with(sqlite3_context *c, const char *fn, int which, compliance_profile *p,
                          const char *score)
{
	compliance_ctx *ctx = NULL;
	int64_t rounded = 0;
	size_t band = 0;
	char text[64];
	int rc;

	if (compliance_ctx_new(&ctx)) {
		sqlite3_result_error_nomem(c);
		return;
	}
	rc = compliance_profile_classify(ctx, p, score, &rounded, &band);
	if (rc) {
		fail(c, fn, rc, "%s", compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		return;
	}
	compliance_ctx_free(ctx);
	rc = compliance_format_scaled(text, sizeof text, rounded, compliance_profile_decimals(p));
	if (rc) {
		fail(c, fn, rc, "cannot format the rounded score");
		return;
	}
	switch (which) {
	case R_CATEGORY: {
		const char *cat = compliance_profile_band_category(p, band);
		if (cat && *cat)
			sqlite3_result_text(c, cat, -1, SQLITE_TRANSIENT);
		else
			sqlite3_result_null(c);
		break;
	}
	case R_ZONE:
		sqlite3_result_text(c, compliance_profile_band_zone(p, band), -1, SQLITE_TRANSIENT);
		break;
	case R_LABEL:
		sqlite3_result_text(c, compliance_profile_band_label(p, band), -1, SQLITE_TRANSIENT);
		break;
	case R_ROUND:
		sqlite3_result_text(c, text, -1, SQLITE_TRANSIENT);
		break;
	default: {
		sqlite3_str *s = sqlite3_str_new(NULL);

		sqlite3_str_appendall(s, "{\"score\":");
		json_str(s, text, 0);
		sqlite3_str_appendall(s, ",\"category\":");
		json_str(s, compliance_profile_band_category(p, band), 1);
		sqlite3_str_appendall(s, ",\"zone\":");
		json_str(s, compliance_profile_band_zone(p, band), 0);
		sqlite3_str_appendall(s, ",\"label\":");
		json_str(s, compliance_profile_band_label(p, band), 0);
		sqlite3_str_appendall(s, "}");
		result_str(c, s);
	}
	}
}

/* ---- compliance_entity: the units of a group into one entity score -------- */

typedef struct entity_state {
	compliance_assessment *a;
	char *profile_text; /* the profile argument of the first row */
	char *entity_type;
	sqlite3_int64 units;
	int failed;
} entity_state;

static const char ENTITY[] = "entity";

static int same_text(sqlite3_value *v, const char *text)
{
	const char *t = (const char *)sqlite3_value_text(v);

	return t && text && !strcmp(t, text);
}

static void entity_free(entity_state *st)
{
	compliance_assessment_free(st->a);
	sqlite3_free(st->profile_text);
	sqlite3_free(st->entity_type);
	st->a = NULL;
	st->profile_text = st->entity_type = NULL;
}

/* A failed step: SQLite does not call xFinal for a statement that a step
 * aborted (sqlite3_result_error), so the group's handle goes now. */
static void entity_failed(entity_state *st)
{
	entity_free(st);
	st->failed = 1;
}

static void entity_step_named(sqlite3_context *c, const char *fn, int argc, sqlite3_value **argv)
{
	entity_state *st = sqlite3_aggregate_context(c, sizeof *st);
	const char *score, *type = "kota";
	char unit[32];
	int rc, is_null;

	if (!st) {
		sqlite3_result_error_nomem(c);
		return;
	}
	if (st->failed)
		return;
	if (argc == 3 && sqlite3_value_type(argv[2]) != SQLITE_NULL)
		type = (const char *)sqlite3_value_text(argv[2]);
	if (!st->a) {
		compliance_profile *p = open_profile(c, fn, argv[0]);
		compliance_ctx *ctx = NULL;

		if (!p) {
			entity_failed(st);
			return;
		}
		if (compliance_ctx_new(&ctx)) {
			compliance_profile_free(p);
			sqlite3_result_error_nomem(c);
			entity_failed(st);
			return;
		}
		rc = compliance_assessment_new(ctx, &st->a, p);
		if (rc)
			fail(c, fn, rc, "%s", compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		compliance_profile_free(p); /* the assessment holds its own reference */
		st->profile_text = sqlite3_mprintf("%s", sqlite3_value_text(argv[0]));
		st->entity_type = sqlite3_mprintf("%s", type ? type : "");
		if (rc || !st->profile_text || !st->entity_type) {
			if (!rc)
				sqlite3_result_error_nomem(c);
			entity_failed(st);
			return;
		}
	} else if (!same_text(argv[0], st->profile_text)) {
		fail(c, fn, 0, "every row of a group must give the same profile ('%s', then '%s')",
		     st->profile_text, sqlite3_value_text(argv[0]));
		entity_failed(st);
		return;
	} else if (!type || strcmp(type, st->entity_type)) {
		fail(c, fn, 0, "every row of a group must give the same entity type ('%s', then '%s')",
		     st->entity_type, type ? type : "");
		entity_failed(st);
		return;
	}
	score = number_arg(c, fn, "the unit score", argv[1], &is_null);
	if (!score) {
		if (!is_null)
			entity_failed(st);
		return; /* NULL: skipped, as SQL aggregates skip NULL */
	}
	snprintf(unit, sizeof unit, "row %lld", (long long)(st->units + 1));
	rc = compliance_assessment_add_unit_score(st->a, ENTITY, st->entity_type, unit, score);
	if (rc) {
		fail(c, fn, rc, "%s", compliance_assessment_errmsg(st->a));
		entity_failed(st);
		return;
	}
	st->units++;
}

static void entity_step(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	entity_step_named(c, "compliance_entity", argc, argv);
}

static void entity_json_step(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	entity_step_named(c, "compliance_entity_json", argc, argv);
}

static void entity_final_named(sqlite3_context *c, const char *fn, int as_json)
{
	entity_state *st = sqlite3_aggregate_context(c, 0);
	size_t i = 0;
	int rc;

	if (!st || !st->a || st->failed || st->units == 0) {
		if (!st || !st->failed)
			sqlite3_result_null(c); /* no rows, or only NULL scores */
		if (st)
			entity_free(st);
		return;
	}
	rc = compliance_assessment_compute(st->a);
	if (!rc)
		rc = compliance_assessment_find(st->a, ENTITY, &i);
	if (rc) {
		fail(c, fn, rc, "%s", compliance_assessment_errmsg(st->a));
	} else if (!as_json) {
		sqlite3_result_text(c, compliance_assessment_entity_score_text(st->a, i), -1,
		                    SQLITE_TRANSIENT);
	} else {
		sqlite3_str *s = sqlite3_str_new(NULL);

		sqlite3_str_appendall(s, "{\"score\":");
		json_str(s, compliance_assessment_entity_score_text(st->a, i), 0);
		sqlite3_str_appendall(s, ",\"mean\":");
		json_str(s, compliance_assessment_entity_mean_text(st->a, i), 0);
		sqlite3_str_appendall(s, ",\"category\":");
		json_str(s, compliance_assessment_entity_category(st->a, i), 1);
		sqlite3_str_appendall(s, ",\"zone\":");
		json_str(s, compliance_assessment_entity_zone(st->a, i), 0);
		sqlite3_str_appendall(s, ",\"label\":");
		json_str(s, compliance_assessment_entity_label(st->a, i), 0);
		sqlite3_str_appendf(s, ",\"units\":%lld}", (long long)st->units);
		result_str(c, s);
	}
	entity_free(st);
}

static void entity_final(sqlite3_context *c)
{
	entity_final_named(c, "compliance_entity", 0);
}

static void entity_json_final(sqlite3_context *c)
{
	entity_final_named(c, "compliance_entity_json", 1);
}

/* ---- compliance_skm: respondents of a group into the IKM ------------------- */

typedef struct skm_state {
	compliance_skm *skm;
	char *profile_text;
	sqlite3_int64 rows;
	int failed;
} skm_state;

/* One answer from an INTEGER, a TEXT of digits, or NULL / '' (no answer). */
static int answer_of(sqlite3_context *c, const char *fn, sqlite3_value *v, size_t k, int *out)
{
	const char *t;
	char *end;
	long n;

	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		*out = 0;
		return 0;
	case SQLITE_INTEGER: {
		sqlite3_int64 i = sqlite3_value_int64(v);
		if (i < 0 || i > 1000000) {
			fail(c, fn, COMPLIANCE_E_RANGE, "answer %zu: %lld is outside the answer scale",
			     k + 1, (long long)i);
			return -1;
		}
		*out = (int)i;
		return 0;
	}
	case SQLITE_TEXT:
		t = (const char *)sqlite3_value_text(v);
		if (!t || !*t) {
			*out = 0;
			return 0;
		}
		n = strtol(t, &end, 10);
		if (*end || t[0] < '0' || t[0] > '9' || n > 1000000) {
			fail(c, fn, COMPLIANCE_E_PARSE, "answer %zu: expected a whole answer, found '%s'",
			     k + 1, t);
			return -1;
		}
		*out = (int)n;
		return 0;
	default:
		fail(c, fn, 0, "answer %zu is a %s; pass answers as INTEGER or TEXT", k + 1,
		     sqlite3_value_type(v) == SQLITE_FLOAT ? "REAL" : "BLOB");
		return -1;
	}
}

/* Answers from a text such as '4,4,3,,3,4,3,3,3' (empty: no answer). */
static int answers_of_text(sqlite3_context *c, const char *fn, const char *t, int *answers,
                           size_t *n)
{
	size_t k = 0;
	const char *p = t;

	for (;;) {
		long v = 0;
		const char *start = p;

		while (*p >= '0' && *p <= '9') {
			if (v > 1000000) {
				fail(c, fn, COMPLIANCE_E_RANGE, "answer %zu of '%s' is too large", k + 1, t);
				return -1;
			}
			v = v * 10 + (*p++ - '0');
		}
		if (*p != ',' && *p != '\0') {
			fail(c, fn, COMPLIANCE_E_PARSE,
			     "answers '%s': expected whole answers separated by commas (empty for no "
			     "answer), found '%c' in answer %zu", t, *p, k + 1);
			return -1;
		}
		if (k == MAX_ANSWERS) {
			fail(c, fn, COMPLIANCE_E_INVALID, "answers '%s': more than %d answers", t,
			     MAX_ANSWERS);
			return -1;
		}
		answers[k++] = p == start ? 0 : (int)v;
		if (!*p)
			break;
		p++;
	}
	*n = k;
	return 0;
}

static void skm_release(skm_state *st)
{
	compliance_skm_free(st->skm);
	sqlite3_free(st->profile_text);
	st->skm = NULL;
	st->profile_text = NULL;
}

/* As entity_failed(): no xFinal follows a failed step. */
static void skm_failed(skm_state *st)
{
	skm_release(st);
	st->failed = 1;
}

static void skm_step_named(sqlite3_context *c, const char *fn, int argc, sqlite3_value **argv)
{
	skm_state *st = sqlite3_aggregate_context(c, sizeof *st);
	int answers[MAX_ANSWERS];
	size_t n = 0, want, k;
	int rc;

	if (!st) {
		sqlite3_result_error_nomem(c);
		return;
	}
	if (st->failed)
		return;
	if (argc < 2) {
		fail(c, fn, 0, "expected (profile, a1, ..., a9) or (profile, 'a1,...,a9')");
		skm_failed(st);
		return;
	}
	if (!st->skm) {
		compliance_profile *p = open_profile(c, fn, argv[0]);
		compliance_ctx *ctx = NULL;

		if (!p) {
			skm_failed(st);
			return;
		}
		if (compliance_ctx_new(&ctx)) {
			compliance_profile_free(p);
			sqlite3_result_error_nomem(c);
			skm_failed(st);
			return;
		}
		rc = compliance_skm_new(ctx, &st->skm, p);
		if (rc)
			fail(c, fn, rc, "%s", compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		compliance_profile_free(p);
		st->profile_text = sqlite3_mprintf("%s", sqlite3_value_text(argv[0]));
		if (!rc && !st->profile_text)
			sqlite3_result_error_nomem(c);
		if (rc || !st->profile_text) {
			skm_failed(st);
			return;
		}
		/* rows are anonymous: no id to check, constant memory */
		compliance_skm_set_option(st->skm, COMPLIANCE_SKM_OPT_CHECK_DUPLICATES, 0);
	} else if (!same_text(argv[0], st->profile_text)) {
		fail(c, fn, 0, "every row of a group must give the same profile ('%s', then '%s')",
		     st->profile_text, sqlite3_value_text(argv[0]));
		skm_failed(st);
		return;
	}
	want = compliance_skm_element_count(st->skm);
	if (argc == 2 && want != 1) {
		if (sqlite3_value_type(argv[1]) != SQLITE_TEXT) {
			fail(c, fn, 0, "with two arguments the answers are one TEXT such as "
			               "'4,4,3,,3,4,3,3,3'");
			skm_failed(st);
			return;
		}
		if (answers_of_text(c, fn, (const char *)sqlite3_value_text(argv[1]), answers, &n)) {
			skm_failed(st);
			return;
		}
	} else {
		if ((size_t)(argc - 1) > MAX_ANSWERS) {
			fail(c, fn, COMPLIANCE_E_INVALID, "more than %d answers", MAX_ANSWERS);
			skm_failed(st);
			return;
		}
		for (k = 0; k + 1 < (size_t)argc; k++)
			if (answer_of(c, fn, argv[k + 1], k, &answers[k])) {
				skm_failed(st);
				return;
			}
		n = (size_t)argc - 1;
	}
	if (n != want) {
		fail(c, fn, COMPLIANCE_E_INVALID, "row %lld: %zu answers given, %s has %zu elements",
		     (long long)st->rows + 1, n, st->profile_text, want);
		skm_failed(st);
		return;
	}
	rc = compliance_skm_add_respondent(st->skm, NULL, answers, n);
	if (rc) {
		fail(c, fn, rc, "row %lld: %s", (long long)st->rows + 1, compliance_skm_errmsg(st->skm));
		skm_failed(st);
		return;
	}
	st->rows++;
}

static void skm_step(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	skm_step_named(c, "compliance_skm", argc, argv);
}

static void skm_json_step(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	skm_step_named(c, "compliance_skm_json", argc, argv);
}

static void skm_final_named(sqlite3_context *c, const char *fn, int as_json)
{
	skm_state *st = sqlite3_aggregate_context(c, 0);
	int rc;

	if (!st || !st->skm || st->failed || st->rows == 0) {
		if (!st || !st->failed)
			sqlite3_result_null(c);
		goto out;
	}
	rc = compliance_skm_compute(st->skm);
	if (rc) {
		fail(c, fn, rc, "%s", compliance_skm_errmsg(st->skm));
	} else if (!as_json) {
		sqlite3_result_text(c, compliance_skm_result(st->skm, COMPLIANCE_SKM_IKM), -1,
		                    SQLITE_TRANSIENT);
	} else {
		sqlite3_str *s = sqlite3_str_new(NULL);

		sqlite3_str_appendall(s, "{\"ikm\":");
		json_str(s, compliance_skm_result(st->skm, COMPLIANCE_SKM_IKM), 0);
		sqlite3_str_appendall(s, ",\"ikm_exact\":");
		json_str(s, compliance_skm_result(st->skm, COMPLIANCE_SKM_IKM_EXACT), 0);
		sqlite3_str_appendall(s, ",\"category\":");
		json_str(s, compliance_skm_result(st->skm, COMPLIANCE_SKM_CATEGORY), 1);
		sqlite3_str_appendall(s, ",\"label\":");
		json_str(s, compliance_skm_result(st->skm, COMPLIANCE_SKM_LABEL), 0);
		sqlite3_str_appendf(s, ",\"respondents\":%llu,\"respondents_read\":%llu}",
		                    (unsigned long long)compliance_skm_count(
		                            st->skm, COMPLIANCE_SKM_COUNT_RESPONDENTS),
		                    (unsigned long long)compliance_skm_count(st->skm,
		                                                             COMPLIANCE_SKM_COUNT_READ));
		result_str(c, s);
	}
out:
	if (st)
		skm_release(st);
}

static void skm_final(sqlite3_context *c)
{
	skm_final_named(c, "compliance_skm", 0);
}

static void skm_json_final(sqlite3_context *c)
{
	skm_final_named(c, "compliance_skm_json", 1);
}

static void version_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(c, compliance_version_string(), -1, SQLITE_STATIC);
}

/* ---- registration ------------------------------------------------------------ */

/* Registers one function with its user data: the next of conn's fns (the
 * connection's document cache, and which for the scalars), counted for
 * conn_release() (called by SQLite even when the registration fails). */
static int reg(sqlite3 *db, conn_data *conn, int *next, const char *name, int nargs, int which,
               void (*xfunc)(sqlite3_context *, int, sqlite3_value **),
               void (*xstep)(sqlite3_context *, int, sqlite3_value **),
               void (*xfinal)(sqlite3_context *))
{
	/* deterministic: the same arguments always give the same result */
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	fn_data *fd = &conn->fns[(*next)++];

	fd->conn = conn;
	fd->which = which;
	conn->refs++;
	return sqlite3_create_function_v2(db, name, nargs, flags, fd, xfunc, xstep, xfinal,
	                                  conn_release);
}

#ifndef SQLITE_COMPLIANCE_EXPORT
#define SQLITE_COMPLIANCE_EXPORT
#endif
SQLITE_COMPLIANCE_EXPORT int sqlite3_compliance_init(sqlite3 *db, char **errmsg,
                                                     const sqlite3_api_routines *api);

SQLITE_COMPLIANCE_EXPORT

int sqlite3_compliance_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api)
{
	conn_data *conn;
	int rc = SQLITE_OK, next = 0, i;

	SQLITE_EXTENSION_INIT2(api);
	if (compliance_version() / 100 != COMPLIANCE_VERSION_NUMBER / 100) {
		*errmsg = sqlite3_mprintf("compliance: the extension was built for libcompliance %s "
		                          "but the library loaded is %s",
		                          COMPLIANCE_VERSION_STRING, compliance_version_string());
		return SQLITE_ERROR;
	}
	conn = sqlite3_malloc64(sizeof *conn);
	if (!conn)
		return SQLITE_NOMEM;
	memset(conn, 0, sizeof *conn);
	conn->refs = 1; /* this function's, dropped at its end */
	for (i = 0; rc == SQLITE_OK && i <= R_JSON; i++)
		rc = reg(db, conn, &next, scalar_names[i], 2, i, classify_fn, NULL, NULL);
	for (i = 2; rc == SQLITE_OK && i <= 3; i++) {
		rc = reg(db, conn, &next, "compliance_entity", i, 0, NULL, entity_step, entity_final);
		if (rc == SQLITE_OK)
			rc = reg(db, conn, &next, "compliance_entity_json", i, 0, NULL, entity_json_step,
			         entity_json_final);
	}
	if (rc == SQLITE_OK)
		rc = reg(db, conn, &next, "compliance_skm", -1, 0, NULL, skm_step, skm_final);
	if (rc == SQLITE_OK)
		rc = reg(db, conn, &next, "compliance_skm_json", -1, 0, NULL, skm_json_step,
		         skm_json_final);
	if (rc == SQLITE_OK)
		rc = reg(db, conn, &next, "compliance_version", 0, 0, version_fn, NULL, NULL);
	conn->fns[next].conn = conn;
	conn_release(&conn->fns[next]); /* this function's reference */
	if (rc != SQLITE_OK)
		*errmsg = sqlite3_mprintf("compliance: cannot register the functions: %s",
		                          sqlite3_errstr(rc));
	return rc;
}

/* The same entry point under the name SQLite derives from mod_compliance.so,
 * the module's name in the Debian package libsqlite3-mod-compliance (in the
 * library directory, so that `.load mod_compliance` finds it). */
SQLITE_COMPLIANCE_EXPORT int sqlite3_modcompliance_init(sqlite3 *db, char **errmsg,
                                                        const sqlite3_api_routines *api);

SQLITE_COMPLIANCE_EXPORT
int sqlite3_modcompliance_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api)
{
	return sqlite3_compliance_init(db, errmsg, api);
}
