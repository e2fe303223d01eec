/*
 * The assessment: entities, units, product scores and values in.
 *
 * Storage that grows linearly with the input: entities in one array found
 * through a keyed open-addressing index; each entity's units in an array,
 * indexed the same way past a few; a unit's products or values in one
 * block (with an index or a bitmap for duplicates); every name in one
 * pool. A failed batch is undone through a journal of counts.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "score/assessment_internal.h"

const char *const cp_entity_type_names[CP_NTYPES] = { "kementerian", "lembaga", "provinsi",
	                                              "kota", "kabupaten" };

const char *const cp_column_names[CP_NCOLUMNS] = { "entity", "entity_type", "unit", "product",
	                                           "indicator", "value" };

/* ---- the name pool ------------------------------------------------------------ */

struct cp_pool_chunk {
	cp_pool_chunk *prev;
	size_t size, used;
	char data[];
};

#define POOL_CHUNK ((size_t)64 * 1024)
#define POOL_MAX ((size_t)8 << 20)
#define POOL_HUGE CP_HUGE_PAGE

/* Copies s[0..len) (or, for a NULL s, leaves room for len bytes) and a NUL
 * into the pool; NULL when out of memory. */
static const char *pool_strndup(compliance_assessment *a, const char *s, size_t len)
{
	cp_pool_chunk *c = a->names.head;
	char *out;

	if (!c || c->size - c->used < len + 1) {
		/* under the C library's allocator, chunks double up to 8 MiB and
		 * their text starts on a 2 MiB boundary, in transparent huge
		 * pages (see uarena_chunk()) */
		size_t size = POOL_CHUNK, skip = 0;
		int huge = 0;
		if (c && cp_alloc_is_default(&a->alloc)) {
			while (size < POOL_MAX && size * 2 <= c->size)
				size *= 2; /* the last chunk's size, its padding left out */
			size = size >= POOL_MAX ? POOL_MAX : size * 2;
			huge = size >= POOL_HUGE;
			if (huge)
				size += POOL_HUGE;
		}
		if ((huge ? size - POOL_HUGE : size) < len + 1) {
			size = len + 1; /* a name longer than a chunk: a chunk of its own */
			huge = 0;
		}
		if (size > (size_t)-1 - sizeof *c)
			return NULL;
		c = cp_malloc(&a->alloc, sizeof *c + size);
		if (!c)
			return NULL;
		if (huge)
			skip = (size_t)((char *)cp_huge_start(c->data, size - POOL_HUGE) - c->data);
		c->prev = a->names.head;
		c->size = size;
		c->used = skip;
		a->names.head = c;
	}
	out = c->data + c->used;
	if (s)
		memcpy(out, s, len);
	out[len] = '\0';
	c->used += len + 1;
	return out;
}

/* An entity's or a unit's name: the input line it was first given at (a
 * uint32_t, 0 when not from a file) just before the name in the pool. */
static const char *pool_name(compliance_assessment *a, const char *s, size_t len)
{
	char *out;
	uint32_t line = a->cur_line > UINT32_MAX ? UINT32_MAX : (uint32_t)a->cur_line;

	if (len > (size_t)-1 - 8)
		return NULL;
	out = (char *)pool_strndup(a, NULL, len + sizeof line);
	if (!out)
		return NULL;
	memcpy(out, &line, sizeof line);
	memcpy(out + sizeof line, s, len);
	out[sizeof line + len] = '\0';
	return out + sizeof line;
}

static size_t name_line(const char *name)
{
	uint32_t line;

	memcpy(&line, name - sizeof line, sizeof line);
	return line;
}

/* Frees what the pool took after the mark (chunk, used). */
static void pool_rewind(compliance_assessment *a, cp_pool_chunk *chunk, size_t used)
{
	while (a->names.head && a->names.head != chunk) {
		cp_pool_chunk *c = a->names.head;
		a->names.head = c->prev;
		cp_free(&a->alloc, c);
	}
	if (a->names.head)
		a->names.head->used = used;
}

/* ---- name indexes --------------------------------------------------------------- */

/*
 * An index maps names to positions in an array of named things (entities,
 * or the units of one entity): open addressing with linear probing over
 * slots holding position + 1 (0 empty), sized a power of two at least
 * twice the count, keyed by SipHash so that crafted names cannot collide
 * on purpose. Positions are only ever removed newest first (a failed
 * batch), and the index is rebuilt in position order when it grows, so a
 * removal just empties the slot: no later insert ever probed past it.
 */
typedef struct name_array {
	const char *base; /* the array */
	size_t stride;    /* sizeof one element */
	size_t offset;    /* offsetof its `const char *name` */
	int fold;         /* names match whatever their ASCII case (entities, units) */
} name_array;

static const char *name_at(const name_array *arr, size_t i)
{
	const char *name;

	memcpy(&name, arr->base + i * arr->stride + arr->offset, sizeof name);
	return name;
}

static unsigned char fold_byte(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Whether cand (NUL-terminated) is name[0..len), ignoring ASCII case
 * (locale-independent: bytes of UTF-8 sequences compare as they are). */
static int same_folded(const char *cand, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!cand[i] || fold_byte((unsigned char)cand[i]) != fold_byte((unsigned char)name[i]))
			return 0;
	return cand[len] == '\0';
}

/* The keyed hash of s[0..len) with its ASCII letters in lower case: the
 * folded text hashed in blocks of 256 bytes, each block's hash chained into
 * the next, so that no copy of a long name is needed. */
static uint64_t fold_hash(const cp_hash_key *key, const char *s, size_t len)
{
	unsigned char buf[8 + 256];
	uint64_t h = 0;
	size_t off = 0, n, i;
	int first = 1;

	do {
		n = len - off > 256 ? 256 : len - off;
		memcpy(buf, &h, 8);
		for (i = 0; i < n; i++)
			buf[8 + i] = fold_byte((unsigned char)s[off + i]);
		h = first ? cp_hash(key, buf + 8, n) : cp_hash(key, buf, 8 + n);
		first = 0;
		off += n;
	} while (off < len);
	return h;
}

static uint64_t key_hash(const cp_hash_key *key, const char *s, size_t len, int fold)
{
	return fold ? fold_hash(key, s, len) : cp_hash(key, s, len);
}

static size_t index_find(const uint32_t *slots, size_t mask, const name_array *arr,
                         uint64_t h, const char *name, size_t len)
{
	size_t i = (size_t)h & mask;

	for (; slots[i]; i = (i + 1) & mask) {
		const char *cand = name_at(arr, slots[i] - 1);
		if (arr->fold ? same_folded(cand, name, len)
		              : !strncmp(cand, name, len) && cand[len] == '\0')
			return slots[i] - 1;
	}
	return CP_NONE;
}

static void index_put(uint32_t *slots, size_t mask, uint64_t h, size_t pos)
{
	size_t i = (size_t)h & mask;

	while (slots[i])
		i = (i + 1) & mask;
	slots[i] = (uint32_t)(pos + 1);
}

/* Empties the slot of `pos`, the newest position in the index. */
static void index_remove(uint32_t *slots, size_t mask, uint64_t h, size_t pos)
{
	size_t i = (size_t)h & mask;

	while (slots[i] && slots[i] != pos + 1)
		i = (i + 1) & mask;
	slots[i] = 0;
}

static uint64_t name_hash(const cp_hash_key *key, const char *name, int fold)
{
	return key_hash(key, name, strlen(name), fold);
}

/*
 * The entity index (issue 13): 64-bit slots, the low 32 bits of the name's
 * hash above the entity's position + 1 (0: empty). A probe compares the
 * stored bits before it touches the entity and its name (two cache misses
 * each at a million entities), and growing places each entry by its
 * stored bits, without hashing its name again, while the table has at
 * most 2^32 slots. Entries go in by position, so that a failed batch can
 * empty the slots of its entities newest first (index_remove's rule).
 */
static void ent_index_put(uint64_t *slots, size_t mask, uint64_t h, size_t pos)
{
	size_t i = (size_t)h & mask;

	while (slots[i])
		i = (i + 1) & mask;
	slots[i] = (uint64_t)(uint32_t)h << 32 | (uint64_t)(pos + 1);
}

static size_t ent_index_find(const compliance_assessment *a, uint64_t h, const char *name,
                             size_t len)
{
	const uint64_t *slots = a->entity_index;
	size_t mask = a->entity_mask, i = (size_t)h & mask;

	for (; slots[i]; i = (i + 1) & mask)
		if ((uint32_t)(slots[i] >> 32) == (uint32_t)h &&
		    same_folded(a->entities[(uint32_t)slots[i] - 1].name, name, len))
			return (uint32_t)slots[i] - 1;
	return CP_NONE;
}

/* Empties the slot of `pos`, the newest entity in the index. */
static void ent_index_remove(compliance_assessment *a, size_t pos)
{
	uint64_t *slots = a->entity_index;
	size_t mask = a->entity_mask,
	       i = (size_t)name_hash(&a->entity_key, a->entities[pos].name, 1) & mask;

	while (slots[i] && (uint32_t)slots[i] != pos + 1)
		i = (i + 1) & mask;
	slots[i] = 0;
}

