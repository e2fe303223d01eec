/* The profile object: strings, the node index, reference counting and getters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile_internal.h"

const char *cp_profile_str(compliance_profile *p, const char *s)
{
	char *copy;

	if (cp_grow(&p->alloc, (void **)&p->strings, &p->capstrings, p->nstrings + 1,
	            sizeof *p->strings))
		return NULL;
	copy = cp_strdup(&p->alloc, s);
	if (!copy)
		return NULL;
	p->strings[p->nstrings++] = copy;
	return copy;
}

int cp_profile_index_nodes(compliance_profile *p)
{
	size_t size = 16, i;

	/* load at most 1/2 whatever the node count; a keyed hash, so that
	 * crafted ids cannot all collide */
	while (size < 2 * p->nnodes) {
		if (size > ((size_t)-1 / 2) / sizeof *p->node_table)
			return COMPLIANCE_E_NOMEM;
		size *= 2;
	}
	cp_free(&p->alloc, p->node_table);
	p->node_table = cp_calloc(&p->alloc, size, sizeof *p->node_table);
	if (!p->node_table)
		return COMPLIANCE_E_NOMEM;
	p->node_mask = size - 1;
	cp_hash_key_init(&p->node_key);
	for (i = 0; i < p->nnodes; i++) {
		const char *id = p->nodes[i].text[COMPLIANCE_NODE_ID];
		size_t h = (size_t)cp_hash(&p->node_key, id, strlen(id)) & p->node_mask;
		while (p->node_table[h])
			h = (h + 1) & p->node_mask;
		p->node_table[h] = i + 1;
	}
	return 0;
}

size_t cp_profile_find_node(const compliance_profile *p, const char *id, size_t len)
{
	size_t h;

	if (!p->node_table)
		return CP_NONE;
	h = (size_t)cp_hash(&p->node_key, id, len) & p->node_mask;
	while (p->node_table[h]) {
		const char *cand = p->nodes[p->node_table[h] - 1].text[COMPLIANCE_NODE_ID];
		if (cp_text_is(cand, id, len))
			return p->node_table[h] - 1;
		h = (h + 1) & p->node_mask;
	}
	return CP_NONE;
}

void cp_profile_destroy(compliance_profile *p)
{
	size_t i;
	cp_alloc al;

	if (!p)
		return;
	al = p->alloc;
	for (i = 0; i < p->nstrings; i++)
		cp_free(&al, p->strings[i]);
	cp_free(&al, p->strings);
	for (i = 0; i < p->nnodes; i++)
		cp_free(&al, (void *)p->nodes[i].labels);
	cp_free(&al, p->nodes);
	cp_free(&al, p->node_table);
	cp_free(&al, p->bands);
	for (i = 0; p->label_sets && i < p->nlabel_sets; i++) {
		cp_free(&al, p->label_sets[i].labels);
		cp_free(&al, (void *)p->label_sets[i].qualified);
	}
	cp_free(&al, p->label_sets);
	cp_free(&al, p->flags);
	cp_free(&al, p->qualifiers);
	cp_free(&al, p);
}

compliance_profile *compliance_profile_ref(compliance_profile *p)
{
	if (p)
		atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
	return p;
}

void compliance_profile_free(compliance_profile *p)
{
	if (p && atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) == 1)
		cp_profile_destroy(p);
}

const char *compliance_profile_id(const compliance_profile *p) { return p ? p->id : ""; }
const char *compliance_profile_name(const compliance_profile *p) { return p ? p->name : ""; }
int compliance_profile_year(const compliance_profile *p) { return p ? p->year : 0; }
int compliance_profile_kind(const compliance_profile *p)
{
	return p ? p->kind : COMPLIANCE_E_INVALID;
}
const char *compliance_profile_scale_min(const compliance_profile *p)
{
	return p ? p->scale_min_text : "";
}
const char *compliance_profile_scale_max(const compliance_profile *p)
{
	return p ? p->scale_max_text : "";
}
const char *compliance_profile_rounding(const compliance_profile *p)
{
	return p ? p->rounding_text : "";
}
int compliance_profile_decimals(const compliance_profile *p) { return p ? p->decimals : -1; }
int compliance_profile_has_categories(const compliance_profile *p)
{
	return p ? p->has_categories : 0;
}

