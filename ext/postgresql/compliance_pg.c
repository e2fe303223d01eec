/*
 * libcompliance in PostgreSQL: classification of scores, an aggregate that
 * scores units into an entity, and an SKM aggregate, all exact (numeric in
 * through its text form, numeric out; no float anywhere).
 *
 * The aggregates keep a plain `text` state: the library's portable text
 * form of an SKM tally or an entity accumulator (include/compliance/tally.h,
 * docs/design.md "Serialised partial results"). Partial states merge with
 * the combine functions, so the aggregates run in parallel plans, and a
 * state can be stored and merged later (compliance_skm_tally /
 * compliance_skm_merge): a national roll-up of offices without moving
 * their respondents' answers.
 *
 * Library objects are allocated with malloc, not palloc: every function
 * releases them before it reports an error (ereport does not return), by
 * copying the library's message into a palloc'd buffer first.
 *
 * The profile argument is a built-in id or a JSON profile document (text
 * whose first character other than white space is '{', loaded with
 * compliance_profile_load_buffer; it may extend a built-in). A backend
 * keeps the documents it loaded in a small LRU keyed by their exact text,
 * so that an aggregate over many rows parses one once. An aggregate state
 * under a document carries the document itself before the library's text
 * (the combine and final functions are not given the profile argument, and
 * a parallel leader may not have seen a row):
 *
 *   compliance-profile-document <bytes>\n<the document>\n<tally or accumulator text>
 *
 * States merge only when their documents are the same text (or both name
 * the same built-in).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "storage/ipc.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/lsyscache.h"

#include <string.h>

#include "compliance.h"

/* jansson's json_object() under another name for the library's calls: the
 * postgres executable exports a json_object of its own (see Makefile). */
extern void *json_pack(const char *fmt,...);	/* jansson.h clashes with
											 * fmgrprotos.h's json_object */
void	   *compliance_pg_json_object(void);
void *
compliance_pg_json_object(void)
{
	return json_pack("{}");
}

PG_MODULE_MAGIC;

/* ---- errors ------------------------------------------------------------------- */

static int
sqlstate_of(int code)
{
	switch (code)
	{
		case COMPLIANCE_E_NOTFOUND:
		case COMPLIANCE_E_NO_ASSESSMENT:
			return ERRCODE_UNDEFINED_OBJECT;
		case COMPLIANCE_E_PARSE:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case COMPLIANCE_E_RANGE:
		case COMPLIANCE_E_OVERFLOW:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case COMPLIANCE_E_NOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case COMPLIANCE_E_MISSING:
			return ERRCODE_DATA_EXCEPTION;
		default:
			return ERRCODE_INVALID_PARAMETER_VALUE;
	}
}

/* Reports a library error; `msg` must be palloc'd or static (the library
 * objects it came from are already released). */
static void pg_attribute_noreturn()
fail(const char *fn, int code, const char *msg)
{
	ereport(ERROR,
			(errcode(sqlstate_of(code)),
			 errmsg("%s: %s", fn, msg && *msg ? msg : compliance_strerror(code)),
			 errdetail("libcompliance error %s.", compliance_error_name(code))));
}

/* ---- profiles ----------------------------------------------------------------- */

/*
 * Opens a built-in profile of kind `kind` (-1: any kind) (files are not
 * read: a server-side path is not the caller's to choose). With the C library's allocator a built-in is
 * parsed once per process and shared, so this is cheap. The caller
 * releases it with compliance_profile_free(). On failure reports the error.
 */
/* The built-ins opened so far in this backend: the library keeps each
 * built-in for the life of the process anyway (opened with the C library's
 * allocator, it is parsed once and shared), so holding one reference here
 * costs nothing and spares an open per row. */
#define PROFILE_CACHE 8
static struct
{
	char		id[64];
	compliance_profile *p;
}			profile_cache[PROFILE_CACHE];