/* Makes room for `count` entities, entities 0..indexed-1 being in the
 * index; 0 or COMPLIANCE_E_NOMEM. */
static int ent_index_reserve(compliance_assessment *a, size_t indexed, size_t count)
{
	size_t size = a->entity_index ? a->entity_mask + 1 : 0, old = size, i;
	uint64_t *n;
	uint32_t *bits = NULL;

	if (size && count <= size / 2)
		return 0;
	if (!size)
		size = 16;
	while (count > size / 2) {
		if (size > ((size_t)-1 / 2) / sizeof *n)
			return COMPLIANCE_E_NOMEM;
		size *= 2;
	}
	n = cp_calloc(&a->alloc, size, sizeof *n);
	if (!n)
		return COMPLIANCE_E_NOMEM;
	if (indexed && size - 1 <= UINT32_MAX) {
		/* each entity's stored bits, by position */
		bits = cp_malloc(&a->alloc, indexed * sizeof *bits);
		if (!bits) {
			cp_free(&a->alloc, n);
			return COMPLIANCE_E_NOMEM;
		}
		for (i = 0; i < old; i++)
			if (a->entity_index[i])
				bits[(uint32_t)a->entity_index[i] - 1] =
					(uint32_t)(a->entity_index[i] >> 32);
	}
	for (i = 0; i < indexed; i++)
		ent_index_put(n, size - 1,
		              bits ? bits[i] : name_hash(&a->entity_key, a->entities[i].name, 1), i);
	cp_free(&a->alloc, bits);
	cp_free(&a->alloc, a->entity_index);
	a->entity_index = n;
	a->entity_mask = size - 1;
	return 0;
}

/* Grows an array held with a 32-bit capacity: to `need` the first time
 * (an entity of one unit holds one), then by a quarter again, so that
 * little is held spare (units are most of the memory) while the cost of
 * copying stays linear. 0 or COMPLIANCE_E_NOMEM. */
static int grow32(const cp_alloc *al, void **arr, uint32_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap;
	void *p;

	if (need <= ncap)
		return 0;
	if (need >= UINT32_MAX)
		return COMPLIANCE_E_NOMEM;
	if (!ncap)
		ncap = need;
	while (ncap < need)
		ncap += ncap / 4 + 1;
	if (ncap >= UINT32_MAX)
		ncap = UINT32_MAX - 1;
	if (ncap > (size_t)-1 / elem)
		return COMPLIANCE_E_NOMEM;
	p = cp_realloc(al, *arr, ncap * elem);
	if (!p)
		return COMPLIANCE_E_NOMEM;
	*arr = p;
	*cap = (uint32_t)ncap;
	return 0;
}

/* ---- the unit arena ------------------------------------------------------------ */

/*
 * Units of entities created in the current batch (issue 13): slices of
 * chunks, a new entity's slice growing in place by one unit while it ends
 * the newest chunk (the units of an entity usually follow each other), so
 * that a unit-score row costs no realloc, no copy and no spare capacity.
 * An entity whose slice cannot grow in place (another entity took the
 * chunk's tail, or it was created in an earlier batch) moves its units to
 * a block of its own (units_heap) that grows as before. Slices past the
 * batch's mark belong to entities the batch created only, so a failed
 * batch rewinds the arena to the mark as it rewinds the name pool.
 */
struct cp_unit_chunk {
	cp_unit_chunk *prev;
	size_t cap, used; /* units */
	cp_unit *units;   /* in the same allocation, after the header */
};

#define UARENA_FIRST ((size_t)64) /* units in the first chunk; doubling after */
#define UARENA_MAX_BYTES ((size_t)8 << 20)
#define UARENA_MAX_BYTES_CUSTOM ((size_t)256 << 10)
#define UARENA_HUGE CP_HUGE_PAGE

/*
 * A new newest chunk of at least `need` units; NULL when out of memory.
 * Under the C library's allocator a chunk of 2 MiB or more starts its units
 * on a 2 MiB boundary (the address space skipped, like the end of a chunk
 * not filled yet, is never touched and costs no memory) and asks for
 * transparent huge pages there: a page fault per 2 MiB instead of per
 * 4 KiB, about a quarter of the time of a unit-score row. A caller's
 * allocator counts what it hands out, so then chunks stay small.
 */
static cp_unit_chunk *uarena_chunk(compliance_assessment *a, size_t need)
{
	cp_unit_chunk *c, *head = a->uarena;
	size_t cap = head ? head->cap * 2 : UARENA_FIRST, bytes, hdr;
	size_t max = cp_alloc_is_default(&a->alloc) ? UARENA_MAX_BYTES : UARENA_MAX_BYTES_CUSTOM;
	int huge;

	if (cap > max / sizeof(cp_unit))
		cap = max / sizeof(cp_unit);
	if (cap < need)
		cap = need;
	if (cap > ((size_t)-1 / 2 - 2 * UARENA_HUGE) / sizeof(cp_unit))
		return NULL;
	hdr = (sizeof *c + sizeof(cp_unit) - 1) / sizeof(cp_unit) * sizeof(cp_unit);
	bytes = cap * sizeof(cp_unit);
	huge = bytes >= UARENA_HUGE && cp_alloc_is_default(&a->alloc);
	if (huge)
		bytes = (bytes + UARENA_HUGE - 1) / UARENA_HUGE * UARENA_HUGE + UARENA_HUGE;
	c = cp_malloc(&a->alloc, hdr + bytes);
	if (!c)
		return NULL;
	c->units = (cp_unit *)(void *)((char *)c + hdr);
	if (huge)
		c->units = cp_huge_start(c->units, bytes - UARENA_HUGE);
	c->prev = head;
	c->cap = cap;
	c->used = 0;
	a->uarena = c;
	return c;
}

size_t cp_unit_chunk_used(const cp_unit_chunk *c)
{
	return c->used;
}

/* Frees the chunks newer than `chunk` and sets its used count. */
static void uarena_rewind(compliance_assessment *a, cp_unit_chunk *chunk, size_t used)
{
	while (a->uarena && a->uarena != chunk) {
		cp_unit_chunk *c = a->uarena;
		a->uarena = c->prev;
		cp_free(&a->alloc, c);
	}
	if (a->uarena)
		a->uarena->used = used;
	a->utail = CP_NONE;
}

/* Room for one more unit in entity ei (e->nunits < e->capunits after). 0
 * or COMPLIANCE_E_NOMEM. */
static int unit_room(compliance_assessment *a, size_t ei)
{
	cp_entity *e = &a->entities[ei];
	cp_unit_chunk *c = a->uarena;

	if (e->nunits < e->capunits)
		return 0;
	if (e->nunits >= UINT32_MAX - 1)
		return COMPLIANCE_E_NOMEM;
	if (!e->units_heap &&
	    (!a->journaling || (a->mark_batch == a->batch && ei >= a->mark_entities)) &&
	    (!e->capunits ||
	     (a->utail == ei && c && e->units + e->capunits == c->units + c->used))) {
		/* no slice yet, or the slice ends the newest chunk */
		if (e->capunits && c->used < c->cap) {
			c->used++;
			e->capunits++;
			return 0;
		}
		/* A slice that fills its chunk moves to a block of its own
		 * (below), never to a new chunk: copied from chunk to chunk, an
		 * entity of more units than a chunk holds took a new chunk, and
		 * a copy, a unit (400,000 units: 24 GB). */
		if (!e->capunits) {
			if (!c || c->used == c->cap) {
				if (!(c = uarena_chunk(a, 1)))
					return COMPLIANCE_E_NOMEM;
			}
			e->units = c->units + c->used;
			c->used++;
			e->capunits = 1;
			a->utail = ei;
			return 0;
		}
	}
	if (!e->units_heap) {
		/* a block of its own, the slice (if any) left where it is */
		cp_unit *old = e->units;
		uint32_t n = e->nunits;
		e->units = NULL;
		e->capunits = 0;
		if (grow32(&a->alloc, (void **)&e->units, &e->capunits, (size_t)n + 1,
		           sizeof *e->units)) {
			e->units = old;
			e->capunits = n;
			return COMPLIANCE_E_NOMEM;
		}
		if (n)
			memcpy(e->units, old, n * sizeof *e->units);
		e->units_heap = 1;
		if (a->utail == ei)
			a->utail = CP_NONE;
		return 0;
	}
	return grow32(&a->alloc, (void **)&e->units, &e->capunits, (size_t)e->nunits + 1,
	              sizeof *e->units);
}

/* ---- the units' indexes ----------------------------------------------------------- */

/*
 * An entity's unit index (past UNIT_SCAN_MAX units) doubles as the entity
 * grows: 16, 32, ... slots. Under the C library's allocator the tables come
 * from chunks in transparent huge pages (the page faults of a 4 KiB page
 * each cost a fifth of a unit-score row's time), and a table given back
 * (the entity grew past it, or was dropped) waits in a list of its size
 * for the next entity that grows through it: the units of an entity
 * usually follow each other, so one table of each size is in flight at a
 * time. Under a caller's allocator each table is its own allocation.
 */
