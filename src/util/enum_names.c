/*
 * Names of the public enums' constants, both ways: the full name
 * ("COMPLIANCE_MISSING_EXCLUDE") and the short lowercase one ("exclude"),
 * for the command-line program and for bindings that cannot read C
 * headers. tests/abi/check_enums.py checks this table against the
 * headers; `check_enums.py --emit include` prints its rows.
 */
#include <string.h>

#include "compliance.h"
#include "util/util.h"

typedef struct cp_enum_row {
	const char *tag;   /* the enum's tag, e.g. "compliance_missing" */
	const char *name;  /* the constant's full name */
	const char *short_name;
	int value;
} cp_enum_row;

static const cp_enum_row rows[] = {
	{ "compliance_option", "COMPLIANCE_OPT_ROLLUP", "rollup", COMPLIANCE_OPT_ROLLUP },
	{ "compliance_option", "COMPLIANCE_OPT_MISSING", "missing", COMPLIANCE_OPT_MISSING },
	{ "compliance_option", "COMPLIANCE_OPT_DIALECT", "dialect", COMPLIANCE_OPT_DIALECT },
	{ "compliance_option", "COMPLIANCE_OPT_ENCODING", "encoding", COMPLIANCE_OPT_ENCODING },
	{ "compliance_option", "COMPLIANCE_OPT_NAMES", "names", COMPLIANCE_OPT_NAMES },
	{ "compliance_option", "COMPLIANCE_OPT_MAX_ERRORS", "max_errors", COMPLIANCE_OPT_MAX_ERRORS },
	{ "compliance_dialect", "COMPLIANCE_DIALECT_AUTO", "auto", COMPLIANCE_DIALECT_AUTO },
	{ "compliance_dialect", "COMPLIANCE_DIALECT_RFC4180", "rfc4180", COMPLIANCE_DIALECT_RFC4180 },
	{ "compliance_dialect", "COMPLIANCE_DIALECT_EXCEL_ID", "excel_id", COMPLIANCE_DIALECT_EXCEL_ID },
	{ "compliance_encoding", "COMPLIANCE_ENCODING_UTF8", "utf8", COMPLIANCE_ENCODING_UTF8 },
	{ "compliance_encoding", "COMPLIANCE_ENCODING_CP1252", "cp1252", COMPLIANCE_ENCODING_CP1252 },
	{ "compliance_encoding", "COMPLIANCE_ENCODING_LATIN1", "latin1", COMPLIANCE_ENCODING_LATIN1 },
	{ "compliance_names", "COMPLIANCE_NAMES_REFUSE", "refuse", COMPLIANCE_NAMES_REFUSE },
	{ "compliance_names", "COMPLIANCE_NAMES_MERGE", "merge", COMPLIANCE_NAMES_MERGE },
	{ "compliance_missing", "COMPLIANCE_MISSING_ERROR", "error", COMPLIANCE_MISSING_ERROR },
	{ "compliance_missing", "COMPLIANCE_MISSING_EXCLUDE", "exclude", COMPLIANCE_MISSING_EXCLUDE },
	{ "compliance_missing", "COMPLIANCE_MISSING_MINIMUM", "minimum", COMPLIANCE_MISSING_MINIMUM },
	{ "compliance_rollup", "COMPLIANCE_ROLLUP_DEFAULT", "default", COMPLIANCE_ROLLUP_DEFAULT },
	{ "compliance_rollup", "COMPLIANCE_ROLLUP_UNITS", "units", COMPLIANCE_ROLLUP_UNITS },
	{ "compliance_rollup", "COMPLIANCE_ROLLUP_PRODUCTS", "products", COMPLIANCE_ROLLUP_PRODUCTS },
	{ "compliance_unit_check", "COMPLIANCE_UNITS_IN_RANGE", "in_range", COMPLIANCE_UNITS_IN_RANGE },
	{ "compliance_unit_check", "COMPLIANCE_UNITS_UNCHECKED", "unchecked", COMPLIANCE_UNITS_UNCHECKED },
	{ "compliance_unit_check", "COMPLIANCE_UNITS_TOO_FEW", "too_few", COMPLIANCE_UNITS_TOO_FEW },
	{ "compliance_unit_check", "COMPLIANCE_UNITS_TOO_MANY", "too_many", COMPLIANCE_UNITS_TOO_MANY },
	{ "compliance_entity_type", "COMPLIANCE_ENTITY_KEMENTERIAN", "kementerian", COMPLIANCE_ENTITY_KEMENTERIAN },
	{ "compliance_entity_type", "COMPLIANCE_ENTITY_LEMBAGA", "lembaga", COMPLIANCE_ENTITY_LEMBAGA },
	{ "compliance_entity_type", "COMPLIANCE_ENTITY_PROVINSI", "provinsi", COMPLIANCE_ENTITY_PROVINSI },
	{ "compliance_entity_type", "COMPLIANCE_ENTITY_KOTA", "kota", COMPLIANCE_ENTITY_KOTA },
	{ "compliance_entity_type", "COMPLIANCE_ENTITY_KABUPATEN", "kabupaten", COMPLIANCE_ENTITY_KABUPATEN },
	{ "compliance_limit", "COMPLIANCE_EXACT_TEXT_SIZE", "exact_text_size", COMPLIANCE_EXACT_TEXT_SIZE },
	{ "compliance_explain_format", "COMPLIANCE_EXPLAIN_JSON", "json", COMPLIANCE_EXPLAIN_JSON },
	{ "compliance_explain_format", "COMPLIANCE_EXPLAIN_TEXT", "text", COMPLIANCE_EXPLAIN_TEXT },
	{ "compliance_error", "COMPLIANCE_OK", "ok", COMPLIANCE_OK },
	{ "compliance_error", "COMPLIANCE_E_INVALID", "invalid", COMPLIANCE_E_INVALID },
	{ "compliance_error", "COMPLIANCE_E_NOMEM", "nomem", COMPLIANCE_E_NOMEM },
	{ "compliance_error", "COMPLIANCE_E_NOTFOUND", "notfound", COMPLIANCE_E_NOTFOUND },
	{ "compliance_error", "COMPLIANCE_E_PARSE", "parse", COMPLIANCE_E_PARSE },
	{ "compliance_error", "COMPLIANCE_E_RANGE", "range", COMPLIANCE_E_RANGE },
	{ "compliance_error", "COMPLIANCE_E_OVERFLOW", "overflow", COMPLIANCE_E_OVERFLOW },
	{ "compliance_error", "COMPLIANCE_E_IO", "io", COMPLIANCE_E_IO },
	{ "compliance_error", "COMPLIANCE_E_DUPLICATE", "duplicate", COMPLIANCE_E_DUPLICATE },
	{ "compliance_error", "COMPLIANCE_E_NO_ASSESSMENT", "no_assessment", COMPLIANCE_E_NO_ASSESSMENT },
	{ "compliance_error", "COMPLIANCE_E_MISSING", "missing", COMPLIANCE_E_MISSING },
	{ "compliance_error", "COMPLIANCE_E_PROFILE", "profile", COMPLIANCE_E_PROFILE },
	{ "compliance_error", "COMPLIANCE_E_STATE", "state", COMPLIANCE_E_STATE },
	{ "compliance_error", "COMPLIANCE_E_BUFFER", "buffer", COMPLIANCE_E_BUFFER },
	{ "compliance_confidence", "COMPLIANCE_CONF_UNKNOWN", "unknown", COMPLIANCE_CONF_UNKNOWN },
	{ "compliance_confidence", "COMPLIANCE_CONF_STATED", "stated", COMPLIANCE_CONF_STATED },
	{ "compliance_confidence", "COMPLIANCE_CONF_VERIFIED", "verified", COMPLIANCE_CONF_VERIFIED },
	{ "compliance_confidence", "COMPLIANCE_CONF_INFERRED", "inferred", COMPLIANCE_CONF_INFERRED },
	{ "compliance_fact", "COMPLIANCE_FACT_SCALE", "scale", COMPLIANCE_FACT_SCALE },
	{ "compliance_fact", "COMPLIANCE_FACT_ROUNDING", "rounding", COMPLIANCE_FACT_ROUNDING },
	{ "compliance_fact", "COMPLIANCE_FACT_ROLLUP", "rollup", COMPLIANCE_FACT_ROLLUP },
	{ "compliance_fact", "COMPLIANCE_FACT_BANDS", "bands", COMPLIANCE_FACT_BANDS },
	{ "compliance_fact", "COMPLIANCE_FACT_UNITS", "units", COMPLIANCE_FACT_UNITS },
	{ "compliance_profile_kind", "COMPLIANCE_PROFILE_ASSESSMENT", "assessment", COMPLIANCE_PROFILE_ASSESSMENT },
	{ "compliance_profile_kind", "COMPLIANCE_PROFILE_SKM", "skm", COMPLIANCE_PROFILE_SKM },
	{ "compliance_format", "COMPLIANCE_FORMAT_TABLE", "table", COMPLIANCE_FORMAT_TABLE },
	{ "compliance_format", "COMPLIANCE_FORMAT_CSV", "csv", COMPLIANCE_FORMAT_CSV },
	{ "compliance_format", "COMPLIANCE_FORMAT_JSON", "json", COMPLIANCE_FORMAT_JSON },
	{ "compliance_format", "COMPLIANCE_FORMAT_CSV_EXCEL_ID", "csv_excel_id", COMPLIANCE_FORMAT_CSV_EXCEL_ID },
	{ "compliance_format", "COMPLIANCE_FORMAT_XLSX", "xlsx", COMPLIANCE_FORMAT_XLSX },
	{ "compliance_format", "COMPLIANCE_FORMAT_HTML", "html", COMPLIANCE_FORMAT_HTML },
	{ "compliance_skm_constant", "COMPLIANCE_SKM_NRR_DECIMALS", "skm_nrr_decimals", COMPLIANCE_SKM_NRR_DECIMALS },
	{ "compliance_skm_option", "COMPLIANCE_SKM_OPT_MISSING", "missing", COMPLIANCE_SKM_OPT_MISSING },
	{ "compliance_skm_option", "COMPLIANCE_SKM_OPT_CHECK_DUPLICATES", "check_duplicates", COMPLIANCE_SKM_OPT_CHECK_DUPLICATES },
	{ "compliance_skm_missing", "COMPLIANCE_SKM_MISSING_AVAILABLE", "available", COMPLIANCE_SKM_MISSING_AVAILABLE },
	{ "compliance_skm_missing", "COMPLIANCE_SKM_MISSING_LISTWISE", "listwise", COMPLIANCE_SKM_MISSING_LISTWISE },
	{ "compliance_skm_count", "COMPLIANCE_SKM_COUNT_RESPONDENTS", "respondents", COMPLIANCE_SKM_COUNT_RESPONDENTS },
	{ "compliance_skm_count", "COMPLIANCE_SKM_COUNT_READ", "read", COMPLIANCE_SKM_COUNT_READ },
	{ "compliance_skm_count", "COMPLIANCE_SKM_COUNT_COMPLETE", "complete", COMPLIANCE_SKM_COUNT_COMPLETE },
	{ "compliance_skm_count", "COMPLIANCE_SKM_COUNT_BLANK", "blank", COMPLIANCE_SKM_COUNT_BLANK },
	{ "compliance_skm_count", "COMPLIANCE_SKM_COUNT_DROPPED", "dropped", COMPLIANCE_SKM_COUNT_DROPPED },
	{ "compliance_entity_acc_field", "COMPLIANCE_ENTITY_ACC_SCORE", "score", COMPLIANCE_ENTITY_ACC_SCORE },
	{ "compliance_entity_acc_field", "COMPLIANCE_ENTITY_ACC_MEAN", "mean", COMPLIANCE_ENTITY_ACC_MEAN },
	{ "compliance_entity_acc_field", "COMPLIANCE_ENTITY_ACC_CATEGORY", "category", COMPLIANCE_ENTITY_ACC_CATEGORY },
	{ "compliance_entity_acc_field", "COMPLIANCE_ENTITY_ACC_ZONE", "zone", COMPLIANCE_ENTITY_ACC_ZONE },
	{ "compliance_entity_acc_field", "COMPLIANCE_ENTITY_ACC_LABEL", "label", COMPLIANCE_ENTITY_ACC_LABEL },
	{ "compliance_skm_field", "COMPLIANCE_SKM_IKM", "ikm", COMPLIANCE_SKM_IKM },
	{ "compliance_skm_field", "COMPLIANCE_SKM_IKM_EXACT", "ikm_exact", COMPLIANCE_SKM_IKM_EXACT },
	{ "compliance_skm_field", "COMPLIANCE_SKM_CATEGORY", "category", COMPLIANCE_SKM_CATEGORY },
	{ "compliance_skm_field", "COMPLIANCE_SKM_LABEL", "label", COMPLIANCE_SKM_LABEL },
	{ "compliance_skm_field", "COMPLIANCE_SKM_MISSING", "missing", COMPLIANCE_SKM_MISSING },
	{ "compliance_skm_nrr_form", "COMPLIANCE_SKM_NRR_ROUNDED", "rounded", COMPLIANCE_SKM_NRR_ROUNDED },
	{ "compliance_skm_nrr_form", "COMPLIANCE_SKM_NRR_EXACT", "exact", COMPLIANCE_SKM_NRR_EXACT },
	{ "compliance_skm_option", "COMPLIANCE_SKM_OPT_LETTERS", "letters", COMPLIANCE_SKM_OPT_LETTERS },
	{ "compliance_skm_option", "COMPLIANCE_SKM_OPT_SEPARATOR", "separator", COMPLIANCE_SKM_OPT_SEPARATOR },
	{ "compliance_skm_column", "COMPLIANCE_SKM_COLUMN_ID", "id", COMPLIANCE_SKM_COLUMN_ID },
	{ "compliance_skm_column", "COMPLIANCE_SKM_COLUMN_GROUP", "group", COMPLIANCE_SKM_COLUMN_GROUP },
	{ "compliance_skm_column", "COMPLIANCE_SKM_COLUMN_SEX", "sex", COMPLIANCE_SKM_COLUMN_SEX },
	{ "compliance_skm_column", "COMPLIANCE_SKM_COLUMN_EDUCATION", "education", COMPLIANCE_SKM_COLUMN_EDUCATION },
	{ "compliance_skm_column", "COMPLIANCE_SKM_COLUMN_OCCUPATION", "occupation", COMPLIANCE_SKM_COLUMN_OCCUPATION },
	{ "compliance_skm_column", "COMPLIANCE_SKM_COLUMN_AGE", "age", COMPLIANCE_SKM_COLUMN_AGE },
	{ "compliance_skm_input_field", "COMPLIANCE_SKM_INPUT_DIALECT", "dialect", COMPLIANCE_SKM_INPUT_DIALECT },
	{ "compliance_skm_input_field", "COMPLIANCE_SKM_INPUT_SEPARATOR", "separator", COMPLIANCE_SKM_INPUT_SEPARATOR },
	{ "compliance_skm_input_field", "COMPLIANCE_SKM_INPUT_DETECTED", "detected", COMPLIANCE_SKM_INPUT_DETECTED },
	{ "compliance_skm_input_field", "COMPLIANCE_SKM_INPUT_BOM", "bom", COMPLIANCE_SKM_INPUT_BOM },
	{ "compliance_skm_input_field", "COMPLIANCE_SKM_INPUT_LINE_ENDS", "line_ends", COMPLIANCE_SKM_INPUT_LINE_ENDS },
	{ "compliance_skm_input_field", "COMPLIANCE_SKM_INPUT_CODES", "codes", COMPLIANCE_SKM_INPUT_CODES },
	{ "compliance_skm_alt_weight", "COMPLIANCE_SKM_ALT_3DP", "3dp", COMPLIANCE_SKM_ALT_3DP },
	{ "compliance_skm_alt_weight", "COMPLIANCE_SKM_ALT_2DP", "2dp", COMPLIANCE_SKM_ALT_2DP },
	{ "compliance_skm_field", "COMPLIANCE_SKM_WEIGHTS", "weights", COMPLIANCE_SKM_WEIGHTS },
	{ "compliance_skm_element_field", "COMPLIANCE_SKM_ELEMENT_CODE", "code", COMPLIANCE_SKM_ELEMENT_CODE },
	{ "compliance_skm_element_field", "COMPLIANCE_SKM_ELEMENT_NAME", "name", COMPLIANCE_SKM_ELEMENT_NAME },
	{ "compliance_skm_element_field", "COMPLIANCE_SKM_ELEMENT_WEIGHT", "weight", COMPLIANCE_SKM_ELEMENT_WEIGHT },
	{ "compliance_skm_element_field", "COMPLIANCE_SKM_ELEMENT_SOURCE", "source", COMPLIANCE_SKM_ELEMENT_SOURCE },
};

