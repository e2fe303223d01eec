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
#include <stdio.h>
#include <string.h>

#include "score/assessment_internal.h"
#include "io/json_locate.h"
#include "io/json_stream.h"

/* One entity as read from the stream: its values in document order, each
 * text (string, number lexeme, key) NUL-terminated in one arena. Both are
 * reused from entity to entity: the file as a whole is never held as a
 * tree. */
typedef struct jnode {
	int type;         /* enum cp_jtype: a value's */
	size_t text, len; /* in the arena */
	size_t key, klen; /* a member's key, in the arena */
	size_t first;     /* first child + 1, 0 when none */
	size_t next;      /* next sibling + 1, 0 when none */
	size_t n;         /* children */
} jnode;

typedef struct jopen {
	size_t node, last; /* the container, its last child + 1 */
} jopen;

typedef struct jin {
	compliance_assessment *a;
	const char *name;
	const char *text;
	size_t size;
	jnode *v;
	size_t nv, capv;
	char *ar;
	size_t nar, capar;
	jopen *st;
	size_t nst, capst;
	/* the first refusal of the content, located once the whole text is
	 * known to be valid JSON (a syntax error anywhere comes first) */
	int code;
	char path[800];
	char msg[CP_ERRMSG_MAX];
} jin;

#define NODE(J, i) (&(J)->v[(i)])
#define TEXT(J, nd) ((J)->ar + (nd)->text)
#define KEY(J, nd) ((J)->ar + (nd)->key)

/* Records the first refusal (later ones are not wanted). */
static int jfail(jin *J, const char *path, int code, const char *fmt, const char *arg)
{
	if (!J->code) {
		J->code = code;
		snprintf(J->path, sizeof J->path, "%s", path);
		snprintf(J->msg, sizeof J->msg, fmt, arg);
	}
	return code;
}

static int put_text(jin *J, const char *t, size_t len, size_t *at)
{
	if (cp_grow(&J->a->alloc, (void **)&J->ar, &J->capar, J->nar + len + 1, 1))
		return COMPLIANCE_E_NOMEM;
	*at = J->nar;
	if (len)
		memcpy(J->ar + J->nar, t, len);
	J->ar[J->nar + len] = '\0';
	J->nar += len + 1;
	return 0;
}

/* Reads the value whose first token is `t` (and, for a container, all of
 * it) into J's nodes, from node 0. CP_JT_ERROR when the stream refused. */
static int build(jin *J, cp_jstream *s, cp_jtok *t)
{
	size_t key = 0, klen = 0;
	int r = t->type;

	J->nv = J->nar = J->nst = 0;
	for (;;) {
		jnode *nd;
		size_t i;

		if (r == CP_JT_ERROR)
			return r;
		if (r == CP_JT_KEY) {
			if (put_text(J, t->text, t->len, &key))
				return COMPLIANCE_E_NOMEM;
			klen = t->len;
		} else if (r == CP_JT_OBJECT_END || r == CP_JT_ARRAY_END) {
			if (!--J->nst)
				return 0;
		} else {
			if (cp_grow(&J->a->alloc, (void **)&J->v, &J->capv, J->nv + 1, sizeof *J->v))
				return COMPLIANCE_E_NOMEM;
			i = J->nv++;
			nd = NODE(J, i);
			memset(nd, 0, sizeof *nd);
			nd->type = r;
			nd->key = key;
			nd->klen = klen;
			if (t->text && put_text(J, t->text, t->len, &nd->text))
				return COMPLIANCE_E_NOMEM;
			nd->len = t->len;
			if (J->nst) {
				jopen *o = &J->st[J->nst - 1];
				if (o->last)
					NODE(J, o->last - 1)->next = i + 1;
				else
					NODE(J, o->node)->first = i + 1;
				o->last = i + 1;
				NODE(J, o->node)->n++;
			}
			if (r == CP_JT_OBJECT || r == CP_JT_ARRAY) {
				if (cp_grow(&J->a->alloc, (void **)&J->st, &J->capst, J->nst + 1,
				            sizeof *J->st))
					return COMPLIANCE_E_NOMEM;
				J->st[J->nst].node = i;
				J->st[J->nst].last = 0;
				J->nst++;
			} else if (!J->nst) {
				return 0;
			}
		}
		r = cp_jstream_next(s, t);
	}
}

/* The member `key` of object node o, or NULL. */
static jnode *get(jin *J, jnode *o, const char *key)
{
	size_t c;

	if (!o || o->type != CP_JT_OBJECT)
		return NULL;
	for (c = o->first; c; c = NODE(J, c - 1)->next)
		if (!strcmp(KEY(J, NODE(J, c - 1)), key))
			return NODE(J, c - 1);
	return NULL;
}