static name_array unit_names(const cp_entity *e);

struct cp_idx_chunk {
	struct cp_idx_chunk *prev;
	size_t size, used; /* bytes of data */
	char *data;
};

static int uidx_arena(const compliance_assessment *a)
{
	return cp_alloc_is_default(&a->alloc);
}

/* A zeroed table of `slots` (a power of two, at least 16) slots; NULL when
 * out of memory. */
static uint32_t *uidx_alloc(compliance_assessment *a, size_t slots)
{
	size_t k = 0, bytes = slots * sizeof(uint32_t);
	struct cp_idx_chunk *c = a->iarena;
	uint32_t *t;

	if (!uidx_arena(a))
		return cp_calloc(&a->alloc, slots, sizeof(uint32_t));
	while (((size_t)1 << k) < slots)
		k++;
	if (k < 32 && a->ifree[k]) {
		t = a->ifree[k];
		/* the list's next table is kept in the first bytes of each */
		memcpy(&a->ifree[k], (const void *)t, sizeof a->ifree[k]);
		memset(t, 0, bytes);
		return t;
	}
	if (k >= 32 || slots > ((size_t)-1 / 4 - 2 * UARENA_HUGE) / sizeof(uint32_t))
		return NULL;
	if (!c || c->size - c->used < bytes) {
		size_t size = c ? (c->size >= UARENA_MAX_BYTES ? UARENA_MAX_BYTES : c->size * 2)
		                : (size_t)64 << 10;
		int huge;
		if (size < bytes)
			size = bytes;
		huge = size >= UARENA_HUGE;
		c = cp_malloc(&a->alloc, sizeof *c + 64 + size + (huge ? UARENA_HUGE : 0));
		if (!c)
			return NULL;
		c->data = (char *)(c + 1);
		if (huge)
			c->data = cp_huge_start(c->data, size);
		else
			c->data += (size_t)((64 - (uintptr_t)c->data % 64) % 64);
		c->size = size;
		c->used = 0;
		c->prev = a->iarena;
		a->iarena = c;
	}
	t = (uint32_t *)(void *)(c->data + c->used);
	c->used += bytes; /* bytes is a power of two of 64 or more: the next stays aligned */
	memset(t, 0, bytes);
	return t;
}

/* Gives back a table of `slots` slots (NULL: nothing). */
static void uidx_free(compliance_assessment *a, uint32_t *t, size_t slots)
{
	size_t k = 0;

	if (!t)
		return;
	if (!uidx_arena(a)) {
		cp_free(&a->alloc, t);
		return;
	}
	while (((size_t)1 << k) < slots)
		k++;
	memcpy((void *)t, &a->ifree[k], sizeof a->ifree[k]); /* the list's next */
	a->ifree[k] = t;
}

/* Makes room in e's unit index for `count` units (positions 0..indexed-1
 * are in it), the table from uidx_alloc(). 0 or
 * COMPLIANCE_E_NOMEM. */
static int unit_index_reserve(compliance_assessment *a, cp_entity *e, size_t indexed,
                              size_t count)
{
	size_t size = e->unit_index ? (size_t)e->unit_mask + 1 : 0, i;
	name_array arr = unit_names(e);
	uint32_t *n;

	if (size && count <= size / 2)
		return 0;
	if (!size)
		size = 16;
	while (count > size / 2) {
		if (size >= ((size_t)1 << 31))
			return COMPLIANCE_E_NOMEM;
		size *= 2;
	}
	n = uidx_alloc(a, size);
	if (!n)
		return COMPLIANCE_E_NOMEM;
	for (i = 0; i < indexed; i++)
		index_put(n, size - 1, name_hash(&a->unit_key, name_at(&arr, i), arr.fold), i);
	uidx_free(a, e->unit_index, e->unit_index ? (size_t)e->unit_mask + 1 : 0);
	e->unit_index = n;
	e->unit_mask = (uint32_t)(size - 1);
	return 0;
}

/* ---- the object -------------------------------------------------------------- */

int compliance_assessment_new(compliance_ctx *ctx, compliance_assessment **out,
                              compliance_profile *profile)
{
	const cp_alloc *al = cp_ctx_alloc(ctx);
	compliance_assessment *a;

	cp_ctx_clear(ctx);
	if (out)
		*out = NULL;
	if (!out || !profile)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_assessment_new: out and profile must not be NULL");
	if (profile->kind != COMPLIANCE_PROFILE_ASSESSMENT)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_assessment_new: profile '%.100s' is an SKM survey method: "
		                   "use compliance_skm_new", profile->id);
	a = cp_calloc(al, 1, sizeof *a);
	if (!a)
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
	a->alloc = *al;
	a->mark_batch = UINT32_MAX; /* no batch has begun */
	a->utail = CP_NONE;
	a->max_errors = CP_MAX_ERRORS_DEFAULT;
	cp_hash_key_init(&a->entity_key);
	cp_hash_key_init(&a->unit_key);
	a->profile = compliance_profile_ref(profile);
	*out = a;
	return COMPLIANCE_OK;
}

void cp_result_texts_free(const cp_alloc *al, char *text, char **label, size_t nlabel)
{
	size_t k;

	cp_free(al, text);
	if (label)
		for (k = 0; k < nlabel; k++)
			cp_free(al, label[k]);
	cp_free(al, label);
}

void cp_results_free(compliance_assessment *a)
{
	cp_result_texts_free(&a->alloc, a->rtext, a->rlabel, a->nrlabel);
	cp_free(&a->alloc, a->results);
	a->results = NULL;
	a->nresults = 0;
	a->rtext = NULL;
	a->rlabel = NULL;
	a->nrlabel = 0;
}

/* The unit's values or products (one array). */
static void free_unit(const cp_alloc *al, cp_unit *u)
{
	cp_free(al, u->values);
}

static void free_entity(compliance_assessment *a, cp_entity *e)
{
	const cp_alloc *al = &a->alloc;
	size_t j;

	for (j = 0; j < e->nunits; j++)
		free_unit(al, &e->units[j]);
	if (e->units_heap)
		cp_free(al, e->units);
	uidx_free(a, e->unit_index, e->unit_index ? (size_t)e->unit_mask + 1 : 0);
	e->unit_index = NULL;
	cp_free(al, e->inputs);
}

void compliance_assessment_free(compliance_assessment *a)
{
	size_t i;
	cp_alloc al;

	if (!a)
		return;
	al = a->alloc;
	for (i = 0; i < a->nentities; i++)
		free_entity(a, &a->entities[i]);
	while (a->iarena) {
		struct cp_idx_chunk *c = a->iarena;
		a->iarena = c->prev;
		cp_free(&al, c);
	}
	cp_free(&al, a->entities);
	cp_free(&al, a->entity_index);
	pool_rewind(a, NULL, 0);
	uarena_rewind(a, NULL, 0);
	cp_free(&al, a->undo);
	cp_results_free(a);
	for (i = 0; i < a->nfeeds; i++) {
		cp_free(&al, a->feeds[i].el);
		cp_free(&al, a->feeds[i].blob);
	}
	cp_free(&al, a->feeds);
	for (i = 0; i < CP_NCOLUMNS; i++)
		cp_free(&al, a->columns[i]);
	cp_assessment_clear_diags(a);
	cp_free(&al, a->diags);
	cp_free(&al, a->namebuf);
	cp_free(&al, a->last_raw);
	cp_free(&al, a->ent_raw);
	cp_free(&al, a->advice_locks);
	cp_attr_free(a);
	compliance_profile_free(a->profile);
	cp_free(&al, a);
}

static int same_name(const char *stored, const char *given);

const cp_skm_feed *cp_assessment_feed(const compliance_assessment *a, const char *entity,
                                      const char *unit, size_t node)
{
	size_t i;

	for (i = 0; i < a->nfeeds; i++)
		if (a->feeds[i].node == node && same_name(unit, a->feeds[i].unit) &&
		    same_name(entity, a->feeds[i].entity))
			return &a->feeds[i];
	return NULL;
}

const char *compliance_assessment_errmsg(const compliance_assessment *a)
{
	return a ? a->err.msg : "";
}

void cp_assessment_clear_diags(compliance_assessment *a)
{
	size_t i;

	for (i = 0; i < a->ndiags; i++)
		cp_free(&a->alloc, a->diags[i]);
	a->ndiags = 0;
}

int cp_assessment_diag(compliance_assessment *a, const char *msg)
{
	char *copy;

	if (cp_grow(&a->alloc, (void **)&a->diags, &a->capdiags, a->ndiags + 1, sizeof *a->diags) ||
	    !(copy = cp_strdup(&a->alloc, msg)))
		return COMPLIANCE_E_NOMEM;
	a->diags[a->ndiags++] = copy;
	return 0;
}

size_t compliance_assessment_diag_count(const compliance_assessment *a)
{
	return a ? a->ndiags : 0;
}