static compliance_profile *
open_profile(const char *fn, const char *id, int kind)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	char	   *msg;
	int			rc,
				i;

	for (i = 0; i < PROFILE_CACHE && profile_cache[i].p; i++)
		if (strcmp(profile_cache[i].id, id) == 0)
		{
			p = compliance_profile_ref(profile_cache[i].p);
			if (kind >= 0 && compliance_profile_kind(p) != kind)
				break;
			return p;
		}
	if (p)
		compliance_profile_free(p);
	p = NULL;
	if (compliance_ctx_new(&ctx) != COMPLIANCE_OK)
		fail(fn, COMPLIANCE_E_NOMEM, NULL);
	rc = compliance_profile_open(ctx, &p, id);
	if (rc != COMPLIANCE_OK)
	{
		msg = pstrdup(compliance_ctx_errmsg(ctx));
		compliance_ctx_free(ctx);
		fail(fn, rc, msg);
	}
	compliance_ctx_free(ctx);
	if (kind >= 0 && compliance_profile_kind(p) != kind)
	{
		msg = psprintf("profile '%s' is not %s", id,
					   kind == COMPLIANCE_PROFILE_SKM
					   ? "an SKM method (use e.g. 'skm-2017')"
					   : "an assessment profile (use e.g. 'ombudsman-2023')");
		compliance_profile_free(p);
		fail(fn, COMPLIANCE_E_INVALID, msg);
	}
	for (i = 0; i < PROFILE_CACHE; i++)
		if (!profile_cache[i].p && strlen(id) < sizeof profile_cache[i].id)
		{
			strcpy(profile_cache[i].id, id);
			profile_cache[i].p = compliance_profile_ref(p);
			break;
		}
	return p;
}

static char *state_profile_id(const char *fn, const char *s, size_t len);

/* ---- profile documents ---------------------------------------------------- */

#define DOC_CACHE 8
static struct
{
	char	   *text;			/* malloc'd: the exact document */
	size_t		len;
	compliance_profile *p;
	uint64		used;
}			doc_cache[DOC_CACHE];
static uint64 doc_clock;
static bool doc_exit_registered;

static void
doc_cache_free(int code, Datum arg)
{
	int			i;

	(void) code;
	(void) arg;
	for (i = 0; i < DOC_CACHE; i++)
	{
		compliance_profile_free(doc_cache[i].p);
		free(doc_cache[i].text);
		doc_cache[i].p = NULL;
		doc_cache[i].text = NULL;
	}
}

/* 1 when the profile argument is a document: its first character other
 * than white space is '{'. */
static int
is_document(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i < len && s[i] == '{';
}

/* The kind check of open_profile for a document's profile: releases p and
 * reports the error when the kind differs. */
static void
check_kind(const char *fn, compliance_profile *p, int kind)
{
	if (kind >= 0 && compliance_profile_kind(p) != kind)
	{
		char	   *msg = psprintf("profile '%s' is not %s", compliance_profile_id(p),
								   kind == COMPLIANCE_PROFILE_SKM
								   ? "an SKM method (kind \"skm\", e.g. extending 'skm-2017')"
								   : "an assessment profile (e.g. extending 'ombudsman-2023')");

		compliance_profile_free(p);
		fail(fn, COMPLIANCE_E_INVALID, msg);
	}
}

/* The profile of a document (a new reference), from the backend's cache or
 * loaded into it; a document that is not a valid profile is reported with
 * the library's message, each of its diagnostics and the code's name. */
static compliance_profile *
open_document(const char *fn, const char *doc, size_t len, int kind)
{
	compliance_ctx *ctx = NULL;
	compliance_profile *p = NULL;
	int			i,
				old = 0,
				rc;
	char	   *copy;

	for (i = 0; i < DOC_CACHE; i++)
		if (doc_cache[i].p && doc_cache[i].len == len && memcmp(doc_cache[i].text, doc, len) == 0)
		{
			doc_cache[i].used = ++doc_clock;
			p = compliance_profile_ref(doc_cache[i].p);
			check_kind(fn, p, kind);
			return p;
		}
	if (compliance_ctx_new(&ctx) != COMPLIANCE_OK)
		fail(fn, COMPLIANCE_E_NOMEM, NULL);
	rc = compliance_profile_load_buffer(ctx, &p, doc, len, "profile argument");
	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_ctx_errmsg(ctx));
		StringInfoData d;
		size_t		k,
					n = compliance_ctx_diag_count(ctx);

		initStringInfo(&d);
		for (k = 0; k < n; k++)
			appendStringInfo(&d, "%s\n", compliance_ctx_diag(ctx, k));
		appendStringInfo(&d, "libcompliance error %s.", compliance_error_name(rc));
		compliance_ctx_free(ctx);
		ereport(ERROR,
				(errcode(sqlstate_of(rc == COMPLIANCE_E_PROFILE ? COMPLIANCE_E_PARSE : rc)),
				 errmsg("%s: the profile document is not a valid profile: %s", fn, msg),
				 errdetail_internal("%s", d.data),
				 errhint("The profile argument is a built-in id such as 'ombudsman-2023' or a "
						 "JSON profile document (docs/profile-format.md); "
						 "`compliance profile check FILE` shows every problem of a file.")));
	}
	compliance_ctx_free(ctx);
	copy = malloc(len ? len : 1);
	if (copy)
	{
		if (!doc_exit_registered)
		{
			on_proc_exit(doc_cache_free, (Datum) 0);
			doc_exit_registered = true;
		}
		memcpy(copy, doc, len);
		for (i = 0; i < DOC_CACHE; i++)
		{
			if (!doc_cache[i].p)
			{
				old = i;		/* a free slot */
				break;
			}
			if (doc_cache[i].used < doc_cache[old].used)
				old = i;
		}
		compliance_profile_free(doc_cache[old].p);
		free(doc_cache[old].text);
		doc_cache[old].text = copy;
		doc_cache[old].len = len;
		doc_cache[old].p = compliance_profile_ref(p);
		doc_cache[old].used = ++doc_clock;
	}
	check_kind(fn, p, kind);
	return p;
}