#define FIRST(J, o) ((o)->first ? NODE(J, (o)->first - 1) : NULL)
#define NEXT(J, c) ((c)->next ? NODE(J, (c)->next - 1) : NULL)
#define IS(nd, t) ((nd) && (nd)->type == (t))

/* The text of a scalar value: a string's content, or a number's lexeme
 * (an integer as its value, so "-0" is 0, as it was read before). */
static int scalar_text(jin *J, jnode *v, const char *path, const char **text, size_t *len)
{
	switch (v->type) {
	case CP_JT_STRING:
	case CP_JT_REAL:
		*text = TEXT(J, v);
		*len = v->len;
		return 0;
	case CP_JT_INTEGER:
		*text = TEXT(J, v);
		*len = v->len;
		if (*len == 2 && !memcmp(*text, "-0", 2)) {
			*text += 1;
			*len = 1;
		}
		return 0;
	case CP_JT_TRUE:
		*text = "yes";
		*len = 3;
		return 0;
	case CP_JT_FALSE:
		*text = "no";
		*len = 2;
		return 0;
	}
	return jfail(J, path, COMPLIANCE_E_PARSE, "%s", "expected a number, a string or a boolean");
}

/* Refuses keys outside `allowed`, naming the first. */
static int only_keys(jin *J, jnode *obj, const char *path, const char *const *allowed)
{
	jnode *c;

	for (c = FIRST(J, obj); c; c = NEXT(J, c)) {
		const char *key = KEY(J, c);
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

static int read_entity(jin *J, jnode *e, const char *path)
{
	static const char *const ekeys[] = { "entity", "entity_type", "inputs", "units",
		                             "attributes", NULL };
	static const char *const ukeys[] = { "unit", "score", "values", NULL };
	compliance_assessment *a = J->a;
	jnode *name = get(J, e, "entity"), *type = get(J, e, "entity_type");
	jnode *units = get(J, e, "units"), *inputs = get(J, e, "inputs"), *u, *v;
	jnode *attrs = get(J, e, "attributes");
	const char *field, *nm, *ty;
	size_t i, nml, tyl;
	char sub[512], where[800];
	int rc;

	if (!IS(e, CP_JT_OBJECT))
		return jfail(J, path, COMPLIANCE_E_PARSE, "%s", "expected an entity object");
	if (!IS(name, CP_JT_STRING) || !IS(type, CP_JT_STRING))
		return jfail(J, path, COMPLIANCE_E_PARSE, "%s",
		             "expected \"entity\" and \"entity_type\" strings");
	if ((rc = only_keys(J, e, path, ekeys)))
		return rc;
	nm = TEXT(J, name);
	nml = name->len;
	ty = TEXT(J, type);
	tyl = type->len;
	if (attrs && !IS(attrs, CP_JT_OBJECT)) {
		snprintf(sub, sizeof sub, "%s.attributes", path);
		return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
		             "expected an object of column to value (e.g. {\"provinsi\": \"Aceh\"})");
	}
	if (inputs && !IS(inputs, CP_JT_OBJECT)) {
		snprintf(sub, sizeof sub, "%s.inputs", path);
		return jfail(J, sub, COMPLIANCE_E_PARSE, "%s", "expected an object of yes/no inputs");
	}
	for (v = inputs ? FIRST(J, inputs) : NULL; v; v = NEXT(J, v)) {
		const char *t, *key = KEY(J, v);
		size_t tl;
		snprintf(where, sizeof where, "%s.inputs", path);
		cp_path_key(where, sizeof where, key);
		if ((rc = scalar_text(J, v, where, &t, &tl)))
			return rc;
		rc = cp_assessment_add_value(a, nm, nml, ty, tyl, COMPLIANCE_UNIT_ENTITY,
		                             strlen(COMPLIANCE_UNIT_ENTITY), key, v->klen, t, tl, &field);
		if (rc)
			goto located;
	}
	if (!IS(units, CP_JT_ARRAY)) {
		snprintf(sub, sizeof sub, "%s.units", path);
		return jfail(J, sub, COMPLIANCE_E_PARSE, "%s", "expected an array of units");
	}
	if (!units->n) {
		/* an entity without a unit would vanish from the results */
		snprintf(sub, sizeof sub, "%s.units", path);
		return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
		             "an entity needs at least one unit: this list is empty");
	}
	for (i = 0, u = FIRST(J, units); u; u = NEXT(J, u), i++) {
		jnode *un = get(J, u, "unit"), *score = get(J, u, "score");
		jnode *values = get(J, u, "values");
		const char *t, *unm;
		size_t tl, unl;

		if (!IS(u, CP_JT_OBJECT) || !IS(un, CP_JT_STRING)) {
			snprintf(sub, sizeof sub, "%s.units[%zu]", path, i);
			return jfail(J, sub, COMPLIANCE_E_PARSE, "%s", "expected {\"unit\": name, ...}");
		}
		unm = TEXT(J, un);
		unl = un->len;
		/* the path is wanted only for a refusal */
#define SUB() snprintf(sub, sizeof sub, "%s.units[%zu]", path, i)
		if (u->n > 2 || (u->n == 2 && !(score || values))) {
			SUB();
			if ((rc = only_keys(J, u, sub, ukeys)))
				return rc;
		}
		if (!unl || unm[0] == '@') {
			/* "" and '@' names are the reserved forms of the CSV; here
			 * entity-level inputs have their own key, "inputs" */
			SUB();
			snprintf(where, sizeof where, "%s.unit", sub);
			return jfail(J, where, COMPLIANCE_E_PARSE, "%s",
			             unl ? "a unit name cannot start with '@' (reserved)"
			                 : "the unit name is empty");
		}
		if (!score == !values) {
			SUB();
			return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
			             "give either \"score\" or \"values\" for a unit");
		}
		if (score) {
			if (score->type != CP_JT_STRING && score->type != CP_JT_INTEGER &&
			    score->type != CP_JT_REAL && score->type != CP_JT_TRUE &&
			    score->type != CP_JT_FALSE) {
				SUB();
				snprintf(where, sizeof where, "%s.score", sub);
				return scalar_text(J, score, where, &t, &tl);
			}
			scalar_text(J, score, NULL, &t, &tl);
			rc = cp_assessment_add(a, nm, nml, ty, tyl, unm, unl, NULL, 0, t, tl, &field);
			if (rc) {
				SUB();
				snprintf(where, sizeof where, "%s.score", sub);
				goto located;
			}
			continue;
		}
		if (!IS(values, CP_JT_OBJECT)) {
			SUB();
			snprintf(sub + strlen(sub), sizeof sub - strlen(sub), ".values");
			return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
			             "expected an object of node id to value");
		}
		if (!values->n) {
			/* a unit without a value would vanish from the results */
			SUB();
			snprintf(sub + strlen(sub), sizeof sub - strlen(sub), ".values");
			return jfail(J, sub, COMPLIANCE_E_PARSE, "%s",
			             "a unit needs at least one value: this object is empty");
		}
		for (v = FIRST(J, values); v; v = NEXT(J, v)) {
			const char *key = KEY(J, v);
			if (v->type != CP_JT_STRING && v->type != CP_JT_INTEGER && v->type != CP_JT_REAL &&
			    v->type != CP_JT_TRUE && v->type != CP_JT_FALSE) {
				SUB();
				snprintf(where, sizeof where, "%s.values", sub);
				cp_path_key(where, sizeof where, key);
				return scalar_text(J, v, where, &t, &tl);
			}
			scalar_text(J, v, NULL, &t, &tl);
			rc = cp_assessment_add_value(a, nm, nml, ty, tyl, unm, unl, key, v->klen, t, tl,
			                             &field);
			if (rc) {
				SUB();
				snprintf(where, sizeof where, "%s.values", sub);
				cp_path_key(where, sizeof where, key);
				goto located;
			}
		}
