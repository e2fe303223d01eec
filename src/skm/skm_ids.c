/* The respondent ids of a survey; see skm_ids.h. */
#include <string.h>

#include "skm/skm_ids.h"

/* A slot of a table of nslots = 2^b slots: 0 empty, else the id's index
 * + 1 in its low b bits and the high 32 - b bits of the id's hash above
 * (the tag: the low b bits place it). The index fits: at most 3/4 of the
 * slots are taken. */
#define SLOT_INDEX(s, v) ((size_t)((v) & (uint32_t)((s)->nslots - 1)) - 1)
#define SLOT_TAG_OK(s, v, h) ((((v) ^ (h)) & ~(uint32_t)((s)->nslots - 1)) == 0)
#define SLOT(s, h, i) (((h) & ~(uint32_t)((s)->nslots - 1)) | (uint32_t)((i) + 1))

void cp_ids_init(cp_ids *s)
{
	memset(s, 0, sizeof *s);
	cp_hash_key_init(&s->key);
}

void cp_ids_free(cp_ids *s, const cp_alloc *al)
{
	cp_free(al, s->bytes_raw);
	cp_free(al, s->ends_raw);
	cp_free(al, s->slots_raw);
	memset(s, 0, sizeof *s);
}

/*
 * The big blocks (issue 13). A block of BIG_BLOCK bytes or more is
 * allocated HUGE_PAGE bytes larger, used from its first HUGE_PAGE
 * boundary, and that part (memory the set owns whatever the allocator)
 * marked for transparent huge pages: the kernel then faults it in 2 MiB
 * at a time, not 4 KiB, and the random probes of the table miss the TLB
 * far less. The size is rounded up to whole huge pages (a 4 KiB tail
 * would fault page by page): at most 2 MiB more memory a block. The
 * untouched slack before the boundary costs address space, not memory. Smaller blocks are the allocator's, as they come.
 */
#define HUGE_PAGE CP_HUGE_PAGE
#define BIG_BLOCK ((size_t)4 << 20)

/* size bytes (not zeroed); *raw what to free; NULL when out of memory. */
static void *big_alloc(const cp_alloc *al, size_t size, void **raw)
{
	if (size < BIG_BLOCK) {
		*raw = cp_malloc(al, size);
		return *raw;
	}
	if (size > SIZE_MAX - 2 * HUGE_PAGE)
		return NULL;
	size = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1); /* no 4 KiB pages at the end */
	if (!(*raw = cp_malloc(al, size + HUGE_PAGE)))
		return NULL;
	return cp_huge_start(*raw, size);
}

/* Makes *p (from big_alloc(), or NULL) a block of size bytes keeping its
 * first `keep`; 0 or COMPLIANCE_E_NOMEM (*p unchanged). */
static int big_resize(const cp_alloc *al, void **p, void **raw, size_t keep, size_t size)
{
	void *q, *nraw;

	if (size < BIG_BLOCK && *p == *raw) {
		q = cp_realloc(al, *raw, size);
		if (!q)
			return COMPLIANCE_E_NOMEM;
		*p = *raw = q;
		return 0;
	}
	q = big_alloc(al, size, &nraw);
	if (!q)
		return COMPLIANCE_E_NOMEM;
	if (keep)
		memcpy(q, *p, keep);
	cp_free(al, *raw);
	*p = q;
	*raw = nraw;
	return 0;
}

static size_t id_start(const cp_ids *s, size_t i)
{
	return i ? (size_t)s->ends[i - 1] : 0;
}

static int same(const cp_ids *s, size_t i, const char *id, size_t len)
{
	size_t a = id_start(s, i);

	return (size_t)s->ends[i] - a == len && !memcmp(s->bytes + a, id, len);
}

