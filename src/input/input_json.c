/*
 * The JSON form of assessment input (docs/input-format.md):
 *
 *   {"entities": [{"entity": "Kota Contoh", "entity_type": "kota",
 *                  "inputs": {"supervision_followed_up": true},
 *                  "units": [{"unit": "Disdukcapil", "values": {"input.1": 3}},
 *                            {"unit": "Dinas Sosial", "score": "81.25"}]}]}
 *
 * Numbers are read from their exact lexeme (never through a double), as in
 * profile files. A failed read keeps nothing of the file.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "score/assessment_internal.h"
#include "io/json_locate.h"

typedef struct jin {
	compliance_assessment *a;
	const char *name;
	const char *text;
	size_t size;
	cp_locator lc;
	int located; /* 1 when lc is built, -1 when building it ran out of memory */
} jin;

/* The position index is built on first need (an error, or a real number
 * whose exact lexeme is wanted): a file of integer answers never needs it. */
static const cp_loc *find(jin *J, const char *path)
{
	if (!J->located)
		J->located = cp_locate(&J->lc, &J->a->alloc, J->text, J->size) ? -1 : 1;
	return J->located == 1 ? cp_locator_find(&J->lc, path) : NULL;
}

static int jfail(jin *J, const char *path, int code, const char *fmt, const char *arg)
{
	const cp_loc *loc = find(J, path);
	char msg[CP_ERRMSG_MAX];
	int line = 0, col = 0;

	snprintf(msg, sizeof msg, fmt, arg);
	if (loc) {
		line = loc->line;
		col = loc->col;
	}
	return cp_error_set(&J->a->err, code, "%s:%d:%d: %s: %s", J->name, line, col, path, msg);
}

/* A JSON integer as decimal text, written from the end of buf. */
static void int_text(json_int_t n, char *buf, size_t bufsize, const char **text, size_t *len)
{
	char *end = buf + bufsize, *p = end;
	int neg = n < 0;
	/* the magnitude, without overflow for the most negative value */
	unsigned long long m = neg ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	do {
		*--p = (char)('0' + m % 10);
		m /= 10;
	} while (m && p > buf + 1);
	if (neg)
		*--p = '-';
	*text = p;
	*len = (size_t)(end - p);
}

/* The text of a scalar value: a string's content, or a number's lexeme;
 * path (only for a real, or an error) may be NULL for the others. */
static int scalar_text(jin *J, json_t *v, const char *path, const char **text, size_t *len,
                       char *buf, size_t bufsize)
{
	if (json_is_string(v)) {
		*text = json_string_value(v);
		*len = json_string_length(v);
	} else if (json_is_integer(v)) {
		/* jansson reads an integer lexeme exactly (or refuses it as too
		 * big): its value printed back is the same number ("-0" gives 0) */
		int_text(json_integer_value(v), buf, bufsize, text, len);
	} else if (json_is_real(v)) {
		const cp_loc *loc = find(J, path);
		if (!loc && J->located < 0)
			return cp_error_set(&J->a->err, COMPLIANCE_E_NOMEM, "%s: out of memory", J->name);
		if (!loc)
			return jfail(J, path, COMPLIANCE_E_PARSE, "%s", "cannot read this number exactly");
		*text = J->lc.text + loc->offset;
		*len = loc->length;
	} else if (json_is_boolean(v)) {
		snprintf(buf, bufsize, "%s", json_is_true(v) ? "yes" : "no");
		*text = buf;
		*len = strlen(buf);
	} else {
		return jfail(J, path, COMPLIANCE_E_PARSE, "%s", "expected a number, a string or a boolean");
	}
	return 0;
}

/* Refuses keys outside `allowed`, naming the first. */
static int only_keys(jin *J, json_t *obj, const char *path, const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		size_t i;
		int ok = 0;
		for (i = 0; allowed[i]; i++)
			if (!strcmp(key, allowed[i]))
				ok = 1;
		if (!ok) {
			char where[800];
			snprintf(where, sizeof where, "%s", path);
			cp_path_key(where, sizeof where, key);
			return jfail(J, where, COMPLIANCE_E_PARSE, "unknown key \"%s\"", key);
		}
	}
	return 0;
}