const char *compliance_assessment_diag(const compliance_assessment *a, size_t index)
{
	if (!a || index >= a->ndiags)
		return NULL;
	return a->diags[index];
}

int compliance_assessment_csv_dialect(const compliance_assessment *a)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	return a->dialect_used;
}

int compliance_assessment_map_column(compliance_assessment *a, const char *column,
                                     const char *header)
{
	size_t k, i;
	char *copy = NULL;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!column)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "map_column: column is NULL");
	for (k = 0; k < CP_NCOLUMNS; k++)
		if (!strcmp(column, cp_column_names[k]))
			break;
	if (k == CP_NCOLUMNS && !strcmp(column, "score"))
		k = CP_COL_VALUE;
	if (k == CP_NCOLUMNS)
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "unknown column '%.100s': expected entity, entity_type, unit, "
		                    "product, indicator, value or score", column);
	if (header) {
		for (i = 0; header[i] == ' '; i++)
			;
		if (!header[i] || !cp_utf8_valid(header, strlen(header)))
			return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
			                    "map_column: the header for %s is empty or not UTF-8 text",
			                    column);
		copy = cp_strdup(&a->alloc, header);
		if (!copy)
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	cp_free(&a->alloc, a->columns[k]);
	a->columns[k] = copy;
	return COMPLIANCE_OK;
}

int compliance_assessment_set_option(compliance_assessment *a, int option, int value)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	switch (option) {
	case COMPLIANCE_OPT_DIALECT:
		if (value != COMPLIANCE_DIALECT_AUTO && value != COMPLIANCE_DIALECT_RFC4180 &&
		    value != COMPLIANCE_DIALECT_EXCEL_ID)
			return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown CSV dialect %d", value);
		a->dialect_option = value;
		return COMPLIANCE_OK;
	case COMPLIANCE_OPT_ENCODING:
		if (value != COMPLIANCE_ENCODING_UTF8 && value != COMPLIANCE_ENCODING_CP1252 &&
		    value != COMPLIANCE_ENCODING_LATIN1)
			return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown encoding %d", value);
		a->encoding = value;
		return COMPLIANCE_OK;
	case COMPLIANCE_OPT_NAMES:
		if (value != COMPLIANCE_NAMES_REFUSE && value != COMPLIANCE_NAMES_MERGE)
			return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown names policy %d", value);
		a->names_policy = value;
		return COMPLIANCE_OK;
	case COMPLIANCE_OPT_MAX_ERRORS:
		if (value < 1)
			return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
			                    "max_errors must be 1 or more, not %d", value);
		a->max_errors = (size_t)value;
		return COMPLIANCE_OK;
	default:
		break;
	}
	if (option == COMPLIANCE_OPT_MISSING) {
		if (value != COMPLIANCE_MISSING_ERROR && value != COMPLIANCE_MISSING_EXCLUDE &&
		    value != COMPLIANCE_MISSING_MINIMUM)
			return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown missing-answer policy %d",
			                    value);
		a->missing_policy = value;
		a->computed = 0;
		return COMPLIANCE_OK;
	}
	if (option != COMPLIANCE_OPT_ROLLUP)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown option %d", option);
	if (value == COMPLIANCE_ROLLUP_DEFAULT) {
		a->rollup_option = value;
		return COMPLIANCE_OK;
	}
	if (value != COMPLIANCE_ROLLUP_UNITS && value != COMPLIANCE_ROLLUP_PRODUCTS)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "unknown roll-up %d", value);
	if (!(a->profile->rollup_allowed & (1 << value)))
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "profile %s does not allow the roll-up over %s", a->profile->id,
		                    value == COMPLIANCE_ROLLUP_UNITS ? "units" : "products");
	a->rollup_option = value;
	return COMPLIANCE_OK;
}

static int parse_type(const char *s, size_t len)
{
	int t;
	size_t i;

	for (t = 0; t < CP_NTYPES; t++) {
		const char *n = cp_entity_type_names[t];
		if (strlen(n) != len)
			continue;
		for (i = 0; i < len; i++) {
			char c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != n[i])
				break;
		}
		if (i == len)
			return t;
	}
	return -1;
}

/*
 * A unit's values: one block of room for a value of every node (a node is
 * given at most once, so it never grows) followed by a bitmap of the nodes
 * given, so that a node given twice is found at once whatever the size of
 * the profile.
 */

/*
 * A unit's named products: one block of the products and, once there is
 * room for more than PRODUCT_SCAN_MAX, an index of their names after them
 * (slots: a power of two at least twice the room), rebuilt when the block
 * grows; products leave a unit newest first (a failed batch).
 */
#define PRODUCT_SCAN_MAX 8

static size_t product_slots(uint32_t cap)
{
	size_t size = 16;

	if (cap <= PRODUCT_SCAN_MAX)
		return 0;
	while (size < 2 * (size_t)cap)
		size *= 2;
	return size;
}

static uint32_t *product_index(const cp_unit *u)
{
	return (uint32_t *)(void *)(u->products + u->capproducts);
}

static name_array product_names(const cp_unit *u)
{
	name_array arr;

	arr.base = (const char *)u->products;
	arr.stride = sizeof *u->products;
	arr.offset = offsetof(cp_product, name);
	arr.fold = 0;
	return arr;
}

static size_t find_product(const compliance_assessment *a, const cp_unit *u, const char *name,
                           size_t len)
{
	size_t k, slots = u->products ? product_slots(u->capproducts) : 0;

	if (slots) {
		name_array arr = product_names(u);
		return index_find(product_index(u), slots - 1, &arr, cp_hash(&a->unit_key, name, len),
		                  name, len);
	}
	for (k = 0; k < u->nproducts && u->products; k++)
		if (!strncmp(u->products[k].name, name, len) && u->products[k].name[len] == '\0')
			return k;
	return CP_NONE;
}

/* Room for one more product (and its index, rebuilt). 0 or COMPLIANCE_E_NOMEM. */
static int grow_products(compliance_assessment *a, cp_unit *u)
{
	size_t need = (size_t)u->nproducts + 1, ncap = u->capproducts, slots, k;
	void *p;

	if (need <= ncap)
		return 0;
	if (need >= UINT32_MAX / 4)
		return COMPLIANCE_E_NOMEM;
	if (!ncap)
		ncap = need;
	while (ncap < need)
		ncap += ncap / 4 + 1;
	slots = product_slots((uint32_t)ncap);
	p = cp_realloc(&a->alloc, u->products, ncap * sizeof *u->products + slots * sizeof(uint32_t));
	if (!p)
		return COMPLIANCE_E_NOMEM;
	u->products = p;
	u->capproducts = (uint32_t)ncap;
	if (slots) {
		memset(product_index(u), 0, slots * sizeof(uint32_t));
		for (k = 0; k < u->nproducts; k++)
			index_put(product_index(u), slots - 1,
			          name_hash(&a->unit_key, u->products[k].name, 0), k);
	}
	return 0;
}

/* ---- the journal ------------------------------------------------------------- */

/*
 * A batch (one public add, or one file) is all or nothing. Entities and
 * units it creates come after everything older (in the entities array, in
 * an entity's units), so undoing them is dropping the tail; names go to the
 * pool, rewound to where it stood. What a batch changes in older entities
 * and units (more units or inputs, more values or products) is journaled
 * once per entity or unit and batch: the counts they had before.
 */

/* Notes where the batch began, at its first add. */
static void batch_begin(compliance_assessment *a)
{
	if (!a->journaling || a->mark_batch == a->batch)
		return;
	a->mark_batch = a->batch;
	a->mark_entities = a->nentities;
	a->mark_chunk = a->names.head;
	a->mark_used = a->names.head ? a->names.head->used : 0;
	a->mark_uchunk = a->uarena;
	a->mark_uused = a->uarena ? a->uarena->used : 0;
}

static int journal_push(compliance_assessment *a, uint32_t entity, uint32_t unit,
                        uint32_t count, uint32_t count2)
{
	if (cp_grow(&a->alloc, (void **)&a->undo, &a->capundo, a->nundo + 1, sizeof *a->undo))
		return COMPLIANCE_E_NOMEM;
	a->undo[a->nundo].entity = entity;
	a->undo[a->nundo].unit = unit;
	a->undo[a->nundo].count = count;
	a->undo[a->nundo].count2 = count2;
	a->nundo++;
	return 0;
}

/* Before the batch adds a unit or an input to entity ei. */
static int journal_entity(compliance_assessment *a, size_t ei)
{
	cp_entity *e = &a->entities[ei];

	if (!a->journaling || ei >= a->mark_entities || e->batch == a->batch)
		return 0;
	if (journal_push(a, (uint32_t)ei, CP_UNDO_ENTITY, e->nunits, e->ninputs))
		return COMPLIANCE_E_NOMEM;
	e->batch = a->batch;
	return 0;
}