/* One entry of p->facts per enum compliance_fact value. */
#define CP_NFACTS (sizeof ((compliance_profile *)0)->facts / sizeof ((compliance_profile *)0)->facts[0])
_Static_assert(COMPLIANCE_FACT_UNITS + 1 == CP_NFACTS, "one fact entry per compliance_fact");

const char *compliance_profile_fact_source(const compliance_profile *p, int fact)
{
	if (!p || fact < COMPLIANCE_FACT_SCALE || (size_t)fact >= CP_NFACTS)
		return NULL;
	return p->facts[fact].source ? p->facts[fact].source : "";
}

int compliance_profile_fact_confidence(const compliance_profile *p, int fact)
{
	if (!p || fact < COMPLIANCE_FACT_SCALE || (size_t)fact >= CP_NFACTS)
		return COMPLIANCE_E_INVALID;
	return p->facts[fact].confidence;
}

int compliance_profile_unit_count_range(const compliance_profile *p, int entity_type,
                                        size_t *min, size_t *max)
{
	if (min)
		*min = 0;
	if (max)
		*max = 0;
	if (!p || entity_type < COMPLIANCE_ENTITY_KEMENTERIAN ||
	    entity_type > COMPLIANCE_ENTITY_KABUPATEN)
		return COMPLIANCE_E_INVALID;
	if (!p->units_known || !(p->units_types & (1u << entity_type)))
		return COMPLIANCE_E_NOTFOUND;
	if (min)
		*min = p->units_min;
	if (max)
		*max = p->units_max;
	return COMPLIANCE_OK;
}

const char *compliance_confidence_code(int confidence)
{
	switch (confidence) {
	case COMPLIANCE_CONF_UNKNOWN: return "unknown";
	case COMPLIANCE_CONF_STATED: return "S";
	case COMPLIANCE_CONF_VERIFIED: return "V";
	case COMPLIANCE_CONF_INFERRED: return "I";
	default: return "?";
	}
}

size_t compliance_profile_band_count(const compliance_profile *p) { return p ? p->nbands : 0; }

static const char *band_text(const compliance_profile *p, size_t index, int field)
{
	if (!p || index >= p->nbands)
		return NULL;
	return p->bands[index].text[field] ? p->bands[index].text[field] : "";
}

const char *compliance_profile_band_lower(const compliance_profile *p, size_t index)
{
	return band_text(p, index, COMPLIANCE_BAND_LOWER);
}

const char *compliance_profile_band_upper(const compliance_profile *p, size_t index)
{
	return band_text(p, index, COMPLIANCE_BAND_UPPER);
}

const char *compliance_profile_band_category(const compliance_profile *p, size_t index)
{
	return band_text(p, index, COMPLIANCE_BAND_CATEGORY);
}

const char *compliance_profile_band_zone(const compliance_profile *p, size_t index)
{
	return band_text(p, index, COMPLIANCE_BAND_ZONE);
}

const char *compliance_profile_band_label(const compliance_profile *p, size_t index)
{
	return band_text(p, index, COMPLIANCE_BAND_LABEL);
}

const char *compliance_profile_band_label_en(const compliance_profile *p, size_t index)
{
	return band_text(p, index, COMPLIANCE_BAND_LABEL_EN);
}

const char *compliance_profile_band_source(const compliance_profile *p, size_t index)
{
	return band_text(p, index, COMPLIANCE_BAND_SOURCE);
}

int compliance_profile_band_confidence(const compliance_profile *p, size_t index)
{
	if (!p || index >= p->nbands)
		return COMPLIANCE_E_INVALID;
	return p->bands[index].confidence;
}

size_t compliance_profile_node_count(const compliance_profile *p) { return p ? p->nnodes : 0; }

static const char *node_text(const compliance_profile *p, size_t index, int field)
{
	if (!p || index >= p->nnodes)
		return NULL;
	return p->nodes[index].text[field] ? p->nodes[index].text[field] : "";
}