#undef SUB
	}
	/* the kept columns (compliance_assessment_keep_column), once the
	 * entity exists: its other attributes are ignored */
	for (v = attrs && a->nkeep ? FIRST(J, attrs) : NULL; v; v = NEXT(J, v)) {
		const char *t, *key = KEY(J, v);
		size_t tl, k = cp_attr_find(a, key, v->klen);
		char at[300];
		snprintf(where, sizeof where, "%s.attributes", path);
		cp_path_key(where, sizeof where, key);
		if (k == CP_NONE)
			continue;
		if (v->type != CP_JT_STRING && v->type != CP_JT_INTEGER && v->type != CP_JT_REAL)
			return jfail(J, where, COMPLIANCE_E_PARSE, "%s", "expected a string or a number");
		scalar_text(J, v, NULL, &t, &tl);
		snprintf(at, sizeof at, "%.120s %.170s", J->name, where);
		cp_utf8_trim(at);
		if ((rc = cp_attr_set(a, k, a->last_entity, t, tl, at)))
			goto located;
	}
	return 0;
located: {
		char msg[CP_ERRMSG_MAX];
		snprintf(msg, sizeof msg, "%s", a->err.msg);
		return jfail(J, where, rc, "%s", msg);
	}
}

/* The refusal of the content, with its line and column: the position
 * index is built over the (now known valid) text only for this. */