/* Before the batch adds a value or a product to unit ui of entity ei. */
static int journal_unit(compliance_assessment *a, size_t ei, size_t ui)
{
	cp_unit *u = &a->entities[ei].units[ui];

	if (!a->journaling || u->batch == a->batch)
		return 0;
	if (journal_push(a, (uint32_t)ei, (uint32_t)ui, u->nvalues, u->nproducts))
		return COMPLIANCE_E_NOMEM;
	u->batch = a->batch;
	return 0;
}

static name_array unit_names(const cp_entity *e)
{
	name_array arr;

	arr.base = (const char *)e->units;
	arr.stride = sizeof *e->units;
	arr.offset = offsetof(cp_unit, name);
	arr.fold = 1;
	return arr;
}

/* Drops the units of e from position n on, newest first. */
static void drop_units(compliance_assessment *a, cp_entity *e, size_t n)
{
	while (e->nunits > n) {
		cp_unit *u = &e->units[e->nunits - 1];
		if (e->unit_index)
			index_remove(e->unit_index, e->unit_mask, name_hash(&a->unit_key, u->name, 1),
			             e->nunits - 1);
		free_unit(&a->alloc, u);
		e->nunits--;
	}
}

/* Undoes the batch: the assessment is again exactly as before it. */
static void rollback(compliance_assessment *a)
{
	a->last_batch = 0; /* the entity and unit remembered may be gone */
	a->ent_batch = 0;
	a->computed = a->computed_mark; /* the old results still hold */
	if (a->mark_batch != a->batch) { /* the batch added nothing */
		a->nundo = 0;
		return;
	}
	while (a->nundo > 0) {
		cp_undo *u = &a->undo[--a->nundo];
		cp_entity *e = &a->entities[u->entity];

		if (u->unit == CP_UNDO_ENTITY) {
			drop_units(a, e, u->count);
			e->ninputs = u->count2;
		} else {
			cp_unit *un = &e->units[u->unit];
			while (un->nvalues > u->count)
				cp_unit_pop_value(un);
			while (un->nproducts > u->count2) {
				size_t slots = un->products ? product_slots(un->capproducts) : 0;
				un->nproducts--;
				if (slots)
					index_remove(product_index(un), slots - 1,
					             name_hash(&a->unit_key, un->products[un->nproducts].name, 0),
					             un->nproducts);
			}
		}
	}
	cp_attr_rollback(a);
	while (a->nentities > a->mark_entities) {
		cp_entity *e = &a->entities[a->nentities - 1];
		ent_index_remove(a, a->nentities - 1);
		free_entity(a, e);
		a->nentities--;
	}
	pool_rewind(a, a->mark_chunk, a->mark_used);
	uarena_rewind(a, a->mark_uchunk, a->mark_uused);
	a->mark_batch = a->batch - 1; /* nothing left to undo */
}

void cp_assessment_rollback(compliance_assessment *a)
{
	rollback(a);
}

/* ---- entities and units ---------------------------------------------------------- */

/* " at line N", or "" when the line is not known (0). */
static const char *at_line(char *buf, size_t line)
{
	if (!line)
		return "";
	snprintf(buf, 48, " at line %zu", line);
	return buf;
}

/* Whether `given`, its spaces normalised, is the stored name `stored`
 * (itself normalised) whatever its ASCII case: the feeds of SKM surveys
 * keep the names as the caller gave them. */
static int same_name(const char *stored, const char *given)
{
	char buf[1024];
	size_t len = strlen(given);

	if (len > sizeof buf)
		return !strcmp(stored, given);
	return same_folded(stored, buf, cp_text_squeeze(given, len, buf));
}

/* Whether cp_text_squeeze() leaves s[0..len) as it is: no space at either
 * end, no two in a row, no no-break space (no byte 0xC2 at all). */
static int plain_name(const char *s, size_t len)
{
	size_t i;

	if (!len || s[0] == ' ' || s[len - 1] == ' ')
		return 0;
	for (i = 0; i + 1 < len; i++)
		if ((unsigned char)s[i] == 0xC2 || (s[i] == ' ' && s[i + 1] == ' '))
			return 0;
	return (unsigned char)s[len - 1] != 0xC2;
}

/* Normalises the entity's and the unit's names (cp_text_squeeze()) into the
 * assessment's scratch buffer, valid until the next call (a name that is
 * already normal is left where it is). 0 or COMPLIANCE_E_NOMEM. */
static int normalise_names(compliance_assessment *a, const char **entity, size_t *entity_len,
                           const char **unit, size_t *unit_len)
{
	size_t need = *entity_len + *unit_len + 2;

	if (need < *entity_len || cp_grow(&a->alloc, (void **)&a->namebuf, &a->namecap, need, 1))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	if (a->no_last || !plain_name(*entity, *entity_len)) {
		*entity_len = cp_text_squeeze(*entity, *entity_len, a->namebuf);
		*entity = a->namebuf;
	}
	if (*unit && (a->no_last || !plain_name(*unit, *unit_len))) {
		char *u = a->namebuf + *entity_len + 1;
		*unit_len = cp_text_squeeze(*unit, *unit_len, u);
		*unit = u;
	}
	return 0;
}

size_t cp_assessment_find_entity(const compliance_assessment *a, const char *name, size_t len)
{
	if (!a->entity_index)
		return CP_NONE;
	return ent_index_find(a, fold_hash(&a->entity_key, name, len), name, len);
}

/* Checks the names and finds or creates the entity; 0 or an error. */
static int get_entity(compliance_assessment *a, const char *entity, size_t entity_len,
                      const char *type, size_t type_len, size_t *out, const char **field)
{
	char q[64];
	size_t ei;
	int t;
	cp_entity *e;

	*field = "entity";
	if (!entity_len)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the entity name is empty");
	*field = "entity_type";
	t = parse_type(type, type_len);
	if (t < 0) {
		cp_quote(q, sizeof q, type, type_len);
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "unknown entity type %s: expected kementerian, lembaga, "
		                    "provinsi, kota or kabupaten", q);
	}
	batch_begin(a);
	ei = cp_assessment_find_entity(a, entity, entity_len);
	if (ei == CP_NONE) {
		*field = "entity";
		if (!cp_utf8_valid(entity, entity_len))
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "the entity name is not valid UTF-8 text");
		if (a->nentities >= UINT32_MAX - 1 ||
		    cp_grow(&a->alloc, (void **)&a->entities, &a->capentities, a->nentities + 1,
		            sizeof *a->entities))
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		if (ent_index_reserve(a, a->nentities, a->nentities + 1))
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		e = &a->entities[a->nentities];
		memset(e, 0, sizeof *e);
		e->name = pool_name(a, entity, entity_len);
		if (!e->name)
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		e->type = (uint16_t)t;
		e->batch = a->batch;
		ent_index_put(a->entity_index, a->entity_mask,
		              fold_hash(&a->entity_key, entity, entity_len), a->nentities);
		ei = a->nentities++;
	}
	e = &a->entities[ei];
	if (strncmp(e->name, entity, entity_len) || e->name[entity_len]) {
		/* the same name but for the case of its letters */
		char at[2][48];
		if (a->names_policy != COMPLIANCE_NAMES_MERGE) {
			*field = "entity";
			cp_quote(q, sizeof q, entity, entity_len);
			return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
			                    "entity %s%s differs only in case from '%.200s'%s: write the "
			                    "name the same way everywhere, or read them as one entity "
			                    "(the first spelling kept) with --names merge "
			                    "(COMPLIANCE_OPT_NAMES)", q, at_line(at[0], a->cur_line),
			                    e->name, at_line(at[1], name_line(e->name)));
		}
	}
	if (e->type != t) {
		*field = "entity_type";
		return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
		                    "entity '%.200s' was already given as %s, not %s", e->name,
		                    cp_entity_type_names[e->type], cp_entity_type_names[t]);
	}
	a->last_entity = ei;
	*out = ei;
	return 0;
}

/* Units an entity holds before its units get an index of their own. */
#define UNIT_SCAN_MAX 8

static size_t find_unit(const compliance_assessment *a, const cp_entity *e, const char *unit,
                        size_t len)
{
	size_t ui;

	if (e->unit_index) {
		name_array arr = unit_names(e);
		size_t mask = e->unit_mask;
		return index_find(e->unit_index, mask, &arr, fold_hash(&a->unit_key, unit, len), unit,
		                  len);
	}
	for (ui = 0; ui < e->nunits; ui++)
		if (same_folded(e->units[ui].name, unit, len))
			return ui;
	return CP_NONE;
}