/* The profile argument: a document or a built-in id. */
static compliance_profile *
profile_arg(const char *fn, text *arg, int kind)
{
	const char *s = VARDATA_ANY(arg);
	size_t		len = VARSIZE_ANY_EXHDR(arg);

	if (is_document(s, len))
		return open_document(fn, s, len, kind);
	return open_profile(fn, text_to_cstring(arg), kind);
}

/* A state text split into the document it carries (doc NULL for a
 * built-in's state) and the library's text. */
typedef struct pstate
{
	const char *doc;
	size_t		doclen;
	const char *s;
	size_t		len;
} pstate;

#define DOC_HEADER "compliance-profile-document "

static void
state_split(const char *fn, text *state, pstate *ps)
{
	const char *s = VARDATA_ANY(state);
	size_t		len = VARSIZE_ANY_EXHDR(state),
				h = strlen(DOC_HEADER),
				n = 0,
				i;

	ps->doc = NULL;
	ps->doclen = 0;
	ps->s = s;
	ps->len = len;
	if (len < h || memcmp(s, DOC_HEADER, h) != 0)
		return;
	for (i = h; i < len && s[i] >= '0' && s[i] <= '9' && i < h + 10; i++)
		n = n * 10 + (size_t) (s[i] - '0');
	if (i == h || i >= len || s[i] != '\n' || n > len - i - 1 || len - i - 1 - n < 1 ||
		s[i + 1 + n] != '\n')
		fail(fn, COMPLIANCE_E_PARSE,
			 "the state's profile document is cut short (its first line gives its length)");
	ps->doc = s + i + 1;
	ps->doclen = n;
	ps->s = s + i + 2 + n;
	ps->len = len - (i + 2 + n);
}

/* The state's profile: its document's, or the built-in its text names. */
static compliance_profile *
state_profile(const char *fn, const pstate *ps, int kind)
{
	if (ps->doc)
		return open_document(fn, ps->doc, ps->doclen, kind);
	return open_profile(fn, state_profile_id(fn, ps->s, ps->len), kind);
}

/* The library's text s, after the document when there is one, as a text. */
static text *
state_text(const char *doc, size_t doclen, const char *s, size_t len)
{
	StringInfoData b;
	text	   *out;

	if (!doc)
		return cstring_to_text_with_len(s, (int) len);
	initStringInfo(&b);
	appendStringInfo(&b, "%s%zu\n", DOC_HEADER, doclen);
	appendBinaryStringInfo(&b, doc, (int) doclen);
	appendStringInfoChar(&b, '\n');
	appendBinaryStringInfo(&b, s, (int) len);
	out = cstring_to_text_with_len(b.data, b.len);
	pfree(b.data);
	return out;
}

/* Reports states (or a state and a row) of different profiles. */
static void
same_profile(const char *fn, const pstate *a, const char *doc, size_t doclen,
			 const char *id, const char *what)
{
	if (a->doc && doc && a->doclen == doclen && memcmp(a->doc, doc, doclen) == 0)
		return;
	if (!a->doc && !doc)
	{
		char	   *sid = state_profile_id(fn, a->s, a->len);

		if (strcmp(sid, id) == 0)
			return;
		fail(fn, COMPLIANCE_E_INVALID, psprintf("%s, from '%s' to '%s'", what, sid, id));
	}
	fail(fn, COMPLIANCE_E_INVALID,
		 psprintf("%s (%s)", what,
				  a->doc && doc ? "two different profile documents"
				  : "a profile document and a built-in id"));
}