/* The slot holding the id, or the empty slot where it would go. */
static size_t probe(const cp_ids *s, const char *id, size_t len, uint32_t h)
{
	size_t mask = s->nslots - 1, i = h & mask;

	while (s->slots[i]) {
		uint32_t v = s->slots[i];
		if (SLOT_TAG_OK(s, v, h) && same(s, SLOT_INDEX(s, v), id, len))
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

/* The hash of id i. */
static uint32_t id_hash(const cp_ids *s, size_t i)
{
	size_t a = id_start(s, i);

	return (uint32_t)cp_hash(&s->key, s->bytes + a, (size_t)s->ends[i] - a);
}

/* Puts ids 0 .. n-1 into the (empty) table: they are all different. */
static void fill_table(cp_ids *s, size_t n)
{
	size_t mask = s->nslots - 1, i;

	for (i = 0; i < n; i++) {
		uint32_t h = id_hash(s, i);
		size_t j = h & mask;
		while (s->slots[j])
			j = (j + 1) & mask;
		s->slots[j] = SLOT(s, h, i);
	}
}

int cp_ids_contains(const cp_ids *s, const char *id, size_t len)
{
	if (!s->n)
		return 0;
	return s->slots[probe(s, id, len, (uint32_t)cp_hash(&s->key, id, len))] != 0;
}

/* Grows an array of `used` elements to hold `need` by half again its
 * size (not double, to keep the slack small); 0 or COMPLIANCE_E_NOMEM. */
static int grow(const cp_alloc *al, void **arr, void **raw, size_t *cap, size_t used,
                size_t need, size_t elem)
{
	size_t n = *cap;

	if (need <= n)
		return 0;
	n = n + n / 2 + 64;
	if (n < need)
		n = need;
	if (n > SIZE_MAX / elem || big_resize(al, arr, raw, used * elem, n * elem))
		return COMPLIANCE_E_NOMEM;
	*cap = n;
	return 0;
}

/* Makes the table n slots (a power of two, more than now), its ids hashed
 * again (a slot keeps only part of the hash); 0 or COMPLIANCE_E_NOMEM. */
static int resize_table(cp_ids *s, const cp_alloc *al, size_t n)
{
	uint32_t *t;
	void *raw;

	if (n > SIZE_MAX / sizeof *t || !(t = big_alloc(al, n * sizeof *t, &raw)))
		return COMPLIANCE_E_NOMEM;
	memset(t, 0, n * sizeof *t);
	cp_free(al, s->slots_raw);
	s->slots = t;
	s->slots_raw = raw;
	s->nslots = n;
	fill_table(s, s->n);
	return 0;
}

/* Doubles the table (or makes the first one); 0 or COMPLIANCE_E_NOMEM. */
static int grow_table(cp_ids *s, const cp_alloc *al)
{
	return resize_table(s, al, s->nslots ? s->nslots * 2 : 64);
}

int cp_ids_reserve(cp_ids *s, const cp_alloc *al, size_t n, size_t nbytes)
{
	size_t slots = s->nslots ? s->nslots : 64;

	if (n > CP_IDS_MAX)
		n = CP_IDS_MAX;
	while (n * 4 > slots * 3)
		slots *= 2;
	if (slots > s->nslots && resize_table(s, al, slots))
		return COMPLIANCE_E_NOMEM;
	if (n > s->capends) {
		if (n > SIZE_MAX / sizeof *s->ends ||
		    big_resize(al, (void **)&s->ends, &s->ends_raw, (s->n + s->npend) * sizeof *s->ends,
		               n * sizeof *s->ends))
			return COMPLIANCE_E_NOMEM;
		s->capends = n;
	}
	if (nbytes > s->capbytes) {
		if (big_resize(al, (void **)&s->bytes, &s->bytes_raw, s->nbytes, nbytes))
			return COMPLIANCE_E_NOMEM;
		s->capbytes = nbytes;
	}
	return 0;
}

int cp_ids_add(cp_ids *s, const cp_alloc *al, const char *id, size_t len)
{
	uint32_t h = (uint32_t)cp_hash(&s->key, id, len);
	size_t at;

	if (s->n && s->slots[probe(s, id, len, h)])
		return COMPLIANCE_E_DUPLICATE;
	if (s->n >= CP_IDS_MAX || len > SIZE_MAX - s->nbytes)
		return COMPLIANCE_E_OVERFLOW;
	/* make room everywhere first: a failure changes nothing */
	if ((s->n + 1) * 4 > s->nslots * 3 && grow_table(s, al))
		return COMPLIANCE_E_NOMEM;
	if (grow(al, (void **)&s->ends, &s->ends_raw, &s->capends, s->n + s->npend, s->n + 1,
	         sizeof *s->ends) ||
	    grow(al, (void **)&s->bytes, &s->bytes_raw, &s->capbytes, s->nbytes, s->nbytes + len, 1))
		return COMPLIANCE_E_NOMEM;
	memcpy(s->bytes + s->nbytes, id, len);
	s->nbytes += len;
	s->ends[s->n] = s->nbytes;
	at = probe(s, id, len, h);
	s->slots[at] = SLOT(s, h, s->n);
	s->n++;
	return 0;
}

int cp_ids_push(cp_ids *s, const cp_alloc *al, const char *id, size_t len)
{
	size_t k = s->n + s->npend;
	uint32_t h;

	if (k >= CP_IDS_MAX || len > SIZE_MAX - s->nbytes)
		return COMPLIANCE_E_OVERFLOW;
	/* room for the whole batch in the table now, so that the slots
	 * prefetched stay where they are */
	if ((k + 1) * 4 > s->nslots * 3 && grow_table(s, al))
		return COMPLIANCE_E_NOMEM;
	if (grow(al, (void **)&s->ends, &s->ends_raw, &s->capends, k, k + 1, sizeof *s->ends) ||
	    grow(al, (void **)&s->bytes, &s->bytes_raw, &s->capbytes, s->nbytes, s->nbytes + len, 1))
		return COMPLIANCE_E_NOMEM;
	h = (uint32_t)cp_hash(&s->key, id, len);
#if defined(__GNUC__)
	__builtin_prefetch(&s->slots[h & (s->nslots - 1)], 0, 1);
#endif
	memcpy(s->bytes + s->nbytes, id, len);
	s->nbytes += len;
	s->ends[k] = s->nbytes;
	s->pend_hash[s->npend++] = h;
	return 0;
}

int cp_ids_flush(cp_ids *s, size_t *dup, const char **id, size_t *len)
{
	size_t i, npend = s->npend;

	s->npend = 0;
	for (i = 0; i < npend; i++) {
		size_t a = id_start(s, s->n), l = (size_t)s->ends[s->n] - a;
		uint32_t h = s->pend_hash[i];
		size_t at = probe(s, s->bytes + a, l, h);
		if (s->slots[at]) {
			/* a duplicate: it and the ids after it are dropped */
			*dup = i;
			*id = s->bytes + a;
			*len = l;
			s->nbytes = a;
			return COMPLIANCE_E_DUPLICATE;
		}
		s->slots[at] = SLOT(s, h, s->n);
		s->n++;
	}
	return 0;
}

void cp_ids_discard(cp_ids *s)
{
	if (s->npend) {
		s->nbytes = id_start(s, s->n);
		s->npend = 0;
	}
}

/* Empties slot i, moving later entries of its run back (linear probing
 * needs no tombstones). */
static void remove_slot(cp_ids *s, size_t i)
{
	size_t mask = s->nslots - 1, j = i;

	for (;;) {
		size_t home;
		j = (j + 1) & mask;
		if (!s->slots[j])
			break;
		home = id_hash(s, SLOT_INDEX(s, s->slots[j])) & mask;
		/* move j to i unless its home lies cyclically in (i, j] */
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			s->slots[i] = s->slots[j];
			i = j;
		}
	}
	s->slots[i] = 0;
}

void cp_ids_truncate(cp_ids *s, size_t n)
{
	cp_ids_discard(s);
	if (n < s->n && s->n - n > n) {
		/* most go: the table made again from those that stay */
		memset(s->slots, 0, s->nslots * sizeof *s->slots);
		s->nbytes = id_start(s, n);
		s->n = n;
		fill_table(s, n);
		return;
	}
	while (s->n > n) {
		size_t last = s->n - 1, a = id_start(s, last), len = (size_t)s->ends[last] - a;
		uint32_t h = (uint32_t)cp_hash(&s->key, s->bytes + a, len);
		size_t i = probe(s, s->bytes + a, len, h);

		if (s->slots[i])
			remove_slot(s, i);
		s->nbytes = a;
		s->n--;
	}
}