/* Checks the unit's name and finds or creates it; *created tells which. */
static int get_unit(compliance_assessment *a, size_t ei, const char *unit, size_t unit_len,
                    size_t *out, int *created, const char **field)
{
	cp_entity *e = &a->entities[ei];
	cp_unit *u;
	size_t ui;
	uint64_t h = 0;
	int hashed = 0;

	*field = "unit";
	*created = 0;
	if (!unit_len)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the unit name is empty");
	if (e->unit_index) {
		/* find_unit(), the hash kept for the new unit's slot */
		name_array arr = unit_names(e);
		h = fold_hash(&a->unit_key, unit, unit_len);
		hashed = 1;
		ui = index_find(e->unit_index, e->unit_mask, &arr, h, unit, unit_len);
	} else {
		ui = find_unit(a, e, unit, unit_len);
	}
	if (ui != CP_NONE) {
		const char *have = e->units[ui].name;
		if ((strncmp(have, unit, unit_len) || have[unit_len]) &&
		    a->names_policy != COMPLIANCE_NAMES_MERGE) {
			char q[64], at[2][48];
			cp_quote(q, sizeof q, unit, unit_len);
			return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
			                    "unit %s%s of entity '%.200s' differs only in case from "
			                    "'%.200s'%s: write the name the same way everywhere, or read "
			                    "them as one unit (the first spelling kept) with --names merge "
			                    "(COMPLIANCE_OPT_NAMES)", q, at_line(at[0], a->cur_line),
			                    e->name, have, at_line(at[1], name_line(have)));
		}
		*out = ui;
		return 0;
	}
	if (!cp_utf8_valid(unit, unit_len))
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the unit name is not valid UTF-8 text");
	if (journal_entity(a, ei) || unit_room(a, ei))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	if ((e->unit_index || e->nunits + 1 > UNIT_SCAN_MAX) &&
	    unit_index_reserve(a, e, e->nunits, (size_t)e->nunits + 1))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	u = &e->units[e->nunits];
	memset(u, 0, sizeof *u);
	u->name = pool_name(a, unit, unit_len);
	if (!u->name)
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	u->batch = a->batch;
	if (e->unit_index)
		index_put(e->unit_index, e->unit_mask,
		          hashed ? h : fold_hash(&a->unit_key, unit, unit_len), e->nunits);
	*out = e->nunits++;
	*created = 1;
	return 0;
}

/* Adds an entity-level input (its name checked by the caller). */
static int push_input(compliance_assessment *a, size_t ei, const char *id, size_t id_len,
                      int value)
{
	cp_entity *e = &a->entities[ei];
	const char *name;

	if (journal_entity(a, ei) ||
	    grow32(&a->alloc, (void **)&e->inputs, &e->capinputs, (size_t)e->ninputs + 1,
	           sizeof *e->inputs) ||
	    !(name = pool_strndup(a, id, id_len)))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	e->inputs[e->ninputs].name = name;
	e->inputs[e->ninputs].value = value;
	e->ninputs++;
	a->computed = 0;
	return 0;
}

/* Adds a value of the indicator tree to a unit (checked by the caller). */
static int push_value(compliance_assessment *a, size_t ei, size_t ui, size_t node, cnum v)
{
	cp_unit *u = &a->entities[ei].units[ui];
	size_t nnodes = a->profile->nnodes;

	int rc;

	if (node >= nnodes || nnodes > CP_VALUE_NODE_MAX)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "node %zu is not in the profile",
		                    node);
	if (journal_unit(a, ei, ui))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	if ((rc = cp_unit_push_value(&a->alloc, u, nnodes, node, v)))
		return cp_error_set(&a->err, rc, rc == COMPLIANCE_E_NOMEM ? "out of memory"
		                                                          : "node %zu cannot be held",
		                    node);
	a->computed = 0;
	return 0;
}

/*
 * A plain decimal score (issue 13): digits with at most one '.', at least
 * one digit, at most 18 of them after leading zeros and at most 18 after
 * the point, no sign: the value
 * n / 10^k in lowest terms (what cnum_parse() makes of it, without 128-bit
 * gcds: 10^k has no prime factors but 2 and 5). 1 with *v set, or 0 when
 * the text is anything else (cnum_parse() then reads it and says why).
 * Checked against cnum_parse() by tests/unit/test_internal_csv_fast.c.
 */
static int plain_score(const char *s, size_t len, cnum *v)
{
	uint64_t n = 0, d = 1;
	size_t i, digits = 0, k = 0;
	int point = 0, any = 0;

	for (i = 0; i < len; i++) {
		unsigned c = (unsigned char)s[i];
		if (c - '0' < 10) {
			any = 1;
			if (n || c != '0')
				digits++;
			if (digits > 18)
				return 0;
			n = n * 10 + (c - '0');
			k += (size_t)point;
		} else if (c == '.' && !point) {
			point = 1;
		} else {
			return 0;
		}
	}
	if (!any || k > 18)
		return 0;
	if (!n) {
		*v = cnum_int(0);
		return 1;
	}
	while (k && n % 10 == 0) {
		n /= 10;
		k--;
	}
	/* n is not divisible by 10: cancel the 2s or the 5s of 10^k */
	{
		size_t twos = k, fives = k;
		while (twos && !(n & 1)) {
			n >>= 1;
			twos--;
		}
		while (fives && n % 5 == 0) {
			n /= 5;
			fives--;
		}
		while (twos--)
			d *= 2;
		while (fives--)
			d *= 5;
	}
	v->n = (cint)n;
	v->d = (cint)d;
	return 1;
}

/* Parses a score on the profile's scale. */
static int parse_score(compliance_assessment *a, const char *score, size_t score_len, cnum *v)
{
	compliance_profile *p = a->profile;
	const char *why;
	char q[64];
	int rc, out;

	if (!a->no_last && plain_score(score, score_len, v)) {
		/* within a scale of whole numbers: min * d <= n <= max * d (what
		 * cnum_cmp() finds; no overflow: n, d < 10^18, the ends whole
		 * numbers of the profile's scale) */
		if (p->scale_min.d == 1 && p->scale_max.d == 1 && p->scale_min.n > -((cint)1 << 60) &&
		    p->scale_max.n < ((cint)1 << 60))
			out = v->n < p->scale_min.n * v->d || v->n > p->scale_max.n * v->d;
		else
			out = cp_profile_in_scale(p, *v) != 0;
		if (!out)
			return 0;
		rc = 0;
	} else {
		rc = cnum_parse(v, score, score_len, &why);
		out = !rc && cp_profile_in_scale(p, *v);
	}
	if (rc || out)
		cp_quote(q, sizeof q, score, score_len);
	if (rc == COMPLIANCE_E_OVERFLOW)
		return cp_error_set(&a->err, rc, "score %s has %s", q, why);
	if (rc)
		return cp_error_set(&a->err, rc, "expected a score from %s to %s such as 82.70, found "
		                    "%s (%s)", p->scale_min_text, p->scale_max_text, q, why);
	if (out)
		return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
		                    "score %s is outside the scale of %s: expected %s to %s", q, p->id,
		                    p->scale_min_text, p->scale_max_text);
	return 0;
}

static int add_normalised(compliance_assessment *a, const char *entity, size_t entity_len,
                          const char *type, size_t type_len, const char *unit, size_t unit_len,
                          const char *product, size_t product_len, const char *score,
                          size_t score_len, const char **field, size_t known);

/*
 * The entity of the last row of unit scores (issue 13): when a row gives
 * the same bytes of entity and type as the last row of unit scores that was
 * added in the same batch, get_entity() would find and check what it found
 * then, so it is not asked again. Checked against the lookups by
 * tests/unit/test_internal_csv_fast.c.
 */
static int ent_hit(const compliance_assessment *a, const char *entity, size_t entity_len,
                   const char *type, size_t type_len)
{
	return a->ent_batch && a->ent_batch == a->batch && a->journaling && !a->no_last &&
	       a->ent_elen == entity_len && a->ent_tlen == type_len &&
	       !memcmp(a->ent_raw, entity, entity_len) &&
	       !memcmp(a->ent_raw + entity_len, type, type_len);
}

/* 0, or COMPLIANCE_E_NOMEM (set on a->err). */
static int ent_keep(compliance_assessment *a, const char *entity, size_t entity_len,
                    const char *type, size_t type_len, size_t ei)
{
	size_t need = entity_len + type_len;

	a->ent_batch = 0;
	if (!a->journaling || need < entity_len)
		return 0; /* not remembered: the next row looks up again */
	if (need > a->ent_cap && cp_grow(&a->alloc, (void **)&a->ent_raw, &a->ent_cap, need, 1))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	memcpy(a->ent_raw, entity, entity_len);
	memcpy(a->ent_raw + entity_len, type, type_len);
	a->ent_elen = entity_len;
	a->ent_tlen = type_len;
	a->ent_ei = ei;
	a->ent_batch = a->batch;
	return 0;
}

int cp_assessment_add(compliance_assessment *a, const char *entity, size_t entity_len,
                      const char *type, size_t type_len, const char *unit, size_t unit_len,
                      const char *product, size_t product_len, const char *score,
                      size_t score_len, const char **field)
{
	const char *raw_entity = entity;
	size_t raw_entity_len = entity_len;
	size_t known = !product && ent_hit(a, entity, entity_len, type, type_len) ? a->ent_ei
	                                                                           : CP_NONE;
	int rc;

	*field = "entity";
	if (normalise_names(a, &entity, &entity_len, &unit, &unit_len))
		return COMPLIANCE_E_NOMEM;
	rc = add_normalised(a, entity, entity_len, type, type_len, unit, unit_len, product,
	                    product_len, score, score_len, field, known);
	if (!rc && !product && known == CP_NONE)
		rc = ent_keep(a, raw_entity, raw_entity_len, type, type_len, a->last_entity);
	return rc;
}

