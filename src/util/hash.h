/*
 * The one hash of the library: SipHash-1-3 under a per-table random key, so
 * that crafted names or ids cannot be chosen to collide (hash flooding).
 */
#ifndef COMPLIANCE_HASH_H
#define COMPLIANCE_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct cp_hash_key {
	uint64_t k0, k1;
} cp_hash_key;

/* A fresh random key (getrandom(2); where that fails, a mix of the clock,
 * the process id and addresses, still different per table). */
void cp_hash_key_init(cp_hash_key *key);

/* SipHash-1-3 of data[0..len) under key. */
uint64_t cp_hash(const cp_hash_key *key, const void *data, size_t len);

#endif
