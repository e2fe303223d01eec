/* A unit's values of the indicator tree: the block behind cp_unit.values
 * (see assessment_internal.h). */
#include <string.h>

#include "score/values.h"

/*
 * The block: `cap` slots of 8 bytes, then a bitmap of `cap` bits (the nodes
 * given, when cap is the profile's node count), then, once the unit holds
 * an answer that is not a whole number of 32 bits, `cap` exact fractions:
 * slot k's fraction is fraction k. A national file holds a slot for every
 * node of every unit, so the common answer costs 8 bytes, not the 48 of a
 * node index and a cnum (issue 13).
 */
static size_t bits_bytes(size_t cap)
{
	return (cap + 7) / 8;
}

/* Where the fractions start: after the slots and the bitmap, aligned for
 * a cnum. */
static size_t frac_offset(size_t cap)
{
	size_t off = cap * sizeof(cp_value) + bits_bytes(cap);
	size_t al = _Alignof(cnum);

	return (off + al - 1) / al * al;
}

static cnum *fracs(const cp_unit *u)
{
	return (cnum *)(void *)((unsigned char *)u->values + frac_offset(u->capvalues));
}

unsigned char *cp_unit_value_bits(const cp_unit *u)
{
	if (!u->values)
		return NULL; /* no block yet: no offset from NULL (UB) */
	return (unsigned char *)(u->values + u->capvalues);
}

cnum cp_unit_answer(const cp_unit *u, size_t k)
{
	const cp_value *v = &u->values[k];

	if (v->node & CP_VALUE_FRAC)
		return fracs(u)[k];
	return cnum_int(v->small);
}

/* Whether a slot of the block is a fraction (so the block has room for
 * them). */
static int has_fracs(const cp_unit *u)
{
	uint32_t k;

	for (k = 0; k < u->nvalues; k++)
		if (u->values[k].node & CP_VALUE_FRAC)
			return 1;
	return 0;
}

/* The block of `cap` slots, with room for fractions when `with_fracs`;
 * NULL on overflow or out of memory. */
static cp_value *block_alloc(const cp_alloc *al, cp_value *old, size_t cap, int with_fracs)
{
	size_t size;

	if (cap > CP_VALUE_NODE_MAX || cap > (SIZE_MAX - 64) / (sizeof(cp_value) + sizeof(cnum) + 1))
		return NULL;
	size = with_fracs ? frac_offset(cap) + cap * sizeof(cnum)
	                  : cap * sizeof(cp_value) + bits_bytes(cap);
	return old ? cp_realloc(al, old, size) : cp_malloc(al, size);
}

int cp_unit_push_value(const cp_alloc *al, cp_unit *u, size_t cap, size_t node, cnum v)
{
	cp_value *s;
	int whole = v.d == 1 && v.n >= INT32_MIN && v.n <= INT32_MAX;

	if (node > CP_VALUE_NODE_MAX || (u->capvalues && node >= u->capvalues))
		return COMPLIANCE_E_INVALID;
	if (!u->capvalues) {
		if (node >= cap || !(u->values = block_alloc(al, NULL, cap, !whole)))
			return COMPLIANCE_E_NOMEM;
		u->capvalues = (uint32_t)cap;
		memset(cp_unit_value_bits(u), 0, bits_bytes(cap));
	} else if (!whole && !has_fracs(u)) {
		cp_value *grown = block_alloc(al, u->values, u->capvalues, 1);
		if (!grown)
			return COMPLIANCE_E_NOMEM;
		u->values = grown;
	}
	if (u->nvalues >= u->capvalues)
		return COMPLIANCE_E_INVALID; /* a node given twice: the caller checks */
	s = &u->values[u->nvalues];
	if (whole) {
		s->node = (uint32_t)node;
		s->small = (int32_t)v.n;
	} else {
		s->node = (uint32_t)node | CP_VALUE_FRAC;
		s->small = 0;
		fracs(u)[u->nvalues] = v;
	}
	u->nvalues++;
	cp_unit_value_bits(u)[node / 8] |= (unsigned char)(1u << (node % 8));
	return 0;
}

size_t cp_unit_pop_value(cp_unit *u)
{
	size_t node = cp_value_node(&u->values[--u->nvalues]);

	cp_unit_value_bits(u)[node / 8] &= (unsigned char)~(1u << (node % 8));
	return node;
}

int cp_unit_values_with(const cp_alloc *al, const cp_unit *u, const size_t *node,
                        const cnum *level, size_t n, cp_unit *out)
{
	size_t k, cap = (size_t)u->nvalues + n;

	*out = *u;
	out->values = NULL;
	out->nvalues = out->capvalues = 0;
	if (!cap)
		return 0;
	/* every node given at most once, the bitmap sized for the highest */
	for (k = 0; k < u->nvalues; k++)
		if (cp_value_node(&u->values[k]) >= cap)
			cap = cp_value_node(&u->values[k]) + 1;
	for (k = 0; k < n; k++)
		if (node[k] >= cap)
			cap = node[k] + 1;
	for (k = 0; k < (size_t)u->nvalues + n; k++) {
		int rc = cp_unit_push_value(al, out, cap, k < u->nvalues ? cp_value_node(&u->values[k])
		                                                         : node[k - u->nvalues],
		                            k < u->nvalues ? cp_unit_answer(u, k) : level[k - u->nvalues]);
		if (rc) {
			cp_free(al, out->values);
			out->values = NULL;
			return rc;
		}
	}
	return 0;
}