static int report(jin *J)
{
	cp_locator lc;
	const cp_loc *loc = NULL;
	int line = 0, col = 0, located = !cp_locate(&lc, &J->a->alloc, J->text, J->size);

	if (located)
		loc = cp_locator_find(&lc, J->path);
	if (loc) {
		line = loc->line;
		col = loc->col;
	}
	if (located)
		cp_locator_free(&lc);
	return cp_error_set(&J->a->err, J->code, "%s:%d:%d: %s: %s", J->name, line, col, J->path,
	                    J->msg);
}

static int read_json(compliance_assessment *a, const char *data, size_t size, const char *name)
{
	cp_jstream s;
	cp_jtok t;
	jin J;
	int r, rc = 0, entities = 0, nomem = 0, unknown = 0;
	size_t i = 0;

	if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		size -= 3;
	}
	if (memchr(data, '\0', size))
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "%s: a NUL byte at offset %zu: not JSON text",
		                    name, (size_t)((const char *)memchr(data, '\0', size) - data));
	memset(&J, 0, sizeof J);
	J.a = a;
	J.name = name;
	J.text = data;
	J.size = size;
	cp_jstream_init(&s, &a->alloc, data, size);
	a->journaling = 1;
	a->computed_mark = a->computed;
	a->batch++;
	a->nundo = 0;

	/* The root: an object whose only key is "entities"; the first
	 * unknown root key is the refusal even after a bad entity (as when
	 * the root's keys were checked first). */
	r = cp_jstream_next(&s, &t);
	if (r == CP_JT_OBJECT) {
		while ((r = cp_jstream_next(&s, &t)) == CP_JT_KEY) {
			int is_ents = t.len == 8 && !memcmp(t.text, "entities", 8);
			if (!is_ents && !unknown) {
				char key[800], where[800] = "$";
				snprintf(key, sizeof key, "%.*s", (int)t.len, t.text);
				cp_path_key(where, sizeof where, key);
				unknown = 1;
				J.code = 0; /* it comes before any refusal of an entity */
				jfail(&J, where, COMPLIANCE_E_PARSE, "unknown key \"%s\"", key);
			}
			r = cp_jstream_next(&s, &t);
			if (r == CP_JT_ERROR)
				break;
			if (!is_ents || r != CP_JT_ARRAY) {
				if (cp_jstream_skip(&s, &t))
					break;
				continue;
			}
			entities = 1;
			for (i = 0; (r = cp_jstream_next(&s, &t)) != CP_JT_ARRAY_END; i++) {
				char path[64];
				if (r == CP_JT_ERROR)
					break;
				if (J.code) {
					/* refused already: only the syntax of the rest counts */
					if (cp_jstream_skip(&s, &t))
						break;
					continue;
				}
				r = build(&J, &s, &t);
				if (r == CP_JT_ERROR)
					break;
				if (r) {
					nomem = 1;
					break;
				}
				snprintf(path, sizeof path, "$.entities[%zu]", i);
				read_entity(&J, NODE(&J, 0), path);
			}
			if (r == CP_JT_ERROR || nomem)
				break;
		}
	} else if (r == CP_JT_ARRAY) {
		r = cp_jstream_skip(&s, &t) ? CP_JT_ERROR : CP_JT_ARRAY_END;
	}
	if (r != CP_JT_ERROR && !nomem)
		r = cp_jstream_next(&s, &t); /* the end of the text */

	if (nomem || s.code == COMPLIANCE_E_NOMEM) {
		rc = cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "%s: out of memory (in the JSON parser)",
		                  name);
	} else if (s.code) {
		rc = cp_error_set(&a->err, COMPLIANCE_E_PARSE, "%s:%d:%d: invalid JSON: %s", name,
		                  s.err_line, s.err_col, s.msg);
	} else if (!unknown && !entities) {
		J.code = 0;
		jfail(&J, "$", COMPLIANCE_E_PARSE, "%s",
		      "expected {\"entities\": [...]} (docs/input-format.md)");
		rc = report(&J);
	} else if (J.code) {
		rc = report(&J); /* an unknown root key first, else the first entity refused */
	}
	if (rc)
		cp_assessment_rollback(a);
	a->journaling = 0;
	a->nundo = 0;
	cp_jstream_free(&s);
	cp_free(&a->alloc, J.v);
	cp_free(&a->alloc, J.ar);
	cp_free(&a->alloc, J.st);
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