#define NROWS (sizeof rows / sizeof rows[0])

/* The tag as given, or with its "compliance_" prefix omitted. */
static int tag_is(const cp_enum_row *r, const char *tag)
{
	return !strcmp(r->tag, tag) ||
	       (strncmp(tag, "compliance_", 11) != 0 && !strcmp(r->tag + 11, tag));
}

static const cp_enum_row *row_of(const char *tag, int value)
{
	size_t i;

	if (!tag)
		return NULL;
	for (i = 0; i < NROWS; i++)
		if (rows[i].value == value && tag_is(&rows[i], tag))
			return &rows[i];
	return NULL;
}

const char *compliance_enum_name(const char *enum_name, int value)
{
	const cp_enum_row *r = row_of(enum_name, value);

	return r ? r->name : NULL;
}

const char *compliance_enum_short_name(const char *enum_name, int value)
{
	const cp_enum_row *r = row_of(enum_name, value);

	return r ? r->short_name : NULL;
}

int compliance_enum_value(int *out, const char *enum_name, const char *name)
{
	size_t i;

	if (!out || !enum_name || !name)
		return COMPLIANCE_E_INVALID;
	for (i = 0; i < NROWS; i++)
		if (tag_is(&rows[i], enum_name) &&
		    (!strcmp(rows[i].name, name) || !strcmp(rows[i].short_name, name))) {
			*out = rows[i].value;
			return COMPLIANCE_OK;
		}
	return COMPLIANCE_E_NOTFOUND;
}

const char *compliance_error_name(int code)
{
	const char *name = compliance_enum_name("compliance_error", code);

	return name ? name : "COMPLIANCE_E_UNKNOWN";
}