/* The profile id named on line 2 of a state text ("profile <id>"), for the
 * combine and final functions, which are not given the profile argument;
 * the library's parser checks the whole text afterwards. */
static char *
state_profile_id(const char *fn, const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len),
			   *start,
			   *end;

	if (nl && (size_t) (s + len - (nl + 1)) > 8 && memcmp(nl + 1, "profile ", 8) == 0)
	{
		start = nl + 9;
		end = memchr(start, '\n', (size_t) (s + len - start));
		if (end && end > start)
			return pnstrdup(start, end - start);
	}
	fail(fn, COMPLIANCE_E_PARSE,
		 "the state is not a libcompliance tally (no 'profile' line on line 2)");
}

/* The text of a numeric, as numeric_out writes it (no exponent). */
static char *
numeric_text(Datum num)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, num));
}

static Datum
text_numeric(const char *s)
{
	return DirectFunctionCall3(numeric_in, CStringGetDatum(s), ObjectIdGetDatum(InvalidOid),
							   Int32GetDatum(-1));
}

/* ---- classification ----------------------------------------------------------- */

typedef struct classified
{
	char		rounded[64];
	const char *category,
			   *zone,
			   *label;
} classified;

/* Classifies; fills c (strings owned by the profile, which the caller
 * frees after use) or reports the error. */
static compliance_profile *
classify(const char *fn, FunctionCallInfo fcinfo, classified *c)
{
	char	   *score = numeric_text(PG_GETARG_DATUM(1));
	compliance_profile *p = profile_arg(fn, PG_GETARG_TEXT_PP(0), -1);
	compliance_ctx *ctx = NULL;
	int64_t		rounded = 0;
	size_t		band = 0;
	int			rc;

	if (compliance_ctx_new(&ctx) != COMPLIANCE_OK)
	{
		compliance_profile_free(p);
		fail(fn, COMPLIANCE_E_NOMEM, NULL);
	}
	rc = compliance_profile_classify(ctx, p, score, &rounded, &band);
	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_ctx_errmsg(ctx));

		compliance_ctx_free(ctx);
		compliance_profile_free(p);
		fail(fn, rc, msg);
	}
	compliance_ctx_free(ctx);
	{
		/* the rounded score as decimal text: rounded / 10^decimals */
		int			dec = compliance_profile_decimals(p);
		uint64_t	u = rounded < 0 ? (uint64_t) 0 - (uint64_t) rounded : (uint64_t) rounded;
		uint64_t	pow = 1;
		int			k;

		for (k = 0; k < dec; k++)
			pow *= 10;
		if (dec > 0)
			snprintf(c->rounded, sizeof c->rounded, "%s%llu.%0*llu", rounded < 0 ? "-" : "",
					 (unsigned long long) (u / pow), dec, (unsigned long long) (u % pow));
		else
			snprintf(c->rounded, sizeof c->rounded, "%s%llu", rounded < 0 ? "-" : "",
					 (unsigned long long) u);
	}
	c->category = compliance_profile_band_category(p, band);
	c->zone = compliance_profile_band_zone(p, band);
	c->label = compliance_profile_band_label(p, band);
	return p;
}

/* NULL for an empty text (zone-only editions publish no category). */
static Datum
text_or_null(FunctionCallInfo fcinfo, const char *s, compliance_profile *p)
{
	Datum		d;

	if (!s || !*s)
	{
		compliance_profile_free(p);
		PG_RETURN_NULL();
	}
	d = PointerGetDatum(cstring_to_text(s));
	compliance_profile_free(p);
	return d;
}

PG_FUNCTION_INFO_V1(compliance_pg_category);
Datum
compliance_pg_category(PG_FUNCTION_ARGS)
{
	classified	c;
	compliance_profile *p = classify("compliance_category", fcinfo, &c);

	return text_or_null(fcinfo, c.category, p);
}

PG_FUNCTION_INFO_V1(compliance_pg_zone);
Datum
compliance_pg_zone(PG_FUNCTION_ARGS)
{
	classified	c;
	compliance_profile *p = classify("compliance_zone", fcinfo, &c);

	return text_or_null(fcinfo, c.zone, p);
}

PG_FUNCTION_INFO_V1(compliance_pg_label);
Datum
compliance_pg_label(PG_FUNCTION_ARGS)
{
	classified	c;
	compliance_profile *p = classify("compliance_label", fcinfo, &c);

	return text_or_null(fcinfo, c.label, p);
}