static int read_entity(jin *J, json_t *e, const char *path)
{
	static const char *const ekeys[] = { "entity", "entity_type", "inputs", "units", NULL };
	static const char *const ukeys[] = { "unit", "score", "values", NULL };
	compliance_assessment *a = J->a;
	json_t *name = json_object_get(e, "entity"), *type = json_object_get(e, "entity_type");
	json_t *units = json_object_get(e, "units"), *inputs = json_object_get(e, "inputs"), *u, *v;
	const char *key, *field;
	size_t i;
	char sub[512], where[800], buf[32];
	int rc;

	if (!json_is_object(e))
		return jfail(J, path, COMPLIANCE_E_PARSE, "%s", "expected an entity object");
	if (!json_is_string(name) || !json_is_string(type))
		return jfail(J, path, COMPLIANCE_E_PARSE, "%s",
		             "expected \"entity\" and \"entity_type\" strings");
	if ((rc = only_keys(J, e, path, ekeys)))
		return rc;
	if (inputs && !json_is_object(inputs)) {
		snprintf(sub, sizeof sub, "%s.inputs", path);
		return jfail(J, sub, COMPLIANCE_E_PARSE, "%s", "expected an object of yes/no inputs");
	}
	json_object_foreach(inputs, key, v) {
		const char *t;
		size_t tl;
		snprintf(where, sizeof where, "%s.inputs", path);
		cp_path_key(where, sizeof where, key);
		if ((rc = scalar_text(J, v, where, &t, &tl, buf, sizeof buf)))
			return rc;
		rc = cp_assessment_add_value(a, json_string_value(name), json_string_length(name),
		                             json_string_value(type), json_string_length(type),
		                             COMPLIANCE_UNIT_ENTITY, strlen(COMPLIANCE_UNIT_ENTITY), key,
		                             strlen(key), t, tl, &field);
		if (rc)
			goto located;
	}
	if (!json_is_array(units)) {
		snprintf(sub, sizeof sub, "%s.units", path);
		return jfail(J, sub, COMPLIANCE_E_PARSE, "%s", "expected an array of units");
	}
	if (!json_array_size(units)) {
		/* an entity without a unit would vanish from the results */
		snprintf(sub, sizeof sub, "%s.units", path);
		return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
		             "an entity needs at least one unit: this list is empty");
	}
	json_array_foreach(units, i, u) {
		json_t *un = json_object_get(u, "unit"), *score = json_object_get(u, "score");
		json_t *values = json_object_get(u, "values");
		const char *t;
		size_t tl;

		snprintf(sub, sizeof sub, "%s.units[%zu]", path, i);
		if (!json_is_object(u) || !json_is_string(un))
			return jfail(J, sub, COMPLIANCE_E_PARSE, "%s", "expected {\"unit\": name, ...}");
		if ((rc = only_keys(J, u, sub, ukeys)))
			return rc;
		if (!json_string_length(un) || json_string_value(un)[0] == '@') {
			/* "" and '@' names are the reserved forms of the CSV; here
			 * entity-level inputs have their own key, "inputs" */
			char upath[800];
			snprintf(upath, sizeof upath, "%s.unit", sub);
			return jfail(J, upath, COMPLIANCE_E_PARSE, "%s",
			             json_string_length(un) ? "a unit name cannot start with '@' (reserved)"
			                                    : "the unit name is empty");
		}
		if (!score == !values)
			return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
			             "give either \"score\" or \"values\" for a unit");
		if (score) {
			char spath[800];
			snprintf(spath, sizeof spath, "%s.score", sub);
			if ((rc = scalar_text(J, score, spath, &t, &tl, buf, sizeof buf)))
				return rc;
			rc = cp_assessment_add(a, json_string_value(name), json_string_length(name),
			                       json_string_value(type), json_string_length(type),
			                       json_string_value(un), json_string_length(un), NULL, 0, t,
			                       tl, &field);
			if (rc) {
				memcpy(where, spath, sizeof where);
				goto located;
			}
			continue;
		}
		if (!json_is_object(values)) {
			snprintf(sub + strlen(sub), sizeof sub - strlen(sub), ".values");
			return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
			             "expected an object of node id to value");
		}
		if (!json_object_size(values)) {
			/* a unit without a value would vanish from the results */
			snprintf(sub + strlen(sub), sizeof sub - strlen(sub), ".values");
			return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
			             "a unit needs at least one value: this object is empty");
		}
		json_object_foreach(values, key, v) {
			char vpath[800];
			/* the path is wanted only to locate a real or an error */
			int located = !json_is_integer(v) && !json_is_string(v) && !json_is_boolean(v);
			if (located) {
				snprintf(vpath, sizeof vpath, "%s.values", sub);
				cp_path_key(vpath, sizeof vpath, key);
			}
			if ((rc = scalar_text(J, v, located ? vpath : NULL, &t, &tl, buf, sizeof buf)))
				return rc;
			rc = cp_assessment_add_value(a, json_string_value(name), json_string_length(name),
			                             json_string_value(type), json_string_length(type),
			                             json_string_value(un), json_string_length(un), key,
			                             strlen(key), t, tl, &field);
			if (rc) {
				if (!located) {
					snprintf(vpath, sizeof vpath, "%s.values", sub);
					cp_path_key(vpath, sizeof vpath, key);
				}
				memcpy(where, vpath, sizeof where);
				goto located;
			}
		}
	}
	return 0;