/* known: the entity when the caller knows it (ent_hit()), else CP_NONE. */
static int add_normalised(compliance_assessment *a, const char *entity, size_t entity_len,
                          const char *type, size_t type_len, const char *unit, size_t unit_len,
                          const char *product, size_t product_len, const char *score,
                          size_t score_len, const char **field, size_t known)
{
	size_t ei, ui, k;
	cp_entity *e;
	cp_unit *u;
	cp_product *pr;
	cnum v;
	int rc, created;

	/* validate every field before anything is created (a known entity's
	 * name and type were checked when it was found) */
	*field = "entity";
	if (known == CP_NONE && !entity_len)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the entity name is empty");
	*field = "entity_type";
	if (known == CP_NONE && parse_type(type, type_len) < 0)
		return get_entity(a, entity, entity_len, type, type_len, &ei, field);
	*field = "unit";
	if (!unit_len)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the unit name is empty");
	if (product) {
		*field = "product";
		if (!product_len)
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the product name is empty");
		if (!cp_utf8_valid(product, product_len))
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "the product name is not valid UTF-8 text");
	}
	*field = "score";
	if ((rc = parse_score(a, score, score_len, &v)))
		return rc;
	if (known != CP_NONE) {
		ei = known;
		a->last_entity = ei; /* what get_entity() sets: the row's kept columns go to it */
	} else if ((rc = get_entity(a, entity, entity_len, type, type_len, &ei, field))) {
		return rc;
	}
	if ((rc = get_unit(a, ei, unit, unit_len, &ui, &created, field)))
		return rc;
	e = &a->entities[ei];
	u = &e->units[ui];
	if (!created) {
		if (u->nvalues)
			return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
			                    "unit '%.200s' of entity '%.200s' already has indicator values: "
			                    "give either its score or its values", u->name, e->name);
		if (!product || (u->nproducts && !u->products))
			return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
			                    "unit '%.200s' of entity '%.200s' is listed twice", u->name,
			                    e->name);
	}
	if (!product) {
		/* scored directly: the score is held inline */
		u->exact = v;
		u->nproducts = 1;
		a->computed = 0;
		return COMPLIANCE_OK;
	}
	*field = "product";
	k = find_product(a, u, product, product_len);
	if (k != CP_NONE)
		return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
		                    "product '%.200s' of unit '%.200s' of entity '%.200s' is "
		                    "listed twice", u->products[k].name, u->name, e->name);
	if (journal_unit(a, ei, ui) || grow_products(a, u))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	pr = &u->products[u->nproducts];
	pr->name = pool_strndup(a, product, product_len);
	if (!pr->name)
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	pr->score = v;
	if (product_slots(u->capproducts))
		index_put(product_index(u), product_slots(u->capproducts) - 1,
		          cp_hash(&a->unit_key, product, product_len), u->nproducts);
	u->nproducts++;
	a->computed = 0;
	return COMPLIANCE_OK;
}

/* Whether s[0..len), its spaces squeezed, is `word` whatever its ASCII case. */
static int is_word(const char *s, size_t len, const char *word)
{
	char buf[512];
	size_t n;

	if (len > sizeof buf)
		return 0;
	n = cp_text_squeeze(s, len, buf);
	return same_folded(word, buf, n);
}

static int parse_yes_no(const char *s, size_t len)
{
	static const char *const yes[] = { "1", "yes", "ya", "true", "y", "ada" };
	static const char *const no[] = { "0", "no", "tidak", "false", "n", "tidak ada" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (is_word(s, len, yes[i]))
			return 1;
		if (is_word(s, len, no[i]))
			return 0;
	}
	return -1;
}

/* The level whose label (the profile's `labels` of the node's scale) is
 * s[0..len), matched whatever its case and spacing; -1 when none. */
static long level_of_label(const cp_node *nd, const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < nd->nlabels; k++)
		if (nd->labels[k][0] && is_word(s, len, nd->labels[k]))
			return (long)k;
	return -1;
}

/* Whether text[0..len) is the reserved form `form`. */
static int cp_is_form(const char *text, size_t len, const char *form)
{
	return len == strlen(form) && !memcmp(text, form, len);
}

/*
 * The entity and unit of the last add of values (issue 13): when a row
 * gives the same bytes of entity, type and unit as the row before it in
 * the same batch, get_entity() and get_unit() would find what they found
 * then, so they are not asked again. Checked against the lookups by
 * tests/unit/test_internal_csv_fast.c.
 */
static int last_hit(const compliance_assessment *a, const char *entity, size_t entity_len,
                    const char *type, size_t type_len, const char *unit, size_t unit_len)
{
	const char *r = a->last_raw;

	return a->last_batch && a->last_batch == a->batch && a->journaling && !a->no_last &&
	       a->last_elen == entity_len && a->last_tlen == type_len && a->last_ulen == unit_len &&
	       !memcmp(r, entity, entity_len) && !memcmp(r + entity_len, type, type_len) &&
	       !memcmp(r + entity_len + type_len, unit, unit_len);
}

/* 0, or COMPLIANCE_E_NOMEM (set on a->err: an allocation that fails is
 * reported, never passed over). */
static int last_keep(compliance_assessment *a, const char *entity, size_t entity_len,
                     const char *type, size_t type_len, const char *unit, size_t unit_len,
                     size_t ei, size_t ui)
{
	size_t need = entity_len + type_len + unit_len;

	a->last_batch = 0;
	if (!a->journaling || need < entity_len || need < unit_len)
		return 0; /* not remembered: the next row looks up again */
	if (need > a->last_cap && cp_grow(&a->alloc, (void **)&a->last_raw, &a->last_cap, need, 1))
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	memcpy(a->last_raw, entity, entity_len);
	memcpy(a->last_raw + entity_len, type, type_len);
	memcpy(a->last_raw + entity_len + type_len, unit, unit_len);
	a->last_elen = entity_len;
	a->last_tlen = type_len;
	a->last_ulen = unit_len;
	a->last_ei = ei;
	a->last_ui = ui;
	a->last_batch = a->batch;
	return 0;
}

/* The node of id: rows of a unit give its indicators mostly in the
 * profile's order, so the node after the last one found is tried first,
 * matched as cp_profile_find_node() matches (cp_text_is(): the id
 * exactly, so an id holding a NUL byte matches none; node ids are unique). */
static size_t find_node(compliance_assessment *a, const char *id, size_t id_len)
{
	const compliance_profile *p = a->profile;
	size_t k = a->last_node + 1, node;

	if (!a->no_last && k < p->nnodes) {
		const char *cand = p->nodes[k].text[COMPLIANCE_NODE_ID];
		if (cand && cp_text_is(cand, id, id_len)) {
			a->last_node = k;
			return k;
		}
	}
	node = cp_profile_find_node(p, id, id_len);
	if (node != CP_NONE)
		a->last_node = node;
	return node;
}

