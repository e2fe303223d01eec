/*
 * The respondent ids of a survey, for the duplicate check: the id bytes
 * one after another in one buffer, the end of each in an array, and an
 * open-addressing table (linear probing, load factor at most 3/4, 2^b
 * slots) of 32-bit slots: the id's index + 1 in the low b bits, the high
 * 32 - b bits of the id's keyed hash above them (its low b bits place
 * it). The hash is SipHash under a random key per set (util/hash.h), so
 * crafted ids cannot be made to collide. A slot keeps only part of the
 * hash: growing the table hashes the ids again (issue 13: half the
 * memory of 64-bit slots, and the table is what the check waits on).
 *
 * Cost beyond the id bytes: 8 bytes of end offset (arrays grown by half:
 * at most 12) and 4 bytes a slot (at most 10.7 just after the table
 * doubled), plus at most half the id bytes of slack in their buffer:
 * about 28 bytes an id at worst for ids of 10 bytes. Blocks of 4 MiB and
 * more are rounded up to whole 2 MiB huge pages (skm_ids.c).
 */
#ifndef COMPLIANCE_SKM_IDS_H
#define COMPLIANCE_SKM_IDS_H

#include <stddef.h>
#include <stdint.h>

#include "util/hash.h"
#include "util/util.h"

/* Most ids one set holds (the table's slots keep a 32-bit index). */
#define CP_IDS_MAX ((size_t)1 << 31)

/* Ids a batch holds before it is inserted (cp_ids_push()). */
#define CP_IDS_BATCH 32

typedef struct cp_ids {
	cp_hash_key key;
	char *bytes;      /* the ids, one after another (the pending ones last) */
	void *bytes_raw, *ends_raw, *slots_raw; /* the blocks allocated (big_alloc()) */
	size_t nbytes, capbytes;
	uint64_t *ends;   /* ends[i]: where id i ends in bytes */
	size_t n, capends;
	uint32_t *slots;  /* 0: empty (skm_ids.c: SLOT()) */
	size_t nslots;    /* 0 or a power of two */
	/* the batch (issue 13): ids n .. n + npend - 1 are in bytes and ends,
	 * hashed, their slots prefetched, not yet in the table */
	uint32_t pend_hash[CP_IDS_BATCH];
	size_t npend;
} cp_ids;

/* An empty set with a fresh random key. */
void cp_ids_init(cp_ids *s);
void cp_ids_free(cp_ids *s, const cp_alloc *al);

/* Adds an id: 0; COMPLIANCE_E_DUPLICATE (it is there already);
 * COMPLIANCE_E_NOMEM or COMPLIANCE_E_OVERFLOW (CP_IDS_MAX ids), the set
 * unchanged then. */
int cp_ids_add(cp_ids *s, const cp_alloc *al, const char *id, size_t len);

/* Adds an id to the batch without looking it up: its bytes kept, its hash
 * taken and its slot prefetched, so that cp_ids_flush() finds the slots of
 * a whole batch in the cache. 0, or COMPLIANCE_E_NOMEM /
 * COMPLIANCE_E_OVERFLOW with nothing changed. At most CP_IDS_BATCH ids
 * wait: flush when s->npend reaches it. */
int cp_ids_push(cp_ids *s, const cp_alloc *al, const char *id, size_t len);

/* Inserts the batch in the order it was pushed: 0; or
 * COMPLIANCE_E_DUPLICATE for the first pushed id that is in the set
 * already (or earlier in the batch): *dup its position in the batch,
 * *id and *len its bytes (valid until the next push), and neither it nor any
 * id pushed after it kept. Leaves the batch empty. Checked against
 * cp_ids_add() by tests/unit/test_internal_csv_fast.c. */
int cp_ids_flush(cp_ids *s, size_t *dup, const char **id, size_t *len);

/* Drops the batch. */
void cp_ids_discard(cp_ids *s);

/* Makes room for n ids of nbytes bytes in all (a guess: more ids still
 * fit, fewer waste the room), so that a read of a known size fills its
 * table and buffers without growing them: 0 or COMPLIANCE_E_NOMEM (the
 * set unchanged but for room). */
int cp_ids_reserve(cp_ids *s, const cp_alloc *al, size_t n, size_t nbytes);

/* 1 when the id is in the set. */
int cp_ids_contains(const cp_ids *s, const char *id, size_t len);

/* Removes the ids added after the first n (n <= s->n), newest first (and
 * the batch). */
void cp_ids_truncate(cp_ids *s, size_t n);

#endif