const char *compliance_profile_node_id(const compliance_profile *p, size_t index)
{
	return node_text(p, index, COMPLIANCE_NODE_ID);
}

const char *compliance_profile_node_name(const compliance_profile *p, size_t index)
{
	return node_text(p, index, COMPLIANCE_NODE_NAME);
}

const char *compliance_profile_node_parent(const compliance_profile *p, size_t index)
{
	return node_text(p, index, COMPLIANCE_NODE_PARENT);
}

const char *compliance_profile_node_weight(const compliance_profile *p, size_t index)
{
	return node_text(p, index, COMPLIANCE_NODE_WEIGHT);
}

const char *compliance_profile_node_source(const compliance_profile *p, size_t index)
{
	return node_text(p, index, COMPLIANCE_NODE_SOURCE);
}

const char *compliance_profile_node_scale_min(const compliance_profile *p, size_t index)
{
	return node_text(p, index, COMPLIANCE_NODE_SCALE_MIN);
}

const char *compliance_profile_node_scale_max(const compliance_profile *p, size_t index)
{
	return node_text(p, index, COMPLIANCE_NODE_SCALE_MAX);
}

int compliance_profile_node_depth(const compliance_profile *p, size_t index)
{
	if (!p || index >= p->nnodes)
		return COMPLIANCE_E_INVALID;
	return p->nodes[index].depth;
}

int compliance_profile_node_confidence(const compliance_profile *p, size_t index)
{
	if (!p || index >= p->nnodes)
		return COMPLIANCE_E_INVALID;
	return p->nodes[index].confidence;
}

/* ---- label sets ---------------------------------------------------------- */

static const cp_label_set *label_set_at(const compliance_profile *p, size_t set)
{
	return p && p->label_sets && set < p->nlabel_sets ? &p->label_sets[set] : NULL;
}

static const cp_label *label_at(const compliance_profile *p, size_t band, size_t set)
{
	const cp_label_set *s = label_set_at(p, set);

	return s && band < p->nbands ? &s->labels[band] : NULL;
}

size_t compliance_profile_label_set_count(const compliance_profile *p)
{
	return p ? p->nlabel_sets : 0;
}

const char *compliance_profile_label_set_id(const compliance_profile *p, size_t set)
{
	const cp_label_set *s = label_set_at(p, set);

	return s ? s->id : NULL;
}

const char *compliance_profile_label_set_name(const compliance_profile *p, size_t set)
{
	const cp_label_set *s = label_set_at(p, set);

	return s ? s->name : NULL;
}

int compliance_profile_label_set_scope(const compliance_profile *p, size_t set)
{
	const cp_label_set *s = label_set_at(p, set);

	return s ? s->scope : COMPLIANCE_E_INVALID;
}

const char *compliance_profile_label_set_source(const compliance_profile *p, size_t set)
{
	const cp_label_set *s = label_set_at(p, set);

	return s ? s->source : NULL;
}

int compliance_profile_label_set_confidence(const compliance_profile *p, size_t set)
{
	const cp_label_set *s = label_set_at(p, set);

	return s ? s->confidence : COMPLIANCE_E_INVALID;
}

const char *compliance_profile_band_set_label(const compliance_profile *p, size_t band,
                                              size_t set)
{
	const cp_label *l = label_at(p, band, set);

	return l ? l->text : NULL;
}

const char *compliance_profile_band_set_label_en(const compliance_profile *p, size_t band,
                                                 size_t set)
{
	const cp_label *l = label_at(p, band, set);

	return l ? l->text_en : NULL;
}

const char *compliance_profile_band_set_source(const compliance_profile *p, size_t band,
                                               size_t set)
{
	const cp_label *l = label_at(p, band, set);

	return l ? l->source : NULL;
}

int compliance_profile_band_set_confidence(const compliance_profile *p, size_t band, size_t set)
{
	const cp_label *l = label_at(p, band, set);

	return l ? l->confidence : COMPLIANCE_E_INVALID;
}

int compliance_profile_band_set_certificate(const compliance_profile *p, size_t band, size_t set)
{
	const cp_label *l = label_at(p, band, set);

	return l ? l->certificate : COMPLIANCE_E_INVALID;
}