int cp_assessment_add_value(compliance_assessment *a, const char *entity, size_t entity_len,
                            const char *type, size_t type_len, const char *unit,
                            size_t unit_len, const char *id, size_t id_len, const char *value,
                            size_t value_len, const char **field)
{
	compliance_profile *p = a->profile;
	size_t ei, ui, node = CP_NONE, k;
	cp_entity *e;
	cp_unit *u;
	cnum v;
	char q[64], qid[64];
	const char *why;
	const char *raw_entity = entity, *raw_unit = unit;
	size_t raw_entity_len = entity_len, raw_unit_len = unit_len;
	int rc, created, hit;

#define QUOTES() (cp_quote(qid, sizeof qid, id, id_len), cp_quote(q, sizeof q, value, value_len))
	*field = "entity";
	/* The same entity, type and unit, byte for byte, as the last row that
	 * reached its unit: its names were normalised, checked and found then
	 * (the unit not empty, not reserved), so they are neither normalised
	 * nor checked again (but for a unit's own score, which goes its own
	 * way with the normalised names). */
	hit = last_hit(a, entity, entity_len, type, type_len, unit, unit_len) &&
	      !cp_is_form(id, id_len, COMPLIANCE_INDICATOR_SCORE);
	if (!hit && normalise_names(a, &entity, &entity_len, &unit, &unit_len))
		return COMPLIANCE_E_NOMEM;
	/* Reserved forms start with '@', which no node id may contain: unit
	 * "@entity" is an entity-level input, indicator "@score" the unit's own
	 * score (docs/input-format.md). */
	if (!hit && !unit_len) {
		*field = "unit";
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "the unit name is empty: name the unit, or write %s for an "
		                    "entity-level input", COMPLIANCE_UNIT_ENTITY);
	}
	if (!hit && unit[0] == '@' && !cp_is_form(unit, unit_len, COMPLIANCE_UNIT_ENTITY)) {
		*field = "unit";
		cp_quote(q, sizeof q, unit, unit_len);
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "unit %s: a unit name starting with '@' is reserved (%s is the only "
		                    "one: an entity-level input)", q, COMPLIANCE_UNIT_ENTITY);
	}
	if (id_len && id[0] == '@' && !cp_is_form(id, id_len, COMPLIANCE_INDICATOR_SCORE)) {
		*field = "indicator";
		cp_quote(qid, sizeof qid, id, id_len);
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "%s: an indicator starting with '@' is reserved (%s is the only one: "
		                    "the unit's own score)", qid, COMPLIANCE_INDICATOR_SCORE);
	}
	if (!hit && cp_is_form(unit, unit_len, COMPLIANCE_UNIT_ENTITY)) {
		/* an entity-level yes/no input: a qualifier's input or a flag */
		int known = 0, yn;
		*field = "indicator";
		for (k = 0; k < p->nqualifiers; k++)
			if (strlen(p->qualifiers[k].input) == id_len &&
			    !memcmp(p->qualifiers[k].input, id, id_len))
				known = 1;
		for (k = 0; k < p->nflags; k++)
			if (strlen(p->flags[k].id) == id_len && !memcmp(p->flags[k].id, id, id_len))
				known = 1;
		if (!known && (QUOTES(), 1))
			return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
			                    "%s is not an entity-level input of %s (with unit %s, name a "
			                    "qualifier's input or a flag)", qid, p->id, COMPLIANCE_UNIT_ENTITY);
		*field = "value";
		yn = parse_yes_no(value, value_len);
		if (yn < 0 && (QUOTES(), 1))
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "expected yes or no (ya/tidak, 1/0), found %s", q);
		if ((rc = get_entity(a, entity, entity_len, type, type_len, &ei, field)))
			return rc;
		e = &a->entities[ei];
		for (k = 0; k < e->ninputs; k++)
			if (!strncmp(e->inputs[k].name, id, id_len) && e->inputs[k].name[id_len] == '\0') {
				*field = "indicator";
				QUOTES();
				return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
				                    "%s of entity '%.200s' is given twice", qid, e->name);
			}
		return push_input(a, ei, id, id_len, yn);
	}
	if (cp_is_form(id, id_len, COMPLIANCE_INDICATOR_SCORE)) {
		*field = "value";
		return add_normalised(a, entity, entity_len, type, type_len, unit, unit_len, NULL, 0,
		                      value, value_len, field, CP_NONE);
	}
	*field = "indicator";
	node = find_node(a, id, id_len);
	if (node == CP_NONE && (QUOTES(), 1))
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "%s is not a node of profile %s (see compliance profile show %s)",
		                    qid, p->id, p->id);
	*field = "value";
	{
		const cp_node *nd = &p->nodes[node];
		int yes_no = nd->has_scale && nd->min.n == 0 && nd->min.d == 1 && nd->max.n == 1 &&
		             nd->max.d == 1;
		long level = nd->has_scale ? level_of_label(nd, value, value_len) : -1;
		int yn = yes_no ? parse_yes_no(value, value_len) : -1;

		if (level >= 0) {
			/* a level named by its label: min + its position */
			if (cnum_add(&v, nd->min, cnum_int(level)))
				return cp_error_set(&a->err, COMPLIANCE_E_OVERFLOW, "level out of range");
		} else if (yn >= 0) {
			v = cnum_int(yn);
		} else if (yes_no) {
			QUOTES();
			return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
			                    "expected ya or tidak for %s, a yes-no indicator (also "
			                    "ada/tidak ada, yes/no, 1/0), found %s", qid, q);
		} else if (value_len == 1 && value[0] >= '0' && value[0] <= '9' && !a->no_last) {
			v = cnum_int(value[0] - '0'); /* what cnum_parse() makes of one digit */
		} else {
			rc = cnum_parse(&v, value, value_len, &why);
			if (rc && (QUOTES(), 1)) {
				if (nd->nlabels)
					return cp_error_set(&a->err, rc,
					                    "expected a level of %s from %s to %s or its label "
					                    "('%.60s' ... '%.60s'), found %s (%s)", qid,
					                    nd->text[COMPLIANCE_NODE_SCALE_MIN],
					                    nd->text[COMPLIANCE_NODE_SCALE_MAX], nd->labels[0],
					                    nd->labels[nd->nlabels - 1], q, why);
				return cp_error_set(&a->err, rc, "expected a number for %s, found %s (%s)", qid,
				                    q, why);
			}
		}
	}
	if (p->nodes[node].has_scale) {
		const cp_node *nd = &p->nodes[node];
		/* whole numbers compare as integers (what cnum_cmp() finds) */
		int out = v.d == 1 && nd->min.d == 1 && nd->max.d == 1 && !a->no_last
		                  ? v.n < nd->min.n || v.n > nd->max.n
		                  : cnum_cmp(v, nd->min) < 0 || cnum_cmp(v, nd->max) > 0;
		if (out && (QUOTES(), 1))
			return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
			                    "answer %s to %s is outside its scale %s to %s", q, qid,
			                    p->nodes[node].text[COMPLIANCE_NODE_SCALE_MIN],
			                    p->nodes[node].text[COMPLIANCE_NODE_SCALE_MAX]);
		/* a scale whose levels are named has whole levels only */
		if (p->nodes[node].nlabels && v.d != 1 && (QUOTES(), 1))
			return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
			                    "answer %s to %s is not a whole level: its scale has the "
			                    "levels %s to %s (%s ... %s)", q, qid,
			                    p->nodes[node].text[COMPLIANCE_NODE_SCALE_MIN],
			                    p->nodes[node].text[COMPLIANCE_NODE_SCALE_MAX],
			                    p->nodes[node].labels[0],
			                    p->nodes[node].labels[p->nodes[node].nlabels - 1]);
	} else if (cp_profile_in_scale(p, v)) {
		QUOTES();
		return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
		                    "score %s for node %s is outside the scale %s to %s", q, qid,
		                    p->scale_min_text, p->scale_max_text);
	}
	if (hit) {
		ei = a->last_ei;
		ui = a->last_ui;
		a->last_entity = ei; /* what get_entity() sets: the row's kept columns go to it */
	} else {
		if ((rc = get_entity(a, entity, entity_len, type, type_len, &ei, field)) ||
		    (rc = get_unit(a, ei, unit, unit_len, &ui, &created, field)))
			return rc;
		if ((rc = last_keep(a, raw_entity, raw_entity_len, type, type_len, raw_unit,
		                    raw_unit_len, ei, ui)))
			return rc;
	}
	e = &a->entities[ei];
	u = &e->units[ui];
	if (u->nproducts) {
		*field = "indicator";
		return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
		                    "unit '%.200s' of entity '%.200s' already has a score: give either "
		                    "its score or its values", u->name, e->name);
	}
	if (cp_unit_has_value(u, node)) {
			*field = "indicator";
			QUOTES();
			return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
			                    "%s of unit '%.200s' of entity '%.200s' is given twice", qid,
			                    u->name, e->name);
		}
	return push_value(a, ei, ui, node, v);
#undef QUOTES
}

/* Runs one public add inside a journal, so that a failure leaves nothing. */
static int add_one(compliance_assessment *a, const char *entity, const char *type,
                   const char *unit, const char *product, const char *score)
{
	const char *field;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!entity || !type || !unit || !score)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "entity, entity_type, unit and score must not be NULL");
	a->journaling = 1;
	a->computed_mark = a->computed;
	a->batch++;
	a->nundo = 0;
	rc = cp_assessment_add(a, entity, strlen(entity), type, strlen(type), unit, strlen(unit),
	                       product, product ? strlen(product) : 0, score, strlen(score),
	                       &field);
	if (rc)
		rollback(a);
	a->journaling = 0;
	a->nundo = 0;
	return rc;
}

int compliance_assessment_add_unit_score(compliance_assessment *a, const char *entity,
                                         const char *entity_type, const char *unit,
                                         const char *score)
{
	return add_one(a, entity, entity_type, unit, NULL, score);
}

int compliance_assessment_add_product_score(compliance_assessment *a, const char *entity,
                                            const char *entity_type, const char *unit,
                                            const char *product, const char *score)
{
	if (a && !product) {
		cp_error_clear(&a->err);
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "product must not be NULL");
	}
	return add_one(a, entity, entity_type, unit, product, score);
}

int compliance_assessment_add_value(compliance_assessment *a, const char *entity,
                                    const char *entity_type, const char *unit, const char *id,
                                    const char *value)
{
	const char *field;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!entity || !entity_type || !unit || !id || !value)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "entity, entity_type, unit, id and value must not be NULL");
	a->journaling = 1;
	a->computed_mark = a->computed;
	a->batch++;
	a->nundo = 0;
	rc = cp_assessment_add_value(a, entity, strlen(entity), entity_type, strlen(entity_type), unit,
	                             strlen(unit), id, strlen(id), value, strlen(value), &field);
	if (rc)
		rollback(a);
	a->journaling = 0;
	a->nundo = 0;
	return rc;
}