/* compliance_classify(profile, score) -> (score numeric, category, zone, label) */
PG_FUNCTION_INFO_V1(compliance_pg_classify);
Datum
compliance_pg_classify(PG_FUNCTION_ARGS)
{
	classified	c;
	compliance_profile *p;
	TupleDesc	td;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	char	   *cat,
			   *zone,
			   *label;

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						errmsg("compliance_classify: the result must be a composite")));
	td = BlessTupleDesc(td);
	p = classify("compliance_classify", fcinfo, &c);
	cat = pstrdup(c.category ? c.category : "");
	zone = pstrdup(c.zone ? c.zone : "");
	label = pstrdup(c.label ? c.label : "");
	compliance_profile_free(p);
	values[0] = text_numeric(c.rounded);
	values[1] = PointerGetDatum(cstring_to_text(cat));
	nulls[1] = *cat == 0;
	values[2] = PointerGetDatum(cstring_to_text(zone));
	nulls[2] = *zone == 0;
	values[3] = PointerGetDatum(cstring_to_text(label));
	nulls[3] = *label == 0;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, values, nulls)));
}

/* ---- the SKM aggregate ------------------------------------------------------- */

static text *
tally_text(const char *fn, compliance_skm_tally *t, const char *doc, size_t doclen)
{
	char	   *s = NULL;
	size_t		len = 0;
	text	   *out;
	int			rc = compliance_skm_tally_serialize(t, &s, &len);

	if (rc != COMPLIANCE_OK)
	{
		compliance_skm_tally_free(t);
		fail(fn, rc, NULL);
	}
	out = state_text(doc, doclen, s, len);
	compliance_free(s);
	return out;
}

/* A state as a tally (under `p` when given, else under the state's
 * profile; the profile is released by the caller: *pout). */
static compliance_skm_tally *
tally_of(const char *fn, const pstate *ps, compliance_profile *p, compliance_profile **pout)
{
	const char *s = ps->s;
	size_t		len = ps->len;
	compliance_ctx *ctx = NULL;
	compliance_skm_tally *t = NULL;
	int			rc;

	if (!p)
		p = state_profile(fn, ps, COMPLIANCE_PROFILE_SKM);
	*pout = p;
	if (compliance_ctx_new(&ctx) != COMPLIANCE_OK)
	{
		compliance_profile_free(p);
		fail(fn, COMPLIANCE_E_NOMEM, NULL);
	}
	rc = compliance_skm_tally_parse(ctx, &t, p, s, len);
	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_ctx_errmsg(ctx));

		compliance_ctx_free(ctx);
		compliance_profile_free(p);
		fail(fn, rc, msg);
	}
	compliance_ctx_free(ctx);
	return t;
}

/* The answers of one row: a one-dimensional int2 or int4 array; NULL
 * elements are blanks (0). */
static int *
row_answers(const char *fn, ArrayType *arr, int *n)
{
	Oid			elt = ARR_ELEMTYPE(arr);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *d;
	bool	   *isnull;
	int		   *ans,
				i;

	if (elt != INT4OID && elt != INT2OID)
		ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
						errmsg("%s: the answers must be an int[] or smallint[]", fn)));
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						errmsg("%s: the answers must be a one-dimensional array", fn)));
	get_typlenbyvalalign(elt, &typlen, &typbyval, &typalign);
	deconstruct_array(arr, elt, typlen, typbyval, typalign, &d, &isnull, n);
	ans = palloc0(sizeof(int) * (*n > 0 ? *n : 1));
	for (i = 0; i < *n; i++)
		if (!isnull[i])
			ans[i] = elt == INT4OID ? DatumGetInt32(d[i]) : DatumGetInt16(d[i]);
	return ans;
}