located: {
		char msg[CP_ERRMSG_MAX];
		snprintf(msg, sizeof msg, "%s", a->err.msg);
		return jfail(J, where, rc, "%s", msg);
	}
}

static int read_json(compliance_assessment *a, const char *data, size_t size, const char *name)
{
	static const char *const root_keys[] = { "entities", NULL };
	json_error_t jerr;
	json_t *root, *ents, *e;
	jin J;
	size_t i;
	int rc = 0;

	if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		size -= 3;
	}
	if (memchr(data, '\0', size))
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "%s: a NUL byte at offset %zu: not JSON text",
		                    name, (size_t)((const char *)memchr(data, '\0', size) - data));
	/* jansson leaves the error's code unset (and its text empty) when it
	 * cannot allocate its lexer */
	memset(&jerr, 0, sizeof jerr);
	root = json_loadb(data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!root && (!jerr.text[0] || json_error_code(&jerr) == json_error_out_of_memory))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "%s: out of memory (in the JSON parser)",
		                    name);
	if (!root)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "%s:%d:%d: invalid JSON: %s", name,
		                    jerr.line, jerr.column, jerr.text);
	memset(&J, 0, sizeof J);
	J.a = a;
	J.name = name;
	J.text = data;
	J.size = size;
	ents = json_object_get(root, "entities");
	if ((rc = only_keys(&J, root, "$", root_keys)) != 0) {
		/* reported: a key the format does not know */
	} else if (!json_is_array(ents)) {
		rc = jfail(&J, "$", COMPLIANCE_E_PARSE, "%s",
		           "expected {\"entities\": [...]} (docs/input-format.md)");
	} else {
		a->journaling = 1;
		a->computed_mark = a->computed;
		a->batch++;
		a->nundo = 0;
		json_array_foreach(ents, i, e) {
			char path[64];
			snprintf(path, sizeof path, "$.entities[%zu]", i);
			if ((rc = read_entity(&J, e, path)))
				break;
		}
		if (rc)
			cp_assessment_rollback(a);
		a->journaling = 0;
		a->nundo = 0;
	}
	if (J.located == 1)
		cp_locator_free(&J.lc);
	json_decref(root);
	return rc;
}

int compliance_assessment_read_json_buffer(compliance_assessment *a, const char *data,
                                           size_t size, const char *name)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!data && size)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "data is NULL");
	return read_json(a, data ? data : "", size, name ? name : "<buffer>");
}

int compliance_assessment_read_json_file(compliance_assessment *a, const char *path)
{
	char *buf;
	size_t len;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!path)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "path is NULL");
	rc = cp_read_file(&a->alloc, path, &buf, &len);
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_error_set(&a->err, rc, "%s: out of memory", path);
	if (rc)
		return cp_error_set(&a->err, rc, "%s: cannot open or read the file", path);
	rc = read_json(a, buf, len, path);
	cp_free(&a->alloc, buf);
	return rc;
}