/* compliance_skm_sfunc(state text, profile text, answers int[]) */
PG_FUNCTION_INFO_V1(compliance_pg_skm_sfunc);
Datum
compliance_pg_skm_sfunc(PG_FUNCTION_ARGS)
{
	const char *fn = "compliance_skm";
	compliance_profile *p;
	compliance_skm_tally *t = NULL;
	text	   *parg;
	const char *pa;
	size_t		plen;
	char	   *id = NULL;
	pstate		ps;
	int		   *ans,
				n,
				doc,
				rc;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						errmsg("%s: the transition function is called by aggregates only",
							   fn)));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		/* a row without a profile or answers adds nobody */
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	parg = PG_GETARG_TEXT_PP(1);
	pa = VARDATA_ANY(parg);
	plen = VARSIZE_ANY_EXHDR(parg);
	doc = is_document(pa, plen);
	if (!doc)
		id = text_to_cstring(parg);
	ans = row_answers(fn, PG_GETARG_ARRAYTYPE_P(2), &n);
	if (!PG_ARGISNULL(0))
	{
		state_split(fn, PG_GETARG_TEXT_PP(0), &ps);
		same_profile(fn, &ps, doc ? pa : NULL, plen, id,
					 "the profile changed within one group");
	}
	p = doc ? open_document(fn, pa, plen, COMPLIANCE_PROFILE_SKM)
		: open_profile(fn, id, COMPLIANCE_PROFILE_SKM);
	if (PG_ARGISNULL(0))
	{
		if (compliance_skm_tally_new(NULL, &t, p) != COMPLIANCE_OK)
		{
			compliance_profile_free(p);
			fail(fn, COMPLIANCE_E_NOMEM, NULL);
		}
	}
	else
		t = tally_of(fn, &ps, p, &p);
	compliance_profile_free(p); /* the tally keeps its own reference */
	rc = compliance_skm_tally_add_respondent(t, ans, (size_t) n);
	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_skm_tally_errmsg(t));

		compliance_skm_tally_free(t);
		fail(fn, rc, msg);
	}
	{
		text	   *out = tally_text(fn, t, doc ? pa : NULL, plen);

		compliance_skm_tally_free(t);
		PG_RETURN_TEXT_P(out);
	}
}

/* The combine function, and the transition function of compliance_skm_merge
 * (strict: PostgreSQL handles the NULL states). */
PG_FUNCTION_INFO_V1(compliance_pg_skm_combine);
Datum
compliance_pg_skm_combine(PG_FUNCTION_ARGS)
{
	const char *fn = "compliance_skm";
	pstate		pa,
				pb;
	compliance_profile *p;
	compliance_skm_tally *t;
	int			rc;

	state_split(fn, PG_GETARG_TEXT_PP(0), &pa);
	state_split(fn, PG_GETARG_TEXT_PP(1), &pb);
	/* two built-ins' states: the library's merge checks their profiles */
	if (pa.doc || pb.doc)
		same_profile(fn, &pa, pb.doc, pb.doclen, NULL,
					 "cannot merge the states of two different profiles");
	t = tally_of(fn, &pa, NULL, &p);
	compliance_profile_free(p);
	rc = compliance_skm_tally_merge_text(t, pb.s, pb.len);
	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_skm_tally_errmsg(t));

		compliance_skm_tally_free(t);
		fail(fn, rc, msg);
	}
	{
		text	   *out = tally_text(fn, t, pa.doc, pa.doclen);

		compliance_skm_tally_free(t);
		PG_RETURN_TEXT_P(out);
	}
}

/* The missing-answer policy named by `name` ("available", "listwise" or
 * the full COMPLIANCE_SKM_MISSING_* names), or the error reported. */
static int
missing_policy(const char *fn, text *name)
{
	char	   *s = text_to_cstring(name);
	int			v = 0;

	if (compliance_enum_value(&v, "compliance_skm_missing", s) != COMPLIANCE_OK)
		fail(fn, COMPLIANCE_E_INVALID,
			 psprintf("unknown missing-answer policy '%s': expected 'available' or 'listwise'",
					  s));
	return v;
}

/* A computed survey over a state's respondents under `missing`, or the
 * error reported. */
static compliance_skm *
survey_of(const char *fn, text *state, int missing)
{
	compliance_profile *p;
	pstate		ps;
	compliance_skm_tally *t;
	compliance_skm *s = NULL;
	int			rc;

	state_split(fn, state, &ps);
	t = tally_of(fn, &ps, NULL, &p);
	rc = compliance_skm_new(NULL, &s, p);
	compliance_profile_free(p);
	if (rc != COMPLIANCE_OK)
	{
		compliance_skm_tally_free(t);
		fail(fn, rc, NULL);
	}
	rc = compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_MISSING, missing);
	if (rc == COMPLIANCE_OK)
		rc = compliance_skm_add_tally(s, t);
	compliance_skm_tally_free(t);
	if (rc == COMPLIANCE_OK)
		rc = compliance_skm_compute(s);
	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_skm_errmsg(s));

		compliance_skm_free(s);
		fail(fn, rc, msg);
	}
	return s;
}

/* compliance_skm final: the IKM rounded as the profile says, as numeric. */
PG_FUNCTION_INFO_V1(compliance_pg_skm_ikm);
Datum
compliance_pg_skm_ikm(PG_FUNCTION_ARGS)
{
	const char *fn = "compliance_skm";
	int			missing = PG_NARGS() > 1 ? missing_policy(fn, PG_GETARG_TEXT_PP(1))
		: COMPLIANCE_SKM_MISSING_AVAILABLE;
	compliance_skm *s = survey_of(fn, PG_GETARG_TEXT_PP(0), missing);
	char	   *ikm = pstrdup(compliance_skm_result(s, COMPLIANCE_SKM_IKM));

	compliance_skm_free(s);
	PG_RETURN_DATUM(text_numeric(ikm));
}

/* compliance_skm_result final: the whole result as jsonb (the document of
 * `compliance skm --format json`, docs/design.md 3.4). */
PG_FUNCTION_INFO_V1(compliance_pg_skm_json);
Datum
compliance_pg_skm_json(PG_FUNCTION_ARGS)
{
	const char *fn = "compliance_skm_result";
	int			missing = PG_NARGS() > 1 ? missing_policy(fn, PG_GETARG_TEXT_PP(1))
		: COMPLIANCE_SKM_MISSING_AVAILABLE;
	compliance_skm *s = survey_of(fn, PG_GETARG_TEXT_PP(0), missing);
	char	   *doc = NULL,
			   *copy;
	int			rc = compliance_skm_write(s, COMPLIANCE_FORMAT_JSON, &doc);

	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_skm_errmsg(s));

		compliance_skm_free(s);
		fail(fn, rc, msg);
	}
	copy = pstrdup(doc);
	compliance_free(doc);
	compliance_skm_free(s);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(copy)));
}

/* ---- the entity aggregate ------------------------------------------------------ */

static text *
acc_text(const char *fn, compliance_entity_acc *a, const char *doc, size_t doclen)
{
	char	   *s = NULL;
	size_t		len = 0;
	text	   *out;
	int			rc = compliance_entity_acc_serialize(a, &s, &len);

	if (rc != COMPLIANCE_OK)
	{
		compliance_entity_acc_free(a);
		fail(fn, rc, NULL);
	}
	out = state_text(doc, doclen, s, len);
	compliance_free(s);
	return out;
}

static compliance_entity_acc *
acc_of(const char *fn, const pstate *ps, compliance_profile *p)
{
	const char *s = ps->s;
	size_t		len = ps->len;
	compliance_ctx *ctx = NULL;
	compliance_entity_acc *a = NULL;
	int			own = !p,
				rc;

	if (own)
		p = state_profile(fn, ps, COMPLIANCE_PROFILE_ASSESSMENT);
	if (compliance_ctx_new(&ctx) != COMPLIANCE_OK)
	{
		if (own)
			compliance_profile_free(p);
		fail(fn, COMPLIANCE_E_NOMEM, NULL);
	}
	rc = compliance_entity_acc_parse(ctx, &a, p, s, len);
	if (own)
		compliance_profile_free(p);
	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_ctx_errmsg(ctx));

		compliance_ctx_free(ctx);
		fail(fn, rc, msg);
	}
	compliance_ctx_free(ctx);
	return a;
}

/* compliance_entity_sfunc(state text, profile text, unit_score numeric) */
PG_FUNCTION_INFO_V1(compliance_pg_entity_sfunc);
Datum
compliance_pg_entity_sfunc(PG_FUNCTION_ARGS)
{
	const char *fn = "compliance_entity";
	compliance_profile *p;
	compliance_entity_acc *a = NULL;
	text	   *parg;
	const char *pa;
	size_t		plen;
	char	   *id = NULL,
			   *score;
	pstate		ps;
	int			rc,
				doc;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						errmsg("%s: the transition function is called by aggregates only",
							   fn)));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	parg = PG_GETARG_TEXT_PP(1);
	pa = VARDATA_ANY(parg);
	plen = VARSIZE_ANY_EXHDR(parg);
	doc = is_document(pa, plen);
	if (!doc)
		id = text_to_cstring(parg);
	score = numeric_text(PG_GETARG_DATUM(2));
	if (!PG_ARGISNULL(0))
	{
		state_split(fn, PG_GETARG_TEXT_PP(0), &ps);
		same_profile(fn, &ps, doc ? pa : NULL, plen, id,
					 "the profile changed within one group");
	}
	p = doc ? open_document(fn, pa, plen, COMPLIANCE_PROFILE_ASSESSMENT)
		: open_profile(fn, id, COMPLIANCE_PROFILE_ASSESSMENT);
	if (PG_ARGISNULL(0))
		rc = compliance_entity_acc_new(NULL, &a, p);
	else
	{
		/* acc_of reports its own errors; release p first on that path */
		PG_TRY();
		{
			a = acc_of(fn, &ps, p);
		}
		PG_CATCH();
		{
			compliance_profile_free(p);
			PG_RE_THROW();
		}
		PG_END_TRY();
		rc = COMPLIANCE_OK;
	}
	compliance_profile_free(p);
	if (rc != COMPLIANCE_OK)
		fail(fn, rc, NULL);
	rc = compliance_entity_acc_add_unit_score(a, score);
	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_entity_acc_errmsg(a));

		compliance_entity_acc_free(a);
		fail(fn, rc, msg);
	}
	{
		text	   *out = acc_text(fn, a, doc ? pa : NULL, plen);

		compliance_entity_acc_free(a);
		PG_RETURN_TEXT_P(out);
	}
}

PG_FUNCTION_INFO_V1(compliance_pg_entity_combine);
Datum
compliance_pg_entity_combine(PG_FUNCTION_ARGS)
{
	const char *fn = "compliance_entity";
	pstate		pa,
				pb;
	compliance_entity_acc *a;
	int			rc;

	state_split(fn, PG_GETARG_TEXT_PP(0), &pa);
	state_split(fn, PG_GETARG_TEXT_PP(1), &pb);
	/* two built-ins' states: the library's merge checks their profiles */
	if (pa.doc || pb.doc)
		same_profile(fn, &pa, pb.doc, pb.doclen, NULL,
					 "cannot merge the states of two different profiles");
	a = acc_of(fn, &pa, NULL);
	rc = compliance_entity_acc_merge_text(a, pb.s, pb.len);

	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_entity_acc_errmsg(a));

		compliance_entity_acc_free(a);
		fail(fn, rc, msg);
	}
	{
		text	   *out = acc_text(fn, a, pa.doc, pa.doclen);

		compliance_entity_acc_free(a);
		PG_RETURN_TEXT_P(out);
	}
}

static compliance_entity_acc *
acc_computed(const char *fn, text *state)
{
	pstate		ps;
	compliance_entity_acc *a;
	int			rc;

	state_split(fn, state, &ps);
	a = acc_of(fn, &ps, NULL);
	rc = compliance_entity_acc_compute(a);

	if (rc != COMPLIANCE_OK)
	{
		char	   *msg = pstrdup(compliance_entity_acc_errmsg(a));

		compliance_entity_acc_free(a);
		fail(fn, rc, msg);
	}
	return a;
}

/* compliance_entity final: the entity score, rounded as the profile says. */
PG_FUNCTION_INFO_V1(compliance_pg_entity_score);
Datum
compliance_pg_entity_score(PG_FUNCTION_ARGS)
{
	compliance_entity_acc *a = acc_computed("compliance_entity", PG_GETARG_TEXT_PP(0));
	char	   *score = pstrdup(compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_SCORE));

	compliance_entity_acc_free(a);
	PG_RETURN_DATUM(text_numeric(score));
}

static void
json_field(StringInfo b, const char *key, const char *value, int comma)
{
	escape_json(b, key);
	appendStringInfoString(b, ": ");
	if (value && *value)
		escape_json(b, value);
	else
		appendStringInfoString(b, "null");
	if (comma)
		appendStringInfoString(b, ", ");
}

/* compliance_entity_result final: {"units", "score", "mean", "category",
 * "zone", "label"} as jsonb; numbers as strings (exact text). */
PG_FUNCTION_INFO_V1(compliance_pg_entity_json);
Datum
compliance_pg_entity_json(PG_FUNCTION_ARGS)
{
	compliance_entity_acc *a = acc_computed("compliance_entity_result", PG_GETARG_TEXT_PP(0));
	StringInfoData b;

	initStringInfo(&b);
	appendStringInfo(&b, "{\"units\": %llu, ",
					 (unsigned long long) compliance_entity_acc_units(a));
	json_field(&b, "score", compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_SCORE), 1);
	json_field(&b, "mean", compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_MEAN), 1);
	json_field(&b, "category", compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_CATEGORY), 1);
	json_field(&b, "zone", compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_ZONE), 1);
	json_field(&b, "label", compliance_entity_acc_result(a, COMPLIANCE_ENTITY_ACC_LABEL), 0);
	appendStringInfoChar(&b, '}');
	compliance_entity_acc_free(a);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data)));
}

/* compliance_version() */
PG_FUNCTION_INFO_V1(compliance_pg_version);
Datum
compliance_pg_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(compliance_version_string()));
}
